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
    "UB MTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam", "UB MTTQ": "Ủy ban Mặt trận Tổ quốc",
    "Công ty CP": "Công ty Cổ phần", "CTCP": "Công ty Cổ phần",
}


def expander(table: dict[str, str]) -> Callable[[str], str]:
    """A function that writes out each abbreviation of `table` standing as a word
    (the longest first), its pattern compiled once."""
    pattern = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")(?!\w)")
    return lambda text: pattern.sub(lambda m: table[m.group(1)], text)


# `Phó Chủ tịch HĐND tỉnh` -> `Phó Chủ tịch Hội đồng nhân dân tỉnh`
spelled_out = expander(BODY_ABBREVIATIONS)


ACRONYM = re.compile(r"(?<!\w)[A-ZĐ]{3,6}(?!\w)")
_WORD = re.compile(r"[^\W\d_]+")
PLAIN_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")  # words and single spaces: no line break, no punctuation
# words that open or close no named phrase
FUNCTION_WORDS = {"các", "của", "và", "những", "đã", "có", "được", "là", "bà", "ông", "cho", "theo", "tại", "về",
                  "với", "bị", "do", "để", "khi", "thì", "mà", "này", "đó"}


def local_abbreviations(text: str, acronyms: set[str]) -> dict[str, str]:
    """The phrases a document abbreviates as `acronyms` (`VMĐT`, `ATGT`): for each, the phrase of its
    running text whose words' initials spell it, written at least twice, and whose ends fall between
    words as underthesea segments them (`hoạt động kiểm tra` is no `ĐKT`)."""
    from underthesea import word_tokenize

    found: dict[str, str] = {}
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    initials = "".join(w[0][0].upper() for w in words)
    for acronym in sorted(acronyms - set(BODY_ABBREVIATIONS)):
        counts: dict[str, int] = {}
        at = initials.find(acronym)
        while at >= 0:
            phrase_words = words[at: at + len(acronym)]
            start, end = phrase_words[0][1], phrase_words[-1][2]
            phrase = text[start:end]
            ends = {phrase_words[0][0], phrase_words[-1][0]}
            if PLAIN_PHRASE.fullmatch(phrase) and phrase.islower() and not ends & FUNCTION_WORDS \
                    and _whole_words(text, start, end, word_tokenize):
                counts[phrase] = counts.get(phrase, 0) + 1
            at = initials.find(acronym, at + 1)
        best = max(counts, key=counts.get) if counts else None
        if best and counts[best] >= 2:
            found[acronym] = best
    return found


def _whole_words(text: str, start: int, end: int, word_tokenize) -> bool:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left: right if right >= 0 else len(text)]
    joined = " ".join(w.replace(" ", "_") for w in word_tokenize(line))  # `hoạt_động kiểm_tra`
    spaced = joined.replace("_", " ")
    phrase = text[start:end]
    at = spaced.find(phrase)
    while at >= 0:
        before = joined[at - 1] if at > 0 else " "
        after = joined[at + len(phrase)] if at + len(phrase) < len(joined) else " "
        if before == " " and after != "_":
            return True
        at = spaced.find(phrase, at + 1)
    return False
