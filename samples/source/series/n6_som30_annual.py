"""EMG SOM30/02 (26 September 2024): the sixth note of the long series, written for testing.

Layout: part headings in one-cell tables of their own, Tasks | Progress | Next Steps, sections
"(a)". The recovery paper is back after one note, re-worded; a new Nexus Dialogue on digital
technologies is another dialogue than the one on their footprint, dropped after the third note."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM_RENAMED, ESS, EWASTE, IMG, NEXUS, PART_I, PART_II_RENAMED,
                     PART_III_RENAMED, PEER, RECOVERY_RENAMED, RIGHTS, C, NS, O, header, meta, row)

SYMBOL = "EMG SOM30/02"
TITLE = "Progress Report on the Work of the Issue Management Groups and Consultative Processes"

NOTE = Note(
    name="som30-annual",
    provenance="written for testing",
    layout=Layout(part_banners=True, headers=("Tasks", "Progress", "Next Steps"), font_size=11.5),
    meta=meta(SYMBOL, TITLE, "annual", 30, "2024-09-26"),
    header_lines=header("Thirtieth Meeting of the Senior Officials of the Environment Management Group",
                        "26 September 2024", "Virtual meeting (Microsoft Teams)",
                        "from 2:00 p.m. to 5:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made since the mid-term technical segment of 24 April 2024. It is submitted to the 30th Senior Officials Meeting for information and for decisions on the way forward."],
    parts=[
        Part("I", PART_I, [
            Section("(a)", BIO_RENAMED, [
                row("bio-approach", [Item(O, ["Country teams in Colombia, Kenya and Viet Nam used the common approach to support the update of national biodiversity strategies and action plans. A community of practice of 40 country-level focal points was launched in July."], "Ongoing:")],
                    ["Take stock of the pilots and report to the Senior Officials in April 2025."], version=5),
                row("bio-review", [Item(O, ["The call for contributions was sent in June; fourteen entities have provided information on their support to the implementation of the Framework."], "Ongoing:")],
                    ["Submit a synthesis to CBD COP16 in Cali in October 2024 and present it at a side event."]),
            ]),
            Section("(b)", EWASTE, [
                row("ew-coalition", [Item(O, ["National e-waste dialogues were held in Ghana in June and in Rwanda in August."], "Ongoing:")],
                    ["Prepare a report on the work of the Coalition and options for its future beyond 2025 for the mid-term segment in 2025."], version=1),
            ]),
            Section("(c)", CHEM_RENAMED, [
                row("chem-plastics", [Item(O, ["The contact group took part in the intersessional expert meetings in August 2024."], "Ongoing:")],
                    ["Attend the fifth session in Busan and map UN system support for the implementation of the instrument."], version=1),
            ]),
        ]),
        Part("II", PART_II_RENAMED, [
            Section("(a)", ESS, [
                row("ess-guidance", [Item(O, ["The review of the Model Approach started in June with a survey of 22 entities."], "Ongoing:")],
                    ["Present the findings of the review to the mid-term segment in April 2025."], version=1),
                row("ess-safeguards", [Item(C, ["The common approach was finalized and is submitted to the Senior Officials for adoption (annex III)."], "Completed:")],
                    version=1),
            ]),
            Section("(b)", IMG, [
                row("img-ghg", [Item(O, ["Emissions data for 2023 were received from 61 entities; air travel accounts for 39 per cent of the total."], "Ongoing:")],
                    ["Publish the Greening the Blue Report 2024 in December."], version=1),
                row("img-waste", [Item(O, ["Data on single-use plastics for 2023 were received from 44 entities."], "Ongoing:")],
                    ["Publish the waste, water and plastics data in the Greening the Blue Report 2024."], version=1),
                row("img-training", [Item(C, ["The course is available in the six official languages since August 2024."], "Completed:")],
                    version=1),
                row("img-pilot", [Item(O, ["The shortened modules were tested in July; the system-wide launch is planned for November."], "Ongoing:")],
                    ["Launch the course system-wide on the platform of the UN System Staff College in November 2024."]),
            ]),
            Section("(c)", PEER, [
                row("peer-wmo", [Item(C, ["The final report of the peer review of WMO was shared with WMO's management in August 2024."], "Completed:")]),
                row("peer-volunteer", [Item(O, ["ITC confirmed its interest; its review is planned for 2025."], "Ongoing:")],
                    ["Invite agencies to volunteer for reviews in 2026."]),
                row("peer-followup", [Item(O, ["Seven of the eight agencies replied; the summary is annexed."], "Ongoing:")],
                    ["Repeat the questionnaire in 2026."]),
            ]),
        ]),
        Part("III", PART_III_RENAMED, [
            Section("(a)", NEXUS, [
                row("nex-fashion", [Item(C, ["The dialogue was held in Geneva on 12 June 2024 with 180 participants; a summary is available on the EMG website."], "Completed:")]),
                row("nex-themes", [Item(O, ["WMO and ITU proposed a dialogue on digital technologies for environmental monitoring, taken up below."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
                row("nex-monitoring", [Item(NS, [], "Not yet started.")],
                    ["Hold the dialogue with WMO and ITU in the first quarter of 2025."]),
            ]),
            Section("(b)", RECOVERY_RENAMED, [
                row("rec-finance", [Item(O, ["The revised paper now covers recovery and development finance and pollution goals; it was discussed with the IMF and the World Bank in July."], "Ongoing:")],
                    ["Publish the paper before the Fourth International Conference on Financing for Development in 2025."], version=1),
            ]),
            Section("(c)", RIGHTS, [
                row("hr-right", [Item(O, ["A training module is being developed with OHCHR."], "Ongoing:")],
                    ["Launch the training module in early 2025."]),
                row("hr-defenders", [Item(O, ["A drafting group with OHCHR, UNEP and UNDP was formed in June."], "Ongoing:")],
                    ["Share a first draft of the guidance note in early 2025."]),
            ]),
        ]),
    ],
)
