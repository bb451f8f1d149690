"""EMG SOM26/02 (24 September 2020): written for testing, continuing the real mid-term note.

Other layout: header "Task | Progress made | Way forward", header row repeated on every page,
sections lettered "(a)". Across notes: verbatim carry-overs, a spelling change
(harmonize -> harmonise), a re-worded re-mandate (E-waste), completions, tasks dropped while
open (Common Premises), new tasks, and progress text left unchanged (stalls)."""
from .som26_midterm import NOTE as SEED
from .spec import OL, Item, Layout, Note, Part, Row, Section

C, O, P, NS, OH = "completed", "ongoing", "postponed", "not_started", "on_hold"


def seed_task(prefix: str) -> list:
    """The task paragraphs of the seed note's row whose task starts with `prefix`."""
    for part in SEED.parts:
        for section in part.sections:
            for row in section.rows:
                if row.task[0].startswith(prefix):
                    return list(row.task)
    raise KeyError(prefix)


NOTE = Note(
    name="som26-annual",
    provenance="written for testing",
    layout=Layout(headers=("Task", "Progress made", "Way forward"), repeat_header=True),
    meta=dict(
        organization="Environment Management Group",
        symbol="EMG SOM26/02",
        title="Progress Report on the Work of the Issue Management Groups and Consultative Processes",
        segment="annual",
        meeting_number=26,
        meeting_date="2020-09-24",
    ),
    header_lines=[
        ("UNITED NATIONS", "org"),
        ("ENVIRONMENT MANAGEMENT GROUP", "org"),
        ("Twenty-sixth Meeting of the Senior Officials of the Environment Management Group", "meeting"),
        ("24 September 2020", "plain"),
        ("Virtual meeting (Microsoft Teams)", "plain"),
        ("from 2:00 p.m. to 5:00 p.m. Geneva time", "plain"),
        ("EMG SOM26/02", "symbol"),
        ("Distribution: EMG members", "symbol"),
        ("Progress Report on the Work of the Issue Management Groups and Consultative Processes", "title"),
        ("Note by the Secretariat", "byline"),
    ],
    intro=[
        "This note reports on the progress made since the mid-term technical segment of 29 April 2020 on the tasks agreed by the 25th Senior Officials Meeting. It is submitted to the 26th Senior Officials Meeting for information and for decisions on the way forward.",
    ],
    parts=[
        Part("I", "Collaboration on Global Environmental Issues", [
            Section("(a)", "Consultative Process on Biodiversity", [
                Row(
                    task=seed_task("Provide coordinated input"),
                    progress=[Item(O, ["The Consultative Process submitted a third consolidated input to the OEWG on 17 August. The OEWG co-chairs briefed the focal points in July on the revised timeline of the Framework."], "Ongoing:")],
                    next_steps=["Inputs to the updated zero draft will be compiled in the fourth quarter of 2020."],
                ),
                Row(
                    task=["The Consultative Process will produce an Outcome Report on the role and contributions of the UN system to the implementation of the Global Biodiversity Framework;"],
                    progress=[Item(O, [
                        "Interviews with 28 EMG members were held between June and August. The high-level political statements were drafted and shared with the EMG Chair.",
                        "The finalization of the report was delayed by the pandemic.",
                    ], "In progress:")],
                    next_steps=["The Outcome Report will be finalized no later than 15 December 2020 and launched in early 2021."],
                ),
                Row(
                    task=seed_task("Present its contributions"),
                    progress=[Item(P, ["As a result of the ongoing pandemic, the IUCN World Conservation Congress has been postponed to January 2021. The Secretariat is monitoring the situation with regard to the HLPF, the Biodiversity Summit and the CBD COP."], "Postponed:")],
                ),
            ]),
            Section("(b)", "The E-waste Coalition", [
                Row(
                    task=["Extend the mandate of the EMG to support the E-waste Coalition for a maximum of one more year, so that it can finalize its Terms of Reference and governance structure and become fully operational."],
                    progress=[Item(O, [
                        "The Terms of Reference were cleared by six of the eight member organizations in July.",
                        "A resource mobilization strategy was drafted; the communications strategy is still under preparation.",
                    ], "Under way:")],
                    next_steps=["Secure funding so that the Coalition is independently operational by the end of 2020, when support by the EMG ends."],
                ),
            ]),
            Section("(c)", "Task Team on Marine Litter and Microplastics", [
                Row(
                    task=seed_task("Welcome the establishment of a Task Team"),
                    progress=[Item(C, [
                        "The mapping of United Nations agencies, programmes, initiatives and expertise on marine litter and microplastics was finalised in June and published on the EMG website.",
                        "Two webinars for Task Team members were held on 9 July and 3 September.",
                    ], "Done:")],
                    next_steps=["The Task Team will present the mapping to the fifth session of the UN Environment Assembly."],
                ),
            ]),
        ]),
        Part("II", "Enhancing UN environmental and social sustainability", [
            Section("(a)", "Consultations on Environmental and Social Sustainability (ESS) in the United Nations system", [
                Row(
                    task=["Collectively develop tools and guidance notes to harmonise the operationalization of the Model Approach."],
                    progress=[Item(O, ["A draft guidance note on safeguards in the context of the Covid-19 pandemic has been circulated to the Consultative Process for comments."], "On-going:")],
                    next_steps=["Finalise the guidance note by the end of November."],
                ),
                Row(
                    task=seed_task("Raise awareness and facilitate shared learning"),
                    progress=[Item(O, ["Four deep-dive calls were held between May and August, each attended by 20 to 30 participants from 18 UN entities."], "Ongoing:")],
                    next_steps=["The deep-dive call series continues."],
                ),
                Row(
                    task=seed_task("Prepare Phase II of the Strategy"),
                    progress=[Item(C, ["Phase II of the Strategy for Sustainability Management in the UN System 2020-2030 was finalized in August and is submitted to the Senior Officials for endorsement."], "Finalised.")],
                    next_steps=["Following endorsement, the document will be brought to the CEB for acknowledgement in November."],
                ),
            ]),
            Section("(b)", "The IMG on Environmental Sustainability Management in the United Nations system", [
                Row(
                    task=seed_task("Invite the IMG to continue its work"),
                    progress=[
                        Item(C, ["The IMG completed the 2019 environmental inventory in July."], "Completed:"),
                        Item(C, ["SUN finalized the implementation plans for facilities, reporting/communications and procurement."], "Completed:"),
                    ],
                    next_steps=["The Greening the Blue report 2020 will be released in December."],
                ),
                Row(
                    task=seed_task("Request the IMG to continue its work"),
                    progress=[Item(O, ["A first proposal for the implementation structure was presented to the IMG on 2 September. Co-funding options are under discussion."], "Ongoing:")],
                ),
            ]),
            Section("(c)", "Peer Review of environmental management of United Nations organisations", [
                Row(
                    task=seed_task("Welcome the continued interest by UN agencies"),
                    progress=[Item(O, ["The assessment report on the effectiveness, impact and results of the peer reviews is being drafted; nine agencies replied to the survey."], "Ongoing:")],
                    next_steps=["Present the assessment report at the next Senior Officials Meeting."],
                ),
                Row(
                    task=seed_task("Invite the EMG members to examine"),
                    progress=[Item(NS, [], "Not started")],
                ),
                Row(
                    task=seed_task("Invite reviewed agencies to use"),
                    progress=[Item(O, ["Two reviewed agencies have used the peer review reports to set baselines for their environmental management systems."], "Ongoing:")],
                ),
            ]),
        ]),
        Part("III", "Supporting the UN Sustainable Development Goals", [
            Section("(a)", "Consultative Process on a UN System-Wide Framework of Strategies (SWFS) on the Environment", [
                Row(
                    task=seed_task("Encourage UN agencies to contribute to the second edition"),
                    progress=[Item(P, ["The launch of the report at the UN Biodiversity Summit was postponed; the report is now expected in the first half of 2021."], "Delayed:")],
                    next_steps=["Launch the report at CBD COP15."],
                ),
                Row(
                    task=seed_task("Extend the Consultative Process to support"),
                    progress=[Item(NS, [], "Not yet started.")],
                    next_steps=["The third edition of the SWFS report will be considered following completion of the second edition on biodiversity."],
                ),
            ]),
            Section("(b)", "EMG Nexus Dialogues", [
                Row(
                    task=seed_task("Encourage UN agencies to propose themes"),
                    progress=[Item(OH, [
                        "The three nexus dialogues remain on hold:",
                        OL("Enhancing Synergies between the post 2020 biodiversity and chemicals frameworks"),
                        OL("Sustainable fashion in the context of the SDGs and SCP"),
                        OL("Environment and human rights"),
                    ], "On hold:")],
                    next_steps=["Hold the first dialogue as an online webinar in October / November 2020."],
                ),
                Row(
                    task=seed_task("Invite UN agencies to share their ideas"),
                    progress=[Item(O, [], "Ongoing.")],
                    next_steps=["Agencies are invited to express ideas continuously and share their feedback following implementation of the 2020 dialogues"],
                ),
            ]),
            Section("(c)", "Greening the COVID-19 recovery", [
                Row(
                    task=["Prepare a UN system-wide webinar series on nature-based solutions for a green recovery from COVID-19."],
                    progress=[Item(O, ["The first webinar of the series took place on 30 June with 250 participants."], "Ongoing:")],
                    next_steps=["Three further webinars are planned for the fourth quarter of 2020."],
                ),
                Row(
                    task=["Compile lessons learned from the greening of UN operations during the pandemic."],
                    progress=[Item(NS, [], "Not yet started.")],
                    next_steps=["A questionnaire will be sent to the IMG focal points by 31 October 2020."],
                ),
            ]),
        ]),
    ],
)
