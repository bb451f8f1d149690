"""`somnotes draft`: the next note drafted from the store, checked in the Word file it writes
and read back through the real CLI (ingest of the draft as written and as its LibreOffice PDF).

Expected tasks, places and next steps come from the hand-written specs of the samples
(tests/expected/*.json, written by samples/build_samples.py from samples/source/); the
warnings expected on rows are worked out by hand from those specs, as commented at each.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from conftest import SAMPLES, cli, expected, read_table

LAST = "EMG SOM27/mid-term/02"  # the last note of the samples' series (21 April 2021)
NEW_SYMBOL = "EMG SOM27/02"
NEW_DATE = "2021-09-30"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CLOSED = ("completed", "cancelled")
HEADERS = ("Tasks", "Progress", "Next steps")
# Outside CI a machine without LibreOffice skips the tests that convert; in CI they must run.
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed")


# ---------------------------------------------------------------- helpers

def to_pdf(docx: Path) -> Path:
    """Convert a Word file with LibreOffice, headless, as the Secretariat's PDFs are made."""
    assert SOFFICE, "LibreOffice (soffice) is needed here; .ci/run installs it"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                               "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                              capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode(errors="replace")
    return pdf


def copy_store(src: Path, dest: Path) -> Path:
    """A store of one's own to ingest a draft into (the table folders are symbolic links)."""
    shutil.copytree(src, dest, symlinks=True)
    return dest


def body(path: Path) -> list:
    """The draft's body in order: ("p", text, paragraph) or ("tbl", None, table)."""
    doc = Document(str(path))
    out = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            para = Paragraph(el, doc)
            out.append(("p", para.text, para))
        elif el.tag == qn("w:tbl"):
            out.append(("tbl", None, Table(el, doc)))
    return out


def cell_paragraphs(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def drafted_rows(path: Path) -> list[dict]:
    """Every task row of the draft's tables, with the part and section headings above it."""
    part = section = None
    rows = []
    for kind, text, obj in body(path):
        if kind == "p":
            if text.startswith(("I. ", "II. ", "III. ", "IV. ")):
                part, section = text, None
            elif len(text) > 3 and text[1:3] == ") ":
                section = text
            continue
        header = [c.text for c in obj.rows[0].cells]
        for row in obj.rows[1:]:
            cells = dict(zip(header, row.cells))
            rows.append({"part": part, "section": section,
                         "task": "\n".join(cell_paragraphs(cells["Tasks"])),
                         "progress": cell_paragraphs(cells["Progress"]),
                         "progress_cell": cells["Progress"],
                         "next_steps": cell_paragraphs(cells["Next steps"]),
                         "extra": {h: c.text for h, c in cells.items() if h not in HEADERS}})
    return rows


def spec_tasks(note: str, open_only: bool = True) -> list[dict]:
    tasks = expected(note)["tasks"]
    return [t for t in tasks if (t["status"] not in CLOSED) == open_only]


def row_of(rows: list[dict], start: str) -> dict:
    found = [r for r in rows if r["task"].startswith(start)]
    assert len(found) == 1, f"{start!r}: {len(found)} rows"
    return found[0]


def draft_tables(store: Path, docs) -> dict:
    """The tasks table rows of each ingested draft file, by format, in reading order."""
    tasks = read_table(store, "tasks")
    return {fmt: tasks[tasks.doc_id == doc_id].sort_values("ordinal")
            for doc_id, fmt in zip(docs.doc_id, docs.format)}


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def series_store(tmp_path_factory) -> Path:
    """The three sample notes of one series, Word and PDF, ingested by the real CLI."""
    store = tmp_path_factory.mktemp("series") / "store"
    result = cli("ingest", SAMPLES, "--store", store)
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def draft(series_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "NEXT.docx"
    result = cli("draft", "--out", out, "--symbol", NEW_SYMBOL, "--date", NEW_DATE, "--store", series_store)
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------- what the draft holds

def test_header_block_names_organization_meeting_date_symbol_and_title(draft):
    lines = [text for kind, text, _ in body(draft)[:12] if kind == "p" and text.strip()]
    assert lines[:2] == ["UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP"]
    # EMG SOM27/02: the annual 27th meeting, after the mid-term segment of the 27th, named as the
    # series named its last annual meeting (samples/source/som26_annual.py: "Twenty-sixth ...")
    assert "Twenty-seventh Meeting of the Senior Officials of the Environment Management Group" in lines
    assert "30 September 2021" in lines
    assert NEW_SYMBOL in lines
    assert lines[lines.index("Note by the Secretariat") - 1] == "Progress Report"
    assert not any("to be confirmed" in line and "2021" in line for line in lines)  # the date was given


def test_every_open_task_of_the_last_note_in_its_part_section_and_order(draft):
    rows = drafted_rows(draft)
    want = [(f"{t['part']}. {t['part_title']}", f"{t['section']}) {t['section_title']}", t["task_text"])
            for t in spec_tasks("som27-midterm")]
    assert [(r["part"], r["section"], r["task"]) for r in rows] == want
    # the extra column of that note (Lead agency) is carried with each task
    leads = [t["extra"]["Lead agency"] for t in spec_tasks("som27-midterm")]
    assert [r["extra"].get("Lead agency") for r in rows] == leads


def test_completed_and_cancelled_tasks_are_listed_after_the_tables_not_in_them(draft):
    blocks = body(draft)
    last_table = max(i for i, (kind, _, _) in enumerate(blocks) if kind == "tbl")
    after = "\n".join(text for kind, text, _ in blocks[last_table + 1:] if kind == "p")
    in_tables = {r["task"] for r in drafted_rows(draft)}
    closed = spec_tasks("som27-midterm", open_only=False)
    assert len(closed) == 5  # four completed, one cancelled (samples/source/som27_midterm.py)
    for task in closed:
        assert task["task_text"] not in in_tables
        assert f"{task['status'].capitalize()} (part {task['part']}, section {task['section']})" in after
        assert " ".join(task["task_text"].split("\n")) in after
    assert f"5 tasks completed or cancelled at {LAST}" in after


def test_progress_cells_carry_the_previous_next_steps_marked_as_planned(draft):
    rows = drafted_rows(draft)
    for task in spec_tasks("som27-midterm"):
        progress = "\n".join(row_of(rows, task["task_text"][:60])["progress"])
        if task["next_steps_text"]:
            assert f"Planned at {LAST} (April 2021), where " in progress
            assert task["next_steps_text"] in progress
        else:
            assert f"Nothing was planned at {LAST} (April 2021)" in progress
    launch = row_of(rows, "Finalize and launch the Outcome Report")
    assert launch["progress"][-1] == (f"Planned at {LAST} (April 2021), where the task was ongoing: Launch the "
                                      "report at a side event of the OEWG in the second quarter of 2021.")
    assert all(r["next_steps"] == [] for r in rows)  # the author writes the new next steps


def test_rows_to_update_are_shaded_and_the_planned_text_is_marked(draft):
    for row in drafted_rows(draft):
        shd = row["progress_cell"]._tc.tcPr.find(qn("w:shd"))
        assert shd is not None and shd.get(qn("w:fill")) not in (None, "auto", "FFFFFF")
        planned = [p for p in row["progress_cell"].paragraphs if p.text.startswith(("Planned at", "Nothing was"))]
        assert planned and all(r.italic and r.font.color.rgb is not None for r in planned[0].runs)


def test_overdue_and_unchanged_tasks_say_so_in_their_row(draft):
    rows = drafted_rows(draft)
    ewaste = row_of(rows, "Extend the mandate of the EMG to support the E-waste")
    # SOM26/02 set "by the end of 2020"; still open at SOM27/mid-term/02 (April 2021)
    passed = f"\u26a0 Overdue: \u201cby the end of 2020\u201d, set at EMG SOM26/02, had passed by {LAST}."
    assert passed in ewaste["progress"]
    # SOM27/mid-term/02 set "by mid-2021"; the draft's meeting is on 30 September 2021
    assert f"\u26a0 Overdue by this meeting: \u201cby mid-2021\u201d, set at {LAST}." in ewaste["progress"]
    # postponed at all three meetings (samples/source: som26_midterm, som26_annual, som27_midterm)
    contributions = row_of(rows, "Present its contributions")
    assert "\u26a0 No change since EMG SOM26/mid-term/03: postponed in its last 3 notes." in contributions["progress"]
    # new at SOM26/02, not started at SOM27/mid-term/02, no deadline: nothing to flag
    safeguards = row_of(rows, "Develop guidance on environmental and social safeguards")
    assert not any("\u26a0" in p for p in safeguards["progress"])
    # the warnings are red and come first in the cell, where the author sees them at once
    first = ewaste["progress_cell"].paragraphs[0]
    assert first.text.startswith("\u26a0") and all(r.font.color.rgb == (0xC0, 0, 0) for r in first.runs)


def test_a_deadline_after_the_new_meeting_is_not_overdue(series_store, tmp_path):
    out = tmp_path / "june.docx"
    assert cli("draft", "--out", out, "--date", "2021-06-01", "--store", series_store).exit_code == 0
    ewaste = row_of(drafted_rows(out), "Extend the mandate of the EMG to support the E-waste")
    warnings = [p for p in ewaste["progress"] if p.startswith("\u26a0")]
    assert not any("by mid-2021" in w for w in warnings)  # 30 June 2021 is after 1 June
    assert any("by the end of 2020" in w for w in warnings)


def test_after_names_an_earlier_note(series_store, tmp_path):
    out = tmp_path / "after-som26.docx"
    result = cli("draft", "--out", out, "--after", "EMG SOM26/02", "--store", series_store)
    assert result.exit_code == 0, result.output
    assert [r["task"] for r in drafted_rows(out)] == [t["task_text"] for t in spec_tasks("som26-annual")]
    # no --date: six months after 24 September 2020, said on the command line and in the file
    assert "dated 24 March 2021" in result.output
    assert "24 March 2021 (date to be confirmed)" in [text for kind, text, _ in body(out) if kind == "p"]


# ---------------------------------------------------------------- Word and LibreOffice

# Children of w:tcPr in the order the schema requires (ECMA-376 Part 1, 17.4.70 CT_TcPr), and
# the w:trPr children that must come last (17.4.82: ins, del, trPrChange).
TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
              "cellMerge", "tcPrChange"]
TRPR_LAST = ["ins", "del", "trPrChange"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_header_row_repeats_and_cells_are_in_schema_order(draft):
    root = etree.fromstring(zipfile.ZipFile(draft).read("word/document.xml"))
    tables = root.iter(f"{W}tbl")
    for tbl in tables:
        first = tbl.find(f"{W}tr")
        header = first.find(f"{W}trPr/{W}tblHeader")
        assert header is not None and header.get(f"{W}val") in (None, "1", "true", "on")
    for tcpr in root.iter(f"{W}tcPr"):
        names = [etree.QName(c).localname for c in tcpr]
        assert names == sorted(names, key=TCPR_ORDER.index), names
    for trpr in root.iter(f"{W}trPr"):
        names = [etree.QName(c).localname for c in trpr]
        tail = [n for n in names if n in TRPR_LAST]
        assert names[len(names) - len(tail):] == tail, names
    for tc in root.iter(f"{W}tc"):  # Word requires every cell to end with a paragraph
        assert etree.QName(tc[-1]).localname == "p"


def test_draft_is_valid_ooxml(draft):
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(draft))
    assert [str(e) for e in result.errors] == []


@needs_soffice
def test_round_trip_word_and_pdf_give_the_same_tasks_keys_and_places(series_store, draft, tmp_path):
    store = copy_store(series_store, tmp_path / "store")
    folder = tmp_path / "drafts"
    folder.mkdir()
    docx = Path(shutil.copy(draft, folder / draft.name))
    pdf = to_pdf(docx)  # LibreOffice opens the draft headless and prints it: no repair, no prompt
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) > 1
        continued = [p for p in doc.pages[1:] if (p.extract_text() or "").lstrip().startswith("Tasks Progress")]
        assert continued, "the header row is repeated at the top of a page the table continues on"
    result = cli("ingest", folder, "--store", store)
    assert result.exit_code == 0, result.output

    docs = read_table(store, "documents")
    tasks = read_table(store, "tasks")
    drafts = docs[docs.source_path.str.startswith(str(folder))]
    assert sorted(drafts.format) == ["docx", "pdf"]
    assert set(drafts.symbol) == {NEW_SYMBOL}
    assert set(drafts.organization) == {"Environment Management Group"}
    assert {str(d)[:10] for d in drafts.meeting_date} == {NEW_DATE}
    last_doc = docs[(docs.symbol == LAST) & (docs.format == "docx")].doc_id.iloc[0]
    last = tasks[tasks.doc_id == last_doc].sort_values("ordinal")
    last = last[~last.status.isin(CLOSED)]
    want_places = [(t["part"], t["section"], t["section_title"]) for t in spec_tasks("som27-midterm")]
    for fmt, rows in draft_tables(store, drafts).items():
        assert list(rows.task_key) == list(last.task_key), fmt
        assert list(zip(rows.part, rows.section, rows.section_title)) == want_places, fmt
        assert list(rows.task_text) == list(last.task_text), fmt
        assert set(rows.status) == {"unknown"}, fmt  # every item unknown: unknown, and open (the author sets each)
    items = read_table(store, "progress_items")
    drafted = items[items.doc_id.isin(drafts.doc_id)]
    assert set(drafted.status) == {"unknown"} and drafted.status_label.isna().all()


def test_round_trip_with_placeholder_symbol_and_date(series_store, tmp_path):
    store = copy_store(series_store, tmp_path / "store")
    out = tmp_path / "drafts" / "NEXT.docx"
    out.parent.mkdir()
    result = cli("draft", "--out", out, "--store", store)
    assert result.exit_code == 0, result.output
    assert "no --date: dated 21 October 2021" in result.output  # 21 April 2021 + 6 months
    assert f"no --symbol: the symbol reads 'DRAFT after {LAST}'" in result.output
    assert cli("ingest", out.parent, "--store", store).exit_code == 0
    docs = read_table(store, "documents")
    tasks = read_table(store, "tasks")
    mine = docs[docs.source_path == str(out)].iloc[0]
    assert mine.symbol == f"DRAFT after {LAST}" and str(mine.meeting_date)[:10] == "2021-10-21"
    last_doc = docs[(docs.symbol == LAST) & (docs.format == "docx")].doc_id.iloc[0]
    last = tasks[(tasks.doc_id == last_doc) & ~tasks.status.isin(CLOSED)].sort_values("ordinal")
    assert list(tasks[tasks.doc_id == mine.doc_id].sort_values("ordinal").task_key) == list(last.task_key)


# ---------------------------------------------------------------- next steps that look like statuses

def tricky_note():
    """A note whose next steps open with status words, in every way the reader takes a label:
    a colon, a full stop, the end of the paragraph, a capital after it, after a list number,
    after "Status:". The draft moves them into Progress; none may become a status there."""
    from samples.source.spec import OL, Item, Layout, Note, Part, Row, Section

    rows = [
        Row(task=["Prepare the outline of the assessment of UN system support to the ocean decade."],
            progress=[Item("ongoing", ["Two chapters were drafted."], "Ongoing:")],
            next_steps=["Completed: the outline; the full draft follows in March 2024."]),
        Row(task=["Convene the task team on sustainable procurement of medical supplies."],
            progress=[Item("not_started", [], "Not yet started.")],
            next_steps=["Ongoing.", "Postponed Until the budget is agreed."]),
        Row(task=["Update the inventory of greenhouse gas emissions of the UN system for 2022."],
            progress=[Item("ongoing", ["Data from 41 entities were received."], "In progress:")],
            next_steps=[OL("Done. Entities still to report will be reminded."), OL("Not yet started: the survey.")]),
        Row(task=["Organize a joint learning session on environmental and social safeguards."],
            progress=[Item("postponed", ["The session moved to the first quarter of 2024."], "Postponed:")],
            next_steps=["Cancelled", "Status: on hold until a host is found."]),
    ]
    return Note(
        name="draft-tricky", provenance="written for testing the draft", layout=Layout(repeat_header=True),
        meta=dict(organization="Environment Management Group", symbol="EMG SOM30/02", title="Progress Report",
                  segment="annual", meeting_number=30, meeting_date="2023-09-20"),
        header_lines=[("UNITED NATIONS", "org"), ("ENVIRONMENT MANAGEMENT GROUP", "org"),
                      ("Thirtieth Meeting of the Senior Officials of the Environment Management Group", "meeting"),
                      ("20 September 2023", "plain"), ("EMG SOM30/02", "symbol"),
                      ("Progress Report", "title"), ("Note by the Secretariat", "byline")],
        intro=["This note reports on the progress made since the mid-term segment."],
        parts=[Part("I", "Tasks whose next steps read like statuses", [
            Section("a)", "Labels opening the next steps", rows[:2]),
            Section("b)", "Labels after list numbers and prefixes", rows[2:])])])


@pytest.mark.parametrize("fmt", ["docx", pytest.param("pdf", marks=needs_soffice)])
def test_previous_next_steps_never_read_as_a_status(tmp_path, fmt):
    from samples.build_samples import render_docx

    notes = tmp_path / "notes"
    notes.mkdir()
    render_docx(tricky_note(), notes / "som30.docx")
    store = tmp_path / "store"
    assert cli("ingest", notes, "--store", store).exit_code == 0
    labels = read_table(store, "progress_items").status_label.dropna()
    assert len(labels) == 4  # the note's own labels are read: the fixture is what it claims
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    out = drafts / "next.docx"
    assert cli("draft", "--out", out, "--store", store).exit_code == 0
    path = out if fmt == "docx" else to_pdf(out)
    if fmt == "pdf":
        out.unlink()
    assert cli("ingest", drafts, "--store", store).exit_code == 0
    docs = read_table(store, "documents")
    mine = docs[docs.source_path == str(path)].doc_id.iloc[0]
    tasks = read_table(store, "tasks")
    assert len(tasks[tasks.doc_id == mine]) == 4
    items = read_table(store, "progress_items")
    items = items[items.doc_id == mine]
    assert set(items.status) == {"unknown"} and items.status_label.isna().all(), items[["status", "status_label"]]
    progress = "\n".join(tasks[tasks.doc_id == mine].progress_text)
    # moved whole (list numbers are not text, so "1) Done." was stored as "Done."), behind a
    # mark that keeps it from opening a paragraph
    for words in ("Completed: the outline", "\u203a Ongoing.", "\u203a Postponed Until", "\u203a Done.",
                  "\u203a Not yet started: the survey.", "\u203a Cancelled", "\u203a Status: on hold"):
        assert words in progress


# ---------------------------------------------------------------- command line

def test_unknown_after_symbol_is_exit_1_with_one_line(series_store, tmp_path):
    result = cli("draft", "--out", tmp_path / "x.docx", "--after", "EMG SOM99/01", "--store", series_store)
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "EMG SOM99/01" in result.output
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("args, words", [
    (["--out", "{tmp}/missing/x.docx"], "the folder {tmp}/missing does not exist"),
    (["--out", "{tmp}/x.pdf"], "must be a file ending in .docx"),
    (["--out", "{tmp}/x.docx", "--date", "30/09/2021"], "YYYY-MM-DD"),
    (["--out", "{tmp}/x.docx", "--date", "2021-04-21"], "is not after"),
    (["--out", "{tmp}/x.docx", "--symbol", "EMG SOM26/02"], "already in the store"),
])
def test_usage_errors_are_exit_2_with_one_line(series_store, tmp_path, args, words):
    result = cli("draft", *[a.format(tmp=tmp_path) for a in args], "--store", series_store)
    assert result.exit_code == 2
    assert words.format(tmp=tmp_path) in result.output and result.output.strip().count("\n") == 0
    assert not list(tmp_path.glob("*.docx"))


# ---------------------------------------------------------------- notes of other bodies

OTHER = Path(__file__).resolve().parent / "fixtures" / "other-bodies"
COMMITTEE = "Inter-Agency Committee on Chemicals and Waste"  # samples/source/iaccw.py


@pytest.fixture(scope="module")
def two_series_store(tmp_path_factory) -> Path:
    """The EMG samples (last met 21 April 2021) and a committee's notes of its seventh and
    eighth sessions (3 May 2022, 8 May 2023: samples/source/iaccw.py), Word files."""
    store = tmp_path_factory.mktemp("two-series") / "store"
    files = sorted(SAMPLES.glob("*.docx")) + [OTHER / "iaccw-session7.docx", OTHER / "iaccw-session8.docx"]
    result = cli("ingest", *files, "--store", store)
    assert result.exit_code == 0, result.output
    return store


def header_lines(path: Path) -> list[str]:
    return [text for kind, text, _ in body(path)[:10] if kind == "p" and text.strip()]


def test_a_committees_draft_follows_its_own_wording_and_interval(two_series_store, tmp_path):
    out = tmp_path / "next-session.docx"
    result = cli("draft", "--out", out, "--store", two_series_store)
    assert result.exit_code == 0, result.output
    # the latest note of the store is the committee's (8 May 2023): its series, said so
    assert "from E/IACCW/2023/3 (8 May 2023)" in result.output
    assert f"the store holds 2 series: drafted for {COMMITTEE}" in result.output
    # its sessions are a year apart (370 days): the next one a year after the last
    assert "no --date: dated 8 May 2024, 12 months after the last note, the series' usual interval" in result.output
    lines = header_lines(out)
    assert lines[1] == COMMITTEE.upper()
    assert "Ninth session" in lines  # "Eighth session", the number advanced as it is written
    assert "Implementation of the decisions of the Committee" in lines  # its notes' title
    assert not [line for line in lines if "Senior Officials" in line or "Progress Report" in line]


def test_series_chooses_the_series_to_draft_for(two_series_store, tmp_path):
    out = tmp_path / "next-emg.docx"
    result = cli("draft", "--out", out, "--series", "environment management group", "--store", two_series_store)
    assert result.exit_code == 0, result.output
    assert f"from {LAST} (21 April 2021)" in result.output and "series:" not in result.output
    # 29 April 2020, 24 September 2020, 21 April 2021: gaps of 5 and 7 months, 6 in the middle
    assert "dated 21 October 2021, 6 months after the last note, the series' usual interval" in result.output
    assert "Twenty-seventh Meeting of the Senior Officials of the Environment Management Group" in header_lines(out)


@pytest.mark.parametrize("args, line", [
    (["--series", "No Such Body"],
     f"no series 'No Such Body' in the store; its series: Environment Management Group; {COMMITTEE}"),
    (["--series", COMMITTEE, "--after", LAST],
     f"no note with the symbol {LAST!r} of the series {COMMITTEE!r} in the store (see `somnotes summary`)"),
])
def test_a_series_or_note_that_is_not_there_is_exit_1(two_series_store, tmp_path, args, line):
    result = cli("draft", "--out", tmp_path / "x.docx", *args, "--store", two_series_store)
    assert result.exit_code == 1 and result.stderr == f"somnotes: {line}\n"
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("line, old, new, want", [
    ("Eighth session", 8, 9, "Ninth session"),
    ("159th meeting", 159, 160, "160th meeting"),
    ("Twenty-sixth Meeting of the Senior Officials", 26, 27, "Twenty-seventh Meeting of the Senior Officials"),
    ("Mid-Term Technical Segment of the 26th Senior Officials Meeting", 26, 27,
     "Mid-Term Technical Segment of the 27th Senior Officials Meeting"),
    ("TWELFTH MEETING OF THE NETWORK", 12, 13, "THIRTEENTH MEETING OF THE NETWORK"),
    ("Meeting 19 of the Board, Geneva 2019", 19, 20, "Meeting 20 of the Board, Geneva 2019"),
    ("Annual meeting of the Board", 4, 5, None),  # the line does not name its number: a placeholder
])
def test_a_meeting_line_is_renumbered_as_it_is_written(line, old, new, want):
    from somnotes.publish.draft import renumber

    assert renumber(line, old, new) == want


def test_no_store_is_exit_2(tmp_path):
    result = cli("draft", "--out", tmp_path / "x.docx", "--store", tmp_path / "nothing")
    assert result.exit_code == 2 and "no store" in result.output


def test_python_api_is_the_same_as_the_command(series_store, tmp_path):
    from somnotes.publish.draft import write_draft
    from somnotes.store import open_store

    summary = write_draft(open_store(series_store), tmp_path / "api.docx", symbol=NEW_SYMBOL,
                          date=dt.date.fromisoformat(NEW_DATE))
    assert (summary.n_open, summary.n_closed) == (len(spec_tasks("som27-midterm")), 5)
    want = [t["task_text"] for t in spec_tasks("som27-midterm")]
    assert [r["task"] for r in drafted_rows(tmp_path / "api.docx")] == want
