"""No file can stop, hang or blow up a run: every kind of bad input from
`tests/hostile.py` in one `vanban run`, the watchdog on its own, the limits,
and two runs into one folder."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import hostile
from pipeline.memory import run_watched

VANBAN = str(Path(sys.executable).with_name("vanban"))
TEST_LIMITS = ["seconds_per_document=60", "pages_per_document=5", "characters_per_document=300000",
               "archive_member_bytes=20000000", "archive_total_bytes=40000000"]
PEAK_BYTES = 2 * 2 ** 30


def _leftovers() -> set[str]:
    """Processes and temporary files a run may start: LibreOffice, Tesseract, document processes."""
    found = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                cmdline = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if any(tool in cmdline for tool in ("soffice", "tesseract", "forkserver")):
                found.add(f"{entry.name} {cmdline[:80]}")
    temp = Path(tempfile.gettempdir())
    found.update(str(p) for p in temp.glob("vanban-office-*"))
    found.update(str(p) for p in temp.glob("tess_*"))
    return found


def _rows_for(documents, name: str, folder: Path):
    if name == "deep-path":
        prefix = str(folder / ("d" * 200))
        return documents[documents.source_path.str.startswith(prefix)]
    if name == "long-name":
        return documents[documents.source_path == str(folder / ("đ" * 120 + ".txt"))]
    if name == "non-utf8-name":
        return documents[documents.source_path.str.endswith("bad-\\xff\\xfe.txt")]
    path = str(folder / name)
    # files with the same bytes (every empty file) are one document, its row naming the others
    same = documents.warnings.apply(lambda w: f"same content as {path}" in list(w))
    return documents[(documents.source_path == path) | same]


@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, /proc and process groups are Linux's")
def test_every_kind_of_bad_input_in_one_run(tmp_path):
    import pandas as pd

    folder = tmp_path / "in"
    expected = hostile.build(folder)
    hostile.tiny_files(folder / "tiny")
    assert len(expected) >= 40
    out = tmp_path / "out"
    args = [VANBAN, "run", str(folder), "--out", str(out)] + [a for lim in TEST_LIMITS for a in ("--limit", lim)]
    leftovers_before = _leftovers()
    started = time.monotonic()
    result, peak = run_watched(args, timeout=1800)
    seconds = time.monotonic() - started
    print(f"hostile run: {len(expected)} kinds + 1,000 tiny files in {seconds:.0f} s, "
          f"peak memory of the run {peak / 2 ** 20:.0f} MB")
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    assert peak < PEAK_BYTES

    documents = pd.read_parquet(out / "documents.parquet")
    problems = []
    for name, outcome in expected.items():
        rows = _rows_for(documents, name, folder)
        if len(rows) != 1:
            problems.append(f"{name}: {len(rows)} rows")
            continue
        row = rows.iloc[0]
        warnings = " ".join(row.warnings)
        if outcome == "error" and not (row.status == "error" and warnings.startswith("error: ") and len(warnings) > 12):
            problems.append(f"{name}: expected an error row with a reason, got {row.status}: {warnings[:200]}")
        if outcome == "partial" and not (row.status == "error" or "limit" in warnings):
            problems.append(f"{name}: expected a limit named, got {row.status}: {warnings[:200]}")
    assert not problems, "\n".join(problems)
    tiny = documents[documents.source_path.str.contains("/tiny/")]
    assert len(tiny) == 1000 and (tiny.status == "error").all()
    empty = [name for name in expected if name.startswith("empty.")]
    assert len(documents) == len(expected) - len(empty) + 1 + 1000  # one row per input, one per content
    assert not documents.text.fillna("").str.contains(hostile.PASSWD_MARK).any()  # nothing from outside the file
    time.sleep(2)  # a killed process group takes a moment to be reaped
    assert _leftovers() <= leftovers_before  # no converter, OCR or document process, no temporary file


def test_watchdog_stops_a_document_past_its_time_and_one_whose_process_dies(tmp_path, monkeypatch):
    from pipeline import ingest
    from pipeline.limits import Limits
    from pipeline.watchdog import Watchdog

    good = tmp_path / "good.txt"
    good.write_text(hostile.SEED_TEXT, encoding="utf-8")
    hang = tmp_path / "hang.txt"
    hang.write_text(hostile.SEED_TEXT, encoding="utf-8")
    crash = tmp_path / "crash.txt"
    crash.write_text(hostile.SEED_TEXT, encoding="utf-8")

    original = ingest.process_file

    def misbehaving(path):
        if Path(path).name == "hang.txt":
            time.sleep(60)
        if Path(path).name == "crash.txt":
            os.kill(os.getpid(), 11)  # as a native library's segfault
        return original(path)

    monkeypatch.setattr(ingest, "process_file", misbehaving)
    with Watchdog(Limits(seconds_per_document=3), start_method="fork") as dog:  # the child sees the patch
        started = time.monotonic()
        results = [dog.process(p) for p in (hang, good, crash, good)]
    assert time.monotonic() - started < 30
    statuses = [(r.document.status, " ".join(r.document.warnings)) for r in results]
    assert statuses[0][0] == "error" and "seconds_per_document=3" in statuses[0][1]
    assert statuses[1][0] == "ok" and statuses[3][0] == "ok"
    assert statuses[2][0] == "error" and "SIGSEGV" in statuses[2][1]


def test_memory_past_the_limit_stops_the_document(tmp_path, monkeypatch):
    from pipeline import ingest
    from pipeline.limits import Limits
    from pipeline.watchdog import Watchdog

    hog = tmp_path / "hog.txt"
    hog.write_text(hostile.SEED_TEXT, encoding="utf-8")

    def hungry(path):
        held = []
        for _ in range(40):  # 2 GB, 50 MB at a time
            held.append(bytearray(50 * 2 ** 20))
            time.sleep(0.05)
        time.sleep(10)
        return held

    monkeypatch.setattr(ingest, "process_file", hungry)
    with Watchdog(Limits(memory_per_document_mb=600), start_method="fork") as dog:
        result = dog.process(hog)
    assert result.document.status == "error"
    assert "memory_per_document_mb=600" in " ".join(result.document.warnings)


def test_limits_come_from_the_command_line_and_the_config_file(tmp_path, monkeypatch):
    from pipeline import limits

    monkeypatch.delenv(limits.ENV, raising=False)
    config = tmp_path / "vanban.toml"
    config.write_text("[limits]\npages_per_document = 40\nseconds_per_document = 90\n")
    configured = limits.configure(["pages_per_document=12"], config)
    assert (configured.pages_per_document, configured.seconds_per_document) == (12, 90.0)
    assert limits.current() == configured  # what worker processes will read
    with pytest.raises(ValueError, match="unknown limit"):
        limits.configure(["pages=3"], config)
    monkeypatch.delenv(limits.ENV, raising=False)


@pytest.mark.parametrize("text", [
    "Căn cứ " + "Sở Tài chính, " * 400_000,  # one 5 MB line
    "|" * 1_000_000,  # a 1 MB line of separators
    ", ; " * 300_000,
    "Số: " + "1/" * 500_000,
])
def test_a_huge_line_is_read_within_seconds(tmp_path, text, monkeypatch):
    from pipeline import limits
    from pipeline.ingest import process_file

    monkeypatch.setenv(limits.ENV, '{"characters_per_document": 2000000}')
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = process_file(path)
    assert time.monotonic() - started < 60
    assert result.document.status in ("ok", "error")


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_holds_it(tmp_path, seeds):
    from pipeline.storage import DatasetLocked, DatasetStore

    with DatasetStore(tmp_path / "out"):
        with pytest.raises(DatasetLocked, match=f"pid {os.getpid()}"):
            DatasetStore(tmp_path / "out")
        result = subprocess.run([VANBAN, "run", str(seeds[0]), "--out", str(tmp_path / "out"), "--engine", "loop"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 3 and "another vanban run" in result.stderr
    with DatasetStore(tmp_path / "out"):  # released with the store
        pass


def _dataset(out: Path) -> dict[str, int]:
    """Row counts of every table, read as a user would (DuckDB file and Parquet files)."""
    import duckdb
    import pandas as pd

    from models import TABLE_ROWS

    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_ROWS}
        assert con.execute("SELECT count(*) - count(DISTINCT doc_id) FROM documents").fetchone()[0] == 0
    finally:
        con.close()
    for table in TABLE_ROWS:
        pd.read_parquet(out / f"{table}.parquet")  # whole and readable
    return counts


def _run_until(point: str, args: list[str], marker: Path) -> subprocess.Popen:
    env = dict(os.environ, VANBAN_PAUSE_AT=point, VANBAN_PAUSE_FILE=str(marker))
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read().decode(errors="replace")[-2000:]
        assert time.monotonic() < deadline, f"the run never reached {point}"
        time.sleep(0.1)
    return proc


@pytest.mark.parametrize("point", ["extracted", "in-transaction", "between-exports"])
def test_a_run_killed_at_any_point_leaves_the_previous_dataset_whole(tmp_path, seeds, point):
    import signal

    out = tmp_path / "out"
    args = [VANBAN, "run", *map(str, seeds), "--out", str(out), "--engine", "loop", "--batch-size", "2"]
    assert subprocess.run(args, capture_output=True, timeout=600).returncode == 0
    before = _dataset(out)
    marker = tmp_path / "paused"
    proc = _run_until(point, args + ["--force"], marker)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and every process it started
    proc.wait(timeout=30)
    assert _dataset(out) == before
    rerun = subprocess.run(args + ["--force"], capture_output=True, timeout=600)
    assert rerun.returncode == 0
    assert _dataset(out) == before  # exactly the right rows, no duplicate, nothing lost


def test_two_runs_into_one_folder_at_once_the_second_is_refused_and_readers_read_on(tmp_path, seeds):
    out = tmp_path / "out"
    args = [VANBAN, "run", *map(str, seeds), "--out", str(out), "--engine", "loop"]
    assert subprocess.run(args, capture_output=True, timeout=600).returncode == 0
    marker = tmp_path / "paused"
    first = _run_until("in-transaction", args + ["--force"], marker)  # holding the writer's lock
    second = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert second.returncode == 3 and f"pid {first.pid}" in second.stderr
    # readers of the published version are not stopped by the writer
    traced = subprocess.run([VANBAN, "trace", "06/QĐ-TTg", "--down", "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert traced.returncode == 0, traced.stderr
    assert _dataset(out)["documents"] == len(seeds)
    marker.unlink()  # the first goes on and finishes
    assert first.wait(timeout=300) == 0
    assert _dataset(out)["documents"] == len(seeds)


def test_invisible_marks_never_reach_a_symbol_and_a_runaway_symbol_is_set_aside(tmp_path):
    from pipeline.ingest import process_file

    marked = tmp_path / "marked.txt"
    marked.write_text(hostile.SEED_TEXT.replace("12/KH-UBND", "12/\u200fKH-\u202eUBND"), encoding="utf-8")
    assert process_file(marked).document.symbol == "12/KH-UBND"
    runaway = tmp_path / "runaway.txt"
    runaway.write_text(hostile.SEED_TEXT.replace("12/KH-UBND", "12/KH-" + "UBND-" * 40 + "X"), encoding="utf-8")
    document = process_file(runaway).document
    assert document.symbol is None and any("set aside" in w for w in document.warnings)


@pytest.mark.parametrize("message,said", [
    ("cannot identify image file <_io.BytesIO object at 0x7fd16d7231f0>", "cannot identify image file"),
    ("file '<_io.BytesIO object at 0x7f4653337e70>' is not a Word file", "file is not a Word file"),
])
def test_error_reasons_carry_no_object_addresses(message, said):
    from pipeline.files import error_row

    assert error_row(Path("x"), "id", "png", message).warnings == [f"error: {said}"]


def test_paths_are_stored_nfc():
    import unicodedata

    from pipeline.files import display_path

    decomposed = unicodedata.normalize("NFD", "/in/Quyết định.txt")
    assert display_path(decomposed) == unicodedata.normalize("NFC", decomposed)


def _session(sid: int) -> list[str]:
    """Live processes of a session (zombies waiting to be reaped are not running)."""
    from pipeline.memory import processes

    return [f"{pid} {Path(f'/proc/{pid}/cmdline').read_bytes()[:80]!r}"
            for pid, fields in processes().items() if int(fields[3]) == sid and fields[0] != b"Z"]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc and process groups are Linux's")
@pytest.mark.parametrize("stop", ["kill the main process", "Ctrl-C"])
def test_a_prefect_run_stopped_leaves_no_process_behind(tmp_path, seeds, stop):
    import signal

    from pipeline.memory import descendants

    marker = tmp_path / "paused"
    args = [VANBAN, "run", *map(str, seeds), "--out", str(tmp_path / "out"), "--batch-size", "2"]
    proc = _run_until("extracted", args, marker)  # Prefect's server is up, documents' processes too
    started = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in descendants(proc.pid)]
    assert any(b"uvicorn" in cmd for cmd in started), started
    if stop == "Ctrl-C":
        os.killpg(proc.pid, signal.SIGINT)
        marker.unlink()
    else:
        os.kill(proc.pid, signal.SIGKILL)  # the main process alone: nothing of it runs its exit handlers
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while _session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _session(proc.pid) == []


def test_a_reader_that_stops_reading_early_gets_no_traceback(tmp_path, seeds):
    out = tmp_path / "out"
    subprocess.run([VANBAN, "run", *map(str, seeds), "--out", str(out), "--engine", "loop"], check=True,
                   capture_output=True, timeout=600)
    reader = subprocess.Popen([VANBAN, "coverage", "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # `vanban coverage | head -0`: the reader has gone before the report is written
    assert reader.wait(timeout=300) == 0 and b"Traceback" not in reader.stderr.read()
