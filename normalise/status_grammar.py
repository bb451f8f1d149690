"""The status grammar: where a status label is, and what it reads, from data.

The words are in patterns/status_grammar.jsonl, by unit (heads in every form, state phrases,
modifiers, subjects, joiners, tail words); patterns/status_map.jsonl turns what a label reads (a
head's sense and its aspect) into a contract status. A label is

    [modifiers] [subject [modifiers]] head [after-modifiers] {joiner unit} [tail] END

where a head is a state's verb or adjective ("implemented", "deferred", "in progress", "overtaken
by events"), the tail a parenthesis ("(70%)"), a share ("- 50%") or a phrase opened by a tail word
("to 2021", "by decision of the SOM", "until funds are available"), and END a colon, a full stop, a
dash, the end of the text or, right after the head, a capitalised word that opens the item's own
sentence ("Completed The report was released"). A status word followed by anything else ("Completed
reports were shared", "Pending the nomination of focal points, ...") is not a label.

The reader is a spaCy rule component ("status_labels" on spacy.blank("en")): it looks only where
a label may start (a paragraph's first word after its bullet, list number or "Status:" prefix,
and a sentence's first word when a colon follows) and puts what it finds in doc.spans["status"].
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..vocabulary import MONTH_NAMES as MONTHS
from .nlp import STATUS_GRAMMAR, STATUS_MAP, read_jsonl

# A composite label ("Ongoing/postponed") takes the most specific state: the first in this list.
SPECIFICITY = ("cancelled", "postponed", "on_hold", "not_started", "ongoing", "completed")
COLON, DASHES, SENTENCE_ENDS = ":", {"-", "\u2013", "\u2014", "--"}, {".", ";", "!", "?"}
BULLET_TOKENS = {"\u2022", "-", "\u2013", "*", "\u00b7", "\uf0b7", "\u25aa", "\u27a2"}
MONTH_NAMES = frozenset(MONTHS)  # "Completed November 2019" is a dated statement, not a label
SHARE_WORDS = (("%",), ("per", "cent"), ("percent",))
MAX_PHRASE_TOKENS = 6  # the longest phrase of the grammar's data, in tokens
MAX_TAIL_TOKENS = 16  # a tail longer than this is a sentence ("Postponed to 2021 by decision of the SOM")
MAX_PAREN_TOKENS = 12  # "(70%)", "(implemented)", "(target date: Q4 2021)"
MAX_OBJECT_TOKENS = 4  # "Pending Bureau approval", "Awaiting the nomination of experts"
MAX_OPEN_SUBJECT = 2  # "Recruitment initiated", "Data collection completed"
# A word in -ly says how, not what ("Collectively fully circulated.", "Widely circulated."): an
# adverb is no open subject (nor, then, the rare noun in -ly: "Assembly"). Short words ("July")
# are not adverbs.
ADVERB_ENDING = "ly"
MIN_ADVERB_CHARS = 5
SPAN_KEY = "status"
WORDS_KEY = "status_words"


@dataclass(frozen=True)
class Lexicon:
    """The grammar's words, as tuples of lower-case tokens."""

    heads: dict  # phrase -> (sense, frozenset of aspects: done, progressive, base, noun, object)
    before: dict  # phrase -> effect
    after: dict  # phrase -> effect
    subjects: frozenset
    joiners: frozenset
    tails: dict  # phrase -> clause (a verb may follow)
    verbs: frozenset
    function_words: frozenset
    prefixes: frozenset
    status_of: dict  # (sense, aspect) -> status
    first_words: frozenset = field(default=frozenset())  # the words a label may open with
    head_words: frozenset = field(default=frozenset())  # the words a head or modifier opens with


def phrase_key(tokenizer, text: str) -> tuple:
    return tuple(t.lower_ for t in tokenizer(text))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The grammar's data read once, each phrase tokenized as a paragraph would be: by the
    tokenizer of the pipeline that reads the paragraphs (a second spacy.blank("en") of its own
    would cost a reader process a tenth of a second more before its first note)."""
    from .nlp import status_nlp

    tokenizer = status_nlp().tokenizer
    heads: dict = {}
    before: dict = {}
    after: dict = {}
    subjects: set[tuple] = set()
    joiners: set[tuple] = set()
    prefixes: set[tuple] = set()
    verbs: set[str] = set()
    function_words: set[str] = set()
    tails: dict = {}
    for entry in read_jsonl(STATUS_GRAMMAR):
        unit = entry["unit"]
        if unit == "head":
            for aspect in ("done", "progressive", "base", "noun", "joined", "finite"):
                for form in entry.get(aspect, []):
                    sense, aspects = heads.get(phrase_key(tokenizer, form), (entry["sense"], frozenset()))
                    extra = {"done", aspect} if aspect in ("joined", "finite") else {aspect}
                    heads[phrase_key(tokenizer, form)] = (sense, aspects | extra | ({"object"} if entry.get("object")
                                                                                   else set()))
        elif unit == "modifier":
            before.update({phrase_key(tokenizer, w): entry["effect"] for w in entry["before"]})
            after.update({phrase_key(tokenizer, w): entry["effect"] for w in entry["after"]})
        elif unit == "subject":
            subjects.update(phrase_key(tokenizer, w) for w in entry["words"])
        elif unit == "joiner":
            joiners.update(phrase_key(tokenizer, w) for w in entry["words"])
        elif unit == "tail":
            tails.update({phrase_key(tokenizer, w): entry["clause"] for w in entry["words"]})
        elif unit == "finite_verb":
            verbs.update(entry["words"])
        elif unit == "function_word":
            function_words.update(entry["words"])
        elif unit == "prefix":
            prefixes.update(phrase_key(tokenizer, w) for w in entry["words"])
    status_of = {(e["sense"], e["aspect"]): e["status"] for e in read_jsonl(STATUS_MAP)}
    firsts = {k[0] for k in list(heads) + list(before) + list(subjects) + list(prefixes)}
    head_words = {k[0] for k in list(heads) + list(before)}
    return Lexicon(heads, before, after, frozenset(subjects), frozenset(joiners), tails, frozenset(verbs),
                   frozenset(function_words), frozenset(prefixes), status_of, frozenset(firsts),
                   frozenset(head_words))


def lower_words(doc) -> list[str]:
    """The doc's tokens in lower case, listed once per doc (a Doc's token lookups are slow)."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        words = doc.user_data[WORDS_KEY] = [t.lower_ for t in doc]
    return words


def longest(doc, i: int, table) -> tuple[tuple, int]:
    """The longest phrase of `table` starting at token i: (phrase, token after it), or ((), i)."""
    words = lower_words(doc)
    for n in range(min(MAX_PHRASE_TOKENS, len(words) - i), 0, -1):
        phrase = tuple(words[i:i + n])
        if phrase in table:
            return phrase, i + n
    return (), i


@dataclass(frozen=True)
class Unit:
    """One state a label reads: its status, the head's forms, the token after it, and whether it
    reads as a sentence ("Work has not started", "Recruitment initiated"), which a label may be
    only up to a colon or as all its cell says, with no tail."""

    status: str
    forms: frozenset
    end: int
    loose: bool = False
    subject: bool = False  # the head follows a subject ("Implementation completed")


def read_modifiers(doc, i: int, table: dict) -> tuple[set, int]:
    """Modifiers from token i on: their effects and the token after them."""
    effects: set[str] = set()
    while True:
        phrase, j = longest(doc, i, table)
        if not phrase:
            return effects, i
        effects.add(table[phrase])
        i = j


def aspect_of(forms: frozenset, effects: set) -> str | None:
    """What a head form reads with its modifiers: refused, negated, future, progressive, partial
    or done; a noun only after a word that makes it a state ("Good progress", "Nearing completion")."""
    verbal = forms & {"done", "progressive", "base"}
    if "noun" in forms and ("nominal" in effects or (not verbal and "partial" in effects)):
        return "partial" if "partial" in effects else "done"
    if not verbal:
        return None
    for aspect, allowed in (("refused", {"done", "base"}), ("negated", {"done", "progressive", "base"}),
                            ("future", {"done", "base"})):
        if aspect in effects:
            return aspect if forms & allowed else None
    if "progressive" in effects and forms & {"done", "progressive"}:
        return "progressive"
    if "progressive" in forms and "done" not in forms:
        return "progressive"
    if "done" in forms:
        return "partial" if "partial" in effects else "done"
    return None


def read_head(doc, i: int, effects: set, lex: Lexicon, joined: bool) -> Unit | None:
    """A head at token i read with the modifiers before it, or None. A head that only follows
    another ("and submitted") needs `joined`."""
    phrase, j = longest(doc, i, lex.heads)
    if not phrase:
        return None
    sense, forms = lex.heads[phrase]
    if "joined" in forms and not joined:
        return None
    post, j = read_modifiers(doc, j, lex.after)
    aspect = aspect_of(forms, effects | post)
    status = lex.status_of.get((sense, aspect)) if aspect else None
    return Unit(status, forms, j, "auxiliary" in effects or "finite" in forms) if status else None


def is_adverb(word: str) -> bool:
    """Does a lower-case word read as an adverb ("collectively", "widely")?"""
    return len(word) >= MIN_ADVERB_CHARS and word.endswith(ADVERB_ENDING)


def open_subject(doc, i: int, lex: Lexicon) -> int:
    """One or two words that may be a state's subject ("Recruitment", "Data collection"): the
    token after them, or i."""
    k = i
    while k < len(doc) and k - i < MAX_OPEN_SUBJECT and doc[k].is_alpha and doc[k].lower_ not in lex.function_words \
            and not is_adverb(doc[k].lower_) \
            and doc[k].lower_ not in lex.verbs and not longest(doc, k, lex.heads)[0] \
            and not longest(doc, k, lex.before)[0]:
        k += 1
    return k


def read_unit(doc, i: int, lex: Lexicon, joined: bool = False) -> Unit | None:
    """One unit from token i: modifiers, perhaps a subject, a head."""
    head_phrase = longest(doc, i, lex.heads)[0]
    if head_phrase and len(head_phrase) >= len(longest(doc, i, lex.before)[0]):
        head = read_head(doc, i, set(), lex, joined)  # "Not pursued" is a head, not "not" + "pursued"
        if head:
            return head
    effects, j = read_modifiers(doc, i, lex.before)
    head = read_head(doc, j, effects, lex, joined)
    if head or joined:
        return head  # a joined unit has no subject of its own ("In progress - drafting has started.")
    subject, k = longest(doc, j, lex.subjects)
    loose = False
    if not subject:
        phrase, k = longest(doc, j, lex.heads)
        if not phrase or "noun" not in lex.heads[phrase][1]:
            k, loose = open_subject(doc, j, lex), True
            if k == j:
                return None
    more, k = read_modifiers(doc, k, lex.before)
    # a listed subject takes a verb that is a head only after another ("Report submitted"); an
    # open one, any one or two words, needs a state's own head ("Recruitment initiated"): "GHG
    # leadership presented." is a sentence, not a label
    head = read_head(doc, k, effects | more, lex, joined=not loose)
    if head is None:
        return None
    return Unit(head.status, head.forms, head.end, head.loose or loose, subject=True)


def is_dash(doc, i: int) -> bool:
    """A dash between words, not a hyphen inside one ("Closed-door")."""
    if doc[i].text not in DASHES:
        return False
    return bool(doc[i].whitespace_) or i == 0 or bool(doc[i - 1].whitespace_) or i + 1 == len(doc)


def is_end(doc, i: int) -> bool:
    """A label's end at token i: a colon, a full stop before a space, a dash, the end."""
    if i >= len(doc):
        return True
    text = doc[i].text
    if text == COLON or is_dash(doc, i):
        return True
    return text in SENTENCE_ENDS and (bool(doc[i].whitespace_) or i + 1 == len(doc))


def closes(token) -> bool:
    """A closing parenthesis, or one glued to the label's end ("):", ").")."""
    return token.text.startswith(")") and (len(token.text) == 1 or token.text[1:] in SENTENCE_ENDS | {COLON})


def read_share(doc, i: int) -> int:
    """'50%', '- 50%', ', 60 per cent' from token i: the token after it, or i."""
    j = i + 1 if i < len(doc) and (doc[i].text in DASHES or doc[i].text == ",") else i
    if j >= len(doc) or not doc[j].like_num:
        return i
    for words in SHARE_WORDS:
        if tuple(t.lower_ for t in doc[j + 1:j + 1 + len(words)]) == words:
            return j + 1 + len(words)
    return i


def read_joined(doc, i: int, lex: Lexicon) -> Unit | None:
    """A joiner and a unit after it ("and submitted", "/postponed", "- on track"), or None."""
    if i >= len(doc) or (doc[i].text in DASHES and not is_dash(doc, i)):
        return None
    joiner, k = longest(doc, i, lex.joiners)
    return read_unit(doc, k, lex, joined=True) if joiner else None


def read_parenthesis(doc, i: int, lex: Lexicon) -> tuple[int, int, list[str]] | None:
    """A parenthesis from token i: (its closing token, the token after the label part, the
    statuses it states: "Closed (no longer relevant)"), or None."""
    close = next((k for k in range(i + 1, min(len(doc), i + MAX_PAREN_TOKENS)) if closes(doc[k])), None)
    if close is None:
        return None
    unit = read_unit(doc, i + 1, lex, joined=True)
    stated = [unit.status] if unit and unit.end == close else []
    return close, close + (len(doc[close].text) == 1), stated


def read_tail(doc, i: int, lex: Lexicon, statuses: list[str]) -> int | None:
    """What follows the heads up to the label's end: the index of the end token, or None. A
    state the tail names as well ("(phase 1) and ongoing") is added to `statuses`."""
    start, clause, in_phrase = i, False, False
    while i - start <= MAX_TAIL_TOKENS:
        if i < len(doc) and doc[i].text == "(":
            paren = read_parenthesis(doc, i, lex)
            if paren is None:
                return None
            statuses += paren[2]
            if paren[1] == paren[0]:
                return paren[0]  # "(75%):" - the colon is glued to the parenthesis
            i, in_phrase = paren[1], False
            continue
        shared = read_share(doc, i)
        if shared > i:
            i = shared
            continue
        joined = read_joined(doc, i, lex) if i > start else None
        if joined:
            statuses.append(joined.status)
            i, in_phrase = joined.end, False
            continue
        if is_end(doc, i):
            return i if i > start else None
        if doc[i].text == ",":
            i += 1  # ", with minor delays": a comma goes on only to a tail word
            if not longest(doc, i, lex.tails)[0]:
                return None
            continue
        phrase, j = longest(doc, i, lex.tails)
        if phrase:
            clause, in_phrase = clause or lex.tails[phrase], True
            i = j
        elif not in_phrase or (doc[i].lower_ in lex.verbs and not clause):
            return None
        else:
            i += 1
    return None


def read_object(doc, i: int, lex: Lexicon) -> list[int]:
    """Where a head's short object may end ("Pending Bureau approval"), longest first."""
    ends = []
    for k in range(i, min(len(doc), i + MAX_OBJECT_TOKENS)):
        token = doc[k]
        if not (token.is_alpha or token.like_num) or token.lower_ in lex.verbs:
            break
        ends.append(k + 1)
    return ends[::-1]


def starts_sentence(token) -> bool:
    """A capitalised word that is not a name of a month: the start of the item's own sentence."""
    return token.is_alpha and token.text[0].isupper() and token.text not in MONTH_NAMES


def read_label(doc, i: int, lex: Lexicon, colon_only: bool = False, whole: bool = False, strict: bool = False):
    """A label starting at token i: (status, end token, text start char), or None. `colon_only`:
    inside a paragraph a label must end with a colon; `whole`: the label is all the text says (a
    Status cell), a comment after a dash or colon aside ("Delayed - funding gap"); `strict`: no
    label that reads as a sentence ("Policy adopted."), as a PDF line's start needs."""
    unit = read_unit(doc, i, lex)
    if unit is None or (strict and unit.loose):
        return None
    statuses, forms, j, loose = [unit.status], unit.forms, unit.end, unit.loose
    while (nxt := read_joined(doc, j, lex)) is not None:
        statuses.append(nxt.status)
        forms, j, loose = nxt.forms, nxt.end, loose or nxt.loose
    # a short object first ("Pending Bureau approval."), then the heads alone
    # at a PDF line's start a subject's label counts only with its colon ("Start released." is a
    # sentence's end, "Work in progress:" a label)
    colon_only = colon_only or (strict and unit.subject)
    for end_at in (read_object(doc, j, lex) if "object" in forms else []) + [j]:
        tail = None if loose else read_tail(doc, end_at, lex, found := list(statuses))
        for end, said in ((tail, found if tail is not None else statuses), (end_at if is_end(doc, end_at) else None,
                                                                            statuses)):
            if end is not None and acceptable(doc, end, colon_only, whole, loose):
                return min(said, key=SPECIFICITY.index), end, text_start(doc, end)
    if not (colon_only or whole or loose) and j < len(doc) and starts_sentence(doc[j]):
        return min(statuses, key=SPECIFICITY.index), j, doc[j].idx
    return None


def acceptable(doc, end: int, colon_only: bool, whole: bool, loose: bool) -> bool:
    """Does the label's end suit where it stands (inside a paragraph, a whole Status cell)?"""
    at_end = end >= len(doc) or (closes(doc[end]) and end + 1 == len(doc))
    if whole:
        return at_end or ((doc[end].text == COLON or is_dash(doc, end)) and len(doc) - end <= MAX_TAIL_TOKENS
                          and not any(t.lower_ in lexicon().verbs for t in doc[end:]))
    if colon_only or loose:
        return at_end or doc[end].text.endswith(COLON) or (loose and not colon_only and is_end(doc, end))
    return True


def text_start(doc, end: int) -> int:
    """Where the item's own text begins after a label ending at token `end`."""
    if end >= len(doc):
        return len(doc.text)
    return doc[end].idx + len(doc[end].text)


def list_marker_tokens(doc) -> int:
    """How many tokens a paragraph's bullet or list number takes ("•", "-", "1.", "a)", "(ii)")."""
    if len(doc) and doc[0].text in BULLET_TOKENS:
        return 1
    n = 0
    if len(doc) > 2 and doc[0].text == "(" and doc[2].text == ")":
        n = 3
    elif len(doc) > 1 and doc[1].text in {".", ")"} and len(doc[0].text) <= 4 and \
            (doc[0].like_num or doc[0].text.lower().strip("ivx") == "" or len(doc[0].text) == 1):
        n = 2
    return n


def opening(doc, lex: Lexicon) -> int:
    """The first token a paragraph's label may start at: after its bullet or list number and a
    prefix such as "Status:" or "Implementation status -"."""
    n = list_marker_tokens(doc)
    prefix, k = longest(doc, n, lex.prefixes)
    if prefix and k < len(doc) and (doc[k].text == COLON or doc[k].text in DASHES):
        return k + 1
    return n


def may_open(doc, i: int, lex: Lexicon) -> bool:
    """Can a label start at token i: its first word, or one of the next (after an open subject),
    opens a head or a modifier? A cheap test before the grammar is read."""
    words = lower_words(doc)
    return words[i] in lex.first_words or any(w in lex.head_words for w in words[i + 1:i + 1 + MAX_OPEN_SUBJECT])


def paragraph_labels(doc) -> list[tuple[int, int, int, str]]:
    """Given a paragraph Doc, (label start token, label end token, text start char, status) per
    label: at its opening, and at a sentence's start when a colon ends the label."""
    lex = lexicon()
    found: list[tuple[int, int, int, str]] = []
    words = lower_words(doc)
    first = opening(doc, lex)
    starts = [first]
    if COLON in words:
        starts += [k for k in range(first + 1, len(words)) if words[k - 1] in SENTENCE_ENDS]
    for i in starts:
        if i >= len(doc) or not may_open(doc, i, lex) or (found and i < found[-1][1]):
            continue
        label = read_label(doc, i, lex, colon_only=i != first)
        if label:
            found.append((i, label[1], label[2], label[0]))
    return found


def status_labels(doc):
    """The rule component: a paragraph's labels as doc.spans["status"] (each labelled with its
    status) and, for the reader of items, where each item's own text starts."""
    from spacy.tokens import Span

    found = paragraph_labels(doc)
    doc.spans[SPAN_KEY] = [Span(doc, start, max(end, start + 1), label=status) for start, end, _, status in found]
    doc.user_data[SPAN_KEY] = [(doc[start].idx, text, status) for start, _, text, status in found]
    return doc
