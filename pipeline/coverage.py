"""Coverage of a dataset that has no gold: what the pipeline found and what it
visibly missed, per document and in total.

A miss shows in the text itself: a `Căn cứ` line that gave no citation, a
symbol-like string (`12/2025/NĐ-CP`) of a document the text never cites (a
document cited once and named again, as `(Nghị định số 12/2025/NĐ-CP)` after
its name, is one citation, as the gold counts it), a table whose
header names who is responsible but gave no rows, a paragraph that gives a
unit a task (`chủ trì`, `giao`, `đề nghị`, `có trách nhiệm` ...) but gave no
assignment. Reads the Parquet files of an out folder; never starts Prefect.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from extractors.symbols import symbol_key
from pipeline.storage import published_dir

HEADER_FIELDS = ["doc_type", "symbol", "issuer", "issued_date", "signer_name", "title"]
# a group may end in small letters (`QĐ-TTg`, `CT-TTg`): the whole symbol, not a piece of it
SYMBOL_LIKE = re.compile(r"(?<![\w/])\d{1,5}[a-z]?(?:\.\d+)?\s?/\s?(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9&]*(?:[-/][A-ZĐ0-9&]+[a-z]*)+")
CAN_CU_LINE = re.compile(r"^\s*[-+]?\s*Căn cứ\b")
RESPONSIBLE_HEADER = re.compile(r"chủ trì|thực hiện|trách nhiệm|phụ trách|đơn vị", re.IGNORECASE)
TASK_CUE = re.compile(r"\b(?:chủ trì|giao cho|giao [A-ZĐÂỦ]|đề nghị [A-ZĐÂỦ]|có trách nhiệm|yêu cầu [A-ZĐÂỦ]|"
                      r"phối hợp với)", re.IGNORECASE)
EXAMPLES = 3  # misses of each kind shown per document in the text report


def _spans(rows: list[dict]) -> list[tuple[int, int]]:
    return [(int(r["start"]), int(r["end"])) for r in rows]


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, offset + len(line), line
        offset += len(line) + 1


def _tables(text: str) -> list[tuple[int, int, str]]:
    """(start, end, header row) of each run of TAB-separated lines."""
    tables, start, header, end = [], None, "", 0
    for s, e, line in _lines(text):
        if "\t" in line:
            if start is None:
                start, header = s, line
            end = e
        elif start is not None and line.strip():
            tables.append((start, end, header))
            start = None
    if start is not None:
        tables.append((start, end, header))
    return tables


def _left_blank(doc: dict) -> bool:
    """A draft: its header has the number or the date line, left blank for the day it is signed."""
    warnings = doc.get("warnings")
    return any(w.startswith(("blank number", "blank issue date")) for w in list(warnings if warnings is not None else []))


def document_coverage(doc: dict, citations: list[dict], assignments: list[dict]) -> dict[str, Any]:
    text = doc.get("text") or ""
    cited = _spans(citations)
    assigned = _spans(assignments)
    known = {symbol_key(doc.get("symbol") or "")} | {symbol_key(c["cited_symbol"]) for c in citations
                                                     if isinstance(c.get("cited_symbol"), str)}
    found = {f: bool(doc.get(f)) for f in HEADER_FIELDS}
    can_cu = [line.strip() for s, e, line in _lines(text) if CAN_CU_LINE.match(line) and not _covered(s, e, cited)]
    symbols = sorted({m.group(0) for m in SYMBOL_LIKE.finditer(text)
                      if not _covered(m.start(), m.end(), cited) and symbol_key(m.group(0)) not in known})
    tables = [header.replace("\t", " | ") for s, e, header in _tables(text)
              if RESPONSIBLE_HEADER.search(header) and not any(a["kind"] == "table_row" and s <= a["start"] < e
                                                               for a in assignments)]
    tasks = [line.strip() for s, e, line in _lines(text)
             if "\t" not in line and TASK_CUE.search(line) and not _covered(s, e, assigned)]
    return {
        "source_path": doc["source_path"], "doc_type": doc.get("doc_type"), "fields": found,
        "draft": _left_blank(doc),
        "citations": len(citations), "assignments": len(assignments),
        "uncited_can_cu": can_cu, "unparsed_symbols": symbols,
        "tables_without_rows": tables, "task_paragraphs_without_assignment": tasks,
    }


def _shares(per_doc: list[dict]) -> dict[str, float]:
    return {f: round(sum(d["fields"][f] for d in per_doc) / len(per_doc), 4) if per_doc else 0.0
            for f in HEADER_FIELDS}


def coverage(out_dir: str | Path) -> dict[str, Any]:
    out_dir = published_dir(out_dir)  # one version for every table
    docs = pd.read_parquet(out_dir / "documents.parquet")
    docs = docs.astype(object).where(docs.notna(), None)  # a missing field is None, never NaN
    cites = pd.read_parquet(out_dir / "citations.parquet") if (out_dir / "citations.parquet").exists() \
        else pd.DataFrame(columns=["doc_id", "start", "end"])
    tasks = pd.read_parquet(out_dir / "assignments.parquet") if (out_dir / "assignments.parquet").exists() \
        else pd.DataFrame(columns=["doc_id", "start", "end", "kind"])
    cites_by = {k: g.to_dict("records") for k, g in cites.groupby("doc_id")}
    tasks_by = {k: g.to_dict("records") for k, g in tasks.groupby("doc_id")}
    per_doc, errors = [], []
    for doc in docs.to_dict("records"):
        if doc.get("status") == "error":
            errors.append({"source_path": doc["source_path"], "reason": "; ".join(list(doc["warnings"]))})
            continue
        per_doc.append(document_coverage(doc, cites_by.get(doc["doc_id"], []), tasks_by.get(doc["doc_id"], [])))
    n = len(per_doc)
    totals = {
        "files": len(docs), "processed": n, "errors": len(errors),
        "error_share": round(len(errors) / len(docs), 4) if len(docs) else 0.0,
        "field_found_share": _shares(per_doc),
        # a draft leaves its number, date and signer blank: how often the others give them
        "issued": sum(not d["draft"] for d in per_doc),
        "field_found_share_issued": _shares([d for d in per_doc if not d["draft"]]),
        **{key: sum(len(d[key]) for d in per_doc) for key in
           ("uncited_can_cu", "unparsed_symbols", "tables_without_rows", "task_paragraphs_without_assignment")},
    }
    return {"totals": totals, "documents": per_doc, "errors": errors}


def format_coverage(result: dict[str, Any]) -> str:
    t = result["totals"]
    lines = [f"files {t['files']}, processed {t['processed']}, errors {t['errors']} ({t['error_share']:.1%})", "",
             f"header fields found: share of processed documents | of the {t['issued']} not left blank as drafts"]
    lines += [f"  {name:<14}{share:>8.1%}  | {t['field_found_share_issued'][name]:>6.1%}"
              for name, share in t["field_found_share"].items()]
    lines += ["", "visible misses (total)"]
    lines += [f"  {key:<38}{t[key]:>6}" for key in
              ("uncited_can_cu", "unparsed_symbols", "tables_without_rows", "task_paragraphs_without_assignment")]
    for doc in result["documents"]:
        missing = [f for f, ok in doc["fields"].items() if not ok]
        misses = {k: doc[k] for k in ("uncited_can_cu", "unparsed_symbols", "tables_without_rows",
                                      "task_paragraphs_without_assignment") if doc[k]}
        if not missing and not misses:
            continue
        lines.append(f"\n== {Path(doc['source_path']).name} ({doc['doc_type'] or '?'}; "
                     f"{doc['citations']} citations, {doc['assignments']} assignments)")
        if missing:
            lines.append(f"  fields not found: {', '.join(missing)}")
        for key, items in misses.items():
            lines.append(f"  {key} ({len(items)}):")
            lines += [f"    {item[:160]}" for item in items[:EXAMPLES]]
    if result["errors"]:
        lines.append("\nerrors")
        lines += [f"  {Path(e['source_path']).name}: {e['reason'][:200]}" for e in result["errors"]]
    return "\n".join(lines)
