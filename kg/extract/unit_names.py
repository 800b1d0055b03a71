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
  ("交通运输局|长宁镇政府"), never before a sub-unit ("市公安局经侦大队").
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
    "协会": "top", "学会": "top", "商会": "top", "联合会": "top", "促进会": "top", "会": "top", "联": "top",
    "银行": "top", "法院": "top", "检察院": "top", "医院": "top", "学校": "top", "学院": "top", "大学": "top",
    "中学": "top", "小学": "top", "幼儿园": "top",
    # offices and organs that are usually parts of another unit
    "办公室": "sub", "办": "sub", "中心": "sub", "指挥部": "sub", "部": "sub", "大队": "sub",
    "中队": "sub", "支队": "sub", "分队": "sub", "分局": "sub", "支局": "sub", "派出所": "sub",
    "所": "sub", "站": "sub", "队": "sub", "院": "sub", "馆": "sub", "处": "sub", "办公厅": "sub",
    "工作组": "sub", "领导小组": "sub", "小组": "sub", "专班": "sub", "支行": "sub", "分行": "sub",
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
# Words that end in a suffix character but are not units: a unit never ends with them.
_NOT_UNIT_ENDINGS = ("城乡", "市场", "社会", "广场", "小区", "景区", "城区", "片区", "山区", "辖区", "库区", "矿区",
                     "老区", "农村", "城镇", "机关", "全区", "全镇", "全乡", "全村", "本局", "本委", "该局", "村社")

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


def is_collective(name: str) -> bool:
    """A name that stands for a set of units, not one: 市直相关单位, 各镇政府, 街道办,
    相关镇政府, 各乡镇, 各市属国有企业, 相关执收单位, 市直各单位, 13个专业委员会牵头单位."""
    core = re.sub(rf"[{_SPACES}]+", "", name or "")
    if not core:
        return False
    opener = _COLLECTIVE_START.match(core)
    if opener and len(core) > opener.end():
        return True
    if _COUNTED.match(core) and len(core) > _COUNTED.match(core).end() or len(core) > 1 and core.endswith("等"):
        return True
    if core in _BARE_COLLECTIVES:
        return True
    # 市直各单位, 辖内各金融机构: a scope followed by 各
    if re.match(r"^[\u4e00-\u9fff]{1,4}各[\u4e00-\u9fff]", core) and core.endswith(("单位", "部门", "机构", "企业", "镇", "街道")):
        return True
    return False


def looks_like_unit(name: str) -> bool:
    """Whether a piece of text reads as a unit or collective (ends in a unit suffix)."""
    core = re.sub(rf"[{_SPACES}]+", "", name or "")
    if not core:
        return False
    if is_collective(core):
        return True
    suffix = unit_suffix(core)
    if suffix is None or _strip_brackets(core).endswith(_NOT_UNIT_ENDINGS):
        return False
    return len(_strip_brackets(core)) > len(suffix)


def _is_complete(piece: str) -> bool:
    """A piece of a layout-spaced list that can end a unit (so a space after it splits)."""
    core = re.sub(rf"[{_SPACES}]+", "", piece)
    if not core or any(d > 0 for d in _bracket_depths(core)[-1:]) and core[-1] not in _CLOSE_BRACKETS:
        return False
    if core[-1] in _CLOSE_BRACKETS:
        return True  # "各镇（街道）", "县政府办（金融办）"
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


def _opens_with_suffix(text: str) -> bool:
    """Text that begins with a suffix word ("管委会…", "政府…") continues the unit before it,
    unless it begins with a bare collective ("街道办…")."""
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
        if out and not _is_complete(out[-1]):
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
                if _is_complete(left.strip()) and (looks_like_unit(right.strip()) or _starts_collective(right.strip())
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
