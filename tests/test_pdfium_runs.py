"""Text objects read alike share one run (extract/pdf/pdfium_source.py, `PdfiumPage.text_run`):
two objects share it only where every item of it is the same bit for bit. A zero's sign is the
case `==` misses (-0.0 == 0.0): a flipped text object written "-1 0 0 -1" keeps its own +0.0
beside one turned by two nested matrices, whose product has a -0.0, drawn first on the page.
The PDF is written by tests/hostile.py's minimal writer and read by PDFium."""
from __future__ import annotations

import math

from somnotes.extract.pdf.pdfium_source import PdfiumDocument

from hostile import minimal_pdf

FLIPPED_FIRST = (b"BT /F1 12 Tf 1 0 0 1 72 700 Tm (Hello) Tj ET\n"
                 b"q 0 1 -1 0 300 300 cm 0 1 -1 0 0 0 cm BT /F1 12 Tf 1 0 0 1 0 0 Tm (Turned) Tj ET Q\n"
                 b"BT /F1 12 Tf -1 0 0 -1 400 400 Tm (Flip) Tj ET\n")


def signs(matrix: tuple) -> tuple:
    return tuple(math.copysign(1.0, v) for v in matrix)


def test_a_zeros_sign_keeps_text_objects_apart(tmp_path):
    path = tmp_path / "signs.pdf"
    minimal_pdf(path, [FLIPPED_FIRST])
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
