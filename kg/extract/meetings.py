"""Meeting records (会议纪要): kind, number, the day held, who chaired, attended, observed
and recorded, and the numbered agenda items.

Shapes handled (general grammar of the genre only):

- the header sentence ``2025年3月2日，县长王明主持召开第5次常务会议。`` (also ``王明县长主持``,
  ``县委副书记、县长王明在…主持召开``): the date held and the chair;
- labelled lines after the agenda::

      出 席：王明、李四、张五                 (or with titles: ``出席：县长王明，副县长李四``)
      列 席：
      (一) 邀请列席：赵六、钱七              -> invited observers without a unit
      (二) 政府办：孙八、周九、               -> the label is the unit of each name;
      吴十、郑十一                           a list spills over onto the next line
      (三) 县委组织部冯一，发改局陈二，司法局褚三、卫四   -> unit + name pairs; a name after
                                              、 shares the unit before it
      记 录：蒋五
- a labelled header block (numbered minutes ``X府阅〔2025〕4号``, pasted records)::

      会议时间：2025年3月6日上午            -> the day held (``3月6日`` takes the year of issue)
      会议地点：…
      主 持 人：王明                         -> the chair (主持 / 会议主持人)
      参加人员：王明、李四                   (出席人员 / 出席领导 / 参会人员 / 与会人员)
      列席人员：县政府办公室周一、吴二；县发改局郑三   -> unit+names groups split by ；
      记录人：朱琳                           (记录 / 记录员)

  ASCII colons, layout spaces inside labels, two labels on one line, a few traditional forms;
  a list of units only (``列席单位：县发改局、县财政局``) names nobody;
- without a ``主持召开`` sentence the day held comes from 会议时间 or ``…于2025年3月6日召开``
  (never a deadline ``4月10日前召开`` or a meeting to come ``定于…召开``); number and kind from
  ingest, else ``2025年第4次区长办公会议`` before the first agenda item, a ``第3次`` line under
  the title, or the title;
- prose attendance: ``A、B、C出席会议，D、E列席会议``; closing lists ``参加会议的有：A、B、C。``
  (出席/列席会议的有…); ``市发改局、市财政局负责同志列席。`` names units only, so no observer;
- agenda items numbered by a numeral on a line of its own (一 / 二 / 三, OCR'd 一 as —) or
  ``一、<topic>``; an unnumbered first item right after the header sentence.

Names are kept as printed (layout spaces included); the resolve stage splits them.
"""
from __future__ import annotations

import re

from kg.extract.groups import UNIT_SUFFIX, spaced_name_run, split_name_and_title, unit_of_post
from kg.extract.registry import extractor
from kg.extract.text_spans import (LAYOUT_SPACES, LIST_ITEM_EDGES, ROUND_BRACKETS_AND_QUOTES, iter_trimmed_lines,
                                   split_outside_brackets, trim_span)
from kg.extract.titles import looks_like_name, matching_view, squeeze
from kg.ingest.documents import MEETING_KIND
from kg.ingest.textnorm import DATE_PATTERN, chinese_number, parse_date
from kg.model import AgendaItem, Document, Meeting, MeetingParticipant, Span

_SP = r"[ \u3000\t]"
# "<date>，<chair>主持召开…会议" or "<date>，<who>召开…会议，会议由<chair>主持"
_HELD = re.compile(rf"(?P<date>{DATE_PATTERN.pattern})[^。\n]{{0,100}}?召开")
_CN_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_HELD_MONTH_DAY = re.compile(
    rf"(?:^|(?<=[\n，。于]))[ \u3000]*(?P<date>(?P<month>{_CN_NUM})月(?P<day>{_CN_NUM})日)[^。\n]{{0,100}}?召开"
)
_HELD_NO_DATE = re.compile(r"主持召开")
_CHAIR = (
    re.compile(rf"(?:^|[，。])[ \u3000]*(?P<chair>[^，。\n]{{2,40}}?)主持召开"),
    re.compile(r"由(?P<chair>[^，。\n]{2,30}?)主持"),
    re.compile(r"(?:^|[，。])[ \u3000]*(?P<chair>[^，。\n]{2,30}?)主持(?:会议|[，。]|$)"),
)
_NUMBER_KIND = re.compile(rf"第{_SP}*(?P<num>\d+|[一二三四五六七八九十百]+){_SP}*次{_SP}*{MEETING_KIND}")
_KIND_ONLY = re.compile(MEETING_KIND)


# Traditional forms of label characters the matching view leaves as printed.
_LABEL_VARIANTS = {"时": "[时時]", "间": "[间間]", "点": "[点點]", "录": "[录錄]", "与": "[与與]"}


def _spaced(word: str) -> str:
    return f"{_SP}*".join(_LABEL_VARIANTS.get(ch, ch) for ch in word)


def _one_of(*words: str) -> str:
    return "(?:" + "|".join(_spaced(w) for w in sorted(words, key=len, reverse=True)) + ")"


# Labels of the attendance lines, by the role they give (layout spaces allowed: "主 持 人").
_ROLE_LABELS = {
    "chair": _one_of("主持人", "主持", "会议主持人", "会议主持", "主持领导"),
    "attendee": _one_of("出席", "出席人员", "出席领导", "出席会议人员", "参加", "参加人员", "参加会议人员",
                        "参加领导", "参会", "参会人员", "参会领导", "与会人员", "与会领导"),
    "observer": _one_of("列席", "列席人员", "列席单位", "列席领导", "列席会议人员"),
    "recorder": _one_of("记录", "记录人", "记录员", "会议记录人", "会议记录员"),
}
_ROLE_LABEL = "(?:" + "|".join(f"(?P<{role}>{label})" for role, label in _ROLE_LABELS.items()) + ")"
_LABEL_LINE = re.compile(rf"^{_SP}*{_ROLE_LABEL}{_SP}*：{_SP}*(?P<rest>.*?){_SP}*$")
# A TAB table of attendees: "参会人员<TAB>单位及职务" then rows "姓名<TAB>职务".
_TABLE_HEAD = re.compile(
    rf"^{_SP}*(?:{_ROLE_LABELS['attendee']}|姓名){_SP}*\t[ \u3000\t]*(?:单位|职务|职位|单位及职务|单位职务|职务及单位)[ \u3000\t]*$")
_TABLE_ROW = re.compile(r"^[ \u3000]*(?P<name>[^\t]+?)[ \u3000]*\t")
# The other labels of a minutes' header block: when and where it was held.
_TIME_LABEL = _one_of("会议时间", "时间", "开会时间")
_PLACE_LABEL = _one_of("会议地点", "地点", "开会地点")
_HEADER_LABEL_LINE = re.compile(
    rf"^{_SP}*(?:(?P<time>{_TIME_LABEL})|(?P<place>{_PLACE_LABEL})){_SP}*：{_SP}*(?P<rest>.*?){_SP}*$"
)
# Where a second label starts on the same line: "主持人：王明　　记录人：朱琳".
_NEXT_LABEL = re.compile(
    rf"(?<=[ \u3000\t])(?:{'|'.join(_ROLE_LABELS.values())}|{_TIME_LABEL}|{_PLACE_LABEL}){_SP}*："
)
_SUBLIST = re.compile(
    rf"^{_SP}*(?:（{_SP}*[一二三四五六七八九十\d]{{1,2}}{_SP}*）|[一二三四五六七八九十]{{1,2}}、|\d{{1,2}}[.．、])"
    rf"{_SP}*(?:(?P<label>[^：，、。]{{1,16}})：)?{_SP}*(?P<rest>.*?){_SP}*$"
)
_INVITED = re.compile(r"邀")
_AGENDA_MARK = re.compile(rf"^{_SP}*(?P<num>[一二三四五六七八九十]{{1,3}}|[—－\-─一]{{1,2}}){_SP}*$")
_AGENDA_INLINE = re.compile(rf"^{_SP}*(?P<num>[一二三四五六七八九十]{{1,3}})、{_SP}*(?P<topic>.+?){_SP}*$")
_TOPIC_END = re.compile(r"，(?:研究|议定|会议(?:认为|强调|要求|指出|决定))|。|：")
_UNIT_END = re.compile(rf"{UNIT_SUFFIX}(?:（[^（）]{{1,10}}）)?$")
_NOT_PERSON = re.compile(r"负责|同志|单位|部门|领导|人员|有关|相关|主要|各|等")
_PROSE_ATTEND = re.compile(r"(?P<verb>出席|参加|列席)(?:了)?(?:本次)?会议")
# "参加会议的有：A、B、C。", "列席会议的同志还有：县发改局王五" (often the closing lines of minutes)
_PROSE_LIST = re.compile(
    rf"(?P<verb>出席|参加|列席){_SP}*(?:本次|此次)?会议的?(?:同志|人员|领导)?还?有{_SP}*：?{_SP}*")


# --- small text helpers -------------------------------------------------------------

# Items of an attendance list; its brackets are round ones and quotes (kg.extract.text_spans).
_LIST_SEPARATORS = "、，；"


def _plain_name(text: str) -> bool:
    """A name as printed in an attendance list: 2-4 characters (layout spaces aside), no unit or
    post words. Lists of leaders need not pass the surname test (rare surnames)."""
    s = squeeze(text)
    if looks_like_name(text):
        return True
    return (bool(re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", s)) and not _NOT_PERSON.search(s)
            and not _UNIT_END.search(s) and not re.search(r"长|主任|书记|委员|局|办|委", s))


# --- the pieces of a meeting record ----------------------------------------------------

class _Record:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.span.text
        self.norm = matching_view(self.text)
        self.base = doc.span.start

    def span(self, a: int, b: int) -> Span:
        return Span(self.base + a, self.base + b, self.text[a:b])

    def value(self, a: int, b: int) -> str:
        return self.text[a:b]


def _names(rec: _Record, a: int, b: int) -> list[tuple[int, int]]:
    """Name ranges of a list of people, titles dropped: "县长王明，副县长李四、张五"."""
    out = []
    for p, q in split_outside_brackets(rec.norm, a, b, _LIST_SEPARATORS, brackets=ROUND_BRACKETS_AND_QUOTES):
        split = split_name_and_title(rec.norm, p, q)
        if split:
            out.append(split[0])
            continue
        item = rec.norm[p:q]
        tokens = list(re.finditer(r"[^ \u3000\t]+", item))
        if len(tokens) > 1 and all(len(t.group()) >= 2 and _plain_name(t.group()) for t in tokens):
            out.extend((p + t.start(), p + t.end()) for t in tokens)
        elif _plain_name(item) or spaced_name_run(item):
            out.append((p, q))
    return out


def split_unit_and_name(norm: str, a: int, b: int,
                        strict: bool = False) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(unit range, name range) of "县委组织部冯一" / "经开区管委会黄立" / "石门镇周平".

    strict: only a unit with a unit suffix before a name with a known surname (for an item
    that could also be a four-character name)."""
    a, b = trim_span(norm, a, b, LIST_ITEM_EDGES)
    best = None
    for n in (3, 2, 4):
        cut = b - n
        if cut - a < 2:
            continue
        name, unit = norm[cut:b], norm[a:cut]
        if " " in name or "\u3000" in name:
            continue
        if _UNIT_END.search(squeeze(unit)) and looks_like_name(name):
            return trim_span(norm, a, cut, LIST_ITEM_EDGES), (cut, b)
        if best is None and _UNIT_END.search(squeeze(unit)) and _plain_name(name):
            best = (trim_span(norm, a, cut, LIST_ITEM_EDGES), (cut, b))
    if strict:
        return None
    if best:
        return best
    for n in (3, 2):
        cut = b - n
        if cut - a >= 2 and looks_like_name(norm[cut:b]):
            return trim_span(norm, a, cut, LIST_ITEM_EDGES), (cut, b)
    return None


def _post_and_name(norm: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(unit range, name range) of "县水利局局长钱文斌": the unit is the head of the post."""
    split = split_name_and_title(norm, a, b)
    if not split or split[1] is None:
        return None
    (na, nb), (ta, tb) = split
    ta, tb = trim_span(norm, ta, tb, LIST_ITEM_EDGES)
    title = norm[ta:tb]
    cut = unit_of_post(title.replace(" ", "").replace("\u3000", ""))
    if cut is None or " " in title or "\u3000" in title:
        return None
    return (ta, ta + cut), (na, nb)


def _observers(rec: _Record, a: int, b: int, unit: tuple[int, int] | None, invited: bool,
               out: list[MeetingParticipant]) -> None:
    """Observers of one (part of a) 列席 list; a bare name takes the unit printed before it."""
    current = unit
    for p, q in split_outside_brackets(rec.norm, a, b, _LIST_SEPARATORS, brackets=ROUND_BRACKETS_AND_QUOTES):
        colon = rec.norm.find("：", p, q)
        if colon > p and not invited and _UNIT_END.search(squeeze(rec.norm[p:colon])):
            # "县政府办公室：周志刚" inside a line: the unit of the names after it
            current = trim_span(rec.norm, p, colon, LIST_ITEM_EDGES)
            p, q = trim_span(rec.norm, colon + 1, q, LIST_ITEM_EDGES)
            if q <= p:
                continue
        item = rec.norm[p:q]
        if not invited and (len(squeeze(item)) > 3 or not _plain_name(item)):
            pair = _post_and_name(rec.norm, p, q) or split_unit_and_name(rec.norm, p, q, strict=_plain_name(item))
            if pair is not None:
                (ua, ub), (na, nb) = pair
                current = (ua, ub)
                out.append(MeetingParticipant(rec.value(na, nb), "observer", rec.value(ua, ub), rec.span(na, nb)))
                continue
        for na, nb in _names(rec, p, q):
            unit_value = rec.value(*current) if current is not None and not invited else None
            out.append(MeetingParticipant(rec.value(na, nb), "observer", unit_value, rec.span(na, nb), invited))


class _Header:
    """The sentence that says when the meeting was held and who chaired it."""

    def __init__(self, rec: _Record, start: int):
        norm = rec.norm
        self.date: str | None = None
        self.chair: tuple[int, int] | None = None
        self.kind: str | None = None
        self.number: int | None = None
        held = _first_held(_HELD, norm, start)
        if held is not None:
            self.date = parse_date(held.group("date"))
        elif (held := _first_held(_HELD_MONTH_DAY, norm, start)) is not None:
            self.date = _date_in_year_of(rec.doc, held.group("month"), held.group("day"))
        elif (held := _HELD_NO_DATE.search(norm, start)) is None:
            self.found = False
            return
        self.found = True
        # the sentence around it: "县政府第5次常务会议于2025年3月2日召开" names the meeting first
        self.start = max(start, max(norm.rfind(c, 0, held.start()) for c in "。\n") + 1)
        self.start = trim_span(norm, self.start, held.start() + 1, LIST_ITEM_EDGES)[0]
        self.end = _sentence_end(norm, held.end())
        what = norm[self.start:self.end]
        following = _sentence_end(norm, self.end)  # "会议由县长王明主持。" may follow
        self.chair = _chair(rec, held.end("date") if "date" in held.groupdict() else self.start, self.end) \
            or _chair(rec, self.start, self.end) or _chair(rec, self.end, following)
        self.says_chair = self.chair is not None or "主持" in norm[self.start:following]
        found = _NUMBER_KIND.search(what)
        if found:
            self.kind, self.number = found.group("kind"), chinese_number(found.group("num"))
        else:
            only = _KIND_ONLY.search(what)
            self.kind = only.group("kind") if only else None


# "定于4月10日召开", "4月10日前召开", "将于…召开": a meeting to come or a deadline, not the
# day this meeting was held.
_NOT_HELD_BEFORE = re.compile(r"(?:定于|将于|拟于|计划于|计划|预计于?|请于|须于|需于)$")
_NOT_HELD_AFTER = re.compile(r"^(?:[上下中]?午)?(?:前|以前|之前|后|以后|之后|起)|定于|将于|拟于|适时|届时|另行")


def _first_held(pattern: re.Pattern, norm: str, start: int) -> re.Match | None:
    for held in pattern.finditer(norm, start):
        if _NOT_HELD_BEFORE.search(norm, max(0, held.start("date") - 4), held.start("date")):
            continue
        if _NOT_HELD_AFTER.search(norm[held.end("date"):held.end()]):
            continue
        return held
    return None


def _date_in_year_of(doc: Document, month: str, day: str) -> str | None:
    """"3月2日" printed without a year: the year of the minutes' issue (a month after the issue
    month means the year before), else the year in the document's number."""
    m, d = chinese_number(month), chinese_number(day)
    issued = doc.date or ""
    year_in_no = re.search(r"(\d{4})", doc.doc_no or "")
    if not (m and d and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    if issued[:4].isdigit():
        year = int(issued[:4]) - (1 if m > int(issued[5:7] or 0) else 0)
    elif year_in_no:
        year = int(year_in_no.group(1))
    else:
        return None
    return f"{year:04d}-{m:02d}-{d:02d}"


def _chair(rec: _Record, a: int, b: int) -> tuple[int, int] | None:
    for pattern in _CHAIR:
        m = pattern.search(rec.norm, a, b)
        if m is None:
            continue
        c_a, c_b = m.start("chair"), m.end("chair")
        at = rec.norm.find("在", c_a, c_b)
        if at >= c_a + 2:
            c_b = at
        c_a, c_b = trim_span(rec.norm, c_a, c_b, LIST_ITEM_EDGES)
        split = split_name_and_title(rec.norm, c_a, c_b)
        if split:
            return split[0]
        if _plain_name(rec.norm[c_a:c_b]):
            return c_a, c_b
    return None


def _sentence_end(norm: str, pos: int) -> int:
    end = norm.find("。", pos)
    nl = norm.find("\n", pos)
    candidates = [x for x in (end + 1 if end >= 0 else -1, nl) if x >= 0]
    return min(candidates) if candidates else len(norm)


def _agenda(rec: _Record, lines: list[tuple[int, int]]) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    expected = 1
    pending: int | None = None  # number waiting for its topic line
    first_unmarked: tuple[int, int] | None = lines[0] if lines else None
    for i, (a, b) in enumerate(lines):
        line = rec.norm[a:b]
        mark = _AGENDA_MARK.match(line)
        if mark:
            pending = _agenda_number(mark.group("num"), expected)
            if pending > 1 and not items and first_unmarked is not None and i > 0 \
                    and not _AGENDA_MARK.match(rec.norm[first_unmarked[0]:first_unmarked[1]]):
                first = _agenda_item(rec, 1, *first_unmarked)
                if first is not None:
                    items.append(first)
            continue
        inline = _AGENDA_INLINE.match(line)
        if inline and pending is None:
            number = _agenda_number(inline.group("num"), expected)
            item = _agenda_item(rec, number, a + inline.start("topic"), b)
            if item is not None:
                items.append(item)
                expected = number + 1
            continue
        if pending is not None:
            item = _agenda_item(rec, pending, a, b)
            if item is not None:
                items.append(item)
                expected = pending + 1
            pending = None
    return items


def _agenda_number(token: str, expected: int) -> int:
    number = chinese_number(token) if token[0] in "一二三四五六七八九十" else None
    # an OCR'd dash ("—" for 一), or a numeral going backwards, takes the next number
    return number if number is not None and number >= expected else expected


def _agenda_item(rec: _Record, number: int, a: int, b: int) -> AgendaItem | None:
    """The topic of an item: its first clause, up to "，研究议定…" or the end of the sentence."""
    stop = _TOPIC_END.search(rec.norm, a, b)
    end = stop.start() + (1 if stop.group() == "。" else 0) if stop else b
    a, end = trim_span(rec.norm, a, end, LAYOUT_SPACES + "：")
    topic_a = a + 2 if rec.norm.startswith("会议", a) else a
    topic = rec.value(topic_a, end).rstrip("。")
    return AgendaItem(number, topic, rec.span(a, end)) if topic.strip() else None


def _prose_lists(rec: _Record, start: int, end: int, out: list[MeetingParticipant]) -> None:
    """"参加会议的有：A、B、C。": the list after it, to the end of the sentence. A sentence naming
    only units ("市发改局、市财政局负责同志列席。") names no observer."""
    norm = rec.norm
    for m in _PROSE_LIST.finditer(norm, start, end):
        stop = min([x for x in (norm.find("。", m.end(), end), norm.find("\n", m.end(), end)) if x >= 0] or [end])
        if m.group("verb") == "列席":
            _observers(rec, m.end(), stop, None, False, out)
            continue
        for p, q in split_outside_brackets(norm, m.end(), stop, _LIST_SEPARATORS, brackets=ROUND_BRACKETS_AND_QUOTES):
            for na, nb in _names(rec, p, q):
                out.append(MeetingParticipant(rec.value(na, nb), "attendee", None, rec.span(na, nb)))


def _prose_attendance(rec: _Record, start: int, end: int, out: list[MeetingParticipant]) -> None:
    """"A、B、C出席会议，D、E列席会议": the clauses before each verb that are lists of people."""
    norm = rec.norm
    for m in _PROSE_ATTEND.finditer(norm, start, end):
        role = "observer" if m.group("verb") == "列席" else "attendee"
        s_a = max(norm.rfind(c, start, m.start()) for c in "。\n；：") + 1
        clauses = split_outside_brackets(norm, max(s_a, start), m.start(), "，", brackets=ROUND_BRACKETS_AND_QUOTES)
        picked: list[tuple[int, int]] = []
        for p, q in reversed(clauses):
            names = _names(rec, p, q)
            items = split_outside_brackets(norm, p, q, _LIST_SEPARATORS, brackets=ROUND_BRACKETS_AND_QUOTES)
            if not names or len(names) < len(items):
                break
            picked = names + picked
        for na, nb in picked:
            out.append(MeetingParticipant(rec.value(na, nb), role, None, rec.span(na, nb)))


_ANY_LABEL = re.compile(rf"^{_SP}*(?P<label>[^：，。、]{{1,16}})：")


def meetings_of(doc: Document) -> list[Meeting]:
    """The meeting of one minutes document."""
    rec = _Record(doc)
    body = max(0, doc.body_start - doc.span.start)
    header = _Header(rec, body)
    if not header.found and body:
        header = _Header(rec, 0)
    lines = list(iter_trimmed_lines(rec.norm, body, len(rec.norm)))
    participants: list[MeetingParticipant] = []
    if header.found and header.chair:
        participants.append(MeetingParticipant(rec.value(*header.chair), "chair", None, rec.span(*header.chair)))
    # the labelled block may stand above the header sentence (会议时间 / 主持人 / 参加人员 first)
    block = _attendance_lines(rec, lines, participants)
    if not doc.is_meeting and not _is_pasted_minutes(rec, doc, header, block):
        return []
    after_header = header.end if header.found else body
    if not any(p.role in ("attendee", "observer") for p in participants):
        _prose_lists(rec, after_header, len(rec.norm), participants)
        listed = {p.role for p in participants}
        prose: list[MeetingParticipant] = []
        # the header sentence itself may name them: "县长X主持召开…，副县长A、B出席会议"
        _prose_attendance(rec, header.start if header.found else body, len(rec.norm), prose)
        participants.extend(p for p in prose if p.role not in listed)
    if not header.found and not participants and block.date is None:
        return []
    agenda_lines = [(a, b) for a, b in lines if a >= after_header and (a, b) not in block.used]
    agenda = _agenda(rec, agenda_lines)
    # the record names itself before its first item: "2025年第4次区长办公会议专题研究…"
    named_until = agenda[0].evidence.start - rec.base if agenda else len(rec.norm)
    number, kind, named = _number_and_kind(rec, doc, header, named_until)
    if header.found:
        evidence = rec.span(*trim_span(rec.norm, header.start, header.end, LIST_ITEM_EDGES))
    elif block.date_range is not None:
        evidence = rec.span(*block.date_range)
    elif named is not None:
        evidence = rec.span(*named)
    else:
        evidence = doc.span
    return [Meeting(
        doc_no=doc.doc_no, kind=kind, number=number, date=block.date or header.date,
        participants=tuple(participants), evidence=evidence, agenda=tuple(agenda),
    )]


_MINUTES_TITLE = re.compile(r"会议(?:纪要|记录)|纪要$")
_NOTICE_TITLE = re.compile(r"通知|通告|公告|通报|方案|意见")
_NUMBER_LINE = re.compile(
    rf"^{_SP}*(?:[（(〔]?{_SP}*\d{{4}}{_SP}*[）)〕]?{_SP}*年?{_SP}*)?第{_SP}*(?P<num>\d+|[一二三四五六七八九十百]+){_SP}*次"
    rf"{_SP}*(?:会议)?{_SP}*$"
)


def _is_pasted_minutes(rec: _Record, doc: Document, header: "_Header", block: "_Block") -> bool:
    """A record ingest did not mark as minutes: a chaired meeting with a list of who was there,
    or a minutes title over labelled lines. A notice calling a meeting ("会议时间：… 参会人员：…")
    has neither a chair nor a recorder."""
    if header.found and header.says_chair and (block.roles or _PROSE_ATTEND.search(rec.norm, header.end)):
        return True
    title = squeeze(matching_view(doc.title or ""))
    if _MINUTES_TITLE.search(title) and not _NOTICE_TITLE.search(title):
        return bool(block.roles)
    return {"chair", "recorder"} <= block.roles and bool(block.roles & {"attendee", "observer"})


def _number_and_kind(rec: _Record, doc: Document, header: "_Header", until: int):
    """Number and kind of the meeting: from ingest, else the header sentence, else the text
    before the first agenda item ("2025年第4次区长办公会议…", a "第3次" line under the title),
    else the title. Also the range that names them, if found in the text."""
    number, kind, named = doc.meeting_number, None, None
    if header.found:
        number = number if number is not None else header.number
        kind = header.kind
    found = _NUMBER_KIND.search(rec.norm, 0, until)
    if found is not None:
        named = (found.start(), found.end())
        if number is None:
            number = chinese_number(found.group("num"))
        kind = kind or found.group("kind")
    title = matching_view(doc.title or "")
    in_title = _NUMBER_KIND.search(title) or _KIND_ONLY.search(title)
    if number is None:
        for a, b in iter_trimmed_lines(rec.norm, 0, until):
            line = _NUMBER_LINE.match(rec.norm[a:b])
            if line is not None:
                number, named = chinese_number(line.group("num")), named or (a, b)
                break
    if number is None and in_title is not None and "num" in in_title.groupdict():
        number = chinese_number(in_title.group("num"))
    kind = kind or (in_title.group("kind") if in_title else None)
    # ingest's kind wins unless it is only the generic "会议"
    if doc.meeting_kind and doc.meeting_kind != "会议":
        kind = doc.meeting_kind
    return number, _bare_kind(kind or doc.meeting_kind or "会议"), named


def _bare_kind(kind: str) -> str:
    """"人民政府县长办公会议" read off a title "青山县人民政府县长办公会议纪要": the issuer's tail
    is not part of the kind."""
    cut = kind.rfind("政府")
    return kind[cut + 2:] if cut >= 0 and _KIND_ONLY.fullmatch(kind[cut + 2:]) else kind


class _Block:
    """What the labelled lines said: when it was held, which roles were listed, the lines used."""

    def __init__(self):
        self.used: set[tuple[int, int]] = set()
        self.roles: set[str] = set()
        self.date: str | None = None
        self.date_range: tuple[int, int] | None = None


def _segments(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """A labelled line cut where a second label starts: "主持人：王明　　记录人：朱琳"."""
    line = norm[a:b]
    if not (_LABEL_LINE.match(line) or _HEADER_LABEL_LINE.match(line)):
        return [(a, b)]
    cuts = [m.start() for m in _NEXT_LABEL.finditer(norm, a, b) if m.start() > a]
    bounds = [a] + cuts + [b]
    return [trim_span(norm, x, y, LAYOUT_SPACES) for x, y in zip(bounds, bounds[1:])]


def _held_on(rec: _Record, a: int, b: int, bare_label: bool) -> str | None:
    """The day in a 会议时间 value: "2025年3月6日上午", "3月6日（星期四）"."""
    value = rec.norm[a:b]
    if re.match(rf"{_SP}*(?:前|以前|之前)", value[value.find("日") + 1:] if "日" in value else ""):
        return None
    date = parse_date(value)
    if date is None and not bare_label:
        month_day = re.search(rf"(?P<month>{_CN_NUM})月(?P<day>{_CN_NUM})日", value)
        if month_day:
            date = _date_in_year_of(rec.doc, month_day.group("month"), month_day.group("day"))
    return date


def _attendance_lines(rec: _Record, lines: list[tuple[int, int]], out: list[MeetingParticipant]) -> _Block:
    """会议时间 / 会议地点 / 主持人 / 出席 / 列席 (with sub-lists) / 记录 lines and the lines their
    lists spill onto."""
    block = _Block()
    section = None
    sub_unit: tuple[int, int] | None = None
    invited = False
    spill = sublists = False
    for line_range in lines:
        for a, b in _segments(rec.norm, *line_range):
            line = rec.norm[a:b]
            was_spill, spill = spill, line.rstrip()[-1:] in ("、", "，", "：", "；")
            if _TABLE_HEAD.match(line):
                section = "table"
                block.used.add(line_range)
                continue
            if section == "table":
                row = _TABLE_ROW.match(line)
                if row is not None and _names(rec, a + row.start("name"), a + row.end("name")):
                    _section_list(rec, "attendee", a + row.start("name"), a + row.end("name"), None, False, out)
                    block.used.add(line_range)
                    continue
                section = None
            when = _HEADER_LABEL_LINE.match(line)
            if when:
                section = None
                bare = when.group("time") is not None and len(squeeze(when.group("time"))) == 2  # "时间" alone
                if when.group("time") and block.date is None:
                    date = _held_on(rec, a + when.start("rest"), a + when.end("rest"), bare)
                    if date is not None:
                        block.date, block.date_range = date, (a, b)
                if not bare or block.date_range == (a, b):
                    block.used.add(line_range)
                continue
            m = _LABEL_LINE.match(line)
            if m:
                section = next(role for role in _ROLE_LABELS if m.group(role))
                block.roles.add(section)
                sub_unit, invited = None, False
                # sub-lists ("（一）邀请列席：…", "政府办：…") follow an empty 列席 label only
                sublists = not m.group("rest")
                if section != "chair" or not any(p.role == "chair" for p in out):
                    _section_list(rec, section, a + m.start("rest"), a + m.end("rest"), sub_unit, invited, out)
                block.used.add(line_range)
                if section in ("chair", "recorder"):
                    section = None
                continue
            if section is None:
                continue
            sub = _SUBLIST.match(line) if section == "observer" and sublists else None
            other = _ANY_LABEL.match(line) if sub is None else None
            if other is not None:
                label = squeeze(other.group("label"))
                # "政府办：…" without a numeral is a sub-list; "请假：…" ends the list
                if section == "observer" and sublists and (_INVITED.search(label) or _UNIT_END.search(label)):
                    sub = other
                else:
                    section = None
                    continue
            if sub is not None:
                sub_unit, invited = None, False
                label = sub.group("label")
                if label:
                    if _INVITED.search(label):
                        invited = True
                    else:
                        sub_unit = trim_span(rec.norm, a + sub.start("label"), a + sub.end("label"), LIST_ITEM_EDGES)
                rest_a = a + (sub.start("rest") if "rest" in sub.groupdict() else sub.end())
                _section_list(rec, section, rest_a, b, sub_unit, invited, out)
                block.used.add(line_range)
                continue
            if not was_spill or "。" in line.rstrip("。"):
                section = None
                continue
            _section_list(rec, section, a, b, sub_unit, invited, out)
            block.used.add(line_range)
    return block


# "参加人员：市领导：A、B；市直单位：…；列席：C": an inline 列席 label after ；switches the
# rest of one grouped attendance paragraph to observers.
_INLINE_OBSERVER_LABEL = re.compile(rf"[；;]{_SP}*(?:{_ROLE_LABELS['observer']}){_SP}*：{_SP}*")
# "市领导：" / "市直单位：" / "县领导：" / "有关单位：": a group label inside an attendee list
_GROUP_LABEL = re.compile(rf"{_SP}*[^：、，；。]{{1,12}}{_SP}*：{_SP}*")


def _section_list(rec: _Record, section: str, a: int, b: int, sub_unit, invited: bool,
                  out: list[MeetingParticipant]) -> None:
    if b <= a:
        return
    if section == "observer":
        _observers(rec, a, b, sub_unit, invited, out)
        return
    if section == "attendee":
        switch = _INLINE_OBSERVER_LABEL.search(rec.norm, a, b)
        if switch is not None:
            _section_list(rec, section, a, switch.start(), sub_unit, invited, out)
            _observers(rec, switch.end(), b, None, False, out)
            return
    for p, q in split_outside_brackets(rec.norm, a, b, _LIST_SEPARATORS, brackets=ROUND_BRACKETS_AND_QUOTES):
        label = _GROUP_LABEL.match(rec.norm, p, q) if section == "attendee" else None
        if label is not None and not _plain_name(rec.norm[p:label.end()].rstrip("： \u3000\t")):
            p = label.end()
        names = _names(rec, p, q)
        if not names:
            # "县政府办朱琳": a unit printed before the name
            pair = split_unit_and_name(rec.norm, p, q, strict=True)
            names = [pair[1]] if pair else []
        for na, nb in names:
            out.append(MeetingParticipant(rec.value(na, nb), section, None, rec.span(na, nb)))


@extractor("meetings")
def extract_meetings(doc: Document) -> list[Meeting]:
    """The meeting recorded in a minutes document (or a pasted minutes record), else nothing."""
    return meetings_of(doc)
