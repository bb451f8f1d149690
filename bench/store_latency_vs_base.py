"""Query and re-ingest latency of this tree's store beside an earlier commit's, run alternately.

    python bench/store_latency_vs_base.py                  # against f62a431 (the layout of links)
    python bench/store_latency_vs_base.py --base 4ab7be2 --runs 15

On a shared machine the wall clock of one command moves with the load; running the two trees'
commands in turn, round after round, and the floor (`python -c "import duckdb, pyarrow.parquet"`)
among them, gives medians measured under the same load. Each figure is a median of --runs fresh
processes: wall clock and CPU seconds (user + system), each also as a ratio to the floor's.
The earlier commit's code is taken with `git archive` and run with the same Python.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFAULT_BASE = "f62a431"  # main before issue 23: the store of links
DEFAULT_RUNS = 9


def run(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        base_root = Path(work) / "base"
        (base_root / "somnotes").mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(base_root / "somnotes")], input=archive.stdout, check=True)
        # this tree is the package the environment has installed (pip install -e): its own Python path
        trees = {"base": dict(os.environ, PYTHONPATH=str(base_root)), "this": dict(os.environ)}
        py = sys.executable
        cases: dict = {"floor": ([py, "-c", "import duckdb, pyarrow.parquet"], trees["this"])}
        for tree, env in trees.items():
            store = Path(work) / f"{tree}-store"
            subprocess.run([py, "-m", "somnotes", "ingest", str(SAMPLES), "--store", str(store)], env=env,
                           check=True, capture_output=True)
            for name, extra in (("summary", ["summary"]), ("stalled", ["stalled"]), ("overdue", ["overdue"]),
                                ("re-ingest", ["ingest", str(SAMPLES)])):
                cases[f"{tree} {name}"] = ([py, "-m", "somnotes", *extra, "--store", str(store)], env)
        for argv, env in cases.values():  # warm the file cache
            run(argv, env)
        times: dict = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, (argv, env) in cases.items():
                times[name].append(run(argv, env))
    floor_wall = statistics.median(w for w, _ in times["floor"])
    floor_cpu = statistics.median(c for _, c in times["floor"])
    print(f"median of {args.runs} runs, alternating; base = {args.base}\n")
    print("| command | wall | wall / floor | CPU | CPU / floor |")
    print("| --- | --- | --- | --- | --- |")
    for name, values in times.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"| {name} | {wall:.3f} s | {wall / floor_wall:.2f}x | {cpu:.3f} s | {cpu / floor_cpu:.2f}x |")


if __name__ == "__main__":
    main()
