"""No orphans after a run dies: a small guard process watches `vanban run` and, if it ends
without cleaning up (killed, out of memory), ends what it had started. Prefect's temporary
API server is a child that only the run's own exit handler stops; the documents' processes
already die with their parent (`pipeline.watchdog`), and the guard ends them too.

    python -m pipeline.orphans <pid>

The guard keeps the list of the run's descendants while the run lives (each process by its
start time, so a reused pid is not mistaken for it); once the run is gone (the guard's parent
changes) it asks each one still running to stop, then kills it."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from typing import Iterator

from pipeline.memory import descendants, processes

POLL_SECONDS = 0.2
GRACE_SECONDS = 3.0
STARTTIME = 19  # index of a process's start time among its /proc stat fields after the command


def _alive(known: dict[int, bytes]) -> dict[int, bytes]:
    """The known processes still running as themselves (a reused pid is another process)."""
    table = processes()
    return {pid: start for pid, start in known.items() if pid in table and table[pid][STARTTIME] == start}


def guard(run: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: stay to clean up
    known: dict[int, bytes] = {}
    while os.getppid() == run:
        table = processes()
        # what is still running of what was seen, and what is new: a process is never forgotten while
        # it runs, since a look taken as the run dies may find it already handed to another parent
        known = {pid: start for pid, start in known.items() if pid in table and table[pid][STARTTIME] == start}
        known.update((pid, table[pid][STARTTIME]) for pid in descendants(run, table) if pid != os.getpid())
        time.sleep(POLL_SECONDS)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in _alive(known):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + GRACE_SECONDS
        while _alive(known) and time.monotonic() < deadline:
            time.sleep(0.1)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Run the body with a guard watching this process; a body that ends normally stops it."""
    watcher = subprocess.Popen([sys.executable, "-m", "pipeline.orphans", str(os.getpid())],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, close_fds=True)
    try:
        yield
    finally:
        watcher.terminate()
        watcher.wait()


if __name__ == "__main__":
    guard(int(sys.argv[1]))
