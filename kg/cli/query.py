"""Commands that read the store: query, serve, export."""
from __future__ import annotations

import click

from kg.cli import store_option
from kg.errors import GazetteError


def _named_query_epilog() -> str:
    from kg.query import list_queries

    try:
        queries = list_queries()
    except GazetteError as err:  # a broken .rq file must not break `kg --help`
        return f"(the named queries cannot be listed: {err})"
    width = max((len(q.name) for q in queries), default=0)
    lines = ["\b", "Named queries:"]
    for q in queries:
        params = " ".join(f"{p.name}=…" if p.required else f"[{p.name}=…]" for p in q.params)
        lines.append(f"  {q.name.ljust(width)}  {q.purpose}")
        if params:
            lines.append(f"  {' ' * width}    params: {params}")
    lines += ["", "\b", "Examples:", "  kg query leader-tasks --param leader=刘建国",
              "  kg query task-chain -p ref=3 -p doc_no=桐政办函〔2025〕3号 --format csv -o chain.csv",
              "  kg query my-query.rq --format json"]
    return "\n".join(lines)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise GazetteError(f"--param {pair!r}: write it as name=value")
        params[name.strip()] = value
    return params


def _output_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output and output.lower().endswith(".csv"):
        return "csv"
    if output and output.lower().endswith(".json"):
        return "json"
    return "table"


@click.command(epilog=_named_query_epilog())
@click.argument("query_name", metavar="NAME|FILE", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="Output format (default: table, or from the -o suffix).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE (default stdout).")
@store_option
def query(query_name, params, fmt, output, store_spec):
    """Run a named SPARQL query (see the list below) or a query file, and print the answer."""
    from kg.query import format_result, list_queries, open_existing_store, run_query
    from kg.store import atomic_write

    if not query_name:
        for q in list_queries():
            click.echo(f"{q.name}: {q.purpose}")
        return
    result = run_query(open_existing_store(store_spec), query_name, _parse_params(params))
    text = format_result(result, _output_format(fmt, output))
    if output:
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"{len(result.rows)} rows written to {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--limit", default=10000, show_default=True, type=int, help="Most rows one answer returns.")
@click.option("--verbose", is_flag=True, help="Log every request.")
def serve(store_spec, host, port, timeout, limit, verbose):
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /."""
    from kg.query import open_existing_store
    from kg.serve import make_server

    server = make_server(open_existing_store(store_spec), host, port, timeout, limit, verbose)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"SPARQL endpoint: http://{bound_host}:{bound_port}/sparql  query page: http://{bound_host}:{bound_port}/")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("note: the endpoint has no authentication; anyone who can reach this address can read the graph",
                   err=True)
    click.echo("Ctrl-C to stop.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@click.command()
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "jsonld", "graphml", "gexf"]),
              default=None, help="Output format (default: from the -o suffix, else trig).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE (default stdout).")
def export(store_spec, fmt, output):
    """Export the graph: RDF (turtle, trig, nquads, jsonld) or a network for Gephi (graphml, gexf)."""
    from kg.export import export_store, format_for
    from kg.query import open_existing_store
    from kg.store import atomic_write

    data = export_store(open_existing_store(store_spec), format_for(output, fmt))
    if output:
        atomic_write(output, data)
        click.echo(f"{len(data)} bytes written to {output}", err=True)
    else:
        click.get_binary_stream("stdout").write(data)


COMMANDS = [query, serve, export]
