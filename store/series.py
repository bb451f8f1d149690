"""Which files are one note, and which notes form one series: the notes across which tasks are
followed, in meeting order.

A note published as Word and as PDF is one note: its files share `documents.note_key`, written
at ingest by `note_key` below (its symbol; without one, what its header says; else the file's
doc_id). A store written before that column identifies a note by its symbol, else its doc_id
(`note_identity`). Every reader of the store takes a note's identity from these two rules: the
linker (store/linking.py), and in SQL the queries and what is published from them
(store/queries.py: NOTES_SQL, `coalesce(note_key, symbol, doc_id)`).

A note's series is `documents.series` (extract/header.py: the body a header line names, else
the symbol's prefix up to the body that meets, "UNEP/EA" apart from "UNEP/CPR"); a store written
before that column falls back on the organization, and a note with neither belongs to the series
most notes are in. The same rule is written in SQL in store/queries.py (NOTES_SQL) for the
queries; tests/test_other_bodies.py checks that both agree.
"""
from __future__ import annotations

from collections import Counter

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


def note_identity(doc: dict) -> str:
    """The note a documents row is a file of: its note_key, or in a store written before that
    column its symbol, else its doc_id (NOTES_SQL: coalesce(note_key, symbol, doc_id))."""
    return doc.get("note_key") or doc.get("symbol") or doc["doc_id"]


def own_series(doc: dict) -> str | None:
    """The series a note's header gives: documents.series, else its organization."""
    return doc.get("series") or doc.get("organization") or None


def default_series(documents: list[dict]) -> str:
    """The series most notes are in (ties: the first by name): a note whose header named none
    belongs to it."""
    counts = Counter(series for d in documents if d["n_tasks"] and (series := own_series(d)))
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def series_keys(documents: list[dict]) -> dict[str, str]:
    """Given documents rows (doc_id, organization, series, n_tasks), return doc_id -> the series
    the note belongs to, for every note with tasks."""
    fallback = default_series(documents)
    return {d["doc_id"]: own_series(d) or fallback for d in documents if d["n_tasks"]}
