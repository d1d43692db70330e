"""How much memory processes use, read from /proc (Linux): a process group's resident
bytes (what the watchdog holds a document to), and a whole process tree's proportional
set size (what a run costs the machine, shared pages counted once)."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from typing import Optional

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def processes() -> dict[int, list[bytes]]:
    """Every process's /proc stat fields after its command: state ppid pgrp session ...
    (starttime is index 19, rss index 21)."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    table[int(entry.name)] = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
    return table


def group_rss(group: int) -> int:
    """Resident bytes of every process in a process group (the child and what it started)."""
    return sum(int(fields[21]) * PAGE_BYTES for fields in processes().values() if int(fields[2]) == group)


def descendants(root: int, table: Optional[dict[int, list[bytes]]] = None) -> set[int]:
    """A process's descendants, children that left its session included."""
    table = processes() if table is None else table
    tree, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, fields in table.items() if int(fields[1]) == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:")) * 1024
    except (OSError, StopIteration):
        return 0


def tree_memory(root: int) -> tuple[int, int]:
    """Memory of a process and of all its descendants, as proportional set size (a page
    shared by forked processes counts once in the sum): (the process's own, the descendants')."""
    return _pss(root), sum(_pss(pid) for pid in descendants(root))


def run_watched(args: list[str], timeout: Optional[float] = None,
                parts: Optional[dict] = None) -> tuple[subprocess.CompletedProcess, int]:
    """Run a command, sampling the memory of its whole process tree; (result, peak bytes).
    `parts`, if given, receives each part's own peak: `main` (the command's process, the
    writer) and `others` (what it started: document processes, OCR, servers)."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = main_peak = others_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, main_peak, others_peak
        while not done.is_set():
            main, others = tree_memory(proc.pid)
            peak, main_peak, others_peak = max(peak, main + others), max(main_peak, main), max(others_peak, others)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    if parts is not None:
        parts.update(main=main_peak, others=others_peak)
    return subprocess.CompletedProcess(args, proc.returncode, out, err), peak
