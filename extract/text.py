"""Small text helpers shared by both readers."""
from __future__ import annotations

import re

BULLETS = "\u2022\u25cf\u25aa\u25a0\uf0b7\uf0a7\u2023\u2043\u25e6"
# runs of spaces and other blanks, folded to one space: a lone plain space is left as it is
# (matching every word gap only to write it back costs a third of `clean`)
SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]{2,}|[\t\u00a0\u2002\u2003\u2009\u200b]")
HYPHEN_CONJUNCTIONS = {"and", "or", "to", "nor"}  # "medium- and long-term", "short- to mid-term"
# a line's last two characters that join it to the next without a space (join_lines)
WORD_HYPHEN = re.compile(r"[A-Za-z0-9]-")  # "Post-"
WORD_SLASH = re.compile(r"[A-Za-z0-9]/")  # "reporting/"
SENTENCE_END = tuple(".;:!?)\u201d\"'")


# Glyphs a PDF may carry where the Word file has plain letters: typographic ligatures, soft
# hyphens (invisible unless a line breaks there), non-breaking hyphens.
GLYPHS = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
          "\ufb06": "st", "\u00ad": "", "\u2011": "-"}
TRANSLATION = {**{ord(b): "\u2022" for b in BULLETS}, **{ord(k): v for k, v in GLYPHS.items()}}
# any character TRANSLATION maps: most paragraphs hold none, and are not translated
TRANSLATED = re.compile("[" + re.escape("".join(map(chr, TRANSLATION))) + "]")


def clean(text: str) -> str:
    """Given a paragraph's raw text, fold runs of spaces and normalise bullets and ligatures."""
    return SPACES.sub(" ", translate_glyphs(text)).strip()


def translate_glyphs(text: str) -> str:
    """`text` with bullets, ligatures, soft and non-breaking hyphens as TRANSLATION maps them."""
    return text.translate(TRANSLATION) if TRANSLATED.search(text) else text


def join_lines(lines: list[str]) -> str:
    """Given the lines of one paragraph, join them as the writer typed them.

    A line that ends in a hyphen after a letter or digit joins without a space: LibreOffice and
    Word do not hyphenate by default, so the hyphen is the writer's ("Post-" + "2020"), unless a
    conjunction follows ("medium-" + "and long-term"). Browsers and HTML engines also break a
    line after a slash inside a word ("reporting/" + "communications"): that joins too, while a
    slash standing alone ("October /" + "November") keeps its space.
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
        elif WORD_HYPHEN.fullmatch(out[-2:]) and line.split(" ", 1)[0].lower() not in HYPHEN_CONJUNCTIONS:
            out += line
        elif WORD_SLASH.fullmatch(out[-2:]):
            out += line
        else:
            out += " " + line
    return out


# A list marker at the start of a paragraph: a bullet or dash, or a number or letter closed by
# "." or ")" ("1.", "2)", "(a)", "iv)"), then a space. Capital letters count only with a
# bracket: "A. Smith" is an initial. Word draws automatic markers without writing them in the
# text; a PDF shows them like typed ones, so both readers take them off alike.
LIST_MARKER = re.compile(r"^(?:[\u2022\u2023\u25e6\u2043\u25aa\u25a0\u25cf\uf0b7\uf0a7\uf0d8\u27a2\u25ba*\u2013\u2014-]"
                         r"|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\(?[A-Z][)]|\([A-Z]\))(?=\s+\S)\s+")


def strip_list_marker(text: str) -> tuple[str, str | None]:
    """Given a paragraph, return it without its leading list marker, and the marker (or None)."""
    match = LIST_MARKER.match(text)
    if not match:
        return text, None
    return text[match.end():], match.group(0).strip()


def normalise_ws(text: str) -> str:
    """Whitespace-insensitive form of a text, for comparing Word and PDF output."""
    return " ".join(text.split())
