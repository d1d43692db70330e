"""Structure: normalized text in, a `DocumentStructure` out.

Follows the layout Nghị định 30/2020/NĐ-CP gives an administrative document:
issuer and national motto, số/ký hiệu, place and date, type and trích yếu,
the căn cứ block, the body (numbered sections), nơi nhận, the signature, and
documents issued with it (PHỤ LỤC, QUY CHẾ ...). Every piece is a span of the
normalized text, so extractors report true offsets.
"""
from __future__ import annotations

import re
from typing import Optional

from models import (
    Cell,
    DocumentStructure,
    Footnote,
    Header,
    Line,
    NormalizedText,
    Part,
    Section,
    SignatureBlock,
    Span,
    Table,
    TableRow,
)
from pipeline.normalize import FOOTNOTE_START, SUPERSCRIPT_DIGITS
from pipeline.person_names import is_personal_name
from pipeline.vntext import has_vowel, strip_diacritics

_ROMAN = r"(?=[IVXLC])(?:X{0,3})(?:IX|IV|V?I{0,3})"

# (kind, pattern, level): the marker that opens a section, outermost first.
SECTION_MARKERS: list[tuple[str, re.Pattern, int]] = [
    ("part", re.compile(r"^(?:PHẦN|Phần)\s+(" + _ROMAN + r"|\d+|thứ\s+\w+)\b[.:]?\s*"), 0),
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+(" + _ROMAN + r"|\d+)\b[.:]?\s*"), 1),
    ("mục", re.compile(r"^(?:MỤC|Mục)\s+(\d+)\b[.:]?\s*"), 2),
    ("article", re.compile(r"^Điều\s+(\d+)\s*[.:]\s*"), 3),
    ("roman", re.compile(r"^(" + _ROMAN + r")\.\s+"), 3),
    ("subsubnumber", re.compile(r"^(\d+\.\d+\.\d+)\.?\s+"), 6),
    ("subnumber", re.compile(r"^(\d+\.\d+)\.?\s+"), 5),
    ("number", re.compile(r"^(\d+)\.\s+"), 4),
    ("letter", re.compile(r"^([a-zđ])\)\s+"), 7),
    ("bullet", re.compile(r"^[-•]\s*(?=[^\W_]|[(\"“‘\[])"), 8),  # `- *`, a Markdown rule's remains, is no item
    ("plus", re.compile(r"^\+\s+"), 9),
]
SINGLE_PARAGRAPH_KINDS = {"bullet", "plus"}
# Chapters group articles; a section path names the article, as citations of law do.
GROUPING_KINDS = {"part", "chapter", "mục"}

DOC_TYPE_LINES = {
    "QUYẾT ĐỊNH": "Quyết định", "KẾ HOẠCH": "Kế hoạch", "THÔNG BÁO": "Thông báo",
    "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định", "BÁO CÁO": "Báo cáo", "TỜ TRÌNH": "Tờ trình",
    "NGHỊ QUYẾT": "Nghị quyết", "CHỈ THỊ": "Chỉ thị", "CHƯƠNG TRÌNH": "Chương trình",
    "HƯỚNG DẪN": "Hướng dẫn", "ĐỀ ÁN": "Đề án", "PHƯƠNG ÁN": "Phương án", "DỰ ÁN": "Dự án",
    "BIÊN BẢN": "Biên bản", "GIẤY MỜI": "Giấy mời", "CÔNG ĐIỆN": "Công điện",
    "THÔNG CÁO": "Thông cáo", "KẾ HOẠCH HÀNH ĐỘNG": "Kế hoạch", "CÔNG VĂN": "Công văn",
    "CHƯƠNG TRÌNH CÔNG TÁC": "Chương trình", "THÔNG BÁO KẾT LUẬN": "Thông báo",
    "LUẬT": "Luật", "PHÁP LỆNH": "Pháp lệnh", "NGHỊ ĐỊNH": "Nghị định", "THÔNG TƯ": "Thông tư",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch", "LỆNH": "Lệnh", "ĐIỀU LỆ": "Điều lệ",
}
# the type lines as a scan's OCR may read their marks (`QUYÉT ĐỊNH`): no two types share their bare letters
_BARE_TYPE_LINES = {strip_diacritics(kind): kind for kind in DOC_TYPE_LINES}


def doc_type_line_kind(t: str) -> Optional[str]:
    """The key of DOC_TYPE_LINES a line alone names, with its marks as written or misread."""
    t = t.strip().rstrip(":")
    if t in DOC_TYPE_LINES:
        return t
    return _BARE_TYPE_LINES.get(strip_diacritics(t)) if t.isupper() else None


APPENDED_PART_TITLES = {"PHỤ LỤC": "Phụ lục", "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định",
                        "ĐIỀU LỆ": "Điều lệ", "HƯỚNG DẪN": "Hướng dẫn", "DANH SÁCH": "Danh sách",
                        "KẾ HOẠCH": "Kế hoạch", "CHƯƠNG TRÌNH": "Chương trình", "ĐỀ ÁN": "Đề án",
                        "PHƯƠNG ÁN": "Phương án"}
# an annex alone on its line may be written `Phụ lục` / `Phụ lục 2`; `Quy định` alone is more often a heading
SENTENCE_CASE_PART_TITLES = {"PHỤ LỤC"}

# The national motto and the Party's, with or without their diacritics (OCR
# and some fonts lose them), the last word or the dashes sometimes missing.
_MOTTO_TEXT = (r"C[OÔỘ]NG\s+H[OÒ]A\s+X[AÃ]\s+H[OỘ]I\s+CH[UỦ]\s+NGH[IĨ]A(?:\s+VI[EỆ]T(?:\s+NAM)?)?"
               r"|Đ[OỘ]C\s+L[AẬ]P\s*[-–]?\s*T[UỰ]\s+DO\s*[-–]?\s*H[AẠ]NH\s+PH[UÚ]C"
               r"|Đ[AẢ]NG\s+C[OỘ]NG\s+S[AẢ]N\s+VI[EỆ]T\s+NAM")
NATIONAL_MOTTO = re.compile(rf"^(?:{_MOTTO_TEXT})", re.IGNORECASE)
# `Số: 12/KH-UBND`; a law or a resolution of the Assembly names its type first
# (`Luật số: 109/2025/QH15`); an old gazette writes it in capitals (`SỐ 07/2008/CT-BTTTT`).
# OCR misreads the word itself (`Sắ:422/STTTT-KHTC`, `Só $3/KCN-VP`, `S: 443! /BĐH`): taken
# as the number line only when a symbol's `/` and capitals follow within a few characters.
OCR_NUMBER_WORD = r"S(?![ốỐ])[aáàảãạăắằẳẵặâấầẩẫậoóòỏõọôồổỗộơớờỡợ]?(?=\s*[:.]?\s*[^/\s]{0,8}\s*/\s*[A-ZĐ])"
NUMBER_PREFIX = (r"^(?:(?:Luật|Nghị quyết|Pháp lệnh|Lệnh|Nghị định|Quyết định|Thông tư|Chỉ thị)\s+số|Số|SỐ|số(?=\s*:)|"
                 + OCR_NUMBER_WORD + ")")
NUMBER_LINE = re.compile(r"^(?:(?:Luật|Nghị quyết|Pháp lệnh|Lệnh|Nghị định|Quyết định|Thông tư|Chỉ thị)\s+số|Số|số(?=\s*:)|"
                         + OCR_NUMBER_WORD + r")\s*[:.]?\s*(\S.*)?$")
GAZETTE_NUMBER = re.compile(r"^SỐ\s+\d")
PLACE_DATE_LINE = re.compile(r"^([^,\d]{2,40}),\s*ngày(?![^\W\d_]).*\bn?ăm\b", re.IGNORECASE)
# A date standing alone under a gazette title: `NGÀY 30 THÁNG 12 NĂM 2008`.
DATE_ONLY_LINE = re.compile(r"^ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}$", re.IGNORECASE)
# An old gazette's title: the type, then `CỦA <issuer> SỐ <symbol> NGÀY <date>`, then `VỀ <subject>`.
GAZETTE_ISSUER = re.compile(r"^CỦA\s+(?=\S)")
GAZETTE_SUBJECT = re.compile(r"^VỀ\s+\S")
_VN_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
MOTTO_ANYWHERE = re.compile(_MOTTO_TEXT, re.IGNORECASE)
# Where a header line read as one holds two columns' pieces: around the motto,
# before `Số:`, before `Place, ngày` (a place's words are in title case).
HEADER_CUT = re.compile(
    r"\bSố\s*:|(?<=\S)\s+(?=SỐ\s+\d|NGÀY\s+\d{1,2}\s+THÁNG)|(?<=(?i:hạnh phúc))[\s.]+(?=\S)"
    rf"|(?<!\S)(?:TP\.\s*)?(?:[{_VN_UPPER}][a-zđà-ỹ'’]*\s+){{0,3}}[{_VN_UPPER}][a-zđà-ỹ'’]*,\s*ngày(?![^\W\d_])"
)
ENACTING_LINE = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|NGHỊ QUYẾT|QUY ĐỊNH)\s*:\s*$")
CAN_CU = re.compile(r"^Căn cứ\b")
PROPOSAL = re.compile(r"^(Theo|Xét) đề nghị\b")
# `V/v` as OCR reads it, before the small letters of the subject: `VA chi phí ...`
OCR_SUBJECT_MARK = r"(?:VA|V\.v|Vv|Vív|Viv|V/y|VW|Vy)\s+(?=[^\W\d_A-ZĐ])"
SUBJECT_LINE = re.compile(r"^(?:(?i:V/v|Về việc)\b|" + OCR_SUBJECT_MARK + r")")
ADDRESSEE = re.compile(r"^Kính gửi\s*:?\s*(.*)$")
# `Nơi nhận`, and as OCR reads it (`Noi nhận`, `Not nhận`)
RECIPIENTS = re.compile(r"^N[oơ][iít]\s+nh[aậâ]n\b\s*:?\s*(.*)$")
CAPACITY = re.compile(r"^(T/M|TM|KT|TL|TUQ|Q)(?:\.|(?<=T/M)\s)\s*")  # `T/M` is a mark without its period too
PERSON_NAME = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){1,5}$")


def is_upper_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


def looks_like_person_name(text: str) -> bool:
    text = text.strip()
    return (
        bool(PERSON_NAME.match(text))
        and all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in text.split())
        and len(text) <= 40
    )


def match_marker(text: str) -> Optional[tuple[str, str, int, int]]:
    """(kind, label, level, marker_length) for a line that opens a section."""
    for kind, pattern, level in SECTION_MARKERS:
        m = pattern.match(text)
        if m:
            label = {"article": f"Điều {m.group(1)}" if m.groups() else "",
                     "bullet": "-", "plus": "+"}.get(kind, m.group(1) if m.groups() else kind)
            if kind in ("part", "chapter", "mục"):
                label = text[: m.end()].strip().rstrip(".:")
            return kind, label, level, m.end()
    return None


def split_lines(text: str) -> list[Line]:
    """The text's lines, each with its paragraph: a blank line parts paragraphs and so, where a text
    has none (OCR, a PDF's hard-wrapped lines), does a line closing a sentence before one opening
    with a capital."""
    lines: list[Line] = []
    paragraph = 0
    offset = 0
    for raw in text.split("\n"):
        if raw == "":
            paragraph += 1
        else:
            if lines and lines[-1].paragraph == paragraph and _closes_paragraph(lines[-1].text, raw):
                paragraph += 1
            lines.append(Line(offset, offset + len(raw), raw, paragraph))
        offset += len(raw) + 1
    return lines


def _closes_paragraph(line: str, following: str) -> bool:
    return _closes_sentence(line, following) and "\t" not in line + following


def _closes_sentence(line: str, following: str) -> bool:
    """A line closing a sentence (`;`, `.`, `:`) before one opening with a capital."""
    return line.rstrip().endswith((".", ";", ":")) and following.lstrip()[:1].isupper()


def _footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """Footnote paragraphs sit at the end of the normalized text."""
    notes: list[Footnote] = []
    cut = len(lines)
    i = len(lines) - 1
    while i >= 0:
        first = i
        while first > 0 and lines[first - 1].paragraph == lines[i].paragraph:
            first -= 1
        if not FOOTNOTE_START.match(lines[first].text):
            break
        cut = first
        i = first - 1
    for line in lines[cut:]:
        m = FOOTNOTE_START.match(line.text)
        if m:
            digits = line.text[: m.end()].strip()
            number = int(digits.translate(str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")))
            notes.append(Footnote(line.start, line.end, line.text, number))
        elif notes:
            notes[-1] = Footnote(notes[-1].start, line.end, notes[-1].text + "\n" + line.text, notes[-1].number)
    return lines[:cut], notes


def _paragraph_span(lines: list[Line], i: int, text: str) -> tuple[Span, int]:
    """The paragraph starting at line i, and the index after it. Where a text has
    no blank lines between paragraphs (OCR, a PDF's text), a line that closes a
    sentence (`;`, `.`) before one opening with a capital ends it too."""
    j = i
    while j + 1 < len(lines) and lines[j + 1].paragraph == lines[i].paragraph:
        if _closes_sentence(lines[j].text, lines[j + 1].text) or CAN_CU.match(lines[j + 1].text.strip()):
            break
        j += 1
    return Span(lines[i].start, lines[j].end, text[lines[i].start: lines[j].end]), j + 1


def tab_cells(line: Line) -> list[Line]:
    """A TAB-joined line (a layout table's row: `- Như trên;<TAB><TAB>PHÓ CỤC TRƯỞNG`)
    as its filled cells, stripped, each keeping true offsets."""
    cells, offset = [], line.start
    for cell in line.text.split("\t"):
        lead = len(cell) - len(cell.lstrip())
        if cell.strip():
            cells.append(Line(offset + lead, offset + lead + len(cell.strip()), cell.strip(), line.paragraph))
        offset += len(cell) + 1
    return cells


def header_fragments(line: Line) -> list[Line]:
    """A header line cut into the pieces its two columns put side by side:
    `UBND TỈNH X<TAB>CỘNG HÒA ...`, `SỞ Y TẾ Độc lập - Tự do - Hạnh phúc`,
    `Số: 12/KH-UBND X, ngày 5 tháng 3 năm 2025`. Each piece keeps true offsets."""
    pieces: list[Line] = []
    for cell in tab_cells(line):
        start = 0
        cuts = {m.start() for m in HEADER_CUT.finditer(cell.text)}
        for m in MOTTO_ANYWHERE.finditer(cell.text):
            cuts.update((m.start(), m.end()))
        for end in sorted(c for c in cuts if 0 < c < len(cell.text)) + [len(cell.text)]:
            piece = cell.text[start:end]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                pieces.append(Line(cell.start + start + lead, cell.start + start + lead + len(piece.strip()),
                                   piece.strip(), line.paragraph))
            start = end
    # `Số:` in one cell and `/BC-UBND` in the next are one number line
    for k in range(len(pieces) - 2, -1, -1):
        if re.fullmatch(r"Số\s*[:.]?", pieces[k].text) and re.match(r"[\d/-]", pieces[k + 1].text):
            start, end = pieces[k].start, pieces[k + 1].end
            pieces[k: k + 2] = [Line(start, end, line.text[start - line.start: end - line.start], line.paragraph)]
    return pieces


# A labelled line under a title (`Địa điểm: thành phố Hà Nội`, `Tỷ lệ: 1/500`).
LABEL_LINE = re.compile(r"^[A-ZĐ][^\W\d_]*(?: [^\W\d_]+){0,3}\s*:\s*\S.{0,100}$")

# What the body opens with: the header (and a title running over several paragraphs) ends there.
BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Kính gửi|Theo đề nghị|Xét đề nghị|Nơi nhận|"
                          r"Địa điểm|Thời gian|Ngày\s+\d)")
TITLE_OPEN_END = re.compile(r"(?:\b(?:và|của|về|với|cho|tại|trong|theo|đối với|các|những|số|ngày|năm)|[,(-])$",
                            re.IGNORECASE)
MAX_TITLE_CHARS = 600


def _title_span(lines: list[Line], i: int, text: str, issuer: str = "") -> tuple[Span, int]:
    """The trích yếu from lines[i]: its paragraph, up to a line that opens the
    body, and the paragraphs that go on with it: one opening with `(` or a
    small letter, one after a title left open (`... và`, no full stop), in the
    same case (a title in capitals goes on in capitals, never into the
    authority line below it, nor keeps that line's words where a web page
    glued them to its end: `... CÓ HIỆU LỰC CHÍNH PHỦ`, `issuer` being `CHÍNH PHỦ`)."""
    upper = is_upper_line(lines[i].text)
    j = _title_paragraph_end(lines, i)
    while j + 1 < len(lines) and lines[j + 1].end - lines[i].start < MAX_TITLE_CHARS:
        nxt = lines[j + 1].text.strip()
        if _ends_title(nxt) or is_upper_line(nxt) != upper or nxt.endswith(":"):
            break
        so_far = text[lines[i].start: lines[j].end].rstrip()
        goes_on = nxt[:1] in "(" or nxt[:1].islower() or TITLE_OPEN_END.search(so_far) or (
            not so_far.endswith((".", ";", ":", "!", "?", ")")) and len(nxt) < 250)
        if upper and BODY_HEAD_LINE.match(nxt):
            break
        if not goes_on:
            break
        j = _title_paragraph_end(lines, j + 1)
    end = lines[j].end
    if upper and issuer and text[lines[i].start:end].rstrip().endswith(" " + issuer):
        end = text.rindex(issuer, lines[i].start, end)
    while end > lines[i].start and text[end - 1].isspace():
        end -= 1
    return Span(lines[i].start, end, text[lines[i].start: end]), j + 1


def _type_then_title(t: str) -> int:
    """The length of the document type opening a line in capitals that goes on
    with its title (`QUYẾT ĐỊNH CHẤP THUẬN ...`), or 0."""
    if not is_upper_line(t) or t.rstrip(":") in DOC_TYPE_LINES:
        return 0
    for kind in sorted(DOC_TYPE_LINES, key=len, reverse=True):
        if t.startswith(kind + " ") and len(t[len(kind):].split()) >= 2:
            return len(kind)
    return 0


def _title_paragraph_end(lines: list[Line], i: int) -> int:
    """The last line of the paragraph opening at lines[i] that still belongs to the title."""
    j = i
    while j + 1 < len(lines) and lines[j + 1].paragraph == lines[i].paragraph and not _ends_title(lines[j + 1].text):
        j += 1
    return j


def _ends_title(line_text: str, first: bool = False) -> bool:
    """Does this line end the title (or, `first`, leave no title to start)? A
    title may itself open with `Thực hiện` or `Triển khai`; a later paragraph
    that does is the body."""
    t = line_text.strip()
    opening = (CAN_CU.match(t) or ADDRESSEE.match(t)) if first else BODY_OPENING.match(t)
    return bool(opening or NATIONAL_MOTTO.match(t) or NUMBER_LINE.match(t) or PLACE_DATE_LINE.match(t) or match_marker(t)
                or ENACTING_LINE.match(t) or re.fullmatch(r"[-_=*.o0\s]+", t))


# A body's name opening a line in capitals: the authority line under a title set in capitals.
BODY_HEAD_LINE = re.compile(
    r"^(?:ỦY BAN|UBND|HỘI ĐỒNG|HĐND|CHÍNH PHỦ|THỦ TƯỚNG|BỘ TRƯỞNG|BAN|THƯỜNG TRỰC|GIÁM ĐỐC|CHỦ TỊCH|"
    r"QUỐC HỘI|SỞ|CỤC|TỔNG CỤC|VĂN PHÒNG|BỘ|PHÓ|TRƯỞNG|CHÁNH|ĐẢNG ỦY|ĐOÀN|\w+ TRƯỞNG)\b")


def _header(lines: list[Line], text: str) -> tuple[Header, int, list[Span], list[Line]]:
    """Header fields, the index of the first body line, the căn cứ spans and addressees.

    Lines before the body are cut into their columns' pieces first, so that the
    fields are found whatever the layout put on one line."""
    header = Header()
    can_cu: list[Span] = []
    addressees: list[Line] = []
    i = 0
    limit = min(len(lines), 60)
    pieces: list[Line] = []
    source: list[int] = []  # the index in `lines` each piece comes from
    for n, line in enumerate(lines[:limit]):
        t = line.text.strip()
        if (CAN_CU.match(t) or ENACTING_LINE.match(t) or ADDRESSEE.match(t)
                or (match_marker(t) and match_marker(t)[0] not in SINGLE_PARAGRAPH_KINDS)):
            break
        fragments = header_fragments(line)
        pieces.extend(fragments)
        source.extend([n] * len(fragments))
    else:
        n = limit
    pieces.extend(lines[n:])
    source.extend(range(n, len(lines)))
    source.append(len(lines))
    lines = pieces
    limit = min(len(lines), 80)
    seen_type_or_title = False
    gazette = False  # the title names issuer, number and date: `CỦA BỘ X SỐ 07/2008/CT-BTTTT NGÀY ...`
    body_at = None
    while i < limit:
        line = lines[i]
        t = line.text.strip()
        if NATIONAL_MOTTO.match(t):
            header.national_motto.append(line)
        elif header.number_line is None and NUMBER_LINE.match(t) and body_at is None:
            header.number_line = line
        elif header.place_date_line is None and (PLACE_DATE_LINE.match(t) or DATE_ONLY_LINE.match(t)) \
                and body_at is None:
            header.place_date_line = line
        elif gazette and header.number_line is None and GAZETTE_NUMBER.match(t):
            header.number_line = line
        elif seen_type_or_title and header.title is None and GAZETTE_ISSUER.match(t):
            gazette = True
            if not header.issuer_lines:
                cut = GAZETTE_ISSUER.match(t).end()
                header.issuer_lines.append(Line(line.start + cut, line.end, t[cut:], line.paragraph))
        elif seen_type_or_title and header.title is None and GAZETTE_SUBJECT.match(t) and is_upper_line(t):
            header.title, i = _title_span(lines, i, text)
            continue
        elif header.doc_type_line is None and not seen_type_or_title and (header.number_line or header.national_motto) \
                and (type_length := _type_then_title(t)) and body_at is None:
            # `QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ`: the type and the title on one line
            cut = line.start + len(line.text) - len(line.text.lstrip()) + type_length
            rest = text[cut:line.end]
            lead = len(rest) - len(rest.lstrip())
            lines[i:i + 1] = [Line(line.start, cut, text[line.start:cut].strip(), line.paragraph),
                              Line(cut + lead, line.end, rest.strip(), line.paragraph)]
            source.insert(i, source[i])
            limit = min(len(lines), 80)
            continue
        elif header.doc_type_line is None and doc_type_line_kind(t) and not t.endswith(":"):
            header.doc_type_line = line
            seen_type_or_title = True
            if i + 1 < len(lines):
                nxt = lines[i + 1].text.strip()
                subject = SUBJECT_LINE.match(nxt.lstrip("("))
                if (subject or not _ends_title(nxt, first=True)) and (not is_upper_line(nxt) or not BODY_HEAD_LINE.match(nxt)) \
                        and not GAZETTE_ISSUER.match(nxt):
                    issuer = header.issuer_lines[-1].text.strip() if header.issuer_lines else ""
                    header.title, i = _title_span(lines, i + 1, text, issuer)
                    continue
        elif SUBJECT_LINE.match(t.lstrip("(")) and header.title is None:
            header.title, i = _title_span(lines, i, text)
            seen_type_or_title = True
            continue
        elif ADDRESSEE.match(t):
            rest = ADDRESSEE.match(t).group(1)
            if rest:
                addressees.append(Line(line.start + t.index(rest), line.end, rest, line.paragraph))
            i += 1
            while i < len(lines) and re.match(r"^[-+•]\s", lines[i].text):
                addressees.append(lines[i])
                i += 1
            if i < len(lines) and CAN_CU.match(lines[i].text.strip()):
                continue  # a Tờ trình states its căn cứ under the addressee
            body_at = i
            break
        elif CAN_CU.match(t):
            span, i = _paragraph_span(lines, i, text)
            can_cu.append(span)
            body_at = i
            continue
        elif PROPOSAL.match(t):  # `Theo đề nghị của ... tại Tờ trình số ...`: with the căn cứ, cited as a reference
            span, i = _paragraph_span(lines, i, text)
            can_cu.append(span)
            body_at = i
            continue
        elif ENACTING_LINE.match(t):
            body_at = i + 1
            break
        elif match_marker(t) and match_marker(t)[0] not in SINGLE_PARAGRAPH_KINDS:
            body_at = i if body_at is None else body_at  # a numbered section opens the body
            break
        elif is_upper_line(t) and not seen_type_or_title and not header.number_line and body_at is None:
            header.issuer_lines.append(line)
        elif is_upper_line(t) and seen_type_or_title and header.authority_line is None and not can_cu and not match_marker(t):
            header.authority_line = line
        elif seen_type_or_title and not is_upper_line(t):
            ahead = next((k for k in range(i + 1, min(i + 4, limit)) if CAN_CU.match(lines[k].text.strip())
                          or BODY_HEAD_LINE.match(lines[k].text.strip())), None)
            if ahead is not None and not can_cu and header.authority_line is None and LABEL_LINE.match(t):
                i = ahead  # a line under the title (`Địa điểm: ...`) before the authority and the căn cứ
                continue
            if body_at is None:
                body_at = i
            if can_cu or header.authority_line is None:
                break
        elif not seen_type_or_title and len(t) > 150:
            body_at = i  # running prose with no header above it
            break
        i += 1
    if body_at is None:
        body_at = i
    return header, source[body_at], can_cu, addressees  # an index into the caller's lines, not the pieces


# A recipient in a Nơi nhận list, or the archive line closing it.
RECIPIENT_LINE = re.compile(r"^(?:[-+•*~]|Lưu\b|Như\b)")  # `~` is OCR's dash
SIGNATURE_SEARCH_LINES = 40  # the signature stands within this many lines of the body's end
SIGNING_NOTE = re.compile(r"^\W*\(\s*(?:đã ký|ký|ký tên|ký, ghi rõ|ký và ghi rõ)[^)]*\)$|^\W*đã ký\W*$", re.IGNORECASE)
# A rank or a degree before a signer's name: `Thượng tướng Vũ Hải Sản`, `PGS.TS. Lê Văn An`.
NAME_PREFIX = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:P?GS\.\s*)?TS\.|ThS\.|BS\.|KS\.)\s+")
# A republished copy's note that the original is signed, after the name: `Trần Văn A – Đã ký`, `(Đã ký)`
SIGNED_AFTER_NAME = re.compile(r"\s*(?:[-–(]\s*)?đã ký\W*$", re.IGNORECASE)
# What a converter leaves around a name: a table's bar, dashes, a stray quote.
NAME_DEBRIS = " -–~|*'\"“”[]"


def _name_in(line: Line) -> Optional[Line]:
    """The signer's name on a line, without the rank or the converter's debris around it."""
    text = line.text
    start = len(text) - len(text.lstrip(NAME_DEBRIS))
    prefix = NAME_PREFIX.match(text[start:])
    start += prefix.end() if prefix else 0
    signed = SIGNED_AFTER_NAME.search(text)
    end = len(text[: signed.start() if signed else len(text)].rstrip(NAME_DEBRIS))
    name = text[start:end]
    if start >= end or not looks_like_person_name(name):
        return None
    return Line(line.start + start, line.start + end, name, line.paragraph)


# What the signer's column puts at the end of a Nơi nhận line when a PDF or OCR
# reads the two columns as one: a capacity (`- Bộ Công Thương; KT. CHỦ TỊCH`), a
# position in capitals (`... phương TRƯỞNG ĐOÀN`), a name (`...; Nguyễn Thế Phước`).
_CAPACITY_TAIL = re.compile(r"\s((?:T/M|TM|KT|TL|TUQ|Q)\.\s*[^\W\d_][^\n]*)$")
_NAME_TAIL = re.compile(r"[;,.:)]\s+([^\W\d_]+(?:\s+[^\W\d_]+){1,4})$")


def _caps_tail(text: str) -> Optional[re.Match]:
    """The last two to six words of `text` when they are words (not acronyms) in
    capitals after running text: `... phương TRƯỞNG ĐOÀN`."""
    words = text.split()
    n = 0
    while n < min(len(words) - 1, 6) and words[-1 - n].isalpha() and words[-1 - n].isupper() \
            and len(words[-1 - n]) > 1 and has_vowel(words[-1 - n]):
        n += 1
    if n < 2 or not any(c.islower() for c in " ".join(words[:-n])):
        return None
    return re.search(r"\s(" + r"\s+".join(map(re.escape, words[-n:])) + r")$", text)


def _signer_tail(text: str) -> Optional[re.Match]:
    m = _CAPACITY_TAIL.search(text)
    if m and is_upper_line(m.group(1)):
        return m
    m = _caps_tail(text)
    if m:
        return m
    m = _NAME_TAIL.search(text)
    return m if m and is_personal_name(m.group(1)) else None


def _is_closing_row(text: str) -> bool:
    """A row of the two closing columns read with TABs: the Nơi nhận column
    first (its heading or a recipient), or empty with the signer's column beside it."""
    cells = [c.strip() for c in text.split("\t")]
    return len(cells) > 1 and sum(bool(c) for c in cells) <= 2 and \
        (not cells[0] or bool(RECIPIENTS.match(cells[0]) or RECIPIENT_LINE.match(cells[0])))


def closing_fragments(lines: list[Line]) -> list[Line]:
    """Lines from a Nơi nhận list on, with the signer's column cut off the
    recipient lines it was read into, each piece keeping true offsets."""
    out: list[Line] = []
    in_recipients = 0
    for row in lines:
        if RECIPIENTS.match(row.text.strip().split("\t", 1)[0]):
            in_recipients = SIGNATURE_SEARCH_LINES
        if "\t" in row.text and not _is_closing_row(row.text):
            in_recipients = 0  # a table: whatever is appended after the signature
        if not (in_recipients and "\t" in row.text):
            out.extend(_without_signer_tail(row, in_recipients))
        else:
            for cell in tab_cells(row):
                out.extend(_without_signer_tail(cell, in_recipients))
        in_recipients = max(in_recipients - 1, 0)
    return out


def _without_signer_tail(line: Line, in_recipients: int) -> list[Line]:
    """A recipient line, and the signer's column read onto its end as a line of its own."""
    t = line.text
    m = _signer_tail(t) if in_recipients and (RECIPIENTS.match(t.strip()) or RECIPIENT_LINE.match(t.strip())) else None
    if not m:
        return [line]
    left = t[:m.start(1)].rstrip()
    return [Line(line.start, line.start + len(left), left, line.paragraph),
            Line(line.start + m.start(1), line.start + m.end(1), m.group(1), line.paragraph)]


# A signer's position, in any case: what closes a letter signed without a capacity mark.
POSITION_LINE = re.compile(
    r"^(?:Phó\s+|Tổng\s+|Quyền\s+)?(?:Chủ tịch|Giám đốc|Trưởng\s+\w+|Chánh\s+\w+|Bí thư|Chủ nhiệm|"
    r"\w+\s+trưởng|Thủ tướng)(?:\s+\S+){0,4}$", re.IGNORECASE)


# Who signs a report, a plan or a declaration written by a person, in sentence
# case above the name: `Người báo cáo`, `Người lập kế hoạch`, `Người khai`.
SIGNER_ROLE_LINE = re.compile(r"^Người\s+(?:lập|báo cáo|khai|ký|viết|tổng hợp|đề nghị|làm đơn|duyệt|kê khai)\b.{0,30}$")


def _role_line(t: str) -> bool:
    """A signer's role or position written in sentence case, alone on its line."""
    return "\t" not in t and bool(SIGNER_ROLE_LINE.match(t) or POSITION_LINE.match(t))


# `Lưu: VT` closes the Nơi nhận list, but Lưu is a family name too (`Lưu Đức Huy`)
ARCHIVE_COPY = re.compile(r"^Lưu\s+(?:Văn\s+(?:thư|phòng)|hồ\s+sơ)\b", re.IGNORECASE)


def _recipient_not_name(t: str) -> bool:
    """A line of the Nơi nhận list that only looks like a name (`Lưu Văn thư`, `- Như trên`)."""
    if re.match(r"^[-+•*]\s|Như\b", t):
        return True
    return t.startswith("Lưu") and (not is_personal_name(t) or bool(ARCHIVE_COPY.match(t)))


def _signature_line(t: str) -> bool:
    """A capacity or position line of a signature block: in capitals, no recipient,
    and more than OCR's one- or two-character debris."""
    return (is_upper_line(t) or bool(CAPACITY.match(t))) and not RECIPIENT_LINE.match(t) and len(t) > 2


def capacity_of(text: str) -> Optional[str]:
    """`T/M. ỦY BAN NHÂN DÂN` -> `TM.`: the signing capacity a line opens with, as the dataset writes it."""
    m = CAPACITY.match(text)
    return m.group(1).replace("/", "") + "." if m else None


# what OCR makes of a signature's scribble or a seal beside the Nơi nhận list: a short run of
# letters, digits and marks that is no sentence and no line in capitals (`2/5: 5 TQ UÀI tà`)
OCR_DEBRIS = re.compile(r"(?=.*[\d\W])(?!.*[.;]$)[^\n]{1,24}")


def _signature(lines: list[Line], start: int, end: int) -> tuple[Optional[SignatureBlock], Optional[int]]:
    """The signature block in lines[start:end]: capacity and position lines in
    capitals above a person's name. A PDF's two columns or a layout table put
    the Nơi nhận list beside it, so recipient lines between them are passed
    over. Returns the block and the index of its first line."""
    floor = max(start, end - SIGNATURE_SEARCH_LINES)
    recipients_at = next((k for k in range(end - 1, floor - 1, -1) if RECIPIENTS.match(lines[k].text)), None)
    for k in range(end - 1, floor - 1, -1):
        name = _name_in(lines[k])
        if name is None or _recipient_not_name(lines[k].text.strip()):
            continue
        above: list[Line] = []
        j = k - 1
        while j >= floor:
            t = lines[j].text.strip()
            in_recipients = recipients_at is not None and j > recipients_at
            if _signature_line(t):
                above.append(lines[j])
            elif _role_line(t) and all(_role_line(ln.text.strip()) for ln in above):
                above.append(lines[j])  # `Người báo cáo` / `Đặng Vũ Linh`: a block in sentence case
            elif SIGNING_NOTE.match(t) or re.fullmatch(r"[\W_]*", t) or \
                    (in_recipients and (RECIPIENT_LINE.match(t) or t[:1].islower() or len(t) <= 2
                                        or (t.endswith((";", ",")) and not is_upper_line(t))
                                        or OCR_DEBRIS.fullmatch(t))):
                pass
            elif RECIPIENTS.match(t):
                tail = RECIPIENTS.match(t).group(1).strip()
                if tail and is_upper_line(tail):  # `Nơi nhận: GIÁM ĐỐC` read as one line
                    start_at = lines[j].start + lines[j].text.index(tail)
                    above.append(Line(start_at, start_at + len(tail), tail, lines[j].paragraph))
                if above or tail:
                    break
                # the signer's column read before the Nơi nhận list: its lines stand right above it
                up = j - 1
                while up >= floor and _signature_line(lines[up].text.strip()):
                    above.append(lines[up])
                    up -= 1
                j = up
                break
            else:
                break
            j -= 1
        if not above:
            continue
        above.reverse()
        block = SignatureBlock(lines=above + [name], name_line=name)
        last_capacity = None
        for n, ln in enumerate(above):
            if capacity_of(ln.text):
                block.capacity = capacity_of(ln.text)
                last_capacity = n
        first_position = 0 if last_capacity is None else last_capacity + 1
        # `Người khai` over `Trưởng Ban ...`: who the signer is in the form, then their office
        block.position_lines = [ln for ln in above[first_position:] if not SIGNER_ROLE_LINE.match(ln.text.strip())] \
            or above[first_position:]
        first = min(i for i in range(j + 1, k + 1) if lines[i] in above or i == k or lines[i].start <= above[0].start)
        return block, min(first, recipients_at) if recipients_at is not None and recipients_at > j else first
    return _nameless_signature(lines, floor, end)


def _nameless_signature(lines: list[Line], floor: int, end: int) -> tuple[Optional[SignatureBlock], Optional[int]]:
    """A signature block with no name under it (signed digitally, or left for the
    signer): the last capacity line and the position lines in capitals after it."""
    k = next((k for k in range(end - 1, floor - 1, -1) if CAPACITY.match(lines[k].text.strip())), None)
    if k is None:
        return _unmarked_signature(lines, floor, end)
    block = SignatureBlock(lines=[lines[k]], capacity=capacity_of(lines[k].text.strip()))
    for line in lines[k + 1:end]:
        t = line.text.strip()
        if "\t" in t:  # a table appended under the block, its codes in capitals (`M1  2498697,55`)
            break
        if CAPACITY.match(t):
            block.capacity = capacity_of(t)
            block.lines.append(line)
        elif is_upper_line(t) and not RECIPIENT_LINE.match(t):
            block.lines.append(line)
            block.position_lines.append(line)
    while k > floor and CAPACITY.match(lines[k - 1].text.strip()):
        k -= 1
    return block, k


def _unmarked_signature(lines: list[Line], floor: int, end: int) -> tuple[Optional[SignatureBlock], Optional[int]]:
    """A letter closed by its body's name in capitals and the signer's position,
    with no `TM.` before them (`UBND THỊ TRẤN X` / `Chủ tịch`), at its very end."""
    last = [k for k in range(floor, end) if lines[k].text.strip()][-3:]
    for n, k in enumerate(last[:-1]):
        body, position = lines[k].text.strip(), lines[last[n + 1]].text.strip()
        if is_upper_line(body) and BODY_HEAD_LINE.match(body) and POSITION_LINE.match(position):
            block = SignatureBlock(lines=[lines[k], lines[last[n + 1]]], position_lines=[lines[last[n + 1]]])
            return block, k
    return None, None


def _tables(lines: list[Line]) -> list[Table]:
    """Consecutive TAB-separated lines, blank lines (page breaks) included, form a table."""
    tables: list[Table] = []
    current: list[TableRow] = []
    for line in lines:
        if "\t" in line.text:
            cells, offset = [], line.start
            for value in line.text.split("\t"):
                cells.append(Cell(offset, offset + len(value), value))
                offset += len(value) + 1
            current.append(TableRow(line.start, line.end, cells))
        elif current:
            tables.append(Table(current[0].start, current[-1].end, current))
            current = []
    if current:
        tables.append(Table(current[0].start, current[-1].end, current))
    return tables


def _sections(lines: list[Line], start: int, end: int) -> list[Section]:
    """Nest the numbered sections of lines[start:end] by their markers' levels."""
    roots: list[Section] = []
    stack: list[Section] = []
    for line in lines[start:end]:
        if "\t" in line.text:
            continue
        marker = match_marker(line.text)
        if marker:
            kind, label, level, _ = marker
            while stack and stack[-1].level >= level:
                stack.pop()
            section = Section(kind, label, Span(line.start, line.end, line.text), line.start, line.end, level)
            if stack:
                section.parent = stack[-1]
                stack[-1].children.append(section)
            else:
                roots.append(section)
            stack.append(section)
            continue
        # an unmarked paragraph closes single-paragraph items (bullets)
        while stack and stack[-1].kind in SINGLE_PARAGRAPH_KINDS and line.paragraph != _last_paragraph(stack[-1], lines):
            stack.pop()
        if stack:
            stack[-1].body_lines.append(line)
            for node in stack:
                node.end = max(node.end, line.end)
    for root in roots:
        _close(root)
    return roots


def _close(node: Section) -> None:
    """A section ends where its last line or its last child ends (children first)."""
    for child in node.children:
        _close(child)
    last = node.body_lines[-1].end if node.body_lines else node.heading.end
    kids = node.children[-1].end if node.children else 0
    node.end = max(last, kids, node.heading.end)


def _last_paragraph(section: Section, lines: list[Line]) -> int:
    if section.body_lines:
        return section.body_lines[-1].paragraph
    for line in lines:
        if line.start == section.heading.start:
            return line.paragraph
    return -1


def _signature_before_appendix(lines: list[Line], start: int, end: int
                               ) -> tuple[Optional[SignatureBlock], Optional[int], Optional[int]]:
    """A signature followed by tables or lists with no PHỤ LỤC title (a decision's
    list of units, a resolution's annex table): the last Nơi nhận or capacity line
    with a signature block right under it. Returns the block, its first line and
    the first line of what is appended after it."""
    for idx in range(end - 1, start, -1):
        t = lines[idx].text.strip()
        if not (RECIPIENTS.match(t) or CAPACITY.match(t)):
            continue
        window_end = min(end, idx + SIGNATURE_SEARCH_LINES)
        block, at = _signature(lines, max(start, idx - 3), window_end)
        if block is None:
            continue
        last = max(i for i in range(at, window_end) if _in_signature(lines[i], block))
        after = last + 1
        while after < window_end and (not lines[after].text.strip() or RECIPIENT_LINE.match(lines[after].text.strip())):
            after += 1
        return block, at, after if after < end else None
    return None, None, None


def _in_signature(line: Line, signature: Optional[SignatureBlock]) -> bool:
    """Does the line hold a piece of the signature block? By offsets: the block's
    name line is the name cut out of its line (`_name_in`), not the line itself."""
    return signature is not None and any(ln.start < line.end and line.start < ln.end for ln in signature.lines)


def _recipient_lines(lines: list[Line], signature: Optional[SignatureBlock]) -> list[Line]:
    """The Nơi nhận list: the lines after it that are not the signature's, up to
    the header of a part issued with the document; capitals under the signer's
    name (the signer's other office) are not recipients."""
    name_line = signature.name_line if signature else None
    out = []
    for ln in lines:
        t = ln.text.strip()
        if MOTTO_ANYWHERE.search(t):
            break
        below_name = name_line is not None and ln.start > name_line.start
        if t and not _in_signature(ln, signature) and not (below_name and is_upper_line(t)):
            out.append(ln)
    return out


def parse_structure(normalized: NormalizedText) -> DocumentStructure:
    text = normalized.text
    all_lines = split_lines(text)
    lines, footnotes = _footnotes(all_lines)

    header, body_at, can_cu, addressees = _header(lines, text)
    lines = lines[:body_at] + closing_fragments(lines[body_at:])

    # appended parts (PHỤ LỤC, a QUY CHẾ issued with a decision) follow the first signature
    part_starts: list[tuple[int, str]] = []
    signature: Optional[SignatureBlock] = None
    recipients: list[Line] = []
    main_end = len(lines)
    sig_search_from = body_at
    for idx in range(body_at, len(lines)):
        title = lines[idx].text.strip()
        base = re.sub(r"\s+(SỐ\s+)?(\d+|" + _ROMAN + r")$", "", title, flags=re.IGNORECASE)
        base = base.upper() if base.upper() in SENTENCE_CASE_PART_TITLES else base
        if base in APPENDED_PART_TITLES and idx > body_at:
            sig, _ = _signature(lines, sig_search_from, idx)
            # a scan may lose the signer to the stamp: the recipients block still closes the text before
            closed = any(RECIPIENTS.match(ln.text) for ln in lines[sig_search_from:idx])
            if sig is not None or closed:
                part_starts.append((idx, APPENDED_PART_TITLES[base]))
                sig_search_from = idx
    if part_starts:
        main_end = part_starts[0][0]
    signature, sig_at = _signature(lines, body_at, main_end)
    if signature is None:
        signature, sig_at, appendix_at = _signature_before_appendix(lines, body_at, main_end)
        if appendix_at is not None:
            part_starts.insert(0, (appendix_at, "Phụ lục"))
            main_end = appendix_at
    body_end = sig_at if sig_at is not None else main_end
    for idx in range(body_at, body_end):
        if RECIPIENTS.match(lines[idx].text):
            recipients = _recipient_lines(lines[idx + 1: main_end], signature)
            body_end = idx
            break

    parts = [Part("main", lines[body_at].start if body_at < len(lines) else len(text),
                  lines[body_end - 1].end if body_end > body_at else len(text))]
    parts[0].lines = lines[body_at:body_end]
    parts[0].sections = _sections(lines, body_at, body_end)
    bounds = [p[0] for p in part_starts] + [len(lines)]
    for (first, name), stop in zip(part_starts, bounds[1:]):
        part = Part(name, lines[first].start, lines[stop - 1].end)
        part.lines = lines[first:stop]
        part.sections = _sections(lines, first + 1, stop)
        parts.append(part)

    # a "CĂN CỨ" section of a plan: its items are the căn cứ
    for root in parts[0].sections:
        if "CĂN CỨ" in root.heading.text.upper():
            for child in root.children:
                can_cu.append(Span(child.start, child.end, text[child.start: child.end]))

    tables = _tables(lines)
    for table in tables:
        table.section_path = _path_at(parts, table.start)
    return DocumentStructure(
        text=text,
        lines=lines,
        header=header,
        can_cu=can_cu,
        parts=parts,
        tables=tables,
        signature=signature,
        recipients=recipients,
        addressees=addressees,
        footnotes=footnotes,
        body_start=parts[0].start,
    )


def _path_at(parts: list[Part], offset: int) -> list[str]:
    for part in parts:
        if part.start <= offset <= part.end:
            prefix = [] if part.name == "main" else [part.name]
            node_path: list[str] = []
            nodes = part.sections
            while True:
                hit = next((s for s in nodes if s.start <= offset <= s.end), None)
                if hit is None:
                    break
                if hit.kind not in GROUPING_KINDS:
                    node_path.append(hit.label)
                nodes = hit.children
            return prefix + node_path
    return []


def section_path(structure: DocumentStructure, offset: int) -> str:
    """`Phụ lục > I > 3` style path of the innermost section holding `offset`."""
    return " > ".join(_path_at(structure.parts, offset))
