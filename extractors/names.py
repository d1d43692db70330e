"""Writing official names in the case a clean copy uses.

Headers and signature blocks are set in capitals (`ỦY BAN NHÂN DÂN PHƯỜNG HẢI
AN`, `PHÓ TRƯỞNG BAN CHỈ ĐẠO`); the dataset wants the names as running text
writes them (`Ủy ban nhân dân phường Hải An`, `Phó Trưởng ban Chỉ đạo`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from pipeline.vntext import strip_diacritics

# Phrases whose case is fixed wherever they appear in a name (lower-case key).
FIXED_CASE = {
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "ban chỉ đạo": "Ban Chỉ đạo",
    "ban chấp hành": "Ban Chấp hành",
    "trưởng ban": "Trưởng ban",
    "chủ tịch": "Chủ tịch",
    "chỉ đạo": "Chỉ đạo",
    "giám đốc": "Giám đốc",
    "chánh văn phòng": "Chánh Văn phòng",
    "văn phòng": "Văn phòng",
    "bí thư": "Bí thư",
    "đảng ủy": "Đảng ủy",
    "công an": "Công an",
    "đề án": "Đề án",
    "bộ chính trị": "Bộ Chính trị",
    "chính phủ": "Chính phủ",
    "thủ tướng": "Thủ tướng",
    "tổ công tác": "Tổ Công tác",
    "tổ giúp việc": "Tổ Giúp việc",
    "văn hóa - xã hội": "Văn hóa - Xã hội",
    "kinh tế, hạ tầng và đô thị": "Kinh tế, Hạ tầng và Đô thị",
    "mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "ubnd": "UBND",
    "hđnd": "HĐND",
    "bcđ": "BCĐ",
}
_FIXED_CASE_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(FIXED_CASE, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
# Administrative levels: written in lower case, the place name after them in title case.
ADMIN_LEVELS = ["thành phố", "thị trấn", "thị xã", "phường", "xã", "quận", "huyện", "tỉnh", "đặc khu"]
# a level followed by a place's name; "xã" is a commune, but "xã hội" is society (Phòng Văn hóa - Xã hội)
LEVEL_BEFORE_NAME = "(" + "|".join(re.escape(lv) for lv in ADMIN_LEVELS) + r")(?!\s+hội\b)"

# Misspellings of the domain's fixed phrases, seen in real documents.
PHRASE_FIXES = {
    "chuyên đổi số": "chuyển đổi số",
}


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def official_case(upper: str) -> str:
    """`ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN` -> `Ủy ban nhân dân phường Hải An`."""
    text = " ".join(upper.split()).lower()
    # place names after an administrative level: title case up to punctuation
    text = re.sub(
        rf"\b{LEVEL_BEFORE_NAME}\s+([^\W\d][^,;()]*?)(?=$|[,;()]|\s+(?:về|và|của|thực hiện)\b)",
        lambda m: m.group(1) + " " + " ".join(_title(w) for w in m.group(2).split()),
        text,
    )
    text = _FIXED_CASE_RE.sub(lambda m: FIXED_CASE[m.group(0).lower()], text)
    return _title(text)


def fix_phrases(text: str) -> str:
    for wrong, right in PHRASE_FIXES.items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    return text


def loose_key(text: str) -> str:
    """Case- and diacritic-blind key: finds `CHUYÊN ĐỔI SỐ` in `chuyển đổi số` text."""
    return re.sub(r"\s+", " ", strip_diacritics(text)).strip().casefold()


def capitalized_run(text: str) -> str:
    """The leading words of `text` that start with a capital: a proper name."""
    words = []
    for word in text.split():
        if not word[:1].isupper():
            break
        words.append(word.strip(",;.()"))
        if word != word.rstrip(",;.()"):
            break
    return " ".join(w for w in words if w)


def written_form(phrase: str, text: str) -> Optional[str]:
    """How the document's running text writes `phrase` (case aside), most often,
    not in capitals: `SỞ CÔNG THƯƠNG` -> `Sở Công Thương` where the body says so."""
    if not phrase.strip():
        return None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"
    forms = Counter(" ".join(m.group(0).split()) for m in re.finditer(pattern, text, re.IGNORECASE))
    forms = Counter({form: n for form, n in forms.items() if not form.isupper() and form[:1].isupper()})
    return forms.most_common(1)[0][0] if forms else None


def running_case(upper: str, text: str) -> str:
    """A line set in capitals (a title) in sentence case, each word capitalized
    where the document's running text capitalizes it mid-sentence (`Đà Nẵng`)."""
    mid_sentence = Counter(re.findall(r"(?<=[^\W\d_] )[^\W\d_]+", text))
    words = []
    for word in upper.lower().split():
        capital = word[:1].upper() + word[1:]
        words.append(capital if mid_sentence[capital] > mid_sentence[word] else word)
    return _title(" ".join(words))
