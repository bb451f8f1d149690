"""Action tracker of an inter-agency network (30 June 2023): written for testing.

The layout of the trackers networks keep between meetings: no document symbol, the network's
name in capitals, the meeting and its dates, "Action tracker", and the date of the update on a
line of its own (the note's date, not the meeting's). One table per section with
"Action point | Responsible | Deadline | Status": no Progress and no Next steps column, so the
lone Status column is the progress (one status word per row); Responsible names the lead
entities ("UNEP, FAO (lead)", "UNDP and UNEP", one per line, "UN-Habitat; UN DESA"), Deadline
gives a date each way trackers write them ("30 April 2023", "Q3 2023", "June", "Next meeting").
The typed values a reader should find are written by hand in each row's `expect`."""
from .spec import Item, Layout, Note, Part, Row, Section

C, O, P, NS = "completed", "ongoing", "postponed", "not_started"
LEAD, DUE = "Responsible", "Deadline"


def action(task, lead, due, status, word, leads, deadlines):
    """One row of the tracker: its action point, Responsible and Deadline cells as written, its
    Status word, and the typed values a reader should find (hand-written)."""
    return Row(task=[task], progress=[Item(status, [], word)], extra={LEAD: lead, DUE: [due]},
               expect={"lead": leads, "deadlines": deadlines})


NOTE = Note(
    name="ocean-network-tracker",
    provenance="written for testing",
    layout=Layout(headers=("Action point", "Status", None), extra_headers=(LEAD, DUE),
                  columns=("task", LEAD, DUE, "progress"), widths_cm=(8.6, 3.4, 2.6, 2.0)),
    meta=dict(
        organization="Inter-Agency Network on Ocean Action",
        series="Inter-Agency Network on Ocean Action",
        symbol=None,
        title="Action tracker",
        segment=None,
        meeting_number=12,
        meeting_date="2023-03-14",
        note_date="2023-06-30",
    ),
    header_lines=[
        ("INTER-AGENCY NETWORK ON OCEAN ACTION", "org"),
        ("Twelfth meeting of the Network", "meeting"),
        ("Lisbon, 14\u201315 March 2023", "plain"),
        ("Action tracker", "title"),
        ("Prepared by the Network secretariat", "byline"),
        ("Status as of 30 June 2023", "plain"),
    ],
    intro=[
        "This tracker lists the action points agreed at the twelfth meeting of the Network, who is responsible for each of them and by when, and where each of them stands.",
    ],
    parts=[
        Part("I", "Action points of the twelfth meeting", [
            Section("A.", "Governance", [
                action("Circulate the revised terms of reference of the Network to all members for comments.",
                       ["Secretariat"], "30 April 2023", C, "Completed",
                       ["Secretariat"], [("30 April 2023", "2023-04-30", "2023-04-30")]),
                action("Propose a rotation scheme for the chair of the Network.",
                       ["UNEP, FAO (lead)"], "Q3 2023", O, "Ongoing",
                       ["UNEP", "FAO"], [("Q3 2023", "2023-07-01", "2023-09-30")]),
                action("Prepare a joint resource mobilization strategy for the activities of the Network in 2024 and 2025.",
                       ["UNDP and UNEP"], "End of September 2023", NS, "Not started",
                       ["UNDP", "UNEP"], [("End of September 2023", "2023-09-01", "2023-09-30")]),
            ]),
            Section("B.", "Data and knowledge", [
                action("Map the ocean data platforms run by members of the Network and identify overlaps.",
                       ["IOC-UNESCO", "WMO"], "31 May 2023", P, "Delayed",
                       ["IOC-UNESCO", "WMO"], [("31 May 2023", "2023-05-31", "2023-05-31")]),
                action("Publish the first issue of the ocean data bulletin of the Network.",
                       ["WMO, IOC-UNESCO, ITU"], "December 2023", O, "In progress",
                       ["WMO", "IOC-UNESCO", "ITU"], [("December 2023", "2023-12-01", "2023-12-31")]),
            ]),
            Section("C.", "Outreach", [
                action("Organize a side event on ocean action at the High-level Political Forum.",
                       ["UN-Habitat; UN DESA"], "July 2023", O, "Ongoing",
                       ["UN-Habitat", "UN DESA"], [("July 2023", "2023-07-01", "2023-07-31")]),
                action("Update the website of the Network with the outcomes of the meeting.",
                       ["Food and Agriculture Organization"], "June", C, "Done",
                       ["Food and Agriculture Organization"], [("June", "2023-06-01", "2023-06-30")]),
                action("Invite the regional seas conventions to join the Network as observers.",
                       ["Chair"], "Next meeting", P, "Postponed",
                       ["Chair"], []),
            ]),
        ]),
    ],
)
