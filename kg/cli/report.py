"""Report and analysis commands: ``kg report workload`` and ``kg analyze hubs``."""
from __future__ import annotations

import os

import click

from kg.cli import store_option


@click.group()
def report():
    """Reports written from the graph."""


def _default_report_dir(store_spec: str) -> str:
    from kg.store import parse_store_spec

    spec = parse_store_spec(store_spec)
    base = spec.folder if spec.backend == "rdflib" else os.path.dirname(os.path.abspath(spec.folder))
    return os.path.join(base, "report")


@report.command()
@store_option
@click.option("--leader", default=None, metavar="NAME", help="Only this leader's page (any leader, by name).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "csv"]), default=None,
              help="One format only (default: md, html and csv).")
@click.option("-o", "--output-dir", default=None, type=click.Path(file_okay=False),
              help="Folder to write to (default: report/ beside the store).")
def workload(store_spec, leader, fmt, output_dir):
    """Who leads what: an overview of every leader and a page per deputy mayor, with evidence."""
    from kg.query import open_existing_store
    from kg.render.report import FORMATS, write_workload_report

    folder = output_dir or _default_report_dir(store_spec)
    for path in write_workload_report(open_existing_store(store_spec), folder, (fmt,) if fmt else FORMATS, leader):
        click.echo(path)


@click.group()
def analyze():
    """Analyses of the graph."""


@analyze.command()
@store_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="How many hubs to list.")
@click.option("--by", "rank_by", type=click.Choice(["degree", "weighted", "betweenness"]), default="degree",
              show_default=True, help="The measure to rank by.")
@click.option("--include-collectives", is_flag=True,
              help="Rank collectives (市直相关单位 …) with the units, flagged with *.")
def hubs(store_spec, top, rank_by, include_collectives):
    """The units most tasks route through: degree, weighted degree, betweenness, community."""
    from kg.query import open_existing_store
    from kg.render.report import hubs_table

    click.echo(hubs_table(open_existing_store(store_spec), top, include_collectives, rank_by))


COMMANDS = [report, analyze]
