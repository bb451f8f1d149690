"""The shapes that flow out of the readers and into the layout pass.

Both readers produce the same thing: text paragraphs and tables in reading order, so that
everything after reading (headings, header rows, task rows) is written once for both formats.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p)

    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.paragraphs)


@dataclass
class TableRow:
    cells: list[Cell]
    page_start: int | None = None
    page_end: int | None = None


@dataclass
class TableBlock:
    rows: list[TableRow]
    page: int | None = None
    column_xs: tuple | None = None  # PDF only: x of each column's left edge, to recognise continuations


@dataclass
class TextBlock:
    text: str
    page: int | None = None


@dataclass
class RawDocument:
    """What a reader returns: blocks in reading order plus facts about the file."""

    format: str
    blocks: list
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class TaskRow:
    part: str | None
    part_title: str | None
    section: str | None
    section_title: str | None
    task: Cell
    progress: Cell
    next_steps: Cell
    extra: dict
    page_start: int | None
    page_end: int | None


@dataclass
class NoteHeader:
    organization: str | None = None
    symbol: str | None = None
    title: str | None = None
    segment: str | None = None
    meeting_number: int | None = None
    meeting_date: object = None  # datetime.date
    meeting: str | None = None  # the meeting line as written


@dataclass
class Note:
    """A document read and laid out: header metadata and task rows, not yet normalised."""

    format: str
    header: NoteHeader
    rows: list[TaskRow]
    n_pages: int | None
    warnings: list[str]
