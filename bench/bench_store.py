"""The store alone: how much memory the writer's process needs to store N documents, and
whether that grows with N. No extraction is timed: the seeds and the development corpus's
text documents are read once, then stored again and again as distinct documents (each text
given a distinct tail of its own words, so no two compress together) in batches of 25,
with a CHECKPOINT every `--checkpoint-every` batches, DuckDB's automatic one turned off so
that each checkpoint stores the same amount of new rows. Prints the process's resident
memory before each checkpoint and its peak during it, with the row groups the documents
table holds, and the same at the end.

    python bench/bench_store.py [--documents 3000] [--checkpoint-every 10] [--duckdb-alone]

`--duckdb-alone` stores the same number of rows in DuckDB with no pipeline: a table of one
18 kB string per row, then one of twenty short strings per row, to show the spike is
DuckDB's own and follows the bytes of the large values.

What it shows on a 2-core machine (`--documents 3000`): resident memory before each checkpoint
stays within 395-420 MB (the pipeline loaded, for the fixtures), and the peak during one grows
with the documents stored since the last reset, from 400 to 520 MB over the first 2,000
documents, then falls back (409 MB at 2,250) and grows again: bounded, not growing with the
corpus. The reset is DuckDB's row group (2,048 rows; `pragma_storage_info('documents')` shows the
second from the 2,049th document on): a checkpoint rewrites the large values of a table's last
row group whole. With the texts left empty the peaks stay within 376-447 MB.
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


def row_groups(con, table: str) -> int:
    return con.execute(f"SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('{table}')").fetchone()[0]


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


def duckdb_alone(rows: int, checkpoint_every: int, sampler: PeakSampler) -> None:
    """`rows` rows in batches of 25 into a fresh DuckDB file, a CHECKPOINT every
    `checkpoint_every` batches: long strings, then short ones."""
    import duckdb

    rnd = random.Random(1)
    words = ["".join(rnd.choice("abcdeghiklmnopqrstuvxy") for _ in range(rnd.randint(2, 9))) for _ in range(5000)]
    shapes = {"one 18 kB string": (["s VARCHAR"], lambda: [" ".join(rnd.choices(words, k=3000))]),
              "twenty short strings": ([f"c{i} VARCHAR" for i in range(20)],
                                       lambda: [" ".join(rnd.choices(words, k=5)) for _ in range(20)])}
    for shape, (columns, values) in shapes.items():
        print(f"DuckDB alone, {shape} per row")
        print(f"{'stored':>8} {'MB before':>10} {'MB peak in checkpoint':>22} {'row groups':>11}")
        with tempfile.TemporaryDirectory(prefix="vanban-bench-duckdb-") as folder:
            con = duckdb.connect(f"{folder}/alone.duckdb")
            con.execute("SET checkpoint_threshold = '1TB'")
            con.execute(f"CREATE TABLE t (id INTEGER, {', '.join(columns)})")
            marks = ", ".join("?" * (len(columns) + 1))
            for n, first in enumerate(range(0, rows, BATCH), start=1):
                con.execute("BEGIN")
                con.executemany(f"INSERT INTO t VALUES ({marks})",
                                [[i, *values()] for i in range(first, min(rows, first + BATCH))])
                con.execute("COMMIT")
                if n % checkpoint_every == 0:
                    before = resident_mb()
                    sampler.take()
                    con.execute("CHECKPOINT")
                    print(f"{first + BATCH:>8} {before:>10} {sampler.take():>22} {row_groups(con, 't'):>11}",
                          flush=True)
            con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--checkpoint-every", type=int, default=10, help="batches of 25")
    parser.add_argument("--duckdb-alone", action="store_true", help="DuckDB alone, no pipeline (see above)")
    args = parser.parse_args()
    if args.duckdb_alone:
        duckdb_alone(args.documents, args.checkpoint_every, PeakSampler())
        return 0
    base = [process_file(p) for p in sources()]
    words = " ".join(r.document.text or "" for r in base).split()
    rnd = random.Random(1)
    sampler = PeakSampler()
    with tempfile.TemporaryDirectory(prefix="vanban-bench-store-") as out, DatasetStore(out) as store:
        store.con.execute("SET checkpoint_threshold = '1TB'")
        print(f"{'stored':>8} {'MB before':>10} {'MB peak in checkpoint':>22} {'seconds':>8} {'row groups':>11}")
        started = time.monotonic()
        for n, first in enumerate(range(0, args.documents, BATCH), start=1):
            store.write_batch([distinct_copy(base[i % len(base)], i, words, rnd)
                               for i in range(first, min(args.documents, first + BATCH))])
            if n % args.checkpoint_every == 0:
                before = resident_mb()
                sampler.take()
                at = time.monotonic()
                store.con.execute("CHECKPOINT")
                print(f"{first + BATCH:>8} {before:>10} {sampler.take():>22} {time.monotonic() - at:>8.2f} "
                      f"{row_groups(store.con, 'documents'):>11}", flush=True)
        at = time.monotonic()
        store.publish()
        print(f"published: peak {sampler.take()} MB in {time.monotonic() - at:.1f} s; "
              f"{args.documents} documents stored in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
