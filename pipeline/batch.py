"""Batches of documents, each document in a watched process (see `pipeline.watchdog`).

Light to import: a process that hands out batches (a Prefect worker, the plain loop)
never loads the extraction pipeline itself; the watched processes do."""
from __future__ import annotations

import multiprocessing.util
from pathlib import Path
from typing import Optional

from models import DocumentResult
from pipeline import limits
from pipeline.watchdog import Watchdog

_WATCHDOG: Optional[Watchdog] = None


def process_batch(paths: list[str | Path]) -> list[DocumentResult]:
    """Each document in a watched child process (see `pipeline.watchdog`), which this
    process keeps from batch to batch."""
    global _WATCHDOG
    if _WATCHDOG is None:
        _WATCHDOG = Watchdog(limits.current())
        # stopped before multiprocessing joins this process's children at exit (a worker process
        # runs no atexit handlers, and would wait for the child forever)
        multiprocessing.util.Finalize(_WATCHDOG, _WATCHDOG.stop, exitpriority=10)
    return [_WATCHDOG.process(p) for p in paths]
