"""Read a PDF exported from Word into paragraphs and tables in reading order.

One pass over each page: pdfplumber finds the ruled tables and the words once, and every word
goes either to the table cell that holds it or to the running text. Lines become paragraphs
by their spacing, measured on the document itself. Tables that a page break cut in two are
joined again by `join_rows_split_across_pages`.
"""
from __future__ import annotations

import bisect
import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from spacy.lang.en.stop_words import STOP_WORDS

from .layout import column_roles, find_header_row, heading, row_texts
from .nlp import status_nlp
from .model import Cell, RawDocument, TableBlock, TableRow, TextBlock
from .text import SENTENCE_END, clean, join_lines

# pdfminer logs damaged fonts and streams as warnings on stderr; a bad file is reported once,
# by ingest, as one line, so its chatter is kept to real errors.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# The notes' tables are ruled: every cell has borders, so lines are the reliable signal.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
WORD_SETTINGS = {"x_tolerance": 3, "y_tolerance": 2.5, "keep_blank_chars": False,
                 "extra_attrs": ["size"]}
LINE_TOLERANCE = 2.5  # words whose tops differ by less than this (pt) share a line
# A paragraph break is a line pitch this much larger than the document's usual pitch
# (Word's "space after" adds 4pt or more to a ~13pt pitch at 11pt type: a 1.3x jump).
PARAGRAPH_GAP_FACTOR = 1.18
DEFAULT_PITCH_RATIO = 1.2  # pitch/size when a document has too few lines to measure
MIN_PITCH_RATIO = 0.9
COLUMN_X_TOLERANCE = 6.0  # pt: tables on two pages with columns this close are one table
PAGE_MARGIN_FRACTION = 0.07
# Progress notes run to tens of pages; a PDF of hundreds is something else (a compilation, a
# report) and reading it would hold a worker for minutes. Refused with a clear error.
MAX_PAGES = 300  # running heads and page numbers live in this band
# A line in the top or bottom band that recurs on this share of the pages (and on two at least)
# is a running head or foot ("EMG SOM26/mid-term/03", "Page 3 of 10"), not note text.
RUNNING_LINE_SHARE = 0.5
PAGE_FURNITURE = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
# A word too wide for its column is broken mid-word with no hyphen: its first piece is alone
# on its line and ends less than about one character (this many font sizes) short of the
# cell's text edge. Geometry alone cannot tell "reporting/communications" + "and" from
# "developing/improvi" + "ng"; the rest of a broken word is not an English function word.
EMERGENCY_BREAK_GAP = 1.0
LIST_MARKER = re.compile(r"^(\d{1,2}[.)]|\u2022|[\uf0b7\u25cf\u25aa])\s")


@dataclass
class Line:
    words: list
    top: float
    size: float
    in_margin: bool = False

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]


@dataclass
class PageTable:
    rows: list  # of list[list[Line]] (row -> cell -> lines)
    edges: list  # of list[(x0, x1)] (row -> cell -> x of the cell's left and right borders)
    top: float
    column_xs: tuple


@dataclass
class PageContent:
    number: int
    tables: list = field(default_factory=list)
    text_lines: list = field(default_factory=list)
    words: list = field(default_factory=list)  # every word, for tables drawn without rules
    furniture: set = field(default_factory=set)  # ids of words in page numbers and running lines


def group_lines(words: list) -> list[Line]:
    """Given words in reading order, group those sharing a baseline into lines."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= LINE_TOLERANCE:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word], word["top"], word.get("size", 10.0)))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def read_page(page) -> PageContent:
    """Given a pdfplumber page, split its words between table cells and running text."""
    content = PageContent(page.page_number)
    tables = page.find_tables(TABLE_SETTINGS)
    words = page.extract_words(**WORD_SETTINGS)
    content.words = words
    grids = []
    for table in tables:
        rows = [r for r in table.rows if any(c is not None for c in r.cells)]
        if not rows:
            continue
        bottoms = [max(c[3] for c in r.cells if c is not None) for r in rows]
        grids.append((table.bbox, rows, bottoms, [[[] for _ in r.cells] for r in rows]))
    loose = []
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        for (x0, top, x1, bottom), rows, bottoms, buckets in grids:
            if not (x0 <= cx <= x1 and top <= cy <= bottom):
                continue
            i = min(bisect.bisect_left(bottoms, cy), len(rows) - 1)
            for j, cell in enumerate(rows[i].cells):
                if cell is not None and cell[0] <= cx <= cell[2]:
                    buckets[i][j].append(word)
                    break
            break
        else:
            loose.append(word)
    for bbox, rows, _, buckets in grids:
        xs = tuple(round(c[0], 1) for c in rows[0].cells if c is not None)
        edges = [[(c[0], c[2]) if c is not None else None for c in r.cells] for r in rows]
        content.tables.append(PageTable([[group_lines(ws) for ws in row] for row in buckets], edges, bbox[1], xs))
    height = float(page.height)
    for line in group_lines(loose):
        line.in_margin = line.top < height * PAGE_MARGIN_FRACTION or line.top > height * (1 - PAGE_MARGIN_FRACTION)
        if line.in_margin and PAGE_FURNITURE.match(line.text.strip()):
            content.furniture.update(id(w) for w in line.words)
            continue  # page numbers are not part of the note
        content.text_lines.append(line)
    return content


def furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def drop_running_lines(pages: list[PageContent]) -> None:
    """Remove running heads and feet: margin lines that recur on many pages. The first
    occurrence stays, since a note's symbol may be both its running head and in its header."""
    if len(pages) < 2:
        return
    seen_on: dict[str, set] = {}
    for page in pages:
        for line in page.text_lines:
            if line.in_margin:
                seen_on.setdefault(furniture_key(line), set()).add(page.number)
    threshold = max(2, RUNNING_LINE_SHARE * len(pages))
    running = {key for key, on in seen_on.items() if len(on) >= threshold}
    if not running:
        return
    kept_first: set = set()
    for page in pages:
        lines = []
        for line in page.text_lines:
            key = furniture_key(line)
            if line.in_margin and key in running:
                if key in kept_first:
                    page.furniture.update(id(w) for w in line.words)
                    continue
                kept_first.add(key)
            lines.append(line)
        page.text_lines = lines


# ---------------------------------------------------------------- tables drawn without rules
# Some layouts rule only the header (Word's "Light Shading") or nothing at all. Their columns
# are read from the header row's words: each column starts where its header word starts, and
# a row starts at each paragraph of the Task column.
COLUMN_GAP_SIZES = 1.5  # a gap this many font sizes wide separates two header cells
COLUMN_TOLERANCE = 4.0  # pt a cell's text may start left of its header word


def header_phrases(line: Line) -> list[list[dict]]:
    """Split a line into groups of words separated by wide gaps (one group per column)."""
    groups = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:]):
        if word["x0"] - prev["x1"] > line.size * COLUMN_GAP_SIZES:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def unruled_header(line: Line) -> list[float] | None:
    """Column left edges, when `line` is the header row of a task table."""
    groups = header_phrases(line)
    if len(groups) < 2:
        return None
    cells = [Cell([" ".join(w["text"] for w in g)]) for g in groups]
    if column_roles(cells) is None:
        return None
    return [g[0]["x0"] for g in groups]


def column_of(word: dict, edges: list[float]) -> int:
    return max(0, bisect.bisect_right([e - COLUMN_TOLERANCE for e in edges], word["x0"]) - 1)


def unruled_rows(lines: list[Line], edges: list[float], ratio: float, page: int) -> list[TableRow]:
    """Given the lines under a header (or at the top of a continued page), return the rows."""
    columns = [[] for _ in edges]
    for line in lines:
        for word in line.words:
            columns[column_of(word, edges)].append(word)
    column_lines = [group_lines(ws) for ws in columns]
    starts = [para[0].top for para in split_paragraph_lines(column_lines[0], ratio)]
    if not lines:
        return []
    first_top = min(line.top for line in lines)
    if not starts or starts[0] > first_top + LINE_TOLERANCE:
        starts.insert(0, first_top)  # text above the first task: the rest of a row from the last page
    bounds = starts + [float("inf")]
    rows = []
    for top, bottom in zip(bounds, bounds[1:]):
        cells = []
        for col in column_lines:
            part = [ln for ln in col if top - LINE_TOLERANCE <= ln.top < bottom - LINE_TOLERANCE]
            cells.append(Cell(paragraphs(part, ratio)))
        rows.append(TableRow(cells, page, page))
    return rows


class UnruledReader:
    """Lays out pages whose task tables have no cell borders. The column edges found under a
    header row carry over to the next page, where a table may go on without a header."""

    def __init__(self, ratio: float):
        self.ratio = ratio
        self.edges: list[float] | None = None

    def page_blocks(self, page: PageContent) -> list:
        lines = group_lines([w for w in page.words if id(w) not in page.furniture])
        items: list = []  # (top, block)
        region: list[Line] = []  # lines of the table being read
        loose: list[Line] = []  # running text waiting to become paragraphs
        region_open = self.edges is not None and bool(lines)  # a table may go on from the last page
        region_top = None
        for line in lines:
            found = unruled_header(line)
            if found:
                self.flush_text(loose, items, page.number)
                self.close_region(region, region_top, items, page.number)
                region, self.edges, region_open = [], found, True
                header = TableRow([Cell([" ".join(w["text"] for w in g)]) for g in header_phrases(line)],
                                  page.number, page.number)
                items.append((line.top, TableBlock([header], page.number, self.column_xs())))
                region_top = line.top + 0.01  # the rows sort just after their header
            elif region_open and heading(line.text) is None:
                region.append(line)
            else:
                self.close_region(region, region_top, items, page.number)
                region, region_top, region_open = [], None, False
                loose.append(line)
        self.flush_text(loose, items, page.number)
        self.close_region(region, region_top, items, page.number)
        items.sort(key=lambda item: item[0])
        return [block for _, block in items]

    def column_xs(self) -> tuple:
        return tuple(round(e, 1) for e in self.edges)

    def flush_text(self, loose: list, items: list, page_number: int) -> None:
        for para in split_paragraph_lines(loose, self.ratio):
            items.append((para[0].top, TextBlock(clean(paragraph_text(para, None)), page_number)))
        loose.clear()

    def close_region(self, region: list, region_top, items: list, page_number: int) -> None:
        if not region:
            return
        rows = unruled_rows(region, self.edges, self.ratio, page_number)
        if rows:
            top = region_top if region_top is not None else region[0].top
            items.append((top, TableBlock(rows, page_number, self.column_xs())))


def unruled_blocks(pages: list[PageContent], ratio: float) -> list:
    """Blocks of a document whose task tables have no cell borders."""
    reader = UnruledReader(ratio)
    blocks = [block for page in pages for block in reader.page_blocks(page)]
    # a header row and the rows under it are one table
    merged: list = []
    for block in blocks:
        if isinstance(block, TableBlock) and merged and isinstance(merged[-1], TableBlock) \
                and len(merged[-1].rows) == 1 and merged[-1].page == block.page:
            merged[-1].rows.extend(block.rows)
        else:
            merged.append(block)
    return merged


def has_task_table(blocks: list) -> bool:
    return any(isinstance(b, TableBlock) and find_header_row(b.rows) is not None for b in blocks)


def pitch_ratio(pages: list[PageContent]) -> float:
    """The document's usual distance between consecutive lines of a paragraph, over font size."""
    ratios = []

    def collect(lines):
        for a, b in zip(lines, lines[1:]):
            # a pitch under the font size is not two lines of one paragraph (columns side by side)
            if a.size and b.top - a.top >= a.size * MIN_PITCH_RATIO:
                ratios.append((b.top - a.top) / a.size)

    for page in pages:
        collect(page.text_lines)
        for table in page.tables:
            for row in table.rows:
                for lines in row:
                    collect(lines)
    if len(ratios) < 5:
        return DEFAULT_PITCH_RATIO
    # the lowest third are lines inside paragraphs; paragraph gaps sit above them
    ratios.sort()
    return statistics.median(ratios[: max(3, len(ratios) // 3)])


def broken_mid_word(line: Line, following: Line, right_edge: float, padding: float) -> bool:
    """Was `line` cut inside a word because the word was wider than its column?"""
    rest = following.words[0]["text"]
    head = re.match(r"[a-z]+", rest)
    return (
        len(line.words) == 1
        and line.text[-1:].isalpha()
        and head is not None
        and head.group(0) not in STOP_WORDS
        and right_edge - padding - line.x1 < line.size * EMERGENCY_BREAK_GAP
    )


def paragraph_text(lines: list[Line], right_edge: float | None, left_edge: float | None = None) -> str:
    """Given the lines of one paragraph, return its text; a word broken at the cell's edge
    for want of room is made whole again."""
    pieces = []
    padding = min(line.words[0]["x0"] for line in lines) - left_edge if lines and left_edge is not None else 0.0
    for i, line in enumerate(lines):
        pieces.append(line.text)
        if i + 1 < len(lines) and right_edge is not None and broken_mid_word(line, lines[i + 1], right_edge, padding):
            pieces[-1] += GLUE
    return join_lines(pieces).replace(GLUE + " ", "").replace(GLUE, "")


GLUE = "\u0000"  # marks a line end that joins the next line without a space


def paragraphs(lines: list[Line], ratio: float, edges: tuple | None = None) -> list[str]:
    """Given the lines of a cell (and the cell's left and right x) or of running text,
    return its paragraphs as text."""
    left, right = edges if edges else (None, None)
    texts = (clean(paragraph_text(para, right, left)) for para in split_paragraph_lines(lines, ratio))
    return [t for t in texts if t]


def continues_previous_row(prev: TableRow, row: TableRow) -> bool:
    """Does the first row on a new page carry on the last row of the previous page?

    A real task always has task text, so an empty first cell means a continuation. Otherwise
    the cells vote: a cell that ended mid-sentence (no closing punctuation, or a bare label
    with a colon) and goes on in the new row is a sign the page break cut the row.
    """
    first = row.cells[0] if row.cells else Cell()
    if first.is_empty():
        return True
    if first.paragraphs[0][:1].islower():
        return True
    votes = [0, 0]
    for before, after in zip(prev.cells, row.cells):
        if before.is_empty() or after.is_empty():
            continue
        last = before.paragraphs[-1].rstrip()
        # a bare status label ("Ongoing") is a whole cell; "Ongoing:" announces more
        open_ended = last.endswith(":") or not (last.endswith(SENTENCE_END) or is_bare_label(last))
        votes[open_ended] += 1
    return votes[1] > votes[0]


def is_bare_label(text: str) -> bool:
    """Is the text nothing but a status phrase ("Ongoing", "Not yet started")?"""
    doc = status_nlp()(text)
    return len(doc.ents) == 1 and doc.ents[0].start == 0 and doc.ents[0].end == len(doc)


def merge_cells(before: Cell, after: Cell) -> Cell:
    """Join the two halves of a cell cut by a page break; a sentence cut in two is rejoined."""
    if before.is_empty():
        return Cell(list(after.paragraphs))
    if after.is_empty():
        return Cell(list(before.paragraphs))
    last = before.paragraphs[-1]
    if last.endswith(SENTENCE_END) and not last.endswith(":"):
        return Cell(before.paragraphs + after.paragraphs)
    return Cell(before.paragraphs[:-1] + [join_lines([last, after.paragraphs[0]])] + after.paragraphs[1:])


def same_columns(a: TableBlock, b: TableBlock) -> bool:
    if a.column_xs is None or b.column_xs is None or len(a.column_xs) != len(b.column_xs):
        return False
    return all(abs(x - y) <= COLUMN_X_TOLERANCE for x, y in zip(a.column_xs, b.column_xs))


def continues_table(prev: TableBlock, block: TableBlock, between: list) -> bool:
    """Is `block`, the first table of its page, the rest of `prev`, cut by the page break?

    It must start on the page after `prev` ends, with the same columns. A table whose first row
    is a header row continues `prev` only when nothing stands between them (a repeated header);
    one without a header row can only be a continuation, since every task table opens with
    its header row: text between them is then a footnote or a running line.
    """
    if block.page is None or prev.page is None or not block.rows or not prev.rows:
        return False
    if block.page != prev.rows[-1].page_end + 1 or not same_columns(prev, block):
        return False
    first = block.rows[0]
    if row_texts(first) == row_texts(prev.rows[0]) or column_roles(first.cells) is not None:
        return not between
    return True


def join_rows_split_across_pages(blocks: list) -> list:
    """Given per-page blocks, join each table continued at the top of the next page onto
    its first half: repeated header rows are dropped and a row cut by the page break
    becomes one row again."""
    out: list = []
    last_table = None  # index in `out` of the last table kept
    for block in blocks:
        if isinstance(block, TableBlock) and last_table is not None:
            prev = out[last_table]
            if continues_table(prev, block, out[last_table + 1:]):
                rows = list(block.rows)
                if row_texts(rows[0]) == row_texts(prev.rows[0]):
                    rows = rows[1:]  # the header row, repeated on every page
                if rows and len(prev.rows) > 1 and continues_previous_row(prev.rows[-1], rows[0]):
                    last, piece = prev.rows[-1], rows.pop(0)
                    cells = [merge_cells(a, b) for a, b in zip(last.cells, piece.cells)]
                    prev.rows[-1] = TableRow(cells, last.page_start, piece.page_end)
                prev.rows.extend(rows)
                continue
        out.append(block)
        if isinstance(block, TableBlock):
            last_table = len(out) - 1
    return out


class TooManyPages(Exception):
    pass


def read_pdf(path: Path) -> RawDocument:
    """Given a PDF path, return its paragraphs and tables in reading order, page-split
    table rows joined."""
    with pdfplumber.open(str(path)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise TooManyPages(len(pdf.pages))
        pages = []
        for page in pdf.pages:
            pages.append(read_page(page))
            page.flush_cache()  # keep memory flat on long documents
        n_pages = len(pdf.pages)
    drop_running_lines(pages)
    ratio = pitch_ratio(pages)
    blocks = []
    for page in pages:
        items = []
        for table in page.tables:
            rows = [TableRow([Cell(paragraphs(lines, ratio, edge)) for lines, edge in zip(row, edges)],
                             page.number, page.number)
                    for row, edges in zip(table.rows, table.edges)]
            items.append((table.top, TableBlock(rows, page.number, table.column_xs)))
        # running text: each paragraph becomes a block placed by its first line
        for para_lines in split_paragraph_lines(page.text_lines, ratio):
            text = clean(paragraph_text(para_lines, None))
            if text:
                items.append((para_lines[0].top, TextBlock(text, page.number)))
        items.sort(key=lambda item: item[0])
        blocks.extend(block for _, block in items)
    warnings = []
    if not any(page.text_lines or page.tables for page in pages):
        warnings.append("no_text_layer")
    if not has_task_table(blocks):
        unruled = unruled_blocks(pages, ratio)
        if has_task_table(unruled):
            blocks = unruled
            warnings.append("tables_without_rules: columns read from the header row's words")
    return RawDocument(format="pdf", blocks=join_rows_split_across_pages(blocks), n_pages=n_pages,
                       warnings=warnings)


def split_paragraph_lines(lines: list[Line], ratio: float) -> list[list[Line]]:
    """Given lines, group them into paragraphs: a new one starts after a gap wider than the
    document's usual line pitch, or at a list marker."""
    out: list[list[Line]] = []
    prev = None
    for line in lines:
        if prev is None or (line.top - prev.top) > prev.size * ratio * PARAGRAPH_GAP_FACTOR or LIST_MARKER.match(line.text):
            out.append([line])
        else:
            out[-1].append(line)
        prev = line
    return out
