"""Text that a PDF or Word font set in a legacy Vietnamese encoding, decoded again."""
from __future__ import annotations

from pipeline.legacy import as_single_bytes, decode_tcvn3, decode_vni


def redecode(text: str, encoding: str) -> str:
    if encoding == "vni":
        return decode_vni(text)
    raw = as_single_bytes(text)
    return text if raw is None else decode_tcvn3(raw) if encoding == "tcvn3" else raw.decode("cp1258", "replace")
