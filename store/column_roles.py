"""Header wordings a user taught somnotes (`somnotes ingest --column "Action point=task"`), kept
in <store>/column_roles.jsonl beside the tables, so that every later ingest into the store reads
them alike without being told again. The latest teaching comes first and wins (in the order
its --column options were given); teaching a wording again with another role replaces the old line.

    {"wording": "Action point", "role": "task"}
"""
from __future__ import annotations

import json
import os

from .store import Store

TAUGHT_FILE = "column_roles.jsonl"


def same_wording(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def load(store: Store) -> list[tuple[str, str]]:
    """The (wording, role) pairs taught to this store, the latest first."""
    path = store.root / TAUGHT_FILE
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(entry["wording"], entry["role"]) for entry in lines]


def teach(store: Store, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Remember these (wording, role) pairs in the store, ahead of those taught before; return
    every pair the store now knows, in the order they are tried."""
    with store.lock():
        known = load(store)
        new: list[tuple[str, str]] = []
        for wording, role in pairs:
            new = [p for p in new if not same_wording(p[0], wording)] + [(wording, role)]
        kept = [p for p in known if not any(same_wording(p[0], w) for w, _ in new)]
        merged = new + kept
        path = store.root / TAUGHT_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps({"wording": w, "role": r}, ensure_ascii=False) + "\n" for w, r in merged),
                       encoding="utf-8")
        os.replace(tmp, path)
    return merged
