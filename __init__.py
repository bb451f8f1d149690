"""somnotes: turn archives of UN progress notes into data.

Data flows one way: ingest (find files, hash, schedule) -> extract (document -> rows,
statuses, dates) -> store (Parquet tables, cross-note links, queries, reports).
"""
__version__ = "0.1.0"

# Bumped whenever extraction output changes, so that `somnotes ingest` re-reads stored notes.
# 10: two weeks of a month named together ("the first or second week of November") are one span;
# 9: a PDF page with text drawn over text is warned (overlapping_text);
# 8: a word wider than its column broken by LibreOffice is joined whatever its second piece
#    ("Operationalizati" + "on": derived words known by stem and ending); a header fused with a row cut
#    at the page's foot whose task cell starts on the next page is split from it;
# 7: documents.note_key, the no_task_roles warning, Word content controls, two-year seasons;
# 6: readers (9), dates (14), column roles and references (16), OCR (13)
PARSER_VERSION = "somnotes-0.1.0/10"
