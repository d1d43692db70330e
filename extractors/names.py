"""Writing official names in the case a clean copy uses.

Headers and signature blocks are set in capitals (`ỦY BAN NHÂN DÂN PHƯỜNG HẢI
AN`, `PHÓ TRƯỞNG BAN CHỈ ĐẠO`); the dataset wants the names as running text
writes them (`Ủy ban nhân dân phường Hải An`, `Phó Trưởng ban Chỉ đạo`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from extractors.gazetteer import PROVINCES
from pipeline.vntext import has_vowel, strip_diacritics

# Names whose case is fixed wherever they stand (public facts: Nghị định 30/2020/NĐ-CP,
# Phụ lục II, and the names of the state's own bodies), lower-case key.
FIXED_NAMES = {name.lower(): name for name in [
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Quốc hội", "Chính phủ", "Bộ Chính trị", "Ban Bí thư",
    "Mặt trận Tổ quốc", "Việt Nam", "Hồ Chí Minh", "Công Thương", "Thủ tướng", "Nhà nước",
    "Thanh niên Cộng sản", "Đảng Cộng sản", "Trung ương", "Đảng ủy", "Đảng bộ", "Chi bộ", "Tỉnh ủy",
    "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy",
]}
# Head nouns of a public body's name, as written, with what follows them: `field`,
# words naming its function or field that open with a capital, as does each further
# field joined by `,`, `và` or `-` (`Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến
# công`); or `running`, the text of a body set up for a task (`Đoàn kiểm tra`,
# `Ban Chỉ đạo cải cách hành chính`), save the names of other bodies and documents in it.
BODY_HEADS = {head.lower(): (head, "field") for head in [
    "Ủy ban", "Hội đồng", "Ban", "Văn phòng", "Phòng", "Sở", "Bộ", "Tổng cục", "Cục", "Chi cục", "Vụ", "Viện",
    "Học viện", "Trung tâm", "Thanh tra", "Kho bạc", "Trường", "Bệnh viện", "Đài", "Báo", "Hội", "Liên đoàn",
    "Tổng công ty", "Công ty", "Tập đoàn", "Ngân hàng", "Bộ Chỉ huy", "Ban Chỉ huy", "Ban Chấp hành",
    "Thường trực", "Tổ", "Công an", "Quỹ", "Đội",
]} | {head.lower(): (head, "running") for head in [
    "Đoàn", "Ban Chỉ đạo", "Ban Quản lý", "Ủy ban Thường vụ", "Ban Thường vụ", "Hội đồng thẩm định",
]}
# Words that join two bodies' names: the next word starts a name of its own.
NAME_JOINS = {"của", "thuộc", "trực thuộc"}
# A document named in a body's name, before its number (`theo Quyết định số 10`, `Đề án 06`).
DOCUMENT_WORDS = ["quyết định", "kế hoạch", "nghị quyết", "chỉ thị", "đề án", "chương trình", "nghị định",
                  "thông tư", "luật"]
# Pairs written as one field though a comma parts them.
COMMA_COMPOUNDS = {("phòng", "chống")}
# Position titles: the first word and the word after `Phó`/`Tổng` open with a capital,
# and a title ending in a unit's head (`Trưởng ban`) is followed by that unit's field.
TITLE_PREFIXES = {"phó", "tổng", "quyền"}
TITLE_WITH_BODY = {"chánh", "trưởng ban", "trưởng phòng", "giám đốc", "trưởng đoàn", "chủ tịch", "chủ nhiệm",
                   "trưởng"}
# Administrative levels: written in lower case, the place name after them in title case.
ADMIN_LEVELS = ["thành phố", "thị trấn", "thị xã", "phường", "xã", "quận", "huyện", "tỉnh", "đặc khu"]
# a level followed by a place's name; "xã" is a commune, but "xã hội" is society (Phòng Văn hóa - Xã hội)
LEVEL_BEFORE_NAME = "(" + "|".join(re.escape(lv) for lv in ADMIN_LEVELS) + r")(?!\s+hội\b)"
_PLACE_END = {"về", "và", "của", "thực", "theo", "thuộc", "trực"}

# Misspellings of the domain's fixed phrases, seen in real documents.
PHRASE_FIXES = {
    "chuyên đổi số": "chuyển đổi số",
}


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def _is_code(word: str) -> bool:
    """An acronym or a symbol, kept as written: no Vietnamese syllable lacks a vowel."""
    bare = word.strip(",;.()")
    return bool(bare) and (any(c.isdigit() or c == "/" for c in bare)
                           or (bare.isupper() and not has_vowel(bare)))


def _match_at(words: list[str], i: int, phrases) -> int:
    """Words in the longest of `phrases` (lower case) that starts at `words[i]`, or 0."""
    best = 0
    for phrase in phrases:
        parts = phrase.split()
        if len(parts) > best and [w.lower().strip(",;()") for w in words[i:i + len(parts)]] == parts \
                and not any(w.endswith(",") for w in words[i:i + len(parts) - 1]):
            best = len(parts)
    return best


def _cased(words: list[str], fixed: str) -> list[str]:
    """`words` written as `fixed`, their punctuation kept."""
    out = []
    for word, form in zip(words, fixed.split()):
        bare = word.strip(",;()")
        start = word.find(bare) if bare else 0
        out.append(word[:start] + form + word[start + len(bare):])
    return out


def _spaced_hyphens(text: str) -> str:
    """`VĂN HÓA-XÃ HỘI` -> `VĂN HÓA - XÃ HỘI`: two fields, where a symbol's hyphen stays."""
    return " ".join(word if _is_code(word) else re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " - ", word)
                    for word in text.split())


_PROVINCE_WORDS = frozenset(p.lower() for p in PROVINCES)


def official_case(upper: str) -> str:
    """A body's name set in capitals as Nghị định 30 writes it in running text:
    `ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN` -> `Ủy ban nhân dân phường Hải An`,
    `PHÒNG VĂN HÓA-XÃ HỘI` -> `Phòng Văn hóa - Xã hội`."""
    words = [w if _is_code(w) else w.lower() for w in _spaced_hyphens(upper).split()]
    out: list[str] = []
    mode = "name"  # name: a head is due; field: a field phrase opens; running: words as they run
    task = False  # inside the name of a body set up for a task
    i = 0
    while i < len(words):
        word = words[i]
        fixed = _match_at(words, i, FIXED_NAMES)
        head = _match_at(words, i, BODY_HEADS)
        level = _match_at(words, i, ADMIN_LEVELS)
        document = _match_at(words, i, DOCUMENT_WORDS)
        province = _match_at(words, i, _PROVINCE_WORDS) if i else 0
        if fixed and fixed >= head:
            out += _cased(words[i:i + fixed], FIXED_NAMES[" ".join(w.strip(",;()") for w in words[i:i + fixed])])
            i += fixed
            mode = "running"
            continue
        if level and i + level < len(words) and " ".join(words[i:i + 2]) != "xã hội":
            out += words[i:i + level]
            i += level
            while i < len(words) and words[i].strip(",;()") not in _PLACE_END:
                out.append(_title(words[i]))
                i += 1
                if out[-1][-1:] in ",;)":
                    break
            mode = "running"
            continue
        if province and not head:  # `SỞ CÔNG THƯƠNG LÀO CAI`: a province named without its level
            out += [_title(w) for w in words[i:i + province]]
            i += province
            mode = "running"
            continue
        if document and i + document < len(words) and re.match(r"(?:số|\d)", words[i + document]):
            out += [_title(words[i])] + words[i + 1:i + document]
            i += document
            continue
        if head and not task and (mode == "name" or head > 1):
            written, mode = BODY_HEADS[" ".join(w.strip(",;()") for w in words[i:i + head])]
            out += _cased(words[i:i + head], written)
            task = mode == "running"
            i += head
            continue
        if word in NAME_JOINS:
            out.append(word)
            task, mode = False, "name"
            i += 1
            continue
        out.append(_title(word) if mode in ("name", "field") else word)
        i += 1
        mode = "running"
        if not task and (word == "và" or word == "-" or (word.endswith(",") and i < len(words)
                                                        and (word[:-1], words[i]) not in COMMA_COMPOUNDS)):
            mode = "field"
    return _title(" ".join(out))


def position_case(upper: str) -> str:
    """A signer's position as running text writes it: `PHÓ CỤC TRƯỞNG` -> `Phó Cục trưởng`,
    `PHÓ TRƯỞNG BAN CHỈ ĐẠO` -> `Phó Trưởng ban Chỉ đạo`, `CHÁNH VĂN PHÒNG` -> `Chánh Văn phòng`."""
    parts = []
    for part in re.split(r"\s*,\s*", " ".join(upper.split())):
        words = part.lower().split()
        out = []
        while words and words[0] in TITLE_PREFIXES:
            out.append(_title(words.pop(0)))
        title = max((t for t in TITLE_WITH_BODY if words[:len(t.split())] == t.split()),
                    key=lambda t: len(t.split()), default=None)
        if title and len(words) > len(title.split()):
            n = len(title.split())
            rest = " ".join(words[n:])
            body = official_case(rest) if _match_at(rest.split(), 0, BODY_HEADS | FIXED_NAMES) \
                else _title(rest)
            out += [_title(words[0])] + words[1:n] + [body]
        elif words:
            out += [_title(words[0])] + words[1:]
        parts.append(" ".join(out))
    return ", ".join(p for p in parts if p)


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


def with_capitals_of(name: str, written: Optional[str]) -> str:
    """`name` with the capitals the running text gives its words besides (a proper name
    inside it), where `written` is how the text writes it."""
    if not written or len(written.split()) != len(name.split()):
        return name
    return " ".join(w if w[:1].isupper() else o for w, o in zip(name.split(), written.split()))


def running_case(upper: str, text: str) -> str:
    """A line set in capitals (a title) in sentence case, each word capitalized
    where the document's running text capitalizes it mid-sentence (`Đà Nẵng`)."""
    mid_sentence = Counter(re.findall(r"(?<=[^\W\d_] )[^\W\d_]+", text))
    words = []
    for word in upper.lower().split():
        capital = word[:1].upper() + word[1:]
        words.append(capital if mid_sentence[capital] > mid_sentence[word] else word)
    return _title(" ".join(words))
