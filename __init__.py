"""somnotes: turn archives of UN progress notes into data.

Data flows one way: ingest (find files, hash, schedule) -> extract (document -> rows) ->
normalise (statuses, dates, references) -> store (Parquet tables, cross-note links, queries)
-> publish (report, workbook, draft).
"""
__version__ = "0.1.0"

# Bumped whenever extraction output changes, so that `somnotes ingest` re-reads stored notes.
# 18: a word broken at a cell's edge whose pieces the other columns' words part in reading order is
#     not warned unplaced;
# 17: a row at a page's top that states a status of its own under a label alone is a new task;
# 16: a whole row moved to the next page under a Task cell that ended well above the cut is a new task;
# 15: a PDF page whose MediaBox does not start at 0, 0 read by PDFium as pdfminer reads it;
# 14: a PDF page whose size is its page tree's (no /MediaBox of its own) read by PDFium at that
#     size, not as ANSI A;
# 13: issue 22's third round: zebra tables from random layouts read by their shading, a Status
#     column's word as evidence of tasks, header blocks with no rule under them, Word watermark
#     text boxes, sidebar passages; PDFium makes no space where a text object starts at once;
# 12: issue 22's second round (text boxes, zebra leading, header blocks without a repeat or rule,
#     framed headings, stamps, cut task cells);
# 11: statuses by a grammar (issue 21: "Partially implemented:", a task whose every item is unknown
#     is unknown); dates in more wording (issue 25); task tables on evidence, symbols, header
#     blocks, frames, tight headers, watermarks, zebra rows (issue 22); a stamped scan read
#     without OCR is an error (issue 26); PDF pages read by PDFium (issue 24);
# 10: two weeks of a month named together ("the first or second week of November") are one span;
# 9: a PDF page with text drawn over text is warned (overlapping_text);
# 8: a word wider than its column broken by LibreOffice is joined whatever its second piece
#    ("Operationalizati" + "on": derived words known by stem and ending); a header fused with a row cut
#    at the page's foot whose task cell starts on the next page is split from it;
# 7: documents.note_key, the no_task_roles warning, Word content controls, two-year seasons;
# 6: readers (9), dates (14), column roles and references (16), OCR (13)
PARSER_VERSION = "somnotes-0.1.0/18"
