"""OCR benchmark: scans of the sample notes ingested, scored against the notes' hand-written truth.

    python bench/ocr_benchmark.py                 # the committed scans (tests/fixtures/scans/)
    python bench/ocr_benchmark.py --all           # every note at 150 dpi, 300 dpi, skewed; 2 more layouts
    python bench/ocr_benchmark.py --workers 1 2   # pages/s with each pool size

Scans are made by samples/build_scans.py from the sample PDFs; the truth of a scan is
tests/expected/<note>.json, written from the specs the notes were built from. For each scan, and
over all of them, it prints:
  - rows F1: task rows matched one-to-one to the truth's (Hungarian assignment on task-text
    similarity; a pair counts when the texts are at least ROW_MATCH similar);
  - the share of the truth's tasks whose task text is at least TEXT_GOOD similar to the truth
    (rapidfuzz ratio over whitespace-folded text; a task with no matched row scores 0);
  - the share of the truth's progress items whose status is right (item by item, in order);
  - whether the meeting metadata (organization, symbol, title, segment, number, date) is right;
  - the OCR warnings (mean word confidence);
and pages/s of `somnotes ingest` for each pool size, beside pages/s of the same notes born-digital
(the baseline, measured in this run). With --words, it also reads each scanned page again and
buckets its words by Tesseract's confidence, with the share of each bucket that is a word of the
born-digital note (how far a confidence can be trusted: extract/ocr/policy.py's thresholds).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

from samples.build_scans import LAYOUTS, NOTES, SCANS_DIR, SETTINGS, build, source_pdf, truth_of  # noqa: E402
from somnotes.ingest import ingest  # noqa: E402
from somnotes.store import Store  # noqa: E402

EXPECTED = ROOT / "tests" / "expected"
ROW_MATCH = 0.8  # task texts this similar are the same row (the truth's tasks differ far more)
TEXT_GOOD = 0.98
OCR_PAGES = re.compile(r"^ocr: mean confidence \d+ \((\d+) of \d+ pages OCR'd")
META_FIELDS = ("organization", "symbol", "title", "segment", "meeting_number", "meeting_date")


def folded(text) -> str:
    return " ".join((text or "").split())


def similarity(a, b) -> float:
    return fuzz.ratio(folded(a), folded(b)) / 100.0


def read_table(store: Path, name: str):
    return Store(store).table(name).to_pandas()


def match_rows(got: list[str], want: list[str]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (got index, want index, similarity) of task texts at least ROW_MATCH alike."""
    if not got or not want:
        return []
    sims = np.array([[similarity(g, w) for w in want] for g in got])
    rows, cols = linear_sum_assignment(-sims)
    return [(r, c, float(sims[r, c])) for r, c in zip(rows, cols) if sims[r, c] >= ROW_MATCH]


def score_note(store: Path, source_name: str, truth: dict) -> dict:
    """Score the note stored from the file named `source_name` against its truth."""
    docs = read_table(store, "documents")
    doc = docs[docs.source_path.map(lambda p: Path(p).name) == source_name]
    if doc.empty:
        return {"file": source_name, "stored": False}
    doc = doc.iloc[0]
    tasks = read_table(store, "tasks")
    tasks = tasks[tasks.doc_id == doc.doc_id].sort_values("ordinal")
    items = read_table(store, "progress_items")
    items = items[items.doc_id == doc.doc_id]
    want = truth["tasks"]
    pairs = match_rows(list(tasks.task_text), [t["task_text"] for t in want])
    tp = len(pairs)
    precision = tp / len(tasks) if len(tasks) else 0.0
    recall = tp / len(want)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    by_want = {w: tasks.iloc[g] for g, w, _ in pairs}
    texts = {key: [] for key in ("task_text", "progress_text", "next_steps_text")}
    right_items = total_items = 0
    for w, exp in enumerate(want):
        row = by_want.get(w)
        for key in texts:
            texts[key].append(similarity(row[key], exp[key]) if row is not None else 0.0)
        statuses = [] if row is None else list(items[items.task_id == row.task_id].sort_values("item_no").status)
        for n, item in enumerate(exp["items"]):
            total_items += 1
            right_items += n < len(statuses) and statuses[n] == item["status"]
    meta = truth["meta"]
    meta_wrong = [k for k in META_FIELDS if str(doc[k]) != str(meta[k])]
    return {
        "file": source_name, "stored": True, "pages": int(doc.n_pages), "rows": len(tasks), "truth_rows": len(want),
        "rows_f1": round(f1, 3),
        "tasks_similar": round(sum(s >= TEXT_GOOD for s in texts["task_text"]) / len(want), 3),
        "progress_similar": round(sum(s >= TEXT_GOOD for s in texts["progress_text"]) / len(want), 3),
        "next_steps_similar": round(sum(s >= TEXT_GOOD for s in texts["next_steps_text"]) / len(want), 3),
        "mean_task_similarity": round(float(np.mean(texts["task_text"])), 4),
        "statuses_right": round(right_items / total_items, 3) if total_items else 1.0,
        "metadata_right": not meta_wrong, "metadata_wrong": meta_wrong,
        "ocr": [w for w in doc.warnings if w.startswith("ocr")],
        "ocr_pages": sum(int(m.group(1)) for w in doc.warnings for m in [OCR_PAGES.search(w)] if m),
    }


CONFIDENCE_BUCKETS = (0, 50, 70, 90, 101)


LOW_RES_SCAN = ROOT / "tests" / "fixtures" / "hostile" / "scanned.pdf"  # 2 pages of som26-midterm at 60 dpi


def word_confidence_table(scans: list[tuple[Path, str]]) -> list[tuple[str, int, float]]:
    """Given (scan, note) pairs, for each confidence bucket: (bucket, words OCR read in it, share
    that are words of the born-digital note, as pdfplumber reads it)."""
    import pdfplumber

    from somnotes.extract.ocr.image import read_scanned_page

    found = {b: [0, 0] for b in CONFIDENCE_BUCKETS[:-1]}
    for scan, note in scans:
        with pdfplumber.open(source_pdf(note)) as pdf:
            vocabulary = {w["text"] for page in pdf.pages for w in page.extract_words()}
        with pdfplumber.open(scan) as pdf:
            for page in pdf.pages:
                for word in read_scanned_page(page).words:
                    bucket = max(b for b in CONFIDENCE_BUCKETS[:-1] if word["confidence"] >= b)
                    found[bucket][0] += 1
                    found[bucket][1] += word["text"] in vocabulary
    return [(f"{lo}-{hi - 1}", n, right / n if n else 0.0)
            for (lo, hi), (n, right) in zip(zip(CONFIDENCE_BUCKETS, CONFIDENCE_BUCKETS[1:]), found.values())]


def truth(note: str) -> dict:
    return json.loads((EXPECTED / f"{note}.json").read_text(encoding="utf-8"))


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (pool workers, Tesseract)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(scans: list[Path], workers: int, folder: Path) -> tuple[float, float, Path]:
    """Ingest the scans into a new store with `workers` processes; return (seconds, CPU seconds,
    store). The CPU time counts on a machine others share too, where wall time does not."""
    store = folder / f"store-{workers}"
    started, cpu_started = time.perf_counter(), cpu_seconds()
    summary = ingest(scans, Store(store), workers=workers)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    if summary.errors:
        print("\n".join(summary.error_lines), file=sys.stderr)
    return seconds, cpu, store


LOAD_BEFORE = " ".join(f"{v:.1f}" for v in os.getloadavg())  # other work on the machine slows OCR


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every note at every setting (built into a temp folder)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument("--words", action="store_true", help="also the words by confidence (OCRs each page again)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="somnotes-ocr-") as tmp:
        tmp = Path(tmp)
        if args.all:
            scans = build([(n, s) for n in NOTES for s in SETTINGS] + [(n, "300dpi") for n in LAYOUTS], tmp / "scans")
        else:
            scans = sorted(SCANS_DIR.glob("*.pdf"))
        digital = sorted({source_pdf(truth_of(s)) for s in scans})
        base_seconds, _, _ = run(digital, max(args.workers), tmp / "digital")
        base_pages = sum(int(n) for n in read_table(tmp / "digital" / f"store-{max(args.workers)}", "documents").n_pages)
        timings = {}
        store = None
        for workers in args.workers:
            seconds, cpu, store = run(scans, workers, tmp)
            timings[workers] = (seconds, cpu)
        scores = [score_note(store, s.name, truth(truth_of(s))) for s in scans]
        buckets = word_confidence_table([(s, truth_of(s)) for s in scans] + [(LOW_RES_SCAN, "som26-midterm")]) \
            if args.words else []
    pages = sum(s.get("ocr_pages", 0) for s in scores)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()}; load average before the run {LOAD_BEFORE}")
    keys = ("rows", "truth_rows", "rows_f1", "tasks_similar", "progress_similar", "next_steps_similar",
            "statuses_right", "metadata_right")
    print("file".ljust(34) + " ".join(k.rjust(12) for k in keys) + "  ocr")
    for s in scores:
        print(s["file"].ljust(34) + " ".join(str(s.get(k)).rjust(12) for k in keys) + "  " + "; ".join(s.get("ocr", [])))
        if s.get("metadata_wrong"):
            print(" " * 34 + f"metadata wrong: {s['metadata_wrong']}")
    total = {k: round(float(np.mean([s[k] for s in scores])), 3) for k in keys[2:-1]}
    print(f"mean over {len(scores)} scans: " + ", ".join(f"{k} {v}" for k, v in total.items())
          + f", metadata right {sum(s['metadata_right'] for s in scores)}/{len(scores)}")
    for workers, (seconds, cpu) in timings.items():
        # a pool's readers are the fork server's children, not this process's: their CPU time
        # never reaches RUSAGE_CHILDREN here, so it is given for one worker only
        usage = f"{cpu / pages:.1f} CPU s a page; {cpu / seconds:.2f} cores busy on average" if workers == 1 else \
            "CPU time not counted (the readers are the fork server's children)"
        print(f"OCR ingest, {workers} worker(s): {pages} pages OCR'd in {seconds:.1f} s = {pages / seconds:.2f} pages/s; "
              + usage)
    print(f"born-digital baseline ({max(args.workers)} workers): {base_pages} pages in {base_seconds:.1f} s = "
          f"{base_pages / base_seconds:.1f} pages/s; OCR is {base_seconds / base_pages * pages / timings[max(args.workers)][0]:.3f} "
          "of its speed")
    for bucket, n, right in buckets:
        print(f"words read with confidence {bucket} (these scans and the 60 dpi one): {n}, of which {right:.1%} "
              "are words of the born-digital note")
    if args.json:
        args.json.write_text(json.dumps({"scores": scores, "timings": timings}, indent=1, default=str))


if __name__ == "__main__":
    main()
