"""EMG SOM31/mid-term/02 (23 April 2025): the seventh note of the long series, written for testing.

Layout: Tasks | Progress | Next steps, sections "a)". A new section on the Ocean Conference."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM_RENAMED, ESS, EWASTE, IMG, NEXUS, OCEAN, PART_I, PART_II_RENAMED,
                     PART_III_RENAMED, PEER, RECOVERY_RENAMED, RIGHTS, O, header, meta, row)

SYMBOL = "EMG SOM31/mid-term/02"
TITLE = "Mid-Term Progress Report"

NOTE = Note(
    name="som31-midterm",
    provenance="written for testing",
    layout=Layout(headers=("Tasks", "Progress", "Next steps")),
    meta=meta(SYMBOL, TITLE, "mid-term", 31, "2025-04-23"),
    header_lines=header("Mid-Term Technical Segment of the 31st Senior Officials Meeting", "23 April 2025",
                        "Microsoft Teams", "from 2:00 p.m. to 4:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made on the decisions of the 30th Senior Officials Meeting of 26 September 2024 and sets out the next steps for the remainder of 2025."],
    parts=[
        Part("I", PART_I, [
            Section("a)", BIO_RENAMED, [
                row("bio-approach", [Item(O, ["A stocktaking of the pilots was completed in March: 21 country teams have applied the common approach. The findings are summarized in the annex."], "Ongoing:")],
                    ["Integrate the common approach into the guidance for Cooperation Frameworks by September 2025."], version=5),
                row("bio-review", [Item(O, ["The synthesis was submitted to CBD COP16 and presented at a side event on 25 October 2024. COP16 was suspended before adopting its decision on the global review and resumed in Rome in February 2025."], "Ongoing:")],
                    ["Prepare a UN system input to the global review at CBD COP17 in 2026."]),
            ]),
            Section("b)", EWASTE, [
                row("ew-coalition", [Item(O, ["A report on the work of the Coalition in 2023-2025 is being drafted; the members agreed to continue the Coalition under ITU leadership after 2025."], "Ongoing:")],
                    ["Present the report and the transition plan to the Senior Officials in September 2025."], version=1),
            ]),
            Section("c)", CHEM_RENAMED, [
                row("chem-plastics", [Item(O, ["The fifth session in Busan closed in December 2024 without agreement and will resume in Geneva in August 2025. A mapping of UN system support for implementation was started."], "Ongoing:")],
                    ["Complete the mapping before the resumed session in August 2025."], version=1),
            ]),
            Section("d)", OCEAN, [
                row("ocean", [Item(O, ["A drafting group of ten entities prepared an outline of the joint contribution."], "Ongoing:")],
                    ["Present the contribution at the Conference in Nice, 9 to 13 June 2025."]),
            ]),
        ]),
        Part("II", PART_II_RENAMED, [
            Section("a)", ESS, [
                row("ess-guidance", [Item(O, ["The findings of the review are annexed; most entities ask for a simpler checklist."], "Ongoing:")],
                    ["Prepare a checklist on the Model Approach by September 2025."], version=1),
            ]),
            Section("b)", IMG, [
                row("img-ghg", [Item(O, ["The Greening the Blue Report 2024 was published in December. Data collection for 2024 opened in March 2025."], "Ongoing:")],
                    ["Publish the 2024 emissions data in the Greening the Blue Report 2025."], version=1),
                row("img-waste", [Item(O, ["The waste, water and plastics data were published in the Greening the Blue Report 2024 in December."], "Ongoing:")],
                    ["Collect the 2024 data by June 2025."], version=1),
                row("img-pilot", [Item(O, ["The course was launched system-wide on 18 November 2024; 3,100 staff had completed it by March 2025."], "Ongoing:")],
                    ["Report on the uptake of the course in September 2025."]),
            ]),
            Section("c)", PEER, [
                row("peer-volunteer", [Item(O, ["The review of ITC was postponed to 2026 at its request."], "Ongoing:")],
                    ["Invite agencies to volunteer for reviews in 2026."]),
                row("peer-followup", [Item(O, ["No action this period."], "Ongoing:")],
                    ["Repeat the questionnaire in 2026."]),
            ]),
        ]),
        Part("III", PART_III_RENAMED, [
            Section("a)", NEXUS, [
                row("nex-themes", [Item(O, ["No new themes were received."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
                row("nex-monitoring", [Item(O, ["The dialogue was held online on 27 February 2025 with 300 participants."], "Ongoing:")],
                    ["Publish a summary with recommendations by June 2025."]),
            ]),
            Section("b)", RECOVERY_RENAMED, [
                row("rec-finance", [Item(O, ["The paper is being edited."], "Ongoing:")],
                    ["Publish the paper before the Conference in Seville, 30 June to 3 July 2025."], version=1),
            ]),
            Section("c)", RIGHTS, [
                row("hr-right", [Item(O, ["The training module was launched in February 2025."], "Ongoing:")],
                    ["Report on its use in September 2025."]),
                row("hr-defenders", [Item(O, ["A first draft was shared with the focal points in March 2025."], "Ongoing:")],
                    ["Finalize the guidance note by September 2025."]),
            ]),
        ]),
    ],
)
