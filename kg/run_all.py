"""The main job (``kg run``): build, validate, and write every product to one folder."""
from __future__ import annotations

import importlib
import os
from typing import Iterator

from kg.facts import facts_json, read_facts
from kg.graph.vocab import source_stem
from kg.pipeline import build
from kg.store import atomic_write, open_store


def run_all(inputs: list[str], output_dir: str = "output") -> Iterator[str]:
    """Yields one line per product written."""
    reports = build(inputs, output_dir)
    for r in reports:
        yield f"built {r.source} ({r.encoding}): {r.documents} documents, {r.quads} quads"
    yield f"graph: {os.path.join(output_dir, 'graph.trig')}"
    store = open_store(output_dir)
    from kg.validate import validate_store

    result = validate_store(store)
    yield "SHACL: conforms" if result.conforms else f"SHACL: {len(result.violations)} violations (kg validate)"
    for facts in read_facts(store):
        path = os.path.join(output_dir, f"{source_stem(facts['source'])}.facts.json")
        atomic_write(path, facts_json([facts]).encode("utf-8"))
        yield f"facts: {path}"
    # Products added by later stages; each exposes write_products(store, output_dir) -> list[str].
    for module_name in ("kg.render.report", "kg.render.viz"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue
        paths = module.write_products(store, output_dir)
        folders = sorted({os.path.dirname(p) or "." for p in paths})
        yield f"{module_name.rsplit('.', 1)[-1]}: {len(paths)} files in {', '.join(folders)}"
