"""Readers: one file in, a `RawDocument` of paragraphs and tables out.

One module per format, one registry. The format is chosen by what the bytes
are before what the name says: Word saves "Web Page" files as `.doc`, a
`.txt` or `.md` may hold HTML, a `.doc` may really be a `.docx` or a PDF.
Decoding problems and unknown formats raise `ReadError`, which the caller
records against that one file.
"""
from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Callable, Optional

from models import RawDocument
from pipeline.files import KNOWN_FORMATS, doc_id_for
from pipeline.readers.base import ReadError
from pipeline.readers.html import read_html
from pipeline.readers.image import read_image
from pipeline.readers.markdown import read_markdown
from pipeline.readers.office import read_office
from pipeline.readers.pdf import read_pdf
from pipeline.readers.text import decode_text, read_txt
from pipeline.readers.word import read_docx

Reader = Callable[[Path, bytes], RawDocument]

# extension -> reader, when the content does not say otherwise
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".doc": read_office,
    ".rtf": read_office,
    ".odt": read_office,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}

assert {e.lstrip(".") for e in READERS} == set(KNOWN_FORMATS), "a reader without its format in pipeline.files"

# leading bytes -> reader: what the file is, whatever its name
_MAGIC: list[tuple[bytes, Reader]] = [
    (b"%PDF-", read_pdf),
    (b"\x89PNG", read_image),
    (b"\xff\xd8\xff", read_image),
    (b"II*\x00", read_image),
    (b"MM\x00*", read_image),
    (b"{\\rtf", read_office),
    (b"\xd0\xcf\x11\xe0", read_office),  # OLE2: Word 97-2003
]
_HTML_START = re.compile(rb"^\s*(?:<!DOCTYPE\s+html|<html|<head|<meta|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_SPACED_HTML = re.compile(rb"<\s?h\s?t\s?m\s?l[\s>]", re.IGNORECASE)


def reader_for(path: Path, data: bytes) -> Optional[Reader]:
    """The reader the bytes call for; failing that, the one the extension names."""
    head = data[:4096]
    for magic, reader in _MAGIC:
        if head.startswith(magic):
            return reader
    if head.startswith(b"PK\x03\x04"):
        return read_docx if b"word/" in data[:65536] or path.suffix.lower() == ".docx" else \
            READERS.get(path.suffix.lower(), read_office)
    if looks_like_html(head):
        return read_html
    return READERS.get(path.suffix.lower())


def looks_like_html(head: bytes) -> bool:
    """HTML, in any of the wrappers it arrives in: plain, UTF-16, or inside another text file."""
    if _HTML_START.match(head) or _HTML_START.match(head.replace(b"\x00", b"")):
        return True
    sample = head.replace(b"\x00", b"")
    return bool(_SPACED_HTML.search(sample[:2048])) or b"<html" in sample[:2048].lower()


def read_document(path: str | Path) -> RawDocument:
    """Read one file with the reader its content (or, failing that, its extension) calls for."""
    path = Path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device would block or never end
            raise ReadError("not a regular file (a folder, pipe or device)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReadError("empty file")
    reader = reader_for(path, data)
    if reader is None:
        raise ReadError(f"unsupported file type '{path.suffix or '(none)'}'")
    return within_character_limit(reader(path, data))


def within_character_limit(raw: RawDocument) -> RawDocument:
    """The document cut at the limit on characters, whatever format it came in, with a warning:
    what was read before the cut is kept."""
    from pipeline.limits import current

    limit = current().characters_per_document
    total, kept = 0, []
    for block in raw.blocks:
        size = len(block.text) + sum(len(cell or "") for row in block.rows for cell in row)
        if total + size > limit:
            if block.kind == "paragraph" and not block.rows and limit > total:
                block.text = block.text[: limit - total]
                kept.append(block)
            raw.warnings.append(f"partial: text cut at {limit:,} characters (limit characters_per_document={limit})")
            raw.blocks = kept
            return raw
        total += size
        kept.append(block)
    return raw


__all__ = ["READERS", "ReadError", "decode_text", "doc_id_for", "read_document", "reader_for"]
