"""The resolve stage: cast, layout spaces, misprints, homonyms, units, overrides, leaders.

Each rule is tested on a small invented gazette of 青山县 (people and units made up);
the last tests run the seed gazette through the whole extract + resolve path.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.registry import ExtractedFacts, extract_gazette
from kg.ingest import read_source, source_from_string, split_documents
from kg.model import Meeting, MeetingParticipant, PersonnelChange, Span, TaskAssignment, TitleMention
from kg.resolve import resolve_gazette
from kg.resolve.overrides import OverrideError, load_overrides
from kg.resolve.people import split_names
from kg.resolve.report import format_resolve_report
from kg.resolve.units import CountyNames, UnitResolver

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"

DOC = "青政发〔2025〕1号"


class Invented:
    """An invented plan of 青山县 whose lines become hand-made facts with exact evidence."""

    def __init__(self, lines: list[str], minutes: list[str] | None = None):
        body = "\n\n".join(lines)
        text = (f"{DOC}\n\n青山县人民政府关于印发《青山县2025年重点工作方案》的通知\n\n各乡镇人民政府，县直各单位：\n\n"
                f"{body}\n\n青山县人民政府\n\n2025年3月4日\n")
        if minutes:
            text += ("\n2025年第7次常务会议纪要\n\n青山县人民政府办公室\n\n2025年3月12日\n\n"
                     "2025年3月10日，县长周平主持召开青山县第5届人民政府第7次常务会议。\n\n" + "\n\n".join(minutes) + "\n")
        self.gazette = split_documents(source_from_string(text))
        self.text = self.gazette.source.text
        self.facts = ExtractedFacts()
        self._cursor: dict[str, int] = {}

    def span(self, needle: str) -> Span:
        """The next occurrence of a line (a line named again, e.g. for each person on it, keeps its span)."""
        start = self.text.find(needle, self._cursor.get(needle, 0))
        if start < 0:
            start = self.text.rindex(needle)
        self._cursor[needle] = start + 1
        return Span.of(self.text, start, start + len(needle))

    def task(self, line: str, leaders=(), responsible=(), lead_units=(), coop_units=(), doc=DOC):
        self.facts.tasks.append(TaskAssignment(
            doc_no=doc, ref=None, text=line, lead_leaders=tuple(leaders), lead_units=tuple(lead_units),
            coop_units=tuple(coop_units), responsible=tuple(responsible), deadline=None, evidence=self.span(line)))

    def title(self, line: str, person: str, title: str, context: str, doc=DOC):
        self.facts.titles.append(TitleMention(doc, person, title, context, self.span(line)))

    def change(self, line: str, person: str, action: str, post: str, doc=DOC):
        self.facts.personnel.append(PersonnelChange(doc, person, action, post, "2025-03-04", False, False, self.span(line)))

    def meeting(self, participants: list[tuple[str, str, str | None]]):
        doc = self.gazette.documents[-1]
        parts = tuple(MeetingParticipant(person, role, unit, self.span(person)) for person, role, unit in participants)
        self.facts.meetings.append(Meeting(doc.doc_no, "常务会议", 7, "2025-03-10", parts, doc.span))

    def resolve(self, overrides=None):
        resolved = resolve_gazette(self.gazette, self.facts, overrides)
        for d in resolved.decisions:
            for s in d.evidence:
                assert self.text[s.start:s.end] == s.text
        return resolved


def decisions(resolved, kind="person", status=None, rule=None):
    return [d for d in resolved.decisions if d.kind == kind and (status is None or d.status == status)
            and (rule is None or d.rule == rule)]


# --- people -------------------------------------------------------------------

def test_layout_spaces_are_split_with_the_cast():
    g = Invented(["出席：王明、李四、欧阳华", "招商引资 王 明 李 四 欧阳 华 县商务局"])
    for name in ("王明", "李四", "欧阳华"):
        g.title("出席：王明、李四、欧阳华", name, "", "出席")
    g.task("招商引资 王 明 李 四 欧阳 华 县商务局", leaders=["王 明 李 四 欧阳 华"], lead_units=["县商务局"])
    resolved = g.resolve()
    assert resolved.facts.tasks[0].lead_leaders == ("王明", "李四", "欧阳华")
    assert any(a.written == "王 明 李 四 欧阳 华" and a.rule == "layout-space" for a in resolved.persons["王明"].aliases)
    assert decisions(resolved, rule="layout-space")


def test_unknown_spaced_names_fall_back_on_name_shapes():
    g = Invented(["项目推进 孙 一 钱 二", "项目调度 杨 光 向东升", "项目建设 向 东升"])
    g.task("项目推进 孙 一 钱 二", responsible=["孙 一 钱 二"])
    g.task("项目调度 杨 光 向东升", responsible=["杨 光 向东升"])
    g.task("项目建设 向 东升", responsible=["向 东升"])  # a lone character joins its neighbour
    facts = g.resolve().facts
    assert [t.responsible for t in facts.tasks] == [("孙一", "钱二"), ("杨光", "向东升"), ("向东升",)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("王李张刘陈明华强伟芳军欧阳各镇长办主任")), min_size=1, max_size=4),
                min_size=1, max_size=6),
       st.sets(st.sampled_from(["王明", "李华", "欧阳强", "张伟", "陈芳"])))
def test_splitting_never_loses_or_invents_characters(tokens, cast_names):
    from collections import Counter
    written = " ".join(tokens)
    names = split_names(written, Counter(cast_names))
    assert "".join(names) == written.replace(" ", "")
    assert all(names)


def test_rare_misprint_beside_the_same_companions_is_merged_with_evidence():
    lines = [f"第{i}项任务 陈立新 王明 李四" for i in range(1, 5)] + ["第5项任务 陈立欣 王明 李四"]
    g = Invented(lines)
    for line in lines:
        g.task(line, leaders=line.split()[1:])
    resolved = g.resolve()
    assert resolved.facts.tasks[-1].lead_leaders == ("陈立新", "王明", "李四")
    assert "陈立欣" not in resolved.persons
    assert [a.written for a in resolved.persons["陈立新"].aliases if a.rule == "misprint"] == ["陈立欣"]
    (merge,) = decisions(resolved, status="merged", rule="misprint")
    assert (merge.variant, merge.canonical) == ("陈立欣", "陈立新")
    assert [s.text for s in merge.evidence] == ["第5项任务 陈立欣 王明 李四", "第1项任务 陈立新 王明 李四"]  # both evidences


def test_one_shared_companion_or_a_careful_print_is_not_enough_for_a_misprint():
    lines = [f"第{i}项 李强 王明" for i in range(1, 5)] + ["第5项 李刚 王明"]
    g = Invented(lines)
    for line in lines:
        g.task(line, leaders=line.split()[1:])
    resolved = g.resolve()
    assert "李刚" in resolved.persons and not decisions(resolved, status="merged", rule="misprint")

    lines = [f"第{i}项 李强 王明 赵刚" for i in range(1, 5)] + ["第5项 李刚 王明 赵刚", "出席：李刚、王明"]
    g = Invented(lines)
    for line in lines[:5]:
        g.task(line, leaders=line.split()[1:])
    g.title("出席：李刚、王明", "李刚", "", "出席")
    resolved = g.resolve()
    assert "李刚" in resolved.persons and not decisions(resolved, status="merged", rule="misprint")
    g.facts.titles.clear()
    assert "李刚" not in g.resolve().persons  # the same lists without the attendance line: a misprint


def test_tie_goes_to_the_form_printed_in_prose():
    g = Invented(["主管领导：叶明、何飞、冯川", "税收\t叶 朋 何飞 冯川", "附加\t叶 朋 何飞 冯川", "非税\t叶 明 何飞 冯川"])
    g.task("主管领导：叶明、何飞、冯川", leaders=["叶明", "何飞", "冯川"])
    for line, leaders in (("税收\t叶 朋 何飞 冯川", "叶 朋 何飞 冯川"), ("附加\t叶 朋 何飞 冯川", "叶 朋 何飞 冯川"),
                          ("非税\t叶 明 何飞 冯川", "叶 明 何飞 冯川")):
        g.task(line, leaders=[leaders])
    resolved = g.resolve()
    assert {n for t in resolved.facts.tasks for n in t.lead_leaders} == {"叶明", "何飞", "冯川"}


@pytest.mark.parametrize("known, variant, known_times, variant_times", [
    ("许强", "许磊", 3, 3),  # both well attested
    ("周雄伟", "周雄", 4, 1),  # different length
    ("周灿", "胡灿", 4, 1),  # different surname
])
def test_names_one_character_apart_that_must_not_merge(known, variant, known_times, variant_times):
    lines = [f"第{i}项 {known} 王明 李四" for i in range(known_times)] + [f"第{i}项 {variant} 王明 李四" for i in range(10, 10 + variant_times)]
    g = Invented(lines)
    for line in lines:
        g.task(line, leaders=line.split()[1:])
    resolved = g.resolve()
    assert known in resolved.persons and variant in resolved.persons
    assert not decisions(resolved, status="merged", rule="misprint")


def test_rare_names_in_other_roles_or_side_by_side_stay_apart():
    g = Invented(["许石同志任县土地储备中心主任", "副召集人：许强 县应急管理局局长", "副召集人：许强 县应急管理局局长 ",
                  "第1项 李明 李朋 王明 赵刚", "第2项 李明 王明 赵刚", "第3项 李明 王明 赵刚"])
    g.change("许石同志任县土地储备中心主任", "许石", "appoint", "县土地储备中心主任")
    g.title("副召集人：许强 县应急管理局局长", "许强", "县应急管理局局长", "副召集人")
    g.title("副召集人：许强 县应急管理局局长 ", "许强", "县应急管理局局长", "副召集人")
    for line in ("第1项 李明 李朋 王明 赵刚", "第2项 李明 王明 赵刚", "第3项 李明 王明 赵刚"):
        g.task(line, leaders=line.split()[1:])
    resolved = g.resolve()
    assert {"许石", "许强", "李明", "李朋"} <= set(resolved.persons)
    assert not decisions(resolved, rule="misprint")


def test_homonym_in_different_roles_is_flagged_not_merged_blindly():
    g = Invented(["周雄同志任县产业园事务中心主任"], minutes=["列 席：石门镇周雄，财政局钱多"])
    g.change("周雄同志任县产业园事务中心主任", "周雄", "appoint", "县产业园事务中心主任")
    g.meeting([("周雄", "observer", "石门镇"), ("钱多", "observer", "财政局")])
    resolved = g.resolve()
    assert "周雄" in resolved.persons and "周雄~2" not in resolved.persons  # one node kept …
    (flag,) = decisions(resolved, status="doubtful", rule="homonym")  # … and flagged with both evidences
    assert flag.canonical == "周雄" and len(flag.evidence) == 2


def test_two_people_of_one_name_in_one_list_get_two_keys():
    g = Invented(["县重点工作"], minutes=["列 席：石门镇王刚，财政局王刚"])
    g.meeting([("王刚", "observer", "石门镇"), ("王刚", "observer", "财政局")])
    resolved = g.resolve()
    people = [p.person for p in resolved.facts.meetings[0].participants]
    assert sorted(people) == ["王刚", "王刚~2"]
    assert resolved.persons["王刚~2"].name == "王刚"


def test_person_changes_between_units_in_one_notice_are_no_homonym():
    g = Invented(["孙丽同志任县住建局副局长，免去其县住建事务中心主任职务"])
    for action, post in (("appoint", "县住建局副局长"), ("remove", "县住建事务中心主任")):
        g.change("孙丽同志任县住建局副局长，免去其县住建事务中心主任职务", "孙丽", action, post)
    assert not decisions(g.resolve(), rule="homonym")


# --- units --------------------------------------------------------------------

def unit_keys(written_counts: dict[str, int], issuers=("青山县人民政府",)) -> dict[str, str]:
    text = "\n".join(w for w, n in written_counts.items() for _ in range(n))
    resolver = UnitResolver(CountyNames.learn(list(issuers)), text)
    for written, n in written_counts.items():
        for _ in range(n):
            resolver.see(written)
    resolution = resolver.resolve()
    return {w: e.key for w, e in resolution.units.items()}, resolution


def one_key(keys, *forms):
    return len({keys[f] for f in forms}) == 1


def test_units_prefix_and_learned_county_name():
    keys, _ = unit_keys({"县财政局": 3, "财政局": 2, "青山县财政局": 1, "青山高新区": 1, "高新区": 4, "高新区管委会": 2})
    assert one_key(keys, "县财政局", "财政局", "青山县财政局") and keys["财政局"] == "财政局"
    assert one_key(keys, "青山高新区", "高新区", "高新区管委会")
    assert not one_key(keys, "财政局", "高新区")


def test_units_short_and_long_forms_and_suffix_classes():
    keys, _ = unit_keys({"县市场监管局": 9, "县市场监督管理局": 2, "县市场监督局": 1, "县国资中心": 5, "国资服务中心": 3,
                         "卫健委": 6, "县卫健局": 2, "发改局": 8, "县发改委": 1, "民政部门": 1, "县民政局": 4,
                         "县人民政府办公室": 1, "县政府办": 5})
    assert one_key(keys, "县市场监管局", "县市场监督管理局", "县市场监督局")
    assert keys["县市场监管局"] == "市场监管局"  # readable, without the 县 prefix
    assert one_key(keys, "县国资中心", "国资服务中心")
    assert one_key(keys, "卫健委", "县卫健局")
    assert one_key(keys, "发改局", "县发改委")
    assert one_key(keys, "民政部门", "县民政局")
    assert one_key(keys, "县人民政府办公室", "县政府办")
    assert not one_key(keys, "卫健委", "发改局")


def test_units_misprints_need_a_rare_variant():
    keys, resolution = unit_keys({"青禾晟光集团": 6, "青禾晨光集团": 1, "县贸促会": 5, "县促贸会": 1,
                                  "县文广旅体局": 7, "县文广旅局": 1, "石门镇政府": 4, "石门政府": 1,
                                  "县人民医院": 3, "县人民法院": 5})
    assert one_key(keys, "青禾晟光集团", "青禾晨光集团") and keys["青禾晨光集团"] == "青禾晟光集团"
    assert one_key(keys, "县贸促会", "县促贸会") and keys["县促贸会"] == "贸促会"
    assert one_key(keys, "县文广旅体局", "县文广旅局")
    assert one_key(keys, "石门镇政府", "石门政府")
    assert not one_key(keys, "县人民医院", "县人民法院")  # both well attested: two units
    rules = {d.variant: d.rule for d in resolution.decisions if d.status == "merged"}
    assert rules["青禾晨光集团"].startswith("misprint") and rules["县促贸会"] == "misprint-transpose"


def test_units_parents_and_second_names():
    keys, resolution = unit_keys({"云州市生态环境局青山分局": 5, "生态环境分局": 3, "县公安局": 6, "县公安局经侦大队": 1,
                                  "经侦大队": 1, "县政府办（金融办）": 1, "金融办": 1, "县政府办": 6,
                                  "县交通运输局石门镇政府": 1, "石门镇政府": 3, "县交通运输局": 5})
    assert one_key(keys, "云州市生态环境局青山分局", "生态环境分局")
    assert one_key(keys, "县公安局经侦大队", "经侦大队") and not one_key(keys, "县公安局", "经侦大队")
    assert one_key(keys, "县政府办（金融办）", "金融办", "县政府办")
    assert not one_key(keys, "县交通运输局石门镇政府", "石门镇政府")  # a list run together is no sub-unit
    entities = resolution.units
    assert entities["生态环境分局"].parent == "云州市生态环境局"
    assert entities["经侦大队"].parent == "公安局"
    assert any(a.written == "金融办" for a in entities["县政府办"].aliases)


def test_collectives_are_typed_and_never_merged_with_units():
    keys, resolution = unit_keys({"各镇政府": 5, "各镇": 2, "县直相关单位": 4, "街道办": 3, "各街道办事处": 1,
                                  "相关镇政府": 2, "石门镇政府": 3, "县财政局": 4})
    units = resolution.units
    for collective in ("各镇政府", "各镇", "县直相关单位", "街道办", "各街道办事处", "相关镇政府"):
        assert units[collective].is_collective
    assert not units["石门镇政府"].is_collective and not units["县财政局"].is_collective
    assert one_key(keys, "各镇政府", "各镇") and one_key(keys, "街道办", "各街道办事处")
    assert not one_key(keys, "各镇政府", "相关镇政府") and not one_key(keys, "相关镇政府", "石门镇政府")


def test_units_in_the_resolved_gazette_map_every_written_form():
    g = Invented(["一、招商 县发改局牵头，县卫健局、发改委配合", "二、安全 县应急管理局牵头，各镇政府配合"])
    g.task("一、招商 县发改局牵头，县卫健局、发改委配合", lead_units=["县发改局"], coop_units=["县卫健局", "发改委"])
    g.task("二、安全 县应急管理局牵头，各镇政府配合", lead_units=["县应急管理局"], coop_units=["各镇政府"])
    resolved = g.resolve()
    assert resolved.unit_of("县发改局") is resolved.unit_of("发改委")
    assert resolved.unit_of("各镇政府").is_collective
    assert resolved.unit_of("青山县人民政府").key == "人民政府"  # the issuer is a unit too
    assert resolved.facts.tasks[0].coop_units == ("县卫健局", "发改委")  # unit fields keep the written form


# --- overrides ----------------------------------------------------------------

def test_override_file_forces_and_forbids_merges(tmp_path):
    lines = [f"第{i}项任务 陈立新 王明 李四 县文体局" for i in range(1, 5)] + ["第5项任务 陈立欣 王明 李四 县体育局"]
    g = Invented(lines)
    for line in lines:
        parts = line.split()
        g.task(line, leaders=parts[1:4], lead_units=parts[4:])
    path = tmp_path / "resolve.toml"
    path.write_text('[[person.keep_apart]]\nnames = ["陈立新", "陈立欣"]\nnote = "two people, checked"\n\n'
                    '[[unit.merge]]\ncanonical = "县文体局"\nvariants = ["县体育局"]\n', encoding="utf-8")
    resolved = g.resolve(load_overrides(path))
    assert "陈立欣" in resolved.persons  # forbidden: not merged
    assert decisions(resolved, status="forbidden")[0].note == "two people, checked"
    assert resolved.unit_of("县体育局") is resolved.unit_of("县文体局")
    assert decisions(resolved, kind="unit", status="forced")
    assert "陈立欣" not in g.resolve(None).persons  # without the file the rule merges them


def test_override_homonym_and_forced_person_merge():
    g = Invented(["第1项 王明 李四", "第2项 王明 赵刚"])
    g.task("第1项 王明 李四", leaders=["王明", "李四"], doc=DOC)
    g.task("第2项 王明 赵刚", leaders=["王明", "赵刚"], doc=DOC)
    resolved = g.resolve({"person": {"merge": [{"canonical": "李四", "variants": ["赵刚"], "note": "same man"}]}})
    assert resolved.facts.tasks[1].lead_leaders == ("王明", "李四")
    resolved = g.resolve({"person": {"homonym": [{"name": "王明", "documents": [DOC]}]}})
    assert resolved.facts.tasks[0].lead_leaders[0] == "王明~2"


def test_bad_override_file_is_reported(tmp_path):
    path = tmp_path / "resolve.toml"
    path.write_text("[[person.merge]]\nvariants = [\"甲\"]\n", encoding="utf-8")
    with pytest.raises(OverrideError, match="canonical"):
        load_overrides(path)
    path.write_text("[[person.merge\n", encoding="utf-8")
    with pytest.raises(OverrideError, match="resolve.toml"):
        load_overrides(path)


# --- leaders and the report -----------------------------------------------------

def test_leaders_printed_and_inferred():
    g = Invented(["总召集人：王明 县委常委、常务副县长", "第1项 陈立新 县发改局"],
                 minutes=["出 席：周平、王明、陈立新、刘芳"])
    g.title("总召集人：王明 县委常委、常务副县长", "王明", "县委常委、常务副县长", "总召集人")
    g.task("第1项 陈立新 县发改局", leaders=["陈立新"], lead_units=["县发改局"])
    minutes = g.gazette.documents[-1].doc_no
    g.title("县长周平主持", "周平", "县长", "主持", doc=minutes)
    for name in ("周平", "王明", "陈立新", "刘芳"):
        g.title("出 席：周平、王明、陈立新、刘芳", name, "", "出席", doc=minutes)
    leaders = {l.person: l for l in g.resolve().leaders}
    assert (leaders["周平"].role, leaders["周平"].printed) == ("mayor", True)
    assert (leaders["王明"].role, leaders["王明"].title) == ("executive-deputy", "县委常委、常务副县长")
    assert (leaders["陈立新"].role, leaders["陈立新"].printed) == ("deputy", False)  # 出席 + leads a task
    assert leaders["刘芳"].role == "other-leader"
    assert all(l.evidence for l in leaders.values())


def test_report_lists_every_merge_with_evidence():
    lines = [f"第{i}项任务 陈立新 王明 李四 县卫健委" for i in range(1, 5)] + ["第5项任务 陈立欣 王明 李四 县卫健局"]
    g = Invented(lines)
    for line in lines:
        parts = line.split()
        g.task(line, leaders=parts[1:4], lead_units=parts[4:])
    resolved = g.resolve()
    report = format_resolve_report(resolved)
    merged = [d for d in resolved.decisions if d.status == "merged" and d.rule != "layout-space"]
    assert merged
    for d in merged:
        assert f"{d.variant} -> {d.canonical}" in report
    assert "陈立欣 -> 陈立新" in report and "县卫健局 -> 县卫健委" in report
    assert report.count("evidence:") >= 2 * len(merged)


# --- the seed gazette ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_resolved():
    gazette = split_documents(read_source(SEED))
    return resolve_gazette(gazette, extract_gazette(gazette))


def test_seed_units_written_several_ways_end_as_one_key(seed_resolved):
    by_form: dict[str, set] = {}
    for written, entity in seed_resolved.units.items():
        by_form.setdefault(written.replace(" ", "").removeprefix("市"), set()).add(entity.key)
    groups = [("市场监管局", "市场监督局"), ("国资中心", "国资服务中心"), ("卫健委", "卫健局"), ("发改局", "发改委"),
              ("贸促会", "促贸会"), ("文旅广电局", "文旅广局"), ("岳阳市生态环境局汨罗分局", "生态环境分局"),
              ("政府办（金融办）", "政府办"), ("楚之晟集团", "楚之晨集团"), ("屈子祠镇", "屈子祠政府")]
    for forms in groups:
        keys = set().union(*(by_form[f] for f in forms))
        assert len(keys) == 1, (forms, keys)


def test_seed_gold_unit_alternatives_resolve_together():
    """The unit spellings that the gold lists as alternatives of one unit get one key."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    written = [u for t in gold["tasks"] for u in t["lead_units"] + t["coop_units"]]
    written += [u for g in gold["groups"] for u in g["member_units"]] + [t["subject"] for t in gold["targets"]]
    written += [o["unit"] for m in gold["meetings"] for o in m["observers"] if o.get("unit")]
    for u in written:
        for alt in u.split("|"):
            counts[alt] = counts.get(alt, 0) + 1
    issuers = [d["issuer"] for d in gold["documents"]]
    resolver = UnitResolver(CountyNames.learn(issuers), SEED.read_text(encoding="utf-8"))
    for written, n in counts.items():
        for _ in range(n):
            resolver.see(written)
    keys = {w: e.key for w, e in resolver.resolve().units.items()}
    for pair in (("楚之晟集团", "楚之晨集团"), ("市文旅广电局", "市文旅广局"), ("市贸促会", "市促贸会"),
                 ("市场监管局", "市市场监管局", "市市场监督局"), ("民政部门", "市民政局"), ("卫健", "市卫健委"),
                 ("产发公司", "汨罗市产业发展有限责任公司"), ("市政府办（金融办）", "市政府办")):
        assert len({keys[f] for f in pair}) == 1, pair
    assert keys["市人民法院"] != keys["市人民医院"]


def test_seed_people(seed_resolved):
    persons = seed_resolved.persons
    merged = {(d.variant, d.canonical) for d in seed_resolved.decisions if d.rule == "misprint" and d.status == "merged"}
    assert ("叶罂", "叶罡") in merged and ("倪亚求", "倪亚球") in merged
    for name in ("周雄", "周雄伟", "许强", "许磊", "许石", "许达", "胡灿", "周灿", "龚正伟", "龚智峰"):
        assert name in persons, name  # never merged into a neighbour
    assert any(d.rule == "homonym" and d.canonical == "周雄" for d in seed_resolved.decisions)
    leaders = {l.person: l.role for l in seed_resolved.leaders}
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    chair = gold["meetings"][0]["chair"]
    assert leaders[chair] == "mayor"
    assert list(leaders.values()).count("executive-deputy") == 1
    report = format_resolve_report(seed_resolved)
    assert "叶罂 -> 叶罡" in report and "楚之晨集团 -> 楚之晟集团" in report


@pytest.mark.parametrize("written, expected", [
    ("卞 红梅 檀家栋", ["卞红梅", "檀家栋"]),  # surnames of the 百家姓 beyond the commonest
    ("鍾 磊 宓雪晴", ["鍾磊", "宓雪晴"]),  # a traditional surname form in a simplified text
    ("欧阳 华 司马 光明", ["欧阳华", "司马光明"]),
])
def test_spaced_runs_split_by_surnames_without_a_cast(written, expected):
    from collections import Counter
    assert split_names(written, Counter()) == expected


def test_rare_surnames_named_by_a_notice_join_the_cast():
    # 仉 and 宦 are in no surname list; a personnel notice names them one at a time, so a spaced
    # run in a task table is split along them
    g = Invented(["任命仉崇岳为县水利局局长", "免去宦 志鹏的县林业局副局长职务", "出席：王明",
                  "水利建设 仉 崇岳 王 明 宦 志鹏 县水利局"])
    g.change("任命仉崇岳为县水利局局长", "仉崇岳", "appoint", "县水利局局长")
    g.change("免去宦 志鹏的县林业局副局长职务", "宦 志鹏", "remove", "县林业局副局长")
    g.title("出席：王明", "王明", "", "出席")
    g.task("水利建设 仉 崇岳 王 明 宦 志鹏 县水利局", leaders=["仉 崇岳 王 明 宦 志鹏"], lead_units=["县水利局"])
    facts = g.resolve().facts
    assert facts.tasks[0].lead_leaders == ("仉崇岳", "王明", "宦志鹏")
    assert [p.person for p in facts.personnel] == ["仉崇岳", "宦志鹏"]


def test_a_name_beside_a_long_unit_word_never_breaks_the_split():
    from collections import Counter

    from kg.resolve.people import split_names

    cast = Counter({"王明": 3})
    assert split_names("王明　青山工业园管委会", cast)[0] == "王明"
    assert split_names("青山工业园管委会", cast) == ["青山工业园管委会"]
