"""Peak memory of a whole `vanban run`: the main process, Prefect's server, the
extraction workers, each document's watched process, Tesseract and LibreOffice,
summed as proportional set size (shared pages once), sampled twice a second.

    python bench/bench_memory.py ../shared/corpus/wild [--out DIR] [--engine loop]

Prints files, seconds, errors and the peak, against the 2 GB the run must stay under.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.memory import run_watched  # noqa: E402

TARGET_BYTES = 2 * 2 ** 30


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", help="dataset folder (default: a temporary one)")
    parser.add_argument("--engine", choices=["prefect", "dask", "loop"], default="prefect")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="vanban-bench-memory-"))
    command = [str(Path(sys.executable).with_name("vanban")), "run", *args.paths, "--out", str(out), "--force",
               "--engine", args.engine]
    started = time.monotonic()
    result, peak = run_watched(command)
    seconds = time.monotonic() - started
    import pandas as pd

    documents = pd.read_parquet(out / "documents.parquet")
    print(f"files {len(documents)}, errors {(documents.status == 'error').sum()}, exit code {result.returncode}")
    print(f"seconds {seconds:.0f}, documents per second {len(documents) / seconds:.2f}")
    print(f"peak memory of the run {peak / 2 ** 20:.0f} MB (target under {TARGET_BYTES / 2 ** 20:.0f} MB): "
          f"{'ok' if peak < TARGET_BYTES else 'OVER'}")
    return 0 if result.returncode == 0 and peak < TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
