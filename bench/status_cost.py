"""What reading statuses costs, today's grammar against the rules of an older commit, in one process.

    python bench/status_cost.py            # against 4d8db47, the 57-phrase list (before issue 21's grammar)
    python bench/status_cost.py COMMIT

bench/normalise_cost.py times all of normalising; on a machine shared with other jobs its runs
differ by more than the statuses' share. This times only the status reading, both versions in
turn in the same process (best of REPEATS rounds, CPU time), on what the sample notes give it:
every Progress cell's paragraphs (`split_progress`), every Status cell (`column_status`) and
every line of the PDFs' Progress cells (`opens_with_label`, as the PDF reader asks it).
"""
from __future__ import annotations

import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))

from somnotes.extract import extract_note  # noqa: E402

REPEATS = 9
BASELINE = "4d8db47"  # the last commit with the 57-phrase list


def rules_at(commit: str, folder: Path):
    """The statuses module of `commit`, as a package of its own (git archive)."""
    package = folder / "statuses_at_commit"
    package.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "normalise", "vocabulary.py"],
                             capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(package, filter="data")
    (package / "__init__.py").touch()
    sys.path.insert(0, str(folder))
    return importlib.import_module("statuses_at_commit.normalise.statuses")


def workload() -> tuple[list[list[str]], list[str], list[str]]:
    """The sample notes' Progress cells, Status cells and Progress lines."""
    cells, status_cells, lines = [], [], []
    for path in sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples").glob("*.docx")):
        for row in extract_note(path).rows:
            cells.append(row.progress.paragraphs)
            if row.status is not None:
                status_cells.append(row.status.text)
            if path.suffix == ".pdf":
                lines += [line for para in row.progress.paragraphs for line in para.split("\n")]
    return cells, status_cells, lines


def read_all(module, cells, status_cells, lines) -> None:
    for paragraphs in cells:
        module.split_progress(paragraphs)
    for text in status_cells:
        module.column_status(text)
    for line in lines:
        if line[:1].isupper():
            module.opens_with_label(line)


def main(argv: list[str]) -> int:
    from somnotes.normalise import statuses as today

    commit = argv[0] if argv else BASELINE
    work = workload()
    with tempfile.TemporaryDirectory() as folder:
        before = rules_at(commit, Path(folder))
        read_all(before, *work)  # build each pipeline once, as a worker does
        read_all(today, *work)
        best = {"before": float("inf"), "today": float("inf")}
        for _ in range(REPEATS):
            for name, module in (("before", before), ("today", today)):
                start = time.process_time()
                read_all(module, *work)
                best[name] = min(best[name], time.process_time() - start)
    print(f"{len(work[0])} Progress cells, {len(work[1])} Status cells, {len(work[2])} PDF lines; best of {REPEATS}")
    print(f"statuses at {commit}: {best['before'] * 1000:7.1f} ms   today: {best['today'] * 1000:7.1f} ms   "
          f"ratio {best['today'] / best['before']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
