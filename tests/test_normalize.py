"""Normalization cases taken from the seed texts."""
import pytest

from models import Block, RawDocument
from pipeline.normalize import clean_line, continues_sentence, normalize


def raw_of(*paragraphs: str, pages=None) -> RawDocument:
    pages = pages or [None] * len(paragraphs)
    return RawDocument("x.txt", "txt", "0" * 16, [Block("paragraph", pg, p) for p, pg in zip(paragraphs, pages)])


@pytest.mark.parametrize(
    "given,expected",
    [
        ("**TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
        ("CHỦ TỊCH**", "CHỦ TỊCH"),
        ("gửi Ủy ban nhân dân phường (*qua phòng Văn hóa - Xã hội phường tổng hợp*).",
         "gửi Ủy ban nhân dân phường (qua phòng Văn hóa - Xã hội phường tổng hợp)."),
        ("theo nguyên tắc “*rõ người, rõ việc*”;", "theo nguyên tắc “rõ người, rõ việc”;"),
        # a spaced dash or a range of years is the document's wording; a symbol's or a bullet's is a hyphen
        ("Văn hoá – Xã hội", "Văn hóa – Xã hội"),
        ("giai đoạn 2021–2025", "giai đoạn 2021–2025"),
        ("Số: 12/KH–UBND", "Số: 12/KH-UBND"),
        ("– Các phòng chuyên môn;", "- Các phòng chuyên môn;"),
        ("Uỷ  ban\u00a0nhân dân ", "Ủy ban nhân dân"),
        ("1\tNhiệm vụ \t Công an phường\t\t", "1\tNhiệm vụ\tCông an phường\t\t"),
        ("Đề\u00adán", "Đềán"),
    ],
)
def test_clean_line(given, expected):
    assert clean_line(given) == expected


@pytest.mark.parametrize(
    "previous,following,joined",
    [
        # seed 000 Điều 3 > 1, a page break mid-sentence
        ("phát triển phường thông minh. Cho ý kiến", "về các chiến lược, chương trình", True),
        # seed 002 Quy chế Điều 7 > 3: cut before a capitalised word
        ("3. Tham gia xây dựng chương trình, kế hoạch công tác của Ban Chỉ đạo; phối hợp chuẩn bị nội dung, "
         "tài liệu phục vụ các phiên họp của Ban", "Chỉ đạo theo chức trách, nhiệm vụ được giao.", True),
        # a heading and its first paragraph stay apart
        ("2. Phòng Văn hóa - Xã hội phường", "Tham mưu triển khai, theo dõi, đôn đốc", False),
        ("1. Mục đích", "Quán triệt, tổ chức triển khai nghiêm túc", False),
        ("Điều 2. Chức năng của Ban Chỉ đạo", "Ban Chỉ đạo là tổ chức phối hợp liên ngành", False),
        # a finished sentence, a list item, the opening of a công văn
        ("báo cáo Ủy ban nhân dân phường.", "tiếp tục", False),
        ("Kế hoạch số 126/KH-UBND ngày 27/3/2026", "- Đối với các nhiệm vụ", False),
        ("và Đề án 06,", "Ủy ban nhân dân phường Hải An quán triệt các phòng", False),
        ("QUYẾT ĐỊNH", "Kiện toàn Ban Chỉ đạo của phường Hải An", False),
        # a page break inside a parenthesis
        ("đề nghị cơ quan, đơn vị kịp thời báo cáo Ủy ban nhân dân phường (qua",
         "Cơ quan thường trực Ban Chỉ đạo) để xem xét, giải quyết theo quy định.", True),
    ],
)
def test_continues_sentence(previous, following, joined):
    assert continues_sentence(previous, following) is joined


def test_footnotes_move_to_the_end_and_the_cut_sentence_rejoins():
    # seed 001: footnotes dropped between "đảm" and "bảo tiến độ"
    normalized = normalize(raw_of(
        "kiện toàn Tổ Công tác về triển khai Đề án 06⁴ đảm",
        "¹ Kế hoạch số 126/KH-UBND ngày 27/3/2026 của UBND phường Hải An",
        "⁴ Theo Công văn số 2441/UBND-VHXXH ngày 22/5/2026 của UBND phường",
        "bảo tiến độ, không để chậm muộn.",
        pages=[1, 1, 1, 2],
    ))
    text = normalized.text
    assert "Đề án 06⁴ đảm bảo tiến độ, không để chậm muộn." in text
    assert text.index("¹ Kế hoạch") > text.index("chậm muộn")
    assert text.endswith("⁴ Theo Công văn số 2441/UBND-VHXXH ngày 22/5/2026 của UBND phường")
    assert normalized.page_at(text.index("¹ Kế hoạch")) == 1


def test_markdown_separator_row_and_pipe_table():
    normalized = normalize(raw_of(
        "| STT | Nhiệm vụ | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Tuyên truyền | Công an phường |",
        "----\t--\t----------------",
    ))
    assert normalized.text == "STT\tNhiệm vụ\tĐơn vị chủ trì\n1\tTuyên truyền\tCông an phường"


def test_page_map_follows_joined_text():
    normalized = normalize(raw_of("Ban Chỉ đạo có quyền yêu cầu các cá nhân", "liên quan giải trình.", pages=[3, 4]))
    assert normalized.text == "Ban Chỉ đạo có quyền yêu cầu các cá nhân liên quan giải trình."
    assert normalized.page_at(0) == 3


def test_offsets_are_stable_on_seeds(seeds):
    from pipeline.readers import read_document

    for path in seeds:
        text = normalize(read_document(path)).text
        assert "**" not in text and "\r" not in text
        assert "hoá" not in text and "uỷ" not in text.lower()
        assert normalize(read_document(path)).text == text  # deterministic
