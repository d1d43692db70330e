"""One document through every stage: read, normalize, structure, extract.

`process_file` never raises for a bad document: the failure becomes a
`documents` row with status `error` and the reason in its warnings, so a batch
goes on past it. It runs in a watched process (`pipeline.batch`).
"""
from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Optional

from extractors.citations import extract_citations
from extractors.document_fields import document_row
from extractors.assignments import extract_assignments
from extractors.keys import document_key
from extractors.roles import extract_roles, standing_bodies
from models import DocumentResult, DocumentRow, OcrWordRow
from pipeline import PIPELINE_VERSION
from pipeline.lexicon import reads_as_vietnamese
from pipeline.normalize import normalize
from pipeline.limits import LimitExceeded
from pipeline.files import display_path, error_result, error_row
from pipeline.readers import ReadError, read_document
from pipeline.structure import parse_structure


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
        document = document_row(row, structure, raw.stamp_signer, raw.stamps)
        document.doc_key = document_key(document.symbol, document.issued_date, document.issuer)
        citations, edges = extract_citations(structure, document, normalized)
        roles = extract_roles(structure, document.doc_id, normalized)
        assignments = extract_assignments(structure, document.doc_id, document_year(document, structure),
                                          normalized, standing_bodies(roles))
        if raw.page_confidence:
            document.ocr_page_confidence = [raw.page_confidence.get(n, -1.0) for n in range(1, (raw.pages or 0) + 1)]
        words = [OcrWordRow(document.doc_id, page, w.text, w.conf, w.x0, w.top, w.x1, w.bottom, turned)
                 for page, turned, w in raw.ocr_words]
        return DocumentResult(document, citations=citations, edges=edges, roles=roles, assignments=assignments,
                              ocr_words=words)
    except Exception as exc:  # an extractor bug must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        return DocumentResult(error_row(path, raw.doc_id, raw.source_format, message))


MIN_WORDS = 10  # the shortest Thông báo has more: fewer is a fragment, a placeholder or noise
