"""Give facts of a traditional-character gazette their printed forms back.

Extractors match on the simplified matching text; each text value they
report is looked up inside its fact's evidence span and replaced by the
characters printed there (same offsets), so "組長" stays "組長".
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from kg.ingest.variants import printed_form
from kg.model import SourceText, Span

# Fields that are not printed text (dates, flags, codes).
_NOT_PRINTED = {"doc_no", "date", "deadline", "action", "role_code", "shape", "context", "ref"}


def restore_printed_forms(fact, source: SourceText, evidence: Span | None = None):
    """A copy of ``fact`` (any kg.model fact dataclass) with printed text values."""
    if source.printed is None or not is_dataclass(fact):
        return fact
    own = getattr(fact, "evidence", None)
    span = own if isinstance(own, Span) else evidence
    changes = {}
    for f in fields(fact):
        value = getattr(fact, f.name)
        if f.name in _NOT_PRINTED or isinstance(value, Span):
            continue
        if isinstance(value, str) and span is not None:
            new = _printed(value, source, span)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value) and span is not None:
            new = tuple(_printed(v, source, span) for v in value)
        elif isinstance(value, tuple) and value and all(is_dataclass(v) for v in value):
            new = tuple(restore_printed_forms(v, source, span) for v in value)
        else:
            continue
        if new != value:
            changes[f.name] = new
    return replace(fact, **changes) if changes else fact


def _printed(value: str, source: SourceText, span: Span) -> str:
    """Printed form from the fact's own span, else from the first place the
    document prints it (a role carried down from a labelled line above)."""
    found = printed_form(value, source.text, source.printed, span.start, span.end, source.offsets)
    if found != value or not value:
        return found
    if value in source.printed:
        return value
    at = source.text.find(value)
    return source.printed_slice(at, at + len(value)).replace("\n", "") if at >= 0 else value
