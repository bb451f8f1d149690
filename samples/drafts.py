"""A note as a draft is saved: tracked changes not yet accepted, and comments.

The draft is the seed note's Word file with revisions layered on it such that accepting them all
gives the note back word for word: a wording deleted beside the one kept (w:del / w:ins), a
sentence moved from one cell to the place it now stands (w:moveFrom / w:moveTo), a whole table
row deleted, a body paragraph deleted, and comments on task text. A reader must see the note
as accepted: the truth is the seed note's.
"""
from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from samples.render_docx import render_docx
from samples.source.spec import Note

AUTHOR = "EMG Secretariat"
DATE = "2020-04-20T10:00:00Z"
DELETED_WORDING = "Decide to agree and "
DELETED_ROW_TEXT = ["Organize a webinar on the Consultative Process for the EMG members.",
                    "Not yet started.", "To be discussed."]
DELETED_PARAGRAPH = "This paragraph was drafted and then deleted before the note was sent."
COMMENT = "Check the wording with the CBD Secretariat."


class Revisions:
    """Makes w:ins / w:del / w:moveFrom / w:moveTo elements with increasing ids."""

    def __init__(self):
        self.next_id = 100

    def mark(self, tag: str, name: str | None = None):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), DATE)
        if name:
            el.set(qn("w:name"), name)
        self.next_id += 1
        return el


def deleted_run(text: str):
    """A run whose text is deleted: w:r/w:delText."""
    run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.set(qn("xml:space"), "preserve")
    deleted.text = text
    run.append(deleted)
    return run


def wrap(run, wrapper) -> None:
    run.addprevious(wrapper)
    wrapper.append(run)


def delete_and_insert(paragraph, revisions: Revisions) -> None:
    """Put a deleted wording in front of the paragraph's first run and mark that run inserted."""
    first = paragraph._p.find(qn("w:r"))
    deletion = revisions.mark("w:del")
    deletion.append(deleted_run(DELETED_WORDING))
    first.addprevious(deletion)
    wrap(first, revisions.mark("w:ins"))


def move(source_paragraph, target_paragraph, revisions: Revisions) -> None:
    """Mark the target paragraph's last run as moved there from the source paragraph."""
    run = target_paragraph._p.findall(qn("w:r"))[-1]
    old = copy.deepcopy(run)
    wrap(run, revisions.mark("w:moveTo", "move1"))
    moved_from = revisions.mark("w:moveFrom", "move1")
    moved_from.append(old)
    source_paragraph._p.append(moved_from)


def delete_row(table, after_index: int, revisions: Revisions) -> None:
    """Insert a row marked deleted (w:trPr/w:del), its text as deleted runs, after a row."""
    template = table.rows[after_index]._tr
    row = copy.deepcopy(template)
    for tc, text in zip(row.findall(qn("w:tc")), DELETED_ROW_TEXT):
        paragraphs = tc.findall(qn("w:p"))
        for extra in paragraphs[1:]:
            tc.remove(extra)
        p = paragraphs[0]
        for child in list(p):
            if child.tag != qn("w:pPr"):
                p.remove(child)
        deletion = revisions.mark("w:del")
        deletion.append(deleted_run(text))
        p.append(deletion)
    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        row.insert(0, trpr)
    trpr.append(revisions.mark("w:del"))
    template.addnext(row)


def delete_paragraph(document, before, revisions: Revisions) -> None:
    """A body paragraph deleted whole, its mark too."""
    paragraph = before.insert_paragraph_before()
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(revisions.mark("w:del"))
    ppr.append(rpr)
    deletion = revisions.mark("w:del")
    deletion.append(deleted_run(DELETED_PARAGRAPH))
    paragraph._p.append(deletion)


def render_tracked_draft(note: Note, out: Path) -> None:
    """Write `note` as a Word draft with unaccepted revisions and comments (see module doc)."""
    render_docx(note, out)
    document = Document(str(out))
    revisions = Revisions()
    first_table = document.tables[0]
    commented = first_table.rows[3].cells[0].paragraphs[0].runs  # before rows move about
    document.add_comment(commented, text=COMMENT, author=AUTHOR, initials="ES")
    task_cell = first_table.rows[1].cells[0]
    delete_and_insert(task_cell.paragraphs[0], revisions)
    next_steps = first_table.rows[1].cells[2].paragraphs
    move(first_table.rows[2].cells[0].paragraphs[0], next_steps[-1], revisions)
    delete_row(first_table, 2, revisions)
    delete_paragraph(document, document.paragraphs[-1], revisions)
    document.save(str(out))
