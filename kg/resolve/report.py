"""A readable account of what the resolve stage decided (``kg resolve --report``)."""
from __future__ import annotations

from kg.model import Span
from kg.resolve.model import ResolutionDecision, ResolvedGazette

_STATUS_ORDER = {"forced": 0, "merged": 1, "forbidden": 2, "doubtful": 3}


def _quote(resolved: ResolvedGazette, span: Span) -> str:
    text = span.text.replace("\t", " ").replace("\n", " ")
    if len(text) > 70:
        text = text[:67] + "…"
    line = resolved.gazette.source.line_of(span.start)
    quoted = f"line {line} [{span.start}:{span.end}] «{text}»"
    if len(span.text) < 12:  # a bare name: show what stands before it on its line
        source = resolved.gazette.source.text
        line_start = source.rfind("\n", 0, span.start) + 1
        before = source[max(line_start, span.start - 24):span.start].replace("\t", " ")
        quoted += f" in «…{before}{span.text}…»"
    return quoted


def _decision_lines(resolved: ResolvedGazette, d: ResolutionDecision) -> list[str]:
    arrow = {"merged": "->", "forced": "=>", "forbidden": "=/=", "doubtful": "?"}.get(d.status, "->")
    lines = [f"- [{d.status}] {d.variant} {arrow} {d.canonical}   rule: {d.rule}"]
    if d.note:
        lines.append(f"    {d.note}")
    for span in d.evidence:
        lines.append(f"    evidence: {_quote(resolved, span)}")
    return lines


def format_resolve_report(resolved: ResolvedGazette) -> str:
    """Every merge and every doubtful pair with evidence, then units and leaders."""
    out: list[str] = []
    people = [d for d in resolved.decisions if d.kind == "person"]
    units = [d for d in resolved.decisions if d.kind == "unit"]

    layout = [d for d in people if d.rule == "layout-space"]
    other_people = sorted((d for d in people if d.rule != "layout-space"),
                          key=lambda d: (_STATUS_ORDER.get(d.status, 9), d.canonical, d.variant))
    out.append(f"## People: {len(resolved.persons)} entities, {len(other_people)} decisions, "
               f"{len(layout)} strings with layout spaces")
    for d in other_people:
        out.extend(_decision_lines(resolved, d))
    if layout:
        out.append("")
        out.append("### Layout spaces")
        for d in layout:
            out.append(f"- {d.note}" + (f"   ({_quote(resolved, d.evidence[0])})" if d.evidence else ""))

    merged_units = sorted((d for d in units if d.status in ("merged", "forced")),
                          key=lambda d: (d.canonical, d.variant))
    other_units = sorted((d for d in units if d.status not in ("merged", "forced")),
                         key=lambda d: (_STATUS_ORDER.get(d.status, 9), d.canonical, d.variant))
    entities = {id(e): e for e in resolved.units.values()}
    out.append("")
    out.append(f"## Units: {len(resolved.units)} written forms, {len(entities)} entities, "
               f"{len(merged_units)} merges, {len(other_units)} doubtful or forbidden")
    for d in merged_units + other_units:
        out.extend(_decision_lines(resolved, d))
    parented = sorted((e for e in entities.values() if e.parent), key=lambda e: e.key)
    if parented:
        out.append("")
        out.append("### Parent units")
        for e in parented:
            out.append(f"- {e.key}  ⊂  {e.parent}")
    collectives = sorted((e for e in entities.values() if e.is_collective), key=lambda e: e.key)
    if collectives:
        out.append("")
        out.append("### Collectives (never merged with a unit)")
        out.append("- " + "、".join(e.label for e in collectives))

    out.append("")
    out.append(f"## Leaders: {len(resolved.leaders)}")
    for leader in resolved.leaders:
        how = f"printed: {leader.title}" if leader.printed else "inferred"
        out.append(f"- {leader.role}: {leader.person} ({how})")
        for span in leader.evidence:
            out.append(f"    evidence: {_quote(resolved, span)}")
    return "\n".join(out) + "\n"
