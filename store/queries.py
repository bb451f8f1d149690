"""Queries over the store, in DuckDB. Each returns a pandas DataFrame; the CLI prints them."""
from __future__ import annotations

import pandas as pd

from .store import Store

STATUS_ORDER = ["completed", "ongoing", "not_started", "postponed", "on_hold", "cancelled", "unknown"]


def notes_sql() -> str:
    """One row per note of the series: a note published as Word and as PDF counts once
    (the same symbol), represented by its Word file when there is one."""
    return """
        SELECT * EXCLUDE (rn) FROM (
            SELECT d.*, row_number() OVER (
                PARTITION BY coalesce(d.organization, ''), coalesce(d.symbol, d.doc_id)
                ORDER BY CASE d.format WHEN 'docx' THEN 0 ELSE 1 END, d.doc_id) AS rn
            FROM documents d WHERE d.n_tasks > 0)
        WHERE rn = 1
    """


def status_summary(store: Store) -> pd.DataFrame:
    """Tasks per meeting and status: one row per note, one column per status."""
    con = store.connect()
    cols = ", ".join(f"count(*) FILTER (WHERE t.status = '{s}') AS {s}" for s in STATUS_ORDER)
    return con.execute(f"""
        WITH notes AS ({notes_sql()})
        SELECT n.symbol, n.meeting_date, n.format, count(*) AS tasks, {cols}
        FROM notes n JOIN tasks t USING (doc_id)
        GROUP BY ALL ORDER BY n.meeting_date, n.symbol
    """).df()
