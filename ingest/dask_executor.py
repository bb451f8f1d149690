"""Run the per-file work on a Dask distributed cluster: `--executor dask://HOST:PORT`.

The cluster only reads files and returns rows; the store is still written by this process
alone. The workers must see the files at the same paths (a shared file system).
"""
from __future__ import annotations

from pathlib import Path

DASK_SCHEME = "dask://"
CONNECT_TIMEOUT_S = 30  # a scheduler that has not answered by then is not there


class ExecutorUnavailable(Exception):
    """The Dask scheduler named by --executor cannot be reached."""


def scheduler_address(executor: str) -> str:
    """dask://HOST:PORT -> tcp://HOST:PORT, the address a Dask client connects to."""
    return "tcp://" + executor[len(DASK_SCHEME):]


def run_on_dask(files: list[Path], executor: str, timeout_s: float | None = None, ocr: str = "auto",
                pdf_engine: str = "pdfium"):
    """Yield (path, rows) as the cluster finishes each file; each file is held to `timeout_s`
    on its worker (worker.time_limit works in the worker's threads too)."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - depends on the install
        raise SystemExit(f"somnotes: --executor {DASK_SCHEME} needs the dask extra: "
                         "pip install 'somnotes[dask]'") from None
    from ..extract.layout import taught_roles
    from .worker import process_file

    address = scheduler_address(executor)
    try:
        client = Client(address, timeout=f"{CONNECT_TIMEOUT_S}s")
    except ValueError:
        raise ExecutorUnavailable(f"--executor {executor} is not a {DASK_SCHEME}HOST:PORT address") from None
    except (OSError, TimeoutError):
        raise ExecutorUnavailable(f"no Dask scheduler answered at {address} within {CONNECT_TIMEOUT_S} s") from None
    with client:
        futures = {client.submit(process_file, str(path), timeout_s, roles=taught_roles(), ocr=ocr,
                                 pdf_engine=pdf_engine, pure=False): path
                   for path in files}
        for future in as_completed(futures):
            yield futures[future], future.result()
