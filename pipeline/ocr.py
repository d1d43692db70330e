"""OCR of scanned pages and photos with Tesseract's Vietnamese model.

Each page is prepared as Tesseract's guidance says: 300 DPI, upright (when a
page reads poorly as it stands, OSD tells one turned 90/180/270 degrees),
deskewed, binarized, with a white border. Tesseract runs one page per process
(`OMP_THREAD_LIMIT=1`; threads inside Tesseract cost more than they give on two
cores). Every word keeps its box and confidence, so evidence can point at a
region of the page.
"""
from __future__ import annotations

import itertools
import math
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import numpy as np
from PIL import Image

from pipeline.cores import core, core_count
from pipeline.limits import current as current_limits

DPI = 300
MIN_DPI = 100  # below this Tesseract reads body text poorly: a page that fits only smaller is left out
LANG = "vie"
TESSERACT_CONFIG = "--oem 1 --psm 3"
LOW_CONFIDENCE = 0.75  # a page below this mean word confidence gets a warning
UPRIGHT_CONFIDENCE = 0.6  # a page read below this may lie sideways or upside down: OSD is asked
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
class Grid:
    """A ruled table on a page image: the bands between its ruling lines (pixels)."""

    left: int
    top: int
    right: int
    bottom: int
    rows: list[tuple[int, int]]
    cols: list[tuple[int, int]]
    spanning: set[int]  # rows with no column lines inside them (a group row across the table)


@dataclass
class OcrPage:
    number: int
    words: list[OcrWord] = field(default_factory=list)  # outside tables
    tables: list[tuple[float, list[list[str]]]] = field(default_factory=list)  # (top in points, rows)
    table_words: list[OcrWord] = field(default_factory=list)
    confidence: Optional[float] = None
    rotated: int = 0
    skew: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def word_dicts(self) -> list[dict]:
        """Words in the shape pdfplumber gives, so one layout reader serves both."""
        return [{"text": w.text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom} for w in self.words]


@dataclass
class PageImage:
    """A page drawn for OCR, or the reason it was left out."""

    number: int
    image: Optional[Image.Image]
    dpi: float
    skipped: str = ""


def render_pdf_pages(data: bytes, pages: list[int], dpi: int = DPI) -> Iterator[PageImage]:
    """Pages (1-based) of a PDF as images, through pdfium (no external tools), one at a time.
    A page too large for the limit on pixels is drawn smaller, or left out when it would fall
    below a legible resolution."""
    import pypdfium2 as pdfium

    limit = current_limits().pixels_per_page
    pdf = pdfium.PdfDocument(data)
    try:
        for n in pages:
            page = pdf[n - 1]
            width, height = page.get_size()
            scale = min(dpi / 72, math.sqrt(limit / max(width * height, 1.0)))
            if scale * 72 < MIN_DPI:
                yield PageImage(n, None, 0, f"page {n} left out: {width:.0f} x {height:.0f} pt is too large to "
                                            f"read at {MIN_DPI} dpi within limit pixels_per_page={limit}")
                continue
            yield PageImage(n, page.render(scale=scale).to_pil(), scale * 72)
    finally:
        pdf.close()


def _osd_turn(gray: np.ndarray) -> int:
    """Degrees (clockwise) a sideways or upside-down page must turn to stand upright, by
    Tesseract's OSD; 0 when it cannot tell."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(gray, config="--psm 0", output_type=pytesseract.Output.DICT,
                                       timeout=current_limits().seconds_per_ocr_page)
    except (pytesseract.TesseractError, RuntimeError):  # too little text, or past its time
        return 0
    angle = int(osd.get("rotate", 0)) % 360
    return angle if angle in TURNS and float(osd.get("orientation_conf", 0)) >= 1.5 else 0


TURNS = {0: 0, 90: 3, 180: 2, 270: 1}  # OSD's "rotate" is clockwise; rot90 turns counter-clockwise


def _turned(gray: np.ndarray, degrees: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(gray, TURNS[degrees])) if degrees else gray


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


def _bands(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs where a projection profile reaches `threshold`."""
    hits = np.flatnonzero(profile >= threshold)
    if hits.size == 0:
        return []
    runs = np.split(hits, np.flatnonzero(np.diff(hits) > 3) + 1)
    return [int(run.mean()) for run in runs]


def find_grids(binary: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """Ruled tables on a binarized page, and the mask of their ruling lines."""
    import cv2

    ink = 255 - binary
    h, w = ink.shape
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 30), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(30, h // 60))))
    lines = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(lines, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids = []
    for contour in contours:
        x, y, cw, ch = cv2.boundingRect(contour)
        if cw < w // 4 or ch < 60:
            continue
        ys = _bands((horizontal[y:y + ch, x:x + cw] > 0).sum(axis=1), 0.5 * cw)
        xs = _bands((vertical[y:y + ch, x:x + cw] > 0).sum(axis=0), 0.25 * ch)
        if len(ys) < 2 or len(xs) < 3:
            continue
        rows = [(y + a, y + b) for a, b in zip(ys, ys[1:]) if b - a > 8]
        cols = [(x + a, x + b) for a, b in zip(xs, xs[1:]) if b - a > 8]
        spanning = set()
        for i, (y0, y1) in enumerate(rows):
            inner = vertical[y0 + 3: y1 - 3, cols[0][1] - 2: cols[-1][0] + 3] if len(cols) > 1 else None
            if inner is not None and (inner > 0).sum(axis=0).max(initial=0) < 0.5 * (y1 - y0 - 6):
                spanning.add(i)
        grids.append(Grid(x, y, x + cw, y + ch, rows, cols, spanning))
    return sorted(grids, key=lambda g: g.top), lines


# what is left of a ruling line next to a cell's text: lone marks, or a single stray glyph
_EDGE_DEBRIS = re.compile(r"^(?:[\W_]+|[^\W\d_])$")


def _clean_cell(tokens: list[str]) -> str:
    while tokens and _EDGE_DEBRIS.match(tokens[0]) and not re.match(r"^[(“]$", tokens[0]):
        tokens = tokens[1:]
    while tokens and _EDGE_DEBRIS.match(tokens[-1]) and not re.match(r"^[)”.]$", tokens[-1]):
        tokens = tokens[:-1]
    return " ".join(tokens)


def _cell_text(words: list[dict]) -> str:
    """Words of one cell, line by line, left to right, edge debris dropped."""
    if not words:
        return ""
    height = float(np.median([w["bottom"] - w["top"] for w in words]))
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        centre = (word["top"] + word["bottom"]) / 2
        if lines and abs(centre - (lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2) < 0.5 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return _clean_cell([w["text"] for line in lines for w in sorted(line, key=lambda w: w["x0"])])


def grid_rows(grid: Grid, words: list[dict]) -> list[list[str]]:
    """The table's rows as cell texts, each word in the cell its centre falls in."""
    cells: dict[tuple[int, int], list[dict]] = {}
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        row = next((i for i, (a, b) in enumerate(grid.rows) if a <= cy <= b), None)
        col = next((j for j, (a, b) in enumerate(grid.cols) if a <= cx <= b), None)
        if row is None or col is None:
            continue
        cells.setdefault((row, 0 if row in grid.spanning else col), []).append(word)
    return [[_cell_text(cells.get((i, j), [])) for j in range(len(grid.cols))] for i in range(len(grid.rows))]


def upright(image: Image.Image, turned: int) -> tuple[np.ndarray, float]:
    """The page in grayscale, turned by `turned` degrees and deskewed: the geometry OCR's word
    boxes are measured in (the report crops its evidence from the same). (image, skew)."""
    return _deskew(_turned(np.array(image.convert("L")), turned))


def prepare(image: Image.Image, turned: int) -> tuple[np.ndarray, float]:
    """Grayscale, turned, deskewed, binarized (Otsu after a light blur), bordered."""
    import cv2

    gray, skew = upright(image, turned)
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, binary = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    binary = cv2.copyMakeBorder(binary, BORDER_PX, BORDER_PX, BORDER_PX, BORDER_PX, cv2.BORDER_CONSTANT, value=255)
    return binary, skew


def ocr_page(number: int, image: Image.Image, dpi: int = DPI) -> OcrPage:
    """The page read as it stands; only a poor reading asks OSD whether the page lies sideways
    or upside down (a second Tesseract call that would nearly double the cost of every page),
    and the page turned is kept when it reads better."""
    page = _read_page(number, image, dpi, 0)
    if page.confidence < UPRIGHT_CONFIDENCE:
        turn = _osd_turn(np.array(image.convert("L")))
        if turn:
            turned = _read_page(number, image, dpi, turn)
            page = turned if turned.confidence > page.confidence else page
    if page.rotated:
        page.warnings.append(f"page {number}: turned {page.rotated} degrees to read it")
    if not page.words and not page.table_words:
        page.warnings.append(f"page {number}: OCR found no text")
    elif page.confidence < LOW_CONFIDENCE:
        page.warnings.append(f"page {number}: low OCR confidence {page.confidence:.2f}")
    return page


def _read_page(number: int, image: Image.Image, dpi: float, turned: int) -> OcrPage:
    """One Tesseract reading of the page turned by `turned` degrees: words outside ruled
    tables, the tables' rows, and the mean word confidence."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    prepared, skew = prepare(image, turned)
    grids, rules = find_grids(prepared)
    if grids:
        import cv2

        # ruling lines are not letters: erase them with their blurred fringe
        rules = cv2.dilate(rules, np.ones((5, 5), np.uint8))
        prepared = np.where(rules > 0, 255, prepared).astype(np.uint8)
    data = pytesseract.image_to_data(prepared, lang=LANG, config=TESSERACT_CONFIG,
                                     output_type=pytesseract.Output.DICT,
                                     timeout=current_limits().seconds_per_ocr_page)
    scale = 72 / dpi
    page = OcrPage(number, rotated=turned, skew=skew)
    confs = []
    in_table: dict[int, list[dict]] = {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        word = OcrWord(text.strip(), conf / 100, (x - BORDER_PX) * scale, (y - BORDER_PX) * scale,
                       (x + w - BORDER_PX) * scale, (y + h - BORDER_PX) * scale)
        confs.append(conf / 100)
        cx, cy = x + w / 2, y + h / 2
        grid = next((g for g in grids if g.left <= cx <= g.right and g.top <= cy <= g.bottom), None)
        if grid is None:
            page.words.append(word)
        else:
            page.table_words.append(word)
            in_table.setdefault(grids.index(grid), []).append(
                {"text": word.text, "x0": x, "x1": x + w, "top": y, "bottom": y + h})
    for index, grid in enumerate(grids):
        rows = [row for row in grid_rows(grid, in_table.get(index, [])) if any(row)]
        if rows:
            page.tables.append(((grid.top - BORDER_PX) * scale, rows))
    page.confidence = float(np.mean(confs)) if confs else 0.0
    return page


def _ocr_job(args: tuple[int, bytes, tuple[int, int], str, float]) -> OcrPage:
    """One page, holding one of the machine's cores (see `pipeline.cores`) while it is read."""
    number, pixels, size, mode, dpi = args
    try:
        with core():
            return ocr_page(number, Image.frombytes(mode, size, pixels), dpi)
    except (RuntimeError, cv2_error()) as exc:  # Tesseract past its time, OpenCV on a degenerate image
        page = OcrPage(number)
        page.warnings.append(f"page {number}: not read ({exc})")
        return page


def cv2_error() -> type:
    import cv2

    return cv2.error


def ocr_workers() -> int:
    return int(os.environ.get("VANBAN_OCR_WORKERS", core_count()))


def ocr_pages(images: Iterable[PageImage]) -> list[OcrPage]:
    """Pages in parallel processes, one Tesseract each, in page order; the images are drawn
    a few at a time (as many as there are workers), so a long scan never sits in memory whole.
    As many processes as cores, but each page waits for a core of its own: other documents
    read meanwhile (scans among them) keep theirs."""
    workers = max(1, ocr_workers())
    pages: list[OcrPage] = []
    chunk: list[tuple] = []
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    env_before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"

    def read_chunk() -> None:
        pages.extend(pool.map(_ocr_job, chunk) if pool else map(_ocr_job, chunk))
        chunk.clear()

    try:
        for drawn in images:
            if drawn.image is None:
                read_chunk()
                pages.append(OcrPage(drawn.number, warnings=[drawn.skipped]))
                continue
            chunk.append((drawn.number, drawn.image.tobytes(), drawn.image.size, drawn.image.mode, drawn.dpi))
            drawn.image.close()
            if len(chunk) >= workers:
                read_chunk()
        read_chunk()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if env_before is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = env_before
    return pages


def image_frames(data: bytes, dpi_of) -> Iterator[PageImage]:
    """Every frame of an image file (a multi-page TIFF has several), one at a time; a frame
    past the limit on pixels is left out, and a frame that will not decode ends the file there,
    the pages before it kept."""
    import io

    limit = current_limits().pixels_per_page
    Image.MAX_IMAGE_PIXELS = limit  # Pillow refuses to open twice this: a decompression bomb
    with Image.open(io.BytesIO(data)) as img:
        for number in itertools.count(1):
            try:
                img.seek(number - 1)
                if img.width * img.height > limit:
                    yield PageImage(number, None, 0, f"page {number} left out: {img.width} x {img.height} "
                                                     f"pixels exceeds limit pixels_per_page={limit}")
                    continue
                copy = img.copy()
            except EOFError:
                return
            except (OSError, ValueError, SyntaxError) as exc:
                if number == 1:
                    raise
                yield PageImage(number, None, 0, f"page {number} and after left out: it does not decode ({exc})")
                return
            yield PageImage(number, copy, dpi_of(img))
