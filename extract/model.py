"""The shapes that flow out of the readers and into the layout pass.

Both readers produce the same thing: text paragraphs and tables in reading order, so that
everything after reading (headings, header rows, task rows) is written once for both formats.
Besides the blocks, a reader hands over every word it read (`RawDocument.source_words`) and
the text it dropped on purpose (page numbers, running heads), so that the layout pass can
account for each word of the note (extract/accounting.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Cell:
    paragraphs: list[str] = field(default_factory=list)
    # list markers ("1)", "(a)", a bullet) taken off the paragraphs: not text, but accounted for
    markers: list[str] = field(default_factory=list)
    # PDF only: no box of its own, a merged cell above covers it (Word: a vMerge continuation)
    covered: bool = False
    # PDF only: the last line runs to the cell's right edge (a word may be broken there)
    full_last_line: bool = False
    # PDF only: the room left on the last line and the width of the first word with the space
    # before it (pt): a paragraph goes on past a line whose room its next word would not fit in
    last_line_room: float | None = None
    first_word_span: float | None = None
    # PDF only: where the cell's last line ends down its page (pt from the page's top)
    last_line_bottom: float | None = None

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
    # PDF only: no rule closes the first / last row: a page break cut it (browsers and HTML
    # engines draw none at the cut; Word and LibreOffice do, and then this says nothing)
    open_top: bool = False
    open_bottom: bool = False
    # PDF only: the first row under the header is a row of its own, not the rest of one the page
    # break cut, whatever its text says (a zebra table's row shaded unlike the row before it)
    closed_top: bool = False


@dataclass
class TextBlock:
    text: str
    page: int | None = None
    # PDF only: the words lie inside a table's ruled frame but in none of its cells, so they
    # belong to a row the reader could not close: reported as unplaced, never taken as prose
    stray: bool = False


@dataclass
class Passage:
    """Text of a note that is not in a task row, with what it is: `kind` is one of
    header (the header block and introduction), heading (a part or section heading),
    text (a paragraph between the tables), table_header (a task table's header row),
    furniture (a page number, running head or foot: dropped from the text on purpose),
    watermark (a diagonal watermark or stamp over the page: set aside, with a warning)."""

    kind: str
    text: str
    page: int | None = None
    part: str | None = None
    section: str | None = None


@dataclass
class RawDocument:
    """What a reader returns: blocks in reading order plus facts about the file."""

    format: str
    blocks: list
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # every word of the document as the reader found it, in reading order: the yardstick
    # for "no word is lost" (extract/accounting.py)
    source_words: list[str] = field(default_factory=list)
    # text the reader set aside on purpose: running heads and feet, page numbers, header rows
    # repeated on continuation pages
    furniture: list[Passage] = field(default_factory=list)


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
    # a Status column's cell ("Ongoing"), where the table has one beside Progress
    status: Cell | None = None
    markers: list[str] = field(default_factory=list)  # list markers taken off its cells
    # typed extra columns, where the table has them (their text is in `extra` too): who leads,
    # when it is due, the resolution or decision number
    lead: Cell | None = None
    deadline: Cell | None = None
    reference_cell: Cell | None = None
    # the resolution or decision number the task carries (from a reference column, or opening
    # the task cell: "4/7", "Decision SOM25/3 (a)"), as written and as a comparable key
    reference: str | None = None
    reference_key: str | None = None
    taken: list[str] = field(default_factory=list)  # text taken off the task cell (a reference)


@dataclass
class NoteHeader:
    organization: str | None = None
    symbol: str | None = None
    title: str | None = None
    segment: str | None = None
    meeting_number: int | None = None
    meeting_date: dt.date | None = None
    meeting: str | None = None  # the meeting line as written
    # the body a header line names, else the symbol's prefix up to the body that meets ("UNEP/EA")
    series: str | None = None
    note_date: dt.date | None = None  # the note's own date, where the header gives one apart from the meeting's


@dataclass
class Note:
    """A document read and laid out: header metadata and task rows, not yet normalised."""

    format: str
    header: NoteHeader
    rows: list[TaskRow]
    n_pages: int | None
    warnings: list[str]
    passages: list[Passage] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # phrases no part of the note holds
