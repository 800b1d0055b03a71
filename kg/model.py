"""Plain data passed between the pipeline stages.

Offsets everywhere count characters (code points) of the *normalised source
text*: the decoded file with a leading BOM dropped and CRLF/CR turned into LF.
``SourceText.text[span.start:span.end] == span.text`` holds for every span.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the source text; ``text`` is the exact quoted text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source_text: str, start: int, end: int) -> "Span":
        return cls(start, end, source_text[start:end])


@dataclass(frozen=True)
class SourceText:
    """A decoded input file."""

    name: str  # file name, e.g. "qingshan-gazette-2025-01.txt"; identifies the gazette
    path: str
    text: str  # what the extractors match on (simplified where the file is in traditional characters)
    encoding: str  # the encoding that decoded the bytes, e.g. "utf-8", "utf-8-sig", "gb18030"
    printed: str | None = None  # the text as printed, where it differs from ``text``
    # Where hard-wrapped lines were joined for matching, the printed offset of each
    # matching offset (len(text) + 1 entries); None where offsets are the same.
    offsets: tuple[int, ...] | None = None

    @property
    def printed_text(self) -> str:
        """The text as printed: quotes and printed values come from here."""
        return self.printed if self.printed is not None else self.text

    def printed_offset(self, offset: int) -> int:
        return self.offsets[offset] if self.offsets is not None else offset

    def printed_slice(self, start: int, end: int) -> str:
        """The printed text behind a span of the matching text."""
        return self.printed_text[self.printed_offset(start):self.printed_offset(end)]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset (for error messages)."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of a document body (the PDF text has one paragraph per line)."""

    span: Span

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(frozen=True)
class TableCell:
    text: str  # cell text joined across the lines it spilled over
    spans: tuple[Span, ...]  # the pieces it was joined from


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    span: Span  # from the row's first line start to its last line end

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # column names, e.g. ("序号", "项目", "目标任务", "牵头领导", "牵头单位", "配合单位")
    rows: tuple[TableRow, ...]
    span: Span
    title: str | None = None  # the caption line above the table where there is one


@dataclass(frozen=True)
class Document:
    """One numbered document or one meeting record of a gazette."""

    source: str  # SourceText.name
    doc_no: str  # "青政办函〔2025〕12号" (spaces removed) or, for minutes, "2025年第9次常务会议纪要"
    title: str  # joined across broken lines, bold markers removed
    issuer: str | None
    date: str | None  # ISO date of signing / issue
    kind: str  # 通知, 方案, 纪要, 意见, 决定, 公告, 批复, 函 ... (last genre word of the title)
    span: Span  # the whole document, 文号 line to the line before the next document
    body_start: int  # offset where the text after the title block begins
    title_span: Span | None = None
    issuer_span: Span | None = None
    date_span: Span | None = None
    doc_no_span: Span | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[Table, ...] = ()
    is_meeting: bool = False
    meeting_kind: str | None = None  # 常务会议 / 市长办公会议 / 县长办公会议 ...
    meeting_number: int | None = None

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True)
class TocEntry:
    title: str
    doc_no: str | None
    page: int | None
    span: Span


@dataclass(frozen=True)
class TocMismatch:
    doc_no: str
    field: str  # "title" | "missing_in_body" | "missing_in_toc"
    toc_value: str | None
    body_value: str | None


@dataclass
class Gazette:
    """Everything ingest knows about one input file."""

    source: SourceText
    documents: list[Document]
    toc: list[TocEntry] = field(default_factory=list)
    toc_mismatches: list[TocMismatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Facts emitted by the extractors (names and units *as printed*) ---------
# People lists hold names as printed: they may carry layout spaces ("王 明") or
# several names run together ("张 强 李 丽"); the resolve stage splits and
# canonicalises them with the gazette's cast. Unit lists hold single units or
# collectives already split by the extractor ("交通运输局青石镇政府" -> two).


@dataclass(frozen=True)
class PersonnelChange:
    doc_no: str
    person: str
    action: str  # "appoint" | "remove"
    post: str  # unit + office as printed, without a trailing 职务
    date: str | None
    female: bool
    probation: bool
    evidence: Span


@dataclass(frozen=True)
class TitleMention:
    """A person printed beside a post or title: "王明 县委常委、副县长", "县长孙丽主持"."""

    doc_no: str
    person: str
    title: str  # as printed: "市委常委、副市长"
    context: str  # where it was seen: "出席", "召集人", "主持", "成员", "title-line" ...
    evidence: Span


@dataclass(frozen=True)
class Milestone:
    date: str | None
    text: str


@dataclass(frozen=True)
class TaskAssignment:
    doc_no: str
    ref: str | None
    text: str
    lead_leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    coop_units: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str | None
    evidence: Span
    category: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    title: str | None = None
    shape: str = ""  # which grammar found it: "table", "paren", "duty-list", "decision" ...


@dataclass(frozen=True)
class Target:
    doc_no: str
    subject: str  # unit or group that must reach it
    item: str
    amount: float
    unit: str  # unit of measure as printed: 万元, 亿元, 个, %
    evidence: Span


@dataclass(frozen=True)
class GroupMember:
    person: str | None  # None where only a post fills the role
    role: str  # as printed: 组长, 副组长, 召集人, 成员 ...
    title: str | None
    evidence: Span


@dataclass(frozen=True)
class WorkingGroup:
    doc_no: str
    name: str
    members: tuple[GroupMember, ...]
    member_units: tuple[str, ...]
    evidence: Span
    office: str | None = None  # 办公室设在…
    parent: str | None = None


@dataclass(frozen=True)
class MeetingParticipant:
    person: str
    role: str  # "chair" | "attendee" | "observer" | "recorder"
    unit: str | None
    evidence: Span
    invited: bool = False


@dataclass(frozen=True)
class AgendaItem:
    number: int
    topic: str
    evidence: Span


@dataclass(frozen=True)
class Meeting:
    doc_no: str
    kind: str
    number: int | None
    date: str | None  # the day it was held
    participants: tuple[MeetingParticipant, ...]
    evidence: Span
    agenda: tuple[AgendaItem, ...] = ()
