"""Statuses summed up per task (contract, "Statuses"), through the real CLI on Word notes written
here with python-docx: `unknown` when every item is unknown, the other rules on the items that
are not; the queries still treat an unknown task as open."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samples.render_docx import render_docx
from samples.source.spec import Layout, Note, Part, Row, Section
from somnotes.normalise.statuses import column_status, split_progress

from conftest import ROOT, cli, read_table

# (task, Progress paragraphs, what the task's status sums up to: the contract's rule, by hand)
ROWS = [
    ("Task U1: compile the members' inputs.", ["The IMG met twice and exchanged drafts."], "unknown"),
    ("Task U2: publish the synthesis report.", ["The IMG met twice.", "Completed: The report was issued."],
     "completed"),
    ("Task U3: hold the regional workshop.", ["Travel rules changed in March.", "Postponed: The workshop moves to 2031."],
     "postponed"),
    ("Task U4: agree the work plan.", ["Members exchanged views.", "Not yet started: The work plan."], "not_started"),
]
# Three notes of one series, each meeting later: U1 never has a label, so it never advances.
MEETINGS = [("EMG SOM40/mid-term/03", "28 April 2030", "Mid-Term Technical Segment of the 40th Senior Officials Meeting"),
            ("EMG SOM40/02", "24 September 2030", "40th Senior Officials Meeting"),
            ("EMG SOM41/mid-term/02", "27 April 2031", "Mid-Term Technical Segment of the 41st Senior Officials Meeting")]


def note(symbol: str, day: str, meeting: str) -> Note:
    """A note of the four rows above."""
    rows = [Row(task=[task], progress=list(progress), next_steps=["The group reviews it at its next meeting."])
            for task, progress, _ in ROWS]
    header = [("UNITED NATIONS", "org"), ("ENVIRONMENT MANAGEMENT GROUP", "org"), (meeting, "meeting"),
              (day, "plain"), (symbol, "symbol"), ("Distribution: EMG members", "symbol"),
              ("Progress Report", "title"), ("Note by the Secretariat", "byline")]
    return Note(name=symbol.replace("/", "-").replace(" ", "-"), header_lines=header, intro=["Progress on tasks."],
                parts=[Part("I", "Work of the group", [Section("a)", "Tasks", rows)])], layout=Layout(),
                meta={"symbol": symbol, "title": "Progress Report"}, provenance="written for testing")


def test_a_task_whose_every_item_is_unknown_is_unknown_and_still_open(tmp_path: Path):
    for symbol, day, meeting in MEETINGS:
        render_docx(note(symbol, day, meeting), tmp_path / f"{symbol.replace('/', '-')}.docx")
    store = tmp_path / "store"
    assert cli("ingest", tmp_path, "--store", store).exit_code == 0
    tasks = read_table(store, "tasks")
    got = {(text.split(":")[0], status) for text, status in zip(tasks["task_text"], tasks["status"])}
    assert got == {(task.split(":")[0], status) for task, _, status in ROWS}
    # open means anything but completed and cancelled: an unknown task that never advances is stalled
    stalled = json.loads(cli("stalled", "--store", store, "--format", "json").stdout)
    assert {r["task_text"].split(":")[0]: r["statuses"] for r in stalled}["Task U1"] == ["unknown"] * 3


# Issue 21's own examples (written by hand: the status a reader gives each, and the label as written).
@pytest.mark.parametrize("paragraph,want", [
    ("Implemented: The policy is in force.", ("completed", "Implemented")),
    ("Partially implemented: Six offices apply it.", ("ongoing", "Partially implemented")),
    ("Under implementation: Pilots run in two regions.", ("ongoing", "Under implementation")),
    ("Overtaken by events: The mandate ended.", ("cancelled", "Overtaken by events")),
    ("Work in progress: Drafts exist.", ("ongoing", "Work in progress")),
    ("Largely completed: One annex remains.", ("ongoing", "Largely completed")),
    ("Well advanced: Four chapters are drafted.", ("ongoing", "Well advanced")),
    ("Superseded: See task 4.", ("cancelled", "Superseded")),
    ("Awaiting funding: Donors were approached.", ("on_hold", "Awaiting funding")),
    ("Put on ice: The chair asked for a pause.", ("on_hold", "Put on ice")),
    ("Not commenced: No focal point yet.", ("not_started", "Not commenced")),
    ("Postponed to 2021: The venue was closed.", ("postponed", "Postponed to 2021")),
    ("Cancelled by decision of the SOM: No resources.", ("cancelled", "Cancelled by decision of the SOM")),
    ("Ongoing (70%): Surveys continue.", ("ongoing", "Ongoing (70%)")),
    ("Finalized and submitted: The report went to the Bureau.", ("completed", "Finalized and submitted")),
    ("Closed (implemented): Evidence was accepted.", ("completed", "Closed (implemented)")),
    ("Status: Implemented.", ("completed", "Implemented")),
    # look-alikes: a status word opening a sentence as an adjective or a participle
    ("Completed reports were shared with members.", ("unknown", None)),
    ("Pending the nomination of focal points, the secretariat drafted the plan.", ("unknown", None)),
    ("Delayed payments slowed the work.", ("unknown", None)),
    ("Closed-door consultations took place in March.", ("unknown", None)),
    ("Work continues on the second draft.", ("unknown", None)),
    # an adverb is no subject (the layout property test's random note: "Collectively fully circulated.")
    ("Collectively fully circulated.", ("unknown", None)),
    ("Widely circulated among the members.", ("unknown", None)),
    ("Recruitment initiated: Two posts advertised.", ("ongoing", "Recruitment initiated")),
])
def test_labels_in_the_issues_wordings(paragraph, want):
    assert [(i.status, i.status_label) for i in split_progress([paragraph])] == [want]


@pytest.mark.parametrize("cell,want", [
    ("Implemented", "completed"), ("Partially implemented", "ongoing"), ("Not implemented", "not_started"),
    ("In train", "ongoing"), ("On track", "ongoing"), ("At risk", "ongoing"), ("Overtaken by events", "cancelled"),
    ("Lead: UNEP", None),
])
def test_status_cells_in_the_issues_wordings(cell, want):
    assert column_status(cell) == want


def test_the_readmes_wordings_read_as_its_table_says():
    """Every example of the README's wordings -> statuses table, as a label, gives its row's status."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- status-map")[1].split("<!-- /status-map -->")[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) >= 10
    for row in rows:
        status = row[2].strip()
        for example in row[3].rstrip(" |").split("; "):
            got = [(i.status, i.status_label) for i in split_progress([f"{example}: The text."])]
            assert got == [(status, example)], example
