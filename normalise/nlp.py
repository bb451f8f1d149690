"""The spaCy pipeline somnotes uses, built once per process.

`spacy.blank("en")` gives the tokenizer; rule components do the rest, with their patterns kept
as data in normalise/patterns/ so that a status word or a date phrase can be added without
touching Python. No statistical model is loaded or downloaded.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
STATUS_GRAMMAR = PATTERNS_DIR / "status_grammar.jsonl"  # the words of status labels, by unit
STATUS_MAP = PATTERNS_DIR / "status_map.jsonl"  # what a label reads -> the contract's statuses
DATE_PATTERNS = PATTERNS_DIR / "date_phrases.jsonl"  # date units: anchors, qualifiers, connectors, leads
DATE_GRAMMAR = PATTERNS_DIR / "date_grammar.jsonl"  # how date units combine into expressions



def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.lstrip().startswith("//")]


@functools.lru_cache(maxsize=1)
def status_nlp():
    """Tokenizer plus the status grammar's rule component, which marks status labels
    ("Partially implemented:", "Postponed to 2021:") in doc.spans["status"]. spaCy loads here,
    when a note is first read: commands that only query the store never pay for it (half a
    second or more)."""
    import spacy
    from spacy.language import Language

    from .status_grammar import status_labels

    if "status_labels" not in Language.factories:
        Language.component("status_labels", func=status_labels)
    nlp = spacy.blank("en")
    nlp.add_pipe("status_labels")
    return nlp
