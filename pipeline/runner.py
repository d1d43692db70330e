"""What a run does besides extraction, shared by the Prefect flow and the plain loop:
which files to process, in which batches, and the summary of the outcome."""
from __future__ import annotations

import math
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from models import DocumentResult
from pipeline import PIPELINE_VERSION, crashpoints
from pipeline.batch import process_batch, stop_watched_processes
from pipeline.cores import core_count
from pipeline.files import (DEFAULT_LINK_POLICY, content_id, display_path, error_row, fallback_doc_id,
                            iter_source_files)
from pipeline.resolve import resolve_corpus
from pipeline.storage import DatasetStore

DEFAULT_BATCH_SIZE = 25


@dataclass
class RunSummary:
    files: int = 0
    processed: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    warnings: int = 0
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def add(self, results: list[DocumentResult]) -> None:
        for r in results:
            self.processed += 1
            if r.document.status == "error":
                self.errors.append((r.document.source_path, "; ".join(r.document.warnings)))
            elif r.document.warnings:
                self.warnings += 1

    def rows(self) -> list[dict]:
        base = [
            {"measure": "files found", "value": str(self.files)},
            {"measure": "processed", "value": str(self.processed)},
            {"measure": "skipped (already ingested)", "value": str(self.skipped)},
            {"measure": "errors", "value": str(len(self.errors))},
            {"measure": "documents with warnings", "value": str(self.warnings)},
            {"measure": "seconds", "value": f"{self.seconds:.1f}"},
            {"measure": "documents per second", "value": f"{self.docs_per_second:.1f}"},
        ]
        return base + [{"measure": f"error: {p}", "value": m} for p, m in self.errors]


@dataclass
class Plan:
    """What a run will do with each file it found."""
    todo: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # path -> doc_id, already ingested
    refused: list[DocumentResult] = field(default_factory=list)  # error rows of entries never opened

    def paths(self) -> set[str]:
        return {display_path(p) for p in self.todo + list(self.skipped)} | \
            {r.document.source_path for r in self.refused}


def plan(paths: Iterable[str | Path], store: DatasetStore, force: bool = False,
         retry_errors: bool = False, links: str = DEFAULT_LINK_POLICY) -> Plan:
    """A file is skipped when its content hash was already ingested by this pipeline version
    (with an error too, unless `retry_errors`); a link the policy refuses, or a pipe, is never opened."""
    known = set() if force else store.processed_ids(PIPELINE_VERSION, with_errors=not retry_errors)
    found = Plan()
    for source in iter_source_files(paths, links):
        path = source.path
        if source.refusal:
            doc_id = fallback_doc_id(path)  # its target is never opened
            if doc_id not in known:
                found.refused.append(DocumentResult(error_row(path, doc_id, "unknown", source.refusal)))
                continue
        else:
            try:
                doc_id = content_id(path)
            except OSError:
                doc_id = fallback_doc_id(path)
        if doc_id in known:  # ingested, or refused, on an earlier run: its rows stand
            found.skipped[str(path)] = doc_id
        else:
            found.todo.append(str(path))
    return found


def start(paths: Iterable[str | Path], store: DatasetStore, force: bool, retry_errors: bool = False,
          links: str = DEFAULT_LINK_POLICY, prune: bool = False) -> tuple[list[str], RunSummary]:
    """The files to process, and a summary that already counts the ones skipped and refused.
    The files table learns what was found: paths seen again, and paths gone from the folders
    given (with `prune`, the documents no path holds any more are dropped)."""
    paths = list(paths)
    found = plan(paths, store, force, retry_errors, links)
    store.seen(found.skipped)
    store.write_batch(found.refused, skipped=True)
    folders = [str(p) for p in paths if Path(p).is_dir()]
    if folders:
        store.mark_removed(folders, found.paths(), prune)
    summary = RunSummary(files=len(found.todo) + len(found.skipped) + len(found.refused),
                         skipped=len(found.skipped))
    summary.add(found.refused)
    return found.todo, summary


def batches(items: list[str], size: int) -> list[list[str]]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def finish(store: DatasetStore) -> None:
    """Corpus-level steps after all batches are stored, then the publication of the version;
    neither when nothing changed since the last publication (a rerun over an unchanged corpus)."""
    stop_watched_processes()
    if store.needs_publishing():
        resolve_corpus(store)
        store.publish()


def worker_count(requested: Optional[int] = None) -> int:
    """Extraction is CPU-bound Python: one watched process at a time per core, unless asked.
    A scan's pages share the cores with them (see `pipeline.cores`)."""
    return requested or max(1, min(core_count(), 4))


def store_batches(submit: Callable[[list[str], int], "Future"], todo: list[str], store: DatasetStore,
                  summary: RunSummary, batch_size: int, workers: int,
                  on_batch: Optional[Callable[[int], None]] = None) -> None:
    """Batches submitted in order (`submit(batch, index)` returns a future), at most two per
    worker pending so memory stays flat, each stored as it comes back, in order, by this
    process alone: the store has one writer whatever runs the batches. A small run is cut finer
    than `batch_size`, so that every worker has two batches to take and none waits on the last."""
    batch_size = max(1, min(batch_size, math.ceil(len(todo) / (2 * workers))))
    pending: deque = deque()

    def store_oldest() -> None:
        size, future = pending.popleft()
        results = future.result()
        crashpoints.reach("extracted")
        store.write_batch(results)
        summary.add(results)
        if on_batch:
            on_batch(size)

    for index, batch in enumerate(batches(todo, batch_size)):
        pending.append((len(batch), submit(batch, index)))
        if len(pending) >= 2 * workers:
            store_oldest()
    while pending:
        store_oldest()


def run_loop(
    paths: Iterable[str | Path],
    out: str | Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    retry_errors: bool = False,
    links: str = DEFAULT_LINK_POLICY,
    prune: bool = False,
    on_batch: Optional[Callable[[int], None]] = None,
    workers: Optional[int] = None,
) -> RunSummary:
    """The whole run without Prefect, the baseline the flow is measured against: a pool of
    threads, one per core, each handing its batch's documents to a watched process."""
    started = time.perf_counter()
    workers = worker_count(workers)
    with DatasetStore(out) as store, ThreadPoolExecutor(workers, thread_name_prefix="vanban-batch") as pool:
        todo, summary = start(paths, store, force, retry_errors, links, prune)
        store_batches(lambda batch, _: pool.submit(process_batch, batch), todo, store, summary, batch_size,
                      workers, on_batch)
        finish(store)
    summary.seconds = time.perf_counter() - started
    return summary
