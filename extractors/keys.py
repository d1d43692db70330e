"""Document keys: one key per real document across the corpus.

A symbol alone does not name a document: `01/KH-BCĐ` exists in many wards and
`06/QĐ-TTg` in many years. The key is the normalized symbol, the year, and,
for symbols that are not unique nationwide, the issuer's locality:
`57-nq/tw|2024`, `636/qđ-ubnd|2025|phường hải an`. A law cited by name gets
`luật:tổ chức chính quyền địa phương|2025`. An unknown year is `?`, filled
from the corpus later when that is unambiguous.
"""
from __future__ import annotations

import re
from typing import Optional

from extractors.names import LEVEL_BEFORE_NAME, capitalized_run
from extractors.symbols import is_national, symbol_key
from pipeline.vntext import fold

_LEVEL = re.compile(rf"\b{LEVEL_BEFORE_NAME}\s+(?=\S)")


def locality_of(issuer: Optional[str]) -> Optional[str]:
    """`Ủy ban nhân dân phường Hải An` -> `phường hải an` (the last named locality)."""
    if not issuer:
        return None
    phrase = locality_phrase(issuer)
    return fold(phrase) if phrase else None


def locality_phrase(issuer: Optional[str]) -> Optional[str]:
    """`Ủy ban nhân dân phường Hải An` -> `phường Hải An`, as written."""
    if not issuer:
        return None
    for level in reversed(list(_LEVEL.finditer(issuer))):
        name = capitalized_run(issuer[level.end():])
        if name:
            return f"{level.group(1)} {name}"
    return None


def year_of(symbol: Optional[str], date: Optional[str]) -> str:
    if date:
        return date[:4]
    if symbol:
        m = re.search(r"/((?:19|20)\d{2})/", symbol)
        if m:
            return m.group(1)
    return "?"


def document_key(symbol: Optional[str], date: Optional[str], issuer: Optional[str],
                 cited_type: Optional[str] = None, name: Optional[str] = None) -> Optional[str]:
    if symbol is None:
        if name and cited_type:
            return f"{fold(cited_type)}:{fold(name)}|{year_of(None, date)}"
        return None
    if not re.match(r"^\d", symbol):
        return None  # a blank number names no document
    base = f"{symbol_key(symbol)}|{year_of(symbol, date)}"
    if is_national(symbol):
        return base
    return f"{base}|{locality_of(issuer) or (fold(issuer) if issuer else '?')}"


def key_symbol(key: str) -> str:
    return key.split("|", 1)[0]
