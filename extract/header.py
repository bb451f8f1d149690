"""Read the header block of a note: organization, meeting, date, symbol and title."""
from __future__ import annotations

import datetime as dt
import re

from .model import NoteHeader

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
# "29 April 2020", "29-30 April 2020", "April 29, 2020"
HEADER_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:\s*[-\u2013]\s*\d{{1,2}})?\s+(?P<month>{MONTH_RE})\s+(?P<year>(19|20)\d\d)\b"
    rf"|\b(?P<month2>{MONTH_RE})\s+(?P<day2>\d{{1,2}})(?:\s*[-\u2013]\s*\d{{1,2}})?,\s+(?P<year2>(19|20)\d\d)\b",
    re.I)
# Document symbols: "EMG SOM26/mid-term/03", "EMG/SOM.15/2", "UNEP/EMG/SOM.27/INF/3"
SYMBOL = re.compile(r"^[A-Z][A-Z0-9]*(?:[ ./][A-Za-z0-9\-.]+)*/[A-Za-z0-9\-.]+(?:/[A-Za-z0-9\-.]+)*$")
SYMBOL_MAX_LENGTH = 60
MEETING_WORDS = re.compile(r"senior officials|meeting|segment|session", re.I)
MID_TERM = re.compile(r"mid[- ]?term", re.I)
SOM_NUMBER = re.compile(r"SOM[ .]*(\d{1,3})\b", re.I)
ORDINAL_NUMBER = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
ORGANIZATION_WORDS = re.compile(r"\b(group|programme|program|organi[sz]ation|secretariat|committee|council|"
                                r"agency|office|commission|network)\b", re.I)
BYLINE = re.compile(r"^note (by|of) the\b", re.I)
LEAD_LINES = {"UNITED NATIONS", "NATIONS UNIES", "NACIONES UNIDAS"}
LEAD_PREFIX = re.compile(r"^(UNITED NATIONS|NATIONS UNIES|NACIONES UNIDAS)\s+(?=\S)")
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
    words = text.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else w.capitalize() for i, w in enumerate(words))


NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")  # 29.04.2020, day first


def parse_header_date(text: str) -> dt.date | None:
    m = HEADER_DATE.search(text)
    if not m:
        numeric = NUMERIC_DATE.search(text)
        if numeric:
            try:
                return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
            except ValueError:
                return None
        return None
    day, month, year = (m.group("day"), m.group("month"), m.group("year")) if m.group("day") else (
        m.group("day2"), m.group("month2"), m.group("year2"))
    try:
        return dt.date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def is_symbol(text: str) -> bool:
    return len(text) <= SYMBOL_MAX_LENGTH and bool(SYMBOL.match(text)) and any(c.isdigit() for c in text)


def parse_header(paragraphs: list[str]) -> NoteHeader:
    """Given the paragraphs before the first part heading, return the note's metadata."""
    header = NoteHeader()
    title_index = None
    for i, text in enumerate(paragraphs):
        letters = [c for c in text if c.isalpha()]
        if header.organization is None and letters and text.isupper() and text.strip() not in LEAD_LINES \
                and not is_symbol(text) and not MEETING_WORDS.search(text):
            # "UNITED NATIONS ENVIRONMENT MANAGEMENT GROUP" on one line names the same group
            header.organization = title_case(LEAD_PREFIX.sub("", text.strip()))
        elif header.symbol is None and is_symbol(text):
            header.symbol = text
        elif header.meeting is None and MEETING_WORDS.search(text) and len(text) < 200 and i < 12:
            header.meeting = text
        if header.meeting_date is None:
            header.meeting_date = parse_header_date(text) if len(text) < 120 else None
        if title_index is None and BYLINE.match(text) and i > 0:
            title_index = i - 1
    if header.organization is None:  # no line in capitals: a short title-case line naming a body
        for text in paragraphs[:6]:
            if ORGANIZATION_WORDS.search(text) and len(text.split()) <= 8 and not is_symbol(text) \
                    and text.strip().upper() not in LEAD_LINES and not MEETING_WORDS.search(text):
                header.organization = title_case(text)
                break
    if title_index is not None:
        header.title = paragraphs[title_index]
    else:  # no byline: the first short line after the symbol and distribution lines
        after = False
        for text in paragraphs:
            if text == header.symbol or text.lower().startswith("distribution"):
                after = True
                continue
            if after and len(text) < 200 and not parse_header_date(text):
                header.title = text
                break
    probe = " ".join(filter(None, [header.symbol, header.meeting]))
    m = SOM_NUMBER.search(header.symbol or "") or ORDINAL_NUMBER.search(header.meeting or "")
    header.meeting_number = int(m.group(1)) if m else ordinal_word_value(header.meeting or "")
    if probe:
        header.segment = "mid-term" if MID_TERM.search(probe) else "annual"
    return header
