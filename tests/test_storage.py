"""Storage: reruns replace rows, a bad file is recorded and the batch goes on."""
import duckdb
import pandas as pd
import pytest

from pipeline.batch import process_batch
from pipeline.ingest import process_file
from pipeline.runner import run_loop
from pipeline.storage import DB_NAME, STORE_DIR, DatasetStore


def test_rerun_replaces_rows(tmp_path, seeds):
    out = tmp_path / "out"
    results = process_batch(seeds)
    with DatasetStore(out) as store:
        store.write_batch(results)
        store.write_batch(results)
        assert store.count("documents") == len(seeds)
        store.publish()
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


def test_an_unchanged_file_that_failed_is_read_again_only_when_asked(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.xyz").write_bytes(b"data")
    run_loop([folder], tmp_path / "out")
    assert run_loop([folder], tmp_path / "out").processed == 0  # it would fail the same way
    assert run_loop([folder], tmp_path / "out", retry_errors=True).processed == 1


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
    con = duckdb.connect(str(out / STORE_DIR / DB_NAME), read_only=True)  # the store of record
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_every_table_is_published_at_once_and_readers_keep_their_version(tmp_path, seeds):
    from pipeline.storage import published_dir

    out = tmp_path / "out"
    with DatasetStore(out) as store:
        store.write_batch([process_file(seeds[0])])
        first = store.publish()
        reader_version = published_dir(out)  # a reader resolves the version once
        store.write_batch([process_file(seeds[1])])
        second = store.publish()
        store.write_batch([process_file(seeds[2])])
        third = store.publish()
    assert not list(out.glob(".*.tmp")) and not list((out / "versions").glob(".building-*"))
    assert reader_version == first and published_dir(out) == third
    assert not first.exists() and second.exists()  # the version before the current one is kept
    assert len(pd.read_parquet(out / "documents.parquet")) == 3  # the contract's paths follow `current`
    con = duckdb.connect(str(out / DB_NAME), read_only=True)  # the published DuckDB copy
    assert con.execute("select count(*) from documents").fetchone()[0] == 3
    con.close()


def test_a_dataset_from_before_versions_is_moved_into_the_new_layout(tmp_path, seeds):
    out = tmp_path / "out"
    out.mkdir()
    with DatasetStore(out) as store:
        store.write_batch([process_file(seeds[0])])
    (out / STORE_DIR / DB_NAME).rename(out / DB_NAME)  # as an older vanban left it
    (out / "documents.parquet").write_bytes(b"old export")
    with DatasetStore(out) as store:
        assert store.count("documents") == 1
        store.publish()
    assert (out / DB_NAME).is_symlink() and len(pd.read_parquet(out / "documents.parquet")) == 1


def _tables(out):
    return pd.read_parquet(out / "files.parquet").set_index("path"), pd.read_parquet(out / "documents.parquet")


def test_identical_files_under_two_names_are_one_document_with_both_paths(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "quyet_dinh.txt").write_bytes(seeds[0].read_bytes())
    (folder / "quyet_dinh_ban_sao.txt").write_bytes(seeds[0].read_bytes())
    run_loop([folder], tmp_path / "out")
    files, documents = _tables(tmp_path / "out")
    assert len(documents) == 1 and documents.doc_id.is_unique
    assert sorted(files.status) == ["duplicate", "ok"]
    assert files.doc_id.nunique() == 1
    duplicate = files[files.status == "duplicate"].iloc[0]
    assert duplicate.warnings[0].startswith("same content as ")


def test_identical_files_in_different_batches_are_one_document_kept_with_the_copy_that_reads(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_ban_sao.xlsx").write_bytes(seeds[0].read_bytes())  # a wrong extension: fails, and comes first
    (folder / "b_quyet_dinh.txt").write_bytes(seeds[0].read_bytes())
    (folder / "c_quyet_dinh_2.txt").write_bytes(seeds[0].read_bytes())
    run_loop([folder], tmp_path / "out", batch_size=1, workers=1)
    files, documents = _tables(tmp_path / "out")
    assert len(documents) == 1 and documents.status.iloc[0] == "ok"
    assert documents.source_path.iloc[0] == str(folder / "b_quyet_dinh.txt")
    assert f"same content as {folder / 'c_quyet_dinh_2.txt'}" in list(documents.warnings.iloc[0])
    assert files.status.to_dict() == {str(folder / "a_ban_sao.xlsx"): "duplicate",
                                      str(folder / "b_quyet_dinh.txt"): "ok",
                                      str(folder / "c_quyet_dinh_2.txt"): "duplicate"}
    assert list(files.loc[str(folder / "c_quyet_dinh_2.txt"), "warnings"]) == [
        f"same content as {folder / 'b_quyet_dinh.txt'}"]


def test_an_edited_file_replaces_its_document_and_a_moved_one_keeps_it(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seeds[0].read_bytes())
    (folder / "b.txt").write_bytes(seeds[1].read_bytes())
    out = tmp_path / "out"
    run_loop([folder], out)
    _, before = _tables(out)
    (folder / "a.txt").write_bytes(seeds[2].read_bytes())  # edited in place
    (folder / "b.txt").rename(folder / "b-moved.txt")  # moved
    run_loop([folder], out)
    files, documents = _tables(out)
    assert len(documents) == 2 and documents.doc_id.is_unique
    old_a = before.set_index("source_path").loc[str(folder / "a.txt"), "doc_id"]
    assert old_a not in set(documents.doc_id)  # the edited file's old document is gone
    by_path = documents.set_index("source_path")
    assert str(folder / "b-moved.txt") in by_path.index and str(folder / "b.txt") not in by_path.index
    assert files.loc[str(folder / "b.txt"), "status"] == "removed"
    assert files.loc[str(folder / "b-moved.txt"), "status"] == "ok"
    assert files.loc[str(folder / "a.txt"), "first_seen"] <= files.loc[str(folder / "a.txt"), "last_seen"]


def test_links_are_followed_only_where_the_policy_allows_and_each_entry_refused_has_a_row(tmp_path, seeds):
    import os

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ke-hoach.txt").write_bytes(seeds[1].read_bytes())
    (folder / "own.txt").write_bytes(seeds[0].read_bytes())
    os.symlink(outside / "ke-hoach.txt", folder / "gathered.txt")  # a folder of links to documents
    os.symlink("/etc/passwd", folder / "passwd.txt")  # a system file dressed as a document
    os.symlink(folder / "own.txt", folder / "sub" / "same-folder.txt")  # inside: one document, two paths
    os.symlink(outside, folder / "linked-folder")
    os.symlink(folder / "gone.pdf", folder / "dangling.pdf")
    os.symlink("loop.txt", folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")

    def reasons(out):
        files, documents = _tables(out)
        errors = documents[documents.status == "error"].set_index("source_path").warnings
        return files, documents, {os.path.basename(p): w[0] for p, w in errors.items()}

    run_loop([folder], tmp_path / "documents")
    files, documents, refused = reasons(tmp_path / "documents")
    assert "not a document file" in refused["passwd.txt"] and "root:" not in str(documents.text.tolist())
    assert "to nothing" in refused["dangling.pdf"] and "loops" in refused["loop.txt"]
    assert "linked folders are not entered" in refused["linked-folder"]
    assert refused["pipe.txt"] == "error: a named pipe, not a file: not read"
    assert set(refused) == {"passwd.txt", "dangling.pdf", "loop.txt", "linked-folder", "pipe.txt"}
    assert set(files.loc[[str(folder / name) for name in refused], "status"]) == {"skipped"}
    assert len(documents[documents.status == "ok"]) == 2  # own.txt (twice) and the gathered plan
    assert files.loc[str(folder / "sub" / "same-folder.txt"), "status"] == "duplicate"

    run_loop([folder], tmp_path / "inside", links="inside")
    _, _, refused = reasons(tmp_path / "inside")
    assert "out of the folder given" in refused["gathered.txt"]
    assert "sub/same-folder.txt" not in refused and "same-folder.txt" not in refused


def test_prune_drops_the_documents_no_file_holds_any_more(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in seeds[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    run_loop([folder], out)
    (folder / seeds[0].name).unlink()
    (folder / seeds[1].name).rename(folder / "moved.txt")
    run_loop([folder], out)
    files, documents = _tables(out)
    assert len(documents) == 3  # kept without --prune, its file marked removed
    assert files.loc[str(folder / seeds[0].name), "status"] == "removed"
    run_loop([folder], out, prune=True)
    files, documents = _tables(out)
    assert sorted(documents.source_path) == sorted([str(folder / "moved.txt"), str(folder / seeds[2].name)])
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        left = con.execute("SELECT count(*) FROM citations WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert left.fetchone()[0] == 0


def test_a_rerun_over_an_unchanged_corpus_publishes_nothing_new(tmp_path, seeds):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in seeds[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    os.symlink("/etc/hostname", folder / "refused.txt")
    out = tmp_path / "out"
    run_loop([folder], out)
    first = os.readlink(out / "current")
    again = run_loop([folder], out)
    assert again.skipped == 3 and os.readlink(out / "current") == first  # nothing resolved or written again
    (folder / seeds[0].name).write_bytes(seeds[2].read_bytes())
    run_loop([folder], out)
    assert os.readlink(out / "current") != first


def test_changes_stored_by_a_run_killed_before_publishing_are_published_by_the_next(tmp_path, seeds):
    out = tmp_path / "out"
    run_loop(seeds[:1], out)
    with DatasetStore(out) as store:  # a run that stored a batch and died before its publication
        store.write_batch(process_batch(seeds[1:2]))
    assert len(pd.read_parquet(out / "documents.parquet")) == 1
    run_loop(seeds[:2], out)  # every file already ingested: nothing to read, the store to publish
    assert len(pd.read_parquet(out / "documents.parquet")) == 2


def test_watched_processes_are_stopped_before_the_corpus_steps_and_start_again(tmp_path, seeds, monkeypatch):
    """Resolution and publication run without the documents' processes beside them."""
    import pipeline.batch as batch
    import pipeline.runner as runner

    alive_at_finish = []
    real_resolve = runner.resolve_corpus

    def resolve_and_look(store):
        alive_at_finish.append([w._child is not None and w._child.is_alive() for w in batch._STARTED])
        real_resolve(store)

    monkeypatch.setattr(runner, "resolve_corpus", resolve_and_look)
    run_loop(seeds[:2], tmp_path / "out", workers=1)
    assert alive_at_finish and alive_at_finish[0] and not any(alive_at_finish[0])
    assert process_batch(seeds[:1])[0].document.status == "ok"  # the next batch starts its child again


def test_a_store_written_before_a_column_was_added_takes_the_column(tmp_path, seeds):
    """An out folder from an older version: its tables gain the columns added since, and a run goes on."""
    out = tmp_path / "out"
    with DatasetStore(out) as store:
        store.con.execute('ALTER TABLE ocr_words DROP COLUMN "turned"')
        store.con.execute('ALTER TABLE documents DROP COLUMN "ocr_confidence"')
    summary = run_loop([seeds[0]], out)
    assert summary.processed == 1 and not summary.errors
    with duckdb.connect(str(out / STORE_DIR / DB_NAME), read_only=True) as con:
        columns = {name for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name IN ('ocr_words', 'documents')").fetchall()}
    assert {"turned", "ocr_confidence"} <= columns
