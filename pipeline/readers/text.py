"""Plain text: UTF-8 (with or without BOM), UTF-16, and the 8-bit Vietnamese
encodings (Windows-1258, TCVN3, VNI), whichever reads as Vietnamese."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Optional

from models import Block, RawDocument
from pipeline.legacy import best_reading, repair_extracted
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError, capped_text_bytes

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Letters cp1258 yields that never appear in real Vietnamese decoded as UTF-8.


def decode_text(data: bytes, warnings: Optional[list[str]] = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL-rich), or an 8-bit
    Vietnamese encoding (Windows-1258, TCVN3, VNI), whichever reads as Vietnamese.
    Never raises: a BOM that lies falls through to the other readings, and text
    no encoding reads whole is read with its bad bytes replaced, said in `warnings`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                if encoding == "utf-16":  # a lone surrogate: the rest is still UTF-16
                    _warn(warnings, "bytes that are not UTF-16 replaced")
                    return data.decode(encoding, errors="replace")
                _warn(warnings, "the file's UTF-8 mark does not match its bytes; read by its content")
                data = data[len(bom):]
                break
    if data.count(b"\x00") > len(data) // 4:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return best_reading(data)[1]


def _warn(warnings: Optional[list[str]], message: str) -> None:
    if warnings is not None:
        warnings.append(message)


def _text_blocks(text: str) -> list[Block]:
    """Split on form feeds (pages) and blank lines (paragraphs)."""
    blocks = []
    pages = text.split("\f")
    paged = len(pages) > 1
    for page_no, page_text in enumerate(pages, start=1):
        for chunk in re.split(r"\n[ \t]*\n", page_text.replace("\r\n", "\n").replace("\r", "\n")):
            if chunk.strip():
                blocks.append(Block("paragraph", page_no if paged else None, chunk))
    return blocks


def read_txt(path: Path, data: bytes) -> RawDocument:
    warnings: list[str] = []
    doc_id = doc_id_for(data)
    data = capped_text_bytes(data, warnings)
    text = decode_text(data, warnings)
    if "\x00" in text or _is_binary(text):
        raise ReadError("binary content in a .txt file, not text")
    fixed, encoding = repair_extracted(text)
    if encoding is None and not _is_unicode_text(data):
        encoding = best_reading(data)[0]
    if encoding:
        text = fixed
        warnings.append(f"text in legacy encoding ({encoding}) converted to Unicode")
    pages = text.count("\f") + 1 if "\f" in text else None
    return RawDocument(str(path), "txt", doc_id, _text_blocks(text), pages=pages, warnings=warnings)


def _is_binary(text: str) -> bool:
    """Control characters other than layout ones in more than 1% of a sample: not a text file."""
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return bool(sample) and controls > len(sample) // 100


def _is_unicode_text(data: bytes) -> bool:
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.count(b"\x00") > len(data) // 4:
        return True
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
