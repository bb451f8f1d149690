"""Read the header block of a note: organization, series, meeting, dates, symbol and title.

The organization is the body a header line names ("ENVIRONMENT MANAGEMENT GROUP"), else the
body the symbol's prefix names ("UNEP/EA.5/INF/3": UNEP). UN documents print a short code
under "UNITED NATIONS" ("EP" for UNEP, "E" for ECOSOC, "A" for the General Assembly): a code,
not a name. The series (the notes a task is followed across) is the body a header line names,
else the symbol's prefix up to the body that meets ("UNEP/EA", apart from UNEP's other bodies:
"UNEP/CPR"). The meeting date is the meeting's: the date on the meeting line or on the
lines just under it (a session's dates line, "Nairobi, 22-26 February 2021"); where the
header gives no such line, the note's own date stands for it.
"""
from __future__ import annotations

import datetime as dt
import re

from ..vocabulary import MONTH_NAMES
from .model import NoteHeader

MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTH_RE = "|".join(MONTH_NAMES)
DAY_SPAN = rf"(?:\s*[-\u2013\u2014]\s*\d{{1,2}}(?:\s+(?:{MONTH_RE}))?)?"
# "29 April 2020", "29-30 April 2020", "28 February - 2 March 2022", "April 29, 2020", "April 29-30, 2020"
HEADER_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE}){DAY_SPAN}\s+(?P<year>(19|20)\d\d)\b"
    rf"|\b(?P<day0>\d{{1,2}})\s*[-\u2013\u2014]\s*\d{{1,2}}\s+(?P<month0>{MONTH_RE})\s+(?P<year0>(19|20)\d\d)\b"
    rf"|\b(?P<month2>{MONTH_RE})\s+(?P<day2>\d{{1,2}})(?:\s*[-\u2013]\s*\d{{1,2}})?,\s+(?P<year2>(19|20)\d\d)\b",
    re.I)
# Document symbols: "EMG SOM26/mid-term/03", "EMG/SOM.15/2", "UNEP/EMG/SOM.27/INF/3"
SYMBOL = re.compile(r"^[A-Z][A-Z0-9]*(?:[ ./][A-Za-z0-9\-.]+)*/[A-Za-z0-9\-.]+(?:/[A-Za-z0-9\-.]+)*$")
SYMBOL_MAX_LENGTH = 60
MEETING_WORDS = re.compile(r"senior officials|meeting|segment|session", re.I)
# The meeting's own date is on the meeting line or at most this many lines under it (the venue
# and dates of a session: "Fifth session" / "Nairobi (online), 22-23 February 2021").
MEETING_DATE_LINES = 2
MEETING_LINE_MAX_INDEX = 12  # the meeting line is in the header block, not in the introduction
MID_TERM = re.compile(r"mid[- ]?term", re.I)
SENIOR_OFFICIALS = re.compile(r"senior officials", re.I)
SOM_NUMBER = re.compile(r"SOM[ .]*(\d{1,3})\b", re.I)
ORDINAL_NUMBER = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
ORGANIZATION_WORDS = re.compile(r"\b(group|programme|program|organi[sz]ation|secretariat|committee|council|"
                                r"agency|office|commission|network|board|forum|partnership|coalition|alliance|"
                                r"task force|team|platform|panel|assembly|conference)\b", re.I)
ORGANIZATION_MAX_WORDS = 8  # a title-case line naming a body is short; a sentence mentioning one is not
BYLINE = re.compile(r"^(note|report|prepared) (by|of) the\b", re.I)
NOT_A_NAME = re.compile(r"^(note|report|distr|english|original|item|agenda)\b", re.I)
# Lines between the symbol and the title that are not the title: distribution, languages, agenda item
NOT_A_TITLE = re.compile(r"^(distr|english|original|(provisional )?agenda item|item \d)", re.I)
LEAD_LINES = {"UNITED NATIONS", "NATIONS UNIES", "NACIONES UNIDAS"}
LEAD_PREFIX = re.compile(r"^(UNITED NATIONS|NATIONS UNIES|NACIONES UNIDAS)\s+(?=\S)")
# The code UN documents print under "UNITED NATIONS" ("EP", "E", "A", "DP"): one word of at
# most this many letters names no body.
CODE_MAX_LETTERS = 2
SYMBOL_PART = re.compile(r"[/ ]")
NUMBER_TAIL = re.compile(r"[\s.\-]*\d.*$")  # "EA.5" -> "EA", "SOM26" -> "SOM"
SMALL_WORDS = {"of", "and", "on", "the", "for", "in", "to", "a", "an"}

UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth"]
TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80, "ninet": 90}


def ordinal_word_value(text: str) -> int | None:
    """Given text such as "Twenty-sixth Meeting", return 26; None when it holds no ordinal word."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower())
    for word in words:
        if word in UNITS[1:]:
            return UNITS.index(word)
        if word in TEENS:
            return 10 + TEENS.index(word)
        head, _, tail = word.partition("-")
        for stem, value in TENS.items():
            if head.startswith(stem) and head.endswith(("ieth", "y")) and (not tail or tail in UNITS):
                return value + (UNITS.index(tail) if tail else 0)
    return None


def title_case(text: str) -> str:
    """A line in capitals as a name: "INTER-AGENCY NETWORK ON OCEANS" -> "Inter-Agency Network on Oceans";
    a single acronym ("UNEP") stays as it is."""
    if len(text.split()) == 1 and text.isupper():
        return text
    words = text.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else "-".join(p.capitalize() for p in w.split("-"))
                    for i, w in enumerate(words))


NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")  # 29.04.2020, day first


def parse_header_date(text: str) -> dt.date | None:
    """Given a header line, return the first day of the date it gives, or None."""
    m = HEADER_DATE.search(text)
    if not m:
        numeric = NUMERIC_DATE.search(text)
        if numeric:
            try:
                return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
            except ValueError:
                return None
        return None
    for suffix in ("", "0", "2"):
        if m.group("day" + suffix):
            day, month, year = m.group("day" + suffix), m.group("month" + suffix), m.group("year" + suffix)
            break
    try:
        return dt.date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def is_symbol(text: str) -> bool:
    return len(text) <= SYMBOL_MAX_LENGTH and bool(SYMBOL.match(text)) and any(c.isdigit() for c in text)


def is_code_line(text: str) -> bool:
    """"EP", "E", "A": the document code UN documents print under "UNITED NATIONS"."""
    words = text.split()
    return len(words) == 1 and words[0].isalpha() and len(words[0]) <= CODE_MAX_LETTERS


def symbol_series(symbol: str | None) -> str | None:
    """The symbol's prefix up to the body that meets, its number off: "UNEP/EA.5/INF/3" ->
    "UNEP/EA", "EMG SOM26/mid-term/03" -> "EMG SOM", "E/IACCW/2022/4" -> "E/IACCW"."""
    if not symbol:
        return None
    kept = []
    for part in symbol.split("/"):
        head = NUMBER_TAIL.sub("", part).strip()
        if head:
            kept.append(head)
        if any(c.isdigit() for c in part):
            break
    return "/".join(kept) or None


def symbol_organization(symbol: str | None) -> str | None:
    """The body the symbol's prefix names: its first part that is not a one- or two-letter
    organ code ("UNEP/EA.5/INF/3" -> "UNEP", "E/ICEF/2021/3" -> "ICEF"); None for codes only."""
    parts = [p for p in SYMBOL_PART.split(symbol_series(symbol) or "") if p]
    names = [p for p in parts if len(p) > CODE_MAX_LETTERS and any(c.isalpha() for c in p)]
    return names[0] if names else None


def organization_line(text: str, before_meeting: bool) -> str | None:
    """The body a header line names, as a name, or None: a line in capitals before the meeting
    line, not a lead line ("UNITED NATIONS"), a code, a symbol or a meeting."""
    if not before_meeting or not any(c.isalpha() for c in text) or not text.isupper():
        return None
    if text.strip() in LEAD_LINES or is_code_line(text) or is_symbol(text) or MEETING_WORDS.search(text):
        return None
    # "UNITED NATIONS ENVIRONMENT MANAGEMENT GROUP" on one line names the same group
    return title_case(LEAD_PREFIX.sub("", text.strip()))


def titled_organization(paragraphs: list[str]) -> str | None:
    """A short title-case line naming a body ("Environment Management Group"), where no line
    in capitals does."""
    for text in paragraphs[:6]:
        if ORGANIZATION_WORDS.search(text) and len(text.split()) <= ORGANIZATION_MAX_WORDS and not is_symbol(text) \
                and text.strip().upper() not in LEAD_LINES and not MEETING_WORDS.search(text) \
                and not NOT_A_NAME.match(text) and parse_header_date(text) is None:
            return title_case(text)
    return None


def meeting_dates(paragraphs: list[str], meeting_index: int | None) -> tuple[dt.date | None, dt.date | None]:
    """(meeting date, note date): the date on the meeting line or just under it, and the first
    other date of the header (the note's own), either None when the header has none."""
    dates = [parse_header_date(text) if len(text) < 120 else None for text in paragraphs]
    meeting_at = None
    if meeting_index is not None:
        meeting_at = next((i for i in range(meeting_index, min(len(dates), meeting_index + MEETING_DATE_LINES + 1))
                           if dates[i] is not None), None)
    note_date = next((d for i, d in enumerate(dates) if d is not None and i != meeting_at), None)
    return (dates[meeting_at] if meeting_at is not None else note_date), note_date


def find_title(paragraphs: list[str], symbol: str | None) -> str | None:
    """The line above the byline ("Note by the Secretariat"), else the first short line after
    the symbol and distribution lines."""
    for i, text in enumerate(paragraphs):
        if i > 0 and BYLINE.match(text):
            return paragraphs[i - 1]
    after = False
    for text in paragraphs:
        if text == symbol or NOT_A_TITLE.match(text):
            after = after or text == symbol or text.lower().startswith("distr")
            continue
        if after and len(text) < 200 and not parse_header_date(text):
            return text
    return None


def parse_header(paragraphs: list[str]) -> NoteHeader:
    """Given the paragraphs before the first part heading, return the note's metadata."""
    header = NoteHeader()
    meeting_index = None
    for i, text in enumerate(paragraphs):
        name = None if header.organization else organization_line(text, header.meeting is None)
        if name:
            header.organization = name
        elif header.symbol is None and is_symbol(text):
            header.symbol = text
        elif header.meeting is None and MEETING_WORDS.search(text) and len(text) < 200 and i < MEETING_LINE_MAX_INDEX:
            header.meeting, meeting_index = text, i
    header.meeting_date, header.note_date = meeting_dates(paragraphs, meeting_index)
    named = header.organization or titled_organization(paragraphs)
    header.organization = named or symbol_organization(header.symbol)
    header.series = named or symbol_series(header.symbol) or header.organization
    header.title = find_title(paragraphs, header.symbol)
    probe = " ".join(filter(None, [header.symbol, header.meeting]))
    m = SOM_NUMBER.search(header.symbol or "") or ORDINAL_NUMBER.search(header.meeting or "")
    header.meeting_number = int(m.group(1)) if m else ordinal_word_value(header.meeting or "")
    header.segment = segment_of(probe)
    return header


def segment_of(probe: str) -> str | None:
    """The segment of a Senior Officials Meeting the note is for: "mid-term" (its technical
    segment) or "annual"; None for the meetings of other bodies, which have no segments."""
    if MID_TERM.search(probe):
        return "mid-term"
    if SOM_NUMBER.search(probe) or SENIOR_OFFICIALS.search(probe):
        return "annual"
    return None
