"""Grammar and matchers: the pattern files read into a spaCy Matcher and PhraseMatchers for
units and a Matcher for the grammar, every id checked against the RESOLVERS table."""
from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..nlp import DATE_GRAMMAR, DATE_PATTERNS, read_jsonl, status_nlp
from .resolvers import RESOLVERS
from .units import ROLE_OF_CATEGORY


class DateRuleError(ValueError):
    """A date pattern file names a rule or category that normalise/dates/ cannot resolve."""



# ---- building the matchers ----

def expand(pattern: list, defines: dict, source: Path) -> list[list[dict]]:
    """The Matcher patterns a pattern stands for: "$NAME" (with ?, * or +) is a defined token,
    "@NAME" each of a defined list of alternative sequences."""
    pieces = []
    for element in pattern:
        if isinstance(element, dict):
            pieces.append([[element]])
            continue
        name, op = (element[1:-1], element[-1]) if element[-1] in "?*+" else (element[1:], None)
        if name not in defines:
            raise DateRuleError(f"{source.name}: {element!r} refers to no define")
        define = defines[name]
        if element.startswith("@"):
            pieces.append([seq for alternative in define["any"] for seq in expand(alternative, defines, source)])
        else:
            token = define_token(define)
            if op:
                token["OP"] = op
            pieces.append([[token]])
    return [[t for part in combo for t in part] for combo in itertools.product(*pieces)]


def define_token(define: dict) -> dict:
    """A define's Matcher token: as written ("token"), or an IN set of "words" and of "numbers"
    from low to high written in each of "formats" with each of "suffixes"."""
    if "token" in define:
        token = dict(define["token"])
        for attr, value in token.items():
            if isinstance(value, dict) and list(value) == ["IN"] and len(value["IN"]) == 1:
                token[attr] = value["IN"][0]  # an equality the Matcher checks natively, unlike IN
        return token
    texts = list(define.get("words", []))
    if "numbers" in define:
        low, high = define["numbers"]
        texts += [f.format(n) + suffix for n in range(low, high + 1) for f in define.get("formats", ["{}"])
                  for suffix in define.get("suffixes", [""])]
    return {define.get("attr", "TEXT"): {"IN": sorted(set(texts))}}


def check_rule(rule: str, role: str, source: Path) -> None:
    """An id the resolver table lacks, or one of another role, stops the build, naming it."""
    resolver = RESOLVERS.get(rule)
    if resolver is None:
        raise DateRuleError(f"{source.name}: rule id {rule!r} has no resolver in RESOLVERS "
                            "(normalise/dates/resolvers.py)")
    if resolver.role != role:
        raise DateRuleError(f"{source.name}: rule id {rule!r} is a {resolver.role} resolver, used as a {role}")


def phrases_of(tokens: list[dict]) -> tuple[str, list[tuple[str, ...]]] | None:
    """The attribute and the word sequences a pattern of literal tokens stands for ("the"?, "end",
    "of" -> the end of, end of), or None when it is no such pattern or stands for too many."""
    attrs, choices = set(), []
    for token in tokens:
        keys = [k for k in token if k != "OP"]
        if len(keys) != 1 or keys[0] not in ("LOWER", "TEXT", "ORTH") or token.get("OP") not in (None, "?"):
            return None
        value = token[keys[0]]
        words = [value] if isinstance(value, str) else value.get("IN") if set(value) == {"IN"} else None
        if words is None:
            return None
        if keys[0] == "LOWER":
            attrs.add("LOWER")
        elif any(w != w.lower() for w in words):  # digits and dashes read alike in TEXT and LOWER
            attrs.add("ORTH")
        choices.append(words + [None] if token.get("OP") == "?" else words)
    if len(attrs) > 1:
        return None
    attr = attrs.pop() if attrs else "LOWER"
    if math.prod(len(c) for c in choices) > PHRASE_LIMIT:
        return None
    phrases = {tuple(w for w in combo if w is not None) for combo in itertools.product(*choices)}
    return attr, sorted(p for p in phrases if p)


# The longest Matcher pattern ("Tuesday, the 9th of July, 2019") spans 8 tokens: no match
# reaches further than that from the word it requires.
MATCHER_REACH = 8
# Patterns of literal words go to a PhraseMatcher, which looks phrases up by hash: the Matcher
# tries each of its patterns at every token (about 1 microsecond per pattern and token, measured
# on the sample notes), the PhraseMatcher costs the same for ten phrases or a thousand.
PHRASE_LIMIT = 2000


class UnitMatcher:
    """A Matcher for the patterns with sets of numbers or mixed attributes, and PhraseMatchers for
    the patterns of literal words; called on a Doc, returns the matches of all three."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.phrases = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LOWER", "ORTH")}
        self.triggers: dict[str, set] = {"LOWER": set(), "ORTH": set()}  # a word every Matcher pattern holds
        self.everywhere = False  # a Matcher pattern without such a word: run it on every token

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        rest = []
        for tokens in patterns:
            literal = phrases_of(tokens)
            if literal is None:
                rest.append(tokens)
            else:
                attr, phrases = literal
                self.phrases[attr].add(key, [Doc(self.vocab, words=list(p)) for p in phrases])
        for tokens in rest:
            trigger = required_words(tokens)
            if trigger is None:
                self.everywhere = True
            else:
                self.triggers[trigger[0]].update(trigger[1])
        if rest:
            self.matcher.add(key, rest)

    def __call__(self, doc, texts: list[str]) -> list[tuple[int, int, int]]:
        """Matches over `doc` (whose token texts are `texts`); the Matcher runs only around the
        tokens its patterns require (a day, a month name, a year, "within"...)."""
        found = [m for pm in self.phrases.values() for m in pm(doc)]
        lower, orth = self.triggers["LOWER"], self.triggers["ORTH"]
        centres = range(len(texts)) if self.everywhere else \
            [i for i, text in enumerate(texts) if text in orth or text.lower() in lower]
        for first, last in windows(centres, MATCHER_REACH, len(doc)):
            found += [(key, first + start, first + end) for key, start, end in self.matcher(doc[first:last])]
        return found


def required_words(tokens: list[dict]) -> tuple[str, list[str]] | None:
    """("LOWER" or "ORTH", words) of the first token a pattern cannot do without, if it names words."""
    for token in tokens:
        if token.get("OP") in ("?", "*"):
            continue
        for attr, value in token.items():
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if attr in ("LOWER", "TEXT", "ORTH") and words:
                return ("LOWER", [w.lower() for w in words]) if attr == "LOWER" else ("ORTH", list(words))
        return None
    return None


def windows(centres: Iterable[int], reach: int, size: int) -> list[tuple[int, int]]:
    """Token ranges within `reach` of each centre, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for i in centres:
        first, last = max(0, i - reach), min(size, i + reach + 1)
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


def build_matcher(vocab, path: Path, key_of: Callable[[dict, Path], str], matcher=None):
    """A matcher over the patterns of `path`, each added under the key `key_of(entry, path)`."""
    entries = read_jsonl(path)
    defines = {e["define"]: e for e in entries if "define" in e}
    matcher = matcher if matcher is not None else Matcher(vocab)
    for entry in entries:
        if "define" not in entry:
            matcher.add(key_of(entry, path), expand(entry["pattern"], defines, path))
    return matcher


@dataclass(frozen=True)
class DateRules:
    units: UnitMatcher
    unit_of_key: dict  # matcher key -> (category, rule id, alone)
    grammar: Matcher
    vocab: Any  # the matchers' spaCy Vocab: its strings name a match's rule


def unit_key(entry: dict, source: Path) -> str:
    """"CATEGORY id [alone]", once the category and the id are known to the resolver table."""
    category, rule = entry.get("unit"), entry.get("id")
    if category not in ROLE_OF_CATEGORY:
        raise DateRuleError(f"{source.name}: unit category {category!r} (rule {rule!r}) is unknown")
    check_rule(str(rule), ROLE_OF_CATEGORY[category], source)
    return f"{category} {rule} {'alone' if entry.get('alone') else ''}".strip()


def grammar_key(entry: dict, source: Path) -> str:
    check_rule(str(entry.get("id")), "rule", source)
    return entry["id"]


def build_date_rules(units_path: Path = DATE_PATTERNS, grammar_path: Path = DATE_GRAMMAR) -> DateRules:
    """The two matchers; raises DateRuleError naming any id or category without a resolver."""
    vocab = status_nlp().vocab
    units = build_matcher(vocab, units_path, unit_key, UnitMatcher(vocab))
    grammar = build_matcher(vocab, grammar_path, grammar_key)
    keys = {vocab.strings.add(unit_key(e, units_path)): (e["unit"], e["id"], bool(e.get("alone")))
            for e in read_jsonl(units_path) if "define" not in e}
    return DateRules(units, keys, grammar, vocab)


@functools.lru_cache(maxsize=1)
def date_rules() -> DateRules:
    """The date matchers of normalise/patterns/, built once per process."""
    return build_date_rules()


