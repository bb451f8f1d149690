"""The `somnotes` command: a thin layer over the Python API (ingest.ingest, store.queries)."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..store.store import Store, default_store_dir

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn archives of UN progress notes into Parquet tables and follow tasks across meetings.")

STORE_HELP = "Store folder (default: $SOMNOTES_STORE, else ./somnotes-store)."
StoreOption = typer.Option(None, "--store", help=STORE_HELP, show_default=False)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = typer.Option(Format.table, "--format", help="table, json or csv")


def get_store(store: Optional[Path]) -> Store:
    return Store(store or default_store_dir())


def require_store(store: Optional[Path]) -> Store:
    s = get_store(store)
    if not s.exists():
        typer.echo(f"somnotes: no store at {s.root}; run `somnotes ingest PATH` first", err=True)
        raise typer.Exit(2)
    return s


TABLE_MIN_WIDTH = 160


def cell_text(value) -> str:
    """A value as a terminal table shows it: dates without midnight, lists comma-separated."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(cell_text(v) for v in value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


def emit(frame, fmt: Format, title: str | None = None) -> None:
    """Print a DataFrame as a terminal table, a JSON array (nothing else on stdout) or CSV."""
    if fmt == Format.json:
        records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        for rec in records:  # dates as YYYY-MM-DD, not midnight timestamps
            for k, v in rec.items():
                if isinstance(v, str) and v.endswith("T00:00:00.000"):
                    rec[k] = v[:10]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in frame.columns:
        table.add_column(str(col), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*[cell_text(v) for v in row])
    Console(width=max(TABLE_MIN_WIDTH, Console().width)).print(table)
    if frame.empty:
        typer.echo("(none)")


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders (searched recursively for .pdf and .docx)."),
    store: Optional[Path] = StoreOption,
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Processes (default: the machine's cores)."),
    executor: Optional[str] = typer.Option(None, "--executor", help="dask://HOST:PORT to run on a Dask cluster."),
):
    """Ingest progress notes into the store. Exit 0: all files ingested; 1: some failed."""
    from .pipeline import ingest as run_ingest
    from .discover import find_files

    missing = [p for p in paths if not p.exists()]
    if missing:
        typer.echo(f"somnotes: no such file or folder: {missing[0]}", err=True)
        raise typer.Exit(2)
    s = get_store(store)
    show_bar = sys.stderr.isatty()
    progress = None
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
        progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), transient=True)
        progress.start()
        bar = progress.add_task("ingesting", total=len(find_files(paths)))
    try:
        summary = run_ingest(paths, s, workers=workers, executor=executor,
                             on_file=(lambda _p: progress.advance(bar)) if progress else None,
                             on_error=lambda line: (progress.console.print(line, markup=False, highlight=False)
                                                    if progress else typer.echo(line, err=True)))
    finally:
        if progress:
            progress.stop()
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.errors else 0)


@app.command()
def summary(store: Optional[Path] = StoreOption, fmt: Format = FormatOption):
    """Tasks per meeting and status."""
    from ..store.queries import status_summary

    emit(status_summary(require_store(store)), fmt, "Tasks per meeting and status")


def main() -> None:
    """Console entry point: no Python traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("somnotes: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        os._exit(0)


if __name__ == "__main__":
    main()
