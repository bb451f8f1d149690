"""Arbitrary text thrown at the status, date and row-joining code: no exception, sane output."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from somnotes.extract.dates import find_dates
from somnotes.extract.header import parse_header
from somnotes.extract.layout import column_roles, heading
from somnotes.extract.model import Cell, TableBlock, TableRow, TextBlock
from somnotes.extract.pdf_reader import join_rows_split_across_pages
from somnotes.extract.statuses import STATUSES, split_progress, task_status
from somnotes.extract.text import join_lines

# text with the note's own vocabulary mixed in, so that the rules actually fire
WORDS = st.sampled_from(["Completed:", "On-going", "Ongoing/postponed:", "Not yet started.", "in", "by", "the",
                         "end", "of", "June", "May", "2020", "2030", "Agenda", "COP15", "16th", "April", "/",
                         "-", "first", "half", "Q3", "from", "to", "this", "date", ".", ":", "mid-2021", "\n"])
NOTE_TEXT = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join))
# FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py digs deeper than the default run in CI
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


@st.composite
def page_blocks(draw):
    """Tables and paragraphs spread over pages, as the PDF reader hands them over."""
    blocks = []
    for page in range(1, draw(st.integers(1, 4)) + 1):
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                table_rows = draw(st.lists(rows, min_size=1, max_size=4))
                for r in table_rows:
                    r.page_start = r.page_end = page
                blocks.append(TableBlock(table_rows, page, (50.0, 200.0, 350.0)))
            else:
                blocks.append(TextBlock(draw(NOTE_TEXT), page))
    return blocks


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
            column_roles(block.rows[0].cells)
    after = characters([r for b in joined if isinstance(b, TableBlock) for r in b.rows])
    # every character of every data row survives the joins (only a repeated header row may go)
    assert not before - after


@SETTINGS
@given(st.lists(NOTE_TEXT, max_size=12))
def test_headings_header_and_lines_never_fail(paragraphs):
    parse_header(paragraphs)
    join_lines(paragraphs)
    for p in paragraphs:
        heading(p)
