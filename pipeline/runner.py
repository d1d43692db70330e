"""What a run does besides extraction, shared by the Prefect flow and the plain loop:
which files to process, in which batches, and the summary of the outcome."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from models import DocumentResult
from pipeline import PIPELINE_VERSION, crashpoints
from pipeline.batch import process_batch
from pipeline.files import content_id, display_path, fallback_doc_id, iter_source_files
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


def plan(paths: Iterable[str | Path], store: DatasetStore, force: bool = False,
         retry_errors: bool = False) -> tuple[list[str], dict[str, str]]:
    """(to process, to skip as path -> doc_id): a file is skipped when its content hash was
    already ingested by this pipeline version (with an error too, unless `retry_errors`)."""
    known = set() if force else store.processed_ids(PIPELINE_VERSION, with_errors=not retry_errors)
    todo, skipped = [], {}
    for path in iter_source_files(paths):
        try:
            doc_id = content_id(path)
        except OSError:
            doc_id = fallback_doc_id(path)
        if doc_id in known:
            skipped[str(path)] = doc_id
        else:
            todo.append(str(path))
    return todo, skipped


def start(paths: Iterable[str | Path], store: DatasetStore, force: bool,
          retry_errors: bool = False) -> tuple[list[str], RunSummary]:
    """The files to process, and a summary that already counts the ones skipped. The files
    table learns what was found: paths seen again, and paths gone from the folders given."""
    paths = list(paths)
    todo, skipped = plan(paths, store, force, retry_errors)
    store.seen(skipped)
    folders = [str(p) for p in paths if Path(p).is_dir()]
    if folders:
        store.mark_removed(folders, {display_path(p) for p in todo + list(skipped)})
    summary = RunSummary(files=len(todo) + len(skipped), skipped=len(skipped))
    return todo, summary


def batches(items: list[str], size: int) -> list[list[str]]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def finish(store: DatasetStore) -> None:
    """Corpus-level steps after all batches are stored, then the publication of the version."""
    resolve_corpus(store)
    store.publish()


def run_loop(
    paths: Iterable[str | Path],
    out: str | Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    retry_errors: bool = False,
    on_batch: Optional[Callable[[int], None]] = None,
) -> RunSummary:
    """The whole run without Prefect: the baseline the flow is measured against."""
    started = time.perf_counter()
    with DatasetStore(out) as store:
        todo, summary = start(paths, store, force, retry_errors)
        for batch in batches(todo, batch_size):
            results = process_batch(batch)
            crashpoints.reach("extracted")
            store.write_batch(results)
            summary.add(results)
            if on_batch:
                on_batch(len(batch))
        finish(store)
    summary.seconds = time.perf_counter() - started
    return summary
