"""OCR of scanned pages and photos with Tesseract's Vietnamese model.

Each page is prepared as Tesseract's guidance says: 300 DPI, upright (OSD
tells a page turned 90/180/270 degrees), deskewed, binarized, with a white
border. Tesseract runs one page per process (`OMP_THREAD_LIMIT=1`; threads
inside Tesseract cost more than they give on two cores). Every word keeps its
box and confidence, so evidence can point at a region of the page.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from PIL import Image

DPI = 300
LANG = "vie"
TESSERACT_CONFIG = "--oem 1 --psm 3"
LOW_CONFIDENCE = 0.75  # a page below this mean word confidence gets a warning
BORDER_PX = 40
MAX_SKEW_DEGREES = 10


@dataclass
class OcrWord:
    text: str
    conf: float  # 0..1
    x0: float  # points (1/72 inch) from the page's top left, as pdfplumber gives them
    top: float
    x1: float
    bottom: float


@dataclass
class OcrPage:
    number: int
    words: list[OcrWord] = field(default_factory=list)
    confidence: Optional[float] = None
    rotated: int = 0
    skew: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def word_dicts(self) -> list[dict]:
        """Words in the shape pdfplumber gives, so one layout reader serves both."""
        return [{"text": w.text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom} for w in self.words]


def render_pdf_pages(data: bytes, pages: list[int], dpi: int = DPI) -> dict[int, Image.Image]:
    """Pages (1-based) of a PDF as images, through pdfium (no external tools)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return {n: pdf[n - 1].render(scale=dpi / 72).to_pil() for n in pages}
    finally:
        pdf.close()


def _upright(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """Turn a sideways or upside-down page upright, by Tesseract's OSD."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(gray, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return gray, 0  # too little text to tell; leave it
    angle = int(osd.get("rotate", 0)) % 360
    if angle == 0 or float(osd.get("orientation_conf", 0)) < 1.5:
        return gray, 0
    turns = {90: 3, 180: 2, 270: 1}[angle]  # OSD's "rotate" is clockwise; rot90 turns counter-clockwise
    return np.ascontiguousarray(np.rot90(gray, turns)), angle


def _deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Straighten a page tilted by a few degrees: the angle at which the rows of
    ink project most sharply (a tilted page smears its lines over more rows)."""
    import cv2

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 128).astype(np.float32)
    if ink.sum() < 50:
        return gray, 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1)
        return float((np.diff(profile) ** 2).sum())

    coarse = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 1.0), key=sharpness)
    best = max(np.arange(coarse - 1, coarse + 1.01, 0.1), key=sharpness)
    if abs(best) < 0.05:
        return gray, 0.0
    H, W = gray.shape
    m = cv2.getRotationMatrix2D((W / 2, H / 2), best, 1.0)
    straight = cv2.warpAffine(gray, m, (W, H), flags=cv2.INTER_CUBIC, borderValue=255)
    return straight, float(best)


def prepare(image: Image.Image) -> tuple[np.ndarray, int, float]:
    """Grayscale, upright, deskewed, binarized (Otsu after a light blur), bordered."""
    import cv2

    gray = np.array(image.convert("L"))
    gray, rotated = _upright(gray)
    gray, skew = _deskew(gray)
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, binary = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    binary = cv2.copyMakeBorder(binary, BORDER_PX, BORDER_PX, BORDER_PX, BORDER_PX, cv2.BORDER_CONSTANT, value=255)
    return binary, rotated, skew


def ocr_page(number: int, image: Image.Image, dpi: int = DPI) -> OcrPage:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    prepared, rotated, skew = prepare(image)
    data = pytesseract.image_to_data(prepared, lang=LANG, config=TESSERACT_CONFIG,
                                     output_type=pytesseract.Output.DICT)
    scale = 72 / dpi
    page = OcrPage(number, rotated=rotated, skew=skew)
    confs = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 0:
            continue
        x, y, w, h = (data[k][i] - (BORDER_PX if k in ("left", "top") else 0) for k in ("left", "top", "width", "height"))
        page.words.append(OcrWord(text.strip(), conf / 100, x * scale, y * scale, (x + w) * scale, (y + h) * scale))
        confs.append(conf / 100)
    page.confidence = float(np.mean(confs)) if confs else 0.0
    if rotated:
        page.warnings.append(f"page {number}: turned {rotated} degrees to read it")
    if not confs:
        page.warnings.append(f"page {number}: OCR found no text")
    elif page.confidence < LOW_CONFIDENCE:
        page.warnings.append(f"page {number}: low OCR confidence {page.confidence:.2f}")
    return page


def _ocr_job(args: tuple[int, bytes, tuple[int, int], str, int]) -> OcrPage:
    number, pixels, size, mode, dpi = args
    return ocr_page(number, Image.frombytes(mode, size, pixels), dpi)


def ocr_workers() -> int:
    return int(os.environ.get("VANBAN_OCR_WORKERS", os.cpu_count() or 1))


def ocr_pages(images: dict[int, Image.Image], dpi: int = DPI) -> list[OcrPage]:
    """Pages in parallel processes, one Tesseract each; in page order."""
    jobs = [(n, img.tobytes(), img.size, img.mode, dpi) for n, img in sorted(images.items())]
    workers = min(ocr_workers(), len(jobs))
    if workers <= 1:
        return [_ocr_job(job) for job in jobs]
    env_before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_ocr_job, jobs))
    finally:
        if env_before is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = env_before


def image_frames(data: bytes) -> list[Image.Image]:
    """Every frame of an image file (a multi-page TIFF has several)."""
    import io

    from PIL import ImageSequence

    with Image.open(io.BytesIO(data)) as img:
        frames = [frame.copy() for frame in ImageSequence.Iterator(img)]
    return frames
