"""A word wider than its column: Word (and LibreOffice's PDF of it) breaks it by characters with
no hyphen, and the reader joins the pieces again. The two widths put the break where it was
missed before (a piece that no word list knows, followed by a piece that is a word: "on").

The notes are built here with python-docx and printed by LibreOffice, as the Secretariat does."""
from __future__ import annotations

import os
import pickle
import shutil

import pytest
from docx import Document
from docx.shared import Inches

from samples.producers import libreoffice_pdf

from conftest import cli, read_table

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed")

HEADER = ["UNITED NATIONS", "EMG SOM31/mid-term/02", "Environment Management Group",
          "Thirty-first meeting of the Senior Officials", "1 April 2025", "Mid-Term Progress Report",
          "I. Collaboration on Global Environmental Issues", "a) Biodiversity"]
TASKS = ["Work due in June. Operationalization of the standards across agencies.",
         "Prepare the intergovernmental consultations on sustainability reporting.",
         "Support the Environmentally Sustainable Procurement working group."]
NEXT_STEPS = "Report in June 2025."


def narrow_note(path, task_width_in: float) -> None:
    """A note whose Tasks column is narrower than its longest words."""
    document = Document()
    for line in HEADER:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(TASKS), cols=3)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Inches(task_width_in), Inches(3.0), Inches(2.0)]
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for cell, text in zip(table.rows[0].cells, ["Tasks", "Progress", "Next steps"]):
        cell.text = text
    for row, task in zip(table.rows[1:], TASKS):
        row.cells[0].text = task
        row.cells[1].text = "Ongoing: The group met in March."
        row.cells[2].text = NEXT_STEPS
    document.save(str(path))


@needs_soffice
@pytest.mark.parametrize("task_width_in", [1.2, 1.4])
def test_a_word_wider_than_its_column_is_read_whole(tmp_path, task_width_in):
    docx = tmp_path / "narrow.docx"
    narrow_note(docx, task_width_in)
    libreoffice_pdf(docx, tmp_path / "narrow.pdf")
    result = cli("ingest", docx, tmp_path / "narrow.pdf", "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    tasks = read_table(tmp_path / "store", "tasks")
    docs = read_table(tmp_path / "store", "documents").set_index("doc_id")
    for doc_id, rows in tasks.groupby("doc_id"):
        assert list(rows.sort_values("ordinal").task_text) == TASKS, docs.format[doc_id]
        assert docs.unplaced_words[doc_id] == 0


def test_the_word_list_is_pyspellchecker_s_english_as_its_spellchecker_knows_it():
    """The reader reads pyspellchecker's English list straight from its file (its words, without
    SpellChecker's frequency tables, kept as their hashes): the same words SpellChecker knows, no
    more, no less."""
    from spellchecker import SpellChecker

    from somnotes.extract.pdf.lines import HashedWords, english_word_list, english_words, in_word_list

    checker = SpellChecker(language="en")
    known = set(checker.word_frequency.keys())
    assert set(english_word_list()) == known
    assert len(english_words()) == len(known)
    # what the callers ask about: lower-case words of letters, known or not (a piece of a known
    # word is mostly none: each word's first letters, then with a letter more)
    asked = sorted(w for w in known if w.isalpha() and w.isascii())[::7]
    asked += [w[:-1] for w in asked if len(w) > 3] + [w + "q" for w in asked] + ["improvi", "environmentall"]
    answers = [w in english_words() for w in asked]
    assert answers == [bool(checker.known([w])) for w in asked]
    assert answers.count(False) > len(asked) / 3
    # a set of words: a word given twice is held once; bytes are no word; its hashes are this
    # interpreter's, so it is never carried to another
    twice = HashedWords(["apple", "pear", "apple"])
    assert len(twice) == 2 and "apple" in twice and "plum" not in twice and b"apple" not in twice
    with pytest.raises(TypeError, match="this interpreter"):
        pickle.dumps(english_words())
    # a derived word is known by its stem, a broken piece is not
    assert in_word_list("operationalization") and in_word_list("environmentally")
    assert not in_word_list("improvi") and not in_word_list("environmentall")


def test_a_word_list_that_cannot_be_read_is_named_in_the_error(monkeypatch):
    """pyspellchecker's list found but not readable (a loader that gives no data, as a zip
    import may) is an error that names the package and the file, not a failure inside gzip."""
    from somnotes.extract.pdf import lines

    monkeypatch.setattr(lines.pkgutil, "get_data", lambda package, resource: None)
    with pytest.raises(FileNotFoundError, match="spellchecker: resources/en.json.gz cannot be read"):
        lines.english_word_list()
