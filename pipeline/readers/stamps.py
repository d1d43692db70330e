"""Signed PDFs: what an e-office system stamps on a page, and what it stamps that is not content.

Vietnamese e-office systems write the number and the day into a signed
document as form widgets (signature fields) over the draft's blanks: the
text layer alone reads `Số: /UBND-XD`, `ngày tháng 7`. Drawing the widgets
into their pages (pypdfium2's flatten) brings them back; a stamped digit laid
over a printed one (`tháng 4` stamped `5`) replaces it. The visible stamp of a
digital signature (`Ký bởi: ...`, `Cơ quan: ...`, `Thời gian ký: ...`,
emails) is not content: its lines are taken out, its signer kept.
"""
from __future__ import annotations

import io
import re
from typing import Optional

from extractors.dates import to_iso
from models import Block

FPDF_ANNOT_WIDGET = 20
FLATTENED_XOBJECT = "FFT"  # the name pdfium's flattener gives the widgets it draws into a page
STAMP_LINE = re.compile(r"^\s*(?:Ký bởi|Người ký|Cơ quan|Tổ chức|Thời gian ký|Ngày ký|Email|E-mail)\s*:", re.IGNORECASE)
SIGNED_ON = re.compile(r"^\s*(?:Thời gian ký|Ngày ký)\s*:\s*(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})",
                       re.IGNORECASE)
SIGNED_BY = re.compile(r"^\s*(?:Ký bởi|Người ký)\s*:\s*(.+?)\s*$", re.IGNORECASE)
COVERED_SHARE = 0.5  # a printed character this much under a stamped one gives way to it


def flatten_widgets(data: bytes) -> tuple[bytes, set[int]]:
    """The PDF with its form widgets drawn into their pages, and the pages (1-based) they
    were drawn into. A PDF without widgets comes back as it was, with no page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return data, set()
    try:
        pdf.init_forms()
        if pdf.formenv is None:
            return data, set()
        stamped = []
        for index in range(len(pdf)):
            page = pdf[index]
            widgets = sum(pdfium_c.FPDFAnnot_GetSubtype(pdfium_c.FPDFPage_GetAnnot(page.raw, k)) == FPDF_ANNOT_WIDGET
                          for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)))
            if widgets and page.flatten() == pdfium_c.FLATTEN_SUCCESS:
                stamped.append(index + 1)
            page.close()
        if not stamped:
            return data, set()
        out = io.BytesIO()
        pdf.save(out)
    finally:
        pdf.close()
    return out.getvalue(), set(stamped)


def stamped_char_count(page) -> int:
    """How many of a flattened page's characters its widgets drew: those of the form XObject
    pdfium's flattener appends to the page (named `FFT<n>`), the last figure drawn."""
    from pdfminer.layout import LTChar, LTContainer, LTFigure

    def chars(obj) -> int:
        return sum(chars(o) for o in obj) if isinstance(obj, LTContainer) else isinstance(obj, LTChar)

    figure = next((o for o in reversed(list(page.layout)) if isinstance(o, LTFigure)), None)
    return chars(figure) if figure is not None and figure.name.startswith(FLATTENED_XOBJECT) else 0


def _stamped_chars(page) -> list[dict]:
    """The characters the widgets drew: the last ones of the page, as the flattener appends them."""
    chars = page.chars
    return chars[len(chars) - stamped_char_count(page):]


def stamp_words(page) -> tuple[list[dict], int]:
    """The words a flattened page's widgets drew (`Ký bởi: ...`, a stamped number)
    and how many words are printed on the page itself: a scan signed digitally
    has its text only in the stamp, and is still a scan."""
    stamped = {id(c) for c in _stamped_chars(page)}
    if not stamped:
        return [], len(page.extract_words())

    def drawn_by_widgets(obj) -> bool:
        return obj.get("object_type") != "char" or id(obj) in stamped

    printed = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in stamped)
    return page.filter(drawn_by_widgets).extract_words(), len(printed.extract_words())


def without_covered_chars(page):
    """The page without the printed characters a stamped character covers."""
    chars = page.chars
    stamped = _stamped_chars(page)
    stamps = [c for c in stamped if c["text"].strip()]
    covered = set()
    for char in chars[:len(chars) - len(stamped)]:
        width = char["x1"] - char["x0"]
        if width <= 0 or not char["text"].strip():
            continue
        for stamp in stamps:
            overlap_x = min(char["x1"], stamp["x1"]) - max(char["x0"], stamp["x0"])
            overlap_y = min(char["bottom"], stamp["bottom"]) - max(char["top"], stamp["top"])
            if overlap_x > COVERED_SHARE * width and overlap_y > COVERED_SHARE * (char["bottom"] - char["top"]):
                covered.add(id(char))
                break
    if not covered:
        return page
    return page.filter(lambda obj: id(obj) not in covered)


def strip_stamp_lines(blocks: list[Block]) -> tuple[Optional[str], list[tuple[Optional[str], str]]]:
    """Takes the lines of digital-signature stamps out of the paragraphs; returns the
    signer the first names, and each stamp's signer with the day (ISO) it was signed."""
    signer, stamps = None, []
    for block in blocks:
        if block.kind != "paragraph" or not STAMP_LINE.search(block.text):
            continue
        kept, who = [], None
        for line in block.text.split("\n"):
            m = SIGNED_BY.match(line)
            if m:
                who = m.group(1)
                signer = signer or who
            day = SIGNED_ON.match(line)
            if day and (iso := to_iso(day["d"], day["m"], day["y"])):  # an impossible day gives nothing
                stamps.append((who, iso))
            if not STAMP_LINE.match(line):
                kept.append(line)
        block.text = "\n".join(kept)
    blocks[:] = [b for b in blocks if b.kind != "paragraph" or b.text.strip()]
    return signer, stamps

