"""Zebra tables (tests/fixtures/zebra/build_zebra.py): no rules, a dark header row, every other
row shaded, generous leading in the cells, printed by Chromium and by WeasyPrint. The shading
is the row: 22 rows, each the seed's task in its part and section, not a row per line; and its
cells read at their own leading, so a word hyphenated at a line end is whole ("Open-ended").
Statuses and progress items as hand-labelled."""
from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, FIXTURES, cli, read_table

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
