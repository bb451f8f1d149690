"""Layout class x PDF producer: how many rows of each fixture read exactly, and how many words
found no place. The README's table is this script's output.

    python bench/layout_matrix.py            # the markdown table
    python bench/layout_matrix.py --details  # and each fixture's mismatches

Every fixture listed in tests/fixtures/manifest.json, tests/fixtures/other-bodies/manifest.json and
tests/fixtures/watermark/manifest.json (written by samples/build_samples.py,
samples/build_other_bodies.py and tests/fixtures/watermark/build_watermark.py) is read by the real
readers and normalised by the real pipeline (`note_records`), then compared with the rows
written by hand in its spec (tests/expected/): a row is exact when its part, section, task,
progress and next-steps text (spacing aside), status, extra columns and progress items (status
and label) are those of the truth.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MANIFESTS = [ROOT / "tests" / "fixtures" / "manifest.json", ROOT / "tests" / "fixtures" / "other-bodies" / "manifest.json",
             ROOT / "tests" / "fixtures" / "watermark" / "manifest.json"]
EXPECTED = ROOT / "tests" / "expected"
PRODUCERS = ["word", "libreoffice", "chromium", "weasyprint"]
PRODUCER_NAMES = {"word": "Word (python-docx)", "libreoffice": "PDF: LibreOffice", "chromium": "PDF: Chromium print",
                  "weasyprint": "PDF: WeasyPrint"}
CLASS_NAMES = {
    "plain": "the real seed note (Tasks, Progress, Next steps)",
    "sample": "the other sample notes (repeated header, Lead agency column, narrow columns)",
    "alt": "one table, headings as merged rows, running head, page numbers",
    "shading": "rules under the header only (Light Shading)",
    "unruled": "no rules at all",
    "banners": "part headings in one-cell tables",
    "vmerge": "vertically merged Task and Next steps cells",
    "vmerge-last": "merged Task cell, Next steps in the last item row",
    "status": "a Status column beside Progress, landscape",
    "bullets": "bulleted progress items, numbered next steps",
    "tight": "no gap between paragraphs (a label after an item without a full stop)",
    "highlight": "highlighted text (filled boxes behind the words)",
    "tracked": "a draft with tracked changes and comments",
    "other-bodies": "other UN bodies: implementation report, action tracker, decisions",
    "watermark": "a watermark or stamp over every page (DRAFT, UNEDITED, CONFIDENTIAL, COPY; margin stamp)",
}


def ws(text) -> str:
    return " ".join((text or "").split())


def row_problems(got: dict, items: list[dict], want: dict) -> list[str]:
    """What differs between a stored row and its hand-written truth (nothing: the row is exact)."""
    out = [key for key in ("part", "section", "status") if got[key] != want[key]]
    out += [key for key in ("task_text", "progress_text", "next_steps_text") if ws(got[key]) != ws(want[key])]
    if {k: ws(v) for k, v in got["extra"]} != {k: ws(v) for k, v in want["extra"].items()}:
        out.append("extra")
    if [(i["status"], i["status_label"]) for i in items] != [(i["status"], i["status_label"]) for i in want["items"]]:
        out.append("items")
    return out


def measure(entry: dict) -> dict:
    """Read one fixture and compare it with its truth."""
    from somnotes.extract import extract_note
    from somnotes.ingest.pipeline import note_records

    path = ROOT / entry["file"]
    note = extract_note(path)
    rows = note_records(path, "0" * 64, note, path.stat())
    truth = json.loads((EXPECTED / f"{entry['truth']}.json").read_text(encoding="utf-8"))["tasks"]
    problems = []
    for got, want in zip(rows["tasks"], truth):
        items = [i for i in rows["progress_items"] if i["task_id"] == got["task_id"]]
        problems.append(row_problems(got, items, want))
    exact = sum(not p for p in problems) if len(rows["tasks"]) == len(truth) else 0
    return {"rows": len(truth), "exact": exact, "read": len(rows["tasks"]),
            "unplaced": rows["documents"][0]["unplaced_words"], "problems": problems}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list each fixture's mismatches")
    args = parser.parse_args(argv)
    entries = [e for m in MANIFESTS if m.exists() for e in json.loads(m.read_text(encoding="utf-8"))
               if (EXPECTED / f"{e['truth']}.json").exists() and "taught" not in e["truth"]]
    cells: dict = defaultdict(lambda: [0, 0, 0, 0])  # (class, producer) -> files, exact rows, rows, unplaced
    for entry in entries:
        result = measure(entry)
        cell = cells[(entry["class"], entry["producer"])]
        cell[0] += 1
        cell[1] += result["exact"]
        cell[2] += result["rows"]
        cell[3] += result["unplaced"]
        if args.details and (result["exact"] < result["rows"] or result["unplaced"]):
            print(f"{entry['file']}: {result['read']} rows read, {result['exact']}/{result['rows']} exact, "
                  f"{result['unplaced']} words unplaced; {[p for p in result['problems'] if p][:5]}")
    classes = [c for c in CLASS_NAMES if any(k[0] == c for k in cells)]
    print("| layout class | " + " | ".join(PRODUCER_NAMES[p] for p in PRODUCERS) + " |")
    print("| --- |" + " --- |" * len(PRODUCERS))
    totals = [0, 0, 0, 0]
    for cls in classes:
        row = []
        for producer in PRODUCERS:
            files, exact, rows, unplaced = cells.get((cls, producer), (0, 0, 0, 0))
            totals = [t + v for t, v in zip(totals, (files, exact, rows, unplaced))]
            row.append(f"{exact}/{rows} exact, {unplaced} unplaced" if files else "")
        print(f"| {CLASS_NAMES[cls]} | " + " | ".join(row) + " |")
    print(f"\n{totals[0]} files: {totals[1]} of {totals[2]} rows exact, {totals[3]} words unplaced.")


if __name__ == "__main__":
    main()
