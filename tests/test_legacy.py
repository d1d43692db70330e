"""TCVN3 and VNI text, in files and as legacy-font text a reader passes through."""
import shutil
import subprocess
import unicodedata

import pytest

from pipeline.legacy import (
    TCVN3_DECODE, decode_tcvn3, decode_vni, encode_tcvn3, encode_vni, read_as_cp1252, repair_extracted,
)
from pipeline.normalize import normalize
from pipeline.readers import read_document


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv to compare with")
def test_tcvn3_table_agrees_with_glibc():
    codes = sorted(TCVN3_DECODE)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes(codes), capture_output=True,
                         check=True).stdout.decode()
    assert list(out) == [TCVN3_DECODE[c] for c in codes]


@pytest.mark.parametrize(
    "vni,text",
    [("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
     ("UÛY BAN NHAÂN DAÂN PHÖÔØNG", "ỦY BAN NHÂN DÂN PHƯỜNG"),
     ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc")],
)
def test_vni_decoding(vni, text):
    assert decode_vni(vni) == text


def test_tcvn3_decoding_of_a_known_phrase():
    assert decode_tcvn3(b"Quy\xd5t \xae\xdenh") == "Quyết định"  # "ế" D5, "đ" AE, "ị" DE


def test_legacy_copies_of_a_seed_read_like_the_unicode_one(tmp_path, seeds):
    seed = seeds[0]
    unicode_text = normalize(read_document(seed)).text
    source = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
    tcvn3 = tmp_path / "seed-tcvn3.txt"
    tcvn3.write_bytes(encode_tcvn3(source))
    vni = tmp_path / "seed-vni.txt"
    vni.write_bytes(encode_vni(source).encode("cp1252"))
    for path, encoding in ((tcvn3, "tcvn3"), (vni, "vni")):
        raw = read_document(path)
        assert normalize(raw).text == unicode_text
        assert any(encoding in w for w in raw.warnings)


def test_legacy_font_text_from_a_pdf_or_word_file():
    text = "Ủy ban nhân dân phường Hải An quyết định giao Công an phường chủ trì thực hiện"
    garbled_tcvn3 = read_as_cp1252(encode_tcvn3(text))
    assert repair_extracted(garbled_tcvn3) == (text, "tcvn3")
    assert repair_extracted(encode_vni(text)) == (text, "vni")
    assert repair_extracted(text) == (text, None)


def test_docx_in_a_legacy_font(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(encode_vni("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/06/2025;"))
    document.add_paragraph(encode_vni("Giao Công an phường chủ trì, phối hợp với các phòng, đơn vị thuộc phường."))
    path = tmp_path / "vni.docx"
    document.save(path)
    text = normalize(read_document(path)).text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/06/2025;" in text


def test_docx_in_tcvn3_keeps_the_u_horn_word_stored_as_an_optional_hyphen(tmp_path):
    """TCVN3 puts `ư` at byte 0xAD; Word saves that byte as `<w:softHyphen/>`."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    sentence = "Giao Sở Công Thương chủ trì, phối hợp với các đơn vị được giao. Người khai: Trưởng Ban."
    paragraph = document.add_paragraph()
    for piece in read_as_cp1252(encode_tcvn3(sentence)).split("\u00ad"):
        run = paragraph.add_run(piece)
        run._r.append(run._r.makeelement(qn("w:softHyphen"), {}))
    paragraph.runs[-1]._r.remove(paragraph.runs[-1]._r[-1])  # no mark after the last piece
    path = tmp_path / "tcvn3.docx"
    document.save(path)
    assert sentence in normalize(read_document(path)).text
