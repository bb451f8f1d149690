"""Symbol characters Word stores as w:sym (a percent sign from the Symbol font, arrows from
Symbol and Wingdings) are text, in Word and in LibreOffice's PDF of the same note
(tests/fixtures/symbols/build_symbols.py), and the word accounting counts them."""
from __future__ import annotations

from collections import Counter

import pytest

from somnotes.extract.accounting import token_counts, tokens, unplaced_phrases

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


def test_the_accounting_reads_texts_joined_as_each_alone():
    """token_counts reads a note's texts in one pass, joined by spaces: the same tokens as each
    text read alone, for texts that clean() changes (a ligature, a soft hyphen inside a word,
    bullets, non-breaking and zero-width spaces, a symbol font's character, an arrow), a dotted
    capital whose case-folding adds a combining mark, and texts that would run together unspaced."""
    texts = ["e\ufb03cient", "co\u00adordination", "\u2022 item", "a\u00a0b", "95%", "\uf0b7", "Post-", "2020",
             "", "  ", "\u0130stanbul", "Stra\u00dfe", "\u2192next", "ab", "cd", "zero\u200bwidth", "A/B"]
    assert token_counts(texts) == Counter(tok for text in texts for tok in tokens(text))


def test_the_accounting_counts_a_lost_symbol():
    assert unplaced_phrases(["95%", "of", "the", "members"], ["95 of the members"]) == ["95%"]
    assert unplaced_phrases(["Drafting", "\u2192", "review"], ["Drafting review"]) == ["\u2192"]
