"""Storage: the contract's tables in an embedded DuckDB file, published as versions.

The writer's DuckDB file (`OUT/.store/vanban.duckdb`) is the store of record.
Each batch replaces the rows of its documents (keyed by `doc_id`) inside one
transaction, so a run that dies midway leaves every committed batch and nothing
half-written. At the end of a run every table is published at once into a new
version folder (`OUT/versions/<id>/`: the Parquet files and a copy of the DuckDB
file) that one atomic rename of `OUT/current` makes the one readers see;
`OUT/<table>.parquet` and `OUT/vanban.duckdb` are links through `current`.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import time
import typing
import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterable, Optional

import pyarrow as pa

import models
from pipeline import PIPELINE_VERSION, crashpoints
from pipeline.files import display_path
from models import INTERNAL_TABLE_ROWS, TABLE_ROWS, DocumentResult, FileRow

ALL_TABLES = {**TABLE_ROWS, **INTERNAL_TABLE_ROWS}
# the tables whose rows belong to one document each (corpus-level tables are rebuilt whole)
DOCUMENT_TABLES = ("documents", "citations", "edge_evidence", "roles", "assignments", "ocr_words")

DB_NAME = "vanban.duckdb"
STORE_DIR = ".store"  # the writer's DuckDB file: the store of record, never read by users while a run writes
VERSIONS_DIR = "versions"
CURRENT = "current"
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


TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def _now() -> str:
    return time.strftime(TIME_FORMAT)


def _stat(path: str) -> tuple[Optional[int], Optional[str]]:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None, None
    return st.st_size, time.strftime(TIME_FORMAT, time.localtime(st.st_mtime))


def _store_path(out_dir: Path) -> Path:
    """The writer's DuckDB file; a dataset from before versioned publishing had it at
    `OUT/vanban.duckdb`, which is moved into place once."""
    store = out_dir / STORE_DIR / DB_NAME
    legacy = out_dir / DB_NAME
    if not store.exists() and legacy.exists() and not legacy.is_symlink():
        store.parent.mkdir(exist_ok=True)
        os.replace(legacy, store)
        for table in TABLE_ROWS:  # its Parquet files are re-published as links
            (out_dir / f"{table}.parquet").unlink(missing_ok=True)
    store.parent.mkdir(exist_ok=True)
    return store


def _replace_link(link: Path, target: Path) -> None:
    """Point `link` at `target` in one atomic rename (a reader never finds it missing)."""
    tmp = link.with_name(f".{link.name}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def published_dir(out_dir: str | Path) -> Path:
    """The folder of the version readers should use: resolved once, so that every table a
    reader opens comes from the same version even if a run publishes meanwhile."""
    out_dir = Path(out_dir)
    current = out_dir / CURRENT
    return current.resolve() if current.exists() else out_dir


def _one_per_document(results: list[DocumentResult]) -> list[DocumentResult]:
    """One result per doc_id: files with the same bytes are one document, kept with the first
    path that reads (a copy under a wrong extension must not stand for a good file) and a
    warning naming the others (the table never holds two rows with one doc_id)."""
    groups: dict[str, list[DocumentResult]] = {}
    for r in results:
        groups.setdefault(r.document.doc_id, []).append(r)
    kept = []
    for group in groups.values():
        first = next((r for r in group if r.document.status != "error"), group[0])
        first.document.warnings += [f"same content as {r.document.source_path}" for r in group if r is not first]
        kept.append(first)
    return kept


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
        self.db_path = _store_path(self.out_dir)
        self.con = duckdb.connect(str(self.db_path))
        # bounded memory whatever the corpus size: sorts and caches spill to disk
        self.con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        self.con.execute("SET threads = 2")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute(f"SET temp_directory = '{(self.out_dir / '.duckdb_tmp').as_posix()}'")
        for table, row_type in ALL_TABLES.items():
            cols = ", ".join(f"{_quoted(n)} {sql}" for n, sql, _ in table_columns(row_type))
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
            self._add_missing_columns(table, row_type)
        # a row here while the store holds changes no published version has yet
        self.con.execute("CREATE TABLE IF NOT EXISTS unpublished_changes (since VARCHAR)")

    def _add_missing_columns(self, table: str, row_type) -> None:
        """A store written by an older version lacks the columns added since: they are added,
        empty for the rows already stored (which a rerun of a newer version replaces)."""
        present = {name for (name,) in self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'",
            [table]).fetchall()}
        for name, sql, _ in table_columns(row_type):
            if name not in present:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN {_quoted(name)} {sql}")

    def _changed(self) -> None:
        """Note, inside the caller's transaction, that the next publication has work to do."""
        self.con.execute("INSERT INTO unpublished_changes SELECT ? WHERE NOT EXISTS "
                         "(SELECT 1 FROM unpublished_changes)", [_now()])

    def needs_publishing(self) -> bool:
        """Whether corpus resolution and a new version are due: something changed since the last
        publication (in this run or in one killed before publishing), or nothing is published."""
        pending = self.con.execute("SELECT count(*) FROM unpublished_changes").fetchone()[0]
        return bool(pending) or not (published_dir(self.out_dir) / "documents.parquet").exists()

    def close(self) -> None:
        self.con.close()
        self._lock.close()  # closing the file releases the lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def processed_ids(self, version: str, with_errors: bool = True) -> set[str]:
        """doc_ids already ingested by this pipeline version (an unchanged file that failed
        fails again: its error row stands unless `with_errors` is off)."""
        statuses = ["ok", "error"] if with_errors else ["ok"]
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE list_contains(?, status) AND pipeline_version = ?", [statuses, version]
        ).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, results: list[DocumentResult], skipped: bool = False) -> None:
        """Replace the rows of these documents, all tables in one transaction. `skipped`: entries
        the walk refused to open (their error rows say why; their `files` rows are `skipped`)."""
        if not results:
            return
        kept = {r.document.doc_id: r for r in _one_per_document(results)}
        stored = self._held_elsewhere(list(kept), {r.document.source_path for r in results})
        # a stored row stands unless the batch reads better: it failed, or an older version wrote it
        standing = {d for d, (path, status, version) in stored.items() if version == PIPELINE_VERSION and
                    (status != "error" or kept[d].document.status == "error")}
        owners = {d: r.document.source_path for d, r in kept.items()}
        owners.update({d: stored[d][0] for d in standing})
        files = self._file_rows(results, owners)
        for f in files if skipped else ():
            f.status = "skipped"
        results = [r for d, r in kept.items() if d not in standing]
        displaced = {stored[d][0]: owners[d] for d in stored.keys() - standing}
        ids = sorted({r.document.doc_id for r in results} | self._replaced_documents(files))
        per_table = {
            "documents": [r.document for r in results],
            "citations": [c for r in results for c in r.citations],
            "edge_evidence": [e for r in results for e in r.edges],
            "roles": [x for r in results for x in r.roles],
            "assignments": [a for r in results for a in r.assignments],
            "ocr_words": [w for r in results for w in r.ocr_words],
        }
        with self.transaction():
            self._delete_documents(ids)
            for table, rows in per_table.items():
                if rows:
                    self._insert(table, rows)
            self._write_files(files)
            self._mark_duplicates(displaced, {owners[d]: [f.path for f in files if f.doc_id == d and
                                                          f.status == "duplicate"] for d in standing})
            self._changed()
            crashpoints.reach("in-transaction")

    def _held_elsewhere(self, ids: list[str], batch_paths: set[str]) -> dict[str, tuple]:
        """Documents of the batch already stored from another path that is still there (an
        identical file in an earlier batch or run): doc_id -> (path, status, pipeline_version)."""
        rows = self.con.execute(
            "SELECT d.doc_id, d.source_path, d.status, d.pipeline_version FROM documents d JOIN files f "
            "ON f.path = d.source_path AND f.doc_id = d.doc_id "
            "WHERE f.status <> 'removed' AND d.doc_id IN (SELECT unnest(?))",
            [ids]).fetchall()
        return {d: (path, status, version) for d, path, status, version in rows
                if path not in batch_paths and os.path.exists(path)}

    def _mark_duplicates(self, displaced: dict[str, str], copies: dict[str, list[str]]) -> None:
        """The stored rows an identical file settles: a path whose document the batch read
        better (`displaced`, path -> new owner) becomes a duplicate; a document that stands
        names its new copies (`copies`, owner path -> paths)."""
        for path, owner in displaced.items():
            self.con.execute("UPDATE files SET status = 'duplicate', warnings = [?] WHERE path = ?",
                             [f"same content as {owner}", path])
        for owner, paths in copies.items():
            for path in paths:
                warning = f"same content as {path}"
                self.con.execute("UPDATE documents SET warnings = list_append(warnings, ?) "
                                 "WHERE source_path = ? AND NOT list_contains(warnings, ?)", [warning, owner, warning])

    def _delete_documents(self, ids: list[str]) -> None:
        """Every per-document row of these documents (inside the caller's transaction)."""
        if not ids:
            return
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS batch_ids (doc_id VARCHAR)")
        self.con.execute("DELETE FROM batch_ids")
        self.con.executemany("INSERT INTO batch_ids VALUES (?)", [[i] for i in ids])
        for table in DOCUMENT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM batch_ids)")

    @staticmethod
    def _file_rows(results: list[DocumentResult], owners: dict[str, str]) -> list[FileRow]:
        """A `files` row per path of the batch: the path a document was kept with (`owners`,
        doc_id -> path) is its document's, the others are duplicates of it."""
        now = _now()
        rows = []
        for r in results:
            doc = r.document
            owner = owners[doc.doc_id]
            duplicate = owner != doc.source_path
            size, mtime = _stat(doc.source_path)
            rows.append(FileRow(doc.source_path, doc.doc_id, size, mtime, now, now,
                                "duplicate" if duplicate else doc.status,
                                [f"same content as {owner}"] if duplicate else
                                [w for w in doc.warnings if w.startswith("error: ")]))
        return rows

    def _replaced_documents(self, files: list[FileRow]) -> set[str]:
        """Documents an edited file leaves behind: the path held other bytes before, and no
        other path holds them now. Their rows go with the batch's."""
        if not files:
            return set()
        paths = [f.path for f in files]
        before = self.con.execute(
            "SELECT path, doc_id FROM files WHERE status <> 'removed' AND path IN (SELECT unnest(?))", [paths]
        ).fetchall()
        changed = {old for path, old in before if old not in {f.doc_id for f in files if f.path == path}}
        held = {d for (d,) in self.con.execute(
            "SELECT DISTINCT doc_id FROM files WHERE status <> 'removed' AND doc_id IN (SELECT unnest(?)) "
            "AND path NOT IN (SELECT unnest(?))", [sorted(changed), paths]).fetchall()} if changed else set()
        return changed - held

    def _write_files(self, files: list[FileRow]) -> None:
        """Upsert by path, keeping when each path was first seen."""
        paths = [f.path for f in files]
        first = dict(self.con.execute("SELECT path, first_seen FROM files WHERE path IN (SELECT unnest(?))",
                                      [paths]).fetchall())
        for f in files:
            f.first_seen = first.get(f.path) or f.first_seen
        self.con.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [paths])
        self._insert("files", files)

    def seen(self, skipped: dict[str, str]) -> None:
        """Files skipped as already ingested (path -> doc_id, as planned): seen again now; a path
        new to the table is a copy of its document, or, where the stored path is gone (the file
        was moved), the document's path from now on."""
        if not skipped:
            return
        now = _now()
        by_path = {display_path(real): (real, doc_id) for real, doc_id in skipped.items()}
        with self.transaction():
            self.con.execute("UPDATE files SET last_seen = ? WHERE path IN (SELECT unnest(?))", [now, list(by_path)])
            known = {p for (p,) in self.con.execute("SELECT path FROM files WHERE path IN (SELECT unnest(?))",
                                                    [list(by_path)]).fetchall()}
            for path, (real, doc_id) in by_path.items():
                if path in known:
                    continue
                stored = self.con.execute("SELECT source_path FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
                if stored is None:
                    continue
                size, mtime = _stat(real)
                if stored[0] != path and os.path.exists(stored[0]):
                    row = FileRow(path, doc_id, size, mtime, now, now, "duplicate", [f"same content as {stored[0]}"])
                else:  # moved: the document takes the path it is found at
                    row = FileRow(path, doc_id, size, mtime, now, now)
                    self.con.execute("UPDATE documents SET source_path = ? WHERE doc_id = ?", [path, doc_id])
                self._insert("files", [row])

    def mark_removed(self, folders: list[str], present: set[str], prune: bool = False) -> int:
        """Paths under a folder ingested again that are no longer there: status `removed`. Their
        documents stay (another path or the history may need them), unless `prune`: then the
        documents no path holds any more are dropped."""
        count, orphans = 0, []
        with self.transaction():
            for folder in folders:
                prefix = str(Path(folder)).rstrip("/") + "/"
                rows = self.con.execute("SELECT path FROM files WHERE status <> 'removed' AND starts_with(path, ?)",
                                        [prefix]).fetchall()
                gone = [p for (p,) in rows if p not in present]
                if gone:
                    self.con.execute("UPDATE files SET status = 'removed', last_seen = ? WHERE path IN "
                                     "(SELECT unnest(?))", [_now(), gone])
                    count += len(gone)
            if prune:
                orphans = [d for (d,) in self.con.execute(
                    "SELECT doc_id FROM files WHERE doc_id IN (SELECT doc_id FROM documents) "
                    "GROUP BY doc_id HAVING bool_and(status = 'removed')").fetchall()]
                self._delete_documents(orphans)
            if count or orphans:
                self._changed()
        return count

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

    def publish(self) -> Path:
        """Publish every table at once: the Parquet files and a copy of the DuckDB file are
        written into a new version folder, then one atomic rename points `current` at it.
        `OUT/<table>.parquet` and `OUT/vanban.duckdb` are links through `current`, so a reader
        sees the previous version or the new one, never a mix, and never meets the writer's
        lock. The previous version is kept; older ones are removed."""
        self.con.execute("CHECKPOINT")
        versions = self.out_dir / VERSIONS_DIR
        name = datetime.now().strftime("%Y%m%dT%H%M%S%f") + f"-{uuid.uuid4().hex[:6]}"  # sorts as made
        building = versions / f".building-{name}"
        building.mkdir(parents=True)
        for table in TABLE_ROWS:
            # streamed, unsorted, in row groups of bounded bytes: a sort or a default
            # row group (122,880 rows) of the text-wide tables would not fit the bound
            self.con.execute(f"COPY {table} TO '{(building / f'{table}.parquet').as_posix()}' "
                             f"(FORMAT parquet, ROW_GROUP_SIZE_BYTES '16MB')")
            crashpoints.reach("between-exports")
        shutil.copy2(self.db_path, building / DB_NAME)
        version = versions / name
        os.rename(building, version)
        _replace_link(self.out_dir / CURRENT, Path(VERSIONS_DIR) / name)
        for published in [f"{t}.parquet" for t in TABLE_ROWS] + [DB_NAME]:
            if not (self.out_dir / published).is_symlink():
                _replace_link(self.out_dir / published, Path(CURRENT) / published)
        self.con.execute("DELETE FROM unpublished_changes")
        for stale in versions.glob(".building-*"):  # left by a run killed while publishing
            shutil.rmtree(stale, ignore_errors=True)
        for old in sorted(p for p in versions.iterdir() if p.name != name)[:-1]:
            shutil.rmtree(old, ignore_errors=True)  # keep the one before, for a reader still on it
        return version

    def count(self, table: str, where: Optional[str] = None) -> int:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return self.con.execute(sql).fetchone()[0]
