"""kg query / kg serve / kg export from the command line (click's CliRunner)."""
from __future__ import annotations

import csv
import gc
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.extract.registry import ExtractedFacts
from kg.graph.build import build_quads
from kg.graph.vocab import graph_prefix
from kg.model import Document, Gazette, SourceText, Span, TaskAssignment
from kg.query import list_queries
from kg.resolve.model import PersonEntity, ResolvedGazette, UnitEntity
from kg.store import OxigraphStore, RdflibStore

TEXT = ("白政办发〔2025〕6号\n白河县人民政府办公室关于印发2025年民生实事的通知\n"
        "1 改造老旧小区12个，2025年10月底前完成。 何静 县住建局 县财政局、各乡镇\n"
        "2 新建城市书房3个。 何静、罗成 县文旅局 县教育局\n白河县人民政府办公室\n2025年2月20日\n")
SOURCE = SourceText("baihe-2025-02.txt", "baihe-2025-02.txt", TEXT, "utf-8")


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span.of(TEXT, start, start + len(fragment))


def invented_quads() -> list[tuple]:
    doc_no = "白政办发〔2025〕6号"
    doc = Document(source=SOURCE.name, doc_no=doc_no, title="白河县人民政府办公室关于印发2025年民生实事的通知",
                   issuer="白河县人民政府办公室", date="2025-02-20", kind="通知", span=Span.of(TEXT, 0, len(TEXT) - 1),
                   body_start=0)
    tasks = [
        TaskAssignment(doc_no, "1", "改造老旧小区12个，2025年10月底前完成。", ("何静",), ("县住建局",), ("县财政局", "各乡镇"),
                       (), "2025-10-31", _span("1 改造老旧小区12个，2025年10月底前完成。 何静 县住建局 县财政局、各乡镇")),
        TaskAssignment(doc_no, "2", "新建城市书房3个。", ("何静", "罗成"), ("县文旅局",), ("县教育局",), (), None,
                       _span("2 新建城市书房3个。 何静、罗成 县文旅局 县教育局")),
    ]
    units = {w: UnitEntity(key=w.removeprefix("县"), label=w, is_collective=w == "各乡镇")
             for w in ("县住建局", "县财政局", "各乡镇", "县文旅局", "县教育局", "白河县人民政府办公室")}
    resolved = ResolvedGazette(gazette=Gazette(source=SOURCE, documents=[doc]), facts=ExtractedFacts(tasks=tasks),
                               persons={n: PersonEntity(n, n) for n in ("何静", "罗成")}, units=units)
    return build_quads(resolved)


@pytest.fixture(scope="module")
def store_spec(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-store")
    store = RdflibStore(str(folder))
    store.replace_graphs(graph_prefix(SOURCE.name), invented_quads())
    store.save()
    return str(folder)


@pytest.fixture(scope="module")
def oxigraph_spec(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-ox")
    store = OxigraphStore(str(folder))
    store.replace_graphs(graph_prefix(SOURCE.name), invented_quads())
    store.save()
    del store  # let go of the folder's lock so that the command can open it
    gc.collect()
    return f"oxigraph:{folder}"


def kg(*args: str):
    return CliRunner().invoke(main, list(args))


def test_query_help_lists_every_named_query_with_its_purpose():
    result = kg("query", "--help")
    assert result.exit_code == 0
    for q in list_queries():
        assert q.name in result.output
        assert q.purpose[:30] in result.output


def test_query_without_a_name_lists_the_queries():
    result = kg("query")
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == len(list_queries())


def test_query_prints_an_aligned_table(store_spec):
    result = kg("query", "leader-tasks", "--param", "leader=何静", "--store", store_spec)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["doc_no", "ref", "task", "deadline", "lead_units", "coop_units", "lead_leaders"]
    assert "县住建局" in lines[2] and "县财政局、各乡镇" in lines[2] and "2025-10-31" in lines[2]
    assert "何静、罗成" in lines[3]
    assert lines[-1] == "(2 rows)"


def test_query_writes_csv_with_bom_to_a_file(store_spec, tmp_path):
    out = tmp_path / "tasks.csv"
    result = kg("query", "unit-tasks", "-p", "unit=住建局", "--format", "csv", "-o", str(out), "--store", store_spec)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["role", "doc_no", "ref", "task", "deadline", "lead_leaders"]
    assert rows[1][:3] == ["lead", "白政办发〔2025〕6号", "1"]
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.csv"]  # no temp file left beside it


def test_query_format_follows_the_output_suffix(store_spec, tmp_path):
    out = tmp_path / "chain.json"
    assert kg("query", "task-chain", "-p", "ref=2", "-o", str(out), "--store", store_spec).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {(r["role"], r["name"]) for r in data["rows"]} == {
        ("lead-leader", "何静"), ("lead-leader", "罗成"), ("lead-unit", "县文旅局"), ("cooperating-unit", "县教育局")}


def test_query_json_to_stdout_on_oxigraph(oxigraph_spec):
    result = kg("query", "busiest-cooperators", "--format", "json", "--store", oxigraph_spec)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert {r["unit"]: r["coop_tasks"] for r in rows} == {"县财政局": 1, "各乡镇": 1, "县教育局": 1}


def test_query_runs_a_file(store_spec, tmp_path):
    path = tmp_path / "deadlines.rq"
    path.write_text("# param: day — cut-off (required: date)\n"
                    "SELECT ?task ?d WHERE { ?t rdfs:label ?task ; gz:deadline ?d FILTER(?d <= $day) }\n",
                    encoding="utf-8")
    result = kg("query", str(path), "-p", "day=2025-12-31", "-f", "json", "--store", store_spec)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == [{"task": "改造老旧小区12个，2025年10月底前完成。", "d": "2025-10-31"}]


@pytest.mark.parametrize("args, message", [
    (("query", "leader-tasks"), "parameter leader is required"),
    (("query", "leader-tasks", "-p", "leader"), "write it as name=value"),
    (("query", "leader-tasks", "-p", "boss=何静"), "unknown parameter boss"),
    (("query", "no-such-query"), "no named query"),
    (("query", "tasks-due-before", "-p", "date=soon"), "not a date"),
])
def test_query_errors_are_one_clear_line(store_spec, args, message):
    result = kg(*args, "--store", store_spec)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_missing_store_is_a_clear_error(tmp_path):
    for command in (("query", "leaders"), ("export",), ("serve",)):
        result = kg(*command, "--store", str(tmp_path / "nothing"))
        assert result.exit_code == 1 and "no knowledge graph" in result.output, command
    result = kg("query", "leaders", "--store", f"oxigraph:{tmp_path / 'nothing-ox'}")
    assert result.exit_code == 1 and not (tmp_path / "nothing-ox").exists()


def test_export_turtle_to_a_file_and_nquads_to_stdout(store_spec, tmp_path):
    out = tmp_path / "graph.ttl"
    assert kg("export", "-o", str(out), "--store", store_spec).exit_code == 0
    graph = Graph().parse(out, format="turtle")
    assert len(graph) == len({(s, p, o) for s, p, o, _ in invented_quads()})
    result = CliRunner().invoke(main, ["export", "--format", "nquads", "--store", store_spec])
    assert result.exit_code == 0
    lines = result.stdout_bytes.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(invented_quads()))


def test_export_graphml(store_spec, tmp_path):
    out = tmp_path / "graph.graphml"
    assert kg("export", "--format", "graphml", "-o", str(out), "--store", store_spec).exit_code == 0
    assert b"<graphml" in out.read_bytes()


def test_serve_starts_and_stops_on_ctrl_c(store_spec, monkeypatch):
    from kg.serve import SparqlServer

    def interrupted(self, poll_interval=0.5):
        raise KeyboardInterrupt

    monkeypatch.setattr(SparqlServer, "serve_forever", interrupted)
    result = kg("serve", "--port", "0", "--store", store_spec)
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:" in result.output and "/sparql" in result.output


def test_serve_rejects_a_zero_timeout(store_spec):
    result = kg("serve", "--port", "0", "--timeout", "0", "--store", store_spec)
    assert result.exit_code == 1 and "timeout" in result.output
