"""SHACL validation of a built graph against ontology/shapes.ttl.

The union of the store's named graphs is validated with the ontology
(ontology/gazette.ttl) mixed in and no inference: the ontology's
rdfs:subClassOf lets sh:targetClass and sh:class see that a gz:MeetingRecord is a
gz:Document, while leaving rdfs:range out of play (RDFS inference would type
every gz:person object a foaf:Person and so hide an untyped node). It is also
three times faster: about 4 s for the seed gazette's 32k triples, against 11 s
with inference="rdfs".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kg.graph.vocab import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_PATH = ONTOLOGY_DIR / "gazette.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
MAX_LINES = 50
_SHORT_VALUE = 40


class Violation(NamedTuple):
    """One failed constraint, as kg validate prints it."""

    focus: str  # the node, shortened: "gzid:task/t/青政办发〔2025〕1号/1"
    path: str  # the property, shortened: "gz:evidence", "^gz:hasAssignment"; "" for a node constraint
    message: str

    def line(self) -> str:
        return f"{self.focus}  {self.path or '-'}  {self.message}"


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[Violation]
    text: str
    warnings: list[Violation] = field(default_factory=list)  # sh:Warning results; they do not break conformance
    triples: int = 0


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def shorten(term, graph: Graph | None = None) -> str:
    """An IRI with a known prefix ("gz:evidence", "gzid:task/…"); a path node as SHACL path syntax."""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if text.startswith(str(ns)) and len(text) > len(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
        return f"<{text}>"
    if isinstance(term, BNode) and graph is not None:
        inverse = graph.value(term, SH.inversePath)
        if inverse is not None:
            return "^" + shorten(inverse, graph)
        if graph.value(term, RDF.first) is not None:  # a sequence path
            return "/".join(shorten(step, graph) for step in Collection(graph, term))
    if isinstance(term, Literal):
        text = str(term).replace("\n", "⏎")
        return text if len(text) <= _SHORT_VALUE else text[:_SHORT_VALUE] + "…"
    return str(term)


def _results(report: Graph, severity: URIRef) -> list[Violation]:
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != severity:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        message = messages[0] if messages else shorten(report.value(result, SH.sourceConstraintComponent))
        value = report.value(result, SH.value)
        if value is not None and value != focus:
            message = f"{message} (value: {shorten(value, report)})"
        found.add(Violation(shorten(focus, report), shorten(path, report) if path is not None else "", message))
    return sorted(found)


def _report_text(conforms: bool, violations: list[Violation], warnings: list[Violation], triples: int) -> str:
    if conforms:
        head = f"Conforms: {triples} triples checked against the gazette shapes, no violations."
    else:
        head = f"Does not conform: {len(violations)} violation(s) in {triples} triples."
    lines = [head]
    shown = [("", v) for v in violations] + [("warning: ", w) for w in warnings]
    for tag, item in shown[:MAX_LINES]:
        lines.append(tag + item.line())
    if len(shown) > MAX_LINES:
        lines.append(f"… and {len(shown) - MAX_LINES} more")
    return "\n".join(lines)


def validate_graph(graph: Graph) -> ValidationResult:
    """Validate one rdflib Graph (the union of a gazette's named graphs) against the shapes."""
    conforms, report, _ = validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", allow_warnings=True,
    )
    violations = _results(report, SH.Violation)
    warnings = _results(report, SH.Warning)
    triples = len(graph)
    return ValidationResult(bool(conforms), violations, _report_text(bool(conforms), violations, warnings, triples),
                            warnings, triples)


def graph_of_quads(quads) -> Graph:
    """The union of named graphs as one plain Graph."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    return graph


def validate_store(store) -> ValidationResult:
    """Validate everything in a store (kg validate)."""
    return validate_graph(graph_of_quads(store.quads()))


__all__ = ["validate_store", "validate_graph", "graph_of_quads", "ValidationResult", "Violation",
           "ONTOLOGY_PATH", "SHAPES_PATH"]
