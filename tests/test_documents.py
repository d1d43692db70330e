"""The documents row of each seed against its hand annotation, and header cases."""
import json

import pytest

from extractors.document_fields import extract_document
from extractors.names import official_case
from tests.conftest import GOLD


def gold_documents():
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))["document"]) for p in sorted(GOLD.glob("*.json"))]


@pytest.mark.parametrize("stem,gold", gold_documents())
def test_seed_header_fields(structures, stem, gold):
    got = extract_document(structures[stem])
    for name, value in gold.items():
        assert got[name] == value, name


def test_drafts_are_flagged(structures):
    blank = extract_document(structures["000_c5d495fa5d9e6f4c"])
    assert blank["is_draft"] is True
    assert any(w.startswith("blank number") for w in blank["warnings"])
    assert extract_document(structures["001_55b1b98d7467ce06"])["is_draft"] is False


@pytest.mark.parametrize(
    "upper,expected",
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN", "Ủy ban nhân dân phường Hải An"),
        ("PHÓ TRƯỞNG BAN CHỈ ĐẠO", "Phó Trưởng ban Chỉ đạo"),
        ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
        ("TRƯỞNG BAN", "Trưởng ban"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Ủy ban nhân dân thành phố Hải Phòng"),
        ("BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ VÀ ĐỀ ÁN 06",
         "Ban Chỉ đạo về phát triển khoa học, công nghệ và Đề án 06"),
    ],
)
def test_official_case(upper, expected):
    assert official_case(upper) == expected


@pytest.mark.parametrize(
    "lines,issuer",
    [
        ("ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN", "Ủy ban nhân dân phường Hải An"),
        ("UBND PHƯỜNG HẢI AN\nPHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội phường Hải An"),
        ("UBND THÀNH PHỐ HẢI PHÒNG\nỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN", "Ủy ban nhân dân phường Hải An"),
    ],
)
def test_issuer_is_the_last_body_of_the_header_block(lines, issuer):
    from pipeline.normalize import normalize
    from pipeline.structure import parse_structure
    from tests.test_normalize import raw_of

    structure = parse_structure(normalize(raw_of(
        lines, "Số: 12/KH-VHXH", "Hải An, ngày 02 tháng 3 năm 2026", "KẾ HOẠCH", "Tuyên truyền chuyển đổi số",
        "Phòng Văn hóa - Xã hội phường Hải An ban hành kế hoạch tuyên truyền như sau:",
    )))
    assert extract_document(structure)["issuer"] == issuer
