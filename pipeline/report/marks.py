"""Every extracted span of a document, marked on its normalized text by kind, each linked
to its row: citations by relation, roles, assignments, and inside an assignment its lead
and supporting units and its deadline. Rendered with spaCy's displaCy (span style, so that
marks may overlap), a line of the text at a time to keep the document's own lines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy import displacy

RELATION_LABELS = {"basis": "căn cứ", "implements": "thực hiện", "supersedes": "thay thế", "amends": "sửa đổi",
                   "attachment": "kèm theo", "reference": "dẫn chiếu"}
COLORS = {"căn cứ": "#7aecec", "thực hiện": "#bfeeb7", "thay thế": "#feca74", "sửa đổi": "#ff9561",
          "kèm theo": "#aa9cfc", "dẫn chiếu": "#c887fb", "vai trò": "#9cc9cc", "nhiệm vụ": "#e4e7d2",
          "chủ trì": "#ffeb80", "phối hợp": "#f0d0ff", "thời hạn": "#ff8197"}
KINDS = {"citation": tuple(RELATION_LABELS.values()), "role": ("vai trò",), "assignment": ("nhiệm vụ",),
         "unit": ("chủ trì", "phối hợp"), "deadline": ("thời hạn",)}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    label: str
    anchor: str  # the id of its row on the page
    tag: str  # shown beside the label, the link to the row


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    html: str  # displaCy's markup, or the line's text escaped by the template when unmarked
    marked: bool


def document_marks(text: str, citations: Iterable[dict], roles: Iterable[dict],
                   assignments: Iterable[dict]) -> list[Mark]:
    marks = [Mark(c["start"], c["end"], RELATION_LABELS.get(c["relation"], c["relation"]), row_id("c", c["citation_id"]),
                  _short(c["citation_id"])) for c in citations]
    marks += [Mark(r["start"], r["end"], "vai trò", row_id("r", r["role_id"]), _short(r["role_id"])) for r in roles]
    for a in assignments:
        anchor, tag = row_id("a", a["assignment_id"]), _short(a["assignment_id"])
        marks.append(Mark(a["start"], a["end"], "nhiệm vụ", anchor, tag))
        inside = [("chủ trì", a.get("lead_raw")), ("thời hạn", a.get("deadline_raw"))]
        inside += [("phối hợp", raw) for raw in a.get("support_raw") or []]
        for label, raw in inside:
            found = _find(text, raw, a["start"], a["end"])
            if found:
                marks.append(Mark(*found, label, anchor, tag))
    return [m for m in marks if 0 <= m.start < m.end <= len(text)]


def row_id(kind: str, ident: str) -> str:
    return f"{kind}-{re.sub(r'[^A-Za-z0-9_-]', '_', ident)}"


def marked_lines(text: str, marks: list[Mark]) -> list[Line]:
    """The text a line at a time, each line with the marks that touch it (a mark running over
    several lines is drawn on each)."""
    lines = []
    offset = 0
    ordered = sorted(marks, key=lambda m: (m.start, -m.end))
    for number, line in enumerate(text.split("\n"), start=1):
        end = offset + len(line)
        touching = [m for m in ordered if m.start < end and m.end > offset] if line.strip() else []
        html = _render(line, offset, touching) if touching else line
        lines.append(Line(number, offset, html, bool(touching)))
        offset = end + 1
    return lines


def line_of(lines: list[Line], offset: int) -> int:
    """The number of the line an offset falls on."""
    number = 1
    for line in lines:
        if line.start > offset:
            break
        number = line.number
    return number


def _render(line: str, offset: int, marks: list[Mark]) -> str:
    tokens = [(m.start() + offset, m.end() + offset, m.group()) for m in re.finditer(r"\S+", line)]
    spans = []
    for mark in marks:
        covered = [i for i, (start, end, _) in enumerate(tokens) if start < mark.end and end > mark.start]
        if covered:
            spans.append({"start_token": covered[0], "end_token": covered[-1] + 1, "label": mark.label,
                          "kb_id": mark.tag, "kb_url": f"#{mark.anchor}"})
    data = {"text": line, "tokens": [t for _, _, t in tokens], "spans": spans}
    return displacy.render(data, style="span", manual=True, page=False, jupyter=False,
                           options={"colors": COLORS})


def _find(text: str, raw: Optional[str], start: int, end: int) -> Optional[tuple[int, int]]:
    """Where words a row quotes stand inside its evidence, whatever whitespace parts them."""
    if not raw or not raw.strip():
        return None
    pattern = r"\s+".join(re.escape(w) for w in raw.split())
    found = re.search(pattern, text[start:end])
    return (start + found.start(), start + found.end()) if found else None


def _short(ident: str) -> str:
    """`47a7074a42faecd1-a015` -> `a015`: the row's number within its document."""
    return ident.rsplit("-", 1)[-1]
