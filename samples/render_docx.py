"""Render a spec note as a Word file with python-docx, as the Secretariat writes notes:
header block, parts and sections, Tasks | Progress | Next steps tables with bold labels and
Word's own automatic lists, and the layout classes of real archives (vertical merges, a
Status column, bullets, landscape pages)."""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from samples.cells import A4_CM, column_widths, columns, physical_rows
from samples.source.spec import LI, OL, Note, plain

LIST_INDENT_TWIPS = 360
INLINE = re.compile(r"(\*\*.+?\*\*|__.+?__)")


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
    """Word's automatic lists: decimal "1)" and "1." lists and bullets, one w:num per list so
    that each list restarts at 1."""

    STYLES = {"paren": (90, "decimal", "%1)", None), "dot": (91, "decimal", "%1.", None),
              "bullet": (92, "bullet", "\uf0b7", "Symbol")}  # Word's own bullet: Symbol font, U+F0B7

    def __init__(self, document):
        self.part = document.part.numbering_part
        root = self.part.element
        first_num = root.find(qn("w:num"))
        for abstract_id, fmt, text, font in self.STYLES.values():
            abstract = self.abstract(abstract_id, fmt, text, font)
            # abstractNum elements must precede num elements in numbering.xml
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                root.append(abstract)
        self.root = root
        self.next_id = 900

    @staticmethod
    def abstract(abstract_id: int, fmt: str, text: str, font: str | None):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(LIST_INDENT_TWIPS))
        ind.set(qn("w:hanging"), str(LIST_INDENT_TWIPS))
        ppr.append(ind)
        lvl.append(ppr)
        if font:
            rpr = OxmlElement("w:rPr")
            fonts = OxmlElement("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:hint"):
                fonts.set(qn(attr), font if attr != "w:hint" else "default")
            rpr.append(fonts)
            lvl.append(rpr)
        abstract.append(lvl)
        return abstract

    def new_list(self, style: str = "paren") -> int:
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(self.STYLES[style][0]))
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


LIST_STYLE_OF = {"bullet": "bullet", "number": "dot"}


def fill_cell(cell, paragraphs: list, numbering: Numbering, bold_labels: bool = True,
              gap: float = 4, highlight: bool = False) -> None:
    """Write paragraphs (str, OL, LI, or (label, text) pairs) into a table cell, with Word's
    yellow highlight on every run when `highlight` (a draft's "to check" marks)."""
    first = cell.paragraphs[0]
    list_id, list_kind = None, None
    for i, para in enumerate(paragraphs):
        p = first if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(gap)
        kind = "ol" if isinstance(para, OL) else (f"li-{para.kind}" if isinstance(para, LI) else None)
        if kind is None:
            list_id = list_kind = None
        elif kind != list_kind:
            list_id = numbering.new_list("paren" if kind == "ol" else LIST_STYLE_OF[para.kind])
            list_kind = kind
        if kind is not None:
            numbering.apply(p, list_id)
        content = para.text if isinstance(para, (OL, LI)) else para
        if isinstance(content, OL):
            content = content.text
        if isinstance(content, tuple):  # a bold status label, then the rest of the paragraph
            label, text = content
            p.add_run(label).bold = bold_labels or None
            if text:
                add_runs(p, " " + text)
        else:
            add_runs(p, content)
        if highlight:
            for run in p.runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def set_repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def add_page_number_footer(section) -> None:
    """A centred page number in the section's footer. publish/draft.py writes the same footer:
    not shared on purpose, so that the fixtures do not come from the code they test."""
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
    bold, gap = note.layout.bold_labels, note.layout.paragraph_gap_pt
    for row in rows:
        drawn = physical_rows(note, row)
        first_index = len(table.rows)
        for cells_spec in drawn:
            cells = table.add_row().cells
            for cell, spec in zip(cells, cells_spec):
                if not spec.covered:
                    fill_cell(cell, spec.paragraphs, numbering, bold, gap, spec.highlight)
        for j, spec in enumerate(drawn[0]):
            if spec.span > 1:  # Word's vertical merge: the first cell over the rows below
                table.cell(first_index, j).merge(table.cell(first_index + spec.span - 1, j))


def set_widths(table, widths: list) -> None:
    for r in table.rows:
        for cell, w in zip(r.cells, widths):
            cell.width = Cm(w)


def render_docx(note: Note, out: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    width, height = A4_CM if not note.layout.landscape else A4_CM[::-1]
    section.page_height, section.page_width = Cm(height), Cm(width)
    if note.layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
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

    headers = columns(note.layout)
    widths = column_widths(note.layout)
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
