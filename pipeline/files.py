"""Files as the run meets them, before any document is read: walking the folders given,
the path as the dataset stores it, the content hash, and the row a file that cannot be
read leaves. Light to import: the processes that only plan and watch need nothing more."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from models import DocumentResult, DocumentRow
from pipeline import PIPELINE_VERSION

# the extensions a reader is registered for (`pipeline.readers.READERS` checks it holds these)
KNOWN_FORMATS = ("txt", "md", "markdown", "html", "htm", "docx", "pdf", "doc", "rtf", "odt",
                 "png", "jpg", "jpeg", "tif", "tiff")


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


# `<_io.BytesIO object at 0x7f...>` in a library's message: no clerk needs the address
OBJECT_ADDRESS = re.compile(r"\s*'?<[\w.]+ object at 0x[0-9a-f]+>'?")


def error_row(path: Path, doc_id: str, source_format: str, message: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=display_path(path),
        source_format=source_format,
        status="error",
        warnings=[f"error: {OBJECT_ADDRESS.sub('', message)}"],
        pipeline_version=PIPELINE_VERSION,
    )


def error_result(path: Path, message: str) -> DocumentResult:
    """The one row a document that could not be read or extracted leaves: why, in words."""
    try:
        doc_id = content_id(path)
    except OSError:
        doc_id = fallback_doc_id(path)
    source_format = path.suffix.lower().lstrip(".") if path.suffix.lower().lstrip(".") in KNOWN_FORMATS \
        else "unknown"
    return DocumentResult(error_row(path, doc_id, source_format, message))


def fallback_doc_id(path: Path) -> str:
    """doc_id of a file whose bytes cannot be read: a hash of its path."""
    return hashlib.sha256(os.fsencode(path)).hexdigest()[:16]


def content_id(path: str | Path) -> str:
    """The content hash (doc_id) of a regular file; OSError for anything else (never blocks on a pipe)."""
    path = Path(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(f"not a regular file: {path}")
    return doc_id_for(path.read_bytes())


def doc_id_for(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def display_path(path: Path | str) -> str:
    """A path as the dataset stores it: NFC (a Mac writes names NFD), and a name that is not
    valid UTF-8 keeps its bytes visible as escapes instead of failing the write."""
    return unicodedata.normalize("NFC", os.fsencode(path).decode("utf-8", "backslashreplace"))
