"""Vietnamese text in the pre-Unicode encodings wards still send.

- TCVN3 (TCVN 5712, the `.VnTime` "ABC" fonts): one byte a letter. Lower-case
  letters sit in 0xA8-0xFE, Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7; the full standard
  (VN1) adds the toned capitals in 0x80-0x9F, a few C0 positions and the gaps
  of the upper half. Documents set in the capital fonts (`.VnTimeH`) reuse the
  lower-case codes, so their capitals come out in lower case.
- VNI (`VNI-Times`): a base letter followed by mark bytes read as Windows-1252
  (`Vieät Nam` is `Việt Nam`, `Coäng hoøa` is `Cộng hòa`).

Text extracted from a PDF or Word file set in these fonts arrives already
"decoded" as Windows-1252/Latin-1 look-alikes (`Céng hoµ x· héi`); it is
turned back into bytes and decoded properly. Which reading is right is
decided by how Vietnamese each candidate looks.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# --- TCVN3 ------------------------------------------------------------------------

_TCVN3_UPPER_HALF = {
    # lower-case letters and the seven bare capitals (shared by VN1 and the ABC fonts)
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
    # the toned capitals of the full standard, in the gaps of the upper half
    0xAF: "Ằ", 0xBA: "Ẳ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ",
    0xC5: "Ề", 0xCD: "Ể", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xE0: "Ổ", 0xF0: "Ỗ", 0xFF: "Ố",
    # combining tone marks
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
}
_TCVN3_CAPITALS_80 = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x80-0x9F, in order
_TCVN3_C0 = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
             0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}

TCVN3_DECODE: dict[int, str] = {
    **{0x80 + i: ch for i, ch in enumerate(_TCVN3_CAPITALS_80)}, **_TCVN3_UPPER_HALF, **_TCVN3_C0,
}
TCVN3_ENCODE: dict[str, int] = {ch: b for b, ch in TCVN3_DECODE.items() if len(ch) == 1 and not unicodedata.combining(ch)}


def decode_tcvn3(data: bytes) -> str:
    return "".join(TCVN3_DECODE.get(b, chr(b)) if b >= 0x80 or b in _TCVN3_C0 else chr(b) for b in data)


def encode_tcvn3(text: str) -> bytes:
    """For test fixtures: a Unicode text as a TCVN3 file would hold it."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch])
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            out.extend(ch.encode("cp1252", errors="replace"))
    return bytes(out)


# --- VNI ------------------------------------------------------------------------------

# mark sequence after a base vowel -> (quality mark, tone mark); written in lower case,
# the capital forms use the capital mark characters.
_VNI_VOWEL_MARKS = {
    "ù": ("", "\u0301"), "ø": ("", "\u0300"), "û": ("", "\u0309"), "õ": ("", "\u0303"), "ï": ("", "\u0323"),
    "â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323"),
    "ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323"),
}
# letters that stand alone in VNI (lower case; capitals are their upper-case forms)
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}
# which marks each base accepts: a/e/o take circumflex, a takes breve too
_VNI_BASES = {"a": "ùøûõïâáàåãäêéèúüë", "e": "ùøûõïâáàåãä", "o": "ùøûõïâáàåãä", "u": "ùøûõï", "y": "ùøûõ",
              "ơ": "ùøûõï", "ư": "ùøûõï"}


def _vni_pattern() -> re.Pattern:
    singles = "".join(_VNI_SINGLE) + "".join(_VNI_SINGLE).upper()
    return re.compile(rf"([aeouyAEOUYôöÔÖ])([ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË])|([{singles}])")


_VNI = _vni_pattern()


def decode_vni(text: str) -> str:
    """VNI text read as Windows-1252 -> Unicode."""

    def letter(m: re.Match) -> str:
        if m.group(3):
            ch = m.group(3)
            out = _VNI_SINGLE[ch.lower()]
            return out.upper() if ch.isupper() else out
        base, mark = m.group(1), m.group(2)
        upper = base.isupper()
        base_l = {"ô": "ơ", "ö": "ư"}.get(base.lower(), base.lower())
        mark_l = mark.lower()
        if mark_l not in _VNI_BASES.get(base_l, ""):
            return m.group(0)
        quality, tone = _VNI_VOWEL_MARKS[mark_l]
        out = unicodedata.normalize("NFC", base_l + quality + tone)
        return out.upper() if upper else out

    return unicodedata.normalize("NFC", _VNI.sub(letter, text))


def encode_vni(text: str) -> str:
    """For test fixtures: a Unicode text as VNI-Windows writes it (as cp1252 characters)."""
    reverse: dict[str, str] = {}
    for base, marks in _VNI_BASES.items():
        for mark in marks:
            quality, tone = _VNI_VOWEL_MARKS[mark]
            written = {"ơ": "ô", "ư": "ö"}.get(base, base)
            reverse[unicodedata.normalize("NFC", base + quality + tone)] = written + mark
    for written, letter in _VNI_SINGLE.items():
        reverse[letter] = written
    out = []
    for ch in unicodedata.normalize("NFC", text):
        seq = reverse.get(ch.lower())
        out.append(ch if seq is None else seq.upper() if ch.isupper() else seq)
    return "".join(out)


def as_single_bytes(text: str) -> Optional[bytes]:
    """The bytes a legacy font's text came from, when a reader passed them
    through as Windows-1252 (or, for bytes 1252 leaves undefined, Latin-1)."""
    out = bytearray()
    for ch in text:
        try:
            out.extend(ch.encode("cp1252"))
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def read_as_cp1252(data: bytes) -> str:
    """How a reader shows single bytes: Windows-1252, Latin-1 where 1252 has a hole."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


# --- which reading is Vietnamese ------------------------------------------------------------

COMMON_WORDS = {
    "của", "và", "các", "được", "trong", "cho", "với", "về", "theo", "này", "những", "để", "là", "có", "thực",
    "hiện", "nhân", "dân", "phường", "xã", "ủy", "ban", "quyết", "định", "kế", "hoạch", "ngày", "tháng", "năm",
    "số", "việt", "nam", "cộng", "hòa", "hội", "chủ", "nghĩa", "độc", "lập", "tự", "do", "hạnh", "phúc",
    "thành", "phố", "tỉnh", "công", "tác", "nhiệm", "vụ", "đơn", "vị", "phòng", "triển", "khai", "căn", "cứ",
}
_VIET_LETTERS = set("ăâêôơưđ") | {chr(c) for c in range(0x1EA0, 0x1EFA)} | set("áàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ")


def vietnamese_score(text: str) -> float:
    """Share of words that are common Vietnamese words, plus a little for Vietnamese letters."""
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text).lower())
    if not words:
        return 0.0
    common = sum(w in COMMON_WORDS for w in words) / len(words)
    letters = [c for c in text.lower() if c.isalpha()]
    viet = sum(c in _VIET_LETTERS for c in letters) / len(letters) if letters else 0.0
    return common + 0.1 * viet


def candidates_from_bytes(data: bytes) -> dict[str, str]:
    out = {}
    for name, decode in (("cp1258", lambda d: d.decode("cp1258")), ("tcvn3", decode_tcvn3),
                         ("vni", lambda d: decode_vni(read_as_cp1252(d)))):
        try:
            out[name] = unicodedata.normalize("NFC", decode(data))
        except UnicodeDecodeError:
            continue
    return out


def best_reading(data: bytes) -> tuple[str, str]:
    """(encoding, text) of the most Vietnamese-looking reading of 8-bit bytes."""
    readings = candidates_from_bytes(data)
    sample = {k: v[:20000] for k, v in readings.items()}
    name = max(sample, key=lambda k: vietnamese_score(sample[k]))
    return name, readings[name]


def repair_extracted(text: str) -> tuple[str, Optional[str]]:
    """Text a PDF or Word reader returned from a legacy font, read back properly:
    (text, the encoding found) or (text, None) when it already reads as Vietnamese."""
    if vietnamese_score(text) >= 0.15:
        return text, None
    data = as_single_bytes(text)
    if data is None:
        return text, None
    name, fixed = best_reading(data)
    if vietnamese_score(fixed) > vietnamese_score(text) + 0.1:
        return fixed, name
    return text, None
