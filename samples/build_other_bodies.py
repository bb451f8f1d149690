"""Build the notes of other UN bodies (issue 16) from the specs in source/, as Word and PDF, with
the hand-written expected rows in tests/expected/ and a manifest of the files.

    python samples/build_other_bodies.py            # Word + PDF + expected rows
    python samples/build_other_bodies.py --no-pdf   # Word and expected rows only

Into tests/fixtures/other-bodies/:
- unep-cpr159-implementation: a governing body's implementation report (UNEP's layout: the
  code line "EP", a session's dates line, references opening the task cells); Word, its
  LibreOffice PDF and a WeasyPrint PDF of the same note
- ocean-network-tracker: an inter-agency network's action tracker (Action point |
  Responsible | Deadline | Status, no symbol); Word, LibreOffice PDF and a Chromium PDF
- iaccw-session7, iaccw-session8: a committee's notes at two sessions, decision numbers in a
  column of their own; Word and LibreOffice PDF
- som26-midterm-unep: the real seed note's 22 rows under a UNEP header block with the words
  "Resolution / request | Status of implementation | Way forward" (the case issue 16 reports)
- ocean-network-tracker-taught: the tracker with header words no pattern knows ("Commitment",
  "Who", "When", "Where we are"), for teaching them with `ingest --column`; Word only

The EMG samples and their fixtures are built by build_samples.py and are not touched here.
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

from samples.build_samples import EXPECTED_DIR, build_word, manifest_entry  # noqa: E402
from samples.producers import HTML_PRODUCERS  # noqa: E402
from samples.render_html import HtmlStyle, render_html  # noqa: E402
from samples.source import iaccw, ocean_tracker, som26_midterm, unep_cpr159  # noqa: E402
from samples.source.spec import Layout  # noqa: E402

FOLDER = ROOT / "tests" / "fixtures" / "other-bodies"
MANIFEST = FOLDER / "manifest.json"

# The real seed note under UNEP's header block, with a governing body's column words.
UNEP_HEADER = [
    ("UNITED NATIONS", "org"),
    ("EP", "org"),
    ("UNEP/EA.5/INF/3", "symbol"),
    ("Distr.: General", "symbol"),
    ("15 December 2020", "symbol"),
    ("English only", "symbol"),
    ("United Nations Environment Assembly of the United Nations Environment Programme", "plain"),
    ("Fifth session", "meeting"),
    ("Nairobi (online), 22\u201323 February 2021", "plain"),
    ("Mid-Term Progress Report", "title"),
    ("Note by the Secretariat", "byline"),
]
SEED_UNEP = dataclasses.replace(
    som26_midterm.NOTE, name="som26-midterm-unep", provenance="real text, another body's layout",
    header_lines=UNEP_HEADER,
    layout=Layout(headers=("Resolution / request", "Status of implementation", "Way forward")),
    meta=dict(organization="UNEP", series="UNEP/EA", symbol="UNEP/EA.5/INF/3", title="Mid-Term Progress Report",
              segment=None, meeting_number=5, meeting_date="2021-02-22", note_date="2020-12-15"))

# The tracker again with header words no pattern knows, taught with ingest --column.
TAUGHT_HEADERS = {"Action point": "Commitment", "Status": "Where we are", "Responsible": "Who", "Deadline": "When"}


def renamed(note, headers: dict):
    """The note with its column headers renamed (extra columns' cells follow their header)."""
    layout = note.layout
    new_layout = dataclasses.replace(
        layout, headers=tuple(headers.get(h, h) if h else h for h in layout.headers),
        extra_headers=tuple(headers.get(h, h) for h in layout.extra_headers),
        columns=tuple(headers.get(c, c) for c in layout.columns))
    parts = [dataclasses.replace(part, sections=[dataclasses.replace(sec, rows=[
        dataclasses.replace(row, extra={headers.get(k, k): v for k, v in row.extra.items()}) for row in sec.rows])
        for sec in part.sections]) for part in note.parts]
    return dataclasses.replace(note, name=note.name + "-taught", layout=new_layout, parts=parts)


TRACKER_TAUGHT = renamed(ocean_tracker.NOTE, TAUGHT_HEADERS)
# (note, the HTML producers that print it too, beside LibreOffice's PDF of the Word file)
NOTES = [(unep_cpr159.NOTE, ["weasyprint"]), (ocean_tracker.NOTE, ["chromium"]), (iaccw.SESSION7, []),
         (iaccw.SESSION8, []), (SEED_UNEP, [])]
WORD_ONLY = [TRACKER_TAUGHT]


def html_pdfs(note, producers: list[str]) -> list[dict]:
    """The note printed from HTML by each of `producers`, into FOLDER."""
    entries = []
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / f"{note.name}.html"
        page.write_text(render_html(note, HtmlStyle()), encoding="utf-8")
        for producer in producers:
            out = FOLDER / f"{note.name}-{producer}.pdf"
            HTML_PRODUCERS[producer](page, out)
            entries.append(manifest_entry(out, note.name, producer, "other-bodies"))
            print(f"  {out.relative_to(ROOT)}")
    return entries


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    FOLDER.mkdir(parents=True, exist_ok=True)
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    entries = []
    for note, producers in NOTES:
        entries += build_word(note, FOLDER, "other-bodies", not args.no_pdf)
        if not args.no_pdf:
            entries += html_pdfs(note, producers)
    for note in WORD_ONLY:
        entries += build_word(note, FOLDER, "needs-teaching", False)
    if not args.no_pdf:
        MANIFEST.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
