"""Ruled tables of a PDF page: their cells, rows cut open by a page break closed again.

pdfplumber builds cells from the rules a producer drew. Word and LibreOffice close a row that a
page break cuts with a rule at the page bottom and open it again with one on the next page;
browsers' print-to-PDF, HTML-to-PDF engines and reporting libraries do not: the column rules
run on to the page margin and stop there. Left so, the cut row has no cell and its words fall
out of the table. `open_row_rules` finds the ends of vertical rules that no horizontal rule
closes and returns a rule across each such end, so that the cut row becomes a cell again.

Words go to the cell whose box holds them. A vertically merged cell (one Task cell over
several progress rows) is one tall box that pdfplumber lists in its first row, with nothing
for that column in the rows below: containment, not row order, decides where a word goes.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

# The notes' tables are ruled: every cell has borders, so lines are the reliable signal.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
RULE_X_TOLERANCE = 3.0  # pt: vertical rule pieces this close in x are one rule
RULE_JOIN_GAP = 3.0  # pt: pieces of one vertical rule separated by at most this are joined
RULE_END_TOLERANCE = 3.0  # pt: a horizontal rule this close to a vertical's end closes it
# Shorter edges are the sides of thin filled rectangles (a browser draws a 0.75 pt border as
# a rectangle, whose ends are 0.75 pt "edges"), not rules.
MIN_RULE_LENGTH = 5.0
# A filled rectangle thicker than this both ways is a background (cell shading, a highlight
# behind words), not a rule: Word's highlight is drawn as one filled box per line of text,
# which the line finder would otherwise take for the walls of a one-column table.
MAX_RULE_THICKNESS = 2.0
# A line that starts less than this many font sizes below a table's last rule is a cell's text
# run out of its box (Chromium: 0.53), not a paragraph after the table (those start a full line
# or more below it: 1.0 size and up in every fixture).
OVERFLOW_GAP_SIZES = 0.75
# A frame drawn around a table (a one-cell frame table, a bordered box) leaves a margin between
# its rules and the table's, a few points wide (LibreOffice: 4.7 pt); a column of text is wider.
FRAME_MARGIN_MAX = 20.0  # pt
MIN_FRAMED_COLUMNS = 2  # a task table has two columns at least beside its frame's margins


@dataclass
class Grid:
    """A ruled table on one page: its box and the box of each cell, by row and column.
    `open_top` / `open_bottom`: the producer drew no rule there (we closed it): the first row
    goes on from the page before, the last row goes on to the next page."""

    bbox: tuple
    cells: list  # row -> column -> (x0, top, x1, bottom) or None (covered by a merged cell)
    open_top: bool = False
    open_bottom: bool = False
    # where text run out of a cell's box is looked for: the table's last rule, then the last
    # line taken back into a cell (such text runs on line after line)
    overflow_floor: float = 0.0

    def __post_init__(self):
        self.overflow_floor = self.bbox[3]

    @functools.cached_property
    def smallest_first(self) -> list[tuple]:
        """The cells as (x0, top, x1, bottom, (row, column)), smallest first, cells as small in
        the order of rows and columns (a stable sort): what `cell_of` looks through for each word
        of the page."""
        boxes = [(*cell, (i, j)) for i, row in enumerate(self.cells) for j, cell in enumerate(row) if cell is not None]
        return sorted(boxes, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))

    def column_xs(self) -> tuple:
        """Each column's left edge, from the first row where the column has a box of its own (a
        header cell spanning two columns covers the second in the first row)."""
        out = []
        for column in zip(*self.cells, strict=False):
            box = next((c for c in column if c is not None), None)
            if box is not None:
                out.append(round(box[0], 1))
        return tuple(out)

    def without_columns(self, columns: set) -> Grid:
        """The grid without `columns` (its box narrowed to the columns kept)."""
        cells = [[c for j, c in enumerate(row) if j not in columns] for row in self.cells]
        boxes = [c for row in cells for c in row if c is not None]
        bbox = (min(b[0] for b in boxes), self.bbox[1], max(b[2] for b in boxes), self.bbox[3])
        return Grid(bbox, cells, self.open_top, self.open_bottom)


def frame_columns(grid: Grid) -> set:
    """The grid's first and last columns where they are a frame's margins, not columns: on both
    sides, one narrow box from the grid's top to its bottom, around a table of two columns or
    more (a frame drawn around a table, whose rules pdfplumber joins to the table's where they
    meet: at a page's top or bottom)."""
    width = max(len(row) for row in grid.cells)
    if width < MIN_FRAMED_COLUMNS + 2:
        return set()
    sides = {0, width - 1}
    for j in sides:
        boxes = [row[j] for row in grid.cells if j < len(row) and row[j] is not None]
        if len(boxes) != 1 or boxes[0][2] - boxes[0][0] > FRAME_MARGIN_MAX \
                or abs(boxes[0][1] - grid.bbox[1]) > RULE_END_TOLERANCE \
                or abs(boxes[0][3] - grid.bbox[3]) > RULE_END_TOLERANCE:
            return set()
    return sides


def vertical_rules(edges: list) -> list[tuple[float, float, float]]:
    """Given a page's edges, return its vertical rules as (x, top, bottom), collinear pieces joined."""
    by_x: dict[float, list] = defaultdict(list)
    for e in edges:
        if e["orientation"] != "v":
            continue
        key = next((x for x in by_x if abs(x - e["x0"]) <= RULE_X_TOLERANCE), e["x0"])
        by_x[key].append((e["top"], e["bottom"]))
    rules = []
    for x, pieces in by_x.items():
        pieces.sort()
        top, bottom = pieces[0]
        for t, b in pieces[1:]:
            if t <= bottom + RULE_JOIN_GAP:
                bottom = max(bottom, b)
            else:
                rules.append((x, top, bottom))
                top, bottom = t, b
        rules.append((x, top, bottom))
    return [r for r in rules if r[2] - r[1] >= MIN_RULE_LENGTH]


def closed_at(horizontals: list, x: float, y: float) -> bool:
    return any(abs(h["top"] - y) <= RULE_END_TOLERANCE
               and h["x0"] - RULE_END_TOLERANCE <= x <= h["x1"] + RULE_END_TOLERANCE
               for h in horizontals)


def neighbour_rule(rules: list, x: float, y: float) -> float | None:
    """The x of the nearest vertical rule right of `x` (else left of it) that reaches level `y`."""
    reaching = [r[0] for r in rules if abs(r[0] - x) > RULE_X_TOLERANCE
                and r[1] - RULE_END_TOLERANCE <= y <= r[2] + RULE_END_TOLERANCE]
    right = [rx for rx in reaching if rx > x]
    if right:
        return min(right)
    left = [rx for rx in reaching if rx < x]
    return max(left) if left else None


def open_row_rules(edges: list) -> list[dict]:
    """Given a page's edges, return horizontal rules (as pdfplumber line objects) that close
    the cells a producer left open: at each end of a vertical rule where no horizontal rule
    is, one across to the neighbouring column rule. A lone vertical line (no neighbour reaching
    that level) is not a table and gets none."""
    horizontals = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= MIN_RULE_LENGTH]
    rules = vertical_rules(edges)
    out = []
    for x, top, bottom in rules:
        for y in (top, bottom):
            if closed_at(horizontals, x, y):
                continue
            other = neighbour_rule(rules, x, y)
            if other is None:
                continue
            x0, x1 = min(x, other), max(x, other)
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                        "width": x1 - x0, "height": 0.0})
    return out


def is_background(obj: dict) -> bool:
    """Is this graphic a filled area behind text (shading, highlight) rather than a rule?"""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and min(obj["width"], obj["height"]) > MAX_RULE_THICKNESS)


def table_settings(page, raster_edges: list | None = None) -> tuple[Any, dict, list] | None:
    """What find_grids hands the table finder: the page without its backgrounds, the settings
    (the scan's rules, or the PDF's own with rules added across cut rows) and the rules added;
    None where a scan has not two rules each way (no table)."""
    if raster_edges is None and any(is_background(r) for r in page.rects):
        page = page.filter(lambda obj: not is_background(obj))
    settings: dict[str, Any] = dict(TABLE_SETTINGS)
    edges = page.edges if raster_edges is None else raster_edges
    extra = open_row_rules(edges)
    if raster_edges is not None:
        verticals = [e for e in edges if e["orientation"] == "v"]
        horizontals = [e for e in edges if e["orientation"] == "h"] + extra
        if min(len(verticals), len(horizontals)) < 2:
            return None  # no two rules each way: no table on this page
        settings.update(vertical_strategy="explicit", horizontal_strategy="explicit",
                        explicit_vertical_lines=verticals, explicit_horizontal_lines=horizontals)
    elif extra:
        settings["explicit_horizontal_lines"] = extra
    return page, settings, extra


def find_grids(page, raster_edges: list | None = None) -> list[Grid]:
    """Given a page (extract/pdf/source.py: PDFium's or pdfplumber's), return its ruled tables,
    rows cut open by a page break closed. Backgrounds (shading, highlights) are left out: only
    rules make cells. `raster_edges`: for a scan, the rules found in its image
    (extract/ocr/image.py), used instead of the PDF's own."""
    found = table_settings(page, raster_edges)
    if found is None:
        return []
    page, settings, extra = found
    grids = []
    for table in QuickTableFinder(page, settings).tables:
        rows = [list(r.cells) for r in table.rows if any(c is not None for c in r.cells)]
        if rows:
            x0, top, x1, bottom = table.bbox
            grids.append(Grid(table.bbox, rows, open_top=closes(extra, x0, x1, top),
                              open_bottom=closes(extra, x0, x1, bottom)))
    return grids


class QuickTableFinder(TableFinder):
    """pdfplumber's TableFinder (its edges, intersections and tables), its cells found by
    `intersections_to_cells`. pdfplumber's own compares every point with every later one and
    builds each edge's box set again at every comparison: 0.58 ms a page of the benchmark's notes,
    against 0.16 here (120 pages, a throwaway timing), most of what find_grids took."""

    def __init__(self, page, settings: dict | None = None):
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(self.edges, self.settings.intersection_x_tolerance,
                                                    self.settings.intersection_y_tolerance)
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict) -> list[tuple]:
    """pdfplumber's intersections_to_cells: the same cells in the same order. For each point (in
    sorted order), at most one cell with it as top left corner: of the points below it on a
    vertical edge they share (nearest first) and the points right of it on a horizontal edge
    they share (nearest first), the first pair whose bottom right corner is an intersection
    joined to the one by a vertical edge and to the other by a horizontal one. Here the points
    below and right of a point are the later points of its column and its row, not found by
    scanning all the later points, and each point's edges are made a set of boxes once."""
    vertical = {point: {obj_to_bbox(e) for e in edges["v"]} for point, edges in intersections.items()}
    horizontal = {point: {obj_to_bbox(e) for e in edges["h"]} for point, edges in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list] = defaultdict(list)  # x -> its points by top (points are sorted by x, then top)
    rows: dict[float, list] = defaultdict(list)  # top -> its points by x
    place = {}  # point -> where it stands in its column and in its row
    for point in points:
        column, row = columns[point[0]], rows[point[1]]
        place[point] = (len(column), len(row))
        column.append(point)
        row.append(point)
    cells = []
    for point in points:
        down, across = place[point]
        below = (p for p in columns[point[0]][down + 1:] if not vertical[point].isdisjoint(vertical[p]))
        right = [p for p in rows[point[1]][across + 1:] if not horizontal[point].isdisjoint(horizontal[p])]
        cell = next(((point[0], point[1], r[0], b[1]) for b in below for r in right
                     if (r[0], b[1]) in intersections and not vertical[(r[0], b[1])].isdisjoint(vertical[r])
                     and not horizontal[(r[0], b[1])].isdisjoint(horizontal[b])), None)
        if cell is not None:
            cells.append(cell)
    return cells


def closes(rules: list, x0: float, x1: float, y: float) -> bool:
    """Is one of our added `rules` at level `y` within x0..x1 (an edge the producer left open)?"""
    return any(abs(r["top"] - y) <= RULE_END_TOLERANCE and r["x0"] >= x0 - RULE_X_TOLERANCE
               and r["x1"] <= x1 + RULE_X_TOLERANCE for r in rules)


def cell_of(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    """The (row, column) of the smallest cell of `grid` holding the point (of two as small, the
    first by row, then column), or None."""
    for x0, top, x1, bottom, place in grid.smallest_first:
        if x0 <= x <= x1 and top <= y <= bottom:
            return place
    return None


def inside(bbox: tuple, x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def overflow_cell(grid: Grid, x: float, y: float, top: float, size: float) -> tuple[int, int] | None:
    """Where a word just below a grid whose last row was cut (or just above one whose first row
    goes on) belongs: the cell of that column nearest to it. Browsers and WeasyPrint let the
    rest of a merged cell cut by a page break run out of the cell's box, down to the page end
    (an open table) or half a line below the table's last rule (Chromium, a closed one)."""
    below = y > grid.bbox[3]
    near = below and top - grid.overflow_floor < size * OVERFLOW_GAP_SIZES
    if not ((below and (grid.open_bottom or near)) or (y < grid.bbox[1] and grid.open_top)):
        return None
    best, best_y = None, None
    for i, row in enumerate(grid.cells):
        for j, cell in enumerate(row):
            if cell is None or not cell[0] <= x <= cell[2]:
                continue
            edge = cell[3] if below else cell[1]
            if best is None or (edge > best_y if below else edge < best_y):
                best, best_y = (i, j), edge
    return best
