"""Where a row's evidence stands on a scanned page: the OCR words that read as its text,
and the region of the page image they cover, cut from the page drawn again the way OCR saw
it (same resolution, turned upright and deskewed the same way), so an auditor can hold the
extracted row against the scan itself."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional

from pipeline.vntext import fold

PROBE_WORDS = 8  # the first words of the evidence looked for on the page
MIN_AGREEMENT = 0.5  # of those, the share that must read alike
PADDING_POINTS = 6
MAX_REGION_WIDTH_PX = 1000


def evidence_boxes(raw: str, words: list[dict]) -> Optional[tuple[float, float, float, float]]:
    """The box (points) around the run of a page's OCR words that reads as `raw`, or None."""
    wanted = [fold(w) for w in raw.split()]
    if not wanted or not words:
        return None
    read = [fold(w["text"]) for w in words]
    probe = wanted[:PROBE_WORDS]
    best, best_score = None, 0.0
    for i in range(len(read)):
        score = sum(a == b for a, b in zip(read[i: i + len(probe)], probe)) / len(probe)
        if score > best_score:
            best, best_score = i, score
    if best is None or best_score < MIN_AGREEMENT:
        return None
    run = words[best: best + len(wanted)]
    return (min(w["x0"] for w in run), min(w["top"] for w in run), max(w["x1"] for w in run),
            max(w["bottom"] for w in run))


def page_words(ocr_words: list[dict]) -> dict[int, list[dict]]:
    pages: dict[int, list[dict]] = defaultdict(list)
    for w in ocr_words:
        pages[w["page"]].append(w)
    return pages


def cut_regions(source_path: str, source_format: str, wanted: dict[int, dict[str, tuple]], turned: dict[int, int],
                folder: Path, prefix: str) -> dict[str, str]:
    """PNG files of each region (anchor -> file name in `folder`), pages drawn one at a time
    and turned as OCR turned them (`turned`, page -> degrees); nothing when the source file is
    gone or cannot be drawn (the row keeps its text evidence)."""
    try:
        data = Path(source_path).read_bytes()
    except OSError:
        return {}
    made = {}
    for page in _pages(data, source_format, sorted(wanted)):
        if page.image is None:
            continue
        from PIL import Image

        from pipeline.ocr import upright

        gray, _ = upright(page.image, turned.get(page.number, 0))
        image = Image.fromarray(gray)
        to_px = page.dpi / 72
        for anchor, (x0, top, x1, bottom) in wanted[page.number].items():
            box = [max(0, int((x0 - PADDING_POINTS) * to_px)), max(0, int((top - PADDING_POINTS) * to_px)),
                   min(image.width, int((x1 + PADDING_POINTS) * to_px)),
                   min(image.height, int((bottom + PADDING_POINTS) * to_px))]
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            region = image.crop(box)
            if region.width > MAX_REGION_WIDTH_PX:
                region = region.resize((MAX_REGION_WIDTH_PX, int(region.height * MAX_REGION_WIDTH_PX / region.width)))
            name = f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '_', anchor)}.png"
            region.save(folder / name, optimize=True)
            made[anchor] = name
    return made


def _pages(data: bytes, source_format: str, numbers: list[int]) -> Iterator:
    from pipeline.ocr import image_frames, render_pdf_pages

    if source_format == "pdf_ocr":
        yield from render_pdf_pages(data, numbers)
    elif source_format == "image_ocr":
        from pipeline.readers.image import image_dpi

        last = max(numbers)
        for page in image_frames(data, image_dpi):
            if page.number in numbers:
                yield page
            if page.number >= last:
                return
