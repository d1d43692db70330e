"""Legal-basis chains: walk the `edges` table up (what a document rests on) or
down (what rests on it), transitively. Reads the DuckDB file only."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from extractors.symbols import normalize_symbol, symbol_key


RELATION_ORDER = ["basis", "implements", "supersedes", "amends", "attachment", "reference"]


@dataclass
class Node:
    key: str
    label: str
    source_path: Optional[str] = None  # set when the document itself is in the corpus
    doc_id: Optional[str] = None  # likewise


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    out: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # src -> (relation, dst)
    into: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # dst -> (relation, src)
    derived: set[tuple[str, str]] = field(default_factory=set)  # (src, dst) known only from what a citation says


def _label(doc_type, symbol, date, issuer) -> str:
    parts = [" ".join(p for p in (doc_type, symbol) if p) or "(unnamed)"]
    if date:
        parts.append(date)
    if issuer:
        parts.append(issuer)
    return ", ".join(parts)


def load_graph(db_path: str | Path, relations: Optional[set[str]] = None) -> Graph:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        graph = Graph()
        for key, doc_type, symbol, date, issuer in con.execute(
            "SELECT cited_key, any_value(cited_type), any_value(cited_symbol), max(cited_date), any_value(cited_issuer) "
            "FROM citations WHERE cited_key IS NOT NULL GROUP BY cited_key"
        ).fetchall():
            graph.nodes[key] = Node(key, _label(doc_type, symbol, date, issuer))
        for doc_id, key, doc_type, symbol, date, issuer, path in con.execute(
            "SELECT doc_id, doc_key, doc_type, symbol, issued_date, issuer, source_path FROM documents WHERE status = 'ok'"
        ).fetchall():
            key = key or f"draft:{doc_id}"
            label = _label(doc_type, symbol if symbol and symbol[0].isdigit() else f"{symbol or ''} (draft)".strip(),
                           date, issuer)
            graph.nodes[key] = Node(key, label, path, doc_id)
        parallel: dict[tuple[str, str], set[str]] = defaultdict(set)
        direct: set[tuple[str, str]] = set()
        for src, relation, dst, derived in con.execute("SELECT src_key, relation, dst_key, derived FROM edges").fetchall():
            if not relations or relation in relations:
                parallel[(src, dst)].add(relation)
                if not derived:
                    direct.add((src, dst))
        graph.derived = set(parallel) - direct
        for (src, dst), names in parallel.items():
            relation = ", ".join(sorted(names, key=RELATION_ORDER.index))  # "basis, reference"
            graph.out[src].append((relation, dst))
            graph.into[dst].append((relation, src))
            for key in (src, dst):
                graph.nodes.setdefault(key, Node(key, key.split("|")[0].upper()))
        return graph
    finally:
        con.close()


def find_roots(graph: Graph, query: str) -> list[str]:
    """Keys named by `query`: a key itself, or every key of a symbol (any year, any locality)."""
    if query in graph.nodes:
        return [query]
    symbol, _ = normalize_symbol(query)
    wanted = symbol_key(symbol)
    return sorted(k for k in graph.nodes if k.split("|")[0] == wanted)


def walk(graph: Graph, root: str, direction: str, max_depth: int = 25) -> dict:
    """The tree of what `root` rests on (up) or what rests on it (down)."""
    adjacency = graph.out if direction == "up" else graph.into

    def expand(key: str, seen: frozenset, depth: int) -> list[dict]:
        children = []
        for relation, other in sorted(adjacency.get(key, []), key=lambda x: (x[1], x[0])):
            node = graph.nodes[other]
            entry = {"key": other, "label": node.label, "relation": relation, "source_path": node.source_path}
            if other in seen or depth >= max_depth:
                entry["children"] = []
                entry["cycle"] = other in seen
            else:
                entry["children"] = expand(other, seen | {other}, depth + 1)
            children.append(entry)
        return children

    node = graph.nodes[root]
    return {"key": root, "label": node.label, "source_path": node.source_path, "direction": direction,
            "children": expand(root, frozenset({root}), 0)}


def documents_reached(tree: dict) -> list[dict]:
    """Every corpus document in the tree, once, with the shortest path of keys to it."""
    found: dict[str, dict] = {}
    level = [(tree, [])]
    while level:
        following = []
        for entry, path in level:
            for child in entry["children"]:
                step = path + [{"relation": child["relation"], "key": child["key"]}]
                if child["source_path"] and child["key"] not in found:
                    found[child["key"]] = {"key": child["key"], "source_path": child["source_path"], "path": step}
                following.append((child, step))
        level = following
    return sorted(found.values(), key=lambda d: d["source_path"])


def format_tree(tree: dict) -> str:
    arrow = "rests on" if tree["direction"] == "up" else "rested on by"
    head = tree["label"] + (f"  [{tree['source_path']}]" if tree["source_path"] else "")
    lines = [f"{head}  ({arrow}:)" if tree["children"] else f"{head}  (nothing found {arrow})"]

    def render(children: list[dict], prefix: str) -> None:
        for i, child in enumerate(children):
            last = i == len(children) - 1
            where = f"  [{child['source_path']}]" if child["source_path"] else ""
            loop = "  (already above)" if child.get("cycle") else ""
            lines.append(f"{prefix}{'└─' if last else '├─'} {child['relation']}: {child['label']}{where}{loop}")
            render(child["children"], prefix + ("   " if last else "│  "))

    render(tree["children"], "")
    reached = documents_reached(tree)
    if reached:
        lines.append("")
        lines.append(f"{len(reached)} document(s) of the corpus {'under' if tree['direction'] == 'up' else 'over'} it:")
        for doc in reached:
            chain = " -> ".join(f"{step['relation']}: {step['key']}" for step in doc["path"])
            lines.append(f"  {doc['source_path']}   ({chain})")
    return "\n".join(lines)
