"""Notes from every producer and layout class read exactly, and no word of any is lost.

The fixtures are listed in tests/fixtures/manifest.json, written by samples/build_samples.py:
the sample notes and the real seed note in other layouts (one table, shading, no rules,
banners), in the layout classes of real archives (vertical merges, a Status column, bullets and
numbered lists, no gap between paragraphs, highlighted text, tracked changes) and printed by
three producers (LibreOffice from Word; Chromium and WeasyPrint from HTML, with the header row
repeated or not, with or without a rule under it, rows cut at the page bottom with no rule).
Each is compared with the rows written by hand in its spec (tests/expected/).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from conftest import EXPECTED, FIXTURES, ROOT, SAMPLES, cli, read_table

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
IDS = [Path(e["file"]).name for e in MANIFEST]
CELL_FIELDS = ("task_text", "progress_text", "next_steps_text")
# What a list marker leaves as a token ("1)", "(a)", "iv."): markers are not text, by contract.
MARKER_TOKEN = re.compile(r"^(\d{1,2}|[a-z]|[ivx]{1,4})$")


def ws(text) -> str:
    return " ".join((text or "").split())


def truth(entry: dict) -> dict:
    return json.loads((EXPECTED / f"{entry['truth']}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict:
    """Every fixture ingested alone by the real CLI, one store each."""
    out = {}
    for entry in MANIFEST:
        store = tmp_path_factory.mktemp("layout") / "store"
        result = cli("ingest", ROOT / entry["file"], "--store", store, "--workers", "1")
        assert result.exit_code == 0, result.output
        out[entry["file"]] = store
    return out


def by_ordinal(store: Path, table: str = "tasks"):
    return read_table(store, table).sort_values("ordinal").reset_index(drop=True)


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_every_row_is_read_exactly(stores, entry):
    store = stores[entry["file"]]
    tasks = by_ordinal(store)
    want = truth(entry)["tasks"]
    assert len(tasks) == len(want)
    exact = entry["file"].endswith(".docx")  # Word keeps paragraphs; a PDF shows them only by spacing
    for got, exp in zip(tasks.to_dict("records"), want):
        for key in ("part", "part_title", "section", "section_title", "status"):
            assert got[key] == exp[key], (exp["ordinal"], key)
        for key in CELL_FIELDS:
            assert ((got[key] or "") if exact else ws(got[key])) == (exp[key] if exact else ws(exp[key])), \
                (exp["ordinal"], key)
        assert {k: ws(v) for k, v in dict(got["extra"] or []).items()} == {k: ws(v) for k, v in exp["extra"].items()}


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_progress_items_and_statuses_are_the_hand_labelled_ones(stores, entry):
    store = stores[entry["file"]]
    tasks = by_ordinal(store)
    items = read_table(store, "progress_items")
    for task_id, exp in zip(tasks.task_id, truth(entry)["tasks"]):
        got = items[items.task_id == task_id].sort_values("item_no")
        assert list(got.status) == [i["status"] for i in exp["items"]], exp["ordinal"]
        assert list(got.status_label.fillna("-")) == [i["status_label"] or "-" for i in exp["items"]], exp["ordinal"]
        assert [ws(t) for t in got.text] == [ws(i["text"]) for i in exp["items"]], exp["ordinal"]


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_no_word_is_unplaced_and_the_header_is_read(stores, entry):
    docs = read_table(stores[entry["file"]], "documents")
    doc = docs.iloc[0]
    assert not [w for w in doc.warnings if w.startswith("unplaced_text")]
    assert doc.unplaced_words == 0
    meta = truth(entry)["meta"]
    assert (doc.symbol, doc.organization, str(doc.meeting_date)) == (meta["symbol"], meta["organization"],
                                                                     meta["meeting_date"])


# ---------------------------------------------------------------- no word lost, checked from outside

def tokens(text: str) -> list[str]:
    """Letter and digit runs, case-folded, ligatures folded (NFKC), soft hyphens dropped."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return [t.casefold() for t in re.findall(r"[^\W_]+", text)]


PDFTOTEXT = shutil.which("pdftotext")
# Poppler's pdftotext reads the text layer with a parser of its own (not the pdfminer the reader
# uses). PDFium (pypdfium2) was tried first: it spells some of Chromium's pages one letter a line.
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None and not os.environ.get("CI"),
                                     reason="poppler-utils (pdftotext) is not installed; .ci/run installs it")


def pdf_words(path: Path) -> list[str]:
    """Every word of a PDF's text layer, as Poppler's pdftotext reads it."""
    out = subprocess.run([PDFTOTEXT or "pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return tokens(out)


ACCEPTED_AWAY = re.compile(r"<w:(del|moveFrom)\b[^>]*?(/>|>.*?</w:\1>)", re.S)


def docx_words(path: Path) -> list[str]:
    """Every word of a Word file's body, headers, footers and notes, tracked changes accepted,
    read from the XML with regular expressions (not python-docx)."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not re.match(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$", name):
                continue
            xml = ACCEPTED_AWAY.sub("", zf.read(name).decode("utf-8"))
            for para in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
                text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para))
                out.extend(tokens(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                                  .replace("&quot;", '"').replace("&apos;", "'")))
    return out


def stored_words(store: Path) -> Counter:
    """Every token the store holds for a note: task cells, extra columns, passages, warnings."""
    tasks = read_table(store, "tasks")
    texts = [t for col in CELL_FIELDS for t in tasks[col].fillna("")]
    texts += [v for extra in tasks.extra for _, v in (extra or [])]
    texts += list(read_table(store, "passages").text)
    texts += [w for ws_ in read_table(store, "documents").warnings for w in ws_]
    return Counter(tok for t in texts for tok in tokens(t))


@needs_pdftotext
@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_every_word_of_the_document_is_in_the_store(stores, entry):
    path = ROOT / entry["file"]
    source = pdf_words(path) if path.suffix == ".pdf" else docx_words(path)
    stored = stored_words(stores[entry["file"]])
    missing = []
    for tok in source:
        if stored[tok] > 0:
            stored[tok] -= 1
        else:
            missing.append(tok)
    # a word the PDF broke at a cell's edge with no hyphen ("improvi" + "ng") is whole in the
    # store; pdftotext joins a hyphen at a line end ("Post-" + "2020" -> "Post2020"), which the
    # store keeps as written
    lost = []
    while missing:
        tok, pair = missing[0], "".join(missing[:2])
        halves = next(((tok[:i], tok[i:]) for i in range(1, len(tok)) if stored[tok[:i]] > 0 and stored[tok[i:]] > 0),
                      None)
        if len(missing) > 1 and stored[pair] > 0:
            stored[pair] -= 1
            missing = missing[2:]
        elif halves:
            stored[halves[0]] -= 1
            stored[halves[1]] -= 1
            missing.pop(0)
        elif MARKER_TOKEN.match(tok):  # list markers are dropped by contract
            missing.pop(0)
        else:
            lost.append(missing.pop(0))
    assert not lost, lost[:20]


def test_words_no_part_of_the_note_holds_are_warned_and_counted(tmp_path):
    """A table after the task tables that is no task table (an annex) has no place: its words
    become unplaced_text warnings, counted in the summary line, and the rows stay right."""
    doc = Document(str(ROOT / "samples" / "som26-midterm.docx"))
    doc.add_paragraph("Annex: acronyms")
    annex = doc.add_table(rows=2, cols=2)
    annex.style = "Table Grid"
    for cell, text in zip([c for r in annex.rows for c in r.cells], ["CBD", "Convention on Biological Diversity",
                                                                        "OEWG", "Open-ended Working Group"]):
        cell.text = text
    path = tmp_path / "with-annex.docx"
    doc.save(str(path))
    result = cli("ingest", path, "--store", tmp_path / "store")
    assert result.exit_code == 0
    assert re.search(r", (\d+) words unplaced,", result.stdout).group(1) == "9"  # "Open-ended" is one
    assert result.stderr == f"somnotes: {path}: 9 words unplaced (in documents.warnings as unplaced_text)\n"
    docs = read_table(tmp_path / "store", "documents")
    unplaced = [w for w in docs.warnings[0] if w.startswith("unplaced_text: ")]
    assert unplaced == ["unplaced_text: CBD Convention on Biological Diversity OEWG Open-ended Working Group"]
    assert docs.unplaced_words[0] == 9
    assert len(read_table(tmp_path / "store", "tasks")) == 22
    passages = read_table(tmp_path / "store", "passages")
    assert "Annex: acronyms" in set(passages[passages.kind == "text"].text)


# ---------------------------------------------------------------- what the classes mean

def tasks_of(stores, name: str):
    entry = next(e for e in MANIFEST if e["file"].endswith(name))
    return by_ordinal(stores[entry["file"]]), stores[entry["file"]]


@pytest.mark.parametrize("name", ["classes/som26-midterm-status.docx", "classes/som26-midterm-status.pdf",
                                  "producers/som26-midterm-status-chromium.pdf"])
def test_a_status_column_gives_the_status_and_progress_stays_progress(stores, name):
    tasks, store = tasks_of(stores, name)
    assert all(dict(e)["Status"] in ("Completed", "Ongoing", "Postponed", "Not started") for e in tasks.extra)
    # the Progress column (no labels), not the one-word Status column
    assert not tasks.progress_text.str.match(r"^(Completed|Ongoing|On-going|Postponed|Not started)\b").any()
    assert tasks.progress_text.str.len().max() > 200
    items = read_table(store, "progress_items")
    words = {"Completed": "completed", "Ongoing": "ongoing", "Postponed": "postponed", "Not started": "not_started"}
    for row in tasks.itertuples():
        assert row.status == words[dict(row.extra)["Status"]]
        assert set(items[items.task_id == row.task_id].status) == {row.status}


@pytest.mark.parametrize("name", ["classes/som26-midterm-bullets.docx", "classes/som26-midterm-bullets.pdf",
                                  "producers/som26-midterm-bullets-weasyprint.pdf"])
def test_list_markers_are_not_text(stores, name):
    tasks, _ = tasks_of(stores, name)
    for col in CELL_FIELDS:
        for text in tasks[col].fillna(""):
            for para in text.split("\n"):
                assert not re.match(r"^(\u2022|\uf0b7|\d{1,2}[.)]\s)", para), para


@pytest.mark.parametrize("name", ["classes/som26-midterm-tight.pdf", "producers/som26-midterm-tight-chromium.pdf"])
def test_a_label_after_an_item_without_a_full_stop_starts_an_item(stores, name):
    """The real seed note: "... reported emissions were offset" then "Completed: The IMG met ...",
    and in these PDFs no gap shows the paragraph break."""
    tasks, store = tasks_of(stores, name)
    row = tasks[tasks.task_text.str.startswith("Invite the IMG to continue")].iloc[0]
    items = read_table(store, "progress_items")
    got = items[items.task_id == row.task_id].sort_values("item_no")
    assert list(got.status_label) == ["Completed"] * 4 + ["On-going"] * 2
    assert got.text.iloc[0].endswith("reported emissions were offset")


def test_a_tracked_draft_reads_as_accepted(stores):
    tasks, store = tasks_of(stores, "drafts/som26-midterm-tracked.docx")
    text = " ".join(tasks.task_text) + " ".join(tasks.next_steps_text.fillna(""))
    assert "Decide to agree and" not in text  # deleted
    assert "Organize a webinar" not in text  # a deleted row
    assert "Check the wording" not in text  # a comment
    assert tasks.task_text[0].startswith("Agree to establish")  # inserted
    passages = read_table(store, "passages")
    assert not passages.text.str.contains("drafted and then deleted").any()


# ---------------------------------------------------------------- the fixtures are what they claim

def verticals_below_last_rule(path: Path) -> bool:
    """Does some page have column rules running on below its lowest horizontal rule (a row cut
    at the page bottom with no rule under it)?"""
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            h = [e["top"] for e in page.edges if e["orientation"] == "h" and e["width"] > 5]
            v = [e["bottom"] for e in page.edges if e["orientation"] == "v"]
            if h and v and max(v) > max(h) + 20:
                return True
    return False


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["producer"] in ("chromium", "weasyprint")],
                         ids=lambda e: Path(e["file"]).name)
def test_html_producers_leave_cut_rows_open_and_libreoffice_closes_them(entry):
    assert verticals_below_last_rule(ROOT / entry["file"])
    assert not verticals_below_last_rule(ROOT / "samples" / "som26-midterm.pdf")


def test_the_class_fixtures_have_what_they_are_named_for():
    vmerge = Document(str(FIXTURES / "classes" / "som26-midterm-vmerge.docx"))
    # three tasks of the seed note have several progress items: one merged Task cell each
    assert sum(t._tbl.xml.count('<w:vMerge w:val="restart"/>') for t in vmerge.tables) >= 3
    with pdfplumber.open(str(FIXTURES / "classes" / "som26-midterm-vmerge.pdf")) as pdf:
        assert any(None in row.cells for p in pdf.pages for t in p.find_tables() for row in t.rows)
    status = Document(str(FIXTURES / "classes" / "som26-midterm-status.docx"))
    assert [c.text for c in status.tables[0].rows[0].cells] == ["Tasks", "Status", "Progress", "Next steps"]
    bullets = Document(str(FIXTURES / "classes" / "som26-midterm-bullets.docx"))
    assert "w:numPr" in bullets.tables[0].rows[1].cells[1]._tc.xml
    with pdfplumber.open(str(FIXTURES / "classes" / "som26-midterm-highlight.pdf")) as pdf:
        assert any(r.get("fill") and r["height"] > 5 for p in pdf.pages for r in p.rects)
    with zipfile.ZipFile(FIXTURES / "drafts" / "som26-midterm-tracked.docx") as zf:
        xml = zf.read("word/document.xml").decode()
        assert all(tag in xml for tag in ("<w:del ", "<w:ins ", "<w:moveFrom ", "<w:moveTo ", "<w:commentRangeStart"))
        assert "word/comments.xml" in zf.namelist()


def test_a_fused_header_really_has_no_rule_under_it():
    with pdfplumber.open(str(FIXTURES / "producers" / "som26-midterm-weasyprint-fused.pdf")) as pdf:
        page = pdf.pages[1]
        header = next(w for w in page.extract_words() if w["text"] == "Tasks")
        rules = [e for e in page.edges if e["orientation"] == "h" and e["width"] > 5
                 and header["bottom"] < e["top"] < header["bottom"] + 12]
        assert rules == []


def test_text_drawn_over_text_is_said(tmp_path):
    """A random run's note printed by Chromium with a continued cell's last line drawn over the
    next row's first ("May." 2.3 pt above "SWFS"): the letters cannot be parted, and the note
    says so on its documents row and on stderr; a note without such lines says nothing."""
    overlapping = FIXTURES / "property-regressions" / "chromium-lines-drawn-over-lines.pdf"
    store = tmp_path / "store"
    result = cli("ingest", overlapping, SAMPLES / "som26-midterm.pdf", "--store", store)
    assert result.exit_code == 0, result.output
    docs = read_table(store, "documents").set_index("source_path")
    warned = {Path(path).name: [w for w in warnings if w.startswith("overlapping_text")]
              for path, warnings in docs.warnings.items()}
    assert warned == {"chromium-lines-drawn-over-lines.pdf": [
        "overlapping_text: text drawn over text on page 2; words there may be garbled"], "som26-midterm.pdf": []}
    assert f"somnotes: {overlapping.resolve()}: text drawn over text on page 2; words there may be garbled" \
        in result.stderr.splitlines()
