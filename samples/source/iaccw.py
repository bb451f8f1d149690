"""E/IACCW/2022/4 and E/IACCW/2023/3: written for testing, a committee's notes on the
implementation of its decisions at two sessions (3-5 May 2022, 8-10 May 2023).

The layout of a committee reporting to ECOSOC: "UNITED NATIONS" over the code line "E", the
committee's name in capitals (the organization and the series: a line names the body), the
session and its dates, the symbol, distribution and issue date. Landscape tables "Decision no. | Decision | Progress made | Follow-up | Focal point |
Target date": the decision's number in a column of its own, the lead entities, a target date.

Across the two sessions (the truth of which rows are one task is written by hand in
tests/test_other_bodies.py): decision 6/1 (a) is reported on again in words that share little
with the first report; decision 7/1, adopted at the seventh session, asks for nearly what
6/1 (a) first asked, in nearly its words, and is a task of its own; 6/2 and 6/3 carry over
verbatim; 6/1 (b) was completed and 6/5 is no longer reported on. The target date of 6/1 (a),
December 2022, has passed by the eighth session while the task is still open (postponed)."""
from .spec import Item, Layout, Note, Part, Row, Section

C, O, P, NS = "completed", "ongoing", "postponed", "not_started"
LEAD, DUE = "Focal point", "Target date"
LAYOUT = Layout(headers=("Decision", "Progress made", "Follow-up"), extra_headers=(LEAD, DUE),
                columns=("reference", "task", "progress", "next_steps", LEAD, DUE), reference_header="Decision no.",
                landscape=True, widths_cm=(2.0, 6.2, 7.0, 5.0, 2.6, 2.4))


def decision(number, key, task, progress, next_steps, lead, due, leads, deadlines):
    """One row: the decision's number (and its key, hand-written), the cells as written, and the
    typed values a reader should find (hand-written)."""
    return Row(reference=number, reference_key=key, task=[task], progress=progress, next_steps=next_steps,
               extra={LEAD: [lead] if lead else [], DUE: [due] if due else []},
               expect={"lead": leads, "deadlines": deadlines})


def header(session: str, place_dates: str, symbol: str, issued: str) -> list:
    return [
        ("UNITED NATIONS", "org"),
        ("E", "org"),
        ("INTER-AGENCY COMMITTEE ON CHEMICALS AND WASTE", "org"),
        (session, "meeting"),
        (place_dates, "plain"),
        (symbol, "symbol"),
        ("Distr.: General", "symbol"),
        (issued, "symbol"),
        ("Implementation of the decisions of the Committee", "title"),
        ("Note by the Secretariat", "byline"),
    ]


ORGANIZATION = "Inter-Agency Committee on Chemicals and Waste"
AMALGAM_6_1_A = "Prepare a guidance document on the phase-down of dental amalgam for use by member agencies."
COMMUNITY_6_2 = "Establish a community of practice on the management of electronic waste in United Nations facilities."
LABS_6_3 = "Develop common criteria for the disposal of laboratory chemicals in field offices."

SESSION7 = Note(
    name="iaccw-session7",
    provenance="written for testing",
    layout=LAYOUT,
    meta=dict(organization=ORGANIZATION, series=ORGANIZATION, symbol="E/IACCW/2022/4",
              title="Implementation of the decisions of the Committee", segment=None, meeting_number=7,
              meeting_date="2022-05-03", note_date="2022-03-21"),
    header_lines=header("Seventh session", "New York, 3\u20135 May 2022", "E/IACCW/2022/4", "21 March 2022"),
    intro=["The present note reports on the implementation of the decisions the Committee adopted at its sixth session."],
    parts=[
        Part("I", "Decisions of the sixth session", [
            Section("A.", "Mercury", [
                decision("6/1 (a)", "dec 6/1(a)", AMALGAM_6_1_A,
                         [Item(O, ["A first draft was reviewed by the working group in February."], "Ongoing:")],
                         ["Finalize the guidance once the comments of the regional offices are in."],
                         "WHO, UNEP", "December 2022",
                         ["WHO", "UNEP"], [("December 2022", "2022-12-01", "2022-12-31")]),
                decision("6/1 (b)", "dec 6/1(b)",
                         "Compile information on mercury-added products in the procurement catalogues of member agencies.",
                         [Item(C, ["The compilation was shared with all members in January."], "Completed:")],
                         [], "UNOPS", "January 2022",
                         ["UNOPS"], [("January 2022", "2022-01-01", "2022-01-31")]),
            ]),
            Section("B.", "Waste", [
                decision("6/2", "dec 6/2", COMMUNITY_6_2,
                         [Item(O, ["Twelve agencies have nominated members; the first call took place on 10 March."], "Ongoing:")],
                         ["Agree on a workplan at the first meeting of the community."],
                         "ITU", "June 2022",
                         ["ITU"], [("June 2022", "2022-06-01", "2022-06-30")]),
                decision("6/3", "dec 6/3", LABS_6_3,
                         [Item(NS, [], "Not yet started.")],
                         ["Seek a lead agency at the seventh session."],
                         "", "",
                         [], []),
            ]),
        ]),
        Part("II", "Other matters", [
            Section("A.", "Reporting", [
                decision("6/5", "dec 6/5", "Report to the Environment Management Group on the work of the Committee in 2022.",
                         [Item(O, ["An oral update was given at the mid-term segment of the Senior Officials Meeting in April."], "Ongoing:")],
                         ["Submit a written report to the annual meeting."],
                         "Secretariat", "September 2022",
                         ["Secretariat"], [("September 2022", "2022-09-01", "2022-09-30")]),
            ]),
        ]),
    ],
)

SESSION8 = Note(
    name="iaccw-session8",
    provenance="written for testing",
    layout=LAYOUT,
    meta=dict(organization=ORGANIZATION, series=ORGANIZATION, symbol="E/IACCW/2023/3",
              title="Implementation of the decisions of the Committee", segment=None, meeting_number=8,
              meeting_date="2023-05-08", note_date="2023-03-20"),
    header_lines=header("Eighth session", "Geneva, 8\u201310 May 2023", "E/IACCW/2023/3", "20 March 2023"),
    intro=["The present note reports on the implementation of the decisions the Committee adopted at its sixth and seventh sessions."],
    parts=[
        Part("I", "Decisions of the sixth session", [
            Section("A.", "Mercury", [
                decision("6/1 (a)", "dec 6/1(a)",
                         "Issue practical advice to health services on reducing the use of amalgam fillings, building on the draft reviewed in 2022.",
                         [Item(P, ["Publication awaits the comments of two regional offices."], "Postponed:")],
                         ["Publish the advice once the comments are in."],
                         "WHO", "June 2023",
                         ["WHO"], [("June 2023", "2023-06-01", "2023-06-30")]),
            ]),
            Section("B.", "Waste", [
                decision("6/2", "dec 6/2", COMMUNITY_6_2,
                         [Item(C, ["The community of practice adopted its workplan on 12 September 2022."], "Completed:")],
                         [], "ITU", "June 2022",
                         ["ITU"], [("June 2022", "2022-06-01", "2022-06-30")]),
                decision("6/3", "dec 6/3", LABS_6_3,
                         [Item(O, ["UNDP agreed to lead; a survey of field offices is under way."], "Ongoing:")],
                         ["Share the results of the survey with the Committee."],
                         "UNDP", "March 2024",
                         ["UNDP"], [("March 2024", "2024-03-01", "2024-03-31")]),
            ]),
        ]),
        Part("II", "Decisions of the seventh session", [
            Section("A.", "Mercury", [
                decision("7/1", "dec 7/1",
                         "Prepare a guidance document on the phase-down of dental amalgam for use by United Nations health clinics.",
                         [Item(NS, [], "Not started.")],
                         ["Agree on the scope with WHO."],
                         "WHO", "December 2023",
                         ["WHO"], [("December 2023", "2023-12-01", "2023-12-31")]),
            ]),
        ]),
    ],
)
