"""Scanned notes read with OCR (`somnotes ingest --ocr auto|always|never`), through the real CLI.

The scans in tests/fixtures/scans/ are made by samples/build_scans.py from the sample PDFs (the
real seed note at 300 dpi black and white, som27-midterm at 150 dpi grey, som26-annual at 300
dpi skewed and speckled); the truth of each is tests/expected/<note>.json, written from the
hand-written specs. Outside CI a machine without Tesseract skips the tests that OCR; in CI
(`.ci/run` installs it) they must run.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from bench.ocr_benchmark import score_note
from samples.build_scans import COMMITTED, MIXED, scan_name, truth_of
from somnotes.extract.ocr import policy as ocr

from conftest import FIXTURES, ROOT, SAMPLES, cli, expected, read_table

SCANS = FIXTURES / "scans"
SCAN_FILES = [SCANS / scan_name(note, setting) for note, setting in COMMITTED]
MIXED_FILE = SCANS / f"{MIXED[0]}-mixed.pdf"  # som27-midterm: pages 1-2 born-digital, 3-5 scanned
LOW_RES_SCAN = FIXTURES / "hostile" / "scanned.pdf"  # 2 pages of the seed note at 60 dpi
HAVE_TESSERACT = ocr.tesseract_available()
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT and not os.environ.get("CI"),
                                     reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)")
# The issue's bars, per scan
ROWS_F1 = 0.95
TASKS_SIMILAR = 0.90  # share of tasks whose text is >= 0.98 similar to the truth
STATUSES_RIGHT = 0.90
OCR_WARNING = re.compile(r"^ocr: mean confidence (\d+) ")


def test_tesseract_is_here_in_ci():
    """CI must run the OCR tests, never skip them: .ci/run installs Tesseract."""
    if os.environ.get("CI"):
        assert HAVE_TESSERACT, f"Tesseract is needed in CI: {ocr.TESSERACT_INSTALL}"


def test_the_committed_scans_are_image_only():
    """Guards every test below: the fixtures really have no text layer."""
    import pdfplumber

    assert sorted(p.name for p in SCANS.glob("*.pdf")) == sorted(p.name for p in SCAN_FILES + [MIXED_FILE])
    for path in SCAN_FILES + [LOW_RES_SCAN]:
        with pdfplumber.open(path) as pdf:
            assert all(not page.chars and len(page.images) == 1 for page in pdf.pages), path.name
    with pdfplumber.open(MIXED_FILE) as pdf:
        assert [bool(page.chars) for page in pdf.pages] == [True, True, False, False, False]


@pytest.fixture(scope="session")
def scans_store(tmp_path_factory):
    """The committed scans ingested in one batch by the real CLI, in a pool of 2 workers."""
    if not HAVE_TESSERACT:
        pytest.fail(f"Tesseract is needed: {ocr.TESSERACT_INSTALL}") if os.environ.get("CI") else \
            pytest.skip("Tesseract is not installed")
    store = tmp_path_factory.mktemp("scans") / "store"
    result = cli("ingest", SCANS, "--store", store, "--workers", "2")
    assert result.exit_code == 0, result.output
    return store


def doc_of(store, path):
    docs = read_table(store, "documents")
    return docs[docs.source_path.map(lambda p: p.endswith("/" + path.name))].iloc[0]


@needs_tesseract
@pytest.mark.parametrize("scan", SCAN_FILES, ids=lambda p: p.stem)
def test_scans_read_as_the_truth_within_the_issue_bars(scans_store, scan):
    score = score_note(scans_store, scan.name, expected(truth_of(scan)))
    assert score["rows_f1"] >= ROWS_F1, score
    assert score["tasks_similar"] >= TASKS_SIMILAR, score
    assert score["statuses_right"] >= STATUSES_RIGHT, score
    assert score["metadata_right"], score


@needs_tesseract
def test_a_note_with_scanned_pages_reads_only_those_with_ocr(scans_store):
    """Pages 1-2 from the text layer, 3-5 by OCR, one note: rows joined across the seam too."""
    doc = doc_of(scans_store, MIXED_FILE)
    assert any(w.startswith("ocr: mean confidence") and "(3 of 5 pages OCR'd" in w for w in doc.warnings)
    score = score_note(scans_store, MIXED_FILE.name, expected("som27-midterm"))
    assert score["rows_f1"] >= ROWS_F1 and score["tasks_similar"] >= TASKS_SIMILAR, score
    assert score["statuses_right"] >= STATUSES_RIGHT and score["metadata_right"], score


def test_ocr_never_says_which_scanned_pages_of_a_note_were_not_read(tmp_path):
    store = tmp_path / "store"
    result = cli("ingest", MIXED_FILE, "--store", store, "--workers", "1", "--ocr", "never")
    assert result.exit_code == 0, result.output
    doc = read_table(store, "documents").iloc[0]
    assert "no_text_layer: pages 3, 4, 5 are images without text, not read (--ocr never)" in list(doc.warnings)
    assert 0 < doc.n_tasks < len(expected("som27-midterm")["tasks"])


@needs_tesseract
def test_rows_cut_by_page_breaks_are_joined_in_a_scan(scans_store):
    """The seed note's rows cut by page breaks are joined as in its born-digital PDF."""
    doc = doc_of(scans_store, SCANS / scan_name("som26-midterm", "300dpi"))
    tasks = read_table(scans_store, "tasks")
    tasks = tasks[tasks.doc_id == doc.doc_id].sort_values("ordinal")
    assert len(tasks) == len(expected("som26-midterm")["tasks"]) == 22
    assert (tasks.page_end > tasks.page_start).sum() >= 5
    phase2 = tasks[tasks.task_text.str.startswith("Prepare Phase II")].iloc[0]
    assert phase2.page_end == phase2.page_start + 1
    assert " ".join(phase2.task_text.split()).endswith(
        "in close collaboration with the Issue Management Group on Environmental Sustainability Management")


@needs_tesseract
@pytest.mark.parametrize("scan", SCAN_FILES, ids=lambda p: p.stem)
def test_an_ocr_note_says_so_with_its_mean_confidence(scans_store, scan):
    doc = doc_of(scans_store, scan)
    found = [OCR_WARNING.match(w) for w in doc.warnings if OCR_WARNING.match(w)]
    assert len(found) == 1
    assert int(found[0].group(1)) >= ocr.LOW_CONFIDENCE
    assert not any(w.startswith("ocr_low_confidence") for w in doc.warnings)
    assert doc.format == "pdf" and doc.n_pages >= 5
    assert doc.unplaced_words == 0  # every word OCR read is in a cell, a passage or the header


@pytest.fixture(scope="session")
def low_res_store(tmp_path_factory):
    """The hostile fixture, 2 pages of the seed note scanned at 60 dpi, ingested by the real CLI:
    it used to be refused (no_text_layer); it is read now, and its OCR cannot be trusted."""
    if not HAVE_TESSERACT:
        pytest.fail(f"Tesseract is needed: {ocr.TESSERACT_INSTALL}") if os.environ.get("CI") else \
            pytest.skip("Tesseract is not installed")
    store = tmp_path_factory.mktemp("low-res") / "store"
    result = cli("ingest", LOW_RES_SCAN, "--store", store, "--workers", "1")
    assert result.exit_code == 0, result.output
    return store


@needs_tesseract
def test_a_60_dpi_scan_is_read_and_flagged_low_confidence(low_res_store):
    doc = read_table(low_res_store, "documents").iloc[0]
    mean = [int(OCR_WARNING.match(w).group(1)) for w in doc.warnings if OCR_WARNING.match(w)]
    assert len(mean) == 1 and mean[0] < ocr.LOW_CONFIDENCE
    assert any(w.startswith("ocr_low_confidence") for w in doc.warnings)
    assert doc.n_tasks > 0 and doc.symbol == "EMG SOM26/mid-term/03"


@needs_tesseract
def test_words_read_with_low_confidence_are_kept_and_named(low_res_store):
    """No OCR'd word is dropped for its confidence: the uncertain ones are named in a warning
    and are in the stored text, and every word is accounted for (a cell, a passage, a warning)."""
    texts = []
    for table, columns in (("tasks", ["task_text", "progress_text", "next_steps_text"]), ("passages", ["text"])):
        frame = read_table(low_res_store, table)
        texts += [t for c in columns for t in frame[c].dropna()]
    doc = read_table(low_res_store, "documents").iloc[0]
    listed = [w for w in doc.warnings if w.startswith("ocr_uncertain_words:")]
    assert len(listed) == 1
    found = re.match(r"ocr_uncertain_words: (\d+) words .*?kept as read: (.*?)( and \d+ more)?$", listed[0])
    count, words = int(found.group(1)), found.group(2).split()
    assert count >= len(words) == min(count, ocr.MAX_LISTED_WORDS) > 0
    stored = " ".join(texts + [w for w in doc.warnings if w.startswith("unplaced_text")])
    for word in words:
        assert word in stored, word


@pytest.mark.parametrize("path", [LOW_RES_SCAN, SCAN_FILES[1]], ids=lambda p: p.stem)
def test_ocr_never_keeps_the_clear_no_text_layer_error(tmp_path, path):
    result = cli("ingest", path, "--store", tmp_path / "store", "--workers", "1", "--ocr", "never")
    assert result.exit_code == 1
    errors = read_table(tmp_path / "store", "errors")
    assert list(errors.error) == ["no_text_layer"]
    assert "--ocr auto" in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.fixture
def no_tesseract(tmp_path, monkeypatch):
    """A machine without Tesseract: nothing on the PATH, and the cached look-up forgotten."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    ocr.tesseract_available.cache_clear()
    yield
    ocr.tesseract_available.cache_clear()


def test_without_tesseract_auto_gives_no_text_layer_with_the_install_command(tmp_path, no_tesseract):
    result = cli("ingest", LOW_RES_SCAN, "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 1
    assert list(read_table(tmp_path / "store", "errors").error) == ["no_text_layer"]
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in result.stderr
    assert result.stderr.count("\n") == 1


def test_without_tesseract_ocr_always_is_a_usage_error(tmp_path, no_tesseract):
    result = cli("ingest", SAMPLES / "som27-midterm.pdf", "--store", tmp_path / "store", "--ocr", "always")
    assert result.exit_code == 2
    assert "tesseract-ocr" in result.stderr


def test_without_tesseract_born_digital_notes_are_read_as_ever(tmp_path, no_tesseract):
    result = cli("ingest", SAMPLES / "som27-midterm.pdf", "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 0
    doc = read_table(tmp_path / "store", "documents").iloc[0]
    assert doc.n_tasks == len(expected("som27-midterm")["tasks"])
    assert not any(w.startswith("ocr") for w in doc.warnings)


@needs_tesseract
def test_tesseract_failing_is_an_ocr_failed_error_not_a_traceback(tmp_path, monkeypatch):
    """Tesseract found at start but its language data gone: one error row, one stderr line."""
    assert ocr.tesseract_available()  # checked (and cached) before the data goes
    empty = tmp_path / "no-tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    result = cli("ingest", LOW_RES_SCAN, "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 1
    assert list(read_table(tmp_path / "store", "errors").error) == ["ocr_failed"]
    assert "OCR failed on page 1" in result.stderr and result.stderr.count("\n") == 1


def test_a_bad_ocr_mode_is_a_usage_error(tmp_path):
    result = cli("ingest", SAMPLES / "som27-midterm.pdf", "--store", tmp_path / "store", "--ocr", "sometimes")
    assert result.exit_code == 2


@needs_tesseract
def test_ocr_always_reads_a_born_digital_note_from_its_page_images(tmp_path):
    """`--ocr always` ignores the text layer: the rows come from the pages' images, and match."""
    store = tmp_path / "store"
    note = SAMPLES / "som27-midterm.pdf"
    result = cli("ingest", note, "--store", store, "--workers", "1", "--ocr", "always")
    assert result.exit_code == 0, result.output
    doc = read_table(store, "documents").iloc[0]
    assert any(w.startswith("ocr: mean confidence") and "5 of 5 pages" in w for w in doc.warnings)
    score = score_note(store, note.name, expected("som27-midterm"))
    assert score["rows_f1"] >= ROWS_F1 and score["tasks_similar"] >= TASKS_SIMILAR, score
    assert score["statuses_right"] >= STATUSES_RIGHT and score["metadata_right"], score


def test_the_ocr_stack_loads_only_for_a_page_that_needs_it():
    """Start-up and born-digital notes never import OpenCV or pytesseract."""
    code = ("import sys; from somnotes.ingest.cli import app; "
            "from somnotes.ingest.pipeline import process_file; "
            f"rows = process_file({str(SAMPLES / 'som27-midterm.pdf')!r}); "
            "assert rows['documents'][0]['n_tasks'] > 0; "
            "print(sorted(m for m in ('cv2', 'pytesseract', 'somnotes.extract.ocr.image') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
