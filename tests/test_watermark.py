"""A diagonal watermark drawn over every page (tests/fixtures/watermark/build_watermark.py:
"DRAFT" and "CONFIDENTIAL" printed by Chromium, "UNEDITED" and a pale red "COPY" at 20 degrees
by WeasyPrint) is recognised by its letters' turn and size, and a level stamp in the margin of
every page (a light grey "DRAFT", Chromium and WeasyPrint) by its size, colour and repetition;
each is set aside with a warning and counted by the word accounting: every row and the header
read as the seed note's truth, with both PDF engines. A large light title on the first page
only is no stamp, nor is a note's rotated or large text. The Word note with a watermark in its
page header (Word's own WordArt; a text box turned 45 degrees, DrawingML or VML) and
LibreOffice's PDF of each read as written too: the WordArt is no text, the text box's "DRAFT" is
set aside in the Word file, and as a stamp in LibreOffice's PDF (which draws it level)."""
from __future__ import annotations

import json

import pytest

from samples.producers import HTML_PRODUCERS
from somnotes.extract.model import TextBlock
from somnotes.extract.options import ReadOptions
from somnotes.extract.pdf.reader import read_pdf
from somnotes.extract.pdf.source import open_pdf

from conftest import EXPECTED, FIXTURES, HTML_PRINTERS, cli, read_table

MARKED = FIXTURES / "watermark"
SEED = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))


def ws(text) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name,word", [("som26-midterm-draft-chromium.pdf", "DRAFT"),
                                       ("som26-midterm-confidential-chromium.pdf", "CONFIDENTIAL"),
                                       ("som26-midterm-unedited-weasyprint.pdf", "UNEDITED"),
                                       ("som26-midterm-copy-weasyprint.pdf", "COPY"),
                                       ("som26-midterm-margin-stamp-chromium.pdf", "DRAFT"),
                                       ("som26-midterm-margin-stamp-weasyprint.pdf", "DRAFT"),
                                       # LibreOffice's PDF of a Word note with a text box turned 45
                                       # degrees in its page header: drawn level, large and light
                                       ("som26-midterm-draft-textbox.pdf", "DRAFT"),
                                       ("som26-midterm-draft-textbox-vml.pdf", "DRAFT")])
def test_a_watermark_or_stamp_is_set_aside(workdir, name, word, engine):
    result = cli("ingest", MARKED / name, "--store", workdir / "store", "--pdf-engine", engine)
    assert result.exit_code == 0, result.output
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert (doc.symbol, doc.title, doc.meeting_number) == (SEED["meta"]["symbol"], SEED["meta"]["title"], 26)
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text)) for t in tasks.itertuples()] \
        == [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]))
            for w in SEED["tasks"]]
    warnings = list(doc.warnings)
    assert f'watermark: "{word}" drawn over {doc.n_pages} pages; set aside, not read as the note\'s text' in warnings
    assert [w for w in warnings if w.startswith(("unplaced_text", "overlapping_text"))] == []


def seed_rows(root) -> list[tuple]:
    """The stored tasks of the store at `root`, as (part, section, task, progress, next steps)."""
    tasks = read_table(root, "tasks").sort_values("ordinal")
    return [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text)) for t in tasks.itertuples()]


SEED_ROWS = [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]))
             for w in SEED["tasks"]]


@pytest.mark.parametrize("name,set_aside", [("som26-midterm-draft-wordart.docx", []),
                                             ("som26-midterm-draft-wordart.pdf", []),
                                             ("som26-midterm-draft-textbox.docx", ["DRAFT"]),
                                             ("som26-midterm-draft-textbox-vml.docx", ["DRAFT"])])
def test_a_word_notes_watermark_loses_no_word(workdir, name, set_aside):
    """Word's own watermark (a WordArt shape in the page header: its letters an outline, no text
    run; LibreOffice draws them as curves, no letter in its PDF's text layer: nothing to set
    aside) and, in the Word file, a text box turned 45 degrees in the page header holding
    "DRAFT" in large letters (set aside as a watermark, not read into the header block): every
    row and the header as the seed's, no word unplaced."""
    result = cli("ingest", MARKED / name, "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert (doc.symbol, doc.title, doc.meeting_number) == (SEED["meta"]["symbol"], SEED["meta"]["title"], 26)
    assert seed_rows(workdir / "store") == SEED_ROWS
    assert [w for w in doc.warnings if w.startswith(("unplaced_text", "overlapping_text"))] == []
    assert [w for w in doc.warnings if w.startswith("watermark")] == [
        f'watermark: "{word}" in the page header; set aside, not read as the note\'s text' for word in set_aside]
    passages = read_table(workdir / "store", "passages")
    assert list(passages[passages.kind == "watermark"].text) == set_aside


def test_libreoffice_draws_words_wordart_watermark_as_curves():
    """What the WordArt fixture holds: the watermark is on every page of LibreOffice's PDF, as
    filled curves, and not in its text layer (no letter to set aside)."""
    import pdfplumber

    with pdfplumber.open(MARKED / "som26-midterm-draft-wordart.pdf") as pdf:
        assert all(page.curves for page in pdf.pages)
        assert not any("DRAFT" in (page.extract_text() or "") for page in pdf.pages)


# A note's own turned and large text: table header cells set at 45 and 90 degrees (small), a
# large black title and a large light grey heading on a one-page document.
NOTE_TEXT_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 11pt; }
h1 { font-size: 30pt; } h2 { font-size: 26pt; color: #b0b0b0; }
th { height: 90pt; vertical-align: bottom; } th div { width: 20pt; white-space: nowrap; }
.angled { transform: rotate(-45deg); } .upright { transform: rotate(-90deg); }
</style></head><body><h1>Progress Report</h1><h2>Annex on the budget</h2>
<table><tr><th><div class="angled">Lead agency</div></th><th><div class="upright">Deadline date</div></th></tr>
<tr><td>UNEP</td><td>June 2021</td></tr></table></body></html>"""


@pytest.mark.parametrize("producer", HTML_PRINTERS)
def test_a_notes_own_turned_or_large_text_stays(workdir, producer):
    page = workdir / "page.html"
    page.write_text(NOTE_TEXT_PAGE, encoding="utf-8")
    pdf = workdir / "page.pdf"
    HTML_PRODUCERS[producer](page, pdf)
    for engine in ("pdfium", "pdfplumber"):
        with open_pdf(pdf, engine) as doc:
            letters = [c["text"] for c in doc.pages[0].chars if not c["text"].isspace()]
            turned = [c for c in doc.pages[0].chars if c["matrix"][1] and not c["text"].isspace()]
        assert len(turned) == len("Leadagency" "Deadlinedate")  # the header cells are turned
        raw = read_pdf(pdf, ReadOptions(ocr="never", pdf_engine=engine))
        assert [p for p in raw.furniture if p.kind == "watermark"] == []
        assert not any(w.startswith("watermark") for w in raw.warnings)
        assert sorted("".join(raw.source_words)) == sorted("".join(letters))  # every letter read
        assert {"Progress Report", "Annex on the budget"} <= {b.text for b in raw.blocks if isinstance(b, TextBlock)}
