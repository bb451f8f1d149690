"""EMG SOM26/mid-term/03 (29 April 2020): the real note, transcribed from
../../shared/seed-note-som26-midterm.txt. Every word is the published text; only the markup
fragments of the text dump are gone."""
from .spec import OL, Item, Layout, Note, Part, Row, Section

C, O, P, NS = "completed", "ongoing", "postponed", "not_started"

NOTE = Note(
    name="som26-midterm",
    provenance="real",
    layout=Layout(),
    meta=dict(
        organization="Environment Management Group",
        symbol="EMG SOM26/mid-term/03",
        title="Mid-Term Progress Report",
        segment="mid-term",
        meeting_number=26,
        meeting_date="2020-04-29",
    ),
    header_lines=[
        ("UNITED NATIONS", "org"),
        ("ENVIRONMENT MANAGEMENT GROUP", "org"),
        ("Mid-Term Technical Segment of the 26th Senior Officials Meeting", "meeting"),
        ("29 April 2020", "plain"),
        ("GoToMeeting", "plain"),
        ("from 3:00 p.m. to 5:00 p.m. Geneva time.", "plain"),
        ("EMG SOM26/mid-term/03", "symbol"),
        ("Distribution: EMG members", "symbol"),
        ("Mid-Term Progress Report", "title"),
        ("Note by the Secretariat", "byline"),
    ],
    intro=[
        "This note has been prepared to support the discussions of the midterm technical segment of the 26th Senior Officials Meeting by providing a short progress report on the work of the EMG Issue Management Groups and Consultative Processes, as well as the next steps of their work in line with the decisions taken by the 25th Senior Officials' Meeting in September 2019. The referred documents and reports in this note can be found at the EMG website www.unemg.org.",
    ],
    parts=[
        Part("I", "Collaboration on Global Environmental Issues", [
            Section("a)", "Consultative Process on Biodiversity", [
                Row(
                    task=["Agree to establish an interagency Consultative Process with the purpose to prepare a system-wide contribution to the development and implementation of the Post-2020 Global Biodiversity Framework."],
                    progress=[Item(C, ["The Consultative Process was established in November 2019 with focal points representing 34 UN entities and 5 not UN entities. The Consultative Process held its first meeting in Montreal in November and its second meeting in Rome in February. More information on the process can be found here."], "Completed:")],
                    next_steps=["A third meeting of the Consultative Process will be scheduled. Please, find more information of the Consultative Process on Biodiversity Calendar."],
                ),
                Row(
                    task=["Prepare a compilation of EMG Members' contributions to the Post-2020 Process."],
                    progress=[Item(C, ["Two consolidated inputs have been provided to the Open-Ended Working Group to support preparations of the Post-2020 Global Biodiversity Framework. A detailed overview of UN system inputs to the development of the post-2020 global biodiversity framework was submitted to the OEWG in December 2019. Furthermore, an update on activities of the Consultative Process, including a synthesis of the previously submitted overview document and a summary of inputs by 15 entities to the zero draft of the framework was submitted to the OEWG on 20 February."], "Completed:", inline=False)],
                ),
                Row(
                    task=["Provide coordinated input from the UN system to the Open-ended Working Group and other meetings with relevance to the Post 2020 Global Biodiversity Framework."],
                    progress=[Item(O, ["The co-chairs of the OEWG have attended the meetings of the Consultative Process, acknowledging EMG's input (please see above) and appreciating these joint contributions as a strong political and symbolic signal to Member States that the UN system can work effectively together. The OEWG co-chairs encouraged agencies to continue submitting their contributions through the EMG."], "Ongoing:", inline=False)],
                    next_steps=["Communication and collaboration with the OEWG will continue once the post-2020 Global Biodiversity Framework will restore its journey toward COP15. To date, all meetings have been postponed due to the pandemic."],
                ),
                Row(
                    task=["The Consultative Process will produce an Outcome Report on the role and contributions of the UN system to the implementation of the Global Biodiversity Framework, including an analysis of how these efforts fit within the frames of the 2030 Agenda for Sustainable Development;"],
                    progress=[Item(O, [
                        "A drafting group was created by the Consultative Process at its 2nd meeting in Rome on 27th February to support preparation of the EMG outcome document on post 2020 global biodiversity framework.",
                        "The group held its first workshop on 24 March.",
                        "An outline for the report was shared with the focal points of the Consultative Process for comments on the 16th of April.",
                    ], "Ongoing:", inline=False)],
                    next_steps=[
                        "To inform the report, information on biodiversity-related activities of EMG members will be gathered through a questionnaire and individual interviews.",
                        "The high-level political statements (foreword by UNSG, preface by EMG Chair and a Statement by EMG members) introducing the report will be drafted and sent for consideration.",
                        "A draft Outcome Report will be shared for comments with the Consultative Process members in May and it will be finalized by the end of June.",
                    ],
                ),
                Row(
                    task=["Present its contributions, inter alia, to the meetings of the Open-ended Working Group, the IUCN World Conservation Congress, the High-level Political Forum on Sustainable Development, the UN Biodiversity Summit in connection with the General Assembly and the 15th meeting of the Conference of the Parties to the Convention on Biological Diversity."],
                    progress=[Item(P, ["As a result of the ongoing pandemic, the IUCN World Conservation Congress has been postponed to January 2021. The Secretariat is monitoring the situation with regard to the HLPF, the Biodiversity Summit and the CBD COP."], "Ongoing/postponed:", inline=False)],
                ),
            ]),
            Section("b)", "The E-waste Coalition", [
                Row(
                    task=["Decide to extend the mandate of the Environment Management Group to support the work of the emerging E-waste Coalition for a maximum of one more year to finalize its Terms of Reference, including its governance structure, and enable it to become fully operational."],
                    progress=[Item(O, [
                        "The draft Terms of Reference for the Coalition has been finalised at the technical level, including a proposed governance structure. A resource mobilization strategy and a communications strategy are under preparation.",
                        "Collaboration with other initiatives in the E-waste SPACE, such as PACE, is being explored.",
                        "A meeting with delegates from four African countries as well as the African Development Bank was held in Bonn in December to further develop the Joint Implementation Mechanism based on identified needs at country / regional level.",
                    ], "Ongoing:")],
                    next_steps=[
                        "The Terms of Reference will be shared within member organizations for final clearance.",
                        "Start fundraising activities based on the finalized Resource Mobilization Strategy with the aim to be independently operational by the end of 2020, taking into account that support by the EMG will cease in September.",
                    ],
                ),
            ]),
            Section("c)", "UN Coalition on Combatting Sand and Dust Storms", [
                Row(
                    task=["Invite the Coalition to finalize its Strategy and Action Plan as a basis for its medium- and long-term actions."],
                    progress=[Item(C, [
                        "The Strategy and Action Plan for the SDS Coalition initially discussed in the margins of the UNCCD CoP-14 in New Delhi in September 2019, were finalised in January 2020.",
                        "An \"SDS Coalition Governance Concept Note was prepared to define the modalities of the Coalition's work; the structure of the Coalition and other issues relevant to its functioning.",
                    ], "Completed:", inline=False)],
                    next_steps=[
                        "FAO has agreed to take over the leadership of the Coalition as of July 2020.",
                        "A meeting of the Coalition will be organized in the near future to formally approve the strategy, action plan and governance concept note, and to discuss next steps of the Coalition based on the approach in the Strategy and Action Plan.",
                    ],
                ),
            ]),
            Section("d)", "Task Team on Marine Litter and Microplastics", [
                Row(
                    task=["Welcome the establishment of a Task Team on Marine Plastic Littering and Microplastics."],
                    progress=[Item(O, [
                        "The Task Team, composed of 24 member entities, held its first meeting on 24 October 2019 to agree on its terms of reference.",
                        "The Task Team has contributed to the 2020 Assessment on sources, pathways and hazards of litter, including plastic litter and microplastic pollution prepared by UNEP.",
                        "The mapping of United Nations agencies, programmes, initiatives and expertise with regards to marine litter and microplastics, has started. A survey was circulated to Task Team members in January. Data collection continues through in-depth interviews with Task Team members and other UN entities.",
                        "A progress report on the Task Team's work was delivered to the meeting of the Ad Hoc Open-ended Expert Group on Marine Litter and Microplastics in November.",
                    ], "Ongoing:")],
                    next_steps=[
                        "Complete the mapping exercise.",
                        "Initiate webinars for information exchange on marine litter and microplastics among Task Team members.",
                    ],
                ),
            ]),
        ]),
        Part("II", "Enhancing UN environmental and social sustainability", [
            Section("a.", "Consultations on Environmental and Social Sustainability (ESS) in the United Nations system", [
                Row(
                    task=["Collectively develop tools and guidance notes to harmonize the operationalization of the Model Approach"],
                    progress=[Item(O, [
                        "A mapping of existing resources including references, guidance and tools related to the Model Approach to Environmental and Social Standards for UN Programming has been prepared.",
                        "The Consultative Process has discussed sharing of available guidance and information with regard to safeguards in the context of the Covid-19 pandemic.",
                    ], "Ongoing:")],
                    next_steps=["Identify need for additional/common guidance."],
                ),
                Row(
                    task=["Raise awareness and facilitate shared learning to support implementation of the Model Approach through joint webinars and capacity building exercises"],
                    progress=[Item(O, ["A series of deep-dive calls serves as opportunities for UN entities and beyond to exchange good practice and share learning when it comes to addressing common challenges in standards implementation."], "Ongoing:")],
                    next_steps=["The deep-dive call series continues."],
                ),
                Row(
                    task=["Create an online knowledge sharing space where existing guidance documents, tools and knowledge materials on environmental and social standards are compiled and made available for UN entities"],
                    progress=[Item(C, ["A knowledge sharing platform for advancing the Model Approach to Environmental and Social Standards for UN Programming was created on Yammer and launched in April."], "Completed:")],
                    next_steps=["Raise awareness, invite more agencies to join and encourage agencies to use the platform."],
                ),
                Row(
                    task=["Prepare Phase II of the Strategy for Sustainability Management in the UN System 2020-2030 in close collaboration with the Issue Management Group on Environmental Sustainability Management"],
                    progress=[Item(O, ["The Task Team for the development of a UN sustainability strategy 2020-2030 was reactivated in January, with additional focal points joining the team. The team met on 15 January to discuss the scope of Phase II, based on the outcome of a series of interviews with focal points on their expectations and views. Following the meeting, an outline (table of contents) of Phase II was prepared and shared with the Task Team for comments. A face-to-face workshop planned to be held in May has been cancelled due to the pandemic."], "Ongoing:")],
                    next_steps=[
                        "A revised outline will be shared with the Task Team, based on which the drafting of Phase II will begin. The Secretariat is looking into the possibility of organizing an online workshop to replace the face-to-face workshop.",
                        "Phase II will be presented to the Senior Officials for endorsement in September.",
                        "Following Senior Officials endorsement, the document may be brought to the CEB for acknowledgement.",
                    ],
                ),
            ]),
            Section("b.", "The IMG on Environmental Sustainability Management in the United Nations system", [
                Row(
                    task=["Invite the IMG to continue its work that has led to the successful outcome of the UN Climate Neutral Strategy."],
                    progress=[
                        Item(C, ["The Greening the Blue report 2019 was released in September 2019 with the 2018 UN System data: 95% of the UN System reported emissions were offset"], "Completed:"),
                        Item(C, ["The IMG met face-to-face in October 2019 in Montreal and then online in March 2020."], "Completed:"),
                        Item(C, ["In December 2019, SUN delivered with UNOPS to the HLCM Procurement Network a UN Sustainable procurement indicators framework through which UN organizations can on a voluntary basis assess the sustainability of their tenders on the UN Global Market place."], "Completed:"),
                        Item(C, ["From October 2019 to this date, SUN responded to 33 queries from UN system organizations on various environmental matters on waste management, facilities, and campaigns on specific environmental issues or sustainable events."], "Completed:"),
                        Item(O, ["The IMG has started the work on the 2019 environmental inventory: data collection on GHG emissions, waste management, water consumption, environmental management progress, and later on climate neutrality."], "On-going:"),
                        Item(O, ["SUN is working on implementation plans for facilities, reporting/communications and procurement"], "On-going:"),
                    ],
                    next_steps=[
                        "The IMG will meet online in June 2020 and then face-to-face in October (To be confirmed due to the pandemic).",
                        "The HLCM working group on sustainable procurement will focus on awareness raising and capacity building.",
                        "SUN will partner with UNFCCC to assist the UN System organizations to achieve climate neutrality status as per UN commitments. The Greening the Blue report 2020 will be released in October / November 2020 depending on the pandemic situation.",
                    ],
                ),
                Row(
                    task=["Request the IMG to continue its work on the UN sustainability strategy implementation and to collaborate with the ESS Consultative process at a proposal for a stable UN Sustainability Strategy implementation structure by 2020 including co-funding options and responsibility sharing as requested in the UN Sustainability Strategy governance indicators."],
                    progress=[
                        Item(O, ["The IMG is taking part and providing inputs to the JIU review of “environmentally sustainable policies and practices across organizations of the UN system”."], "On-going:"),
                        Item(O, ["SUN is collaborating with the EMG on the development of the UN System Sustainability Strategy Phase II"], "On-going:"),
                    ],
                ),
                Row(
                    task=["Welcome the collaboration with the Common Premises task team at the integration of sustainable building considerations in UN country offices and requests that the IMG and UNEP SUN escalate work on integrating environmental sustainability considerations in the current UN reforms."],
                    progress=[
                        Item(C, ["SUN provided technical advice in green building features to the potential new premises in Tashkent, Uzbekistan through an on-site environmental assessment visit."], "Completed:"),
                        Item(O, ["SUN is working on a three levelled guidance document on minimum and desirable standards for UN facilities (including common premises), focused on the pre-occupancy and procurement stage of office buildings."], "On-going:"),
                        Item(C, ["SUN provided inputs to the JIU review of “sustainability and common premises”."], "Completed:"),
                    ],
                    next_steps=["Once approved by the IMG the guidance document will be presented to the Task team on common premises for adoption."],
                ),
            ]),
            Section("c.", "Peer Review of environmental management of United Nations organisations", [
                Row(
                    task=["Welcome the continued interest by UN agencies in the peer to peer methodology and its usefulness for improving the UN agencies environmental management and enhancing environmental sustainability mainstreaming in the work of the UN agencies."],
                    progress=[Item(O, ["After having conducted several peer reviews at HQ, regional and country levels and prepared the respective reports, it has been proposed to prepare a report on the results and impacts of these reviews for the peer reviewed agencies. The report will help to define a future path for the peer reviews and its benefits to the future sustainability efforts of the UN agencies including in the context of the 2020-2030 UN strategy on internal sustainability management."], "Ongoing:")],
                    next_steps=["Preparation of an assessment report on the effectiveness, impact and results of the peer reviews."],
                ),
                Row(
                    task=["Invite the EMG members to examine consideration of a peer to peer approach in enhancing environmental sustainability mainstreaming in UNSDCFs, as well as in programming or developing/improving agencies environmental and social sustainability frameworks."],
                    progress=[Item(NS, [], "Not yet started.")],
                ),
                Row(
                    task=["Invite reviewed agencies to use the peer review reports as guidance and baselines for improving environmental sustainability measures and developing environmental management systems, and encourage other agencies to make use of these reports when putting in place or strengthening their environmental sustainability measures."],
                    progress=[Item(O, [], "Ongoing")],
                ),
            ]),
        ]),
        Part("III", "Supporting the UN Sustainable Development Goals", [
            Section("a.", "Consultative Process on a UN System-Wide Framework of Strategies (SWFS) on the Environment", [
                Row(
                    task=["Encourage UN agencies to contribute to the second edition of the SWFS Report with focus on biodiversity, with the aim to launch the report at the UN Biodiversity Summit in September 2020, followed by a system-wide event during the 15th meeting of the Conference of the Parties to the Convention Biological Diversity in October 2020 in China."],
                    progress=[Item(O, ["The report on UN system biodiversity efforts in the context of the Post-2020 Global Biodiversity Framework is being prepared through the Consultative Process on Biodiversity. Data on biodiversity-related activities is being collected through a questionnaire as well as interviews with EMG members. The launch of the report may be postponed depending on the timing of the CBD COP15."], "Ongoing:")],
                    next_steps=["Please see above the next steps of the Consultative Process on Biodiversity."],
                ),
                Row(
                    task=["Extend the Consultative Process to support the continued implementation of the Framework by compiling information on progress made by UN entities in the implementation of the environmental dimensions of the SDGs and showcasing good practices and examples of interagency collaboration efforts in the third edition of the SWFS Synthesis Report."],
                    progress=[Item(NS, [], "Not yet started.")],
                    next_steps=["The third edition of the SWFS report will be considered following completion of the second edition on biodiversity."],
                ),
            ]),
            Section("b.", "EMG Nexus Dialogues", [
                Row(
                    task=["Encourage UN agencies to propose themes for and contribute to future Dialogues by sharing their experience and exchanging ideas on innovative solutions to environmental challenges with other stakeholders"],
                    progress=[Item(P, [
                        "Three nexus dialogues that were planned to take place in the first half of 2020 have been postponed due to the pandemic:",
                        OL("__Enhancing Synergies between the post 2020 biodiversity and chemicals frameworks__"),
                        OL("Sustainable fashion in the context of the SDGs and SCP"),
                        OL("Environment and human rights (scheduled to be held 22 June 2020, postponement to be confirmed)"),
                    ], "Ongoing/postponed:")],
                    next_steps=["Identify new dates for the three nexus dialogues and consider organizing one or more as online webinars."],
                ),
                Row(
                    task=["Invite UN agencies to share their ideas for how the value-added of the dialogues can be further increased."],
                    progress=[Item(O, [], "Ongoing.")],
                    next_steps=["Agencies are invited to express ideas continuously and share their feedback following implementation of the 2020 dialogues"],
                ),
            ]),
        ]),
    ],
)
