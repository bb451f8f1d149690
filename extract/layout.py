"""From blocks in reading order to task rows: parts, sections and the task tables.

Format-independent: the Word and PDF readers both hand over paragraphs and tables, and
everything here is written once for both. Every piece of text finds a place: a task row, or a
passage (header block, heading, prose, table header row, page furniture); whatever does not is
reported by the word accounting at the end (extract/accounting.py).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from ..normalise.nlp import read_jsonl
from ..normalise.references import SEPARATORS as REFERENCE_SEPARATORS
from ..normalise.references import column_reference, opening_reference
from .accounting import unplaced_phrases
from .evidence import names_itself, note_names_itself, table_evidence
from .header import parse_header
from .model import Cell, Note, Passage, RawDocument, TableBlock, TableRow, TaskRow, TextBlock
from .text import normalise_ws, strip_list_marker

# Which header words name which column role: a table's shape is extract's to read, so its
# patterns live here, beside the status and date rules' folder (normalise/patterns/).
COLUMN_ROLE_PATTERNS = Path(__file__).resolve().parent / "patterns" / "column_roles.jsonl"


PART_HEADING = re.compile(r"^(?:part\s+)?(?P<num>[IVX]{1,5})\s*[.):\u2013-]\s*(?P<title>\S.*)$", re.I)
SECTION_HEADING = re.compile(r"^\(?(?P<letter>[a-z]|[A-HJ-UWYZ])\s*[.)]\s+(?P<title>[A-Z0-9\"'\u201c(].*)$")
HEADING_MAX_LENGTH = 200
CORE_ROLES = ("task", "progress", "next_steps")
# Columns whose text is kept in tasks.extra under their header and read as data as well: a
# Status column's word, who leads, when it is due, the resolution or decision number.
TYPED_ROLES = ("status", "lead", "deadline", "reference")
# A row's number ("No.", "S/N"): kept in extra, out of the task's text.
NUMBER_ROLE = "number"
ROLES = CORE_ROLES + TYPED_ROLES + (NUMBER_ROLE, "extra")
HEADER_SEARCH_ROWS = 3  # a task table's header row is among its first rows
# A PDF producer that draws no rule under the header row hands it over fused with the first
# row: the header words are the first paragraph of each cell, the rest is the first task (with
# text in its Task cell, which a header cell's second line, "(as of May)", never has). A header
# cell is a short phrase: this many words at most.
HEADER_CELL_MAX_WORDS = 8
NO_TASK_TABLE_WARNING = "not_a_progress_note: no Tasks | Progress | Next steps table found"
UNPLACED_WARNING = "unplaced_text: "
# A note without a task table whose tables have first rows naming no task table's roles (Task,
# and Progress or Next steps): the first such row, so that ingest can say which wording a user
# may teach (`--column WORDING=ROLE`).
NO_ROLES_WARNING = "no_task_roles: "
# A PDF page with text drawn over text (extract/pdf/reader.py: overlapping_letters).
OVERLAPPING_TEXT = "overlapping_text"


# header_role is asked of a table's first rows again and again (is it a header block, does it go
# on, is it merged, which roles): each cell's text is folded and matched once
HEADER_ROLE_CACHE = 4096


def fold_header(text: str) -> str:
    """A header cell's text as the role patterns see it: lower-case letters and single spaces."""
    return " ".join(re.sub(r"[^a-z ]", " ", normalise_ws(text).lower()).split())


@functools.lru_cache(maxsize=8)
def compiled_roles(taught: tuple) -> list[tuple[str, re.Pattern]]:
    """(role, compiled pattern) pairs: the taught wordings, then patterns/column_roles.jsonl in
    the file's order. A taught wording matches a header that starts with it (folded)."""
    out = [(role, re.compile(rf"^{re.escape(fold_header(wording))}\b")) for wording, role in taught
           if fold_header(wording)]
    for entry in read_jsonl(COLUMN_ROLE_PATTERNS):
        body = entry["pattern"]
        rx = re.compile(rf"^(?:{body})$" if entry.get("whole") else rf"^(?:{body})\b")
        out.append((entry["role"], rx))
    return out


def role_patterns(taught: tuple = ()) -> list[tuple[str, re.Pattern]]:
    """(role, compiled pattern) pairs in the order they are tried: the wordings a user taught
    (`--column`, ReadOptions.roles) as (wording, role) pairs, then the patterns file."""
    return compiled_roles(tuple(taught))


@functools.lru_cache(maxsize=HEADER_ROLE_CACHE)
def header_role(text: str, taught: tuple = ()) -> str:
    """Given a header cell's text, return the role its wording names, or "extra"."""
    folded = fold_header(text)
    return next((role for role, rx in role_patterns(taught) if rx.match(folded)), "extra")


def column_roles(header_cells: list[Cell], taught: tuple = ()) -> list[str] | None:
    """Given a table's first row, name each column's role (one of ROLES), or None when the
    row is not the header row of a task table. A role taken by a column to the left makes a
    second such column an extra one. `taught`: (wording, role) pairs tried first."""
    roles: list[str] = []
    for cell in header_cells:
        role = header_role(cell.text, taught)
        roles.append(role if role not in roles else "extra")
    if "status" in roles and "progress" not in roles:
        roles[roles.index("status")] = "progress"  # Task | Status | Next steps: the status is the progress
    if "task" in roles and ("progress" in roles or "next_steps" in roles):
        return roles
    return None


def heading(text: str) -> tuple[str, str, str] | None:
    """Given a paragraph, return ("part"|"section", number, title) when it is a heading."""
    if len(text) > HEADING_MAX_LENGTH:
        return None
    m = PART_HEADING.match(text)
    if m and m.group("num").isupper():
        return "part", m.group("num").upper(), m.group("title").strip()
    m = SECTION_HEADING.match(text)
    if m:  # the letter as written: "a", or "A" where a note letters its sections in capitals
        return "section", m.group("letter"), m.group("title").strip()
    return None


TYPED_FIELDS = {"status": "status", "lead": "lead", "deadline": "deadline", "reference": "reference_cell"}


def merge_into(row: TaskRow, cells: dict, page_end) -> None:
    """A row with an empty Task cell carries on the task above it: vertically merged cells
    (one row per progress item under one task cell), or a row a page break cut."""
    for role in CORE_ROLES:
        if not cells[role].is_empty():
            setattr(row, role, Cell(getattr(row, role).paragraphs + cells[role].paragraphs))
    for role in TYPED_ROLES:
        if cells[role] is not None and not cells[role].is_empty():
            field_name = TYPED_FIELDS[role]
            before = getattr(row, field_name)
            setattr(row, field_name, Cell((before.paragraphs if before else []) + cells[role].paragraphs))
    for name, cell in cells["extra"].items():
        if not cell.is_empty():
            row.extra[name] = "\n".join(filter(None, [row.extra.get(name), cell.text]))
    row.markers.extend(m for c in cells["all"] for m in c.markers)
    if page_end is not None:
        row.page_end = page_end


def row_texts(row) -> list[str]:
    """A table row's cell texts, folded for comparing rows (repeated header rows)."""
    return [normalise_ws(c.text).lower() for c in row.cells]


def split_fused_header(row: TableRow, cut: bool = False, taught: tuple = ()) -> tuple[TableRow, TableRow] | None:
    """A header row fused with the row under it (no rule between them): return the two rows
    apart, or None when `row` is not such a pair. The row under a header has its task cell
    filled, unless the page break `cut` it: a producer may move a task cell's first line to the
    next page while the other cells start on this one."""
    heads = [Cell(c.paragraphs[:1]) for c in row.cells]
    rest = [Cell(c.paragraphs[1:]) for c in row.cells]
    if any(len(c.text.split()) > HEADER_CELL_MAX_WORDS for c in heads):
        return None
    roles = column_roles(heads, taught)
    if roles is None or all(c.is_empty() for c in rest) or (not cut and rest[roles.index("task")].is_empty()):
        return None
    return TableRow(heads, row.page_start, row.page_start), TableRow(rest, row.page_start, row.page_end)


# A table's header may be a block of rows ("No. | Tasks | Status of implementation" spanning two
# columns, over " | | Progress | Next steps"): at most this many.
MAX_HEADER_ROWS = 3


def continues_header(row: TableRow, above: list[TableRow], taught: tuple = ()) -> bool:
    """Is `row` more of the header block `above`: its task column empty (merged down from the
    row above), every filled cell a short phrase, one at least naming a role?"""
    roles = (column_roles(merged_header(above + [row], taught).cells, taught)
             or column_roles(merged_header(above, taught).cells, taught))
    texts = [normalise_ws(c.text) for c in row.cells]
    if roles is None or roles.index("task") >= len(texts) or texts[roles.index("task")]:
        return False
    filled = [t for t in texts if t]
    return bool(filled) and all(len(t.split()) <= HEADER_CELL_MAX_WORDS for t in filled) \
        and any(header_role(t, taught) != "extra" for t in filled)


def header_block(rows: list[TableRow], at: int, taught: tuple = ()) -> tuple[list[TableRow], list[TableRow]]:
    """Given a table's rows and where its header starts, return the header block's rows and the
    rows under it; a header row fused with the row under it (no rule between) is split."""
    block, rest = [rows[at]], list(rows[at + 1:])
    fused = split_fused_header(rows[at], taught=taught)
    if fused is not None:
        return [fused[0]], [fused[1]] + rest
    while rest and len(block) < MAX_HEADER_ROWS:
        if continues_header(rest[0], block, taught):
            block.append(rest.pop(0))
            continue
        fused = fused_block_row(rest[0], block, taught)
        if fused is None:
            break
        block.append(fused[0])  # the block's last row fused with the first task row under it
        rest[0] = fused[1]
    names = names_fused_below(block, rest, taught) if len(block) < MAX_HEADER_ROWS else None
    if names is not None:
        unfused = strip_fused_names(rest, names) or rest
        return block + [names], [r for r in unfused if any(not c.is_empty() for c in r.cells)]
    return block, rest


def fused_block_row(row: TableRow, above: list[TableRow], taught: tuple = ()) -> tuple[TableRow, TableRow] | None:
    """The header block's last row and the task row under it, read as one row (no rule between
    them): return the two apart (the header row's cells: the row's first paragraphs), or None."""
    heads = TableRow([Cell(c.paragraphs[:1]) for c in row.cells], row.page_start, row.page_start)
    tail = TableRow([Cell(c.paragraphs[1:]) for c in row.cells], row.page_start, row.page_end)
    if not continues_header(heads, above, taught) or all(c.is_empty() for c in tail.cells):
        return None
    return heads, tail


def filled_cells(rows: list[TableRow], column: int) -> list[tuple[int, Cell]]:
    """(index, cell) of the rows whose cell in `column` holds text, in their order."""
    return [(i, row.cells[column]) for i, row in enumerate(rows)
            if column < len(row.cells) and not row.cells[column].is_empty()]


def first_task_rows(rows: list[TableRow], task: int) -> list[TableRow]:
    """The first task's rows: the first row and those under it whose task cell is empty (merged
    down, or the rest of its cells where the row's rules run only under some columns)."""
    end = 1
    while end < len(rows) and (task >= len(rows[end].cells) or rows[end].cells[task].is_empty()):
        end += 1
    return rows[:end]


def names_fused_below(above: list[TableRow], rows: list[TableRow], taught: tuple = ()) -> TableRow | None:
    """The header block's last row when the producer drew no rule under it and no rule under the
    cells merged down from above (No., Tasks) either: its words then open the first task's cells
    in the other columns. Return that row (the short first paragraphs naming a role, in the
    columns the block names no task or number, one at least a column it leaves without words),
    or None."""
    named = merged_header(above, taught).cells
    roles = column_roles(named, taught)
    if roles is None or not rows:
        return None
    group = first_task_rows(rows, roles.index("task"))
    width = max(len(r.cells) for r in group)
    cells, new_name = [], False
    for j in range(width):
        filled = filled_cells(group, j)
        head = filled[0][1].paragraphs[0] if filled else ""
        taken = bool(head) and len(head.split()) <= HEADER_CELL_MAX_WORDS and header_role(head, taught) != "extra" \
            and (j >= len(roles) or roles[j] not in ("task", NUMBER_ROLE))
        new_name |= taken and (j >= len(named) or named[j].is_empty())
        cells.append(Cell([head] if taken else []))
    heads = TableRow(cells, rows[0].page_start, rows[0].page_start)
    return heads if new_name and continues_header(heads, above, taught) else None


def strip_fused_names(rows: list[TableRow], names: TableRow) -> list[TableRow] | None:
    """`rows` without the header words `names` that open the first filled cell of each column
    they name, or None when one does not open with its name."""
    out = list(rows)
    for j, name in enumerate(names.cells):
        if name.is_empty():
            continue
        at = next((i for i, _ in filled_cells(rows, j)), None)
        if at is None or out[at].cells[j].paragraphs[:1] != name.paragraphs:
            return None
        cell = out[at].cells[j]
        cells = list(out[at].cells)
        cells[j] = Cell(cell.paragraphs[1:], list(cell.markers), cell.covered, cell.full_last_line)
        out[at] = TableRow(cells, out[at].page_start, out[at].page_end)
    return out


def merged_header(block: list[TableRow], taught: tuple = ()) -> TableRow:
    """One header row for a block of header rows: each column named by the lowest of its cells
    that names a role (spans and merges resolved: a spanning cell above names no column of its
    own once the row under it names each), else by its cells' texts joined."""
    width = max(len(r.cells) for r in block)
    cells = []
    for j in range(width):
        texts = [t for t in (normalise_ws(r.cells[j].text) for r in block if j < len(r.cells)) if t]
        naming = [t for t in texts if header_role(t, taught) != "extra"]
        cells.append(Cell([naming[-1]] if naming else [" ".join(texts)] if texts else []))
    return TableRow(cells, block[0].page_start, block[-1].page_end)


def find_header_row(rows: list, taught: tuple = ()) -> int | None:
    """Index of a table's header row among its first rows (a title row may precede it)."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if split_fused_header(row, taught=taught) is not None or column_roles(row.cells, taught) is not None:
            return i
    return None


def taught_header(cells: list[Cell], taught: tuple = ()) -> bool:
    """Does a header row hold a wording the user taught (`--column`, the (wording, role) pairs
    `taught`)? Then it is a task table on the user's word, whatever its cells read as. A wording
    matches as the role patterns match it: at a header's start, as whole words."""
    n_taught = sum(1 for wording, _ in taught if fold_header(wording))
    patterns = compiled_roles(tuple(taught))[:n_taught]  # the taught ones come first
    return any(rx.match(fold_header(c.text)) for c in cells for _, rx in patterns)


def heading_row(cells: list[Cell]) -> tuple[str, str, str] | None:
    """A row that is a part or section heading inside the table: one merged cell of text."""
    texts = [normalise_ws(c.text) for c in cells]
    filled = [t for t in texts if t]
    if not filled or (len(set(filled)) != 1) or not texts[0]:
        return None
    return heading(filled[0])


class Walker:
    """Reads blocks in order, keeping track of the part and section every row falls under,
    and of every passage of text that is not a task row."""

    def __init__(self, taught: tuple = ()):
        self.taught = taught  # the header wordings a user taught (ReadOptions.roles)
        self.part = self.part_title = self.section = self.section_title = None
        self.structure_seen = False
        self.header_paras: list[str] = []
        self.rows: list[TaskRow] = []
        self.passages: list[Passage] = []
        self.unroled_headers: list[str] = []  # first rows of tables of two columns or more with no task role
        self.task_headers: list[str] = []  # header rows of the tables taken as task tables
        # rows of tables whose progress cells give the only evidence, and their header rows
        self.provisional: list[TaskRow] = []
        self.taught_rows: list[TaskRow] = []  # rows of tables headed with the user's wordings: tasks on their word
        self.provisional_headers: list[str] = []

    def passage(self, kind: str, text: str, page) -> None:
        if text:
            self.passages.append(Passage(kind, text, page, self.part, self.section))

    def apply_heading(self, found, text: str, page) -> None:
        kind, number, title = found
        if kind == "part":
            self.part, self.part_title = number, title
            self.section = self.section_title = None
            self.structure_seen = True
        else:
            self.section, self.section_title = number, title
        self.passage("heading", text, page)

    def takes_heading(self, found) -> bool:
        """Section headings count once a part has begun; before it, "a) ..." may be header text."""
        return bool(found) and (found[0] == "part" or self.structure_seen or self.part is not None)

    def text(self, block: TextBlock) -> None:
        if block.stray:
            return  # words in a table's frame but in no cell: the accounting reports them
        found = heading(block.text)
        if self.takes_heading(found):
            self.apply_heading(found, block.text, block.page)
        elif not self.structure_seen:
            self.header_paras.append(block.text)
            self.passage("header", block.text, block.page)
        else:
            self.passage("text", block.text, block.page)

    def other_table(self, block: TableBlock) -> None:
        """A table that is not a task table: a banner holding a heading ("II. ..." in a shaded
        cell), or a layout table in the header block (symbol, date). Any other table after the
        header block is not placed: the accounting reports its words."""
        first = [normalise_ws(c.text) for c in block.rows[0].cells]
        if len(block.rows) > 1 and sum(bool(t) for t in first) > 1 and not heading_row(block.rows[0].cells):
            self.unroled_headers.append(" | ".join(first))
        for row in block.rows:
            found = heading_row(row.cells)
            if self.takes_heading(found):
                self.apply_heading(found, normalise_ws(row.cells[0].text), row.page_start)
            elif not self.structure_seen:
                paras = [p for c in row.cells for p in c.paragraphs]
                self.header_paras.extend(paras)
                for para in paras:
                    self.passage("header", para, row.page_start)

    def table(self, block: TableBlock) -> None:
        at = find_header_row(block.rows, self.taught)
        if at is None:
            self.other_table(block)
            return
        structure_before = self.structure_seen
        for row in block.rows[:at]:  # a title row above the header: a heading, or a caption
            found = heading_row(row.cells)
            if found:
                self.apply_heading(found, normalise_ws(row.cells[0].text), row.page_start)
            else:
                for cell in row.cells:
                    self.passage("text", cell.text, row.page_start)
        self.structure_seen = True
        header_rows, body = header_block(block.rows, at, self.taught)
        header = merged_header(header_rows, self.taught)
        roles = column_roles(header.cells, self.taught)
        header_texts = [row_texts(row) for row in header_rows]
        header_lines = [" | ".join(normalise_ws(c.text) for c in row.cells) for row in header_rows]
        header_line = header_lines[0]
        for line in header_lines:
            self.passage("table_header", line, header.page_start)
        if roles is None:  # never (find_header_row found it by its roles); were it so, its rows stay text
            for row in body:
                for cell in row.cells:
                    self.passage("text", cell.text, row.page_start)
            return
        names = [normalise_ws(c.text) or f"column {i + 1}" for i, c in enumerate(header.cells)]
        table_rows: list[TaskRow] = []
        for trow in body:
            if row_texts(trow) in header_texts:  # a header row repeated inside the table
                self.passage("table_header", header_lines[header_texts.index(row_texts(trow))], trow.page_start)
                continue
            found = heading_row(trow.cells)
            if found:
                self.apply_heading(found, normalise_ws(trow.cells[0].text), trow.page_start)
                continue
            cells = self.cells_by_role(trow, roles, names)
            if all(c.is_empty() for c in cells["all"]):
                continue
            if cells["task"].is_empty() and table_rows:
                merge_into(table_rows[-1], cells, trow.page_end)
                continue
            table_rows.append(TaskRow(
                part=self.part, part_title=self.part_title, section=self.section, section_title=self.section_title,
                task=cells["task"], progress=cells["progress"], next_steps=cells["next_steps"],
                extra={k: v.text for k, v in cells["extra"].items()}, status=cells["status"],
                lead=cells["lead"], deadline=cells["deadline"], reference_cell=cells["reference"],
                page_start=trow.page_start, page_end=trow.page_end,
                markers=[m for c in cells["all"] for m in c.markers],
            ))
        unnamed = [n for c, n in zip(header.cells, names, strict=False) if not normalise_ws(c.text)]
        drop_empty_unnamed(table_rows, unnamed)
        # the user's word, or the header of a task table of this note already, is evidence enough
        proven = taught_header(header.cells, self.taught) or header_line in self.task_headers
        verdict = "tasks" if proven else table_evidence(table_rows)
        if verdict is None:
            self.unroled_headers.append(header_line)
            self.reject(table_rows)
            self.structure_seen = structure_before
            return
        reference_header = names[roles.index("reference")] if "reference" in roles else None
        for task_row in table_rows:
            take_reference(task_row, reference_header)
        self.rows.extend(table_rows)
        self.task_headers.append(header_line)
        if taught_header(header.cells, self.taught):
            self.taught_rows.extend(table_rows)
        if verdict == "progress":  # a task table only if the document names itself (lay_out)
            self.provisional.extend(table_rows)
            self.provisional_headers.append(header_line)

    def reject(self, rows: list[TaskRow]) -> None:
        """Rows of a table that names task roles but gives no evidence of tasks
        (extract/evidence.py): text of the document, placed as such."""
        for row in rows:
            for text in [row.task.text, row.progress.text, row.next_steps.text, *row.extra.values(), *row.markers,
                         *row.taken]:
                self.passage("text", text, row.page_start)

    @staticmethod
    def cells_by_role(trow, roles: list[str], names: list[str]) -> dict:
        """A row's cells by role, list markers taken off; extra columns (and a Status column,
        whose word is kept as written too) by their header."""
        cells: dict = {"task": Cell(), "progress": Cell(), "next_steps": Cell(), "extra": {},
                       **{role: None for role in TYPED_ROLES}}
        # a number column's "1." is the number as written (kept in extra), not a list marker
        cells["all"] = [c if role == NUMBER_ROLE else without_markers(c)
                        for c, role in zip(trow.cells, roles + ["extra"] * len(trow.cells), strict=False)]
        for cell, role, name in zip(cells["all"], roles, names, strict=False):
            if role == NUMBER_ROLE:
                cells["extra"][name] = cell
                continue
            if role == "extra" or role in TYPED_ROLES:
                cells["extra"][name] = cell
            if role != "extra":
                cells[role] = cell
        return cells


def drop_empty_unnamed(rows: list[TaskRow], unnamed: list[str]) -> None:
    """Take out of `extra` the columns with no header and no text in any row: a frame's
    rules around a table (a PDF's double border) draw such columns; they hold nothing."""
    for name in unnamed:
        if not any(row.extra.get(name) for row in rows):
            for row in rows:
                row.extra.pop(name, None)


def take_reference(row: TaskRow, reference_header: str | None) -> None:
    """The resolution or decision number of a row: its reference column's, else the one that
    opens its task cell, taken off the text where it stands as a label ("4/7 Marine ...")."""
    if row.reference_cell is not None:
        found = column_reference(row.reference_cell.text, reference_header)
        if found is not None:
            row.reference, row.reference_key = found.text, found.key
        return
    if not row.task.paragraphs:
        return
    opened = opening_reference(row.task.paragraphs[0])
    if opened is None:
        return
    ref, rest = opened
    row.reference, row.reference_key = " ".join(ref.text.split()).rstrip(REFERENCE_SEPARATORS), ref.key
    if rest != row.task.paragraphs[0]:
        row.taken.append(ref.text)
        row.task = Cell(([rest] if rest else []) + row.task.paragraphs[1:], row.task.markers)


def without_markers(cell: Cell) -> Cell:
    """A cell's paragraphs without their list markers (kept aside for the accounting)."""
    out = Cell(markers=list(cell.markers))
    for para in cell.paragraphs:
        text, marker = strip_list_marker(para)
        if marker:
            out.markers.append(marker)
        if text:
            out.paragraphs.append(text)
    return out


def placed_texts(rows: list[TaskRow], passages: list[Passage]) -> list[str]:
    """Every text the note holds: task cells, extra columns, list markers, passages."""
    out = []
    for row in rows:
        out.extend([row.task.text, row.progress.text, row.next_steps.text, *row.extra.values(), *row.markers,
                    *row.taken])
    out.extend(p.text for p in passages)
    return out


def lay_out(raw: RawDocument, taught: tuple = ()) -> Note:
    """Given a reader's blocks (and the header wordings a user taught), return the note: header
    metadata, task rows in order, the passages around them, and a warning for each phrase of the
    document that found no place."""
    walker = Walker(taught)
    for block in raw.blocks:
        if isinstance(block, TextBlock):
            walker.text(block)
        elif isinstance(block, TableBlock) and block.rows:
            walker.table(block)
    warnings = list(raw.warnings)
    header = parse_header(walker.header_paras)
    if walker.provisional and not names_itself(header):
        kept = {id(row) for row in walker.provisional}
        walker.rows = [row for row in walker.rows if id(row) not in kept]
        walker.task_headers = [h for h in walker.task_headers if h not in walker.provisional_headers]
        walker.unroled_headers[:0] = walker.provisional_headers
        walker.reject(walker.provisional)
    taught_rows = {id(row) for row in walker.taught_rows}
    if walker.rows and not taught_rows and not note_names_itself(header, len(walker.rows)):
        walker.unroled_headers[:0] = walker.task_headers  # the hint names a task table's header first
        rows, walker.rows = walker.rows, []
        walker.reject(rows)
    if not walker.rows:
        warnings.append(NO_TASK_TABLE_WARNING)
        warnings.extend(NO_ROLES_WARNING + line for line in walker.unroled_headers[:1])
    passages = walker.passages + raw.furniture
    unplaced = unplaced_phrases(raw.source_words, placed_texts(walker.rows, passages))
    warnings.extend(UNPLACED_WARNING + phrase for phrase in unplaced)
    return Note(format=raw.format, header=header, rows=walker.rows,
                n_pages=raw.n_pages, warnings=warnings, passages=passages, unplaced=unplaced)
