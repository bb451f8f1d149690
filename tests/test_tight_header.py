"""A header block set tightly, one line's height from line to line, as Typst or LaTeX set one
(tests/fixtures/tight-header/build_tight_header.py: the seed note printed by Chromium and by
WeasyPrint with no gap between the paragraphs outside its tables): each header line is read
as a line of its own, so the symbol, date, title, segment and meeting number are found, and the
part and section headings under it too."""
from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, FIXTURES, cli, read_table

TIGHT = FIXTURES / "tight-header"
SEED = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("producer", ["chromium", "weasyprint"])
def test_a_tightly_set_header_block_is_read_line_by_line(workdir, producer):
    result = cli("ingest", TIGHT / f"som26-midterm-tight-header-{producer}.pdf", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    doc = read_table(workdir / "store", "documents").iloc[0]
    meta = SEED["meta"]
    assert (doc.organization, doc.symbol, doc.title, doc.segment, doc.meeting_number, str(doc.meeting_date)[:10]) \
        == (meta["organization"], meta["symbol"], meta["title"], meta["segment"], meta["meeting_number"],
            meta["meeting_date"])
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [(t.part, t.section, " ".join(t.task_text.split())) for t in tasks.itertuples()] \
        == [(w["part"], w["section"], " ".join(w["task_text"].split())) for w in SEED["tasks"]]
    assert [w for w in doc.warnings if w.startswith("unplaced_text")] == []
