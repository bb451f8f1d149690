"""Which notes form one series: the notes across which tasks are followed, in meeting order.

A note's series is `documents.series` (extract/header.py: the body a header line names, else
the symbol's prefix up to the body that meets, "UNEP/EA" apart from "UNEP/CPR"); a store written
before that column falls back on the organization, and a note with neither belongs to the series
most notes are in. The same rule is written in SQL in store/queries.py (NOTES_SQL) for the
queries; tests/test_other_bodies.py checks that both agree.
"""
from __future__ import annotations

from collections import Counter


def own_series(doc: dict) -> str | None:
    """The series a note's header gives: documents.series, else its organization."""
    return doc.get("series") or doc.get("organization") or None


def default_series(documents: list[dict]) -> str:
    """The series most notes are in (ties: the first by name): a note whose header named none
    belongs to it."""
    counts = Counter(own_series(d) for d in documents if d["n_tasks"] and own_series(d))
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def series_keys(documents: list[dict]) -> dict[str, str]:
    """Given documents rows (doc_id, organization, series, n_tasks), return doc_id -> the series
    the note belongs to, for every note with tasks."""
    fallback = default_series(documents)
    return {d["doc_id"]: own_series(d) or fallback for d in documents if d["n_tasks"]}
