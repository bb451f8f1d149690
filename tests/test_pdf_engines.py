"""The two PDF page sources read every PDF alike: PDFium (the default, extract/pdf/pdfium_source.py)
and pdfplumber (the reference). Every fixture and sample PDF is read with each, through the real
worker (what `somnotes ingest` stores): the same documents rows (warnings, word accounting's
unplaced_text among them), task rows, progress items, dates, passages and errors, except where
they differ by design, each such file named with why."""
from __future__ import annotations

import ctypes
import gc
import weakref
from collections.abc import Callable, Iterator
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
from somnotes.ingest.worker import FileTimeout, process_file

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
# pt: Helvetica's descent as PDFium reads the font and as pdfminer reads its metrics (0.24 pt
# apart at 14 pt), which sets a letter's top; a page taken for ANSI A put them 50 pt apart
DESCENT_SLACK = 1.0
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


def edited_copy(source: Path, out: Path, edit: Callable, pages: int | None = None) -> Path:
    """A copy of `source` whose first `pages` pages (all: None) are each given to `edit` (a
    pypdfium2 page), made with PDFium's own editing."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    for i in range(len(doc) if pages is None else pages):
        page = doc[i]
        edit(page)
        page.close()
    doc.save(str(out))
    doc.close()
    return out


def turned_copy(source: Path, out: Path, pages: int | None = None) -> Path:
    """A copy of `source` whose first `pages` pages (all: None) carry /Rotate 90."""
    import pypdfium2.raw as fpdf

    return edited_copy(source, out, lambda page: fpdf.FPDFPage_SetRotation(page.raw, QUARTER_TURN), pages)


def test_a_page_turned_by_rotate_reads_alike(workdir):
    """A note whose pages carry /Rotate 90 (made here from a sample): such pages go to
    pdfplumber whole (pdfium_source.PdfiumPages), so both engines store the same."""
    turned = turned_copy(SAMPLES / "som27-midterm.pdf", workdir / "turned.pdf")
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


def test_a_page_size_the_page_tree_gives_is_read_alike(workdir):
    """A page without a MediaBox of its own takes its page tree's (here A4 on the /Pages node).
    PDFium's FPDFPage_GetMediaBox reads a page's own only, and such a page was taken for ANSI A
    (612 x 792): every letter 50 pt off and the page's margins elsewhere. Its size is now
    pdfminer's reading of the tree, so both engines place the words alike and store the same. A
    tree whose MediaBox pdfminer cannot use is ANSI A, as pdfminer takes it, and read."""
    path = workdir / "a4-inherited.pdf"
    minimal_pdf(path, [b"BT /F1 14 Tf 72 790 Td (Progress note on the tasks) Tj ET\n"
                       b"BT /F1 10 Tf 72 40 Td (Page 1 of 2) Tj ET",
                       b"BT /F1 11 Tf 72 700 Td (The meeting agreed to continue the work.) Tj ET\n"
                       b"BT /F1 10 Tf 72 40 Td (Page 2 of 2) Tj ET"], size=(595, 842), inherited_size=True)
    words = {}
    for engine in ("pdfium", "pdfplumber"):
        with open_pdf(path, engine) as pdf:
            assert [(page.width, page.height) for page in pdf.pages] == [(595, 842)] * 2, engine
            words[engine] = [(w["text"], w["x0"], w["top"]) for page in pdf.pages for w in page.extract_words()]
    assert [w[0] for w in words["pdfium"]] == [w[0] for w in words["pdfplumber"]]
    assert all(abs(a[1] - b[1]) <= SAME_POINT and abs(a[2] - b[2]) <= DESCENT_SLACK
               for a, b in zip(words["pdfium"], words["pdfplumber"]))
    assert stored_rows(path, "pdfium") == stored_rows(path, "pdfplumber")

    # a page tree whose MediaBox pdfminer cannot use (too short, or on no node) is ANSI A, as
    # pdfminer takes it; pdfplumber's page size fails there (the reference engine's errors row)
    data = path.read_bytes()
    box = b"/MediaBox [0 0 595 842]"
    for name, instead in (("short", b"/MediaBox [0 0 595]"), ("none", b"")):
        broken = workdir / f"mediabox-{name}.pdf"
        broken.write_bytes(data.replace(box, instead.ljust(len(box))))  # the same length: offsets stay true
        with open_pdf(broken, "pdfium") as pdf:
            assert isinstance(pdf, PdfiumDocument)
            assert [(page.width, page.height) for page in pdf.pages] == [(612, 792)] * 2, name
        rows = process_file(broken, ReadOptions(pdf_engine="pdfium"))
        assert not rows.get("errors") and len(rows["passages"]) >= 2, name



def moved_copy(source: Path, out: Path, dx: float, dy: float) -> Path:
    """A copy of `source` whose every page has its MediaBox and everything drawn on it moved by
    (dx, dy) points: the same page, its box no longer at 0, 0."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as fpdf

    def move(page) -> None:
        left, bottom, right, top = page.get_mediabox()
        fpdf.FPDFPage_SetMediaBox(page.raw, left + dx, bottom + dy, right + dx, top + dy)
        for obj in list(page.get_objects(max_depth=1)):
            obj.transform(pdfium.PdfMatrix().translate(dx, dy))
        page.gen_content()

    return edited_copy(source, out, move)


# what names a file rather than what it reads as: a moved copy is another file
FILE_FIELDS = {"doc_id", "task_id", "source_path", "file_size", "note_key", "parser_version"}


def read_as(rows: dict) -> dict:
    """stored_rows without what names the file."""
    return {table: [{k: v for k, v in row.items() if k not in FILE_FIELDS} for row in table_rows]
            for table, table_rows in rows.items()}


def pdfium_words(path: Path) -> list[list[tuple]]:
    """Each page's words as PDFium's source cuts them: text, x0, top, bottom."""
    with open_pdf(path, "pdfium") as pdf:
        assert isinstance(pdf, PdfiumDocument)
        return [[(w["text"], w["x0"], w["top"], w["bottom"]) for w in page.extract_words()] for page in pdf.pages]


@pytest.mark.parametrize("name,dx,dy", [
    ("samples/som26-midterm.pdf", 0, 100), ("samples/som26-midterm.pdf", 36, 36),
    ("samples/som26-midterm.pdf", -20, -30), ("layouts/som26-midterm-alt.pdf", 0, 100),
    ("series/som29-annual.pdf", 36, 36), ("zebra/som26-midterm-zebra-weasyprint.pdf", 0, 100),
    ("producers/som26-midterm-vmerge-last-weasyprint.pdf", -20, -30)])
def test_a_page_whose_mediabox_starts_off_zero_reads_alike(workdir, name, dx, dy):
    """A MediaBox that does not start at 0, 0 (a producer's crop or offset: /MediaBox [36 36 631
    878]), the page's drawing moved with it, reads as the page unmoved, with either engine.
    pdfminer moves the box's corner to 0, 0, and so did PDFium's source, but its letters then went
    down the path of turned text, each boxed by PDFium's loose box (som26-midterm: a heading's
    letters 1 pt shorter, a header paragraph cut in two passages); pdfplumber adds the corner back
    to every object (tops from -100), and the reader measures a page's margins from 0
    (reader.in_margin; som26-midterm-alt: 29 tasks for 22). Each engine now reads the moved copy
    as the note, both store the same, and PDFium places every word where it stands unmoved. (A
    sweep of every fixture and sample at these three offsets found no other difference.)"""
    source = SAMPLES.parent / name if name.startswith("samples/") else FIXTURES / name
    moved = moved_copy(source, workdir / f"moved-{dx}-{dy}.pdf", dx, dy)
    with open_pdf(moved, "pdfium") as pdf:
        assert pdf.pages[0].mediabox[:2] != (0, 0)  # the copy is moved (PDFium's source keeps the box as written)
    read = {engine: stored_rows(moved, engine) for engine in ("pdfium", "pdfplumber")}
    assert read["pdfium"] == read["pdfplumber"]
    assert read_as(read["pdfium"]) == read_as(stored_rows(source, "pdfium"))
    assert read_as(read["pdfplumber"]) == read_as(stored_rows(source, "pdfplumber"))
    before, after = pdfium_words(source), pdfium_words(moved)
    assert [[w[0] for w in page] for page in after] == [[w[0] for w in page] for page in before]
    assert all(a[1:] == pytest.approx(b[1:], abs=SAME_POINT)
               for page_a, page_b in zip(after, before) for a, b in zip(page_a, page_b))


def upright_turned_copy(source: Path, out: Path) -> Path:
    """A copy of `source` whose pages carry /Rotate 90 with their drawing turned the other way and
    their MediaBox made to fit, so that they read upright."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as fpdf

    def turn(page) -> None:
        left, bottom, right, top = page.get_mediabox()
        for obj in list(page.get_objects(max_depth=1)):
            obj.transform(pdfium.PdfMatrix(0, 1, -1, 0, top - bottom, 0))
        fpdf.FPDFPage_SetMediaBox(page.raw, 0, 0, top - bottom, right - left)
        fpdf.FPDFPage_SetRotation(page.raw, QUARTER_TURN)
        page.gen_content()

    return edited_copy(source, out, turn)


def test_a_page_turned_by_rotate_whose_mediabox_starts_off_zero_reads_alike(workdir):
    """PDFium's engine hands a page turned by /Rotate to pdfplumber (PdfiumDocument.plumber), whose
    pages start at 0, 0 there too: the alternative layout turned and moved by (100, 0) read 29
    tasks for 22 with the default engine when that document was pdfplumber's own."""
    turned = upright_turned_copy(FIXTURES / "layouts/som26-midterm-alt.pdf", workdir / "turned.pdf")
    moved = moved_copy(turned, workdir / "turned-moved.pdf", 100, 0)
    read = {engine: stored_rows(moved, engine) for engine in ("pdfium", "pdfplumber")}
    assert read["pdfium"] == read["pdfplumber"]
    assert read_as(read["pdfium"]) == read_as(stored_rows(turned, "pdfium"))
    assert len(read["pdfium"]["tasks"]) == len(stored_rows(FIXTURES / "layouts/som26-midterm-alt.pdf", "pdfium")["tasks"])


# the standard 14 fonts (none embedded), each page one of its own: their widths differ, so a page
# given another's font reads otherwise (the test checks that they do)
STANDARD_FONTS = ["Helvetica", "Times-Roman", "Courier", "Helvetica-Bold", "Times-Bold", "Courier-Bold",
                  "Helvetica-Oblique", "Times-Italic", "Courier-Oblique", "Helvetica-BoldOblique", "Times-BoldItalic",
                  "Courier-BoldOblique", "Symbol", "ZapfDingbats"]


def test_a_page_reads_alike_alone_and_after_pages_in_other_fonts(workdir):
    """PDFium's document keeps each font's name and metrics once, by the font's address
    (`font_name`, `font_metrics`): a page read after others in fonts of their own, each closed as
    it is read, reads as it does alone in a fresh document, so no page is given another's font.
    (Fonts stay at their addresses while their document is open, in the PDFium bundled now: a
    throwaway check found no address standing for two fonts in 99 fixture and sample PDFs, nor
    in this file; the test guards a PDFium that would free a page's fonts with it.)"""
    path = workdir / "a-font-a-page.pdf"
    fonts = STANDARD_FONTS * 2  # each name twice (the second a font object of its own), all at one size
    minimal_pdf(path, [f"BT /F1 14 Tf 72 700 Td (Task {n} in {font}: Progress) Tj ET".encode()
                       for n, font in enumerate(fonts)], fonts=fonts)

    def words(page) -> list:
        return [(w["text"], w["fontname"], w["size"], w["top"], w["x1"])
                for w in page.extract_words(extra_attrs=["fontname", "size"])]

    with PdfiumDocument(path) as document:
        in_turn = [words(page) for page in document.pages]
    alone = []
    for n in range(len(fonts)):
        with PdfiumDocument(path) as document:
            alone.append(words(document.pages[n]))
    assert in_turn == alone
    assert [page[0][1] for page in alone] == fonts
    # the fonts read otherwise: the same text at the same size ends elsewhere on the line
    assert len({round(page[-1][4] / page[-1][2], 2) for page in alone}) > len(STANDARD_FONTS) / 2


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


class HandleLog:
    """PDFium's page and text page handles as pypdfium2.raw opens and closes them (spied on,
    then called), in order: whether each opened is closed once, a text page before its page, and
    each while its document is still open (PDFium reuses a freed handle's address: the log is
    read in order, not looked up)."""

    def __init__(self, monkeypatch):
        import pypdfium2.raw as fpdf

        self.events: list = []  # ("open", address, its page's address for a text page) or ("close", address, document open)
        self.documents: list = []
        for name, kind in (("FPDF_LoadPage", "page"), ("FPDFText_LoadPage", "text page")):
            monkeypatch.setattr(fpdf, name, self.spy_open(getattr(fpdf, name), kind))
        for name in ("FPDF_ClosePage", "FPDFText_ClosePage"):
            monkeypatch.setattr(fpdf, name, self.spy_close(getattr(fpdf, name)))
        made = PdfiumDocument.__init__

        def init(document, *args):
            made(document, *args)
            self.documents.append(document)  # once made: a file it refuses has no PDFium document

        monkeypatch.setattr(PdfiumDocument, "__init__", init)

    @staticmethod
    def address(handle) -> int:
        return ctypes.cast(handle, ctypes.c_void_p).value or 0

    def spy_open(self, real, kind):
        def load(first, *args):
            handle = real(first, *args)
            if handle:
                self.events.append(("open", self.address(handle), self.address(first) if kind == "text page" else None))
            return handle
        return load

    def spy_close(self, real):
        def close(handle):
            address = self.address(handle)
            self.events.append(("close", address, all(d.pdf.raw is not None for d in self.documents)))
            opened = sum(1 if e[0] == "open" else -1 for e in self.events[:-1] if e[1] == address)
            assert opened == 1, "closed twice, or never opened"  # before PDFium would abort the run
            real(handle)
        return close

    def check(self) -> None:
        live: dict = {}  # address -> its page's address (None for a page)
        for event, address, about in self.events:
            if event == "open":
                assert address not in live
                live[address] = about
            else:
                assert about, "closed after its document"
                assert address in live, "closed twice, or never opened"
                assert address not in live.values(), "a page closed before its text page"
                del live[address]
        assert self.events and not live, "left open"


def test_pdfiums_handles_are_closed_once_each_in_order_whatever_ends_the_reading(monkeypatch, workdir):
    """The reader holds PDFium's pages and text pages as raw handles (pdfium_source.py:
    PdfiumDocument.load_page): each is closed once, a text page before its page, all while their
    document is open; so too when a page fails midway (the error reaches the file's errors row).
    A read page's handles are closed at once; a page made and never read is closed by its
    document, and asked for after that it is an error, not a read of freed memory. A time limit
    that lands in the document's close leaves no handle to be closed after it or read: the rest
    are forgotten, the document closed all the same. A page turned by /Rotate, handed to
    pdfplumber, has its handle closed as it is handed on."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as fpdf

    log = HandleLog(monkeypatch)
    rows = process_file(SAMPLES / "som26-midterm.pdf", ReadOptions(pdf_engine="pdfium"))
    assert rows["tasks"] and not rows.get("errors")
    log.check()

    log = HandleLog(monkeypatch)
    read_graphics = PdfiumPage.read_graphics

    def fail_on_page_3(page, *args):
        if page.page_number == 3:
            raise RuntimeError("a page that fails")
        return read_graphics(page, *args)

    monkeypatch.setattr(PdfiumPage, "read_graphics", fail_on_page_3)
    rows = process_file(SAMPLES / "som26-midterm.pdf", ReadOptions(pdf_engine="pdfium"))
    assert [e["error"] for e in rows["errors"]] == ["internal_error"]
    log.check()
    monkeypatch.setattr(PdfiumPage, "read_graphics", read_graphics)

    log = HandleLog(monkeypatch)
    with PdfiumDocument(SAMPLES / "som26-midterm.pdf") as document:
        first, second = document.pages[0], document.pages[1]  # made, each loading its page
        assert first.lean_chars
        assert [handle for handle, _ in document.handles.values()] == [second.pdfium_page]  # the read one closed
    log.check()
    with pytest.raises(pdfium.PdfiumError):
        second.lean_chars  # noqa: B018 - its page was closed with the document

    # a time limit that lands in close(): the handles left are forgotten (they leak), never read
    # or closed after the document
    close_page = fpdf.FPDF_ClosePage

    def close_then_time_out(page):
        close_page(page)
        raise FileTimeout("the file's time is up")

    monkeypatch.setattr(fpdf, "FPDF_ClosePage", close_then_time_out)  # before: a page keeps what closes it
    document = PdfiumDocument(SAMPLES / "som26-midterm.pdf")
    made = [document.pages[i] for i in range(3)]  # each loads its page; none is read
    with pytest.raises(FileTimeout):
        document.close()
    monkeypatch.setattr(fpdf, "FPDF_ClosePage", close_page)
    assert document.closed and not document.handles and document.pdf.raw is None
    with pytest.raises(pdfium.PdfiumError):
        made[0].lean_chars  # noqa: B018 - its page was left open by the time limit, and its document is closed
    document.close()  # a second close does nothing

    turned = turned_copy(SAMPLES / "som27-midterm.pdf", workdir / "first-page-turned.pdf", pages=1)
    log = HandleLog(monkeypatch)
    with PdfiumDocument(turned) as document:
        assert not isinstance(document.pages[0], PdfiumPage)
        assert sum(len(page.extract_words()) for page in document.pages)
        assert not document.handles  # each closed as its page was read or handed on
    log.check()
