"""What every reader shares: the error a reader raises, the document id, and
how a layout table (the header or signature set side by side) becomes paragraphs."""
from __future__ import annotations

import hashlib
import re

from models import Block


class ReadError(Exception):
    """The file cannot be read as a document; the message says why."""


def doc_id_for(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


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
