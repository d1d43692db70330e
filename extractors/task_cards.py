"""Task cards: tasks followed by labelled lines that say who does them and by when.

    2. Khảo sát nhu cầu hỗ trợ pháp lý cho doanh nghiệp
    - Đơn vị chủ trì: Sở Tư pháp.
    - Đơn vị phối hợp: Sở Nội vụ, Ban Quản lý các khu công nghiệp tỉnh.
    - Thời gian thực hiện: Quý IV/2026.

The labels may stand on lines of their own, as bullets, or several on one line
(`Đơn vị chủ trì: X; Đơn vị phối hợp: Y.`). A block of labels belongs to the
tasks written since the block before it: one numbered task, or every bullet of
a group (`- Tham mưu ...`, `- Đôn đốc ...`, then `Đơn vị chủ trì: ...`). The
labels are fields of those tasks, never tasks or units themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional


# field -> what its label says (folded); `other` labels are read so they are not taken for tasks
LABELS: list[tuple[str, str]] = [
    ("lead", r"(?:đơn vị|cơ quan|bộ phận|người)\s+(?:chủ trì|thực hiện|đầu mối|phụ trách|chịu trách nhiệm)"
             r"(?:\s+thực hiện)?|chủ trì(?:\s+thực hiện)?|trách nhiệm thực hiện"),
    ("support", r"(?:đơn vị|cơ quan|bộ phận)\s+phối hợp(?:\s+thực hiện)?|phối hợp(?:\s+thực hiện)?"),
    ("deadline", r"thời gian(?:\s+(?:hoàn thành|thực hiện|dự kiến|triển khai))?|thời hạn(?:\s+hoàn thành)?|"
                 r"tiến độ(?:\s+(?:hoàn thành|thực hiện))?|thời điểm hoàn thành"),
    ("output", r"sản phẩm(?:\s*/\s*kết quả)?|kết quả(?:\s+(?:đầu ra|dự kiến|thực hiện))?"),
    ("task", r"nội dung(?:\s+(?:công việc|thực hiện|nhiệm vụ))?"),
    ("other", r"lãnh đạo (?:phụ trách|chỉ đạo)|kinh phí(?:\s+thực hiện)?|nguồn kinh phí"),
]
_LABEL = "|".join(f"(?P<{name}>{pattern})" for name, pattern in LABELS)
# a label opens the line (after a bullet) or, capitalized, follows the field before it
LABEL_AT = re.compile(rf"(?:^[-+•*]?\s*|\s+)(?:{_LABEL})\s*:\s*")


@dataclass
class CardFields:
    """What a block of labels says, each value with its offsets in the text."""

    values: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def get(self, name: str) -> Optional[str]:
        return self.values[name][0] if name in self.values else None

    @property
    def is_card(self) -> bool:
        return "lead" in self.values


def _labels(text: str) -> list[tuple[str, int, int]]:
    """(field, label start, value start) of each label in one line (stored text is already NFC with one
    tone placement, so lowercasing alone keeps offsets)."""
    found = []
    for m in LABEL_AT.finditer(text.lower()):
        name = next(n for n, _ in LABELS if m.group(n))
        label_start = m.start(name)
        if m.start() > 0 and not text[label_start].isupper():
            continue  # inside a sentence: `... có trách nhiệm phối hợp: ...` is prose
        found.append((name, label_start, m.end()))
    return found


def is_label_line(text: str) -> bool:
    """Does the line open with a label (`Đơn vị chủ trì:`, `- Thời gian thực hiện:`)?"""
    labels = _labels(text)
    return bool(labels) and re.match(r"^[-+•*]?\s*$", text[: labels[0][1]]) is not None


def read_labels(text: str, offset: int, into: CardFields) -> None:
    """Add the fields of one label line (its text starts at `offset`) to a card."""
    labels = _labels(text)
    for i, (name, _, value_start) in enumerate(labels):
        value_end = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        value = text[value_start:value_end].strip().rstrip(" ;,.")
        if name == "other" or not value:
            continue
        at = offset + value_start
        if name in into.values:  # a value carried onto the next line of the block
            old, start, _ = into.values[name]
            into.values[name] = (f"{old}; {value}", start, at + len(value))
        else:
            into.values[name] = (value, at, at + len(value))
