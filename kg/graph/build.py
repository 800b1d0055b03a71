"""Stage 4: resolved facts -> RDF quads, one named graph per source document.

Every fact node carries ``prov:wasDerivedFrom`` its document and ``gz:evidence``
a node with the character span and the quoted text. Entities (people, units,
posts) are typed and labelled in every document graph that mentions them, so
each named graph stands on its own. No blank nodes: output is deterministic.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.graph.vocab import (GZ, ORG, document_graph, document_iri, evidence_iri, gazette_iri, mint,
                            resolution_graph, source_stem)
from kg.model import Document, Span
from kg.resolve.model import ResolvedGazette, UnitEntity

ROLE_TERMS = {
    "lead_leaders": GZ.LeadLeader,
    "lead_units": GZ.LeadUnit,
    "coop_units": GZ.CooperatingUnit,
    "responsible": GZ.Responsible,
}
PARTICIPATION_TERMS = {"chair": GZ.Chair, "attendee": GZ.Attendee, "observer": GZ.Observer, "recorder": GZ.Recorder}
_PLACE = re.compile(r"^(.{2,8}?(?:市|县|区|旗))(?:人民政府|政府)")


def place_of(resolved: ResolvedGazette) -> str:
    """The county the gazette speaks for, from its issuers ("青山县人民政府" -> "青山县")."""
    places = Counter()
    for doc in resolved.gazette.documents:
        match = _PLACE.match(doc.issuer or "") or _PLACE.match(doc.title or "")
        if match:
            places[match.group(1)] += 1
    return min(places, key=lambda p: (-places[p], p)) if places else source_stem(resolved.gazette.source.name)


def _date(value: str | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value else None


class QuadSink:
    """Collects quads for one gazette; de-duplicates, keeps a stable order."""

    def __init__(self) -> None:
        self.quads: set[tuple] = set()

    def add(self, graph: URIRef, s, p, o) -> None:
        if o is None or (not isinstance(o, URIRef) and str(o) == ""):
            return  # no empty literals: an absent value is simply not stated
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        self.quads.add((s, p, o, graph))

    def sorted(self) -> list[tuple]:
        return sorted(self.quads, key=lambda q: (str(q[3]), str(q[0]), str(q[1]), q[2].n3()))


class GazetteGraphBuilder:
    def __init__(self, resolved: ResolvedGazette):
        self.resolved = resolved
        self.source = resolved.gazette.source
        self.stem = source_stem(self.source.name)
        self.place = place_of(resolved)
        self.sink = QuadSink()
        self.docs = {d.doc_no: d for d in resolved.gazette.documents}

    # --- entities -----------------------------------------------------------
    def person(self, graph, name: str) -> URIRef:
        entity = self.resolved.persons.get(name)
        key = entity.key if entity else name
        label = entity.name if entity else name
        iri = mint("person", self.place, key)
        self.sink.add(graph, iri, RDF.type, FOAF.Person)
        self.sink.add(graph, iri, FOAF.name, Literal(label))
        self.sink.add(graph, iri, RDFS.label, Literal(label))
        return iri

    def unit(self, graph, written: str) -> URIRef:
        entity = self.resolved.units.get(written) or UnitEntity(key=written, label=written)
        kind = "collective" if entity.is_collective else "unit"
        iri = mint(kind, self.place, entity.key)
        self.sink.add(graph, iri, RDF.type, GZ.Collective if entity.is_collective else ORG.Organization)
        self.sink.add(graph, iri, SKOS.prefLabel, Literal(entity.label))
        self.sink.add(graph, iri, RDFS.label, Literal(entity.label))
        if written != entity.label:
            self.sink.add(graph, iri, SKOS.altLabel, Literal(written))
        if entity.parent:
            parent = mint("unit", self.place, entity.parent)
            self.sink.add(graph, parent, RDF.type, ORG.Organization)
            parent_entity = next((u for u in self.resolved.units.values() if u.key == entity.parent), None)
            parent_label = parent_entity.label if parent_entity else entity.parent
            self.sink.add(graph, parent, SKOS.prefLabel, Literal(parent_label))
            self.sink.add(graph, parent, RDFS.label, Literal(parent_label))
            self.sink.add(graph, iri, ORG.subOrganizationOf, parent)
        return iri

    def evidence(self, graph, node: URIRef, doc: Document, span: Span | None, derived: bool = True) -> None:
        if derived:  # a document is not derived from itself
            self.sink.add(graph, node, PROV.wasDerivedFrom, document_iri(self.source.name, doc.doc_no))
        if span is None:
            return
        # offsets and quotes refer to the text as printed (decoded, LF line ends)
        start, end = self.source.printed_offset(span.start), self.source.printed_offset(span.end)
        ev = evidence_iri(self.source.name, start, end)
        self.sink.add(graph, node, GZ.evidence, ev)
        self.sink.add(graph, ev, RDF.type, GZ.Evidence)
        self.sink.add(graph, ev, GZ.inDocument, document_iri(self.source.name, doc.doc_no))
        self.sink.add(graph, ev, GZ.start, Literal(start))
        self.sink.add(graph, ev, GZ.end, Literal(end))
        self.sink.add(graph, ev, GZ.quote, Literal(self.source.printed_text[start:end]))

    # --- documents ----------------------------------------------------------
    def documents(self) -> None:
        gaz = gazette_iri(self.source.name)
        for doc in self.resolved.gazette.documents:
            g = document_graph(self.source.name, doc.doc_no)
            d = document_iri(self.source.name, doc.doc_no)
            self.sink.add(g, gaz, RDF.type, GZ.Gazette)
            self.sink.add(g, gaz, RDFS.label, Literal(self.stem))
            self.sink.add(g, gaz, GZ.sourceFile, Literal(self.source.name))
            self.sink.add(g, d, RDF.type, GZ.MeetingRecord if doc.is_meeting else GZ.Document)
            self.sink.add(g, d, DCTERMS.isPartOf, gaz)
            self.sink.add(g, d, DCTERMS.identifier, Literal(doc.doc_no))
            self.sink.add(g, d, DCTERMS.title, Literal(doc.title))
            self.sink.add(g, d, RDFS.label, Literal(doc.title))
            self.sink.add(g, d, GZ.kind, Literal(doc.kind))
            self.sink.add(g, d, DCTERMS.issued, _date(doc.date))
            self.sink.add(g, d, GZ.start, Literal(self.source.printed_offset(doc.start)))
            self.sink.add(g, d, GZ.end, Literal(self.source.printed_offset(doc.end)))
            if doc.issuer:
                self.sink.add(g, d, GZ.issuerName, Literal(doc.issuer))
                self.sink.add(g, d, DCTERMS.creator, self.unit(g, doc.issuer))
            self.evidence(g, d, doc, doc.title_span or doc.doc_no_span, derived=False)

    # --- facts --------------------------------------------------------------
    def personnel(self) -> None:
        counters: Counter = Counter()
        for change in self.resolved.facts.personnel:
            doc = self.docs[change.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            counters[doc.doc_no] += 1
            node = mint("change", self.stem, doc.doc_no, counters[doc.doc_no])
            person = self.person(g, change.person)
            post = mint("post", self.place, change.post)
            self.sink.add(g, node, RDF.type, GZ.Appointment if change.action == "appoint" else GZ.Removal)
            self.sink.add(g, node, GZ.person, person)
            self.sink.add(g, node, GZ.post, post)
            self.sink.add(g, node, GZ.postAsWritten, Literal(change.post))
            self.sink.add(g, node, DCTERMS.date, _date(change.date))
            self.sink.add(g, node, GZ.female, Literal(change.female))
            self.sink.add(g, node, GZ.probation, Literal(change.probation))
            self.sink.add(g, node, GZ.position, Literal(counters[doc.doc_no]))
            self.sink.add(g, post, RDF.type, ORG.Post)
            self.sink.add(g, post, RDFS.label, Literal(change.post))
            parts = self.resolved.posts.get(change.post)
            if parts is not None:
                self.sink.add(g, post, GZ.office, Literal(parts.office))
                if parts.unit:
                    unit = self.unit(g, parts.unit)
                    self.sink.add(g, post, ORG.postIn, unit)
                    if parts.unit_alias:  # 中心（执法局）: the bracketed second name of the same unit
                        self.sink.add(g, unit, SKOS.altLabel, Literal(parts.unit_alias))
            if change.action == "appoint":
                self.sink.add(g, person, ORG.holds, post)
            self.evidence(g, node, doc, change.evidence)

    def titles(self) -> None:
        counters: Counter = Counter()
        for mention in self.resolved.facts.titles:
            if not mention.title.strip():
                continue  # a bare name in an 出席 list states no title; attendance is a Participation
            doc = self.docs[mention.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            counters[doc.doc_no] += 1
            node = mint("title", self.stem, doc.doc_no, counters[doc.doc_no])
            self.sink.add(g, node, RDF.type, GZ.TitleStatement)
            self.sink.add(g, node, GZ.person, self.person(g, mention.person))
            self.sink.add(g, node, GZ.titleText, Literal(mention.title))
            self.sink.add(g, node, GZ.context, Literal(mention.context))
            self.evidence(g, node, doc, mention.evidence)

    def tasks(self) -> None:
        counters: Counter = Counter()
        for task in self.resolved.facts.tasks:
            doc = self.docs[task.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            counters[doc.doc_no] += 1
            n = counters[doc.doc_no]
            node = mint("task", self.stem, doc.doc_no, n)
            self.sink.add(g, node, RDF.type, GZ.Task)
            self.sink.add(g, node, GZ.position, Literal(n))
            self.sink.add(g, node, GZ.ref, Literal(task.ref) if task.ref else None)
            self.sink.add(g, node, GZ.text, Literal(task.text))
            self.sink.add(g, node, RDFS.label, Literal(task.text[:60]))
            self.sink.add(g, node, GZ.deadline, _date(task.deadline))
            self.sink.add(g, node, GZ.title, Literal(task.title) if task.title else None)
            self.sink.add(g, node, GZ.shape, Literal(task.shape) if task.shape else None)
            if task.category:
                self.sink.add(g, node, GZ.categoryPath, Literal(" / ".join(task.category)))
                for cat in task.category:
                    self.sink.add(g, node, GZ.category, Literal(cat))
            for i, ms in enumerate(task.milestones, 1):
                m = mint("task", self.stem, doc.doc_no, n, "milestone", i)
                self.sink.add(g, node, GZ.milestone, m)
                self.sink.add(g, m, RDF.type, GZ.Milestone)
                self.sink.add(g, m, GZ.position, Literal(i))
                self.sink.add(g, m, GZ.date, _date(ms.date))
                self.sink.add(g, m, GZ.text, Literal(ms.text))
            for role, term in ROLE_TERMS.items():
                for i, name in enumerate(getattr(task, role), 1):
                    a = mint("task", self.stem, doc.doc_no, n, role, i)
                    agent = self.person(g, name) if role in ("lead_leaders", "responsible") else self.unit(g, name)
                    self.sink.add(g, node, GZ.hasAssignment, a)
                    self.sink.add(g, a, RDF.type, GZ.Assignment)
                    self.sink.add(g, a, GZ.role, term)
                    self.sink.add(g, a, GZ.agent, agent)
                    self.sink.add(g, a, GZ.asWritten, Literal(name))
                    self.sink.add(g, a, GZ.position, Literal(i))
                    shortcut = {"lead_leaders": GZ.leads, "lead_units": GZ.leads,
                                "coop_units": GZ.cooperatesOn, "responsible": GZ.responsibleFor}[role]
                    self.sink.add(g, agent, shortcut, node)
            self.evidence(g, node, doc, task.evidence)

    def targets(self) -> None:
        counters: Counter = Counter()
        for target in self.resolved.facts.targets:
            doc = self.docs[target.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            counters[doc.doc_no] += 1
            node = mint("target", self.stem, doc.doc_no, counters[doc.doc_no])
            self.sink.add(g, node, RDF.type, GZ.Target)
            self.sink.add(g, node, GZ.position, Literal(counters[doc.doc_no]))
            self.sink.add(g, node, GZ.subject, self.unit(g, target.subject))
            self.sink.add(g, node, GZ.subjectAsWritten, Literal(target.subject))
            self.sink.add(g, node, GZ.item, Literal(target.item))
            self.sink.add(g, node, GZ.amount, Literal(Decimal(str(target.amount)).normalize(), datatype=XSD.decimal))
            self.sink.add(g, node, GZ.unitOfMeasure, Literal(target.unit))
            self.evidence(g, node, doc, target.evidence)

    def groups(self) -> None:
        counters: Counter = Counter()
        for group in self.resolved.facts.groups:
            doc = self.docs[group.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            counters[doc.doc_no] += 1
            n = counters[doc.doc_no]
            node = mint("group", self.stem, doc.doc_no, n)
            self.sink.add(g, node, RDF.type, GZ.WorkingGroup)
            self.sink.add(g, node, RDFS.label, Literal(group.name))
            self.sink.add(g, node, GZ.position, Literal(n))
            if group.office:
                self.sink.add(g, node, GZ.officeIn, self.unit(g, group.office))
            if group.parent:
                self.sink.add(g, node, GZ.parentGroupName, Literal(group.parent))
            for i, member in enumerate(group.members, 1):
                ms = mint("group", self.stem, doc.doc_no, n, "member", i)
                self.sink.add(g, node, GZ.hasMembership, ms)
                self.sink.add(g, ms, RDF.type, ORG.Membership)
                self.sink.add(g, ms, ORG.organization, node)
                self.sink.add(g, ms, GZ.position, Literal(i))
                self.sink.add(g, ms, GZ.roleLabel, Literal(member.role))
                self.sink.add(g, ms, ORG.role, mint("role", member.role))
                self.sink.add(g, mint("role", member.role), RDF.type, ORG.Role)
                self.sink.add(g, mint("role", member.role), RDFS.label, Literal(member.role))
                self.sink.add(g, ms, GZ.titleAsPrinted, Literal(member.title) if member.title else None)
                if member.person:
                    person = self.person(g, member.person)
                    self.sink.add(g, ms, ORG.member, person)
                    self.sink.add(g, person, ORG.memberOf, node)
                self.evidence(g, ms, doc, member.evidence)
            for i, written in enumerate(group.member_units, 1):
                ms = mint("group", self.stem, doc.doc_no, n, "unit", i)
                unit = self.unit(g, written)
                self.sink.add(g, node, GZ.hasMembership, ms)
                self.sink.add(g, ms, RDF.type, ORG.Membership)
                self.sink.add(g, ms, RDF.type, GZ.UnitMembership)
                self.sink.add(g, ms, ORG.organization, node)
                self.sink.add(g, ms, ORG.member, unit)
                self.sink.add(g, ms, GZ.asWritten, Literal(written))
                self.sink.add(g, ms, GZ.position, Literal(i))
                self.sink.add(g, unit, ORG.memberOf, node)
                self.evidence(g, ms, doc, group.evidence)
            self.evidence(g, node, doc, group.evidence)

    def meetings(self) -> None:
        for meeting in self.resolved.facts.meetings:
            doc = self.docs[meeting.doc_no]
            g = document_graph(self.source.name, doc.doc_no)
            node = mint("meeting", self.stem, doc.doc_no)
            self.sink.add(g, node, RDF.type, GZ.Meeting)
            self.sink.add(g, node, RDFS.label, Literal(doc.doc_no))
            self.sink.add(g, node, GZ.meetingKind, Literal(meeting.kind))
            self.sink.add(g, node, GZ.number, Literal(meeting.number) if meeting.number is not None else None)
            self.sink.add(g, node, DCTERMS.date, _date(meeting.date))
            self.sink.add(g, node, GZ.recordedIn, document_iri(self.source.name, doc.doc_no))
            for i, p in enumerate(meeting.participants, 1):
                part = mint("meeting", self.stem, doc.doc_no, "participant", i)
                person = self.person(g, p.person)
                self.sink.add(g, node, GZ.hasParticipation, part)
                self.sink.add(g, part, RDF.type, GZ.Participation)
                self.sink.add(g, part, GZ.participant, person)
                self.sink.add(g, part, GZ.participationRole, PARTICIPATION_TERMS.get(p.role, GZ.Attendee))
                self.sink.add(g, part, GZ.position, Literal(i))
                self.sink.add(g, part, GZ.invited, Literal(p.invited))
                if p.unit:
                    self.sink.add(g, part, GZ.unitAsWritten, Literal(p.unit))
                    self.sink.add(g, part, GZ.unit, self.unit(g, p.unit))
                shortcut = {"chair": GZ.chairs, "attendee": GZ.attends, "observer": GZ.observes,
                            "recorder": GZ.records}.get(p.role, GZ.attends)
                self.sink.add(g, person, shortcut, node)
                self.evidence(g, part, doc, p.evidence)
            for item in meeting.agenda:
                a = mint("meeting", self.stem, doc.doc_no, "agenda", item.number)
                self.sink.add(g, node, GZ.agendaItem, a)
                self.sink.add(g, a, RDF.type, GZ.AgendaItem)
                self.sink.add(g, a, GZ.number, Literal(item.number))
                self.sink.add(g, a, GZ.topic, Literal(item.topic))
                self.evidence(g, a, doc, item.evidence)
            self.evidence(g, node, doc, meeting.evidence)

    # --- resolution decisions and leadership --------------------------------
    def resolution(self) -> None:
        g = resolution_graph(self.source.name)
        for entity in sorted(self.resolved.persons.values(), key=lambda e: e.key):
            for alias in entity.aliases:
                iri = self.person(g, entity.key)
                self.sink.add(g, iri, SKOS.altLabel, Literal(alias.written))
        for written, entity in sorted(self.resolved.units.items()):
            if written != entity.label:
                self.unit(g, written)
        for i, decision in enumerate(self.resolved.decisions, 1):
            node = mint("decision", self.stem, i)
            self.sink.add(g, node, RDF.type, GZ.ResolutionDecision)
            self.sink.add(g, node, GZ.entityKind, Literal(decision.kind))
            target = self.person(g, decision.canonical) if decision.kind == "person" else self.unit(g, decision.canonical)
            self.sink.add(g, node, GZ.canonical, target)
            self.sink.add(g, node, GZ.variant, Literal(decision.variant))
            self.sink.add(g, node, GZ.rule, Literal(decision.rule))
            self.sink.add(g, node, GZ.status, Literal(decision.status))
            self.sink.add(g, node, RDFS.comment, Literal(decision.note) if decision.note else None)
            self.sink.add(g, node, GZ.position, Literal(i))
            for span in decision.evidence:
                self._gazette_evidence(g, node, span)
        for i, leader in enumerate(self.resolved.leaders, 1):
            node = mint("leader", self.stem, i)
            self.sink.add(g, node, RDF.type, GZ.LeadershipRole)
            self.sink.add(g, node, GZ.person, self.person(g, leader.person))
            self.sink.add(g, node, GZ.leadershipRole, Literal(leader.role))
            self.sink.add(g, node, GZ.titleText, Literal(leader.title) if leader.title else None)
            self.sink.add(g, node, GZ.printed, Literal(leader.printed))
            self.sink.add(g, node, GZ.position, Literal(i))
            for span in leader.evidence:
                self._gazette_evidence(g, node, span)

    def _gazette_evidence(self, g, node, span: Span) -> None:
        """Evidence in the resolution graph: find the document that holds the span."""
        for doc in self.resolved.gazette.documents:
            if doc.start <= span.start and span.end <= doc.end:
                self.evidence(g, node, doc, span)
                return
        start, end = self.source.printed_offset(span.start), self.source.printed_offset(span.end)
        ev = evidence_iri(self.source.name, start, end)
        self.sink.add(g, node, GZ.evidence, ev)
        self.sink.add(g, ev, RDF.type, GZ.Evidence)
        self.sink.add(g, ev, GZ.start, Literal(start))
        self.sink.add(g, ev, GZ.end, Literal(end))
        self.sink.add(g, ev, GZ.quote, Literal(self.source.printed_text[start:end]))

    def build(self) -> list[tuple]:
        self.documents()
        self.personnel()
        self.titles()
        self.tasks()
        self.targets()
        self.groups()
        self.meetings()
        self.resolution()
        return self.sink.sorted()


def build_quads(resolved: ResolvedGazette) -> list[tuple]:
    """All quads of one gazette, sorted."""
    return GazetteGraphBuilder(resolved).build()


__all__ = ["build_quads", "place_of"]
