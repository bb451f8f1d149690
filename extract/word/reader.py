"""Read a Word (.docx) file into paragraphs and tables in body order.

python-docx gives the XML; we walk it ourselves because the published notes use things its
high-level API hides: automatic list numbers (the "1)" a reader sees is not in the text),
vertically merged cells, hyperlinks and content controls around runs, tracked changes.

Tracked changes read as accepted: inserted runs (w:ins) are text, deleted runs (w:del, whose
text is w:delText) and the old place of moved text (w:moveFrom) are not, nor are table rows
marked deleted. Comments live in their own part and are not text. Automatic numbers are written out as Word
draws them (headings are numbered that way, "I.", "a)"); the layout pass takes list markers off
task cells, for Word and PDF alike.

Text boxes (w:txbxContent: a DrawingML shape's wps:txbx, or a legacy VML v:textbox) are read
where they are anchored, after their paragraph's own text: their paragraphs and tables are blocks
like the body's. Word writes each box twice, in mc:AlternateContent: the DrawingML shape as the
mc:Choice and the VML one as the mc:Fallback for older readers. Only the Choice is read (the
Fallback is dropped before anything is read), so a box's words count once.

A text box in a page header whose shape is turned diagonally and whose text is set large is a
watermark's ("DRAFT" in a box turned 45 degrees behind the text), as extract/pdf/watermark.py
reads a watermark's letters in a PDF: set aside as a passage of kind "watermark", with a
warning, not read into the header block. Word's own watermark (WordArt) holds no text run.
"""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from ..layout import find_header_row
from ..model import Cell, Passage, RawDocument, TableBlock, TableRow, TextBlock
from ..pdf.watermark import RIGHT_ANGLE, WATERMARK_MIN_SIZE_PT, WATERMARK_WARNING, is_diagonal_turn
from ..symbols import symbol_text
from ..text import clean

W_P, W_TBL, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
W_MOVE_FROM, W_DEL, W_SDT_CONTENT = qn("w:moveFrom"), qn("w:del"), qn("w:sdtContent")
W_TXBX_CONTENT = qn("w:txbxContent")  # a text box's content, in a DrawingML or a VML shape
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
NOTES_RELS = ("/footnotes", "/endnotes")  # relationship types whose parts hold note text
# the shapes a text box is in, and where they say their turn
WPS_WSP = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp"
V_SHAPE = "{urn:schemas-microsoft-com:vml}shape"
A_XFRM = "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm"
DML_ANGLE_UNITS = 60000  # DrawingML angles are in 60,000ths of a degree
VML_ROTATION = re.compile(r"rotation:\s*(-?[\d.]+)")  # VML's style says "rotation:315" (degrees)
W_SZ = qn("w:sz")
HALF_POINTS = 2  # w:sz is in half-points
# a text element's own text (None: its content), or what a tab, break or hyphen element reads as
# (w:sym, a symbol font's character: None too, read by node_text)
W_SYM = qn("w:sym")
TEXT_TAGS: dict[str, str | None] = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ",
                                    qn("w:noBreakHyphen"): "-", W_SYM: None}
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def to_roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def to_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def format_number(fmt: str, n: int) -> str:
    """Given a Word numFmt and a counter, return the number as Word draws it."""
    if fmt == "lowerRoman":
        return to_roman(n)
    if fmt == "upperRoman":
        return to_roman(n).upper()
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "bullet":
        return "\u2022"
    if fmt == "none":
        return ""
    return str(n)


class ListNumbers:
    """Counters for Word's automatic numbering, so list items read as they print."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract_levels = {}
        for abstract in numbering.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.findall(qn("w:lvl")):
                abstract_levels[(aid, int(lvl.get(qn("w:ilvl"), "0")))] = self._level(lvl)
        for num in numbering.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            aid = ref.get(qn("w:val")) if ref is not None else None
            for (a, ilvl), spec in abstract_levels.items():
                if a == aid:
                    self.levels[(nid, ilvl)] = spec
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    self.levels[(nid, ilvl)] = self._level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and (nid, ilvl) in self.levels:
                    fmt, text, _ = self.levels[(nid, ilvl)]
                    self.levels[(nid, ilvl)] = (fmt, text, int(start.get(qn("w:val"))))

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        def val(tag, default):
            el = lvl.find(qn(tag))
            return el.get(qn("w:val")) if el is not None and el.get(qn("w:val")) is not None else default
        return val("w:numFmt", "decimal"), val("w:lvlText", "%1."), int(val("w:start", "1"))

    def prefix(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the label Word prints."""
        if (num_id, ilvl) not in self.levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_start = self.levels.get((num_id, len(counters)), ("decimal", "", 1))[2]
            counters.append(level_start - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]
        fmt, text, _ = self.levels[(num_id, ilvl)]

        def number(match):
            level = int(match.group(1)) - 1
            if level >= len(counters):
                return ""
            level_fmt = self.levels.get((num_id, level), (fmt, "", 1))[0]
            return format_number(level_fmt, counters[level])

        return re.sub(r"%(\d)", number, text) if fmt != "bullet" else "\u2022"


def paragraph_numbering(p, styles_numbering) -> tuple[str, int] | None:
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        numpr = ppr.find(qn("w:numPr"))
        if numpr is not None:
            num_id = numpr.find(qn("w:numId"))
            ilvl = numpr.find(qn("w:ilvl"))
            if num_id is not None:
                return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            return styles_numbering.get(style.get(qn("w:val")))
    return None


def style_numbering(document) -> dict:
    """Paragraph styles that carry numbering (Word's "List Number", heading styles)."""
    out = {}
    for style in document.styles.element.findall(qn("w:style")):
        numpr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
        if numpr is None:
            continue
        num_id = numpr.find(qn("w:numId"))
        ilvl = numpr.find(qn("w:ilvl"))
        if num_id is not None:
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            out[style.get(qn("w:styleId"))] = (num_id.get(qn("w:val")), level)
    return out


class DocxReader:
    def __init__(self, document, taught: tuple = ()):
        self.document = document
        self.taught = taught  # the header wordings a user taught (ReadOptions.roles): a frame test reads them
        self.numbers = ListNumbers(document)
        self.style_numbers = style_numbering(document)
        # moved text is rare: look for its old place only in documents that have one
        self.has_moves = next(document.element.body.iter(W_MOVE_FROM), None) is not None
        # text boxes too: a paragraph's own text is told from its boxes' only where there are any
        roots = [document.element.body] + [e for _, e in header_footer_parts(document)]
        self.has_boxes = any([keep_one_alternative(root) for root in roots])
        self.warnings: list[str] = []  # for documents.warnings: parts of the file that could not be read

    def paragraph_text(self, p) -> str:
        """The text of a paragraph as it prints: tracked changes accepted, automatic number in front."""
        text = clean(raw_paragraph_text(p, self.has_moves, self.has_boxes))
        numbering = paragraph_numbering(p, self.style_numbers)
        if numbering is not None:
            prefix = self.numbers.prefix(*numbering)
            if prefix and text:
                text = f"{prefix} {text}"
        return text

    def cell(self, tc) -> Cell:
        """Every paragraph of the cell in order, nested tables, text boxes and content controls included.
        Automatic numbers are written out, as in the PDF: a heading row needs its "a)", and the
        layout takes list markers off task cells for both formats alike."""
        return Cell([t for t in (self.paragraph_text(p) for p in tc.iter(W_P)) if t])

    def table(self, tbl) -> TableBlock:
        """The rows of a table, rows and cells in content controls included; a nested table's
        rows are read as part of their cell."""
        rows = []
        for tr in tbl.iter(W_TR):
            if owning_table(tr) is not tbl or is_deleted_row(tr):
                continue  # a nested table's row, or a row deleted with tracked changes on
            cells = []
            for tc in row_cells(tr):
                tcpr = tc.find(qn("w:tcPr"))
                span = 1
                merged_continue = False
                if tcpr is not None:
                    grid = tcpr.find(qn("w:gridSpan"))
                    span = int(grid.get(qn("w:val"), "1")) if grid is not None else 1
                    vmerge = tcpr.find(qn("w:vMerge"))
                    merged_continue = vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")
                # a vertically merged continuation reads as empty: the text is in the cell above
                cells.append(Cell() if merged_continue else self.cell(tc))
                cells.extend(Cell() for _ in range(span - 1))
            rows.append(TableRow(cells))
        return TableBlock(rows)

    def table_blocks(self, tbl) -> list:
        """A table as blocks: one TableBlock, or, for a frame (a table whose cells hold tables
        and which is no task table itself: a one-cell frame around each table, a layout table),
        what its cells hold in reading order, framed tables read as tables of their own."""
        block = self.table(tbl)
        if not is_frame(tbl) or find_header_row(block.rows, self.taught) is not None:
            return [block]
        out: list = []
        for tr in tbl.iter(W_TR):
            if owning_table(tr) is not tbl or is_deleted_row(tr):
                continue
            for tc in row_cells(tr):
                out.extend(self.content_blocks(tc))
        return out

    def content_blocks(self, container) -> list:
        """The blocks of a container of paragraphs and tables (the body, a cell, a text box), in
        order: each paragraph followed by the text boxes anchored in it."""
        out: list = []
        for child in container.iterchildren(W_P, W_TBL, W_SDT):
            if child.tag == W_TBL:
                out.extend(self.table_blocks(child))
                continue
            for p in [child] if child.tag == W_P else child.iter(W_P):
                text = self.paragraph_text(p)
                if text:
                    out.append(TextBlock(text))
                if self.has_boxes and child.tag == W_P:
                    for box in own_boxes(p):
                        out.extend(self.content_blocks(box))
        return out

    def page_header_blocks(self) -> list:
        """Paragraphs of the first page's header (some notes put the symbol and date there),
        read ahead of the body so that the header block sees them. A header part that cannot
        be read is skipped with a warning naming it; what the other parts hold is kept."""
        from docx.enum.section import WD_HEADER_FOOTER

        def part_name(section, index) -> str:
            ref = section._sectPr.get_headerReference(index)
            rel = self.document.part.rels.get(ref.rId) if ref is not None else None
            if rel is None or rel.is_external:
                return f"relationship {ref.rId if ref is not None else '?'}, which the document lacks"
            return rel.target_part.partname.lstrip("/")

        out: list = []
        if not len(self.document.sections):
            return out
        section = self.document.sections[0]
        kinds = [("first-page", WD_HEADER_FOOTER.FIRST_PAGE)] if section.different_first_page_header_footer else []
        kinds.append(("default", WD_HEADER_FOOTER.PRIMARY))
        for kind, index in kinds:
            try:  # python-docx resolves the part here: KeyError for a missing relationship,
                # AttributeError for a part it could not load as a header
                header = section.first_page_header if index == WD_HEADER_FOOTER.FIRST_PAGE else section.header
                if header.is_linked_to_previous:
                    continue
                element = header._element
            except (AttributeError, KeyError, ValueError) as exc:
                self.warnings.append(f"page_header_unread: the {kind} page header ({part_name(section, index)}) "
                                     f"could not be read ({type(exc).__name__}); the rest of the note was read")
                continue
            for p in element.iter(W_P):
                text = self.paragraph_text(p)
                if text and not text.isdigit() and not in_watermark_box(p):
                    out.append(TextBlock(text))
        return out

    def furniture(self, read_as_header: list[TextBlock]) -> list[Passage]:
        """What the page headers and footers hold besides the header block, set aside from the
        text and accounted for: running heads and feet (every paragraph not read into the header
        block: page numbers, the symbol on every page), then the paragraphs of their watermark
        boxes, each watermark's text warned once. One walk over the parts for both."""
        taken = Counter(b.text for b in read_as_header)
        running, marks = [], []
        for _, element in header_footer_parts(self.document):
            for p in element.iter(W_P):
                text = clean(raw_paragraph_text(p, False, self.has_boxes))
                if not text:
                    continue
                if in_watermark_box(p):
                    marks.append(Passage("watermark", text))
                elif taken[text] > 0:
                    taken[text] -= 1
                else:
                    running.append(Passage("furniture", text))
        for text in dict.fromkeys(p.text for p in marks):
            self.warnings.append(f'{WATERMARK_WARNING}"{text}" in the page header; '
                                 "set aside, not read as the note's text")
        return running + marks

    def note_blocks(self) -> list:
        """Footnotes and endnotes, as paragraphs after the body (their numbers are fields)."""
        out = []
        for root in notes_parts(self.document):
            for note in root:
                for p in note.iter(W_P):
                    text = clean(raw_paragraph_text(p, False, True))
                    if text:
                        out.append(TextBlock(text))
        return out

    def source_words(self) -> list[str]:
        """Every word of the body, headers, footers and notes, tracked changes accepted, read
        on a path of its own (no numbering, no layout): the yardstick of the accounting."""
        roots = [self.document.element.body] + [e for _, e in header_footer_parts(self.document)]
        roots += notes_parts(self.document)
        words = []
        for root in roots:
            for p in root.iter(W_P):
                if any(is_deleted_row(tr) for tr in p.iterancestors(W_TR)):
                    continue
                own = [n for n in p.iter(*TEXT_TAGS) if next(n.iterancestors(W_P)) is p]
                if not own:
                    continue
                text = "".join(node_text(n) for n in own
                               if not (self.has_moves and next(n.iterancestors(W_MOVE_FROM), None) is not None))
                words.extend(clean(text).split())
        return words

    def blocks(self, page_header: list) -> list:
        return list(page_header) + self.content_blocks(self.document.element.body) + self.note_blocks()


def keep_one_alternative(root) -> bool:
    """Drop, in place, every mc:AlternateContent's Fallback (and any Choice after the first)
    where it has a Choice, so that what Word wrote twice (a text box as a DrawingML shape and as
    VML) is read once; return whether `root` holds a text box."""
    has_boxes = False
    for element in list(root.iter(MC_ALTERNATE, W_TXBX_CONTENT)):  # one walk of the tree for both
        if element.tag == W_TXBX_CONTENT:
            has_boxes = True  # a box in a dropped Fallback has its twin in the Choice
            continue
        choices = element.findall(MC_CHOICE)
        if choices:
            for extra in choices[1:] + element.findall(MC_FALLBACK):
                element.remove(extra)
    return has_boxes


def own_boxes(p) -> list:
    """The text boxes anchored in paragraph `p` itself (not those inside its boxes' paragraphs)."""
    return [box for box in p.iter(W_TXBX_CONTENT) if next(box.iterancestors(W_P)) is p]


def shape_turn(box) -> float:
    """The turn of the shape a text box is in, in degrees within [0, 90)."""
    for shape in box.iterancestors(WPS_WSP, V_SHAPE):
        if shape.tag == WPS_WSP:
            xfrm = next(shape.iter(A_XFRM), None)
            rot = xfrm.get("rot") if xfrm is not None else None
            return (int(rot) / DML_ANGLE_UNITS) % RIGHT_ANGLE if rot and rot.lstrip("-").isdigit() else 0.0
        match = VML_ROTATION.search(shape.get("style", ""))
        return float(match.group(1)) % RIGHT_ANGLE if match else 0.0
    return 0.0


def largest_size_pt(box) -> float:
    """The largest type size (pt) a text box's runs set, 0 where none sets one."""
    sizes = [int(sz.get(qn("w:val"))) / HALF_POINTS for sz in box.iter(W_SZ) if (sz.get(qn("w:val")) or "").isdigit()]
    return max(sizes, default=0.0)


def in_watermark_box(p) -> bool:
    """Is paragraph `p` in a text box turned diagonally (off the horizontal and the vertical by
    MIN_TURN_DEGREES at least) whose text is set large: a watermark's?"""
    box = next(p.iterancestors(W_TXBX_CONTENT), None)
    if box is None:
        return False
    return is_diagonal_turn(shape_turn(box)) and largest_size_pt(box) >= WATERMARK_MIN_SIZE_PT


def holds_table(child) -> bool:
    """Is `child` of a cell a table, or a paragraph whose text box holds one?"""
    return child.tag == W_TBL or (child.tag == W_P and any(box.find(W_TBL) is not None for box in own_boxes(child)))


def is_frame(tbl) -> bool:
    """Does a table hold tables in its own cells, or in text boxes there (a frame or a layout table)?"""
    return any(holds_table(child) for tr in tbl.iter(W_TR) if owning_table(tr) is tbl
               for tc in row_cells(tr) for child in tc)


def owning_table(tr):
    """The table a row belongs to, through any content controls (w:sdt/w:sdtContent) around it."""
    parent = tr.getparent()
    while parent is not None and parent.tag in (W_SDT, W_SDT_CONTENT):
        parent = parent.getparent()
    return parent


def row_cells(tr) -> list:
    """A row's cells in order, those inside content controls included where they stand."""
    out = []
    for child in tr:
        if child.tag == W_TC:
            out.append(child)
        elif child.tag == W_SDT:
            out.extend(c for c in child.iter(W_TC) if owning_row(c) is tr)
    return out


def owning_row(tc):
    parent = tc.getparent()
    while parent is not None and parent.tag in (W_SDT, W_SDT_CONTENT):
        parent = parent.getparent()
    return parent


def raw_paragraph_text(p, has_moves: bool, has_boxes: bool = False) -> str:
    """A paragraph's text nodes joined, without the old place of moved text, nor (where the
    document has text boxes) the paragraphs of the boxes anchored in it: those are read apart."""
    parts = []
    for node in p.iter(*TEXT_TAGS):
        if has_moves and any(a.tag == W_MOVE_FROM for a in node.iterancestors(W_MOVE_FROM)):
            continue
        if has_boxes and next(node.iterancestors(W_P)) is not p:
            continue
        parts.append(node_text(node))
    return "".join(parts)


def node_text(node) -> str:
    """What a text element reads as: its text, a symbol font's character, or a tab's space."""
    if node.tag == W_SYM:
        return symbol_text(node.get(qn("w:font")), node.get(qn("w:char")))
    replacement = TEXT_TAGS[node.tag]
    return node.text or "" if replacement is None else replacement


def is_deleted_row(tr) -> bool:
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and trpr.find(W_DEL) is not None


def header_footer_parts(document) -> list:
    """Every distinct header and footer part of every section, in order."""
    seen, out = set(), []
    for section in document.sections:
        for name in ("first_page_header", "header", "even_page_header",
                     "first_page_footer", "footer", "even_page_footer"):
            try:
                part = getattr(section, name)
                element = part._element
            except (AttributeError, KeyError, ValueError):
                continue
            if part.is_linked_to_previous or id(element) in seen:
                continue
            seen.add(id(element))
            out.append((name, element))
    return out


def notes_parts(document) -> list:
    """The XML of the footnotes and endnotes parts, when the document has them."""
    from docx.oxml import parse_xml

    out = []
    for rel in document.part.rels.values():
        if rel.reltype.endswith(NOTES_RELS) and not rel.is_external:
            try:
                root = parse_xml(rel.target_part.blob)
            except Exception:  # a damaged notes part: its words are reported unplaced
                continue
            keep_one_alternative(root)
            out.append(root)
    return out


def page_count(path: Path) -> int | None:
    """The page count Word saved in docProps/app.xml, when it did."""
    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    match = re.search(r"<Pages>(\d+)</Pages>", xml)
    return int(match.group(1)) if match else None


def read_docx(path: Path, taught: tuple = ()) -> RawDocument:
    """Given a .docx path (and the header wordings a user taught), return its paragraphs and
    tables in reading order."""
    document = Document(str(path))
    reader = DocxReader(document, taught)
    page_header = reader.page_header_blocks()
    furniture = reader.furniture(page_header)
    return RawDocument(format="docx", blocks=reader.blocks(page_header), n_pages=page_count(path),
                       warnings=reader.warnings, source_words=reader.source_words(), furniture=furniture)
