"""EMG SOM29/02 (18 October 2023): the fourth note of the long series, written for testing.

Layout: one table for the note, part and section headings as merged rows, Task | Progress made
| Next Steps, the symbol only in the page header, page numbers, plain status labels. Part III
and the recovery section are renamed; the training task is split in two; a peer review of
another agency is requested in the words of the completed UNIDO review."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM, ESS, EWASTE, IMG, NEXUS, PART_I, PART_II, PART_III_RENAMED, PEER,
                     RECOVERY_RENAMED, RIGHTS, C, NS, O, header, meta, row)

SYMBOL = "EMG SOM29/02"
TITLE = "Progress Report on the Work of the Issue Management Groups and Consultative Processes"

NOTE = Note(
    name="som29-annual",
    provenance="written for testing",
    layout=Layout(headers=("Task", "Progress made", "Next Steps"), repeat_header=True, single_table=True,
                  symbol_in_page_header=True, page_numbers=True, bold_labels=False, font_size=10),
    meta=meta(SYMBOL, TITLE, "annual", 29, "2023-10-18"),
    header_lines=header("Twenty-ninth Meeting of the Senior Officials of the Environment Management Group",
                        "18 October 2023", "Virtual meeting (Microsoft Teams)",
                        "from 2:00 p.m. to 5:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made since the mid-term technical segment of 26 April 2023. It is submitted to the 29th Senior Officials Meeting for information and for decisions on the way forward."],
    parts=[
        Part("I", PART_I, [
            Section("a)", BIO_RENAMED, [
                row("bio-approach", [Item(O, ["The roll-out plan was agreed with the UN Development Coordination Office in May and presented to resident coordinators at a briefing on 14 June. Twelve UN country teams volunteered to pilot the approach."], "Ongoing:")],
                    ["Support the twelve pilot country teams during the preparation of their Cooperation Frameworks in 2024."], version=3),
            ]),
            Section("b)", EWASTE, [
                row("ew-coalition", [Item(O, ["A draft guidance on the circular procurement of electronics was reviewed by the procurement network of the High-Level Committee on Management in July."], "Ongoing:")],
                    ["Publish the guidance by the end of 2023 and start country support in two pilot countries in 2024."], version=1),
            ]),
            Section("c)", CHEM, [
                row("chem-framework", [Item(C, ["The Global Framework on Chemicals was adopted at ICCM5 in Bonn on 30 September 2023. The UN system side event was held on 26 September with 120 participants."], "Completed:")]),
                row("chem-plastics", [Item(O, ["Joint inputs were delivered at the second session of the Committee in Paris in June 2023."], "Ongoing:")],
                    ["Comment on the zero draft of the instrument before the third session in Nairobi in November 2023."]),
            ]),
        ]),
        Part("II", PART_II, [
            Section("a)", ESS, [
                row("ess-guidance", [Item(O, ["The draft note on biodiversity safeguards was shared in June and discussed at a workshop on 7 September."], "Ongoing:")],
                    ["Publish the note on biodiversity safeguards by March 2024."]),
                row("ess-safeguards", [Item(O, ["The revised draft was consulted with eight UN country teams between June and August."], "Ongoing:")],
                    ["Finalize the common approach in the first half of 2024."], version=1),
            ]),
            Section("b)", IMG, [
                row("img-ghg", [Item(O, ["Emissions data for 2022 were received from 60 entities."], "Ongoing:")],
                    ["Publish the Greening the Blue Report 2023 in December, with a new section on emissions from air travel."]),
                row("img-waste", [Item(O, ["Waste data for 2022 were received from 50 entities; 31 entities reported on single-use plastics."], "Ongoing:")],
                    ["Publish the Greening the Blue Report 2023 in December."]),
                row("img-training", [Item(O, ["All six modules were completed in July; their translation into the other official languages started in September."], "Ongoing:")],
                    ["Complete the translations by June 2024."], version=1),
                row("img-pilot", [Item(O, ["The pilot started on 2 October 2023 with 240 staff of UNEP, UNDP, FAO, WFP and UNHCR."], "Ongoing:")],
                    ["Evaluate the pilot in the first quarter of 2024."]),
            ]),
            Section("c)", PEER, [
                row("peer-wmo", [Item(NS, [], "Not yet started.")],
                    ["Agree on the terms of reference of the review with WMO by the end of 2023."]),
                row("peer-volunteer", [Item(O, ["No further agency has volunteered yet."], "Ongoing:")],
                    ["Invite further agencies to volunteer for reviews in 2024-2025."]),
                row("peer-followup", [Item(O, ["The next round of the questionnaire is planned for 2024."], "Ongoing:")],
                    ["Send the questionnaire in the first half of 2024."]),
            ]),
        ]),
        Part("III", PART_III_RENAMED, [
            Section("a)", NEXUS, [
                row("nex-themes", [Item(O, ["No new themes were received."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
            ]),
            Section("b)", RECOVERY_RENAMED, [
                row("rec-finance", [Item(O, ["The first draft was shared with the focal points in July; their comments asked to widen the paper to development finance and to pollution."], "Ongoing:")],
                    ["Revise the paper to cover development finance and pollution goals."]),
            ]),
            Section("c)", RIGHTS, [
                row("hr-right", [Item(O, ["The mapping covers 23 entities and is annexed."], "Ongoing:")],
                    ["Prepare a joint UN system statement on the right to a healthy environment for the 75th anniversary of the Universal Declaration of Human Rights in December 2023."]),
            ]),
        ]),
    ],
)
