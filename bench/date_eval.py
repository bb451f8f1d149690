"""Measure date finding against the hand labels in tests/labels/dates.tsv.

Ingests the sample notes (Word and PDF) with somnotes, then scores, on the same cell texts:
  - somnotes' `dates` table;
  - the naive baseline: dateparser.search.search_dates with the same RELATIVE_BASE (the
    meeting date).
A found span counts when it overlaps a labelled one in the same cell; its value is right when
start and end equal the label's (for the baseline's single date: inside the labelled span,
and the labelled end for a deadline). Also counts spans on the non-date list.

    python bench/date_eval.py
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels" / "dates.tsv"
NON_DATES = ROOT / "tests" / "labels" / "non_dates.txt"
EXPECTED = ROOT / "tests" / "expected"
FIELDS = {"task": "task_text", "progress": "progress_text", "next_steps": "next_steps_text"}


def load_labels() -> dict:
    """(note, ordinal, field) -> list of label dicts."""
    out = defaultdict(list)
    with open(LABELS, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[(row["note"], int(row["ordinal"]), row["field"])].append(row)
    return out


def locate(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Character spans of each labelled text in a cell, in order of appearance."""
    spans, cursor = [], 0
    for needle in needles:
        i = text.find(needle, cursor)
        if i < 0:
            i = text.find(needle)
        spans.append((i, i + len(needle)) if i >= 0 else (-1, -1))
        cursor = max(cursor, i + 1)
    return spans


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Score:
    def __init__(self):
        self.found = self.matched_found = self.labels = self.matched_labels = self.right_values = 0

    def add_cell(self, labels, label_spans, found):
        """found: list of ((start, end), value_ok(label) -> bool)."""
        self.labels += len(labels)
        self.found += len(found)
        used = set()
        for span, _ in found:
            if any(overlaps(span, ls) for ls in label_spans):
                self.matched_found += 1
        for label, lspan in zip(labels, label_spans):
            for k, (span, ok) in enumerate(found):
                if k not in used and overlaps(span, lspan):
                    used.add(k)
                    self.matched_labels += 1
                    self.right_values += ok(label)
                    break

    def line(self, name: str) -> str:
        p = self.matched_found / self.found if self.found else 0.0
        r = self.matched_labels / self.labels if self.labels else 0.0
        acc = self.right_values / self.labels if self.labels else 0.0
        return (f"{name:<22} spans found {self.found:>4}  precision {p:.3f}  recall {r:.3f}  "
                f"right values {self.right_values}/{self.labels} ({acc:.3f})")


def baseline_find(text: str, meeting: dt.date):
    from dateparser.search import search_dates

    base = dt.datetime(meeting.year, meeting.month, meeting.day)
    found, cursor = [], 0
    for phrase, value in search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []:
        i = text.find(phrase, cursor)
        if i < 0:
            i = text.find(phrase)
        cursor = i + 1
        found.append(((i, i + len(phrase)), value.date()))
    return found


def main() -> int:
    warnings.filterwarnings("ignore")
    sys.path.insert(0, str(ROOT.parent))
    from somnotes.ingest import ingest
    from somnotes.store import Store

    labels = load_labels()
    labelled = {note for note, _, _ in labels}
    names = {json.loads(p.read_text())["meta"]["symbol"]: p.stem for p in EXPECTED.glob("*.json") if p.stem in labelled}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        ingest([ROOT / "samples"], store, workers=1)
        docs = store.frame("documents")
        tasks = store.frame("tasks")
        dates = store.frame("dates")
    ours, base = defaultdict(Score), defaultdict(Score)
    for doc in docs.itertuples():
        note = names[doc.symbol]
        meeting = doc.meeting_date
        for task in tasks[tasks.doc_id == doc.doc_id].itertuples():
            for field, column in FIELDS.items():
                text = getattr(task, column) or ""
                cell_labels = labels.get((note, task.ordinal, field), [])
                spans = locate(text, [lb["text"] for lb in cell_labels])
                rows = dates[(dates.task_id == task.task_id) & (dates.field == field)]
                found = [((r.char_start, r.char_start + len(r.text)),
                          (lambda lb, r=r: str(r.start) == lb["start"] and str(r.end) == lb["end"]))
                         for r in rows.itertuples()]
                ours[doc.format].add_cell(cell_labels, spans, found)
                ours[(note, doc.format)].add_cell(cell_labels, spans, found)
                found_b = [(span, (lambda lb, v=v: lb["start"] <= str(v) <= lb["end"]
                                   and (lb["kind"] != "deadline" or str(v) == lb["end"])))
                           for span, v in baseline_find(text, meeting)]
                base[doc.format].add_cell(cell_labels, spans, found_b)
                base[(note, doc.format)].add_cell(cell_labels, spans, found_b)
    # the non-date list: every span either finder reports inside a bracketed phrase
    from somnotes.normalise.dates import find_dates
    meeting = dt.date(2020, 4, 29)
    ours_nd, base_nd = [], []
    for line in NON_DATES.read_text(encoding="utf-8").splitlines():
        m = re.search(r"\[(.+?)\]", line)
        if not m or line.startswith("#"):
            continue
        text = line.replace("[", "").replace("]", "").replace("{", "").replace("}", "")
        phrase = (m.start(), m.start() + len(m.group(1)))
        for field in FIELDS:
            ours_nd += [d.text for d in find_dates(text, field, meeting)
                        if overlaps((d.char_start, d.char_start + len(d.text)), phrase)]
        base_nd += [text[s:e] for (s, e), _ in baseline_find(text, meeting) if overlaps((s, e), phrase)]
    print(f"Date expressions: {sum(len(v) for v in labels.values())} hand labels x 2 formats; "
          f"non-date list: {NON_DATES.name}")
    for fmt in ("docx", "pdf"):
        print(ours[fmt].line(f"somnotes {fmt}"))
        print(base[fmt].line(f"search_dates {fmt}"))
    print("the real seed note alone (som26-midterm):")
    for fmt in ("docx", "pdf"):
        print(ours[("som26-midterm", fmt)].line(f"somnotes {fmt}"))
        print(base[("som26-midterm", fmt)].line(f"search_dates {fmt}"))
    print(f"non-date phrases reported as dates: somnotes {len(ours_nd)} {ours_nd}; "
          f"search_dates {len(base_nd)} {sorted(set(base_nd))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
