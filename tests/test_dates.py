"""The `dates` table: every hand-labelled expression found with the right values, no non-date;
regression cases per class of wording; the rule table; floors on the held-out sets."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from somnotes.normalise.dates import RESOLVERS, ROLE_OF_CATEGORY, DateRuleError, build_date_rules, find_dates
from somnotes.normalise.nlp import DATE_GRAMMAR, DATE_PATTERNS, read_jsonl

from conftest import EXTRACTION_NOTES, LAYOUTS, read_table

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


# Regression cases per class of wording the compositional grammar (normalise/patterns/
# date_phrases.jsonl x date_grammar.jsonl) covers, written while it was built: worded apart from
# the held-out sets (tests/labels/heldout_*), which are scored separately below. Expected values
# by hand, against the meeting of 29 April 2020 (a Wednesday).
CLASS_CASES = {
    "yearless seasons, quarters and halves; this coming / last with a month; edges of a part": [
        ("Interviews were carried out over the winter.", "progress", "over the winter", "2019-12-01", "2020-02-29", "quarter", "past"),
        ("A retreat is foreseen in the summer.", "next_steps", "in the summer", "2020-06-01", "2020-08-31", "quarter", "planned"),
        ("Country visits resume in autumn.", "next_steps", "in autumn", "2020-09-01", "2020-11-30", "quarter", "planned"),
        ("The toolkit was piloted in Q1.", "progress", "in Q1", "2020-01-01", "2020-03-31", "quarter", "past"),
        ("The revised draft will follow in Q4.", "next_steps", "in Q4", "2020-10-01", "2020-12-31", "quarter", "planned"),
        ("Results are expected in the second half of the year.", "next_steps", "in the second half of the year", "2020-07-01", "2020-12-31", "half", "planned"),
        ("Two missions took place in the first quarter.", "progress", "in the first quarter", "2020-01-01", "2020-03-31", "quarter", "past"),
        ("The board meets this coming June.", "next_steps", "this coming June", "2020-06-01", "2020-06-30", "month", "planned"),
        ("The network was launched last September.", "progress", "last September", "2019-09-01", "2019-09-30", "month", "past"),
        ("The survey closes at the end of the quarter.", "next_steps", "at the end of the quarter", "2020-04-01", "2020-06-30", "quarter", "planned"),
        ("A review is planned for the start of the second half.", "next_steps", "for the start of the second half", "2020-07-01", "2020-12-31", "half", "planned"),
    ],
    "a month of a relative year": [
        ("Data collection began in March of last year.", "progress", "in March of last year", "2019-03-01", "2019-03-31", "month", "past"),
        ("The conference is set for October of next year.", "next_steps", "for October of next year", "2021-10-01", "2021-10-31", "month", "planned"),
        ("Terms were agreed in February of this year.", "progress", "in February of this year", "2020-02-01", "2020-02-29", "month", "past"),
    ],
    "qualifiers keep their meaning": [
        ("Work resumed earlier this year.", "progress", "earlier this year", "2020-01-01", "2020-04-29", "year", "past"),
        ("A second round is envisaged later this year.", "next_steps", "later this year", "2020-04-29", "2020-12-31", "year", "planned"),
        ("The study started in late 2019.", "progress", "in late 2019", "2019-10-01", "2019-12-31", "quarter", "past"),
        ("Hiring is planned for early next year.", "next_steps", "for early next year", "2021-01-01", "2021-03-31", "quarter", "planned"),
        ("The report is due in mid-2020.", "next_steps", "due in mid-2020", "2020-06-01", "2020-06-30", "month", "deadline"),
        ("A pilot ran in late summer 2019.", "progress", "in late summer 2019", "2019-08-01", "2019-08-31", "month", "past"),
        ("Funding arrives in early Q3.", "next_steps", "in early Q3", "2020-07-01", "2020-07-31", "month", "planned"),
        ("Most replies came in the first weeks of 2020.", "progress", "in the first weeks of 2020", "2020-01-01", "2020-01-31", "month", "past"),
        ("The text was agreed in the closing months of 2019.", "progress", "in the closing months of 2019", "2019-10-01", "2019-12-31", "quarter", "past"),
    ],
    "ranges and lists": [
        ("Consultations were held Sept./Oct. 2019.", "progress", "Sept./Oct. 2019", "2019-09-01", "2019-10-31", "month", "past"),
        ("Field work ran Jan-Mar 2020.", "progress", "Jan-Mar 2020", "2020-01-01", "2020-03-31", "month", "past"),
        ("The campaign covered winter 2019/2020.", "progress", "winter 2019/2020", "2019-12-01", "2020-02-29", "quarter", "past"),
        # two summers named together: from the first to the last (found in review: was "in summer")
        ("The school ran in summer 2018/2019.", "progress", "in summer 2018/2019", "2018-06-01", "2019-08-31", "quarter", "past"),
        ("Webinars took place in January and March.", "progress", "in January and March", "2020-01-01", "2020-03-31", "month", "past"),
        ("The focal points met on the 5th and 6th of March.", "progress", "on the 5th and 6th of March", "2020-03-05", "2020-03-06", "day", "past"),
        ("Training sessions ran in the course of 2019.", "progress", "in the course of 2019", "2019-01-01", "2019-12-31", "year", "past"),
        ("The helpdesk was busiest in the last weeks of 2019.", "progress", "in the last weeks of 2019", "2019-12-01", "2019-12-31", "month", "past"),
        ("The pilot phase runs from June through September.", "next_steps", "from June through September", "2020-06-01", "2020-09-30", "month", "planned"),
        ("Reporting covered the years for 2017, 2018 and 2019.", "progress", "for 2017, 2018 and 2019", "2017-01-01", "2019-12-31", "year", "past"),
        ("Dialogues ran from mid-May until the end of July 2019.", "progress", "from mid-May until the end of July 2019", "2019-05-01", "2019-07-31", "month", "past"),
    ],
    "deadline words make a deadline": [
        ("Inputs are due by end-June.", "next_steps", "due by end-June", "2020-06-01", "2020-06-30", "month", "deadline"),
        ("Agencies shall reply no later than the end of Q2.", "next_steps", "no later than the end of Q2", "2020-04-01", "2020-06-30", "quarter", "deadline"),
        ("Comments will be compiled by the end of next quarter.", "next_steps", "by the end of next quarter", "2020-07-01", "2020-09-30", "quarter", "deadline"),
        ("Nominations are accepted on or before 12 June.", "next_steps", "on or before 12 June", "2020-06-12", "2020-06-12", "day", "deadline"),
        ("The questionnaire must be returned by 5 June at the latest.", "next_steps", "by 5 June at the latest", "2020-06-05", "2020-06-05", "day", "deadline"),
        ("The plan will be presented ahead of the summer.", "next_steps", "ahead of the summer", "2020-06-01", "2020-08-31", "quarter", "deadline"),
        ("Replies are requested by COB 15 May.", "next_steps", "by COB 15 May", "2020-05-15", "2020-05-15", "day", "deadline"),
        ("All reports had arrived by the end of March.", "progress", "by the end of March", "2020-03-01", "2020-03-31", "month", "past"),
    ],
    "lead words belong to the expression": [
        ("A mission is planned for the week of 18 May.", "next_steps", "for the week of 18 May", "2020-05-18", "2020-05-24", "day", "planned"),
        ("The webinar series ran during the week of 2 March 2020.", "progress", "during the week of 2 March 2020", "2020-03-02", "2020-03-08", "day", "past"),
        ("Since early 2019 the group has met monthly.", "progress", "Since early 2019", "2019-01-01", "2020-04-29", "quarter", "past"),
        ("The survey has been open since 1 March.", "progress", "since 1 March", "2020-03-01", "2020-04-29", "day", "past"),
        ("The IMG met last Thursday.", "progress", "last Thursday", "2020-04-23", "2020-04-23", "day", "past"),
        ("The toolkit will be tested in the third week of June.", "next_steps", "in the third week of June", "2020-06-15", "2020-06-21", "day", "planned"),
        ("The retreat is set for the first or second week of November.", "next_steps", "for the first or second week of November", "2020-11-01", "2020-11-14", "day", "planned"),
        ("Reports will be sent in the third and last weeks of June.", "next_steps", "in the third and last weeks of June", "2020-06-15", "2020-06-30", "day", "planned"),
    ],
    # Issue 25: classes that held-out set C (wording taken from public UN documents) and a new
    # user's note revealed; worded apart from set C's sentences.
    "a dash glued to a day or a month, an en or figure dash between years (issue 25)": [
        ("Consultations ran from 14–25 May 2019.", "progress", "from 14–25 May 2019", "2019-05-14", "2019-05-25", "day", "past"),
        ("The work programme for the biennium 2018‒2019 was closed.", "progress", "for the biennium 2018‒2019", "2018-01-01", "2019-12-31", "year", "past"),
        ("The partners met 30 September-4 October 2019 in Geneva.", "progress", "30 September-4 October 2019", "2019-09-30", "2019-10-04", "day", "past"),
        ("The course will run 29 June–3 July 2020.", "next_steps", "29 June–3 July 2020", "2020-06-29", "2020-07-03", "day", "planned"),
        ("Training took place 27 Jan.–2 Feb. 2020.", "progress", "27 Jan.–2 Feb. 2020", "2020-01-27", "2020-02-02", "day", "past"),
    ],
    "month names in capitals (issue 25)": [
        ("The issue covered JANUARY TO MARCH 2020.", "progress", "JANUARY TO MARCH 2020", "2020-01-01", "2020-03-31", "month", "past"),
    ],
    "a decade; a span of years alone in brackets (issue 25)": [
        ("Emissions must fall sharply during the 2020s.", "next_steps", "during the 2020s", "2020-01-01", "2029-12-31", "year", "planned"),
        ("The board endorsed the strategy (2020-2021).", "progress", "2020-2021", "2020-01-01", "2021-12-31", "year", "past"),
    ],
    "the meeting day as an edge: so far, to date, from now until (issue 25)": [
        ("So far this year, twelve agencies replied.", "progress", "So far this year", "2020-01-01", "2020-04-29", "year", "past"),
        ("Thus far in 2020 the helpdesk answered 40 queries.", "progress", "Thus far in 2020", "2020-01-01", "2020-04-29", "year", "past"),
        ("To date in 2020, five webinars took place.", "progress", "To date in 2020", "2020-01-01", "2020-04-29", "year", "past"),
        ("The survey stays open from now until the end of June.", "next_steps", "from now until the end of June", "2020-04-29", "2020-06-30", "month", "planned"),
        ("Three webinars are planned between now and the end of the year.", "next_steps", "between now and the end of the year", "2020-04-29", "2020-12-31", "year", "planned"),
    ],
    "a deadline named apart from its date; as at, as early as (issue 25)": [
        ("The deadline for comments on the draft is 12 June.", "task", "12 June", "2020-06-12", "2020-06-12", "day", "deadline"),
        ("Allocations are reported as at 31 March 2020.", "progress", "as at 31 March 2020", "2020-03-31", "2020-03-31", "day", "past"),
        ("The text may enter into force as early as February 2021.", "next_steps", "as early as February 2021", "2021-02-01", "2021-02-28", "month", "planned"),
    ],
    "compact notations; parts and edges of a period said in other words (issue 25)": [
        ("The review follows in Q3-2020.", "next_steps", "in Q3-2020", "2020-07-01", "2020-09-30", "quarter", "planned"),
        ("The review follows in H2/2020.", "next_steps", "in H2/2020", "2020-07-01", "2020-12-31", "half", "planned"),
        ("Progress was slow during the first two quarters of 2019.", "progress", "during the first two quarters of 2019", "2019-01-01", "2019-06-30", "quarter", "past"),
        ("Work resumes in the latter half of 2020.", "next_steps", "in the latter half of 2020", "2020-07-01", "2020-12-31", "half", "planned"),
        ("A synthesis is due end June.", "next_steps", "due end June", "2020-06-01", "2020-06-30", "month", "deadline"),
        ("The inventory will be ready by year-end 2021.", "next_steps", "by year-end 2021", "2021-01-01", "2021-12-31", "year", "deadline"),
    ],
}


@pytest.mark.parametrize("sentence,field,text,start,end,granularity,kind",
                         [case for cases in CLASS_CASES.values() for case in cases])
def test_wording_of_each_class_resolves(sentence, field, text, start, end, granularity, kind):
    found = find_dates(sentence, field, APRIL_2020)
    assert [(d.text, str(d.start), str(d.end), d.granularity, d.kind) for d in found] == \
        [(text, start, end, granularity, kind)]


@pytest.mark.parametrize("sentence", [
    "Reporting will follow within three months.",
    "The budget for fiscal year 2021 was approved.",
    "The figures for FY2019 were revised.",
    "The plan covers the next biennium.",
    "Results will be shared in the coming months.",
    "The survey runs for the next two years.",
    "Targets will be reported in Q2 FY2021.",
    "A secretariat should be in place within the next year.",
    "Funding is sought within the coming year.",
])
def test_expressions_without_a_clear_value_give_no_date(sentence):
    assert find_dates(sentence, "next_steps", APRIL_2020) == []


@pytest.mark.parametrize("sentence", [
    "It was held on 2021-02-31.", "It was held on 30/02/2021.", "It was held on 31 February 2020.",
    "It was held in Q5.", "It was held in H3 2020.", "It covers winter 2021/2019.", "It covers the 2023-2021 biennium.",
    "It was held during the week of 31 February.",
])
def test_days_and_periods_the_calendar_lacks_give_no_date(sentence):
    assert find_dates(sentence, "progress", APRIL_2020) == []


def test_two_full_days_joined_by_and_are_two_dates_but_one_range_after_between():
    two = find_dates("Workshops were held on 4 February and 11 March.", "progress", APRIL_2020)
    assert [(d.text, str(d.start), str(d.end)) for d in two] == [
        ("on 4 February", "2020-02-04", "2020-02-04"), ("11 March", "2020-03-11", "2020-03-11")]
    one = find_dates("Data were gathered between 4 February and 11 March.", "progress", APRIL_2020)
    assert [(d.text, str(d.start), str(d.end)) for d in one] == [
        ("between 4 February and 11 March", "2020-02-04", "2020-03-11")]


@pytest.mark.parametrize("sentence", ["The working group was set up by Dec. I/5.",
                                      "The Parties decided so in Dec. XVII/47 on meeting dates."])
@pytest.mark.parametrize("field", ["task", "progress", "next_steps"])
def test_an_abbreviated_month_before_a_decision_number_is_no_date(sentence, field):
    assert find_dates(sentence, field, APRIL_2020) == []
    assert [d.text for d in find_dates("The group met in Dec. 2019.", field, APRIL_2020)] == ["in Dec. 2019"]


@pytest.mark.parametrize("sentence,want", [
    ("The network was set up in 2018; the following year it held two workshops.", ("the following year", "2019-01-01", "2019-12-31")),
    ("The helpdesk opened in 2017. The year after, it answered 300 queries.", ("The year after", "2018-01-01", "2018-12-31")),
    ("The survey opened in October 2019 and closed a month later.", ("a month later", "2019-11-01", "2019-11-30")),
])
def test_a_year_or_month_counted_from_the_date_before_it(sentence, want):
    """Issue 25: "the following year" is the year after the date written before it; alone, no date."""
    found = find_dates(sentence, "progress", APRIL_2020)
    assert [(d.text, str(d.start), str(d.end)) for d in found][1:] == [want]
    assert find_dates("The following year was busy.", "progress", APRIL_2020) == []


def test_end_without_of_is_an_edge_only_before_a_month_or_a_year():
    """Issue 25: "due end June" is June; the verb in "will end next year" stays out of the text."""
    assert [d.text for d in find_dates("The campaign will end next year.", "next_steps", APRIL_2020)] == ["next year"]
    assert find_dates("The campaign aims to end the year with 50 members.", "next_steps", APRIL_2020) == []


def test_yearless_anchors_of_every_kind_need_the_meeting_date():
    for sentence in ("It was held in Q3.", "It was held during the winter.", "It was held last month.",
                     "It was held in the first half of the year."):
        assert find_dates(sentence, "progress", None) == []
    assert [str(d.start) for d in find_dates("It was held in Q3 2019.", "progress", None)] == ["2019-07-01"]


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


# ---- the rule table (issue 10, point 3): no date rule is dropped silently ----

def rule_files(tmp_path, units_line: str = "", grammar_line: str = "") -> tuple[Path, Path]:
    """Copies of the shipped pattern files, with one line added to either."""
    units, grammar = tmp_path / "date_phrases.jsonl", tmp_path / "date_grammar.jsonl"
    units.write_text(DATE_PATTERNS.read_text(encoding="utf-8") + units_line + "\n", encoding="utf-8")
    grammar.write_text(DATE_GRAMMAR.read_text(encoding="utf-8") + grammar_line + "\n", encoding="utf-8")
    return units, grammar


@pytest.mark.parametrize("units_line,grammar_line,named", [
    ('{"unit": "MONTH", "id": "month_name", "pattern": [{"LOWER": "midsummer"}]}', "", "'month_name'"),
    ('{"unit": "MONTHS", "id": "month", "pattern": [{"LOWER": "midsummer"}]}', "", "'MONTHS'"),
    ('{"unit": "LEAD", "id": "early", "pattern": [{"LOWER": "circa"}]}', "", "'early' is a qualifier resolver, used as a lead"),
    ('{"unit": "MONTH", "id": "month", "pattern": ["$MONTHNAME"]}', "", "'$MONTHNAME'"),
    ("", '{"id": "spans", "pattern": ["$LEAD", "@MEMBER"]}', "'spans'"),
])
def test_a_date_rule_without_resolver_stops_the_build_naming_it(tmp_path, units_line, grammar_line, named):
    with pytest.raises(DateRuleError, match=re.escape(named)):
        build_date_rules(*rule_files(tmp_path, units_line, grammar_line))


def test_every_resolver_is_used_and_every_shipped_rule_has_one():
    used = {e["id"] for path in (DATE_PATTERNS, DATE_GRAMMAR) for e in read_jsonl(path) if "id" in e}
    assert used == set(RESOLVERS)
    build_date_rules()  # raises on an unknown id


def test_the_pattern_file_header_names_the_categories_the_code_knows():
    header = [line for line in DATE_PATTERNS.read_text(encoding="utf-8").splitlines() if line.startswith("//")]
    listed = " ".join(line.split(":", 1)[1] for line in header if line.startswith("// Categories:")) + \
        " ".join(line[2:] for line in header if line.startswith("// LEAD BOUND"))
    named = set(re.findall(r"\b[A-Z]{2,}\b", listed))
    assert named == set(ROLE_OF_CATEGORY)
    assert {e["unit"] for e in read_jsonl(DATE_PATTERNS) if "unit" in e} == set(ROLE_OF_CATEGORY)


# ---- the held-out sets: scored, with floors below what was measured (bench/date_heldout.py) ----
# Set A was written before the rules changed but was in view while the grammar's classes were
# chosen; set B was written after, and its first score (recall 0.857, exact values 0.839) is the
# honest figure of generalisation. The floors guard against regressions, a few expressions below
# the figures measured at the end of issue 14 (A: 1.000 / 1.000 / 1.000 / 0.990, B: 0.982 /
# 1.000 / 0.946 / 1.000 for recall / precision / exact values / kinds).
HELDOUT_FLOORS = {"A": dict(recall=0.97, precision=0.97, values=0.97, kinds=0.96),
                  "B": dict(recall=0.94, precision=0.95, values=0.90, kinds=0.95),
                  # set C (issue 25, real UN wording): first run 0.967 / 1.000 / 0.930 / 0.985 and one
                  # look-alike taken; at the end of issue 25 0.995 / 1.000 / 0.986 / 1.000, none taken
                  "C": dict(recall=0.97, precision=0.97, values=0.95, kinds=0.97)}


@pytest.mark.parametrize("which", sorted(HELDOUT_FLOORS))
def test_held_out_sets_score_above_their_floors(which):
    from bench.date_heldout import score_heldout

    score, floor = score_heldout(find_dates, which), HELDOUT_FLOORS[which]
    assert score.labels > 50 and score.non_date_lines >= 16
    assert score.recall >= floor["recall"] and score.precision >= floor["precision"]
    assert score.value_accuracy >= floor["values"] and score.kind_accuracy >= floor["kinds"]
    assert score.non_dates == []


def readme_bounds_rows() -> list[list[str]]:
    """The rows of the README's table of vague spans (between its date-bounds markers)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- date-bounds:")[1].split("<!-- /date-bounds -->")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.splitlines()[1:]]
    return [r for r in rows if r and r[0].startswith("`")]


@pytest.mark.parametrize("row", readme_bounds_rows(), ids=lambda r: r[0])
def test_the_readme_table_of_vague_spans_says_what_the_code_does(row):
    expression, column, start, end, granularity = row[0].strip("`"), row[1], row[2], row[3], row[4]
    found = find_dates(expression, column, dt.date(2021, 4, 21))
    if start == "no date":
        assert found == []
    else:
        assert [(d.text, str(d.start), str(d.end), d.granularity) for d in found] == \
            [(expression, start, end, granularity)]
