"""Words of a PDF page into lines, and lines into paragraphs.

pdfplumber gives words with their boxes; a paragraph is a run of lines at the document's usual
line pitch (measured on the document itself, `pitch_ratio`), broken where the gap grows, where
a list marker opens a line, or where a line opens with a status label and a colon ("Completed:
The IMG met ..."): some producers show no gap between two progress items, and the label is the
only sign of the new one.
"""
from __future__ import annotations

import array
import bisect
import functools
import gzip
import json
import pkgutil
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ...normalise.statuses import opens_with_label
from ...stop_words import STOP_WORDS
from ..text import clean, join_lines

LINE_TOLERANCE = 2.5  # words whose tops differ by less than this (pt) share a line
# A paragraph break is a line pitch this much larger than the document's usual pitch
# (Word's "space after" adds 4pt or more to a ~13pt pitch at 11pt type: a 1.3x jump).
PARAGRAPH_GAP_FACTOR = 1.18
DEFAULT_PITCH_RATIO = 1.2  # pitch/size when a document has too few lines to measure
# Lines closer than the font size are not two lines of one paragraph: they are lines of
# columns side by side, read as one run where a table has no rules (0.36 and 0.97 of the size
# apart in the unruled fixture, whose paragraphs run at 1.34).
MIN_PITCH_RATIO = 1.0
MIN_PITCH_SAMPLES = 5
PITCH_CLUSTER = 1.08  # pitches within 8% of the smallest are lines of one paragraph
DEFAULT_FONT_SIZE = 10.0
# A word too wide for its column is broken mid-word with no hyphen: its first piece is alone
# on its line and ends less than about one character (this many font sizes) short of the
# cell's text edge. Geometry alone cannot tell "reporting/communications" + "and" from
# "developing/improvi" + "ng", nor "acknowledgement" + "development" (two words, the first
# filling its line) from "acknowledge" + "ment": the words the document uses elsewhere and an
# English word list (pyspellchecker's, loaded only when such a line turns up) decide where they
# know the words, geometry where they do not.
EMERGENCY_BREAK_GAP = 1.0
NEXT_CHAR_SLACK = 1.2  # kerning and the font's own proportions: the estimate below is rough
# The room a line leaves is less than the next word's first letter (else the producer would
# have put the letter there). pdfplumber's words give only their whole width: a letter's share
# of it is estimated with Helvetica's widths (its AFM, in 1/1000 em; other letters and marks:
# DEFAULT_LETTER_WIDTH). An "m" is 1.5 times an average letter: "intergovern" + "mental" ends
# with more room than a mean letter.
LETTER_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyz",
                         (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
                          556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500), strict=True))
DEFAULT_LETTER_WIDTH = 556
MAX_CELL_PADDING = 8.0  # pt: Word and LibreOffice pad cells by 5.4, browsers as styled (5 here)
MIN_KNOWN_PIECE = 3  # a one- or two-letter "word" ("s", "ng") is a piece, whatever a word list says
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
        return " ".join([w["text"] for w in self.words])

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


def pitch_ratio(line_groups, default: float = DEFAULT_PITCH_RATIO) -> float:
    """Given groups of consecutive lines (running text, cells), return the document's usual
    distance between two lines of a paragraph, over the font size (`default` when too few
    lines show it)."""
    ratios = []
    for lines in line_groups:
        for a, b in zip(lines, lines[1:], strict=False):
            if a.size and b.top - a.top >= a.size * MIN_PITCH_RATIO:
                ratios.append((b.top - a.top) / a.size)
    if len(ratios) < MIN_PITCH_SAMPLES:
        return default
    # The pitch inside paragraphs is the smallest that recurs; paragraph gaps sit above it. Its
    # share of all pitches varies (in a short note most are gaps: header lines and headings,
    # each a paragraph of its own), so it is found as the cluster at the bottom, not a quantile.
    ratios.sort()
    return statistics.median([r for r in ratios if r <= ratios[0] * PITCH_CLUSTER])


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


# pyspellchecker's English list (word -> frequency), as its SpellChecker loads it: only the words
# are used here, so they are read straight from the file (SpellChecker's own load builds frequency
# tables besides).
ENGLISH_WORD_RESOURCE = ("spellchecker", "resources/en.json.gz")
# The list is one flat JSON object: its words are its keys, each a string followed by a colon,
# which no other string in JSON is. Where no string holds an escape they are taken as written,
# without json.loads building the 160,572 counts nobody reads: the whole load 0.075 to 0.12 s
# against 0.13 to 0.18 (three fresh runs each, in turns), in the readers' build every ingest
# waits for.
JSON_KEY = re.compile(r'"([^"\\]*)"\s*:')


def english_word_list() -> list[str]:
    """The words of the English word list, lower case, as the file holds them."""
    data = pkgutil.get_data(*ENGLISH_WORD_RESOURCE)  # as SpellChecker finds it
    if data is None:
        raise FileNotFoundError(f"{ENGLISH_WORD_RESOURCE[0]}: {ENGLISH_WORD_RESOURCE[1]} cannot be read")
    text = gzip.decompress(data).decode("utf-8")
    if "\\" in text:
        return [word.lower() for word in json.loads(text)]
    return JSON_KEY.findall(text.lower())  # one lower() for the text: no lowered copy of each word


class HashedWords:
    """A set of words for `in` alone, held as their sorted 64-bit hashes (`hash`): 1.3 MB for the
    English list, where a frozenset of its words held 16.9 MB (the strings and the table) in
    every reader and in a process reading for itself, whose peak memory issue 24 bars from
    growing. A word not in the list is taken for one only if its hash is one of theirs: about
    1 in 10**14 for the English list's 160,572. The hashes are this interpreter's (str hashes
    are salted per interpreter): the set is built where it is used, forked readers share it,
    and it refuses to be pickled. Built from the file in 0.077 to 0.099 s (three fresh runs), as
    the frozenset was."""

    def __init__(self, words: list[str]):
        import numpy  # spaCy's already where the list is loaded; importing the reader needs none

        # numpy sorts the 160,572 hashes in 0.02 s, sorted() their ints in 0.1 (three runs each)
        hashes = numpy.fromiter(map(hash, words), dtype=numpy.int64, count=len(words))
        hashes.sort()
        # a word given twice is kept once, as a set keeps it (numpy.unique would sort again: 0.08 to 0.12 s)
        distinct = numpy.ones(len(hashes), dtype=bool)
        distinct[1:] = hashes[1:] != hashes[:-1]
        # bisect on an array of machine ints: 0.55 us a word, numpy's searchsorted 0.75 (timeit)
        self.hashes = array.array("q", hashes[distinct].tobytes())

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False  # as a set of str answers: b"the" hashes as "the" does
        key = hash(word)
        at = bisect.bisect_left(self.hashes, key)
        return at < len(self.hashes) and self.hashes[at] == key

    def __len__(self) -> int:
        """How many words it holds (distinct, as a set's)."""
        return len(self.hashes)

    def __reduce__(self):
        # unpickled in another interpreter, its hashes would answer wrong without a word of error
        raise TypeError("HashedWords holds this interpreter's str hashes: build it where it is used")


@functools.lru_cache(maxsize=1)
def english_words() -> HashedWords:
    """The English word list, lower case, for `in`. Membership is SpellChecker's `known` for
    what the callers ask about, lower-case words of letters (`known` also refuses numbers and
    lone punctuation, which they never pass)."""
    return HashedWords(english_word_list())


WORD_PIECE = re.compile(r"[A-Za-z]+")
# The word list lacks many derived words of the notes ("operationalization", "mainstreaming"):
# a word is known when it is a known word and one of these endings ("operational" + "ization"),
# the stem at least MIN_STEM letters, or with the "e" the ending dropped ("harmoniz" + "e").
# (a plural of "-isation" is two endings: "organisations" = "organ" + "isations")
DERIVED_ENDINGS = ("izations", "isations", "ization", "isation", "ations", "ation", "itions", "ition", "ments", "ment",
                   "ness", "ities", "ity", "ally", "ly", "ings", "ing", "ers", "er", "ed", "es", "s", "al",
                   "ive", "able", "ible")
MIN_STEM = 4


def in_word_list(word: str) -> bool:
    """Is `word` (lower case) in the English word list, as it stands or as a known word with a
    derivational or inflectional ending (DERIVED_ENDINGS)?"""
    words = english_words()
    if word in words:
        return True
    stems = [word[:-len(end)] for end in DERIVED_ENDINGS if word.endswith(end) and len(word) - len(end) >= MIN_STEM]
    return any(stem in words or stem + "e" in words for stem in stems)


class Lexicon:
    """The words a document uses (each with its count) and an English word list: what tells a
    word the PDF broke at a cell's edge from two words."""

    def __init__(self, words: list[str]):
        # The pieces are runs of ASCII letters, so none spans the space between two texts: found
        # in the texts joined, then lower-cased in one call (the pieces, not the texts:
        # "\u0130".lower() holds an ASCII "i")
        pieces = WORD_PIECE.findall(" ".join(words))
        self.counts = Counter(" ".join(pieces).lower().split(" ")) if pieces else Counter()

    def knows(self, word: str, occurrences: int = 1) -> bool:
        return self.counts[word] >= occurrences or in_word_list(word)

    def broken(self, first: str, rest: str) -> bool | None:
        """True when the pieces make one known word, False when they are two known words (each
        also used elsewhere in the document, or in the word list), None when it cannot tell."""
        tail = re.search(r"[A-Za-z]+$", first)
        if tail is None:
            return None
        piece, rest = tail.group(0).lower(), rest.lower()
        if self.knows(piece + rest):
            return True
        # the pieces are counted where they stand: a whole word is used at least once more
        if min(len(piece), len(rest)) >= MIN_KNOWN_PIECE and self.knows(piece, 2) and self.knows(rest, 2):
            return False
        return None


def joined_width(line: Line, following: Line, head: str) -> float:
    """The width the two pieces would take as one word: the last word of `line` and the head
    of the first word of `following` (in proportion to its letters)."""
    last, first = line.words[-1], following.words[0]
    return (last["x1"] - last["x0"]) + (first["x1"] - first["x0"]) * len(head) / max(1, len(first["text"]))


def broken_mid_word(line: Line, following: Line, right_edge: float, padding: float,
                    lexicon: Lexicon | None = None) -> bool:
    """Was `line` cut inside a word because the word was wider than its column? Only a line
    that ends at the cell's edge with a letter, before a lower-case word, may be, and only if
    the two pieces as one word would not fit on a line of their own (else the producer would
    have moved the whole word down). Then the lexicon decides where it knows the words, else a
    lone word that is no function word is taken for a broken one."""
    first = following.words[0]
    head = re.match(r"[a-z]+", first["text"])
    # the line's last character is its last word's (an empty word's: none): checked before the
    # widths, as most lines end with a stop or before a capital
    if head is None or not line.words[-1]["text"][-1:].isalpha():
        return False
    if not reaches_edge(line, right_edge, padding, first_letter_width(first)):
        return False
    if joined_width(line, following, head.group(0)) <= right_edge - padding - following.words[0]["x0"]:
        return False  # the whole word would have fitted where the next line starts
    verdict = lexicon.broken(line.words[-1]["text"], head.group(0)) if lexicon else None
    if verdict is not None:
        return verdict
    return len(line.words) == 1 and head.group(0) not in STOP_WORDS


def first_letter_width(word: dict) -> float:
    """The width of a word's first letter: its share of the word's width, in Helvetica's
    proportions (LETTER_WIDTHS)."""
    text = word["text"] or " "
    shares = [LETTER_WIDTHS.get(ch.lower(), DEFAULT_LETTER_WIDTH) for ch in text]
    return (word["x1"] - word["x0"]) * shares[0] / sum(shares)


def reaches_edge(line: Line, right_edge: float, padding: float, next_char: float | None = None) -> bool:
    """Does the line end within about a character of the cell's text edge (less than the next
    character's width, where it is known: a producer breaking a word fills the line)?"""
    room = right_edge - padding - line.x1
    return room < line.size * EMERGENCY_BREAK_GAP and (next_char is None or room < next_char * NEXT_CHAR_SLACK)


def cell_padding(lines: list[Line], left_edge: float) -> float:
    """The cell's padding, as far as its lines show it (a list's indent is not padding)."""
    return min(min(line.words[0]["x0"] for line in lines) - left_edge, MAX_CELL_PADDING) if lines else 0.0


def paragraph_text(lines: list[Line], right_edge: float | None, left_edge: float | None = None,
                   lexicon: Lexicon | None = None) -> str:
    """Given the lines of one paragraph, return its text; a word broken at the cell's edge
    for want of room is made whole again."""
    pieces = []
    padding = cell_padding(lines, left_edge) if left_edge is not None else 0.0
    for i, line in enumerate(lines):
        pieces.append(line.text)
        if i + 1 < len(lines) and right_edge is not None \
                and broken_mid_word(line, lines[i + 1], right_edge, padding, lexicon):
            pieces[-1] += GLUE
    return join_lines(pieces).replace(GLUE + " ", "").replace(GLUE, "")


def paragraphs(lines: list[Line], ratio: float, edges: tuple | None = None,
               lexicon: Lexicon | None = None) -> list[str]:
    """Given the lines of a cell (and the cell's left and right x) or of running text,
    return its paragraphs as text."""
    left, right = edges if edges else (None, None)
    texts = (clean(paragraph_text(para, right, left, lexicon)) for para in split_paragraph_lines(lines, ratio))
    return [t for t in texts if t]
