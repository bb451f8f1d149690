"""Defaults the command line and the Python API share, written once.

A module of its own, importing nothing: the command line reads these when it starts (for its
--help), and importing ingest/pipeline.py or store/queries.py for them would cost 0.06 s of
the 0.19 s `somnotes --help` takes (python -X importtime, bench/cli_latency.py).
"""

COMMIT_EVERY = 50  # files per commit: bounds what a killed run can lose
# A note takes about a second; a file still being read after this long is pathological (a
# PDF whose pages pdfminer crawls through) and becomes an error row instead of holding a worker.
FILE_TIMEOUT_S = 180
STALLED_WINDOW = 3  # `stalled`: consecutive notes of a series without progress (the contract's N)
# The files an archive's folders are searched for: notes as Word and PDF, and older Word and
# OpenDocument files read through LibreOffice when it is installed (ingest/discover.py).
NOTE_SUFFIXES = (".pdf", ".docx")
CONVERTIBLE_SUFFIXES = (".doc", ".odt")
