"""Finding the files of an archive and fingerprinting them."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..defaults import CONVERTIBLE_SUFFIXES, NOTE_SUFFIXES

HASH_CHUNK = 1 << 20


def find_files(paths: list[Path]) -> list[Path]:
    """Given files and folders, return every note candidate: folders are searched recursively
    for .pdf and .docx (and .doc/.odt); a file named directly is always taken. Sorted, unique."""
    found: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for candidate in path.rglob("*"):
                if candidate.is_file() and candidate.suffix.lower() in NOTE_SUFFIXES + CONVERTIBLE_SUFFIXES \
                        and not candidate.name.startswith("~$"):  # Word's lock files
                    found[str(candidate.resolve())] = candidate
        else:
            found[str(path.resolve())] = path
    return [found[k] for k in sorted(found)]


def sha256_file(path: Path) -> str:
    """Given a path, return the sha256 hex digest of its bytes (the note's doc_id)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
