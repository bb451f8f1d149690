"""Calendar periods: what a date expression resolves to, and the arithmetic of months,
quarters, halves, seasons and years it is built from."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser

from ...vocabulary import GRANULARITIES

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # northern, meteorological
SEASON_MONTHS = 3
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "latter": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
LAST_WEEK_WORDS = ("last", "final")  # the ordinals of date_phrases.jsonl's ORD that count from the end
PART_MONTHS = {"quarter": 3, "half": 6}
REL_SHIFT = {"this": 0, "current": 0, "new": 1, "next": 1, "coming": 1, "upcoming": 1,
             "last": -1, "past": -1, "previous": -1}
WEEK_DAYS = 7
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
DAY_RE = re.compile(r"\b(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b")


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
    before: Period | None = None  # the date written before the expression ("the following year")

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


# dateparser is handed written days only ("7/2/2022", "9 July", "friday": resolvers.py), never
# relative wording ("in 3 days", "2 weeks ago"), which the date grammar resolves itself: so only
# its parser of absolute dates runs, not first the relative one on every text (the same dates on
# every day and month of those shapes, both separators, ordinal days, every weekday, from bases
# over three years; a call takes three quarters of the time).
DATEPARSER_PARSERS = ["absolute-time"]


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, prefer: str, base: dt.date | None) -> dt.date | None:
    """Ask dateparser for the date `text` names, years resolved from `base` toward `prefer`."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": DATEPARSER_PARSERS}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def words_of(text: str) -> list[str]:
    return [w.rstrip(".") for w in re.findall(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?", text.lower())]


def month_in(text: str) -> int | None:
    return next((MONTHS[w] for w in words_of(text) if w in MONTHS), None)

