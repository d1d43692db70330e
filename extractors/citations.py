"""The `citations` of one document and the edges they state.

Where a mention stands decides its relation: an item of the căn cứ block is a
`basis`; the opening "Thực hiện ..." of the text, or a title that says "thực
hiện ...", `implements`; "thay thế ..." `supersedes`; "sửa đổi, bổ sung ..."
said of this document `amends`; "kèm theo"/"gửi kèm" `attachment`; anything
else, footnotes included, `reference`.

Inside one clause a mention can sit in the subject of the one before it
("Nghị quyết 11/NQ-CP ... sửa đổi, bổ sung Nghị quyết 71/NQ-CP ..."): it is a
`reference` of this document, and the words between give a derived edge
between the two (`11/NQ-CP amends 71/NQ-CP`). Mentions joined by "và" or a
comma are siblings and share their parent and relation.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional

from extractors.gazetteer import CENTRAL_CITIES, PROVINCES
from extractors.keys import document_key, locality_phrase
from extractors.mentions import Mention, find_mentions, subject_after
from extractors.names import ADMIN_LEVELS, capitalized_run, loose_key
from extractors.symbols import TYPE_ABBREVIATIONS, symbol_groups, symbol_key, type_of_symbol
from models import CitationRow, DocumentRow, DocumentStructure, EdgeRow, NormalizedText
from pipeline.structure import section_path

# words between a mention and the next that make the next one part of its subject
RELATION_KEYWORDS = [
    (re.compile(r"sửa\s+đổi|bổ\s+sung", re.IGNORECASE), "amends"),
    (re.compile(r"thay\s+thế", re.IGNORECASE), "supersedes"),
    (re.compile(r"thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa|hướng\s+dẫn|quy\s+định\s+chi\s+tiết", re.IGNORECASE),
     "implements"),
]
# a new clause addressed to someone: what follows is not the subject of the mention before
CLAUSE_VERBS = re.compile(r",[^,]*\b(?:đề nghị|giao|yêu cầu|chỉ đạo|quán triệt)\b")
MAX_SUBJECT_GAP = 200
# a verb joined on after a mention is the clause's own, not the mention's: `... theo Nghị định A và thực hiện tốt
# Quy chế ban hành kèm theo Quyết định B` (B is no document A implements)
NEW_PREDICATE = re.compile(r"^[\s,]*(?:và|đồng thời)\s+(?!Điều|điều|khoản|Khoản)")
# between two documents of one list, maybe with the part of the second that is meant (`và Điều 1 Thông tư ...`)
SIBLING_GAP = re.compile(r"^[\s,]*(?:và|hoặc)?[\s,]*(?:(?:tiết|điểm|khoản|điều|mục)\s+[\w.]+\s*)*$", re.IGNORECASE)

# what the words before a clause's first mention say about this document's relation to it
# `Thực hiện ...`, also before a list: `Thực hiện các Kế hoạch của UBND thành phố: số 330/KH-UBND ...`
OPENING = re.compile(r"^(?:[-+•]\s*)?(?:Thực hiện|Triển khai thực hiện|Triển khai)\s+(?:các\s+[^:;]{0,100}:\s*(?:số\s*)?)?$")
BEFORE_SUPERSEDES = re.compile(r"(?:thay thế|[Bb]ãi bỏ)\s+(?:(?:toàn bộ|các)\s+)*$")
# a lead-in whose list items are the documents this one replaces or repeals: `2. Bãi bỏ các quyết định sau:`
SUPERSEDING_LEAD = re.compile(r"\b(?:thay thế|bãi bỏ)\b[^:;]*:\s*$", re.IGNORECASE)
ITEM_MARKER_ONLY = re.compile(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)]|[-+•])\s*$")
BEFORE_AMENDS = re.compile(r"(?:sửa đổi, bổ sung|sửa đổi|bổ sung)(?:\s+một số \w+(?: của| tại)?)?\s+$")
# `gửi kèm theo Công văn số X`: X goes with this document; `ban hành kèm theo Quyết định X`
# says what X was issued with, and is a reference
BEFORE_ATTACHMENT = re.compile(r"(?<!ban hành )(?:gửi kèm(?: theo)?|kèm theo)\s+$", re.IGNORECASE)
TITLE_IMPLEMENTS = re.compile(r"\b(?:thực hiện|triển khai)\b", re.IGNORECASE)
# the word that joins one more document to a clause's list: `... về X và Thông tư số B`
COORDINATED = re.compile(r"\s(?:và|cùng)\s+$")
# a further item of a list of documents after `;`: `...; số 332/KH-UBND ngày ...`
LIST_ITEM = re.compile(r"^\s*(?:và\s+)?số\s*$")
# a proposal the decision answers (`Theo đề nghị của Giám đốc Sở tại Tờ trình số ...`): not its legal basis
PROPOSAL_CLAUSE = re.compile(r"^\s*(?:[-+•]\s*)?(?:Theo|Xét)\s+đề nghị\b", re.IGNORECASE)
# `A ..., được sửa đổi, bổ sung (một số điều) tại/bởi B`: B amends A, and A as amended is what is cited
PASSIVE_AMENDS = re.compile(r"được\s+(?:sửa\s+đổi|bổ\s+sung|sửa\s+đổi,?\s+bổ\s+sung)(?:\s+một\s+số\s+(?:điều|nội\s+dung))?"
                            r"(?:\s+năm\s+\d{4})?\s*(?:tại|bởi|theo)(?:\s+(?:điểm|khoản|điều)\s+[\w.]+)*\s*$",
                            re.IGNORECASE)


@dataclass
class _Region:
    start: int  # offset of the region in the document text
    text: str
    kind: str  # basis, title, body, footnote
    section: Optional[str]


@dataclass
class _Placed:
    mention: Mention
    offset: int  # document offset of the clause text
    relation: str
    parent: Optional[int]  # index into the clause's placed list
    edge_relation: Optional[str]
    clause_end: int  # document offset where the clause ends
    passive: bool = False  # the edge runs from this mention to its parent: `A được sửa đổi tại B`


# a line of the body that opens with `Căn cứ` (`- Căn cứ Điều 17 Thông tư số ...`): the document it rests on
BASIS_OPENING = re.compile(r"^(?:[-+•]\s*)?Căn cứ\s+(?:(?:vào|theo)\s+)?(?:(?:tiết|điểm|khoản|điều|mục)\s+[\w.]+\s+)*$",
                           re.IGNORECASE)


def _body_relation(prefix: str, clause: str) -> str:
    if OPENING.match(prefix):
        return "implements"
    if BASIS_OPENING.match(prefix):
        return "basis"
    if BEFORE_SUPERSEDES.search(prefix):
        return "supersedes"
    if BEFORE_AMENDS.search(prefix) and re.search(r"\bnày\b", clause):
        return "amends"
    if BEFORE_ATTACHMENT.search(prefix):
        return "attachment"
    return "reference"


def _first_relation(region: _Region) -> Callable[[str, str], str]:
    if region.kind == "basis":
        proposal = bool(PROPOSAL_CLAUSE.match(region.text))
        return lambda prefix, clause: "reference" if proposal or PROPOSAL_CLAUSE.match(clause) else "basis"
    if region.kind == "title":
        return lambda prefix, clause: "implements" if TITLE_IMPLEMENTS.search(prefix) else "reference"
    if region.kind == "footnote":
        return lambda prefix, clause: "reference"
    return _body_relation


def _clauses(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of the clauses a mention's subject cannot cross: in the body, a line break parts
    clauses only where it ends a paragraph, an item or a table row, not where a PDF or OCR
    wrapped a sentence (`Thông tư số A hướng dẫn thi hành` / `Nghị định số B`)."""
    pattern = r";" if kind == "basis" else r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\n"
    spans, start = [], 0
    for m in re.finditer(pattern, text):
        if m.group(0) == "\n" and _wrapped(text, m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _wrapped(text: str, at: int) -> bool:
    """Does the line break at `at` only wrap a sentence?"""
    before = text[text.rfind("\n", 0, at) + 1: at]
    after_end = text.find("\n", at + 1)
    after = text[at + 1: after_end if after_end >= 0 else len(text)]
    if not before.strip() or not after.strip() or "\t" in before + after or LINE_MARKER.match(after):
        return False
    if before.rstrip().endswith(":"):
        return _says(before, after)
    return not before.rstrip().endswith((".", ";"))


def _unwrapped(text: str) -> str:
    """`text` with the line breaks that only wrap a sentence read as spaces (same length, so
    offsets hold): an issuer or a name runs on over them (`của Bộ` / `Xây dựng`)."""
    return re.sub(r"\n", lambda m: " " if _wrapped(text, m.start()) else "\n", text)


def _says(line: str, following: str) -> bool:
    """`Thông tư số A quy định:` then `Tại Điều 4 sửa đổi ...` on the next line: what A says, one clause with it."""
    return line.rstrip().endswith(":") and not LINE_MARKER.match(following) \
        and following.lstrip()[:1] not in "\"“'‘" and following[:1].isupper()


LINE_MARKER = re.compile(r"^\s*(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+\.|Điều\s+\d)")


def _same_document(a: Mention, b: Mention) -> bool:
    if a.symbol and b.symbol:
        return symbol_key(a.symbol) == symbol_key(b.symbol)
    return bool(a.name and b.name and a.name == b.name)


def _place(region: _Region, listed_by: Optional[str] = None) -> tuple[list[_Placed], Optional[str]]:
    """The mentions of a region, each with its relation; and the relation a lead-in gives the
    documents listed after it (`Bãi bỏ các quyết định sau:`), `listed_by` as it stands at the
    region's start and then at its end, for the next region."""
    placed: list[_Placed] = []
    opening_relation = _first_relation(region)
    for c_start, c_end in _clauses(region.text, region.kind):
        clause = region.text[c_start:c_end]
        mentions = find_mentions(_unwrapped(clause))
        listed_by = listed_by if LINE_MARKER.match(clause) else None
        first_relation = opening_relation
        if listed_by:  # `a) Quyết định số ...` under `Bãi bỏ các quyết định sau:`
            first_relation = lambda prefix, clause, by=listed_by: \
                by if ITEM_MARKER_ONLY.match(prefix) else _body_relation(prefix, clause)
        if region.kind == "body" and SUPERSEDING_LEAD.search(clause):
            listed_by = "supersedes"
        local: list[_Placed] = []
        for m in mentions:
            before = clause[: m.start]
            if local and before.rstrip().endswith("(") and any(_same_document(m, p.mention) for p in local):
                continue  # "(Nghị quyết số 57-NQ/TW)": the short name of the item just cited
            if not local:
                relation = first_relation(before, clause)
                if LIST_ITEM.match(before) and m.type_raw is None and placed:
                    # `Thực hiện các Kế hoạch của X: số 330/KH-UBND ...; số 332/KH-UBND ...`: one list, one issuer
                    relation = placed[-1].relation
                    m.issuer = m.issuer or placed[-1].mention.issuer
                local.append(_Placed(m, region.start + c_start, relation, None, None, region.start + c_end))
                continue
            prev_index = len(local) - 1
            prev = local[prev_index]
            gap = clause[prev.mention.end: m.start]
            if SIBLING_GAP.match(gap):
                relation = prev.relation if prev.parent is None else "reference"
                local.append(_Placed(m, region.start + c_start, relation, prev.parent, prev.edge_relation,
                                     region.start + c_end, passive=prev.passive))
                continue
            if PASSIVE_AMENDS.search(gap):
                local.append(_Placed(m, region.start + c_start, prev.relation, prev_index, "amends",
                                     region.start + c_end, passive=True))
                continue
            keyword = None
            if len(gap) <= MAX_SUBJECT_GAP and not CLAUSE_VERBS.search(gap) and not NEW_PREDICATE.match(gap):
                hits = [(hit.end(), rel) for pattern, rel in RELATION_KEYWORDS for hit in pattern.finditer(gap)]
                keyword = max(hits)[1] if hits else None
            if keyword:
                local.append(_Placed(m, region.start + c_start, "reference", prev_index, keyword, region.start + c_end))
            else:
                if region.kind != "basis":
                    relation = first_relation(gap, clause)
                else:  # `Căn cứ Thông tư A ... về X và Thông tư B ...`: one more basis; otherwise one it names
                    relation = "basis" if COORDINATED.search(gap) and not PROPOSAL_CLAUSE.match(clause) else "reference"
                if relation == "implements":
                    relation = "reference"  # "Thực hiện" opens only the clause's first mention
                local.append(_Placed(m, region.start + c_start, relation, None, None, region.start + c_end))
        for p in local:
            if p.parent is not None:
                p.parent += len(placed)
        placed.extend(local)
    return placed, listed_by


def _regions(structure: DocumentStructure) -> list[_Region]:
    text = structure.text
    regions: list[_Region] = []
    if structure.header.title is not None:
        t = structure.header.title
        regions.append(_Region(t.start, text[t.start: t.end], "title", "Trích yếu"))
    covered: list[tuple[int, int]] = []
    for span in structure.can_cu:
        regions.append(_Region(span.start, text[span.start: span.end], "basis", "Căn cứ"))
        covered.append((span.start, span.end))
    for part in structure.parts:
        group: list = []  # the lines of one paragraph: a PDF or OCR wraps a sentence over several
        for line in part.lines + [None]:
            if line is not None and any(a <= line.start < b for a, b in covered):
                continue
            if group and (line is None or "\t" in line.text + group[-1].text
                          or line.paragraph != group[-1].paragraph and not _says(group[-1].text, line.text)):
                regions.append(_Region(group[0].start, text[group[0].start: group[-1].end], "body",
                                       section_path(structure, group[0].start) or None))
                group = []
            if line is not None:
                group.append(line)
    for note in structure.footnotes:
        regions.append(_Region(note.start, note.text, "footnote", f"Chú thích {note.number}"))
    return regions


def resolve_issuer(issuer: Optional[str], doc: DocumentRow, text: str) -> Optional[str]:
    """A bare level at the end (`Ủy ban nhân dân phường`) names the locality the
    document itself is in or names: the ward of its place line, or the city or
    province it writes out elsewhere."""
    if not issuer:
        return None
    issuer = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", issuer).strip()
    if PROVINCIAL_BODY.match(issuer) and not locality_phrase(issuer):
        province = _province_of(doc.issuer)
        return f"{issuer} {province}" if province else issuer
    m = re.search(r"\b(" + "|".join(ADMIN_LEVELS) + r")$", issuer)
    if not m:
        return issuer
    level = m.group(1)
    if level in ("phường", "xã", "thị trấn", "đặc khu") and doc.place:
        return f"{issuer} {doc.place}"
    named = Counter(
        name for hit in re.finditer(rf"\b{level}\s+", text) if (name := capitalized_run(text[hit.end(): hit.end() + 60]))
    )
    if named:
        return f"{issuer} {named.most_common(1)[0][0]}"
    return issuer


# a province's department, or its director, named without the province: `Sở Xây dựng`, `Giám đốc Sở Công Thương`
PROVINCIAL_BODY = re.compile(r"^(?:(?:Phó\s+)?Giám đốc\s+)?Sở\s+[A-ZĐ]")


def _province_of(issuer: Optional[str]) -> Optional[str]:
    """`Sở Công Thương tỉnh Lào Cai` -> `tỉnh Lào Cai`: the province a body of the citing
    document belongs to, whose sở a bare `Sở Xây dựng` in its text is."""
    phrase = locality_phrase(issuer)
    for level, places in (("tỉnh ", PROVINCES), ("thành phố ", CENTRAL_CITIES)):
        if phrase and phrase.startswith(level) and phrase[len(level):] in places:
            return phrase
    return None


def _warnings(m: Mention, doc: DocumentRow) -> list[str]:
    warnings = list(m.warnings)
    if m.symbol:
        expected = type_of_symbol(m.symbol)
        if expected and m.type_raw and m.cited_type and expected != m.cited_type:
            groups = symbol_groups(m.symbol)
            warnings.append(f"type '{m.cited_type}' does not fit symbol '{groups[0]}-{groups[-1]}'"
                            if len(groups) > 1 else f"type '{m.cited_type}' does not fit symbol '{m.symbol}'")
        if doc.symbol and m.symbol != doc.symbol and m.number and doc.number and \
                m.number == doc.number and symbol_groups(m.symbol) == symbol_groups(doc.symbol):
            warnings.append(f"not the citing document: cited {m.symbol} differs from this document's "
                            f"own symbol {doc.symbol}")
    return warnings


def _is_self(m: Mention, doc: DocumentRow) -> bool:
    return bool(m.symbol and doc.symbol and symbol_key(m.symbol) == symbol_key(doc.symbol))


LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")


def _restore_strokes(mentions: list[Mention], own_symbol: Optional[str]) -> None:
    """An issuer group OCR read without its stroke (`54/QĐ-BCDCCHC`) where the document writes the
    same group with it elsewhere (`46/QĐ-BCĐCCHC`) takes the stroke: OCR drops strokes, never adds them."""
    symbols = [m.symbol for m in mentions if m.symbol] + ([own_symbol] if own_symbol else [])
    stroked = {g.replace("Đ", "D"): g for s in symbols for g in symbol_groups(s)[1:] if "Đ" in g}
    if not stroked:
        return
    for m in mentions:
        if m.symbol:
            m.symbol = re.sub(r"(?<=[/-])[A-ZĐ0-9]+", lambda g: g.group(0) if g.group(0) in TYPE_ABBREVIATIONS
                              else stroked.get(g.group(0), g.group(0)), m.symbol)


def _number_laws_named_again(placed: list[_Placed], text: str) -> None:
    """A law named by its name and day (`Luật Quản lý, sử dụng vũ khí ... ngày 29/6/2024`) that the
    document cites elsewhere by number, the same day and that name after it (`Luật số 42/2024/QH15
    ngày 29/6/2024 về Quản lý, sử dụng vũ khí ...`), is that law: it takes the number. A day alone
    would not do: the Quốc hội passes several laws on one day."""
    numbered = [p for p in placed if p.mention.symbol and p.mention.date and p.mention.cited_type in LAW_TYPES]
    for p in placed:
        m = p.mention
        if m.symbol or not (m.name and m.date) or m.cited_type not in LAW_TYPES:
            continue
        name = loose_key(m.name)
        for other in numbered:
            o = other.mention
            after = loose_key(text[other.offset + o.end: other.offset + o.end + len(m.name) + 40])
            if o.cited_type == m.cited_type and o.date == m.date and name and name in after:
                m.symbol, m.symbol_written, m.number = o.symbol, o.symbol_written, o.number
                break


def extract_citations(
    structure: DocumentStructure, doc: DocumentRow, normalized: Optional[NormalizedText] = None
) -> tuple[list[CitationRow], list[EdgeRow]]:
    """Citation rows (one per mention) and edge evidence (direct and derived)."""
    rows: list[CitationRow] = []
    edges: dict[tuple[str, str, str], EdgeRow] = {}
    doc_key = doc.doc_key or f"draft:{doc.doc_id}"
    placed_by_region, listed_by = [], None
    for region in _regions(structure):  # a lead-in's list may go on in the paragraphs after it
        placed, listed_by = _place(region, listed_by if region.kind == "body" else None)
        placed_by_region.append((region, placed))
    everywhere = [p for _, placed in placed_by_region for p in placed]
    _restore_strokes([p.mention for p in everywhere], doc.symbol)
    _number_laws_named_again(everywhere, structure.text)
    for region, placed in placed_by_region:
        keys: list[Optional[str]] = []
        for p in placed:
            m = p.mention
            if _is_self(m, doc):
                keys.append(doc_key)
                continue
            issuer = resolve_issuer(m.issuer, doc, structure.text)
            key = document_key(m.symbol, m.date, issuer, m.cited_type, m.name)
            keys.append(key)
            start = p.offset + m.start
            end = p.offset + m.end
            clause_text = structure.text[p.offset: p.clause_end]
            rows.append(CitationRow(
                doc_id=doc.doc_id,
                citation_id=f"{doc.doc_id}-c{len(rows) + 1:03d}",
                relation=p.relation,
                cited_type=m.cited_type,
                cited_type_raw=m.type_raw if m.type_raw and m.type_raw != m.cited_type else None,
                cited_number=m.number.lstrip() if m.number else None,
                cited_symbol=m.symbol,
                cited_date=m.date,
                cited_issuer=issuer,
                cited_subject=m.name if m.symbol is None else subject_after(clause_text, m, len(clause_text)),
                cited_key=key,
                raw=structure.text[start:end],
                start=start,
                end=end,
                page=normalized.page_at(start) if normalized else None,
                section=region.section,
                doc_warnings=_warnings(m, doc),
            ))
            rows[-1].warnings = list(rows[-1].doc_warnings)
            if key:
                edges.setdefault((doc_key, p.relation, key), EdgeRow(
                    doc_key, key, doc.symbol if doc.number else None, m.symbol, p.relation, doc.doc_id, False))
        for p, key in zip(placed, keys):
            if p.parent is None or p.edge_relation is None or key is None:
                continue
            parent_key = keys[p.parent]
            if parent_key is None or parent_key == key:
                continue
            parent = placed[p.parent].mention
            if p.passive:
                edges.setdefault((key, p.edge_relation, parent_key), EdgeRow(
                    key, parent_key, p.mention.symbol, parent.symbol, p.edge_relation, doc.doc_id, True))
            else:
                edges.setdefault((parent_key, p.edge_relation, key), EdgeRow(
                    parent_key, key, parent.symbol, p.mention.symbol, p.edge_relation, doc.doc_id, True))
    return rows, list(edges.values())
