"""Task-decomposition tables -> TaskAssignment facts, one per row.

Columns are recognised by the genre's heading words, whatever a county calls
them: 牵头领导/主管领导/责任领导/分管领导/联系领导 (people who lead), 牵头单位/责任单位/
主责单位 (lead units), 配合单位/相关责任单位/协同单位 (units that help), 责任人/负责人
(people below the leader), 完成时限/时间节点 (deadline), 目标任务/工作任务/具体事项
(the task), 项目/名称 (a project name or, where it repeats down the table, a
category), 工作组/类别 (a category).

Shapes handled:
- a numbered task list whose 项目 column is a category carried down the rows,
  printed as outer + inner category, broken by page layout ("大力 强 化 产 业
  支 撑 完善产 业体系"), or run into the task cell ("加大招商力度 锚定…");
- a project table 项目名称 | 建设内容 (建设规模, 项目概况): the project name is the task;
- a 民生实事 table whose task cell holds dated steps ("1.3月底前…；2.6月底前…"):
  the 项目 is the task, the steps are milestones, the deadline the last step;
- an income table grouped by 工作组 (number carried down, one row per item):
  ref "<no>-<item>", text "<item>：<具体事项>";
- an unnumbered table under an "附件N" line: ref "附件N-<name>";
- section rows between the numbered rows ("一、城市更新", "（一）学前教育", the ordinal
  in the number column and the heading beside it, nothing else): not tasks, but the
  outer categories of the rows below them, by level (第X部分 > 一、 > （一））.
A 完成时限 cell gives the deadline (a month alone: its last day); a cell naming a span
and no date (全年, 持续推进, 长期, 常态化) leaves the task without one, whatever its text says.
People cells are kept as printed (the resolver splits "王 明 李志强" with the
gazette's cast); they are only pre-split on 、，; and runs of two or more
spaces, and collective posts (各镇镇长, 各街道办主任) are taken out as entries of
their own. Unit cells go through kg.extract.unit_names.split_unit_list; a unit marked
（牵头） in a 责任单位 cell leads and the unmarked ones help ("A（牵头）、B"), a cell
without marks names lead units only; "牵头单位：A；配合单位：B", "A牵头，B配合" and "牵头：A"
are read too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.deadlines import find_deadlines, issue_year, parse_deadline
from kg.extract.registry import extractor
from kg.extract.titles import looks_like_delimited_name
from kg.extract.unit_names import looks_like_unit, split_unit_list, units_in_cells
from kg.ingest.textnorm import remove_spaces, squeeze_cjk_spaces
from kg.model import Document, Milestone, Table, TableRow, TaskAssignment

# Traditional forms of the heading words (cheap to fold, common in pasted notices).
_TRADITIONAL = str.maketrans({
    "牽": "牵", "頭": "头", "責": "责", "單": "单", "領": "领", "導": "导", "負": "负", "時": "时",
    "間": "间", "節": "节", "點": "点", "務": "务", "標": "标", "項": "项", "號": "号", "協": "协",
    "門": "门", "備": "备", "註": "注", "實": "实", "內": "内", "容": "容", "組": "组", "別": "别",
    "辦": "办", "關": "关", "職": "职", "體": "体", "達": "达", "應": "应", "屬": "属", "縣": "县",
    "區": "区", "鎮": "镇", "鄉": "乡", "與": "与", "會": "会", "長": "长", "進": "进", "處": "处",
})

_SPACE = " \t\u3000\xa0"
_TOTAL = re.compile(r"^[\s\u3000]*\S{0,6}?[合小总][\s\u3000]*计[\s\u3000]*$")
_ROW_NUMBER = re.compile(r"^\s*(\d{1,4}|[一二三四五六七八九十]{1,3})\s*[.、．]?\s*$")


def _fold(name: str) -> str:
    return remove_spaces((name or "").translate(_TRADITIONAL))


# --- columns ----------------------------------------------------------------

_ROLE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("ref", re.compile(r"^(?:序号|编号|序|号)$")),
    ("coop_units", re.compile(r"配合|协同|协办|协助|协作|参与|相关责任单位|相关单位|相关部门|联动")),
    ("leaders", re.compile(r"领导|召集人|挂帅|包保|督办人|(?:市|县|区|旗|州)长$")),
    ("responsible", re.compile(r"责任人|负责人|承办人|经办人|工作组长|组长$")),
    ("lead_units", re.compile(r"(?:牵头|责任|主责|主办|承办|主体|实施|负责|主管)(?:单位|部门|科室|机构)|责任主体|^牵头$|^主责$")),
    ("deadline", re.compile(r"时限|时间节点|完成时间|截止|期限|办结时间|完成时段|时间安排|进度安排|时间要求|时间进度")),
    ("task", re.compile(r"目标任务|工作任务|重点任务|具体任务|主要任务|任务内容|任务|工作内容|主要内容|具体事项|"
                        r"工作措施|具体措施|主要措施|措施|工作目标|目标要求|工作要求|内容|举措|目标")),
    ("name", re.compile(r"项目名称|名称|项目|收入项目|事项")),
    ("group", re.compile(r"工作组|组别|类别|分类|领域|板块|类型")),
)


_LEADERS_AND_UNITS_HEADING = re.compile(r"领导.*(?:单位|部门)")
_COOP_HEADING = re.compile(r"配合|协同|协办|协助|协作|参与")


@dataclass
class _Columns:
    ref: int | None = None
    name: int | None = None
    task: int | None = None
    group: int | None = None
    leaders: list[int] = field(default_factory=list)
    lead_units: list[int] = field(default_factory=list)
    coop_units: list[int] = field(default_factory=list)
    responsible: list[int] = field(default_factory=list)
    deadline: list[int] = field(default_factory=list)
    # one column for the leader(s) and the units: "责任领导及单位" holding "王明　县发改局（牵头）、县财政局"
    leaders_units: list[int] = field(default_factory=list)

    @property
    def has_duty(self) -> bool:
        return bool(self.leaders or self.lead_units or self.coop_units or self.responsible or self.leaders_units)


def _column_role(name: str) -> str | None:
    folded = _fold(re.sub(r"[（(][^）)]*[)）]", "", name or "")) or _fold(name)
    if _LEADERS_AND_UNITS_HEADING.search(folded) and not _COOP_HEADING.search(folded):
        return "leaders_units"  # 责任领导及单位, 牵头领导及单位, 分管领导及责任单位, 责任领导/责任单位
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(folded):
            return role
    return None


def _numeric_share(table: Table, col: int) -> float:
    values = [r.cells[col].text.strip() for r in table.rows if col < len(r.cells) and r.cells[col].text.strip()]
    if not values:
        return 0.0
    return sum(1 for v in values if re.fullmatch(r"[-+]?\d[\d,，.]*%?", v.replace(" ", ""))) / len(values)


def classify_columns(table: Table) -> _Columns:
    """Which column of a table holds what, from its header (and its values where needed)."""
    cols = _Columns()
    for i, name in enumerate(table.header):
        role = _column_role(name)
        if role is None:
            continue
        if role in ("task", "name", "group") and _numeric_share(table, i) > 0.5:
            continue  # "目标" over amounts is a target column, not a task
        if role == "ref":
            cols.ref = i if cols.ref is None else cols.ref
        elif role in ("task", "name", "group"):
            if getattr(cols, role) is None:
                setattr(cols, role, i)
        else:
            getattr(cols, role).append(i)
    if len(cols.lead_units) > 1 and not cols.coop_units:
        # "牵头单位 | 责任单位" side by side: the second names the units that take part
        names = [_fold(table.header[i]) for i in cols.lead_units]
        if any("牵头" in n for n in names):
            cols.coop_units = [i for i, n in zip(cols.lead_units, names) if "牵头" not in n]
            cols.lead_units = [i for i, n in zip(cols.lead_units, names) if "牵头" in n]
    if cols.task is None and cols.name is None and cols.group is None:
        # the first wordy column that is not a duty column holds the task
        duty = set(cols.leaders + cols.lead_units + cols.coop_units + cols.responsible + cols.deadline + cols.leaders_units)
        for i in range(len(table.header)):
            if i != cols.ref and i not in duty and _numeric_share(table, i) < 0.5:
                cols.task = i
                break
    return cols


def is_task_table(table: Table) -> bool:
    """A table with a header that names who is responsible for each row."""
    return bool(table.header) and classify_columns(table).has_duty


# --- cells ------------------------------------------------------------------

# Collective posts in a people cell ("各镇镇长", "各街道办主任", "各部门单位责任人"); the PDF may
# have put layout spaces anywhere inside them ("各镇镇 长各街 道办主 任").
_POST_WORDS = ("主要负责人", "分管负责人", "负责人", "责任人", "班子成员", "镇长", "乡长", "区长", "县长", "市长",
               "主任", "书记", "局长", "站长", "所长", "队长", "院长", "校长", "经理")
_SPACED = f"[{_SPACE}]*"
_COLLECTIVE_POST = re.compile(
    rf"(?:各|相关|有关|其他){_SPACED}(?:[\u4e00-\u9fff（）()]{_SPACED})*?"
    rf"(?:{'|'.join(_SPACED.join(word) for word in _POST_WORDS)})"
)


def split_people_cell(text: str) -> list[str]:
    """People of a leader/责任人 cell, as printed.

    Pre-split on 、，；/ and on runs of two or more spaces only; a string such as
    "王 明 李志强" stays whole for the resolver. Collective posts (各镇镇长) become
    entries of their own; bracketed titles ("王明（副县长）") are dropped.
    """
    text = re.sub(r"[（(][^）)]{0,20}[)）]", " ", (text or "").translate(_TRADITIONAL))
    out: list[str] = []
    for piece in re.split(r"[、，,；;/／\n]+|[ \t\u3000\xa0]{2,}", text):
        piece = piece.strip(_SPACE + "：:。")
        if not piece:
            continue
        rest_start = 0
        leftovers: list[str] = []
        for match in _COLLECTIVE_POST.finditer(piece):
            leftovers += [piece[rest_start:match.start()], match.group(0)]
            rest_start = match.end()
        leftovers.append(piece[rest_start:])
        for item in leftovers:
            if item and item.strip(_SPACE):
                out.append(item.strip(_SPACE))
    return out


# A role mark printed after a unit inside a duty cell: "县发改局（牵头）", "县水利局(牵头单位)".
_LEAD_MARK = re.compile(r"[（(]\s*(?:牵头|主责|牵头单位|主责单位)\s*[)）]")
_COOP_MARK = re.compile(r"[（(]\s*(?:配合|协同|协办|参与|配合单位)\s*[)）]")


def _split_marked_units(text: str, folded: str) -> tuple[str, str] | None:
    """"县发改局（牵头）、县自然资源局" -> ("县发改局", "县自然资源局"): a unit marked （牵头）
    leads, the unmarked ones help (and the other way round where only （配合） marks are
    printed). `folded` is `text` with traditional heading words folded (same length);
    the units are returned as printed. None for a cell without marks."""
    if not _LEAD_MARK.search(folded) and not _COOP_MARK.search(folded):
        return None
    lead_marked = bool(_LEAD_MARK.search(folded))
    lead: list[str] = []
    coop: list[str] = []
    for piece in re.finditer(r"[^、，,；;/／\n]+", folded):
        # a mark ends its unit even where only a space separates the next one ("A（牵头） B")
        pos = piece.start()
        for mark in re.finditer(rf"{_LEAD_MARK.pattern}|{_COOP_MARK.pattern}", piece.group(0)):
            unit = text[pos:piece.start() + mark.start()].strip(_SPACE + "。")
            pos = piece.start() + mark.end()
            if unit:
                (lead if _LEAD_MARK.fullmatch(mark.group(0)) else coop).append(unit)
        rest = text[pos:piece.end()].strip(_SPACE + "。")
        if rest:
            (coop if lead_marked else lead).append(rest)
    return "、".join(lead), "、".join(coop)


def split_labelled_units(text: str) -> tuple[str, str]:
    """A duty cell that names both kinds: "牵头单位：A；配合单位：B", "A牵头，B配合",
    "A（牵头）、B" or "牵头：A" -> ("A", "B") / ("A", "")."""
    folded = (text or "").translate(_TRADITIONAL)
    match = re.search(r"(?:配合|协同|协办|参与)(?:单位|部门)?\s*[:：]", folded)
    if match:
        lead = re.sub(r"^\s*(?:牵头|责任|主责)(?:单位|部门)?\s*[:：]", "", folded[:match.start()]).strip(" ；;，,。")
        return lead, folded[match.end():].strip(" ；;，,。")
    marked = _split_marked_units(text or "", folded)
    if marked is not None:
        return marked
    match = re.match(r"^(?P<lead>.+?)牵头\s*[，,；;、]\s*(?P<coop>.+?)(?:等单位|等部门|等)?(?:协同|共同)?(?:配合|参与)\s*[。；;]?$", folded)
    if match:
        return match.group("lead"), match.group("coop")
    label = re.match(r"^\s*(?:牵头|主责)(?:单位|部门)?\s*[:：]\s*", folded)
    if label:
        return (text or "")[label.end():].strip(_SPACE + "；;，,。"), ""
    return text, ""


def split_leaders_and_units(text: str) -> tuple[str, str]:
    """A 责任领导及单位 cell: leader name(s), a space, then the units ->
    ("王明、李丽", "县发改局（牵头）、县财政局"). A cell with no leader before the units
    is all units; any other cell is all leaders."""
    text = text or ""
    folded = text.translate(_TRADITIONAL)
    for gap in re.finditer(rf"[{_SPACE}]+", text):
        people, units = text[:gap.start()], text[gap.end():]
        names = re.split(r"[、，,；;]", people)
        if not people.strip(_SPACE) or not all(looks_like_delimited_name(n.strip(_SPACE)) for n in names):
            continue
        first_unit = re.split(r"[、，,；;（(]", folded[gap.end():], maxsplit=1)[0]
        if looks_like_unit(first_unit, listed=True):
            return people.strip(_SPACE), units.strip(_SPACE)
    first_piece = re.split(r"[、，,；;（(]", folded.strip(_SPACE), maxsplit=1)[0]
    if looks_like_unit(first_piece, listed=True):
        return "", text
    return text, ""


_STEP = re.compile(r"(?:^|(?<=[；;。\s]))(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）]|[①-⑳])\s*(?=\S)")
_PART = re.compile(r"^(?P<part>[^：:；;。]{2,40})[：:]\s*")


def split_milestones(text: str, year: int | None) -> list[Milestone]:
    """Dated steps of a 民生实事 cell: "1.3月底前完成设计；2.6月底前…" -> milestones.

    Returns [] unless at least two numbered steps carry a date.
    """
    text = text or ""
    starts = [m for m in _STEP.finditer(text)]
    if len(starts) < 2:
        return _unnumbered_milestones(text, year)
    steps: list[Milestone] = []
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        body = text[match.end():end].strip(_SPACE + "；;。")
        # a heading for the next group of steps ("二期工程：") is not part of this step
        body = re.sub(r"[。；;\s]+[^。；;：:\s]{2,40}[：:]$", "", body).strip(_SPACE + "；;。")
        part = _PART.match(body)
        if part and not find_deadlines(part.group(0), year):
            body = body[part.end():]
        found = find_deadlines(body, year)
        steps.append(Milestone(found[0][2] if found else None, squeeze_cjk_spaces(body)))
    if sum(1 for s in steps if s.date) < 2:
        return []
    return steps


def _unnumbered_milestones(text: str, year: int | None) -> list[Milestone]:
    """"3月底前完成设计；6月底前开工；年底完工" -> milestones (every piece opens with a date)."""
    pieces = [p.strip(_SPACE + "。") for p in re.split(r"[；;\n]", text) if p.strip(_SPACE + "。")]
    if len(pieces) < 2:
        return []
    steps = []
    for piece in pieces:
        found = find_deadlines(piece, year)
        if not found or found[0][0] > 1:
            return []
        steps.append(Milestone(found[0][2], squeeze_cjk_spaces(piece)))
    return steps


# A 完成时限 cell that names a span, not a date: the task has no deadline, whatever its text says.
_UNDATED_TIME = re.compile(r"全年|长期|持续|常态|每年|每季|每月|定期|逐年|年度内?$|贯穿全年|动态")


# A deadline phrase in a task text: a date followed by 前/以前/之前, or a month end, quarter, half year.
_DEADLINE_CUE = re.compile(r"^\s*(?:前|以前|之前|内|底前|完成)")


def deadline_in_text(text: str, year: int | None) -> str | None:
    """The deadline a task sentence states ("2025年6月底前整体搬迁" -> 2025-06-30), or None.

    Only phrases that read as a time limit count; a date that reports an event does not."""
    best = None
    for a, b, iso in find_deadlines(text or "", year):
        phrase = text[a:b]
        if re.search(r"底|末|旬|季度|半年|年内|年前", phrase) or _DEADLINE_CUE.match(text[b:b + 3]):
            best = iso if best is None or iso > best else best
    return best


# --- categories ---------------------------------------------------------------

_INLINE_CATEGORY = re.compile(r"^(?P<cat>[\u4e00-\u9fff“”\"]{4,12})[ \u3000]+(?=[\u4e00-\u9fff“《])")
_OUTER_OPENERS = ("全力", "大力", "聚力", "加力", "努力", "奋力", "着力", "合力", "更好", "更加", "全面")


@dataclass
class _CategoryState:
    known_outer: list[str]
    outer: str = ""
    inner: str = ""


def _category_parts(value: str) -> list[str]:
    return [p for p in re.split(rf"[{_SPACE}]+", (value or "").strip()) if p]


def _learn_outer_categories(values: list[str]) -> list[str]:
    """Outer categories of a table: the first part of category cells that open with an
    outer-level word ("全力…", "大力…") or that the table prints more than once."""
    seen: dict[str, int] = {}
    for value in values:
        parts = _category_parts(value)
        if parts and len(parts) <= 2 and all(len(p) >= 4 for p in parts):
            seen[parts[0]] = seen.get(parts[0], 0) + 1
    known = [c for c, n in seen.items() if c.startswith(_OUTER_OPENERS) or n >= 2]
    # a category cut short by a page break ("聚力深化" of "聚力深化改革攻坚") is not one of its own
    return [c for c in known if not any(o != c and o.startswith(c) for o in known)]


def _known_outer_of(fragment: str, state: _CategoryState) -> str | None:
    """The known outer category a (possibly page-broken) fragment belongs to."""
    for outer in sorted(state.known_outer, key=len, reverse=True):
        if fragment == outer or (len(fragment) >= 2 and (outer.startswith(fragment) or outer.endswith(fragment))):
            return outer
    return None


def _read_category(value: str, state: _CategoryState, inner_follows: bool) -> tuple[str, str] | None:
    """(outer, inner) printed in a category cell, or None where it prints nothing.
    Either may be '' (keep the one carried down). `inner_follows`: the task cell
    opens with an inner category, so a lone category here is an outer one."""
    value = value.strip()
    if not value:
        return None
    squeezed = remove_spaces(value)
    for outer in sorted(state.known_outer, key=len, reverse=True):
        if squeezed.startswith(outer):
            return outer, squeezed[len(outer):]  # "大力 强 化 产 业 支 撑 完善产 业体系"
    parts = [p for p in _category_parts(value) if len(p) >= 4 or _known_outer_of(p, state)]
    if not parts:
        return None
    outer = _known_outer_of(parts[0], state)
    if outer is not None:
        if outer.endswith(parts[0]) and not outer.startswith(parts[0]):
            outer = ""  # the tail of an outer category cut by a page break: nothing new
        return outer, parts[1] if len(parts) > 1 else ""
    if len(parts) >= 2:
        # two inner categories of merged cells printed side by side: the first one starts here
        return (parts[0], parts[1]) if parts[0].startswith(_OUTER_OPENERS) else ("", parts[0])
    if squeezed.startswith(_OUTER_OPENERS) or inner_follows:
        return squeezed, ""
    return "", squeezed


# --- the extractor --------------------------------------------------------------


def _annex_label(doc: Document, table: Table) -> str | None:
    """"附件1" when an 附件 line stands just above the table."""
    offset = table.span.start - doc.span.start
    above = doc.span.text[max(0, offset - 300):offset]
    lines = [ln.strip() for ln in above.split("\n") if ln.strip()]
    for line in reversed(lines[-4:]):
        match = re.match(r"^\**附\s*件\s*([0-9０-９一二三四五六七八九十]{1,3})\s*\**$", line)
        if match:
            return "附件" + match.group(1)
    return None


def _cell(row: TableRow, col: int | None) -> str:
    if col is None or col >= len(row.cells):
        return ""
    return row.cells[col].text.strip()


def _cells(row: TableRow, cols: list[int]) -> list[str]:
    return [_cell(row, c) for c in cols if _cell(row, c)]


def _is_total_row(row: TableRow) -> bool:
    return any(_TOTAL.match(c.text) for c in row.cells[:3] if c.text.strip())


def _category_kind(table: Table, col: int | None, task_col: int | None = None) -> bool:
    """Whether a 项目 column is a category carried down the rows: left blank in a row
    that has a task of its own, or repeating the same words down the table."""
    if col is None:
        return False
    rows = [r for r in table.rows if not _is_total_row(r)]
    values = [_cell(r, col) for r in rows]
    if len(values) < 2:
        return False
    if task_col is not None and any(not _cell(r, col) and _cell(r, task_col) for r in rows):
        return True
    blank = sum(1 for v in values if not v)
    repeated = len(values) - len(set(v for v in values if v)) - blank
    return (blank + repeated) / len(values) >= 0.3


# The ordinal of a section heading row and its level: 第一部分 > 一、 > （一）.
_SECTION_ORDINALS = (
    (0, re.compile(r"^\s*第[一二三四五六七八九十]{1,3}(?:部分|类|篇|章)\s*")),
    (1, re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*")),
    (2, re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*")),
)
_CLAUSE_END = ("。", "；", ";", "！", "？", "，", ",", "、", "：", ":")


def section_heading(row: TableRow, cols: _Columns) -> tuple[int, str] | None:
    """(level, heading) of a section row of a numbered table ("一、 | 城市更新" or
    "一、城市更新" with nothing else on the row), or None for any other row."""
    duty = cols.leaders + cols.lead_units + cols.coop_units + cols.responsible + cols.deadline + cols.leaders_units
    if any(_cell(row, c) for c in duty):
        return None
    filled = [(i, c.text.strip()) for i, c in enumerate(row.cells) if c.text.strip()]
    if not 1 <= len(filled) <= 2:
        return None
    text = " ".join(t for _, t in filled)
    for level, pattern in _SECTION_ORDINALS:
        match = pattern.match(text)
        if not match:
            continue
        if len(filled) == 2 and not pattern.fullmatch(filled[0][1]):
            return None  # the ordinal fills a cell of its own, the heading the next one
        heading = remove_spaces(text[match.end():])
        if 2 <= len(heading) <= 30 and not heading.endswith(_CLAUSE_END) and not re.search(r"[。；;]", heading):
            return level, heading
        return None
    return None


def _row_number(text: str) -> str | None:
    match = _ROW_NUMBER.match(text or "")
    return match.group(1) if match else None


def _units(cells: list[str], known: set[str]) -> tuple[str, ...]:
    out: list[str] = []
    for cell in cells:
        for unit in split_unit_list(cell, known):
            if unit not in out:
                out.append(unit)
    return tuple(out)


def _people(cells: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for cell in cells:
        for person in split_people_cell(cell):
            if person not in out:
                out.append(person)
    return tuple(out)


_PROJECT_SCOPE = re.compile(r"建设(?:内容|规模|任务)|规模|项目概况|项目简介|主要内容及规模")


def _table_tasks(doc: Document, table: Table) -> list[TaskAssignment]:
    cols = classify_columns(table)
    if not cols.has_duty:
        return []
    year = issue_year(doc)
    name_is_category = _category_kind(table, cols.name, cols.task)
    # 项目 repeating down the rows is a category; otherwise it names the task.
    # 工作组/类别 is an outer category, or the task's name where nothing else names it.
    category_col = cols.name if name_is_category else None
    title_col = None if name_is_category else cols.name
    group_col = cols.group
    if title_col is None and cols.task is None and group_col is not None and not _category_kind(table, group_col, cols.task):
        title_col, group_col = group_col, None
    if category_col is None and group_col is not None and cols.name is None:
        category_col, group_col = group_col, None
    duty_cells = [_cell(r, c) for r in table.rows for c in cols.lead_units + cols.coop_units]
    duty_cells += [split_leaders_and_units(_cell(r, c))[1] for r in table.rows for c in cols.leaders_units]
    known_units = units_in_cells(duty_cells)
    category_values = [_cell(r, category_col) for r in table.rows] if category_col is not None else []
    state = _CategoryState(_learn_outer_categories(category_values))
    numbered_rows = [r for r in table.rows if _row_number(_cell(r, cols.ref))]
    grouped = bool(numbered_rows) and title_col is not None and any(
        not _row_number(_cell(r, cols.ref)) and _cell(r, title_col) and not _is_total_row(r) for r in table.rows)
    annex = _annex_label(doc, table) if not numbered_rows else None
    # 项目名称 | 建设内容: the project is the task, its scope only describes it
    describes_project = title_col is not None and cols.task is not None and bool(
        _PROJECT_SCOPE.search(_fold(table.header[cols.task])))

    tasks: list[TaskAssignment] = []
    number = None
    group = ""
    sections: list[tuple[int, str]] = []  # the section headings above the row, outer first
    for row in table.rows:
        if _is_total_row(row):
            continue
        section = section_heading(row, cols) if numbered_rows else None
        if section is not None:
            # a heading row between the numbered rows: the category of the rows below it
            sections = [s for s in sections if s[0] < section[0]] + [section]
            continue
        own_number = _row_number(_cell(row, cols.ref))
        number = own_number or number
        task_text = _cell(row, cols.task)
        title = _cell(row, title_col)
        # categories: the 项目 cell, else carried down; an inner category may open the task cell
        inline = _INLINE_CATEGORY.match(task_text) if category_col is not None else None
        if inline and len(task_text) - inline.end() <= 2 * len(inline.group("cat")):
            inline = None
        if category_col is not None:
            read = _read_category(_cell(row, category_col), state, inline is not None)
            if read is not None:
                outer, inner = read
                if outer and outer != state.outer:
                    state.outer, state.inner = outer, ""
                if inner:
                    state.inner = inner
        if inline:
            state.inner = inline.group("cat")
            task_text = task_text[inline.end():]
        if group_col is not None and _cell(row, group_col):
            group = remove_spaces(_cell(row, group_col))
        category = tuple(c for c in (*(h for _, h in sections), group, state.outer, state.inner) if c)

        milestones = tuple(split_milestones(task_text, year)) if task_text else ()
        if (milestones or describes_project) and title:
            text = title
        elif title and task_text:
            text = f"{title}：{task_text}"
        else:
            text = task_text or title
        if not text.strip():
            continue
        leader_cells, unit_cells = _cells(row, cols.leaders), _cells(row, cols.lead_units)
        for cell in _cells(row, cols.leaders_units):
            people, units = split_leaders_and_units(cell)
            leader_cells += [people] if people else []
            unit_cells += [units] if units else []
        leaders = _people(leader_cells)
        responsible = _people(_cells(row, cols.responsible))
        lead_cells, coop_cells = [], _cells(row, cols.coop_units)
        for cell in unit_cells:
            lead, coop = split_labelled_units(cell)
            lead_cells.append(lead)
            if coop:
                coop_cells.append(coop)
        lead_units = _units(lead_cells, known_units)
        coop_units = _units(coop_cells, known_units)
        if not (leaders or responsible or lead_units or coop_units):
            continue

        deadline = None
        deadline_cells = _cells(row, cols.deadline)
        for cell in deadline_cells:
            deadline = parse_deadline(cell, year) or deadline
            if not milestones:
                milestones = tuple(split_milestones(cell, year))
        if milestones:
            dated = [m.date for m in milestones if m.date]
            deadline = deadline or (max(dated) if dated else None)
        if deadline is None and not any(_UNDATED_TIME.search(remove_spaces(c)) for c in deadline_cells):
            deadline = deadline_in_text(task_text, year)

        if grouped and number:
            ref = f"{number}-{remove_spaces(title)}"
        elif own_number:
            ref = own_number
        elif annex and title:
            ref = f"{annex}-{remove_spaces(title)}"
        else:
            ref = None
        tasks.append(TaskAssignment(
            doc_no=doc.doc_no, ref=ref, text=squeeze_cjk_spaces(text), lead_leaders=leaders,
            lead_units=lead_units, coop_units=coop_units, responsible=responsible, deadline=deadline,
            evidence=row.span, category=category, milestones=milestones, title=None, shape="table",
        ))
    return tasks


def with_header_row(table: Table) -> Table:
    """A table read without a header whose first row is one (traditional characters,
    unusual wording): the first row becomes the header."""
    if table.header or not table.rows:
        return table
    first = tuple(c.text.strip() for c in table.rows[0].cells)
    candidate = Table(header=first, rows=table.rows[1:], span=table.span, title=table.title)
    roles = [_column_role(name) for name in first if name]
    if len(roles) >= 2 and sum(1 for r in roles if r) >= 0.6 * len(roles) and classify_columns(candidate).has_duty:
        return candidate
    return table


@extractor("table_tasks")
def extract_table_tasks(doc: Document) -> list[TaskAssignment]:
    """One TaskAssignment per row of every task table of a document."""
    tasks: list[TaskAssignment] = []
    for table in doc.tables:
        try:
            tasks.extend(_table_tasks(doc, with_header_row(table)))
        except Exception:  # one odd table must not cost the others
            continue
    return tasks
