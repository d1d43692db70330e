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
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from models import DocumentResult, DocumentRow
from pipeline import PIPELINE_VERSION

# the extensions a reader is registered for (`pipeline.readers.READERS` checks it holds these)
KNOWN_FORMATS = ("txt", "md", "markdown", "html", "htm", "docx", "pdf", "doc", "rtf", "odt",
                 "png", "jpg", "jpeg", "tif", "tiff")


# What a symbolic link met in a folder may lead to (`vanban run --links`):
#   inside     only files inside the folder given;
#   documents  also regular files outside it whose own name has a document format (a folder of
#              links gathering documents from elsewhere), never a system file such as /etc/passwd;
#   all        any regular file.
LINK_POLICIES = ("inside", "documents", "all")
DEFAULT_LINK_POLICY = "documents"
SYSTEM_FOLDERS = ("/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/run", "/var", "/usr", "/bin", "/sbin",
                  "/lib", "/lib32", "/lib64")


@dataclass(frozen=True)
class SourceFile:
    """A file the walk met, and why it will not be read when it will not (a refused link)."""
    path: Path
    refusal: Optional[str] = None


def iter_source_files(paths: Iterable[str | Path], links: str = DEFAULT_LINK_POLICY) -> Iterator[SourceFile]:
    """Files named, and every non-hidden file under folders named, in a stable order. Linked
    folders are not entered (no loop can trap the walk) and linked files are followed as `links`
    allows: each refused entry is still yielded with its reason, so it gets an error row. An
    entry that cannot be listed or opened (a path past the system's limit, a name that is not
    UTF-8) is yielded too, to fail on its own."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield SourceFile(path)
            continue
        unlisted: list[Path] = []
        found: list[Path] = []
        for folder, dirs, files in os.walk(path, onerror=lambda exc: unlisted.append(Path(exc.filename))):
            found.extend(Path(folder) / d for d in dirs if not d.startswith(".") and os.path.islink(Path(folder) / d))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / name for name in files if not name.startswith("."))
        root = path.resolve()
        for entry in sorted(found + unlisted, key=lambda p: os.fsencode(p)):
            yield SourceFile(entry, link_refusal(entry, root, links) if os.path.islink(entry) else special_file(entry))


SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                 (stat.S_ISBLK, "a device"))


def special_file(path: Path) -> Optional[str]:
    """Why an entry that is no regular file is not read (opening a pipe would wait forever)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # fails on its own when read, with the system's reason
    return next((f"{what}, not a file: not read" for test, what in SPECIAL_FILES if test(mode)), None)


def link_refusal(link: Path, root: Path, policy: str) -> Optional[str]:
    """Why a symbolic link found under `root` is not followed, or None when it may be."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        return "a symbolic link that loops back on itself"
    except OSError:
        return f"a symbolic link to nothing ({os.readlink(link)} does not exist)"
    if target.is_dir():
        return f"a symbolic link to a folder ({target}): linked folders are not entered"
    if target.is_relative_to(root) or policy == "all":
        return None
    document = target.is_file() and target.suffix.lower().lstrip(".") in KNOWN_FORMATS \
        and not any(target.is_relative_to(system) for system in SYSTEM_FOLDERS)
    if policy == "documents" and document:
        return None
    what = "" if document else ", not a document file"
    return f"a symbolic link out of the folder given, to {target}{what}: not followed (see `vanban run --links`)"


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
