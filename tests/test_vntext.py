import pytest

from pipeline.vntext import fold, normalize_vietnamese, strip_diacritics

TONE_CASES = [
    ("hoá", "hóa"), ("Văn hoá - Xã hội", "Văn hóa - Xã hội"), ("HOÁ", "HÓA"),
    ("uỷ ban", "ủy ban"), ("Uỷ ban nhân dân", "Ủy ban nhân dân"), ("khoẻ", "khỏe"),
    ("thuỷ", "thủy"), ("Thuỵ", "Thụy"), ("toà", "tòa"), ("hoạ", "họa"), ("tuỳ", "tùy"),
    # unchanged: already in the chosen placement, closed syllables, qu-, other vowels
    ("hóa", "hóa"), ("ủy", "ủy"), ("hoàn", "hoàn"), ("quý", "quý"), ("Quỳnh", "Quỳnh"),
    ("quà", "quà"), ("người", "người"), ("thuở", "thuở"), ("Nguyễn", "Nguyễn"),
]


@pytest.mark.parametrize("given,expected", TONE_CASES)
def test_tone_marks(given, expected):
    assert normalize_vietnamese(given) == expected


def test_nfd_input_becomes_nfc():
    assert normalize_vietnamese("Quye\u0302\u0301t \u0111i\u0323nh") == "Quyết định"
    assert normalize_vietnamese("ho\u0061\u0301") == "hóa"  # NFD and old placement at once


def test_fold_and_strip():
    assert fold("  Ủy  BAN ") == "ủy ban"
    assert fold("Uỷ ban") == fold("Ủy ban")
    assert strip_diacritics("Đề án") == "De an"
