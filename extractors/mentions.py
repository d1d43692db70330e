"""Mentions of other documents inside one stretch of text.

A mention is read left to right: the type (`Nghị quyết`, `QĐ`, `Kế hoạch hành
động` ...), `số`, the symbol, `ngày <date>`, `của <issuer>`, then what it is
about. Laws are also mentioned by name alone (`Luật Tổ chức chính quyền địa
phương ngày 16/06/2025`). Offsets are relative to the text given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.dates import date_body_at
from extractors.symbols import SYMBOL, normalize_symbol, type_of_symbol

# written type -> cited_type; longest first so qualifiers win
TYPE_WORDS = {
    "Nghị quyết liên tịch": "Nghị quyết liên tịch", "Nghị quyết": "Nghị quyết", "Nghị định": "Nghị định",
    "Quyết định": "Quyết định", "Kế hoạch hành động": "Kế hoạch", "Kế hoạch": "Kế hoạch",
    "Thông báo kết luận": "Thông báo", "Thông báo": "Thông báo", "Công văn": "Công văn",
    "Chương trình hành động": "Chương trình", "Chương trình công tác": "Chương trình",
    "Chương trình": "Chương trình", "Chỉ thị": "Chỉ thị", "Thông tư liên tịch": "Thông tư liên tịch",
    "Thông tư": "Thông tư", "Kết luận": "Kết luận", "Quy chế": "Quy chế", "Quy định": "Quy định",
    "Hướng dẫn": "Hướng dẫn", "Đề án": "Đề án", "Báo cáo": "Báo cáo", "Tờ trình": "Tờ trình",
    "Công điện": "Công điện", "Pháp lệnh": "Pháp lệnh", "Bộ luật": "Bộ luật", "Luật": "Luật",
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "KH": "Kế hoạch", "CV": "Công văn",
    "TB": "Thông báo", "CT": "Chỉ thị", "TT": "Thông tư",
}
_TYPE_ALT = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
TYPED_HEAD = re.compile(rf"(?<!\w)(?P<type>{_TYPE_ALT})(?:\s+(?:số|sô))?\s*:?\s*(?=\d|/|\s?\d)", re.IGNORECASE)
LAW_BY_NAME = re.compile(
    r"(?<!\w)(?P<type>Bộ luật|Luật)\s+(?P<name>[A-ZĐ][^;,()\n]*?)\s+"
    r"(?:(?:số\s+\S+\s+)?ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"|năm\s+(?P<year>\d{4}))"
)
DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+")
# Where an issuer's name stops (the rest is what the document is about).
ISSUER_STOP = re.compile(
    r"\s+(?:về|V/v|thực hiện|sửa đổi|bổ sung|ban hành|phê duyệt|hướng dẫn|quy định|tại|trên|theo|"
    r"đối với|nhằm|để|triển khai|đề nghị|tiếp tục|bảo đảm|đảm bảo|năm \d{4})(?!\w)|[;:()⁰¹²³⁴⁵⁶⁷⁸⁹\n]|\.(?:\s|$)"
)
# a comma before a lower-case word ends an issuer, except inside a steering
# committee's name ("Ban Chỉ đạo phát triển khoa học, công nghệ, ...")
COMMA_STOP = re.compile(r",\s+(?=[a-zđà-ỹ])")
STEERING_NAME = re.compile(r"(?i)ban chỉ đạo")
# Bodies known nationwide: an issuer that starts with one of these is exactly it.
NATIONAL_BODIES = [
    "Thủ tướng Chính phủ", "Chính phủ", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Ban Bí thư",
    "Ủy ban Thường vụ Quốc hội", "Quốc hội", "Văn phòng Chính phủ", "Chủ tịch nước", "Ban Chỉ đạo Trung ương",
]
ISSUER_ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


@dataclass
class Mention:
    start: int
    end: int  # end of the head: symbol, date and issuer
    cited_type: Optional[str]
    type_raw: Optional[str]
    symbol: Optional[str]
    symbol_written: Optional[str]
    number: Optional[str]
    date: Optional[str]
    date_written: Optional[str] = None
    issuer: Optional[str] = None
    name: Optional[str] = None  # a law's name
    subject: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


def _date_at(text: str, pos: int) -> tuple[Optional[str], Optional[str], int]:
    """A date written right after a mention's symbol: (iso, written, end)."""
    m = DATE_AFTER.match(text[pos:])
    if not m:
        return None, None, pos
    found = date_body_at(text, pos + m.end())
    if found is None:
        return None, None, pos
    iso, end = found
    return iso, text[pos + m.end(): end], end


def clean_issuer(raw: str) -> Optional[str]:
    issuer = re.sub(r"^(?:đồng chí|đ/c)\s+", "", raw.strip(), flags=re.IGNORECASE)
    issuer = re.sub(r"[\s,;.]+$|\s+(?:và|hoặc)$", "", issuer).strip()
    for short, full in ISSUER_ABBREVIATIONS.items():
        issuer = re.sub(rf"(?<!\w){short}(?!\w)", full, issuer)
    for body in NATIONAL_BODIES:
        if issuer.startswith(body) and not issuer.startswith(body + " của"):
            return body
    return issuer or None


def _issuer_at(text: str, pos: int, limit: int) -> tuple[Optional[str], int]:
    m = re.match(r"^\s*,?\s*của\s+", text[pos:limit])
    if not m:
        return None, pos
    start = pos + m.end()
    segment = text[start:limit]
    # "Ban Chỉ đạo [của Thành ủy X] về phát triển ...": the first "về" belongs to the name
    skip_ve = bool(STEERING_NAME.match(segment))
    for stop in ISSUER_STOP.finditer(segment):
        if skip_ve and stop.group(0).strip() == "về":
            skip_ve = False
            continue
        segment = segment[: stop.start()]
        break
    if not STEERING_NAME.search(segment[:60]):
        comma = COMMA_STOP.search(segment)
        if comma:
            segment = segment[: comma.start()]
    return clean_issuer(segment), start + len(segment)


def find_mentions(text: str) -> list[Mention]:
    """Every mention in `text`, in order of appearance."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for head in TYPED_HEAD.finditer(text):
        sym = SYMBOL.match(text, head.end()) or SYMBOL.match(text, head.end() - 1)
        if sym is None or sym.start() - head.end() > 1:
            continue
        written = sym.group(0).strip()
        symbol, warning = normalize_symbol(written)
        type_raw = head.group("type")
        cited_type = TYPE_WORDS.get(type_raw) or TYPE_WORDS.get(type_raw.upper()) or type_of_symbol(symbol)
        found.append(Mention(head.start(), sym.end(), cited_type, type_raw, symbol, written,
                             sym.group("number"), None, warnings=[warning] if warning else []))
        taken.append((head.start(), sym.end()))
    for sym in SYMBOL.finditer(text):
        if any(a <= sym.start() < b for a, b in taken):
            continue
        symbol, warning = normalize_symbol(sym.group(0).strip())
        cited_type = type_of_symbol(symbol)
        if cited_type is None or not sym.group("number"):
            continue  # a bare symbol counts only when its type group names a type
        start = sym.start() + (len(sym.group(0)) - len(sym.group(0).lstrip()))
        found.append(Mention(start, sym.end(), cited_type, None, symbol, sym.group(0).strip(),
                             sym.group("number"), None, warnings=[warning] if warning else []))
        taken.append((sym.start(), sym.end()))
    for law in LAW_BY_NAME.finditer(text):
        if any(a <= law.start() < b for a, b in taken):
            continue
        found_date = date_body_at(law.group("date"), 0) if law.group("date") else None
        date = found_date[0] if found_date else None
        found.append(Mention(law.start(), law.end(), TYPE_WORDS[law.group("type")], None, None, None, None, date,
                             law.group("date"), name=law.group("name").strip()))
    found.sort(key=lambda m: m.start)
    for i, mention in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        if mention.symbol is not None:
            mention.date, mention.date_written, mention.end = _date_at(text, mention.end)
        mention.issuer, mention.end = _issuer_at(text, mention.end, limit)
        if mention.symbol and not mention.number:
            mention.warnings.append(f"blank number: '{mention.symbol_written}'")
    return found


def subject_after(text: str, mention: Mention, clause_end: int) -> Optional[str]:
    """What the mention is about, as the text says it: up to the clause's end."""
    rest = text[mention.end:clause_end]
    rest = re.sub(r"\s*\((?:sau đây|gọi tắt)[^)]*\)", "", rest)
    rest = re.sub(r"\s*\([^()]*\)\s*[;.,]?\s*$", "", rest)  # trailing short name "(Nghị quyết số 57-NQ/TW)"
    rest = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", rest)
    rest = re.sub(r"^\s*,?\s*(?:về việc|về|V/v)\s+", "", rest).strip(" ,;.")
    return " ".join(rest.split()) or None
