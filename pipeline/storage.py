"""Storage: the contract's tables in an embedded DuckDB file, exported to Parquet.

The DuckDB file is the store of record. Each batch replaces the rows of its
documents (keyed by `doc_id`) inside one transaction, so a run that dies
midway leaves every committed batch and nothing half-written. Parquet files
are written to a temporary name and moved into place, so a reader sees either
the old file or the new one, never a partial one.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import typing
from pathlib import Path
from typing import Iterable, Optional

import pyarrow as pa

import models
from models import INTERNAL_TABLE_ROWS, TABLE_ROWS, DocumentResult

ALL_TABLES = {**TABLE_ROWS, **INTERNAL_TABLE_ROWS}

DB_NAME = "vanban.duckdb"
DUCKDB_MEMORY_LIMIT = "256MB"

_TYPES = {
    str: ("VARCHAR", pa.string()),
    int: ("INTEGER", pa.int32()),
    float: ("DOUBLE", pa.float64()),
    bool: ("BOOLEAN", pa.bool_()),
}


def _column_type(annotation) -> tuple[str, pa.DataType]:
    origin = typing.get_origin(annotation)
    if origin is list:
        (inner,) = typing.get_args(annotation)
        sql, arrow = _TYPES[inner]
        return f"{sql}[]", pa.list_(arrow)
    if origin is typing.Union:
        inner = next(a for a in typing.get_args(annotation) if a is not type(None))
        return _column_type(inner)
    return _TYPES[annotation]


def table_columns(row_type) -> list[tuple[str, str, pa.DataType]]:
    """(name, DuckDB type, Arrow type) of each column, from the row dataclass."""
    hints = typing.get_type_hints(row_type, vars(models))
    return [(f.name, *_column_type(hints[f.name])) for f in dataclasses.fields(row_type)]


def arrow_table(row_type, rows: Iterable) -> pa.Table:
    columns = table_columns(row_type)
    schema = pa.schema([(name, arrow) for name, _, arrow in columns])
    records = [dataclasses.asdict(r) for r in rows]
    return pa.Table.from_pylist(records, schema=schema)


def _quoted(name: str) -> str:
    return f'"{name}"'


def _one_per_document(results: list[DocumentResult]) -> list[DocumentResult]:
    """One result per doc_id: files with the same bytes are one document, kept with the first
    path and a warning naming the others (the table never holds two rows with one doc_id)."""
    first: dict[str, DocumentResult] = {}
    for r in results:
        kept = first.setdefault(r.document.doc_id, r)
        if kept is not r:
            kept.document.warnings.append(f"same content as {r.document.source_path}")
    return list(first.values())


LOCK_NAME = ".vanban.lock"


class DatasetLocked(Exception):
    """Another run holds the out folder."""


def _lock(out_dir: Path):
    """An exclusive lock on the out folder, held while the store is open, with the holder's
    pid written in it: a second run into the same folder is refused, never interleaved. The
    lock is the kernel's (flock), so a run killed with SIGKILL leaves none behind."""
    import fcntl

    handle = open(out_dir / LOCK_NAME, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise DatasetLocked(f"{out_dir} is being written by another vanban run (pid {holder}); "
                            f"wait for it to finish or choose another --out") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def ensure_unlocked(out_dir: Path) -> None:
    """Raise DatasetLocked now if another run holds the folder."""
    _lock(Path(out_dir)).close()


class DatasetStore:
    """The dataset under one out folder."""

    def __init__(self, out_dir: str | Path):
        import duckdb

        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.out_dir)
        self.db_path = self.out_dir / DB_NAME
        self.con = duckdb.connect(str(self.db_path))
        # bounded memory whatever the corpus size: sorts and caches spill to disk
        self.con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        self.con.execute("SET threads = 2")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute(f"SET temp_directory = '{(self.out_dir / '.duckdb_tmp').as_posix()}'")
        for table, row_type in ALL_TABLES.items():
            cols = ", ".join(f"{_quoted(n)} {sql}" for n, sql, _ in table_columns(row_type))
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")

    def close(self) -> None:
        self.con.close()
        self._lock.close()  # closing the file releases the lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def processed_ids(self, version: str) -> set[str]:
        """doc_ids already ingested without error by this pipeline version."""
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE status = 'ok' AND pipeline_version = ?", [version]
        ).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, results: list[DocumentResult]) -> None:
        """Replace the rows of these documents, all tables in one transaction."""
        if not results:
            return
        results = _one_per_document(results)
        ids = sorted({r.document.doc_id for r in results})
        per_table = {
            "documents": [r.document for r in results],
            "citations": [c for r in results for c in r.citations],
            "edge_evidence": [e for r in results for e in r.edges],
            "roles": [x for r in results for x in r.roles],
            "assignments": [a for r in results for a in r.assignments],
            "ocr_words": [w for r in results for w in r.ocr_words],
        }
        with self.transaction():
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS batch_ids (doc_id VARCHAR)")
            self.con.execute("DELETE FROM batch_ids")
            self.con.executemany("INSERT INTO batch_ids VALUES (?)", [[i] for i in ids])
            for table, rows in per_table.items():
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM batch_ids)")
                if rows:
                    self._insert(table, rows)

    def replace_table(self, table: str, rows: list) -> None:
        """Corpus-level tables (edges, units) are rebuilt whole."""
        with self.transaction():
            self.con.execute(f"DELETE FROM {table}")
            if rows:
                self._insert(table, rows)

    @contextlib.contextmanager
    def transaction(self):
        """All or nothing: a failure rolls back every statement inside."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _insert(self, table: str, rows: list) -> None:
        data = arrow_table(ALL_TABLES[table], rows)
        names = ", ".join(_quoted(n) for n in data.column_names)
        self.con.register("incoming_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming_rows")
        finally:
            self.con.unregister("incoming_rows")

    def export_parquet(self) -> list[Path]:
        """Write every table to `<table>.parquet`, each atomically."""
        self.con.execute("CHECKPOINT")
        written = []
        for table in TABLE_ROWS:
            target = self.out_dir / f"{table}.parquet"
            tmp = self.out_dir / f".{table}.parquet.tmp"
            # streamed, unsorted, in row groups of bounded bytes: a sort or a default
            # row group (122,880 rows) of the text-wide tables would not fit the bound
            self.con.execute(
                f"COPY {table} TO '{tmp.as_posix()}' (FORMAT parquet, ROW_GROUP_SIZE_BYTES '16MB')"
            )
            os.replace(tmp, target)
            written.append(target)
        return written

    def count(self, table: str, where: Optional[str] = None) -> int:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return self.con.execute(sql).fetchone()[0]
