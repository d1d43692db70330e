"""Citations from real sentences of the seeds, and the corpus-level checks."""
import pytest

from extractors.citations import _place, _Region, resolve_issuer
from extractors.keys import document_key, locality_of
from extractors.mentions import find_mentions
from extractors.symbols import is_national, normalize_symbol
from models import CitationRow, DocumentResult, DocumentRow
from pipeline.resolve import resolve_corpus, resolve_years
from pipeline.storage import DatasetStore


@pytest.mark.parametrize(
    "written,normalized,warns",
    [
        ("57-NQ/TW", "57-NQ/TW", False),
        ("11/NQ/CP", "11/NQ-CP", True),
        ("57 NQ/TW", "57-NQ/TW", True),
        ("269/2025/NĐ-CP", "269/2025/NĐ-CP", False),
        ("2477/UBND-VHXXH", "2477/UBND-VHXXH", False),
        ("01-Ctr/BCĐ", "01-Ctr/BCĐ", False),
        ("19/2026NQ-CP", "19/2026/NQ-CP", True),  # the slash after the year lost, before a type group
        ("11/2026CV-YVG", "11/2026CV-YVG", False),  # a company's own code: no type group, left as written
        ("40QĐ-BCĐCCHC", "40/QĐ-BCĐCCHC", True),  # OCR lost the slash after the number
    ],
)
def test_normalize_symbol(written, normalized, warns):
    symbol, warning = normalize_symbol(written)
    assert symbol == normalized and bool(warning) is warns


# (sentence, [(type, symbol, date, issuer)])
MENTIONS = [
    ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;",
     [("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị")]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 06 năm 2025;",
     [("Luật", None, "2025-06-16", None)]),
    ("Căn cứ Nghị quyết 269/2025/NQ-CP ngày 14/10/2025 của Chính phủ về phát triển đô thị thông minh;",
     [("Nghị quyết", "269/2025/NQ-CP", "2025-10-14", "Chính phủ")]),
    ("- Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá",
     [("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị")]),
    ("về đề nghị triển khai thực hiện QĐ số 1116/QĐ-UBND ngày 15/5/2026 của UBND phường",
     [("Quyết định", "1116/QĐ-UBND", "2026-05-15", "Ủy ban nhân dân phường")]),
    ("Chủ động thực hiện, theo dõi tiến độ đánh giá Bộ chỉ số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.",
     [("Quyết định", "766/QĐ-TTg", "2022-06-23", "Thủ tướng Chính phủ")]),
    ("theo Quyết định 766/QĐ-TTg ngày 23/06/2022 của Thủ tướng Chính phủ trên Công dịch vụ công quốc gia",
     [("Quyết định", "766/QĐ-TTg", "2022-06-23", "Thủ tướng Chính phủ")]),
    ("Căn cứ Kế hoạch số 04-KH/BCĐ ngày 13/02/2026 của Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới "
     "sáng tạo và chuyển đổi số tỉnh Tuyên Quang về hành động trọng tâm năm 2026;",
     [("Kế hoạch", "04-KH/BCĐ", "2026-02-13", "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo "
       "và chuyển đổi số tỉnh Tuyên Quang")]),
    ("- Chương trình công tác số 01-Ctr/BCĐ ngày 09/01/2026 của Ban chỉ đạo của Thành ủy Hải Phòng về phát triển "
     "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026 (Chương trình công tác số 01-Ctr/BCĐ);",
     [("Chương trình", "01-Ctr/BCĐ", "2026-01-09", "Ban chỉ đạo của Thành ủy Hải Phòng về phát triển khoa học, "
       "công nghệ, đổi mới sáng tạo và chuyển đổi số"), ("Chương trình", "01-Ctr/BCĐ", None, None)]),
    ("Thành viên Ban Chỉ đạo tại Đề án 06/CP và Đề án 06-Công an phường Hải An", []),
    ("Tổ chức tuyên truyền về Nghị quyết số 57 NQ/TW, về KHCN", [("Nghị quyết", "57-NQ/TW", None, None)]),
    # laws and Assembly acts: one group after the year; a law named with its number, commas in its name
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", [("Luật", "72/2025/QH15", None, None)]),
    ("Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;", [("Luật", "80/2025/QH15", None, None)]),
    ("Căn cứ Luật Hóa chất 69/2025/QH15;", [("Luật", "69/2025/QH15", None, None)]),
    ("- Căn cứ Luật thương mại số 36/2005/QH11 ngày 14/06/2005;", [("Luật", "36/2005/QH11", "2005-06-14", None)]),
    # an amending law named by its day, in the list or in brackets after the law it amended
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
     "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
     [("Luật", None, "2015-06-19", None), ("Luật", None, "2019-11-22", None)]),
    ("Căn cứ Luật Đường bộ ngày 26/11/2024 (sửa đổi, bổ sung một số điều ngày 29/12/2025);",
     [("Luật", None, "2024-11-26", None), ("Luật", None, "2025-12-29", None)]),
    # an amending law's name lists the laws it amends
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
     "phương số 63/2025/QH15;", [("Luật", "63/2025/QH15", None, None)]),
    ("Căn cứ Nghị quyết số 76/2025/UBTVQH15 ngày 14 tháng 4 năm 2025 của Ủy ban Thường vụ Quốc hội;",
     [("Nghị quyết", "76/2025/UBTVQH15", "2025-04-14", "Ủy ban Thường vụ Quốc hội")]),
    # series numbers, stray spaces and a symbol wrapped over two lines
    ("theo Nghị quyết số 66.7/2025/NQ-CP của Chính phủ", [("Nghị quyết", "66.7/2025/NQ-CP", None, "Chính phủ")]),
    ("tại Tờ trình số 1856/TTr -SCT ngày 08/4/2026", [("Tờ trình", "1856/TTr-SCT", "2026-04-08", None)]),
    ("theo Nghị định số 217/2025/NĐ-\nCP ngày 05/8/2025", [("Nghị định", "217/2025/NĐ-CP", "2025-08-05", None)]),
    # a mention by the word for any document, with a one-group symbol or a bare number when its date follows
    ("Công ty A tại Văn bản số 33/GĐN ngày 20/4/2026; Công ty B tại văn bản số 02 ngày 21/4/2026",
     [("Văn bản", "33/GĐN", "2026-04-20", "Công ty A"), ("Văn bản", "02", "2026-04-21", "Công ty B")]),
    # a company's own code after `số`, its date right after it
    ("Công ty A tại Văn bản số ABC-SA012/26-LR ngày 21/4/2026; Công ty B tại Văn bản số 11/2026CV-BVG ngày 18/4/2026",
     [("Văn bản", "ABC-SA012/26-LR", "2026-04-21", "Công ty A"), ("Văn bản", "11/2026CV-BVG", "2026-04-18", "Công ty B")]),
    ("Công ty đã gửi Văn bản số ABC-SA012/26-LR để xin ý kiến", []),  # no date after it: not a document's number
    # the issuer named before the mention: `X tại <mention>`, or a list's `của X:`
    ("Xét đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 1856/TTr-SCT ngày 08/4/2026.",
     [("Tờ trình", "1856/TTr-SCT", "2026-04-08", "Giám đốc Sở Công Thương")]),
    ("đề nghị của Doanh nghiệp tư nhân C (sau đây gọi tắt Doanh nghiệp) tại Văn bản số 01/GĐN-DH ngày 12/01/2026",
     [("Văn bản", "01/GĐN-DH", "2026-01-12", "Doanh nghiệp tư nhân C")]),
    ("Căn cứ nội dung hướng dẫn tại Công văn số 12/UBND-KT ngày 01/02/2025;",
     [("Công văn", "12/UBND-KT", "2025-02-01", None)]),
    ("Thực hiện các Kế hoạch của UBND thành phố Hà Nội: số 330/KH-UBND ngày 07/12/2025 về việc A",
     [("Kế hoạch", "330/KH-UBND", "2025-12-07", "Ủy ban nhân dân thành phố Hà Nội")]),
    ("Căn cứ ý kiến chỉ đạo của Chủ tịch UBND tỉnh: Công văn số 12/UBND-KT ngày 01/02/2025;",
     [("Công văn", "12/UBND-KT", "2025-02-01", None)]),
    # a title in capitals ends the issuer as its lower-case words do
    ("Thông tư số 14/2024/TT-BCT của Bộ trưởng Bộ Công Thương Quy định chế độ báo cáo định kỳ",
     [("Thông tư", "14/2024/TT-BCT", None, "Bộ trưởng Bộ Công Thương")]),
    # a type with words between it and its number; a licence's symbol names its type
    ("theo Giấy phép khai thác khoáng sản số 151/GP-UBND ngày 19/01/2016 của UBND tỉnh Lào Cai",
     [("Giấy phép", "151/GP-UBND", "2016-01-19", "Ủy ban nhân dân tỉnh Lào Cai")]),
    # national technical regulations and standards, stray spaces in their code removed
    ("Căn cứ QCVN 05A:2020/BCT Quy chuẩn kỹ thuật quốc gia về an toàn hóa chất;",
     [("Quy chuẩn kỹ thuật quốc gia", "QCVN 05A:2020/BCT", None, None)]),
    ("(viết tắt là QCVN 01: 2019/BCT của Bộ Công Thương)", [("Quy chuẩn kỹ thuật quốc gia", "QCVN 01:2019/BCT", None,
                                                            "Bộ Công Thương")]),
    # a law's name that runs into another type: the date is the decree's
    ("theo Luật Hóa chất và Nghị định số 25/2026/NĐ-CP ngày 17/01/2026",
     [("Nghị định", "25/2026/NĐ-CP", "2026-01-17", None)]),
    # the issuer is the body, not what it did, nor a licence's term
    ("Văn bản số 1565/UBND-KT ngày 12/5/2026 của Ủy ban nhân dân tỉnh Lào Cai đã tham gia ý kiến",
     [("Văn bản", "1565/UBND-KT", "2026-05-12", "Ủy ban nhân dân tỉnh Lào Cai")]),
    ("Giấy phép số 12/GP-TCCNQP ngày 02/01/2026 của Tổng cục Công nghiệp quốc phòng có thời hạn đến hết ngày 30/6/2026",
     [("Giấy phép", "12/GP-TCCNQP", "2026-01-02", "Tổng cục Công nghiệp quốc phòng")]),
    ("Quyết định số 35/QĐ-BGTVT ngày 10/01/2021 của Bộ trưởng Bộ Giao thông vận tải công bố vùng nước cảng biển",
     [("Quyết định", "35/QĐ-BGTVT", "2021-01-10", "Bộ trưởng Bộ Giao thông vận tải")]),
    ("Công văn số 597/HC-QLHC ngày 27/3/2026 của Cục Hóa chất gửi Sở Công Thương tỉnh Quảng Ngãi",
     [("Công văn", "597/HC-QLHC", "2026-03-27", "Cục Hóa chất")]),
    # named before `tại`, the body without the subject after it
    ("thuộc thẩm quyền của Bộ Công Thương về chỉ định cơ sở kiểm nghiệm tại Thông tư số 40/2013/TT-BCT;",
     [("Thông tư", "40/2013/TT-BCT", None, "Bộ Công Thương")]),
    # a scan's header line that ran into the national motto
    ("Quyết định số 15/QĐ-UBND ngày 02/3/2012 của Ủy ban nhân dân tỉnh CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     [("Quyết định", "15/QĐ-UBND", "2012-03-02", "Ủy ban nhân dân tỉnh")]),
    ("theo Tờ trình số 88/TTr-SCT ngày 02/6/2026 của Giám đốc Sở Công Thương tỉnh Lào Cai./",
     [("Tờ trình", "88/TTr-SCT", "2026-06-02", "Giám đốc Sở Công Thương tỉnh Lào Cai")]),
    # a body named for its task keeps its verb
    # a law whose name holds a comma; a comma before the next law ends the name
    ("Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 26 tháng 8 năm 2024;",
     [("Luật", None, "2024-08-26", None)]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương, Luật Đất đai ngày 18 tháng 01 năm 2024;",
     [("Luật", None, "2024-01-18", None)]),
    # a decree named by number inside what reads as a law's name: the day is the decree's
    ("hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật được sửa đổi, bổ sung bởi Nghị định số "
     "187/2025/NĐ-CP ngày 01 tháng 7 năm 2025", [("Nghị định", "187/2025/NĐ-CP", "2025-07-01", None)]),
    ("Biên bản số 03/BB-HĐTĐ ngày 05/6/2026 của Hội đồng thẩm định tỉnh", [("Biên bản", "03/BB-HĐTĐ", "2026-06-05",
                                                                          "Hội đồng thẩm định tỉnh")]),
]


@pytest.mark.parametrize("sentence,expected", MENTIONS)
def test_find_mentions(sentence, expected):
    got = [(m.cited_type, m.symbol, m.date, m.issuer) for m in find_mentions(sentence)]
    assert got == expected


def place(text, kind="basis"):
    return [(p.mention.symbol, p.relation, p.parent, p.edge_relation) for p in _place(_Region(0, text, kind, None))[0]]


def test_nested_subjects_give_derived_edges():
    # seed 000: 11/NQ-CP amends 71/NQ-CP, which implements 57-NQ/TW
    text = ("Căn cứ Nghị quyết số 11/NQ/CP ngày 14/01/2026 của Chính phủ sửa đổi, bổ sung, cập nhật Nghị quyết số "
            "71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung cập nhật chương trình hành động của Chính phủ về "
            "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;")
    assert place(text) == [("11/NQ-CP", "basis", None, None), ("71/NQ-CP", "reference", 0, "amends"),
                           ("57-NQ/TW", "reference", 1, "implements")]


def test_a_verb_joined_on_after_a_mention_is_not_the_mentions():
    text = ("Bảo đảm vai trò đầu mối đã được quy định trong Nghị định số 29/2008/NĐ-CP ngày 14 tháng 3 năm 2008 "
            "của Chính phủ và thực hiện tốt Quy chế ban hành kèm theo Quyết định số 105/2009/QĐ-TTg ngày 19 tháng 8 "
            "năm 2009 của Thủ tướng Chính phủ.")
    assert place(text, "body") == [("29/2008/NĐ-CP", "reference", None, None),
                                   ("105/2009/QĐ-TTg", "reference", None, None)]
    assert find_mentions(text)[0].issuer == "Chính phủ" and text[:find_mentions(text)[0].end].endswith("Chính phủ")


def test_siblings_share_parent_and_semicolon_starts_a_new_basis():
    # seed 003: "... thực hiện NQ 57 ... và KH 01-KH/BCĐTW ... triển khai NQ 57 ..."
    text = ("Căn cứ Kế hoạch số 24-KH/TU ngày 11/8/2025 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số "
            "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số 01-KH/BCĐTW ngày 02/6/2025 của Ban Chỉ đạo "
            "Trung ương về hành động chiến lược triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị; Nghị quyết số "
            "11/NQ-CP ngày 14/01/2026 của Chính phủ")
    assert place(text) == [
        ("24-KH/TU", "basis", None, None), ("57-NQ/TW", "reference", 0, "implements"),
        ("01-KH/BCĐTW", "reference", 0, "implements"), ("57-NQ/TW", "reference", 2, "implements"),
        ("11/NQ-CP", "basis", None, None),
    ]


@pytest.mark.parametrize(
    "text,kind,relation",
    [
        ("Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của Sở Khoa học và Công nghệ về việc triển khai",
         "body", "implements"),
        ("1. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 636/QĐ-UBND ngày 15/8/2025 của "
         "Ủy ban nhân dân phường Hải An", "body", "supersedes"),
        ("Quyết định này sửa đổi, bổ sung Quyết định số 12/QĐ-UBND ngày 01/02/2025", "body", "amends"),
        ("Gửi kèm theo Công văn số 12/UBND-VP ngày 01/02/2025 của UBND phường", "body", "attachment"),
        # what another text was issued with is a reference
        ("Quy chế ban hành kèm theo Quyết định số 105/2009/QĐ-TTg ngày 19/8/2009", "body", "reference"),
        # the further items of a list after `;` share the relation of the first
        ("Thực hiện các Kế hoạch của UBND thành phố: số 330/KH-UBND ngày 07/12/2025; số 332/KH-UBND ngày "
         "10/12/2025", "body", "implements"),
        ("Phối hợp chặt chẽ, triển khai thực hiện hiệu quả các nhiệm vụ được giao tại Kế hoạch số 126/KH-UBND "
         "ngày 27/3/2026", "body", "reference"),
        ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", "title", "implements"),
        ("¹ Kế hoạch số 126/KH-UBND ngày 27/3/2026 của UBND phường Hải An", "footnote", "reference"),
        # a `Căn cứ` line of the body, maybe naming the part of the document it rests on
        ("- Căn cứ Điều 17 Thông tư số 78/2014/TT-BTC ngày 18/06/2014 của Bộ Tài chính hướng dẫn", "body", "basis"),
        ("- Căn cứ Tiết a Khoản 7 Điều 3 Thông tư số 26/2015/TT-BTC ngày 27/2/2015", "body", "basis"),
    ],
)
def test_relation_from_context(text, kind, relation):
    assert place(text, kind)[0][1] == relation


def test_directive_clause_is_not_a_subject():
    # seed 001: a long gap with "đề nghị" after a comma: 838 is not in 766's subject
    text = ("theo Quyết định 766/QĐ-TTg ngày 23/06/2022 của Thủ tướng Chính phủ trên Công dịch vụ công quốc gia, "
            "Ủy ban nhân dân phường Hải An đề nghị Trung tâm Phục vụ hành chính công phường chủ trì thực hiện nhiệm vụ "
            "theo Quyết định số 838/QĐ-UBND ngày 26/3/2026 của UBND phường Hải An")
    assert [p[2:] for p in place(text, "body")] == [(None, None), (None, None)]


def test_issuer_resolution_and_keys():
    doc = DocumentRow("d", "x.txt", "txt", place="Hải An", issuer="Ủy ban nhân dân phường Hải An")
    text = "Kế hoạch của Ủy ban nhân dân thành phố Hải Phòng và thành phố Hải Phòng"
    assert resolve_issuer("Ủy ban nhân dân phường", doc, text) == "Ủy ban nhân dân phường Hải An"
    assert resolve_issuer("Ủy ban nhân dân thành phố", doc, text) == "Ủy ban nhân dân thành phố Hải Phòng"
    assert locality_of("Ban Chỉ đạo về phát triển khoa học tỉnh Tuyên Quang") == "tỉnh tuyên quang"
    assert is_national("57-NQ/TW") and is_national("730/QĐ-TTg") and not is_national("01/KH-BCĐ")
    # the same local symbol in two wards names two documents
    a = document_key("01/KH-BCĐ", "2026-04-10", "Ban Chỉ đạo phường Minh Xuân")
    b = document_key("01/KH-BCĐ", "2026-04-10", "Ban Chỉ đạo phường Hải An")
    assert a != b
    assert document_key("01-KH/BCĐ", "2026-02-26", "Ban Chỉ đạo phường Minh Xuân") != a
    assert document_key(None, "2025-06-16", None, "Luật", "Tổ chức chính quyền địa phương") == \
        "luật:tổ chức chính quyền địa phương|2025"


def test_undated_citation_takes_the_one_known_year():
    keys = ["358/kh-ubnd|2025|thành phố hải phòng", "358/kh-ubnd|?|thành phố hải phòng", "12-kh/tu|?|?",
            "06/qđ-ttg|2022", "06/qđ-ttg|2020", "06/qđ-ttg|?"]
    assert resolve_years(keys) == {"358/kh-ubnd|?|thành phố hải phòng": "358/kh-ubnd|2025|thành phố hải phòng"}


def test_corpus_warnings(tmp_path):
    def cit(doc, cid, relation, number, symbol, date, key, kind="Kế hoạch"):
        return CitationRow(doc, cid, relation, cited_type=kind, cited_number=number, cited_symbol=symbol,
                           cited_date=date, cited_key=key)

    results = [
        # seed 004: one plan cited with two dates in one document
        DocumentResult(DocumentRow("a", "plan-a.txt", "txt"), citations=[
            cit("a", "a1", "supersedes", "47", "47/KH-UBND", "2026-02-05", "47/kh-ubnd|2026|phường hồng bàng"),
            cit("a", "a2", "reference", "47", "47/KH-UBND", "2025-02-05", "47/kh-ubnd|2025|?"),
        ]),
        # seed 000: one number and date under two symbols
        DocumentResult(DocumentRow("b", "b.txt", "txt"), citations=[
            cit("b", "b1", "basis", "269", "269/2025/NQ-CP", "2025-10-14", "269/2025/nq-cp|2025", "Nghị quyết"),
            cit("b", "b2", "reference", "269", "269/2025/NĐ-CP", "2025-10-14", "269/2025/nđ-cp|2025", "Nghị quyết"),
        ]),
        # another document cites the plan that document a supersedes, and one with no year
        DocumentResult(DocumentRow("c", "c.txt", "txt"), citations=[
            cit("c", "c1", "basis", "47", "47/KH-UBND", "2026-02-05", "47/kh-ubnd|2026|phường hồng bàng"),
            cit("c", "c2", "reference", "47", "47/KH-UBND", None, "47/kh-ubnd|?|phường hồng bàng"),
        ]),
    ]
    with DatasetStore(tmp_path) as store:
        store.write_batch(results)
        resolve_corpus(store)
        rows = {cid: (key, list(w)) for cid, key, w in
                store.con.execute("SELECT citation_id, cited_key, warnings FROM citations").fetchall()}
    assert rows["a1"][1] == rows["a2"][1] == ["same document cited with two dates in this document: "
                                               "2025-02-05, 2026-02-05"]
    assert rows["b1"][1] == ["same number and date cited as '269/2025/NĐ-CP'"]
    assert rows["c1"][1] == ["cites a document superseded by plan-a.txt"]
    assert rows["c2"][0] == "47/kh-ubnd|2026|phường hồng bàng"  # the undated citation takes the one known year


def test_seed_citations_against_gold(structures):
    from pipeline.ingest import process_file
    from tests.conftest import SEEDS

    result = process_file(next(p for p in SEEDS if p.name.startswith("000")))
    rows = result.citations
    basis = {r.cited_symbol for r in rows if r.relation == "basis"}
    assert basis == {None, "57-NQ/TW", "11/NQ-CP", "269/2025/NQ-CP", "730/QĐ-TTg", "1780/QĐ-UBND"}
    for r in rows:
        assert result.document.text[r.start: r.end] == r.raw
    derived = {(e.src_symbol, e.relation, e.dst_symbol) for e in result.edges if e.derived}
    assert derived == {("11/NQ-CP", "amends", "71/NQ-CP"), ("71/NQ-CP", "implements", "57-NQ/TW")}
    wrong_type = next(r for r in rows if r.cited_symbol == "269/2025/NĐ-CP")
    assert "type 'Nghị quyết' does not fit symbol 'NĐ-CP'" in wrong_type.warnings


def test_passive_amendment_cites_both_and_reverses_the_edge():
    text = ("Căn cứ Nghị định số 71/2019/NĐ-CP ngày 30/8/2019 của Chính phủ quy định về xử phạt được sửa đổi, "
            "bổ sung tại Nghị định 17/2022/NĐ-CP ngày 31/01/2022 của Chính phủ;")
    placed = _place(_Region(0, text, "basis", None))[0]
    assert [(p.mention.symbol, p.relation, p.parent, p.edge_relation, p.passive) for p in placed] == [
        ("71/2019/NĐ-CP", "basis", None, None, False), ("17/2022/NĐ-CP", "basis", 0, "amends", True)]


def test_a_department_named_without_its_province_is_the_citing_document_s():
    lao_cai = DocumentRow("d", "x.txt", "txt", issuer="Sở Công Thương tỉnh Lào Cai")
    assert resolve_issuer("Sở Xây dựng", lao_cai, "") == "Sở Xây dựng tỉnh Lào Cai"
    assert resolve_issuer("Giám đốc Sở Công Thương", lao_cai, "") == "Giám đốc Sở Công Thương tỉnh Lào Cai"
    assert resolve_issuer("Sở Xây dựng tỉnh Yên Bái", lao_cai, "") == "Sở Xây dựng tỉnh Yên Bái"
    hanoi = DocumentRow("d", "x.txt", "txt", issuer="Ủy ban nhân dân thành phố Hà Nội")
    assert resolve_issuer("Sở Quy hoạch - Kiến trúc", hanoi, "") == "Sở Quy hoạch - Kiến trúc thành phố Hà Nội"
    # a ward, or a city inside a province, has no sở of its own
    for issuer in ("Ủy ban nhân dân phường Hải An", "Ủy ban nhân dân thành phố Lào Cai"):
        assert resolve_issuer("Sở Xây dựng", DocumentRow("d", "x.txt", "txt", issuer=issuer), "") == "Sở Xây dựng"


def test_an_issuer_wrapped_over_two_lines_and_one_issuer_for_a_list():
    wrapped = "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc\nhội về sắp xếp đơn vị hành chính;"
    assert [p.mention.issuer for p in _place(_Region(0, wrapped, "basis", None))[0]] == ["Quốc hội"]
    listed = ("Thực hiện các Kế hoạch của UBND thành phố Hà Nội: số 330/KH-UBND ngày 07/12/2025 về việc A; "
              "số 332/KH-UBND ngày 10/12/2025 về việc B.")
    assert [(p.mention.symbol, p.mention.issuer) for p in _place(_Region(0, listed, "body", None))[0]] == [
        ("330/KH-UBND", "Ủy ban nhân dân thành phố Hà Nội"), ("332/KH-UBND", "Ủy ban nhân dân thành phố Hà Nội")]


def test_proposal_in_the_preamble_is_a_reference():
    text = "Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 1856/TTr-SCT ngày 08/4/2026."
    assert place(text)[0][1] == "reference"


def test_passive_amendment_across_a_line_break_and_an_issuer_before_it():
    text = ("Thông tư số 41/2024/TT-BGTVT ngày 15 tháng 11 năm 2024 của Bộ trưởng Bộ Giao thông vận tải được sửa\n"
            "đổi tại Thông tư số 72/2025/TT-BXD ngày 31 tháng 12 năm 2025 của Bộ Xây dựng;")
    placed = _place(_Region(0, text, "basis", None))[0]
    assert [(p.mention.symbol, p.mention.issuer, p.passive) for p in placed] == [
        ("41/2024/TT-BGTVT", "Bộ trưởng Bộ Giao thông vận tải", False), ("72/2025/TT-BXD", "Bộ Xây dựng", True)]


def _edges(placed):
    """(parent symbol, relation, symbol, passive) of each placed mention."""
    return [(placed[p.parent].mention.symbol if p.parent is not None else None, p.edge_relation,
             p.mention.symbol, p.passive) for p in placed]


def test_a_sentence_wrapped_over_lines_keeps_its_derived_edges():
    """OCR and PDF text wraps a sentence over lines: the body's clause runs on; an item or a closed
    sentence still ends it."""
    text = ("- Căn cứ Thông tư số 78/2014/TT-BTC ngày 18/06/2014 của Bộ Tài chính hướng dẫn\n"
            "thi hành Nghị định số 218/2013/NĐ-CP ngày 26/12/2013 của Chính phủ quy định:\n"
            "- Thông tư số 96/2015/TT-BTC sửa đổi Điều 6 Thông tư số 78/2014/TT-BTC (đã được sửa đổi, bổ sung tại\n"
            "Khoản 2 Điều 6 Thông tư số 119/2014/TT-BTC).")
    edges = _edges(_place(_Region(0, text, "body", None))[0])
    assert edges == [
        (None, None, "78/2014/TT-BTC", False),
        ("78/2014/TT-BTC", "implements", "218/2013/NĐ-CP", False),
        (None, None, "96/2015/TT-BTC", False),
        ("96/2015/TT-BTC", "amends", "78/2014/TT-BTC", False),
        ("78/2014/TT-BTC", "amends", "119/2014/TT-BTC", True),  # the edge runs 119 -> 78
    ]


def test_what_a_document_says_after_a_colon_and_a_list_naming_an_article_keep_their_edges():
    text = ("- Căn cứ Thông tư số 96/2015/TT-BTC ngày 22/06/2015 của Bộ Tài chính quy định:\n"
            "Tại Điều 4 sửa đổi, bổ sung Điều 6 Thông tư số 78/2014/TT-BTC (đã được sửa đổi, bổ sung tại\n"
            "Khoản 2 Điều 6 Thông tư số 119/2014/TT-BTC và Điều 1 Thông tư số 151/2014/TT-BTC) như sau:")
    edges = _edges(_place(_Region(0, text, "body", None))[0])
    assert edges == [
        (None, None, "96/2015/TT-BTC", False),
        ("96/2015/TT-BTC", "amends", "78/2014/TT-BTC", False),
        ("78/2014/TT-BTC", "amends", "119/2014/TT-BTC", True),
        ("78/2014/TT-BTC", "amends", "151/2014/TT-BTC", True),  # a sibling of a passive runs the same way
    ]


def test_an_issuer_group_ocr_read_without_its_stroke_takes_the_document_s_spelling():
    from extractors.citations import _restore_strokes
    from extractors.mentions import find_mentions

    mentions = find_mentions("Căn cứ Quyết định số 54/QĐ-BCDCCHC ngày 30 tháng 7 năm 2014 và Hướng dẫn số 12/HD-BCD")
    _restore_strokes(mentions, "46/QĐ-BCĐCCHC")
    assert [m.symbol for m in mentions] == ["54/QĐ-BCĐCCHC", "12/HD-BCD"]  # a type group stays as written


def test_documents_repealed_or_replaced_are_superseded_also_when_listed_under_a_lead_in():
    text = ("2. Bãi bỏ toàn bộ các quyết định sau:\na) Quyết định số 03/2025/QĐ-UBND ngày 03 tháng 02 năm 2025 "
            "của Ủy\nban nhân dân tỉnh Yên Bái ban hành Quy chế.\nb) Quyết định số 162/QĐ-UBND ngày 18 tháng 01 năm "
            "2018 của Ủy ban nhân dân tỉnh Lào Cai.\nQuyết định này thực hiện theo Kế hoạch số 7/KH-UBND ngày 02/01/2026.")
    placed = _place(_Region(0, text, "body", None))[0]
    assert [(p.mention.symbol, p.relation) for p in placed] == [
        ("03/2025/QĐ-UBND", "supersedes"), ("162/QĐ-UBND", "supersedes"), ("7/KH-UBND", "reference")]
    repealed = _place(_Region(0, "Bãi bỏ Quyết định số 12/2024/QĐ-UBND ngày 05/3/2024.", "body", None))[0]
    assert [p.relation for p in repealed] == ["supersedes"]


def test_a_repeal_list_in_paragraphs_of_its_own():
    from extractors.citations import extract_citations
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = ("QUYẾT ĐỊNH\n\nVề việc X\n\nĐiều 1. Ban hành Quy chế.\n\nĐiều 2. Bãi bỏ các quyết định sau:\n\n"
            "a) Quyết định số 03/2025/QĐ-UBND ngày 03/02/2025 của UBND tỉnh Yên Bái.\n\n"
            "b) Quyết định số 162/QĐ-UBND ngày 18/01/2018 của UBND tỉnh Lào Cai.\n\n"
            "Điều 3. Thực hiện Quyết định số 9/QĐ-UBND ngày 01/01/2025.\n")
    rows, _ = extract_citations(parse_structure(NormalizedText(text)), DocumentRow("d", "x.txt", "txt"))
    assert [(r.cited_symbol, r.relation) for r in rows] == [
        ("03/2025/QĐ-UBND", "supersedes"), ("162/QĐ-UBND", "supersedes"), ("9/QĐ-UBND", "implements")]


def test_a_second_document_joined_to_a_basis_by_and_is_a_basis_too():
    text = ("Căn cứ Thông tư số 23/2024/TT-BCT ngày 07/11/2024 của Bộ trưởng Bộ Công Thương quy định về quản lý "
            "vật liệu nổ công nghiệp và Thông tư số 38/2025/TT-BCT ngày 19/6/2025 của Bộ trưởng Bộ Công Thương;")
    assert [(p.mention.symbol, p.relation) for p in _place(_Region(0, text, "basis", None))[0]] == [
        ("23/2024/TT-BCT", "basis"), ("38/2025/TT-BCT", "basis")]


def test_a_law_named_again_by_its_name_and_day_takes_its_number():
    from extractors.citations import extract_citations
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = ("QUYẾT ĐỊNH\n\nVề việc X\n\nCăn cứ Luật số 42/2024/QH15 ngày 29/6/2024 về Quản lý, sử dụng vũ khí, vật liệu "
            "nổ và công cụ hỗ trợ;\n\nĐiều 1. Công ty thực hiện đầy đủ quy định tại Luật Quản lý, sử dụng vũ khí, vật "
            "liệu nổ và công cụ hỗ trợ ngày 29/6/2024 và Luật Đường bộ ngày 29/6/2024.\n")
    rows, _ = extract_citations(parse_structure(NormalizedText(text)), DocumentRow("d", "x.txt", "txt"))
    assert [(r.cited_symbol, r.cited_date, r.relation) for r in rows] == [
        ("42/2024/QH15", "2024-06-29", "basis"), ("42/2024/QH15", "2024-06-29", "reference"),
        (None, "2024-06-29", "reference")]  # another law of the same day keeps its name alone
