"""Số/ký hiệu: finding, normalizing and reading document symbols.

Shapes (Nghị định 30/2020/NĐ-CP and Party rules):
- state documents:      `2477/UBND-VHXXH`, `11/NQ-CP`, `730/QĐ-TTg`
- legal-normative:      `269/2025/NĐ-CP`
- Party documents:      `57-NQ/TW`, `24-KH/TU`, `01-KH/BCĐTW`, `01-Ctr/BCĐ`
Common slips are repaired with a warning: `11/NQ/CP` -> `11/NQ-CP`,
`57 NQ/TW` -> `57-NQ/TW`.
"""
from __future__ import annotations

import re
from typing import Optional


# Type abbreviations of Nghị định 30/2020/NĐ-CP (Phụ lục III), as they stand in a symbol.
TYPE_ABBREVIATIONS = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QYĐ": "Quy định",
    "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTR": "Chương trình",
    "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo",
    "BB": "Biên bản", "TTR": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển",
    "PB": "Phiếu báo", "GP": "Giấy phép", "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
}

_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# between two groups: `-` or `/`, with the stray space or line break of a
# wrapped or carelessly typed symbol (`18/NQ- TW`, `1856/TTr -SCT`, `217/2025/NĐ-\nCP`)
_JOIN = r"(?:[/-]|[ ]-|-[ \n]|[ ]/)"
# number (a series number may have a decimal part: `66.7/2025/NQ-CP`), optional
# year, then the groups: one is enough after a year (a law, `72/2025/QH15`),
# otherwise two or more; the separator after the number may be '/', '-' or (a
# slip) a space before a Party type group.
SYMBOL = re.compile(
    rf"(?<![\w/.])(?P<number>\d{{1,5}}(?:\.\d{{1,3}})?)?(?P<year>/(?:19|20)\d{{2}})?"
    rf"(?P<sep>\s?[/-]|\s(?=(?:NQ|KH|QĐ|CT|TB|BC|HD|CTr|Ctr)/))"
    rf"(?P<groups>{_GROUP}(?:{_JOIN}{_GROUP})*)(?![\w/-])"
)


def symbol_shape_ok(m: re.Match) -> bool:
    """One group stands only after a year (`72/2025/QH15`); without one a symbol has two (`11/NQ-CP`)."""
    return bool(m.group("year")) or len(re.split(_JOIN, m.group("groups"))) >= 2
# Issuers whose symbols are unique nationwide: the symbol and year name one document.
NATIONAL_SUFFIXES = {
    "TW", "CP", "TTG", "BCT", "VPCP", "QH", "QH15", "UBTVQH", "UBTVQH15", "BCĐTW", "CTN", "BBT",
    "BKHCN", "BTTTT", "BNV", "BCA", "BTC", "BKHĐT", "BGDĐT", "BYT", "BTP", "BQP", "BXD", "BCT",
    "BTNMT", "BNNPTNT", "BLĐTBXH", "BVHTTDL", "BGTVT", "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC",
}


def symbol_groups(symbol: str) -> list[str]:
    """`57-NQ/TW` -> ['NQ', 'TW']; `269/2025/NĐ-CP` -> ['NĐ', 'CP']."""
    body = re.sub(r"^\d*(/(19|20)\d{2})?[/-]?", "", symbol)
    return [g for g in re.split(r"[/-]", body) if g]


def type_of_symbol(symbol: str) -> Optional[str]:
    """The document type a symbol's type group names, if it names one."""
    groups = symbol_groups(symbol)
    if not groups:
        return None
    return TYPE_ABBREVIATIONS.get(groups[0].upper())


def normalize_symbol(written: str) -> tuple[str, Optional[str]]:
    """(normalized symbol, warning or None)."""
    compact = re.sub(r"\s+", " ", written.strip())
    compact = re.sub(r"(?<=\w) ?([/-]) ?(?=[A-ZĐ])", r"\1", compact) if re.search(r"\d", compact[:1]) else compact
    glued = re.match(r"^(\d+(?:/(?:19|20)\d{2})?)([A-ZĐ]+)(?=[/-])", compact)
    if glued and glued.group(2) in TYPE_ABBREVIATIONS:  # "19/2026NQ-CP", "40QĐ-BCĐ": the slash before the type lost
        fixed = f"{glued.group(1)}/{compact[glued.end(1):]}"
        return fixed, f"malformed symbol: written '{written}', normalized to '{fixed}'"
    m = re.match(r"^(\d*)(/(?:19|20)\d{2})?(\s?[/-]|\s)(.*)$", compact)
    if not m:
        return compact, None
    number, year, sep, rest = m.group(1), m.group(2) or "", m.group(3).strip(), m.group(4)
    groups = re.split(r"[/-]", rest)
    if sep == "" and groups and groups[0] in TYPE_ABBREVIATIONS:  # "57 NQ/TW"
        fixed = f"{number}-{rest}"
        return fixed, f"malformed symbol: written '{written}', normalized to '{fixed}'"
    if sep == "/" and not year and len(groups) == 2 and "/" in rest and groups[0].upper() in TYPE_ABBREVIATIONS:
        fixed = f"{number}/{groups[0]}-{groups[1]}"  # "11/NQ/CP"
        return fixed, f"malformed symbol: written '{written}', normalized to '{fixed}'"
    fixed = with_type_d(compact.replace(" ", ""))
    if fixed != compact.replace(" ", ""):
        return fixed, f"malformed symbol: written '{written}', normalized to '{fixed}'"
    return fixed, None


def with_type_d(symbol: str) -> str:
    """`46/QD-BCĐCCHC` -> `46/QĐ-BCĐCCHC`: a type group OCR read without its stroke, where
    only the stroked spelling names a type (`QĐ`, `NĐ`, `ĐA`); `HD` (Hướng dẫn) stays."""
    def fix(m: re.Match) -> str:
        group = m.group(0)
        stroked = group.replace("D", "Đ")
        return stroked if group not in TYPE_ABBREVIATIONS and stroked in TYPE_ABBREVIATIONS else group
    return re.sub(r"(?<=[/-])[A-ZĐ]+(?=[/-]|$)", fix, symbol, count=1)


def symbol_key(symbol: str) -> str:
    """Case-folded, spaces removed; keeps `Đ` apart from `D`."""
    return re.sub(r"\s+", "", symbol).casefold()


def is_national(symbol: str) -> bool:
    groups = symbol_groups(symbol)
    return bool(groups) and groups[-1].upper() in NATIONAL_SUFFIXES
