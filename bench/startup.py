"""A reader process's start-up: what it pays before its first page, the old way and the new, in one run.

    python bench/startup.py [--repeats 3] [--notes 40]

Every figure is the median of --repeats fresh interpreters, in wall and CPU seconds (the machine
is shared: CPU seconds vary less), printed with the load average. A reader's start-up is the time
of its first file less that file's time in a reader that is warm but has not read it (it read
another note first): what is left is imports and builds, not the file's own work.

  - before: a reader that builds what reading needs on its first note, as every reader did before
    the fork server was preloaded (ingest/pipeline.py: READER_PRELOAD), and as --workers 1 did
    in its own process until it built before its first file (reading_in_this_process): imports
    (the worker, the readers, spaCy, dateparser) and builds, and each import and build apart (CPU
    seconds, largest first);
  - warm: `worker.warm_quietly()` in a fresh interpreter: what the preloaded fork server pays, once per
    ingest (and a spawned reader, on Windows, in its pool's initializer);
  - after: a reader forked from the preloaded fork server, once that server is up;
  - whole PDF ingests of the same --notes synthetic notes with 2 workers, readers started the
    old way, warming each in the pool's initializer, or forked from the preloaded fork server,
    and with 1 worker, each in a fresh interpreter as a CLI run is.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE_FILE = ROOT / "samples" / "som26-midterm.pdf"  # the file whose first reading is timed
OTHER_FILE = ROOT / "samples" / "som27-midterm.pdf"  # read first by the warm reader of the reference
OLD_PRELOAD = ("__main__",)  # multiprocessing's default: what the fork server imported before
POOL_WORKERS = 2


def clocks() -> tuple[float, float]:
    """(wall, CPU) seconds now."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    now = clocks()
    return now[0] - start[0], now[1] - start[1]


def probe_before() -> dict:
    """A fresh reader: imports, then its first file, building on the way (the old way)."""
    start = clocks()
    from somnotes.ingest import worker

    worker.load_readers()
    imports = since(start)
    start = clocks()
    worker.process_file(PROBE_FILE)
    return {"imports": imports, "first": since(start)}


def probe_warm() -> dict:
    """A fresh interpreter warmed as the fork server is: the worker imported, then
    `warm_quietly()` (the readers' imports and warm(), the collector held until their end, the
    freeze); then the reference, the probe file read after another note."""
    start = clocks()
    from somnotes.ingest import worker

    imports = since(start)
    start = clocks()
    worker.warm_quietly()
    warm = since(start)
    worker.process_file(OTHER_FILE)
    start = clocks()
    worker.process_file(PROBE_FILE)
    return {"imports": imports, "warm": warm, "reference": since(start)}


def probe_parts() -> dict:
    """CPU seconds of each import and build of warm(), in the order a reader meets them, the
    garbage collector on: a reader that builds on its first note (--workers 1 before
    reading_in_this_process), not warm_quietly."""
    import datetime as dt

    laps: dict = {}
    last = time.process_time()

    def lap(name: str) -> None:
        nonlocal last
        now = time.process_time()
        laps[name] = now - last
        last = now

    from somnotes.ingest import worker
    lap("import the worker")
    import spacy  # noqa: F401
    lap("import spaCy")
    import dateparser  # noqa: F401
    lap("import dateparser")
    worker.load_readers()
    lap("import the PDF reader and the normalisers (pdfplumber...)")
    from somnotes.extract.pdf import lines, pdfium_source  # noqa: F401
    lap("import the PDFium source")
    from somnotes.normalise.nlp import status_nlp
    status_nlp()
    lap("build spaCy's blank English pipeline")
    from somnotes.normalise.status_grammar import lexicon
    lexicon()
    lap("build the status grammar")
    from somnotes.normalise.dates import date_rules
    date_rules()
    lap("build the date matchers")
    from somnotes.normalise.dates.periods import parse_with_dateparser
    parse_with_dateparser("9 July", "past", dt.date(2020, 5, 1))
    lap("dateparser's first date (timezone and English regexes)")
    lines.english_words()
    lap("load the English word list (PDF lines broken mid-word)")
    from somnotes.extract.note import word_reader
    word_reader()
    lap("import the Word reader (python-docx, lxml)")
    worker.warm()
    lap("the rest of warm()")
    return laps


def read_in_reader(submitted: float) -> dict:
    """In a reader process: the wall seconds since the parent submitted this (its start-up as the
    parent sees it), its CPU seconds so far (a forked child's count from zero), its first file."""
    started = time.time() - submitted, time.process_time()
    from somnotes.ingest.worker import process_file

    start = clocks()
    process_file(PROBE_FILE)
    return {"start": started, "first": since(start)}


def probe_forked() -> dict:
    """A reader forked from the preloaded fork server, once the server is up (a first pool started
    it): its start-up and its first file."""
    from somnotes.ingest.pipeline import reader_context, reader_pool

    context = reader_context()
    start = clocks()
    with reader_pool(1, context) as pool:
        pool.submit(time.sleep, 0).result()
    server = since(start)
    with reader_pool(1, context) as pool:
        got = pool.submit(read_in_reader, time.time()).result()
    return {"server": server, **got}


def stop_fork_server() -> None:
    """Stop this process's fork server, if it runs, and reap it: its CPU seconds and its readers'
    (it reaps them) count in this process's RUSAGE_CHILDREN only then. multiprocessing's own
    method, private: a benchmark may lean on it, the package does not."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()


def warming_pool(workers: int, context):
    """The other way measured: each reader warms in the pool's initializer as it starts."""
    from concurrent.futures import ProcessPoolExecutor

    from somnotes.ingest.worker import warm_quietly

    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_quietly)


def probe_ingest(workers: int, way: str, folder: str) -> dict:
    """One PDF ingest of `folder` into a new store, as a CLI run, readers started `way` (old: each
    builds on its first note; init: each warms in the pool's initializer; new: forked from the
    preloaded fork server): wall seconds and CPU seconds of this process and all it started."""
    import resource

    from somnotes.ingest import pipeline
    from somnotes.store import Store

    if way != "new":
        pipeline.READER_PRELOAD = OLD_PRELOAD
    if way == "init":
        pipeline.reader_pool = warming_pool  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="somnotes-startup-") as tmp:
        start = clocks()
        summary = pipeline.ingest([Path(folder)], Store(Path(tmp) / "store"), workers=workers)
        wall = time.perf_counter() - start[0]
        stop_fork_server()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - start[1] + children.ru_utime + children.ru_stime
        return {"ingest": (wall, cpu), "tasks": summary.tasks, "files": summary.files}


def run_probe(*args: str) -> dict:
    """Run this script as a probe in a fresh interpreter; its JSON answer."""
    out = subprocess.run([sys.executable, __file__, "--probe", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def load() -> str:
    return "load " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def median(runs: list[dict], key: str, clock: int) -> float:
    return statistics.median(r[key][clock] for r in runs)


def fmt(runs: list[dict], key: str) -> str:
    return f"{median(runs, key, 0):5.2f} s ({median(runs, key, 1):4.2f} s CPU)"


def startup_figures(repeats: int) -> None:
    """Print a reader's start-up before and after, with imports and builds apart."""
    before, warm, forked = [], [], []
    for _ in range(repeats):  # interleaved: each kind sees the same load
        before.append(run_probe("before"))
        warm.append(run_probe("warm"))
        forked.append(run_probe("forked"))
    for run in before:
        ref = warm[before.index(run)]["reference"]
        run["builds"] = [run["first"][i] - ref[i] for i in (0, 1)]
        run["startup"] = [run["imports"][i] + run["builds"][i] for i in (0, 1)]
    for run, ref in zip(forked, warm):
        run["residual"] = [run["first"][i] - ref["reference"][i] for i in (0, 1)]
    for run in warm:
        run["total"] = [run["imports"][i] + run["warm"][i] for i in (0, 1)]
    print(f"\na reader's start-up before its first page ({PROBE_FILE.name}; medians of {repeats}; {load()}):")
    print(f"  before, a reader that builds on its first note (every pooled reader, and --workers 1, before): "
          f"{fmt(before, 'startup')}")
    print(f"    imports (worker, readers, spaCy, dateparser): {fmt(before, 'imports')}; "
          f"builds on the first note: {fmt(before, 'builds')}")
    parts = [run_probe("parts") for _ in range(repeats)]
    print("    its parts, CPU s (largest first; the collector on, as that reader builds):")
    for name in sorted(parts[0], key=lambda n: -statistics.median(p[n] for p in parts)):
        print(f"      {statistics.median(p[name] for p in parts):5.2f}  {name}")
    print(f"  warm_quietly() in a fresh interpreter, paid once per ingest by the fork server: {fmt(warm, 'total')} "
          f"(importing the worker {fmt(warm, 'imports')}, the readers' imports and builds {fmt(warm, 'warm')})")
    print(f"    the fork server up, as a first pool sees it: {fmt(forked, 'server')}")
    ratio = median(forked, "start", 0) / median(before, "startup", 0)
    cpu_ratio = median(forked, "start", 1) / median(before, "startup", 1)
    print(f"  after, a reader forked from the preloaded fork server, from the pool's submit to its first task: "
          f"{fmt(forked, 'start')} = {ratio:.3f} of before ({cpu_ratio:.3f} in CPU)")
    print(f"    its first file against a warm reader's (nothing left to build: about 0, as noisy as the "
          f"machine): {fmt(forked, 'residual')}")


def ingest_figures(repeats: int, notes: int) -> None:
    """Print whole PDF ingests with the fork server preloaded or not, each in a fresh interpreter."""
    from samples.synthesize import synthesize

    with tempfile.TemporaryDirectory(prefix="somnotes-startup-") as tmp:
        files = synthesize(Path(tmp) / "archive", notes, formats=("pdf",))
        runs: dict = {}
        for _ in range(repeats):
            for name, args in (("2 workers, old (readers build)", (POOL_WORKERS, "old")),
                               ("2 workers, each warms in initializer", (POOL_WORKERS, "init")),
                               ("2 workers, preloaded fork server", (POOL_WORKERS, "new")),
                               ("1 worker (in its own process)", (1, "new"))):
                runs.setdefault(name, []).append(run_probe("ingest", str(args[0]), args[1], str(Path(tmp) / "archive")))
        print(f"\nPDF ingest of {len(files)} notes in a fresh interpreter (medians of {repeats}; {load()}):")
        old = median(runs["2 workers, old (readers build)"], "ingest", 0)
        for name, got in runs.items():
            seconds = median(got, "ingest", 0)
            print(f"  {name:38} {fmt(got, 'ingest')}  x{old / seconds:.2f} of the old 2-worker ingest's "
                  f"wall time  tasks {sorted({r['tasks'] for r in got})}")


def probe(args: list[str]) -> dict:
    kind = args[0]
    if kind == "before":
        return probe_before()
    if kind == "warm":
        return probe_warm()
    if kind == "forked":
        return probe_forked()
    if kind == "parts":
        return probe_parts()
    return probe_ingest(int(args[1]), args[2], args[3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--notes", type=int, default=40, help="synthetic PDF notes of the whole ingests")
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe)))
        return 0
    startup_figures(args.repeats)
    ingest_figures(args.repeats, args.notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
