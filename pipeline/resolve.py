"""Corpus-level resolution, run after every batch of a run is stored.

What one document cannot know alone:
- the year of a document cited without a date, when the rest of the corpus
  names that symbol (and locality) with exactly one year;
- contradictions between citations: one symbol with two dates (in one
  document, or in one year across documents), one number and date under two
  symbols (`269/2025/NQ-CP` and `269/2025/NĐ-CP`), one symbol under two
  types, a citation of a document that another document says it supersedes;
- the `edges` table: one row per (src_key, relation, dst_key), built from
  every document's edge evidence with the resolved keys;
- the `units` table: each unit's one name per locality, its aliases and how
  many assignments name it; near-identical spellings fold into one.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Optional

import pandas as pd

from extractors.keys import locality_phrase
from extractors.units import UnitResolver, split_unit_cell
from models import EdgeRow, UnitRow
from pipeline.storage import DatasetStore


def _split(key: str) -> tuple[str, str, str]:
    parts = key.split("|")
    return parts[0], parts[1] if len(parts) > 1 else "?", parts[2] if len(parts) > 2 else ""


def resolve_years(keys: list[str]) -> dict[str, str]:
    """Map each key with an unknown year to the one known key of the same
    symbol and locality, where there is exactly one."""
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in keys:
        symbol, year, locality = _split(key)
        if year != "?":
            known[(symbol, locality)].add(key)
    mapping = {}
    for key in keys:
        symbol, year, locality = _split(key)
        if year == "?" and len(known.get((symbol, locality), ())) == 1:
            mapping[key] = next(iter(known[(symbol, locality)]))
    return mapping


def corpus_warnings(cit: pd.DataFrame, sources: dict[str, str]) -> dict[str, list[str]]:
    """citation_id -> warnings that only the corpus shows."""
    out: dict[str, list[str]] = defaultdict(list)
    dated = cit[cit["cited_date"].notna() & cit["cited_symbol"].notna()]
    # within one document a symbol names one document, whatever issuer a mention omits
    by_doc = dated.assign(symbol=dated["cited_key"].map(lambda k: _split(k)[0]),
                          base=dated["cited_key"].map(lambda k: _split(k)[0] + "|" + _split(k)[2]))
    for (doc_id, _), group in by_doc.groupby(["doc_id", "symbol"]):
        dates = sorted(set(group["cited_date"]))
        if len(dates) > 1:
            for cid in group["citation_id"]:
                out[cid].append(f"same document cited with two dates in this document: {', '.join(dates)}")
    by_year = by_doc.assign(year=by_doc["cited_date"].str[:4])
    for _, group in by_year.groupby(["base", "year"]):
        if group["doc_id"].nunique() > 1 and group["cited_date"].nunique() > 1:
            dates = ", ".join(sorted(set(group["cited_date"])))
            for cid in group["citation_id"]:
                out[cid].append(f"same symbol cited with different dates across the corpus: {dates}")
    for (number, date), group in dated[dated["cited_number"].notna()].groupby(["cited_number", "cited_date"]):
        suffixes = group["cited_symbol"].map(lambda s: s.rsplit("-", 1)[-1].rsplit("/", 1)[-1])
        for _, same_issuer in group.groupby(suffixes):
            symbols = sorted(set(same_issuer["cited_symbol"]))
            if len(symbols) > 1:
                for _, row in same_issuer.iterrows():
                    others = [s for s in symbols if s != row["cited_symbol"]]
                    out[row["citation_id"]].append(
                        f"same number and date cited as '{', '.join(others)}'")
    typed = cit[cit["cited_symbol"].notna() & cit["cited_type"].notna()]
    for key, group in typed.groupby("cited_key"):
        types = sorted(set(group["cited_type"]))
        if len(types) > 1:
            for cid in group["citation_id"]:
                out[cid].append(f"same document cited as {' and '.join(types)}")
    superseded = cit[cit["relation"] == "supersedes"]
    by_key = defaultdict(set)
    for _, row in superseded.iterrows():
        by_key[row["cited_key"]].add(row["doc_id"])
    for _, row in cit[cit["cited_key"].isin(by_key) & (cit["relation"] != "supersedes")].iterrows():
        superseders = by_key[row["cited_key"]] - {row["doc_id"]}
        if superseders:
            names = ", ".join(sorted(sources.get(d, d) for d in superseders))
            out[row["citation_id"]].append(f"cites a document superseded by {names}")
    return out


def build_edges(evidence: pd.DataFrame, mapping: dict[str, str]) -> list[EdgeRow]:
    grouped: dict[tuple[str, str, str], EdgeRow] = {}
    evidence = evidence.astype(object).where(evidence.notna(), None)
    for row in evidence.itertuples(index=False):
        src = mapping.get(row.src_key, row.src_key)
        dst = mapping.get(row.dst_key, row.dst_key)
        key = (src, row.relation, dst)
        edge = grouped.get(key)
        if edge is None:
            grouped[key] = EdgeRow(src, dst, row.src_symbol, row.dst_symbol, row.relation, row.doc_id,
                                   bool(row.derived), [row.doc_id])
            continue
        edge.derived = edge.derived and bool(row.derived)
        edge.src_symbol = edge.src_symbol or row.src_symbol
        edge.dst_symbol = edge.dst_symbol or row.dst_symbol
        if row.doc_id not in edge.doc_ids:
            edge.doc_ids.append(row.doc_id)
            edge.doc_ids.sort()
            edge.doc_id = edge.doc_ids[0]
    return list(grouped.values())


def resolve_units(assignments: pd.DataFrame, documents: pd.DataFrame) -> tuple[list[UnitRow], dict[str, dict]]:
    """The units table, and for each assignment whose unit names fold into
    another spelling, its corrected lead and support lists.

    Names from the alias table are already canonical; other names of one
    locality that rapidfuzz finds near-identical get the most used spelling."""
    locality = {d: locality_phrase(i) or p for d, i, p in
                zip(documents["doc_id"], documents["issuer"], documents["place"])}
    uses: dict[tuple[Optional[str], str], Counter] = defaultdict(Counter)
    for row in assignments.itertuples(index=False):
        for name in list(row.lead) + list(row.support):
            uses[(locality.get(row.doc_id), name)]["count"] += 1
    mapping: dict[tuple[Optional[str], str], str] = {}
    by_locality: dict[Optional[str], list[str]] = defaultdict(list)
    for (place, name), counter in sorted(uses.items(), key=lambda kv: -kv[1]["count"]):
        by_locality[place].append(name)
    for place, names in by_locality.items():
        resolver = UnitResolver()
        for name in names:  # most used first: it becomes the spelling the others fold into
            mapping[(place, name)] = resolver.resolve(name)
    units: dict[tuple[Optional[str], str], UnitRow] = {}
    changed: dict[str, dict] = {}
    for row in assignments.itertuples(index=False):
        place = locality.get(row.doc_id)
        lead = [mapping[(place, n)] for n in row.lead]
        support = [mapping[(place, n)] for n in row.support]
        if lead != list(row.lead) or support != list(row.support):
            changed[row.assignment_id] = {"lead": lead, "support": support}
        for name in lead + support:
            unit = units.setdefault((place, name), UnitRow(name=name, locality=place))
            unit.assignment_count += 1
        phrases = [row.lead_raw] + (list(row.support_raw) if row.support_raw is not None else [])
        for phrase in filter(None, phrases):
            for span in split_unit_cell(phrase):
                name = mapping.get((place, span.name)) if span.name else None
                alias = " ".join(span.raw.split()).strip(" ,;.")
                if name and (place, name) in units and alias != name and alias not in units[(place, name)].aliases:
                    units[(place, name)].aliases.append(alias)
    for unit in units.values():
        unit.aliases.sort()
    return sorted(units.values(), key=lambda u: (u.locality or "", u.name)), changed


def resolve_corpus(store: DatasetStore) -> None:
    con = store.con
    cit = con.execute(
        "SELECT doc_id, citation_id, relation, cited_type, cited_number, cited_symbol, cited_date, "
        "cited_key, doc_warnings FROM citations"
    ).df()
    docs = con.execute("SELECT doc_id, doc_key, source_path FROM documents WHERE status = 'ok'").df()
    evidence = con.execute("SELECT * FROM edge_evidence").df()

    all_keys = list(cit["cited_key"].dropna()) + list(docs["doc_key"].dropna())
    mapping = resolve_years(all_keys)
    if not cit.empty:
        cit["cited_key"] = cit["cited_key"].map(lambda k: mapping.get(k, k) if isinstance(k, str) else k)
        extra = corpus_warnings(cit[cit["cited_key"].notna()], dict(zip(docs["doc_id"], docs["source_path"])))
        cit["warnings"] = [list(w) + extra.get(cid, []) for w, cid in zip(cit["doc_warnings"], cit["citation_id"])]
        resolved = cit[["citation_id", "cited_key", "warnings"]]
        con.register("resolved_citations", resolved)
        try:
            con.execute(
                "UPDATE citations SET cited_key = r.cited_key, warnings = r.warnings "
                "FROM resolved_citations r WHERE citations.citation_id = r.citation_id"
            )
        finally:
            con.unregister("resolved_citations")
    store.replace_table("edges", build_edges(evidence, mapping) if not evidence.empty else [])

    assignments = con.execute(
        "SELECT doc_id, assignment_id, lead, support, lead_raw, support_raw FROM assignments"
    ).df()
    documents = con.execute("SELECT doc_id, issuer, place FROM documents WHERE status = 'ok'").df()
    units, changed = resolve_units(assignments, documents) if not assignments.empty else ([], {})
    if changed:
        fixes = pd.DataFrame([{"assignment_id": k, **v} for k, v in changed.items()])
        con.register("unit_fixes", fixes)
        try:
            con.execute("UPDATE assignments SET lead = f.lead, support = f.support "
                        "FROM unit_fixes f WHERE assignments.assignment_id = f.assignment_id")
        finally:
            con.unregister("unit_fixes")
    store.replace_table("units", units)
