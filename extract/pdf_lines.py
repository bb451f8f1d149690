"""Words of a PDF page into lines, and lines into paragraphs.

pdfplumber gives words with their boxes; a paragraph is a run of lines at the document's usual
line pitch (measured on the document itself, `pitch_ratio`), broken where the gap grows, where
a list marker opens a line, or where a line opens with a status label and a colon ("Completed:
The IMG met ..."): some producers show no gap between two progress items, and the label is the
only sign of the new one.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from .statuses import opens_with_label
from .text import clean, join_lines

LINE_TOLERANCE = 2.5  # words whose tops differ by less than this (pt) share a line
# A paragraph break is a line pitch this much larger than the document's usual pitch
# (Word's "space after" adds 4pt or more to a ~13pt pitch at 11pt type: a 1.3x jump).
PARAGRAPH_GAP_FACTOR = 1.18
DEFAULT_PITCH_RATIO = 1.2  # pitch/size when a document has too few lines to measure
MIN_PITCH_RATIO = 0.9
MIN_PITCH_SAMPLES = 5
DEFAULT_FONT_SIZE = 10.0
# A word too wide for its column is broken mid-word with no hyphen: its first piece is alone
# on its line and ends less than about one character (this many font sizes) short of the
# cell's text edge. Geometry alone cannot tell "reporting/communications" + "and" from
# "developing/improvi" + "ng"; the rest of a broken word is not an English function word.
EMERGENCY_BREAK_GAP = 1.0
GLUE = "\u0000"  # marks a line end that joins the next line without a space
# A line opening with a bullet or a list number starts a list item. Letters and dashes do not
# count here: "(b)" or "- " may open a wrapped line in the middle of a sentence.
LIST_ITEM_START = re.compile(r"^(\d{1,2}[.)]|[\u2022\u25cf\u25aa\u25e6\uf0b7\uf0a7])\s")


@dataclass
class Line:
    words: list
    top: float
    size: float
    in_margin: bool = False

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]


def group_lines(words: list) -> list[Line]:
    """Given words in reading order, group those sharing a baseline into lines."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= LINE_TOLERANCE:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word], word["top"], word.get("size", DEFAULT_FONT_SIZE)))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def pitch_ratio(line_groups) -> float:
    """Given groups of consecutive lines (running text, cells), return the document's usual
    distance between two lines of a paragraph, over the font size."""
    ratios = []
    for lines in line_groups:
        for a, b in zip(lines, lines[1:]):
            # a pitch under the font size is not two lines of one paragraph (columns side by side)
            if a.size and b.top - a.top >= a.size * MIN_PITCH_RATIO:
                ratios.append((b.top - a.top) / a.size)
    if len(ratios) < MIN_PITCH_SAMPLES:
        return DEFAULT_PITCH_RATIO
    # the lowest third are lines inside paragraphs; paragraph gaps sit above them
    ratios.sort()
    return statistics.median(ratios[: max(3, len(ratios) // 3)])


def starts_paragraph(prev: Line | None, line: Line, ratio: float) -> bool:
    """Does `line` open a new paragraph after `prev`?"""
    if prev is None or (line.top - prev.top) > prev.size * ratio * PARAGRAPH_GAP_FACTOR:
        return True
    text = line.text
    return bool(LIST_ITEM_START.match(text)) or (text[:1].isupper() and opens_with_label(text))


def split_paragraph_lines(lines: list[Line], ratio: float) -> list[list[Line]]:
    """Given lines, group them into paragraphs (see `starts_paragraph`)."""
    out: list[list[Line]] = []
    prev = None
    for line in lines:
        if starts_paragraph(prev, line, ratio):
            out.append([line])
        else:
            out[-1].append(line)
        prev = line
    return out


def broken_mid_word(line: Line, following: Line, right_edge: float, padding: float) -> bool:
    """Was `line` cut inside a word because the word was wider than its column?"""
    rest = following.words[0]["text"]
    head = re.match(r"[a-z]+", rest)
    return (
        len(line.words) == 1
        and line.text[-1:].isalpha()
        and head is not None
        and head.group(0) not in STOP_WORDS
        and right_edge - padding - line.x1 < line.size * EMERGENCY_BREAK_GAP
    )


def paragraph_text(lines: list[Line], right_edge: float | None, left_edge: float | None = None) -> str:
    """Given the lines of one paragraph, return its text; a word broken at the cell's edge
    for want of room is made whole again."""
    pieces = []
    padding = min(line.words[0]["x0"] for line in lines) - left_edge if lines and left_edge is not None else 0.0
    for i, line in enumerate(lines):
        pieces.append(line.text)
        if i + 1 < len(lines) and right_edge is not None and broken_mid_word(line, lines[i + 1], right_edge, padding):
            pieces[-1] += GLUE
    return join_lines(pieces).replace(GLUE + " ", "").replace(GLUE, "")


def paragraphs(lines: list[Line], ratio: float, edges: tuple | None = None) -> list[str]:
    """Given the lines of a cell (and the cell's left and right x) or of running text,
    return its paragraphs as text."""
    left, right = edges if edges else (None, None)
    texts = (clean(paragraph_text(para, right, left)) for para in split_paragraph_lines(lines, ratio))
    return [t for t in texts if t]
