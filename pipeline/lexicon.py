"""The Vietnamese word list underthesea ships (Viet74K), for the repairs real
text needs: a tone mark OCR got wrong (`sức khóe` -> `sức khỏe`) and a header
line that lost all its diacritics (`CUC THUE TP HA NOI`).

Both repairs only ever choose between spellings of the same letters, and only
where the word list (or the document's own running text) settles which one.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Optional

import underthesea

from pipeline.vntext import TONE_MARKS, normalize_vietnamese, strip_diacritics

WORD_LIST = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
_SYLLABLE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """Every entry of the word list, lower case, in the tone placement we match on."""
    with open(WORD_LIST, encoding="utf-8") as f:
        return frozenset(normalize_vietnamese(line.strip()).lower() for line in f if line.strip())


@lru_cache(maxsize=1)
def _by_letters() -> dict[str, frozenset[str]]:
    """Entries keyed by their letters without diacritics: `ha noi` -> {`hà nội`}."""
    table: dict[str, set[str]] = defaultdict(set)
    for word in words():
        table[strip_diacritics(word)].add(word)
    return {key: frozenset(forms) for key, forms in table.items()}


def _without_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))


def _with_case_of(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def repair_tone_marks(text: str, misread: bool = False) -> tuple[str, list[str]]:
    """Two-syllable words the document itself spells two ways, differing in tone
    marks only (`sức khỏe` four times, `sức khóe` twice, as OCR reads a blurred
    mark): the rarer spelling becomes the commoner one where the word list knows
    the commoner and not the rarer. The text keeps its length; returns it and
    what was changed, for the document's warnings."""
    lexicon = words()
    syllables = list(_SYLLABLE.finditer(text))
    pairs = [(first, second) for first, second in zip(syllables, syllables[1:])
             if text[first.end():second.start()] == " "]
    spellings: dict[str, Counter] = defaultdict(Counter)
    for first, second in pairs:
        pair = f"{first.group(0)} {second.group(0)}".lower()
        spellings[_without_tone(pair)][pair] += 1
    better: dict[str, str] = {}
    counts: dict[str, tuple[int, int]] = {}  # rare spelling -> (its count, the commoner's)
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        (common, n), *rest = forms.most_common()
        if common in lexicon and all(m < n for _, m in rest):
            better.update({rare: common for rare, _ in rest if rare not in lexicon and not _starts_a_word(rare)})
            counts.update({rare: (m, n) for rare, m in rest})
    # OCR may misread a word the same way every time (`địa phường` for `địa phương`): a lower-case pair
    # the word list lacks, read at least three times, whose letters spell one entry only
    unseen: dict[str, str] = {}
    if misread:
        for key, forms in spellings.items():
            entries = _pairs_by_toneless().get(key, ())
            if len(entries) == 1:
                unseen.update({form: entries[0] for form, n in forms.items()
                               if n >= MISREAD_AT_LEAST and form not in lexicon and form not in better})
    # a syllable the document uses elsewhere is no misreading (`tại` in `tại Điều 5`, `tồn tại`:
    # `tại khoản 1` is right, though `tài khoản` is the word); a use in a pair that is itself
    # a likely misreading of a word (`kiếm soát`) is no such evidence
    uses: Counter = Counter()
    for forms in spellings.values():
        for form, n in forms.items():
            if form in lexicon or _without_tone(form) not in _toneless_pairs():
                for syllable in form.split():
                    uses[syllable] += n

    # in OCR text a spelling outnumbered many times over (`kiếm tra` 4, `kiểm tra` 50) is a blurred mark
    # even where its syllable is a word elsewhere (`tìm kiếm`), unless that syllable is a function word
    better = {rare: common for rare, common in better.items()
              if not any(a != b and uses[a] >= 2 for a, b in zip(rare.split(), common.split()))
              or (misread and _outnumbered(*counts[rare]) and _one_misread_syllable(rare, common))}
    if unseen:
        unseen = _misreadings(text, unseen, spellings, pairs)
    chars = list(text)
    changes: list[str] = []
    neighbours = {id(m): (before, after) for before, m, after in zip([None] + syllables, syllables, syllables[1:] + [None])}
    for first, second in pairs:
        found = f"{first.group(0)} {second.group(0)}"
        right = better.get(found.lower()) or (unseen.get(found) if found.islower() else None)
        before, after = neighbours[id(first)][0], neighbours[id(second)][1]
        # `điều kiện thực hiện` holds `kiện thực`, two words' edges, no misspelt `kiến thức`
        straddles = (before is not None and f"{before.group(0)} {first.group(0)}".lower() in lexicon) or \
                    (after is not None and f"{second.group(0)} {after.group(0)}".lower() in lexicon)
        if right and len(right) == len(found) and not straddles:
            fixed = " ".join(_with_case_of(w, r) for w, r in zip(found.split(), right.split()))
            chars[first.start():second.end()] = fixed
            changes.append(f"{found} -> {fixed}")
    return "".join(chars), changes


def _misreadings(text: str, candidates: dict[str, str], spellings: dict[str, Counter],
                 pairs: list) -> dict[str, str]:
    """The candidates (misread pair -> entry) that the document's own evidence lets stand."""
    lexicon = words()
    # for a misreading never spelt right, only a word of the list is evidence the syllable is real
    # (the misread syllable makes non-words with its neighbours too: `phường đề`)
    in_words = Counter(syllable for forms in spellings.values() for form, n in forms.items() if form in lexicon
                       for syllable in form.split() for _ in range(n))
    # and a syllable seen beside several other words on the same side is a word in its own right
    # (`tỉnh` in `cấp tỉnh`, `UBND tỉnh`, `các tỉnh`), where a misreading keeps to its one pair
    partners: dict[tuple[str, int], set[str]] = defaultdict(set)
    for first, second in pairs:
        a, b = first.group(0).lower(), second.group(0).lower()
        partners[(b, 1)].add(a)
        partners[(a, 0)].add(b)
    return {rare: right for rare, right in candidates.items()
            if not any(a != b and in_words[a] >= 2 for a, b in zip(rare.split(), right.split()))
            and _one_misread_syllable(rare, right) and not _keeps_company(rare, right, partners)
            and _segmented_as_one_word(text, rare)}


MISREAD_AT_LEAST = 3
OUTNUMBERED_BY = 8


def _outnumbered(rare: int, common: int) -> bool:
    return common >= OUTNUMBERED_BY * rare


# words a sentence is full of, which two neighbouring words make a look-alike of an entry with
# (`tại khoản` / `tài khoản`, `trong đó` / `tròng đỏ`)
FUNCTION_SYLLABLES = frozenset("các của và những đã có được là cho theo tại về với bị do để khi thì mà này đó "
                               "trong ngoài trên dưới sau trước từ đến nếu hay hoặc".split())


def _segmented_as_one_word(text: str, pair: str, tries: int = 3) -> bool:
    """Does underthesea's word segmentation read the pair as one word where it stands (in one of its
    first few lines)? `địa phường` is one, a misread `địa phương`; `triệu đồng`, `cấp tỉnh` are two."""
    lower = text.lower()
    at = lower.find(pair)
    for _ in range(tries):
        if at < 0:
            return False
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line = text[line_start: line_end if line_end >= 0 else len(text)]
        if pair in (w.lower() for w in underthesea.word_tokenize(line)):
            return True
        at = lower.find(pair, line_end if line_end >= 0 else len(text))
    return False


def _keeps_company(rare: str, right: str, partners: dict[tuple[str, int], set[str]]) -> bool:
    words_ = rare.split()
    for side, (a, b) in enumerate(zip(words_, right.split())):
        if a != b:
            other = words_[1 - side]
            return len(partners[(a, side)] - {other}) >= 2
    return False


def _one_misread_syllable(rare: str, right: str) -> bool:
    changed = [a for a, b in zip(rare.split(), right.split()) if a != b]
    return len(changed) == 1 and changed[0] not in FUNCTION_SYLLABLES


@lru_cache(maxsize=1)
def _pairs_by_toneless() -> dict[str, tuple[str, ...]]:
    """Two-syllable entries by their letters without tone marks: `dia phuong` -> (`địa phương`,)."""
    table: dict[str, list[str]] = defaultdict(list)
    for w in words():
        if w.count(" ") == 1:
            table[_without_tone(w)].append(w)
    return {key: tuple(forms) for key, forms in table.items()}


@lru_cache(maxsize=1)
def _toneless_pairs() -> frozenset[str]:
    """Two-syllable entries without their tone marks: `kiem soat` for `kiểm soát`."""
    return frozenset(_without_tone(w) for w in words() if w.count(" ") == 1)


@lru_cache(maxsize=1)
def _word_starts() -> frozenset[str]:
    """The first two syllables of every longer entry: `sức dài` of `sức dài vai rộng`."""
    return frozenset(" ".join(w.split()[:2]) for w in words() if w.count(" ") >= 2)


def _starts_a_word(pair: str) -> bool:
    return pair in _word_starts()


def is_unaccented(text: str) -> bool:
    """Letters, and not one of them with a Vietnamese diacritic."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


# The phrases of headers and signature blocks (Nghị định 30/2020/NĐ-CP), which
# settle a capital line's spelling before the word list or the running text.
HEADER_PHRASES = [
    "cộng hòa xã hội chủ nghĩa việt nam", "việt nam", "độc lập", "tự do", "hạnh phúc", "ủy ban nhân dân",
    "hội đồng nhân dân", "thường trực", "tổng cục", "chi cục", "cục", "phó cục trưởng", "cục trưởng",
    "phó chủ tịch", "chủ tịch", "phó giám đốc", "giám đốc", "phó trưởng ban", "trưởng ban", "trưởng phòng",
    "chánh văn phòng", "văn phòng", "sở", "bộ", "phòng", "thuế", "tỉnh", "thành phố", "quận", "huyện",
    "phường", "xã", "thị trấn", "số", "ngày", "tháng", "năm", "nơi nhận", "lưu", "quyết định", "kế hoạch",
    "công văn", "thông báo", "tờ trình", "báo cáo", "nghị quyết", "chỉ thị", "đảng ủy", "bí thư",
    "thủ tướng", "chính phủ", "phó", "trưởng", "tổng", "giám", "đốc",
]


_HEADER_SPELLINGS = {strip_diacritics(p): p for p in HEADER_PHRASES}


def _spelling(letters: str, seen: dict[str, Counter]) -> Optional[str]:
    """The one spelling of `letters` (lower case, no diacritics) headers use, or
    the word list knows, or for a single word the running text uses most."""
    header = _HEADER_SPELLINGS.get(letters)
    if header:
        return header
    forms = _by_letters().get(letters)
    if " " in letters:
        return next(iter(forms)) if forms and len(forms) == 1 else None
    return seen[letters].most_common(1)[0][0] if seen.get(letters) else None


def _running_spellings(text: str) -> dict[str, Counter]:
    """How often the text spells each syllable's letters each way: `thue` -> {`thuế`: 9, `thuê`: 1}."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for w in _SYLLABLE.findall(text):
        if not is_unaccented(w):
            form = normalize_vietnamese(w).lower()
            seen[strip_diacritics(form)][form] += 1
    return seen


def restore_diacritics(words: list[str], seen: dict[str, Counter]) -> list[str]:
    """Capital words that lost their diacritics (`CUC THUE TP HA NOI`) spelled,
    longest run first, as headers or the word list spell those letters one way
    only (`HA NOI`), a single word as the document's running text (`seen`)
    spells it most often (`THUE`); case is kept, and so is each word's length."""
    out = list(words)
    i = 0
    while i < len(words):
        for n in range(min(8, len(words) - i), 0, -1):
            spelling = _spelling(" ".join(words[i:i + n]).lower(), seen)
            if spelling and all(len(a) == len(b) for a, b in zip(words[i:i + n], spelling.split())):
                out[i:i + n] = [_with_case_of(w, f) for w, f in zip(words[i:i + n], spelling.split())]
                i += n
                break
        else:
            i += 1
    return out


_CAPITAL_RUN = re.compile(r"(?<!\S)[A-Z]{1,10}(?:[ ]+[A-Z]{1,10})+(?!\S)")


def restore_unaccented_lines(text: str) -> tuple[str, list[str]]:
    """Runs of capital words with no diacritics (a header line OCR or an old font
    flattened: `TONG CUC THUE`) in a document whose running text has them,
    restored in place."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(not c.isascii() for c in letters) / len(letters) < 0.05:
        return text, []  # the whole document is unaccented: nothing to learn from
    out, changes = list(text), []
    seen = None  # the running text's spellings, counted once, when a run needs them
    for m in _CAPITAL_RUN.finditer(text):
        if "  " in m.group(0):
            continue  # spaced apart: its words would not keep their places
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        before = text[line_start:m.start()].rstrip(" ").rsplit(" ", 1)[-1]
        after = text[m.end():line_end if line_end >= 0 else len(text)].lstrip(" ").split(" ", 1)[0]
        if any(w.isupper() and w.isalpha() for w in (before, after)):
            continue  # a part of a longer phrase in capitals, its other words accented: `VỆ SINH LAO ĐỘNG`
        seen = seen if seen is not None else _running_spellings(text)
        words = m.group(0).split()
        fixed = " ".join(restore_diacritics(words, seen))
        if fixed != m.group(0):
            out[m.start():m.end()] = fixed
            changes.append(f"{m.group(0)} -> {fixed}")
    return "".join(out), changes


# words every Vietnamese administrative text is full of, as they read with their marks lost
_BARE_FUNCTION_WORDS = frozenset("cua va cac theo ngay thang nam nhan dan uy ban ve viec tinh xa phuong huyen "
                                 "thuc hien quyet dinh chinh phu nhiem vu cong tac trong duoc nay".split())


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return frozenset(s for w in words() for s in w.split())


def reads_as_vietnamese(text: str) -> bool:
    """Is this Vietnamese at all? Most of its words are syllables of the word list (real text:
    over 90%; English about 30%, binary noise read as text under 40%), or, for text that lost its
    marks, Vietnamese function words are 5% of its words. Chinese or Shift-JIS have neither."""
    found = re.findall(r"[^\W\d_]+", text[:200_000].lower())
    if not found:
        return False
    known = sum(w in _syllables() for w in found)
    bare = sum(w in _BARE_FUNCTION_WORDS for w in found)
    return known >= 0.6 * len(found) or bare >= 0.05 * len(found)
