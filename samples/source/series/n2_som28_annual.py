"""EMG SOM28/02 (22 September 2022): the second note of the long series, written for testing.

Layout: Task | Progress made | Way forward, header row repeated, sections "(a)"."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO, CHEM, ESS, EWASTE, IMG, NEXUS, PART_I, PART_II, PART_III, PEER, RECOVERY,
                     C, NS, O, P, X, header, meta, row)

SYMBOL = "EMG SOM28/02"
TITLE = "Progress Report on the Work of the Issue Management Groups and Consultative Processes"

NOTE = Note(
    name="som28-annual",
    provenance="written for testing",
    layout=Layout(headers=("Task", "Progress made", "Way forward"), repeat_header=True),
    meta=meta(SYMBOL, TITLE, "annual", 28, "2022-09-22"),
    header_lines=header("Twenty-eighth Meeting of the Senior Officials of the Environment Management Group",
                        "22 September 2022", "Virtual meeting (Microsoft Teams)",
                        "from 2:00 p.m. to 5:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made since the mid-term technical segment of 27 April 2022. It is submitted to the 28th Senior Officials Meeting for information and for decisions on the way forward."],
    parts=[
        Part("I", PART_I, [
            Section("(a)", BIO, [
                row("bio-approach", [Item(O, ["The draft common approach was circulated to the focal points in May; comments were received from nineteen entities and the revised version is annexed to this note."], "Ongoing:")],
                    ["The Senior Officials are invited to endorse the common approach."], version=1),
                row("bio-input", [Item(O, ["A consolidated input was submitted to the fourth meeting of the Working Group in Nairobi in June. Joint messages for CBD COP15 are being prepared by a drafting group of eight entities."], "Ongoing:")],
                    ["Present the joint messages at a side event at CBD COP15 in Montreal in December 2022."]),
            ]),
            Section("(b)", EWASTE, [
                row("ew-coalition", [Item(O, ["Funding for an independent secretariat could not be secured in 2022. The members of the Coalition propose that the EMG renew its mandate until 2025, with a focus on the circular procurement of electronics and on support to countries; the proposal is annexed."], "Ongoing:")],
                    ["The Senior Officials are invited to decide on the renewal of the Coalition's mandate until 2025."]),
            ]),
            Section("(c)", CHEM, [
                row("chem-framework", [Item(O, ["A second joint submission was presented at the fourth meeting of the intersessional process in Bucharest from 29 August to 2 September."], "Ongoing:")],
                    ["Follow the resumed fourth meeting of the intersessional process and prepare for ICCM5 in 2023."]),
                row("chem-plastics", [Item(O, ["Following the adoption of resolution 5/14 by the resumed fifth session of the UN Environment Assembly in March 2022, a UN system contact group of fifteen entities was set up in June."], "Ongoing:")],
                    ["Prepare a UN system information document for the first session of the Intergovernmental Negotiating Committee in Punta del Este in November 2022."]),
            ]),
        ]),
        Part("II", PART_II, [
            Section("(a)", ESS, [
                row("ess-guidance", [Item(O, ["The draft guidance note on grievance mechanisms was reviewed by fourteen entities in July."], "Ongoing:")],
                    ["Finalize the guidance note on grievance mechanisms by the end of 2022."]),
            ]),
            Section("(b)", IMG, [
                row("img-ghg", [Item(O, ["Emissions data for 2021 were received from 58 entities and are being verified."], "Ongoing:")],
                    ["Publish the 2021 emissions data in the Greening the Blue Report 2022 in December."]),
                row("img-waste", [Item(O, ["Waste data were received from 47 entities and water data from 44."], "Ongoing:")],
                    ["Publish the 2021 waste and water data in the Greening the Blue Report 2022."]),
                row("img-training", [Item(O, ["A consultant was recruited in July; an outline of six modules was agreed with the IMG."], "Ongoing:")],
                    ["Draft the six modules and pilot the course with UN entities in 2023."]),
            ]),
            Section("(c)", PEER, [
                row("peer-unido", [Item(C, ["The final report of the peer review of UNIDO was shared with UNIDO's management in July and is presented to the Senior Officials for information."], "Completed:")],
                    ["UNIDO will report on its follow-up to the recommendations."]),
                row("peer-volunteer", [Item(O, ["WMO confirmed its interest in a review in 2023-2024."], "Ongoing:")],
                    ["Invite further agencies to volunteer for reviews in 2024-2025."]),
                row("peer-followup", [Item(O, ["The questionnaire was sent in June; five of the seven agencies replied."], "Ongoing:")],
                    ["Summarize the replies for the Senior Officials in 2023."]),
            ]),
        ]),
        Part("III", PART_III, [
            Section("(a)", NEXUS, [
                row("nex-fashion", [Item(P, ["The dialogue was postponed again for lack of funding."], "Postponed:")],
                    ["Hold the dialogue when funding is secured."]),
                row("nex-themes", [Item(O, ["Three themes were received: digital technologies, sustainable fashion and the right to a healthy environment."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
                row("nex-digital", [Item(NS, [], "Not yet started.")],
                    ["Hold the dialogue in the first half of 2023 with ITU and UNEP."]),
            ]),
            Section("(b)", RECOVERY, [
                row("rec-webinars", [Item(O, ["A fourth webinar was held on 6 July."], "Ongoing:")],
                    ["Hold the last webinar in November 2022."]),
                row("ess-safeguards", [Item(O, ["A draft common approach was discussed with the ESS Consultative Process on 21 June; the Consultative Process proposed to widen it to all recovery and resilience programmes."], "Ongoing:")],
                    ["Move the work to the ESS Consultative Process and revise the draft accordingly."]),
                row("rec-tracker", [Item(X, ["The tracker will not be developed: trackers by the OECD and the IMF already cover the measures."], "Cancelled:")]),
                row("rec-finance", [Item(NS, [], "Not yet started.")],
                    ["Form a drafting group by the end of 2022."]),
            ]),
        ]),
    ],
)
