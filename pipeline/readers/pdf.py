"""PDF: each page from its text layer (ruled and unruled tables kept), from
text set in a legacy font and decoded again, or by OCR when it has no usable text."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from models import RawDocument
from pipeline.legacy import repair_extracted, vietnamese_score
from pipeline.lexicon import reads_as_vietnamese
from pipeline.limits import current as current_limits
from pipeline.ocr_repair import repair_ocr_words
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError
from pipeline.readers.layout import PageLayout, attach_ocr, ocr_tables
from pipeline.readers.legacy_text import redecode
from pipeline.readers.stamps import stamp_words, flatten_widgets, strip_stamp_lines, without_covered_chars

PDF_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def is_framed_prose(rows: list[list]) -> bool:
    """Ruling lines around running text (a box, a layout grid): most rows hold text in one cell
    only, where a table's rows fill several. Its words are read as paragraphs."""
    filled = [sum(1 for c in row if c and c.strip()) for row in rows]
    filled = [n for n in filled if n]
    return len(filled) >= 3 and sum(n == 1 for n in filled) >= 0.6 * len(filled)


MIN_WORDS_FOR_TEXT_LAYER = 10  # fewer words than this on a page with an image: a scan
UNMAPPED_GLYPH_SHARE = 0.05  # more words than this with unmapped glyphs: the text layer is unusable


def _page_reading(page, words: list[dict]) -> tuple[str, Optional[str]]:
    """How to read a PDF page: ("text", None), ("legacy", encoding) or ("ocr", None).

    A page needs OCR when it has no text layer, too little text for a page
    with an image on it, or text that reads as Vietnamese in no encoding we
    know (a font with no usable mapping)."""
    if not words or (len(words) < MIN_WORDS_FOR_TEXT_LAYER and page.images):
        return "ocr", None
    text = " ".join(w["text"] for w in words)
    if sum("(cid:" in w["text"] for w in words) > UNMAPPED_GLYPH_SHARE * len(words):
        return "ocr", None  # glyphs the font gives no character for: `(cid:55)(cid:1228)`
    if vietnamese_score(text) >= 0.15:
        return "text", None
    fixed, encoding = repair_extracted(text)
    if encoding:
        return "legacy", encoding
    if vietnamese_score(text) < 0.03 and len(text) > 200 and not reads_as_vietnamese(text):
        return "ocr", None  # no reading in any encoding; Vietnamese typed without marks is read as it is
    return "text", None


def read_pdf(path: Path, data: bytes) -> RawDocument:
    import io

    import pdfplumber

    try:
        readable, stamped_pages = flatten_widgets(data)
        pdf = pdfplumber.open(io.BytesIO(readable))
    except Exception as exc:
        raise ReadError(f"not a readable PDF: {_pdf_problem(exc)}") from exc
    layout = PageLayout()
    warnings: list[str] = []
    to_ocr: list[int] = []
    legacy: set[str] = set()
    pages_words: dict[int, tuple[list[dict], list, list]] = {}
    limit = current_limits().pages_per_document
    with pdf:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise ReadError("the PDF has no pages")
        if n_pages > limit:
            warnings.append(f"partial: only the first {limit} of {n_pages} pages read "
                            f"(limit pages_per_document={limit})")
            n_pages = limit
        for page_no, page in enumerate(pdf.pages[:n_pages], start=1):
            if page_no in stamped_pages:
                page = without_covered_chars(page)
            found = [(t, t.extract()) for t in page.find_tables(PDF_TABLE_SETTINGS)]
            tables = [(t, rows) for t, rows in found if not is_framed_prose(rows)]
            bboxes = [t.bbox for t, _ in tables]

            def outside(obj, bboxes=bboxes):
                cx = (obj["x0"] + obj["x1"]) / 2
                cy = (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in bboxes)

            words = page.filter(outside).extract_words(keep_blank_chars=False, use_text_flow=False)
            # judge the page by all its text, tables included: a page of table is not an empty page
            reading, encoding = _page_reading(page, page.extract_words() if tables else words)
            stamped, printed = stamp_words(page) if page_no in stamped_pages else ([], 0)
            if stamped and printed < MIN_WORDS_FOR_TEXT_LAYER and page.images:
                reading = "ocr"  # a scan whose only text is its signature stamp
            if reading == "ocr":
                to_ocr.append(page_no)
                pages_words[page_no] = (stamped, [], [])  # the stamp's words join what OCR reads
                continue
            ruled = [[[(c or "").replace("\n", " ").strip() for c in row] for row in rows] for _, rows in tables]
            if reading == "legacy":
                legacy.add(encoding)
                for word in words:
                    word["text"] = redecode(word["text"], encoding)
                ruled = [[[redecode(c, encoding) for c in row] for row in t] for t in ruled]
            pages_words[page_no] = (words, ruled, [t.bbox[1] for t, _ in tables])
    ocr_pages_read: dict = {}
    if to_ocr:
        from pipeline.ocr import ocr_pages, render_pdf_pages

        for page in ocr_pages(render_pdf_pages(data, to_ocr)):
            ocr_pages_read[page.number] = page
            stamped = pages_words[page.number][0]
            pages_words[page.number] = (repair_ocr_words(page.word_dicts()) + stamped, *ocr_tables(page))
            warnings.extend(page.warnings)
    layout.expect_footnotes([pages_words[n][0] for n in ocr_pages_read])
    for page_no in range(1, n_pages + 1):
        layout.add_page(page_no, *pages_words[page_no], ocr=page_no in ocr_pages_read)
    if legacy:
        warnings.append(f"text in legacy font encoding ({', '.join(sorted(legacy))}) converted to Unicode")
    if not any(b.text.strip() or b.rows for b in layout.blocks):
        raise ReadError("no readable text on any page, OCR included")
    signer, stamps = strip_stamp_lines(layout.blocks)
    if stamped_pages:
        warnings.append("number or date stamped by the signing system read from its signature fields")
    raw = RawDocument(str(path), "pdf_ocr" if to_ocr else "pdf", doc_id_for(data), layout.blocks,
                      pages=n_pages, warnings=warnings, stamp_signer=signer,
                      stamps=stamps)
    attach_ocr(raw, list(ocr_pages_read.values()))
    return raw


def _pdf_problem(exc: Exception) -> str:
    """What a PDF library's exception means, in words (some carry no message at all)."""
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(exc).lower():
        return "it is encrypted (password-protected)"
    return str(exc) or name
