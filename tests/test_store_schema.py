"""A store written by an older somnotes stays readable as the contract promises once a newer one
adds notes to it: every table whole by pyarrow, DuckDB's read_parquet and Polars over the files its
manifest names (store/store.py: Store._carry_over casts files of an older schema to the current one)."""
from __future__ import annotations

import json
import shutil

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from conftest import FIXTURES, SAMPLES, cli, expected, table_files

LEGACY_STORE = FIXTURES / "legacy_store" / "legacy-store"

# The tables as somnotes wrote them at commit 07b7318 (its store/schema.py, copied by hand): no
# passages table yet, and none of the columns added since (documents.unplaced_words, series,
# note_date, note_key; tasks.lead, reference, reference_key and the link_* columns).
OLD_COLUMNS = {
    "documents": ["doc_id", "source_path", "format", "organization", "symbol", "title", "segment",
                  "meeting_number", "meeting_date", "n_pages", "n_tasks", "warnings", "parser_version",
                  "ingested_at", "meeting", "file_size", "file_mtime_ns", "schema_version"],
    "tasks": ["doc_id", "task_id", "ordinal", "part", "part_title", "section", "section_title", "task_text",
              "progress_text", "next_steps_text", "extra", "status", "task_key", "page_start", "page_end",
              "progress_unchanged"],
    "progress_items": ["doc_id", "task_id", "item_no", "status", "status_label", "text"],
    "dates": ["doc_id", "task_id", "field", "text", "start", "end", "granularity", "kind", "char_start"],
    "errors": ["source_path", "error", "message", "at", "doc_id", "parser_version"],
}
OLD_PARSER = "somnotes-0.1.0/1"


def make_old_store(store) -> None:
    """A store as somnotes wrote it at 07b7318: the layout of links of the committed store made by
    f62a431's own code (tests/fixtures/legacy_store/build.py), copied as a tool that follows
    links copies it, each table's files cut down to that commit's columns."""
    shutil.copytree(LEGACY_STORE, store)  # links followed: this works on a disk without links too
    generation = store / "_current"
    for name in ("passages",):
        shutil.rmtree(store / name)
        shutil.rmtree(generation / name)
    for folder in generation.iterdir():
        for path in folder.glob("*.parquet"):
            table = pq.read_table(path).select(OLD_COLUMNS[folder.name])
            if folder.name == "documents":
                table = table.set_column(table.schema.get_field_index("parser_version"), "parser_version",
                                         [[OLD_PARSER] * table.num_rows])
            pq.write_table(table, path)


def test_an_old_store_given_a_new_note_reads_whole_with_pyarrow_duckdb_and_polars(tmp_path):
    from somnotes.store.schema import TABLES

    store = tmp_path / "store"
    make_old_store(store)
    assert pq.read_schema(next((store / "_current" / "documents").glob("*.parquet"))).names == OLD_COLUMNS["documents"]
    result = cli("ingest", SAMPLES / "som27-midterm.docx", "--store", store)
    assert result.exit_code == 0, result.output

    names = ["som26-midterm", "som26-annual", "som27-midterm"]
    n_tasks = {name: len(expected(name)["tasks"]) for name in names}
    rows = {"documents": 3, "tasks": sum(n_tasks.values())}
    for name, schema in TABLES.items():
        files = table_files(store, name)
        whole = ds.dataset(files, format="parquet").to_table()
        assert whole.schema.names == schema.names, name
        rows.setdefault(name, whole.num_rows)
        assert whole.num_rows == rows[name], name
        con = duckdb.connect()
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [files]).fetchall()
        assert [r[0] for r in described] == schema.names, name
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0] == rows[name]
        frame = pl.read_parquet(files)
        assert frame.columns == schema.names and frame.height == rows[name], name

    docs = ds.dataset(table_files(store, "documents"), format="parquet").to_table().to_pandas()
    old = docs[docs.parser_version == OLD_PARSER].set_index("symbol")
    assert sorted(old.index) == ["EMG SOM26/02", "EMG SOM26/mid-term/03"]
    assert old.note_key.isna().all() and old.unplaced_words.isna().all()
    # the queries read the old rows by their symbols (store/series.py: SERIES_SQL)
    summary = cli("summary", "--store", store, "--format", "json")
    assert summary.exit_code == 0, summary.output
    assert [(r["symbol"], r["tasks"]) for r in json.loads(summary.stdout)] == [
        ("EMG SOM26/mid-term/03", n_tasks["som26-midterm"]), ("EMG SOM26/02", n_tasks["som26-annual"]),
        ("EMG SOM27/mid-term/02", n_tasks["som27-midterm"])]
