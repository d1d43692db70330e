"""Scores a dataset against gold annotations, by the rules of the gold GUIDE.md.

Per document, then summed over the corpus: precision, recall and F1 per table,
and field accuracies over the matched pairs. Reads the Parquet files of an
out folder; never starts Prefect.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import pandas as pd
from rapidfuzz import fuzz

from pipeline.storage import published_dir
from pipeline.vntext import nfc

STRONG_RELATIONS = {"basis", "implements", "supersedes", "amends", "attachment"}
DOCUMENT_FIELDS = ["doc_type", "number", "symbol", "issuer", "place", "issued_date", "title",
                   "signer_name", "signer_position", "signing_capacity"]


def norm_symbol(symbol: Optional[str]) -> Optional[str]:
    """Case-folded, spaces removed; `Đ` stays `đ`, never `d`."""
    if not symbol:
        return None
    return re.sub(r"\s+", "", nfc(symbol)).casefold()


def ratio(a: Optional[str], b: Optional[str]) -> float:
    """Case-folded token-set ratio, 0..1."""
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(nfc(a).casefold(), nfc(b).casefold()) / 100


def whole_ratio(a: Optional[str], b: Optional[str]) -> float:
    """Case-folded ratio of the whole texts, 0..1."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(nfc(a).casefold(), nfc(b).casefold()) / 100


def token_overlap(a: Optional[str], b: Optional[str]) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    ta = set(re.findall(r"\w+", nfc(a).casefold()))
    tb = set(re.findall(r"\w+", nfc(b).casefold()))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / max(len(ta), len(tb))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]

    def add_field(self, name: str, ok: bool) -> None:
        slot = self.fields.setdefault(name, [0, 0])
        slot[0] += int(ok)
        slot[1] += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def merge(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for name, (correct, count) in other.fields.items():
            slot = self.fields.setdefault(name, [0, 0])
            slot[0] += correct
            slot[1] += count

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "fields": {k: round(c / t, 4) if t else None for k, (c, t) in self.fields.items()},
        }


def _greedy_pairs(gold: list, output: list, score: Callable[[Any, Any], Optional[float | tuple[float, ...]]]):
    """One-to-one pairs, best first; `score` returns None where a pair cannot match, and may
    return a tuple whose later terms break ties of the first."""
    candidates = []
    for gi, g in enumerate(gold):
        for oi, o in enumerate(output):
            s = score(g, o)
            if s is not None:
                candidates.append((s, gi, oi))
    def best_first(c):
        terms = c[0] if isinstance(c[0], tuple) else (c[0],)
        return tuple(-x for x in terms), c[1], c[2]

    candidates.sort(key=best_first)
    used_g, used_o, pairs = set(), set(), []
    for s, gi, oi in candidates:
        if gi not in used_g and oi not in used_o:
            used_g.add(gi)
            used_o.add(oi)
            pairs.append((gold[gi], output[oi]))
    return pairs


def _value(v):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    if hasattr(v, "tolist"):
        return v.tolist()
    return v


def _same(a, b) -> bool:
    a, b = _value(a), _value(b)
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(nfc(a).split()) == " ".join(nfc(b).split())
    return a == b


# --- per table -------------------------------------------------------------------

@dataclass
class Misses:
    """What a reader of the scores needs to fix things: each missed gold row, each
    spurious output row (with its raw text) and each wrong field, per source file."""

    source: str = ""
    rows: list[dict] = field(default_factory=list)

    def add(self, table: str, what: str, gold: Any = None, output: Any = None) -> None:
        self.rows.append({"source": self.source, "table": table, "what": what,
                          "gold": gold, "output": output})


def _brief(row: dict, names: tuple[str, ...]) -> dict:
    return {n: _value(row.get(n)) for n in names if _value(row.get(n)) not in (None, [], "")}


def score_document(gold: dict, row: Optional[dict], total: Score, misses: Optional[Misses] = None) -> None:
    for name in DOCUMENT_FIELDS:
        if name in gold:
            ok = row is not None and _same(row.get(name), gold[name])
            total.add_field(name, ok)
            if not ok and misses is not None:
                misses.add("documents", name, gold[name], _value(row.get(name)) if row else None)
    if row is None:
        total.fn += 1
    else:
        total.tp += 1


def _citation_key(c: dict):
    symbol = norm_symbol(_value(c.get("cited_symbol")))
    if symbol:
        return ("symbol", symbol)
    return ("type_date", _value(c.get("cited_type")), _value(c.get("cited_date")))


CITATION_BRIEF = ("relation", "cited_type", "cited_symbol", "cited_date", "raw")


def _report_unpaired(misses: Optional[Misses], table: str, gold: list, output: list, pairs: list,
                     names: tuple[str, ...]) -> None:
    if misses is None:
        return
    paired_gold = {id(g) for g, _ in pairs}
    paired_out = {id(o) for _, o in pairs}
    for g in gold:
        if id(g) not in paired_gold:
            misses.add(table, "missed", _brief(g, names))
    for o in output:
        if id(o) not in paired_out:
            misses.add(table, "spurious", None, _brief(o, names))


def score_citations(gold: list[dict], output: list[dict], total: Score, misses: Optional[Misses] = None) -> None:
    strong = {_citation_key(g) for g in gold if g["relation"] in STRONG_RELATIONS}
    seen, considered = set(), []
    for o in output:
        key = (_citation_key(o), o["relation"])
        if key in seen:
            continue  # the guide counts a document once per relation
        seen.add(key)
        if o["relation"] == "reference" and key[0] in strong:
            continue  # neither credited nor counted against the output
        considered.append(o)
    pairs = _greedy_pairs(
        gold, considered,
        lambda g, o: 1.0 if _citation_key(g) == _citation_key(o) and g["relation"] == o["relation"] else None,
    )
    total.tp += len(pairs)
    total.fp += len(considered) - len(pairs)
    total.fn += len(gold) - len(pairs)
    _report_unpaired(misses, "citations", gold, considered, pairs, CITATION_BRIEF)
    for g, o in pairs:
        total.add_field("cited_date", _same(o.get("cited_date"), g.get("cited_date")))
        total.add_field("cited_type", _same(o.get("cited_type"), g.get("cited_type")))
        total.add_field("cited_issuer", token_overlap(_value(o.get("cited_issuer")), g.get("cited_issuer")) >= 0.6)


def score_edges(gold: list[dict], output: list[dict], total: Score, misses: Optional[Misses] = None) -> None:
    gold_set = {(norm_symbol(g["src"]), g["relation"], norm_symbol(g["dst"])) for g in gold}
    out_set = {(norm_symbol(_value(o["src_symbol"])), o["relation"], norm_symbol(_value(o["dst_symbol"])))
               for o in output}
    hits = gold_set & out_set
    total.tp += len(hits)
    total.fp += len(out_set - gold_set)
    total.fn += len(gold_set - out_set)
    if misses is not None:
        for edge in sorted(gold_set - out_set, key=str):
            misses.add("derived_edges", "missed", " ".join(map(str, edge)))
        for edge in sorted(out_set - gold_set, key=str):
            misses.add("derived_edges", "spurious", None, " ".join(map(str, edge)))


ROLE_BRIEF = ("body", "position", "holder", "person_name", "raw")


def score_roles(gold: list[dict], output: list[dict], total: Score, misses: Optional[Misses] = None) -> None:
    def match(g, o):
        if (g.get("position") or "").casefold() != (_value(o.get("position")) or "").casefold():
            return None
        s = ratio(g.get("holder"), _value(o.get("holder")))
        return s if s >= 0.8 else None

    pairs = _greedy_pairs(gold, output, match)
    total.tp += len(pairs)
    total.fp += len(output) - len(pairs)
    total.fn += len(gold) - len(pairs)
    _report_unpaired(misses, "roles", gold, output, pairs, ROLE_BRIEF)
    for g, o in pairs:
        total.add_field("person_name", _same(o.get("person_name"), g.get("person_name")))


def leads_agree(gold_leads: list[str], out_leads: list[str]) -> bool:
    if len(gold_leads) != len(out_leads):
        return False
    pairs = _greedy_pairs(gold_leads, out_leads, lambda g, o: r if (r := ratio(g, o)) >= 0.85 else None)
    return len(pairs) == len(gold_leads)


ASSIGNMENT_BRIEF = ("kind", "lead", "task", "support", "deadline_raw", "due_date", "recurrence", "raw")


def score_assignments(gold: list[dict], output: list[dict], total: Score, by_kind: dict[str, Score],
                      misses: Optional[Misses] = None) -> None:
    def match(g, o):
        if not leads_agree(list(g.get("lead") or []), list(_value(o.get("lead")) or [])):
            return None
        s = ratio(g.get("task"), _value(o.get("task")))
        # a task whose words all stand in a longer one scores 1.0 against both: the closer whole text
        # breaks the tie, so pairs do not hang on the order rows were stored in
        return (s, whole_ratio(g.get("task"), _value(o.get("task")))) if s >= 0.7 else None

    pairs = _greedy_pairs(gold, output, match)
    matched_gold = {id(g) for g, _ in pairs}
    matched_out = {id(o) for _, o in pairs}
    total.tp += len(pairs)
    total.fp += len(output) - len(pairs)
    total.fn += len(gold) - len(pairs)
    _report_unpaired(misses, "assignments", gold, output, pairs, ASSIGNMENT_BRIEF)
    for g in gold:
        kind = by_kind.setdefault(g["kind"], Score())
        if id(g) in matched_gold:
            kind.tp += 1
        else:
            kind.fn += 1
    for o in output:
        if id(o) not in matched_out:
            by_kind.setdefault(o["kind"], Score()).fp += 1
    for g, o in pairs:
        support_out = {s.casefold() for s in (_value(o.get("support")) or [])}
        support_gold = {s.casefold() for s in (g.get("support") or [])}
        checks = {
            "support": support_out == support_gold,
            "due_date": _same(o.get("due_date"), g.get("due_date")),
            "recurrence": _same(o.get("recurrence"), g.get("recurrence")),
            "ongoing": bool(_value(o.get("ongoing"))) == bool(g.get("ongoing")),
        }
        for name, ok in checks.items():
            total.add_field(name, ok)
            if not ok and misses is not None:
                misses.add("assignments", name, _brief(g, ("task", name)), _brief(o, (name, "raw")))


# --- corpus --------------------------------------------------------------------

def _load_table(out_dir: Path, table: str) -> pd.DataFrame:
    path = out_dir / f"{table}.parquet"
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)


def _rows_for(df: pd.DataFrame, doc_id: Optional[str]) -> list[dict]:
    if doc_id is None or df.empty:
        return []
    return df[df["doc_id"] == doc_id].to_dict("records")


def _derived_edges_for(edges: pd.DataFrame, doc_id: Optional[str]) -> list[dict]:
    """Derived edges the document states (an edge lists every document stating it)."""
    if doc_id is None or edges.empty:
        return []
    rows = edges[edges["derived"].astype(bool)].to_dict("records")
    return [e for e in rows if doc_id in list(_value(e.get("doc_ids")) or [e["doc_id"]])]


def evaluate(gold_dir: str | Path, out_dir: str | Path, misses: Optional[list[dict]] = None) -> dict[str, Any]:
    """Scores per table; `misses`, when given, receives every miss (see `Misses`)."""
    gold_dir, out_dir = Path(gold_dir), published_dir(out_dir)  # one version for every table
    tables = {t: _load_table(out_dir, t) for t in ("documents", "citations", "edges", "roles", "assignments")}
    docs = tables["documents"]
    by_name: dict[str, dict] = {}
    if not docs.empty:
        for row in docs.to_dict("records"):
            by_name.setdefault(Path(row["source_path"]).name, row)
            # a copy in another format (a scan, a .docx) is scored against the same gold
            by_name.setdefault(Path(row["source_path"]).stem, row)
    scores = {name: Score() for name in ("documents", "citations", "derived_edges", "roles", "assignments")}
    by_kind: dict[str, Score] = {}
    per_document: dict[str, dict] = {}
    gold_files = sorted(gold_dir.glob("*.json"))
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        row = by_name.get(gold["source"]) or by_name.get(Path(gold["source"]).stem)
        doc_id = row["doc_id"] if row else None
        found = Misses(gold["source"]) if misses is not None else None
        score_document(gold["document"], row, scores["documents"], found)
        score_citations(gold.get("citations", []), _rows_for(tables["citations"], doc_id), scores["citations"],
                        found)
        edges = _derived_edges_for(tables["edges"], doc_id)
        score_edges(gold.get("derived_edges", []), edges, scores["derived_edges"], found)
        score_roles(gold.get("roles", []), _rows_for(tables["roles"], doc_id), scores["roles"], found)
        own = Score()
        score_assignments(gold.get("assignments", []), _rows_for(tables["assignments"], doc_id), own, by_kind,
                          found)
        scores["assignments"].merge(own)
        if own.tp + own.fp + own.fn:
            per_document[gold["source"]] = {"f1": round(own.f1, 4), "tp": own.tp, "fp": own.fp, "fn": own.fn}
        if found is not None:
            misses.extend(found.rows)
    result = {name: s.as_dict() for name, s in scores.items()}
    result["assignments"]["by_kind"] = {k: s.as_dict() for k, s in sorted(by_kind.items())}
    result["assignments"]["per_document"] = per_document
    result["assignments"]["macro_f1"] = (round(sum(d["f1"] for d in per_document.values()) / len(per_document), 4)
                                         if per_document else None)
    result["gold_documents"] = len(gold_files)
    return result


def format_report(result: dict[str, Any]) -> str:
    lines = [f"gold documents: {result['gold_documents']}", ""]
    lines.append(f"{'table':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name in ("documents", "citations", "derived_edges", "roles", "assignments"):
        s = result[name]
        lines.append(f"{name:<16}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
                     f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    for kind, s in result["assignments"].get("by_kind", {}).items():
        label = f"  kind={kind}"
        lines.append(f"{label:<16}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
                     f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    if result["assignments"].get("macro_f1") is not None:
        lines.append(f"  per-document macro-F1{result['assignments']['macro_f1']:>17.3f}")
        below = {k: d for k, d in result["assignments"]["per_document"].items() if d["f1"] < 1}
        for source, d in sorted(below.items(), key=lambda kv: kv[1]["f1"]):
            lines.append(f"    {source[:38]:<38}{d['f1']:>8.3f}{d['tp']:>6}{d['fp']:>6}{d['fn']:>6}")
    lines.append("")
    lines.append("field accuracy (over matched rows)")
    for name in ("documents", "citations", "roles", "assignments"):
        for fname, acc in result[name]["fields"].items():
            shown = "n/a" if acc is None else f"{acc:.3f}"
            lines.append(f"  {name}.{fname:<22}{shown:>8}")
    return "\n".join(lines)


def format_misses(misses: list[dict]) -> str:
    """Misses grouped by source file: `missed` (gold not found), `spurious`
    (output not in gold), or a field name (matched row, wrong value)."""
    lines: list[str] = []
    source = None
    for m in misses:
        if m["source"] != source:
            source = m["source"]
            lines.append(f"\n== {source}")
        gold = json.dumps(m["gold"], ensure_ascii=False) if m["gold"] is not None else "-"
        output = json.dumps(m["output"], ensure_ascii=False) if m["output"] is not None else "-"
        lines.append(f"  {m['table']:<13} {m['what']:<16} gold: {gold}")
        if m["output"] is not None or m["what"] not in ("missed",):
            lines.append(f"  {'':<13} {'':<16} out:  {output}")
    return "\n".join(lines)
