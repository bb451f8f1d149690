"""Text objects read alike share one run (extract/pdf/pdfium_source.py, `PdfiumPage.text_run`):
two objects share it only where every item of it is the same bit for bit. A zero's sign is the
case `==` misses (-0.0 == 0.0): a flipped text object written "-1 0 0 -1" keeps its own +0.0
beside one turned by two nested matrices, whose product has a -0.0, drawn first on the page.
The PDF is written here byte by byte and read by PDFium."""
from __future__ import annotations

import math

from somnotes.extract.pdf.pdfium_source import PdfiumDocument

FLIPPED_FIRST = (b"BT /F1 12 Tf 1 0 0 1 72 700 Tm (Hello) Tj ET\n"
                 b"q 0 1 -1 0 300 300 cm 0 1 -1 0 0 0 cm BT /F1 12 Tf 1 0 0 1 0 0 Tm (Turned) Tj ET Q\n"
                 b"BT /F1 12 Tf -1 0 0 -1 400 400 Tm (Flip) Tj ET\n")


def one_page_pdf(content: bytes) -> bytes:
    """A PDF of one Letter page drawing `content` in Helvetica, its cross-reference table exact."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def signs(matrix: tuple) -> tuple:
    return tuple(math.copysign(1.0, v) for v in matrix)


def test_a_zeros_sign_keeps_text_objects_apart(tmp_path):
    path = tmp_path / "signs.pdf"
    path.write_bytes(one_page_pdf(FLIPPED_FIRST))
    with PdfiumDocument(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        runs = list(page.runs.values())
    matrix = {c["text"]: c["matrix"][:4] for c in chars}
    assert matrix["T"] == matrix["F"] == (-1.0, 0.0, 0.0, -1.0)  # equal as numbers...
    assert signs(matrix["T"])[2] == -1.0  # ...the turned object's c is -0.0 (0 x 1 + -1 x 0)
    assert signs(matrix["F"]) == (-1.0, 1.0, 1.0, -1.0)  # the flipped one's as written
    # three objects, three runs: "Hello" level, the two others alike but for that sign
    assert len(runs) == 3 and len({id(r) for r in runs}) == 3
