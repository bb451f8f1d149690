"""The vocabulary the sample notes are written in: a note is parts, sections and rows.

A spec is the hand-written truth a sample is built from. `build_samples.py` renders it as a
Word file (and LibreOffice turns that into a PDF) and writes the rows a reader of the note
would expect into tests/expected/, so the tests compare the extractor against what was
written, never against what the extractor once produced.

Inline markup in paragraph strings: **bold** and __underlined__ spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MARKUP = re.compile(r"\*\*|__")


def plain(text: str) -> str:
    """Given a paragraph with inline markup, return the words as a reader sees them."""
    return MARKUP.sub("", text)


@dataclass
class OL:
    """One item of a numbered list inside a cell; Word numbers it, the text has no number."""

    text: str


@dataclass
class LI:
    """A paragraph drawn as a list item ("bullet" or "number"): Word or the browser draws the
    marker, which is not part of the text."""

    text: object  # a paragraph: str, OL or a (label, text) pair
    kind: str = "bullet"


@dataclass
class Item:
    """A status-labelled piece of a Progress cell. `label` is as written (None: no label)."""

    status: str
    paras: list
    label: str | None = None
    inline: bool = True  # label shares the first paragraph ("Completed: The ...")


@dataclass
class Row:
    task: list
    progress: list  # of Item, or of paragraphs when the cell has no label at all
    next_steps: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # extra column header -> list of paragraphs
    progress_status: str = "unknown"  # status of an unlabelled progress cell
    # The resolution or decision number the task carries, as a reader should store it
    # ("Resolution 4/11, para. 5"), and its key written by hand ("res 4/11 p5"): drawn at the
    # start of the task cell (Layout.reference_header None) or in the reference column.
    reference: str | None = None
    reference_key: str | None = None
    reference_drawn: str | None = None  # as it opens the task cell, when it differs ("5/3 (b):")
    # Typed columns as a reader should read them, written by hand: "lead" (the entities of a lead
    # column, a list) and "deadlines" ((text, start, end) of each date of a deadline column)
    expect: dict = field(default_factory=dict)


@dataclass
class Section:
    marker: str  # as written: "a)", "a.", "(a)"
    title: str
    rows: list


@dataclass
class Part:
    numeral: str
    title: str
    sections: list


@dataclass
class Layout:
    headers: tuple = ("Tasks", "Progress", "Next steps")
    extra_headers: tuple = ()
    repeat_header: bool = False  # Word's "repeat as header row at the top of each page"
    font_size: float = 11
    part_prefix: str = ""  # e.g. "Part " for "Part II. ..."
    single_table: bool = False  # one table for the note, part and section headings as merged rows
    symbol_in_page_header: bool = False  # the symbol as a running head, not in the body
    page_numbers: bool = False  # a PAGE field in the footer
    bold_labels: bool = True
    table_style: str | None = "Table Grid"  # Word's style: "Light Shading" rules only the header
    part_banners: bool = False  # each part heading in a one-cell table of its own
    # Layout classes of real archives (issue 9):
    # one table row per progress item, the Task cell merged over them (Word's vMerge, HTML's
    # rowspan); Next steps "merged" the same way, or written in the item rows' "last" one
    vertical_merge: str | None = None
    # a Status column after Tasks: the task's status as one word; Progress holds no labels
    status_column: bool = False
    # "bullets": Progress paragraphs as a bulleted list and Next steps as a numbered list "1."
    list_style: str | None = None
    paragraph_gap_pt: float = 4  # space after each cell paragraph; 0 hides paragraph breaks in the PDF
    highlight: bool = False  # Next steps highlighted, as in drafts: a PDF draws a filled box per line
    landscape: bool = False
    # Tables of other bodies (issue 16): the columns in the order drawn, by role ("task",
    # "progress", "next_steps", "status", "reference") or by extra header; empty: Tasks, [Status,]
    # Progress, Next steps, extras. A core role left out is not drawn (an action tracker has no
    # Next steps column); the header of a drawn core column is its entry in `headers`.
    columns: tuple = ()
    reference_header: str | None = None  # the header of a reference column ("Decision no.")
    widths_cm: tuple = ()  # the columns' widths, where the layout lists its columns (else shared out)


@dataclass
class Note:
    name: str
    header_lines: list  # the header block, one paragraph each: (text, style) pairs
    intro: list
    parts: list
    layout: Layout
    meta: dict  # expected documents fields (hand-written)
    provenance: str  # "real" or "written for testing"
