"""The ontology and the SHACL shapes: what a user of `kg validate` relies on.

The graphs here are built from an invented county gazette (青山县): once through
the whole pipeline, and once from hand-made facts of every kind so that every
shape meets a node of its class whatever the extractors find today. Broken
graphs are the hand-made one with one thing spoiled.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, XSD

from kg.extract.registry import ExtractedFacts
from kg.graph.build import build_quads
from kg.graph.vocab import GZ, ORG
from kg.ingest import source_from_string, split_documents
from kg.model import (AgendaItem, GroupMember, Meeting, MeetingParticipant, Milestone, PersonnelChange, Span,
                      TaskAssignment, Target, TitleMention, WorkingGroup)
from kg.pipeline import resolve_source
from kg.resolve import resolve_gazette
from kg.store import OxigraphStore, RdflibStore
from kg.validate import (MAX_LINES, ONTOLOGY_PATH, SHAPES_PATH, Violation, graph_of_quads, shorten,
                         validate_graph, validate_store)

REPO = Path(__file__).resolve().parents[1]
OA = "http://www.w3.org/ns/oa#"

QINGSHAN = """青政人〔2025〕3号

青山县人民政府
关于王明等同志职务任免的通知

各乡镇人民政府，县直各单位：

经县人民政府研究决定：

王明同志任县水利局局长（试用期一年）；

刘芳（女）同志任县林业局副局长；

免去李华同志的县林业局局长职务。

青山县人民政府

2025年2月8日

青政办发〔2025〕5号

青山县人民政府办公室
关于成立县河道整治工作专班的通知

各乡镇人民政府，县直各单位：

为加快推进河道整治，决定成立县河道整治工作专班。现将有关事项通知如下：

一、工作专班组成人员

组  长：赵刚  副县长

副组长：孙伟  县水利局局长

成  员：钱进  县财政局副局长

工作专班办公室设在县水利局。工作专班成员单位为县水利局、县财政局、县自然资源局和各乡镇人民政府。

二、主要任务

（一）2025年6月底前完成青溪河清淤工程。（县水利局牵头，县财政局、各乡镇人民政府配合）

（二）全年完成河道整治投资8000万元。（县发改局牵头）

青山县人民政府办公室

2025年3月1日

2025年3月2日，县长周强主持召开青山县第十八届人民政府第5次常务会议。

一

会议听取了县水利局关于河道整治工作的汇报，研究议定以下意见：

由赵刚同志牵头，县水利局具体负责，县财政局协同配合，2025年5月底前完成项目招投标。

出 席：周强、赵刚、吴敏

列 席：县水利局孙伟，财政局钱进

记 录：郑洁
"""

PERSONNEL = "青政人〔2025〕3号"
GROUP_DOC = "青政办发〔2025〕5号"
MINUTES = "2025年第5次常务会议纪要"
FACT_CLASSES = (GZ.Task, GZ.Appointment, GZ.Removal, GZ.Target, ORG.Membership, GZ.Participation,
                GZ.TitleStatement, GZ.Meeting, GZ.WorkingGroup, GZ.AgendaItem)


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def hand_made_facts(text: str) -> ExtractedFacts:
    """One fact of every kind, as the extractors would report them."""
    s = lambda needle: span_of(text, needle)  # noqa: E731
    task_line = ("（一）2025年6月底前完成青溪河清淤工程。"
                 "（县水利局牵头，县财政局、各乡镇人民政府配合）")
    return ExtractedFacts(
        personnel=[
            PersonnelChange(PERSONNEL, "王明", "appoint", "县水利局局长", "2025-02-08", False, True,
                            s("王明同志任县水利局局长（试用期一年）")),
            PersonnelChange(PERSONNEL, "刘芳", "appoint", "县林业局副局长", "2025-02-08", True, False,
                            s("刘芳（女）同志任县林业局副局长")),
            PersonnelChange(PERSONNEL, "李华", "remove", "县林业局局长", "2025-02-08", False, False,
                            s("免去李华同志的县林业局局长职务")),
        ],
        titles=[TitleMention(GROUP_DOC, "赵刚", "副县长", "组长", s("组  长：赵刚  副县长"))],
        tasks=[
            TaskAssignment(GROUP_DOC, "（一）", "2025年6月底前完成青溪河清淤工程。", ("赵刚",),
                           ("县水利局",), ("县财政局", "各乡镇人民政府"), ("孙伟",), "2025-06-30",
                           s(task_line), category=("主要任务",),
                           milestones=(Milestone("2025-06-30", "完成青溪河清淤工程"),), shape="paren"),
        ],
        targets=[Target(GROUP_DOC, "县发改局", "河道整治投资", 8000.0, "万元",
                        s("（二）全年完成河道整治投资8000万元。（县发改局牵头）"))],
        groups=[WorkingGroup(
            GROUP_DOC, "县河道整治工作专班",
            (GroupMember("赵刚", "组长", "副县长", s("组  长：赵刚  副县长")),
             GroupMember("孙伟", "副组长", "县水利局局长", s("副组长：孙伟  县水利局局长")),
             GroupMember(None, "成员", "县财政局副局长", s("成  员：钱进  县财政局副局长"))),
            ("县水利局", "县财政局", "各乡镇人民政府"),
            s("工作专班成员单位为县水利局、县财政局、县自然资源局和各乡镇人民政府。"), office="县水利局")],
        meetings=[Meeting(
            MINUTES, "常务会议", 5, "2025-03-02",
            (MeetingParticipant("周强", "chair", None, s("县长周强主持召开")),
             MeetingParticipant("赵刚", "attendee", None, s("出 席：周强、赵刚、吴敏")),
             MeetingParticipant("孙伟", "observer", "县水利局", s("县水利局孙伟")),
             MeetingParticipant("郑洁", "recorder", None, s("记 录：郑洁"))),
            s("2025年3月2日，县长周强主持召开青山县第十八届人民政府第5次常务会议。"),
            agenda=(AgendaItem(1, "河道整治工作", s("会议听取了县水利局关于河道整治工作的汇报")),))],
    )


@pytest.fixture(scope="module")
def facts_graph() -> Graph:
    source = source_from_string(QINGSHAN, "qingshan-gazette-2025-03.txt")
    gazette = split_documents(source)
    assert [d.doc_no for d in gazette.documents] == [PERSONNEL, GROUP_DOC, MINUTES]
    return graph_of_quads(build_quads(resolve_gazette(gazette, hand_made_facts(source.text))))


@pytest.fixture
def graph(facts_graph) -> Graph:
    copy = Graph()
    for triple in facts_graph:
        copy.add(triple)
    return copy


def one(graph: Graph, cls) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]


def assert_violation(result, focus, path: str, message: str) -> None:
    assert not result.conforms
    expected = (shorten(focus), path)
    matching = [v for v in result.violations if (v.focus, v.path) == expected and message in v.message]
    assert matching, f"no {expected} '{message}' among:\n{result.text}"


# --- the ontology ---------------------------------------------------------------


def declared_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def test_ontology_declares_and_labels_every_gz_term_the_code_writes_or_reads():
    ontology = Graph().parse(ONTOLOGY_PATH)
    used = set()
    for path in list((REPO / "kg").rglob("*.py")) + list((REPO / "kg").rglob("*.rq")):
        code = path.read_text(encoding="utf-8")
        used |= {GZ[name] for name in re.findall(r"\bGZ\.([A-Za-z]\w*)", code)}
        used |= {GZ[name] for name in re.findall(r"\bgz:([A-Za-z][A-Za-z0-9_]*)", code)}
    assert {GZ.Task, GZ.evidence, GZ.LeadLeader} <= used  # the scan itself works
    missing = sorted(used - declared_terms(ontology))
    assert not missing, f"used in kg/ but not declared in ontology/gazette.ttl: {missing}"
    for term in used:
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, f"{term} needs rdfs:label in Chinese and English"
        assert any(c.language == "en" for c in ontology.objects(term, RDFS.comment)), f"{term} needs a comment"


def test_ontology_header_and_alignment_with_org_foaf_prov_and_web_annotation():
    ontology = Graph().parse(ONTOLOGY_PATH)
    [header] = ontology.subjects(RDF.type, OWL.Ontology)
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert ontology.value(header, prop) is not None, prop

    def is_a(cls, ancestor) -> bool:
        return ancestor in set(ontology.transitive_objects(cls, RDFS.subClassOf))

    assert is_a(GZ.Document, FOAF.Document) and is_a(GZ.Document, PROV.Entity)
    assert is_a(GZ.MeetingRecord, GZ.Document)
    assert is_a(GZ.WorkingGroup, ORG.Organization)
    assert is_a(GZ.Collective, FOAF.Group)
    # Changes and meetings are the documents' statements of events, derived from them:
    # prov:Entity (PROV-O makes Entity and Activity disjoint, and prov:wasDerivedFrom needs an Entity).
    assert is_a(GZ.Appointment, GZ.PersonnelChange) and is_a(GZ.Removal, PROV.Entity)
    assert is_a(GZ.Meeting, PROV.Entity)
    assert not is_a(GZ.Meeting, PROV.Activity) and not is_a(GZ.PersonnelChange, PROV.Activity)
    assert is_a(GZ.UnitMembership, ORG.Membership)
    assert (GZ.quote, RDFS.subPropertyOf, URIRef(OA + "exact")) in ontology
    assert (GZ.hasMembership, OWL.inverseOf, ORG.organization) in ontology
    roles = {GZ.LeadLeader, GZ.LeadUnit, GZ.CooperatingUnit, GZ.Responsible}
    assert set(ontology.subjects(RDF.type, GZ.TaskRole)) == roles
    assert set(ontology.subjects(RDF.type, GZ.ParticipationRole)) == {GZ.Chair, GZ.Attendee, GZ.Observer,
                                                                      GZ.Recorder}


def test_shapes_are_valid_shacl_and_name_only_declared_gz_terms():
    shapes = Graph().parse(SHAPES_PATH)
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    declared = declared_terms(Graph().parse(ONTOLOGY_PATH))
    named = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(GZ))}
    assert GZ.Evidence in named
    assert not named - declared, f"shapes name undeclared terms: {sorted(named - declared)}"


# --- graphs that conform ---------------------------------------------------------


def test_hand_made_facts_of_every_kind_conform(facts_graph):
    types = set(facts_graph.objects(None, RDF.type))
    assert set(FACT_CLASSES) | {GZ.Assignment, GZ.Milestone, GZ.MeetingRecord, GZ.UnitMembership} <= types
    result = validate_graph(facts_graph)
    assert result.conforms, result.text
    assert result.violations == []
    assert result.text.startswith("Conforms:")


def test_invented_gazette_built_by_the_pipeline_conforms_in_both_stores(tmp_path):
    resolved = resolve_source(source_from_string(QINGSHAN, "t.txt"))
    quads = build_quads(resolved)
    assert {q[2] for q in quads if q[1] == RDF.type} >= {GZ.Document, GZ.MeetingRecord, GZ.Evidence}
    for store in (RdflibStore(str(tmp_path / "rdf")), OxigraphStore(str(tmp_path / "ox"))):
        store.replace_graphs("https://w3id.org/gazette-kg/id/graph/t/", quads)
        result = validate_store(store)
        assert result.conforms, result.text
        assert result.triples == len({q[:3] for q in quads})


# --- graphs that do not ----------------------------------------------------------


def test_a_task_without_evidence_fails(graph):
    task = one(graph, GZ.Task)
    graph.remove((task, GZ.evidence, None))
    assert_violation(validate_graph(graph), task, "gz:evidence", "a fact needs at least one gz:Evidence")


def test_every_fact_class_needs_evidence_and_a_document(graph):
    nodes = {cls: one(graph, cls) for cls in FACT_CLASSES}
    for node in nodes.values():
        graph.remove((node, GZ.evidence, None))
        graph.remove((node, PROV.wasDerivedFrom, None))
    result = validate_graph(graph)
    for node in nodes.values():
        assert_violation(result, node, "gz:evidence", "a fact needs at least one gz:Evidence")
        assert_violation(result, node, "prov:wasDerivedFrom", "exactly one gz:Document")


def test_evidence_that_starts_after_it_ends_fails(graph):
    evidence = graph.value(one(graph, GZ.Task), GZ.evidence)
    end = graph.value(evidence, GZ.end).toPython()
    graph.set((evidence, GZ.start, Literal(end + 5)))
    result = validate_graph(graph)
    assert_violation(result, evidence, "gz:start", "evidence start must be less than its end")


def test_a_quote_that_does_not_fit_its_span_fails(graph):
    evidence = graph.value(one(graph, GZ.Target), GZ.evidence)
    graph.set((evidence, GZ.quote, Literal(str(graph.value(evidence, GZ.quote)) + "。")))
    gazette = one(graph, GZ.Gazette)
    result = validate_graph(graph)
    assert_violation(result, gazette, "gz:quote", "not end - start characters long")
    assert shorten(evidence) in result.text


def test_evidence_in_another_document_than_the_fact_fails(graph):
    task = one(graph, GZ.Task)
    evidence = graph.value(task, GZ.evidence)
    minutes = one(graph, GZ.MeetingRecord)
    graph.set((evidence, GZ.inDocument, minutes))
    result = validate_graph(graph)
    assert_violation(result, task, "gz:evidence/gz:inDocument", "evidence lies in other documents")
    assert_violation(result, evidence, "gz:inDocument/gz:start", "evidence starts before its document")


def test_a_removal_on_probation_fails(graph):
    removal = one(graph, GZ.Removal)
    graph.set((removal, GZ.probation, Literal(True)))
    assert_violation(validate_graph(graph), removal, "gz:probation", "a removal cannot carry a probation period")


def test_a_document_with_two_titles_fails(graph):
    document = one(graph, GZ.Document)
    graph.add((document, DCTERMS.title, Literal("另一个标题")))
    assert_violation(validate_graph(graph), document, "dcterms:title", "a document needs exactly one title")


def test_a_lead_leader_who_is_a_unit_fails(graph):
    assignment = next(a for a in graph.subjects(GZ.role, GZ.LeadLeader))
    unit = one(graph, ORG.Organization)
    graph.set((assignment, GZ.agent, unit))
    assert_violation(validate_graph(graph), assignment, "", "the agent does not fit the role")


def test_an_assignment_with_an_unknown_role_fails(graph):
    assignment = next(a for a in graph.subjects(GZ.role, GZ.CooperatingUnit))
    graph.set((assignment, GZ.role, GZ.Chair))
    assert_violation(validate_graph(graph), assignment, "gz:role", "exactly one role")


def test_an_untyped_person_is_not_made_a_person_by_the_ontologys_ranges(graph):
    change = one(graph, GZ.Appointment)
    person = graph.value(change, GZ.person)
    graph.remove((person, RDF.type, FOAF.Person))
    assert_violation(validate_graph(graph), change, "gz:person", "exactly one foaf:Person")


def test_a_person_with_two_names_fails(graph):
    person = one(graph, FOAF.Person)
    graph.add((person, FOAF.name, Literal("另一个名字")))
    assert_violation(validate_graph(graph), person, "foaf:name", "exactly one non-blank foaf:name")


def test_a_target_amount_that_is_not_a_decimal_fails(graph):
    target = one(graph, GZ.Target)
    graph.set((target, GZ.amount, Literal("8000万元")))
    assert_violation(validate_graph(graph), target, "gz:amount", "xsd:decimal amount")


def test_a_task_with_two_deadlines_or_a_blank_text_fails(graph):
    task = one(graph, GZ.Task)
    graph.add((task, GZ.deadline, Literal("2025-12-31", datatype=XSD.date)))
    graph.set((task, GZ.text, Literal("  ")))
    result = validate_graph(graph)
    assert_violation(result, task, "gz:deadline", "at most one deadline")
    assert_violation(result, task, "gz:text", "non-blank text")


def test_a_participation_with_a_task_role_fails(graph):
    participation = one(graph, GZ.Participation)
    graph.set((participation, GZ.participationRole, GZ.LeadUnit))
    assert_violation(validate_graph(graph), participation, "gz:participationRole", "exactly one role")


def test_a_meeting_recorded_in_another_document_fails(graph):
    meeting = one(graph, GZ.Meeting)
    graph.set((meeting, GZ.recordedIn, one(graph, GZ.Document)))
    assert_violation(validate_graph(graph), meeting, "gz:recordedIn", "exactly one gz:MeetingRecord")


def test_an_assignment_no_task_lists_fails(graph):
    assignment = next(a for a in graph.subjects(GZ.role, GZ.LeadUnit))
    graph.remove((None, GZ.hasAssignment, assignment))
    assert_violation(validate_graph(graph), assignment, "^gz:hasAssignment", "exactly one gz:Task")


def test_a_long_report_shows_fifty_lines_then_counts_the_rest(graph):
    for i in range(60):
        graph.add((URIRef(f"https://w3id.org/gazette-kg/id/person/青山县/无名{i:02d}"), RDF.type, FOAF.Person))
    result = validate_graph(graph)
    assert len(result.violations) == 60
    lines = result.text.splitlines()
    assert lines[0] == f"Does not conform: 60 violation(s) in {len(graph)} triples."
    assert len(lines) == 1 + MAX_LINES + 1
    assert lines[1] == "gzid:person/青山县/无名00  foaf:name  a person needs exactly one non-blank foaf:name"
    assert lines[-1] == "… and 10 more"
    assert result.violations == sorted(result.violations)
    assert all(isinstance(v, Violation) for v in result.violations)
