"""Amounts a unit or a working group must reach -> Target facts.

Shapes handled:
- target tables: a subject column (工作组, 单位, 责任单位 …, carried down a
  group's rows; a 合计/全市合计 row is its own subject) and amount columns whose
  heading names a goal (目标, 任务数, 指标, 计划 …, e.g. "2025年目标/小计",
  "一般公共预算地方收入/2025年目标"); columns of past results, growth rates or
  shares (2024年完成情况, 目标增幅, 占比) are not targets. The unit of measure
  comes from a "单位：万元" line above the table, the heading ("金额（万元）") or
  the cell ("500万元"). A two-column table (乡镇 | 目标任务（亩）) is one too; the
  subject is kept as printed ("白 岩 乡"); a bare goal heading is named by the
  table's caption ("…2025年油茶新造林目标任务分解表" -> 油茶新造林目标任务);
- "15个镇（街道）目标均为500万元" in such a table or in prose: one target for
  "各镇（街道）" (each of them); several in one sentence ("各乡镇（街道）争资目标均为200万元，
  招商目标均为3亿元" -> items 争资目标 200万元 and 招商目标 3亿元). Beside a target table
  such prose is still read unless it restates a figure the table gives;
- documents without a target table: prose under a group heading,
  "1.税收收入工作组 / 目标：全年实现一般公共预算地方收入98000万元".
"""
from __future__ import annotations

import re

from kg.extract.deadlines import issue_year
from kg.extract.registry import extractor
from kg.ingest.textnorm import remove_spaces
from kg.model import Document, Span, Table, TableRow, Target

_NUMBER = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?$")
_TOTAL = re.compile(r"^\S{0,6}?[合小总]计$")
_MEASURE = r"万元|亿元|千元|元|万吨|吨|万亩|亩|万人|人次|人|万户|户|家|个|套|座|口|所|公里|千米|平方米|万平方米|项|件|台|辆|%"
_GOAL_WORDS = re.compile(r"目标|任务|指标|计划|考核|预期|应完成|应达到")
_NOT_GOAL = re.compile(r"完成情况|实际|上年|去年|同期|增幅|增长|增速|增减|同比|比重|占比|率|差额|缺口|排名|得分|分值|权重")
_SUBJECT_HEADS = (
    re.compile(r"工作组|组别|小组"),
    re.compile(r"^(?:单位|单位名称|部门|部门名称|责任单位|牵头单位|镇街|乡镇|地区|区域|镇（街道）|乡镇（街道）|县市区|名称)$"),
    re.compile(r"单位|部门|乡镇|地区|区域"),
)
_ITEM_HEADS = re.compile(r"项目|指标名称|收入项目|科目|事项|类别|内容")
_ROW_NO = re.compile(r"^\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*[.、．]?\s*$")
# "15个镇（街道）目标均为500万元", "各乡镇（街道）争资目标均为200万元，招商目标均为3亿元":
# a collective (各… / N个…, or a name ending in a unit word), the item it is counted by,
# 均为 and the amount each of them must reach. A clause without a subject takes the one
# of the clause before it.
_EACH_SUBJECT = (
    r"(?:(?P<count>[0-9０-９]+|[一二三四五六七八九十两]+)\s*个\s*|(?P<each>各|每个|每))?"
    r"(?P<who>[\u4e00-\u9fff]{0,10}(?:乡镇|镇|乡|街道|村|社区|居委会|单位|部门|县市区|区县|市区|园区|区|县|市|场|所|站|组)"
    r"(?:\s*[（(][\u4e00-\u9fff、]{1,8}[)）])?)"
)
_EACH_ITEM = r"(?:的)?(?P<item>[\u4e00-\u9fff]{0,8}?(?:目标|任务|指标)(?:任务|数|值)?)?"
_EACH = re.compile(
    rf"^[\s\u3000]*(?:其中|另外|此外|同时|(?:20\d{{2}}|二〇[〇一二三四五六七八九]{{2}})\s*年度?)?\s*(?:{_EACH_SUBJECT})?\s*{_EACH_ITEM}\s*均为\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>{_MEASURE})"
)


def _amount(text: str) -> float | None:
    text = remove_spaces(text).replace(",", "").replace("，", "")
    if not _NUMBER.match(text):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _is_goal_heading(name: str, year: int | None) -> bool:
    name = remove_spaces(name)
    if not _GOAL_WORDS.search(name) and not re.search(r"小计|合计", name):
        return False
    if _NOT_GOAL.search(name):
        return False
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", name)]
    if year and years and max(years) < year:
        return False  # last year's figures
    return True


def _column_values(table: Table, col: int) -> list[str]:
    return [r.cells[col].text.strip() for r in table.rows if col < len(r.cells) and r.cells[col].text.strip()]


def _amount_columns(table: Table, year: int | None) -> list[int]:
    cols = []
    for i, name in enumerate(table.header):
        values = _column_values(table, i)
        if not values or sum(1 for v in values if _amount(v) is not None) < 0.6 * len(values):
            continue
        pieces = name.split("/")
        if any(_NOT_GOAL.search(remove_spaces(p)) for p in pieces):
            continue
        if _is_goal_heading(name, year):
            cols.append(i)
    return cols


def _subject_column(table: Table, amounts: list[int]) -> int | None:
    header = [remove_spaces(h) for h in table.header]
    for pattern in _SUBJECT_HEADS:
        for i, name in enumerate(header):
            if i not in amounts and pattern.search(name) and not re.search(r"领导|责任人|负责人", name):
                return i
    for i, name in enumerate(header):  # the first wordy column
        values = _column_values(table, i)
        if i not in amounts and values and sum(1 for v in values if _amount(v) is None and not _ROW_NO.match(v)) > len(values) / 2:
            return i
    return None


def _item_column(table: Table, subject: int | None, amounts: list[int]) -> int | None:
    for i, name in enumerate(table.header):
        if i != subject and i not in amounts and _ITEM_HEADS.search(remove_spaces(name)):
            values = _column_values(table, i)
            if values and all(len(remove_spaces(v)) <= 30 for v in values):
                return i
    return None


def _item_of_heading(name: str) -> str:
    """"一般公共预算地方收入/2025年目标" -> 一般公共预算地方收入; "2025年目标/因素法分配资金" ->
    因素法分配资金; "2025年目标/小计" -> 2025年目标."""
    pieces = [remove_spaces(p) for p in name.split("/") if remove_spaces(p)]
    if not pieces:
        return ""
    if len(pieces) == 1:
        return pieces[0]
    top, sub = pieces[0], pieces[-1]
    if re.fullmatch(r"小计|合计|总计|计|目标|[0-9]{4}年目标", sub):
        return top
    if _GOAL_WORDS.search(top) and not _GOAL_WORDS.search(sub):
        return sub
    return top


_BARE_GOAL = re.compile(r"^(?:目标任务|目标|任务|任务数|目标数|目标值|计划|指标|考核目标|年度目标)$")
_TITLE_PLACE_YEAR = re.compile(r"^.*?(?:20\d{2}|二〇[二三四五六七八九〇零一]{2})\s*年度?")
_TITLE_TAIL = re.compile(r"(?:分解|分配|下达|安排|汇总|统计)?(?:一览表|情况表|表|清单)$")


def _item_of_table(heading_item: str, table: Table) -> str:
    """The item a goal column counts: its heading without a unit of measure
    ("目标任务（亩）" -> 目标任务); a bare goal word is named by the table's caption
    ("峰阳县2025年油茶新造林目标任务分解表" -> 油茶新造林目标任务)."""
    item = re.sub(rf"[（(]\s*(?:{_MEASURE})\s*[)）]", "", heading_item).strip()
    if not _BARE_GOAL.match(item) or not table.title:
        return item or heading_item
    named = _TITLE_TAIL.sub("", _TITLE_PLACE_YEAR.sub("", remove_spaces(table.title), count=1))
    if len(named) < 2:
        return item
    return named if _GOAL_WORDS.search(named) else named + item


def _measure_above(doc: Document, table: Table) -> str | None:
    offset = table.span.start - doc.span.start
    above = doc.span.text[max(0, offset - 200):offset]
    found = None
    for line in above.split("\n")[-5:]:
        match = re.search(rf"单\s*位\s*[:：]\s*({_MEASURE})", line)
        if match:
            found = match.group(1)
    return found


def _measure_of(heading: str, cell: str, table_measure: str | None) -> str:
    match = re.search(rf"[（(]\s*({_MEASURE})\s*[)）]", heading or "")
    if match:
        return match.group(1)
    match = re.search(rf"\d\s*({_MEASURE})\s*$", cell or "")
    if match:
        return match.group(1)
    return table_measure or ""


def _total_label(row: TableRow) -> str | None:
    for cell in row.cells[:3]:
        text = cell.text.strip()
        if text and _TOTAL.match(remove_spaces(text)):
            return text
    return None


def _each_targets(doc: Document, text: str, span: Span, measure_default: str | None) -> list[Target]:
    """Per-unit targets of a collective stated with 均为 ("15个镇（街道）目标均为500万元" ->
    各镇（街道） 500万元); several in one sentence, each with its own item and unit.
    `span` is the paragraph or row holding `text`; the evidence is the clauses that state it."""
    out = []
    for sentence in re.finditer(r"[^。；;！!\n]+", text):
        subject, subject_start = None, None
        for clause in re.finditer(r"[^，,：:]+", sentence.group(0)):
            a = sentence.start() + clause.start()
            match = _EACH.match(clause.group(0))
            if not match:
                subject, subject_start = None, None  # another statement: the subject is not carried over it
                continue
            who = (match.group("who") or "").strip()
            who = re.sub(r"^(?:其他|其余|剩余|另外)", "", who)
            if not match.group("each") and not match.group("count") and "各" in who:
                who = who[who.rindex("各") + 1:]  # "其中各乡镇" -> 乡镇
            if who:
                subject = "各" + who
                subject_start = a + match.start("count" if match.group("count") else ("each" if match.group("each") else "who"))
            if not subject:
                continue
            item = (match.group("item") or "").strip() or "目标"
            end = a + match.end()
            start = subject_start if subject_start is not None else a
            # a paragraph's own text: the clauses; a cell's text: the row
            evidence = Span(span.start + start, span.start + end, span.text[start:end]) if span.text == text else span
            out.append(Target(doc.doc_no, subject, item, float(match.group("amount")),
                              match.group("unit") or measure_default or "", evidence))
    return out


def _table_targets(doc: Document, table: Table, year: int | None) -> list[Target]:
    if not table.header:
        return []
    amounts = _amount_columns(table, year)
    if not amounts:
        return []
    subject_col = _subject_column(table, amounts)
    if subject_col is None:
        return []
    item_col = _item_column(table, subject_col, amounts)
    measure = _measure_above(doc, table)
    out: list[Target] = []
    subject = ""
    for row in table.rows:
        cells = [c.text.strip() for c in row.cells]
        total = _total_label(row)
        own = cells[subject_col] if subject_col < len(cells) else ""
        if total:
            subject = total
        elif own:
            subject = own
        if not subject:
            continue
        item_here = cells[item_col] if item_col is not None and item_col < len(cells) else ""
        for col in amounts:
            value = cells[col] if col < len(cells) else ""
            amount = _amount(value)
            if amount is None:
                continue
            item = remove_spaces(item_here) if item_here else _item_of_table(_item_of_heading(table.header[col]), table)
            unit = _measure_of(table.header[col], value, measure)
            out.append(Target(doc.doc_no, subject, item, amount, unit, row.span))
        for cell in row.cells:
            if "均为" in cell.text:
                out.extend(_each_targets(doc, cell.text, row.span, measure))
    return out


# --- prose --------------------------------------------------------------------

_HEADING = re.compile(
    r"^[\s\u3000]*(?:\d{1,2}\s*[.、．]|[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*"
    r"(?P<name>[^：:。，,；;]{2,30}?(?:工作组|工作小组|小组|专班|组))\s*$"
)
_GOAL_LINE = re.compile(r"^[\s\u3000]*(?:工作)?目标(?:任务)?\s*[:：]\s*")
_GOAL_AMOUNT = re.compile(
    rf"(?P<item>[\u4e00-\u9fff（）()]{{2,30}}?)\s*(?:目标(?:为|是)?|达到?|为)?\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>{_MEASURE})"
)
_ITEM_LEAD = re.compile(r"^(?:全年|年度|力争|确保|实现|完成|争取|达到|围绕[^，。]{0,20}?|累计|新增)+")


def _prose_targets(doc: Document) -> list[Target]:
    out: list[Target] = []
    subject = None
    for paragraph in doc.paragraphs:
        text = paragraph.text
        heading = _HEADING.match(text)
        if heading:
            subject = heading.group("name").strip()
            continue
        goal = _GOAL_LINE.match(text)
        if goal and subject:
            body = text[goal.end():]
            body = re.split(r"[，,；;。]\s*其中", body)[0]  # "其中税务部门完成…" restates parts
            for match in _GOAL_AMOUNT.finditer(body):
                item = _ITEM_LEAD.sub("", match.group("item")).strip()
                if not item or _NOT_GOAL.search(item):
                    continue
                a = paragraph.span.start + goal.end() + match.start("item")
                b = paragraph.span.start + goal.end() + match.end()
                full = doc.span.text
                span = Span(a, b, full[a - doc.span.start:b - doc.span.start])
                out.append(Target(doc.doc_no, subject, item, float(match.group("amount")), match.group("unit"), span))
    return out + _each_prose_targets(doc)


def _each_prose_targets(doc: Document) -> list[Target]:
    out: list[Target] = []
    for paragraph in doc.paragraphs:
        if "均为" in paragraph.text:
            out.extend(_each_targets(doc, paragraph.text, paragraph.span, None))
    return out


_MONEY_SCALE = {"元": 1, "千元": 1e3, "万元": 1e4, "亿元": 1e8}


def _stated(target: Target) -> tuple[str, float, str]:
    """Who must reach how much, whatever the unit it is counted in (5.2亿元 == 52000万元)."""
    scale = _MONEY_SCALE.get(target.unit)
    if scale:
        return remove_spaces(target.subject), round(target.amount * scale, 2), "元"
    return remove_spaces(target.subject), target.amount, target.unit


@extractor("targets")
def extract_targets(doc: Document) -> list[Target]:
    """Targets of a document: its target tables, else the goals stated in its prose."""
    year = issue_year(doc)
    out: list[Target] = []
    for table in doc.tables:
        try:
            out.extend(_table_targets(doc, table, year))
        except Exception:  # one odd table must not cost the others
            continue
    if out:
        # prose beside a target table restates its figures; a per-unit target (均为) of a
        # collective the table does not list is a fact of its own
        listed = {_stated(t) for t in out}
        try:
            each = _each_prose_targets(doc)
        except Exception:
            each = []
        for target in each:
            if _stated(target) not in listed:
                listed.add(_stated(target))
                out.append(target)
        return out
    try:
        return _prose_targets(doc)
    except Exception:
        return []
