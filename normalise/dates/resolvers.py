"""Resolving values and bounds: one small resolver per unit or rule id of the pattern files
(anchors, qualifiers, leads and trails, connectors, grammar rules), and the RESOLVERS table
that names them."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .periods import (
    DAY_RE,
    LAST_WEEK_WORDS,
    MONTHS,
    ORDINALS,
    PART_MONTHS,
    REL_SHIFT,
    SEASON_START,
    WEEK_DAYS,
    YEAR_RE,
    Context,
    Period,
    day_period,
    finer,
    month_in,
    month_period,
    months_of,
    months_period,
    parse_with_dateparser,
    part_period,
    period_in,
    season_period,
    shift_month,
    words_of,
    year_period,
)
from .units import DEADLINE_RULE, Member, Unit

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


def part_of_year(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"Q1-2022", "Q1/2022", "H2-2021": that quarter or half of that year."""
    code, year_found = re.match(r"([QH])([1-4])", text), YEAR_RE.search(text)
    if within or code is None or year_found is None:
        return None
    kind = "quarter" if code.group(1) == "Q" else "half"
    return part_period(kind, int(code.group(2)), int(year_found.group(1)))


QUARTER_COUNTS = {"two": 2, "three": 3}


def quarters(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"the first two quarters" of a year = its first half, "the last three quarters" = April to
    December: counted in quarters from the year's start or end; the nearest such year without one."""
    words = words_of(text)
    count, first = QUARTER_COUNTS[words[-2]], words[-3] == "first"
    size = count * PART_MONTHS["quarter"]

    def in_year(year: int) -> Period:
        month = 1 if first else 12 - size + 1
        return months_period(year, month, size, "quarter", "span")

    if within is None:
        return ctx.place(in_year)
    return in_year(within.start.year) if within.unit == "year" else None


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


DECADE_YEARS = 10


def decade(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"the 2020s": its ten years, 2020 to 2029."""
    found = YEAR_RE.search(text.replace("s", " "))
    if within or found is None:
        return None
    first = int(found.group(1))
    return Period(dt.date(first, 1, 1), dt.date(first + DECADE_YEARS - 1, 12, 31), "year", "span")


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


def following(text: str, within: Period | None, ctx: Context) -> Period | None:
    """"the following year", "the year after", "a month later": the year or month after the date
    written before it in the same text; without one, no date."""
    if within or ctx.before is None:
        return None
    last = ctx.before.end
    if "month" in words_of(text):
        return month_period(*shift_month(last.year, last.month, 1))
    return year_period(last.year + 1)


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
    "part_of_year": Resolver("anchor", part_of_year),
    "quarters": Resolver("anchor", quarters),
    "week_of_month": Resolver("anchor", week_of_month),
    "year": Resolver("anchor", year),
    "years": Resolver("anchor", years),
    "decade": Resolver("anchor", decade),
    "relative": Resolver("anchor", relative),
    "current": Resolver("anchor", current),
    "following": Resolver("anchor", following),
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
}


