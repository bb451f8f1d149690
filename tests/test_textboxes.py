"""Task tables inside text boxes (tests/fixtures/textboxes/build_textboxes.py): each task table
in an inline text box, each section heading and its table in a floating one, as Word writes
them (a DrawingML shape with a VML fallback in mc:AlternateContent), in the legacy VML form
alone, in a box inside a one-cell frame table, and the first of these saved again by
LibreOffice. Every row reads as the seed note's truth, no word unplaced, the header block whole
(its symbol in a box of its own in one, in a box in the page header in another); a box holding
prose (the note's opening paragraph as a sidebar) is read as text, once."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import EXPECTED, FIXTURES, SAMPLES, cli, read_table

BOXES = FIXTURES / "textboxes"
FILES = ["som26-midterm-textbox.docx", "som26-midterm-textbox-heading.docx", "som26-midterm-textbox-vml.docx",
         "som26-midterm-textbox-in-frame.docx", "som26-midterm-textbox-page-header.docx",
         "som26-midterm-textbox-fits.docx", "som26-midterm-textbox-lo.docx"]
# the opening paragraph in a box; LibreOffice's PDF draws it as a sidebar justified at the right margin
SIDEBAR = ["som26-midterm-textbox.docx", "som26-midterm-textbox-fits.docx", "som26-midterm-textbox-lo.docx",
           "som26-midterm-textbox-fits.pdf"]
SEED = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))
OPENING = "This note has been prepared to support the discussions"


def ws(text) -> str:
    return " ".join((text or "").split())


def progress_items(store, tasks) -> list:
    """Each task's progress items as (status, label, text), in order."""
    items = read_table(store, "progress_items")
    return [[(i.status, i.status_label, ws(i.text)) for i in items[items.task_id == task_id].sort_values("item_no")
             .itertuples()] for task_id in tasks.task_id]


@pytest.mark.parametrize("name", FILES)
def test_a_task_table_in_a_text_box_reads_as_written(workdir, name):
    result = cli("ingest", BOXES / name, "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    want = SEED["tasks"]
    # Word keeps paragraphs: the texts are compared as written, paragraph breaks and all
    got = [(t.part, t.section, t.task_text, t.progress_text, t.next_steps_text, dict(t.extra), t.status)
           for t in tasks.itertuples()]
    assert got == [(w["part"], w["section"], w["task_text"], w["progress_text"], w["next_steps_text"], {}, w["status"])
                   for w in want]
    assert progress_items(workdir / "store", tasks) == [
        [(i["status"], i["status_label"], ws(i["text"])) for i in w["items"]] for w in want]
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert [w for w in doc.warnings if w.startswith("unplaced_text")] == []
    meta = SEED["meta"]  # the header block, its symbol in a box in "textbox-heading" and "-page-header"
    assert (doc.organization, doc.symbol, doc.title, doc.segment, doc.meeting_number, str(doc.meeting_date)[:10]) \
        == (meta["organization"], meta["symbol"], meta["title"], meta["segment"], meta["meeting_number"],
            meta["meeting_date"])


@pytest.mark.parametrize("name", SIDEBAR)
def test_prose_in_a_text_box_is_read_once(workdir, name):
    result = cli("ingest", BOXES / name, "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    passages = [ws(text) for text in read_table(workdir / "store", "passages").text]
    assert [text for text in passages if OPENING in text] == [
        "This note has been prepared to support the discussions of the midterm technical segment of the 26th "
        "Senior Officials Meeting by providing a short progress report on the work of the EMG Issue Management "
        "Groups and Consultative Processes, as well as the next steps of their work in line with the decisions "
        "taken by the 25th Senior Officials' Meeting in September 2019. The referred documents and reports in "
        "this note can be found at the EMG website www.unemg.org."]


@pytest.mark.parametrize("name", FILES)
def test_the_word_accounting_counts_a_box_once(name):
    """The words the accounting holds the note to (`source_words`) are the seed's, each as often:
    a box written twice (DrawingML and its VML fallback) counts once, and no box is left out."""
    from somnotes.extract.word.reader import read_docx

    seed = read_docx(SAMPLES / "som26-midterm.docx").source_words
    assert Counter(read_docx(BOXES / name).source_words) == Counter(seed)


def test_libreoffices_pdf_of_boxed_tables_reads_as_written(workdir):
    """LibreOffice's PDF of the tables that fit on a page boxed (a box does not break across
    pages): 22 rows in their parts and sections, each task's texts as written, no word unplaced.
    A box's margin above its table is an empty row: a boxed table at a page's top whose heading
    ends the page before is a table of its own, not the rest of the table before it."""
    result = cli("ingest", BOXES / "som26-midterm-textbox-fits.pdf", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text), dict(t.extra), t.status)
            for t in tasks.itertuples()] \
        == [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]), {},
             w["status"]) for w in SEED["tasks"]]
    assert progress_items(workdir / "store", tasks) == [
        [(i["status"], i["status_label"], ws(i["text"])) for i in w["items"]] for w in SEED["tasks"]]
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert [w for w in doc.warnings if w.startswith("unplaced_text")] == []
