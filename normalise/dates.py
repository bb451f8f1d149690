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
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dateparser
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..vocabulary import GRANULARITIES
from .nlp import DATE_GRAMMAR, DATE_PATTERNS, read_jsonl, status_nlp

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # northern, meteorological
SEASON_MONTHS = 3
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
LAST_WEEK_WORDS = ("last", "final")  # the ordinals of date_phrases.jsonl's ORD that count from the end
PART_MONTHS = {"quarter": 3, "half": 6}
REL_SHIFT = {"this": 0, "current": 0, "new": 1, "next": 1, "coming": 1, "upcoming": 1,
             "last": -1, "past": -1, "previous": -1}
WEEK_DAYS = 7
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
DAY_RE = re.compile(r"\b(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b")
# Tokens spaCy's tokenizer leaves whole although they hold two or more units: "mid-2021",
# "2023\u20132025" (an en dash, unlike a hyphen, is no infix between digits), "2020/21",
# "7/2/2022", "FY2020", "Feb./Mar". Split once here, so that the patterns need no REGEX, which
# the Matcher evaluates in Python for every token and pattern state.
GLUED = [re.compile(r"^(early|mid|late|end|start)(-)(19[5-9]\d|20\d\d)$", re.I),
         re.compile(r"^(19[5-9]\d|20\d\d)([/\u2013\u2014])(\d\d|19[5-9]\d|20\d\d)$"),
         re.compile(r"^(\d{1,2})([./])(\d{1,2})([./])(19[5-9]\d|20\d\d)$"),
         re.compile(r"^(FY)(-?)(\d\d|19[5-9]\d|20\d\d)$"),
         re.compile(r"^([A-Z][a-z]{2,8}\.?)(/)([A-Z][a-z]{2,8}\.?)$")]
# Where a sentence may hold a glued token (most hold none, and are not walked token by token).
MAY_BE_GLUED = re.compile(r"(?i:early|mid|late|end|start)-\d|\d[/.\u2013\u2014]\d|FY-?\d|[a-z]\.?/[A-Z]")
# Tense of the clause before a date. A bare "planned" or "scheduled" may describe a past plan
# ("the meeting planned for March was moved"): the future needs an auxiliary or an infinitive.
FUTURE = re.compile(r"\b(will|shall|would|is to|are to|to be|upcoming|next|plan(s|ned)? to|intends? to|aims? to|"
                    r"(is|are|remains?|remain)\s+(\w+ly\s+|now\s+|still\s+)?(planned|scheduled|expected|foreseen)|"
                    r"(moved|postponed|rescheduled|deferred|delayed|pushed back)\s+(to|until|till))\b", re.I)
# A range around the meeting date is a plan when the clause speaks of one, whatever its tense.
PLAN_WORDS = re.compile(r"\b(plan|plans|planned|scheduled|expected|foreseen|envisaged)\b", re.I)
PAST = re.compile(r"\b(was|were|has been|have been|had|took place|did)\b", re.I)
# Every date expression holds a year, a month, a quarter or half code, a period word or a day's
# name: a number alone ("34 UN entities", "95%") is no reason to read a sentence.
MAY_HOLD_A_DATE = re.compile(r"(19[5-9]\d|20\d\d)|\b[QH][1-4]\b|\b(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                             + r")\b|\b(year|month|week|quarter|half|semester|" + "|".join(SEASON_START)
                             + "|" + "|".join(d.lower() for d in calendar.day_name) + ")", re.I)

# Unit categories (date_phrases.jsonl) and the kind of resolver each needs.
ROLE_OF_CATEGORY = {
    "DATE": "anchor", "DAY": "anchor", "MONTH": "anchor", "SEASON": "anchor", "PART": "anchor",
    "YEAR": "anchor", "YEARS": "anchor", "REL": "anchor", "CUR": "anchor", "NOW": "anchor", "NOVALUE": "anchor",
    "QUAL": "qualifier", "LEAD": "lead", "BOUND": "lead", "TRAIL": "lead",
    "CONN": "connector", "CONNLEAD": "connector", "COMMA": "connector", "OF": "within",
}
LEADING = ("LEAD", "BOUND", "CONNLEAD")  # "to", "until", "till" lead an expression as plainly as "in"
TRAILING = ("TRAIL", "BOUND")
YEARISH = ("YEAR", "YEARS", "REL", "CUR")
ANCHORS = {"DATE", "MONTH", "SEASON", "PART", "YEAR", "YEARS", "REL", "CUR"}  # what every expression holds
INNER = ("MONTH", "SEASON", "PART")
DEADLINE_RULE = "deadline"
# A bare year after these alone names no date of its own ("contributions to 2030", "as of 2020
# levels"); a bare anchor after these words is an adjective ("the mid-year review").
NOT_A_LEAD_FOR_A_YEAR = {"to", "as of", "as from"}
DETERMINERS = {"the", "a", "an", "its", "their", "this", "that"}


class DateRuleError(ValueError):
    """A date pattern file names a rule or category that normalise/dates.py cannot resolve."""


@dataclass
class DateMention:
    text: str
    start: dt.date
    end: dt.date
    granularity: str
    kind: str  # past / planned / deadline
    char_start: int


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    granularity: str | None  # day/month/quarter/half/year; None for "now", which takes its partner's
    unit: str  # what it names: day, week, month, season, quarter, half, year, span, now

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


@dataclass
class Context:
    meeting: dt.date | None
    direction: str  # "past" or "future": where a yearless anchor lies from the meeting
    after: Period | None = None  # the next member of a range or list, which lends its year

    def place(self, in_year: Callable[[int], Period | None]) -> Period | None:
        """Given a period as a function of its year, the one the writer meant without a year."""
        if self.after is not None:
            year = self.after.start.year
            period = period_in(in_year, year)
            if period is not None and period.start > self.after.start:
                period = period_in(in_year, year - 1)  # "December - February 2021"
            return period
        if self.meeting is None:
            return None
        meeting = self.meeting
        candidates = [p for y in (meeting.year - 1, meeting.year, meeting.year + 1) if (p := period_in(in_year, y))]
        holding = [p for p in candidates if p.contains(meeting)]
        if holding:
            return holding[0]
        if self.direction == "past":
            return max((p for p in candidates if p.end < meeting), key=lambda p: p.start, default=None)
        return min((p for p in candidates if p.start > meeting), key=lambda p: p.start, default=None)


@dataclass
class Unit:
    category: str
    rule: str
    text: str
    alone: bool


@dataclass
class Member:
    quals: list[Unit]
    chain: list[Unit]  # anchors, innermost first ("the first half", "of", "2020" -> [first half, 2020])
    period: Period | None = None

    @property
    def standalone(self) -> bool:
        return len(self.chain) > 1 or any(u.alone for u in self.chain)


# ---- calendar helpers ----

def period_in(in_year: Callable[[int], Period | None], year: int) -> Period | None:
    try:
        return in_year(year)
    except ValueError:  # 30 February, a fifth quarter
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def months_period(year: int, month: int, count: int, granularity: str, unit: str) -> Period:
    last_year, last_month = shift_month(year, month, count - 1)
    return Period(dt.date(year, month, 1), month_end(last_year, last_month), granularity, unit)


def month_period(year: int, month: int) -> Period:
    return months_period(year, month, 1, "month", "month")


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "year")


def day_period(day: dt.date) -> Period:
    return Period(day, day, "day", "day")


def part_period(kind: str, n: int, year: int) -> Period | None:
    size = PART_MONTHS[kind]
    if not 1 <= n <= 12 // size:
        return None
    return months_period(year, (n - 1) * size + 1, size, kind, kind)


def season_period(name: str, year: int) -> Period:
    """A season is three months; the contract's granularities have no "season", so "quarter"."""
    return months_period(year, SEASON_START[name], SEASON_MONTHS, "quarter", "season")


def months_of(period: Period, index: int, count: int) -> Period:
    """`count` months of `period` from its `index`-th month (negative: counted from its end)."""
    if index < 0:
        index += period.months
    year, month = shift_month(period.start.year, period.start.month, index)
    return months_period(year, month, count, "month" if count == 1 else "quarter", "month" if count == 1 else "quarter")


def finer(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return min(a, b, key=GRANULARITIES.index)


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, prefer: str, base: dt.date | None) -> dt.date | None:
    """Ask dateparser for the date `text` names, years resolved from `base` toward `prefer`."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def words_of(text: str) -> list[str]:
    return [w.rstrip(".") for w in re.findall(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?", text.lower())]


def month_in(text: str) -> int | None:
    return next((MONTHS[w] for w in words_of(text) if w in MONTHS), None)


# ---- anchors: (text, within, ctx) -> Period | None; `within` is the anchor after "of" ----

def iso_date(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"2020-01-15"."""
    y, m, d = (int(x) for x in re.findall(r"\d+", text))
    return None if within else period_in(lambda year: day_period(dt.date(year, m, d)), y)


def numeric_date(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"7/2/2022", day first as the UN writes it."""
    day = parse_with_dateparser(text, ctx.direction, ctx.meeting)
    return day_period(day) if day and not within else None


def written_day(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"9 July 2019", "Tuesday, 9 July", "the 16th of April", "March 3": a year given, lent by the
    next member of a list, or the nearest such day in the clause's direction (dateparser)."""
    month = month_in(text)
    years = YEAR_RE.findall(text)
    days = [int(m.group(1)) for m in DAY_RE.finditer(YEAR_RE.sub(" ", text))]
    if within or month is None or not days:
        return None
    if years:
        return period_in(lambda y: day_period(dt.date(y, month, days[0])), int(years[0]))
    if ctx.after is not None:
        return ctx.place(lambda y: day_period(dt.date(y, month, days[0])))
    if ctx.meeting is None:
        return None
    day = parse_with_dateparser(f"{days[0]} {calendar.month_name[month]}", ctx.direction, ctx.meeting)
    return day_period(day) if day else None


def weekday(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"last Friday", "next Monday", "on Tuesday": the named day nearest the meeting in the clause's
    direction (or the one "next"/"last" says), as dateparser counts it."""
    if within or ctx.meeting is None:
        return None
    words = words_of(text)
    prefer = {1: "future", -1: "past"}.get(next((REL_SHIFT[w] for w in words if REL_SHIFT.get(w)), 0), ctx.direction)
    day = parse_with_dateparser(words[-1], prefer, ctx.meeting)
    return day_period(day) if day else None


def list_day(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"3" in "3 and 4 March": a day of the next member's month."""
    after = ctx.after
    if within or after is None or after.granularity != "day":
        return None
    found = DAY_RE.search(text)
    if found is None:
        return None
    day = period_in(lambda y: day_period(dt.date(y, after.start.month, int(found.group(1)))), after.start.year)
    return day if day and day.start <= after.start else None


def month(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"June", "Feb.": in the year after it, else the nearest June."""
    number = month_in(text)
    if number is None:
        return None
    if within is not None:
        return month_period(within.start.year, number) if within.unit == "year" else None
    return ctx.place(lambda y: month_period(y, number))


def season(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"summer", "the winter months": of the year after it (winter 2020 = December 2020 to February
    2021, as winter 2020/21), else the nearest one. A season of two years named together,
    "summer 2020/2021", runs from the first year's to the last year's."""
    name = next(w for w in words_of(text) if w in SEASON_START)
    if within is None:
        return ctx.place(lambda y: season_period(name, y))
    if within.unit == "year":
        return season_period(name, within.start.year)
    if within.unit == "span" and name == "winter" and within.end.year == within.start.year + 1:
        return season_period(name, within.start.year)
    if within.unit == "span":
        first, last = season_period(name, within.start.year), season_period(name, within.end.year)
        return Period(first.start, last.end, first.granularity, "span")
    return None


def quarter_or_half(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"Q3", "H1", "the first half", "the last quarter", "second semester": of the year after it,
    halves of a month by days ("the second half of October" = 16-31), else the nearest one."""
    words = words_of(text)
    code = re.fullmatch(r"([QH])([1-4])", text)
    if code:
        kind, n = ("quarter" if code.group(1) == "Q" else "half"), int(code.group(2))
    else:
        kind = "quarter" if words[-1] == "quarter" else "half"
        n = ORDINALS.get(words[-2], 12 // PART_MONTHS[kind])  # "last", "final"
    if within is None:
        return ctx.place(lambda y: part_period(kind, n, y))
    if within.unit == "year":
        return part_period(kind, n, within.start.year)
    if within.unit == "month" and kind == "half" and n <= 2:
        middle = within.start + dt.timedelta(days=MONTH_HALF_DAYS)
        return Period(within.start, middle - dt.timedelta(days=1), "day", "span") if n == 1 else \
            Period(middle, within.end, "day", "span")
    return None


MONTH_HALF_DAYS = 15  # the first half of a month is its days 1-15


def week_of_month(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"the second week of May" = 8-14 May, "the last week of 2020" = its last seven days: weeks
    counted from the anchor's first day (granularity day); without an anchor, no date. Two weeks
    named ("the first or second week of November") span both: 1-14 November."""
    if within is None or within.unit not in ("month", "year", "quarter", "half", "season"):
        return None
    days = dt.timedelta(days=WEEK_DAYS - 1)

    def week_start(word: str) -> dt.date:
        n = ORDINALS.get(word)  # "last", "final": the anchor's last seven days
        return within.end - days if n is None else within.start + dt.timedelta(days=WEEK_DAYS * (n - 1))

    starts = [week_start(w) for w in words_of(text) if w in ORDINALS or w in LAST_WEEK_WORDS]  # the unit's words
    start, end = min(starts), max(starts) + days
    return Period(start, end, "day", "week") if end <= within.end else None


def year(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"2021", "calendar year 2020"."""
    found = YEAR_RE.search(text)
    return None if within or found is None else year_period(int(found.group(1)))


def years(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"2020/21", "the 2022-2023 biennium": first to last year."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    first, last = numbers[0], numbers[1]
    if last < 100:
        last += first // 100 * 100
    if within or last <= first:
        return None
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "span")


def relative(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"next year", "the past quarter", "last week", "this autumn", "this coming November": counted
    from the meeting; a named month or season is the next one (next, coming), the last one before
    the meeting (last, past), or the one holding the meeting, else of its year (this)."""
    if within or ctx.meeting is None:
        return None
    words = words_of(text)
    shifts = [REL_SHIFT[w] for w in words if w in REL_SHIFT]
    shift = next((s for s in shifts if s), 0)  # "this coming" is the coming one
    noun, meeting = words[-1], ctx.meeting
    if noun == "year":
        return year_period(meeting.year + shift)
    if noun == "month":
        return month_period(*shift_month(meeting.year, meeting.month, shift))
    if noun == "week":
        monday = meeting - dt.timedelta(days=meeting.weekday()) + dt.timedelta(days=WEEK_DAYS * shift)
        return Period(monday, monday + dt.timedelta(days=WEEK_DAYS - 1), "day", "week")
    if noun in ("quarter", "half", "semester"):
        kind = "quarter" if noun == "quarter" else "half"
        size = PART_MONTHS[kind]
        year, index = divmod(meeting.year * (12 // size) + (meeting.month - 1) // size + shift, 12 // size)
        return part_period(kind, index + 1, year)
    if noun in SEASON_START:
        in_year = functools.partial(season_period, noun)
    else:
        in_year = functools.partial(month_period, month=MONTHS[noun])
    if shift == 0:
        holding = Context(meeting, "future").place(in_year)
        return holding if holding and holding.contains(meeting) else in_year(meeting.year)
    return Context(meeting, "future" if shift > 0 else "past").place(in_year)


def current(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"the year", "year-end", "the month", "the quarter": the one holding the meeting."""
    if within or ctx.meeting is None:
        return None
    noun = next(w for w in words_of(text) if w in ("year", "month", "quarter", "semester"))
    return relative(f"this {noun}", None, ctx)


def now(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"this date", "now", "the present": the meeting day, ending "From October 2019 to this date"."""
    return Period(ctx.meeting, ctx.meeting, None, "now") if ctx.meeting and not within else None


def no_value(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"fiscal year 2023", "FY22", "within six months", "the coming weeks": no clear value, no date."""
    return None


# ---- qualifiers: (period, ctx) -> Period | None ----

def early(period: Period, ctx: Context) -> Period | None:
    """The first quarter of a half-year or longer, the first month of a quarter or season, a month itself."""
    return edge_part(period, first=True)


def late(period: Period, ctx: Context) -> Period | None:
    """The last quarter of a half-year or longer, the last month of a quarter or season, a month itself."""
    return edge_part(period, first=False)


def edge_part(period: Period, first: bool) -> Period:
    if period.months >= PART_MONTHS["half"]:
        return months_of(period, 0 if first else -PART_MONTHS["quarter"], PART_MONTHS["quarter"])
    if period.months > 1:
        return months_of(period, 0 if first else -1, 1)
    return period


def mid(period: Period, ctx: Context) -> Period | None:
    """The middle month (mid-2021 = June 2021, mid-summer = July), a month itself."""
    return months_of(period, (period.months - 1) // 2, 1) if period.months > 1 else period


def earlier(period: Period, ctx: Context) -> Period | None:
    """"earlier this year": from its start to the meeting when it holds the meeting, else all of it."""
    if ctx.meeting and period.start < ctx.meeting <= period.end:
        return Period(period.start, ctx.meeting, period.granularity, "span")
    return period


def later(period: Period, ctx: Context) -> Period | None:
    """"later this year": from the meeting to its end when it holds the meeting, else all of it."""
    if ctx.meeting and period.start <= ctx.meeting < period.end:
        return Period(ctx.meeting, period.end, period.granularity, "span")
    return period


def edge(period: Period, ctx: Context) -> Period | None:
    """"the end of June", "the beginning of 2021": the whole anchor, as the labels have it (a
    deadline "by the end of June" falls on the anchor's last day)."""
    return period


def whole(period: Period, ctx: Context) -> Period | None:
    """"in the course of 2021", "the month of June": the anchor."""
    return period


def week_of(period: Period, ctx: Context) -> Period | None:
    """"the week of 8 June": the seven days from that day (granularity day)."""
    if period.unit != "day":
        return None
    return Period(period.start, period.start + dt.timedelta(days=WEEK_DAYS - 1), "day", "week")


def first_weeks(period: Period, ctx: Context) -> Period | None:
    """"the first weeks of 2021": its first month; of a month, the month."""
    return months_of(period, 0, 1) if period.months > 1 else period


def last_weeks(period: Period, ctx: Context) -> Period | None:
    """"the last weeks of 2020": its last month; of a month, the month."""
    return months_of(period, -1, 1) if period.months > 1 else period


def first_day(period: Period, ctx: Context) -> Period | None:
    """"the first day of June": 1 June."""
    return day_period(period.start)


def last_day(period: Period, ctx: Context) -> Period | None:
    """"the last day of May": 31 May."""
    return day_period(period.end)


def first_months(period: Period, ctx: Context) -> Period | None:
    """"the first months of 2021": its first quarter (for a half-year or longer), else all of it."""
    return early(period, ctx) if period.months >= PART_MONTHS["half"] else period


def last_months(period: Period, ctx: Context) -> Period | None:
    """"the last months of 2021": its last quarter (for a half-year or longer), else all of it."""
    return late(period, ctx) if period.months >= PART_MONTHS["half"] else period


# ---- leads and trails: (period, ctx) -> Period; the kind is decided in find_dates ----

def plain(period: Period, ctx: Context) -> Period:
    """"in", "on", "during", "for", "at the earliest": the period as it is."""
    return period


def deadline(period: Period, ctx: Context) -> Period:
    """"by", "no later than", "due", "on or before", "at the latest": the period, kind deadline
    when the clause looks ahead."""
    return period


def since(period: Period, ctx: Context) -> Period:
    """"since March 2021": from its start to the meeting."""
    if ctx.meeting and ctx.meeting > period.start:
        return Period(period.start, ctx.meeting, period.granularity, "span")
    return period


def between(period: Period, ctx: Context) -> Period:
    """"between ... and ...": a range, also of two full days."""
    return period


# ---- connectors: (first, second) -> Period | None ----

def join_range(first: Period, second: Period) -> Period | None:
    """"Apr-Jun 2020", "from May to September", "from 2018 to 2020": first's start to second's end."""
    if first.start > second.end:
        return None
    return Period(first.start, second.end, finer(first.granularity, second.granularity), "span")


def join_list(first: Period, second: Period) -> Period | None:
    """"in April and May", "on 3 and 4 March", "in 2023 or 2024": one span over both."""
    return join_range(first, second)


def within(anchor: Callable, text: str, outer: Period, ctx: Context) -> Period | None:
    """"of" or nothing between anchors: the inner anchor inside the outer one ("June of last year",
    "June 2020", "the second half of October")."""
    return anchor(text, outer, ctx)


# ---- grammar rules: (members, connectors, leads) -> Period | None ----

def single(members: list[Member], connectors: list[Unit], leads: list[Unit]) -> Period | None:
    """One member: "in June", "by the end of next month"."""
    return members[0].period if len(members) == 1 else None


def span(members: list[Member], connectors: list[Unit], leads: list[Unit]) -> Period | None:
    """Members joined by connectors, from the first one's start to the last one's end. Two full
    days joined by "and" are two dates ("on 9 February and 2 March"), unless after "between"."""
    result = members[0].period
    for connector, left, right in zip(connectors, members, members[1:], strict=False):
        two_days = all(len(m.chain) == 1 and m.chain[0].category == "DATE" for m in (left, right))
        if connector.rule == "list" and two_days and not any(u.rule == "between" for u in leads):
            return None
        result = RESOLVERS[connector.rule].fn(result, right.period)
        if result is None:
            return None
    return result


def until_now(members: list[Member], connectors: list[Unit], leads: list[Unit]) -> Period | None:
    """"From October 2019 to this date": to the meeting day."""
    last = members[-1].period
    return span(members, connectors, leads) if last is not None and last.unit == "now" else None


@dataclass(frozen=True)
class Resolver:
    role: str  # anchor, qualifier, lead, connector, within, rule
    fn: Callable


# Every id in date_phrases.jsonl and date_grammar.jsonl, and what it means.
RESOLVERS = {
    "iso_date": Resolver("anchor", iso_date),
    "numeric_date": Resolver("anchor", numeric_date),
    "day_month": Resolver("anchor", written_day),
    "month_day": Resolver("anchor", written_day),
    "weekday": Resolver("anchor", weekday),
    "day": Resolver("anchor", list_day),
    "month": Resolver("anchor", month),
    "season": Resolver("anchor", season),
    "quarter_or_half": Resolver("anchor", quarter_or_half),
    "week_of_month": Resolver("anchor", week_of_month),
    "year": Resolver("anchor", year),
    "years": Resolver("anchor", years),
    "relative": Resolver("anchor", relative),
    "current": Resolver("anchor", current),
    "now": Resolver("anchor", now),
    "no_value": Resolver("anchor", no_value),
    "early": Resolver("qualifier", early),
    "mid": Resolver("qualifier", mid),
    "late": Resolver("qualifier", late),
    "earlier": Resolver("qualifier", earlier),
    "later": Resolver("qualifier", later),
    "edge": Resolver("qualifier", edge),
    "whole": Resolver("qualifier", whole),
    "week_of": Resolver("qualifier", week_of),
    "first_weeks": Resolver("qualifier", first_weeks),
    "last_weeks": Resolver("qualifier", last_weeks),
    "first_day": Resolver("qualifier", first_day),
    "last_day": Resolver("qualifier", last_day),
    "first_months": Resolver("qualifier", first_months),
    "last_months": Resolver("qualifier", last_months),
    "plain": Resolver("lead", plain),
    DEADLINE_RULE: Resolver("lead", deadline),
    "since": Resolver("lead", since),
    "between": Resolver("lead", between),
    "range": Resolver("connector", join_range),
    "list": Resolver("connector", join_list),
    "within": Resolver("within", within),
    "single": Resolver("rule", single),
    "span": Resolver("rule", span),
    "until_now": Resolver("rule", until_now),
}


# ---- building the matchers ----

def expand(pattern: list, defines: dict, source: Path) -> list[list[dict]]:
    """The Matcher patterns a pattern stands for: "$NAME" (with ?, * or +) is a defined token,
    "@NAME" each of a defined list of alternative sequences."""
    pieces = []
    for element in pattern:
        if isinstance(element, dict):
            pieces.append([[element]])
            continue
        name, op = (element[1:-1], element[-1]) if element[-1] in "?*+" else (element[1:], None)
        if name not in defines:
            raise DateRuleError(f"{source.name}: {element!r} refers to no define")
        define = defines[name]
        if element.startswith("@"):
            pieces.append([seq for alternative in define["any"] for seq in expand(alternative, defines, source)])
        else:
            token = define_token(define)
            if op:
                token["OP"] = op
            pieces.append([[token]])
    return [[t for part in combo for t in part] for combo in itertools.product(*pieces)]


def define_token(define: dict) -> dict:
    """A define's Matcher token: as written ("token"), or an IN set of "words" and of "numbers"
    from low to high written in each of "formats" with each of "suffixes"."""
    if "token" in define:
        token = dict(define["token"])
        for attr, value in token.items():
            if isinstance(value, dict) and list(value) == ["IN"] and len(value["IN"]) == 1:
                token[attr] = value["IN"][0]  # an equality the Matcher checks natively, unlike IN
        return token
    texts = list(define.get("words", []))
    if "numbers" in define:
        low, high = define["numbers"]
        texts += [f.format(n) + suffix for n in range(low, high + 1) for f in define.get("formats", ["{}"])
                  for suffix in define.get("suffixes", [""])]
    return {define.get("attr", "TEXT"): {"IN": sorted(set(texts))}}


def check_rule(rule: str, role: str, source: Path) -> None:
    """An id the resolver table lacks, or one of another role, stops the build, naming it."""
    resolver = RESOLVERS.get(rule)
    if resolver is None:
        raise DateRuleError(f"{source.name}: rule id {rule!r} has no resolver in normalise/dates.py RESOLVERS")
    if resolver.role != role:
        raise DateRuleError(f"{source.name}: rule id {rule!r} is a {resolver.role} resolver, used as a {role}")


def phrases_of(tokens: list[dict]) -> tuple[str, list[tuple[str, ...]]] | None:
    """The attribute and the word sequences a pattern of literal tokens stands for ("the"?, "end",
    "of" -> the end of, end of), or None when it is no such pattern or stands for too many."""
    attrs, choices = set(), []
    for token in tokens:
        keys = [k for k in token if k != "OP"]
        if len(keys) != 1 or keys[0] not in ("LOWER", "TEXT", "ORTH") or token.get("OP") not in (None, "?"):
            return None
        value = token[keys[0]]
        words = [value] if isinstance(value, str) else value.get("IN") if set(value) == {"IN"} else None
        if words is None:
            return None
        if keys[0] == "LOWER":
            attrs.add("LOWER")
        elif any(w != w.lower() for w in words):  # digits and dashes read alike in TEXT and LOWER
            attrs.add("ORTH")
        choices.append(words + [None] if token.get("OP") == "?" else words)
    if len(attrs) > 1:
        return None
    attr = attrs.pop() if attrs else "LOWER"
    if math.prod(len(c) for c in choices) > PHRASE_LIMIT:
        return None
    phrases = {tuple(w for w in combo if w is not None) for combo in itertools.product(*choices)}
    return attr, sorted(p for p in phrases if p)


# The longest Matcher pattern ("Tuesday, the 9th of July, 2019") spans 8 tokens: no match
# reaches further than that from the word it requires.
MATCHER_REACH = 8
# Patterns of literal words go to a PhraseMatcher, which looks phrases up by hash: the Matcher
# tries each of its patterns at every token (about 1 microsecond per pattern and token, measured
# on the sample notes), the PhraseMatcher costs the same for ten phrases or a thousand.
PHRASE_LIMIT = 2000


class UnitMatcher:
    """A Matcher for the patterns with sets of numbers or mixed attributes, and PhraseMatchers for
    the patterns of literal words; called on a Doc, returns the matches of all three."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.phrases = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LOWER", "ORTH")}
        self.triggers: dict[str, set] = {"LOWER": set(), "ORTH": set()}  # a word every Matcher pattern holds
        self.everywhere = False  # a Matcher pattern without such a word: run it on every token

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        rest = []
        for tokens in patterns:
            literal = phrases_of(tokens)
            if literal is None:
                rest.append(tokens)
            else:
                attr, phrases = literal
                self.phrases[attr].add(key, [Doc(self.vocab, words=list(p)) for p in phrases])
        for tokens in rest:
            trigger = required_words(tokens)
            if trigger is None:
                self.everywhere = True
            else:
                self.triggers[trigger[0]].update(trigger[1])
        if rest:
            self.matcher.add(key, rest)

    def __call__(self, doc, texts: list[str]) -> list[tuple[int, int, int]]:
        """Matches over `doc` (whose token texts are `texts`); the Matcher runs only around the
        tokens its patterns require (a day, a month name, a year, "within"...)."""
        found = [m for pm in self.phrases.values() for m in pm(doc)]
        lower, orth = self.triggers["LOWER"], self.triggers["ORTH"]
        centres = range(len(texts)) if self.everywhere else \
            [i for i, text in enumerate(texts) if text in orth or text.lower() in lower]
        for first, last in windows(centres, MATCHER_REACH, len(doc)):
            found += [(key, first + start, first + end) for key, start, end in self.matcher(doc[first:last])]
        return found


def required_words(tokens: list[dict]) -> tuple[str, list[str]] | None:
    """("LOWER" or "ORTH", words) of the first token a pattern cannot do without, if it names words."""
    for token in tokens:
        if token.get("OP") in ("?", "*"):
            continue
        for attr, value in token.items():
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if attr in ("LOWER", "TEXT", "ORTH") and words:
                return ("LOWER", [w.lower() for w in words]) if attr == "LOWER" else ("ORTH", list(words))
        return None
    return None


def windows(centres: Iterable[int], reach: int, size: int) -> list[tuple[int, int]]:
    """Token ranges within `reach` of each centre, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for i in centres:
        first, last = max(0, i - reach), min(size, i + reach + 1)
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


def build_matcher(vocab, path: Path, key_of: Callable[[dict, Path], str], matcher=None):
    """A matcher over the patterns of `path`, each added under the key `key_of(entry, path)`."""
    entries = read_jsonl(path)
    defines = {e["define"]: e for e in entries if "define" in e}
    matcher = matcher if matcher is not None else Matcher(vocab)
    for entry in entries:
        if "define" not in entry:
            matcher.add(key_of(entry, path), expand(entry["pattern"], defines, path))
    return matcher


@dataclass(frozen=True)
class DateRules:
    units: UnitMatcher
    unit_of_key: dict  # matcher key -> (category, rule id, alone)
    grammar: Matcher
    vocab: Any  # the matchers' spaCy Vocab: its strings name a match's rule


def unit_key(entry: dict, source: Path) -> str:
    """"CATEGORY id [alone]", once the category and the id are known to the resolver table."""
    category, rule = entry.get("unit"), entry.get("id")
    if category not in ROLE_OF_CATEGORY:
        raise DateRuleError(f"{source.name}: unit category {category!r} (rule {rule!r}) is unknown")
    check_rule(str(rule), ROLE_OF_CATEGORY[category], source)
    return f"{category} {rule} {'alone' if entry.get('alone') else ''}".strip()


def grammar_key(entry: dict, source: Path) -> str:
    check_rule(str(entry.get("id")), "rule", source)
    return entry["id"]


def build_date_rules(units_path: Path = DATE_PATTERNS, grammar_path: Path = DATE_GRAMMAR) -> DateRules:
    """The two matchers; raises DateRuleError naming any id or category without a resolver."""
    vocab = status_nlp().vocab
    units = build_matcher(vocab, units_path, unit_key, UnitMatcher(vocab))
    grammar = build_matcher(vocab, grammar_path, grammar_key)
    keys = {vocab.strings.add(unit_key(e, units_path)): (e["unit"], e["id"], bool(e.get("alone")))
            for e in read_jsonl(units_path) if "define" not in e}
    return DateRules(units, keys, grammar, vocab)


@functools.lru_cache(maxsize=1)
def date_rules() -> DateRules:
    """The date matchers of normalise/patterns/, built once per process."""
    return build_date_rules()


# ---- finding ----

def split_glued(doc) -> None:
    """Split the tokens that hold two units ("mid-2021" -> "mid", "-", "2021")."""
    if not MAY_BE_GLUED.search(doc.text):
        return
    splits = []
    for token in doc:
        match = next((m for g in GLUED if (m := g.match(token.text))), None)
        if match and (match.re is not GLUED[-1] or all(p.lower().rstrip(".") in MONTHS for p in match.groups()[::2])):
            splits.append((token, [p for p in match.groups() if p]))
    if splits:  # a retokenizer copies the whole Doc on exit, even with nothing to do
        with doc.retokenize() as retokenizer:
            for token, parts in splits:
                retokenizer.split(token, parts, heads=[(token, i) for i in range(len(parts))])


def longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches, the longest (then the first) winning, in text order."""
    taken: set[int] = set()
    out = []
    for key, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            out.append((key, start, end))
    return sorted(out, key=lambda m: m[1])


def unit_doc(doc, rules: DateRules) -> tuple[Doc, list[tuple[int, int]]]:
    """The sentence as a Doc for the grammar: each unit (the longest where they overlap) one
    token whose TAG is its category and LEMMA its rule id, with the words within GRAMMAR_REACH
    of an anchor or day; each run of other words one gap token. Returns it with each token's
    character range in the sentence. Smaller than the sentence, and cheaper than merging in
    place with spaCy's retokenizer (measured)."""
    texts, starts = [t.text for t in doc], [t.idx for t in doc]
    items, i = [], 0  # (first token, end token, category, rule)
    for key, start, end in longest_first(rules.units(doc, texts)):
        category, rule, alone = rules.unit_of_key[key]
        if category != "COMMA":
            while end - start > 1 and texts[end - 1] == ",":  # "on 15 January, the group"
                end -= 1
            while end - start > 1 and texts[start] == ",":
                start += 1
        items += [(j, j + 1, "", "") for j in range(i, start)]
        items.append((start, end, category, rule + (" alone" if alone else "")))
        i = end
    items += [(j, j + 1, "", "") for j in range(i, len(texts))]
    near: set[int] = set()
    for n, item in enumerate(items):
        if item[2] in ANCHORS or item[2] == "DAY":
            near.update(range(n - GRAMMAR_REACH, n + GRAMMAR_REACH + 1))
    words, tags, lemmas, chars = [], [], [], []
    for n, (first, end, category, rule) in enumerate(items):
        span = (starts[first], starts[end - 1] + len(texts[end - 1]))
        if n in near:
            words.append(texts[first] if end - first == 1 else doc.text[span[0]:span[1]])
            tags.append(category)
            lemmas.append(rule)
            chars.append(span)
        elif tags and tags[-1] == GAP_TAG:
            chars[-1] = (chars[-1][0], span[1])
        else:
            words.append(GAP)
            tags.append(GAP_TAG)
            lemmas.append("")
            chars.append(span)
    return Doc(doc.vocab, words=words, tags=tags, lemmas=lemmas), chars


# An expression reaches at most four units from its anchor ("at the latest", "by", "the end
# of", "the first half", "of", 2020): words further away take no part, and are one gap token.
GRAMMAR_REACH = 4
GAP_TAG = "GAP"
GAP = "\u2026"  # stands for words far from any anchor


def unit_of(token) -> Unit:
    rule, _, alone = token.lemma_.partition(" ")
    return Unit(token.tag_, rule, token.text, alone == "alone")


def parse(units: list[Unit]) -> tuple[list[Unit], list[Member], list[Unit], list[Unit]] | None:
    """Leads, members, the connectors between members, trails; None if the units make no expression."""
    first, last = 0, len(units)
    while first < last and units[first].category in LEADING:
        first += 1
    while last > first and units[last - 1].category in TRAILING:
        last -= 1
    members: list[list[Unit]] = []
    connectors: list[Unit] = []
    current: list[Unit] = []
    body = units[first:last]
    for i, unit in enumerate(body):
        # "June, 2020" is one member; "2018, 2019 and 2020" and "April, May" are lists
        year_follows = i + 1 < len(body) and body[i + 1].category in YEARISH
        of_comma = year_follows and current and current[-1].category in INNER
        if unit.category in ("CONN", "CONNLEAD") or (unit.category == "COMMA" and not of_comma):
            members.append(current)
            connectors.append(unit)
            current = []
        else:
            current.append(unit)
    members.append(current)
    parsed = []
    for member in members:
        quals = list(itertools.takewhile(lambda u: u.category == "QUAL", member))
        rest = member[len(quals):]
        chain = [u for u in rest if u.category not in ("OF", "COMMA")]
        joined = [a.category in INNER for a, b in zip(rest, rest[1:], strict=False) if b.category in ("OF", "COMMA")]
        if not chain or any(u.category == "QUAL" for u in chain) or not all(joined) \
                or rest[0].category in ("OF", "COMMA") or rest[-1].category in ("OF", "COMMA"):
            return None
        parsed.append(Member(quals, chain))
    return units[:first], parsed, connectors, units[last:]


def resolve_member(member: Member, ctx: Context) -> Period | None:
    """Anchors from the outermost in ("2020", then "the first half" of it), then qualifiers."""
    period = None
    for unit in reversed(member.chain):
        anchor = RESOLVERS[unit.rule].fn
        try:
            period = anchor(unit.text, None, ctx) if period is None else \
                RESOLVERS["within"].fn(anchor, unit.text, period, ctx)
        except ValueError:  # a day the calendar does not have ("2021-02-31"): no date
            return None
        if period is None:
            return None
    for qual in reversed(member.quals):
        period = RESOLVERS[qual.rule].fn(period, ctx)
        if period is None:
            return None
    return period


def is_licensed(leads, members, trails) -> bool:
    """A bare month, season, quarter or year is a date only with a lead word, a qualifier, a
    second anchor of its own ("June 2020") or beside another month ("May to September")."""
    if leads or trails or any(m.quals or m.standalone for m in members):
        return True
    return len(members) > 1 and all(m.chain[-1].category in INNER + ("DATE", "DAY") for m in members)


def names_a_thing(doc, start: int, end: int, leads: list[Unit], members: list[Member]) -> bool:
    """A bare year before a capitalised word names a thing ("in 2020 Assessment"), and so does a
    bare capitalised season ("the Spring Meetings", "the Summer issue": notes write seasons in
    lower case); a year after only "to" or "as of" names no date; an anchor followed by "of"
    belongs to something else ("the first half of the report", "the last year of the strategy"),
    and a bare one followed by a fiscal year depends on it ("Q3 FY2021"); "the mid-year review"
    is an adjective."""
    last = members[-1].chain[-1]
    after = doc[end] if end < len(doc) else None
    bare = not last.alone and len(members[-1].chain) == 1
    single = len(members[-1].chain) == 1 and last.category != "DATE"
    if after is not None and (bare and after.tag_ == "NOVALUE" or single and after.tag_ == "OF"):
        return True
    if bare and last.category == "SEASON" and any(w[0].isupper() for w in last.text.split()
                                                   if w.lower() in SEASON_START):
        return True
    if after is not None and after.is_alpha and after.text[0].isupper() \
            and after.text.lower().rstrip(".") not in MONTHS and last.category in ("YEAR", "YEARS") and bare:
        return True
    if len(members) == 1 and bare and last.category == "YEAR" and not members[0].quals and leads \
            and {u.text.lower() for u in leads} <= NOT_A_LEAD_FOR_A_YEAR:
        return True
    if last.category == "CUR" and not last.text.lower().startswith("the") and start > 0 \
            and doc[start - 1].lower_ in DETERMINERS:
        return True
    return False


BLOCKED = object()  # the words are no date, and no shorter expression inside them is one either


def resolve_expression(doc, start: int, end: int, rule: str, ctx: Context):
    """Period of the expression doc[start:end] (unit tokens), None to try shorter ones, or BLOCKED."""
    parsed = parse([unit_of(t) for t in doc[start:end]])
    if parsed is None:
        return None
    leads, members, connectors, trails = parsed
    if not is_licensed(leads, members, trails):
        return None
    if names_a_thing(doc, start, end, leads, members):
        return BLOCKED
    after = None
    for member in reversed(members):
        member.period = resolve_member(member, Context(ctx.meeting, ctx.direction, after))
        if member.period is None:
            return None
        after = member.period
    period = RESOLVERS[rule].fn(members, connectors, leads)
    if period is not None and period.granularity != "day" and [u.text.lower() for u in leads] == ["on"]:
        return BLOCKED  # "on" takes a day: "a webinar on H2", "focused on the first half"
    for unit in leads + trails:
        if period is not None and unit.category != "CONNLEAD":
            period = RESOLVERS[unit.rule].fn(period, ctx)
    return period


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


# Sentence ends: a stop, then space and a capital or a bracket ("Feb. 2020" and "p.m. on" stay).
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\[\"\u201c])|\n")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a cell that may hold a date: the matchers' cost
    grows with every token, and most sentences of a cell hold none."""
    out, start = [], 0
    for match in itertools.chain(SENTENCE_END.finditer(text), [None]):
        end = match.start() if match else len(text)
        if MAY_HOLD_A_DATE.search(text, start, end):
            out.append((start, text[start:end]))
        start = match.end() if match else end
    return out


def find_dates(text: str, field: str, meeting_date: dt.date | None) -> list[DateMention]:
    """Given a cell's text, its field (task / progress / next_steps) and the note's meeting
    date, return the temporal expressions in it, resolved and classified."""
    if not text or not MAY_HOLD_A_DATE.search(text):
        return []  # most cells: no year, month, quarter code or period word at all, so no tokenising
    return [m for offset, sentence in sentences(text)
            for m in find_in_sentence(text, offset, sentence, field, meeting_date)]


def find_in_sentence(text: str, offset: int, sentence: str, field: str,
                     meeting_date: dt.date | None) -> list[DateMention]:
    """The expressions of one sentence of `text` that starts at `offset`."""
    rules = date_rules()
    doc = status_nlp().make_doc(sentence)
    split_glued(doc)
    doc, chars = unit_doc(doc, rules)
    if not any(t.tag_ in ANCHORS for t in doc):
        return []  # numbers only ("34 UN entities"): no expression without an anchor
    taken: set[int] = set()
    out = []
    matches = sorted(rules.grammar(doc), key=lambda m: (m[1] - m[2], m[1]))  # longest first
    for key, start, end in matches:
        if taken.intersection(range(start, end)):
            continue
        expression = doc[start:end]
        char_start = offset + chars[start][0]
        written = sentence[chars[start][0]:chars[end - 1][1]]
        direction = direction_of(text, char_start, field)
        period = resolve_expression(doc, start, end, rules.vocab.strings[key],
                                    Context(meeting_date, direction))
        if period is BLOCKED:
            taken.update(range(start, end))
        if period is None or period is BLOCKED:
            continue
        taken.update(range(start, end))
        units = [unit_of(t) for t in expression]
        deadline_words = any(u.rule == DEADLINE_RULE for u in units if u.category in LEADING + TRAILING)
        kind = kind_of(text, char_start, period, deadline_words, direction, meeting_date)
        out.append(DateMention(written, period.start, period.end, period.granularity or "day", kind, char_start))
    return sorted(out, key=lambda m: m.char_start)
