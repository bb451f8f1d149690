"""EMG SOM28/mid-term/02 (27 April 2022): the first note of the long series, written for testing.

Layout: Tasks | Progress | Next steps, sections "a)"."""
from ..spec import Item, Layout, Note, Part, Section
from .common import (BIO, CHEM, ESS, EWASTE, IMG, NEXUS, PART_I, PART_II, PART_III, PEER, RECOVERY,
                     NS, O, P, header, meta, row)

SYMBOL = "EMG SOM28/mid-term/02"
TITLE = "Mid-Term Progress Report"

NOTE = Note(
    name="som28-midterm",
    provenance="written for testing",
    layout=Layout(),
    meta=meta(SYMBOL, TITLE, "mid-term", 28, "2022-04-27"),
    header_lines=header("Mid-Term Technical Segment of the 28th Senior Officials Meeting", "27 April 2022",
                        "Microsoft Teams", "from 2:00 p.m. to 4:00 p.m. Geneva time", SYMBOL, TITLE),
    intro=["This note reports on the progress made on the decisions of the 27th Senior Officials Meeting of September 2021 and sets out the next steps of the Issue Management Groups and Consultative Processes for the rest of 2022."],
    parts=[
        Part("I", PART_I, [
            Section("a)", BIO, [
                row("bio-approach", [Item(O, ["A drafting team of twelve EMG members met four times between January and March and prepared a first outline of the common approach."], "Ongoing:")],
                    ["Circulate the draft common approach to the focal points for comments in May and submit it to the Senior Officials in September."]),
                row("bio-input", [Item(O, ["A consolidated UN system input was submitted to the third meeting of the Open-ended Working Group in Geneva in March. The co-chairs of the Working Group welcomed the joint contribution."], "Ongoing:")],
                    ["Submit a further consolidated input to the fourth meeting of the Working Group in Nairobi in June and prepare joint messages for CBD COP15."]),
            ]),
            Section("b)", EWASTE, [
                row("ew-coalition", [Item(O, ["The Coalition adopted its work programme for 2022 in February. A resource mobilization strategy was agreed, and two donors have expressed interest in funding an independent secretariat."], "Ongoing:")],
                    ["Secure funding for the secretariat and present options for the future of the Coalition to the Senior Officials in September 2022."]),
            ]),
            Section("c)", CHEM, [
                row("chem-framework", [Item(O, ["A first joint UN system submission to the intersessional process was sent in March, with contributions from eleven entities."], "Ongoing:")],
                    ["Prepare a second submission for the fourth meeting of the intersessional process in Bucharest in August."]),
            ]),
        ]),
        Part("II", PART_II, [
            Section("a)", ESS, [
                row("ess-guidance", [Item(O, ["A guidance note on stakeholder engagement was published in February. A guidance note on grievance mechanisms is being drafted."], "Ongoing:")],
                    ["Finalize the guidance note on grievance mechanisms by the end of 2022."]),
            ]),
            Section("b)", IMG, [
                row("img-ghg", [Item(O, ["Data collection for the 2021 inventory of greenhouse gas emissions opened in February; 52 entities have reported so far."], "Ongoing:")],
                    ["Publish the 2021 emissions data in the Greening the Blue Report 2022 in December."]),
                row("img-waste", [Item(O, ["Waste and water data for 2021 are being collected together with the emissions data; 41 entities have reported so far."], "Ongoing:")],
                    ["Publish the 2021 waste and water data in the Greening the Blue Report 2022."]),
                row("img-training", [Item(NS, [], "Not yet started.")],
                    ["Recruit a consultant to develop the course in the second half of 2022."]),
            ]),
            Section("c)", PEER, [
                row("peer-unido", [Item(O, ["The peer review team visited UNIDO headquarters in Vienna in March; the draft report is being prepared."], "Ongoing:")],
                    ["Share the draft report with UNIDO in June and present the final report in September."]),
                row("peer-volunteer", [Item(O, ["UNIDO is being reviewed; WMO has expressed interest in a review in 2023."], "Ongoing:")],
                    ["Confirm the next agencies to be reviewed in 2023."]),
                row("peer-followup", [Item(NS, [], "Not yet started.")],
                    ["Send a short questionnaire on follow-up to the seven agencies reviewed since 2015."]),
            ]),
        ]),
        Part("III", PART_III, [
            Section("a)", NEXUS, [
                row("nex-fashion", [Item(P, ["The dialogue planned for March 2022 was postponed at the request of the co-organizers."], "Postponed:")],
                    ["Hold the dialogue in the second half of 2022."]),
                row("nex-themes", [Item(O, ["UNEP and ITU proposed a dialogue on the environmental footprint of digital technologies."], "Ongoing:")],
                    ["Agencies are invited to propose themes at any time."]),
            ]),
            Section("b)", RECOVERY, [
                row("rec-webinars", [Item(O, ["Three webinars were held between November 2021 and March 2022, each with more than 200 participants."], "Ongoing:")],
                    ["Hold two further webinars before the end of 2022."]),
                row("ess-safeguards", [Item(O, ["A mapping of safeguard practices in the COVID-19 recovery programmes of sixteen UN entities was completed in March."], "Ongoing:")],
                    ["Draft the common approach and discuss it with the ESS Consultative Process in June."]),
                row("rec-tracker", [Item(NS, [], "Not yet started.")],
                    ["Scope the tracker with the UN Statistics Division."]),
            ]),
        ]),
    ],
)
