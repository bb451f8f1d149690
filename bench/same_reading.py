"""Check that a change meant only for speed reads every sample and fixture as before.

    python bench/same_reading.py dump BEFORE.pkl       # on the version before the change
    python bench/same_reading.py dump AFTER.pkl        # on the version after it
    python bench/same_reading.py compare BEFORE.pkl AFTER.pkl

`dump` reads every Word and PDF file of samples/ and tests/fixtures/ (scans left out: OCR is
slow and no speed change touches it) with process_file, as a reader process does, and keeps the
rows each would store, per table. `compare` prints the files whose rows differ, with the first
differing field, and a count; what changes from run to run is left out: the times a row holds,
and the checkout's folder in its paths (two worktrees compare).
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from somnotes.ingest.worker import process_file  # noqa: E402

# fields that differ between two runs of the same reading: when it ran, and the file's time
RUN_FIELDS = {"ingested_at", "file_mtime_ns", "at"}


def note_files() -> list[Path]:
    files = []
    for folder in (ROOT / "samples", ROOT / "tests" / "fixtures"):
        files += [p for suffix in ("*.pdf", "*.docx") for p in folder.rglob(suffix) if "scans" not in p.parts]
    return sorted(files)


def dump(out: Path) -> None:
    files = note_files()
    rows = {str(p.relative_to(ROOT)): process_file(p) for p in files}
    out.write_bytes(pickle.dumps({"root": str(ROOT), "rows": rows}))
    print(f"{len(files)} files read into {out}")


def comparable(value, root: str):
    """`value` without RUN_FIELDS, at any depth, its paths relative to the checkout `root`."""
    if isinstance(value, dict):
        return {k: comparable(v, root) for k, v in value.items() if k not in RUN_FIELDS}
    if isinstance(value, list):
        return [comparable(v, root) for v in value]
    if isinstance(value, str) and value.startswith(root):
        return value[len(root):]
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
    before_dump = pickle.loads(before_file.read_bytes())
    after_dump = pickle.loads(after_file.read_bytes())
    before, after = before_dump["rows"], after_dump["rows"]
    differ = 0
    for name in sorted(set(before) | set(after)):
        a = comparable(before.get(name, {}), before_dump["root"])
        b = comparable(after.get(name, {}), after_dump["root"])
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
