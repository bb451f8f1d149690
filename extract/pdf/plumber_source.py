"""pdfplumber as a page source: the reference engine (`--pdf-engine pdfplumber`), the reader of
a file PDFium refuses, of pages turned by /Rotate and of the pages OCR renders.

Its pages are pdfplumber's own, but for where their coordinates start. pdfminer moves a page's
MediaBox corner to 0, 0 (its interpreter's first matrix), as PDFium's source does; pdfplumber then
adds that corner back to every object (its issue #1181: a page whose box is [36 136 631 978] has
letters from x 36 and tops from -136, its bbox (36, -136, 631, 706)). The reader measures a page's
margins, running heads and page numbers from 0 (reader.in_margin), so on such a page it read
otherwise: tests/fixtures/layouts/som26-midterm-alt.pdf moved by (0, 100) read 29 tasks where it
reads 22. Each page here has its boxes moved to start at 0, 0 before any object is read: every object
then comes out as pdfminer placed it, as PDFium's source gives it. (Annotations and hyperlinks,
which pdfplumber places from the page's raw /Rect, and its structure tree keep pdfplumber's own
frame: nothing in somnotes reads them.)
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfplumber.page import Page

# the boxes a pdfplumber page may hold, each in the coordinates its objects are given in (the
# last three only where the page names them)
PAGE_BOXES = ("mediabox", "cropbox", "bbox", "trimbox", "bleedbox", "artbox")


def origin_at_zero(page: Page) -> None:
    """Move `page`'s boxes so that its MediaBox starts at 0, 0: its objects, read later, are placed
    from there (pdfplumber's process_object adds the MediaBox's corner to each). A page moved
    already starts there: moved again, it stays."""
    x0, top = page.mediabox[0], page.mediabox[1]
    if x0 == 0 and top == 0:
        return
    for name in PAGE_BOXES:
        box = getattr(page, name, None)
        if box is not None:
            setattr(page, name, (box[0] - x0, box[1] - top, box[2] - x0, box[3] - top))


class PlumberPDF(pdfplumber.PDF):
    """pdfplumber's PDF whose pages start at 0, 0 (origin_at_zero), however its page list was made
    (pdfplumber makes it on first use, keeps what it made if a page fails, and makes it anew, of
    new pages, after its flush_cache): each page is looked at each time, a page moved already
    left as it is. That costs 0.11 us a page an access (timeit, a 6-page sample): 33 us an
    access at the reader's MAX_PAGES, against some 0.07 s for pdfplumber to read one page (bare
    extract_tables over the benchmark's 699 pages: 45 to 58 s)."""

    @property
    def pages(self) -> list[Page]:
        pages = super().pages
        for page in pages:
            origin_at_zero(page)
        return pages


def open_plumber(path: Path) -> pdfplumber.PDF:
    """The PDF at `path` opened by pdfplumber, its pages starting at 0, 0 (a PlumberPDF)."""
    return PlumberPDF.open(str(path))
