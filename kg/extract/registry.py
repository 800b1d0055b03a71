"""A registry of extractors (as spaCy registers pipeline components)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from kg.extract.printed_forms import restore_printed_forms
from kg.model import (Document, Gazette, Meeting, PersonnelChange, TaskAssignment, Target, TitleMention,
                      WorkingGroup)

# name -> function(Document) -> list of facts
EXTRACTORS: dict[str, Callable[[Document], list]] = {}

# Modules that register extractors when imported; a module missing here is skipped
# so that the pipeline runs while kinds are being added.
EXTRACTOR_MODULES = (
    "kg.extract.personnel",
    "kg.extract.titles",
    "kg.extract.table_tasks",
    "kg.extract.paragraph_tasks",
    "kg.extract.targets",
    "kg.extract.groups",
    "kg.extract.meetings",
)


def extractor(name: str):
    def register(func):
        EXTRACTORS[name] = func
        return func

    return register


def load_extractors() -> dict[str, Callable[[Document], list]]:
    for module in EXTRACTOR_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
    return EXTRACTORS


@dataclass
class ExtractedFacts:
    """Everything the extractors found in one gazette, names as printed."""

    personnel: list[PersonnelChange] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    tasks: list[TaskAssignment] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    groups: list[WorkingGroup] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def add(self, fact) -> None:
        bucket = {
            PersonnelChange: self.personnel, TitleMention: self.titles, TaskAssignment: self.tasks,
            Target: self.targets, WorkingGroup: self.groups, Meeting: self.meetings,
        }[type(fact)]
        bucket.append(fact)


def extract_gazette(gazette: Gazette, only: set[str] | None = None) -> ExtractedFacts:
    """Run every registered extractor over every document, in a fixed order."""
    facts = ExtractedFacts()
    extractors = load_extractors()
    for doc in gazette.documents:
        for name in sorted(extractors):
            if only is not None and name not in only:
                continue
            try:
                found = extractors[name](doc)
            except Exception as err:  # one odd document must not stop a gazette; say so
                gazette.warnings.append(f"{gazette.source.path}: the {name} extractor failed on {doc.doc_no}: {err!r}")
                continue
            for fact in found:
                facts.add(restore_printed_forms(fact, gazette.source))
    return facts
