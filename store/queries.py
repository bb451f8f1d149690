"""Queries over the store, in DuckDB: each returns a pandas DataFrame (the Python API), or with
`rows=True` plain Python rows (the command line, which so loads neither pandas nor pyarrow:
0.2 s of a query's 0.5 s, measured with bench/cli_latency.py).

All cross-note queries work on the notes of a series (one organization) in meeting order. A note
published as Word and as PDF counts once: its Word file stands for it (a note's series and
identity: store/series.py, SERIES_SQL).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..defaults import STALLED_WINDOW
from ..vocabulary import CLOSED, STATUS_ORDER
from .series import SERIES_SQL
from .store import Store

# What a query returns: a pandas DataFrame, or with rows=True a Rows.
Answer = Any
# How far a status has come, for "never advancing": not_started < ongoing < completed. A task
# postponed, on hold or of unknown status has started but not finished: it ranks with ongoing.
STATUS_RANK = {"not_started": 0, "ongoing": 1, "postponed": 1, "on_hold": 1, "unknown": 1,
               "completed": 2, "cancelled": 2}
DEFAULT_WINDOW = STALLED_WINDOW

# A note without a symbol is named by what identifies it: its title, meeting and date, else its
# file's name. Every query's `symbol` columns (symbol, from_symbol, symbols, ...) show this name.
NOTE_NAME_SQL = """coalesce(symbol,
    CASE WHEN note_id <> doc_id
         THEN concat_ws(', ', title, meeting, strftime(coalesce(note_date, meeting_date), '%Y-%m-%d')) END,
    regexp_extract(source_path, '[^/\\\\]+$'))"""

NOTES_SQL = f"""
    {SERIES_SQL},
    notes AS (  -- one row per note, its Word file standing for it; `note` names it
        SELECT * EXCLUDE (rn),
               dense_rank() OVER (PARTITION BY series ORDER BY meeting_date NULLS LAST, note_id) AS note_no
        FROM (
            SELECT *, {NOTE_NAME_SQL} AS note,
                   row_number() OVER (PARTITION BY series, note_id ORDER BY (format <> 'docx'), doc_id) AS rn
            FROM files)
        WHERE rn = 1),
    nt AS (
        SELECT t.*, n.series, n.note_no, n.note AS symbol, n.meeting_date, n.format,
               t.status NOT IN {CLOSED!r} AS is_open
        FROM tasks t JOIN notes n USING (doc_id))
"""


@dataclass
class Rows:
    """A query's answer as plain Python values (dates as datetime.date, lists as lists)."""

    columns: list[str]
    rows: list[tuple]

    @property
    def empty(self) -> bool:
        return not self.rows


def run(store: Store, sql: str, params: list | None = None, rows: bool = False) -> Answer:
    """Run `sql` after the notes' table expressions (NOTES_SQL: notes, nt, ...); return a pandas
    DataFrame, or with `rows` a Rows."""
    import duckdb

    con = store.connect()
    try:
        result = con.execute(f"WITH {NOTES_SQL} {sql}", params or [])
        if rows:
            return Rows([d[0] for d in result.description], result.fetchall())
        return result.df()
    except duckdb.Error as exc:  # a file whose footer reads but whose pages do not
        raise store.diagnose(exc) from None
    finally:
        con.close()


def status_summary(store: Store, rows: bool = False) -> Answer:
    """Tasks per meeting and status: one row per note, one column per status."""
    cols = ", ".join(f"count(*) FILTER (WHERE status = '{s}') AS {s}" for s in STATUS_ORDER)
    return run(store, f"""
        SELECT symbol, meeting_date, format, count(*) AS tasks, {cols}
        FROM nt GROUP BY ALL ORDER BY meeting_date, symbol""", rows=rows)


def history(store: Store, task_key: str | None = None, search: str | None = None, rows: bool = False) -> Answer:
    """Every appearance of one task (by key), or of every task whose text or reference (a
    resolution or decision number) contains `search`; a search that is a reference finds the
    tasks carrying it however each note writes it (store/references.py: covers)."""
    if task_key is None and search is None:
        raise ValueError("give a task_key or a search text")
    params: list[Any]
    if task_key is not None:
        where, params = "task_key = ?", [task_key]
    else:
        assert search is not None
        searched = "lower(task_text || chr(10) || coalesce(reference, ''))"
        where = (f"task_key IN (SELECT task_key FROM nt WHERE contains({searched}, lower(?))) "
                 "OR task_key IN (SELECT unnest(?::VARCHAR[]))")
        params = [search, tasks_with_reference(store, search)]
    return run(store, f"""
        SELECT task_key, symbol, meeting_date, status, task_text, progress_text, next_steps_text, task_id, reference
        FROM nt WHERE {where}
        ORDER BY task_key, meeting_date, symbol""", params, rows=rows)


def tasks_with_reference(store: Store, search: str) -> list[str]:
    """The task_keys whose rows carry the reference `search` names, if it is one as a whole."""
    if not any(ch.isdigit() for ch in search):  # every reference has a number: words need no parsing
        return []
    from ..normalise.references import match_reference
    from .references import covers

    ref = match_reference(search.strip())
    if ref is None or ref.end != len(search.strip()):
        return []
    pairs = run(store, "SELECT DISTINCT task_key, reference_key FROM nt WHERE reference_key IS NOT NULL", rows=True)
    return sorted({key for key, ref_key in pairs.rows if covers(ref.key, ref_key)})


def carried_over(store: Store, rows: bool = False) -> Answer:
    """Tasks open in one note and present in the next note of the series."""
    return run(store, """
        SELECT a.task_key, a.task_text, a.symbol AS from_symbol, b.symbol AS to_symbol,
               a.status AS status_from, b.status AS status_to
        FROM nt a JOIN nt b ON b.series = a.series AND b.note_no = a.note_no + 1 AND b.task_key = a.task_key
        WHERE a.is_open
        ORDER BY a.series, a.note_no, a.ordinal""", rows=rows)


def dropped(store: Store, rows: bool = False) -> Answer:
    """Tasks open in one note and absent from the next note of the series."""
    return run(store, """
        SELECT a.task_key, a.task_text, a.symbol AS from_symbol, n.symbol AS to_symbol,
               a.status AS status_from, CAST(NULL AS VARCHAR) AS status_to
        FROM nt a JOIN notes n ON n.series = a.series AND n.note_no = a.note_no + 1
        WHERE a.is_open AND NOT EXISTS (
            SELECT 1 FROM nt b WHERE b.series = a.series AND b.note_no = a.note_no + 1 AND b.task_key = a.task_key)
        ORDER BY a.series, a.note_no, a.ordinal""", rows=rows)


def stalled(store: Store, window: int = DEFAULT_WINDOW, rows: bool = False) -> Answer:
    """Tasks open in each of the last `window` notes they appear in (consecutive notes of the
    series) with a status that never advances, or open with progress text essentially
    unchanged from the previous note."""
    if window < 2:
        raise ValueError("window must be at least 2")
    rank = " ".join(f"WHEN '{s}' THEN {r}" for s, r in STATUS_RANK.items())
    return run(store, f"""
        , ranked AS (  -- used three times below: only the columns needed, not the note texts
            SELECT series, task_key, note_no, ordinal, symbol, status, is_open, progress_unchanged, task_id,
                   CASE status {rank} ELSE 1 END AS rank,
                   row_number() OVER (PARTITION BY series, task_key ORDER BY note_no DESC) AS back
            FROM nt),
        recent AS (
            SELECT series, task_key,
                   list(symbol ORDER BY note_no) AS symbols,
                   list(status ORDER BY note_no) AS statuses,
                   count(*) AS n, max(note_no) - min(note_no) + 1 AS span,
                   bool_and(is_open) AS all_open,
                   -- never advancing: no note ranks above the one before it
                   bool_and(rank <= prev_rank OR prev_rank IS NULL) AS flat
            FROM (SELECT *, lag(rank) OVER (PARTITION BY series, task_key ORDER BY note_no) AS prev_rank
                  FROM ranked WHERE back <= ?)
            GROUP BY series, task_key),
        latest AS (SELECT * FROM ranked WHERE back = 1),
        previous AS (SELECT series, task_key, symbol, status FROM ranked WHERE back = 2)
        SELECT l.task_key, (SELECT task_text FROM tasks t WHERE t.task_id = l.task_id) AS task_text,
               CASE WHEN by_status THEN r.symbols ELSE [p.symbol, l.symbol] END AS symbols,
               CASE WHEN by_status THEN r.statuses ELSE [p.status, l.status] END AS statuses,
               list_filter(['status', 'unchanged_text'], lambda x: (x = 'status' AND by_status)
                           OR (x = 'unchanged_text' AND by_text)) AS reasons
        FROM (SELECT l.*, (r.n = ? AND r.span = ? AND r.all_open AND r.flat) AS by_status,
                     (l.is_open AND coalesce(l.progress_unchanged, false)) AS by_text
              FROM latest l JOIN recent r USING (series, task_key)) l
        JOIN recent r USING (series, task_key)
        LEFT JOIN previous p USING (series, task_key)
        WHERE by_status OR by_text
        ORDER BY l.series, l.note_no, l.ordinal""", [window, window, window], rows=rows)


# Where a deadline is stated: the task's text, its next steps, or a deadline column
# ("Deadline", "Target date": field "deadline"). A deadline in the Progress column is a report
# of what was due, not a promise.
DEADLINE_FIELDS = "('task', 'next_steps', 'deadline')"


def overdue(store: Store, rows: bool = False) -> Answer:
    """Deadlines ("by ...", "no later than ...", a deadline column's date) stated in one note
    that had passed by the next note's meeting date, the task still open there."""
    return run(store, f"""
        SELECT task_key, task_text, from_symbol, to_symbol, deadline, deadline_text FROM (
            SELECT DISTINCT a.task_key, a.task_text, a.symbol AS from_symbol, b.symbol AS to_symbol,
                   d."end" AS deadline, d.text AS deadline_text, a.note_no, a.ordinal, a.series
            FROM nt a
            JOIN dates d ON d.task_id = a.task_id AND d.kind = 'deadline' AND d.field IN {DEADLINE_FIELDS}
            JOIN nt b ON b.series = a.series AND b.note_no = a.note_no + 1 AND b.task_key = a.task_key
            WHERE b.is_open AND d."end" < b.meeting_date)
        ORDER BY series, note_no, ordinal, deadline""", rows=rows)


def note_names(store: Store) -> dict[str, str]:
    """doc_id -> the name of the note the file is of (NOTE_NAME_SQL), for every file of a note
    with tasks: what the `symbol` columns of the queries show."""
    return dict(run(store, f"SELECT doc_id, {NOTE_NAME_SQL} AS note FROM files", rows=True).rows)


def series_notes(store: Store) -> Answer:
    """Every note of every series in meeting order, one row per note (its Word file standing
    for it): where it sits in its series and what its header says."""
    return run(store, """
        SELECT series, note_no, doc_id, note, note_id, symbol, meeting_date, note_date, meeting, title, segment,
               meeting_number, organization, format, n_tasks
        FROM notes ORDER BY series, note_no""")


def note_tasks(store: Store, doc_id: str) -> Answer:
    """The tasks of one note in reading order: key, part, section, texts, status, and the extra
    columns as a list of {key: header, value: text}."""
    return run(store, """
        SELECT task_key, task_id, ordinal, part, part_title, section, section_title, task_text,
               progress_text, next_steps_text, map_entries(extra) AS extra, status, is_open
        FROM nt WHERE doc_id = ? ORDER BY ordinal""", [doc_id])


def note_deadlines(store: Store, doc_id: str) -> Answer:
    """Deadlines ("by ...", "no later than ...", a deadline column's dates) stated for one
    note's tasks, latest last."""
    return run(store, f"""
        SELECT t.task_key, t.task_id, d.field, d.text AS deadline_text, d."end" AS deadline
        FROM nt t JOIN dates d ON d.task_id = t.task_id
        WHERE t.doc_id = ? AND d.kind = 'deadline' AND d.field IN {DEADLINE_FIELDS}
        ORDER BY t.ordinal, deadline""", [doc_id])


def links(store: Store, review: bool = False, rows: bool = False) -> Answer:
    """How each row was linked to an earlier note: the decision, its score and reason, this row's
    task text beside the earlier row's (the one it continues, or for a new task the closest one
    turned down), and the command that confirms or reverses the decision. With `review`, only
    the uncertain ones: near the threshold, or decided by the state rules (store/linking.py)."""
    where = "a.link_uncertain" if review else "a.link_decision IS NOT NULL AND a.link_decision <> 'first'"
    return run(store, f"""
        SELECT a.task_key, a.link_decision AS decision, round(a.link_score, 2) AS score, a.link_reason AS reason,
               p.symbol AS prev_symbol, p.task_id AS prev_task_id, p.task_text AS prev_task_text,
               a.symbol, a.task_id, a.task_text,
               CASE WHEN a.link_decision IN ('linked', 'user_link')
                    THEN 'somnotes link ' || p.task_id || ' ' || a.task_id
                    ELSE 'somnotes unlink ' || a.task_id END AS confirm,
               CASE WHEN a.link_decision IN ('linked', 'user_link') THEN 'somnotes unlink ' || a.task_id
                    WHEN p.task_id IS NOT NULL THEN 'somnotes link ' || p.task_id || ' ' || a.task_id END AS reverse
        FROM nt a LEFT JOIN nt p ON p.task_id = a.link_prev
        WHERE {where}
        ORDER BY a.series, a.note_no, a.ordinal""", rows=rows)


def has_task_key(store: Store, task_key: str) -> bool:
    """Whether any stored task row has this key."""
    con = store.connect()
    try:
        return con.execute("SELECT count(*) FROM tasks WHERE task_key = ?", [task_key]).fetchone()[0] > 0
    finally:
        con.close()


def notes_in_order(store: Store) -> Answer:
    """One row per note of every series, in meeting order: series, note_no, its name (note,
    also as symbol) and meeting date."""
    return run(store, "SELECT series, note_no, note, note AS symbol, meeting_date FROM notes ORDER BY series, note_no")


def appearances(store: Store) -> Answer:
    """Every appearance of every task: where it sits (series, note, ordinal, part, section),
    its status and texts (missing texts as ''), and whether its link to the one before is
    uncertain, with the reason."""
    return run(store, """
        SELECT task_key, series, note_no, ordinal, symbol, meeting_date, status, part, section,
               task_text, coalesce(progress_text, '') AS progress_text,
               coalesce(next_steps_text, '') AS next_steps_text,
               coalesce(link_uncertain, false) AS link_uncertain, coalesce(link_reason, '') AS link_reason
        FROM nt ORDER BY series, note_no, ordinal""")
