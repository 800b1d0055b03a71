"""Stage 3: names, aliases, misprints, homonyms.

``resolve_gazette`` turns the extractors' names as printed into canonical people and
units for the graph stage. The rules live in:

- ``kg.resolve.people``    the cast, layout spaces, misprints, homonyms;
- ``kg.resolve.units``     prefixes, short and long forms, misprints, sub-units, collectives;
- ``kg.resolve.leaders``   the government's leadership, printed or inferred;
- ``kg.resolve.overrides`` a user's resolve.toml (force or forbid a merge);
- ``kg.resolve.report``    every merge and doubtful pair with its evidence.
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract.registry import ExtractedFacts
from kg.model import Gazette
from kg.resolve.leaders import find_leaders
from kg.resolve.posts import split_post
from kg.resolve.model import (Alias, LeaderRole, PersonEntity, ResolutionDecision, ResolvedGazette,
                              UnitEntity)
from kg.resolve.overrides import Overrides, as_overrides, load_overrides
from kg.resolve.people import PeopleResolution, PeopleResolver, collect_mentions, squeeze, unit_in_title
from kg.resolve.units import CountyNames, UnitResolver, strip_prefix

__all__ = ["resolve_gazette", "ResolvedGazette", "PersonEntity", "UnitEntity", "ResolutionDecision",
           "LeaderRole", "Alias", "Overrides", "load_overrides"]


def resolve_gazette(gazette: Gazette, facts: ExtractedFacts, overrides=None) -> ResolvedGazette:
    """Canonical people and units for one gazette.

    ``overrides``: None, an ``Overrides``, a parsed resolve.toml dict, or a path to one.
    Person fields of the returned facts hold PersonEntity keys (the canonical name, or
    ``name~2`` for a second person of that name); unit fields keep the written form, which
    ``ResolvedGazette.units`` maps to its UnitEntity.
    """
    overrides = as_overrides(overrides)
    text = gazette.source.text
    county = CountyNames.learn([d.issuer for d in gazette.documents if d.issuer])

    units = UnitResolver(county, text)
    _see_units(units, gazette, facts)
    units.forced = list(overrides.unit_merges)
    units.forbidden = list(overrides.unit_apart)
    unit_resolution = units.resolve()

    def unit_key(written):
        if not written:
            return None
        return unit_resolution.key_of(written) or strip_prefix(written, county)

    people = PeopleResolver(collect_mentions(facts), text, unit_key)
    people.forced = [(squeeze(c), squeeze(v), n) for c, v, n in overrides.person_merges]
    people.forbidden = [(squeeze(a), squeeze(b), n) for a, b, n in overrides.person_apart]
    people.homonyms = [(squeeze(name), docs, n) for name, docs, n in overrides.person_homonyms]
    resolution = people.resolve()

    resolved_facts = _rewrite_people(facts, resolution, unit_key)
    persons = resolution.persons
    for key in _person_keys(resolved_facts):
        persons.setdefault(key, PersonEntity(key=key, name=key.split("~")[0]))
    leaders = find_leaders(gazette, resolved_facts)
    return ResolvedGazette(
        gazette=gazette, facts=resolved_facts, persons=dict(sorted(persons.items())),
        units=unit_resolution.units, decisions=resolution.decisions + unit_resolution.decisions,
        leaders=leaders, posts={p.post: split_post(p.post) for p in facts.personnel},
    )


def _see_units(units: UnitResolver, gazette: Gazette, facts: ExtractedFacts) -> None:
    """Every unit string as written, with the evidence of the fact that names it."""
    for t in facts.tasks:
        for written in t.lead_units + t.coop_units:
            units.see(written, t.evidence)
    for g in facts.groups:
        for written in g.member_units:
            units.see(written, g.evidence)
        if g.office:
            units.see(g.office, g.evidence)
    for m in facts.meetings:
        for p in m.participants:
            units.see(p.unit, p.evidence)
    for t in facts.targets:
        units.see(t.subject, t.evidence)
    for d in gazette.documents:
        if d.issuer:
            units.see(d.issuer, d.issuer_span)
    # units inside printed titles and posts: they attest spellings and place people
    for t in facts.titles:
        units.see(unit_in_title(t.title), t.evidence)
    for p in facts.personnel:
        units.see(split_post(p.post).unit, p.evidence)
    for g in facts.groups:
        for member in g.members:
            units.see(unit_in_title(member.title), member.evidence)


def _unique(names):
    seen, out = set(), []
    for n in names:
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)


def _rewrite_people(facts: ExtractedFacts, res: PeopleResolution, unit_key) -> ExtractedFacts:
    def keys(written, doc_no, slot=None, unit=None):
        out = []
        for name in res.names_of(written):
            key = res.distinct.get((("doc", doc_no), name, None), name)
            if slot is not None:
                key = res.distinct.get((slot, name, unit_key(unit)), key)
            out.append(key)
        return out

    def one(written, doc_no):
        found = keys(written, doc_no)
        return found[0] if found else squeeze(written)

    personnel = [replace(p, person=one(p.person, p.doc_no)) for p in facts.personnel]
    titles = []
    for t in facts.titles:
        found = keys(t.person, t.doc_no) if t.context == "出席" else [one(t.person, t.doc_no)]
        titles.extend(replace(t, person=name) for name in found)
    tasks = [replace(t,
                     lead_leaders=_unique(k for n in t.lead_leaders for k in keys(n, t.doc_no)),
                     responsible=_unique(k for n in t.responsible for k in keys(n, t.doc_no)))
             for t in facts.tasks]
    groups = []
    for g in facts.groups:
        members = []
        for m in g.members:
            if not m.person:
                members.append(m)
                continue
            members.extend(replace(m, person=name) for name in keys(m.person, g.doc_no) or [squeeze(m.person)])
        groups.append(replace(g, members=tuple(members)))
    meetings = []
    for i, m in enumerate(facts.meetings):
        participants = []
        for p in m.participants:
            found = keys(p.person, m.doc_no, ("meeting", i), p.unit) if p.role == "observer" else keys(p.person, m.doc_no)
            participants.extend(replace(p, person=name) for name in found or [squeeze(p.person)])
        meetings.append(replace(m, participants=tuple(participants)))
    return ExtractedFacts(personnel=personnel, titles=titles, tasks=tasks, targets=list(facts.targets),
                          groups=groups, meetings=meetings)


def _person_keys(facts: ExtractedFacts):
    for p in facts.personnel:
        yield p.person
    for t in facts.titles:
        yield t.person
    for t in facts.tasks:
        yield from t.lead_leaders
        yield from t.responsible
    for g in facts.groups:
        for m in g.members:
            if m.person:
                yield m.person
    for m in facts.meetings:
        for p in m.participants:
            yield p.person
