"""From blocks in reading order to task rows: parts, sections and the task tables.

Format-independent: the Word and PDF readers both hand over paragraphs and tables, and
everything here is written once for both.
"""
from __future__ import annotations

import re

from .header import parse_header
from .model import Cell, Note, RawDocument, TableBlock, TaskRow, TextBlock
from .text import normalise_ws

PART_HEADING = re.compile(r"^(?:part\s+)?(?P<num>[IVX]{1,5})\s*[.):\u2013-]\s*(?P<title>\S.*)$", re.I)
SECTION_HEADING = re.compile(r"^\(?(?P<letter>[a-z]|[A-HJ-UWYZ])\s*[.)]\s+(?P<title>[A-Z0-9\"'\u201c(].*)$")
HEADING_MAX_LENGTH = 200

# Header cell wordings, matched at the start of the cell text (lower case, no punctuation)
COLUMN_ROLES = {
    "task": re.compile(r"^(tasks?|activit(y|ies)|mandates?|decisions?|actions? requested)\b"),
    "progress": re.compile(r"^(progress|status|achievements?|progress made|update|implementation status)\b"),
    "next_steps": re.compile(r"^(next steps?|way forward|follow[- ]?up|planned (actions?|activit(y|ies)|steps?)|"
                             r"next actions?|further (actions?|steps?)|future (actions?|steps?|work)|upcoming)\b"),
}
HEADER_SEARCH_ROWS = 3  # a task table's header row is among its first rows
NO_TASK_TABLE_WARNING = "not_a_progress_note: no Tasks | Progress | Next steps table found"


def column_roles(header_cells: list[Cell]) -> list[str] | None:
    """Given a table's first row, name each column's role ("task", "progress", "next_steps" or
    "extra"), or None when the row is not the header row of a task table."""
    roles = []
    for cell in header_cells:
        text = re.sub(r"[^a-z ]", " ", normalise_ws(cell.text).lower()).strip()
        text = " ".join(text.split())
        role = next((r for r, rx in COLUMN_ROLES.items() if rx.match(text)), "extra")
        roles.append(role if role not in roles else "extra")
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


def merge_into(row: TaskRow, cells: dict, page_end) -> None:
    """A row with an empty Task cell carries on the task above it (merged cells in Word)."""
    for role in ("task", "progress", "next_steps"):
        if not cells[role].is_empty():
            setattr(row, role, Cell(getattr(row, role).paragraphs + cells[role].paragraphs))
    for name, cell in cells["extra"].items():
        if not cell.is_empty():
            row.extra[name] = "\n".join(filter(None, [row.extra.get(name), cell.text]))
    if page_end is not None:
        row.page_end = page_end


def row_texts(row) -> list[str]:
    """A table row's cell texts, folded for comparing rows (repeated header rows)."""
    return [normalise_ws(c.text).lower() for c in row.cells]


def find_header_row(rows: list) -> int | None:
    """Index of a table's header row among its first rows (a title row may precede it)."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if column_roles(row.cells) is not None:
            return i
    return None


def heading_row(cells: list[Cell]) -> tuple[str, str, str] | None:
    """A row that is a part or section heading inside the table: one merged cell of text."""
    texts = [normalise_ws(c.text) for c in cells]
    filled = [t for t in texts if t]
    if not filled or (len(set(filled)) != 1) or not texts[0]:
        return None
    return heading(filled[0])


class Walker:
    """Reads blocks in order, keeping track of the part and section every row falls under."""

    def __init__(self):
        self.part = self.part_title = self.section = self.section_title = None
        self.structure_seen = False
        self.header_paras: list[str] = []
        self.rows: list[TaskRow] = []

    def apply_heading(self, found) -> None:
        kind, number, title = found
        if kind == "part":
            self.part, self.part_title = number, title
            self.section = self.section_title = None
            self.structure_seen = True
        else:
            self.section, self.section_title = number, title

    def text(self, text: str) -> None:
        found = heading(text)
        if found and (found[0] == "part" or self.structure_seen or self.part is not None):
            self.apply_heading(found)
        elif not self.structure_seen:
            self.header_paras.append(text)

    def table(self, block: TableBlock) -> None:
        at = find_header_row(block.rows)
        if at is None:
            # not a task table: a banner holding a heading ("II. ..." in a shaded cell), or a
            # layout table in the header block (symbol, date)
            for row in block.rows:
                found = heading_row(row.cells)
                if found and (found[0] == "part" or self.structure_seen or self.part is not None):
                    self.apply_heading(found)
                elif not self.structure_seen:
                    self.header_paras.extend(p for c in row.cells for p in c.paragraphs)
            return
        for row in block.rows[:at]:  # a title row above the header: a heading, or header text
            found = heading_row(row.cells)
            if found:
                self.apply_heading(found)
        self.structure_seen = True
        header = block.rows[at]
        roles = column_roles(header.cells)
        header_texts = row_texts(header)
        extra_names = [normalise_ws(c.text) for c, r in zip(header.cells, roles) if r == "extra"]
        table_rows: list[TaskRow] = []
        for trow in block.rows[at + 1:]:
            if row_texts(trow) == header_texts:
                continue  # header row repeated inside the table
            found = heading_row(trow.cells)
            if found:
                self.apply_heading(found)
                continue
            cells = {"task": Cell(), "progress": Cell(), "next_steps": Cell(), "extra": {}}
            extra_i = 0
            for cell, role in zip(trow.cells, roles):
                if role == "extra":
                    cells["extra"][extra_names[extra_i] or f"column {extra_i + 1}"] = cell
                    extra_i += 1
                else:
                    cells[role] = cell
            core = (cells["task"], cells["progress"], cells["next_steps"])
            if all(c.is_empty() for c in core) and all(c.is_empty() for c in cells["extra"].values()):
                continue
            if cells["task"].is_empty() and table_rows:
                merge_into(table_rows[-1], cells, trow.page_end)
                continue
            table_rows.append(TaskRow(
                part=self.part, part_title=self.part_title, section=self.section, section_title=self.section_title,
                task=cells["task"], progress=cells["progress"], next_steps=cells["next_steps"],
                extra={k: v.text for k, v in cells["extra"].items()},
                page_start=trow.page_start, page_end=trow.page_end,
            ))
        self.rows.extend(table_rows)


def lay_out(raw: RawDocument) -> Note:
    """Given a reader's blocks, return the note: header metadata and task rows in order."""
    walker = Walker()
    for block in raw.blocks:
        if isinstance(block, TextBlock):
            walker.text(block.text)
        elif isinstance(block, TableBlock) and block.rows:
            walker.table(block)
    warnings = list(raw.warnings)
    if not walker.rows:
        warnings.append(NO_TASK_TABLE_WARNING)
    return Note(format=raw.format, header=parse_header(walker.header_paras), rows=walker.rows,
                n_pages=raw.n_pages, warnings=warnings)
