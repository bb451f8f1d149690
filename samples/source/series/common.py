"""What the eight notes of the long series share: the labelled row, the header block, the
section titles (some renamed on the way) and the task wordings used in more than one note.

Each row carries a `label` naming the task it belongs to, written by hand: rows with one label
are one task, whatever their wording, section or note. This is the truth the linking tests
compare task keys with (tests/fixtures/series/truth.json, written by samples/build_series.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..spec import Row

C, O, P, NS, X, OH = "completed", "ongoing", "postponed", "not_started", "cancelled", "on_hold"
ORGANIZATION = "Environment Management Group"


@dataclass
class TaskRow(Row):
    """A row of a note with the hand-written name of the task it belongs to."""

    label: str = ""


def header(meeting: str, date: str, venue: str, hours: str, symbol: str, title: str) -> list:
    """The header block of a note, one (text, style) pair per paragraph."""
    return [
        ("UNITED NATIONS", "org"),
        ("ENVIRONMENT MANAGEMENT GROUP", "org"),
        (meeting, "meeting"),
        (date, "plain"),
        (venue, "plain"),
        (hours, "plain"),
        (symbol, "symbol"),
        ("Distribution: EMG members", "symbol"),
        (title, "title"),
        ("Note by the Secretariat", "byline"),
    ]


def meta(symbol: str, title: str, segment: str, number: int, date: str) -> dict:
    return dict(organization=ORGANIZATION, symbol=symbol, title=title, segment=segment,
                meeting_number=number, meeting_date=date)


# Part and section titles. Renamed on the way: the biodiversity section once the Kunming-Montreal
# Framework is adopted (from the third note), the recovery section and part III (from the
# fourth), the chemicals section and part II (from the fifth).
PART_I = "Collaboration on Global Environmental Issues"
PART_II = "Enhancing UN environmental and social sustainability"
PART_II_RENAMED = "Environmental and Social Sustainability in the UN System"
PART_III = "Supporting the UN Sustainable Development Goals"
PART_III_RENAMED = "Supporting the 2030 Agenda for Sustainable Development"
BIO = "Consultative Process on Biodiversity"
BIO_RENAMED = "UN System Support to the Kunming-Montreal Global Biodiversity Framework"
EWASTE = "The E-waste Coalition"
CHEM = "Consultative Process on Chemicals and Waste"
CHEM_RENAMED = "Chemicals, Waste and Pollution"
ESS = "Consultations on Environmental and Social Sustainability (ESS) in the United Nations system"
IMG = "The IMG on Environmental Sustainability Management in the United Nations system"
PEER = "Peer Review of environmental management of United Nations organisations"
NEXUS = "EMG Nexus Dialogues"
RECOVERY = "Greening the COVID-19 recovery"
RECOVERY_RENAMED = "Green and Resilient Recovery"
RIGHTS = "Environment and Human Rights"
OCEAN = "The 2025 UN Ocean Conference"  # a section new in the seventh note

# Task wordings used in more than one note, by label; where a task is re-worded, one entry
# per wording in the order the notes use them.
WORDING = {
    # drift: re-worded a little in almost every note, the first and last wordings far apart
    "bio-approach": [
        "Prepare a UN system common approach to integrating biodiversity and nature-based solutions into UN policy and programme planning and delivery.",
        "Finalize the UN system common approach to integrating biodiversity and nature-based solutions into policy and programme planning, and present it to the Senior Officials for endorsement.",
        "Roll out the UN system common approach to biodiversity, as endorsed by the Senior Officials, in line with the Kunming-Montreal Global Biodiversity Framework.",
        "Roll out the common approach to biodiversity in UN country teams, in line with the Kunming-Montreal Global Biodiversity Framework.",
        "Support UN country teams in applying the common approach to biodiversity when preparing Cooperation Frameworks.",
        "Support UN country teams in applying the biodiversity common approach to Cooperation Frameworks and to national biodiversity strategies and action plans.",
        "Support UN country teams in aligning Cooperation Frameworks and national biodiversity strategies and action plans (NBSAPs) with the Kunming-Montreal Framework through the common approach.",
    ],
    "bio-input": [
        "Provide coordinated UN system input to the negotiations of the post-2020 Global Biodiversity Framework at the fourth meeting of the Open-ended Working Group and at the fifteenth meeting of the Conference of the Parties to the CBD.",
    ],
    # new in the fifth note, worded like bio-input, completed two notes before: another task
    "bio-review": [
        "Provide coordinated UN system input to the global review of collective progress in the implementation of the Kunming-Montreal Global Biodiversity Framework at the sixteenth meeting of the Conference of the Parties to the CBD.",
    ],
    # re-mandate: the same task adopted anew with another verb, term and focus
    "ew-coalition": [
        "Extend the mandate of the EMG to support the E-waste Coalition until the end of 2022, so that it can finalize its work programme and mobilize resources for an independent secretariat.",
        "Renew the mandate of the E-waste Coalition until 2025, with a focus on the circular procurement of electronics by UN entities and on support to countries in building e-waste management systems.",
    ],
    "chem-framework": [
        "Contribute to the preparation of the global framework on chemicals and waste beyond 2020 through a joint UN system submission to the intersessional process.",
    ],
    "chem-plastics": [
        "Coordinate UN system support to the negotiations of an international legally binding instrument on plastic pollution, including in the marine environment.",
        "Coordinate UN system support to the negotiations of an international legally binding instrument on plastic pollution, including in the marine environment, and prepare for its implementation.",
    ],
    "ess-guidance": [
        "Develop tools and guidance notes to harmonize the operationalization of the Model Approach to Environmental and Social Standards for UN Programming.",
        "Develop tools and guidance notes to harmonise the operationalisation of the Model Approach to Environmental and Social Standards for UN Programming.",
    ],
    # move: from the recovery section (part III) to the ESS section (part II), re-worded
    "ess-safeguards": [
        "Develop a common approach to environmental and social safeguards for the COVID-19 recovery programmes of UN entities.",
        "Develop a common approach to environmental and social safeguards for the recovery and resilience programmes of UN entities.",
    ],
    # side-by-side look-alikes, each re-worded in the fifth note
    "img-ghg": [
        "Compile the annual inventory of greenhouse gas emissions of UN entities for the Greening the Blue Report.",
        "Compile the annual inventory of greenhouse gas emissions of UN entities, including emissions from air travel, for the Greening the Blue Report.",
    ],
    "img-waste": [
        "Compile the annual inventory of waste and water use of UN entities for the Greening the Blue Report.",
        "Compile the annual inventory of waste, water use and single-use plastics of UN entities for the Greening the Blue Report.",
    ],
    # split in the fourth note: developing the course goes on (this label), piloting becomes
    # a task of its own (img-pilot)
    "img-training": [
        "Develop and pilot an online training course on environmental sustainability management for UN staff.",
        "Develop an online training course on environmental sustainability management for UN staff, in the six official languages of the United Nations.",
    ],
    "img-pilot": [
        "Pilot the online training course on environmental sustainability management with five UN entities before its system-wide launch.",
    ],
    "peer-unido": ["Conduct a peer review of the environmental management of UNIDO."],
    # new in the fourth note, the same request for another agency, after peer-unido completed
    "peer-wmo": ["Conduct a peer review of the environmental management of WMO."],
    "peer-volunteer": ["Invite EMG members to volunteer for a peer review of their environmental management."],
    "peer-followup": ["Invite peer-reviewed agencies to report on the implementation of the recommendations of their peer reviews."],
    # gap: absent from the third and fourth notes, back in the fifth
    "nex-fashion": ["Hold a Nexus Dialogue on sustainable fashion and the circular economy."],
    "nex-themes": ["Invite UN entities to propose themes for future Nexus Dialogues."],
    # dropped after the third note; nex-monitoring, new in the sixth, is another dialogue
    "nex-digital": ["Hold a Nexus Dialogue on the environmental footprint of digital technologies."],
    "nex-monitoring": ["Hold a Nexus Dialogue on digital technologies for environmental monitoring and early warning."],
    "rec-webinars": ["Organize a UN system webinar series on nature-based solutions for a green and resilient recovery."],
    "rec-tracker": ["Develop an online tracker of the green recovery measures of UN entities."],
    # gap of one note (the fifth), back re-worded
    "rec-finance": [
        "Prepare a joint UN system paper on aligning recovery finance with climate and biodiversity goals.",
        "Prepare a joint UN system paper on aligning recovery and development finance with climate, biodiversity and pollution goals.",
    ],
    "hr-right": ["Support UN entities in giving effect to the recognition of the human right to a clean, healthy and sustainable environment by the General Assembly in resolution 76/300."],
    "hr-defenders": ["Prepare a UN system guidance note on the protection of environmental human rights defenders."],
    "ocean": ["Prepare a joint contribution of EMG members to the 2025 UN Ocean Conference in Nice."],
}


def task(label: str, version: int = 0) -> list:
    """The task cell (one paragraph) of `label` in its `version`-th wording."""
    return [WORDING[label][version]]


LEAD = "Lead agency"


def row(label: str, progress: list, next_steps: tuple = (), version: int = 0, lead: str | None = None) -> TaskRow:
    """A row of task `label` in its `version`-th wording; `lead` fills a Lead agency column."""
    return TaskRow(task=task(label, version), progress=progress, next_steps=list(next_steps),
                   extra={LEAD: [lead]} if lead else {}, label=label)
