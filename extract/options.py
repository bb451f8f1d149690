"""How a file is read, as one value: ingest builds it once per run and hands it to every
executor (this process, the local pool's processes, Dask's worker threads), and extraction hands
it on to the readers and the layout pass. Nothing about a reading lives in a process global, so
two files read at once in two threads of one process are read each with its own options.

A reading's time limit is enforced by whoever runs the file (ingest/worker.py: time_limit); what
extraction may do about it is ask for more (`Clock.extend`, for a page read by OCR), through the
clock it is handed, never by reaching into a timer of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..defaults import FILE_TIMEOUT_S
from .ocr.policy import DEFAULT_OCR
from .pdf.source import DEFAULT_PDF_ENGINE


@dataclass(frozen=True)
class ReadOptions:
    """One run's reading: which PDF pages are OCR'd (auto, always, never), the header wordings
    a user taught as (wording, role) pairs (`--column`), the seconds a file may take (None:
    no limit), and the engine that reads PDF pages (`--pdf-engine`). Frozen and made of plain
    values, so it pickles to any executor; a field added later needs a default."""

    ocr: str = DEFAULT_OCR
    roles: tuple[tuple[str, str], ...] = ()
    time_limit: float | None = FILE_TIMEOUT_S
    pdf_engine: str = DEFAULT_PDF_ENGINE  # what reads a PDF's pages: pdfium, or pdfplumber (the reference)

    def __post_init__(self) -> None:
        # pairs as plain tuples of strings, however they were given (lists from JSON, a store's rows)
        object.__setattr__(self, "roles", tuple((str(w), str(r)) for w, r in self.roles))


class Clock:
    """A file's time limit as extraction sees it: it may ask for more time, for work it knows to
    be slow (OCR). This one has no limit to extend; ingest/worker.py hands a real one."""

    def extend(self, seconds: float) -> None:
        """Give the file being read `seconds` more."""


NO_CLOCK = Clock()
