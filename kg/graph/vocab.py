"""Namespaces and IRI minting. IRIs are readable and deterministic: they are
built from the gazette file's stem, document numbers, canonical names and
positions, never from counters that depend on run order or hashing."""
from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

GZ = Namespace("https://w3id.org/gazette-kg/ns#")
ID = Namespace("https://w3id.org/gazette-kg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES = {
    "gz": GZ, "gzid": ID, "org": ORG, "foaf": FOAF, "prov": PROV, "dcterms": DCTERMS,
    "skos": SKOS, "rdfs": RDFS, "rdf": RDF, "xsd": XSD, "owl": OWL,
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

# Characters that may not stand in an IRI path segment (RFC 3987) or would cut it.
_UNSAFE = re.compile(r"[\s<>\"{}|\\^`#?/%\[\]]")


def segment(text: str) -> str:
    """One readable IRI path segment: Chinese kept, unsafe characters percent-encoded."""
    text = text.strip() or "_"
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), text)


def mint(*parts: str | int) -> URIRef:
    return ID["/".join(segment(str(p)) for p in parts)]


def source_stem(source_name: str) -> str:
    return re.sub(r"\.(txt|text|md|html?)$", "", source_name, flags=re.I)


def gazette_iri(source_name: str) -> URIRef:
    return mint("gazette", source_stem(source_name))


def graph_prefix(source_name: str) -> str:
    """Every named graph of one gazette starts with this; rebuilding replaces them all."""
    return str(mint("graph", source_stem(source_name))) + "/"


def document_graph(source_name: str, doc_no: str) -> URIRef:
    return mint("graph", source_stem(source_name), doc_no)


def resolution_graph(source_name: str) -> URIRef:
    return mint("graph", source_stem(source_name), "_resolution")


def document_iri(source_name: str, doc_no: str) -> URIRef:
    return mint("doc", source_stem(source_name), doc_no)


def evidence_iri(source_name: str, start: int, end: int) -> URIRef:
    return mint("evidence", source_stem(source_name), f"{start}-{end}")
