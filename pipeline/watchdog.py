"""Each document is read and extracted in a child process under a watchdog.

What a Python `try` cannot catch (a native library's segfault, the OOM killer,
a regular expression or a converter that never returns, memory that grows
past what the machine has) is caught here: the parent waits for the child's
answer while it watches the clock and the memory of the child's whole process
group (Tesseract and LibreOffice included). A document that crosses a limit,
or whose child dies, gets an error row naming why; the child is replaced and
the batch goes on. The child is forked from a server that has already
imported the pipeline, so replacing it costs milliseconds, and it dies with
its parent.
"""
from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing
import os
import resource
import signal
import time
from pathlib import Path
from typing import Optional

from models import DocumentResult
from pipeline.limits import Limits, current
from pipeline.memory import group_rss

POLL_SECONDS = 0.2
PR_SET_PDEATHSIG = 1


def _serve(conn) -> None:
    """The child: documents in, results out, until the parent hangs up."""
    from pipeline.files import error_result
    from pipeline.ingest import process_file

    faulthandler.disable()  # a native crash is reported by the parent, in the document's row
    os.setsid()  # its own process group: a kill takes Tesseract and LibreOffice with it
    _die_with_parent()
    limits = current()
    # a backstop under the watchdog's own check: an allocation far past the limit fails in
    # the child (MemoryError, an error row) before the machine runs short
    backstop = 3 * limits.memory_per_document_mb * 2 ** 20
    resource.setrlimit(resource.RLIMIT_DATA, (backstop, backstop))
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = process_file(path)
            conn.send(result)
        except BaseException as exc:  # the result would not travel: say so for this document
            conn.send(error_result(Path(path), f"{type(exc).__name__}: {exc}"))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, however the parent dies (SIGKILL
    included): no orphan goes on reading documents for a run that is gone."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class Watchdog:
    """One child at a time, replaced whenever it is killed or dies."""

    def __init__(self, limits: Limits, start_method: str = "forkserver"):
        """`forkserver` forks children from a clean server that has imported the pipeline
        (no thread or lock of the caller is copied); `fork` copies the caller as it is."""
        self.limits = limits
        self.start_method = start_method
        self._child: Optional[multiprocessing.Process] = None
        self._conn = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            ctx.set_forkserver_preload(["pipeline.ingest"])
        parent, child = ctx.Pipe()
        self._child = ctx.Process(target=_serve, args=(child,), name="vanban-document")
        self._child.start()
        child.close()
        self._conn = parent

    def process(self, path: str | Path) -> DocumentResult:
        from pipeline.files import error_result

        if self._child is None or not self._child.is_alive():
            self._start()
        self._conn.send(str(path))
        started = time.monotonic()
        while True:
            if self._conn.poll(POLL_SECONDS):
                try:
                    return self._conn.recv()
                except (EOFError, OSError):
                    return error_result(Path(path), self._death())
            elapsed = time.monotonic() - started
            if elapsed > self.limits.seconds_per_document:
                self.stop()
                return error_result(Path(path), f"limit seconds_per_document={self.limits.seconds_per_document:g} "
                                                f"exceeded (still running after {elapsed:.0f} s); stopped")
            used = group_rss(self._child.pid)
            if used > self.limits.memory_per_document_mb * 2 ** 20:
                self.stop()
                return error_result(Path(path), f"limit memory_per_document_mb={self.limits.memory_per_document_mb} "
                                                f"exceeded ({used // 2 ** 20} MB in use); stopped")
            if not self._child.is_alive():
                return error_result(Path(path), self._death())

    def _death(self) -> str:
        self._child.join(timeout=5)
        code = self._child.exitcode
        self.stop()
        if code is not None and code < 0:
            return f"the process reading it died ({signal.Signals(-code).name}), as a native library crash or " \
                   f"the system running out of memory does"
        return f"the process reading it ended unexpectedly (exit code {code})"

    def stop(self) -> None:
        """Kill the child's whole process group and forget it."""
        if self._child is None:
            return
        try:
            os.killpg(self._child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._child.kill()  # killed before it led its own group
        self._child.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._child, self._conn = None, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
