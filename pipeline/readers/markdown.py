"""Markdown as converters write it (pandoc, MarkItDown, Docling, OCR tools).

markdown-it-py parses the text (GitHub pipe tables included); emphasis,
escapes and inline HTML go, headings become lines, list items keep their
marker (`- `, `1. `) since the structure reads sections from them. Pandoc's
simple, multiline and grid tables, which no CommonMark parser knows, are cut
out first by their rulers and read by column position. YAML front matter is
metadata, not text; `--- PAGE n ---` markers give page numbers.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from models import Block, RawDocument
from pipeline.files import doc_id_for
from pipeline.readers.base import DECORATION, ReadError, capped_text_bytes, is_layout_table, layout_blocks
from pipeline.readers.text import decode_text

_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n.*?\n---\s*\n", re.DOTALL)
_PAGE_MARKER = re.compile(r"^\s*-{2,}\s*PAGE\s+(\d+)\s*-{2,}\s*$|^\s*-{2,}\s*PAGE BREAK\s*-{2,}\s*$", re.IGNORECASE)
_DASH_RULER = re.compile(r"^\s*-{3,}(?:\s+-{3,})*\s*$")
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def _inline(md, text: str) -> str:
    """A cell's or heading's Markdown, as plain text."""
    tokens = md.parseInline(text)
    return _inline_text(tokens[0].children if tokens else [])


def _inline_text(children) -> str:
    out = []
    for tok in children or []:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif tok.type == "image":
            out.append(_inline_text(tok.children))
    return "".join(out)


def _ruler_columns(ruler: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-{3,}", ruler)]


def _slice(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """A line cut at the columns' left edges (the last column runs to the line's end)."""
    cells = []
    for i, (start, _) in enumerate(columns):
        end = columns[i + 1][0] if i + 1 < len(columns) else len(line)
        cells.append(line[start:end] if start < len(line) else "")
    return cells


def _pandoc_table(lines: list[str], i: int) -> Optional[tuple[list[list[str]], int]]:
    """A simple or multiline table opening at lines[i] (a dash ruler): its rows
    of raw cell Markdown and the index after it. Rows of a multiline table are
    separated by blank lines; a simple table has one row per line."""
    columns = _ruler_columns(lines[i])
    if len(columns) < 2:
        return None
    end = next((j for j in range(i + 1, min(len(lines), i + 400)) if _DASH_RULER.match(lines[j])), None)
    if end is None:
        return None
    body = lines[i + 1:end]
    # a header row above a second ruler: the ruler after it closes the header, not the table
    closing = end + 1
    if end + 1 < len(lines) and len(body) <= 3 and any(line.strip() for line in body):
        later = next((j for j in range(end + 1, min(len(lines), end + 400)) if _DASH_RULER.match(lines[j])), None)
        if later is not None and lines[end + 1].strip() and _looks_tabular(lines[end + 1:later], columns):
            body = body + [""] + lines[end + 1:later]
            closing = later + 1
    multiline = any(not line.strip() for line in body)
    rows: list[list[str]] = []
    current: list[list[str]] = []
    for line in body + [""]:
        if not line.strip():
            if current:
                rows.append(["\n".join(part for part in col if part) for col in zip(*current)])
                current = []
            continue
        cells = [c.strip() for c in _slice(line, columns)]
        if multiline:
            current.append(cells)
        else:
            rows.append(cells)
    return rows, closing


def _looks_tabular(lines: list[str], columns: list[tuple[int, int]]) -> bool:
    return all(len(line) >= columns[-1][0] or not line.strip() for line in lines[:3])


def _grid_table(lines: list[str], i: int) -> Optional[tuple[list[list[str]], int]]:
    """A grid table (`+---+---+` borders, `|` between cells) opening at lines[i]."""
    edges = [m.start() for m in re.finditer(r"\+", lines[i])]
    rows: list[list[str]] = []
    current: list[list[str]] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if _GRID_BORDER.match(line):
            if current:
                rows.append(["\n".join(part for part in col if part) for col in zip(*current)])
                current = []
            j += 1
            continue
        if not line.lstrip().startswith("|"):
            break
        cells = [line[a + 1:b].strip() if b <= len(line) else line[a + 1:].strip().rstrip("|").strip()
                 for a, b in zip(edges, edges[1:])]
        current.append(cells)
        j += 1
    if current:
        rows.append(["\n".join(part for part in col if part) for col in zip(*current)])
    return (rows, j) if rows else None


def _cut_tables(lines: list[str]) -> tuple[list[str], dict[int, list[list[str]]]]:
    """Lines with each pandoc or grid table replaced by a placeholder line, and the tables' rows."""
    out: list[str] = []
    tables: dict[int, list[list[str]]] = {}
    i = 0
    while i < len(lines):
        found = None
        if _DASH_RULER.match(lines[i]):
            found = _pandoc_table(lines, i)
        elif _GRID_BORDER.match(lines[i]):
            found = _grid_table(lines, i)
        if found:
            rows, i = found
            tables[len(tables)] = rows
            out.extend(["", f"VANBANTABLE{len(tables) - 1}", ""])
            continue
        out.append(lines[i])
        i += 1
    return out, tables


BREAK_BEFORE_CLOSING = re.compile(r"\\(?=[*_]+$)")


def _cell_text(md, raw: str) -> str:
    """A cell's lines as one inline text (emphasis may span them), without decoration rules."""
    # a break pandoc wrote at the end of bold text (`CHỦ TỊCH\**`) would escape the closing mark
    text = _inline(md, "\n".join(BREAK_BEFORE_CLOSING.sub("", part.strip()) for part in raw.split("\n")))
    lines = (line.strip().rstrip("\\").strip() for line in text.split("\n"))  # a hard break's `\` left over
    return "\n".join(line for line in lines if line and not DECORATION.match(line))


def _table_blocks(md, rows: list[list[str]], page: Optional[int]) -> list[Block]:
    rows = [[_cell_text(md, cell) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    return layout_blocks(rows, page) if is_layout_table(rows) else [Block("table", page, rows=rows)]


def markdown_blocks(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    blocks: list[Block] = []
    page: Optional[int] = None
    pages_seen = False
    chunk: list[str] = []

    def parse_chunk() -> None:
        lines, tables = _cut_tables(chunk)
        blocks.extend(_token_blocks(md, md.parse("\n".join(lines)), tables, page))
        chunk.clear()

    for line in text.split("\n"):
        marker = _PAGE_MARKER.match(line)
        if marker:
            parse_chunk()
            if marker.group(1):
                page, pages_seen = int(marker.group(1)), True
            continue
        chunk.append(line)
    parse_chunk()
    if not pages_seen:
        for block in blocks:
            block.page = None
    return blocks


def _token_blocks(md, tokens, tables: dict[int, list[list[str]]], page: Optional[int]) -> list[Block]:
    blocks: list[Block] = []
    pending_marker: Optional[str] = None  # a list item's marker, put before its first paragraph
    rows: list[list[str]] = []
    in_table = False
    for tok in tokens:
        if tok.type == "list_item_open":
            pending_marker = f"{tok.info}{tok.markup} " if tok.info else ("+ " if tok.markup == "+" else "- ")
        elif tok.type == "table_open":
            in_table, rows = True, []
        elif tok.type == "tr_open":
            rows.append([])
        elif tok.type == "table_close":
            in_table = False
            blocks.extend(_table_blocks(md, rows, page))
        elif tok.type == "inline" and in_table:
            rows[-1].append(_inline_text(tok.children).strip())
        elif tok.type == "inline":
            text = _inline_text(tok.children)
            placeholder = re.fullmatch(r"VANBANTABLE(\d+)", text.strip())
            if placeholder:
                blocks.extend(_table_blocks(md, tables[int(placeholder.group(1))], page))
                continue
            if pending_marker:
                text, pending_marker = pending_marker + text, None
            if text.strip():
                blocks.append(Block("paragraph", page, text))
        elif tok.type in ("html_block", "code_block", "fence"):
            content = re.sub(r"<[^>]*>", " ", tok.content) if tok.type == "html_block" else tok.content
            if content.strip():
                blocks.append(Block("paragraph", page, content.strip("\n")))
    return blocks


def read_markdown(path: Path, data: bytes) -> RawDocument:
    warnings: list[str] = []
    text = decode_text(capped_text_bytes(data, warnings), warnings)
    if "\x00" in text:
        raise ReadError("binary content in a Markdown file")
    blocks = markdown_blocks(text)
    if not blocks:
        raise ReadError("the Markdown file holds no text")
    pages = max((b.page for b in blocks if b.page), default=None)
    return RawDocument(str(path), "md", doc_id_for(data), blocks, pages=pages, warnings=warnings)
