"""Images (.png, .jpg, .tif; a multi-page TIFF is a document of several pages), OCR'd."""
from __future__ import annotations

from pathlib import Path

from models import RawDocument
from pipeline.ocr import image_frames
from pipeline.ocr_repair import repair_ocr_words
from pipeline.readers.base import ReadError, doc_id_for
from pipeline.readers.layout import PageLayout, attach_ocr, ocr_tables


def read_image(path: Path, data: bytes) -> RawDocument:
    """A photo or scan (.png, .jpg, .tif; a multi-page TIFF is a document of several pages)."""
    from pipeline.ocr import ocr_pages

    try:
        frames = image_frames(data)
    except Exception as exc:
        raise ReadError(f"not a readable image: {exc}") from exc
    pages = ocr_pages({i: frame for i, frame in enumerate(frames, start=1)}, dpi=_image_dpi(frames[0]))
    layout = PageLayout()
    warnings: list[str] = []
    words = {page.number: repair_ocr_words(page.word_dicts()) for page in pages}
    layout.expect_footnotes(list(words.values()))
    for page in pages:
        layout.add_page(page.number, words[page.number], *ocr_tables(page), ocr=True)
        warnings.extend(page.warnings)
    if not any(b.text.strip() or b.rows for b in layout.blocks):
        raise ReadError("OCR found no text in the image")
    raw = RawDocument(str(path), "image_ocr", doc_id_for(data), layout.blocks, pages=len(frames), warnings=warnings)
    attach_ocr(raw, pages)
    return raw


def _image_dpi(image) -> int:
    dpi = image.info.get("dpi", (300, 300))[0] or 300
    return int(dpi) if 70 <= dpi <= 1200 else 300
