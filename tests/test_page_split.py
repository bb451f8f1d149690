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
PAGE_FOOT = 780.0
# The task text above ends without a full stop on a line with less room than the next page's
# first word takes: taken alone, the task cell wrapped there (task_cell_wrapped)
NEARLY_FULL = {"last_line_room": 4.0}
NEXT_WORD = {"first_word_span": 40.0}


def cell(*paragraphs: str, **geometry) -> Cell:
    return Cell(list(paragraphs), last_line_bottom=PAGE_FOOT if paragraphs else None, **geometry)


def joined(first_page: list[list[Cell]], next_page: list[list[Cell]]) -> list[list[str]]:
    """The table's rows under its header, as texts, once the two pages are joined."""
    header = TableRow([Cell([h]) for h in HEADER], 1, 1)
    blocks = [TableBlock([header] + [TableRow(r, 1, 1) for r in first_page], 1, COLUMN_XS),
              TableBlock([TableRow(r, 2, 2) for r in next_page], 2, COLUMN_XS)]
    (table,) = join_rows_split_across_pages(blocks)
    return [[c.text for c in row.cells] for row in table.rows[1:]]


EARLIER = [cell("Draft the terms of reference."), cell("Completed"), cell("Shared with members."), cell("None.")]


def task_above(status: str, *more_status: str) -> list[Cell]:
    return [cell("Organise the joint workshop with member agencies on", **NEARLY_FULL), cell(status, *more_status),
            cell("The secretariat has contacted three agencies."), cell("Confirm the dates.")]


def test_a_row_stating_its_own_status_under_a_whole_one_is_a_new_task():
    """The row above ended at the page's foot, its task text without a full stop on a nearly full
    line; the next row, moved whole to the next page, fills its own Status cell."""
    rows = joined([EARLIER, task_above("Completed")],
                  [[cell("Prepare the synthesis report.", **NEXT_WORD), cell("Ongoing"), cell("Drafting began."),
                    cell("Circulate the draft.")]])
    assert [r[0] for r in rows] == ["Draft the terms of reference.",
                                    "Organise the joint workshop with member agencies on",
                                    "Prepare the synthesis report."]
    assert [r[1] for r in rows] == ["Completed", "Completed", "Ongoing"]


@pytest.mark.parametrize("above,below", [
    (("Deferred to the second half of 2023 pending",), "funding from donors."),  # a long label, cut
    (("Ongoing:",), "consultant hired, half the work done."),  # a label announcing more
    (("Ongoing - with",), "three partners."),  # a label going on after a dash
    (("Ongoing", "Target: December 2023"), "Revised in May."),  # a label, then more paragraphs
])
def test_a_status_cell_that_goes_on_keeps_the_row_whole(above, below):
    """Under a Status cell that is no closed label alone, or beside text that is no label, the
    rest of the cut row stays with its task."""
    rows = joined([EARLIER, task_above(*above)],
                  [[cell("Senior officials of the member agencies.", **NEXT_WORD), cell(below),
                    cell("Two replies so far."), cell("Follow up.")]])
    assert len(rows) == 2
    assert rows[1][0] == "Organise the joint workshop with member agencies on Senior officials of the member agencies."


def test_a_table_whose_item_rows_state_statuses_keeps_the_rule_out():
    """Where item rows under a merged Task cell state statuses of their own (an empty Task cell
    beside a filled Status cell), the rest of a Task cell the page break cut stands beside the
    next item's own status: the row's status says nothing, and the task text decides."""
    item_row = [Cell(covered=True), cell("Ongoing"), cell("Invitations sent."), Cell(covered=True)]
    rows = joined([EARLIER, item_row, task_above("Completed")],
                  [[cell("Senior officials of the member agencies.", **NEXT_WORD), cell("Ongoing"),
                    cell("Two replies so far."), cell("Follow up.")]])
    assert rows[-1][0] == "Organise the joint workshop with member agencies on Senior officials of the member agencies."
