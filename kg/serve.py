"""A local, read-only SPARQL 1.1 Protocol endpoint over the store.

``GET /sparql?query=…`` or ``POST /sparql`` (form ``query=…`` or a body of type
``application/sparql-query``) answers SELECT and ASK queries as
``application/sparql-results+json`` (or ``text/csv`` when asked for), CONSTRUCT
and DESCRIBE as N-Triples. ``/`` is a small page to type a query and see the table.

Every query runs in a forked worker process (holding the parent's rdflib
graph, or opening the Oxigraph folder read-only), so a slow one can be stopped
for good at its timeout: a thread could only be abandoned, still burning CPU. Updates, SERVICE calls and, on the rdflib
backend, FROM clauses (rdflib would fetch them from the web) are refused.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.errors import GazetteError
from kg.graph.vocab import SPARQL_PREFIXES

JSON_RESULTS = "application/sparql-results+json"
CSV_RESULTS = "text/csv"
NTRIPLES = "application/n-triples"
MAX_BODY = 1 << 20  # a query longer than 1 MiB is not a query a person typed

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")

# Strings, IRIs and comments may hold any word; only bare keywords outside them count.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*',
    re.S,
)
_BARE_WORD = re.compile(r"(?<![\w?$:\-.])([A-Za-z]+)(?![\w:\-])")


class QueryRefused(GazetteError):
    """A query the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def bare_keywords(sparql: str) -> set[str]:
    """Upper-cased words that stand as SPARQL keywords (outside strings, IRIs and comments)."""
    code = _OPAQUE.sub(" ", sparql)
    return {m.group(1).upper() for m in _BARE_WORD.finditer(code)}


def check_read_only(sparql: str, backend: str = "oxigraph") -> None:
    """Refuse updates, federated SERVICE calls and (on rdflib) FROM clauses."""
    words = bare_keywords(sparql)
    updates = sorted(words & set(UPDATE_KEYWORDS))
    if updates:
        raise QueryRefused(HTTPStatus.FORBIDDEN, f"this endpoint is read-only: {', '.join(updates)} is refused")
    if "SERVICE" in words:
        raise QueryRefused(HTTPStatus.FORBIDDEN, "federated queries (SERVICE) are refused: this endpoint only reads its own store")
    if backend == "rdflib" and "FROM" in words:
        raise QueryRefused(HTTPStatus.FORBIDDEN, "FROM / FROM NAMED are refused (the default graph is the union of all "
                                                 "graphs; use GRAPH ?g { … } to pick one)")


# --- running one query in the worker ------------------------------------------
@dataclass
class Answer:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    bindings: list[dict] = field(default_factory=list)  # SPARQL JSON terms
    boolean: bool | None = None
    triples: list[str] = field(default_factory=list)  # N-Triples lines
    truncated: bool = False


def _rdflib_term(term) -> dict:
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def _oxigraph_term(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _nt_term(term: dict) -> str:
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    escaped = json.dumps(term["value"], ensure_ascii=False)[1:-1]  # JSON escapes are N-Triples escapes here
    if "xml:lang" in term:
        return f'"{escaped}"@{term["xml:lang"]}'
    if "datatype" in term:
        return f'"{escaped}"^^<{term["datatype"]}>'
    return f'"{escaped}"'


def backend_of(store) -> str:
    from kg.store import OxigraphStore, RdflibStore

    if isinstance(store, OxigraphStore):
        return "oxigraph"
    if isinstance(store, RdflibStore):
        return "rdflib"
    raise GazetteError(f"kg serve cannot serve a store of type {type(store).__name__}")


def answer_query(store, sparql: str, limit: int) -> Answer:
    """Evaluate one query on the store (in the worker process)."""
    if backend_of(store) == "oxigraph":
        import pyoxigraph as ox

        # the store's own entry point knows how it keeps the default graph (the union, counted once)
        result = store.raw_query(SPARQL_PREFIXES + sparql)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            lines, truncated = [], False
            for triple in result:
                if len(lines) >= limit:
                    truncated = True
                    break
                lines.append(" ".join(_nt_term(_oxigraph_term(t)) for t in
                                      (triple.subject, triple.predicate, triple.object)) + " .")
            return Answer("graph", triples=lines, truncated=truncated)
        variables = [v.value for v in result.variables]
        rows, truncated = [], False
        for solution in result:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append({v: _oxigraph_term(solution[v]) for v in variables if solution[v] is not None})
        return Answer("select", variables=variables, bindings=rows, truncated=truncated)

    result = store.ask_or_construct(sparql)  # rdflib: any query form, prefixes declared
    if result.type == "ASK":
        return Answer("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        lines = []
        for s, p, o in result.graph:
            lines.append(" ".join(_nt_term(_rdflib_term(t)) for t in (s, p, o)) + " .")
        lines.sort()
        return Answer("graph", triples=lines[:limit], truncated=len(lines) > limit)
    variables = [str(v) for v in result.vars]
    rows, truncated = [], False
    for row in result:
        if len(rows) >= limit:
            truncated = True
            break
        rows.append({v: _rdflib_term(row[i]) for i, v in enumerate(variables) if row[i] is not None})
    return Answer("select", variables=variables, bindings=rows, truncated=truncated)


_PREFIX_LINES = SPARQL_PREFIXES.count("\n")
_LINE = re.compile(r"\b(line[: ]\s*)(\d+)")  # rdflib: "(line:12, col:1)"
_AT = re.compile(r"\berror at (\d+):")  # Oxigraph: "error at 12:1: …"


def _client_message(err: Exception) -> str:
    """An engine's error, with line numbers counted in the client's query (not our prefixes)."""
    text = _LINE.sub(lambda m: f"{m.group(1)}{max(1, int(m.group(2)) - _PREFIX_LINES)}", str(err))
    text = _AT.sub(lambda m: f"error at {max(1, int(m.group(1)) - _PREFIX_LINES)}:", text)
    text = re.sub(r"\(at char \d+\),?\s*", "", text)
    return f"{type(err).__name__}: {text}"


def _reopened_read_only(store):
    """The Oxigraph store opened afresh, read-only, in the worker. The parent's RocksDB
    handle is not safe across fork (a background thread may hold its locks); a
    read-only open can meet a compaction in flight, so it is retried."""
    import copy
    import time

    import pyoxigraph as ox

    reopened = copy.copy(store)
    for attempt in range(20):
        try:
            reopened.store = ox.Store.read_only(store.folder)
            return reopened
        except (OSError, RuntimeError):
            if attempt == 19:
                raise
            time.sleep(0.02 * (attempt + 1))
    return reopened


def _worker(store, sparql: str, limit: int, conn) -> None:
    try:
        if backend_of(store) == "oxigraph":
            store = _reopened_read_only(store)
        conn.send(("ok", answer_query(store, sparql, limit)))
    except Exception as err:  # noqa: BLE001 - every engine error becomes a 400 for the client
        conn.send(("error", _client_message(err)))
    finally:
        conn.close()


class SparqlEndpoint:
    """Runs queries against a store with a timeout and a row limit."""

    def __init__(self, store, timeout: float = 10.0, limit: int = 10000):
        self.store = store
        self.backend = backend_of(store)
        self.timeout = timeout
        self.limit = limit
        if self.backend == "oxigraph":
            store.save()  # flushed to disk, so that workers opening it read-only see everything
        self._fork = multiprocessing.get_context("fork")
        self._fork_lock = threading.Lock()  # fork from one thread at a time

    def run(self, sparql: str) -> Answer:
        if not sparql or not sparql.strip():
            raise QueryRefused(HTTPStatus.BAD_REQUEST, "no query given (use ?query=… or POST a query)")
        check_read_only(sparql, self.backend)
        receiver, sender = self._fork.Pipe(duplex=False)
        with self._fork_lock:
            worker = self._fork.Process(target=_worker, args=(self.store, sparql, self.limit, sender), daemon=True)
            worker.start()
        sender.close()
        try:
            if not receiver.poll(self.timeout):
                raise QueryRefused(HTTPStatus.SERVICE_UNAVAILABLE,
                                   f"query stopped at the {self.timeout:g} s timeout (try a narrower pattern or a LIMIT)")
            try:
                status, payload = receiver.recv()
            except EOFError:
                raise QueryRefused(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died") from None
        finally:
            if worker.is_alive():
                worker.kill()
            worker.join()
            receiver.close()
        if status == "error":
            raise QueryRefused(HTTPStatus.BAD_REQUEST, payload)
        return payload


# --- result formats -----------------------------------------------------------
def results_json(answer: Answer) -> bytes:
    if answer.kind == "ask":
        payload = {"head": {}, "boolean": answer.boolean}
    else:
        payload = {"head": {"vars": answer.variables}, "results": {"bindings": answer.bindings}}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def results_csv(answer: Answer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
    else:
        writer.writerow(answer.variables)
        for row in answer.bindings:
            writer.writerow([("_:" if row[v]["type"] == "bnode" else "") + row[v]["value"] if v in row else ""
                             for v in answer.variables])
    return buffer.getvalue().encode("utf-8")


def choose_format(accept: str | None, requested: str | None = None) -> str:
    """CSV when the client prefers text/csv (or says format=csv), else SPARQL JSON."""
    if requested:
        return CSV_RESULTS if requested.lower() == "csv" else JSON_RESULTS
    best, best_q = JSON_RESULTS, -1.0
    for part in (accept or "").split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.strip().lower()
        if media in (CSV_RESULTS, JSON_RESULTS, "application/json", "*/*", "text/*", "application/*") and q > best_q:
            best_q = q
            best = CSV_RESULTS if media in (CSV_RESULTS, "text/*") else JSON_RESULTS
    return best


# --- the page -----------------------------------------------------------------
PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>gazette-kg SPARQL</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 14em; font-family: ui-monospace, monospace; font-size: 13px; }
table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
#status { margin-left: 1em; color: #555; }
.error { color: #b00; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>gazette-kg SPARQL</h1>
<p>Read-only. Prefixes gz:, gzid:, org:, foaf:, prov:, dcterms:, skos:, rdfs:, rdf:, xsd:, owl: are declared for you.
Named queries: <select id="named"><option value="">(choose)</option></select>
<span id="params"></span></p>
<textarea id="query" spellcheck="false">SELECT ?task ?leader WHERE {
  ?t a gz:Task ; rdfs:label ?task ; gz:hasAssignment ?a .
  ?a gz:role gz:LeadLeader ; gz:agent/foaf:name ?leader .
} LIMIT 20</textarea>
<p><button id="run">Run</button> <a id="csv" href="#">CSV</a><span id="status"></span></p>
<div id="out"></div>
<script src="app.js"></script>
</body>
</html>
"""

APP_JS = """'use strict';
const $ = (id) => document.getElementById(id);
let named = [];
function text(node, value) { node.textContent = value; return node; }
function cell(term) {
  if (!term) return '';
  return term.value;
}
async function run() {
  const query = $('query').value;
  text($('status'), ' running…');
  const out = $('out');
  out.replaceChildren();
  const started = performance.now();
  let response;
  try {
    response = await fetch('sparql', { method: 'POST', body: query,
      headers: { 'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json' } });
  } catch (err) { text($('status'), ''); out.append(text(document.createElement('p'), String(err))); return; }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const body = await response.text();
  if (!response.ok) {
    text($('status'), ' ' + response.status + ' (' + seconds + ' s)');
    const p = text(document.createElement('p'), body); p.className = 'error'; out.append(p); return;
  }
  if ((response.headers.get('Content-Type') || '').startsWith('application/n-triples')) {
    text($('status'), ' ' + seconds + ' s');
    out.append(text(document.createElement('pre'), body)); return;
  }
  const data = JSON.parse(body);
  if ('boolean' in data) { text($('status'), ' ' + seconds + ' s'); out.append(text(document.createElement('p'), String(data.boolean))); return; }
  const vars = data.head.vars, rows = data.results.bindings;
  const truncated = response.headers.get('X-Result-Truncated') === 'true' ? ' (cut at the row limit)' : '';
  text($('status'), ' ' + rows.length + ' rows, ' + seconds + ' s' + truncated);
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const v of vars) head.append(text(document.createElement('th'), v));
  const tbody = table.createTBody();
  for (const row of rows) {
    const tr = tbody.insertRow();
    for (const v of vars) { text(tr.insertCell(), cell(row[v])); }
  }
  out.append(table);
}
$('run').addEventListener('click', run);
$('query').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
$('csv').addEventListener('click', (e) => {
  e.preventDefault();
  window.open('sparql?format=csv&query=' + encodeURIComponent($('query').value));
});
fetch('queries.json').then((r) => r.json()).then((list) => {
  named = list;
  for (const q of list) {
    const option = text(document.createElement('option'), q.name + ' — ' + q.purpose);
    option.value = q.name;
    $('named').append(option);
  }
});
$('named').addEventListener('change', () => {
  const q = named.find((x) => x.name === $('named').value);
  if (!q) return;
  $('query').value = q.sparql;
  const required = q.params.filter((p) => p.required).map((p) => '$' + p.name + ' (' + p.description + ')');
  text($('params'), required.length ? ' Replace ' + required.join(', ') + ' with a quoted value.' : '');
});
"""


def named_queries_json() -> bytes:
    """The named queries for the page, defaults filled in, required parameters left as $name."""
    from kg.query import list_queries, sparql_term, substitute

    items = []
    for q in list_queries():
        terms = {p.name: sparql_term(p, p.default) for p in q.params if p.default is not None}
        body = "\n".join(line for line in substitute(q.sparql, terms).splitlines() if not line.startswith("# "))
        items.append({"name": q.name, "purpose": q.purpose, "sparql": body.strip() + "\n",
                      "params": [{"name": p.name, "description": p.description, "required": p.required}
                                 for p in q.params]})
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


# --- HTTP ---------------------------------------------------------------------
class SparqlRequestHandler(BaseHTTPRequestHandler):
    server_version = "gazette-kg"
    endpoint: SparqlEndpoint  # set on the server class by make_server

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def do_GET(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html") and "query" not in params:
            csp = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; "
                   "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
            return self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": csp})
        if url.path == "/app.js":
            return self._send(200, APP_JS.encode("utf-8"), "text/javascript; charset=utf-8")
        if url.path == "/queries.json":
            return self._send(200, named_queries_json(), "application/json; charset=utf-8")
        if url.path not in ("/", "/sparql"):
            return self._error(404, f"no such page: {url.path} (the endpoint is /sparql)")
        if "update" in params:
            return self._error(403, "this endpoint is read-only: updates are refused")
        self._answer(params)

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/", "/sparql"):
            return self._error(404, f"no such page: {url.path} (the endpoint is /sparql)")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"the request is larger than {MAX_BODY} bytes")
        body = self.rfile.read(length)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: updates are refused")
        if content_type == "application/sparql-query":
            params["query"] = [body.decode("utf-8", errors="replace")]
        elif content_type in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form or "update" in params:
                return self._error(403, "this endpoint is read-only: updates are refused")
            params.update(form)
        else:
            return self._error(415, f"unsupported Content-Type {content_type!r} "
                                    "(use application/sparql-query or a form with query=…)")
        self._answer(params)

    def _answer(self, params: dict) -> None:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri / named-graph-uri are not supported: the default graph is "
                                    "the union of all graphs; use GRAPH ?g { … }")
        queries = params.get("query") or []
        if len(queries) != 1:
            return self._error(400, "give exactly one query (?query=… or POST a query)")
        try:
            answer = self.server.endpoint.run(queries[0])
        except QueryRefused as refused:
            return self._error(int(refused.status), str(refused))
        except Exception as err:  # noqa: BLE001 - answer the client rather than drop the connection
            return self._error(500, f"{type(err).__name__}: {err}")
        extra = {"X-Result-Truncated": "true" if answer.truncated else "false",
                 "X-Result-Limit": str(self.server.endpoint.limit)}
        if answer.kind == "graph":
            body = ("\n".join(answer.triples) + ("\n" if answer.triples else "")).encode("utf-8")
            return self._send(200, body, f"{NTRIPLES}; charset=utf-8", extra)
        fmt = choose_format(self.headers.get("Accept"), (params.get("format") or [None])[0])
        if fmt == CSV_RESULTS:
            return self._send(200, results_csv(answer), "text/csv; charset=utf-8", extra)
        return self._send(200, results_json(answer), f"{JSON_RESULTS}; charset=utf-8", extra)


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, endpoint: SparqlEndpoint, verbose: bool = False):
        super().__init__(address, SparqlRequestHandler)
        self.endpoint = endpoint
        self.verbose = verbose


def make_server(store, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0, limit: int = 10000,
                verbose: bool = False) -> SparqlServer:
    """An endpoint server, not yet serving (call ``serve_forever``; port 0 picks a free port)."""
    if timeout <= 0:
        raise GazetteError("--timeout must be more than 0 seconds")
    if limit <= 0:
        raise GazetteError("--limit must be at least 1 row")
    try:
        return SparqlServer((host, port), SparqlEndpoint(store, timeout, limit), verbose)
    except OSError as err:
        raise GazetteError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
