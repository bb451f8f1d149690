"""Draft the next progress note from the store, as a Word file in the notes' own layout.

The draft carries every task open in the last note of a series (or in a note the user names)
under that note's parts and sections, in its order. Each Progress cell holds what was planned
at that note (its next steps), marked for the author to replace, and says so when the task is
overdue or has not changed; tasks completed or cancelled there are listed after the tables.

The draft is for one series, in its own words: without --after, the latest note of one series
(the one --series names, else the series of the store's latest note); the meeting line is the
series' own (its latest note's of the same segment, the meeting's number advanced), its title
too, and without --date the draft is dated the series' usual interval after the last note.

Written to survive the round trip: ingesting the draft (Word, or its PDF) gives the same tasks
with the same task keys, under the same parts and sections. So the header names the series'
organization and a meeting date after the last note (the linking walks notes in date order),
and no paragraph the draft adds to a Progress cell starts with a status word: the reader takes
a status word opening a paragraph as a new status label.
"""
from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..store import queries
from ..store.store import Store
from ..vocabulary import CLOSED, MONTH_NAMES

# Without --date the draft is dated the series' usual interval after the note it follows (the
# median of the intervals between its dated notes, in whole months: the EMG samples, 2020-04-29,
# 2020-09-24, 2021-04-21, give 6; a committee meeting once a year, 12), marked as a placeholder.
# A series with one dated note has no interval: then this many months, said as a guess.
DEFAULT_MONTHS_AFTER = 6
DAYS_PER_MONTH = 365.25 / 12
MEETING_PLACEHOLDER = "Next meeting (name and number to be confirmed)"
DEFAULT_TITLE = "Progress Report"
MID_TERM_TITLE = "Mid-Term Progress Report"
PLACEHOLDER_SYMBOL = "DRAFT after {symbol}"  # still reads as a symbol, so Word and PDF pair up
DATE_PLACEHOLDER = " (date to be confirmed)"
VENUE_PLACEHOLDER = "Venue and time to be confirmed"
BYLINE = "Note by the Secretariat"
LEAD_LINE = "UNITED NATIONS"

CORE_HEADERS = ("Tasks", "Progress", "Next steps")
PAGE_HEIGHT_CM, PAGE_WIDTH_CM, MARGIN_CM = 29.7, 21.0, 2.2
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
# Tasks | Progress | Next steps share what the extra columns leave; Progress, the cell the
# author rewrites, gets the most (5 : 6.6 : 5 cm without extra columns, close to the notes').
CORE_SHARES = (0.3, 0.4, 0.3)
EXTRA_WIDTH_CM = 3.0  # a lead agency, a deadline: "EMG Secretariat, CBD" on two lines
MIN_CORE_WIDTH_CM = 9.0  # however many extra columns, the three core ones keep 2.7 to 3.6 cm
FONT_NAME, FONT_SIZE = "Calibri", 11
TITLE_SIZE_STEP = 3  # the title is this many points above the body text
CELL_PARAGRAPH_GAP = Pt(4)
HEADING_GAP = Pt(12)
SECTION_GAP = Pt(6)

# Text the author replaces is blue and italic, and each Progress cell to update is shaded: a
# highlight would be drawn in the PDF as filled boxes around the words, which table finders
# take for rules (pdfplumber found a one-column "table" in every highlighted paragraph).
PLACEHOLDER_COLOUR = RGBColor(0x1F, 0x4E, 0x9A)
UPDATE_FILL = "FFF2CC"  # light yellow behind each Progress cell to update
WARNING_COLOUR = RGBColor(0xC0, 0x00, 0x00)  # overdue and unchanged tasks
HEADER_FILL = "D9D9D9"  # the Tasks | Progress | Next steps row
WARNING_MARK = "\u26a0 "
CONTINUATION_MARK = "\u203a "  # opens each further planned paragraph, so none opens with a status word

# How a stored status reads inside a sentence ("..., where the task was ongoing:").
STATUS_PHRASES = {"ongoing": "the task was ongoing", "not_started": "the task was not yet started",
                  "postponed": "the task was postponed", "on_hold": "the task was on hold",
                  "unknown": "no status was given", "completed": "the task was completed",
                  "cancelled": "the task was cancelled"}
ORDINAL_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}

# The order of children the OOXML schema (ECMA-376 Part 1, CT_TcPr and CT_TrPr) requires: an
# element out of place is what makes Word report "unreadable content".
TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                  "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
TRPR_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


class DraftError(Exception):
    """What was asked for cannot be drafted. `usage` tells a user's mistake in the options
    (exit 2) from something not in the store (exit 1); str() is one line."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass
class DraftTask:
    """One open task of the note drafted after, and what its row must say."""

    row: dict
    warnings: list = field(default_factory=list)


@dataclass
class Draft:
    """Everything the Word file shows, decided before any of it is written."""

    after: dict  # the note drafted after (a row of queries.series_notes)
    organization: str | None
    symbol: str | None
    symbol_is_placeholder: bool
    date: dt.date
    date_is_placeholder: bool
    meeting: str
    title: str
    open_tasks: list  # of DraftTask, in the note's order
    closed_tasks: list  # rows of tasks completed or cancelled there
    meeting_is_placeholder: bool = False  # no meeting line of the series names its number
    months_after: int | None = None  # the series' usual interval; None: it has none (DEFAULT_MONTHS_AFTER)
    series_count: int = 1  # series in the store
    series_chosen: bool = False  # by --after or --series


@dataclass
class DraftSummary:
    """What `write_draft` wrote, for the command line to report."""

    out: Path
    after_symbol: str | None
    after_date: dt.date | None
    symbol: str | None
    symbol_is_placeholder: bool
    date: dt.date
    date_is_placeholder: bool
    n_open: int
    n_closed: int
    n_overdue: int
    n_unchanged: int
    series: str = ""
    series_count: int = 1
    series_chosen: bool = False
    months_after: int | None = None
    meeting_is_placeholder: bool = False

    def lines(self) -> list[str]:
        """The lines the command prints: what was written, then each placeholder chosen."""
        out = [f"wrote {self.out}: {tasks_phrase(self.n_open, 'open task')} from {self.after_symbol or 'the last note'}"
               f" ({long_date(self.after_date) if self.after_date else 'undated'}), {self.n_closed} completed or"
               f" cancelled listed at the end; {self.n_overdue} overdue, {self.n_unchanged} without change"]
        if self.series_count > 1 and not self.series_chosen:
            out.append(f"the store holds {self.series_count} series: drafted for {self.series}, the series of the"
                       " latest note (another: --series NAME or --after SYMBOL)")
        if self.date_is_placeholder:
            interval = (f"{self.months_after} months after the last note, the series' usual interval"
                        if self.months_after else
                        f"{DEFAULT_MONTHS_AFTER} months after the last note (a guess: the series has one dated note)")
            out.append(f"no --date: dated {long_date(self.date)}, {interval}, marked to be confirmed")
        if self.symbol_is_placeholder and self.symbol:
            out.append(f"no --symbol: the symbol reads {self.symbol!r}, marked to be replaced")
        if self.meeting_is_placeholder:
            out.append(f"no meeting line of the series names its number: the meeting reads {MEETING_PLACEHOLDER!r},"
                       " marked to be replaced")
        return out


def tasks_phrase(n: int, noun: str) -> str:
    """"1 open task", "3 open tasks"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- words

def long_date(day: dt.date) -> str:
    """Given a date, return it as the notes write it: "21 April 2021"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_year(day: dt.date | None) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}" if day else "date not known"


def ordinal(n: int) -> str:
    """Given 27, return "27th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else ORDINAL_SUFFIXES.get(n % 10, "th")
    return f"{n}{suffix}"


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def paragraphs_of(text) -> list[str]:
    """A stored text's paragraphs (the store separates them with a newline)."""
    if not isinstance(text, str):
        return []
    return [p.strip() for p in text.split("\n") if p.strip()]


def one_line(text) -> str:
    return " ".join(paragraphs_of(text))


# ---------------------------------------------------------------- what the draft says

def folded(text) -> str:
    return " ".join(text.split()).lower() if isinstance(text, str) else ""


def choose_note(notes, after: str | None, series: str | None = None) -> dict:
    """Given the store's notes, return the one to draft after: the note whose symbol (or name,
    for a note without one) is `after`, else the latest note of the series `series` names,
    else the latest note of the store; always the last of one series, never a mix."""
    if notes.empty:
        raise DraftError("the store holds no progress note yet; run `somnotes ingest PATH` first")
    if series is not None:
        found = notes[notes["series"].map(folded) == folded(series)]
        if found.empty:
            known = "; ".join(sorted(set(notes["series"])))
            raise DraftError(f"no series {series!r} in the store; its series: {known}")
        notes = found
    if after is None:
        latest = notes.sort_values(["meeting_date", "series", "note_no"], na_position="first").iloc[-1]
        return latest.to_dict()
    wanted = folded(after)
    found = notes[(notes["symbol"].map(folded) == wanted) | (notes["note"].map(folded) == wanted)]
    if found.empty:
        where = f" of the series {series!r}" if series is not None else ""
        raise DraftError(f"no note with the symbol {after!r}{where} in the store (see `somnotes summary`)")
    return found.sort_values("meeting_date").iloc[-1].to_dict()


def usual_interval(series_notes) -> int | None:
    """The months between a series' meetings: the median interval between its dated notes, in
    whole months; None when fewer than two notes are dated."""
    days = sorted({d.date() for d in series_notes["meeting_date"] if d == d})  # NaT != NaT
    if len(days) < 2:
        return None
    gaps = [(b - a).days / DAYS_PER_MONTH for a, b in zip(days, days[1:], strict=False)]
    return max(1, round(statistics.median(gaps)))


def next_meeting(note: dict, segments: set, symbol: str | None) -> tuple[int | None, str | None]:
    """The number and segment of the meeting the draft is for: read from the new symbol when
    it names them ("EMG SOM28/mid-term/01"), else the meeting after `note`: an annual meeting
    follows its own mid-term segment; the next number follows an annual meeting, as a
    mid-term segment when the series has them."""
    if symbol:
        number = re.search(r"SOM[ .]*(\d{1,3})\b", symbol, re.I)
        if number:
            return int(number.group(1)), ("mid-term" if re.search(r"mid[- ]?term", symbol, re.I) else "annual")
    number = known(note.get("meeting_number"))
    if number is None:
        return None, note.get("segment")
    segment = note.get("segment") if isinstance(note.get("segment"), str) else None
    if segment is None:  # a body without segments: the next meeting
        return number + 1, None
    if segment == "mid-term":
        return number, "annual"
    return number + 1, ("mid-term" if "mid-term" in segments else "annual")


def known(value):
    """A stored value, None for a null (NaN from an integer column with nulls)."""
    return None if value is None or value != value else int(value)


UNIT_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
TEEN_ORDINALS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth")
TENS = ("", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")
MAX_ORDINAL_WORD = 99


def ordinal_word(n: int) -> str:
    """Given 26, return "twenty-sixth" (1 to 99)."""
    if n < 10:
        return UNIT_ORDINALS[n]
    if n < 20:
        return TEEN_ORDINALS[n - 10]
    tens, unit = divmod(n, 10)
    return f"{TENS[tens]}y-{UNIT_ORDINALS[unit]}" if unit else f"{TENS[tens]}ieth"


def same_case(word: str, model: str) -> str:
    """`word` written in the case of `model`: "EIGHTH", "Eighth" or "eighth"."""
    if model.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if model[:1].isupper() else word


def renumber(line: str, old: int, new: int) -> str | None:
    """Given a meeting line naming meeting `old` ("Eighth session", "159th meeting", "Mid-Term
    Technical Segment of the 26th Senior Officials Meeting"), return it naming `new` in the same
    way, or None when it does not name `old`."""
    forms = [(rf"\b{old}(st|nd|rd|th)\b", lambda m: ordinal(new))]
    if old <= MAX_ORDINAL_WORD and new <= MAX_ORDINAL_WORD:
        forms.append((rf"\b{ordinal_word(old)}\b", lambda m: same_case(ordinal_word(new), m.group(0))))
    forms.append((rf"(?<![\d./-]){old}(?![\d./-])", lambda m: str(new)))
    for pattern, replace in forms:
        changed, n = re.subn(pattern, replace, line, count=1, flags=re.I)
        if n:
            return changed
    return None


def series_wording(series_notes, number: int | None, segment: str | None) -> tuple[str | None, str]:
    """The meeting line and title of the draft in the series' own words: those of its latest
    note of the draft's segment (of any note, in a series without segments), the meeting's
    number advanced to `number`. The meeting line is None when no such line names its number.
    A series with segments (EMG's Senior Officials Meetings) keeps EMG's two titles."""
    ordered = series_notes.sort_values("note_no")
    models = ordered[ordered["segment"] == segment] if segment else ordered
    if segment:
        title = MID_TERM_TITLE if segment == "mid-term" else DEFAULT_TITLE
    else:
        title = next((t for t in reversed(list(ordered["title"])) if isinstance(t, str)), DEFAULT_TITLE)
    if models.empty:
        return None, title
    model = models.iloc[-1].to_dict()
    old, line = known(model.get("meeting_number")), model.get("meeting")
    if number is None or old is None or not isinstance(line, str):
        return None, title
    return renumber(" ".join(line.split()), old, number), title


def deadline_words(text: str, deadline) -> str:
    """A deadline as written, with the day it resolved to when the words leave the year out."""
    day = deadline.date() if hasattr(deadline, "date") else deadline
    return f"\u201c{text}\u201d" + ("" if str(day.year) in text else f" ({long_date(day)})")


def overdue_warnings(store: Store, note: dict, date: dt.date) -> dict:
    """task_key -> warning lines: deadlines that had passed by `note` (queries.overdue), and
    deadlines stated in `note` that were still ahead then and pass before the draft's `date`
    (one already past at `note` is an old deadline repeated, reported by the first kind)."""
    out: dict = {}
    since = meeting_day(note) or dt.date.min
    passed = queries.overdue(store)
    for row in passed[passed["to_symbol"] == note_name(note)].itertuples():  # the queries name notes so
        out.setdefault(row.task_key, []).append(
            f"Overdue: {deadline_words(row.deadline_text, row.deadline)}, set at {row.from_symbol}, "
            f"had passed by {note_name(note)}.")
    for row in queries.note_deadlines(store, note["doc_id"]).itertuples():
        if row.deadline == row.deadline and since <= row.deadline.date() < date:  # NaT != NaT
            out.setdefault(row.task_key, []).append(
                f"Overdue by this meeting: {deadline_words(row.deadline_text, row.deadline)}, set at "
                f"{note_name(note)}.")
    return out


def unchanged_warnings(store: Store, note: dict) -> dict:
    """task_key -> warning lines for the tasks queries.stalled finds stalled at `note`."""
    out: dict = {}
    for row in queries.stalled(store).itertuples():
        symbols = list(row.symbols)
        statuses = [s.replace("_", " ") for s in row.statuses]
        if not symbols or symbols[-1] != note_name(note):
            continue
        if "status" in list(row.reasons):
            how = (f"{statuses[0]} in its last {len(symbols)} notes" if len(set(statuses)) == 1
                   else ", then ".join(statuses))
        else:
            how = f"the progress reported at {symbols[-1]} repeated it"
        out.setdefault(row.task_key, []).append(f"No change since {symbols[0]}: {how}.")
    return out


def plan_draft(store: Store, after: str | None = None, symbol: str | None = None,
               date: dt.date | None = None, series: str | None = None) -> Draft:
    """Given a store and the options of `somnotes draft`, decide what the draft shows."""
    notes = queries.series_notes(store)
    note = choose_note(notes, after, series)
    series_notes = notes[notes["series"] == note["series"]]
    months = usual_interval(series_notes)
    note_date = meeting_day(note)
    if date is not None and note_date is not None and date <= note_date:
        raise DraftError(f"--date {date.isoformat()} is not after {note_name(note)} ({note_date.isoformat()});"
                         " the draft is the note that follows it", usage=True)
    if symbol is not None and " ".join(symbol.split()).lower() in set(
            notes["symbol"].dropna().map(lambda s: " ".join(s.split()).lower())):
        raise DraftError(f"--symbol {symbol!r} is a note already in the store; the draft is a new note",
                         usage=True)
    date_is_placeholder = date is None
    if date is None:
        date = months_after(note_date or dt.date.today(), months or DEFAULT_MONTHS_AFTER)
    symbol_is_placeholder = symbol is None
    if symbol is None and isinstance(note.get("symbol"), str):
        symbol = PLACEHOLDER_SYMBOL.format(symbol=note["symbol"])
    segments = set(series_notes["segment"].dropna())
    number, segment = next_meeting(note, segments, None if symbol_is_placeholder else symbol)
    meeting, title = series_wording(series_notes, number, segment)
    tasks = queries.note_tasks(store, note["doc_id"]).to_dict("records")
    overdue = overdue_warnings(store, note, date)
    unchanged = unchanged_warnings(store, note)
    open_tasks = [DraftTask(t, overdue.get(t["task_key"], []) + unchanged.get(t["task_key"], []))
                  for t in tasks if t["status"] not in CLOSED]
    return Draft(
        after=note, organization=note.get("organization") or note.get("series") or None,
        symbol=symbol, symbol_is_placeholder=symbol_is_placeholder,
        date=date, date_is_placeholder=date_is_placeholder,
        meeting=meeting or MEETING_PLACEHOLDER, meeting_is_placeholder=meeting is None, title=title,
        open_tasks=open_tasks, closed_tasks=[t for t in tasks if t["status"] in CLOSED],
        months_after=months, series_count=notes["series"].nunique(),
        series_chosen=after is not None or series is not None)


def planned_paragraphs(draft: Draft, row: dict) -> list[str]:
    """The Progress cell's placeholder: the previous next steps, marked as planned at the note
    drafted after, with the status the task had there."""
    where = f"{note_name(draft.after)} ({month_year(meeting_day(draft.after))})"
    status = STATUS_PHRASES.get(row.get("status") or "unknown", STATUS_PHRASES["unknown"])
    steps = paragraphs_of(row.get("next_steps_text"))
    if not steps:
        return [f"Nothing was planned at {where}, where {status}: report the progress made since."]
    lead = f"Planned at {where}, where {status}:"
    if len(steps) == 1:
        return [f"{lead} {steps[0]}"]
    return [lead] + [CONTINUATION_MARK + step for step in steps]


def meeting_day(note: dict) -> dt.date | None:
    """A note's meeting date, None when its header gave none (NaT != NaT)."""
    day = note.get("meeting_date")
    return day.date() if day is not None and day == day else None


def note_name(note: dict) -> str:
    """A note as the queries name it: its symbol, else what identifies it (queries.NOTES_SQL)."""
    return note.get("note") or note.get("symbol") or "the last note"


# ---------------------------------------------------------------- Word

def insert_in_order(parent, child, successors: tuple) -> None:
    """Insert `child` into `parent` before the first of `successors` there (schema order)."""
    parent.insert_element_before(child, *successors)


def shade_cell(cell, fill: str) -> None:
    """Give a table cell a background colour, its w:shd in the place the schema requires."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    insert_in_order(cell._tc.get_or_add_tcPr(), shd, TCPR_AFTER_SHD)


def repeat_as_header(row) -> None:
    """Word's "repeat as header row at the top of each page" (w:tblHeader, on by default)."""
    insert_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:tblHeader"), TRPR_AFTER_TBLHEADER)


def add_page_number_footer(section) -> None:
    """A centred page number in the section's footer (a PAGE field).

    samples/render_docx.py writes the same footer on purpose rather than importing this one: the
    samples stand for notes written in Word, made independently of the code they test, and the
    package cannot import samples/, which is not installed (pyproject: packages)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    p._p.append(fld)


def add_text(paragraph, text: str, *, bold=False, italic=False, placeholder=False, warning=False, size=None):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if placeholder:
        run.italic = True
        run.font.color.rgb = PLACEHOLDER_COLOUR
    if warning:
        run.font.color.rgb = WARNING_COLOUR
    if size:
        run.font.size = Pt(size)
    return run


def warning_runs(line: str) -> list:
    """A warning as runs: the mark and the words before the colon in bold, all of it red."""
    head, _, rest = line.partition(": ")
    return [(f"{WARNING_MARK}{head}: ", {"warning": True, "bold": True}), (rest, {"warning": True})]


def write_cell(cell, paragraphs: list) -> None:
    """Fill a table cell with paragraphs: each a str, a (text, style) pair, or a list of pairs
    (the runs of one paragraph)."""
    for i, para in enumerate(paragraphs):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = CELL_PARAGRAPH_GAP
        runs = para if isinstance(para, list) else [para if isinstance(para, tuple) else (para, {})]
        for text, style in runs:
            add_text(p, text, **style)


def new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT_NAME, Pt(FONT_SIZE)
    add_page_number_footer(section)
    drop_styles_with_effects(doc)
    return doc


def drop_styles_with_effects(doc) -> None:
    """Drop python-docx's copy of Word 2010's stylesWithEffects part: an optional cache of
    styles.xml that no longer matches it once the draft sets its own font and adds a footer,
    and a mismatch Word may answer with "unreadable content"."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def centred(doc, text: str, **style):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(p, text, **style)
    return p


def write_header_block(doc, draft: Draft) -> None:
    """Organization, meeting, date, venue, symbol, title and byline, as the notes open."""
    centred(doc, LEAD_LINE, bold=True)
    if draft.organization:
        centred(doc, draft.organization.upper(), bold=True)
    centred(doc, draft.meeting, bold=True, placeholder=draft.symbol_is_placeholder or draft.meeting_is_placeholder)
    p = centred(doc, long_date(draft.date), placeholder=draft.date_is_placeholder)
    if draft.date_is_placeholder:
        add_text(p, DATE_PLACEHOLDER, placeholder=True)
    centred(doc, VENUE_PLACEHOLDER, placeholder=True)
    if draft.symbol:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_text(p, draft.symbol, placeholder=draft.symbol_is_placeholder)
    centred(doc, draft.title, bold=True, size=FONT_SIZE + TITLE_SIZE_STEP)
    centred(doc, BYLINE, italic=True)
    after = note_name(draft.after)
    when = meeting_day(draft.after)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    add_text(p, f"This note reports on the progress made on the tasks open at {after}"
                f"{f' ({long_date(when)})' if when else ''} and sets out the next steps.")
    p = doc.add_paragraph()
    add_text(p, f"Draft made by somnotes on {long_date(dt.date.today())} from {after}: "
                f"{len(draft.open_tasks)} open tasks in its order, {len(draft.closed_tasks)} completed or cancelled "
                "listed at the end. Replace the blue text and the shaded Progress cells; rows marked "
                f"{WARNING_MARK.strip()} are overdue or without change. Delete this paragraph before circulating.",
             italic=True, placeholder=True)


def table_headers(rows: list) -> list[str]:
    """Tasks | Progress | Next steps, then the extra columns the section's rows carry."""
    extra = []
    for row in rows:
        for head in extra_columns(row):
            if head not in extra:
                extra.append(head)
    return list(CORE_HEADERS) + extra


def extra_columns(row: dict) -> dict:
    """A task's extra columns (a lead agency, a deadline), header -> text, in the note's order."""
    pairs = row.get("extra")
    return {} if pairs is None else {pair["key"]: pair["value"] for pair in pairs}


def add_task_table(doc, draft: Draft, tasks: list, headers: list):
    """One section's table: a repeated, shaded header row, then a row per open task."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, headers, strict=False):
        add_text(cell.paragraphs[0], head, bold=True)
        shade_cell(cell, HEADER_FILL)
    repeat_as_header(table.rows[0])
    for task in tasks:
        cells = table.add_row().cells
        write_cell(cells[0], paragraphs_of(task.row["task_text"]))
        progress: list = [warning_runs(w) for w in task.warnings]
        progress += [(p, {"placeholder": True}) for p in planned_paragraphs(draft, task.row)]
        write_cell(cells[1], progress)
        shade_cell(cells[1], UPDATE_FILL)
        extra = extra_columns(task.row)
        for cell, head in zip(cells[3:], headers[3:], strict=False):
            write_cell(cell, paragraphs_of(extra.get(head)))
    n_extra = len(headers) - len(CORE_HEADERS)
    core = max(TEXT_WIDTH_CM - EXTRA_WIDTH_CM * n_extra, MIN_CORE_WIDTH_CM)
    widths = [share * core for share in CORE_SHARES] + [EXTRA_WIDTH_CM] * n_extra
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):  # the grid, which LibreOffice lays out by
        column.width = Cm(width)
    for row in table.rows:  # and each cell, which Word lays out by
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    return table


def place(row: dict) -> tuple:
    return (row.get("part"), row.get("part_title"), row.get("section"), row.get("section_title"))


def write_tasks(doc, draft: Draft, all_rows: list) -> None:
    """Parts, sections and their tables, in the order of the note drafted after."""
    runs: list[tuple[tuple, list]] = []
    for task in draft.open_tasks:
        if runs and runs[-1][0] == place(task.row):
            runs[-1][1].append(task)
        else:
            runs.append((place(task.row), [task]))
    current_part = None
    for (part, part_title, section, section_title), tasks in runs:
        if part is not None and (part, part_title) != current_part:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = HEADING_GAP
            add_text(p, f"{part}. {part_title or ''}".strip(), bold=True)
            current_part = (part, part_title)
        if section is not None:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = SECTION_GAP
            add_text(p, f"{section}) {section_title or ''}".strip(), bold=True, italic=True)
        same_section = [r for r in all_rows if place(r) == (part, part_title, section, section_title)]
        add_task_table(doc, draft, tasks, table_headers(same_section))
        doc.add_paragraph()


def write_closed_list(doc, draft: Draft) -> None:
    """Tasks completed or cancelled at the note drafted after: left out of the tables, named here."""
    if not draft.closed_tasks:
        return
    after = note_name(draft.after)
    p = doc.add_paragraph()
    p.paragraph_format.space_before = HEADING_GAP
    add_text(p, f"Left out of this note: {len(draft.closed_tasks)} tasks completed or cancelled at {after}", bold=True)
    for row in draft.closed_tasks:
        where = ", ".join(filter(None, [
            f"part {row['part']}" if row.get("part") else None,
            f"section {row['section']}) {row.get('section_title') or ''}".strip() if row.get("section") else None]))
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.6)
        add_text(p, f"{(row['status'] or 'closed').capitalize()}{f' ({where})' if where else ''}: ", bold=True)
        add_text(p, one_line(row["task_text"]))


def render(draft: Draft, out: Path) -> None:
    """Write the draft as a Word file at `out`."""
    doc = new_document()
    write_header_block(doc, draft)
    write_tasks(doc, draft, [t.row for t in draft.open_tasks] + draft.closed_tasks)
    write_closed_list(doc, draft)
    doc.core_properties.title = f"{draft.title}: {draft.meeting} (draft)"
    doc.core_properties.author = "somnotes draft"
    doc.core_properties.comments = f"Drafted from {note_name(draft.after)} by somnotes"
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        doc.save(tmp)
        tmp.replace(out)  # a failed save leaves no half-written file under the name asked for
    finally:
        tmp.unlink(missing_ok=True)


def write_draft(store: Store, out: Path | str, after: str | None = None, symbol: str | None = None,
                date: dt.date | None = None, series: str | None = None) -> DraftSummary:
    """Write the draft of the note that follows `after` (default: the latest note of `series`,
    else of the series of the store's latest note) to `out`; `symbol` and `date` are the new
    note's (placeholders when not given)."""
    out = Path(out)
    draft = plan_draft(store, after=after, symbol=symbol, date=date, series=series)
    render(draft, out)
    return DraftSummary(
        out=out, after_symbol=note_name(draft.after), after_date=meeting_day(draft.after),
        symbol=draft.symbol, symbol_is_placeholder=draft.symbol_is_placeholder,
        date=draft.date, date_is_placeholder=draft.date_is_placeholder,
        n_open=len(draft.open_tasks), n_closed=len(draft.closed_tasks),
        n_overdue=sum(any(w.startswith("Overdue") for w in t.warnings) for t in draft.open_tasks),
        n_unchanged=sum(any(w.startswith("No change") for w in t.warnings) for t in draft.open_tasks),
        series=draft.after.get("series") or "", series_count=draft.series_count, series_chosen=draft.series_chosen,
        months_after=draft.months_after, meeting_is_placeholder=draft.meeting_is_placeholder)
