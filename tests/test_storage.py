"""Storage: reruns replace rows, a bad file is recorded and the batch goes on."""
import duckdb
import pandas as pd
import pytest

from pipeline.ingest import process_batch, process_file
from pipeline.runner import run_loop
from pipeline.storage import DB_NAME, DatasetStore


def test_rerun_replaces_rows(tmp_path, seeds):
    out = tmp_path / "out"
    results = process_batch(seeds)
    with DatasetStore(out) as store:
        store.write_batch(results)
        store.write_batch(results)
        assert store.count("documents") == len(seeds)
        store.export_parquet()
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs["doc_id"]) == sorted(r.document.doc_id for r in results)
    for table in ("citations", "edges", "roles", "assignments", "units"):
        assert (out / f"{table}.parquet").exists()


def test_run_twice_keeps_one_row_per_document_and_skips(tmp_path, seeds):
    out = tmp_path / "out"
    first = run_loop([seeds[0].parent], out)
    second = run_loop([seeds[0].parent], out)
    assert first.processed == len(seeds)
    assert second.processed == 0 and second.skipped == len(seeds)
    forced = run_loop([seeds[0].parent], out, force=True)
    assert forced.processed == len(seeds)
    assert len(pd.read_parquet(out / "documents.parquet")) == len(seeds)


def test_error_file_is_recorded_and_the_batch_goes_on(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seeds[1].read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not a pdf")
    (folder / "notes.odp").write_bytes(b"whatever")
    (folder / "b.txt").write_bytes(seeds[2].read_bytes())
    summary = run_loop([folder], tmp_path / "out")
    assert summary.processed == 4 and len(summary.errors) == 2
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    broken = docs.loc[str(folder / "broken.pdf")]
    assert broken["status"] == "error" and "PDF" in broken["warnings"][0]
    assert docs.loc[str(folder / "notes.odp"), "warnings"][0].startswith("error: unsupported file type")
    assert (docs.loc[[str(folder / "a.txt"), str(folder / "b.txt")], "status"] == "ok").all()


def test_errors_are_retried_on_the_next_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.xyz").write_bytes(b"data")
    run_loop([folder], tmp_path / "out")
    again = run_loop([folder], tmp_path / "out")
    assert again.processed == 1  # a failed document is not "already ingested"


def test_a_failed_batch_leaves_the_stored_rows(tmp_path, seeds):
    out = tmp_path / "out"
    good = process_batch(seeds[:2])
    with DatasetStore(out) as store:
        store.write_batch(good)
        # rewrites a stored document, then fails on the next one: the delete rolls back
        bad = process_batch([seeds[0], seeds[2]])
        bad[1].document.pages = "not a number"
        with pytest.raises(Exception):
            store.write_batch(bad)
        assert store.count("documents") == 2
        assert store.count("documents", f"doc_id = '{good[0].document.doc_id}'") == 1
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_parquet_export_is_atomic(tmp_path, seeds):
    out = tmp_path / "out"
    with DatasetStore(out) as store:
        store.write_batch([process_file(seeds[0])])
        store.export_parquet()
    assert not list(out.glob(".*.tmp"))
    assert len(pd.read_parquet(out / "documents.parquet")) == 1
