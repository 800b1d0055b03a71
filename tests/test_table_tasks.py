"""Rows of task-decomposition tables -> TaskAssignment facts."""
from __future__ import annotations

import json
import re

import pytest

from kg.extract.registry import load_extractors
from kg.extract.table_tasks import (extract_table_tasks, split_labelled_units, split_milestones,
                                    split_people_cell)
from kg.ingest import read_source, split_documents
from kg.model import Milestone

from tests.conftest import SEED, SEED_GOLD, one_document


def by_ref(tasks):
    return {t.ref: t for t in tasks}


NOTICE_HEAD = """{doc_no}

{issuer}关于印发《{title}》的通知

各乡镇人民政府，县直各单位：

现将《{title}》印发给你们，请认真抓好落实。

{issuer}
2025年2月10日

附件

{title}

"""

# A numbered task list: categories carried down, an outer+inner category, a category
# broken by the page layout, an inner category run into the task cell, spaced names,
# run-together units, collectives, the header printed again on the next page, a cut cell.
WORK_PLAN = NOTICE_HEAD.format(doc_no="青政办函〔2025〕12号", issuer="青山县人民政府办公室",
                               title="2025年县政府重点工作任务分解") + (
    "序号\t项目\t目标任务\t牵头领导\t牵头单位\t配合单位\t\n"
    "1\t主要经济目标\t地区生产总值增长6%左右。\t王 明\t发改局\t县直相关单位\t\n"
    "2\t\t一般公共预算收入增长3%左右。\t王 明 李志强\t财政局税务局\t各乡镇\t\n"
    "3\t全力推动经济提质\t增强投资动能\t加快谋划“十五五”重大项目，争取更多项目纳入省规划。\t王明\t发改局\t"
    "县直相关单位 各县属国有企业 各镇政府、街道办\n"
    "4\t\t\t完成S301云溪至白沙公路建设，推进白沙大桥前期工作。\t李志强\t交通运输局长宁镇政府\t"
    "县直相关单位 相关镇政府、街道办\n"
    "\n"
    "序号\t项目\t目标任务\t牵头领导\t牵头单位\t配合单位\n"
    "5\t\t推进县人民医院2025年6月底前整体搬迁，完成疾控中心能力提升项目。\t赵 丽\t卫健委\t县直相关单位\n"
    "6\t大力 强 化 产 业 支 撑 完善产 业体系\t投产云溪新材料产业园项目，做强循环经济产业集群，促进产业向高端延伸。\t"
    "王明 李志强\t高新区管委会 工信局\t县直相关单位\n"
    "7\t大力强化产业支撑\t加大招商力度 锚定长三角、粤港澳等重点地区开展精准招商，力争全年新签约项目50个以上。\t"
    "赵丽\t商务局\t高新区管委会 工商联 各镇政府、街道办\n"
    "8\t\t探索“文化+科技”深度融合机制，依托VR等技术提升景区数字化水平，开\ufffd\t赵丽\t文旅广电局\t县直相关单位\n"
)


@pytest.fixture(scope="module")
def work_plan():
    text, doc = one_document(WORK_PLAN)
    return text, doc, by_ref(extract_table_tasks(doc))


def test_every_row_is_a_task_with_its_row_number(work_plan):
    _, _, tasks = work_plan
    assert list(tasks) == [str(n) for n in range(1, 9)]
    assert all(t.doc_no == "青政办函〔2025〕12号" and t.shape == "table" for t in tasks.values())


def test_evidence_is_the_row(work_plan):
    text, _, tasks = work_plan
    for task in tasks.values():
        span = task.evidence
        assert text[span.start:span.end] == span.text
        assert span.text.startswith(task.ref + "\t")
    assert "交通运输局长宁镇政府" in tasks["4"].evidence.text


def test_people_are_kept_as_printed_for_the_resolver(work_plan):
    _, _, tasks = work_plan
    assert tasks["1"].lead_leaders == ("王 明",)
    assert tasks["2"].lead_leaders == ("王 明 李志强",)  # one space: the resolver splits it
    assert tasks["6"].lead_leaders == ("王明 李志强",)


def test_units_split_by_the_grammar(work_plan):
    _, _, tasks = work_plan
    assert tasks["2"].lead_units == ("财政局", "税务局")
    assert tasks["4"].lead_units == ("交通运输局", "长宁镇政府")
    assert tasks["3"].coop_units == ("县直相关单位", "各县属国有企业", "各镇政府", "街道办")
    assert tasks["7"].coop_units == ("高新区管委会", "工商联", "各镇政府", "街道办")
    assert tasks["2"].coop_units == ("各乡镇",)


def test_categories_carried_reconstructed_and_peeled(work_plan):
    _, _, tasks = work_plan
    assert tasks["1"].category == ("主要经济目标",)
    assert tasks["2"].category == ("主要经济目标",)
    assert tasks["3"].category == ("全力推动经济提质", "增强投资动能")
    assert tasks["5"].category == ("全力推动经济提质", "增强投资动能")  # across the repeated header
    assert tasks["6"].category == ("大力强化产业支撑", "完善产业体系")  # broken by the layout
    assert tasks["7"].category == ("大力强化产业支撑", "加大招商力度")  # run into the task cell
    assert tasks["7"].text.startswith("锚定长三角")


def test_texts_deadlines_and_cut_cells(work_plan):
    _, _, tasks = work_plan
    assert tasks["1"].text == "地区生产总值增长6%左右。"
    assert tasks["5"].deadline == "2025-06-30"
    assert tasks["1"].deadline is None
    assert tasks["8"].text.endswith("提升景区数字化水平，开")  # cut in the PDF: kept as far as it goes


OTHER_COUNTY = NOTICE_HEAD.format(doc_no="云政办发〔2025〕3号", issuer="云溪市人民政府办公室",
                                  title="云溪市2025年优化营商环境重点任务清单") + (
    "序号\t重点任务\t责任领导\t主责单位\t协同单位\t责任人\t完成时限\n"
    "1\t全面推行“一件事一次办”，新增集成服务事项20个。\t周海涛\t市数据局\t市直相关单位\t刘洋\t2025年9月底前\n"
    "2\t开展涉企收费专项清理，建立长效监管机制。\t陈晓\t市市场监管局\t市发改局、市财政局等单位\t王芳、李强\t6月30日前\n"
    "3\t优化不动产登记流程，一般登记3个工作日内办结。\t周海涛\t市自然资源和规划局\t"
    "市税务局；市住房和城乡建设局\t张伟\t长期坚持\n"
)


def test_columns_named_otherwise_by_another_county():
    _, doc = one_document(OTHER_COUNTY)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].lead_leaders == ("周海涛",)
    assert tasks["1"].lead_units == ("市数据局",)
    assert tasks["1"].coop_units == ("市直相关单位",)
    assert tasks["1"].responsible == ("刘洋",)
    assert tasks["1"].deadline == "2025-09-30"
    assert tasks["2"].coop_units == ("市发改局", "市财政局")
    assert tasks["2"].responsible == ("王芳", "李强")
    assert tasks["2"].deadline == "2025-06-30"
    assert tasks["3"].lead_units == ("市自然资源和规划局",)
    assert tasks["3"].coop_units == ("市税务局", "市住房和城乡建设局")
    assert tasks["3"].deadline is None


LABELLED = NOTICE_HEAD.format(doc_no="桃政办发〔2025〕9号", issuer="桃源县人民政府办公室",
                              title="桃源县2025年河湖治理任务清单") + (
    "序号\t工作任务\t分管领导\t责任单位\n"
    "1\t完成桃花河清淤疏浚。\t孙倩\t牵头单位：县水利局；配合单位：县财政局、沿河各乡镇\n"
    "2\t建立河长巡河制度。\t孙倩\t县河长办牵头，县水利局、各乡镇配合\n"
)


def test_one_duty_column_naming_lead_and_helpers():
    _, doc = one_document(LABELLED)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].lead_units == ("县水利局",)
    assert tasks["1"].coop_units == ("县财政局", "沿河各乡镇")
    assert tasks["2"].lead_units == ("县河长办",)
    assert tasks["2"].coop_units == ("县水利局", "各乡镇")


@pytest.mark.parametrize("heading", ["责任领导及单位", "责任领导/责任单位", "牵头领导及单位", "分管领导及责任单位"])
def test_one_column_for_leaders_then_units(heading):
    text = NOTICE_HEAD.format(doc_no="云政办发〔2025〕21号", issuer="云溪市人民政府办公室",
                              title="云溪市2025年下半年重点工作任务清单") + (
        f"序号\t重点工作\t{heading}\t完成时限\n"
        "1\t新开工亿元以上项目10个。\t柯望舒　市发改局（牵头）、市财政局、市自然资源局\t2025年12月底前\n"
        "2\t完成高标准农田建设1万亩。\t蒲知远、柯望舒　市农业农村局\t2025年11月\n"
        "3\t开展自建房安全专项整治。\t蒲知远 市住建局、市应急管理局（牵头）、各乡镇人民政府\t9月底前\n"
        "4\t推进城乡供水一体化。\t柯 望舒　市水利局、市财政局\t2025年12月\n"
        "5\t健全矛盾纠纷化解机制。\t市信访局（牵头）、市司法局\t持续推进\n")
    _, doc = one_document(text)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].lead_leaders == ("柯望舒",)
    assert tasks["1"].lead_units == ("市发改局",)
    assert tasks["1"].coop_units == ("市财政局", "市自然资源局")
    assert tasks["2"].lead_leaders == ("蒲知远", "柯望舒")
    assert (tasks["2"].lead_units, tasks["2"].coop_units) == (("市农业农村局",), ())
    # an ASCII space after the name; （牵头） on the second unit
    assert tasks["3"].lead_leaders == ("蒲知远",)
    assert tasks["3"].lead_units == ("市应急管理局",)
    assert tasks["3"].coop_units == ("市住建局", "各乡镇人民政府")
    # a name with a layout space stays as printed; no mark: all units lead
    assert tasks["4"].lead_leaders == ("柯 望舒",)
    assert tasks["4"].lead_units == ("市水利局", "市财政局")
    # no leader before the units
    assert tasks["5"].lead_leaders == ()
    assert (tasks["5"].lead_units, tasks["5"].coop_units) == (("市信访局",), ("市司法局",))


def test_lead_and_duty_columns_side_by_side():
    text = NOTICE_HEAD.format(doc_no="桃政办发〔2025〕11号", issuer="桃源县人民政府办公室",
                              title="桃源县2025年安全生产重点工作清单") + (
        "序号\t具体目标\t联系县领导\t牵头单位\t责任单位\t时间进度\n"
        "1\t开展燃气安全专项整治。\t孙倩\t县住建局\t县市场监管局、各乡镇\t3月底前启动；9月底前完成整治\n")
    _, doc = one_document(text)
    (task,) = extract_table_tasks(doc)
    assert task.text == "开展燃气安全专项整治。"
    assert task.lead_leaders == ("孙倩",)
    assert task.lead_units == ("县住建局",)
    assert task.coop_units == ("县市场监管局", "各乡镇")
    assert task.deadline == "2025-09-30"
    assert [m.date for m in task.milestones] == ["2025-03-31", "2025-09-30"]


def test_two_category_columns_carried_down():
    text = NOTICE_HEAD.format(doc_no="桃政办发〔2025〕12号", issuer="桃源县人民政府办公室",
                              title="桃源县2025年乡村振兴重点任务") + (
        "序号\t类别\t项目\t工作任务\t牵头单位\t配合单位\n"
        "1\t产业振兴\t特色农业\t新增茶园2000亩。\t县农业农村局\t各乡镇\n"
        "2\t\t\t培育龙头企业3家。\t县农业农村局\t县商务局\n"
        "3\t\t农村电商\t建设电商服务站10个。\t县商务局\t县邮政公司\n"
        "4\t生态振兴\t人居环境\t完成改厕1500户。\t县农业农村局\t县卫健局\n")
    _, doc = one_document(text)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].category == ("产业振兴", "特色农业")
    assert tasks["2"].category == ("产业振兴", "特色农业")
    assert tasks["3"].category == ("产业振兴", "农村电商")
    assert tasks["4"].category == ("生态振兴", "人居环境")
    assert tasks["3"].coop_units == ("县邮政公司",)


LIVELIHOOD = NOTICE_HEAD.format(doc_no="白政办函〔2025〕5号", issuer="白沙县人民政府办公室",
                                title="2025年度民生实事任务分解表") + (
    "序号\t項目\t目標任務\t牽頭領導\t牽頭單位\t配合單位\n"
    "1\t桃溪大桥修缮工程\t1.3月底前完成设计、财评等前期工作； 2.6月底前完成工程招投标； 3.9月底前完成旧桥拆除；"
    " 4.年底基本完成主体工程。\t孙 倩\t交通运输局\t财政局 桃溪镇政府\n"
    "2\t农村饮水提质工程（跨年度）\t1.一季度完成立项； 2.6月底前完成50%建设任务； 3.12月底前完成计划任务。\t"
    "孙倩\t水利局\t相关镇政府、街道办\n"
)


def test_livelihood_rows_have_milestones_and_traditional_headers_are_read():
    _, doc = one_document(LIVELIHOOD)
    tasks = by_ref(extract_table_tasks(doc))
    bridge = tasks["1"]
    assert bridge.text == "桃溪大桥修缮工程"
    assert [m.date for m in bridge.milestones] == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]
    assert bridge.milestones[0].text == "3月底前完成设计、财评等前期工作"
    assert bridge.milestones[-1].text == "年底基本完成主体工程"
    assert bridge.deadline == "2025-12-31"
    assert bridge.lead_leaders == ("孙 倩",)
    assert bridge.coop_units == ("财政局", "桃溪镇政府")
    assert tasks["2"].milestones[0] == Milestone("2025-03-31", "一季度完成立项")
    assert tasks["2"].coop_units == ("相关镇政府", "街道办")


INCOME = """青政发〔2025〕2号

青山县人民政府关于印发《青山县2025年财源建设工作方案》的通知

各乡镇人民政府，县直各单位：

现将《青山县2025年财源建设工作方案》印发给你们，请遵照执行。

青山县人民政府
2025年3月4日

附件1

全县2025年一般公共预算收入目标分解表

单位：万元

工作组\t一般公共预算地方收入\t\t主管领导\t责任人\t责任单位
\t2024年完成情况\t2025年目标\t\t\t
县本级财税收入\t40100\t42000\t王 明\t张 华 赵 青\t县税务局、县财政局、 县住建局
财政非税收入\t17500\t18000\t王 明\t赵 青\t县财政局、相关执收单位
合计\t57600\t60000\t\t\t

附件2

全县2025年地方财力收入目标分解表

单位：万元

序号\t工作组\t收入项目\t目标\t主管领导\t责任人\t责任单位\t具体事项
1\t税收收入工作组\t税收收入地方财力\t52000\t王 明 李志强\t张 华 赵 青 各镇镇 长 各街道 办主任\t县税务局 县财政局 各 镇\t抓好税收征收，确保应收尽收。
\t\t非税收入\t18000\t王 明\t赵 青\t县财政局 县自然资源局\t负责非税收入应收尽收。
2\t土地收入工作组\t土地出让收入\t30000\t孙 倩\t陈 刚\t县自然资源局 各县属国有企业\t
\t合 计\t\t100000\t\t\t\t
"""


def test_income_tables_grouped_by_working_group():
    _, doc = one_document(INCOME)
    tasks = by_ref(extract_table_tasks(doc))
    assert set(tasks) == {"附件1-县本级财税收入", "附件1-财政非税收入", "1-税收收入地方财力", "1-非税收入",
                          "2-土地出让收入"}  # no task for a 合计 row
    first = tasks["1-税收收入地方财力"]
    assert first.text == "税收收入地方财力：抓好税收征收，确保应收尽收。"
    assert first.lead_leaders == ("王 明 李志强",)
    assert first.responsible == ("张 华 赵 青", "各镇镇 长", "各街道 办主任")  # collective posts apart
    assert first.lead_units == ("县税务局", "县财政局", "各 镇")
    assert first.coop_units == ()
    assert tasks["1-非税收入"].category == ("税收收入工作组",)
    assert tasks["2-土地出让收入"].text == "土地出让收入"
    summary = tasks["附件1-县本级财税收入"]
    assert summary.text == "县本级财税收入"
    assert summary.lead_units == ("县税务局", "县财政局", "县住建局")
    assert tasks["附件1-财政非税收入"].lead_units == ("县财政局", "相关执收单位")


# A district list with section rows between the numbered rows and a page break without
# the header printed again (page number, then the gazette's running head).
SECTIONED = NOTICE_HEAD.format(doc_no="云政发〔2025〕5号", issuer="云溪区人民政府",
                               title="云溪区2025年城市品质提升重点任务清单") + (
    "序号\t重点任务\t责任领导\t责任单位\t配合单位\t完成时限\n"
    "一、城市更新\n"
    "1\t改造老旧小区26个，同步加装电梯40部。\t周海涛\t区住建局\t区财政局、各街道办事处\t2025年10月\n"
    "2\t完成农贸市场提质改造2个。\t陈晓\t区商务局\t区市场监管局\t6月底前\n"
    "二、\t交通畅通\t\t\t\t\n"
    "3\t打通断头路4条，新增公共停车泊位1500个。\t周海涛、陈晓\t区住建局、区城管局\t区公安分局交警大队\t全年\n"
    "\n"
    "·4·\n"
    "云溪区人民政府公报　　　　　　　　2025年第3期\n"
    "\n"
    "4\t优化城区公交线网，新开公交线路6条。\t陈晓\t区交通运输局\t各街道办事处\t2025年9月\n"
    "三、民生保障\n"
    "5\t新增城镇就业5200人，年底前完成零就业家庭动态清零。\t刘洋\t区人社局\t区直相关单位\t持续推进\n"
)


@pytest.fixture(scope="module")
def sectioned():
    _, doc = one_document(SECTIONED)
    return by_ref(extract_table_tasks(doc))


def test_section_rows_are_categories_not_tasks(sectioned):
    assert list(sectioned) == ["1", "2", "3", "4", "5"]
    assert sectioned["1"].category == ("城市更新",)
    assert sectioned["2"].category == ("城市更新",)
    assert sectioned["3"].category == ("交通畅通",)
    assert sectioned["4"].category == ("交通畅通",)  # carried over the page break
    assert sectioned["5"].category == ("民生保障",)
    assert all("城市更新" not in t.text and "交通畅通" not in t.text for t in sectioned.values())


def test_rows_after_a_page_break_without_header(sectioned):
    task = sectioned["4"]
    assert task.text == "优化城区公交线网，新开公交线路6条。"
    assert task.lead_leaders == ("陈晓",)
    assert task.lead_units == ("区交通运输局",)
    assert task.coop_units == ("各街道办事处",)
    assert "公报" not in task.evidence.text
    assert sectioned["3"].lead_leaders == ("周海涛", "陈晓")
    assert sectioned["3"].coop_units == ("区公安分局交警大队",)


def test_deadline_cells_month_end_or_none(sectioned):
    assert sectioned["1"].deadline == "2025-10-31"  # a month: its last day
    assert sectioned["2"].deadline == "2025-06-30"  # no year: the document's
    assert sectioned["3"].deadline is None  # 全年
    assert sectioned["4"].deadline == "2025-09-30"
    assert sectioned["5"].deadline is None  # 持续推进 says no date, whatever the text says


@pytest.mark.parametrize(
    "cell,deadline",
    [
        ("2025年6月", "2025-06-30"),
        ("2025年2月", "2025-02-28"),
        ("6月底前", "2025-06-30"),
        ("2025年11月底", "2025-11-30"),
        ("9月30日前", "2025-09-30"),
        ("2025.12", "2025-12-31"),
        ("全年", None),
        ("持续推进", None),
        ("长期", None),
        ("长期坚持", None),
        ("常态化推进", None),
    ],
)
def test_deadline_cell_shapes(cell, deadline):
    text = NOTICE_HEAD.format(doc_no="云政办函〔2025〕8号", issuer="云溪区人民政府办公室", title="云溪区2025年重点任务清单") + (
        "序号\t重点任务\t责任领导\t责任单位\t完成时限\n"
        f"1\t完成背街小巷改造10条，年底前全部完工。\t周海涛\t区住建局\t{cell}\n"
        "2\t开展燃气安全专项整治。\t陈晓\t区应急管理局\t2025年3月\n"
    )
    _, doc = one_document(text)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].deadline == deadline
    assert tasks["2"].deadline == "2025-03-31"


def test_sections_with_restarting_numbers_and_two_levels():
    text = NOTICE_HEAD.format(doc_no="云政办函〔2025〕9号", issuer="云溪区人民政府办公室", title="云溪区2025年民生实事清单") + (
        "序号\t重点任务\t责任领导\t责任单位\t完成时限\n"
        "一、教育\n"
        "（一）学前教育\n"
        "1\t新建公办幼儿园2所。\t刘洋\t区教育局\t2025年8月\n"
        "（二）义务教育\n"
        "1\t新建小学1所。\t刘洋\t区教育局\t2025年8月\n"
        "二、卫生\n"
        "1\t建成胸痛中心。\t陈晓\t区卫健局\t2025年12月\n"
    )
    _, doc = one_document(text)
    tasks = extract_table_tasks(doc)
    assert [(t.ref, t.category) for t in tasks] == [
        ("1", ("教育", "学前教育")), ("1", ("教育", "义务教育")), ("1", ("卫生",))]
    assert [t.text for t in tasks] == ["新建公办幼儿园2所。", "新建小学1所。", "建成胸痛中心。"]


def test_a_table_without_duty_columns_gives_no_task():
    text = NOTICE_HEAD.format(doc_no="青政发〔2025〕4号", issuer="青山县人民政府", title="青山县2025年争资争项工作目标") + (
        "序号\t单位\t2025年目标\t备注\n1\t发改局\t1200\t\n2\t财政局\t3400\t\n")
    _, doc = one_document(text)
    assert extract_table_tasks(doc) == []


def test_cells_helpers():
    assert split_people_cell("杨 盛 向恩泽") == ["杨 盛 向恩泽"]
    assert split_people_cell("王明、李志强") == ["王明", "李志强"]
    assert split_people_cell("王明  李志强") == ["王明", "李志强"]
    assert split_people_cell("王明（常务副县长）") == ["王明"]
    assert split_people_cell("张 华 各镇镇 长各街 道办主 任") == ["张 华", "各镇镇 长", "各街 道办主 任"]
    assert split_people_cell("各部门单位责任人") == ["各部门单位责任人"]
    assert split_labelled_units("县财政局") == ("县财政局", "")
    assert split_milestones("完成设计；推进施工", 2025) == []
    assert [m.date for m in split_milestones("3月底前完成设计；6月底前开工；年底完工", 2025)] == [
        "2025-03-31", "2025-06-30", "2025-12-31"]
    two_parts = split_milestones("一期工程： 1.3月底前完成设计； 2.6月底前开工。 二期工程： 1.9月底前完成设计； 2.年底开工。", 2025)
    assert [(m.date, m.text) for m in two_parts] == [
        ("2025-03-31", "3月底前完成设计"), ("2025-06-30", "6月底前开工"),
        ("2025-09-30", "9月底前完成设计"), ("2025-12-31", "年底开工")]
    assert [m.text for m in split_milestones("（1）3月底前完成设计；（2）6月底前开工", 2025)] == [
        "3月底前完成设计", "6月底前开工"]


# A project plan whose 责任单位 cell marks its lead unit （牵头） and lists the helpers
# unmarked (the legend above the table says so); a cell without a mark names units that
# lead together; the header is printed again after a page line; 项目名称 | 建设内容.
PROJECTS = NOTICE_HEAD.format(doc_no="云政发〔2025〕5号", issuer="云溪县人民政府",
                              title="云溪县2025年重点建设项目推进计划") + (
    "表中责任单位标注“（牵头）”的为牵头单位，其余为配合单位；未作标注的，所列单位共同负责。\n\n"
    "序号\t项目名称\t建设内容\t县级联系领导\t责任单位\t时间节点\n"
    "1\t云溪新城供水管网工程\t新建供水管网18公里，建设加压泵站1座\t冯子安\t县水利局（牵头）、县住建局\t2025年10月\n"
    "2\t白沙至青石公路改造工程\t按二级公路标准改造12.5公里\t陶景明\t县交通运输局、县公路中心\t2025年12月底前\n"
    "\n2025年第2期　　　　云溪县人民政府公报　　　　3\n\n"
    "序号\t项目名称\t建设内容\t县级联系领导\t责任单位\t时间节点\n"
    "3\t县中医院综合楼\t新建综合楼1栋、病床200张\t冯子安、陶景明\t县卫生健康局(牵头单位)，县中医院、各乡镇人民政府\t2026年6月\n"
)


def test_lead_marks_inside_a_duty_cell():
    _, doc = one_document(PROJECTS)
    tasks = by_ref(extract_table_tasks(doc))
    assert set(tasks) == {"1", "2", "3"}
    assert tasks["1"].lead_units == ("县水利局",)
    assert tasks["1"].coop_units == ("县住建局",)
    assert tasks["2"].lead_units == ("县交通运输局", "县公路中心")  # no mark: they lead together
    assert tasks["2"].coop_units == ()
    assert tasks["3"].lead_units == ("县卫生健康局",)
    assert tasks["3"].coop_units == ("县中医院", "各乡镇人民政府")
    assert tasks["3"].lead_leaders == ("冯子安", "陶景明")
    assert [t.deadline for t in (tasks["1"], tasks["2"], tasks["3"])] == ["2025-10-31", "2025-12-31", "2026-06-30"]


def test_project_name_is_the_task_and_its_scope_is_not():
    _, doc = one_document(PROJECTS)
    tasks = by_ref(extract_table_tasks(doc))
    assert tasks["1"].text == "云溪新城供水管网工程"
    assert tasks["3"].text == "县中医院综合楼"


@pytest.mark.parametrize("cell, expected", [
    ("县发改局（牵头）、县自然资源局", ("县发改局", "县自然资源局")),
    ("县交通运输局、县公路中心", ("县交通运输局、县公路中心", "")),
    ("县水利局(牵头)，县财政局、沿河各乡镇", ("县水利局", "县财政局、沿河各乡镇")),
    ("县商务局（牵头单位）、县供销社", ("县商务局", "县供销社")),
    ("县住建局（牵头） 县城发集团", ("县住建局", "县城发集团")),
    ("县教育局、县财政局（配合）", ("县教育局", "县财政局")),
    ("县发改局（牵头）、县财政局（牵头）、县水利局", ("县发改局、县财政局", "县水利局")),
    ("縣水利局（牽頭）、縣財政局", ("縣水利局", "縣財政局")),  # names as printed
    ("牵头：县商务局", ("县商务局", "")),
    ("牵头单位：县商务局、县工信局", ("县商务局、县工信局", "")),
    ("牵头：县发改局；配合：县财政局", ("县发改局", "县财政局")),
    ("县河长办牵头，县水利局、各乡镇配合", ("县河长办", "县水利局、各乡镇")),
])
def test_duty_cell_shapes(cell, expected):
    assert split_labelled_units(cell) == expected


def test_registered_and_never_raises_on_a_document_without_tables():
    assert "table_tasks" in load_extractors()
    _, doc = one_document("青政办发〔2025〕1号\n\n青山县人民政府办公室关于做好春节值班的通知\n\n各乡镇：\n请做好值班。\n")
    assert extract_table_tasks(doc) == []


# --- the seed gazette -----------------------------------------------------------------------

def _squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _strip_prefix(unit: str) -> str:
    return re.sub(r"^(?:汨罗市|市|区|县)", "", _squeeze(unit))


@pytest.fixture(scope="module")
def seed_tables():
    gazette = split_documents(read_source(str(SEED)))
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    predicted = {(t.doc_no, t.ref): t for d in gazette.documents for t in extract_table_tasks(d)}
    return gazette, gold, predicted


def _unit_hits(predicted, gold_units):
    pred = [_strip_prefix(u) for u in predicted]
    hits = 0
    for gold_unit in gold_units:
        forms = {_strip_prefix(f) for f in gold_unit.split("|")}
        match = next((p for p in pred if p in forms), None)
        if match is not None:
            pred.remove(match)
            hits += 1
    return hits


def test_seed_work_plan_and_livelihood_rows(seed_tables):
    """汨政办函〔2025〕12号 and 13号: every row found, leaders/units as in the gold."""
    _, gold, predicted = seed_tables
    rows = [t for t in gold["tasks"] if t["doc_no"] in ("汨政办函〔2025〕12号", "汨政办函〔2025〕13号")]
    assert len(rows) == 102
    found = [g for g in rows if (g["doc_no"], g["ref"]) in predicted]
    assert len(found) / len(rows) >= 0.95
    leaders_ok = lead_hits = lead_total = coop_hits = coop_total = 0
    for g in found:
        task = predicted[(g["doc_no"], g["ref"])]
        # names as printed: with layout spaces removed they spell the gold leaders in order
        leaders_ok += _squeeze("".join(task.lead_leaders)) == "".join(n.split("|")[0] for n in g["lead_leaders"])
        lead_hits += _unit_hits(task.lead_units, g["lead_units"])
        lead_total += max(len(g["lead_units"]), len(task.lead_units))
        coop_hits += _unit_hits(task.coop_units, g["coop_units"])
        coop_total += max(len(g["coop_units"]), len(task.coop_units))
    assert leaders_ok / len(rows) >= 0.97
    assert lead_hits / lead_total >= 0.97
    assert coop_hits / coop_total >= 0.95


def test_seed_livelihood_milestones(seed_tables):
    _, gold, predicted = seed_tables
    for g in [t for t in gold["tasks"] if t["doc_no"] == "汨政办函〔2025〕13号"]:
        task = predicted[(g["doc_no"], g["ref"])]
        assert task.deadline == g["deadline"]
        assert [m.date for m in task.milestones] == [m["date"] for m in g["milestones"]]


def test_seed_income_appendix_rows(seed_tables):
    """汨政发〔2025〕1号: 主管领导 -> lead_leaders, 责任人 -> responsible, 责任单位 -> lead_units."""
    _, gold, predicted = seed_tables
    rows = [t for t in gold["tasks"] if t["doc_no"] == "汨政发〔2025〕1号" and "-" in (t["ref"] or "")]
    assert rows
    for g in rows:
        task = predicted[(g["doc_no"], g["ref"])]
        assert _unit_hits(task.lead_units, g["lead_units"]) == len(g["lead_units"]) == len(task.lead_units)
        printed = _squeeze("".join(task.responsible))
        # every gold person (in one of its accepted forms) is printed, and nothing else
        assert all(any(form in printed for form in name.split("|")) for name in g["responsible"])
        assert len(printed) == sum(len(name.split("|")[0]) for name in g["responsible"])
