"""Tables a page break cut in two, joined again: `join_rows_split_across_pages`.

pdfplumber, like every PDF table extractor, reads one table per page. A task table that runs
over several pages comes out as several tables: the later ones may open with the header row
repeated (with or without a rule under it), and the first row on a page may be the rest of
the row the page break cut. This joins them into one table and the cut row into one row.
"""
from __future__ import annotations

import re

from ...normalise.statuses import is_bare_label, opens_with_label
from ..layout import (
    NUMBER_ROLE,
    column_roles,
    filled_cells,
    find_header_row,
    first_task_rows,
    header_block,
    row_texts,
    split_fused_header,
    strip_fused_names,
)
from ..model import Cell, Passage, TableBlock, TableRow
from ..text import SENTENCE_END, join_lines, normalise_ws
from .lines import LIST_ITEM_START, english_words

COLUMN_X_TOLERANCE = 6.0  # pt: tables on two pages with columns this close are one table
# pt: how far apart the last lines of a row's cells cut by a page break may end. Widow and orphan
# control (two lines, the producers' default) may move a cut paragraph's last two lines to the
# next page: a line of the notes' 10 to 12 pt text takes 12 to 18 pt, so a cut cell may end two
# lines above the others; three lines' worth is no cut (the whole row moved that led to this:
# 115 pt; the sample notes' cut rows: 0)
CUT_CELLS_SPREAD = 45.0


def logical_tail(rows: list[TableRow]) -> list[TableRow]:
    """The table rows that make up the last task: from the last row with Task text to the end
    (one row, or several where cells are merged over one row per progress item)."""
    for i in range(len(rows) - 1, -1, -1):
        if rows[i].cells and not rows[i].cells[0].is_empty():
            return rows[i:]
    return rows[-1:]


def last_filled(tail: list[TableRow], column: int) -> TableRow:
    """The row of `tail` whose cell in `column` was written last (the first row if none was)."""
    for row in reversed(tail):
        if column < len(row.cells) and not row.cells[column].is_empty():
            return row
    return tail[0]


def continues_previous_row(tail: list[TableRow], row: TableRow, roles: list[str] | None = None,
                           table_rows: list[TableRow] | None = None) -> bool:
    """Does the first row on a new page carry on the last task of the previous page (`tail`,
    its rows)? `table_rows`: the table's rows under its header read so far and the rest of the
    new page's, or None.

    A real task always has task text, so an empty first cell means a continuation; and it says
    how it stands, so a row with Task text but nothing in Status (or Progress) under a task
    that had some is the rest of that task, cut between two paragraphs of its Task cell.
    Then, a row whose Status cell holds a status label alone, under a whole one, is a new task
    (states_a_status_of_its_own), whatever the task text above ended with. Otherwise the
    columns vote, each with the last text it had above: a cell that ended mid-sentence (no
    closing punctuation, or a bare label with a colon) and goes on in the new row is a sign the
    page break cut the row.
    """
    first = row.cells[0] if row.cells else Cell()
    if first.is_empty():
        return True
    if roles and numbered(row, roles):
        return False  # the rest of a cut row does not number itself again: a new task
    task = role_column(roles[:len(row.cells)] if roles else None, "task") or 0
    if task_cell_ended_above_the_cut(tail, task):
        return False  # the task cell above was whole: a task text here is a new task's
    if first.paragraphs[0][:1].islower():
        return True
    if roles and says_nothing_of_progress(tail, row, roles):
        return True
    columns = [c for c in range(min(len(row.cells), len(tail[0].cells))) if not row.cells[c].is_empty()]
    if any(ends_announcing(last_filled(tail, c).cells[c]) for c in columns):
        return True  # "On-going:" or "as follows:" at the page end: what it announces is on this page
    if any(goes_on_mid_sentence(last_filled(tail, c).cells[c], row.cells[c]) for c in columns):
        return True  # "... References delivered" / "released. Joint ...": one sentence
    if roles and table_rows is not None and states_a_status_of_its_own(tail, row, roles, table_rows):
        return False  # a row of its own: the rest of a cut row has no status to give again
    if task < len(tail[0].cells) and task_cell_wrapped(last_filled(tail, task).cells[task], row.cells[task]):
        return True  # the task's sentence goes on, whatever the other cells ended with
    votes = [0, 0]
    for column, after in enumerate(row.cells):
        before = last_filled(tail, column).cells[column] if column < len(tail[0].cells) else Cell()
        if before.is_empty() or after.is_empty():
            continue
        last = before.paragraphs[-1].rstrip()
        # a bare status label ("Ongoing") is a whole cell; "Ongoing:" announces more
        open_ended = last.endswith(":") or not (last.endswith(SENTENCE_END) or is_bare_label(last))
        votes[open_ended] += 1
    return votes[1] > votes[0]


def task_cell_ended_above_the_cut(tail: list[TableRow], task: int) -> bool:
    """Did the last task's Task cell on the page before end well above the row's deepest line
    there (`tail`, rows of one page)? A page break cuts every cell of a row at the page's foot: a
    cut cell's last line is the page's last or next to it, where the cells that ended before the
    break end higher. A Task cell that ended that much higher was whole, so a row at the next
    page's top with Task text of its own is a new task, whatever the other columns ended with
    (LibreOffice moves a whole row to the next page when not even its first line fits: the row
    above may end its Progress and Next steps without a full stop, and the columns' vote below
    took the new row for the rest of it)."""
    if task >= len(tail[0].cells) or any(r.page_start is None or r.page_start != r.page_end or
                                         r.page_start != tail[0].page_start for r in tail):
        return False  # a task already joined across pages: its cells' lines are on several
    above = last_filled(tail, task).cells[task]
    bottoms = [c.last_line_bottom for r in tail for c in r.cells if not c.is_empty()]
    if above.is_empty() or above.last_line_bottom is None or None in bottoms:
        return False
    return max(b for b in bottoms if b is not None) - above.last_line_bottom > CUT_CELLS_SPREAD


# A status label that ends so announces more or goes on ("Ongoing:", "Ongoing -", "Completed
# (phase 1);", "Ongoing ..."), or was cut where its line wrapped ("Postponed to the", "Deferred to
# the second half of"): a whole label ends on its state, a time or a reason, never on an article,
# a preposition or a conjunction. (A Status column is narrow: one word may fill a line, so the
# room left on it says nothing of where the label ended.)
OPEN_LABEL_ENDINGS = (":", ";", ",", "-", "\u2013", "\u2014", "..", "\u2026")
OPEN_LABEL_LAST_WORDS = frozenset({"a", "an", "the", "to", "of", "by", "in", "on", "at", "for", "with", "and", "or",
                                   "since", "until", "till", "due", "from", "pending", "after", "before", "as", "per"})


def whole_status(cell: Cell) -> bool:
    """Is the cell one paragraph holding a status label alone, closed ("Completed", "Not yet
    started.", "Deferred to 2022"; not "Ongoing:", nor "Postponed to the")?"""
    if len(cell.paragraphs) != 1:
        return False
    text = cell.paragraphs[0].rstrip()
    words = text.rstrip(".").split()
    return bool(words) and not text.endswith(OPEN_LABEL_ENDINGS) and words[-1].lower() not in OPEN_LABEL_LAST_WORDS \
        and is_bare_label(text)


def states_a_status_of_its_own(tail: list[TableRow], row: TableRow, roles: list[str],
                               table_rows: list[TableRow]) -> bool:
    """Does the row's Status cell hold a status label alone, under a task whose Status cell held
    one alone, closed (whole_status)? Then the Status cell above was whole, and the rest of a cut
    row would leave Status empty or go on with words that are no label ("funding from donors."):
    the row is a task of its own, whatever its Task cell's text and the line that text ended on
    above (a row that ended at the page's foot, the next moved whole to the next page). Not in a
    table that may give a task several statuses, as far as
    `table_rows` show (the table's rows read so far, the rest of the new page's with them): a
    Status cell of several paragraphs (one status an item, stacked), or a row with an empty Task
    cell and a filled Status cell (an item row beside a merged Task cell); there a cut row's next
    status opens the next page beside the rest of its task."""
    status, task = role_column(roles, "status"), role_column(roles, "task")
    if status is None or task is None or status >= min(len(row.cells), len(tail[0].cells)):
        return False
    if any(max(status, task) < len(r.cells) and (len(r.cells[status].paragraphs) > 1 or
                                                 r.cells[task].is_empty() and not r.cells[status].is_empty())
           for r in table_rows):
        return False
    return whole_status(row.cells[status]) and whole_status(last_filled(tail, status).cells[status])


def role_column(roles: list[str] | None, role: str) -> int | None:
    """The column of `role` in a table whose columns have `roles`, if any has it."""
    return roles.index(role) if roles and role in roles else None


def numbered(row: TableRow, roles: list[str]) -> bool:
    """Does the row fill a number column ("No." | "1.", "2.")?"""
    return any(role == NUMBER_ROLE and i < len(row.cells) and not row.cells[i].is_empty()
               for i, role in enumerate(roles))


def first_task(rows: list[TableRow], roles: list[str] | None) -> TableRow:
    """The first task on a page, as one row: its first row and the rows under it whose task cell
    is empty. Where no rule is drawn under a header block, the block's last row parts the first
    task in two: its number and task text in one row, its Progress and Next steps in the next
    (the cells merged down from above run on into the task's); as one row, it says how it stands."""
    task = role_column(roles, "task") or 0
    group = first_task_rows(rows, task)
    if len(group) == 1:
        return rows[0]
    width = max(len(r.cells) for r in group)
    cells = [Cell([p for r in group if j < len(r.cells) for p in r.cells[j].paragraphs]) for j in range(width)]
    for j, cell in enumerate(cells):  # where the text ends and starts: as the rows give it
        filled = filled_cells(group, j)
        if filled:
            first, last = filled[0][1], filled[-1][1]
            cells[j] = Cell(cell.paragraphs, [], first.covered, last.full_last_line, last.last_line_room,
                            first.first_word_span)
    return TableRow(cells, group[0].page_start, group[-1].page_end)


def task_cell_wrapped(before: Cell, after: Cell) -> bool:
    """Was the task cell cut inside a sentence, where its line wrapped: it ends without closing
    the sentence, on a line whose room the next page's first word would not have fit in (the
    producer wrapped it; a paragraph that ended leaves room for a word), and that page's task
    text opens no list item nor status label? The task's own evidence outweighs the other
    columns' vote: they may end a sentence at the break while the task's goes on."""
    if before.is_empty() or after.is_empty() or before.last_line_room is None or after.first_word_span is None:
        return False
    last, first = before.paragraphs[-1].rstrip(), after.paragraphs[0]
    if last.endswith(SENTENCE_END) or last.endswith(":") or is_bare_label(last):
        return False
    if LIST_ITEM_START.match(first) or opens_with_label(first):
        return False
    return before.last_line_room < after.first_word_span


def cut_cell_owner(tail: list[TableRow], column: int) -> TableRow:
    """The row of `tail` whose cell in `column` the page break cut: the last one with a box of
    its own (a merged Task cell: the group's first row; an empty box in the last row: that row,
    whose task text the producer pushed to the next page)."""
    for row in reversed(tail):
        if column < len(row.cells) and not row.cells[column].covered:
            return row
    return tail[0]


def goes_on_mid_sentence(before: Cell, after: Cell) -> bool:
    """Does `after` open in lower case right after `before` ended without closing its sentence?"""
    if before.is_empty() or after.is_empty():
        return False
    last = before.paragraphs[-1].rstrip()
    return after.paragraphs[0][:1].islower() and not last.endswith(SENTENCE_END)


def ends_announcing(cell: Cell) -> bool:
    return not cell.is_empty() and cell.paragraphs[-1].rstrip().endswith(":")


def says_nothing_of_progress(tail: list[TableRow], row: TableRow, roles: list[str]) -> bool:
    """Is the row's Status (or, in a table without one, its Progress) empty where the task
    above filled it? Every task of a table states how it stands there."""
    status = [i for i, role in enumerate(roles) if role == "status" and i < len(row.cells)]
    columns = status or [i for i, role in enumerate(roles) if role == "progress" and i < len(row.cells)]
    if not columns:
        return False
    above = any(not last_filled(tail, i).cells[i].is_empty() for i in columns if i < len(tail[0].cells))
    return above and all(row.cells[i].is_empty() for i in columns)


def merge_into_tail(tail: list[TableRow], piece: TableRow) -> None:
    """Join the rest of a cut task onto its rows: each cell onto the row whose cell in that
    column the page break cut."""
    for column, cell in enumerate(piece.cells):
        if cell.is_empty() or column >= len(tail[0].cells):
            continue
        target = cut_cell_owner(tail, column)
        target.cells[column] = merge_cells(target.cells[column], cell)
    for row in tail:
        row.page_end = piece.page_end


def merge_cells(before: Cell, after: Cell) -> Cell:
    """Join the two halves of a cell cut by a page break; a sentence cut in two is rejoined."""
    markers = before.markers + after.markers
    if before.is_empty():
        return Cell(list(after.paragraphs), markers, before.covered, after.full_last_line, after.last_line_room,
                    after.first_word_span)
    if after.is_empty():
        return Cell(list(before.paragraphs), markers, before.covered, before.full_last_line, before.last_line_room,
                    before.first_word_span)
    last, first = before.paragraphs[-1], after.paragraphs[0]
    # "... as follows:" then "1) ..." on the next page: a list item, or a status label, opens a
    # paragraph of its own
    if (last.endswith(SENTENCE_END) and not last.endswith(":")) or LIST_ITEM_START.match(first) \
            or opens_with_label(first):
        paragraphs = before.paragraphs + after.paragraphs
    else:
        broken = before.full_last_line and broken_at_page_end(last, first)
        joined = last + first if broken else join_lines([last, first])
        paragraphs = before.paragraphs[:-1] + [joined] + after.paragraphs[1:]
    return Cell(paragraphs, markers, before.covered, after.full_last_line, after.last_line_room, before.first_word_span)


def broken_at_page_end(last: str, first: str) -> bool:
    """Did the producer break a word too wide for its column right at the page end
    ("environmentall" + "y")? Only when the piece above is no word and the two make one."""
    tail, head = re.search(r"[A-Za-z]*[a-z]$", last), re.match(r"[a-z]+", first)
    if tail is None or head is None:
        return False
    words = english_words()
    return tail.group(0).lower() not in words and (tail.group(0) + head.group(0)).lower() in words


def same_columns(a: TableBlock, b: TableBlock) -> bool:
    """Do `a` (cut at its page's end) and `b` (on the next page) have the same columns? Where
    `a` was cut open under a header cell spanning columns (WeasyPrint cuts a header block
    between its rows), no row of `a` shows the edges that cell spans: `a`'s edges are then
    some of `b`'s, its first among them."""
    if a.column_xs is None or b.column_xs is None or not a.column_xs:
        return False
    if len(a.column_xs) == len(b.column_xs):
        return all(abs(x - y) <= COLUMN_X_TOLERANCE for x, y in zip(a.column_xs, b.column_xs, strict=False))
    return a.open_bottom and len(a.column_xs) < len(b.column_xs) \
        and abs(a.column_xs[0] - b.column_xs[0]) <= COLUMN_X_TOLERANCE \
        and all(any(abs(x - y) <= COLUMN_X_TOLERANCE for y in b.column_xs) for x in a.column_xs)


def continues_table(prev: TableBlock, block: TableBlock, between: list, taught: tuple = ()) -> bool:
    """Is `block`, the first table of its page, the rest of `prev`, cut by the page break?

    It must start on the page after `prev` ends, with the same columns. A table whose first row
    is a header row continues `prev` only when nothing stands between them (a repeated header);
    one without a header row can only be a continuation, since every task table opens with
    its header row: text between them is then a footnote or a running line.
    """
    if block.page is None or prev.page is None or not block.rows or not prev.rows:
        return False
    last_page = prev.rows[-1].page_end
    if last_page is None or block.page != last_page + 1 or not same_columns(prev, block):
        return False
    # rows with no text at the block's top are a box's or a frame's margin above its table
    first = next((row for row in block.rows if any(row_texts(row))), block.rows[0])
    header = header_row_of(prev, taught)
    if (header is not None and row_texts(first) == row_texts(header)) or column_roles(first.cells, taught) is not None:
        return not between
    return True


def header_row_of(table: TableBlock, taught: tuple = ()) -> TableRow | None:
    at = find_header_row(table.rows, taught)
    return table.rows[at] if at is not None else None


def header_rows_of(table: TableBlock, taught: tuple = ()) -> list[TableRow]:
    """The rows of a table's header block (one row, or several: extract/layout.py header_block)."""
    at = find_header_row(table.rows, taught)
    return header_block(table.rows, at, taught)[0] if at is not None else []


def rows_under_header(table: TableBlock, taught: tuple = ()) -> list[TableRow]:
    """The table's rows under its header row, or under its whole header block: a header is
    never cut, so a block that ends a page with no rule under it (Chromium, the table's first
    page when the block is not repeated) has no row for the next page to carry on. The block
    is laid apart in `table.rows` as `header_block` reads it (its last row's words taken off
    the cells under it, where no rule parts them), so that the rows returned are the table's
    own, for the next page's rest of a cut row to be joined onto."""
    at = find_header_row(table.rows, taught)
    if at is None:
        return table.rows[1:]
    block, rest = header_block(table.rows, at, taught)
    table.rows[at:] = block + rest
    return rest


def unfuse_header(table: TableBlock, taught: tuple = ()) -> None:
    """Split a header row fused with the row under it (no rule between them) into two rows."""
    at = find_header_row(table.rows, taught)
    if at is None and len(table.rows) == 1 and table.open_bottom:
        at = 0  # a header fused with a cut row whose task cell is still empty on this page
    if at is None:
        return
    fused = split_fused_header(table.rows[at], cut=table.open_bottom and ends_page_with_no_task(table, at, taught),
                               taught=taught)
    if fused is not None:
        table.rows[at:at + 1] = list(fused)


def ends_page_with_no_task(table: TableBlock, at: int, taught: tuple = ()) -> bool:
    """Do the rows from the header row `at` to the page's end hold no task text under the
    header's task column? They are the header block and the first task's cells whose task
    text the producer moved to the next page (WeasyPrint cuts a row after its first line)."""
    heads = [Cell(c.paragraphs[:1]) for c in table.rows[at].cells]
    roles = column_roles(heads, taught)
    if roles is None:
        return False
    task = roles.index("task")
    return all(task >= len(r.cells) or r.cells[task].is_empty() for r in table.rows[at + 1:]) \
        and len(table.rows[at].cells[task].paragraphs) <= 1


def strip_header_prefix(row: TableRow, header: TableRow) -> TableRow | None:
    """A header row repeated on a new page with no rule under it, read as one row with the row
    below: return that row without the header's words, or None when the row does not open
    with the header's words in every column the header names."""
    cells = []
    named = 0
    for cell, head in zip(row.cells, header.cells, strict=False):
        words = normalise_ws(head.text).split()
        if not words:
            cells.append(cell)
            continue
        if normalise_ws(cell.text).split()[:len(words)] != words:
            return None
        named += 1
        cells.append(drop_leading_words(cell, len(words)))
    return TableRow(cells, row.page_start, row.page_end) if named else None


def drop_leading_words(cell: Cell, n: int) -> Cell:
    """A cell without its first `n` words (paragraphs emptied by it disappear)."""
    paragraphs = []
    for para in cell.paragraphs:
        words = para.split()
        take = min(n, len(words))
        n -= take
        if words[take:]:
            paragraphs.append(" ".join(words[take:]) if take else para)
    return Cell(paragraphs, list(cell.markers))


def opening_rows(block: TableBlock, header: TableRow | None, dropped: list,
                 header_rows: list[TableRow] | None = None, taught: tuple = ()) -> list[TableRow]:
    """The rows of a continued table without the header row (or block of header rows) it
    repeats, whether the producer drew a rule under that header or not (the header's words are
    kept in `dropped`)."""
    rows = list(block.rows)
    if header is None or not rows:
        return rows
    header_line = " | ".join(normalise_ws(c.text) for c in header.cells)
    repeated = [row_texts(r) for r in header_rows or [header]]
    if row_texts(rows[0]) in repeated:  # the header block repeated, each of its rows
        popped = []
        while rows and row_texts(rows[0]) in repeated:
            popped.append(row_texts(rows[0]))
            dropped.append(Passage("table_header", " | ".join(normalise_ws(c.text) for c in rows.pop(0).cells),
                                   block.page))
        last = (header_rows or [header])[-1]
        # the block's last row with no rule under it: its words open the cells below
        unfused = strip_fused_names(rows, last) if rows and row_texts(last) not in popped else None
        if unfused is not None:
            dropped.append(Passage("table_header", " | ".join(normalise_ws(c.text) for c in last.cells), block.page))
            rows = [r for r in unfused if any(not c.is_empty() for c in r.cells)]
        return rows
    fused = split_fused_header(rows[0], taught=taught)
    rest = strip_header_prefix(rows[0], header) if fused is None else fused[1]
    if rest is None:
        return rows
    dropped.append(Passage("table_header", header_line, block.page))
    return ([rest] if any(not c.is_empty() for c in rest.cells) else []) + rows[1:]


def join_rows_split_across_pages(blocks: list, dropped: list | None = None, taught: tuple = ()) -> list:
    """Given per-page blocks (and the header wordings a user taught), join each table continued
    at the top of the next page onto its first half: repeated header rows are dropped (into
    `dropped`, as passages) and a row cut by the page break becomes one row again."""
    dropped = [] if dropped is None else dropped
    out: list = []
    last_table = None  # index in `out` of the last table kept
    for block in blocks:
        if isinstance(block, TableBlock):
            unfuse_header(block, taught)
        if isinstance(block, TableBlock) and last_table is not None:
            prev = out[last_table]
            if continues_table(prev, block, out[last_table + 1:], taught):
                rows = opening_rows(block, header_row_of(prev, taught), dropped, header_rows_of(prev, taught), taught)
                above = rows_under_header(prev, taught)
                tail = logical_tail(above)
                # an edge left open by the producer says the row was cut; else the text decides
                cut = prev.open_bottom or (block.open_top and len(rows) == len(block.rows))
                header = header_row_of(prev, taught)
                roles = column_roles(header.cells, taught) if header is not None else None
                if rows and tail and (cut or (not block.closed_top and continues_previous_row(
                        tail, first_task(rows, roles), roles, above + rows[1:]))):
                    merge_into_tail(tail, rows.pop(0))
                prev.rows.extend(rows)
                prev.open_bottom = block.open_bottom
                continue
        out.append(block)
        if isinstance(block, TableBlock):
            last_table = len(out) - 1
    return out

