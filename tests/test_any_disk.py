"""The store's tests a second time, on a disk that refuses symbolic and hard links, in processes
without fcntl, SIGALRM or a fork server (what Windows, FAT/exFAT sticks, SMB shares and sync
folders give): pytest and every `somnotes` it starts run with tests/anydisk/sitecustomize.py."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ANYDISK, ROOT, SIMULATED

# The tests of what touches the store: ingest (parallel, incremental, a SIGKILL mid-commit, two
# at once), every query, report, export, draft, link/unlink, old stores, damaged files.
STORE_TESTS = [
    "tests/test_store_anydisk.py",
    "tests/test_store_schema.py",
    "tests/test_empty_store.py",
    "tests/test_cli_links.py",
    "tests/test_cross_note.py",
    "tests/test_report_export.py",
    "tests/test_batch.py::test_parallel_workers_store_the_same_as_one_worker",
    "tests/test_batch.py::test_unchanged_files_are_skipped_without_being_opened",
    "tests/test_batch.py::test_the_same_archive_twice_or_copied_stores_each_note_once",
    "tests/test_batch.py::test_sigkill_mid_batch_leaves_every_note_whole_or_absent",
    "tests/test_batch.py::test_two_concurrent_ingests_lose_nothing_and_duplicate_nothing",
    "tests/test_batch.py::test_a_file_that_takes_too_long_becomes_an_error_row",
    "tests/test_draft.py",
]


@pytest.mark.skipif(bool(SIMULATED), reason="already the second run")
def test_the_store_tests_pass_on_a_disk_without_links_or_fcntl():
    env = dict(os.environ, SOMNOTES_SIMULATED_FS="1",
               PYTHONPATH=os.pathsep.join([str(ANYDISK), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *STORE_TESTS],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
