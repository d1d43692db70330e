"""Units: one canonical name per unit, whatever the spelling.

`Phòng Văn hóa Xã hội`, `phòng VHXH`, `phòng Văn hóa - Xã hội phường` are all
`Phòng Văn hóa - Xã hội`; `Văn phòng HĐND & UBND phường` and `Văn phòng Hội
đồng nhân dân và Ủy ban nhân dân phường` are `Văn phòng HĐND và UBND phường`.
Known units come from the alias table below; other unit phrases are cleaned
(leading `các`/`giao`, trailing `trên địa bàn`, `liên quan`) and matched with
rapidfuzz against the names already known, so variants of one new unit still
fold together. Group phrases (`Các phòng, đơn vị thuộc phường`) are one unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz, process

from extractors.abbreviations import spelled_out
from extractors.gazetteer import PROVINCES, body_at
from pipeline.vntext import fold, wrapping

# canonical name -> patterns over the folded (case-folded, NFC, one tone placement) phrase
CANONICAL_UNITS: list[tuple[str, str]] = [
    ("Các phòng, đơn vị thuộc phường",
     r"(?:thủ trưởng\s+)?các phòng(?:\s+quản lý nhà nước)?(?:\s+thuộc phường)?,?\s*(?:ban,\s*)?(?:các\s+)?(?:cơ quan,\s*)?"
     r"đơn vị(?:\s+thuộc\s+(?:ubnd\s+|ủy ban nhân dân\s+)?phường)?"
     r"|các phòng quản lý nhà nước(?:\s+thuộc phường)?"
     r"|các cơ quan,\s*đơn vị thuộc\s+(?:ubnd\s+|ủy ban nhân dân\s+)?phường"
     r"|thủ trưởng các (?:cơ quan,\s*)?đơn vị"),
    ("Các cơ quan, đơn vị", r"các cơ quan,\s*đơn vị"),
    ("Phòng Văn hóa - Xã hội", r"phòng\s+(?:văn hóa\s*[-–]?\s*xã hội|vh\s*[-–]?\s*xh)(?:\s+phường)?"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị",
     r"phòng\s+(?:kinh tế,?\s*hạ tầng\s*(?:và|&)\s*đô thị|kt,?\s*ht\s*(?:và|&)\s*đt|kthtđt)(?:\s+phường)?"),
    ("Văn phòng HĐND và UBND phường",
     r"văn phòng\s*(?:hđnd|hội đồng nhân dân)\s*(?:và|&|[-–])\s*(?:ubnd|ủy ban nhân dân)(?:\s+phường)?"),
    ("Công an phường", r"công an phường"),
    ("Trung tâm Phục vụ hành chính công", r"trung tâm phục vụ hành chính công(?:\s+phường)?"),
    ("Trung tâm Dịch vụ công", r"trung tâm dịch vụ công(?:\s+phường)?"),
    ("Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội phường",
     r"(?:ủy ban\s+)?mặt trận tổ quốc(?:\s+việt nam)?(?:\s+phường)?\s+và các (?:tổ chức,?\s*)?(?:đoàn thể|"
     r"chính trị\s*[-–]\s*xã hội)(?:\s+phường)?|ubmttqvn và các đoàn thể(?:\s+phường)?"),
    ("Ban Chỉ đạo", r"ban chỉ đạo"),
    ("Trưởng Ban Chỉ đạo", r"trưởng ban chỉ đạo"),
    ("Phó Trưởng Ban Thường trực", r"phó trưởng ban thường trực(?:\s+ban chỉ đạo)?"),
    ("Các Phó Trưởng Ban Chỉ đạo", r"(?:các\s+)?phó trưởng ban chỉ đạo"),
    ("Thành viên Ban Chỉ đạo", r"(?:các\s+)?thành viên ban chỉ đạo"),
    ("Các Tổ Công tác", r"các tổ công tác(?:\s+giúp việc(?:\s+(?:của\s+)?ban chỉ đạo)?|\s+của ban chỉ đạo)?"),
    ("Tổ Giúp việc", r"tổ giúp việc(?:\s+(?:của\s+)?ban chỉ đạo)?"),
    ("Các tổ dân phố", r"các tổ dân phố(?:\s+trên địa bàn)?"),
]
_COMPILED = [(name, re.compile(rf"^(?:{pattern})$")) for name, pattern in CANONICAL_UNITS]
_PREFIX = [(name, re.compile(rf"^(?:{pattern})(?=$|[\s,;.:)])")) for name, pattern in CANONICAL_UNITS]

# `Thuế tỉnh` is the tax office (since 2025); `Thuế thu nhập cá nhân`, `thuế suất` are taxes
_A_TAX = r"(?!\s+(?:thu nhập|giá trị|tiêu thụ|xuất|nhập|bảo vệ|tài nguyên|sử dụng|thu|suất|môn bài)\b)"

# the head nouns of public bodies, as a list of units spells them
# (not the words they open: `Trường hợp`, `Tổ chức`, `Ban hành`, `Báo cáo`, `Bộ máy`)
BODY_HEADS = (r"(?:Sở|Bộ(?!\s+(?:máy|tiêu chí|chỉ số|hồ sơ)\b)|Ban(?!\s+(?:hành|đầu)\b)|Phòng(?!\s+(?:họp|làm việc)\b)|Văn phòng|Cục|Chi cục|Tổng cục|"
              r"Vụ(?!\s+việc\b)|Viện|Trung tâm|Ủy ban|UBND|HĐND|Hội đồng|Hội|"
              r"Công an|Đảng ủy|Mặt trận|UBMTTQ\w*|UB MTTQ\w*|Đoàn|Tổ(?!\s+chức\b)|Liên đoàn|Kho bạc|Thanh tra|Bảo hiểm|"
              r"Ngân hàng|Đài|Báo(?!\s+cáo\b)|Trường(?!\s+hợp\b)|Bệnh viện|Chi nhánh|Công ty|Tập đoàn|Tổng công ty|Quỹ|"
              rf"Thuế{_A_TAX}|Thống kê(?=\s+(?:tỉnh|thành phố)\b)|Bộ Chỉ huy|Ban Chỉ huy)")

# deputies of an assembly, who are given tasks as a body is: `đại biểu Quốc hội thành phố Đà Nẵng`
DEPUTIES = r"(?i:đại biểu\s+(?:quốc hội|hội đồng nhân dân|hđnd))\b"

# What can start a unit phrase, and words that end one (the verb of the task).
UNIT_HEAD = re.compile(
    r"^(?:các\s+)?(?:đồng chí\s+)?(?:phòng(?!\s+(?:họp|làm việc)\b)|văn phòng|công an|trung tâm|ủy ban|ban(?!\s+(?:hành|đầu)\b)|tổ(?!\s+chức\b)|hội|đoàn|chi cục|sở|cơ quan|"
    r"đơn vị|thành viên|trưởng|phó|mặt trận|ubmttq|ub mttq|ubnd|hđnd|đảng ủy|chi bộ|trường(?!\s+hợp)|trạm|bộ phận|"
    r"(?:tổng\s+)?cục|chi nhánh|viện|bộ(?!\s+(?:máy|phận|tiêu chí|chỉ số))|"
    rf"thuế{_A_TAX}|thống kê(?=\s+(?:tỉnh|thành phố)\b)|kho bạc|thanh tra(?!\s+(?:việc|các))|"
    r"bảo hiểm|ngân hàng|đài|báo(?!\s+cáo)|bệnh viện|(?:tổng\s+)?công ty|tập đoàn|quỹ|liên đoàn|chính quyền|"
    r"giám đốc|tổng giám đốc|chủ tịch|chánh văn phòng|chánh thanh tra|thủ trưởng|cục trưởng|vụ trưởng|viện trưởng|"
    r"bí thư|thư ký|chuyên viên|công chức)\b"
    rf"|^{DEPUTIES}"
)
# the verbs a unit is given a task with; they also end the unit's name
_ACTION_VERBS = ("chủ trì|phối hợp|thực hiện|tham mưu|tổng hợp|rà soát|triển khai|có trách nhiệm|có nhiệm vụ|chủ động|"
                 "khẩn trương|tổ chức|(?<!đầu\\stư\\s)xây dựng|theo dõi|hướng dẫn|kiểm tra|báo cáo|"
                 "(?<!công\\s)trình|cung cấp|tuyên truyền|đảm bảo|"  # `đầu tư xây dựng`, `công trình` are nouns
                 "bảo đảm|ban hành|tham gia|hoàn thành|tăng cường|đôn đốc|giám sát|thẩm định|thẩm tra|có ý kiến|bố trí|"
                 "chuẩn bị|chịu trách nhiệm|đánh giá|nghiên cứu|thông báo|đề xuất|hoàn thiện|cập nhật|họp|điều tra|"
                 "ngăn chặn|đẩy nhanh|xác định|giải quyết|vận hành|khảo sát|công bố|thành lập|huy động|trưng tập|"
                 "lập(?=\\s+(?:hồ sơ|quy hoạch|kế hoạch|danh sách|danh mục|dự toán|đề án|phương án|biên bản|báo cáo))|"
                 r"(?<!ban\s)chỉ đạo")  # `UBND tỉnh chỉ đạo ...`, not `ban chỉ đạo`
# `tập trung` is a verb before another (`tập trung triển khai`); after the nouns it most often qualifies
# (`đơn vị mua sắm tập trung`, `khu công nghiệp tập trung`) it is part of the name
TASK_VERBS = _ACTION_VERBS + "|(?<!sắm\\s)(?<!nghiệp\\s)(?<!khu\\s)tập trung(?=\\s+(?:" + _ACTION_VERBS + "))"
# the words that end a unit phrase: a task verb, a preposition, a modal, a report's past
UNIT_END_VERBS = (TASK_VERBS + "|tiếp tục|có văn bản|được|làm|là|để|nhằm|trong|theo|về|với|tại|quán triệt|đề nghị|"
                  "giao(?!\\s+(?:thông|dịch|lưu|thương|tiếp))|yêu cầu|"
                  "căn cứ|tiếp nhận|xử lý|nắm bắt|có quyền|tiến hành|có tờ trình|có công văn|có báo cáo|sẽ|cần|phải|"
                  "đã|đang|vừa|"
                  "có thẩm quyền(?=\\s+và\\s)|quyết định(?!\\s+số)|quy định|công nhận|đình chỉ|điều chỉnh|ra(?=\\s+(?:quyết định|thông báo|văn bản))|"
                  "thu hồi|xem xét|phê duyệt|lấy ý kiến|trả lời|(?<!giáo\\sdục\\s)thường xuyên|phát động|có thể|mời|"
                  "chú trọng|nghiêm túc|sớm|(?<![Bb]an\\s)lãnh đạo(?!\\s+(?:sở|ban|phòng|ủy ban|đơn vị))|"
                  r"(?<![Hh]àng\s)không|"  # `Cục Hàng không` is a name
                  # after a name closed by its place it is the verb (`Ban Tổ chức Tỉnh ủy quản lý ...`); elsewhere
                  # it is part of the name (`Cục Cảnh sát quản lý hành chính`, `Ban quản lý dự án`)
                  r"(?:(?<=[Tt]ỉnh\s)|(?<=[Ủủ]y\s)|(?<=xã\s)|(?<=phường\s)|(?<=huyện\s))(?<!do\scấp\sxã\s)quản lý|"
                  r"(?<!quan\s)(?<!quyền\s)cấp(?=\s+(?:giấy|lại|phép|mới|đổi|chứng))")  # `Cơ quan cấp giấy phép` is a name
# a join (or a word that needs one more) a name cannot end with: `Cơ quan thường vụ của | tổ chức ...`
DANGLING_JOIN = re.compile(r"\s+(?:và|hoặc|nhưng|của|các|có|được|cho|để)\s*$")
UNIT_END = re.compile(
    rf"(?<!việc)\s+(?:{wrapping(UNIT_END_VERBS)})\b|[,;.:(]"  # `liên quan đến việc thực hiện`: a noun, no verb
    rf"|\s+và\s+(?=(?:các|những|một số)\s|(?i:{BODY_HEADS})\b|{DEPUTIES})"
    # the object of `đề nghị X` that follows the unit: `đề nghị UBND tỉnh một số nội dung sau`
    r"|\s+(?=(?:các|những|một số)\s+(?:nội dung|nhiệm vụ|công việc|việc|vấn đề|biện pháp|giải pháp)\b)"
)
GENERIC_DROP = re.compile(r"^(?:các\s+)?(?:cơ quan(?:,\s*|\s+))?(?:đơn vị|cơ quan|ngành)(?:\s+liên quan|\s+có liên quan)$"
                          r"|^(?:cơ quan|đơn vị|ngành)(?:\s+(?:chủ trì|phối hợp))?$")
# a group phrase: `các sở, ban, ngành`, `các bộ, cơ quan ngang bộ`, `các xã, phường` (its members lowercase)
GROUP_MEMBER = (r"(?:sở|bộ|ban ngành|ban|ngành|cơ quan ngang bộ|cơ quan thuộc chính phủ|cơ quan|đơn vị|địa phương|"
                r"đoàn thể|hội|phòng|xã|phường|thị trấn|đặc khu|thôn làng|thôn|tổ dân phố|xóm|bản|làng|tỉnh|thành phố|"
                r"huyện|quận|thị xã|doanh nghiệp|tổ chức|cơ sở)(?!\w)")
# after `và`, `các đơn vị (liên quan)` is an untyped partner of its own, not one more member
_TYPED_MEMBER = rf"(?!các\s+(?:đơn vị|cơ quan|tổ chức|địa phương)(?!\w))(?:các\s+)?{GROUP_MEMBER}"
_GROUP_WHERE = r"\s+thuộc\s+(?:tỉnh|thành phố|xã|phường|sở|bộ)(?!\w)|\s+trong tỉnh(?!\w)"
GROUP_PHRASE = re.compile(
    rf"(?:các|những|một số)\s+{GROUP_MEMBER}(?:(?:(?:\s*,\s*|\s+){GROUP_MEMBER}|\s+và\s+{_TYPED_MEMBER})+"
    rf"(?:\s+khác)?(?:\s+(?:có\s+)?liên quan(?:\s+khác)?(?!\w)|{_GROUP_WHERE})?|(?:\s+khác)?\s+(?:có\s+)?liên quan(?:\s+khác)?(?!\w))"
)
# a group named without its determiner, as a list of two or more members (`Bộ, ngành`, `sở ngành liên quan`)
BARE_GROUP = re.compile(rf"{GROUP_MEMBER}(?:(?:\s*,\s*|\s+và\s+|\s+){GROUP_MEMBER})+"
                        rf"(?:\s+khác)?(?:\s+(?:có\s+)?liên quan(?:\s+khác)?(?!\w))?")
# the members that continue `Ủy ban nhân dân các xã` as `Ủy ban nhân dân các xã, phường`
GROUP_TAIL = re.compile(rf"(?:\s*,\s*{GROUP_MEMBER}|\s+và\s+{GROUP_MEMBER})+")
# a unit of the smallest places, then more kinds of them in small letters: `Ban lãnh đạo thôn, tổ dân phố`
_SETTLEMENT = r"(?:thôn|tổ dân phố|xóm|bản|làng|khu phố|ấp)"
SETTLEMENT_END = re.compile(rf"\s{_SETTLEMENT}$")
SETTLEMENT_TAIL = re.compile(rf"(?:\s*,\s*{_SETTLEMENT}(?!\w))+")


def canonical_unit(phrase: str) -> Optional[str]:
    """The canonical name of one unit phrase, or None for a generic 'các đơn vị liên quan'."""
    cleaned = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*]+", "", phrase)
    cleaned = re.sub(r"^\s*(?:giao|đề nghị|yêu cầu)\s+", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"^\s*(?:các\s+)?đồng chí\s+", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s*\((?:điều|khoản)[^)]*\)\s*$", "", cleaned, flags=re.IGNORECASE)
    cleaned = cleaned.strip(" ,;.:-")
    key = fold(cleaned)
    if not key or GENERIC_DROP.match(key):
        return None
    for name, pattern in _COMPILED:
        if pattern.match(key):
            return name
    cleaned = re.sub(r",\s*(?:các\s+)?(?:cơ quan|đơn vị|tổ chức)\s+(?:có\s+)?liên quan$", "", cleaned, flags=re.IGNORECASE)
    group = as_group(cleaned)
    if group:
        return group
    cleaned = re.sub(r"\s+trên địa bàn(?:\s+phường)?$", "", cleaned, flags=re.IGNORECASE)
    return spelled_out(cleaned[:1].upper() + cleaned[1:])


def as_group(phrase: str) -> Optional[str]:
    """The group's name when the phrase is a group (`các sở, ngành`; `Bộ, ngành liên quan`, with
    no `các` before it), else None."""
    phrase = phrase.strip(" ,;.:-")
    if GROUP_PHRASE.fullmatch(fold(phrase)):
        return group_name(phrase)
    if BARE_GROUP.fullmatch(fold(phrase)):
        return group_name(f"các {phrase}")
    return None


def group_name(phrase: str) -> str:
    """A province's departments and sectors are one standard collective, whatever qualifies them
    (`các Sở, ngành liên quan`, `các sở, ban ngành và địa phương` -> `Các Sở, ban, ngành`,
    `Các sở, ban, ngành, địa phương`). Every other group has no standard name and keeps the
    document's words (`Các Bộ, ngành và địa phương liên quan`)."""
    m = re.match(r"^(?P<det>\S+)\s+(?P<members>.*?)(?P<tail>(?:\s+khác)?(?:\s+(?:có\s+)?liên quan(?:\s+khác)?|"
                 r"\s+thuộc\s+\S.*|\s+trong tỉnh)?)$", phrase, re.IGNORECASE)
    det = m.group("det")
    det = f"{det[:1].upper()}{det[1:]}"
    members = [w for w in re.split(r"\s*,\s*|\s+và\s+(?:các\s+)?|(?:(?<=ban)|(?<=sở)|(?<=bộ))\s+(?=ngành)",
                                   m.group("members"), flags=re.IGNORECASE) if w]
    folded = [fold(w) for w in members]
    if not ("sở" in folded and "ngành" in folded):
        return " ".join(f"{det} {m.group('members')}{m.group('tail')}".split())
    if "ban" not in folded:
        members.insert(folded.index("sở") + 1, "ban")
    tail = re.sub(r"^(?:\s+khác)?\s+(?:có\s+)?liên quan(?:\s+khác)?$", "", m.group("tail"), flags=re.IGNORECASE)
    return f"{det} {', '.join(members)}{tail}"


UNTYPED = re.compile(r"^(?:các\s+)?(?:cơ quan|đơn vị|địa phương|tổ chức)(?:(?:\s*,\s*|\s+và\s+|\s+)(?:các\s+)?"
                     r"(?:cơ quan|đơn vị|địa phương|tổ chức|cá nhân))*(?:\s+(?:có\s+)?liên quan)?$"
                     r"|^(?:các\s+)?cơ quan (?:chức năng|(?:quản lý\s+)?nhà nước)(?:\s+(?:có\s+)?liên quan)?$")


def is_untyped_partner(name: str) -> bool:
    """`Các cơ quan, đơn vị, địa phương liên quan`, `các địa phương`: a partner of no named kind, kept in
    `support_raw` only (`Các cơ quan, đơn vị`, with nothing after it, names the bodies of the issuer)."""
    key = fold(name)
    return bool(UNTYPED.match(key)) and ("liên quan" in key or "địa phương" in key or "chức năng" in key)


def is_known_unit(phrase: str) -> bool:
    """Is this one of the units the table above names (its whole phrase)?"""
    key = fold(phrase.strip(" ,;.:-"))
    return any(pattern.match(key) for _, pattern in _COMPILED)


def _known_prefix(folded: str) -> Optional[tuple[str, int]]:
    best = None
    for name, pattern in _PREFIX:
        m = pattern.match(folded)
        if m and (best is None or m.end() > best[1]):
            best = (name, m.end())
    return best


@dataclass
class UnitSpan:
    raw: str
    name: Optional[str]
    start: int  # within the text given
    end: int


def read_units(text: str, start: int = 0) -> list[UnitSpan]:
    """Unit names listed from `start`: `phòng A, phòng B và Công an phường ...`,
    stopping at the first word that is not part of a unit list."""
    units: list[UnitSpan] = []
    pos = start
    while pos < len(text):
        apposition = APPOSITION.match(text, pos) if units else None
        if apposition:  # `Bộ Nội vụ, cơ quan thường trực của Ban Chỉ đạo`: what the unit is, no unit of its own
            stop = UNIT_END.search(text, apposition.end())
            while stop and stop.group(0).strip() in (",", "và"):  # `..., cơ quan thường trực của A, B`
                stop = UNIT_END.search(text, stop.end())
            end = stop.start() if stop else len(text)
            units[-1] = UnitSpan(units[-1].raw, units[-1].name, units[-1].start, end)
            pos = end
            continue
        m = re.match(r"(?:\s*(?:,|và|&|;)\s*|\s+)?(?:với\s+)?", text[pos:])
        at = pos + (m.end() if m else 0)
        rest = text[at:]
        folded = fold(rest)
        if len(folded) != len(rest):  # fold changed lengths (rare): fall back to a generic read
            folded = rest.casefold()
        known = _known_prefix(folded)
        group = GROUP_PHRASE.match(folded)
        if known and group and group.end() > known[1]:
            known = None  # `các cơ quan, đơn vị, địa phương liên quan` is longer than the known `các cơ quan, đơn vị`
        if known:
            name, length = known
            # a proper name after a ward-relative unit belongs to it: "Công an phường Hải An"
            tail = re.match(r"(?:\s+[A-ZĐ\u00c0-\u1ef9][^\s,;.()]*)*", rest[length:])
            if tail and all(w[:1].isupper() for w in tail.group(0).split()):
                length += tail.end()
            units.append(UnitSpan(rest[:length], name, at, at + length))
            pos = at + length
            continue
        if group:
            units.append(UnitSpan(rest[:group.end()], canonical_unit(rest[:group.end()]), at, at + group.end()))
            pos = at + group.end()
            if not (re.match(r"\s*(?:,|và)\s", rest[group.end():]) and UNIT_HEAD.match(
                    re.sub(r"^\s*(?:,|và)\s*", "", folded[group.end():]))):
                break
            continue
        named = body_at(rest)  # `Chính phủ`, `Bộ Văn hóa, Thể thao và Du lịch`: the gazetteer knows its extent
        if not named and not UNIT_HEAD.match(folded):
            break
        team = TEAM_NAME.match(folded)
        end = UNIT_END.search(rest, named.end if named else team.end() if team else 3)
        if named and not _name_goes_on(rest[named.end:]):
            end = NAME_ENDS.search(rest, named.end)  # `Bộ Tài chính đa dạng hóa ...`: the gazetteer's name is whole
        while end and OFFICE_OF.match(rest[:end.start()]) and re.fullmatch(r"\s+và\s+", end.group(0)) \
                and SERVED_BODY.match(rest[end.end():]):  # `Văn phòng Đoàn ĐBQH và HĐND tỉnh` is one office
            end = UNIT_END.search(rest, end.end())
        place_named = end and NAME_VERB_THEN_PLACE.match(rest, end.start())
        if place_named:  # `Viện Quy hoạch xây dựng Hà Nội`: the verb is a word of the name
            end = UNIT_END.search(rest, place_named.end())
        length = end.start() if end else len(rest)
        dangling = DANGLING_JOIN.search(rest, 0, length)
        if dangling:  # `Đoàn đại biểu Quốc hội có thẩm quyền và thực hiện`: `và` joins verbs, not names
            length = dangling.start()
        if re.search(rf"(?:các|những)\s+{GROUP_MEMBER}$", folded[:length]):
            tail = GROUP_TAIL.match(folded, length)
            if tail:  # `Ủy ban nhân dân các xã, phường`
                length = tail.end()
                end = UNIT_END.search(rest, length) if length < len(rest) else None
                if end and re.fullmatch(r"(?:\s+[A-ZĐ\u00c0-\u1ef8]\w*)+", rest[length:end.start()]):
                    length = end.start()  # `các huyện, thị xã và thành phố Huế`: the last member's name
                elif end and re.fullmatch(r"\s+(?:có|(?:trực\s+)?thuộc)\s+[^\W\d]+(?:\s+[^\W\d]+){0,6}",
                                          rest[length:end.start()]):
                    length = end.start()  # `các phường, xã có tuyến đường đi qua`, `... trực thuộc Trung ương`
                elif end and end.start() > length:
                    end = None
        settlement = SETTLEMENT_TAIL.match(rest, length) if SETTLEMENT_END.search(folded[:length]) else None
        if settlement:  # `Ban lãnh đạo thôn, tổ dân phố`: the board of each, one unit
            length = settlement.end()
            end = UNIT_END.search(rest, length) if length < len(rest) else None
        raw = rest[:length]
        name = canonical_unit(named.name + raw[named.end:] if named else raw)
        units.append(UnitSpan(raw, name, at, at + length))
        pos = at + length
        if not end or not re.match(r"\s*(?:,|và|;)\s", rest[length:length + 5]):
            break
    return _share_locality(units)


# What may follow a body the gazetteer knows and still be its name: a locality, a proper name,
# a branch or region (`Sở Tài chính tỉnh Lào Cai`, `Ngân hàng Nhà nước chi nhánh ...`), or
# the end of the unit (a comma, `và`); any other word is the rest of the sentence.
NAME_GOES_ON_WORD = re.compile(r"(?:và|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|chi nhánh|khu vực|"
                               r"tại|trên)\b")


def _name_goes_on(after: str) -> bool:
    after = after.lstrip()
    return not after or after[0] in ",;.:()-–&/" or after[0].isupper() or bool(NAME_GOES_ON_WORD.match(after))


# where a known body's name stops, as a match like UNIT_END's: at the space after it
NAME_ENDS = re.compile(r"(?=\s)")

# a task verb that is a word of a body's name, known by the province the name ends with
NAME_VERB_THEN_PLACE = re.compile(
    rf"\s+(?i:{wrapping(TASK_VERBS)})\s+(?:(?:tỉnh|thành phố)\s+)?(?:{'|'.join(map(re.escape, PROVINCES))})(?!\w)")


# what a unit named just before is: `Bộ Nội vụ, cơ quan thường trực của Ban Chỉ đạo`
APPOSITION = re.compile(r",\s*(?:là\s+)?cơ quan\s+(?:thường trực|chủ trì|đầu mối|tham mưu|chuyên môn)\b")


# a team named for its work, the work part of the name: `Đoàn kiểm tra`, `Tổ công tác`, `Ban giám sát`
TEAM_NAME = re.compile(r"^(?:các\s+)?(?:(?:phó\s+)?trưởng\s+|thành viên\s+|thư ký\s+|chủ tịch\s+)?"
                       r"(?:đoàn|tổ|tiểu ban|ban|hội đồng)\s+(?:liên ngành\s+)?(?:kiểm tra|giám sát|thanh tra|"
                       r"kiểm soát|công tác|thẩm định|tuyên truyền|xử lý|đánh giá|xét duyệt|tư vấn|nghiệm thu|bầu cử)\b")


# a body of every locality's government, named bare before one that names the locality:
# `Hội đồng nhân dân, Ủy ban nhân dân thành phố Đà Nẵng` are both the city's
LOCAL_BODY = re.compile(r"^(?:hội đồng nhân dân|ủy ban nhân dân|ủy ban mặt trận tổ quốc(?: việt nam)?|"
                        r"thành ủy|tỉnh ủy|huyện ủy|đảng ủy|đoàn đại biểu quốc hội|đại biểu quốc hội)$")
LOCALITY = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+[A-ZĐ\u00c0-\u1ef9].*$")


def _share_locality(units: list[UnitSpan]) -> list[UnitSpan]:
    for i in range(len(units) - 1, 0, -1):
        later, earlier = units[i], units[i - 1]
        if not (later.name and earlier.name and LOCAL_BODY.match(fold(earlier.name))):
            continue
        locality = LOCALITY.search(later.name)
        if locality and LOCAL_BODY.match(fold(later.name[:locality.start()])):
            earlier.name = earlier.name + locality.group(0)
    return units


def unit_names(units: list[UnitSpan]) -> list[str]:
    names = []
    for unit in units:
        if unit.name and unit.name not in names:
            names.append(unit.name)
    return names


# what a cell says a unit does there, after its name: `Sở Tài chính (vốn mở rộng)`, `Sở Công Thương hướng dẫn`
ROLE_NOTE = re.compile(rf"\s*\([^()]*\)\s*\.?$|\s+(?:{TASK_VERBS})\b")


def split_unit_cell(cell: str) -> list[UnitSpan]:
    """A table cell naming one or more units (`Phòng VHXH; Công an phường`)."""
    parts = [p for p in re.split(r"\s*[;\n]\s*(?![^()]*\))|\s*\+\s*", cell) if p.strip()]
    spans = []
    offset = 0
    for part in parts:
        at = cell.index(part, offset)
        offset = at + len(part)
        read = read_units(part)
        consumed = read[-1].end if read else 0
        if read and (consumed >= len(part.rstrip(" .")) - 1 or ROLE_NOTE.match(part, consumed)):
            spans.extend(UnitSpan(u.raw, u.name, at + u.start, at + u.end) for u in read)
        else:
            spans.append(UnitSpan(part, canonical_unit(part), at, at + len(part)))
    return spans


class UnitResolver:
    """Folds near-duplicate names of units outside the alias table (rapidfuzz),
    so one new unit spelled two ways gets one name within a run."""

    def __init__(self, threshold: float = 92):
        self.names: list[str] = [name for name, _ in CANONICAL_UNITS]
        self.threshold = threshold

    def resolve(self, name: str) -> str:
        hit = process.extractOne(fold(name), [fold(n) for n in self.names], scorer=fuzz.ratio)
        if hit and hit[1] >= self.threshold:
            return self.names[hit[2]]
        self.names.append(name)
        return name


# What starts a further unit in a list: a body's head noun (title case or abbreviated) or a group determiner.
# an office-holder, who leads as a unit does: `Giám đốc Sở Công Thương`, `Thư ký các Tổ công tác`
OFFICE_HOLDER = (r"(?:Phó\s+)?(?:Chủ tịch|Giám đốc|Tổng Giám đốc|Chánh Văn phòng|Chánh Thanh tra|Viện trưởng|Cục trưởng|"
                 r"Vụ trưởng|Bộ trưởng|Thứ trưởng|Thủ trưởng|Trưởng (?:[Bb]an|[Pp]hòng|[Đđ]oàn|[Tt]hôn|[Kk]hoa)|Tổ trưởng|"
                 r"Tổ phó|Thư ký|Bí thư|Chuyên viên|Công chức|Đại biểu (?:Quốc hội|Hội đồng nhân dân|HĐND))")
# the words before a group's noun: `các sở, ngành`, `một số đơn vị`, `những địa phương`
DETERMINER = r"(?:các|một số|những)\s+"
LIST_ITEM_START = re.compile(rf"^{DETERMINER}|^{BODY_HEADS}\b|^{OFFICE_HOLDER}\b")


# an office and the bodies it serves, joined by `và`, are one unit
OFFICE_OF = re.compile(r"^(?:Phó\s+)?(?:Chánh\s+)?Văn phòng\s+(?!.*\bVăn phòng\b)")  # `Văn phòng Đoàn ĐBQH và HĐND tỉnh`
SERVED_BODY = re.compile(r"^(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Đoàn (?:đại biểu Quốc hội|ĐBQH))\b")


def split_unit_list(text: str) -> list[str]:
    """`các Sở Tài chính, Sở Nông nghiệp và Môi trường, UBND cấp xã và một số cơ quan, đơn vị khác`
    -> [`Sở Tài chính`, `Sở Nông nghiệp và Môi trường`, `UBND cấp xã`, `một số cơ quan, đơn vị khác`]:
    a comma or `và` parts two units only where a unit's head (or `các`, `một số`) follows it, so
    names holding `và` or a comma stay whole."""
    text = re.sub(r"^(?:các|những)\s+(?=[A-ZĐ])", "", " ".join(text.split()))
    items, current = [], ""
    for piece in re.split(r"(,\s+|\s+và\s+)", text):
        if re.fullmatch(r",\s+|\s+và\s+", piece):
            current += piece
            continue
        inside = current.count("(") > current.count(")")
        serves = OFFICE_OF.match(current) and current.endswith(" và ") and SERVED_BODY.match(piece)
        if current and (LIST_ITEM_START.match(piece) or body_at(piece)) and not inside and not serves:
            items.append(re.sub(r"(?:,|\s+và)\s*$", "", current.rstrip()).strip())
            current = piece
        else:
            current += piece
    if current.strip():
        items.append(current.strip())
    return [i for i in items if i]
