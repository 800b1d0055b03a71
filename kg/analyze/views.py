"""The store read into plain records, and the three graph views built from them.

Everything comes from SPARQL over the RDF store: tasks with their assignments
(gz:hasAssignment), the leadership roles of the resolution graph
(gz:LeadershipRole), group memberships and meeting participations. Records are
sorted by stable keys so that every later product is deterministic.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.graph.vocab import GZ
from kg.store import Store

ROLE_RANK = {"mayor": 0, "executive-deputy": 1, "deputy": 2, "other-leader": 3}
DEPUTY_ROLES = ("executive-deputy", "deputy")
# Group roles that make a person the one who runs the group (traditional forms as
# other counties print them).
CHAIR_ROLES = frozenset({"组长", "召集人", "总召集人", "主管领导", "組長", "總召集人", "主管領導"})
UNCATEGORISED = "(none)"


@dataclass(frozen=True)
class Agent:
    """A person, unit or collective as the graph names it."""

    iri: str
    name: str
    kind: str  # "person" | "unit" | "collective"

    @property
    def is_collective(self) -> bool:
        return self.kind == "collective"


@dataclass(frozen=True)
class Evidence:
    source: str  # gazette file name
    doc_no: str
    doc_title: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class TaskView:
    iri: str
    source: str
    doc_no: str
    ref: str | None
    text: str
    category: tuple[str, ...]  # outer to inner
    deadline: str | None  # ISO date
    leaders: tuple[Agent, ...]
    lead_units: tuple[Agent, ...]
    coop_units: tuple[Agent, ...]
    responsible: tuple[Agent, ...]
    evidence: Evidence | None
    sort_key: tuple = ()

    @property
    def top_category(self) -> str:
        return self.category[0] if self.category else UNCATEGORISED

    @property
    def deadline_month(self) -> str | None:
        return self.deadline[:7] if self.deadline else None

    @property
    def units(self) -> tuple[Agent, ...]:
        """Lead then cooperating units, each once."""
        seen, out = set(), []
        for unit in self.lead_units + self.coop_units:
            if unit.iri not in seen:
                seen.add(unit.iri)
                out.append(unit)
        return tuple(out)


@dataclass(frozen=True)
class LeadershipTitle:
    """What the resolution graph says about a leader's post."""

    role: str  # mayor | executive-deputy | deputy | other-leader
    title: str | None
    printed: bool
    quotes: tuple[Evidence, ...] = ()

    @property
    def is_deputy(self) -> bool:
        return self.role in DEPUTY_ROLES


@dataclass
class WorkloadData:
    tasks: list[TaskView] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # person IRI -> name
    titles: dict[str, LeadershipTitle] = field(default_factory=dict)  # person IRI -> leadership
    groups_chaired: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # IRI -> [(group, role)]
    meetings_attended: dict[str, list[str]] = field(default_factory=dict)  # IRI -> meeting labels
    sources: list[str] = field(default_factory=list)

    def leader_iris(self) -> list[str]:
        """Everyone who leads a task or holds a leadership role."""
        iris = {a.iri for t in self.tasks for a in t.leaders} | set(self.titles)
        return sorted(iris)


def _first(values) -> str:
    """One label out of several (a unit may be labelled differently by two gazettes)."""
    return min(values) if values else ""


def _evidence_rows(store: Store, subject_pattern: str) -> dict[str, list[Evidence]]:
    rows = store.select(f"""
        SELECT DISTINCT ?node ?quote ?start ?end ?no ?title ?file WHERE {{
          {subject_pattern}
          ?node gz:evidence ?ev . ?ev gz:quote ?quote ; gz:start ?start ; gz:end ?end .
          OPTIONAL {{ ?ev gz:inDocument ?doc . ?doc dcterms:identifier ?no .
                     OPTIONAL {{ ?doc dcterms:title ?title }}
                     OPTIONAL {{ ?doc dcterms:isPartOf ?gaz . ?gaz gz:sourceFile ?file }} }} }}""")
    out: dict[str, list[Evidence]] = defaultdict(list)
    for r in rows:
        out[r["node"]].append(Evidence(source=r["file"] or "", doc_no=r["no"] or "", doc_title=r["title"] or "",
                                       quote=r["quote"], start=int(r["start"]), end=int(r["end"])))
    return {k: sorted(set(v), key=lambda e: (e.source, e.start, e.end, e.doc_no)) for k, v in out.items()}


def read_tasks(store: Store) -> list[TaskView]:
    rows = store.select("""
        SELECT DISTINCT ?task ?text ?ref ?catpath ?deadline ?pos ?no ?dstart ?file WHERE {
          ?task a gz:Task ; gz:text ?text ; gz:position ?pos ; prov:wasDerivedFrom ?doc .
          ?doc dcterms:identifier ?no ; gz:start ?dstart ; dcterms:isPartOf ?gaz . ?gaz gz:sourceFile ?file .
          OPTIONAL { ?task gz:ref ?ref } OPTIONAL { ?task gz:categoryPath ?catpath }
          OPTIONAL { ?task gz:deadline ?deadline } }""")
    assignments = store.select("""
        SELECT DISTINCT ?task ?role ?pos ?agent ?name ?label ?collective WHERE {
          ?task a gz:Task ; gz:hasAssignment ?a . ?a gz:role ?role ; gz:agent ?agent ; gz:position ?pos .
          OPTIONAL { ?agent foaf:name ?name } OPTIONAL { ?agent skos:prefLabel ?label }
          BIND(EXISTS { ?agent a gz:Collective } AS ?collective) }""")
    evidence = _evidence_rows(store, "?node a gz:Task .")

    names: dict[str, set] = defaultdict(set)
    kinds: dict[str, str] = {}
    by_task: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for r in assignments:
        agent = r["agent"]
        if r["name"]:
            names[agent].add(r["name"])
            kinds[agent] = "person"
        elif r["label"]:
            names[agent].add(r["label"])
            kinds.setdefault(agent, "collective" if r["collective"] else "unit")
        by_task[r["task"]][r["role"]].add((int(r["pos"]), agent))

    def agents(task: str, role) -> tuple[Agent, ...]:
        out, seen = [], set()
        for _, iri in sorted(by_task[task][str(role)]):
            if iri in seen:
                continue
            seen.add(iri)
            out.append(Agent(iri, _first(names[iri]) or iri.rsplit("/", 1)[-1], kinds.get(iri, "unit")))
        return tuple(out)

    merged: dict[str, dict] = {}
    for r in rows:  # one row per task unless a task has two values of an optional field
        current = merged.setdefault(r["task"], dict(r))
        for key in ("ref", "catpath", "deadline"):
            if r[key] is not None and (current[key] is None or str(r[key]) < str(current[key])):
                current[key] = r[key]
    tasks = []
    for iri, r in merged.items():
        ev = evidence.get(iri, [])
        tasks.append(TaskView(
            iri=iri, source=r["file"], doc_no=r["no"], ref=str(r["ref"]) if r["ref"] is not None else None,
            text=r["text"], category=tuple(c.strip() for c in r["catpath"].split(" / ")) if r["catpath"] else (),
            deadline=r["deadline"], leaders=agents(iri, GZ.LeadLeader), lead_units=agents(iri, GZ.LeadUnit),
            coop_units=agents(iri, GZ.CooperatingUnit), responsible=agents(iri, GZ.Responsible),
            evidence=ev[0] if ev else None, sort_key=(r["file"], int(r["dstart"]), int(r["pos"]), iri)))
    return sorted(tasks, key=lambda t: t.sort_key)


def read_leadership(store: Store) -> dict[str, LeadershipTitle]:
    """Person IRI -> the highest leadership role the resolution graph records
    (printed before inferred where one person has several)."""
    rows = store.select("""
        SELECT DISTINCT ?node ?person ?role ?title ?printed WHERE {
          ?node a gz:LeadershipRole ; gz:person ?person ; gz:leadershipRole ?role .
          OPTIONAL { ?node gz:titleText ?title } OPTIONAL { ?node gz:printed ?printed } }""")
    evidence = _evidence_rows(store, "?node a gz:LeadershipRole .")
    best: dict[str, tuple] = {}
    for r in rows:
        printed = bool(r["printed"])
        key = (ROLE_RANK.get(r["role"], len(ROLE_RANK)), not printed, r["title"] or "", r["node"])
        if r["person"] not in best or key < best[r["person"]][0]:
            best[r["person"]] = (key, LeadershipTitle(r["role"], r["title"] or None, printed,
                                                       tuple(evidence.get(r["node"], ()))))
    return {person: value[1] for person, value in sorted(best.items())}


def read_people(store: Store) -> dict[str, str]:
    names: dict[str, set] = defaultdict(set)
    for r in store.select("SELECT DISTINCT ?p ?name WHERE { ?p a foaf:Person ; foaf:name ?name }"):
        names[r["p"]].add(r["name"])
    return {iri: _first(v) for iri, v in sorted(names.items())}


def read_groups_chaired(store: Store) -> dict[str, list[tuple[str, str]]]:
    rows = store.select("""
        SELECT DISTINCT ?person ?group ?gname ?role WHERE {
          ?ms a org:Membership ; org:organization ?group ; org:member ?person ; gz:roleLabel ?role .
          ?person a foaf:Person . OPTIONAL { ?group rdfs:label ?gname } }""")
    out: dict[str, set] = defaultdict(set)
    for r in rows:
        role = "".join(r["role"].split())
        if role in CHAIR_ROLES:
            out[r["person"]].add((r["group"], r["gname"] or r["group"].rsplit("/", 1)[-1], role))
    # one entry per group, with every chairing role the person holds in it
    result = {}
    for person, entries in sorted(out.items()):
        roles: dict[tuple, list] = defaultdict(list)
        for group, name, role in sorted(entries):
            roles[(name, group)].append(role)
        result[person] = [(name, "、".join(rs)) for (name, _), rs in sorted(roles.items())]
    return result


def read_meetings_attended(store: Store) -> dict[str, list[str]]:
    """Meetings where the person sat as chair or attendee (not observers)."""
    rows = store.select("""
        SELECT DISTINCT ?person ?meeting ?label WHERE {
          ?meeting a gz:Meeting ; gz:hasParticipation ?p . ?p gz:participant ?person ; gz:participationRole ?r .
          FILTER(?r IN (gz:Attendee, gz:Chair)) OPTIONAL { ?meeting rdfs:label ?label } }""")
    out: dict[str, set] = defaultdict(set)
    for r in rows:
        out[r["person"]].add((r["label"] or r["meeting"], r["meeting"]))
    return {p: [label for label, _ in sorted(v)] for p, v in sorted(out.items())}


def read_sources(store: Store) -> list[str]:
    return sorted({r["file"] for r in store.select("SELECT DISTINCT ?file WHERE { ?g a gz:Gazette ; gz:sourceFile ?file }")})


def read_workload_data(store: Store) -> WorkloadData:
    """Everything the workload and hub analyses need, read with SPARQL."""
    return WorkloadData(tasks=read_tasks(store), people=read_people(store), titles=read_leadership(store),
                        groups_chaired=read_groups_chaired(store), meetings_attended=read_meetings_attended(store),
                        sources=read_sources(store))


# --- graph views -------------------------------------------------------------

def leader_task_unit_graph(tasks: list[TaskView]) -> nx.Graph:
    """Leaders, tasks and units as one graph: leader -lead- task -lead|coop- unit."""
    graph = nx.Graph()
    for task in tasks:
        graph.add_node(task.iri, kind="task", label=task.text[:40], doc_no=task.doc_no, ref=task.ref)
        for leader in task.leaders:
            graph.add_node(leader.iri, kind="leader", label=leader.name)
            graph.add_edge(leader.iri, task.iri, role="lead")
        for role, units in (("lead", task.lead_units), ("coop", task.coop_units)):
            for unit in units:
                graph.add_node(unit.iri, kind=unit.kind, label=unit.name)
                if not graph.has_edge(task.iri, unit.iri):  # a unit both leading and cooperating stays "lead"
                    graph.add_edge(task.iri, unit.iri, role=role)
    return graph


def unit_coordination_graph(tasks: list[TaskView], include_collectives: bool = True) -> nx.Graph:
    """Units linked when they appear on the same task (lead or cooperating);
    ``weight`` is the number of tasks they share. Every unit on a task is a node,
    so a unit that always works alone is there with degree 0."""
    graph = nx.Graph()
    units = {u.iri: u for t in tasks for u in t.units if include_collectives or not u.is_collective}
    for iri in sorted(units):
        graph.add_node(iri, label=units[iri].name, collective=units[iri].is_collective)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for task in tasks:
        members = sorted(u.iri for u in task.units if u.iri in units)
        for a, b in combinations(members, 2):
            weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        graph.add_edge(a, b, weight=w)
    return graph


def co_leadership_graph(tasks: list[TaskView]) -> nx.Graph:
    """Leaders linked when they lead a task together; ``weight`` counts such tasks."""
    graph = nx.Graph()
    leaders = {a.iri: a for t in tasks for a in t.leaders}
    for iri in sorted(leaders):
        graph.add_node(iri, label=leaders[iri].name)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for task in tasks:
        for a, b in combinations(sorted({a.iri for a in task.leaders}), 2):
            weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        graph.add_edge(a, b, weight=w)
    return graph
