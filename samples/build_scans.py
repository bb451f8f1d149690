"""Scans of the sample notes, as a scanner gives them: page images in a PDF, no text layer.

    python samples/build_scans.py            # the committed OCR fixtures in tests/fixtures/scans/
    python samples/build_scans.py --all OUT  # every note at every setting (the OCR benchmark's set)

Each page of a sample PDF (built by samples/build_samples.py) is rendered with pypdfium2 to an
image, grey (JPEG) or black and white (CCITT G4), as an office scanner saves a printed page, and
written into an image-only PDF whose page size is the paper's (the image's pixels over its dpi). One setting adds what a
printed-and-scanned page has on top: a slight rotation and speckle noise (dust, toner).

The truth of a scan is the truth of the note scanned, tests/expected/<note>.json, written from
the hand-written specs: nothing here is read back by the code under test.

Which scans are committed (CI has 2 cores; Tesseract takes a few seconds for a page there):
the real seed note at 300 dpi black and white (10 pages, rows cut by page breaks), som27-midterm
at 150 dpi grey (5 pages, four columns, narrow cells) and som26-annual at 300 dpi, skewed and
speckled (6 pages, the header row repeated on every page): 21 pages, 1.7 MB, each setting once;
and som27-midterm with its last 3 pages scanned (a born-digital note with scanned pages).
`--all` makes the eleven scans of the benchmark (every note at every setting, and the seed note
in its two layouts without cell borders at 300 dpi).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCANS_DIR = ROOT / "tests" / "fixtures" / "scans"
NOTES = ["som26-midterm", "som26-annual", "som27-midterm"]
# The seed note in the layouts without cell borders (tests/fixtures/layouts/): Tesseract reads
# them whole, and the columns come from the header row's words. In the benchmark's set only.
LAYOUTS = ["som26-midterm-unruled", "som26-midterm-shading"]
POINTS_PER_INCH = 72
# A scanner's JPEG: grey text pages at this quality keep every glyph edge; lower visibly smears
# 7 pt type at 150 dpi.
JPEG_QUALITY = 75
FIXED_DATE = time.strptime("2024-01-01", "%Y-%m-%d")  # the same bytes on every build
WHITE = 255


@dataclass(frozen=True)
class ScanSetting:
    """How a page is scanned: resolution, colour (grey "L", saved as JPEG, or black and white "1",
    saved as CCITT G4 as document scanners do), rotation (degrees, counter-clockwise) and the
    share of pixels flipped to a random grey (speckle)."""

    dpi: int
    mode: str = "L"
    skew_degrees: float = 0.0
    speckle: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.dpi}dpi" + ("-bw" if self.mode == "1" else "") + ("-skewed" if self.skew_degrees else "")


# A sheet fed slightly askew (under 1 degree is what a feeder's guides allow) on a dusty glass:
# one dark speck per 2,000 pixels, of 1 or 2 pixels a side.
SKEWED = dict(skew_degrees=0.8, speckle=0.0005)
# grey at 150 dpi, black and white at 300 dpi (a tenth of the bytes of grey), and the skewed one
SETTINGS = {"150dpi": ScanSetting(150), "300dpi": ScanSetting(300, "1"), "skewed": ScanSetting(300, "1", **SKEWED)}
COMMITTED = [("som26-midterm", "300dpi"), ("som27-midterm", "150dpi"), ("som26-annual", "skewed")]
# A note whose first pages are born-digital and whose last were scanned (an annex signed and
# scanned, a page replaced): `--ocr auto` reads only the scanned ones with OCR.
MIXED = ("som27-midterm", "300dpi", 2)  # note, setting of its scanned pages, digital pages first
BW_THRESHOLD = 160  # grey level under which a black-and-white scanner prints a dot


def render_pages(pdf_path: Path, dpi: int) -> list:
    """Given a PDF, return its pages as grey PIL images at `dpi`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil().convert("L")
                for i in range(len(pdf))]
    finally:
        pdf.close()


def degrade(image, setting: ScanSetting, rng: random.Random):
    """Rotate a page image slightly and sprinkle speckles on it, as a worn scan has them."""
    if setting.skew_degrees:
        image = image.rotate(setting.skew_degrees, expand=False, fillcolor=WHITE)
    if setting.speckle:
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * setting.speckle)):
            # dark dots of 1 or 2 pixels a side (toner, dust)
            x, y, side, level = rng.randrange(width - 1), rng.randrange(height - 1), rng.choice((1, 1, 2)), rng.choice((0, 60))
            for dx in range(side):
                for dy in range(side):
                    pixels[x + dx, y + dy] = level
    return image


def scan_pdf(source: Path, out: Path, setting: ScanSetting, seed: int = 13) -> Path:
    """Write `out`: the pages of `source` as scanned images at `setting`, no text layer."""
    rng = random.Random(seed)
    images = [degrade(page, setting, rng) for page in render_pages(source, setting.dpi)]
    if setting.mode == "1":
        images = [im.point(lambda v: WHITE if v >= BW_THRESHOLD else 0).convert("1") for im in images]
    out.parent.mkdir(parents=True, exist_ok=True)
    jpeg = {"quality": JPEG_QUALITY} if setting.mode == "L" else {}
    images[0].save(out, "PDF", resolution=float(setting.dpi), save_all=True, append_images=images[1:],
                   title=f"Scan of {source.name}", creationDate=FIXED_DATE, modDate=FIXED_DATE, **jpeg)
    return out


def mixed_pdf(note: str, setting_name: str, digital_pages: int, folder: Path) -> Path:
    """Write `<note>-mixed.pdf`: its first `digital_pages` pages born-digital, the rest scanned."""
    import pypdfium2 as pdfium

    out = folder / f"{note}-mixed.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_pdf(HERE / f"{note}.pdf", Path(tmp) / "scan.pdf", SETTINGS[setting_name])
        digital, scanned, mixed = pdfium.PdfDocument(str(HERE / f"{note}.pdf")), pdfium.PdfDocument(str(scan)), \
            pdfium.PdfDocument.new()
        mixed.import_pages(digital, list(range(digital_pages)))
        mixed.import_pages(scanned, list(range(digital_pages, len(scanned))))
        mixed.save(str(out))
        for doc in (mixed, scanned, digital):
            doc.close()
    return out


def source_pdf(note: str) -> Path:
    """The born-digital PDF of a sample note or of a layout fixture."""
    return ROOT / "tests" / "fixtures" / "layouts" / f"{note}.pdf" if note in LAYOUTS else HERE / f"{note}.pdf"


def scan_name(note: str, setting_name: str) -> str:
    return f"{note}-{SETTINGS[setting_name].label}.pdf"


def build(pairs, folder: Path) -> list[Path]:
    """Scan each (note, setting name) of `pairs` into `folder`."""
    return [scan_pdf(source_pdf(note), folder / scan_name(note, setting), SETTINGS[setting])
            for note, setting in pairs]


def truth_of(scan: Path) -> str:
    """The note a scan was made from (its expected rows are tests/expected/<note>.json)."""
    return max((note for note in NOTES + LAYOUTS if scan.name.startswith(note + "-")), key=len)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, metavar="OUT", help="scan every note at every setting into OUT")
    args = parser.parse_args(argv)
    if args.all:
        paths = build([(n, s) for n in NOTES for s in SETTINGS] + [(n, "300dpi") for n in LAYOUTS], args.all)
    else:
        paths = build(COMMITTED, SCANS_DIR) + [mixed_pdf(*MIXED, SCANS_DIR)]
    for path in paths:
        print(f"{path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
