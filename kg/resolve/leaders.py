"""The government's leadership, from what the gazette prints.

- printed: a title naming the post (市长 / 县长, 常务副市长, 副县长 …) beside the name,
  anywhere (a title line, "县长王明主持", "由县委常委、副县长李四召集");
- inferred: the chair of the government's 常务会议 is its head; others under 出席 at the
  常务会议 (or the head's 办公会议) who lead tasks are deputies; those who lead none are
  "other-leader" (e.g. a 党组成员 or the chief of the office).
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.registry import ExtractedFacts
from kg.model import Gazette, Span
from kg.resolve.model import LeaderRole

_HEAD = "(?:市|县|区|州|旗|盟)"
# "<county>人民政府" / "市政府" may stand before the title.
_GOV_PREFIX = r"(?:[\u4e00-\u9fff]{0,6}?(?:人民政府|政府))?"
_MAYOR = re.compile(rf"^{_GOV_PREFIX}代?{_HEAD}长$")
_EXECUTIVE = re.compile(rf"^{_GOV_PREFIX}常务副{_HEAD}长$")
_DEPUTY = re.compile(rf"^{_GOV_PREFIX}副{_HEAD}长$")
_RANK = {"mayor": 0, "executive-deputy": 1, "deputy": 2, "other-leader": 3}
_GOVERNMENT_MEETING = re.compile(rf"常务会议|{_HEAD}长办公会议")


def role_in_title(title: str | None) -> str | None:
    """The leadership role a printed title names, if any."""
    best = None
    for piece in re.split(r"[、，,]", re.sub(r"\s+", "", title or "")):
        for role, rx in (("mayor", _MAYOR), ("executive-deputy", _EXECUTIVE), ("deputy", _DEPUTY)):
            if rx.match(piece) and (best is None or _RANK[role] < _RANK[best]):
                best = role
    return best


def find_leaders(gazette: Gazette, facts: ExtractedFacts) -> list[LeaderRole]:
    """Leaders with evidence; ``facts`` hold canonical person keys."""
    kinds = {d.doc_no: d.meeting_kind or "" for d in gazette.documents}
    printed: dict[str, tuple[str, str, list[Span]]] = {}
    for t in facts.titles:
        role = role_in_title(t.title)
        if role is None:
            continue
        current = printed.get(t.person)
        if current is None or _RANK[role] < _RANK[current[0]]:
            printed[t.person] = (role, t.title, [t.evidence])
        elif current[0] == role and len(current[2]) < 3:
            current[2].append(t.evidence)

    attended: dict[str, list[Span]] = defaultdict(list)
    chaired: dict[str, list[Span]] = defaultdict(list)
    first_seen: dict[str, int] = {}

    def note(store, person, span):
        first_seen.setdefault(person, span.start)
        first_seen[person] = min(first_seen[person], span.start)
        if span not in store[person]:
            store[person].append(span)

    for m in facts.meetings:
        if not _GOVERNMENT_MEETING.search(m.kind or kinds.get(m.doc_no, "")):
            continue
        for p in m.participants:
            if p.role == "attendee":
                note(attended, p.person, p.evidence)
            elif p.role == "chair" and "常务会议" in (m.kind or ""):
                note(chaired, p.person, p.evidence)
    for t in facts.titles:
        if t.context == "出席" and _GOVERNMENT_MEETING.search(kinds.get(t.doc_no, "")):
            note(attended, t.person, t.evidence)
        if t.context == "主持" and "常务会议" in kinds.get(t.doc_no, ""):
            note(chaired, t.person, t.evidence)

    leads: dict[str, list[Span]] = defaultdict(list)
    for task in facts.tasks:
        for person in task.lead_leaders:
            if len(leads[person]) < 2:
                leads[person].append(task.evidence)

    out: dict[str, LeaderRole] = {}
    for person, (role, title, spans) in printed.items():
        out[person] = LeaderRole(person, role, title, True, tuple(spans[:3]))
    for person, spans in chaired.items():
        if person not in out:
            out[person] = LeaderRole(person, "mayor", None, False, tuple(spans[:2]))
    for person, spans in attended.items():
        if person in out:
            continue
        if leads.get(person):
            out[person] = LeaderRole(person, "deputy", None, False, tuple(spans[:2]) + tuple(leads[person][:1]))
        else:
            out[person] = LeaderRole(person, "other-leader", None, False, tuple(spans[:2]))
    order = {p: first_seen.get(p, min((s.start for s in l.evidence), default=0)) for p, l in out.items()}
    return sorted(out.values(), key=lambda l: (_RANK[l.role], not l.printed, order[l.person], l.person))
