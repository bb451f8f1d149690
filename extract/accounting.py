"""Every word of a note is accounted for: in a task row, a passage, or a warning.

The readers hand over every word they read (`RawDocument.source_words`); the layout pass
places text in task cells and passages (header block, headings, prose between tables, table
header rows, page furniture). Comparing the two as multisets of tokens finds any word that
went nowhere, whatever the reason (a layout nobody foresaw, a bug): those words become
`unplaced_text: ...` warnings on the note, so a loss can never be silent.

Tokens are runs of letters and digits, case-folded, and symbols that say something (a percent
sign, an arrow, a mathematical sign, a symbol font's private-use character: "95% of the" is not
"95 of the"), so that the comparison does not depend on
how a reader joined lines ("Post-" + "2020" is "Post-2020") or spaced punctuation. A word the
PDF broke across lines with no hyphen ("improvi" + "ng") is one token in the stored text and two
in the source: unplaced source tokens that are neighbours and spell a stored token together
are matched to it.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable

from .text import translate_glyphs

# Symbols that are words: percent, per mille, degree, arrows, mathematical operators, and the
# private-use characters a symbol font's glyph may be read as (extract/symbols.py).
SYMBOL_TOKENS = "%\u2030\u00b0\u2190-\u21ff\u2200-\u22ff\ue000-\uf8ff"
TOKEN = re.compile(rf"[^\W_]+|[{SYMBOL_TOKENS}]")
# Source tokens this far apart (in source order) still belong to one unplaced phrase.
PHRASE_GAP = 2
# Source tokens joined to match one stored token: a word broken once or twice. The pieces of a
# word broken at a cell's edge stand on two lines of one cell, which reading order (line by line
# across the page) may part by the other columns' words: up to this many source words apart.
MAX_JOINED_PIECES = 3
MAX_PIECE_DISTANCE = 80
# A piece parted from the rest of its word by other words (match_pieces_before_words) is the
# word's first line in its cell: a producer breaks a word at a cell's edge only where it is wider
# than the column, so that piece fills a line. A shorter token is a word of its own far more often
# ("in" ... "to" is no "into"): its rest must come next.
MIN_PARTED_PIECE = 6


def tokens(text: str) -> list[str]:
    """Given text, return its comparable tokens: letter and digit runs, case-folded. Only
    `clean`'s translation of glyphs (translate_glyphs) changes a token ("\ufb01" is "fi", a soft hyphen joins, a
    symbol font's bullet is no token); the blanks it folds part tokens as they stand. Case folding
    maps each character alone, so the tokens are folded in one call."""
    found = TOKEN.findall(translate_glyphs(text))
    return " ".join(found).casefold().split(" ") if found else []


def token_counts(texts: list[str]) -> Counter:
    """The tokens of all `texts`, counted. A token never holds a space, nor does `clean` join
    across one, so the texts joined by spaces hold the same tokens as each text alone: one
    pass for them all, where a text at a time costs a regex call or two per word (a note's
    words, 1,700 in a sample note, and its placed texts: accounting was about a twentieth of a
    PDF's reading that way)."""
    return Counter(tokens(" ".join(texts)))


def source_tokens(words: list[str]) -> list[tuple[str, int]]:
    """Given the source words in reading order, return (token, index of its word) pairs."""
    known: dict[str, list[str]] = {}  # a note's words repeat ("the", "of", its terms): each read once
    out = []
    for i, word in enumerate(words):
        found = known.get(word)
        if found is None:
            found = known[word] = tokens(word)
        for tok in found:
            out.append((tok, i))
    return out


def take_joined(tokens: list[tuple[str, int]], start: int, spare: Counter) -> int:
    """The length of the longest run of `tokens` from `start` (two to MAX_JOINED_PIECES, near one
    another in the source) that spells a spare stored token, which it takes; 0 when none does."""
    for n in range(MAX_JOINED_PIECES, 1, -1):
        run = tokens[start:start + n]
        joined = "".join(tok for tok, _ in run)
        if len(run) == n and run[-1][1] - run[0][1] <= MAX_PIECE_DISTANCE and spare[joined] > 0:
            spare[joined] -= 1
            return n
    return 0


def match_broken_words(source: list[tuple[str, int]], missing: list[int], spare: Counter) -> list[int]:
    """Drop from `missing` (positions in `source`) the runs of tokens (in source order, near one
    another) that together spell a spare stored token (a word broken at a line end); return the
    positions still missing."""
    items = [source[k] for k in missing]
    out: list[int] = []
    i = 0
    while i < len(items):
        if n := take_joined(items, i, spare):
            i += n
        else:
            out.append(missing[i])
            i += 1
    return out


def match_pieces_before_words(source: list[tuple[str, int]], missing: list[int], matched: set[int],
                              spare: Counter) -> list[int]:
    """Drop from `missing` (positions in `source`) a piece whose following source tokens complete
    a spare stored token, when those tokens are words a stored token took (`matched`: "operationalizati"
    + "on": the "on" found a stored "on" of another sentence, whose own source "on" is then
    missing) or are missing themselves: the followers' matches are given back to the missing
    tokens they spell. The followers of a piece of MIN_PARTED_PIECE letters or more need not come
    next in the source: reading order goes line by line across the page, so the other columns'
    words of the piece's line may stand between it and the rest of its word on the cell's next
    line. Return the positions still missing."""
    still = set(missing)
    spares = sorted(token for token, count in spare.items() if count > 0)  # most notes: a handful
    taken: set[int] = set()  # source positions spent on a word made whole here
    freed: Counter = Counter()

    def may_follow(j: int) -> bool:
        # matched or missing: not a piece of a word match_broken_words made whole, nor one spent here
        return (j in matched or j in still) and j not in taken

    for k in missing:
        if k in taken:  # spent as the rest of a word above
            continue
        followers = completing_pieces(source, k, spare, spares, may_follow)
        if followers is None:
            continue
        taken.add(k)
        for j in followers:
            taken.add(j)
            if j in matched:  # its stored token goes back to a missing one
                freed[source[j][0]] += 1
    out = []
    for k in missing:
        if k in taken:
            continue
        if freed[source[k][0]] > 0:  # a word whose match went to a follower above is placed after all
            freed[source[k][0]] -= 1
        else:
            out.append(k)
    return out


def completing_pieces(source: list[tuple[str, int]], k: int, spare: Counter, spares: list[str],
                      may_follow: Callable[[int], bool]) -> list[int] | None:
    """The positions of the source tokens after `k` (one or two: MAX_JOINED_PIECES at most with
    the piece; within MAX_PIECE_DISTANCE source words and as many tokens, the nearest first; only
    the very next ones for a piece shorter than MIN_PARTED_PIECE) that spell with the token at `k`
    a spare stored token, which is taken; None when none do. `spares`: the spare tokens, sorted,
    so that only a join that begins one of them goes on to a third piece; `may_follow`: whether a
    position may be a follower."""
    piece, word_index = source[k]
    return spell_from(source, k + 1, piece, (k, word_index), MAX_JOINED_PIECES - 1, len(piece) < MIN_PARTED_PIECE,
                      spare, spares, may_follow)


def spell_from(source: list[tuple[str, int]], start: int, joined: str, origin: tuple[int, int], pieces: int,
               contiguous: bool, spare: Counter, spares: list[str],
               may_follow: Callable[[int], bool]) -> list[int] | None:
    """Positions from `start` on (only `start` itself if `contiguous`), at most `pieces` of them,
    within MAX_PIECE_DISTANCE source words and tokens of `origin` (the piece's position and word),
    whose tokens after `joined` spell a spare stored token (the longest first, as take_joined
    joins), which is taken; None when none do. The tokens bound the reach too: one source word
    may hold thousands ("a-b-c-...")."""
    first, word_index = origin
    for j in range(start, min(len(source), first + MAX_PIECE_DISTANCE + 1)):
        tok, index = source[j]
        if index - word_index > MAX_PIECE_DISTANCE:
            break
        if may_follow(j):
            candidate = joined + tok
            if pieces > 1 and begins_a_spare(candidate, spares):
                more = spell_from(source, j + 1, candidate, origin, pieces - 1, contiguous, spare, spares, may_follow)
                if more is not None:
                    return [j, *more]
            if spare[candidate] > 0:
                spare[candidate] -= 1
                return [j]
        if contiguous:
            break
    return None


def begins_a_spare(text: str, spares: list[str]) -> bool:
    """Whether a spare token (of `spares`, sorted) is longer than `text` and begins with it."""
    at = bisect.bisect_right(spares, text)
    return at < len(spares) and spares[at].startswith(text)


def phrases(missing: list[tuple[str, int]], words: list[str]) -> list[str]:
    """Group missing tokens into phrases of the source words they come from, in order."""
    groups: list[list[int]] = []
    for _, index in missing:
        if groups and index - groups[-1][-1] <= PHRASE_GAP:
            if index != groups[-1][-1]:
                groups[-1].append(index)
        else:
            groups.append([index])
    return [" ".join(words[i] for i in range(g[0], g[-1] + 1)) for g in groups]


def unplaced_phrases(source_words: list[str], placed_texts: list[str]) -> list[str]:
    """Given every word a reader read and every text the note placed somewhere, return the
    phrases of source words that no placed text holds (empty when every word is accounted for)."""
    placed = token_counts(placed_texts)
    if not token_counts(source_words) - placed:  # no token read more often than placed: the usual note
        return []
    source = source_tokens(source_words)  # where each token was read: only a note with words missing
    missing: list[int] = []  # positions in `source` (a word may hold one token twice: "in-in")
    for k, (tok, _) in enumerate(source):
        if placed[tok] > 0:
            placed[tok] -= 1
        else:
            missing.append(k)
    matched = set(range(len(source))).difference(missing)
    missing = match_broken_words(source, missing, placed)
    missing = match_pieces_before_words(source, missing, matched, placed)
    return phrases([source[k] for k in missing], source_words)
