"""A self-contained HTML report: what a reader of the notes wants, in one file that opens
offline and survives being emailed (no external script, style sheet, font or image).

Every piece of note text goes through `html.escape`; the only script is inline and only
filters the timeline.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from ..store import queries
from ..store.store import Store
from ..vocabulary import STATUS_ORDER

STATUS_COLOURS = {"completed": "#2e7d32", "ongoing": "#1976d2", "not_started": "#9e9e9e",
                  "postponed": "#f9a825", "on_hold": "#ef6c00", "cancelled": "#6d4c41", "unknown": "#cfd8dc"}
LANE_LABEL_CHARS = 90
CHART_BAR_WIDTH = 56
CHART_HEIGHT = 180
CHART_GAP = 28

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 24px 48px;color:#212121}
h1{font-size:22px;margin:20px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#f5f5f5}.num{text-align:right}.muted{color:#757575}
.badge{display:inline-block;padding:0 6px;border-radius:8px;color:#fff;font-size:12px;white-space:nowrap}
.legend span{margin-right:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.timeline{max-height:70vh;overflow:auto;border:1px solid #ddd}
.timeline table{margin:0}.timeline th{position:sticky;top:0;z-index:2;font-size:12px}
.timeline td.lane{position:sticky;left:0;background:#fff;max-width:520px;font-size:12px;z-index:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.timeline td.cell{width:42px;min-width:42px;padding:0;border:1px solid #fff}
.timeline td.cell a{display:block;height:18px}
.text{white-space:pre-wrap}details{margin:4px 0}summary{cursor:pointer}
input[type=search]{padding:4px 8px;width:320px;margin:6px 0}
span.uncertain{color:#b71c1c;font-weight:bold}.timeline td.cell.uncertain a{outline:2px dashed #b71c1c;outline-offset:-3px}
tr.uncertain td{background:#fff3e0}code{font-size:12px}
"""

SCRIPT = """
document.getElementById('lane-filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('tr.task-lane').forEach(function (tr) {
    tr.style.display = tr.getAttribute('data-text').indexOf(q) >= 0 ? '' : 'none';
  });
});
"""


def e(value) -> str:
    """Escape any value for HTML text or attribute."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        value = value.date()
    return html.escape(str(value), quote=True)


def counted(n: int, noun: str) -> str:
    """"1 note", "3 notes"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def badge(status: str) -> str:
    return f'<span class="badge" style="background:{STATUS_COLOURS.get(status, "#999")}">{e(status)}</span>'


def anchor(task_key: str) -> str:
    return "task-" + "".join(c for c in task_key if c.isalnum() or c == "-")


def table(frame: pd.DataFrame, columns: list[str], link_key: bool = True) -> str:
    if frame.empty:
        return '<p class="muted">None.</p>'
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    rows = []
    for rec in frame.to_dict("records"):
        cells = []
        for c in columns:
            v = rec.get(c)
            if c == "task_text" and link_key:
                cells.append(f'<td><a href="#{anchor(rec["task_key"])}">{e(v)}</a></td>')
            elif c.startswith("status") and isinstance(v, str):
                cells.append(f"<td>{badge(v)}</td>")
            elif isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
                items = v.tolist() if hasattr(v, "tolist") else v
                cells.append("<td>" + ", ".join(badge(i) if c == "statuses" else e(i) for i in items) + "</td>")
            else:
                cells.append(f'<td class="{"num" if isinstance(v, (int, float)) else ""}">{e(v)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def status_chart(summary: pd.DataFrame) -> str:
    """Stacked bars of task statuses per meeting, as inline SVG."""
    if summary.empty:
        return '<p class="muted">No notes yet.</p>'
    peak = max(int(summary["tasks"].max()), 1)
    width = len(summary) * (CHART_BAR_WIDTH + CHART_GAP) + CHART_GAP
    parts = [f'<svg role="img" aria-label="Task statuses per meeting" width="{width}" height="{CHART_HEIGHT + 46}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, rec in enumerate(summary.to_dict("records")):
        x, y = CHART_GAP + i * (CHART_BAR_WIDTH + CHART_GAP), float(CHART_HEIGHT)
        for status in STATUS_ORDER:
            n = int(rec.get(status, 0) or 0)
            if not n:
                continue
            h = n / peak * (CHART_HEIGHT - 20)
            y -= h
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{CHART_BAR_WIDTH}" height="{h:.1f}" '
                         f'fill="{STATUS_COLOURS[status]}"><title>{e(rec["symbol"])}: {n} {e(status)}</title></rect>')
        parts.append(f'<text x="{x + CHART_BAR_WIDTH / 2}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">'
                     f'{int(rec["tasks"])}</text>')
        parts.append(f'<text x="{x + CHART_BAR_WIDTH / 2}" y="{CHART_HEIGHT + 16}" font-size="10" '
                     f'text-anchor="middle">{e(rec["meeting_date"])}</text>')
        parts.append(f'<text x="{x + CHART_BAR_WIDTH / 2}" y="{CHART_HEIGHT + 30}" font-size="9" '
                     f'text-anchor="middle">{e(str(rec["symbol"])[-14:])}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span><i style="background:{c}"></i>{e(s)}</span>' for s, c in STATUS_COLOURS.items())
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def timeline(appearances: pd.DataFrame, notes: pd.DataFrame) -> str:
    """One lane per task, one column per meeting, each cell coloured by the task's status."""
    if appearances.empty:
        return '<p class="muted">No tasks yet.</p>'
    cols = list(zip(notes["series"], notes["note_no"], strict=False))
    head = "".join(f'<th title="{e(n.symbol)}">{e(n.symbol)}<br><span class="muted">{e(n.meeting_date)}</span></th>'
                   for n in notes.itertuples())
    lanes = []
    first_seen = appearances.sort_values(["series", "note_no", "ordinal"]).drop_duplicates("task_key")
    by_key = {k: g for k, g in appearances.groupby("task_key")}
    for lane in first_seen.itertuples():
        rows = by_key[lane.task_key]
        status_at = {(r.series, r.note_no): r for r in rows.itertuples()}
        latest = rows.sort_values("note_no").iloc[-1]
        label = latest.task_text if len(latest.task_text) <= LANE_LABEL_CHARS else latest.task_text[:LANE_LABEL_CHARS - 1] + "\u2026"
        where = " ".join(filter(None, [latest.part and f"{latest.part}.", latest.section and f"{latest.section})"]))
        cells = []
        for col in cols:
            r = status_at.get(col)
            if r is None:
                cells.append('<td class="cell"></td>')
            else:
                doubt = f"; uncertain link: {r.link_reason}" if r.link_uncertain else ""
                cells.append(f'<td class="cell{" uncertain" if r.link_uncertain else ""}" '
                             f'style="background:{STATUS_COLOURS.get(r.status, "#999")}" '
                             f'title="{e(r.symbol)}: {e(r.status)}{e(doubt)}"><a href="#{anchor(lane.task_key)}"></a></td>')
        lanes.append(f'<tr class="task-lane" data-key="{e(lane.task_key)}" data-text="{e(latest.task_text.lower())}">'
                     f'<td class="lane" title="{e(latest.task_text)}"><span class="muted">{e(where)}</span> '
                     f'<a href="#{anchor(lane.task_key)}">{e(label)}</a></td>{"".join(cells)}</tr>')
    doubts = int(appearances.link_uncertain.sum())
    legend = (f'<p class="muted">A dashed outline marks the {doubts} appearance{"s" * (doubts != 1)} whose link to an '
              f'earlier note is uncertain (<a href="#links">Links to review</a>).</p>' if doubts else "")
    return (f'<input type="search" id="lane-filter" placeholder="Filter tasks by their words" aria-label="Filter tasks">'
            f'{legend}<div class="timeline"><table><tr><th>Task ({len(lanes)})</th>{head}</tr>{"".join(lanes)}</table></div>')


UNCERTAIN_ROW = ' class="uncertain" title="uncertain link: see Links to review"'


def link_mark(r) -> str:
    """The mark on an appearance whose link to the one before is uncertain, with the reason."""
    if not r.link_uncertain:
        return ""
    return f'<br><span class="uncertain" title="{e(r.link_reason)}">uncertain link</span>'


def links_to_review(frame: pd.DataFrame) -> str:
    """The uncertain links, both task texts side by side, with the commands that settle them."""
    if frame.empty:
        return '<p class="muted">None: every link is well above or below the threshold.</p>'
    head = ("<tr><th>Earlier note</th><th>Earlier task</th><th>This note</th><th>This task</th>"
            "<th>Decision</th><th>Why</th><th>Confirm / reverse</th></tr>")
    rows = "".join(
        f'<tr><td>{e(r["prev_symbol"])}</td><td class="text">{e(r["prev_task_text"])}</td><td>{e(r["symbol"])}</td>'
        f'<td class="text"><a href="#{anchor(r["task_key"])}">{e(r["task_text"])}</a></td><td>{e(r["decision"])}</td>'
        f'<td>{e(r["reason"])}</td><td>confirm: <code>{e(r["confirm"])}</code><br>reverse: <code>{e(r["reverse"])}</code></td></tr>'
        for r in frame.to_dict("records"))
    return (f'<p class="muted">{len(frame)} link decisions near the threshold or made by the state rules '
            f"(completed, cancelled or absent tasks): confirm or reverse each with the command beside it.</p>"
            f"<table>{head}{rows}</table>")


def histories(appearances: pd.DataFrame) -> str:
    """Every task's history: each appearance with its status, progress and next steps."""
    out = []
    ordered = appearances.sort_values(["series", "note_no", "ordinal"])
    for key, rows in ordered.groupby("task_key", sort=False):
        latest = rows.iloc[-1]
        body = "".join(
            f'<tr{UNCERTAIN_ROW if r.link_uncertain else ""}><td>{e(r.symbol)}<br><span class="muted">{e(r.meeting_date)}</span>'
            f'{link_mark(r)}</td><td>{badge(r.status)}</td>'
            f'<td class="text">{e(r.task_text)}</td><td class="text">{e(r.progress_text)}</td>'
            f'<td class="text">{e(r.next_steps_text)}</td></tr>' for r in rows.itertuples())
        doubts = int(rows.link_uncertain.sum())
        out.append(f'<details id="{anchor(key)}"><summary>{badge(latest.status)} {e(latest.task_text)} '
                   f'<span class="muted">({len(rows)} meeting{"s" if len(rows) != 1 else ""}, {e(key)})</span>'
                   + (f' <span class="uncertain">{doubts} uncertain link{"s" if doubts != 1 else ""}</span>' if doubts else "")
                   + '</summary>'
                   f"<table><tr><th>Meeting</th><th>Status</th><th>Task</th><th>Progress</th><th>Next steps</th></tr>"
                   f"{body}</table></details>")
    return "".join(out)


def appearances_frame(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every task's appearances, and the notes in meeting order (the timeline's columns)."""
    notes = queries.notes_in_order(store)
    rows = queries.appearances(store)
    return rows, notes


def build_report(store: Store) -> str:
    """Given a store, return the report as one HTML document."""
    summary = queries.status_summary(store)
    appearances, notes = appearances_frame(store)
    review = queries.links(store, review=True)
    opened = "<script>document.querySelectorAll('details').forEach(function(d){if(location.hash==='#'+d.id)d.open=true});" \
             "window.addEventListener('hashchange',function(){var d=document.getElementById(location.hash.slice(1));" \
             "if(d&&d.tagName==='DETAILS')d.open=true});</script>"
    sections = [
        ("overview", "Overview per meeting", table(summary, list(summary.columns), link_key=False)),
        ("chart", "Task statuses across meetings", status_chart(summary)),
        ("timeline", "Timeline: one lane per task", timeline(appearances, notes)),
        ("stalled", "Stalled", table(queries.stalled(store), ["task_text", "symbols", "statuses", "reasons"])),
        ("overdue", "Overdue", table(queries.overdue(store), ["task_text", "from_symbol", "to_symbol", "deadline", "deadline_text"])),
        ("dropped", "Dropped while open", table(queries.dropped(store), ["task_text", "from_symbol", "to_symbol", "status_from"])),
        ("carried-over", "Carried over", table(queries.carried_over(store), ["task_text", "from_symbol", "to_symbol", "status_from", "status_to"])),
        ("links", f"Links to review ({len(review)})", links_to_review(review)),
        ("history", "Task histories", histories(appearances)),
    ]
    nav = " · ".join(f'<a href="#{sid}">{e(title)}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{e(title)}</h2>{content}</section>' for sid, title, content in sections)
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>somnotes report</title><style>{CSS}</style></head><body>"
            f"<h1>Progress notes: tasks across meetings</h1>"
            f'<p class="muted">{counted(len(notes), "note")}, '
            f'{counted(appearances["task_key"].nunique() if not appearances.empty else 0, "task")}; '
            f"generated {generated} by somnotes.</p><nav>{nav}</nav>{body}"
            f"<script>{SCRIPT}</script>{opened}</body></html>")


def write_report(store: Store, out: Path) -> Path:
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(build_report(store), encoding="utf-8")
    tmp.replace(out)
    return out
