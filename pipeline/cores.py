"""The machine's cores, shared by every page OCR'd on it, whichever process reads the page.

A scanned document's pages are read in parallel, each Tesseract call holding one core
token: a lock on one of as many files as the machine has cores, in a folder every
process of every run on the machine shares (a token goes back when its holder ends,
however it ends, as the kernel drops the lock with the process). So the pages of one long
scan spread over every core the other documents leave free, and two scans read side by
side share the cores instead of asking the machine for twice what it has, whatever hands
the documents out (the loop's threads, Prefect's or Dask's workers)."""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

POLL_FIRST_SECONDS = 0.01
POLL_MAX_SECONDS = 0.2


def core_count() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def token_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"vanban-cores-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _try_tokens(folder: Path, count: int) -> int | None:
    """The descriptor of a token file now locked by this process, or None when all are held."""
    for index in range(count):
        fd = os.open(folder / str(index), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            os.close(fd)
    return None


@contextlib.contextmanager
def core() -> Iterator[None]:
    """Hold one of the machine's cores for the block, waiting for one to be free."""
    folder, count, wait = token_folder(), core_count(), POLL_FIRST_SECONDS
    while (fd := _try_tokens(folder, count)) is None:
        time.sleep(wait)
        wait = min(POLL_MAX_SECONDS, 2 * wait)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)  # released for every copy of the descriptor a fork made
        os.close(fd)
