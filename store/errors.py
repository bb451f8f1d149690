"""The store's faults a user can act on, each one line for the command line (ingest/cli.py: main):
kept apart from the modules that raise them so that catching them loads nothing else."""
from __future__ import annotations

from pathlib import Path

CHECK_COMMAND = "somnotes check --repair"


class StoreDamaged(Exception):
    """A file of the store is missing, cut short or unreadable: the message names it and the repair."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"damaged store file {path} ({reason}); run `{CHECK_COMMAND}`")


class CorrectionsInvalid(ValueError):
    """The corrections file (overrides.json) cannot be read: the message names it and the line."""
