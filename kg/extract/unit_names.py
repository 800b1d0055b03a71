"""A general grammar of unit (organisation) names and collectives.

Splits lists of units as printed ("市发改局、市财政局和各镇政府", "交通运输局长宁镇政府",
"高新区管委会 县直相关单位 各县属国有企业 各镇政府、街道办") into single units or
collectives, as written. No unit of any particular gazette is listed here: only
the suffixes and words of the genre.

Three kinds of boundary:
- hard separators (、 ， , ； ; ／) always split, outside brackets;
- layout spaces and the words 和/及/以及 split only where the text before them is
  a complete unit ("住房和城乡建设局" stays whole, "各 镇" is rejoined);
- no separator at all (a PDF cell whose lines were joined): a unit is split off
  where a suffix ends and a new top-level unit or a collective begins
  ("交通运输局|长宁镇政府"), never before a sub-unit ("市公安局经侦大队"), the
  second organ of a joint office ("市纪委监委", "工业园党工委管委会") or the member
  units of a body ("县安委会各成员单位").

`looks_like_unit` also keeps sentences out: a unit ends in a unit word (局, 委,
镇政府, 科协, 联席会议 …, not 布局/格局/当局) and holds no verb of assignment or
preposition between units ("有关部门下达全市…", "县财政局向市财政局…"). A department
named by its place and field alone ("县财政") is a unit only where a list or a role
position shows it is one (`listed=True`; split_unit_list's lists).
"""
from __future__ import annotations

import re
from typing import Collection, Iterable

_OPEN_BRACKETS = "（(〔【［["
_CLOSE_BRACKETS = "）)〕】］]"
_SPACES = " \t\u3000\xa0"

# Suffixes that end a unit name, longest first so that "管委会" wins over "会".
# Each maps to a kind: "top" units stand on their own (a new one may follow any
# unit), "sub" units are usually parts of the unit printed before them.
_SUFFIX_KINDS: dict[str, str] = {
    # towns, streets, zones and their governments
    "街道办事处": "top", "街道办": "top", "办事处": "top", "街道": "top", "人民政府": "top",
    "镇政府": "top", "乡政府": "top", "政府": "top", "镇": "top", "乡": "top", "乡镇": "top",
    "管委会": "top", "管理委员会": "top", "委员会": "top", "园区": "top", "新区": "top", "区": "top",
    "社区": "top", "村": "top", "农场": "top", "林场": "top",
    # departments
    "总局": "top", "局": "top", "委": "top", "厅": "top", "署": "top",
    # enterprises and associations
    "集团": "top", "公司": "top", "有限公司": "top", "联社": "top", "合作社": "top", "社": "top",
    "协会": "top", "科协": "top", "政协": "top", "学会": "top", "商会": "top", "联合会": "top", "促进会": "top", "会": "top", "联": "top",
    "银行": "top", "法院": "top", "检察院": "top", "医院": "top", "学校": "top", "学院": "top", "大学": "top",
    "中学": "top", "小学": "top", "幼儿园": "top",
    # offices and organs that are usually parts of another unit
    "办公室": "sub", "办": "sub", "中心": "sub", "指挥部": "sub", "部": "sub", "大队": "sub",
    "中队": "sub", "支队": "sub", "分队": "sub", "分局": "sub", "支局": "sub", "派出所": "sub",
    "所": "sub", "站": "sub", "队": "sub", "院": "sub", "馆": "sub", "处": "sub", "办公厅": "sub",
    "工作组": "sub", "领导小组": "sub", "小组": "sub", "专班": "sub", "联席会议": "sub", "支行": "sub", "分行": "sub",
    "行": "sub", "厂": "sub", "园": "sub", "科": "sub", "股": "sub", "室": "sub", "组": "sub",
    "自来水厂": "sub",
    # generic heads: a unit of their own only with an opener ("相关执收单位", "各市属国有企业")
    "单位": "generic", "部门": "generic", "企业": "generic", "机构": "generic", "成员单位": "generic",
}
_SUFFIXES = sorted(_SUFFIX_KINDS, key=len, reverse=True)

# Words that open a collective ("各镇政府", "相关执收单位", "市直各单位").
_COLLECTIVE_START = re.compile(r"^(?:各|相关|有关|其他|其它|所有|全体|(?:市|县|区|旗|州)直|驻[\u4e00-\u9fff]{0,2}各|辖内|辖区)")
_COUNTED = re.compile(r"^[0-9０-９一二三四五六七八九十两]+\s*个")
# Bigrams that a unit boundary never cuts: 行|政 (行政审批局), 委|员 (委员会), 办|公 (办公室) ...
_UNCUT = {"行政", "委员", "办公", "办事", "所属", "所有", "部门", "部署", "队伍", "处理", "中心城",
          "社会", "社区", "会议", "联合", "联络", "联席", "院校", "局属", "站点", "区域", "区县", "村镇",
          "镇村", "乡村", "园区", "场所", "公司", "村民", "镇街", "乡镇", "区直", "会同", "委会", "厂区", "厂房", "厂长",
          "园林", "园长", "科技", "科学", "科研", "科普", "组织", "组长", "组建", "室内", "股份", "股权", "行业", "行长",
          "行动", "行使"}
# A suffix character that opens a word here ends no unit ("项目所|在镇", "工作部|署"): a unit
# boundary never falls between these two characters.
NOT_A_UNIT_END = ("所在", "所属", "所有", "部署", "处理", "处置", "院校", "局面", "会同", "会议", "办理", "办法",
                  "社会", "队伍", "站位", "室内", "馆藏", "村民", "镇村", "区域", "委托", "政策")
_UNCUT |= set(NOT_A_UNIT_END)
# Words that end in a suffix character but are not units: a unit never ends with them.
_NOT_UNIT_ENDINGS = ("城乡", "市场", "社会", "广场", "小区", "景区", "城区", "片区", "山区", "辖区", "库区", "矿区",
                     "老区", "农村", "城镇", "机关", "全区", "全镇", "全乡", "全村", "本局", "本委", "该局", "村社",
                     # 局 as "situation", not bureau (not 全局 or 政局: 安全局, 财政局)
                     "布局", "格局", "大局", "结局", "开局", "当局", "变局", "破局", "时局", "僵局", "棋局", "骗局",
                     "局部")

_TRAILING_NOISE = re.compile(
    r"(?:等(?:相关|有关)?(?:单位|部门|成员单位|单位和部门)?)?"
    r"(?:按(?:照)?职(?:能|责)(?:分工)?(?:负责|落实|配合)?|分工负责|共同负责|负责|配合|参与|协同配合|牵头)?[。；;，,\s]*$")
_LEADING_LABEL = re.compile(
    r"^[\s（(]*(?:由|请)?(?:牵头|配合|责任|协同|协办|主办|承办|参与|相关责任|联系|主管)?(?:单位|部门)\s*[:：]\s*")
_ROLE_MARK = re.compile(r"[（(]\s*(?:牵头|配合|协办|主办|负责)\s*[）)]")
_HARD_SEPARATORS = "、，,；;／/"
_JOIN_WORDS = ("以及", "和", "及", "与")


def _bracket_depths(text: str) -> list[int]:
    """Bracket depth before each character (a string's own brackets)."""
    depths, depth = [], 0
    for ch in text:
        if ch in _CLOSE_BRACKETS and depth:
            depth -= 1
            depths.append(depth)
            continue
        depths.append(depth)
        if ch in _OPEN_BRACKETS:
            depth += 1
    return depths


def _strip_brackets(text: str) -> str:
    """The text without bracketed parts: "县政府办（金融办）" -> "县政府办"."""
    out, depth = [], 0
    for ch in text:
        if ch in _OPEN_BRACKETS:
            depth += 1
        elif ch in _CLOSE_BRACKETS and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def unit_suffix(name: str) -> str | None:
    """The longest unit suffix a name ends with (brackets and spaces ignored), or None."""
    core = re.sub(rf"[{_SPACES}]+", "", _strip_brackets(name)).rstrip("等")
    for suffix in _SUFFIXES:
        if core.endswith(suffix):
            return suffix
    return None


_BARE_COLLECTIVES = {"街道办", "街道办事处", "街道", "乡镇", "镇街", "村（社区）", "村(社区)", "镇（街道）", "镇(街道)",
                     "乡镇（街道）", "乡镇(街道)", "社区", "成员单位", "镇政府", "乡镇政府", "镇政府、街道办"}
# Besides unit suffixes, a collective may end in a place word: 各县市, 各市州.
_COLLECTIVE_PLACE_END = ("市", "县", "州", "旗")
# "县安委会各成员单位": the member units of the body named before them, one collective.
_MEMBERS_OF = re.compile(r"^(?:各|全体)?成员单位$")

# Bodies whose name is nothing but a unit word: a 联席会议 of several units, 科协, 政协.
_STANDALONE_BODIES = {"联席会议", "科协", "政协"}

# Words that put a text in a sentence, not in a unit name: verbs of assignment and
# function words ("有关部门下达全市…", "县财政局对项目…").
_CLAUSE_WORDS = re.compile(
    r"[由的把被]|按照|下达|负责|牵头(?!单位|部门)|配合(?!单位|部门)|召开|开展|定期|完成|实现|做好|加强|提出|审定|批准|印发|"
    r"报送|确保|推动|提请|问题|按程序|遇到|设在|设于")
# 与/为/从/向/对/将 between a whole unit and the start of another ("县财政局向市财政局",
# "高新区与各镇") are the sentence's words; inside names they are not (城关镇向阳村,
# 白沙镇为民服务中心, 将乐县).
_FUNCTION_CHARS = "与为从向对将"
_NEXT_UNIT_START = re.compile(r"^(?:[省市县区州旗镇乡]|各|相关|有关|其他)")
# A unit name never opens with a verb ("组织…", "加强…"); the organ words these verbs also
# begin are allowed where nothing but a suffix follows (组织部).
VERB_PREFIX = re.compile(
    r"^(?:召开|举办|协同|联合|组织|邀请|支持|鼓励|引导|推动|建立|成立|设立|开展|加强|强化|完善|落实|做好|提高|提升|"
    r"进一步|积极|全力|认真|及时|对接|加快|统筹|实行|实施|推进|督促|指导|协调|协助|配合|参与|负责|监督|保障|遇到|提请|"
    r"按照|根据|围绕|对照|结合|通过|确保|利用|依托|争取|争创|打造)")
# A department named by its place and field alone: "县财政", "青山县财政". Printed so inside
# lists and role positions ("县财政、县审计局", "由县财政保障"), where the context shows it is
# a unit; as a clause's only subject it may be the field of work ("县财政压力…"), and without
# the place ("由财政安排…") it is.
_DEPARTMENT_FIELDS = (
    "财政|发改|住建|卫健|人社|教育|教体|公安|民政|司法|水利|农业农村|农业|农村|自然资源|生态环境|环保|交通运输|交通|"
    "商务|文旅|文广|统计|审计|税务|应急|林业|城管|市场监管|医保|退役军人|信访|国资|金融|消防|气象|供电|烟草|邮政|"
    "工信|科技|住保|规划|国土|人防|档案|粮食|能源|电力|海事|港务|交警|团委|妇联")
_LISTED_DEPARTMENT = re.compile(
    rf"^(?![全本该各])[\u4e00-\u9fff]{{0,6}}?[省市县区州旗](?:{_DEPARTMENT_FIELDS})(?:（[^（）]{{1,8}}）)?$")


def is_collective(name: str) -> bool:
    """A name that stands for a set of units, not one: 市直相关单位, 各镇政府, 街道办,
    相关镇政府, 各乡镇, 各市属国有企业, 相关执收单位, 市直各单位, 13个专业委员会牵头单位,
    县安委会各成员单位. Like a unit, it ends in a unit word ("各部门要…" is not one)."""
    core = re.sub(rf"[{_SPACES}]+", "", name or "")
    if not core:
        return False
    if core in _BARE_COLLECTIVES:
        return True
    if _names_a_sentence(core):
        return False
    head = _strip_brackets(core)
    head = head[:-1] if len(head) > 1 and head.endswith("等") else head
    if not (unit_suffix(head) or head.endswith(_COLLECTIVE_PLACE_END)):
        return False
    opener = _COLLECTIVE_START.match(core)
    if opener and len(core) > opener.end():
        return True
    if _COUNTED.match(core) and len(core) > _COUNTED.match(core).end() or len(core) > 1 and core.endswith("等"):
        return True
    # 市直各单位, 辖内各金融机构: a scope followed by 各
    if re.match(r"^[\u4e00-\u9fff]{1,4}各[\u4e00-\u9fff]", core) and core.endswith(("单位", "部门", "机构", "企业", "镇", "街道")):
        return True
    members = re.search(r"(?:各|全体)?成员单位$", core)
    if members and members.start() > 1 and looks_like_unit(core[:members.start()]):
        return True  # 县安委会各成员单位, 县防汛抗旱指挥部成员单位
    return False


def _names_a_sentence(core: str) -> bool:
    """Clause words, a verb at the start, a function word after a whole unit."""
    bare = _strip_brackets(core)
    if _CLAUSE_WORDS.search(bare):
        return True
    verb = VERB_PREFIX.match(bare)
    if verb and bare[verb.end():] not in _SUFFIX_KINDS and not bare.startswith("性", verb.end()):
        return True
    if bare.startswith("与"):
        return True
    for i, ch in enumerate(bare):
        if ch in _FUNCTION_CHARS and i >= 2 and _is_whole_unit(bare[:i]) and _NEXT_UNIT_START.match(bare[i + 1:]):
            return True
    # the head of a generic unit word describes the units (相关执收单位, 公办养老机构): a
    # preposition there makes it a clause ("紧密对接上级部门")
    suffix = unit_suffix(bare)
    if suffix and _SUFFIX_KINDS[suffix] == "generic" and re.search(r"[与向从将为]|对(?!口)", bare[:-len(suffix)]):
        return True
    return False


def _is_whole_unit(core: str) -> bool:
    suffix = unit_suffix(core)
    return suffix is not None and len(core) > len(suffix) and not core.endswith(_NOT_UNIT_ENDINGS)


def looks_like_unit(name: str, listed: bool = False) -> bool:
    """Whether a piece of text reads as a unit or collective: it ends in a unit word
    (局, 委, 镇政府, 管委会, 科协, 联席会议 …) and holds no words of a sentence.

    `listed`: the text stands in a list of units or a role position (牵头单位：…, 由…负责),
    where a department named by its field alone ("县财政") is a unit too."""
    core = re.sub(rf"[{_SPACES}]+", "", name or "")
    if not core:
        return False
    if listed and _LISTED_DEPARTMENT.match(core):
        return True
    if is_collective(core):
        return True
    if _names_a_sentence(core):
        return False
    suffix = unit_suffix(core)
    if suffix is None or _strip_brackets(core).endswith(_NOT_UNIT_ENDINGS):
        return False
    return len(_strip_brackets(core)) > len(suffix) or core in _STANDALONE_BODIES


def _is_complete(piece: str, following: str = "") -> bool:
    """A piece of a list that can end a unit (so a space or 和/及 after it splits).
    A department named by its field ends one only where the next unit plainly begins
    ("县财政及县审计局"; not "自然资源和规划局", "教育和体育局")."""
    core = re.sub(rf"[{_SPACES}]+", "", piece)
    if not core or any(d > 0 for d in _bracket_depths(core)[-1:]) and core[-1] not in _CLOSE_BRACKETS:
        return False
    if core[-1] in _CLOSE_BRACKETS:
        return True  # "各镇（街道）", "县政府办（金融办）"
    if _LISTED_DEPARTMENT.match(core):
        return bool(_NEXT_UNIT_START.match(following.strip(_SPACES)))
    return looks_like_unit(core)


def _valid_unit_at(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    if len(piece) < 2:
        return False
    suffix = unit_suffix(piece)
    if suffix is None:
        return False
    core = _strip_brackets(piece)
    if core.endswith(_NOT_UNIT_ENDINGS):
        return False
    return len(core) > len(suffix)


def _suffix_ends(text: str, start: int, depths: list[int]) -> list[tuple[int, str]]:
    """Positions after which a unit suffix ends (outside brackets), with that suffix."""
    ends = []
    for i in range(start + 1, len(text) + 1):
        if depths[i - 1] > 0 and text[i - 1] not in _CLOSE_BRACKETS:
            continue
        if i < len(text) and text[i] in _OPEN_BRACKETS:
            continue  # the bracket belongs to the unit before it
        head = _strip_brackets(text[start:i])
        for suffix in _SUFFIXES:
            if head.endswith(suffix) and len(head) > len(suffix):
                ends.append((i, suffix))
                break
    return ends


def _starts_collective(text: str) -> bool:
    return bool(_COLLECTIVE_START.match(text)) or bool(_COUNTED.match(text))


_MULTI_CHAR_SUFFIXES = tuple(s for s in _SUFFIXES if len(s) > 1)


# The second organ of a joint office: 纪委监委, 党工委管委会, 镇党委.
_JOINT_OFFICE_SECOND = ("监委", "党工委", "纪工委", "党委", "党组", "工委")


def _opens_with_suffix(text: str) -> bool:
    """Text that begins with a suffix word ("管委会…", "政府…") or the second organ of a joint
    office ("监委") continues the unit before it, unless it begins with a bare collective ("街道办…")."""
    if text.startswith(_JOINT_OFFICE_SECOND):
        return True
    if not text.startswith(_MULTI_CHAR_SUFFIXES):
        return False
    return not any(text.startswith(c) for c in _BARE_COLLECTIVES)


def _first_unit(rest: str, known: Collection[str]) -> str | None:
    """The shortest unit that `rest` begins with such that the remainder is units too."""
    for k in sorted(known, key=lambda u: (-len(u), u)):
        if k and rest.startswith(k) and (len(k) == len(rest) or _parsable(rest[len(k):], known)):
            return k
    if _opens_with_suffix(rest):
        return None
    for end, _suffix in _suffix_ends(rest, 0, _bracket_depths(rest)):
        head = rest[:end]
        if not (_valid_unit_at(rest, 0, end) or is_collective(head)):
            continue
        if end == len(rest) or _parsable(rest[end:], known):
            return head
    return None


def _parsable(text: str, known: Collection[str], depth: int = 0) -> bool:
    """Whether text reads as one or more units printed together."""
    if not text:
        return True
    if depth > 8 or _opens_with_suffix(text):
        return False
    for end, _suffix in _suffix_ends(text, 0, _bracket_depths(text)):
        if (_valid_unit_at(text, 0, end) or is_collective(text[:end])) and _parsable(text[end:], known, depth + 1):
            return True
    return False


def _cuts_here(left: str, rest: str, known: Collection[str]) -> bool:
    """Whether a unit boundary falls between `left` (a whole unit) and `rest`."""
    if _MEMBERS_OF.match(rest):
        return False  # 县安委会各成员单位: the members of the body before
    if _starts_collective(rest):
        return _parsable(rest, known) or is_collective(rest)
    first = _first_unit(rest, known)
    if first is None:
        return False
    if left in known and first in known:
        return True
    suffix = unit_suffix(first)
    if suffix is None:
        return is_collective(first)
    if is_collective(first):
        return True
    if _SUFFIX_KINDS[suffix] != "top":
        return False  # 市公安局经侦大队, 政府办金融办: a part of the unit before it; 牵头单位: generic
    if len(_strip_brackets(left)) <= 2 and len(_strip_brackets(first)) <= 2:
        return False  # abbreviated compounds: 纪委监委
    return True


def _inside_suffix(piece: str, cut: int) -> bool:
    for suffix in _MULTI_CHAR_SUFFIXES:
        for offset in range(1, len(suffix)):
            if piece[cut - offset:cut - offset + len(suffix)] == suffix:
                return True
    return False


def _split_run_together(piece: str, known: Collection[str]) -> list[str]:
    """Split units the PDF printed without a separator: "交通运输局长宁镇政府"."""
    if len(piece) < 4:
        return [piece]
    depths = _bracket_depths(piece)
    out: list[str] = []
    start = 0
    while start < len(piece):
        cut = None
        for end, _suffix in _suffix_ends(piece, start, depths[:]):
            if end >= len(piece) - 1:
                break
            left, rest = piece[start:end], piece[end:]
            if piece[end - 1:end + 1] in _UNCUT or piece[end - 2:end + 1] in _UNCUT or piece[end - 1:end + 2] in _UNCUT:
                continue
            if _inside_suffix(piece, end):
                continue  # 管委|会, 长宁镇|政府: the cut would break a suffix word
            if piece[end] in _SUFFIX_KINDS and _valid_unit_at(piece, start, end + 1):
                continue  # 人社|局: the suffix character after the cut ends this unit
            if not (_valid_unit_at(piece, start, end) or is_collective(left)):
                continue
            if left not in known and len(re.sub(r"^(?:市|县|区|省)", "", _strip_brackets(left))) < 2:
                continue  # "市委" of 市委编办 is a parent, not a unit of the list
            if _cuts_here(left, rest, known):
                cut = end
                break
        if cut is None:
            out.append(piece[start:])
            break
        out.append(piece[start:cut])
        start = cut
    return out


def _split_spaced(segment: str) -> list[str]:
    """Split a separator-free segment on layout spaces where the text before is complete."""
    tokens = [t for t in re.split(rf"[{_SPACES}]+", segment) if t]
    out: list[str] = []
    for token in tokens:
        if out and not _is_complete(out[-1], token):
            out[-1] = out[-1] + " " + token
        else:
            out.append(token)
    # a last piece that cannot stand alone ("政府") goes back to the one before it
    if len(out) > 1 and not looks_like_unit(out[-1]) and len(re.sub(rf"[{_SPACES}]", "", out[-1])) <= 2:
        out[-2:] = [out[-2] + " " + out[-1]]
    return out


def _split_join_words(segment: str) -> list[str]:
    """Split on 和/及/与 where a whole unit stands before the word and another after it."""
    depths = _bracket_depths(segment)
    for word in _JOIN_WORDS:
        pos = segment.find(word)
        while pos > 0:
            if depths[pos] == 0:
                left, right = segment[:pos], segment[pos + len(word):]
                if _is_complete(left.strip(), right) and (looks_like_unit(right.strip()) or _starts_collective(right.strip())
                                                   or _split_join_words(right) != [right]):
                    return _split_join_words(left) + _split_join_words(right)
            pos = segment.find(word, pos + 1)
    return [segment]


def _split_hard(text: str) -> list[str]:
    depths = _bracket_depths(text)
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch in _HARD_SEPARATORS and depths[i] == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def clean_unit_list_text(text: str) -> str:
    """Drop a leading label (牵头单位：) and trailing 等/等单位/按职能分工负责 from a list."""
    text = (text or "").strip()
    text = _LEADING_LABEL.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_NOISE.sub("", text).strip()
        text = re.sub(r"[（(]\s*[）)]$", "", text).strip()
    return text


def split_unit_list(text: str, known: Collection[str] = ()) -> list[str]:
    """Split a printed list of units into single units or collectives, as written.

    `known` may hold units seen standing alone elsewhere in the same document;
    they help to split run-together units that the grammar alone would keep
    ("自然资源局不动产登记中心" stays whole unless both halves are known).
    Layout spaces inside a unit are kept as printed ("各 镇").
    """
    try:
        return _split_unit_list(text, known)
    except Exception:  # a grammar must never break an extractor
        return [text.strip()] if text and text.strip() else []


def _split_keeping_spaces(piece: str, known: Collection[str]) -> list[str]:
    """Run-together splitting of a piece that may hold layout spaces ("交通运输局长宁镇 政府"):
    split its squeezed form, hand back the pieces as printed ("各 镇" stays "各 镇")."""
    kept = [i for i, ch in enumerate(piece) if ch not in _SPACES]
    squeezed = "".join(piece[i] for i in kept)
    parts = _split_run_together(squeezed, known)
    out, pos = [], 0
    for part in parts:
        first, last = kept[pos], kept[pos + len(part) - 1]
        out.append(piece[first:last + 1])
        pos += len(part)
    return out


def _split_unit_list(text: str, known: Collection[str]) -> list[str]:
    text = clean_unit_list_text(text)
    text = _ROLE_MARK.sub("", text)
    units: list[str] = []
    for hard in _split_hard(text):
        hard = hard.strip(_SPACES)
        if not hard:
            continue
        for spaced in _split_spaced(hard):
            for joined in _split_join_words(spaced):
                joined = joined.strip(_SPACES)
                if not joined:
                    continue
                units.extend(_split_keeping_spaces(joined, known))
    return [u for u in (clean_unit_list_text(u) for u in units) if u]


def units_in_cells(cells: Iterable[str]) -> set[str]:
    """Units that stand alone in cells split by separators (for `known`)."""
    seen: set[str] = set()
    for cell in cells:
        for hard in _split_hard(clean_unit_list_text(cell or "")):
            for piece in re.split(rf"[{_SPACES}]+", hard):
                piece = piece.strip()
                if looks_like_unit(piece):
                    seen.add(piece)
    return seen
