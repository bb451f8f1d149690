"""English stop words (spaCy's list, kept as data: `stop_words.txt`), for the word tests of the
PDF reader and the task similarity of the linker, neither of which needs the rest of spaCy."""
from __future__ import annotations

from pathlib import Path

STOP_WORDS_FILE = Path(__file__).with_name("stop_words.txt")
STOP_WORDS = frozenset(
    line for line in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
)
