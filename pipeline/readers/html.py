"""HTML: Word "Web Page" files and saved portal pages (vbpl.vn, thuvienphapluat,
provincial portals).

The charset comes from the BOM or the meta tag. A portal page wraps the
document in menus, search boxes and related-document lists: the document's
own content is the smallest element that holds both its first header anchor
(the national motto, `Số:`) and its last closing anchor (`Nơi nhận`, the
signer's capacity). Paragraph-level elements become paragraphs, `<br>` a
line break, tables stay tables (layout tables become the paragraphs they place).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from models import Block, RawDocument
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError, capped_text_bytes, is_layout_table, layout_blocks
from pipeline.vntext import normalize_vietnamese

# never content
DROPPED_TAGS = ["script", "style", "noscript", "template", "head", "nav", "header", "footer", "form",
                "button", "select", "option", "iframe", "svg", "canvas", "input", "textarea", "aside"]
# each starts a paragraph of its own
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article",
              "main", "pre", "dd", "dt", "center", "address", "figure", "figcaption", "tr", "ul", "ol", "dl"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_START_ANCHOR = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM|^\s*Số\s*:", re.IGNORECASE)
_END_ANCHOR = re.compile(r"Nơi nhận|^\s*(?:TM|KT|TL|TUQ)\.\s", re.IGNORECASE)
# A law has no Nơi nhận and signs with no capacity mark: its articles and căn cứ say where its body runs.
_BODY_ANCHOR = re.compile(r"^\s*(?:Điều\s+\d+\s*[.:]|Căn cứ\b)")


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """The page's text and the warnings its decoding gave."""
    from pipeline.readers.text import decode_text

    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 50:
        return decode_text(data, warnings), warnings
    start = data.find(b"<")
    if start >= 0 and set(data[start + 1:start + 401:2]) == {0x20}:
        # UTF-16 text re-saved one byte per unit: every other byte is the
        # lost high byte, written as a space; letters outside ASCII are gone
        data = data[start:][::2]
        warnings.append("HTML stored as UTF-16 inside another file, with its accented letters lost")
    m = _META_CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii", "replace").lower() if m else None
    if charset and charset not in ("unicode", "utf-16"):
        try:
            return data.decode(charset), warnings
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, warnings), warnings


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    """Turns an element tree into blocks: paragraphs, line breaks, tables."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = [""]

    def flush(self) -> None:
        text = "\n".join(_clean(line) for line in self.lines if _clean(line))
        if text:
            self.blocks.append(Block("paragraph", None, text))
        self.lines = [""]

    def text(self, value: Optional[str]) -> None:
        if value:
            self.lines[-1] += value

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
        if tag == "table":
            self.flush()
            rows = table_rows(element)
            if rows:
                self.blocks.extend(layout_blocks(rows) if is_layout_table(rows) else [Block("table", None, rows=rows)])
            self.text(element.tail)
            return
        if tag == "br":
            self.lines.append("")
        elif tag in BLOCK_TAGS:
            self.flush()
        if tag:  # comments and processing instructions have no text of their own
            self.text(element.text)
            for child in element:
                self.walk(child)
        if tag in BLOCK_TAGS:
            self.flush()
        self.text(element.tail)


def table_rows(table) -> list[list[str]]:
    """Rows of cell texts; a cell keeps its paragraphs as lines, nested tables flattened into it."""
    rows = []
    for tr in table.iter("tr"):
        if _owner_table(tr) is not table:
            continue
        cells = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            walker = _Walker()
            walker.text(cell.text)
            for child in cell:
                walker.walk(child)
            walker.flush()
            cells.append("\n".join(b.text if b.kind == "paragraph" else "\n".join(" ".join(r) for r in b.rows)
                                   for b in walker.blocks))
        if any(c.strip() for c in cells):
            rows.append(cells)
    return rows


def _owner_table(element):
    return next((a for a in element.iterancestors() if a.tag == "table"), None)


def _content_root(root):
    """The smallest element holding the document: from its first header anchor to its last closing anchor."""
    starts, ends, articles = [], [], []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = normalize_vietnamese(element.text or "")
        if _START_ANCHOR.search(own):
            starts.append(element)
        if _END_ANCHOR.search(own):
            ends.append(element)
        if element.tag == "p" and _BODY_ANCHOR.search(normalize_vietnamese(element.text_content())):
            articles.append(element)
    if not starts:
        return root
    first, last = starts[0], (ends or articles or starts)[-1]
    ancestors = [first, *first.iterancestors()]
    last_line = {id(a) for a in [last, *last.iterancestors()]}
    common = next((a for a in ancestors if id(a) in last_line), root)
    # a table (or a part of one) holds only the header or only the signature: widen to its container
    while common.tag in ("table", "tbody", "thead", "tr", "td", "th", "p", "span", "b", "strong") \
            and common.getparent() is not None:
        common = common.getparent()
    return common


def html_blocks(text: str) -> list[Block]:
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"not readable as HTML: {exc}") from exc
    for element in list(root.iter(*DROPPED_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    walker = _Walker()
    walker.walk(_content_root(body if body is not None else root))
    walker.flush()
    return walker.blocks


def read_html(path: Path, data: bytes) -> RawDocument:
    capped: list[str] = []
    text, warnings = decode_html(capped_text_bytes(data, capped, bytes_per_char=16))
    warnings = capped + warnings
    text = re.sub(r"^\ufeff", "", text)
    blocks = html_blocks(text)
    if not blocks:
        raise ReadError("the HTML page holds no text")
    return RawDocument(str(path), "html", doc_id_for(data), blocks, warnings=warnings)
