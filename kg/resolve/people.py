"""People: the gazette's cast, layout spaces, misprints and homonyms.

1. **Cast.** Names learned from places that name exactly one person or print names
   without layout spaces: personnel notices, title lines, 出席 lines, "X同志牵头" phrases,
   unspaced names in lists.
2. **Layout spaces.** A string such as ``王 明 李 四`` or ``赵 刚 欧阳华`` is split into
   people by choosing the segmentation that best fits the cast; unknown names fall back on
   the shape of Chinese names (two or three characters; a lone character joins its neighbour).
3. **Misprints.** A rare name (printed at most twice, never in a notice, title line or
   attendance list) one character off a better-attested name with the same surname, in the
   same role and beside at least two of the same companions (or with the same unit), is
   mapped to it, with an Alias and a ResolutionDecision carrying both evidences.
   Names of different length never merge (王明 / 王明亮), nor do names printed side by side.
4. **Homonyms.** One name seen with two different units outside one personnel notice is
   flagged doubtful and kept as one node; where the same list names it twice with different
   units the second person gets the key ``name~2``.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.registry import ExtractedFacts
from kg.extract.titles import COMPOUND_SURNAMES, OFFICE_TAIL, looks_like_delimited_name, looks_like_name
from kg.model import Span
from kg.resolve.model import Alias, PersonEntity, ResolutionDecision

_SPACES = re.compile(r"[\s\u3000]+")
_UNIT_END = re.compile(r"(?:局|委|办|室|中心|院|所|站|馆|部|厅|处|队|社|会|行|公司|集团|镇|乡|街道|办事处|区|园|联)$")


# Fields printed with care, one person at a time: a name there is no misprint of a neighbour.
_CAREFUL_FIELDS = frozenset({"personnel", "title", "attendance", "meeting.chair", "meeting.attendee"})


def squeeze(text: str) -> str:
    return _SPACES.sub("", text or "")


def unit_in_title(title: str | None) -> str | None:
    """The organisation part of a printed title: 县财政局副局长 -> 县财政局; 副县长 -> None."""
    if not title:
        return None
    for piece in re.split(r"[、，,]", squeeze(title)):
        if piece.endswith("常委"):
            continue  # a rank in the party committee, not a workplace
        unit = re.sub(rf"(?:(?:党组|党委)?(?:书记|副书记|成员)|{OFFICE_TAIL}|副|常务|四级|三级|二级|一级|总)+$", "", piece)
        if unit != piece and len(unit) >= 2 and _UNIT_END.search(unit):
            return unit
    return None


@dataclass
class PersonMention:
    written: str  # as printed (may hold layout spaces or several names)
    field: str  # "personnel", "title", "attendance", "task.lead_leaders", "task.responsible", "group", "meeting.<role>"
    doc_no: str
    evidence: Span
    slot: tuple  # identifies the printed list it belongs to (companions share a slot)
    unit: str | None = None  # affiliation as written (observer unit, unit in title or post)
    single: bool = False  # the field names exactly one person
    explained_by: str | None = None  # personnel notice that explains this affiliation

    @property
    def in_table(self) -> bool:
        return "\t" in self.evidence.text


def collect_mentions(facts: ExtractedFacts) -> list[PersonMention]:
    out: list[PersonMention] = []
    for i, p in enumerate(facts.personnel):
        out.append(PersonMention(p.person, "personnel", p.doc_no, p.evidence, ("personnel", i),
                                 unit_in_title(p.post), single=True, explained_by=p.doc_no))
    for i, t in enumerate(facts.titles):
        if t.context == "出席":
            out.append(PersonMention(t.person, "attendance", t.doc_no, t.evidence, ("attendance", t.doc_no, t.evidence.start)))
        else:
            out.append(PersonMention(t.person, "title", t.doc_no, t.evidence, ("title", i), unit_in_title(t.title), single=True))
    for i, task in enumerate(facts.tasks):
        for role in ("lead_leaders", "responsible"):
            for name in getattr(task, role):
                out.append(PersonMention(name, f"task.{role}", task.doc_no, task.evidence, ("task", i, role)))
    for i, group in enumerate(facts.groups):
        for j, member in enumerate(group.members):
            if member.person:
                out.append(PersonMention(member.person, f"group.{member.role}", group.doc_no, member.evidence,
                                         ("group", i, member.role), unit_in_title(member.title)))
    for i, meeting in enumerate(facts.meetings):
        for p in meeting.participants:
            slot = ("meeting", i, p.role, p.unit) if p.role == "observer" else ("meeting", i, p.role)
            out.append(PersonMention(p.person, f"meeting.{p.role}", meeting.doc_no, p.evidence, slot, p.unit,
                                     single=p.role in ("chair", "recorder")))
    return out


# --- cast and layout spaces ---------------------------------------------------

def learn_cast(mentions: list[PersonMention]) -> Counter:
    """Names printed unambiguously: no layout spaces, or a field that names one person (there
    the surname need not be in the list: "任命宦志鹏为…" names 宦志鹏)."""
    cast: Counter = Counter()
    for m in mentions:
        written = m.written.strip()
        if not written:
            continue
        if m.single and looks_like_delimited_name(written):
            cast[squeeze(written)] += 1
        elif not _SPACES.search(written) and looks_like_name(written):
            cast[written] += 1
    return cast


def _group_score(name: str, cast: Counter) -> float:
    if name in cast:
        return 3.0 + min(math.log(cast[name]), 2.0)
    if looks_like_name(name):
        longest_common = 4 if name[:2] in COMPOUND_SURNAMES else 3
        return 1.0 if len(name) <= longest_common else 0.2
    if len(name) == 1:
        return -5.0
    return -3.0


def split_names(written: str, cast: Counter) -> list[str]:
    """People in a string as printed: "王 明 李 四" -> ["王明", "李四"], "赵 刚 欧阳华" -> ["赵刚", "欧阳华"]."""
    text = (written or "").strip()
    if not text:
        return []
    tokens = text.split()
    if len(tokens) == 1:
        return _split_run(tokens[0], cast)
    # best segmentation of the tokens into groups of 2..5 characters
    n = len(tokens)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score_i, names_i = best[i]
        joined = ""
        for j in range(i, n):
            joined += tokens[j]
            if len(joined) > 5 and j > i:
                break  # a single long token still stands as its own group, so every split ends
            candidate = (score_i + _group_score(joined, cast), names_i + [joined])
            if best[j + 1] is None or candidate[0] > best[j + 1][0] + 1e-9:
                best[j + 1] = candidate
    if best[n] is None or all(_group_score(name, cast) <= 0 for name in best[n][1]):
        return [squeeze(text)]  # no name in it ("各街道 办主任"): keep the words together
    names: list[str] = []
    for name in best[n][1]:
        names.extend(_split_run(name, cast))
    return names


def _split_run(run: str, cast: Counter) -> list[str]:
    """An unspaced run longer than a name, fully covered by cast names ("赵刚欧阳华"), is split."""
    if len(run) <= 4 or not cast:
        return [run]
    n = len(run)
    reach: list[list[str] | None] = [None] * (n + 1)
    reach[0] = []
    for i in range(n):
        if reach[i] is None:
            continue
        for length in (2, 3, 4):
            piece = run[i:i + length]
            if len(piece) == length and piece in cast and reach[i + length] is None:
                reach[i + length] = reach[i] + [piece]
    return reach[n] if reach[n] else [run]


# --- misprints and homonyms ---------------------------------------------------

@dataclass
class NameMention:
    """One person of a printed string, after layout spaces are resolved."""

    name: str
    mention: PersonMention
    companions: frozenset
    spaced: bool  # printed with layout spaces


@dataclass
class PeopleResolution:
    canonical: dict[str, str]  # name after layout resolution -> canonical name
    persons: dict[str, PersonEntity]
    decisions: list[ResolutionDecision]
    splits: dict[str, list[str]]  # written string -> names (before misprint mapping)
    distinct: dict[tuple, str] = field(default_factory=dict)  # (slot, name, unit) -> key of a homonym

    def names_of(self, written: str) -> list[str]:
        return [self.canonical.get(n, n) for n in self.splits.get(written, [squeeze(written)] if written else [])]


class PeopleResolver:
    def __init__(self, mentions: list[PersonMention], text: str = "", unit_key=None, rare: int = 2):
        self.mentions = mentions
        self.rare = rare
        self._text = _SPACES.sub("", text)
        self.unit_key = unit_key or (lambda written: squeeze(written) if written else None)
        self.forced: list[tuple[str, str, str]] = []  # (canonical, variant, note)
        self.forbidden: list[tuple[str, str, str]] = []
        self.homonyms: list[tuple[str, tuple[str, ...], str]] = []  # (name, doc_nos that hold the other person, note)

    def resolve(self) -> PeopleResolution:
        cast = learn_cast(self.mentions)
        splits: dict[str, list[str]] = {}
        names: list[NameMention] = []
        by_slot: dict[tuple, list[str]] = defaultdict(list)
        per_mention: list[tuple[PersonMention, list[str]]] = []
        for m in self.mentions:
            if m.written not in splits:
                splits[m.written] = [squeeze(m.written)] if m.single and looks_like_delimited_name(m.written) else split_names(m.written, cast)
            per_mention.append((m, splits[m.written]))
            by_slot[m.slot].extend(splits[m.written])
        for m, found in per_mention:
            for name in found:
                companions = frozenset(n for n in by_slot[m.slot] if n != name)
                names.append(NameMention(name, m, companions, spaced=bool(_SPACES.search(m.written.strip()))))

        decisions: list[ResolutionDecision] = []
        counts = Counter(n.name for n in names)
        canonical = self._misprints(names, counts, decisions)
        for target, variant, note in self.forced:
            canonical[variant] = target
            decisions.append(ResolutionDecision("person", target, variant, "override", "forced",
                                                self._evidence_of(names, variant, target), note))
        for a, b, note in self.forbidden:
            decisions.append(ResolutionDecision("person", a, b, "override", "forbidden",
                                                self._evidence_of(names, b, a), note))
        # chains (a -> b -> c) end at the last name
        for name in list(canonical):
            seen = {name}
            target = canonical[name]
            while target in canonical and target not in seen:
                seen.add(target)
                target = canonical[target]
            canonical[name] = target

        persons: dict[str, PersonEntity] = {}

        def entity(key: str, name: str) -> PersonEntity:
            if key not in persons:
                persons[key] = PersonEntity(key=key, name=name)
            return persons[key]

        for n in names:
            entity(canonical.get(n.name, n.name), canonical.get(n.name, n.name))
        # aliases: layout spaces and misprints
        layout_seen = set()
        for m, found in per_mention:
            written = m.written.strip()
            if _SPACES.search(written) and written not in layout_seen:
                layout_seen.add(written)
                for name in found:
                    key = canonical.get(name, name)
                    if all(a.written != written for a in persons[key].aliases):
                        persons[key].aliases.append(Alias(written, "layout-space", (m.evidence,)))
                decisions.append(ResolutionDecision(
                    "person", canonical.get(found[0], found[0]) if found else squeeze(written), written,
                    "layout-space", "merged", (m.evidence,),
                    note=f"{written!r} -> {' + '.join(canonical.get(x, x) for x in found)}"))
        for d in decisions:
            if d.status in ("merged", "forced") and d.rule != "layout-space":
                target = persons.get(d.canonical) or entity(d.canonical, d.canonical)
                if all(a.written != d.variant for a in target.aliases):
                    target.aliases.append(Alias(d.variant, d.rule, d.evidence))
                if d.variant != d.canonical:
                    persons.pop(d.variant, None)
        distinct = self._homonyms(names, canonical, persons, decisions)
        return PeopleResolution(canonical=canonical, persons=persons, decisions=decisions, splits=splits,
                                distinct=distinct)

    # --- misprints --------------------------------------------------------
    def _misprints(self, names: list[NameMention], counts: Counter, decisions) -> dict[str, str]:
        by_name: dict[str, list[NameMention]] = defaultdict(list)
        for n in names:
            by_name[n.name].append(n)
        forbidden = {frozenset((a, b)) for a, b, _ in self.forbidden}
        canonical: dict[str, str] = {}
        candidates = sorted(by_name)
        for variant in candidates:
            if not looks_like_name(variant):
                continue
            v_count = max(counts[variant], self._printed(variant))
            if v_count > self.rare:
                continue
            best = None
            for known in candidates:
                if known == variant or len(known) != len(variant) or known[0] != variant[0]:
                    continue
                if sum(a != b for a, b in zip(known, variant)) != 1 or not looks_like_name(known):
                    continue
                if frozenset((known, variant)) in forbidden:
                    continue
                shared = self._shared_context(by_name[variant], by_name[known])
                if shared is None:
                    continue
                companions, same_unit = shared
                if companions < 2 and not same_unit:
                    continue  # one shared companion is too little: 王明 beside 李强, then beside 李刚
                if any(n.mention.field in _CAREFUL_FIELDS for n in by_name[variant]):
                    continue  # printed on its own in a notice, a title line or an attendance list: a real name
                k_count = counts[known]
                tie_ok = k_count == counts[variant] and k_count >= 2 and companions >= 2
                if k_count < 2 or (k_count <= counts[variant] and not tie_ok):
                    decisions.append(ResolutionDecision(
                        "person", known, variant, "misprint", "doubtful",
                        self._evidence_of(names, variant, known),
                        note=f"one character off, same role; {variant} x{counts[variant]}, {known} x{k_count}: not enough to choose"))
                    continue
                if tie_ok and self._quality(by_name[variant]) > self._quality(by_name[known]):
                    continue  # the other direction is the better-attested one
                if tie_ok and self._quality(by_name[variant]) == self._quality(by_name[known]) and \
                        self._first(by_name[variant]) < self._first(by_name[known]):
                    continue
                score = (k_count, companions, same_unit)
                if best is None or score > best[0]:
                    best = (score, known)
            if best is None:
                continue
            known = best[1]
            if canonical.get(known) == variant:
                continue
            canonical[variant] = known
            companions, same_unit = self._shared_context(by_name[variant], by_name[known])
            decisions.append(ResolutionDecision(
                "person", known, variant, "misprint", "merged", self._evidence_of(names, variant, known),
                note=(f"{variant} printed {counts[variant]}x, {known} {counts[known]}x; one character off, same role, "
                      f"{companions} shared companion(s)" + (", same unit" if same_unit else ""))))
        return canonical

    def _printed(self, name: str) -> int:
        return self._text.count(name) if self._text else 0

    def _shared_context(self, variants: list[NameMention], knowns: list[NameMention]):
        """(shared companions, same unit) where some mention pair shares role and context, else None.
        Names printed in one list are different people: None."""
        best = None
        for v in variants:
            for k in knowns:
                if v.mention.slot == k.mention.slot and v.mention is not k.mention:
                    return None
                if v.mention is k.mention:
                    return None
        for v in variants:
            for k in knowns:
                if v.mention.field != k.mention.field:
                    continue
                shared = len(v.companions & k.companions)
                v_unit, k_unit = self.unit_key(v.mention.unit), self.unit_key(k.mention.unit)
                same_unit = bool(v_unit) and v_unit == k_unit
                if shared or same_unit:
                    candidate = (shared, same_unit)
                    if best is None or candidate > best:
                        best = candidate
        return best

    @staticmethod
    def _quality(mentions: list[NameMention]) -> int:
        """Prose beats tables, unspaced beats spaced."""
        return sum(2 * (not n.mention.in_table) + (not n.spaced) for n in mentions)

    @staticmethod
    def _first(mentions: list[NameMention]) -> int:
        return min(n.mention.evidence.start for n in mentions)

    @staticmethod
    def _evidence_of(names: list[NameMention], variant: str, known: str) -> tuple[Span, ...]:
        ev = []
        for target in (variant, known):
            for n in names:
                if n.name == target:
                    ev.append(n.mention.evidence)
                    break
        return tuple(ev)

    # --- homonyms ---------------------------------------------------------
    def _homonyms(self, names, canonical, persons, decisions) -> dict[tuple, str]:
        """Flag one name with two different units; split only where one list holds both."""
        distinct: dict[tuple, str] = {}
        by_key: dict[str, list[NameMention]] = defaultdict(list)
        for n in names:
            by_key[canonical.get(n.name, n.name)].append(n)
        forced_split = {name: (docs, note) for name, docs, note in self.homonyms}
        for key, mentions in sorted(by_key.items()):
            # the same list naming one name twice with different units: two people
            by_slot_unit: dict[tuple, set] = defaultdict(set)
            for n in mentions:
                unit = self.unit_key(n.mention.unit)
                if unit and n.mention.field.startswith("meeting.observer"):
                    by_slot_unit[n.mention.slot[:2]].add(unit)
            split_done = False
            for slot, units in sorted(by_slot_unit.items()):
                if len(units) >= 2:
                    second = sorted(units)[1]
                    distinct[(slot, key, second)] = f"{key}~2"
                    persons.setdefault(f"{key}~2", PersonEntity(key=f"{key}~2", name=persons[key].name if key in persons else key))
                    decisions.append(ResolutionDecision(  # the merge of the two is forbidden by the text
                        "person", key, f"{key}~2", "homonym-split", "forbidden",
                        tuple(n.mention.evidence for n in mentions[:2]),
                        note=f"one list names {key} under {sorted(units)}: two people; the second is {key}~2"))
                    split_done = True
            if key in forced_split:
                docs, note = forced_split[key]
                for n in mentions:
                    if n.mention.doc_no in docs:
                        distinct[(("doc", n.mention.doc_no), key, None)] = f"{key}~2"
                persons.setdefault(f"{key}~2", PersonEntity(key=f"{key}~2", name=persons[key].name if key in persons else key))
                decisions.append(ResolutionDecision("person", key, f"{key}~2", "override", "forced",
                                                    tuple(n.mention.evidence for n in mentions if n.mention.doc_no in docs)[:2], note))
                continue
            if split_done:
                continue
            # different units outside one personnel notice: doubtful, one node kept
            affiliations: dict[str, list[NameMention]] = defaultdict(list)
            for n in mentions:
                unit = self.unit_key(n.mention.unit)
                if unit:
                    affiliations[unit].append(n)
            if len(affiliations) < 2:
                continue
            notices = {u: {n.mention.explained_by for n in ms} for u, ms in affiliations.items()}
            units = sorted(affiliations)
            unexplained = [(a, b) for i, a in enumerate(units) for b in units[i + 1:]
                           if not (notices[a] & notices[b] - {None})]
            if not unexplained:
                continue
            a, b = unexplained[0]
            decisions.append(ResolutionDecision(
                "person", key, key, "homonym", "doubtful",
                (affiliations[a][0].mention.evidence, affiliations[b][0].mention.evidence),
                note=f"{key} is seen at {a} and at {b}; nothing shows one person or two (kept as one)"))
        return distinct
