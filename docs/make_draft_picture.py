"""Make docs/draft.png, the README's picture of a draft: the samples ingested into a fresh
store, `somnotes draft` after their last note, the draft printed to PDF by LibreOffice
(headless) and one page of it turned into a PNG by pdftoppm (poppler-utils).

    python docs/make_draft_picture.py            # page 1 -> docs/draft.png
    python docs/make_draft_picture.py --page 2 --out /tmp/page2.png --keep /tmp/draft

Needs `soffice` and `pdftoppm` on the PATH.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = ROOT / "docs" / "draft.png"
SYMBOL, DATE = "EMG SOM27/02", "2021-09-30"  # the annual meeting after EMG SOM27/mid-term/02
RESOLUTION_DPI = 100  # an A4 page 827 px wide: the table text stays legible in the README
TIMEOUT_S = 300


def run(*args: str) -> None:
    """Run one command, echoing it, and stop with its error output if it fails."""
    print("$", " ".join(args))
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.stdout.strip():
        print(done.stdout.rstrip())
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {done.stderr.strip()}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep", type=Path, help="a folder to keep the store, the draft and its PDF in")
    args = parser.parse_args(argv)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not on the PATH")
    work = args.keep or Path(tempfile.mkdtemp(prefix="somnotes-draft-"))
    work.mkdir(parents=True, exist_ok=True)
    store, draft = work / "store", work / "NEXT.docx"
    somnotes = [sys.executable, "-m", "somnotes"]
    run(*somnotes, "ingest", str(SAMPLES), "--store", str(store))
    run(*somnotes, "draft", "--out", str(draft), "--symbol", SYMBOL, "--date", DATE, "--store", str(store))
    with tempfile.TemporaryDirectory() as profile:
        run("soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
            "--outdir", str(work), str(draft))
    stem = args.out.with_suffix("")
    run("pdftoppm", "-png", "-r", str(RESOLUTION_DPI), "-f", str(args.page), "-l", str(args.page),
        "-singlefile", str(work / "NEXT.pdf"), str(stem))
    print(f"wrote {args.out}")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
