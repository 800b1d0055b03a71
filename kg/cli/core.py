"""Core commands: build, facts, eval, stats, validate, resolve, run."""
from __future__ import annotations

import os

import click

from kg.cli import store_option


def _progress():
    """A rich progress bar on stderr (quiet when not a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    transient=True, disable=not os.isatty(2))


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@store_option
@click.option("--overrides", type=click.Path(dir_okay=False), default=None,
              help="resolve.toml forcing or forbidding merges (see docs/resolve.md).")
def build(inputs, store_spec, overrides):
    """Build or update the graph from gazette text files (a rebuilt gazette replaces its own graphs)."""
    from kg.pipeline import build as build_graph

    with _progress() as progress:
        task = progress.add_task("building", total=None)
        reports = build_graph(inputs, store_spec, overrides,
                              progress=lambda name: progress.update(task, description=f"building {name}"))
    for r in reports:
        click.echo(f"{r.source}: read as {r.encoding}; {r.documents} documents, {r.quads} quads; "
                   + ", ".join(f"{k} {v}" for k, v in r.counts.items()))
        for m in r.toc_mismatches:
            click.echo(f"  table of contents vs body: {m.doc_no}: {m.field}: 目录「{m.toc_value}」 正文「{m.body_value}」")
        for w in r.warnings:
            click.echo(f"warning: {w}", err=True)
    click.echo(f"store: {store_spec}")


@click.command()
@store_option
@click.option("--source", default=None, help="Only this gazette (file name, with or without .txt).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE (default stdout).")
def facts(store_spec, source, output):
    """Write the gazette-facts/1 JSON, read back from the store with SPARQL."""
    from kg.facts import facts_json, read_facts
    from kg.store import atomic_write, open_store

    text = facts_json(read_facts(open_store(store_spec), source))
    if output:
        atomic_write(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@click.command(name="eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print scores as JSON.")
def eval_command(gold_files, store_spec, as_json):
    """Score the store against gold facts files (precision, recall, F1 per category)."""
    from kg.evaluation_run import evaluate_store

    result = evaluate_store(store_spec, gold_files)
    click.echo(result.json() if as_json else result.text())


@click.command()
@store_option
def stats(store_spec):
    """Count instances per class and quads per named graph."""
    from kg.stats import store_stats

    click.echo(store_stats(store_spec))


@click.command()
@store_option
def validate(store_spec):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl."""
    from kg.store import open_store
    from kg.validate import validate_store

    result = validate_store(open_store(store_spec))
    click.echo(result.text)
    if not result.conforms:
        raise SystemExit(1)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--overrides", type=click.Path(dir_okay=False), default=None, help="resolve.toml (docs/resolve.md).")
@click.option("--report/--no-report", default=True, help="List every merge and doubtful pair with evidence.")
def resolve(inputs, overrides, report):
    """Show how names and units of gazette files are resolved (merges, misprints, doubtful pairs)."""
    from kg.resolve_run import resolve_report

    click.echo(resolve_report(inputs, overrides))


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", default="output", show_default=True, type=click.Path(file_okay=False))
def run(inputs, output_dir):
    """The main job: build the graph, validate it, and write facts, reports and graph pages to a folder."""
    from kg.run_all import run_all

    for line in run_all(list(inputs), output_dir):
        click.echo(line)


COMMANDS = [build, facts, eval_command, stats, validate, resolve, run]
