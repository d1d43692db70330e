"""A generator of bad input: the files an analyst's bulk folder really holds, built
from nothing (no file of the corpus is copied). Each kind names what the run must
make of it:

- "error": one error row whose warnings say why;
- "partial": a document kept up to a limit, with a warning naming the limit;
- "row": a row of either kind (a good document in an odd wrapper).
"""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

SEED_TEXT = """ỦY BAN NHÂN DÂN
PHƯỜNG HẢI AN
Số: 12/KH-UBND\t\tHải An, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2025

Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ;

1. Công an phường chủ trì, phối hợp với phòng Văn hóa - Xã hội rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2025.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""

PASSWD_MARK = "root:x:0:0"


def _docx(document_xml: bytes, extra: dict[str, bytes] | None = None, content_type: str =
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") -> bytes:
    """A minimal .docx around `document_xml` (and any extra members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                   'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                   f'xml"/><Override PartName="/word/document.xml" ContentType="{content_type}"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def _body(paragraphs: list[str], prolog: str = "") -> bytes:
    runs = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{runs}</w:body></w:document>').encode()


def _pdf(pages: int = 1, size: tuple[float, float] = (595, 842)) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(*size)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _raw_pdf(objects: list[str], trailer: str) -> bytes:
    body = "%PDF-1.4\n" + "".join(f"{i} 0 obj\n{o}\nendobj\n" for i, o in enumerate(objects, start=1))
    return (body + f"trailer\n{trailer}\n%%EOF\n").encode("latin-1")


def _png(width: int, height: int, pixels: bytes | None = None) -> bytes:
    """A PNG whose header claims `width` x `height`; its pixel data may be short (a bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = pixels if pixels is not None else b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _tiff_with_broken_page() -> bytes:
    from PIL import Image

    frames = [Image.new("L", (400, 300), 255), Image.new("L", (400, 300), 0)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    data = buffer.getvalue()
    return data[: len(data) - 60_000]  # the second page's strips cut short


def _deep_file(folder: Path) -> None:
    """A file under nested folders whose full path exceeds the system's limit (PATH_MAX)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(24):
            name = "d" * 200
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as f:
            f.write(SEED_TEXT + "deep\n")
    finally:
        os.close(fd)


Maker = Callable[[Path], None]


def _write(name: str, data: bytes | str) -> Maker:
    def make(folder: Path) -> None:
        (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return make


def kinds() -> dict[str, tuple[Maker, str]]:
    """name -> (how to make it in a folder, what the run must make of it)."""
    xxe = _body([f"&xxe;"], prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    bomb = _body(["&l9;"], prolog=f'<!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>')
    seed_docx = _docx(_body(SEED_TEXT.split("\n")))
    blank_pdf = _pdf(pages=8)
    catalog = "<< /Type /Catalog /Pages 2 0 R >>"
    out: dict[str, tuple[Maker, str]] = {}
    for ext in ("txt", "md", "html", "pdf", "docx", "doc", "rtf", "odt", "png", "jpg", "tif"):
        out[f"empty.{ext}"] = (_write(f"empty.{ext}", b""), "error")
    out.update({
        "truncated.pdf": (_write("truncated.pdf", _pdf()[:200]), "error"),
        "encrypted.pdf": (_write("encrypted.pdf", _raw_pdf(
            [catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
             "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <" + "41" * 32 + "> /U <" + "42" * 32 + "> >>"],
            "<< /Root 1 0 R /Encrypt 4 0 R /ID [<0102> <0102>] /Size 5 >>")), "error"),
        "zero-pages.pdf": (_write("zero-pages.pdf", _raw_pdf(
            [catalog, "<< /Type /Pages /Kids [] /Count 0 >>"], "<< /Root 1 0 R /Size 3 >>")), "error"),
        "cyclic.pdf": (_write("cyclic.pdf", _raw_pdf(
            [catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"], "<< /Root 1 0 R /Size 3 >>")), "error"),
        "blank-pages.pdf": (_write("blank-pages.pdf", blank_pdf), "error"),  # past the page limit, and blank
        "huge-page.pdf": (_write("huge-page.pdf", _pdf(size=(14000, 14000))), "error"),
        "not-a-zip.docx": (_write("not-a-zip.docx", b"PK\x03\x04 this is not really a zip archive"), "error"),
        "xml-bomb.docx": (_write("xml-bomb.docx", _docx(bomb)), "error"),
        "xxe.docx": (_write("xxe.docx", _docx(xxe)), "error"),
        "inflates.docx": (_write("inflates.docx", _docx(_body(["x"]), {"word/media/big.bin": b"\0" * 30_000_000})),
                          "error"),
        "macro-renamed.docx": (_write("macro-renamed.docx", _docx(
            _body(SEED_TEXT.split("\n")), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
            content_type="application/vnd.ms-word.document.macroEnabled.main+xml")), "row"),
        "xlsx-renamed.docx": (_write("xlsx-renamed.docx", _docx(b"", {"xl/workbook.xml": b"<workbook/>"})), "error"),
        "pdf-named.doc": (_write("pdf-named.doc", _pdf()), "error"),  # a blank PDF under a Word name
        "docx-named.pdf": (_write("docx-named.pdf", seed_docx), "row"),
        "noise.txt": (_write("noise.txt", os.urandom(20_000)), "error"),
        "shift-jis.txt": (_write("shift-jis.txt", ("日本語の行政文書です。" * 200).encode("shift_jis")), "error"),
        "chinese.txt": (_write("chinese.txt", "中华人民共和国国务院关于印发通知。" * 200), "error"),
        "english.txt": (_write("english.txt", "The council approved the annual budget plan. " * 200), "error"),
        "nul-bytes.txt": (_write("nul-bytes.txt", SEED_TEXT.encode().replace(b" ", b"\x00")), "error"),
        "lying-bom.txt": (_write("lying-bom.txt", b"\xef\xbb\xbf" + SEED_TEXT.encode("cp1258", "replace")), "row"),
        "lone-surrogate.txt": (_write("lone-surrogate.txt", b"\xff\xfe" + SEED_TEXT.encode("utf-16-le")
                                      + b"\x00\xd8A\x00"), "row"),
        "form-feeds.txt": (_write("form-feeds.txt", "\f" * 1_000_000), "error"),
        "dump-50mb.txt": (_write("dump-50mb.txt", (SEED_TEXT * 70_000).encode()[:50_000_000]), "partial"),
        "one-5mb-line.txt": (_write("one-5mb-line.txt", "Căn cứ " + "Sở Tài chính, " * 380_000), "partial"),
        "separators.md": (_write("separators.md", "|" * 1_000_000), "error"),
        "regex-trap.txt": (_write("regex-trap.txt", "Số: " + "1/" * 200_000 + "\n" + "Điều 1. " + "a " * 200_000
                                  + "(" * 50_000), "partial"),
        "xxe.html": (_write("xxe.html", '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM '
                                        '"file:///etc/passwd">]><html><body><p>&x;</p></body></html>'), "error"),
        "include.rtf": (_write("include.rtf", r'{\rtf1{\field{\*\fldinst INCLUDETEXT "/etc/passwd"}{\fldrslt x}}}'),
                        "error"),
        "one-pixel.png": (_write("one-pixel.png", _png(1, 1)), "error"),
        "thin-line.png": (_write("thin-line.png", _png(5000, 1)), "error"),
        "bomb-30000.png": (_write("bomb-30000.png", _png(30000, 30000, pixels=b"\x00" * 1000)), "error"),
        "broken-page.tif": (_write("broken-page.tif", _tiff_with_broken_page()), "error"),
        "html-in.txt": (_write("html-in.txt", "<html><body><p>" + SEED_TEXT.replace("\n", "</p><p>")
                               + "</p></body></html>"), "row"),
        "loop-link.txt": (lambda folder: os.symlink("loop-link.txt", folder / "loop-link.txt"), "error"),
        "dangling-link.pdf": (lambda folder: os.symlink("/nonexistent/file.pdf", folder / "dangling-link.pdf"),
                              "error"),
        "fifo.txt": (lambda folder: os.mkfifo(folder / "fifo.txt"), "error"),
        "long-name": (_write("đ" * 120 + ".txt", SEED_TEXT + "long\n"), "row"),
        "non-utf8-name": (lambda folder: open(os.path.join(os.fsencode(folder), b"bad-\xff\xfe.txt"), "wb").write(
            (SEED_TEXT + "bad name\n").encode()), "row"),
        "deep-path": (_deep_file, "error"),
    })
    return out


def tiny_files(folder: Path, count: int = 1000) -> None:
    """A folder of many tiny files, a few bytes each (each its own), none a document."""
    folder.mkdir()
    for i in range(count):
        (folder / f"tiny-{i:04d}.txt").write_text(f"x{i}")


def build(folder: Path) -> dict[str, str]:
    """Make every kind in `folder`; returns name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (make, outcome) in kinds().items():
        make(folder)
        expected[name] = outcome
    return expected
