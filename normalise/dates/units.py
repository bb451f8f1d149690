"""Units and tokenising: the sentence split where one token holds two units, each unit made
one token of a small Doc for the grammar, and a grammar match parsed into leads, members,
connectors and trails."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .periods import MONTHS, Period

if TYPE_CHECKING:
    from .matchers import DateRules

# Tokens spaCy's tokenizer leaves whole although they hold two or more units: "mid-2021",
# "2023\u20132025" (an en dash, unlike a hyphen, is no infix between digits; nor is a figure dash,
# "2020\u20122021"), "14\u201325 May", "2020/21", "7/2/2022", "FY2020", "Q1/2022", "Feb./Mar", "30 September-4
# October" (a hyphen or dash between a month and a day). Split once here, so that the patterns need
# no REGEX, which the Matcher evaluates in Python for every token and pattern state.
DASHES = "\u2012\u2013\u2014"
GLUED = [re.compile(r"^(early|mid|late|end|start)(-)(19[5-9]\d|20\d\d)$", re.I),
         re.compile(rf"^(19[5-9]\d|20\d\d)([/{DASHES}])(\d\d|19[5-9]\d|20\d\d)$"),
         re.compile(rf"^(\d{{1,2}})([{DASHES}])(\d{{1,2}})$"),
         re.compile(r"^(\d{1,2})([./])(\d{1,2})([./])(19[5-9]\d|20\d\d)$"),
         re.compile(r"^(FY)(-?)(\d\d|19[5-9]\d|20\d\d)$"),
         re.compile(r"^([QH][1-4])(/)(19[5-9]\d|20\d\d)$")]
# Glued tokens whose words must be month names ("Feb./Mar", "September-4"): "A/B" and "Covid-19"
# stay whole.
GLUED_MONTHS = [re.compile(r"^([A-Z][a-z]{2,8}\.?)(/)([A-Z][a-z]{2,8}\.?)$"),
                re.compile(rf"^([A-Z][a-z]{{2,8}}\.?)([-{DASHES}])(\d{{1,2}})$")]
# Where a sentence may hold a glued token (most hold none, and are not walked token by token):
# a cheap test first (a dash, slash or stop before a digit, a slash before a capital, "FY"), then
# this one, which tries its alternatives at every character (measured: six times the cost).
MAY_BE_GLUED_AT_ALL = re.compile(rf"[-{DASHES}/.]\d|/[A-Z]|FY")
MAY_BE_GLUED = re.compile(rf"(?i:early|mid|late|end|start)-\d|\d[/.{DASHES}]\d|FY-?\d|[a-z]\.?/[A-Z]|"
                          rf"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[-{DASHES}]\d")


# Unit categories (date_phrases.jsonl) and the kind of resolver each needs.
ROLE_OF_CATEGORY = {
    "DATE": "anchor", "DAY": "anchor", "MONTH": "anchor", "SEASON": "anchor", "PART": "anchor",
    "YEAR": "anchor", "YEARS": "anchor", "REL": "anchor", "CUR": "anchor", "NOW": "anchor", "NOVALUE": "anchor",
    "QUAL": "qualifier", "LEAD": "lead", "BOUND": "lead", "TRAIL": "lead",
    "CONN": "connector", "CONNLEAD": "connector", "COMMA": "connector", "OF": "within",
}
LEADING = ("LEAD", "BOUND", "CONNLEAD")  # "to", "until", "till" lead an expression as plainly as "in"
TRAILING = ("TRAIL", "BOUND")
YEARISH = ("YEAR", "YEARS", "REL", "CUR")
ANCHORS = {"DATE", "MONTH", "SEASON", "PART", "YEAR", "YEARS", "REL", "CUR"}  # what every expression holds
INNER = ("MONTH", "SEASON", "PART")
DEADLINE_RULE = "deadline"


@dataclass
class Unit:
    category: str
    rule: str
    text: str
    alone: bool


@dataclass
class Member:
    quals: list[Unit]
    chain: list[Unit]  # anchors, innermost first ("the first half", "of", "2020" -> [first half, 2020])
    period: Period | None = None

    @property
    def standalone(self) -> bool:
        return len(self.chain) > 1 or any(u.alone for u in self.chain)



def split_glued(doc, text: str) -> None:
    """Split the tokens of `doc` (whose text is `text`) that hold two units ("mid-2021" -> "mid",
    "-", "2021")."""
    if not MAY_BE_GLUED_AT_ALL.search(text) or not MAY_BE_GLUED.search(text):
        return
    splits = []
    for token in doc:
        match = next((m for g in GLUED if (m := g.match(token.text))), None) or \
            next((m for g in GLUED_MONTHS if (m := g.match(token.text)) and names_months(m)), None)
        if match:
            splits.append((token, [p for p in match.groups() if p]))
    if splits:  # a retokenizer copies the whole Doc on exit, even with nothing to do
        with doc.retokenize() as retokenizer:
            for token, parts in splits:
                retokenizer.split(token, parts, heads=[(token, i) for i in range(len(parts))])


def names_months(match: re.Match) -> bool:
    """Whether every word of a glued token is a month name ("Feb./Mar" yes, "A/B" no)."""
    return all(p.lower().rstrip(".") in MONTHS for p in match.groups() if p[0].isalpha())


def longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches, the longest (then the first) winning, in text order."""
    taken: set[int] = set()
    out = []
    for key, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            out.append((key, start, end))
    return sorted(out, key=lambda m: m[1])


def unit_doc(doc, rules: DateRules) -> tuple[Doc, list[tuple[int, int]]]:
    """The sentence as a Doc for the grammar: each unit (the longest where they overlap) one
    token whose TAG is its category and LEMMA its rule id, with the words within GRAMMAR_REACH
    of an anchor or day; each run of other words one gap token. Returns it with each token's
    character range in the sentence. Smaller than the sentence, and cheaper than merging in
    place with spaCy's retokenizer (measured)."""
    texts, starts = [], []
    for token in doc:  # one pass: each step of a Doc's iteration makes a Token object
        texts.append(token.text)
        starts.append(token.idx)
    items, i = [], 0  # (first token, end token, category, rule)
    for key, start, end in longest_first(rules.units(doc, texts)):
        category, rule, alone = rules.unit_of_key[key]
        if category != "COMMA":
            while end - start > 1 and texts[end - 1] == ",":  # "on 15 January, the group"
                end -= 1
            while end - start > 1 and texts[start] == ",":
                start += 1
        items += [(j, j + 1, "", "") for j in range(i, start)]
        items.append((start, end, category, rule + (" alone" if alone else "")))
        i = end
    items += [(j, j + 1, "", "") for j in range(i, len(texts))]
    near: set[int] = set()
    for n, item in enumerate(items):
        if item[2] in ANCHORS or item[2] == "DAY":
            near.update(range(n - GRAMMAR_REACH, n + GRAMMAR_REACH + 1))
    words, tags, lemmas, chars = [], [], [], []
    for n, (first, end, category, rule) in enumerate(items):
        span = (starts[first], starts[end - 1] + len(texts[end - 1]))
        if n in near:
            words.append(texts[first] if end - first == 1 else doc.text[span[0]:span[1]])
            tags.append(category)
            lemmas.append(rule)
            chars.append(span)
        elif tags and tags[-1] == GAP_TAG:
            chars[-1] = (chars[-1][0], span[1])
        else:
            words.append(GAP)
            tags.append(GAP_TAG)
            lemmas.append("")
            chars.append(span)
    return Doc(doc.vocab, words=words, tags=tags, lemmas=lemmas), chars


# An expression reaches at most four units from its anchor ("at the latest", "by", "the end
# of", "the first half", "of", 2020): words further away take no part, and are one gap token.
GRAMMAR_REACH = 4
GAP_TAG = "GAP"
GAP = "\u2026"  # stands for words far from any anchor


def unit_of(token) -> Unit:
    rule, _, alone = token.lemma_.partition(" ")
    return Unit(token.tag_, rule, token.text, alone == "alone")


def parse(units: list[Unit]) -> tuple[list[Unit], list[Member], list[Unit], list[Unit]] | None:
    """Leads, members, the connectors between members, trails; None if the units make no expression."""
    first, last = 0, len(units)
    while first < last and units[first].category in LEADING:
        first += 1
    while last > first and units[last - 1].category in TRAILING:
        last -= 1
    members: list[list[Unit]] = []
    connectors: list[Unit] = []
    current: list[Unit] = []
    body = units[first:last]
    for i, unit in enumerate(body):
        # "June, 2020" is one member; "2018, 2019 and 2020" and "April, May" are lists
        year_follows = i + 1 < len(body) and body[i + 1].category in YEARISH
        of_comma = year_follows and current and current[-1].category in INNER
        if unit.category in ("CONN", "CONNLEAD") or (unit.category == "COMMA" and not of_comma):
            members.append(current)
            connectors.append(unit)
            current = []
        else:
            current.append(unit)
    members.append(current)
    parsed = []
    for member in members:
        quals = list(itertools.takewhile(lambda u: u.category == "QUAL", member))
        rest = member[len(quals):]
        chain = [u for u in rest if u.category not in ("OF", "COMMA")]
        joined = [a.category in INNER for a, b in zip(rest, rest[1:], strict=False) if b.category in ("OF", "COMMA")]
        if not chain or any(u.category == "QUAL" for u in chain) or not all(joined) \
                or rest[0].category in ("OF", "COMMA") or rest[-1].category in ("OF", "COMMA"):
            return None
        parsed.append(Member(quals, chain))
    return units[:first], parsed, connectors, units[last:]


