"""Task tables inside frames (tests/fixtures/frames/build_frames.py): each task table in a
one-cell frame table, or each section heading and its table in one frame cell, as templates
that frame their tables draw them. Word (python-docx) and LibreOffice's PDF, and the heading and
table in a bordered box or a one-cell frame table printed by Chromium and WeasyPrint: every row
reads as the seed note's truth, no word unplaced."""
from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, FIXTURES, cli, read_table

FRAMES = FIXTURES / "frames"
FILES = ["som26-midterm-framed.docx", "som26-midterm-framed-heading.docx", "som26-midterm-framed.pdf",
         # a frame around a heading and its table: where the frame's rules meet the table's (a
         # page's top or bottom) they make one grid, its margins two empty columns; elsewhere
         # the table stands alone. The page's tables must read as one all the same.
         "som26-midterm-framed-heading.pdf", "som26-midterm-framed-heading-chromium.pdf",
         "som26-midterm-framed-heading-weasyprint.pdf",
         # the same in the one cell of an HTML frame table
         "som26-midterm-framed-heading-table-chromium.pdf", "som26-midterm-framed-heading-table-weasyprint.pdf"]


def ws(text) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("name", FILES)
def test_a_task_table_in_a_frame_reads_as_written(workdir, name):
    result = cli("ingest", FRAMES / name, "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    want = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))["tasks"]
    got = [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text), dict(t.extra))
           for t in tasks.itertuples()]
    assert got == [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]), {})
                   for w in want]
    docs = read_table(workdir / "store", "documents")
    assert [w for w in docs.warnings[0] if w.startswith("unplaced_text")] == []
