"""Typed records passed between pipeline stages.

Each stage takes one of these and returns the next: a reader gives a
`RawDocument`, normalization a `NormalizedText`, structuring a
`DocumentStructure`, and extractors the contract rows (`DocumentRow`,
`CitationRow`, ...). They are plain dataclasses so that they can be built in
tests without any pipeline machinery.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional


# --- reading -----------------------------------------------------------------

@dataclass
class Block:
    """One paragraph or one table as the source file presents it."""

    kind: str  # "paragraph" or "table"
    page: Optional[int] = None
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class RawDocument:
    source_path: str
    source_format: str
    doc_id: str
    blocks: list[Block]
    pages: Optional[int] = None
    ocr_confidence: Optional[float] = None
    warnings: list[str] = field(default_factory=list)
    page_confidence: dict[int, float] = field(default_factory=dict)  # OCR'd pages only
    ocr_words: list = field(default_factory=list)  # (page, degrees turned, OcrWord) of OCR'd pages
    stamp_signer: Optional[str] = None  # who a digital-signature stamp says signed
    stamps: list = field(default_factory=list)  # (signer, ISO day) of each digital-signature stamp


# --- normalized text -----------------------------------------------------------

@dataclass
class PageSpan:
    start: int
    end: int
    page: Optional[int]


@dataclass
class NormalizedText:
    """The text every offset points into, with the page each stretch came from."""

    text: str
    page_spans: list[PageSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> Optional[int]:
        starts = [s.start for s in self.page_spans]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        return self.page_spans[i].page


# --- structure -----------------------------------------------------------------

@dataclass
class Span:
    """A stretch of the normalized text."""

    start: int
    end: int
    text: str


@dataclass
class Line(Span):
    paragraph: int = 0  # index of the paragraph the line belongs to


@dataclass
class Cell(Span):
    pass


@dataclass
class TableRow:
    start: int
    end: int
    cells: list[Cell]


@dataclass
class Table:
    start: int
    end: int
    rows: list[TableRow]
    section_path: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A numbered unit of the body (`Điều 6.`, `IV.`, `1.`, `1.1.`, `a)`, `-`).

    `heading` is the text on the marker's own line; `body` holds the lines
    that follow up to the next sibling or the end of the parent.
    """

    kind: str  # part, chapter, article, roman, number, letter, bullet
    label: str
    heading: Span
    start: int
    end: int
    level: int
    children: list["Section"] = field(default_factory=list)
    parent: Optional["Section"] = field(default=None, repr=False)
    body_lines: list[Line] = field(default_factory=list)

    @property
    def path(self) -> list[str]:
        labels = []
        node: Optional[Section] = self
        while node is not None:
            labels.append(node.label)
            node = node.parent
        return list(reversed(labels))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Footnote(Span):
    number: int = 0


@dataclass
class Part:
    """A top-level part of a document: the main text or an appendix
    (`PHỤ LỤC`, or a `QUY CHẾ` issued with a decision)."""

    name: str
    start: int
    end: int
    sections: list[Section] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


@dataclass
class Header:
    number_line: Optional[Line] = None
    place_date_line: Optional[Line] = None
    doc_type_line: Optional[Line] = None
    title: Optional[Span] = None
    issuer_lines: list[Line] = field(default_factory=list)
    authority_line: Optional[Line] = None  # "ỦY BAN NHÂN DÂN PHƯỜNG X" above the căn cứ
    national_motto: list[Line] = field(default_factory=list)


@dataclass
class SignatureBlock:
    lines: list[Line] = field(default_factory=list)
    capacity: Optional[str] = None
    position_lines: list[Line] = field(default_factory=list)
    name_line: Optional[Line] = None


@dataclass
class DocumentStructure:
    text: str
    lines: list[Line]
    header: Header
    can_cu: list[Span] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    signature: Optional[SignatureBlock] = None
    recipients: list[Line] = field(default_factory=list)
    addressees: list[Line] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    body_start: int = 0  # first offset after the header and căn cứ block


# --- contract rows --------------------------------------------------------------

@dataclass
class DocumentRow:
    doc_id: str
    source_path: str
    source_format: str
    pages: Optional[int] = None
    ocr_confidence: Optional[float] = None
    doc_type: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    issuer: Optional[str] = None
    place: Optional[str] = None
    issued_date: Optional[str] = None
    title: Optional[str] = None
    signer_name: Optional[str] = None
    signer_position: Optional[str] = None
    signing_capacity: Optional[str] = None
    is_draft: bool = False
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    doc_key: Optional[str] = None
    status: str = "ok"  # ok | error
    pipeline_version: str = ""
    ocr_page_confidence: list[float] = field(default_factory=list)  # per page; -1 where the text layer was used


@dataclass
class CitationRow:
    doc_id: str
    citation_id: str
    relation: str
    cited_type: Optional[str] = None
    cited_type_raw: Optional[str] = None
    cited_number: Optional[str] = None
    cited_symbol: Optional[str] = None
    cited_date: Optional[str] = None
    cited_issuer: Optional[str] = None
    cited_subject: Optional[str] = None
    cited_key: Optional[str] = None
    raw: str = ""
    start: int = 0
    end: int = 0
    page: Optional[int] = None
    section: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    doc_warnings: list[str] = field(default_factory=list)  # this document's own; `warnings` adds the corpus's


@dataclass
class EdgeRow:
    src_key: str
    dst_key: str
    src_symbol: Optional[str]
    dst_symbol: Optional[str]
    relation: str
    doc_id: str
    derived: bool = False
    doc_ids: list[str] = field(default_factory=list)  # every document that states the edge


@dataclass
class RoleRow:
    doc_id: str
    role_id: str
    body: str
    position: str
    holder: Optional[str] = None
    person_name: Optional[str] = None
    raw: str = ""
    start: int = 0
    end: int = 0
    page: Optional[int] = None
    section: Optional[str] = None


@dataclass
class AssignmentRow:
    doc_id: str
    assignment_id: str
    kind: str
    section: Optional[str] = None
    task: str = ""
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    lead_raw: Optional[str] = None
    support_raw: list[str] = field(default_factory=list)
    output: Optional[str] = None
    deadline_raw: Optional[str] = None
    due_date: Optional[str] = None
    recurrence: Optional[str] = None
    ongoing: bool = False
    raw: str = ""
    start: int = 0
    end: int = 0
    page: Optional[int] = None
    recurrence_extra: list[str] = field(default_factory=list)  # further rules stated with the first


@dataclass
class UnitRow:
    name: str
    locality: Optional[str]
    aliases: list[str] = field(default_factory=list)
    assignment_count: int = 0


@dataclass
class OcrWordRow:
    """A word OCR read, with its box in points from the page's top left: where evidence sits on a scan."""

    doc_id: str
    page: int
    text: str
    conf: float
    x0: float
    top: float
    x1: float
    bottom: float
    turned: int = 0  # degrees the page was turned (clockwise) to be read: the boxes are on the page turned


@dataclass
class FileRow:
    """One path ingested: what the file was when last read, and the document its bytes are."""

    path: str
    doc_id: str
    size: Optional[int] = None
    mtime: Optional[str] = None  # ISO time the file was last modified
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    status: str = "ok"  # ok, error, duplicate, removed, skipped (a link not followed, a pipe: never opened)
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentResult:
    """Everything one document contributes to the dataset."""

    document: DocumentRow
    citations: list[CitationRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)  # evidence; the corpus table is built from it
    roles: list[RoleRow] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    ocr_words: list[OcrWordRow] = field(default_factory=list)


# table name -> row type: the contract's tables, in the order they are written
TABLE_ROWS = {
    "files": FileRow,
    "documents": DocumentRow,
    "citations": CitationRow,
    "edges": EdgeRow,
    "roles": RoleRow,
    "assignments": AssignmentRow,
    "units": UnitRow,
    "ocr_words": OcrWordRow,
}
# kept in the DuckDB file only: each document's edge evidence, from which `edges` is built
INTERNAL_TABLE_ROWS = {"edge_evidence": EdgeRow}
