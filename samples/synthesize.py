"""Make N distinct notes from the samples, for benchmarks and batch tests.

Word files get a numbered sentence added to their introduction (new content, new hash). PDFs
get a trailing comment after %%EOF: distinct bytes and hashes with the same pages, since
rendering hundreds of PDFs through LibreOffice would take longer than the benchmark itself.

    python samples/synthesize.py OUT_DIR [N]
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from docx import Document

SAMPLES = Path(__file__).resolve().parent
NAMES = ["som26-midterm", "som26-annual", "som27-midterm"]
INTRO_PARAGRAPH = 11  # the introduction follows the ten header lines and the title


def synthesize(folder: Path, count: int, formats: tuple = ("docx", "pdf")) -> list[Path]:
    """Write `count` distinct notes into `folder`, cycling through the samples and formats."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        name, fmt = NAMES[i % len(NAMES)], formats[i % len(formats)]
        path = folder / f"{name}-{i:05d}.{fmt}"
        if fmt == "docx":
            doc = Document(str(SAMPLES / f"{name}.docx"))
            doc.paragraphs[INTRO_PARAGRAPH].add_run(f" Copy {i} of the archive.")
            doc.save(str(path))
        else:
            shutil.copy(SAMPLES / f"{name}.pdf", path)
            with open(path, "ab") as fh:
                fh.write(f"\n% copy {i}\n".encode())
        out.append(path)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1])
    print(len(synthesize(target, int(sys.argv[2]) if len(sys.argv) > 2 else 200)), "notes in", target)
