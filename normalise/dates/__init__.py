"""Temporal expressions: found by a two-layer grammar of spaCy Matcher rules, resolved against
the meeting date.

Layer 1 (patterns/date_phrases.jsonl) finds units: anchors that name a stretch of time (a day,
a month, a season, a quarter or half, a year, "next month"), qualifiers that take part of one
("early", "the end of", "the last weeks of"), connectors ("to", "-", "/", "and") and the words
that lead or trail an expression and say its kind ("by", "no later than", "since", "at the
latest"). Each unit becomes one token of a small Doc. Layer 2 (patterns/date_grammar.jsonl)
combines unit tokens into expressions, so that wording nobody listed ("early in the second half of next
year" is as good as "in early 2021") still resolves. Every unit id and rule id names one small
resolver in RESOLVERS; the table is checked when the matchers are built.

Resolving: an anchor with a year is a calendar period. One without ("in May", "during the
winter", "in Q3") is the nearest such period before the meeting date in the Progress column and
after it in Next steps and Task text, unless the clause's own tense says otherwise ("will meet in
October", "was held in May"); a period holding the meeting date is that one. In a range or list
a yearless member takes the year of the member after it ("from May to September 2021").
dateparser reads written days ("7/2/2022", "20 February", "last Friday"). Vague spans get the bounds tabled in
the README ("late 2021" = its last quarter); expressions with no clear value (fiscal years,
"within six months") are recognised and give no date.

Finding stays strict, so that "2030 Agenda", "COP15" or "the 2nd meeting" are never dates: a
bare year, month, season or quarter counts only after a lead word or qualifier or beside a second
anchor, and a bare year before a capitalised word names a thing ("the 2020 Assessment").

The package: periods (calendar arithmetic), units (tokenising a sentence into date units and
parsing a match), resolvers (values and bounds), matchers (the pattern files built into spaCy
matchers), kinds (past, planned, deadline) and find (find_dates, the entry point).
"""
from __future__ import annotations

from .find import DateMention, find_dates
from .matchers import DateRuleError, build_date_rules, date_rules
from .periods import Context, Period
from .resolvers import RESOLVERS
from .units import ROLE_OF_CATEGORY

__all__ = ["RESOLVERS", "ROLE_OF_CATEGORY", "Context", "DateMention", "DateRuleError", "Period",
           "build_date_rules", "date_rules", "find_dates"]
