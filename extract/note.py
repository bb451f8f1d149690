"""Entry point of extraction: one file in, one `Note` out, or an `ExtractError` with a code."""
from __future__ import annotations

import sys
import threading
import zipfile
import zlib
from pathlib import Path

from ..codes import ERRORS
from .layout import lay_out
from .model import Note
from .ocr.policy import OcrFailed, no_text_layer_message
from .options import NO_CLOCK, Clock, ReadOptions

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc and encrypted Office files
SNIFF_BYTES = 1024
# A .docx whose parts would unpack to more than this is refused before parsing (zip bombs).
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200  # uncompressed / compressed size of a part; Word XML rarely exceeds 20
# ...and only a part this large counts as a bomb by its ratio: a small part of repeated XML may
# compress far better yet cost nothing to read. The largest part of any note in samples/ and
# tests/ is 0.44 MB (stylesWithEffects.xml, 32x); this is over twenty times that.
MIN_BOMB_PART_BYTES = 10_000_000
MAX_MESSAGE_CHARS = 300  # an error message is one line a person reads
# The code that reads a file's bytes for us: an exception raised inside it is the file's fault
# (pdfminer raises plain TypeError, KeyError or struct.error on malformed objects). Anything
# raised in our own code is a bug of ours and must not be reported as a damaged file.
# pdfplumber is not among them: we hand it data of our own (the rules somnotes adds to close cut
# rows, the OCR's words), so a plain KeyError inside pdfplumber may be our fault; its reports of
# a damaged file are its own exception classes (library_errors).
PARSERS = {"pdf": ("pdfminer", "pypdfium2"), "docx": ("docx", "lxml")}
# "not_a_" + the suffix: each code written out, so that the README's list can be checked
NOT_A = {"pdf": ("not_a_pdf", "PDF"), "docx": ("not_a_docx", "DOCX")}


class ExtractError(Exception):
    """A file that cannot be read as a note. `code` is short and stable; str() is one line."""

    def __init__(self, code: str, message: str):
        if code not in ERRORS:  # a code a user cannot look up is a bug of ours: internal_error
            raise ValueError(f"unknown error code {code!r} (codes.py: ERRORS)")
        super().__init__(message)
        self.code = code
        self.message = message


def sniff_format(path: Path) -> str:
    """Given a path, return "pdf" or "docx" judged by the bytes, or raise ExtractError."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise ExtractError("unreadable", f"the file cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise ExtractError("empty_file", "the file is empty")
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if head.startswith(OLE_MAGIC):
        raise ExtractError("unsupported_format", "legacy Word (.doc) or encrypted Office file; save it as .docx")
    code, name = NOT_A.get(path.suffix.lower().lstrip("."), ("not_a_note", "PDF or Word"))
    raise ExtractError(code, f"the content is not a {name} file")


def check_docx_container(path: Path) -> None:
    """Refuse a .docx that is not a Word package, or whose declared sizes make it a zip bomb."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            if total > MAX_DOCX_UNCOMPRESSED or any(
                    i.compress_size and i.file_size / i.compress_size > MAX_DOCX_RATIO
                    and i.file_size > MIN_BOMB_PART_BYTES for i in infos):
                raise ExtractError("zip_bomb", f"the .docx would unpack to {total // (1024 * 1024)} MB; refused")
    except zipfile.BadZipFile as exc:
        raise ExtractError("corrupt_docx", f"the .docx is damaged or truncated ({exc})") from None
    if "word/document.xml" not in names:
        raise ExtractError("not_a_docx", "the zip file holds no Word document (word/document.xml)")


# Held while the Word reader is imported: a Dask worker reads files in threads, and
# python-docx's modules imported by two at once could meet half-initialised.
WORD_READER_LOCK = threading.Lock()


def word_reader():
    """The Word reader's read_docx, imported on first use, one thread at a time: a process that
    reads only PDFs never loads python-docx and lxml (one that reads and commits 12 PDFs peaked
    at 336 MB with them, 324 to 326 without: bench/benchmark.py's peak_memory)."""
    with WORD_READER_LOCK:
        from .word.reader import read_docx
    return read_docx


def read_document(path: Path, options: ReadOptions = ReadOptions(), clock: Clock = NO_CLOCK):
    """Given a path, return its RawDocument (blocks in reading order); PDF pages without a text
    layer are read by OCR as `options.ocr` says (auto, always, never), asking `clock` for the time."""
    fmt = sniff_format(path)
    if fmt == "docx":
        check_docx_container(path)
        read_docx = word_reader()
        try:
            return read_docx(path, options.roles)
        except ExtractError:
            raise
        except Exception as exc:
            if not parser_failure(exc, "docx"):
                raise  # a bug of ours: the caller reports it as internal_error
            message = one_line(f"the .docx cannot be read: {type(exc).__name__}: {exc}")
            raise ExtractError("corrupt_docx", message) from None
    from .pdf.reader import MAX_PAGES, TooManyPages, read_pdf
    try:
        raw = read_pdf(path, options, clock)
    except TooManyPages as exc:
        raise ExtractError("too_many_pages",
                           f"the PDF has {exc.args[0]} pages; progress notes have at most {MAX_PAGES}") from None
    except ExtractError:
        raise
    except OcrFailed as exc:
        raise ExtractError("ocr_failed", " ".join(str(exc).split())[:MAX_MESSAGE_CHARS]) from None
    except Exception as exc:
        if is_password_error(exc):
            raise ExtractError("encrypted_pdf", "the PDF is password-protected") from None
        if not parser_failure(exc, "pdf"):
            raise  # a bug of ours: the caller reports it as internal_error
        raise ExtractError("corrupt_pdf", one_line(f"the PDF cannot be read: {type(exc).__name__}: {exc}")) from None
    if "no_text_layer" in raw.warnings:
        raise ExtractError("no_text_layer", no_text_layer_message(options.ocr))
    return raw


def one_line(message: str) -> str:
    """The first line of a message, cut to what a person reads in a terminal."""
    return message.splitlines()[0][:MAX_MESSAGE_CHARS] if message else message


def library_errors(fmt: str) -> tuple[type, ...]:
    """The exception classes the container and a format's parsing libraries raise for a file
    they cannot read."""
    # lxml's XMLSyntaxError only where lxml is loaded (a Word file was read): no exception can be
    # one otherwise, and a process that reads PDFs alone does not load it for a PDF that fails
    etree = sys.modules.get("lxml.etree")
    container = (zipfile.BadZipFile, zlib.error) + ((etree.XMLSyntaxError,) if etree is not None else ())
    if fmt == "pdf":
        from pdfminer.psexceptions import PSException
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

        return container + (PSException, PdfminerException, MalformedPDFException)
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from docx.oxml.exceptions import XmlchemyError

    return container + (OpcError, PythonDocxError, XmlchemyError)


def raised_in(exc: BaseException) -> str:
    """The top-level package whose code raised `exc`: the innermost frame outside the standard
    library (zipfile raising KeyError for a missing part counts for python-docx, its caller)."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_globals.get("__name__", "") or "")
        tb = tb.tb_next
    for module in reversed(frames):
        top = module.split(".", 1)[0]
        if top not in sys.stdlib_module_names:
            return top
    return ""


def parser_failure(exc: BaseException, fmt: str) -> bool:
    """Is this the file's fault? Yes when the container or a parsing library reports damage,
    or when the exception was raised inside a parsing library's own code; no when our code
    raised it (a bug of ours: internal_error)."""
    return isinstance(exc, library_errors(fmt)) or raised_in(exc) in PARSERS[fmt]


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


def extract_note(path: Path, options: ReadOptions = ReadOptions(), clock: Clock = NO_CLOCK) -> Note:
    """Given a Word or PDF file and how to read it, return its header and task rows (not yet
    normalised); `clock` is the file's time limit, which OCR may extend."""
    return lay_out(read_document(Path(path), options, clock), options.roles)
