"""What every reader shares: the error a reader raises, the limits on what it decodes, and
how a layout table (the header or signature set side by side) becomes paragraphs."""
from __future__ import annotations

import re

from models import Block


class ReadError(Exception):
    """The file cannot be read as a document; the message says why."""


def capped_text_bytes(data: bytes, warnings: list[str], bytes_per_char: int = 4) -> bytes:
    """The leading bytes a text-like file may be read from: enough for the limit on characters
    per document (four bytes a character at most; more for markup), so a 50 MB dump is not decoded whole."""
    from pipeline.limits import current

    limit = current().characters_per_document
    if len(data) <= bytes_per_char * limit:
        return data
    cut = bytes_per_char * limit
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:1000].count(b"\x00") > 100:
        cut -= cut % 2  # UTF-16: whole code units
    else:
        while cut > 0 and data[cut] & 0xC0 == 0x80:  # UTF-8: not inside a character
            cut -= 1
    warnings.append(f"partial: only the first {cut:,} of {len(data):,} bytes read "
                    f"(limit characters_per_document={limit})")
    return data[:cut]


def check_archive(data: bytes) -> None:
    """A .docx/.odt is a zip: refuse one whose members would inflate past the limits
    before any library inflates them (a zip bomb in `document.xml` or in the media)."""
    import io
    import zipfile

    from pipeline.limits import LimitExceeded, current

    limits = current()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(f"not a readable .docx (its zip archive is broken: {exc})") from exc
    for info in infos:
        if info.file_size > limits.archive_member_bytes:
            raise LimitExceeded("archive_member_bytes", f"{info.filename} inflates to {info.file_size:,} bytes",
                                limits.archive_member_bytes)
    total = sum(info.file_size for info in infos)
    if total > limits.archive_total_bytes:
        raise LimitExceeded("archive_total_bytes", f"members inflate to {total:,} bytes", limits.archive_total_bytes)


# What only the header or the signature block holds: a table that holds one of
# these and has at most two filled columns only sets them side by side.
_LAYOUT_ANCHOR = re.compile(
    r"CỘNG HÒA XÃ HỘI|Cộng hòa xã hội|Độc lập\s*[-–]?\s*Tự do|ĐẢNG CỘNG SẢN|Đảng Cộng sản|"
    r"^\s*Số\s*[:.]|^\s*SỐ\s*:|Nơi nhận|^\s*(?:T/M|TM|KT|TL|TUQ|Q)\.\s*\w|ngày\s.{0,12}tháng\s.{0,12}năm",
    re.MULTILINE,
)
MAX_LAYOUT_ROWS = 6
DECORATION = re.compile(r"^[-_=*.\s]+$")  # the short rule drawn under the issuer and the motto


def is_layout_table(rows: list[list[str]]) -> bool:
    """A grid that only places the header or the signature block side by side."""
    from pipeline.vntext import normalize_vietnamese

    filled = {i for row in rows for i, cell in enumerate(row) if cell and cell.strip()}
    if len(filled) > 2 or len(rows) > MAX_LAYOUT_ROWS:
        return False
    if len(rows) <= 4 and max((len(r) for r in rows), default=0) <= 2:
        return True
    text = normalize_vietnamese("\n".join(cell or "" for row in rows for cell in row))
    return bool(_LAYOUT_ANCHOR.search(text))


def layout_blocks(rows: list[list[str]], page=None) -> list[Block]:
    """A layout table as paragraphs: row by row, each filled cell one paragraph
    keeping its own lines, so that the left column's `Số:` and the right
    column's date stay apart."""
    blocks = []
    for row in rows:
        for cell in row:
            lines = [line for line in (cell or "").split("\n") if line.strip() and not DECORATION.match(line)]
            if lines:
                blocks.append(Block("paragraph", page, "\n".join(lines)))
    return blocks
