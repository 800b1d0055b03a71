"""kg export: RDF for other tools and GraphML/GEXF for Gephi, the same bytes every time."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import GazetteError
from kg.export import export_store, format_for
from kg.extract.registry import ExtractedFacts
from kg.graph.build import build_quads
from kg.graph.vocab import graph_prefix
from kg.model import (Document, Gazette, Meeting, MeetingParticipant, PersonnelChange, SourceText, Span,
                      TaskAssignment)
from kg.resolve.model import LeaderRole, PersonEntity, ResolvedGazette, UnitEntity
from kg.store import OxigraphStore, RdflibStore

TEXT = ("云政办函〔2025〕4号\n云溪市人民政府办公室关于印发重点任务分工的通知\n"
        "1 新增市场主体2000户。 陈平 市市场监管局 市发改局、各乡镇\n"
        "2025年3月1日，市长林海主持召开第8次常务会议。\n出席：林海 陈平\n"
        "任吴莉为市市场监管局副局长。\n云溪市人民政府办公室\n2025年2月3日\n")
SOURCE = SourceText("yunxi-2025-02.txt", "yunxi-2025-02.txt", TEXT, "utf-8")


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span.of(TEXT, start, start + len(fragment))


def invented_quads() -> list[tuple]:
    doc_no = "云政办函〔2025〕4号"
    doc = Document(source=SOURCE.name, doc_no=doc_no, title="云溪市人民政府办公室关于印发重点任务分工的通知",
                   issuer="云溪市人民政府办公室", date="2025-02-03", kind="通知", span=Span.of(TEXT, 0, len(TEXT) - 1),
                   body_start=0, title_span=_span("云溪市人民政府办公室关于印发重点任务分工的通知"))
    facts = ExtractedFacts(
        tasks=[TaskAssignment(doc_no, "1", "新增市场主体2000户。", ("陈平",), ("市市场监管局",), ("市发改局", "各乡镇"), (),
                              None, _span("1 新增市场主体2000户。 陈平 市市场监管局 市发改局、各乡镇"))],
        meetings=[Meeting(doc_no, "常务会议", 8, "2025-03-01", (
            MeetingParticipant("林海", "chair", None, _span("市长林海主持")),
            MeetingParticipant("陈平", "attendee", None, _span("出席：林海 陈平"))), _span("市长林海主持召开第8次常务会议"))],
        personnel=[PersonnelChange(doc_no, "吴莉", "appoint", "市市场监管局副局长", "2025-02-03", True, False,
                                   _span("任吴莉为市市场监管局副局长"))],
    )
    persons = {n: PersonEntity(n, n) for n in ("陈平", "林海", "吴莉")}
    units = {w: UnitEntity(key=w.removeprefix("市"), label=w, is_collective=w == "各乡镇")
             for w in ("市市场监管局", "市发改局", "各乡镇", "云溪市人民政府办公室")}
    resolved = ResolvedGazette(gazette=Gazette(source=SOURCE, documents=[doc]), facts=facts, persons=persons,
                               units=units, leaders=[LeaderRole("林海", "mayor", "市长", True, (_span("市长林海"),))])
    return build_quads(resolved)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    quads = invented_quads()
    rdf = RdflibStore(str(tmp_path_factory.mktemp("export")))
    rdf.replace_graphs(graph_prefix(SOURCE.name), quads)
    ox = OxigraphStore(str(tmp_path_factory.mktemp("export-ox")))
    ox.replace_graphs(graph_prefix(SOURCE.name), quads)
    return rdf, ox, quads


def _quad_set(quads):
    return {(s, p, o, g) for s, p, o, g in quads}


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_rdf_with_graphs_reads_back_to_the_same_quads(stores, fmt):
    rdf, _, quads = stores
    data = export_store(rdf, fmt)
    back = Dataset()
    back.parse(data=data.decode("utf-8"), format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    got = {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in back.quads((None, None, None, None))
           if g is not None and str(getattr(g, "identifier", g)) != "urn:x-rdflib:default"}
    assert got == _quad_set(quads)


def test_turtle_is_the_merged_graph(stores):
    rdf, _, quads = stores
    graph = Graph().parse(data=export_store(rdf, "turtle").decode("utf-8"), format="turtle")
    assert set(graph) == {(s, p, o) for s, p, o, _ in quads}
    assert "@prefix gz: <https://w3id.org/gazette-kg/ns#>" in export_store(rdf, "turtle").decode("utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld", "graphml", "gexf"])
def test_same_bytes_from_both_stores(stores, fmt):
    rdf, ox, _ = stores
    assert export_store(rdf, fmt) == export_store(ox, fmt)


def test_same_bytes_whatever_the_hash_seed(stores, tmp_path):
    rdf, _, _ = stores
    rdf.save()
    script = ("import sys, hashlib; from kg.store import open_store; from kg.export import export_store;"
              "st = open_store(sys.argv[1]);"
              "print(' '.join(hashlib.sha256(export_store(st, f)).hexdigest()[:16] "
              "for f in ('turtle', 'trig', 'nquads', 'jsonld', 'graphml', 'gexf')))")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", script, rdf.folder], capture_output=True, text=True, env=env,
                             check=True, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_graphml_for_gephi_has_entities_labels_classes_and_object_edges(stores):
    rdf, _, _ = stores
    network = nx.read_graphml(io.BytesIO(export_store(rdf, "graphml")))
    labels = {data["label"]: data for _, data in network.nodes(data=True)}
    assert labels["陈平"]["class"] == "foaf:Person"
    assert labels["林海"]["leadership"] == "mayor"
    assert labels["市市场监管局"]["class"] == "org:Organization"
    assert labels["各乡镇"]["class"] == "gz:Collective"
    # no evidence or assignment detail nodes: only things a user would draw
    assert not [d for _, d in network.nodes(data=True) if d["class"] in ("gz:Evidence", "gz:Assignment")]
    by_label = {data["label"]: node for node, data in network.nodes(data=True)}
    task = next(node for node, data in network.nodes(data=True) if data["class"] == "gz:Task")
    assert network.edges[by_label["陈平"], task]["predicate"] == "gz:leads"
    assert network.edges[by_label["市发改局"], task]["predicate"] == "gz:cooperatesOn"
    meeting = next(node for node, data in network.nodes(data=True) if data["class"] == "gz:Meeting")
    assert "gz:chairs" in network.edges[by_label["林海"], meeting]["predicate"]
    assert not any(d["predicate"] == "rdf:type" for _, _, d in network.edges(data=True))


def test_gexf_reads_in_networkx_and_carries_no_date(stores):
    rdf, _, _ = stores
    data = export_store(rdf, "gexf")
    assert b"lastmodifieddate" not in data
    network = nx.read_gexf(io.BytesIO(data))
    assert "陈平" in {d["label"] for _, d in network.nodes(data=True)}
    assert network.number_of_edges() > 0


def test_format_from_suffix_and_errors(tmp_path):
    assert format_for("graph.ttl", None) == "turtle"
    assert format_for("graph.GEXF", None) == "gexf"
    assert format_for("graph.jsonld", None) == "jsonld"
    assert format_for(None, None) == "trig"
    assert format_for("x.ttl", "nquads") == "nquads"
    with pytest.raises(GazetteError, match="unknown export format"):
        format_for(None, "xml")
    with pytest.raises(GazetteError, match="empty"):
        export_store(RdflibStore(str(tmp_path)), "trig")


def test_jsonld_uses_prefixes(stores):
    rdf, _, _ = stores
    data = json.loads(export_store(rdf, "jsonld"))
    assert data["@context"]["gz"] == "https://w3id.org/gazette-kg/ns#"
