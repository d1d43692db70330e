"""Readers: one file in, a `RawDocument` of paragraphs and tables out.

Every reader keeps tables as tables (rows of cell strings) and records the
page each block came from where the format has pages. Decoding problems and
unknown formats raise `ReadError`, which the caller records against that one
file.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import statistics
from pathlib import Path
from typing import Optional

from models import Block, RawDocument
from pipeline.legacy import as_single_bytes, best_reading, decode_tcvn3, decode_vni, repair_extracted, vietnamese_score
from pipeline.ocr import image_frames
from pipeline.ocr_repair import (
    FootnoteCounter, footnote_starts, mark_footnotes, repair_ocr_text, repair_ocr_words,
)


class ReadError(Exception):
    """The file cannot be read as a document; the message says why."""


def doc_id_for(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


# --- plain text ----------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Letters cp1258 yields that never appear in real Vietnamese decoded as UTF-8.
_MOJIBAKE = re.compile("[ÃÂÄ][\u0080-\u00bf]|Æ°|Ä\u2018")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL-rich), or an 8-bit
    Vietnamese encoding (Windows-1258, TCVN3, VNI), whichever reads as Vietnamese."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if data.count(b"\x00") > len(data) // 4:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return best_reading(data)[1]


def _text_blocks(text: str) -> list[Block]:
    """Split on form feeds (pages) and blank lines (paragraphs)."""
    blocks = []
    pages = text.split("\f")
    paged = len(pages) > 1
    for page_no, page_text in enumerate(pages, start=1):
        for chunk in re.split(r"\n[ \t]*\n", page_text.replace("\r\n", "\n").replace("\r", "\n")):
            if chunk.strip():
                blocks.append(Block("paragraph", page_no if paged else None, chunk))
    return blocks


def read_txt(path: Path, data: bytes) -> RawDocument:
    text = decode_text(data)
    if "\x00" in text:
        raise ReadError("binary content in a .txt file")
    warnings = []
    fixed, encoding = repair_extracted(text)
    if encoding is None and not _is_unicode_text(data):
        encoding = best_reading(data)[0]
    if encoding:
        text = fixed
        warnings.append(f"text in legacy encoding ({encoding}) converted to Unicode")
    pages = text.count("\f") + 1 if "\f" in text else None
    return RawDocument(str(path), "txt", doc_id_for(data), _text_blocks(text), pages=pages, warnings=warnings)


def _is_unicode_text(data: bytes) -> bool:
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.count(b"\x00") > len(data) // 4:
        return True
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# --- docx ----------------------------------------------------------------------

def _is_layout_table(rows: list[list[str]]) -> bool:
    """Two-column grids that only place the header or the signature side by side."""
    width = max((len(r) for r in rows), default=0)
    return width <= 2 and len(rows) <= 4


def _docx_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        rows.append(cells)
    return rows


def read_docx(path: Path, data: bytes) -> RawDocument:
    import io

    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for bad zips
        raise ReadError(f"not a readable .docx: {exc}") from exc
    blocks: list[Block] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(element, document).text
            if text.strip():
                blocks.append(Block("paragraph", None, text))
        elif tag == "tbl":
            rows = _docx_rows(DocxTable(element, document))
            if _is_layout_table(rows):
                for column in range(max(len(r) for r in rows)):
                    text = "\n".join(r[column] for r in rows if column < len(r) and r[column])
                    if text.strip():
                        blocks.append(Block("paragraph", None, text))
            else:
                blocks.append(Block("table", None, rows=rows))
    warnings = []
    sample = " ".join(b.text for b in blocks if b.kind == "paragraph")[:20000]
    _, encoding = repair_extracted(sample)
    if encoding:
        for block in blocks:
            block.text = _redecode(block.text, encoding)
            block.rows = [[_redecode(cell, encoding) for cell in row] for row in block.rows]
        warnings.append(f"text in legacy font encoding ({encoding}) converted to Unicode")
    return RawDocument(str(path), "docx", doc_id_for(data), blocks, warnings=warnings)


# --- pdf -----------------------------------------------------------------------

PDF_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
COLUMN_GAP_PT = 40  # a gap this wide inside a line separates two side-by-side columns


def _split_at_gaps(words: list[dict], gap: float) -> list[list[dict]]:
    """A line's words, split wherever the space between two words exceeds `gap`."""
    parts: list[list[dict]] = [[words[0]]]
    for word in words[1:]:
        if word["x0"] - parts[-1][-1]["x1"] > gap:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _join_wrapped(lines: list[str], full: list[bool]) -> str:
    """Join the visual lines of one paragraph. A line that reaches the right
    edge was wrapped: the next continues it (tight after a symbol cut at `-` or
    `/`). A line that stops short was ended on purpose (a signature's
    `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`, a title over several lines): the next
    starts a new line of the same paragraph."""
    out = lines[0]
    for line, previous_full in zip(lines[1:], full):
        if not previous_full:
            out += "\n" + line
        elif re.search(r"[^\s][-/]$", out):
            out += line
        else:
            out += " " + line
    return out


def _word_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into visual lines, top to bottom, each left to right.

    A word belongs to a line when its vertical centre is within half a line
    height of the line's centre: tops alone differ within a line (tone marks
    stack above Vietnamese letters; a dash sits low), centres do not."""
    ordered = sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    lines: list[list[dict]] = []
    centres: list[float] = []
    for word in ordered:
        centre = (word["top"] + word["bottom"]) / 2
        height = max(word["bottom"] - word["top"], 1.0)
        if lines and abs(centre - centres[-1]) < 0.5 * max(height, _line_height(lines[-1])):
            lines[-1].append(word)
            centres[-1] = statistics.median((w["top"] + w["bottom"]) / 2 for w in lines[-1])
        else:
            lines.append([word])
            centres.append(centre)
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _line_height(line: list[dict]) -> float:
    return statistics.median(w["bottom"] - w["top"] for w in line)


def _top(line: list[dict]) -> float:
    """A line's top and bottom from its words' median centre and height, so
    that one tall or low glyph does not move the line."""
    centre = statistics.median((w["top"] + w["bottom"]) / 2 for w in line)
    return centre - _line_height(line) / 2


def _bottom(line: list[dict]) -> float:
    return _top(line) + _line_height(line)


# A task table's header says who leads and what: "STT  Nhiệm vụ  Đơn vị chủ trì ..."
UNRULED_HEADER = re.compile(r"chủ trì", re.IGNORECASE)
UNRULED_TASK = re.compile(r"nhiệm vụ|nội dung|công việc", re.IGNORECASE)
CELL_GAP_PT = 8  # wider than a space between words: the gap between two cells


def _unruled_table(lines: list[list[dict]], columns: Optional[list[float]] = None):
    """Rows of a table without ruling lines, read from where its words stand.

    The header line gives the columns' left edges (or `columns`, carried over
    from the previous page); every later line puts each word in the column it
    starts in; lines that touch belong to one row, a gap starts the next; a
    line of prose (one stretch across the columns, no number) ends the table.
    Returns (rows, columns, index of the first line, index after the last)."""
    start = 0
    if columns is None:
        for i, line in enumerate(lines):
            text = " ".join(w["text"] for w in line)
            cells = _split_at_gaps(line, CELL_GAP_PT)
            if UNRULED_HEADER.search(text) and UNRULED_TASK.search(text) and len(cells) >= 3:
                columns = [c[0]["x0"] for c in cells]
                start = i
                break
        else:
            return None
    rows: list[list[str]] = []
    end = start
    heights = [_line_height(ln) for ln in lines] or [10]
    line_height = statistics.median(heights)
    prev_bottom = None
    for i in range(start, len(lines)):
        line = lines[i]
        gap = _top(line) - prev_bottom if prev_bottom is not None else 0
        if gap > 2.5 * line_height:
            break
        cells = [""] * len(columns)
        for word in line:
            col = max((k for k, x in enumerate(columns) if word["x0"] >= x - 4), default=0)
            cells[col] = (cells[col] + " " + word["text"]).strip()
        numbered = re.match(r"^(\d+\.?|[IVXLC]+\.(\s.*)?)$", cells[0])
        # cell padding separates rows; the lines of one wrapped cell touch (the
        # row's number may sit on any of them, cells being centred vertically)
        new_row = not rows or gap > 0.4 * line_height or (numbered and rows[-1][0])
        if new_row and i > start and not numbered:
            one_stretch = len(_split_at_gaps(line, CELL_GAP_PT)) == 1
            spans_columns = one_stretch and line[-1]["x1"] > columns[min(2, len(columns) - 1)]
            if spans_columns or (cells[0] and not any(cells[1:])):
                break  # prose below the table ("Nơi nhận:", a paragraph)
        if new_row:
            rows.append(cells)
        else:
            rows[-1] = [(a + " " + b).strip() if b else a for a, b in zip(rows[-1], cells)]
        prev_bottom = _bottom(line)
        end = i + 1
    return (rows, columns, start, end) if len(rows) > 1 or columns else None


def _page_paragraphs(words: list[dict]) -> list[tuple[float, str]]:
    """Group a page's words into lines, lines into paragraphs (by vertical gaps,
    indents and two-column stretches such as the header and signature); each
    paragraph comes with the top coordinate of its first line."""
    if not words:
        return []
    lines = _word_lines(words)
    heights = [_line_height(ln) for ln in lines]
    line_height = statistics.median(heights) if heights else 12
    # the usual gap between the lines of one paragraph on this page: a paragraph
    # break is a gap clearly wider (word boxes from OCR are tighter than a font's)
    gaps = [g for a, b in zip(lines, lines[1:]) if 0 < (g := _top(b) - _bottom(a)) < line_height]
    usual_gap = statistics.median(gaps) if gaps else line_height * 0.3
    paragraph_gap = min(max(usual_gap * 1.4, usual_gap + 0.25 * line_height, 0.5 * line_height), 1.2 * line_height)
    left_margin = min(ln[0]["x0"] for ln in lines)

    paragraphs: list[tuple[float, str]] = []
    current: list[str] = []
    current_full: list[bool] = []  # did each line of `current` reach the right edge?
    right_edge = max(ln[-1]["x1"] for ln in lines)
    columns: list[list[str]] = []  # open two-column stretch
    tops = {"current": 0.0, "columns": 0.0}
    prev_bottom = None
    prev_x0 = None

    def flush():
        if current:
            paragraphs.append((tops["current"], _join_wrapped(current, current_full)))
            current.clear()
            current_full.clear()

    def flush_columns():
        for column in columns:
            if column:
                paragraphs.append((tops["columns"], "\n".join(column)))
        columns.clear()

    for line in lines:
        segments = _split_at_gaps(line, COLUMN_GAP_PT)
        gap = _top(line) - prev_bottom if prev_bottom is not None else 0
        if len(segments) > 1:
            flush()
            if gap > line_height * 1.5:
                flush_columns()
            if not columns:
                tops["columns"] = _top(line)
            for i, segment in enumerate(segments):
                while len(columns) <= i:
                    columns.append([])
                columns[i].append(" ".join(w["text"] for w in segment))
        else:
            text = " ".join(w["text"] for w in line)
            if columns:
                flush_columns()
            indent = line[0]["x0"] - left_margin
            starts_item = re.match(r"^(\d+(\.\d+)*\.|[a-zđ]\)|[-–•+]|Điều \d+|[IVXLC]+\.)\s", text)
            new_paragraph = (
                gap > paragraph_gap
                or starts_item
                or (prev_x0 is not None and indent > 15 and line[0]["x0"] > prev_x0 + 10)
            )
            if new_paragraph:
                flush()
            if not current:
                tops["current"] = _top(line)
            current.append(text)
            current_full.append(line[-1]["x1"] >= right_edge - 0.12 * (right_edge - left_margin))
            prev_x0 = line[0]["x0"]
        prev_bottom = _bottom(line)
    flush()
    flush_columns()
    return paragraphs


def _merge_split_rows(tables_rows: list[list[list[str]]]) -> list[list[list[str]]]:
    """A table continued on the next page: its first row with an empty STT cell
    belongs to the last row of the previous page's table."""
    merged: list[list[list[str]]] = []
    for rows in tables_rows:
        if merged and rows and len(rows[0]) == len(merged[-1][-1]) and not rows[0][0].strip():
            last = merged[-1][-1]
            merged[-1][-1] = [
                (a + " " + b).strip() if b.strip() else a for a, b in zip(last, rows[0])
            ]
            rows = rows[1:]
        merged.append(rows)
    return merged


class _PageLayout:
    """Turns each page's words (from pdfplumber or from OCR) and ruled tables
    into blocks in reading order; carries an unruled table across pages."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.unruled_columns: Optional[list[float]] = None
        self.footnotes = FootnoteCounter()

    def expect_footnotes(self, ocr_words: list[list[dict]]) -> None:
        """Before laying out OCR'd pages: does any of them open footnotes?"""
        self.footnotes.expected = any(footnote_starts(_word_lines(words)) for words in ocr_words if words)

    def add_page(self, page_no: int, words: list[dict], ruled: list[list[list[str]]],
                 ruled_tops: list[float], ocr: bool = False) -> None:
        items: list[tuple[float, Block]] = []
        fix = repair_ocr_text if ocr else (lambda text: text)
        if ocr and words:
            words = [w for line in mark_footnotes(_word_lines(words), self.footnotes) for w in line]
        if not ruled and words:
            lines = _word_lines(words)
            carried = self.unruled_columns if self.blocks and self.blocks[-1].kind == "table" else None
            found = _unruled_table(lines, carried) if carried else None
            found = found if found and found[3] > 0 else _unruled_table(lines)
            if found:
                rows, self.unruled_columns, first, after = found
                rows = [[fix(cell) for cell in row] for row in rows]
                items.append((_top(lines[first]), Block("table", page_no, rows=rows)))
                inside = {id(w) for ln in lines[first:after] for w in ln}
                words = [w for w in words if id(w) not in inside]
        # paragraphs carry the top of their first word so tables interleave in order
        for top, text in _page_paragraphs(words):
            items.append((top, Block("paragraph", page_no, fix(text))))
        for top, rows in zip(ruled_tops, ruled):
            items.append((top, Block("table", page_no, rows=rows)))
        items.sort(key=lambda item: item[0])
        for index, (_, block) in enumerate(items):
            previous = self.blocks[-1] if self.blocks else None
            continues_table = (
                index == 0
                and block.kind == "table"
                and previous is not None
                and previous.kind == "table"
                and previous.page == page_no - 1
                and block.rows
                and len(block.rows[0]) == len(previous.rows[-1])
            )
            if continues_table:
                first, rest = _merge_split_rows([previous.rows, block.rows])
                previous.rows = first + rest
            else:
                self.blocks.append(block)


MIN_WORDS_FOR_TEXT_LAYER = 10  # fewer words than this on a page with an image: a scan


def _page_reading(page, words: list[dict]) -> tuple[str, Optional[str]]:
    """How to read a PDF page: ("text", None), ("legacy", encoding) or ("ocr", None).

    A page needs OCR when it has no text layer, too little text for a page
    with an image on it, or text that reads as Vietnamese in no encoding we
    know (a font with no usable mapping)."""
    if not words or (len(words) < MIN_WORDS_FOR_TEXT_LAYER and page.images):
        return "ocr", None
    text = " ".join(w["text"] for w in words)
    if vietnamese_score(text) >= 0.15:
        return "text", None
    fixed, encoding = repair_extracted(text)
    if encoding:
        return "legacy", encoding
    if vietnamese_score(text) < 0.03 and len(text) > 200:
        return "ocr", None
    return "text", None


def _redecode(text: str, encoding: str) -> str:
    if encoding == "vni":
        return decode_vni(text)
    raw = as_single_bytes(text)
    return text if raw is None else decode_tcvn3(raw) if encoding == "tcvn3" else raw.decode("cp1258", "replace")


def read_pdf(path: Path, data: bytes) -> RawDocument:
    import io

    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise ReadError(f"not a readable PDF: {exc}") from exc
    layout = _PageLayout()
    warnings: list[str] = []
    to_ocr: list[int] = []
    legacy: set[str] = set()
    pages_words: dict[int, tuple[list[dict], list, list]] = {}
    with pdf:
        n_pages = len(pdf.pages)
        for page_no, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables(PDF_TABLE_SETTINGS)
            bboxes = [t.bbox for t in tables]

            def outside(obj, bboxes=bboxes):
                cx = (obj["x0"] + obj["x1"]) / 2
                cy = (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in bboxes)

            words = page.filter(outside).extract_words(keep_blank_chars=False, use_text_flow=False)
            # judge the page by all its text, tables included: a page of table is not an empty page
            reading, encoding = _page_reading(page, page.extract_words() if tables else words)
            if reading == "ocr":
                to_ocr.append(page_no)
                pages_words[page_no] = ([], [], [])
                continue
            ruled = [[[(c or "").replace("\n", " ").strip() for c in row] for row in t.extract()] for t in tables]
            if reading == "legacy":
                legacy.add(encoding)
                for word in words:
                    word["text"] = _redecode(word["text"], encoding)
                ruled = [[[_redecode(c, encoding) for c in row] for row in t] for t in ruled]
            pages_words[page_no] = (words, ruled, [t.bbox[1] for t in tables])
    ocr_pages_read: dict = {}
    if to_ocr:
        from pipeline.ocr import ocr_pages, render_pdf_pages

        for page in ocr_pages(render_pdf_pages(data, to_ocr)):
            ocr_pages_read[page.number] = page
            pages_words[page.number] = (repair_ocr_words(page.word_dicts()), *_ocr_tables(page))
            warnings.extend(page.warnings)
    layout.expect_footnotes([pages_words[n][0] for n in ocr_pages_read])
    for page_no in range(1, n_pages + 1):
        layout.add_page(page_no, *pages_words[page_no], ocr=page_no in ocr_pages_read)
    if legacy:
        warnings.append(f"text in legacy font encoding ({', '.join(sorted(legacy))}) converted to Unicode")
    if not any(b.text.strip() or b.rows for b in layout.blocks):
        raise ReadError("no readable text on any page, OCR included")
    raw = RawDocument(str(path), "pdf_ocr" if to_ocr else "pdf", doc_id_for(data), layout.blocks,
                      pages=n_pages, warnings=warnings)
    _attach_ocr(raw, list(ocr_pages_read.values()))
    return raw


def _ocr_tables(page) -> tuple[list[list[list[str]]], list[float]]:
    """A scanned page's ruled tables, cell texts repaired like the rest of the page's text."""
    tables = [[[_repair_cell(cell) for cell in row] for row in rows] for _, rows in page.tables]
    return tables, [top for top, _ in page.tables]


def _repair_cell(text: str) -> str:
    word = repair_ocr_words([{"text": text, "x0": 0, "x1": 0, "top": 0, "bottom": 0}])
    return repair_ocr_text(word[0]["text"]) if word else ""


def _attach_ocr(raw: RawDocument, pages: list) -> None:
    if not pages:
        return
    raw.page_confidence = {p.number: p.confidence for p in pages}
    raw.ocr_confidence = sum(p.confidence or 0 for p in pages) / len(pages)
    raw.ocr_words = [(p.number, w) for p in pages for w in p.words + p.table_words]


def read_image(path: Path, data: bytes) -> RawDocument:
    """A photo or scan (.png, .jpg, .tif; a multi-page TIFF is a document of several pages)."""
    from pipeline.ocr import ocr_pages

    try:
        frames = image_frames(data)
    except Exception as exc:
        raise ReadError(f"not a readable image: {exc}") from exc
    pages = ocr_pages({i: frame for i, frame in enumerate(frames, start=1)}, dpi=_image_dpi(frames[0]))
    layout = _PageLayout()
    warnings: list[str] = []
    words = {page.number: repair_ocr_words(page.word_dicts()) for page in pages}
    layout.expect_footnotes(list(words.values()))
    for page in pages:
        layout.add_page(page.number, words[page.number], *_ocr_tables(page), ocr=True)
        warnings.extend(page.warnings)
    if not any(b.text.strip() or b.rows for b in layout.blocks):
        raise ReadError("OCR found no text in the image")
    raw = RawDocument(str(path), "image_ocr", doc_id_for(data), layout.blocks, pages=len(frames), warnings=warnings)
    _attach_ocr(raw, pages)
    return raw


def _image_dpi(image) -> int:
    dpi = image.info.get("dpi", (300, 300))[0] or 300
    return int(dpi) if 70 <= dpi <= 1200 else 300


OFFICE_TIMEOUT_S = 120


def read_office(path: Path, data: bytes) -> RawDocument:
    """.doc, .rtf, .odt: LibreOffice (headless) converts them to .docx first."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(f"{path.suffix} needs LibreOffice (soffice), which is not installed")
    with tempfile.TemporaryDirectory(prefix="vanban-office-") as tmp:
        source = Path(tmp) / f"source{path.suffix.lower()}"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
                 "--outdir", tmp, str(source)],
                check=True, capture_output=True, timeout=OFFICE_TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ReadError(f"LibreOffice could not convert {path.suffix}: {exc}") from exc
        converted = Path(tmp) / "source.docx"
        if not converted.exists():
            raise ReadError(f"LibreOffice produced no .docx from this {path.suffix}")
        raw = read_docx(path, converted.read_bytes())
    raw.source_format = path.suffix.lower().lstrip(".")
    raw.doc_id = doc_id_for(data)
    return raw


READERS = {
    ".txt": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".doc": read_office,
    ".rtf": read_office,
    ".odt": read_office,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}


def read_document(path: str | Path) -> RawDocument:
    """Read one file with the reader its extension calls for."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type '{path.suffix or '(none)'}'")
    if not data.strip():
        raise ReadError("empty file")
    return reader(path, data)


def file_doc_id(path: str | Path) -> str:
    return doc_id_for(Path(path).read_bytes())
