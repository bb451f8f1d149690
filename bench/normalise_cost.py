"""How much statuses and dates add to ingesting a PDF note (target: at most 20 %).

    python bench/normalise_cost.py

Times, per sample PDF, extraction alone (read + lay out) and the whole per-file work of
`somnotes ingest` (extraction + statuses + dates + rows), best of REPEATS, in one process
after spaCy and dateparser are built once.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))

from somnotes.extract import extract_note  # noqa: E402
from somnotes.ingest.pipeline import process_file  # noqa: E402

REPEATS = 5


def best(fn, path) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(path)
        runs.append(time.perf_counter() - start)
    return min(runs)


def main() -> int:
    pdfs = sorted((ROOT / "samples").glob("*.pdf"))
    process_file(pdfs[0])  # build spaCy and dateparser, as each worker does once
    total_extract = total_full = 0.0
    for pdf in pdfs:
        extract_s, full_s = best(extract_note, pdf), best(process_file, pdf)
        total_extract, total_full = total_extract + extract_s, total_full + full_s
        print(f"{pdf.name:<22} extract {extract_s * 1000:7.1f} ms  ingest {full_s * 1000:7.1f} ms  "
              f"normalising adds {(full_s / extract_s - 1):6.1%}")
    print(f"{'all':<22} extract {total_extract * 1000:7.1f} ms  ingest {total_full * 1000:7.1f} ms  "
          f"normalising adds {(total_full / total_extract - 1):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
