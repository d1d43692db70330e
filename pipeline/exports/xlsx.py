"""The dataset as one Excel workbook for a ward office: a sheet per table, Vietnamese
headers, the header row frozen with filters, dates as Excel dates, lists joined, long
text wrapped. Written with openpyxl in write-only mode, so memory stays flat however many
rows there are."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.exports import read_tables, write_atomically

EXCEL_CELL_CHARACTERS = 32_767
WIDE = 60  # columns of prose: this wide, wrapped
SAMPLE_ROWS = 500  # rows a column's width is measured on
DATE_FORMAT = "dd/mm/yyyy"
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str  # the dataset's column
    header: str  # what the sheet calls it
    wide: bool = False


@dataclass(frozen=True)
class Sheet:
    title: str
    table: str
    columns: tuple[Column, ...]


DOCUMENT_SYMBOL = Column("document_symbol", "Số ký hiệu văn bản")  # joined from documents, for reading

SHEETS = (
    Sheet("Văn bản", "documents", (
        Column("doc_id", "Mã văn bản"), Column("doc_type", "Loại văn bản"), Column("symbol", "Số ký hiệu"),
        Column("number", "Số"), Column("issuer", "Cơ quan ban hành", True), Column("place", "Địa danh"),
        Column("issued_date", "Ngày ban hành"), Column("title", "Trích yếu", True),
        Column("signer_name", "Người ký"), Column("signer_position", "Chức vụ người ký"),
        Column("signing_capacity", "Thẩm quyền ký"), Column("is_draft", "Dự thảo"),
        Column("source_path", "Tệp", True), Column("source_format", "Định dạng"), Column("pages", "Số trang"),
        Column("ocr_confidence", "Độ tin cậy OCR"), Column("status", "Trạng thái"),
        Column("warnings", "Cảnh báo", True))),
    Sheet("Căn cứ", "citations", (
        Column("doc_id", "Mã văn bản"), DOCUMENT_SYMBOL, Column("citation_id", "Mã trích dẫn"),
        Column("relation", "Quan hệ"), Column("cited_type", "Loại văn bản được dẫn"),
        Column("cited_symbol", "Số ký hiệu được dẫn"), Column("cited_date", "Ngày ban hành (được dẫn)"),
        Column("cited_issuer", "Cơ quan ban hành (được dẫn)", True),
        Column("cited_subject", "Trích yếu (được dẫn)", True), Column("cited_key", "Khóa văn bản được dẫn"),
        Column("section", "Mục"), Column("page", "Trang"), Column("raw", "Nguyên văn", True),
        Column("start", "Vị trí đầu"), Column("end", "Vị trí cuối"), Column("warnings", "Cảnh báo", True))),
    Sheet("Quan hệ", "edges", (
        Column("src_symbol", "Văn bản"), Column("relation", "Quan hệ"), Column("dst_symbol", "Văn bản được dẫn"),
        Column("src_key", "Khóa văn bản"), Column("dst_key", "Khóa văn bản được dẫn"),
        Column("derived", "Suy ra (không trực tiếp)"), Column("doc_id", "Mã văn bản chứng cứ"),
        Column("doc_ids", "Các văn bản nêu quan hệ", True))),
    Sheet("Vai trò", "roles", (
        Column("doc_id", "Mã văn bản"), DOCUMENT_SYMBOL, Column("body", "Ban, tổ", True),
        Column("position", "Chức danh"), Column("holder", "Người, đơn vị đảm nhiệm", True),
        Column("person_name", "Họ và tên"), Column("section", "Mục"), Column("page", "Trang"),
        Column("raw", "Nguyên văn", True))),
    Sheet("Nhiệm vụ", "assignments", (
        Column("doc_id", "Mã văn bản"), DOCUMENT_SYMBOL, Column("assignment_id", "Mã nhiệm vụ"),
        Column("kind", "Dạng"), Column("section", "Mục"), Column("task", "Nhiệm vụ", True),
        Column("lead", "Đơn vị chủ trì", True), Column("support", "Đơn vị phối hợp", True),
        Column("output", "Sản phẩm", True), Column("deadline_raw", "Thời hạn (nguyên văn)"),
        Column("due_date", "Hạn hoàn thành"), Column("recurrence", "Lặp lại (RRULE)"),
        Column("ongoing", "Thường xuyên"), Column("page", "Trang"), Column("raw", "Nguyên văn", True))),
    Sheet("Đơn vị", "units", (
        Column("name", "Đơn vị", True), Column("locality", "Địa phương"), Column("aliases", "Tên khác", True),
        Column("assignment_count", "Số nhiệm vụ"))),
)
DATE_COLUMNS = {"issued_date", "cited_date", "due_date"}

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def export_xlsx(out: str | Path, target: str | Path, on_rows: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Write the workbook (atomically: a reader never opens half a file); rows per sheet."""
    tables = read_tables(out, [s.table for s in SHEETS])
    symbols = dict(zip(tables["documents"].doc_id, tables["documents"].symbol))
    counts: dict[str, int] = {}

    def write(path: str) -> None:  # built once the target is known to be writable
        book = Workbook(write_only=True)
        for sheet in SHEETS:
            counts[sheet.title] = _write_sheet(book, sheet, tables.get(sheet.table, pd.DataFrame()), symbols, on_rows)
        book.save(path)

    write_atomically(Path(target), write)
    return counts


def _write_sheet(book: Workbook, sheet: Sheet, frame: pd.DataFrame, symbols: dict,
                 on_rows: Optional[Callable[[int], None]]) -> int:
    ws = book.create_sheet(sheet.title)
    ws.freeze_panes = "A2"
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(column, frame)
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAPPED
        header.append(cell)
    ws.append(header)
    records = frame.to_dict("records")
    for record in records:
        record["document_symbol"] = symbols.get(record.get("doc_id"))
        ws.append([_cell(ws, column, record.get(column.name)) for column in sheet.columns])
    if on_rows:
        on_rows(len(records))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(records) + 1}"
    return len(records)


def _width(column: Column, frame: pd.DataFrame) -> int:
    """Prose columns are wide and wrapped; others as wide as their header or longest value
    (among the first rows), within bounds."""
    if column.wide:
        return WIDE
    values = frame[column.name].head(SAMPLE_ROWS) if column.name in frame else []
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return min(max(len(column.header), longest, 8) + 2, 40)


def _cell(ws, column: Column, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, _excel_value(column.name, value))
    if column.name in DATE_COLUMNS and cell.value is not None:
        cell.number_format = DATE_FORMAT
    cell.alignment = WRAPPED if column.wide else TOP
    return cell


def _excel_value(name: str, value):
    """A value as Excel holds it: ISO dates as dates, lists joined, nulls empty, text
    without the control characters Excel refuses and within its cell limit."""
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if name in DATE_COLUMNS and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_CELL_CHARACTERS:
            value = value[: EXCEL_CELL_CHARACTERS - 1] + "…"
    return value
