"""A diagonal watermark drawn over every page (tests/fixtures/watermark/build_watermark.py:
"DRAFT" and "CONFIDENTIAL" printed by Chromium, "UNEDITED" and a pale red "COPY" at 20 degrees
by WeasyPrint) is recognised by its letters' turn and size, and a level stamp in the margin of
every page (a light grey "DRAFT", Chromium and WeasyPrint) by its size, colour and repetition;
each is set aside with a warning and counted by the word accounting: every row and the header
read as the seed note's truth, with both PDF engines. A large light title on the first page
only is no stamp, nor is a note's rotated or large text."""
from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, FIXTURES, cli, read_table

MARKED = FIXTURES / "watermark"
SEED = json.loads((EXPECTED / "som26-midterm.json").read_text(encoding="utf-8"))


def ws(text) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name,word", [("som26-midterm-draft-chromium.pdf", "DRAFT"),
                                       ("som26-midterm-confidential-chromium.pdf", "CONFIDENTIAL"),
                                       ("som26-midterm-unedited-weasyprint.pdf", "UNEDITED"),
                                       ("som26-midterm-copy-weasyprint.pdf", "COPY"),
                                       ("som26-midterm-margin-stamp-chromium.pdf", "DRAFT"),
                                       ("som26-midterm-margin-stamp-weasyprint.pdf", "DRAFT")])
def test_a_watermark_or_stamp_is_set_aside(workdir, name, word, engine):
    result = cli("ingest", MARKED / name, "--store", workdir / "store", "--pdf-engine", engine)
    assert result.exit_code == 0, result.output
    doc = read_table(workdir / "store", "documents").iloc[0]
    assert (doc.symbol, doc.title, doc.meeting_number) == (SEED["meta"]["symbol"], SEED["meta"]["title"], 26)
    tasks = read_table(workdir / "store", "tasks").sort_values("ordinal")
    assert [(t.part, t.section, ws(t.task_text), ws(t.progress_text), ws(t.next_steps_text)) for t in tasks.itertuples()] \
        == [(w["part"], w["section"], ws(w["task_text"]), ws(w["progress_text"]), ws(w["next_steps_text"]))
            for w in SEED["tasks"]]
    warnings = list(doc.warnings)
    assert f'watermark: "{word}" drawn over {doc.n_pages} pages; set aside, not read as the note\'s text' in warnings
    assert [w for w in warnings if w.startswith(("unplaced_text", "overlapping_text"))] == []
