"""Small text helpers shared by both readers."""
from __future__ import annotations

import re

BULLETS = "\u2022\u25cf\u25aa\u25a0\uf0b7\uf0a7\u2023\u2043\u25e6"
SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")
HYPHEN_CONJUNCTIONS = {"and", "or", "to", "nor"}  # "medium- and long-term", "short- to mid-term"
SENTENCE_END = tuple(".;:!?)\u201d\"'")


# Glyphs a PDF may carry where the Word file has plain letters: typographic ligatures, soft
# hyphens (invisible unless a line breaks there), non-breaking hyphens.
GLYPHS = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
          "\ufb06": "st", "\u00ad": "", "\u2011": "-"}
TRANSLATION = {**{ord(b): "\u2022" for b in BULLETS}, **{ord(k): v for k, v in GLYPHS.items()}}


def clean(text: str) -> str:
    """Given a paragraph's raw text, fold runs of spaces and normalise bullets and ligatures."""
    return SPACES.sub(" ", text.translate(TRANSLATION)).strip()


def join_lines(lines: list[str]) -> str:
    """Given the lines of one paragraph, join them as the writer typed them.

    A line that ends in a hyphen after a letter or digit joins without a space: LibreOffice and
    Word do not hyphenate by default, so the hyphen is the writer's ("Post-" + "2020"), unless a
    conjunction follows ("medium-" + "and long-term").
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):  # a soft hyphen: Word broke the word here, no space
            out = out[:-1] + line
        elif re.search(r"[A-Za-z0-9]-$", out) and line.split(" ", 1)[0].lower() not in HYPHEN_CONJUNCTIONS:
            out += line
        else:
            out += " " + line
    return out


def normalise_ws(text: str) -> str:
    """Whitespace-insensitive form of a text, for comparing Word and PDF output."""
    return " ".join(text.split())
