"""What people outside the pipeline open: a workbook (`xlsx`), calendars (`ics`), a
PostgreSQL database (`postgres`). Each reads the published version of the dataset, one
version for every table, so an export made while a run writes is still consistent."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import pyarrow.parquet as pq

from pipeline.storage import published_dir
from pipeline.vntext import strip_diacritics


class ExportError(Exception):
    """An export that cannot be made, in words: no dataset, a target that cannot be written."""


def read_tables(out: str | Path, tables: list[str]) -> dict[str, pd.DataFrame]:
    """The published tables, read from one version; ExportError when there is no dataset."""
    folder = published_dir(out)
    if not (folder / "documents.parquet").exists():
        raise ExportError(f"no dataset in {out}: run `vanban run` first")
    return {t: pd.read_parquet(folder / f"{t}.parquet") for t in tables if (folder / f"{t}.parquet").exists()}


def document_count(out: str | Path) -> int:
    """How many documents the published version holds (from the Parquet footer, no rows read)."""
    path = published_dir(out) / "documents.parquet"
    if not path.exists():
        raise ExportError(f"no dataset in {out}: run `vanban run` first")
    return pq.ParquetFile(path).metadata.num_rows


def write_atomically(target: Path, write: Callable[[str], None]) -> None:
    """`write(temporary path)`, then one rename onto `target`: a reader never opens half a
    file, and a failed export leaves the previous one. ExportError when it cannot be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
        try:
            write(tmp)
            os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's private one
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts: missing values None (not NaN), list columns Python lists."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        for key, value in row.items():
            if hasattr(value, "tolist") and not isinstance(value, str):
                row[key] = value.tolist()
    return rows


def unit_slugs(units: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """A file name stem per unit, plain ASCII (`Phòng Văn hóa - Xã hội` -> `phong-van-hoa-xa-hoi`),
    two units whose names fold alike told apart by a number."""
    names: dict[str, str] = {}
    used = set(taken)
    for unit in sorted(units):
        base = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(unit).lower()).strip("-")[:80] or "don-vi"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        names[unit] = name
    return names
