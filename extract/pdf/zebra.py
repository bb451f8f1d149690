"""Rows a producer told apart by shading alone (zebra tables: no rules, every other row
shaded, a dark header row): the shading is the row. A filled box behind the task column (a
row's or a cell's background) bounds a row at its top and its bottom; the unshaded row between
two shaded ones is the band between them. Works on pdfplumber-shaped rect dicts ("fill",
"non_stroking_color", x0, x1, top, bottom), whatever page source made them.
"""
from __future__ import annotations

MIN_BAND_HEIGHT_PT = 6.0  # a row's background is a line high at least; thinner fills are rules
WHITE_LEVEL = 0.98  # a fill this light (every channel) is the page's own white
BOUNDARY_ROUNDING = 1  # decimals: one row's cells share their backgrounds' top and bottom


def is_shading(rect: dict) -> bool:
    """Is this a filled, non-white box at least a line high?"""
    if not rect.get("fill") or rect["bottom"] - rect["top"] < MIN_BAND_HEIGHT_PT:
        return False
    colour = rect.get("non_stroking_color")
    values = colour if isinstance(colour, (list, tuple)) else [colour] if colour is not None else []
    numbers = [v for v in values if isinstance(v, (int, float))]
    if len(numbers) == 4:  # CMYK: white is no ink
        return any(v > 1 - WHITE_LEVEL for v in numbers)
    return not numbers or any(v < WHITE_LEVEL for v in numbers)


def row_boundaries(rects: list[dict]) -> list[tuple[float, float, float, float]]:
    """The shaded boxes of a page that may bound rows, as (x0, x1, top, bottom)."""
    return [(r["x0"], r["x1"], r["top"], r["bottom"]) for r in rects if is_shading(r)]


def behind(box: tuple[float, float, float, float], spans: list[tuple[float, float]]) -> bool:
    """Is the shaded box behind one of the columns (left, middle): from left of its words to past
    its middle?"""
    x0, x1 = box[0], box[1]
    return any(x0 <= left and x1 >= middle for left, middle in spans)


def shaded_at(boxes: list[tuple[float, float, float, float]], y: float, spans: list[tuple[float, float]]) -> bool:
    """Given a page's shaded boxes, a height on the page and the columns' spans (left, middle),
    is the table row at that height shaded: a box behind one of the columns covers it? Rows
    alternate, so a row a page break cut has the same shading on both pages."""
    return any(box[2] <= y <= box[3] and behind(box, spans) for box in boxes)


def shading_by_column(boxes: list[tuple[float, float, float, float]], y: float,
                      spans: list[tuple[float, float]]) -> tuple[bool, ...]:
    """Given a page's shaded boxes, a height and the columns' spans, return whether each
    column's cell at that height is shaded (a merged cell keeps the shading of its first row)."""
    return tuple(shaded_at(boxes, y, [span]) for span in spans)


def same_row_across_break(before: tuple[bool, ...], after: tuple[bool, ...]) -> bool:
    """Given the columns' shading at the last line above a page break and at the first line
    after it, is it one table row cut in two? Rows alternate, so a new row flips the shading of
    every cell it opens; the cells after the task's (one per progress item) open with every row,
    where a task cell merged over its items' rows keeps its shading."""
    return before[1:] == after[1:] if len(before) > 1 else before == after


def row_edges(boxes: list[tuple[float, float, float, float]], spans: list[tuple[float, float]]) -> list[float]:
    """Given a page's shaded boxes and the columns' spans, return the sorted y of every edge of a
    box behind a column: where table rows begin and end (a Task cell merged over its progress
    items' rows shows none of theirs; the cells beside it do)."""
    edges: set[float] = set()
    for box in boxes:
        if behind(box, spans):
            edges.update((round(box[2], BOUNDARY_ROUNDING), round(box[3], BOUNDARY_ROUNDING)))
    return sorted(edges)
