"""Defects found by reading the code (issue 26), each shown through the real CLI on real notes:
a touched file, a note revised in place, --prune, words taught with --column on threaded Dask
workers, OCR's extra time on Dask, scans with a stamped text layer, unlink of a note without a
symbol, and the workbook's tables."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLES, cli, copy_sample, read_table

MIDTERM = "som26-midterm.docx"
REVISED_SENTENCE = "A revised sentence written after the note was first published."


def ingest(path: Path, store: Path, *more: str):
    """`somnotes ingest PATH --store STORE --workers 1 MORE...`, asserted to succeed."""
    result = cli("ingest", path, "--store", store, "--workers", "1", *more)
    assert result.exit_code == 0, result.output
    return result


def revise(path: Path) -> None:
    """Write a revised version of the Word note at `path` in place: its first task
    cell gains a sentence (python-docx, the way a secretariat edits a note)."""
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows[1:]:
            if row.cells[0].text.strip():
                row.cells[0].paragraphs[0].add_run(" " + REVISED_SENTENCE)
                document.save(str(path))
                return
    raise AssertionError("no task row to revise")


def test_a_touched_file_is_recorded_once_and_not_read_again(tmp_path):
    """Bytes unchanged, mtime new (touch, rsync without -t, a git checkout): the next ingest
    records the new mtime; the one after it skips the file unopened."""
    note = copy_sample(MIDTERM, tmp_path / "notes")
    store = tmp_path / "store"
    ingest(note, store)
    counts = {table: len(read_table(store, table)) for table in ("tasks", "progress_items", "dates", "passages")}
    assert counts["tasks"] > 0
    later = note.stat().st_mtime_ns + 10**9
    os.utime(note, ns=(later, later))
    recorded = ingest(note, store)  # hashed, the same bytes: recorded, not parsed
    assert "1 unchanged" in recorded.stdout, recorded.stdout
    again = ingest(note, store)
    assert "1 unchanged" in again.stdout, again.stdout
    docs = read_table(store, "documents")
    assert list(docs.file_mtime_ns) == [later]
    # the new mtime is all that changed: every row of the note is still stored, and found
    assert {table: len(read_table(store, table)) for table in counts} == counts
    found = cli("history", "--search", "Biodiversity", "--store", store, "--format", "json")
    assert found.exit_code == 0 and json.loads(found.stdout), found.output


def test_a_note_revised_in_place_replaces_its_earlier_version(tmp_path):
    """New bytes at the same path: one documents row for the path, the earlier version's rows
    gone from every table, and the queries find the revised words."""
    note = copy_sample(MIDTERM, tmp_path / "notes")
    store = tmp_path / "store"
    ingest(note, store)
    first = read_table(store, "documents")
    revise(note)
    ingest(note, store)
    docs = read_table(store, "documents")
    assert len(docs) == 1 and docs.doc_id[0] != first.doc_id[0]
    for table in ("tasks", "progress_items", "dates", "passages"):
        assert set(read_table(store, table).doc_id) == {docs.doc_id[0]}, table
    assert len(read_table(store, "tasks")) == docs.n_tasks[0] == first.n_tasks[0]
    found = cli("history", "--search", "revised sentence written after", "--store", store, "--format", "json")
    assert found.exit_code == 0 and REVISED_SENTENCE in found.stdout, found.output


def test_a_file_replaced_by_another_note_keeps_only_that_note(tmp_path):
    note = copy_sample(MIDTERM, tmp_path / "notes")
    store = tmp_path / "store"
    ingest(note, store)
    shutil.copy(SAMPLES / "som27-midterm.docx", note)
    ingest(note, store)
    docs = read_table(store, "documents")
    assert list(docs.doc_id) == [hashlib.sha256(note.read_bytes()).hexdigest()]
    assert set(read_table(store, "tasks").doc_id) == set(docs.doc_id)


def test_a_vanished_file_stays_until_ingest_prune(tmp_path):
    """A note whose file left a re-ingested folder stays in the store; `ingest --prune` removes
    it (every table), and leaves the notes whose files are there."""
    folder = tmp_path / "notes"
    kept = copy_sample(MIDTERM, folder)
    gone = copy_sample("som27-midterm.docx", folder)
    store = tmp_path / "store"
    ingest(folder, store)
    gone.unlink()
    ingest(folder, store)
    assert len(read_table(store, "documents")) == 2
    pruned = ingest(folder, store, "--prune")
    docs = read_table(store, "documents")
    assert list(docs.source_path) == [str(kept.resolve())]
    for table in ("tasks", "progress_items", "dates", "passages"):
        assert set(read_table(store, table).doc_id) == set(docs.doc_id), table
    assert "1 pruned" in pruned.stdout, pruned.stdout


def test_prune_removes_the_error_rows_of_files_gone_too(tmp_path):
    """A file that could not be ingested and is then deleted: `--prune` takes its errors row
    with it, as it takes a note's rows."""
    folder = tmp_path / "notes"
    copy_sample(MIDTERM, folder)
    locked = folder / "locked.pdf"
    shutil.copy(FIXTURES / "hostile" / "password-protected.pdf", locked)
    store = tmp_path / "store"
    first = cli("ingest", folder, "--store", store, "--workers", "1")
    assert first.exit_code == 1 and list(read_table(store, "errors").error) == ["encrypted_pdf"], first.output
    locked.unlink()
    pruned = ingest(folder, store, "--prune")
    assert len(read_table(store, "errors")) == 0
    assert len(read_table(store, "documents")) == 1
    assert "1 pruned" in pruned.stdout, pruned.stdout


def test_prune_leaves_notes_outside_the_folders_ingested(tmp_path):
    """--prune looks only under the folders named: a note ingested from elsewhere stays."""
    elsewhere = copy_sample("som27-midterm.docx", tmp_path / "other")
    folder = tmp_path / "notes"
    copy_sample(MIDTERM, folder)
    store = tmp_path / "store"
    ingest(elsewhere, store)
    ingest(folder, store)
    elsewhere.unlink()
    ingest(folder, store, "--prune")
    assert len(read_table(store, "documents")) == 2


def json_rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)



TAUGHT = FIXTURES / "other-bodies" / "ocean-network-tracker-taught.docx"
TEACHING = ["--column", "Commitment=task", "--column", "Where we are=progress", "--column", "Who=lead",
            "--column", "When=deadline"]
LOW_RES_SCAN = FIXTURES / "hostile" / "scanned.pdf"  # 2 pages of the seed note at 60 dpi, no text layer
LOCKED = FIXTURES / "hostile" / "password-protected.pdf"  # refused as soon as it is opened
MEMO = FIXTURES / "not-notes" / "memo.docx"  # a Word file that is not a note, read in a blink
TRACKER_COPIES = 1000  # the taught tracker's rows this many times over: seconds to read, not a blink


@pytest.fixture
def threaded_cluster():
    """A Dask cluster of one worker process running two files at once, in two threads."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, protocol="tcp://",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address.replace("tcp://", "dask://")


def long_tracker(path: Path, copies: int) -> Path:
    """Write the taught tracker with its task rows repeated `copies` times (python-docx): a
    note long enough to be still in reading while a short file beside it ends."""
    import docx

    document = docx.Document(str(TAUGHT))
    table = document.tables[-1]
    body = [row._tr for row in table.rows[1:]]
    for _ in range(copies):
        for tr in body:
            table._tbl.append(copy.deepcopy(tr))
    document.save(str(path))
    return path


def test_words_taught_hold_for_every_file_on_a_threaded_dask_worker(tmp_path, threaded_cluster):
    """Two files read at once in one Dask worker each keep the wordings taught with --column:
    a short file that ends (a memo, submitted first) must not take them from the long note
    still being read beside it in the worker's other thread."""
    store = tmp_path / "store"
    # a first run on the cluster, one file: the worker has its readers loaded before the two
    warm = cli("ingest", copy_sample(MIDTERM, tmp_path / "first"), "--store", store, "--executor", threaded_cluster,
               *TEACHING)
    assert warm.exit_code == 0, warm.output
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(MEMO, folder / "a-memo.docx")  # files are submitted in name order: the memo first
    tracker = long_tracker(folder / "b-tracker.docx", TRACKER_COPIES)
    local = tmp_path / "local"
    ingest(tracker, local, *TEACHING)
    want = int(read_table(local, "documents").n_tasks[0])
    assert want > 0
    result = cli("ingest", folder, "--store", store, "--executor", threaded_cluster, *TEACHING)
    assert result.exit_code == 0, result.output
    docs = read_table(store, "documents").set_index("source_path")
    assert docs.n_tasks[str(tracker.resolve())] == want


def test_two_files_read_at_once_on_a_fresh_threaded_dask_worker(tmp_path, threaded_cluster):
    """A fresh worker's two threads each load the readers on their first file: spaCy imported
    by both at once must not turn both files into internal errors ("partially initialized
    module"), found while writing the test above."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(LOCKED, folder / "a-locked.pdf")
    copy_sample(MIDTERM, folder)
    store = tmp_path / "store"
    result = cli("ingest", folder, "--store", store, "--executor", threaded_cluster)
    assert "internal error" not in result.stderr, result.stderr
    assert list(read_table(store, "errors").error) == ["encrypted_pdf"]
    assert read_table(store, "documents").n_tasks.tolist() == [22]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_ocr_extra_time_holds_on_a_threaded_dask_worker(tmp_path, threaded_cluster):
    """A scan whose OCR takes longer than --file-timeout is read locally (each OCR'd page adds
    OCR_PAGE_SECONDS to the limit); it must be read on a Dask worker's thread too."""
    scan = shutil.copy(LOW_RES_SCAN, tmp_path / "scan.pdf")
    store = tmp_path / "store"
    result = cli("ingest", scan, "--store", store, "--executor", threaded_cluster, "--file-timeout", "2")
    assert result.exit_code == 0, result.output
    assert "took longer" not in result.output
    assert read_table(store, "documents").n_tasks[0] > 0


def without_symbol(path: Path, date: str | None = None, meeting: str | None = None) -> Path:
    """Rewrite the Word note at `path` without its symbol line (python-docx), its meeting date
    and meeting ordinal changed when given: a later note of the series that carries no symbol."""
    import docx

    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("EMG SOM"):
            paragraph._p.getparent().remove(paragraph._p)
        elif date and paragraph.text == "29 April 2020":
            paragraph.runs[0].text, *rest = [date] + ["" for _ in paragraph.runs[1:]]
            for run, text in zip(paragraph.runs[1:], rest, strict=True):
                run.text = text
        elif meeting and "26th Senior Officials" in paragraph.text:
            for run in paragraph.runs:
                run.text = run.text.replace("26th", meeting)
    document.save(str(path))
    return path


def test_unlink_in_a_note_without_a_symbol_splits_the_history(tmp_path):
    """Two notes without a symbol, the second repeating the first's tasks: unlinking a row of
    the second gives it a task of its own, not the key of the first note's task again."""
    folder = tmp_path / "notes"
    without_symbol(copy_sample(MIDTERM, folder / "a"))
    without_symbol(copy_sample(MIDTERM, folder / "b"), date="29 October 2020", meeting="27th")
    store = tmp_path / "store"
    ingest(folder, store)
    docs = read_table(store, "documents")
    assert docs.symbol.isna().all() and docs.note_key.nunique() == 2
    tasks = read_table(store, "tasks")
    first = tasks[tasks.ordinal == 1].merge(docs[["doc_id", "meeting_date"]]).sort_values("meeting_date")
    assert first.task_key.nunique() == 1  # the same task in both notes, linked
    later = first.task_id.iloc[1]
    result = cli("unlink", later, "--store", store)
    assert result.exit_code == 0, result.output
    tasks = read_table(store, "tasks").set_index("task_id")
    assert tasks.task_key[later] != tasks.task_key[first.task_id.iloc[0]]
    history = json_rows(cli("history", tasks.task_key[first.task_id.iloc[0]], "--store", store, "--format", "json"))
    assert len(history) == 1
    listed = json_rows(cli("corrections", "--store", store, "--format", "json"))
    assert [c["in_force"] for c in listed] == [True]


def test_the_workbook_holds_passages_and_errors_too(tmp_path):
    """`export --out x.xlsx` writes every table: the passages (text around the task tables) and
    the errors (files that could not be ingested) as well, row for row."""
    import openpyxl

    folder = tmp_path / "notes"
    copy_sample(MIDTERM, folder)
    shutil.copy(LOCKED, folder / "locked.pdf")
    store = tmp_path / "store"
    assert cli("ingest", folder, "--store", store, "--workers", "1").exit_code == 1
    out = tmp_path / "all.xlsx"
    assert cli("export", "--out", out, "--store", store).exit_code == 0
    wb = openpyxl.load_workbook(out)
    for sheet, table in (("passages", "passages"), ("errors", "errors")):
        stored = read_table(store, table)
        assert sheet in wb.sheetnames
        ws = wb[sheet]
        assert ws.max_row == len(stored) + 1 > 1
        assert [c.value for c in ws[1]][:3] == [c if c != "at" else "at (UTC)" for c in stored.columns][:3]
    errors = wb["errors"]
    header = [c.value for c in errors[1]]
    assert errors.cell(2, header.index("error") + 1).value == "encrypted_pdf"
    passages = wb["passages"]
    texts = [row[0] for row in passages.iter_rows(min_row=2, min_col=[c.value for c in passages[1]].index("text") + 1,
                                                    max_col=[c.value for c in passages[1]].index("text") + 1,
                                                    values_only=True)]
    assert texts == list(read_table(store, "passages").text)


STAMPED_SCAN = FIXTURES / "stamped" / "scanned-stamped.pdf"  # tests/fixtures/build_fixtures.py: stamped_scan


def test_the_stamped_scan_is_images_with_a_stamp_in_text():
    """Guards the tests below: every page is one image, and its text layer holds the stamp alone."""
    import pdfplumber

    with pdfplumber.open(STAMPED_SCAN) as pdf:
        for page in pdf.pages:
            assert len(page.images) == 1
            assert [w["text"] for w in page.extract_words()] == ["RECEIVED", "12.05.2020"]


def test_a_stamped_scan_read_with_ocr_never_says_its_pages_are_images(tmp_path):
    result = cli("ingest", STAMPED_SCAN, "--store", tmp_path / "store", "--workers", "1", "--ocr", "never")
    assert result.exit_code == 1, result.output
    assert list(read_table(tmp_path / "store", "errors").error) == ["no_text_layer"]
    assert "--ocr auto" in result.stderr and "not a progress note" not in result.stderr
    assert read_table(tmp_path / "store", "documents").empty


def test_a_stamped_scan_without_tesseract_says_to_install_it(tmp_path, monkeypatch):
    from somnotes.extract.ocr import policy

    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    policy.tesseract_available.cache_clear()
    try:
        result = cli("ingest", STAMPED_SCAN, "--store", tmp_path / "store", "--workers", "1")
    finally:
        policy.tesseract_available.cache_clear()
    assert result.exit_code == 1, result.output
    assert list(read_table(tmp_path / "store", "errors").error) == ["no_text_layer"]
    assert policy.TESSERACT_INSTALL in result.stderr and "not a progress note" not in result.stderr


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_a_stamped_scan_is_read_by_ocr_under_ocr_auto(tmp_path):
    """The stamp's words do not make the pages text: --ocr auto reads them from their images."""
    result = cli("ingest", STAMPED_SCAN, "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 0, result.output
    doc = read_table(tmp_path / "store", "documents").iloc[0]
    assert doc.n_tasks > 0 and any(w.startswith("ocr: mean confidence") for w in doc.warnings)
