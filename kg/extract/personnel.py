"""Appointments and removals: PersonnelChange facts.

Phrasings handled (one fact per person and post):

- ``王明同志任县财政局副局长；``           appoint (``（女）`` before 同志, ``（试用期一年）`` after the post)
- ``免去王明同志县财政局副局长职务；``       remove (``免去王明同志的…职务`` too)
- ``王明同志任A，免去其B职务；``             appoint A and remove B; the removal takes the （女）
                                           of the sentence, never the probation
- ``王明同志任A、B``                         one appointment per post
- ``任命王明为A``, ``任王明为A``, ``聘任/聘请王明为A``   appoint; ``提名/推荐王明为A人选`` is a
  nomination, not 任: nothing (a ``，免去其B职务`` after it still removes)
- ``任命王明、李丽（女）为A``                    one appointment per person
- ``免去王明的A职务``, ``免去王明A职务``, ``免去王明（女）A职务``, ``解聘/撤销王明的A职务``   remove
- ``王明不再担任A职务``                       remove
- header lists: a line ``任命：`` / ``免去：`` (also ``决定任命：``, ``现决定免去：``, ``决定聘任：``)
  followed by lines ``王明为A`` / ``王明的A职务``; a line with its own verb (``王明同志兼任A``)
  is read by the verb, not the heading
- ``王明同志兼任A``, ``王明同志挂职任A（挂职一年）``   appoint; a 挂职 secondment is never on probation
- ``以上同志试用期一年`` after the list: every appointment of the notice is on probation.
- a 任免 table (``姓名⇥任职⇥免职``, also 拟任职务 / 免去职务 / 性别 columns): per row one appointment
  per post of the 任职 cell and one removal per post of the 免职 cell (posts split on 、 and ；,
  ``（女）`` after the name, ``（试用期一年）`` inside the cell); the evidence is the row.

Where the wording marks a name off (任命X为, X同志任, 免去X的, a table's 姓名 cell) its surname
need not be in the list (``titles.looks_like_delimited_name``); where names may run together
(``免去王明县财政局副局长职务``) it must be.

Posts are copied as written after 任 / 为 / 免去…同志, without a trailing 职务 or a note after
it (（另有任用）, （聘期三年）); a leading county name is kept where printed. ASCII brackets
read as full-width ones. The date is the notice's signing date. The evidence is
the sentence (one sentence may give two facts).
"""
from __future__ import annotations

import re

from kg.extract.registry import extractor
from kg.extract.text_spans import LAYOUT_SPACES, separators_outside_brackets, split_outside_brackets, trim_span
from kg.extract.titles import (CJK, COMPOUND_SURNAMES, OFFICE_TAIL, looks_like_delimited_name, looks_like_name,
                               matching_view, squeeze)
from kg.ingest.lines import iter_nonblank_lines
from kg.model import Document, PersonnelChange, Span

# A name as printed after 任命 / before 同志: 2-5 characters, single layout spaces between them.
_NAME = rf"[{CJK}·](?:[ \u3000]?[{CJK}·]){{1,4}}?"
# The mark after a woman's name: "（女）", "（女，满族）".
_FEMALE = r"（女[^）]{0,20}）"
_SENTENCE_END = "；。;\n：:"
_LIST_MARKER = re.compile(r"^[ \u3000\t]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑳●○■□◆·\-—]+)[ \u3000\t]*")
# "（ 试用期一年)" read through the view is "（ 试用期一年）": a layout space may follow the bracket.
_PROBATION = re.compile(r"(?:（[ \u3000]*)?试用期[^）；。]{0,20}）?")
_PROBATION_FOR_ALL = re.compile(r"(?:以上|上述)[^。；]{0,20}试用期")
# Words before a name that are not part of it ("经研究，决定王明同志任…").
_NAME_LEAD = re.compile(r"^(?:.*?(?:决定|研究|同意|兹|现|拟|经|根据|由|任命|聘任|聘请|提名|免去|解聘|撤销))")
# A post that is a working-group role, not a post of an organisation ("王明同志任召集人").
_GROUP_ROLE_POST = re.compile(
    r"^(?:总|副|常务副|执行)?(?:召集人|组长|成员|组员|联络员|指挥长|指挥|办公室主任|办公室副主任|主任|副主任|秘书长|委员)$"
)
_PERSONNEL_TITLE = re.compile(r"任免|任命|免去|聘任|聘用|解聘|免职|任职|人事")
_UNIT_TAIL = re.compile(r"(?:局|委|办|室|中心|院|所|站|馆|校|部|处|科|股|队|社|会|行|公司|集团|镇|乡|街道|办事处|区|县|市|厅|台|团|庭)")
_BARE_OFFICE = re.compile(rf"^(?:常务|第一|执行)?副?{OFFICE_TAIL}$|^(?:党组|党委)(?:书记|副书记|成员)$")


def _sentences(view: str, a: int, b: int):
    """(start, end) of each sentence of view[a:b], without its terminator."""
    start = a
    for i in range(a, b):
        if view[i] in _SENTENCE_END:
            if view[start:i].strip():
                yield trim_span(view, start, i, LAYOUT_SPACES)
            start = i + 1
    if view[start:b].strip():
        yield trim_span(view, start, b, LAYOUT_SPACES)


def _name_before(view: str, floor: int, end: int) -> tuple[int, int] | None:
    """The name that ends at ``end``: the run of characters before it, minus lead words."""
    i = end
    while i > floor and (re.match(rf"[{CJK}·]", view[i - 1]) or (view[i - 1] in " \u3000" and i - 1 > floor
                                                                    and re.match(rf"[{CJK}]", view[i - 2]))):
        i -= 1
    a, b = trim_span(view, i, end, LAYOUT_SPACES)
    run = view[a:b]
    lead = _NAME_LEAD.match(run)
    if lead:
        a += lead.end()
        a, b = trim_span(view, a, b, LAYOUT_SPACES)
    bounded = True
    if len(squeeze(view[a:b])) > 4:
        # No boundary before the name: keep the last three characters (the commonest length).
        count, j = 0, b
        while j > a and count < 3:
            j -= 1
            if view[j] not in " \u3000":
                count += 1
        a = j
        bounded = False
    # a run marked off on both sides ("，乜国栋同志不再担任") may have a surname not in the list
    if not (looks_like_delimited_name(view[a:b]) if bounded else looks_like_name(view[a:b])):
        return None
    return a, b


def _split_name_post(view: str, a: int, b: int) -> tuple[tuple[int, int], int] | None:
    """``王明县财政局副局长`` -> name, start of post (no 同志 or 的 between them)."""
    a, b = trim_span(view, a, b, LAYOUT_SPACES)
    seg = view[a:b]
    chars = [i for i, ch in enumerate(seg) if ch not in " \u3000"]
    lengths = [3, 4] if seg[:2] in COMPOUND_SURNAMES else [2, 3]
    # the post starts with a place word (县财政局…), else with a place name (青山县…); without
    # either, the longest plausible name is taken
    best, best_score = None, -1
    for n in lengths:
        if len(chars) <= n + 1:
            continue
        name_end = chars[n - 1] + 1
        post_start = chars[n]
        if not looks_like_name(seg[:name_end]):
            continue
        score = 2 if seg[post_start] in "市县区省州旗镇乡" else \
            1 if re.match(r"[\u4e00-\u9fff]{1,4}(?:市|县|区)", seg[post_start:]) else 0
        if score > best_score or (score == best_score == 0):
            best, best_score = (n, name_end, post_start), score
    if best is None:
        return None
    _, name_end, post_start = best
    return (a, a + name_end), a + post_start


_POST_BRACKETS = ("（(〔[", "）)〕]")


def _split_posts(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a post list on 、 and 兼(任) outside brackets; each piece (start, end)."""
    pieces, start = [], a
    for i in separators_outside_brackets(view, a, b, "、兼", _POST_BRACKETS):
        if view[i] == "、":
            pieces.append((start, i))
            start = i + 1
        elif i > start:  # 兼 opening the list is no separator
            pieces.append((start, i))
            start = i + (2 if view[i + 1:i + 2] == "任" else 1)
    pieces.append((start, b))
    return [trim_span(view, x, y, LAYOUT_SPACES) for x, y in pieces if view[x:y].strip()]


_TRAILING_NOTE = re.compile(r"[ \u3000]*（[^（）]{1,30}）$")


def _clean_post(source: str, view: str, a: int, b: int) -> tuple[str, bool]:
    """Post text as written, without 职务 / probation note; and whether a probation note was there."""
    text, vtext = source[a:b], view[a:b]
    probation = bool(_PROBATION.search(vtext))
    # a note after the post ("职务（另有任用）", "院长（聘期三年，试用期一年）", "主任（正科级）") is
    # not part of it, the whole bracket even with a comma inside; a bracket inside a unit name
    # ("中心（卫生监督执法局）主任") is. Read before the probation cut, which would split such a note.
    for _ in range(2):
        note = _TRAILING_NOTE.search(vtext.rstrip())
        if not note or not ("试用期" in note.group() or
                            re.search(rf"(?:职务|职|{OFFICE_TAIL})$", vtext[:note.start()])):
            break
        text, vtext = text[:note.start()], vtext[:note.start()]
    cut = _PROBATION.search(vtext)
    if cut:
        text, vtext = text[:cut.start()] + text[cut.end():], vtext[:cut.start()] + vtext[cut.end():]
    m = re.search(r"(?:的)?(?:一切|全部|所有|所任|所担任的)?(?:行政|领导)?职务?$", vtext)
    if m and vtext.endswith(("职务", "职")):
        text = text[:m.start()]
    text = re.sub(r"^(?:的|其|为)", "", text.strip())
    text = re.sub(r"(?:人选|候选人)$", "", text)
    return squeeze(text), probation


def _posts(source: str, view: str, a: int, b: int) -> list[tuple[str, bool]]:
    out = []
    previous_unit = None
    for pa, pb in _split_posts(view, a, b):
        post, probation = _clean_post(source, view, pa, pb)
        if not post:
            continue
        if previous_unit and _BARE_OFFICE.match(post):
            post = previous_unit + post  # "局党组成员、副局长": the second post is at the same unit
        out.append((post, probation))
        unit = re.sub(rf"(?:(?:党组|党委)?(?:书记|副书记|成员)|{OFFICE_TAIL}|副|常务)+$", "", post)
        previous_unit = unit if unit != post and _UNIT_TAIL.search(unit[-3:] if unit else "") else previous_unit
    return out


# Triggers, matched on the view. Each yields (action, name span, post span).
# "同志兼任" and "同志挂职任" appoint too (a 挂职 secondment is no probation).
_APPOINT_TOGETHER = re.compile(rf"(?P<female>{_FEMALE})?[ \u3000]*同志[ \u3000]*"
                               r"(?:兼任|挂职(?:担)?任|任|担任|为)(?![命职期务何用意免的])")
_APPOINT_BY = re.compile(r"(?:任命|聘任|聘请|聘用)(?!书|期|用期|任期)"
                         rf"|(?<![担兼主责信专])任(?=[{CJK}·][ \u3000]?[{CJK}·]{{1,4}}?(?:{_FEMALE})?为)")
_REMOVE_BY = re.compile(r"(?:免去|解聘|撤销)")
# A nomination of a candidate ("提名X为Y人选", "推荐X为Y人选") is for another body to elect or
# appoint: no change of post yet.
_NOMINATE = re.compile(r"提名|推荐")
_CANDIDATE_POST = re.compile(r"(?:人选|候选人)[ \u3000]*(?:（[^（）]{0,20}）)?[ \u3000]*$")
_NO_LONGER = re.compile(rf"(?P<female>{_FEMALE})?[ \u3000]*(?:同志)?[ \u3000]*不再担任")
_REMOVE_OF_SAME = re.compile(r"[，,、]?[ \u3000]*(?:同时)?(?:免去|免)其(?:担任的|所任)?")
_BARE_APPOINT = re.compile(rf"(?P<name>{_NAME})[ \u3000]*(?P<female>{_FEMALE})?[ \u3000]*"
                           r"(?:兼任|挂职(?:担)?任|任)(?![命职期务何用意免的])")
_ALSO_OF_SAME = re.compile(r"[，,][ \u3000]*(?:同时)?兼任")


class _Sentence:
    def __init__(self, doc: Document, source: str, view: str, base: int, a: int, b: int, all_on_probation: bool):
        self.doc, self.source, self.view, self.base = doc, source, view, base
        self.personnel_notice = bool(_PERSONNEL_TITLE.search(matching_view(doc.title or "")))
        self.a, self.b = a, b
        self.all_on_probation = all_on_probation
        self.facts: list[PersonnelChange] = []

    def add(self, name: tuple[int, int], action: str, post_a: int, post_b: int, female: bool,
            secondment: bool = False):
        view, source = self.view, self.source
        na, nb = name
        person = source[na:nb]
        if action == "appoint" and _CANDIDATE_POST.search(view[post_a:post_b]):
            return  # a candidate put forward, not an appointment
        for post, probation in _posts(source, view, post_a, post_b):
            if _GROUP_ROLE_POST.match(post) or len(post) < 2:
                continue
            # a 挂职 secondment is for a set time, never on probation
            probation = action == "appoint" and not secondment and (
                probation or self.all_on_probation or bool(_PROBATION.search(view[post_b:self.b])))
            self.facts.append(PersonnelChange(
                doc_no=self.doc.doc_no, person=person, action=action, post=post, date=self.doc.date,
                female=female, probation=probation,
                evidence=Span(self.base + self.a, self.base + self.b, source[self.a:self.b]),
            ))


def _post_end(view: str, a: int, b: int) -> int:
    """End of a post that starts at ``a``: the next clause or the sentence end."""
    m = re.compile(r"[，,][ \u3000]*(?:同时)?(?:免去|免|任|不再|兼任)|[，,]").search(view, a, b)
    if m and not _inside_brackets(view, a, m.start()):
        return m.start()
    return b


def _inside_brackets(view: str, a: int, pos: int) -> bool:
    return view.count("（", a, pos) > view.count("）", a, pos)


def _parse_sentence(s: _Sentence, mode: str | None) -> None:
    view, a, b = s.view, s.a, s.b
    marker = _LIST_MARKER.match(view, a, b)
    if marker:
        a = marker.end()
    floor = a
    pos = a
    last_person: tuple[tuple[int, int], bool] | None = None
    handled_any = False
    bare = _BARE_APPOINT.match(view, a, b) if s.personnel_notice else None
    if bare and looks_like_name(bare.group("name")):
        # "王明任县财政局副局长": only in a notice about appointments, where no 同志 is needed
        name = (bare.start("name"), bare.end("name"))
        female = bool(bare.group("female"))
        end = _post_end(view, bare.end(), b)
        s.add(name, "appoint", bare.end(), end, female, "挂职" in bare.group(0))
        last_person, handled_any, pos, floor = (name, female), True, end, end
    while pos < b:
        hits = []
        for kind, rx in (("together", _APPOINT_TOGETHER), ("appoint-by", _APPOINT_BY), ("remove-by", _REMOVE_BY),
                         ("no-longer", _NO_LONGER), ("remove-same", _REMOVE_OF_SAME), ("also-same", _ALSO_OF_SAME),
                         ("nominate", _NOMINATE)):
            m = rx.search(view, pos, b)
            if m:
                hits.append((m.start(), kind, m))
        if not hits:
            break
        hits.sort(key=lambda h: (h[0], h[1] not in ("remove-same", "also-same")))
        start, kind, m = hits[0]
        if kind == "nominate":
            # the people and post of a nomination give nothing; read on after them
            parsed = _people_and_post_after(view, m.end(), b, "appoint")
            pos = _post_end(view, parsed[1], b) if parsed else m.end()
            if parsed:  # "提名X为…人选，免去其…职务": the removal is X's
                last_person = parsed[0][-1]
            floor = pos
            handled_any = handled_any or parsed is not None
            continue
        if kind == "together":
            name = _name_before(view, floor, m.start())
            if name is None:
                pos = m.end()
                continue
            female = bool(m.group("female"))
            end = _post_end(view, m.end(), b)
            s.add(name, "appoint", m.end(), end, female, "挂职" in m.group(0))
            last_person = (name, female)
            handled_any = True
            pos = end
        elif kind in ("remove-same", "also-same"):
            if last_person is None:
                pos = m.end()
                continue
            end = _post_end(view, m.end(), b)
            s.add(last_person[0], "remove" if kind == "remove-same" else "appoint", m.end(), end, last_person[1])
            handled_any = True
            pos = end
        elif kind == "no-longer":
            name = _name_before(view, floor, m.start())
            if name is None:
                pos = m.end()
                continue
            end = _post_end(view, m.end(), b)
            s.add(name, "remove", m.end(), end, bool(m.group("female")))
            handled_any = True
            pos = end
        else:
            action = "appoint" if kind == "appoint-by" else "remove"
            parsed = _people_and_post_after(view, m.end(), b, action)
            if parsed is None:
                pos = m.end()
                continue
            people, post_a = parsed
            end = _post_end(view, post_a, b)
            for name, female in people:
                s.add(name, action, post_a, end, female)
            last_person = people[-1]
            handled_any = True
            pos = end
        floor = pos
    if not handled_any and mode is not None:
        # a line of a 任命：/免去： list
        parsed = _people_and_post_after(view, a, b, mode)
        if parsed is not None:
            people, post_a = parsed
            for name, female in people:
                s.add(name, mode, post_a, b, female)


_ONE_PERSON = rf"{_NAME}(?:[ \u3000]*{_FEMALE})?"
# Several people given one post: "任命王明、李丽（女）为县政府办副主任".
_SEVERAL_PEOPLE = re.compile(rf"(?P<people>{_ONE_PERSON}(?:[、，,][ \u3000]*{_ONE_PERSON})+)[ \u3000]*(?:同志)?[ \u3000]*(?:为|的|担任的)")


def _people_and_post_after(view: str, a: int, b: int, action: str):
    """([(name span, female), …], start of post) after 任命/免去, or None."""
    a, _ = trim_span(view, a, b, LAYOUT_SPACES)
    several = _SEVERAL_PEOPLE.match(view, a, b)
    if several:
        people = []
        at = several.start("people")
        for piece in re.finditer(r"[^、，,]+", view[at:several.end("people")]):
            pa, pb = trim_span(view, at + piece.start(), at + piece.end(), LAYOUT_SPACES)
            female = _FEMALE_MARK.search(view, pa, pb)
            na, nb = trim_span(view, pa, female.start() if female else pb, LAYOUT_SPACES)
            if not looks_like_delimited_name(view[na:nb]):
                break
            people.append(((na, nb), bool(female)))
        else:
            return people, several.end()
    parsed = _name_and_post_after(view, a, b, action)
    if parsed is None:
        return None
    name, female, post_a = parsed
    return [(name, female)], post_a


_FEMALE_MARK = re.compile(_FEMALE)


def _name_and_post_after(view: str, a: int, b: int, action: str):
    """After 任命/免去: ``王明（女）同志为A``, ``王明为A``, ``王明同志A职务``, ``王明的A职务``, ``王明A职务``."""
    a, _ = trim_span(view, a, b, LAYOUT_SPACES)
    for rx in (rf"(?P<name>{_NAME})(?P<female>[ \u3000]*{_FEMALE})?[ \u3000]*同志[ \u3000]*(?:为|的|担任的)?",
               rf"(?P<name>{_NAME})(?P<female>[ \u3000]*{_FEMALE})?[ \u3000]*(?:为|的|担任的)"):
        m = re.compile(rx).match(view, a, b)
        if m and looks_like_delimited_name(m.group("name")):
            if action == "appoint" and not re.search(r"为$", m.group(0)) and "同志" not in m.group(0):
                continue
            return (m.start("name"), m.end("name")), bool(m.group("female")), m.end()
    if action == "remove":
        # 免去王明（女）县财政局副局长职务: the marker right after the name shows where it ends
        female = _NAME_THEN_FEMALE.match(view, a, b)
        if female and looks_like_delimited_name(female.group("name")):
            return (female.start("name"), female.end("name")), True, female.end()
        # 免去王明县财政局副局长职务: split by the name grammar
        stop = re.compile(r"职务|[，,]").search(view, a, b)
        if stop is None or not view.startswith("职务", stop.start()):
            return None  # without 同志 or 的, only "…职务" shows where the post ends
        end = stop.start()
        split = _split_name_post(view, a, end)
        if split:
            return split[0], False, split[1]
    return None


# A name closed by its （女） marker: "王明（女）县财政局副局长职务".
_NAME_THEN_FEMALE = re.compile(rf"(?P<name>{_NAME})[ \u3000]*{_FEMALE}[ \u3000]*")
# "任命：", also with the deciding words before it ("决定任命：", "现决定免去：", "决定聘任如下：").
_MODE_LINE = re.compile(r"^[ \u3000]*(?:现|经研究[，,]?|研究)?[ \u3000]*(?:决定)?[ \u3000]*"
                        r"(?P<mode>任命|聘任|聘用|免去|免职|免去职务|解聘)(?:如下)?[ \u3000]*(?:[：:][ \u3000]*)?$")


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of body lines relative to the document text."""
    base = doc.span.start
    if doc.paragraphs:
        return [(p.span.start - base, p.span.end - base) for p in doc.paragraphs]
    text = doc.span.text
    return list(iter_nonblank_lines(text, max(0, doc.body_start - base), len(text)))


# --- 任免 tables: 姓名 / 任职 / 免职 columns -------------------------------------------

_NAME_COLUMN = re.compile(r"^(?:姓名|人员|人员姓名)$")
_SEX_COLUMN = re.compile(r"^性别$")
# 任职 / 任命 / 拟任职务 / 聘任职务 columns appoint; 免职 / 免去职务 / 解聘 columns remove. A column
# of the present post (现任职务, 原职务) states no change.
_APPOINT_COLUMN = re.compile(r"^(?:拟|新)?(?:任职|任命|聘任|聘用|任)(?:职务|岗位)?$|^拟(?:任|聘)(?:职务|岗位)$")
_REMOVE_COLUMN = re.compile(r"^(?:免职|免去|免|解聘)(?:职务)?$")
# A cell the table rebuild ran on into the prose below the table ("以上同志…。", the signature):
# the cell stops at the first such piece.
_NOT_A_CELL_PIECE = re.compile(r"。|\d{4}年\d{1,2}月|^（此件|^(?:以上|上述)")


def _personnel_columns(header: list[str]) -> tuple[int, int | None, list[int], list[int]] | None:
    """(name column, sex column, appointment columns, removal columns) of a 任免 table, or None."""
    names = [squeeze(matching_view(h)) for h in header]
    name_col = next((i for i, h in enumerate(names) if _NAME_COLUMN.match(h)), None)
    appoint = [i for i, h in enumerate(names) if _APPOINT_COLUMN.match(h)]
    remove = [i for i, h in enumerate(names) if _REMOVE_COLUMN.match(h)]
    if name_col is None or not (appoint or remove):
        return None
    sex_col = next((i for i, h in enumerate(names) if _SEX_COLUMN.match(h)), None)
    return name_col, sex_col, appoint, remove


def _cell_pieces(cell) -> list[Span]:
    pieces = []
    for piece in cell.spans:
        if _NOT_A_CELL_PIECE.search(matching_view(piece.text)):
            break
        pieces.append(piece)
    return pieces


def _table_changes(doc: Document, all_on_probation: bool) -> tuple[list[PersonnelChange], list[Span]]:
    """Changes given by the rows of 任免 tables, and the spans of the tables read."""
    facts: list[PersonnelChange] = []
    read: list[Span] = []
    base, text = doc.span.start, doc.span.text
    for table in doc.tables:
        rows = list(table.rows)
        header = list(table.header)
        if not header and rows:  # a header the table rebuild did not know: the first row
            header = rows[0].texts()
            rows = rows[1:]
        columns = _personnel_columns(header)
        if columns is None:
            continue
        name_col, sex_col, appoint_cols, remove_cols = columns
        read.append(table.span)
        for row in rows:
            if name_col >= len(row.cells):
                continue
            name_pieces = _cell_pieces(row.cells[name_col])
            if len(name_pieces) != 1:
                continue
            piece = name_pieces[0]
            female_mark = _FEMALE_MARK.search(matching_view(piece.text))
            name_text = piece.text[:female_mark.start()] if female_mark else piece.text
            name_a = piece.start - base
            na, nb = trim_span(text, name_a, name_a + len(name_text), LAYOUT_SPACES)
            if not looks_like_delimited_name(text[na:nb]):
                continue
            female = bool(female_mark)
            if sex_col is not None and sex_col < len(row.cells):
                female = female or squeeze(row.cells[sex_col].text) == "女"
            kept = [p for cell in row.cells for p in _cell_pieces(cell)]
            end = max(p.end for p in kept)
            evidence = Span(row.span.start, end, text[row.span.start - base:end - base])
            for action, cols in (("appoint", appoint_cols), ("remove", remove_cols)):
                for col in cols:
                    if col >= len(row.cells):
                        continue
                    cell_text = "".join(p.text for p in _cell_pieces(row.cells[col]))
                    cell_view = matching_view(cell_text)
                    on_probation = action == "appoint" and (all_on_probation or bool(_PROBATION.search(cell_view)))
                    # posts separated by 、 or ；
                    for pa, pb in split_outside_brackets(cell_view, 0, len(cell_view), "；", LAYOUT_SPACES + "；"):
                        for post, _ in _posts(cell_text, cell_view, pa, pb):
                            if _GROUP_ROLE_POST.match(post) or len(post) < 2:
                                continue
                            facts.append(PersonnelChange(
                                doc_no=doc.doc_no, person=text[na:nb], action=action, post=post, date=doc.date,
                                female=female, probation=on_probation, evidence=evidence,
                            ))
    return facts, read


@extractor("personnel")
def extract_personnel(doc: Document) -> list[PersonnelChange]:
    """Every appointment and removal in one document, in text order."""
    return _extract(doc)


def _extract(doc: Document) -> list[PersonnelChange]:
    source = doc.span.text
    view = matching_view(source)
    if not re.search(r"任|免|聘|担任", view):
        return []
    base = doc.span.start
    all_on_probation = bool(_PROBATION_FOR_ALL.search(view))
    facts, tables_read = _table_changes(doc, all_on_probation)
    mode = None
    for pa, pb in _paragraph_spans(doc):
        if "\t" in view[pa:pb] and any(t.start <= base + pa < t.end for t in tables_read):
            continue  # a row of a 任免 table, read above
        line_has_entries = False
        for sa, sb in _sentences(view, pa, pb):
            mode_word = _MODE_LINE.match(view[sa:sb])
            if mode_word:  # "任命：" heads a list of "王明为…" lines
                mode = "remove" if mode_word.group("mode").startswith(("免", "解")) else "appoint"
                continue
            if _PROBATION_FOR_ALL.match(view[sa:sb]):
                continue
            sentence = _Sentence(doc, source, view, base, sa, sb, all_on_probation)
            _parse_sentence(sentence, mode)
            facts.extend(sentence.facts)
            line_has_entries = line_has_entries or bool(sentence.facts)
        if mode is not None and not line_has_entries and not _MODE_LINE.match(view[pa:pb]) \
                and not re.search(r"[：:][ \u3000]*$", view[pa:pb]):
            mode = None
    return sorted(facts, key=lambda f: f.evidence.start)
