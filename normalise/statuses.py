"""Statuses: split a Progress cell into status-labelled items and sum them up per task.

A label is a status phrase (patterns in patterns/status_labels.jsonl) that opens a paragraph
and is followed by a colon, a full stop, a dash, the end of the paragraph or a capitalised
word ("Completed The report was released": a sentence would read "Completed the report"), or
that opens a sentence and is followed by a colon. The same words inside a sentence ("the workshop has
been cancelled") describe an event, not the task, and are not labels.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..vocabulary import MONTH_NAMES as MONTHS
from ..vocabulary import STATUSES as STATUSES  # the statuses split_progress gives (re-exported)
from .nlp import STATUS_PATTERNS, read_jsonl, status_nlp

# A composite label ("Ongoing/postponed") takes the most specific state: the first in this list.
SPECIFICITY = ("cancelled", "postponed", "on_hold", "not_started", "ongoing", "completed")
LABEL_ENDINGS = {":", ".", "-", "\u2013", "\u2014"}
COMPOSITE_JOINERS = {"/", "and", "&", "but", "-", ","}
SENTENCE_BOUNDARIES = {".", ";", "!", "?"}
STATUS_PREFIX = re.compile(r"((\u2022|-|\u2013|\*|\u00b7|\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s*)?(status\s*:?)?", re.I)
BULLET_TOKENS = {"\u2022", "-", "\u2013", "*", "\u00b7"}
LIST_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)]", re.I)
MONTH_NAMES = frozenset(MONTHS)  # "Completed November 2019" is a dated statement, not a label
EXCEPTIONAL = ("postponed", "on_hold", "cancelled")
LABEL_PROBE_CHARS = 60  # a label and the word after it fit in this much of a line


@dataclass
class ProgressItem:
    status: str
    status_label: str | None
    text: str


def most_specific(statuses: list[str]) -> str:
    return min(statuses, key=SPECIFICITY.index)


def starts_sentence(token) -> bool:
    """A capitalised word that is not a name of a month: the start of the item's own sentence."""
    return token.is_alpha and token.text[0].isupper() and token.text not in MONTH_NAMES


def list_marker_tokens(doc) -> int:
    """How many tokens a paragraph's bullet or list number takes ("•", "-", "1.", "a)", "(ii)")."""
    if len(doc) and doc[0].text in BULLET_TOKENS:
        return 1
    head = doc[:3].text.replace(" ", "")
    m = LIST_NUMBER.match(head)
    if m:
        consumed, n = 0, 0
        while n < len(doc) and consumed < len(m.group(0)):
            consumed += len(doc[n].text)
            n += 1
        return n
    return 0


def find_labels(doc) -> list[tuple[int, int, str]]:
    """Given a paragraph Doc, return (label_start_char, text_start_char, status) per label."""
    ents = list(doc.ents)
    found = []
    i = 0
    while i < len(ents):
        first = ents[i]
        statuses, last = [first.ent_id_], first
        # "Ongoing/postponed", "Completed and ongoing": adjacent phrases make one label
        while i + 1 < len(ents) and ents[i + 1].start - last.end == 1 \
                and doc[last.end].lower_ in COMPOSITE_JOINERS:
            i += 1
            last = ents[i]
            statuses.append(last.ent_id_)
        i += 1
        # "Ongoing: ...", after a bullet or list number ("• Completed: ..."), or after a
        # "Status:" prefix ("Status: Ongoing")
        opening = list_marker_tokens(doc)
        at_paragraph_start = first.start == opening or (
            first.start == opening + 2 and doc[opening].lower_ == "status" and doc[opening + 1].text == ":")
        at_sentence_start = first.start > 0 and doc[first.start - 1].text in SENTENCE_BOUNDARIES
        after = doc[last.end] if last.end < len(doc) else None
        if at_paragraph_start and (after is None or after.text in LABEL_ENDINGS or starts_sentence(after)):
            pass
        elif at_sentence_start and after is not None and after.text == ":":
            pass
        else:
            continue
        text_start = last.end_char
        if after is not None and after.text in LABEL_ENDINGS:
            text_start = after.idx + len(after.text)
        found.append((first.start_char, text_start, most_specific(statuses)))
    return found


@functools.lru_cache(maxsize=1)
def label_first_words() -> frozenset:
    """The first word of every status phrase ("completed", "on", "not", ...), lower case."""
    firsts = (re.match(r"[a-z]+", e["pattern"]) for e in read_jsonl(STATUS_PATTERNS))
    return frozenset(m.group(0) for m in firsts if m is not None)


def opens_with_label(text: str) -> bool:
    """Does the text open with a capitalised status label, as a paragraph of its own would
    ("Completed: The IMG met ...", "Not yet started.", a bare "Ongoing")? In a PDF that shows no
    gap between two progress items, such a line is the only sign that a new item begins."""
    first = re.match(r"[A-Za-z]+", text)
    if not first or not text[0].isupper() or first.group(0).lower() not in label_first_words():
        return False
    labels = find_labels(status_nlp()(text[:LABEL_PROBE_CHARS]))
    return bool(labels) and labels[0][0] == 0


def column_status(text: str | None) -> str | None:
    """Given a Status column's cell ("Ongoing", "Not yet started.", "Ongoing/postponed"),
    return the status it states, or None when it is not a status word."""
    if not text:
        return None
    doc = status_nlp()(text.strip().rstrip(".:;-\u2013\u2014 "))
    labels = find_labels(doc)
    if labels and labels[0][0] == 0 and labels[0][1] >= len(doc.text.rstrip()):
        return labels[0][2]
    return None


def split_progress(paragraphs: list[str], default: str | None = None) -> list[ProgressItem]:
    """Given a Progress cell's paragraphs, return its items: each label starts one, and the
    text up to the next label is its text. Text before the first label, or a cell with no
    label at all, is an item of status `default` (what a Status column beside it says), else
    unknown."""
    items: list[ProgressItem] = []
    pieces: list[list[str]] = []  # the text paragraphs of each item, parallel to `items`

    def add_text(text: str) -> None:
        if not items:
            items.append(ProgressItem("unknown", None, ""))
            pieces.append([])
        if text:
            pieces[-1].append(text)

    for para, doc in zip(paragraphs, status_nlp().pipe(paragraphs), strict=False):
        labels = find_labels(doc)
        if not labels:
            add_text(para)
            continue
        head = para[: labels[0][0]].strip()
        add_text("" if STATUS_PREFIX.fullmatch(head) else head)
        for n, (label_start, text_start, status) in enumerate(labels):
            end = labels[n + 1][0] if n + 1 < len(labels) else len(para)
            label = para[label_start:text_start].strip().rstrip(":.-\u2013\u2014 ").strip()
            items.append(ProgressItem(status, label, ""))
            pieces.append([para[text_start:end].strip()] if para[text_start:end].strip() else [])
    if items and items[0].status == "unknown" and not pieces[0] and len(items) > 1:
        items, pieces = items[1:], pieces[1:]  # no text before the first label
    for item, texts in zip(items, pieces, strict=False):
        item.text = "\n".join(texts)
        if default and item.status == "unknown" and item.status_label is None:
            item.status = default
    return items or [ProgressItem(default or "unknown", None, "")]


def task_status(item_statuses: list[str]) -> str:
    """Sum a task's item statuses up, as the contract says: unknown when every item is; else, on
    the items that are not unknown, completed when all are, not_started when all are, an
    exceptional state when it is the only one besides completed, else ongoing."""
    states = set(item_statuses) - {"unknown"}
    if not states:
        return "unknown"
    if states == {"completed"}:
        return "completed"
    if states == {"not_started"}:
        return "not_started"
    others = states - {"completed"}
    if len(others) == 1 and next(iter(others)) in EXCEPTIONAL:
        return next(iter(others))
    return "ongoing"
