"""CPU time a PDF page costs once a reader is warm, stage by stage, and with the garbage
collector's view of what start-up built frozen (gc.freeze, as a pool's readers do) or not.

    python bench/page_cost.py [--rounds 5] [--engine pdfium|pdfplumber] [PDF ...]
    python bench/page_cost.py --calls [PDF ...]
    python bench/page_cost.py --against OTHER_CHECKOUT [--rounds 10]

--against: this checkout and another (with its own .venv, e.g. a worktree of main) read the
files (by default those below; named ones must lie in this checkout, each checkout reading its
own copy) in two warm processes, in turns, never at once, --rounds times each; their CPU ms a
page (minima and medians) and the ratios. On a shared machine, a ratio of runs taken in turns is
the figure to trust.

--calls: what PDFium's calls for each character cost (pdfium_source.read_chars makes three):
declared with argument types, their out-parameters passed by byref() and by address, and
declared without (as read_chars calls them), against the text page alone and the whole of
read_chars, CPU ms a page (minima of --rounds).

By default the sample notes' PDFs and the first six layout fixtures. CPU time (process_time),
not wall clock: the machine is shared. In one process: one file read first (spaCy and dateparser
built), then --rounds rounds, each reading every file with the collector as it is and then with
gc.freeze(), in turn; the minima per page are printed and their ratio. Then one more pass with
each stage timed (its own CPU time, ms a page; stages nest: reading the characters is inside
setting the watermark aside, which reads the page first).
"""
from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import pypdfium2.raw as fpdf  # noqa: E402

from somnotes.extract.options import ReadOptions  # noqa: E402
from somnotes.extract.pdf import pdfium_source, reader  # noqa: E402
from somnotes.ingest import worker  # noqa: E402

DEFAULT_FILES = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "tests/fixtures/layouts").glob("*.pdf"))[:6]
READER_STAGES = ("set_aside_watermark", "page_source", "overlapping_letters", "read_page", "find_grids",
                 "page_blocks", "unruled_blocks", "join_rows_split_across_pages")


def pages_of(files: list[Path]) -> int:
    total = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def read_all(files: list[Path], options: ReadOptions) -> float:
    """CPU seconds to read and normalise every file."""
    start = time.process_time()
    for path in files:
        worker.process_file(path, options)
    return time.process_time() - start


def timed_stage(owner, name: str, spent: collections.Counter) -> None:
    """Wrap owner.name so that its CPU time adds up in spent[name]."""
    inner = getattr(owner, name)

    def run(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    setattr(owner, name, run)


def stage_costs(files: list[Path], options: ReadOptions, pages: int) -> None:
    spent: collections.Counter = collections.Counter()
    for name in READER_STAGES:
        timed_stage(reader, name, spent)
    for name in ("read_chars", "read_graphics"):
        timed_stage(pdfium_source.PdfiumPage, name, spent)
    timed_stage(pdfium_source, "lean_words", spent)
    for name in ("extract_note", "note_records"):
        timed_stage(worker, name, spent)
    total = read_all(files, options)
    print(f"\nstages, CPU ms a page (one pass, {options.pdf_engine}; whole: {1000 * total / pages:.2f}):")
    for name, seconds in spent.most_common():
        print(f"  {name:30} {1000 * seconds / pages:6.2f}")


def per_char_calls(files: list[Path], rounds: int, pages: int) -> None:
    """Print the CPU ms a page of PDFium's per-character calls: declared with argument types and
    handed their out-parameters by byref() or by address, and declared without (as read_chars
    calls them: pdfium_source.unchecked_c_function)."""
    documents = [pdfium_source.PdfiumDocument(f) for f in files]
    checked = {name: pdfium_source.c_function(function, restype, *argtypes) for name, function, restype, argtypes in (
        ("text_object", fpdf.FPDFText_GetTextObject, ctypes.c_void_p, (ctypes.c_void_p, ctypes.c_int)),
        ("loose_box", fpdf.FPDFText_GetLooseCharBox, ctypes.c_int, (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)),
        ("origin", fpdf.FPDFText_GetCharOrigin, ctypes.c_int,
         (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)))}

    def text_page_only(document, index: int, textpage, count: int) -> None:
        return None

    def calls(document, index: int, textpage, count: int, how: str) -> None:
        box, x, y = fpdf.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        if how == "unchecked":
            handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
            box_ref, x_ref, y_ref = (ctypes.c_void_p(ctypes.addressof(o)) for o in (box, x, y))
            text_object, loose_box = pdfium_source.text_object_at, pdfium_source.loose_box_at
            origin = pdfium_source.origin_at
        else:
            handle = ctypes.cast(textpage, ctypes.c_void_p).value
            out = ctypes.addressof if how == "address" else ctypes.byref
            box_ref, x_ref, y_ref = out(box), out(x), out(y)
            text_object, loose_box, origin = checked["text_object"], checked["loose_box"], checked["origin"]
        for i in range(count):
            text_object(handle, i)
            loose_box(handle, i, box_ref)
            origin(handle, i, x_ref, y_ref)

    def whole(document, index: int, textpage, count: int) -> None:
        page = pdfium_source.PdfiumPage(document, index, 0.0)
        page.read_chars(textpage)
        document.release(page.pdfium_page)

    def cost(fn, *args) -> float:
        best = float("inf")
        for _ in range(rounds):
            start = time.process_time()
            for document in documents:
                for index in range(len(document.pdf)):
                    page = document.load_page(index)
                    textpage = document.load_text_page(page)
                    fn(document, index, textpage, fpdf.FPDFText_CountChars(textpage), *args)
                    document.release(textpage)
                    document.release(page)
            best = min(best, time.process_time() - start)
        return 1000 * best / pages

    base = cost(text_page_only)
    by_ref, by_address, unchecked = (cost(calls, how) - base for how in ("byref", "address", "unchecked"))
    print(f"{len(files)} PDFs, {pages} pages, CPU ms a page (minima of {rounds} rounds):")
    print(f"  page and text page loaded, nothing read: {base:.2f}")
    print(f"  three calls a character, argument types declared, out-parameters by byref(): {by_ref:.2f}")
    print(f"  the same by address: {by_address:.2f}  ratio to byref() {by_address / by_ref:.3f}")
    print(f"  no argument types, c_void_p objects (as read_chars calls them): {unchecked:.2f}"
          f"  ratio to by address {unchecked / by_address:.3f}")
    print(f"  read_chars whole: {cost(whole) - base:.2f}")
    for document in documents:
        document.close()


# One warm reader of a checkout, as a child process: reads the files (named relative to the
# checkout) once to warm, then once per line on stdin, printing the CPU seconds each pass took.
TURN_READER = """
import sys, time
from pathlib import Path
from somnotes.ingest import worker
from somnotes.extract.options import ReadOptions
root = Path(sys.argv[1])
files = [root / name for name in sys.argv[2:]]
worker.warm_quietly()
options = ReadOptions()
for f in files:
    worker.process_file(f, options)
import pdfplumber
pages = 0
for f in files:
    with pdfplumber.open(f) as pdf:
        pages += len(pdf.pages)
print(pages, flush=True)
for _ in sys.stdin:
    start = time.process_time()
    for f in files:
        worker.process_file(f, options)
    print(time.process_time() - start, flush=True)
"""


def against(other: Path, rounds: int, files: list[Path]) -> None:
    """Print the CPU ms a page of this checkout and `other` reading `files` (each checkout its own
    copies), in turns (TURN_READER)."""
    checkouts = {"this": ROOT, "other": other.resolve()}
    names = [str(f.resolve().relative_to(ROOT)) for f in files]
    readers, pages = {}, {}
    for name, root in checkouts.items():
        python = sys.executable if name == "this" else str(root / ".venv" / "bin" / "python")
        readers[name] = subprocess.Popen([python, "-c", TURN_READER, str(root), *names], cwd=root, text=True,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        pages[name] = int(readers[name].stdout.readline())
    spent: dict = {name: [] for name in checkouts}
    for turn in range(rounds):
        for name in (("this", "other") if turn % 2 == 0 else ("other", "this")):
            readers[name].stdin.write("go\n")
            readers[name].stdin.flush()
            spent[name].append(1000 * float(readers[name].stdout.readline()) / pages[name])
    for child in readers.values():
        child.stdin.close()
        child.wait()
    for name, root in checkouts.items():
        print(f"  {name} ({root}): {min(spent[name]):.2f} ms a page (minimum of {rounds}), "
              f"median {statistics.median(spent[name]):.2f}, {pages[name]} pages")
    print(f"  this / other: {min(spent['this']) / min(spent['other']):.3f} of minima, "
          f"{statistics.median(spent['this']) / statistics.median(spent['other']):.3f} of medians")


def readable(files: list[Path], engine: str, pdfium_only: bool) -> list[Path]:
    """The files read whole (a file that fails is an errors row, read in part or not at all: its
    pages would count unread); with `pdfium_only`, those PDFium opens (--calls reads no other).
    Reading them once builds spaCy, the grammars and dateparser before anything is timed."""
    if pdfium_only:
        out = []
        for path in files:
            try:
                pdfium_source.PdfiumDocument(path).close()
            except pdfium_source.PdfiumUnreadable:
                continue
            out.append(path)
        return out
    options = ReadOptions(pdf_engine=engine)
    return [f for f in files if not worker.process_file(f, options).get("errors")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engine", default="pdfium", choices=("pdfium", "pdfplumber"))
    parser.add_argument("--calls", action="store_true", help="PDFium's per-character calls only (--engine unused)")
    parser.add_argument("--against", type=Path, help="another checkout, read in turns with this one")
    args = parser.parse_args()
    named = args.files or DEFAULT_FILES
    if args.against:
        against(args.against, args.rounds, named)
        return 0
    files = readable(named, args.engine, args.calls)
    if len(files) < len(named):
        print(f"left out, failing to read: {', '.join(str(f) for f in named if f not in files)}")
    if not files:
        return 1
    if args.calls:
        per_char_calls(files, args.rounds, pages_of(files))
        return 0
    options = ReadOptions(pdf_engine=args.engine)
    pages = pages_of(files)
    plain, frozen = [], []
    for _ in range(args.rounds):
        plain.append(read_all(files, options))
        gc.freeze()
        frozen.append(read_all(files, options))
        gc.unfreeze()
    print(f"{len(files)} PDFs, {pages} pages, {args.engine}, {args.rounds} rounds (minima, CPU ms a page):")
    print(f"  collector as it is: {1000 * min(plain) / pages:.2f}")
    print(f"  start-up's objects frozen (gc.freeze): {1000 * min(frozen) / pages:.2f}"
          f"  ratio {min(frozen) / min(plain):.3f}")
    stage_costs(files, options, pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
