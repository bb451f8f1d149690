"""PDF: pages -> paragraphs and tables (pdfplumber), rows cut by page breaks joined again.

reader.py reads a document page by page; grid.py finds ruled tables, unruled.py tables drawn
without rules, lines.py groups words into lines and paragraphs, page_split.py joins rows a page
break cut in two.
"""
