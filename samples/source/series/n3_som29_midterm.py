"""EMG SOM29/mid-term/02 (26 April 2023): the third note of the long series, written for testing.

Layout: Task | Status | Next Steps | Lead agency, header row repeated, "Part I." headings,
sections "a.", 10.5 pt. The biodiversity section is renamed after the adoption of the
Kunming-Montreal Framework; the safeguards task moves from part III to part II."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO_RENAMED, CHEM, ESS, EWASTE, IMG, LEAD, NEXUS, PART_I, PART_II, PART_III, PEER,
                     RECOVERY, RIGHTS, C, NS, O, P, header, meta, row)

SYMBOL = "EMG SOM29/mid-term/02"
TITLE = "Mid-Term Progress Report"

NOTE = Note(
    name="som29-midterm",
    provenance="written for testing",
    layout=Layout(headers=("Task", "Status", "Next Steps"), extra_headers=(LEAD,), repeat_header=True,
                  font_size=10.5, part_prefix="Part "),
    meta=meta(SYMBOL, TITLE, "mid-term", 29, "2023-04-26"),
    header_lines=header("Mid-Term Technical Segment of the 29th Senior Officials Meeting", "26 April 2023",
                        "Microsoft Teams", "from 1:30 p.m. to 3:30 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made on the decisions of the 28th Senior Officials Meeting of 22 September 2022 and sets out the next steps for the remainder of 2023."],
    parts=[
        Part("I", PART_I, [
            Section("a.", BIO_RENAMED, [
                row("bio-approach", [Item(O, ["The Senior Officials endorsed the common approach at their 28th meeting in September 2022. It was aligned with the Kunming-Montreal Global Biodiversity Framework adopted at CBD COP15 in December 2022."], "Ongoing:")],
                    ["Prepare a roll-out plan with the UN Development Coordination Office and brief the resident coordinators in June."], version=2, lead="UNEP, UNDP"),
                row("bio-input", [Item(C, ["The joint messages were presented at a side event at CBD COP15 in Montreal on 12 December 2022. The Kunming-Montreal Global Biodiversity Framework was adopted on 19 December 2022."], "Completed:")],
                    lead="EMG Secretariat"),
            ]),
            Section("b.", EWASTE, [
                row("ew-coalition", [Item(O, ["The Senior Officials renewed the mandate of the Coalition until 2025 at their 28th meeting. A work programme for 2023-2025 was adopted in February, and a working group on circular procurement was set up with UNOPS and UNICEF."], "Ongoing:")],
                    ["Publish guidance on the circular procurement of electronics for UN entities by the end of 2023."], version=1, lead="ITU, UNEP, UNITAR"),
            ]),
            Section("c.", CHEM, [
                row("chem-framework", [Item(O, ["The resumed fourth meeting of the intersessional process was held in Nairobi in February 2023; the joint UN system messages were delivered in plenary."], "Ongoing:")],
                    ["Organize a UN system side event at ICCM5 in Bonn in September 2023."], lead="UNEP, WHO"),
                row("chem-plastics", [Item(O, ["The information document was presented at the first session of the Committee in Punta del Este in November 2022."], "Ongoing:")],
                    ["Prepare joint inputs for the second session in Paris in May 2023."], lead="UNEP"),
            ]),
        ]),
        Part("II", PART_II, [
            Section("a.", ESS, [
                row("ess-guidance", [Item(O, ["The guidance note on grievance mechanisms was published in January 2023. Work on a note on biodiversity safeguards has started."], "Ongoing:")],
                    ["Share a draft note on biodiversity safeguards with the Consultative Process in June 2023."], lead="UNDP, UNEP"),
                row("ess-safeguards", [Item(O, ["The work was taken over by the ESS Consultative Process in January 2023 and the draft common approach was revised to cover recovery and resilience programmes."], "Ongoing:")],
                    ["Consult the revised draft with UN country teams in mid-2023."], version=1, lead="UNDP"),
            ]),
            Section("b.", IMG, [
                row("img-ghg", [Item(O, ["The Greening the Blue Report 2022 was published in December with the emissions of 58 entities. Data collection for 2022 opened in March 2023."], "Ongoing:")],
                    ["Publish the 2022 emissions data in the Greening the Blue Report 2023."], lead="UNEP SUN"),
                row("img-waste", [Item(O, ["The waste and water data of 47 entities were published in the Greening the Blue Report 2022. The questionnaire for 2022 adds questions on single-use plastics."], "Ongoing:")],
                    ["Publish the 2022 waste and water data, with a first estimate of single-use plastics, in the Greening the Blue Report 2023."], lead="UNEP SUN"),
                row("img-training", [Item(O, ["Four of the six modules have been drafted. Five entities volunteered to pilot the course."], "Ongoing:")],
                    ["Complete the modules by July 2023 and start the pilot in the autumn."], lead="UNSSC"),
            ]),
            Section("c.", PEER, [
                row("peer-unido", [Item(C, ["The review was completed in 2022 (see the previous progress report). UNIDO adopted a management response in February 2023."], "Completed:")],
                    lead="UNIDO"),
                row("peer-volunteer", [Item(O, ["No further agency has volunteered yet."], "Ongoing:")],
                    ["Invite further agencies to volunteer for reviews in 2024-2025."], lead="EMG members"),
                row("peer-followup", [Item(O, ["A summary of the replies is annexed; on average 70 per cent of the recommendations have been implemented."], "Ongoing:")],
                    ["Repeat the questionnaire every two years."], lead="Reviewed agencies"),
            ]),
        ]),
        Part("III", PART_III, [
            Section("a.", NEXUS, [
                row("nex-themes", [Item(O, ["No new themes were received."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."], lead="EMG members"),
                row("nex-digital", [Item(P, ["The dialogue was postponed to the second half of 2023 as the speakers were not available."], "Postponed:")],
                    ["Hold the dialogue in the second half of 2023."], lead="ITU, UNEP"),
            ]),
            Section("b.", RECOVERY, [
                row("rec-webinars", [Item(C, ["The fifth and last webinar was held on 17 November 2022; the recordings are online."], "Completed:")],
                    lead="UNEP, FAO"),
                row("rec-finance", [Item(O, ["A drafting group of six entities was formed in January 2023."], "Ongoing:")],
                    ["Share a first draft in June 2023."], lead="UNDP, UNEP"),
            ]),
            Section("c.", RIGHTS, [
                row("hr-right", [Item(NS, [], "Not yet started.")],
                    ["Map the activities of UN entities related to the right to a healthy environment by September 2023."], lead="OHCHR, UNEP"),
            ]),
        ]),
    ],
)
