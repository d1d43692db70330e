"""The deadline normalizer on real wording (seeds, the issue, ward plans)."""
import pytest

from extractors.deadlines import deadline_in_prose, normalize_deadline

M5 = "FREQ=MONTHLY;BYMONTHDAY=5"
# (words, document year, due_date, recurrence, ongoing)
CASES = [
    ("Tháng 12/2026", 2026, "2026-12-31", None, False),
    ("Tháng 11/2026", 2026, "2026-11-30", None, False),
    ("Tháng 6/2026", 2026, "2026-06-30", None, False),
    ("tháng 02/2028", None, "2028-02-29", None, False),
    ("Quý II/2026", 2026, "2026-06-30", None, False),
    ("Quí IV-2025", None, "2025-12-31", None, False),
    ("Quý I/2027", None, "2027-03-31", None, False),
    ("Quý 3 năm 2026", None, "2026-09-30", None, False),
    ("quý III", 2026, "2026-09-30", None, False),
    ("6/2025", None, "2025-06-30", None, False),
    ("Năm 2026", None, "2026-12-31", None, False),
    ("2025-2026", None, "2026-12-31", None, False),
    ("Giai đoạn 2026 - 2030", None, "2030-12-31", None, False),
    ("trước ngày 30/6/2026", None, "2026-06-30", None, False),
    ("Trước ngày 15/01/2027", None, "2027-01-15", None, False),
    ("chậm nhất ngày 10/12/2025", None, "2025-12-10", None, False),
    ("hoàn thành trước 31/3/2026", None, "2026-03-31", None, False),
    ("ngày 20/11/2026", None, "2026-11-20", None, False),
    ("trong tháng 12 năm 2025", None, "2025-12-31", None, False),
    ("Trong tháng 9/2026", None, "2026-09-30", None, False),
    ("Từ ngày 01/12/2025 đến ngày 14/12/2025", None, "2025-12-14", None, False),
    ("từ 01/7/2026 đến 31/7/2026", None, "2026-07-31", None, False),
    ("6 tháng đầu năm 2026", None, "2026-06-30", None, False),
    ("9 tháng đầu năm", 2026, "2026-09-30", None, False),
    ("6 tháng cuối năm 2026", None, "2026-12-31", None, False),
    ("trước ngày 05/12", 2026, "2026-12-05", None, False),
    ("Thường xuyên", 2026, None, None, True),
    ("thường xuyên, liên tục", None, None, None, True),
    ("Hằng năm", None, None, "FREQ=YEARLY", False),
    ("hàng năm", None, None, "FREQ=YEARLY", False),
    ("Hằng quý", None, None, "FREQ=MONTHLY;INTERVAL=3", False),
    ("hằng tháng", None, None, "FREQ=MONTHLY", False),
    ("Hằng tuần", None, None, "FREQ=WEEKLY", False),
    ("trước ngày 05 của tháng báo cáo", None, None, M5, False),
    ("trước ngày 10 của tháng báo cáo", None, None, "FREQ=MONTHLY;BYMONTHDAY=10", False),
    ("trước ngày 15 hằng tháng", None, None, "FREQ=MONTHLY;BYMONTHDAY=15", False),
    ("trước ngày 05/12 hằng năm", None, None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5", False),
    ("trước ngày 10/12 hằng năm", None, None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=10", False),
    ("định kỳ 06 tháng", None, None, "FREQ=MONTHLY;INTERVAL=6", False),
    ("Định kỳ 6 tháng hoặc khi có yêu cầu", None, None, "FREQ=MONTHLY;INTERVAL=6", False),
    ("định kỳ hằng quý", None, None, "FREQ=MONTHLY;INTERVAL=3", False),
    ("Báo cáo tháng trước ngày 05 của tháng báo cáo; báo cáo năm gửi trước ngày 05/12 hằng năm", None, None, M5, False),
    # unknown wording keeps nothing but its words: never a guess
    ("Sau khi có hướng dẫn của cấp trên", 2026, None, None, False),
    ("Khi có yêu cầu", 2026, None, None, False),
    ("trước ngày 05/12", None, None, None, False),  # no year to give it
    ("Tháng 13/2026", None, None, None, False),
]


@pytest.mark.parametrize("words,year,due,rrule,ongoing", CASES)
def test_normalize_deadline(words, year, due, rrule, ongoing):
    d = normalize_deadline(words, year)
    assert (d.due_date, d.recurrence, d.ongoing) == (due, rrule, ongoing)
    assert d.raw == " ".join(words.split())


def test_second_recurrence_is_kept_as_extra():
    d = normalize_deadline("Báo cáo tháng trước ngày 05 của tháng báo cáo; báo cáo năm gửi trước ngày 05/12 hằng năm")
    assert d.extra == ["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5"]


@pytest.mark.parametrize(
    "sentence,raw,rrule,ongoing",
    [
        ("Ban Chỉ đạo họp định kỳ 06 tháng một lần hoặc đột xuất do Trưởng Ban Chỉ đạo triệu tập họp bất thường.",
         "định kỳ 06 tháng một lần hoặc đột xuất", "FREQ=MONTHLY;INTERVAL=6", False),
        ("Trình trưởng ban Chỉ đạo phê duyệt Kế hoạch hoạt động hàng năm, cập nhật, sửa đổi",
         "hàng năm", "FREQ=YEARLY", False),
        ("Thường xuyên rà soát, tham mưu bố trí máy móc, thiết bị", "Thường xuyên", None, True),
        # `thường xuyên` anywhere in the task makes it standing; the centre's name does not
        ("Tổ chức kiểm tra thường xuyên và đột xuất hoạt động khai thác", "thường xuyên", None, True),
        ("Phối hợp với Trung tâm Giáo dục thường xuyên tổ chức lớp học", None, None, False),
        ("Các đơn vị gửi báo cáo về Văn phòng trước ngày 20 hằng tháng, theo mẫu.",
         "trước ngày 20 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=20", False),
        # a year inside a plan's name is not a deadline
        ("thực hiện hiệu quả các nhiệm vụ được giao tại Kế hoạch Cải cách hành chính nhà nước phường Hải An năm 2026",
         None, None, False),
    ],
)
def test_deadline_in_prose(sentence, raw, rrule, ongoing):
    d = deadline_in_prose(sentence, 2026)
    assert (d.raw, d.recurrence, d.ongoing) == (raw, rrule, ongoing)


@pytest.mark.parametrize("sentence,raw,due", [
    # a date in words, a quarter or a month bounded by trước / trong / chậm nhất (đến), in running text
    ("Hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028 theo yêu cầu của Bộ Xây dựng.",
     "chậm nhất đến ngày 01 tháng 7 năm 2028", "2028-07-01"),
    ("Công bố công khai\ntrước ngày 30 tháng 9 năm 2025; đồng thời triển khai đo đạc.",
     "trước ngày 30 tháng 9 năm 2025", "2025-09-30"),
    ("Báo cáo Thủ tướng Chính phủ trong quý III năm 2012.", "trong quý III năm 2012", "2012-09-30"),
    ("Xử lý dứt điểm xong trong quý II/2026.", "xong trong quý II/2026", "2026-06-30"),
    ("Trình Ủy ban nhân dân tỉnh trong tháng 12/2025.", "trong tháng 12/2025", "2025-12-31"),
    # a year inside a subject is no deadline
    ("Triển khai Kế hoạch năm 2026 của Ủy ban nhân dân tỉnh.", None, None),
])
def test_deadline_dates_in_prose(sentence, raw, due):
    d = deadline_in_prose(sentence, 2026)
    assert (d.raw, d.due_date) == (raw, due)
