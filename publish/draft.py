"""Draft the next progress note from the store, as a Word file in the notes' own layout.

The draft carries every task open in the last note of a series (or in a note the user names)
under that note's parts and sections, in its order. Each Progress cell holds what was planned
at that note (its next steps), marked for the author to replace, and says so when the task is
overdue or has not changed; tasks completed or cancelled there are listed after the tables.

Written to survive the round trip: ingesting the draft (Word, or its PDF) gives the same tasks
with the same task keys, under the same parts and sections. So the header names the series'
organization and a meeting date after the last note (the linking walks notes in date order),
and no paragraph the draft adds to a Progress cell starts with a status word: the reader takes
a status word opening a paragraph as a new status label.
"""
from __future__ import annotations

import datetime as dt
import re
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

# EMG meets twice a year, a mid-term technical segment in spring and the annual meeting in the
# autumn (the samples: 2020-04-29, 2020-09-24, 2021-04-21, gaps of 5 and 7 months). Without
# --date the draft is dated this many months after the note it follows, marked as a placeholder.
DEFAULT_MONTHS_AFTER = 6
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
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
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

    def lines(self) -> list[str]:
        """The lines the command prints: what was written, then each placeholder chosen."""
        out = [f"wrote {self.out}: {self.n_open} open tasks from {self.after_symbol or 'the last note'}"
               f" ({long_date(self.after_date) if self.after_date else 'undated'}), {self.n_closed} completed or"
               f" cancelled listed at the end; {self.n_overdue} overdue, {self.n_unchanged} without change"]
        if self.date_is_placeholder:
            out.append(f"no --date: dated {long_date(self.date)}, {DEFAULT_MONTHS_AFTER} months after the last note,"
                       " marked to be confirmed")
        if self.symbol_is_placeholder and self.symbol:
            out.append(f"no --symbol: the symbol reads {self.symbol!r}, marked to be replaced")
        return out


# ---------------------------------------------------------------- words

def long_date(day: dt.date) -> str:
    """Given a date, return it as the notes write it: "21 April 2021"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date | None) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}" if day else "date not known"


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

def choose_note(notes, after: str | None) -> dict:
    """Given the store's notes, return the one to draft after: the note whose symbol is `after`,
    or the latest note of the store (the last of its series)."""
    if notes.empty:
        raise DraftError("the store holds no progress note yet; run `somnotes ingest PATH` first")
    if after is None:
        latest = notes.sort_values(["meeting_date", "series", "note_no"], na_position="first").iloc[-1]
        return latest.to_dict()
    wanted = " ".join(after.split()).lower()
    found = notes[notes["symbol"].fillna("").map(lambda s: " ".join(s.split()).lower()) == wanted]
    if found.empty:
        raise DraftError(f"no note with the symbol {after!r} in the store (see `somnotes summary`)")
    return found.sort_values("meeting_date").iloc[-1].to_dict()


def next_meeting(note: dict, segments: set, symbol: str | None) -> tuple[int | None, str | None]:
    """The number and segment of the meeting the draft is for: read from the new symbol when
    it names them ("EMG SOM28/mid-term/01"), else the meeting after `note`: an annual meeting
    follows its own mid-term segment; the next number follows an annual meeting, as a
    mid-term segment when the series has them."""
    if symbol:
        number = re.search(r"SOM[ .]*(\d{1,3})\b", symbol, re.I)
        if number:
            return int(number.group(1)), ("mid-term" if re.search(r"mid[- ]?term", symbol, re.I) else "annual")
    number = note.get("meeting_number")
    if number is None or number != number:  # NaN from an integer column with nulls
        return None, None
    number = int(number)
    if note.get("segment") == "mid-term":
        return number, "annual"
    return number + 1, ("mid-term" if "mid-term" in segments else "annual")


def meeting_line(number: int | None, segment: str | None) -> str:
    """The meeting the draft is for, as the header block names it."""
    if number is None:
        return "Next Senior Officials Meeting"
    if segment == "mid-term":
        return f"Mid-Term Technical Segment of the {ordinal(number)} Senior Officials Meeting"
    return f"{ordinal(number)} Senior Officials Meeting"


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
    for row in passed[passed["to_symbol"] == note["symbol"]].itertuples():
        out.setdefault(row.task_key, []).append(
            f"Overdue: {deadline_words(row.deadline_text, row.deadline)}, set at {row.from_symbol}, "
            f"had passed by {note['symbol']}.")
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
        if not symbols or symbols[-1] != note["symbol"]:
            continue
        if "status" in list(row.reasons):
            how = (f"{statuses[0]} in its last {len(symbols)} notes" if len(set(statuses)) == 1
                   else ", then ".join(statuses))
        else:
            how = f"the progress reported at {symbols[-1]} repeated it"
        out.setdefault(row.task_key, []).append(f"No change since {symbols[0]}: {how}.")
    return out


def plan_draft(store: Store, after: str | None = None, symbol: str | None = None,
               date: dt.date | None = None) -> Draft:
    """Given a store and the options of `somnotes draft`, decide what the draft shows."""
    notes = queries.series_notes(store)
    note = choose_note(notes, after)
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
        date = months_after(note_date or dt.date.today(), DEFAULT_MONTHS_AFTER)
    symbol_is_placeholder = symbol is None
    if symbol is None and note.get("symbol"):
        symbol = PLACEHOLDER_SYMBOL.format(symbol=note["symbol"])
    segments = set(notes.loc[notes["series"] == note["series"], "segment"].dropna())
    number, segment = next_meeting(note, segments, None if symbol_is_placeholder else symbol)
    tasks = queries.note_tasks(store, note["doc_id"]).to_dict("records")
    overdue = overdue_warnings(store, note, date)
    unchanged = unchanged_warnings(store, note)
    open_tasks = [DraftTask(t, overdue.get(t["task_key"], []) + unchanged.get(t["task_key"], []))
                  for t in tasks if t["status"] not in queries.CLOSED]
    return Draft(
        after=note, organization=note.get("organization") or note.get("series") or None,
        symbol=symbol, symbol_is_placeholder=symbol_is_placeholder,
        date=date, date_is_placeholder=date_is_placeholder,
        meeting=meeting_line(number, segment),
        title="Mid-Term Progress Report" if segment == "mid-term" else "Progress Report",
        open_tasks=open_tasks, closed_tasks=[t for t in tasks if t["status"] in queries.CLOSED])


def planned_paragraphs(draft: Draft, row: dict) -> list[str]:
    """The Progress cell's placeholder: the previous next steps, marked as planned at the note
    drafted after, with the status the task had there."""
    where = f"{note_name(draft.after)} ({month_year(meeting_day(draft.after))})"
    status = STATUS_PHRASES.get(row.get("status"), STATUS_PHRASES["unknown"])
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
    return note.get("symbol") or "the last note"


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
    centred(doc, draft.meeting, bold=True, placeholder=draft.symbol_is_placeholder)
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
    for cell, head in zip(table.rows[0].cells, headers):
        add_text(cell.paragraphs[0], head, bold=True)
        shade_cell(cell, HEADER_FILL)
    repeat_as_header(table.rows[0])
    for task in tasks:
        cells = table.add_row().cells
        write_cell(cells[0], paragraphs_of(task.row["task_text"]))
        progress = [warning_runs(w) for w in task.warnings]
        progress += [(p, {"placeholder": True}) for p in planned_paragraphs(draft, task.row)]
        write_cell(cells[1], progress)
        shade_cell(cells[1], UPDATE_FILL)
        extra = extra_columns(task.row)
        for cell, head in zip(cells[3:], headers[3:]):
            write_cell(cell, paragraphs_of(extra.get(head)))
    n_extra = len(headers) - len(CORE_HEADERS)
    core = max(TEXT_WIDTH_CM - EXTRA_WIDTH_CM * n_extra, MIN_CORE_WIDTH_CM)
    widths = [share * core for share in CORE_SHARES] + [EXTRA_WIDTH_CM] * n_extra
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid, which LibreOffice lays out by
        column.width = Cm(width)
    for row in table.rows:  # and each cell, which Word lays out by
        for cell, width in zip(row.cells, widths):
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
                date: dt.date | None = None) -> DraftSummary:
    """Write the draft of the note that follows `after` (default: the store's latest note) to
    `out`; `symbol` and `date` are the new note's (placeholders when not given)."""
    out = Path(out)
    draft = plan_draft(store, after=after, symbol=symbol, date=date)
    render(draft, out)
    return DraftSummary(
        out=out, after_symbol=draft.after.get("symbol"), after_date=meeting_day(draft.after),
        symbol=draft.symbol, symbol_is_placeholder=draft.symbol_is_placeholder,
        date=draft.date, date_is_placeholder=draft.date_is_placeholder,
        n_open=len(draft.open_tasks), n_closed=len(draft.closed_tasks),
        n_overdue=sum(any(w.startswith("Overdue") for w in t.warnings) for t in draft.open_tasks),
        n_unchanged=sum(any(w.startswith("No change") for w in t.warnings) for t in draft.open_tasks))
