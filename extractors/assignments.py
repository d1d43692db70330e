"""Assignments, the "06 rõ": who leads, who supports, what, what product, by when.

Three sources, one per kind:
- `table_row`: a row of a task table. The header is recognized by what its
  cells say, whatever the order; group rows (`I. NHIỆM VỤ TRỌNG TÂM`) become
  the section of the rows under them; a row with no number continues the
  row above.
- `duty`: an item under a heading that names who is responsible
  (`Điều 6. Trách nhiệm của Công an phường`, `2. Phòng Văn hóa - Xã hội
  phường`, `3. Giao phòng Văn hóa - Xã hội:`): one per smallest enumerated
  item, or per paragraph where nothing is enumerated.
- `directive`: prose that gives a unit a task: `Giao X chủ trì ...`, `đề
  nghị X ...`, `X có trách nhiệm ...`, one per item or paragraph and lead.
General closing formulas ("... chịu trách nhiệm thi hành Quyết định này")
and working rules ("làm việc theo chế độ kiêm nhiệm") are not tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from typing import Iterator, Optional

from extractors.deadlines import Deadline, deadline_in_prose, normalize_deadline
from extractors.abbreviations import ACRONYM, expander, local_abbreviations, spelled_out
from extractors.gazetteer import find_bodies
from extractors.names import official_case
from extractors.units import (
    DETERMINER, LIST_ITEM_START, TASK_VERBS, UNIT_END, UNIT_HEAD, UNTYPED, UnitSpan, as_group, canonical_unit,
    is_known_unit, is_untyped_partner, read_units, split_unit_cell, split_unit_list, unit_names,
)
from models import AssignmentRow, DocumentStructure, Line, NormalizedText, Section, Table
from extractors.roles import is_member_item
from extractors.task_cards import CardFields, is_label_line, read_labels
from pipeline.person_names import split_person_names
from pipeline.structure import GROUPING_KINDS, doc_type_line_kind, is_upper_line, section_path
from pipeline.vntext import fold, wrapping

# --- tables ------------------------------------------------------------------------

# column role -> what its header cell says (folded); checked in this order
HEADER_CELLS: list[tuple[str, re.Pattern]] = [
    ("index", re.compile(r"^(?:stt|tt|số tt|số thứ tự)$")),
    # who leads: `Đơn vị chủ trì`, `Người thực hiện`, `Vị trí công việc` (a post), `Cơ quan phụ trách`
    ("lead", re.compile(r"chủ trì|(?:đơn vị|cơ quan|bộ phận|người|cá nhân)\s+(?:thực hiện|phụ trách|chịu trách nhiệm|"
                        r"được giao)|^(?:chức danh|vị trí(?: công việc)?|người phụ trách|phụ trách)$")),
    ("support", re.compile(r"phối hợp")),
    ("output", re.compile(r"sản phẩm|kết quả")),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành|thời điểm")),
    ("task", re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|giải pháp|chỉ tiêu")),
]
GROUP_INDEX = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")  # a group's number in a table's STT column
NUMBERING_ROW = re.compile(r"^\(?\d{1,2}\)?$")  # "(1) (2) (3)": the columns' numbers under the header
GROUP_ROW = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\s*[.)]\s+\S|^(?:PHẦN|Phần|NHÓM|Nhóm)\b")


def table_columns(cells: list[str], lead_optional: bool = False) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = fold(cell)
        for role, pattern in HEADER_CELLS:
            if role not in columns and pattern.search(key):
                columns[role] = i
                break
    if "lead" in columns and "task" not in columns and "chủ trì" in fold(cells[columns["lead"]]):
        # `STT | DANH SÁCH CÁC VBQPPL SỬA ĐỔI | ... | CƠ QUAN CHỦ TRÌ SOẠN THẢO`: a column led by a
        # unit is a task's even when its header does not say `nhiệm vụ`; the first such column
        free = [i for i, cell in enumerate(cells) if i not in columns.values() and fold(cell).strip()]
        if free:
            columns["task"] = free[0]
    return columns if "task" in columns and ("lead" in columns or lead_optional) else {}


# a task table with no lead column, under a caption that gives its tasks to one unit:
# `DANH MỤC NHIỆM VỤ ... ỦY QUYỀN CHO GIÁM ĐỐC SỞ CÔNG THƯƠNG THỰC HIỆN`
CAPTION_GIVES = re.compile(r"\b(?:giao|ủy quyền)\s+(?:cho\s+)?", re.IGNORECASE)
CAPTION_LINES = 6


def _caption_leads(structure: DocumentStructure, table: Table) -> list[str]:
    """The units the lines just above a table give its tasks to, read as running text."""
    lines = structure.text[max(0, table.start - 800): table.start].splitlines()[-CAPTION_LINES:]
    for line in reversed(lines):
        text = official_case(line) if is_upper_line(line) else line
        given = CAPTION_GIVES.search(text)
        if given:
            names = [_gazetteer_spelling(n) for n in unit_names(read_units(text, given.end()))]
            if names:
                return names
    return []


def _gazetteer_spelling(name: str) -> str:
    """The bodies a name holds as the gazetteer spells them: a caption set in capitals comes out
    of `official_case` as `Giám đốc sở tài chính`, which is `Giám đốc Sở Tài chính`."""
    for body in reversed(find_bodies(name)):
        name = name[:body.start] + body.name + name[body.end:]
    return name


def _clean_task(text: str) -> str:
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text)
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•])\s*", "", text.strip())
    return " ".join(text.split())


def _rows_of_table(table: Table, structure: DocumentStructure, doc_id: str, year: Optional[int],
                   normalized: Optional[NormalizedText]) -> list[AssignmentRow]:
    columns: dict[str, int] = {}
    header_at = None
    for i, row in enumerate(table.rows[:3]):
        columns = table_columns([c.text for c in row.cells], lead_optional=True)
        if columns:
            header_at = i
            break
    if header_at is None:
        return []
    caption_leads = _caption_leads(structure, table) if "lead" not in columns else []
    if "lead" not in columns and not caption_leads:
        return []

    header_cells = [c.text for c in table.rows[header_at].cells]
    filled_header = [i for i, text in enumerate(header_cells) if text.strip()]

    def cell(row, role):
        index = columns.get(role)
        if index is not None and len(row.cells) == len(filled_header) < len(header_cells) and index in filled_header:
            index = filled_header.index(index)  # the header's merged cells left empty ones the rows do not have
        return row.cells[index] if index is not None and index < len(row.cells) else None

    out: list[AssignmentRow] = []
    group: Optional[str] = None
    for row in table.rows[header_at + 1:]:
        values = [c.text.strip() for c in row.cells]
        filled = [v for v in values if v]
        if not filled or all(NUMBERING_ROW.match(v) for v in filled):
            continue
        index_cell, task_cell, lead_cell = cell(row, "index"), cell(row, "task"), cell(row, "lead")
        if task_cell is not None and not task_cell.text.strip():
            # a PDF's merged header cells shift the row's cells by one: the task stands next to its column
            near = [row.cells[i] for i in (columns["task"] - 1, columns["task"] + 1)
                    if 0 <= i < len(row.cells) and i not in columns.values() and row.cells[i].text.strip()]
            task_cell = near[0] if near else task_cell
        index = index_cell.text.strip() if index_cell else ""
        task = task_cell.text.strip() if task_cell else ""
        lead = lead_cell.text.strip() if lead_cell else ""
        if len(filled) == 1 and GROUP_ROW.match(filled[0]) and not lead:
            group = filled[0]
            continue
        if not lead and out and task and not index and _starts_anew(task, out[-1].task):
            lead, leads_from_above = out[-1].lead_raw, True  # a lead cell merged over the rows below it
        else:
            leads_from_above = False
        if not index and not lead and out:  # continuation of the row above (a page break split it)
            previous = out[-1]
            extra = " ".join(v for i, v in enumerate(values) if v and i != columns.get("index"))
            previous.task = _clean_task(previous.task + " " + extra)
            previous.end = row.end
            previous.raw = structure.text[previous.start: previous.end]
            continue
        if caption_leads and GROUP_INDEX.match(index):  # `II | Lĩnh vực An toàn vệ sinh lao động`
            group = task
            continue
        if caption_leads and task and index:
            lead, leads = ", ".join(caption_leads), list(caption_leads)
        elif not task or not lead:
            continue
        else:
            leads = list(out[-1].lead) if leads_from_above else (split_person_names(lead) or _cell_units(lead))
        support_cell = cell(row, "support")
        support_text = support_cell.text.strip() if support_cell else ""
        labeled = ROLE_LABELS.match(lead)
        if labeled and not leads_from_above:  # `Chủ trì: UBND xã A. Phối hợp: Sở Công Thương` in one cell
            leads = _cell_units(labeled.group("lead"))
            support_text = support_text or (labeled.group("support") or "").strip()
        support = [s for s in _cell_units(support_text) if not is_untyped_partner(s)] if support_text else []
        output_cell, deadline_cell = cell(row, "output"), cell(row, "deadline")
        deadline = normalize_deadline(deadline_cell.text if deadline_cell else None, year)
        path = list(table.section_path) + ([group] if group else []) + ([index] if index else [])
        out.append(AssignmentRow(
            doc_id=doc_id, assignment_id="", kind="table_row", section=" > ".join(path) or None,
            task=_clean_task(task), lead=leads, support=support,  # as the cells write them, a group in both
            lead_raw=lead, support_raw=[support_text] if support_text else [],
            output=output_cell.text.strip() or None if output_cell else None,
            deadline_raw=deadline.raw, due_date=deadline.due_date, recurrence=deadline.recurrence,
            recurrence_extra=deadline.extra, ongoing=deadline.ongoing,
            raw=structure.text[row.start: row.end], start=row.start, end=row.end,
            page=normalized.page_at(row.start) if normalized else None,
        ))
    return out


# one cell that names both roles, each after its label
ROLE_LABELS = re.compile(r"^Chủ trì\s*:\s*(?P<lead>.+?)(?:[.;]?\s*Phối hợp\s*:\s*(?P<support>.+))?$",
                         re.IGNORECASE | re.DOTALL)


def _cell_units(text: str) -> list[str]:
    """The units a table cell names, each spelled out: `Các Sở, ban, ngành và UBND các xã, phường`
    -> [`Các Sở, ban, ngành`, `Ủy ban nhân dân các xã, phường`]."""
    out = []
    for name in unit_names(split_unit_cell(text)):
        if is_known_unit(name):
            out.append(name)  # a unit the gazetteer knows, `Văn phòng HĐND và UBND phường`, is one
        else:
            out += _spelled_units(name)
    return out


def _spelled_units(text: str) -> list[str]:
    """`các Sở Tài chính và UBND cấp xã` -> [`Sở Tài chính`, `Ủy ban nhân dân cấp xã`], a group
    named as the unit reader names it (`các sở, ngành liên quan` -> `Các sở, ban, ngành`)."""
    return [as_group(n) or spelled_out(n[:1].upper() + n[1:])
            for part in re.split(r"\s*;\s*(?![^()]*\))", text) for n in split_unit_list(part)]


def _starts_anew(task: str, previous: str) -> bool:
    """A task cell under an empty lead is a new task (the lead cell is merged over
    it) when it opens with a capital after a task that closed its sentence."""
    return task[:1].isupper() and (previous.rstrip().endswith((".", ";", ":")) or len(task.split()) >= 3)


# --- prose ---------------------------------------------------------------------------

DUTY_HEADING = re.compile(
    r"^(?:(?:Trách nhiệm|Nhiệm vụ|Chức năng|Quyền hạn)(?:,\s*(?:nhiệm vụ|quyền hạn))?(?:\s+chung)?|Phân công|Đối với)"
    r"(?:\s+(?:của|đối với|cho))?\s+(?P<unit>.+?)\s*:?\s*$",
    re.IGNORECASE,
)
# sections whose items are principles, aims or rules of work, not tasks (`2. Yêu cầu`, not the directive
# `3. Yêu cầu Sở Xây dựng kiểm tra ...` a letter numbers)
NOT_TASK_SECTION = re.compile(
    r"^(?:nguyên tắc|hình thức làm việc|phương pháp|phạm vi|đối tượng|giải thích từ ngữ|mục đích|"
    r"yêu cầu(?!\s+(?-i:[A-ZĐ]\w*[a-zđà-ỹ]|(?:UBND|HĐND)\b|các\s|những\s))|mục tiêu|"
    r"quan điểm|kinh phí|căn cứ|sự cần thiết)",
    re.IGNORECASE,
)
# `Trên đây là Kế hoạch ...` under the last item closes the document: no line of that item
CLOSING_START = re.compile(r"^\W*Trên đây là\b", re.IGNORECASE)
# where a sentence ends: a period, then a capital
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")
CLOSING_FORMULA = re.compile(
    r"chịu trách nhiệm thi hành|căn cứ quyết định thi hành|thi hành quyết định này|"
    r"triển khai thực hiện\s*\./\.\s*$|nghiêm túc(?:\s+tổ chức)?\s+triển khai thực hiện|"
    # `Chủ tịch UBND tỉnh yêu cầu ... nghiêm túc thực hiện.`: the last word of a letter, no task of its own
    r"^\W*(?:[^.;,]{0,60}\s)?(?:yêu cầu|đề nghị)\s[^.;]*nghiêm túc thực hiện"
    r"(?:\s+(?:công văn|kế hoạch|quyết định|chỉ thị|thông báo) này)?\s*(?:\./\.|\.)?\s*$|"
    r"trong quá trình (?:tổ chức |triển khai )?(?:thực hiện|triển khai)(?: kế hoạch này)?,? (?:nếu|trường hợp|khi) có "
    r"(?:khó khăn|vướng mắc|vấn đề)|"
    rf"{CLOSING_START.pattern}|(?:trả lời|thông báo)\s+(?:để|đề|cho)\s+[^.;]{{0,200}}?(?:được\s+)?biết\b",  # `đề`: OCR's
    re.IGNORECASE,
)
# an item that is a legal text's title, in a list of the texts the lead-in asks to study or apply
CITED_ENTRY = re.compile(r"^(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị)"
                         r"\s+(?:số\s+)?\d+[\w.]*/\d{4}/")
# a paragraph in brackets is a note on the list, not an item of it: `(Một số nhiệm vụ trọng tâm có Phụ lục kèm theo)`
NOTE = re.compile(r"\([^()]*\)\.?", re.DOTALL)
# a rule of work, as the predicate right after the subject ("Ban Chỉ đạo có quyền ...")
WORKING_RULE = re.compile(
    r"\s*(?:làm việc theo (?:chế độ|nguyên tắc|quy chế)|có quyền\b|được hưởng|(?:được\s+)?sử dụng con dấu|"
    r"chịu sự lãnh đạo|được trưng tập|được bố trí)",
    re.IGNORECASE,
)
# a request or a hand-over naming who does the task (`Giao Sở X ...`); after `để` it tells a purpose
# (`... để đề nghị Cục X xem xét`), after `được` or `đã` a task already given
DIRECT_TRIGGER = re.compile(r"(?:^|(?<!được)(?<!đã)(?<!để)\s)(?:[Gg]iao|[Pp]hân công|[Đđ]ề nghị|[Qq]uán triệt|[Yy]êu cầu|"
                            r"[Ủủ]y quyền)\s+(?:cho\s+)?")
# `đề nghị địa phương căn cứ ...`: a letter asks the locality it is sent to (a partner `địa phương` is untyped)
ADDRESSED_LOCALITY = re.compile(r"(?:các\s+)?địa phương(?!\s+(?:có\s+)?liên quan)(?=\s+[^\W\d]{2,})")
SUBJECT_VERB = re.compile(r"\s*(?:(?:tiếp\s+tục|phải|cần|sẽ|có\s+thể|thường\s+xuyên)\s+)?(?:" + wrapping(
    TASK_VERBS + "|được quyền|làm việc thông qua|là (?:cơ quan )?đầu mối|làm đầu mối|(?:sẽ|cần|phải) chủ trì|"
    "chỉ đạo|quản lý|có văn bản(?!\\s+số)") + r")\b"
)
# a phrase between a subject and its verb: `X, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát ...`
QUALIFIER = re.compile(r",?\s*(?:trong phạm vi|theo (?:chức năng|thẩm quyền|nhiệm vụ)|căn cứ|trên cơ sở|tùy theo)\b")
# a sentence's fronted adverbial before the comma that ends it: its condition or time, its purpose
# (`Để bảo đảm ..., Sở X thực hiện`), or a connective (`Đồng thời, ...`)
INTRO = re.compile(r"^(?:Căn cứ|Định kỳ|Trong|Khi|Đối với|Sau khi|Trường hợp|Hằng|Hàng|Nếu|Kết thúc|Trước|Sau|"
                   r"Thời gian tới|Từ nay|Ngay sau|Để|Nhằm|Trên cơ sở|Đồng thời|Ngoài ra|Bên cạnh đó|Theo đó)\b")
# `Công tác thanh tra do Thanh tra tỉnh thực hiện`: the unit after `do` does the task
PASSIVE_AGENT = re.compile(r"(?:^|\s)do\s+")
AGENT_VERB = re.compile(r"\s*(?:thực hiện|chuẩn bị|chủ trì|bố trí|đảm nhiệm|phụ trách|tổ chức|cung cấp|ban hành)\b")
SUPPORT_CUE = re.compile(r"(?:phối hợp(?:\s+(?:chặt chẽ|thường xuyên|tốt))?(?:(?:,\s*|\s+và\s+)hỗ trợ)?(?:\s+với)?"
                         r"|cùng\s+với)\s+", re.IGNORECASE)  # `tham dự cùng các Tổ công tác`: company, no partner
GENERIC_BODIES = re.compile(r"^(?:các\s+)?cơ quan(?:\s+chủ trì)?(?:,|\s+và)\s*(?:các\s+)?(?:đơn vị|cơ quan phối hợp)\s*:?$")
# `(1) Bà Trần Thị B - Phó Trưởng Ban ...;`: who sits in a body, not a task
MEMBER_ENTRY = re.compile(r"^\W*(?:\(?\d+\)\s*|\d+\.\s*)?(?:Ông|Bà|[Đđ]ồng chí|Đ/c)\.?\s+[A-ZĐ][^:]*?\s[-–]\s"
                          r"(?:[^:]|:\s*[\d.\s]+)*$", re.DOTALL)  # a phone number may follow: `số điện thoại: 09..`
PERSON_SEAT = re.compile(r"^(?:Ông|Bà|[Đđ]ồng chí|Đ/c)\.?\s+(?P<name>[^-–,]+?)\s+[-–]\s+(?P<seat>[^-–]+)$")
# "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo: Giúp Trưởng Ban ...": an item naming its own unit
UNIT_COLON_TASK = re.compile(r"^(?P<unit>[^:]{3,80}):\s+(?P<task>\S.*)$", re.DOTALL)


@dataclass
class _Item:
    """The smallest enumerated item, or one paragraph: the unit a task is read from."""

    start: int
    end: int
    text: str
    section: Section


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and groups[-1][-1].paragraph == line.paragraph:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


PAGE_NUMBER_LINE = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


def _item(lines: list[Line], section: Section) -> _Item:
    """An item of the lines given, less the page numbers a PDF or OCR left between them."""
    kept = [ln for ln in lines if not PAGE_NUMBER_LINE.match(ln.text)] or lines[:1]
    return _Item(kept[0].start, kept[-1].end, "\n".join(ln.text for ln in kept), section)


def _is_page_number(lines: list[Line]) -> bool:
    return all(PAGE_NUMBER_LINE.match(ln.text) for ln in lines)


def _is_sentence(text: str) -> bool:
    """`Điều 3. Đoàn Kiểm tra có nhiệm vụ ... có liên quan.`: an article with no title, its text on the marker's line."""
    return text.rstrip().endswith((".", ";")) and len(text.split()) >= 8


def _is_intro(text: str) -> bool:
    return text.rstrip().endswith(":")


def _before_lead_in(intro: _Item) -> Optional[_Item]:
    """The sentences of a paragraph before the lead-in that ends it and asks for tasks (`Đề nghị các
    Sở phối hợp ... Yêu cầu các tổ chức nghiên cứu các văn bản sau:`): prose of their own, read as
    any paragraph. (Before `... có ý kiến như sau:` they retell the letter being answered.)"""
    breaks = [m.start() for m in SENTENCE_BREAK.finditer(intro.text)]
    if not breaks:
        return None
    if not _asks_for_tasks(intro.text[breaks[-1]:].strip()):
        return None
    return _Item(intro.start, intro.start + breaks[-1], intro.text[:breaks[-1]], intro.section)


def is_member_list(section: Section) -> bool:
    """`3. Phó Trưởng Ban Chỉ đạo:` and its bullets list who sits where: roles, not tasks."""
    return any(node is not None and is_member_item(_strip_marker(node.heading.text))
               for node in (section, section.parent))


def _strip_marker(text: str) -> str:
    text = re.sub(r"^(?:Điều\s+\d+\s*[.:]|\d+(?:\.\d+)+(?=\s)|\d+(?:\.\d+)*\.|[IVXLC]+\.|[a-zđ]\)|[-+•])\s*", "", text)
    return re.sub(r"^[_“”\"'`~|\\]+\s+", "", text).strip()  # what OCR made of a bullet: `_“ Văn phòng ...`


def task_items(section: Section, skip=lambda s: False, heading_is_title: bool = False) -> Iterator[_Item]:
    """One item per smallest enumerated item, or per paragraph where nothing is
    enumerated. An article's heading is its title, and a line ending in ':'
    introduces what follows: neither is a task."""
    if skip(section) or (is_member_list(section) and not _seat_task(_strip_marker(section.heading.text))):
        return
    heading = Line(section.heading.start, section.heading.end, section.heading.text)
    own_lines = list(takewhile(lambda ln: not CLOSING_START.match(ln.text), section.body_lines))
    stripped = _strip_marker(section.heading.text)
    title_only = heading_is_title or _is_intro(section.heading.text) or stripped.isupper() or (
        section.kind == "article" and not _is_sentence(stripped))  # `VI. CHẾ ĐỘ BÁO CÁO` is a title
    if not section.children and not title_only:
        yield _item([heading] + own_lines, section)
        return
    groups = _paragraphs(own_lines)
    if not title_only and _seat_task(stripped):
        # `a) Tổ công tác số 01: tổ chức làm việc ...` over the list of its members: the heading is a task
        first = groups.pop(0) if groups and groups[0][0].text[:1].islower() else []
        yield _item([heading] + first, section)
    for group in groups:
        if not _is_intro(group[-1].text) and not _is_page_number(group):
            yield _item(group, section)
        elif (before := _before_lead_in(_item(group, section))) is not None:
            yield before
    for child in section.children:
        yield from task_items(child, skip)


def heading_units(section: Section) -> Optional[tuple[list[str], str]]:
    """(leads, raw words) when a section's heading names who is responsible."""
    text = _strip_marker(section.heading.text)
    wrapped = section.body_lines and section.body_lines[0].text[:1].islower() and not text.endswith((":", "."))
    if wrapped or re.search(r"(?:,|\s(?:và|của|các))\s*$", text):
        return None  # a heading wrapped onto the next line: a sentence, not a unit
    if re.search(r":\s*\S.*[^:\s]\s*$", text):
        return None  # `3. Trách nhiệm của Sở Tài chính: bố trí kinh phí.`: an item with its own unit and task
    m = DUTY_HEADING.match(text)
    if m:
        return _duty_phrase_units(m)
    if section.kind == "article" or section.kind in GROUPING_KINDS:
        return None
    phrase = re.sub(r"^(?:Giao|Đề nghị)\s+", "", text).rstrip(":").strip()
    if len(phrase) > 150 or phrase.endswith(".") or not phrase:
        return None
    if re.match(r"^(?:Tổ(?!\s+chức\b)|Ban(?!\s+(?:hành|đầu)\b)|Hội đồng)\s", phrase) and not CLAUSE.search(phrase):
        return [canonical_unit(phrase) or phrase], phrase
    return _phrase_units(phrase)


def _duty_phrase_units(m: re.Match) -> Optional[tuple[list[str], str]]:
    """The units of `Trách nhiệm của X`, `Đối với X` (a DUTY_HEADING match)."""
    if re.search(r"\sdo\s", m.group("unit")):
        return None  # `Đối với Đoàn kiểm tra do Phó Thủ tướng làm Trưởng đoàn:` says which case, names no lead
    return _phrase_units(m.group("unit"), narrowed=True)


def _phrase_units(phrase: str, narrowed: bool = False) -> Optional[tuple[list[str], str]]:
    """The units a heading phrase names; `narrowed`: a participle after them says which (`được kiểm tra`)."""
    units = read_units(phrase)
    bare = phrase.rstrip(" .:")
    if not units or units[-1].end < len(bare) - 1:
        if units and narrowed and PARTICIPLE.fullmatch(bare[units[-1].end:]):
            whole = bare[units[0].start:]  # `Đối với các bộ, ngành, địa phương được kiểm tra:`: who is meant
            return [spelled_out(whole[:1].upper() + whole[1:])], phrase
        return _named_units(phrase)
    names = unit_names(units)
    return (names, phrase) if names else None


# what a body's name has none of (a name may hold a verb: `Tổ Công tác về triển khai Đề án 06`),
# and a sentence has: `Hội đồng nhân dân cấp tỉnh thực hiện các hoạt động giám sát sau đây:`
_CLAUSE_WORDS = r"có|là|được|thì|bị|phải"
CLAUSE = re.compile(rf"\b(?:{_CLAUSE_WORDS})\b|\b(?:sau đây|như sau)$")


# a passive participle that narrows the units a duty heading names: `được kiểm tra`, `được mời tham gia ...`
PARTICIPLE = re.compile(r"\s+(?:được|bị)\s+[^,;:()]{2,60}")


# a verb, which a heading that only names units has none of: a clause's words, and the verbs of tasks
HEADING_VERB = re.compile(rf"\b(?:{_CLAUSE_WORDS}|thực hiện|chủ trì|phối hợp|tham mưu|tăng cường|tổ chức thực|xây dựng|"
                          r"triển khai|bảo đảm|đảm bảo|phát huy|hoàn thiện|nâng cao|chịu|gồm|bao gồm|như sau|sau đây|"
                          r"thu hồi|xem xét|phê duyệt|trả lời|trong trường hợp|thi hành(?!\s+án))\b")


# groups that act, named after `các`, `những`: `Các cấp, ngành`, `các bộ quản lý ngành`; not `các công
# trình còn lại`, `các dự án khác` (`Đối với ...:` then says which case)
ACTING_GROUPS = r"cấp|ngành|địa phương|đơn vị|phòng|cơ quan|tổ chức|chủ|doanh nghiệp|bộ|sở"
# a heading is the whole name, so it may also open with the groups whose names prose does not show the end
# of (`Các cơ sở sản xuất thực phẩm đã được cấp ...`): `các cơ sở sản xuất`, `các nhà đầu tư thứ cấp`
DETERMINED_GROUP = re.compile(rf"^{DETERMINER}(?:{ACTING_GROUPS}|cơ sở|cá nhân|nhà đầu tư|nhà thầu|hộ)\b")


def _named_units(phrase: str) -> Optional[tuple[list[str], str]]:
    """A heading that is only a list of bodies the unit reader does not know
    (`Sở Nông nghiệp và Môi trường`, `Thuế tỉnh; Công an tỉnh`, `các cơ sở sản xuất trong cụm
    công nghiệp`): each opens with a body's head, or a determiner and a group that acts."""
    phrase = phrase.rstrip(" .:")
    if len(phrase.split()) > 24 or HEADING_VERB.search(phrase) or not LIST_ITEM_START.match(phrase):
        return None
    names = [spelled_out(n) for part in re.split(r";\s*", phrase) for n in split_unit_list(part)]
    if not names or not all(_names_who_acts(n) for n in names):
        return None
    return [n[:1].upper() + n[1:] for n in names], phrase


def _names_who_acts(name: str) -> bool:
    """A capitalized name (a body's head, an office holder), or a determiner and a group that acts."""
    if re.match(DETERMINER, name):
        return bool(DETERMINED_GROUP.match(name) or UNIT_HEAD.match(name))
    return name[:1].isupper()


# `Ông Phạm Văn A - Chủ tịch HĐND tỉnh - phụ trách chung ...`: who holds a seat, then what they do
HOLDER_THEN_TASK = re.compile(r"^(?:Ông|Bà|[Đđ]ồng chí|Đ/c)\.?\s+[A-ZĐ][^-–:]*?(?:\s[-–]\s[A-ZĐ][^-–:]*?)*"
                              r"\s[-–]\s(?P<task>[a-zđ\u00e0-\u1ef9].*)$", re.DOTALL)


def _seat_task(text: str) -> Optional[tuple[str, str]]:
    """(unit or seat, task) of an item that names a unit, or a seat and its holder, then gives a task:
    `Tổ công tác số 01: tổ chức làm việc ...`, `Trưởng Đoàn giám sát: Ông A - Chủ tịch HĐND tỉnh - phụ trách chung`."""
    m = UNIT_COLON_TASK.match(text)
    if not m:
        return None
    task = m.group("task")
    held = HOLDER_THEN_TASK.match(task)
    if held:
        task = held.group("task")
    elif not task[:1].islower():
        return None
    return m.group("unit"), task[:1].upper() + task[1:]


def _own_unit(item: _Item) -> Optional[tuple[list[str], str, str]]:
    """`Phó Trưởng Ban Thường trực Ban Chỉ đạo: Giúp Trưởng Ban ...` -> its unit and task;
    `Ông Nguyễn Văn A - Trưởng đoàn: Phụ trách chung ...` -> `Trưởng đoàn Nguyễn Văn A` and the task."""
    m = UNIT_COLON_TASK.match(_strip_marker(item.text))
    if not m:
        return None
    seat = _seat_task(_strip_marker(item.text))
    if seat and HOLDER_THEN_TASK.match(m.group("task")):
        units = read_units(seat[0])
        return (unit_names(units) or [seat[0]]), seat[0], seat[1]
    person = PERSON_SEAT.match(m.group("unit"))
    if person:
        return [f"{person.group('seat').strip()} {person.group('name').strip()}"], m.group("unit"), m.group("task")
    task = m.group("task")
    duty = DUTY_HEADING.match(m.group("unit"))
    if duty:  # `6.2. Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo ...`
        named = _duty_phrase_units(duty)
        return (named[0], m.group("unit"), task[:1].upper() + task[1:]) if named else None
    units = read_units(m.group("unit"))
    if not units or units[-1].end < len(m.group("unit").rstrip()) - 1:
        return None
    names = unit_names(units)
    return (names, m.group("unit"), task[:1].upper() + task[1:]) if names else None


def _opening_units(item: _Item) -> Optional[tuple[list[str], str]]:
    """The units an item under a duty heading opens with, as the subject of its task."""
    text = _strip_marker(item.text)
    found = _directive_leads(text[:400], open_subjects=False)
    return (found[0], found[1]) if found and text.startswith(found[1]) else None


# `phối hợp` naming a thing, not a partner: `Quy chế phối hợp các sở, ngành`
COORDINATION_NOUN = re.compile(r"(?:quy chế|cơ chế|tổ|nhóm|mối quan hệ)\s+$", re.IGNORECASE)
# `giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính`: the partners of the unit handed the task
HANDED_ON = re.compile(r"(?:(?:giao|gửi|đề nghị|yêu cầu|để|cho)\s+(?P<unit>\S.{1,80}?)\s+(?:để\s+)?chủ trì,?"
                       r"|(?:tham mưu(?:\s+cho)?|chỉ đạo|hướng dẫn|đôn đốc)\s+(?P<advised>\S.{1,80}?))\s*$")


def _partners_of_another(before: str, leads: list[str]) -> bool:
    """Do the partners after this cue belong to a unit other than the lead (a noun `Quy chế
    phối hợp`, a unit the lead hands the task on to, or one it advises or directs)?"""
    if COORDINATION_NOUN.search(before):
        return True
    handed = HANDED_ON.search(before[-120:])
    if not handed:
        return False
    named = handed.group("unit") or handed.group("advised")
    units = read_units(named)
    return bool(units) and units[0].start == 0 and units[-1].end >= len(named) - 1 \
        and all(u.name and u.name not in leads for u in units)


# a group the unit reader does not know, typed by its determiner, before the next partner or at the end of the
# list (`các chủ đầu tư hạ tầng cụm công nghiệp, ...`, `các tổ chức chính trị - xã hội`)
_GROUP_WORDS = rf"(?P<typed>{DETERMINER})[^\W\d]+(?:\s+(?:[-–]\s+)?[^\W\d]+){{0,9}}"
PARTNER_SEPARATOR = r"\s*,\s*|\s+và\s+"
GROUP_BEFORE_NEXT = re.compile(rf"(?P<phrase>{_GROUP_WORDS}?)(?:{PARTNER_SEPARATOR})")
GROUP_LAST = re.compile(rf"(?P<phrase>{_GROUP_WORDS})")
PARTNERS_AT_MOST = 6


def _partner_list(text: str, at: int) -> list[UnitSpan]:
    """The partners a cue opens, read on past groups the unit reader does not know: `phối hợp với các chủ
    đầu tư hạ tầng cụm công nghiệp, Ủy ban nhân dân các xã, phường` gives both."""
    found: list[UnitSpan] = []
    at += len(text[at:]) - len(text[at:].lstrip())
    while len(found) < PARTNERS_AT_MOST:
        units = read_units(text, at)
        if units:
            found += units
            after = re.match(PARTNER_SEPARATOR, text[units[-1].end:])
            if not after:
                break
            at = units[-1].end + after.end()
            continue
        m = GROUP_BEFORE_NEXT.match(text, at) or GROUP_LAST.match(text, at)
        if not m:
            break
        # a verb or a bracket ends the list inside the group (its first noun may read as one: `các tổ chức`)
        end = UNIT_END.search(text, m.end("typed"), m.end("phrase"))
        phrase = text[at: end.start() if end else m.end("phrase")]
        if UNTYPED.match(fold(phrase)):  # cut to `các tổ chức` by a verb-like noun: no kind is left
            break
        found.append(UnitSpan(phrase, phrase[:1].upper() + phrase[1:], at, at + len(phrase)))
        if end or m.re is GROUP_LAST:
            break
        at = m.end()
    return found


def _support(text: str, leads: list[str]) -> tuple[list[str], list[str]]:
    names, raws = [], []
    cues = [(cue.end(), False) for cue in SUPPORT_CUE.finditer(text)
            if not _partners_of_another(text[:cue.start()], leads)]
    cues += [(m.end(), True) for m in re.finditer(r"đề nghị\s+", text)]
    for at, needs_verb in cues:
        # `phối hợp với` names partners; `phối hợp các hoạt động` may name what is coordinated
        units = _partner_list(text, at) if text[:at].rstrip().endswith("với") else read_units(text, at)
        if not units or (needs_verb and not re.match(r"\s*phối hợp", text[units[-1].end:])):
            continue
        for u in units:
            if u.name and u.name not in leads and u.name not in names and not is_untyped_partner(u.name):
                names.append(u.name)
        raws.append(text[units[0].start: units[-1].end])
    return names, raws


def _in_excluded_section(section: Section) -> bool:
    """Inside a section titled as principles, aims, scope or funding."""
    node: Optional[Section] = section
    while node is not None:
        title = _strip_marker(node.heading.text)
        if len(title) < 80 and NOT_TASK_SECTION.match(title):
            return True
        node = node.parent
    return False


def _sentences(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, opens a sentence) of the clauses that may each have their own subject: sentences,
    and the parts of one parted by `;` (`Văn phòng xây dựng kế hoạch tháng; Chánh Văn phòng đánh giá ...`).
    A sentence that closes the text (`A; B; C chịu trách nhiệm thi hành Quyết định này`) gives none."""
    start = 0
    for end in [m.start() for m in SENTENCE_BREAK.finditer(text)] + [len(text)]:
        sentence = text[start:end]
        if not CLOSING_FORMULA.search(sentence):
            at = start
            for m in [*re.finditer(r"(?<=;)\s+", sentence), None]:
                stop = start + m.start() if m else end
                yield at, stop, at == start
                at = start + m.end() if m else end
        start = end + len(text[end:]) - len(text[end:].lstrip())


def _directive_leads(sentence: str, open_subjects: bool = True, intros: bool = True,
                     inner_triggers: bool = True) -> Optional[tuple[list[str], str, int]]:
    """(leads, lead words, end of the lead) when the sentence gives someone a task:
    a unit as the subject of a task verb (after an optional intro such as
    "Căn cứ Quyết định này" or "Định kỳ 6 tháng ..., "), else a unit after
    "Giao", "đề nghị", "quán triệt", "yêu cầu" (only at its start without `inner_triggers`: in a
    clause that goes on a task, `...; khẩn trương giao Ban Quản lý dự án lập hồ sơ` is that lead's doing)."""
    starts = {0}
    colon = re.search(r":\s+", sentence)  # `... ngân sách:\nSở Tài chính thẩm định`: a wrapped line after it too
    if colon and 0 < colon.start() < 150:
        starts.add(colon.end())
    if INTRO.match(sentence) and intros:  # a report's `Trước khi nổ mìn, Công ty ...` tells of a plan
        starts.update(m.end() for m in re.finditer(r",\s+|\s+thì\s+", sentence[:250]))  # `Trường hợp ... thì X`
        m = re.match(r"Căn cứ (?:Quyết định|Kế hoạch|Quy chế) này,?\s+", sentence)
        if m:
            starts.add(m.end())
    read_at: dict[int, list[UnitSpan]] = {}
    for at in sorted(starts):
        units = read_at[at] = read_units(sentence, at)
        names = unit_names(units)
        if names and WORKING_RULE.match(sentence, units[-1].end):
            return None  # "Ban Chỉ đạo có quyền yêu cầu ...": a rule of work, not a task
        if names and _verb_after(sentence, units[-1].end):
            return names, sentence[units[0].start: units[-1].end], units[-1].end
    for trigger in DIRECT_TRIGGER.finditer(sentence):
        if trigger.start() > 0 and not inner_triggers:
            break
        units = read_units(sentence, trigger.end())
        names = unit_names(units)
        if names:
            return names, sentence[units[0].start: units[-1].end], units[-1].end
        addressed = ADDRESSED_LOCALITY.match(sentence, trigger.end())
        if addressed:
            return [addressed.group(0)[:1].upper() + addressed.group(0)[1:]], addressed.group(0), addressed.end()
        # `Đề nghị Chủ đầu tư tổ chức khảo sát`: a request that opens the sentence (or follows its topic's
        # colon, or its fronted adverbial's comma), to a typed group the unit table does not know; inside a
        # rule's sentence (`... thì giao chủ đầu tư ...`) the group is the rule's
        rest, before = sentence[trigger.end():], sentence[:trigger.start()].rstrip()
        opens = not before or before.endswith(":") or (before.endswith(",") and INTRO.match(sentence) and intros)
        group = tagged_subject(rest[:1].upper() + rest[1:]) if opens else None
        if group:
            return group[0], rest[:group[2]].strip(" ,"), trigger.end() + group[2]
    for agent in PASSIVE_AGENT.finditer(sentence):
        units = read_units(sentence, agent.end())
        names = unit_names(units)
        if names and AGENT_VERB.match(sentence, units[-1].end):
            return names, sentence[units[0].start: units[-1].end], units[-1].end
    return tagged_subject(sentence, read_at[0]) if open_subjects else None


# after the units a request is addressed to, and the untyped partners it adds, the colon that opens the task
ADDRESSEE_COLON = re.compile(r"(?:\s*(?:,|và)\s*(?:các\s+)?(?:cơ quan|đơn vị|tổ chức|địa phương|ngành)"
                             r"(?:,?\s+(?:đơn vị|ngành|địa phương))?(?:\s+(?:có\s+)?liên quan)?)?\s*:\s+(?=\S)")


def _addressed_task(sentence: str, lead_at: int, lead_end: int) -> Optional[str]:
    """`Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các cơ quan liên quan: Tăng cường giám sát ...` -> the task
    after the colon: the request and its addressees are not part of it."""
    trigger = DIRECT_TRIGGER.match(sentence)
    addressee = ADDRESSEE_COLON.match(sentence, lead_end)
    if not (trigger and addressee and trigger.end() == lead_at):
        return None
    task = sentence[addressee.end():]
    return task[:1].upper() + task[1:]


def _verb_after(sentence: str, at: int) -> bool:
    """A task verb right after a subject, or after a qualifying phrase
    (`X căn cứ chức năng, nhiệm vụ được giao phối hợp ...`) in the same clause; a parenthesis after
    the subject (`Sở Tài chính (cơ quan thường trực) chủ trì`) is passed over."""
    paren = re.match(r"\s*\([^()]{0,80}\)", sentence[at:])
    if paren:
        at += paren.end()
    if SUBJECT_VERB.match(sentence, at):
        return True
    qualifier = QUALIFIER.match(sentence, at)
    if not qualifier:
        return False
    clause = re.match(r"[^.;:]{0,200}", sentence[qualifier.end():]).group(0)
    return any(SUBJECT_VERB.match(clause, word.start()) for word in re.finditer(r"(?<=[\s,])\S", clause))


# A subject the unit table may not know, read with underthesea's part-of-speech tags: a phrase
# opening with a body's head (or `Các cấp, ngành`, `Các địa phương`, `Chủ đầu tư`), up to its verb.
GROUP_SUBJECT = re.compile(rf"^(?:Các|Những)\s+(?:{ACTING_GROUPS}|Bộ|Sở)\b|^(?:Chủ đầu tư|Doanh nghiệp|Nhà thầu)\b")
# heads the tagger cuts in two (`Ủy` / `ban nhân dân`): tagged after them
TAGGER_SAFE_HEADS = re.compile(r"^(?:Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận Tổ quốc(?: Việt Nam)?|"
                               r"(?:(?:Các|Những) )?[Cc]hủ đầu tư|Ban Chỉ huy|Ban Quản lý|Bộ Chỉ huy)\b")
# words that open a predicate the tagger does not call a verb
PREDICATE_WORDS = {"chủ động", "khẩn trương", "thường xuyên", "tích cực", "cần", "phải", "có thể", "tiếp tục", "tổng hợp",
                   "là", "đã", "đang", "vừa", "sẽ"}
# a sentence opening with a verb that spells like a body's head: `Tổ chức kiểm tra ...`, `Báo cáo ...`
VERB_LIKE_HEAD = re.compile(r"^(?:Tổ chức|Ban hành|Báo cáo|Trường hợp|Đơn vị (?:chủ trì|phối hợp|thực hiện))\b")
# what a report tells of others, or praise a conclusion gives: not a task this document gives
NARRATIVE = re.compile(r"^(?:đã|đang|vừa|nhận được|được|là|gồm|ghi nhận|biểu dương|hoan nghênh|khen ngợi|đánh giá cao|"
                       r"có\s+(?:văn bản|công văn|tờ trình|báo cáo|ý kiến)\s+(?:số|tại))\b",
                       re.IGNORECASE)


# a participle that narrows a subject to those its duty is for, up to that duty
NARROWING_PARTICIPLE = re.compile(r"(?:được|bị)\s+[^.;:()]{2,80}?(?=\s+(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ)\b)")


# a subject cut off before its clause ends names no unit: `Công chức nghỉ việc riêng ... nhưng`
UNFINISHED = re.compile(r"\b(?:và|nhưng|hoặc|mà|thì|nếu|của|các|có|được|bị|cho|để|từ)$")


def tagged_subject(sentence: str, read: Optional[list[UnitSpan]] = None) -> Optional[tuple[list[str], str, int]]:
    """(leads, subject, end) of `Sở Nông nghiệp và Môi trường tổng hợp, tham mưu ...`; `read`: the
    units the unit reader found at the sentence's start, where the caller has read them already."""
    if not (LIST_ITEM_START.match(sentence) or GROUP_SUBJECT.match(sentence)) or VERB_LIKE_HEAD.match(sentence):
        return None
    from underthesea import pos_tag

    safe = TAGGER_SAFE_HEADS.match(sentence)
    at = safe.end() if safe else 0
    end = None
    for word, tag in pos_tag(sentence[at: at + 240]):
        found = sentence.find(word, at)
        if found < 0:
            return None
        # a capitalized word is a name's, whatever its tag (`và Công nghệ` tagged V)
        if (tag in ("V", "A") or word.lower() in PREDICATE_WORDS) and found > 0 and word == word.lower() \
                and word not in ("thuộc", "trực thuộc"):  # `các tỉnh, thành phố trực thuộc Trung ương`
            end = found
            break
        at = found + len(word)
    if end is None:
        return None
    read = read_units(sentence) if read is None else read
    gap = re.match(r"\s+(?=\w)", sentence[read[-1].end:]) if read and read[0].start == 0 else None
    if gap and read[-1].end < end:  # the unit reader ends the name at a verb it knows: `Đảng ủy ... tỉnh | lãnh đạo`
        end = read[-1].end + gap.end()
    narrowed = NARROWING_PARTICIPLE.match(sentence, end)
    if narrowed:  # `Các tổ chức, cá nhân được cấp giấy phép khai thác có trách nhiệm ...`: who is meant
        end = narrowed.end()
    subject = sentence[:end].strip(" ,")
    told = NARRATIVE.match(sentence[end:]) and not SUBJECT_VERB.match(sentence, end)  # `là đầu mối` is a task
    if not 2 <= len(subject.split()) <= 25 or UNFINISHED.search(subject) or ":" in subject or "(" in subject \
            or told or WORKING_RULE.match(sentence, end):
        return None
    names = _spelled_units(subject)
    if not names or not all(LIST_ITEM_START.match(n) or GROUP_SUBJECT.match(n) for n in names):
        return None
    return names, subject, end


def _prose_row(kind: str, item_text: str, start: int, end: int, section: Section, leads: list[str],
               lead_raw: str, structure: DocumentStructure, doc_id: str, year: Optional[int],
               normalized: Optional[NormalizedText], standing: dict[str, str],
               deadline: Optional[Deadline] = None, given_support: tuple[list[str], list[str]] = ([], [])
               ) -> AssignmentRow:
    """A task written in prose; its deadline read from it unless given (a task card's label), its
    supporting units its own and those its lead-in gives (`given_support`: names, raw)."""
    task = _clean_task(item_text)
    support, support_raw = _support(task, leads)
    support = [s for s in dict.fromkeys(_resolve_standing(given_support[0] + support, standing)) if s not in leads]
    support_raw = given_support[1] + support_raw
    deadline = deadline or deadline_in_prose(task, year)
    return AssignmentRow(
        doc_id=doc_id, assignment_id="", kind=kind, section=section_path(structure, start) or None,
        task=task, lead=leads, support=support, lead_raw=lead_raw, support_raw=support_raw,
        deadline_raw=deadline.raw, due_date=deadline.due_date, recurrence=deadline.recurrence,
        recurrence_extra=deadline.extra, ongoing=deadline.ongoing,
        raw=structure.text[start:end], start=start, end=end,
        page=normalized.page_at(start) if normalized else None,
    )


def _task_cards(section: Section) -> Iterator[tuple[list[_Item], CardFields, list[int]]]:
    """(tasks, their labels, starts of every line the card takes) for each block of labels in a
    section: the block belongs to the tasks written since the block before it, or to the section
    itself when none were."""
    elements: list[tuple[int, bool, Optional[Section], list[Line]]] = []  # (start, is label, child, lines)
    for child in section.children:
        elements.append((child.heading.start, is_label_line(child.heading.text), child,
                         [Line(child.heading.start, child.heading.end, child.heading.text)] + child.body_lines))
    for group in _paragraphs(section.body_lines):
        elements.append((group[0].start, is_label_line(group[0].text), None, group))
    elements.sort(key=lambda e: e[0])
    pending: list[_Item] = []
    fields: Optional[CardFields] = None
    taken: list[int] = []
    for _, is_label, child, lines in elements:
        if not is_label:
            if fields is not None:
                if fields.is_card:
                    yield tasks, fields, taken
                fields = None
            if child is not None:
                pending.extend(task_items(child) if child.children else [_item(lines, child)])
            else:
                pending.append(_item(lines, section))
            continue
        if fields is None:
            fields, taken = CardFields(), []
            if pending and section.children:
                tasks = pending
            else:  # a numbered task with its description: the section is the one task
                heading = Line(section.heading.start, section.heading.end, section.heading.text)
                tasks = [_item([heading] + [ln for it in pending for ln in _lines_in(section, it)], section)]
            taken += [it.start for it in tasks]
            pending = []
        for line in lines:
            if is_label_line(line.text):
                read_labels(line.text, line.start, fields)
            taken.append(line.start)
    if fields is not None and fields.is_card:
        yield tasks, fields, taken


def _lines_in(section: Section, item: _Item) -> list[Line]:
    return [ln for ln in section.body_lines if item.start <= ln.start < item.end]


def _card_rows(structure: DocumentStructure, doc_id: str, year: Optional[int],
               normalized: Optional[NormalizedText]) -> tuple[list[AssignmentRow], set[int]]:
    """One row per task of each task card, its lead, partners, deadline and product read from the labels."""
    rows: list[AssignmentRow] = []
    taken: set[int] = set()
    for part in structure.parts:
        for root in part.sections:
            for section in root.walk():
                if is_label_line(section.heading.text):
                    continue
                for tasks, fields, starts in _task_cards(section):
                    lead_text = fields.get("lead")
                    leads = split_person_names(lead_text) or _cell_units(lead_text)
                    if not leads:
                        continue
                    taken.update(starts)
                    support_text = fields.get("support")
                    card_support = [s for s in _cell_units(support_text) if not is_untyped_partner(s)] \
                        if support_text else []
                    deadline = normalize_deadline(fields.get("deadline"), year) if fields.get("deadline") else None
                    for item in tasks:
                        row = _prose_row("duty", item.text, item.start, item.end, item.section, leads, lead_text,
                                         structure, doc_id, year, normalized, {}, deadline)
                        row.support = [s for s in dict.fromkeys(card_support + row.support) if s not in leads]
                        row.support_raw = ([support_text] if support_text else []) + row.support_raw
                        row.output = fields.get("output")
                        rows.append(row)
    return rows, taken


def _resolve_standing(names: list[str], standing: dict[str, str]) -> list[str]:
    """`Cơ quan thường trực của Ban Chỉ đạo` is the unit the document made it."""
    out = []
    for name in names:
        if re.match(r"(?i)cơ quan thường trực", name) and "cơ quan thường trực" in standing:
            name = standing["cơ quan thường trực"]
        if name not in out:
            out.append(name)
    return out


def _loose_paragraphs(part, intros: bool = False) -> Iterator[_Item]:
    """Paragraphs of a part that stand outside every numbered section (lead-ins too, if asked)."""
    spans = [(root.start, root.end) for root in part.sections]
    loose = [ln for ln in part.lines if "\t" not in ln.text and not any(a <= ln.start <= b for a, b in spans)]
    holder = Section("part", part.name, Line(part.start, part.start, ""), part.start, part.end, -1)
    for group in _paragraphs(loose):
        if intros or not _is_intro(group[-1].text):
            yield _item(group, holder)
        elif (before := _before_lead_in(_item(group, holder))) is not None:
            yield before


def extract_assignments(structure: DocumentStructure, doc_id: str, year: Optional[int] = None,
                        normalized: Optional[NormalizedText] = None,
                        standing: Optional[dict[str, str]] = None) -> list[AssignmentRow]:
    standing = standing or {}
    rows: list[AssignmentRow] = []
    for table in structure.tables:
        rows.extend(_rows_of_table(table, structure, doc_id, year, normalized))
    card_rows, covered = _card_rows(structure, doc_id, year, normalized)
    rows.extend(card_rows)

    def row(kind, text, start, end, section, leads, lead_raw, given_support=([], [])):
        rows.append(_prose_row(kind, text, start, end, section, _resolve_standing(leads, standing), lead_raw,
                               structure, doc_id, year, normalized, standing, given_support=given_support))
        return rows[-1]

    def is_duty_root(section: Section) -> bool:
        if section.kind in GROUPING_KINDS or _in_excluded_section(section) or is_member_list(section):
            return False
        named = heading_units(section)
        if named is None or GENERIC_BODIES.match(fold(named[1])):
            return False  # `Trách nhiệm của các cơ quan, đơn vị:`: each item names its own unit, or none
        # an article's own paragraphs are its unit's duties when its title says so (`Điều 25. Trách nhiệm Thanh tra
        # tỉnh`), not when it tells what the unit is (`Điều 2. Chức năng của Ban Chỉ đạo`)
        return section.kind != "article" or bool(section.children) or bool(
            section.body_lines and re.match(r"(?:Trách nhiệm|Nhiệm vụ)\b", _strip_marker(section.heading.text)))

    def directives_of(item: _Item) -> tuple[str, int, bool]:
        """One row per clause that names its subject; a clause with none, or the same one, goes on the task before."""
        by_lead: dict[tuple[str, ...], AssignmentRow] = {}
        last: Optional[AssignmentRow] = None
        text = _strip_marker(item.text)
        offset = item.start + item.text.index(text) if text else item.start
        for s_start, s_end, opens in _sentences(text):
            sentence = text[s_start:s_end]
            # a clause after `;` has its own subject only where the unit reader knows it
            found = _directive_leads(sentence, gives_tasks and opens, intros=gives_tasks,
                                     inner_triggers=opens or last is None)
            key = tuple(fold(n) for n in _resolve_standing(found[0], standing)) if found else None
            if key in by_lead or (not found and last is not None):
                # the same subject again, or a clause with none: more of the task before, read again whole
                earlier = by_lead[key] if found else last
                longer = _prose_row("directive", earlier.task + " " + sentence, earlier.start, offset + s_end,
                                    item.section, earlier.lead, earlier.lead_raw, structure, doc_id, year,
                                    normalized, standing)
                rows[rows.index(earlier)] = longer
                by_lead = {k: longer if v is earlier else v for k, v in by_lead.items()}
                last = longer
                continue
            if found:
                at = sentence.find(found[1])
                if at > 0 and sentence[:at].rstrip().endswith(":"):
                    s_start += at  # `Thẩm quyền đánh giá: Trưởng các Ban đánh giá ...`: the task opens with its unit
                by_lead[key] = last = row("directive", _addressed_task(sentence, at, found[2]) or text[s_start:s_end],
                                          offset + s_start, offset + s_end, item.section, found[0], found[1])
        return text, offset, bool(by_lead)

    # a report, a submission or minutes tell what others did: only their explicit
    # directives (`giao`, `đề nghị`, a known unit and its task verb) are this document's
    kind_line = doc_type_line_kind(structure.header.doc_type_line.text) if structure.header.doc_type_line else None
    gives_tasks = kind_line not in ("BÁO CÁO", "TỜ TRÌNH", "BIÊN BẢN")
    for part in structure.parts:
        for root in part.sections:
            for section in root.walk():
                if not is_duty_root(section):
                    continue
                leads, lead_raw = heading_units(section)
                for item in task_items(section, skip=lambda s, top=section: s is not top and is_duty_root(s),
                                       heading_is_title=True):
                    if item.start in covered or CLOSING_FORMULA.search(item.text) or MEMBER_ENTRY.match(item.text) \
                            or not re.search(r"[^\W\d_]", _strip_marker(item.text)) or NOTE.fullmatch(item.text.strip()):
                        continue
                    covered.add(item.start)
                    own = _own_unit(item)
                    if own:
                        row("duty", own[2], item.start, item.end, item.section, own[0], own[1])
                    elif (opening := _opening_units(item)) and not set(opening[0]) <= set(leads):
                        # others than the heading's: `b) Sở Tài chính chủ trì ...` under `Trách nhiệm của các cơ quan:`,
                        # each clause with its own subject
                        if not directives_of(item)[2]:
                            row("directive", item.text, item.start, item.end, item.section, *opening)
                    elif opening and set(opening[0]) < set(leads):
                        # some of the heading's units alone: `- Phòng Văn hóa - Xã hội chủ trì ...` under
                        # `3. Phòng Văn hóa - Xã hội; Trung tâm Văn hóa, Thông tin và Thể thao:`
                        row("duty", item.text, item.start, item.end, item.section, *opening,
                            _support_of_lead_ins(item, section, opening[0]))
                    else:
                        row("duty", item.text, item.start, item.end, item.section, leads, lead_raw,
                            _support_of_lead_ins(item, section, leads))

        items = list(_loose_paragraphs(part))
        for root in part.sections:
            items.extend(task_items(root))
        carried = _lead_ins(part, gives_tasks)
        for item in sorted(items, key=lambda it: it.start):
            if item.start in covered or _in_excluded_section(item.section) or _under_duty_root(item, is_duty_root) \
                    or NOTE.fullmatch(item.text.strip()):
                continue
            own = _own_unit(item) if gives_tasks else None
            if own and CLOSING_FORMULA.search(own[2]):
                continue  # `Chánh Văn phòng; Giám đốc các Sở: Xây dựng, Tài chính ... chịu trách nhiệm thi hành`
            if own:  # `3. Phòng Quản lý Thương mại: Phối hợp thực hiện ...`
                row("duty", own[2], item.start, item.end, item.section, own[0], own[1])
                continue
            text, offset, found_any = directives_of(item)
            if not found_any and item.start in carried and text and next(_sentences(text), None) \
                    and not CITED_ENTRY.match(text):
                # an item of a list its lead-in gave to a unit (unless all its sentences close the letter,
                # or the list names the texts to study: `- Nghị định số 24/2026/NĐ-CP ngày ... quy định ...`)
                row("directive", text, offset, item.end, item.section, *carried[item.start])

    _apply_list_deadlines(structure, rows, year)
    _spell_out_local_acronyms(rows, structure.text)
    for i, assignment in enumerate(rows, start=1):
        assignment.assignment_id = f"{doc_id}-a{i:03d}"
        # a name read over a hard-wrapped line is one line: `chính\nquyền địa phương` (the raw keeps the break)
        assignment.lead = [" ".join(name.split()) for name in assignment.lead]
        assignment.support = [" ".join(name.split()) for name in assignment.support]
    return rows


# a sentence that only sets the time of the tasks above it: `Thời hạn xử lý ... hoàn thành trước ngày 31 tháng 12 năm 2026.`
DEADLINE_STATEMENT = re.compile(r"^(?:Thời hạn|Thời gian(?!\s+(?:qua|vừa qua|gần đây|tới)\b))\b[^:]*$")  # not `Thời gian qua, ...`


def _apply_list_deadlines(structure: DocumentStructure, rows: list[AssignmentRow], year: Optional[int]) -> None:
    """A deadline sentence closing a section bounds the tasks above it that state no time of their
    own; closing its parent's last item, it closes that whole list (a paragraph has no indent to say
    which level it belongs to, and the list is what it ends)."""
    for part in structure.parts:
        for root in part.sections:
            for section in root.walk():
                groups = _paragraphs(section.body_lines)
                for group in groups:
                    text = " ".join(ln.text for ln in group)
                    if not DEADLINE_STATEMENT.match(text):
                        continue
                    deadline = deadline_in_prose(text, year)
                    if not (deadline.due_date or deadline.recurrence):
                        continue
                    closes_list = section.parent is not None and section is section.parent.children[-1] \
                        and group is groups[-1]
                    scope = section.parent if closes_list else section
                    for row in rows:
                        if scope.start <= row.start < group[0].start and not (
                                row.due_date or row.recurrence or row.ongoing):
                            row.deadline_raw, row.due_date, row.recurrence = deadline.raw, deadline.due_date, \
                                deadline.recurrence
                            row.recurrence_extra = deadline.extra


def _support_of_lead_ins(item: _Item, root: Section, leads: list[str]) -> tuple[list[str], list[str]]:
    """The units a lead-in above the item, under its duty heading, gives as partners to every
    item of its list: `đ) Phối hợp với các Bộ, ngành liên quan chỉ đạo, hướng dẫn triển khai:`."""
    names: list[str] = []
    raws: list[str] = []
    section: Optional[Section] = item.section
    while section is not None and section is not root:
        heading = section.heading.text.strip()
        if heading.endswith(":") and item.start > section.heading.end:
            found, raw = _support(_strip_marker(heading), leads)
            names, raws = found + names, raw + raws
        section = section.parent
    return names, raws


LIST_KINDS = {"number", "letter", "bullet", "plus"}
# a lead-in that gives the tasks below it to a unit by name: `Giao phòng X thực hiện các công việc liên quan:`
ASKS = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s")
# a lead-in that announces tasks: `... triển khai các nội dung sau:`, `... nhiệm vụ sau đây:`, `Cụ thể:`
TASKS_FOLLOW = re.compile(r"(?:(?:nội dung|nhiệm vụ|công việc|việc|biện pháp|giải pháp|yêu cầu|hoạt động)\b[^:]{0,60}?"
                          r"(?:sau(?:\s+đây)?|như sau)|cụ thể(?:\s+như sau)?|có trách nhiệm|có nhiệm vụ)\s*:\s*$",
                          re.IGNORECASE)


# `HĐND huyện tổ chức cuộc họp ..., cụ thể như sau:`, `Sở X tổ chức buổi kiểm tra ... nội dung sau:`: what follows
# is the event (who, when, where), not tasks
EVENT_HELD = re.compile(r"\s*(?:tổ chức|triệu tập|tiến hành)\s+(?:(?:cuộc|buổi)\s|"
                        r"(?:họp|hội nghị|hội thảo|tọa đàm|kỳ họp|lễ|gặp mặt)\b)")
# `Sở X đề xuất Bộ Y một số nội dung sau:`: the items are what Bộ Y is asked to do
PROPOSED_TO = re.compile(r"\s*(?:đề xuất|kiến nghị)\s+(?:với\s+)?")


def _asks_for_tasks(text: str) -> bool:
    """Does this lead-in announce tasks (`... các nội dung sau:`) or ask for them (`Đề nghị X ...:`)?"""
    return bool(TASKS_FOLLOW.search(text) or (_is_intro(text) and ASKS.match(_strip_marker(text))))


def _lead_ins(part, open_subjects: bool) -> dict[int, tuple[list[str], str]]:
    """Items under a lead-in that names who does them (`Đề nghị UBND các xã thực hiện các nội dung
    sau:`), by their start: the items of a section whose heading is the lead-in, and the list of
    sections right after a paragraph that is one (at the top of a part or in a section's body)."""
    carried: dict[int, tuple[list[str], str]] = {}

    def leads_of(text: str) -> Optional[tuple[list[str], str]]:
        text = _strip_marker(text)
        found = _directive_leads(text, open_subjects) if _asks_for_tasks(text) else None
        if not found or EVENT_HELD.match(text, found[2]):
            return None
        proposed = PROPOSED_TO.match(text, found[2])
        addressees = read_units(text, proposed.end()) if proposed else []
        names = unit_names(addressees)
        return (names, text[addressees[0].start: addressees[-1].end]) if names else (found[0], found[1])

    def carry_below(paragraphs: list[_Item], children: list[Section]) -> None:
        for intro in paragraphs:
            given = leads_of(intro.text)
            if not given:
                continue
            following = [c for c in children if c.start > intro.start]
            kind = following[0].kind if following else None
            for child in following:
                titled = child.body_lines and len(child.heading.text.split()) <= 10 and \
                    not child.heading.text.rstrip().endswith((".", ";", ":"))  # `3. Tổ chức thực hiện`
                if child.kind != kind or kind not in LIST_KINDS or titled:
                    break
                for item in task_items(child):
                    carried.setdefault(item.start, given)

    carry_below(list(_loose_paragraphs(part, intros=True)), part.sections)
    for root in part.sections:
        for section in root.walk():
            given = leads_of(section.heading.text)
            if given:
                for item in task_items(section):
                    carried.setdefault(item.start, given)
                if not section.children and not section.body_lines:
                    # `1. Giao phòng X thực hiện các công việc liên quan:` then `2. ...`, `3. ...`:
                    # a childless item that is a lead-in gives its units to the items numbered after it
                    siblings = section.parent.children if section.parent else part.sections
                    carry_below([_Item(section.start, section.end, section.heading.text, section)],
                                siblings[siblings.index(section) + 1:])
            carry_below([_item(group, section) for group in _paragraphs(section.body_lines)], section.children)
    return carried


def _spell_out_local_acronyms(rows: list[AssignmentRow], text: str) -> None:
    """`Tổ kiểm tra trật tự VMĐT` -> `Tổ kiểm tra trật tự văn minh đô thị`, as the document writes it out."""
    acronyms = {a for r in rows for name in r.lead + r.support for a in ACRONYM.findall(name)}
    table = local_abbreviations(text, acronyms) if acronyms else {}
    if not table:
        return
    spell = expander(table)
    for r in rows:
        r.lead = list(dict.fromkeys(spell(n) for n in r.lead))
        r.support = list(dict.fromkeys(spell(n) for n in r.support))


def _under_duty_root(item: _Item, is_duty_root) -> bool:
    node: Optional[Section] = item.section
    while node is not None:
        if node.kind != "part" and is_duty_root(node):
            return True
        node = node.parent
    return False
