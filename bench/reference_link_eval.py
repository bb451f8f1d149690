"""How references weigh in linking: the committee's notes at two sessions (tests/fixtures/other-bodies/
iaccw-session7/8), linked with the reference signal at several weights, against the truth
written in the spec (samples/source/iaccw.py): rows carrying the same decision number are one
task, every other pair is not.

Prints, for the pairs that matter, the text score (TF-IDF cosine plus the same-section bonus)
and, per weight, pairwise precision and recall of the links.

    python bench/reference_link_eval.py
"""
from __future__ import annotations

import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTES = [ROOT / "tests" / "fixtures" / "other-bodies" / f"iaccw-session{n}.docx" for n in (7, 8)]
WEIGHTS = [0.0, 0.2, 0.33, 0.4, 0.6, 1.0]


def pairwise(keys: dict, truth: dict) -> tuple[float, float]:
    """Precision and recall of "same task" over every pair of rows of different notes."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(keys), 2):
        if a[0] == b[0]:
            continue
        linked, same = keys[a] == keys[b], truth[a] == truth[b]
        tp += linked and same
        fp += linked and not same
        fn += same and not linked
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main() -> None:
    from somnotes.ingest.pipeline import ingest
    from somnotes.store import linking, open_store
    from somnotes.store.linking import TextIndex, compute_links, section_of

    with tempfile.TemporaryDirectory() as work:
        store = open_store(Path(work) / "store")
        ingest(NOTES, store, workers=1)
        tasks = store.table("tasks").to_pylist()
        docs = store.table("documents").to_pylist()
    symbol = {d["doc_id"]: d["symbol"] for d in docs}
    ident = {t["task_id"]: (symbol[t["doc_id"]], t["reference"]) for t in tasks}
    truth = {ident[t["task_id"]]: t["reference"] for t in tasks}  # one task per decision number

    index = TextIndex([t["task_text"] for t in tasks])
    by_id = {ident[t["task_id"]]: t for t in tasks}
    print("pair (session 7 -> session 8)             text+section  truth")
    for a, b in [("6/1 (a)", "6/1 (a)"), ("6/1 (a)", "7/1"), ("6/2", "6/2"), ("6/3", "6/3")]:
        left, right = by_id[("E/IACCW/2022/4", a)], by_id[("E/IACCW/2023/3", b)]
        score = index.similarity([right["task_text"]], [left["task_text"]])[0, 0]
        score += linking.WEIGHTS["section"] * (section_of(left) == section_of(right))
        print(f"{a:>8} -> {b:<8}                        {score:5.2f}       {'same' if a == b else 'different'}")
    print("\nreference weight  precision  recall")
    original = linking.WEIGHTS["reference"]
    try:
        for weight in WEIGHTS:
            linking.WEIGHTS["reference"] = weight
            keys, _, _ = compute_links([dict(t) for t in tasks], docs, {"corrections": []})
            precision, recall = pairwise({ident[t]: k for t, k in keys.items()}, truth)
            mark = "  <- WEIGHTS['reference']" if weight == original else ""
            print(f"{weight:16.2f}  {precision:9.3f}  {recall:6.3f}{mark}")
    finally:
        linking.WEIGHTS["reference"] = original


if __name__ == "__main__":
    main()
