"""Working groups: 专班, 领导小组, 联席会议, 协作机制, 工作组 … with their people and member units.

Shapes handled (general grammar of the genre only):

- role lines under a heading or after a founding sentence::

      组  长：王明  县委常委、副县长          (title after the name)
      副组长：李 四  县政府办副主任
              赵 五  县交通运输局局长       (continuation lines keep the role)
      成  员：县发改局、县财政局分管负责人，青石镇镇长。   (member units)
      工作组长：张三、李四                  (names only; a line of names spills over)
      副组长：李四，县委常委、副县长；王五，副县长   (title after a comma, people split on ；)
      组  长：仉崇岳（副县长）               (a rare surname is a name before a bracketed post)
      成  员：各乡镇（街道）和县直有关单位主要负责人   (one description: a member without a
                                          person, no member units)
      责任单位：县财政局、各乡镇            (units of a sub-group, e.g. 财源建设 tasks)

  a tab-separated roster row ``组长<TAB>王明<TAB>县长`` reads the same way;
- a founding sentence in prose::

      成立以A为组长，B为副组长的X领导小组
      成立X工作专班，以A任组长，B任第一副组长，C、D任副组长，E、F为成员
      成立由县政府办副主任王明任召集人，…，县公安局、…分管负责人为成员的X专班
      成立X专班，由县政府分管副县长任召集人，县政府办跟线负责人、县发改局主要负责人任副召集人，
          成员单位包括…，专班办公室设在县发改局
      建立由县长任召集人，民政局、财政局等部门组成的X联席会议机制
      由县政府办分管副主任商县财政局牵头组建工作专班，A、B等单位协同配合

- later statements about a group: ``办公室设在…``, ``下设办公室（设…）``, ``办公室主任由X兼任``,
  ``X、Y同志任办公室主任``, ``组长由县长王明担任``, ``工作专班成员单位为…``;
- an annex ``<group>成员单位职责分工`` whose items ``一、县人社局。…`` are member units.

A roster of 成员 printed with their posts names people, not member units: the units in their
posts are not member units.

A role held by a post rather than a named person gives ``GroupMember(person=None,
title=<the post as printed>)``. A group without a printed name is named from the
document's title ("竹木产业高质量发展工作专班") or its heading ("金融工作组").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.registry import extractor
from kg.extract.text_spans import iter_trimmed_lines, spaced_word, split_outside_brackets, trim_span
from kg.extract.titles import PERSON_NAME, looks_like_delimited_name, looks_like_name, matching_view, squeeze
from kg.extract.unit_names import is_collective, split_unit_list
from kg.model import Document, GroupMember, Span, WorkingGroup

# --- vocabulary of the genre ---------------------------------------------------------

GROUP_NOUN = (
    r"(?:工作专班|专班|领导小组|工作小组|协调小组|工作组|协调组|小组|联席会议(?:制度|机制)?|"
    r"协作(?:配合)?机制|协调机制|指挥部|委员会)"
)
_GROUP_NOUN_END = re.compile(rf"{GROUP_NOUN}$")
_FOUNDING_VERB = re.compile(r"成立|建立|组建|设立")

# Roles of people in a group, longest first so that 副组长 is not read as 组长.
PERSON_ROLES = (
    "总召集人", "副召集人", "召集人", "第一副组长", "常务副组长", "执行副组长", "第一组长", "副组长", "工作组长",
    "组长", "主管领导", "分管领导", "牵头领导", "责任领导", "责任人", "办公室副主任", "办公室主任", "副秘书长",
    "秘书长", "联络员", "顾问", "常务副指挥长", "常务副主任", "副指挥长", "总指挥长", "指挥长", "副总指挥", "总指挥", "副主任",
    "主任", "组员", "成员", "委员",
)
# Roles that make a list of labelled lines a group even under a heading without a group noun.
_STRONG_ROLES = {"总召集人", "副召集人", "召集人", "第一副组长", "常务副组长", "执行副组长", "第一组长", "副组长",
                 "工作组长", "组长", "常务副指挥长", "副指挥长", "总指挥长", "指挥长", "副总指挥", "总指挥"}
_MEMBER_ROLES = {"成员", "组员", "委员"}
UNIT_LABELS = ("成员单位", "责任单位", "组成单位", "参与单位", "牵头单位", "配合单位")

_LABEL = "|".join(spaced_word(w) for w in sorted(PERSON_ROLES + UNIT_LABELS, key=len, reverse=True))
_LABEL_LINE = re.compile(
    rf"^[ \u3000\t]*(?P<label>{_LABEL})[ \u3000\t]*(?:：|\t+)[ \u3000\t]*(?P<rest>.*?)[ \u3000\t；。，]*$"
)
_ANY_LABEL = re.compile(r"^[ \u3000\t]*[\u4e00-\u9fff ]{1,10}：")
_PROSE_ROLE = "|".join(re.escape(w) for w in sorted(PERSON_ROLES + ("成员单位",), key=len, reverse=True))

# Outline headings: 一、 （一） 1. （1） ①, with the rank of each style.
_HEADING = re.compile(
    r"^[ \u3000]*(?:(?P<r1>[一二三四五六七八九十]{1,3}[ \u3000]*[、.．])|(?P<r2>（[ \u3000]*[一二三四五六七八九十]{1,3}[ \u3000]*）)"
    r"|(?P<r3>\d{1,2}[ \u3000]*[.．、](?!\d))|(?P<r4>（[ \u3000]*\d{1,2}[ \u3000]*）)|(?P<r5>[①-⑳]))"
    r"[ \u3000]*(?P<text>.*?)[ \u3000]*$"
)

# How a post ends (an office or rank word), and what may stand before it.
POST_CORE = (
    r"(?:常委|委员|副书记|书记|市长|县长|区长|州长|乡镇长|镇长|乡长|旗长|局长|处长|科长|股长|所长|站长|馆长|院长|校长|行长|"
    r"社长|部长|主任|主席|秘书长|会长|理事长|董事长|总经理|经理|检察长|庭长|大队长|队长|团长|政委|教导员|调研员|"
    r"巡视员|督学|参谋|助理|干事|专员|总监|总工程师|工程师|主任科员|科员|指挥长|负责人|负责同志|同志|领导|专干|"
    r"干部|代表)"
)
_POST_MODIFIER = r"(?:[一二三四]级|常务|专职|分管|主要|相关|有关|党组|党委|党工委|政治|执行|驻会|跟线|第一|班子|其他)"
_POST_ONLY = re.compile(rf"^(?:{_POST_MODIFIER})*副?{POST_CORE}(?:助理)?(?:（[^（）]{{1,8}}）)?$")
_ENDS_WITH_POST = re.compile(rf"{POST_CORE}(?:助理)?(?:（[^（）]{{1,8}}）)?$")

UNIT_SUFFIX = (
    r"(?:管委会|办事处|委员会|联合会|政府|街道|中心|集团|公司|大队|中队|支队|分局|支局|银行|医院|学校|协会|机构|企业|"
    r"单位|部门|监狱|局|委|办|部|院|镇|乡|会|馆|联|社|所|站|厅|处|室|队|区|园|社区|村)"
)
_ENDS_WITH_UNIT = re.compile(rf"{UNIT_SUFFIX}(?:（[^（）]{{1,10}}）)?$")
_COLLECTIVE_TAIL = re.compile(r"(?:等)?(?:有关|相关)(?:部门|单位)$|等(?:部门|单位)$")
# Parentheses that describe duties rather than name a unit: "(牵头、合同管理等)".
_DUTY_PAREN = re.compile(r"（[^（）]*(?:、|等|牵头|负责|把关|保障)[^（）]*）")


# --- a view of (pieces of) the text with source offsets -------------------------------

@dataclass
class _View:
    """Text as printed (``raw``), its matching view (``norm``, same length) and the source
    offset of every character, so that pieces joined across lines keep exact evidence."""

    raw: str
    norm: str
    offsets: list[int]
    doc: Document

    def span(self, a: int, b: int) -> Span:
        a, b = trim_span(self.norm, a, b)
        if b <= a:
            b = a + 1 if a < len(self.raw) else a
        start = self.offsets[a] if a < len(self.offsets) else self.doc.end
        end = self.offsets[b - 1] + 1 if b > 0 else start
        base = self.doc.span.start
        return Span(start, end, self.doc.span.text[start - base:end - base])

    def text(self, a: int, b: int) -> str:
        a, b = trim_span(self.norm, a, b)
        return self.raw[a:b]


def _doc_view(doc: Document, pieces: list[tuple[int, int]], joiner: list[bool]) -> _View:
    """Join doc-relative pieces; joiner[i] False puts a newline before piece i."""
    text = doc.span.text
    base = doc.span.start
    raw, offsets = [], []
    for i, (a, b) in enumerate(pieces):
        if i and not joiner[i]:
            raw.append("\n")
            offsets.append(base + pieces[i - 1][1])
        raw.append(text[a:b])
        offsets.extend(range(base + a, base + b))
    joined = "".join(raw)
    return _View(joined, matching_view(joined), offsets, doc)


# --- people, posts and units ------------------------------------------------------------

@dataclass
class _Holder:
    """One holder of a role: a person (name, maybe a title), a post, or a unit."""

    kind: str  # "person" | "post" | "unit"
    name: tuple[int, int] | None = None
    title: str | None = None
    title_range: tuple[int, int] | None = None
    unit: str | None = None
    range: tuple[int, int] = (0, 0)


# Endings that make a short string a unit rather than a person ("青石镇", "发改局").
_NOT_A_NAME_END = re.compile(r"(?:局|委|办|部|院|镇|乡|厅|区|县|市|村|中心|公司|集团|街道|政府|管委会|办事处|大队|协会)$")


def _is_name(text: str) -> bool:
    return looks_like_name(text) and not _NOT_A_NAME_END.search(squeeze(text))


def _is_delimited_name(text: str) -> bool:
    """A name marked off by its title ("王明（副县长）", "王明，副县长"): the surname may be a rare one."""
    return looks_like_delimited_name(text) and not _NOT_A_NAME_END.search(squeeze(text))


def spaced_name_run(text: str) -> bool:
    """Names run together with layout spaces ("王 明 李丽"): kept as one printed string for the
    resolve stage to split."""
    tokens = text.split()
    return (len(tokens) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{1,3}", t) for t in tokens)
            and 4 <= len(squeeze(text)) <= 12
            and looks_like_name(tokens[0] + (tokens[1] if len(tokens[0]) == 1 else ""))
            and not _NOT_A_NAME_END.search(squeeze(text)) and not _ENDS_WITH_POST.search(squeeze(text)))


def _strip_comrade(norm: str, a: int, b: int) -> tuple[int, int]:
    a, b = trim_span(norm, a, b)
    if norm[a:b].endswith("同志") and b - a > 3:
        b -= 2
    return trim_span(norm, a, b)


def split_name_and_title(norm: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """(name range, title range or None) of a printed person in norm[a:b], or None.

    ``王明 县委常委、副县长`` / ``王明（县长）`` / ``县委常委、副县长 王明`` / ``县长王明`` /
    ``王明县长`` / ``王明`` / ``王明同志``."""
    a, b = _strip_comrade(norm, a, b)
    seg = norm[a:b]
    if not seg:
        return None
    m = re.fullmatch(r"(.+?)[ \u3000]*（([^（）]+)）", seg)
    if m and (_is_name(m.group(1)) or (_is_delimited_name(m.group(1)) and _ENDS_WITH_POST.search(squeeze(m.group(2))))):
        return (a + m.start(1), a + m.end(1)), (a + m.start(2), a + m.end(2))
    if _is_name(seg):
        return (a, b), None
    # NAME TITLE with layout spaces: name tokens are short, the title is the rest.
    tokens = list(re.finditer(r"[^ \u3000\t]+", seg))
    if len(tokens) >= 2:
        for k in range(1, len(tokens)):
            name_a, name_b = tokens[0].start(), tokens[k - 1].end()
            if all(len(t.group()) <= 3 for t in tokens[:k]) and _is_name(seg[name_a:name_b]):
                title = seg[tokens[k].start():]
                if _ENDS_WITH_POST.search(squeeze(title)) or _ENDS_WITH_UNIT.search(squeeze(title)):
                    return (a + name_a, a + name_b), (a + tokens[k].start(), b)
        last = tokens[-1]
        if len(tokens) >= 2 and _is_name(last.group()) and _ENDS_WITH_POST.search(squeeze(seg[:last.start()])):
            return (a + last.start(), b), (a, a + tokens[-2].end())
    # TITLE+NAME run together: "县委常委、副县长王明", "县政府办副主任李四".
    for n in (3, 2, 4):
        if b - a > n and _is_name(seg[-n:]) and _ENDS_WITH_POST.search(seg[:-n]):
            return (b - n, b), (a, b - n)
    # NAME+TITLE run together: "王明县长".
    for n in (3, 2):
        if b - a > n and _is_name(seg[:n]) and _POST_ONLY.match(seg[n:]):
            return (a, a + n), (a + n, b)
    return None


def unit_of_post(text: str) -> int | None:
    """Length of the unit at the head of a post as printed ("县委组织部副部长" -> 5), or None."""
    for p in range(2, len(text)):
        if _ENDS_WITH_UNIT.search(text[:p]) and _POST_ONLY.match(text[p:]):
            return p
    return None


def _post_tail(text: str) -> str | None:
    p = unit_of_post(text)
    return text[p:] if p is not None else None


def _unit_names(view: _View, a: int, b: int) -> list[str]:
    """Member units printed in view[a:b]: duty parentheses, trailing posts and ``等`` removed."""
    out = []
    for p, q in split_outside_brackets(view.norm, a, b, "、，；"):
        text = view.raw[p:q]
        norm = view.norm[p:q]
        # drop duty parentheses (same offsets in raw and norm)
        for m in reversed(list(_DUTY_PAREN.finditer(norm))):
            text = text[:m.start()] + text[m.end():]
            norm = norm[:m.start()] + norm[m.end():]
        norm_sq = squeeze(norm)
        cut = unit_of_post(norm_sq)
        if cut is not None:
            text = _cut_squeezed(text, cut)
            norm_sq = norm_sq[:cut]
        elif _ENDS_WITH_POST.search(norm_sq):
            continue  # a post without a unit: not a member unit
        tail = _COLLECTIVE_TAIL.search(norm_sq)
        if tail and _ENDS_WITH_UNIT.search(norm_sq[:tail.start()]):
            text = _cut_squeezed(text, tail.start())
        text = re.sub(r"等$", "", text.strip())
        for unit in split_unit_list(text):
            unit = unit.strip("。；，、 ")
            if len(squeeze(unit)) >= 2 and unit not in out:
                out.append(unit)
    return out


def _cut_squeezed(text: str, n: int) -> str:
    """The head of text holding its first n non-space characters."""
    count = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            count += 1
            if count == n:
                return text[:i + 1]
    return text


def _holders(view: _View, a: int, b: int, seps: str = "、，；") -> list[_Holder]:
    """The people, posts or units listed in view[a:b], titles shared as printed.

    "县政府办跟线负责人、县发改局、县商务局主要负责人" -> three posts, the last one's tail shared;
    "县委常委、副县长王明" -> one person with the title "县委常委、副县长"."""
    norm = view.norm
    items = split_outside_brackets(norm, a, b, seps)
    holders: list[_Holder] = []
    for p, q in items:
        split = split_name_and_title(norm, p, q)
        if split:
            name, title = split
            holders.append(_Holder("person", name=name, title_range=title,
                                   title=view.text(*title) if title else None, range=(p, q)))
            continue
        seg = squeeze(_DUTY_PAREN.sub("", norm[p:q]))
        # a run of names separated by layout spaces only: "张 三 李 四" stays one printed string
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}(?:[ \u3000]+[\u4e00-\u9fff]{2,4})+", norm[p:q]):
            tokens = list(re.finditer(r"[^ \u3000]+", norm[p:q]))
            if all(_is_name(t.group()) for t in tokens):
                for t in tokens:
                    r = (p + t.start(), p + t.end())
                    holders.append(_Holder("person", name=r, range=r))
                continue
        if spaced_name_run(norm[p:q]):
            holders.append(_Holder("person", name=(p, q), range=(p, q)))
            continue
        if _ENDS_WITH_POST.search(seg):
            holders.append(_Holder("post", title=view.text(p, q), range=(p, q)))
        elif _ENDS_WITH_UNIT.search(seg) or seg.startswith("各"):
            holders.append(_Holder("unit", unit=view.text(p, q), range=(p, q)))
        else:
            holders.append(_Holder("other", range=(p, q)))
    # "县委常委、副县长王明": a bare post before a person with a title is part of that title
    merged: list[_Holder] = []
    for h in holders:
        prev = merged[-1] if merged else None
        if (h.kind == "person" and h.title_range and prev is not None and prev.kind == "post"
                and h.title_range[0] == h.range[0]):
            h.title = view.text(prev.range[0], h.title_range[1])
            h.range = (prev.range[0], h.range[1])
            merged[-1] = h
            continue
        merged.append(h)
    # "A局、B局、C局主要负责人": the bare units share the post printed after the last one
    for i, h in enumerate(merged):
        if h.kind != "unit":
            continue
        following = next((x for x in merged[i + 1:] if x.kind != "unit"), None)
        if following is not None and following.kind == "post":
            tail = _post_tail(squeeze(following.title or ""))
            if tail:
                h.kind, h.title = "post", f"{h.unit}{tail}"
    return merged


# --- the groups of a document -----------------------------------------------------------

@dataclass
class _Draft:
    """A group being read: its name, evidence so far, members and units."""

    name: str
    evidence: Span
    rank: int | None = None  # outline rank of the heading that names it
    heading_named: bool = False  # named by a heading that ends in a group word
    members: list[GroupMember] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    office: str | None = None
    parent: str | None = None
    # units named through members' posts ("县直有关部门主要负责人为成员")
    post_units: list[str] = field(default_factory=list)

    def add_member(self, member: GroupMember) -> None:
        key = (squeeze(member.person or ""), member.role, squeeze(member.title or "") if member.person is None else "")
        for m in self.members:
            if (squeeze(m.person or ""), m.role, squeeze(m.title or "") if m.person is None else "") == key:
                return
        self.members.append(member)

    def add_units(self, units: list[str]) -> None:
        for u in units:
            if u not in self.units:
                self.units.append(u)


def _add_holders(draft: _Draft, view: _View, role: str, holders: list[_Holder], evidence: Span) -> None:
    """Put the holders of one role into a group: people and posts as members; for 成员 a unit
    (or a unit's post) is a member unit."""
    for h in holders:
        if h.kind == "person":
            draft.add_member(GroupMember(view.text(*h.name), role, h.title, evidence))
        elif role in _MEMBER_ROLES and h.kind in ("unit", "post"):
            units = _unit_names(view, *h.range)
            if h.kind == "post":
                draft.post_units.extend(units)
            draft.add_units(units)
        elif h.kind == "post":
            draft.add_member(GroupMember(None, role, h.title, evidence))
        elif h.kind == "unit" and role in ("牵头",):
            draft.add_units(_unit_names(view, *h.range))


def _paragraph_view(doc: Document) -> _View:
    """The body's lines joined into running text: a line broken by the PDF layout (long, without
    a closing mark) continues on the next one; other lines stay separate."""
    text = doc.span.text
    base = doc.span.start
    pieces, joiner = [], []
    for para in doc.paragraphs:
        a, b = para.span.start - base, para.span.end - base
        line = matching_view(text[a:b])
        join = False
        if pieces:
            prev = matching_view(text[pieces[-1][0]:pieces[-1][1]])
            join = (len(prev) >= 20 and prev[-1] not in "。；！？：" and not _HEADING.match(line)
                    and not _ANY_LABEL.match(line))
        pieces.append((a, b))
        joiner.append(join)
    return _doc_view(doc, pieces, joiner)


def _sentences(view: _View) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(view.norm):
        if ch in "。！？\n":
            if i + (ch != "\n") > start:
                out.append((start, i + (ch != "\n")))
            start = i + 1
    if start < len(view.norm):
        out.append((start, len(view.norm)))
    return out


_TITLE_FOUNDING = re.compile(
    rf"关于(?:成立|建立|组建|设立|调整(?:充实)?)(?P<name>.+?{GROUP_NOUN})(?:成员|组成人员|人员)?的(?:通知|决定|批复|函)"
)
_TOPIC_TRIM_HEAD = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}(?:市|县|区|州|旗))?(?:\d{4}(?:—\d{4})?年度?)?(?:关于)?"
                              r"(?:印发|推进|实施|开展|做好|加强|进一步|全面|切实)*")
_TOPIC_TRIM_TAIL = re.compile(r"(?:工作|实施|行动|试点|项目)?(?:方案|意见|办法|规划|计划|细则|通知|要点)$")


def _topic_of_title(title: str) -> str | None:
    inner = re.search(r"《([^《》]+)》", title)
    topic = inner.group(1) if inner else re.sub(r"^.*?关于", "", title)
    topic = re.sub(r"的?(?:通知|决定|意见|批复|函)$", "", squeeze(topic))
    topic = _TOPIC_TRIM_HEAD.sub("", topic)
    topic = _TOPIC_TRIM_TAIL.sub("", topic)
    return topic or None


def _descriptive_name(doc: Document, noun: str) -> str:
    """A short name for a group printed without one: the document's topic and the group word."""
    topic = _topic_of_title(doc.title or "")
    if not topic:
        return noun
    if topic.endswith("工作") and noun.startswith("工作"):
        topic = topic[:-2]
    return topic + noun


def _is_generic(name: str) -> str | None:
    """The group word of a name that is nothing but one ("工作专班", "相应工作小组"), else None."""
    core = re.sub(r"^(?:相应|本|该|一个|专门|市|县|区|的)", "", squeeze(name))
    return core if re.fullmatch(GROUP_NOUN, core) else None


def _prose_groups(doc: Document, view: _View) -> list[_Draft]:
    drafts = []
    for s_a, s_b in _sentences(view):
        sentence = view.norm[s_a:s_b]
        for verb in _FOUNDING_VERB.finditer(sentence):
            draft = _founding(doc, view, s_a, s_b, s_a + verb.start(), s_a + verb.end())
            if draft is not None:
                drafts.append(draft)
    return drafts


def _clause_bounds(norm: str, s_a: int, s_b: int, pos: int) -> tuple[int, int]:
    for a, b in split_outside_brackets(norm, s_a, s_b, "，；"):
        if a <= pos < b:
            return a, b
    return s_a, s_b


def _founding(doc: Document, view: _View, s_a: int, s_b: int, v_a: int, v_b: int) -> _Draft | None:
    norm = view.norm
    c_a, c_b = _clause_bounds(norm, s_a, s_b, v_a)
    before = norm[c_a:v_a]
    # "各镇（街道）成立…", "分别建立…", "参照成立…": one group per town, not one group
    if re.search(r"分别|参照|对应|相应$", before) or (before.startswith("各") and "由" not in before):
        return None
    after = norm[v_b:s_b]
    prefix_roles: tuple[int, int] | None = None
    if re.match(r"[由以]", after):
        # "成立由A任组长，…为成员的X领导小组"
        noun = re.search(GROUP_NOUN, after)
        if not noun:
            return None
        noun_end = v_b + noun.end()
        de = norm.rfind("的", v_b, v_b + noun.start())
        if de < 0:
            return None
        name_a = de + 1
        role_region = (v_b + 1, de)
    else:
        noun = re.match(rf"[^，；：。“”]{{0,50}}?{GROUP_NOUN}", after)
        if not noun:
            return None
        noun_end = v_b + noun.end()
        name_a = v_b
        role_region = None
        if before.startswith("由") and re.search(r"牵头|负责|召集", before):
            prefix_roles = (c_a, v_a)
    # a name runs on to 制度/机制 ("联席会议制度")
    more = re.match(r"(?:制度|机制)", norm[noun_end:s_b])
    if more:
        noun_end += more.end()
    name = view.text(name_a, noun_end)
    if not name or "，" in name:
        return None
    generic = _is_generic(name)
    draft = _Draft(name=_descriptive_name(doc, generic) if generic else name, evidence=view.span(s_a, s_b))
    if prefix_roles:
        _prose_clause(draft, view, *prefix_roles)
    if role_region:
        for a, b in split_outside_brackets(norm, *role_region, "，；"):
            _prose_clause(draft, view, a, b)
    for a, b in split_outside_brackets(norm, noun_end, s_b, "，；"):
        if _FOUNDING_VERB.search(norm[a:b]):
            break  # the next group of the sentence begins
        _prose_clause(draft, view, a, b)
    return draft


_P_ROLE_AFTER = re.compile(rf"^(?:由|以|请)?(?P<who>.+?)(?:任|为|担任|兼任|作为|出任)(?P<role>{_PROSE_ROLE})$")
_P_ROLE_BEFORE = re.compile(rf"^(?:其)?(?P<role>{_PROSE_ROLE})由(?P<who>.+?)(?:等(?:单位|部门)?)?(?:担任|兼任|出任|组成)?$")
_P_CONVENER = re.compile(r"^由?(?P<who>.+?)(?P<role>召集|牵头)$")
_P_LEAD_PREFIX = re.compile(r"^由(?P<who>.+?)(?:牵头|负责|召集)")
_P_UNITS_LISTED = re.compile(r"^(?:其)?(?:成员单位|组成单位)(?:包括|为|有|是|：)+(?P<units>.+)$")
_P_UNITS_ARE = re.compile(r"^(?P<units>.+?)(?:为|作为|是)成员单位$")
_P_UNITS_FORM = re.compile(r"^(?P<units>.+?)(?:联合)?组成$")
_P_UNITS_HELP = re.compile(r"^(?P<units>.+?)(?:协同配合|配合|参与|具体负责|共同负责)$")
_P_OFFICE = re.compile(rf"办公室(?:设在|设于|设)(?P<office>[^，；。（）]+)$|^{GROUP_NOUN}(?:设在|设于|设)(?P<office2>[^，；。（）]+)$")
_P_OFFICE_PAREN = re.compile(r"办公室（设(?:在|于)?(?P<office>[^（）]+)）")


def _office_in(view: _View, a: int, b: int) -> str | None:
    """The office named by the clause view[a:b] ("办公室设在县财政局"), as printed."""
    clause = view.norm[a:b]
    m = _P_OFFICE.search(clause) or _P_OFFICE_PAREN.search(clause)
    if m is None:
        return None
    key = "office" if m.group("office") else "office2"
    return view.text(a + m.start(key), a + m.end(key))


def _add_role(draft: _Draft, view: _View, role: str, who_a: int, who_b: int, evidence: Span) -> None:
    """The holders of a role printed in view[who_a:who_b]; 成员单位 lists member units."""
    if role == "成员单位":
        draft.add_units(_unit_names(view, who_a, who_b))
    else:
        _add_holders(draft, view, role, _holders(view, who_a, who_b), evidence)


def _prose_clause(draft: _Draft, view: _View, a: int, b: int) -> None:
    """One clause of a founding sentence: roles, member units, the office."""
    norm = view.norm
    clause = norm[a:b]
    evidence = view.span(a, b)
    m = _P_UNITS_LISTED.match(clause)
    if m:
        draft.add_units(_unit_names(view, a + m.start("units"), a + m.end("units")))
        return
    m = _P_UNITS_ARE.match(clause)
    if m:
        draft.add_units(_unit_names(view, a + m.start("units"), a + m.end("units")))
        return
    office = _office_in(view, a, b)
    if office is not None:
        draft.office = office
        return
    m = _P_ROLE_AFTER.match(clause) or _P_ROLE_BEFORE.match(clause)
    if m:
        _add_role(draft, view, m.group("role"), a + m.start("who"), a + m.end("who"), evidence)
        return
    m = _P_CONVENER.match(clause)
    if m:
        role = "召集人" if m.group("role") == "召集" else "牵头"
        who_a, who_b = a + m.start("who"), a + m.end("who")
        _add_holders(draft, view, role, _holders(view, who_a, who_b, "、，；商"), evidence)
        return
    m = _P_LEAD_PREFIX.match(clause)
    if m:
        _add_holders(draft, view, "牵头", _holders(view, a + m.start("who"), a + m.end("who"), "、，；商"), evidence)
        return
    m = _P_UNITS_FORM.match(clause) or _P_UNITS_HELP.match(clause)
    if m:
        holders = _holders(view, a + m.start("units"), a + m.end("units"))
        if holders and all(h.kind in ("unit", "post") for h in holders):
            draft.add_units(_unit_names(view, a + m.start("units"), a + m.end("units")))


# --- labelled role lines ----------------------------------------------------------------------

def _line_views(doc: Document) -> list[_View]:
    """Every non-blank line of the body (table rows included), one view each."""
    text = doc.span.text
    body = max(0, doc.body_start - doc.span.start)
    return [_doc_view(doc, [(a, b)], [False]) for a, b in iter_trimmed_lines(text, body, len(text))]


def _heading(line: _View) -> tuple[int, str] | None:
    m = _HEADING.match(line.norm)
    if not m:
        return None
    head = m.group("text")
    if not head or len(head) > 40 or "。" in head[:-1] or "：" in head:
        return None
    rank = next(i for i in range(1, 6) if m.group(f"r{i}"))
    return rank, line.raw[m.start("text"):m.end("text")]


def _continuation(line: _View, role: str, spill: bool) -> list[_Holder] | None:
    """Holders of a line that continues the previous role line, or None. A sentence continues a
    list only when the line before broke off after a separator (spill)."""
    norm = line.norm
    if _HEADING.match(norm) or _ANY_LABEL.match(norm) or len(norm) > 80:
        return None
    if "：" in norm or ("。" in norm and not spill):
        return None
    if not spill and re.search(r"设在|设于|兼任|担任|负责|由|任", norm) and split_name_and_title(norm, 0, len(norm)) is None:
        return None
    holders = _holders(line, 0, len(norm), "、，；\t")
    if not holders:
        return None
    # a run of units or posts continues a list only after a line that broke off mid-list
    if (role in UNIT_LABELS or role in _MEMBER_ROLES) and spill:
        ok = all(h.kind in ("person", "unit", "post") for h in holders)
    else:
        ok = all(h.kind == "person" for h in holders)
    return holders if ok else None


def _block_groups(doc: Document, lines: list[_View], named: list[_Draft]) -> list[_Draft]:
    """Groups given as labelled lines ("组 长：…"), one per heading section."""
    drafts: list[_Draft] = []
    heading: tuple[int, str, _View] | None = None
    current: _Draft | None = None
    role: str | None = None
    strong = False
    heading_groups: list[_Draft] = []

    titled = _TITLE_FOUNDING.search(squeeze(doc.title or "")) is not None

    def close():
        nonlocal current
        if current is not None and (current.members or current.units):
            # labelled lines make a group under a heading naming one, in a notice founding one,
            # or when they name a group's leaders (组长, 召集人 …)
            if strong or current.heading_named or titled:
                drafts.append(current)
        current = None

    spill = tab_table = False
    for line in lines:
        was_spill, spill = spill, line.norm.rstrip()[-1:] in ("、", "，")
        h = _heading(line)
        if h is not None:
            close()
            role = None
            strong = False
            heading = (h[0], h[1], line)
            continue
        m = _LABEL_LINE.match(line.norm)
        if m:
            label = squeeze(m.group("label"))
            if current is None:
                current = _new_block_draft(doc, heading, line, named, heading_groups)
            role = label
            if label in _STRONG_ROLES:
                strong = True
            r_a, r_b = m.start("rest"), m.end("rest")
            # a TAB table row (职务 / 姓名 / 单位及职务): later rows may leave the role cell empty
            tab_table = "\t" in line.norm[m.end("label"):m.start("rest")]
            _block_line(current, line, label, r_a, r_b)
            current.evidence = _cover(current.evidence, line.span(0, len(line.norm)))
            continue
        if current is not None and role is not None and tab_table and role not in UNIT_LABELS:
            row = _role_carried_row(line)
            if row is not None:
                name, title = row
                current.add_member(GroupMember(line.text(*name), role, line.text(*title), line.span(0, len(line.norm))))
                current.evidence = _cover(current.evidence, line.span(0, len(line.norm)))
                continue
        if current is not None and role is not None:
            holders = _continuation(line, role, was_spill)
            if holders is not None:
                _block_line(current, line, role, 0, len(line.norm), holders)
                current.evidence = _cover(current.evidence, line.span(0, len(line.norm)))
                continue
        role = None
    close()
    return drafts


def _role_carried_row(line: _View) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(name, title) of a TAB table row whose role cell is empty ("\t费映雪\t副市长"): exactly a
    name cell and a title cell."""
    cells = [c for c in re.finditer(r"[^\t]+", line.norm) if c.group().strip(" \u3000")]
    if len(cells) != 2:
        return None
    name = trim_span(line.norm, cells[0].start(), cells[0].end())
    title = trim_span(line.norm, cells[1].start(), cells[1].end(), " \u3000\t；。，")
    if not (_is_name(line.norm[name[0]:name[1]]) or spaced_name_run(line.norm[name[0]:name[1]])):
        return None
    text = squeeze(line.norm[title[0]:title[1]])
    if not (_ENDS_WITH_POST.search(text) or _ENDS_WITH_UNIT.search(text)):
        return None
    return name, title


def _cover(a: Span, b: Span) -> Span:
    """A span covering both; its text is filled in from the document at the end (_with_text)."""
    if b.start >= a.start and b.end <= a.end:
        return a
    return Span(min(a.start, b.start), max(a.end, b.end), "")


def _people_with_titles(norm: str, a: int, b: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Two or more "NAME TITLE" pairs on one line ("张三 县政府办主任  李四 县住建局局长"), else []."""
    tokens = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^ \u3000\t]+", norm[a:b])]
    pairs, i = [], 0
    while i < len(tokens):
        name = None
        for width in (1, 2):  # a name may be broken by a layout space ("李 洋")
            if i + width <= len(tokens) and all(q - p <= 3 for p, q in tokens[i:i + width]):
                candidate = (tokens[i][0], tokens[i + width - 1][1])
                if _is_name(norm[candidate[0]:candidate[1]]):
                    name = candidate
                    break
        if name is None:
            return []
        i += width
        t_start = i
        while i < len(tokens) and not _starts_a_name(norm, tokens, i):
            i += 1
        if i == t_start:
            return []
        title = (tokens[t_start][0], tokens[i - 1][1])
        if not (_ENDS_WITH_POST.search(squeeze(norm[title[0]:title[1]]))
                or _ENDS_WITH_UNIT.search(squeeze(norm[title[0]:title[1]]))):
            return []
        pairs.append((name, title))
    return pairs if len(pairs) >= 2 else []


def _starts_a_name(norm: str, tokens: list[tuple[int, int]], i: int) -> bool:
    p, q = tokens[i]
    if q - p <= 3 and _is_name(norm[p:q]):
        return True
    return (q - p == 1 and i + 1 < len(tokens) and tokens[i + 1][1] - tokens[i + 1][0] <= 2
            and _is_name(norm[p:tokens[i + 1][1]]))


_NAME_COMMA_TITLE = re.compile(rf"(?P<name>{PERSON_NAME})[ \u3000]*，[ \u3000]*(?P<title>.+)")
# "王明　县财政局副局长；李四　县水利局副局长": a space instead of the comma, in a ；-list
_NAME_SPACE_TITLE = re.compile(rf"(?P<name>{PERSON_NAME})[ \u3000]+(?P<title>.+)")


def _people_name_comma_title(norm: str, a: int, b: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """"王明，县委副书记、县长；李四，副县长": people with the title after a comma, ； between
    them; [] unless every piece reads so."""
    pairs = []
    pieces = split_outside_brackets(norm, a, b, "；")
    for p, q in pieces:
        m = _NAME_COMMA_TITLE.fullmatch(norm, p, q) or (len(pieces) > 1 and _NAME_SPACE_TITLE.fullmatch(norm, p, q))
        if not (m and _is_delimited_name(m.group("name")) and _ENDS_WITH_POST.search(squeeze(m.group("title")))):
            return []
        pairs.append(((m.start("name"), m.end("name")), (m.start("title"), m.end("title"))))
    return pairs


def _described_members(view: _View, a: int, b: int) -> bool:
    """"成员：各乡镇（街道）和县直有关单位主要负责人": one description of who the members are,
    naming no unit of its own (only collectives)."""
    if split_outside_brackets(view.norm, a, b, "、，；") != [trim_span(view.norm, a, b, "。；，、 \u3000\t")]:
        return False
    text = squeeze(view.norm[a:b])
    if not _ENDS_WITH_POST.search(text):
        return False
    units = _unit_names(view, a, b)
    return bool(units) and all(is_collective(u) for u in units)


def _block_line(draft: _Draft, line: _View, label: str, a: int, b: int, holders: list[_Holder] | None = None) -> None:
    evidence = line.span(0, len(line.norm))
    if label in UNIT_LABELS:
        draft.add_units(_unit_names(line, a, b))
        return
    if holders is None:
        pairs = _people_name_comma_title(line.norm, a, b)
        if pairs:
            for name, title in pairs:
                draft.add_member(GroupMember(line.text(*name), label, line.text(*title), evidence))
            return
        if label in _MEMBER_ROLES and _described_members(line, a, b):
            draft.add_member(GroupMember(None, label, line.text(a, b), evidence))
            return
        several = _people_with_titles(line.norm, a, b)
        if several:
            for name, title in several:
                draft.add_member(GroupMember(line.text(*name), label, line.text(*title), evidence))
            return
        # one person with a title after the name ("王明 县委常委、副县长") or a list
        split = split_name_and_title(line.norm, a, b)
        if split and split[1] is not None:
            name, title = split
            draft.add_member(GroupMember(line.text(*name), label, line.text(*title), evidence))
            return
        holders = _holders(line, a, b, "、，；\t")
    for h in holders:
        if h.kind == "person":
            draft.add_member(GroupMember(line.text(*h.name), label, h.title, evidence))
        elif label in _MEMBER_ROLES and h.kind in ("unit", "post"):
            draft.add_units(_unit_names(line, *h.range))
        elif h.kind == "post":
            draft.add_member(GroupMember(None, label, h.title, evidence))


# Headings of the organisation part of a plan, which do not name a group.
_ORGANISATION_HEADING = re.compile(r"组织|机构|领导|保障|机制|人员|成员|措施|职责|分工")
_HEADING_TAIL = re.compile(r"(?:的)?(?:组成人员|人员组成|成员名单|组成|成员|目标责任分解|责任分解|目标任务|任务分解|目标)$")


def _parent_of(rank: int, heading_groups: list[_Draft]) -> str | None:
    """The nearest group above whose heading is of a higher outline rank (1. above ①)."""
    return next((g.name for g in reversed(heading_groups) if g.rank is not None and g.rank < rank), None)


def _new_block_draft(doc: Document, heading, line: _View, named: list[_Draft], heading_groups: list[_Draft]) -> _Draft:
    evidence = line.span(0, len(line.norm))
    if heading is not None:
        rank, text, h_line = heading
        evidence = _cover(h_line.span(0, len(h_line.norm)), evidence)
        head = squeeze(text)
        if _GROUP_NOUN_END.search(head) and not _is_generic(head):
            parent = _parent_of(rank, heading_groups)
            draft = _Draft(name=text.strip(), evidence=evidence, rank=rank, parent=parent, heading_named=True)
            heading_groups.append(draft)
            return draft
    titled = _TITLE_FOUNDING.search(squeeze(doc.title or ""))
    # a specific heading ("金融工作目标责任分解") names its group, unless the notice founds one
    if heading is not None and titled is None:
        head = _HEADING_TAIL.sub("", squeeze(heading[1]))
        if head and not _is_generic(head) and not _ORGANISATION_HEADING.search(head):
            noun = "" if _GROUP_NOUN_END.search(head) else ("组" if head.endswith("工作") else "工作组")
            draft = _Draft(name=head + noun, evidence=evidence, rank=heading[0])
            draft.parent = _parent_of(heading[0], heading_groups)
            heading_groups.append(draft)
            return draft
    # the group named in a founding sentence above, or in the document's title
    before = [d for d in named if d.evidence.start < line.offsets[0] and not _is_generic(d.name)]
    if before:
        return _Draft(name=before[-1].name, evidence=evidence)
    if titled:
        return _Draft(name=titled.group("name"), evidence=evidence)
    return _Draft(name=_descriptive_name(doc, "工作组"), evidence=evidence)


# --- statements about a group after its founding: office, office heads, member units ----------

_OFFICE_HEAD = re.compile(r"^(?:由)?(?P<who>.+?)(?:任|兼任|担任)(?P<role>办公室副主任|办公室主任)$")
_OFFICE_HEAD_BEFORE = re.compile(r"^.*?(?P<role>办公室副主任|办公室主任)由(?P<who>.+?)(?:兼任|担任)$")
_LATER_UNITS = re.compile(rf"^(?:.*?{GROUP_NOUN}(?:制度|机制)?的?)?(?:成员单位|组成单位)(?:包括|为|有|是|：)+(?P<units>.+)$")
# "领导小组组长由县长王明担任", "副组长由李四、张五担任", "成员由…组成"
_LATER_ROLE = re.compile(
    rf"^(?:{GROUP_NOUN}(?:制度|机制)?的?)?(?P<role>{_PROSE_ROLE})由(?P<who>.+?)(?:等(?:单位|部门)?)?(?:担任|兼任|出任|组成)$"
)
_ABOUT_A_GROUP = re.compile(rf"办公室|成员|组成单位|{GROUP_NOUN}设|(?:{_PROSE_ROLE})由")


def _later_statements(view: _View, drafts: list[_Draft]) -> None:
    """Sentences after a group's founding that name its office, office heads or member units;
    each belongs to the nearest group above it."""
    if not drafts:
        return
    norm = view.norm
    ordered = sorted(drafts, key=lambda d: d.evidence.start)
    for s_a, s_b in _sentences(view):
        if not _ABOUT_A_GROUP.search(norm[s_a:s_b]):
            continue
        start = view.offsets[s_a]
        owner = next((d for d in reversed(ordered) if d.evidence.start <= start), None)
        if owner is None:
            continue
        for a, b in split_outside_brackets(norm, s_a, s_b, "，；"):
            clause = norm[a:b]
            m = _OFFICE_HEAD.match(clause) or _OFFICE_HEAD_BEFORE.match(clause)
            if m:
                holders = _holders(view, a + m.start("who"), a + m.end("who"))
                for h in holders:
                    if h.kind == "person" and h.title is None:
                        name = squeeze(view.text(*h.name))
                        h.title = next((x.title for x in owner.members
                                        if x.person and squeeze(x.person) == name and x.title), None)
                _add_holders(owner, view, m.group("role"), holders, view.span(a, b))
                continue
            m = _LATER_ROLE.match(clause)
            if m:
                _add_role(owner, view, m.group("role"), a + m.start("who"), a + m.end("who"), view.span(a, b))
                continue
            m = _LATER_UNITS.match(clause)
            if m:
                owner.add_units(_unit_names(view, a + m.start("units"), a + m.end("units")))
                continue
            if owner.office is None:
                owner.office = _office_in(view, a, b)


# An annex "<group>成员单位职责分工" lists the member units as outline items "一、县人社局。…".
_DUTY_ANNEX_TITLE = re.compile(r"(?P<head>[^：:]*?)成员单位(?:职责|任务|工作)?(?:分工|职责)$")
_DUTY_ANNEX_ITEM = re.compile(r"^[ \u3000]*[一二三四五六七八九十]{1,3}[、.．][ \u3000]*(?P<unit>[^，。：、]{2,25}?)[。：:]")


def _duty_annex_units(lines: list[_View], drafts: list[_Draft]) -> None:
    if not drafts:
        return
    owner = None
    for line in lines:
        title = _DUTY_ANNEX_TITLE.search(squeeze(line.norm))
        if title and not line.norm.lstrip().startswith("附件："):
            head = title.group("head")
            owner = next((d for d in drafts if head and squeeze(d.name).endswith(head)), None)
            if owner is None and len(drafts) == 1:
                owner = drafts[0]
            continue
        if owner is None:
            continue
        item = _DUTY_ANNEX_ITEM.match(line.norm)
        if item and _ENDS_WITH_UNIT.search(squeeze(item.group("unit"))):
            owner.add_units([line.text(item.start("unit"), item.end("unit"))])
        elif _HEADING.match(line.norm) and not item:
            owner = None


# Member units are only the units the text names as members (成员单位…, 成员：县财政局、…).
# A roster of members printed with their posts lists people: the units in their posts are not
# member units (gold conventions list none for such groups; no seed group needed them).


def _drop_scopes_listed_elsewhere(draft: _Draft) -> None:
    """"县直有关部门主要负责人为成员" and a separate 成员单位 list of those departments: the list
    says which units they are, the collective is not a member unit of its own. Where the posts
    are the only list ("县公安局…分管负责人、各镇镇长为成员"), its collectives are."""
    from_posts = set(draft.post_units)
    if any(u not in from_posts and not is_collective(u) for u in draft.units):
        draft.units[:] = [u for u in draft.units if not (u in from_posts and is_collective(u))]


def _with_text(doc: Document, span: Span) -> Span:
    if span.text or span.end <= span.start:
        return span
    base = doc.span.start
    return Span(span.start, span.end, doc.span.text[span.start - base:span.end - base])


@extractor("groups")
def extract_groups(doc: Document) -> list[WorkingGroup]:
    """Every working group of one document with its members, member units, office and parent."""
    return groups_of(doc)


def groups_of(doc: Document) -> list[WorkingGroup]:
    """The groups of one document."""
    prose_view = _paragraph_view(doc)
    prose = _prose_groups(doc, prose_view)
    lines = _line_views(doc)
    blocks = _block_groups(doc, lines, prose)
    drafts: list[_Draft] = []
    for d in sorted(prose + blocks, key=lambda d: d.evidence.start):
        same = next((x for x in drafts if squeeze(x.name) == squeeze(d.name)), None)
        if same is None:
            drafts.append(d)
            continue
        for m in d.members:
            same.add_member(m)
        same.add_units(d.units)
        same.office = same.office or d.office
        same.parent = same.parent or d.parent
        if not (same.members or same.units) and (d.members or d.units):
            same.evidence = d.evidence
    drafts = [d for d in drafts if d.members or d.units]
    _later_statements(prose_view, drafts)
    _duty_annex_units(lines, drafts)
    out = []
    for d in drafts:
        _drop_scopes_listed_elsewhere(d)
        out.append(WorkingGroup(
            doc_no=doc.doc_no, name=d.name, members=tuple(d.members), member_units=tuple(d.units),
            evidence=_with_text(doc, d.evidence), office=d.office, parent=d.parent,
        ))
    return out
