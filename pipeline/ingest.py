"""One document through every stage: read, normalize, structure, extract.

`process_file` never raises for a bad document: the failure becomes a
`documents` row with status `error` and the reason in its warnings, so a batch
goes on past it.
"""
from __future__ import annotations

import hashlib
import multiprocessing.util
import os
import re
import traceback
from pathlib import Path
from typing import Iterable, Iterator, Optional

from extractors.citations import extract_citations
from extractors.document_fields import document_row
from extractors.assignments import extract_assignments
from extractors.keys import document_key
from extractors.roles import extract_roles, standing_bodies
from models import DocumentResult, DocumentRow, OcrWordRow
from pipeline import PIPELINE_VERSION
from pipeline.lexicon import reads_as_vietnamese
from pipeline.normalize import normalize
from pipeline import limits
from pipeline.limits import LimitExceeded
from pipeline.readers import READERS, ReadError, file_doc_id, read_document
from pipeline.watchdog import Watchdog
from pipeline.structure import parse_structure


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every non-hidden file under folders named, in a stable order. Symlinked
    folders are not followed (no loop can trap the walk); an entry that cannot be listed or
    opened (a path past the system's limit, a link to nowhere, a name that is not UTF-8) is
    still yielded, so that it gets its own error row instead of stopping the run."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        unlisted: list[Path] = []
        found: list[Path] = []
        for folder, dirs, files in os.walk(path, onerror=lambda exc: unlisted.append(Path(exc.filename))):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / name for name in files if not name.startswith("."))
        yield from sorted(found + unlisted, key=lambda p: os.fsencode(p))


def display_path(path: Path | str) -> str:
    """A path as the dataset stores it: a file name that is not valid UTF-8 keeps its bytes
    visible as escapes instead of failing the write."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _error_row(path: Path, doc_id: str, source_format: str, message: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=display_path(path),
        source_format=source_format,
        status="error",
        warnings=[f"error: {message}"],
        pipeline_version=PIPELINE_VERSION,
    )


def error_result(path: Path, message: str) -> DocumentResult:
    """The one row a document that could not be read or extracted leaves: why, in words."""
    try:
        doc_id = file_doc_id(path)
    except OSError:
        doc_id = fallback_doc_id(path)
    source_format = path.suffix.lower().lstrip(".") if path.suffix.lower() in READERS else "unknown"
    return DocumentResult(_error_row(path, doc_id, source_format, message))


def fallback_doc_id(path: Path) -> str:
    """doc_id of a file whose bytes cannot be read: a hash of its path."""
    return hashlib.sha256(os.fsencode(path)).hexdigest()[:16]


def document_year(document: DocumentRow, structure) -> Optional[int]:
    """The year a bare day and month belong to: the issue date's, or the year a
    draft's date line already states (`ngày   tháng   năm 2026`)."""
    if document.issued_date:
        return int(document.issued_date[:4])
    line = structure.header.place_date_line
    m = re.search(r"năm\s+((?:19|20)\d{2})", line.text) if line else None
    return int(m.group(1)) if m else None


def process_file(path: str | Path) -> DocumentResult:
    path = Path(path)
    try:
        raw = read_document(path)
    except (ReadError, LimitExceeded) as exc:
        return error_result(path, str(exc))
    except Exception as exc:  # a reader's library failing on a malformed file
        return error_result(path, f"cannot read this file: {type(exc).__name__}: {exc}")
    try:
        normalized = normalize(raw)
        words = len(normalized.text.split())
        if words < MIN_WORDS:
            return error_result(path, f"almost no text: {words} words, no document")
        if not reads_as_vietnamese(normalized.text):
            return error_result(path, "no Vietnamese text: the file reads as another language or as noise")
        structure = parse_structure(normalized)
        row = DocumentRow(
            doc_id=raw.doc_id,
            source_path=display_path(path),
            source_format=raw.source_format,
            pages=raw.pages,
            ocr_confidence=raw.ocr_confidence,
            text=normalized.text,
            warnings=list(normalized.warnings),
            pipeline_version=PIPELINE_VERSION,
        )
        document = document_row(row, structure, raw.stamp_signer)
        document.doc_key = document_key(document.symbol, document.issued_date, document.issuer)
        citations, edges = extract_citations(structure, document, normalized)
        roles = extract_roles(structure, document.doc_id, normalized)
        assignments = extract_assignments(structure, document.doc_id, document_year(document, structure),
                                          normalized, standing_bodies(roles))
        if raw.page_confidence:
            document.ocr_page_confidence = [raw.page_confidence.get(n, -1.0) for n in range(1, (raw.pages or 0) + 1)]
        words = [OcrWordRow(document.doc_id, page, w.text, w.conf, w.x0, w.top, w.x1, w.bottom)
                 for page, w in raw.ocr_words]
        return DocumentResult(document, citations=citations, edges=edges, roles=roles, assignments=assignments,
                              ocr_words=words)
    except Exception as exc:  # an extractor bug must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        return DocumentResult(_error_row(path, raw.doc_id, raw.source_format, message))


MIN_WORDS = 10  # the shortest Thông báo has more: fewer is a fragment, a placeholder or noise
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
