"""`vanban report`: the dataset as a static site an auditor opens from disk, no server and
no network: an index of documents, a page per document (its text with every extracted span
marked and linked to its row, its rows linked back to their evidence, its legal-basis
chains), the corpus graph, and a page per unit with its tasks, the overdue first.
Pages are Jinja2 templates (`templates/`); assets are copied beside them."""
from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import duckdb
import jinja2

from pipeline.exports import ExportError, read_tables, records, unit_slugs
from pipeline.report.graph import RELATION_COLORS, graph_svg, tree_keys
from pipeline.report.marks import (COLORS, KINDS, RELATION_LABELS, document_marks, line_of, marked_lines,
                                   row_id)
from pipeline.report.regions import cut_regions, evidence_boxes, page_words
from pipeline.storage import DB_NAME, published_dir
from pipeline.trace import format_tree, load_graph, walk

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = Path(__file__).with_name("assets")
TABLES = ["documents", "citations", "roles", "assignments", "units", "edges"]
OCR_FORMATS = ("pdf_ocr", "image_ocr")
# the per-document tables a page lists: the prefix of their rows' anchors, and their id column
ROW_IDS = {"citations": ("c", "citation_id"), "roles": ("r", "role_id"), "assignments": ("a", "assignment_id")}


@dataclass(frozen=True)
class Task:
    """An assignment as a unit's page lists it."""
    row: dict
    document: dict
    role: str  # chủ trì | phối hợp
    standing: str  # quá hạn | trong tháng | sắp tới | định kỳ | thường xuyên | không nêu hạn
    order: tuple


def build_site(out: str | Path, to: str | Path, today: Optional[datetime.date] = None,
               on_page: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Write the site into `to` (replaced whole once complete); pages per kind."""
    today = today or datetime.date.today()
    tables = read_tables(out, TABLES)
    documents = records(tables["documents"])
    by_doc = {name: _by_document(records(tables[name])) if name in tables else {}
              for name in ROW_IDS}
    graph = load_graph(published_dir(out) / DB_NAME)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(colors=COLORS, kinds=KINDS, generated=today.isoformat())
    target = Path(to)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        shutil.copytree(ASSETS, building / "assets")
        counts = _write_pages(env, building, documents, by_doc, graph, today, on_page,
                              published_dir(out) / "ocr_words.parquet")
        _replace_dir(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return counts


def _write_pages(env, site: Path, documents: list[dict], by_doc: dict, graph, today, on_page,
                 ocr_words: Path) -> dict[str, int]:
    pages = {"index": 1, "documents": 0, "units": 0, "graph": 1}
    known = {d["doc_id"] for d in documents if d["status"] == "ok"}
    link_from = lambda prefix: (lambda node: f"{prefix}documents/{node.doc_id}.html"  # noqa: E731
                                if node.doc_id in known else None)
    (site / "documents").mkdir()
    summaries = []
    for document in documents:
        rows = {name: by_doc[name].get(document["doc_id"], []) for name in by_doc}
        summaries.append(_summary(document, rows))
        context = _document_page(document, rows, graph, link_from("../"))
        if document["source_format"] in OCR_FORMATS:
            _scan_regions(document, rows, site / "documents", ocr_words)
        _render(env, "document.html", site / "documents" / f"{document['doc_id']}.html", root="../", **context)
        pages["documents"] += 1
        if on_page:
            on_page(1)
    _render(env, "index.html", site / "index.html", root="", documents=summaries)
    _render(env, "graph.html", site / "graph.html", root="", svg=graph_svg(graph, None, link_from("")),
            nodes=len(graph.nodes), relations=_relations())
    units = _unit_tasks(documents, by_doc["assignments"], today)
    slugs = unit_slugs(units)
    (site / "units").mkdir()
    for unit, tasks in units.items():
        _render(env, "unit.html", site / "units" / f"{slugs[unit]}.html", root="../", unit=unit, tasks=tasks)
        pages["units"] += 1
    _render(env, "units.html", site / "units" / "index.html", root="../",
            units=[{"name": u, "slug": slugs[u], "tasks": len(t), "overdue": sum(x.standing == "quá hạn" for x in t),
                    "this_month": sum(x.standing == "trong tháng" for x in t)} for u, t in units.items()])
    return pages


def _document_page(document: dict, rows: dict, graph, link) -> dict:
    text = document["text"] or ""
    marks = document_marks(text, rows["citations"], rows["roles"], rows["assignments"])
    lines = marked_lines(text, marks)
    for name, (kind, ident) in ROW_IDS.items():
        for row in rows[name]:
            row["anchor"] = row_id(kind, row[ident])
            row["line"] = line_of(lines, row["start"])
    key = document["doc_key"] or f"draft:{document['doc_id']}"
    chains, svg = [], None
    if key in graph.nodes:  # its chains both ways, walked once: printed as `trace` prints them, and drawn
        trees = [walk(graph, key, way) for way in ("up", "down")]
        chains = [format_tree(tree) for tree in trees]
        svg = graph_svg(graph, set().union(*map(tree_keys, trees)), link, focus=key)
    return {"doc": document, "lines": lines, "citations": rows["citations"], "roles": rows["roles"],
            "assignments": rows["assignments"], "chains": chains, "svg": svg,
            "kinds_marked": sorted({kind for kind, labels in KINDS.items() for m in marks if m.label in labels})}


def _scan_regions(document: dict, rows: dict, folder: Path, ocr_words: Path) -> None:
    """Each row with a page gets the region of the scan its evidence stands on (`region`,
    an image beside the page), where OCR's words for that page read as its text."""
    if not ocr_words.exists():
        return
    with duckdb.connect() as con:
        words = con.execute("SELECT page, text, x0, top, x1, bottom, turned FROM read_parquet(?) WHERE doc_id = ?",
                            [str(ocr_words), document["doc_id"]]).fetchall()
    pages = page_words([dict(zip(("page", "text", "x0", "top", "x1", "bottom"), w)) for w in words])
    turned = {w[0]: w[6] for w in words}
    wanted: dict[int, dict[str, tuple]] = defaultdict(dict)
    for row in (r for name in ROW_IDS for r in rows[name]):
        box = evidence_boxes(row["raw"], pages.get(row["page"], [])) if row["page"] else None
        if box:
            wanted[row["page"]][row["anchor"]] = box
    if wanted:
        (folder / "img").mkdir(exist_ok=True)
        made = cut_regions(document["source_path"], document["source_format"], wanted, turned, folder / "img",
                           document["doc_id"])
        for row in (r for name in ROW_IDS for r in rows[name]):
            if row["anchor"] in made:
                row["region"] = f"img/{made[row['anchor']]}"


def _summary(document: dict, rows: dict) -> dict:
    return {**{k: document[k] for k in ("doc_id", "doc_type", "symbol", "issuer", "issued_date", "title", "status",
                                        "source_path", "ocr_confidence")},
            "citations": len(rows["citations"]), "roles": len(rows["roles"]), "assignments": len(rows["assignments"]),
            "warnings": len(document["warnings"] or [])}


def _unit_tasks(documents: list[dict], assignments: dict[str, list[dict]], today: datetime.date) -> dict[str, list[Task]]:
    """Each unit's tasks across documents, as it leads or supports them: overdue first, then
    those due this month, then by due date; repeating, ongoing and undated ones after."""
    by_id = {d["doc_id"]: d for d in documents}
    units: dict[str, list[Task]] = defaultdict(list)
    for doc_id, rows in assignments.items():
        for row in rows:
            standing, order = _standing(row, today)
            for role, names in (("chủ trì", row["lead"]), ("phối hợp", row["support"])):
                for unit in names or []:
                    units[unit].append(Task(row, by_id[doc_id], role, standing, order))
    return {unit: sorted(tasks, key=lambda t: t.order) for unit, tasks in sorted(units.items())}


def _standing(row: dict, today: datetime.date) -> tuple[str, tuple]:
    if row["due_date"]:
        due = datetime.date.fromisoformat(row["due_date"])
        if due < today:
            return "quá hạn", (0, due.isoformat())
        if (due.year, due.month) == (today.year, today.month):
            return "trong tháng", (1, due.isoformat())
        return "sắp tới", (2, due.isoformat())
    if row["recurrence"]:
        return "định kỳ", (3, "")
    if row["ongoing"]:
        return "thường xuyên", (4, "")
    return "không nêu hạn", (5, "")


def _relations() -> list[dict]:
    return [{"name": r, "label": RELATION_LABELS[r], "color": c} for r, c in RELATION_COLORS.items()]


def _by_document(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return grouped


def _render(env: jinja2.Environment, template: str, path: Path, **context) -> None:
    path.write_text(env.get_template(template).render(**context), encoding="utf-8")


def _replace_dir(built: Path, target: Path) -> None:
    """The new site in place of the old in two renames: the old one is set aside, then removed."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(built, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
