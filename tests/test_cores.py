"""The machine's cores shared between processes: a page OCR'd waits for a free core, and a
core held by a process that dies comes back."""
import os
import subprocess
import sys
import tempfile
import threading

from pipeline import cores

HOLD_TOKEN = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(120)
"""


def test_a_page_waits_for_a_free_core_and_a_dead_holder_gives_its_core_back(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cores, "core_count", lambda: 1)
    token = cores.token_folder() / "0"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_TOKEN, str(token)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        taken = threading.Event()

        def page() -> None:
            with cores.core():
                taken.set()

        waiting = threading.Thread(target=page)
        waiting.start()
        assert not taken.wait(1.0)  # the only core is another process's
        holder.kill()  # killed, not released: the kernel drops its lock
        assert taken.wait(5.0)
        waiting.join()
    finally:
        holder.kill()
        holder.wait()


def test_cores_are_taken_one_per_holder_up_to_the_machines_count(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    folder = cores.token_folder()
    with cores.core():
        with cores.core():
            assert cores._try_tokens(folder, 2) is None  # both held, even within one process
        fd = cores._try_tokens(folder, 2)
        assert fd is not None  # one given back
        os.close(fd)
