"""Where the wall time of a PDF ingest goes, and the same for other checkouts, in turns.

    python bench/ingest_timeline.py [--notes 200] [--workers 2] [--rounds 3] [OTHER_CHECKOUT ...]

The synthetic PDFs of bench/benchmark.py (--notes N makes N/2 of them, copies of the sample
notes) are ingested into a new store by a fresh interpreter, as `somnotes ingest` runs, with
--workers readers and the checkout's default PDF engine (it is asked for no --pdf-engine, so a
checkout from before the option runs too); the run marks, from the script's first line: when
the first file's rows came back (the readers' start-up and one file), when the last did, the
commits, and the end of `ingest`; then, timed by this script from the moment it starts the
interpreter, when the process ended (the interpreter's start and shutdown included: what a
user of `somnotes ingest` waits for). Each other checkout named (with its own .venv, e.g. a
worktree of main) runs the same ingest in turn with this one, --rounds times (every checkout's
sources compiled to bytecode first, as installed: compile_sources); the medians are
printed, and each checkout's pages/s (pages over the time to the process's end) with this
checkout's as a multiple of it: with a worktree of f62a431, the tree before issue 24, that
multiple is issue 24's "5x the pages/s". Runs are taken one at a time, never at once.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samples.synthesize import synthesize  # noqa: E402

# Run by each checkout's interpreter: its own somnotes, the run's marks printed as JSON.
TIMED_INGEST = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
from somnotes.ingest import cli, pipeline
from somnotes.store import Store

if hasattr(cli, "exit_without_collecting"):  # what the `somnotes` command does as it starts, where it does
    cli.exit_without_collecting()

marks = {}
def mark(name):
    marks.setdefault(name, round(time.perf_counter() - start, 3))

def run_files(*args, **kwargs):
    for done in pipeline_run_files(*args, **kwargs):
        mark("first file back")
        yield done
    mark("last file back")

def commit(self, *args, **kwargs):
    marks.setdefault("commits", []).append(round(time.perf_counter() - start, 3))
    return store_commit(self, *args, **kwargs)

if __name__ == "__main__":
    pdfs, store, workers, engine = json.loads(sys.argv[1])
    pipeline_run_files, pipeline.run_files = pipeline.run_files, run_files
    store_commit, Store.commit = Store.commit, commit
    mark("imported")
    engine = {} if engine is None else {"pdf_engine": engine}  # a checkout's default: one from before the option too
    summary = pipeline.ingest([Path(p) for p in pdfs], Store(Path(store)), workers=workers, **engine)
    mark("done")
    marks["tasks"] = summary.tasks
    print(json.dumps(marks))
"""
ENDED = "process ended"
MARKS = ("imported", "first file back", "last file back", "done", ENDED)


# A checkout's own virtual environment and git folder are not its sources: compileall's -x is
# searched for in each file's whole path, so it is anchored at the checkout (a checkout that
# sits in a folder named .venv still compiles)
NOT_SOURCES = r"[/\\]\.(venv|git)[/\\]"


def compile_sources(checkout: Path) -> float:
    """Compile `checkout`'s Python sources to bytecode (its __pycache__ folders), as an installed
    package has them and as any run leaves them where Python may write; return the seconds it
    took. Where PYTHONDONTWRITEBYTECODE is set (this machine sets it) and nothing has compiled them,
    every fresh interpreter compiles every module of somnotes it imports again: about 0.19 s of
    CPU in the readers' build alone (`python -c "import somnotes.ingest.preload"`, three runs
    each way), and the CLI module again in each reader the `somnotes` command starts, a cost no
    installed copy pays. Each checkout timed is compiled alike, by its own interpreter."""
    started = time.perf_counter()
    done = subprocess.run([python_of(checkout), "-m", "compileall", "-q", "-x", re.escape(str(checkout)) + NOT_SOURCES,
                           str(checkout)], capture_output=True, text=True)
    if done.returncode != 0:  # compileall names the file it could not compile
        raise SystemExit(f"{checkout}: its sources do not compile:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started


def python_of(checkout: Path) -> str:
    """The interpreter that runs `checkout`'s somnotes: this one, or the other checkout's .venv."""
    return sys.executable if checkout == ROOT else str(checkout / ".venv" / "bin" / "python")


def timed_ingest(checkout: Path, pdfs: list[Path], store: Path, workers: int, engine: str | None = None) -> dict:
    """The marks of an ingest of `pdfs` by `checkout`'s somnotes in a fresh interpreter
    (TIMED_INGEST), reading PDFs with `engine` (None: the checkout's default), with the tasks it
    stored; bench/benchmark.py's ingests are these too."""
    argv = json.dumps([[str(p) for p in pdfs], str(store), workers, engine])
    started = time.perf_counter()
    out = subprocess.run([python_of(checkout), "-c", TIMED_INGEST, argv], cwd=checkout, capture_output=True, text=True,
                         check=True)
    ended = time.perf_counter() - started  # the interpreter's start and shutdown too, as a user waits for them
    return {**json.loads(out.stdout.strip().splitlines()[-1]), ENDED: round(ended, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", nargs="*", type=Path)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    checkouts = [ROOT] + [p.resolve() for p in args.others]
    runs: dict = {c: [] for c in checkouts}
    for checkout in checkouts:
        print(f"  {checkout}: sources compiled to bytecode in {compile_sources(checkout):.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="somnotes-timeline-") as tmp:
        pdfs = [f for f in synthesize(Path(tmp) / "archive", args.notes) if f.suffix == ".pdf"]
        pages = sum(pdf_pages(p) for p in pdfs)
        for r in range(args.rounds):
            for n, checkout in enumerate(checkouts if r % 2 == 0 else checkouts[::-1]):
                marks = timed_ingest(checkout, pdfs, Path(tmp) / f"store-{r}-{n}", args.workers)
                runs[checkout].append(marks)
                print(f"  round {r + 1}, {checkout}: " + ", ".join(f"{k} {marks[k]:.2f} s" for k in MARKS)
                      + f", commits at {', '.join(f'{t:.2f}' for t in marks.get('commits', []))} s", flush=True)
    print(f"\n{len(pdfs)} PDFs ({pages} pages), {args.workers} worker(s), medians of {args.rounds} "
          "(seconds from the script's first line; the process's end from its start):")
    base = statistics.median(m[ENDED] for m in runs[ROOT])
    for checkout in checkouts:
        medians = {k: statistics.median(m[k] for m in runs[checkout]) for k in MARKS}
        print(f"  {checkout}: " + ", ".join(f"{k} {v:.2f}" for k, v in medians.items())
              + f"; {pages / medians[ENDED]:.1f} pages/s; this checkout's pages/s x{medians[ENDED] / base:.3f} of its")
    return 0


def pdf_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


if __name__ == "__main__":
    raise SystemExit(main())
