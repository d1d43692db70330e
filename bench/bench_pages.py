"""Page benchmark: what the pipeline costs per page against the tools it is built on.

- Scanned pages: the pipeline reading scanned PDFs (drawing, turning upright, deskewing,
  binarizing, finding ruled tables, Tesseract, layout) against raw Tesseract on the same
  pages drawn at the same DPI (`tesseract page.png - -l vie`), with the same number of
  processes at once. The scans are the development corpus's scanned PDFs and scans made from
  the seeds (printed, tilted, blurred, noised, JPEG).
- Digital PDF pages: the pipeline's reader against pdfplumber's own `extract_text` plus
  `extract_tables` on the same pages, one process each.
- One long scan among many text documents, two workers: its pages as the unit of parallel
  work (each page takes a free core) against its pages read in turn by the worker that drew
  the document (`VANBAN_OCR_WORKERS=1`, the way before).

    python bench/bench_pages.py [--json bench-pages.json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from bench.bench_ingest import VANBAN, machine, require_dev  # noqa: E402
from bench.fixtures import pdf_to_scan, text_to_pdf  # noqa: E402
from pipeline.cores import core_count  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.ocr import DPI, LANG  # noqa: E402
from pipeline.readers import read_document  # noqa: E402

SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SCANNED_NAMES = ("-scan.pdf", "-notext.pdf")


def scanned_pdfs(work: Path) -> list[Path]:
    """The development corpus's scans, and a scan made from each seed."""
    made = work / "seed-scans"
    made.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS):
        digital = made / f"{seed.stem}-digital.pdf"
        text_to_pdf(normalize(read_document(seed)).text, digital)
        pdf_to_scan(digital, made / f"{seed.stem}.pdf", seed=i)
        digital.unlink()
    return sorted(p for p in DEV.glob("*.pdf") if p.name.endswith(SCANNED_NAMES)) + sorted(made.glob("*.pdf"))


def digital_pdfs() -> list[Path]:
    return sorted(p for p in DEV.glob("*.pdf") if not p.name.endswith(SCANNED_NAMES))


def draw_pages(pdfs: list[Path], folder: Path) -> list[Path]:
    """Every page as a PNG at the DPI the pipeline draws pages at."""
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for pdf_path in pdfs:
        pdf = pdfium.PdfDocument(pdf_path)
        for n, page in enumerate(pdf, 1):
            image = folder / f"{pdf_path.stem}-{n:03d}.png"
            page.render(scale=DPI / 72).to_pil().save(image)
            images.append(image)
        pdf.close()
    return images


def raw_tesseract(images: list[Path], processes: int) -> float:
    """Seconds for Tesseract alone over the images, `processes` at once."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(image: Path) -> None:
        subprocess.run(["tesseract", str(image), "-", "-l", LANG], env=env, check=True, capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - started


def pipeline_reading(pdfs: list[Path]) -> float:
    """Seconds for the pipeline's reader over the PDFs, one after another (each spreads its
    pages over the cores)."""
    started = time.perf_counter()
    for path in pdfs:
        read_document(path)
    return time.perf_counter() - started


def pdfplumber_reading(pdfs: list[Path]) -> float:
    started = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    return time.perf_counter() - started


def page_count(pdfs: list[Path]) -> int:
    total = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def long_scan_among_texts(work: Path, scans: list[Path], texts: int) -> dict:
    """The scans joined into one long PDF, among `texts` text documents, run with two workers
    with and without pages as the unit of OCR work."""
    folder = work / "long-scan"
    folder.mkdir(exist_ok=True)
    joined = pdfium.PdfDocument.new()
    for scan in scans:
        source = pdfium.PdfDocument(scan)
        joined.import_pages(source)
        source.close()
    pages = len(joined)
    joined.save(folder / "000-long-scan.pdf")
    joined.close()
    sources = [p.read_bytes() for p in SEEDS]
    for i in range(texts):
        (folder / f"{i + 1:03d}.txt").write_bytes(sources[i % len(sources)] + f"\n\nBản sao {i}.\n".encode())
    figures = {"pages": pages, "text_documents": texts}
    for name, env in (("pages_in_turn", {"VANBAN_OCR_WORKERS": "1"}), ("pages_as_units", {})):
        started = time.perf_counter()
        subprocess.run([VANBAN, "run", str(folder), "--out", str(work / f"out-{name}"), "--engine", "loop",
                        "--workers", "2", "--force"], env={**os.environ, **env}, check=True, capture_output=True)
        figures[name] = time.perf_counter() - started
    figures["speedup"] = figures["pages_in_turn"] / figures["pages_as_units"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path("bench-pages.json"))
    parser.add_argument("--texts", type=int, default=40, help="text documents beside the long scan")
    args = parser.parse_args()
    require_dev()
    processes = core_count()
    figures: dict = {"machine": machine(), "processes": processes}
    print(f"machine: {figures['machine']}; {processes} processes at once")
    with tempfile.TemporaryDirectory(prefix="vanban-pages-") as tmp:
        work = Path(tmp)
        scans = scanned_pdfs(work)
        images = draw_pages(scans, work / "pages")
        tesseract = raw_tesseract(images, processes)
        ours = pipeline_reading(scans)
        figures["scanned"] = {"documents": len(scans), "pages": len(images),
                              "pipeline_seconds_per_page": ours / len(images),
                              "tesseract_seconds_per_page": tesseract / len(images), "ratio": ours / tesseract}
        print(f"scanned: {len(scans)} PDFs, {len(images)} pages at {DPI} dpi: pipeline "
              f"{ours / len(images):.2f} s/page, raw tesseract {tesseract / len(images):.2f} s/page "
              f"= {ours / tesseract:.2f}x (target <= 1.15x)")

        digital = digital_pdfs()
        pages = page_count(digital)
        pipeline_reading(digital[:1])  # the readers' imports, once
        ours, plumber = pipeline_reading(digital), pdfplumber_reading(digital)
        figures["digital"] = {"documents": len(digital), "pages": pages, "pipeline_seconds_per_page": ours / pages,
                              "pdfplumber_seconds_per_page": plumber / pages, "ratio": ours / plumber}
        print(f"digital: {len(digital)} PDFs, {pages} pages: pipeline {ours / pages:.3f} s/page, pdfplumber "
              f"extract_text + extract_tables {plumber / pages:.3f} s/page = {ours / plumber:.2f}x (target <= 1.5x)")

        long = long_scan_among_texts(work, scans, args.texts)
        figures["long_scan"] = long
        print(f"one {long['pages']}-page scan among {long['text_documents']} text documents, 2 workers: pages in "
              f"turn {long['pages_in_turn']:.1f} s, pages as units of work {long['pages_as_units']:.1f} s "
              f"= {long['speedup']:.2f}x")
    args.json.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
