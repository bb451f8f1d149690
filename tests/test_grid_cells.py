"""Ruled tables' cells (extract/pdf/grid.py): somnotes finds them with pdfplumber's TableFinder,
its cells by a quicker `intersections_to_cells` of its own, and puts each word in the smallest
cell holding it (`cell_of`). Both must give what pdfplumber's own code and the plain search give:
on every page PDFium reads of the fixture and sample PDFs (the samples read by pdfplumber too),
and on random tables with rules broken off, as generated here."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pdfplumber.table import TableFinder, edges_to_intersections
from pdfplumber.table import intersections_to_cells as pdfplumbers_cells

from somnotes.extract.pdf.grid import Grid, QuickTableFinder, cell_of, intersections_to_cells, table_settings
from somnotes.extract.pdf.source import open_pdf

from conftest import FIXTURES, SAMPLES

UNOPENED = {"password-protected.pdf"}  # no page of it can be read
PDFS = [p for p in sorted(SAMPLES.glob("*.pdf")) + sorted(FIXTURES.glob("**/*.pdf")) if p.name not in UNOPENED]
# pages of the fixtures and samples with a ruled cell, read by PDFium: 571 on 2026-12-03
MIN_PAGES_WITH_CELLS = 500


def pages_with_cells(path, engine: str) -> int:
    """Assert that our finder finds pdfplumber's cells and tables on every page of `path` read
    by `engine`, with the settings find_grids hands it; return how many pages have a cell."""
    found = 0
    with open_pdf(path, engine) as pdf:
        for page in pdf.pages:
            page, settings, _ = table_settings(page)
            ours, theirs = QuickTableFinder(page, settings), TableFinder(page, settings)
            assert ours.cells == theirs.cells, (path.name, engine, page.page_number)
            assert [t.bbox for t in ours.tables] == [t.bbox for t in theirs.tables]
            # our __init__ is pdfplumber's with one call changed: a pdfplumber that sets more
            # (or other) attributes in its own shows here
            assert vars(ours).keys() == vars(theirs).keys()
            found += bool(ours.cells)
    return found


def test_our_table_finder_finds_pdfplumbers_cells_on_every_page():
    """Every fixture and sample PDF read by PDFium (the default), the samples by pdfplumber too
    (its floats are pdfminer's doubles, not PDFium's singles)."""
    found = sum(pages_with_cells(path, "pdfium") for path in PDFS)
    for path in sorted(SAMPLES.glob("*.pdf")):
        pages_with_cells(path, "pdfplumber")
    assert found >= MIN_PAGES_WITH_CELLS  # the pages compared did hold tables


def rule(orientation: str, at: float, start: float, end: float) -> dict:
    """A ruling line as pdfplumber's edges: horizontal at top `at`, or vertical at x `at`."""
    if orientation == "h":
        return {"object_type": "line", "orientation": "h", "x0": start, "x1": end, "top": at, "bottom": at,
                "width": end - start, "height": 0.0}
    return {"object_type": "line", "orientation": "v", "x0": at, "x1": at, "top": start, "bottom": end,
            "width": 0.0, "height": end - start}


@st.composite
def broken_tables(draw) -> list[dict]:
    """A table's rules on a lattice, each rule cut into pieces between lattice points, some
    pieces left out and some ends moved a little (a rule that stops short, or runs on): cells
    merged across rows and columns, rows and columns without a rule between them, corners
    where only one rule arrives."""
    xs = sorted(draw(st.sets(st.integers(0, 20), min_size=2, max_size=7)))
    tops = sorted(draw(st.sets(st.integers(0, 20), min_size=2, max_size=7)))
    edges = []
    for orientation, levels, stops in (("h", tops, xs), ("v", xs, tops)):
        for level in levels:
            cuts = sorted(draw(st.sets(st.sampled_from(stops), min_size=2)))
            for start, end in zip(cuts, cuts[1:], strict=False):
                if draw(st.booleans()) or draw(st.booleans()):  # three pieces in four drawn
                    nudge = draw(st.sampled_from((0.0, 0.0, 0.5, -0.5)))
                    edges.append(rule(orientation, 3.0 * level, 3.0 * start, 3.0 * end + nudge))
    return draw(st.permutations(edges))


@given(broken_tables(), st.sampled_from((0, 1, 3)))
def test_our_cells_are_pdfplumbers_on_broken_tables(edges, tolerance):
    """Every check on a cell's corners matters here: a bottom right corner joined to only one
    of the rules that reach it makes no cell (on the fixtures' pages some never fail)."""
    intersections = edges_to_intersections(edges, tolerance, tolerance)
    assert intersections_to_cells(intersections) == pdfplumbers_cells(intersections)


def plain_cell_of(cells: list, x: float, y: float) -> tuple[int, int] | None:
    """The search cell_of stands for: every cell looked at, the smallest holding the point kept
    (the first of two as small)."""
    best, best_area = None, float("inf")
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            if cell is not None and cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]:
                area = (cell[2] - cell[0]) * (cell[3] - cell[1])
                if area < best_area:
                    best, best_area = (i, j), area
    return best


def test_a_word_on_a_rule_between_two_cells_goes_to_the_smaller_else_the_first():
    # two cells side by side sharing the rule at x=100, a wider one below both
    equal = Grid((0, 0, 200, 40), [[(0, 0, 100, 20), (100, 0, 200, 20)], [(0, 20, 200, 40), None]])
    assert cell_of(equal, 100, 10) == (0, 0)
    assert cell_of(equal, 150, 20) == (0, 1)  # on the rule under the right cell: the smaller
    narrower = Grid((0, 0, 200, 20), [[(0, 0, 100, 20), (100, 0, 150, 20)]])
    assert cell_of(narrower, 100, 10) == (0, 1)
    assert cell_of(narrower, 300, 10) is None


coordinate = st.integers(0, 40).map(float)
box = st.tuples(coordinate, coordinate, coordinate, coordinate).map(
    lambda b: (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])))


@given(st.lists(st.lists(st.none() | box, min_size=1, max_size=4), min_size=1, max_size=4), coordinate, coordinate)
def test_cell_of_finds_what_the_plain_search_finds(cells, x, y):
    """Overlapping, nested, equal and empty boxes, points on their edges: small integer
    coordinates make ties and shared edges common."""
    assert cell_of(Grid((0, 0, 40, 40), cells), x, y) == plain_cell_of(cells, x, y)
