"""A table is a task table on evidence, not on two header words (extract/evidence.py): tables
whose headers name a task column and a progress column but whose cells hold dates, amounts,
codes or one-word states give no task; the note is stored with 0 tasks and the --column hint.
The documents are real Word and PDF files (tests/fixtures/no-task-tables/build_no_task_tables.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, cli, read_table

NO_TASKS = FIXTURES / "no-task-tables"
FILES = sorted(p for p in NO_TASKS.rglob("*") if p.suffix in (".docx", ".pdf"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("evidence") / "store"
    result = cli("ingest", NO_TASKS, "--store", root)
    return root, result


def test_no_task_is_invented_from_tables_that_only_name_task_roles(store):
    root, result = store
    assert result.exit_code == 0, result.output
    docs = read_table(root, "documents")
    assert len(docs) == len(FILES) == 21
    assert docs.n_tasks.sum() == 0
    assert len(read_table(root, "tasks")) == 0


def test_the_approval_history_gets_the_hint_about_its_header(store):
    _, result = store
    line = next(x for x in result.stderr.splitlines() if "approval-history.docx" in x)
    assert ": not a progress note (no Tasks | Progress | Next steps table); stored with 0 tasks" in line
    assert 'if the table headed "Action date and time | Action taken | Actor | Approval type | Comments" holds its' \
           " tasks, name its columns' roles with --column WORDING=ROLE" in line


def test_no_word_of_a_table_without_tasks_is_lost(store):
    root, _ = store
    docs = read_table(root, "documents")
    lost = {Path(d.source_path).name: [w for w in d.warnings if w.startswith("unplaced_text")]
            for d in docs.itertuples()}
    assert {name: words for name, words in lost.items() if words} == {}


def test_a_taught_wording_makes_the_table_a_task_table_on_the_users_word(workdir):
    result = cli("ingest", NO_TASKS / "invoice-consultancy.docx", "--store", workdir / "store",
                 "--column", "Activity=task", "--column", "Status=progress")
    assert result.exit_code == 0, result.output
    tasks = read_table(workdir / "store", "tasks")
    assert list(tasks.task_text)[:2] == ["Review of the draft synthesis report on biodiversity",
                                          "Drafting of the issue management group's background paper"]


def test_pdfplumbers_claims_list_with_no_results_is_no_task_table(workdir):
    """pdfplumber's tests/pdfs/issue-140-example.pdf, rebuilt: a claims list whose only row says "No results"."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("CENTRAL KMA")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action date and time", "Action taken", "Actor"]):
        cell.text = text
    table.rows[1].cells[0].text = "No results"
    path = workdir / "claims.docx"
    doc.save(path)
    result = cli("ingest", path, "--store", workdir / "store")
    assert result.exit_code == 0
    assert read_table(workdir / "store", "documents").n_tasks.tolist() == [0]


def short_tracker(path: Path, nested: bool = False) -> Path:
    """A Word file holding only a two-row tracker in words no pattern knows ("Commitment | Where
    we are | Who"), no title and no symbol; `nested` puts a small table inside a progress cell
    (which makes the tracker look like a layout frame to a reader that ignores taught words)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Commitment", "Where we are", "Who")):
        cell.text = text
    rows = (("Publish the joint statement on sustainable procurement", "Drafted and shared with the members.", "UNEP"),
            ("Organise the learning session on circularity for focal points", "Scheduled for the spring.", "UNDP"))
    for row, texts in zip(table.rows[1:], rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    if nested:
        inner = table.rows[1].cells[1].add_table(rows=1, cols=2)
        inner.rows[0].cells[0].text, inner.rows[0].cells[1].text = "Milestone", "Met"
    document.save(str(path))
    return path


@pytest.mark.parametrize("nested", [False, True], ids=["plain", "with-a-table-in-a-cell"])
def test_a_table_headed_with_taught_wordings_is_a_task_table_on_the_users_word(tmp_path, nested):
    """No title, no symbol, two rows: the evidence alone would refuse it, the user's --column
    does not (README: Which tables hold tasks)."""
    note = short_tracker(tmp_path / "tracker.docx", nested)
    store = tmp_path / "store"
    result = cli("ingest", note, "--store", store, "--column", "Commitment=task", "--column", "Where we are=progress")
    assert result.exit_code == 0, result.output
    tasks = read_table(store, "tasks")
    assert len(tasks) == 2, result.output
    assert tasks.task_text.iloc[0].startswith("Publish the joint statement")
    docs = read_table(store, "documents")
    assert not any(w.startswith("unplaced_text:") for w in docs.warnings.iloc[0]), docs.warnings.iloc[0]


def one_row_status_note(path: Path) -> Path:
    """A Word note with its header block (symbol, title) whose one task table, "Tasks | Status |
    Progress | Next steps", holds one row: the Status column says the task is done, the Progress
    cell only names the document it led to (no sentence, no label), Next steps is empty."""
    import docx

    document = docx.Document()
    for line in ("UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", "Twenty-seventh Meeting of the Senior Officials",
                 "22 September 2021", "EMG/SOM.27/2", "Progress Report", "Note by the Secretariat"):
        document.add_paragraph(line)
    document.add_paragraph("I. Collaboration on global environmental issues")
    document.add_paragraph("a) Annual report")
    table = document.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    row = ("Prepare the annual report of the EMG for 2021", "Completed", "100%", "")
    for header, cell in zip(("Tasks", "Status", "Progress", "Next steps"), table.rows[0].cells):
        cell.text = header
    for cell, text in zip(table.rows[1].cells, row):
        cell.text = text
    document.save(str(path))
    return path


def test_a_one_row_task_table_whose_status_column_says_what_was_done_is_read(tmp_path):
    """The Status column's word beside Progress is the status of a progress cell with no label of
    its own: it says what was done, as a label would (README: Which tables hold tasks)."""
    store = tmp_path / "store"
    result = cli("ingest", one_row_status_note(tmp_path / "note.docx"), "--store", store)
    assert result.exit_code == 0, result.output
    tasks = read_table(store, "tasks")
    assert list(tasks.task_text) == ["Prepare the annual report of the EMG for 2021"]
    assert list(tasks.progress_text) == ["100%"]
    assert list(tasks.status) == ["completed"]
    assert (tasks.part.iloc[0], tasks.section.iloc[0]) == ("I", "a")
    docs = read_table(store, "documents")
    assert docs.symbol.tolist() == ["EMG/SOM.27/2"] and docs.n_tasks.tolist() == [1]
    assert not any(w.startswith(("unplaced_text:", "not_a_progress_note")) for w in docs.warnings.iloc[0])
