"""The command line answers at once: the heavy libraries load where they are used, and only then.

Each command runs in a fresh interpreter (the test process has everything loaded already), and
reports which of the libraries that only reading a note or linking tasks needs it loaded.
Timings belong to bench/cli_latency.py, not here.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from somnotes.ingest.worker import READER_GC_THRESHOLD

from conftest import ANYDISK, SAMPLES, read_table

# Loaded by reading notes (spaCy, dateparser) or by linking them (scipy, rapidfuzz) only.
HEAVY = ("spacy", "dateparser", "scipy", "rapidfuzz")
# Loaded to write the store or by the Python API's DataFrames: a query answers with DuckDB alone.
TABLE_LIBRARIES = ("pandas", "pyarrow")
# Loaded only to read Word files: a process that reads PDFs for itself leaves them out.
WORD_LIBRARIES = ("docx", "lxml")
BROKEN_PDF = "broken.pdf"  # written by the test that names it: a PDF header, no PDF after it
PROBE_OF = """
import json, sys
from typer.testing import CliRunner
from somnotes.ingest.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "loaded": [m for m in WATCHED if m in sys.modules]}))
"""
PROBE = PROBE_OF.replace("WATCHED", repr(HEAVY + TABLE_LIBRARIES))


def loaded_after(*args, probe: str = PROBE) -> dict:
    out = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["summary"], ["stalled"], ["overdue"],
                                  ["history", "--search", "E-waste"], ["links", "--review"], ["carried-over"]])
def test_help_and_queries_load_no_reader_linker_pandas_or_pyarrow(samples_store, args):
    if args[0] != "--help" and args[-1] != "--help":
        args = [*args, "--store", samples_store]
    got = loaded_after(*args)
    assert got["exit"] == 0
    assert got["loaded"] == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_query_printed_as_json_or_csv_loads_no_pandas_or_pyarrow(samples_store, fmt):
    got = loaded_after("history", "--search", "E-waste", "--format", fmt, "--store", samples_store)
    assert got["exit"] == 0
    assert got["loaded"] == []


def test_a_reingest_of_an_unchanged_archive_loads_no_reader_or_linker(samples_store):
    got = loaded_after("ingest", SAMPLES, "--store", samples_store)
    assert got["exit"] == 0
    assert got["loaded"] == []


# Reports, after the command's own handlers have run as the process ends, whether what the process
# holds was put out of the collector's reach.
EXIT_PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))  # runs after main's (last in, first out)
from somnotes.ingest.cli import main
sys.argv = ["somnotes", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("args", [["summary"], ["ingest", SAMPLES / "som26-midterm.pdf", "--workers", "1"]])
def test_the_command_leaves_python_nothing_to_collect_as_it_exits(tmp_path, samples_store, args):
    """Python's shutdown collects garbage over every object the process holds (0.2 to 0.3 s after
    an ingest, with pandas, pyarrow, DuckDB, scipy and spaCy loaded): the command freezes them as
    it exits, after its output and its exit status are settled."""
    store = samples_store if args[0] == "summary" else tmp_path / "store"
    out = subprocess.run([sys.executable, "-c", EXIT_PROBE, *map(str, args), "--store", str(store)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "frozen at exit: True"


def test_the_probe_sees_a_library_that_is_loaded(tmp_path):
    """Guards the tests above: ingesting a new note does load the reader and the linker."""
    got = loaded_after("ingest", SAMPLES / "som26-midterm.docx", "--store", tmp_path / "store", "--workers", "1")
    assert got["exit"] == 0
    assert set(got["loaded"]) == set(HEAVY + TABLE_LIBRARIES)


@pytest.mark.parametrize("files", [["som26-midterm.pdf"], ["som26-midterm.pdf", BROKEN_PDF],
                                   ["som26-midterm.pdf", "som27-midterm.docx"]])
def test_a_process_that_reads_pdfs_alone_leaves_the_word_reader_out(tmp_path, files):
    """python-docx and lxml (about 11 MB of a process that reads and commits 12 PDFs) load with the
    first Word file: not at all when an ingest that reads in its own process meets only PDFs, a
    broken one among them, and a Word file after a PDF still reads."""
    store = tmp_path / "store"
    paths = [SAMPLES / f if f != BROKEN_PDF else tmp_path / f for f in files]
    (tmp_path / BROKEN_PDF).write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n")
    got = loaded_after("ingest", *paths, "--store", store, "--workers", "1",
                       probe=PROBE_OF.replace("WATCHED", repr(WORD_LIBRARIES)))
    assert got["exit"] == (1 if BROKEN_PDF in files else 0)
    words = any(f.endswith(".docx") for f in files)
    assert set(got["loaded"]) == (set(WORD_LIBRARIES) if words else set())
    documents = read_table(store, "documents")
    read = [f for f in files if f != BROKEN_PDF]
    assert sorted(documents["format"]) == sorted(f.rsplit(".", 1)[1] for f in read)
    assert (documents["n_tasks"] > 0).all()
    assert list(read_table(store, "errors")["error"]) == (["corrupt_pdf"] if BROKEN_PDF in files else [])


def test_a_process_that_reads_word_files_alone_leaves_pdfium_out(tmp_path):
    """What only PDFs use (PDFium, the English word list) is built before the first file only
    where the batch holds a PDF: a Word-only ingest in its own process never loads pypdfium2 nor
    builds the word list."""
    store = tmp_path / "store"
    probe = PROBE_OF.replace("WATCHED", repr(("pypdfium2", "docx"))) + (
        "lines = sys.modules.get('somnotes.extract.pdf.lines')\n"
        "print(json.dumps(bool(lines and lines.english_words.cache_info().currsize)))\n")
    out = subprocess.run([sys.executable, "-c", probe, "ingest", str(SAMPLES / "som27-midterm.docx"), "--store",
                          str(store), "--workers", "1"], capture_output=True, text=True, check=True)
    got, word_list_built = (json.loads(line) for line in out.stdout.strip().splitlines()[-2:])
    assert got["exit"] == 0
    assert got["loaded"] == ["docx"]
    assert word_list_built is False
    assert (read_table(store, "documents")["n_tasks"] > 0).all()


def test_listing_the_corrections_loads_no_reader_or_linker(samples_store):
    """`corrections` only reads: the linker (scipy, rapidfuzz) loads when a correction is made."""
    got = loaded_after("corrections", "--all", "--store", samples_store)
    assert got["exit"] == 0
    assert set(got["loaded"]) & set(HEAVY) == set()


# A script, not `-c`: a reader process imports the parent's main module by its path to find
# `built`. It starts one reader as ingest does and asks it what it holds built before any file.
READER_PROBE = """
import gc
import json
import sys


def built():
    from somnotes.extract.pdf.lines import english_words
    from somnotes.normalise.dates.matchers import date_rules
    from somnotes.normalise.dates.periods import parse_with_dateparser
    from somnotes.normalise.nlp import status_nlp
    from somnotes.normalise.status_grammar import lexicon

    caches = {"spacy pipeline": status_nlp, "status grammar": lexicon, "date grammar": date_rules,
              "dateparser": parse_with_dateparser, "word list": english_words}
    out = {name: cache.cache_info().currsize > 0 for name, cache in caches.items()}
    # the word list's hashes are this process's own (str hashes are salted per interpreter)
    out["word list answers"] = "environment" in english_words() and "environmentall" not in english_words()
    # the build holds the collector off while it runs: a reader must start with it on again,
    # collecting less often than Python's default
    out["garbage collector on"] = gc.isenabled()
    out["collector threshold"] = gc.get_threshold()[0]
    # the Word reader too, built for every reader (a process that reads for itself loads it with
    # its first Word file)
    out["word reader"] = "docx" in sys.modules
    # spaCy's command line (typer, requests, weasel) left out where the fork server imported spaCy
    out["spacy command line"] = [name in sys.modules for name in ("requests", "weasel", "spacy.cli.download")]
    return out


if __name__ == "__main__":
    from somnotes.ingest.pipeline import reader_context, reader_pool

    with reader_pool(1, reader_context()) as pool:
        print(json.dumps(pool.submit(built).result()))
"""


@pytest.mark.parametrize("processes", ["forkserver", "spawn as on Windows"])
def test_a_reader_process_starts_with_what_reading_builds_already_built(tmp_path, processes):
    """A reader of an ingest's pool takes its first file with spaCy, the grammars, dateparser and
    the word list built: by the fork server once for all readers, else by the pool's initializer."""
    probe = tmp_path / "reader_probe.py"
    probe.write_text(READER_PROBE, encoding="utf-8")
    env = dict(os.environ)
    if processes != "forkserver":
        env.update(SOMNOTES_SIMULATED_FS="windows",
                   PYTHONPATH=os.pathsep.join([str(ANYDISK), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, check=True, env=env)
    built = json.loads(out.stdout.strip().splitlines()[-1])
    assert built.pop("collector threshold") == READER_GC_THRESHOLD
    # only the fork server (ingest/preload.py) imports spaCy without its command line; a spawned
    # reader builds in the pool's initializer (worker.warm_quietly), spaCy's package whole
    assert built.pop("spacy command line") == [processes != "forkserver"] * 3
    assert built == dict.fromkeys(built, True)
    assert set(built) == {"spacy pipeline", "status grammar", "date grammar", "dateparser", "word list",
                          "word list answers", "word reader", "garbage collector on"}


@pytest.mark.parametrize("collecting", [True, False])
def test_warming_leaves_the_garbage_collector_on_or_off_as_it_found_it(collecting):
    """The build runs with the collector off (it would walk the build's objects again and again),
    then puts it back as it was: on in a reader, off where a caller had turned it off; what it
    built frozen, and the youngest generation collected less often from then on."""
    probe = ("import gc, json\n"
             f"{'' if collecting else 'gc.disable()'}\n"
             "from somnotes.ingest.worker import warm_quietly\n"
             "warm_quietly()\n"
             "print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0]]))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [collecting, True, READER_GC_THRESHOLD]


# An ingest that reads in its own process (--workers 1): the collector as each file is done, and
# after the ingest, with something frozen before it or not, from a threshold of the caller's own.
READ_HERE_PROBE = """
import gc, json, sys
from pathlib import Path
from somnotes.ingest import pipeline
from somnotes.store import Store
mode = sys.argv[1]
if mode == "frozen":
    gc.freeze()
gc.set_threshold(1234, 9, 8)
during = []


def on_file(path):
    during.append([gc.get_threshold()[0], gc.get_freeze_count() > 0])
    if mode == "raises":
        raise RuntimeError("a caller's callback fails")


try:
    notes = pipeline.ingest([Path(p) for p in sys.argv[2:-1]], Store(Path(sys.argv[-1])), workers=1,
                            on_file=on_file).notes
except RuntimeError:
    notes = None
print(json.dumps({"during": during, "threshold": gc.get_threshold(), "frozen after": gc.get_freeze_count() > 0,
                  "enabled": gc.isenabled(), "notes": notes}))
"""


@pytest.mark.parametrize("mode", ["none", "frozen", "raises"])
def test_reading_in_its_own_process_an_ingest_collects_as_a_reader_then_as_before(tmp_path, mode):
    """--workers 1: while the files are read the collector is a reader's (the build frozen, the
    youngest generation collected less often); after, the process's collector is as it found it:
    its threshold back, nothing left frozen that was not, also where the caller's callback
    raises after the first file. A caller that froze objects itself keeps them frozen as they
    were, and nothing more is frozen (gc cannot unfreeze only ours)."""
    files = [SAMPLES / "som26-midterm.pdf", SAMPLES / "som27-midterm.docx"]
    args = [mode, *files, tmp_path / "store"]
    out = subprocess.run([sys.executable, "-c", READ_HERE_PROBE, *map(str, args)], capture_output=True, text=True,
                         check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    read = 1 if mode == "raises" else len(files)
    assert got["during"] == [[READER_GC_THRESHOLD, True]] * read
    assert got["threshold"] == [1234, 9, 8] and got["enabled"]
    assert got["frozen after"] == (mode == "frozen")
    if mode != "raises":
        assert got["notes"] == len(files)
        assert read_table(tmp_path / "store", "documents")["n_tasks"].gt(0).all()


# Two ingests reading in one process at once (threads), the first to begin ending first: the
# collector while both read, after the first ends, and after the second; and what a caller that
# froze objects before finds frozen after an ingest (the objects' count in the permanent generation).
OVERLAP_TIMEOUT_S = 120  # the probe builds once, cold (about a second), and reads nothing
OVERLAP_PROBE = """
import gc, json, threading, time
from somnotes.ingest.worker import READING_HERE, reading_in_this_process
gc.set_threshold(1234, 9, 8)
# a second ingest entering while the first builds (cold here: about a second) reads once it is built
seen, leave = [], threading.Event()
def ingest_one():
    with reading_in_this_process(pdf=False):
        seen.append([gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 0])
        leave.wait()
builder = threading.Thread(target=ingest_one)
builder.start()
while not READING_HERE.ingests:
    time.sleep(0.001)
building = not READING_HERE.ready.is_set()
second_thread = threading.Thread(target=ingest_one)
second_thread.start()
while len(seen) < 2:
    time.sleep(0.01)
leave.set()
builder.join()
second_thread.join()
entered = [building, seen]
first, second = reading_in_this_process(pdf=False), reading_in_this_process(pdf=False)
first.__enter__()
second.__enter__()
both = [gc.get_threshold()[0], gc.get_freeze_count() > 0]
first.__exit__(None, None, None)
one = [gc.get_threshold()[0], gc.get_freeze_count() > 0]
second.__exit__(None, None, None)
none = [list(gc.get_threshold()), gc.get_freeze_count()]
gc.freeze()
frozen = gc.get_freeze_count()
with reading_in_this_process(pdf=False):
    during = gc.get_freeze_count()
print(json.dumps({"entered": entered, "both": both, "one": one, "none": none,
                  "kept frozen": [frozen, during, gc.get_freeze_count()]}))
"""


def test_ingests_reading_in_one_process_at_once_leave_the_collector_as_the_first_found_it():
    """An ingest that begins while another builds reads once the build is made (not with the
    collector held off by it); the collector goes back as it was when the last of the ingests
    reading in the process ends, not the first (which would leave it raised for good, or lower
    it under the other); a caller's frozen objects are neither added to nor unfrozen."""
    # a wait that never ends (a second ingest never let in) fails here rather than hanging the suite
    out = subprocess.run([sys.executable, "-c", OVERLAP_PROBE], capture_output=True, text=True, check=True,
                         timeout=OVERLAP_TIMEOUT_S)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    building, seen = got["entered"]
    assert building and seen == [[True, READER_GC_THRESHOLD, True]] * 2  # the second waited for the build
    assert got["both"] == got["one"] == [READER_GC_THRESHOLD, True]
    assert got["none"] == [[1234, 9, 8], 0]
    frozen, during, after = got["kept frozen"]
    # frozen objects may be freed meanwhile (the count drops by a few); ours frozen too would
    # add the whole heap, theirs unfrozen would leave none
    assert 0 < after <= during <= frozen


# Records, as an ingest with a pool starts its readers, whether the commit's imports have begun,
# and what began first: the readers' fork server or the commit's imports.
COMMIT_IMPORTS_PROBE = """
import json
import multiprocessing.forkserver
import sys
from pathlib import Path

from somnotes.ingest import pipeline
from somnotes.store import Store

seen = []
begun = []
make_pool = pipeline.reader_pool
start_server = multiprocessing.forkserver.ensure_running
load_commit_modules = pipeline.load_commit_modules


def ensure_running():
    # what the server will import before it forks a reader (CPython's own record of it)
    preload = multiprocessing.forkserver._forkserver._preload_modules
    begun.append(["fork server", *preload])
    start_server()


def commit_imports():
    begun.append("commit imports")
    load_commit_modules()


submitted = []


def reader_pool(workers, context):
    seen.append(pipeline.warm_commit_imports.cache_info().currsize > 0)
    pool = make_pool(workers, context)
    submit = pool.submit

    def record(fn, path, *args):
        submitted.append(Path(path).name)
        return submit(fn, path, *args)

    pool.submit = record
    return pool


if __name__ == "__main__":
    pipeline.reader_pool = reader_pool
    multiprocessing.forkserver.ensure_running = ensure_running
    pipeline.load_commit_modules = commit_imports
    files, store = [Path(p) for p in sys.argv[1:-1]], Path(sys.argv[-1])
    summary = pipeline.ingest(files, Store(store), workers=2)
    print(json.dumps({"begun_before_the_pool": seen, "begun": begun, "notes": summary.notes,
                      "submitted": submitted}))
"""


def test_an_ingest_with_a_pool_begins_the_commits_imports_before_its_readers_start(tmp_path):
    """This process reads nothing while a pool reads: the commit's imports (pyarrow, DuckDB, the
    linker) take the core left idle while the fork server builds the readers' start-up, and begin
    after the server is asked for (its build is what every reader waits for), with ingest/preload.py
    among what it imports. The pool takes the largest file first, whatever the order the files
    were found in."""
    probe = tmp_path / "commit_probe.py"
    probe.write_text(COMMIT_IMPORTS_PROBE, encoding="utf-8")
    # named so that every order they may be found in (by name, as given) puts the largest last
    notes = []
    for name, sample in (("a.docx", "som27-midterm.docx"), ("b.docx", "som26-midterm.docx"),
                         ("c.pdf", "som26-annual.pdf")):
        notes.append(tmp_path / "notes" / name)
        notes[-1].parent.mkdir(exist_ok=True)
        shutil.copy(SAMPLES / sample, notes[-1])
    assert [p.stat().st_size for p in notes] == sorted(p.stat().st_size for p in notes)
    out = subprocess.run([sys.executable, str(probe), *map(str, notes), str(tmp_path / "store")],
                         capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["begun_before_the_pool"] == [True]
    assert got["begun"] == [["fork server", "__main__", "somnotes.ingest.preload"], "commit imports"]
    assert got["notes"] == 3
    assert got["submitted"] == ["c.pdf", "b.docx", "a.docx"]
