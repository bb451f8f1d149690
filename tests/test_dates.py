"""The `dates` table: every hand-labelled expression found with the right values, no non-date."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import EXTRACTION_NOTES, LAYOUTS, read_table
from somnotes.extract.dates import find_dates

LABELS = Path(__file__).resolve().parent / "labels"
APRIL_2020 = dt.date(2020, 4, 29)


def labels_by_note() -> dict:
    out = {}
    with open(LABELS / "dates.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.setdefault(row["note"], []).append(row)
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", EXTRACTION_NOTES)
def test_dates_table_holds_exactly_the_hand_labelled_dates(single_stores, name, fmt):
    store = single_stores[(name, fmt)]
    tasks = read_table(store, "tasks")[["task_id", "ordinal"]]
    dates = read_table(store, "dates").merge(tasks, on="task_id")
    got = sorted((r.ordinal, r.field, " ".join(r.text.split()), str(r.start), str(r.end), r.granularity, r.kind)
                 for r in dates.itertuples())
    want = sorted((int(r["ordinal"]), r["field"], r["text"], r["start"], r["end"], r["granularity"], r["kind"])
                  for r in labels_by_note()["som26-midterm" if name in LAYOUTS else name])
    assert got == want


def non_date_lines():
    for line in (LABELS / "non_dates.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        yield line


@pytest.mark.parametrize("line", list(non_date_lines()))
@pytest.mark.parametrize("field", ["task", "progress", "next_steps"])
def test_numbers_that_are_not_dates_never_become_dates(line, field):
    m = re.search(r"[\[{](.+?)[\]}]", line)
    text = re.sub(r"[\[\]{}]", "", line)
    phrase = (m.start(), m.start() + len(m.group(1)))
    for d in find_dates(text, field, APRIL_2020):
        if d.char_start < phrase[1] and phrase[0] < d.char_start + len(d.text):
            # a strategy's year span may be found as a range, never as a single date
            assert line[m.start()] == "{" and d.start.year != d.end.year, d


CASES = [
    # sentence, field, expected text, start, end, granularity, kind
    ("The Coalition met in Geneva in November.", "progress", "in November", "2019-11-01", "2019-11-30", "month", "past"),
    ("A draft will be shared with members in May.", "next_steps", "in May", "2020-05-01", "2020-05-31", "month", "planned"),
    ("An update was submitted on 20 February.", "progress", "on 20 February", "2020-02-20", "2020-02-20", "day", "past"),
    ("Comments were requested on the 16th of April.", "progress", "on the 16th of April", "2020-04-16", "2020-04-16", "day", "past"),
    ("It will be finalized by the end of June.", "next_steps", "by the end of June", "2020-06-01", "2020-06-30", "month", "deadline"),
    ("The report will be released in October / November 2020.", "next_steps", "in October / November 2020", "2020-10-01", "2020-11-30", "month", "planned"),
    ("Dialogues planned for the first half of 2020 were postponed.", "progress", "for the first half of 2020", "2020-01-01", "2020-06-30", "half", "planned"),
    ("From October 2019 to this date, SUN answered 33 queries.", "progress", "From October 2019 to this date", "2019-10-01", "2020-04-29", "month", "past"),
    ("Deliver the strategy by 2021.", "task", "by 2021", "2021-01-01", "2021-12-31", "year", "deadline"),
    ("Results are due in Q3 2020.", "next_steps", "due in Q3 2020", "2020-07-01", "2020-09-30", "quarter", "deadline"),
    ("Results will be presented in Q3 2020.", "next_steps", "in Q3 2020", "2020-07-01", "2020-09-30", "quarter", "planned"),
    ("The IMG will meet again in the second quarter of 2020.", "next_steps", "in the second quarter of 2020", "2020-04-01", "2020-06-30", "quarter", "planned"),
    ("The survey will close no later than 15 July 2020.", "next_steps", "no later than 15 July 2020", "2020-07-15", "2020-07-15", "day", "deadline"),
    ("The webinar will take place in December.", "progress", "in December", "2020-12-01", "2020-12-31", "month", "planned"),
    ("A first meeting was held in June.", "next_steps", "in June", "2019-06-01", "2019-06-30", "month", "past"),
    ("Sessions ran from 3-5 March 2020 in Nairobi.", "progress", "from 3-5 March 2020", "2020-03-03", "2020-03-05", "day", "past"),
    ("The platform was launched in April.", "progress", "in April", "2020-04-01", "2020-04-30", "month", "past"),
    ("Work started on 2020-01-15 with 12 agencies.", "progress", "on 2020-01-15", "2020-01-15", "2020-01-15", "day", "past"),
    ("The review is expected by mid-2021.", "next_steps", "by mid-2021", "2021-06-01", "2021-06-30", "month", "deadline"),
    ("The board met on March 3 to agree the plan.", "progress", "on March 3", "2020-03-03", "2020-03-03", "day", "past"),
    ("A call for proposals went out on the 1st of April 2020.", "progress", "on the 1st of April 2020", "2020-04-01", "2020-04-01", "day", "past"),
    ("Comments are due by 1st of June.", "next_steps", "due by 1st of June", "2020-06-01", "2020-06-01", "day", "deadline"),
    ("The survey closes in mid-March 2021.", "next_steps", "in mid-March 2021", "2021-03-01", "2021-03-31", "month", "planned"),
    ("The drafting group met in early March.", "progress", "in early March", "2020-03-01", "2020-03-31", "month", "past"),
    ("The Assembly will meet in late November.", "next_steps", "in late November", "2020-11-01", "2020-11-30", "month", "planned"),
    ("Two meetings were held on 3 and 4 March.", "progress", "on 3 and 4 March", "2020-03-03", "2020-03-04", "day", "past"),
    ("Work continued throughout 2019.", "progress", "throughout 2019", "2019-01-01", "2019-12-31", "year", "past"),
    ("Submit the draft. Deadline: 30 June 2020.", "next_steps", "Deadline: 30 June 2020", "2020-06-30", "2020-06-30", "day", "deadline"),
    ("Country reports are due 15 May.", "next_steps", "due 15 May", "2020-05-15", "2020-05-15", "day", "deadline"),
    ("The synthesis is due in September.", "next_steps", "due in September", "2020-09-01", "2020-09-30", "month", "deadline"),
    ("Data were collected December 2019 - January 2020.", "progress", "December 2019 - January 2020", "2019-12-01", "2020-01-31", "month", "past"),
    ("The strategy will be adopted by the end of the year.", "next_steps", "by the end of the year", "2020-01-01", "2020-12-31", "year", "deadline"),
    ("A second survey is planned for next year.", "next_steps", "for next year", "2021-01-01", "2021-12-31", "year", "planned"),
    ("The group will meet next month.", "next_steps", "next month", "2020-05-01", "2020-05-31", "month", "planned"),
    # a past plan: "planned for February" without an auxiliary is the February before the meeting
    ("The meeting planned for February was postponed.", "progress", "for February", "2020-02-01", "2020-02-29", "month", "past"),
    ("The meeting is planned for February.", "progress", "for February", "2021-02-01", "2021-02-28", "month", "planned"),
    ("The event was moved to the second half of 2020.", "progress", "to the second half of 2020", "2020-07-01", "2020-12-31", "half", "planned"),
    ("A field visit will take place in the summer of 2020.", "next_steps", "in the summer of 2020", "2020-06-01", "2020-08-31", "quarter", "planned"),
    ("Consultations ran through winter 2019.", "progress", "winter 2019", "2019-12-01", "2020-02-29", "quarter", "past"),
]


@pytest.mark.parametrize("meeting,month,want", [
    (dt.date(2021, 3, 30), "February", "2021-02-01"),  # the meeting's day does not exist in February
    (dt.date(2020, 4, 29), "February", "2020-02-01"),
    (dt.date(2021, 5, 31), "April", "2021-04-01"),
    (dt.date(2021, 1, 31), "November", "2020-11-01"),
])
def test_a_month_without_a_year_resolves_whatever_the_meeting_day(meeting, month, want):
    found = find_dates(f"The group met in {month}.", "progress", meeting)
    assert [str(d.start) for d in found] == [want]


@pytest.mark.parametrize("sentence,field,text,start,end,granularity,kind", CASES)
def test_dates_resolve_against_the_meeting_date(sentence, field, text, start, end, granularity, kind):
    found = find_dates(sentence, field, APRIL_2020)
    assert [(d.text, str(d.start), str(d.end), d.granularity, d.kind) for d in found] == \
        [(text, start, end, granularity, kind)]


def test_a_note_without_meeting_date_keeps_full_dates_and_drops_yearless_ones():
    found = find_dates("Held on 24 October 2019 and again in November.", "progress", None)
    assert [(d.text, str(d.start)) for d in found] == [("on 24 October 2019", "2019-10-24")]


def test_every_dates_row_points_at_its_text(samples_store):
    tasks = read_table(samples_store, "tasks").set_index("task_id")
    dates = read_table(samples_store, "dates")
    column = {"task": "task_text", "progress": "progress_text", "next_steps": "next_steps_text"}
    assert len(dates) == 2 * sum(1 for _ in open(LABELS / "dates.tsv")) - 2
    for row in dates.itertuples():
        source = tasks.loc[row.task_id, column[row.field]]
        assert source[row.char_start:row.char_start + len(row.text)] == row.text
