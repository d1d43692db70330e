"""Vietnamese time expressions to `due_date`, an iCalendar RRULE, and `ongoing`.

`Tháng 12/2026` -> due 2026-12-31; `Quý II/2026` -> 2026-06-30;
`trước ngày 05 của tháng báo cáo` -> FREQ=MONTHLY;BYMONTHDAY=5;
`trước ngày 05/12 hằng năm` -> FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5;
`định kỳ 06 tháng` -> FREQ=MONTHLY;INTERVAL=6; `Thường xuyên` -> ongoing.
A day and month without a year take the year of the document. Wording no rule
knows keeps its words and leaves the rest empty: never a guess.

Rules are tried in order over the folded text; the earliest match in the text
wins, so "báo cáo tháng trước ngày 05 ...; báo cáo năm trước ngày 05/12 hằng
năm" yields the monthly rule, with the yearly one as `extra`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from pipeline.vntext import fold

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Deadline:
    raw: Optional[str] = None
    due_date: Optional[str] = None
    recurrence: Optional[str] = None
    ongoing: bool = False
    extra: list[str] = field(default_factory=list)  # further recurrences stated alongside
    start: int = 0  # where the expression stands in the text given
    end: int = 0


def _month_end(year: int, month: int) -> Optional[str]:
    if not (1 <= month <= 12 and 1900 < year < 2200):
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _date(year, month, day) -> Optional[str]:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


_Y = r"(?P<y>(?:19|20)\d{2})"
_DM = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
_BEFORE = r"(?:trước|chậm nhất(?:\s+(?:đến|là|vào))?|không quá|hạn chót|hoàn thành trước|xong trước)?\s*(?:ngày\s+)?"


def _y(m, year):
    return int(m.group("y")) if m.groupdict().get("y") else year


# (pattern, builder(match, context_year) -> Deadline fields); order matters for overlapping starts
RULES: list[tuple[re.Pattern, Callable]] = [
    # recurring
    (re.compile(r"(?:trước|chậm nhất|vào)?\s*ngày\s+(?P<d>\d{1,2})\s+(?:của\s+)?(?:tháng báo cáo|hằng tháng|hàng tháng|mỗi tháng|các tháng)"),
     lambda m, y: dict(recurrence=f"FREQ=MONTHLY;BYMONTHDAY={int(m.group('d'))}")),
    (re.compile(rf"(?:trước|chậm nhất|vào)?\s*ngày\s+{_DM}\s+(?:hằng năm|hàng năm|mỗi năm|các năm)"),
     lambda m, y: dict(recurrence=f"FREQ=YEARLY;BYMONTH={int(m.group('m'))};BYMONTHDAY={int(m.group('d'))}")),
    (re.compile(r"định kỳ\s+(?:hằng\s+|hàng\s+)?(?P<n>\d{1,2})\s+tháng"),
     lambda m, y: dict(recurrence=f"FREQ=MONTHLY;INTERVAL={int(m.group('n'))}")),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+quý|định kỳ\s+(?:hằng\s+|hàng\s+)?quý"),
     lambda m, y: dict(recurrence="FREQ=MONTHLY;INTERVAL=3")),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+tháng|định kỳ\s+(?:hằng\s+|hàng\s+)?tháng"),
     lambda m, y: dict(recurrence="FREQ=MONTHLY")),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+tuần"), lambda m, y: dict(recurrence="FREQ=WEEKLY")),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+ngày"), lambda m, y: dict(recurrence="FREQ=DAILY")),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+năm|định kỳ\s+(?:hằng\s+|hàng\s+)?năm"),
     lambda m, y: dict(recurrence="FREQ=YEARLY")),
    (re.compile(r"thường xuyên|liên tục|thường kỳ"), lambda m, y: dict(ongoing=True)),
    # one-off
    (re.compile(rf"từ\s+(?:ngày\s+)?\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{4}})?\s+đến\s+(?:ngày\s+)?{_DM}\s*/\s*{_Y}"),
     lambda m, y: dict(due_date=_date(m.group("y"), m.group("m"), m.group("d")))),
    (re.compile(rf"{_BEFORE}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s+năm\s+{_Y}"),  # a date in words
     lambda m, y: dict(due_date=_date(m.group("y"), m.group("m"), m.group("d")))),
    (re.compile(rf"{_BEFORE}{_DM}\s*/\s*{_Y}"),
     lambda m, y: dict(due_date=_date(m.group("y"), m.group("m"), m.group("d")))),
    (re.compile(rf"(?:trước|chậm nhất|không quá)\s+(?:ngày\s+)?{_DM}(?!\s*/)"),
     lambda m, y: dict(due_date=_date(y, m.group("m"), m.group("d")) if y else None)),
    (re.compile(r"(?P<n>\d{1,2})\s+tháng\s+đầu\s+năm(?:\s+" + _Y + r")?"),
     lambda m, y: dict(due_date=_month_end(_y(m, y), int(m.group("n"))) if _y(m, y) else None)),
    (re.compile(r"(?P<n>\d{1,2})\s+tháng\s+cuối\s+năm(?:\s+" + _Y + r")?"),
     lambda m, y: dict(due_date=_month_end(_y(m, y), 12) if _y(m, y) else None)),
    (re.compile(r"qu[ýí]\s+(?P<q>iv|iii|ii|i|[1-4])(?:\s*(?:[/-]|năm)\s*" + _Y + r")?(?![\w])"),
     lambda m, y: dict(due_date=_month_end(_y(m, y), 3 * ROMAN_QUARTERS[m.group("q")]) if _y(m, y) else None)),
    (re.compile(r"(?:trong\s+)?tháng\s+(?P<m>\d{1,2})\s*(?:/|[-–]|năm)\s*" + _Y),
     lambda m, y: dict(due_date=_month_end(int(m.group("y")), int(m.group("m"))))),
    (re.compile(r"(?:năm\s+|giai đoạn\s+)?(?:19|20)\d{2}\s*[-–]\s*" + _Y),
     lambda m, y: dict(due_date=_month_end(int(m.group("y")), 12))),
    (re.compile(r"năm\s+" + _Y), lambda m, y: dict(due_date=_month_end(int(m.group("y")), 12))),
    (re.compile(r"^\s*(?P<m>\d{1,2})\s*/\s*" + _Y + r"\s*$"),
     lambda m, y: dict(due_date=_month_end(int(m.group("y")), int(m.group("m"))))),
]


def _matches(text: str, context_year: Optional[int]):
    folded = fold(text)
    if len(folded) != len(text):  # offsets must line up with the text given
        folded = text.casefold()
    found = []
    for order, (pattern, build) in enumerate(RULES):
        for m in pattern.finditer(folded):
            fields = build(m, context_year)
            if any(v for v in fields.values()):
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                found.append((start, -(m.end() - start), order, m.end(), fields))
    found.sort()
    chosen, taken_until = [], -1
    for start, _, _, end, fields in found:
        if start >= taken_until:
            chosen.append((start, end, fields))
            taken_until = end
    return chosen


def normalize_deadline(text: Optional[str], context_year: Optional[int] = None) -> Deadline:
    """A whole deadline cell or phrase: `Tháng 12/2026`, `Thường xuyên`, `Quý II/2026` ..."""
    if not text or not text.strip():
        return Deadline()
    result = Deadline(raw=" ".join(text.split()), start=0, end=len(text))
    for _, _, fields in _matches(text, context_year):
        _merge(result, fields)
    return result


def _merge(result: Deadline, fields: dict) -> None:
    if fields.get("recurrence"):
        if result.recurrence is None:
            result.recurrence = fields["recurrence"]
        elif fields["recurrence"] not in [result.recurrence, *result.extra]:
            result.extra.append(fields["recurrence"])
    if fields.get("due_date") and result.due_date is None and result.recurrence is None:
        result.due_date = fields["due_date"]
    if fields.get("ongoing"):
        result.ongoing = True


# Time phrases inside running text: only the unambiguous ones, so that a
# "năm 2026" inside a plan's subject is not taken for a deadline.
PROSE_CUES = re.compile(
    r"(?:báo cáo\s+(?:tháng|quý|năm|định kỳ)[^;.)]*?(?:hằng năm|hàng năm|tháng báo cáo|hằng tháng)[^;.)]*)"
    r"|(?:(?:trước|chậm nhất(?:\s+(?:đến|là|vào))?|hoàn thành trước|xong trước)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}"
    r"(?:\s*/\s*\d{4})?(?:\s+(?:hằng|hàng)\s+năm)?)"
    # a date in words, a quarter, a month or a year after a word that bounds the time
    r"|(?:(?:trước|chậm nhất(?:\s+(?:đến|là|vào))?|hoàn thành trước|xong trước)\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}"
    r"\s+năm\s+\d{4})"
    r"|(?:(?:trong|trước|xong trong|hoàn thành trong|trước hết trong)\s+quý\s+[ivx\d]+(?:\s*/\s*|\s+năm\s+)\d{4})"
    r"|(?:(?:trong|trước|xong trong|hoàn thành trong)\s+tháng\s+\d{1,2}(?:\s*/\s*|\s+năm\s+)\d{4})"
    r"|(?:định kỳ\s+(?:hằng\s+|hàng\s+)?(?:\d{1,2}\s+tháng|tháng|quý|năm)(?:\s+một lần)?(?:,\s*(?:hằng|hàng)\s+năm)?"
    r"(?:\s+(?:hoặc|và)\s+(?:đột xuất|khi có yêu cầu))?)"
    r"|(?:(?:(?:trước|chậm nhất|vào)\s+)?ngày\s+\d{1,2}\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng)"  # its day of the month
    r"|(?:(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần))"
    r"|(?:(?<!giáo dục\s)(?<!\w)thường xuyên(?!\w))"  # an adverb anywhere; not `Trung tâm Giáo dục thường xuyên`
)


def deadline_in_prose(text: str, context_year: Optional[int] = None) -> Deadline:
    """The first time expression a task sentence states, with its words as `raw`."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.casefold()
    cues = list(PROSE_CUES.finditer(folded))
    if not cues:
        return Deadline()
    result = Deadline()
    for cue in cues:
        before = (result.recurrence, result.due_date, result.ongoing, len(result.extra))
        for _, _, fields in _matches(text[cue.start(): cue.end()], context_year):
            _merge(result, fields)
        if result.raw is None and (result.recurrence, result.due_date, result.ongoing, len(result.extra)) != before:
            result.raw = text[cue.start(): cue.end()].strip()
            result.start, result.end = cue.start(), cue.end()
    return result
