"""Rebuild the sample notes: Word files from the specs in source/, PDFs from the Word files
(LibreOffice headless, as the Secretariat exports them), and the hand-checked expected rows
in tests/expected/.

    python samples/build_samples.py            # Word + PDF + expected rows
    python samples/build_samples.py --no-pdf   # when LibreOffice is not installed

The built files are committed, so the tests never need LibreOffice.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from samples.source import som26_annual, som26_midterm, som27_midterm  # noqa: E402
from samples.source.spec import OL, Item, Layout, Note, plain  # noqa: E402

NOTES = [som26_midterm.NOTE, som26_annual.NOTE, som27_midterm.NOTE]
# The real seed note again, laid out otherwise: same rows expected, different document.
LAYOUT_VARIANTS = [dataclasses.replace(
    som26_midterm.NOTE, name="som26-midterm-alt", provenance="real text, another layout",
    layout=Layout(headers=("Task", "Progress made", "Next Steps"), repeat_header=True, single_table=True,
                  symbol_in_page_header=True, page_numbers=True, bold_labels=False, font_size=10)),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-shading", provenance="real text, another layout",
                        layout=Layout(table_style="Light Shading")),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-unruled", provenance="real text, another layout",
                        layout=Layout(table_style=None, headers=("Tasks", "Status", "Way forward"))),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-banners", provenance="real text, another layout",
                        layout=Layout(part_banners=True, headers=("Tasks", "Progress", "Next Steps"), font_size=11.5)),
]
VARIANTS_DIR = ROOT / "tests" / "fixtures" / "layouts"
EXPECTED_DIR = ROOT / "tests" / "expected"

CELL_PARAGRAPH_GAP = Pt(4)  # space after each paragraph inside a cell, as in the published notes
LIST_INDENT_TWIPS = 360
CORE_WIDTHS_CM = (5.0, 6.5, 5.0)
EXTRA_WIDTH_CM = 2.6
INLINE = re.compile(r"(\*\*.+?\*\*|__.+?__)")


# ---------------------------------------------------------------- Word rendering

def add_runs(paragraph, text: str, bold: bool = False) -> None:
    """Given a paragraph and text with **bold** / __underline__ markup, append the runs."""
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("__"):
            paragraph.add_run(piece[2:-2]).underline = True
        else:
            paragraph.add_run(piece).bold = bold or None


class Numbering:
    """Decimal "1)" lists, one w:num per list so that each list restarts at 1."""

    ABSTRACT_ID = 90

    def __init__(self, document):
        self.part = document.part.numbering_part
        root = self.part.element
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(self.ABSTRACT_ID))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1)"), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(LIST_INDENT_TWIPS))
        ind.set(qn("w:hanging"), str(LIST_INDENT_TWIPS))
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
        # abstractNum elements must precede num elements in numbering.xml
        first_num = root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        self.root = root
        self.next_id = 900

    def new_list(self) -> int:
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(self.ABSTRACT_ID))
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self.root.append(num)
        self.next_id += 1
        return self.next_id - 1

    @staticmethod
    def apply(paragraph, num_id: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", str(num_id))):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            numpr.append(el)
        ppr.append(numpr)


def fill_cell(cell, paragraphs: list, numbering: Numbering, bold_labels: bool = True) -> None:
    """Write paragraphs (str or OL, or (label, text) pairs) into a table cell."""
    first = cell.paragraphs[0]
    list_id = None
    for i, para in enumerate(paragraphs):
        p = first if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = CELL_PARAGRAPH_GAP
        if isinstance(para, OL):
            if list_id is None:
                list_id = numbering.new_list()
            numbering.apply(p, list_id)
            add_runs(p, para.text)
            continue
        list_id = None
        if isinstance(para, tuple):  # a bold status label, then the rest of the paragraph
            label, text = para
            p.add_run(label).bold = bold_labels or None
            if text:
                add_runs(p, " " + text)
        else:
            add_runs(p, para)


def progress_paragraphs(row) -> list:
    """The Progress cell of a row as paragraphs, labels as (label, text) pairs."""
    out = []
    for item in row.progress:
        if not isinstance(item, Item):
            out.append(item)
            continue
        paras = list(item.paras)
        if item.label is None:
            out.extend(paras)
        elif item.inline and paras and not isinstance(paras[0], OL):
            out.append((item.label, paras[0]))
            out.extend(paras[1:])
        else:
            out.append((item.label, ""))
            out.extend(paras)
    return out


def set_repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def add_page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


def merged_heading_row(table, text: str, italic: bool) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    run = merged.paragraphs[0].add_run(text)
    run.bold, run.italic = True, italic


def add_table(doc, note: Note, headers: list, widths: list):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = note.layout.table_style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, headers):
        cell.paragraphs[0].add_run(head).bold = True
    if note.layout.repeat_header:
        set_repeat_header(table.rows[0])
    return table


def add_rows(table, note: Note, rows: list, numbering: Numbering) -> None:
    bold = note.layout.bold_labels
    for row in rows:
        cells = table.add_row().cells
        fill_cell(cells[0], row.task, numbering, bold)
        fill_cell(cells[1], progress_paragraphs(row), numbering, bold)
        fill_cell(cells[2], row.next_steps, numbering, bold)
        for cell, head in zip(cells[3:], note.layout.extra_headers):
            fill_cell(cell, row.extra.get(head, []), numbering, bold)


def set_widths(table, widths: list) -> None:
    for r in table.rows:
        for cell, w in zip(r.cells, widths):
            cell.width = Cm(w)


def render_docx(note: Note, out: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(note.layout.font_size)
    numbering = Numbering(doc)
    if note.layout.symbol_in_page_header:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head.add_run(note.meta["symbol"])
    if note.layout.page_numbers:
        add_page_number_footer(section)

    for text, kind in note.header_lines:
        if kind == "symbol" and text == note.meta["symbol"] and note.layout.symbol_in_page_header:
            continue
        p = doc.add_paragraph()
        if kind == "symbol":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_runs(p, text)
        elif kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold, run.font.size = True, Pt(note.layout.font_size + 3)
        elif kind == "byline":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text).italic = True
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_runs(p, text, bold=kind in ("org", "meeting"))
    for text in note.intro:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        add_runs(p, text)

    headers = list(note.layout.headers) + list(note.layout.extra_headers)
    widths = list(CORE_WIDTHS_CM) + [EXTRA_WIDTH_CM] * len(note.layout.extra_headers)
    if note.layout.extra_headers:  # make room for the extra column
        widths[1] -= EXTRA_WIDTH_CM
    if note.layout.single_table:
        table = add_table(doc, note, headers, widths)
        for part in note.parts:
            merged_heading_row(table, f"{note.layout.part_prefix}{part.numeral}. {part.title}", italic=False)
            for sec in part.sections:
                merged_heading_row(table, f"{sec.marker} {sec.title}", italic=True)
                add_rows(table, note, sec.rows, numbering)
        set_widths(table, widths)
    for part in ([] if note.layout.single_table else note.parts):
        heading_text = f"{note.layout.part_prefix}{part.numeral}. {part.title}"
        if note.layout.part_banners:
            banner = doc.add_table(rows=1, cols=1)
            banner.style = "Table Grid"
            banner.rows[0].cells[0].paragraphs[0].add_run(heading_text).bold = True
        else:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(12)
            p.add_run(heading_text).bold = True
        for sec in part.sections:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            run = p.add_run(f"{sec.marker} {sec.title}")
            run.bold, run.italic = True, True
            table = add_table(doc, note, headers, widths)
            add_rows(table, note, sec.rows, numbering)
            set_widths(table, widths)
            doc.add_paragraph()
    doc.core_properties.title = plain(note.meta["title"])
    doc.core_properties.author = "EMG Secretariat"
    doc.save(out)


# ---------------------------------------------------------------- expected rows

def para_text(para) -> str:
    return plain(para.text if isinstance(para, OL) else para)


def cell_text(paragraphs: list) -> str:
    """The text a reader sees in a cell: list items numbered, paragraphs on their own line."""
    out, n = [], 0
    for para in paragraphs:
        if isinstance(para, OL):
            n += 1
            out.append(f"{n}) {plain(para.text)}")
            continue
        n = 0
        if isinstance(para, tuple):
            label, text = para
            out.append(f"{label} {plain(text)}" if text else label)
        else:
            out.append(plain(para))
    return "\n".join(out)


STATUS_RANK_CLOSED = {"completed"}
SPECIFIC = ("postponed", "on_hold", "cancelled")


def task_status(statuses: list) -> str:
    """The contract's summary rule, written out independently of the code under test."""
    if all(s == "completed" for s in statuses):
        return "completed"
    if all(s == "not_started" for s in statuses):
        return "not_started"
    others = set(statuses) - {"completed"}
    if len(others) == 1 and next(iter(others)) in SPECIFIC:
        return next(iter(others))
    return "ongoing"


def expected_rows(note: Note) -> dict:
    tasks = []
    for part in note.parts:
        for sec in part.sections:
            for row in sec.rows:
                items = []
                for item in row.progress:
                    label = item.label.rstrip(" :.") if item.label else None
                    items.append({"status": item.status, "status_label": label,
                                  "text": cell_text(item.paras)})
                tasks.append({
                    "ordinal": len(tasks) + 1,
                    "part": part.numeral,
                    "part_title": part.title,
                    "section": sec.marker.strip("().").strip(),
                    "section_title": sec.title,
                    "task_text": cell_text(row.task),
                    "progress_text": cell_text(progress_paragraphs(row)),
                    "next_steps_text": cell_text(row.next_steps),
                    "extra": {k: cell_text(v) for k, v in row.extra.items()},
                    "status": task_status([i["status"] for i in items]),
                    "items": items,
                })
    return {"note": note.name, "provenance": note.provenance, "meta": note.meta, "tasks": tasks}


def convert_to_pdf(docx: Path, outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not on PATH; use --no-pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
            check=True, capture_output=True, timeout=300,
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    VARIANTS_DIR.mkdir(parents=True, exist_ok=True)
    for note in NOTES + LAYOUT_VARIANTS:
        docx = (HERE if note in NOTES else VARIANTS_DIR) / f"{note.name}.docx"
        render_docx(note, docx)
        if not args.no_pdf:
            convert_to_pdf(docx, docx.parent)
        expected = expected_rows(note)
        (EXPECTED_DIR / f"{note.name}.json").write_text(
            json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{note.name}: {len(expected['tasks'])} tasks")


if __name__ == "__main__":
    main()
