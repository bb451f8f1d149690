"""The `somnotes` command: a thin layer over the Python API (ingest.ingest, store.queries).

Each command imports what it needs inside its body, and the queries answer in plain Python rows
(store/queries.py: Rows): `--help` loads typer alone, a query DuckDB alone, neither pandas nor
pyarrow (bench/cli_latency.py measures each against that floor).
"""
from __future__ import annotations

import atexit
import csv
import datetime as dt
import gc
import io
import json
import math
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..defaults import COMMIT_EVERY, CONVERTIBLE_SUFFIXES, FILE_TIMEOUT_S, NOTE_SUFFIXES, STALLED_WINDOW
from .dask_executor import DASK_SCHEME

if TYPE_CHECKING:
    from ..store.queries import Rows
    from ..store.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn archives of UN progress notes into Parquet tables and follow tasks across meetings.")

FOUND_SUFFIXES = ", ".join(NOTE_SUFFIXES + CONVERTIBLE_SUFFIXES[:-1]) + " and " + CONVERTIBLE_SUFFIXES[-1]
STORE_HELP = "Store folder (default: $SOMNOTES_STORE, else ./somnotes-store)."
StoreOption = typer.Option(None, "--store", help=STORE_HELP, show_default=False)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = typer.Option(Format.table, "--format", help="table, json or csv")

# Exit statuses (README, "Exit statuses"): what a script can rely on.
EXIT_NOT_THERE = 1  # what was asked for is not there (or, for ingest, some files failed)
EXIT_USAGE = 2  # a bad option or argument: an --out folder that does not exist, ...
EXIT_INTERNAL = 3  # a bug of ours
INTERRUPTED = 130  # Ctrl-C, as shells report it


def fail(message: str, status: int):
    """One line on stderr, then exit with `status`."""
    typer.echo(f"somnotes: {message}", err=True)
    raise typer.Exit(status)


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class PdfEngine(str, Enum):  # extract/pdf/source.py PDF_ENGINES, named here without loading it
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


def get_store(store: Path | None) -> Store:
    """The Store at --store (default: $SOMNOTES_STORE, else ./somnotes-store); a file there is a usage error."""
    from ..store.store import Store, default_store_dir

    root = store or default_store_dir()
    if root.exists() and not root.is_dir():
        fail(f"the store {root} is a file; --store takes a folder", EXIT_USAGE)
    return Store(root)


def check_out(out: Path, suffixes: tuple[str, ...]) -> None:
    """An --out file must have one of `suffixes` and go into a folder that exists."""
    endings = " or ".join(suffixes)
    if out.is_dir():
        fail(f"--out {out} is a folder; give a file name ending in {endings}", EXIT_USAGE)
    if out.suffix.lower() not in suffixes:
        fail(f"--out must be a file ending in {endings}", EXIT_USAGE)
    folder = out.parent
    if not folder.is_dir():
        fail(f"--out {out}: {folder} is not a folder" if folder.exists() else
             f"--out {out}: the folder {folder} does not exist", EXIT_USAGE)


def write_out(write, out: Path, said=lambda written: [f"wrote {written}"]) -> None:
    """Write an --out file, then print the lines `said` makes of what `write` returned; a file
    system that refuses the file is one line, not a traceback."""
    try:
        written = write()
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_USAGE)
    for line in said(written):
        typer.echo(line)


def require_store(store: Path | None) -> Store:
    """The Store at --store, which must have been ingested into (else exit 2)."""
    s = get_store(store)
    if not s.exists():
        typer.echo(f"somnotes: no store at {s.root}; run `somnotes ingest PATH` first", err=True)
        raise typer.Exit(2)
    return s


TABLE_MIN_WIDTH = 160
TABLE_TEXT_CHARS = 90  # long note text is shortened on a terminal; json and csv keep it whole
# Columns of ids a user copies into another command (history KEY, link/unlink TASK_ID): never
# wrapped across lines in a terminal table.
ID_COLUMNS = ("task_key", "task_id", "prev_task_id", "other_task_id", "doc_id")


def plain(value: Any) -> Any:
    """A cell as plain Python: numpy and pandas scalars, arrays and missing values (NaN, NaT)
    as the values DuckDB gives, so that a DataFrame and Rows print alike."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy arrays and scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is None and value == value.replace(hour=0, minute=0,
                                                                                         second=0, microsecond=0):
        return value.date()  # DuckDB's dates come to pandas as midnight timestamps
    return value


def as_rows(frame: Any) -> Rows:
    """A query's answer as Rows: Rows as they are, a pandas DataFrame converted."""
    from ..store.queries import Rows

    if isinstance(frame, Rows):
        return frame
    return Rows([str(c) for c in frame.columns], [tuple(row) for row in frame.itertuples(index=False)])


def cell_text(value: Any) -> str:
    """A value as a terminal table shows it: dates without midnight, lists comma-separated."""
    value = plain(value)
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A value as JSON holds it: dates as YYYY-MM-DD, times in ISO 8601 to the millisecond
    (UTC as Z, as pandas wrote them), lists as arrays."""
    value = plain(value)
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
            return value.isoformat(timespec="milliseconds") + "Z"
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def csv_text(value: Any) -> str:
    """A value as a CSV cell holds it: list cells ("symbols", "reasons") as "a; b"."""
    value = plain(value)
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    return cell_text(value)


def print_table(rows: Rows, title: str | None, whole_text: bool) -> None:
    """A ruled terminal table (rich); `whole_text` keeps long cells whole, one ruled row each."""
    from rich.console import Console
    from rich.table import Table

    if rows.empty:  # an empty ruled table says nothing more than this
        typer.echo(f"{title}: (none)" if title else "(none)")
        return
    table = Table(title=title, show_lines=whole_text)
    cells = [[cell_text(v) for v in row] for row in rows.rows]
    for i, col in enumerate(rows.columns):
        if col in ID_COLUMNS:
            table.add_column(col, no_wrap=True, min_width=max(len(col), *(len(r[i]) for r in cells)))
        else:
            table.add_column(col, overflow="fold")
    for line in cells:
        table.add_row(*[c if whole_text or len(c) <= TABLE_TEXT_CHARS else c[: TABLE_TEXT_CHARS - 1] + "\u2026"
                        for c in line])
    Console(width=max(TABLE_MIN_WIDTH, Console().width)).print(table)


def emit(frame: Any, fmt: Format, title: str | None = None, whole_text: bool = False) -> None:
    """Print a query's answer (Rows or a DataFrame) as a terminal table, a JSON array (nothing
    else on stdout) or CSV; `whole_text` keeps long cells whole in the terminal table."""
    rows = as_rows(frame)
    if fmt == Format.json:
        records = [{col: json_value(v) for col, v in zip(rows.columns, row, strict=False)} for row in rows.rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == Format.csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([csv_text(v) for v in row] for row in rows.rows)
        sys.stdout.write(out.getvalue())
    else:
        print_table(rows, title, whole_text)


def parse_column(text: str) -> tuple[str, str]:
    """"Action point=task" -> ("Action point", "task"); ValueError with a one-line message."""
    from ..extract.layout import ROLES, fold_header

    wording, sep, role = text.rpartition("=")
    role = "_".join(role.strip().lower().replace("-", " ").split())
    if not sep or not fold_header(wording):
        raise ValueError(f"--column takes WORDING=ROLE, e.g. \"Action point=task\", not {text!r}")
    if role not in ROLES:
        raise ValueError(f"--column {text!r}: the role must be one of {', '.join(ROLES)}")
    return " ".join(wording.split()), role


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help=f"Files or folders (searched recursively for {FOUND_SUFFIXES})."),
    store: Path | None = StoreOption,
    workers: int | None = typer.Option(None, "--workers", min=1, help="Processes (default: the machine's cores)."),
    executor: str | None = typer.Option(None, "--executor", help=f"{DASK_SCHEME}HOST:PORT to run on a Dask cluster."),
    commit_every: int = typer.Option(COMMIT_EVERY, "--commit-every", min=1, help="Files per store commit."),
    file_timeout: float = typer.Option(FILE_TIMEOUT_S, "--file-timeout", min=0,
                                       help="Seconds a file may take (0: no limit)."),
    column: list[str] = typer.Option(
        [], "--column", metavar="WORDING=ROLE",
        help="Read a table header starting with WORDING as ROLE (task, progress, next_steps, status, lead, "
             "deadline, reference, extra); the store remembers it. Repeatable."),
    ocr: OcrMode = typer.Option("auto", "--ocr", help="Read PDF pages with OCR (Tesseract): auto (pages without "
                                "a text layer), always, never."),
    prune: bool = typer.Option(False, "--prune", help="Remove the stored notes whose files, under the files and "
                               "folders named, are gone."),
    pdf_engine: PdfEngine = typer.Option("pdfium", "--pdf-engine",
                                         help="What reads PDF pages: pdfium (fast), or pdfplumber (the reference)."),
):
    """Ingest progress notes into the store.

    Exit 0: all files ingested; 1: some failed, or a folder held no notes."""
    from ..extract.ocr.policy import TESSERACT_INSTALL
    from ..extract.ocr.policy import tesseract_available as ocr_ready
    from .dask_executor import ExecutorUnavailable
    from .discover import find_files
    from .pipeline import ingest as run_ingest

    try:
        columns = [parse_column(text) for text in column]
    except ValueError as exc:
        typer.echo(f"somnotes: {exc}", err=True)
        raise typer.Exit(2) from None

    if executor and not executor.startswith(DASK_SCHEME):
        typer.echo(f"somnotes: --executor takes {DASK_SCHEME}HOST:PORT", err=True)
        raise typer.Exit(2)
    if ocr == OcrMode.always and not ocr_ready():
        typer.echo(f"somnotes: --ocr always needs Tesseract: {TESSERACT_INSTALL}", err=True)
        raise typer.Exit(2)
    missing = [p for p in paths if not p.exists()]
    if missing:
        typer.echo(f"somnotes: no such file or folder: {missing[0]}", err=True)
        raise typer.Exit(2)
    s = get_store(store)
    show_bar = sys.stderr.isatty()
    progress = None
    if show_bar:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        # the bar and the error lines printed above it both belong on stderr
        progress = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), transient=True, console=Console(stderr=True))
        progress.start()
        bar = progress.add_task("ingesting", total=len(find_files(paths)))

    def say(line: str) -> None:  # a line on stderr, above the progress bar when there is one
        if progress:
            progress.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)

    try:
        summary = run_ingest(paths, s, workers=workers, executor=executor, commit_every=commit_every,
                             timeout_s=file_timeout or None, columns=columns, ocr=ocr.value, prune=prune,
                             pdf_engine=pdf_engine.value,
                             on_file=(lambda _p: progress.advance(bar)) if progress else None,
                             on_error=say, on_notice=say)
    except ExecutorUnavailable as exc:
        fail(str(exc), EXIT_USAGE)
    finally:
        if progress:
            progress.stop()
    for folder in summary.empty_paths:
        typer.echo(f"somnotes: no notes found in {folder} (looked for {FOUND_SUFFIXES} files)", err=True)
    typer.echo(summary.line())
    raise typer.Exit(EXIT_NOT_THERE if summary.errors or summary.empty_paths else 0)


@app.command()
def summary(store: Path | None = StoreOption, fmt: Format = FormatOption):
    """Tasks per meeting and status."""
    from ..store.queries import status_summary

    emit(status_summary(require_store(store), rows=True), fmt, "Tasks per meeting and status")


@app.command()
def history(
    task_key: str | None = typer.Argument(None, help="The task's key (see the tasks table)."),
    search: str | None = typer.Option(
        None, "--search", help="Tasks whose text or reference (a resolution or decision number) contains this."),
    store: Path | None = StoreOption, fmt: Format = FormatOption,
):
    """Every appearance of one task across meetings."""
    from ..store import queries

    if task_key is None and search is None:
        fail("give a TASK_KEY or --search TEXT", EXIT_USAGE)
    if task_key is not None and search is not None:
        fail("give a TASK_KEY or --search TEXT, one or the other, not both", EXIT_USAGE)
    s = require_store(store)
    frame = queries.history(s, task_key=task_key, search=search, rows=True)
    if frame.empty and search is not None:
        fail(f"no task's text or reference contains {search!r}", EXIT_NOT_THERE)
    if frame.empty and task_key is not None and not queries.has_task_key(s, task_key):
        fail(f"no task with the key {task_key} (keys are in the tasks table and in `history --search`)",
             EXIT_NOT_THERE)
    emit(frame, fmt, "History")


def cross_note_command(name: str, query: str, doc: str) -> None:
    """Register `somnotes NAME`, which prints store.queries' function `query` (loaded when run)."""
    def command(store: Path | None = StoreOption, fmt: Format = FormatOption) -> None:
        from ..store import queries

        emit(getattr(queries, query)(require_store(store), rows=True), fmt, name.replace("-", " ").capitalize())
    command.__doc__ = doc
    app.command(name)(command)


cross_note_command("carried-over", "carried_over", "Tasks open in one note and present in the next.")
cross_note_command("dropped", "dropped", "Tasks open in one note and absent from the next.")
cross_note_command("overdue", "overdue", "Deadlines passed by the next note, the task still open.")


@app.command()
def stalled(
    store: Path | None = StoreOption, fmt: Format = FormatOption,
    window: int = typer.Option(STALLED_WINDOW, "--window", min=2, help="Consecutive notes without progress."),
):
    """Tasks open in their last N notes with no status progress, or with unchanged progress text."""
    from ..store import queries

    emit(queries.stalled(require_store(store), window=window, rows=True), fmt, "Stalled tasks")


def correct(action, *task_ids) -> None:
    """Run a link correction, turning a wrong task_id or pair into one stderr line."""
    from ..store import overrides

    try:
        action(*task_ids)
    except overrides.UnknownTask as exc:
        typer.echo(f"somnotes: {exc}", err=True)
        raise typer.Exit(1) from None
    except overrides.BadCorrection as exc:
        typer.echo(f"somnotes: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def link(first: str, second: str, store: Path | None = StoreOption):
    """Force two task rows (by task_id) into one task; kept across re-ingests.

    The latest correction about a row wins."""
    from ..store import overrides

    s = require_store(store)
    correct(lambda a, b: overrides.link(s, a, b), first, second)
    typer.echo(f"linked {first} and {second}")


@app.command()
def unlink(first: str, second: str | None = typer.Argument(None), store: Path | None = StoreOption):
    """Split a task row from the task it was linked to (or keep two rows apart)."""
    from ..store import overrides

    s = require_store(store)
    correct(lambda a, b: overrides.unlink(s, a, b), first, second)
    typer.echo(f"unlinked {first}" + (f" and {second}" if second else ""))


@app.command()
def links(review: bool = typer.Option(False, "--review", help="Only the uncertain links, for a person to confirm."),
          store: Path | None = StoreOption, fmt: Format = FormatOption):
    """How rows were linked across notes: score, reason and both task texts.

    Each link comes with the command that confirms or reverses it."""
    from ..store import queries

    answer = queries.links(require_store(store), review=review, rows=True)
    title = "Links to review" if review else "Links"
    if fmt != Format.table:
        emit(answer, fmt, title)
        return
    emit(side_by_side(answer), fmt, title, whole_text=True)


def side_by_side(answer: Rows) -> Rows:
    """The links as a terminal shows them: both texts whole, side by side, the decision with its
    score and reason, and the commands that settle it."""
    from ..store.queries import Rows

    lines = []
    for row in answer.rows:
        r = dict(zip(answer.columns, row, strict=False))
        lines.append((f"{r['prev_symbol'] or ''}\n{r['prev_task_text'] or ''}",
                      f"{r['symbol'] or ''}\n{r['task_text'] or ''}",
                      f"{r['decision']} {r['score']:.2f}\n{r['reason']}",
                      f"confirm: {r['confirm']}\nreverse: {r['reverse'] or '-'}"))
    return Rows(["earlier", "this", "decision", "settle"], lines)


@app.command()
def corrections(everything: bool = typer.Option(False, "--all", help="Also those a later correction undid."),
                store: Path | None = StoreOption, fmt: Format = FormatOption):
    """The link corrections in force (somnotes link/unlink), oldest first."""
    from ..store import overrides

    answer = overrides.corrections(require_store(store), everything=everything)
    if fmt != Format.table:
        emit(answer, fmt, "Corrections")
        return
    emit(correction_lines(as_rows(answer)), fmt, "Corrections", whole_text=True)


# How much of a task's text the corrections table shows: enough to recognise the task.
CORRECTION_TEXT_CHARS = 80


def correction_lines(answer: Rows) -> Rows:
    """The corrections as a terminal shows them: when (to the minute), what and whether it holds,
    and each row named by its task_id, note and the start of its text."""
    from ..store.queries import Rows

    def named(task_id: str | None, symbol: str | None, text: str | None) -> str:
        if not task_id:
            return ""
        if text is None:  # the row is no longer in the store
            return f"{task_id} (gone)"
        short = text if len(text) <= CORRECTION_TEXT_CHARS else text[:CORRECTION_TEXT_CHARS - 1].rstrip() + "…"
        return f"{task_id} ({symbol})\n{short}"

    lines = []
    for row in answer.rows:
        r = {col: plain(v) for col, v in zip(answer.columns, row, strict=False)}
        when = str(r["at"] or "")[:16].replace("T", " ")  # written in UTC (store/overrides.py)
        lines.append((str(r["n"]), when, f"{r['op']}: {r['meaning']}\n{r['status']}",
                      named(r["task_id"], r["symbol"], r["task_text"]),
                      named(r["other_task_id"], r["other_symbol"], r["other_task_text"])))
    return Rows(["#", "at (UTC)", "correction", "row", "other row"], lines)


@app.command()
def report(out: Path = typer.Option(..., "--out", help="The HTML file to write."), store: Path | None = StoreOption):
    """Write a self-contained HTML report: overview, status chart, timeline, lists, histories."""
    from ..publish.report import write_report

    check_out(out, (".html", ".htm"))
    s = require_store(store)
    write_out(lambda: write_report(s, out), out)


@app.command()
def export(out: Path = typer.Option(..., "--out", help="FILE.xlsx (every table) or FILE.csv (tasks)."),
           store: Path | None = StoreOption,
           raw: bool = typer.Option(False, "--raw", help="CSV only: write cells starting with = + - @ as they "
                                                         "are, without the leading single quote.")):
    """Export the store as an Excel workbook, or the tasks table as CSV.

    In the CSV, a cell starting with = + - @ gets a leading single quote so that a spreadsheet
    shows it as text (--raw writes it as it is)."""
    from ..publish.workbook import export_csv, export_xlsx

    check_out(out, (".xlsx", ".csv"))
    if raw and out.suffix.lower() != ".csv":
        fail("--raw applies to CSV only: every text of a workbook is a text cell", EXIT_USAGE)
    s = require_store(store)
    if out.suffix.lower() == ".xlsx":
        write_out(lambda: export_xlsx(s, out), out)
    else:
        write_out(lambda: export_csv(s, out, raw=raw), out)


def click_exceptions() -> Any:
    """The exceptions module of the click that typer runs on (recent typers carry their own)."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:
        return importlib.import_module("click.exceptions")


@app.command()
def draft(
    out: Path = typer.Option(..., "--out", help="The Word file to write (NEXT.docx)."),
    after: str | None = typer.Option(None, "--after", help="Symbol of the note to follow (default: the latest)."),
    symbol: str | None = typer.Option(None, "--symbol", help="The new note's symbol (default: a placeholder)."),
    date: str | None = typer.Option(None, "--date",
                                       help="The new meeting's date, YYYY-MM-DD (default: a placeholder)."),
    series: str | None = typer.Option(None, "--series",
                                         help="The series to draft for: its latest note (default: the series of "
                                              "the store's latest note)."),
    store: Path | None = StoreOption,
):
    """Draft the next progress note: the last note's open tasks, their next steps as planned progress."""
    import datetime as dt

    from ..publish.draft import DraftError, write_draft

    check_out(out, (".docx",))
    try:
        day = dt.date.fromisoformat(date) if date is not None else None
    except ValueError:
        fail(f"--date takes YYYY-MM-DD, not {date!r}", EXIT_USAGE)
    s = require_store(store)
    try:
        write_out(lambda: write_draft(s, out, after=after, symbol=symbol, date=day, series=series), out,
                  said=lambda summary: summary.lines())
    except DraftError as exc:
        fail(str(exc), EXIT_USAGE if exc.usage else EXIT_NOT_THERE)


@app.command()
def check(repair: bool = typer.Option(False, "--repair", help="Rebuild damaged files from the generation before, "
                                      "else by reading their notes again from their source files."),
          store: Path | None = StoreOption):
    """Check every file of the store against its manifest (size, SHA-256, Parquet footer).

    Exit 0: every file whole (or repaired); 1: damaged files, named with the notes their rows hold
    (with --repair: what could not be restored)."""
    from ..store.check import check as check_store

    s = require_store(store)
    report = check_store(s)
    if not report:
        files = sum(len(f) for f in report.manifest.tables.values()) if report.manifest else 0
        typer.echo(f"{s.root}: generation {report.manifest.generation if report.manifest else 0}, "
                   f"{files} files, all whole")
        raise typer.Exit(0)
    if report.pointer_fault:
        typer.echo(f"damaged: {report.pointer_fault}")
    names = note_labels(s, {d.entry.path for d in report.damaged})
    for d in report.damaged:
        held = ", ".join(names.get(k, k) for k in d.keys) or "no rows"
        # a key is a document: a note stored as Word and as PDF is two (as `ingest` counts files)
        held_files = f"{len(d.keys)} file{'' if len(d.keys) == 1 else 's'}"
        what = "the errors of" if d.table == "errors" else f"rows of {held_files}:" if d.keys else ""
        typer.echo(f"damaged: {s.root / d.entry.path} ({d.reason}); table {d.table}, {what} {held}")
    if not repair:
        fail("the store has damaged files; `somnotes check --repair` restores them", EXIT_NOT_THERE)
    from .repair import repair as repair_store

    done = repair_store(s, report)
    for table, keys in done.restored.items():
        typer.echo(f"restored from the generation before: {table} rows of {', '.join(names.get(k, k) for k in keys)}")
    for path in done.reread:
        typer.echo(f"read again from its source file: {path}")
    for key, why in done.lost:
        typer.echo(f"not restored: {names.get(key, key)}: {why}", err=True)
    typer.echo(f"repaired: generation {done.generation} written")
    raise typer.Exit(EXIT_NOT_THERE if done.lost else 0)


def note_labels(store: Store, bad: set) -> dict:
    """doc_id -> "symbol (source file)" from the store's whole documents files, for naming notes."""
    from ..store.check import readable_rows

    try:
        docs = readable_rows(store, "documents", store.snapshot(), bad)
    except Exception:  # a documents file damaged beyond its footer: the notes go by their doc_ids
        return {}
    if docs is None:
        return {}
    return {d["doc_id"]: f"{d['symbol'] or d['doc_id'][:12]} ({d['source_path']})"
            for d in docs.select(["doc_id", "symbol", "source_path"]).to_pylist()}


def store_fault(exc: Exception) -> int | None:
    """A damaged store file (exit 1) or an invalid corrections file (exit 2) as one stderr line,
    returning the exit status; None for anything else (a bug of ours)."""
    from ..store.errors import CorrectionsInvalid, StoreDamaged

    if isinstance(exc, StoreDamaged):
        typer.echo(f"somnotes: {exc}", err=True)
        return EXIT_NOT_THERE
    if isinstance(exc, CorrectionsInvalid):
        typer.echo(f"somnotes: {exc}", err=True)
        return EXIT_USAGE
    return None


def exit_without_collecting() -> None:
    """As the process ends, put what it holds out of the garbage collector's reach (gc.freeze),
    so that Python's shutdown does not walk every object again: after an ingest (pandas, pyarrow,
    DuckDB, scipy and spaCy loaded) its collections took 0.24 to 0.31 s between the summary line
    and the prompt (100 PDFs), about 0.1 s frozen. The memory goes back to the system with the
    process either way. Nothing of somnotes is left to a finaliser at exit: files, the store's
    lock and the readers' pool are closed by their `with` blocks, and atexit handlers and
    weakref finalisers still run (they are called, not collected)."""
    atexit.register(gc.freeze)


def main() -> None:
    """Console entry point: no Python traceback ever reaches the user, and a mistake in the
    command line is one line (click would draw its usage and an error box)."""
    exit_without_collecting()
    click = click_exceptions()
    try:
        status = app(standalone_mode=False)
    except click.NoArgsIsHelpError as exc:  # `somnotes` alone: the help, as asked
        typer.echo(exc.format_message(), nl=False)
        sys.exit(0)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "somnotes"
        typer.echo(f"somnotes: {' '.join(exc.format_message().split())} (see `{command} --help`)", err=True)
        sys.exit(EXIT_USAGE)
    except (getattr(click, "Abort", typer.Abort), typer.Abort):
        status = INTERRUPTED
    except KeyboardInterrupt:
        status = INTERRUPTED
    except BrokenPipeError:
        os._exit(0)
    except Exception as exc:  # a bug of ours: one line, and the traceback only on request
        fault = store_fault(exc)
        if fault is not None:
            sys.exit(fault)
        if os.environ.get("SOMNOTES_DEBUG"):
            raise
        typer.echo(f"somnotes: internal error: {type(exc).__name__}: {exc}".splitlines()[0]
                   + " (set SOMNOTES_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_INTERNAL)
    if status == INTERRUPTED:
        typer.echo("somnotes: interrupted", err=True)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
