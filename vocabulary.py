"""The data contract's vocabularies (shared/contract.md), written once for every module: what a
status, a date's field, kind and granularity may be, which statuses close a task, and the month
names notes are written with."""
from __future__ import annotations

import calendar

# progress_items.status and tasks.status
STATUSES = ("completed", "ongoing", "not_started", "postponed", "cancelled", "on_hold", "unknown")
# Open means anything but these (the contract: "Open means anything but completed and cancelled").
CLOSED = ("completed", "cancelled")
# The order a person reads statuses in: done first, then under way, then not begun or stopped.
STATUS_ORDER = ("completed", "ongoing", "not_started", "postponed", "on_hold", "cancelled", "unknown")
# dates.field, dates.kind and dates.granularity
DATE_FIELDS = ("task", "progress", "next_steps", "deadline")
DATE_KINDS = ("past", "planned", "deadline")
GRANULARITIES = ("day", "month", "quarter", "half", "year")  # finest first
MONTH_NAMES = tuple(calendar.month_name[1:])  # "January" ... "December" (English, as the notes)
