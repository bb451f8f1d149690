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
    "next_steps": re.compile(r"^(next steps?|way forward|follow[- ]?up|planned actions?|next actions?|further actions?)\b"),
}
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
    if m:
        return "section", m.group("letter").lower(), m.group("title").strip()
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


def lay_out(raw: RawDocument) -> Note:
    """Given a reader's blocks, return the note: header metadata and task rows in order."""
    header_paras: list[str] = []
    structure_seen = False
    part = part_title = section = section_title = None
    rows: list[TaskRow] = []
    for block in raw.blocks:
        if isinstance(block, TextBlock):
            found = heading(block.text)
            if found and found[0] == "part":
                _, part, part_title = found
                section = section_title = None
                structure_seen = True
            elif found and (structure_seen or part is not None):
                _, section, section_title = found
            elif not structure_seen:
                header_paras.append(block.text)
            continue
        if not isinstance(block, TableBlock) or not block.rows:
            continue
        roles = column_roles(block.rows[0].cells)
        if roles is None:
            continue
        structure_seen = True
        header_texts = [normalise_ws(c.text).lower() for c in block.rows[0].cells]
        extra_names = [normalise_ws(c.text) for c, r in zip(block.rows[0].cells, roles) if r == "extra"]
        table_rows: list[TaskRow] = []
        for trow in block.rows[1:]:
            if [normalise_ws(c.text).lower() for c in trow.cells] == header_texts:
                continue  # header row repeated inside the table
            cells = {"task": Cell(), "progress": Cell(), "next_steps": Cell(), "extra": {}}
            extra_i = 0
            for cell, role in zip(trow.cells, roles):
                if role == "extra":
                    cells["extra"][extra_names[extra_i] or f"column {extra_i + 1}"] = cell
                    extra_i += 1
                else:
                    cells[role] = cell
            if all(c.is_empty() for c in (cells["task"], cells["progress"], cells["next_steps"])) and \
                    all(c.is_empty() for c in cells["extra"].values()):
                continue
            if cells["task"].is_empty() and table_rows:
                merge_into(table_rows[-1], cells, trow.page_end)
                continue
            table_rows.append(TaskRow(
                part=part, part_title=part_title, section=section, section_title=section_title,
                task=cells["task"], progress=cells["progress"], next_steps=cells["next_steps"],
                extra={k: v.text for k, v in cells["extra"].items()},
                page_start=trow.page_start, page_end=trow.page_end,
            ))
        rows.extend(table_rows)
    warnings = list(raw.warnings)
    if not rows:
        warnings.append(NO_TASK_TABLE_WARNING)
    return Note(format=raw.format, header=parse_header(header_paras), rows=rows,
                n_pages=raw.n_pages, warnings=warnings)
