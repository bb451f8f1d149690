"""Text that is not the note's: a watermark ("DRAFT", "UNEDITED", "CONFIDENTIAL") drawn
diagonally over every page, or a stamp. Its letters fall into table cells ("on A 24 March")
and open false status items; pdfplumber reports them as upright (its `upright` reads the text
direction, not the glyph's turn), but their text matrix says they are turned.

Recognised by geometry, each letter by its turn, its size and its colour, and a stamp by its
repetition:
- a watermark letter is turned diagonally (its baseline MIN_TURN_DEGREES or more off the
  horizontal and off the vertical: rotated table headers stand at 90 degrees) and set large
  (WATERMARK_MIN_SIZE_PT, far above a note's text), whatever its colour;
- a stamp letter is set as large, at any turn, in a light colour (LIGHT_LEVEL: light grey or
  paler), and is a stamp only where the same text stands so on every page of a note of
  MIN_STAMP_PAGES or more ("DRAFT" in a margin of each page): a large light title on the first
  page stays the note's (`stamps_on_every_page`).
A letter's size is its type size (`letter_size`), read from what both page sources give alike
(pdfminer's box height, advance and matrix), not the box height itself: a turned letter's box
grows with its turn and its width. Transparency is not read: pdfminer gives no /ca alpha.

Such letters are taken off the page before it is read, and handed back as passages of their
own kind ("watermark"), with a warning, so that the word accounting counts them like running
heads. Works on pdfplumber-shaped char dicts ("matrix", "size", "adv", "non_stroking_color"),
whatever page source made them.
"""
from __future__ import annotations

import math

from .source import as_rgb

MIN_TURN_DEGREES = 10.0
WATERMARK_MIN_SIZE_PT = 24.0
# every channel of the letter's fill at least this: #999999 (0.6) and paler greys and tints
LIGHT_LEVEL = 0.6
MIN_STAMP_PAGES = 2
WATERMARK_WARNING = "watermark: "
RIGHT_ANGLE = 90.0


def turn_degrees(char: dict) -> float:
    """The angle of a letter's baseline from the horizontal, in degrees within [0, 90)."""
    a, b = char["matrix"][0], char["matrix"][1]
    return math.degrees(math.atan2(b, a)) % RIGHT_ANGLE


def letter_size(char: dict) -> float:
    """A letter's type size on the page (pt). pdfminer's `size` is its box's height: for a
    turned letter |b| advance + |d| font size (matrix a b c d), which grows with the letter's
    width; the font size is read back from it and scaled by the matrix's vertical |(c, d)|.
    Near the vertical (|d| small) the box's height says nothing of the font: `size` as given."""
    a, b, c, d = char["matrix"][:4]
    size = char.get("size", 0.0)
    if b == 0 and c == 0:
        return size
    scale = math.hypot(c, d)
    if abs(d) < scale * math.sin(math.radians(MIN_TURN_DEGREES)):
        return size
    return (size - abs(b) * char.get("adv", 0.0)) / abs(d) * scale


def is_diagonal_turn(turn: float) -> bool:
    """Is a turn (degrees, within a right angle) off the horizontal and the vertical by
    MIN_TURN_DEGREES at least? A watermark's is; turned table headers and margin stamps' are not."""
    return MIN_TURN_DEGREES <= turn <= RIGHT_ANGLE - MIN_TURN_DEGREES


def is_diagonal(char: dict) -> bool:
    return is_diagonal_turn(turn_degrees(char))


def is_light(char: dict) -> bool:
    """Is the letter filled light grey or paler?"""
    rgb = as_rgb(char.get("non_stroking_color"))
    return rgb is not None and min(rgb) >= LIGHT_LEVEL


def is_watermark_letter(char: dict) -> bool:
    """Is this letter turned diagonally and set large (a watermark's, a stamp's)?"""
    # the cheap tests first: every letter of every page passes here
    return "matrix" in char and char["matrix"][1] != 0 and letter_size(char) >= WATERMARK_MIN_SIZE_PT \
        and is_diagonal(char)


def is_stamp_letter(char: dict) -> bool:
    """Is this letter set large in a light colour, not diagonally (a stamp's, where its text
    stands on every page)?"""
    return "matrix" in char and letter_size(char) >= WATERMARK_MIN_SIZE_PT and not char["text"].isspace() \
        and is_light(char) and not is_diagonal(char)


def set_aside_letters(chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """A page's watermark letters and its stamp letters. Every letter of every page passes here:
    a level letter under the size, nearly all of them, is passed over at once."""
    marks, stamps = [], []
    for char in chars:
        matrix = char.get("matrix")
        if matrix is None or (matrix[1] == 0 and matrix[2] == 0 and char["size"] < WATERMARK_MIN_SIZE_PT):
            continue
        if is_watermark_letter(char):
            marks.append(char)
        elif is_stamp_letter(char):
            stamps.append(char)
    return marks, stamps


def letters_text(letters: list[dict]) -> str:
    return " ".join("".join(c["text"] for c in letters).split())


def stamp_runs(letters: list[dict]) -> dict[str, list[dict]]:
    """Stamp letters grouped by the line they stand on (their origin's distance from the page's
    origin across their baseline, to the point), each line's text and its letters."""
    lines: dict[int, list[dict]] = {}
    for char in letters:
        a, b, _, _, e, f = char["matrix"]
        lines.setdefault(round((a * f - b * e) / (math.hypot(a, b) or 1.0)), []).append(char)
    runs: dict[str, list[dict]] = {}
    for line in lines.values():
        runs.setdefault(letters_text(line), []).extend(line)
    return runs


def set_aside_watermark(page, stamps: frozenset | None = None):
    """Given a pdfplumber page, return (the page without its watermark letters and its stamp
    letters: every stamp line when `stamps` is None, else the lines whose text it holds; the
    watermark's text on it, "" where it has none; the texts of the stamp lines set aside)."""
    screen = getattr(page, "may_hold_large_letters", None)  # PDFium's pages know without char dicts
    if screen is not None and not screen(WATERMARK_MIN_SIZE_PT):
        return page, "", ()
    letters, stamp = set_aside_letters(page.chars)
    runs = stamp_runs(stamp)
    runs = {text: run for text, run in runs.items() if stamps is None or text in stamps}
    if not letters and not runs:
        return page, "", ()
    aside = {id(c) for c in letters} | {id(c) for run in runs.values() for c in run}
    kept = page.filter(lambda obj: id(obj) not in aside)
    return kept, letters_text(letters), tuple(runs)


def stamps_on_every_page(stamps: list[tuple]) -> frozenset:
    """Of the pages' stamp lines (their texts, page by page), the stamps: the texts that stand on
    every page of a note of MIN_STAMP_PAGES or more."""
    if len(stamps) < MIN_STAMP_PAGES:
        return frozenset()
    return frozenset.intersection(*(frozenset(texts) for texts in stamps))


def watermark_warnings(marks: list[tuple[int, str]]) -> list[str]:
    """One warning per watermark text: what it says and on how many pages."""
    pages: dict[str, list[int]] = {}
    for number, text in marks:
        if text:
            pages.setdefault(text, []).append(number)
    return [f"{WATERMARK_WARNING}\"{text}\" drawn over {len(numbers)} page{'s' if len(numbers) != 1 else ''};"
            " set aside, not read as the note's text" for text, numbers in pages.items()]
