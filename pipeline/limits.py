"""Per-document limits: what one file may cost before it becomes an error row
(or a partial document with a warning), so that no file can stop, hang or blow
up a run of thousands.

The defaults let a 2-core machine run two workers side by side; each can be
changed on the command line (`vanban run --limit pages_per_document=500`) or
in a `vanban.toml` (`[limits]` table). The values travel to worker processes
in the environment, so every reader sees the same limits."""
from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

ENV = "VANBAN_LIMITS"
CONFIG_FILE = "vanban.toml"


@dataclass(frozen=True)
class Limits:
    seconds_per_document: float = 600.0  # wall time, reading and extraction together
    seconds_per_ocr_page: float = 120.0  # one Tesseract call
    pages_per_document: int = 300  # pages read; the rest are left out with a warning
    pixels_per_page: int = 40_000_000  # a page image (A3 at 400 dpi is 31 million)
    archive_member_bytes: int = 200_000_000  # one member of a .docx/.odt zip, inflated
    archive_total_bytes: int = 400_000_000  # all members together, inflated
    characters_per_document: int = 2_000_000  # text kept; the rest is cut with a warning
    memory_per_document_mb: int = 1500  # resident memory of the process reading one document


class LimitExceeded(Exception):
    """A document crossed one of its limits; the message names the limit and the value."""

    def __init__(self, name: str, value, limit):
        super().__init__(f"limit {name}={limit} exceeded ({value})")
        self.name, self.value, self.limit = name, value, limit


def current() -> Limits:
    """The limits this process runs under: the environment's, else the defaults."""
    raw = os.environ.get(ENV)
    return Limits(**json.loads(raw)) if raw else Limits()


def configure(assignments: Iterable[str] = (), config: Optional[Path] = None) -> Limits:
    """Defaults, then the config file's `[limits]`, then `name=value` from the command line;
    the result is put in the environment for worker processes. Unknown names raise ValueError."""
    values: dict = {}
    path = config if config is not None else Path(CONFIG_FILE)
    if path.exists():
        with path.open("rb") as f:
            values.update(tomllib.load(f).get("limits", {}))
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"a limit is given as name=value, not '{item}'")
        values[name.strip()] = value.strip()
    fields = {f.name: f.type for f in dataclasses.fields(Limits)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValueError(f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(fields)}")
    typed = {name: (float if fields[name] == "float" else int)(float(value)) for name, value in values.items()}
    limits = Limits(**typed)
    os.environ[ENV] = json.dumps(dataclasses.asdict(limits))
    return limits
