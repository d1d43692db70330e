"""The legal-basis graph as SVG drawn by Graphviz: an arrow from a document to what it rests
on, coloured by relation, dashed where the edge is only derived from what a citation says;
a document of the corpus is a link to its page."""
from __future__ import annotations

import textwrap
from typing import Callable, Iterable, Optional

import graphviz

from pipeline.trace import Graph, Node

RELATION_COLORS = {"basis": "#1f77b4", "implements": "#2ca02c", "supersedes": "#d62728", "amends": "#ff7f0e",
                   "attachment": "#9467bd", "reference": "#7f7f7f"}
# A document's chains are drawn in layers; the whole corpus, and chains past this many nodes,
# would be one long row of the laws and decisions many documents cite: force-directed instead
LAYERED_NODES = 60


def tree_keys(tree: dict) -> set[str]:
    """Every key in a tree `pipeline.trace.walk` made."""
    keys = {tree["key"]}
    for child in tree["children"]:
        keys |= tree_keys(child)
    return keys


def graph_svg(graph: Graph, keys: Optional[Iterable[str]], link: Callable[[Node], Optional[str]],
              focus: Optional[str] = None) -> str:
    """The SVG of the graph (restricted to `keys` when given), ready to set inline in a page."""
    wanted = set(graph.nodes) if keys is None else set(keys)
    layered = keys is not None and len(wanted) <= LAYERED_NODES
    dot = graphviz.Digraph(engine="dot" if layered else "sfdp",
                           graph_attr={"rankdir": "BT", "bgcolor": "transparent", "overlap": "false"},
                           node_attr={"shape": "box", "style": "rounded,filled", "fontname": "DejaVu Sans",
                                      "fontsize": "10"},
                           edge_attr={"fontname": "DejaVu Sans", "fontsize": "8"})
    ids = {key: f"n{i}" for i, key in enumerate(sorted(wanted))}  # a key's `:` would read as a port
    for key in sorted(wanted):
        node = graph.nodes[key]
        url = link(node)
        attrs = {"fillcolor": "#fff3b0" if key == focus else ("#dbe9f6" if url else "#f2f2f2"),
                 "tooltip": node.label}
        if url:
            attrs.update(URL=url, target="_top", **{"class": "document"})
        dot.node(ids[key], "\n".join(textwrap.wrap(node.label, 34)[:4]), **attrs)
    for src in sorted(wanted):
        for relation, dst in graph.out.get(src, []):
            if dst in wanted:
                first = relation.split(", ")[0]
                dot.edge(ids[src], ids[dst], label=relation, color=RELATION_COLORS.get(first, "#333333"),
                         fontcolor=RELATION_COLORS.get(first, "#333333"),
                         style="dashed" if (src, dst) in graph.derived else "solid")
    svg = dot.pipe(format="svg", encoding="utf-8")
    return svg[svg.index("<svg"):]
