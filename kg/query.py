"""Named SPARQL queries over the store, and the three ways to print their answers.

A named query is a file ``kg/queries/NAME.rq`` whose header says what it is::

    # name: leader-tasks
    # purpose: All tasks a leader leads, with their units and deadlines
    # param: leader — the leader's name (required)
    # param: date — the cut-off day (required: date)
    # param: limit — how many rows (20)

The default in the last parenthesis sets the parameter's type: an ISO date is a
date, a whole number an integer, anything else (``""`` for empty) a string;
``required`` or ``required: date`` marks a parameter without default. In the
query body a parameter is written ``$name``. It is replaced by a SPARQL literal
built here (escaped string, typed date, plain integer), and only where ``$name``
stands as a token: never inside strings, IRIs or comments. User text is never
pasted into the query as raw SPARQL.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GazetteError
from kg.graph.vocab import PREFIXES
from kg.store import Store, open_store, parse_store_spec, TRIG_NAME

QUERY_DIR = Path(__file__).resolve().parent / "queries"

PARAM_TYPES = ("string", "date", "integer")
LIST_SEPARATOR = "、"


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str
    default: str | None  # None: required
    kind: str = "string"  # one of PARAM_TYPES

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    purpose: str
    params: tuple[QueryParam, ...]
    sparql: str
    path: str | None = None

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict] = field(default_factory=list)

    def tuples(self) -> list[tuple]:
        return [tuple(row.get(c) for c in self.columns) for row in self.rows]


# --- the header -----------------------------------------------------------------
_HEADER = re.compile(r"^\s*#\s*(name|purpose|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:—|--|-|:)\s*(?P<rest>.*)$")
_DEFAULT = re.compile(r"^(?P<description>.*?)\s*\((?P<default>[^()]*)\)\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def _param_from_header(text: str, where: str) -> QueryParam:
    match = _PARAM.match(text)
    if not match:
        raise GazetteError(f"{where}: cannot read the parameter line {text!r} (want: name — description (default))")
    name, rest = match.group("name"), match.group("rest").strip()
    described = _DEFAULT.match(rest)
    if not described:
        return QueryParam(name, rest, None)
    description, default = described.group("description"), described.group("default").strip()
    if default == "required" or default.startswith("required:"):
        kind = default.partition(":")[2].strip() or "string"
        if kind not in PARAM_TYPES:
            raise GazetteError(f"{where}: parameter {name}: unknown type {kind!r} (one of {', '.join(PARAM_TYPES)})")
        return QueryParam(name, description, None, kind)
    if default in ('""', "''"):
        return QueryParam(name, description, "", "string")
    if _ISO_DATE.match(default):
        return QueryParam(name, description, default, "date")
    if _INTEGER.match(default):
        return QueryParam(name, description, default, "integer")
    return QueryParam(name, description, default, "string")


def parse_named_query(text: str, path: str | None = None, fallback_name: str | None = None) -> NamedQuery:
    """Read the header comments (they must come before the query itself)."""
    where = path or fallback_name or "query"
    name, purpose, params = fallback_name, "", []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "name":
            name = value
        elif key == "purpose":
            purpose = value
        else:
            params.append(_param_from_header(value, where))
    return NamedQuery(name=name or "query", purpose=purpose, params=tuple(params), sparql=text, path=path)


def list_queries(folder: Path | str = QUERY_DIR) -> list[NamedQuery]:
    """Every named query shipped with the package, by name."""
    queries = [parse_named_query(p.read_text(encoding="utf-8"), str(p), p.stem) for p in Path(folder).glob("*.rq")]
    return sorted(queries, key=lambda q: q.name)


def load_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a query file (named or not) by path."""
    by_name = {q.name: q for q in list_queries()}
    if name_or_path in by_name:
        return by_name[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise GazetteError(f"{path}: cannot read the query file ({err})") from None
        return parse_named_query(text, str(path), path.stem)
    if path.suffix in (".rq", ".sparql") or os.sep in name_or_path:
        raise GazetteError(f"{name_or_path}: no such query file")
    raise GazetteError(f"no named query {name_or_path!r}; the named queries are: {', '.join(sorted(by_name))}")


# --- parameters ---------------------------------------------------------------
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_string(value: str) -> str:
    """A SPARQL string literal for any text (control characters refused)."""
    bad = [c for c in value if ord(c) < 0x20 and c not in "\n\r\t\b\f"]
    if bad:
        raise GazetteError(f"parameter value {value!r} holds a control character")
    return '"' + "".join(_ECHAR.get(c, c) for c in value) + '"'


def _date_value(name: str, value: str) -> str:
    from datetime import date

    from kg.ingest.textnorm import parse_date

    iso = value.strip()
    if not _ISO_DATE.match(iso):
        iso = parse_date(iso) or ""
    try:
        date.fromisoformat(iso)
    except ValueError:
        raise GazetteError(f"parameter {name}: {value!r} is not a date (use YYYY-MM-DD, e.g. 2025-06-30)") from None
    return iso


def sparql_term(param: QueryParam, value: str) -> str:
    """The SPARQL literal that stands for a parameter value."""
    if param.kind == "date":
        return f'"{_date_value(param.name, value)}"^^xsd:date'
    if param.kind == "integer":
        if not _INTEGER.match(value.strip()):
            raise GazetteError(f"parameter {param.name}: {value!r} is not a whole number")
        return str(int(value.strip()))
    return sparql_string(value)


# Tokens that may hold a "$name" without it being a parameter: strings, IRIs, comments.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|\$(?P<param>[A-Za-z_][A-Za-z0-9_]*)",
    re.S,
)


def parameter_tokens(sparql: str) -> set[str]:
    """The ``$name`` parameters a query body uses."""
    return {m.group("param") for m in _SKIP.finditer(sparql) if m.group("param")}


def substitute(sparql: str, terms: dict[str, str]) -> str:
    """Replace each ``$name`` token by its SPARQL term (already escaped)."""
    def replace(match: re.Match) -> str:
        name = match.group("param")
        if name and name in terms:
            return terms[name]
        return match.group(0)

    return _SKIP.sub(replace, sparql)


def bind_params(query: NamedQuery, params: dict[str, str] | None) -> str:
    """The query text with every declared parameter replaced by a literal."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise GazetteError(f"query {query.name}: unknown parameter {', '.join(unknown)} (it takes: {known})")
    terms = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None:
            raise GazetteError(f"query {query.name}: parameter {p.name} is required ({p.description}); "
                               f"give it with --param {p.name}=…")
        terms[p.name] = sparql_term(p, str(value))
    return substitute(query.sparql, terms)


# --- running ------------------------------------------------------------------
def store_exists(spec: str) -> bool:
    parsed = parse_store_spec(spec)
    if parsed.backend == "oxigraph":
        return os.path.isdir(parsed.folder) and bool(os.listdir(parsed.folder))
    return os.path.isfile(os.path.join(parsed.folder, TRIG_NAME))


def open_existing_store(spec: str) -> Store:
    """Open a store to read; a missing one is an error (opening Oxigraph would create it)."""
    if not store_exists(spec):
        raise GazetteError(f"no knowledge graph at --store {spec} (build one first: kg build GAZETTE.txt --store {spec})")
    return open_store(spec)


_SELECT = re.compile(r"\bSELECT\b", re.I)


def projected_columns(sparql: str) -> list[str]:
    """The variables a SELECT query projects, in order (for answers with no rows)."""
    from rdflib.plugins.sparql import prepareQuery

    from kg.graph.vocab import SPARQL_PREFIXES

    try:
        algebra = prepareQuery(SPARQL_PREFIXES + sparql).algebra
    except Exception:  # noqa: BLE001 - the store already accepted the query; columns are a nicety
        return []
    return [str(v) for v in (algebra.get("PV") or [])]


def run_query(store: Store, name_or_path: str | NamedQuery, params: dict[str, str] | None = None) -> QueryResult:
    """Run a named query (or a query file) with parameters; answers as plain values."""
    query = name_or_path if isinstance(name_or_path, NamedQuery) else load_query(name_or_path)
    sparql = bind_params(query, params)
    body = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    if not _SELECT.search(body):
        raise GazetteError(f"query {query.name}: only SELECT queries can be printed as a table")
    try:
        rows = store.select(sparql)
    except GazetteError:
        raise
    except Exception as err:  # both backends raise their own parser and evaluation errors
        raise GazetteError(f"query {query.name}: {type(err).__name__}: {err}") from None
    columns = list(rows[0]) if rows else projected_columns(sparql)
    return QueryResult(columns=columns, rows=rows)


# --- printing -----------------------------------------------------------------
def display_width(text: str) -> int:
    """Terminal columns a text takes: wide and full-width characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """Cut a text to at most ``width`` columns, marking the cut with an ellipsis."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _short_iri(value: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if value.startswith(str(ns)):
            return f"{prefix}:{value[len(str(ns)):]}"
    return value


def cell_text(value, shorten_iris: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if shorten_iris and text.startswith(("http://", "https://")):
        text = _short_iri(text)
    return " ".join(text.split())  # one line per row


def format_table(result: QueryResult, max_width: int = 48) -> str:
    """A plain-text table aligned for Chinese text (wide characters count two columns)."""
    if not result.columns:
        return "(no columns)\n"
    cells = [[clip(cell_text(row.get(c), shorten_iris=True), max_width) for c in result.columns] for row in result.rows]
    numeric = [all(isinstance(row.get(c), (int, float)) and not isinstance(row.get(c), bool)
                   for row in result.rows if row.get(c) is not None) and any(row.get(c) is not None for row in result.rows)
               for c in result.columns]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(pad(c, widths[i], numeric[i]) for i, c in enumerate(result.columns)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in cells:
        lines.append("  ".join(pad(v, widths[i], numeric[i]) for i, v in enumerate(r)).rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_csv(result: QueryResult) -> str:
    """CSV with a UTF-8 byte-order mark, so that spreadsheet programs read the Chinese text right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell_text(row.get(c)) if not isinstance(row.get(c), str) else row.get(c)
                         for c in result.columns])
    return "\ufeff" + buffer.getvalue()


def format_json(result: QueryResult) -> str:
    payload = {"columns": result.columns, "rows": [{c: row.get(c) for c in result.columns} for row in result.rows]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}


def format_result(result: QueryResult, fmt: str) -> str:
    try:
        return FORMATTERS[fmt](result)
    except KeyError:
        raise GazetteError(f"unknown format {fmt!r} (one of {', '.join(FORMATTERS)})") from None
