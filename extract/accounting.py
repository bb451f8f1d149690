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

import re
from collections import Counter

from .text import TRANSLATED, TRANSLATION

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


def tokens(text: str) -> list[str]:
    """Given text, return its comparable tokens: letter and digit runs, case-folded. Only
    `clean`'s translation of glyphs changes a token ("\ufb01" is "fi", a soft hyphen joins, a
    symbol font's bullet is no token); the blanks it folds part tokens as they stand. Case folding
    maps each character alone, so the tokens are folded in one call."""
    if TRANSLATED.search(text):
        text = text.translate(TRANSLATION)
    found = TOKEN.findall(text)
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


def match_broken_words(missing: list[tuple[str, int]], spare: Counter) -> list[tuple[str, int]]:
    """Drop from `missing` the runs of tokens (in source order, near one another) that together
    spell a spare stored token (a word broken at a line end); return what is still missing."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(missing):
        if n := take_joined(missing, i, spare):
            i += n
        else:
            out.append(missing[i])
            i += 1
    return out


def match_pieces_before_words(missing: list[tuple[str, int]], source: list[tuple[str, int]],
                              spare: Counter) -> list[tuple[str, int]]:
    """Drop from `missing` a piece whose following source tokens complete a spare stored token,
    when those tokens are words matched elsewhere ("operationalizati" + "on": the "on" found a
    stored "on" of another sentence, whose own source "on" is then missing): the followers'
    matches are given back to the missing tokens they spell. The followers need not come next in
    the source: reading order goes line by line across the page, so the other columns' words of
    the piece's line may stand between it and the rest of its word on the cell's next line.
    Return what is still missing."""
    position = {index_pair: k for k, index_pair in enumerate(source)}
    missing_at = {position[item] for item in missing}
    taken: set[int] = set()  # source positions spent on a word made whole here
    freed: Counter = Counter()
    for item in missing:
        k = position[item]
        if k in taken:
            continue
        followers = completing_pieces(source, k, spare, taken)
        if followers is None:
            continue
        taken.add(k)
        for j in followers:
            taken.add(j)
            if j not in missing_at:  # a follower matched elsewhere: that match goes back
                freed[source[j][0]] += 1
    out = []
    for k, (tok, index) in sorted((position[item], item) for item in missing):
        if k in taken:
            continue
        if freed[tok] > 0:  # a word whose match went to a follower above is placed after all
            freed[tok] -= 1
        else:
            out.append((tok, index))
    return out


def completing_pieces(source: list[tuple[str, int]], k: int, spare: Counter, taken: set[int]) -> list[int] | None:
    """The positions of the source tokens after `k` (one or two, fewer than MAX_JOINED_PIECES
    in all, within MAX_PIECE_DISTANCE source words, the nearest first) that spell with the token
    at `k` a spare stored token, which is taken; None when none do. A spare token is one placed
    more often than read: most notes have a handful, so few are tried."""
    piece, word_index = source[k]
    targets = sorted((t for t, count in spare.items() if count > 0 and len(t) > len(piece) and t.startswith(piece)),
                     key=len, reverse=True)  # the longest first, as take_joined joins
    for target in targets:
        followers = spell_rest(source, k + 1, target[len(piece):], word_index, MAX_JOINED_PIECES - 1, taken)
        if followers is not None:
            spare[target] -= 1
            return followers
    return None


def spell_rest(source: list[tuple[str, int]], start: int, rest: str, word_index: int, pieces: int,
               taken: set[int]) -> list[int] | None:
    """Positions from `start` on, at most `pieces` of them and within MAX_PIECE_DISTANCE source
    words of `word_index`, whose tokens spell `rest` in order; None when none do."""
    for j in range(start, len(source)):
        tok, index = source[j]
        if index - word_index > MAX_PIECE_DISTANCE:
            break
        if j in taken or not rest.startswith(tok):
            continue
        if tok == rest:
            return [j]
        if pieces > 1 and (more := spell_rest(source, j + 1, rest[len(tok):], word_index, pieces - 1, taken)):
            return [j, *more]
    return None


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
    missing = []
    for tok, index in source:
        if placed[tok] > 0:
            placed[tok] -= 1
        else:
            missing.append((tok, index))
    missing = match_broken_words(missing, placed)
    missing = match_pieces_before_words(missing, source, placed)
    return phrases(missing, source_words)
