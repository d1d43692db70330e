"""Repairs driven by underthesea's word list and the document's own spelling:
capitals that lost their diacritics, and tone marks a document spells two ways."""
import pytest

from pipeline.lexicon import repair_tone_marks, restore_unaccented_lines

RUNNING = "Cục Thuế thành phố Hà Nội trả lời về chính sách thuế. Thuế suất thuế giá trị gia tăng là 10%. "


@pytest.mark.parametrize("line,restored", [
    ("CUC THUE TP HA NOI", "CỤC THUẾ TP HÀ NỘI"),
    ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("PHO CUC TRUONG", "PHÓ CỤC TRƯỞNG"),
])
def test_capitals_without_diacritics_are_restored_in_place(line, restored):
    text, changes = restore_unaccented_lines(f"{line}\n{RUNNING}")
    assert text.split("\n")[0] == restored and len(text) == len(f"{line}\n{RUNNING}")
    assert changes


@pytest.mark.parametrize("text", [
    "AN TOÀN VỆ SINH LAO ĐỘNG\n" + RUNNING,  # `SINH LAO` sits inside accented capitals
    "Email: VT TH\n" + RUNNING,  # acronyms: nothing to restore them to
    "CUC THUE TP HA NOI\nCUC THUE TINH",  # a document with no diacritics teaches nothing
])
def test_capitals_left_alone(text):
    assert restore_unaccented_lines(text) == (text, [])


def test_rarer_spelling_of_a_word_takes_the_commoner_one():
    text = ("khối ngành sức khỏe; bảo vệ sức khỏe; chăm sóc sức khỏe; đào tạo khối ngành sức khóe. "
            "Cơ sở khám bệnh, khám bệnh định kỳ, khám bênh.")
    fixed, changes = repair_tone_marks(text)
    assert "sức khóe" not in fixed and "khám bênh" not in fixed and len(fixed) == len(text)
    assert len(changes) == 2


def test_a_word_the_document_uses_elsewhere_is_no_misreading():
    # `tại khoản 1` is right though `tài khoản` is the word: `tại` stands on its own elsewhere
    text = ("Mở tài khoản tại ngân hàng; tài khoản thanh toán; số tài khoản. Theo quy định tại khoản 1, "
            "tại Điều 5 và tại Điều 6 của Nghị định.")
    assert repair_tone_marks(text) == (text, [])


def test_two_words_meeting_are_not_one_misspelt_word():
    # `điều kiện thực hiện` holds `kiện thực`, no misspelt `kiến thức`
    text = "kiến thức chuyên môn; bồi dưỡng kiến thức; đủ điều kiện thực hiện dự án."
    assert repair_tone_marks(text) == (text, [])


def test_a_misreading_ocr_repeats_is_repaired_in_ocr_text_only():
    text = ("Các bộ, ngành, địa phường đã triển khai. Giao các địa phường rà soát. "
            "Ủy ban nhân dân các địa phường báo cáo kết quả. Kinh phí 500 triệu đồng, 20 triệu đồng, "
            "30 triệu đồng do cấp tỉnh, cấp tỉnh, cấp tỉnh bảo đảm.")
    fixed, changes = repair_tone_marks(text, misread=True)
    assert fixed.count("địa phương") == 3 and len(fixed) == len(text)
    # two words that make a look-alike of an entry are left alone: underthesea reads them as two
    assert fixed.count("triệu đồng") == 3 and fixed.count("cấp tỉnh") == 3
    assert repair_tone_marks(text)[0] == text  # born-digital text: no word the document never spells right


def test_a_spelling_outnumbered_many_times_over_is_a_blurred_mark_in_ocr_text():
    # `kiếm` is a word (`tìm kiếm`), but `kiếm tra` against `kiểm tra` eight times over is OCR's blur
    text = "Tìm kiếm, tìm kiếm thông tin. " + "Công tác kiểm tra; " * 8 + "Đoàn kiếm tra làm việc."
    fixed, changes = repair_tone_marks(text, misread=True)
    assert "kiếm tra" not in fixed and fixed.count("tìm kiếm") == 1 and changes == ["kiếm tra -> kiểm tra"]
    assert repair_tone_marks(text)[0] == text  # born-digital text keeps its spelling
