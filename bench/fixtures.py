"""Documents made from the seed texts, for tests and benchmarks: a digital PDF,
a DOCX, and a "scan" (rendered at 300 DPI, tilted, blurred, noisy, JPEG'd).
Nothing is downloaded; fonts are DejaVu (fonts-liberation v1 has no Vietnamese)."""
from __future__ import annotations

import io
import random
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """("table", rows) for runs of TAB lines, ("paragraph", [line]) otherwise."""
    out: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if "\t" in line:
            if out and out[-1][0] == "table":
                out[-1][1].append(line)
            else:
                out.append(("table", [line]))
        elif line.strip():
            out.append(("paragraph", [line]))
        elif out and out[-1][0] == "paragraph":
            out.append(("gap", []))
    return out


def text_to_pdf(text: str, path: Path) -> None:
    """A digital PDF of a normalized text: paragraphs, and TAB rows as a ruled table."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for kind, lines in _blocks(text):
        if kind == "gap":
            pdf.ln(2)
        elif kind == "paragraph":
            pdf.multi_cell(0, 6, lines[0], new_x="LMARGIN", new_y="NEXT")
        else:
            rows = [ln.split("\t") for ln in lines]
            width = max(len(r) for r in rows)
            widths = (8,) + (70,) + tuple([max(14, 97 // max(1, width - 2))] * (width - 2)) if width > 2 else None
            pdf.set_font("DejaVu", size=8)
            with pdf.table(col_widths=widths, first_row_as_headings=False, line_height=4) as table:
                for r in rows:
                    cells = table.row()
                    if r[0] and not any(r[1:]):  # a group row ("I. NHIỆM VỤ TRỌNG TÂM") spans the table
                        cells.cell(r[0], colspan=width)
                        continue
                    for value in r + [""] * (width - len(r)):
                        cells.cell(value)
            pdf.set_font("DejaVu", size=11)
    pdf.output(str(path))


def text_to_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for kind, lines in _blocks(text):
        if kind == "paragraph":
            document.add_paragraph(lines[0])
        elif kind == "table":
            rows = [ln.split("\t") for ln in lines]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for i, r in enumerate(rows):
                for j, value in enumerate(r):
                    table.cell(i, j).text = value
    document.save(str(path))


def degrade(page, rng: random.Random, skew: float):
    """What a scanner and a phone camera do to a page."""
    import numpy as np
    from PIL import Image, ImageFilter

    gray = page.convert("L").rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    gray = gray.filter(ImageFilter.GaussianBlur(radius=0.8))
    pixels = np.asarray(gray, dtype=np.int16)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 12, pixels.shape)
    noisy = Image.fromarray(np.clip(pixels + noise, 0, 255).astype("uint8"))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=55)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def pdf_to_scan(pdf_path: Path, scan_path: Path, seed: int = 0, dpi: int = 300) -> list:
    """A scanned PDF (images only, no text layer) of a digital PDF; returns the page images."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=dpi / 72).to_pil()
        pages.append(degrade(image, rng, skew=rng.choice([-1, 1]) * rng.uniform(1.0, 2.0)))
    pdf.close()
    pages[0].save(str(scan_path), save_all=True, append_images=pages[1:], resolution=dpi)
    return pages
