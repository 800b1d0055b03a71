"""Workload of each leader and each unit, from the tasks the graph holds.

A task led by k leaders counts 1/k towards each one's weighted share, so the
shares of all leaders add up to the number of tasks that have a leader.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

from kg.analyze.views import ROLE_RANK, LeadershipTitle, TaskView, WorkloadData, co_leadership_graph


@dataclass(frozen=True)
class UnitShare:
    """A unit on one leader's tasks: how often it leads and how often it cooperates."""

    iri: str
    name: str
    collective: bool
    as_lead: int
    as_coop: int

    @property
    def total(self) -> int:
        return self.as_lead + self.as_coop


@dataclass
class LeaderWorkload:
    iri: str
    name: str
    leadership: LeadershipTitle | None
    tasks: list[TaskView] = field(default_factory=list)
    alone: int = 0
    shared: int = 0
    weighted_share: Fraction = Fraction(0)
    by_category: list[tuple[str, int]] = field(default_factory=list)  # first category level, most first
    by_month: list[tuple[str, int]] = field(default_factory=list)  # "YYYY-MM", in date order
    without_deadline: int = 0
    units: list[UnitShare] = field(default_factory=list)  # the units they rely on, most used first
    co_leaders: list[tuple[str, int]] = field(default_factory=list)  # (name, shared tasks)
    groups_chaired: list[tuple[str, str]] = field(default_factory=list)  # (group, role)
    meetings_attended: list[str] = field(default_factory=list)
    co_leadership_betweenness: float = 0.0

    @property
    def task_count(self) -> int:
        return len(self.tasks)

    @property
    def lead_unit_count(self) -> int:
        return sum(1 for u in self.units if u.as_lead)

    @property
    def coop_unit_count(self) -> int:
        return sum(1 for u in self.units if u.as_coop)

    @property
    def role(self) -> str | None:
        return self.leadership.role if self.leadership else None

    @property
    def is_deputy(self) -> bool:
        return bool(self.leadership and self.leadership.is_deputy)

    @property
    def title_evidence(self) -> str:
        """printed | inferred | unknown."""
        if self.leadership is None:
            return "unknown"
        return "printed" if self.leadership.printed else "inferred"


@dataclass(frozen=True)
class UnitWorkload:
    iri: str
    name: str
    collective: bool
    tasks_led: int
    tasks_cooperated: int
    leaders: tuple[str, ...]  # the leaders of the tasks it leads or cooperates on


def _leader_sort_key(w: LeaderWorkload) -> tuple:
    rank = ROLE_RANK.get(w.role, len(ROLE_RANK)) if w.role else len(ROLE_RANK) + 1
    return (rank, -len(w.tasks), w.name, w.iri)


def leader_workloads(data: WorkloadData) -> list[LeaderWorkload]:
    """One entry per leader (holder of a leadership role or leader of a task):
    mayor first, then deputies, other leaders, and people known only as task
    leaders; within each, most tasks first."""
    tasks_of: dict[str, list[TaskView]] = defaultdict(list)
    names: dict[str, str] = dict(data.people)
    for task in data.tasks:
        for leader in task.leaders:
            tasks_of[leader.iri].append(task)
            names.setdefault(leader.iri, leader.name)
    co_graph = co_leadership_graph(data.tasks)
    betweenness = nx.betweenness_centrality(co_graph) if co_graph.number_of_nodes() > 2 else {}

    out = []
    for iri in data.leader_iris():
        tasks = tasks_of.get(iri, [])
        w = LeaderWorkload(iri=iri, name=names.get(iri, iri.rsplit("/", 1)[-1]), leadership=data.titles.get(iri),
                           tasks=tasks)
        w.alone = sum(1 for t in tasks if len(t.leaders) == 1)
        w.shared = len(tasks) - w.alone
        w.weighted_share = sum((Fraction(1, len(t.leaders)) for t in tasks), Fraction(0))
        categories = Counter(t.top_category for t in tasks)
        w.by_category = sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
        months = Counter(t.deadline_month for t in tasks if t.deadline_month)
        w.by_month = sorted(months.items())
        w.without_deadline = sum(1 for t in tasks if not t.deadline)
        lead: Counter = Counter()
        coop: Counter = Counter()
        unit_of = {}
        for t in tasks:
            for u in t.lead_units:
                lead[u.iri] += 1
                unit_of[u.iri] = u
            for u in t.coop_units:
                coop[u.iri] += 1
                unit_of[u.iri] = u
        w.units = sorted((UnitShare(iri, unit_of[iri].name, unit_of[iri].is_collective, lead[iri], coop[iri])
                          for iri in unit_of), key=lambda s: (-s.total, -s.as_lead, s.name, s.iri))
        shared_with: Counter = Counter()
        for t in tasks:
            for other in t.leaders:
                if other.iri != iri:
                    shared_with[other.name] += 1
        w.co_leaders = sorted(shared_with.items(), key=lambda kv: (-kv[1], kv[0]))
        w.groups_chaired = list(data.groups_chaired.get(iri, []))
        w.meetings_attended = list(data.meetings_attended.get(iri, []))
        w.co_leadership_betweenness = round(betweenness.get(iri, 0.0), 6)
        out.append(w)
    return sorted(out, key=_leader_sort_key)


def unit_workloads(data: WorkloadData) -> list[UnitWorkload]:
    """Every unit or collective on a task, most tasks first."""
    return units_on_tasks(data.tasks)


def units_on_tasks(tasks: list[TaskView]) -> list[UnitWorkload]:
    led: Counter = Counter()
    cooperated: Counter = Counter()
    leaders: dict[str, set] = defaultdict(set)
    units = {}
    for task in tasks:
        lead_iris = {u.iri for u in task.lead_units}
        for unit in task.units:
            units[unit.iri] = unit
            if unit.iri in lead_iris:
                led[unit.iri] += 1
            else:
                cooperated[unit.iri] += 1
            leaders[unit.iri].update(a.name for a in task.leaders)
    out = [UnitWorkload(iri, u.name, u.is_collective, led[iri], cooperated[iri], tuple(sorted(leaders[iri])))
           for iri, u in units.items()]
    return sorted(out, key=lambda u: (-(u.tasks_led + u.tasks_cooperated), -u.tasks_led, u.name, u.iri))


def find_leader(workloads: list[LeaderWorkload], name: str) -> LeaderWorkload | None:
    """A leader by name as printed (layout spaces ignored) or by IRI."""
    wanted = "".join(name.split())
    for w in workloads:
        if w.name == wanted or w.iri == name:
            return w
    return None
