"""The contract's tables in a PostgreSQL database, for a tracker shared by many: the
published version copied in, documents upserted by `doc_id` one transaction per batch of
documents, corpus-level tables (edges, units) replaced whole in the last one. A rerun
gives the same rows; a document gone from the dataset (pruned, replaced by an edited
file) is gone from the database too. Written with psycopg's COPY."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator, Optional

import duckdb
import psycopg
import pyarrow.parquet as pq
from psycopg import sql

from models import TABLE_ROWS
from pipeline.exports import ExportError
from pipeline.storage import published_dir, table_columns

BATCH_DOCUMENTS = 500
FETCH_ROWS = 2000
# primary keys (tables without one are replaced by document or whole)
PRIMARY_KEYS = {
    "files": ("path",),
    "documents": ("doc_id",),
    "citations": ("doc_id", "citation_id"),
    "roles": ("doc_id", "role_id"),
    "assignments": ("doc_id", "assignment_id"),
    "edges": ("src_key", "relation", "dst_key"),
}
PER_DOCUMENT = ("documents", "citations", "roles", "assignments", "ocr_words")
CORPUS = ("edges", "units", "files")
POSTGRES_TYPES = {"VARCHAR": "text", "INTEGER": "integer", "DOUBLE": "double precision", "BOOLEAN": "boolean"}


def postgres_type(duckdb_type: str) -> str:
    if duckdb_type.endswith("[]"):
        return POSTGRES_TYPES[duckdb_type[:-2]] + "[]"
    return POSTGRES_TYPES[duckdb_type]


def export_postgres(out: str | Path, url: str, on_rows: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Copy the published dataset into the database at `url`; rows per table as stored there."""
    folder = published_dir(out)
    if not (folder / "documents.parquet").exists():
        raise ExportError(f"no dataset in {out}: run `vanban run` first")
    try:
        con = psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        raise ExportError(f"cannot connect to PostgreSQL at {_without_password(url)}: {_said(exc)}") from exc
    try:
        with con:
            _create_tables(con)
            doc_ids = pq.read_table(folder / "documents.parquet", columns=["doc_id"]).column("doc_id").to_pylist()
            for start in range(0, len(doc_ids), BATCH_DOCUMENTS):
                batch = doc_ids[start: start + BATCH_DOCUMENTS]
                with con.transaction():
                    for table in PER_DOCUMENT:
                        _replace(con, table, folder, batch)
                if on_rows:
                    on_rows(len(batch))
            with con.transaction():
                con.execute("DELETE FROM documents WHERE NOT doc_id = ANY(%s)", [doc_ids])
                for table in PER_DOCUMENT[1:]:
                    con.execute(sql.SQL("DELETE FROM {} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
                                .format(sql.Identifier(table)))
                for table in CORPUS:
                    _replace(con, table, folder, None)
            return {t: con.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
                    for t in TABLE_ROWS}
    except psycopg.Error as exc:
        raise ExportError(f"PostgreSQL refused the export: {_said(exc)}") from exc
    finally:
        con.close()


def _create_tables(con: psycopg.Connection) -> None:
    """Tables as the contract's row types say, columns added since an earlier export added."""
    with con.transaction():
        for table, row_type in TABLE_ROWS.items():
            columns = [(name, postgres_type(kind)) for name, kind, _ in table_columns(row_type)]
            key = PRIMARY_KEYS.get(table)
            parts = [sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in columns]
            if key:
                parts.append(sql.SQL("PRIMARY KEY ({})").format(sql.SQL(", ").join(map(sql.Identifier, key))))
            con.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(sql.Identifier(table),
                                                                             sql.SQL(", ").join(parts)))
            for name, kind in columns:
                con.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(kind)))
            if "doc_id" in dict(columns) and table in PER_DOCUMENT:
                con.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (doc_id)").format(
                    sql.Identifier(f"{table}_doc_id"), sql.Identifier(table)))


def _replace(con: psycopg.Connection, table: str, folder: Path, doc_ids: Optional[list[str]]) -> None:
    """The rows of these documents (all rows when None) deleted and copied in again."""
    path = folder / f"{table}.parquet"
    columns = table_columns(TABLE_ROWS[table])
    if doc_ids is None:
        con.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
    else:
        con.execute(sql.SQL("DELETE FROM {} WHERE doc_id = ANY(%s)").format(sql.Identifier(table)), [doc_ids])
    if not path.exists():
        return
    names = [name for name, _, _ in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table),
                                                          sql.SQL(", ").join(map(sql.Identifier, names)))
    with con.cursor().copy(statement) as copy:
        copy.set_types([postgres_type(kind) for _, kind, _ in columns])
        for row in _rows(path, names, doc_ids):
            copy.write_row(row)


def _rows(path: Path, names: list[str], doc_ids: Optional[list[str]]) -> Iterator[tuple]:
    """The table's rows (of these documents only), filtered by DuckDB as it scans the file."""
    columns = ", ".join(f'"{n}"' for n in names)
    with duckdb.connect() as reader:
        if doc_ids is None:
            reader.execute(f"SELECT {columns} FROM read_parquet(?)", [str(path)])
        else:
            reader.execute(f"SELECT {columns} FROM read_parquet(?) WHERE list_contains(?, doc_id)",
                           [str(path), doc_ids])
        while chunk := reader.fetchmany(FETCH_ROWS):
            yield from chunk


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _said(exc: psycopg.Error) -> str:
    """The server's or the client library's own message, on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__
