"""Imported by the fork server that starts reader processes (ingest/pipeline.py: reader_context):
what reading a note builds on first use is built here, once, and every reader forked from the
server starts with it built, instead of each building it again before its first page.

Importing this module does the work: multiprocessing's set_forkserver_preload names modules,
not functions. Nothing else imports it.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path

SPACY_CLI = "spacy.cli"
SPACY_INFO = "spacy.cli.info"


def load_spacy_info(*args, **kwargs):
    """spaCy's own `spacy.info`, loaded on its first call (a reader never makes one)."""
    if getattr(sys.modules.get(SPACY_INFO), "info", None) is load_spacy_info:
        del sys.modules[SPACY_INFO]  # the stand-in: the real module imports in its place
    return importlib.import_module(SPACY_INFO).info(*args, **kwargs)


def leave_out_spacy_cli() -> None:
    """Let spaCy import without its command line. Its package imports `spacy.cli` (typer,
    requests, httpx, weasel and every command) for one name, `spacy.info`: about 0.15 s of the
    fork server's build, which every ingest waits for before its first page, and some 360 modules
    a reader never uses (`python -X importtime -c "import spacy"`: spacy.cli.info). Nothing else of
    spaCy imports it (only its __main__). `spacy.cli` stands here as an empty package over the
    real folder, so any of its modules still imports if asked; `spacy.info` loads the real one
    when called. Only here, in the readers' server: a process that imports somnotes as a library
    keeps spaCy as it is."""
    spec = importlib.util.find_spec("spacy")
    if "spacy" in sys.modules or spec is None or not spec.submodule_search_locations:
        return
    cli = types.ModuleType(SPACY_CLI)
    cli.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    info = types.ModuleType(SPACY_INFO)
    info.info = load_spacy_info  # type: ignore[attr-defined]
    sys.modules[SPACY_CLI], sys.modules[SPACY_INFO] = cli, info


leave_out_spacy_cli()

from .worker import warm_quietly  # noqa: E402  (spaCy is imported here, without its command line)

warm_quietly()
