"""Images (.png, .jpg, .tif; a multi-page TIFF is a document of several pages), OCR'd."""
from __future__ import annotations

import itertools
from pathlib import Path

from models import RawDocument
from pipeline.limits import LimitExceeded, current as current_limits
from pipeline.ocr import image_frames
from pipeline.ocr_repair import repair_ocr_words
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError
from pipeline.readers.layout import PageLayout, attach_ocr, ocr_tables


def read_image(path: Path, data: bytes) -> RawDocument:
    """A photo or scan (.png, .jpg, .tif; a multi-page TIFF is a document of several pages)."""
    from pipeline.ocr import ocr_pages

    from PIL import Image

    limits = current_limits()
    try:
        frames = image_frames(data, image_dpi)
        pages = ocr_pages(itertools.islice(frames, limits.pages_per_document))
        more = next(frames, None) is not None  # a page past the limit is found, not read
    except Image.DecompressionBombError as exc:
        raise LimitExceeded("pixels_per_page", str(exc), limits.pixels_per_page) from exc
    except Exception as exc:
        raise ReadError(f"not a readable image: {exc}") from exc
    layout = PageLayout()
    warnings: list[str] = []
    if more:
        warnings.append(f"partial: only the first {limits.pages_per_document} pages read "
                        f"(limit pages_per_document={limits.pages_per_document})")
    words = {page.number: repair_ocr_words(page.word_dicts()) for page in pages}
    layout.expect_footnotes(list(words.values()))
    for page in pages:
        layout.add_page(page.number, words[page.number], *ocr_tables(page), ocr=True)
        warnings.extend(page.warnings)
    if not any(b.text.strip() or b.rows for b in layout.blocks):
        raise ReadError("OCR found no text in the image")
    raw = RawDocument(str(path), "image_ocr", doc_id_for(data), layout.blocks, pages=len(pages), warnings=warnings)
    attach_ocr(raw, pages)
    return raw


def image_dpi(image) -> int:
    dpi = image.info.get("dpi", (300, 300))[0] or 300
    return int(dpi) if 70 <= dpi <= 1200 else 300
