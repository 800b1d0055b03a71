"""One small interface over two RDF backends.

``--store SPEC``: a folder (rdflib in memory, serialised there as ``graph.trig``)
or ``oxigraph:FOLDER`` (a persistent on-disk Oxigraph store).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Protocol

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.graph.vocab import PREFIXES, SPARQL_PREFIXES

TRIG_NAME = "graph.trig"


class Store(Protocol):
    spec: str

    def replace_graphs(self, prefix: str, quads: Iterable[tuple]) -> None: ...
    def select(self, sparql: str) -> list[dict]: ...
    def quads(self) -> list[tuple]: ...
    def graph_names(self) -> list[str]: ...
    def save(self) -> None: ...


def _python_value(term):
    """A SPARQL result term as a plain Python value (IRIs as str)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Literal):  # ill-typed literal
            return str(value)
        return value
    return str(term)


def atomic_write(path: str, data: bytes) -> None:
    """Write to a temp file beside the target and rename: never a half-written file."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class RdflibStore:
    """In memory; loaded from and saved to FOLDER/graph.trig."""

    def __init__(self, folder: str):
        self.spec = folder
        self.folder = folder
        self.path = os.path.join(folder, TRIG_NAME)
        self.dataset = Dataset(default_union=True)
        self._bind()
        if os.path.exists(self.path):
            try:
                self.dataset.parse(self.path, format="trig")
            except Exception as err:  # rdflib raises many kinds
                raise StoreError(f"{self.path}: cannot read the stored graph ({err})") from None

    def _bind(self):
        for prefix, ns in PREFIXES.items():
            self.dataset.bind(prefix, ns, override=True)

    def graph_names(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)
                      and str(g.identifier) != "urn:x-rdflib:default")

    def replace_graphs(self, prefix: str, quads: Iterable[tuple]) -> None:
        for name in self.graph_names():
            if name.startswith(prefix):
                self.dataset.remove_graph(self.dataset.graph(URIRef(name)))
        for s, p, o, g in quads:
            self.dataset.graph(g).add((s, p, o))

    def select(self, sparql: str) -> list[dict]:
        result = self.dataset.query(SPARQL_PREFIXES + sparql)
        names = [str(v) for v in result.vars]
        return [{n: _python_value(row[i]) for i, n in enumerate(names)} for row in result]

    def ask_or_construct(self, sparql: str):
        return self.dataset.query(SPARQL_PREFIXES + sparql)

    def quads(self) -> list[tuple]:
        out = []
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            if g is None:
                continue
            name = g.identifier if hasattr(g, "identifier") else g
            out.append((s, p, o, name))
        return out

    def serialize(self) -> bytes:
        """TriG with graphs, subjects and predicates in a stable order."""
        return serialize_trig(self.quads())

    def save(self) -> None:
        atomic_write(self.path, self.serialize())


def serialize_trig(quads: list[tuple]) -> bytes:
    """Deterministic TriG: rdflib's own writer orders some things by hash, so we
    write the (simple, blank-node-free) dataset ourselves."""
    by_graph: dict = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), {}).setdefault(s, []).append((p, o))
    ns_items = sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1])))

    def term(t) -> str:
        if isinstance(t, URIRef):
            text = str(t)
            for prefix, ns in ns_items:
                ns = str(ns)
                local = text[len(ns):]
                if text.startswith(ns) and local and _is_pn_local(local):
                    return f"{prefix}:{local}"
            return f"<{text}>"
        if isinstance(t, BNode):  # never produced by our builder; kept for imported data
            return f"_:{t}"
        return t.n3()

    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    lines.append("")
    for gname in sorted(by_graph):
        lines.append(f"<{gname}> {{")
        subjects = by_graph[gname]
        for s in sorted(subjects, key=str):
            pos = sorted(subjects[s], key=lambda po: (str(po[0]), po[1].n3()))
            body = " ;\n        ".join(f"{term(p)} {term(o)}" for p, o in pos)
            lines.append(f"    {term(s)} {body} .")
        lines.append("}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _is_pn_local(local: str) -> bool:
    # conservative: letters, digits, underscore and hyphen only (ASCII)
    return all(c.isascii() and (c.isalnum() or c in "_-") for c in local) and not local[0] == "-"


class OxigraphStore:
    """A persistent Oxigraph store in FOLDER."""

    def __init__(self, folder: str):
        import pyoxigraph

        self._ox = pyoxigraph
        self.spec = f"oxigraph:{folder}"
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        try:
            self.store = pyoxigraph.Store(folder)
        except OSError as err:
            raise StoreError(f"{folder}: cannot open the Oxigraph store ({err})") from None

    def _term(self, t):
        ox = self._ox
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))

    def _from_ox(self, t):
        ox = self._ox
        if t is None:
            return None
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value if t.datatype else None
            if dt == str(XSD.string):
                dt = None
            return Literal(t.value, datatype=URIRef(dt) if dt else None)
        return t

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, self._ox.NamedNode))

    def replace_graphs(self, prefix: str, quads: Iterable[tuple]) -> None:
        ox = self._ox
        for name in self.graph_names():
            if name.startswith(prefix):
                self.store.remove_graph(ox.NamedNode(name))
        self.store.extend([ox.Quad(self._term(s), self._term(p), self._term(o), ox.NamedNode(str(g)))
                           for s, p, o, g in quads])
        self._rebuild_union()

    def _rebuild_union(self) -> None:
        """Keep the default graph as the set-union of the named graphs. Oxigraph's own
        union mode repeats a triple once per graph that holds it, and our document
        graphs each restate the entities they mention; SPARQL's RDF-merge semantics
        (which rdflib follows) count it once."""
        ox = self._ox
        self.store.clear_graph(ox.DefaultGraph())
        self.store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                           for q in self.store.quads_for_pattern(None, None, None, None)
                           if not isinstance(q.graph_name, ox.DefaultGraph)])

    def select(self, sparql: str) -> list[dict]:
        result = self.store.query(SPARQL_PREFIXES + sparql)
        names = [v.value for v in result.variables]
        return [{n: _python_value(self._from_ox(row[n])) for n in names} for row in result]

    def raw_query(self, sparql: str):
        return self.store.query(sparql)

    def quads(self) -> list[tuple]:
        out = []
        for q in self.store.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, self._ox.DefaultGraph):
                continue
            out.append((self._from_ox(q.subject), self._from_ox(q.predicate), self._from_ox(q.object),
                        URIRef(q.graph_name.value)))
        return out

    def serialize(self) -> bytes:
        return serialize_trig(self.quads())

    def save(self) -> None:
        self.store.flush()


@dataclass(frozen=True)
class StoreSpec:
    backend: str  # "rdflib" | "oxigraph"
    folder: str


def parse_store_spec(spec: str) -> StoreSpec:
    if spec.startswith("oxigraph:"):
        folder = spec[len("oxigraph:"):]
        if not folder:
            raise StoreError("--store oxigraph: needs a folder, e.g. oxigraph:output/oxigraph")
        return StoreSpec("oxigraph", folder)
    if spec.startswith("rdflib:"):
        spec = spec[len("rdflib:"):]
    return StoreSpec("rdflib", spec or "output")


def open_store(spec: str = "output") -> Store:
    parsed = parse_store_spec(spec)
    if parsed.backend == "oxigraph":
        return OxigraphStore(parsed.folder)
    return RdflibStore(parsed.folder)
