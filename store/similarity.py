"""How alike two task texts are, for linking the rows of one task across notes.

TF-IDF cosine over normalised word stems: words that every task uses ("Invite", "UN",
"agencies") weigh little, the words that name the work ("E-waste", "Terms of Reference",
"peer review reports") weigh much. Spelling variants (harmonise/harmonize, learnt/learned)
fold to one stem, so they do not count as differences.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter

from ..stop_words import STOP_WORDS

WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# British/American spellings and irregular forms that mean the same
SPELLING = [(re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"), (re.compile(r"learnt$"), "learned"),
            (re.compile(r"our$"), "or"), (re.compile(r"tre$"), "ter"), (re.compile(r"ogramme$"), "ogram")]
SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "ied", "es", "ed", "s", "e", "y")
MIN_STEM = 3


def stem(word: str) -> str:
    """A crude, deterministic stem: enough to fold finalise/finalize/finalized/finalizing."""
    for rx, rep in SPELLING:
        word = rx.sub(rep, word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


CAPITALISED_RUN = re.compile(r"\b(?:[A-Z][a-z]+\s+(?:(?:of|and|on|for|the)\s+)?){1,5}[A-Z][a-z]+\b")


def initialisms(text: str) -> list[str]:
    """"Environment Management Group" -> "emg", so that a task naming the EMG in full and one
    using the acronym share the term."""
    out = []
    for run in CAPITALISED_RUN.findall(text or ""):
        letters = "".join(w[0] for w in run.split() if w[0].isupper()).lower()
        if 2 <= len(letters) <= 6:
            out.append(letters)
    return out


# Every commit links every stored text afresh, so it reads every word of the store again: at 1,000
# notes whose texts differ, 1.8 million words in 57,000 texts, each text read twice (once for the
# document frequencies, once for its vector), took 16 s of CPU a commit; with each text read once
# and each distinct word's stems kept, about 4 (3.7 to 4.7 in four commits: `python
# bench/benchmark.py --only-commit --distinct-texts --query-notes 1000`). A store's distinct words
# are far fewer than its words: this many are kept, about 30 MB when full. That benchmark's words,
# drawn from the whole English word list (128,509 distinct), all fit; a store with more distinct
# words (names, symbols, numbers) stems those beyond the cache again, as every word was before.
WORDS_KEPT = 2**17


@functools.lru_cache(maxsize=WORDS_KEPT)
def word_terms(word: str) -> tuple[str, ...]:
    """The stems a lower-case word gives: its own and, hyphenated, its parts', stop words and
    single letters left out."""
    parts = (word, *word.split("-")) if "-" in word else (word,)
    return tuple(stem(p) for p in parts if p not in STOP_WORDS and len(p) > 1)


def terms(text: str) -> list[str]:
    """Given a task text, return its content-word stems (hyphenated words also split) and the
    initialisms of its capitalised names."""
    out = [term for word in WORD.findall((text or "").lower()) for term in word_terms(word)]
    return out + initialisms(text)


class Vectoriser:
    """TF-IDF vectors over a fixed collection of texts (all task texts in the store).

    `matrix(texts)` gives the L2-normalised vectors as rows of a sparse matrix, so that the
    similarity of every row of one note with every known task is one matrix product."""

    def __init__(self, texts: list[str]):
        self.terms = {t: terms(t) for t in texts}  # read once: matrix() reads the same texts again
        docs = [set(self.terms[t]) for t in texts]
        n = len(docs)
        df = Counter(term for doc in docs for term in doc)
        self.idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
        self.default_idf = math.log(1 + n) + 1.0

    def vector(self, text: str) -> dict[str, float]:
        known = self.terms.get(text)
        counts = Counter(known if known is not None else terms(text))
        vec = {t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


    def matrix(self, texts: list[str]):
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        data, cols, indptr = [], [], [0]
        for text in texts:
            for term, value in self.vector(text).items():
                cols.append(vocab.setdefault(term, len(vocab)))
                data.append(value)
            indptr.append(len(cols))
        return csr_matrix((data, cols, indptr), shape=(len(texts), max(1, len(vocab))))
