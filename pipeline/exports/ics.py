"""Assignments as calendars a ward office imports: one iCalendar file per lead unit and one
for all, a VTODO per assignment: DUE from `due_date`, RRULE from `recurrence`, the document
and the evidence in DESCRIPTION. UIDs come from `assignment_id`, so importing a newer export
updates the tasks instead of adding them twice. Written with the `icalendar` library."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable, Iterable, Optional

import pandas as pd
from icalendar import Calendar, Todo, vRecur

from pipeline.exports import read_tables, records, unit_slugs, write_atomically

ALL_UNITS = "tat-ca"  # the calendar of every assignment
UID_DOMAIN = "vanban"
SUMMARY_CHARACTERS = 200
PRODID = "-//vanban//Nhiem vu tu van ban hanh chinh//VI"


def export_ics(out: str | Path, folder: str | Path,
               on_rows: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Write the calendars into `folder`; VTODOs per file name."""
    tables = read_tables(out, ["assignments", "documents", "files"])
    assignments = tables.get("assignments", pd.DataFrame())
    documents = {d["doc_id"]: d for d in records(tables["documents"])}
    first_seen = _first_seen(tables.get("files"))
    stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    todos: list[tuple[list[str], Todo]] = []
    for record in records(assignments):
        document = documents.get(record["doc_id"])
        todos.append((list(record["lead"]), assignment_todo(record, document, first_seen.get(record["doc_id"]), stamp)))
    if on_rows:
        on_rows(len(todos))
    by_unit: dict[str, list[Todo]] = {}
    for leads, todo in todos:
        for unit in leads:
            by_unit.setdefault(unit, []).append(todo)
    counts = {f"{ALL_UNITS}.ics": _write(Path(folder) / f"{ALL_UNITS}.ics", "Tất cả nhiệm vụ", (t for _, t in todos))}
    names = unit_slugs(by_unit, taken={ALL_UNITS})
    for unit, todos_of_unit in by_unit.items():
        counts[f"{names[unit]}.ics"] = _write(Path(folder) / f"{names[unit]}.ics", unit, todos_of_unit)
    return counts


def assignment_todo(record: dict, document: Optional[dict], ingested: Optional[datetime.date],
                    stamp: datetime.datetime) -> Todo:
    """One VTODO. A repeating task starts on the document's date (or, for a draft without
    one, the day the document was first ingested): an RRULE counts from DTSTART."""
    todo = Todo()
    todo.add("uid", f"{record['assignment_id']}@{UID_DOMAIN}")
    todo.add("dtstamp", stamp)
    todo.add("summary", _one_line(record["task"], SUMMARY_CHARACTERS))
    todo.add("description", _description(record, document))
    todo.add("status", "NEEDS-ACTION")
    todo.add("categories", [record["kind"]])
    issued = _date(document["issued_date"]) if document is not None else None
    if record.get("due_date"):
        todo.add("due", _date(record["due_date"]))
    if record.get("recurrence"):
        start = issued or ingested
        if start:
            todo.add("dtstart", start)
            todo.add("rrule", vRecur.from_ical(record["recurrence"]))
    return todo


def _description(record: dict, document: Optional[dict]) -> str:
    lines = []
    if document is not None:
        what = " ".join(str(v) for v in (document["doc_type"], document["symbol"]) if v)
        if document["issued_date"]:
            what += f" ngày {_date(document['issued_date']).strftime('%d/%m/%Y')}"
        if document["issuer"]:
            what += f" của {document['issuer']}"
        lines.append(f"Văn bản: {what}")
        if document["title"]:
            lines.append(f"Trích yếu: {document['title']}")
    fields = (("Mục", record.get("section")), ("Chủ trì", "; ".join(record["lead"])),
              ("Phối hợp", "; ".join(record["support"])), ("Sản phẩm", record.get("output")),
              ("Thời hạn", record.get("deadline_raw")), ("Thường xuyên", "có" if record.get("ongoing") else None),
              ("Trang", record.get("page")), ("Nguyên văn", record.get("raw")))
    lines += [f"{label}: {value}" for label, value in fields if value not in (None, "")]
    return "\n".join(lines)


def _write(path: Path, name: str, todos: Iterable[Todo]) -> int:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _one_line(f"Nhiệm vụ: {name}", SUMMARY_CHARACTERS))
    count = 0
    for todo in todos:
        calendar.add_component(todo)
        count += 1
    data = calendar.to_ical()
    write_atomically(path, lambda tmp: Path(tmp).write_bytes(data))
    return count


def _first_seen(files: Optional[pd.DataFrame]) -> dict[str, datetime.date]:
    if files is None or files.empty:
        return {}
    seen = files.dropna(subset=["first_seen"]).groupby("doc_id").first_seen.min()
    return {doc_id: datetime.date.fromisoformat(value[:10]) for doc_id, value in seen.items()}


def _date(value) -> Optional[datetime.date]:
    return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None


def _one_line(text: str, limit: int) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
