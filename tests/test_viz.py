"""The graph page (kg.render.viz, ``kg viz``): what each view holds compared with
SPARQL over the same store, escaping, determinism and the promise of no
network request. The page in a real browser: tests/test_viz_browser.py."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from kg.cli import main
from kg.errors import GazetteError
from kg.graph.vocab import GZ, mint
from kg.pipeline import build
from kg.render import viz
from kg.store import open_store

PAYLOAD = "<img src=x onerror=alert(1)>"

# A small invented gazette (云溪市) whose printed text carries markup: the notice
# title, the working group and a unit are printed with an <img> tag in them.
HOSTILE_GAZETTE = f"""云溪市人民政府公报

云政办发〔2025〕3号

云溪市人民政府办公室
关于成立{PAYLOAD}工作专班的通知

各乡镇人民政府，市直各单位：

为推进相关工作，经市人民政府同意，决定成立{PAYLOAD}工作专班。现将组成人员通知如下：

组  长：李明远  市人民政府副市长
副组长：周海   市财政局局长
成  员：王小川  市发改局局长

云溪市人民政府办公室
2025年3月1日

2025年3月2日，市长陈国平主持召开第5次常务会议。

一、关于道路建设工作
会议要求，由李明远同志牵头，{PAYLOAD}局具体负责，市财政局配合，2025年6月底前完成。
"""


def build_hostile_store(folder: Path) -> str:
    """The invented gazette built into a store, plus (so that the test does not
    hang on what the extractors make of it) a deputy mayor literally named
    PAYLOAD who leads the gazette's task. Returns the store spec."""
    source = folder / "云溪<b>公报.txt"
    source.write_text(HOSTILE_GAZETTE, encoding="utf-8")
    spec = str(folder / "store")
    build([str(source)], spec)
    store = open_store(spec)
    task = URIRef(store.select("SELECT ?t WHERE { ?t a gz:Task } ORDER BY ?t LIMIT 1")[0]["t"])
    graph = mint("graph", "hostile-test", "extra")
    person = mint("person", "云溪市", PAYLOAD)
    leader = mint("leader", "hostile-test", 1)
    assignment = mint("task", "hostile-test", "assignment", 1)
    quads = [
        (person, RDF.type, FOAF.Person), (person, FOAF.name, Literal(PAYLOAD)), (person, RDFS.label, Literal(PAYLOAD)),
        (leader, RDF.type, GZ.LeadershipRole), (leader, GZ.person, person),
        (leader, GZ.leadershipRole, Literal("deputy")), (leader, GZ.titleText, Literal("副市长</script><script>alert(3)")),
        (task, GZ.hasAssignment, assignment), (assignment, RDF.type, GZ.Assignment),
        (assignment, GZ.role, GZ.LeadLeader), (assignment, GZ.agent, person),
        (assignment, GZ.asWritten, Literal(PAYLOAD)), (person, GZ.leads, task),
    ]
    store.replace_graphs(str(graph), [(s, p, o, graph) for s, p, o in quads])
    store.save()
    return spec


def count(store, where: str) -> int:
    return len(store.select(f"SELECT DISTINCT * WHERE {{ {where} }}"))


def data_of(page: str) -> dict:
    """The JSON the page script reads."""
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its data in a JSON script element"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def sample_graph(sample_store):
    return viz.read_store_graph(sample_store)


# --- views against SPARQL ----------------------------------------------------------

CLASS_PATTERNS = {
    "person": "?x a foaf:Person",
    "unit": "?x a org:Organization FILTER NOT EXISTS { ?x a gz:Collective }",
    "collective": "?x a gz:Collective",
    "task": "?x a gz:Task",
    "document": "{ ?x a gz:Document } UNION { ?x a gz:MeetingRecord }",
    "meeting": "?x a gz:Meeting",
    "group": "?x a gz:WorkingGroup",
}

RELATION_PATTERNS = {
    "leads": "?t gz:hasAssignment ?a . ?a gz:agent ?x ; gz:role ?r FILTER(?r IN (gz:LeadLeader, gz:LeadUnit))",
    "cooperates": "?t gz:hasAssignment ?a . ?a gz:agent ?x ; gz:role gz:CooperatingUnit",
    "responsible": "?t gz:hasAssignment ?a . ?a gz:agent ?x ; gz:role gz:Responsible",
    "appointed": "?c a gz:Appointment ; gz:person ?x ; prov:wasDerivedFrom ?t",
    "removed": "?c a gz:Removal ; gz:person ?x ; prov:wasDerivedFrom ?t",
    "member": "?m a org:Membership ; org:member ?x ; org:organization ?t . ?t a gz:WorkingGroup",
    "chairs": "?t gz:hasParticipation ?p . ?p gz:participant ?x ; gz:participationRole gz:Chair",
    "attends": "?t gz:hasParticipation ?p . ?p gz:participant ?x ; gz:participationRole gz:Attendee",
    "observes": "?t gz:hasParticipation ?p . ?p gz:participant ?x ; gz:participationRole gz:Observer",
    "titled": "?s a gz:TitleStatement ; gz:person ?x ; prov:wasDerivedFrom ?t",
    "source": "?x prov:wasDerivedFrom ?t . { ?x a gz:Task } UNION { ?x a gz:WorkingGroup } UNION { ?x a gz:Meeting }",
}


def pairs(store, pattern: str) -> int:
    return len(store.select(f"SELECT DISTINCT ?x ?t WHERE {{ {pattern} }}"))


def test_whole_view_has_every_instance_of_every_class(sample_store, sample_graph):
    view = viz.whole_view(sample_graph)
    by_kind = view.count_by_kind()
    for kind, pattern in CLASS_PATTERNS.items():
        assert by_kind[kind] == count(sample_store, pattern), kind
    assert by_kind["task"] > 0 and by_kind["person"] > 0 and by_kind["meeting"] > 0


def test_whole_view_has_one_edge_per_stated_relation(sample_store, sample_graph):
    by_relation = viz.whole_view(sample_graph).count_by_relation()
    for relation, pattern in RELATION_PATTERNS.items():
        assert by_relation[relation] == pairs(sample_store, pattern), relation
    assert by_relation["leads"] > 0 and by_relation["cooperates"] > 0 and by_relation["appointed"] > 0


def test_edges_run_between_the_right_classes_and_quote_their_evidence(sample_store, sample_graph):
    view = viz.whole_view(sample_graph)
    kind = {n.iri: n.kind for n in view.nodes}
    quotes = {r["t"]: " ".join(r["q"].split()) for r in sample_store.select(
        "SELECT ?t ?q WHERE { ?t a gz:Task ; gz:evidence ?e . ?e gz:quote ?q }")}
    for e in view.edges:
        if e.relation in ("leads", "cooperates", "responsible"):
            assert kind[e.target] == "task" and kind[e.source] in ("person", "unit", "collective")
            assert quotes[e.target][:20] in "\n".join(e.lines), "the tooltip quotes the task's evidence"
        elif e.relation in ("appointed", "removed"):
            assert (kind[e.source], kind[e.target]) == ("document", "person")
            assert "「" in "\n".join(e.lines)
        elif e.relation == "member":
            assert kind[e.target] == "group" and kind[e.source] in ("person", "unit", "collective")


def test_kinds_keep_only_those_classes(sample_graph):
    view = viz.whole_view(sample_graph, viz.parse_kinds("person, task"))
    assert set(view.count_by_kind()) == {"person", "task"}
    assert set(view.count_by_relation()) <= {"leads", "responsible"}
    with pytest.raises(GazetteError, match="unknown kind 'post'"):
        viz.parse_kinds("person,post")


def test_leader_view_is_their_tasks_units_and_co_leaders(sample_store, sample_graph):
    deputies = sample_graph.deputies()
    roles = {r["p"] for r in sample_store.select(
        "SELECT ?p WHERE { ?l a gz:LeadershipRole ; gz:person ?p ; gz:leadershipRole ?r "
        "FILTER(?r IN ('deputy', 'executive-deputy')) }")}
    assert set(deputies) == roles and deputies
    busiest = max(deputies, key=lambda d: len(sample_graph.tasks_of(d, ("leads",))))
    view = viz.leader_view(sample_graph, busiest)
    where = f"?x gz:hasAssignment ?a . ?a gz:role gz:LeadLeader ; gz:agent <{busiest}>"
    tasks = {r["x"] for r in sample_store.select(f"SELECT DISTINCT ?x WHERE {{ {where} }}")}
    assert {n.iri for n in view.nodes if n.kind == "task"} == tasks and tasks
    on_tasks = {r["y"] for r in sample_store.select(
        f"SELECT DISTINCT ?y WHERE {{ {where} . ?x gz:hasAssignment ?b . ?b gz:agent ?y }}")}
    assert {n.iri for n in view.nodes if n.kind != "task"} == on_tasks
    co_leaders = {r["y"] for r in sample_store.select(
        f"SELECT DISTINCT ?y WHERE {{ {where} . ?x gz:hasAssignment ?b . ?b gz:role gz:LeadLeader ; gz:agent ?y }}")}
    assert co_leaders - {busiest}, "the busiest deputy shares a task with someone in the sample"
    assert view.focus == busiest and sample_graph.name(busiest) in view.heading
    assert all(e.target in tasks for e in view.edges)


def test_units_view_weights_are_shared_tasks(sample_store, sample_graph):
    view = viz.units_view(sample_graph)
    assert set(view.count_by_kind()) == {"unit"}
    heaviest = max(view.edges, key=lambda e: (e.weight, e.source, e.target))
    shared = len(sample_store.select(f"""SELECT DISTINCT ?t WHERE {{ ?t gz:hasAssignment ?a, ?b .
        ?a gz:agent <{heaviest.source}> ; gz:role ?r1 . ?b gz:agent <{heaviest.target}> ; gz:role ?r2 .
        FILTER(?r1 IN (gz:LeadUnit, gz:CooperatingUnit) && ?r2 IN (gz:LeadUnit, gz:CooperatingUnit)) }}"""))
    assert heaviest.weight == shared > 1
    assert f"share {shared} tasks" in heaviest.lines[0]
    units_on_tasks = len(sample_store.select("""SELECT DISTINCT ?x WHERE { ?t gz:hasAssignment ?a .
        ?a gz:agent ?x ; gz:role ?r FILTER(?r IN (gz:LeadUnit, gz:CooperatingUnit))
        FILTER NOT EXISTS { ?x a gz:Collective } }"""))
    assert len(view.nodes) == units_on_tasks


def test_person_view_shows_career_groups_and_meetings(sample_store, sample_graph):
    appointed = sample_store.select("SELECT ?p ?name WHERE { ?c a gz:Appointment ; gz:person ?p . ?p foaf:name ?name } "
                                    "ORDER BY ?name LIMIT 1")[0]
    view = viz.build_view(sample_graph, "person", appointed["name"])
    assert view.focus == appointed["p"]
    assert "appointed" in view.count_by_relation()
    assert all(appointed["p"] in (e.source, e.target) for e in view.edges)
    mentioned = count(sample_store, f"""{{ ?x gz:hasAssignment ?a . ?a gz:agent <{appointed['p']}> }} UNION
        {{ ?c gz:person <{appointed['p']}> ; prov:wasDerivedFrom ?x }} UNION
        {{ ?m org:member <{appointed['p']}> ; org:organization ?x . ?x a gz:WorkingGroup }} UNION
        {{ ?x gz:hasParticipation ?pp . ?pp gz:participant <{appointed['p']}> }}""")
    assert len(view.nodes) == 1 + mentioned


def test_focus_errors_name_the_problem(sample_graph):
    with pytest.raises(GazetteError, match="needs --focus"):
        viz.build_view(sample_graph, "leader")
    with pytest.raises(GazetteError, match="no leader named '无此人'"):
        viz.build_view(sample_graph, "leader", "无此人")
    name = sample_graph.name(sample_graph.deputies()[0])
    spaced = " ".join(name)
    assert viz.build_view(sample_graph, "leader", spaced).focus == sample_graph.deputies()[0]


# --- the page --------------------------------------------------------------------

def test_page_has_no_external_reference_and_a_strict_policy(sample_graph):
    page = viz.render_page(viz.whole_view(sample_graph))
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<(img|iframe|object|embed|audio|video|source)\b", page, re.I)
    assert not re.search(r"@import", page)
    assert not re.search(r"url\(\s*(?!['\"]?data:)", page), "CSS may only use data: URLs"
    assert "sourceMappingURL" not in page
    for cdn in ("cdn.jsdelivr", "cdnjs", "unpkg.com", "bootstrapcdn", "googleapis"):
        assert cdn not in page
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2  # vis-network and the page's own script
    for script in scripts:  # the browser runs them only if their hashes are in the policy
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_page_data_matches_the_view(sample_graph):
    view = viz.whole_view(sample_graph)
    data = data_of(viz.render_page(view))
    assert len(data["nodes"]) == len(view.nodes) and len(data["edges"]) == len(view.edges)
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert {n["kind"] for n in data["nodes"]} == set(view.count_by_kind())
    assert all(n["title"] and n["label"] for n in data["nodes"])
    assert all(e["title"].split("\n")[0] == viz.RELATIONS[e["relation"]][2] for e in data["edges"])
    assert [leader["id"] for leader in data["leaders"]]
    assert data["staticLayout"] is False and data["options"]["physics"]["enabled"] is True
    iterations = data["options"]["physics"]["stabilization"]["iterations"]
    assert 0 < iterations <= 200


def test_large_graph_starts_from_a_static_layout(sample_graph):
    view = viz.whole_view(sample_graph)
    data = data_of(viz.render_page(view, static_above=50))
    assert data["staticLayout"] is True and data["options"]["physics"] == {"enabled": False}
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) > 0.9 * len(data["nodes"]), "nodes are spread out, not piled up"
    assert viz.spring_positions(30, [(i, i + 1) for i in range(29)]) == \
        viz.spring_positions(30, [(i, i + 1) for i in range(29)])


def test_markup_in_the_gazette_stays_text(tmp_path):
    graph = viz.read_store_graph(open_store(build_hostile_store(tmp_path)))
    hostile = viz.find_person(graph, PAYLOAD)
    for view in (viz.whole_view(graph), viz.leader_view(graph, hostile), viz.person_view(graph, hostile)):
        page = viz.render_page(view, [(PAYLOAD, "x.html", False)])
        assert PAYLOAD not in page and "<b>公报" not in page and "<script>alert" not in page
        assert page.count("</script>") == 3  # data, vis-network, page script: nothing closes early
        assert "&lt;img src=x onerror=alert(1)&gt;" in page  # shown, as text, in heading, menu or nav
        data = data_of(page)
        labels = {n["label"] for n in data["nodes"]}
        assert PAYLOAD in labels, "the JSON gives the label back exactly as printed"
    whole = viz.render_page(viz.whole_view(graph))
    assert "<h1>云溪&lt;b&gt;公报.txt: the whole graph</h1>" in whole
    assert re.search(r'<option value="L\d+">&lt;img src=x onerror=alert\(1\)&gt; \(副市长&lt;/script&gt;', whole)


def test_script_json_cannot_close_its_element():
    text = viz.script_json({"label": "</script><!--<script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": "</script><!--<script>&\u2028"}


def test_same_gazette_same_bytes(tmp_path, sample_path):
    """Two builds of one gazette, each read afresh: byte-identical pages."""
    written = []
    for run in ("one", "two"):
        build([str(sample_path)], str(tmp_path / run / "store"))
        written.append(viz.write_graph_pages(open_store(str(tmp_path / run / "store")),
                                             str(tmp_path / run / "graph.html"), all_leaders=True))
    first, second = written
    assert len(first) > 1 and [Path(p).name for p in first] == [Path(p).name for p in second]
    for a, b in zip(first, second):
        assert Path(a).read_bytes() == Path(b).read_bytes(), Path(a).name


def _built(tmp_path: Path, sample_path: Path) -> str:
    spec = str(tmp_path / "store")
    build([str(sample_path)], spec)
    return spec


def test_oxigraph_store_gives_the_same_page(tmp_path, sample_path, sample_store):
    spec = f"oxigraph:{tmp_path / 'ox'}"
    build([str(sample_path)], spec)
    from_oxigraph = viz.render_page(viz.whole_view(viz.read_store_graph(open_store(spec))))
    from_rdflib = viz.render_page(viz.whole_view(viz.read_store_graph(sample_store)))
    assert from_oxigraph == from_rdflib


# --- writing, the command, kg run ---------------------------------------------------

def test_write_products_writes_the_whole_graph_and_each_deputy(tmp_path, sample_store, sample_graph):
    paths = viz.write_products(sample_store, str(tmp_path))
    names = [Path(p).name for p in paths]
    assert names[0] == "graph.html"
    deputies = [sample_graph.name(d) for d in sample_graph.deputies()]
    assert names[1:] == [f"graph-{name}.html" for name in deputies]
    whole = Path(paths[0]).read_text(encoding="utf-8")
    for name in names[1:]:  # the pages link to each other
        assert f'href="{quote(name)}"' in whole


def test_cli_writes_pages_and_reports_errors_in_one_line(tmp_path, sample_path):
    store = _built(tmp_path, sample_path)
    runner = CliRunner()
    out = tmp_path / "pages" / "graph.html"
    result = runner.invoke(main, ["viz", "--store", store, "-o", str(out), "--all-leaders"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == str(out) and out.exists()
    assert len(result.output.splitlines()) > 1
    result = runner.invoke(main, ["viz", "--store", store, "--view", "units", "-o", str(tmp_path / "u.html")])
    assert result.exit_code == 0 and (tmp_path / "u.html").exists()
    result = runner.invoke(main, ["viz", "--store", store, "--view", "leader", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and result.output.strip() == "error: --view leader needs --focus NAME"
    result = runner.invoke(main, ["viz", "--store", str(tmp_path / "nothing"), "-o", str(tmp_path / "y.html")])
    assert result.exit_code == 1 and "no knowledge graph" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "y.html").exists()
