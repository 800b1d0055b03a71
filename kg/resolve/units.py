"""Units (organisations) and collectives: one UnitEntity per unit however it is written.

Rules, in the order they are tried (each merge is a ResolutionDecision with evidence):

- ``prefix``: a leading county name learned from the issuers ("青山县"), or a single
  市/县/区, does not change the unit (县财政局 = 财政局); neither do layout spaces or
  the kind of brackets.
- ``governing-body``: a town or street and its government are one actor
  (石门镇 = 石门镇政府 = 石门镇人民政府; 东城街道 = 东城街道办事处; 高新区 = 高新区管委会).
- ``also-named``: ``政府办（金融办）`` is one office with two names; 金融办 is an alias.
- ``county-prefix``: ``青山高新区`` is ``高新区`` where the latter is printed too.
- ``branch``: ``<city>市<X>局<county>分局`` is the county's ``<X>分局``, child of the city's bureau.
- ``suffix-class``: same stem, suffix 局/委 (卫健委 = 卫健局, 发改局 = 发改委); a bare stem or
  ``<stem>部门`` (发改, 民政部门) is the one unit with that stem.
- ``short-form``: an abbreviation whose characters appear in order in one longer form with
  the same head and suffix (市场监管局 ⊂ 市场监督管理局, 国资中心 ⊂ 国资服务中心).
- ``misprint``: a rare form one edit away (a changed, dropped or transposed character) from a
  common form with the same suffix (青禾晨光集团 printed once -> 青禾晟光集团; 促贸会 -> 贸促会;
  文广旅局 -> 文广旅体局).
- ``sub-unit``: ``公安局经侦大队`` is a child of 公安局; 经侦大队 alone is the same sub-unit.
Collectives (各镇政府, 市直相关单位, 相关镇政府, 街道办 …) are typed as such and only merge
with other spellings of the same collective, never with a unit.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.model import Span
from kg.resolve.model import Alias, ResolutionDecision, UnitEntity

_SPACES = re.compile(r"[\s\u3000]+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕"})

# Characters that may follow a leading 市/县/区 without it being the prefix (市场, 市委, 市直 …).
_NOT_A_PREFIX = re.compile(r"^(?:市|县|区)(?=场|委|直|属|级|本级|域|内|外|区|县|政(?!府)|民(?!政|宗|族))")
_SINGLE_PREFIX = re.compile(r"^(?:市|县|区)")
# Brand prefixes of state companies, ignored when comparing (国网XX供电公司 = 供电公司).
_BRANDS = ("国家电网", "国网", "中国移动", "中国电信", "中国联通", "中国邮政", "中国石化", "中国石油")

# How a unit name ends; the suffix class decides what may merge.
_SUFFIXES = (
    "人民政府办公室", "政府办公室", "办公室", "管理委员会", "管委会", "委员会", "人民政府", "办事处", "事务中心",
    "服务中心", "中心", "集团", "有限责任公司", "有限公司", "分公司", "公司", "分局", "支局", "局", "委", "办",
    "大队", "支队", "中队", "队", "院", "所", "站", "馆", "部", "厅", "处", "科", "室", "会", "社", "联", "行",
    "镇政府", "镇", "乡政府", "乡", "街道办", "街道", "村", "社区", "区", "园", "专班", "组", "指挥部",
)
_SUFFIX_CLASS = {
    "局": "局委", "委": "局委", "办": "办", "办公室": "办", "政府办公室": "办", "人民政府办公室": "办",
    "有限责任公司": "公司", "有限公司": "公司", "公司": "公司", "分公司": "公司",
    "管委会": "管委会", "管理委员会": "管委会", "事务中心": "中心", "服务中心": "中心", "中心": "中心",
}
# Kinds of unit that stand under another one when written after it (公安局经侦大队, 安委办打非专班);
# towns, bureaux and companies written after a unit are a list run together, not a child.
_SUB_UNIT_TAIL = re.compile(r"(?:大队|中队|支队|分队|所|站|科|股|室|中心|分局|支局|办|部|专班|组|分会|服务处)$")
_UNIT_TAIL = re.compile(r"(?:局|委|办|室|中心|院|所|站|馆|部|厅|处|队|社|会|行|公司|集团|镇|乡|街道|办事处|区|园|联|科|股|专班|组|指挥部|村|社区)$")

_COLLECTIVE = re.compile(
    r"^(?:各|相关|有关|其他|其它|全市|全县|全区|市直|县直|区直|驻\S{0,4}各|辖内|辖区|所属|属地|项目(?:所在|所属|实施|建设|业主)|全体)"
    r"|各|等(?:单位|部门)$|(?:单位|部门|机构|企业|主体)$"
    r"|^(?:镇|乡|乡镇|街道|街道办|街道办事处|村|社区|村（社区）|镇（街道）|乡镇（街道）|乡（镇）)$"
)
# Bare sector words with 部门/单位 ("民政部门") refer to the one bureau of that sector.
_SECTOR_REFERENCE = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,4})(?:部门|系统)$")
_GENERIC_STEMS = re.compile(r"^(?:相关|有关|其他|其它|行业|主管|职能|责任|执收|成员|各|监管|执法|行政|业务)")


def squeeze(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).translate(_BRACKETS) if text else ""


@dataclass
class CountyNames:
    """The gazette's own place: full name ("青山县") and short name ("青山")."""

    full: str | None = None
    short: str | None = None

    @classmethod
    def learn(cls, issuers: list[str]) -> "CountyNames":
        places = Counter()
        for issuer in issuers:
            m = re.match(r"^(.{2,8}?(?:市|县|区|旗))(?:人民政府|政府|委员会|人大|办公室|办)", squeeze(issuer or ""))
            if m:
                places[m.group(1)] += 1
        if not places:
            return cls()
        full = min(places, key=lambda p: (-places[p], p))
        short = full[:-1] if len(full) >= 3 else None
        return cls(full, short)


def strip_prefix(written: str, county: CountyNames) -> str:
    """县财政局 -> 财政局; 青山县财政局 -> 财政局; 市场监管局 stays (市场 is a word)."""
    text = squeeze(written)
    if county.full and text.startswith(county.full) and len(text) > len(county.full) + 1:
        return text[len(county.full):]
    if _SINGLE_PREFIX.match(text) and not _NOT_A_PREFIX.match(text) and len(text) > 2:
        return text[1:]
    return text


def is_collective(written: str) -> bool:
    text = squeeze(written)
    sector = _SECTOR_REFERENCE.match(text)
    if sector and not _GENERIC_STEMS.match(sector.group("stem")) and not sector.group("stem").startswith("各"):
        return False  # 民政部门 is the civil-affairs bureau, not a collective
    return bool(_COLLECTIVE.search(text))


def _collective_core(core: str) -> str:
    """Spellings of one collective: 各街道办事处 = 街道办事处 = 各街道办 = 街道办; 各镇政府 = 各镇."""
    text = re.sub(r"^各", "", core)
    text = text.replace("人民政府", "政府").replace("办事处", "办")
    text = re.sub(r"(镇|乡)政府$", r"\1", text)
    if text in ("街道", "街道办"):
        text = "街道办"
    return text


def _governed_core(core: str) -> str:
    """The place a government governs: 石门镇政府 -> 石门镇, 高新区管委会 -> 高新区."""
    text = core.replace("人民政府", "政府")
    for pattern, repl in ((r"^(.+(?:镇|乡))政府$", r"\1"), (r"^(.+街道)(?:办事处|办)$", r"\1"),
                          (r"^(.+(?:区|园))(?:管委会|管理委员会)$", r"\1"), (r"^(.+村)(?:委会|村委会)$", r"\1")):
        m = re.match(pattern, text)
        if m and len(m.group(1)) >= 3:
            return re.sub(pattern, repl, text)
    return text


def _comparison_core(core: str) -> str:
    text = core.replace("人民政府", "政府")
    for brand in _BRANDS:
        if text.startswith(brand) and len(text) > len(brand) + 2:
            text = text[len(brand):]
            break
    return text


def suffix_of(core: str) -> str:
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return suffix
    return ""


def _suffix_class(suffix: str) -> str:
    return _SUFFIX_CLASS.get(suffix, suffix)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _one_edit(a: str, b: str) -> str | None:
    """'substitute', 'drop' (a is b with one character dropped) or 'transpose', else None."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return "substitute"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "transpose"
        return None
    if len(a) + 1 == len(b):
        for i in range(len(b)):
            if b[:i] + b[i + 1:] == a:
                return "drop"
    return None


@dataclass
class _Written:
    written: str
    count: int = 0
    evidence: list[Span] = field(default_factory=list)


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


@dataclass
class UnitResolution:
    units: dict[str, UnitEntity]  # written -> entity
    decisions: list[ResolutionDecision]
    entities: dict[str, UnitEntity]  # key -> entity

    def key_of(self, written: str) -> str | None:
        entity = self.units.get(written)
        return entity.key if entity else None


class UnitResolver:
    """Collects written unit forms with their evidence, then clusters them."""

    def __init__(self, county: CountyNames, text: str = "", rare: int = 2):
        self.county = county
        self._text = _SPACES.sub("", text)  # how often a form is printed anywhere measures how rare it is
        self.rare = rare  # a misprint is seen at most this often
        self.seen: dict[str, _Written] = {}
        self.forced: list[tuple[str, str, str]] = []  # (canonical written, variant written, note)
        self.forbidden: list[tuple[str, str, str]] = []

    def see(self, written: str | None, evidence: Span | None = None) -> None:
        if not written or not written.strip():
            return
        item = self.seen.setdefault(written, _Written(written))
        item.count += 1
        if evidence is not None and len(item.evidence) < 3 and evidence not in item.evidence:
            item.evidence.append(evidence)

    # --- clustering ---------------------------------------------------------
    def resolve(self) -> UnitResolution:
        county = self.county
        core_of: dict[str, str] = {}  # written -> core (matching form)
        collective: dict[str, bool] = {}
        also_named: dict[str, str] = {}  # written -> second name in brackets
        for written in self.seen:
            text = squeeze(written)
            m = re.fullmatch(r"(.+?)（(.+?)）", text)
            base_text = text
            if m and len(m.group(1)) >= 3 and _UNIT_TAIL.search(m.group(1)) and _UNIT_TAIL.search(m.group(2)) \
                    and not is_collective(text):
                base_text = m.group(1)
                also_named[written] = strip_prefix(m.group(2), county)
            core = strip_prefix(base_text, county)
            collective[written] = is_collective(core)
            core_of[written] = _collective_core(core) if collective[written] else _comparison_core(_governed_core(core))

        counts_by_core: Counter = Counter()
        for written, item in self.seen.items():
            counts_by_core[(collective[written], core_of[written])] += item.count
        uf = _UnionFind()
        edges: dict[tuple, list[tuple[tuple, str]]] = defaultdict(list)  # node -> [(other node, rule)]
        misprint_variants: set[tuple] = set()
        forbidden_pairs = {frozenset((self._node(x, core_of, collective), self._node(y, core_of, collective)))
                           for a, b, _ in self.forbidden for x in self._matching(a) for y in self._matching(b)}

        def node(written):
            return self._node(written, core_of, collective)

        def join(a_node, b_node, rule):
            """Merge b into a's cluster, unless an override forbids it."""
            if uf.find(a_node) == uf.find(b_node):
                return
            if forbidden_pairs and any(frozenset((x, y)) in forbidden_pairs
                                       for x in self._members(uf, a_node, counts_by_core)
                                       for y in self._members(uf, b_node, counts_by_core)):
                return
            uf.union(a_node, b_node)
            edges[a_node].append((b_node, rule))
            edges[b_node].append((a_node, rule))
            if rule.startswith("misprint"):
                misprint_variants.add(b_node)  # never the label of its cluster

        nodes = sorted(counts_by_core, key=lambda n: (n[0], -len(n[1]), n[1]))
        for n in nodes:
            uf.find(n)
        units_nodes = [n for n in nodes if not n[0]]
        cores = {n[1]: n for n in units_nodes}

        # also-named: 政府办（金融办） -> 金融办 is 政府办
        second_names: dict[tuple, set] = defaultdict(set)
        for written, second in also_named.items():
            target = (False, _comparison_core(_governed_core(second)))
            if target in counts_by_core:
                join(node(written), target, "also-named")
            second_names[uf.find(node(written))].add(second)

        # county-prefix: 青山高新区 = 高新区
        if county.short:
            for n in units_nodes:
                core = n[1]
                if core.startswith(county.short) and core[len(county.short):] in cores:
                    join(cores[core[len(county.short):]], n, "county-prefix")

        # branch: <city>市<X>局<county>分局 -> <X>分局, parent <city>市<X>局
        parents: dict[tuple[bool, str], str] = {}
        if county.short:
            for n in units_nodes:
                m = re.fullmatch(rf"(?P<city>.{{2,4}}?[市州])(?P<stem>.+?)(?P<suffix>局|中心)(?P<county>{re.escape(county.short)})"
                                 rf"(?P<branch>分局|分中心|管理部|大队|中队|所)", n[1])
                if m:
                    parents[n] = strip_prefix(m.group("city") + m.group("stem") + m.group("suffix"), CountyNames())
                    derived = m.group("stem") + m.group("branch")
                    if (False, derived) in counts_by_core:
                        join(n, (False, derived), "branch")

        # suffix-class: same stem, suffixes of one class (局/委, 办/办公室, 管委会/管理委员会 …)
        by_stem: dict[tuple[str, str], list] = defaultdict(list)
        for n in units_nodes:
            suffix = suffix_of(n[1])
            if suffix and len(n[1]) - len(suffix) >= 2:
                by_stem[(n[1][:-len(suffix)], _suffix_class(suffix))].append(n)
        for (stem, suffix_class), group in sorted(by_stem.items()):
            if len({suffix_of(x[1]) for x in group}) < 2:
                continue
            group.sort(key=lambda x: (-counts_by_core[x], x))
            for other in group[1:]:
                join(group[0], other, "suffix-class")
        # bare stem or <stem>部门: the one unit of that stem
        for n in units_nodes:
            m = _SECTOR_REFERENCE.match(n[1])
            stem = m.group("stem") if m else (n[1] if not suffix_of(n[1]) and 2 <= len(n[1]) <= 4 else None)
            if not stem or _GENERIC_STEMS.match(stem):
                continue
            targets = {uf.find(t) for t in units_nodes if t != n and t[1].startswith(stem) and suffix_of(t[1])
                       and not _SECTOR_REFERENCE.match(t[1])}
            if len(targets) == 1:
                join(targets.pop(), n, "short-form")

        # short-form: abbreviation as subsequence of one longer form, same head and suffix class;
        # a composite "<unit><sub-unit>" (政府办优化办) is no long form of anything
        composites = {t for t in units_nodes for p in units_nodes
                      if p != t and len(p[1]) >= 3 and suffix_of(p[1]) and t[1].startswith(p[1])
                      and suffix_of(t[1][len(p[1]):]) and len(t[1]) - len(p[1]) >= 2}
        doubtful: list[tuple[tuple, tuple, str]] = []
        for n in sorted(units_nodes, key=lambda x: len(x[1])):
            short = n[1]
            s_suffix = suffix_of(short)
            if len(short) < 3 or not s_suffix:
                continue
            candidates = set()
            for t in units_nodes:
                long = t[1]
                if len(long) <= len(short) or long[0] != short[0] or t in composites:
                    continue
                if _suffix_class(suffix_of(long)) != _suffix_class(s_suffix):
                    continue
                if _is_subsequence(short[:-len(s_suffix)], long[:-len(suffix_of(long))]):
                    candidates.add(uf.find(t))
            candidates.discard(uf.find(n))
            if len(candidates) == 1:
                join(candidates.pop(), n, "short-form")
            elif len(candidates) > 1:
                doubtful.append((n, sorted(candidates)[0], "short-form: more than one longer form fits"))

        # misprint: rare form one edit from a common form with the same suffix
        in_text = {n: self._text.count(n[1]) if self._text else 0 for n in units_nodes}

        def cluster_counts():
            totals, printed_most = self._cluster_counts(uf, counts_by_core), Counter()
            for n in units_nodes:
                printed_most[uf.find(n)] = max(printed_most[uf.find(n)], in_text[n])
            return totals, printed_most

        totals, printed_most = cluster_counts()

        def printed(n) -> int:
            """How often a cluster is printed: in unit fields, and anywhere in the gazette."""
            root = uf.find(n)
            return max(totals[root], printed_most[root])

        for n in sorted(units_nodes, key=lambda x: (counts_by_core[x], x[1])):
            if printed(n) > self.rare:
                continue
            v_suffix = suffix_of(n[1])
            if n[1].endswith("政府") and n[1][:-2] + "镇" in cores and not n[1].endswith(("镇政府", "乡政府")):
                join(uf.find(cores[n[1][:-2] + "镇"]), n, "misprint-drop")  # 石门政府: 镇 dropped
                continue
            if not v_suffix:
                continue
            best = None
            for t in units_nodes:
                if uf.find(t) == uf.find(n) or suffix_of(t[1]) != v_suffix:
                    continue
                edit = _one_edit(n[1], t[1])
                if edit is None:
                    continue
                v_stem, k_stem = n[1][:-len(v_suffix)], t[1][:-len(v_suffix)]
                if edit == "substitute" and (len(v_stem) < 3 or v_stem[0] != k_stem[0]):
                    continue  # 民政局/财政局: short stems differ by a whole word
                if edit == "drop" and len(v_stem) < 2:
                    continue
                known = printed(t)
                if known < max(2 * printed(n), self.rare + 1):
                    doubtful.append((n, t, f"misprint? one character off ({edit}) but not rare enough"))
                    continue
                if best is None or known > printed(best[0]):
                    best = (t, edit)
            if best:
                join(uf.find(best[0]), n, f"misprint-{best[1]}")
                totals, printed_most = cluster_counts()

        # sub-unit: <unit><sub-unit> is a child; the sub-unit written alone is the same child
        for n in units_nodes:
            core = n[1]
            for p in units_nodes:
                pc = p[1]
                if p == n or not core.startswith(pc) or len(pc) < 3 or not suffix_of(pc):
                    continue
                tail = core[len(pc):]
                if tail in second_names.get(uf.find(p), ()):
                    join(p, n, "also-named")  # 政府办金融办: the office under both its names
                    continue
                if len(tail) >= 3 and _SUB_UNIT_TAIL.search(tail) and not tail.startswith(("和", "、")):
                    parents.setdefault(n, pc)
                    if (False, tail) in counts_by_core and (False, tail) not in parents:
                        join(n, (False, tail), "sub-unit")
        # "X派驻Y" / "X驻Y": Y is a child of X
        for n in units_nodes:
            m = re.fullmatch(r"(?P<parent>.+?(?:局|委|办|中心))(?:派驻|驻)(?P<child>.+)", n[1])
            if m:
                parents.setdefault(n, m.group("parent"))
                if (False, m.group("child")) in counts_by_core:
                    join(n, (False, m.group("child")), "sub-unit")

        # overrides: forced merges
        for canonical, variant, note in self.forced:
            for c in self._matching(canonical)[:1]:
                for v in self._matching(variant):
                    a, b = node(c), node(v)
                    if uf.find(a) != uf.find(b):
                        uf.union(a, b)
                        edges[a].append((b, "override"))
                        edges[b].append((a, "override"))

        return self._entities(uf, core_of, collective, edges, misprint_variants, parents, also_named, doubtful)

    def _matching(self, written: str) -> list[str]:
        """Written forms of the gazette that an override's form names (prefix and spaces aside)."""
        wanted = strip_prefix(written, self.county)
        return sorted(w for w in self.seen if strip_prefix(w, self.county) == wanted)

    @staticmethod
    def _node(written, core_of, collective):
        return (collective[written], core_of[written])

    @staticmethod
    def _members(uf, node, counts_by_core):
        root = uf.find(node)
        return [n for n in counts_by_core if uf.find(n) == root]

    @staticmethod
    def _cluster_counts(uf, counts_by_core) -> Counter:
        totals: Counter = Counter()
        for n, c in counts_by_core.items():
            totals[uf.find(n)] += c
        return totals

    def _entities(self, uf, core_of, collective, edges, misprint_variants, parents, also_named, doubtful) -> UnitResolution:
        clusters: dict[tuple, list[str]] = defaultdict(list)
        for written in self.seen:
            clusters[uf.find(self._node(written, core_of, collective))].append(written)
        units: dict[str, UnitEntity] = {}
        entities: dict[str, UnitEntity] = {}
        decisions: list[ResolutionDecision] = []
        label_of_root: dict[tuple, str] = {}
        for root, members in sorted(clusters.items(), key=lambda kv: kv[0]):
            # label: the most common printed form, never a misprint (ties: printed more often anywhere,
            # then the longer, then text order)
            misprints = {w for w in members if self._node(w, core_of, collective) in misprint_variants}
            by_form: Counter = Counter()
            for w in members:
                if w not in misprints or len(misprints) == len(members):
                    by_form[squeeze(w)] += self.seen[w].count
            label_form = min(by_form, key=lambda f: (-by_form[f], -self._text.count(f), -len(f), f))
            label = min((w for w in members if squeeze(w) == label_form), key=lambda w: (-self.seen[w].count, w))
            key = strip_prefix(re.sub(r"（.+?）$", "", squeeze(label)) or squeeze(label), self.county)
            if collective[label]:
                key = squeeze(label)
            entity = UnitEntity(key=key, label=label, is_collective=collective[label])
            label_node = self._node(label, core_of, collective)
            parent_core = parents.get(label_node) or next(
                (parents[self._node(w, core_of, collective)] for w in members if self._node(w, core_of, collective) in parents), None)
            entity.parent = parent_core
            label_of_root[root] = label
            rule_to_label = self._rules_towards(label_node, edges)
            for w in sorted(members, key=lambda w: (-self.seen[w].count, w)):
                units[w] = entity
                if w == label:
                    continue
                w_node = self._node(w, core_of, collective)
                rule = rule_to_label.get(w_node) or self._same_core_rule(w, label)
                entity.aliases.append(Alias(written=w, rule=rule, evidence=tuple(self.seen[w].evidence[:1])))
                decisions.append(ResolutionDecision(
                    kind="unit", canonical=label, variant=w, rule=rule,
                    status="forced" if rule == "override" else "merged",
                    evidence=tuple(self.seen[w].evidence[:1] + self.seen[label].evidence[:1]),
                    note=f"{w} -> {label} (key {key})",
                ))
            for w in members:
                if w in also_named and all(a.written != also_named[w] for a in entity.aliases):
                    entity.aliases.append(Alias(written=also_named[w], rule="also-named",
                                                evidence=tuple(self.seen[w].evidence[:1])))
            # keys are unique: a clash gets the cluster's longest form
            if key in entities and entities[key] is not entity:
                entity.key = strip_prefix(max(members, key=len), self.county)
            entities[entity.key] = entity
        # parent keys point at entity keys where the parent is printed
        core_to_key = {}
        for w, e in units.items():
            core_to_key.setdefault(core_of[w], e.key)
        for e in entities.values():
            if e.parent:
                e.parent = core_to_key.get(e.parent, e.parent)
                if e.parent == e.key:
                    e.parent = None
        for variant_node, other, note in doubtful:
            v_root, o_root = uf.find(variant_node), uf.find(other)
            if v_root == o_root:
                continue
            v_label, o_label = label_of_root[v_root], label_of_root[o_root]
            decisions.append(ResolutionDecision(
                kind="unit", canonical=o_label, variant=v_label, rule=note.split(":")[0].split("?")[0],
                status="doubtful", evidence=tuple(self.seen[v_label].evidence[:1] + self.seen[o_label].evidence[:1]),
                note=note,
            ))
        for canonical, variant, note in self.forbidden:
            for c in self._matching(canonical)[:1]:
                for v in self._matching(variant)[:1]:
                    decisions.append(ResolutionDecision(
                        kind="unit", canonical=units[c].label, variant=v, rule="override", status="forbidden",
                        evidence=tuple(self.seen[v].evidence[:1] + self.seen[c].evidence[:1]),
                        note=note or "kept apart by the override file"))
        return UnitResolution(units=units, decisions=decisions, entities=entities)

    @staticmethod
    def _rules_towards(label_node, edges) -> dict:
        """For every node of the cluster, the rule of the join that connects it towards the label."""
        rules, queue = {label_node: None}, [label_node]
        while queue:
            current = queue.pop(0)
            for other, rule in edges.get(current, []):
                if other not in rules:
                    rules[other] = rule
                    queue.append(other)
        return rules

    def _same_core_rule(self, written: str, label: str) -> str:
        """Why two written forms with one core are one unit."""
        a, b = squeeze(written), squeeze(label)
        if a == b:
            return "layout-space"
        if strip_prefix(a, self.county) == strip_prefix(b, self.county):
            return "prefix"
        if is_collective(a):
            return "collective-spelling"
        if re.sub(r"（.+?）$", "", a) != a or re.sub(r"（.+?）$", "", b) != b:
            return "also-named"
        if _governed_core(strip_prefix(a, self.county)) == _governed_core(strip_prefix(b, self.county)):
            return "governing-body"
        return "same-core"
