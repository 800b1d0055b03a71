"""Every fact in the built graph can be traced back to the words that show it.

The real gazette and the bundled sample(s) are built into one store; then every
gz:Evidence node is checked against the source file, character for character,
and every node with evidence against the span of the document it is derived from.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_source
from kg.pipeline import build
from kg.store import open_store
from kg.validate import validate_store

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "miluo-gazette-2025-01.txt"
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
FACT_CLASSES = "gz:Task gz:Appointment gz:Removal gz:Target org:Membership gz:Participation gz:TitleStatement " \
               "gz:Meeting gz:WorkingGroup gz:AgendaItem"


@pytest.fixture(scope="module")
def sources() -> dict:
    assert SEED.exists(), f"the seed gazette is expected at {SEED}"
    assert SAMPLES, "no bundled sample gazette in samples/*.txt"
    return {path.name: read_source(path) for path in [SEED, *SAMPLES]}


@pytest.fixture(scope="module")
def store(tmp_path_factory, sources):
    folder = tmp_path_factory.mktemp("provenance-store")
    build([source.path for source in sources.values()], str(folder))
    return open_store(str(folder))


def test_every_evidence_quote_is_the_source_text_between_its_offsets(store, sources):
    rows = store.select("""
        SELECT ?ev ?start ?end ?quote ?file WHERE {
            ?ev a gz:Evidence ; gz:start ?start ; gz:end ?end ; gz:quote ?quote .
            OPTIONAL { ?ev gz:inDocument/dcterms:isPartOf/gz:sourceFile ?file }
        }""")
    [total] = store.select("SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?ev a gz:Evidence }")
    assert len({r["ev"] for r in rows}) == total["n"], "some evidence lacks a start, end or quote"
    per_file = {r["file"] for r in rows}
    assert per_file == set(sources), "every gazette built must have evidence, and every evidence a gazette"
    wrong = [(r["ev"], r["quote"][:30], sources[r["file"]].text[r["start"]:r["end"]][:30])
             for r in rows if sources[r["file"]].text[r["start"]:r["end"]] != r["quote"]]
    assert not wrong, f"{len(wrong)} of {len(rows)} quotes differ from the source, e.g. {wrong[:5]}"


def test_every_node_with_evidence_derives_from_the_document_that_holds_the_span(store):
    """A node may cite several spans (a resolution decision cites every variant it
    merged) and then derives from several documents: each span must lie in one of them."""
    rows = store.select("""
        SELECT ?node ?ev ?start ?end ?doc ?docStart ?docEnd WHERE {
            ?node gz:evidence ?ev .
            ?ev gz:start ?start ; gz:end ?end .
            OPTIONAL {
                # a fact derives from its document; a document's own evidence (its title) lies in itself
                { ?node prov:wasDerivedFrom ?doc } UNION { ?node a ?docClass . FILTER(?docClass IN (gz:Document, gz:MeetingRecord)) BIND(?node AS ?doc) }
                ?doc gz:start ?docStart ; gz:end ?docEnd }
        }""")
    holders: dict[tuple, list] = {}
    for r in rows:
        inside = r["doc"] is not None and r["docStart"] <= r["start"] < r["end"] <= r["docEnd"]
        holders.setdefault((r["node"], r["ev"]), []).extend([r["doc"]] if inside else [])
    assert len({node for node, _ in holders}) > 100
    orphans = sorted(pair for pair, docs in holders.items() if not docs)
    assert not orphans, f"{len(orphans)} evidence spans lie in no document the node derives from: {orphans[:3]}"


def test_every_fact_node_has_evidence(store):
    counts = store.select(f"""
        SELECT ?cls (COUNT(DISTINCT ?node) AS ?n) WHERE {{
            VALUES ?cls {{ {FACT_CLASSES} }}
            ?node a ?cls .
        }} GROUP BY ?cls""")
    assert sum(c["n"] for c in counts) > 100, counts
    bare = store.select(f"""
        SELECT ?node ?cls WHERE {{
            VALUES ?cls {{ {FACT_CLASSES} }}
            ?node a ?cls .
            FILTER NOT EXISTS {{ ?node gz:evidence ?ev }}
        }}""")
    assert bare == []


def test_the_built_gazettes_conform_to_the_shapes(store):
    result = validate_store(store)
    assert result.conforms, result.text
    assert result.triples > 10_000
