"""Read a PDF into paragraphs and tables in reading order.

One pass over each page: pdfplumber finds the ruled tables (extract/pdf_grid.py, rows a page
break left open closed again) and the words once, and every word goes to exactly one place: the
table cell that holds it, the running text, or the page furniture (page numbers, running heads
and feet), which is set aside on purpose and accounted for. Lines become paragraphs by their
spacing, measured on the document itself (extract/pdf_lines.py). Tables drawn without rules are
read from their header row's words (extract/pdf_unruled.py). Tables that a page break cut in two
are joined again (extract/page_split.py: `join_rows_split_across_pages`).

A page is read by PDFium or by pdfplumber (extract/pdf/source.py: `open_pdf`, both in
pdfplumber's shapes). Its words come from one of two sources (`page_source`): its text layer, or,
for a scan, its image read by OCR (extract/ocr/), which gives words and ruling lines in the
same shapes; everything after that is the same for all.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..layout import OVERLAPPING_TEXT, heading
from ..model import Cell, Passage, RawDocument, TableBlock, TableRow, TextBlock
from ..ocr.policy import (
    OCR_PAGE_SECONDS,
    OcrFailed,
    is_scanned,
    ocr_warnings,
    tesseract_available,
    unread_pages_warning,
    wants_ocr,
)
from ..options import NO_CLOCK, Clock, ReadOptions
from ..symbols import with_symbol_text
from ..text import clean
from .grid import Grid, cell_of, find_grids, frame_columns, inside, overflow_cell
from .lines import (
    Lexicon,
    Line,
    cell_padding,
    group_lines,
    paragraph_text,
    paragraphs,
    pitch_ratio,
    reaches_edge,
    split_paragraph_lines,
)
from .page_split import join_rows_split_across_pages
from .source import BOX_BOTTOM, BOX_TOP, BOX_X0, BOX_X1, BY_X0, PdfPage, letter_boxes, open_pdf, plumber_page
from .tight import left_edge, right_edge, split_at_deliberate_breaks
from .unruled import has_task_table, unruled_blocks
from .watermark import set_aside_watermark, stamps_on_every_page, watermark_warnings
from .zebra import row_boundaries

# pdfminer logs damaged fonts and streams as warnings on stderr; a bad file is reported once,
# by ingest, as one line, so its chatter is kept to real errors.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

WORD_SETTINGS = {"x_tolerance": 3, "y_tolerance": 2.5, "keep_blank_chars": False,
                 "extra_attrs": ["size"]}
# Running heads and page numbers live in this band at the top and bottom of a page.
PAGE_MARGIN_FRACTION = 0.07
# Progress notes run to tens of pages; a PDF of hundreds is something else (a compilation, a
# report) and reading it would hold a worker for minutes. Refused with a clear error.
MAX_PAGES = 300
# A line in the top or bottom band that recurs on this share of the pages (and on two at least)
# is a running head or foot ("EMG SOM26/mid-term/03", "Page 3 of 10"), not note text.
RUNNING_LINE_SHARE = 0.5
MIN_RUNNING_PAGES = 2
# a space's width in ems: the narrowest of the common faces (Times 0.25, Arial 0.278), so that a
# word is not taken for one that would not fit where it would
SPACE_WIDTH_EM = 0.25
PAGE_FURNITURE = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
NO_TEXT_LAYER = "no_text_layer"
TABLES_WITHOUT_RULES = "tables_without_rules: columns read from the header row's words"
# Text drawn over text: a producer that lays a line on top of another (Chromium, a cell continued
# on a new page: "May." 2.3 pt above "SWFS") leaves letters no reader can part; words made of
# both are garbled ("MSWayF.S"): warned as OVERLAPPING_TEXT. Two letters overlap when they share
# this much of the narrower one's width and of their height while standing on different lines
# (tops this far apart; a fake bold's second stroke and kerned pairs share one top).
OVERLAP_SHARE = 0.5
OVERLAP_MIN_TOP_GAP = 1.0
MAX_OVERLAPS_LISTED = 3


@dataclass
class PageTable:
    grid: Grid
    lines: list  # row -> column -> list[Line]


@dataclass
class PageContent:
    number: int
    height: float
    tables: list = field(default_factory=list)
    text_lines: list = field(default_factory=list)  # running text, as Lines
    stray_lines: list = field(default_factory=list)  # in a table's frame, in none of its cells
    words: list = field(default_factory=list)  # every word, for tables drawn without rules
    furniture: list = field(default_factory=list)  # Lines of page numbers and running heads/feet

    def furniture_ids(self) -> set:
        return {id(w) for line in self.furniture for w in line.words}


def in_margin(line: Line, height: float) -> bool:
    return line.top < height * PAGE_MARGIN_FRACTION or line.top > height * (1 - PAGE_MARGIN_FRACTION)


@dataclass
class PageSource:
    """A page's words (pdfplumber's word dicts) and, for a page read from its image, the ruling
    lines found in it (`raster_edges`; None: the PDF's own rules) and what OCR made of it."""

    words: list
    raster_edges: list | None = None
    scan: object | None = None  # extract/ocr_image.ScannedPage
    scanned: bool = False  # an image without text, read or not


def overlapping_letters(chars: list[tuple]) -> int:
    """How many pairs of a page's letters are drawn over one another on different lines. Only
    lines whose tops are close enough for their letters to share OVERLAP_SHARE of their height
    are compared, and of those only letters whose spans across the page meet (ordinary text has
    none such: 0.06 s for the 10 pages of samples/som26-midterm.pdf, measured while the test
    suite ran; tables' cells side by side, a line of one a point above a line of the other,
    made most of that, letter by letter)."""
    lines: dict = {}
    line_of: dict = {}  # top -> its line (the letters of a line share their top: rounded once)
    tallest = 0.0
    for c in chars:  # letter boxes: (text, x0, x1, top, bottom), source.py's BOX_*
        text, x0, x1, top, bottom = c[:BOX_BOTTOM + 1]
        if text and not text.isspace() and bottom > top and x1 > x0:
            line = line_of.get(top)
            if line is None:
                line = line_of[top] = lines.setdefault(round(top, 1), [])
            line.append(c)
            if bottom - top > tallest:
                tallest = bottom - top
    tops = sorted(lines)
    page_reach = (1 - OVERLAP_SHARE) * tallest  # no line reaches further: most lines end here
    sorted_lines: dict = {}  # top -> (its letters by x0, their x0s), made for lines compared only
    found = 0
    for i, top in enumerate(tops[:-1]):
        if tops[i + 1] - top > page_reach:
            continue
        reach = (1 - OVERLAP_SHARE) * max(c[BOX_BOTTOM] - c[BOX_TOP] for c in lines[top])
        for other in tops[i + 1:]:
            if other - top > reach:
                break
            if other - top > OVERLAP_MIN_TOP_GAP:
                line, _ = by_x0(lines, top, sorted_lines)
                found += overlaps_between(line, *by_x0(lines, other, sorted_lines))
    return found


def by_x0(lines: dict, top: float, made: dict) -> tuple[list, list]:
    """A line's letters sorted by x0 and their x0s, sorted once (kept in `made`)."""
    if top not in made:
        line = sorted(lines[top], key=BY_X0)
        made[top] = (line, [c[BOX_X0] for c in line])
    return made[top]


def overlaps_between(line: list, other: list, other_starts: list) -> int:
    """How many pairs of letters of two lines overlap; `other` sorted by x0 (its x0s given): a
    letter of `line` is compared only with those that start before it ends."""
    widest = max(c[BOX_X1] - c[BOX_X0] for c in other)
    found = 0
    for a in line:
        j = bisect.bisect_left(other_starts, a[BOX_X0] - widest)
        end = bisect.bisect_right(other_starts, a[BOX_X1])
        found += sum(1 for b in other[j:end] if letters_overlap(a, b))
    return found


def letters_overlap(a: tuple, b: tuple) -> bool:
    _, ax0, ax1, atop, abottom = a[:BOX_BOTTOM + 1]
    _, bx0, bx1, btop, bbottom = b[:BOX_BOTTOM + 1]
    width = min(ax1 - ax0, bx1 - bx0)
    height = min(abottom - atop, bbottom - btop)
    shared_x = min(ax1, bx1) - max(ax0, bx0)
    shared_y = min(abottom, bbottom) - max(atop, btop)
    return shared_x >= OVERLAP_SHARE * width and shared_y >= OVERLAP_SHARE * height


def page_source(page: PdfPage, ocr: str, clock: Clock = NO_CLOCK) -> PageSource:
    """Given a page (extract/pdf/source.py), return its words from its text layer, or, where `ocr`
    says so and Tesseract is there, from its image (asking `clock`, the file's time limit, for OCR's time)."""
    words = with_symbol_text(page.extract_words(**WORD_SETTINGS), lambda: page.chars)
    scanned = is_scanned(page, words)
    if not wants_ocr(ocr, scanned) or not tesseract_available():
        return PageSource(words, scanned=scanned)
    from ..ocr.image import read_scanned_page  # OpenCV and Tesseract load only for a page that needs them

    clock.extend(OCR_PAGE_SECONDS)
    try:
        scan = read_scanned_page(plumber_page(page))
    except Exception as exc:  # Tesseract's errors (a broken install, a killed process), not the PDF's
        raise OcrFailed(f"OCR failed on page {page.page_number}: {type(exc).__name__}: {exc}") from None
    return PageSource(scan.words, scan.edges, scan, scanned)


def read_page(page: PdfPage, source: PageSource | None = None) -> PageContent:
    """Given a page (and where its words come from: by default its text layer),
    split its words between table cells, running text, and page numbers."""
    content = PageContent(page.page_number, float(page.height))
    source = source or page_source(page, "never")
    grids = find_grids(page, source.raster_edges)
    words = source.words
    content.words = words
    buckets: list[list[list[list[dict]]]] = [[[[] for _ in row] for row in grid.cells] for grid in grids]
    loose, stray = [], []
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        for grid, grid_buckets in zip(grids, buckets, strict=False):
            if not inside(grid.bbox, cx, cy):
                continue
            found = cell_of(grid, cx, cy)
            if found is None:
                stray.append(word)
            else:
                grid_buckets[found[0]][found[1]].append(word)
            break
        else:
            loose.append(word)
    content.stray_lines = group_lines(stray)
    for line in group_lines(loose):
        line.in_margin = in_margin(line, content.height)
        if line.in_margin and PAGE_FURNITURE.match(line.text.strip()):
            content.furniture.append(line)  # page numbers are not part of the note
        elif not line.in_margin and overflow_to_cells(line, grids, buckets):
            continue
        else:
            content.text_lines.append(line)
    for grid, grid_buckets in zip(grids, buckets, strict=False):
        margins = frame_columns(grid)
        # a frame's empty margins: the table's columns are those inside it
        if margins and not any(j < len(row) and row[j] for row in grid_buckets for j in margins):
            grid = grid.without_columns(margins)
            grid_buckets = [[ws for j, ws in enumerate(row) if j not in margins] for row in grid_buckets]
        content.tables.append(PageTable(grid, [[group_lines(ws) for ws in row] for row in grid_buckets]))
    return content


def overflow_to_cells(line: Line, grids: list[Grid], buckets: list) -> bool:
    """Put the words of a line that cut cells let run out of their boxes back into them, each
    into its column; return whether the line was taken. A heading is never such text."""
    if heading(line.text) is not None:
        return False
    for grid, grid_buckets in zip(grids, buckets, strict=False):
        if not grid.bbox[0] <= line.words[0]["x0"] <= grid.bbox[2]:
            continue
        places = [overflow_cell(grid, (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2, w["top"], line.size)
                  for w in line.words]
        cells = [place for place in places if place is not None]
        if len(cells) == len(places):
            for word, (i, j) in zip(line.words, cells, strict=True):
                grid_buckets[i][j].append(word)
            grid.overflow_floor = max(grid.overflow_floor, max(w["bottom"] for w in line.words))
            return True
    return False


def furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def drop_running_lines(pages: list[PageContent]) -> None:
    """Move running heads and feet (margin lines that recur on many pages) to the page
    furniture. The first occurrence stays, since a note's symbol may be both its running head
    and in its header."""
    if len(pages) < MIN_RUNNING_PAGES:
        return
    seen_on: dict[str, set] = {}
    for page in pages:
        for line in page.text_lines:
            if line.in_margin:
                seen_on.setdefault(furniture_key(line), set()).add(page.number)
    threshold = max(MIN_RUNNING_PAGES, RUNNING_LINE_SHARE * len(pages))
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
                    page.furniture.append(line)
                    continue
                kept_first.add(key)
            lines.append(line)
        page.text_lines = lines


def line_groups(pages: list[PageContent]):
    """Every run of consecutive lines of the document: running text and each cell."""
    for page in pages:
        yield page.text_lines
        for table in page.tables:
            for row in table.lines:
                yield from row


def grid_cell(lines: list[Line], box: tuple | None, ratio: float, lexicon: Lexicon) -> Cell:
    """A ruled cell's paragraphs; a cell under a merged one (no box) is covered."""
    if box is None:
        return Cell(covered=True)
    full = bool(lines) and reaches_edge(lines[-1], box[2], cell_padding(lines, box[0]))
    room, span = line_room(lines, box)
    return Cell(paragraphs(lines, ratio, (box[0], box[2]), lexicon), full_last_line=full, last_line_room=room,
                first_word_span=span, last_line_bottom=max(w["bottom"] for w in lines[-1].words) if lines else None)


def line_room(lines: list[Line], box: tuple) -> tuple[float | None, float | None]:
    """A cell's room left on its last line, and the width its first word takes with a space
    before it (None, None for an empty cell)."""
    if not lines:
        return None, None
    first = lines[0].words[0]
    room = box[2] - cell_padding(lines, box[0]) - lines[-1].x1
    return room, first["x1"] - first["x0"] + lines[0].size * SPACE_WIDTH_EM


def text_edges(pages: list[PageContent]) -> dict[float, tuple]:
    """The running text's right and left edges over every page of each size (keyed by height): a
    page holding tables and two short headings has no line of its own reaching the edge."""
    edges: dict[float, tuple] = {}
    for page in pages:
        right, left = right_edge(page.text_lines), left_edge(page.text_lines)
        if right is None or left is None:
            continue
        seen = edges.get(page.height, (right, left))
        edges[page.height] = (max(seen[0], right), min(seen[1], left))
    return edges


def page_blocks(page: PageContent, ratio: float, lexicon: Lexicon, edges: tuple | None = None) -> list:
    """Given a read page (and the running text's edges on pages of its size), return its tables
    and paragraphs as blocks in reading order."""
    items: list[tuple[float, TableBlock | TextBlock]] = []
    for table in page.tables:
        rows = []
        for row_lines, row_cells in zip(table.lines, table.grid.cells, strict=False):
            cells = [grid_cell(lines, box, ratio, lexicon) for lines, box in zip(row_lines, row_cells, strict=False)]
            rows.append(TableRow(cells, page.number, page.number))
        items.append((table.grid.bbox[1], TableBlock(rows, page.number, table.grid.column_xs(),
                                                     table.grid.open_top, table.grid.open_bottom)))
    # running text: each paragraph becomes a block placed by its first line
    edge, left = edges or (right_edge(page.text_lines), left_edge(page.text_lines))
    for paragraph in split_paragraph_lines(page.text_lines, ratio):
        for para_lines in split_at_deliberate_breaks(paragraph, edge, left):
            text = clean(paragraph_text(para_lines, None))
            if text:
                items.append((para_lines[0].top, TextBlock(text, page.number)))
    for para_lines in split_paragraph_lines(page.stray_lines, ratio):
        text = clean(paragraph_text(para_lines, None))
        if text:
            items.append((para_lines[0].top, TextBlock(text, page.number, stray=True)))
    items.sort(key=lambda item: item[0])
    return [block for _, block in items]


def scan_warnings(sources: list[PageSource], ocr: str) -> list[str]:
    """The warnings of a PDF with scanned pages: how OCR read them, or which were left unread."""
    scans = [s.scan for s in sources if s.scan is not None]
    unread = [n for n, s in enumerate(sources, start=1) if s.scanned and s.scan is None]
    warnings = ocr_warnings(scans, len(sources)) if scans else []
    if unread and len(unread) < len(sources):
        warnings.append(unread_pages_warning(unread, ocr))
    return warnings


class TooManyPages(Exception):
    pass


class MarkedPage(NamedTuple):
    """One page read, with what was set aside from it: its watermark's text and its stamp lines'."""

    content: PageContent
    source: PageSource
    overlapped: bool
    shading: list
    mark: str
    stamps: tuple


def read_marked_page(whole, ocr: str, clock: Clock, stamps: frozenset | None = None) -> MarkedPage:
    """Read one page without its watermark letters and its stamp lines (those named in `stamps`,
    or every one: extract/pdf/watermark.py)."""
    page, mark, stamp = set_aside_watermark(whole, stamps)
    shading = row_boundaries(page.rects)
    source = page_source(page, ocr, clock)
    overlapped = not source.scan and overlapping_letters(letter_boxes(page))
    content = read_page(page, source)
    whole.flush_cache()  # keep memory flat on long documents
    return MarkedPage(content, source, bool(overlapped), shading, mark, stamp)


def read_pdf(path: Path, options: ReadOptions = ReadOptions(), clock: Clock = NO_CLOCK) -> RawDocument:
    """Given a PDF path, return its paragraphs and tables in reading order, page-split
    table rows joined, with every word it read and the page furniture it set aside. Pages are read
    by `options.pdf_engine` (pdfium, or pdfplumber: extract/pdf/source.py); pages without a text
    layer by OCR as `options.ocr` says (auto, always, never), the file's time limit `clock`
    extended for each; tables are found by options.roles too."""
    ocr = options.ocr
    with open_pdf(path, options.pdf_engine) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise TooManyPages(len(pdf.pages))
        read = [read_marked_page(whole, ocr, clock) for whole in pdf.pages]
        stamps = stamps_on_every_page([r.stamps for r in read])
        # large light text that is not on every page is the note's (a title): read again, kept
        read = [read_marked_page(pdf.pages[i], ocr, clock, stamps) if set(r.stamps) - stamps else r
                for i, r in enumerate(read)]
        pages, sources = [r.content for r in read], [r.source for r in read]
        overlaps = [r.content.number for r in read if r.overlapped]
        marks = [(r.content.number, " ".join(filter(None, (r.mark, *r.stamps)))) for r in read]
        shading = {r.content.number: r.shading for r in read}
        n_pages = len(pdf.pages)
    drop_running_lines(pages)
    ratio = pitch_ratio(line_groups(pages))
    lexicon = Lexicon([w["text"] for page in pages for w in page.words])
    edges = text_edges(pages)
    blocks = [block for page in pages for block in page_blocks(page, ratio, lexicon, edges.get(page.height))]
    warnings = scan_warnings(sources, ocr)
    if overlaps:
        listed = ", ".join(map(str, overlaps[:MAX_OVERLAPS_LISTED]))
        listed += ", ..." if len(overlaps) > MAX_OVERLAPS_LISTED else ""
        warnings.append(f"{OVERLAPPING_TEXT}: text drawn over text on page {listed}; words there may be garbled")
    # every page an image left unread: a scan, though a stamp ("RECEIVED 12.05.2020") put a few
    # words in a text layer; its user must hear how to read it, not that it is not a note
    if not any(page.words for page in pages) or all(s.scanned and s.scan is None for s in sources):
        warnings.append(NO_TEXT_LAYER)
    if not has_task_table(blocks, options.roles):
        unruled = unruled_blocks([(p.number, [w for w in p.words if id(w) not in p.furniture_ids()])
                                  for p in pages], ratio, options.roles, shading)
        if has_task_table(unruled, options.roles):
            blocks = unruled
            warnings.append(TABLES_WITHOUT_RULES)
    furniture = [Passage("furniture", line.text, page.number) for page in pages for line in page.furniture]
    furniture += [Passage("watermark", text, number) for number, text in marks if text]
    warnings += watermark_warnings(marks)
    blocks = join_rows_split_across_pages(blocks, furniture, options.roles)
    source_words = [w["text"] for page in pages for w in page.words] + [w for _, text in marks for w in text.split()]
    return RawDocument(format="pdf", blocks=blocks, n_pages=n_pages, warnings=warnings,
                       source_words=source_words, furniture=furniture)
