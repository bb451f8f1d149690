"""A spec row as it is drawn and as a reader should read it, whatever the format.

`physical_rows` says which table rows and cells a spec row becomes (one row, or one per
progress item under a vertical merge; a Status column; lists), for the Word and the HTML
renderers alike. `expected_rows` writes the rows a reader of the note should find, from the same
hand-written spec: the truth the tests compare the extractor with.
"""
from __future__ import annotations

from dataclasses import dataclass

from samples.source.spec import LI, OL, Item, Layout, Note, Row, plain

STATUS_HEADER = "Status"
CORE_WIDTHS_CM = (5.0, 6.5, 5.0)
EXTRA_WIDTH_CM = 2.6
STATUS_WIDTH_CM = 2.4
A4_CM = (21.0, 29.7)


def progress_paragraphs(row, labels: bool = True) -> list:
    """The Progress cell of a row as paragraphs, labels as (label, text) pairs (left out when
    `labels` is false: a Status column says the status instead)."""
    out = []
    for item in row.progress:
        if not isinstance(item, Item):
            out.append(item)
            continue
        paras = list(item.paras)
        if item.label is None or not labels:
            out.extend(paras)
        elif item.inline and paras and not isinstance(paras[0], OL):
            out.append((item.label, paras[0]))
            out.extend(paras[1:])
        else:
            out.append((item.label, ""))
            out.extend(paras)
    return out


def item_groups(row, labels: bool = True) -> list[list]:
    """The Progress cell's paragraphs item by item (one table row each under a vertical merge)."""
    groups = []
    for item in row.progress:
        groups.append(progress_paragraphs(Row(task=row.task, progress=[item]), labels))
    return groups


STATUS_WORDS = {"completed": "Completed", "ongoing": "Ongoing", "postponed": "Postponed",
                "not_started": "Not started", "on_hold": "On hold", "cancelled": "Cancelled"}


def row_status(row) -> str:
    """A row's task status, by the contract's summary rule over its items' hand labels."""
    return task_status([item.status if isinstance(item, Item) else row.progress_status for item in row.progress])


@dataclass
class PhysicalCell:
    """A cell as drawn: its paragraphs, how many table rows it spans (a vertical merge), and
    whether a merged cell above covers it."""

    paragraphs: list
    span: int = 1
    covered: bool = False
    highlight: bool = False  # drawn with a highlight (Word's yellow marker, HTML's <mark>)


def as_list(paragraphs: list, kind: str) -> list:
    return [LI(p, kind) if not isinstance(p, OL) else p for p in paragraphs]


CORE_KEYS = ("task", "progress", "next_steps")
# Widths in cm of the columns of a layout that lists its columns (Layout.columns), before they
# are scaled to the page: the core three as above, a Status or reference column narrow.
KEY_WIDTHS_CM = {"task": 5.0, "progress": 6.5, "next_steps": 5.0, "status": 2.4, "reference": 2.2}
PAGE_MARGINS_CM = 2 * 2.2 + 0.1  # left and right margins, and the table's own borders


def column_keys(layout: Layout) -> list[str]:
    """The columns in drawn order, by role ("task", "progress", "next_steps", "status",
    "reference") or by extra header."""
    if layout.columns:
        return list(layout.columns)
    keys = list(CORE_KEYS)
    if layout.status_column:
        keys.insert(1, "status")
    return keys + list(layout.extra_headers)


def header_of(layout: Layout, key: str) -> str:
    if key in CORE_KEYS:
        return layout.headers[CORE_KEYS.index(key)]
    if key == "status":
        return STATUS_HEADER
    if key == "reference":
        return layout.reference_header
    return key


def columns(layout: Layout) -> list[str]:
    """The table's header row: core columns, a Status column where the layout has one, extras."""
    return [header_of(layout, key) for key in column_keys(layout)]


def task_paragraphs(layout: Layout, row) -> list:
    """The task cell as drawn: the reference opens it where the table has no reference column
    (unless the task's first sentence starts with it already: "Resolution 5/5 on ... requests")."""
    if row.reference is None or layout.reference_header is not None or not row.task \
            or str(row.task[0]).startswith(row.reference):
        return list(row.task)
    return [f"{row.reference_drawn or row.reference} {row.task[0]}"] + list(row.task[1:])


def physical_rows(note: Note, row) -> list[list[PhysicalCell]]:
    """The table rows a spec row is drawn as: one, or one per progress item under a vertical merge."""
    layout = note.layout
    if layout.columns or task_paragraphs(layout, row) != list(row.task):
        return listed_rows(note, row)
    progress = progress_paragraphs(row, labels=not layout.status_column)
    next_steps = list(row.next_steps)
    if layout.list_style == "bullets":
        progress, next_steps = as_list(progress, "bullet"), as_list(next_steps, "number")
    extras = [row.extra.get(h, []) for h in layout.extra_headers]
    status = [[STATUS_WORDS.get(row_status(row), "")]] if layout.status_column else []
    groups = item_groups(row, not layout.status_column) if layout.vertical_merge and len(row.progress) > 1 else [progress]
    n = len(groups)
    if n == 1:
        return [[PhysicalCell(row.task)] + [PhysicalCell(s) for s in status] + [PhysicalCell(progress),
                PhysicalCell(next_steps, highlight=layout.highlight)] + [PhysicalCell(e) for e in extras]]
    out = []
    for i, group in enumerate(groups):
        merged = lambda paras, first=(i == 0): PhysicalCell(paras, span=n) if first else PhysicalCell([], covered=True)  # noqa: E731
        if layout.vertical_merge == "merged":
            steps = merged(next_steps)
        else:  # "last": the next steps written in the last item row
            steps = PhysicalCell(next_steps if i == n - 1 else [])
        out.append([merged(row.task)] + [merged(s) for s in status] + [PhysicalCell(group), steps]
                   + [merged(e) for e in extras])
    return out


def listed_rows(note: Note, row) -> list[list[PhysicalCell]]:
    """physical_rows for the tables of other bodies: the columns a layout lists (Layout.columns),
    a reference column or a reference opening the task cell."""
    layout = note.layout
    progress = progress_paragraphs(row, labels=not layout.status_column)
    next_steps = list(row.next_steps)
    if layout.list_style == "bullets":
        progress, next_steps = as_list(progress, "bullet"), as_list(next_steps, "number")
    groups = item_groups(row, not layout.status_column) if layout.vertical_merge and len(row.progress) > 1 else [progress]
    n = len(groups)
    whole = {"task": task_paragraphs(layout, row), "next_steps": next_steps, "reference": [row.reference or ""],
             "status": [STATUS_WORDS.get(row_status(row), "")], **{h: row.extra.get(h, []) for h in layout.extra_headers}}
    out = []
    for i, group in enumerate(groups):
        merged = lambda paras, first=(i == 0): PhysicalCell(paras, span=n) if first else PhysicalCell([], covered=True)  # noqa: E731
        drawn = []
        for key in column_keys(layout):
            if key == "progress":
                drawn.append(PhysicalCell(group))
            elif key == "next_steps" and n > 1 and layout.vertical_merge != "merged":
                drawn.append(PhysicalCell(next_steps if i == n - 1 else []))  # "last": in the last item row
            else:
                drawn.append(merged(whole[key]) if n > 1 else PhysicalCell(whole[key]))
        out.append(drawn)
    return out


def column_widths(layout: Layout) -> list[float]:
    """Column widths in cm: the core three, narrowed for a Status or extra column on portrait pages."""
    if layout.columns:  # the layout lists its columns: their widths, scaled to fill the page
        widths = list(layout.widths_cm) or [KEY_WIDTHS_CM.get(key, EXTRA_WIDTH_CM) for key in layout.columns]
        page = (A4_CM[1] if layout.landscape else A4_CM[0]) - PAGE_MARGINS_CM
        return [w * page / sum(widths) for w in widths]
    widths = list(CORE_WIDTHS_CM) + [EXTRA_WIDTH_CM] * len(layout.extra_headers)
    if layout.extra_headers and not layout.landscape:  # make room for the extra column
        widths[1] -= EXTRA_WIDTH_CM
    if layout.status_column:
        widths.insert(1, STATUS_WIDTH_CM)
        if not layout.landscape:
            widths[2] -= STATUS_WIDTH_CM
    if layout.landscape:  # the extra width of a landscape page goes to Progress
        widths[widths.index(CORE_WIDTHS_CM[1])] += A4_CM[1] - A4_CM[0] - (sum(widths) - sum(CORE_WIDTHS_CM))
    return widths



def cell_text(paragraphs: list) -> str:
    """The text a reader sees in a cell, paragraphs on their own line. List markers (Word's
    automatic numbers, bullets) are not text, as the data contract says."""
    out = []
    for para in paragraphs:
        while isinstance(para, (OL, LI)):
            para = para.text
        if isinstance(para, tuple):
            label, text = para
            out.append(f"{label} {plain(text)}" if text else label)
        else:
            out.append(plain(para))
    return "\n".join(out)


SPECIFIC = ("postponed", "on_hold", "cancelled")


def task_status(statuses: list) -> str:
    """The contract's summary rule, written out independently of the code under test: unknown
    when every item is, else the rules on the items that are not unknown."""
    statuses = [s for s in statuses if s != "unknown"]
    if not statuses:
        return "unknown"
    if all(s == "completed" for s in statuses):
        return "completed"
    if all(s == "not_started" for s in statuses):
        return "not_started"
    others = set(statuses) - {"completed"}
    if len(others) == 1 and next(iter(others)) in SPECIFIC:
        return next(iter(others))
    return "ongoing"


def expected_items(note: Note, row) -> list[dict]:
    """The progress items a reader should find: one per hand label; under a Status column the
    cell has no label, so one item whose status is the column's word."""
    if note.layout.status_column:
        return [{"status": row_status(row), "status_label": None,
                 "text": cell_text(progress_paragraphs(row, labels=False))}]
    items = []
    for item in row.progress:
        label = item.label.rstrip(" :.") if item.label else None
        items.append({"status": item.status, "status_label": label, "text": cell_text(item.paras)})
    return items


def expected_typed(note: Note, row) -> dict:
    """The typed columns a reader should find, from the spec (written by hand): only for
    layouts and rows that have them, so that other notes' truth reads as before."""
    out = {}
    if row.reference is not None or note.layout.reference_header is not None:
        out.update(reference=row.reference, reference_key=row.reference_key)
    if "lead" in row.expect:
        out["lead"] = row.expect["lead"]
    if "deadlines" in row.expect:
        out["deadlines"] = [{"text": t, "start": a, "end": b} for t, a, b in row.expect["deadlines"]]
    return out


def expected_rows(note: Note) -> dict:
    tasks = []
    for part in note.parts:
        for sec in part.sections:
            for row in sec.rows:
                items = expected_items(note, row)
                extra = {k: cell_text(v) for k, v in row.extra.items()}
                if note.layout.status_column:
                    extra[STATUS_HEADER] = STATUS_WORDS.get(row_status(row), "")
                if note.layout.reference_header is not None:
                    extra[note.layout.reference_header] = row.reference or ""
                tasks.append({
                    "ordinal": len(tasks) + 1,
                    "part": part.numeral,
                    "part_title": part.title,
                    "section": sec.marker.strip("().").strip(),
                    "section_title": sec.title,
                    "task_text": cell_text(row.task),
                    "progress_text": cell_text(progress_paragraphs(row, labels=not note.layout.status_column)),
                    "next_steps_text": cell_text(row.next_steps),
                    "extra": extra,
                    "status": task_status([i["status"] for i in items]),
                    "items": items,
                    **expected_typed(note, row),
                })
    return {"note": note.name, "provenance": note.provenance, "meta": note.meta, "tasks": tasks}
