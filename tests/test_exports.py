"""What auditors and trackers open: the workbook, the calendars and the PostgreSQL tables,
each read back with its own library and compared with the dataset."""
from __future__ import annotations

import datetime
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.exports import ExportError
from pipeline.runner import run_loop

VANBAN = str(Path(sys.executable).with_name("vanban"))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, seeds) -> Path:
    out = tmp_path_factory.mktemp("exports") / "out"
    run_loop(seeds, out)
    return out


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{name}.parquet")


def test_the_workbook_has_every_table_with_vietnamese_headers_dates_and_filters(dataset, tmp_path):
    import openpyxl

    from pipeline.exports.xlsx import SHEETS, export_xlsx

    target = tmp_path / "vanban.xlsx"
    counts = export_xlsx(dataset, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Văn bản", "Căn cứ", "Quan hệ", "Vai trò", "Nhiệm vụ", "Đơn vị"]
    for sheet in SHEETS:
        ws = book[sheet.title]
        assert ws.max_row - 1 == len(_table(dataset, sheet.table)) == counts[sheet.title]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
    tasks = book["Nhiệm vụ"]
    headers = [c.value for c in tasks[1]]
    due, lead = headers.index("Hạn hoàn thành"), headers.index("Đơn vị chủ trì")
    dated = [row for row in tasks.iter_rows(min_row=2) if row[due].value is not None]
    assert dated and all(isinstance(row[due].value, datetime.datetime) for row in dated)
    assert dated[0][due].number_format == "dd/mm/yyyy"
    joined = [row[lead].value for row in tasks.iter_rows(min_row=2) if row[lead].value and "; " in row[lead].value]
    assert joined  # a task with two lead units reads as one cell
    assert tasks.column_dimensions["F"].width == 60 and tasks["F2"].alignment.wrap_text


@pytest.mark.parametrize("value, expected", [
    ("2026-12-31", datetime.date(2026, 12, 31)),
    (["Công an phường", "Phòng Kinh tế"], "Công an phường; Phòng Kinh tế"),
    ("chữ\x07 lạ", "chữ lạ"),  # a control character Excel refuses
    ("x" * 40_000, "x" * 32_766 + "…"),
    (None, None),
    (float("nan"), None),
])
def test_values_as_excel_holds_them(value, expected):
    from pipeline.exports.xlsx import _excel_value

    assert _excel_value("due_date" if isinstance(expected, datetime.date) else "task", value) == expected


def test_calendars_one_per_lead_unit_parse_and_keep_their_uids(dataset, tmp_path):
    import icalendar

    from pipeline.exports import unit_slugs
    from pipeline.exports.ics import export_ics

    counts = export_ics(dataset, tmp_path / "ics")
    assignments = _table(dataset, "assignments")
    todos = {}
    for path in (tmp_path / "ics").glob("*.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        todos[path.name] = list(calendar.walk("VTODO"))
        assert len(todos[path.name]) == counts[path.name]
    assert len(todos["tat-ca.ics"]) == len(assignments)
    names = unit_slugs({u for leads in assignments.lead for u in leads}, taken={"tat-ca"})
    for unit, name in names.items():
        assert len(todos[f"{name}.ics"]) == sum(unit in list(leads) for leads in assignments.lead)
    uids = [str(t["uid"]) for t in todos["tat-ca.ics"]]
    assert len(set(uids)) == len(uids)
    export_ics(dataset, tmp_path / "again")  # a later export: the same tasks keep their UIDs
    again = icalendar.Calendar.from_ical((tmp_path / "again" / "tat-ca.ics").read_bytes())
    assert sorted(str(t["uid"]) for t in again.walk("VTODO")) == sorted(uids)
    due = [t for t in todos["tat-ca.ics"] if "due" in t]
    assert len(due) == assignments.due_date.notna().sum()


@pytest.mark.parametrize("rule, issued, year_count, day", [
    ("FREQ=MONTHLY;BYMONTHDAY=5", "2026-01-05", 12, 5),  # trước ngày 05 hằng tháng
    ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=10", "2025-12-10", 1, 10),  # trước ngày 10/12 hằng năm
    ("FREQ=MONTHLY;INTERVAL=6", "2026-03-15", 2, 15),  # định kỳ 06 tháng
])
def test_a_recurring_task_expands_as_its_rule_says(rule, issued, year_count, day):
    import icalendar
    import recurring_ical_events

    from pipeline.exports.ics import assignment_todo

    record = {"assignment_id": "abc-a001", "doc_id": "abc", "kind": "duty", "task": "Báo cáo kết quả thực hiện",
              "lead": ["Phòng Văn hóa - Xã hội"], "support": [], "due_date": None, "recurrence": rule,
              "section": "IV > 2", "raw": "Báo cáo kết quả ...", "deadline_raw": None, "output": None,
              "ongoing": False, "page": None}
    document = {"doc_type": "Kế hoạch", "symbol": "12/KH-UBND", "issued_date": issued, "issuer": "UBND phường",
                "title": "Thực hiện Đề án 06"}
    calendar = icalendar.Calendar()
    calendar.add_component(assignment_todo(record, document, None,
                                           datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)))
    parsed = icalendar.Calendar.from_ical(calendar.to_ical())
    found = recurring_ical_events.of(parsed, components=["VTODO"]).between((2026, 1, 1), (2027, 1, 1))
    starts = [t["DTSTART"].dt for t in found]
    assert len(starts) == year_count and {d.day for d in starts} == {day}
    assert "12/KH-UBND" in str(parsed.walk("VTODO")[0]["description"])


def test_a_missing_dataset_and_an_unwritable_target_are_clear_errors(dataset, tmp_path):
    from pipeline.exports.xlsx import export_xlsx

    with pytest.raises(ExportError, match="no dataset"):
        export_xlsx(tmp_path / "nothing", tmp_path / "x.xlsx")
    (tmp_path / "file").write_text("")
    with pytest.raises(ExportError, match="cannot write"):
        export_xlsx(dataset, tmp_path / "file" / "x.xlsx")
    result = subprocess.run([VANBAN, "export", "--out", str(tmp_path / "nothing"), "--ics", str(tmp_path / "ics")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no dataset" in result.stderr


# --- PostgreSQL: a real server, started here ---------------------------------------------------

def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="module")
def postgres_url():
    """A PostgreSQL server of its own in a temporary folder, listening on a Unix socket only
    (run as the `postgres` user when the tests run as root: the server refuses root)."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.fail("PostgreSQL is not installed: run `make setup`")
    base = Path(tempfile.mkdtemp(prefix="vanban-pg-"))
    as_user = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = base / "data"
    subprocess.run(as_user + [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                              "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"], check=True, capture_output=True)
    subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                              f"-k {base} -c listen_addresses= -c fsync=off", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@/postgres?host={base}"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _duckdb_counts(out: Path) -> dict[str, int]:
    from models import TABLE_ROWS

    with duckdb.connect(str(out / "vanban.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_ROWS}


def test_postgres_holds_the_dataset_after_two_runs_and_two_exports(postgres_url, seeds, tmp_path):
    import psycopg

    from pipeline.exports.postgres import export_postgres

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    first = subprocess.run([VANBAN, "run", str(folder), "--out", str(out), "--engine", "loop", "--sink", postgres_url],
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    assert export_postgres(out, postgres_url) == _duckdb_counts(out)
    (folder / seeds[0].name).write_bytes(seeds[0].read_bytes() + "\nSửa lại ngày 01/12/2026.\n".encode())
    (folder / seeds[1].name).unlink()
    run_loop([folder], out, prune=True)  # an edited document replaces its rows; a removed one is gone
    counts = export_postgres(out, postgres_url)
    assert counts == export_postgres(out, postgres_url) == _duckdb_counts(out)
    assert counts["documents"] == len(seeds) - 1
    with psycopg.connect(postgres_url) as con:
        ids = {r[0] for r in con.execute("SELECT doc_id FROM documents")}
        assert ids == set(_table(out, "documents").doc_id)
        orphans = con.execute("SELECT count(*) FROM assignments WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone()[0] == 0
        lead = con.execute("SELECT lead FROM assignments WHERE cardinality(lead) > 1 LIMIT 1").fetchone()[0]
        assert isinstance(lead, list) and len(lead) > 1


def test_a_refused_connection_is_a_clear_error(dataset):
    from pipeline.exports.postgres import export_postgres

    with pytest.raises(ExportError, match=r"cannot connect to PostgreSQL at postgresql://vanban:\*\*\*@127\.0\.0\.1:1/"):
        export_postgres(dataset, "postgresql://vanban:secret@127.0.0.1:1/vanban")
