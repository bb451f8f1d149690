"""`somnotes ingest`: folders, summary line, bad input, exit codes, what lands in the store."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds

from conftest import FIXTURES, SAMPLES, cli, copy_sample, read_table, table_files

SUMMARY = re.compile(r"^(\d+) files?, (\d+) notes?, (\d+) tasks?, (\d+) errors?, (\d+) unchanged(?: \(already stored\))?, (\d+) words? unplaced, [\d.]+ s$", re.M)


def test_ingest_walks_a_folder_recursively_and_prints_one_summary_line(workdir):
    nested = workdir / "archive" / "2020" / "april"
    copy_sample("som26-midterm.docx", nested)
    copy_sample("som26-annual.pdf", workdir / "archive" / "2020")
    (workdir / "archive" / "readme.txt").write_text("not a note, not searched")
    result = cli("ingest", workdir / "archive", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    m = SUMMARY.search(result.stdout)
    assert m and m.groups()[:6] == ("2", "2", "41", "0", "0", "0")
    assert len(read_table(workdir / "store", "documents")) == 2


def test_files_that_are_not_notes_get_zero_tasks_and_a_warning(workdir):
    result = cli("ingest", FIXTURES / "not-notes", "--store", workdir / "store")
    assert result.exit_code == 0
    # each is said on stderr, the status unchanged (the contract: a non-note is ingested)
    said = sorted(result.stderr.splitlines())
    names = sorted(p.name for p in (FIXTURES / "not-notes").iterdir() if p.suffix in (".docx", ".pdf"))
    assert [Path(line.split(": ")[1]).name for line in said] == names
    assert all(line.startswith("somnotes: ") and ": not a progress note (no Tasks | Progress | Next steps table);"
               " stored with 0 tasks" in line for line in said)
    # the memo's table (tests/fixtures/build_fixtures.py) names a Task column but no Progress:
    # the hint names the header and a column that could be taught as the progress
    memo = next(line for line in said if "memo.docx" in line)
    assert memo.endswith('; if the table headed "Task | Responsible | Date" holds its tasks, name its columns\' '
                         'roles with --column WORDING=ROLE (e.g. --column "Date=progress")')
    docs = read_table(workdir / "store", "documents")
    assert len(docs) == 6 and set(docs.format) == {"pdf", "docx"}
    assert (docs.n_tasks == 0).all()
    assert all(any("not_a_progress_note" in w for w in ws) for ws in docs.warnings)
    assert len(read_table(workdir / "store", "tasks")) == 0


def make_bad_files(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "letter.docx").write_text("Dear colleagues, this is plain text saved as .docx")
    data = (SAMPLES / "som26-midterm.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    docx = (SAMPLES / "som26-annual.docx").read_bytes()
    (folder / "truncated.docx").write_bytes(docx[: len(docx) // 2])
    # a PDF cut to a third has lost its cross-reference table and trailer: pdfminer cannot open it
    return {"empty.pdf": "empty_file", "letter.docx": "not_a_docx", "truncated.docx": "corrupt_docx",
            "truncated.pdf": "corrupt_pdf"}


def test_bad_files_become_error_rows_and_the_batch_goes_on(workdir):
    folder = workdir / "batch"
    codes = make_bad_files(folder)
    copy_sample("som27-midterm.pdf", folder)
    result = cli("ingest", folder, "--store", workdir / "store")
    assert result.exit_code == 1
    errors = read_table(workdir / "store", "errors")
    by_name = {Path(p).name: e for p, e in zip(errors.source_path, errors.error)}
    assert by_name == codes
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == len(errors)  # one line per failed file
    assert all(ln.startswith("somnotes: ") for ln in lines)
    assert "Traceback" not in result.output
    docs = read_table(workdir / "store", "documents")
    stored = {Path(p).name for p in docs.source_path}
    assert stored == {"som27-midterm.pdf"}  # the good note is stored all the same, and only it


def test_usage_errors_exit_2(workdir):
    assert cli("ingest", workdir / "missing-folder", "--store", workdir / "s").exit_code == 2
    assert cli("ingest", "--no-such-option").exit_code == 2
    assert cli("ingest").exit_code == 2


def test_the_installed_command_prints_no_traceback_and_is_quiet_off_a_terminal(workdir):
    """The console script itself, as a shell runs it: stderr not a terminal, so no bar."""
    folder = workdir / "in"
    copy_sample("som26-midterm.docx", folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage that is no PDF body")
    exe = Path(sys.executable).with_name("somnotes")
    proc = subprocess.run([str(exe), "ingest", str(folder), "--store", str(workdir / "store")],
                          capture_output=True, text=True, env={**os.environ, "SOMNOTES_STORE": ""})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stderr.strip().count("\n") == 0 and "broken.pdf" in proc.stderr
    assert SUMMARY.search(proc.stdout)


def test_store_defaults_to_env_then_local_folder(workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    copy_sample("som26-midterm.docx", workdir / "in")
    monkeypatch.setenv("SOMNOTES_STORE", str(workdir / "env-store"))
    assert cli("ingest", workdir / "in").exit_code == 0
    assert (workdir / "env-store" / "_current.json").exists()
    monkeypatch.delenv("SOMNOTES_STORE")
    assert cli("ingest", workdir / "in").exit_code == 0
    assert (workdir / "somnotes-store" / "_current.json").exists()


# The contract's columns per table (at least these), written out from contract.md
CONTRACT_COLUMNS = {
    "documents": ["doc_id", "source_path", "format", "organization", "symbol", "title", "segment", "meeting_number",
                  "meeting_date", "n_pages", "n_tasks", "warnings", "parser_version", "ingested_at"],
    "tasks": ["doc_id", "task_id", "ordinal", "part", "part_title", "section", "section_title", "task_text",
              "progress_text", "next_steps_text", "extra", "status", "task_key", "page_start", "page_end"],
    "progress_items": ["doc_id", "task_id", "item_no", "status", "status_label", "text"],
    "dates": ["doc_id", "task_id", "field", "text", "start", "end", "granularity", "kind"],
    "errors": ["source_path", "error", "message", "at"],
}
STATUSES = {"completed", "ongoing", "not_started", "postponed", "cancelled", "on_hold", "unknown"}


def test_tables_read_back_with_pyarrow_duckdb_and_polars(samples_store):
    store = samples_store
    tables = {name: ds.dataset(table_files(store, name), format="parquet").to_table() for name in CONTRACT_COLUMNS}
    for name, columns in CONTRACT_COLUMNS.items():
        assert set(columns) <= set(tables[name].column_names), name
    assert (tables["documents"].num_rows, tables["tasks"].num_rows, tables["errors"].num_rows) == (6, 114, 0)
    docs = tables["documents"]
    assert docs.schema.field("meeting_date").type == pa.date32()
    assert docs.schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    assert docs.schema.field("meeting_number").type in (pa.int32(), pa.int64())
    assert tables["dates"].schema.field("start").type == tables["dates"].schema.field("end").type == pa.date32()
    assert tables["errors"].schema.field("at").type == pa.timestamp("us", tz="UTC")
    # every progress item and date belongs to a stored task; every task has at least one item
    task_ids = set(tables["tasks"].column("task_id").to_pylist())
    items, dates = read_table(store, "progress_items"), read_table(store, "dates")
    assert set(items.task_id) == task_ids and set(dates.task_id) <= task_ids
    assert set(items.status) <= STATUSES and not items.duplicated(["task_id", "item_no"]).any()
    assert (dates.start <= dates.end).all() and set(dates.field) <= {"task", "progress", "next_steps"}
    con = duckdb.connect()
    counts = con.execute("""
        SELECT d.format, count(*) FROM read_parquet(?) t JOIN read_parquet(?) d USING (doc_id)
        GROUP BY 1 ORDER BY 1""", [table_files(store, "tasks"), table_files(store, "documents")]).fetchall()
    assert counts == [("docx", 57), ("pdf", 57)]
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [table_files(store, "dates")]).fetchone()[0] \
        == len(dates)
    polars_tasks = pl.read_parquet(table_files(store, "tasks"))
    assert polars_tasks.height == 114
    assert pl.read_parquet(table_files(store, "progress_items")).height == len(items)


def test_summary_counts_tasks_per_meeting_and_status(samples_store):
    result = cli("summary", "--store", samples_store, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.stdout)
    # one row per note (Word and PDF of a note count once), in meeting order
    assert [(r["symbol"], r["meeting_date"], r["tasks"]) for r in rows] == [
        ("EMG SOM26/mid-term/03", "2020-04-29", 22), ("EMG SOM26/02", "2020-09-24", 19),
        ("EMG SOM27/mid-term/02", "2021-04-21", 16)]
    seed = rows[0]
    assert (seed["completed"], seed["ongoing"], seed["not_started"], seed["postponed"]) == (4, 14, 2, 2)
    assert cli("summary", "--store", samples_store.parent / "nowhere").exit_code == 2


def test_a_file_stored_at_last_leaves_no_error_row_behind(workdir):
    """A junk note.docx is an error; once a real note stands under that name, the store holds the
    note and no error for that path (both changed in one commit)."""
    folder = workdir / "in"
    folder.mkdir()
    path = folder / "note.docx"
    path.write_text("not a Word file yet")
    first = cli("ingest", folder, "--store", workdir / "store")
    assert first.exit_code == 1
    assert list(read_table(workdir / "store", "errors").error) == ["not_a_docx"]
    shutil.copy(SAMPLES / "som26-annual.docx", path)
    second = cli("ingest", folder, "--store", workdir / "store")
    assert second.exit_code == 0, second.output
    assert list(read_table(workdir / "store", "documents").source_path) == [str(path)]
    assert read_table(workdir / "store", "errors").empty
