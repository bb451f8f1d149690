"""The ingest job: files -> per-file work (in a process pool) -> one writer commits to the store.

Per-file work (`process_file`) reads, lays out and normalises one note and returns plain rows;
it never touches the store, so it can run anywhere (a local process pool or a Dask cluster).
Only the parent process writes, in commits of at most COMMIT_EVERY files, so a killed run
loses at most the files of one unfinished commit.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .. import PARSER_VERSION
from ..extract import ExtractError, extract_note
from ..extract.dates import find_dates
from ..extract.ocr import DEFAULT_OCR
from ..extract.statuses import column_status, split_progress, task_status
from ..store.linking import relink
from ..store.schema import SCHEMA_VERSION
from ..store.store import Batch, Store
from .discover import CONVERTIBLE_SUFFIXES, find_files, sha256_file

COMMIT_EVERY = 50  # files per commit: bounds what a killed run can lose
# A note takes about a second; a file still being read after this long is pathological (a
# PDF whose pages pdfminer crawls through) and becomes an error row instead of holding a worker.
FILE_TIMEOUT_S = 180
TASK_ID_DIGITS = 16  # doc_id prefix in task_id: unique enough, short enough to type
SOFFICE_TIMEOUT_S = 180


@dataclass
class IngestSummary:
    files: int = 0
    notes: int = 0  # documents with at least one task
    documents: int = 0
    tasks: int = 0
    errors: int = 0
    skipped: int = 0  # unchanged files already in the store
    unplaced: int = 0  # words of the notes found in no cell, title or header (see documents.warnings)
    seconds: float = 0.0
    error_lines: list = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.files} files, {self.notes} notes, {self.tasks} tasks, {self.errors} errors, "
                f"{self.skipped} unchanged, {self.unplaced} words unplaced, {self.seconds:.1f} s")


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
        for field_name, text in texts.items():
            for mention in find_dates(text, field_name, meeting_date):
                dates.append({"doc_id": doc_id, "task_id": task_id, "field": field_name, "text": mention.text,
                              "start": mention.start, "end": mention.end, "granularity": mention.granularity,
                              "kind": mention.kind, "char_start": mention.char_start})
        tasks.append({
            "doc_id": doc_id, "task_id": task_id, "ordinal": ordinal,
            "part": row.part, "part_title": row.part_title, "section": row.section, "section_title": row.section_title,
            "task_text": texts["task"], "progress_text": texts["progress"], "next_steps_text": texts["next_steps"],
            "extra": list(row.extra.items()), "status": task_status([i.status for i in progress]),
            "task_key": None, "page_start": row.page_start, "page_end": row.page_end, "progress_unchanged": None,
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
        "parser_version": PARSER_VERSION, "ingested_at": now_utc(), "meeting": header.meeting,
        "file_size": stat.st_size, "file_mtime_ns": stat.st_mtime_ns, "schema_version": SCHEMA_VERSION,
        "unplaced_words": sum(len(phrase.split()) for phrase in note.unplaced),
    }
    return {"documents": [document], "tasks": tasks, "progress_items": items, "dates": dates, "passages": passages}


class FileTimeout(BaseException):
    """Not an Exception: the readers' own `except Exception` must not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise FileTimeout in this block after `seconds` (main thread only: signals)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(path: Path | str, timeout_s: float | None = FILE_TIMEOUT_S, ocr: str = DEFAULT_OCR) -> dict:
    """Given one file, return its rows per table, or an errors row. Never raises for bad input.
    `ocr`: which PDF pages are read by OCR (auto: those without a text layer; always; never)."""
    path = Path(path)
    try:
        with time_limit(timeout_s):
            return read_file(path, ocr)
    except FileTimeout:
        return error_rows(path, "timeout", f"reading the file took longer than {timeout_s:g} s", None)


def read_file(path: Path, ocr: str = DEFAULT_OCR) -> dict:
    """The work of process_file, errors included."""
    doc_id = None
    try:
        stat = path.stat()
        doc_id = sha256_file(path)
        if path.suffix.lower() in CONVERTIBLE_SUFFIXES:
            with tempfile.TemporaryDirectory(prefix="somnotes-") as tmp:
                note = extract_note(convert_legacy(path, Path(tmp)))
        else:
            note = extract_note(path, ocr)
        return note_records(path, doc_id, note, stat)
    except ExtractError as exc:
        return error_rows(path, exc.code, exc.message, doc_id)
    except (OSError, MemoryError, RecursionError) as exc:
        return error_rows(path, "unreadable", f"{type(exc).__name__}: {exc}", doc_id)
    except Exception as exc:  # a bug of ours must not stop the batch; keep where it happened
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return error_rows(path, "internal_error",
                          f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})", doc_id)


def unchanged(path: Path, known: dict) -> bool:
    """Is this file stored already, by the current parser, with the same size and mtime?
    Then it is skipped without being opened."""
    entry = known.get(str(path))
    if entry is None or entry["parser_version"] != PARSER_VERSION:
        return False
    stat = path.stat()
    return entry["file_size"] == stat.st_size and entry["file_mtime_ns"] == stat.st_mtime_ns


def run_files(files: list[Path], workers: int, executor: str | None, timeout_s: float | None,
              ocr: str = DEFAULT_OCR):
    """Yield (path, rows) as per-file work finishes, in a pool of `workers` processes."""
    if executor and executor.startswith("dask://"):
        from .dask_executor import run_on_dask
        yield from run_on_dask(files, executor, ocr)
        return
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield path, process_file(path, timeout_s, ocr)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(process_file, str(p), timeout_s, ocr): p for p in files}
        for future in as_completed(futures):
            yield futures[future], future.result()


def ingest(paths: list[Path | str], store: Store, workers: int | None = None, executor: str | None = None,
           on_file=None, on_error=None, commit_every: int = COMMIT_EVERY,
           timeout_s: float | None = FILE_TIMEOUT_S, ocr: str = DEFAULT_OCR) -> IngestSummary:
    """Ingest files and folders into the store. `on_file(path)` is called as each file is
    done (progress bars); `on_error(line)` with one line per failed file. The store is written
    every `commit_every` files: a killed run loses at most that many. `ocr` says which PDF
    pages are read by OCR: auto (those without a text layer), always, never."""
    started = time.perf_counter()
    summary = IngestSummary()
    files = find_files([Path(p) for p in paths])
    summary.files = len(files)
    known = store.known_files() if store.exists() else {}
    todo = []
    for path in files:
        try:
            is_known = unchanged(path.resolve(), known)
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
            summary.documents += 1
            if new_note:  # a second copy of the same bytes adds no note
                summary.notes += doc["n_tasks"] > 0
                summary.tasks += doc["n_tasks"]
                summary.unplaced += doc.get("unplaced_words") or 0
        pending += 1
        if on_file:
            on_file(path)
        if pending >= commit_every:
            commit()
    commit()
    if not store.exists():
        store.commit(Batch())  # an empty archive still leaves a readable, empty store
    summary.seconds = time.perf_counter() - started
    return summary
