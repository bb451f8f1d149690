"""Rebuild the sample notes and the layout fixtures from the specs in source/, with the hand-checked
expected rows in tests/expected/ and a manifest of every fixture (tests/fixtures/manifest.json).

    python samples/build_samples.py            # Word + PDF + expected rows
    python samples/build_samples.py --no-pdf   # Word and expected rows only (no LibreOffice, Chromium)

Word files come from python-docx (samples/render_docx.py). PDFs come from three producers as in
real archives (samples/producers.py): LibreOffice exporting the Word file, Chromium printing an
HTML rendering of the same note (samples/render_html.py), and WeasyPrint rendering that HTML.
The built files are committed, so the tests never need LibreOffice or Chromium.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from samples.cells import expected_rows  # noqa: E402  (other builders import these two from here)
from samples.drafts import render_tracked_draft  # noqa: E402
from samples.producers import HTML_PRODUCERS, libreoffice_pdf  # noqa: E402
from samples.render_docx import render_docx  # noqa: E402
from samples.render_html import HtmlStyle, render_html  # noqa: E402
from samples.source import som26_annual, som26_midterm, som27_midterm  # noqa: E402
from samples.source.spec import Layout  # noqa: E402

NOTES = [som26_midterm.NOTE, som26_annual.NOTE, som27_midterm.NOTE]
# The real seed note again, laid out otherwise: same rows expected, different document.
LAYOUT_VARIANTS = [dataclasses.replace(
    som26_midterm.NOTE, name="som26-midterm-alt", provenance="real text, another layout",
    layout=Layout(headers=("Task", "Progress made", "Next Steps"), repeat_header=True, single_table=True,
                  symbol_in_page_header=True, page_numbers=True, bold_labels=False, font_size=10)),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-shading", provenance="real text, another layout",
                        layout=Layout(table_style="Light Shading")),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-unruled", provenance="real text, another layout",
                        layout=Layout(table_style=None, headers=("Tasks", "Status", "Way forward"))),
    dataclasses.replace(som26_midterm.NOTE, name="som26-midterm-banners", provenance="real text, another layout",
                        layout=Layout(part_banners=True, headers=("Tasks", "Progress", "Next Steps"), font_size=11.5)),
]
VARIANTS_DIR = ROOT / "tests" / "fixtures" / "layouts"
EXPECTED_DIR = ROOT / "tests" / "expected"

SEED = som26_midterm.NOTE
# The real seed note in each layout class of real archives, as Word and its LibreOffice PDF.
CLASS_LAYOUTS = {
    "vmerge": Layout(vertical_merge="merged"),  # Task and Next steps cells merged over the item rows
    "vmerge-last": Layout(vertical_merge="last", headers=("Task", "Progress", "Next Steps")),
    "status": Layout(status_column=True, landscape=True),  # Tasks | Status | Progress | Next steps
    "bullets": Layout(list_style="bullets"),  # bulleted progress items, numbered next steps
    "tight": Layout(paragraph_gap_pt=0),  # no gap between paragraphs: labels after unpunctuated items
    "highlight": Layout(highlight=True),  # a draft's highlighted Next steps: filled boxes behind the words
}
CLASS_VARIANTS = [dataclasses.replace(SEED, name=f"{SEED.name}-{cls}", provenance="real text, another layout",
                                      layout=layout) for cls, layout in CLASS_LAYOUTS.items()]
CLASSES_DIR = ROOT / "tests" / "fixtures" / "classes"
# The seed note printed by other producers from HTML: the plain layout in three table styles,
# and every layout class in the default style.
HTML_STYLES = {"": HtmlStyle(), "noheader": HtmlStyle(header_repeat=False), "fused": HtmlStyle(header_rule=False)}
PRODUCERS_DIR = ROOT / "tests" / "fixtures" / "producers"
DRAFTS_DIR = ROOT / "tests" / "fixtures" / "drafts"
MANIFEST = ROOT / "tests" / "fixtures" / "manifest.json"


def convert_to_pdf(docx: Path, outdir: Path) -> None:
    """LibreOffice's PDF of a Word file, beside it (kept under this name for other builders)."""
    libreoffice_pdf(docx, outdir / (docx.stem + ".pdf"))


def manifest_entry(path: Path, truth: str, producer: str, layout_class: str, style: str = "") -> dict:
    return {"file": path.relative_to(ROOT).as_posix(), "truth": truth, "producer": producer,
            "class": layout_class, "style": style or "default"}


def build_word(note, folder: Path, layout_class: str, pdf: bool) -> list[dict]:
    """A note as Word and (with `pdf`) as LibreOffice's PDF; its truth written beside the others."""
    docx = folder / f"{note.name}.docx"
    render_docx(note, docx)
    entries = [manifest_entry(docx, note.name, "word", layout_class)]
    if pdf:
        convert_to_pdf(docx, folder)
        entries.append(manifest_entry(docx.with_suffix(".pdf"), note.name, "libreoffice", layout_class))
    expected = expected_rows(note)
    (EXPECTED_DIR / f"{note.name}.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    print(f"{note.name}: {len(expected['tasks'])} tasks")
    return entries


def build_html_pdfs(note, layout_class: str, styles: dict) -> list[dict]:
    """A note printed from HTML by each HTML producer, in each of `styles`."""
    entries = []
    with tempfile.TemporaryDirectory() as work:
        for style_name, style in styles.items():
            page = Path(work) / f"{note.name}-{style_name or 'default'}.html"
            page.write_text(render_html(note, style), encoding="utf-8")
            for producer, make_pdf in HTML_PRODUCERS.items():
                out = PRODUCERS_DIR / ("-".join(filter(None, [note.name, producer, style_name])) + ".pdf")
                make_pdf(page, out)
                entries.append(manifest_entry(out, note.name, producer, layout_class, style_name))
                print(f"  {out.relative_to(ROOT)}")
    return entries


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    for folder in (EXPECTED_DIR, VARIANTS_DIR, CLASSES_DIR, PRODUCERS_DIR, DRAFTS_DIR):
        folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for note in NOTES:
        entries += build_word(note, HERE, "plain" if note is SEED else "sample", not args.no_pdf)
    for note in LAYOUT_VARIANTS:
        entries += build_word(note, VARIANTS_DIR, note.name.rsplit("-", 1)[1], not args.no_pdf)
    for note, layout_class in zip(CLASS_VARIANTS, CLASS_LAYOUTS):
        entries += build_word(note, CLASSES_DIR, layout_class, not args.no_pdf)
    draft = DRAFTS_DIR / f"{SEED.name}-tracked.docx"  # Word only: a PDF would print the revisions
    render_tracked_draft(SEED, draft)
    entries.append(manifest_entry(draft, SEED.name, "word", "tracked"))
    if not args.no_pdf:
        entries += build_html_pdfs(SEED, "plain", HTML_STYLES)
        for note, layout_class in zip(CLASS_VARIANTS, CLASS_LAYOUTS):
            entries += build_html_pdfs(note, layout_class, {"": HtmlStyle()})
        MANIFEST.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
