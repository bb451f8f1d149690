"""The programs that make the sample PDFs, as in real archives: a word processor exporting a
Word file (LibreOffice), a browser printing a web page (Chromium), and an HTML-to-PDF engine
(WeasyPrint). Each draws tables its own way; the readers must not care which one did.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_TIMEOUT_S = 300
# What a headless Chromium needs on a machine with no network and no display (the flags keep
# it from phoning home at start-up, which a closed network answers with errors).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def libreoffice_pdf(docx: Path, out: Path) -> None:
    """Export a Word file to PDF with LibreOffice headless, as the Secretariat does."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not on PATH; use --no-pdf")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", work, str(docx)], check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        shutil.move(Path(work) / (docx.stem + ".pdf"), out)


def chromium_browser() -> str | None:
    """The Chromium to print with: $CHROMIUM, else the first of CHROMIUM_NAMES on PATH, else None."""
    return os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


def chromium_pdf(html_file: Path, out: Path) -> None:
    """Print an HTML page to PDF with a headless Chromium (Debian's chromium)."""
    browser = chromium_browser()
    if browser is None:
        raise SystemExit("Chromium is not on PATH (Debian: apt-get install chromium); use --no-pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}",
                        html_file.resolve().as_uri()], check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)


def weasyprint_pdf(html_file: Path, out: Path) -> None:
    """Render an HTML page to PDF with WeasyPrint, an HTML-to-PDF engine of its own."""
    import weasyprint

    weasyprint.HTML(filename=str(html_file)).write_pdf(str(out))


HTML_PRODUCERS = {"chromium": chromium_pdf, "weasyprint": weasyprint_pdf}


PRINTERS = {"chromium": chromium_pdf, "weasyprint": weasyprint_pdf}  # the HTML-to-PDF producers


def print_html(page_html: str, outs: dict[str, Path]) -> None:
    """Print one HTML page to a PDF per producer: `outs` maps "chromium"/"weasyprint" to the PDF
    each writes (the fixture builders that restyle the seed's page share this)."""
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "page.html"
        page.write_text(page_html, encoding="utf-8")
        for producer, out in outs.items():
            PRINTERS[producer](page, out)
            print(out)
