"""Is a table whose header names task roles a task table? Two header words are not enough.

An approval history ("Action date and time | Action taken | Actor | ...") names a task column
("Action ...") and a progress column ("Action taken"), and a claims list ends in a row saying
"No results". The evidence a task table gives besides its header (the README, "Which tables
hold tasks"):

- its task cells read as tasks: most of them are sentences (at least MIN_TASK_WORDS words of
  letters, more words than dates, amounts or codes);
- its progress and next-steps cells say what was done or comes next: most rows hold a sentence
  there, or a status ("Ongoing", "Completed: ..."); "Paid", "Confirmed", "$ 3,400.00" are not;
- the document names itself (a symbol or a title in its header block), or its task tables hold
  several rows (SEVERAL_ROWS).

A table a user's wording names (`--column WORDING=ROLE`) is a task table on that word alone.
"""
from __future__ import annotations

import re

from .model import NoteHeader, TaskRow

# A word of letters (any script), two at least: "of", "Report", "Évaluation"; not "a", "5", "$".
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# A token holding a digit: a date ("12/03/2021"), a time, an amount ("$ 388.57"), a code ("0085648100305").
DIGIT_TOKEN = re.compile(r"\S*\d\S*")
# A task is said in a sentence, or at least a phrase of this many words ("Launch the report"):
# "No results", "For decision", "12 March 2021 10:32" are not tasks.
MIN_TASK_WORDS = 3
# Share of a column's filled cells that must read as text for the column to: most of them.
MOST = 0.5
# A document with neither symbol nor title holds task tables when they hold this many rows at least.
SEVERAL_ROWS = 3


def counts(text: str) -> tuple[int, int]:
    """(words of letters, tokens with a digit) in a cell's text."""
    return len(LETTER_WORD.findall(text)), len(DIGIT_TOKEN.findall(text))


def reads_as_task(text: str) -> bool:
    """Is a task cell's text a sentence or phrase of words, not a date, amount or code?"""
    words, numbers = counts(text)
    return words >= MIN_TASK_WORDS and words > numbers


def reads_as_progress(progress: str, next_steps: str) -> bool:
    """Do a row's progress and next-steps cells say what was done or comes next: a sentence in
    either, or a progress cell that opens with a status ("Ongoing", "Completed: ...")?"""
    if reads_as_task(progress) or reads_as_task(next_steps):
        return True
    from ..normalise.statuses import column_status, opens_with_label  # spaCy: only for short cells

    return bool(progress) and (opens_with_label(progress) or column_status(progress) is not None)


def mostly(flags: list[bool]) -> bool:
    """More than MOST of the flags are true (an empty list: no evidence against)."""
    return not flags or sum(flags) > MOST * len(flags)


def table_reads_as_tasks(rows: list[TaskRow]) -> bool:
    """Given a table's task rows, do its task cells read as tasks and its progress and
    next-steps cells as words?"""
    tasks = [reads_as_task(r.task.text) for r in rows if not r.task.is_empty()]
    others = [reads_as_progress(r.progress.text, r.next_steps.text) for r in rows
              if not (r.progress.is_empty() and r.next_steps.is_empty())]
    return bool(tasks) and mostly(tasks) and mostly(others)


def note_names_itself(header: NoteHeader, n_rows: int) -> bool:
    """Does the document give the evidence of a note: a symbol or title, or several task rows?"""
    return bool(header.symbol or header.title) or n_rows >= SEVERAL_ROWS
