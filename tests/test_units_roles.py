"""Unit names and roles, from real phrases of the seeds."""
import pytest

from extractors.roles import extract_roles, is_member_item
from extractors.units import UnitResolver, canonical_unit, read_units, split_unit_cell, unit_names


@pytest.mark.parametrize(
    "phrase,name",
    [
        ("Phòng Văn hóa Xã hội", "Phòng Văn hóa - Xã hội"),
        ("phòng VHXH", "Phòng Văn hóa - Xã hội"),
        ("phòng Văn hóa - Xã hội phường", "Phòng Văn hóa - Xã hội"),
        ("Văn phòng HĐND & UBND phường", "Văn phòng HĐND và UBND phường"),
        ("Văn phòng HĐND&UBND phường", "Văn phòng HĐND và UBND phường"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường", "Văn phòng HĐND và UBND phường"),
        ("Trung tâm Phục vụ Hành chính công", "Trung tâm Phục vụ hành chính công"),
        ("Các phòng, đơn vị", "Các phòng, đơn vị thuộc phường"),
        ("các phòng quản lý nhà nước, các cơ quan, đơn vị thuộc phường", "Các phòng, đơn vị thuộc phường"),
        ("các cơ quan, đơn vị thuộc UBND phường", "Các phòng, đơn vị thuộc phường"),
        ("Ủy ban Mặt trận Tổ quốc và các tổ chức, chính trị - xã hội phường",
         "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội phường"),
        ("Các tổ dân phố trên địa bàn", "Các tổ dân phố"),
        ("Giao Công an phường", "Công an phường"),
        ("các đơn vị liên quan", None),
        ("Tổ công nghệ số cộng đồng", "Tổ công nghệ số cộng đồng"),
    ],
)
def test_canonical_unit(phrase, name):
    assert canonical_unit(phrase) == name


@pytest.mark.parametrize(
    "text,names",
    [
        ("phòng Kinh tế, Hạ tầng và Đô thị, phòng Văn hóa - Xã hội, Công an phường rà soát, kiện toàn",
         ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội", "Công an phường"]),
        ("phòng Văn hóa - Xã hội phường, Công an phường và các đơn vị liên quan thực hiện",
         ["Phòng Văn hóa - Xã hội", "Công an phường"]),
        ("các Tổ Công tác, Tổ Giúp việc của Ban Chỉ đạo tham mưu", ["Các Tổ Công tác", "Tổ Giúp việc"]),
        ("Công an phường chủ trì, khẩn trương tham mưu", ["Công an phường"]),
        ("Tổ chức triển khai hiệu quả các cơ chế", []),
    ],
)
def test_read_units(text, names):
    assert unit_names(read_units(text)) == names


def test_table_cell_with_several_units():
    assert unit_names(split_unit_cell("Phòng VHXH; Công an phường")) == ["Phòng Văn hóa - Xã hội", "Công an phường"]


def test_resolver_folds_near_spellings_of_unknown_units():
    resolver = UnitResolver()
    assert resolver.resolve("Trạm Y tế phường") == "Trạm Y tế phường"
    assert resolver.resolve("Trạm Y tế  phuờng") == "Trạm Y tế phường"
    assert resolver.resolve("Công an phường") == "Công an phường"


@pytest.mark.parametrize(
    "text,member",
    [
        ("Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường.", True),
        ("Phó Trưởng Ban Chỉ đạo:", True),
        ("Phó Trưởng Ban Thường trực Ban Chỉ đạo: Giúp Trưởng Ban Chỉ đạo trực tiếp điều phối", False),
        ("Phạm vi điều chỉnh: Quy chế này quy định", False),
    ],
)
def test_member_items(text, member):
    assert is_member_item(text) is member


def test_roles_of_a_decision_that_sets_up_a_body():
    from pipeline.normalize import normalize
    from tests.test_normalize import raw_of
    from pipeline.structure import parse_structure

    text = [
        "QUYẾT ĐỊNH", "Thành lập Ban Chỉ đạo chuyển đổi số phường",
        "Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số phường (sau đây gọi tắt là Ban Chỉ đạo), gồm các thành viên sau:",
        "1. Trưởng ban: Ông Nguyễn Văn An, Chủ tịch UBND phường.",
        "2. Thành viên:\n- Bà Trần Thị Bình, Trưởng phòng Văn hóa - Xã hội phường.\n- Trưởng Công an phường.",
        "Điều 2. Trách nhiệm của Công an phường",
        "1. Là cơ quan thường trực của Ban Chỉ đạo.",
        "- Thành lập Tổ Giúp việc cho Ban Chỉ đạo do đồng chí Phó Trưởng Công an phường làm Tổ trưởng.",
    ]
    structure = parse_structure(normalize(raw_of(*text)))
    roles = [(r.body, r.position, r.holder, r.person_name) for r in extract_roles(structure, "d")]
    assert roles == [
        ("Ban Chỉ đạo", "Trưởng ban", "Chủ tịch Ủy ban nhân dân phường", "Nguyễn Văn An"),
        ("Ban Chỉ đạo", "Thành viên", "Trưởng phòng Văn hóa - Xã hội phường", "Trần Thị Bình"),
        ("Ban Chỉ đạo", "Thành viên", "Trưởng Công an phường", None),
        ("Ban Chỉ đạo", "Cơ quan thường trực", "Công an phường", None),
        ("Tổ Giúp việc cho Ban Chỉ đạo", "Tổ trưởng", "Phó Trưởng Công an phường", None),
    ]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Nguyễn Văn An, Chủ tịch UBND phường", "Nguyễn Văn An"),
        ("Nguyễn Thị Vân Anh - Phó Chủ tịch UBND phường", "Nguyễn Thị Vân Anh"),
        ("Trưởng Công an phường", None),
        ("Chủ tịch Ủy ban nhân dân phường, Trưởng ban", None),
    ],
)
def test_person_names_without_honorific(text, name):
    from extractors.roles import leading_person_name

    assert leading_person_name(text) == name
