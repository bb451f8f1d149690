"""PDF task tables drawn without rules: columns from the header row's words.

Some layouts rule only the header (Word's "Light Shading") or nothing at all. Their columns
are read from the header row's words: each column starts where its header word starts, and
a row starts at each paragraph of the Task column. The column edges found under a header row
carry over to the next page, where a table may go on without a header.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from ..layout import column_roles, find_header_row, heading
from ..model import Cell, TableBlock, TableRow, TextBlock
from ..text import clean
from .lines import (
    DEFAULT_PITCH_RATIO,
    LINE_TOLERANCE,
    PITCH_CLUSTER,
    Line,
    group_lines,
    paragraph_text,
    paragraphs,
    pitch_ratio,
    split_paragraph_lines,
)
from .zebra import row_edges, same_row_across_break, shaded_at, shading_by_column

COLUMN_GAP_SIZES = 1.5  # a gap this many font sizes wide separates two header cells
COLUMN_TOLERANCE = 4.0  # pt a cell's text may start left of its header word
MIN_BAND_EDGES = 3  # shading tells rows apart from two shaded boxes on (the header's and a row's)


def header_phrases(line: Line) -> list[list[dict]]:
    """Split a line into groups of words separated by wide gaps (one group per column)."""
    groups = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word["x0"] - prev["x1"] > line.size * COLUMN_GAP_SIZES:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def unruled_header(line: Line, taught: tuple = ()) -> list[float] | None:
    """Column left edges, when `line` is the header row of a task table."""
    groups = header_phrases(line)
    if len(groups) < 2:
        return None
    cells = [Cell([" ".join(w["text"] for w in g)]) for g in groups]
    if column_roles(cells, taught) is None:
        return None
    return [g[0]["x0"] for g in groups]


def column_of(word: dict, edges: list[float]) -> int:
    return max(0, bisect.bisect_right([e - COLUMN_TOLERANCE for e in edges], word["x0"]) - 1)


def row_starts(column_lines: list[list[Line]], edges: list[float], ratio: float, shading: list,
               zebra: bool = False, shaded_header: bool = False,
               cell_ratio: float | None = None) -> tuple[list[float], bool]:
    """Where rows start, and whether the shading told them: at each paragraph of the task
    column, read at the cells' own pitch under a shaded header row (`cell_ratio`: measured on
    the table's rows before, where this page shows too few lines); but where the producer
    shaded rows (extract/pdf/zebra.py) under a shaded header row, or most of those
    "paragraphs" are single lines (generous leading sets every line apart), or the table's rows
    were told by their shading on another page (`zebra`), at the first paragraph of the task
    column, read at the cells' own pitch, in each band the shading bounds: shading joins the
    lines of a row, and never splits one. A band holding no task line is a row all the same
    (its first line left at a page's foot, its task on the next page; or a progress item's row
    beside a merged Task cell, which carries on the task)."""
    paras = split_paragraph_lines(column_lines[0], ratio)
    spaced = sum(len(p) == 1 for p in paras) > len(paras) / 2
    # the cells' own pitch, measured here or on the table's rows before (a page that only
    # finishes a row shows too few lines)
    own = max(ratio, pitch_ratio(column_lines, default=0.0) or cell_ratio or ratio)
    banded = len(edges) >= 2 and (zebra or (bool(shading) and (spaced or shaded_header)
                                            and len(row_edges(shading, column_spans(edges)[:1])) >= MIN_BAND_EDGES))
    if not banded:
        # no band to tell rows by: under a shaded header, a zebra table of one row, its cells'
        # lines at their own pitch; not rows of one line each (every line of the other columns
        # beside a task line), which that pitch, measured between rows, would join
        if shaded_header and not one_line_rows(column_lines):
            paras = split_paragraph_lines(column_lines[0], own)
        return [para[0].top for para in paras], False
    paras = split_paragraph_lines(column_lines[0], own)
    bands = row_edges(shading, column_spans(edges))
    first: dict[int, float] = {}
    for para in paras:
        first.setdefault(bisect.bisect_right(bands, para[0].top), para[0].top)
    with_task = {bisect.bisect_right(bands, line.top) for line in column_lines[0]}
    for top in sorted(line.top for column in column_lines[1:] for line in column):
        band = bisect.bisect_right(bands, top)
        if band not in with_task:
            first.setdefault(band, top)
    return sorted(first.values()), True


def one_line_rows(column_lines: list[list[Line]]) -> bool:
    """Whether every line of the other columns stands beside a line of the task column (rows of
    one line each: the gap between lines is the gap between rows)."""
    tops = [line.top for line in column_lines[0]]
    return all(any(abs(line.top - top) <= LINE_TOLERANCE for top in tops)
               for column in column_lines[1:] for line in column)


def column_spans(edges: list[float]) -> list[tuple[float, float]]:
    """Each column but the last (whose right end is unknown) as (left, middle): a box behind it
    reaches from left of its words to past its middle."""
    return [(a - COLUMN_TOLERANCE, (a + b) / 2) for a, b in zip(edges, edges[1:], strict=False)]


def row_parts(column_lines: list[list[Line]], bounds: list[float]) -> list[list[list[Line]]]:
    """The lines of each cell: per row (between two bounds), per column."""
    return [[[ln for ln in col if top - LINE_TOLERANCE <= ln.top < bottom - LINE_TOLERANCE] for col in column_lines]
            for top, bottom in zip(bounds, bounds[1:], strict=False)]


def cell_pitch_ratio(parts: list[list[list[Line]]], ratio: float) -> float | None:
    """The line pitch of paragraphs inside the cells of rows the shading told apart, measured on
    those cells where they set their lines wider apart than the document's usual pitch (1.5-line
    leading made each line a paragraph of its own, and "Open-" / "ended" two words); None when
    too few of their lines show it."""
    measured = pitch_ratio([cell for row in parts for cell in row if len(cell) > 1], default=0.0)
    return max(ratio, measured) if measured else None


class RowShading(NamedTuple):
    """Where shading told a page's rows: the columns' shading at its first line and at its last
    (where a page break may have cut a row), and whether the first row's Task text goes on from
    the page before (task_goes_on)."""

    first: tuple[bool, ...]
    last: tuple[bool, ...]
    task_goes_on: bool


def unruled_rows(lines: list[Line], edges: list[float], ratio: float, page: int, shading: list | None = None,
                 cell_ratio: float | None = None, zebra: bool = False,
                 shaded_header: bool = False) -> tuple[list[TableRow], float | None, RowShading | None]:
    """Given the lines under a header (or at the top of a continued page), return the rows,
    the line pitch inside their cells where the shading told the rows (else `cell_ratio`, the
    one measured on this table's rows before, as on a page that only finishes a row), and,
    where the shading told them, their RowShading (else None)."""
    columns: list[list[dict]] = [[] for _ in edges]
    for line in lines:
        for word in line.words:
            columns[column_of(word, edges)].append(word)
    column_lines = [group_lines(ws) for ws in columns]
    starts, banded = row_starts(column_lines, edges, ratio, shading or [], zebra, shaded_header, cell_ratio)
    if not lines:
        return [], cell_ratio, None
    first_top = min(line.top for line in lines)
    if not starts or starts[0] > first_top + LINE_TOLERANCE:
        starts.insert(0, first_top)  # text above the first task: the rest of a row from the last page
    parts = row_parts(column_lines, starts + [float("inf")])
    if banded:
        cell_ratio = cell_pitch_ratio(parts, ratio) or cell_ratio
    rows = [TableRow([Cell(paragraphs(part, cell_ratio or ratio)) for part in row], page, page) for row in parts]
    if not banded:
        return rows, cell_ratio, None
    # the shading of the cells at the first line and the last (a little below a line's top is
    # inside its box)
    first, last = (shading_by_column(shading or [], y + LINE_TOLERANCE, column_spans(edges))
                   for y in (first_top, max(line.top for line in lines)))
    return rows, cell_ratio, RowShading(first, last, task_goes_on(parts[0]))


def task_goes_on(first_row: list[list[Line]]) -> bool:
    """Given the lines of a page's first row, per column, does its Task text go on from the
    page before, in a Task cell merged over the rows of its progress items: it stands at the
    row's top and above the first line of another cell, which opens a row of its own below its
    cell's top padding, where a cell the page break cut (the Task cell, a Next steps cell merged
    with it) goes on at the page's first line?"""
    task, others = first_row[0], [cell for cell in first_row[1:] if cell]
    return bool(task) and any(task[0].top < cell[0].top - LINE_TOLERANCE for cell in others) \
        and all(task[0].top <= cell[0].top + LINE_TOLERANCE for cell in others)


def same_size_runs(lines: list[Line]) -> list[list[Line]]:
    """Given consecutive lines, return their runs of one font size: a paragraph's lines share
    theirs, and the pitch from a title to the line under it is none of a paragraph's."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and runs[-1][-1].size == line.size:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


class RunningText(NamedTuple):
    """Lines of running text on a page, made paragraphs once every page is read (the pitch
    they are split at depends on what the tables' cells showed)."""

    lines: list
    page: int


class UnruledReader:
    """Lays out pages whose task tables have no cell borders, one page after the other."""

    def __init__(self, ratio: float, taught: tuple = (), shading: dict | None = None, zebra: frozenset = frozenset()):
        self.ratio = ratio
        self.taught = taught  # the header wordings a user taught (ReadOptions.roles)
        self.edges: list[float] | None = None
        self.shading = shading or {}  # page number -> its shaded boxes (extract/pdf/zebra.py)
        # the line pitch inside the cells of shaded rows, by the table's column edges: a page
        # that only finishes a row shows no band of its own to measure it on
        self.cell_ratios: dict[tuple, float] = {}
        self.banded = False  # did shading tell the rows of a table apart?
        self.zebra = zebra  # the tables (column edges) whose rows shading told apart, read before
        self.banded_tables: set[tuple] = set()
        self.shaded_headers: set[tuple] = set()  # tables whose header row is drawn on a shaded box
        # the columns' shading at the first line of a zebra table's page (by the id of its first
        # row) and at its last line (by the id of its last row)
        self.first_shades: dict[int, tuple] = {}
        self.last_shades: dict[int, tuple] = {}
        self.tasks_going_on: set[int] = set()  # ids of first rows whose Task text goes on from the page before

    def page_blocks(self, number: int, words: list) -> list:
        """Given a page's number and words (page furniture left out), return its blocks."""
        lines = group_lines(words)
        items: list = []  # (top, block)
        region: list[Line] = []  # lines of the table being read
        loose: list[Line] = []  # running text waiting to become paragraphs
        region_open = self.edges is not None and bool(lines)  # a table may go on from the last page
        region_top = None
        for line in lines:
            found = unruled_header(line, self.taught)
            if found:
                self.flush_text(loose, items, number)
                self.close_region(region, region_top, items, number)
                region, self.edges, region_open = [], found, True
                if shaded_at(self.shading.get(number, []), line.top + LINE_TOLERANCE, column_spans(found)):
                    self.shaded_headers.add(self.column_xs())
                header = TableRow([Cell([" ".join(w["text"] for w in g)]) for g in header_phrases(line)],
                                  number, number)
                items.append((line.top, TableBlock([header], number, self.column_xs())))
                region_top = line.top + 0.01  # the rows sort just after their header
            elif region_open and heading(line.text) is None:
                region.append(line)
            else:
                self.close_region(region, region_top, items, number)
                region, region_top, region_open = [], None, False
                loose.append(line)
        self.flush_text(loose, items, number)
        self.close_region(region, region_top, items, number)
        items.sort(key=lambda item: item[0])
        return [block for _, block in items]

    def column_xs(self) -> tuple:
        """The column edges of the table being read, rounded (a table's identity across pages)."""
        return tuple(round(e, 1) for e in self.edges or ())

    def flush_text(self, loose: list, items: list, page_number: int) -> None:
        if loose:
            items.append((loose[0].top, RunningText(list(loose), page_number)))
        loose.clear()

    def text_ratio(self, running: list[RunningText]) -> float:
        """The line pitch running text is split at: the document's, unless the table's rows are
        shaded (a shaded header row, or rows shading told apart) and running text sets no line
        at that pitch (it was measured on the cells' generous leading, and a short note's
        running text, all one-line paragraphs, shows none of its own): then the usual pitch of
        text with no leading set, as where a document shows too few lines."""
        if not (self.banded or self.shaded_headers):
            return self.ratio
        own = pitch_ratio([run for r in running for run in same_size_runs(r.lines)], default=0.0)
        if own and own <= self.ratio * PITCH_CLUSTER:
            return self.ratio
        return min(self.ratio, DEFAULT_PITCH_RATIO)

    def text_blocks(self, running: RunningText, ratio: float) -> list[TextBlock]:
        """Given lines of running text, return their paragraphs."""
        return [TextBlock(clean(paragraph_text(para, None)), running.page)
                for para in split_paragraph_lines(running.lines, ratio)]

    def close_region(self, region: list, region_top, items: list, page_number: int) -> None:
        if not region or self.edges is None:  # a region opens only under a header that set the edges
            return
        key = self.column_xs()
        rows, cell_ratio, shades = unruled_rows(region, self.edges, self.ratio, page_number,
                                                self.shading.get(page_number), self.cell_ratios.get(key),
                                                key in self.zebra, key in self.shaded_headers)
        if shades is not None:
            self.banded = True
        # a zebra table: a shaded header row, and rows the shading told apart
        if shades is not None and key in self.shaded_headers:
            self.banded_tables.add(key)
            self.first_shades[id(rows[0])], self.last_shades[id(rows[-1])] = shades.first, shades.last
            if shades.task_goes_on:
                self.tasks_going_on.add(id(rows[0]))
        if cell_ratio is not None:
            self.cell_ratios[key] = cell_ratio
        if rows:
            top = region_top if region_top is not None else region[0].top
            items.append((top, TableBlock(rows, page_number, self.column_xs())))


def has_task_table(blocks: list, taught: tuple = ()) -> bool:
    return any(isinstance(b, TableBlock) and find_header_row(b.rows, taught) is not None for b in blocks)


def unruled_blocks(pages: list[tuple[int, list]], ratio: float, taught: tuple = (),
                   shading: dict | None = None) -> list:
    """Given (page number, words) per page (the header wordings a user taught, and each page's
    shaded boxes), return the blocks of a document whose task tables have no cell borders."""
    reader = UnruledReader(ratio, taught, shading)
    read = [block for number, words in pages for block in reader.page_blocks(number, words)]
    if reader.banded_tables:  # read again knowing which tables are zebra tables on every page
        reader = UnruledReader(ratio, taught, shading, frozenset(reader.banded_tables))
        read = [block for number, words in pages for block in reader.page_blocks(number, words)]
    text_ratio = reader.text_ratio([b for b in read if isinstance(b, RunningText)])
    blocks = [text for b in read for text in (reader.text_blocks(b, text_ratio) if isinstance(b, RunningText) else [b])]
    # a header row and the rows under it are one table
    merged: list = []
    for block in blocks:
        if isinstance(block, TableBlock) and merged and isinstance(merged[-1], TableBlock) \
                and len(merged[-1].rows) == 1 and merged[-1].page == block.page:
            merged[-1].rows.extend(block.rows)
        else:
            merged.append(block)
    join_cut_bands(merged, reader.first_shades, reader.last_shades, reader.tasks_going_on)
    return merged


def join_cut_bands(blocks: list, first_shades: dict[int, tuple], last_shades: dict[int, tuple],
                   tasks_going_on: set[int]) -> None:
    """Mark a zebra table's page as cut at its foot (`open_bottom`: extract/pdf/page_split.py
    joins the next page's first row onto its last) where the shading says the two are one row
    a page break cut (extract/pdf/zebra.py), or the next page's first Task text goes on from it
    (`task_goes_on`); else mark the next page's first row a row of its own (`closed_top`),
    whatever its text says."""
    for prev, block in zip(blocks, blocks[1:], strict=False):
        if not (isinstance(prev, TableBlock) and isinstance(block, TableBlock) and prev.rows
                and prev.page is not None and block.page == prev.page + 1 and prev.column_xs == block.column_xs):
            continue
        last = prev.rows[-1]
        first = next((row for row in block.rows if id(row) in first_shades), None)
        if first is None or id(last) not in last_shades:
            continue
        if same_row_across_break(last_shades[id(last)], first_shades[id(first)]) or id(first) in tasks_going_on:
            prev.open_bottom = True
        else:
            block.closed_top = True
