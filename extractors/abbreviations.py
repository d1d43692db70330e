"""Abbreviations of public bodies' names, as documents write them and as the
dataset spells them out (public fact: the bodies' official names)."""
from __future__ import annotations

import re
from typing import Callable

BODY_ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "BCH": "Ban Chấp hành", "BCĐ": "Ban Chỉ đạo",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam", "MTTQ": "Mặt trận Tổ quốc", "ĐBQH": "đại biểu Quốc hội",
    "TNCS": "Thanh niên Cộng sản", "PCTT": "Phòng, chống thiên tai", "TKCN": "Tìm kiếm cứu nạn",
}


def expander(table: dict[str, str]) -> Callable[[str], str]:
    """A function that writes out each abbreviation of `table` standing as a word
    (the longest first), its pattern compiled once."""
    pattern = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")(?!\w)")
    return lambda text: pattern.sub(lambda m: table[m.group(1)], text)


# `Phó Chủ tịch HĐND tỉnh` -> `Phó Chủ tịch Hội đồng nhân dân tỉnh`
spelled_out = expander(BODY_ABBREVIATIONS)
