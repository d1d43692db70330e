"""Bulk-loading benchmark: the three engines side by side, as a user runs them.

For each size, a corpus of distinct documents (copies of the seeds and of the development
corpus's text documents, each with bytes of its own) is ingested by `vanban run` with
`--engine loop`, `prefect` and `dask` (same number of workers), each in its own process tree
whose memory is sampled (proportional set size, shared pages once). It prints, and writes to
a JSON file:
- documents per second and peak memory per engine and size; the cold start of the two Prefect
  engines (a run over an empty folder) and their time ratio to the loop after it;
- Dask with one worker against two, and what N machines would give, extrapolated from the
  per-document time of one worker (stated as such: no cluster was measured);
- the rerun of the unchanged largest corpus against its first run;
- peak memory at the smallest size against the largest.

    python bench/bench_ingest.py --sizes 1000 10000 [--engines loop prefect dask] [--json bench-ingest.json]

(`--engines loop` alone gives the loop's figures, the rerun and the memory growth in about a
fifth of the time: every engine at both sizes takes about an hour on two cores.)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.memory import run_watched  # noqa: E402

VANBAN = str(Path(sys.executable).with_name("vanban"))
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
DEV = ROOT.parent / "shared" / "corpus" / "dev"
ENGINES = ("loop", "prefect", "dask")
TEXT_FORMATS = (".txt", ".md")


def require_dev() -> None:
    """The corpus the figures describe: without `../shared` beside the checkout (a worktree elsewhere)
    a benchmark would run on the seeds alone and say otherwise."""
    if not DEV.is_dir():
        raise SystemExit(f"{DEV} not found: the benchmarks read ../shared/corpus/dev beside the checkout")


def sources() -> list[Path]:
    """The seeds and the development corpus's text documents (copies of them are cheap to vary)."""
    require_dev()
    return SEEDS + sorted(p for p in DEV.glob("*") if p.suffix in TEXT_FORMATS)


def make_corpus(folder: Path, n: int) -> None:
    """n documents cycling through the sources, each with distinct bytes (its own doc_id)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [(p.suffix, p.read_bytes()) for p in sources()]
    for i in range(n):
        suffix, data = texts[i % len(texts)]
        (folder / f"{i:06d}{suffix}").write_bytes(data + f"\n\nBản sao {i}.\n".encode())


def run(corpus: Path, out: Path, engine: str, workers: int, force: bool = True) -> dict:
    command = [VANBAN, "run", str(corpus), "--out", str(out), "--engine", engine, "--workers", str(workers)]
    started = time.monotonic()
    parts: dict = {}
    result, peak = run_watched(command + (["--force"] if force else []), parts=parts)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{result.stderr.decode(errors='replace')[-3000:]}")
    # each part's own peak, to trace growth: the writer's process, and what it started
    return {"seconds": seconds, "peak_mb": peak / 2 ** 20, "peak_main_mb": parts["main"] / 2 ** 20,
            "peak_others_mb": parts["others"] / 2 ** 20}


def machine() -> dict:
    with open("/proc/meminfo") as f:
        total = int(next(line.split()[1] for line in f if line.startswith("MemTotal"))) * 1024
    return {"cores": os.cpu_count(), "memory_gb": round(total / 2 ** 30, 1), "python": platform.python_version(),
            "system": platform.platform()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--json", type=Path, default=Path("bench-ingest.json"))
    parser.add_argument("--work", type=Path, help="a folder to keep the corpora and datasets in")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    engines = ["loop"] + [e for e in args.engines if e != "loop"]  # the loop is the baseline
    figures: dict = {"machine": machine(), "workers": args.workers, "sizes": {}}
    print(f"machine: {figures['machine']}; {args.workers} workers per engine")
    empty = work / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    cold = {e: run(empty, work / f"cold-{e}", e, args.workers)["seconds"] for e in engines}
    figures["cold_start_seconds"] = cold
    print("cold start over an empty folder (s): " + ", ".join(f"{e} {s:.1f}" for e, s in cold.items()))
    print(f"{'N':>7} {'engine':>8} {'docs/s':>8} {'seconds':>9} {'peak MB':>8} {'ratio to loop*':>15}")
    for n in args.sizes:
        corpus = work / f"corpus-{n}"
        if not corpus.exists():
            make_corpus(corpus, n)
        row = {}
        for engine in engines:
            r = run(corpus, work / f"out-{n}-{engine}", engine, args.workers)
            r["docs_per_second"] = n / r["seconds"]
            row[engine] = r
        for engine in engines:
            r = row[engine]
            warm = (r["seconds"] - cold[engine] + cold["loop"]) / row["loop"]["seconds"]
            r["ratio_to_loop_after_cold_start"] = warm
            print(f"{n:>7} {engine:>8} {r['docs_per_second']:>8.2f} {r['seconds']:>9.1f} {r['peak_mb']:>8.0f} "
                  f"{warm:>15.3f}")
        figures["sizes"][n] = row
    print("* time after each engine's cold start over the loop's (target for prefect: <= 1.10)")

    largest, smallest = max(args.sizes), min(args.sizes)
    corpus = work / f"corpus-{largest}"
    rerun = run(corpus, work / f"out-{largest}-loop", "loop", args.workers, force=False)
    first = figures["sizes"][largest]["loop"]["seconds"]
    figures["rerun"] = {"seconds": rerun["seconds"], "first_seconds": first, "ratio": rerun["seconds"] / first}
    print(f"rerun of the unchanged {largest:,} documents: {rerun['seconds']:.1f} s against {first:.1f} s "
          f"= {100 * rerun['seconds'] / first:.1f}% (target <= 5%)")

    if "dask" in engines:
        dask_scaling(figures, corpus, work, largest, cold["dask"], args.workers)
    if smallest != largest:
        low, high = figures["sizes"][smallest]["loop"]["peak_mb"], figures["sizes"][largest]["loop"]["peak_mb"]
        figures["memory_growth"] = high / low
        print(f"peak memory, loop: {low:.0f} MB at {smallest:,} against {high:.0f} MB at {largest:,} "
              f"= {100 * (high / low - 1):+.1f}% (target within 10%)")
        for part, label in (("peak_main_mb", "the writer's process"), ("peak_others_mb", "what it started")):
            low, high = figures["sizes"][smallest]["loop"][part], figures["sizes"][largest]["loop"][part]
            print(f"  {label}, at its own peak: {low:.0f} MB against {high:.0f} MB = {100 * (high / low - 1):+.1f}%")
    args.json.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {args.json}")
    return 0


def dask_scaling(figures: dict, corpus: Path, work: Path, largest: int, cold: float, workers: int) -> None:
    """Dask with one worker against two on the largest corpus, and N machines extrapolated."""
    one = run(corpus, work / "out-dask-1", "dask", 1)
    two = figures["sizes"][largest]["dask"] if workers == 2 else run(corpus, work / "out-dask-2", "dask", 2)
    speedup = one["seconds"] / two["seconds"]
    per_document = (one["seconds"] - cold) / largest
    figures["dask_scaling"] = {"one_worker_seconds": one["seconds"], "two_workers_seconds": two["seconds"],
                               "speedup": speedup, "seconds_per_document_one_worker": per_document}
    print(f"dask, 1 worker against 2 on {largest:,} documents: {one['seconds']:.1f} s / {two['seconds']:.1f} s "
          f"= {speedup:.2f}x (target >= 1.7x)")
    for machines in (4, 16):
        cores = machines * (os.cpu_count() or 1)
        estimate = cold + per_document * largest / cores
        print(f"  extrapolated, not measured: {machines} machines of {os.cpu_count()} cores would take about "
              f"{estimate:.0f} s for these {largest:,} documents (the writer and Prefect's server unscaled)")


if __name__ == "__main__":
    sys.exit(main())
