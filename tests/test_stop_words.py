"""The stop words kept as data (stop_words.txt, read without importing spaCy) are spaCy's."""
from __future__ import annotations

import subprocess
import sys

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from somnotes.stop_words import STOP_WORDS


def test_the_copy_is_spacys_list():
    assert STOP_WORDS == SPACY_STOP_WORDS


def test_the_linker_loads_without_spacy():
    code = "import sys, somnotes.store.linking; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
