"""kg serve: a read-only SPARQL 1.1 endpoint, asked with a plain HTTP client."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Literal
from rdflib.namespace import FOAF, RDF, RDFS, XSD

from kg.errors import GazetteError
from kg.graph.vocab import GZ, ID
from kg.serve import APP_JS, QueryRefused, bare_keywords, check_read_only, choose_format, make_server
from kg.store import OxigraphStore, RdflibStore

GRAPH = ID["graph/yunxi-gazette/云政办函〔2025〕3号"]
PEOPLE = ["周文", "吴静", "郑海", "钱立", "孙悦"]


def invented_quads() -> list[tuple]:
    """云溪市: five people, each leading one task; enough triples for a slow cross join."""
    quads = []
    for i, name in enumerate(PEOPLE, 1):
        person, task = ID[f"person/云溪市/{name}"], ID[f"task/yunxi/云政办函〔2025〕3号/{i}"]
        quads += [(person, RDF.type, FOAF.Person, GRAPH), (person, FOAF.name, Literal(name), GRAPH),
                  (task, RDF.type, GZ.Task, GRAPH), (task, RDFS.label, Literal(f"第{i}项任务"), GRAPH),
                  (task, GZ.position, Literal(i), GRAPH), (task, GZ.deadline, Literal(f"2025-0{i}-2{i}", datatype=XSD.date), GRAPH),
                  (person, GZ.leads, task, GRAPH)]
    for i in range(40):  # filler for the cross join
        quads.append((ID[f"filler/{i}"], RDFS.comment, Literal(f"填充{i}"), GRAPH))
    return quads


def _store(kind: str, folder: str):
    store = RdflibStore(folder) if kind == "rdflib" else OxigraphStore(folder)
    store.replace_graphs(str(ID["graph/yunxi-gazette/"]), invented_quads())
    return store


@pytest.fixture(params=["rdflib", "oxigraph"])
def endpoint(request, tmp_path):
    store = _store(request.param, str(tmp_path / "store"))
    server = make_server(store, "127.0.0.1", 0, timeout=1.0, limit=3)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", store
    server.shutdown()
    server.server_close()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def ask_get(base: str, query: str, accept: str | None = None):
    return fetch(f"{base}/sparql?query={urllib.parse.quote(query)}", headers={"Accept": accept} if accept else None)


PEOPLE_QUERY = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"


def test_get_answers_select_as_sparql_results_json(endpoint):
    base, _ = endpoint
    status, headers, body = ask_get(base, "SELECT ?p ?name ?d WHERE { ?p foaf:name ?name ; gz:leads ?t . "
                                          "?t gz:deadline ?d } ORDER BY ?d LIMIT 1")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["p", "name", "d"]
    assert data["results"]["bindings"] == [{
        "p": {"type": "uri", "value": str(ID["person/云溪市/周文"])},
        "name": {"type": "literal", "value": "周文"},
        "d": {"type": "literal", "value": "2025-01-21", "datatype": str(XSD.date)},
    }]


def test_post_form_and_sparql_query_body(endpoint):
    base, _ = endpoint
    form = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }"}).encode()
    status, _, body = fetch(f"{base}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"
    status, _, body = fetch(f"{base}/sparql", "ASK { ?p foaf:name \"吴静\" }".encode(),
                            {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_csv_when_asked_for(endpoint):
    base, _ = endpoint
    status, headers, body = ask_get(base, PEOPLE_QUERY, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [["name"], ["吴静"], ["周文"], ["孙悦"]]


def test_result_limit_cuts_and_says_so(endpoint):
    base, _ = endpoint
    status, headers, body = ask_get(base, PEOPLE_QUERY)
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert headers["X-Result-Truncated"] == "true"
    _, headers, _ = ask_get(base, "SELECT ?n WHERE { ?p foaf:name ?n } LIMIT 2")
    assert headers["X-Result-Truncated"] == "false"


@pytest.mark.parametrize("update", [
    'INSERT DATA { <urn:x> <urn:y> "z" }',
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "PREFIX ex: <http://example.org/> WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_and_nothing_changes(endpoint, update):
    base, store = endpoint
    before = len(store.quads())
    status, _, body = ask_get(base, update)
    assert status == 403 and "read-only" in body
    status, _, _ = fetch(f"{base}/sparql", urllib.parse.urlencode({"update": update}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, _ = fetch(f"{base}/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403
    assert len(store.quads()) == before


def test_service_calls_are_refused(endpoint):
    base, _ = endpoint
    status, _, body = ask_get(base, "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in body


def test_keywords_inside_strings_are_not_refused(endpoint):
    base, _ = endpoint
    status, _, body = ask_get(base, 'SELECT ?n WHERE { ?p foaf:name ?n FILTER(?n != "DELETE INSERT SERVICE") } LIMIT 1')
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1


def test_a_slow_query_is_stopped_at_the_timeout(endpoint):
    base, _ = endpoint
    cross_join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    status, _, body = ask_get(base, cross_join)
    elapsed = time.monotonic() - started
    assert status == 503 and "timeout" in body
    assert elapsed < 1.0 + 3.0
    # and the endpoint still answers
    status, _, _ = ask_get(base, "ASK { ?s ?p ?o }")
    assert status == 200


def test_a_syntax_error_is_a_400_with_the_clients_line_number(endpoint):
    base, _ = endpoint
    status, _, body = ask_get(base, "SELECT ?x WHERE {\n  ?x foaf:name \n")
    assert status == 400
    assert "line" in body.lower() or "error at" in body
    assert "line:13" not in body and "error at 13" not in body  # not counted from the declared prefixes


def test_the_page_is_self_contained(endpoint):
    base, _ = endpoint
    status, headers, page = fetch(base + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<script src=\"app.js\">" in page and "http://" not in page and "https://" not in page
    status, headers, script = fetch(base + "/app.js")
    assert status == 200 and "innerHTML" not in script and "http" not in script.replace("https?", "")
    status, _, listing = fetch(base + "/queries.json")
    names = {q["name"] for q in json.loads(listing)}
    assert {"task-chain", "leader-tasks", "evidence"} <= names


def test_unknown_path_is_404(endpoint):
    base, _ = endpoint
    assert fetch(base + "/admin")[0] == 404


def test_page_script_writes_text_never_html():
    assert "innerHTML" not in APP_JS and "outerHTML" not in APP_JS and "insertAdjacentHTML" not in APP_JS
    assert "textContent" in APP_JS


def test_keywords_are_found_only_outside_strings_iris_and_comments():
    query = 'SELECT ?insert WHERE { ?x <http://e.org/DELETE> "LOAD" ; ex:drop ?y } # CLEAR\n'
    assert not bare_keywords(query) & {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP"}
    with pytest.raises(QueryRefused):
        check_read_only("insert data { <a:b> <a:c> <a:d> }")


def test_from_is_refused_on_rdflib_only():
    query = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    with pytest.raises(QueryRefused, match="FROM"):
        check_read_only(query, "rdflib")
    check_read_only(query, "oxigraph")  # there FROM only picks stored graphs


def test_accept_header_negotiation():
    assert choose_format("text/csv") == "text/csv"
    assert choose_format("application/sparql-results+json, text/csv;q=0.5") == "application/sparql-results+json"
    assert choose_format("text/csv;q=0.9, application/json;q=0.1") == "text/csv"
    assert choose_format(None) == "application/sparql-results+json"
    assert choose_format("text/html", "csv") == "text/csv"


def test_bad_settings_are_clear_errors(tmp_path):
    store = _store("rdflib", str(tmp_path))
    with pytest.raises(GazetteError, match="timeout"):
        make_server(store, "127.0.0.1", 0, timeout=0)
    with pytest.raises(GazetteError, match="limit"):
        make_server(store, "127.0.0.1", 0, limit=0)
