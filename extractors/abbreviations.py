"""Abbreviations of public bodies' names, as documents write them and as the
dataset spells them out (public fact: the bodies' official names)."""
from __future__ import annotations

import re

BODY_ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "BCH": "Ban Chấp hành", "BCĐ": "Ban Chỉ đạo",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam", "MTTQ": "Mặt trận Tổ quốc", "ĐBQH": "đại biểu Quốc hội",
    "TNCS": "Thanh niên Cộng sản", "PCTT": "Phòng, chống thiên tai", "TKCN": "Tìm kiếm cứu nạn",
}
_ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, BODY_ABBREVIATIONS), key=len, reverse=True))
                           + r")(?!\w)")


def spelled_out(text: str, table: dict[str, str] = BODY_ABBREVIATIONS) -> str:
    """`Phó Chủ tịch HĐND tỉnh` -> `Phó Chủ tịch Hội đồng nhân dân tỉnh`."""
    if table is BODY_ABBREVIATIONS:
        return _ABBREVIATION.sub(lambda m: table[m.group(1)], text)
    pattern = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")(?!\w)")
    return pattern.sub(lambda m: table[m.group(1)], text)
