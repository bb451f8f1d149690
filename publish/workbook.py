"""Export the store as a workbook people share (one sheet per table, plus a history sheet of
task x meeting -> status) or the tasks table as CSV. List and map columns (warnings, lead,
extra, link_features) are JSON in both, so that a script reads them back whole."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..store import queries
from ..store.schema import COLUMNS
from ..store.store import Store

# Every table of the store, each a sheet named as the table is, in words ("progress items").
SHEETS = [(name.replace("_", " "), name) for name in COLUMNS]
MAX_COLUMN_WIDTH = 60  # characters; longer text wraps inside the cell
MIN_COLUMN_WIDTH = 8
EXCEL_CELL_LIMIT = 32767  # Excel refuses longer cells
EXCEL_EXACT_INTEGER = 2 ** 53  # Excel numbers are doubles: larger integers are written as text
DATE_FORMAT = "yyyy-mm-dd"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss"
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"):
# `=cmd|' /C calc'!A0` typed into a note would run. Tab and carriage return are on OWASP's list too.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_PREFIX = "'"  # what OWASP advises: a leading single quote makes the cell plain text


def json_text(value, kind: pa.DataType) -> str | None:
    """A list or map value as JSON text: a list as an array, a map as an object; null stays null."""
    if value is None:
        return None
    return json.dumps(dict(value) if pa.types.is_map(kind) else list(value), ensure_ascii=False)


def with_json_columns(table: pa.Table) -> pa.Table:
    """Given a table, return it with each list and map column replaced by its values as JSON text."""
    for i, column in enumerate(table.schema):
        if pa.types.is_map(column.type) or pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            texts = [json_text(v, column.type) for v in table.column(i).to_pylist()]
            table = table.set_column(i, column.name, pa.array(texts, pa.string()))
    return table


def cell_value(value):
    """A stored value as a workbook cell: dates stay dates, text stays text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, dt.datetime):
        # Excel has no time zones: timestamps are written in UTC, as the header says
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= EXCEL_EXACT_INTEGER:
        return str(value)
    if isinstance(value, (dt.date, int, float, bool)):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:EXCEL_CELL_LIMIT]


def keep_as_text(cell) -> None:
    """A text stays a text cell whatever it starts with: openpyxl would store a string
    starting with "=" as a formula and "#N/A" as an error value. A text that a spreadsheet
    would read as a formula once edited is marked with Excel's quote prefix as well."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True


def neutralise(value):
    """A CSV cell as OWASP advises for files opened in spreadsheets: a text starting with a
    formula trigger gets a leading single quote; the text itself is kept whole."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return CSV_TEXT_PREFIX + value
    return value


def write_sheet(ws, header: list[str], rows: list[list]) -> None:
    """Fill a sheet: bold frozen header row, filters on, widths from the content, real dates."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        keep_as_text(cell)
    widths = [len(h) for h in header]
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            keep_as_text(cell)
        for i, v in enumerate(row):
            if v is not None:
                longest = max((len(line) for line in str(v).splitlines()), default=0)
                widths[i] = max(widths[i], min(longest, MAX_COLUMN_WIDTH))
    for i, width in enumerate(widths, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(MIN_COLUMN_WIDTH, width + 2)
    for column in ws.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = TIMESTAMP_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > MAX_COLUMN_WIDTH):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions


def history_matrix(store: Store) -> tuple[list[str], list[list]]:
    """task x meeting -> status, the tasks in order of first appearance."""
    notes = queries.notes_in_order(store)
    rows = queries.appearances(store)
    columns = list(zip(notes.series, notes.note_no, strict=False))
    header = ["task_key", "task_text"] + list(notes.note)  # a note without a symbol: what identifies it
    lanes: dict = {}
    for r in rows.itertuples():
        lane = lanes.setdefault(r.task_key, {"text": r.task_text, "status": {}})
        lane["text"] = r.task_text  # the latest wording
        lane["status"][(r.series, r.note_no)] = r.status
    body = [[key, cell_value(lane["text"])] + [lane["status"].get(c) for c in columns] for key, lane in lanes.items()]
    return header, body


def export_xlsx(store: Store, out: Path) -> Path:
    """Every table as a sheet, plus the history sheet; every text is a text cell."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, name in SHEETS:
        table = with_json_columns(store.table(name))
        header = [f"{c} (UTC)" if c in ("ingested_at", "at") else c for c in table.column_names]
        rows = [[cell_value(v) for v in rec.values()] for rec in table.to_pylist()]
        write_sheet(wb.create_sheet(title), header, rows)
    header, rows = history_matrix(store)
    write_sheet(wb.create_sheet("history"), header, rows)
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    wb.save(tmp)
    tmp.replace(out)
    return out


def export_csv(store: Store, out: Path, raw: bool = False) -> Path:
    """The tasks table as CSV (list and map columns as JSON). Text cells that a spreadsheet
    would run as formulas are neutralised with a leading single quote, unless `raw`."""
    frame = with_json_columns(store.table("tasks")).to_pandas()
    if not raw:
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, str)).any():
                frame[column] = frame[column].map(neutralise)
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    frame.to_csv(tmp, index=False)
    tmp.replace(out)
    return out
