"""Named points where a test can hold a run to kill it or race it: with
`VANBAN_PAUSE_AT=<point>` and `VANBAN_PAUSE_FILE=<path>` in the environment, the
run writes the file when it reaches the point and waits there until the file is
removed (at most two minutes). Without them a point costs one dictionary lookup."""
from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("extracted", "in-transaction", "between-exports")
WAIT_SECONDS = 120


def reach(point: str) -> None:
    if os.environ.get("VANBAN_PAUSE_AT") != point:
        return
    marker = Path(os.environ["VANBAN_PAUSE_FILE"])
    marker.write_text(f"{os.getpid()} {point}")
    deadline = time.monotonic() + WAIT_SECONDS
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
