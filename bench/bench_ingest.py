"""Ingest benchmark: the plain loop against the Prefect flow.

Makes N distinct copies of the seed corpus, ingests them once through the
extraction functions in a plain loop and once through the Prefect flow (each
in its own process, so peak memory is its own), and prints documents per
second, peak resident memory (the run's process, and the largest extraction
worker process), and the flow/loop time ratio after the flow's
cold start. Run it for two sizes to see whether memory stays flat.

    python bench/bench_ingest.py --sizes 250 1000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))


def make_corpus(folder: Path, n: int) -> None:
    """n documents cycling through the seeds, each with distinct bytes (its own doc_id)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_bytes() for p in SEEDS]
    for i in range(n):
        seed = i % len(texts)
        (folder / f"{i:05d}_{SEEDS[seed].name}").write_bytes(texts[seed] + f"\n\nBản sao {i}.\n".encode())


def child(engine: str, corpus: Path, out: Path, batch_size: int) -> dict:
    if engine == "loop":
        from pipeline.runner import run_loop

        started = time.perf_counter()
        summary = run_loop([corpus], out, batch_size=batch_size)
        seconds = time.perf_counter() - started
        cold = 0.0
    else:
        os.environ["PREFECT_HOME"] = str(out.parent / ".prefect-bench")
        os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
        os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
        from flows.ingest_flow import ingest_flow

        empty = out.parent / "empty"
        empty.mkdir(exist_ok=True)
        started = time.perf_counter()
        ingest_flow(paths=[str(empty)], out=str(out.parent / "warmup"))
        cold = time.perf_counter() - started
        started = time.perf_counter()
        summary = ingest_flow(paths=[str(corpus)], out=str(out), batch_size=batch_size)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"engine": engine, "documents": summary.processed, "errors": len(summary.errors),
            "seconds": seconds, "cold_start": cold, "peak_mb": peak_mb, "worker_mb": worker_mb}


def measure(engine: str, corpus: Path, work: Path, batch_size: int) -> dict:
    out = work / f"out-{engine}"
    proc = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--corpus", str(corpus), "--out", str(out),
         "--batch-size", str(batch_size)],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--child", choices=["loop", "flow"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.child, args.corpus, args.out, args.batch_size)))
        return

    print(f"{'N':>6} {'engine':>6} {'docs/s':>8} {'seconds':>8} {'cold start s':>13} {'peak MB':>8} "
          f"{'worker MB':>10} {'errors':>6}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
            work = Path(tmp)
            corpus = work / "corpus"
            make_corpus(corpus, n)
            results = {engine: measure(engine, corpus, work, args.batch_size) for engine in ("loop", "flow")}
        for engine, r in results.items():
            rate = r["documents"] / r["seconds"] if r["seconds"] else 0
            print(f"{n:>6} {engine:>6} {rate:>8.1f} {r['seconds']:>8.2f} {r['cold_start']:>13.2f} "
                  f"{r['peak_mb']:>8.0f} {r['worker_mb']:>10.0f} {r['errors']:>6}")
        ratio = results["flow"]["seconds"] / results["loop"]["seconds"]
        print(f"{n:>6} flow/loop time ratio after cold start: {ratio:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
