"""Vietnamese personal names: a gazetteer of family names (public fact: the
family names borne by nearly all Vietnamese), used to tell a signer's name from
a recipient's line beside it and to put back a family name OCR misread."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

FAMILY_NAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Đinh Lâm
Phùng Mai Tô Trương Hà Lương Lưu Cao Quách Tạ Thái Kiều Châu Văn Chu Hứa Diệp Đàm Giang Khổng Khúc La
Lạc Lại Lều Mạc Mã Nghiêm Ngụy Nông Ông Phó Quan Tăng Thân Thạch Tiêu Tống Từ Triệu Vi Ứng Âu Bạch Bế
Cù Doãn Đồng Hàn Hầu Kim Khương Lục Mẫn Nhữ Ninh Phí Phương Sầm Sơn Tôn Tưởng Viên Vòng Yên Hồng Bạc
Cầm Cấn Chương Đậu Đường Giáp Hoa Lò Lò Lộc Lường Mông Ôn Quản Sa Thiều Trình Trầm Vy Xa Ma Hà Khuất Lã
""".split())

_NAME = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){1,4}$")


def is_personal_name(text: str) -> bool:
    """`Nguyễn Thế Phước`: two to five capitalized syllables after a family name."""
    words = text.split()
    return (bool(_NAME.match(text.strip())) and words[0] in FAMILY_NAMES
            and all(w[:1].isupper() and w[1:].islower() for w in words))



# Letters Tesseract reads one for the other in Vietnamese print, marks kept:
# round vowels (`Vẽ` for `Võ`), and a vowel with or without its hook or hat.
OCR_CONFUSIONS = {"e": "o", "o": "eơ", "ê": "ô", "ô": "êơ", "ơ": "oô", "u": "ư", "ư": "u", "a": "ăâ", "ă": "aâ", "â": "aă"}


def _respelled(word: str) -> set[str]:
    """`word` with one vowel swapped for a look-alike, its tone mark kept."""
    decomposed = unicodedata.normalize("NFD", word)
    out = set()
    for i, ch in enumerate(decomposed):
        base = ch.lower()
        shape = ""
        j = i + 1
        while j < len(decomposed) and decomposed[j] in "\u0302\u0306\u031b":  # hat, breve, horn
            shape += decomposed[j]
            j += 1
        vowel = unicodedata.normalize("NFC", base + shape)
        for other in OCR_CONFUSIONS.get(vowel, ""):
            swapped = unicodedata.normalize("NFD", other.upper() if ch.isupper() else other)
            out.add(unicodedata.normalize("NFC", decomposed[:i] + swapped + decomposed[j:]))
    return out


def repaired_name(name: str) -> Optional[str]:
    """A signer's name whose family name OCR misread, with the one family name a
    look-alike vowel gives: `Vẽ Thị Ái Liễu` -> `Võ Thị Ái Liễu`. None when the
    name needs no repair or the repair is in doubt."""
    words = name.split()
    if len(words) < 2 or words[0] in FAMILY_NAMES or not all(w[:1].isupper() for w in words):
        return None
    candidates = _respelled(words[0]) & FAMILY_NAMES
    return " ".join([candidates.pop()] + words[1:]) if len(candidates) == 1 else None


def split_person_names(text: str) -> list[str]:
    """`Đỗ Mạnh Cường Vũ Việt Linh` -> [`Đỗ Mạnh Cường`, `Vũ Việt Linh`]: a cell listing people
    (a new name starts at a family name after two words or more). Empty when the text is no list of names."""
    words = text.replace(",", " ").replace(";", " ").split()
    if len(words) < 2 or words[0] not in FAMILY_NAMES:
        return []
    names: list[list[str]] = [[]]
    for word in words:
        if names[-1] and len(names[-1]) >= 2 and word in FAMILY_NAMES:
            names.append([])
        names[-1].append(word)
    joined = [" ".join(n) for n in names]
    return joined if all(is_personal_name(n) for n in joined) else []
