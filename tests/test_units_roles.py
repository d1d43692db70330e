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
        # group phrases stay one unit; an untyped partner after them is dropped
        ("các Sở, ban, ngành và UBND các xã, phường tăng cường kiểm tra",
         ["Các Sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]),
        ("Các sở, ban, ngành, đơn vị liên quan phối hợp, hướng dẫn", ["Các sở, ban, ngành"]),
        ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh, thành phố thực hiện",
         ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố"]),
        ("Các sở, ngành, Ủy ban nhân dân cấp xã, các đơn vị có liên quan căn cứ chức năng phối hợp",
         ["Các sở, ban, ngành", "Ủy ban nhân dân cấp xã"]),
        # `và` inside a name, `và` between two bodies
        ("Sở Nông nghiệp và Môi trường, Công an tỉnh và Sở Giáo dục và Đào tạo rà soát",
         ["Sở Nông nghiệp và Môi trường", "Công an tỉnh", "Sở Giáo dục và Đào tạo"]),
        # a role of a body, not a body
        ("cơ quan chủ trì và cơ quan phối hợp", []),
        ("Trường hợp có vướng mắc, báo cáo", []),
        # the verbs of laws and reports end a name too; `và` between two verbs is no name's
        ("Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo các sở thực hiện", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
        ("các thành viên ban chỉ đạo thực hiện", ["Thành viên Ban Chỉ đạo"]),
        ("Đoàn đại biểu Quốc hội quyết định và tổ chức thực hiện chương trình giám sát", ["Đoàn đại biểu Quốc hội"]),
        ("Đại biểu Quốc hội có thẩm quyền và thực hiện các hoạt động giám sát sau đây", ["Đại biểu Quốc hội"]),
        ("Cơ quan có thẩm quyền cấp giấy phép thực hiện", ["Cơ quan có thẩm quyền cấp giấy phép"]),
        ("Cục Sở hữu trí tuệ ra thông báo về việc duy trì hiệu lực", ["Cục Sở hữu trí tuệ"]),
        ("Ủy ban nhân dân cấp tỉnh thu hồi xác nhận kiến thức", ["Ủy ban nhân dân cấp tỉnh"]),
        ("Ủy ban nhân dân cấp xã cấp giấy chứng nhận", ["Ủy ban nhân dân cấp xã"]),
        ("Ủy ban nhân dân cấp tỉnh phê duyệt kế hoạch", ["Ủy ban nhân dân cấp tỉnh"]),
        # a province's statistics office, named as its tax office is since 2025; not the word for counting
        ("Thống kê tỉnh Lào Cai báo cáo số liệu", ["Thống kê tỉnh Lào Cai"]),
        ("Thống kê tình hình thực hiện", []),
        # the board of each of the smallest places is one unit
        ("Ban lãnh đạo thôn, tổ dân phố ngăn chặn các vi phạm", ["Ban lãnh đạo thôn, tổ dân phố"]),
        ("Trưởng thôn, tổ trưởng tổ dân phố thực hiện", ["Trưởng thôn", "Tổ trưởng tổ dân phố"]),
        # which members of a group: a clause with `có` after it
        ("UBND các phường, xã có tuyến đường đi qua và các đơn vị liên quan tổ chức công bố",
         ["Ủy ban nhân dân các phường, xã có tuyến đường đi qua"]),
        ("Ủy ban nhân dân các xã, phường có trách nhiệm thực hiện", ["Ủy ban nhân dân các xã, phường"]),
        # nouns that spell like task verbs: `đầu tư xây dựng`, `công trình`, `giao thông`
        ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh tiến độ",
         ["Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh"]),
        ("Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ", ["Ban Quản lý dự án đầu tư xây dựng số 1"]),
        ("Sở Tài chính trình Ủy ban nhân dân tỉnh", ["Sở Tài chính"]),
        ("Sở Tài chính giao Kho bạc thực hiện", ["Sở Tài chính"]),
        ("Cục Hàng không Việt Nam chủ trì", ["Cục Hàng không Việt Nam"]),  # `không` ends a name, not this one
        # `quản lý` after a name closed by its place is its verb; elsewhere it is part of the name
        ("Ban Tổ chức Tỉnh ủy quản lý bản kê khai tài sản", ["Ban Tổ chức Tỉnh ủy"]),
        ("Ban quản lý chợ nghiêm túc thực hiện việc kê khai", ["Ban quản lý chợ"]),  # an adverb ends a name
        ("Ủy ban nhân dân cấp xã quản lý trật tự xây dựng", ["Ủy ban nhân dân cấp xã"]),
        ("Ban quản lý dự án đầu tư xây dựng tỉnh tổ chức nghiệm thu", ["Ban quản lý dự án đầu tư xây dựng tỉnh"]),
        ("Cục Cảnh sát quản lý hành chính về trật tự xã hội chủ trì", ["Cục Cảnh sát quản lý hành chính"]),
        ("Trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên tổ chức",  # nor `thường xuyên` this one
         ["Trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên"]),
        ("Ban quản lý dự án đầu tư xây dựng không đủ điều kiện", ["Ban quản lý dự án đầu tư xây dựng"]),
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


def _roles_of(tmp_path, body_text: str, title: str = "Phân công nhiệm vụ thành viên Đoàn giám sát"):
    from pipeline.normalize import normalize
    from pipeline.readers import read_document
    from pipeline.structure import parse_structure

    path = tmp_path / "doc.txt"
    path.write_text("HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                    "Số: 11/TB-ĐGS\t\tAn Giang, ngày 05 tháng 3 năm 2025\n\nTHÔNG BÁO\n\n" + title + "\n\n"
                    + body_text + "\n", encoding="utf-8")
    return [(r.body, r.position, r.holder, r.person_name)
            for r in extract_roles(parse_structure(normalize(read_document(path))), "d")]


def test_member_lists_that_name_people(tmp_path):
    roles = _roles_of(tmp_path, (
        "1. Trưởng Đoàn giám sát: Ông Phạm Văn An - Chủ tịch HĐND tỉnh - phụ trách chung.\n\n"
        "a) Tổ công tác số 01: làm việc với UBND thành phố.\n\n- Thành phần gồm:\n\n"
        "(1) Bà Nguyễn Thị Bình - Phó Chủ tịch HĐND tỉnh, Phó Trưởng Đoàn giám sát - Tổ trưởng.\n\n"
        "(2) Ông Lê Văn Cường - Phó Trưởng Ban Kinh tế - Ngân sách HĐND tỉnh; (3) Ông Trần Văn Dũng - Giám đốc Sở "
        "Y tế;\n\n- Thư ký\n(1) Bà Đỗ Thị Em - Chuyên viên Văn phòng; số điện thoại: 0989.000.000."))
    assert roles == [
        ("Đoàn giám sát", "Trưởng đoàn", "Chủ tịch Hội đồng nhân dân tỉnh", "Phạm Văn An"),
        ("Đoàn giám sát", "Phó Trưởng đoàn", "Phó Chủ tịch Hội đồng nhân dân tỉnh", "Nguyễn Thị Bình"),
        ("Tổ công tác số 01", "Tổ trưởng", "Phó Chủ tịch Hội đồng nhân dân tỉnh", "Nguyễn Thị Bình"),
        ("Tổ công tác số 01", "Thành viên", "Phó Trưởng Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh", "Lê Văn Cường"),
        ("Tổ công tác số 01", "Thành viên", "Giám đốc Sở Y tế", "Trần Văn Dũng"),
        ("Tổ công tác số 01", "Thư ký", "Chuyên viên Văn phòng", "Đỗ Thị Em"),
    ]


def test_members_with_their_seat_after_a_comma_in_a_decision_that_sets_up_a_team(tmp_path):
    roles = _roles_of(tmp_path, (
        "Điều 1. Thành lập Đoàn kiểm tra, gồm các ông/bà sau đây:\n\n"
        "1. Ông: Hoàng Văn Hải - Phó Giám đốc Sở Công Thương, Trưởng đoàn;\n\n"
        "2. Bà: Nguyễn Hồng Vân - Chuyên viên phòng Quản lý công nghiệp, Sở Công Thương, Thư ký;"),
        title="Kiểm tra việc chấp hành quy định về hóa chất")
    assert roles == [("Đoàn kiểm tra", "Trưởng đoàn", "Phó Giám đốc Sở Công Thương", "Hoàng Văn Hải"),
                     ("Đoàn kiểm tra", "Thư ký", "Chuyên viên phòng Quản lý công nghiệp, Sở Công Thương",
                      "Nguyễn Hồng Vân")]


def test_composition_in_one_sentence_spreads_representatives_over_units(tmp_path):
    roles = _roles_of(tmp_path, (
        "1. Sở Công Thương báo cáo Ủy ban nhân dân tỉnh quyết định thành lập Hội đồng đánh giá gồm: Chủ tịch "
        "Hội đồng là Lãnh đạo Ủy ban nhân dân tỉnh, Thư ký Hội đồng là đại diện Lãnh đạo phòng chuyên môn, thành "
        "viên Hội đồng là đại diện các Sở Tài chính, Sở Nông nghiệp và Môi trường, UBND cấp xã và một số cơ quan, "
        "đơn vị có liên quan khác để chấm điểm."), title="Quy chế quản lý cụm công nghiệp")
    assert [(p, h) for _, p, h, _ in roles] == [
        ("Chủ tịch Hội đồng", "Lãnh đạo Ủy ban nhân dân tỉnh"), ("Thư ký", "Đại diện Lãnh đạo phòng chuyên môn"),
        ("Thành viên", "Đại diện Sở Tài chính"), ("Thành viên", "Đại diện Sở Nông nghiệp và Môi trường"),
        ("Thành viên", "Đại diện Ủy ban nhân dân cấp xã"),
        ("Thành viên", "Đại diện một số cơ quan, đơn vị có liên quan khác")]


def test_a_member_list_in_three_columns_of_bulleted_cells(tmp_path):
    roles = _roles_of(tmp_path, (
        "III. THÀNH LẬP BAN TỔ CHỨC\n\n1. Ban tổ chức\n\n- Ông: Trương Đình Nam\t- Bí thư ĐTN\t- Trưởng ban\n"
        "- Bà: Nguyễn Như Quỳnh\t- UV BTV\t- Thành viên"), title="Tổ chức đêm nhạc gây quỹ từ thiện")
    assert [(p, h, n) for _, p, h, n in roles] == [("Trưởng ban", "Bí thư ĐTN", "Trương Đình Nam"),
                                                  ("Thành viên", "UV BTV", "Nguyễn Như Quỳnh")]


@pytest.mark.parametrize("text,bodies", [
    ("Giao Chính phủ, Bộ Văn hoá, Thể thao và Du lịch và BỘ TÀI CHÍNH phối hợp",
     ["Chính phủ", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Tài chính"]),
    ("Thủ tướng Chính phủ giao Sở Lao động - Thương binh và Xã hội", ["Thủ tướng Chính phủ",
                                                                        "Sở Lao động - Thương binh và Xã hội"]),
    ("Bộ phận một cửa tiếp nhận hồ sơ", []),
])
def test_gazetteer_finds_public_bodies_by_their_official_names(text, bodies):
    from extractors.gazetteer import find_bodies

    assert [b.name for b in find_bodies(text)] == bodies


@pytest.mark.parametrize("text,name", [
    # a province's departments are the standard collective; other groups keep the document's words
    ("các sở, ban ngành và địa phương rà soát", "Các sở, ban, ngành, địa phương"),
    ("các Sở, ngành liên quan thực hiện", "Các Sở, ban, ngành"),
    ("các Bộ, ngành và địa phương liên quan xây dựng", "Các Bộ, ngành và địa phương liên quan"),
    ("các bộ, ngành liên quan khác phối hợp", "Các bộ, ngành liên quan khác"),
    ("các sở, ban, ngành, đơn vị liên quan phối hợp", "Các sở, ban, ngành"),
    ("các phòng, ban, ngành, đoàn thể, cơ sở thuộc xã tổ chức", "Các phòng, ban, ngành, đoàn thể, cơ sở thuộc xã"),
    ("các thôn làng, tổ dân phố xử lý", "Các thôn làng, tổ dân phố"),
])
def test_the_province_collective_has_one_spelling_other_groups_keep_theirs(text, name):
    assert unit_names(read_units(text)) == [name]


def test_a_team_set_out_in_one_table_cell(tmp_path):
    from extractors.roles import extract_roles
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = ("PHỤ LỤC II\nThành viên\tĐơn vị được kiểm tra\n"
            "Trương đoàn: Thứ trưởng Bộ Nội vụ. Thành viên: - Bộ Nội vụ; - Văn phòng Chính phủ: "
            "- Một số bộ, ngành khác theo yêu cầu.\tCác tỉnh: Hà Nam, Quảng Trị\n")  # OCR lost the tone of Trưởng
    roles = extract_roles(parse_structure(NormalizedText(text)), "d")
    assert [(r.position, r.holder) for r in roles] == [
        ("Trưởng đoàn", "Thứ trưởng Bộ Nội vụ"), ("Thành viên", "Bộ Nội vụ"), ("Thành viên", "Văn phòng Chính phủ"),
        ("Thành viên", "Một số bộ, ngành khác")]


def test_office_holders_given_a_seat_in_a_body():
    from extractors.roles import extract_roles
    from models.records import NormalizedText
    from pipeline.structure import parse_structure

    text = ("THÔNG BÁO\nKết luận của Trưởng Ban Chỉ đạo\n"
            "- Bộ trưởng, Thủ trưởng các cơ quan ngang bộ, cơ quan thuộc Chính phủ và Chủ tịch UBND các tỉnh làm "
            "Trưởng Ban Chỉ đạo Cải cách hành chính, trực tiếp lãnh đạo công tác cải cách.\n")
    roles = extract_roles(parse_structure(NormalizedText(text)), "d")
    assert [(r.position, r.holder, r.body) for r in roles] == [
        ("Trưởng ban", "Bộ trưởng", "Ban Chỉ đạo Cải cách hành chính"),
        ("Trưởng ban", "Thủ trưởng các cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ban Chỉ đạo Cải cách hành chính"),
        ("Trưởng ban", "Chủ tịch Ủy ban nhân dân các tỉnh", "Ban Chỉ đạo Cải cách hành chính"),
    ]


@pytest.mark.parametrize("text,names", [
    # a body the gazetteer knows ends where its name does, whatever verb follows
    ("Bộ Tài chính đa dạng hóa các nguồn vốn", ["Bộ Tài chính"]),
    ("Sở Y tế đẩy mạnh truyền thông", ["Sở Y tế"]),
    # ... unless a locality, a proper name or the list goes on
    ("Sở Tài chính tỉnh Lào Cai tổng hợp", ["Sở Tài chính tỉnh Lào Cai"]),
    ("Sở Y tế Đắk Lắk tổ chức", ["Sở Y tế Đắk Lắk"]),
    ("Bộ Công an, Bộ Quốc phòng và Sở Y tế thực hiện", ["Bộ Công an", "Bộ Quốc phòng", "Sở Y tế"]),
])
def test_a_known_body_s_name_ends_where_the_gazetteer_s_does(text, names):
    assert unit_names(read_units(text)) == names
