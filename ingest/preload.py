"""Imported by the fork server that starts reader processes (ingest/pipeline.py: reader_context):
what reading a note builds on first use is built here, once, and every reader forked from the
server starts with it built, instead of each building it again before its first page.

Importing this module does the work: multiprocessing's set_forkserver_preload names modules,
not functions. Nothing else imports it.
"""
from __future__ import annotations

from .worker import warm_quietly

warm_quietly()
