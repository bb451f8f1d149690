"""The ingest job: files -> per-file work (in a process pool) -> one writer commits to the store.

Per-file work (worker.py: `process_file`) reads, lays out and normalises one note and returns plain rows;
it never touches the store, so it can run anywhere (a local process pool or a Dask cluster).
Only the parent process writes, in commits of at most COMMIT_EVERY files, so a killed run
loses at most the files of one unfinished commit.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..defaults import COMMIT_EVERY, FILE_TIMEOUT_S
from ..extract.layout import NO_ROLES_WARNING, OVERLAPPING_TEXT, header_role
from ..extract.ocr.policy import DEFAULT_OCR
from ..extract.options import ReadOptions
from ..extract.pdf.source import DEFAULT_PDF_ENGINE
from ..store import column_roles
from ..store.corrections_file import load_overrides
from ..store.store import Batch, Store, import_filelock
from .dask_executor import DASK_SCHEME
from .discover import find_files, sha256_file
from .worker import (
    IMPORT_LOCK,
    error_rows,
    note_records,
    parser_version,
    process_file,
    reading_in_this_process,
    warm_quietly,
)

# process_file and what it uses are the per-file work (worker.py); named here too for callers of
# the pipeline (bench/, tests/)
__all__ = ["COMMIT_EVERY", "FILE_TIMEOUT_S", "IngestSummary", "ingest", "note_records", "process_file"]

# Reader processes start from a fresh server process, not forked from this one: the parent holds
# threads (DuckDB's, the file-timeout watcher), and a fork taken while another thread holds a lock
# can hang or kill the child. Windows has no fork server: there they are spawned, which needs no
# more of them (process_file and its arguments are importable and picklable).
WORKER_START = "forkserver"
WORKER_START_ELSEWHERE = "spawn"
# What the fork server imports before it forks a reader: the parent's main module (multiprocessing's
# default; CPython passes its path to the server only from 3.13.8 on: before, each reader imports
# it as it starts, for the `somnotes` command the CLI module, about 0.04 s) and ingest/preload.py,
# which builds what reading a note needs (spaCy, the grammars, dateparser: about 1 s, `python -X
# importtime -c "import somnotes.ingest.preload"`), once for all readers.
# Without a fork server each reader builds them in the pool's initializer, before its first file.
READER_PRELOAD = ("__main__", f"{__package__}.preload")


def worker_start_method() -> str:
    """How reader processes start: from the fork server where the OS has one, else spawned."""
    available = multiprocessing.get_all_start_methods()
    return WORKER_START if WORKER_START in available else WORKER_START_ELSEWHERE


def reader_pool(workers: int, context) -> ProcessPoolExecutor:
    """A pool of `workers` reader processes started by `context` (reader_context), each ready to
    read when it takes its first file."""
    if context.get_start_method() == WORKER_START:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_quietly)


def reader_context():
    """The multiprocessing context reader processes start in: the fork server, preloaded with
    READER_PRELOAD (the setting is the process's: it holds for the server's whole life, which
    starts with the first pool, or with start_reader_server), else spawn."""
    context = multiprocessing.get_context(worker_start_method())
    if context.get_start_method() == WORKER_START:
        context.set_forkserver_preload(list(READER_PRELOAD))
    return context


def start_reader_server() -> None:
    """Start the readers' fork server now, if it is not running, rather than when the pool
    forks its first reader: its build (about a second, ingest/preload.py) is what every reader
    waits for, and it runs meanwhile on another core while this process makes the pool ready
    (the files' paths resolved again and ordered largest first) and imports what its commits
    need. Without a fork server (spawn) there is nothing to start: each reader builds in its own
    process."""
    if reader_context().get_start_method() == WORKER_START:
        import multiprocessing.forkserver  # only where there is one (not Windows)

        multiprocessing.forkserver.ensure_running()


# Whether a batch read in this process builds what only PDFs use before its first file: a hint
# from the name alone (a file's format is read from its bytes: extract/note.py); a PDF named
# otherwise builds it on first use, as before
PDF_SUFFIX = ".pdf"
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
    pruned: int | None = None  # files whose stored rows --prune removed, the files gone (None: not asked)
    unplaced: int = 0  # words of the notes found in no cell, title or header (see documents.warnings)
    empty_paths: list = field(default_factory=list)  # folders named that hold no note file
    seconds: float = 0.0
    error_lines: list = field(default_factory=list)
    notice_lines: list = field(default_factory=list)  # files stored with something to say (not a note, words unplaced)
    note_docs: list = field(default_factory=list)  # the stored files with tasks, for `tally`

    def count(self, doc: dict, new_bytes: bool) -> None:
        """Count one stored file; its unplaced words once per distinct file."""
        self.documents += 1
        if new_bytes:
            self.unplaced += doc.get("unplaced_words") or 0
        if doc["n_tasks"]:
            self.note_docs.append(doc)

    def tally(self) -> None:
        """Count the notes read and their tasks as the queries do: a note once however many
        files it came in, its tasks those of the file standing for it (the Word file), grouped
        by the linker's rule (store/linking.py: note_groups, store/series.py: SERIES_SQL)."""
        if not self.note_docs:
            return
        from ..store.linking import note_groups  # loaded already: there were new files to link

        notes = [files for series in note_groups(self.note_docs).values() for files in series]
        self.notes, self.tasks = len(notes), sum(files[0]["n_tasks"] for files in notes)

    def line(self) -> str:
        """The run in one line. Notes, tasks and words count what this run read: a file already
        in the store is "unchanged (already stored)", so that a re-ingest's "0 notes" is not
        read as an empty store."""
        unchanged = f"{self.skipped} unchanged" + (" (already stored)" if self.skipped else "")
        return (f"{plural(self.files, 'file')}, {plural(self.notes, 'note')}, {plural(self.tasks, 'task')}, "
                f"{plural(self.errors, 'error')}, {unchanged}, {plural(self.unplaced, 'word')} unplaced, "
                f"{'' if self.pruned is None else f'{self.pruned} pruned, '}{self.seconds:.1f} s")


def plural(n: int, noun: str) -> str:
    """"1 file", "2 files"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def teaching_example(header: str) -> str:
    """An example of --column for a table header that names no task table's roles: its first
    column that names no role at all, as the task column, else as the progress column."""
    cells = header.split(" | ")
    roles = [header_role(cell) for cell in cells]
    unnamed = [cell for cell, role in zip(cells, roles, strict=False) if role == "extra"]
    if not unnamed:
        return ""
    return f' (e.g. --column "{unnamed[0]}={"progress" if "task" in roles else "task"}")'


def notices(doc: dict) -> list[str]:
    """The stderr lines a stored file calls for, though it was ingested (exit status 0): a file
    that is not a progress note, with a hint where a table's header named no column role; a
    note with words the layout could not place, or with text drawn over text."""
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
    lines = []
    if doc.get("unplaced_words"):
        lines.append(f"somnotes: {name}: {plural(doc['unplaced_words'], 'word')} unplaced "
                     "(in documents.warnings as unplaced_text)")
    lines += [f"somnotes: {name}: {w.split(': ', 1)[1]}" for w in doc["warnings"]
              if w.startswith(OVERLAPPING_TEXT)]
    return lines


def unchanged(path: Path, known: dict, version: str) -> bool:
    """Is this file stored already, by the current parser, with the same size and mtime?
    Then it is skipped without being opened."""
    entry = known.get(str(path))
    if entry is None or entry["parser_version"] != version:
        return False
    stat = path.stat()
    return entry["file_size"] == stat.st_size and entry["file_mtime_ns"] == stat.st_mtime_ns


def touched(path: Path, known: dict, version: str) -> os.stat_result | None:
    """Is this file stored already by the current parser with the same bytes, though its mtime
    is new (touch, a copy that kept no times, a checkout)? Then its stat, to be recorded: it is
    hashed, never parsed, and the next ingest skips it unopened."""
    entry = known.get(str(path))
    if entry is None or entry["parser_version"] != version:
        return None
    stat = path.stat()
    if entry["file_size"] != stat.st_size or sha256_file(path) != entry["doc_id"]:
        return None
    return stat


def folders_without_notes(paths: list[Path], files: list[Path]) -> list[Path]:
    """The folders among `paths` under which no note file was found (a wrong folder, or an
    archive of other documents): a user must hear that nothing was there to ingest."""
    found = {Path(os.path.abspath(f)) for f in files}
    parents = {parent for f in found for parent in f.parents}
    return [p for p in paths if p.is_dir() and Path(os.path.abspath(p)) not in parents]


def run_files(files: list[Path], workers: int, executor: str | None, options: ReadOptions):
    """Yield (path, rows) as per-file work finishes, in a pool of `workers` processes, each file
    read with `options`."""
    if executor and executor.startswith(DASK_SCHEME):
        from .dask_executor import run_on_dask
        yield from run_on_dask(files, executor, options)
        return
    if not in_reader_pool(files, workers, executor):
        if not files:
            return  # nothing changed: nothing to build either
        with reading_in_this_process(pdf=any(p.suffix.lower() == PDF_SUFFIX for p in files)):
            for path in files:
                yield path, process_file(path, options)
        return
    context = reader_context()
    left = {Path(p) for p in files}
    try:
        with reader_pool(workers, context) as pool:
            futures = {pool.submit(process_file, str(p), options): p for p in largest_first(files)}
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
            yield path, process_alone(path, options, context)


def largest_first(files: list[Path]) -> list[Path]:
    """`files`, the largest first: a pool that takes its last files small ends with its readers
    finishing together, not one reading a long note while the others wait (bytes are a rough
    stand-in for reading time: a Word file of images is large and quick). A file gone meanwhile
    counts as empty: its reader reports it."""
    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0
    return sorted(files, key=size, reverse=True)


def process_alone(path: Path, options: ReadOptions, context) -> dict:
    """Read one file in a process of its own; its death is an error row for that file."""
    with reader_pool(1, context) as pool:
        try:
            return pool.submit(process_file, str(path), options).result()
        except BrokenProcessPool:
            return error_rows(path, "crash", CRASH_MESSAGE, None)


def ingest(paths: Sequence[Path | str], store: Store, workers: int | None = None, executor: str | None = None,
           on_file=None, on_error=None, on_notice=None, commit_every: int = COMMIT_EVERY,
           timeout_s: float | None = FILE_TIMEOUT_S, columns: list[tuple[str, str]] | None = None,
           ocr: str = DEFAULT_OCR, prune: bool = False, pdf_engine: str = DEFAULT_PDF_ENGINE) -> IngestSummary:
    """Ingest files and folders into the store. `on_file(path)` is called as each file is
    done (progress bars); `on_error(line)` with one line per failed file; `on_notice(line)` with
    one line per file stored with something to say (not a note, words unplaced). The store is written
    every `commit_every` files: a killed run loses at most that many. `columns` teaches header
    wordings, (wording, role) pairs such as ("Action point", "task"): the store keeps them for
    every later ingest, and notes read without them are read again. `ocr` says which PDF pages
    are read by OCR: auto (those without a text layer), always, never. `prune` removes the notes
    whose files, under the paths named, are gone; `pdf_engine` is what reads PDF pages: pdfium,
    or pdfplumber (the reference)."""
    started = time.perf_counter()
    load_overrides(store.root)  # an invalid corrections file stops the ingest before it changes anything
    roles = tuple(column_roles.teach(store, columns) if columns else column_roles.load(store))
    options = ReadOptions(ocr=ocr, roles=roles, time_limit=timeout_s, pdf_engine=pdf_engine)
    summary = ingest_files([Path(p) for p in paths], store, options, workers or os.cpu_count() or 1,
                           executor, (on_file, on_error, on_notice), commit_every, prune)
    summary.seconds = time.perf_counter() - started
    return summary


def files_to_read(files: list[Path], store: Store, version: str, summary: IngestSummary, on_file,
                  batch: Batch) -> list[Path]:
    """The files not stored already by this parser version with the same bytes (each of those is
    counted as unchanged and reported to `on_file`; one with a new mtime is recorded in `batch`)."""
    known = store.known_files() if store.exists() else {}
    todo = []
    for path in files:
        resolved = path.resolve()
        try:
            is_known = unchanged(resolved, known, version)
            stat = None if is_known else touched(resolved, known, version)
        except OSError:
            is_known, stat = False, None
        if stat is not None:
            batch.touch(known[str(resolved)]["doc_id"], str(resolved), stat.st_size, stat.st_mtime_ns)
        if is_known or stat is not None:
            summary.skipped += 1
            if on_file:
                on_file(path)
        else:
            todo.append(path)
    return todo


def gone_files(paths: list[Path], store: Store) -> set[str]:
    """The stored source paths (of notes, and of files that failed) under the files and folders
    named whose files are gone."""
    if not store.exists():
        return set()
    roots = [Path(p).resolve() for p in paths]  # as source paths are stored: resolved
    return {name for name in set(store.known_files()) | store.error_files()
            if any(Path(name) == root or Path(name).is_relative_to(root) for root in roots)
            and not os.path.exists(name)}


def report_file(rows: dict, new_note: bool, summary: IngestSummary, on_error, on_notice) -> None:
    """Count one file's rows in the summary and say its errors and notices."""
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


def load_commit_modules() -> None:
    """Import what a commit uses: pyarrow (whose tables load pandas), DuckDB (the series of
    each note) and the linker's scipy, rapidfuzz and numpy; and what the first commit otherwise
    imports as it runs, while the readers read: pyarrow's dataset modules (DuckDB's scan of an
    Arrow table) and its pandas conversion (with the store's lock, filelock, which
    warm_commit_imports imports: 34 modules in all, sys.modules before and after the first commit
    of a 100-PDF ingest)."""
    with IMPORT_LOCK:
        import duckdb  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow.dataset  # noqa: F401
        import pyarrow.pandas_compat  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        from ..store import linking  # noqa: F401


@functools.cache
def warm_commit_imports() -> None:
    """Import what the commit needs in a thread of its own: they took a second at the end of a
    PDF ingest, one core busy. Not a daemon: a process that ends meanwhile waits for the imports
    rather than stopping a thread inside one. filelock comes first, here: the store imports it
    with its warning silenced (import_filelock), which the thread could not do without silencing
    every thread's warnings meanwhile (catch_warnings changes the process's filters)."""
    import_filelock()
    threading.Thread(target=load_commit_modules, name="somnotes-warm-commit").start()


def in_reader_pool(files: list[Path], workers: int, executor: str | None) -> bool:
    """Whether run_files reads `files` in a pool of reader processes (not in this process, nor on
    Dask, whose workers may be this process's threads)."""
    return not (executor and executor.startswith(DASK_SCHEME)) and workers > 1 and len(files) > 1


def ingest_files(paths: list[Path], store: Store, options: ReadOptions, workers: int, executor: str | None,
                 callbacks: tuple, commit_every: int, prune: bool) -> IngestSummary:
    """The work of `ingest`: read what changed with `options`, commit every `commit_every` files;
    `callbacks` are ingest's (on_file, on_error, on_notice)."""
    on_file, on_error, on_notice = callbacks
    version = parser_version(options.roles)
    summary = IngestSummary()
    files = find_files(paths)
    summary.files = len(files)
    summary.empty_paths = folders_without_notes(paths, files)
    batch, pending = Batch(), 0
    todo = files_to_read(files, store, version, summary, on_file, batch)
    if prune:
        batch.prune(gone_files(paths, store))
        summary.pruned = len(batch.pruned)

    def commit():
        nonlocal batch, pending
        if batch and not (any(batch.rows.values()) or batch.pruned):
            store.commit(batch)  # new mtimes alone: no task changes, the keys stay as they are
        elif batch:
            from ..store.linking import relink  # scipy and rapidfuzz: only when there is something new

            store.commit(batch, relink=relink)
        batch, pending = Batch(), 0

    if in_reader_pool(todo, workers, executor):
        # this process reads nothing: the readers' server is started first, and its build runs
        # on one core while the commit's imports run on the other (spawned readers each build
        # in parallel)
        start_reader_server()
        warm_commit_imports()
    for path, rows in run_files([p.resolve() for p in todo], workers, executor, options):
        # read in this process: once a file is read (the PDF reader and the normalisers are
        # loaded by then: both take IMPORT_LOCK; the Word reader loads under a lock of its own,
        # extract/note.py: word_reader, and the commit's imports load neither python-docx nor
        # lxml), while the next is read
        warm_commit_imports()
        report_file(rows, batch.add_file(rows), summary, on_error, on_notice)
        pending += 1
        if on_file:
            on_file(path)
        if pending >= commit_every:
            commit()
    commit()
    if not store.exists():
        store.commit(Batch())  # an empty archive still leaves a readable, empty store
    summary.tally()
    return summary
