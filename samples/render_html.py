"""Render a spec note as HTML, for the PDF producers that are not word processors: a browser's
print-to-PDF and an HTML-to-PDF engine. The same spec rows as the Word files (samples/cells.py),
so the same truth holds for every producer.

The styles reproduce what such producers do to tables in real archives: the header row
repeated on each page (a <thead>) or not, with a rule under it or none, and rows that a page
break cuts left open at the bottom of the page (browsers and WeasyPrint draw no rule there).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from samples.cells import column_widths, columns, physical_rows
from samples.source.spec import LI, OL, Note, plain

INLINE = re.compile(r"(\*\*.+?\*\*|__.+?__)")
PAGE_MARGIN_CM = 2.2
CELL_PADDING_PT = (3, 5)
RULE = "0.75pt solid #000"


@dataclass
class HtmlStyle:
    """How the producer draws the task tables."""

    header_repeat: bool = True  # a <thead>: repeated on every page the table runs over
    header_rule: bool = True  # a rule between the header row and the first row


def inline(text: str) -> str:
    """Escape a paragraph, turning **bold** and __underline__ markup into tags."""
    out = []
    for piece in INLINE.split(text):
        if piece.startswith("**"):
            out.append(f"<b>{html.escape(piece[2:-2])}</b>")
        elif piece.startswith("__"):
            out.append(f"<u>{html.escape(piece[2:-2])}</u>")
        elif piece:
            out.append(html.escape(piece))
    return "".join(out)


def paragraph_html(para, bold_labels: bool) -> str:
    if isinstance(para, tuple):
        label, text = para
        label_html = f"<b>{html.escape(label)}</b>" if bold_labels else html.escape(label)
        return label_html + (" " + inline(text) if text else "")
    return inline(para)


def cell_html(paragraphs: list, bold_labels: bool, highlight: bool = False) -> str:
    """A cell's paragraphs: plain ones as <p>, runs of list items as <ol> or <ul>."""
    out, open_list = [], None
    for para in paragraphs:
        kind = "ol" if isinstance(para, OL) or (isinstance(para, LI) and para.kind == "number") else \
            "ul" if isinstance(para, LI) else None
        if kind != open_list:
            if open_list:
                out.append(f"</{open_list}>")
            if kind:
                out.append(f"<{kind}>")
            open_list = kind
        while isinstance(para, (OL, LI)):
            para = para.text
        body = paragraph_html(para, bold_labels)
        if highlight:
            body = f"<mark>{body}</mark>"
        out.append(f"<li>{body}</li>" if kind else f"<p>{body}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)


def css(note: Note, style: HtmlStyle) -> str:
    layout = note.layout
    size = "A4 landscape" if layout.landscape else "A4"
    gap = layout.paragraph_gap_pt
    rules = [f"@page {{ size: {size}; margin: {PAGE_MARGIN_CM}cm; }}",
             f"body {{ font-family: 'Liberation Sans', Arial, sans-serif; font-size: {layout.font_size}pt; }}",
             "p { margin: 0 0 6pt; } .org, .meeting, .plain { text-align: center; } .org, .meeting { font-weight: bold; }",
             ".symbol { text-align: right; } .title { text-align: center; font-weight: bold; "
             f"font-size: {layout.font_size + 3}pt; }} .byline {{ text-align: center; font-style: italic; }}",
             ".part { font-weight: bold; margin-top: 12pt; } .section { font-weight: bold; font-style: italic; }",
             "table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 10pt; }",
             f"th, td {{ border: {RULE}; padding: {CELL_PADDING_PT[0]}pt {CELL_PADDING_PT[1]}pt; "
             "vertical-align: top; text-align: left; }",
             f"td p, td li {{ margin: 0 0 {gap}pt; }} td ul, td ol {{ margin: 0; padding-left: 14pt; }}"]
    if not style.header_rule:
        rules.append("th { border-bottom: none; } tbody tr:first-child td { border-top: none; }")
    return "\n".join(rules)


def table_html(note: Note, rows: list, style: HtmlStyle) -> str:
    heads = columns(note.layout)
    widths = column_widths(note.layout)
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    header = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in heads) + "</tr>"
    body = []
    for row in rows:
        for drawn in physical_rows(note, row):
            cells = []
            for cell in drawn:
                if cell.covered:
                    continue
                span = f' rowspan="{cell.span}"' if cell.span > 1 else ""
                cells.append(f"<td{span}>{cell_html(cell.paragraphs, note.layout.bold_labels, cell.highlight)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
    head_html = f"<thead>{header}</thead><tbody>" if style.header_repeat else f"<tbody>{header}"
    return f"<table><colgroup>{cols}</colgroup>{head_html}{''.join(body)}</tbody></table>"


def render_html(note: Note, style: HtmlStyle) -> str:
    """Given a spec note and a table style, return the note as one HTML page."""
    body = []
    for text, kind in note.header_lines:
        body.append(f'<p class="{kind}">{inline(text)}</p>')
    body.extend(f"<p>{inline(text)}</p>" for text in note.intro)
    for part in note.parts:
        body.append(f'<p class="part">{html.escape(f"{note.layout.part_prefix}{part.numeral}. {part.title}")}</p>')
        for sec in part.sections:
            body.append(f'<p class="section">{html.escape(f"{sec.marker} {sec.title}")}</p>')
            body.append(table_html(note, sec.rows, style))
    title = html.escape(plain(note.meta["title"]))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{css(note, style)}</style></head><body>{''.join(body)}</body></html>\n")
