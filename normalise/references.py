"""References: the resolution or decision number a task carries, kept apart from its text.

Governing bodies and committees number what they decide ("resolution 4/7": the seventh of the
fourth session), and their progress tables give that number at the start of the task cell
("4/7 Marine plastic litter ...", "Decision SOM25/3 (a): Agree to ...", "UNEP/EA.4/Res.7 ...")
or in a column of its own ("Decision no."). The number outlives re-wordings of the task, so it
is stored apart (tasks.reference as written, tasks.reference_key to compare) and linking uses it.

A key reads "<kind> <numbers><parts>": "res 4/7", "dec 25/3(a)", "res 4/11 p5" (paragraph 5),
"* 4/7" when no word says what kind of number it is. The kinds and their words are data
(patterns/references.jsonl). A session given by a symbol's prefix joins the number
("UNEP/EA.4/Res.7" is "res 4/7", the same resolution as "Resolution 4/7").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .nlp import PATTERNS_DIR, read_jsonl

REFERENCE_PATTERNS = PATTERNS_DIR / "references.jsonl"
UNKNOWN_KIND = "*"
# "SOM25/3", "IACCW-7/2": letters naming the body before the number (dropped from the key: the
# same decision is "SOM25/3" in one note and "25/3" in the next)
CODE = r"(?:[A-Z][A-Za-z]{1,9}[-. ]?)?"
NUMBERS = r"(?P<numbers>\d{1,3}(?:\s?/\s?\d{1,4})*)"  # "Dec 2020" is a month, not decision 2020
SLASHED = r"(?P<numbers>\d{1,3}\s?/\s?\d{1,3})"  # a bare number needs its slash: "4/7", not "12"
PARTS = r"(?P<parts>(?:\s?\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\))*)"  # "(a)", "(a)(ii)"
PARAGRAPH = r"(?:,?\s*(?:(?i:para(?:graph)?s?)\.?|(?i:op)\.?)\s*(?P<para>\d{1,3}(?:\s?\([a-z]{1,2}\))?))?"
END = r"(?![\w/])"
# What may stand between a reference and the task's words when the reference is a label, not
# part of the sentence: "4/7. Marine ...", "Decision 3/1 (a): Agree ...", "Res. 4/2 - ..."
LABEL_SEPARATORS = ":.;\u2013\u2014-"
SEPARATORS = " ,\t" + LABEL_SEPARATORS


@dataclass
class Reference:
    text: str  # as written
    key: str  # comparable: "res 4/7(a)"
    end: int  # where it ends in the text it was found in


@functools.lru_cache(maxsize=1)
def reference_kinds() -> list[dict]:
    return read_jsonl(REFERENCE_PATTERNS)


@functools.lru_cache(maxsize=1)
def reference_patterns() -> list[tuple[str | None, re.Pattern]]:
    """(kind, pattern) pairs: a word and a number, a document symbol, a bare number."""
    out = []
    for entry in reference_kinds():
        words = rf"(?P<word>(?i:{entry['words']}))\s*(?:(?i:no)\.?\s*)?{CODE}{NUMBERS}{PARTS}{PARAGRAPH}{END}"
        out.append((entry["kind"], re.compile(words)))
        if entry.get("symbol"):
            symbol = (rf"(?P<prefix>(?:[A-Z][A-Za-z.]*\d*/)+)(?:{entry['symbol']})[./]?\s?{NUMBERS}{PARTS}"
                      rf"{PARAGRAPH}{END}")
            out.append((entry["kind"], re.compile(symbol)))
    out.append((None, re.compile(rf"{CODE}{SLASHED}{PARTS}{PARAGRAPH}{END}")))
    return out


def kind_of_words(text: str | None) -> str | None:
    """The kind a header or word names ("Decision no." -> "dec"), or None."""
    for entry in reference_kinds():
        if text and re.match(rf"(?i:{entry['words']})\b", text.strip()):
            return entry["kind"]
    return None


def reference_key(match: re.Match, kind: str | None) -> str:
    """The comparable form of a matched reference."""
    numbers = [str(int(n)) for n in re.findall(r"\d+", match.group("numbers"))]
    prefix = match.groupdict().get("prefix")
    if prefix and len(numbers) == 1:  # UNEP/EA.4/Res.7: the session is in the symbol's prefix
        session = re.findall(r"\d+", prefix)
        numbers = ([str(int(session[-1]))] if session else []) + numbers
    parts = "".join(f"({p})" for p in re.findall(r"\((\w+)\)", match.group("parts") or "")).lower()
    para = match.group("para")
    para = f" p{''.join(para.split()).lower()}" if para else ""
    return f"{kind or UNKNOWN_KIND} {'/'.join(numbers)}{parts}{para}"


def match_reference(text: str, kind_hint: str | None = None) -> Reference | None:
    """Given text, return the reference it opens with, or None."""
    for kind, rx in reference_patterns():
        m = rx.match(text)
        if m:
            return Reference(m.group(0), reference_key(m, kind or kind_hint), m.end())
    return None


def opening_reference(paragraph: str) -> tuple[Reference, str] | None:
    """Given a task cell's first paragraph, return the reference that opens it and the
    paragraph without it, or None. The reference is taken off the text when it stands as a
    label ("4/7 Marine ...", "Decision 3/1 (a): Agree ..."), and left in a sentence that goes
    on from it ("Resolution 4/7 on marine litter requests ...")."""
    ref = match_reference(paragraph)
    if ref is None:
        return None
    rest = paragraph[ref.end:]
    body = rest.lstrip(SEPARATORS)
    separator = rest[: len(rest) - len(body)]
    if not body or any(c in LABEL_SEPARATORS for c in separator) or not body[0].isalpha() or body[0].isupper():
        return Reference(paragraph[: ref.end + len(separator)].rstrip(), ref.key, ref.end), body
    return ref, paragraph


def column_reference(text: str, header: str | None = None) -> Reference | None:
    """Given a reference column's cell and its header, return the reference it holds: parsed
    where it reads as one, else the cell as written (its key the folded text)."""
    text = " ".join(text.split())
    if not text:
        return None
    ref = match_reference(text, kind_of_words(header))
    if ref is not None and not text[ref.end:].strip(SEPARATORS):
        return Reference(text, ref.key, len(text))
    return Reference(text, f"{UNKNOWN_KIND} {text.lower()}", len(text))
