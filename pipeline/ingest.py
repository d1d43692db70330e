"""One document through every stage: read, normalize, structure, extract.

`process_file` never raises for a bad document: the failure becomes a
`documents` row with status `error` and the reason in its warnings, so a batch
goes on past it.
"""
from __future__ import annotations

import hashlib
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
from pipeline.normalize import normalize
from pipeline.readers import READERS, ReadError, read_document
from pipeline.structure import parse_structure


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every non-hidden file under folders named, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def _error_row(path: Path, doc_id: str, source_format: str, message: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=str(path),
        source_format=source_format,
        status="error",
        warnings=[f"error: {message}"],
        pipeline_version=PIPELINE_VERSION,
    )


def fallback_doc_id(path: Path) -> str:
    """doc_id of a file whose bytes cannot be read: a hash of its path."""
    return hashlib.sha256(str(path).encode()).hexdigest()[:16]


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
    source_format = path.suffix.lower().lstrip(".") if path.suffix.lower() in READERS else "unknown"
    try:
        raw = read_document(path)
    except ReadError as exc:
        try:
            doc_id = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError:
            doc_id = fallback_doc_id(path)
        return DocumentResult(_error_row(path, doc_id, source_format, str(exc)))
    try:
        normalized = normalize(raw)
        structure = parse_structure(normalized)
        row = DocumentRow(
            doc_id=raw.doc_id,
            source_path=str(path),
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


def process_batch(paths: list[str | Path]) -> list[DocumentResult]:
    return [process_file(p) for p in paths]
