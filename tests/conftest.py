"""Shared fixtures: the real CLI run on the real sample files, and the expected rows."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from hypothesis import settings
from typer.testing import CliRunner

from somnotes.ingest.cli import app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # samples/synthesize.py, shared with the benchmark
from samples.producers import chromium_browser  # noqa: E402  (samples/ is on the path from here)

SAMPLES = ROOT / "samples"
EXPECTED = Path(__file__).resolve().parent / "expected"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Hypothesis draws the same examples on every run, a fresh clone's as CI's, so that `make test`
# passes or fails alike everywhere; FUZZ_RANDOM=1 draws new ones (`make fuzz`): how notes no run
# had read before are found. Loaded here, before the test modules make their settings from it.
FUZZ_RANDOM = os.environ.get("FUZZ_RANDOM", "") not in ("", "0")
settings.register_profile("somnotes-same-examples", derandomize=True)
settings.register_profile("somnotes-new-examples", derandomize=False)
settings.load_profile("somnotes-new-examples" if FUZZ_RANDOM else "somnotes-same-examples")

NOTE_NAMES = ["som26-midterm", "som26-annual", "som27-midterm"]
# The real seed note in other layouts, built by samples/build_samples.py: one table with
# headings as merged rows, the symbol as a running head, page numbers and plain labels (alt);
# rules under the header only (shading); no cell borders at all (unruled); part headings in
# one-cell tables of their own (banners).
ALT_LAYOUT = "som26-midterm-alt"
LAYOUTS = [ALT_LAYOUT, "som26-midterm-shading", "som26-midterm-unruled", "som26-midterm-banners"]
EXTRACTION_NOTES = NOTE_NAMES + LAYOUTS
FORMATS = ["docx", "pdf"]
# tests/anydisk/sitecustomize.py: a disk without links, processes as on Windows (tests/test_any_disk.py)
ANYDISK = Path(__file__).resolve().parent / "anydisk"
SIMULATED = os.environ.get("SOMNOTES_SIMULATED_FS")
# The HTML printers a test prints its own PDF with, as parameters: Chromium's test is skipped on a
# machine without it (weasyprint is a Python package, always here), and fails in CI, where
# .ci/run installs it
HTML_PRINTERS = [pytest.param("chromium", marks=pytest.mark.skipif(
                     chromium_browser() is None and not os.environ.get("CI"),
                     reason="Debian's chromium is not installed; .ci/run installs it")),
                 "weasyprint"]


def note_file(name: str, fmt: str) -> Path:
    folder = FIXTURES / "layouts" if name in LAYOUTS else SAMPLES
    return folder / f"{name}.{fmt}"


def cli(*args: str):
    """Run `somnotes ARGS` in-process, as a user would type it; returns click's Result."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def table_files(store: Path, name: str) -> list[str]:
    """The files of one table, found as the README tells users to: the current pointer names a
    manifest, the manifest lists each table's files."""
    pointer = json.loads((store / "_current.json").read_text(encoding="utf-8"))
    manifest = json.loads((store / pointer["manifest"]).read_text(encoding="utf-8"))
    return [str(store / entry["path"]) for entry in manifest["tables"][name]]


def read_table(store: Path, name: str):
    """Read one table back the way the README shows users can: its manifest's files, by pyarrow."""
    return ds.dataset(table_files(store, name), format="parquet").to_table().to_pandas()


def generation(store: Path) -> int:
    """The current generation's number (-1: no store yet)."""
    pointer = store / "_current.json"
    return json.loads(pointer.read_text(encoding="utf-8"))["generation"] if pointer.exists() else -1


def expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory) -> Path:
    """A store holding every sample note, Word and PDF, ingested by the real CLI."""
    store = tmp_path_factory.mktemp("samples") / "store"
    result = cli("ingest", SAMPLES, "--store", store)
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="session")
def single_stores(tmp_path_factory) -> dict:
    """One store per sample file, so that each file's rows can be checked alone."""
    stores = {}
    for name in EXTRACTION_NOTES:
        for fmt in FORMATS:
            store = tmp_path_factory.mktemp(f"{name}-{fmt}") / "store"
            result = cli("ingest", note_file(name, fmt), "--store", store, "--workers", "1")
            assert result.exit_code == 0, result.output
            stores[(name, fmt)] = store
    return stores


@pytest.fixture
def workdir(tmp_path) -> Path:
    return tmp_path


def copy_sample(name: str, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLES / name, dest / name))
