"""Every sample note, Word and PDF, gives exactly the hand-checked rows in tests/expected/."""
from __future__ import annotations

import pdfplumber
import pytest

from conftest import ALT_LAYOUT, EXTRACTION_NOTES, FORMATS, LAYOUTS, SAMPLES, expected, note_file, read_table

CELL_FIELDS = ("task_text", "progress_text", "next_steps_text")


def ws(text) -> str:
    return " ".join((text or "").split())


def tasks_of(single_stores, name, fmt):
    return read_table(single_stores[(name, fmt)], "tasks").sort_values("ordinal").reset_index(drop=True)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["som26-midterm"] + LAYOUTS)
def test_seed_note_gives_exactly_22_tasks_in_3_parts_and_9_sections(single_stores, name, fmt):
    tasks = tasks_of(single_stores, name, fmt)
    assert len(tasks) == 22
    assert tasks["part"].nunique() == 3
    assert len(tasks[["part", "section"]].drop_duplicates()) == 9
    assert list(tasks["ordinal"]) == list(range(1, 23))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXTRACTION_NOTES)
def test_every_task_row_matches_the_hand_checked_rows(single_stores, name, fmt):
    tasks = tasks_of(single_stores, name, fmt)
    want = expected(name)["tasks"]
    assert len(tasks) == len(want)
    for got, exp in zip(tasks.to_dict("records"), want):
        for key in ("part", "part_title", "section", "section_title", "status"):
            assert got[key] == exp[key], (exp["ordinal"], key)
        for key in CELL_FIELDS:
            if fmt == "docx":  # Word keeps the paragraphs exactly
                assert (got[key] or "") == exp[key], (exp["ordinal"], key)
            else:
                assert ws(got[key]) == ws(exp[key]), (exp["ordinal"], key)
        assert dict(got["extra"] or []) == exp["extra"]


@pytest.mark.parametrize("name", EXTRACTION_NOTES)
def test_word_and_pdf_give_the_same_text(single_stores, name):
    word, pdf = tasks_of(single_stores, name, "docx"), tasks_of(single_stores, name, "pdf")
    for key in CELL_FIELDS:
        assert [ws(t) for t in word[key]] == [ws(t) for t in pdf[key]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXTRACTION_NOTES)
def test_progress_items_match_the_hand_labels(single_stores, name, fmt):
    store = single_stores[(name, fmt)]
    items = read_table(store, "progress_items")
    tasks = tasks_of(single_stores, name, fmt)
    for task_id, exp in zip(tasks["task_id"], expected(name)["tasks"]):
        got = items[items.task_id == task_id].sort_values("item_no")
        assert list(got["status"]) == [i["status"] for i in exp["items"]], exp["ordinal"]
        assert list(got["status_label"].fillna("<none>")) == [i["status_label"] or "<none>" for i in exp["items"]]
        assert [ws(t) for t in got["text"]] == [ws(i["text"]) for i in exp["items"]]
        assert list(got["item_no"]) == list(range(1, len(exp["items"]) + 1))


def test_a_status_word_inside_a_sentence_is_not_a_label(single_stores):
    tasks = tasks_of(single_stores, "som26-midterm", "docx")
    items = read_table(single_stores[("som26-midterm", "docx")], "progress_items")
    phase2 = tasks[tasks.task_text.str.startswith("Prepare Phase II")].iloc[0]
    assert "has been cancelled" in phase2.progress_text
    assert list(items[items.task_id == phase2.task_id].status) == ["ongoing"]
    assert phase2.status == "ongoing"


def test_composite_and_bare_labels(single_stores):
    items = read_table(single_stores[("som26-midterm", "pdf")], "progress_items")
    by_label = dict(zip(items.status_label, items.status))
    assert by_label["Ongoing/postponed"] == "postponed"
    assert by_label["On-going"] == "ongoing"
    assert by_label["Not yet started"] == "not_started"
    assert by_label["Ongoing"] == "ongoing"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXTRACTION_NOTES)
def test_header_metadata_is_read_from_the_header_block(single_stores, name, fmt):
    docs = read_table(single_stores[(name, fmt)], "documents")
    assert len(docs) == 1
    doc = docs.iloc[0]
    meta = expected(name)["meta"]
    for key in ("organization", "symbol", "title", "segment", "meeting_number"):
        assert doc[key] == meta[key], key
    assert str(doc["meeting_date"]) == meta["meeting_date"]
    assert doc["format"] == fmt
    assert doc["n_tasks"] == len(expected(name)["tasks"])
    if fmt == "pdf":
        with pdfplumber.open(note_file(name, "pdf")) as pdf:
            assert doc["n_pages"] == len(pdf.pages)


def test_pdf_rows_broken_across_pages_are_joined(single_stores):
    tasks = tasks_of(single_stores, "som26-midterm", "pdf")
    split = tasks[tasks.page_end > tasks.page_start]
    # the sample PDF breaks rows at several page ends; each is one task again
    assert len(split) >= 5
    # this row's Task cell itself is cut mid-sentence by the page break
    phase2 = tasks[tasks.task_text.str.startswith("Prepare Phase II")].iloc[0]
    assert phase2.page_end == phase2.page_start + 1
    assert phase2.task_text.endswith("in close collaboration with the Issue Management Group on "
                                     "Environmental Sustainability Management")
    assert not tasks.task_text.str.strip().eq("").any()


def test_the_pdf_really_breaks_rows_and_repeats_headers():
    """Guards the two tests above: the sample PDFs do contain what they claim to."""
    with pdfplumber.open(SAMPLES / "som26-midterm.pdf") as pdf:
        firsts = [t.extract()[0][0] for p in pdf.pages for t in p.find_tables()[:1] if t.bbox[1] < 80]
    assert "" in firsts or None in firsts  # a page starting with an empty Task cell
    with pdfplumber.open(SAMPLES / "som26-annual.pdf") as pdf:
        heads = sum(1 for p in pdf.pages for t in p.find_tables() if t.extract()[0][0] == "Task")
    assert heads > 6  # 6 section tables, and the header repeated on continuation pages


def test_repeated_headers_are_dropped_and_extra_columns_kept(single_stores):
    tasks = tasks_of(single_stores, "som27-midterm", "pdf")
    assert not tasks.task_text.isin(["Task", "Tasks"]).any()
    assert all(dict(e)["Lead agency"] for e in tasks.extra)
    annual = tasks_of(single_stores, "som26-annual", "pdf")
    assert len(annual) == len(expected("som26-annual")["tasks"])


def test_the_other_layout_really_differs():
    """Guards the tests above: the second layout of the seed note has one table with merged
    heading rows, the symbol only as a running head, page numbers and plain labels."""
    from docx import Document

    doc = Document(str(note_file(ALT_LAYOUT, "docx")))
    assert len(doc.tables) == 1
    assert "EMG SOM26/mid-term/03" not in [p.text for p in doc.paragraphs]
    assert doc.sections[0].header.paragraphs[0].text == "EMG SOM26/mid-term/03"
    assert not any(r.bold for row in doc.tables[0].rows[1:] for c in row.cells for p in c.paragraphs
                   for r in p.runs if r.text.startswith(("Completed", "Ongoing")))
    with pdfplumber.open(note_file(ALT_LAYOUT, "pdf")) as pdf:
        heads = [p.extract_text().splitlines()[0] for p in pdf.pages]
    assert heads.count("EMG SOM26/mid-term/03") == len(heads) > 5


@pytest.mark.parametrize("paragraphs,want", [
    (["Completed The report was released in May."], [("completed", "Completed", "The report was released in May.")]),
    (["Completed the mapping exercise in May."], [("unknown", None, "Completed the mapping exercise in May.")]),
    (["Status: Ongoing"], [("ongoing", "Ongoing", "")]),
    (["In progress - drafting has started.", "Done: the survey."],
     [("ongoing", "In progress", "drafting has started."), ("completed", "Done", "the survey.")]),
    (["A workshop planned for May has been cancelled due to the pandemic."],
     [("unknown", None, "A workshop planned for May has been cancelled due to the pandemic.")]),
    (["On hold.", "Completed/Ongoing: part of it."], [("on_hold", "On hold", ""), ("ongoing", "Completed/Ongoing", "part of it.")]),
    (["Some context first.", "Delayed: awaiting funds."], [("unknown", None, "Some context first."), ("postponed", "Delayed", "awaiting funds.")]),
    # items as a bulleted or numbered list, as Word renders them
    (["\u2022 Completed: The report.", "\u2022 Ongoing: The survey."],
     [("completed", "Completed", "The report."), ("ongoing", "Ongoing", "The survey.")]),
    (["1) Completed: first", "(ii) Pending: second"], [("completed", "Completed", "first"), ("not_started", "Pending", "second")]),
    (["\u2022 The workshop has been cancelled."], [("unknown", None, "\u2022 The workshop has been cancelled.")]),
])
def test_status_labels_in_other_wordings(paragraphs, want):
    from somnotes.normalise.statuses import split_progress

    assert [(i.status, i.status_label, i.text) for i in split_progress(paragraphs)] == want


@pytest.mark.parametrize("name", ["som26-midterm-shading", "som26-midterm-unruled"])
def test_tables_without_cell_borders_are_read_from_the_header_words(single_stores, name):
    """Guards the row tests above: in these PDFs pdfplumber finds no ruled task table."""
    with pdfplumber.open(note_file(name, "pdf")) as pdf:
        grids = [t for p in pdf.pages for t in p.find_tables() if t.extract() and t.extract()[0][0] in ("Tasks", "Task")]
    assert grids == []
    docs = read_table(single_stores[(name, "pdf")], "documents")
    assert any("tables_without_rules" in w for w in docs.warnings[0])


def test_header_block_in_other_wordings():
    from somnotes.extract.header import parse_header

    header = parse_header(["UNITED NATIONS ENVIRONMENT MANAGEMENT GROUP", "Twenty-seventh meeting of the Senior Officials",
                           "Geneva, 15.09.2021", "EMG/SOM.27/3", "Progress report on the work of the Group"])
    assert (header.organization, header.symbol, header.meeting_number, str(header.meeting_date), header.segment,
            header.title) == ("Environment Management Group", "EMG/SOM.27/3", 27, "2021-09-15", "annual",
                              "Progress report on the work of the Group")


@pytest.mark.parametrize("text,want", [
    ("I. Collaboration on Global Environmental Issues", ("part", "I", "Collaboration on Global Environmental Issues")),
    ("PART II: INTERNAL SUSTAINABILITY", ("part", "II", "INTERNAL SUSTAINABILITY")),
    ("a) Consultative Process on Biodiversity", ("section", "a", "Consultative Process on Biodiversity")),
    ("(b) The E-waste Coalition", ("section", "b", "The E-waste Coalition")),
    ("C. Greening the Blue", ("section", "C", "Greening the Blue")),
    ("This note has been prepared to support the discussions.", None),
])
def test_part_and_section_headings(text, want):
    from somnotes.extract.layout import heading

    assert heading(text) == want


def test_the_banner_layout_puts_part_headings_in_tables_of_their_own():
    from docx import Document

    doc = Document(str(note_file("som26-midterm-banners", "docx")))
    banners = [t.rows[0].cells[0].text for t in doc.tables if len(t.columns) == 1]
    assert [b.split(".")[0] for b in banners] == ["I", "II", "III"]
    assert not any(p.text.startswith(("I. ", "II. ", "III. ")) for p in doc.paragraphs)
