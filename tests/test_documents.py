"""The documents row of each seed against its hand annotation, and header cases."""
import json

import pytest

from extractors.document_fields import extract_document
from extractors.names import official_case, position_case
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
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Ủy ban nhân dân thành phố Hải Phòng"),
        ("BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ VÀ ĐỀ ÁN 06",
         "Ban Chỉ đạo về phát triển khoa học, công nghệ và Đề án 06"),
        # a body's fields each open with a capital (Nghị định 30, Phụ lục II)
        ("CỤC ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI XANH VÀ KHUYẾN CÔNG", "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"),
        ("PHÒNG VĂN HÓA-XÃ HỘI XÃ AN PHÚ", "Phòng Văn hóa - Xã hội xã An Phú"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("VĂN PHÒNG THƯỜNG TRỰC BAN CHỈ HUY PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH QUẢNG TRỊ",
         "Văn phòng Thường trực Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh Quảng Trị"),
        ("BAN CHẤP HÀNH ĐOÀN XÃ TÂN AN", "Ban Chấp hành Đoàn xã Tân An"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Trung tâm Phục vụ hành chính công"),
        # a body set up for a task runs as text; documents and bodies named in it keep their capitals
        ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 15/QĐ-SXD CỦA SỞ XÂY DỰNG",
         "Đoàn kiểm tra theo Quyết định số 15/QĐ-SXD của Sở Xây dựng"),
        ("BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH CỦA CHÍNH PHỦ", "Ban Chỉ đạo cải cách hành chính của Chính phủ"),
        # a province the gazetteer knows, named without its level
        ("SỞ CÔNG THƯƠNG LÀO CAI", "Sở Công Thương Lào Cai"),
        ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP BẮC GIANG", "Ban Quản lý các khu công nghiệp Bắc Giang"),
    ],
)
def test_official_case(upper, expected):
    assert official_case(upper) == expected


@pytest.mark.parametrize(
    "upper,expected",
    [
        ("PHÓ TRƯỞNG BAN CHỈ ĐẠO", "Phó Trưởng ban Chỉ đạo"),
        ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
        ("TRƯỞNG BAN", "Trưởng ban"),
        ("PHÓ CỤC TRƯỞNG", "Phó Cục trưởng"),
        ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
        ("BỘ TRƯỞNG, CHỦ NHIỆM", "Bộ trưởng, Chủ nhiệm"),
        ("TRƯỞNG ĐOÀN", "Trưởng đoàn"),
        ("TỔNG GIÁM ĐỐC", "Tổng Giám đốc"),
        ("GIÁM ĐỐC SỞ Y TẾ", "Giám đốc Sở Y tế"),
    ],
)
def test_position_case(upper, expected):
    assert position_case(upper) == expected



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


def _header_fields(*lines: str) -> dict:
    from pipeline.normalize import normalize
    from pipeline.structure import parse_structure
    from tests.test_normalize import raw_of

    return extract_document(parse_structure(normalize(raw_of(*lines))))


@pytest.mark.parametrize(
    "header,issuer",
    [
        # a central body signs at Hà Nội; the city is where it sits, not whose it is
        ("CHÍNH PHỦ", "Chính phủ"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN", "Tổng cục Hải quan"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        # a local body gets the level the text writes before the place
        ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân thành phố Hà Nội"),
        # and none when its name ends with the place already
        ("SỞ Y TẾ HÀ NỘI", "Sở Y tế Hà Nội"),
    ],
)
def test_the_place_gives_a_locality_only_to_a_local_body_that_lacks_one(header, issuer):
    got = _header_fields(
        header, "Số: 25/2026/QĐ-UBND", "Hà Nội, ngày 17 tháng 01 năm 2026", "QUYẾT ĐỊNH", "Về việc tổ chức thực hiện",
        "Các sở, ngành của thành phố Hà Nội thực hiện Quyết định này.",
    )
    assert got["issuer"] == issuer


@pytest.mark.parametrize(
    "type_line,symbol,doc_type",
    [
        ("QUYẾT ĐỊNH", "11/2026/QĐ-UBND", "Quyết định"),
        ("NG Ị ĐỊN", "47/2020/NĐ-CP", "Nghị định"),  # a line the text layer lost letters of: the symbol's code
        ("NG Ị ĐỊN", "11/2026/QĐ-UBND", "Quyết định"),
    ],
)
def test_document_type_from_its_line_or_from_the_symbol_s_code(type_line, symbol, doc_type):
    got = _header_fields("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", f"Số: {symbol}", "Lào Cai, ngày 29 tháng 01 năm 2026",
                         type_line, "Ban hành Quy định về quản lý đầu tư", "Căn cứ Luật Xây dựng;")
    assert got["doc_type"] == doc_type


def test_a_type_line_read_with_a_wrong_mark_still_opens_the_title():
    got = _header_fields("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "Số: 11/2026/QĐ-UBND", "Lào Cai, ngày 29 tháng 01 năm 2026",
                         "QUYÉT ĐỊNH", "Ban hành Quy định về quản lý đầu tư", "Căn cứ Luật Xây dựng;")
    assert (got["doc_type"], got["title"]) == ("Quyết định", "Ban hành Quy định về quản lý đầu tư")


@pytest.mark.parametrize("capacity_line", ["T/M BAN CHẤP HÀNH TRUNG ƯƠNG", "T/M. BAN CHẤP HÀNH TRUNG ƯƠNG"])
def test_on_behalf_of_written_with_or_without_its_period(capacity_line):
    got = _header_fields("BAN CHẤP HÀNH TRUNG ƯƠNG", "Số: 60-NQ/TW", "Hà Nội, ngày 12 tháng 4 năm 2025", "NGHỊ QUYẾT",
                         "Hội nghị lần thứ 11", "Ban Chấp hành Trung ương quyết nghị các nội dung sau.",
                         "Nơi nhận:\n- Các tỉnh ủy;\n- Lưu Văn phòng Trung ương Đảng.", capacity_line, "TỔNG BÍ THƯ",
                         "Tô Lâm")
    assert (got["signing_capacity"], got["signer_position"], got["signer_name"]) == ("TM.", "Tổng Bí thư", "Tô Lâm")


@pytest.mark.parametrize("subject_line", ["V/v giải đáp chính sách thuế", "Viv giải đáp chính sách thuế",
                                          "VW giải đáp chính sách thuế", "Vy giải đáp chính sách thuế"])
def test_a_letter_s_subject_mark_as_ocr_reads_it(subject_line):
    got = _header_fields("CỤC THUẾ TP HÀ NỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Số: 63723/CT-HTr\tHà Nội, ngày 01 tháng 10 năm 2015", subject_line,
                         "Kính gửi: Công ty TNHH Bình Yên", "Trả lời công văn số 151/CV ngày 09/09/2015 của Công ty.")
    assert (got["doc_type"], got["title"]) == ("Công văn", "V/v giải đáp chính sách thuế")
