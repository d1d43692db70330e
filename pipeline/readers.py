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
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL-rich) or Windows-1258."""
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
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not decodable as UTF-8, UTF-16 or Windows-1258: {exc}") from exc


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
    pages = text.count("\f") + 1 if "\f" in text else None
    return RawDocument(str(path), "txt", doc_id_for(data), _text_blocks(text), pages=pages)


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
    return RawDocument(str(path), "docx", doc_id_for(data), blocks)


# --- pdf -----------------------------------------------------------------------

PDF_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
COLUMN_GAP_PT = 40  # a gap this wide inside a line separates two side-by-side columns


def _line_segments(words: list[dict]) -> list[list[dict]]:
    segments: list[list[dict]] = [[words[0]]]
    for word in words[1:]:
        if word["x0"] - segments[-1][-1]["x1"] > COLUMN_GAP_PT:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _join_wrapped(lines: list[str]) -> str:
    """Join visual lines of one paragraph; a symbol cut after `-` or `/` rejoins tight."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"[^\s][-/]$", out):
            out += line
        else:
            out += " " + line
    return out


def _word_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into visual lines, top to bottom, each left to right."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for word in words:
        if lines and abs(word["top"] - lines[-1][0]["top"]) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


# A task table's header says who leads and what: "STT  Nhiệm vụ  Đơn vị chủ trì ..."
UNRULED_HEADER = re.compile(r"chủ trì", re.IGNORECASE)
UNRULED_TASK = re.compile(r"nhiệm vụ|nội dung|công việc", re.IGNORECASE)
CELL_GAP_PT = 8  # wider than a space between words: the gap between two cells


def _cells_of_line(line: list[dict]) -> list[list[dict]]:
    cells = [[line[0]]]
    for word in line[1:]:
        if word["x0"] - cells[-1][-1]["x1"] > CELL_GAP_PT:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


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
            cells = _cells_of_line(line)
            if UNRULED_HEADER.search(text) and UNRULED_TASK.search(text) and len(cells) >= 3:
                columns = [c[0]["x0"] for c in cells]
                start = i
                break
        else:
            return None
    rows: list[list[str]] = []
    end = start
    heights = [ln[0]["bottom"] - ln[0]["top"] for ln in lines] or [10]
    line_height = statistics.median(heights)
    prev_bottom = None
    for i in range(start, len(lines)):
        line = lines[i]
        gap = line[0]["top"] - prev_bottom if prev_bottom is not None else 0
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
            spans_columns = len(_cells_of_line(line)) == 1 and line[-1]["x1"] > columns[min(2, len(columns) - 1)]
            if spans_columns or (cells[0] and not any(cells[1:])):
                break  # prose below the table ("Nơi nhận:", a paragraph)
        if new_row:
            rows.append(cells)
        else:
            rows[-1] = [(a + " " + b).strip() if b else a for a, b in zip(rows[-1], cells)]
        prev_bottom = line[0]["bottom"]
        end = i + 1
    return (rows, columns, start, end) if len(rows) > 1 or columns else None


def _page_paragraphs(words: list[dict]) -> list[tuple[float, str]]:
    """Group a page's words into lines, lines into paragraphs (by vertical gaps,
    indents and two-column stretches such as the header and signature); each
    paragraph comes with the top coordinate of its first line."""
    if not words:
        return []
    lines = _word_lines(words)
    heights = [ln[0]["bottom"] - ln[0]["top"] for ln in lines]
    line_height = statistics.median(heights) if heights else 12
    left_margin = min(ln[0]["x0"] for ln in lines)

    paragraphs: list[tuple[float, str]] = []
    current: list[str] = []
    columns: list[list[str]] = []  # open two-column stretch
    tops = {"current": 0.0, "columns": 0.0}
    prev_bottom = None
    prev_x0 = None

    def flush():
        if current:
            paragraphs.append((tops["current"], _join_wrapped(current)))
            current.clear()

    def flush_columns():
        for column in columns:
            if column:
                paragraphs.append((tops["columns"], "\n".join(column)))
        columns.clear()

    for line in lines:
        segments = _line_segments(line)
        gap = line[0]["top"] - prev_bottom if prev_bottom is not None else 0
        if len(segments) > 1:
            flush()
            if gap > line_height * 1.5:
                flush_columns()
            if not columns:
                tops["columns"] = line[0]["top"]
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
                gap > line_height * 0.8
                or starts_item
                or (prev_x0 is not None and indent > 15 and line[0]["x0"] > prev_x0 + 10)
            )
            if new_paragraph:
                flush()
            if not current:
                tops["current"] = line[0]["top"]
            current.append(text)
            prev_x0 = line[0]["x0"]
        prev_bottom = line[0]["bottom"]
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


def read_pdf(path: Path, data: bytes) -> RawDocument:
    import io

    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise ReadError(f"not a readable PDF: {exc}") from exc
    blocks: list[Block] = []
    warnings: list[str] = []
    unruled_columns: Optional[list[float]] = None
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
            items: list[tuple[float, Block]] = []
            if not tables and words:
                lines = _word_lines(words)
                carried = unruled_columns if blocks and blocks[-1].kind == "table" else None
                found = _unruled_table(lines, carried) if carried else None
                found = found if found and found[3] > 0 else _unruled_table(lines)
                if found:
                    rows, unruled_columns, first, after = found
                    top = lines[first][0]["top"]
                    items.append((top, Block("table", page_no, rows=rows)))
                    inside = {id(w) for ln in lines[first:after] for w in ln}
                    words = [w for w in words if id(w) not in inside]
            # paragraphs carry the top of their first word so tables interleave in order
            for top, text in _page_paragraphs(words):
                items.append((top, Block("paragraph", page_no, text)))
            for table in tables:
                rows = [[(c or "").replace("\n", " ").strip() for c in row] for row in table.extract()]
                items.append((table.bbox[1], Block("table", page_no, rows=rows)))
            items.sort(key=lambda item: item[0])
            for index, (_, block) in enumerate(items):
                previous = blocks[-1] if blocks else None
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
                    blocks.append(block)
            if not words and not tables:
                warnings.append(f"page {page_no}: no text layer")
    if not any(b.text.strip() or b.rows for b in blocks):
        raise ReadError("PDF has no text layer (a scan): OCR is needed")
    return RawDocument(str(path), "pdf", doc_id_for(data), blocks, pages=n_pages, warnings=warnings)


READERS = {
    ".txt": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
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
