"""Every form a document arrives in, on files the tests make themselves: HTML
(a portal page, Word "Web Page"), Markdown (pipe, pandoc and grid tables), a
docx with a header table and a text box, a PDF with a two-column header and a
digital-signature stamp; and the header laid out every way it comes."""
import re
import shutil
from pathlib import Path

import pytest

from extractors.document_fields import extract_document
from models import Block, RawDocument
from pipeline.normalize import normalize
from pipeline.readers import read_document, reader_for
from pipeline.readers.html import read_html
from pipeline.readers.markdown import read_markdown
from pipeline.readers.stamps import strip_stamp_lines
from pipeline.structure import parse_structure
from test_readers import to_cp1258

EXPECTED = {
    "doc_type": "Kế hoạch", "number": "12", "symbol": "12/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Hòa Bình",
    "place": "Hòa Bình", "issued_date": "2025-03-05", "signer_name": "Trần Văn Bình",
    "signer_position": "Phó Chủ tịch", "signing_capacity": "KT.",
}
BODY = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n"
        "Ủy ban nhân dân tỉnh Hòa Bình ban hành Kế hoạch như sau:\n\n"
        "1. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành triển khai thực hiện./.")


def fields_of(path: Path) -> dict:
    return extract_document(parse_structure(normalize(read_document(path))))


def assert_expected(fields: dict, title: str = "Tăng cường công tác cải cách hành chính") -> None:
    for name, value in EXPECTED.items():
        assert fields[name] == value, name
    assert fields["title"] == title


PORTAL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng thông tin</title>
<script>var menu = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";</script></head><body>
<nav><ul><li>Trang chủ</li><li>Văn bản pháp luật</li></ul></nav>
<div class="search">Tìm kiếm văn bản</div>
<div class="content"><div class="toanvan">
<table><tr><td><p><b>ỦY BAN NHÂN DÂN<br>TỈNH HÒA BÌNH</b><br>-------</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></p></td></tr>
<tr><td><p>Số: 12/KH-UBND</p></td><td><p><i>Hòa Bình, ngày 05 tháng 3 năm 2025</i></p></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p><p align="center"><b>TĂNG CƯỜNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH</b></p>
<p>Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;</p>
<p>Ủy ban nhân dân tỉnh Hòa Bình ban hành Kế hoạch như sau:</p>
<p>1. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành triển khai thực hiện./.</p>
<table><tr><td><p><b>Nơi nhận:</b><br>- Như trên;<br>- Lưu: VT.</p></td>
<td><p><b>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br>Trần Văn Bình</b></p></td></tr></table>
</div></div>
<div class="related"><h3>Văn bản liên quan</h3><p>Quyết định 99/QĐ-UBND về việc khác</p></div>
<footer>Bản quyền thuộc về Cổng thông tin</footer></body></html>"""


def test_portal_page_keeps_the_document_and_drops_the_site(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    raw = read_document(path)
    text = normalize(raw).text
    assert raw.source_format == "html"
    assert "Trang chủ" not in text and "Văn bản liên quan" not in text and "Bản quyền" not in text
    assert "var menu" not in text
    assert_expected(fields_of(path))


def test_word_web_page_saved_as_doc_is_read_as_html(tmp_path):
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
            '<head><meta http-equiv=Content-Type content="text/html; charset=windows-1258">'
            '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body>'
            '<p class=MsoNormal>Tỉnh ủy<o:p></o:p></p></body></html>')
    path = tmp_path / "saved-as-web-page.doc"
    path.write_bytes(to_cp1258(html))
    assert reader_for(path, path.read_bytes()) is read_html
    text = normalize(read_document(path)).text
    assert text.strip() == "Tỉnh ủy"


def test_utf16_html_inside_a_text_file(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_bytes("<html><body><p>Số: 12/KH-UBND</p></body></html>".encode("utf-16"))
    assert normalize(read_document(path)).text.strip() == "Số: 12/KH-UBND"


PIPE_MARKDOWN = """---
title: "metadata, not text"
---

| **ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
|---|---|
| Số: 12/KH-UBND | *Hòa Bình, ngày 05 tháng 3 năm 2025* |

**KẾ HOẠCH**

Tăng cường công tác cải cách hành chính

{body}

| STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |
|---|---|---|---|
| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Quý II/2025 |

**Nơi nhận:**

\\- Lưu: VT.

**KT. CHỦ TỊCH**\\
**PHÓ CHỦ TỊCH**

**Trần Văn Bình**
"""

PANDOC_MARKDOWN = """  ----------------------- -----------------------------------------------
    **ỦY BAN NHÂN DÂN\\        **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\
     TỈNH HÒA BÌNH\\              Độc lập - Tự do - Hạnh phúc\\
     \\-\\-\\-\\-\\-\\--**            \\-\\-\\-\\-\\-\\-\\-\\-\\-\\--**

   Số: 12/KH-UBND              *Hòa Bình, ngày 05 tháng 3 năm 2025*
  ----------------------- -----------------------------------------------

**KẾ HOẠCH**

TĂNG CƯỜNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH

{body}

+-----+---------------------------+---------------+
| STT | Nhiệm vụ                  | Đơn vị chủ trì|
+=====+===========================+===============+
| 1   | Rà soát thủ tục hành      | Sở Tư pháp    |
|     | chính                     |               |
+-----+---------------------------+---------------+

  ------------------------ ----------------------
  **Nơi nhận:**\\           **KT. CHỦ TỊCH\\
  \\- Lưu: VT.              PHÓ CHỦ TỊCH\\
                           Trần Văn Bình**
  ------------------------ ----------------------
"""


@pytest.mark.parametrize("markdown", [PIPE_MARKDOWN, PANDOC_MARKDOWN], ids=["pipe", "pandoc-grid"])
def test_markdown_tables_headers_and_emphasis(tmp_path, markdown):
    path = tmp_path / "doc.md"
    path.write_text(markdown.replace("{body}", BODY), encoding="utf-8")
    raw = read_document(path)
    text = normalize(raw).text
    assert raw.source_format == "md"
    assert "**" not in text and "metadata" not in text and "\\-" not in text
    tables = [b for b in raw.blocks if b.kind == "table"]
    rows = [[" ".join(cell.split()) for cell in row[:3]] for t in tables for row in t.rows]
    assert ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp"] in rows  # a cell's lines are one cell
    assert_expected(fields_of(path))


def test_a_break_pandoc_wrote_before_closing_bold_in_a_grid_cell(tmp_path):
    rows = [("**Nơi nhận:**\\", "**TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\\"), ("\\- Lưu: HC.", "CHỦ TỊCH\\**")]
    border = "+" + "-" * 20 + "+" + "-" * 40 + "+"
    path = tmp_path / "nq.md"
    path.write_text("\n".join([border] + [f"| {a:<18} | {b:<38} |" for a, b in rows] + [border]), encoding="utf-8")
    text = normalize(read_document(path)).text
    assert "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH" in text and "*" not in text


def test_markdown_page_markers_give_pages(tmp_path):
    path = tmp_path / "ocr.md"
    path.write_text("--- PAGE 1 ---\nTrang một.\n\n--- PAGE 2 ---\nTrang hai.\n", encoding="utf-8")
    raw = read_markdown(path, path.read_bytes())
    assert [(b.page, b.text) for b in raw.blocks] == [(1, "Trang một."), (2, "Trang hai.")]


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wps:txbx><w:txbxContent><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:txbxContent></wps:txbx>
</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Số: 12/KH-UBND</w:t>
</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_docx_header_table_and_number_in_a_text_box(tmp_path):
    import docx
    from lxml import etree

    document = docx.Document()
    header = document.add_table(rows=2, cols=3)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH"
    header.cell(0, 2).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 2).text = "Hòa Bình, ngày 05 tháng 3 năm 2025"
    anchor = document.add_paragraph()
    anchor._p.append(etree.fromstring(TEXT_BOX))
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tăng cường công tác cải cách hành chính")
    for paragraph in BODY.split("\n\n"):
        document.add_paragraph(paragraph)
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Lưu: VT."
    signature.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Bình"
    path = tmp_path / "doc.docx"
    document.save(path)
    text = normalize(read_document(path)).text
    assert text.count("Số: 12/KH-UBND") == 1  # the VML fallback copy is not read again
    assert_expected(fields_of(path))


def test_pdf_two_column_header_and_signature_stamp(tmp_path):
    from fpdf import FPDF

    from bench.fixtures import FONT, FONT_BOLD

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()

    def at(x, y, text, size=11, style=""):
        pdf.set_font("DejaVu", style, size)
        pdf.set_xy(x, y)
        pdf.cell(0, 6, text)

    at(20, 15, "ỦY BAN NHÂN DÂN", style="B")
    at(110, 15, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="B")
    at(25, 21, "TỈNH HÒA BÌNH", style="B")
    at(115, 21, "Độc lập - Tự do - Hạnh phúc", style="B")
    at(22, 29, "Số: 12/KH-UBND")
    at(112, 29, "Hòa Bình, ngày 05 tháng 3 năm 2025")
    at(140, 40, "Ký bởi: Trần Văn Bình", size=7)
    at(140, 44, "Cơ quan: Ủy ban nhân dân tỉnh Hòa Bình", size=7)
    at(140, 48, "Thời gian ký: 05.03.2025 10:12:00 +07:00", size=7)
    at(90, 60, "KẾ HOẠCH", style="B")
    at(50, 67, "Tăng cường công tác cải cách hành chính", style="B")
    y = 80
    for paragraph in BODY.split("\n\n"):
        at(20, y, paragraph[:90], size=10)
        y += 10
    at(20, 120, "Nơi nhận:", style="B")
    at(120, 120, "KT. CHỦ TỊCH", style="B")
    at(20, 126, "- Lưu: VT.")
    at(120, 126, "PHÓ CHỦ TỊCH", style="B")
    path = tmp_path / "signed.pdf"
    pdf.output(str(path))
    raw = read_document(path)
    text = normalize(raw).text
    assert "Ký bởi" not in text and "Thời gian ký" not in text
    assert raw.stamp_signer == "Trần Văn Bình"
    from extractors.document_fields import document_row
    from models import DocumentRow

    row = document_row(DocumentRow("x", str(path), "pdf"), parse_structure(normalize(raw)), raw.stamp_signer)
    assert (row.number, row.symbol, row.issued_date, row.place) == ("12", "12/KH-UBND", "2025-03-05", "Hòa Bình")
    assert row.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert (row.signing_capacity, row.signer_position) == ("KT.", "Phó Chủ tịch")
    assert row.signer_name == "Trần Văn Bình"
    assert any("digital-signature stamp" in w for w in row.warnings)


def test_stamp_lines_are_not_content():
    blocks = [Block("paragraph", 1, "Ký bởi: Nguyễn Văn A\nCơ quan: Sở Tư pháp\nEmail: a@b.vn\n"
                                    "Thời gian ký: 01.04.2026 17:02:11 +07:00"),
              Block("paragraph", 1, "Nội dung văn bản."),
              Block("paragraph", 2, "Ký bởi: Sở Tư pháp\nThời gian ký: 02.04.2026 08:10:00 +07:00")]
    assert strip_stamp_lines(blocks) == ("Nguyễn Văn A", [("Nguyễn Văn A", "2026-04-01"), ("Sở Tư pháp", "2026-04-02")])
    assert [b.text for b in blocks] == ["Nội dung văn bản."]


@pytest.mark.parametrize("stamps,date,signer", [
    ([("Ủy ban nhân dân tỉnh Hòa Bình", "2025-03-06")], "2025-03-06", "Ủy ban nhân dân tỉnh Hòa Bình"),  # the seal
    ([("Trần Văn Bình", "2025-03-05"), ("Ủy ban nhân dân tỉnh Hòa Bình", "2025-03-06")], "2025-03-06", "Trần Văn Bình"),
    ([("Cổng Thông tin điện tử Chính phủ", "2025-04-01")], None, None),  # a portal's copy
], ids=["issuer's seal", "signer then seal", "portal's copy"])
def test_stamps_give_the_date_and_signer_only_when_the_signer_or_issuer_put_them_on(stamps, date, signer):
    from extractors.document_fields import document_row
    from models import DocumentRow, NormalizedText

    text = ("ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 12/KH-UBND\t\tHòa Bình, ngày ®) tháng 3 năm 2025\n\nKẾ HOẠCH\n\nTăng cường\n\n" + BODY)
    row = document_row(DocumentRow("x", "x.pdf", "pdf"), parse_structure(NormalizedText(text)), stamps[0][0], stamps)
    assert (row.issued_date, row.signer_name) == (date, signer)
    assert row.is_draft is (date is None)


# Header layouts: each as the lines a reader may give, and what must come out of it.
HEADER_LAYOUTS = {
    "table cells with TABs": "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                             "Số: 12/KH-UBND\t\tHòa Bình, ngày 05 tháng 3 năm 2025",
    "columns glued on one line": "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                 "TỈNH HÒA BÌNH Độc lập - Tự do - Hạnh phúc\n"
                                 "Số: 12/KH-UBND Hòa Bình, ngày 05 tháng 3 năm 2025",
    "left column then right column": "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 12/KH-UBND\n\n"
                                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                     "Hòa Bình, ngày 05 tháng 3 năm 2025",
    "date before number, motto without diacritics": "UBND TỈNH HÒA BÌNH\n\nCONG HOA XA HOI CHU NGHIA VIET NAM\n\n"
                                                    "Hòa Bình, ngày 05 tháng 3 năm 2025 Số: 12/KH-UBND",
}
SIGNATURE_LAYOUTS = {
    "stacked": "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình",
    "interleaved with the recipients": "Nơi nhận:\n- Như trên;\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
                                       "- Sở Nội vụ;\n\n- Lưu: VT, TH.\n\nTrần Văn Bình",
    # OCR or a PDF read the two columns as one: the signer's column ends the recipient lines
    "glued to the recipient lines": "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n"
                                    "- Sở Nội vụ; PHÓ CHỦ TỊCH\n- Sở Tài chính;\n- Lưu: VT, TH; Trần Văn Bình",
    # a list of units appended after the signature, with no PHỤ LỤC title over it
    "followed by an untitled list": "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n\n"
                                    "DANH SÁCH CÁC ĐƠN VỊ\n" + "\n".join(f"{n}. Công ty số {n}" for n in range(1, 45)),
    # a Word layout table kept as TAB-joined rows by a text conversion
    "table rows with TABs": "Nơi nhận\t\tKT. CHỦ TỊCH\n- Như trên;\t\tPHÓ CHỦ TỊCH\n- Sở Nội vụ;\t\t(Đã ký)\n"
                            "- Lưu: VT.\t\tTrần Văn Bình",
    # an annex titled in sentence case, its coordinate codes in capitals (`M1`)
    "followed by a `Phụ lục` table": "Nơi nhận:\n- Như trên;\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n- Lưu: VT.\n\n"
                                     "Trần Văn Bình\n\nPhụ lục\nBẢNG TỌA ĐỘ\nMốc\tX\tY\n"
                                     + "\n".join(f"M{n}\t2498{n:03d},5\t4071{n:02d},2" for n in range(1, 50)),
}


@pytest.mark.parametrize("signature", SIGNATURE_LAYOUTS.values(), ids=SIGNATURE_LAYOUTS.keys())
@pytest.mark.parametrize("header", HEADER_LAYOUTS.values(), ids=HEADER_LAYOUTS.keys())
def test_header_and_signature_layouts(tmp_path, header, signature):
    path = tmp_path / "doc.txt"
    path.write_text(f"{header}\n\nKẾ HOẠCH\n\nTăng cường công tác cải cách hành chính\n\n{BODY}\n\n{signature}\n",
                    encoding="utf-8")
    assert_expected(fields_of(path))


@pytest.mark.parametrize("title_lines,title", [
    (["Về việc phê duyệt phương án, tỷ lệ 1/500", "(đoạn từ nút giao A đến nút giao B)."],
     "Về việc phê duyệt phương án, tỷ lệ 1/500 (đoạn từ nút giao A đến nút giao B)"),
    (["Ban hành Danh mục công việc (OKR/KPI) đối với Văn phòng và", "Hội đồng nhân dân tỉnh Hòa Bình"],
     "Ban hành Danh mục công việc (OKR/KPI) đối với Văn phòng và Hội đồng nhân dân tỉnh Hòa Bình"),
    (["VỀ VIỆC SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CỦA TỈNH HÒA BÌNH"],
     "Về việc sắp xếp đơn vị hành chính của tỉnh Hòa Bình"),
    (["Thực hiện Đề án số 08 về phát triển công nghiệp"], "Thực hiện Đề án số 08 về phát triển công nghiệp"),
])
def test_titles_over_several_paragraphs(tmp_path, title_lines, title):
    header = HEADER_LAYOUTS["table cells with TABs"]
    path = tmp_path / "doc.txt"
    path.write_text(f"{header}\n\nKẾ HOẠCH\n\n" + "\n\n".join(title_lines) + f"\n\n{BODY}\n\n"
                    + SIGNATURE_LAYOUTS["stacked"] + "\n", encoding="utf-8")
    assert fields_of(path)["title"] == title


def test_issuer_of_a_bare_office_and_of_a_delegation(tmp_path):
    for header, issuer in [("UBND TỈNH HÒA BÌNH\nVĂN PHÒNG", "Văn phòng Ủy ban nhân dân tỉnh Hòa Bình"),
                           ("HỘI ĐỒNG NHÂN DÂN TỈNH HÒA BÌNH\nĐOÀN GIÁM SÁT",
                            "Đoàn giám sát của Hội đồng nhân dân tỉnh Hòa Bình")]:
        path = tmp_path / "doc.txt"
        path.write_text(f"{header}\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/TB-VP\t\t"
                        f"Hòa Bình, ngày 05 tháng 3 năm 2025\n\nTHÔNG BÁO\n\nKết luận cuộc họp\n\n{BODY}\n",
                        encoding="utf-8")
        assert fields_of(path)["issuer"] == issuer


def test_broken_font_letters_are_repaired():
    raw = RawDocument("x.pdf", "pdf", "x", [Block("paragraph", 1, "BỘ CÔNG THƢƠNG hƣớng dẫn")])
    assert normalize(raw).text == "BỘ CÔNG THƯƠNG hướng dẫn"


def test_coverage_reports_found_fields_and_visible_misses(tmp_path):
    from pipeline.coverage import coverage
    from pipeline.runner import run_loop

    path = tmp_path / "in" / "doc.txt"
    path.parent.mkdir()
    path.write_text(HEADER_LAYOUTS["table cells with TABs"] + "\n\nKẾ HOẠCH\n\nTăng cường công tác\n\n"
                    "Căn cứ tình hình thực tế của địa phương;\n\nTheo mã hồ sơ 55/ABC-XYZ đã gửi.\n\n"
                    + SIGNATURE_LAYOUTS["stacked"] + "\n", encoding="utf-8")
    run_loop([path.parent], tmp_path / "out", 10, False)
    result = coverage(tmp_path / "out")
    assert result["totals"]["processed"] == 1 and result["totals"]["errors"] == 0
    assert result["totals"]["field_found_share"]["symbol"] == 1.0
    assert result["totals"]["issued"] == 1  # the number and date are filled in: no draft
    doc = result["documents"][0]
    assert doc["uncited_can_cu"] == ["Căn cứ tình hình thực tế của địa phương;"]
    assert "55/ABC-XYZ" in doc["unparsed_symbols"]


@pytest.mark.parametrize("text, symbols", [
    ("Theo mã hồ sơ 55/ABC-XYZ đã gửi.", ["55/ABC-XYZ"]),
    # a group ending in small letters is one symbol: not `29/2025/QĐ-TT` left over beside the document's own
    ("Quyết định số 29/2025/QĐ-TTg về tín dụng", ["29/2025/QĐ-TTg"]),
    ("Chỉ thị 07/CT-TTg và mã 12/BC-UBND.", ["07/CT-TTg", "12/BC-UBND"]),
])
def test_symbol_like_strings_are_taken_whole(text, symbols):
    from pipeline.coverage import SYMBOL_LIKE

    assert [m.group(0) for m in SYMBOL_LIKE.finditer(text)] == symbols


def test_letter_closed_by_its_body_and_position_without_a_mark(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỜ TRÌNH\n\n(V/v xin kinh phí tư vấn)\n\n"
                    "Kính gửi: UBND huyện Lục Nam\n\nỦy ban nhân dân thị trấn Đồi Ngô kính trình.\n\n"
                    "UBND THỊ TRẤN ĐỒI NGÔ\nChủ tịch\n", encoding="utf-8")
    fields = fields_of(path)
    assert fields["issuer"] == "Ủy ban nhân dân thị trấn Đồi Ngô"
    assert fields["signer_position"] == "Chủ tịch" and fields["signer_name"] is None
    assert fields["title"] == "V/v xin kinh phí tư vấn" and fields["doc_type"] == "Tờ trình"


def test_gazette_title_names_issuer_number_and_date(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("CHỈ THỊ\nCỦA BỘ TÀI CHÍNH SỐ 07/2008/CT-BTC\nNGÀY 30 THÁNG 12 NĂM 2008\n"
                    "VỀ TĂNG CƯỜNG KỶ LUẬT TÀI CHÍNH\n\nĐể tăng cường kỷ luật, Bộ trưởng chỉ thị:\n\n"
                    "1. Các đơn vị thực hiện nghiêm./.\n\nBỘ TRƯỞNG\nNguyễn Văn An\n", encoding="utf-8")
    fields = fields_of(path)
    assert (fields["doc_type"], fields["symbol"], fields["issuer"], fields["issued_date"]) == \
        ("Chỉ thị", "07/2008/CT-BTC", "Bộ Tài chính", "2008-12-30")
    assert fields["title"] == "Về tăng cường kỷ luật tài chính"


def test_law_is_dated_by_its_adoption(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("QUỐC HỘI\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 10/2025/QH15\n\nLUẬT\n\n"
                    "THUẾ TÀI NGUYÊN\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n"
                    "Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về thuế tài nguyên.\n\n"
                    "Luật này được Quốc hội khóa XV, kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.\n\n"
                    "CHỦ TỊCH QUỐC HỘI\nTrần Văn Bình\n", encoding="utf-8")
    fields = fields_of(path)
    assert (fields["doc_type"], fields["symbol"], fields["issued_date"], fields["title"]) == \
        ("Luật", "10/2025/QH15", "2025-12-10", "Thuế tài nguyên")
    assert fields["signer_name"] == "Trần Văn Bình"


def test_title_keeps_out_the_authority_a_web_page_glued_to_it(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("CHÍNH PHỦ\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 13/NQ-CP\t\tHà Nội, ngày 16 tháng 01 năm 2026"
                    "\n\nNGHỊ QUYẾT\n\nVỀ VIỆC CÔNG BỐ DANH MỤC CHẾ ĐỘ\n\n"
                    "QUẢN LÝ NGÂN QUỸ NHÀ NƯỚC CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ;\n", encoding="utf-8")
    assert fields_of(path)["title"] == "Về việc công bố danh mục chế độ quản lý ngân quỹ nhà nước"


def test_family_name_misread_by_ocr_is_put_back():
    from pipeline.person_names import repaired_name

    assert repaired_name("Vẽ Thị Lan") == "Võ Thị Lan"
    assert repaired_name("Ngưyễn Văn An") == "Nguyễn Văn An"
    assert repaired_name("Hoàng Văn Thuân") is None  # nothing to repair


@pytest.mark.parametrize("read,repaired", [
    ("Mai Son", "Mai Sơn"),  # a given name read bare: one given name spells it
    ("Trần Cuong", "Trần Cường"),
    ("Trương Hoa Bình", None),  # Hoa is a given name too: nothing to choose
    ("Nguyen Van Tuan", None),  # read bare throughout: left as read, not half repaired
])
def test_given_name_that_lost_its_marks_is_put_back(read, repaired):
    from pipeline.person_names import repaired_name

    assert repaired_name(read) == repaired


@pytest.mark.parametrize("number_line,number,symbol", [
    ("Số: 66.18/2026/NQ-CP", "66.18", "66.18/2026/NQ-CP"),  # a Government resolution's series number
    ("Số 60-NQ/TW", "60", "60-NQ/TW"),  # a Party document's symbol
    ("Số: - KH/ĐTN", None, "-KH/ĐTN"),  # a Party draft
    ("Số: II /2026/QĐ-UBND", "11", "11/2026/QĐ-UBND"),  # OCR read 11 as II
    ("Số:\t/BC-UBND", None, "/BC-UBND"),  # number and symbol in two cells
    ("Số: /GP - SCT", None, "/GP-SCT"),  # left blank: a draft, not an unreadable number
    ("Sắ:422/STTTT-KHTC", "422", "422/STTTT-KHTC"),  # OCR misread the word `Số`
    ("Só $3/KCN-VP", None, "/KCN-VP"),  # ... and the number
    ("Độc lập - Tự do - Hạnh phúc số: 12/KH-UBND", "12", "12/KH-UBND"),  # read onto the motto's line
])
def test_number_lines_of_every_shape(tmp_path, number_line, number, symbol):
    path = tmp_path / "doc.txt"
    path.write_text(f"ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\n{number_line}\n\nKẾ HOẠCH\n\nTăng cường công tác\n\n{BODY}\n",
                    encoding="utf-8")
    fields = fields_of(path)
    assert (fields["number"], fields["symbol"]) == (number, symbol)
    blank = re.fullmatch(r"Số:\s*/.*", number_line) is not None
    assert any(w.startswith("blank number") for w in fields["warnings"]) is blank


@pytest.mark.parametrize("signature,name,position", [
    ("TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n|\nTrần Văn Bình", "Trần Văn Bình", "Chủ tịch"),  # a table's bar
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n( Đã ký )\nThượng tướng Lê Văn An", "Lê Văn An", "Thứ trưởng"),  # a rank
    ("Noi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n--Mai Văn Sơn",
     "Mai Văn Sơn", "Phó Cục trưởng"),  # OCR: `Noi nhận`, dashes before the name
    # OCR debris beside the signer's column, and a recipient wrapped over two lines
    ("Nơi nhận:\n- TTgCP, các PTTgCP;\nẶ\nBỘ TRƯỞNG, CHỦ NHIỆM\n.\n- VPCP: BTCN, các PCN, Trợ lý,\n"
     "PTTgCP, các Vụ, Cục;\n- Lưu: VT.\nTrần Văn Sơn", "Trần Văn Sơn", "Bộ trưởng, Chủ nhiệm"),
    # Lưu opens the archive copy of the Nơi nhận list, and is a family name too
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, CS.\n\nTL. CỤC TRƯỞNG\nTRƯỞNG PHÒNG\n\nLưu Đức Huy", "Lưu Đức Huy",
     "Trưởng phòng"),
    # a report or a plan signed by the person who wrote it, in sentence case
    ("Nơi nhận:\n- Lưu VP.\n\nNgười lập kế hoạch\nĐỗ Ngọc Nam", "Đỗ Ngọc Nam", "Người lập kế hoạch"),
    ("Người khai\nTrưởng Ban Quản lý các KCN\nNguyễn Anh Quyền", "Nguyễn Anh Quyền",
     "Trưởng Ban Quản lý các KCN"),
    # a republished copy notes that the original is signed, after the name; a form appended below
    ("Nơi nhận:\n- Như trên;\n- Lưu VT, Vụ PC.\n\nTỔNG THANH TRA\nTrần Văn Bình – Đã ký\n\n"
     "Mẫu số 1 ban hành kèm theo Thông tư này\n\nBẢN KÊ KHAI\n1\tHọ và tên\t…………", "Trần Văn Bình", "Tổng Thanh tra"),
    ("Nơi nhận:\n- Như trên;\n\nCHỦ TỊCH\nLê Thị Hoa (Đã ký)", "Lê Thị Hoa", "Chủ tịch"),
])
def test_signature_debris_ranks_and_ocr(tmp_path, signature, name, position):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER_LAYOUTS["table cells with TABs"] + f"\n\nKẾ HOẠCH\n\nTăng cường\n\n{BODY}\n\n{signature}\n",
                    encoding="utf-8")
    fields = fields_of(path)
    assert (fields["signer_name"], fields["signer_position"]) == (name, position)


def test_unreadable_stamped_number_keeps_the_symbol_and_says_so(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nSố: đố /HC-CNHC\nHà Nội, ngày stẲ tháng 4 năm 2026\n\n"
                    f"V/v trao đổi về một số quy định\n\n{BODY}\n", encoding="utf-8")
    fields = fields_of(path)
    assert (fields["number"], fields["symbol"], fields["doc_type"]) == (None, "/HC-CNHC", "Công văn")
    assert any(w.startswith("unreadable number") for w in fields["warnings"])
    assert any(w.startswith("unreadable issue date") for w in fields["warnings"])


def test_type_and_title_on_one_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER_LAYOUTS["table cells with TABs"] + "\n\nQUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\n\n"
                    f"{BODY}\n", encoding="utf-8")
    fields = fields_of(path)
    assert (fields["doc_type"], fields["title"]) == ("Quyết định", "Chấp thuận chủ trương đầu tư")


def test_ocr_text_without_blank_lines_keeps_its_body(tmp_path):
    # one paragraph from top to bottom: each căn cứ ends at its `;`, the signature is still found
    path = tmp_path / "doc.txt"
    path.write_text("UBND TỈNH HÒA BÌNH\nSỞ Y TẾ\nSố: 27/SYT-TCCB Hòa Bình, ngày 10 tháng 10 năm 2023\n"
                    "V/v công bố cơ sở khám bệnh\nKính gửi:\n- Trung tâm Y tế huyện.\n"
                    "Căn cứ Nghị định số 111/2017/NĐ-CP ngày 05/10/2017 của Chính phủ về\nđào tạo thực hành.\n"
                    "Sở Y tế có ý kiến như sau:\nTrung tâm Y tế huyện chịu trách nhiệm công bố./.\n"
                    "Nơi nhận: GIÁM ĐỐC\n-Như trên;\n-Lưu: VT.\nVõ Thị Lan\n", encoding="utf-8")
    fields = fields_of(path)
    assert (fields["signer_name"], fields["signer_position"]) == ("Võ Thị Lan", "Giám đốc")


def test_signer_column_read_before_an_ocr_nơi_nhận_list(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER_LAYOUTS["table cells with TABs"] + f"\n\nKẾ HOẠCH\n\nTăng cường\n\n{BODY}\n\n"
                    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNoi nhận:\n~ Như trên;\n~ Lưu: VT, TH (2b). Trần Văn Bình\n",
                    encoding="utf-8")
    fields = fields_of(path)
    assert (fields["signer_name"], fields["signer_position"], fields["signing_capacity"]) == \
        ("Trần Văn Bình", "Phó Chủ tịch", "KT.")


def test_recipients_hold_neither_the_signers_name_nor_their_other_office(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER_LAYOUTS["table cells with TABs"] + f"\n\nKẾ HOẠCH\n\nTăng cường\n\n{BODY}\n\n"
                    "Nơi nhận: KT. CHỦ TỊCH\n- Sở Nội vụ; PHÓ CHỦ TỊCH\n- Lưu: VT.\n\nTrần Văn Bình\nGIÁM ĐỐC SỞ NỘI VỤ\n",
                    encoding="utf-8")
    structure = parse_structure(normalize(read_document(path)))
    assert [ln.text for ln in structure.recipients] == ["- Sở Nội vụ;", "- Lưu: VT."]


def _pdf_with_widgets(path, printed: list[tuple[float, str]], stamped: list[tuple[float, str]], y: float = 700,
                      scan=None):
    """A one-page PDF as an e-office system leaves it: printed text (x, text) on one line, and
    form widgets (x, text) whose appearance streams draw the stamped text on the same line;
    `scan` (a PIL image) is drawn over the whole page first, as a scanner leaves it."""
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    content = b"".join(b"BT /F1 12 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, text.encode()) for x, text in printed)
    objects = {1: None, 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 4: helvetica}
    images = b""
    if scan is not None:
        import io

        jpeg = io.BytesIO()
        scan.convert("L").save(jpeg, "JPEG", quality=90)
        objects[9] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                      b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream"
                      % (scan.width, scan.height, len(jpeg.getvalue()), jpeg.getvalue()))
        content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" + content
        images = b" /XObject << /Im1 9 0 R >>"
    objects[8] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    widgets = []
    for i, (x, text) in enumerate(stamped):
        widget, appearance = 10 + 2 * i, 11 + 2 * i
        stream = b"BT /Helv 12 Tf 0 2 Td (%s) Tj ET" % text.encode()
        objects[appearance] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 60 16] /Resources << /Font << /Helv 4 0 R"
                               b" >> >> /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects[widget] = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f%d) /V (%s) /F 4 /P 3 0 R "
                           b"/Rect [%.1f %.1f %.1f %.1f] /AP << /N %d 0 R >> >>"
                           % (i, text.encode(), x, y - 2, x + 60, y + 14, appearance))
        widgets.append(b"%d 0 R" % widget)
    fields = b" ".join(widgets)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /DR << /Font << /Helv 4 0 R >> >> >> >>" % fields
    objects[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >>%s >> "
                  b"/Contents 8 0 R /Annots [%s] >>" % (images, fields))
    out, offsets = bytearray(b"%PDF-1.7\n"), {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
                    for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(out))


def test_numbers_and_days_stamped_into_signature_fields_are_read_over_the_printed_blanks(tmp_path):
    path = tmp_path / "signed.pdf"
    # `So:      /UBND-VP` with 1234 stamped in the blank; `ngay 4` with a 5 stamped over the 4
    _pdf_with_widgets(path, [(60, "So:"), (111, "/UBND-VP"), (300, "ngay"), (333, "4"), (345, "thang 7 nam 2026")],
                      [(84, "1234"), (333, "5")])
    raw = read_document(path)
    text = normalize(raw).text
    assert "So: 1234/UBND-VP" in text
    assert "ngay 5 thang 7 nam 2026" in text
    assert any("signing system" in w for w in raw.warnings)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_a_scan_whose_only_text_is_its_signature_stamp_is_read_by_ocr(tmp_path):
    from bench.fixtures import pdf_to_scan, text_to_pdf

    page = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\n\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n\nTăng cường công tác cải cách hành chính\n\n" + BODY
    text_to_pdf(page, tmp_path / "digital.pdf")
    scan = pdf_to_scan(tmp_path / "digital.pdf", tmp_path / "scan.pdf", seed=5)[0]
    path = tmp_path / "signed-scan.pdf"
    stamp = "Ky boi: Tran Van Binh Co quan: Uy ban nhan dan tinh Hoa Binh Thoi gian ky: 06.03.2025".split()
    _pdf_with_widgets(path, [], [(30 + 34 * i, word) for i, word in enumerate(stamp)], y=40, scan=scan)
    raw = read_document(path)
    assert raw.source_format == "pdf_ocr"
    assert "Giao Sở Nội vụ chủ trì" in normalize(raw).text


@pytest.mark.parametrize("date_line,date", [
    ("Hà Nội, ngày 29 thắng 4 năm 2026", "2026-04-29"),  # `thắng` for `tháng`
    ("Bắc Giang, ngày 14 tháng l] năm 2012", "2012-11-14"),  # `l]` for `11`
    ("Bắc Giang, ngày 14 tháng II năm 2012", "2012-11-14"),
    ("Bắc Giang, ngày 1O tháng 3 năm 2012", "2012-03-10"),
    ("Lào Cai, ngày 04 tháng ‡ năm 2026", None),  # a month no look-alike gives back
    ("Phú Thọ, ngày | tháng 12 năm 2011", None),  # a lone stroke may be the blank's, not a 1
])
def test_issue_date_read_through_ocr_look_alikes_and_said_so(tmp_path, date_line, date):
    path = tmp_path / "doc.txt"
    path.write_text(f"ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\t\t{date_line}"
                    f"\n\nKẾ HOẠCH\n\nTăng cường\n\n{BODY}\n", encoding="utf-8")
    fields = fields_of(path)
    assert fields["issued_date"] == date
    assert any("look-alike" in w for w in fields["warnings"]) is (date is not None)


@pytest.mark.parametrize("text, cited, unparsed", [
    # named again after the document it restates: one citation, as the gold counts it
    ("Căn cứ Nghị định số 98/2020/NĐ-CP ngày 01/8/2020; ... theo quy định (Nghị định số 98/2020/NĐ-CP).",
     [(6, 58, "98/2020/NĐ-CP")], []),
    ("Căn cứ Nghị định số 98/2020/NĐ-CP ngày 01/8/2020; ... theo mã 55/ABC-XYZ.",
     [(6, 58, "98/2020/NĐ-CP")], ["55/ABC-XYZ"]),
    # the document's own number is no miss, however it is spaced
    ("Số: 12/ KH-UBND ... Kế hoạch số 12/KH-UBND", [], []),
])
def test_unparsed_symbols_are_documents_never_cited(text, cited, unparsed):
    from pipeline.coverage import document_coverage

    doc = {"source_path": "x.txt", "text": text, "symbol": "12/KH-UBND"}
    citations = [{"start": s, "end": e, "cited_symbol": symbol} for s, e, symbol in cited]
    assert document_coverage(doc, citations, [])["unparsed_symbols"] == unparsed
