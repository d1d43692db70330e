"""The `documents` row: what the header and signature say about the document itself."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional, Sequence

from extractors.abbreviations import BODY_ABBREVIATIONS, expander
from extractors.dates import date_body_at, parse_date
from extractors.gazetteer import is_central_body
from extractors.names import (
    ADMIN_LEVELS, LEVEL_BEFORE_NAME, fix_phrases, loose_key, official_case, position_case, running_case,
    with_capitals_of, written_form,
)
from models import DocumentRow, DocumentStructure
from extractors.symbols import TYPE_ABBREVIATIONS, with_type_d
from pipeline.person_names import is_personal_name, repaired_name
from pipeline.structure import CAPACITY, capacity_of, DOC_TYPE_LINES, doc_type_line_kind, is_upper_line, NUMBER_PREFIX, OCR_SUBJECT_MARK, PLACE_DATE_LINE, SUBJECT_LINE

# The number (`66.18` for a Government resolution's series; `II` for `11` as OCR reads
# it), then the symbol's rest: `/KH-UBND`, or a Party document's `-NQ/TW`.
SYMBOL_IN_NUMBER_LINE = re.compile(
    NUMBER_PREFIX + r"\s*[:.]?\s*(?P<number>[\dIlO|]*(?:\.\d+)*)\s*(?P<rest>[-/]\s*\S.*)?$")
# a number OCR could not read (a stamped or handwritten one: `Số: đố /HC-CNHC`): the symbol's rest still is
UNREADABLE_NUMBER = re.compile(NUMBER_PREFIX + r"\s*[:.]?\s*(?P<junk>[^/\s:.][^/]{0,8}?)\s*(?P<rest>/\s*[A-ZĐ].*)$")
OCR_DIGITS = str.maketrans("IlO|]", "11011")  # what OCR reads for 1 and 0 in a number or a date
POSITION_BEFORE_BODY = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TRƯỞNG|CHÁNH VĂN PHÒNG|BÍ THƯ|CHỦ NHIỆM|"
    r"CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG CỤC TRƯỞNG)\s+"
    r"(?=BAN|ỦY BAN|UBND|SỞ|PHÒNG|HỘI ĐỒNG|ĐẢNG ỦY|CÔNG AN|VĂN PHÒNG|TRUNG TÂM|TỔ|BỘ|CỤC|TỔNG CỤC|VỤ)"
)
# The head noun a public body's name opens with, in capitals: each issuer line opening with one starts a body.
BODY_HEAD = re.compile(
    r"^(?:ỦY BAN|UBND|HỘI ĐỒNG|HĐND|BAN|BCH|PHÒNG|VĂN PHÒNG|SỞ|CÔNG AN|TRUNG TÂM|ĐẢNG ỦY|ĐẢNG BỘ|BỘ(?! TRƯỞNG)|TỔ|"
    r"CHI CỤC|TỔNG CỤC|CỤC|VỤ|VIỆN|THANH TRA|KHO BẠC|ĐOÀN|THƯỜNG TRỰC|THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI|"
    r"TRƯỜNG|BỆNH VIỆN|ĐÀI|BÁO|HỘI|LIÊN ĐOÀN|TẬP ĐOÀN|TỔNG CÔNG TY|NGÂN HÀNG|BỘ CHỈ HUY|BAN CHỈ HUY)\b"
)
# A body named by its head alone belongs to the body above it: `UBND TỈNH X` / `VĂN PHÒNG`.
BARE_HEAD = re.compile(r"^(?:VĂN PHÒNG|THANH TRA|THƯỜNG TRỰC|VĂN PHÒNG THƯỜNG TRỰC)$")
# A delegation or team set up by the body above it: `Đoàn giám sát của Hội đồng nhân dân tỉnh X`.
DELEGATION_HEAD = re.compile(r"^(?:ĐOÀN|TỔ)\s+(?!TNCS|THANH NIÊN)")
# Abbreviations a header uses for words the dataset writes in full.
ISSUER_ABBREVIATIONS = {**BODY_ABBREVIATIONS, "TP.": "thành phố", "TP": "thành phố"}
ISSUER_IN_PREAMBLE = re.compile(r"^((?:Ban|Ủy ban|UBND|Hội đồng|Tổ|Đảng ủy|Sở|Phòng)\b.+?)\s+ban hành\b")
LEVEL_AFTER = re.compile(r"\s+(" + "|".join(ADMIN_LEVELS) + r")\b", re.IGNORECASE)
LOOSE_LEVEL_AFTER = re.compile(r"\s+(" + "|".join(loose_key(lv) for lv in ADMIN_LEVELS) + r")\b")


def doc_type_of(structure: DocumentStructure, symbol: Optional[str]) -> Optional[str]:
    line = structure.header.doc_type_line
    if line is not None:
        return DOC_TYPE_LINES[doc_type_line_kind(line.text)]
    typed = re.match(r"^(\w+(?: \w+)?) số\b", structure.header.number_line.text.strip()) \
        if structure.header.number_line is not None else None
    if typed and typed.group(1).upper() in DOC_TYPE_LINES:
        return DOC_TYPE_LINES[typed.group(1).upper()]  # `Luật số: 109/2025/QH15`
    if structure.header.title is not None and SUBJECT_LINE.match(structure.header.title.text.lstrip("(")):
        return "Công văn"  # only a công văn states its subject as `V/v ...` (Nghị định 30, Phụ lục I)
    if symbol and "/" in symbol:
        # `11/2026/QĐ-UBND`: the first code after the number and the year
        codes = [code for code in re.split(r"[-/]", symbol.split("/", 1)[1]) if code and not code.isdigit()]
        first = codes[0].upper() if codes else ""
        if first in TYPE_ABBREVIATIONS:
            return TYPE_ABBREVIATIONS[first]
        return "Công văn"  # a symbol without a type abbreviation is a công văn's
    return None


# A number or day stamped digit by digit (a signing system's fields): `1 6 9 6`, `ngày1 5`.
SPACED_DIGITS = re.compile(r"(?<!\d)\d(?: \d(?!\d))+")


def joined_digits(text: str) -> str:
    return SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)


def number_and_symbol(structure: DocumentStructure) -> tuple[Optional[str], Optional[str]]:
    line = structure.header.number_line
    if line is None:
        return None, None
    m = SYMBOL_IN_NUMBER_LINE.match(joined_digits(line.text.strip()))
    if not m or not m.group("rest"):
        junk = UNREADABLE_NUMBER.match(joined_digits(line.text.strip()))
        return (None, re.sub(r"\s+", "", junk.group("rest"))) if junk else (None, None)
    number = m.group("number").translate(OCR_DIGITS) or None
    symbol = with_type_d((number or "") + re.sub(r"\s+", "", m.group("rest")))
    return number, symbol


def _issuer_candidate(structure: DocumentStructure) -> Optional[str]:
    """The issuing body as the document names it, in the order of trust:
    header block, authority line, the plan's own preamble, TM. line."""
    h = structure.header
    if h.issuer_lines:
        # the block may name the parent body first ("UBND PHƯỜNG HẢI AN" / "PHÒNG VĂN HÓA - XÃ HỘI"):
        # each line opening with a body's name starts a new body, and the last one issues
        lines = [ln.text.strip() for ln in h.issuer_lines]
        # a line opening with a head starts a body, unless the running text names the two lines as one
        starts = [i for i, line in enumerate(lines)
                  if BODY_HEAD.match(line) and not (i and written_form(f"{lines[i - 1]} {line}", structure.text))]
        starts = starts or [0]
        own = _spelled_out(" ".join(lines[starts[-1]:]))
        parent = _spelled_out(" ".join(lines[starts[-2]:starts[-1]])) if len(starts) > 1 else None
        if parent and BARE_HEAD.match(own):
            return official_case(f"{own} {parent}")
        if parent and DELEGATION_HEAD.match(own):
            return official_case(f"{own} của {parent}")
        authority = _spelled_out(POSITION_BEFORE_BODY.sub("", h.authority_line.text.strip())) \
            if h.authority_line is not None else ""
        if len(authority) > len(own) and loose_key(authority).endswith(loose_key(own)) and BODY_HEAD.match(authority):
            return official_case(authority)  # `THƯỜNG TRỰC HĐND TỈNH X` acting for `HĐND TỈNH X`
        return official_case(own)
    if h.authority_line is not None:
        return official_case(POSITION_BEFORE_BODY.sub("", h.authority_line.text.strip()))
    main = structure.parts[0] if structure.parts else None
    if main is not None:
        for line in main.lines[:3]:
            m = ISSUER_IN_PREAMBLE.match(line.text)
            if m:
                return m.group(1)
    if structure.signature is not None:
        # `TM. ỦY BAN NHÂN DÂN`, or a letter's closing body line with no mark before it
        for line in structure.signature.lines:
            on_behalf = capacity_of(line.text.strip()) == "TM."
            body = _spelled_out(CAPACITY.sub("", line.text.strip()) if on_behalf else line.text.strip())
            if (on_behalf or line not in structure.signature.position_lines) \
                    and BODY_HEAD.match(body):
                return official_case(body)
    return None


# `UBND TỈNH X` -> `ỦY BAN NHÂN DÂN TỈNH X`: an issuer in capitals, in full words
_spelled_out = expander({short: full.upper() for short, full in ISSUER_ABBREVIATIONS.items()})


def _complete_locality(issuer: str, place: Optional[str], text: str) -> str:
    """`Ban Chỉ đạo ... phường` or `Ủy ban nhân dân` gets its ward: `... phường Hải An`;
    a central body (`Chính phủ`, signed at `Hà Nội`) gets none."""
    if is_central_body(issuer):
        return issuer
    words = issuer.split()
    if words and words[-1].lower() in ADMIN_LEVELS and place:
        return f"{issuer} {place}"
    has_level = re.search(rf"\b{LEVEL_BEFORE_NAME}\s+\S", issuer, re.IGNORECASE)
    # `Sở Công Thương Lào Cai` names its province already, without the level
    if has_level or not place or re.search(rf"\b{re.escape(loose_key(place))}$", loose_key(issuer)):
        return issuer
    folded = loose_key(text)
    # the level written before the place's own name ("phường Hồng Bàng") is the
    # issuer's; failing that, the first level written right after the issuer's name
    levels: Counter = Counter(
        m.group(1) for m in re.finditer(
            r"\b(" + "|".join(loose_key(lv) for lv in ADMIN_LEVELS) + r")\s+" + re.escape(loose_key(place)) + r"\b",
            folded,
        )
    )
    key = loose_key(issuer)
    start = folded.find(key)
    while start >= 0 and not levels:
        m = LOOSE_LEVEL_AFTER.match(folded, start + len(key))
        if m:
            levels[m.group(1)] += 1
        start = folded.find(key, start + 1)
    if not levels:
        return issuer
    level_key = levels.most_common(1)[0][0]
    level = next(lv for lv in ADMIN_LEVELS if loose_key(lv) == level_key)
    return f"{issuer} {level} {place}"


def issuer_of(structure: DocumentStructure, place: Optional[str]) -> Optional[str]:
    issuer = _issuer_candidate(structure)
    if not issuer:
        return None
    issuer = _complete_locality(fix_phrases(issuer), place, structure.text)
    # a proper name inside (`Công ty Tràng An`) is capitalized as the running text writes it
    level = re.search(rf"\s+{LEVEL_BEFORE_NAME}\s+\S[^,;]*$", issuer)
    name, locality = (issuer[:level.start()], issuer[level.start():]) if level else (issuer, "")
    return with_capitals_of(name, written_form(name, structure.text)) + locality


# What OCR makes of a date line's digits and words: `tháng II`, `tháng l]`, `ngày 1O`, `thắng 4`.
OCR_DATE_WORD = re.compile(r"\bth[aáắấạ]ng\b")
# a lone look-alike (`ngày | tháng`) is as likely a blank's stroke as a 1: only two characters are read
OCR_DATE_NUMBER = re.compile(r"(?:(?<=ngày)|(?<=tháng))(\s*)(\d[\dIl|\]O]|[Il|\]O][\dIl|\]O])(?=\s)")


def ocr_read_date(text: str) -> str:
    """A date line with OCR's look-alikes put back: `ngày 14 tháng l] năm 2012` -> `ngày 14 tháng 11 năm 2012`."""
    text = OCR_DATE_WORD.sub("tháng", text)
    return OCR_DATE_NUMBER.sub(lambda m: m.group(1) + m.group(2).translate(OCR_DIGITS), text)


def place_and_date(structure: DocumentStructure) -> tuple[Optional[str], Optional[str], bool]:
    """Place, ISO date, and whether the date was read through OCR's look-alikes."""
    line = structure.header.place_date_line
    if line is None:
        return None, None, False
    m = PLACE_DATE_LINE.match(line.text.strip())
    place = m.group(1).strip() if m else None
    text = joined_digits(line.text)
    date = parse_date(text)
    if date is None:
        date = parse_date(ocr_read_date(text))
        return place, date, date is not None
    return place, date, False


# A law or an Assembly resolution is dated by its adoption, stated above the signature:
# `Luật này được Quốc hội ... khóa XV, kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.`
ADOPTION = re.compile(r"\bthông qua\s+ngày\s*(?=\d)", re.IGNORECASE)


def adoption_date(structure: DocumentStructure) -> Optional[str]:
    main = structure.parts[0] if structure.parts else None
    if main is None:
        return None
    body = structure.text[main.start:main.end]
    found = [date_body_at(body, m.end()) for m in ADOPTION.finditer(body)]
    found = [f for f in found if f]
    return found[-1][0] if found else None


def clean_title(raw: str, text: str) -> str:
    """The trích yếu on one line: a title set in capitals in running case, without
    the parentheses some Tờ trình put around `V/v ...` or a closing full stop."""
    title = " ".join(raw.split())
    if title.startswith("(") and title.endswith(")") and title.count("(") == 1:
        title = title[1:-1].strip()
    title = re.sub(r"(?<![./])\.$", "", title).strip()
    title = re.sub(r"^" + OCR_SUBJECT_MARK, "V/v ", title)
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.9:
        title = running_case(title, text)
    return title


MAX_SYMBOL = 60  # the longest real số/ký hiệu (`1234/QĐ-BCĐCCHC-VPBCĐ`) is half of it


def extract_document(structure: DocumentStructure) -> dict:
    """The header and signature fields of the `documents` table, with warnings."""
    warnings: list[str] = []
    number, symbol = number_and_symbol(structure)
    if symbol and (len(symbol) > MAX_SYMBOL or any(not c.isprintable() for c in symbol)):
        warnings.append(f"a symbol past {MAX_SYMBOL} characters or with control characters set aside: "
                        f"'{symbol[:MAX_SYMBOL]}...'")
        number, symbol = None, None
    place, issued_date, through_lookalikes = place_and_date(structure)
    if through_lookalikes:
        warnings.append(f"issue date read through OCR's look-alike characters: "
                        f"'{structure.header.place_date_line.text.strip()}' taken as {issued_date}")
    h = structure.header
    if h.number_line is None:
        warnings.append("no số/ký hiệu line in the header")
    elif number is None:
        unreadable = UNREADABLE_NUMBER.match(joined_digits(h.number_line.text.strip()))
        warnings.append(f"{'unreadable' if unreadable else 'blank'} number: '{h.number_line.text.strip()}'")
    if issued_date is None and h.place_date_line is None:
        issued_date = adoption_date(structure)
    if h.place_date_line is None and issued_date is None:
        warnings.append("no place and date line in the header")
    elif issued_date is None:
        # a draft leaves the day (and often the month) for the day it is signed: `ngày   tháng 6 năm 2026`
        blank = re.search(r"ngày[\s._…]*tháng", h.place_date_line.text)
        warnings.append(f"{'blank' if blank else 'unreadable'} issue date: '{h.place_date_line.text.strip()}'")
    title = clean_title(h.title.text, structure.text) if h.title else None
    if title is None:
        warnings.append("no trích yếu (title) found")
    sig = structure.signature
    signer_name = signer_position = capacity = None
    if sig is not None:
        signer_name = sig.name_line.text.strip() if sig.name_line else None
        repaired = repaired_name(signer_name) if signer_name else None
        if repaired:
            warnings.append(f"signer's name read as '{signer_name}', taken to be '{repaired}'")
            signer_name = repaired
        capacity = sig.capacity
        if sig.position_lines:
            position = sig.position_lines[0].text.strip()
            # a position already in running case (`Trưởng Ban Quản lý các KCN`) is kept as written
            signer_position = position_case(position) if is_upper_line(position) else position
    else:
        warnings.append("no signature block found")
    issuer = issuer_of(structure, place)
    if issuer is None:
        warnings.append("issuer not found")
    return {
        "doc_type": doc_type_of(structure, symbol),
        "number": number,
        "symbol": symbol,
        "issuer": issuer,
        "place": place,
        "issued_date": issued_date,
        "title": title,
        "signer_name": signer_name,
        "signer_position": signer_position,
        "signing_capacity": capacity,
        "is_draft": number is None or issued_date is None,
        "warnings": warnings,
    }


def _by_the_issuer(who: Optional[str], issuer: Optional[str]) -> bool:
    """A stamp the signer or the issuing office put on: a person's, or the issuer's
    seal. A portal's stamp on a copy it republished (`Cổng Thông tin điện tử Chính
    phủ` on a Government resolution) says nothing of who signed it or when."""
    return who is not None and (is_personal_name(who) or (issuer is not None and loose_key(who) == loose_key(issuer)))


def document_row(base: DocumentRow, structure: DocumentStructure, stamp_signer: Optional[str] = None,
                 stamps: Sequence[tuple[Optional[str], str]] = ()) -> DocumentRow:
    """The row with its header and signature fields; what the signer's or the
    issuer's digital-signature stamps say fills in what the printed page leaves out
    or OCR could not read: the signer's name, and the issue date, the last day one
    of them signed (`stamps`: each stamp's signer and day)."""
    fields = extract_document(structure)
    if fields["signer_name"] is None and _by_the_issuer(stamp_signer, fields["issuer"]):
        fields["signer_name"] = stamp_signer
        fields["warnings"].append(f"signer taken from the digital-signature stamp: '{stamp_signer}'")
    signed_on = max((day for who, day in stamps if _by_the_issuer(who, fields["issuer"])), default=None)
    if fields["issued_date"] is None and signed_on:
        fields["issued_date"] = signed_on
        fields["warnings"].append(f"issue date taken from the digital-signature stamp's signing time: {signed_on}")
        fields["is_draft"] = fields["number"] is None
    warnings = base.warnings + fields.pop("warnings")
    for name, value in fields.items():
        setattr(base, name, value)
    base.warnings = warnings
    return base
