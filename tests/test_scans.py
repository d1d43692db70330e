"""Scanned pages, photos and the formats wards send: OCR, orientation, legacy Office files.

The fixtures are made here from seed-like text (render, tilt, blur, noise, JPEG);
nothing is downloaded. OCR makes these the slowest tests (a few seconds a page)."""
import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from rapidfuzz.distance import Levenshtein

from bench.fixtures import degrade, pdf_to_scan, text_to_docx, text_to_pdf
from extractors.document_fields import extract_document
from pipeline.normalize import normalize
from pipeline.ocr_repair import repair_ocr_text, repair_ocr_words
from pipeline.readers import read_document
from pipeline.runner import run_loop
from pipeline.structure import parse_structure

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

PAGE = "\n\n".join([
    "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN",
    "Số: 2477/UBND-VHXXH",
    "Hải An, ngày 22 tháng 5 năm 2026",
    "V/v triển khai kết luận của Ban Chỉ đạo về chuyển đổi số và Đề án 06",
    "Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của Sở Khoa học và Công nghệ về việc triển khai kết luận "
    "của Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06,",
    "- Đối với các nhiệm vụ thuộc Đề án 06, Ủy ban nhân dân phường Hải An đề nghị Công an phường chủ trì, "
    "khẩn trương tham mưu thực hiện, đảm bảo tiến độ, không để chậm muộn.",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    "Cao Huy Hiếu",
])


def cer(hypothesis: str, reference: str) -> float:
    h, r = " ".join(hypothesis.split()), " ".join(reference.split())
    return Levenshtein.distance(h, r) / len(r)


@pytest.mark.parametrize(
    "ocr,fixed",
    [
        ("Căn cứ Nghị quyết số 57- NQ/TW ngày 22/12/2024", "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024"),
        ("Số: 2477/ UBND-VHXXH", "Số: 2477/UBND-VHXXH"),
        ("Nghị quyết 11 /NQ-CP", "Nghị quyết 11/NQ-CP"),
        ("Điều L. Kiện toàn Ban Chỉ đạo", "Điều 1. Kiện toàn Ban Chỉ đạo"),
        ("Uy ban nhân dân phường Hải An", "Ủy ban nhân dân phường Hải An"),
        ("UY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("Sô: 03/QĐ-BCĐ", "Số: 03/QĐ-BCĐ"),
        ("chuy ển đổi số", "chuyển đổi số"),
        ("ngày 22/ 12/2024", "ngày 22/12/2024"),
        ("các nhiệm vụ về cải cách", "các nhiệm vụ về cải cách"),  # real words stay apart
    ],
)
def test_ocr_text_repairs(ocr, fixed):
    assert repair_ocr_text(ocr) == fixed


def test_ocr_word_lookalikes():
    words = [{"text": "ÐỀ", "x0": 0, "x1": 1, "top": 0, "bottom": 1}, {"text": "Quyết", "x0": 2, "x1": 3, "top": 0,
                                                                        "bottom": 1}]
    assert [w["text"] for w in repair_ocr_words(words)] == ["ĐỀ", "Quyết"]


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scans")
    text_to_pdf(PAGE, folder / "digital.pdf")
    pages = pdf_to_scan(folder / "digital.pdf", folder / "scan.pdf", seed=3)
    return folder, pages


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr(scans):
    folder, _ = scans
    raw = read_document(folder / "scan.pdf")
    assert raw.source_format == "pdf_ocr" and raw.pages == 1
    assert raw.ocr_confidence > 0.8 and raw.page_confidence[1] == raw.ocr_confidence
    assert raw.ocr_words and raw.ocr_words[0][0] == 1
    text = normalize(raw).text
    assert cer(text, normalize(read_document(folder / "digital.pdf")).text) < 0.03
    fields = extract_document(parse_structure(normalize(raw)))
    assert (fields["symbol"], fields["issued_date"], fields["signer_name"]) == (
        "2477/UBND-VHXXH", "2026-05-22", "Cao Huy Hiếu")


@needs_tesseract
def test_sideways_photo_is_turned_upright(scans, tmp_path):
    _, pages = scans
    sideways = tmp_path / "photo.png"
    pages[0].rotate(90, expand=True).save(sideways, dpi=(300, 300))
    raw = read_document(sideways)
    assert raw.source_format == "image_ocr"
    assert any("turned" in w for w in raw.warnings)
    assert "Ủy ban nhân dân phường Hải An đề nghị Công an phường chủ trì" in normalize(raw).text
    assert len({turned for _, turned, _ in raw.ocr_words} - {0}) == 1  # the report crops from the page turned


@needs_tesseract
def test_an_upright_page_that_reads_well_is_read_once_without_asking_osd(scans, tmp_path, monkeypatch):
    from pipeline import ocr

    def no_osd(gray):
        raise AssertionError("OSD asked for a page that read well as it stood")

    monkeypatch.setattr(ocr, "_osd_turn", no_osd)
    monkeypatch.setenv("VANBAN_OCR_WORKERS", "1")  # in this process, where the patch holds
    _, pages = scans
    upright = tmp_path / "page.png"
    pages[0].save(upright, dpi=(300, 300))
    raw = read_document(upright)
    assert not any("turned" in w for w in raw.warnings)
    assert {turned for _, turned, _ in raw.ocr_words} == {0}


@needs_tesseract
def test_multipage_tiff(scans, tmp_path):
    _, pages = scans
    tiff = tmp_path / "two.tif"
    pages[0].save(tiff, save_all=True, append_images=[pages[0]], resolution=300)
    raw = read_document(tiff)
    assert raw.pages == 2 and sorted(raw.page_confidence) == [1, 2]


@needs_tesseract
def test_pdf_with_a_text_page_and_a_scanned_page(scans, tmp_path):
    from fpdf import FPDF

    _, pages = scans
    image = tmp_path / "page.png"
    pages[0].save(image)
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang này có lớp chữ: Ủy ban nhân dân phường Hải An giao Công an phường chủ trì thực hiện "
                         "các nhiệm vụ của Đề án 06 theo quy định của pháp luật.")
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=210)
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    raw = read_document(path)
    assert raw.source_format == "pdf_ocr"
    assert list(raw.page_confidence) == [2]  # only the scanned page went through OCR
    text = normalize(raw).text
    assert text.startswith("Trang này có lớp chữ") and "Cao Huy Hiếu" in text


@needs_office
@pytest.mark.parametrize("fmt", ["doc", "rtf", "odt"])
def test_office_formats_through_libreoffice(tmp_path, fmt):
    docx = tmp_path / "source.docx"
    text_to_docx(PAGE, docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", fmt, "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True,
                   timeout=120)
    raw = read_document(tmp_path / f"source.{fmt}")
    assert raw.source_format == fmt
    assert normalize(raw).text == normalize(read_document(docx)).text


@needs_tesseract
@needs_office
def test_a_folder_of_every_format(scans, tmp_path, seeds):
    folder, pages = scans
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seeds[1], inbox / "cong-van.txt")
    text_to_docx(PAGE, inbox / "ke-hoach.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "doc", "--outdir", str(inbox), str(inbox / "ke-hoach.docx")], check=True,
                   capture_output=True, timeout=120)
    (inbox / "ke-hoach.doc").rename(inbox / "quyet-dinh.doc")
    shutil.copy(folder / "digital.pdf", inbox / "digital.pdf")
    shutil.copy(folder / "scan.pdf", inbox / "scan.pdf")
    buffer = io.BytesIO()
    degrade(pages[0].convert("RGB"), __import__("random").Random(5), 1.0).save(buffer, format="JPEG", quality=70)
    (inbox / "photo.jpg").write_bytes(buffer.getvalue())

    summary = run_loop([inbox], tmp_path / "out")
    assert not summary.errors
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    formats = {Path(p).name: f for p, f in docs["source_format"].items()}
    assert formats == {"cong-van.txt": "txt", "ke-hoach.docx": "docx", "quyet-dinh.doc": "doc",
                       "digital.pdf": "pdf", "scan.pdf": "pdf_ocr", "photo.jpg": "image_ocr"}
    ocr = docs[docs.source_format.isin(["pdf_ocr", "image_ocr"])]
    assert (ocr.ocr_confidence > 0.7).all()
    assert docs[~docs.source_format.isin(["pdf_ocr", "image_ocr"])].ocr_confidence.isna().all()
    words = pd.read_parquet(tmp_path / "out" / "ocr_words.parquet")
    assert set(words.doc_id) == set(ocr.doc_id)


@pytest.mark.parametrize("maker,suffix", [(text_to_pdf, ".pdf"), (text_to_docx, ".docx")])
def test_every_seed_as_pdf_and_docx_scores_like_its_text(tmp_path, seeds, maker, suffix):
    from pipeline.evaluate import evaluate
    from tests.conftest import GOLD

    folder = tmp_path / "copies"
    folder.mkdir()
    for seed in seeds:
        maker(normalize(read_document(seed)).text, folder / f"{seed.stem}{suffix}")
    run_loop([folder], tmp_path / "copies-out")
    run_loop([seeds[0].parent], tmp_path / "text-out")
    copies, texts = evaluate(GOLD, tmp_path / "copies-out"), evaluate(GOLD, tmp_path / "text-out")
    for table in ("citations", "derived_edges", "roles", "assignments"):
        assert copies[table]["f1"] >= texts[table]["f1"] - 0.01, table
    assert copies["documents"]["fields"] == texts["documents"]["fields"]


@needs_tesseract
def test_a_whole_seed_scanned(tmp_path, seeds):
    """Seed 001 (three pages, footnotes cut across a page break) as a tilted, noisy scan."""
    from pipeline.evaluate import evaluate
    from tests.conftest import GOLD

    seed = next(p for p in seeds if p.name.startswith("001"))
    reference = normalize(read_document(seed)).text
    text_to_pdf(reference, tmp_path / "digital.pdf")
    (tmp_path / "in").mkdir()
    pdf_to_scan(tmp_path / "digital.pdf", tmp_path / "in" / f"{seed.stem}.pdf", seed=1)
    run_loop([tmp_path / "in"], tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert cer(docs.text[0], reference) < 0.03
    result = evaluate(GOLD, tmp_path / "out")
    assert result["citations"]["tp"] == 13 and result["derived_edges"]["tp"] == 3
    assert result["assignments"]["tp"] == 5
