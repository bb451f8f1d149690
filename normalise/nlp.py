"""The spaCy pipeline somnotes uses, built once per process.

`spacy.blank("en")` gives the tokenizer; rule components do the rest, with their patterns kept
as data in normalise/patterns/ so that a status word or a date phrase can be added without
touching Python. No statistical model is loaded or downloaded.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.pipeline import EntityRuler

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
STATUS_PATTERNS = PATTERNS_DIR / "status_labels.jsonl"
DATE_PATTERNS = PATTERNS_DIR / "date_phrases.jsonl"  # date units: anchors, qualifiers, connectors, leads
DATE_GRAMMAR = PATTERNS_DIR / "date_grammar.jsonl"  # how date units combine into expressions



def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.lstrip().startswith("//")]


@functools.lru_cache(maxsize=1)
def status_nlp():
    """Tokenizer plus an EntityRuler that marks status phrases ("On-going", "Not yet started").
    spaCy loads here, when a note is first read: commands that only query the store never pay
    for it (half a second or more)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}))
    ruler.add_patterns(read_jsonl(STATUS_PATTERNS))
    return nlp
