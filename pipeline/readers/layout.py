"""Page layout: a page's words (from a PDF text layer or from OCR) and ruled
tables into blocks in reading order: lines, paragraphs, side-by-side columns,
unruled tables; shared by the PDF and image readers."""
from __future__ import annotations

import re
import statistics
from typing import Optional

from models import Block, RawDocument
from pipeline.ocr_repair import FootnoteCounter, footnote_starts, mark_footnotes, repair_ocr_text, repair_ocr_words

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


class PageLayout:
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


def ocr_tables(page) -> tuple[list[list[list[str]]], list[float]]:
    """A scanned page's ruled tables, cell texts repaired like the rest of the page's text."""
    tables = [[[_repair_cell(cell) for cell in row] for row in rows] for _, rows in page.tables]
    return tables, [top for top, _ in page.tables]


def _repair_cell(text: str) -> str:
    word = repair_ocr_words([{"text": text, "x0": 0, "x1": 0, "top": 0, "bottom": 0}])
    return repair_ocr_text(word[0]["text"]) if word else ""


def attach_ocr(raw: RawDocument, pages: list) -> None:
    if not pages:
        return
    raw.page_confidence = {p.number: p.confidence for p in pages}
    raw.ocr_confidence = sum(p.confidence or 0 for p in pages) / len(pages)
    raw.ocr_words = [(p.number, p.rotated, w) for p in pages for w in p.words + p.table_words]
