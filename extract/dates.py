"""Temporal expressions: found by spaCy Matcher rules, resolved with dateparser against the
meeting date.

Finding is rules (patterns/date_phrases.jsonl), so that "2030 Agenda", "COP15" or "the 2nd
meeting" are never dates: a bare year counts only after a temporal preposition ("by 2020",
"in 2019") and never when a capitalised name follows it ("2030 Agenda"); a month counts with
a day, a year or a preposition. Resolving asks dateparser for the calendar date, preferring
the past in the Progress column and the future in Next steps and Task text, unless the
sentence's own tense says otherwise ("will meet in October", "was held in May").
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

import dateparser
from spacy.matcher import Matcher
from spacy.util import filter_spans

from .nlp import DATE_PATTERNS, read_jsonl, status_nlp

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # northern, meteorological
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
YEAR_RE = re.compile(r"^(19[5-9]\d|20\d\d)$")
DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
# Words kept in front of a match as part of the expression as written
LEAD_PHRASES = [("no", "later", "than"), ("not", "later", "than"), ("deadline", ":"), ("deadline", "of"),
                ("due", "by"), ("due", "on"), ("due", "in"), ("due",), ("by", "the"), ("in", "the"), ("for", "the"), ("during", "the"), ("until", "the"), ("before", "the"), ("since", "the"), ("as", "of"),
                ("by",), ("in",), ("on",), ("since",), ("until",), ("till",), ("during",), ("before",),
                ("after",), ("from",), ("for",), ("around",), ("to",), ("the",)]
DEADLINE_LEADS = ("by", "no later than", "not later than", "before", "deadline", "due")
# Tense of the clause before a date. A bare "planned" or "scheduled" may describe a past plan
# ("the meeting planned for March was moved"): the future needs an auxiliary or an infinitive.
FUTURE = re.compile(r"\b(will|shall|would|is to|are to|to be|upcoming|next|plan(s|ned)? to|intends? to|aims? to|"
                    r"(is|are|remains?|remain)\s+(\w+ly\s+|now\s+|still\s+)?(planned|scheduled|expected|foreseen)|"
                    r"(moved|postponed|rescheduled|deferred|delayed|pushed back)\s+(to|until|till))\b", re.I)
# A range around the meeting date is a plan when the clause speaks of one, whatever its tense.
PLAN_WORDS = re.compile(r"\b(plan|plans|planned|scheduled|expected|foreseen|envisaged)\b", re.I)
PAST = re.compile(r"\b(was|were|has been|have been|had|took place|did)\b", re.I)
PREPOSITIONS = {p[0] for p in LEAD_PHRASES if len(p) == 1} - {"the"} | {"of", "through", "throughout"}
MAY_HOLD_A_DATE = re.compile(r"\d|\b(January|February|March|April|May|June|July|August|September|October|"
                             r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|"
                             r"\b(year|month)\b", re.I)


@dataclass
class DateMention:
    text: str
    start: dt.date
    end: dt.date
    granularity: str
    kind: str  # past / planned / deadline
    char_start: int


@functools.lru_cache(maxsize=1)
def date_matcher():
    """The Matcher built from patterns/date_phrases.jsonl ("$NAME" stands for a defined token)."""
    nlp = status_nlp()
    defs, patterns = {}, []
    for entry in read_jsonl(DATE_PATTERNS):
        if "define" in entry:
            defs[entry["define"]] = entry["token"]
        else:
            patterns.append(entry)
    matcher = Matcher(nlp.vocab)

    def expand(token):
        if isinstance(token, str) and token.startswith("$"):
            name = token[1:].rstrip("?")
            tok = dict(defs[name])
            if token.endswith("?"):
                tok["OP"] = "?"
            return tok
        return token

    for entry in patterns:
        matcher.add(entry["id"], [[expand(t) for t in entry["pattern"]]])
    return matcher


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, prefer: str, base: dt.date | None) -> dt.date | None:
    """Ask dateparser for the date `text` names, years resolved from `base` toward `prefer`."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def infer_month(month: int, direction: str, meeting: dt.date | None) -> dt.date | None:
    """First day of `month` in the year the writer meant: the meeting's month is this year."""
    if meeting is None:
        return None
    if month == meeting.month:
        return dt.date(meeting.year, month, 1)
    # "1 February", not "February": dateparser would take the meeting's day (the 29th, 30th...)
    # and look for a February that has it
    return parse_with_dateparser(f"1 {calendar.month_name[month]}", direction, meeting)


def infer_day(day: int, month: int, direction: str, meeting: dt.date | None) -> dt.date | None:
    if meeting is None:
        return None
    return parse_with_dateparser(f"{day} {calendar.month_name[month]}", direction, meeting)


def clause_before(text: str, start: int) -> str:
    return re.split(r"(?<=[.;:!?])\s", text[:start])[-1]


def direction_of(text: str, start: int, field: str) -> str:
    """"future" or "past": the tense of the clause before the mention, else the column's habit."""
    clause = clause_before(text, start)
    future = [m.end() for m in FUTURE.finditer(clause)]
    past = [m.end() for m in PAST.finditer(clause)]
    if future or past:
        return "future" if max(future or [-1]) > max(past or [-1]) else "past"
    return "past" if field == "progress" else "future"


def lead_tokens(doc, start: int) -> int:
    """Extend a match leftwards over the words that belong to the expression ("by the end of",
    "no later than", "as of"), once: the longest phrase that fits wins."""
    if doc[start].lower_ == "of" and start > 0 and doc[start - 1].lower_ == "as":
        return start - 1
    if doc[start].lower_ in PREPOSITIONS:  # the match already starts with its preposition
        return start - 1 if start > 0 and doc[start - 1].lower_ == "due" else start
    for phrase in LEAD_PHRASES:
        n = len(phrase)
        if start - n >= 0 and tuple(t.lower_ for t in doc[start - n:start]) == phrase:
            start -= n
            if phrase == ("the",) and start > 0 and doc[start - 1].lower_ in PREPOSITIONS:
                start -= 1  # "to the second half of 2020"
            return start
    return start


def resolve(span, rule: str, direction: str, meeting: dt.date | None):
    """Given a matched span, return (start, end, granularity) or None."""
    words = [t.text for t in span]
    lower = [w.lower().rstrip(".") for w in words]
    months = [MONTHS[w] for w in lower if w in MONTHS and w not in ("may",) or w == "may" and "May" in words]
    years = [int(w) for w in words if YEAR_RE.match(w)]
    days = [int(re.match(r"\d+", w).group()) for w, lw in zip(words, lower)
            if DAY_RE.match(w) and not YEAR_RE.match(w)]

    if rule in ("iso_date",):
        y, m, d = (int(x) for x in "".join(words).split("-"))
        return dt.date(y, m, d), dt.date(y, m, d), "day"
    if rule == "numeric_date":
        d = parse_with_dateparser(words[0], direction, meeting)
        return (d, d, "day") if d else None
    if rule in ("half_year", "quarter_year", "q_year"):
        year = years[0]
        head = lower[0]
        if head.startswith(("q", "h")) and head[1:].isdigit():
            n, kind = int(head[1:]), "quarter" if head.startswith("q") else "half"
        else:
            kind = "half" if any(w in ("half", "semester") for w in lower) else "quarter"
            n = ORDINALS.get(head, 2 if kind == "half" else 4)  # "last"
        size = 6 if kind == "half" else 3
        first = (n - 1) * size + 1
        return dt.date(year, first, 1), month_end(year, first + size - 1), kind
    if rule in ("early_year", "early_year_token"):
        word = re.match(r"[a-z]+", lower[0]).group()
        year = years[0] if years else int(re.search(r"\d{4}", lower[0]).group())
        if word == "early":
            return dt.date(year, 1, 1), dt.date(year, 3, 31), "quarter"
        if word == "late":
            return dt.date(year, 10, 1), dt.date(year, 12, 31), "quarter"
        if word == "mid":
            return dt.date(year, 6, 1), dt.date(year, 6, 30), "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if rule == "season_year":
        # a season is three months: the contract's granularities have no "season", so "quarter"
        first_month = SEASON_START[lower[0]]
        year = years[0]
        start = dt.date(year, first_month, 1)
        end_month_index = year * 12 + first_month - 1 + 2
        return start, month_end(end_month_index // 12, end_month_index % 12 + 1), "quarter"
    if rule == "year_range":
        return dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31), "year"
    if rule in ("year_after_preposition", "year_after_edge"):
        return dt.date(years[0], 1, 1), dt.date(years[0], 12, 31), "year"
    if rule == "from_to_date":
        first = dt.date(years[0], months[0], 1) if years else infer_month(months[0], "past", meeting)
        if first is None or meeting is None:
            return None
        return first, meeting, "month"
    if rule in ("relative_year", "edge_of_the_year", "relative_month"):
        if meeting is None:
            return None
        shift = {"next": 1, "last": -1}.get(lower[0], 0)
        if rule == "relative_month":
            month_index = meeting.year * 12 + meeting.month - 1 + shift
            year, month = divmod(month_index, 12)
            return dt.date(year, month + 1, 1), month_end(year, month + 1), "month"
        year = meeting.year + shift
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if rule in ("month_range_year", "between_months", "from_to_months", "month_year_range"):
        if len(months) < 2:
            return None
        m1, m2 = months[0], months[-1]
        if len(years) >= 2:
            y1, y2 = years[0], years[-1]
        elif years:
            y2 = years[0]
            y1 = y2 if m1 <= m2 else y2 - 1
        else:
            end_first = infer_month(m2, direction, meeting)
            if end_first is None:
                return None
            y2 = end_first.year
            y1 = y2 if m1 <= m2 else y2 - 1
        return dt.date(y1, m1, 1), month_end(y2, m2), "month"
    if rule == "day_range_month_year":
        year = years[0] if years else None
        if year is None:
            first = infer_day(days[0], months[0], direction, meeting)
            if first is None:
                return None
            year = first.year
        return dt.date(year, months[0], days[0]), dt.date(year, months[0], days[1]), "day"
    if rule in ("day_month_year", "month_day_year", "day_month", "the_day_of_month", "month_day", "day_of_month"):
        if not days or not months:
            return None
        if years:
            d = parse_with_dateparser(f"{days[0]} {calendar.month_name[months[0]]} {years[0]}", direction, meeting)
        else:
            d = infer_day(days[0], months[0], direction, meeting)
        return (d, d, "day") if d else None
    if rule in ("month_year", "month_after_preposition", "month_after_edge", "early_month"):
        if not months:
            return None
        first = dt.date(years[0], months[0], 1) if years else infer_month(months[0], direction, meeting)
        if first is None:
            return None
        return first, month_end(first.year, first.month), "month"
    return None


def is_name_not_date(doc, span) -> bool:
    """A bare year before a capitalised word names a thing ("2030 Agenda", "in 2020 Assessment"),
    and a year followed by "-year" is a span such as a strategy's 2020-2030."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return False
    if after.text in ("-", "\u2013") and span.end + 1 < len(doc) and YEAR_RE.match(doc[span.end + 1].text):
        return True
    return after.is_alpha and after.text[0].isupper() and span[-1].text.isdigit() and YEAR_RE.match(span[-1].text) \
        and not any(t.text.lower().rstrip(".") in MONTHS for t in span)


def find_dates(text: str, field: str, meeting_date: dt.date | None) -> list[DateMention]:
    """Given a cell's text, its field (task / progress / next_steps) and the note's meeting
    date, return the temporal expressions in it, resolved and classified."""
    if not text or not MAY_HOLD_A_DATE.search(text):
        return []  # most cells: no digit, month or "year" at all, so no tokenising
    nlp = status_nlp()
    doc = nlp.make_doc(text)
    matcher = date_matcher()
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = nlp.vocab.strings[match_id]
        spans.append(span)
    out = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        rule = span.label_
        if rule in ("year_after_preposition", "year_after_edge", "month_after_preposition") and is_name_not_date(doc, span):
            continue
        if rule in ("year_after_preposition", "month_after_preposition"):
            head = span[0].lower_
            if head in ("to", "of", "as") and rule == "year_after_preposition":
                continue  # "to 2030", "of 2020" alone name no date of their own
        end_tok = span.end
        while end_tok > span.start + 1 and doc[end_tok - 1].is_punct:
            end_tok -= 1  # "in January," keeps its words, not the comma
        expression = doc[lead_tokens(doc, span.start):end_tok]
        direction = direction_of(text, expression.start_char, field)
        resolved = resolve(span, rule, direction, meeting_date)
        if resolved is None:
            continue
        start, end, granularity = resolved
        lead = expression.text.lower()
        deadline = lead.startswith(DEADLINE_LEADS) and direction == "future"
        if deadline:
            kind = "deadline"
        elif meeting_date is not None and end < meeting_date:
            kind = "past"
        elif meeting_date is not None and start > meeting_date:
            kind = "planned"
        else:  # a range around the meeting date
            plan = PLAN_WORDS.search(clause_before(text, expression.start_char))
            kind = "past" if direction == "past" and not plan else "planned"
        out.append(DateMention(expression.text, start, end, granularity, kind, expression.start_char))
    return out
