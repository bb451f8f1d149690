"""Is a table whose header names task roles a task table? Two header words are not enough.

An approval history ("Action date and time | Action taken | Actor | ...") names a task column
("Action ...") and a progress column ("Action taken"), and a claims list ends in a row saying
"No results". The evidence a task table gives besides its header (the README, "Which tables
hold tasks"):

- its task cells read as tasks: at least half of them are sentences (at least MIN_TASK_WORDS
  words of letters, more words than dates, amounts or codes); a table whose progress cells say
  what was done but whose task cells do not is a task table only in a document that names
  itself (a symbol or a title);
- its progress and next-steps cells say what was done or comes next: more than half of the rows
  hold a sentence there, or a status ("Ongoing", "Completed: ...", or the word of a Status column
  beside Progress, which gives the status of progress text with no label of its own); "Paid",
  "Confirmed", "$ 3,400.00" are not;
- the document names itself (a symbol or a title in its header block), or its task tables hold
  several rows (SEVERAL_ROWS).

A table a user's wording names (`--column WORDING=ROLE`) is a task table on that word alone, and
so is a table headed as a task table met before it in the same note.
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
# Task cells must read as tasks in half of the rows at least (a table of two may hold a task
# written as a code); progress cells must say what was done in more than half of them.
HALF = 0.5
# A document with neither symbol nor title holds task tables when they hold this many rows at least.
SEVERAL_ROWS = 3


def counts(text: str) -> tuple[int, int]:
    """(words of letters, tokens with a digit) in a cell's text."""
    return len(LETTER_WORD.findall(text)), len(DIGIT_TOKEN.findall(text))


def reads_as_task(text: str) -> bool:
    """Is a task cell's text a sentence or phrase of words, not a date, amount or code?"""
    words, numbers = counts(text)
    return words >= MIN_TASK_WORDS and words > numbers


def reads_as_progress(progress: str, next_steps: str, status: str = "") -> bool:
    """Do a row's progress and next-steps cells say what was done or comes next: a sentence in
    either, a progress cell that opens with a status ("Ongoing", "Completed: ..."), or a Status
    column's cell beside Progress that is a status ("Completed")?"""
    if reads_as_task(progress) or reads_as_task(next_steps):
        return True
    from ..normalise.statuses import column_status, opens_with_label  # spaCy: only for short cells

    if bool(progress) and (opens_with_label(progress) or column_status(progress) is not None):
        return True
    return column_status(status) is not None


def at_least_half(flags: list[bool]) -> bool:
    """Half of the flags or more are true (an empty list: no evidence against)."""
    return not flags or sum(flags) >= HALF * len(flags)


def most(flags: list[bool]) -> bool:
    """More than half of the flags are true (an empty list: no evidence against)."""
    return not flags or sum(flags) > HALF * len(flags)


def status_text(row: TaskRow) -> str:
    """The text of a row's Status column beside Progress ("" where the table has none)."""
    return row.status.text if row.status is not None else ""


def table_evidence(rows: list[TaskRow]) -> str | None:
    """Given a table's task rows, say what evidence they give: "tasks" (task cells that read as
    tasks, progress and next-steps cells that say what was done), "progress" (the latter only:
    a task table where the document names itself, see `names_itself`), or None (no task table)."""
    tasks = [reads_as_task(r.task.text) for r in rows if not r.task.is_empty()]
    with_status = [(r, status_text(r)) for r in rows]
    others = [reads_as_progress(r.progress.text, r.next_steps.text, status) for r, status in with_status
              if not (r.progress.is_empty() and r.next_steps.is_empty() and not status)]
    if not tasks or not most(others):
        return None
    if at_least_half(tasks):
        return "tasks"
    return "progress" if others else None


def names_itself(header: NoteHeader) -> bool:
    """Does the document name itself in its header block: a symbol or a title?"""
    return bool(header.symbol or header.title)


def note_names_itself(header: NoteHeader, n_rows: int) -> bool:
    """Does the document give the evidence of a note: a symbol or title, or several task rows?"""
    return names_itself(header) or n_rows >= SEVERAL_ROWS
