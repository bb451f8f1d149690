"""The Parquet tables of the data contract (shared/contract.md): names and types are binding.

Columns beyond the contract are marked "extra"; they may be added freely, never removed or
retyped. How a store written before a column was added is read: the commit that next writes to
it rewrites each table file whose schema is not the current one, cast to it, new columns null
(store/store.py: Store._carry_over), so each table keeps one schema, as Polars and DuckDB need;
until then Store.table and Store.connect read the missing columns as nulls. A column removed or
retyped would need SCHEMA_VERSION bumped and a conversion of its own in that carry-over: none
has been needed yet (documents.schema_version records the version each row was written under).
"""
from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 1

# Column types by their DuckDB names. The tables are written down as plain data so that a query
# (DuckDB alone) reads them without loading pyarrow (0.08 s of a 0.3 s command, measured with
# bench/cli_latency.py); the Arrow schemas are built from them on first use (`TABLES`).
STRING = "VARCHAR"
INT32 = "INTEGER"
INT64 = "BIGINT"
FLOAT64 = "DOUBLE"
BOOL = "BOOLEAN"
DATE = "DATE"
UTC_TIMESTAMP = "TIMESTAMP WITH TIME ZONE"
LIST_STRING = "VARCHAR[]"
MAP_STRING_STRING = "MAP(VARCHAR, VARCHAR)"
MAP_STRING_FLOAT = "MAP(VARCHAR, DOUBLE)"


DOCUMENTS = [
    ("doc_id", STRING),
    ("source_path", STRING),
    ("format", STRING),
    ("organization", STRING),
    ("symbol", STRING),
    ("title", STRING),
    ("segment", STRING),
    ("meeting_number", INT32),
    ("meeting_date", DATE),
    ("n_pages", INT32),
    ("n_tasks", INT32),
    ("warnings", LIST_STRING),
    ("parser_version", STRING),
    ("ingested_at", UTC_TIMESTAMP),
    ("meeting", STRING),  # extra: the meeting line as written
    ("file_size", INT64),  # extra: lets re-ingest skip a file without reading it
    ("file_mtime_ns", INT64),  # extra
    ("schema_version", INT32),  # extra
    # extra: words of the note that no task cell, passage or header holds (each phrase is a
    # warning "unplaced_text: ..."); 0 when every word is accounted for
    ("unplaced_words", INT32),
    # extra: the series the note belongs to (its tasks are followed across the series' notes):
    # the body a header line names, else the symbol's prefix up to the body that meets
    # ("UNEP/EA.5/INF/3": "UNEP/EA") (extract/header.py)
    ("series", STRING),
    # extra: the note's own date, where the header gives one apart from the meeting's dates
    # (meeting_date is the meeting's: a session's dates line, else this date)
    ("note_date", DATE),
    # extra: the note this file is a copy of: a note published as Word and as PDF is one note
    # (store/series.py: note_key; its symbol, else what its header says, else the doc_id)
    ("note_key", STRING),
]

TASKS = [
    ("doc_id", STRING),
    ("task_id", STRING),
    ("ordinal", INT32),
    ("part", STRING),
    ("part_title", STRING),
    ("section", STRING),
    ("section_title", STRING),
    ("task_text", STRING),
    ("progress_text", STRING),
    ("next_steps_text", STRING),
    ("extra", MAP_STRING_STRING),
    ("status", STRING),
    ("task_key", STRING),
    ("page_start", INT32),
    ("page_end", INT32),
    # extra: progress text essentially the same as this task's in the previous note of the
    # series (null: not in the previous note). Set with the keys, at each commit.
    ("progress_unchanged", BOOL),
    # contract (typed columns): the entities a lead / responsible column names (null: no such column)
    ("lead", LIST_STRING),
    # contract: the resolution or decision number the task carries, as written (a reference
    # column's cell, or the number opening the task cell, then not part of task_text)
    ("reference", STRING),
    # extra: the reference in a comparable form, "res 4/7(a)" (normalise/references.py); linking uses it
    ("reference_key", STRING),
    # extra, set with the keys at each commit (store/linking.py): how this row was linked to the
    # row of an earlier note it continues. link_decision: first (no earlier note), linked, new,
    # user_link, user_unlink; link_prev: the task_id it continues, or for a new task the closest
    # earlier row turned down; link_score: that pair's score; link_features: the named features
    # the score is the weighted sum of; link_reason: one line a person reads; link_uncertain:
    # near the threshold or decided by the state rules (`somnotes links --review`).
    ("link_decision", STRING),
    ("link_prev", STRING),
    ("link_score", FLOAT64),
    ("link_features", MAP_STRING_FLOAT),
    ("link_reason", STRING),
    ("link_uncertain", BOOL),
]

PROGRESS_ITEMS = [
    ("doc_id", STRING),
    ("task_id", STRING),
    ("item_no", INT32),
    ("status", STRING),
    ("status_label", STRING),
    ("text", STRING),
]

DATES = [
    ("doc_id", STRING),
    ("task_id", STRING),
    ("field", STRING),
    ("text", STRING),
    ("start", DATE),
    ("end", DATE),
    ("granularity", STRING),
    ("kind", STRING),
    ("char_start", INT32),  # extra: where `text` starts in the field's text
]

# extra table: every piece of a note's text that is not in a task row, so that no word is lost:
# kind = header (the header block and introduction), heading (part or section heading as
# written), text (a paragraph between the tables, a footnote), table_header (a task table's
# header row), furniture (page numbers, running heads and feet: dropped from the text on purpose)
PASSAGES = [
    ("doc_id", STRING),
    ("ordinal", INT32),
    ("kind", STRING),
    ("page", INT32),
    ("part", STRING),
    ("section", STRING),
    ("text", STRING),
]

ERRORS = [
    ("source_path", STRING),
    ("error", STRING),
    ("message", STRING),
    ("at", UTC_TIMESTAMP),
    ("doc_id", STRING),  # extra: sha256 of the bytes, when they could be read
    ("parser_version", STRING),  # extra
]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": DOCUMENTS,
    "tasks": TASKS,
    "progress_items": PROGRESS_ITEMS,
    "dates": DATES,
    "passages": PASSAGES,
    "errors": ERRORS,
}
# Tables whose rows belong to one document (dropped together when a note is re-ingested).
PER_DOCUMENT = ("documents", "tasks", "progress_items", "dates", "passages")


def arrow_type(duckdb_type: str) -> Any:
    """Given a column type by its DuckDB name, return its Arrow type."""
    import pyarrow as pa

    return {
        STRING: pa.string(), INT32: pa.int32(), INT64: pa.int64(), FLOAT64: pa.float64(), BOOL: pa.bool_(),
        DATE: pa.date32(), UTC_TIMESTAMP: pa.timestamp("us", tz="UTC"), LIST_STRING: pa.list_(pa.string()),
        MAP_STRING_STRING: pa.map_(pa.string(), pa.string()), MAP_STRING_FLOAT: pa.map_(pa.string(), pa.float64()),
    }[duckdb_type]


def arrow_schema(table: str) -> Any:
    """Given a table name, return its Arrow schema (pyarrow loads here, on first use)."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(kind)) for name, kind in COLUMNS[table]])


_ARROW: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """`TABLES` (table name -> Arrow schema): built on first use."""
    if name == "TABLES":
        if not _ARROW:
            _ARROW.update({table: arrow_schema(table) for table in COLUMNS})
        return _ARROW
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
