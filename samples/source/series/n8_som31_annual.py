"""EMG SOM31/02 (25 September 2025): the eighth and last note of the long series, written for testing.

Layout: no cell borders at all, Tasks | Status | Way forward, sections "(a)". Several tasks
close (the common approach, the E-waste Coalition's mandate, the pilot, the recovery paper)."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM_RENAMED, ESS, EWASTE, IMG, NEXUS, OCEAN, PART_I, PART_II_RENAMED,
                     PART_III_RENAMED, PEER, RECOVERY_RENAMED, RIGHTS, C, O, header, meta, row)

SYMBOL = "EMG SOM31/02"
TITLE = "Progress Report on the Work of the Issue Management Groups and Consultative Processes"

NOTE = Note(
    name="som31-annual",
    provenance="written for testing",
    layout=Layout(table_style=None, headers=("Tasks", "Status", "Way forward")),
    meta=meta(SYMBOL, TITLE, "annual", 31, "2025-09-25"),
    header_lines=header("Thirty-first Meeting of the Senior Officials of the Environment Management Group",
                        "25 September 2025", "Virtual meeting (Microsoft Teams)",
                        "from 2:00 p.m. to 5:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made since the mid-term technical segment of 23 April 2025. It is submitted to the 31st Senior Officials Meeting for information and for decisions on the way forward."],
    parts=[
        Part("I", PART_I, [
            Section("(a)", BIO_RENAMED, [
                row("bio-approach", [Item(C, ["The common approach was integrated into the guidance for Cooperation Frameworks issued by the UN Development Coordination Office in July 2025."], "Completed:")],
                    ["Country teams will be supported by the UN Development Coordination Office; no further action is required from the EMG."], version=6),
                row("bio-review", [Item(O, ["A drafting group of nine entities was formed in June to prepare the UN system input to the global review."], "Ongoing:")],
                    ["Share a first draft with the focal points by the end of 2025."]),
            ]),
            Section("(b)", EWASTE, [
                row("ew-coalition", [Item(C, ["The report and the transition plan are presented to the Senior Officials for endorsement (annex II). From January 2026 the Coalition will continue under ITU leadership, without EMG support."], "Completed:")],
                    version=1),
            ]),
            Section("(c)", CHEM_RENAMED, [
                row("chem-plastics", [Item(O, ["The mapping of UN system support for implementation was completed in July. The resumed fifth session in Geneva ended on 15 August 2025 without a treaty text."], "Ongoing:")],
                    ["Continue supporting the negotiations at the next session, expected in 2026."], version=1),
            ]),
            Section("(d)", OCEAN, [
                row("ocean", [Item(C, ["The joint contribution was presented at a side event of the UN Ocean Conference on 10 June 2025."], "Completed:")]),
            ]),
        ]),
        Part("II", PART_II_RENAMED, [
            Section("(a)", ESS, [
                row("ess-guidance", [Item(O, ["A draft checklist was tested by four entities in July and August."], "Ongoing:")],
                    ["Publish the checklist by the end of 2025."], version=1),
            ]),
            Section("(b)", IMG, [
                row("img-ghg", [Item(O, ["Emissions data for 2024 were received from 62 entities and are being verified."], "Ongoing:")],
                    ["Publish the Greening the Blue Report 2025 in December."], version=1),
                row("img-waste", [Item(O, ["Waste, water and plastics data for 2024 were received from 53 entities."], "Ongoing:")],
                    ["Publish the data in the Greening the Blue Report 2025."], version=1),
                row("img-pilot", [Item(C, ["The pilot was concluded and the course is now part of the induction of new staff in fourteen entities; 6,800 staff have completed it."], "Completed:")]),
            ]),
            Section("(c)", PEER, [
                row("peer-volunteer", [Item(O, ["No new agency has volunteered."], "Ongoing:")],
                    ["Invite agencies to volunteer for reviews in 2026."]),
                row("peer-followup", [Item(O, ["No action this period."], "Ongoing:")],
                    ["Repeat the questionnaire in 2026."]),
            ]),
        ]),
        Part("III", PART_III_RENAMED, [
            Section("(a)", NEXUS, [
                row("nex-themes", [Item(O, ["No new themes were received."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
                row("nex-monitoring", [Item(C, ["The summary with recommendations was published in May 2025."], "Completed:")]),
            ]),
            Section("(b)", RECOVERY_RENAMED, [
                row("rec-finance", [Item(C, ["The paper was launched at a side event of the Fourth International Conference on Financing for Development in Seville on 1 July 2025."], "Completed:")],
                    version=1),
            ]),
            Section("(c)", RIGHTS, [
                row("hr-right", [Item(O, ["Some 900 staff have taken the training module."], "Ongoing:")],
                    ["Review the module in 2026."]),
                row("hr-defenders", [Item(O, ["Comments from twelve entities are being addressed."], "Ongoing:")],
                    ["Finalize the guidance note by the end of 2025."]),
            ]),
        ]),
    ],
)
