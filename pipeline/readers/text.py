"""Plain text: UTF-8 (with or without BOM), UTF-16, and the 8-bit Vietnamese
encodings (Windows-1258, TCVN3, VNI), whichever reads as Vietnamese."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from models import Block, RawDocument
from pipeline.legacy import best_reading, repair_extracted
from pipeline.readers.base import ReadError, doc_id_for

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Letters cp1258 yields that never appear in real Vietnamese decoded as UTF-8.


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL-rich), or an 8-bit
    Vietnamese encoding (Windows-1258, TCVN3, VNI), whichever reads as Vietnamese."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
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
    text = decode_text(data)
    if "\x00" in text:
        raise ReadError("binary content in a .txt file")
    warnings = []
    fixed, encoding = repair_extracted(text)
    if encoding is None and not _is_unicode_text(data):
        encoding = best_reading(data)[0]
    if encoding:
        text = fixed
        warnings.append(f"text in legacy encoding ({encoding}) converted to Unicode")
    pages = text.count("\f") + 1 if "\f" in text else None
    return RawDocument(str(path), "txt", doc_id_for(data), _text_blocks(text), pages=pages, warnings=warnings)


def _is_unicode_text(data: bytes) -> bool:
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.count(b"\x00") > len(data) // 4:
        return True
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
