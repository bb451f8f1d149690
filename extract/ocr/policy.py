"""OCR of scanned notes: which pages get it, whether Tesseract is there, what a note says of it.

`somnotes ingest --ocr auto` (the default) reads with OCR the pages that have no text layer and
an image instead (a scan); `always` reads every page from its image (a text layer not to be
trusted); `never` reads none. The reading itself is extract/ocr_image.py (OpenCV and Tesseract,
through pytesseract), loaded only when a page needs it, so that start-up and born-digital notes
pay nothing for it. Its words and rules go through the same reader as a born-digital page's.

An OCR'd note says so on its documents row: `ocr: mean confidence N` (Tesseract's word
confidence, 0-100, averaged over the words of the OCR'd pages), `ocr_low_confidence: ...` when
that mean is below LOW_CONFIDENCE, and `ocr_uncertain_words: ...` naming the words read with
less than UNCERTAIN_WORD confidence: they are kept in the text as read, never dropped. Marks
without a letter or digit read with so little confidence ("—", "_", "|": a gap between columns or
a bit of rule read as a character) are set aside, and named: `ocr_marks_set_aside: ...`.
"""
from __future__ import annotations

import functools
import shutil
import statistics
import subprocess

OCR_MODES = ("auto", "always", "never")
DEFAULT_OCR = "auto"
OCR_LANGUAGE = "eng"
TESSERACT_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng"
# Mean word confidence under which a note's OCR is not to be trusted without a look at the scan.
# Measured (python bench/ocr_benchmark.py --all): the eleven sample scans, 150 to 300 dpi, skewed
# and speckled or not, read at 95 with every task text >= 0.98 similar to the truth; the seed note
# at 60 dpi (tests/fixtures/hostile/scanned.pdf) reads at 87 with its columns run together and
# one word in seven not a word of the note. 90 lies between the two.
LOW_CONFIDENCE = 90
# A word read with less confidence than this is named in a warning: under 50, 37 % of the words
# Tesseract returned were words of the note, 99.7 % at 90 and over (the committed scans and the
# 60 dpi one: python bench/ocr_benchmark.py --words).
UNCERTAIN_WORD = 50
MAX_LISTED_WORDS = 20  # a warning is read by a person: the rest are counted, not listed
# A page whose text layer holds fewer words than this under an image covering most of it is a
# scan with a stamp (a page number, a "received" mark) in text: OCR reads the page whole.
FEW_WORDS = 3
COVERING_SHARE = 0.5
TESSERACT_TIMEOUT_S = 10
# OCR takes seconds a page where a text layer takes tens of milliseconds: each page read by OCR
# adds this much to the file's time limit (`ingest --file-timeout`, through the Clock the reader
# is handed: extract/options.py). A page takes 3 to 8 s on
# this project's 2 busy cores (bench/ocr_benchmark.py): 60 s is room for a much slower machine,
# and still ends a Tesseract that hangs.
OCR_PAGE_SECONDS = 60


@functools.lru_cache(maxsize=1)
def tesseract_available() -> bool:
    """Is Tesseract on the PATH with its English model?"""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=TESSERACT_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return False
    return OCR_LANGUAGE in (out.stdout + out.stderr).split()


def is_scanned(page, words: list) -> bool:
    """Is this pdfplumber page (with the words of its text layer) an image with no text?"""
    if len(words) >= FEW_WORDS or not page.images:
        return False
    area = float(page.width * page.height) or 1.0
    covered = max((im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) for im in page.images)
    return not words or covered >= COVERING_SHARE * area


def wants_ocr(mode: str, scanned: bool) -> bool:
    """Does `--ocr mode` read this page from its image (Tesseract being there)?"""
    return mode == "always" or (mode == "auto" and scanned)


class OcrFailed(Exception):
    """Tesseract (or the handling of a page image) failed: the file may be fine, the OCR is not."""


def no_text_layer_message(mode: str) -> str:
    """The one line a user reads for a scan that was not read, saying how to read it."""
    if mode == "never":
        return "the PDF has no text layer (a scan); ingest it with --ocr auto to read it with OCR"
    return f"the PDF has no text layer (a scan) and Tesseract is not installed to read it: {TESSERACT_INSTALL}"


def unread_pages_warning(pages: list[int], mode: str) -> str:
    """A warning for scanned pages of an otherwise readable PDF that were left unread."""
    why = "--ocr never" if mode == "never" else f"Tesseract is not installed: {TESSERACT_INSTALL}"
    return f"no_text_layer: pages {', '.join(map(str, pages))} are images without text, not read ({why})"


def ocr_warnings(scans: list, n_pages: int) -> list[str]:
    """Given what OCR read on each scanned page (extract/ocr_image.ScannedPage), return the
    note's warnings: its mean word confidence, whether that is low, the uncertain words."""
    confidences = [w["confidence"] for scan in scans for w in scan.words + scan.marks]
    if not confidences:
        return [f"ocr: mean confidence 0 ({len(scans)} of {n_pages} pages OCR'd, no word found)"]
    mean = statistics.fmean(confidences)
    dpis = sorted({scan.dpi for scan in scans})
    warnings = [f"ocr: mean confidence {mean:.0f} ({len(scans)} of {n_pages} pages OCR'd, images of "
                f"{'/'.join(map(str, dpis))} dpi)"]
    if mean < LOW_CONFIDENCE:
        warnings.append(f"ocr_low_confidence: mean word confidence {mean:.0f} is below {LOW_CONFIDENCE}; "
                        "check the text against the scan")
    uncertain = [w["text"] for scan in scans for w in scan.words if w["confidence"] < UNCERTAIN_WORD]
    if uncertain:
        listed = " ".join(uncertain[:MAX_LISTED_WORDS])
        more = f" and {len(uncertain) - MAX_LISTED_WORDS} more" if len(uncertain) > MAX_LISTED_WORDS else ""
        warnings.append(f"ocr_uncertain_words: {len(uncertain)} words read with confidence under {UNCERTAIN_WORD}, "
                        f"kept as read: {listed}{more}")
    marks = [w["text"] for scan in scans for w in scan.marks]
    if marks:
        warnings.append(f"ocr_marks_set_aside: {len(marks)} marks without letters or digits read with confidence "
                        f"under {UNCERTAIN_WORD} (gaps and bits of rule read as characters), not in the text: "
                        + " ".join(marks[:MAX_LISTED_WORDS]) + (" ..." if len(marks) > MAX_LISTED_WORDS else ""))
    return warnings
