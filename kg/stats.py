"""Counts per class and per named graph (``kg stats``)."""
from __future__ import annotations

from kg.store import open_store


def store_stats(store_spec: str) -> str:
    store = open_store(store_spec)
    rows = store.select("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class")
    graphs = store.graph_names()
    lines = [f"store {store_spec}: {len(graphs)} named graphs, {len(store.quads())} quads", "", "instances per class:"]
    width = max((len(_short(r["class"])) for r in rows), default=10)
    for r in rows:
        lines.append(f"  {_short(r['class']).ljust(width)}  {r['n']:>7}")
    return "\n".join(lines)


def _short(iri: str) -> str:
    from kg.graph.vocab import PREFIXES

    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri
