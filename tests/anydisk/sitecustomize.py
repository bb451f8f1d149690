"""A disk like a FAT stick, an SMB share or a sync folder, on a machine like Windows, for every
Python process of a test run (pytest and each `somnotes` it starts) when SOMNOTES_SIMULATED_FS
is set and this folder is on PYTHONPATH (tests/test_any_disk.py): os.symlink and os.link fail
with EPERM, `fcntl` cannot be imported, there is no SIGALRM, and processes start only by spawn."""
from __future__ import annotations

import errno
import os
import sys

SIMULATED_FS = "SOMNOTES_SIMULATED_FS"


def refuse(*args, **kwargs):
    """What such a filesystem answers to a link of either kind."""
    raise PermissionError(errno.EPERM, "Operation not permitted")


def refuse_links() -> None:
    os.symlink = refuse
    os.link = refuse


def windows_processes() -> None:
    """No fcntl, no SIGALRM, no fork server: what Python offers on Windows."""
    import multiprocessing
    import signal

    sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` raises ImportError
    for name in ("SIGALRM", "setitimer", "ITIMER_REAL"):
        if hasattr(signal, name):
            delattr(signal, name)
    get_context = multiprocessing.get_context

    def spawn_only(method=None):
        if method not in (None, "spawn"):
            raise ValueError(f"cannot find context for {method!r}")
        return get_context("spawn")

    multiprocessing.get_all_start_methods = lambda: ["spawn"]  # type: ignore[assignment]
    multiprocessing.get_context = spawn_only  # type: ignore[assignment]


# SOMNOTES_SIMULATED_FS: "links" (links refused), "windows" (no fcntl, spawn only), else both
MODE = os.environ.get(SIMULATED_FS, "")
if MODE in ("links", "1", "all"):
    refuse_links()
if MODE in ("windows", "1", "all"):
    windows_processes()
