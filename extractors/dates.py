"""Calendar dates as Vietnamese documents write them, to ISO `YYYY-MM-DD`."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

# Each pattern names its groups d, m, y; the first that matches and makes a
# real calendar date wins.
DATE_PATTERNS = [
    re.compile(r"ngày\s*(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+n?ăm\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)"),
]


# A date as it follows the word "ngày".
DATE_BODY = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*|\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+)(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)


def date_body_at(text: str, pos: int) -> Optional[tuple[str, int]]:
    """(iso, end) for a date body starting exactly at `pos`."""
    m = DATE_BODY.match(text, pos)
    if not m:
        return None
    iso = to_iso(m.group("d"), m.group("m") or m.group("m2"), m.group("y"))
    return (iso, m.end()) if iso else None


def to_iso(day: str | int, month: str | int, year: str | int) -> Optional[str]:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> Optional[tuple[str, int, int]]:
    """The first date in `text`: (iso, start, end)."""
    best = None
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = to_iso(m.group("d"), m.group("m"), m.group("y"))
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def parse_date(text: str) -> Optional[str]:
    found = find_date(text)
    return found[0] if found else None
