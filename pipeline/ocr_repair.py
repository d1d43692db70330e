"""Repairs for what OCR typically breaks in these documents, before extraction.

Driven by the documents' own vocabulary and grammar, not a general spell
checker: the look-alike characters Tesseract emits for Vietnamese letters
(`Ð` U+00D0 for `Đ`), symbols split or spaced (`57- NQ/TW`, `2477/ UBND`),
section markers misread (`Điều L.`), `Uy ban` for `Ủy ban`, doubled
diacritics, and syllables split by a stray space (`chuy ển`) where the joined
syllable is one the administrative vocabulary knows.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.vntext import normalize_vietnamese, strip_diacritics

# character look-alikes, per word
LOOKALIKES = {
    "\u00d0": "Đ",  # Ð (Icelandic eth) for Đ
    "\u0189": "Đ",  # Ɖ (African D)
    "\u00f0": "đ",  # ð for đ
    "\u2014": "-", "\u2013": "-", "\u2010": "-",
    "\u201c": "“", "\u201d": "”",
    "|": "l",  # a rule or a bar read as a letter; only inside words, see below
}

# (pattern, replacement) on the text of a line; order matters
LINE_REPAIRS: list[tuple[re.Pattern, str]] = [
    # a section number's period read as a comma ("5, Thư ký Ban Chỉ đạo:"), a letter's bracket misread
    (re.compile(r"^(\d{1,2}(?:\.\d{1,2})*),(?=\s)"), r"\1."),
    (re.compile(r"^([a-zđ])[}\]|](?=\s)"), r"\1)"),
    # "Điều L." / "Điều l." / "Điều I." for "Điều 1."
    (re.compile(r"\b(Điều)\s+[LlI|](?=\s*[.:])"), r"\1 1"),
    (re.compile(r"\b(Điều)\s+(\d)\s+(\d)\b"), r"\1 \2\3"),
    # a symbol's groups spaced apart: "57- NQ/TW", "57 -NQ/TW", "2477/ UBND-VHXXH", "NQ/ TW"
    (re.compile(r"(\d)\s*-\s+(?=[A-ZĐ]{2,})"), r"\1-"),
    (re.compile(r"(\d)\s+-(?=[A-ZĐ]{2,})"), r"\1-"),
    (re.compile(r"(\d|[A-ZĐ])\s*/\s+(?=[A-ZĐ\d])"), r"\1/"),
    (re.compile(r"(\d)\s+/(?=[A-ZĐ\d])"), r"\1/"),
    (re.compile(r"([A-ZĐ]{2,})\s+-\s*(?=[A-ZĐ]{2,}\b)"), r"\1-"),
    # "Uy ban" / "UY BAN" lost the hook above
    (re.compile(r"\bUy ban\b"), "Ủy ban"),
    (re.compile(r"\bUY BAN\b"), "ỦY BAN"),
    (re.compile(r"\buy ban\b"), "ủy ban"),
    # "Sô:" for "Số:" in the number line
    (re.compile(r"^S[ôo]\s*:"), "Số:"),
    (re.compile(r"\b(Kế hoạch|Quyết định|Nghị quyết|Công văn|Thông báo)\s+s[ôo]\b"), r"\1 số"),
    # dates written with spaces: "22/ 12/2024", "22 /12 /2024"
    (re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b"), r"\1/\2/\3"),
]

# syllables of the administrative vocabulary: types, units, the citation grammar
VOCABULARY = set(
    """quyết định kế hoạch công văn thông báo quy chế nghị quyết chỉ thị chương trình báo cáo tờ trình
    ủy ban nhân dân hội đồng phường xã thành phố tỉnh quận huyện chủ tịch phó trưởng ban chỉ đạo thường trực
    thành viên thư ký tổ công tác giúp việc văn phòng hóa xã hội kinh tế hạ tầng đô thị công an trung tâm
    phục vụ hành chính dịch vụ căn cứ luật tổ chức chính quyền địa phương ngày tháng năm số của về việc
    thực hiện triển khai phát triển khoa học công nghệ đổi mới sáng tạo chuyển đổi số đề án cải cách
    nhiệm vụ trách nhiệm chủ trì phối hợp đơn vị thuộc các và theo quy định đảm bảo bảo đảm tham mưu
    đôn đốc kiểm tra giám sát tổng hợp thường xuyên hằng hàng định kỳ nơi nhận lưu cộng hòa chủ nghĩa
    việt nam độc lập tự do hạnh phúc chính phủ thủ tướng bộ chính trị trung ương điều khoản""".split()
)


def _fix_word(text: str) -> str:
    # Tesseract may give both readings of one D-with-stroke: "QĐÐ" is "QĐ"
    text = re.sub("Đ\u00d0|\u00d0Đ", "Đ", text)
    word = "".join(LOOKALIKES.get(ch, ch) if ch != "|" else ch for ch in text)
    if "|" in word and re.search(r"[^\W\d_]\|[^\W\d_]", word):
        word = re.sub(r"(?<=[^\W\d_])\|(?=[^\W\d_])", "l", word)
    # doubled combining marks ("ê̂", "ố́") collapse to one of each
    decomposed = unicodedata.normalize("NFD", word)
    decomposed = re.sub(r"([\u0300-\u036f])\1+", r"\1", decomposed)
    return unicodedata.normalize("NFC", decomposed)


def repair_ocr_words(words: list[dict]) -> list[dict]:
    """Per-word character repairs; boxes are kept as they are."""
    out = []
    for word in words:
        fixed = _fix_word(word["text"])
        if fixed.strip():
            out.append({**word, "text": fixed})
    return out


def _join_split_syllables(line: str) -> str:
    tokens = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens):
            a, b = tokens[i], tokens[i + 1]
            joined = normalize_vietnamese(a + b)
            bare = joined.lower().strip(".,;:()")
            if (bare in VOCABULARY and normalize_vietnamese(a).lower() not in VOCABULARY
                    and normalize_vietnamese(b).lower().strip(".,;:()") not in VOCABULARY and a.isalpha()):
                out.append(joined)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return " ".join(out)


# phrases of the documents' own vocabulary; OCR that gets their letters but
# not their tone marks ("Ủy bạn nhân dân") is given their spelling back
PHRASES = [
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ban Chỉ đạo", "Chủ tịch", "Phó Chủ tịch", "Công an phường",
    "Văn hóa - Xã hội", "Kinh tế, Hạ tầng và Đô thị", "Trung tâm Phục vụ hành chính công", "Quyết định",
    "Kế hoạch", "Nghị quyết", "Nghị định", "Thông báo", "Công văn", "Chương trình", "chuyển đổi số",
    "đổi mới sáng tạo", "khoa học, công nghệ", "Đề án", "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc", "Thủ tướng Chính phủ", "Bộ Chính trị", "Chính phủ", "Căn cứ", "Nơi nhận",
    "Tổ Công tác", "Tổ Giúp việc", "Thành viên", "Thư ký", "Trưởng ban", "phường", "thành phố", "Điều",
]
_PHRASE_KEYS = {}
for _phrase in PHRASES:
    _PHRASE_KEYS.setdefault(len(_phrase.split()), {})[
        " ".join(strip_diacritics(_phrase).casefold().split())] = _phrase


_TOKEN = re.compile(r"^([(“\"]*)(.*?)([.,;:)”\"]*)$")


def _restore_phrases(line: str) -> str:
    tokens = [_TOKEN.match(t).groups() for t in line.split(" ")]  # (opening, word, closing)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in sorted(_PHRASE_KEYS, reverse=True):
            window = tokens[i: i + n]
            if len(window) < n or any(closing for _, _, closing in window[:-1]):
                continue
            words = [word for _, word, _ in window]
            phrase = _PHRASE_KEYS[n].get(" ".join(strip_diacritics(" ".join(words)).casefold().split()))
            if phrase is None or " ".join(words).casefold() == phrase.casefold():
                continue
            fixed = phrase.split()
            if all(w.isupper() for w in words if any(c.isalpha() for c in w)):
                fixed = [w.upper() for w in fixed]
            elif words[0][:1].isupper():
                fixed[0] = fixed[0][:1].upper() + fixed[0][1:]
            out.append(window[0][0] + " ".join(fixed) + window[-1][2])
            i += n
            break
        else:
            out.append("".join(tokens[i]))
            i += 1
    return " ".join(out)


def repair_ocr_text(text: str) -> str:
    """Line-level repairs of OCR output (markers, symbols, phrases, split syllables)."""
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in LINE_REPAIRS:
            line = pattern.sub(replacement, line)
        lines.append(_restore_phrases(_join_split_syllables(line)))
    return "\n".join(lines)


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# what Tesseract makes of a small raised digit it cannot read
MISREAD_MARK = re.compile(r"^(?P<word>.*[^\W_])(?P<mark>[!?°®”'’*])(?P<tail>[.,;:)]*)$")


MARKER_GLYPHS = re.compile(r"^[0-9!?°®”'’*lI]{1,2}$")


@dataclass
class FootnoteCounter:
    """Footnote numbers run through a document, across its pages."""

    next_note: int = 1
    next_ref: int = 1
    expected: bool = False  # the document has footnotes somewhere: stray marks are markers


def _raised(word: dict, line: list[dict]) -> bool:
    heights = sorted(w["bottom"] - w["top"] for w in line)
    height = heights[len(heights) // 2]
    centre = sorted((w["top"] + w["bottom"]) / 2 for w in line)[len(line) // 2]
    return (word["bottom"] - word["top"]) < 0.65 * height and word["bottom"] < centre + 0.1 * height


def footnote_starts(lines: list[list[dict]]) -> set[int]:
    """ids of the lines that open a footnote: a small raised marker, then text."""
    return {id(line) for line in lines
            if len(line) > 1 and MARKER_GLYPHS.match(line[0]["text"]) and _raised(line[0], line)}


def mark_footnotes(lines: list[list[dict]], counter: FootnoteCounter) -> list[list[dict]]:
    """Footnote markers on a scanned page, as superscript digits again.

    A marker that starts a line is its own small box, raised above the line's
    middle (half the height of the letters beside it): its digit, or when OCR
    misread it the next number in order. A marker fused to the word it follows
    (`An!`, `2026°`) is recognized by the stray mark only in a document that
    has footnotes, and numbered in order of appearance."""
    starts = footnote_starts(lines)
    for line in lines:
        if id(line) in starts:
            marker = line[0]["text"]
            number = int(marker) if marker.isdigit() else counter.next_note
            line[0] = {**line[0], "text": str(number).translate(SUPERSCRIPT)}
            counter.next_note = number + 1
    if not counter.expected and not starts:
        return lines  # a document without footnotes: a "!" is a "!"
    for line in lines:
        if id(line) in starts:
            continue
        for i, word in enumerate(line):
            m = MISREAD_MARK.match(word["text"])
            if m:
                line[i] = {**word, "text": m.group("word") + str(counter.next_ref).translate(SUPERSCRIPT)
                           + m.group("tail")}
                counter.next_ref += 1
    return lines
