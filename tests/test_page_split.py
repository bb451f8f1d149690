"""The first row on a new page: the rest of a row the page break cut, or a task of its own.

Rows are built by hand here, as the PDF readers hand them to the join
(extract/pdf/page_split.py: join_rows_split_across_pages), so that each case holds exactly the
evidence it is about; the notes random runs read wrong are in tests/test_layout_property.py's
regressions, printed by the real producers.
"""
from __future__ import annotations

import pytest

from somnotes.extract.model import Cell, TableBlock, TableRow
from somnotes.extract.pdf.page_split import join_rows_split_across_pages

HEADER = ["Tasks", "Status", "Progress", "Next steps"]
COLUMN_XS = (50.0, 200.0, 280.0, 450.0)
# The task text above ends without a full stop on a line with less room than the next page's
# first word takes: taken alone, the task cell wrapped there (task_cell_wrapped)
NEARLY_FULL = {"last_line_room": 4.0}
NEXT_WORD = {"first_word_span": 40.0}
TASK_ABOVE = "Organise the joint workshop with member agencies on"
REST_OF_TASK = "Senior officials of the member agencies."


def cell(*paragraphs: str, **geometry) -> Cell:
    return Cell(list(paragraphs), **geometry)


def joined(first_page: list[list[Cell]], next_page: list[list[Cell]]) -> list[list[str]]:
    """The table's rows under its header, as texts, once the two pages are joined."""
    header = TableRow([Cell([h]) for h in HEADER], 1, 1)
    blocks = [TableBlock([header] + [TableRow(r, 1, 1) for r in first_page], 1, COLUMN_XS),
              TableBlock([TableRow(r, 2, 2) for r in next_page], 2, COLUMN_XS)]
    (table,) = join_rows_split_across_pages(blocks)
    return [[c.text for c in row.cells] for row in table.rows[1:]]


EARLIER = [cell("Draft the terms of reference."), cell("Completed"), cell("Shared with members."), cell("None.")]


def task_above(*status: str) -> list[Cell]:
    return [cell(TASK_ABOVE, **NEARLY_FULL), cell(*status), cell("The secretariat has contacted three agencies."),
            cell("Confirm the dates.")]


def next_row(task: str, status: str) -> list[Cell]:
    return [cell(task, **NEXT_WORD), cell(status), cell("Two replies so far."), cell("Follow up.")]


def test_a_row_stating_its_own_status_under_a_whole_one_is_a_new_task():
    """The row above ended at the page's foot, its task text without a full stop on a nearly full
    line; the next row, moved whole to the next page, holds a status label of its own."""
    rows = joined([EARLIER, task_above("Completed")], [next_row("Prepare the synthesis report.", "Ongoing")])
    assert [r[0] for r in rows] == ["Draft the terms of reference.", TASK_ABOVE, "Prepare the synthesis report."]
    assert [r[1] for r in rows] == ["Completed", "Completed", "Ongoing"]


# Each case keeps the rule out by one piece of evidence alone; the task text then decides (it
# wrapped), and the rest of the cut row joins its task.
@pytest.mark.parametrize("earlier,above,below,task", [
    # the task sentence goes on in lower case: a sign weighed before the rule
    ([], ("Completed",), "Ongoing", "member agencies on the themes."),
    # the label above announces more or goes on
    ([], ("Ongoing:",), "Ongoing", REST_OF_TASK),
    ([], ("Completed (phase 1);",), "Ongoing (phase 2)", REST_OF_TASK),
    ([], ("Ongoing ...",), "Ongoing", REST_OF_TASK),
    # the label above was cut where its line wrapped
    ([], ("Postponed to the",), "Ongoing (phase 2)", REST_OF_TASK),
    # the row's Status cell goes on with words that are no label
    ([], ("Completed",), "Funding from donors.", REST_OF_TASK),
    # the table stacks a status an item in one Status cell
    ([[cell("Draft the terms of reference."), cell("Completed", "Ongoing"), cell("Shared."), cell("None.")]],
     ("Completed",), "Ongoing", REST_OF_TASK),
    ([], ("Ongoing", "Target: December 2023"), "Ongoing", REST_OF_TASK),
    # the table's item rows state statuses beside a merged Task cell
    ([[Cell(covered=True), cell("Ongoing"), cell("Invitations sent."), Cell(covered=True)]],
     ("Completed",), "Ongoing", REST_OF_TASK),
])
def test_evidence_that_the_status_goes_on_keeps_the_cut_row_whole(earlier, above, below, task):
    rows = joined([EARLIER, *earlier, task_above(*above)], [next_row(task, below)])
    assert rows[-1][0] == f"{TASK_ABOVE} {task}"
    assert len(rows) == 2 + len(earlier)
