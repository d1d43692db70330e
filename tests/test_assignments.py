"""Assignments: task tables in their forms, duties, directives; seeds against gold."""
import json

import duckdb
import pytest

from extractors.assignments import _directive_leads, extract_assignments, table_columns
from pipeline.normalize import normalize
from pipeline.runner import run_loop
from pipeline.structure import parse_structure
from tests.conftest import GOLD
from tests.test_normalize import raw_of


def assignments_of(*paragraphs, year=2026):
    structure = parse_structure(normalize(raw_of(*paragraphs)))
    return extract_assignments(structure, "d", year)


@pytest.mark.parametrize(
    "cells,roles",
    [
        (["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm đầu ra", "Thời gian thực hiện/ hoàn thành"],
         {"index": 0, "task": 1, "lead": 2, "support": 3, "output": 4, "deadline": 5}),
        (["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả/sản phẩm", "Thời hạn"],
         {"index": 0, "task": 1, "lead": 2, "support": 3, "output": 4, "deadline": 5}),
        (["Thời hạn", "Chủ trì", "Nội dung công việc"], {"deadline": 0, "lead": 1, "task": 2}),
        (["STT", "Chỉ tiêu", "Năm 2026"], {}),
        # who leads, named otherwise: the people who do it, or a post
        (["TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú"], {"index": 0, "task": 1, "lead": 2}),
        (["STT", "Vị trí công việc", "Danh mục nhiệm vụ cốt lõi", "Chỉ số KPI / Kết quả cốt lõi"],
         {"index": 0, "lead": 1, "task": 2, "output": 3}),
        # a column a unit leads is a task's without saying `nhiệm vụ`: the first one free
        (["STT", "DANH SÁCH CÁC VBQPPL SỬA ĐỔI", "ĐIỀU, KHOẢN CẦN SỬA ĐỔI", "CƠ QUAN CHỦ TRÌ SOẠN THẢO"],
         {"index": 0, "lead": 3, "task": 1}),
        (["STT", "Tên đơn vị", "Người phụ trách", "Số điện thoại"], {}),  # a contact list, no task
    ],
)
def test_header_recognition(cells, roles):
    assert table_columns(cells) == roles


def test_table_rows_groups_continuations_and_other_column_order():
    rows = assignments_of(
        "TT\tThời hạn\tCơ quan chủ trì\tNội dung\tCơ quan phối hợp\tKết quả/sản phẩm",
        "I. NHIỆM VỤ TRỌNG TÂM\t\t\t\t\t",
        "1\tQuý II/2026\tPhòng VHXH\tTuyên truyền chuyển đổi số\tCông an phường; Văn phòng HĐND & UBND phường\tBáo cáo",
        "\t\t\t(hội nghị, hội thảo, tọa đàm)\t\t",
        "2\tThường xuyên\tCông an phường\tBảo đảm an toàn thông tin\t\tKế hoạch",
    )
    assert [(r.kind, r.section, r.task, r.lead, r.support, r.output, r.due_date, r.ongoing) for r in rows] == [
        ("table_row", "I. NHIỆM VỤ TRỌNG TÂM > 1", "Tuyên truyền chuyển đổi số (hội nghị, hội thảo, tọa đàm)",
         ["Phòng Văn hóa - Xã hội"], ["Công an phường", "Văn phòng HĐND và UBND phường"], "Báo cáo", "2026-06-30",
         False),
        ("table_row", "I. NHIỆM VỤ TRỌNG TÂM > 2", "Bảo đảm an toàn thông tin", ["Công an phường"], [], "Kế hoạch",
         None, True),
    ]


def test_pipe_table_in_text():
    rows = assignments_of("| STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n"
                          "| 1 | Rà soát thủ tục | Trung tâm Phục vụ hành chính công | Tháng 9/2026 |")
    assert [(r.task, r.lead, r.due_date) for r in rows] == [
        ("Rà soát thủ tục", ["Trung tâm Phục vụ hành chính công"], "2026-09-30")]


def test_duties_under_a_unit_heading_one_per_paragraph():
    rows = assignments_of(
        "IV. TỔ CHỨC THỰC HIỆN",
        "2. Phòng Văn hóa - Xã hội phường",
        "Tham mưu triển khai, theo dõi, đôn đốc các cơ quan, đơn vị thực hiện.",
        "Phối hợp với Công an phường và các đơn vị liên quan thực hiện các nhiệm vụ; báo cáo trước ngày 05/12 hằng năm.",
        "3. Giao Công an phường:",
        "- Chủ trì bảo đảm an toàn, an ninh mạng.",
    )
    assert [(r.kind, r.section, r.lead, r.support, r.recurrence) for r in rows] == [
        ("duty", "IV > 2", ["Phòng Văn hóa - Xã hội"], [], None),
        ("duty", "IV > 2", ["Phòng Văn hóa - Xã hội"], ["Công an phường"], "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5"),
        ("duty", "IV > 3 > -", ["Công an phường"], [], None),
    ]


def test_article_of_responsibilities_and_standing_body():
    from extractors.roles import extract_roles, standing_bodies

    structure = parse_structure(normalize(raw_of(
        "Điều 9. Nhiệm vụ, quyền hạn của Cơ quan thường trực của Ban Chỉ đạo",
        "Công an phường làm nhiệm vụ Cơ quan Thường trực của Ban Chỉ đạo có nhiệm vụ, quyền hạn sau đây:",
        "1. Xây dựng, trình Trưởng Ban Chỉ đạo ban hành kế hoạch công tác hằng năm.",
        "2. Trực tiếp làm việc và đề nghị các cơ quan, đơn vị phối hợp cung cấp các thông tin cần thiết.",
    )))
    rows = extract_assignments(structure, "d", 2026, None, standing_bodies(extract_roles(structure, "d")))
    assert [(r.lead, r.support, r.recurrence) for r in rows] == [
        (["Công an phường"], [], "FREQ=YEARLY"), (["Công an phường"], ["Các cơ quan, đơn vị"], None)]


@pytest.mark.parametrize(
    "sentence,leads",
    [
        ("Giao Công an phường chủ trì, tham mưu Ủy ban nhân dân phường tăng cường công tác bảo đảm an toàn",
         ["Công an phường"]),
        ("Đối với các nhiệm vụ thuộc Đề án 06, Ủy ban nhân dân phường Hải An đề nghị Công an phường chủ trì",
         ["Công an phường"]),
        ("Căn cứ Quyết định này phòng Kinh tế, Hạ tầng và Đô thị, phòng Văn hóa - Xã hội, Công an phường rà soát",
         ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội", "Công an phường"]),
        ("Định kỳ 6 tháng hoặc khi có yêu cầu của các cơ quan thẩm quyền cấp trên liên quan, các thành viên Ban "
         "Chỉ đạo báo cáo bằng văn bản", ["Thành viên Ban Chỉ đạo"]),
        # a rule's case, then its subject after `thì`
        ("Trường hợp dự án nằm trong khu kinh tế thì Ban Quản lý khu kinh tế sẽ chủ trì thẩm định",
         ["Ban Quản lý khu kinh tế"]),
        ("Các thành viên Ban Chỉ đạo được quyền giao đơn vị đầu mối chủ trì", ["Thành viên Ban Chỉ đạo"]),
        # a fronted purpose, time or connective before the comma, then the subject
        ("Để bảo đảm an toàn hồ đập, Ban Chỉ huy các huyện thực hiện các nội dung sau:", ["Ban Chỉ huy các huyện"]),
        ("Thời gian tới, Bộ Tài chính cần tập trung triển khai các nhiệm vụ trọng tâm sau đây:", ["Bộ Tài chính"]),
        ("Đồng thời, Sở Tài chính tham mưu bố trí kinh phí thực hiện", ["Sở Tài chính"]),
        # `phân công` hands a task as `giao` does; `được phân công` tells who already has one
        ("Phân công Sở Nội vụ chủ trì tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh", ["Sở Nội vụ"]),
        ("Các nhiệm vụ được phân công Sở Nội vụ theo dõi chung", None),
        # a request that opens its sentence, to a typed group the unit table does not know; inside a rule, none
        ("Đề nghị Chủ đầu tư tổ chức khảo sát khối lượng bồi thường", ["Chủ đầu tư"]),
        ("Về hạ tầng: Đề nghị các chủ đầu tư hạ tầng cụm công nghiệp thực hiện đầu tư đầy đủ",
         ["Các chủ đầu tư hạ tầng cụm công nghiệp"]),
        ("Việc chấp thuận chủ trương đầu tư đồng thời giao chủ đầu tư đối với trường hợp khu đất chưa có", None),
        # a request made in order to ask is no task (`để đề nghị`), nor is a proposal in prose the addressee's
        ("Thực hiện rà soát các vướng mắc về quy hoạch để đề nghị Cục Địa chất và Khoáng sản Việt Nam xem xét", None),
        ("Sở Nội vụ đề xuất Ủy ban nhân dân tỉnh khen thưởng các tập thể", ["Sở Nội vụ"]),
        # `tập trung` before a verb is the verb; after a noun it qualifies it; an adverb ends a holder's name
        ("Đơn vị mua sắm tập trung thực hiện mua sắm theo quy định", ["Đơn vị mua sắm tập trung"]),
        ("Phân công Phó Thủ tướng Lê Minh Khái sớm tổ chức cuộc họp với Bộ Tài chính", ["Phó Thủ tướng Lê Minh Khái"]),
        ("Phân công Hội đồng Dân tộc, Ủy ban của Quốc hội thẩm tra báo cáo", ["Hội đồng Dân tộc", "Ủy ban của Quốc hội"]),
        # an adverb before the verb; a verb that founds a body
        ("Chi cục Hải quan khu vực thường xuyên giám sát tại địa điểm kinh doanh", ["Chi cục Hải quan khu vực"]),
        ("Ủy ban nhân dân cấp tỉnh thành lập Ban quản lý dự án", ["Ủy ban nhân dân cấp tỉnh"]),
        ("Ủy ban nhân dân cấp tỉnh có thể tổ chức thẩm định", ["Ủy ban nhân dân cấp tỉnh"]),
        ("Thanh tra tỉnh trưng tập cán bộ của thanh tra sở tham gia", ["Thanh tra tỉnh"]),
        ("Đối với vốn bổ sung có mục tiêu, Ủy ban nhân dân cấp xã lập danh mục dự án gửi Sở Tài chính, để Ủy ban "
         "nhân dân cấp xã giao các đơn vị lập báo cáo", ["Ủy ban nhân dân cấp xã"]),
        # the unit reader ends a name at a verb the tagger calls a noun; `thuộc` is a name's word
        ("Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo thực hiện nghị quyết", ["Đảng ủy Ủy ban nhân dân tỉnh"]),
        ("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương chú trọng kiểm tra",
         ["Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"]),
        ("Phòng Kinh tế thuộc Ủy ban nhân dân cấp xã là đầu mối trực tiếp, đánh giá và báo cáo",
         ["Phòng Kinh tế thuộc Ủy ban nhân dân cấp xã"]),
        ("Thuế thu nhập cá nhân đối với thu nhập từ tiền lương được xác định theo biểu", None),  # a tax, no office
        # no name ends with a word that needs one more, nor is a meeting room a body
        ("Chủ đầu tư được ủy quyền cho Ban quản lý dự án phê duyệt thiết kế", None),
        ("Cơ quan thường vụ của tổ chức chính trị - xã hội yêu cầu người đứng đầu", None),
        ("Phòng họp số 1, tầng 2, trụ sở Văn phòng Ủy ban nhân dân tỉnh.", None),
        # a head alone, where the tagger cut a name, is no lead
        ("Ban quản lý dự án đầu tư xây dựng không đủ điều kiện thì báo cáo", None),
        # a subject narrowed by a participle up to its duty
        ("Các doanh nghiệp được thuê đất trong cụm công nghiệp có trách nhiệm giữ vệ sinh chung",
         ["Các doanh nghiệp được thuê đất trong cụm công nghiệp"]),
        # rules of work and plain statements give no task
        ("Ban Chỉ đạo có quyền yêu cầu các phòng chuyên môn và các cá nhân liên quan giải trình", None),
        ("Các thành viên Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm", None),
        ("Ban Chỉ đạo là tổ chức phối hợp liên ngành, có chức năng nghiên cứu", None),
        ("Tổ chức triển khai hiệu quả các cơ chế, chính sách", None),
    ],
)
def test_directive_leads(sentence, leads):
    found = _directive_leads(sentence)
    assert (found[0] if found else None) == leads


def test_a_title_in_capitals_is_not_part_of_the_paragraphs_below_it():
    rows = assignments_of(
        "VI. CHẾ ĐỘ BÁO CÁO",
        "Các phòng, đơn vị báo cáo kết quả về Phòng Kế hoạch - Tổng hợp trước ngày 18 hằng tháng.",
        "Phòng Kế hoạch - Tổng hợp tổng hợp, báo cáo Lãnh đạo Sở.",
    )
    assert [(r.task[:20], r.recurrence) for r in rows] == [
        ("Các phòng, đơn vị bá", "FREQ=MONTHLY;BYMONTHDAY=18"), ("Phòng Kế hoạch - Tổn", None)]


def test_clauses_under_a_group_heading_each_name_their_unit():
    rows = assignments_of(
        "8. Các Ban Quản lý dự án đầu tư xây dựng",
        "Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ Dự án đường trục chính; Ban Quản lý dự án "
        "đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh tiến độ tuyến đường kết nối.",
    )
    assert [r.lead for r in rows] == [["Ban Quản lý dự án đầu tư xây dựng số 1"],
                                      ["Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh"]]


def test_a_clause_going_on_a_task_gives_no_new_lead():
    rows = assignments_of(
        "7. Ủy ban nhân dân các xã",
        "Phối hợp chặt chẽ với chủ đầu tư giải phóng mặt bằng; khẩn trương giao Ban Quản lý dự án cấp xã lập "
        "hồ sơ, hoàn thành trước ngày 30/7/2026.",
    )
    assert [(r.lead, r.due_date) for r in rows] == [(["Ủy ban nhân dân các xã"], "2026-07-30")]


def test_an_item_naming_whom_it_concerns_before_a_colon_gives_them_the_task():
    rows = assignments_of(
        "6. Tổ chức thực hiện",
        "6.1. Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện nghiêm túc Kế hoạch.",
        "6.2 Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản; cử đại diện làm việc với Đoàn.",
        "6.3. Trách nhiệm của Sở Tài chính: bố trí kinh phí.",
    )
    assert [(r.lead, r.task[:20]) for r in rows] == [
        (["Đoàn kiểm tra"], "Các thành viên Đoàn "), (["Đơn vị được kiểm tra"], "Chuẩn bị báo cáo bằn"),
        (["Sở Tài chính"], "Bố trí kinh phí.")]


def test_a_notices_closing_formula_is_no_task_however_long_its_addressees():
    rows = assignments_of(
        "Văn phòng Chính phủ thông báo đề các Bộ, cơ quan, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
        "và các cơ quan liên quan biết, thực hiện./.",  # `đề`: how OCR read `để`
    )
    assert rows == []


def test_a_note_in_brackets_under_a_duty_heading_is_no_task():
    rows = assignments_of(
        "2. Ủy ban nhân dân các xã, phường:",
        "- Tổ chức kiểm tra hoạt động khai thác khoáng sản trên địa bàn.",
        "(Một số nhiệm vụ trọng tâm có Phụ lục kèm theo)",
    )
    assert [r.task[:20] for r in rows] == ["Tổ chức kiểm tra hoạ"]


def test_praise_in_a_conclusion_is_not_a_task():
    assert assignments_of("Ủy ban nhân dân tỉnh ghi nhận và đánh giá cao nỗ lực của các sở, ngành.") == []


def test_closing_formulas_are_not_tasks():
    rows = assignments_of(
        "Điều 3. Chánh Văn phòng HĐND và UBND phường, Trưởng phòng Văn hóa - Xã hội, Thủ trưởng các cơ quan, "
        "đơn vị liên quan căn cứ Quyết định thi hành./.",
        "Yêu cầu Thủ trưởng các đơn vị chủ động nghiên cứu, nghiêm túc tổ chức triển khai thực hiện Kế hoạch này.",
    )
    assert rows == []


@pytest.fixture(scope="module")
def seed_dataset(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("assign")
    run_loop([seeds[0].parent], out)
    return out


def test_every_seed_table_row(seed_dataset):
    from pipeline.evaluate import evaluate

    result = evaluate(GOLD, seed_dataset)
    assert result["assignments"]["by_kind"]["table_row"]["f1"] == 1.0
    assert result["roles"]["f1"] == 1.0
    assert result["assignments"]["f1"] >= 0.9
    for name in ("support", "due_date", "recurrence", "ongoing"):
        assert result["assignments"]["fields"][name] >= 0.95, name


def test_one_canonical_unit_across_documents(seed_dataset):
    con = duckdb.connect(str(seed_dataset / "vanban.duckdb"), read_only=True)
    docs = con.execute(
        "SELECT count(DISTINCT doc_id) FROM assignments WHERE list_contains(lead, 'Phòng Văn hóa - Xã hội')"
    ).fetchone()[0]
    assert docs >= 3
    aliases = con.execute(
        "SELECT aliases FROM units WHERE name = 'Văn phòng HĐND và UBND phường' AND locality = 'phường Hồng Bàng'"
    ).fetchone()[0]
    assert "Văn phòng HĐND & UBND phường" in aliases


def test_evidence_offsets(seed_dataset):
    import pandas as pd

    docs = pd.read_parquet(seed_dataset / "documents.parquet").set_index("doc_id")
    for table in ("assignments", "roles", "citations"):
        for row in pd.read_parquet(seed_dataset / f"{table}.parquet").itertuples():
            assert docs.loc[row.doc_id, "text"][row.start: row.end] == row.raw, table


def test_gold_table_rows_have_their_sections(seed_dataset):
    import pandas as pd

    rows = pd.read_parquet(seed_dataset / "assignments.parquet")
    sections = set(rows[rows.kind == "table_row"].section)
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text(encoding="utf-8"))
    assert {a["section"] for a in gold["assignments"] if a["kind"] == "table_row"} <= sections


def test_column_numbering_row_is_not_a_task():
    rows = assignments_of(
        "STT\tNội dung\tCơ quan chủ trì\tThời hạn",
        "(1)\t(2)\t(3)\t(4)",
        "1\tRà soát thủ tục hành chính\tTrung tâm Phục vụ hành chính công\tQuý IV/2026",
    )
    assert [(r.task, r.due_date) for r in rows] == [("Rà soát thủ tục hành chính", "2026-12-31")]


def test_table_leads_people_groups_merged_cells_and_shifted_cells():
    rows = assignments_of(
        "TT\tNhiệm vụ thực hiện\tNgười thực hiện\tGhi chú",
        "1\tRà soát điều kiện của học viên\tĐỗ Mạnh Cường Vũ Việt Linh\t",
        "2\tXây dựng bài kiểm tra, đáp án\tNguyễn Thị Loan\t",
    )
    assert [r.lead for r in rows] == [["Đỗ Mạnh Cường", "Vũ Việt Linh"], ["Nguyễn Thị Loan"]]
    rows = assignments_of(
        "STT\tVị trí công việc\t\tDanh mục nhiệm vụ cốt lõi\t",
        "1\tPhó Chủ tịch HĐND tỉnh\tChỉ đạo điều hòa hoạt động của các Ban.\t\t",  # cells shifted by one
        "\t\t\tTheo dõi việc thực hiện nghị quyết.\t",  # the post's cell merged over this row
    )
    assert [(r.lead, r.task) for r in rows] == [
        (["Phó Chủ tịch Hội đồng nhân dân tỉnh"], "Chỉ đạo điều hòa hoạt động của các Ban."),
        (["Phó Chủ tịch Hội đồng nhân dân tỉnh"], "Theo dõi việc thực hiện nghị quyết.")]
    rows = assignments_of(
        "TT\tTên nhiệm vụ\tSở, ngành chủ trì\tThời gian thực hiện",
        "1\tTăng cường kiểm tra, giám sát\tCác Sở, ban, ngành và UBND các xã, phường\tThường xuyên",
    )
    assert rows[0].lead == ["Các Sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]


def test_duties_under_a_heading_naming_bodies_the_unit_table_does_not_know():
    rows = assignments_of(
        "IV. TỔ CHỨC THỰC HIỆN",
        "2. Sở Nông nghiệp và Môi trường",
        "- Rà soát các mỏ đủ điều kiện đấu giá quyền khai thác khoáng sản.",
        "- Chủ trì, phối hợp với Thuế tỉnh kiểm soát sản lượng khai thác.",
        "3. Thuế tỉnh; Công an tỉnh",
        "- Tăng cường kiểm tra việc kê khai, nộp thuế của các đơn vị khai thác.",
        "4. Tăng cường công tác kiểm tra",  # a heading with a verb names no unit
        "- Kiểm tra thường xuyên các mỏ.",
    )
    assert [(r.lead, r.task[:30]) for r in rows] == [
        (["Sở Nông nghiệp và Môi trường"], "Rà soát các mỏ đủ điều kiện đấ"),
        (["Sở Nông nghiệp và Môi trường"], "Chủ trì, phối hợp với Thuế tỉn"),
        (["Thuế tỉnh", "Công an tỉnh"], "Tăng cường kiểm tra việc kê kh"),
    ]


@pytest.mark.parametrize("sentence,leads", [
    # subjects the unit table does not know, up to the verb underthesea tags
    ("Sở Nông nghiệp và Môi trường tổng hợp, tham mưu Ủy ban nhân dân tỉnh báo cáo kết quả.",
     ["Sở Nông nghiệp và Môi trường"]),
    ("Các cấp, ngành chủ động xây dựng kế hoạch thanh tra định kỳ.", ["Các cấp, ngành"]),
    ("Các Sở, ban, ngành và UBND cấp xã, phường nêu cao trách nhiệm người đứng đầu.",
     ["Các Sở, ban, ngành", "Ủy ban nhân dân cấp xã, phường"]),
    ("Chủ đầu tư chỉ đạo các nhà thầu có phương án bảo đảm an toàn.", ["Chủ đầu tư"]),
    # not a subject: a verb spelled like a head, a label, a report of what was done
    ("Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng.", None),
    ("Đơn vị chủ trì: Phòng Quản lý Công nghiệp.", None),
    ("Sở Công Thương đã ban hành văn bản hướng dẫn.", None),
])
def test_subjects_read_with_part_of_speech_tags(sentence, leads):
    from extractors.assignments import tagged_subject

    found = tagged_subject(sentence)
    assert (found[0] if found else None) == leads


def test_task_cards_fold_their_labels_into_the_tasks_above_them():
    rows = assignments_of(
        "III. NHIỆM VỤ",
        "1. Phát triển công nghiệp hỗ trợ",
        "- Tham mưu xây dựng chính sách thu hút đầu tư.",
        "- Đôn đốc doanh nghiệp đổi mới công nghệ.",
        "Lãnh đạo phụ trách: Phó Giám đốc Nguyễn Văn A.",
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.",
        "2. Khảo sát nhu cầu hỗ trợ pháp lý của doanh nghiệp",
        "- Đơn vị chủ trì: Sở Tư pháp.",
        "- Đơn vị phối hợp thực hiện: Sở Nội vụ và Ban Quản lý các khu công nghiệp tỉnh.",
        "- Thời gian thực hiện: Quý IV/2026.",
        "- Sản phẩm: Báo cáo kết quả khảo sát.",
    )
    assert [(r.kind, r.lead, r.support, r.task[:28], r.due_date, r.output) for r in rows] == [
        ("duty", ["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Văn phòng Sở"],
         "Tham mưu xây dựng chính sách", None, None),
        ("duty", ["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Văn phòng Sở"],
         "Đôn đốc doanh nghiệp đổi mới", None, None),
        ("duty", ["Sở Tư pháp"], ["Sở Nội vụ", "Ban Quản lý các khu công nghiệp tỉnh"],
         "Khảo sát nhu cầu hỗ trợ pháp", "2026-12-31", "Báo cáo kết quả khảo sát"),
    ]


def test_items_naming_their_own_unit_under_a_heading():
    rows = assignments_of(
        "Điều 5. Trách nhiệm Sở Công Thương",  # no `của`
        "1. Chủ trì thẩm định hồ sơ thành lập cụm công nghiệp.",
        "Điều 6. Điều chỉnh phương án",
        "2. Trách nhiệm của các cơ quan, đơn vị:",
        "a) Sở Tài chính chủ trì, phối hợp với các sở, ngành lập quy hoạch",
        "tỉnh theo quy định.",  # a sentence wrapped after its first line is not a heading naming units
        "b) Ủy ban nhân dân cấp xã rà soát, đề xuất điều chỉnh, gửi Sở Công Thương.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "3. Phòng Quản lý Thương mại: Phối hợp thực hiện các nhiệm vụ xúc tiến đầu tư.",
        "12",  # a page number between paragraphs
    )
    assert [(r.kind, r.lead, r.task[:20]) for r in rows] == [
        ("duty", ["Sở Công Thương"], "Chủ trì thẩm định hồ"),
        ("directive", ["Sở Tài chính"], "Sở Tài chính chủ trì"),
        ("directive", ["Ủy ban nhân dân cấp xã"], "Ủy ban nhân dân cấp "),
        ("duty", ["Phòng Quản lý Thương mại"], "Phối hợp thực hiện c"),
    ]


@pytest.mark.parametrize("sentence,leads", [
    ("Công tác thanh tra do Thanh tra tỉnh thực hiện.", ["Thanh tra tỉnh"]),  # the agent of a passive
    ("Sở Công Thương là cơ quan đầu mối quản lý nhà nước về cụm công nghiệp.", ["Sở Công Thương"]),
    ("Nếu hồ sơ chưa đầy đủ, Sở Xây dựng có văn bản gửi chủ đầu tư.", ["Sở Xây dựng"]),
    ("Ban hành Công văn chỉ đạo các trường thực hiện.", None),  # a verb, not the head `Ban`
    # central bodies without a head noun (the gazetteer), a locality shared by the bodies before it
    ("Chính phủ, Hội đồng nhân dân, Ủy ban nhân dân thành phố Hải Phòng có trách nhiệm tổ chức thi hành.",
     ["Chính phủ", "Hội đồng nhân dân thành phố Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"]),
    ("Giao Chính phủ, căn cứ vào Nghị quyết này, tổ chức việc xác định diện tích.", ["Chính phủ"]),
    # a qualifying phrase between the subject and its verb; deputies as a unit
    ("Hội đồng Dân tộc, Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Nam Định, trong phạm vi nhiệm vụ, "
     "quyền hạn của mình, giám sát việc thực hiện.",
     ["Hội đồng Dân tộc", "Đoàn đại biểu Quốc hội tỉnh Nam Định", "Đại biểu Quốc hội tỉnh Nam Định"]),
    ("Các sở, ngành và các đơn vị có liên quan căn cứ chức năng nhiệm vụ được giao phối hợp thẩm định.",
     ["Các sở, ban, ngành"]),
    # a verb of a wrapped line; a nominalised verb (`việc thực hiện`) inside a unit's name
    ("Các sở, ngành, đơn vị có liên quan có trách\nnhiệm phối hợp.", ["Các sở, ban, ngành"]),
    ("Chính quyền địa phương các xã liên quan đến việc thực hiện sáp nhập có trách nhiệm bàn giao hồ sơ.",
     ["Chính quyền địa phương các xã liên quan đến việc thực hiện sáp nhập"]),
    # a name with a comma the gazetteer knows; an office-holder after `Ủy quyền cho`
    ("Bộ Văn hóa, Thể thao và Du lịch chủ trì hướng dẫn.", ["Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Ủy quyền cho Giám đốc Sở Y tế thực hiện việc cấp giấy phép.", ["Giám đốc Sở Y tế"]),
    # a team named for its work; an office and the bodies it serves
    ("Đoàn kiểm tra thực hiện các quyền theo quy định.", ["Đoàn kiểm tra"]),
    ("Chánh Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh chịu trách nhiệm tổ chức triển khai.",
     ["Chánh Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"]),
    ("Xe ô tô do Văn phòng Sở Công Thương bố trí.", ["Văn phòng Sở Công Thương"]),
    # what a unit did is no task: `đã` ends the unit, and the past is no task verb
    ("Sở Công Thương đã thẩm định Phương án nổ mìn, cụ thể như sau:", None),
    # what the unit is, in apposition or in parentheses, is no unit of its own
    ("Bộ Nội vụ, cơ quan thường trực của Ban Chỉ đạo, chủ trì tổng hợp.", ["Bộ Nội vụ"]),
    ("Sở Tài chính (cơ quan thường trực) chủ trì thẩm định.", ["Sở Tài chính"]),
    # `do X phụ trách ... làm Tổ trưởng` names who heads a team, gives no task
    ("Thành lập Tổ Giúp việc do đồng chí Phó Trưởng Công an phường phụ trách Đề án làm Tổ trưởng.", None),
    # a letter asks the locality it is sent to
    ("Vì vậy, đề nghị địa phương căn cứ địa giới hành chính mới để xác định địa điểm.", ["Địa phương"]),
    ("Yêu cầu các địa phương khẩn trương triển khai.", ["Các địa phương"]),
    # a task verb that is a word of a body's name ending with a province
    ("Viện Quy hoạch xây dựng Hà Nội và Sở Xây dựng chịu trách nhiệm về số liệu.",
     ["Viện Quy hoạch xây dựng Hà Nội", "Sở Xây dựng"]),
])
def test_more_ways_a_unit_is_given_a_task(sentence, leads):
    found = _directive_leads(sentence, open_subjects=False)
    assert (found[0] if found else None) == leads


def test_support_leaves_untyped_partners_to_support_raw():
    rows = assignments_of(
        "1. Sở Tài chính chủ trì, phối hợp chặt chẽ với Thuế tỉnh, Công an tỉnh và các cơ quan, đơn vị, địa phương "
        "liên quan rà soát các khoản nợ.",
    )
    assert [(r.lead, r.support) for r in rows] == [(["Sở Tài chính"], ["Thuế tỉnh", "Công an tỉnh"])]


@pytest.mark.parametrize("sentence,support", [
    # the partners of a unit the lead hands the task on to are that unit's, not the lead's
    ("Ủy ban nhân dân cấp xã tiếp nhận hồ sơ, gửi Sở Xây dựng để chủ trì, phối hợp với Sở Tài chính thẩm định.", []),
    ("Ủy ban nhân dân cấp xã rà soát, đề xuất Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì, phối hợp với Công an tỉnh "
     "kiểm tra.", []),
    ("Sở Nội vụ xây dựng Quy chế phối hợp các sở, ngành về công tác thi đua.", []),  # a regulation's name
    # the partners of a unit the lead advises or directs are that unit's
    ("Phòng Kinh tế tham mưu Ủy ban nhân dân xã phối hợp với Ủy ban Mặt trận Tổ quốc xã phát động phong trào.", []),
    ("Công an tỉnh chỉ đạo Công an cấp xã phối hợp với Ban Chỉ huy Quân sự xã tuần tra.", []),
    ("Trưởng đoàn phân công nhiệm vụ, tham dự cùng các Tổ công tác khi làm việc tại địa phương.", []),  # company
    ("Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra.", ["Công an tỉnh"]),  # the lead's own partners
])
def test_partners_that_belong_to_another_unit(sentence, support):
    assert [r.support for r in assignments_of(f"1. {sentence}")] == [support]


@pytest.mark.parametrize("sentence,support", [
    ("Sở Tài chính chủ trì, phối hợp với các cơ quan đơn vị có liên quan rà soát.", []),  # untyped, no comma
    ("Sở Tài chính chủ trì, phối hợp với Bộ, ngành liên quan rà soát.", ["Các Bộ, ngành liên quan"]),  # no `các`
    ("Sở Tài chính chủ trì, phối hợp với các sở ngành liên quan rà soát.", ["Các sở, ban, ngành"]),
    ("Sở Tài chính chủ trì, phối hợp với Công an tỉnh, đơn vị liên quan lập quy hoạch tỉnh.", ["Công an tỉnh"]),
    ("Bộ Công an chủ trì, phối hợp với cơ quan nhà nước có liên quan thẩm định hồ sơ.", []),  # untyped
    ("Công an xã phối hợp, hỗ trợ các thôn, tổ dân phố xử lý vi phạm.", ["Các thôn, tổ dân phố"]),  # and helps
    # a name ends at an adverb or a verb not in the task list: the partner is not `... thường xuyên tuần tra`
    ("Công an xã phối hợp với Ban Chỉ huy Quân sự xã thường xuyên tuần tra.", ["Ban Chỉ huy Quân sự xã"]),
    ("Phòng Văn hóa - Xã hội phối hợp với Đoàn Thanh niên xã phát động phong trào.", ["Đoàn Thanh niên xã"]),
    # a group the unit table does not know, typed by its determiner, and the units after it
    ("Sở Công Thương chủ trì, phối hợp với các chủ đầu tư hạ tầng cụm công nghiệp, Ủy ban nhân dân các xã, phường "
     "và các đơn vị liên quan đầu tư lưới điện.",
     ["Các chủ đầu tư hạ tầng cụm công nghiệp", "Ủy ban nhân dân các xã, phường"]),
    ("Sở Nội vụ phối hợp với Sở Tài chính và các cơ sở đào tạo trên địa bàn (Trường Cao đẳng nghề) trong đào tạo "
     "nguồn nhân lực.", ["Sở Tài chính", "Các cơ sở đào tạo trên địa bàn"]),
    ("Thuế tỉnh phối hợp với các doanh nghiệp thực hiện kê khai thuế.", ["Các doanh nghiệp"]),
    ("Ngân hàng Chính sách xã hội phối hợp với chính quyền địa phương, các tổ chức chính trị - xã hội và các cơ quan, "
     "đơn vị liên quan thu hồi nợ.", ["Chính quyền địa phương", "Các tổ chức chính trị - xã hội"]),
    # a group cut to its bare noun by a word that reads as a verb (`nghiên cứu`) names no kind
    ("Sở Khoa học và Công nghệ phối hợp với các tổ chức nghiên cứu và phát triển triển khai đề tài.", []),
    # without `với`, what follows `phối hợp` may be what is coordinated
    ("Sở Văn hóa phối hợp các hoạt động tuyên truyền trên địa bàn.", []),
])
def test_support_partners_of_every_spelling(sentence, support):
    assert [r.support for r in assignments_of(f"1. {sentence}")] == [support]


def test_a_table_row_keeps_a_group_named_in_both_its_lead_and_support_cells():
    rows = assignments_of(
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |",
        "|---|---|---|---|---|",
        "| 1 | Tăng cường kiểm tra | Các sở, ban, ngành; UBND các xã | Các sở, ban, ngành và các địa phương liên quan | Thường xuyên |",
    )
    assert [(r.lead, r.support) for r in rows] == [
        (["Các sở, ban, ngành", "Ủy ban nhân dân các xã"], ["Các sở, ban, ngành"])]


def test_a_support_cell_keeps_the_qualifier_of_a_partner_that_is_not_the_province_collective():
    rows = assignments_of(
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |",
        "|---|---|---|---|---|",
        "| 1 | Kiểm tra các bến bãi | Sở Xây dựng | Các sở, ngành liên quan và các hợp tác xã vận tải liên quan | 2026 |",
    )
    assert [r.support for r in rows] == [["Các sở, ban, ngành", "Các hợp tác xã vận tải liên quan"]]


def test_a_generic_heading_names_no_unit_and_member_entries_are_no_tasks():
    rows = assignments_of(
        "2. Trách nhiệm của các cơ quan, đơn vị:",
        "a) Thời hạn xử lý hồ sơ là 15 ngày làm việc.",  # no unit: no task
        "b) Sở Công Thương chủ trì, phối hợp các sở, ngành liên quan tổ chức thẩm định.",
        "3. Thư ký",
        "(1) Bà Trần Thị B - Chuyên viên Phòng Công tác HĐND; số điện thoại: 0918.270.013.",
    )
    assert [(r.kind, r.lead) for r in rows] == [("directive", ["Sở Công Thương"])]


def test_an_article_written_as_a_sentence_and_a_notice_of_who_does_what():
    rows = assignments_of(
        "Điều 3. Đoàn Kiểm tra có nhiệm vụ cụ thể theo Điều 1 Quyết định này. Đoàn kiểm tra thực hiện "
        "các quyền, nghĩa vụ theo quy định.",  # no title: the article's text stands on the marker's line
        "Điều 4. Hiệu lực thi hành",  # an article on force may still give a task
        "1. Nghị quyết này có hiệu lực từ ngày ký.",
        "2. Các cơ quan theo thẩm quyền khẩn trương thực hiện các công tác chuẩn bị.",
        "Điều 5. Tổ chức thực hiện",
        "1. Trưởng Đoàn giám sát: Ông Nguyễn Văn A - Chủ tịch HĐND tỉnh - phụ trách chung, điều hành hoạt động.",
        "2. Phó Trưởng đoàn và thành viên",
        "a) Tổ công tác số 01: tổ chức làm việc trực tiếp với Ủy ban nhân dân huyện X.",
        "- Thành phần gồm:",
        "- Bà Trần Thị B - Ủy viên Thường trực HĐND tỉnh.",
        "- *",  # a Markdown rule's remains, no item
    )
    assert sorted((r.kind, r.lead, r.task[:20]) for r in rows) == [
        ("directive", ["Các cơ quan"], "Các cơ quan theo thẩ"),
        ("directive", ["Đoàn Kiểm tra"], "Đoàn Kiểm tra có nhi"),
        ("duty", ["Trưởng Đoàn giám sát"], "Phụ trách chung, điề"),
        ("duty", ["Tổ công tác số 01"], "Tổ chức làm việc trự"),
    ]


def test_clauses_after_a_semicolon_may_name_their_own_unit():
    rows = assignments_of(
        "4. Thẩm quyền đánh giá: Trưởng các Ban đánh giá công chức của Ban; Chánh Văn phòng đánh giá cấp trưởng "
        "các phòng; phối hợp với Phòng Tổng hợp thông báo kết quả.",
        "5. Chánh Văn phòng, Trưởng các phòng; Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này.",
    )
    assert [(r.lead, r.task[:25], r.support) for r in rows] == [
        (["Trưởng các Ban"], "Trưởng các Ban đánh giá c", []),
        # a clause with no subject of its own goes on with the task before it, its partners too
        (["Chánh Văn phòng"], "Chánh Văn phòng đánh giá ", ["Phòng Tổng hợp"]),
    ]


def test_a_lead_in_under_a_duty_heading_gives_its_partners_to_the_list_below_it():
    rows = assignments_of(
        "II. NHIỆM VỤ",
        "1. Bộ Kế hoạch và Đầu tư:",
        "a) Chủ trì rà soát quy hoạch các khu công nghiệp.",
        "b) Phối hợp với các Bộ, ngành và địa phương liên quan chỉ đạo, hướng dẫn triển khai:",
        "- Xây dựng kết cấu hạ tầng khu công nghiệp đúng tiến độ.",
        "- Phối hợp với Bộ Tài chính triển khai đa dạng hóa các nguồn vốn đầu tư.",
    )
    assert [(r.lead, r.support, r.task[:14]) for r in rows] == [
        (["Bộ Kế hoạch và Đầu tư"], [], "Chủ trì rà soá"),
        (["Bộ Kế hoạch và Đầu tư"], ["Các Bộ, ngành và địa phương liên quan"], "Xây dựng kết c"),
        (["Bộ Kế hoạch và Đầu tư"], ["Các Bộ, ngành và địa phương liên quan", "Bộ Tài chính"], "Phối hợp với B"),
    ]


def test_a_lead_in_gives_its_units_to_the_list_below_it():
    rows = assignments_of(
        "Để chủ động ứng phó với mưa lớn, Văn phòng Ban Chỉ huy đề nghị Ban Chỉ huy PCTT và TKCN các huyện, "
        "thị xã và thành phố Huế; các sở, ban ngành trong tỉnh triển khai các nội dung sau:",
        "1. Thường xuyên theo dõi diễn biến thời tiết để thông báo cho nhân dân.",
        "2. Công ty Thủy lợi phối hợp với các địa phương vận hành hợp lý các công trình.",  # its own unit
        "3. Tổ chức thực hiện",  # a section of its own, not an item of the list
        "Các đơn vị báo cáo kết quả về Văn phòng.",
        "Công ty được biết, Cục Thuế trả lời để Công ty được biết và thực hiện./.",  # a reply's closing formula
    )
    assert [(r.lead, r.task[:22]) for r in rows] == [
        (["Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các huyện, thị xã và thành phố Huế",
          "Các sở, ban, ngành trong tỉnh"], "Thường xuyên theo dõi "),
        (["Công ty Thủy lợi"], "Công ty Thủy lợi phối "),
    ]


def test_a_table_cell_listing_offices_in_parentheses_is_one_lead():
    from extractors.assignments import _spelled_units

    assert _spelled_units("Trưởng phòng (Tổng hợp; Hành chính - Tổ chức)") == ["Trưởng phòng (Tổng hợp; Hành chính - Tổ chức)"]
    assert _spelled_units("Thủ trưởng các sở; Chủ tịch UBND các xã") == ["Thủ trưởng các sở", "Chủ tịch Ủy ban nhân dân các xã"]


def test_a_case_heading_names_no_lead_and_ocr_bullets_are_read():
    rows = assignments_of(
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Đối với Đoàn kiểm tra do Phó Thủ tướng làm Trưởng đoàn:",  # which case, not who
        "- Bộ Nội vụ chủ trì tổ chức Đoàn kiểm tra;",
        "_“ Văn phòng Chính phủ chuẩn bị các điều kiện cần thiết;",  # an OCR'd bullet
        "VI. PHƯƠNG PHÁP KIỂM TRA",  # how the work is done, not who does what
        "- Trưởng đoàn kiểm tra kết luận.",
    )
    assert [(r.kind, r.lead) for r in rows] == [("directive", ["Bộ Nội vụ"]), ("directive", ["Văn phòng Chính phủ"])]


def test_a_heading_that_issues_an_appendix_names_no_body():
    rows = assignments_of(
        "Điều 1. Ban hành kèm theo Thông tư này Phụ lục danh mục, bao gồm:",
        "a) Phụ lục 1: Danh mục vũ khí thể thao;",
        "b) Phụ lục 2: Danh mục công cụ hỗ trợ.",
    )
    assert rows == []


def test_a_submission_asks_its_addressee_through_a_lead_in():
    rows = assignments_of(
        "TỜ TRÌNH",
        "Về việc phê duyệt phương án nổ mìn",
        "I. NỘI DUNG",
        "Trước khi nổ mìn, Công ty phối hợp chính quyền địa phương thông báo thời gian nổ.",  # a plan told, no task
        "II. KIẾN NGHỊ",
        "Sở Công Thương đề nghị UBND tỉnh Lào Cai một số nội dung sau:",
        "1. Xem xét, phê duyệt Phương án nổ mìn của Công ty.",
        "2. Công ty TNHH An Bình phải chịu trách nhiệm về chi phí tổ chức giao thông.",
    )
    assert [(r.lead, r.task[:20]) for r in rows] == [
        (["Ủy ban nhân dân tỉnh Lào Cai"], "Xem xét, phê duyệt P"),
        (["Công ty TNHH An Bình"], "Công ty TNHH An Bình"),
    ]


def test_a_meeting_announced_as_a_lead_in_gives_no_tasks():
    for intro in ("Để chuẩn bị nội dung kỳ họp, HĐND huyện tổ chức cuộc họp Thường trực HĐND huyện, cụ thể như sau:",
                  "Để có cơ sở thẩm định, HĐND huyện tổ chức buổi kiểm tra thực tế với một số nội dung sau:"):
        rows = assignments_of(
            "GIẤY MỜI", "Kính gửi: ……………", intro,
            "1. Thành phần:", "- Thường trực HĐND huyện;", "- Đại diện Lãnh đạo UBND huyện;",
            "2. Thời gian:\n14 giờ 00 phút, ngày 16/11/2020 (thứ hai).",
            "3. Địa điểm:\nHội trường tầng 2, trụ sở UBND huyện.",
        )
        assert rows == []


@pytest.mark.parametrize("paragraphs, lead, tasks", [
    # a lead-in that proposes to another unit gives its items to that unit
    (("6. Kiến nghị",
      "Để triển khai Chiến lược, Sở Công Thương đề xuất Bộ Công Thương một số nội dung như sau:",
      "- Tiếp tục hướng dẫn, hỗ trợ địa phương định hướng phát triển các phân ngành.",
      "- Ban hành Kế hoạch triển khai, thực hiện Chiến lược."),
     ["Bộ Công Thương"], ["Tiếp tục hướng dẫn, ", "Ban hành Kế hoạch tr"]),
    # its subject after a fronted adverbial
    (("2. Thời gian tới, các bộ, ngành cần tập trung triển khai các nhiệm vụ trọng tâm sau đây:",
      "a) Tăng cường số hóa, làm giàu cơ sở dữ liệu của mỗi bộ, ngành.",
      "b) Rà soát, hoàn thiện các quy định pháp luật được giao."),
     ["Các bộ, ngành"], ["Tăng cường số hóa, l", "Rà soát, hoàn thiện "]),
])
def test_items_under_a_lead_in_go_to_the_unit_it_names(paragraphs, lead, tasks):
    rows = assignments_of(*paragraphs)
    assert [(r.lead, r.task[:20]) for r in rows] == [(lead, task) for task in tasks]


def test_a_duty_heading_may_narrow_its_units_with_a_participle():
    rows = assignments_of(
        "V. TỔ CHỨC THỰC HIỆN",
        "c) Đối với các bộ, ngành, địa phương được kiểm tra:",
        "- Xây dựng báo cáo và gửi về Bộ Nội vụ trước khi kiểm tra.",
    )
    assert [(r.kind, r.lead) for r in rows] == [("duty", ["Các bộ, ngành, địa phương được kiểm tra"])]


@pytest.mark.parametrize("heading, task, lead", [
    # a group that acts after `các`: its name, capitalized as every lead is
    ("b) Trách nhiệm của các nhà đầu tư thứ cấp trong khu công nghiệp:", "Sử dụng các dịch vụ công cộng đúng mục đích.",
     ["Các nhà đầu tư thứ cấp trong khu công nghiệp"]),
    ("2. Trách nhiệm của các bộ quản lý ngành, lĩnh vực:", "a) Phối hợp với Bộ Tài chính tổ chức thực hiện Nghị định;",
     ["Các bộ quản lý ngành, lĩnh vực"]),
    # `Đối với` things, not bodies: which case the item is about, and no lead
    ("c) Đối với các dự án khác:", "Người có thẩm quyền giao cho đơn vị có chức năng chủ trì thẩm tra quyết toán.", None),
    ("b) Đối với các công trình còn lại:", "Thực hiện theo quy định tại khoản 2 Điều này.", None),
    # a form's last article, a sentence: what follows it is the form's list of recipients, not duties
    ("Điều 3. Trách nhiệm của các cơ quan liên quan thi hành quyết định./.", "- Như Điều 3;", None),
])
def test_a_duty_heading_names_a_group_that_acts_not_the_things_a_case_is_about(heading, task, lead):
    rows = assignments_of("Điều 5. Tổ chức thực hiện", heading, task)
    assert [r.lead for r in rows if r.kind == "duty"] == ([lead] if lead else [])


def test_a_unit_that_has_duties_listed_below_it():
    rows = assignments_of(
        "Điều 2. Tổ chức thực hiện",
        "- Tập đoàn An Phát – Công ty CP có trách nhiệm:",
        "+ Chủ trì công bố công khai hồ sơ phương án.",
        "+ Hoàn thiện phương án thiết kế các nút giao.",
    )
    assert [(r.lead, r.task[:12]) for r in rows] == [
        (["Tập đoàn An Phát – Công ty Cổ phần"], "Chủ trì công"), (["Tập đoàn An Phát – Công ty Cổ phần"], "Hoàn thiện p")]


def test_an_item_that_gives_the_items_after_it_to_a_unit():
    rows = assignments_of(
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:",
        "2. Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng.",
        "3. Chuẩn bị các điều kiện cần thiết khác.",
    )
    assert [(r.lead, r.task[:12]) for r in rows] == [
        (["Phòng Quản lý Công nghiệp"], "Tổ chức kiểm"), (["Phòng Quản lý Công nghiệp"], "Chuẩn bị các")]


def test_a_task_table_without_a_lead_column_takes_the_unit_its_caption_gives_the_tasks_to():
    rows = assignments_of(
        "DANH MỤC NHIỆM VỤ ỦY QUYỀN CHO GIÁM ĐỐC SỞ TÀI CHÍNH THỰC HIỆN",
        "",
        "| STT | Nội dung nhiệm vụ ủy quyền | Căn cứ pháp lý |",
        "|---|---|---|",
        "| I | Lĩnh vực đầu tư | |",
        "| 1 | Thẩm định hồ sơ dự án đầu tư công | Điều 5 Nghị định số 10/2025/NĐ-CP |",
        "| 2 | Cấp giấy chứng nhận đăng ký đầu tư | Điều 6 Nghị định số 10/2025/NĐ-CP |",
    )
    assert [(r.lead, r.task) for r in rows] == [
        (["Giám đốc Sở Tài chính"], "Thẩm định hồ sơ dự án đầu tư công"),
        (["Giám đốc Sở Tài chính"], "Cấp giấy chứng nhận đăng ký đầu tư")]


def test_a_task_table_without_a_lead_column_or_a_caption_giving_it_gives_no_rows():
    rows = assignments_of(
        "DANH MỤC CÁC DỰ ÁN",
        "",
        "| STT | Nội dung | Ghi chú |",
        "|---|---|---|",
        "| 1 | Dự án đường giao thông | |",
    )
    assert rows == []


def test_a_row_merged_across_a_word_table_stays_in_it_as_its_group():
    """Word gives a row merged across the table as one cell: `I. NHÓM ...` splits no table."""
    from models import Block, RawDocument

    rows = [["TT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"], ["I. NHIỆM VỤ TRỌNG TÂM"],
            ["1", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Tháng 9/2026"],
            ["II. NHIỆM VỤ THƯỜNG XUYÊN"], ["2", "Cập nhật dữ liệu", "Sở Tư pháp", "Thường xuyên"]]
    raw = RawDocument("x.docx", "docx", "0" * 16, [Block("table", None, rows=rows)])
    found = extract_assignments(parse_structure(normalize(raw)), "d", 2026)
    assert [(r.section, r.task, r.lead) for r in found] == [
        ("I. NHIỆM VỤ TRỌNG TÂM > 1", "Rà soát thủ tục hành chính", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("II. NHIỆM VỤ THƯỜNG XUYÊN > 2", "Cập nhật dữ liệu", ["Sở Tư pháp"])]


def test_one_cell_naming_the_lead_and_its_partners_after_their_labels():
    rows = assignments_of(
        "| TT | Nội dung | Đơn vị thực hiện |",
        "|---|---|---|",
        "| 1 | Hoàn thành giải phóng mặt bằng cụm công nghiệp | Chủ trì: UBND xã Văn Bàn. "
        "Phối hợp: Sở Công Thương (hướng dẫn); Sở Tài chính |",
        "| 2 | Đầu tư hạ tầng kỹ thuật | Chủ trì: Sở Xây dựng thẩm định; UBND xã Bảo Ái |",
    )
    assert [(r.lead, r.support) for r in rows] == [
        (["Ủy ban nhân dân xã Văn Bàn"], ["Sở Công Thương", "Sở Tài chính"]),
        (["Sở Xây dựng", "Ủy ban nhân dân xã Bảo Ái"], []),
    ]


def test_a_lead_in_that_names_its_unit_before_a_verb_and_headings_that_name_none():
    rows = assignments_of(
        "Điều 30. Hoạt động giám sát của Hội đồng nhân dân",
        "1. Hội đồng nhân dân cấp tỉnh thực hiện các hoạt động giám sát sau đây:",
        "a) Xem xét báo cáo công tác của Thường trực Hội đồng nhân dân;",
        "b) Xem xét việc trả lời chất vấn của những người bị chất vấn.",
        "2. Trường hợp đề nghị cấp lại Giấy chứng nhận do bị mất:",  # a case, not a body
        "a) Đơn đề nghị theo Mẫu số 01;",
        "3. Công chức bị xử lý kỷ luật thì đánh giá như sau:",
        "a) Xếp loại ở mức không hoàn thành nhiệm vụ.",
        "4. Công chức được giao thêm nhiệm vụ thì nhiệm vụ này được tính ngoài số nhiệm vụ được giao ban đầu "
        "và được tính thêm điểm.",  # `được giao` gives no task
    )
    assert [(r.lead, r.task[:18]) for r in rows] == [
        (["Hội đồng nhân dân cấp tỉnh"], "Xem xét báo cáo cô"), (["Hội đồng nhân dân cấp tỉnh"], "Xem xét việc trả l")]


def test_a_unit_named_over_a_hard_wrapped_line_is_one_line():
    rows = assignments_of("Điều 2. Tổ chức thực hiện", "1. Chính phủ, Ủy ban nhân dân tỉnh An Giang, chính\nquyền địa "
                          "phương các xã có trách nhiệm sắp xếp, ổn định bộ máy các cơ quan ở địa phương.")
    assert [r.lead for r in rows] == [["Chính phủ", "Ủy ban nhân dân tỉnh An Giang", "Chính quyền địa phương các xã"]]


def test_an_article_titled_with_a_unit_s_duties_gives_them_its_paragraphs():
    rows = assignments_of(
        "QUY CHẾ", "Quản lý cụm công nghiệp",
        "Điều 2. Chức năng của Ban Chỉ đạo",  # what the body is: no task
        "Ban Chỉ đạo là tổ chức phối hợp liên ngành, có chức năng tham mưu cho Ủy ban nhân dân tỉnh.",
        "Điều 25. Trách nhiệm Thanh tra tỉnh",
        "Rà soát xây dựng Kế hoạch thanh tra hằng năm về các lĩnh vực liên quan gồm: Thanh tra trách nhiệm quản lý "
        "nhà nước; Thanh tra hoạt động đầu tư - xây dựng hạ tầng cụm công nghiệp.",
        "Điều 13. Quản lý các dịch vụ công cộng",
        "1. Đối với cụm công nghiệp được đầu tư xây dựng hạ tầng từ nguồn vốn\nngân sách:\nSở Tài chính thẩm định "
        "phương án giá dịch vụ trong cụm công nghiệp.",  # a unit after a colon that ends a wrapped line
    )
    assert [(r.kind, r.lead, r.task[:20]) for r in rows] == [
        ("duty", ["Thanh tra tỉnh"], "Rà soát xây dựng Kế "), ("directive", ["Sở Tài chính"], "Sở Tài chính thẩm đị")]


def test_an_item_opening_with_one_of_its_heading_s_units_is_that_unit_s():
    rows = assignments_of(
        "II. TỔ CHỨC THỰC HIỆN",
        "3. Phòng Văn hóa - Xã hội; Trung tâm Văn hóa, Thông tin và Thể thao:",
        "- Xây dựng kế hoạch tuyên truyền các văn bản chỉ đạo mới.",
        "- Phòng Văn hóa - Xã hội chủ trì phối hợp với phòng Kinh tế phát động phong trào thi đua.",
    )
    assert [(r.kind, r.lead) for r in rows] == [
        ("duty", ["Phòng Văn hóa - Xã hội", "Trung tâm Văn hóa, Thông tin và Thể thao"]),
        ("duty", ["Phòng Văn hóa - Xã hội"])]


def test_cases_a_law_lists_and_a_form_s_signature_placeholder_are_no_tasks():
    rows = assignments_of(
        "Điều 20. Thu hồi xác nhận kiến thức",
        "1. Ủy ban nhân dân cấp tỉnh thu hồi xác nhận kiến thức pháp luật trong trường hợp sau:",
        "a) Người được xác nhận có hành vi gian lận;", "b) Giấy xác nhận được cấp sai quy định.",
        "Điều 21. Mẫu đơn", "Thủ trưởng cơ quan\n(Ký, ghi rõ họ tên, đóng dấu)",
    )
    assert rows == []


def test_the_closing_paragraph_after_the_last_item_is_not_part_of_it():
    rows = assignments_of(
        "6. Trách nhiệm thực hiện",
        "6.1 Đối với Sở Công Thương: Chuẩn bị báo cáo theo đề cương kèm theo.",
        "Trên đây là Kế hoạch kiểm tra, đề nghị các thành viên và đơn vị có liên quan phối hợp thực hiện./.",
    )
    assert [(r.lead, r.support, r.task) for r in rows] == [
        (["Sở Công Thương"], [], "Chuẩn bị báo cáo theo đề cương kèm theo.")]


@pytest.mark.parametrize("closing,due", [
    ("Thời hạn hoàn thành việc rà soát trước ngày 31 tháng 12 năm 2026.", ["2026-06-30", "2026-12-31", "2026-12-31"]),
    ("Thời gian thực hiện: theo Phụ lục kèm theo.", ["2026-06-30", None, None]),  # a label, no date: nothing
    ("Thời gian qua, trong năm 2025 các đơn vị đã triển khai tốt.", ["2026-06-30", None, None]),  # narrative
])
def test_a_deadline_sentence_closing_a_list_bounds_its_tasks_without_a_time_of_their_own(closing, due):
    rows = assignments_of(
        "3. Rà soát các cụm công nghiệp hình thành trước năm 2009",
        "a) Sở Công Thương tổng hợp danh mục, hoàn thành trong quý II/2026.",
        "b) Ủy ban nhân dân cấp xã lập hồ sơ thành lập cụm công nghiệp.",
        "c) Sở Tài chính bố trí kinh phí thực hiện.",
        closing,
    )
    assert [r.due_date for r in rows] == due


def test_the_letters_last_word_is_no_task_even_under_a_lead_in():
    rows = assignments_of(
        "Để khắc phục những tồn tại, hạn chế nêu trên và tiếp tục tăng cường công tác quản lý nhà nước về khoáng sản "
        "trên địa bàn, Chủ tịch Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành thực hiện một số nội dung như sau:",
        "1. Tăng cường kiểm tra hoạt động khai thác khoáng sản.",
        "2. Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các Sở, ban, ngành và Chủ tịch UBND các xã nghiêm túc thực hiện. "
        "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, các đơn vị báo cáo Ủy ban nhân dân tỉnh.",
    )
    assert [r.task for r in rows] == ["Tăng cường kiểm tra hoạt động khai thác khoáng sản."]


def test_prose_before_a_lead_in_is_read_and_a_list_of_texts_to_study_is_no_task():
    rows = assignments_of(
        "Để triển khai đồng bộ Luật Hóa chất có hiệu lực từ ngày 01/01/2026, Sở Công Thương hướng dẫn các nội dung "
        "trọng tâm sau:",
        "1. Về phổ biến văn bản quy phạm pháp luật mới",
        "Đề nghị các sở, ban, ngành phối hợp với Sở Công Thương tuyên truyền các văn bản mới. Yêu cầu các doanh "
        "nghiệp hóa chất nghiên cứu các văn bản sau:",
        "- Nghị định số 24/2026/NĐ-CP ngày 17 tháng 01 năm 2026 của Chính phủ quy định các danh mục hóa chất.",
        "- Thông tư số 01/2026/TT-BCT ngày 17 tháng 01 năm 2026 của Bộ Công Thương hướng dẫn thi hành Luật Hóa chất.",
        "2. Trong quá trình triển khai thực hiện, nếu có vướng mắc đề nghị các đơn vị phản hồi về Sở Công Thương.",
    )
    assert [(r.lead, r.task) for r in rows] == [
        (["Các sở, ban, ngành"], "Đề nghị các sở, ban, ngành phối hợp với Sở Công Thương tuyên truyền các văn bản mới.")]


@pytest.mark.parametrize("item, lead, task", [
    ("10. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Bình và các cơ quan liên quan: Tăng cường giám sát việc "
     "thực thi pháp luật về đất đai.", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Bình"],
     "Tăng cường giám sát việc thực thi pháp luật về đất đai."),
    # a numbered request is a directive, not a plan's `2. Yêu cầu` section
    ("3. Yêu cầu Sở Xây dựng: kiểm tra các công trình trước ngày 30/6/2026.", ["Sở Xây dựng"],
     "Kiểm tra các công trình trước ngày 30/6/2026."),
    ("4. Yêu cầu các sở, ngành kiểm tra các công trình.", ["Các sở, ban, ngành"],
     "Yêu cầu các sở, ngành kiểm tra các công trình."),
    ("5. Yêu cầu UBND các xã kiểm tra các công trình.", ["Ủy ban nhân dân các xã"],
     "Yêu cầu UBND các xã kiểm tra các công trình."),
    # a verb before the colon: the colon opens a list of what it does, and the request is the task
    ("2. Giao Sở Tài chính chủ trì, phối hợp: thẩm định dự toán.", ["Sở Tài chính"],
     "Giao Sở Tài chính chủ trì, phối hợp: thẩm định dự toán."),
])
def test_a_request_addressed_before_a_colon_gives_the_task_after_it(item, lead, task):
    rows = assignments_of("Kính gửi: các cơ quan, đơn vị", item)
    assert [(r.kind, r.lead, r.task) for r in rows] == [("directive", lead, task)]


def test_a_section_titled_in_capitals_as_the_requirements_is_no_request():
    item = "1. Sở Nội vụ chủ trì xác minh tài sản, thu nhập."
    assert assignments_of("II. YÊU CẦU XÁC MINH, RA QUYẾT ĐỊNH XÁC MINH", item) == []
    assert [r.lead for r in assignments_of("II. XÁC MINH TÀI SẢN, THU NHẬP", item)] == [["Sở Nội vụ"]]
