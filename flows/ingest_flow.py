"""The ingest flow: batches of documents through the extraction functions.

Prefect orchestrates only: a task carries a whole batch (a task run costs
70-170 ms here, a document a few ms), batches are retried on transient
failure, at most `max_in_flight` batches are pending so memory stays flat,
one task thread per core hands its batch's documents to a watched process each
(`pipeline.watchdog`), and the run summary is published as a table artifact. Extraction itself is
`pipeline.batch.process_batch`, the same function the plain loop calls.
"""
from __future__ import annotations

import os
import time
from collections import deque
from pathlib import Path
from typing import Callable, Optional

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from models import DocumentResult
from pipeline import crashpoints
from pipeline.batch import process_batch
from pipeline.files import DEFAULT_LINK_POLICY
from pipeline.runner import DEFAULT_BATCH_SIZE, RunSummary, batches, finish, start
from pipeline.storage import DatasetStore


# Skipping already-ingested files is decided by content hash against the store,
# so Prefect's own input-hash cache and result persistence stay off.
@task(name="extract-batch", retries=2, retry_delay_seconds=2, task_run_name="extract-batch-{index}",
      cache_policy=NO_CACHE, persist_result=False)
def extract_batch(paths: list[str], index: int) -> list[DocumentResult]:
    """A batch in this task's thread: the thread hands each document to its own watched
    process and waits, so batches in different threads are read in parallel."""
    return process_batch(paths)


def worker_count() -> int:
    """Extraction is CPU-bound Python: one watched process (one task thread) per core."""
    return max(1, min(os.cpu_count() or 1, 4))


@flow(name="vanban-ingest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=worker_count()))
def ingest_flow(
    paths: list[str],
    out: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    retry_errors: bool = False,
    links: str = DEFAULT_LINK_POLICY,
    prune: bool = False,
    max_in_flight: Optional[int] = None,
    on_batch: Optional[Callable[[int], None]] = None,
    on_plan: Optional[Callable[[int], None]] = None,
) -> RunSummary:
    started = time.perf_counter()
    if worker_count() > 1:  # the documents' processes already use every core: OCR reads pages in turn
        os.environ.setdefault("VANBAN_OCR_WORKERS", "1")
    with DatasetStore(out) as store:
        todo, summary = start(paths, store, force, retry_errors, links, prune)
        if on_plan:
            on_plan(len(todo))
        max_in_flight = max_in_flight or 2 * worker_count()
        pending: deque = deque()
        for index, batch in enumerate(batches(todo, batch_size)):
            pending.append((len(batch), extract_batch.submit(batch, index)))
            if len(pending) >= max_in_flight:
                _store_oldest(pending, store, summary, on_batch)
        while pending:
            _store_oldest(pending, store, summary, on_batch)
        finish(store)
    summary.seconds = time.perf_counter() - started
    create_table_artifact(
        key="vanban-run-summary",
        table=summary.rows(),
        description=f"vanban ingest into {Path(out).resolve()}",
    )
    return summary


def _store_oldest(pending: deque, store: DatasetStore, summary: RunSummary, on_batch) -> None:
    size, future = pending.popleft()
    results = future.result()
    crashpoints.reach("extracted")
    store.write_batch(results)
    summary.add(results)
    if on_batch:
        on_batch(size)
