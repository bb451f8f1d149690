"""The Parquet tables of the data contract (shared/contract.md): names and types are binding.

Columns beyond the contract are marked "extra"; they may be added freely, never removed or
retyped. How a store written before a column was added is read: the commit that next writes to
it rewrites each table file whose schema is not the current one, cast to it, new columns null
(store/store.py: Store._carry_over), so each table keeps one schema, as Polars and DuckDB need;
until then Store.table and Store.connect read the missing columns as nulls. A column removed or
retyped would need SCHEMA_VERSION bumped and a conversion of its own in that carry-over: none
has been needed yet (documents.schema_version records the version each row was written under).
"""
import pyarrow as pa

SCHEMA_VERSION = 1

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("source_path", pa.string()),
    ("format", pa.string()),
    ("organization", pa.string()),
    ("symbol", pa.string()),
    ("title", pa.string()),
    ("segment", pa.string()),
    ("meeting_number", pa.int32()),
    ("meeting_date", pa.date32()),
    ("n_pages", pa.int32()),
    ("n_tasks", pa.int32()),
    ("warnings", pa.list_(pa.string())),
    ("parser_version", pa.string()),
    ("ingested_at", UTC_TIMESTAMP),
    ("meeting", pa.string()),  # extra: the meeting line as written
    ("file_size", pa.int64()),  # extra: lets re-ingest skip a file without reading it
    ("file_mtime_ns", pa.int64()),  # extra
    ("schema_version", pa.int32()),  # extra
    # extra: words of the note that no task cell, passage or header holds (each phrase is a
    # warning "unplaced_text: ..."); 0 when every word is accounted for
    ("unplaced_words", pa.int32()),
    # extra: the series the note belongs to (its tasks are followed across the series' notes):
    # the body a header line names, else the symbol's prefix up to the body that meets
    # ("UNEP/EA.5/INF/3": "UNEP/EA") (extract/header.py)
    ("series", pa.string()),
    # extra: the note's own date, where the header gives one apart from the meeting's dates
    # (meeting_date is the meeting's: a session's dates line, else this date)
    ("note_date", pa.date32()),
    # extra: the note this file is a copy of: a note published as Word and as PDF is one note
    # (store/series.py: note_key; its symbol, else what its header says, else the doc_id)
    ("note_key", pa.string()),
])

TASKS = pa.schema([
    ("doc_id", pa.string()),
    ("task_id", pa.string()),
    ("ordinal", pa.int32()),
    ("part", pa.string()),
    ("part_title", pa.string()),
    ("section", pa.string()),
    ("section_title", pa.string()),
    ("task_text", pa.string()),
    ("progress_text", pa.string()),
    ("next_steps_text", pa.string()),
    ("extra", pa.map_(pa.string(), pa.string())),
    ("status", pa.string()),
    ("task_key", pa.string()),
    ("page_start", pa.int32()),
    ("page_end", pa.int32()),
    # extra: progress text essentially the same as this task's in the previous note of the
    # series (null: not in the previous note). Set with the keys, at each commit.
    ("progress_unchanged", pa.bool_()),
    # contract (typed columns): the entities a lead / responsible column names (null: no such column)
    ("lead", pa.list_(pa.string())),
    # contract: the resolution or decision number the task carries, as written (a reference
    # column's cell, or the number opening the task cell, then not part of task_text)
    ("reference", pa.string()),
    # extra: the reference in a comparable form, "res 4/7(a)" (extract/references.py); linking uses it
    ("reference_key", pa.string()),
    # extra, set with the keys at each commit (store/linking.py): how this row was linked to the
    # row of an earlier note it continues. link_decision: first (no earlier note), linked, new,
    # user_link, user_unlink; link_prev: the task_id it continues, or for a new task the closest
    # earlier row turned down; link_score: that pair's score; link_features: the named features
    # the score is the weighted sum of; link_reason: one line a person reads; link_uncertain:
    # near the threshold or decided by the state rules (`somnotes links --review`).
    ("link_decision", pa.string()),
    ("link_prev", pa.string()),
    ("link_score", pa.float64()),
    ("link_features", pa.map_(pa.string(), pa.float64())),
    ("link_reason", pa.string()),
    ("link_uncertain", pa.bool_()),
])

PROGRESS_ITEMS = pa.schema([
    ("doc_id", pa.string()),
    ("task_id", pa.string()),
    ("item_no", pa.int32()),
    ("status", pa.string()),
    ("status_label", pa.string()),
    ("text", pa.string()),
])

DATES = pa.schema([
    ("doc_id", pa.string()),
    ("task_id", pa.string()),
    ("field", pa.string()),
    ("text", pa.string()),
    ("start", pa.date32()),
    ("end", pa.date32()),
    ("granularity", pa.string()),
    ("kind", pa.string()),
    ("char_start", pa.int32()),  # extra: where `text` starts in the field's text
])

# extra table: every piece of a note's text that is not in a task row, so that no word is lost:
# kind = header (the header block and introduction), heading (part or section heading as
# written), text (a paragraph between the tables, a footnote), table_header (a task table's
# header row), furniture (page numbers, running heads and feet: dropped from the text on purpose)
PASSAGES = pa.schema([
    ("doc_id", pa.string()),
    ("ordinal", pa.int32()),
    ("kind", pa.string()),
    ("page", pa.int32()),
    ("part", pa.string()),
    ("section", pa.string()),
    ("text", pa.string()),
])

ERRORS = pa.schema([
    ("source_path", pa.string()),
    ("error", pa.string()),
    ("message", pa.string()),
    ("at", UTC_TIMESTAMP),
    ("doc_id", pa.string()),  # extra: sha256 of the bytes, when they could be read
    ("parser_version", pa.string()),  # extra
])

TABLES = {
    "documents": DOCUMENTS,
    "tasks": TASKS,
    "progress_items": PROGRESS_ITEMS,
    "dates": DATES,
    "passages": PASSAGES,
    "errors": ERRORS,
}
# Tables whose rows belong to one document (dropped together when a note is re-ingested).
PER_DOCUMENT = ("documents", "tasks", "progress_items", "dates", "passages")
