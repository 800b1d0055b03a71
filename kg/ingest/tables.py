"""Rebuild the TAB-separated tables of the PDF text into rows.

The PDF extractor writes one table line per visual line, cells separated by
TAB. What comes out is messy in a few recurring ways, all handled here by
general rules (no names, units or numbers of any gazette):

* A table starts at a **header line**: most of its cells are genre words
  (序号, 项目, 目标任务, 牵头领导, 责任单位, 备注 …). A header may take two lines:
  a group heading over empty cells with sub-headings below
  (``一般公共预算地方收入⇥⇥⇥`` / ``⇥2024年完成情况⇥2025年目标⇥目标增幅``) gives one
  column per sub-heading, named ``"一般公共预算地方收入/2024年完成情况"``; a
  heading wrapped onto the next line is concatenated (``牵头`` + ``领导``).
  Layout spaces inside header names are removed (``项 目`` -> ``项目``).
  Two or more TAB lines of three or more cells without any header also make a
  (headerless) table.
  A two-column table needs both headings to be genre words; a whole-cell subject
  heading (乡镇, 镇街, 县市区 …) counts as one (``乡镇⇥目标任务（亩）``).
* The header printed again on every page is dropped, and so are page numbers
  (``12``, ``— 12 —``, ``·4·``, ``- 4 -``, ``第 3 页``) and blank lines between the
  page parts. Where the header is not printed again, a **running head** (the
  gazette's name or issue, ``青山县人民政府公报  2025年第3期``, a section mark
  ``·县政府文件·``, or a short line printed on several pages) between the page
  parts is skipped too, but only when the next TAB line is the next numbered row
  (the number goes on) with the table's shape.
* A **section row** inside a numbered table, an ordinal heading with nothing
  else on its line (``一、城市更新``, ``二、⇥交通畅通⇥⇥⇥``, ``（三）民生保障``), is kept
  as a row of its own when the next numbered row follows it: the ordinal in the
  first column, the heading in the second, the other cells empty. Numbering
  may restart at 1 under each section where a section opens the table.
* A **new row** begins at a line whose first cell is a row number (``12``,
  ``12.``, ``一、``, ``（三）``) or a total label (合计, 小计, 全市合计 …), or, where the
  first cell is empty or plain text, at a line that fills at least half of the
  columns or prints an amount under a column of amounts (a sub-row printed
  under a merged row number, or a row of an unnumbered table). Any other line **continues** the row above: a line
  without TABs, a line after one cut short (fewer cells than the header, or
  ending in U+FFFD), a line filling few cells, and, in a numbered table, a line
  with an empty number cell and no amounts that follows a page break or picks
  up a cell whose text stopped mid-sentence.
* A continuation line that starts with a TAB is placed **by position** (its
  n-th cell joins the n-th cell of the row); otherwise its first piece
  continues the last cell written and the next pieces go to the cells after it.
  Pieces of one cell from successive lines are joined without a separator
  (the PDF broke the line inside a word or sentence).
* A row with **more cells than the header** has a column split in two (the
  outer/inner category of a 项目 column, or a sub-column the header leaves
  empty): trailing empty cells are dropped first, then the extra cells are
  merged into one column, joined by a space. Which column takes them comes
  from the header (a repeated header with an empty cell after ``项目`` says so);
  otherwise the first column after the row number does. Whether a trailing
  empty cell is a real (empty) column or just the trailing TAB the PDF
  extractor likes to add is decided, in tables that have rows wider than the
  header for sure, by how well each reading fits the usual length and
  number/text kind of the columns (taken from the rows whose cell count
  matches the header); elsewhere the trailing empty cells are dropped.
* A table cut by a running page head or foot (a short line between page
  parts) is joined again when the next part has the same header and its row
  numbers go on from the last row.
* The table ends at a line without TABs that is not a continuation: prose
  after a blank line, a 文号 line, ``附件…``, ``注：…``, an outline heading, or
  another header.

``TableCell.spans`` are the pieces a cell was joined from (whitespace and a
cut marker U+FFFD trimmed off their ends), in reading order: for a merged
column, the first physical cell's pieces come first. ``cell.text`` is their
texts, pieces of a physical cell concatenated and physical cells joined by a
space. ``TableRow.span`` runs from the start of the row's first line to the end
of its last line, ``Table.span`` from the header (or first row) to the end of
the last row. ``Table.title`` is the caption printed just above the header
(a 单位：万元 line and an 附件 marker are skipped over; layout spaces removed).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.model import Span, Table, TableCell, TableRow

__all__ = ["split_table_rows"]

# --- words and shapes --------------------------------------------------------

# General column-heading words of government work tables (not of one gazette).
_HEADER_WORDS = (
    "序号", "编号", "项目", "任务", "目标", "领导", "单位", "责任人", "负责人", "联系人",
    "部门", "时限", "时间", "期限", "备注", "内容", "措施", "事项", "名称", "类别", "类型",
    "工作组", "组别", "收入", "支出", "金额", "资金", "数量", "指标", "情况", "进度", "节点",
    "要求", "标准", "地点", "姓名", "职务", "分工", "说明", "计划", "安排", "分类", "区域",
    "对象", "来源", "增幅", "增长", "预算", "投资", "规模", "成效", "举措", "主体", "环节",
    "牵头", "配合", "责任", "主管", "分管", "主办", "协办", "承办", "季度", "月份", "年度",
    "性别", "出生", "学历", "籍贯", "民族", "面积", "地址", "电话",
)
# The subject column of a per-township / per-district target table; whole cells only,
# since "各乡镇" in a duty cell is a collective, not a heading.
_SUBJECT_HEADING = re.compile(r"^(?:乡镇|乡镇街道|镇街|镇街道|街道|镇|乡|县市区|县区|市县区|区县|地区|片区)(?:名称)?$")
_PAREN = re.compile(r"[（(][^）)]*[)）]")
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")

_CN_NUM = "一二三四五六七八九十"
_ROW_NO = re.compile(
    rf"^(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})[.、．,，]?$"
    rf"|^[（(](?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})[)）]$"
    rf"|^第[{_CN_NUM}\d]{{1,3}}[项条类组]$"
)
_TOTAL = re.compile(r"^\S{0,6}?[合小总]计$")
_NUMERIC = re.compile(r"^[-+−]?\d[\d,，]*(?:\.\d+)?[%‰]?$")
_FURNITURE = re.compile(
    r"^[\s\-—–－~～一·•・∙]*\d{1,4}[\s\-—–－~～一·•・∙]*$"
    r"|^\s*第\s*\d{1,4}\s*页(?:\s*[，,/、]?\s*共\s*\d{1,4}\s*页)?\s*$"
    r"|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"
)
_LEADER_DOTS = re.compile(r"(?:…|\.{3,}|·{3,}|．{3,})\s*$")
_DOC_NO = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
_STOP = re.compile(
    rf"^\s*(?:附\s*件|[（(]?\s*(?:注|备注|说明|资料来源|填表说明)\s*[)）]?\s*[:：]"
    rf"|[{_CN_NUM}]{{1,3}}\s*、|[（(]\s*[{_CN_NUM}]{{1,3}}\s*[)）]|\*\*|#)"
)
_UNIT_LINE = re.compile(r"^\s*[（(]?\s*(?:计量)?单\s*位\s*[:：].{0,20}$")
_ANNEX = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*")
_TERMINAL = tuple("。！？；.!?;")
_TRIM = set(" \t\u3000\ufffd\u00a0")


def _squeeze(text: str) -> str:
    """Drop layout spaces next to Chinese characters, collapse the rest."""
    return _SPACES.sub(" ", _SPACE_NEAR_CJK.sub("", text)).strip()


def _is_row_no(cell: str) -> bool:
    return bool(cell) and bool(_ROW_NO.match(_squeeze(cell).replace(" ", "")))


def _is_total(cell: str) -> bool:
    return bool(cell) and bool(_TOTAL.match(_squeeze(cell).replace(" ", "")))


def _is_numeric(cell: str) -> bool:
    return bool(cell) and bool(_NUMERIC.match(cell.replace(" ", "")))


def _is_headerish(cell: str) -> bool:
    name = _PAREN.sub("", _squeeze(cell)).replace(" ", "")
    if not name or len(name) > 16 or _is_numeric(name) or name.endswith(_TERMINAL):
        return False
    if _SUBJECT_HEADING.match(re.sub(r"[\s（）()]", "", cell)):  # 乡镇（街道） -> 乡镇街道
        return True
    return any(word in name for word in _HEADER_WORDS)


# --- lines -------------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    text: str
    cells: list[tuple[int, int]]  # trimmed bounds of each TAB cell (absolute offsets)
    vals: list[str]  # the trimmed cell texts
    memo_header: bool | None = None
    memo_toc: bool | None = None

    @property
    def has_tab(self) -> bool:
        return len(self.cells) > 1

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\u3000\u00a0")

    @property
    def n_raw(self) -> int:
        return len(self.vals)

    @property
    def n(self) -> int:
        """Cell count without trailing empty cells."""
        k = len(self.vals)
        while k > 0 and not self.vals[k - 1]:
            k -= 1
        return k

    @property
    def filled(self) -> list[int]:
        return [i for i, v in enumerate(self.vals) if v]

    @property
    def cut(self) -> bool:
        return self.text.rstrip(" \t\u3000").endswith("\ufffd")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a] in _TRIM or text[a].isspace()):
        a += 1
    while b > a and (text[b - 1] in _TRIM or text[b - 1].isspace()):
        b -= 1
    return a, b


def _lines(text: str, start: int, end: int) -> list[_Line]:
    out: list[_Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        cells: list[tuple[int, int]] = []
        a = pos
        while True:
            tab = text.find("\t", a, stop)
            b = stop if tab < 0 else tab
            cells.append(_trim(text, a, b))
            if tab < 0:
                break
            a = tab + 1
        vals = [text[x:y] for x, y in cells]
        out.append(_Line(pos, stop, text[pos:stop], cells, vals))
        pos = stop + 1
    return out


def _is_furniture(line: _Line) -> bool:
    return not line.has_tab and bool(_FURNITURE.match(line.text))


def _is_toc(line: _Line) -> bool:
    if line.memo_toc is None:
        line.memo_toc = _toc(line)
    return line.memo_toc


def _toc(line: _Line) -> bool:
    filled = line.filled
    if len(filled) != 2:
        return False
    first, last = line.vals[filled[0]], line.vals[filled[1]]
    return bool(_LEADER_DOTS.search(first)) and last.isdigit()


def _is_header(line: _Line) -> bool:
    if line.memo_header is None:
        line.memo_header = _header_line(line)
    return line.memo_header


def _header_line(line: _Line) -> bool:
    if not line.has_tab or _is_toc(line):
        return False
    vals = [v for v in line.vals if v]
    if len(vals) < 2 or _is_row_no(line.vals[0]):
        return False
    if any(_is_numeric(v) or _is_total(v) or len(_squeeze(v)) > 24 for v in vals):
        return False
    hits = sum(1 for v in vals if _is_headerish(v))
    # a line opening with 序号 / 编号 needs fewer heading words to be a header
    share = 0.4 if _squeeze(line.vals[0]).replace(" ", "") in ("序号", "编号", "序") else 0.6
    return hits >= 2 and hits >= share * len(vals)


def _is_stop(line: _Line) -> bool:
    return bool(_STOP.match(line.text) or _DOC_NO.search(line.text))


# --- page breaks and section rows ----------------------------------------------

# A running page head: the gazette's name or its issue ("…公报  2025年第3期", "（总第87期）").
_GAZETTE_HEAD = re.compile(r"公\s*报|第\s*[\d〇零一二三四五六七八九十百]{1,5}\s*期")
_CLAUSE_END = _TERMINAL + ("，", ",", "、", "：", ":")
# A gazette's section mark between middle dots ("·区政府文件·"), printed as a running head too.
_SECTION_MARK = re.compile(r"^\s*[·•・]\s*[^·•・\t]{2,20}\s*[·•・]\s*$")


def _is_page_head(line: _Line, repeated: Counter | None) -> bool:
    """A running head or foot printed on every page: the gazette's name or issue, or
    (where ``repeated`` counts the lines of the whole text) a short line printed
    on several pages."""
    if line.has_tab or line.blank or _is_stop(line):
        return False
    body = line.text.strip(" \t\u3000\u00a0")
    if len(_squeeze(body)) > 60 or body.endswith(_CLAUSE_END):
        return False
    if _GAZETTE_HEAD.search(body) or _SECTION_MARK.match(body):
        return True
    return repeated is not None and len(_squeeze(body)) >= 4 and repeated[body] >= 2


def _is_running_head_line(line: _Line) -> bool:
    """A running head printed right below a table row (no blank line between): the
    gazette's name with its issue, or a name set apart by a wide gap, so that a
    spilled cell that happens to mention a 公报 is not taken for one."""
    if not _is_page_head(line, None):
        return False
    body = line.text.strip(" \t\u3000\u00a0")
    return bool(re.search(r"第\s*[\d〇零一二三四五六七八九十百]{1,5}\s*期|[ \u3000]{2,}", body))


def _restarts(drafts: list[_Draft]) -> bool:
    """Does the table open with a section row (so numbering may restart at 1 under each)?"""
    return bool(drafts) and drafts[0].section


def _skip_page_break(lines: list[_Line], j: int, repeated: Counter) -> tuple[int, bool]:
    """Index of the first line after the page furniture starting at j (blank lines,
    page numbers, running heads), and whether a running head was among them."""
    m, saw_head, heads = j, False, 0
    while m < len(lines):
        ln = lines[m]
        if ln.blank or _is_furniture(ln):
            m += 1
        elif heads < 3 and _is_page_head(ln, repeated):
            saw_head, heads = True, heads + 1
            m += 1
        else:
            break
    return m, saw_head


# A section heading inside a numbered table: "一、城市更新", "（二）交通畅通", "第三部分 民生".
_SECTION_ORDINAL = re.compile(
    rf"^\s*(?:[{_CN_NUM}]{{1,3}}\s*[、.．]|[（(]\s*[{_CN_NUM}]{{1,3}}\s*[)）]|第[{_CN_NUM}]{{1,3}}(?:部分|类|篇|章))\s*"
)


def _section_parts(line: _Line) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(ordinal, heading) bounds of a section row, or None: the whole line or one
    cell holds an ordinal and a short heading, or an ordinal cell is followed by a
    heading cell, and nothing else is printed on the line."""
    filled = line.filled
    if not filled or len(filled) > 2:
        return None
    if len(filled) == 2:
        (a0, b0), (a1, b1) = line.cells[filled[0]], line.cells[filled[1]]
        if filled[1] != filled[0] + 1 or not _SECTION_ORDINAL.fullmatch(line.vals[filled[0]]):
            return None
        ordinal, heading = (a0, b0), (a1, b1)
        head_text = line.vals[filled[1]]
    else:
        a, b = line.cells[filled[0]]
        value = line.vals[filled[0]]
        match = _SECTION_ORDINAL.match(value)
        if not match or match.end() >= len(value):
            return None
        cut = a + len(value[:match.end()].rstrip())
        ordinal, heading = (a, cut), _trim_bounds(line, a + match.end(), b)
        head_text = value[match.end():]
    name = _squeeze(head_text).replace(" ", "")
    if not 2 <= len(name) <= 30 or name.endswith(_CLAUSE_END) or _is_numeric(name) or _is_total(name):
        return None
    if not re.search(r"[\u4e00-\u9fff]", name) or re.search(r"[。；;！？]", name):
        return None
    return ordinal, heading


def _trim_bounds(line: _Line, a: int, b: int) -> tuple[int, int]:
    rel_a, rel_b = a - line.start, b - line.start
    while rel_a < rel_b and line.text[rel_a] in _TRIM:
        rel_a += 1
    while rel_b > rel_a and line.text[rel_b - 1] in _TRIM:
        rel_b -= 1
    return line.start + rel_a, line.start + rel_b


def _arabic_row_no(line: _Line) -> int | None:
    first = _squeeze(line.vals[0]).replace(" ", "").rstrip(".、．,，") if line.vals else ""
    return int(first) if first.isdigit() and len(first) <= 4 else None


def _same_shape(line: _Line, rows: list[_Draft], hdr: _Header) -> bool:
    """Does a TAB line print as many cells as the table's rows (or its header)?"""
    widths = {d.first.n_raw for d in rows if not d.section} | {d.first.n for d in rows if not d.section}
    widths |= {hdr.width, hdr.ncols} if hdr.ncols else set()
    return line.n_raw in widths or line.n in widths


def _goes_on(line: _Line, drafts: list[_Draft], hdr: _Header, restart_ok: bool) -> bool:
    """Is a TAB line the next numbered row of the table: its row number follows the
    last one (or, in a table whose sections restart the numbering, is 1) and it has
    the table's shape?"""
    if not line.has_tab or _is_toc(line) or not _same_shape(line, drafts, hdr):
        return False
    number = _arabic_row_no(line)
    if number is None:
        return False
    last = next((_arabic_row_no(d.first) for d in reversed(drafts) if not d.section
                 and _arabic_row_no(d.first) is not None), None)
    if last is None:
        return number == 1 or restart_ok
    return number == last + 1 or (restart_ok and number == 1)


def _section_here(
    lines: list[_Line], j: int, drafts: list[_Draft], hdr: _Header, numbered: bool, repeated: Counter
) -> bool:
    """Is line j a section row of a numbered table: an ordinal heading followed
    (past any page furniture) by the next numbered row?"""
    if not numbered and any(not d.section for d in drafts):
        return False
    if _section_parts(lines[j]) is None:
        return False
    m, _ = _skip_page_break(lines, j + 1, repeated)
    for _ in range(2):  # a sub-section heading may follow ("一、教育" / "（一）学前教育")
        if m < len(lines) and _section_parts(lines[m]) is not None:
            m, _ = _skip_page_break(lines, m + 1, repeated)
    if m >= len(lines) or _section_parts(lines[m]) is not None:
        return False
    # numbering may restart under each section where the first section opened the table
    return _goes_on(lines[m], drafts, hdr, not drafts or _restarts(drafts))


# --- header ------------------------------------------------------------------


@dataclass
class _Header:
    names: tuple[str, ...]  # one per logical column
    width: int  # physical cells of the header
    top_names: tuple[str, ...]  # names read from the first header line alone
    span_cols: set[int] = field(default_factory=set)  # columns that take several physical cells
    phys_to_col: list[tuple[int, int]] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return len(self.names)

    def is_repeat(self, line: _Line) -> bool:
        if not self.names:
            return False
        names, _, _ = _read_header([line])
        return _same_names(names, self.names) or _same_names(names, self.top_names)


def _same_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b) or not a:
        return False
    same = sum(1 for x, y in zip(a, b) if x.replace(" ", "") == y.replace(" ", ""))
    return same == len(a) or (len(a) >= 4 and same >= 0.75 * len(a))


def _zones(top: list[str], width: int) -> list[tuple[int, int]]:
    """(first, last) physical positions of each heading of the top line; leading
    empty positions are zones of their own."""
    zones: list[tuple[int, int]] = []
    for p in range(width):
        if (top[p] if p < len(top) else "") or not zones or not any(top[:p]):
            zones.append((p, p))
        else:
            zones[-1] = (zones[-1][0], p)
    return zones


def _read_header(lines: list[_Line]) -> tuple[tuple[str, ...], list[tuple[int, int]], set[int]]:
    """Column names, physical position -> (column, sub-cell), and spanning columns."""
    width = max((ln.n for ln in lines), default=0)
    rows = [[_squeeze(v) for v in ln.vals] + [""] * max(0, width - ln.n_raw) for ln in lines]
    top, subs = rows[0], rows[1:]
    names: list[str] = []
    phys: list[tuple[int, int]] = []
    spans: set[int] = set()
    for first, last in _zones(top, width):
        positions = list(range(first, last + 1))
        grouped = len(positions) > 1 and any(s[p] for s in subs for p in positions[1:])
        if grouped:
            for p in positions:
                below = "".join(s[p] for s in subs)
                if top[first] and below:
                    names.append(f"{top[first]}/{below}")
                else:
                    names.append(top[first] or below)
                phys.append((len(names) - 1, 0))
        else:
            names.append(top[first] + "".join(s[first] for s in subs))
            col = len(names) - 1
            if len(positions) > 1:
                spans.add(col)
            phys.extend((col, k) for k in range(len(positions)))
    return tuple(names), phys, spans


def _is_subheader(header_lines: list[_Line], line: _Line) -> bool:
    if not line.has_tab or line.blank or _is_toc(line) or _is_row_no(line.vals[0]):
        return False
    vals = [v for v in line.vals if v]
    if not vals or any(_is_numeric(v) or len(_squeeze(v)) > 24 for v in vals):
        return False
    if not any(_is_total(v) for v in vals) and sum(1 for v in vals if _is_headerish(v)) >= 0.6 * len(vals):
        return True
    # values only under a heading that stands over empty cells (a column group)
    top = header_lines[0]
    width = max(top.n, line.n)
    tvals = top.vals + [""] * max(0, width - top.n_raw)
    grouped: set[int] = set()
    for first, last in _zones(tvals, width):
        if last > first and tvals[first]:
            grouped.update(range(first, last + 1))
    return all(p in grouped for p in line.filled) and any(
        p in grouped and not tvals[p] for p in line.filled
    )


def _make_header(lines: list[_Line]) -> _Header:
    names, phys, spans = _read_header(lines)
    top_names, _, _ = _read_header(lines[:1])
    return _Header(names, max(ln.n for ln in lines), top_names, spans, phys)


# --- rows --------------------------------------------------------------------


@dataclass
class _Draft:
    first: _Line
    conts: list[tuple[_Line, str]] = field(default_factory=list)  # (line, "pos" | "resume")
    section: bool = False  # a section heading row ("一、城市更新") of a numbered table

    @property
    def last(self) -> _Line:
        return self.conts[-1][0] if self.conts else self.first

    def text_at(self, p: int) -> str:
        """The latest text printed at physical position p in this row."""
        for ln in [c for c, _ in reversed(self.conts)] + [self.first]:
            if ln.has_tab and p < ln.n_raw and ln.vals[p]:
                return ln.vals[p]
        return ""


def _numeric_column(drafts: list[_Draft], p: int) -> bool:
    """Are most values printed at physical position p by the rows so far amounts?"""
    values = [d.first.vals[p] for d in drafts if not d.section and p < d.first.n_raw and d.first.vals[p]]
    return bool(values) and sum(1 for v in values if _is_numeric(v)) * 2 >= len(values)


def _classify(draft_rows: list[_Draft], line: _Line, hdr: _Header, numbered: bool, after_break: bool) -> str:
    """'row', 'pos' (continuation placed by position) or 'resume'."""
    if not draft_rows or draft_rows[-1].section:
        return "row"
    draft = draft_rows[-1]
    vals = line.vals
    if not line.has_tab:
        return "resume"
    if _is_row_no(vals[0]):
        return "row"
    filled = line.filled
    if any(_is_total(vals[p]) for p in filled[:1] if p <= 2):
        return "row"
    prev = draft.last
    if prev.cut:
        return "resume" if vals[0] else "pos"
    ncols = max(hdr.ncols, 1)
    width = max(hdr.width, ncols)
    few = len(filled) < max(2, math.ceil(ncols / 2))
    if vals[0]:
        prev_short = prev.has_tab and prev.n_raw < width and prev.n_raw + line.n_raw - 1 <= width
        if prev_short or (line.n_raw < ncols and few):
            return "resume"
        return "row"
    if any(_is_numeric(vals[p]) and _numeric_column(draft_rows, p) for p in filled):
        return "row"  # a sub-row: amounts under the amounts of the rows above
    if few:
        return "pos"
    if numbered and not any(_is_numeric(vals[p]) for p in filled):
        above = draft.text_at(filled[0])
        if after_break or (above and not above.endswith(_TERMINAL)):
            return "pos"
    return "row"


@dataclass
class _Profile:
    median: float
    numeric: float
    fill: float


def _profiles(drafts: list[_Draft], ncols: int) -> list[_Profile] | None:
    sample = [d.first.vals for d in drafts if not d.section and d.first.n <= ncols <= d.first.n_raw]
    if len(sample) < 3:
        return None
    out = []
    for c in range(ncols):
        texts = [v[c] for v in sample if v[c]]
        lengths = sorted(len(t) for t in texts)
        median = lengths[len(lengths) // 2] if lengths else 0.0
        numeric = sum(1 for t in texts if _is_numeric(t)) / len(texts) if texts else 0.0
        out.append(_Profile(float(median), numeric, len(texts) / len(sample)))
    return out


def _layout(n_raw: int, t: int, j: int | None, ncols: int) -> list[tuple[int, int]]:
    """Physical position -> (column, sub-cell) for a line of n_raw cells read with
    t trailing cells dropped and the extra cells merged into column j."""
    m = n_raw - t
    out: list[tuple[int, int]] = []
    extra = m - ncols
    for p in range(n_raw):
        if p >= m:
            out.append((ncols - 1, -1))
        elif extra > 0 and j is not None:
            if p < j:
                out.append((p, 0))
            elif p <= j + extra:
                out.append((j, p - j))
            else:
                out.append((p - extra, 0))
        else:
            out.append((min(p, ncols - 1), 0 if p < ncols else p - ncols + 1))
    return out


def _assign(vals: list[str], layout: list[tuple[int, int]], ncols: int) -> list[str]:
    cols: list[list[str]] = [[] for _ in range(ncols)]
    for v, (c, _) in zip(vals, layout):
        if v:
            cols[c].append(v)
    return [" ".join(x) for x in cols]


def _cost(texts: list[str], prof: list[_Profile]) -> float:
    cost = 0.0
    for s, pr in zip(texts, prof):
        if not s:
            cost += 0.3 * pr.fill
            continue
        cost += abs(math.log2(1 + len(s)) - math.log2(1 + pr.median))
        num = _is_numeric(s)
        if (num and pr.numeric < 0.3) or (not num and pr.numeric > 0.7):
            cost += 2.0
    return cost


def _choose_layout(
    line: _Line, hdr: _Header, default_j: int, prof: list[_Profile] | None
) -> list[tuple[int, int]]:
    """Physical position -> (column, sub-cell) for one line of the table."""
    ncols = max(hdr.ncols, 1)
    n_raw = line.n_raw
    trailing = n_raw - line.n
    t_def = min(trailing, max(0, n_raw - ncols))
    best = (t_def, default_j if n_raw - t_def > ncols else None)
    if prof is not None and n_raw > ncols:
        vals = line.vals
        best_cost = _cost(_assign(vals, _layout(n_raw, *best, ncols), ncols), prof) - 1.0
        for t in range(trailing + 1):
            m = n_raw - t
            j = default_j if m > ncols else None
            cost = _cost(_assign(vals, _layout(n_raw, t, j, ncols), ncols), prof)
            if cost < best_cost:
                best, best_cost = (t, j), cost
            if m <= ncols:
                break
    return _layout(n_raw, *best, ncols)


def _at(layout: list[tuple[int, int]], p: int, ncols: int) -> tuple[int, int]:
    """Where physical position p goes; past the end of the layout, the cells
    continue into the columns after the last one it names."""
    if p < len(layout):
        return layout[p]
    last = max((c for c, _ in layout), default=-1)
    c = last + (p - len(layout) + 1)
    return (c, 0) if c < ncols else (ncols - 1, -1)


def _build_rows(text: str, drafts: list[_Draft], hdr: _Header, numbered: bool) -> list[TableRow]:
    ncols = max(hdr.ncols, 1)
    if hdr.span_cols:
        default_j = min(hdr.span_cols)
    elif ncols > 1 and (numbered or (hdr.names and "序" in hdr.names[0])):
        default_j = 1
    else:
        default_j = 0
    # Reading a trailing empty cell as a real column (and merging the extra
    # cells) is only considered in tables where some rows are wider than the
    # header for sure (their last cell is not empty).
    widened = any(d.first.n > ncols for d in drafts if not d.section)
    prof = _profiles(drafts, ncols) if widened else None
    rows: list[TableRow] = []
    for d in drafts:
        if d.section:
            rows.append(_section_row(text, d.first, ncols))
            continue
        cells: list[dict[int, list[tuple[int, int]]]] = [dict() for _ in range(ncols)]

        def put(where: tuple[int, int], piece: tuple[int, int]) -> None:
            c, sub = where
            c = max(0, min(c, ncols - 1))
            if sub < 0:
                sub = max(cells[c]) if cells[c] else 0
            cells[c].setdefault(sub, []).append(piece)

        first = d.first
        layouts = {id(first): _choose_layout(first, hdr, default_j, prof)}

        def layout_of(line: _Line) -> list[tuple[int, int]]:
            if id(line) not in layouts:
                same = line.n_raw == first.n_raw
                layouts[id(line)] = layouts[id(first)] if same else _choose_layout(line, hdr, default_j, None)
            return layouts[id(line)]

        for p, piece in enumerate(first.cells):
            if piece[0] < piece[1]:
                put(_at(layout_of(first), p, ncols), piece)
        last_tab_line = first
        for line, mode in d.conts:
            pieces = [(p, piece) for p, piece in enumerate(line.cells) if piece[0] < piece[1]]
            if mode == "pos":
                for p, piece in pieces:
                    put(_at(layout_of(line), p, ncols), piece)
            else:  # resume after the last cell written on the TAB line above
                base = _last_filled(last_tab_line)
                for k, (p, piece) in enumerate(pieces):
                    if base is None:
                        put((ncols - 1, -1), piece)
                    else:
                        put(_at(layout_of(last_tab_line), base + p, ncols), piece)
            if line.has_tab:
                last_tab_line = line
        out_cells = []
        for c in range(ncols):
            subs = [cells[c][k] for k in sorted(cells[c])]
            parts = ["".join(text[a:b] for a, b in pieces) for pieces in subs]
            spans = tuple(Span.of(text, a, b) for pieces in subs for a, b in pieces)
            out_cells.append(TableCell(" ".join(x for x in parts if x), spans))
        end_line = d.conts[-1][0] if d.conts else first
        rows.append(TableRow(tuple(out_cells), Span.of(text, first.start, end_line.end)))
    return rows


def _section_row(text: str, line: _Line, ncols: int) -> TableRow:
    """A section heading as a row: the ordinal in the number column, the heading in
    the column after it, the other cells empty."""
    parts = _section_parts(line)
    pieces = list(parts) if parts is not None else [line.cells[p] for p in line.filled[:1]]
    cells = [TableCell("", ()) for _ in range(ncols)]
    for c, (a, b) in enumerate(pieces[:ncols] if ncols > 1 else pieces[:1]):
        if a < b:
            cells[c] = TableCell(text[a:b], (Span.of(text, a, b),))
    if ncols == 1 and len(pieces) > 1:
        (a, _), (_, b) = pieces[0], pieces[-1]
        cells[0] = TableCell(text[a:b], (Span.of(text, a, b),))
    return TableRow(tuple(cells), Span.of(text, line.start, line.end))


def _last_filled(line: _Line) -> int | None:
    filled = line.filled
    return filled[-1] if filled else None


# --- title -------------------------------------------------------------------


def _title(lines: list[_Line], idx: int, floor: int) -> str | None:
    k = idx - 1
    block: list[str] = []
    while k >= floor:
        ln = lines[k]
        if ln.blank or _UNIT_LINE.match(ln.text) or _is_furniture(ln) or _SECTION_MARK.match(ln.text):
            if block:
                break
            k -= 1
            continue
        if ln.has_tab:
            break
        block.insert(0, ln.text)
        if len(block) >= 3:
            break
        k -= 1
    block = [b for b in block if not _UNIT_LINE.match(b)]
    while block and not _ANNEX.sub("", block[0]).strip():
        block.pop(0)
    if not block:
        return None
    title = _squeeze("".join(_ANNEX.sub("", b, count=1) if i == 0 else b for i, b in enumerate(block)))
    title = title.replace("**", "").strip()
    if not title or len(title) > 60 or title.endswith(_TERMINAL + ("，", ",", "：", ":")):
        return None
    if _DOC_NO.search(title):
        return None
    return title


# --- scanning ----------------------------------------------------------------


def _headerless(lines: list[_Line], i: int) -> _Header | None:
    if i + 1 >= len(lines) or lines[i].n < 3 or lines[i + 1].n < 3 or not lines[i + 1].has_tab:
        return None
    run = []
    k = i
    while k < len(lines) and len(run) < 50 and lines[k].has_tab and not lines[k].blank:
        if _is_toc(lines[k]) or _is_header(lines[k]):
            break
        run.append(lines[k])
        k += 1
    if len(run) < 2 or any(ln.n < 3 for ln in run[:2]):
        return None
    counts = Counter(ln.n for ln in run)
    ncols = max(counts, key=lambda n: (counts[n], n))
    return _Header(tuple("" for _ in range(ncols)), ncols, (), set(), [])


def _table_at(
    text: str, lines: list[_Line], i: int, floor: int, repeated: Counter | None = None
) -> tuple[Table | None, int]:
    """Read the table starting at line i; return it and the index after it.
    ``repeated`` counts the lines of the whole text (running heads repeat)."""
    repeated = repeated if repeated is not None else Counter()
    n = len(lines)
    line = lines[i]
    if _is_header(line):
        head = [line]
        k = i + 1
        while k < n and len(head) < 3 and _is_subheader(head, lines[k]):
            head.append(lines[k])
            k += 1
        hdr = _make_header(head)
        has_header = True
    else:
        hdr_or_none = _headerless(lines, i)
        if hdr_or_none is None:
            return None, i + 1
        hdr = hdr_or_none
        head = []
        k = i
        has_header = False

    drafts: list[_Draft] = []
    numbered = False
    after_break = False
    j = k
    while j < n:
        ln = lines[j]
        # a page break: blank lines, page numbers and running heads between two page parts
        if ln.blank or _is_furniture(ln) or (drafts and _is_running_head_line(ln)):
            m, saw_head = _skip_page_break(lines, j, repeated)
            if m < n and lines[m].has_tab and not _is_toc(lines[m]):
                nxt = lines[m]
                repeat = _is_header(nxt) and hdr.is_repeat(nxt)
                if _is_header(nxt) and not repeat:
                    break
                # past a running head, only the next numbered row of the same shape goes on
                if saw_head and not repeat and not _goes_on(nxt, drafts, hdr, _restarts(drafts)):
                    break
                j = m
                after_break = True
                continue
            if m < n and drafts and _section_here(lines, m, drafts, hdr, numbered, repeated):
                j = m
                after_break = True
                continue
            break
        if _section_here(lines, j, drafts, hdr, numbered, repeated):
            drafts.append(_Draft(ln, section=True))
            after_break = False
            j += 1
            continue
        if ln.has_tab:
            if _is_toc(ln):
                break
            if not _is_row_no(ln.vals[0]) and _is_header(ln):
                if not hdr.is_repeat(ln):
                    break
                rep = [ln]
                j += 1
                while j < n and len(rep) < 3 and _is_subheader(rep, lines[j]):
                    rep.append(lines[j])
                    j += 1
                try:
                    _, _, spans = _read_header(rep)
                    if len(rep) == 1 and len(head) <= 1:
                        hdr.span_cols |= spans
                except Exception:  # pragma: no cover - defensive
                    pass
                after_break = True
                continue
            mode = _classify(drafts, ln, hdr, numbered, after_break)
        else:
            if not drafts or _is_stop(ln):
                break
            mode = "resume"
        if mode == "row":
            drafts.append(_Draft(ln))
            numbered = numbered or _is_row_no(ln.vals[0])
        else:
            drafts[-1].conts.append((ln, mode))
        after_break = False
        j += 1

    if not drafts:
        return None, max(j, i + 1)
    rows = _build_rows(text, drafts, hdr, numbered)
    first = head[0] if head else drafts[0].first
    last = drafts[-1].last
    title = _title(lines, i, floor) if has_header else None
    table = Table(
        header=hdr.names if has_header else (),
        rows=tuple(rows),
        span=Span.of(text, first.start, last.end),
        title=title,
    )
    return table, max(j, i + 1)


def split_table_rows(text: str, start: int = 0, end: int | None = None) -> list[Table]:
    """Tables found in text[start:end], with absolute offsets into ``text``.

    Never raises on odd input: returns the tables it could read (an empty list
    where there is none).
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        start = max(0, min(int(start or 0), len(text)))
        end = len(text) if end is None else max(start, min(int(end), len(text)))
    except (TypeError, ValueError):
        return []
    if "\t" not in text[start:end]:
        return []
    try:
        lines = _lines(text, start, end)
    except Exception:  # pragma: no cover - defensive
        return []
    tables: list[Table] = []
    repeated = Counter(ln.strip(" \t\u3000\u00a0") for ln in text.split("\n"))
    i = 0
    floor = 0
    while i < len(lines):
        ln = lines[i]
        if not ln.has_tab or ln.blank or _is_toc(ln):
            i += 1
            continue
        try:
            table, nxt = _table_at(text, lines, i, floor, repeated)
        except Exception:  # pragma: no cover - never let one odd table stop the rest
            table, nxt = None, i + 1
        if table is not None:
            try:
                if tables and _continues(text, tables[-1], table):
                    table = _join(text, tables.pop(), table)
            except Exception:  # pragma: no cover - defensive
                pass
            tables.append(table)
            floor = nxt
        i = max(nxt, i + 1)
    return tables


def _row_int(row: TableRow) -> int | None:
    first = row.cells[0].text.strip() if row.cells else ""
    return int(first) if first.isdigit() and len(first) <= 4 else None


def _continues(text: str, prev: Table, cur: Table) -> bool:
    """Is cur the next page of prev, cut off by a running page head or foot
    (same header, numbering goes on, only a few short lines between)?"""
    if not prev.header or prev.header != cur.header or not prev.rows or not cur.rows:
        return False
    last, first = _row_int(prev.rows[-1]), _row_int(cur.rows[0])
    if last is None or first != last + 1:
        return False
    between = [ln.strip() for ln in text[prev.span.end:cur.span.start].split("\n") if ln.strip()]
    if len(between) > 3:
        return False
    for ln in between:
        if "\t" in ln or len(ln) > 40 or ln.endswith(_TERMINAL) or _DOC_NO.search(ln) or _ANNEX.match(ln):
            return False
    return True


def _join(text: str, prev: Table, cur: Table) -> Table:
    return Table(
        header=prev.header,
        rows=prev.rows + cur.rows,
        span=Span.of(text, prev.span.start, cur.span.end),
        title=prev.title,
    )
