"""The store alone: how much memory the writer's process needs to store N documents, and
whether that grows with N. No extraction is timed: the seeds and the development corpus's
text documents are read once, then stored again and again as distinct documents (each text
given a distinct tail of its own words, so no two compress together) in batches of 25,
with a CHECKPOINT every `--checkpoint-every` batches, DuckDB's automatic one turned off so
that each checkpoint stores the same amount of new rows. Prints the process's resident
memory before each checkpoint and its peak during it, and the same at the end.

    python bench/bench_store.py [--documents 3000] [--checkpoint-every 10]

What it shows on a 2-core machine (`--documents 6000`): resident memory before each checkpoint
stays within 394-437 MB (the pipeline loaded, for the fixtures), and the peak during one grows
with the documents stored since the last reset, from 394 to 515 MB over the first 2,000
documents, then falls back and grows again every ~2,000 (peaks 515, 593, 561 MB): bounded, not
growing with the corpus. What resets it is not DuckDB's row group (the documents table is one
row group past 2,500 documents; `ROW_GROUP_SIZE 2048` changes nothing). (Keeping the texts in pieces until publication was tried: memory rose
with the corpus instead, and publication took 14 s instead of 2.)
"""
from __future__ import annotations

import argparse
import copy
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_ingest import sources  # noqa: E402
from pipeline.ingest import process_file  # noqa: E402
from pipeline.storage import DatasetStore  # noqa: E402

BATCH = 25


def resident_mb() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))


class PeakSampler:
    """The process's resident memory, sampled five times a second; `take()` returns the
    peak since the last call."""

    def __init__(self) -> None:
        self.peak = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, resident_mb())
            time.sleep(0.2)

    def take(self) -> int:
        time.sleep(0.3)
        peak, self.peak = self.peak, 0
        return peak


def distinct_copy(result, index: int, words: list[str], rnd: random.Random):
    """`result` as document number `index`: its own doc_id, path and text."""
    r = copy.deepcopy(result)
    r.document.doc_id = f"{index:016x}"
    r.document.source_path = f"/bench/{index:06d}.txt"
    r.document.text = (r.document.text or "") + "\n" + " ".join(rnd.choice(words) for _ in range(1500))
    for rows in (r.citations, r.edges, r.roles, r.assignments, r.ocr_words):
        for row in rows:
            row.doc_id = r.document.doc_id
    return r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--checkpoint-every", type=int, default=10, help="batches of 25")
    args = parser.parse_args()
    base = [process_file(p) for p in sources()]
    words = " ".join(r.document.text or "" for r in base).split()
    rnd = random.Random(1)
    sampler = PeakSampler()
    with tempfile.TemporaryDirectory(prefix="vanban-bench-store-") as out, DatasetStore(out) as store:
        store.con.execute("SET checkpoint_threshold = '1TB'")
        print(f"{'stored':>8} {'MB before':>10} {'MB peak in checkpoint':>22} {'seconds':>8}")
        started = time.monotonic()
        for n, first in enumerate(range(0, args.documents, BATCH), start=1):
            store.write_batch([distinct_copy(base[i % len(base)], i, words, rnd)
                               for i in range(first, min(args.documents, first + BATCH))])
            if n % args.checkpoint_every == 0:
                before = resident_mb()
                sampler.take()
                at = time.monotonic()
                store.con.execute("CHECKPOINT")
                print(f"{first + BATCH:>8} {before:>10} {sampler.take():>22} {time.monotonic() - at:>8.2f}", flush=True)
        at = time.monotonic()
        store.publish()
        print(f"published: peak {sampler.take()} MB in {time.monotonic() - at:.1f} s; "
              f"{args.documents} documents stored in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
