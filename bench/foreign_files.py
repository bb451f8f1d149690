"""Tasks invented on documents that are no progress notes: a folder of other projects' test
files (pdfplumber's tests/pdfs and examples/pdfs, python-docx's test files), ingested by the
real command line into a fresh store; every task stored is a task invented.

    python bench/foreign_files.py FOLDER [FOLDER ...]   # one line per file with tasks, then the total
    python bench/foreign_files.py FOLDER --all          # one line per file

The files are not committed (they are other projects'): fetch them, e.g. with
`git clone https://github.com/jsvine/pdfplumber` and `git clone
https://github.com/python-openxml/python-docx`, and pass their folders. Files the command line
refuses (damaged, encrypted, empty) count in `refused`, not as invented tasks.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))

from somnotes.store.store import Store  # noqa: E402

SOMNOTES = Path(sys.executable).parent / "somnotes"


def ingest(folders: list[str], store: Path) -> None:
    """Ingest the folders with the real command line, OCR off (scans are not the question)."""
    subprocess.run([str(SOMNOTES), "ingest", *folders, "--store", str(store), "--ocr", "never"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--all", action="store_true", help="print every file, not only those with tasks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "store"
        ingest(args.folders, store)
        stored = Store(store).exists()
        docs = Store(store).table("documents").to_pylist() if stored else []
        errors = Store(store).table("errors").to_pylist() if stored else []
    invented = 0
    for doc in sorted(docs, key=lambda d: d["source_path"]):
        invented += doc["n_tasks"]
        if doc["n_tasks"] or args.all:
            print(f"{doc['n_tasks']:4d}  {doc['source_path']}")
    print(f"files read: {len(docs)}; refused: {len(errors)}; with tasks: {sum(bool(d['n_tasks']) for d in docs)}; "
          f"tasks invented: {invented}")


if __name__ == "__main__":
    main()
