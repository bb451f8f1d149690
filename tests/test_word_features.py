"""What the Word reader promises beyond the samples, each on a small real .docx built here:
automatic Roman and letter numbering (headings keep it, task cells drop it), a table nested in
a cell, and content controls around runs, paragraphs and table rows."""
from __future__ import annotations

import copy

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import cli, read_table

# numIds well above those of python-docx's template, which defines its own from 1 up
NUM_FORMATS = {901: ("upperRoman", "%1."), 902: ("lowerLetter", "%1)"), 903: ("lowerRoman", "%1.")}
PART_LIST, SECTION_LIST, STEP_LIST = NUM_FORMATS


def numbering(document) -> None:
    """Three automatic lists: upper-case Roman "I.", letters "a)", lower-case Roman "i."."""
    root = document.part.numbering_part.element
    for num_id, (fmt, text) in NUM_FORMATS.items():
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(num_id))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
        root.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(num_id))
        num.append(ref)
        root.append(num)


def numbered(paragraph, num_id: int) -> None:
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", str(num_id))):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    paragraph._p.get_or_add_pPr().append(numpr)


def content_control(element) -> None:
    """Wrap a body paragraph, a run or a table row in a content control (w:sdt)."""
    sdt = OxmlElement("w:sdt")
    sdt.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    element.addprevious(sdt)
    content.append(element)


def note_with_word_features(path) -> None:
    document = Document()
    numbering(document)
    for text in ("UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", "Mid-Term Meeting of the 31st Senior Officials Meeting",
                 "2 April 2025", "EMG SOM31/mid-term/02", "Mid-Term Progress Report", "Note by the Secretariat"):
        document.add_paragraph(text)
    content_control(document.paragraphs[4]._p)  # the symbol in a content control
    for part, sections in (("Collaboration on Global Environmental Issues", ["Consultative Process on Biodiversity"]),
                           ("Internal Sustainability", ["Greening the Blue"])):
        numbered(document.add_paragraph(part), PART_LIST)  # "I.", "II." drawn by Word
        for section in sections:
            numbered(document.add_paragraph(section), SECTION_LIST)  # "a)" drawn by Word
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, head in zip(table.rows[0].cells, ("Tasks", "Progress", "Next steps")):
                cell.text = head
            task, progress, steps = table.add_row().cells
            task.text = f"Prepare the {section} inputs."
            run = task.paragraphs[0].runs[0]._r
            content_control(run)  # a run in a content control
            progress.text = "Ongoing: two steps were taken."
            for step in ("The outline was agreed.", "The first draft was shared."):
                numbered(progress.add_paragraph(step), STEP_LIST)  # "i.", "ii." drawn by Word
            inner = progress.add_table(rows=1, cols=2)  # a table nested in the cell
            inner.rows[0].cells[0].text = "Entity"
            inner.rows[0].cells[1].text = "UNEP"
            steps.text = "Circulate the draft in May."
            second = copy.deepcopy(table.rows[1]._tr)
            table._tbl.append(second)
            content_control(second)  # a whole row in a content control
    document.save(str(path))


def test_word_numbering_nested_tables_and_content_controls(tmp_path):
    path = tmp_path / "features.docx"
    note_with_word_features(path)
    result = cli("ingest", path, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    docs = read_table(tmp_path / "store", "documents")
    assert docs.symbol[0] == "EMG SOM31/mid-term/02"  # read from inside its content control
    tasks = read_table(tmp_path / "store", "tasks").sort_values("ordinal")
    # Roman part numbers and section letters drawn by Word make the headings
    # (one letter list across the note, as Word continues it: part II's section is "b)")
    assert list(zip(tasks.part, tasks.section)) == [("I", "a"), ("I", "a"), ("II", "b"), ("II", "b")]
    assert list(tasks.part_title.unique()) == ["Collaboration on Global Environmental Issues", "Internal Sustainability"]
    # the row inside a content control is a row like the others
    assert list(tasks.task_text) == ["Prepare the Consultative Process on Biodiversity inputs."] * 2 + \
        ["Prepare the Greening the Blue inputs."] * 2
    # "i." and "ii." are list markers: not text; the nested table's words are in its cell
    assert tasks.progress_text.iloc[0] == ("Ongoing: two steps were taken.\nThe outline was agreed.\n"
                                           "The first draft was shared.\nEntity\nUNEP")
    assert docs.unplaced_words[0] == 0
