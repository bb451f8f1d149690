"""Extract: one document (Word or PDF) -> a `Note` with its header and task rows."""
from .note import extract_note, ExtractError

__all__ = ["extract_note", "ExtractError"]
