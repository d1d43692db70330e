"""OCR benchmark on scans of the seed documents.

For each seed: a digital PDF is rendered from its text, then a "scan" of it
(300 DPI, 1-2 degree tilt, blur, noise, JPEG). Prints, per document, pages,
OCR seconds per page, mean OCR confidence and the character error rate of the
scan's normalized text against the seed's; then the evaluate figures of the
scans next to those of the digital PDFs and the original texts.

    python bench/bench_ocr.py [--gold ../shared/gold]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from bench.fixtures import pdf_to_scan, text_to_pdf  # noqa: E402
from pipeline.evaluate import evaluate  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.readers import read_document  # noqa: E402
from pipeline.runner import run_loop  # noqa: E402

SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate, whitespace folded (layout is not a character error)."""
    h, r = " ".join(hypothesis.split()), " ".join(reference.split())
    return Levenshtein.distance(h, r) / max(1, len(r))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "tests" / "fixtures" / "gold"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        work = Path(tmp)
        digital, scans = work / "digital", work / "scans"
        digital.mkdir()
        scans.mkdir()
        print(f"{'document':<28}{'pages':>6}{'s/page':>8}{'conf':>7}{'CER':>8}")
        total_pages = total_seconds = 0.0
        cers = []
        for i, seed in enumerate(SEEDS):
            reference = normalize(read_document(seed)).text
            text_to_pdf(reference, digital / f"{seed.stem}.pdf")
            pdf_to_scan(digital / f"{seed.stem}.pdf", scans / f"{seed.stem}.pdf", seed=i)
            started = time.perf_counter()
            raw = read_document(scans / f"{seed.stem}.pdf")
            seconds = time.perf_counter() - started
            rate = cer(normalize(raw).text, reference)
            cers.append(rate)
            total_pages += raw.pages
            total_seconds += seconds
            print(f"{seed.stem:<28}{raw.pages:>6}{seconds / raw.pages:>8.2f}{raw.ocr_confidence:>7.3f}{rate:>8.2%}")
        print(f"{'all':<28}{int(total_pages):>6}{total_seconds / total_pages:>8.2f}{'':>7}"
              f"{sum(cers) / len(cers):>8.2%}  (mean CER; wall time, pages in parallel)")

        results = {}
        for name, folder in (("text", ROOT / "data" / "raw"), ("digital pdf", digital), ("scan", scans)):
            out = work / f"out-{name.replace(' ', '-')}"
            run_loop([folder], out)
            results[name] = evaluate(args.gold, out)
        print()
        print(f"{'F1':<22}" + "".join(f"{name:>14}" for name in results))
        for table in ("citations", "derived_edges", "roles", "assignments"):
            print(f"{table:<22}" + "".join(f"{r[table]['f1']:>14.3f}" for r in results.values()))
        fields = results["text"]["documents"]["fields"]
        for field in fields:
            print(f"{'doc.' + field:<22}" + "".join(
                f"{r['documents']['fields'][field] or 0:>14.3f}" for r in results.values()))


if __name__ == "__main__":
    main()
