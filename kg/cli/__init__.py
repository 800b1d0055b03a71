"""The ``kg`` command. Thin: each command parses options and calls one library function."""
from __future__ import annotations

import importlib
import sys

import click

from kg.errors import GazetteError

STORE_HELP = "Where the graph lives: a folder (rdflib, saved as graph.trig) or oxigraph:FOLDER."
store_option = click.option("--store", "store_spec", default="output", show_default=True, metavar="SPEC",
                            help=STORE_HELP)

# Modules that contribute commands through a COMMANDS list; missing ones are skipped.
COMMAND_MODULES = ("kg.cli.core", "kg.cli.query", "kg.cli.report", "kg.cli.viz")


class GazetteGroup(click.Group):
    """Turns library errors into one clear line and exit code 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GazetteError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)


@click.group(cls=GazetteGroup)
@click.version_option(package_name="gazette-kg")
def main():
    """gazette-kg: Chinese local-government gazettes -> a knowledge graph of officials, units and tasks."""


for _module in COMMAND_MODULES:
    try:
        _loaded = importlib.import_module(_module)
    except ModuleNotFoundError as _err:
        if _err.name != _module:
            raise
        continue
    for _command in getattr(_loaded, "COMMANDS", []):
        main.add_command(_command)
