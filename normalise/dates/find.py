"""The entry point: find_dates reads a cell sentence by sentence, matches the grammar over its
units, and resolves and classifies each expression."""
from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass

from ..nlp import status_nlp
from .kinds import deadline_before, direction_of, kind_of
from .matchers import date_rules
from .periods import MONTHS, SEASON_START, Context, Period
from .resolvers import RESOLVERS
from .units import ANCHORS, DEADLINE_RULE, INNER, LEADING, TRAILING, Member, Unit, parse, split_glued, unit_doc, unit_of

# Every date expression holds a year, a month, a quarter or half code, a period word or a day's
# name: a number alone ("34 UN entities", "95%") is no reason to read a sentence.
# Matched against the text lower-cased (may_hold_a_date): a case-sensitive search of it is 2.5
# times quicker than re.I on the text (measured on the seed note's paragraphs), and every cell is
# searched. A year and the words are two searches: one pattern of both tries every alternative at
# every character, 2.5 times the cost of the two (5,860 cells of 60 benchmark PDFs: 0.048 s
# against 0.019).
MAY_HOLD_A_YEAR = re.compile(r"19[5-9]\d|20\d\d")
MAY_HOLD_A_DATE_WORD = re.compile(r"\b[qh][1-4]\b|\b(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                                  + r")\b|\b(year|month|week|quarter|half|semester|" + "|".join(SEASON_START)
                                  + "|" + "|".join(d.lower() for d in calendar.day_name) + ")")
# A bare year after these alone names no date of its own ("contributions to 2030", "as of 2020
# levels"); a bare anchor after these words is an adjective ("the mid-year review").
NOT_A_LEAD_FOR_A_YEAR = {"to", "as of", "as from"}
DETERMINERS = {"the", "a", "an", "its", "their", "this", "that"}


@dataclass
class DateMention:
    text: str
    start: dt.date
    end: dt.date
    granularity: str
    kind: str  # past / planned / deadline
    char_start: int



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


def years_in_brackets(doc, start: int, end: int, members: list[Member]) -> bool:
    """A span of years alone in brackets is a date: "the action plan (2017-2020)" (a bare year in
    brackets is not: "the report (2020)" may give its edition)."""
    return 0 < start and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")" \
        and all(len(m.chain) == 1 and m.chain[0].category in ("YEAR", "YEARS") for m in members) \
        and (len(members) > 1 or members[0].chain[0].category == "YEARS")


# A document's number after a bare month makes the month part of the number: "Dec. I/5" is a
# decision of the Parties, not December.
DOCUMENT_NUMBER = re.compile(r"^[IVXLC\d]+/[\w.]+$")


def names_a_thing(doc, start: int, end: int, leads: list[Unit], members: list[Member]) -> bool:
    """A bare year before a capitalised word names a thing ("in 2020 Assessment"), and so does a
    bare capitalised season ("the Spring Meetings", "the Summer issue": notes write seasons in
    lower case); a year after only "to" or "as of" names no date; an anchor followed by "of"
    belongs to something else ("the first half of the report", "the last year of the strategy"),
    and a bare one followed by a fiscal year depends on it ("Q3 FY2021"); "the mid-year review"
    is an adjective; a bare month before a document number is part of it ("in Dec. I/5")."""
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
    if bare and last.category == "MONTH" and after is not None and DOCUMENT_NUMBER.match(after.text):
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
    if not is_licensed(leads, members, trails) and not years_in_brackets(doc, start, end, members):
        return None
    if all(m.chain[-1].category == "NOW" for m in members):
        return None  # "now", "at present": the meeting day is an edge of a span, no date alone
    if any(q.text.lower() == "end" and m.chain[0].category not in EDGE_WITHOUT_OF for m in members for q in m.quals):
        return None  # "end June", "end 2021", but "to end the year" is a verb
    if names_a_thing(doc, start, end, leads, members):
        return BLOCKED
    after = None
    for member in reversed(members):
        member.period = resolve_member(member, Context(ctx.meeting, ctx.direction, after, ctx.before))
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


FOLLOWING_RULE = "following"
# The words of date_phrases.jsonl's "following" units: most sentences hold none, and are not
# walked token by token (each spaCy token costs an object).
COUNTED_WORDS = re.compile(r"\b(following|subsequent|succeeding) (year|month)\b|"
                           r"\b(year|month) (after|thereafter|later)\b", re.I)
# "end" without "of" is an edge only before a month's name or a year ("end June", "end 2021").
EDGE_WITHOUT_OF = ("MONTH", "YEAR")


def counted_last(doc, sentence: str, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int, bool]]:
    """The grammar's matches, each with whether it counts from the date written before it ("the
    following year"); those come last, once the dates they count from are found."""
    if not COUNTED_WORDS.search(sentence) or not any(t.lemma_.startswith(FOLLOWING_RULE) for t in doc):
        return [(key, start, end, False) for key, start, end in matches]
    marked = [(key, start, end, any(unit_of(t).rule == FOLLOWING_RULE for t in doc[start:end]))
              for key, start, end in matches]
    return [m for m in marked if not m[3]] + [m for m in marked if m[3]]


def last_before(mentions: list[DateMention], char_start: int) -> Period | None:
    """The period of the last mention written before `char_start`, if any."""
    before = [m for m in mentions if m.char_start < char_start]
    if not before:
        return None
    last = max(before, key=lambda m: m.char_start)
    return Period(last.start, last.end, last.granularity, "span")


# Sentence ends: a stop, then space and a capital or a bracket ("Feb. 2020" and "p.m. on" stay),
# but not after an abbreviated month, which may start a document's number ("Dec. I/5").
# The stop is looked for first: the month test at every character doubled the cost (measured).
SENTENCE_END = re.compile(r"(?<=[.;!?])(?<!(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?<!Sept\.)\s+"
                          r"(?=[A-Z(\[\"\u201c])|\n")


def may_hold_a_date(text: str) -> bool:
    """Whether `text` holds a year, a month's name, a quarter or half code or a period word."""
    lowered = text.lower()
    return MAY_HOLD_A_YEAR.search(lowered) is not None or MAY_HOLD_A_DATE_WORD.search(lowered) is not None


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a cell that may hold a date: the matchers' cost
    grows with every token, and most sentences of a cell hold none."""
    out, start = [], 0
    for match in itertools.chain(SENTENCE_END.finditer(text), [None]):
        end = match.start() if match else len(text)
        if may_hold_a_date(text[start:end]):
            out.append((start, text[start:end]))
        start = match.end() if match else end
    return out


def find_dates(text: str, field: str, meeting_date: dt.date | None) -> list[DateMention]:
    """Given a cell's text, its field (task / progress / next_steps) and the note's meeting
    date, return the temporal expressions in it, resolved and classified."""
    if not text or not may_hold_a_date(text):
        return []  # most cells: no year, month, quarter code or period word at all, so no tokenising
    found: list[DateMention] = []
    for offset, sentence in sentences(text):
        found += find_in_sentence(text, offset, sentence, field, meeting_date, found)
    return found


def find_in_sentence(text: str, offset: int, sentence: str, field: str, meeting_date: dt.date | None,
                     earlier: list[DateMention]) -> list[DateMention]:
    """The expressions of one sentence of `text` that starts at `offset`, after the `earlier`
    ones of the same text."""
    rules = date_rules()
    doc = status_nlp().make_doc(sentence)
    split_glued(doc, sentence)
    doc, chars = unit_doc(doc, rules)
    if not any(t.tag_ in ANCHORS for t in doc):
        return []  # numbers only ("34 UN entities"): no expression without an anchor
    taken: set[int] = set()
    out: list[DateMention] = []
    matches = sorted(rules.grammar(doc), key=lambda m: (m[1] - m[2], m[1]))  # longest first
    for key, start, end, counted in counted_last(doc, sentence, matches):
        if taken.intersection(range(start, end)):
            continue
        expression = doc[start:end]
        char_start = offset + chars[start][0]
        written = sentence[chars[start][0]:chars[end - 1][1]]
        direction = direction_of(text, char_start, field)
        before = last_before(earlier + out, char_start) if counted else None
        period = resolve_expression(doc, start, end, rules.vocab.strings[key], Context(meeting_date, direction,
                                                                                      before=before))
        if period is BLOCKED:
            taken.update(range(start, end))
        if period is None or period is BLOCKED:
            continue
        taken.update(range(start, end))
        units = [unit_of(t) for t in expression]
        deadline_words = any(u.rule == DEADLINE_RULE for u in units if u.category in LEADING + TRAILING) \
            or direction == "future" and deadline_before(text, char_start)  # a deadline looks ahead
        kind = kind_of(text, char_start, period, deadline_words, direction, meeting_date)
        out.append(DateMention(written, period.start, period.end, period.granularity or "day", kind, char_start))
    return sorted(out, key=lambda m: m.char_start)
