"""How long the command line takes, as a ratio to the floor any such command pays in Python.

    python bench/cli_latency.py             # median of 7 runs each
    python bench/cli_latency.py --runs 15

Every figure is a median over several runs of a fresh process, measured in this one run beside
its floor: `somnotes --help` against `python -c "import typer"` (what a typer command line
cannot avoid); the queries (summary, history by key and by search, stalled, overdue) and a
re-ingest of the unchanged samples against `python -c "import duckdb, pyarrow.parquet"` (what
any read of the Parquet store needs). The store is the samples', ingested first.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFAULT_RUNS = 7
TARGETS = {"help": 3.0, "query": 1.5, "reingest": 2.0}  # the bounds, ratio to the floor


def timed(argv: list[str]) -> float:
    """Wall time of one fresh process, in seconds."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_time(argv: list[str], runs: int) -> float:
    timed(argv)  # a first run warms the file cache
    return statistics.median(timed(argv) for _ in range(runs))


def somnotes(*args) -> list[str]:
    return [sys.executable, "-m", "somnotes", *map(str, args)]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "store"
        subprocess.run(somnotes("ingest", SAMPLES, "--store", store), check=True, capture_output=True)
        key = subprocess.run(somnotes("history", "--search", "E-waste", "--format", "csv", "--store", store),
                             check=True, capture_output=True, text=True).stdout.splitlines()[1].split(",")[0]
        floors = {"typer": median_time([sys.executable, "-c", "import typer"], args.runs),
                  "store": median_time([sys.executable, "-c", "import duckdb, pyarrow.parquet"], args.runs)}
        commands = [
            ("somnotes --help", somnotes("--help"), "typer", "help"),
            ("somnotes summary", somnotes("summary", "--store", store), "store", "query"),
            ("somnotes history KEY", somnotes("history", key, "--store", store), "store", "query"),
            ("somnotes history --search", somnotes("history", "--search", "E-waste", "--store", store), "store", "query"),
            ("somnotes stalled", somnotes("stalled", "--store", store), "store", "query"),
            ("somnotes overdue", somnotes("overdue", "--store", store), "store", "query"),
            ("somnotes ingest samples (unchanged)", somnotes("ingest", SAMPLES, "--store", store), "store", "reingest"),
        ]
        print(f"floors (median of {args.runs}): import typer {floors['typer']:.3f} s; "
              f"import duckdb, pyarrow.parquet {floors['store']:.3f} s\n")
        print("| command | median | floor | ratio | bound |")
        print("| --- | --- | --- | --- | --- |")
        for name, command, floor, kind in commands:
            seconds = median_time(command, args.runs)
            ratio = seconds / floors[floor]
            mark = "" if ratio <= TARGETS[kind] else " (over)"
            print(f"| `{name}` | {seconds:.3f} s | {floor} | {ratio:.2f}x{mark} | <= {TARGETS[kind]:g}x |")


if __name__ == "__main__":
    main()
