"""Word .docx: paragraphs and tables in document order.

Text boxes (where the number and the date often sit) are read in their place,
once: Word stores each twice, as DrawingML and as a VML fallback. A cell's
text keeps its paragraphs as lines, nested tables included."""
from __future__ import annotations

import re

from pathlib import Path

from models import Block, RawDocument
from pipeline.legacy import repair_extracted
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError, check_archive, is_layout_table, layout_blocks
from pipeline.readers.legacy_text import redecode


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _in_fallback(element) -> bool:
    return any(a.tag == MC_FALLBACK for a in element.iterancestors())


def _keep_soft_hyphens(root) -> None:
    """Word stores byte 0xAD of a TCVN3 font, the letter `ư`, as an optional
    hyphen (`<w:softHyphen/>`), which python-docx drops: keep it as U+00AD text
    so the legacy decoding reads `ư` back (`Ng<AD>êi` -> `Người`). In Unicode
    text the normalizer removes U+00AD as the invisible mark it is."""
    for mark in list(root.iter(f"{W}softHyphen")):
        text = mark.makeelement(f"{W}t", {})
        text.text = "\u00ad"
        mark.getparent().replace(mark, text)


def _text_boxes(paragraph) -> list[list]:
    """The paragraphs of each text box anchored in `paragraph`, outside the VML fallback copy."""
    return [list(box.iter(f"{W}p")) for box in paragraph.iter(f"{W}txbxContent") if not _in_fallback(box)]


def _cell_text(cell, parent) -> str:
    """Every paragraph of a cell (nested tables and text boxes included), one per line."""
    from docx.text.paragraph import Paragraph

    lines = [Paragraph(p, parent).text for p in cell._tc.iter(f"{W}p")
             if not _in_fallback(p) and not any(a.tag == f"{W}txbxContent" for a in p.iterancestors())]
    for p in cell._tc.iter(f"{W}p"):
        for box in _text_boxes(p):
            lines.extend(Paragraph(q, parent).text for q in box)
    return "\n".join(line for line in lines if line.strip()).strip()


def _docx_rows(table, parent) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell, parent))
        rows.append(cells)
    return rows


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FOOTNOTES_PART = "/word/footnotes.xml"


def _text_with_note_marks(element) -> str:
    """A paragraph's text with each footnote reference as its superscript number, in place."""
    out = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}footnoteReference"):
        if _in_fallback(node) or any(a.tag == f"{W}txbxContent" for a in node.iterancestors()):
            continue
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        else:
            out.append(str(node.get(f"{W}id")).translate(SUPERSCRIPT))
    return "".join(out)


def _footnote_blocks(document) -> list[Block]:
    """The document's footnotes (`word/footnotes.xml`), each as `¹ text`; the
    separators Word keeps there (ids 0 and -1) are not notes."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == FOOTNOTES_PART), None)
    if part is None:
        return []
    # entities unresolved and no network, as python-docx parses the body: nothing from outside the file
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    _keep_soft_hyphens(root)
    blocks = []
    for note in root.iter(f"{W}footnote"):
        number = note.get(f"{W}id")
        if not number or not number.isdigit() or int(number) < 1:
            continue
        text = " ".join(t for p in note.iter(f"{W}p") if (t := _text_with_note_marks(p).strip()))
        text = re.sub(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*", "", text)  # the note repeats its own mark
        if text:
            blocks.append(Block("paragraph", None, f"{number.translate(SUPERSCRIPT)} {text}"))
    return blocks


def read_docx(path: Path, data: bytes) -> RawDocument:
    import io

    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for bad zips
        raise ReadError(f"not a readable .docx: {exc}") from exc
    _keep_soft_hyphens(document.element.body)
    blocks: list[Block] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            has_note = next(element.iter(f"{W}footnoteReference"), None) is not None
            text = _text_with_note_marks(element) if has_note else Paragraph(element, document).text
            if text.strip():
                blocks.append(Block("paragraph", None, text))
            for box in _text_boxes(element):
                text = "\n".join(t for p in box if (t := Paragraph(p, document).text).strip())
                if text:
                    blocks.append(Block("paragraph", None, text))
        elif tag == "tbl":
            rows = _docx_rows(DocxTable(element, document), document)
            if is_layout_table(rows):
                blocks.extend(layout_blocks(rows))
            else:
                blocks.append(Block("table", None, rows=rows))
    blocks.extend(_footnote_blocks(document))
    warnings = []
    sample = " ".join(b.text for b in blocks if b.kind == "paragraph")[:20000]
    _, encoding = repair_extracted(sample)
    if encoding:
        for block in blocks:
            block.text = redecode(block.text, encoding)
            block.rows = [[redecode(cell, encoding) for cell in row] for row in block.rows]
        warnings.append(f"text in legacy font encoding ({encoding}) converted to Unicode")
    return RawDocument(str(path), "docx", doc_id_for(data), blocks, warnings=warnings)
