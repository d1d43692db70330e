"""Vietnamese personal names: a gazetteer of family names (public fact: the
family names borne by nearly all Vietnamese), used to tell a signer's name from
a recipient's line beside it and to put back a family name OCR misread, and
the common given-name syllables, to put back the marks a scan lost from one."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from pipeline.vntext import strip_diacritics

FAMILY_NAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Đinh Lâm
Phùng Mai Tô Trương Hà Lương Lưu Cao Quách Tạ Thái Kiều Châu Văn Chu Hứa Diệp Đàm Giang Khổng Khúc La
Lạc Lại Lều Mạc Mã Nghiêm Ngụy Nông Ông Phó Quan Tăng Thân Thạch Tiêu Tống Từ Triệu Vi Ứng Âu Bạch Bế
Cù Doãn Đồng Hàn Hầu Kim Khương Lục Mẫn Nhữ Ninh Phí Phương Sầm Sơn Tôn Tưởng Viên Vòng Yên Hồng Bạc
Cầm Cấn Chương Đậu Đường Giáp Hoa Lò Lò Lộc Lường Mông Ôn Quản Sa Thiều Trình Trầm Vy Xa Ma Hà Khuất Lã
""".split())

# Middle and given names borne by most Vietnamese (public fact): a syllable OCR read bare (`Son`)
# takes its marks back when one and only one of these spells it.
GIVEN_NAMES = frozenset("""
An Anh Ánh Bá Bảo Bắc Bích Bình Cảnh Chi Chiến Chính Chung Công Cường Diệu Dũng Dung Duy Dương Đạt Đăng
Định Đình Điệp Đông Đức Giang Hà Hải Hạnh Hào Hảo Hằng Hân Hậu Hiền Hiển Hiếu Hiệp Hòa Hoa Hoài Hoàn Hoàng
Hồng Huân Huệ Hùng Hưng Hương Hường Hữu Huy Huyền Khải Khánh Khang Khắc Khoa Khôi Kiên Kiều Kim Lan Lâm
Lập Lệ Liên Liễu Linh Loan Long Lộc Lợi Luân Lực Lương Ly Mai Mạnh Minh My Mỹ Nam Nga Ngân Nghĩa Ngọc
Nguyên Nhàn Nhân Nhật Nhung Như Oanh Phát Phong Phú Phúc Phước Phương Phượng Quân Quang Quế Quốc Quý Quyên
Quyền Quyết Quỳnh Sang Sơn Sinh Tài Tâm Tân Thái Thanh Thành Thảo Thắng Thế Thi Thị Thịnh Thọ Thoa Thông
Thu Thủy Thuận Thúy Thư Thương Tiên Tiến Tín Toàn Trang Trâm Trí Trinh Trọng Trung Trường Tú Tuấn Tùng
Tuyết Tường Uyên Vân Văn Việt Vinh Vĩnh Vũ Vy Xuân Yến
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
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    if words[0] not in FAMILY_NAMES:
        candidates = _respelled(words[0]) & FAMILY_NAMES
        words[0] = candidates.pop() if len(candidates) == 1 else words[0]
    words[1:] = [_marked_given_name(w) for w in words[1:]]
    # a name read bare throughout (`Nguyen Van Tuan`) is left as read, not half repaired
    if any(w.isascii() and w not in FAMILY_NAMES | GIVEN_NAMES for w in words):
        return None
    repaired = " ".join(words)
    return repaired if repaired != name else None


def _marked_given_name(word: str) -> str:
    """`Son` -> `Sơn`: a bare syllable no given name spells, which one given name spells without its marks."""
    if word in GIVEN_NAMES or not word.isascii():
        return word
    candidates = [g for g in GIVEN_NAMES if strip_diacritics(g) == word]
    return candidates[0] if len(candidates) == 1 else word


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
