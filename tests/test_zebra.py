"""Zebra tables (tests/fixtures/zebra/build_zebra.py): no rules, a dark header row, every other
row shaded, generous leading in the cells, printed by Chromium and by WeasyPrint. The shading
is the row: 22 rows, each the seed's task in its part and section, not a row per line; and its
cells read at their own leading, so a word hyphenated at a line end is whole ("Open-ended").
Statuses and progress items as hand-labelled."""
from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, FIXTURES, HTML_PRINTERS, cli, read_table

ZEBRA = FIXTURES / "zebra"
SEED = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))


def ws(text) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("producer", ["chromium", "weasyprint"])
def test_the_shading_is_the_row(workdir, producer):
    result = cli("ingest", ZEBRA / f"som26-midterm-zebra-{producer}.pdf", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text), dict(t.extra))
            for t in tasks.itertuples()] \
        == [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]), {})
            for w in SEED["tasks"]]
    assert list(tasks.status) == [w["status"] for w in SEED["tasks"]]
    items = read_table(workdir / "store", "progress_items")
    assert [[(i.status, i.status_label, ws(i.text)) for i in items[items.task_id == task_id].sort_values("item_no")
             .itertuples()] for task_id in tasks.task_id] \
        == [[(i["status"], i["status_label"], ws(i["text"])) for i in w["items"]] for w in SEED["tasks"]]
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert [w for w in doc.warnings if w.startswith("unplaced_text")] == []


# A note of one-line rows under a dark header row, no rules and no row shading: the rows' gap is
# wider than the note's own line pitch (set by its multi-line introduction), and no pitch inside
# a cell can be measured on one-line cells
ONE_LINE_TASKS = [f"Task number {n}." for n in range(1, 7)]
LONG_INTRO = ("This note reports the progress made by the members of the Environment Management Group since "
              "the last meeting of the Senior Officials, on the tasks they agreed then, and sets out the next "
              "steps that the secretariat proposes for each of them, for the consideration of the Senior "
              "Officials at this meeting and in the months that follow it, until the next meeting of the group.")
DARK_HEADER_ONLY = ("</style><style>th, td { border: none !important; } th { background: #1f3864; color: #fff; } "
                    "td p, td li { margin: 0 !important; }</style>")


@pytest.mark.parametrize("producer", HTML_PRINTERS)
def test_rows_of_one_line_under_a_dark_header_are_rows_each(workdir, producer):
    """Under a shaded header with no band to tell rows by, a cell's lines are read at the cells'
    own pitch (a zebra table of one row); where every line of the other columns stands beside a
    task line, that pitch is the gap between rows, and joined all six tasks into one."""
    from samples.producers import HTML_PRODUCERS
    from samples.render_html import HtmlStyle, render_html
    from samples.source.spec import Item, Layout, Note, Part, Row, Section

    rows = [Row(task=[task], progress=[Item(status="completed", paras=["Report sent."], label="Completed:", inline=True)],
                next_steps=["Step."]) for task in ONE_LINE_TASKS]
    note = Note(name="one-line-rows",
                header_lines=[("UNITED NATIONS", "org"), ("ENVIRONMENT MANAGEMENT GROUP", "org"),
                              ("Twenty-ninth Meeting of the Senior Officials", "meeting"), ("22 September 2022", "plain"),
                              ("EMG SOM29/02", "symbol"), ("Progress Report", "title"), ("Note by the Secretariat", "byline")],
                intro=[LONG_INTRO], parts=[Part(numeral="I", title="Part one", sections=[
                    Section(marker="a)", title="Section one", rows=rows)])],
                layout=Layout(), meta={"organization": "Environment Management Group", "symbol": "EMG SOM29/02",
                                       "title": "Progress Report", "segment": "annual", "meeting_number": 29,
                                       "meeting_date": "2022-09-22"}, provenance="tests/test_zebra.py")
    page = workdir / "note.html"
    page.write_text(render_html(note, HtmlStyle()).replace("</style>", DARK_HEADER_ONLY, 1), encoding="utf-8")
    HTML_PRODUCERS[producer](page, workdir / "note.pdf")
    result = cli("ingest", workdir / "note.pdf", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [ws(t) for t in tasks.task_text] == ONE_LINE_TASKS
    assert list(tasks.status) == ["completed"] * len(ONE_LINE_TASKS)
