"""The interactive graph page (``kg viz``): people, units, tasks, documents,
meetings and groups of the store drawn with vis-network, one HTML file that
works offline.

What the page promises, and how it keeps the promise:

* No network request at all. vis-network's JavaScript and CSS are read from the
  installed pyvis package and inlined; the page carries a Content-Security-Policy
  (``default-src 'none'``, scripts allowed by hash only), so even a stray URL
  could not be fetched.
* Gazette text cannot become markup. Headings and menus go through Jinja2 with
  autoescape; node and edge data travel as JSON inside a ``<script
  type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c`` …
  and are read with ``JSON.parse``; tooltips are plain strings, which
  vis-network 9 shows with ``innerText``; the details panel uses ``textContent``.
* Every edge says where it comes from: its tooltip quotes the evidence the
  graph holds for the fact (``gz:evidence`` → ``gz:quote``) and names the document.
* Same store, same bytes: everything is sorted by stable keys, the browser
  layout uses a fixed random seed, and the Python layout for large graphs a
  fixed seed too.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote

from jinja2 import Environment
from markupsafe import Markup

from kg.errors import GazetteError
from kg.store import Store, atomic_write

VIEWS = ("whole", "leader", "units", "person")

# kind -> (vis-network shape, colour, caption). Shapes that honour ``size``
# (label drawn below), so that size can show workload.
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "person": ("dot", "#e15759", "person"),
    "unit": ("square", "#4e79a7", "unit"),
    "collective": ("hexagon", "#9cc3e6", "collective (各单位 …)"),
    "task": ("diamond", "#f28e2b", "task"),
    "document": ("triangleDown", "#9c755f", "document"),
    "meeting": ("star", "#b07aa1", "meeting"),
    "group": ("triangle", "#59a14f", "working group"),
}
KINDS = tuple(NODE_STYLES)

# relation -> (colour, dashed, caption)
RELATIONS: dict[str, tuple[str, bool, str]] = {
    "leads": ("#d62728", False, "leads (牵头)"),
    "cooperates": ("#1f77b4", False, "cooperates (配合)"),
    "responsible": ("#ff7f0e", False, "responsible (责任人)"),
    "appointed": ("#2ca02c", False, "appointed (任)"),
    "removed": ("#7f7f7f", True, "removed (免)"),
    "member": ("#17becf", False, "member of group"),
    "chairs": ("#9467bd", False, "chairs meeting"),
    "attends": ("#c5b0d5", False, "attends meeting"),
    "observes": ("#dbdb8d", True, "observes meeting (列席)"),
    "records": ("#bcbd22", True, "records meeting"),
    "titled": ("#8c564b", True, "named with a title in"),
    "shares": ("#6b6ecf", False, "shares tasks with"),
    "source": ("#c7c7c7", True, "stated in document"),
}
ROLE_RELATIONS = {"LeadLeader": "leads", "LeadUnit": "leads", "CooperatingUnit": "cooperates",
                  "Responsible": "responsible"}
ASSIGNMENT_VERBS = {"leads": "leads", "cooperates": "cooperates on", "responsible": "is responsible for"}
PARTICIPATION_RELATIONS = {"Chair": "chairs", "Attendee": "attends", "Observer": "observes", "Recorder": "records"}
ROLE_RANK = {"mayor": 0, "executive-deputy": 1, "deputy": 2, "other-leader": 3}
DEPUTY_ROLES = ("executive-deputy", "deputy")
ROLE_CAPTIONS = {"mayor": "mayor", "executive-deputy": "executive deputy mayor", "deputy": "deputy mayor",
                 "other-leader": "leader"}

# Above this many nodes the browser would take too long to lay the graph out:
# positions come from networkx instead and physics starts switched off.
STATIC_LAYOUT_ABOVE = 1500
LAYOUT_SEED = 7
QUOTE_CHARS = 240  # a tooltip quotes this much of the evidence
EVIDENCE_PER_EDGE = 3  # merged edges quote at most this many facts
TASK_LABEL_CHARS = 14


# --- what the store holds ------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    doc_no: str
    start: int
    text: str

    def line(self) -> str:
        text = " ".join(self.text.split())
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS] + "…"
        return f"《{self.doc_no}》「{text}」" if self.doc_no else f"「{text}」"


@dataclass(frozen=True)
class GraphNode:
    iri: str
    kind: str
    label: str  # drawn on the canvas (short)
    name: str  # the full name or text
    details: tuple[str, ...] = ()  # tooltip lines after the name
    aliases: tuple[str, ...] = ()  # other printed forms, found by the search box


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    relation: str
    lines: tuple[str, ...]  # tooltip: what the fact says, then its evidence
    weight: int = 1


@dataclass
class StoreGraph:
    """Everything the views draw, read once from the store with SPARQL."""

    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)
    leadership: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # person -> (role, title)
    task_agents: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # task -> relation -> agents
    sources: list[str] = field(default_factory=list)

    def name(self, iri: str) -> str:
        node = self.nodes.get(iri)
        return node.name if node else _local_name(iri)

    def tasks_of(self, agent: str, relations=("leads", "cooperates", "responsible")) -> list[str]:
        return sorted(task for task, by_rel in self.task_agents.items()
                      if any(agent in by_rel.get(r, ()) for r in relations))

    def workload(self) -> Counter:
        """Agent -> number of tasks it is on (any role); task -> number of agents."""
        counts: Counter = Counter()
        for task, by_rel in self.task_agents.items():
            agents = set().union(*by_rel.values()) if by_rel else set()
            counts[task] = len(agents)
            for agent in agents:
                counts[agent] += 1
        return counts

    def leaders(self) -> list[str]:
        """People who lead a task or hold a leadership role: mayor, deputies, others;
        most tasks first within each."""
        leading = {a for by_rel in self.task_agents.values() for a in by_rel.get("leads", ())
                   if self.nodes.get(a) and self.nodes[a].kind == "person"}
        iris = leading | set(self.leadership)
        task_count = Counter(a for by_rel in self.task_agents.values() for a in by_rel.get("leads", ()))

        def key(iri):
            role = self.leadership.get(iri, (None, None))[0]
            return (ROLE_RANK.get(role, len(ROLE_RANK)), -task_count[iri], self.name(iri), iri)

        return sorted(iris, key=key)

    def deputies(self) -> list[str]:
        return [iri for iri in self.leaders() if self.leadership.get(iri, (None,))[0] in DEPUTY_ROLES]


def _local_name(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


CLASS_KINDS = (  # first match wins
    ("gz:Collective", "collective"), ("org:Organization", "unit"), ("foaf:Person", "person"),
    ("gz:Task", "task"), ("gz:MeetingRecord", "document"), ("gz:Document", "document"),
    ("gz:Meeting", "meeting"), ("gz:WorkingGroup", "group"),
)


def read_store_graph(store: Store) -> StoreGraph:
    """The store as nodes and evidenced edges (SPARQL only)."""
    graph = StoreGraph()
    graph.sources = sorted({r["file"] for r in store.select(
        "SELECT DISTINCT ?file WHERE { ?g a gz:Gazette ; gz:sourceFile ?file }")})
    quotes = _read_quotes(store)
    labels: dict[str, set] = defaultdict(set)
    aliases: dict[str, set] = defaultdict(set)
    kinds: dict[str, str] = {}
    for cls, kind in CLASS_KINDS:
        for r in store.select(f"""SELECT DISTINCT ?n ?label ?alt WHERE {{ ?n a {cls} .
                OPTIONAL {{ ?n foaf:name ?label }} OPTIONAL {{ ?n skos:prefLabel ?label }}
                OPTIONAL {{ ?n rdfs:label ?label }} OPTIONAL {{ ?n skos:altLabel ?alt }} }}"""):
            if kinds.setdefault(r["n"], kind) != kind:
                continue
            if r["label"] is not None:
                labels[r["n"]].add(str(r["label"]))
            if r["alt"] is not None:
                aliases[r["n"]].add(str(r["alt"]))

    details = _read_details(store, quotes)
    leadership_quote: dict[str, Quote] = {}
    for r in sorted(store.select("""SELECT DISTINCT ?node ?p ?role ?title WHERE { ?node a gz:LeadershipRole ;
            gz:person ?p ; gz:leadershipRole ?role . OPTIONAL { ?node gz:titleText ?title } }"""),
                    key=lambda r: (ROLE_RANK.get(r["role"], len(ROLE_RANK)), r["title"] is None, r["title"] or "",
                                   r["node"])):
        if r["p"] not in graph.leadership:  # the highest role, a printed title before none
            graph.leadership[r["p"]] = (r["role"], r["title"])
            if quotes.get(r["node"]):
                leadership_quote[r["p"]] = quotes[r["node"]][0]

    names = {iri: min(labels[iri], key=lambda s: (len(s), s)) if labels[iri] else _local_name(iri) for iri in kinds}
    person_names = {"".join(names[i].split()) for i, k in kinds.items() if k == "person"}
    for iri, kind in kinds.items():
        name = names[iri]
        if kind == "person":
            aliases[iri] = {a for a in aliases[iri] if not _names_someone_else(a, name, person_names)}
        if kind == "task":
            name = details.task_text.get(iri, name)
        extra = list(details.lines.get(iri, ()))
        if kind == "person" and iri in graph.leadership:
            role, title = graph.leadership[iri]
            extra[:0] = [ROLE_CAPTIONS.get(role, role) + (f": {title}" if title else "")]
            if iri in leadership_quote:
                extra.insert(1, leadership_quote[iri].line())
        graph.nodes[iri] = GraphNode(iri=iri, kind=kind, label=_canvas_label(kind, name, details.labels.get(iri)),
                                     name=name, details=tuple(extra),
                                     aliases=tuple(sorted((aliases[iri] | labels[iri]) - {name})))
    graph.edges, graph.task_agents = _read_edges(store, graph, quotes)
    for iri, line in _task_counts(graph).items():
        node = graph.nodes[iri]
        graph.nodes[iri] = replace(node, details=node.details + (line,))
    return graph


def _task_counts(graph: StoreGraph) -> dict[str, str]:
    """A tooltip line per person or unit on tasks: "leads 3, cooperates on 5 tasks"."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for by_rel in graph.task_agents.values():
        for relation, agents in by_rel.items():
            for agent in agents:
                counts[agent][relation] += 1
    captions = {"leads": "leads", "cooperates": "cooperates on", "responsible": "responsible for"}
    lines = {}
    for agent, by_rel in sorted(counts.items()):
        lines[agent] = "tasks: " + " · ".join(f"{captions[rel]} {by_rel[rel]}"
                                              for rel in ("leads", "cooperates", "responsible") if by_rel[rel])
    return lines


def _names_someone_else(written: str, name: str, person_names: set[str]) -> bool:
    """A printed form of a person that is really a cell naming several people
    ("杨 盛 向恩泽"): the resolver records it as an alias, the tooltip need not."""
    compact = "".join(written.split())
    own = "".join(name.split())
    return any(other in compact for other in person_names if len(other) >= 2 and other not in own)


def _canvas_label(kind: str, name: str, short: str | None) -> str:
    if short:
        return short
    if kind == "task" and len(name) > TASK_LABEL_CHARS:
        return name[:TASK_LABEL_CHARS] + "…"
    return name


def _read_quotes(store: Store) -> dict[str, list[Quote]]:
    out: dict[str, set] = defaultdict(set)
    for r in store.select("""SELECT DISTINCT ?node ?quote ?start ?no WHERE {
            ?node gz:evidence ?ev . ?ev gz:quote ?quote ; gz:start ?start .
            OPTIONAL { ?ev gz:inDocument ?doc . ?doc dcterms:identifier ?no } }"""):
        out[r["node"]].add(Quote(r["no"] or "", int(r["start"]), str(r["quote"])))
    return {node: sorted(qs, key=lambda q: (q.start, q.doc_no, q.text)) for node, qs in out.items()}


@dataclass
class _Details:
    lines: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)  # short canvas labels where the name is long
    task_text: dict[str, str] = field(default_factory=dict)


def _read_details(store: Store, quotes: dict[str, list[Quote]]) -> _Details:
    """Tooltip lines per node: what kind of thing it is and where it is printed."""
    out = _Details()
    for r in sorted(store.select("""SELECT DISTINCT ?d ?no ?title ?date WHERE {
            ?d dcterms:identifier ?no . { ?d a gz:Document } UNION { ?d a gz:MeetingRecord }
            OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:issued ?date } }"""),
                    key=lambda r: (r["d"], str(r["title"]), str(r["date"]))):
        if r["d"] in out.labels:
            continue
        out.labels[r["d"]] = str(r["no"])
        out.lines[r["d"]] += [f"document {r['no']}"] + ([f"issued {r['date']}"] if r["date"] else [])
    for r in sorted(store.select("""SELECT DISTINCT ?t ?text ?ref ?deadline ?no WHERE {
            ?t a gz:Task ; gz:text ?text . OPTIONAL { ?t gz:ref ?ref } OPTIONAL { ?t gz:deadline ?deadline }
            OPTIONAL { ?t prov:wasDerivedFrom ?d . ?d dcterms:identifier ?no } }"""),
                    key=lambda r: (r["t"], str(r["ref"]), str(r["deadline"]), str(r["no"]))):
        if r["t"] in out.task_text:
            continue
        out.task_text[r["t"]] = " ".join(str(r["text"]).split())
        where = f"task {r['ref']} of {r['no']}" if r["ref"] else f"task of {r['no']}"
        out.lines[r["t"]].append(where)
        if r["deadline"]:
            out.lines[r["t"]].append(f"deadline {r['deadline']}")
    for r in sorted(store.select("""SELECT DISTINCT ?m ?kind ?date WHERE { ?m a gz:Meeting .
            OPTIONAL { ?m gz:meetingKind ?kind } OPTIONAL { ?m dcterms:date ?date } }"""),
                    key=lambda r: (r["m"], str(r["kind"]), str(r["date"]))):
        if r["m"] in out.lines:
            continue
        out.lines[r["m"]].append(f"meeting: {r['kind']}" if r["kind"] else "meeting")
        if r["date"]:
            out.lines[r["m"]].append(f"held {r['date']}")
    for r in sorted(store.select("""SELECT DISTINCT ?g ?no WHERE { ?g a gz:WorkingGroup .
            OPTIONAL { ?g prov:wasDerivedFrom ?d . ?d dcterms:identifier ?no } }"""),
                    key=lambda r: (r["g"], str(r["no"]))):
        if r["g"] not in out.lines:
            out.lines[r["g"]].append(f"working group set up in {r['no']}" if r["no"] else "working group")
    for iri, lines in out.lines.items():
        if quotes.get(iri):
            lines.append(quotes[iri][0].line())
    return out


class _EdgeCollector:
    """Edges keyed by (source, target, relation); the same fact stated twice is one
    edge whose tooltip quotes both statements."""

    def __init__(self) -> None:
        self.facts: dict[tuple[str, str, str], set[tuple]] = defaultdict(set)

    def add(self, source: str, target: str, relation: str, says: str, quotes: list[Quote]) -> None:
        self.facts[(source, target, relation)].add((says, tuple(quotes[:1])))

    def edges(self) -> list[GraphEdge]:
        out = []
        for (source, target, relation), facts in sorted(self.facts.items()):
            ordered = sorted(facts, key=lambda f: (f[1][0].start if f[1] else -1, f[0]))
            lines: list[str] = []
            for says, qs in ordered[:EVIDENCE_PER_EDGE]:
                lines.append(says)
                lines += [q.line() for q in qs]
            if len(ordered) > EVIDENCE_PER_EDGE:
                lines.append(f"… and {len(ordered) - EVIDENCE_PER_EDGE} more statements")
            out.append(GraphEdge(source, target, relation, tuple(lines), weight=len(ordered)))
        return out


def _read_edges(store: Store, graph: StoreGraph, quotes: dict[str, list[Quote]]):
    edges = _EdgeCollector()
    name = graph.name
    task_agents: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for task in (iri for iri, n in graph.nodes.items() if n.kind == "task"):
        task_agents[task]  # tasks without any assignment still count
    for r in store.select("""SELECT DISTINCT ?task ?role ?agent ?written WHERE {
            ?task a gz:Task ; gz:hasAssignment ?a . ?a gz:role ?role ; gz:agent ?agent .
            OPTIONAL { ?a gz:asWritten ?written } }"""):
        relation = ROLE_RELATIONS.get(_short(r["role"]))
        if relation is None or r["agent"] not in graph.nodes:
            continue
        task_agents[r["task"]][relation].add(r["agent"])
        written = r["written"] or ""
        says = f"{name(r['agent'])} {ASSIGNMENT_VERBS[relation]}: {_clip(name(r['task']))}"
        if written and "".join(written.split()) != name(r["agent"]):
            says += f"\n(printed as {written})"
        edges.add(r["agent"], r["task"], relation, says, quotes.get(r["task"], []))
    for r in store.select("""SELECT DISTINCT ?c ?type ?person ?post ?doc ?date WHERE {
            ?c a ?type . FILTER(?type IN (gz:Appointment, gz:Removal))
            ?c gz:person ?person ; prov:wasDerivedFrom ?doc .
            OPTIONAL { ?c gz:postAsWritten ?post } OPTIONAL { ?c dcterms:date ?date } }"""):
        relation = "appointed" if _short(r["type"]) == "Appointment" else "removed"
        verb = "appoints" if relation == "appointed" else "removes"
        says = f"{name(r['doc'])} {verb} {name(r['person'])}" + (f" as {r['post']}" if r["post"] else "")
        says += f" ({r['date']})" if r["date"] else ""
        edges.add(r["doc"], r["person"], relation, says, quotes.get(r["c"], []))
    for r in store.select("""SELECT DISTINCT ?ms ?group ?member ?role ?title WHERE {
            ?ms a org:Membership ; org:organization ?group ; org:member ?member .
            ?group a gz:WorkingGroup .
            OPTIONAL { ?ms gz:roleLabel ?role } OPTIONAL { ?ms gz:titleAsPrinted ?title } }"""):
        says = f"{name(r['member'])} is {r['role'] or 'a member'} of {name(r['group'])}"
        says += f" ({r['title']})" if r["title"] else ""
        edges.add(r["member"], r["group"], "member", says, quotes.get(r["ms"], []))
    for r in store.select("""SELECT DISTINCT ?meeting ?p ?person ?role ?unit WHERE {
            ?meeting gz:hasParticipation ?p . ?p gz:participant ?person ; gz:participationRole ?role .
            OPTIONAL { ?p gz:unitAsWritten ?unit } }"""):
        relation = PARTICIPATION_RELATIONS.get(_short(r["role"]), "attends")
        says = f"{name(r['person'])}" + (f" ({r['unit']})" if r["unit"] else "") + f" {relation} {name(r['meeting'])}"
        edges.add(r["person"], r["meeting"], relation, says, quotes.get(r["p"], []))
    for r in store.select("""SELECT DISTINCT ?t ?person ?title ?doc WHERE {
            ?t a gz:TitleStatement ; gz:person ?person ; gz:titleText ?title ; prov:wasDerivedFrom ?doc }"""):
        says = f"{name(r['doc'])} names {name(r['person'])} as {r['title']}"
        edges.add(r["doc"], r["person"], "titled", says, quotes.get(r["t"], []))
    for r in store.select("""SELECT DISTINCT ?x ?doc WHERE { ?x prov:wasDerivedFrom ?doc .
            { ?x a gz:Task } UNION { ?x a gz:WorkingGroup } UNION { ?x a gz:Meeting } }"""):
        if r["x"] in graph.nodes and r["doc"] in graph.nodes:
            edges.add(r["x"], r["doc"], "source", f"{_clip(name(r['x']))}\nstated in {name(r['doc'])}: "
                      f"{_doc_title(graph, r['doc'])}", [])
    kept = [e for e in edges.edges() if e.source in graph.nodes and e.target in graph.nodes]
    return kept, {t: dict(by_rel) for t, by_rel in sorted(task_agents.items())}


def _doc_title(graph: StoreGraph, doc: str) -> str:
    node = graph.nodes.get(doc)
    return node.name if node else ""


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


# --- views ---------------------------------------------------------------------

@dataclass
class GraphView:
    """What one page draws."""

    view: str
    heading: str
    subtitle: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    sizes: dict[str, int]  # node -> workload (agents, tasks) or degree (others)
    leaders: list[tuple[str, str, str]] = field(default_factory=list)  # (iri, name, role caption)
    leader_scopes: dict[str, list[str]] = field(default_factory=dict)  # leader -> nodes of their work
    focus: str | None = None
    size_note: str = ""

    def count_by_kind(self) -> Counter:
        return Counter(n.kind for n in self.nodes)

    def count_by_relation(self) -> Counter:
        return Counter(e.relation for e in self.edges)


def parse_kinds(text: str | None) -> tuple[str, ...] | None:
    """``--kinds person,unit`` -> ("person", "unit"); None for all kinds."""
    if text is None or not text.strip():
        return None
    kinds = tuple(dict.fromkeys(k.strip() for k in re.split(r"[,，、\s]+", text) if k.strip()))
    unknown = [k for k in kinds if k not in NODE_STYLES]
    if unknown:
        raise GazetteError(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    return kinds


def _assemble(graph: StoreGraph, view: str, heading: str, node_iris, edges, kinds, focus=None) -> GraphView:
    """Keep the nodes of the wanted kinds (the focus always) and the edges between kept nodes."""
    wanted = set(kinds or KINDS)
    keep = {iri for iri in node_iris if graph.nodes[iri].kind in wanted or iri == focus}
    edges = [e for e in edges if e.source in keep and e.target in keep]
    nodes = sorted((graph.nodes[iri] for iri in keep), key=lambda n: (KINDS.index(n.kind), n.name, n.iri))
    sizes = _sizes(graph, nodes, edges)
    # The leader menu narrows the page to one leader's work, even where the
    # leaders themselves are not drawn (the units view).
    every_leader = graph.leaders()
    scopes = {iri: sorted(_leader_scope(graph, iri) & keep) for iri in every_leader}
    leaders = [iri for iri in every_leader if scopes[iri]]
    sources = "、".join(graph.sources)
    subtitle = f"{sources} · {len(nodes)} nodes · {len(edges)} edges"
    return GraphView(view=view, heading=heading, subtitle=subtitle, nodes=nodes,
                     edges=sorted(edges, key=lambda e: (e.source, e.target, e.relation)), sizes=sizes,
                     leaders=[(iri, graph.name(iri), _role_caption(graph, iri)) for iri in leaders],
                     leader_scopes={iri: scopes[iri] for iri in leaders}, focus=focus,
                     size_note="size: tasks shown (people, units), people and units on it (tasks), "
                               "links (others)")


def _sizes(graph: StoreGraph, nodes: list[GraphNode], edges: list[GraphEdge]) -> dict[str, int]:
    """Workload where the view shows tasks: a person's or unit's tasks in this view,
    a task's agents in this view; where it shows none, the tasks in the whole
    graph. Everything else: its links in the view."""
    on_tasks: dict[str, set] = defaultdict(set)  # a unit both leading and cooperating counts once
    degree: Counter = Counter()
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
        if e.relation in ("leads", "cooperates", "responsible"):
            on_tasks[e.source].add(e.target)
            on_tasks[e.target].add(e.source)
    has_tasks = any(n.kind == "task" for n in nodes)
    workload = graph.workload()
    sizes = {}
    for n in nodes:
        if n.kind in ("person", "unit", "collective", "task"):
            sizes[n.iri] = len(on_tasks[n.iri]) if has_tasks else workload[n.iri]
        else:
            sizes[n.iri] = degree[n.iri]
    return sizes


def _role_caption(graph: StoreGraph, iri: str) -> str:
    role, title = graph.leadership.get(iri, (None, None))
    if role is None:
        return "task leader"
    return title or ROLE_CAPTIONS.get(role, role)


def _leader_scope(graph: StoreGraph, leader: str) -> set[str]:
    """A leader's tasks and everyone on them (units, co-leaders, responsible people)."""
    scope = {leader}
    for task in graph.tasks_of(leader, ("leads",)):
        scope.add(task)
        for agents in graph.task_agents[task].values():
            scope |= agents
    return scope


def whole_view(graph: StoreGraph, kinds=None) -> GraphView:
    heading = f"{'、'.join(graph.sources) or 'gazette'}: the whole graph"
    return _assemble(graph, "whole", heading, graph.nodes, graph.edges, kinds)


def leader_view(graph: StoreGraph, leader: str, kinds=None) -> GraphView:
    """One leader's tasks, the units on them and the co-leaders."""
    scope = _leader_scope(graph, leader)
    tasks = set(graph.tasks_of(leader, ("leads",)))
    edges = [e for e in graph.edges if e.target in tasks and e.relation in ("leads", "cooperates", "responsible")]
    heading = f"{graph.name(leader)} ({_role_caption(graph, leader)}): {len(tasks)} tasks, their units and co-leaders"
    return _assemble(graph, "leader", heading, scope, edges, kinds or ("person", "unit", "collective", "task"),
                     focus=leader)


def units_view(graph: StoreGraph, kinds=None) -> GraphView:
    """Units linked when they are on the same task (lead or cooperating); the edge
    weight is the number of tasks they share."""
    wanted = set(kinds or ("unit",))
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, by_rel in graph.task_agents.items():
        units = sorted(a for rel in ("leads", "cooperates") for a in by_rel.get(rel, ())
                       if graph.nodes[a].kind in ("unit", "collective") and graph.nodes[a].kind in wanted)
        units = sorted(set(units))
        for i, a in enumerate(units):
            for b in units[i + 1:]:
                shared[(a, b)].append(task)
    edges = []
    for (a, b), tasks in sorted(shared.items()):
        lines = [f"{graph.name(a)} and {graph.name(b)} share {len(tasks)} task{'s' if len(tasks) > 1 else ''}"]
        for task in tasks[:EVIDENCE_PER_EDGE]:
            node = graph.nodes[task]
            lines.append(f"• {_clip(node.name)}" + (f" ({node.details[0]})" if node.details else ""))
        if len(tasks) > EVIDENCE_PER_EDGE:
            lines.append(f"… and {len(tasks) - EVIDENCE_PER_EDGE} more")
        edges.append(GraphEdge(a, b, "shares", tuple(lines), weight=len(tasks)))
    units = {iri for iri, n in graph.nodes.items() if n.kind in wanted & {"unit", "collective"}
             and graph.tasks_of(iri, ("leads", "cooperates"))}
    heading = f"{'、'.join(graph.sources) or 'gazette'}: units linked by shared tasks"
    view = _assemble(graph, "units", heading, units, edges, tuple(wanted))
    view.size_note = "size: tasks led or cooperated on; edge width: shared tasks"
    return view


def person_view(graph: StoreGraph, person: str, kinds=None) -> GraphView:
    """One person's career (appointments, removals, titles), groups, meetings and tasks."""
    edges = [e for e in graph.edges if person in (e.source, e.target)]
    nodes = {person} | {e.source for e in edges} | {e.target for e in edges}
    heading = f"{graph.name(person)}: career, groups, meetings and tasks"
    return _assemble(graph, "person", heading, nodes, edges, kinds, focus=person)


def find_person(graph: StoreGraph, name: str, among: list[str] | None = None) -> str:
    """A person by name as printed (layout spaces ignored), by another printed form, or by IRI."""
    wanted = "".join(name.split())
    candidates = among if among is not None else [i for i, n in graph.nodes.items() if n.kind == "person"]
    if name in candidates:
        return name
    exact = [i for i in candidates if "".join(graph.nodes[i].name.split()) == wanted]
    matches = exact or [i for i in candidates if wanted in ("".join(a.split()) for a in graph.nodes[i].aliases)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise GazetteError(f"several people are named {name!r}; pass one of these IRIs to --focus: "
                           + ", ".join(sorted(matches)))
    known = "、".join(graph.name(i) for i in candidates[:40]) or "none"
    raise GazetteError(f"no {'leader' if among is not None else 'person'} named {name!r} in the graph; known: {known}")


def build_view(graph: StoreGraph, view: str = "whole", focus: str | None = None, kinds=None) -> GraphView:
    if view not in VIEWS:
        raise GazetteError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")
    if view in ("leader", "person") and not focus:
        raise GazetteError(f"--view {view} needs --focus NAME")
    if view == "whole":
        return whole_view(graph, kinds)
    if view == "units":
        return units_view(graph, kinds)
    if view == "leader":
        return leader_view(graph, find_person(graph, focus, graph.leaders()), kinds)
    return person_view(graph, find_person(graph, focus), kinds)


# --- the page ------------------------------------------------------------------

def _vis_dir() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS from the installed pyvis package, ready to inline."""
    folder = _vis_dir()
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as err:
        raise GazetteError(f"vis-network is missing from the pyvis package ({err}); reinstall pyvis==0.3.2") from None
    # The source-map comment would make developer tools fetch a file that is not there.
    js = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", js)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    for text, closing in ((js, "</script"), (css, "</style")):
        if closing in text.lower():
            raise GazetteError(f"vis-network's files contain {closing}> and cannot be inlined")
    return js, css


def script_json(value) -> str:
    """JSON that can stand inside <script>: no character of it can close the element
    or open a comment, whatever the gazette printed."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _tooltip(node: GraphNode) -> str:
    caption = NODE_STYLES[node.kind][2]
    lines = [node.name, caption] + list(node.details)
    if node.aliases:
        lines.append("also printed as: " + "、".join(node.aliases[:8]))
    return "\n".join(lines)


def _node_size(value: int) -> int:
    return int(round(min(48, 8 + 4 * math.sqrt(value))))


def physics_options(node_count: int) -> dict:
    """Tuned so that the seed's whole graph (some 800 nodes, 3000 edges) settles in
    a couple of seconds: nodes start at the Python layout, the solver runs a
    capped number of iterations before the first frame, then the page switches
    physics off."""
    iterations = 120 if node_count <= 300 else 80 if node_count <= 800 else 60
    return {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -40, "centralGravity": 0.008, "springLength": 70,
                             "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.2},
        "maxVelocity": 60,
        "minVelocity": 1.5,
        "timestep": 0.45,
        "adaptiveTimestep": True,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
    }


def spring_positions(count: int, edges: list[tuple[int, int]], iterations: int = 80,
                     seed: int = LAYOUT_SEED) -> list[tuple[float, float]]:
    """Fruchterman-Reingold, grid variant: nodes repel only within 3k of each other
    (a k-d tree finds the pairs), edges attract (less so between hubs, which would
    otherwise crush the core together), a weak pull keeps components together.
    Near linear per iteration where networkx's spring_layout is quadratic
    (seconds, not minutes, for a few thousand nodes). Deterministic: a fixed
    seed and order-independent sums (bincount)."""
    import numpy as np
    from scipy.spatial import cKDTree

    if count == 0:
        return []
    rng = np.random.default_rng(seed)
    pos = rng.random((count, 2))
    k = 1.0 / math.sqrt(count)
    pairs_of_edges = np.array(sorted({(min(a, b), max(a, b)) for a, b in edges if a != b}), dtype=int).reshape(-1, 2)
    src, dst = pairs_of_edges[:, 0], pairs_of_edges[:, 1]
    degree = np.bincount(np.concatenate([src, dst]), minlength=count).astype(float)
    hub_damping = 1.0 / np.sqrt(np.maximum(degree[src] * degree[dst], 1.0))

    def summed(index, force):
        return np.stack([np.bincount(index, weights=force[:, j], minlength=count) for j in (0, 1)], axis=1)

    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        near = cKDTree(pos).query_pairs(3 * k, output_type="ndarray").reshape(-1, 2)
        delta = pos[near[:, 0]] - pos[near[:, 1]]
        push = delta * (k * k / np.maximum((delta ** 2).sum(axis=1), 1e-9))[:, None]
        move = summed(near[:, 0], push) - summed(near[:, 1], push)
        delta = pos[src] - pos[dst]
        pull = delta * (np.sqrt((delta ** 2).sum(axis=1)) / k * hub_damping)[:, None]
        move += summed(dst, pull) - summed(src, pull)
        move += (0.5 - pos) * (0.3 * k)
        length = np.maximum(np.sqrt((move ** 2).sum(axis=1)), 1e-12)
        pos += move * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    return [(float(x), float(y)) for x, y in pos]


def static_positions(view: GraphView) -> dict[str, tuple[int, int]]:
    """Pixel positions for a graph too big to lay out in the browser."""
    index = {n.iri: i for i, n in enumerate(view.nodes)}
    points = spring_positions(len(index), [(index[e.source], index[e.target]) for e in view.edges])
    scale = 80 * math.sqrt(max(1, len(index)))  # neighbours end up about k apart: ~80 px
    return {iri: (int(round((points[i][0] - 0.5) * scale)), int(round((points[i][1] - 0.5) * scale)))
            for iri, i in index.items()}


def page_data(view: GraphView, static_above: int = STATIC_LAYOUT_ABOVE) -> dict:
    """The JSON the page script reads: vis-ready nodes and edges, legends, menus."""
    ids = {n.iri: f"n{i}" for i, n in enumerate(view.nodes)}
    static = len(view.nodes) > static_above
    # Even where the browser runs physics it starts from this layout: it then
    # needs far fewer iterations to settle.
    positions = static_positions(view)
    nodes = []
    for n in view.nodes:
        item = {"id": ids[n.iri], "iri": n.iri, "kind": n.kind, "label": n.label, "title": _tooltip(n),
                "size": _node_size(view.sizes.get(n.iri, 0)), "value": view.sizes.get(n.iri, 0),
                "search": "".join(" ".join([n.name, n.label, *n.aliases]).split()).lower()}
        if n.iri in positions:
            item["x"], item["y"] = positions[n.iri]
        nodes.append(item)
    edges = []
    for i, e in enumerate(view.edges):
        item = {"id": f"e{i}", "from": ids[e.source], "to": ids[e.target], "relation": e.relation,
                "title": "\n".join([RELATIONS[e.relation][2]] + list(e.lines))}
        if e.weight > 1:
            item["width"] = round(min(8.0, 1 + math.log2(e.weight)), 2)
        edges.append(item)
    kind_counts = view.count_by_kind()
    rel_counts = view.count_by_relation()
    big = len(edges) > 1200
    options = {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {"enabled": False} if static else physics_options(len(nodes)),
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
        "nodes": {"font": {"size": 13, "face": "Noto Sans CJK SC, Noto Serif CJK SC, sans-serif"},
                  "borderWidth": 1},
        "edges": {"smooth": False if big else {"type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"enabled": view.view != "units", "scaleFactor": 0.45}},
                  "selectionWidth": 2},
        "groups": {kind: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                                     "highlight": {"background": colour, "border": "#000000"}}}
                   for kind, (shape, colour, _) in NODE_STYLES.items()},
    }
    return {
        "view": view.view,
        "nodes": nodes,
        "edges": edges,
        "relations": {rel: {"color": c, "dashed": d} for rel, (c, d, _) in RELATIONS.items() if rel_counts[rel]},
        "leaders": [{"id": f"L{i}", "node": ids.get(iri),
                     "scope": [ids[s] for s in view.leader_scopes.get(iri, []) if s in ids]}
                    for i, (iri, _, _) in enumerate(view.leaders)],
        "focus": ids.get(view.focus) if view.focus else None,
        "staticLayout": static,
        "options": options,
        "kinds": [k for k in KINDS if kind_counts[k]],
    }


PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {{ script_hashes }}; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gazette-kg (kg viz)">
<title>{{ heading }}</title>
<style>{{ vis_css }}</style>
<style>{{ page_css }}</style>
</head>
<body>
<header>
<h1>{{ heading }}</h1>
<p class="subtitle">{{ subtitle }}</p>
{%- if links %}
<nav>{% for caption, href, current in links %}{% if current %}<strong>{{ caption }}</strong>{% else %}<a href="{{ href }}">{{ caption }}</a>{% endif %}{% if not loop.last %} · {% endif %}{% endfor %}</nav>
{%- endif %}
</header>
<div id="controls">
<form id="search-form" autocomplete="off">
<label for="search">Search</label>
<input id="search" type="search" list="search-names" placeholder="name, unit or task text" spellcheck="false">
<button type="submit" id="search-next">Find</button>
<datalist id="search-names">{% for name in search_names %}<option value="{{ name }}">{% endfor %}</datalist>
</form>
<label for="leader-filter">Leader</label>
<select id="leader-filter">
<option value="">all</option>
{%- for id, name, role in leaders %}
<option value="{{ id }}">{{ name }} ({{ role }})</option>
{%- endfor %}
</select>
<span id="status" role="status"></span>
</div>
<div id="main">
<div id="graph"></div>
<aside id="side">
<fieldset id="kind-filter"><legend>Classes</legend>
{%- for kind, caption, shape, colour, count in kinds %}
<label><input type="checkbox" data-kind="{{ kind }}" checked><span class="swatch {{ shape }}" style="--c:{{ colour }}"></span>{{ caption }} <span class="count">{{ count }}</span></label>
{%- endfor %}
</fieldset>
<fieldset id="relation-filter"><legend>Relations</legend>
{%- for relation, caption, colour, dashed, count in relations %}
<label><input type="checkbox" data-relation="{{ relation }}" checked><span class="line{% if dashed %} dashed{% endif %}" style="--c:{{ colour }}"></span>{{ caption }} <span class="count">{{ count }}</span></label>
{%- endfor %}
</fieldset>
<p class="note">{{ size_note }}</p>
<div id="details" aria-live="polite">Hover over a node or an edge for its evidence; click to keep it here.</div>
</aside>
</div>
<script type="application/json" id="graph-data">{{ data_json }}</script>
<script>{{ vis_js }}</script>
<script>{{ page_js }}</script>
</body>
</html>
"""

PAGE_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 14px; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0; }
.subtitle { margin: 2px 0; color: #555; }
nav { margin: 2px 0; }
#controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; }
#search-form { display: flex; gap: 4px; align-items: center; }
#search { width: 18em; }
#status { color: #555; }
#main { flex: 1; display: flex; min-height: 0; }
#graph { flex: 1; min-width: 0; background: #fff; }
#side { width: 300px; overflow-y: auto; border-left: 1px solid #ddd; padding: 6px 10px; }
fieldset { border: 1px solid #ddd; margin: 0 0 8px; padding: 4px 8px; }
fieldset label { display: block; white-space: nowrap; }
.count { color: #777; font-size: 12px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 6px 0 4px; background: var(--c); border: 1px solid #333; vertical-align: -1px; }
.swatch.dot, .swatch.star { border-radius: 50%; }
.swatch.diamond { transform: rotate(45deg) scale(0.8); }
.swatch.triangle { clip-path: polygon(50% 0, 100% 100%, 0 100%); border: 0; }
.swatch.triangleDown { clip-path: polygon(0 0, 100% 0, 50% 100%); border: 0; }
.swatch.hexagon { clip-path: polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%); border: 0; }
.line { display: inline-block; width: 22px; height: 0; margin: 0 6px 0 4px; border-top: 3px solid var(--c); vertical-align: 3px; }
.line.dashed { border-top-style: dashed; }
.note { color: #555; font-size: 12px; }
#details { white-space: pre-wrap; word-break: break-word; font-size: 13px; border-top: 1px solid #ddd; padding-top: 6px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 480px; font-family: inherit; font-size: 13px; }
"""

# The page's own script. It never writes HTML: text goes in with textContent and
# vis-network shows string titles with innerText.
PAGE_SCRIPT = r"""
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var relations = data.relations;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = {id: n.id, label: n.label, title: n.title, group: n.kind, size: n.size};
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var style = relations[e.relation];
    var item = {id: e.id, from: e.from, to: e.to, title: e.title,
                color: {color: style.color, highlight: style.color, hover: style.color, opacity: 0.85},
                dashes: style.dashed, width: e.width || 1};
    return item;
  }));
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var status = document.getElementById("status");
  var details = document.getElementById("details");
  var graph = {network: network, nodes: nodes, edges: edges, data: data, settledMs: null, layoutMs: null};
  window.gazetteGraph = graph;
  window.__settledMs = null;

  function say(text) { status.textContent = text; }

  function settled() {
    if (graph.settledMs !== null) { return; }
    graph.settledMs = performance.now();
    graph.layoutMs = graph.settledMs - started;
    window.__settledMs = graph.settledMs;
    network.setOptions({physics: {enabled: false}});
    document.body.setAttribute("data-settled", "true");
    if (data.focus) { network.selectNodes([data.focus]); }
    showCounts();
  }
  if (data.staticLayout || !data.options.physics.enabled) {
    network.once("afterDrawing", settled);
  } else {
    network.on("stabilizationProgress", function (p) {
      say("laying out " + Math.round(100 * p.iterations / p.total) + "%");
    });
    network.once("stabilizationIterationsDone", settled);
    network.once("stabilized", settled);
  }

  // --- filters: class, relation, leader ---------------------------------------
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("#kind-filter input[data-kind]"));
  var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("#relation-filter input[data-relation]"));
  var leaderMenu = document.getElementById("leader-filter");
  var scopes = {}, leaderNodes = {};
  data.leaders.forEach(function (l) { scopes[l.id] = l.scope; leaderNodes[l.id] = l.node; });
  var visible = {};

  function showCounts() {
    var n = 0, e = 0;
    data.nodes.forEach(function (x) { if (visible[x.id]) { n++; } });
    edges.forEach(function (x) { if (!x.hidden) { e++; } });
    say(n + " nodes, " + e + " edges shown");
  }

  function applyFilters() {
    var kinds = {}, rels = {};
    kindBoxes.forEach(function (b) { kinds[b.getAttribute("data-kind")] = b.checked; });
    relationBoxes.forEach(function (b) { rels[b.getAttribute("data-relation")] = b.checked; });
    var scope = null;
    if (leaderMenu.value && scopes[leaderMenu.value]) {
      scope = {};
      scopes[leaderMenu.value].forEach(function (id) { scope[id] = true; });
    }
    visible = {};
    nodes.update(data.nodes.map(function (n) {
      var show = kinds[n.kind] !== false && (scope === null || scope[n.id] === true);
      if (show) { visible[n.id] = true; }
      return {id: n.id, hidden: !show};
    }));
    edges.update(data.edges.map(function (e) {
      return {id: e.id, hidden: !(rels[e.relation] !== false && visible[e.from] && visible[e.to])};
    }));
    showCounts();
  }
  kindBoxes.concat(relationBoxes).forEach(function (b) { b.addEventListener("change", applyFilters); });
  leaderMenu.addEventListener("change", function () {
    applyFilters();
    var shown = Object.keys(visible);
    if (leaderNodes[leaderMenu.value]) { network.selectNodes([leaderNodes[leaderMenu.value]]); }
    network.fit({nodes: shown, animation: false});
  });
  data.nodes.forEach(function (n) { visible[n.id] = true; });

  // --- search --------------------------------------------------------------------
  var search = document.getElementById("search");
  var matches = [], matchAt = -1, lastQuery = null;
  function find(event) {
    if (event) { event.preventDefault(); }
    var query = search.value.replace(/\s+/g, "").toLowerCase();
    if (!query) { say("type a name, a unit or words of a task"); return; }
    if (query !== lastQuery) {
      lastQuery = query;
      var exact = [], partial = [];
      data.nodes.forEach(function (n) {
        if (!visible[n.id]) { return; }
        if (n.label.replace(/\s+/g, "").toLowerCase() === query) { exact.push(n.id); }
        else if (n.search.indexOf(query) >= 0) { partial.push(n.id); }
      });
      matches = exact.concat(partial);
      matchAt = -1;
    }
    if (!matches.length) { say("no shown node matches " + search.value); return; }
    matchAt = (matchAt + 1) % matches.length;
    var id = matches[matchAt];
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: false});
    details.textContent = byId[id].title;
    say((matchAt + 1) + " of " + matches.length + ": " + byId[id].label);
  }
  document.getElementById("search-form").addEventListener("submit", find);

  // --- details panel -------------------------------------------------------------
  network.on("click", function (p) {
    if (p.nodes.length) { details.textContent = byId[p.nodes[0]].title; }
    else if (p.edges.length) { details.textContent = edges.get(p.edges[0]).title; }
  });
})();
"""


def _search_names(view: GraphView) -> list[str]:
    names = {n.name for n in view.nodes if n.kind != "task"}
    names |= {a for n in view.nodes if n.kind != "task" for a in n.aliases}
    return sorted(names)


def render_page(view: GraphView, links: list[tuple[str, str, bool]] = (),
                static_above: int = STATIC_LAYOUT_ABOVE) -> str:
    """The whole HTML page as text. ``links``: (caption, relative href, is this page)."""
    vis_js, vis_css = vis_assets()
    data = page_data(view, static_above)
    kind_counts = view.count_by_kind()
    rel_counts = view.count_by_relation()
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(PAGE_TEMPLATE).render(
        heading=view.heading, subtitle=view.subtitle, size_note=view.size_note, links=list(links),
        leaders=[(f"L{i}", name, role) for i, (_, name, role) in enumerate(view.leaders)],
        kinds=[(k, NODE_STYLES[k][2], NODE_STYLES[k][0], NODE_STYLES[k][1], kind_counts[k]) for k in KINDS
               if kind_counts[k]],
        relations=[(r, caption, colour, dashed, rel_counts[r]) for r, (colour, dashed, caption) in RELATIONS.items()
                   if rel_counts[r]],
        search_names=_search_names(view),
        script_hashes=Markup(" ".join([_csp_hash(vis_js), _csp_hash(PAGE_SCRIPT)])),
        vis_css=Markup(vis_css), page_css=Markup(PAGE_CSS), vis_js=Markup(vis_js), page_js=Markup(PAGE_SCRIPT),
        data_json=Markup(script_json(data)),
    )


# --- writing -------------------------------------------------------------------

def page_slug(name: str) -> str:
    """A file-name-safe form of a person's name (Chinese kept)."""
    return re.sub(r"[\s/\\:*?\"<>|#%~&'.]+", "_", name).strip("_") or "leader"


def _require_gazette(graph: StoreGraph, store: Store) -> None:
    if not graph.sources:
        raise GazetteError(f"{store.spec}: the store holds no gazette; run `kg build FILE --store {store.spec}` first")


def write_graph_pages(store: Store, output: str, view: str = "whole", focus: str | None = None,
                      kinds: str | tuple | None = None, all_leaders: bool = False) -> list[str]:
    """Write one page to ``output``; with ``all_leaders``, the whole-gazette page
    there and every deputy mayor's page beside it (``graph-<name>.html``).
    Returns the paths written."""
    if isinstance(kinds, str) or kinds is None:
        kinds = parse_kinds(kinds)
    graph = read_store_graph(store)
    _require_gazette(graph, store)
    if not all_leaders:
        page = build_view(graph, view, focus, kinds)
        atomic_write(output, render_page(page).encode("utf-8"))
        return [output]
    if view != "whole" or focus:
        raise GazetteError("--all-leaders writes the whole graph and every deputy mayor's page; drop --view/--focus")
    folder, base = os.path.split(output)
    stem = re.sub(r"\.html?$", "", base, flags=re.I) or "graph"
    pages: list[tuple[str, str, GraphView]] = [("whole gazette", base, whole_view(graph, kinds))]
    used = {base}
    for deputy in graph.deputies():
        name = f"{stem}-{page_slug(graph.name(deputy))}.html"
        n = 2
        while name in used:  # two deputies with one name
            name = f"{stem}-{page_slug(graph.name(deputy))}-{n}.html"
            n += 1
        used.add(name)
        pages.append((graph.name(deputy), name, leader_view(graph, deputy, kinds)))
    written = []
    for caption, name, page in pages:
        links = [(c, quote(n), n == name) for c, n, _ in pages]
        path = os.path.join(folder, name)
        atomic_write(path, render_page(page, links).encode("utf-8"))
        written.append(path)
    return written


def write_products(store: Store, output_dir: str) -> list[str]:
    """Called by ``kg run``: output_dir/graph.html and a graph-<name>.html per deputy mayor."""
    return write_graph_pages(store, os.path.join(output_dir, "graph.html"), all_leaders=True)
