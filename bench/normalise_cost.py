"""How much statuses and dates add to ingesting a note (target: at most 5 % of ingest time).

    python bench/normalise_cost.py

Per sample file (PDF and Word), best of REPEATS, in one process after spaCy, dateparser and the
date matchers are built once (as each worker does). Times are this process's CPU time
(time.process_time): on a machine shared with other jobs, wall time counts their turns too.
  - extract: reading and laying out the note (`extract_note`);
  - ingest: the whole per-file work of `somnotes ingest` (`process_file`);
  - normalise: statuses, dates and rows on the note already extracted (`note_records`), timed on
    its own, so that its share of ingest does not rest on the difference of two noisy timings;
  - dates: `find_dates` alone over the note's cells.

    python bench/normalise_cost.py --against f62a431

times normalising (note_records) and `find_dates` alone with this tree's date rules and with that
commit's (bench/date_heldout.py's rules_at) on the same notes, in turns, in one process, best of
AGAINST_REPEATS each, and prints their ratios: on a shared machine two separate runs differ by
more than the changes measured.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))

from somnotes.extract import extract_note  # noqa: E402
from somnotes.ingest.discover import sha256_file  # noqa: E402
from somnotes.ingest.pipeline import note_records, process_file  # noqa: E402
from somnotes.normalise.dates import find_dates  # noqa: E402

REPEATS = 7
AGAINST_REPEATS = 21


def best(fn, *args) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.process_time()
        fn(*args)
        runs.append(time.process_time() - start)
    return min(runs)


def all_dates(note) -> None:
    meeting = note.header.meeting_date
    for row in note.rows:
        for field, cell in (("task", row.task), ("progress", row.progress), ("next_steps", row.next_steps)):
            find_dates(cell.text, field, meeting)


def cells_of(note) -> list[tuple[str, str]]:
    """(text, field) of every cell of a note's rows."""
    return [(cell.text, field) for row in note.rows
            for field, cell in (("task", row.task), ("progress", row.progress), ("next_steps", row.next_steps))]


def against(commit: str) -> int:
    """Print the CPU time of normalising the samples (note_records) and of find_dates alone, with
    this tree's find_dates and with `commit`'s, in turns in one process, and their ratios."""
    import tempfile

    import somnotes.normalise.dates as dates_package
    import somnotes.normalise.typed_columns as typed_columns
    from bench.date_heldout import rules_at

    files = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples").glob("*.docx"))
    notes = [(path, extract_note(path), path.stat(), sha256_file(path)) for path in files]
    cells = [(cells_of(note), note.header.meeting_date) for _, note, _, _ in notes]

    def dates_only(find) -> None:
        for note_cells, meeting in cells:
            for text, field in note_cells:
                find(text, field, meeting)

    def normalising(find) -> None:
        dates_package.find_dates = typed_columns.find_dates = find  # what ingest/worker.py looks up
        for path, note, stat, doc_id in notes:
            note_records(path, doc_id, note, stat)

    with tempfile.TemporaryDirectory() as folder:
        finders = {"this tree": find_dates, commit: rules_at(commit, Path(folder))}
        best: dict[tuple[str, str], float] = {}
        for task in (dates_only, normalising):
            for find in finders.values():
                task(find)  # build both rule sets, warm both
            for turn in range(AGAINST_REPEATS):
                for name, find in list(finders.items())[::1 if turn % 2 else -1]:  # each goes first in turn
                    start = time.process_time()
                    task(find)
                    spent = time.process_time() - start
                    best[task.__name__, name] = min(spent, best.get((task.__name__, name), spent))
        dates_package.find_dates = typed_columns.find_dates = find_dates
    for task in ("normalising", "dates_only"):
        mine, theirs = best[task, "this tree"], best[task, commit]
        print(f"{task:<12} {len(files)} sample notes, CPU time, best of {AGAINST_REPEATS} in turns: this tree "
              f"{mine * 1000:6.1f} ms, {commit} {theirs * 1000:6.1f} ms, ratio {mine / theirs:.3f}")
    return 0


def main() -> int:
    if "--against" in sys.argv:
        sys.path.insert(0, str(ROOT))
        return against(sys.argv[sys.argv.index("--against") + 1])
    files = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples").glob("*.docx"))
    process_file(files[0])  # build spaCy, dateparser and the matchers, as each worker does once
    totals = {}
    for path in files:
        note, stat, doc_id = extract_note(path), path.stat(), sha256_file(path)
        figures = {"extract": best(extract_note, path), "ingest": best(process_file, path),
                   "normalise": best(note_records, path, doc_id, note, stat), "dates": best(all_dates, note)}
        kind = path.suffix
        totals[kind] = {k: totals.get(kind, {}).get(k, 0.0) + v for k, v in figures.items()}
        print(line(path.name, figures))
    for kind, figures in totals.items():
        print(line(f"all {kind}", figures))
    return 0


def line(name: str, f: dict) -> str:
    return (f"{name:<20} extract {f['extract'] * 1000:7.1f} ms  ingest {f['ingest'] * 1000:7.1f} ms  "
            f"normalise {f['normalise'] * 1000:6.1f} ms = {f['normalise'] / f['ingest']:5.1%} of ingest  "
            f"(dates {f['dates'] * 1000:5.1f} ms = {f['dates'] / f['ingest']:5.1%})")


if __name__ == "__main__":
    raise SystemExit(main())
