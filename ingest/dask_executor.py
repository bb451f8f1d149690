"""Run the per-file work on a Dask distributed cluster: `--executor dask://HOST:PORT`.

The cluster only reads files and returns rows; the store is still written by this process
alone. The workers must see the files at the same paths (a shared file system).
"""
from __future__ import annotations

from pathlib import Path

DASK_SCHEME = "dask://"


def scheduler_address(executor: str) -> str:
    """dask://HOST:PORT -> tcp://HOST:PORT, the address a Dask client connects to."""
    return "tcp://" + executor[len(DASK_SCHEME):]


def run_on_dask(files: list[Path], executor: str, ocr: str = "auto"):
    """Yield (path, rows) as the cluster finishes each file."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - depends on the install
        raise SystemExit("somnotes: --executor dask:// needs the dask extra: pip install 'somnotes[dask]'") from None
    from .pipeline import process_file

    with Client(scheduler_address(executor), timeout="30s") as client:
        futures = {client.submit(process_file, str(path), ocr=ocr, pure=False): path for path in files}
        for future in as_completed(futures):
            yield futures[future], future.result()
