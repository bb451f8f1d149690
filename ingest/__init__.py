"""Ingest: find files, hash them, schedule the per-file work, hand rows to the store."""
from .pipeline import IngestSummary, ingest, process_file

__all__ = ["ingest", "process_file", "IngestSummary"]
