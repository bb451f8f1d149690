"""EMG SOM27/mid-term/02 (21 April 2021): written for testing, the third note of the series.

Other layout: header "Task | Status | Next Steps | Lead agency" (an extra column), header row
repeated on every page, sections lettered "a." and parts "Part I.". Across notes: completions,
a second re-wording of the Outcome Report task, look-alike decoys next to carried-over tasks,
tasks dropped while open (peer methodology, SWFS third edition), and passed deadlines."""
from .som26_annual import seed_task
from .spec import Item, Layout, Note, Part, Row, Section

C, O, P, NS, X = "completed", "ongoing", "postponed", "not_started", "cancelled"
LEAD = "Lead agency"

NOTE = Note(
    name="som27-midterm",
    provenance="written for testing",
    layout=Layout(headers=("Task", "Status", "Next Steps"), extra_headers=(LEAD,), repeat_header=True,
                  font_size=10.5, part_prefix="Part "),
    meta=dict(
        organization="Environment Management Group",
        symbol="EMG SOM27/mid-term/02",
        title="Mid-Term Progress Report",
        segment="mid-term",
        meeting_number=27,
        meeting_date="2021-04-21",
    ),
    header_lines=[
        ("UNITED NATIONS", "org"),
        ("ENVIRONMENT MANAGEMENT GROUP", "org"),
        ("Mid-Term Technical Segment of the 27th Senior Officials Meeting", "meeting"),
        ("21 April 2021", "plain"),
        ("Microsoft Teams", "plain"),
        ("from 1:30 p.m. to 3:30 p.m. Geneva time", "plain"),
        ("EMG SOM27/mid-term/02", "symbol"),
        ("Distribution: EMG members", "symbol"),
        ("Mid-Term Progress Report", "title"),
        ("Note by the Secretariat", "byline"),
    ],
    intro=[
        "This note reports on the progress made on the decisions of the 26th Senior Officials Meeting of 24 September 2020 and sets out the next steps for the remainder of 2021.",
    ],
    parts=[
        Part("I", "Collaboration on Global Environmental Issues", [
            Section("a.", "Consultative Process on Biodiversity", [
                Row(
                    task=seed_task("Provide coordinated input"),
                    progress=[Item(C, ["The fourth and last consolidated input was submitted to the OEWG on 15 February 2021."], "Completed:")],
                    extra={LEAD: ["EMG Secretariat"]},
                ),
                Row(
                    task=["Finalize and launch the Outcome Report on the role and contributions of the UN system to the implementation of the post-2020 Global Biodiversity Framework."],
                    progress=[Item(O, ["The report was cleared by the EMG Chair on 3 March 2021. Its launch awaits the new dates of CBD COP15."], "In progress:")],
                    next_steps=["Launch the report at a side event of the OEWG in the second quarter of 2021."],
                    extra={LEAD: ["EMG Secretariat, CBD"]},
                ),
                Row(
                    task=seed_task("Present its contributions"),
                    progress=[Item(P, ["The IUCN World Conservation Congress is now scheduled for September 2021 and CBD COP15 for October 2021. The Secretariat continues to monitor the situation."], "Postponed:")],
                    extra={LEAD: ["EMG Secretariat"]},
                ),
            ]),
            Section("b.", "The E-waste Coalition", [
                Row(
                    task=["Extend the mandate of the EMG to support the E-waste Coalition for a maximum of one more year, so that it can finalize its Terms of Reference and governance structure and become fully operational."],
                    progress=[Item(O, ["All eight member organizations have cleared the Terms of Reference. Funding for an independent secretariat has not yet been secured."], "Ongoing:")],
                    next_steps=["Agree on the hosting arrangements of the Coalition secretariat by mid-2021."],
                    extra={LEAD: ["ILO, ITU, UNEP"]},
                ),
            ]),
        ]),
        Part("II", "Enhancing UN environmental and social sustainability", [
            Section("a.", "Consultations on Environmental and Social Sustainability (ESS) in the United Nations system", [
                Row(
                    task=["Collectively develop tools and guidance notes to harmonise the operationalization of the Model Approach."],
                    progress=[Item(O, ["Comments on the draft guidance note on safeguards were received from eleven entities; a revised draft is being prepared."], "Ongoing:")],
                    next_steps=["Finalise the guidance note by 30 June 2021."],
                    extra={LEAD: ["UNDP, UNEP"]},
                ),
                Row(
                    task=seed_task("Raise awareness and facilitate shared learning"),
                    progress=[Item(C, ["The deep-dive call series closed with a synthesis of lessons learned, shared with all focal points in January."], "Complete.")],
                    extra={LEAD: ["UNEP"]},
                ),
                Row(
                    task=["Develop guidance on environmental and social safeguards for the COVID-19 response of UN entities."],
                    progress=[Item(NS, [], "Not started.")],
                    next_steps=["A scoping paper will be prepared between May and July 2021."],
                    extra={LEAD: ["UNDP"]},
                ),
            ]),
            Section("b.", "The IMG on Environmental Sustainability Management in the United Nations system", [
                Row(
                    task=seed_task("Request the IMG to continue its work"),
                    progress=[Item(O, ["The proposal for a stable implementation structure is being revised after consultations with the HLCM in February 2021."], "Ongoing:")],
                    next_steps=["Submit the revised proposal to the HLCM at its session in the first half of 2021."],
                    extra={LEAD: ["UNEP SUN"]},
                ),
            ]),
            Section("c.", "Peer Review of environmental management of United Nations organisations", [
                Row(
                    task=seed_task("Invite the EMG members to examine"),
                    progress=[Item(NS, [], "Pending.")],
                    extra={LEAD: ["EMG members"]},
                ),
                Row(
                    task=seed_task("Invite reviewed agencies to use"),
                    progress=[Item(C, ["Five reviewed agencies have set baselines from their peer review reports; the reports are published on the EMG website."], "Finalized:")],
                    extra={LEAD: ["Reviewed agencies"]},
                ),
            ]),
        ]),
        Part("III", "Supporting the UN Sustainable Development Goals", [
            Section("a.", "Consultative Process on a UN System-Wide Framework of Strategies (SWFS) on the Environment", [
                Row(
                    task=seed_task("Encourage UN agencies to contribute to the second edition"),
                    progress=[Item(O, ["The second edition of the SWFS Report was edited in March and will be launched together with the Outcome Report."], "In progress:")],
                    next_steps=["Launch the report at CBD COP15."],
                    extra={LEAD: ["EMG Secretariat"]},
                ),
            ]),
            Section("b.", "EMG Nexus Dialogues", [
                Row(
                    task=seed_task("Encourage UN agencies to propose themes"),
                    progress=[Item(X, ["The three dialogues planned for 2020 will not be held; new themes are invited for 2022."], "Cancelled:")],
                    extra={LEAD: ["EMG Secretariat"]},
                ),
                Row(
                    task=seed_task("Invite UN agencies to share their ideas"),
                    progress=[Item(O, [], "Ongoing.")],
                    next_steps=["Agencies are invited to express ideas continuously and share their feedback following implementation of the 2020 dialogues"],
                    extra={LEAD: ["EMG members"]},
                ),
                Row(
                    task=["Invite UN agencies to share their ideas for the themes of the 2022 dialogues."],
                    progress=[Item(NS, [], "Not yet started.")],
                    next_steps=["A call for themes will be sent to the focal points on 10 May."],
                    extra={LEAD: ["EMG Secretariat"]},
                ),
            ]),
            Section("c.", "Greening the COVID-19 recovery", [
                Row(
                    task=["Prepare a UN system-wide webinar series on nature-based solutions for a green recovery from COVID-19."],
                    progress=[Item(C, ["Four webinars were held between June 2020 and February 2021; the recordings are online."], "Done:")],
                    extra={LEAD: ["UNEP, FAO"]},
                ),
                Row(
                    task=["Compile the lessons learnt from greening UN operations during the COVID-19 pandemic."],
                    progress=[Item(O, ["The questionnaire was sent to the IMG focal points in November and 21 replies were received by 31 January."], "Ongoing:")],
                    next_steps=["Publish a short synthesis in the third quarter of 2021."],
                    extra={LEAD: ["UNEP SUN"]},
                ),
            ]),
        ]),
    ],
)
