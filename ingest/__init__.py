"""Ingest: find files, hash them, schedule the per-file work, hand rows to the store.

`ingest`, `process_file` and `IngestSummary` load on first use: the command line imports this
package for every command, and a query must not pay for the readers, spaCy or dateparser.
"""
from __future__ import annotations

import importlib

__all__ = ["ingest", "process_file", "IngestSummary"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module(".pipeline", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
