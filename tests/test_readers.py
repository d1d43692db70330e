"""Each reader on files the tests make themselves."""
import unicodedata
from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.readers import ReadError, decode_text, read_document
from pipeline.structure import parse_structure

SAMPLE = "Số: 2477/UBND-VHXXH\n\nHải An, ngày 22 tháng 5 năm 2026\n\nỦy ban nhân dân phường giao Công an phường chủ trì."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_txt_encodings(tmp_path, encoding):
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(to_cp1258(SAMPLE) if encoding == "cp1258" else SAMPLE.encode(encoding))
    text = normalize(read_document(path)).text
    assert "Ủy ban nhân dân phường giao Công an phường chủ trì." in text
    assert text.startswith("Số: 2477/UBND-VHXXH")


def test_txt_form_feeds_are_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("Trang một.\f\nTrang hai.", encoding="utf-8")
    raw = read_document(path)
    normalized = normalize(raw)
    assert raw.pages == 2
    assert normalized.page_at(normalized.text.index("Trang hai")) == 2
    assert normalized.page_at(0) == 1


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("notes.xyz", b"hello", "unsupported file type"),
        ("empty.txt", b"   \n", "empty file"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ],
)
def test_unreadable_files_raise_clear_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="cannot open"):
        read_document(tmp_path / "nope.txt")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as combining characters after the letter."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(p for p in parts if p in tones)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def test_cp1258_with_combining_tones():
    assert decode_text(to_cp1258("Hà Nội, Ủy ban nhân dân phường")) == "Hà Nội, Ủy ban nhân dân phường"


TASK_ROWS = [
    ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
    ["1", "Tuyên truyền chuyển đổi số", "Phòng Văn hóa - Xã hội", "Công an phường", "Tháng 12/2026"],
    ["2", "Bảo đảm an toàn thông tin", "Công an phường", "", "Thường xuyên"],
]


def test_docx_paragraphs_and_table_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Số: 12/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=len(TASK_ROWS), cols=len(TASK_ROWS[0]))
    for r, row in enumerate(TASK_ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "plan.docx"
    document.save(path)

    raw = read_document(path)
    assert [b.kind for b in raw.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert raw.blocks[2].rows == TASK_ROWS
    structure = parse_structure(normalize(raw))
    assert len(structure.tables) == 1
    cells = [c.text for c in structure.tables[0].rows[1].cells]
    assert cells == TASK_ROWS[1]
    # cell offsets point into the normalized text
    cell = structure.tables[0].rows[2].cells[2]
    assert structure.text[cell.start: cell.end] == "Công an phường"


def _new_pdf(size: int):
    """An A4 PDF with a font that has the Vietnamese letters."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=size)
    pdf.add_page()
    return pdf


def _write_table(pdf, rows: list[list[str]], widths: tuple, **options) -> None:
    with pdf.table(col_widths=widths, first_row_as_headings=False, **options) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)


def _pdf_with_table(path: Path) -> None:
    pdf = _new_pdf(11)
    pdf.multi_cell(0, 6, "Số: 12/KH-UBND")
    pdf.ln(4)
    pdf.multi_cell(0, 6, "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;")
    pdf.ln(4)
    _write_table(pdf, TASK_ROWS, (10, 60, 40, 40, 30))
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang thứ hai của kế hoạch.")
    pdf.output(str(path))


def test_pdf_text_ruled_table_and_pages(tmp_path):
    path = tmp_path / "plan.pdf"
    _pdf_with_table(path)
    raw = read_document(path)
    assert raw.source_format == "pdf" and raw.pages == 2
    tables = [b for b in raw.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows[0][:3] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]
    assert tables[0].rows[1][2] == "Phòng Văn hóa - Xã hội"
    normalized = normalize(raw)
    assert "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;" in normalized.text
    assert normalized.page_at(normalized.text.index("Trang thứ hai")) == 2
    assert normalized.page_at(normalized.text.index("Căn cứ")) == 1


UNRULED_ROWS = [
    ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
    ["1", "Tuyên truyền chuyển đổi số trên hệ thống phát thanh và mạng xã hội của phường", "Phòng Văn hóa - Xã hội",
     "Tháng 12/2026"],
    ["2", "Bảo đảm an toàn thông tin mạng", "Công an phường", "Thường xuyên"],
]


def _pdf_with_unruled_table(path: Path) -> None:
    pdf = _new_pdf(10)
    pdf.multi_cell(0, 6, "PHỤ LỤC")
    pdf.ln(4)
    _write_table(pdf, UNRULED_ROWS, (10, 70, 50, 30), borders_layout="NONE")
    pdf.ln(6)
    pdf.multi_cell(0, 6, "Nơi nhận:")
    pdf.output(str(path))


def test_pdf_unruled_table_from_word_positions(tmp_path):
    path = tmp_path / "unruled.pdf"
    _pdf_with_unruled_table(path)
    raw = read_document(path)
    tables = [b for b in raw.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0] == UNRULED_ROWS[0]
    assert rows[1][1] == UNRULED_ROWS[1][1]  # the wrapped cell comes back whole
    assert rows[2] == UNRULED_ROWS[2]
    assert raw.blocks[-1].kind == "paragraph" and raw.blocks[-1].text == "Nơi nhận:"

    from extractors.assignments import extract_assignments

    rows = extract_assignments(parse_structure(normalize(raw)), "d", 2026)
    assert [(r.lead, r.due_date, r.ongoing) for r in rows] == [
        (["Phòng Văn hóa - Xã hội"], "2026-12-31", False), (["Công an phường"], None, True)]


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Nghị quyết số 10-NQ/TW '
    'ngày 10/02/2022 của Bộ Chính trị.</w:t></w:r></w:p></w:footnote></w:footnotes>'
)


def test_docx_footnotes_are_read_with_their_marks(tmp_path):
    """Word keeps footnotes in their own part: the mark stays in the sentence, the note goes to the end."""
    import zipfile

    import docx

    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Thực hiện các văn bản của Trung ươngMARK, Ủy ban nhân dân tỉnh ban hành Kế hoạch.")
    document.save(plain)
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"MARK", b'</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>')
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                                    b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", FOOTNOTES_XML)
    text = normalize(read_document(path)).text
    assert "Trung ương¹, Ủy ban" in text
    assert text.rstrip().endswith("¹ Nghị quyết số 10-NQ/TW ngày 10/02/2022 của Bộ Chính trị.")


@pytest.mark.parametrize("rows,prose", [
    # ruling lines around running text: one filled cell a row
    ([["Theo bản tin cảnh báo", "", "", "từ"], ["đêm 07/9 đến ngày 12/9", "", "", ""], ["mưa vừa, mưa", "", "", ""],
      ["to và dông.", "", "", ""], ["", "Để chủ động ứng phó", "", "Văn phòng đề nghị"]], True),
    # a table: its rows fill several cells
    ([["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát quy hoạch", "Sở Xây dựng"], ["2", "Kiểm tra", "Công an tỉnh"]], False),
])
def test_framed_prose_is_no_table(rows, prose):
    from pipeline.readers.pdf import is_framed_prose

    assert is_framed_prose(rows) is prose


def test_a_digital_pdf_typed_without_marks_is_read_not_ocred(tmp_path):
    """Vietnamese typed without tone marks reads as no encoding we know, yet is text."""
    from pipeline.readers import read_document

    lines = ["Dieu 2. To chuc thuc hien",
             "1. Phong Van hoa - Xa hoi chu tri, phoi hop voi cac co quan, don vi lien quan trien khai "
             "thuc hien cac nhiem vu duoc giao; tong hop ket qua, bao cao truoc ngay 15/12/2026.",
             "2. Cong an phuong phoi hop kiem tra, giam sat viec thuc hien tai cac khu pho; "
             "bao cao dinh ky hang quy ve Van phong HDND va UBND phuong.",
             "3. Tram Y te phuong to chuc tuyen truyen, huong dan nguoi dan thuc hien cac bien phap "
             "phong, chong dich benh theo quy dinh."]
    pdf = _new_pdf(10)
    for line in lines:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "khong-dau.pdf"))
    raw = read_document(tmp_path / "khong-dau.pdf")
    assert raw.source_format == "pdf"
    assert "Phong Van hoa - Xa hoi chu tri" in " ".join(b.text for b in raw.blocks)
