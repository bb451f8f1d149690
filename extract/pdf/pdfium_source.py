"""PDF pages read by PDFium (pypdfium2), given in pdfplumber's shapes.

pdfplumber reads a page by running pdfminer over its content stream in Python: about 94 % of
the time a note's PDF took. PDFium parses the same page in C. This module asks it, through
pypdfium2's raw functions, for what the reader uses and hands it on as pdfplumber would:

- chars: one dict per character drawn (text, fontname, size, x0, x1, top, bottom, matrix,
  upright, non_stroking_color, ...), from the text page, the line ends PDFium adds itself left
  out. They are read as lean chars first, a tuple each (`LeanChar`): what words, spaces and the
  overlap check read, and the text object's run, whose keys a level character shares. The
  dicts are made only where something asks for `chars` (a page that may hold a large or turned
  letter, a word with a symbol font's private-use character, a filtered copy of the page): a
  dict a character was about a sixth of a warm page's time. Words are cut from the lean chars
  by pdfplumber's rules (`lean_words`: its WordExtractor written out for level text, checked
  against it on every fixture page by tests/test_pdf_engines.py);
- rects, lines, curves: every painted path, split into subpaths and named as pdfminer names
  them (`converter.paint_path`: "ml" a line, an axis-aligned closed "mlllh" a rect, anything
  else a curve), with its fill and stroke and their colours; edges come from them through
  pdfplumber's own `Container` (rect_edges, curve_edges), and ruled tables through its own
  `TableFinder` (grid.py), so the rules that make cells are one code too;
- images: each image's box and its pixel size (`srcsize`), for telling scans;
- page size (its own MediaBox, or its page tree's as pdfminer reads it: PDFium's
  FPDFPage_GetMediaBox reads a page's own only), /Rotate (coordinates turned as pdfminer turns
  them) and the page number; a page turned by /Rotate is handed to pdfplumber whole, though
  (PdfiumPages says why).

Where the two sources differ, by design (tests/test_pdf_engines.py names each):
- a character's box: its bottom is the baseline plus the font's descent, its top one size
  above, as pdfminer's; but the descent is PDFium's reading of the font, where pdfminer reads
  the descriptor's /Descent: the same for Chromium's and WeasyPrint's fonts, while LibreOffice
  writes /Descent 0 and its letters sit 0.18 of their size lower here than in pdfplumber;
- colours are (r, g, b) fractions: PDFium gives a colour as RGB whatever its colour space,
  where pdfminer gives the operands as written ((g,) for a grey, four for CMYK); `as_rgb`
  in source.py reads both alike;
- coordinates are PDFium's single-precision floats (a path's rounded to COORD_DIGITS decimals);
- a ligature glyph ("ffi") is one char for pdfminer and its letters for PDFium (words alike);
- a space's box is the gap after the character before it (nothing reads it: words end at a
  space, the overlap check skips blanks); a space PDFium adds where a producer positioned the
  next word without drawing one (Chromium) is a char too, as pdfminer's reading of the gap.
"""
from __future__ import annotations

import ctypes
import functools
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf
from pdfplumber.container import Container
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES, WordExtractor

from .source import BOX_BOTTOM, BOX_TEXT, BOX_TOP, BOX_X0, BOX_X1, BY_X0

COORD_DIGITS = 4  # float32 carries about 7 digits: 841.8898 is as far as a page coordinate goes
FONT_NAME_BYTES = 256
MAX_FORM_DEPTH = 16  # forms nest forms; a loop of them in a damaged file must end somewhere
FULL_COLOUR = 255.0
PATH_OPS = {fpdf.FPDF_SEGMENT_LINETO: "l", fpdf.FPDF_SEGMENT_BEZIERTO: "c", fpdf.FPDF_SEGMENT_MOVETO: "m"}
# pdfplumber expands these when it makes words (its expand_ligatures default); chars keep them.
# Each is one character: one translate per word.
LIGATURE_TABLE = str.maketrans(LIGATURES)
BEZIER_POINTS = 3  # PDFium gives a curve segment as three points: two controls and its end
FILLMODE_EVENODD = fpdf.FPDF_FILLMODE_ALTERNATE
IDENTITY = (1, 0, 0, 1, 0, 0)
SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character outside the BMP: one UTF-16 unit is not one char
SOFT_HYPHEN_MARK = "\ufffe"
EMPTY_TEXT_BYTES = 2  # FPDFTextObj_GetText's count for no text: its UTF-16 terminator
SPACE_SNAP = 0.5  # pt: a dropped space's origin and the letter it follows, one place in float32
# A space is about a quarter of its size wide: a text object of the same baseline starting nearer
# than this to a space PDFium made (or a dropped one) says no gap is there (LetterStarts)
MIN_SPACE_EM = 0.1
# where text_run's tuple keeps what read_chars and char_dict read of a character's run
RUN_SIZE, RUN_DESCENT, RUN_LINEAR, RUN_SHARED, RUN_DOCTOP = 1, 4, 5, 8, 10
# a lean char: its box first (source.py's BOX_*), then its origin (its matrix's e and f) and its
# source: its text object's run (text_run's tuple) or, for a letter not level on an unturned
# page, its whole char dict
CHAR_E, CHAR_F, CHAR_SOURCE = 5, 6, 7
# the char keys a level run's characters share, so words may take them as extra attributes
RUN_KEYS = frozenset({"fontname", "size", "upright", "non_stroking_color", "stroking_color"})
LeanChar = tuple  # (text, x0, x1, top, bottom, e, f, source)


def c_function(function, restype, *argtypes):
    """A PDFium function called with plain addresses and numbers: pypdfium2's wrapper builds a
    typed pointer object for every handle it returns, which costs more than the call itself
    once per character."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value or 0)


def unchecked_c_function(function, restype):
    """A PDFium function for the calls made once per character, declared without argument types:
    ctypes then converts nothing it is handed, a third of each call's time (`python
    bench/page_cost.py --calls`). Every pointer must come as a c_void_p object (a plain int would
    pass as C's int), the index as an int. Without argument types CPython calls it as a function
    of fixed arguments on every platform (callproc.c: variadic only where fewer types than
    arguments are declared, and some are)."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value or 0)


# once per character: (text page, index) and out-parameters, each a c_void_p
text_object_at = unchecked_c_function(fpdf.FPDFText_GetTextObject, ctypes.c_void_p)
loose_box_at = unchecked_c_function(fpdf.FPDFText_GetLooseCharBox, ctypes.c_int)
origin_at = unchecked_c_function(fpdf.FPDFText_GetCharOrigin, ctypes.c_int)
# once per text object (a run of characters: a word, with some producers)
matrix_at = c_function(fpdf.FPDFText_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
font_size_of = c_function(fpdf.FPDFTextObj_GetFontSize, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
font_of = c_function(fpdf.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)
descent_of = c_function(fpdf.FPDFFont_GetDescent, ctypes.c_int, ctypes.c_void_p, ctypes.c_float, ctypes.c_void_p)
ascent_of = c_function(fpdf.FPDFFont_GetAscent, ctypes.c_int, ctypes.c_void_p, ctypes.c_float, ctypes.c_void_p)
font_name_of = c_function(fpdf.FPDFFont_GetBaseFontName, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p,
                          ctypes.c_size_t)
RGBA = (ctypes.c_void_p,) * 4
LINEAR_BYTES = 4 * ctypes.sizeof(ctypes.c_float)  # FS_MATRIX's a, b, c and d: the text's matrix without its place
# once per segment of a path (a table's rules are hundreds)
segment_at = c_function(fpdf.FPDFPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
segment_point = c_function(fpdf.FPDFPathSegment_GetPoint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                           ctypes.c_void_p)
segment_type = c_function(fpdf.FPDFPathSegment_GetType, ctypes.c_int, ctypes.c_void_p)
segment_closes = c_function(fpdf.FPDFPathSegment_GetClose, ctypes.c_int, ctypes.c_void_p)
fill_colour_of = c_function(fpdf.FPDFPageObj_GetFillColor, ctypes.c_int, ctypes.c_void_p, *RGBA)
stroke_colour_of = c_function(fpdf.FPDFPageObj_GetStrokeColor, ctypes.c_int, ctypes.c_void_p, *RGBA)


RIGHT_ANGLE_DEGREES = 90  # /Rotate in PDFium's terms: quarter turns clockwise, 0 to 3
# where no node of the page tree has a readable MediaBox: ANSI A, as pdfminer takes it
PDFMINER_DEFAULT_MEDIABOX = (0.0, 0.0, 612.0, 792.0)


def page_rotation(page) -> int:
    """A raw page's /Rotate, clockwise degrees (pypdfium2's PdfPage.get_rotation)."""
    quarters = fpdf.FPDFPage_GetRotation(page)
    if quarters < 0:
        raise pdfium.PdfiumError("Failed to get page rotation.")
    return quarters * RIGHT_ANGLE_DEGREES


def own_mediabox(page) -> tuple | None:
    """A raw page's own MediaBox, (left, bottom, right, top), or None where its page dictionary
    has none: FPDFPage_GetMediaBox does not look for it up the page tree (pypdfium2's
    get_mediabox says so; PDFium's bounding box does, but intersected with the CropBox, which
    pdfplumber's page size leaves out)."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not fpdf.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return None
    return (left.value, bottom.value, right.value, top.value)


class PdfiumUnreadable(Exception):
    """PDFium cannot open the file or had to rebuild its cross-reference table: pdfplumber reads it."""


def matrix_mult(m1: tuple, m2: tuple) -> tuple:
    """m1 then m2, as pdfminer's mult_matrix."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m2
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def rotation_ctm(rotation: int, box: tuple) -> tuple:
    """The matrix pdfminer starts a page with: /Rotate turned and the media box moved to 0, 0."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def turned_advance(linear: tuple, box, extent: float) -> float:
    """A turned letter's advance in text space, as pdfminer's `adv`: PDFium's loose box is the
    rectangle (advance wide, ascent to descent high) turned by the matrix, so its width is
    |a| advance + |c| extent and its height |b| advance + |d| extent; the larger of |a|, |b|
    reads it. pdfminer's size for the letter is then its box's height (`turned_char`): the same
    number in both sources, which the watermark test reads (watermark.letter_size)."""
    a, b, c, d = linear
    if a == b == 0:
        return 0.0  # a matrix that flattens the baseline to a point ("0 0 1 1 x y Tm"): no advance to read back
    if abs(a) >= abs(b):
        return max(0.0, ((box.right - box.left) - abs(c) * extent) / abs(a))
    return max(0.0, ((box.top - box.bottom) - abs(d) * extent) / abs(b))


@functools.lru_cache(maxsize=1024)
def colour(r: int, g: int, b: int) -> tuple:
    """PDFium's 0-255 components as pdfminer's fractions."""
    return tuple(round(v / FULL_COLOUR, COORD_DIGITS) for v in (r, g, b))


class ObjectColours:
    """Reads a page object's fill and stroke colours (RGBA) through one set of out-parameters
    (by address: see read_chars)."""

    def __init__(self):
        self.r, self.g, self.b, self.a = (ctypes.c_uint() for _ in range(4))
        self.refs = tuple(ctypes.addressof(v) for v in (self.r, self.g, self.b, self.a))

    def fill(self, obj) -> tuple | None:
        if not fill_colour_of(obj, *self.refs):
            return None
        return colour(self.r.value, self.g.value, self.b.value)

    def stroke(self, obj) -> tuple | None:
        if not stroke_colour_of(obj, *self.refs):
            return None
        return colour(self.r.value, self.g.value, self.b.value)


class RunOut:
    """The out-parameters text_run reads a text object through, made once a page, by address."""

    def __init__(self):
        self.matrix = fpdf.FS_MATRIX()
        self.size = ctypes.c_float()
        self.metric = ctypes.c_float()
        self.matrix_at = ctypes.addressof(self.matrix)
        self.size_at = ctypes.addressof(self.size)
        self.metric_at = ctypes.addressof(self.metric)


class PdfiumPage(Container):
    """One page read by PDFium: chars, paths and images as pdfplumber's dicts (its Container
    gives edges and the rest from them), the chars made from lean chars when asked for."""

    # pdfplumber's (_rect_edges, _curve_edges, _edges, _objects) and the lean chars: flushed together
    cached_properties = [*Container.cached_properties, "_lean"]

    def __init__(self, document: PdfiumDocument, index: int, doctop: float):
        self.kept_chars: Callable[[], list[dict]] | None = None  # a filtered copy's chars, made when asked for (filter)
        self.document = document
        self.page_number = index + 1
        self.index = index
        self.pdfium_page = document.load_page(index)
        self.rotation = page_rotation(self.pdfium_page)
        self.mediabox = own_mediabox(self.pdfium_page) or document.inherited_mediabox(index)
        x0, y0, x1, y1 = self.mediabox
        self.width, self.height = (y1 - y0, x1 - x0) if self.rotation in (90, 270) else (x1 - x0, y1 - y0)
        self.bbox = (0, 0, self.width, self.height)
        self.initial_doctop = doctop
        self.ctm = rotation_ctm(self.rotation, self.mediabox)

    @property
    def objects(self) -> dict:
        """The page's rects, lines, curves and images, and its chars once `chars` has made them."""
        if not hasattr(self, "_objects"):
            self._objects = self.read_objects()
        return self._objects

    @property
    def lean_chars(self) -> list[LeanChar] | None:
        """The page's characters as lean chars, as read; None on a filtered copy (`filter`)."""
        if self.kept_chars is not None:
            return None
        if hasattr(self, "_objects") and not hasattr(self, "_lean"):
            self.flush_cache()  # flushed apart (flush_cache(["_lean"])): the page is read again
        self.objects  # noqa: B018 (reading the page, if not read yet, sets _lean)
        return self._lean

    @property
    def chars(self) -> list[dict]:
        """The page's characters as pdfplumber's char dicts, made on first use: a filtered copy's
        are those of its page that its test keeps."""
        lean = self.lean_chars  # first: it may read the page again
        objects = self.objects
        chars = objects.get("char")
        if chars is None:
            # a copy's own, or the page's made from its lean chars (a page has them, a copy not)
            chars = objects["char"] = self.kept_chars() if self.kept_chars else [char_dict(c) for c in lean or ()]
        return chars

    def may_hold_large_letters(self, size: float) -> bool:
        """Might a letter of the page be turned, or level and `size` or larger? False only where
        every letter is level and each text object's size is under it: no char dict need be made
        to know it (extract/pdf/watermark.py)."""
        if self.lean_chars is None:
            return True
        return self.dict_chars or any(run[RUN_SIZE] >= size for run in self.runs.values())

    def read_objects(self) -> dict:
        """Read the page's chars (as lean chars), paths and images from PDFium, its handles
        closed after."""
        document = self.document
        # the page as made, unless its document closed it meanwhile (a dangling handle): then
        # loaded again, which a closed document refuses
        page = self.pdfium_page if document.holds(self.pdfium_page) else document.load_page(self.index)
        self.pdfium_page = None  # what the reader needs is read now: PDFium's page is closed after
        try:
            objects: dict = {"rect": [], "line": [], "curve": [], "image": []}
            textpage = document.load_text_page(page)
            self.runs: dict = {}  # text object address -> its run: read_chars fills it, where there are chars
            self.dict_chars = False  # whether a char was read as a whole dict (read_chars)
            try:
                chars = self._lean = self.read_chars(textpage)
                starts = LetterStarts([chars[i] for i in self.run_starts])
                drop_gapless_spaces(chars, self.made_spaces, starts)
                texts = self.read_graphics(page, objects)
                if len(texts) > len(self.runs):
                    dropped = self.dropped_spaces(texts, textpage)
                    add_dropped_spaces(chars, [(x, y) for x, y in dropped if not starts.at(x, y)])
            finally:
                document.release(textpage)
        finally:
            document.release(page)
        return objects

    # --- text ---

    def read_chars(self, textpage) -> list[LeanChar]:
        """The characters of a text page as lean chars, in drawing order."""
        self.made_spaces: list[int] = []  # where in the chars the spaces PDFium made stand
        self.run_starts: list[int] = []  # and where each text object's first character does
        count = fpdf.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        texts = page_text(textpage, count)
        handle = ctypes.cast(textpage, ctypes.c_void_p).value or 0  # an address: a text page is never at 0
        box = fpdf.FS_RECTF()
        run_out = RunOut()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        # the per-character calls' pointers, as c_void_p objects made once (unchecked_c_function)
        page_ref = ctypes.c_void_p(handle)
        box_ref, x_ref, y_ref = (ctypes.c_void_p(ctypes.addressof(out)) for out in (box, origin_x, origin_y))
        runs = self.runs = {}  # text object address -> what its characters share (dropped_spaces reads its keys)
        colours = ObjectColours()
        alike: dict = {}  # a run's font, size, matrix and colours -> its tuple (text_run)
        chars: list[LeanChar] = []
        append = chars.append  # the loop below runs once a character: its lookups made once
        # A page PDFium reads itself is never turned (PdfiumPages): its matrix only moves the
        # MediaBox's corner to 0, 0, a shift added to each letter's origin and advance here. (Such
        # a page, its box at 0, 100 say, went down the turned letters' path before, every letter
        # boxed by PDFium's loose box: a heading line's top 1 pt lower, a passage cut in two.)
        top_of, plain_page = self.height, self.ctm[:4] == IDENTITY[:4]
        shift_x, shift_y = self.ctm[4], self.ctm[5]
        previous: LeanChar | None = None
        # the run and baseline `filled_f` whose top and bottom `top` and `bottom` hold: a level text
        # object's characters share their baseline (PDFium puts a horizontal font's characters
        # along the object's x axis), so they are worked out once a run, not once a character
        run: tuple = ()  # the text object `run_key`'s (text_run), set at its first character
        run_key = None
        level = False  # `run` is level text on an unturned page (its chars lean, not dicts)
        filled: tuple | None = None
        filled_f = top = bottom = 0.0
        for i, text in enumerate(texts):
            key = text_object_at(page_ref, i)
            if not key:
                # a character PDFium made (a line end, or a space where a producer drew none:
                # Chromium positions each word and draws no space glyph, pdfminer reads the
                # gap); a space ends a word here, as a space char does for pdfplumber
                if text == " " and previous is not None and previous[BOX_TEXT] != " ":
                    previous = space_after(previous, keep_matrix=True)
                    self.made_spaces.append(len(chars))
                    append(previous)
                continue
            if text == " " and previous is not None and previous[BOX_TEXT] != " ":
                # nothing reads a space's box (words end at it, the overlap check skips it):
                # the gap after the previous character stands for it, two calls fewer
                previous = space_after(previous)
                append(previous)
                continue
            if key != run_key:
                if key in runs:
                    run = runs[key]
                else:
                    run = runs[key] = self.text_run(handle, i, key, run_out, colours, alike)
                    self.run_starts.append(len(chars))
                run_key, level = key, plain_page and run[RUN_SHARED] is not None
            loose_box_at(page_ref, i, box_ref)
            origin_at(page_ref, i, x_ref, y_ref)
            if level:
                # level text on an unturned page: pdfminer's box runs from the origin to its
                # advance (the loose box's right), from the descent under the baseline up one
                # size; the rest is the run's (char_dict)
                e, f = origin_x.value + shift_x, origin_y.value + shift_y
                if run is not filled or f != filled_f:  # checked, not assumed: a rise moves it
                    ybottom = f + run[RUN_DESCENT]
                    top = top_of - (ybottom + run[RUN_SIZE])
                    bottom = top_of - ybottom
                    filled, filled_f = run, f
                previous = (text, e, box.right + shift_x, top, bottom, e, f, run)
            else:
                self.dict_chars = True
                previous = lean_char(self.turned_char(text, run, box, origin_x.value, origin_y.value))
            append(previous)
        return chars

    def turned_char(self, text: str, run: tuple, box, origin_x: float, origin_y: float) -> dict:
        """A character of turned text, or on a turned page: its box is the bounding box of
        PDFium's loose box turned onto the page, its matrix turned too; its advance and size are
        pdfminer's (`turned_advance`)."""
        fontname, _, _, _, _, linear, fill, stroke, _, (font_size, extent), _ = run
        ctm = self.ctm
        corners = [apply(ctm, x, y) for x in (box.left, box.right) for y in (box.bottom, box.top)]
        x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
        ybottom, ytop = min(p[1] for p in corners), max(p[1] for p in corners)
        e, f = apply(ctm, origin_x, origin_y)
        a, b, c, d = matrix_mult((*linear, 0, 0), ctm)[:4]
        adv = turned_advance(linear, box, extent)
        top = self.height - ytop
        return {"object_type": "char", "page_number": self.page_number, "text": text, "fontname": fontname,
                "size": round(abs(b * adv) + abs(d * font_size), COORD_DIGITS), "adv": adv,
                "upright": 0 < a * d and b * c <= 0, "x0": x0, "x1": x1,
                "y0": ybottom, "y1": ytop, "top": top, "bottom": self.height - ybottom,
                "doctop": self.initial_doctop + top, "width": x1 - x0, "height": ytop - ybottom,
                "matrix": (a, b, c, d, e, f), "non_stroking_color": fill, "stroking_color": stroke}

    def text_run(self, textpage: int, index: int, obj: int, out: RunOut, colours: ObjectColours,
                 alike: dict) -> tuple:
        """What the characters of one text object share: font, size, matrix, colours (the text
        page and the object given as addresses). A page's text objects are often a word or a few
        each (28,334 on the benchmark's 346 pages of 49 notes), most of them in a few fonts and
        sizes: an object read as one already read on the page (`alike`, kept by the caller) gets
        that one's tuple, equal in every item bit for bit, so nothing after tells them apart."""
        matrix_at(textpage, index, out.matrix_at)
        font_size = font_size_of(obj, out.size_at) and out.size.value or 0.0
        font = font_of(obj)
        fill, stroke = colours.fill(obj), colours.stroke(obj)
        # the matrix bit for bit, and the size's sign: -0.0 == 0.0 as a key, not in a char's matrix
        key = (font, font_size, math.copysign(1.0, font_size), ctypes.string_at(out.matrix_at, LINEAR_BYTES),
               fill, stroke)
        run = alike.get(key)
        if run is None:
            run = alike[key] = self.new_run(font, font_size, fill, stroke, out)
        return run

    def new_run(self, font: int | None, font_size: float, fill: tuple | None, stroke: tuple | None,
                out: RunOut) -> tuple:
        """text_run's tuple for a font (by address), a font size, colours and the text's matrix
        (its a, b, c, d as `out` holds them, text_run having read them)."""
        matrix = out.matrix
        a, b, c, d = linear = matrix.a, matrix.b, matrix.c, matrix.d
        # pdfminer: the height of the character's box on the page, its font size in page units
        size = font_size * math.hypot(c, d)
        descent, ascent = self.document.font_metrics(font, font_size, out)
        fontname, size, upright = self.document.font_name(font), round(size, COORD_DIGITS), 0 < a * d and b * c <= 0
        level = b == 0 and c == 0 and a > 0 and d > 0
        # the keys every character of a level run shares, in pdfplumber's order: a character's
        # dict copies them and sets its own (char_dict)
        shared = {"object_type": "char", "page_number": self.page_number, "text": "", "fontname": fontname,
                  "size": size, "adv": 0.0, "upright": upright, "x0": 0.0, "x1": 0.0, "y0": 0.0, "y1": 0.0,
                  "top": 0.0, "bottom": 0.0, "doctop": 0.0, "width": 0.0, "height": size, "matrix": IDENTITY,
                  "non_stroking_color": fill, "stroking_color": stroke} if level else None
        # (fontname, size, level, upright, descent, linear, fill, stroke, shared, (font size, ascent to
        # descent), the page's doctop), the tenth in text space: what a turned letter's advance is
        # read from
        return (fontname, size, level, upright, descent * d, linear, fill, stroke, shared,
                (font_size, ascent - descent), self.initial_doctop)

    # --- graphics ---

    def read_graphics(self, page, objects: dict) -> list[tuple]:
        """Add the page's painted paths and its images to `objects`, forms opened; return its
        text objects, each with the matrix of the form it is in."""
        colours = ObjectColours()
        texts: list[tuple] = []
        self.walk(page, fpdf.FPDFPage_CountObjects, fpdf.FPDFPage_GetObject, self.ctm, objects, colours, 0, texts)
        return texts

    def dropped_spaces(self, texts: list[tuple], textpage) -> list[tuple[float, float]]:
        """Where a space was drawn that PDFium's text page left out: a text object none of whose
        characters it holds, with no text PDFium can map and nothing inked (Chromium draws a
        space glyph of a font without a Unicode map as an object of its own, where it sets each
        letter apart). Each as its origin on the page (x, y); pdfminer reads such a space."""
        out = []
        matrix = fpdf.FS_MATRIX()
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for obj, ctm in texts:
            if ctypes.cast(obj, ctypes.c_void_p).value in self.runs:
                continue
            if fpdf.FPDFTextObj_GetText(obj, textpage, None, 0) > EMPTY_TEXT_BYTES:
                # text PDFium maps but left out of its text page on purpose (a copy drawn over
                # its original, a space it merged): not a dropped space. Counted once over
                # tests/fixtures with a throwaway script (FPDFTextObj_GetText wrapped, not kept):
                # 17 such objects, each a lone space, in 16 LibreOffice PDFs
                continue
            if not (fpdf.FPDFPageObj_GetBounds(obj, left, bottom, right, top) and right.value - left.value <= 0
                    and fpdf.FPDFPageObj_GetMatrix(obj, matrix)):
                continue
            out.append(apply(ctm, matrix.e, matrix.f))
        return out

    def walk(self, parent, count_of, object_of, ctm: tuple, objects: dict, colours: ObjectColours, depth: int,
             texts: list) -> None:
        matrix = fpdf.FS_MATRIX()
        for i in range(count_of(parent)):
            obj = object_of(parent, i)
            kind = fpdf.FPDFPageObj_GetType(obj)
            if kind == fpdf.FPDF_PAGEOBJ_TEXT:
                texts.append((obj, ctm))
                continue
            if kind not in (fpdf.FPDF_PAGEOBJ_PATH, fpdf.FPDF_PAGEOBJ_IMAGE, fpdf.FPDF_PAGEOBJ_FORM):
                continue
            if not fpdf.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            own = matrix_mult((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
            if kind == fpdf.FPDF_PAGEOBJ_PATH:
                self.add_path(obj, own, objects, colours)
            elif kind == fpdf.FPDF_PAGEOBJ_IMAGE:
                objects["image"].append(self.image(obj, ctm))
            elif depth < MAX_FORM_DEPTH:
                self.walk(obj, fpdf.FPDFFormObj_CountObjects, fpdf.FPDFFormObj_GetObject, own, objects, colours,
                          depth + 1, texts)

    def add_path(self, obj, ctm: tuple, objects: dict, colours: ObjectColours) -> None:
        """A painted path as pdfminer's lines, rects and curves, one per subpath."""
        fillmode, stroke_out = ctypes.c_int(), ctypes.c_int()
        if not fpdf.FPDFPath_GetDrawMode(obj, fillmode, stroke_out):
            return
        fill, stroke = fillmode.value != fpdf.FPDF_FILLMODE_NONE, bool(stroke_out.value)
        if not (fill or stroke):
            return  # a path ended by "n" (a clip): pdfminer paints nothing
        width = ctypes.c_float()
        linewidth = round(width.value, COORD_DIGITS) if fpdf.FPDFPageObj_GetStrokeWidth(obj, width) else 0.0
        style = {"linewidth": linewidth, "stroke": stroke, "fill": fill,
                 "evenodd": fillmode.value == FILLMODE_EVENODD,
                 "stroking_color": colours.stroke(obj), "non_stroking_color": colours.fill(obj), "dash": None}
        for subpath in subpaths(path_segments(obj, ctm)):
            made = pdfminer_shape(subpath)
            if made is not None:
                kind, pts = made
                objects[kind].append(self.graphic(kind, pts, style))

    def graphic(self, kind: str, pts: list, style: dict) -> dict:
        """A line, rect or curve dict as pdfplumber makes one from pdfminer's object."""
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        digits, height = COORD_DIGITS, self.height
        top = height - y1
        obj = {"object_type": kind, "page_number": self.page_number,
               "x0": round(x0, digits), "x1": round(x1, digits), "y0": round(y0, digits), "y1": round(y1, digits),
               "width": round(x1 - x0, digits), "height": round(y1 - y0, digits),
               "top": round(top, digits), "bottom": round(height - y0, digits),
               "doctop": round(self.initial_doctop + top, digits),
               "pts": [(round(x, digits), round(height - y, digits)) for x, y in pts]}
        obj.update(style)
        return obj

    def image(self, obj, ctm: tuple) -> dict:
        """An image's box on the page and its size in pixels."""
        left, bottom, right, top_ = (ctypes.c_float() for _ in range(4))
        fpdf.FPDFPageObj_GetBounds(obj, left, bottom, right, top_)
        corners = [apply(ctm, x, y) for x in (left.value, right.value) for y in (bottom.value, top_.value)]
        # GetBounds is in the object's parent space already; ctm here is the parent's
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        w, h = ctypes.c_uint(), ctypes.c_uint()
        fpdf.FPDFImageObj_GetImagePixelSize(obj, w, h)
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        return {"object_type": "image", "page_number": self.page_number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                "top": self.height - y1, "bottom": self.height - y0, "width": x1 - x0, "height": y1 - y0,
                "doctop": self.initial_doctop + self.height - y1, "srcsize": (w.value, h.value)}

    # --- what the reader calls ---

    def extract_words(self, **settings) -> list[dict]:
        """Words as pdfplumber's extract_words makes them, from these chars."""
        lean = self.lean_chars
        return lean_words(lean if lean is not None else [lean_char(c) for c in self.chars], **settings)

    def filter(self, test) -> PdfiumPage:
        """A copy of the page holding only the objects `test` keeps (pdfplumber's Page.filter).
        Where the page's char dicts are not made yet (find_grids leaves out shading and reads no
        char), the copy makes its own from the page's lean chars when asked for."""
        lean = self.lean_chars
        kept = {kind: [o for o in objs if test(o)] for kind, objs in self.objects.items()}
        view = PdfiumPage.__new__(PdfiumPage)
        view.__dict__.update({k: v for k, v in self.__dict__.items() if k not in self.cached_properties})
        view._objects = kept
        if "char" in kept:  # the page's dicts are made: the copy holds those `test` keeps
            made = kept["char"]
            view.kept_chars = lambda: made
        elif lean is not None:  # not the page itself, which may be flushed or closed by then
            view.kept_chars = lambda: [char for char in map(char_dict, lean) if test(char)]
        else:  # a copy of a copy
            view.kept_chars = lambda: [char for char in self.chars if test(char)]
        view.pdfium_page = None
        return view

    def plumber_page(self):
        """The same page read by pdfplumber (for OCR, which renders it): opened on first use."""
        return self.document.plumber().pages[self.index]

    def close(self) -> None:
        self.flush_cache()


class QuickWordExtractor(WordExtractor):
    """pdfplumber's word extractor, a word's box taken in one loop: its generic objects_to_bbox
    was a third of the time words took."""

    def merge_chars(self, ordered_chars: list[dict]) -> dict:
        first = ordered_chars[0]
        top = min(c["top"] for c in ordered_chars)
        x0, x1 = min(c["x0"] for c in ordered_chars), max(c["x1"] for c in ordered_chars)
        bottom = max(c["bottom"] for c in ordered_chars)
        expansions = self.expansions
        word = {"text": "".join(expansions.get(c["text"], c["text"] or "") for c in ordered_chars),
                "x0": x0, "x1": x1, "top": top, "doctop": top + first["doctop"] - first["top"], "bottom": bottom,
                "upright": first["upright"], "height": bottom - top, "width": x1 - x0,
                "direction": self.get_char_dir(first["upright"])}
        for key in self.extra_attrs:
            word[key] = first[key]
        return word


def lean_char(char: dict) -> LeanChar:
    """A char dict as a lean char (its source the dict itself)."""
    matrix = char["matrix"]
    return (char["text"], char["x0"], char["x1"], char["top"], char["bottom"], matrix[4], matrix[5], char)


def char_dict(char: LeanChar) -> dict:
    """A lean char as pdfplumber's char dict: a level character's box is its run's descent under
    the baseline to one size above (read_chars), the rest its run's shared keys."""
    source = char[CHAR_SOURCE]
    if type(source) is dict:
        return source
    text, x0, x1, top, bottom, e, f, run = char
    ybottom = f + run[RUN_DESCENT]
    a, b, c, d = run[RUN_LINEAR]
    out = run[RUN_SHARED].copy()  # a copy of a dict display is a third cheaper than the display
    out["text"] = text
    out["x0"] = x0
    out["x1"] = x1
    out["adv"] = out["width"] = x1 - x0  # a space's is 0: its x0 is its x1 (space_after)
    out["y0"] = ybottom
    out["y1"] = ybottom + run[RUN_SIZE]
    out["top"] = top
    out["bottom"] = bottom
    out["doctop"] = run[RUN_DOCTOP] + top
    out["matrix"] = (a, b, c, d, e, f)
    return out


def char_keys(char: LeanChar) -> dict:
    """The dict holding a lean char's font, size, uprightness and colours: its run's shared keys,
    or its own dict."""
    source = char[CHAR_SOURCE]
    return source if type(source) is dict else source[RUN_SHARED]


def char_doctop(char: LeanChar) -> float:
    """A lean char's top from the document's first page's top (pdfplumber's doctop)."""
    source = char[CHAR_SOURCE]
    return source["doctop"] if type(source) is dict else source[RUN_DOCTOP] + char[BOX_TOP]


def lean_words(chars: list[LeanChar], x_tolerance: float = DEFAULT_X_TOLERANCE,
               y_tolerance: float = DEFAULT_Y_TOLERANCE, keep_blank_chars: bool = False,
               extra_attrs: list | None = None, **others) -> list[dict]:
    """pdfplumber's extract_words for the reader's settings (its defaults but the tolerances
    and extra attributes a run shares), written out for level text: chars run by run of the same
    uprightness and extra attributes, each run cut into lines by clustering tops within
    `y_tolerance`, each line sorted by x0 and cut into words at spaces and at gaps over
    `x_tolerance`. Any other setting, and turned text, go to pdfplumber's own extractor."""
    extra = list(extra_attrs or [])
    settings = dict(others, x_tolerance=x_tolerance, y_tolerance=y_tolerance, keep_blank_chars=keep_blank_chars,
                    extra_attrs=extra)
    if others or keep_blank_chars or not RUN_KEYS.issuperset(extra):
        return QuickWordExtractor(**settings).extract_words([char_dict(c) for c in chars])
    # pdfplumber groups consecutive chars by (upright, *extra): a text object's share one key
    runs: list[tuple[tuple, list[LeanChar]]] = []
    source: Any = None
    run_chars: list[LeanChar] = []
    for char in chars:
        if char[CHAR_SOURCE] is not source:
            source = char[CHAR_SOURCE]
            keys = char_keys(char)
            key = (keys["upright"], *(keys[name] for name in extra))
            if not runs or runs[-1][0] != key:
                run_chars = []
                runs.append((key, run_chars))
        run_chars.append(char)
    words: list[dict] = []
    for (upright, *_), run_chars in runs:
        if not upright:
            words += QuickWordExtractor(**settings).extract_words([char_dict(c) for c in run_chars])
            continue
        for line in text_lines(run_chars, y_tolerance):
            words += line_words(line, x_tolerance, y_tolerance, extra)
    return words


def text_lines(chars: list[LeanChar], y_tolerance: float) -> list[list[LeanChar]]:
    """pdfplumber's cluster_objects by top: tops within `y_tolerance` of the last one are one
    line; lines in order of their tops, chars in each by x0 (both sorts stable)."""
    cluster: dict = {}
    index, last = -1, None
    for value in sorted({c[BOX_TOP] for c in chars}):
        if last is None or value > last + y_tolerance:
            index += 1
        cluster[value] = index
        last = value
    # one pass into the lines (a stable sort by line would keep the same order, in n log n)
    lines: list[list[LeanChar]] = [[] for _ in range(index + 1)]
    for c in chars:
        lines[cluster[c[BOX_TOP]]].append(c)
    for line in lines:
        line.sort(key=BY_X0)
    return lines


def line_words(line: list[LeanChar], x_tolerance: float, y_tolerance: float, extra: list) -> list[dict]:
    """The words of one line of level chars, cut as pdfplumber's iter_chars_to_words cuts them."""
    words: list[dict] = []
    current: list[LeanChar] = []
    prev_x0 = prev_reach = prev_top = 0.0
    for char in line:
        text = char[BOX_TEXT]
        if not text or text.isspace():
            if current:
                words.append(merge_word(current, extra))
                current = []
            if not text:  # pdfplumber: an empty text is "in" split_at_punctuation, a word alone
                words.append(merge_word([char], extra))
            continue
        x0, top = char[BOX_X0], char[BOX_TOP]
        if current and (x0 < prev_x0 or x0 > prev_reach or abs(top - prev_top) > y_tolerance):
            words.append(merge_word(current, extra))
            current = []
        current.append(char)
        prev_x0, prev_reach, prev_top = x0, char[BOX_X1] + x_tolerance, top
    if current:
        words.append(merge_word(current, extra))
    return words


def merge_word(chars: list[LeanChar], extra: list) -> dict:
    """pdfplumber's merge_chars for level text."""
    first = chars[0]
    text, x0, x1, top, bottom = first[:BOX_BOTTOM + 1]
    if len(chars) > 1:  # a line's chars come sorted by x0
        texts = [text]
        for c in chars[1:]:
            texts.append(c[BOX_TEXT])
            if c[BOX_X1] > x1:
                x1 = c[BOX_X1]
            if c[BOX_TOP] < top:
                top = c[BOX_TOP]
            if c[BOX_BOTTOM] > bottom:
                bottom = c[BOX_BOTTOM]
        text = "".join(texts)
    keys = char_keys(first)
    # the ligatures are none of them ASCII, and isascii is read from the string's header:
    # translate, 0.44 us a word, is left to the words that may hold one
    word = {"text": text if text.isascii() else text.translate(LIGATURE_TABLE), "x0": x0, "x1": x1, "top": top,
            "doctop": top + char_doctop(first) - first[BOX_TOP], "bottom": bottom, "upright": keys["upright"],
            "height": bottom - top, "width": x1 - x0, "direction": "ltr"}
    for key in extra:
        word[key] = keys[key]
    return word


def space_after(char: LeanChar, keep_matrix: bool = False) -> LeanChar:
    """A space standing for the gap after `char`: it starts where the letter's advance ends and
    takes no width (nothing reads a space's box: words end at it, the overlap check skips it);
    its origin is moved there too unless `keep_matrix` (a space PDFium made itself, read so before)."""
    source = char[CHAR_SOURCE]
    if type(source) is dict:  # a turned letter's space is a whole dict too
        space = dict(source, text=" ", x0=source["x1"], width=0.0, adv=0.0)
        if not keep_matrix:
            space["matrix"] = (*source["matrix"][:4], source["x1"], source["matrix"][5])
        return lean_char(space)
    x1 = char[BOX_X1]
    return (" ", x1, x1, char[BOX_TOP], char[BOX_BOTTOM], char[CHAR_E] if keep_matrix else x1, char[CHAR_F], source)


class LetterStarts:
    """Where a page's text objects start, by baseline, looked up by a point: a space there has a
    letter at once after it, so no gap. (Chromium draws the letters of a spaced-out bold label as
    objects of their own; PDFium's text page may take a letter of a line just below between two
    of them, "Don" and "e:", and make a space there, where pdfminer reads none.) A letter read
    apart from those before it starts an object of its own: the objects' first letters suffice."""

    def __init__(self, firsts: list[LeanChar]):
        self.index: dict[int, list[tuple[float, float, float]]] = {}
        for char in firsts:
            keys = char_keys(char)
            if keys["upright"]:
                x0 = char[BOX_X0]
                self.index.setdefault(round(x0), []).append((x0, char[CHAR_F], keys["size"]))

    def at(self, x: float, y: float) -> bool:
        """Whether a text object on baseline `y` starts at `x` (within MIN_SPACE_EM of its size)."""
        return any(abs(x0 - x) < MIN_SPACE_EM * size and abs(f - y) <= SPACE_SNAP
                   for key in (round(x) - 1, round(x), round(x) + 1) for x0, f, size in self.index.get(key, ()))


def drop_gapless_spaces(chars: list[LeanChar], made: list[int], starts: LetterStarts) -> None:
    """Take out the spaces PDFium made (at the indices `made` of `chars`) with no gap after them."""
    gapless = {i for i in made if starts.at(chars[i][BOX_X0], chars[i][CHAR_F])}
    if gapless:
        chars[:] = [c for i, c in enumerate(chars) if i not in gapless]


def add_dropped_spaces(chars: list[LeanChar], origins: list[tuple[float, float]]) -> None:
    """Put a space after the letter each dropped space (its origin on the page) follows, where no
    space follows it yet: the level letter on its baseline whose advance ends where the space
    starts (as read_chars makes the spaces PDFium adds, the gap after the letter stands for it)."""
    near: dict[int, list[tuple[float, float]]] = {}  # whole points of x, and either side: one look-up a letter
    for x, y in origins:
        for key in (round(x) - 1, round(x), round(x) + 1):
            near.setdefault(key, []).append((x, y))
    out: list[LeanChar] = []
    for i, char in enumerate(chars):
        out.append(char)
        x1 = char[BOX_X1]
        spaces = near.get(round(x1))
        if not spaces or not char_keys(char)["upright"] or char[BOX_TEXT] == " " or \
                (i + 1 < len(chars) and chars[i + 1][BOX_TEXT] == " "):
            continue
        if any(abs(x - x1) <= SPACE_SNAP and abs(y - char[CHAR_F]) <= SPACE_SNAP for x, y in spaces):
            out.append(space_after(char))
    chars[:] = out


def page_text(textpage, count: int) -> list[str]:
    """Every character's text, in one call where each is one UTF-16 unit (else one by one)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = fpdf.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) == count and not SURROGATE.search(text):
        # PDFium marks a hyphen that ends a line U+FFFE (it takes it for a soft hyphen; pdfminer
        # reads it as the file maps it, "-")
        return list(text.replace(SOFT_HYPHEN_MARK, "-"))
    return [chr(fpdf.FPDFText_GetUnicode(textpage, i)) for i in range(count)]


def path_segments(obj, ctm: tuple) -> list[tuple]:
    """A path object's segments as pdfminer's path operators: ("m", x, y), ("l", x, y),
    ("c", x1, y1, x2, y2, x3, y3), ("h",), in page space."""
    ops: list[tuple] = []
    pending: list[float] = []  # the points of a Bézier curve read so far
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    for i in range(fpdf.FPDFPath_CountSegments(obj)):
        segment = segment_at(obj, i)
        if not segment_point(segment, x_ref, y_ref):
            continue
        op = PATH_OPS.get(segment_type(segment))
        if op is None:
            continue
        px, py = apply(ctm, x.value, y.value)
        if op == "c":
            pending += (px, py)
            if len(pending) < 2 * BEZIER_POINTS:
                continue
            ops.append(("c", *pending))
            pending = []
        else:
            ops.append((op, px, py))
        if segment_closes(segment):
            ops.append(("h",))
    return ops


def subpaths(ops: list[tuple]) -> list[list[tuple]]:
    """Split at each "m", as pdfminer does with a path of several (`m[^m]+`)."""
    out: list[list[tuple]] = []
    for op in ops:
        if op[0] == "m":
            out.append([op])
        elif out:
            out[-1].append(op)
    return [sub for sub in out if len(sub) > 1]


def pdfminer_shape(path: list[tuple]) -> tuple[str, list] | None:
    """What pdfminer makes of one subpath (converter.paint_path): "line", "rect" or "curve",
    and its points (each operator's last point; "h" the start's)."""
    shape = "".join(op[0] for op in path)
    pts = [op[-2:] if op[0] != "h" else path[0][-2:] for op in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", pts
    return "curve", pts


def page_tree_boxes(path: Path) -> list[tuple]:
    """Every page's MediaBox, its own or inherited, as pdfminer reads the file's page tree (a
    missing or unreadable one as ANSI A, pdfminer's choice); [] where pdfminer cannot read the tree."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as fh:
            return [tuple(page.mediabox) for page in PDFPage.create_pages(PDFDocument(PDFParser(fh)))]
    except Exception:  # pdfminer's errors on a file PDFium opened are many and unnamed: PDFium's page count decides
        return []


class PdfiumDocument:
    """A PDF opened by PDFium: its pages in pdfplumber's shapes, read one at a time."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise PdfiumUnreadable(str(exc)) from None
        if not fpdf.FPDF_DocumentHasValidCrossReferenceTable(self.pdf.raw):
            # PDFium repairs a damaged file silently and reads what is left; pdfplumber says
            # what is wrong with it, and a note read in part would lose words unseen
            self.pdf.close()
            raise PdfiumUnreadable("damaged cross-reference table")
        self.fonts: dict = {}
        self.metrics: dict = {}  # (font, size) -> (descent, ascent): font_metrics
        self._plumber: Any = None
        self.handles: dict = {}  # id -> (a raw page or text page this document opened, its closing function)
        self.closed = False  # set as close() begins: no handle is loaded or trusted after
        self.tree_boxes: list | None = None  # every page's MediaBox as pdfminer reads it (inherited_mediabox)
        self.pages = PdfiumPages(self)

    def font_name(self, font: int | None) -> str:
        """A font's name (the font given by its address) as written in the file, subset tag
        included (pdfminer's fontname)."""
        name = self.fonts.get(font)
        if name is None:
            buffer = ctypes.create_string_buffer(FONT_NAME_BYTES)
            n = font_name_of(font, buffer, FONT_NAME_BYTES) if font else 0
            name = self.fonts[font] = buffer.value.decode("latin-1") if n else ""
        return name

    def font_metrics(self, font: int | None, font_size: float, out: RunOut) -> tuple[float, float]:
        """A font's descent and ascent at a size, in text space (the font given by its address,
        as font_name's; once a document: a page's text objects share a few)."""
        key = (font, font_size)
        metrics = self.metrics.get(key)
        if metrics is None:
            descent = out.metric.value if font and descent_of(font, font_size, out.metric_at) else 0.0
            ascent = out.metric.value if font and ascent_of(font, font_size, out.metric_at) else font_size + descent
            metrics = self.metrics[key] = (descent, ascent)
        return metrics

    # PDFium's pages and text pages are held as raw handles, not as pypdfium2's PdfPage and
    # PdfTextPage, which wrap each in finalizers and a weak reference to its parent, made and
    # undone once a page: 0.13 to 0.3 ms of the 1.1 to 1.5 that loading both takes (a throwaway
    # script, three runs over the benchmark's PDFs), where the reader loads each page once and
    # closes it as soon as it is read. The document keeps what it opened (`handles`) and closes
    # what is left as it closes, text pages before their pages and all before itself.

    def load_page(self, index: int):
        """PDFium's page `index` (FPDF_PAGE), held until `release` or close()."""
        if self.closed:
            raise pdfium.PdfiumError("Failed to load page: the document is closed.")
        page = fpdf.FPDF_LoadPage(self.pdf.raw, index)
        if not page:
            raise pdfium.PdfiumError("Failed to load page.")
        return self.hold(page, fpdf.FPDF_ClosePage)

    def load_text_page(self, page):
        """The text page (FPDF_TEXTPAGE) of a page load_page gave, held until `release` or close()."""
        textpage = fpdf.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        return self.hold(textpage, fpdf.FPDFText_ClosePage)

    def hold(self, handle, closer: Callable):
        """Keep `handle` (closed by `closer`) until `release` or close(); return it."""
        self.handles[id(handle)] = (handle, closer)  # keyed by the handle object, which the dict keeps alive
        return handle

    def holds(self, handle) -> bool:
        """Is `handle` one this open document opened and has not closed?"""
        return not self.closed and handle is not None and id(handle) in self.handles

    def release(self, handle) -> None:
        """Close a handle this document opened; one closed already is left alone. Taken off
        before it is closed: a time limit that lands between the two leaks it, never closes it twice."""
        held = self.handles.pop(id(handle), None)
        if held is not None:
            held[1](held[0])

    def inherited_mediabox(self, index: int) -> tuple:
        """The MediaBox of page `index`, which has none of its own, found up its page tree as
        pdfminer finds it (own_mediabox says why PDFium's will not do), every page's read once a
        document by pdfminer alone, no page's content interpreted (pdfplumber's pages are not
        asked: its page size fails on a MediaBox pdfminer takes for ANSI A, and again as it
        closes). Where pdfminer cannot read the page tree, or finds another number of pages,
        ANSI A, pdfminer's own choice where no node has a readable MediaBox."""
        if self.tree_boxes is None:
            self.tree_boxes = page_tree_boxes(self.path)
        if len(self.tree_boxes) != self.pages.count:
            return PDFMINER_DEFAULT_MEDIABOX
        return self.tree_boxes[index]

    def plumber(self):
        """The file opened by pdfplumber too, for the pages OCR reads from their image."""
        if self._plumber is None:
            from .plumber_source import open_plumber

            self._plumber = open_plumber(self.path)
        return self._plumber

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True  # first: from here on no page is loaded and no held handle trusted (holds)
        try:
            for handle, _ in reversed(list(self.handles.values())):  # the last opened first
                self.release(handle)
        finally:
            # a handle a time limit left open above leaks: forgotten, never closed after the
            # document nor read again
            self.handles.clear()
            try:
                self.pdf.close()
            finally:
                # the pages and the document refer to one another: let go of the pages here, so
                # that what they hold (each text object's run) is freed as the file ends, not when
                # the garbage collector next walks its oldest objects (a reader collects seldom:
                # worker.py)
                self.pages.made.clear()
                if self._plumber is not None:
                    self._plumber.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PdfiumPages:
    """The pages of a PdfiumDocument, made as they are asked for (doctop runs on)."""

    def __init__(self, document: PdfiumDocument):
        self.document = document
        self.count = len(document.pdf)
        self.made: list = []  # PdfiumPages, and pdfplumber's pages for pages turned by /Rotate

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        for i in range(self.count):
            yield self[i]

    def __getitem__(self, index: int):
        while len(self.made) <= index:
            doctop = self.made[-1].initial_doctop + self.made[-1].height if self.made else 0.0
            page = PdfiumPage(self.document, len(self.made), doctop)
            if page.rotation:
                # a page turned by /Rotate: its graphics come out as pdfplumber's, but PDFium's
                # boxes of turned letters are not pdfminer's (their height is the font's ascent
                # to descent, not its size) and words would be cut otherwise: pdfplumber reads it
                self.document.release(page.pdfium_page)
                page.pdfium_page = None
                page = self.document.plumber().pages[len(self.made)]
            self.made.append(page)
        return self.made[index]
