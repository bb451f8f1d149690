"""Notes in the header-block class only, with no rule under the block, printed by Chromium and
WeasyPrint: how many read as written. The layout property test (tests/test_layout_property.py)
draws this class among all the others; this draws it alone, seeded, so that a run can be
repeated and its count compared before and after a change.

    python bench/header_block_runs.py N SEED            # N notes drawn with Hypothesis seed SEED
    python bench/header_block_runs.py N SEED --failed F # and the notes read wrong, as JSON, into F

Each note is checked by the property test's own check (every row as written, its number in
`extra`, no word unplaced); the block is repeated on every page or not, as drawn.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT), str(ROOT.parent)]
os.chdir(ROOT / "tests")  # conftest's and the builders' paths are the test suite's

import test_layout_property as prop  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

HTML_PRODUCERS = ["chromium", "weasyprint"]


def run(n: int, hypothesis_seed: int) -> list[dict]:
    """Draw `n` notes and check each; return one result per note (its note's repr when wrong)."""
    check = prop.test_any_note_from_any_producer_reads_as_written.hypothesis.inner_test
    results: list[dict] = []

    @seed(hypothesis_seed)
    @settings(max_examples=n, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(HTML_PRODUCERS), prop.notes(plain_table=True), st.booleans())
    def one(producer, note, repeat):
        try:
            check((note, producer, "header_block"), repeat, False)
            results.append({"ok": True, "producer": producer, "header_repeat": repeat})
        except AssertionError:
            results.append({"ok": False, "producer": producer, "header_repeat": repeat, "note": repr(note)})

    one()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--failed", type=Path, help="write the notes read wrong here, as JSON")
    args = parser.parse_args()
    results = run(args.n, args.seed)
    wrong = [r for r in results if not r["ok"]]
    if args.failed:
        args.failed.write_text(json.dumps(wrong, indent=1), encoding="utf-8")
    print(f"seed {args.seed}: {len(results) - len(wrong)} of {len(results)} read as written")
    for r in wrong:
        print(f"  wrong: {r['producer']}, block {'repeated' if r['header_repeat'] else 'not repeated'}")


if __name__ == "__main__":
    main()
