"""User corrections of task links, kept in <store>/overrides.json and applied at every commit.

    {"corrections": [{"op": "link",   "rows": ["<task_id>", "<task_id>"], "at": "<UTC time>"},
                     {"op": "unlink", "rows": ["<task_id>"], "at": ...},
                     {"op": "unlink", "rows": ["<task_id>", "<task_id>"], "at": ...}, ...]}

`link A B`: the two rows are one task. `unlink A`: row A starts a task of its own (it does not
continue any earlier row). `unlink A B`: the two rows are kept apart. The corrections are kept
in the order they were made and applied in that order, so the latest correction about a row
wins: `unlink B` then `link A B` links them. Because the file lives beside the tables, not in
them, corrections survive re-ingest. (A file in the first format, {"link": [...], "unlink":
[...]}, is read as its links, then its unlinks, and rewritten in this one at the next change.)
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .corrections_file import OVERRIDES_FILE, load_overrides, save_overrides
from .queries import note_names
from .series import note_series
from .store import Batch, Store


class UnknownTask(ValueError):
    pass


class BadCorrection(ValueError):
    pass


def _rows(store: Store, task_ids: list[str]) -> dict:
    """task_id -> its row (doc_id, the note it is in, the series of that note), for the given
    ids; UnknownTask for a missing one."""
    tasks = store.table("tasks").select(["task_id", "doc_id"]).to_pylist()
    series_of = note_series(store.table("documents").to_pylist())  # doc_id -> (series, note)
    found = {}
    for t in tasks:
        if t["task_id"] in task_ids:
            series, note = series_of.get(t["doc_id"], (None, t["doc_id"]))
            found[t["task_id"]] = dict(t, note=note, series=series)
    for task_id in task_ids:
        if task_id not in found:
            raise UnknownTask(f"no task row with task_id {task_id}")
    return found


def _apply(store: Store, op: str, rows: list[str]) -> None:
    """Append one correction to the log and recompute the keys with it."""
    with store.lock():
        overrides = load_overrides(store.root)
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        overrides["corrections"].append({"op": op, "rows": rows, "at": at})
        save_overrides(store.root, overrides)
    from .linking import relink  # scipy and rapidfuzz: only when a correction is made

    store.commit(Batch(), relink=relink, force=True)


def link(store: Store, first: str, second: str) -> None:
    """Force two task rows (of different notes) into one task."""
    load_overrides(store.root)  # an invalid corrections file is said first, before anything else
    found = _rows(store, [first, second])
    a, b = found[first], found[second]
    if a["series"] != b["series"]:
        raise BadCorrection(f"the two rows are in notes of two series ({a['series']}; {b['series']}): "
                            "tasks are followed within one series")
    if first == second or (a["series"], a["note"]) == (b["series"], b["note"]):
        raise BadCorrection("the two rows are in the same note: a task appears once per note")
    _apply(store, "link", [first, second])


def unlink(store: Store, first: str, second: str | None = None) -> None:
    """Split a row from the task it was linked to (or keep two rows apart)."""
    load_overrides(store.root)  # an invalid corrections file is said first, before anything else
    _rows(store, [first] + ([second] if second else []))
    if second == first:
        raise BadCorrection("give two different rows, or one row to split it off")
    _apply(store, "unlink", [first, second] if second else [first])


def in_force(op: str, rows: list[str], tasks: dict) -> bool:
    """Whether what a correction asked for holds in the store now."""
    if any(r not in tasks for r in rows):
        return False
    if op == "link":
        return tasks[rows[0]]["task_key"] == tasks[rows[1]]["task_key"]
    if len(rows) == 2:
        return tasks[rows[0]]["task_key"] != tasks[rows[1]]["task_key"]
    return tasks[rows[0]]["link_decision"] not in ("linked", "user_link")


def corrections(store: Store, everything: bool = False) -> pd.DataFrame:
    """The user's corrections, oldest first, with the rows they name and whether each holds now
    (a later correction about the same row may have undone it); only those in force unless
    `everything`."""
    log = load_overrides(store.root)["corrections"]
    cols = ["task_id", "doc_id", "task_key", "task_text", "link_decision"]
    docs = note_names(store)  # named as the queries name them: a note without a symbol too
    tasks = {t["task_id"]: t for t in store.table("tasks").select(cols).to_pylist()}
    out = []
    for n, corr in enumerate(log, 1):
        rows = list(corr["rows"])
        named = [tasks.get(r, {}) for r in rows] + [{}] * (2 - len(rows))
        meaning = ("one task" if corr["op"] == "link" else "kept apart" if len(rows) == 2
                   else "starts a task of its own")
        later = [(k, c) for k, c in enumerate(log[n:], n + 1) if set(c["rows"]) & set(rows)]
        repeated = [k for k, c in later if c["op"] == corr["op"] and set(c["rows"]) == set(rows)]
        holds = in_force(corr["op"], rows, tasks) and not repeated
        status = ("in force" if holds else f"repeated by #{repeated[-1]}" if repeated
                  else f"undone by #{later[-1][0]}" if later else "does not hold: its rows are gone or were changed")
        out.append({"n": n, "at": corr.get("at"), "op": corr["op"], "meaning": meaning,
                    "in_force": holds, "status": status,
                    "task_id": rows[0], "symbol": docs.get(named[0].get("doc_id")),
                    "task_text": named[0].get("task_text"),
                    "other_task_id": rows[1] if len(rows) > 1 else None,
                    "other_symbol": docs.get(named[1].get("doc_id")), "other_task_text": named[1].get("task_text")})
    frame = pd.DataFrame(out, columns=["n", "at", "op", "meaning", "in_force", "status", "task_id", "symbol",
                                       "task_text", "other_task_id", "other_symbol", "other_task_text"])
    return frame if everything else frame.loc[frame.in_force.astype(bool)].reset_index(drop=True)


__all__ = ["link", "unlink", "corrections", "UnknownTask", "BadCorrection", "OVERRIDES_FILE", "load_overrides"]
