"""Time each stage of building the seed gazette (and the sample) and print the figures.

    python benchmarks/build_time.py [--runs 5]

Stages: read+split (ingest), extract, resolve, graph (quads), rdflib store
(replace + save graph.trig), Oxigraph store (replace + flush), facts read-back,
SHACL validation. Medians over the runs. Not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract import extract_gazette  # noqa: E402
from kg.facts import read_facts  # noqa: E402
from kg.graph.build import build_quads  # noqa: E402
from kg.graph.vocab import graph_prefix  # noqa: E402
from kg.ingest import read_source, split_documents  # noqa: E402
from kg.resolve import resolve_gazette  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.validate import validate_store  # noqa: E402

INPUTS = [REPO.parent / "shared" / "data" / "miluo-gazette-2025-01.txt", *sorted((REPO / "samples").glob("*.txt"))]


def time_once(path: Path) -> dict[str, float]:
    t = {}
    start = time.perf_counter()
    source = read_source(path)
    gazette = split_documents(source)
    t["ingest"] = time.perf_counter() - start

    start = time.perf_counter()
    facts = extract_gazette(gazette)
    t["extract"] = time.perf_counter() - start

    start = time.perf_counter()
    resolved = resolve_gazette(gazette, facts)
    t["resolve"] = time.perf_counter() - start

    start = time.perf_counter()
    quads = build_quads(resolved)
    t["graph"] = time.perf_counter() - start
    t["quads"] = len(quads)

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = open_store(tmp + "/rdf")
        store.replace_graphs(graph_prefix(source.name), quads)
        store.save()
        t["rdflib store"] = time.perf_counter() - start

        start = time.perf_counter()
        ox = open_store(f"oxigraph:{tmp}/ox")
        ox.replace_graphs(graph_prefix(source.name), quads)
        ox.save()
        t["oxigraph store"] = time.perf_counter() - start

        start = time.perf_counter()
        read_facts(open_store(tmp + "/rdf"))
        t["facts (rdflib)"] = time.perf_counter() - start

        start = time.perf_counter()
        read_facts(ox)
        t["facts (oxigraph)"] = time.perf_counter() - start

        start = time.perf_counter()
        validate_store(store)
        t["validate"] = time.perf_counter() - start
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for path in INPUTS:
        if not path.exists():
            print(f"{path}: missing, skipped")
            continue
        runs = [time_once(path) for _ in range(args.runs)]
        print(f"\n{path.name}  ({runs[0]['quads']} quads, {path.stat().st_size // 1024} KiB, median of {args.runs} runs)")
        for stage in [k for k in runs[0] if k != "quads"]:
            values = [r[stage] for r in runs]
            print(f"  {stage:<18} {statistics.median(values) * 1000:8.1f} ms   (min {min(values) * 1000:.1f})")
        total = sum(statistics.median([r[s] for r in runs]) for s in ("ingest", "extract", "resolve", "graph", "rdflib store"))
        print(f"  {'build total':<18} {total * 1000:8.1f} ms   (ingest→rdflib graph.trig)")


if __name__ == "__main__":
    main()
