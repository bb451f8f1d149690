"""Score date finding on the held-out set (tests/labels/heldout_dates.tsv, heldout_non_dates.txt).

The held-out sentences were written by hand before the rules were changed and are never edited
to pass (see their header). Each sentence goes through `find_dates(sentence, field, meeting)`;
a found mention counts for a label when their characters overlap (each label takes the first
unused overlapping mention). Printed:
  - recall: labelled expressions found / labelled expressions with a clear value;
  - precision: found mentions that overlap a labelled expression / found mentions;
  - exact values: start and end both equal to the label's / labelled expressions (clear value);
  - kinds: kind equal to the label's / labelled expressions found;
  - granularity and text as written equal to the label's / labelled expressions found;
  - non-dates reported: found mentions overlapping a [bracketed] look-alike, in any column.
Labels without a clear value ("?") are left out of every ratio: a mention there is listed with
its bounds so that the README's table can be checked, or shown as "nothing stored".

    python bench/date_heldout.py                    # figures, sets A (heldout_dates.tsv), B (_b) and C (_c)
    python bench/date_heldout.py --set C            # one set only
    python bench/date_heldout.py --misses           # and every label not found or with a wrong value
    python bench/date_heldout.py --rules-at 07b7318 # the date rules of that commit (before issue 14)

Set A was written before the rules changed, set B after the grammar was built and before it was
run on B's sentences, set C (issue 25) from expressions found in public UN documents, each with
its source address, before the rules of issue 25 changed (see each file's header).
"""
from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels" / "heldout_dates.tsv"
NON_DATES = ROOT / "tests" / "labels" / "heldout_non_dates.txt"
SETS = {"A": (LABELS, NON_DATES),
        "B": (ROOT / "tests" / "labels" / "heldout_dates_b.tsv", ROOT / "tests" / "labels" / "heldout_non_dates_b.txt"),
        "C": (ROOT / "tests" / "labels" / "heldout_dates_c.tsv", ROOT / "tests" / "labels" / "heldout_non_dates_c.txt")}
NON_DATE_MEETING = dt.date(2020, 4, 29)  # stated in heldout_non_dates.txt's header
FIELDS = ("task", "progress", "next_steps")
UNCLEAR = "?"


def load_sentences(path: Path = LABELS) -> list[dict]:
    """The held-out sentences in file order, each with its list of label rows."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    sentences: dict[str, dict] = {}
    for row in rows:
        entry = sentences.setdefault(row["id"], {
            "id": row["id"], "sentence": row["sentence"], "field": row["field"],
            "meeting": dt.date.fromisoformat(row["meeting"]), "labels": []})
        entry["labels"].append(row)
    return list(sentences.values())


def non_date_lines(path: Path = NON_DATES) -> list[tuple[str, tuple[int, int]]]:
    """(sentence without brackets, character span of the bracketed phrase) per line; what follows
    a tab (set C: the phrase's source address) is no part of the sentence."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        line = line.split("\t")[0]
        m = re.search(r"\[(.+?)\]", line)
        out.append((line.replace("[", "").replace("]", ""), (m.start(), m.start() + len(m.group(1)))))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def locate(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Character spans of each labelled expression in its sentence, in order of appearance."""
    spans, cursor = [], 0
    for needle in needles:
        i = text.find(needle, cursor)
        if i < 0:
            i = text.find(needle)
        spans.append((i, i + len(needle)))
        cursor = i + len(needle)
    return spans


@dataclass
class HeldoutScore:
    labels: int = 0           # labels with a clear value
    found: int = 0            # mentions reported, outside unclear labels
    found_on_label: int = 0   # of those, overlapping a labelled expression
    matched: int = 0          # labels with an overlapping mention
    right_values: int = 0
    right_kinds: int = 0
    right_granularity: int = 0
    right_text: int = 0
    unclear: list = field(default_factory=list)     # (label text, what was stored)
    misses: list = field(default_factory=list)      # (id, label, what was stored or None)
    extra: list = field(default_factory=list)       # (id, mention text) overlapping no label
    non_dates: list = field(default_factory=list)   # mention texts on look-alikes
    non_date_lines: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 0.0

    @property
    def precision(self) -> float:
        return self.found_on_label / self.found if self.found else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.right_values / self.labels if self.labels else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.right_kinds / self.matched if self.matched else 0.0


def describe(mention) -> str:
    return f"{mention.text!r} {mention.start}..{mention.end} {mention.granularity} {mention.kind}"


def score_sentence(score: HeldoutScore, entry: dict, found: list) -> None:
    """Match one sentence's mentions to its labels and add the outcome to `score`."""
    labels = entry["labels"]
    spans = locate(entry["sentence"], [lb["text"] for lb in labels])
    mention_spans = [(m.char_start, m.char_start + len(m.text)) for m in found]
    unclear_spans = [s for s, lb in zip(spans, labels) if lb["start"] == UNCLEAR]
    clear_spans = [s for s, lb in zip(spans, labels) if lb["start"] != UNCLEAR]
    for mention, mspan in zip(found, mention_spans):
        if any(overlaps(mspan, s) for s in unclear_spans):
            continue
        score.found += 1
        if any(overlaps(mspan, s) for s in clear_spans):
            score.found_on_label += 1
        else:
            score.extra.append((entry["id"], describe(mention)))
    used = set()
    for label, lspan in zip(labels, spans):
        hit = next((k for k, ms in enumerate(mention_spans) if k not in used and overlaps(ms, lspan)), None)
        if hit is not None:
            used.add(hit)
        mention = found[hit] if hit is not None else None
        if label["start"] == UNCLEAR:
            score.unclear.append((entry["id"], label["text"], describe(mention) if mention else "nothing stored"))
            continue
        score.labels += 1
        if mention is None:
            score.misses.append((entry["id"], label, None))
            continue
        score.matched += 1
        value_ok = str(mention.start) == label["start"] and str(mention.end) == label["end"]
        score.right_values += value_ok
        score.right_kinds += mention.kind == label["kind"]
        score.right_granularity += mention.granularity == label["granularity"]
        score.right_text += mention.text == label["text"]
        if not value_ok or mention.kind != label["kind"] or mention.text != label["text"]:
            score.misses.append((entry["id"], label, describe(mention)))


def score_heldout(find_dates, which: str = "A") -> HeldoutScore:
    """Score `find_dates(text, field, meeting)` on one held-out set's sentences and non-dates."""
    labels, non_dates = SETS[which]
    score = HeldoutScore()
    for entry in load_sentences(labels):
        score_sentence(score, entry, find_dates(entry["sentence"], entry["field"], entry["meeting"]))
    for text, phrase in non_date_lines(non_dates):
        score.non_date_lines += 1
        for column in FIELDS:
            score.non_dates += [m.text for m in find_dates(text, column, NON_DATE_MEETING)
                                if overlaps((m.char_start, m.char_start + len(m.text)), phrase)]
    return score


def report(score: HeldoutScore, which: str, show_misses: bool) -> str:
    s = score
    labels, non_dates = SETS[which]
    lines = [
        f"held-out set {which}: {s.labels} expressions with a clear value, {len(s.unclear)} without, "
        f"{s.non_date_lines} look-alike non-dates ({labels.name}, {non_dates.name})",
        f"recall {s.recall:.3f} ({s.matched}/{s.labels})  precision {s.precision:.3f} "
        f"({s.found_on_label}/{s.found})  exact values {s.value_accuracy:.3f} ({s.right_values}/{s.labels})  "
        f"kinds {s.kind_accuracy:.3f} ({s.right_kinds}/{s.matched})",
        f"of those found: granularity {s.right_granularity}/{s.matched}, text as written "
        f"{s.right_text}/{s.matched}",
        f"non-date phrases reported as dates: {len(s.non_dates)} {sorted(set(s.non_dates))}",
        "no clear value: " + "; ".join(f"{i} {t!r} -> {got}" for i, t, got in s.unclear),
    ]
    if show_misses:
        lines.append("misses (label -> what was found):")
        for i, label, got in s.misses:
            lines.append(f"  {i} {label['text']!r} {label['start']}..{label['end']} {label['granularity']} "
                         f"{label['kind']} -> {got or 'not found'}")
        lines.append("mentions on no label:")
        lines += [f"  {i} {got}" for i, got in s.extra]
    return "\n".join(lines)


# Where the date rules lived, newest first: the package normalise/dates/ (issue 25), the module
# normalise/dates.py (from the commit that gave statuses and dates a folder of their own), and
# extract/dates.py before it. Each room holds nlp.py and patterns/ beside them.
DATE_RULE_LAYOUTS = (("normalise", "normalise/dates"), ("normalise", "normalise/dates.py"),
                     ("extract", "extract/dates.py"))


def rules_at(commit: str, folder: Path):
    """find_dates as it was at `commit`, with its patterns (git archive), in whichever of
    DATE_RULE_LAYOUTS the commit has."""
    package = folder / "dates_at_commit"
    package.mkdir()
    for room, rules in DATE_RULE_LAYOUTS:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, rules, f"{room}/nlp.py",
                                  f"{room}/patterns"], capture_output=True)
        if archive.returncode == 0:
            break
    else:
        raise SystemExit(f"no date rules at {commit}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(package, filter="data")
    (package / "__init__.py").touch()
    (package / room / "__init__.py").touch()
    vocabulary = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:vocabulary.py"], capture_output=True)
    if vocabulary.returncode == 0:  # the date rules import it from the commit that added it
        (package / "vocabulary.py").write_bytes(vocabulary.stdout)
    sys.path.insert(0, str(folder))
    return importlib.import_module(f"dates_at_commit.{room}.dates").find_dates


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT.parent))
    if "--rules-at" in argv:
        tmp = tempfile.TemporaryDirectory()
        find_dates = rules_at(argv[argv.index("--rules-at") + 1], Path(tmp.name))
        print(f"date rules of commit {argv[argv.index('--rules-at') + 1]}")
    else:
        from somnotes.normalise.dates import find_dates

    chosen = [argv[argv.index("--set") + 1]] if "--set" in argv else list(SETS)
    for which in chosen:
        print(report(score_heldout(find_dates, which), which, "--misses" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
