"""Statuses: split a Progress cell into status-labelled items and sum them up per task.

Where a label is and what it reads is the status grammar's (status_grammar.py, its words in
patterns/status_grammar.jsonl, its statuses in patterns/status_map.jsonl): a label opens a
paragraph ("Partially implemented: ...", "Postponed to 2021.", "Closed (implemented)") or a
sentence followed by a colon. The same words inside a sentence ("the workshop has been
cancelled") or opening one as an adjective ("Completed reports were shared") describe an event,
not the task, and are not labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import STATUSES as STATUSES  # the statuses split_progress gives (re-exported)
from .nlp import status_nlp
from .status_grammar import MAX_OPEN_SUBJECT, SPAN_KEY, lexicon, opening, read_label

EXCEPTIONAL = ("postponed", "on_hold", "cancelled")
LABEL_PROBE_CHARS = 100  # a label and the word after it fit in this much of a line
PROBE_CUT = re.compile(r"\S*$")  # a probe cut inside a word loses that word
FIRST_WORDS = re.compile(r"[A-Za-z]+")  # a label's first words: its opening and an open subject


@dataclass
class ProgressItem:
    status: str
    status_label: str | None
    text: str


def find_labels(doc) -> list[tuple[int, int, str]]:
    """Given a paragraph Doc, return (label_start_char, text_start_char, status) per label."""
    return list(doc.user_data.get(SPAN_KEY, []))


def opens_with_label(text: str) -> bool:
    """Does the text open with a capitalised status label, as a paragraph of its own would
    ("Completed: The IMG met ...", "Not yet started.", a bare "Ongoing")? In a PDF that shows no
    gap between two progress items, such a line is the only sign that a new item begins."""
    words = [w.lower() for w in FIRST_WORDS.findall(text[:LABEL_PROBE_CHARS])]
    if not words or not text[0].isupper() or (words[0] not in lexicon().first_words
                                              and not set(words[1:1 + MAX_OPEN_SUBJECT]) & lexicon().head_words):
        return False
    probe = text if len(text) <= LABEL_PROBE_CHARS else PROBE_CUT.sub("", text[:LABEL_PROBE_CHARS])
    doc = status_nlp().make_doc(probe)
    if opening(doc, lexicon()) != 0:
        return False  # a bullet or a list number opens a paragraph anyway; "Status:" is no label
    # a label that reads as a sentence ("Policy adopted.") starts an item only as a paragraph
    label = read_label(doc, 0, lexicon(), strict=True)
    # a probe cut short ends no label: its end must be one the text itself has
    return label is not None and (probe == text or label[1] < len(doc))


def column_status(text: str | None) -> str | None:
    """Given a Status column's cell ("Ongoing", "Not yet started.", "Deferred to 2022",
    "In progress - 50%", "Delayed - funding gap"), return the status it states, or None when it
    is not a status word."""
    label = whole_label(text)
    return label[0] if label else None


def whole_label(text: str | None):
    """The label a text is all about, a comment after a dash or colon aside: (status, end token,
    text start char), or None."""
    if not text:
        return None
    doc = status_nlp().make_doc(text.strip().rstrip(".:;-\u2013\u2014 "))
    return read_label(doc, opening(doc, lexicon()), lexicon(), whole=True) if len(doc) else None


def is_bare_label(text: str) -> bool:
    """Is the text nothing but a status label ("Ongoing", "Not yet started", "Deferred to 2022"),
    with no comment after it ("Postponed: As a result of ...")?"""
    label = whole_label(text)
    return label is not None and label[2] >= len(text.strip().rstrip(".:;-\u2013\u2014 "))


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
        add_text("" if labels[0][0] == doc[opening(doc, lexicon())].idx else head)
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
