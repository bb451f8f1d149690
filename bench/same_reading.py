"""Check that a change meant only for speed reads every sample and fixture as before.

    python bench/same_reading.py dump BEFORE.pkl       # on the version before the change
    python bench/same_reading.py dump AFTER.pkl        # on the version after it
    python bench/same_reading.py compare BEFORE.pkl AFTER.pkl

`dump` reads every Word and PDF file of samples/ and tests/fixtures/ (scans left out: OCR is
slow and no speed change touches it) with process_file, as a reader process does, and keeps the
rows each would store, per table. `compare` prints the files whose rows differ, with the first
differing field, and a count; what changes from run to run (paths, times) is left out.
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from somnotes.ingest.worker import process_file  # noqa: E402

# fields that differ between two runs of the same reading: where the checkout is, and when
RUN_FIELDS = {"path", "mtime", "ingested_at", "read_seconds", "file_mtime_ns", "file_ctime_ns", "at"}


def note_files() -> list[Path]:
    files = []
    for folder in (ROOT / "samples", ROOT / "tests" / "fixtures"):
        files += [p for suffix in ("*.pdf", "*.docx") for p in folder.rglob(suffix) if "scans" not in p.parts]
    return sorted(files)


def dump(out: Path) -> None:
    files = note_files()
    rows = {str(p.relative_to(ROOT)): process_file(p) for p in files}
    out.write_bytes(pickle.dumps(rows))
    print(f"{len(files)} files read into {out}")


def comparable(value):
    """`value` without RUN_FIELDS, at any depth."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in RUN_FIELDS}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def first_difference(before: dict, after: dict) -> str:
    for table in sorted(set(before) | set(after)):
        a, b = before.get(table), after.get(table)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for x, y in zip(a, b):
                if x != y:
                    fields = {k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)}
                    return f"{table}: {fields}"
        return f"{table}: {len(a or [])} rows before, {len(b or [])} after"
    return ""


def compare(before_file: Path, after_file: Path) -> int:
    before = pickle.loads(before_file.read_bytes())
    after = pickle.loads(after_file.read_bytes())
    differ = 0
    for name in sorted(set(before) | set(after)):
        a, b = comparable(before.get(name, {})), comparable(after.get(name, {}))
        if a != b:
            differ += 1
            print(f"DIFFERS {name}: {first_difference(a, b)}")
    print(f"{len(set(before) | set(after))} files, {differ} read differently")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
