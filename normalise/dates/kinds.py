"""Kinds: whether a date is past, planned or a deadline, from the tense of the clause before
it, its lead words and the meeting date."""
from __future__ import annotations

import datetime as dt
import re

from .periods import Period

# Tense of the clause before a date. A bare "planned" or "scheduled" may describe a past plan
# ("the meeting planned for March was moved"): the future needs an auxiliary or an infinitive.
FUTURE = re.compile(r"\b(will|shall|would|is to|are to|to be|upcoming|next|plan(s|ned)? to|intends? to|aims? to|"
                    r"(is|are|remains?|remain)\s+(\w+ly\s+|now\s+|still\s+)?(planned|scheduled|expected|foreseen)|"
                    r"(moved|postponed|rescheduled|deferred|delayed|pushed back)\s+(to|until|till))\b", re.I)
# A range around the meeting date is a plan when the clause speaks of one, whatever its tense.
PLAN_WORDS = re.compile(r"\b(plan|plans|planned|scheduled|expected|foreseen|envisaged)\b", re.I)
# A deadline named earlier in the clause makes the date that ends it a deadline ("the deadline for
# comments on the draft is 14 July", "a deadline for comments of 15 January").
DEADLINE_NOUN = re.compile(r"\bdeadlines?\b", re.I)
PAST = re.compile(r"\b(was|were|has been|have been|had|took place|did)\b", re.I)


CLAUSE_BREAK = re.compile(r"(?<=[.;:!?])\s")  # a space after a sentence's or clause's end


def clause_before(text: str, start: int) -> str:
    return CLAUSE_BREAK.split(text[:start])[-1]


def direction_of(text: str, start: int, field: str) -> str:
    """"future" or "past": the tense of the clause before the mention, else the column's habit."""
    clause = clause_before(text, start)
    future = [m.end() for m in FUTURE.finditer(clause)]
    past = [m.end() for m in PAST.finditer(clause)]
    if future or past:
        return "future" if max(future or [-1]) > max(past or [-1]) else "past"
    return "past" if field == "progress" else "future"


def kind_of(text: str, char_start: int, period: Period, deadline_words: bool, direction: str,
            meeting: dt.date | None) -> str:
    """Deadline when a deadline word leads or trails a date ahead; else past or planned against the
    meeting date; a range around it is a plan when the clause speaks of one or looks ahead."""
    if deadline_words and direction == "future":
        return "deadline"
    if meeting is not None and period.end < meeting:
        return "past"
    if meeting is not None and period.start > meeting:
        return "planned"
    plan = PLAN_WORDS.search(clause_before(text, char_start))
    return "past" if direction == "past" and not plan else "planned"


def deadline_before(text: str, start: int) -> bool:
    """Whether the clause before a mention names a deadline, however far from the date."""
    return DEADLINE_NOUN.search(clause_before(text, start)) is not None
