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

The work runs as SQL inside DuckDB, whose memory is bounded, so this stage
does not grow with the corpus in Python; Python sees only distinct unit names
and distinct raw unit phrases.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import pandas as pd

from extractors.keys import locality_phrase
from extractors.units import UnitResolver, split_unit_cell
from models import UnitRow
from pipeline.storage import DatasetStore

# A key with an unknown year ("358/kh-ubnd|?|thành phố hải phòng") takes the one
# key of the same symbol and locality whose year is known, when there is exactly one.
KEY_MAP_SQL = """
CREATE OR REPLACE TEMP TABLE all_keys AS
  SELECT DISTINCT k AS key, split_part(k, '|', 1) AS sym, split_part(k, '|', 2) AS yr, split_part(k, '|', 3) AS loc
  FROM (SELECT cited_key AS k FROM citations WHERE cited_key IS NOT NULL
        UNION SELECT doc_key FROM documents WHERE doc_key IS NOT NULL AND status = 'ok'
        -- the evidence keeps the keys as extracted, so a rerun maps them again
        UNION SELECT src_key FROM edge_evidence UNION SELECT dst_key FROM edge_evidence);
CREATE OR REPLACE TEMP TABLE key_map AS
  SELECT u.key AS old_key, min(k.key) AS new_key
  FROM all_keys u JOIN all_keys k ON u.sym = k.sym AND u.loc = k.loc AND k.yr <> '?'
  WHERE u.yr = '?' GROUP BY u.key HAVING count(DISTINCT k.key) = 1;
UPDATE citations SET cited_key = m.new_key FROM key_map m WHERE citations.cited_key = m.old_key;
"""

# Each query gives (citation_id, warning) rows for one kind of contradiction.
CORPUS_WARNINGS_SQL = [
    # one symbol, two dates, in one document
    """SELECT c.citation_id, 'same document cited with two dates in this document: ' || g.dates
       FROM citations c JOIN (
         SELECT doc_id, split_part(cited_key, '|', 1) AS sym,
                string_agg(DISTINCT cited_date, ', ' ORDER BY cited_date) AS dates, count(DISTINCT cited_date) AS n
         FROM citations WHERE cited_date IS NOT NULL AND cited_symbol IS NOT NULL AND cited_key IS NOT NULL
         GROUP BY 1, 2) g ON c.doc_id = g.doc_id AND split_part(c.cited_key, '|', 1) = g.sym
       WHERE g.n > 1 AND c.cited_date IS NOT NULL""",
    # one symbol and locality, two dates in the same year, across documents
    """SELECT c.citation_id, 'same symbol cited with different dates across the corpus: ' || g.dates
       FROM citations c JOIN (
         SELECT split_part(cited_key, '|', 1) AS sym, split_part(cited_key, '|', 3) AS loc, left(cited_date, 4) AS yr,
                string_agg(DISTINCT cited_date, ', ' ORDER BY cited_date) AS dates
         FROM citations WHERE cited_date IS NOT NULL AND cited_symbol IS NOT NULL AND cited_key IS NOT NULL
         GROUP BY 1, 2, 3 HAVING count(DISTINCT doc_id) > 1 AND count(DISTINCT cited_date) > 1) g
       ON split_part(c.cited_key, '|', 1) = g.sym AND split_part(c.cited_key, '|', 3) = g.loc
          AND left(c.cited_date, 4) = g.yr""",
    # one number and date, two symbols of one issuer (269/2025/NQ-CP and 269/2025/NĐ-CP)
    """SELECT c.citation_id, 'same number and date cited as ''' || string_agg(DISTINCT o.cited_symbol, ', '
                                                                     ORDER BY o.cited_symbol) || ''''
       FROM citations c JOIN citations o
         ON o.cited_number = c.cited_number AND o.cited_date = c.cited_date AND o.cited_symbol <> c.cited_symbol
        AND regexp_extract(o.cited_symbol, '[^-/]+$') = regexp_extract(c.cited_symbol, '[^-/]+$')
       GROUP BY c.citation_id""",
    # one document, two types
    """SELECT c.citation_id, 'same document cited as ' || g.types
       FROM citations c JOIN (
         SELECT cited_key, string_agg(DISTINCT cited_type, ' and ' ORDER BY cited_type) AS types
         FROM citations WHERE cited_symbol IS NOT NULL AND cited_type IS NOT NULL AND cited_key IS NOT NULL
         GROUP BY 1 HAVING count(DISTINCT cited_type) > 1) g ON c.cited_key = g.cited_key""",
    # a citation of a document that another document of the corpus supersedes
    """SELECT c.citation_id,
              'cites a document superseded by ' || string_agg(DISTINCT d.source_path, ', ' ORDER BY d.source_path)
       FROM citations c
       JOIN citations s ON s.relation = 'supersedes' AND s.cited_key = c.cited_key AND s.doc_id <> c.doc_id
       JOIN documents d ON d.doc_id = s.doc_id
       WHERE c.relation <> 'supersedes' GROUP BY c.citation_id""",
]

EDGES_SQL = """
DELETE FROM edges;
INSERT INTO edges (src_key, dst_key, src_symbol, dst_symbol, relation, doc_id, derived, doc_ids)
SELECT src, dst, max(src_symbol), max(dst_symbol), relation, min(doc_id), bool_and(derived),
       list(DISTINCT doc_id ORDER BY doc_id)
FROM (SELECT coalesce(ms.new_key, e.src_key) AS src, coalesce(md.new_key, e.dst_key) AS dst, e.*
      FROM edge_evidence e LEFT JOIN key_map ms ON e.src_key = ms.old_key
                           LEFT JOIN key_map md ON e.dst_key = md.old_key)
GROUP BY src, relation, dst;
"""


def _split(key: str) -> tuple[str, str, str]:
    parts = key.split("|")
    return parts[0], parts[1] if len(parts) > 1 else "?", parts[2] if len(parts) > 2 else ""


def resolve_years(keys: list[str]) -> dict[str, str]:
    """The rule of `KEY_MAP_SQL`, for a list of keys in hand."""
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


def _warnings(con) -> None:
    """`warnings` = the document's own (`doc_warnings`) + what the corpus shows."""
    con.execute("UPDATE citations SET warnings = doc_warnings")
    union = " UNION ALL ".join(f"({query})" for query in CORPUS_WARNINGS_SQL)
    con.execute(f"CREATE OR REPLACE TEMP TABLE corpus_warnings AS "
                f"SELECT citation_id, list(w ORDER BY w) AS ws FROM ({union}) t(citation_id, w) GROUP BY 1")
    con.execute("UPDATE citations SET warnings = list_concat(doc_warnings, cw.ws) FROM corpus_warnings cw "
                "WHERE citations.citation_id = cw.citation_id")


def resolve_units(con) -> list[UnitRow]:
    """The units table; within a locality, names rapidfuzz finds near-identical
    fold into the most used spelling, and assignments are corrected to it."""
    documents = con.execute("SELECT doc_id, issuer, place FROM documents WHERE status = 'ok'").fetchall()
    localities = pd.DataFrame([(d, locality_phrase(i) or p) for d, i, p in documents], columns=["doc_id", "locality"])
    con.register("doc_locality", localities)
    try:
        uses = con.execute("""
            SELECT l.locality, n.name, count(*) AS uses
            FROM (SELECT doc_id, unnest(list_concat(lead, support)) AS name FROM assignments) n
            JOIN doc_locality l USING (doc_id) GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""").fetchall()
        mapping: dict[tuple[Optional[str], str], str] = {}
        resolvers: dict[Optional[str], UnitResolver] = defaultdict(UnitResolver)
        for place, name, _ in uses:  # most used first: it becomes the spelling the others fold into
            mapping[(place, name)] = resolvers[place].resolve(name)
        changed = [(place, old, new) for (place, old), new in mapping.items() if old != new]
        if changed:
            _rename_units(con, changed)
        counts = con.execute("""
            SELECT l.locality, n.name, count(DISTINCT n.assignment_id)
            FROM (SELECT doc_id, assignment_id, unnest(list_concat(lead, support)) AS name FROM assignments) n
            JOIN doc_locality l USING (doc_id) GROUP BY 1, 2""").fetchall()
        phrases = con.execute("""
            SELECT DISTINCT l.locality, p.phrase
            FROM (SELECT doc_id, lead_raw AS phrase FROM assignments
                  UNION ALL SELECT doc_id, unnest(support_raw) FROM assignments) p
            JOIN doc_locality l USING (doc_id) WHERE p.phrase IS NOT NULL""").fetchall()
    finally:
        con.unregister("doc_locality")
    units = {(place, name): UnitRow(name=name, locality=place, assignment_count=n) for place, name, n in counts}
    for place, phrase in phrases:
        for span in split_unit_cell(phrase):
            name = mapping.get((place, span.name), span.name) if span.name else None
            alias = " ".join(span.raw.split()).strip(" ,;.")
            unit = units.get((place, name))
            if unit is not None and alias != name and alias not in unit.aliases:
                unit.aliases.append(alias)
    for unit in units.values():
        unit.aliases.sort()
    return sorted(units.values(), key=lambda u: (u.locality or "", u.name))


def _rename_units(con, changed: list[tuple[Optional[str], str, str]]) -> None:
    """Rewrite the lead and support lists that name a folded spelling."""
    renames = {(place, old): new for place, old, new in changed}
    olds = sorted({old for _, old, _ in changed})
    rows = con.execute(
        "SELECT a.assignment_id, a.lead, a.support, l.locality FROM assignments a JOIN doc_locality l USING (doc_id) "
        "WHERE list_has_any(list_concat(a.lead, a.support), ?::VARCHAR[])", [olds]).fetchall()
    fixes = pd.DataFrame(
        [(aid, [renames.get((p, n), n) for n in lead], [renames.get((p, n), n) for n in support])
         for aid, lead, support, p in rows],
        columns=["assignment_id", "lead", "support"],
    )
    con.register("unit_fixes", fixes)
    try:
        con.execute("UPDATE assignments SET lead = f.lead, support = f.support "
                    "FROM unit_fixes f WHERE assignments.assignment_id = f.assignment_id")
    finally:
        con.unregister("unit_fixes")


def resolve_corpus(store: DatasetStore) -> None:
    con = store.con
    with store.transaction():
        con.execute(KEY_MAP_SQL)
        _warnings(con)
        con.execute(EDGES_SQL)
    store.replace_table("units", resolve_units(con))
