"""Task keys: which rows of different notes are the same task.

Notes of one organization form a series ordered by meeting date; a note published as Word and
as PDF (same symbol) is one note. Walking the series in order, each note's rows are assigned
one-to-one to the tasks seen before (the Hungarian method on text similarity), so two
look-alike tasks in one section cannot both claim the same predecessor. A row whose best
assignment scores below LINK_THRESHOLD starts a new task. User corrections (overrides.json:
`somnotes link` / `somnotes unlink`) are applied inside the assignment, before any analysis.

Keys depend only on what is stored, never on the order files were ingested in.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from .references import reference_scores
from .series import series_keys
from .similarity import Vectoriser

OVERRIDES_FILE = "overrides.json"
# Cosine of TF-IDF term vectors (store/similarity.py). Measured on the samples: rows of one
# task re-worded between notes score 0.64-0.83 (a clause dropped, a re-mandate rephrased,
# learnt/learned), verbatim repeats 1.0, the closest look-alike of a different task 0.46. On a
# second, hand-written series (a report re-targeted to the Kunming-Montreal framework, a
# website task re-phrased) re-wordings scored 0.57-0.58 and a re-mandate "phrased anew" 0.48.
# The threshold sits between the look-alikes and the re-wordings; a look-alike that scores
# higher (a decoy next to its original, 0.73) is kept apart by the one-to-one assignment.
LINK_THRESHOLD = 0.50
# A row found under the same section heading as the task was last seen gets this much more:
# a tie-breaker between equally worded candidates, too small to link unrelated texts.
SAME_SECTION_BONUS = 0.05
# Progress text "essentially unchanged" from the previous note: rapidfuzz ratio (0-100) of the
# case- and space-folded texts. A relabelled but otherwise copied cell ("Ongoing/postponed:"
# -> "Postponed:") scores above 90; a cell with one new sentence falls well below.
UNCHANGED_RATIO = 90
FORCED = 10.0  # score of a pair the user linked
FORBIDDEN = -10.0  # score of a pair the user unlinked
KEY_PREFIX = "t-"
KEY_HASH_CHARS = 12


@dataclass
class KnownTask:
    key: str
    text: str  # its latest wording: the next note is compared with this
    section: str
    rows: list = field(default_factory=list)  # task_ids of every row linked so far
    last_note: int = -1  # position in the series of the note it was last seen in
    last_progress: str = ""
    reference: str | None = None  # the latest resolution or decision number its rows carried (a key)


def load_overrides(root: Path | None) -> dict:
    path = Path(root) / OVERRIDES_FILE if root else None
    if path is None or not path.exists():
        return {"link": [], "unlink": []}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"link": data.get("link", []), "unlink": data.get("unlink", [])}


def section_of(row: dict) -> str:
    return " ".join(f"{row.get('part_title') or ''} {row.get('section_title') or ''}".lower().split())


def note_groups(documents: list[dict]) -> dict:
    """series -> notes in meeting order; a note is the list of its documents, Word first. The
    series of a note is store/series.py's (queries.NOTES_SQL applies the same rule)."""
    notes: dict = {}
    series_of = series_keys(documents)
    for doc in documents:
        if not doc["n_tasks"]:
            continue
        series = series_of[doc["doc_id"]]
        ident = (series, doc.get("symbol") or doc["doc_id"])
        notes.setdefault(ident, []).append(doc)
    by_series: dict = {}
    for (series, symbol), docs in notes.items():
        docs.sort(key=lambda d: (d["format"] != "docx", d["doc_id"]))
        date = min((d["meeting_date"] for d in docs if d.get("meeting_date")), default=dt.date.max)
        by_series.setdefault(series, []).append((date, symbol, docs))
    return {s: [docs for _, _, docs in sorted(v, key=lambda n: (n[0], n[1]))] for s, v in by_series.items()}


def assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Given a rows x candidates score matrix, return the one-to-one pairs that maximise the
    total score, keeping those at or above `threshold`."""
    if scores.size == 0:
        return []
    rows, cols = linear_sum_assignment(-scores)
    return [(r, c) for r, c in zip(rows, cols) if scores[r, c] >= threshold]


def new_key(series: str, symbol: str, row: dict) -> str:
    seed = f"{series}|{symbol}|{row['ordinal']}|{' '.join((row['task_text'] or '').lower().split())}"
    return KEY_PREFIX + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:KEY_HASH_CHARS]


def align_copies(rep_rows: list[dict], copy_rows: list[dict], similarity) -> dict:
    """The same note in another format: pair its rows with the representative's rows."""
    if len(rep_rows) == len(copy_rows):
        return {c["task_id"]: r["task_id"] for r, c in zip(rep_rows, copy_rows)}
    scores = similarity([c["task_text"] for c in copy_rows], [r["task_text"] for r in rep_rows])
    return {copy_rows[i]["task_id"]: rep_rows[j]["task_id"] for i, j in assign(scores, LINK_THRESHOLD)}


def fold(text: str | None) -> str:
    return " ".join((text or "").lower().split())


class TextIndex:
    """Every distinct task text once, as a row of one sparse TF-IDF matrix."""

    def __init__(self, texts: list[str]):
        self.texts = sorted(set(texts))
        self.row = {t: i for i, t in enumerate(self.texts)}
        self.matrix = Vectoriser(self.texts).matrix(self.texts)

    def similarity(self, a: list[str], b: list[str]) -> np.ndarray:
        """Cosine similarity of every text in `a` with every text in `b` (both indexed)."""
        if not a or not b:
            return np.zeros((len(a), len(b)))
        left = self.matrix[[self.row[t] for t in a]]
        right = self.matrix[[self.row[t] for t in b]]
        return (left @ right.T).toarray()


def override_scores(rows: list[dict], known: list[KnownTask], linked: list, split: list, scores: np.ndarray) -> None:
    """Apply the user's corrections to a rows x known-tasks score matrix, in place."""
    if not linked and not split:
        return
    owner = {tid: j for j, task in enumerate(known) for tid in task.rows}
    for i, row in enumerate(rows):
        tid = row["task_id"]
        for pair in linked:
            if tid in pair:
                for other in pair:
                    if other != tid and other in owner:
                        scores[i, owner[other]] = FORCED
        for pair in split:
            if pair == (tid,):
                scores[i, :] = FORBIDDEN
            elif tid in pair:
                for other in pair:
                    if other != tid and other in owner:
                        scores[i, owner[other]] = FORBIDDEN


def compute_keys(task_rows: list[dict], documents: list[dict], overrides: dict) -> tuple[dict, dict]:
    """Given all task rows and documents, return task_id -> task_key, and task_id -> whether the
    progress text is essentially unchanged from the same task in the previous note (or None)."""
    by_doc: dict = {}
    for row in task_rows:
        row["task_text"] = row["task_text"] or ""
        by_doc.setdefault(row["doc_id"], []).append(row)
    for rows in by_doc.values():
        rows.sort(key=lambda r: r["ordinal"])
    index = TextIndex([r["task_text"] for r in task_rows])

    keys: dict = {}
    unchanged: dict = {}
    copies: dict = {}  # task_id of a copy -> task_id of the representative row
    series_notes = note_groups(documents)
    for docs_of_series in series_notes.values():
        for docs in docs_of_series:
            rep = by_doc.get(docs[0]["doc_id"], [])
            for other in docs[1:]:
                copies.update(align_copies(rep, by_doc.get(other["doc_id"], []), index.similarity))
    canonical = lambda task_id: copies.get(task_id, task_id)  # noqa: E731
    linked = [tuple(canonical(t) for t in pair) for pair in overrides["link"]]
    split = [tuple(canonical(t) for t in pair) for pair in overrides["unlink"]]

    for series, docs_of_series in sorted(series_notes.items()):
        known: list[KnownTask] = []
        for position, docs in enumerate(docs_of_series):
            rows = by_doc.get(docs[0]["doc_id"], [])
            scores = index.similarity([r["task_text"] for r in rows], [k.text for k in known])
            if known:
                sections = np.array([k.section for k in known], dtype=object)
                for i, row in enumerate(rows):
                    scores[i] += SAME_SECTION_BONUS * (sections == section_of(row))
                # a resolution or decision number on both sides outweighs the words (store/references.py)
                scores += reference_scores([r.get("reference_key") for r in rows], [k.reference for k in known])
            override_scores(rows, known, linked, split, scores)
            matched = dict(assign(scores, LINK_THRESHOLD))
            for i, row in enumerate(rows):
                if i in matched:
                    task = known[matched[i]]
                    if task.last_note == position - 1:
                        unchanged[row["task_id"]] = fuzz.ratio(fold(row["progress_text"]), task.last_progress) >= UNCHANGED_RATIO
                else:
                    task = KnownTask(new_key(series, docs[0].get("symbol") or "", row), "", "")
                    known.append(task)
                task.text, task.section = row["task_text"], section_of(row)
                task.reference = row.get("reference_key") or task.reference
                task.rows.append(row["task_id"])
                task.last_note, task.last_progress = position, fold(row["progress_text"])
                keys[row["task_id"]] = task.key
    for copy, rep in copies.items():
        if rep in keys:
            keys[copy] = keys[rep]
            unchanged[copy] = unchanged.get(rep)
    for row in task_rows:  # rows of a copy that matched nothing in its representative
        keys.setdefault(row["task_id"], new_key("", row["doc_id"], row))
    return keys, unchanged


def relink(tasks, documents, root=None) -> dict:
    """Given the whole tasks and documents tables (pyarrow), return the columns that depend on
    every note, in row order: task_key and progress_unchanged. Called inside each commit."""
    cols = ["doc_id", "task_id", "ordinal", "task_text", "progress_text", "part_title", "section_title", "reference_key"]
    task_rows = tasks.select(cols).to_pylist()
    doc_rows = documents.select(["doc_id", "format", "organization", "symbol", "series", "meeting_date", "n_tasks"]).to_pylist()
    keys, unchanged = compute_keys(task_rows, doc_rows, load_overrides(root))
    return {"task_key": [keys[r["task_id"]] for r in task_rows],
            "progress_unchanged": [unchanged.get(r["task_id"]) for r in task_rows]}
