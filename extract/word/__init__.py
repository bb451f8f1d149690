"""Word: a .docx (python-docx and its XML) -> paragraphs and tables (reader.py)."""
