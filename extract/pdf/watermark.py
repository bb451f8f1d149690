"""Text that is not the note's: a watermark ("DRAFT", "UNEDITED", "CONFIDENTIAL") drawn
diagonally over every page, or a stamp. Its letters fall into table cells ("on A 24 March")
and open false status items; pdfplumber reports them as upright (its `upright` reads the text
direction, not the glyph's turn), but their text matrix says they are turned.

Recognised by geometry: a letter turned diagonally (its baseline MIN_TURN_DEGREES or more off
the horizontal and off the vertical: rotated table headers stand at 90 degrees) and set large
(WATERMARK_MIN_SIZE_PT, far above a note's text). Such letters are taken off the page before
it is read, and handed back as passages of their own kind ("watermark"), with a warning, so
that the word accounting counts them like running heads. Works on pdfplumber-shaped char
dicts ("matrix", "size"), whatever page source made them.
"""
from __future__ import annotations

import math

MIN_TURN_DEGREES = 10.0
WATERMARK_MIN_SIZE_PT = 24.0
WATERMARK_WARNING = "watermark: "
RIGHT_ANGLE = 90.0


def turn_degrees(char: dict) -> float:
    """The angle of a letter's baseline from the horizontal, in degrees within [0, 90)."""
    a, b = char["matrix"][0], char["matrix"][1]
    return math.degrees(math.atan2(b, a)) % RIGHT_ANGLE


def is_watermark_letter(char: dict) -> bool:
    """Is this letter turned diagonally and set large (a watermark's, a stamp's)?"""
    if "matrix" not in char or char.get("size", 0) < WATERMARK_MIN_SIZE_PT:
        return False
    turn = turn_degrees(char)
    return MIN_TURN_DEGREES <= turn <= RIGHT_ANGLE - MIN_TURN_DEGREES


def set_aside_watermark(page):
    """Given a pdfplumber page, return (the page without its watermark letters, the watermark's
    text on it: "" where it has none)."""
    letters = [c for c in page.chars if is_watermark_letter(c)]
    if not letters:
        return page, ""
    text = " ".join("".join(c["text"] for c in letters).split())
    kept = page.filter(lambda obj: not (obj.get("object_type") == "char" and is_watermark_letter(obj)))
    return kept, text


def watermark_warnings(marks: list[tuple[int, str]]) -> list[str]:
    """One warning per watermark text: what it says and on how many pages."""
    pages: dict[str, list[int]] = {}
    for number, text in marks:
        if text:
            pages.setdefault(text, []).append(number)
    return [f"{WATERMARK_WARNING}\"{text}\" drawn over {len(numbers)} page{'s' if len(numbers) != 1 else ''};"
            " set aside, not read as the note's text" for text, numbers in pages.items()]
