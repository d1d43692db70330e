"""A gazetteer of Vietnamese public bodies, from public facts, found in text with spaCy's PhraseMatcher.

Two things the unit grammar (`extractors/units.py`) cannot know from the shape of a phrase:
bodies whose name has no head noun (`Chính phủ`, `Quốc hội`, `Kiểm toán Nhà nước`,
`Thông tấn xã Việt Nam`) and names that hold a comma (`Bộ Văn hóa, Thể thao và Du lịch`,
`Sở Lao động - Thương binh và Xã hội`), where a comma would otherwise end the unit.

The names are the official ones: the central bodies and the ministries (those of the 2025
reorganization and the earlier names that documents of their years still cite), the
agencies under the Government, and the standard names of a province's sở. Text is matched
as folded tokens (case-folded, NFC, one tone placement), so `BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH`
and `Bộ Văn hoá, Thể thao và Du lịch` are one body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.vntext import fold

# bodies of the State at the centre, which have no head noun a unit grammar would know
NATIONAL_BODIES = (
    "Chính phủ", "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
    "Hội đồng Dân tộc", "Chủ tịch nước", "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Văn phòng Chủ tịch nước",
    "Kiểm toán Nhà nước", "Thanh tra Chính phủ", "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao",
    "Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương",
)
# ministries and ministry-level agencies, current (2025) and earlier names
MINISTRIES = (
    "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo", "Ủy ban Dân tộc",
    "Bộ Kế hoạch và Đầu tư", "Bộ Thông tin và Truyền thông", "Bộ Giao thông vận tải", "Bộ Tài nguyên và Môi trường",
    "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Lao động - Thương binh và Xã hội",
)
# agencies under the Government
GOVERNMENT_AGENCIES = (
    "Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam", "Bảo hiểm xã hội Việt Nam",
    "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện Hàn lâm Khoa học xã hội Việt Nam",
    "Đại học Quốc gia Hà Nội", "Đại học Quốc gia Thành phố Hồ Chí Minh",
)
# a province's departments by their standard names (and the names before 2025)
PROVINCIAL_DEPARTMENTS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
    "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Ngoại vụ", "Sở Dân tộc và Tôn giáo", "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông", "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa - Thể thao",
    "Sở Văn hóa, Thể thao", "Phòng Văn hóa, Khoa học và Thông tin",
)
# the cities run by the centre, which have sở as a province does
CENTRAL_CITIES = ("Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
# the provinces and centrally run cities since the 2025 reorganization, and the 63 before it
# (older documents, and the names that live on in bodies: `Viện Quy hoạch xây dựng Hà Nội`)
PROVINCES = (
    "Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Cần Thơ",
    "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị",
    "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long",
    "Đồng Tháp", "Cà Mau", "An Giang", "Cao Bằng", "Điện Biên", "Hà Tĩnh", "Lai Châu", "Lạng Sơn", "Nghệ An",
    "Quảng Ninh", "Thanh Hóa", "Sơn La",
    "Hà Giang", "Bắc Kạn", "Yên Bái", "Hòa Bình", "Bắc Giang", "Vĩnh Phúc", "Hải Dương", "Thái Bình", "Hà Nam",
    "Nam Định", "Quảng Bình", "Thừa Thiên Huế", "Quảng Nam", "Bình Định", "Phú Yên", "Ninh Thuận", "Bình Thuận",
    "Kon Tum", "Đắk Nông", "Bình Phước", "Bình Dương", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre",
    "Trà Vinh", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu",
)
CENTRAL_BODIES = NATIONAL_BODIES + MINISTRIES + GOVERNMENT_AGENCIES
BODIES = CENTRAL_BODIES + PROVINCIAL_DEPARTMENTS
_CENTRAL_KEYS = tuple(fold(b) for b in CENTRAL_BODIES)  # folded once, not at every issuer

TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class BodyMention:
    name: str  # the gazetteer's spelling
    start: int  # character offsets in the text searched
    end: int


@lru_cache(maxsize=1)
def _matcher():
    """A PhraseMatcher over folded tokens, one pattern per body (spaCy's blank pipeline
    gives the vocabulary; the tokens are ours, so a comma is a token of its own)."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    matcher = PhraseMatcher(nlp.vocab)
    names: dict[str, str] = {}
    for name in BODIES:
        key = fold(name)
        names[key] = name
        matcher.add(key, [Doc(nlp.vocab, words=TOKEN.findall(key))])
    return nlp.vocab, matcher, names


def find_bodies(text: str) -> list[BodyMention]:
    """The gazetteer's bodies named in `text`, longest first where two overlap."""
    from spacy.tokens import Doc

    vocab, matcher, names = _matcher()
    tokens = list(TOKEN.finditer(text))
    if not tokens:
        return []
    folded = fold(text)
    same_length = len(folded) == len(text)
    doc = Doc(vocab, words=[folded[m.start(): m.end()] if same_length else fold(m.group(0)) for m in tokens])
    found: list[BodyMention] = []
    taken: set[int] = set()
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1])):
        if taken & set(range(start, end)):
            continue
        taken.update(range(start, end))
        found.append(BodyMention(names[vocab.strings[match_id]], tokens[start].start(), tokens[end - 1].end()))
    return sorted(found, key=lambda b: b.start)


def is_central_body(name: str) -> bool:
    """A body of the State at the centre, or one of a ministry's general departments
    (`Chính phủ`, `Bộ Tài chính`, `Tổng cục Hải quan`): the place it signs at is not its locality."""
    key = fold(name)
    return key.startswith("tổng cục ") or any(key == b or key.startswith(b + " ") for b in _CENTRAL_KEYS)


def body_at(text: str, start: int = 0) -> Optional[BodyMention]:
    """The longest gazetteer body that begins at `start`."""
    window = text[start: start + 160]
    first = next((m for m in find_bodies(window) if m.start == 0), None)
    return BodyMention(first.name, start, start + first.end) if first else None
