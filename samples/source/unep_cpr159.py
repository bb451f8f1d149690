"""UNEP/CPR/159/4 (21-22 June 2022): written for testing, a governing body's implementation report.

The layout of UNEP's meeting documents: "UNITED NATIONS" over the code line "EP" (a code, not
an organization), the symbol, distribution and issue date, the body, the meeting and its
dates on a line of their own, an agenda item, the title and "Report of the Executive
Director". Its table reads "Resolution / request | Status of implementation | Way forward";
each task cell opens with the number of the resolution or decision it reports on, written as
the Secretariat writes them ("5/14", "Resolution 5/14, para. 7:", "UNEP/EA.5/Res.7",
"Decision 5/3 (b):"), one of them in a sentence that goes on from it, one task with none.
Sections are lettered with capitals ("A."). The text is invented; the resolution numbers are
those of the fifth session of the Environment Assembly, used as numbers only."""
from .spec import Item, Layout, Note, Part, Row, Section

C, O, P, NS = "completed", "ongoing", "postponed", "not_started"

NOTE = Note(
    name="unep-cpr159-implementation",
    provenance="written for testing",
    layout=Layout(headers=("Resolution / request", "Status of implementation", "Way forward")),
    meta=dict(
        organization="UNEP",
        series="UNEP/CPR",
        symbol="UNEP/CPR/159/4",
        title="Implementation of the resolutions and decisions adopted by the United Nations Environment Assembly at its fifth session",
        segment=None,
        meeting_number=159,
        meeting_date="2022-06-21",
        note_date="2022-06-02",
    ),
    header_lines=[
        ("UNITED NATIONS", "org"),
        ("EP", "org"),
        ("UNEP/CPR/159/4", "symbol"),
        ("Distr.: General", "symbol"),
        ("2 June 2022", "symbol"),
        ("English only", "symbol"),
        ("Committee of Permanent Representatives to the United Nations Environment Programme", "plain"),
        ("159th meeting", "meeting"),
        ("Nairobi, 21\u201322 June 2022", "plain"),
        ("Item 3 of the provisional agenda", "plain"),
        ("Implementation of the resolutions and decisions adopted by the United Nations Environment Assembly at its fifth session", "title"),
        ("Report of the Executive Director", "byline"),
    ],
    intro=[
        "The present report sets out the status of implementation of the resolutions and decisions adopted by the United Nations Environment Assembly at the resumed fifth session held in Nairobi from 28 February to 2 March 2022, and the way forward for each of them.",
    ],
    parts=[
        Part("I", "Resolutions on pollution", [
            Section("A.", "Plastic pollution", [
                Row(
                    reference="5/14", reference_key="* 5/14",
                    task=["End plastic pollution: towards an international legally binding instrument",
                          "Requests the Executive Director to convene an intergovernmental negotiating committee to commence its work during the second half of 2022."],
                    progress=[Item("unknown", ["The first session of the intergovernmental negotiating committee has been scheduled for 28 November to 2 December 2022 in Punta del Este, Uruguay.",
                                               "An open-ended working group met in Dakar from 30 May to 1 June to prepare for the session."])],
                    next_steps=["The secretariat will circulate the draft rules of procedure by 31 August 2022."],
                ),
                Row(
                    reference="Resolution 5/14, para. 7", reference_key="res 5/14 p7",
                    reference_drawn="Resolution 5/14, para. 7:",
                    task=["Requests the Executive Director to convene a forum open to all stakeholders in conjunction with the first session of the committee."],
                    progress=[Item(NS, ["The forum will be held on the day before the first session opens."], "Not yet started:")],
                    next_steps=["Registration of stakeholders will open in September."],
                ),
            ]),
            Section("B.", "Chemicals and waste", [
                Row(
                    reference="UNEP/EA.5/Res.7", reference_key="res 5/7",
                    task=["Sound management of chemicals and waste",
                          "Requests the Executive Director to support the intersessional process on the strategic approach and the sound management of chemicals and waste beyond 2020."],
                    progress=[Item(O, ["The fourth meeting of the intersessional process, postponed in 2021, is now scheduled for the second half of 2022."], "Ongoing:"),
                              Item(C, ["A virtual working group on targets met three times between February and April."], "Completed:")],
                    next_steps=["Support the fifth International Conference on Chemicals Management in 2023."],
                ),
                Row(
                    reference="5/8", reference_key="* 5/8", reference_drawn="5/8.",
                    task=["Science-policy panel to contribute further to the sound management of chemicals and waste and to prevent pollution"],
                    progress=[Item(O, ["The first session of the ad hoc open-ended working group on the panel is scheduled for October 2022 in Nairobi."], "Ongoing.")],
                    next_steps=["Member States will be invited to nominate experts by the end of September."],
                ),
            ]),
        ]),
        Part("II", "Resolutions and decisions on environmental governance", [
            Section("A.", "Nature-based solutions", [
                Row(
                    reference="Resolution 5/5", reference_key="res 5/5",
                    task=["Resolution 5/5 on nature-based solutions for supporting sustainable development requests the Executive Director to convene intergovernmental consultations on nature-based solutions."],
                    progress=[Item(P, ["The consultations planned for April were moved to the first quarter of 2023 at the request of the Bureau."], "Postponed:")],
                    next_steps=["Consult the Bureau on new dates in July."],
                ),
            ]),
            Section("B.", "Programme of work and reporting", [
                Row(
                    reference="Decision 5/3 (b)", reference_key="dec 5/3(b)", reference_drawn="Decision 5/3 (b):",
                    task=["Requests the Executive Director to prepare the programme of work and budget for 2024\u20132025 for consideration by the Committee."],
                    progress=[Item(O, ["A first outline was presented to the subcommittee on 17 May."], "In progress:")],
                    next_steps=["The draft will be submitted to the Committee by 15 January 2023."],
                ),
                Row(
                    task=["Provide regular updates to the Committee on the implementation of the resolutions adopted at the fifth session."],
                    progress=[Item(C, ["The present report is the second update; the first was presented on 8 March."], "Completed:")],
                ),
            ]),
        ]),
    ],
)
