"""Batches of documents, each document in a watched process (see `pipeline.watchdog`).

Light to import: a process that hands out batches (a Prefect worker, the plain loop)
never loads the extraction pipeline itself; the watched processes do."""
from __future__ import annotations

import multiprocessing
import multiprocessing.util
import threading
from pathlib import Path
from typing import Optional

from models import DocumentResult
from pipeline import limits
from pipeline.watchdog import Watchdog

_LOCAL = threading.local()
_STARTED: list[Watchdog] = []  # every thread's, so that the run can stop them all
_STARTED_LOCK = threading.Lock()


def process_batch(paths: list[str | Path]) -> list[DocumentResult]:
    """Each document in a watched child process (see `pipeline.watchdog`); each thread keeps
    its own, from batch to batch, so threads read their batches in parallel."""
    watchdog: Optional[Watchdog] = getattr(_LOCAL, "watchdog", None)
    if watchdog is None:
        if multiprocessing.current_process().daemon:
            raise RuntimeError("this worker process is daemonic and may not start the watched process each "
                               "document is read in: start Dask workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")
        watchdog = _LOCAL.watchdog = Watchdog(limits.current())
        with _STARTED_LOCK:
            _STARTED.append(watchdog)
        # stopped before multiprocessing joins this process's children at exit (a process started
        # by multiprocessing runs no atexit handlers, and would wait for the child forever)
        multiprocessing.util.Finalize(watchdog, watchdog.stop, exitpriority=10)
    return [watchdog.process(p) for p in paths]


def stop_watched_processes() -> None:
    """Stop this process's watched children once the last batch is in: the corpus-level
    steps after it need none of them, and should not share the machine's memory with
    them. A later batch starts its thread's child again."""
    with _STARTED_LOCK:
        for watchdog in _STARTED:
            watchdog.stop()
