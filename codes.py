"""Every code a user reads, written once: the `error` of an `errors` row (a file that could not be
ingested) and the code that opens a `documents.warnings` entry ("code: what happened").

The pipeline refuses a code that is not here (extract/note.py: ExtractError; ingest/worker.py:
error_rows and note_records); the README lists each with what it means; the tests check both
against the source (tests/test_failures.py). A new code is added here first.
"""
from __future__ import annotations

# errors.error -> what it means
ERRORS = {
    "empty_file": "the file is empty",
    "not_a_pdf": "a file named .pdf whose bytes are not a PDF",
    "not_a_docx": "a file named .docx whose bytes are not a Word document",
    "not_a_note": "a file named otherwise whose bytes are neither PDF nor Word",
    "corrupt_pdf": "the PDF is truncated or damaged",
    "corrupt_docx": "the .docx is truncated or damaged",
    "encrypted_pdf": "the PDF is password-protected",
    "no_text_layer": "the PDF's pages are images (a scan), read with --ocr never or without Tesseract",
    "ocr_failed": "Tesseract failed on a page",
    "zip_bomb": "a .docx that would unpack to too much, refused before parsing",
    "too_many_pages": "more pages than a progress note has",
    "timeout": "reading the file took longer than --file-timeout",
    "crash": "the process reading the file died without an error",
    "unreadable": "the file's bytes cannot be read (permissions, I/O)",
    "unsupported_format": "a .doc or .odt without LibreOffice to convert it",
    "conversion_failed": "LibreOffice could not convert the file",
    "internal_error": "a bug of somnotes, not a problem of the file",
}

# the code opening a documents.warnings entry -> what it means
WARNINGS = {
    "not_a_progress_note": "no Tasks | Progress | Next steps table: stored with 0 tasks",
    "no_task_roles": "the first row of a table naming no column role (a wording to teach with --column)",
    "unplaced_text": "words the layout found no place for",
    "overlapping_text": "text drawn over text on a PDF page",
    "tables_without_rules": "the PDF's task tables have no rules: columns read from the header row",
    "no_text_layer": "pages of an otherwise readable PDF that are images, left unread",
    "page_header_unread": "a Word page header that could not be read (a damaged part)",
    "no_meeting_date": "dates without a year could not be resolved",
    "ocr": "the note was read by OCR, with its mean word confidence",
    "ocr_low_confidence": "OCR's mean word confidence is low: check the text against the scan",
    "ocr_uncertain_words": "words OCR read with low confidence, kept as read",
    "ocr_marks_set_aside": "marks without letters OCR read with low confidence, not in the text",
    "watermark": "letters drawn diagonally over the pages (DRAFT, UNEDITED): a passage, not the note's text",
}


def warning_code(warning: str) -> str:
    """The code a documents.warnings entry opens with ("unplaced_text: the words" -> "unplaced_text")."""
    return warning.split(":", 1)[0].strip()
