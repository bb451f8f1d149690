"""Build the long series used to test task linking: eight notes written for testing
(samples/source/series/), each as a Word file and as the PDF LibreOffice exports from it, in
tests/fixtures/series/, and the hand-written truth of which rows are one task
(tests/fixtures/series/truth.json, taken from the row labels of the specs).

    python samples/build_series.py            # Word + PDF + truth
    python samples/build_series.py --no-pdf   # when LibreOffice is not installed

The Word files are rendered by samples/build_samples.py's renderer; the built files are
committed, so the tests never need LibreOffice.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from samples.build_samples import cell_text, convert_to_pdf, render_docx  # noqa: E402
from samples.source.series import NOTES  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "series"
TRUTH = OUT / "truth.json"


def labelled_rows(note) -> list[dict]:
    """The rows of a note in reading order: ordinal, the task's label and the task text."""
    rows = [row for part in note.parts for section in part.sections for row in section.rows]
    labels = [row.label for row in rows]
    if len(set(labels)) != len(labels) or not all(labels):
        raise SystemExit(f"{note.name}: every row needs a label, and a task appears once per note")
    return [{"ordinal": i, "label": row.label, "task_text": cell_text(row.task)} for i, row in enumerate(rows, 1)]


def truth(notes) -> dict:
    """Which rows are one task: per note its rows, and per task label where it appears."""
    out = {"notes": [], "tasks": {}}
    for note in notes:
        rows = labelled_rows(note)
        out["notes"].append({"name": note.name, "symbol": note.meta["symbol"],
                             "meeting_date": note.meta["meeting_date"], "rows": rows})
        for row in rows:
            out["tasks"].setdefault(row["label"], []).append([note.name, row["ordinal"]])
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for note in NOTES:
        docx = OUT / f"{note.name}.docx"
        render_docx(note, docx)
        if not args.no_pdf:
            convert_to_pdf(docx, OUT)
        print(f"{note.name}: {len(labelled_rows(note))} tasks")
    TRUTH.write_text(json.dumps(truth(NOTES), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(truth(NOTES)['tasks'])} tasks in {TRUTH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
