"""A scanned page read from its image: its words by Tesseract, its table rules by OpenCV.

What comes out has the shapes pdfplumber gives for a page with a text layer, in PDF points: words
as dicts (text, x0, x1, top, bottom, size, plus Tesseract's confidence) and ruling lines as edge
dicts, so that everything after reading (grids, open rows, paragraphs, page-split rows, word
accounting) is the same code for both (extract/pdf_reader.py).

The page image is taken at the scan's own resolution, brought to the resolution Tesseract reads
best, turned straight (a sheet fed askew), then:
- rules: long thin runs of dark pixels opened out of the image with line-shaped kernels, as
  Camelot's lattice mode does; they become edges. They stay in the image Tesseract reads: its own
  line finder takes them out and keeps columns apart by them (with the rules painted white, it
  ran the first lines of two cells together and read the gap as "__" and "—");
- speckles: specks of dust and toner (blobs smaller than any mark of type, or small and far
  from any letter) are painted white; full stops, commas and the dots of i and colons stay;
- words: one Tesseract call per page, on a mosaic of the page's regions (the page with its table
  cells emptied, then each cell alone), its hOCR read for word boxes, confidences and each line's
  box and type size, mapped back onto the page. Every word Tesseract returns is kept, however
  low its confidence.

This module loads OpenCV and pytesseract; it is imported only when a page needs OCR.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

import cv2
import numpy as np
import pytesseract

from ..pdf.grid import open_row_rules
from .policy import COVERING_SHARE, UNCERTAIN_WORD

POINTS_PER_INCH = 72.0
# Tesseract "works best on images which have a DPI of at least 300" (its documentation, Improving
# the quality of the output): every page is brought to it, a 150 dpi scan upscaled bicubically.
OCR_DPI = 300
MAX_NATIVE_DPI = 600  # a finer scan is read at OCR_DPI all the same: more pixels, no more words
MIN_NATIVE_DPI = 50
OCR_LANGUAGE = "eng"
# psm 3: Tesseract finds the blocks of the mosaic itself. Inverted-text detection is off: notes
# are dark on light.
TESSERACT_CONFIG = "--oem 1 --psm 3 -c tessedit_do_invert=0"
# Deskew: a sheet fed askew is turned straight by the angle whose row profile is sharpest.
MAX_SKEW_DEGREES = 3.0
COARSE_SKEW_STEP = 0.25
FINE_SKEW_STEP = 0.05
SKEW_PROBE_WIDTH = 800  # px: the profile is measured on the page shrunk to this width
# Rules: a run of dark pixels at least this long along one axis, and at most this thick. The
# shortest rule of a note's table is the side of a one-line row, about 0.2 inch (a header row
# over a cut row at a page's foot, 0.37 inch, was missed with 0.4); letters are never this long
# in a run but the stems of big type (an "l" at 18 pt, 0.2 inch), which are thicker than a rule.
MIN_RULE_INCHES = 0.18
MAX_RULE_THICKNESS_INCHES = 0.02  # a 1.4 pt rule; the stem of an 18 pt "l" is 0.025 inch
# Breaks this short in a scanned rule (JPEG, toner) are bridged: one or two pixels. Wider, it
# bridged the gaps between letters too, and a line of bold type became a "rule".
RULE_GAP_INCHES = 0.007
# Speckles: dark blobs no bigger than DUST_AREA_PT2 (square points) anywhere, and blobs up to
# MAX_SPECK_AREA_PT2 with no other ink within SPECK_CLEARANCE_PT points. Measured at 300 dpi on
# the sample scans: the smallest marks of 10.5 pt type (full stops, the dots of i and of colons)
# are 19 px or more (1.1 square points; about 0.65 at 8 pt); dust of one or two scanned pixels,
# straightened, is 10 px or less.
DUST_AREA_PT2 = 0.5
MAX_SPECK_AREA_PT2 = 1.2
SPECK_CLEARANCE_PT = 2.5
WHITE = 255
INK_LEVEL = 128  # a grey level under this is ink
MIN_CELL_INCHES = 0.1  # a region the rules enclose smaller than this holds no line of text
# A rule straightened from a skewed scan wavers by a pixel or two: this much around it is rule too.
RULE_MARGIN_PX = 3
TILE_GAP_PX = 40  # white between the regions of the mosaic: over two blank lines of 10 pt type
# Tesseract's OpenMP threads fight the worker pool for the cores: on 2 busy cores one page took
# 13.5 s with Tesseract's default threads and 5.0 s with one (som27-midterm at 150 dpi, page 2).
# The pool gives each scan a core of its own instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Tesseract reads the capital I of a roman numeral as l, i or 1 now and then ("Part Il.", "ll.",
# "lil."): a word of I, V, X, i, l and 1 only, with an l or a 1 and a letter, closed by "." or
# ")", is a numeral of a heading or a list, and its l, i and 1 are I ("1.", "11." stay numbers,
# "ii." and "(iv)" stay lower-case numerals).
ROMAN_MISREAD = re.compile(r"^\(?(?=[IVXil1]*[l1])(?=[IVXil1]*[IVXil])[IVXil1]+[.)]$")
HOCR_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
HOCR_CONF = re.compile(r"x_wconf (\d+)")
HOCR_SIZE = re.compile(r"x_size ([\d.]+)")
# hOCR's x_size is the line's height from descender to ascender, 0.96 times the point size of
# the type (measured: 10.5 pt text of som27-midterm gives x_size 42 px at 300 dpi, 10.1 pt).
X_SIZE_PER_POINT = 0.96


@dataclass
class ScannedPage:
    """What was read from one page image: words and rules in PDF points, and how."""

    words: list
    edges: list
    dpi: int  # the scan's own resolution (the rendering's, for a page that is not a scan)
    skew_degrees: float
    # marks set aside: no letter or digit, read with little confidence, standing alone ("—",
    # "_", "|" where Tesseract read a gap between two columns or a bit of rule as a character)
    marks: list = field(default_factory=list)


def native_dpi(page) -> int | None:
    """The resolution (pixels per inch of paper) a page was scanned at: that of the image that
    covers most of it; None for a page with no such image (born-digital, read with --ocr always)."""
    area = float(page.width * page.height) or 1.0
    covering = [im for im in page.images if im.get("srcsize") and im["width"] > 0
                and im["width"] * im["height"] >= COVERING_SHARE * area]
    if not covering:
        return None
    best = max(covering, key=lambda im: im["width"] * im["height"])
    dpi = best["srcsize"][0] / (best["width"] / POINTS_PER_INCH)
    return int(round(min(max(dpi, MIN_NATIVE_DPI), MAX_NATIVE_DPI)))


def page_grey(page, native: int | None, dpi: int) -> np.ndarray:
    """Given a pdfplumber page, return it as a grey image at `dpi`, made from its own pixels
    (rendered at the scan's resolution `native`, then scaled), or rendered at `dpi`."""
    native = native or dpi
    image = page.to_image(resolution=native, antialias=True).original.convert("L")
    grey: np.ndarray = np.asarray(image, dtype=np.uint8)
    if native != dpi:
        grey = cv2.resize(grey, None, fx=dpi / native, fy=dpi / native,
                          interpolation=cv2.INTER_CUBIC if dpi > native else cv2.INTER_AREA)
    return grey


def ink(grey: np.ndarray) -> np.ndarray:
    """Dark pixels as 255, paper as 0 (Otsu's threshold)."""
    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return binary


def rotate(image: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    """Turn an image about its centre by `degrees` (counter-clockwise), the same size."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def profile_sharpness(binary: np.ndarray) -> float:
    """How sharply rows of ink and rows of paper alternate: high when text lines are level."""
    rows = binary.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(binary: np.ndarray) -> float:
    """The angle (degrees) that turns the page's text lines and rules level."""
    scale = min(1.0, SKEW_PROBE_WIDTH / binary.shape[1])
    small = cv2.resize(binary, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)

    def best(candidates):
        return max(candidates, key=lambda a: profile_sharpness(rotate(small, a, 0)))

    coarse = best(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, COARSE_SKEW_STEP))
    fine = best(np.arange(coarse - COARSE_SKEW_STEP, coarse + COARSE_SKEW_STEP + 1e-9, FINE_SKEW_STEP))
    return float(round(fine, 2))


def rule_masks(binary: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical rules of a page, each as a mask of its pixels: runs of
    ink at least MIN_RULE_INCHES long along the axis and at most MAX_RULE_THICKNESS_INCHES
    thick across it."""
    length = max(3, int(MIN_RULE_INCHES * dpi))
    gap = max(1, int(round(RULE_GAP_INCHES * dpi)))
    thickest = MAX_RULE_THICKNESS_INCHES * dpi
    masks = []
    for along_x in (True, False):
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1) if along_x else (1, gap))
        line = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if along_x else (1, length))
        runs = cv2.morphologyEx(cv2.morphologyEx(binary, cv2.MORPH_CLOSE, bridge), cv2.MORPH_OPEN, line)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        across = stats[:, cv2.CC_STAT_HEIGHT if along_x else cv2.CC_STAT_WIDTH]
        thin = across <= thickest
        thin[0] = False  # the paper
        masks.append(np.where(thin[labels], 255, 0).astype(np.uint8))
    return masks[0], masks[1]


def mask_edges(mask: np.ndarray, orientation: str, dpi: int) -> list[dict]:
    """Given a mask of rules along one axis, return each rule as a pdfplumber line edge."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    to_pt = POINTS_PER_INCH / dpi
    edges = []
    for x, y, w, h, _area in stats[1:count]:
        if orientation == "h":
            mid = (y + h / 2) * to_pt
            x0, x1, top, bottom = x * to_pt, (x + w) * to_pt, mid, mid
        else:
            mid = (x + w / 2) * to_pt
            x0, x1, top, bottom = mid, mid, y * to_pt, (y + h) * to_pt
        edges.append({"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1,
                      "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top})
    return edges


def speckles(binary: np.ndarray, dpi: int) -> np.ndarray:
    """A mask of the specks of dust and toner: blobs too small to be a mark of type, and
    small ones with no other ink close around."""
    px_per_pt = dpi / POINTS_PER_INCH
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    tiny = areas <= MAX_SPECK_AREA_PT2 * px_per_pt * px_per_pt
    tiny[0] = False  # the paper
    if not tiny.any():
        return np.zeros_like(binary)
    tiny_mask = np.where(tiny[labels], 255, 0).astype(np.uint8)
    other_ink = cv2.subtract(binary, tiny_mask)
    # distance of every pixel to the nearest ink that is not a speck
    distance = cv2.distanceTransform(cv2.bitwise_not(other_ink), cv2.DIST_L2, 3)
    near_ink = distance <= SPECK_CLEARANCE_PT * px_per_pt
    # a speck is kept when any of its pixels lies near ink (the dot of an i, a colon's dots
    # are near each other's letter); specks close to other specks only are still dust
    touched = np.unique(labels[(tiny_mask > 0) & near_ink])
    isolated = tiny.copy()
    isolated[touched] = False
    isolated |= areas <= DUST_AREA_PT2 * px_per_pt * px_per_pt
    isolated[0] = False
    return np.where(isolated[labels], 255, 0).astype(np.uint8)


def cell_boxes(rules: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Given the mask of a page's rules (open rows closed), return the boxes (x0, y0, x1, y1, in
    pixels) of the regions they enclose, the table cells, in reading order."""
    closed = cv2.dilate(rules, np.ones((3, 3), np.uint8))  # rules that nearly meet do meet
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    smallest = MIN_CELL_INCHES * dpi
    boxes = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0], strict=False):
        x, y, w, h = cv2.boundingRect(contour)
        if parent >= 0 and w >= smallest and h >= smallest:  # a hole in the rules, not their outline
            boxes.append((x, y, x + w, y + h))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def draw_rules(shape: tuple, edges: list[dict], dpi: int) -> np.ndarray:
    """A mask of the given edges (in points) drawn as one-pixel lines."""
    mask = np.zeros(shape, np.uint8)
    to_px = dpi / POINTS_PER_INCH
    for e in edges:
        cv2.line(mask, (round(e["x0"] * to_px), round(e["top"] * to_px)),
                 (round(e["x1"] * to_px), round(e["bottom"] * to_px)), 255, 1)
    return mask


@dataclass
class Tile:
    """A region of the page (`box`, pixels) and where it was put in the image Tesseract reads."""

    box: tuple
    at: tuple  # (x, y) of the box's top-left corner in the mosaic

    def holds(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return self.at[0] <= x <= self.at[0] + x1 - x0 and self.at[1] <= y <= self.at[1] + y1 - y0


def mosaic(clean: np.ndarray, cells: list[tuple], rules: np.ndarray) -> tuple[np.ndarray, list[Tile]]:
    """The image Tesseract reads: the page with its table cells emptied, then each cell's
    content below it, one under the other, without the bits of rule its box caught. Read so,
    the first lines of cells side by side can never run together into one line (as Tesseract's
    own column finding let them: it ran a Task cell's line into the Progress cell's list item
    beside it and lost the line under both)."""
    height, width = clean.shape
    page = clean.copy()
    tiles = [Tile((0, 0, width, height), (0, 0))]
    crops = []
    y = height + TILE_GAP_PX
    around_rules = cv2.dilate(rules, np.ones((2 * RULE_MARGIN_PX + 1,) * 2, np.uint8)) > 0
    for x0, y0, x1, y1 in cells:
        crop = np.where(around_rules[y0:y1, x0:x1], WHITE, clean[y0:y1, x0:x1]).astype(np.uint8)
        page[y0:y1, x0:x1] = WHITE
        if (crop < INK_LEVEL).sum() == 0:
            continue  # an empty cell: nothing to read
        crops.append(crop)
        tiles.append(Tile((x0, y0, x1, y1), (TILE_GAP_PX, y)))
        y += (y1 - y0) + TILE_GAP_PX
    image = np.full((y, max([width] + [c.shape[1] + 2 * TILE_GAP_PX for c in crops])), WHITE, np.uint8)
    image[:height, :width] = page
    for tile, crop in zip(tiles[1:], crops, strict=False):
        image[tile.at[1]:tile.at[1] + crop.shape[0], tile.at[0]:tile.at[0] + crop.shape[1]] = crop
    return image, tiles


def hocr_words(hocr: bytes, tiles: list[Tile], to_pt: float) -> list[dict]:
    """Given Tesseract's hOCR of the mosaic, return its words as pdfplumber-like dicts in page
    points, each with its line's top, bottom and type size (pdfplumber gives every word of a
    line the font's box; Tesseract gives each word its ink's box), and its confidence."""
    root = ElementTree.fromstring(hocr)
    words = []
    for line in root.iter():
        if line.get("class") not in ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"):
            continue
        line_bbox = HOCR_BBOX.search(line.get("title", ""))
        if line_bbox is None:  # Tesseract gives every line a bbox; a line without one has no place
            continue
        line_box = [int(v) for v in line_bbox.groups()]
        size_match = HOCR_SIZE.search(line.get("title", ""))
        line_px = float(size_match.group(1)) if size_match else float(line_box[3] - line_box[1])
        size = line_px * to_pt / X_SIZE_PER_POINT
        for span in line.iter():
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(span.itertext()).strip()
            if not text:
                continue
            if ROMAN_MISREAD.match(text):
                text = text.replace("l", "I").replace("1", "I").replace("i", "I")
            title = span.get("title", "")
            word_bbox = HOCR_BBOX.search(title)
            if word_bbox is None:
                continue
            x0, top, x1, bottom = (int(v) for v in word_bbox.groups())
            tile = next((t for t in tiles if t.holds((x0 + x1) / 2, (top + bottom) / 2)), tiles[0])
            dx, dy = tile.box[0] - tile.at[0], tile.box[1] - tile.at[1]
            conf_match = HOCR_CONF.search(title)
            words.append({"text": text, "x0": (x0 + dx) * to_pt, "x1": (x1 + dx) * to_pt,
                          "top": (line_box[1] + dy) * to_pt, "bottom": (line_box[3] + dy) * to_pt,
                          "size": round(size, 2), "confidence": float(conf_match.group(1)) if conf_match else 0.0,
                          "upright": True})
    return words


def is_stray_mark(word: dict) -> bool:
    """Is this OCR'd word a mark Tesseract made of a gap or a bit of rule, not text: no letter or
    digit, and read with less confidence than any word it is sure of? (Named in a warning.)"""
    return word["confidence"] < UNCERTAIN_WORD and not any(c.isalnum() for c in word["text"])


def read_scanned_page(page) -> ScannedPage:
    """Given a pdfplumber page without a text layer, return its words and rules as read from
    its image."""
    native = native_dpi(page)
    grey = page_grey(page, native, OCR_DPI)
    skew = skew_angle(ink(grey))
    if skew:
        grey = rotate(grey, skew, WHITE)
    binary = ink(grey)
    horizontal, vertical = rule_masks(binary, OCR_DPI)
    edges = mask_edges(horizontal, "h", OCR_DPI) + mask_edges(vertical, "v", OCR_DPI)
    rules = cv2.bitwise_or(horizontal, vertical)
    clean = grey.copy()
    clean[speckles(cv2.subtract(binary, rules), OCR_DPI) > 0] = WHITE
    # cells are read one by one; a row a page break left open is closed as the reader closes it
    closed = cv2.bitwise_or(rules, draw_rules(rules.shape, open_row_rules(edges), OCR_DPI))
    image, tiles = mosaic(clean, cell_boxes(closed, OCR_DPI), rules)
    hocr = pytesseract.image_to_pdf_or_hocr(image, lang=OCR_LANGUAGE, extension="hocr",
                                            config=f"{TESSERACT_CONFIG} --dpi {OCR_DPI}")
    words = hocr_words(hocr, tiles, POINTS_PER_INCH / OCR_DPI)
    marks = [w for w in words if is_stray_mark(w)]
    return ScannedPage([w for w in words if not is_stray_mark(w)], edges, native or OCR_DPI, skew, marks)
