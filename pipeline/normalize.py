"""Normalization: a `RawDocument` in, the one text every offset points into out.

What it does, in order:
- NFC and one tone-mark placement (`pipeline.vntext`);
- whitespace (NBSP, zero-width characters, runs of spaces), dashes;
- markdown residue that conversions leave: `**bold**`, `*italic*`, `----`
  separator rows, pipe tables (turned into TAB-separated rows like every other
  table);
- footnote blocks that a conversion dropped mid-sentence are moved to the end
  of the text, and the sentence they cut is rejoined (`... đảm` / footnotes /
  `bảo tiến độ ...`);
- paragraphs split by a page break mid-sentence are rejoined.

Paragraphs are separated by a blank line, lines inside a paragraph by a
newline, table cells by TAB.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from models import NormalizedText, PageSpan, RawDocument
from pipeline.lexicon import repair_tone_marks, restore_unaccented_lines
from pipeline.vntext import normalize_vietnamese

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_START = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+\s")

# zero-width characters, soft hyphens and the bidirectional marks and isolates: invisible, and a
# right-to-left mark inside `12/QĐ-UBND` would make a symbol no one can match
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c"
                                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2007\u2009\u202f"), " ")
# Dashes inside a symbol or opening a list item are hyphens to every pattern; a
# dash set between spaces or in a range of years (`Văn hóa – Xã hội`, `2021–2030`)
# is kept, as the document's own wording.
_DASH = re.compile(r"(?<! )[\u2013\u2014](?!\d)|(?<!\d)[\u2013\u2014](?! )|[\u2010\u2011\u2012\u2212]")
# Letters no Vietnamese text holds, which PDF fonts with a broken ToUnicode map
# give for `ư`/`Ư` (U+01A3/U+01A2, `ƣ` "oi"): mapped back before anything matches.
_BROKEN_FONT_LETTERS = {ord("ƣ"): "ư", ord("Ƣ"): "Ư"}

_BOLD = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_MD_BULLET = re.compile(r"^\*\s+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SEPARATOR_ROW = re.compile(r"^[\s|:+-]*-{2,}[\s|:+-]*$")
_SPACE_RUN = re.compile(r" {2,}")

# A paragraph that starts with one of these is a unit of its own, never the
# tail of a sentence cut by a page break.
_STRUCTURAL_START = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s|[IVXLC]+\.\s|[a-zđ]\)\s|[-+•]\s|Điều\s+\d|Chương\s|CHƯƠNG\s|"
    r"Nơi nhận|Kính gửi|Căn cứ|PHỤ LỤC|QUY CHẾ|TM\.|KT\.|TL\.|TUQ\.)"
)
_TERMINAL = tuple(".;:!?…\"”)/")


@dataclass
class _Unit:
    """A paragraph (or table) on its way into the normalized text."""

    lines: list[str]
    page: Optional[int]
    is_table: bool = False
    is_footnote: bool = False
    pages: list[Optional[int]] = field(default_factory=list)


def clean_line(line: str) -> str:
    line = normalize_vietnamese(line.translate(_BROKEN_FONT_LETTERS)).translate(_INVISIBLE).translate(_SPACES)
    line = _DASH.sub("-", line)
    line = _BOLD.sub("", line)
    line = _ITALIC.sub(r"\1", line)
    line = _MD_BULLET.sub("- ", line)
    line = _MD_HEADING.sub("", line)
    if "\t" in line:
        cells = [_SPACE_RUN.sub(" ", c.strip(" ")) for c in line.split("\t")]
        return "\t".join(cells) if any(cells) else ""
    return _SPACE_RUN.sub(" ", line.strip(" "))


def _pipe_row(line: str) -> Optional[str]:
    """`| a | b |` becomes `a<TAB>b`; other lines give None."""
    stripped = line.strip()
    if stripped.count("|") >= 2 and stripped.startswith("|"):
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        return "\t".join(cells)
    return None


def _units(raw: RawDocument) -> list[_Unit]:
    units: list[_Unit] = []
    for block in raw.blocks:
        if block.kind == "table":
            lines = []
            width = max((len(row) for row in block.rows), default=0)
            for row in block.rows:
                cells = [clean_line(" ".join((c or "").split())) for c in row]
                if len(cells) == 1 and width > 1:
                    cells.append("")  # a row merged across the table (`I. NHÓM ...`) is still one of its rows
                if any(cells) and not all(_SEPARATOR_ROW.match(c) or not c for c in cells):
                    lines.append("\t".join(cells))
            if lines:
                units.append(_Unit(lines, block.page, is_table=True))
            continue
        lines = []
        for source_line in block.text.split("\n"):
            piped = _pipe_row(source_line)
            if piped is not None:
                source_line = piped
            if _SEPARATOR_ROW.match(source_line.replace("\t", " ")):
                continue
            line = clean_line(source_line)
            if line.strip():
                lines.append(line)
        if not lines:
            continue
        is_table = all("\t" in ln for ln in lines)
        units.append(
            _Unit(lines, block.page, is_table=is_table, is_footnote=bool(FOOTNOTE_START.match(lines[0])))
        )
    return units


def continues_sentence(previous: str, following: str) -> bool:
    """True when `following` is the rest of a sentence that `previous` left open."""
    if "\t" in previous or "\t" in following:
        return False
    if previous.endswith(_TERMINAL) or _STRUCTURAL_START.match(following):
        return False
    first = following[:1]
    if first.islower() or previous.count("(") > previous.count(")"):
        return True  # a lower-case start, or a parenthesis left open
    # An upper-case start continues only a long running sentence that ends on a
    # word no sentence ends with (a preposition or a cut proper name).
    last_word = previous.rsplit(" ", 1)[-1].lower()
    return len(previous) > 120 and last_word in _OPEN_ENDINGS and not previous.isupper()


_OPEN_ENDINGS = {
    "của", "và", "về", "với", "cho", "tại", "theo", "các", "những", "ban", "phòng",
    "đề", "nghị", "quyết", "định", "kế", "hoạch", "thông", "báo", "số", "ngày", "trong",
    "để", "do", "từ", "đến", "là", "có", "được", "trên", "ủy", "nhân", "dân",
}


def normalize(raw: RawDocument) -> NormalizedText:
    units = _units(raw)
    body = [u for u in units if not u.is_footnote]
    notes = [u for u in units if u.is_footnote]

    merged: list[_Unit] = []
    for unit in body:
        unit.pages = [unit.page] * len(unit.lines)
        if merged and not unit.is_table and not merged[-1].is_table and continues_sentence(
            merged[-1].lines[-1], unit.lines[0]
        ):
            target = merged[-1]
            target.lines[-1] = target.lines[-1] + " " + unit.lines[0]
            target.lines.extend(unit.lines[1:])
            target.pages.extend(unit.pages[1:])
            continue
        merged.append(unit)
    for unit in notes:
        unit.pages = [unit.page] * len(unit.lines)
    merged.extend(notes)

    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for i, unit in enumerate(merged):
        if i:
            parts.append("\n\n")
            offset += 2
        for j, (line, page) in enumerate(zip(unit.lines, unit.pages)):
            if j:
                parts.append("\n")
                offset += 1
            if not spans or spans[-1].page != page:
                if spans:
                    spans[-1].end = offset
                spans.append(PageSpan(offset, offset, page))
            parts.append(line)
            offset += len(line)
    text = "".join(parts)
    if spans:
        spans[-1].end = len(text)
    warnings = list(raw.warnings)
    text, broken = break_long_lines(text)
    if broken:
        warnings.append(f"{broken} lines longer than {MAX_LINE_CHARS:,} characters broken into shorter ones")
    # both repairs keep every character in place: offsets and page spans stay true
    text, restored = restore_unaccented_lines(text)
    if restored:
        warnings.append("diacritics restored in capitals that had lost them: " + "; ".join(restored[:5]))
    text, retoned = repair_tone_marks(text, misread=raw.ocr_confidence is not None or bool(raw.ocr_words))
    if retoned:
        warnings.append("tone marks made consistent where the document spells a word two ways: "
                        + "; ".join(sorted(set(retoned))[:5]))
    if not text.strip():
        warnings.append("no text after normalization")
    return NormalizedText(text=text, page_spans=spans, warnings=warnings)


MAX_LINE_CHARS = 5000  # a real paragraph is shorter; every pattern after this runs on lines no longer


def break_long_lines(text: str) -> tuple[str, int]:
    """Lines past MAX_LINE_CHARS broken at a space (turned into a line break, so every offset
    stays true), or, in a run with no space, by a break in place of one character: no pattern
    downstream meets a megabyte-long line. Returns the text and how many lines were broken."""
    if len(text) <= MAX_LINE_CHARS or max(map(len, text.split("\n"))) <= MAX_LINE_CHARS:
        return text, 0
    chars = list(text)
    broken = 0
    line_start = 0
    i = 0
    while i < len(chars):
        if chars[i] == "\n":
            line_start = i + 1
        elif i - line_start >= MAX_LINE_CHARS:
            window = "".join(chars[line_start + MAX_LINE_CHARS // 2: i])
            space = max(window.rfind(" "), window.rfind("\t"))
            at = line_start + MAX_LINE_CHARS // 2 + space if space >= 0 else i
            chars[at] = "\n"
            broken += 1
            line_start = at + 1
        i += 1
    return "".join(chars), broken
