"""EMG SOM30/mid-term/02 (24 April 2024): the fifth note of the long series, written for testing.

Layout: Word's "Light Shading" table style (rules under the header only), sections "a.". Part II
and the chemicals section are renamed; the Nexus Dialogue on fashion is back after two notes;
the recovery section is gone for this note (its one task comes back in the next); a request for
input to the global review is worded like the negotiation input completed two notes before."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM_RENAMED, ESS, EWASTE, IMG, NEXUS, PART_I, PART_II_RENAMED,
                     PART_III_RENAMED, PEER, RIGHTS, NS, O, header, meta, row)

SYMBOL = "EMG SOM30/mid-term/02"
TITLE = "Mid-Term Progress Report"

NOTE = Note(
    name="som30-midterm",
    provenance="written for testing",
    layout=Layout(table_style="Light Shading"),
    meta=meta(SYMBOL, TITLE, "mid-term", 30, "2024-04-24"),
    header_lines=header("Mid-Term Technical Segment of the 30th Senior Officials Meeting", "24 April 2024",
                        "Microsoft Teams", "from 2:00 p.m. to 4:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made on the decisions of the 29th Senior Officials Meeting of 18 October 2023 and sets out the next steps for the remainder of 2024."],
    parts=[
        Part("I", PART_I, [
            Section("a.", BIO_RENAMED, [
                row("bio-approach", [Item(O, ["Nine of the twelve pilot country teams have used the common approach in the analysis phase of their Cooperation Frameworks. A checklist for country teams was published in February."], "Ongoing:")],
                    ["Extend the support to country teams updating their national biodiversity strategies and action plans in the second half of 2024."], version=4),
                row("bio-review", [Item(NS, [], "Not yet started.")],
                    ["A call for contributions will be sent to the focal points in June 2024."]),
            ]),
            Section("b.", EWASTE, [
                row("ew-coalition", [Item(O, ["The guidance on the circular procurement of electronics was published in December 2023. Country support started in Ghana and Rwanda in March 2024."], "Ongoing:")],
                    ["Hold a national e-waste dialogue in each pilot country by the end of 2024."], version=1),
            ]),
            Section("c.", CHEM_RENAMED, [
                row("chem-plastics", [Item(O, ["The contact group commented on the zero draft before the third session of the Committee in November 2023 and on the revised draft before the fourth session in Ottawa in April 2024."], "Ongoing:")],
                    ["Support the intersessional work before the fifth session in Busan in November 2024."]),
            ]),
        ]),
        Part("II", PART_II_RENAMED, [
            Section("a.", ESS, [
                row("ess-guidance", [Item(O, ["The note on biodiversity safeguards was published in March 2024."], "Ongoing:")],
                    ["Review the Model Approach in the light of the guidance notes published since 2019."], version=1),
                row("ess-safeguards", [Item(O, ["The final draft of the common approach was cleared by the Consultative Process in March 2024."], "Ongoing:")],
                    ["Submit the common approach to the Senior Officials in September 2024."], version=1),
            ]),
            Section("b.", IMG, [
                row("img-ghg", [Item(O, ["The Greening the Blue Report 2023 was published in December and, for the first time, reported emissions from air travel by class of travel. Data collection for 2023 opened in February 2024."], "Ongoing:")],
                    ["Publish the 2023 emissions data in the Greening the Blue Report 2024."], version=1),
                row("img-waste", [Item(O, ["The Greening the Blue Report 2023 included, for the first time, an estimate of single-use plastics in UN facilities."], "Ongoing:")],
                    ["Collect data on single-use plastics from all entities for 2023."], version=1),
                row("img-training", [Item(O, ["Translations into Arabic, Chinese, French and Spanish are completed; the Russian version is being edited."], "Ongoing:")],
                    ["Complete the Russian version by June 2024."], version=1),
                row("img-pilot", [Item(O, ["The evaluation of the pilot found that 87 per cent of the participants completed the course. Two modules are being shortened following their feedback."], "Ongoing:")],
                    ["Launch the course system-wide once the shortened modules are ready, in the autumn of 2024."]),
            ]),
            Section("c.", PEER, [
                row("peer-wmo", [Item(O, ["The terms of reference were agreed with WMO in December 2023. The review team visited Geneva in March 2024."], "Ongoing:")],
                    ["Share the draft report with WMO in June 2024."]),
                row("peer-volunteer", [Item(O, ["ITC has expressed interest in a peer review in 2025."], "Ongoing:")],
                    ["Confirm the review of ITC with its management."]),
                row("peer-followup", [Item(O, ["The questionnaire was sent to the eight reviewed agencies, including UNIDO, in March 2024."], "Ongoing:")],
                    ["Summarize the replies by September 2024."]),
            ]),
        ]),
        Part("III", PART_III_RENAMED, [
            Section("a.", NEXUS, [
                row("nex-fashion", [Item(O, ["Funding was secured from UNECE and the dialogue is being prepared with the UN Alliance for Sustainable Fashion."], "Ongoing:")],
                    ["Hold the dialogue in Geneva in June 2024."]),
                row("nex-themes", [Item(O, ["UNECE offered to co-organize the dialogue on sustainable fashion."], "Ongoing:")],
                    ["Agencies are invited to propose themes for 2025."]),
            ]),
            Section("b.", RIGHTS, [
                row("hr-right", [Item(O, ["The joint statement was issued on 10 December 2023 by 31 entities."], "Ongoing:")],
                    ["Develop a training module on the right to a healthy environment for UN staff."]),
                row("hr-defenders", [Item(NS, [], "Not yet started.")],
                    ["Form a drafting group with OHCHR and UNEP in mid-2024."]),
            ]),
        ]),
    ],
)
