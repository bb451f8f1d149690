"""Symbol characters Word stores as w:sym (a percent sign from the Symbol font, arrows from
Symbol and Wingdings) are text, in Word and in LibreOffice's PDF of the same note
(tests/fixtures/symbols/build_symbols.py), and the word accounting counts them."""
from __future__ import annotations

import pytest

from somnotes.extract.accounting import unplaced_phrases

from conftest import FIXTURES, cli, read_table

SYMBOLS = FIXTURES / "symbols"


@pytest.mark.parametrize("name", ["som26-midterm-symbols.docx", "som26-midterm-symbols.pdf"])
def test_a_symbol_fonts_percent_sign_is_text(workdir, name):
    assert cli("ingest", SYMBOLS / name, "--store", workdir / "store").exit_code == 0
    tasks = read_table(workdir / "store", "tasks")
    assert len(tasks) == 22
    assert tasks.progress_text.str.contains("By March, 95% of the members had replied.", regex=False).sum() == 1
    docs = read_table(workdir / "store", "documents")
    assert not [w for w in docs.warnings[0] if w.startswith("unplaced_text")]


def test_symbol_and_wingdings_arrows_are_text_in_word(workdir):
    assert cli("ingest", SYMBOLS / "som26-midterm-symbols.docx", "--store", workdir / "store").exit_code == 0
    tasks = read_table(workdir / "store", "tasks")
    assert tasks.task_text.str.endswith("Drafting \u2192 review \u2192 publication.").sum() == 1


def test_the_accounting_counts_a_lost_symbol():
    assert unplaced_phrases(["95%", "of", "the", "members"], ["95 of the members"]) == ["95%"]
    assert unplaced_phrases(["Drafting", "\u2192", "review"], ["Drafting review"]) == ["\u2192"]
