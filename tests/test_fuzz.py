"""Arbitrary text thrown at the status, date and row-joining code: no exception, sane output."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from somnotes.extract.header import parse_header
from somnotes.extract.layout import column_roles, heading
from somnotes.extract.model import Cell, TableBlock, TableRow, TextBlock
from somnotes.extract.pdf.reader import join_rows_split_across_pages
from somnotes.extract.text import join_lines
from somnotes.normalise.dates import find_dates
from somnotes.normalise.statuses import STATUSES, split_progress, task_status

# text with the note's own vocabulary mixed in, so that the rules actually fire
WORDS = st.sampled_from(["Completed:", "On-going", "Ongoing/postponed:", "Not yet started.", "in", "by", "the",
                         "end", "of", "June", "May", "2020", "2030", "Agenda", "COP15", "16th", "April", "/",
                         "-", "first", "half", "Q3", "from", "to", "this", "date", ".", ":", "mid-2021", "\n"])
NOTE_TEXT = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join))
# FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py digs deeper than the default run (the same examples
# every run unless FUZZ_RANDOM=1: tests/conftest.py)
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(NOTE_TEXT, max_size=6))
def test_status_splitting_never_fails(paragraphs):
    items = split_progress(paragraphs)
    assert items and all(i.status in STATUSES for i in items)
    assert task_status([i.status for i in items]) in STATUSES


@SETTINGS
@given(NOTE_TEXT, st.sampled_from(["task", "progress", "next_steps"]),
       st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))))
def test_date_finding_never_fails(text, field, meeting):
    for mention in find_dates(text, field, meeting):
        assert mention.start <= mention.end
        assert text[mention.char_start:mention.char_start + len(mention.text)] == mention.text
        assert mention.kind in ("past", "planned", "deadline")


cells = st.lists(NOTE_TEXT, max_size=3).map(Cell)
rows = st.lists(cells, min_size=3, max_size=3).map(TableRow)
HEADER_TEXTS = ["Tasks", "Progress", "Next steps"]  # the header row of the notes' task tables


def header_row() -> TableRow:
    return TableRow([Cell([text]) for text in HEADER_TEXTS])


@st.composite
def page_blocks(draw):
    """Tables and paragraphs spread over pages, as the PDF reader hands them over."""
    blocks = []
    for page in range(1, draw(st.integers(1, 4)) + 1):
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                table_rows = draw(st.lists(rows, min_size=1, max_size=4))
                if draw(st.booleans()):  # a task table's header row, as repeated on each page
                    table_rows.insert(0, header_row())
                for r in table_rows:
                    r.page_start = r.page_end = page
                blocks.append(TableBlock(table_rows, page, (50.0, 200.0, 350.0)))
            else:
                blocks.append(TextBlock(draw(NOTE_TEXT), page))
    return blocks


@st.composite
def one_table_over_pages(draw):
    """One task table over 2 to 4 pages, its header row repeated at the top of each page."""
    blocks = []
    for page in range(1, draw(st.integers(2, 4)) + 1):
        body = draw(st.lists(rows, min_size=1, max_size=3))
        table_rows = [header_row()] + body
        for r in table_rows:
            r.page_start = r.page_end = page
        blocks.append(TableBlock(table_rows, page, (50.0, 200.0, 350.0)))
    return blocks


@SETTINGS
@given(one_table_over_pages())
def test_a_table_over_pages_becomes_one_table_with_one_header_row(blocks):
    data_rows = sum(len(b.rows) - 1 for b in blocks)
    # a page whose first row has no task text carries on the row above it (README), once a task
    # stands above: rows with no task text under the header row, before any task, are read as
    # the header block's own (a "No. | Tasks" block over " | Progress"), with nothing to carry on
    tasks_before = [any(not r.cells[0].is_empty() for b in blocks[:i] for r in b.rows[1:]) for i in range(len(blocks))]
    continued = sum(b.rows[1].cells[0].is_empty() and tasks_before[i] for i, b in enumerate(blocks) if i)
    (joined,) = join_rows_split_across_pages(blocks)
    texts = [[c.text for c in r.cells] for r in joined.rows]
    assert texts[0] == HEADER_TEXTS and HEADER_TEXTS not in texts[1:]
    assert 1 <= len(joined.rows) - 1 <= data_rows - continued  # a row cut by a page break is one row again
    assert (joined.rows[0].page_start, joined.rows[-1].page_end) == (1, len(blocks))


@SETTINGS
@given(page_blocks())
def test_joining_page_split_rows_never_fails_and_loses_no_cell_text(blocks):
    def characters(table_rows):
        # soft hyphens are break marks, dropped on purpose where a line or page joins a word
        return Counter(ch for r in table_rows for c in r.cells for p in c.paragraphs for ch in p
                       if not ch.isspace() and ch != "\u00ad")

    before = characters([r for b in blocks if isinstance(b, TableBlock) for r in b.rows[1:]])
    joined = join_rows_split_across_pages(blocks)
    assert len(joined) <= len(blocks)
    for block in joined:
        if isinstance(block, TableBlock):
            roles = column_roles(block.rows[0].cells)
            if [c.text for c in block.rows[0].cells] == HEADER_TEXTS:
                assert roles == ["task", "progress", "next_steps"]
            if roles is not None:  # a task table's header row repeated on a later page is dropped
                assert all([c.text for c in r.cells] != HEADER_TEXTS for r in block.rows[1:])
    after = characters([r for b in joined if isinstance(b, TableBlock) for r in b.rows])
    # every character of every data row survives the joins (only a repeated header row may go)
    assert not before - after


# What a header cell of a task table starts with (README: Task/Tasks, Progress/Progress made/
# Status, Next steps/Way forward), written out here apart from extract/layout.py's patterns.
ROLE_WORDS = {"task": ("task", "activit", "mandate", "decision", "action", "resolution", "request", "recommendation"),
              "progress": ("progress", "status", "achievement", "update", "implementation", "current", "overall",
                           "action", "steps taken", "measures taken", "results"),
              "next_steps": ("next", "way forward", "follow", "planned", "further", "future", "upcoming", "action",
                             "remaining")}
HEADER_CELL_TEXT = st.one_of(st.sampled_from(["Tasks", "Task", "Progress", "Progress made", "Status", "Next steps",
                                              "Way forward", "Lead agency", "Deadline", "Remarks", ""]), NOTE_TEXT)


def folded(text: str) -> str:
    return " ".join("".join(c if c.isalpha() or c == " " else " " for c in text.lower()).split())


@SETTINGS
@given(st.lists(HEADER_CELL_TEXT, min_size=1, max_size=6))
def test_column_roles_name_each_column_once_by_its_words(texts):
    roles = column_roles([Cell([t]) for t in texts])
    if roles is None:
        return
    assert len(roles) == len(texts)
    assert "task" in roles and ("progress" in roles or "next_steps" in roles)
    for role, words in ROLE_WORDS.items():
        assert roles.count(role) <= 1
        if role in roles:
            assert folded(texts[roles.index(role)]).startswith(words), (role, texts)


@SETTINGS
@given(st.permutations(["Tasks", "Progress made", "Next steps", "Lead agency"]))
def test_column_roles_find_the_core_columns_in_any_order(texts):
    roles = column_roles([Cell([t]) for t in texts])
    assert roles is not None
    assert {texts[i]: r for i, r in enumerate(roles)} == {"Tasks": "task", "Progress made": "progress",
                                                         "Next steps": "next_steps", "Lead agency": "lead"}


def non_space(texts) -> Counter:
    return Counter(c for t in texts for c in t if not c.isspace())


@SETTINGS
@given(st.lists(NOTE_TEXT, max_size=12))
def test_joining_lines_keeps_every_character(lines):
    joined = join_lines(lines)
    lost, added = non_space(lines) - non_space([joined]), non_space([joined]) - non_space(lines)
    assert not added
    assert set(lost) <= {"\u00ad"}  # only a soft hyphen where Word broke a word at a line end


TITLES = st.lists(st.sampled_from(["on", "Global", "Environmental", "Issues", "2030", "Agenda", "(IMG)", "-"]),
                  max_size=6).map(lambda words: " ".join(["Collaboration"] + words))
# the README's heading forms: "I. Collaboration ...", "a) Consultative ...", "b. The IMG ...", "(a) ..."
PART_HEADINGS = st.tuples(st.sampled_from(["I", "II", "III", "IV", "V", "IX", "X", "XII"]),
                          st.sampled_from([". ", ") ", " - ", ": ", "."]), TITLES)
SECTION_HEADINGS = st.tuples(st.sampled_from(list("abcdefgh")), st.sampled_from(["{}) ", "{}. ", "({}) "]), TITLES)


@SETTINGS
@given(PART_HEADINGS)
def test_part_headings_are_read(parts):
    number, separator, title = parts
    assert heading(f"{number}{separator}{title}") == ("part", number, title)


@SETTINGS
@given(SECTION_HEADINGS)
def test_section_headings_are_read(parts):
    letter, form, title = parts
    assert heading(form.format(letter) + title) == ("section", letter, title)


@SETTINGS
@given(st.one_of(NOTE_TEXT, PART_HEADINGS.map("".join), SECTION_HEADINGS.map(lambda p: p[1].format(p[0]) + p[2])))
def test_a_heading_is_read_from_its_own_words(text):
    found = heading(text)
    if found is None:
        return
    kind, number, title = found
    assert kind in ("part", "section")
    assert title and title in text and number in text
    if kind == "part":
        assert set(number) <= set("IVX")
    else:
        assert len(number) == 1 and number.isalpha()


# lines of a real note's header block, mixed into arbitrary text
HEADER_LINES = st.sampled_from(["UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", "EMG SOM26/mid-term/03", "EMG/SOM.15/2",
                                "Mid-Term Technical Segment of the 26th Senior Officials Meeting", "29 April 2020",
                                "Note by the Secretariat", "Mid-Term Progress Report", "Distribution: EMG members"])


@SETTINGS
@given(st.lists(st.one_of(NOTE_TEXT, HEADER_LINES), max_size=12))
@example(["MEETING"])  # a meeting of no Senior Officials: no segment (a random run found it)
def test_header_fields_come_from_the_paragraphs(paragraphs):
    header = parse_header(paragraphs)
    for value in (header.symbol, header.meeting, header.title):
        assert value is None or value in paragraphs
    if header.organization is not None:
        assert any(folded(header.organization) in folded(p) for p in paragraphs)
    if header.meeting_date is not None:
        assert any(str(header.meeting_date.year) in p for p in paragraphs)
    assert header.segment in (None, "mid-term", "annual")
    # the segment is read from the symbol or the meeting line; other bodies' meetings have none
    assert header.segment is None or header.symbol is not None or header.meeting is not None
    if header.meeting is not None and "senior officials" in header.meeting.lower():
        assert header.segment is not None
    assert header.meeting_number is None or 0 <= header.meeting_number < 1000


@SETTINGS
@given(st.sampled_from(["29 April 2020", "April 29, 2020", "29-30 April 2020", "29.04.2020"]),
       st.lists(NOTE_TEXT, max_size=4))
def test_the_meeting_date_is_found_among_other_lines(date_line, others):
    header = parse_header(["UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", date_line, "EMG SOM26/mid-term/03"]
                          + others)
    assert header.meeting_date == dt.date(2020, 4, 29) and header.symbol == "EMG SOM26/mid-term/03"
    assert header.segment == "mid-term" and header.meeting_number == 26
