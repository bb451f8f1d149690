"""Extract: one document (Word or PDF) -> a `Note` with its header and task rows.

`extract_note` and `ExtractError` load on first use, so that importing the package (as the
command line does for every command) does not load the readers and their libraries.
"""
from __future__ import annotations

import importlib

__all__ = ["extract_note", "ExtractError"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module(".note", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
