"""Export the store: RDF for other tools, GraphML/GEXF for Gephi.

Every format comes out the same for the same graph (sorted statements, no
dates or hash orders), so exports can be diffed and committed.
"""
from __future__ import annotations

import io
import json
import re

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from kg.errors import GazetteError
from kg.graph.vocab import GZ, ORG, PREFIXES
from kg.store import Store, serialize_trig

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = RDF_FORMATS + NETWORK_FORMATS
SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld", ".json": "jsonld",
            ".graphml": "graphml", ".gexf": "gexf"}

# Nodes that only carry a fact's details: the shortcut edges (gz:leads, gz:attends,
# org:memberOf …) already link the entities they connect, and Gephi users want those.
DETAIL_CLASSES = {GZ.Evidence, GZ.Assignment, ORG.Membership, GZ.UnitMembership, GZ.Participation, ORG.Role,
                  GZ.Milestone, GZ.ResolutionDecision, GZ.LeadershipRole}
LABEL_PREDICATES = (RDFS.label, FOAF.name, SKOS.prefLabel, DCTERMS.title)


def format_for(path: str | None, fmt: str | None) -> str:
    """The format asked for, or the one an output file's suffix names, else TriG."""
    if fmt:
        if fmt not in FORMATS:
            raise GazetteError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    if path:
        for suffix, name in SUFFIXES.items():
            if path.lower().endswith(suffix):
                return name
    return "trig"


def _triples(quads) -> list[tuple]:
    """The dataset's statements without their graphs, each once, sorted."""
    return sorted({(s, p, o) for s, p, o, _ in quads}, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))


def _graph_with_prefixes(triples) -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    for t in triples:
        graph.add(t)
    return graph


def _sorted_json(value):
    """JSON-LD arrays are unordered sets (no @list here): sort them for a stable file."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def export_rdf(quads, fmt: str) -> bytes:
    if fmt == "trig":
        return serialize_trig(quads)
    if fmt == "nquads":
        dataset = Dataset()
        for s, p, o, g in quads:
            dataset.graph(g).add((s, p, o))
        lines = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt == "turtle":
        # one merged graph: the named graphs only say which document each statement came from
        return _graph_with_prefixes(_triples(quads)).serialize(format="turtle", encoding="utf-8")
    if fmt == "jsonld":
        dataset = Dataset()
        for s, p, o, g in quads:
            dataset.graph(g).add((s, p, o))
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        data = json.loads(dataset.serialize(format="json-ld", context=context, encoding="utf-8"))
        return (json.dumps(_sorted_json(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    raise GazetteError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})")


def compact(iri: str) -> str:
    """gz:leads for https://w3id.org/gazette-kg/ns#leads."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def entity_network(quads):
    """A directed networkx graph: typed IRIs (people, units, tasks, groups, meetings,
    posts, documents …) as nodes with label and class, object properties between them as edges."""
    import networkx as nx

    triples = _triples(quads)
    types: dict = {}
    labels: dict = {}
    leadership: dict = {}
    for s, p, o in triples:
        if p == RDF.type and isinstance(o, URIRef):
            types.setdefault(s, set()).add(o)
        elif p in LABEL_PREDICATES and isinstance(o, Literal):
            labels.setdefault(s, {}).setdefault(p, []).append(str(o))
    # a person's leadership role (mayor, deputy …) becomes a node attribute to colour by
    role_names = {s: str(o) for s, p, o in triples if p == GZ.leadershipRole}
    for s, p, o in triples:
        if p == GZ.person and s in role_names:
            leadership.setdefault(o, set()).add(role_names[s])

    nodes = sorted((s for s, classes in types.items() if isinstance(s, URIRef) and not classes & DETAIL_CLASSES), key=str)
    node_set = set(nodes)
    network = nx.DiGraph()
    for node in nodes:
        found = labels.get(node, {})
        # a fact node without a label (an appointment, a target) is named by its readable IRI path
        label = next((sorted(found[p])[0] for p in LABEL_PREDICATES if p in found), compact(str(node)))
        classes = sorted(compact(str(c)) for c in types[node])
        attrs = {"label": label, "class": classes[0], "classes": " ".join(classes), "iri": str(node)}
        if node in leadership:
            attrs["leadership"] = " ".join(sorted(leadership[node]))
        network.add_node(str(node), **attrs)
    for s, p, o in triples:
        if p == RDF.type or s not in node_set or o not in node_set or s == o:
            continue
        name = compact(str(p))
        if network.has_edge(str(s), str(o)):
            names = set(network.edges[str(s), str(o)]["predicate"].split(" ")) | {name}
            network.edges[str(s), str(o)]["predicate"] = " ".join(sorted(names))
            network.edges[str(s), str(o)]["label"] = network.edges[str(s), str(o)]["predicate"]
        else:
            network.add_edge(str(s), str(o), predicate=name, label=name)
    return network


_GEXF_DATE = re.compile(rb'\s*lastmodifieddate="[^"]*"')


def export_network(quads, fmt: str) -> bytes:
    import networkx as nx

    network = entity_network(quads)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(network, buffer, encoding="utf-8")
        return buffer.getvalue()
    if fmt == "gexf":
        nx.write_gexf(network, buffer, encoding="utf-8")
        return _GEXF_DATE.sub(b"", buffer.getvalue())  # today's date would make every export differ
    raise GazetteError(f"unknown network format {fmt!r} (one of {', '.join(NETWORK_FORMATS)})")


def export_store(store: Store, fmt: str) -> bytes:
    """The whole store in one format, as bytes."""
    quads = store.quads()
    if not quads:
        raise GazetteError(f"the store {store.spec} is empty: nothing to export")
    if fmt in RDF_FORMATS:
        return export_rdf(quads, fmt)
    if fmt in NETWORK_FORMATS:
        return export_network(quads, fmt)
    raise GazetteError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
