"""The ingest flow: batches of documents through the extraction functions.

Prefect orchestrates only: a task carries a whole batch (a task run costs
70-170 ms here, a document a few ms), batches are retried on transient
failure, at most two per worker are pending so memory stays flat
(`pipeline.runner.store_batches`, shared with the plain loop), one task thread per
core (or one Dask worker per core, `--engine dask`) hands its batch's documents to a
watched process each (`pipeline.watchdog`), and the run summary is published as a
table artifact. Extraction itself is `pipeline.batch.process_batch`, the same
function the plain loop calls.
"""
from __future__ import annotations

import logging
import os
import time
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from models import DocumentResult
from pipeline.batch import process_batch
from pipeline.files import DEFAULT_LINK_POLICY
from pipeline.runner import DEFAULT_BATCH_SIZE, RunSummary, finish, start, store_batches, worker_count
from pipeline.storage import DatasetStore


@dataclass(frozen=True)
class Progress:
    """What the caller of the flow is told as the run goes: how many files will be read, then
    each batch stored. Set with `PROGRESS`, not passed as a flow parameter: Dask would have to
    ship a parameter to its workers, and a progress bar does not travel."""
    on_plan: Callable[[int], None] = lambda n: None
    on_batch: Callable[[int], None] = lambda n: None


PROGRESS: ContextVar[Progress] = ContextVar("vanban_progress", default=Progress())


def extract(paths: list[str], index: int) -> list[DocumentResult]:
    """A batch in this task's thread: the thread hands each document to its own watched
    process and waits, so batches in different threads are read in parallel. A module-level
    function, so that a Dask worker imports it by name instead of receiving a pickled copy."""
    return process_batch(paths)


# Skipping already-ingested files is decided by content hash against the store,
# so Prefect's own input-hash cache and result persistence stay off.
extract_batch = task(extract, name="extract-batch", retries=2, retry_delay_seconds=2,
                     task_run_name="extract-batch-{index}", cache_policy=NO_CACHE, persist_result=False)


def task_runner(engine: str = "prefect", dask_address: Optional[str] = None, workers: Optional[int] = None):
    """Where the batches run: threads of this process, each handing documents to a watched
    process (`prefect`), or Dask workers (`dask`): a LocalCluster of one single-threaded worker
    process per core, or the cluster at `dask_address`. Either way the workers return rows and
    this process alone writes them."""
    if engine != "dask":
        return ThreadPoolTaskRunner(max_workers=worker_count(workers))
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # the workers' own start-up chatter
    import dask
    from prefect_dask import DaskTaskRunner

    logging.getLogger("distributed").setLevel(logging.WARNING)
    # a worker starts a watched process per document: Dask's default daemonic workers may not
    dask.config.set({"distributed.worker.daemon": False})
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                          cluster_kwargs={"n_workers": worker_count(workers), "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": ":0",
                                          "env": _prefect_api_for_workers()})


def _prefect_api_for_workers() -> dict[str, str]:
    """The environment that makes the local workers report to this process's Prefect server.
    Without an API address each worker starts an ephemeral server of its own: two more
    servers on one SQLite file, which took a third of the run's CPU on two cores. The server
    started here is the one the flow then uses (Prefect keeps one per process)."""
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():  # a server the user runs: the workers inherit its address
        return {}
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    return {"PREFECT_API_URL": server.api_url}


def ingest(
    paths: list[str],
    out: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    retry_errors: bool = False,
    links: str = DEFAULT_LINK_POLICY,
    prune: bool = False,
    workers: Optional[int] = None,
) -> RunSummary:
    """The run as a Prefect flow: batches as tasks on the flow's task runner (threads of this
    process, or Dask workers), stored here as they come back."""
    started = time.perf_counter()
    workers = worker_count(workers)
    with DatasetStore(out) as store:
        todo, summary = start(paths, store, force, retry_errors, links, prune)
        progress = PROGRESS.get()
        progress.on_plan(len(todo))
        store_batches(extract_batch.submit, todo, store, summary, batch_size, workers, progress.on_batch)
        finish(store)
    summary.seconds = time.perf_counter() - started
    create_table_artifact(
        key="vanban-run-summary",
        table=summary.rows(),
        description=f"vanban ingest into {Path(out).resolve()}",
    )
    return summary


# Like `extract`, the flow's function stays importable by name: a Dask worker that receives the
# flow's context looks it up instead of receiving a pickled copy of its module's state.
ingest_flow = flow(ingest, name="vanban-ingest", log_prints=False,
                   task_runner=ThreadPoolTaskRunner(max_workers=worker_count()))
