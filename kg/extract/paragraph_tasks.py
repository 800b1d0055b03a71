"""Tasks assigned in running text (table rows are kg.extract.table_tasks').

Shapes, each a general grammar of the genre:

- "paren": a paragraph (or the sentences since the previous parenthesis) closed by a
  responsibility parenthesis — （X牵头，Y等按职能分工负责）, （X、Y等按职能分工负责）
  (no 牵头: every unit leads), （X负责）, （牵头单位：X，配合单位：Y）, （责任单位：X）,
  （责任单位：X牵头，Y、Z配合；完成时限：…）; a bracket holding only （完成时限：…） gives a deadline;
  a parenthesis on a line of its own closes the item above it. An item counted
  一是/二是… gives one task per counted part, each with the item's units.
- "labels": 牵头单位：/责任单位：/配合单位：/主管领导：/责任人：/目标： on lines of their own
  after an item (other counties' layout, and work-group blocks); labels closing an
  item's paragraph without brackets count as a parenthesis.
- "clause": a sentence that assigns work: 由X同志牵头，Y具体负责，Z协同配合 / 由X召集 /
  由X会同Y / X落实牵头责任 / 由X副市长牵头，市商务局局长Y同志具体负责 (Y responsible); in
  minutes also 由X负责/由X开展… and "X负责…" (never an attendance sentence "…负责同志列席");
  elsewhere "…工作由X负责组织，Y、Z协助/配合…" (a 由X负责 that only describes, with nobody
  told to cooperate, is no task).
- "directive": the opening sentence of an item under 工作要求/保障措施 whose subject is units
  told what they must do ("各乡镇（街道）、县直各单位要…", "由X、Y负责，…"); a bare
  "各单位要…" names nobody in particular.
- "duty-list"/"duty": "一、市应急管理局。牵头负责…" — a unit and its duties; "（一）项目所在镇"
  over its numbered duties or plain duty paragraphs; in sections about duties
  (职责/分工/责任/保障措施, or a notice titled …职责分工) every sentence whose subject is a unit.
- "unit-duty": a list of member units each with its duty in brackets
  ("市司法局(政策把关、纠纷调处等)、市财政局(经费保障等)").

Names and units are reported as printed; unit lists are split with
kg.extract.unit_names.split_unit_list. Key words are also read in traditional
characters and with ASCII punctuation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.deadlines import find_deadlines
from kg.extract.outline import OutlineTracker, cn_number, lone_section_number, ordinal_items, outline_marker
from kg.extract.registry import extractor
from kg.extract.text_spans import ROUND_BRACKETS_AND_QUOTES, separators_outside_brackets, split_outside_brackets
from kg.extract.unit_names import NOT_A_UNIT_END, VERB_PREFIX, is_collective, looks_like_unit, split_unit_list, unit_suffix
from kg.model import Document, Span, TaskAssignment

# --------------------------------------------------------------------------
# Text with offsets

# Traditional forms of the genre's key words, one character for one, so that
# offsets stay put. Only the analysis copy is mapped; output is as printed.
_TRADITIONAL = str.maketrans(
    "牽頭負責職單會協與體織組門關導統籌辦區縣鎮務業農衛財發員長應資環監號議紀時間項為進實現將處廳開設養運輸醫療費稅價場類於動總調達劃報記錄匯屬營團鄉並從個們來對後範規計經濟產數據網聯書專構機權參邊齊",
    "牵头负责职单会协与体织组门关导统筹办区县镇务业农卫财发员长应资环监号议纪时间项为进实现将处厅开设养运输医疗费税价场类于动总调达划报记录汇属营团乡并从个们来对后范规计经济产数据网联书专构机权参边齐",
)
_ASCII_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "【": "（", "】": "）",
                              "[": "（", "]": "）", "［": "（", "］": "）", "!": "！", "?": "？"})
_CJK_OR_WIDE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”‘’（）〔〕、—…·]")
_SPACES = " \t\u3000\xa0"


def _normalise(text: str) -> str:
    return text.translate(_TRADITIONAL).translate(_ASCII_PUNCT)


@dataclass(frozen=True)
class _Piece:
    """Printed text (markup dropped, layout spaces by Chinese removed) with the
    source offset of every character, and a normalised copy for matching."""

    text: str
    norm: str
    offsets: tuple[int, ...]
    bold: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: "_Piece") -> "_Piece":
        return _Piece(self.text + other.text, self.norm + other.norm, self.offsets + other.offsets,
                      self.bold + other.bold)

    def cut(self, a: int, b: int | None = None) -> "_Piece":
        b = len(self.text) if b is None else b
        return _Piece(self.text[a:b], self.norm[a:b], self.offsets[a:b], self.bold[a:b])

    def strip(self, chars: str = _SPACES + "，。；、：,;:") -> "_Piece":
        a, b = 0, len(self.text)
        while a < b and self.text[a] in chars:
            a += 1
        while b > a and self.text[b - 1] in _SPACES:
            b -= 1
        return self.cut(a, b)


def _piece_of(span: Span) -> _Piece:
    raw, base = span.text, span.start
    chars: list[str] = []
    offsets: list[int] = []
    bold: list[bool] = []
    in_bold = False
    i = 0
    while i < len(raw):
        if raw.startswith("**", i):
            in_bold = not in_bold
            i += 2
            continue
        chars.append(raw[i])
        offsets.append(base + i)
        bold.append(in_bold)
        i += 1
    keep = []
    for k, ch in enumerate(chars):
        if ch in _SPACES:
            before = next((c for c in reversed(chars[:k]) if c not in _SPACES), None)
            after = next((c for c in chars[k + 1:] if c not in _SPACES), None)
            if before is None or after is None or _CJK_OR_WIDE.match(before) or _CJK_OR_WIDE.match(after):
                continue
        keep.append(k)
    text = "".join(chars[k] for k in keep)
    return _Piece(text, _normalise(text), tuple(offsets[k] for k in keep), tuple(bold[k] for k in keep))


# --------------------------------------------------------------------------
# Units and people

_PERSON = r"[\u4e00-\u9fff][\u4e00-\u9fff ]{0,4}[\u4e00-\u9fff]"
# Posts a name may follow: "市商务局局长郁景和同志", "县人社局副局长王明同志".
_POST_BEFORE_NAME = (r"(?:局长|主任|部长|书记|院长|队长|站长|所长|经理|董事长|行长|校长|主席|处长|科长|组长|"
                     r"镇长|乡长|市长|县长|区长|秘书长|负责人)")
_TITLES = r"(?:常务副市长|副市长|市长|副县长|县长|副区长|区长|副书记|书记|副主任|主任|副局长|局长|副部长|部长|常委|秘书长|调研员|委员)"
# A post held by someone of a unit ("政府办分管副主任", "市财政局主要负责人"): the unit is meant.
_UNIT_POST = re.compile(
    r"^(?P<unit>.+?)(?:分管|常务)?(?:副)?(?:主要负责同志|主要负责人|分管负责人|相关负责同志|负责同志|负责人|"
    r"主任|局长|部长|书记|院长|队长|站长|所长|经理|总经理|董事长)$")
_LEADER_POST = re.compile(r"(?:市长|县长|区长|州长|旗长|镇长|乡长)(?:（[^）]*）)?$")
_NOT_NAMES = {"相关", "有关", "各位", "分管", "主要", "同志", "负责", "领导", "部门", "单位", "常务", "县政府", "市政府",
              "区政府", "政府", "人民政府"}
# Verbs that open a clause, never a unit (the unit grammar's list).
_VERB_PREFIX = VERB_PREFIX
# Generic trailing words of a unit list ("…等相关单位按职能分工负责").
_LIST_TAIL = re.compile(
    r"(?:等(?:多|相关|有关|其他)?(?:部门单位|单位和部门|单位|部门|成员单位)?|等)?"
    r"(?:要|应|须)?(?:分别|共同|积极|全力)?"
    r"(?:(?:按|根据|依)(?:照)?(?:各自)?(?:职能|职责|项目)(?:职责)?(?:分工)?)?"
    r"(?:负责|配合|协同配合|协调配合|参与|落实|协办|承办)?[。；，、\s]*$")


def _strip_tail(text: str) -> str:
    """Drop a list's trailing 等…按职能分工负责 (matched on the normalised text)."""
    match = _LIST_TAIL.search(_normalise(text))
    return text[:match.start()] if match else text


def _is_unit(name: str, listed: bool = True) -> bool:
    """A unit or collective (kg.extract.unit_names' grammar). `listed`: the name stands in a
    list or a role position (由…负责, 牵头单位：…), where a department named by its field alone
    ("市财政") is a unit too; a clause's subject is not such a position."""
    name = name.strip(_SPACES)
    if len(name) < 2 or len(name) > 30 or _WHEN_NOT_UNIT.match(name):
        return False
    return looks_like_unit(_normalise(name), listed=listed)


# "9月底前全部(开工)": a deadline, not a unit ending in 部
_WHEN_NOT_UNIT = re.compile(r"^[\d０-９一二三四五六七八九十]{1,4}(?:年|月|日)|^(?:年|月)?底前")


def _is_generic(name: str) -> bool:
    """A kind of unit rather than a unit: "财税征管主体单位", "相关部门", "公办养老机构"."""
    norm = _normalise(name)
    return is_collective(norm) or unit_suffix(norm) in ("单位", "部门", "企业", "机构", "成员单位")


def _split_units(text: str) -> list[str]:
    """A printed unit list -> units as written."""
    text = text.strip(_SPACES + "，。；、：,;:")
    if not text:
        return []
    units = []
    for unit in split_unit_list(text):
        unit = unit.strip(_SPACES + "，。；、：,;:")
        if unit and unit not in units:
            units.append(unit)
    return units


def _unit_list(text: str, lenient: bool = False) -> list[str] | None:
    """Units of a list standing in a role position, or None if it does not read as units.

    `lenient` accepts a list whose last member is a generic head ("发改、财政部门")."""
    text = _strip_tail(text.strip(_SPACES))
    units = _split_units(text)
    if not units:
        return None
    good = [u for u in units if _is_unit(u)]
    if len(good) == len(units):
        return units
    if lenient and good and units[-1] in good and all(len(u) <= 6 for u in units if u not in good):
        return units
    if len(good) * 3 >= len(units) * 2 and _is_unit(units[0]) and lenient:
        return units
    return None


def _is_name_list(text: str) -> bool:
    """"张三、李四、王五": two or more personal names and nothing else."""
    names = [n.replace(" ", "") for n in re.split(r"[、，,]", text.strip(_SPACES + "。")) if n.strip(_SPACES)]
    return len(names) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) for n in names)


def _person_list(text: str) -> list[str] | None:
    """"张三、李四同志" / "县委常委、副县长王五" -> names, or None."""
    text = text.strip(_SPACES + "，、")
    if text.endswith("同志"):
        names = [n.strip(_SPACES) for n in re.split(r"[、，,]", text[:-2]) if n.strip(_SPACES)]
        if names and all(re.fullmatch(_PERSON, n) and len(n.replace(" ", "")) <= 4 for n in names) \
                and not any(n in _NOT_NAMES for n in names):
            return names
        # "市商务局局长郁景和同志": the post is printed before the name
        posted = re.search(rf"{_POST_BEFORE_NAME}(?P<name>[\u4e00-\u9fff]{{2,3}})$", _normalise(text[:-2]))
        if len(names) == 1 and posted and posted.group("name") not in _NOT_NAMES \
                and not _is_unit(posted.group("name")):
            return [text[posted.start("name"):len(text) - 2]]
        return None
    norm = _normalise(text)
    titled = re.search(rf"{_TITLES}(?P<name>[\u4e00-\u9fff]{{2,3}})$", norm)
    if titled and titled.group("name") not in _NOT_NAMES and not _is_unit(titled.group("name")):
        return [text[titled.start("name"):]]
    # "王五副县长", "张三、李四副县长": names printed before the title
    before = re.fullmatch(rf"(?P<names>[\u4e00-\u9fff]{{2,3}}?(?:、[\u4e00-\u9fff]{{2,3}}?)*){_TITLES}", norm)
    if before:
        names = before.group("names").split("、")
        if not any(n in _NOT_NAMES or _is_unit(n) for n in names):
            return [n.strip() for n in re.split(r"[、，,]", text[:before.end("names")])]
    return None


@dataclass
class _Roles:
    lead_leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    coop_units: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline_text: str = ""

    def any(self) -> bool:
        return bool(self.lead_leaders or self.lead_units or self.coop_units or self.responsible)

    def add(self, role: str, names: list[str]) -> None:
        bucket = getattr(self, role)
        for name in names:
            if name not in bucket:
                bucket.append(name)


def _who(text: str) -> tuple[str, list[str]] | None:
    """Resolve the filler of a role position: ("persons"|"units", names), or None."""
    text = text.strip(_SPACES + "，、")
    if not text:
        return None
    persons = _person_list(text)
    if persons:
        return "persons", persons
    norm = _normalise(text)
    if _LEADER_POST.search(norm) or re.search(r"(?:市|县|区|州|旗)长", norm):
        return None  # an unnamed leader: 分管副市长, 镇长（主任）
    # "政府办分管副主任商市财政局": 商 (in consultation with) joins a post or unit and a unit.
    pieces = [text]
    for at in [m.start() for m in re.finditer("商", norm)]:
        left, right = text[:at], text[at + 1:]
        post = _UNIT_POST.match(_normalise(left))
        if (_is_unit(left) or (post and _is_unit(left[:post.end("unit")]))) and _is_unit(right):
            pieces = [left, right]
            break
    units: list[str] = []
    for piece in pieces:
        names: list[str] | None = []
        for part in _split_units(_strip_tail(piece)):
            post = _UNIT_POST.match(_normalise(part))
            if _is_unit(part):
                names.append(part)
            elif post and _is_unit(part[:post.end("unit")]):
                names.append(part[:post.end("unit")])
            else:
                names = None
                break
        if names is None:
            names = _unit_list(piece, lenient=True)
        if not names:
            return None
        units += names
    return ("units", units) if units else None


# Words a unit name is followed by when a verb phrase begins.
_VERB_START = re.compile(
    r"(?:开展|从|尽快|全权|承担|组织|统筹|拨|提出|制定|负责|具体|牵头|会同|协同|协调|配合|按|依|结合|对|在|与|向|"
    r"要|应|须|将|做好|加强|严格|落实|抓|推进|研究|巡查|监督|指导|审核|审议|参与|共同|进一步|及时|迅速|认真|积极|"
    r"全力|据实|定期|每|实行|扎实|精细|依法|根据|为|把|不|作为|等|于|分别|主动|立即|切实|继续|全面|督促|"
    r"建立|完善|做|管理|保障|承办|办理|实施|启动|申报|编制|审批|确保|同步|出具|收集|整合|加快|具备|下达|健全|"
    r"召开|举办|邀请|规范|防范|开|提供|发挥|推动|安排|兑现|核算|严控|研商|把关|对接|即|自行|撤销|统一|直接|另行|"
    r"逐步|也|还|均|都|已|正在|可|能够|必须|需|一律|务必|限期|按时|主要|成立|设立|参照|负)")
_LIST_JOIN = re.compile(r"[、和及与]|以及")


def _leading_units(norm: str, start: int = 0, listed: bool = True) -> tuple[list[tuple[int, int]], int] | None:
    """Units printed at `start` of a clause, followed by a verb phrase:
    "县国资中心开展…" -> ([(0, 5)], 5). Each member is the shortest unit name that a
    separator or a verb follows. `listed`: a role position (由…, 会同…), where "市财政" is
    a unit; not so for a clause's subject."""
    items: list[tuple[int, int]] = []
    pos = start
    while True:
        found = field_only = None
        if _VERB_PREFIX.match(norm, pos) or _VERB_START.match(norm, pos):
            break
        for end in range(pos + 2, min(len(norm), pos + 26) + 1):
            candidate = norm[pos:end]
            if any(ch in candidate for ch in "，。；：、"):
                break
            if not _is_unit(candidate, listed) or norm[end - 1:end + 1] in NOT_A_UNIT_END:
                continue
            if end < len(norm) and norm[end] == "（":  # a bracketed part belongs to the name
                close = norm.find("）", end)
                if 0 < close - end <= 9 and _is_unit(norm[pos:close + 1]):
                    continue
            rest = norm[end:]
            if not rest or rest[0] in "，。；：" or _LIST_JOIN.match(rest) or _VERB_START.match(rest):
                if not _is_unit(candidate, listed=False) and rest and rest[0] not in "，。；：" \
                        and not _LIST_JOIN.match(rest):
                    # "市应急" of 市应急管理局: a field-only name ends here only if no whole unit does
                    field_only = field_only or end
                    continue
                found = end
                break
        found = found or field_only
        if found is None:
            break
        items.append((pos, found))
        join = _LIST_JOIN.match(norm, found)
        if join is None:
            return items, found
        pos = join.end()
    return None


# --------------------------------------------------------------------------
# Responsibility parentheses and label lines

_ROLE_LABEL = re.compile(
    r"(?P<label>牵头单位|主办单位|主责单位|牵头部门|责任单位|责任部门|实施单位|配合单位|配合部门|协办单位|协同单位|参与单位|"
    r"相关责任单位|牵头领导|责任领导|主管领导|分管领导|联系领导|包保领导|责任人|工作组长|完成时限|完成时间|时间节点|时限要求|"
    r"时限|目标任务|工作目标|目标)[ \t\u3000]*[：:]")
_LEAD_UNIT_LABELS = {"牵头单位", "主办单位", "主责单位", "牵头部门"}
_RESP_UNIT_LABELS = {"责任单位", "责任部门", "实施单位", "相关责任单位"}
_COOP_LABELS = {"配合单位", "配合部门", "协办单位", "协同单位", "参与单位"}
_LEADER_LABELS = {"牵头领导", "责任领导", "主管领导", "分管领导", "联系领导", "包保领导"}
_RESPONSIBLE_LABELS = {"责任人", "工作组长"}
_DEADLINE_LABELS = {"完成时限", "完成时间", "时间节点", "时限要求", "时限"}
_TEXT_LABELS = {"目标任务", "工作目标", "目标"}
# 牵头 as a verb (not 牵头单位, 牵头负责人, 牵头组织者).
_LEAD_VERB = re.compile(r"(?:分别|共同|总)?牵头(?!单位|部门|负责人|组织者|领导|的|人)")


def _label_roles(norm: str, text: str) -> tuple[_Roles, str] | None:
    """Roles of labelled text ("牵头单位：X，配合单位：Y"), and the text of a 目标 label."""
    labels = list(_ROLE_LABEL.finditer(norm))
    if not labels:
        return None
    roles = _Roles()
    goal = ""
    has_lead = any(m.group("label") in _LEAD_UNIT_LABELS for m in labels)
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(norm)
        value = text[match.end():end].strip(_SPACES + "，；。,;")
        label = match.group("label")
        if label in _LEADER_LABELS | _RESPONSIBLE_LABELS:
            names = [n.strip(_SPACES) for n in re.split(r"[、，,；;]", value) if n.strip(_SPACES)]
            units = [n for n in names if _is_unit(n)]
            people = [n for n in names if n not in units]
            roles.add("lead_leaders" if label in _LEADER_LABELS else "responsible", people)
            if units and label in _LEADER_LABELS:
                roles.add("lead_units", units)
        elif label in _DEADLINE_LABELS:
            roles.deadline_text = value
        elif label in _TEXT_LABELS:
            goal = value
        elif label in _RESP_UNIT_LABELS and _LEAD_MARK.search(_normalise(value)):
            # "责任单位：县林业局（牵头）、县财政局": the marked units lead, the others cooperate
            for piece in re.split(r"[、，,；;]", value):
                marked = _LEAD_MARK.search(_normalise(piece))
                units = _split_units(_strip_tail(piece))
                roles.add("lead_units" if marked else "coop_units", units)
        elif label in _RESP_UNIT_LABELS and not has_lead and _led_split(value) is not None:
            # "责任单位：县科工局牵头，县人社局、县住建局配合": 牵头 leads, the rest cooperate
            lead_units, coop_units = _led_split(value)
            roles.add("lead_units", lead_units)
            roles.add("coop_units", coop_units)
        else:
            units = _split_units(_strip_tail(value))
            if label in _LEAD_UNIT_LABELS or (label in _RESP_UNIT_LABELS and not has_lead):
                roles.add("lead_units", units)
            else:
                roles.add("coop_units", units)
    return roles, goal


_LEAD_MARK = re.compile(r"（(?:牵头|主责|总牵头)）")


def _led_split(value: str) -> tuple[list[str], list[str]] | None:
    """"X牵头，Y、Z配合" inside a 责任单位 label: (lead units, cooperating units), or None."""
    norm = _normalise(value)
    lead = _LEAD_VERB.search(norm)
    if lead is None or lead.start() == 0:
        return None
    lead_units = _unit_list(value[:lead.start()])
    if not lead_units:
        return None
    rest = re.sub(r"^(?:负责|抓总)?[，、；\s]*", "", norm[lead.end():])
    coop_units = _unit_list(value[len(norm) - len(rest):], lenient=True) if rest else []
    return (lead_units, coop_units) if coop_units is not None else None


def _paren_roles(norm: str, text: str) -> _Roles | None:
    """Roles of a responsibility parenthesis's content, or None if it is not one."""
    body_norm, body = norm.strip(_SPACES), text.strip(_SPACES)
    if not body_norm:
        return None
    labelled = _label_roles(body_norm, body)
    if labelled is not None and _ROLE_LABEL.match(body_norm):
        roles, _ = labelled
        return roles if roles.any() else None
    deadline = ""
    # "（市发改局牵头，…负责；2025年6月底前）": a trailing date is the deadline
    tail = re.search(r"[；，]\s*([^；，]*(?:前|底|完成|年内))$", body_norm)
    if tail and find_deadlines(tail.group(1), 2000):
        deadline = body[tail.start(1):]
        body_norm, body = body_norm[:tail.start()], body[:tail.start()]
    lead = _LEAD_VERB.search(body_norm)
    roles = _Roles(deadline_text=deadline)
    if lead:
        who = _who(body[:lead.start()])
        if who is None:
            return None
        roles.add("lead_leaders" if who[0] == "persons" else "lead_units", who[1])
        rest = re.sub(r"^(?:负责|抓总)?[，、；\s]*", "", body_norm[lead.end():])
        offset = len(body_norm) - len(rest)
        if rest:
            rest_units = _unit_list(body[offset:], lenient=True)
            if rest_units is None:
                return None
            roles.add("coop_units", rest_units)
        return roles
    if not re.search(r"(?:负责|配合|落实|承办|主办)[。]?$", body_norm):
        return None
    units = _unit_list(body, lenient=True)
    if units is None:
        persons = _person_list(_strip_tail(body))
        if persons is None:
            return None
        roles.add("lead_leaders", persons)
        return roles
    roles.add("lead_units", units)
    return roles


_PAREN = re.compile(r"（(?P<body>(?:[^（）]|（[^（）]*）)*)）")


def _responsibility_parens(piece: _Piece) -> list[tuple[int, int, _Roles]]:
    """Responsibility parentheses of a text, and labels closing it without brackets
    ("…完成验收。责任单位：县发改局、县财政局。"), as (start, end, roles)."""
    found = []
    for match in _PAREN.finditer(piece.norm):
        roles = _paren_roles(match.group("body"), piece.text[match.start("body"):match.end("body")])
        if roles is not None:
            found.append((match.start(), match.end(), roles))
    after = found[-1][1] if found else 0
    for label in _ROLE_LABEL.finditer(piece.norm, after):
        if label.start() == 0 or piece.norm[label.start() - 1] not in "。；; \t\u3000":
            continue
        if label.group("label") in _TEXT_LABELS:
            continue
        labelled = _label_roles(piece.norm[label.start():], piece.text[label.start():])
        if labelled is not None and labelled[0].any() and not _PAREN.search(piece.norm, label.start()):
            found.append((label.start(), len(piece.norm), labelled[0]))
        break
    return found


# --------------------------------------------------------------------------
# Deadlines

_DEADLINE_CUE = re.compile(r"^\s*(?:以前|之前|前)")


def _deadline(text: str, year: int | None, extra: str = "") -> str | None:
    """The latest date the text sets as a deadline ("…6月底前", "（2025年6月底前）")."""
    found = []
    for source in (text, extra):
        norm = _normalise(source)
        for a, b, iso in find_deadlines(norm, year):
            before = norm[max(0, a - 2):a]
            if "每" in before:
                continue  # recurring: 每年年底
            if _DEADLINE_CUE.match(norm[b:]) or (norm[a - 1:a] == "（" and norm[b:b + 1] == "）") or source is extra:
                found.append(iso)
    return max(found) if found else None


# --------------------------------------------------------------------------
# Paragraphs, items and their outline position

_PAGE_NUMBER = re.compile(r"^[—–\-－‐]+\s*\d{1,4}\s*[—–\-－‐]+$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?$")
_ANNEX = re.compile(r"^\s*附\s*件\s*(?P<n>\d{1,2})?\s*[：:]?\s*$")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff \u3000]{1,6}[：:]")
_TERMINAL = "。！？：!?:）)”」"
_DUTY_HEADING = re.compile(r"职责|分工|落实.{0,4}责任|责任分解")
_GUARANTEE_HEADING = re.compile(r"保障措施")
_ORGANISING_HEADING = re.compile(r"组织领导|组织保障|组织实施|加强领导|强化领导")
# Closing sections whose items open with what units must do: "各乡镇、县直各单位要…".
_REQUIREMENT_HEADING = re.compile(r"工作要求|保障措施")
# The same sections printed as a short line of their own, without an outline number.
_BARE_REQUIREMENT_HEADING = re.compile(r"^[ \u3000\t]*(?:工作要求|保障措施|组织保障)[ \u3000\t]*$")


@dataclass
class _Para:
    piece: _Piece
    marker_end: int = 0
    marked: bool = False
    ref: str | None = None
    duty: bool = False
    organising: bool = False
    heading: str | None = None  # the short heading after the outline number
    path: tuple = (None, ())  # (annex prefix, ((kind, label), ...)) of the outline position
    label_line: bool = False
    annex: bool = False
    section: bool = False
    requirement: bool = False  # under 工作要求 / 保障措施


def _opens_item(norm: str) -> bool:
    return bool(outline_marker(norm) or _ANNEX.match(norm) or lone_section_number(norm)
                or _ROLE_LABEL.match(norm) or _LABEL_LINE.match(norm))


# A numbered topic line of minutes, "二、关于《X方案》": a heading of its own, however long.
_TOPIC_HEADING = re.compile(
    r"^[ \u3000\t]*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)[ \u3000\t]*关于[^，。；：！？]{2,60}$")


def _logical_paragraphs(doc: Document) -> list[_Piece]:
    """Lines joined where the PDF broke a paragraph across a page."""
    merged: list[_Piece] = []
    for paragraph in doc.paragraphs:
        piece = _piece_of(paragraph.span)
        if not piece.text or _PAGE_NUMBER.match(piece.text):
            continue  # a page footer ("— 3 —") may stand inside a broken paragraph
        if merged:
            prev = merged[-1].norm
            open_paren = prev.count("（") > prev.count("）")
            opens = _opens_item(piece.norm)
            if open_paren and opens and not outline_marker(piece.norm) and not _ANNEX.match(piece.norm):
                opens = _ROLE_LABEL.match(piece.norm) is not None and "）" not in piece.norm
            continues = (open_paren or (len(prev) >= 26 and prev[-1] not in _TERMINAL)) \
                and not opens and not piece.norm.rstrip().endswith(("：", ":")) \
                and not _TOPIC_HEADING.match(prev)
            if continues:
                merged[-1] = merged[-1] + piece
                continue
        merged.append(piece)
    return merged


def _heading_of(piece: _Piece) -> str | None:
    """The short heading an item opens with: "推动增收减负。突出…" -> 推动增收减负."""
    bold = _bold_heading(piece)
    if bold:
        return bold
    match = re.match(r"[^。！？]{2,30}?[。！？]", piece.norm)
    if match is None:
        rest = piece.text.strip()
        return rest if len(rest) <= 30 and not re.search(r"[，。；]", piece.norm) else None
    after = _PAREN.sub("", piece.norm[match.end():]).strip(_SPACES + "。")
    if len(after) < 5 or re.search(r"负责|牵头", match.group(0)):
        return None
    return piece.text[:match.end() - 1].strip() or None


_REQUIREMENT_LEAD_IN = re.compile(r"工作要求[^。：]{0,8}如下[：:][ \u3000\t]*$")


def _paragraphs(doc: Document) -> list[_Para]:
    tracker = OutlineTracker()
    headings: list[str] = []
    annex_title: str | None = None
    expect_annex_title = False
    bare_heading = ""  # a requirements heading without an outline number, in force until the next annex
    requirement_lead_in = False  # "现就有关工作要求通知如下：": the numbered items after it are requirements
    out: list[_Para] = []
    for piece in _logical_paragraphs(doc):
        norm = piece.norm
        para = _Para(piece)
        annex = _ANNEX.match(norm)
        section = lone_section_number(norm) if doc.is_meeting or not outline_marker(norm) else None
        marker = outline_marker(norm)
        if annex:
            tracker.reset(f"附件{annex.group('n') or ''}")
            headings, annex_title, expect_annex_title = [], None, True
            bare_heading = ""
            requirement_lead_in = False
            para.annex = True
        elif _BARE_REQUIREMENT_HEADING.match(norm):
            # its items are numbered afresh under it: "工作要求/(一)"
            bare_heading = norm.strip(_SPACES)
            tracker.reset(bare_heading)
            headings, expect_annex_title = [], False
        elif section and len(norm.strip()) <= 3:
            tracker.feed("sec", section)
            headings = headings[:len(tracker.stack) - 1] + [""]
            para.section = True
        elif marker:
            tracker.feed(marker.kind, marker.label)
            heading = _heading_of(piece.cut(marker.end))
            headings = headings[:len(tracker.stack) - 1] + [heading or ""]
            para.marked, para.marker_end, para.heading = True, marker.end, heading
            expect_annex_title = False
        elif _REQUIREMENT_LEAD_IN.search(norm):
            requirement_lead_in = True
        elif expect_annex_title and len(norm) <= 60 and "。" not in norm:
            annex_title = piece.text
            expect_annex_title = False
        para.label_line = bool(_ROLE_LABEL.match(norm))
        para.path = (tracker.prefix, tuple(tracker.stack))
        # a notice about duties ("关于明确…职责分工的通知") is a duty section throughout
        title_duty = doc.title if re.search(r"职责分工|任务分工|责任分工", doc.title or "") else ""
        context = [title_duty, annex_title or "", bare_heading] + headings
        deepest = headings[-1] if headings else ""
        para.requirement = bool(bare_heading) or (requirement_lead_in and para.marked) or any(_REQUIREMENT_HEADING.search(h or "") for h in headings[:-1] if h)
        para.organising = any(_ORGANISING_HEADING.search(h or "") for h in context[-1:])
        para.duty = any(_DUTY_HEADING.search(h or "") for h in context) or (
            any(_GUARANTEE_HEADING.search(h or "") for h in context) and not _ORGANISING_HEADING.search(deepest or ""))
        out.append(para)
    _set_refs(out)
    return out


def _marker_number(kind: str, label: str) -> int | None:
    digits = re.sub(r"\D", "", label)
    if digits:
        return int(digits)
    if kind == "circ":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".find(label) + 1
    return cn_number(label.strip("()"))


def _set_refs(paras: list[_Para]) -> None:
    """Refs from the outline paths, leaving out grouping levels: where items run on
    from one group to the next ("1.教育 (1)(2) 2.就业 (3)(4)"), the groups are headings
    and the items are counted under the level above them."""
    grouping: set[tuple] = set()
    last: dict[tuple, tuple[int, tuple]] = {}
    for para in paras:
        prefix, stack = para.path
        if not para.marked or len(stack) < 2:
            continue
        kind, label = stack[-1]
        number = _marker_number(kind, label)
        parent = stack[:-1]
        key = (prefix, parent[:-1], parent[-1][0], kind)
        seen = last.get(key)
        if seen and number is not None and number == seen[0] + 1 and seen[1] != parent:
            grouping.add((prefix, parent[:-1], parent[-1][0]))
        if number is not None:
            last[key] = (number, parent)
    for para in paras:
        prefix, stack = para.path
        labels = [label for depth, (kind, label) in enumerate(stack)
                  if (prefix, stack[:depth], kind) not in grouping or depth == len(stack) - 1]
        parts = ([prefix] if prefix else []) + labels
        para.ref = "/".join(parts) if parts else None


def _bold_heading(piece: _Piece) -> str | None:
    """A bold run opening a text and ending a sentence: "**推动增收减负。**"."""
    if not piece.bold or not piece.bold[0]:
        return None
    end = 0
    while end < len(piece.bold) and piece.bold[end]:
        end += 1
    head = piece.text[:end].strip()
    if len(head) > 32 or not piece.text[end:].strip(_SPACES + "。"):
        return None  # a whole bold passage is no heading
    if head.endswith("。") or piece.text[end:end + 1] == "。":
        return head.rstrip("。").strip() or None
    return None


# --------------------------------------------------------------------------
# Clauses of running text

_CONNECTIVE = re.compile(r"^(?:同时|另外|此外|并且|并|会议(?:要求|强调|明确|指出|认为|决定|提出|议定|商定|同意)|原则上?同意)[，、：]?")


def _clauses(norm: str) -> list[tuple[int, int]]:
    """(start, end) of the comma/semicolon clauses of a sentence, outside brackets, untrimmed."""
    return split_outside_brackets(norm, 0, len(norm), "，；", trim="", brackets=ROUND_BRACKETS_AND_QUOTES)


def _sentences(norm: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of norm, each with its full stop, outside brackets."""
    out, start = [], 0
    for i in separators_outside_brackets(norm, 0, len(norm), "。！？", ROUND_BRACKETS_AND_QUOTES):
        out.append((start, i + 1))
        start = i + 1
    if start < len(norm):
        out.append((start, len(norm)))
    return [(a, b) for a, b in out if norm[a:b].strip(_SPACES + "。")]


def _blank_role_brackets(norm: str) -> str:
    """Hide bracketed asides holding role words, so that only running text triggers."""
    def blank(match: re.Match) -> str:
        body = match.group(0)
        if re.search(r"牵头|负责|配合|单位：", body) or len(body) > 14:
            return "（" + "□" * (len(body) - 2) + "）"
        return body
    return _PAREN.sub(blank, norm)


def _subject(norm: str, text: str) -> list[str] | None:
    """The units a clause opens with, as its subject ("市财政局负责…", "…沿线经过的甲镇、乙镇负责…")."""
    found = _subject_span(norm)
    if found is None:
        return None
    items, _ = found
    return _split_units("、".join(text[a:b] for a, b in items))


def _subject_span(norm: str) -> tuple[list[tuple[int, int]], int] | None:
    stripped = _CONNECTIVE.sub("", norm)
    start = len(norm) - len(stripped)
    lead = _subject_units(norm, start)
    if lead is None:
        # "…沿线经过的甲镇、乙镇负责…": units after a modifier ending in 的
        of = norm.find("的", start, start + 25)
        if of < 0:
            return None
        lead = _subject_units(norm, of + 1)
        if lead is None or not re.match(r"(?:具体|全面|全权)?(?:负责(?!人)|承担|牵头)|要", norm[lead[1]:]):
            return None
    return lead


def _subject_units(norm: str, start: int) -> tuple[list[tuple[int, int]], int] | None:
    """Units a clause opens with. A department named by its field alone ("市财政要…") is a
    unit only inside a list of units, not as the clause's only subject."""
    lead = _leading_units(norm, start)
    if lead and len(lead[0]) == 1 and not _is_unit(norm[lead[0][0][0]:lead[0][0][1]], listed=False):
        return None
    return lead


@dataclass
class _Assignment:
    start: int  # offset in the sentence where its text begins
    roles: _Roles = field(default_factory=_Roles)
    end: int | None = None
    led: bool = False  # a 牵头/召集 clause started it
    weak: bool = False  # "由X负责" in plain text: a task only where others are told to cooperate
    person_led: bool = False
    shape: str = "clause"


_CONVENE = re.compile(r"由(?P<who>[^，。；]{2,30}?)召集(?!人)")
_COOPERATE = re.compile(r"^(?P<who>(?:(?!负责|牵头|具体).)+?)(?:等(?:多|相关|有关)?(?:部门单位|部门|单位))?(?:要|应)?(?:积极|全力|密切)?"
                        r"(?:协同配合|协调配合|配合|协同|参与|协助)")
# "招募工作由团县委负责组织", "贴息资金由县财政局、县人社局负责足额保障": the units after 由
# are in charge of the topic before it.
_IN_SENTENCE_CHARGE = re.compile(r"(?<=[\u4e00-\u9fff])由")
_IN_CHARGE_VERB = re.compile(r"(?:具体|全面|全权|统一)?(?:牵头)?(?:负责|承担)(?!人|同志)")
_SPECIFIC = re.compile(r"^(?:具体)?由(?P<who>.+?)(?:具体)?(?:负责|抓落实|承办|落实)|^(?P<who2>.+?)具体(?:负责|抓落实|承办)")


def _organised_units(norm: str, text: str, at: int) -> list[str]:
    """Units "组织"d by the one in charge ("…具体负责组织A、B等相关单位…"): they cooperate."""
    organise = re.match(r"(?:负责)?组织(?P<rest>.+?)等(?:相关|有关)?(?:部门|单位)", norm[at:])
    if organise:
        return _split_units(text[at + organise.start("rest"):at + organise.end("rest")])
    organise = re.match(r"(?:负责)?组织", norm[at:])
    units = _leading_units(norm, at + organise.end()) if organise else None
    return _split_units("、".join(text[a:b] for a, b in units[0])) if units else []


def _clause_roles(norm: str, text: str, meeting: bool, duty: bool, organising: bool,
                  first_clause: bool) -> tuple[str, _Roles, bool] | None:
    """What one clause says: ("lead"|"start"|"extend"|"organised"|"after-lead", roles, person_led)."""
    body = _CONNECTIVE.sub("", norm)
    off = len(norm) - len(body)
    roles = _Roles()
    convene = _CONVENE.search(norm)
    if convene:
        who = _who(text[convene.start("who"):convene.end("who")])
        if who and who[0] == "persons":
            roles.add("lead_leaders", who[1])
            return "lead", roles, True
    lead = _LEAD_VERB.search(norm)
    if lead:
        pre_start = norm.rfind("由", 0, lead.start())
        pre_start = off if pre_start < 0 else pre_start + 1
        asked = re.match(r"(?:请|责成|要求|安排|明确|决定)", norm[pre_start:lead.start()])
        if asked:  # "请县住建局牵头", "责成县财政局牵头"
            pre_start += asked.end()
        pre = text[pre_start:lead.start()]
        pre_norm = norm[pre_start:lead.start()]
        cut = re.search(r"(?:同志)?(?:要|应|须)?(?:落实|发挥|承担|履行)?$", pre_norm)
        if pre_norm.endswith("同志"):
            cut = None
        who_text = pre[:cut.start()] if cut else pre
        if re.fullmatch(r"(?:并|且|要|应|负责|具体|统一|共同|另|再)*", _normalise(who_text).strip(_SPACES)):
            who_text = ""  # "…，并牵头抓好落实": the sentence's subject leads
        who = _who(who_text)
        person_led = False
        if who:
            role = "lead_leaders" if who[0] == "persons" else "lead_units"
            roles.add(role, who[1])
            person_led = who[0] == "persons"
        elif re.search(r"(?:市|县|区|州|旗)长|书记", _normalise(who_text)):
            person_led = True  # an unnamed leader's post: units that follow do the work
        after = norm[lead.end():]
        cooperate = re.search(r"会同(?P<rest>.+)", after)
        if cooperate:
            units = _leading_units(norm, lead.end() + cooperate.start("rest"))
            if units:
                roles.add("coop_units", _split_units("、".join(text[a:b] for a, b in units[0])))
        roles.add("coop_units", _organised_units(norm, text, lead.end()))
        return "lead", roles, person_led
    together = re.search(r"由(?P<lead>[^，。；]+?)会同(?P<coop>.+)", norm)
    if together:
        lead_units = _unit_list(text[together.start("lead"):together.end("lead")])
        coop = _leading_units(norm, together.start("coop"))
        if lead_units:
            roles.add("lead_units", lead_units)
            if coop:
                roles.add("coop_units", _split_units("、".join(text[a:b] for a, b in coop[0])))
            return "lead", roles, False
    together = re.search(r"会同(?P<coop>.+)", body)
    if together:
        coop = _leading_units(norm, off + together.start("coop"))
        if coop:
            roles.add("coop_units", _split_units("、".join(text[a:b] for a, b in coop[0])))
            return "extend", roles, False
    specific = _SPECIFIC.search(body)
    if specific:
        group = "who" if specific.group("who") else "who2"
        who_text = text[off + specific.start(group):off + specific.end(group)]
        who = _who(who_text)
        if who is None and group == "who":
            units = _leading_units(norm, off + specific.start(group))
            if units:
                who = ("units", _split_units("、".join(text[a:b] for a, b in units[0])))
        if who:
            if who[0] == "persons":
                roles.add("responsible", who[1])
            else:
                roles.add("lead_units", who[1])
            roles.add("coop_units", _organised_units(norm, text, off + specific.end()))
            starts = meeting or (organising and specific.group("who") is not None)
            if not starts and specific.group("who") is not None and who[0] == "units" and not duty:
                return "weak-start", roles, False
            return ("start" if starts else "extend"), roles, False
    in_sentence = _IN_SENTENCE_CHARGE.search(body)
    if in_sentence:
        units = _leading_units(norm, off + in_sentence.end())
        if units and _IN_CHARGE_VERB.match(norm, units[1]):
            roles.add("lead_units", _split_units("、".join(text[a:b] for a, b in units[0])))
            return ("start" if meeting or organising or duty else "weak-start"), roles, False
    in_charge = re.search(r"^(?P<who>[^，。；]+?)同志分管负责", body)
    if in_charge:
        who = _person_list(text[off:off + in_charge.end("who")] + "同志")
        if who:
            roles.add("responsible", who)
            return "extend", roles, False
    partner = re.search(r"与(?P<who>[^，。；]+?)(?:密切|紧密|协同)?配合", body) or \
        re.search(r"联合(?P<who>[^，。；]+?)等(?:多个?)?(?:部门|单位)", body)
    if partner:
        units = _split_units(text[off + partner.start("who"):off + partner.end("who")])
        if units:
            roles.add("coop_units", units)
            return "extend", roles, False
    cooperate = _COOPERATE.match(body)
    if cooperate and not body.startswith(("配合", "协同", "与", "联合", "协助")):
        units = _unit_list(text[off + cooperate.start("who"):off + cooperate.end("who")], lenient=True)
        if units:
            roles.add("coop_units", units)
            return "extend", roles, False
    if body.startswith("组织"):
        units = _organised_units(norm, text, off)
        if units:
            roles.add("coop_units", units)
            # units a person organises cooperate; a unit "organising" 专家组 only describes its work
            return ("extend" if all(_is_generic(u) for u in units) else "organised"), roles, False
    by = re.match(r"^(?:具体)?由(?P<rest>.+)", body) or (duty and first_clause and re.search(r"由(?P<rest>.+)", body))
    if by and (meeting or organising or duty):
        units = _leading_units(norm, off + by.start("rest"))
        if units:
            names = _split_units("、".join(text[a:b] for a, b in units[0]))
            rest = norm[units[1]:]
            if meeting or duty or re.match(r"(?:具体)?(?:负责|承担|抓落实)", rest):
                roles.add("lead_units", names)
                return "start", roles, False
        persons = re.match(rf"^(?P<who>{_PERSON}(?:、{_PERSON})*)同志(?:具体|全权)?负责", body[by.start("rest"):])
        if persons and meeting:
            roles.add("lead_leaders", _person_list(persons.group("who") + "同志") or [])
            return "start", roles, True
    if (meeting or duty) and first_clause:
        subject = _subject(norm, text)
        if subject:
            rest = norm[_subject_span(norm)[1]:]
            if (duty and re.search(r"[\u4e00-\u9fff]{2}", rest)) or re.match(r"(?:具体|全权|牵头)?负责(?!人|同志)", rest):
                roles.add("lead_units", subject)
                return "start", roles, False
    subject = _subject(norm, text)
    if subject:
        return "after-lead", _Roles(lead_units=subject), False
    return None


def _assignments(norm: str, text: str, meeting: bool, duty: bool, organising: bool,
                 start_ok: bool = True) -> list[_Assignment]:
    """Assignments made in one sentence, in order."""
    scan = _blank_role_brackets(norm)
    found: list[_Assignment] = []
    current: _Assignment | None = None
    clauses = _clauses(scan)
    sentence_subject: list[str] | None = None
    for index, (a, b) in enumerate(clauses):
        clause_norm, clause_text = scan[a:b], text[a:b]
        first = index == 0 or (index == 1 and clauses[0][1] - clauses[0][0] <= 8) or scan[a - 1:a] == "；"
        said = _clause_roles(clause_norm, clause_text, meeting, duty, organising, first)
        if sentence_subject is None and index <= 2:
            subject = _subject(clause_norm, clause_text)
            if subject:
                sentence_subject = subject
        if said is None:
            if current is not None and meeting and current.end is None:
                subject = _subject(clause_norm, clause_text)
                if subject and not set(subject) & set(current.roles.lead_units):
                    current.end = a  # a new subject ends the assignment's wording
            continue
        kind, roles, person_led = said
        weak = kind == "weak-start"
        kind = "start" if weak else kind
        if kind == "lead" and start_ok:
            if not roles.lead_leaders and not roles.lead_units and sentence_subject and not person_led:
                roles.add("lead_units", sentence_subject)  # "…，并牵头抓好落实"
            if current is None or current.led:
                start = 0 if current is None else a
                if current is not None and current.end is None:
                    current.end = a - 1 if a else a
                current = _Assignment(start=start, led=True, person_led=person_led)
                found.append(current)
            current.led = True
            current.person_led = current.person_led or person_led
            _merge(current.roles, roles)
        elif kind == "start" and start_ok and (current is None or current.end is not None or (
                not current.led and roles.lead_units and not set(roles.lead_units) & set(current.roles.lead_units))):
            if current is not None and current.end is None:
                current.end = a - 1
            whole = not found and (meeting or not duty)
            current = _Assignment(start=0 if whole else a, shape="decision" if meeting else "duty", weak=weak)
            found.append(current)
            _merge(current.roles, roles)
        elif current is not None and current.end is None:
            if kind == "organised":
                if current.person_led:
                    _merge(current.roles, roles)
            elif kind == "after-lead":
                if current.person_led and not current.roles.lead_units and \
                        re.search(r"^.{0,60}?(?:等(?:相关|有关)?(?:部门|单位)|(?:依|结合|按)(?:照)?(?:职能|职责))", clause_norm):
                    _merge(current.roles, roles)
                elif meeting and not set(roles.lead_units) & set(current.roles.lead_units):
                    current.end = a
            else:
                _merge(current.roles, roles)
    # "损毁工程各项费用由农发公司负责保障" only describes; "…由X负责…，Y配合…" divides the work
    return [f for f in found if f.roles.any() and not (f.weak and not f.roles.coop_units)]


def _merge(into: _Roles, roles: _Roles) -> None:
    for role in ("lead_leaders", "lead_units", "coop_units", "responsible"):
        into.add(role, getattr(roles, role))


# --------------------------------------------------------------------------
# The extractor


@dataclass
class _Task:
    ref: str | None
    piece: _Piece  # the task's own wording
    evidence: tuple[int, int]  # absolute source offsets
    roles: _Roles
    shape: str
    title: str | None = None
    deadline_text: str = ""


def _year(doc: Document) -> int | None:
    for value in (doc.date, doc.doc_no):
        match = re.search(r"(?:19|20)\d\d", value or "")
        if match:
            return int(match.group())
    return None


def _evidence(pieces: list[_Piece]) -> tuple[int, int]:
    offsets = [o for p in pieces for o in p.offsets]
    return (min(offsets), max(offsets) + 1) if offsets else (0, 0)


def _items(paras: list[_Para]) -> list[list[_Para]]:
    items: list[list[_Para]] = []
    for para in paras:
        if not items or para.marked or para.annex or para.section:
            items.append([para])
        else:
            items[-1].append(para)
    return items


def _strip_heading(piece: _Piece) -> tuple[_Piece, str | None]:
    """Drop a counted part's bold heading: "**一要严控开支，注重效益。**由…" -> "由…"."""
    heading = _bold_heading(piece)
    if heading is None:
        return piece, None
    end = 0
    while end < len(piece.bold) and piece.bold[end]:
        end += 1
    if piece.text[end:end + 1] == "。":
        end += 1
    return piece.cut(end).strip(), heading


def _counted_parts(piece: _Piece) -> list[tuple[str, _Piece]]:
    """The 一是/二是… parts of a text (label dropped), or [] when it has none."""
    items = ordinal_items(piece.norm)
    parts = []
    for i, (a, b, label) in enumerate(items):
        end = items[i + 1][0] if i + 1 < len(items) else len(piece)
        parts.append((label, piece.cut(b, end).strip()))
    return parts


_DATED_START = re.compile(r"（[^（）]{0,12}(?:前|底)）")


def _dated_parts(piece: _Piece) -> list[_Piece]:
    """Parts of a text that each open with a dated parenthesis: "(2025年6月底前)制定…"."""
    starts = []
    for a, b in _sentences(piece.norm):
        head = piece.norm[a:b].lstrip(_SPACES)
        lead = len(piece.norm[a:b]) - len(head)
        if _DATED_START.match(head):
            starts.append(a + lead)
    if len(starts) < 2:
        return []
    return [piece.cut(s, starts[i + 1] if i + 1 < len(starts) else len(piece)).strip() for i, s in enumerate(starts)]


def _goal_piece(labels: list["_Para"]) -> _Piece | None:
    """The value of a 目标：label (the wording of a work group's task)."""
    for para in labels:
        found = list(_ROLE_LABEL.finditer(para.piece.norm))
        for i, match in enumerate(found):
            if match.group("label") in _TEXT_LABELS:
                end = found[i + 1].start() if i + 1 < len(found) else len(para.piece)
                return para.piece.cut(match.end(), end).strip()
    return None


# Collectives that name no level or kind of unit: "各单位", "各有关部门", "各级各部门".
_BARE_COLLECTIVE = re.compile(r"^(?:各级)?(?:各|全体)?(?:有关|相关)?(?:单位|部门|部门单位|单位部门|地)$")
# A minutes' attendance sentence: "市发改局、市财政局负责同志列席。", "参加会议的有：…"
_ATTENDANCE = re.compile(r"^\s*(?:参加|出席|列席)(?:本次|此次)?会议的|"
                         r"(?:同志|负责人|人员|领导)(?:参加|出席|列席)(?:了)?(?:本次|此次)?(?:会议)?[。；\s]*$")
_MUST = re.compile(r"(?:要|应|须|必须|应当)(?!求)")


def _opening_sentence(segment: _Piece, sentences: list[tuple[int, int]], para: _Para) -> int | None:
    """Index of the first sentence of an item after its heading ("（一）压实工作责任。<here>")."""
    if not para.marked or not sentences:
        return None
    first = segment.text[sentences[0][0]:sentences[0][1]].strip(_SPACES + "。")
    return 1 if para.heading and first == para.heading.strip() else 0


def _directive(sentence: _Piece) -> list[_Assignment]:
    """"各乡镇（街道）、县直各单位要…": units told what they must do lead the task."""
    charged = re.match(r"(?:具体)?由", sentence.norm)
    if charged:  # "由县委督查室、县政府督查室负责，…"
        span = _leading_units(sentence.norm, charged.end())
        if span is None or not _IN_CHARGE_VERB.match(sentence.norm, span[1]):
            return []
    else:
        span = _subject_span(sentence.norm)
        if span is None or not _MUST.match(sentence.norm, span[1]):
            return []
    units = _split_units("、".join(sentence.text[a:b] for a, b in span[0]))
    if all(_BARE_COLLECTIVE.match(_normalise(u)) for u in units):
        return []  # "各单位要高度重视": an exhortation to everyone, no one in particular
    return [_Assignment(start=0, roles=_Roles(lead_units=units), shape="duty")] if units else []


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.year = _year(doc)
        self.tasks: list[_Task] = []

    # ---- shapes
    def item(self, item: list[_Para], following: list[list[_Para]]) -> int:
        """Tasks of one outline item; returns how many following items it consumed."""
        head = item[0]
        ref = head.ref
        content = [p for p in item if not p.label_line and not p.annex and not p.section]
        labels = [p for p in item if p.label_line]
        if labels and self.labels(item, content, labels):
            return 0
        title = head.heading if head.marked else None
        body = self.join(content)
        if body is None:
            return 0
        parens = _responsibility_parens(body)
        if parens:
            self.parens(body, parens, ref, title)
            return 0
        consumed = self.unit_heading(item, following)
        if consumed is not None:
            return consumed
        if head.marked and len(content) >= 1 and content[0] is head and \
                self.duty_list(head.piece.cut(head.marker_end), ref, head):
            for para in content[1:]:
                self.running_text(para.piece, ref, title, para)
            return 0
        self.unit_duties(body, ref, title)
        for para in content:
            piece = para.piece.cut(para.marker_end) if para is head else para.piece
            self.running_text(piece, ref, title, para)
        return 0

    def join(self, content: list[_Para]) -> _Piece | None:
        pieces = []
        for para in content:
            pieces.append(para.piece.cut(para.marker_end) if para.marked else para.piece)
        if not pieces:
            return None
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = joined + piece
        return joined

    def labels(self, item: list[_Para], content: list[_Para], labels: list[_Para]) -> bool:
        """牵头单位：/主管领导：… lines after an item."""
        norm_parts, text_parts = [], []
        for para in item:
            if para.label_line:
                norm_parts.append(para.piece.norm)
                text_parts.append(para.piece.text)
            elif norm_parts and para is not item[0] and not re.search(r"[。：:]", para.piece.norm) \
                    and re.fullmatch(rf"{_PERSON}(?:[、，,]{_PERSON})*", para.piece.text.strip()):
                norm_parts[-1] += "、" + para.piece.norm  # a name list running onto the next line
                text_parts[-1] += "、" + para.piece.text
        parsed = _label_roles("；".join(norm_parts), "；".join(text_parts))
        if parsed is None or not parsed[0].any():
            return False
        roles, goal = parsed
        head = item[0]
        lines = [p for p in content if not (p is head and head.marked and p.piece.cut(p.marker_end).norm.strip()
                                            == (head.heading or "").strip())]
        piece = _goal_piece(labels) if goal else None
        if piece is None:
            body = self.join(lines) if lines else None
            piece = body.strip() if body is not None else head.piece.cut(head.marker_end)
        title = head.heading if head.marked else None
        parts = [] if goal else _counted_parts(piece)
        for label, part in parts:
            part_text, _ = _strip_heading(part)
            self.add(f"{head.ref}/{label}" if head.ref else label, part_text, [part] + [p.piece for p in labels],
                     roles, "labels", title, roles.deadline_text)
        if not parts:
            self.add(head.ref, piece, [p.piece for p in item], roles, "labels", title, roles.deadline_text)
        return True

    def parens(self, body: _Piece, parens, ref, title) -> None:
        start = 0
        for a, b, roles in parens:
            chunk = body.cut(start, a).strip()
            whole = body.cut(start, b)
            start = b
            if not chunk.text:
                continue
            parts = _counted_parts(chunk)
            if parts:
                for label, part in parts:
                    part_text, _ = _strip_heading(part)
                    self.add(f"{ref}/{label}" if ref else label, part_text, [part, body.cut(a, b)], roles,
                             "paren", title, roles.deadline_text)
                    self.nested(part_text, f"{ref}/{label}" if ref else label, title)
                continue
            dated = _dated_parts(chunk)
            for part in dated or [chunk]:
                self.add(ref, part, [part, body.cut(a, b)] if dated else [whole], roles, "paren", title,
                         roles.deadline_text)
                self.nested(part, ref, title)
        if start < len(body):
            rest = body.cut(start).strip()
            if rest.text:
                self.nested(rest, ref, title)

    def nested(self, piece: _Piece, ref, title) -> None:
        """A 由…牵头 clause inside a task's text is a task of its own."""
        for a, b in _sentences(piece.norm):
            sentence = piece.cut(a, b)
            for found in _assignments(sentence.norm, sentence.text, False, False, False):
                if found.led:
                    self.add(ref, sentence.cut(found.start, found.end).strip(), [sentence], found.roles,
                             "clause", title)

    def unit_heading(self, item: list[_Para], following: list[list[_Para]]) -> int | None:
        """"（一）项目所在镇（街道）" followed by its duties: one task of that unit.
        Returns how many following items (its numbered duties) it took, or None."""
        head = item[0]
        if not head.marked:
            return None
        rest = head.piece.cut(head.marker_end).strip()
        if not rest.text or "。" in rest.norm or not _is_unit(rest.text) or not (head.duty or head.organising):
            return None
        if len(item) > 1:  # the duties stand in plain paragraphs below the unit
            duties = [p.piece for p in item[1:] if not p.label_line]
            if not duties or any(_subject(p.norm, p.text) for p in duties):
                return None
            joined = duties[0]
            for piece in duties[1:]:
                joined = joined + piece
            self.add(head.ref, joined, [head.piece] + duties, _Roles(lead_units=[rest.text]), "duty-list", None)
            return 0
        children = []
        for child in following:
            if not (child[0].ref or "").startswith((head.ref or "") + "/"):
                break
            children.append(child)
        if not children:
            return None
        openings = [child[0].piece.cut(child[0].marker_end) for child in children]
        if any(_subject(o.norm, o.text) for o in openings):
            return 0  # "1.市自然资源局负责…": each child names its own unit
        pieces = []
        for child in children:
            for para in child:
                bullet = re.match(r"[-•·▪●\s]*", para.piece.text).end()
                pieces.append(para.piece.cut(bullet))
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = joined + piece
        self.add(head.ref, joined, [head.piece] + pieces, _Roles(lead_units=[rest.text]), "duty-list", None)
        return len(children)

    def duty_list(self, body: _Piece, ref, head: _Para) -> bool:
        """"一、市应急管理局。牵头负责…；会同有关部门…" : a unit and its duties."""
        match = re.match(r"^(?P<unit>[^。：:，,；]{2,20}?)[。：:]", body.norm)
        if not match or not _is_unit(body.text[:match.end("unit")]) or _is_generic(body.text[:match.end("unit")]):
            return False
        duties = body.cut(match.end()).strip()
        if not duties.text or _is_name_list(duties.text):
            return False  # "政府办：卢飞跃、陈敬林" lists people, not duties
        roles = _Roles(lead_units=[body.text[:match.end("unit")]])
        for a, b in _sentences(duties.norm):
            for c, d in _clauses(duties.norm[a:b]):
                said = _clause_roles(duties.norm[a + c:a + d], duties.text[a + c:a + d], False, False, False, False)
                if said and said[0] == "extend":
                    _merge(roles, _Roles(coop_units=said[1].coop_units))
        self.add(ref, duties, [body], roles, "duty-list", None)
        return True

    def unit_duties(self, body: _Piece, ref, title) -> None:
        """"市司法局(政策把关、纠纷调处等)、市财政局(经费保障等)": each unit with its duty."""
        found = []
        for match in _PAREN.finditer(body.norm):
            inner = match.group("body")
            if (_is_unit(inner) and not inner.endswith("等")) or len(inner) > 30 or len(inner) < 2 \
                    or re.search(r"\d|牵头单位|负责|以下简称|含|不含|即", inner) or find_deadlines(inner, 2000):
                continue
            before = re.search(r"[^、，,：:；;。（）]{2,30}$", body.norm[:match.start()])
            if not before:
                continue
            unit_start = before.start()
            lead = _leading_units(body.norm, unit_start)
            if lead is None or lead[1] != match.start():
                # "成员单位包括县发改局（…）": the unit begins at an administrative level word
                starts = [s for s in range(unit_start, match.start() - 1)
                          if body.norm[s] in "市县区州旗镇乡省" and _is_unit(body.norm[s:match.start()])]
                if not starts:
                    continue
                unit_start = starts[0]
            found.append((unit_start, match.start(), match.end()))
        if len(found) < 2:
            return
        for a, m, b in found:
            piece = body.cut(a, b)
            self.add(ref, piece, [piece], _Roles(lead_units=[body.text[a:m]]), "unit-duty", title)

    def running_text(self, piece: _Piece, ref, title, para: _Para) -> None:
        meeting = self.doc.is_meeting
        if para.marked and para.heading and piece.text.strip(_SPACES + "。") == para.heading:
            return  # a heading line: "二、工作专班主要职责"
        parts = _counted_parts(piece)
        segments = [(f"{ref}/{label}" if ref else label, *_strip_heading(part)) for label, part in parts] \
            if parts else [(ref, piece, None)]
        for seg_ref, segment, seg_title in segments:
            seg_title = seg_title or title
            sentences = _sentences(segment.norm)
            found_any = []
            opening = _opening_sentence(segment, sentences, para) if para.requirement and not meeting else None
            for i, (a, b) in enumerate(sentences):
                sentence = segment.cut(a, b)
                if meeting and _ATTENDANCE.search(sentence.norm):
                    continue  # who attended, not who is to do something
                said = _assignments(sentence.norm, sentence.text, meeting, para.duty, para.organising)
                if not said and i == opening:
                    said = _directive(sentence)
                for found in said:
                    found_any.append((i, found))
            for k, (i, found) in enumerate(found_any):
                a, b = sentences[i]
                sentence = segment.cut(a, b)
                end = found.end if found.end is not None else len(sentence)
                words = sentence.cut(found.start, end).strip()
                last = b
                # following sentences without a subject or an assignment of their own carry on
                nxt = found_any[k + 1][0] if k + 1 < len(found_any) else len(sentences)
                if found.end is None and (k + 1 >= len(found_any) or found_any[k + 1][0] != i):
                    for j in range(i + 1, nxt):
                        c, d = sentences[j]
                        if self.has_subject(segment.norm[c:d], segment.text[c:d]):
                            break
                        last = d
                    if last > b:
                        words = words + segment.cut(b, last)
                self.add(seg_ref, words.strip(), [words], found.roles, found.shape, seg_title)

    @staticmethod
    def has_subject(norm: str, text: str) -> bool:
        clauses = _clauses(norm)
        for index, (a, b) in enumerate(clauses[:2]):
            if index == 1 and clauses[0][1] - clauses[0][0] > 8:
                break
            if _subject(norm[a:b], text[a:b]):
                return True
        return False

    # ---- output
    def add(self, ref, piece: _Piece, evidence: list[_Piece], roles: _Roles, shape: str, title,
            deadline_text: str = "") -> None:
        piece = piece.strip()
        if not piece.text or not roles.any():
            return
        self.tasks.append(_Task(ref, piece, _evidence(evidence), roles, shape, title, deadline_text))

    def results(self) -> list[TaskAssignment]:
        counts: dict[str | None, int] = {}
        out = []
        for task in self.tasks:
            n = counts.get(task.ref, 0) + 1
            counts[task.ref] = n
            ref = task.ref if n == 1 or task.ref is None else f"{task.ref}#{n}"
            a, b = task.evidence
            evidence = Span(a, b, self.doc.text[a - self.doc.start:b - self.doc.start])
            roles = task.roles
            out.append(TaskAssignment(
                doc_no=self.doc.doc_no, ref=ref, text=task.piece.text,
                lead_leaders=tuple(roles.lead_leaders), lead_units=tuple(roles.lead_units),
                coop_units=tuple(u for u in roles.coop_units if u not in roles.lead_units),
                responsible=tuple(roles.responsible),
                deadline=_deadline(task.piece.text, self.year, task.deadline_text),
                evidence=evidence, title=task.title, shape=task.shape,
            ))
        return out


@extractor("paragraph_tasks")
def extract_paragraph_tasks(doc: Document) -> list[TaskAssignment]:
    """Every assignment of responsibility in the running text of a document."""
    return _extract(doc)


def _extract(doc: Document) -> list[TaskAssignment]:
    builder = _Builder(doc)
    items = _items(_paragraphs(doc))
    i = 0
    while i < len(items):
        i += 1 + builder.item(items[i], items[i + 1:])
    return builder.results()
