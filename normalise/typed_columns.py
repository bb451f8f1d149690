"""Typed extra columns: a lead column's entities and a deadline column's dates, as data.

Both columns keep their text in tasks.extra as written; these functions give what a user
filters and sorts by: `tasks.lead` is the list of entities a lead cell names, and a deadline
cell's dates go to the dates table with field "deadline" and kind deadline.
"""
from __future__ import annotations

import datetime as dt
import re

from .dates import DateMention, find_dates

# Entities in a lead cell are separated by commas, semicolons, slashes, "&" or line breaks.
LEAD_SEPARATORS = re.compile(r"\s*(?:[,;\n/]|\s&\s|\s\+\s)\s*")
AND = re.compile(r"\s+and\s+")
# "UNEP (lead)", "FAO (tbc)": a qualifier after the name, not part of it
QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*$")  # UNEP, UN-Habitat, ILO, UNESCO
EDGE_PUNCTUATION = " .:;,\u2013\u2014-"
DEADLINE_PREFIX = "by "  # a bare date in a deadline column reads as "by <date>"


def split_and(name: str) -> list[str]:
    """"UNDP and UNEP" names two entities; "Food and Agriculture Organization" names one: split
    at "and" only where a side is a single acronym."""
    pieces = AND.split(name)
    if len(pieces) > 1 and any(len(p.split()) == 1 and ACRONYM.match(p) for p in pieces):
        return pieces
    return [name]


def lead_entities(text: str | None) -> list[str]:
    """Given a lead or responsible cell, return the entities it names, in order, once each."""
    out: list[str] = []
    for piece in LEAD_SEPARATORS.split(text or ""):
        for name in split_and(piece.strip()):
            name = QUALIFIER.sub("", name).strip(EDGE_PUNCTUATION)
            if name and name not in out:
                out.append(name)
    return out


def deadline_dates(text: str | None, meeting_date: dt.date | None) -> list[DateMention]:
    """Given a deadline cell ("30 June 2023", "Q4 2023", "2024", "June"), return its dates as
    deadlines: a bare date in a deadline column is read as "by <date>"."""
    text = text or ""
    # a cell that says its own deadline words ("no later than June", "due Q4") is read as written
    prefixed = not any(m.kind == "deadline" for m in find_dates(text, "deadline", meeting_date))
    probe = DEADLINE_PREFIX + text if prefixed else text
    out = []
    for mention in find_dates(probe, "deadline", meeting_date):
        start = mention.char_start - (len(DEADLINE_PREFIX) if prefixed else 0)
        written = mention.text
        if start < 0:  # the mention took the "by " added above: not part of what was written
            written, start = written[len(DEADLINE_PREFIX):], 0
        out.append(DateMention(written, mention.start, mention.end, mention.granularity, "deadline", start))
    return out
