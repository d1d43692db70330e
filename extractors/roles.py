"""Roles: who sits where in a body the document sets up or reshapes.

Three shapes, each a pattern table:
- membership items: `1. Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường.`,
  or `3. Phó Trưởng Ban Chỉ đạo:` with one bullet per holder;
- a working group set up with its head: `- Thành lập Tổ Công tác ... do đồng
  chí Trưởng phòng Kinh tế, Hạ tầng và Đô thị làm Tổ trưởng.`;
- the standing body: `1. Là cơ quan thường trực của Ban Chỉ đạo` under a
  unit's article, or `Công an phường làm nhiệm vụ Cơ quan Thường trực ...`.
A person is told from an office by the honorific that introduces a name
(`Ông Nguyễn Văn A, Phó Chủ tịch UBND phường - Trưởng ban`).
"""
from __future__ import annotations

import re
from typing import Optional

from extractors.abbreviations import spelled_out
from extractors.units import OFFICE_HOLDER, read_units, split_unit_list, unit_names
from pipeline.person_names import is_personal_name
from models import DocumentStructure, NormalizedText, RoleRow, Section
from pipeline.structure import section_path
from pipeline.vntext import fold, strip_diacritics

# folded position phrase -> position as the dataset writes it
POSITIONS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^phó trưởng ban thường trực(?:\s+ban chỉ đạo)?$"), "Phó Trưởng ban Thường trực"),
    (re.compile(r"^(?:các\s+)?phó trưởng ban(?:\s+chỉ đạo)?$"), "Phó Trưởng ban"),
    (re.compile(r"^trưởng ban(?:\s+chỉ đạo)?$"), "Trưởng ban"),
    # the seat, then the body it is in: `Thành viên Ban Chỉ đạo`, `Thư ký đoàn`, `Thành viên Hội đồng`
    (re.compile(r"^(?:các\s+)?(?:thành viên|ủy viên)(?:\s+(?:ban chỉ đạo|đoàn|tổ|hội đồng)\b.*)?$"), "Thành viên"),
    (re.compile(r"^thư ký(?:\s+(?:ban chỉ đạo|đoàn|tổ|hội đồng)\b.*)?$"), "Thư ký"),
    (re.compile(r"^tổ trưởng$"), "Tổ trưởng"),
    (re.compile(r"^tổ phó$"), "Tổ phó"),
    (re.compile(r"^cơ quan thường trực$"), "Cơ quan thường trực"),
    # a delegation or team (`Trưởng Đoàn giám sát`, `Thư ký đoàn`) and a council (`Chủ tịch Hội đồng`)
    (re.compile(r"^phó trưởng đoàn(?:\s+.*)?$"), "Phó Trưởng đoàn"),
    (re.compile(r"^trưởng đoàn(?:\s+.*)?$"), "Trưởng đoàn"),
    (re.compile(r"^phó chủ tịch hội đồng$"), "Phó Chủ tịch Hội đồng"),
    (re.compile(r"^chủ tịch hội đồng$"), "Chủ tịch Hội đồng"),
]
MEMBER_ITEM = re.compile(r"^(?P<position>[^:]{3,60}):\s*(?P<holder>.*)$")
SETS_UP_BODY = re.compile(r"\b(?:kiện toàn|thành lập|thành phần|gồm các thành viên|danh sách thành viên)\b", re.IGNORECASE)
SHORT_NAME = re.compile(r"sau đây gọi tắt là\s+(?P<name>[^)]+)\)")
GROUP_HEAD = re.compile(
    r"^(?:-\s*)?(?:Kiện toàn|Thành lập)(?:\s+thêm)?\s+(?P<body>Tổ\b.*?)\s*(?:\(.*?\))?\s*,?\s+do\s+(?:đồng chí|đ/c)?\s*"
    r"(?P<holder>.+?)\s+làm\s+(?P<position>Tổ trưởng|Tổ phó|Trưởng ban|Trưởng nhóm)\b"
)
STANDING_ITEM = re.compile(r"^Là\s+cơ quan thường trực\s+(?:của\s+)?(?P<body>Ban Chỉ đạo|Hội đồng|Tổ [^;,.]+)", re.IGNORECASE)
STANDING_SENTENCE = re.compile(
    r"^(?P<unit>.+?)\s+(?:làm nhiệm vụ|là)\s+cơ quan thường trực\s+(?:của\s+)?(?P<body>Ban Chỉ đạo|Hội đồng|Tổ [^;,.]+)",
    re.IGNORECASE,
)
PERSON = re.compile(
    r"^(?:Ông|Bà|Đồng chí|Đ/c)\s+(?P<name>(?:[^\W\d_]+\s+){1,5}[^\W\d_]+),\s*(?P<office>.+?)"
    r"(?:\s+[-–]\s+(?P<position>(?:Phó\s+)?(?:Trưởng ban|Thường trực|Thành viên|Ủy viên|Thư ký|Tổ trưởng|Tổ phó)\b.*))?$"
)
NOTE_AFTER_HOLDER = re.compile(r"\s+[-–]\s+(?:Phụ trách|phụ trách)\b.*$")


# what stands after "Position:" in a membership list: an office, a unit or a person, not a task
HOLDER_START = re.compile(
    r"^(?:Các\s+)?(?:Phó\s+)?(?:Chủ tịch|Trưởng|Giám đốc|Chánh|Bí thư|Công chức|Cán bộ|Ông|Bà|Đồng chí|Đ/c|"
    r"Lãnh đạo|Đại diện|Thủ trưởng|Công an|Phòng|Văn phòng|Trung tâm|Ủy ban|UBND|Chuyên viên)\b"
)


def is_member_item(text: str) -> bool:
    """`Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường.` or `Phó Trưởng Ban Chỉ đạo:`."""
    m = MEMBER_ITEM.match(text)
    if not m or not position_of(m.group("position")):
        return False
    holder = m.group("holder").strip()
    return not holder or bool(HOLDER_START.match(holder))


def position_of(phrase: str) -> Optional[str]:
    key = fold(phrase).strip(" .;:,-")
    for pattern, name in POSITIONS:
        if pattern.match(key):
            return name
    return None


def clean_holder(text: str) -> str:
    """The holder as the list writes it, without the bullet of its cell (`- Bí thư ĐTN`)."""
    holder = NOTE_AFTER_HOLDER.sub("", re.sub(r"^\s*[-–+•*]\s*", "", text)).strip(" .;,")
    return spelled_out(holder)


def _body_name(structure: DocumentStructure, section: Section) -> str:
    article = section
    while article.parent is not None and article.kind != "article":
        article = article.parent
    m = SHORT_NAME.search(article.heading.text)
    if m:
        return m.group("name").strip()
    return "Ban Chỉ đạo"


def _row(doc_id: str, structure: DocumentStructure, normalized: Optional[NormalizedText], body: str,
         position: str, holder: str, start: int, end: int, person: Optional[str] = None) -> RoleRow:
    return RoleRow(
        doc_id=doc_id, role_id="", body=body, position=position, holder=holder, person_name=person,
        raw=structure.text[start:end], start=start, end=end,
        page=normalized.page_at(start) if normalized else None, section=section_path(structure, start) or None,
    )


def _holder_and_person(text: str) -> tuple[str, Optional[str]]:
    text = text.strip().rstrip(".;")
    m = PERSON.match(text)
    if m:
        return clean_holder(m.group("office")), m.group("name").strip()
    name = leading_person_name(text)
    if name:
        rest = text[len(name):].lstrip(" ,-–")
        return clean_holder(rest), name
    return clean_holder(text), None


def leading_person_name(text: str) -> Optional[str]:
    """`Nguyễn Văn An, Chủ tịch UBND phường` -> `Nguyễn Văn An`.

    A name written without Ông/Bà: underthesea's POS tagger marks it a proper
    noun (Np) where an office (`Chủ tịch`, `Trưởng`) is a common noun; the
    name must also be two to five capitalised syllables followed by a comma
    or a dash, so that the tagger alone never decides."""
    m = re.match(r"^((?:[^\W\d_]+\s+){1,4}[^\W\d_]+)\s*[,–-]\s+\S", text)
    if not m or not all(w[0].isupper() and w[1:].islower() for w in m.group(1).split()):
        return None
    from underthesea import pos_tag

    first = pos_tag(text[: m.end(1)])
    if len(first) == 1 and first[0][1] == "Np":
        return m.group(1)
    return None


def extract_roles(structure: DocumentStructure, doc_id: str,
                  normalized: Optional[NormalizedText] = None) -> list[RoleRow]:
    rows: list[RoleRow] = []
    sets_up = bool(SETS_UP_BODY.search(structure.header.title.text if structure.header.title else ""))
    for part in structure.parts:
        for root in part.sections:
            for section in root.walk():
                marker_free = re.sub(r"^(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•])\s*", "", section.heading.text)
                parent_text = section.parent.heading.text if section.parent else ""
                # 1. membership items
                m = MEMBER_ITEM.match(marker_free)
                position = position_of(m.group("position")) if m else None
                if m and position and is_member_item(marker_free) and (sets_up or SETS_UP_BODY.search(parent_text)):
                    body = _body_name(structure, section)
                    if m.group("holder").strip():
                        holder, person = _holder_and_person(m.group("holder"))
                        rows.append(_row(doc_id, structure, normalized, body, position, holder,
                                         section.heading.start, section.heading.end, person))
                    for child in section.children:
                        holder_text = re.sub(r"^[-+•]\s*", "", child.heading.text)
                        holder, person = _holder_and_person(holder_text)
                        rows.append(_row(doc_id, structure, normalized, body, position, holder,
                                         child.heading.start, child.heading.end, person))
                    continue
                # 2. a working group set up with its head
                g = GROUP_HEAD.match(section.heading.text)
                if g and position_of(g.group("position")):
                    body = re.sub(r"\s+", " ", g.group("body")).strip(" ,")
                    rows.append(_row(doc_id, structure, normalized, body, position_of(g.group("position")),
                                     clean_holder(re.sub(r"\s+phụ trách\b.*$", "", g.group("holder"))),
                                     section.heading.start, section.heading.end))
                    continue
                # 3. the standing body, named as an item of a unit's own article
                s = STANDING_ITEM.match(marker_free)
                if s and section.parent is not None:
                    owner = unit_names(read_units(_heading_unit_text(section.parent.heading.text)))
                    if owner:
                        rows.append(_row(doc_id, structure, normalized, s.group("body"), "Cơ quan thường trực",
                                         owner[0], section.heading.start, section.heading.end))
                        continue
            for section in root.walk():
                for line in section.body_lines:
                    t = STANDING_SENTENCE.match(line.text)
                    if t:
                        units = unit_names(read_units(t.group("unit")))
                        if units:
                            rows.append(_row(doc_id, structure, normalized, t.group("body"), "Cơ quan thường trực",
                                             units[0], line.start, line.end))
    if not rows:
        for part in structure.parts:
            rows.extend(_member_roles(structure, part, doc_id, normalized, _own_body(structure)))
    if not rows:
        rows.extend(_composition_roles(structure, doc_id, normalized))
    if not rows:
        rows.extend(_team_line_roles(structure, doc_id, normalized))
    if not rows:
        rows.extend(_seat_given_roles(structure, doc_id, normalized))
    for i, row in enumerate(rows, start=1):
        row.role_id = f"{doc_id}-r{i:03d}"
    return rows


# A body set up with its seats in one sentence: `thành lập Hội đồng đánh giá gồm: Chủ tịch Hội đồng là
# Lãnh đạo UBND tỉnh, Phó Chủ tịch Hội đồng là ..., thành viên Hội đồng là đại diện các Sở A, Sở B và ...`
COMPOSITION = re.compile(r"\b(?:thành lập|kiện toàn)\s+(?P<body>(?:Hội đồng|Ban|Tổ|Đoàn|Tiểu ban)\b[^:;.]*?)\s+gồm\s*:?\s*"
                         r"(?P<seats>[^.;]+)")
SEAT_CLAUSE = re.compile(r"(?:^|,\s*)(?P<seat>(?:Phó\s+)?(?:Chủ tịch|Trưởng|Thư ký|[Tt]hành viên|Ủy viên|Tổ trưởng|Tổ phó)"
                         r"[^,]{0,30}?)\s+là\s+(?P<holder>.+?)(?=,\s*(?:Phó\s+)?(?:Chủ tịch|Trưởng|Thư ký|[Tt]hành viên|"
                         r"Ủy viên|Tổ trưởng|Tổ phó)[^,]{0,30}?\s+là\s|$)")
PURPOSE = re.compile(r"\s+(?:để|nhằm|có nhiệm vụ)\s.*$")
REPRESENTATIVE = re.compile(r"^(?:đại diện|Đại diện)\s+(?:các\s+)?(?=\S)")


def _composition_roles(structure: DocumentStructure, doc_id: str,
                       normalized: Optional[NormalizedText]) -> list[RoleRow]:
    rows: list[RoleRow] = []
    text = structure.text
    for part in structure.parts:
        paragraphs: dict[int, list] = {}
        for line in part.lines:
            paragraphs.setdefault(line.paragraph, []).append(line)
        for lines in paragraphs.values():
            start, end = lines[0].start, lines[-1].end
            flat = text[start:end].replace("\n", " ")  # one character for one: offsets stay true
            for m in COMPOSITION.finditer(flat):
                body = " ".join(m.group("body").split())
                for clause in SEAT_CLAUSE.finditer(m.group("seats")):
                    position = position_of(clause.group("seat"))
                    if not position:
                        continue
                    holder = PURPOSE.sub("", " ".join(clause.group("holder").split())).strip(" .,")
                    a = start + m.start("seats") + clause.start("seat")
                    b = start + m.start("seats") + clause.end("holder")
                    representative = REPRESENTATIVE.match(holder)
                    holders = [f"Đại diện {unit}" for unit in split_unit_list(holder[representative.end():])] \
                        if representative else [holder[:1].upper() + holder[1:]]
                    for h in holders:
                        rows.append(_row(doc_id, structure, normalized, body, position, clean_holder(h), a, b))
    return rows


# A team set out in one line or table cell: `Trưởng đoàn: Phó Giám đốc Sở. Thành viên: - Sở A; - Sở B.`
# Matched on the text without its diacritics, which OCR gets wrong more often than letters
# (`Trương đoàn`); each offset of that text is the same offset of the stored text.
TEAM_LINE = re.compile(r"(?P<seat>(?:pho\s+)?(?:truong\s+doan|to\s+truong|truong\s+ban))\s*:\s*(?P<head>[^.;:]+?)\s*\.\s*"
                       r"(?:[^:]{0,40}?)thanh\s+vien(?:\s+gom)?\s*:\s*(?P<members>.+)$", re.IGNORECASE)
TEAM_SEATS = {"truong doan": "Trưởng đoàn", "pho truong doan": "Phó Trưởng đoàn", "to truong": "Tổ trưởng",
              "pho to truong": "Phó Tổ trưởng", "truong ban": "Trưởng ban", "pho truong ban": "Phó Trưởng ban"}
MEMBER_SPLIT = re.compile(r"\s*[;:]\s*-\s*|^\s*-\s*")


def _team_line_roles(structure: DocumentStructure, doc_id: str,
                     normalized: Optional[NormalizedText]) -> list[RoleRow]:
    rows: list[RoleRow] = []
    text = structure.text
    bare = strip_diacritics(text)
    for line in structure.lines:
        offset = line.start
        for cell in line.text.split("\t"):
            at = offset + (len(cell) - len(cell.lstrip()))
            m = TEAM_LINE.search(bare[at: offset + len(cell)])
            offset += len(cell) + 1
            if not m:
                continue
            head = " ".join(text[at + m.start("head"): at + m.end("head")].split())
            position = TEAM_SEATS[" ".join(m.group("seat").lower().split())]
            body = f"Đoàn do {head} làm {position}"
            rows.append(_row(doc_id, structure, normalized, body, position, clean_holder(head),
                             at + m.start("seat"), at + m.end("head")))
            members_at = at + m.start("members")
            members = text[members_at: at + m.end("members")]
            for piece in re.finditer(r"[^;:]+", MEMBER_SPLIT.sub(";", members)):
                holder = piece.group(0).strip(" .-")
                if len(holder.split()) >= 2:
                    holder = re.sub(r"\s+theo yêu c\w+$", "", holder)
                    rows.append(_row(doc_id, structure, normalized, body, "Thành viên", clean_holder(holder),
                                     members_at, members_at + len(members)))
    return rows


# Office-holders given a seat in a body: `Bộ trưởng, Thủ trưởng các cơ quan ngang bộ và Chủ tịch Ủy ban nhân
# dân các tỉnh làm Trưởng Ban Chỉ đạo Cải cách hành chính, ...`
SEAT_GIVEN = re.compile(rf"^(?:[-+•]\s*)?(?P<holders>{OFFICE_HOLDER}\b[^.;:]{{0,200}}?)\s+làm\s+"
                        r"(?P<seat>(?:Phó\s+)?(?:Trưởng|Tổ\s+trưởng|Chủ\s+tịch))"
                        r"\s+(?P<body>(?P<kind>Ban|Đoàn|Tổ|Hội đồng)\b[^,.;]*)")


def _seat_given_roles(structure: DocumentStructure, doc_id: str,
                      normalized: Optional[NormalizedText]) -> list[RoleRow]:
    rows: list[RoleRow] = []
    for part in structure.parts:
        for line in part.lines:
            m = SEAT_GIVEN.match(line.text)
            seat = (position_of(f"{m.group('seat')} {m.group('kind')}") or position_of(m.group("seat"))) if m else None
            if not seat:
                continue
            body = " ".join(m.group("body").split())
            for holder in split_unit_list(m.group("holders")):
                rows.append(_row(doc_id, structure, normalized, body, seat, clean_holder(spelled_out(holder)),
                                 line.start + m.start("holders"), line.start + m.end("body")))
    return rows


# what a decision sets up: `Về việc thành lập Đoàn kiểm tra ...`
SETS_UP_NAMED = re.compile(r"\b(?:thành lập|kiện toàn)\s+(?P<body>(?:Đoàn|Tổ|Ban|Hội đồng|Tiểu ban)\b[^;]*)", re.IGNORECASE)


def _own_body(structure: DocumentStructure) -> Optional[str]:
    """The body whose members a document lists: the one its title sets up, or the
    delegation that issues it (`ĐOÀN KIỂM TRA` in the header)."""
    title = structure.header.title.text if structure.header.title else ""
    for text in [title] + [ln.text for part in structure.parts for ln in part.lines]:
        m = SETS_UP_NAMED.search(" ".join(text.split()))
        if m:
            return re.split(r"\s+(?:gồm|như sau|do)\b|[:(]", m.group("body"))[0].strip(" .,")
    issuer = next((ln.text for ln in structure.header.issuer_lines if re.match(r"^(?:ĐOÀN|TỔ)\b", ln.text)), None)
    return " ".join(issuer.split()).capitalize() if issuer else None


# A member named as a person: `(1) Bà Nguyễn Thị A - Phó Chủ tịch HĐND tỉnh - Tổ trưởng.`,
# `1. Ông: Hoàng Văn B - Phó Giám đốc Sở Công Thương, Trưởng đoàn;`, `4.2. Ông. Đỗ Văn C - Phó Trưởng đoàn: ...`
ENUMERATOR = re.compile(r"^\s*(?:\(\d+\)|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s*")
HONORIFIC = re.compile(r"^(?:Ông|Bà|Đồng chí|Đ/c)\.?\s*:?\s*")
ENTRY_START = re.compile(r"(?:(?<=;)|(?<=\.))\s+(?=\(\d+\)\s*(?:Ông|Bà|Đồng chí|Đ/c)\b)")
LEAD_POSITION = re.compile(r"^(?P<position>[^:;()]{3,60}):\s*(?=(?:Ông|Bà|Đồng chí|Đ/c)\b)")
CONTACT = re.compile(r"[;,]?\s*(?:số điện thoại|điện thoại|SĐT|ĐT|email)\b.*$", re.IGNORECASE)
# a heading that says what seat the members listed under it hold: `- Thành phần gồm:`, `- Thư ký`
SEAT_HEADING = re.compile(r"^\s*(?:[-+•]\s*)?(?P<seat>Thành phần(?:\s+gồm)?|Thành viên(?:\s+gồm)?|Thư ký|Tổ trưởng|"
                          r"Trưởng đoàn|Phó Trưởng đoàn)\s*:?\s*$", re.IGNORECASE)
# where a team is named: `a) Tổ công tác số 01: ...`, `Đoàn kiểm tra gồm:`
TEAM_HEADING = re.compile(r"^\s*(?:[a-zđ]\)|\d+\.)?\s*(?P<body>Tổ công tác(?:\s+số\s+\d+)?|Tổ kiểm tra(?:\s+số\s+\d+)?|"
                          r"Đoàn (?:giám sát|kiểm tra|công tác)|Tiểu ban [^:;,.]+|Ban bầu cử[^:;,.]*)\b")


def _person_entries(text: str) -> list[tuple[int, str]]:
    """(offset, entry) of each member named in one line; several may share it."""
    cuts = [0] + [m.end() for m in ENTRY_START.finditer(text)] + [len(text)]
    return [(a, text[a:b]) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _read_member(entry: str) -> Optional[tuple[Optional[str], str, str, list[str]]]:
    """(lead position, person, office, trailing positions) of one member entry, or None."""
    rest = ENUMERATOR.sub("", entry, count=1)
    lead = LEAD_POSITION.match(rest)
    rest = rest[lead.end():] if lead else rest
    honorific = HONORIFIC.match(rest)
    if not honorific:
        return None
    rest = rest[honorific.end():]
    words = rest.split()
    name = next((" ".join(words[:n]) for n in range(min(5, len(words)), 1, -1)
                 if is_personal_name(" ".join(words[:n]).rstrip(",;.-– "))), None)
    if name is None:
        return None
    name = name.rstrip(",;.-– ")
    office = CONTACT.sub("", rest[rest.index(name) + len(name):]).strip(" -–,.;")
    # `..., Trưởng đoàn` / `... - Tổ trưởng` / `Phó Trưởng đoàn: phụ trách ...`: the seats at the end or before a colon
    positions: list[str] = []
    head = re.match(r"^(?P<seat>[^:]{3,40}):", office)
    if head and position_of(head.group("seat")):
        return (lead.group("position") if lead else None, name, "", [head.group("seat")])
    office = NOTE_AFTER_HOLDER.sub("", office)
    while True:
        m = re.search(r"(?:\s+[-–]\s+|,\s+)(?P<seat>[^,–-]+)$", office)
        if not m or not position_of(m.group("seat")):
            break
        positions.insert(0, m.group("seat"))
        office = office[:m.start()].strip()
    return (lead.group("position") if lead else None, name, office, positions)


def _member_roles(structure: DocumentStructure, part, doc_id: str, normalized: Optional[NormalizedText],
                  own_body: Optional[str]) -> list[RoleRow]:
    """Members named as people, with their seats from the line itself or the heading above it."""
    rows: list[RoleRow] = []
    body, seat = own_body, None
    for line in part.lines:
        team = TEAM_HEADING.match(line.text)
        if team:
            body, seat = team.group("body"), None
        heading = SEAT_HEADING.match(line.text)
        if heading:
            seat = position_of(heading.group("seat")) or "Thành viên"
            continue
        for offset, entry in _person_entries(line.text):
            member = _read_member(entry)
            if member is None:
                continue
            lead, person, office, seats = member
            holder = clean_holder(office) if office else person
            lead_body = _body_in_position(lead)
            # each seat with the body it names: `Trưởng Đoàn giám sát: Ông X`, `..., Phó Trưởng Đoàn giám sát - Tổ trưởng`
            seated = [(position_of(text), _body_in_position(text)) for text in ([lead] if lead else []) + seats
                      if position_of(text)] or ([(seat, None)] if seat else [])
            if not seated or not (body or lead_body):
                continue
            start = line.start + offset + (len(entry) - len(entry.lstrip()))
            end = line.start + offset + len(entry.rstrip())
            for n, (position, named) in enumerate(seated):
                # a seated lead names the body of every seat; a seat before the last names its own
                in_body = lead_body or (named if n < len(seated) - 1 else None) or body
                rows.append(_row(doc_id, structure, normalized, in_body, position, holder, start, end, person))
    return rows


def _body_in_position(phrase: Optional[str]) -> Optional[str]:
    """`Trưởng Đoàn giám sát` -> `Đoàn giám sát`: the body a seat is named with."""
    m = re.search(r"\b(Đoàn|Tổ|Ban|Hội đồng)\s+\S.*$", phrase or "")
    return m.group(0).strip(" .;:") if m and m.group(0)[:1].isupper() else None


def _heading_unit_text(heading: str) -> str:
    """`Điều 6. Trách nhiệm của Công an phường` -> `Công an phường`."""
    text = re.sub(r"^(?:Điều\s+\d+\s*[.:]|\d+(?:\.\d+)*\.|[IVXLC]+\.)\s*", "", heading)
    m = re.search(r"\b(?:của|đối với)\s+(.+)$", text)
    return m.group(1) if m else text


def standing_bodies(roles: list[RoleRow]) -> dict[str, str]:
    """Position phrase (folded) -> holder, for resolving "Cơ quan thường trực" in tasks."""
    return {fold(r.position): r.holder for r in roles if r.position == "Cơ quan thường trực" and r.holder}
