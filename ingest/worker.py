"""Per-file work: read, lay out and normalise one note and return plain rows per table.

It never touches the store, so it runs anywhere: in this process, in a local process pool
(ingest/pipeline.py) or on a Dask worker (ingest/dask_executor.py). A bad file is an errors row,
never an exception; a file that takes too long is stopped (time_limit) and is an errors row too.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import PARSER_VERSION
from ..codes import ERRORS, WARNINGS, warning_code
from ..defaults import CONVERTIBLE_SUFFIXES
from ..extract import ExtractError, extract_note
from ..extract.note import word_reader
from ..extract.options import NO_CLOCK, Clock, ReadOptions
from ..normalise.statuses import column_status, split_progress, task_status
from ..store.schema import SCHEMA_VERSION
from ..store.series import note_key
from .discover import sha256_file

MAX_MESSAGE_CHARS = 300  # an errors row's message is one line a person reads
PACKAGE = __name__.split(".", 1)[0]  # "somnotes": frames of its modules are our code
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TASK_ID_DIGITS = 16  # doc_id prefix in task_id: unique enough, short enough to type
SOFFICE_TIMEOUT_S = 180
# Python drops an exception raised inside a __del__ method or a garbage-collector callback
# (Dask's workers install one), so a FileTimeout that lands there is raised again this much later.
REFIRE_S = 0.1


READER_GC_THRESHOLD = 20_000  # new objects between a reader's collections (Python's default: 700)
TAUGHT_DIGEST_CHARS = 8  # of the taught wordings' hash in parser_version


def parser_version(taught: tuple | list = ()) -> str:
    """The version of the reading: PARSER_VERSION, marked with the header wordings a user taught
    (`--column`) when there are any, so that teaching one re-reads the notes it may change."""
    if not taught:
        return PARSER_VERSION
    digest = hashlib.sha1(json.dumps([list(p) for p in taught]).encode("utf-8")).hexdigest()[:TAUGHT_DIGEST_CHARS]
    return f"{PARSER_VERSION}+columns.{digest}"


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def error_rows(path: Path, code: str, message: str, doc_id: str | None) -> dict:
    """The rows of a file that could not be ingested: one errors row, its message one line; a
    code not in codes.ERRORS is a bug of ours, stored as internal_error."""
    if code not in ERRORS:
        code, message = "internal_error", f"internal error: unknown error code {code!r}: {message}"
    return {"errors": [{"source_path": str(path), "error": code,
                        "message": message.splitlines()[0] if message else code,
                        "at": now_utc(), "doc_id": doc_id, "parser_version": PARSER_VERSION}]}


def convert_legacy(path: Path, workdir: Path) -> Path:
    """Convert a .doc or .odt file to .docx with LibreOffice, or raise unsupported_format."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ExtractError("unsupported_format",
                           f"{path.suffix} files need LibreOffice (soffice) on the PATH to be converted")
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{workdir}/profile", "--headless",
                        "--convert-to", "docx", "--outdir", str(workdir), str(path)],
                       check=True, capture_output=True, timeout=SOFFICE_TIMEOUT_S)
    except (subprocess.SubprocessError, OSError) as exc:
        raise ExtractError("conversion_failed",
                           f"LibreOffice could not convert the file ({type(exc).__name__})") from None
    out = workdir / (path.stem + ".docx")
    if not out.exists():
        raise ExtractError("conversion_failed", "LibreOffice produced no .docx")
    return out


def note_records(path: Path, doc_id: str, note, stat: os.stat_result, taught: tuple = ()) -> dict:
    """Given an extracted note (read with the header wordings `taught`), normalise statuses and
    dates and return rows per table."""
    from ..normalise.dates import find_dates  # dateparser and the date grammar: a worker's, once
    from ..normalise.typed_columns import deadline_dates, lead_entities

    header = note.header
    meeting_date = header.meeting_date
    tasks, items, dates = [], [], []
    for ordinal, row in enumerate(note.rows, start=1):
        task_id = f"{doc_id[:TASK_ID_DIGITS]}-{ordinal:03d}"
        # a Status column's word is the status of progress text that carries no label of its own
        label = column_status(row.status.text if row.status else None)
        progress = split_progress(row.progress.paragraphs, default=label)
        for n, item in enumerate(progress, start=1):
            items.append({"doc_id": doc_id, "task_id": task_id, "item_no": n, "status": item.status,
                          "status_label": item.status_label, "text": item.text})
        texts = {"task": row.task.text, "progress": row.progress.text, "next_steps": row.next_steps.text}
        mentions = [(field_name, m) for field_name, text in texts.items()
                    for m in find_dates(text, field_name, meeting_date)]
        if row.deadline is not None:  # a deadline column: its dates are deadlines, whatever their words
            mentions += [("deadline", m) for m in deadline_dates(row.deadline.text, meeting_date)]
        for field_name, mention in mentions:
            dates.append({"doc_id": doc_id, "task_id": task_id, "field": field_name, "text": mention.text,
                          "start": mention.start, "end": mention.end, "granularity": mention.granularity,
                          "kind": mention.kind, "char_start": mention.char_start})
        tasks.append({
            "doc_id": doc_id, "task_id": task_id, "ordinal": ordinal,
            "part": row.part, "part_title": row.part_title, "section": row.section, "section_title": row.section_title,
            "task_text": texts["task"], "progress_text": texts["progress"], "next_steps_text": texts["next_steps"],
            "extra": list(row.extra.items()), "status": task_status([i.status for i in progress]),
            "task_key": None, "page_start": row.page_start, "page_end": row.page_end, "progress_unchanged": None,
            "lead": lead_entities(row.lead.text) if row.lead is not None else None,
            "reference": row.reference, "reference_key": row.reference_key,
        })
    passages = [{"doc_id": doc_id, "ordinal": n, "kind": p.kind, "page": p.page, "part": p.part,
                 "section": p.section, "text": p.text} for n, p in enumerate(note.passages, start=1)]
    warnings = list(note.warnings)
    if note.rows and meeting_date is None:
        warnings.append("no_meeting_date: dates without a year could not be resolved")
    unknown = sorted({warning_code(w) for w in warnings} - set(WARNINGS))
    if unknown:  # a warning a user cannot look up is a bug of ours
        raise ValueError(f"unknown warning code {unknown[0]!r} (codes.py: WARNINGS)")
    document = {
        "doc_id": doc_id, "source_path": str(path), "format": note.format,
        "organization": header.organization, "symbol": header.symbol, "title": header.title,
        "segment": header.segment, "meeting_number": header.meeting_number, "meeting_date": meeting_date,
        "n_pages": note.n_pages, "n_tasks": len(tasks), "warnings": warnings,
        "parser_version": parser_version(taught), "ingested_at": now_utc(), "meeting": header.meeting,
        "file_size": stat.st_size, "file_mtime_ns": stat.st_mtime_ns, "schema_version": SCHEMA_VERSION,
        "unplaced_words": sum(len(phrase.split()) for phrase in note.unplaced),
        "series": header.series, "note_date": header.note_date,
    }
    document["note_key"] = note_key(document)
    return {"documents": [document], "tasks": tasks, "progress_items": items, "dates": dates, "passages": passages}


class FileTimeout(BaseException):
    """Not an Exception: the readers' own `except Exception` must not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise FileTimeout in this block after `seconds`, in whatever thread runs it: by SIGALRM
    in the main thread (a local worker process), by an asynchronous exception in any other
    (a Dask worker runs its tasks in threads, where signals cannot reach) and on Windows,
    which has no SIGALRM. Yields the block's Clock, which extraction may ask for more time (OCR)
    in either case."""
    if not seconds:
        yield NO_CLOCK
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):  # not Windows
        with alarm_time_limit(seconds) as clock:
            yield clock
    else:
        with thread_time_limit(seconds) as clock:
            yield clock


class DeadlineClock(Clock):
    """A block's time limit as a deadline, moved on when extended: what the watchdog of another
    thread reads, and what either kind of limit checks as its block ends."""

    def __init__(self, seconds: float):
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + seconds

    def extend(self, seconds: float) -> None:
        with self.lock:
            self.deadline += seconds

    def left(self) -> float:
        with self.lock:
            return self.deadline - time.monotonic()


class AlarmClock(DeadlineClock):
    """The main thread's time limit: the interval timer too, moved on when extended."""

    def extend(self, seconds: float) -> None:
        super().extend(seconds)
        remaining, interval = signal.getitimer(signal.ITIMER_REAL)
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining + seconds, interval)


def past_deadline(clock: DeadlineClock) -> None:
    """Raise FileTimeout as a block ends after its deadline. Python drops a FileTimeout that lands
    in a __del__ method or a finaliser (the `regex` module's compiler, which dateparser runs while
    a note is read, has them; pypdfium2 closes its objects in finalisers), and a block that ends
    before the next one (REFIRE_S later) would pass with its limit broken."""
    if clock.left() < 0:
        raise FileTimeout()


@contextlib.contextmanager
def alarm_time_limit(seconds: float):
    """time_limit for the main thread: SIGALRM, repeated until the block ends."""
    ended = False

    def expire(signum, frame):
        if not ended:
            raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    clock = AlarmClock(seconds)
    try:
        # armed inside the `try`: a limit shorter than arming it fires as setitimer returns, and
        # the alarm must still be stopped
        signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_S)
        yield clock
    finally:
        # First, before any call: CPython runs a signal's handler only at a call or where a loop
        # jumps back (not so under a Python-level tracer, a debugger's), so none lands before
        # this line, and once it is set the handler raises nothing; the stop below runs to its
        # end (a FileTimeout landing in it would leave the alarm armed with this handler,
        # raising in whatever the reader did next).
        ended = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    past_deadline(clock)


def raise_in_thread(thread_id: int, exc_type: type[BaseException]) -> None:
    """Make `thread_id` raise `exc_type` where the interpreter next checks for it: a Python
    function's start, a loop's jump back, a return from a call into C. Like a signal, it cannot
    interrupt one long call into C code, only what follows it."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_type))


@contextlib.contextmanager
def thread_time_limit(seconds: float):
    """time_limit for any other thread: a watchdog thread raises FileTimeout inside this one
    once its deadline has passed (extended or not), again every REFIRE_S until the block ends."""
    target, lock, done = threading.get_ident(), threading.Lock(), threading.Event()
    clock = DeadlineClock(seconds)
    ended = False

    def watch():
        while not done.wait(max(clock.left(), 0.0)):
            with lock:
                if ended:
                    return
                if clock.left() > 0:
                    continue  # extended while the watchdog slept
                raise_in_thread(target, FileTimeout)
            done.wait(REFIRE_S)

    try:
        # started inside the `try`: a limit shorter than the start itself fires inside start(),
        # and the watchdog must still be stopped
        threading.Thread(target=watch, name="somnotes-file-timeout", daemon=True).start()
        yield clock
    finally:
        # First, before any call (see alarm_time_limit): once it is set the watchdog decides to
        # raise no more. One it decided before (under the lock, which this end then waits for)
        # lands in the loop's `try` at the first call after the lock is taken, and the loop runs
        # again. Never cancelled: CPython 3.11 keeps its flag of a pending exception raised once
        # one is cancelled, and a thread under a Python-level tracer (hypothesis runs its
        # examples so) then loops for ever at its next call.
        ended = True
        while True:
            try:
                with lock:
                    done.set()
                break
            except FileTimeout:
                continue
    past_deadline(clock)


# Held while the readers and normalisers are imported: spaCy's modules, imported by two threads
# at once (a Dask worker reads files in threads), fail with "partially initialized module".
IMPORT_LOCK = threading.Lock()
READERS_LOADED = threading.Event()  # set once load_readers has run to its end in this process


def load_readers() -> None:
    """Import the PDF reader and the normalisers, one thread at a time (the OCR stack stays out:
    it loads only for a page that needs it; the Word reader with the first Word file, unless
    warm() loaded it); once loaded, at once, without the lock (which the commit's imports may
    hold meanwhile: ingest/pipeline.py, warm_commit_imports)."""
    if READERS_LOADED.is_set():
        return
    with IMPORT_LOCK:
        from ..extract.pdf import reader as _pdf  # noqa: F401
        from ..normalise import dates as _dates  # noqa: F401
        from ..normalise import typed_columns as _typed  # noqa: F401
    READERS_LOADED.set()


# Text that takes the normalisers down every path that builds something on its first use: a status
# label (the spaCy pipeline, the status grammar), a written day without a year, a numeric date and a
# weekday (dateparser's English), a quarter, a reference and a lead cell.
WARM_PARAGRAPHS = ("Completed: the report (decision 4/7) was sent on 9 July and discussed on 7/2/2022.",
                   "Ongoing - to be reviewed on Friday and by the end of Q3 2021.")
WARM_LEAD = "UNEP and FAO (lead)"
WARM_MEETING = dt.date(2021, 3, 1)


def warm(word: bool = True, pdf: bool = True) -> None:
    """Build now what reading a note would build on its first use (the readers' imports, the
    spaCy pipeline, the status and date grammars, dateparser's English, the English word list of
    broken PDF lines), so that a reader process forked from this one starts with them built
    (ingest/preload.py). The OCR stack stays out: it loads only for a page that needs it. The
    Word reader comes in too (`word`): the readers forked from the server share its pages, where a
    process that reads for itself (--workers 1) loads it with its first Word file, if any; and
    what only PDFs use (`pdf`: PDFium, the word list) is left out of a batch without a PDF."""
    load_readers()
    if word:
        word_reader()
    with IMPORT_LOCK:
        from ..extract.layout import role_patterns
        from ..extract.pdf import lines
        from ..normalise.dates import find_dates
        from ..normalise.references import column_reference
        from ..normalise.typed_columns import deadline_dates, lead_entities
        if pdf:
            from ..extract.pdf import pdfium_source  # noqa: F401 - open_pdf imports pdfium_source on use
    if pdf:
        lines.english_words()
    role_patterns()
    for text in WARM_PARAGRAPHS:
        split_progress([text])
        column_status(text)
        column_reference(text)
        find_dates(text, "progress", WARM_MEETING)
    deadline_dates(WARM_PARAGRAPHS[-1], WARM_MEETING)
    lead_entities(WARM_LEAD)


def build_quietly(word: bool = True, pdf: bool = True) -> bool:
    """warm (`word` and `pdf` as there) with the collector held off; whether it built. A failure
    is left to the first file, whose reading reports it as an errors row: in a pool's initializer
    or the fork server's preload it would break the pool (or stop the server) with no word of why."""
    # The build makes some 120,000 objects that live as long as the reader; the collector, run
    # each time enough new ones have piled up, walks the older ones again and again while they
    # are made: 454 collections, 0.34 s of a 1.9 s build (counted with gc.callbacks). It is held
    # off until the build ends: in the whole process, every thread (gc has no other switch).
    collecting = gc.isenabled()
    try:
        gc.disable()
        warm(word, pdf)
    except Exception:  # the same failure reaches the files, and is reported there
        return False
    finally:
        if collecting:
            gc.enable()
    return True


def collect_as_a_reader(collect_first: bool = False, freeze: bool = True) -> None:
    """The collector as a reader needs it once the build is made: what the process holds frozen
    (`freeze`; collected first with `collect_first`), its youngest objects collected less often."""
    # What was built lives as long as the reader: out of the garbage collector's reach, its
    # oldest generation no longer walks the pipelines' objects each time it runs (a page's CPU
    # time 0.93 of what it was: bench/page_cost.py), and a forked reader's collections do not
    # write to the memory it shares with the server. A pool's reader freezes without a collection
    # first: the build leaves about 3,400 objects of garbage (what a collection here finds), kept
    # frozen, where that collection would cost 0.13 s before any reader starts. A process that
    # reads for itself collects first (reading_in_this_process): no reader waits for it, and
    # what it froze uncollected would raise its peak.
    if freeze:
        if collect_first:
            gc.collect()
        gc.freeze()
    # A page makes tens of thousands of short-lived dicts and tuples: at the default threshold
    # (700) the youngest generation is collected dozens of times a page, and what a page holds
    # meanwhile is walked again in the older generations. A reader collects less often. What a
    # file read leaves is freed as it ends, not by the collector (a closed PDF lets go of its
    # pages: extract/pdf/pdfium_source.py), so the reader's memory stays as it was: 246 MB after
    # twelve 244-page PDFs, 245 at the default threshold (/proc's VmHWM, a throwaway script).
    gc.set_threshold(READER_GC_THRESHOLD, *gc.get_threshold()[1:])


def warm_quietly() -> None:
    """A reader's start, for a pool's initializer or the fork server's preload: the build, made
    with the collector held off, then the collector as a reader needs it."""
    if build_quietly():
        collect_as_a_reader()


@dataclass
class ReadingHere:
    """The ingests reading files in this process now, and the collector as it was before the
    first of them began: its threshold, whether that first froze what the process held, and
    when it has built and frozen (`ready`: the others wait for it, rather than read with the
    collector held off by its build)."""
    ingests: int = 0
    threshold: tuple = ()
    froze: bool = False
    ready: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


READING_HERE = ReadingHere()


@contextlib.contextmanager
def reading_in_this_process(pdf: bool = True):
    """While this process reads files itself (--workers 1, or one file left to read, outside
    Dask): the build
    and the collector as a pool's reader has them (the Word reader still loads with the first
    Word file; what only PDFs use is left out where `pdf` is false), then the collector as it was,
    once the last of the ingests reading in the process meanwhile (threads) ends: the others
    wait for the first's build. Commits made between files run with it too (the last, after the
    files, does not). Built on the first file instead, with the collector at its
    default, a 100-PDF ingest ran 1,325 collections (0.83 to 1.08 s), where it now runs 10 (0.13
    to 0.17 s; gc.callbacks), and a 24-PDF ingest took 1.08 times the CPU time (ten runs of each
    in turns). Collected before it is frozen: frozen uncollected, the peak of a 12-PDF ingest
    was 314.8 MB, collected 311.8, built on the first file 310.7 (ru_maxrss). What the process
    held before is frozen with the build meanwhile and unfrozen after; where something was
    frozen already (by the caller: gc cannot tell whose it is), nothing is frozen, and only
    the threshold changes. What another thread freezes or sets meanwhile is undone with it."""
    here = READING_HERE
    with here.lock:
        here.ingests += 1
        first = here.ingests == 1
        if first:
            here.threshold, here.froze, here.ready = gc.get_threshold(), False, threading.Event()
        ready = here.ready
    try:
        if first:
            try:
                if build_quietly(word=False, pdf=pdf):
                    here.froze = not gc.get_freeze_count()
                    collect_as_a_reader(collect_first=True, freeze=here.froze)
            finally:
                ready.set()
        else:
            ready.wait()
        yield
    finally:
        with here.lock:
            here.ingests -= 1
            if not here.ingests:
                gc.set_threshold(*here.threshold)
                if here.froze:
                    gc.unfreeze()


def process_file(path: Path | str, options: ReadOptions = ReadOptions()) -> dict:
    """Given one file and how to read it (OCR, taught header wordings, time limit), return its
    rows per table, or an errors row. Never raises for bad input. Everything it needs comes in
    its arguments, so it runs the same in any executor and in any thread."""
    path = Path(path)
    load_readers()
    try:
        with time_limit(options.time_limit) as clock:
            return read_file(path, options, clock)
    except FileTimeout:
        return error_rows(path, "timeout", f"reading the file took longer than {options.time_limit:g} s", None)


def read_file(path: Path, options: ReadOptions, clock: Clock = NO_CLOCK) -> dict:
    """The work of process_file, errors included."""
    try:
        stat = path.stat()
        doc_id = sha256_file(path)
    except OSError as exc:
        return error_rows(path, "unreadable", f"the file cannot be read: {exc.strerror or exc}", None)
    try:
        if path.suffix.lower() in CONVERTIBLE_SUFFIXES:
            with tempfile.TemporaryDirectory(prefix="somnotes-") as tmp:
                note = extract_note(convert_legacy(path, Path(tmp)), options, clock)
        else:
            note = extract_note(path, options, clock)
        return note_records(path, doc_id, note, stat, options.roles)
    except ExtractError as exc:
        return error_rows(path, exc.code, exc.message, doc_id)
    except Exception as exc:  # a bug of ours must not stop the batch; keep where it happened
        return error_rows(path, "internal_error", internal_error_message(exc), doc_id)


def code_location(exc: BaseException) -> str:
    """Where `exc` surfaced in our code: the innermost frame of a somnotes module
    ("extract/pdf/reader.py:487 in read_pdf"), else the innermost frame there is."""
    frames, tb = [], exc.__traceback__
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    ours = [t for t in frames if t.tb_frame.f_globals.get("__name__", "").startswith(PACKAGE + ".")]
    if not (ours or frames):
        return "an unknown place"
    where = (ours or frames)[-1]
    path = Path(where.tb_frame.f_code.co_filename).resolve()
    shown = path.relative_to(PACKAGE_DIR).as_posix() if ours and path.is_relative_to(PACKAGE_DIR) else path.name
    return f"{shown}:{where.tb_lineno} in {where.tb_frame.f_code.co_name}"


def internal_error_message(exc: BaseException) -> str:
    """One line that says a bug of ours happened, what it was and where, for a bug report."""
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return (f"internal error (a bug of somnotes, not a problem of the file): {type(exc).__name__}"
            f"{': ' + detail if detail else ''} at {code_location(exc)}")[:MAX_MESSAGE_CHARS]
