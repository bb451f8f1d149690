"""Benchmark somnotes on a synthetic archive and print the figures the README quotes.

    python bench/benchmark.py [--notes 200] [--workers N] [--query-notes 10000] [--rounds 2]

In one run, on this machine:
  - pages/s of PDF `ingest` per engine (`--pdf-engine pdfium`, the default, and pdfplumber,
    the reader of before) and per worker count (1 and --workers), each ingest in a fresh
    interpreter as `somnotes ingest` runs (its start-up timed with it; every checkout's sources
    compiled to bytecode first, as an installed copy has them: ingest_timeline.compile_sources),
    each engine's run and bare pdfplumber `page.extract_tables()` over the same PDFs (the
    baseline, in this process, one file after another) taken in turn, --rounds times: the
    machine is shared, so each ratio is of runs made side by side, and the medians are printed;
  - peak RSS of a process doing a worker's job on 12 PDFs with each engine (one worker: the
    process reads them itself), each in a fresh interpreter, and with --before, the other
    checkout's by the same script, so that the three compare; then the same with two workers:
    the readers' peak RSS and that of the processes between (the fork server), read from /proc;
  - where a PDF ingest's time goes with pdfium: worker start-up (a fresh interpreter importing
    the worker, spaCy and dateparser built on its first note: what --workers 1 pays, and a pool's
    fork server once; bench/startup.py times a reader forked from it), reading, normalising, commits;
  - notes/s and pages/s of `ingest` for Word (N/2 notes);
  - re-ingest time of the unchanged archive as a fraction of the first ingest, and after `touch`
    on every file (new mtimes, same bytes) against the untouched re-ingest, measured in this run;
  - peak RSS of a worker process;
  - the time of one commit of --query-notes notes with linking (wall clock and CPU), and
    history, stalled, overdue and links --review latency over that store.

    python bench/benchmark.py --only-commit   # the commit and the queries only
    python bench/benchmark.py --only-commit --distinct-texts [--query-notes 1000]
    python bench/benchmark.py --only-reingest # re-ingest untouched and after `touch` only
    python bench/benchmark.py --only-pdf      # the PDF figures only
    python bench/benchmark.py --only-pdf --before ../before   # and against another checkout

--before CHECKOUT: another checkout with its own .venv (a worktree of f62a431, the tree before
issue 24, for its bar: PDF ingest >= 5x the pages/s of before) runs the same fresh ingests, with
its default PDF reader, in turn with this one's in every round; its pages/s are printed, and each
of this checkout's engines and worker counts as a multiple of them (the ratio of the medians of
the rounds; the other checkout runs first in every other round); its peak RSS, in one process
and its readers', is taken by the same scripts as this one's, for the bar's "peak worker memory
no higher".

--distinct-texts: each row of the commit's store gets words of its own (drawn from the English word
list, seeded), as a real archive's progress texts differ from note to note; the sample notes' rows
repeated hold 119 distinct texts (31 task texts, 88 progress and next steps texts) whatever the
store's size, which hides what reading the texts costs a commit. Then one more commit of
COMMIT_EVERY notes onto that store is timed too (a series of their own): what each commit of an
ingest into it pays, since a commit links every stored text afresh; the queries then run over
both. Random dictionary words are not a note's prose: the store's distinct words (128,509 tokens
in the whole list) fit the stems kept by store/similarity.py, so nearly every word is found there.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
from ingest_timeline import compile_sources, python_of, timed_ingest  # noqa: E402  (this folder: the script's own)

from samples.synthesize import synthesize  # noqa: E402
from somnotes.defaults import COMMIT_EVERY  # noqa: E402
from somnotes.extract.pdf.lines import english_word_list  # noqa: E402
from somnotes.extract.pdf.source import PDF_ENGINES  # noqa: E402
from somnotes.ingest import ingest  # noqa: E402
from somnotes.ingest.pipeline import process_file  # noqa: E402
from somnotes.store import Store, queries  # noqa: E402
from somnotes.store.linking import relink  # noqa: E402
from somnotes.store.store import Batch  # noqa: E402

QUERY_REPEATS = 7
MEMORY_FILES = 12  # PDFs ingested in the child process whose workers' peak RSS is taken, per engine
# An ingest of the PDFs in a fresh interpreter of a checkout (argv: the PDFs, the store, the
# engine or None for the checkout's default, the workers), which prints as JSON, MB: its own peak
# RSS ("self": with one worker it reads the files itself) and, where there is a /proc (Linux),
# what it watched of its descendants while they ran: each reader's peak RSS (VmHWM; its
# children's children: with a fork server, what the pool starts), that of the processes between
# (the fork server, multiprocessing's resource tracker), and the largest sum of their proportional
# set sizes (Pss: a page shared by n processes counts 1/n in each), the memory they take together
# (the ingesting process itself, which commits, left out), which a reader's RSS overstates
# where it shares pages. The same script for every engine and for --before. A poll reads every
# /proc entry once and the watched processes' smaps_rollup: about 50 ms apart, and a reader's
# growth in its last such stretch before it ends is missed.
MEMORY_PROBE = """
import json, os, resource, sys, threading, time
from pathlib import Path
from somnotes.ingest import ingest
from somnotes.store import Store

def parents():
    out = {}
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/stat") as fh:
                out[int(name)] = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            pass
    return out

def field_mb(path, key):
    with open(path) as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(key))

def watch(peaks, sums, done):
    while not done.is_set():
        parent_of = parents()
        middles = [pid for pid, parent in parent_of.items() if parent == os.getpid()]
        readers = [pid for pid, parent in parent_of.items() if parent in middles]
        together = 0.0
        for pid, kind in [(m, "between") for m in middles] + [(r, "readers") for r in readers]:
            try:
                peaks[pid] = (kind, max(field_mb(f"/proc/{pid}/status", "VmHWM:"), peaks.get(pid, (kind, 0))[1]))
                together += field_mb(f"/proc/{pid}/smaps_rollup", "Pss:")
            except (OSError, StopIteration):
                pass
        sums.append(together)
        time.sleep(0.02)

if __name__ == "__main__":
    pdfs, store, engine, workers = json.loads(sys.argv[1])
    peaks, sums, done = {}, [0.0], threading.Event()
    watcher = threading.Thread(target=watch, args=(peaks, sums, done), daemon=True)
    if os.path.exists("/proc/self/status"):
        watcher.start()
    try:
        ingest([Path(p) for p in pdfs], Store(Path(store)), workers=workers,
               **({} if engine is None else {"pdf_engine": engine}))
    finally:  # a failed ingest fails the probe, not hangs it
        done.set()
        if watcher.is_alive():
            watcher.join()
    print(json.dumps({"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "together": max(sums),
                      **{kind: sorted(mb for k, mb in peaks.values() if k == kind) for kind in ("between", "readers")}}))
"""
STARTUP_PROBE = """
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from somnotes.ingest.worker import process_file
t1 = time.perf_counter()
process_file(Path(sys.argv[1]))
t2 = time.perf_counter()
process_file(Path(sys.argv[1]))
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""
SERIES_SIZE = 100  # notes per organization in the synthetic 10,000-note store
# --distinct-texts: words of its own added to each row's task, progress and next steps texts
OWN_WORDS = {"task_text": 3, "progress_text": 8, "next_steps_text": 5}
WORD_SEED = 7
TOUCH_NS = 10**9  # `touch` moves each file's mtime on by a second


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def twin_pages(samples: Path) -> dict:
    """Pages of each sample note's PDF (a synthetic note has its sample's pages)."""
    pages = {}
    for name in ("som26-midterm", "som26-annual", "som27-midterm"):
        with pdfplumber.open(samples / f"{name}.pdf") as pdf:
            pages[name] = len(pdf.pages)
    return pages


def bare_pdfplumber(pdfs: list[Path]) -> tuple[float, int]:
    pages = 0
    start = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    return time.perf_counter() - start, pages


# An ingest as `somnotes ingest` runs it: a fresh interpreter, whose start-up (imports, spaCy and
# dateparser built in it or in its pool's fork server) is part of what is timed, the same for
# every engine and worker count whatever ran before it in this process.
def fresh_ingest(pdfs: list[Path], store: Path, workers: int, engine: str | None,
                 checkout: Path = ROOT) -> tuple[float, int]:
    """Wall-clock seconds of an ingest of `pdfs` in a fresh interpreter (bench/ingest_timeline.py's
    timed_ingest) by `checkout`'s somnotes, and its tasks."""
    start = time.perf_counter()
    marks = timed_ingest(checkout, pdfs, store, workers, engine)
    return time.perf_counter() - start, marks["tasks"]


def engine_rounds(pdfs: list[Path], pages: int, workers: list[int], rounds: int, tmp: Path,
                  before: Path | None = None) -> None:
    """Print pages/s of PDF ingest per engine and worker count, each in a fresh interpreter
    (fresh_ingest), and each run's ratio to bare pdfplumber extract_tables() timed just before it
    in this process (medians over `rounds`); with `before` (another checkout), its ingest too, in
    each round beside this one's, and this one's pages/s as a multiple of its."""
    runs: dict = {}
    before_runs: dict = {}
    for r in range(rounds):
        for w in workers:
            # (checkout, engine): this one's engines, then the other checkout with its default
            order = [(ROOT, engine) for engine in PDF_ENGINES] + ([(before, None)] if before is not None else [])
            for checkout, engine in order if r % 2 == 0 else order[::-1]:  # the other first every other round
                if checkout != ROOT:
                    seconds, tasks = fresh_ingest(pdfs, tmp / f"pdf-before-{w}-{r}", w, None, checkout)
                    before_runs.setdefault(w, []).append((seconds, tasks))
                    print(f"  round {r + 1}, {w} worker(s), {checkout}: {seconds:6.1f} s", flush=True)
                    continue
                bare_s, _ = bare_pdfplumber(pdfs)
                seconds, tasks = fresh_ingest(pdfs, tmp / f"pdf-{engine}-{w}-{r}", w, engine)
                runs.setdefault((engine, w), []).append((seconds, bare_s, tasks))
                print(f"  round {r + 1}, {w} worker(s), {engine:10}: {seconds:6.1f} s  "
                      f"(bare pdfplumber just before: {bare_s:.1f} s)", flush=True)
    print(f"\nPDF ingest of {len(pdfs)} notes ({pages} pages), medians of {rounds} rounds:")
    for w in workers:
        base = statistics.median(s for s, _, _ in runs[("pdfplumber", w)])
        for engine in PDF_ENGINES:
            seconds = statistics.median(s for s, _, _ in runs[(engine, w)])
            ratio = statistics.median(s / b for s, b, _ in runs[(engine, w)])
            tasks = {t for _, _, t in runs[(engine, w)]}
            print(f"  {engine:10} {w} worker(s): {pages / seconds:7.1f} pages/s  {len(pdfs) / seconds:6.1f} notes/s  "
                  f"ingest / bare pdfplumber extract_tables: {ratio:.3f}  x{base / seconds:.2f} of pdfplumber's "
                  f"pages/s  tasks {sorted(tasks)}")
    for w in workers if before is not None else []:
        seconds = statistics.median(s for s, _ in before_runs[w])
        tasks = {t for _, t in before_runs[w]}
        print(f"  {before}, {w} worker(s): {pages / seconds:7.1f} pages/s  tasks {sorted(tasks)}; this checkout's "
              + ", ".join(f"{engine} x{seconds / statistics.median(s for s, _, _ in runs[(engine, w)]):.2f}"
                          for engine in PDF_ENGINES) + " of its pages/s")


def peak_memory(pdfs: list[Path], tmp: Path, before: Path | None = None) -> None:
    """Print the peak RSS of a fresh interpreter doing a worker's job on the same PDFs (one
    worker: it reads them itself) with each engine, and with `before`'s somnotes (its default
    reader), by the same script (MEMORY_PROBE); then, where there is a /proc, the peak RSS of
    the readers of a two-worker ingest of them and of the processes between, and their Pss
    together."""
    files = [str(p) for p in pdfs[:MEMORY_FILES]]
    runs = [(ROOT, engine) for engine in PDF_ENGINES] + ([(before, None)] if before is not None else [])
    pool_too = Path("/proc/self/status").exists()
    for workers in (1, 2) if pool_too else (1,):
        peaks = {}
        for n, (checkout, engine) in enumerate(runs):
            argv = json.dumps([files, str(tmp / f"memory-{workers}-{n}"), engine, workers])
            out = subprocess.run([python_of(checkout), "-c", MEMORY_PROBE, argv], cwd=checkout, capture_output=True,
                                 text=True, check=True)
            peaks[checkout, engine] = json.loads(out.stdout.strip().splitlines()[-1])
        what = "a worker's job in one process" if workers == 1 else "two workers"
        print(f"  peak RSS, {what} ({len(files)} PDFs):")
        for (checkout, engine), mb in peaks.items():
            name = engine or str(checkout)
            if workers == 1:
                against = f" ({mb['self'] - peaks[before, None]['self']:+.0f} MB against {before})" \
                    if before is not None and engine else ""
                print(f"    {name}: {mb['self']:.0f} MB{against}")
            else:
                print(f"    {name}: readers {', '.join(f'{r:.0f}' for r in mb['readers'])} MB; "
                      f"between (fork server, resource tracker) {', '.join(f'{r:.0f}' for r in mb['between'])} MB; "
                      f"readers and those between together (Pss) {mb['together']:.0f} MB")


def cost_breakdown(pdfs: list[Path], tmp: Path) -> None:
    """Print where a PDF ingest's time goes with pdfium, all measured in one ingest with one
    worker (in this process): reading, normalising, commits; and a worker's start-up, measured in
    a fresh interpreter."""
    import subprocess

    from somnotes.ingest import worker

    out = subprocess.run([sys.executable, "-c", STARTUP_PROBE, str(pdfs[0])], capture_output=True, text=True,
                         check=True).stdout.split()
    imports_s, first_s, again_s = (float(v) for v in out[-3:])
    spent = {"read": 0.0, "normalise": 0.0, "commit": 0.0}
    originals = (worker.extract_note, worker.note_records, Store.commit)

    def timing(kind, fn):
        def run(*args, **kwargs):
            seconds, result = timed(fn, *args, **kwargs)
            spent[kind] += seconds
            return result
        return run

    worker.extract_note = timing("read", originals[0])  # type: ignore[assignment]
    worker.note_records = timing("normalise", originals[1])  # type: ignore[assignment]
    Store.commit = timing("commit", originals[2])  # type: ignore[method-assign]
    try:
        ingest_s, _ = timed(ingest, pdfs, Store(tmp / "breakdown-store"), workers=1, pdf_engine="pdfium")
    finally:
        worker.extract_note, worker.note_records, Store.commit = originals  # type: ignore[method-assign]
    startup_s = imports_s + first_s - again_s
    rest = ingest_s - sum(spent.values())
    print(f"\nwhere PDF ingest time goes with pdfium ({len(pdfs)} notes, one worker, this process: {ingest_s:.2f} s):")
    for kind, seconds in spent.items():
        print(f"  {kind:10} {seconds:6.2f} s = {seconds / ingest_s:4.0%}")
    print(f"  the rest   {rest:6.2f} s = {rest / ingest_s:4.0%} (finding files, hashing, the build where this "
          f"process has not built yet and a collection before the first file, the summary)")
    print(f"  a worker's start-up: {startup_s:.2f} s = {startup_s / ingest_s:.0%} of this ingest (imports "
          f"{imports_s:.2f} s; spaCy and dateparser built on its first note {first_s - again_s:.2f} s), once "
          f"per ingest: in its own process with --workers 1, in the fork server for a pool, whose readers "
          f"fork with it all built (before and after: bench/startup.py)")


def synthetic_store(store: Store, n_notes: int, sample_store: Store, distinct: bool = False,
                    start: int = 0) -> tuple[Store, float, float]:
    """n_notes notes (organizations of SERIES_SIZE notes each, the sample notes' rows repeated
    with new ids) committed to `store` in one batch, links computed as in any commit; returns
    it, the commit's wall-clock seconds and its CPU seconds. `distinct`: each row's texts get
    words of their own (OWN_WORDS); `start` numbers the notes from there (a store that holds
    notes numbered below it takes them as one more commit)."""
    docs = sorted((d for d in sample_store.table("documents").to_pylist() if d["format"] == "docx"),
                  key=lambda d: d["meeting_date"])
    tasks_of, items_of = {}, {}
    for t in sample_store.table("tasks").to_pylist():
        tasks_of.setdefault(t["doc_id"], []).append(t)
    for it in sample_store.table("progress_items").to_pylist():
        items_of.setdefault(it["task_id"], []).append(it)
    rng = random.Random(WORD_SEED + start)
    words = sorted(english_word_list()) if distinct else []

    def own(text: str | None, field: str) -> str | None:
        if not distinct:
            return text
        return " ".join([text or "", *rng.choices(words, k=OWN_WORDS[field])]).strip()

    batch = Batch()
    for n in range(start, start + n_notes):
        src = docs[n % len(docs)]
        org, k = divmod(n, SERIES_SIZE)
        doc_id = hashlib.sha256(f"synthetic note {n}".encode()).hexdigest()  # as real doc_ids: unique prefixes
        batch.add("documents", [dict(src, doc_id=doc_id, organization=f"Organization {org}",
                                     symbol=f"ORG{org} SOM{k}/{n}", source_path=f"/synthetic/{n}.docx",
                                     meeting_date=dt.date(2000, 1, 1) + dt.timedelta(days=120 * k))])
        for t in tasks_of[src["doc_id"]]:
            task_id = f"{doc_id[:16]}-{t['ordinal']:03d}"
            texts = {field: own(t[field], field) for field in OWN_WORDS}
            batch.add("tasks", [dict(t, doc_id=doc_id, task_id=task_id, **texts)])
            batch.add("progress_items", [dict(it, doc_id=doc_id, task_id=task_id) for it in items_of[t["task_id"]]])
    cpu = time.process_time()
    seconds, _ = timed(store.commit, batch, relink=relink)
    return store, seconds, time.process_time() - cpu


def query_ms(fn, *args, **kwargs) -> float:
    fn(*args, **kwargs)  # warm the file cache and DuckDB
    runs = []
    for _ in range(QUERY_REPEATS):
        seconds, _ = timed(fn, *args, **kwargs)
        runs.append(seconds * 1000)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--query-notes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2, help="PDF ingest runs per engine and worker count")
    parser.add_argument("--only-pdf", action="store_true", help="the PDF figures only")
    parser.add_argument("--before", type=Path, help="another checkout (with its .venv) whose PDF ingest runs in turn")
    parser.add_argument("--only-commit", action="store_true",
                        help="skip the ingest figures: only the commit with linking and the queries")
    parser.add_argument("--only-reingest", action="store_true",
                        help="only the re-ingest figures: untouched, and after touch on every file")
    parser.add_argument("--distinct-texts", action="store_true",
                        help="the commit's store with texts of its own in every row, then one more commit timed")
    args = parser.parse_args()
    if args.before and (args.only_commit or args.only_reingest):
        parser.error("--before times PDF ingests: not with --only-commit or --only-reingest")

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    for checkout in [ROOT] + ([args.before.resolve()] if args.before else []):
        print(f"{checkout}: sources compiled to bytecode in {compile_sources(checkout):.1f} s (as installed)")
    with tempfile.TemporaryDirectory(prefix="somnotes-bench-") as tmp:
        tmp = Path(tmp)
        if args.only_commit:
            ingest([ROOT / "samples"], Store(tmp / "all-store"), workers=1)
            commit_and_queries(tmp, args.query_notes, args.distinct_texts)
            return 0
        archive = tmp / "archive"
        files = synthesize(archive, args.notes)
        if args.only_reingest:
            store = Store(tmp / "all-store")
            first_s, _ = timed(ingest, [archive], store, workers=args.workers)
            print(f"\ningest of {len(files)} synthetic notes, {args.workers} workers: {first_s:.1f} s")
            reingest_after_touch(archive, files, store, args.workers, first_s)
            return 0
        pdfs = [f for f in files if f.suffix == ".pdf"]
        words = [f for f in files if f.suffix == ".docx"]
        process_file(pdfs[0])  # build spaCy and dateparser once here, as every worker does

        pdf_pages = sum(twin_pages(ROOT / "samples")[f.name.rsplit("-", 1)[0]] for f in pdfs)
        engine_rounds(pdfs, pdf_pages, sorted({1, args.workers}), args.rounds, tmp,
                      args.before.resolve() if args.before else None)
        peak_memory(pdfs, tmp, args.before.resolve() if args.before else None)
        cost_breakdown(pdfs[: max(2, len(pdfs) // 4)], tmp)
        if args.only_pdf:
            return 0
        word_s, word_summary = timed(ingest, words, Store(tmp / "word-store"), workers=args.workers)
        # Word files built by python-docx do not record their page count: count each note's
        # pages in its PDF export instead
        pages_of = twin_pages(ROOT / "samples")
        word_pages = sum(pages_of[f.name.rsplit("-", 1)[0]] for f in words)
        worker_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        store = Store(tmp / "all-store")
        first_s, _ = timed(ingest, [archive], store, workers=args.workers)
        again_s, again = timed(ingest, [archive], store, workers=args.workers)
        assert again.skipped == len(files)

        print(f"\ningest of {len(files)} synthetic notes ({len(pdfs)} PDF, {len(words)} Word), {args.workers} workers")
        print(f"  Word: {len(words) / word_s:7.1f} notes/s  {word_pages / word_s:7.1f} pages/s  ({word_s:.1f} s, "
              f"{word_summary.tasks} tasks)")
        print(f"  re-ingest of the unchanged archive: {again_s:.2f} s = {again_s / first_s:.1%} of the first "
              f"({first_s:.1f} s)")
        reingest_after_touch(archive, files, store, args.workers, first_s)
        print(f"  peak RSS of a worker process: {worker_rss_mb:.0f} MB; "
              f"this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

        commit_and_queries(tmp, args.query_notes, args.distinct_texts)
    return 0


def touch_all(files: list[Path]) -> None:
    """`touch` every file: a new modification time, the same bytes (a checkout, rsync without -t)."""
    for path in files:
        later = path.stat().st_mtime_ns + TOUCH_NS
        os.utime(path, ns=(later, later))


def reingest_after_touch(archive: Path, files: list[Path], store: Store, workers: int, first_s: float) -> None:
    """Print re-ingest times of the stored archive: untouched (the baseline, in this process),
    then after `touch` on every file (hashed, its new mtime recorded in one commit, nothing
    parsed; reading every file again, as before issue 26, costs about the first ingest's
    `first_s`), then again (skipped unopened, as untouched)."""
    timed(ingest, [archive], store, workers=workers)  # warm: DuckDB and the store's first read
    untouched_s, untouched = timed(ingest, [archive], store, workers=workers)
    touch_all(files)
    touched_s, touched = timed(ingest, [archive], store, workers=workers)
    again_s, again = timed(ingest, [archive], store, workers=workers)
    assert untouched.skipped == touched.skipped == again.skipped == len(files)
    print(f"  re-ingest untouched (baseline): {untouched_s:.2f} s")
    print(f"  re-ingest after touch on every file: {touched_s:.2f} s = {touched_s / untouched_s:.1f}x the untouched "
          f"= {touched_s / first_s:.1%} of the first ingest (hashes {len(files)} files and records their mtimes "
          "in one commit; parses none)")
    print(f"  the re-ingest after that: {again_s:.2f} s = {again_s / untouched_s:.1f}x the untouched")


def commit_and_queries(tmp: Path, n_notes: int, distinct: bool = False) -> None:
    """Print the time of one commit of n_notes synthetic notes with linking (their texts made
    distinct if `distinct`, then one more commit of COMMIT_EVERY notes timed too), and query
    latencies."""
    big, commit_s, commit_cpu = synthetic_store(Store(tmp / "big-store"), n_notes, Store(tmp / "all-store"), distinct)
    n_tasks = big.table("tasks").num_rows
    key = big.table("tasks").column("task_key")[0].as_py()
    # CPU seconds of this process too: on a shared machine they vary less than the wall clock
    texts = "distinct texts" if distinct else "the samples' texts"
    print(f"\nstore of {n_notes} notes ({n_tasks} task rows, {texts}): one commit with linking {commit_s:.1f} s "
          f"({commit_cpu:.1f} s of CPU)")
    if distinct:
        _, more_s, more_cpu = synthetic_store(big, COMMIT_EVERY, Store(tmp / "all-store"), distinct, start=n_notes)
        print(f"  then {COMMIT_EVERY} notes more, one commit: {more_s:.1f} s ({more_cpu:.1f} s of CPU); "
              f"the queries over all {n_notes + COMMIT_EVERY}:")
    print(f"  history by key:      {query_ms(queries.history, big, task_key=key):7.1f} ms (median of {QUERY_REPEATS})")
    print(f"  history --search:    {query_ms(queries.history, big, search='E-waste'):7.1f} ms")
    print(f"  stalled (window 3):  {query_ms(queries.stalled, big):7.1f} ms")
    print(f"  overdue:             {query_ms(queries.overdue, big):7.1f} ms")
    if hasattr(queries, "links"):
        print(f"  links --review:      {query_ms(queries.links, big, review=True):7.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
