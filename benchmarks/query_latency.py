"""Median latency of every named query on the rdflib and the Oxigraph store.

    python benchmarks/query_latency.py [GAZETTE.txt] [--runs 20]

Builds the gazette (the seed by default) into both stores in temporary folders,
picks parameters from the graph itself (the busiest leader, the busiest lead
unit, the first dated appointment …) and runs each query N times per store.
Not a test: it prints a table.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.vocab import graph_prefix  # noqa: E402
from kg.pipeline import build  # noqa: E402
from kg.query import QueryResult, format_table, list_queries, run_query  # noqa: E402
from kg.store import OxigraphStore, RdflibStore  # noqa: E402

SEED = ROOT.parent / "shared" / "data" / "miluo-gazette-2025-01.txt"


def first(store, sparql: str) -> dict:
    rows = store.select(sparql)
    return rows[0] if rows else {}


def sample_params(store) -> dict[str, dict[str, str]]:
    """Parameters that make each query answer something on this graph."""
    leaders = store.select("""SELECT ?name (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p gz:leads ?t ; a foaf:Person ; foaf:name ?name }
                              GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 2""")
    leader_a = leaders[0]["name"] if leaders else ""
    leader_b = leaders[1]["name"] if len(leaders) > 1 else leader_a
    unit = first(store, """SELECT ?u (COUNT(*) AS ?n) WHERE { ?a gz:role gz:LeadUnit ; gz:asWritten ?u }
                           GROUP BY ?u ORDER BY DESC(?n) ?u LIMIT 1""").get("u", "")
    change = first(store, """SELECT ?post ?date WHERE { ?c a gz:Appointment ; gz:postAsWritten ?post ; dcterms:date ?date }
                             ORDER BY ?date ?post LIMIT 1""")
    task = first(store, """SELECT ?ref ?no WHERE { ?t a gz:Task ; gz:ref ?ref ; prov:wasDerivedFrom/dcterms:identifier ?no }
                           ORDER BY ?no ?ref LIMIT 1""")
    latest = first(store, "SELECT (MAX(?d) AS ?d) WHERE { ?t gz:deadline ?d }").get("d") or "2099-12-31"
    return {
        "task-chain": {"ref": task.get("ref", ""), "doc_no": task.get("no", "")},
        "leader-tasks": {"leader": leader_a}, "leader-portfolio": {"leader": leader_a},
        "shared-units": {"leader_a": leader_a, "leader_b": leader_b},
        "person-activity": {"person": leader_a}, "evidence": {"fact": leader_a},
        "post-holder": {"post": change.get("post", ""), "date": change.get("date") or "2099-12-31"},
        "unit-personnel": {"unit": change.get("post", "")[:4]},
        "unit-tasks": {"unit": unit}, "tasks-due-before": {"date": latest},
    }


def median_ms(store, name: str, params: dict, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(run_query(store, name, params).rows)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gazette", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build([args.gazette], folder)
        rdf = RdflibStore(folder)
        ox = OxigraphStore(str(Path(folder) / "oxigraph"))
        ox.replace_graphs(graph_prefix(Path(args.gazette).name), rdf.quads())
        print(f"{Path(args.gazette).name}: {len(rdf.quads())} quads, built in {time.perf_counter() - started:.1f} s; "
              f"median of {args.runs} runs per query and store\n")
        params = sample_params(rdf)
        rows = []
        for q in list_queries():
            p = params.get(q.name, {})
            rdf_ms, n = median_ms(rdf, q.name, p, args.runs)
            ox_ms, n_ox = median_ms(ox, q.name, p, args.runs)
            rows.append({"query": q.name, "rows": n if n == n_ox else f"{n}≠{n_ox}",
                         "rdflib ms": round(rdf_ms, 1), "oxigraph ms": round(ox_ms, 1),
                         "ratio": round(rdf_ms / ox_ms, 1) if ox_ms else None})
        print(format_table(QueryResult(columns=["query", "rows", "rdflib ms", "oxigraph ms", "ratio"], rows=rows)))


if __name__ == "__main__":
    main()
