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

from extractors.units import read_units, unit_names
from models import DocumentStructure, NormalizedText, RoleRow, Section
from pipeline.structure import section_path
from pipeline.vntext import fold

# folded position phrase -> position as the dataset writes it
POSITIONS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^phó trưởng ban thường trực(?:\s+ban chỉ đạo)?$"), "Phó Trưởng ban Thường trực"),
    (re.compile(r"^(?:các\s+)?phó trưởng ban(?:\s+chỉ đạo)?$"), "Phó Trưởng ban"),
    (re.compile(r"^trưởng ban(?:\s+chỉ đạo)?$"), "Trưởng ban"),
    (re.compile(r"^(?:các\s+)?(?:thành viên|ủy viên)(?:\s+ban chỉ đạo)?$"), "Thành viên"),
    (re.compile(r"^thư ký(?:\s+ban chỉ đạo)?$"), "Thư ký"),
    (re.compile(r"^tổ trưởng$"), "Tổ trưởng"),
    (re.compile(r"^tổ phó$"), "Tổ phó"),
    (re.compile(r"^cơ quan thường trực$"), "Cơ quan thường trực"),
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
ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
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
    key = fold(phrase)
    for pattern, name in POSITIONS:
        if pattern.match(key):
            return name
    return None


def clean_holder(text: str) -> str:
    holder = NOTE_AFTER_HOLDER.sub("", text.strip()).strip(" .;,")
    for short, full in ABBREVIATIONS.items():
        holder = re.sub(rf"(?<!\w){short}(?!\w)", full, holder)
    return holder


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
    for i, row in enumerate(rows, start=1):
        row.role_id = f"{doc_id}-r{i:03d}"
    return rows


def _heading_unit_text(heading: str) -> str:
    """`Điều 6. Trách nhiệm của Công an phường` -> `Công an phường`."""
    text = re.sub(r"^(?:Điều\s+\d+\s*[.:]|\d+(?:\.\d+)*\.|[IVXLC]+\.)\s*", "", heading)
    m = re.search(r"\b(?:của|đối với)\s+(.+)$", text)
    return m.group(1) if m else text


def standing_bodies(roles: list[RoleRow]) -> dict[str, str]:
    """Position phrase (folded) -> holder, for resolving "Cơ quan thường trực" in tasks."""
    return {fold(r.position): r.holder for r in roles if r.position == "Cơ quan thường trực" and r.holder}
