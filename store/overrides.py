"""User corrections of task links, kept in <store>/overrides.json and applied at every commit.

    {"link": [["<task_id>", "<task_id>"], ...],    rows forced into one task
     "unlink": [["<task_id>"], ["<task_id>", "<task_id>"], ...]}
                 a row split from the task before it / two rows kept apart

Because the file lives beside the tables, not in them, corrections survive re-ingest.
"""
from __future__ import annotations

import json
import os

from .linking import OVERRIDES_FILE, load_overrides, relink
from .store import Batch, Store


class UnknownTask(ValueError):
    pass


def _save(store: Store, overrides: dict) -> None:
    path = store.root / OVERRIDES_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(overrides, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _check(store: Store, task_ids: list[str]) -> None:
    known = set(store.table("tasks").column("task_id").to_pylist())
    for task_id in task_ids:
        if task_id not in known:
            raise UnknownTask(f"no task row with task_id {task_id}")


def _apply(store: Store, change) -> None:
    with store.lock():
        overrides = load_overrides(store.root)
        change(overrides)
        _save(store, overrides)
    store.commit(Batch(), relink=relink, force=True)


def link(store: Store, first: str, second: str) -> None:
    """Force two task rows (of different notes) into one task."""
    _check(store, [first, second])

    def change(o):
        o["unlink"] = [p for p in o["unlink"] if set(p) != {first, second}]
        o["link"].append([first, second])
    _apply(store, change)


def unlink(store: Store, first: str, second: str | None = None) -> None:
    """Split a row from the task it was linked to (or keep two rows apart)."""
    _check(store, [first] + ([second] if second else []))
    pair = [first, second] if second else [first]

    def change(o):
        o["link"] = [p for p in o["link"] if not (first in p and (second is None or second in p))]
        o["unlink"].append(pair)
    _apply(store, change)


__all__ = ["link", "unlink", "UnknownTask"]
