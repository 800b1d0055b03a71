"""Graph views and workload measures, on small hand-made graphs (an invented
county, 青山县) with exactly known answers, and on the seed gazette against its gold."""
from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from kg.analyze.hubs import communities, coordination_hubs, portfolio_bridges
from kg.analyze.views import (co_leadership_graph, leader_task_unit_graph, read_workload_data,
                              unit_coordination_graph)
from kg.analyze.workload import find_leader, leader_workloads, unit_workloads
from kg.extract.registry import ExtractedFacts
from kg.graph.build import build_quads
from kg.graph.vocab import graph_prefix
from kg.ingest import source_from_string, split_documents
from kg.model import GroupMember, Meeting, MeetingParticipant, Span, TaskAssignment, WorkingGroup
from kg.resolve.model import LeaderRole, ResolvedGazette, UnitEntity
from kg.store import open_store

SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "miluo-gazette-2025-01.json"

INVENTED_NAME = "qingshan-2025-01.txt"
INVENTED_TEXT = """青山县人民政府公报

青政办函〔2025〕3号

青山县人民政府办公室关于印发《2025年县政府重点工作任务分解》的通知

各乡镇人民政府，县直各单位：
现将《2025年县政府重点工作任务分解》印发给你们，请认真贯彻执行。

青山县人民政府办公室
2025年2月1日

2025年1月20日，县长王明主持召开第5次常务会议。
县委常委、副县长刘建国同志任组长。
"""


def task(text: str, leaders=(), lead=(), coop=(), deadline=None, category=(), ref=None) -> TaskAssignment:
    return TaskAssignment(doc_no="青政办函〔2025〕3号", ref=ref, text=text, lead_leaders=tuple(leaders),
                          lead_units=tuple(lead), coop_units=tuple(coop), responsible=(), deadline=deadline,
                          evidence=Span(0, 0, ""), category=tuple(category))


def invented_store(folder, tasks, leaders=(), groups=(), meetings=(), collectives=()):
    """A store holding one invented gazette with exactly these facts, built by the
    real graph builder (so the analyses read the same shape as in production)."""
    gazette = split_documents(source_from_string(INVENTED_TEXT, INVENTED_NAME))
    text = gazette.source.text
    doc = gazette.documents[0]
    anchored = []
    for t in tasks:  # evidence: the task's own words if printed, else the document title
        at = text.find(t.text)
        span = Span.of(text, at, at + len(t.text)) if at >= 0 else doc.title_span
        anchored.append(TaskAssignment(**{**t.__dict__, "doc_no": doc.doc_no, "evidence": span}))
    facts = ExtractedFacts(tasks=anchored, groups=list(groups), meetings=list(meetings))
    units = {c: UnitEntity(key=c, label=c, is_collective=True) for c in collectives}
    resolved = ResolvedGazette(gazette=gazette, facts=facts, units=units, leaders=list(leaders))
    store = open_store(str(folder))
    store.replace_graphs(graph_prefix(INVENTED_NAME), build_quads(resolved))
    store.save()
    return open_store(str(folder))  # read back from disk, as a user would


def leader_role(text: str, person: str, role: str, title: str | None, printed: bool) -> LeaderRole:
    at = INVENTED_TEXT.find(text)
    return LeaderRole(person=person, role=role, title=title, printed=printed,
                      evidence=(Span.of(INVENTED_TEXT, at, at + len(text)),) if at >= 0 else ())


def by_name(workloads, name):
    found = find_leader(workloads, name)
    assert found is not None, f"{name} missing from {[w.name for w in workloads]}"
    return found


# --- leaders -----------------------------------------------------------------

def test_two_leaders_sharing_one_task_get_half_each(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", leaders=["刘建国", "孙丽华"], lead=["县交通运输局"]),
        task("新建城东污水处理厂。", leaders=["刘建国"], lead=["县住建局"]),
    ])
    workloads = leader_workloads(read_workload_data(store))
    liu, sun = by_name(workloads, "刘建国"), by_name(workloads, "孙丽华")
    assert (len(liu.tasks), liu.alone, liu.shared, liu.weighted_share) == (2, 1, 1, Fraction(3, 2))
    assert (len(sun.tasks), sun.alone, sun.shared, sun.weighted_share) == (1, 0, 1, Fraction(1, 2))
    assert liu.co_leaders == [("孙丽华", 1)]
    # the shares of all leaders add up to the tasks that have a leader
    assert sum(w.weighted_share for w in workloads) == 2


def test_three_co_leaders_share_a_third_each(tmp_path):
    store = invented_store(tmp_path, [task("建设县体育中心。", leaders=["刘建国", "孙丽华", "周志强"])])
    for w in leader_workloads(read_workload_data(store)):
        assert w.weighted_share == Fraction(1, 3)


def test_every_task_leader_is_listed_with_title_evidence_from_the_resolution_graph(tmp_path):
    store = invented_store(
        tmp_path,
        [task("修缮县城北门桥。", leaders=["刘建国"], lead=["县交通运输局"]),
         task("推进种粮大户补贴发放。", leaders=["赵学军"], lead=["县农业农村局"])],
        leaders=[leader_role("县长王明主持", "王明", "mayor", "县长", True),
                 leader_role("县委常委、副县长刘建国", "刘建国", "deputy", "县委常委、副县长", True),
                 leader_role("", "孙丽华", "deputy", None, False)])
    workloads = leader_workloads(read_workload_data(store))
    assert [w.name for w in workloads] == ["王明", "刘建国", "孙丽华", "赵学军"]  # mayor, deputies, then others
    assert [w.title_evidence for w in workloads] == ["printed", "printed", "inferred", "unknown"]
    liu = by_name(workloads, "刘建国")
    assert liu.is_deputy and liu.leadership.title == "县委常委、副县长"
    assert liu.leadership.quotes[0].quote == "县委常委、副县长刘建国"
    assert liu.leadership.quotes[0].doc_no == "2025年第5次常务会议纪要"  # the document that holds the span
    assert not by_name(workloads, "王明").is_deputy


def test_categories_deadlines_and_units_of_a_leader(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", leaders=["刘建国"], lead=["县交通运输局"], coop=["县财政局", "青山镇政府"],
             deadline="2025-06-30", category=["推进城乡融合", "交通"]),
        task("新建城东污水处理厂。", leaders=["刘建国"], lead=["县住建局"], coop=["县财政局"],
             deadline="2025-06-15", category=["推进城乡融合", "环保"]),
        task("举办青山茶文化节。", leaders=["刘建国"], lead=["县文旅局"], deadline="2025-10-31",
             category=["擦亮文化名片"]),
        task("完善应急预案。", leaders=["刘建国"], lead=["县应急管理局"], coop=["县交通运输局"]),
    ])
    liu = by_name(leader_workloads(read_workload_data(store)), "刘建国")
    assert liu.by_category == [("推进城乡融合", 2), ("(none)", 1), ("擦亮文化名片", 1)]
    assert liu.by_month == [("2025-06", 2), ("2025-10", 1)]
    assert liu.without_deadline == 1
    shares = {u.name: (u.as_lead, u.as_coop) for u in liu.units}
    assert shares == {"县交通运输局": (1, 1), "县财政局": (0, 2), "青山镇政府": (0, 1), "县住建局": (1, 0),
                      "县文旅局": (1, 0), "县应急管理局": (1, 0)}
    assert (liu.lead_unit_count, liu.coop_unit_count) == (4, 3)


def test_groups_chaired_and_meetings_attended(tmp_path):
    span = Span.of(INVENTED_TEXT, 0, 4)
    groups = [
        WorkingGroup(doc_no="青政办函〔2025〕3号", name="县城供水管网改造工作专班", member_units=(), evidence=span,
                     members=(GroupMember("刘建国", "组长", "副县长", span), GroupMember("孙丽华", "成员", None, span))),
        WorkingGroup(doc_no="青政办函〔2025〕3号", name="粮食安全联席会议", member_units=(), evidence=span,
                     members=(GroupMember("刘建国", "召集人", "副县长", span),
                              GroupMember("孙丽华", "副召集人", None, span))),
    ]
    meetings = [Meeting(doc_no="青政办函〔2025〕3号", kind="常务会议", number=5, date="2025-01-20", evidence=span,
                        participants=(MeetingParticipant("王明", "chair", None, span),
                                      MeetingParticipant("刘建国", "attendee", None, span),
                                      MeetingParticipant("孙丽华", "observer", "县财政局", span)))]
    store = invented_store(tmp_path, [task("修缮县城北门桥。", leaders=["刘建国", "孙丽华"]),
                                      task("推进粮食生产。", leaders=["王明"])],
                           groups=groups, meetings=meetings)
    workloads = leader_workloads(read_workload_data(store))
    liu, sun, wang = (by_name(workloads, n) for n in ("刘建国", "孙丽华", "王明"))
    assert liu.groups_chaired == [("县城供水管网改造工作专班", "组长"), ("粮食安全联席会议", "召集人")]
    assert sun.groups_chaired == []  # 成员 and 副召集人 do not run a group
    assert (len(liu.meetings_attended), len(wang.meetings_attended), len(sun.meetings_attended)) == (1, 1, 0)


# --- units and hubs ------------------------------------------------------------

def test_bridge_unit_between_two_others_has_full_betweenness(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", leaders=["刘建国"], lead=["县交通运输局"], coop=["县财政局"]),
        task("新建城东污水处理厂。", leaders=["孙丽华"], lead=["县住建局"], coop=["县财政局"]),
        task("完善道路养护制度。", leaders=["刘建国"], lead=["县交通运输局"], coop=["县财政局"]),
    ])
    tasks = read_workload_data(store).tasks
    hubs = {h.name: h for h in coordination_hubs(tasks)}
    finance = hubs["县财政局"]
    assert finance.betweenness == pytest.approx(1.0)  # every path 交通运输局–住建局 runs through it
    assert (finance.degree, finance.weighted_degree) == (2, 3)
    assert hubs["县交通运输局"].betweenness == 0 and hubs["县住建局"].betweenness == 0
    assert coordination_hubs(tasks)[0].name == "县财政局"
    assert (finance.tasks_led, finance.tasks_cooperated) == (0, 3)
    assert finance.leaders == ("刘建国", "孙丽华") and finance.is_bridge
    assert [h.name for h in portfolio_bridges(list(hubs.values()))] == ["县财政局"]


def test_unit_graph_weights_count_shared_tasks(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", lead=["县交通运输局"], coop=["县财政局", "青山镇政府"]),
        task("完善道路养护制度。", lead=["县交通运输局"], coop=["县财政局"]),
        task("编制县志。", lead=["县档案馆"]),
    ])
    graph = unit_coordination_graph(read_workload_data(store).tasks)
    label = dict(graph.nodes(data="label"))
    edges = {frozenset((label[a], label[b])): d["weight"] for a, b, d in graph.edges(data=True)}
    assert edges == {frozenset(("县交通运输局", "县财政局")): 2, frozenset(("县交通运输局", "青山镇政府")): 1,
                     frozenset(("县财政局", "青山镇政府")): 1}
    assert "县档案馆" in label.values()  # a unit that works alone is a node of degree 0


def test_collectives_are_kept_out_of_the_hub_ranking_unless_asked(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", lead=["县交通运输局"], coop=["县直相关单位", "县财政局"]),
        task("新建城东污水处理厂。", lead=["县住建局"], coop=["县直相关单位"]),
        task("举办青山茶文化节。", lead=["县文旅局"], coop=["县直相关单位"]),
    ], collectives=["县直相关单位"])
    tasks = read_workload_data(store).tasks
    default = coordination_hubs(tasks)
    assert "县直相关单位" not in [h.name for h in default]
    assert all(not h.collective for h in default)
    with_collectives = coordination_hubs(tasks, include_collectives=True)
    top = with_collectives[0]
    assert (top.name, top.collective, top.degree) == ("县直相关单位", True, 4)
    units = {u.name: u for u in unit_workloads(read_workload_data(store))}
    assert units["县直相关单位"].collective and (units["县直相关单位"].tasks_cooperated == 3)


def test_communities_split_two_clusters_and_are_stable(tmp_path):
    north = ["县交通运输局", "县住建局", "县自然资源局"]
    south = ["县教育局", "县卫健局", "县医保局"]
    tasks = [task(f"北部任务{i}。", lead=[a], coop=[b]) for i, (a, b) in
             enumerate([(north[0], north[1]), (north[1], north[2]), (north[0], north[2])] * 2)]
    tasks += [task(f"南部任务{i}。", lead=[a], coop=[b]) for i, (a, b) in
              enumerate([(south[0], south[1]), (south[1], south[2]), (south[0], south[2])] * 2)]
    tasks.append(task("跨片任务。", lead=[north[0]], coop=[south[0]]))
    store = invented_store(tmp_path, tasks)
    graph = unit_coordination_graph(read_workload_data(store).tasks)
    label = dict(graph.nodes(data="label"))
    found = [sorted(label[i] for i in members) for members in communities(graph)]
    assert sorted(found) == sorted([sorted(north), sorted(south)])
    assert communities(graph) == communities(graph)
    hubs = {h.name: h.community for h in coordination_hubs(read_workload_data(store).tasks)}
    assert len({hubs[n] for n in north}) == 1 and hubs[north[0]] != hubs[south[0]]


def test_co_leadership_and_leader_task_unit_graphs(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", leaders=["刘建国", "孙丽华"], lead=["县交通运输局"], coop=["县财政局"]),
        task("完善道路养护制度。", leaders=["刘建国", "孙丽华"], lead=["县交通运输局"]),
        task("推进粮食生产。", leaders=["周志强"], lead=["县农业农村局"]),
    ])
    tasks = read_workload_data(store).tasks
    co = co_leadership_graph(tasks)
    label = dict(co.nodes(data="label"))
    assert {frozenset((label[a], label[b])): d["weight"] for a, b, d in co.edges(data=True)} == \
        {frozenset(("刘建国", "孙丽华")): 2}
    assert "周志强" in label.values()
    ltu = leader_task_unit_graph(tasks)
    kinds = [k for _, k in ltu.nodes(data="kind")]
    assert (kinds.count("leader"), kinds.count("task"), kinds.count("unit")) == (3, 3, 3)
    roles = sorted(d["role"] for _, _, d in ltu.edges(data=True))
    assert roles == ["coop"] + ["lead"] * 8  # 5 leader-task + 3 task-lead-unit, 1 cooperating


def test_unit_workloads_count_led_cooperated_and_leaders(tmp_path):
    store = invented_store(tmp_path, [
        task("修缮县城北门桥。", leaders=["刘建国"], lead=["县交通运输局"], coop=["县财政局"]),
        task("新建城东污水处理厂。", leaders=["孙丽华"], lead=["县财政局"]),
    ])
    units = {u.name: u for u in unit_workloads(read_workload_data(store))}
    assert (units["县财政局"].tasks_led, units["县财政局"].tasks_cooperated) == (1, 1)
    assert units["县财政局"].leaders == ("刘建国", "孙丽华")
    assert units["县交通运输局"].leaders == ("刘建国",)


def test_empty_graph_gives_empty_measures(tmp_path):
    store = invented_store(tmp_path, [])
    data = read_workload_data(store)
    assert data.tasks == [] and leader_workloads(data) == [] and coordination_hubs(data.tasks) == []


# --- the seed gazette against its gold ------------------------------------------

def _gold_lead_counts() -> dict[str, int]:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for t in gold["tasks"]:
        for value in set(t["lead_leaders"]):
            for name in set(value.split("|")):  # "叶罡|叶罂": a task of 叶罡 under either spelling
                counts[name] = counts.get(name, 0) + 1
    return counts


def test_seed_deputy_mayors_lead_as_many_tasks_as_the_gold_says(seed_store):
    workloads = leader_workloads(read_workload_data(seed_store))
    deputies = [w for w in workloads if w.is_deputy]
    assert deputies, "the seed graph names no deputy mayor (gz:LeadershipRole deputy/executive-deputy)"
    gold = _gold_lead_counts()
    for w in deputies:
        rows = seed_store.select(f"""
            SELECT (COUNT(DISTINCT ?task) AS ?n) WHERE {{
              ?task a gz:Task ; gz:hasAssignment ?a . ?a gz:role gz:LeadLeader ; gz:agent <{w.iri}> }}""")
        assert len(w.tasks) == rows[0]["n"], f"{w.name}: workload and SPARQL COUNT disagree"
        assert len(w.tasks) == gold.get(w.name, 0), f"{w.name}: {len(w.tasks)} tasks led, gold {gold.get(w.name, 0)}"
