"""A header block of two rows with a number column (tests/fixtures/header-blocks/
build_header_blocks.py): "No. | Tasks | Status of implementation" (spanning two columns) over
" | | Progress | Next steps", No. and Tasks merged down; in Word, in LibreOffice's PDF (the block
repeated on every page) and in Chromium's and WeasyPrint's (a <thead> of two rows), and in
Chromium's and WeasyPrint's with the block not repeated (no <thead>) or with no rule under it,
and Chromium's with neither. Every row reads as the seed note's truth, its number in `extra` under "No.", no
word unplaced."""
from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest

from conftest import EXPECTED, FIXTURES, cli, read_table

BLOCKS = FIXTURES / "header-blocks"
FILES = ["som26-midterm-numbered.docx", "som26-midterm-numbered.pdf", "som26-midterm-numbered-chromium.pdf",
         "som26-midterm-numbered-weasyprint.pdf",
         # the block not repeated (no <thead>): it ends page 3 with no rule under it, its table's
         # first task row on page 4; the block is no row a page break cut
         "som26-midterm-numbered-chromium-noheader.pdf", "som26-midterm-numbered-weasyprint-noheader.pdf",
         # no rule under the block: its last row's words open the first task's cells, on the
         # first page and where the block is repeated; the cells merged down from above (No.,
         # Tasks) run on into the task row's
         "som26-midterm-numbered-chromium-norule.pdf", "som26-midterm-numbered-weasyprint-norule.pdf",
         "som26-midterm-numbered-chromium-noheader-norule.pdf"]


def ws(text) -> str:
    return " ".join((text or "").split())


def truth() -> list[dict]:
    """The seed's rows, each numbered "1.", "2." within its section's table."""
    rows = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))["tasks"]
    seen: Counter = Counter()
    for row in rows:
        seen[(row["part"], row["section"])] += 1
        row["extra"] = {"No.": f"{seen[(row['part'], row['section'])]}."}
    return rows


@pytest.mark.parametrize("name", FILES)
def test_a_two_row_header_block_with_a_number_column_reads_as_written(workdir, name):
    result = cli("ingest", BLOCKS / name, "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    want = truth()
    got = [{"task": ws(t.task_text), "progress": ws(t.progress_text), "next": ws(t.next_steps_text),
            "extra": dict(t.extra)} for t in tasks.itertuples()]
    assert got == [{"task": ws(w["task_text"]), "progress": ws(w["progress_text"]), "next": ws(w["next_steps_text"]),
                    "extra": w["extra"]} for w in want]
    docs = read_table(workdir / "store", "documents")
    assert [w for w in docs.warnings[0] if w.startswith("unplaced_text")] == []


def test_a_new_task_under_a_repeated_block_with_no_rule_is_a_task_of_its_own(workdir):
    """The block without a number column ("Tasks | Status of implementation" over " | Progress |
    Next steps"), repeated with no rule under it: a task opening a page under it has its task
    text in one table row and its Progress and Next steps in the next; read as one, it says how
    it stands, and is no rest of the task above (a note a random run drew, printed by WeasyPrint)."""
    from samples.cells import expected_rows
    from samples.producers import HTML_PRODUCERS
    from samples.render_html import HtmlStyle, render_html
    from samples.source.spec import OL, Item, Layout, Note, Part, Row, Section

    builder = importlib.util.spec_from_file_location("build_header_blocks", BLOCKS / "build_header_blocks.py")
    assert builder is not None and builder.loader is not None
    blocks = importlib.util.module_from_spec(builder)
    builder.loader.exec_module(blocks)
    spec = json.loads((BLOCKS / "unnumbered-new-task-under-repeated-block.json").read_text(encoding="utf-8"))
    classes = {"Note": Note, "Part": Part, "Section": Section, "Row": Row, "Item": Item, "Layout": Layout, "OL": OL}
    note = eval(spec["note"], {"__builtins__": {}}, classes)  # our own fixture, written by repr()
    page = workdir / "note.html"
    page.write_text(blocks.reshape_html(render_html(note, HtmlStyle(spec["header_repeat"], spec["header_rule"])),
                                               numbered=False), encoding="utf-8")
    HTML_PRODUCERS[spec["producer"]](page, workdir / "note.pdf")
    result = cli("ingest", workdir / "note.pdf", "--store", workdir / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    want = expected_rows(note)["tasks"]
    assert [(ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text)) for t in tasks.itertuples()] \
        == [(ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"])) for w in want]
    docs = read_table(workdir / "store", "documents")
    assert [w for w in docs.warnings[0] if w.startswith("unplaced_text")] == []
