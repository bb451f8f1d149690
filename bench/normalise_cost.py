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


def main() -> int:
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
