"""Which notes form one series: the notes across which tasks are followed, in meeting order.

A series is an organization's notes (a note whose header named none belongs to the
organization most notes name). Where one organization's notes come from several bodies, told
apart by their symbols ("UNEP/EA.5/INF/3" from the Environment Assembly, "UNEP/CPR/152/3" from
the Committee of Permanent Representatives), each body's notes are a series of their own,
named by the symbol's prefix ("UNEP/EA"), and a note without a symbol joins the body most of
its organization's notes come from. The same rule is written in SQL in store/queries.py
(SERIES_SQL) for the queries; tests/test_other_bodies.py checks that both agree.
"""
from __future__ import annotations

import re
from collections import Counter

BODY = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")  # the body in a symbol's prefix: its last word ("UNEP/EA" -> EA)


def body_of(doc: dict) -> str | None:
    """The body a note's symbol names ("EA", "SOM"), or None for a note without a symbol."""
    if not doc.get("symbol") or not doc.get("series"):
        return None
    m = BODY.search(doc["series"])
    return m.group(1).upper() if m else None


def most_common(counter: Counter):
    """The commonest value, ties broken by the value itself (so that the result never depends
    on the order notes were stored in)."""
    return min(counter, key=lambda v: (-counter[v], v)) if counter else None


def default_organization(documents: list[dict]) -> str:
    """The organization most notes name: a note whose header did not yield one belongs to it."""
    return most_common(Counter(d["organization"] for d in documents if d["n_tasks"] and d.get("organization"))) or ""


def series_keys(documents: list[dict]) -> dict[str, str]:
    """Given documents rows (doc_id, organization, symbol, series, n_tasks), return doc_id ->
    the series the note belongs to, for every note with tasks."""
    fallback = default_organization(documents)
    notes = [d for d in documents if d["n_tasks"]]
    org_of = {d["doc_id"]: d.get("organization") or fallback for d in notes}
    bodies: dict[str, Counter] = {}
    labels: dict[tuple, Counter] = {}
    for doc in notes:
        body = body_of(doc)
        if body:
            bodies.setdefault(org_of[doc["doc_id"]], Counter())[body] += 1
            labels.setdefault((org_of[doc["doc_id"]], body), Counter())[doc["series"]] += 1
    out = {}
    for doc in notes:
        org = org_of[doc["doc_id"]]
        if len(bodies.get(org, ())) <= 1:
            out[doc["doc_id"]] = org
        else:
            body = body_of(doc) or most_common(bodies[org])
            out[doc["doc_id"]] = most_common(labels[(org, body)])
    return out
