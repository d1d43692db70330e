"""Vietnamese text primitives: NFC, one tone-mark placement, folding for matching.

Documents mix the two tone-mark conventions (`hoá`/`hóa`, `uỷ`/`ủy`, `khoẻ`/
`khỏe`). We settle on the one the seed corpus and most ward documents use: in a
syllable that ends in `oa`, `oe` or `uy` the mark sits on the first vowel
(`hóa`, `ủy`, `khỏe`), except after `q` where `u` belongs to the consonant
(`quý`).
"""
from __future__ import annotations

import re
import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_WORD = re.compile(r"[^\W\d_]+")
# every Vietnamese vowel letter, in lower case, with its shape and tone marks
VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
# open syllable ending in oa/oe/uy; the group before is the initial consonant
_OPEN_GLIDE = re.compile(r"^([^aeiouy]*)([ou])([aey])$")


def _retone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = next((ch for ch in decomposed if ch in TONE_MARKS), None)
    if tone is None:
        return word
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    if any(ch in "\u0302\u0306\u031b" for ch in bare):
        return word  # vowels with circumflex/breve/horn are not oa/oe/uy
    m = _OPEN_GLIDE.match(bare.lower())
    if not m or m.group(1).endswith("q") or (m.group(1) == "g" and m.group(2) == "i"):
        return word
    glide_at = len(m.group(1))
    # where does the tone currently sit?
    pos = 0
    tone_after = None
    for ch in decomposed:
        if ch in TONE_MARKS:
            tone_after = pos - 1
            break
        pos += 1
    if tone_after == glide_at:
        return word
    out = bare[: glide_at + 1] + tone + bare[glide_at + 1:]
    return unicodedata.normalize("NFC", out)


def normalize_tone_marks(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables onto the first vowel."""
    return _WORD.sub(lambda m: _retone(m.group(0)), text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_vietnamese(text: str) -> str:
    """NFC plus one tone-mark placement: the form every match is made on."""
    return normalize_tone_marks(nfc(text))


def strip_diacritics(text: str) -> str:
    """`Đề án` -> `De an`: for forgiving comparisons, never for stored text."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Case-folded, tone-normalized, whitespace-collapsed key for matching."""
    return re.sub(r"\s+", " ", normalize_vietnamese(text)).strip().casefold()


def has_vowel(word: str) -> bool:
    """Every Vietnamese syllable has a vowel; an acronym (`VLNCN`, `TTHT`) may have none."""
    return any(c.lower() in VOWELS for c in word)


def wrapping(alternatives: str) -> str:
    """A regex alternation of phrases whose words may be parted by any whitespace, as a
    hard-wrapped line parts them (`có trách\\nnhiệm`)."""
    return alternatives.replace(" ", r"\s+")

