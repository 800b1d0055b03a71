"""Amounts a unit or group must reach -> Target facts."""
from __future__ import annotations

import json

import pytest

from kg.evaluate import score_facts
from kg.extract.registry import load_extractors
from kg.extract.targets import extract_targets
from kg.ingest import read_source, split_documents

from tests.conftest import SEED, SEED_GOLD, one_document


def triples(targets):
    return [(t.subject.replace(" ", ""), t.amount, t.unit) for t in targets]


HEAD = """{doc_no}

{issuer}关于印发《{title}》的通知

各乡镇人民政府，县直各单位：

现将《{title}》印发给你们，请遵照执行。

{issuer}
2025年3月4日

"""

FUNDING = HEAD.format(doc_no="青政发〔2025〕6号", issuer="青山县人民政府", title="青山县2025年争资争项工作方案") + """一、工作目标
2025年，全县争资争项总目标5.2亿元，各乡镇目标均为300万元。

附件：青山县2025年争资争项工作目标

青山县2025年争资争项工作目标
单位：万元

序号\t单位\t2025年目标\t\t\t备注
\t\t小计\t因素法分配资金\t向上争取资金\t
全县合计\t\t52000\t\t\t
一、\t县直单位\t49000\t20000\t29000\t
1\t发改局\t8000\t\t8000\t
2\t卫健委\t6100\t5200\t900\t
二、\t10 个乡镇\t3000\t\t\t10 个乡镇 目标均为 300 万元
"""


def test_funding_table_per_unit_with_totals_and_each():
    _, doc = one_document(FUNDING)
    got = triples(extract_targets(doc))
    assert ("全县合计", 52000.0, "万元") in got
    assert ("县直单位", 49000.0, "万元") in got
    assert ("县直单位", 20000.0, "万元") in got
    assert ("发改局", 8000.0, "万元") in got
    assert ("卫健委", 5200.0, "万元") in got and ("卫健委", 900.0, "万元") in got
    assert ("10个乡镇", 3000.0, "万元") in got
    assert ("各乡镇", 300.0, "万元") in got  # "目标均为 300 万元": each of them
    assert len(got) == 11  # the prose restating the table adds nothing


def test_target_evidence_is_the_row():
    text, doc = one_document(FUNDING)
    for target in extract_targets(doc):
        span = target.evidence
        assert text[span.start:span.end] == span.text
        assert str(int(target.amount)) in span.text.replace(" ", "")


INCOME = HEAD.format(doc_no="青政发〔2025〕2号", issuer="青山县人民政府", title="青山县2025年财源建设工作方案") + """附件1

全县2025年一般公共预算收入目标分解表

单位：万元

工作组\t一般公共预算地方收入\t\t\t主管领导\t责任单位
\t2024年完成情况\t2025年目标\t目标增幅\t\t
县本级财税收入\t40100\t42000\t4.74%\t王 明\t县税务局
财政非税收入\t17500\t18000\t2.86%\t王 明\t县财政局
合计\t57600\t60000\t4.17%\t\t

附件2

全县2025年地方财力收入目标分解表

单位：万元

序号\t工作组\t收入项目\t目标\t主管领导\t责任人\t责任单位
1\t税收收入工作组\t税收收入地方财力\t52000\t王 明\t张 华\t县税务局
\t\t非税收入\t18000\t王 明\t赵 青\t县财政局
2\t土地收入工作组\t土地出让收入\t30000\t孙 倩\t陈 刚\t县自然资源局
\t合 计\t\t100000\t\t\t
"""


def test_income_tables_only_this_years_goals():
    _, doc = one_document(INCOME)
    targets = extract_targets(doc)
    got = triples(targets)
    assert got == [
        ("县本级财税收入", 42000.0, "万元"), ("财政非税收入", 18000.0, "万元"), ("合计", 60000.0, "万元"),
        ("税收收入工作组", 52000.0, "万元"), ("税收收入工作组", 18000.0, "万元"),
        ("土地收入工作组", 30000.0, "万元"), ("合计", 100000.0, "万元"),
    ]  # no 2024年完成情况, no 目标增幅
    assert targets[0].item == "一般公共预算地方收入"
    assert targets[4].item == "非税收入"


PROSE = HEAD.format(doc_no="云政发〔2025〕1号", issuer="云溪市人民政府", title="云溪市2025年财源建设工作方案") + """三、责任分解
1.地方财政收入工作组
目标：全年实现一般公共预算地方收入 98000 万元，其中税务部门完成 70000 万元。
主管领导：周海涛
2.土地资源收入工作组
目标：土地出让实现收入 45000 万元。
主管领导：陈晓
"""


def test_prose_goals_under_group_headings():
    _, doc = one_document(PROSE)
    targets = extract_targets(doc)
    assert triples(targets) == [("地方财政收入工作组", 98000.0, "万元"), ("土地资源收入工作组", 45000.0, "万元")]
    assert targets[0].item == "一般公共预算地方收入"
    assert targets[0].evidence.text.endswith("98000 万元")


def test_no_targets_in_a_task_list_or_a_results_table():
    text = HEAD.format(doc_no="青政办函〔2025〕12号", issuer="青山县人民政府办公室", title="2025年县政府重点工作任务分解") + (
        "序号\t目标任务\t牵头领导\t牵头单位\n"
        "1\t地区生产总值增长6%左右。\t王明\t发改局\n"
        "2\t新建公共停车位 500 个。\t李志强\t城管局\n"
        "\n附件2\n\n2024年收入完成情况表\n\n序号\t单位\t2024年完成数\t同比增长\n1\t财政局\t3000\t5%\n2\t税务局\t4000\t6%\n")
    _, doc = one_document(text)
    assert extract_targets(doc) == []


# A plan whose annex is a two-column table: townships and their goal in 亩 (the unit
# of measure in the heading), one township printed with layout spaces, a 合计 row.
TOWNSHIP_GOALS = HEAD.format(doc_no="云政办发〔2025〕14号", issuer="云溪县人民政府办公室",
                             title="云溪县2025年油茶产业发展实施方案") + """一、工作目标
2025年，全县新造高产油茶林3600亩。

附件：云溪县2025年油茶新造林目标任务分解表

－ 3 －

附件

云溪县2025年油茶新造林目标任务分解表

乡镇\t目标任务（亩）
青石镇\t2200
白 沙 乡\t1000
枫林镇\t400
合计\t3600
"""


def test_two_column_township_table_in_mu():
    text, doc = one_document(TOWNSHIP_GOALS)
    targets = extract_targets(doc)
    assert [(t.subject, t.amount, t.unit) for t in targets] == [
        ("青石镇", 2200.0, "亩"), ("白 沙 乡", 1000.0, "亩"), ("枫林镇", 400.0, "亩"), ("合计", 3600.0, "亩")]
    assert {t.item for t in targets} == {"油茶新造林目标任务"}  # the caption names the bare 目标任务
    for target in targets:
        assert text[target.evidence.start:target.evidence.end] == target.evidence.text
        assert target.evidence.text.replace(" ", "").startswith(target.subject.replace(" ", ""))


def test_two_column_table_unit_from_heading_or_line_above():
    text = HEAD.format(doc_no="云政发〔2025〕9号", issuer="云溪县人民政府", title="云溪县2025年招商引资工作方案") + (
        "附件\n\n云溪县2025年招商引资目标\n\n单位：亿元\n\n"
        "乡镇（街道）\t2025年目标\n青石镇\t12\n城南街道\t8.5\n")
    _, doc = one_document(text)
    assert triples(extract_targets(doc)) == [("青石镇", 12.0, "亿元"), ("城南街道", 8.5, "亿元")]


# A notice with an annex of two amount columns in different units (万元, 亿元), unit names
# broken by layout spaces, decimal amounts, a 合计 row, and a prose sentence giving each
# township two per-unit targets that the table (县直 units only) does not list.
INVESTMENT = HEAD.format(doc_no="青政发〔2025〕7号", issuer="青溪县人民政府",
                         title="青溪县2025年度争资争项和招商引资目标任务") + """一、目标任务
（一）县直单位。县直有关单位争资目标和招商目标详见附件。
（二）乡镇（街道）。各乡镇（街道）争资目标均为150万元，招商目标均为2亿元。
（三）全县。全县争资目标6500万元，招商目标10亿元。

附件

青溪县2025年度县直单位争资争项和招商引资目标任务表

单位	争资目标（万元）	招商目标（亿元）
县 科工局	3000	8
县住 建 局	2500	1.5
青溪高新区管委会	1000	0.5
合计	6500	10
"""


def test_two_amount_columns_each_with_its_unit_and_item():
    text, doc = one_document(INVESTMENT)
    targets = extract_targets(doc)
    got = [(t.subject, t.item, t.amount, t.unit) for t in targets]
    assert got[:8] == [
        ("县 科工局", "争资目标", 3000.0, "万元"), ("县 科工局", "招商目标", 8.0, "亿元"),
        ("县住 建 局", "争资目标", 2500.0, "万元"), ("县住 建 局", "招商目标", 1.5, "亿元"),
        ("青溪高新区管委会", "争资目标", 1000.0, "万元"), ("青溪高新区管委会", "招商目标", 0.5, "亿元"),
        ("合计", "争资目标", 6500.0, "万元"), ("合计", "招商目标", 10.0, "亿元")]
    for target in targets:
        assert text[target.evidence.start:target.evidence.end] == target.evidence.text


def test_per_unit_prose_targets_beside_a_table():
    text, doc = one_document(INVESTMENT)
    targets = extract_targets(doc)
    each = [(t.subject, t.item, t.amount, t.unit) for t in targets if t.subject.startswith("各")]
    # two targets from one sentence; the 全县 sentence restates the 合计 row and adds nothing
    assert each == [("各乡镇（街道）", "争资目标", 150.0, "万元"), ("各乡镇（街道）", "招商目标", 2.0, "亿元")]
    assert len(targets) == 10
    first, second = (t.evidence for t in targets if t.subject.startswith("各"))
    assert first.text == "各乡镇（街道）争资目标均为150万元"
    assert second.text == "各乡镇（街道）争资目标均为150万元，招商目标均为2亿元"
    assert text[second.start:second.end] == second.text


@pytest.mark.parametrize("sentence, expected", [
    ("各村（社区）年度任务均为50户，其中脱贫户均为10户。", [("各村（社区）", "年度任务", 50.0, "户")]),
    ("12个乡镇目标均为 300 万元。", [("各乡镇", "目标", 300.0, "万元")]),
    ("其中各成员单位招商目标均为0.5亿元，争资目标均为100万元；", [
        ("各成员单位", "招商目标", 0.5, "亿元"), ("各成员单位", "争资目标", 100.0, "万元")]),
    ("备注：2025年8个乡镇目标均为300万元", [("各乡镇", "目标", 300.0, "万元")]),
    ("全县争资目标为5亿元，招商目标均为3亿元。", []),  # no collective named: nobody's target
])
def test_per_unit_prose_shapes(sentence, expected):
    text = HEAD.format(doc_no="云政发〔2025〕3号", issuer="云溪县人民政府", title="云溪县2025年目标任务") + sentence + "\n"
    _, doc = one_document(text)
    assert [(t.subject, t.item, t.amount, t.unit) for t in extract_targets(doc)] == expected


def test_registered():
    assert "targets" in load_extractors()


def test_seed_targets_f1():
    gazette = split_documents(read_source(str(SEED)))
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    predicted = {"schema": "gazette-facts/1", "targets": [
        {"doc_no": t.doc_no, "subject": t.subject, "item": t.item, "amount": t.amount, "unit": t.unit}
        for d in gazette.documents for t in extract_targets(d)]}
    assert all(t["unit"] == "万元" for t in predicted["targets"])
    assert score_facts(predicted, {"schema": "gazette-facts/1", "targets": gold["targets"]})["targets"].f1 >= 0.95
