"""Where a PDF's pages come from: PDFium (pdfium_source.py, the default) or pdfplumber (the
reference), both giving pages that answer to `PdfPage`, so that everything after reading
(grids, lines, unruled tables, page splits, OCR's choice of pages) is one code.

`somnotes ingest --pdf-engine pdfplumber` reads with pdfplumber throughout; with pdfium, a file
PDFium cannot open (or whose cross-reference table it had to rebuild) is read by pdfplumber,
which reads it or says what is wrong with it (encrypted, damaged) as before.

What the reader and OCR read of a page, found by reading extract/pdf/*.py and extract/ocr/*.py:
- extract_words(x_tolerance, y_tolerance, keep_blank_chars, extra_attrs=["size"]): word dicts
  (text, x0, x1, top, bottom, size, upright, ...);
- chars (text, x0, x1, top, bottom; for the layouts of issue 22: matrix, fontname,
  non_stroking_color) for letters drawn over letters, and for watermarks and symbol fonts;
  `letter_boxes` gives the first five as tuples, from PDFium's lean chars where the page has
  them (its `lean_chars`), so that no char dict is made for it;
- rects (object_type, fill, stroke, width, height, non_stroking_color), edges (orientation,
  x0, x1, top, bottom, width, height), bbox and filter(test) for ruled tables (grid.py hands the
  page to pdfplumber's TableFinder, which reads its edges and bbox);
- images (x0, x1, top, bottom, srcsize), width, height, page_number for telling a scan;
- flush_cache() after each page; a scan's own pdfplumber page (`plumber_page`) for OCR, which
  renders it.
"""
from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

PDF_ENGINES = ("pdfium", "pdfplumber")
DEFAULT_PDF_ENGINE = "pdfium"
GREY_COMPONENTS = 1
RGB_COMPONENTS = 3
CMYK_COMPONENTS = 4
# a letter's box as a tuple (letter_boxes; the first five fields of PDFium's lean chars)
BOX_TEXT, BOX_X0, BOX_X1, BOX_TOP, BOX_BOTTOM = range(5)
BY_X0 = itemgetter(BOX_X0)


class PdfPage(Protocol):
    """A page of a PDF in pdfplumber's shapes (a pdfplumber Page is one)."""

    page_number: int
    width: Any
    height: Any
    bbox: tuple

    @property
    def chars(self) -> list[dict]: ...

    @property
    def rects(self) -> list[dict]: ...

    @property
    def edges(self) -> list[dict]: ...

    @property
    def images(self) -> list[dict]: ...

    def extract_words(self, **settings: Any) -> list[dict]: ...

    def filter(self, test_function: Callable[[dict], bool]) -> Any: ...

    def flush_cache(self, properties: list[str] | None = None) -> None: ...


def open_pdf(path: Path, engine: str = DEFAULT_PDF_ENGINE):
    """Open a PDF for reading with `engine` (pdfium or pdfplumber): a context manager whose
    `pages` (len, index, iteration) are PdfPages."""
    if engine == "pdfium":
        from .pdfium_source import PdfiumDocument, PdfiumUnreadable

        try:
            return PdfiumDocument(path)
        except PdfiumUnreadable:
            pass  # pdfplumber reads it, or says what is wrong with it
    from .plumber_source import open_plumber

    return open_plumber(path)


def plumber_page(page: PdfPage):
    """The pdfplumber page of `page` (OCR renders it): itself, or the one PDFium's page opens."""
    opener = getattr(page, "plumber_page", None)
    return opener() if opener is not None else page


def letter_boxes(page: PdfPage) -> list[tuple]:
    """A page's characters as tuples whose first five fields are (text, x0, x1, top, bottom)."""
    lean = getattr(page, "lean_chars", None)
    if lean is not None:
        return lean
    return [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars]


def as_rgb(colour) -> tuple | None:
    """A colour of either source as (r, g, b) fractions: pdfplumber gives the operands as written
    ((g,) for a grey, four for CMYK, a pattern's name), PDFium gives RGB. None when unknown."""
    if colour is None or isinstance(colour, str):
        return None
    values = tuple(colour)
    if not all(isinstance(v, (int, float)) for v in values):
        return None
    if len(values) == GREY_COMPONENTS:
        return (float(values[0]),) * RGB_COMPONENTS
    if len(values) == RGB_COMPONENTS:
        return tuple(float(v) for v in values)
    if len(values) == CMYK_COMPONENTS:
        c, m, y, k = values
        return tuple((1 - v) * (1 - k) for v in (c, m, y))
    return None
