"""The library call behind ``kg resolve``: resolve files and report the decisions."""
from __future__ import annotations

from kg.ingest import read_source
from kg.pipeline import load_overrides, resolve_source


def resolve_report(paths, overrides_path: str | None = None) -> str:
    overrides = load_overrides(overrides_path)
    sources = [read_source(p) for p in paths]
    parts = []
    for source in sources:
        resolved = resolve_source(source, overrides)
        try:
            from kg.resolve.report import format_resolve_report
        except ImportError:  # the detailed report comes with the resolve rules
            lines = [f"{d.status}: {d.kind} {d.variant} -> {d.canonical} ({d.rule})" for d in resolved.decisions]
            parts.append(f"# {source.name}\n" + "\n".join(lines))
            continue
        parts.append(f"# {source.name}\n{format_resolve_report(resolved)}")
    return "\n\n".join(parts)
