"""A store written by an older somnotes stays readable as the contract promises once a newer one
adds notes to it: every table whole by pyarrow's hive dataset, DuckDB's read_parquet and Polars
(store/store.py: Store._carry_over casts files of an older schema to the current one)."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from conftest import SAMPLES, cli, expected

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


def make_old_store(store, note) -> None:
    """A store holding `note` as somnotes wrote it at 07b7318: the same layout (generations,
    table links), each table's files with that commit's columns only."""
    assert cli("ingest", note, "--store", store).exit_code == 0
    generation = (store / "_current").resolve()
    (store / "passages").unlink()
    for folder in generation.iterdir():
        if folder.name not in OLD_COLUMNS:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
            continue
        for path in folder.glob("*.parquet"):
            table = pq.read_table(path).select(OLD_COLUMNS[folder.name])
            if folder.name == "documents":
                table = table.set_column(table.schema.get_field_index("parser_version"), "parser_version",
                                         [[OLD_PARSER] * table.num_rows])
            path.unlink()  # a hard link shared with the generation before: write a file of its own
            pq.write_table(table, path)


def test_an_old_store_given_a_new_note_reads_whole_with_pyarrow_duckdb_and_polars(tmp_path):
    from somnotes.store.schema import TABLES

    store = tmp_path / "store"
    make_old_store(store, SAMPLES / "som26-midterm.docx")
    assert pq.read_schema(next((store / "documents").glob("*.parquet"))).names == OLD_COLUMNS["documents"]
    result = cli("ingest", SAMPLES / "som26-annual.docx", "--store", store)
    assert result.exit_code == 0, result.output

    n_tasks = {"som26-midterm": len(expected("som26-midterm")["tasks"]), "som26-annual": len(expected("som26-annual")["tasks"])}
    rows = {"documents": 2, "tasks": sum(n_tasks.values())}
    for name, schema in TABLES.items():
        folder = store / name
        whole = ds.dataset(folder, partitioning="hive").to_table()
        assert whole.schema.names == schema.names, name
        rows.setdefault(name, whole.num_rows)
        assert whole.num_rows == rows[name], name
        glob = (folder / "**" / "*.parquet").as_posix()
        con = duckdb.connect()
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()
        assert [r[0] for r in described] == schema.names, name
        assert con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()[0] \
            == rows[name]
        frame = pl.read_parquet((folder / "*.parquet").as_posix())
        assert frame.columns == schema.names and frame.height == rows[name], name

    docs = ds.dataset(store / "documents", partitioning="hive").to_table().to_pandas()
    old = docs[docs.parser_version == OLD_PARSER].iloc[0]
    assert old.symbol == "EMG SOM26/mid-term/03" and pd.isna(old.note_key) and pd.isna(old.unplaced_words)
    # the queries read the old row by its symbol (store/series.py: SERIES_SQL)
    summary = cli("summary", "--store", store, "--format", "json")
    assert summary.exit_code == 0, summary.output
    assert [(r["symbol"], r["tasks"]) for r in json.loads(summary.stdout)] == [
        ("EMG SOM26/mid-term/03", n_tasks["som26-midterm"]), ("EMG SOM26/02", n_tasks["som26-annual"])]
