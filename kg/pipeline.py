"""The whole path for one or more input files: ingest -> extract -> resolve -> graph -> store."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from kg.extract import extract_gazette
from kg.graph.build import build_quads
from kg.graph.vocab import graph_prefix
from kg.ingest import read_source, split_documents
from kg.model import Gazette, SourceText
from kg.resolve import ResolvedGazette, resolve_gazette
from kg.store import Store, open_store


@dataclass
class BuildReport:
    source: str
    encoding: str
    documents: int
    quads: int
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    toc_mismatches: list = field(default_factory=list)


def resolve_source(source: SourceText, overrides=None) -> ResolvedGazette:
    """Ingest, extract and resolve one decoded text (no store involved)."""
    gazette: Gazette = split_documents(source)
    facts = extract_gazette(gazette)
    return resolve_gazette(gazette, facts, overrides)


def load_overrides(path: str | None):
    if not path:
        return None
    from kg.resolve import overrides as override_module  # written with the resolve rules

    return override_module.load_overrides(path)


def build_into_store(store: Store, paths: Iterable[str], overrides_path: str | None = None,
                     progress: Callable[[str], None] | None = None) -> list[BuildReport]:
    """Build or update the store from input files; a rebuilt gazette replaces
    only its own named graphs."""
    overrides = load_overrides(overrides_path)
    sources = [read_source(p) for p in paths]  # read all first: a bad file stops before any write
    reports = []
    for source in sources:
        if progress:
            progress(source.name)
        resolved = resolve_source(source, overrides)
        quads = build_quads(resolved)
        store.replace_graphs(graph_prefix(source.name), quads)
        f = resolved.facts
        reports.append(BuildReport(
            source=source.path, encoding=source.encoding, documents=len(resolved.gazette.documents),
            quads=len(quads),
            counts={"personnel": len(f.personnel), "tasks": len(f.tasks), "targets": len(f.targets),
                    "groups": len(f.groups), "meetings": len(f.meetings), "titles": len(f.titles)},
            warnings=list(resolved.gazette.warnings), toc_mismatches=list(resolved.gazette.toc_mismatches),
        ))
    store.save()
    return reports


def build(paths: Iterable[str], store_spec: str = "output", overrides_path: str | None = None,
          progress: Callable[[str], None] | None = None) -> list[BuildReport]:
    """Notebook entry point: ``kg.pipeline.build(["gazette.txt"])``."""
    return build_into_store(open_store(store_spec), list(paths), overrides_path, progress)
