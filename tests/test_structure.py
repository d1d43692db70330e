"""Structure of each seed: header, căn cứ, parts, sections, tables, signature."""
import pytest

from pipeline.structure import match_marker, section_path

# stem prefix -> (căn cứ items, `Theo đề nghị` paragraphs included; part names, signature lines, footnotes, tables)
EXPECTED = {
    "000": (7, ["main"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Cao Huy Hiếu"], 0, 0),
    "001": (0, ["main"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Cao Huy Hiếu"], 8, 0),
    "002": (8, ["main", "Quy chế"], ["TRƯỞNG BAN", "CHỦ TỊCH UBND PHƯỜNG", "Phạm Thị Thanh Vân"], 0, 0),
    "003": (7, ["main"], ["KT. TRƯỞNG BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN CHỈ ĐẠO", "PHÓ CHỦ TỊCH UBND PHƯỜNG",
                          "Vũ Xuân Quỳnh"], 0, 0),
    "004": (10, ["main", "Phụ lục"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Vân Anh"],
            0, 1),
}


def by_prefix(structures, prefix):
    return next(s for stem, s in structures.items() if stem.startswith(prefix))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_structure(structures, prefix):
    can_cu, parts, signature, footnotes, tables = EXPECTED[prefix]
    s = by_prefix(structures, prefix)
    assert len(s.can_cu) == can_cu
    assert [p.name for p in s.parts] == parts
    assert [ln.text for ln in s.signature.lines] == signature
    assert len(s.footnotes) == footnotes
    assert len(s.tables) == tables
    for span in s.can_cu:
        assert s.text[span.start: span.end] == span.text


def test_articles_and_items_nest(structures):
    s = by_prefix(structures, "000")
    articles = s.parts[0].sections
    assert [a.label for a in articles] == [f"Điều {i}" for i in range(1, 10)]
    article1 = articles[0]
    assert [c.label for c in article1.children] == ["1", "2", "3", "4", "5"]
    members = article1.children[2].children
    assert [m.heading.text for m in members][:2] == ["- Phó Chủ tịch Ủy ban nhân dân phường.", "- Trưởng Công an phường."]
    assert members[1].path == ["Điều 1", "3", "-"]


def test_unbulleted_paragraph_after_bullets_belongs_to_the_item(structures):
    # seed 000 Điều 4 > 3: "Các Tổ Công tác có nhiệm vụ ..." sits between bullets
    s = by_prefix(structures, "000")
    offset = s.text.index("Các Tổ Công tác có nhiệm vụ giúp việc")
    assert section_path(s, offset) == "Điều 4 > 3"
    bullet = s.text.index("- Thành lập Tổ Giúp việc")
    assert section_path(s, bullet) == "Điều 4 > 3 > -"


def test_plan_sections_and_appendix_table(structures):
    s = by_prefix(structures, "004")
    main = s.parts[0]
    assert [r.label for r in main.sections] == ["I", "II", "II", "III", "IV"]
    subs = main.sections[3].children[0].children
    assert [x.label for x in subs] == ["1.1", "1.2", "1.3", "1.4"]
    table = s.tables[0]
    assert table.section_path == ["Phụ lục"]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]
    # page-break blank lines inside the table do not split it
    assert any(r.cells[0].text == "14" and "gián điệp mạng" in r.cells[1].text for r in table.rows)


def test_quy_che_is_its_own_part(structures):
    s = by_prefix(structures, "002")
    quy_che = s.parts[1]
    articles = [sec for chapter in quy_che.sections for sec in chapter.children if sec.kind == "article"]
    assert [a.label for a in articles] == [f"Điều {i}" for i in range(1, 15)]


@pytest.mark.parametrize(
    "line,kind,label",
    [
        ("Điều 6. Trách nhiệm của Công an phường", "article", "Điều 6"),
        ("IV. TỔ CHỨC THỰC HIỆN", "roman", "IV"),
        ("3. Giao phòng Văn hóa - Xã hội:", "number", "3"),
        ("5.10. Tăng cường giám sát", "subnumber", "5.10"),
        ("a) Thực hiện đầy đủ nhiệm vụ", "letter", "a"),
        ("đ) Các nhiệm vụ khác", "letter", "đ"),
        ("- Trưởng Công an phường.", "bullet", "-"),
        ("+ Chủ trì thực hiện", "plus", "+"),
        ("CHƯƠNG II NHIỆM VỤ VÀ QUYỀN HẠN", "chapter", "CHƯƠNG II"),
    ],
)
def test_markers(line, kind, label):
    found = match_marker(line)
    assert found is not None and found[:2] == (kind, label)


@pytest.mark.parametrize("line", ["100% cán bộ, công chức", "V/v triển khai", "Hải An, ngày 22 tháng 5 năm 2026", "2026 là năm",
                                  "- *", "---"])
def test_not_markers(line):
    assert match_marker(line) is None


def test_section_path_skips_chapters(structures):
    s = by_prefix(structures, "002")
    offset = s.text.index("Kiến nghị với Ủy ban nhân dân phường")
    assert section_path(s, offset) == "Quy chế > Điều 4 > 3"


def test_hard_wrapped_lines_part_into_paragraphs_at_sentence_ends():
    from pipeline.structure import split_lines

    lines = split_lines("a) Sở Tài chính chủ trì lập quy hoạch\ntỉnh theo quy định.\nSở Xây dựng hướng dẫn thủ tục.\n\nX")
    assert [ln.paragraph for ln in lines] == [0, 0, 1, 2]


def test_a_plan_issued_with_a_decision_is_its_own_part_even_when_the_scan_lost_the_signer():
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = "\n\n".join([
        "QUYẾT ĐỊNH", "Ban hành Kế hoạch kiểm tra năm 2026",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2026.",
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.",
        "Ng  y~n V ` n",  # the stamp covered the signer: no signature block is found
        "KẾ HOẠCH", "Kiểm tra năm 2026",
        "I. TỔ CHỨC THỰC HIỆN", "1. Bộ Nội vụ chủ trì tổ chức Đoàn kiểm tra.",
    ])
    s = parse_structure(NormalizedText(text))
    assert [p.name for p in s.parts] == ["main", "Kế hoạch"]
    assert s.parts[1].sections[0].heading.text == "I. TỔ CHỨC THỰC HIỆN"


def test_a_signature_with_a_portal_s_signed_note_closes_the_main_text():
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = "\n".join([
        "QUYẾT ĐỊNH", "Ban hành Quy chế một cửa", "Điều 1. Ban hành kèm theo Quyết định này Quy chế một cửa.",
        "Nơi nhận:", "- Các Bộ;", "- Lưu: VT.", "THỦ TƯỚNG", "Đã ký", "Nguyễn Văn An",
        "QUY CHẾ", "Một cửa", "Điều 1. Phạm vi điều chỉnh",
    ])
    s = parse_structure(NormalizedText(text))
    assert s.signature is not None and s.signature.name_line.text == "Nguyễn Văn An"
    assert [p.name for p in s.parts] == ["main", "Quy chế"]


def test_a_scan_s_debris_beside_the_recipients_does_not_part_the_signer_from_the_name():
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = "\n".join([
        "BÁO CÁO", "Kết quả thu hút đầu tư năm 2012", "1. Tình hình thu hút đầu tư trong năm.",
        "Nơi nhận:", "- Sở KH & ĐT;", "- Lưu: VT, QLĐT.", "TRƯỞNG BAN",
        "2/5: 5 TQ UÀI tà", ":", "- Lãnh đạo Ban;",  # the seal and the scribble, and the recipients' second column
        "Nguyễn Anh Quyền",
    ])
    s = parse_structure(NormalizedText(text))
    assert s.signature is not None and s.signature.name_line.text == "Nguyễn Anh Quyền"
    assert [ln.text for ln in s.signature.position_lines] == ["TRƯỞNG BAN"]
