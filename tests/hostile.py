"""Builders of damaged and hostile files, made at test time from real ones."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

from conftest import SAMPLES


def many_page_pdf(path: Path, pages: int) -> None:
    """A valid PDF of `pages` pages with one line of text each."""
    minimal_pdf(path, [f"BT /F1 12 Tf 72 720 Td (Page {n + 1} of a long compilation) Tj ET".encode()
                       for n in range(pages)])


def minimal_pdf(path: Path, contents: list[bytes], size: tuple[int, int] = (612, 792),
                inherited_size: bool = False, fonts: list[str] | None = None) -> None:
    """A valid PDF (a minimal writer: Helvetica as /F1, the cross-reference table at the objects'
    true offsets, so that PDFium reads it rather than handing it to pdfplumber as damaged) of one
    page of `size` points for each content stream in `contents`; with `inherited_size`, the size
    is the page tree's (/MediaBox on the /Pages node, which every page inherits), not each page's;
    with `fonts` (standard 14 names, one a page), each page's /F1 is a font object of its own."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    mediabox = f"/MediaBox [0 0 {size[0]} {size[1]}]"
    for n, content in enumerate(contents):
        font_id = 3
        if fonts is not None:
            objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{fonts[n]} >>".encode())
            font_id = len(objects)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        content_id = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R {'' if inherited_size else mediabox} /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = (f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(contents)} "
                  f"{mediabox if inherited_size else ''} >>").encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (i, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def zip_bomb_docx(path: Path, megabytes: int = 300) -> None:
    """A .docx whose document.xml unpacks to `megabytes` MB (it compresses ~1000:1)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)


MARKUP_NOTE_SYMBOL = "EMG SOM28/mid-term/01"


def note_with_markup(path: Path) -> str:
    """The real seed note re-issued for a later meeting, with `<script>` typed into a Next
    steps cell; returns that text."""
    doc = Document(str(SAMPLES / "som26-midterm.docx"))
    for para in doc.paragraphs[:10]:
        if para.text == "29 April 2020":
            para.runs[0].text, del_runs = "14 April 2022", para.runs[1:]
        elif para.text == "EMG SOM26/mid-term/03":
            para.runs[0].text, del_runs = MARKUP_NOTE_SYMBOL, para.runs[1:]
        else:
            continue
        for run in del_runs:
            run.text = ""
    text = "<script>alert('x')</script> & <b>not bold</b>"
    cell = doc.tables[0].rows[1].cells[2]
    cell.paragraphs[0].text = text
    doc.save(str(path))
    return text
