"""A note published as Word and as PDF is one note, with or without a symbol (store/series.py:
note_key): ingest counts it once, and every query, the report, the workbook and the linker see
one note. Checked on the action tracker of tests/fixtures/other-bodies/, a note without a
symbol, in Word and in two PDFs (LibreOffice and Chromium), built by
samples/build_other_bodies.py from samples/source/ocean_tracker.py; the expected tasks are that
spec's (tests/expected/ocean-network-tracker.json).
"""
from __future__ import annotations

import json
import shutil
from collections import Counter

import openpyxl
import pyarrow.dataset as ds
import pytest

from conftest import FIXTURES, cli, expected, read_table, table_files

OTHER = FIXTURES / "other-bodies"
TRACKER_FILES = [OTHER / "ocean-network-tracker.docx", OTHER / "ocean-network-tracker.pdf",
                 OTHER / "ocean-network-tracker-chromium.pdf"]
SPEC = expected("ocean-network-tracker")
# What identifies the tracker, from its spec's header (samples/source/ocean_tracker.py): no
# symbol; the title "Action tracker", the twelfth meeting of the Network (14-15 March 2023),
# status as of 30 June 2023.
TRACKER_KEY = "Action tracker | meeting 12 | 2023-03-14 | 2023-06-30"
TRACKER_NAME = "Action tracker, Twelfth meeting of the Network, 2023-06-30"
CLOSED = ("completed", "cancelled")


def cli_json(*args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    """The tracker's three files in one store, ingested by the real CLI; (store, result)."""
    store = tmp_path_factory.mktemp("tracker") / "store"
    result = cli("ingest", *TRACKER_FILES, "--store", store)
    assert result.exit_code == 0, result.output
    return store, result


def test_the_spec_is_a_note_without_a_symbol():
    """Guards the tests below: the tracker has no symbol, so only its header can identify it."""
    assert SPEC["meta"]["symbol"] is None and len(SPEC["tasks"]) == 8


def test_ingest_counts_the_note_once_and_its_files_each(tracker):
    store, result = tracker
    assert result.stdout.startswith(f"3 files, 1 note, {len(SPEC['tasks'])} tasks, 0 errors")
    docs = read_table(store, "documents")
    assert len(docs) == 3 and docs.symbol.isna().all()
    assert set(docs.note_key) == {TRACKER_KEY}


def test_summary_shows_one_row_named_by_what_identifies_the_note(tracker):
    store, _ = tracker
    rows = cli_json("summary", "--store", store)
    assert len(rows) == 1
    want = Counter(t["status"] for t in SPEC["tasks"])
    assert rows[0]["symbol"] == TRACKER_NAME and rows[0]["format"] == "docx"
    assert rows[0]["tasks"] == len(SPEC["tasks"])
    assert {s: rows[0][s] for s in want} == dict(want)


def test_cross_note_queries_do_not_compare_the_copies(tracker):
    """One note has nothing to be carried over to, stalled against or linked with."""
    store, _ = tracker
    for command in ("stalled", "carried-over", "dropped", "overdue", "links"):
        assert cli_json(command, "--store", store) == [], command
    links = cli("links", "--store", store)
    assert links.exit_code == 0 and links.stdout == "Links: (none)\n"


def test_report_counts_the_tasks_once(tracker, tmp_path):
    store, _ = tracker
    out = tmp_path / "report.html"
    assert cli("report", "--out", out, "--store", store).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert f"1 note, {len(SPEC['tasks'])} tasks;" in html
    assert html.count(f'<th title="{TRACKER_NAME}">') == 1  # one timeline column


def test_workbook_names_the_note_in_the_history_sheet(tracker, tmp_path):
    """The history sheet's headers are the notes: a note without a symbol is named, not None."""
    store, _ = tracker
    out = tmp_path / "tracker.xlsx"
    result = cli("export", "--out", out, "--store", store)
    assert result.exit_code == 0, result.output
    history = openpyxl.load_workbook(out)["history"]
    assert [c.value for c in history[1]] == ["task_key", "task_text", TRACKER_NAME]
    assert [r[1] for r in history.iter_rows(min_row=2, values_only=True)] == [t["task_text"] for t in SPEC["tasks"]]


def test_linking_a_word_row_to_its_pdf_copy_is_linking_within_one_note(tracker, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(tracker[0], store, symlinks=True)
    tasks = read_table(store, "tasks").merge(read_table(store, "documents")[["doc_id", "format"]], on="doc_id")
    word = tasks[(tasks.format == "docx") & (tasks.ordinal == 1)].task_id.iloc[0]
    pdf = tasks[(tasks.format == "pdf") & (tasks.ordinal == 2)].task_id.iloc[0]
    result = cli("link", word, pdf, "--store", store)
    assert result.exit_code == 2 and "same note" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (store / "overrides.json").exists()


def test_the_next_tracker_follows_the_tasks_of_this_one(tracker, tmp_path):
    """The draft after the tracker, ingested, is the series' second note: its rows link to the
    tracker's (one note, not three), and `links` names both notes, neither having a symbol."""
    store = tmp_path / "store"
    shutil.copytree(tracker[0], store, symlinks=True)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    result = cli("draft", "--out", drafts / "next.docx", "--store", store)
    assert result.exit_code == 0, result.output
    assert cli("ingest", drafts, "--store", store).exit_code == 0
    open_tasks = [t for t in SPEC["tasks"] if t["status"] not in CLOSED]
    links = cli_json("links", "--store", store)
    assert [r["task_text"] for r in links] == [t["task_text"] for t in open_tasks]
    assert {r["decision"] for r in links} == {"linked"}
    assert {r["prev_symbol"] for r in links} == {TRACKER_NAME}
    table = cli("links", "--store", store)
    assert table.exit_code == 0, table.output
    assert "Action tracker, Twelfth meeting of" in table.stdout and "Action tracker, Thirteenth meeting of" in table.stdout


def test_the_ingest_summary_and_the_queries_agree_on_which_files_are_one_note(tmp_path):
    """The ingest summary counts notes and tasks as the queries do, on notes with a symbol and
    without one (an action tracker in three files, a committee session in Word and PDF); a
    store row written before note_key is its symbol's note, else its file's."""
    from somnotes.store import open_store, queries
    from somnotes.store.series import note_series

    store = tmp_path / "store"
    files = TRACKER_FILES + [OTHER / "iaccw-session7.docx", OTHER / "iaccw-session7.pdf"]
    result = cli("ingest", *files, "--store", store)
    assert result.exit_code == 0
    notes = queries.series_notes(open_store(store))
    assert sorted(notes.note_id) == sorted([TRACKER_KEY, "E/IACCW/2022/4"])
    assert result.stdout.startswith(f"{len(files)} files, {len(notes)} notes, {notes.n_tasks.sum()} tasks, ")
    docs = ds.dataset(table_files(store, "documents"), format="parquet").to_table().to_pylist()
    old = note_series([dict(doc, note_key=None) for doc in docs])
    assert {doc_id: note for doc_id, (_, note) in old.items()} == {d["doc_id"]: d["symbol"] or d["doc_id"] for d in docs}


def test_a_note_without_a_series_joins_the_series_with_most_notes_not_most_files():
    """SERIES_SQL's fallback counts notes: one note published in three files does not outweigh
    two notes of another series."""
    from somnotes.store.series import note_series

    def doc(doc_id, series, note_key):
        return {"doc_id": doc_id, "series": series, "organization": None, "n_tasks": 5,
                "note_key": note_key, "symbol": None}

    docs = [doc("a1", "A", "A/1"), doc("a2", "A", "A/2"),
            doc("b1", "B", "B/1"), doc("b1-pdf", "B", "B/1"), doc("b1-copy", "B", "B/1"),
            doc("loose", None, "loose")]
    assert note_series(docs)["loose"] == ("A", "loose")
