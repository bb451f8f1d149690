"""Lines set tightly: a header block set with one line's height from line to line (as Typst or
LaTeX set one) shows no gap between its lines, so the gap rule of extract/pdf/lines.py reads
"UNITED NATIONS", the group, the meeting, its date, the symbol and the title as one paragraph.

A line that ends where the next line's first word would still have fitted was ended on purpose:
the next line opens a paragraph of its own. Wrapped text never does that (a line is wrapped
because the next word did not fit), so only deliberate breaks are cut. The right edge is the
page's running text's rightmost line end, never beyond the real one: a line judged short here
is short for certain (a centred line is measured by its width against the text's). Where two
lines cannot share an alignment (flush left, centred, flush right), a paragraph ends: wrapped
text keeps its alignment.
"""
from __future__ import annotations

from .lines import Line

# A space is about this share of the font size wide (Liberation Sans, Times: 0.25-0.28).
SPACE_SHARE = 0.25
# A word must fit with this much to spare (pt): measuring noise, a justified line's stretch.
FIT_MARGIN_PT = 2.0
# A paragraph's first line may be indented by this many font sizes and still be flush left.
MAX_INDENT_SIZES = 4


def right_edge(lines: list[Line]) -> float | None:
    """The rightmost end of the page's running text lines, None where there are none."""
    return max((line.x1 for line in lines), default=None)


def ends_on_purpose(line: Line, following: Line, edge: float, left: float | None = None) -> bool:
    """Would `following`'s first word have fitted on `line` (at its end, or, `line` being
    centred, within the text's width)? Then `line` was ended on purpose."""
    first = following.words[0]
    width = first["x1"] - first["x0"]
    if left is not None:
        return line.x1 - line.words[0]["x0"] + line.size * SPACE_SHARE + width < edge - left - FIT_MARGIN_PT
    return line.x1 + line.size * SPACE_SHARE + width < edge - FIT_MARGIN_PT


def left_edge(lines: list[Line]) -> float | None:
    """The leftmost start of the page's running text lines, None where there are none."""
    return min((line.words[0]["x0"] for line in lines), default=None)


def alignments(line: Line, left: float, edge: float) -> set[str]:
    """How a line may be aligned: "left" (starting at the left edge, or a first-line indent
    in), "centre" (its middle on the text's), "right" (ending at the right edge); a full line
    is all three."""
    x0, x1 = line.words[0]["x0"], line.x1
    out = set()
    if x0 <= left + MAX_INDENT_SIZES * line.size:
        out.add("left")
    if abs((x0 + x1) / 2 - (left + edge) / 2) <= line.size:
        out.add("centre")
    if x1 >= edge - line.size:
        out.add("right")
    return out


def own_column(paragraph: list[Line], left: float) -> tuple[float, float] | None:
    """The left and right edges of a paragraph set in a column of its own (a text box or a
    sidebar beside the running text), or None: its lines start at one x (the first may be
    indented), right of the running text's left edge by more than an indent. Its lines are
    measured against its own width, not the page's, or every line of it would seem ended on
    purpose."""
    start = paragraph[-1].words[0]["x0"]
    if start <= left + MAX_INDENT_SIZES * paragraph[-1].size:
        return None
    if any(abs(line.words[0]["x0"] - start) > FIT_MARGIN_PT for line in paragraph[1:]):
        return None
    first = paragraph[0].words[0]["x0"]
    if not start - FIT_MARGIN_PT <= first <= start + MAX_INDENT_SIZES * paragraph[0].size:
        return None
    return start, max(line.x1 for line in paragraph)


def split_at_deliberate_breaks(paragraph: list[Line], edge: float | None,
                               left: float | None = None) -> list[list[Line]]:
    """Given a paragraph's lines, return them cut after each line that was ended on purpose and
    around each line set apart."""
    if edge is None or len(paragraph) < 2:
        return [paragraph]
    column = own_column(paragraph, left) if left is not None else None
    if column is not None:
        left, edge = column
    out = [[paragraph[0]]]
    for prev, line in zip(paragraph, paragraph[1:], strict=False):
        # lines that cannot share an alignment (flush left, then centred or flush right)
        apart = left is not None and not alignments(prev, left, edge) & alignments(line, left, edge)
        if apart or ends_on_purpose(prev, line, edge, left):
            out.append([line])
        else:
            out[-1].append(line)
    return out
