"""Stage 3: names, aliases, misprints, homonyms.

``resolve_gazette`` turns the extractors' names as printed into canonical
people and units for the graph stage.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.registry import ExtractedFacts
from kg.model import Gazette
from kg.resolve.model import (Alias, LeaderRole, PersonEntity, ResolutionDecision, ResolvedGazette,
                              UnitEntity)

__all__ = ["resolve_gazette", "ResolvedGazette", "PersonEntity", "UnitEntity", "ResolutionDecision",
           "LeaderRole", "Alias"]

_SPACES = re.compile(r"[ \t\u3000]+")


def _plain_name(raw: str) -> list[str]:
    return [_SPACES.sub("", raw)] if raw and raw.strip() else []


def _unit_key(written: str) -> str:
    return re.sub(r"^(?:市|县|区)(?!直)", "", _SPACES.sub("", written)) or written


def resolve_gazette(gazette: Gazette, facts: ExtractedFacts, overrides=None) -> ResolvedGazette:
    """Minimal resolution (layout spaces removed, 市 prefix folded); the full rules
    live in kg.resolve.people / kg.resolve.units once written."""
    def people(names):
        return tuple(n for raw in names for n in _plain_name(raw))

    tasks = [replace(t, lead_leaders=people(t.lead_leaders), responsible=people(t.responsible)) for t in facts.tasks]
    resolved = ExtractedFacts(
        personnel=[replace(p, person=_SPACES.sub("", p.person)) for p in facts.personnel],
        titles=[replace(t, person=_SPACES.sub("", t.person)) for t in facts.titles],
        tasks=tasks, targets=list(facts.targets),
        groups=[replace(g, members=tuple(replace(m, person=_SPACES.sub("", m.person) if m.person else None)
                                         for m in g.members)) for g in facts.groups],
        meetings=[replace(m, participants=tuple(replace(p, person=_SPACES.sub("", p.person)) for p in m.participants))
                  for m in facts.meetings],
    )
    persons: dict[str, PersonEntity] = {}
    units: dict[str, UnitEntity] = {}

    def see_person(name):
        if name and name not in persons:
            persons[name] = PersonEntity(key=name, name=name)

    def see_unit(written):
        if written and written not in units:
            key = _unit_key(written)
            units[written] = UnitEntity(key=key, label=written)

    for p in resolved.personnel:
        see_person(p.person)
    for t in resolved.titles:
        see_person(t.person)
    for t in resolved.tasks:
        for n in t.lead_leaders + t.responsible:
            see_person(n)
        for u in t.lead_units + t.coop_units:
            see_unit(u)
    for g in resolved.groups:
        for m in g.members:
            see_person(m.person)
        for u in g.member_units:
            see_unit(u)
    for m in resolved.meetings:
        for p in m.participants:
            see_person(p.person)
            see_unit(p.unit)
    for t in resolved.targets:
        see_unit(t.subject)
    return ResolvedGazette(gazette=gazette, facts=resolved, persons=persons, units=units)
