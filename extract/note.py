"""Entry point of extraction: one file in, one `Note` out, or an `ExtractError` with a code."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .layout import lay_out
from .model import Note
from .ocr import DEFAULT_OCR, OcrFailed, no_text_layer_message

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc and encrypted Office files
SNIFF_BYTES = 1024
# A .docx whose parts would unpack to more than this is refused before parsing (zip bombs).
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200  # uncompressed / compressed size of a part; Word XML rarely exceeds 20
MAX_MESSAGE_CHARS = 300  # an error message is one line a person reads


class ExtractError(Exception):
    """A file that cannot be read as a note. `code` is short and stable; str() is one line."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def sniff_format(path: Path) -> str:
    """Given a path, return "pdf" or "docx" judged by the bytes, or raise ExtractError."""
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head:
        raise ExtractError("empty_file", "the file is empty")
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if head.startswith(OLE_MAGIC):
        raise ExtractError("unsupported_format", "legacy Word (.doc) or encrypted Office file; save it as .docx")
    kind = path.suffix.lower().lstrip(".") or "file"
    raise ExtractError("not_a_" + ("pdf" if kind == "pdf" else "docx" if kind == "docx" else "note"),
                       f"the content is not a {kind.upper() if kind in ('pdf', 'docx') else 'PDF or Word'} file")


def check_docx_container(path: Path) -> None:
    """Refuse a .docx that is not a Word package, or whose declared sizes make it a zip bomb."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            if total > MAX_DOCX_UNCOMPRESSED or any(
                    i.compress_size and i.file_size / i.compress_size > MAX_DOCX_RATIO and i.file_size > 10_000_000
                    for i in infos):
                raise ExtractError("zip_bomb", f"the .docx would unpack to {total // (1024 * 1024)} MB; refused")
    except zipfile.BadZipFile as exc:
        raise ExtractError("corrupt_docx", f"the .docx is damaged or truncated ({exc})") from None
    if "word/document.xml" not in names:
        raise ExtractError("not_a_docx", "the zip file holds no Word document (word/document.xml)")


def read_document(path: Path, ocr: str = DEFAULT_OCR):
    """Given a path, return its RawDocument (blocks in reading order); PDF pages without a text
    layer are read by OCR as `ocr` says (auto, always, never)."""
    fmt = sniff_format(path)
    if fmt == "docx":
        check_docx_container(path)
        from .docx_reader import read_docx
        try:
            return read_docx(path)
        except ExtractError:
            raise
        except Exception as exc:  # python-docx raises many types on damaged packages
            raise ExtractError("corrupt_docx", f"the .docx cannot be read: {type(exc).__name__}: {exc}".splitlines()[0]) from None
    from .pdf_reader import MAX_PAGES, TooManyPages, read_pdf
    try:
        raw = read_pdf(path, ocr)
    except TooManyPages as exc:
        raise ExtractError("too_many_pages", f"the PDF has {exc.args[0]} pages; progress notes have at most {MAX_PAGES}") from None
    except OcrFailed as exc:
        raise ExtractError("ocr_failed", " ".join(str(exc).split())[:MAX_MESSAGE_CHARS]) from None
    except Exception as exc:  # pdfminer raises many types on damaged files
        if is_password_error(exc):
            raise ExtractError("encrypted_pdf", "the PDF is password-protected") from None
        message = f"the PDF cannot be read: {type(exc).__name__}: {exc}".splitlines()[0]
        raise ExtractError("corrupt_pdf", message[:MAX_MESSAGE_CHARS]) from None
    if "no_text_layer" in raw.warnings:
        raise ExtractError("no_text_layer", no_text_layer_message(ocr))
    return raw


def is_password_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's PDFPasswordIncorrect; look through the wrapping."""
    seen = [exc]
    while seen:
        e = seen.pop()
        if "password" in type(e).__name__.lower() or "encrypt" in type(e).__name__.lower():
            return True
        seen.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
        seen.extend(c for c in (e.__cause__, e.__context__) if c is not None)
    return False


def extract_note(path: Path, ocr: str = DEFAULT_OCR) -> Note:
    """Given a Word or PDF file, return its header and task rows (not yet normalised)."""
    return lay_out(read_document(Path(path), ocr))
