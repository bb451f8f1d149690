"""Which files are one note, and which notes form one series: the notes across which tasks are
followed, in meeting order.

A note published as Word and as PDF is one note: its files share `documents.note_key`, written
at ingest by `note_key` below (its symbol; without one, what its header says; else the file's
doc_id). A store written before that column identifies a note by its symbol, else its doc_id:
`coalesce(note_key, symbol, doc_id)` in SERIES_SQL below, which the queries, what is published
from them, the linker and the corrections all run.

A note's series is `documents.series` (extract/header.py: the body a header line names, else
the symbol's prefix up to the body that meets, "UNEP/EA" apart from "UNEP/CPR"); a store written
before that column falls back on the organization, and a note with neither belongs to the series
most notes are in. That rule is written once, in SQL (SERIES_SQL): the queries run it on the
store (store/queries.py: NOTES_SQL); the linker, the corrections and the ingest summary's count
of notes on the documents rows they hold (`note_series`).
"""
from __future__ import annotations

NOTE_KEY_SEPARATOR = " | "


def note_key(doc: dict) -> str:
    """Given a documents row as ingest builds it, return the note's identity: its symbol when
    it has one (spaces folded); else its title, meeting number, segment and dates, when the
    header names a meeting or a date ("Action tracker | meeting 12 | 2023-03-14 | 2023-06-30");
    else the file's doc_id (nothing says which other file would be the same note)."""
    symbol = " ".join((doc.get("symbol") or "").split())
    if symbol:
        return symbol
    number, dates = doc.get("meeting_number"), [doc.get("meeting_date"), doc.get("note_date")]
    if number is None and not any(dates):
        return doc["doc_id"]
    parts = [" ".join((doc.get("title") or "").split()), f"meeting {number}" if number is not None else "",
             doc.get("segment") or ""] + [d.isoformat() for d in dates if d]
    return NOTE_KEY_SEPARATOR.join(p for p in parts if p)


# The series and identity of each file of a note with tasks, as DuckDB table expressions over
# `documents`: `fallback`, the series most notes are in (each note once, however many files it
# came in; ties: the first by name), for a note whose header named none; `files`, each such file
# with its `series` and `note_id`.
SERIES_SQL = """
    fallback AS (
        SELECT coalesce((SELECT coalesce(series, organization) AS s FROM documents
                         WHERE n_tasks > 0 AND coalesce(series, organization) IS NOT NULL
                         GROUP BY s ORDER BY count(DISTINCT coalesce(note_key, symbol, doc_id)) DESC, s
                         LIMIT 1), '') AS series),
    files AS (
        SELECT d.* EXCLUDE (series), coalesce(d.series, d.organization, (SELECT series FROM fallback)) AS series,
               coalesce(d.note_key, d.symbol, d.doc_id) AS note_id
        FROM documents d WHERE d.n_tasks > 0)"""
# The documents columns SERIES_SQL reads.
SERIES_COLUMNS = ("doc_id", "organization", "series", "n_tasks", "note_key", "symbol")


def note_series(documents: list[dict]) -> dict[str, tuple[str, str]]:
    """Given documents rows, return doc_id -> (series, note identity) for every note with tasks,
    by SERIES_SQL: the rule the queries apply to the store."""
    import duckdb
    import pyarrow as pa

    string = pa.string()
    schema = pa.schema([(c, pa.int64() if c == "n_tasks" else string) for c in SERIES_COLUMNS])
    table = pa.Table.from_pylist([{c: d.get(c) for c in SERIES_COLUMNS} for d in documents], schema=schema)
    con = duckdb.connect()
    try:
        con.register("documents", table)
        found = con.execute(f"WITH {SERIES_SQL} SELECT doc_id, series, note_id FROM files").fetchall()
    finally:
        con.close()
    return {doc_id: (series, note_id) for doc_id, series, note_id in found}
