"""Task keys: which rows of different notes are the same task, how sure that is, and why.

Notes of one organization form a series ordered by meeting date; a note published as Word and
as PDF is one note (the same note identity: store/series.py). Walking the series in order, each note's rows are assigned
one-to-one to the tasks seen before (the Hungarian method), so two look-alike tasks in one
section cannot both claim the same predecessor. What is maximised is the link score of a row
and an earlier task: a weighted sum of named features (FEATURES, WEIGHTS), each in [0, 1]
except `absent`, which counts notes:

    text        TF-IDF cosine of the task texts (the task's latest wording)
    section     1 when the row sits under the section heading the task was last seen under
    continuity  TF-IDF cosine of the task's last Next steps and this row's Progress: the note
                reports on what the last one planned
    closed      1 when the task was completed or cancelled when last seen
    absent      notes the task missed while open (up to MAX_ABSENT_NOTES)
    reference   +1 / -1 when both rows carry a resolution or decision number, the same / another
                one (0 when either has none): the strongest signal where notes have them

A row whose best assignment scores below LINK_THRESHOLD starts a new task. A feature is one
function and one weight in FEATURE_FUNCTIONS and WEIGHTS.

Each row keeps the score of its link, the features it came from, a one-line reason and whether
a person should look at it (`uncertain`: near the threshold, or decided by the state rules
against what the text said); `somnotes links --review` lists those. User corrections
(overrides.json: `somnotes link` / `unlink`) are applied inside the assignment, in the order they
were made, so the latest correction about a row wins.

Keys depend only on what is stored, never on the order files were ingested in.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from ..vocabulary import CLOSED
from .corrections_file import load_overrides
from .references import REFERENCE_WEIGHT, reference_scores
from .series import note_series
from .similarity import Vectoriser

# Weights and threshold, set on two labelled series: the samples (3 notes, truth in
# tests/test_cross_note.py) and the long series (8 notes, tests/fixtures/series/truth.json).
# `python bench/link_eval.py --sweep` prints every figure below, measured on both (Word + PDF).
# Features of the true links that text alone gets wrong or nearly so: a re-mandate "phrased
# anew" (text 0.31, continuity 0.35), a drift step under a renamed section (0.34, section 0,
# continuity 0.43), another drift step (0.43, 0.62); other re-wordings score 0.66-0.85 (a move
# to another part 0.69 with section 0, a split's continuing half 0.69, the samples' outcome
# report 0.66), verbatim repeats 1.00. Different tasks worded alike: side-by-side look-alikes
# 0.40-0.66 (the one-to-one assignment keeps them apart while both are present), a request
# worded like a completed one (another agency 0.72, another process 0.45), a new dialogue
# worded like one dropped two notes earlier 0.69; other tasks of one section <= 0.50.
# With these weights both series score pairwise F1 1.000 (the long series 0.924 on text and
# section alone), and each setting alone keeps F1 = 1.000 over the range noted beside it.
LINK_THRESHOLD = 0.50  # F1 = 1 for 0.38-0.52: the WMO review look-alike (0.37) to the re-mandate (0.52)
WEIGHTS = {
    "text": 1.00,
    # a tie-breaker between equally worded candidates, too small to link unrelated texts: the
    # closest unrelated task of the same section, 0.50 + 0.05, is kept out by the one-to-one
    # assignment, not by the threshold (F1 = 1 for 0.03-0.17)
    "section": 0.05,
    # the re-mandate (0.31 + 0.05 + 0.45 x 0.35 = 0.52) and the drift step under a renamed
    # section (0.34 + 0.45 x 0.43 = 0.54) need at least 0.39 (F1 = 1 from 0.39 to 2.00, the end
    # of the scan, on these series). Unrelated tasks reach 0.50 when their reports name the same event (the
    # samples' outcome report and SWFS report, both launched at COP15: text 0.24): 0.24 +
    # 0.45 x 0.50 = 0.47 would stay below the threshold if the report's own task were missing;
    # a weight above 0.52 would not
    "continuity": 0.45,
    # a request worded like a completed task (0.72 + 0.05 - 0.40 = 0.37) starts a task; the
    # completed task listed once more, verbatim, still links (1.00 + 0.05 + 0.08 - 0.40 = 0.73)
    # (F1 = 1 for -0.62 to -0.28); a completed task re-worded in the next note needs text and
    # continuity worth 0.85 to come back
    "closed": -0.40,
    # per note missed while open: a new dialogue worded like one dropped two notes earlier
    # (0.69 + 0.05 - 2 x 0.20 = 0.34) starts a task; the dialogue back verbatim after two notes
    # links (1.00 + 0.05 + 0.20 - 0.40 = 0.85), the paper back re-worded after one note too
    # (0.92 + 0.05 + 0.30 - 0.20 = 1.07) (F1 = 1 for -0.37 to -0.13)
    "absent": -0.20,
    # a resolution or decision number on both rows outweighs anything the words say, either way
    # (the figures are in store/references.py: set on a committee's notes at two sessions)
    "reference": REFERENCE_WEIGHT,
}
MAX_ABSENT_NOTES = 2  # so a task back verbatim after any gap still links (1.00 - 0.40 = 0.60)
# A link within this distance of the threshold, either side, is listed for review.
REVIEW_MARGIN = 0.10
# A task text at least this alike is a repeat: a closed or absent task back with it is no doubt.
VERBATIM = 0.95
# Progress text "essentially unchanged" from the previous note: rapidfuzz ratio (0-100) of the
# case- and space-folded texts. A relabelled but otherwise copied cell ("Ongoing/postponed:"
# -> "Postponed:") scores above 90; a cell with one new sentence falls well below.
UNCHANGED_RATIO = 90
FORCED = 10.0  # score of a pair the user linked (a later link adds FORCED_STEP per correction)
FORCED_STEP = 0.001
FORBIDDEN = -10.0  # score of a pair the user unlinked
KEY_PREFIX = "t-"
KEY_HASH_CHARS = 12

# link decisions
FIRST, LINKED, NEW, USER_LINK, USER_UNLINK = "first", "linked", "new", "user_link", "user_unlink"


@dataclass
class KnownTask:
    key: str
    text: str = ""  # its latest wording: the next note is compared with this
    section: str = ""
    next_steps: str = ""
    status: str = ""
    last_row: str = ""  # task_id of its latest row
    rows: list = field(default_factory=list)  # task_ids of every row linked so far
    last_note: int = -1  # position in the series of the note it was last seen in
    last_progress: str = ""
    reference: str | None = None  # the latest resolution or decision number its rows carried (a key)


@dataclass
class Link:
    """What was decided for one row: its predecessor (or the closest task turned down), why."""

    decision: str = FIRST
    prev: str | None = None
    score: float | None = None
    features: dict = field(default_factory=dict)
    reason: str = "first appearance: no earlier note in its series"
    uncertain: bool = False


def fold(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def section_of(row: dict) -> str:
    """The heading a row sits under: its section title, else its part title. The part title is
    left out of a section's name so that renaming a part does not move every task in it."""
    return fold(row.get("section_title") or row.get("part_title"))


def note_groups(documents: list[dict]) -> dict:
    """series -> notes in meeting order; a note is the list of its documents, Word first. The
    series and the identity of a note are store/series.py's SERIES_SQL, as in the queries."""
    notes: dict = {}
    series_of = note_series(documents)
    for doc in documents:
        if doc["doc_id"] in series_of:  # a note with tasks
            notes.setdefault(series_of[doc["doc_id"]], []).append(doc)
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
    return [(r, c) for r, c in zip(rows, cols, strict=False) if scores[r, c] >= threshold]


def new_key(series: str, note: str, row: dict, taken: set | frozenset = frozenset()) -> str:
    """A new task's key, from its first note's identity (`note`: its symbol, else what its
    header says, else its doc_id; store/series.py: note_key), its place and its words: the same
    on every relink. A key `taken` already (another task's) is never given again."""
    seed = f"{series}|{note}|{row['ordinal']}|{' '.join((row['task_text'] or '').lower().split())}"
    key = KEY_PREFIX + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:KEY_HASH_CHARS]
    while key in taken:  # two notes that look alike to the seed: the row's own id tells them apart
        seed += f"|{row['task_id']}"
        key = KEY_PREFIX + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:KEY_HASH_CHARS]
    return key


def note_identity(doc: dict) -> str:
    """A note's identity as SERIES_SQL reads it: coalesce(note_key, symbol, doc_id)."""
    return doc.get("note_key") or doc.get("symbol") or doc["doc_id"]


def align_copies(rep_rows: list[dict], copy_rows: list[dict], similarity) -> dict:
    """The same note in another format: pair its rows with the representative's rows."""
    if len(rep_rows) == len(copy_rows):
        return {c["task_id"]: r["task_id"] for r, c in zip(rep_rows, copy_rows, strict=False)}
    scores = similarity([c["task_text"] for c in copy_rows], [r["task_text"] for r in rep_rows])
    return {copy_rows[i]["task_id"]: rep_rows[j]["task_id"] for i, j in assign(scores, LINK_THRESHOLD)}


class TextIndex:
    """Every distinct text once, as a row of one sparse TF-IDF matrix."""

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


# A series' similarities are computed in one block when it has at most this many pairs of
# distinct texts (32 MB of float64; 2,000 x 2,000 texts, a series of about 100 notes): one
# sparse product per series instead of one per note, which made the 10,000-note commit of
# bench/benchmark.py 2.2 times slower with two features to compute. Larger series fall back to
# one product per note.
MAX_BLOCK_CELLS = 4_000_000


class SeriesBlock:
    """The similarities of one series' texts, computed once: `left` texts x `right` texts."""

    def __init__(self, index: TextIndex, left: list[str], right: list[str]):
        self.index = index
        self.left = {t: i for i, t in enumerate(sorted(set(left)))}
        self.right = {t: i for i, t in enumerate(sorted(set(right)))}
        self.dense = None
        if len(self.left) * len(self.right) <= MAX_BLOCK_CELLS:
            self.dense = index.similarity(list(self.left), list(self.right))

    def similarity(self, a: list[str], b: list[str]) -> np.ndarray:
        """Cosine similarity of every text in `a` (left) with every text in `b` (right)."""
        if self.dense is None or not a or not b:
            return self.index.similarity(a, b)
        return self.dense[np.ix_([self.left[t] for t in a], [self.right[t] for t in b])]


@dataclass
class NoteContext:
    """What the feature functions may look at for one note of a series."""

    position: int  # of the note in its series
    tasks: SeriesBlock  # task texts x task texts
    reports: SeriesBlock  # progress texts x next steps texts


def text_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """TF-IDF cosine of each row's task text with each task's latest wording."""
    return ctx.tasks.similarity([r["task_text"] for r in rows], [k.text for k in known])


def section_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """1 where a row sits under the heading the task was last seen under."""
    sections = np.array([k.section for k in known], dtype=object)
    return np.array([sections == r["section"] for r in rows], dtype=float).reshape(len(rows), len(known))


def continuity_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """TF-IDF cosine of each row's progress with each task's last next steps."""
    return ctx.reports.similarity([r["progress_text"] or "" for r in rows], [k.next_steps for k in known])


def closed_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """1 for a task completed or cancelled when last seen."""
    closed = np.array([k.status in CLOSED for k in known], dtype=float)
    return np.broadcast_to(closed, (len(rows), len(known)))


def absent_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """Notes an open task missed since it was last seen (a closed task is expected to be gone)."""
    missed = np.array([0 if k.status in CLOSED else min(ctx.position - k.last_note - 1, MAX_ABSENT_NOTES)
                       for k in known], dtype=float)
    return np.broadcast_to(missed, (len(rows), len(known)))


def reference_feature(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> np.ndarray:
    """+1 where a row and a task carry the same resolution or decision number, -1 where they
    carry different ones, 0 where either has none (store/references.py)."""
    return reference_scores([r.get("reference_key") for r in rows], [k.reference for k in known]) / REFERENCE_WEIGHT


FEATURE_FUNCTIONS = {
    "text": text_feature,
    "section": section_feature,
    "continuity": continuity_feature,
    "closed": closed_feature,
    "absent": absent_feature,
    "reference": reference_feature,
}
FEATURES = tuple(FEATURE_FUNCTIONS)
STATE_FEATURES = ("closed", "absent")  # the state rules: what a task's history asks of new evidence


def feature_matrices(rows: list[dict], known: list[KnownTask], ctx: NoteContext) -> dict:
    """Given a note's rows and the tasks seen before, return feature name -> rows x tasks."""
    return {name: fn(rows, known, ctx) for name, fn in FEATURE_FUNCTIONS.items()}


def weighted(features: dict, names=FEATURES) -> np.ndarray:
    """The link score: the weighted sum of the named feature matrices."""
    return sum(WEIGHTS[name] * features[name] for name in names)


def corrections_by_row(corrections: list[dict], canonical) -> dict:
    """task_id -> [(sequence, op, the other rows)] for every correction naming that row."""
    out: dict = {}
    for seq, corr in enumerate(corrections):
        rows = [canonical(t) for t in corr["rows"]]
        for tid in rows:
            out.setdefault(tid, []).append((seq, corr["op"], [o for o in rows if o != tid]))
    return out


def override_scores(rows: list[dict], known: list[KnownTask], by_row: dict, scores: np.ndarray) -> dict:
    """Apply the user's corrections to a rows x known-tasks score matrix in place, oldest first
    so that the latest correction about a row wins; return row index -> USER_LINK/USER_UNLINK
    for the rows whose assignment a correction decides."""
    decided: dict = {}
    if not by_row:
        return decided
    owner = {tid: j for j, task in enumerate(known) for tid in task.rows}
    for i, row in enumerate(rows):
        for seq, op, others in by_row.get(row["task_id"], []):
            if op == "unlink" and not others:
                scores[i, :] = FORBIDDEN
                decided[i] = USER_UNLINK
            for other in others:
                if other in owner:
                    scores[i, owner[other]] = FORCED + FORCED_STEP * seq if op == "link" else FORBIDDEN
                    decided[i] = USER_LINK if op == "link" else decided.get(i, USER_UNLINK)
    return decided


def written_sum(values: dict, score: float) -> str:
    """A pair's score written out from its features: "text 0.31 + section 0.05 ... = 0.52"."""
    terms = [f"text {values['text']:.2f}"]
    for name in FEATURES[1:]:
        value = values[name]
        if not value:
            continue
        part = WEIGHTS[name] * value
        terms.append(f"{'+' if part > 0 else '-'} {name} {abs(part):.2f}")
        if name == "continuity":
            terms[-1] += f" ({value:.2f})"
        elif name == "absent":
            terms[-1] += f" ({value:.0f} note{'s' * (value > 1)})"
        elif name == "reference":
            terms[-1] += " (the same number)" if value > 0 else " (another number)"
    return " ".join(terms) + f" = {score:.2f}"


def note_links(rows: list[dict], candidates: list[KnownTask], features: dict, matched: dict,
               decided: dict) -> list[Link]:
    """The Link of every row of one note: linked, new, or decided by the user. A new row is
    shown beside an earlier task that only the state rules turned down, if there is one (what a
    reviewer must see), else beside its best scoring one."""
    if not candidates:
        return [Link() for _ in rows]
    weights = np.array([WEIGHTS[n] for n in FEATURES])
    state = np.array([n in STATE_FEATURES for n in FEATURES])
    stack = np.stack([features[n] for n in FEATURES], axis=-1)  # rows x candidates x features
    scores, unpenalised = stack @ weights, stack[..., ~state] @ weights[~state]
    taken_by = {j: i for i, j in matched.items()}
    free = np.ones(len(candidates), dtype=bool)
    free[list(taken_by)] = False
    turned_down = free & (unpenalised >= LINK_THRESHOLD)
    chosen = np.where(turned_down.any(axis=1), np.where(turned_down, unpenalised, -np.inf).argmax(axis=1),
                      scores.argmax(axis=1))
    chosen[list(matched)] = list(matched.values())
    picked = stack[np.arange(len(rows)), chosen].round(4)  # rows x features
    out = []
    for i, vector in enumerate(picked.tolist()):
        values = dict(zip(FEATURES, vector, strict=False))
        score = float(weights @ picked[i])
        j = int(chosen[i])
        link = Link(prev=candidates[j].last_row, score=round(score, 4), features=values)
        sums = written_sum(values, score)
        if i in decided:
            out.append(user_decision(link, decided[i], i in matched, sums))
        elif i in matched:
            out.append(linked(link, values, score, sums))
        else:
            rival = taken_by.get(j)
            penalty = float(weights[state] @ picked[i][state])
            rival_ordinal = rows[rival]["ordinal"] if rival is not None else None
            out.append(unlinked(link, values, score, penalty, sums, rival_ordinal))
    return out


def linked(link: Link, values: dict, score: float, sums: str) -> Link:
    """A row linked by its score: uncertain near the threshold, or when it reopens a closed task
    in other words (what the issue calls lending a completed task's key to a look-alike)."""
    link.decision, link.reason = LINKED, f"linked: {sums}"
    reopened = values["closed"] > 0 and values["text"] < VERBATIM
    link.uncertain = score < LINK_THRESHOLD + REVIEW_MARGIN or reopened
    if reopened:
        link.reason += "; it reopens a closed task in other words"
    return link


def unlinked(link: Link, values: dict, score: float, penalty: float, sums: str, rival: int | None) -> Link:
    """A row that starts a task: uncertain near the threshold, or when the text alone would
    have linked it and the state rules (closed, absent) turned it down."""
    link.decision = NEW
    if rival is not None and score >= LINK_THRESHOLD:
        link.reason = f"new: the closest earlier task ({sums}) went to row {rival} of this note"
    else:
        link.reason = f"new: the closest earlier task scores {sums}, below {LINK_THRESHOLD:.2f}"
    turned_down = score < LINK_THRESHOLD <= score - penalty
    if turned_down:
        link.reason += " because it was " + ("closed" if values["closed"] else "absent")
    link.uncertain = score >= LINK_THRESHOLD - REVIEW_MARGIN or turned_down
    return link


def user_decision(link: Link, decision: str, matched: bool, sums: str) -> Link:
    """The Link of a row a correction decides: linked by the user, split off, or kept apart
    from one task and linked to another."""
    if decision == USER_LINK and not matched:
        link.decision, link.uncertain = NEW, True
        link.reason = f"new: the user's link could not be kept, another row of this note took that task (model: {sums})"
    elif decision == USER_LINK:
        link.decision, link.reason = USER_LINK, f"linked by the user (model: {sums})"
    elif matched:
        link.decision, link.reason = LINKED, f"linked: {sums}; kept apart from another task by the user"
    else:
        link.decision, link.reason = USER_UNLINK, f"split off by the user (model: {sums})"
    return link


def compute_links(task_rows: list[dict], documents: list[dict], overrides: dict, trace=None) -> tuple[dict, dict, dict]:
    """Given all task rows and documents, return task_id -> task_key, task_id -> whether the
    progress text is essentially unchanged from the same task in the previous note (or None),
    and task_id -> its Link. `trace(rows, candidates, features)`, if given, sees every note's
    feature matrices (bench/link_eval.py prints them)."""
    by_doc = rows_by_note_file(task_rows)
    task_index = TextIndex([r["task_text"] for r in task_rows])
    report_index = TextIndex([r.get(f) or "" for r in task_rows for f in ("progress_text", "next_steps_text")])
    series_notes = note_groups(documents)
    copies = copied_rows(series_notes, by_doc, task_index)
    by_row = corrections_by_row(overrides.get("corrections", []), lambda t: copies.get(t, t))
    keys: dict = {}
    unchanged: dict = {}
    links: dict = {}
    for series, docs_of_series in sorted(series_notes.items()):
        link_series(series, docs_of_series, by_doc, (task_index, report_index), by_row, (keys, unchanged, links), trace)
    follow_representatives(task_rows, copies, keys, unchanged, links)
    return keys, unchanged, links


def rows_by_note_file(task_rows: list[dict]) -> dict[str, list[dict]]:
    """doc_id -> its task rows in reading order (task text never None, the section named)."""
    by_doc: dict = {}
    for row in task_rows:
        row["task_text"] = row["task_text"] or ""
        row["section"] = section_of(row)
        by_doc.setdefault(row["doc_id"], []).append(row)
    for rows in by_doc.values():
        rows.sort(key=lambda r: r["ordinal"])
    return by_doc


def copied_rows(series_notes: dict, by_doc: dict, task_index: TextIndex) -> dict[str, str]:
    """task_id of a row in another file of a note (its PDF beside its Word file) -> task_id of
    the row standing for it in the note's first file."""
    copies: dict = {}
    for docs_of_series in series_notes.values():
        for docs in docs_of_series:
            rep = by_doc.get(docs[0]["doc_id"], [])
            for other in docs[1:]:
                copies.update(align_copies(rep, by_doc.get(other["doc_id"], []), task_index.similarity))
    return copies


def link_series(series: str, docs_of_series: list, by_doc: dict, indexes: tuple, by_row: dict, out: tuple,
                trace=None) -> None:
    """Link the notes of one series in meeting order, each to the tasks seen before it, writing
    each row's key, unchanged flag and Link into `out` (keys, unchanged, links)."""
    keys, unchanged, links = out
    task_index, report_index = indexes
    known: list[KnownTask] = []
    taken: set = set()  # the keys of `known`
    series_rows = [r for docs in docs_of_series for r in by_doc.get(docs[0]["doc_id"], [])]
    task_texts = [r["task_text"] for r in series_rows]
    task_block = SeriesBlock(task_index, task_texts, task_texts)
    report_block = SeriesBlock(report_index, [r["progress_text"] or "" for r in series_rows],
                               [r.get("next_steps_text") or "" for r in series_rows])
    for position, docs in enumerate(docs_of_series):
        rows = by_doc.get(docs[0]["doc_id"], [])
        ctx = NoteContext(position, task_block, report_block)
        features = feature_matrices(rows, known, ctx) if known else {}
        scores = weighted(features) if known else np.zeros((len(rows), 0))
        decided = override_scores(rows, known, by_row, scores)
        matched = dict(assign(scores, LINK_THRESHOLD))
        candidates = list(known)  # the tasks seen before this note; `known` grows below
        if trace is not None and known:
            trace(rows, candidates, features)
        for row, link in zip(rows, note_links(rows, candidates, features, matched, decided), strict=False):
            links[row["task_id"]] = link
        for i, row in enumerate(rows):
            if i in matched:
                task = known[matched[i]]
                if task.last_note == position - 1:
                    ratio = fuzz.ratio(fold(row["progress_text"]), task.last_progress)
                    unchanged[row["task_id"]] = ratio >= UNCHANGED_RATIO
            else:
                task = KnownTask(new_key(series, note_identity(docs[0]), row, taken))
                taken.add(task.key)
                known.append(task)
            follow_task(task, row, position)
            keys[row["task_id"]] = task.key


def follow_task(task: KnownTask, row: dict, position: int) -> None:
    """Make `row` (of the note at `position`) the latest appearance of `task`."""
    task.text, task.section = row["task_text"], row["section"]
    task.next_steps, task.status = row.get("next_steps_text") or "", row.get("status") or ""
    task.reference = row.get("reference_key") or task.reference
    task.rows.append(row["task_id"])
    task.last_row = row["task_id"]
    task.last_note, task.last_progress = position, fold(row["progress_text"])


def follow_representatives(task_rows: list[dict], copies: dict, keys: dict, unchanged: dict, links: dict) -> None:
    """Give each row of a note's other file the key and link of the row it copies; a row that
    copies none gets a key of its own."""
    for copy, rep in copies.items():
        if rep in keys:
            keys[copy] = keys[rep]
            unchanged[copy] = unchanged.get(rep)
            links[copy] = links[rep]
    for row in task_rows:  # rows of a copy that matched nothing in its representative
        if row["task_id"] not in keys:
            keys[row["task_id"]] = new_key("", row["doc_id"], row)
            links[row["task_id"]] = Link(reason="a row of this file with no row like it in the note's Word file")


ROW_COLUMNS = ["doc_id", "task_id", "ordinal", "task_text", "progress_text", "next_steps_text", "status",
               "part_title", "section_title", "reference_key"]
DOC_COLUMNS = ["doc_id", "format", "organization", "symbol", "series", "meeting_date", "n_tasks", "note_key"]


def relink(tasks, documents, root=None) -> dict:
    """Given the whole tasks and documents tables (pyarrow), return the columns that depend on
    every note, in row order: task_key, progress_unchanged and the link_* columns. Called inside
    each commit."""
    task_rows = tasks.select(ROW_COLUMNS).to_pylist()
    doc_rows = documents.select(DOC_COLUMNS).to_pylist()
    keys, unchanged, links = compute_links(task_rows, doc_rows, load_overrides(root))
    ordered = [links[r["task_id"]] for r in task_rows]
    return {"task_key": [keys[r["task_id"]] for r in task_rows],
            "progress_unchanged": [unchanged.get(r["task_id"]) for r in task_rows],
            "link_decision": [k.decision for k in ordered],
            "link_prev": [k.prev for k in ordered],
            "link_score": [k.score for k in ordered],
            "link_features": [list(k.features.items()) or None for k in ordered],
            "link_reason": [k.reason for k in ordered],
            "link_uncertain": [k.uncertain for k in ordered]}
