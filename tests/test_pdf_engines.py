"""The two PDF page sources read every PDF alike: PDFium (the default, extract/pdf/pdfium_source.py)
and pdfplumber (the reference). Every fixture and sample PDF is read with each, through the real
worker (what `somnotes ingest` stores): the same documents rows (warnings, word accounting's
unplaced_text among them), task rows, progress items, dates, passages and errors, except where
they differ by design, each such file named with why."""
from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfplumber.utils.text import WordExtractor

from somnotes.extract.options import ReadOptions
from somnotes.extract.pdf.pdfium_source import PdfiumDocument, PdfiumPage, PdfiumUnreadable
from somnotes.extract.pdf.reader import WORD_SETTINGS
from somnotes.extract.pdf.source import as_rgb, open_pdf
from somnotes.extract.pdf.watermark import (
    WATERMARK_MIN_SIZE_PT,
    letter_size,
    set_aside_letters,
    set_aside_watermark,
)
from somnotes.ingest.worker import process_file

from conftest import FIXTURES, SAMPLES, cli, read_table
from hostile import minimal_pdf

PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(FIXTURES.glob("**/*.pdf"))
# what changes from one read to the next whatever reads it
VOLATILE = {"ingested_at", "at", "file_mtime_ns"}
# Files whose passages (text outside the task tables) differ, and why. Their task rows,
# progress items, dates, warnings and errors must still agree.
PASSAGES_DIFFER = {
    # LibreOffice writes /Descent 0 in its font descriptors: pdfminer sets letters on their
    # baseline, PDFium under it by the font's own descent, which grows with the type size (2.5 pt
    # at the 14 pt heading, 1.9 pt at 11 pt). In this paper (not a note: no task table) a
    # paragraph stands beside a two-column layout of figures, and its lines fall between the
    # figures' lines in a different order: the same words, in passages cut otherwise.
    "paper.pdf": "font descent: lines beside an unruled layout sort otherwise",
}
COMPARED_TABLES = ("documents", "tasks", "progress_items", "dates", "errors")
MIN_COMPARED_CHARS = 50
QUARTER_TURN = 1  # PDFium's rotation codes: 1 is 90 degrees clockwise
# pt: PDFium's loose box, a float32, read back into a turned letter's advance and size
TURNED_SIZE_SLACK = 0.1
SAME_POINT = 0.01  # pt (and colour fraction): PDFium's single-precision floats against pdfminer's doubles
MIN_LEAN_PAGES = 500  # of the 649 pages of the fixtures and samples PDFium read itself on 2026-12-02


def stored_rows(path: Path, engine: str) -> dict:
    """What the worker hands the store for `path` read with `engine`, volatile fields left out.
    Scans are not OCR'd: OCR renders the page through pdfplumber whatever the engine
    (source.plumber_page); which pages are scans is each engine's own finding, and checked."""
    rows = process_file(path, ReadOptions(ocr="never", time_limit=None, pdf_engine=engine))
    return {table: [{k: v for k, v in row.items() if k not in VOLATILE} for row in table_rows]
            for table, table_rows in rows.items()}


@pytest.mark.parametrize("path", PDFS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_both_engines_store_the_same_rows(path):
    reference = stored_rows(path, "pdfplumber")
    pdfium = stored_rows(path, "pdfium")
    for table in COMPARED_TABLES:
        assert pdfium.get(table) == reference.get(table), table
    if path.name in PASSAGES_DIFFER:
        assert pdfium["passages"] != reference["passages"], f"{path.name} no longer differs: drop it from the list"
        assert sorted(" ".join(p["text"] for p in pdfium["passages"]).split()) == \
            sorted(" ".join(p["text"] for p in reference["passages"]).split())  # the same words
    else:
        assert pdfium.get("passages") == reference.get("passages")


def test_every_pdf_is_compared():
    """Guards the test above against an empty or shrunken glob."""
    assert len(PDFS) >= 50 and any(p.parent == SAMPLES for p in PDFS)


def test_the_engine_is_a_cli_option_and_the_stores_agree(workdir):
    stores = {}
    for engine in ("pdfium", "pdfplumber"):
        stores[engine] = workdir / engine
        result = cli("ingest", SAMPLES / "som27-midterm.pdf", "--store", stores[engine], "--workers", "1",
                     "--pdf-engine", engine)
        assert result.exit_code == 0, result.output
    columns = ["task_id", "part", "section", "task_text", "progress_text", "next_steps_text", "status", "page_start",
               "page_end"]
    pdfium, reference = (read_table(stores[e], "tasks")[columns] for e in ("pdfium", "pdfplumber"))
    assert len(reference) == 16 and pdfium.equals(reference)
    result = cli("ingest", SAMPLES / "som27-midterm.pdf", "--store", workdir / "x", "--pdf-engine", "mupdf")
    assert result.exit_code == 2


def test_a_file_pdfium_refuses_is_read_by_pdfplumber(workdir):
    """A damaged cross-reference table: PDFium would rebuild it silently and read what it finds;
    pdfplumber reads the file instead, as --pdf-engine pdfplumber would."""
    damaged = workdir / "damaged-xref.pdf"
    data = (SAMPLES / "som27-midterm.pdf").read_bytes()
    start = data.rindex(b"startxref")
    damaged.write_bytes(data[:start] + b"startxref\n12\n%%EOF\n")  # points at no xref table
    with open_pdf(damaged, "pdfium") as pdf:
        assert not isinstance(pdf, PdfiumDocument)
    assert stored_rows(damaged, "pdfium") == stored_rows(damaged, "pdfplumber")


def test_a_page_turned_by_rotate_reads_alike(workdir):
    """A note whose pages carry /Rotate 90 (made here from a sample with PDFium's own editing):
    such pages go to pdfplumber whole (pdfium_source.PdfiumPages), so both engines store the same."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as fpdf

    turned = workdir / "turned.pdf"
    doc = pdfium.PdfDocument(str(SAMPLES / "som27-midterm.pdf"))
    for i in range(len(doc)):
        page = doc[i]
        fpdf.FPDFPage_SetRotation(page.raw, QUARTER_TURN)
        page.close()
    doc.save(str(turned))
    doc.close()
    assert stored_rows(turned, "pdfium") == stored_rows(turned, "pdfplumber")


def test_shading_and_character_matrices_come_in_pdfplumbers_shapes():
    """What the layouts of issue 22 read: filled rectangles with their fill colour (zebra rows,
    shading) and each character's matrix (turned text), alike from both sources."""
    path = FIXTURES / "layouts" / "som26-midterm-shading.pdf"

    def filled(page) -> list:
        return sorted((r["x0"], r["top"], r["x1"], r["bottom"], *as_rgb(r["non_stroking_color"]))
                      for r in page.rects if r["fill"])

    def matrices(page) -> list:
        # a space's box and origin are the gap before it in PDFium's chars (pdfium_source.py)
        return [(c["text"], c["matrix"]) for c in page.chars[:200] if not c["text"].isspace()]

    with open_pdf(path, "pdfium") as pdfium, open_pdf(path, "pdfplumber") as reference:
        assert isinstance(pdfium, PdfiumDocument)
        shaded, found = filled(reference.pages[0]), filled(pdfium.pages[0])
        assert shaded and len(found) == len(shaded)
        assert all(abs(u - v) <= SAME_POINT for a, b in zip(found, shaded) for u, v in zip(a, b))
        assert any(rect[4:] != (1.0, 1.0, 1.0) for rect in shaded)
        ours, theirs = matrices(pdfium.pages[0]), matrices(reference.pages[0])
        # a ligature glyph ("ffi") is one char for pdfminer, its letters for PDFium (words alike)
        first_ligature = next(i for i, (text, _) in enumerate(theirs) if len(text) > 1)
        ours, theirs = ours[:first_ligature], theirs[:first_ligature]
        assert len(theirs) >= MIN_COMPARED_CHARS
        assert [text for text, _ in ours] == [text for text, _ in theirs]
        assert all(abs(u - v) <= SAME_POINT for (_, a), (_, b) in zip(ours, theirs) for u, v in zip(a, b))


@pytest.mark.parametrize("name,points", [("som26-midterm-draft-chromium.pdf", 64), ("som26-midterm-copy-weasyprint.pdf", 48)])
def test_a_turned_letter_has_one_size_whatever_reads_it(name, points):
    """A watermark's letters, turned 45 and 20 degrees: both sources give each the same `size`
    and advance (pdfminer's: its box's height, which grows with the turn and the letter's
    width), and the type size read back from them is the size the page set (CSS pt)."""
    def turned(page) -> list:
        return [(c["text"], c["size"], c["adv"], letter_size(c)) for c in page.chars if c["matrix"][1]]

    path = FIXTURES / "watermark" / name
    with open_pdf(path, "pdfium") as pdfium, open_pdf(path, "pdfplumber") as reference:
        ours, theirs = turned(pdfium.pages[0]), turned(reference.pages[0])
    assert ours and [c[0] for c in ours] == [c[0] for c in theirs]
    assert all(abs(u - v) <= TURNED_SIZE_SLACK for a, b in zip(ours, theirs) for u, v in zip(a[1:], b[1:]))
    assert all(abs(c[3] - points) <= TURNED_SIZE_SLACK for c in ours + theirs)


def test_a_text_matrix_that_flattens_the_baseline_is_read_not_a_crash(workdir):
    # "0 0 1 1 x y Tm": the baseline's direction is (0, 0); PDFium read the page's letters as
    # turned and divided by it (ZeroDivisionError: the whole file an errors row)
    path = workdir / "flat-matrix.pdf"
    minimal_pdf(path, [b"BT /F1 12 Tf 20 150 Td (Tasks and progress) Tj ET\n"
                       b"BT /F1 12 Tf 0 0 1 1 100 100 Tm (AB) Tj ET"], size=(300, 200))
    for engine in ("pdfium", "pdfplumber"):
        with open_pdf(path, engine) as pdf:
            assert "Tasks" in [w["text"] for w in pdf.pages[0].extract_words()]
    rows = process_file(path, ReadOptions(pdf_engine="pdfium"))
    assert not rows.get("errors") and len(rows["documents"]) == 1


def test_a_space_pdfium_makes_where_a_letter_follows_at_once_is_no_space(workdir):
    # Chromium drew a bold label's letters as objects of their own; PDFium's text page took a
    # letter of the line below between "n" and "e" and made a space there, which split the label
    # ("Don e:" for "Done:", the item's status lost); pdfminer reads no space
    path = workdir / "letters-apart.pdf"
    letters = [(639.11, 348.21, b"Actions"), (213.12, 351.21, b"D"), (220.34, 351.21, b"o"),
               (226.44, 351.21, b"n"), (232.55, 351.21, b"e"), (238.11, 351.21, b":")]
    minimal_pdf(path, [b"".join(b"BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET\n" % letter for letter in letters)],
                size=(842, 595))
    for engine in ("pdfium", "pdfplumber"):
        with open_pdf(path, engine) as pdf:
            assert [w["text"] for w in pdf.pages[0].extract_words()] == ["Done:", "Actions"], engine


def pdfium_pages(path: Path) -> Iterator[PdfiumPage]:
    """The pages of `path` PDFium reads itself (a page turned by /Rotate goes to pdfplumber), the
    file open while they are read."""
    try:
        document = PdfiumDocument(path)
    except PdfiumUnreadable:
        return
    with document:
        yield from (page for page in document.pages if isinstance(page, PdfiumPage))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_words_from_lean_chars_are_pdfplumbers_words(path):
    """PDFium's pages cut words from lean chars (pdfium_source.lean_words); pdfplumber's own
    WordExtractor, over the char dicts made from them, cuts the same words, with the reader's
    settings, pdfplumber's defaults and settings that go to its extractor. The dicts keep
    pdfplumber's relations between their fields. A filtered copy made before the dicts makes its
    own, from the lean chars, the page flushed meanwhile; a page that cannot hold a watermark
    has no watermark letter."""
    for page in pdfium_pages(path):
        copy = page.filter(lambda obj: obj["object_type"] != "char" or obj["text"] != "e")
        words = page.extract_words(**WORD_SETTINGS)
        assert "char" not in page.objects  # no char dict was made for them
        assert words == WordExtractor(**WORD_SETTINGS).extract_words(page.chars), page.page_number
        for settings in ({}, {"extra_attrs": ["fontname", "size"]}, {"extra_attrs": ["matrix"]},
                         {"keep_blank_chars": True}):
            assert page.extract_words(**settings) == WordExtractor(**settings).extract_words(page.chars), settings
        for char in page.chars:
            assert (char["top"], char["bottom"], char["doctop"], char["width"], char["height"]) == pytest.approx(
                (page.height - char["y1"], page.height - char["y0"], page.initial_doctop + char["top"],
                 char["x1"] - char["x0"], char["y1"] - char["y0"]), abs=SAME_POINT), char
        if not page.may_hold_large_letters(WATERMARK_MIN_SIZE_PT):
            assert set_aside_letters(page.chars) == ([], [])
        page.flush_cache()
        assert copy.lean_chars is None and copy.chars == [c for c in page.chars if c["text"] != "e"]
        assert copy.extract_words(**WORD_SETTINGS) == WordExtractor(**WORD_SETTINGS).extract_words(copy.chars)


def test_lean_words_are_compared_on_many_pages():
    """Guards the test above against PDFium's pages going missing from it."""
    assert sum(1 for path in PDFS for _ in pdfium_pages(path)) >= MIN_LEAN_PAGES


def test_the_watermark_check_makes_char_dicts_only_where_a_letter_may_be_one():
    """A watermarked note's pages may hold a watermark letter, and the check finds it there; the
    seed note's pages may not, and the check reads them without making a char dict."""
    marked = 0
    for page in pdfium_pages(FIXTURES / "watermark" / "som26-midterm-draft-chromium.pdf"):
        assert page.may_hold_large_letters(WATERMARK_MIN_SIZE_PT)
        assert set_aside_watermark(page)[1] == "DRAFT"
        marked += 1
    assert marked
    seed = 0
    for page in pdfium_pages(SAMPLES / "som26-midterm.pdf"):
        assert set_aside_watermark(page) == (page, "", ())
        assert "char" not in page.objects
        seed += 1
    assert seed


def test_a_closed_pdf_lets_go_of_its_pages():
    """The pages and the document refer to one another: once the file is closed, a page nothing
    else holds is freed at once, with what it read, not left for the garbage collector (which a
    reader runs seldom: ingest/worker.py, READER_GC_THRESHOLD)."""
    collecting = gc.isenabled()
    gc.disable()  # only reference counting may free it
    try:
        pdf = PdfiumDocument(SAMPLES / "som26-midterm.pdf")
        page = pdf.pages[0]
        assert page.lean_chars  # read: it holds its chars and its text objects' runs
        held = weakref.ref(page)
        del page
        assert held() is not None  # the open document keeps its pages
        pdf.close()
        assert held() is None
    finally:
        if collecting:
            gc.enable()


def test_pdfiums_pages_are_closed_once_read_and_the_rest_with_their_document(workdir):
    """The reader holds PDFium's pages as raw handles (pdfium_source.PdfiumDocument.load_page):
    each is closed as soon as the page is read; one made and never read (a note stopped midway:
    a time limit, a failed page) is closed with the document, before it. A page turned by
    /Rotate, handed to pdfplumber, leaves none open either."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as fpdf

    document = PdfiumDocument(SAMPLES / "som26-midterm.pdf")
    with document:
        first, second = document.pages[0], document.pages[1]  # made, not read yet
        assert len(document.open_pages) == 2
        assert first.lean_chars
        assert list(document.open_pages.values()) == [second.pdfium_page]
    assert document.open_pages == {}
    assert second.pdfium_page is not None  # never read: closed by the document, not by the page

    turned = workdir / "turned-first.pdf"
    doc = pdfium.PdfDocument(str(SAMPLES / "som27-midterm.pdf"))
    page = doc[0]
    fpdf.FPDFPage_SetRotation(page.raw, QUARTER_TURN)
    page.close()
    doc.save(str(turned))
    doc.close()
    with PdfiumDocument(turned) as document:
        assert not isinstance(document.pages[0], PdfiumPage)
        assert document.open_pages == {}
        assert len([w for page in document.pages for w in page.extract_words()]) > 0
        assert document.open_pages == {}
