"""The graph as a user relies on it: deterministic, replaceable per gazette, same on both stores."""
from __future__ import annotations

import json

from kg.facts import read_facts
from kg.graph.vocab import graph_prefix
from kg.pipeline import build
from kg.store import open_store

OTHER = """青政人〔2025〕3号

青山县人民政府
关于王明等同志职务任免的通知

各乡镇人民政府，县直各单位：

王明同志任县水利局局长；

青山县人民政府
2025年2月8日
"""


def test_building_twice_gives_byte_identical_files(tmp_path, sample_path):
    outputs = []
    for run in ("a", "b"):
        folder = tmp_path / run
        build([str(sample_path)], str(folder))
        store = open_store(str(folder))
        facts = json.dumps(read_facts(store), ensure_ascii=False, sort_keys=True)
        outputs.append(((folder / "graph.trig").read_bytes(), facts))
    assert outputs[0][0] == outputs[1][0]
    assert outputs[0][1] == outputs[1][1]
    assert len(outputs[0][0]) > 10_000


def test_rebuilding_a_gazette_replaces_only_its_own_graphs(tmp_path, sample_path):
    other = tmp_path / "qingshan.txt"
    other.write_text(OTHER, encoding="utf-8")
    folder = str(tmp_path / "store")
    build([str(sample_path), str(other)], folder)
    before = open_store(folder).graph_names()
    other_graphs = [g for g in before if g.startswith(graph_prefix("qingshan.txt"))]
    assert other_graphs

    other.write_text(OTHER.replace("县水利局局长", "县林业局局长"), encoding="utf-8")
    build([str(other)], folder)
    store = open_store(folder)
    assert store.graph_names() == before  # the sample's graphs untouched, the other's replaced in place
    [changed] = read_facts(store, "qingshan.txt")
    assert [p["post"] for p in changed["personnel_changes"]] == ["县林业局局长"]
    assert len(read_facts(store)) == 2


def test_rdflib_and_oxigraph_stores_give_the_same_facts(tmp_path, sample_path):
    build([str(sample_path)], str(tmp_path / "rdf"))
    build([str(sample_path)], f"oxigraph:{tmp_path / 'ox'}")
    from_rdflib = read_facts(open_store(str(tmp_path / "rdf")))
    from_oxigraph = read_facts(open_store(f"oxigraph:{tmp_path / 'ox'}"))
    assert from_rdflib == from_oxigraph
    assert from_rdflib[0]["documents"]


def test_oxigraph_store_persists_between_opens(tmp_path, sample_path):
    spec = f"oxigraph:{tmp_path / 'ox'}"
    build([str(sample_path)], spec)
    assert len(open_store(spec).quads()) > 100


def test_documents_of_the_sample_match_its_gold(sample_store, sample_path):
    gold = json.loads(sample_path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    [facts] = read_facts(sample_store)
    assert [d["doc_no"] for d in facts["documents"]] == [d["doc_no"] for d in gold["documents"]]


def test_seed_documents_score_at_least_098(seed_store):
    from kg.evaluate import score_facts
    from tests.conftest import SEED_GOLD

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    scores = score_facts(read_facts(seed_store)[0], gold)
    assert scores["documents"].f1 >= 0.98
    assert scores["documents.found"].f1 == 1.0


def test_an_extractor_that_fails_is_reported_and_the_rest_still_run(monkeypatch):
    from kg.extract import registry
    from kg.ingest import source_from_string, split_documents

    def broken(doc):
        raise ValueError("boom")

    monkeypatch.setitem(registry.EXTRACTORS, "broken", broken)
    gazette = split_documents(source_from_string(OTHER, "qs.txt"))
    facts = registry.extract_gazette(gazette)
    assert [p.person for p in facts.personnel] == ["王明"]
    assert gazette.warnings == ["qs.txt: the broken extractor failed on 青政人〔2025〕3号: ValueError('boom')"]
