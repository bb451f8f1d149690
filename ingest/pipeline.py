"""The ingest job: files -> per-file work (in a process pool) -> one writer commits to the store.

Per-file work (`process_file`) reads, lays out and normalises one note and returns plain rows;
it never touches the store, so it can run anywhere (a local process pool or a Dask cluster).
Only the parent process writes, in commits of at most COMMIT_EVERY files, so a killed run
loses at most the files of one unfinished commit.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import PARSER_VERSION
from ..extract import ExtractError, extract_note
from ..extract.layout import NO_ROLES_WARNING, header_role, roles_taught, taught_roles, teach_roles
from ..extract.ocr import DEFAULT_OCR
from ..extract.statuses import column_status, split_progress, task_status
from ..store import column_roles
from ..store.schema import SCHEMA_VERSION
from ..store.series import note_identity, note_key, own_series
from ..store.store import Batch, Store
from .discover import CONVERTIBLE_SUFFIXES, find_files, sha256_file

COMMIT_EVERY = 50  # files per commit: bounds what a killed run can lose
# A note takes about a second; a file still being read after this long is pathological (a
# PDF whose pages pdfminer crawls through) and becomes an error row instead of holding a worker.
FILE_TIMEOUT_S = 180
MAX_MESSAGE_CHARS = 300  # an errors row's message is one line a person reads
PACKAGE = __name__.split(".", 1)[0]  # "somnotes": frames of its modules are our code
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TASK_ID_DIGITS = 16  # doc_id prefix in task_id: unique enough, short enough to type
SOFFICE_TIMEOUT_S = 180
# Python drops an exception raised inside a __del__ method or a garbage-collector callback
# (Dask's workers install one), so a FileTimeout that lands there is raised again this much later.
REFIRE_S = 0.1
# Reader processes start from a fresh server process, not forked from this one: the parent holds
# threads (DuckDB's, the file-timeout watcher), and a fork taken while another thread holds a lock
# can hang or kill the child.
WORKER_START = "forkserver"
CRASH_MESSAGE = ("the process reading the file died without an error (a crash inside a PDF, image "
                 "or OCR library, or the machine ran out of memory); the rest of the batch went on")


@dataclass
class IngestSummary:
    files: int = 0
    notes: int = 0  # notes with at least one task, each once however many files it came in
    documents: int = 0  # files read and stored (a note in Word and PDF is two)
    tasks: int = 0  # the tasks of those notes, each note counted once (its Word file's)
    errors: int = 0
    skipped: int = 0  # unchanged files already in the store
    unplaced: int = 0  # words of the notes found in no cell, title or header (see documents.warnings)
    empty_paths: list = field(default_factory=list)  # folders named that hold no note file
    seconds: float = 0.0
    error_lines: list = field(default_factory=list)
    notice_lines: list = field(default_factory=list)  # files stored with something to say (not a note, words unplaced)
    note_files: dict = field(default_factory=dict)  # (series, note identity) -> the file standing for the note

    def count(self, doc: dict, new_bytes: bool) -> None:
        """Count one stored file: its note once (the Word file stands for a note that also
        came as PDF, as in the queries), its unplaced words once per distinct file."""
        self.documents += 1
        if new_bytes:
            self.unplaced += doc.get("unplaced_words") or 0
        if not doc["n_tasks"]:
            return
        ident = (own_series(doc) or "", note_identity(doc))
        before = self.note_files.get(ident)
        if before is None or (doc["format"] != "docx", doc["doc_id"]) < (before["format"] != "docx", before["doc_id"]):
            self.note_files[ident] = doc
        self.notes = len(self.note_files)
        self.tasks = sum(d["n_tasks"] for d in self.note_files.values())

    def line(self) -> str:
        return (f"{plural(self.files, 'file')}, {plural(self.notes, 'note')}, {plural(self.tasks, 'task')}, "
                f"{plural(self.errors, 'error')}, {self.skipped} unchanged, {plural(self.unplaced, 'word')} unplaced, "
                f"{self.seconds:.1f} s")


def plural(n: int, noun: str) -> str:
    """"1 file", "2 files"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def teaching_example(header: str) -> str:
    """An example of --column for a table header that names no task table's roles: its first
    column that names no role at all, as the task column, else as the progress column."""
    cells = header.split(" | ")
    roles = [header_role(cell) for cell in cells]
    unnamed = [cell for cell, role in zip(cells, roles) if role == "extra"]
    if not unnamed:
        return ""
    return f' (e.g. --column "{unnamed[0]}={"progress" if "task" in roles else "task"}")'


def notices(doc: dict) -> list[str]:
    """The stderr lines a stored file calls for, though it was ingested (exit status 0): a file
    that is not a progress note, with a hint where a table's header named no column role; a
    note with words the layout could not place."""
    name = doc["source_path"]
    if not doc["n_tasks"]:
        line = (f"somnotes: {name}: not a progress note (no Tasks | Progress | Next steps table); "
                "stored with 0 tasks")
        headers = [w[len(NO_ROLES_WARNING):] for w in doc["warnings"]
                   if w.startswith(NO_ROLES_WARNING)]
        if headers:
            line += (f"; if the table headed \"{headers[0]}\" holds its tasks, name its columns' roles with "
                     f"--column WORDING=ROLE{teaching_example(headers[0])}")
        return [line]
    if doc.get("unplaced_words"):
        return [f"somnotes: {name}: {plural(doc['unplaced_words'], 'word')} unplaced "
                "(in documents.warnings as unplaced_text)"]
    return []


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
    return {"errors": [{"source_path": str(path), "error": code, "message": message.splitlines()[0] if message else code,
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
        raise ExtractError("conversion_failed", f"LibreOffice could not convert the file ({type(exc).__name__})") from None
    out = workdir / (path.stem + ".docx")
    if not out.exists():
        raise ExtractError("conversion_failed", "LibreOffice produced no .docx")
    return out


def note_records(path: Path, doc_id: str, note, stat: os.stat_result) -> dict:
    """Given an extracted note, normalise statuses and dates and return rows per table."""
    from ..extract.dates import find_dates  # dateparser and the date grammar: a worker's, once
    from ..extract.typed_columns import deadline_dates, lead_entities

    header = note.header
    meeting_date = header.meeting_date
    tasks, items, dates = [], [], []
    for ordinal, row in enumerate(note.rows, start=1):
        task_id = f"{doc_id[:TASK_ID_DIGITS]}-{ordinal:03d}"
        # a Status column's word is the status of progress text that carries no label of its own
        progress = split_progress(row.progress.paragraphs, default=column_status(row.status.text if row.status else None))
        for n, item in enumerate(progress, start=1):
            items.append({"doc_id": doc_id, "task_id": task_id, "item_no": n, "status": item.status,
                          "status_label": item.status_label, "text": item.text})
        texts = {"task": row.task.text, "progress": row.progress.text, "next_steps": row.next_steps.text}
        mentions = [(field_name, m) for field_name, text in texts.items() for m in find_dates(text, field_name, meeting_date)]
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
    document = {
        "doc_id": doc_id, "source_path": str(path), "format": note.format,
        "organization": header.organization, "symbol": header.symbol, "title": header.title,
        "segment": header.segment, "meeting_number": header.meeting_number, "meeting_date": meeting_date,
        "n_pages": note.n_pages, "n_tasks": len(tasks), "warnings": warnings,
        "parser_version": parser_version(taught_roles()), "ingested_at": now_utc(), "meeting": header.meeting,
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
    (a Dask worker runs its tasks in threads, where signals cannot reach)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with alarm_time_limit(seconds):
            yield
    else:
        with thread_time_limit(seconds):
            yield


def despite_timeouts(action) -> None:
    """Run `action` (the end of a time limit) to completion, even if a late FileTimeout lands
    while it runs: the block is over, a timeout can no longer apply to it."""
    while True:
        try:
            action()
            return
        except FileTimeout:
            continue


@contextlib.contextmanager
def alarm_time_limit(seconds: float):
    """time_limit for the main thread: SIGALRM, repeated until the block ends."""
    def expire(signum, frame):
        raise FileTimeout()

    def stop():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_S)
    try:
        yield
    finally:
        despite_timeouts(stop)


def raise_in_thread(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Make `thread_id` raise `exc_type` at its next Python instruction (None: cancel a pending
    one). Like a signal, it cannot interrupt one long call into C code, only what follows it."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc_type) if exc_type else None)


@contextlib.contextmanager
def thread_time_limit(seconds: float):
    """time_limit for any other thread: a watchdog thread raises FileTimeout inside this one,
    again every REFIRE_S until the block ends."""
    target, lock, done = threading.get_ident(), threading.Lock(), threading.Event()

    def watch():
        wait = seconds
        while not done.wait(wait):
            with lock:
                if done.is_set():
                    return
                raise_in_thread(target, FileTimeout)
            wait = REFIRE_S

    def stop():
        with lock:
            done.set()
            raise_in_thread(target, None)  # one raised as the block ended must not go off later

    threading.Thread(target=watch, name="somnotes-file-timeout", daemon=True).start()
    try:
        yield
    finally:
        despite_timeouts(stop)


def process_file(path: Path | str, timeout_s: float | None = FILE_TIMEOUT_S, roles: tuple | None = None,
                 ocr: str = DEFAULT_OCR) -> dict:
    """Given one file, return its rows per table, or an errors row. Never raises for bad input.
    `roles` are the (wording, role) pairs a user taught (`--column`); None: those in use here.
    `ocr`: which PDF pages are read by OCR (auto: those without a text layer; always; never)."""
    path = Path(path)
    try:
        with time_limit(timeout_s), roles_taught(taught_roles() if roles is None else roles):
            return read_file(path, ocr)
    except FileTimeout:
        return error_rows(path, "timeout", f"reading the file took longer than {timeout_s:g} s", None)


def read_file(path: Path, ocr: str = DEFAULT_OCR) -> dict:
    """The work of process_file, errors included."""
    try:
        stat = path.stat()
        doc_id = sha256_file(path)
    except OSError as exc:
        return error_rows(path, "unreadable", f"the file cannot be read: {exc.strerror or exc}", None)
    try:
        if path.suffix.lower() in CONVERTIBLE_SUFFIXES:
            with tempfile.TemporaryDirectory(prefix="somnotes-") as tmp:
                note = extract_note(convert_legacy(path, Path(tmp)))
        else:
            note = extract_note(path, ocr)
        return note_records(path, doc_id, note, stat)
    except ExtractError as exc:
        return error_rows(path, exc.code, exc.message, doc_id)
    except Exception as exc:  # a bug of ours must not stop the batch; keep where it happened
        return error_rows(path, "internal_error", internal_error_message(exc), doc_id)


def code_location(exc: BaseException) -> str:
    """Where `exc` surfaced in our code: the innermost frame of a somnotes module
    ("extract/pdf_reader.py:487 in read_pdf"), else the innermost frame there is."""
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


def unchanged(path: Path, known: dict, version: str = PARSER_VERSION) -> bool:
    """Is this file stored already, by the current parser, with the same size and mtime?
    Then it is skipped without being opened."""
    entry = known.get(str(path))
    if entry is None or entry["parser_version"] != version:
        return False
    stat = path.stat()
    return entry["file_size"] == stat.st_size and entry["file_mtime_ns"] == stat.st_mtime_ns


def folders_without_notes(paths: list[Path], files: list[Path]) -> list[Path]:
    """The folders among `paths` under which no note file was found (a wrong folder, or an
    archive of other documents): a user must hear that nothing was there to ingest."""
    found = {Path(os.path.abspath(f)) for f in files}
    parents = {parent for f in found for parent in f.parents}
    return [p for p in paths if p.is_dir() and Path(os.path.abspath(p)) not in parents]


def run_files(files: list[Path], workers: int, executor: str | None, timeout_s: float | None,
              ocr: str = DEFAULT_OCR):
    """Yield (path, rows) as per-file work finishes, in a pool of `workers` processes."""
    if executor and executor.startswith("dask://"):
        from .dask_executor import run_on_dask
        yield from run_on_dask(files, executor, timeout_s, ocr)
        return
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield path, process_file(path, timeout_s, ocr=ocr)
        return
    context = multiprocessing.get_context(WORKER_START)
    left = {Path(p) for p in files}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(process_file, str(p), timeout_s, taught_roles(), ocr): p for p in files}
            for future in as_completed(futures):
                path = futures[future]
                rows = future.result()
                left.discard(Path(path))
                yield path, rows
    except BrokenProcessPool:
        # A reader died (not an exception: a crash or the OOM killer), and the pool failed every
        # file still in it. Each of those is read again in a pool of its own, so that only the
        # file that kills its reader becomes an error row.
        for path in [p for p in files if Path(p) in left]:
            yield path, process_alone(path, timeout_s, ocr, context)


def process_alone(path: Path, timeout_s: float | None, ocr: str, context) -> dict:
    """Read one file in a process of its own; its death is an error row for that file."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(process_file, str(path), timeout_s, taught_roles(), ocr).result()
        except BrokenProcessPool:
            return error_rows(path, "crash", CRASH_MESSAGE, None)


def ingest(paths: list[Path | str], store: Store, workers: int | None = None, executor: str | None = None,
           on_file=None, on_error=None, on_notice=None, commit_every: int = COMMIT_EVERY,
           timeout_s: float | None = FILE_TIMEOUT_S, columns: list[tuple[str, str]] | None = None,
           ocr: str = DEFAULT_OCR) -> IngestSummary:
    """Ingest files and folders into the store. `on_file(path)` is called as each file is
    done (progress bars); `on_error(line)` with one line per failed file; `on_notice(line)` with
    one line per file stored with something to say (not a note, words unplaced). The store is written
    every `commit_every` files: a killed run loses at most that many. `columns` teaches header
    wordings, (wording, role) pairs such as ("Action point", "task"): the store keeps them for
    every later ingest, and notes read without them are read again. `ocr` says which PDF pages
    are read by OCR: auto (those without a text layer), always, never."""
    started = time.perf_counter()
    summary = IngestSummary()
    roles = tuple(column_roles.teach(store, columns) if columns else column_roles.load(store))
    version, roles_before = parser_version(roles), taught_roles()
    teach_roles(roles)  # the workers are handed the wordings in use here (run_files, run_on_dask)
    files = find_files([Path(p) for p in paths])
    summary.files = len(files)
    summary.empty_paths = folders_without_notes([Path(p) for p in paths], files)
    known = store.known_files() if store.exists() else {}
    todo = []
    for path in files:
        try:
            is_known = unchanged(path.resolve(), known, version)
        except OSError:
            is_known = False
        if is_known:
            summary.skipped += 1
            if on_file:
                on_file(path)
        else:
            todo.append(path)
    workers = workers or os.cpu_count() or 1
    batch, pending = Batch(), 0

    def commit():
        nonlocal batch, pending
        if batch:
            from ..store.linking import relink  # scipy and rapidfuzz: only when there is something new

            store.commit(batch, relink=relink)
        batch, pending = Batch(), 0

    for path, rows in run_files([p.resolve() for p in todo], workers, executor, timeout_s, ocr):
        new_note = batch.add_file(rows)
        for err in rows.get("errors", []):
            summary.errors += 1
            line = f"somnotes: {err['source_path']}: {err['message']} [{err['error']}]"
            summary.error_lines.append(line)
            if on_error:
                on_error(line)
        for doc in rows.get("documents", []):
            summary.count(doc, new_note)  # a second copy of the same bytes adds no note
            for line in notices(doc):
                summary.notice_lines.append(line)
                if on_notice:
                    on_notice(line)
        pending += 1
        if on_file:
            on_file(path)
        if pending >= commit_every:
            commit()
    commit()
    if not store.exists():
        store.commit(Batch())  # an empty archive still leaves a readable, empty store
    teach_roles(roles_before)
    summary.seconds = time.perf_counter() - started
    return summary
