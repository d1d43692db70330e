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

from extractors.abbreviations import spelled_out
from extractors.dates import date_body_at
from extractors.symbols import SYMBOL, normalize_symbol, symbol_shape_ok, type_of_symbol
from extractors.units import TASK_VERBS, UNIT_HEAD, read_units
from pipeline.vntext import fold, wrapping

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
    # the other kinds of Nghị định 30/2020/NĐ-CP (Phụ lục III), and the word for any of them
    "Phương án": "Phương án", "Dự án": "Dự án", "Biên bản": "Biên bản", "Hợp đồng": "Hợp đồng",
    "Thông cáo": "Thông cáo", "Bản ghi nhớ": "Bản ghi nhớ", "Bản thỏa thuận": "Bản thỏa thuận",
    "Giấy ủy quyền": "Giấy ủy quyền", "Giấy mời": "Giấy mời", "Giấy giới thiệu": "Giấy giới thiệu",
    "Giấy phép": "Giấy phép", "Bản công bố": "Bản công bố", "Văn bản": "Văn bản", "Phiếu gửi": "Phiếu gửi",
    "Phiếu chuyển": "Phiếu chuyển", "Phiếu báo": "Phiếu báo", "Thư công": "Thư công",
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "KH": "Kế hoạch", "CV": "Công văn",
    "TB": "Thông báo", "CT": "Chỉ thị", "TT": "Thông tư",
}
_TYPES_FOLDED = {written.casefold(): kind for written, kind in TYPE_WORDS.items() if not written.isupper()}
_TYPE_ALT = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
TYPED_HEAD = re.compile(rf"(?<!\w)(?P<type>{_TYPE_ALT})(?:\s+(?:số|sô))?\s*:?\s*(?=\d|/|\s?\d)", re.IGNORECASE)
# a comma inside a law's name (`Luật Quản lý, sử dụng vũ khí`, `Luật Phòng, chống tham nhũng`), not before the next law
_NEXT_LAW = r"(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Pháp lệnh|Hiến pháp)\b"
# A law by its name, then its number (`Luật Điện lực số 61/2024/QH15`, `Luật Hóa chất
# 69/2025/QH15`, `số 64/2025`) or the day it was passed.
LAW_BY_NAME = re.compile(
    r"(?<!\w)(?P<type>Bộ luật|Luật)\s+(?:(?P<numbered_name>[^\W\d_][^;()\n]{0,160}?)\s+(?:số\s+)+"
    rf"(?P<symbol>\d{{1,3}}/(?:19|20)\d{{2}}(?:/QH\d{{0,2}})?)(?![\w/])|(?P<name>(?:[A-ZĐ]|sửa đổi\b)(?:[^;,()\n]|,(?!\s*{_NEXT_LAW}))"
    r"{0,120}?)\s+"
    r"(?:(?P<bare>\d{1,3}/(?:19|20)\d{2}/QH\d{0,2})"
    r"|(?:số\s+\S+\s+)?ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"|năm\s+(?P<year>\d{4})))"
)
# the law that amended the one just named, by its day: `Luật X ngày 26/11/2024 (sửa đổi, bổ sung một số điều ngày 29/12/2025)`
AMENDED_ON = re.compile(r"\s*(?P<open>\()(?:được\s+)?sửa đổi,?\s*bổ sung(?:\s+một số điều)?\s+(?:năm\s+\d{4}\s+)?ngày\s+")
# another document named by its number inside what would be a law's name: the day after it is that one's
NUMBERED_INSIDE = re.compile(rf"\b{_NEXT_LAW}(?:\s+(?:số\s*)?\d|$)")
# National technical regulations and standards: `QCVN 05A:2020/BCT`, `TCVN 11111:2026`.
STANDARD = re.compile(r"(?<!\w)(?P<kind>QCVN|TCVN)\s*(?P<code>[0-9][\w.-]*\s*:\s*\d{4}(?:/[A-ZĐ][A-ZĐa-z]*)?)(?![\w/])")
STANDARD_TYPES = {"QCVN": "Quy chuẩn kỹ thuật quốc gia", "TCVN": "Tiêu chuẩn quốc gia"}
ANOTHER_TYPE = re.compile(r"(?:\s(?:và|hoặc)|,)\s+(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Pháp lệnh)\b")
# a company's or an office's own code after `số`, then its date: `Văn bản số YBB-SA032/26-LR ngày 21/4/2026`,
# `Văn bản số 11/2026CV-YVG ngày ...` (no state symbol shape; the date says it is one document's number)
CODE_MENTION = re.compile(rf"(?<!\w)(?P<type>{_TYPE_ALT})\s+số\s+(?P<number>(?=[\w.&/-]*\d)[^\W_][\w.&]*(?:[/-][\w.&]+)+)"
                          r"(?=\s*,?\s*ngày\s+\d)", re.IGNORECASE)
# a document named by its type and a bare number, then its date: `Văn bản số 02 ngày 21/4/2026`
NUMBER_ONLY = re.compile(r"(?P<number>\d{1,5})(?=\s*,?\s*ngày\s+\d)")
# an amending law names the laws it amends: `Luật sửa đổi, bổ sung một số điều của Luật A và Luật B số 63/2025/QH15`
AMENDING_LAW = re.compile(r"(?:sửa đổi|bổ sung)\b")
DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+")
# Where an issuer's name stops (the rest is what the document is about).
ISSUER_STOP = re.compile(
    r"\s+(?:về|V/v|thực hiện|sửa đổi|bổ sung|ban hành|phê duyệt|hướng dẫn|quy định|tại|trên|theo|được|"
    r"đối với|nhằm|để|triển khai|đề nghị|tiếp tục|bảo đảm|đảm bảo|năm \d{4}|"
    r"đã|đang|sẽ|chưa|gửi|kèm|phản ánh|có thời hạn|có hiệu lực|thông qua|công bố"
    r"|(?i:về|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt)(?=\s))(?!\w)"  # a title in capitals: `... Quy định chế độ`
    r"|[;:()⁰¹²³⁴⁵⁶⁷⁸⁹\n]|\.(?:\s|$)"
    r"|\s+C[OÔỘ]NG\s+H[OÒ]A\b"  # the national motto a scan's header line ran into
)
# a comma before a lower-case word ends an issuer, except inside a steering
# committee's name ("Ban Chỉ đạo phát triển khoa học, công nghệ, ...")
COMMA_STOP = re.compile(r",\s+(?=[a-zđà-ỹ])")
STEERING_NAME = re.compile(r"(?i)ban chỉ đạo")
# what the body does, after the issuer's name as the unit reader reads it (`Hội đồng thẩm định` is a name)
PREDICATE_AFTER = re.compile(rf"\s+(?:{wrapping(TASK_VERBS)})(?!\w)")
# Bodies known nationwide: an issuer that starts with one of these is exactly it.
NATIONAL_BODIES = [
    "Thủ tướng Chính phủ", "Chính phủ", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Ban Bí thư",
    "Ủy ban Thường vụ Quốc hội", "Quốc hội", "Văn phòng Chính phủ", "Chủ tịch nước", "Ban Chỉ đạo Trung ương",
]


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
    issuer = re.sub(r"[\s,;./]+$|\s+(?:và|hoặc)$", "", issuer).strip()  # `./`: a letter's last words
    issuer = spelled_out(issuer)
    for body in NATIONAL_BODIES:
        if issuer.startswith(body) and not issuer.startswith(body + " của"):
            return body
    return issuer or None


def _issuer_at(text: str, pos: int, limit: int) -> tuple[Optional[str], int]:
    m = re.match(r"^\s*,?\s*của\s+", text[pos:limit])
    if not m:
        return None, pos
    start = pos + m.end()
    segment = _issuer_name(text[start:limit])
    named = re.sub(r"(?:\s+(?:và|hoặc))*\s*$", "", segment)  # `của Chính phủ | và thực hiện ...`: the join is not its
    return clean_issuer(segment), start + len(named)


def _issuer_name(segment: str) -> str:
    """The body's name a segment opens with, without what follows it: the cited document's
    subject (`về ...`), what the body did (`đã tham gia ý kiến`), a clause after a comma."""
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
    units = read_units(segment)
    if units and units[0].start == 0 and PREDICATE_AFTER.match(segment, units[-1].end):
        segment = segment[: units[-1].end]  # `của UBND tỉnh Lào Cai đã tham gia ý kiến`: the body, not what it did
    return segment


# who a document is named after, when it stands before it: `Công ty X tại Văn bản số ...`,
# `đề nghị của Giám đốc Sở Y tại Tờ trình số ...` (a unit's head, or a company's)
ISSUER_BEFORE_HEAD = re.compile(rf"{UNIT_HEAD.pattern}|^(?:doanh nghiệp|hợp tác xã)\b")
ISSUER_BEFORE_REACH = 200
# documents listed after their issuer: `các Kế hoạch của UBND thành phố Hà Nội: số 330/KH-UBND ...`
LISTED_AFTER = re.compile(rf"(?<!\w)(?i:{_TYPE_ALT})\s+của\s+(?P<issuer>[^:;,\n]{{2,120}}?)\s*:\s*(?:số\s*)?$")


def _issuer_before(text: str, start: int, floor: int) -> Optional[str]:
    """The body named right before a mention and `tại` (back to the clause's last comma,
    colon or `của`), or before the colon of a list the mention opens: the mention is that
    body's document."""
    window = text[max(floor, start - ISSUER_BEFORE_REACH): start]
    listed = LISTED_AFTER.search(window)
    at = re.search(r"\s+tại\s*$", window)
    if listed:
        issuer = listed.group("issuer").strip()
    elif at:
        head = re.sub(r"\s*\([^()]*\)$", "", window[: at.start()])  # `Công ty X (sau đây gọi tắt Công ty) tại`
        cut = max((d.end() for d in re.finditer(r"[;:,(\n]|\bcủa\s", head)), default=0)
        issuer = head[cut:].strip()
    else:
        return None
    if not issuer[:1].isupper() or not ISSUER_BEFORE_HEAD.match(fold(issuer)):
        return None
    return clean_issuer(_issuer_name(issuer))


def _type_named(type_raw: str, symbol: str) -> Optional[str]:
    return TYPE_WORDS.get(type_raw) or TYPE_WORDS.get(type_raw.upper()) or \
        _TYPES_FOLDED.get(type_raw.casefold()) or type_of_symbol(symbol)


def find_mentions(text: str) -> list[Mention]:
    """Every mention in `text`, in order of appearance."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def is_taken(at: int) -> bool:  # inside a mention an earlier pass found
        return any(a <= at < b for a, b in taken)

    for head in TYPED_HEAD.finditer(text):
        sym = SYMBOL.match(text, head.end()) or SYMBOL.match(text, head.end() - 1) or NUMBER_ONLY.match(text, head.end())
        if sym is None or sym.start() - head.end() > 1:
            continue
        if sym.re is SYMBOL and not symbol_shape_ok(sym) and not DATE_AFTER.match(text[sym.end():]):
            continue  # `Đề án 06/CP`: one group with no year names a document only when its date follows
        written = sym.group(0).strip()
        symbol, warning = normalize_symbol(written)
        type_raw = head.group("type")
        found.append(Mention(head.start(), sym.end(), _type_named(type_raw, symbol), type_raw, symbol, written,
                             sym.group("number"), None, warnings=[warning] if warning else []))
        taken.append((head.start(), sym.end()))
    for code in CODE_MENTION.finditer(text):
        if is_taken(code.start()):
            continue
        written = code.group("number")
        symbol, warning = normalize_symbol(written)
        found.append(Mention(code.start(), code.end(), _type_named(code.group("type"), symbol), code.group("type"),
                             symbol, written, written.split("/")[0], None, warnings=[warning] if warning else []))
        taken.append((code.start(), code.end()))
    for sym in SYMBOL.finditer(text):
        if is_taken(sym.start()) or not symbol_shape_ok(sym):
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
        if is_taken(law.start()):
            continue
        name = law.group("numbered_name") or law.group("name")
        if ANOTHER_TYPE.search(name) and not AMENDING_LAW.match(name) or \
                law.group("name") and NUMBERED_INSIDE.search(name):
            continue  # `Luật Hóa chất và Nghị định số 25/2026/NĐ-CP ngày ...`: the date is the decree's
        numbered = law.group("symbol") or law.group("bare")
        if numbered:
            found.append(Mention(law.start(), law.end(), TYPE_WORDS[law.group("type")], None, numbered, numbered,
                                 numbered.split("/")[0], None, name=name.strip()))
            continue
        found_date = date_body_at(law.group("date"), 0) if law.group("date") else None
        date = found_date[0] if found_date else None
        law_name = law.group("name").strip()
        found.append(Mention(law.start(), law.end(), TYPE_WORDS[law.group("type")], None, None, None, None, date,
                             law.group("date"), name=law_name))
        amended = AMENDED_ON.match(text, law.end())
        amended_on = date_body_at(text, amended.end()) if amended else None
        if amended_on:
            found.append(Mention(amended.start("open"), amended_on[1], TYPE_WORDS[law.group("type")], None, None,
                                 None, None, amended_on[0], text[amended.end(): amended_on[1]],
                                 name=f"sửa đổi, bổ sung một số điều của {law.group('type')} {law_name}"))
    for standard in STANDARD.finditer(text):
        if is_taken(standard.start()):
            continue
        symbol = standard.group("kind") + " " + re.sub(r"\s+", "", standard.group("code"))
        found.append(Mention(standard.start(), standard.end(), STANDARD_TYPES[standard.group("kind")], None,
                             symbol, standard.group(0), None, None))
    found.sort(key=lambda m: m.start)
    for i, mention in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        if mention.symbol is not None:
            mention.date, mention.date_written, mention.end = _date_at(text, mention.end)
        mention.issuer, mention.end = _issuer_at(text, mention.end, limit)
        if mention.issuer is None:
            mention.issuer = _issuer_before(text, mention.start, found[i - 1].end if i else 0)
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
