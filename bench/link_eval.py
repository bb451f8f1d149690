"""Score task linking on the two labelled series and print the figures the weights in
store/linking.py are explained with.

    python bench/link_eval.py [--samples-store DIR] [--series-store DIR] [--sweep]

The series: the three sample notes (truth: tests/test_cross_note.py SAME_TASK) and the eight
notes of the long series (truth: tests/fixtures/series/truth.json). Without a store the script
ingests the files into a temporary one. It prints, per series:
  - pairwise precision, recall and F1 of "these two rows are one task", with today's weights
    and with the text-only model (text + section bonus, as before the state and continuity
    features);
  - the hardest true links (text < 0.9, or a state feature set) with their features and score;
  - for every row, the best-scoring wrong task, where it scores within 0.25 of the threshold
    or its text is >= 0.40: what keeps look-alikes apart;
  - the wrong tasks worded alike (text >= 0.40) that a state feature demotes: a completed or
    cancelled task, or one absent while open;
  - with --sweep: for the threshold and each weight, the range of values (others fixed) over
    which both series keep F1 = 1.0.
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from somnotes.ingest import ingest
from somnotes.store import Store, linking

SERIES_TRUTH = ROOT / "tests" / "fixtures" / "series" / "truth.json"
SWEEP_STEP = 0.01
SWEEP_RANGES = {"threshold": (0.20, 0.90), "text": (0.50, 1.50), "section": (0.0, 0.40),
                "continuity": (0.0, 2.00), "closed": (-1.0, 0.0), "absent": (-0.6, 0.0)}
HARD_TEXT = 0.9
NEAR = 0.25
LOOK_ALIKE_TEXT = 0.40


def samples_truth() -> dict:
    """(symbol, ordinal) -> task name, from the hand-written table of tests/test_cross_note.py."""
    from test_cross_note import SAME_TASK, SYMBOLS
    return {(SYMBOLS[note], ordinal): task for task, where in SAME_TASK.items() for note, ordinal in where.items()}


def series_truth() -> dict:
    truth = json.loads(SERIES_TRUTH.read_text(encoding="utf-8"))
    return {(n["symbol"], r["ordinal"]): r["label"] for n in truth["notes"] for r in n["rows"]}


class Series:
    """One labelled series: its rows as the linker reads them, and the truth."""

    def __init__(self, name: str, store: Store, truth: dict):
        self.name, self.truth = name, truth
        tasks, documents = store.table("tasks"), store.table("documents")
        self.rows = tasks.select(linking.ROW_COLUMNS).to_pylist()
        self.docs = documents.select(linking.DOC_COLUMNS).to_pylist()
        symbol = {d["doc_id"]: d["symbol"] for d in self.docs}
        self.label = {r["task_id"]: truth[(symbol[r["doc_id"]], r["ordinal"])] for r in self.rows}
        self.where = {r["task_id"]: f"{symbol[r['doc_id']]} #{r['ordinal']}" for r in self.rows}

    def run(self, trace=None) -> dict:
        keys, _, _ = linking.compute_links([dict(r) for r in self.rows], self.docs, {"corrections": []}, trace)
        return keys

    def pairwise(self, keys: dict) -> tuple[float, float, float]:
        tp = fp = fn = 0
        for a, b in itertools.combinations(sorted(self.label), 2):
            same, linked = self.label[a] == self.label[b], keys[a] == keys[b]
            tp += same and linked
            fp += linked and not same
            fn += same and not linked
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@contextlib.contextmanager
def settings(**values):
    """Temporarily set the threshold and weights of store/linking.py."""
    saved = dict(linking.WEIGHTS), linking.LINK_THRESHOLD
    for name, value in values.items():
        if name == "threshold":
            linking.LINK_THRESHOLD = value
        else:
            linking.WEIGHTS[name] = value
    try:
        yield
    finally:
        linking.WEIGHTS.clear()
        linking.WEIGHTS.update(saved[0])
        linking.LINK_THRESHOLD = saved[1]


def fmt(values: dict, score: float) -> str:
    return " ".join(f"{n}={values[n]:.2f}" for n in linking.FEATURES) + f"  score={score:.2f}"


def pairs(series: Series):
    """Every (row, candidate) pair the linker weighed: (row, candidate label, features, score)."""
    out = []

    def trace(rows, candidates, features):
        scores = linking.weighted(features)
        for i, row in enumerate(rows):
            for j, cand in enumerate(candidates):
                values = {n: float(features[n][i, j]) for n in linking.FEATURES}
                out.append((row, series.label[cand.last_row], values, float(scores[i, j])))
    series.run(trace)
    return out


def report(series: Series) -> None:
    print(f"\n== {series.name}: {len({series.where[t].split(' #')[0] for t in series.label})} notes, "
          f"{len(series.rows)} rows (Word and PDF), {len(set(series.label.values()))} tasks")
    p, r, f = series.pairwise(series.run())
    print(f"pairwise P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (weights {linking.WEIGHTS}, threshold {linking.LINK_THRESHOLD})")
    with settings(continuity=0.0, closed=0.0, absent=0.0):
        p, r, f = series.pairwise(series.run())
    print(f"text-only model (text + section bonus): P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    weighed = pairs(series)
    print("hardest true links (the row and its task's latest earlier row):")
    for row, cand, values, score in sorted(weighed, key=lambda x: x[3]):
        if cand == series.label[row["task_id"]] and (values["text"] < HARD_TEXT or values["closed"] or values["absent"]):
            print(f"  {series.where[row['task_id']]:26} {cand[:34]:34} {fmt(values, score)}")
    print(f"best wrong task of each row (score >= threshold - {NEAR} or text >= {LOOK_ALIKE_TEXT}):")
    best: dict = {}
    for row, cand, values, score in weighed:
        if cand != series.label[row["task_id"]] and score > best.get(row["task_id"], (None, None, -9))[2]:
            best[row["task_id"]] = (cand, values, score)
    for tid, (cand, values, score) in sorted(best.items(), key=lambda x: -x[1][2]):
        if score >= linking.LINK_THRESHOLD - NEAR or values["text"] >= LOOK_ALIKE_TEXT:
            print(f"  {series.where[tid]:26} {series.label[tid][:24]:24} <- {cand[:24]:24} {fmt(values, score)}")
    print(f"wrong tasks a state feature demotes (closed, or absent while open; text >= {LOOK_ALIKE_TEXT}):")
    seen = set()
    for row, cand, values, score in sorted(weighed, key=lambda x: -x[2]["text"]):
        pair = (series.label[row["task_id"]], cand)
        if cand != pair[0] and pair not in seen and values["text"] >= LOOK_ALIKE_TEXT and (values["closed"] or values["absent"]):
            seen.add(pair)
            print(f"  {series.where[row['task_id']]:26} {pair[0][:24]:24} <- {cand[:24]:24} {fmt(values, score)}")


def sweep(all_series: list[Series]) -> None:
    """For each setting alone, the values that keep F1 = 1.0 on every series."""
    print(f"\n== ranges keeping pairwise F1 = 1.0 on {', '.join(s.name for s in all_series)} (others as set)")
    for name, (low, high) in SWEEP_RANGES.items():
        current = linking.LINK_THRESHOLD if name == "threshold" else linking.WEIGHTS[name]
        good = []
        for value in np.arange(low, high + SWEEP_STEP / 2, SWEEP_STEP):
            with settings(**{name: round(float(value), 4)}):
                if all(s.pairwise(s.run())[2] == 1.0 for s in all_series):
                    good.append(round(float(value), 2))
        span = f"{min(good):.2f} .. {max(good):.2f}" if good else "none"
        gaps = len(good) and len(good) != round((max(good) - min(good)) / SWEEP_STEP) + 1
        print(f"  {name:11} set {current:+.2f}   F1 = 1.0 for {span}{' (with holes)' if gaps else ''}"
              f"   (scanned {low:+.2f} .. {high:+.2f})")


def stored(folder: str | None, files: list[Path], tmp: Path, name: str) -> Store:
    """The given store, or a new one in tmp holding `files`."""
    if folder:
        return Store(folder)
    store = Store(tmp / name)
    ingest(files, store, workers=1)
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples-store")
    parser.add_argument("--series-store")
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="somnotes-links-") as tmp:
        samples = Series("samples (3 notes)", stored(args.samples_store, [ROOT / "samples"], Path(tmp), "samples"),
                         samples_truth())
        series = Series("long series (8 notes)", stored(args.series_store, [SERIES_TRUTH.parent], Path(tmp), "series"),
                        series_truth())
        for s in (samples, series):
            report(s)
        if args.sweep:
            sweep([samples, series])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
