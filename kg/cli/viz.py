"""``kg viz``: the interactive graph page."""
from __future__ import annotations

import os

import click

from kg.cli import store_option

VIEW_HELP = ("whole: everything in the store; leader: one leader's tasks, units and co-leaders; "
             "units: units linked by shared tasks; person: one person's career, groups, meetings and tasks.")


def _default_output(store_spec: str) -> str:
    from kg.store import parse_store_spec

    spec = parse_store_spec(store_spec)
    base = spec.folder if spec.backend == "rdflib" else os.path.dirname(os.path.abspath(spec.folder))
    return os.path.join(base, "graph.html")


@click.command()
@store_option
@click.option("--view", type=click.Choice(["whole", "leader", "units", "person"]), default="whole",
              show_default=True, help=VIEW_HELP)
@click.option("--focus", default=None, metavar="NAME", help="The leader or person of --view leader|person.")
@click.option("--kinds", default=None, metavar="KIND,…",
              help="Only these classes: person, unit, collective, task, document, meeting, group.")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="The page to write (default: graph.html beside the store).")
@click.option("--all-leaders", is_flag=True,
              help="Write the whole graph and every deputy mayor's page (graph-<name>.html beside it).")
def viz(store_spec, view, focus, kinds, output, all_leaders):
    """An interactive graph page that works offline: search, filters, evidence in every tooltip."""
    from kg.query import open_existing_store
    from kg.render.viz import write_graph_pages

    store = open_existing_store(store_spec)
    for path in write_graph_pages(store, output or _default_output(store_spec), view, focus, kinds, all_leaders):
        click.echo(path)


COMMANDS = [viz]
