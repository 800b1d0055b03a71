"""Tasks assigned in running text, on invented notices of invented counties
(青山县, 云溪市) in the layouts gazettes use, and on the real seed gazette."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import score_facts
from kg.extract.paragraph_tasks import _extract, extract_paragraph_tasks
from kg.extract.registry import load_extractors
from kg.extract.printed_forms import restore_printed_forms
from kg.ingest import ingest_file, source_from_string, split_documents

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "miluo-gazette-2025-01.txt"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "miluo-gazette-2025-01.json"

HEADER = """青政办发〔2025〕7号

青山县人民政府办公室关于印发《青山县2025年重点工作方案》的通知

各乡镇人民政府，县直各单位：

现将方案印发给你们，请认真贯彻执行。

青山县人民政府办公室
2025年4月8日

青山县2025年重点工作方案

"""


def tasks_of(text):
    gazette = split_documents(source_from_string(text))
    tasks = [task for doc in gazette.documents for task in extract_paragraph_tasks(doc)]
    for task in tasks:  # every task quotes the source exactly
        assert gazette.source.text[task.evidence.start:task.evidence.end] == task.evidence.text
    # as the pipeline does: a traditional-character text's facts get their printed forms back
    return [restore_printed_forms(task, gazette.source) for task in tasks]


def by_ref(tasks):
    return {task.ref: task for task in tasks}


# --------------------------------------------------------------------------
# Responsibility parentheses


def test_paren_with_lead_and_cooperating_units():
    tasks = tasks_of(HEADER + """一、攻坚任务

（一）提振消费

1.推动增收减负。开展职业技能培训，推动劳动者技能提升。（县人社局牵头，县发改局、县财政局、各乡镇等按职能分工负责）
""")
    assert len(tasks) == 1
    task = tasks[0]
    assert task.ref == "一/(一)/1"
    assert task.lead_units == ("县人社局",)
    assert task.coop_units == ("县发改局", "县财政局", "各乡镇")
    assert task.text == "推动增收减负。开展职业技能培训，推动劳动者技能提升。"
    assert task.title == "推动增收减负"
    assert task.shape == "paren"
    assert "县人社局牵头" in task.evidence.text


def test_paren_without_lead_word_makes_every_unit_lead():
    task, = tasks_of(HEADER + """二、改革任务

1.深化国企改革。建立主责主业动态管理机制。（县国资中心、县财政局、县发改局等按职能分工负责）
""")
    assert task.lead_units == ("县国资中心", "县财政局", "县发改局")
    assert task.coop_units == ()


def test_paren_with_a_single_unit_in_charge():
    task, = tasks_of(HEADER + "1.深化教育综合改革。打造家门口的好学校。（县教体局负责）\n")
    assert task.lead_units == ("县教体局",)


def test_several_parentheses_in_one_paragraph():
    tasks = tasks_of(HEADER + """一、主要任务

2.推动优势产业巩固延伸。加快二手设备交易体系改革。（县工信局牵头，县商务局按职能分工负责）建设高标准农田3万亩。（县农业农村局牵头，县自然资源局等单位按职能分工负责）推动文旅产业发展。（县文旅局负责）
""")
    refs = by_ref(tasks)
    assert list(refs) == ["一/2", "一/2#2", "一/2#3"]
    assert refs["一/2"].text == "推动优势产业巩固延伸。加快二手设备交易体系改革。"
    assert refs["一/2#2"].text == "建设高标准农田3万亩。"
    assert refs["一/2#2"].lead_units == ("县农业农村局",)
    assert refs["一/2#2"].coop_units == ("县自然资源局",)
    assert refs["一/2#3"].lead_units == ("县文旅局",)


def test_labelled_paren_on_its_own_line_closes_the_item_and_its_counted_parts():
    tasks = tasks_of(HEADER + """四、重点工作

（一）优化养老服务网络

1.打造县级养老服务平台。一是挂牌成立县养老服务指导中心（2025年6月底前），完善服务功能。二是组建技术指导团队（2025年12月底前），开展轮训。
（牵头单位：县民政局，配合单位：县卫健委、各乡镇、街道）

2.完善基本养老服务清单。（2025年6月底前）出台实施意见。（责任单位：县人民政府）
""")
    refs = by_ref(tasks)
    first, second = refs["四/(一)/1/一是"], refs["四/(一)/1/二是"]
    assert first.text == "挂牌成立县养老服务指导中心（2025年6月底前），完善服务功能。"
    assert first.deadline == "2025-06-30" and second.deadline == "2025-12-31"
    assert first.lead_units == second.lead_units == ("县民政局",)
    assert first.coop_units == ("县卫健委", "各乡镇", "街道")
    assert first.title == "打造县级养老服务平台"
    assert refs["四/(一)/2"].lead_units == ("县人民政府",)
    assert refs["四/(一)/2"].deadline == "2025-06-30"


def test_a_lead_clause_inside_a_counted_part_is_a_task_of_its_own():
    tasks = tasks_of(HEADER + """1.支持社会办养老机构。一是制定扶持措施。二是突破制约推动小微机构发展，由民政部门牵头，联合住建、消防、市场监管局等多部门参与，探索审验改革。
（牵头单位：县民政局，配合单位：县住建局）
""")
    nested = by_ref(tasks)["1/二是#2"]
    assert nested.lead_units == ("民政部门",)
    assert nested.coop_units == ("住建", "消防", "市场监管局")


def test_traditional_characters_and_ascii_punctuation():
    tasks = tasks_of(HEADER + """1.加强要素保障。保障重点项目用地（縣自然資源局牽頭，縣發改局、縣財政局等按職能分工負責）。降低企业用能成本(县发改局牵头, 国网青山供电公司配合)。
""")
    first, second = tasks
    assert first.lead_units == ("縣自然資源局",)  # names as printed
    assert first.coop_units == ("縣發改局", "縣財政局")
    assert second.lead_units == ("县发改局",)
    assert second.coop_units == ("国网青山供电公司",)


def test_deadline_in_the_parenthesis_and_in_the_text():
    tasks = tasks_of(HEADER + """1.强化监管。开展养老机构安全检查（县民政局、县消防救援大队分别牵头，县市场监管局等按职能分工负责；2025年10月底前）。
2.强化金融服务。开展银企对接活动，年底前新增贷款20亿元。（县金融办负责）
3.开展评估。每年年底开展一次评估。（县统计局负责）
""")
    refs = by_ref(tasks)
    assert refs["1"].lead_units == ("县民政局", "县消防救援大队")
    assert refs["1"].deadline == "2025-10-31"
    assert refs["2"].deadline == "2025-12-31"  # 年底前 in the year of the document
    assert refs["3"].deadline is None  # 每年年底 recurs


def test_a_paragraph_broken_across_a_page_footer():
    task, = tasks_of(HEADER + """一、主要任务

1.推进污水管网建设。完成城北片区雨污分流管网改造18公里，完成东湖渠、杨柳港等黑臭水体整治，确保水质稳定

— 3 —

达标。（县住建局牵头，县生态环境局配合）
""")
    assert task.text == "推进污水管网建设。完成城北片区雨污分流管网改造18公里，完成东湖渠、杨柳港等黑臭水体整治，确保水质稳定达标。"
    assert task.coop_units == ("县生态环境局",)


def test_a_date_alone_in_brackets_is_no_responsibility():
    assert tasks_of(HEADER + "2.完善设施布局。完成养老设施专项规划编制（2025年6月底前）。\n") == []


# --------------------------------------------------------------------------
# Labels on lines of their own (other counties' layout)


def test_label_lines_after_an_item():
    tasks = tasks_of(HEADER + """一、重点任务

1.深化“一件事一次办”改革。全面推行高频事项集成办理。
牵头单位: 县数据局
配合单位：县市场监管局、县人社局
完成时限：2025年6月底前

2.规范涉企执法检查。全面推行“扫码入企”。
责任单位：县司法局、县公安局
""")
    refs = by_ref(tasks)
    assert refs["一/1"].lead_units == ("县数据局",)
    assert refs["一/1"].coop_units == ("县市场监管局", "县人社局")
    assert refs["一/1"].deadline == "2025-06-30"
    assert refs["一/1"].text == "深化“一件事一次办”改革。全面推行高频事项集成办理。"
    assert refs["一/2"].lead_units == ("县司法局", "县公安局")
    assert refs["一/2"].shape == "labels"


def test_labels_closing_an_item_without_brackets():
    task, = tasks_of(HEADER + "4.推进老旧小区改造。完成改造小区12个。牵头单位：县住建局；配合单位：县财政局、相关乡镇。\n")
    assert task.text == "推进老旧小区改造。完成改造小区12个。"
    assert task.lead_units == ("县住建局",)
    assert task.coop_units == ("县财政局", "相关乡镇")


def test_labels_in_square_brackets_after_an_item():
    task, = tasks_of(HEADER + "3.优化项目审批服务。推行容缺受理。【牵头单位：县发改局；责任单位：县自然资源局、县住建局】\n")
    assert task.lead_units == ("县发改局",)
    assert task.coop_units == ("县自然资源局", "县住建局")  # with a 牵头单位, 责任单位 cooperate


def test_work_group_blocks():
    tasks = tasks_of(HEADER + """一、责任分解

1.税收收入工作组

目标：全年实现税收收入50000万元。

主管领导：王明

工作组长：李华、张三

责任单位：县税务局、县财政局、各乡镇

2.非税收入工作组

目标：全年实现非税收入8000万元。

主管领导：赵刚

责任人：孙丽、周强

周勇

责任单位：县财政局、相关执收单位
""")
    refs = by_ref(tasks)
    first = refs["一/1"]
    assert first.text == "全年实现税收收入50000万元。"
    assert first.title == "税收收入工作组"
    assert first.lead_leaders == ("王明",)
    assert first.responsible == ("李华", "张三")
    assert first.lead_units == ("县税务局", "县财政局", "各乡镇")
    assert refs["一/2"].responsible == ("孙丽", "周强", "周勇")  # a name list running onto the next line
    assert refs["一/2"].lead_units == ("县财政局", "相关执收单位")


# --------------------------------------------------------------------------
# Duty lists and duty sections


def test_duty_list_of_member_units():
    tasks = tasks_of("""首页 > 政务公开 > 通知公告
青山县人民政府办公室关于建立退役军人就业工作协作机制的通知
发布时间：2025-03-21 来源：县政府办
青政办函〔2025〕14号
各乡镇人民政府，县直各单位：
现将有关事项通知如下：
一、成员单位职责
（一）县退役军人事务局。牵头负责全县退役军人就业工作；会同有关部门制定年度就业计划；负责协作机制日常工作。
（二）县人社局：负责退役军人职业技能培训和就业服务。
（三）县财政局。保障工作经费。
二、工作要求
县直各成员单位要加强协作，形成合力。
青山县人民政府办公室
2025年3月21日
【打印】【关闭】
""")
    refs = by_ref(tasks)
    assert refs["一/(一)"].lead_units == ("县退役军人事务局",)
    assert refs["一/(一)"].coop_units == ("有关部门",)
    assert refs["一/(一)"].text.startswith("牵头负责全县退役军人就业工作")
    assert refs["一/(二)"].lead_units == ("县人社局",)
    assert refs["一/(三)"].text == "保障工作经费。"
    assert "二" not in refs  # 工作要求 is no duty section


def test_unit_headings_over_plain_duty_paragraphs():
    tasks = tasks_of(HEADER + """附件

领导小组成员单位职责

（一）县教育局

负责学校食堂食品安全管理。

督促学校落实校长陪餐制度。

（二）县市场监管局

负责食品经营许可和日常监督检查。
""")
    assert [(t.ref, t.lead_units, t.text) for t in tasks] == [
        ("附件/(一)", ("县教育局",), "负责学校食堂食品安全管理。督促学校落实校长陪餐制度。"),
        ("附件/(二)", ("县市场监管局",), "负责食品经营许可和日常监督检查。"),
    ]


def test_sentences_of_a_duty_section_name_their_units():
    tasks = tasks_of(HEADER + """三、责任分工

（一）工作专班负责制定行动方案、督查考评等工作。

（二）县供电公司负责提供现场技术指导。县税务局负责税收征管；县财政局负责非税收入征管。

（三）项目所在乡镇

1.向群众宣传项目实施方案。

2.及时调处施工中的矛盾纠纷。

四、其他事项

县供电公司负责解释。
""")
    refs = by_ref(tasks)
    assert refs["三/(一)"].lead_units == ("工作专班",)
    assert refs["三/(二)"].lead_units == ("县供电公司",)
    assert refs["三/(二)#2"].lead_units == ("县税务局",)
    assert refs["三/(二)#3"].lead_units == ("县财政局",)
    assert refs["三/(三)"].lead_units == ("项目所在乡镇",)  # a unit heading over its numbered duties
    assert refs["三/(三)"].text == "1.向群众宣传项目实施方案。2.及时调处施工中的矛盾纠纷。"
    assert not any(ref.startswith("四") for ref in refs)


def test_a_notice_about_duties_is_a_duty_section_throughout():
    tasks = tasks_of("""青政办函〔2025〕3号

青山县人民政府办公室关于明确城市管理职责分工的通知

各乡镇人民政府，县直各单位：

县城管局负责城区市容秩序管理。县住建局负责建筑工地扬尘治理。

青山县人民政府办公室
2025年2月3日
""")
    assert [t.lead_units for t in tasks] == [("县城管局",), ("县住建局",)]


def test_member_units_with_their_duty_in_brackets():
    tasks = tasks_of(HEADER + """五、保障措施

（一）加强组织领导。成立由县农业农村局主要负责同志为召集人，县农业农村局(牵头、合同管理等)、县司法局(政策把关、纠纷调处等)、县财政局(经费保障等)有关部门主要负责同志为成员的联席会议。
""")
    assert [(t.text, t.lead_units) for t in tasks] == [
        ("县农业农村局(牵头、合同管理等)", ("县农业农村局",)),
        ("县司法局(政策把关、纠纷调处等)", ("县司法局",)),
        ("县财政局(经费保障等)", ("县财政局",)),
    ]


# --------------------------------------------------------------------------
# Lead clauses in running text


def test_organising_paragraph_with_leaders_and_a_second_lead():
    tasks = tasks_of(HEADER + """二、组织领导

全县财源建设工作由王明同志牵头，李华同志具体负责，张三、李四同志分管负责，由县政府办分管副主任牵头组建工作专班，县发改局、各乡镇等单位协同配合，安排专人共同推进。
""")
    first, second = tasks
    assert first.text == "全县财源建设工作由王明同志牵头，李华同志具体负责，张三、李四同志分管负责"
    assert first.lead_leaders == ("王明",)
    assert first.responsible == ("李华", "张三", "李四")
    assert second.ref == "二#2"
    assert second.lead_units == ("县政府办",)  # the unit of an unnamed post
    assert second.coop_units == ("县发改局", "各乡镇")


def test_convener_and_heads_of_units():
    task, = tasks_of(HEADER + """四、保障措施

（一）加强组织实施。成立工作专班，由县委常委、副县长陈刚召集，县工信局、县财政局主要负责人具体负责，统筹协调产业集群培育。
""")
    assert task.lead_leaders == ("陈刚",)
    assert task.lead_units == ("县工信局", "县财政局")
    assert task.text.startswith("成立工作专班，由县委常委、副县长陈刚召集")


def test_lead_with_together_and_funds_sentence():
    tasks = tasks_of(HEADER + """（三）强化资金保障。积极争取专项资金。奖励资金由县工信局牵头，会同高新区管委会、县财政局共同把关，做好审批工作。

2.制定奖励方案。由县财政局会同县发改局，负责各类资金的统计，制定奖励方案。根据审定结果，县委、县政府对先进单位进行奖励。
""")
    first, second = tasks
    assert first.text == "奖励资金由县工信局牵头，会同高新区管委会、县财政局共同把关，做好审批工作。"
    assert first.lead_units == ("县工信局",)
    assert first.coop_units == ("高新区管委会", "县财政局")
    assert second.lead_units == ("县财政局",)
    assert second.coop_units == ("县发改局",)
    assert second.text == "由县财政局会同县发改局，负责各类资金的统计，制定奖励方案。"


def test_lead_by_the_town_of_an_unnamed_head():
    task, = tasks_of(HEADER + """一、组织保障

各乡镇对应成立相应工作小组，乡镇长牵头负责，统筹协调开展属地内工作。
""")
    assert task.lead_units == ("各乡镇",)


def test_no_task_without_a_named_person_or_unit():
    assert tasks_of(HEADER + """三、组织实施

（一）加强组织领导。建立由县长任召集人，县民政局、县财政局等部门为成员的联席会议制度，由县政府分管副县长任召集人，牵头单位主要负责同志任副召集人。县政府副县长牵头负责分管单位工作。

（二）实行清单管理。各部门要明确具体责任单位、牵头负责人。对工作推进有力的单位，予以通报表扬。
""") == []


# --------------------------------------------------------------------------
# Meeting decisions

MINUTES = """第5次

云溪市人民政府办公室
2025年3月20日

2025年3月2日，市长王明主持召开第5次常务会议。

一

会议听取了全市春耕备耕工作汇报，研究议定以下意见：

（一）原则同意《云溪市2025年春耕生产工作方案》，市农业农村局根据会议意见修改完善后按程序印发，并牵头抓好落实。

（二）由李华同志牵头，市农业农村局具体负责，市财政局、市水利局、各乡镇等部门协同配合，确保春耕生产顺利推进。

—

会议研究了城区停车问题，研究议定以下意见：

由张强同志牵头，刘伟同志具体负责组织市公安局、市城管局等相关单位制定停车治理方案，3月底前报市政府审定。市交警大队要加强执法。

由市住建局负责，会同市自然资源局做好停车场规划选址。市财政局负责做好资金保障。

三

会议听取了龙舟赛筹备情况汇报。**一要严控开支。**由杨帆、周红同志牵头调度，市财政局、市文旅局等相关单位精细谋划资金筹措渠道。**二要明确任务。**会议明确，由市委常委、副市长赵刚召集，市体育局主要负责人具体负责，统筹做好赛事组织工作。

会议要求，市文旅局要加强安全管理。

出 席：王明、李华、张强、赵刚
记 录：孙丽
"""


def test_meeting_decisions():
    refs = by_ref(tasks_of(MINUTES))
    assert refs["一/(一)"].lead_units == ("市农业农村局",)  # "…，并牵头抓好落实"
    led = refs["一/(二)"]
    assert led.lead_leaders == ("李华",)
    assert led.lead_units == ("市农业农村局",)
    assert led.coop_units == ("市财政局", "市水利局", "各乡镇")
    assert led.shape == "clause"


def test_meeting_person_in_charge_and_organised_units():
    refs = by_ref(tasks_of(MINUTES))
    task = refs["二"]  # the unreadable section number "—" is the second section
    assert task.lead_leaders == ("张强",)
    assert task.responsible == ("刘伟",)
    assert task.coop_units == ("市公安局", "市城管局")
    assert task.deadline == "2025-03-31"
    assert task.text.endswith("3月底前报市政府审定。")  # the next sentence has a subject of its own
    assert refs["二#2"].lead_units == ("市住建局",)
    assert refs["二#2"].coop_units == ("市自然资源局",)
    assert refs["二#3"].lead_units == ("市财政局",)
    assert refs["二#3"].shape == "decision"


def test_meeting_counted_parts_and_convener():
    refs = by_ref(tasks_of(MINUTES))
    first = refs["三/一要"]
    assert first.title == "严控开支"
    assert first.text.startswith("由杨帆、周红同志牵头调度")
    assert first.lead_leaders == ("杨帆", "周红")
    assert first.lead_units == ("市财政局", "市文旅局")
    second = refs["三/二要"]
    assert second.lead_leaders == ("赵刚",)
    assert second.lead_units == ("市体育局",)


def test_meeting_requests_and_leaders_named_before_their_title():
    tasks = tasks_of("""2025年5月12日，县长王明主持召开第8次常务会议。

一、会议研究了城区内涝治理工作

会议决定，请县住建局牵头，县水利局、县城管局配合，5月底前完成排涝设施排查。责成县财政局牵头做好资金保障。由李华副县长牵头，县应急管理局具体负责，各乡镇协同配合，做好防汛准备。由分管副县长牵头，县商务局、县发改局等单位依职能职责开展项目对接。
""")
    asked, charged, named, unnamed = tasks
    assert asked.lead_units == ("县住建局",) and asked.coop_units == ("县水利局", "县城管局")
    assert asked.deadline == "2025-05-31"
    assert charged.lead_units == ("县财政局",)
    assert named.lead_leaders == ("李华",) and named.coop_units == ("各乡镇",)
    assert unnamed.lead_leaders == () and unnamed.lead_units == ("县商务局", "县发改局")


def test_meeting_directives_without_assignment_words_are_no_tasks():
    tasks = tasks_of(MINUTES)
    assert not any("加强执法" in t.text or "加强安全管理" in t.text for t in tasks)
    assert not any("王明" in t.lead_leaders for t in tasks)


# --------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("text", [
    "关于开展某某工作的通知\n\n（牵头）\n",
    HEADER + "（）（（（）\n一、\n一是二是\n由\n牵头\n由同志牵头，具体负责\n附件\n（县发改局牵头，）\n（牵头单位：）\n1.\n①\n—\n",
    "2025年3月2日，县长王明主持召开第5次常务会议。\n由\n由王明同志\n由同志牵头\n",
])
def test_odd_input_gives_no_noise(text):
    for task in tasks_of(text):
        assert task.text and (task.lead_units or task.lead_leaders or task.coop_units or task.responsible)
        assert task.text != "附件"


FRAGMENTS = ["一、", "（二）", "3.", "(4)", "①", "一是", "二要", "附件", "—", "由", "同志", "牵头", "具体负责", "会同",
             "协同配合", "召集", "县发改局", "各乡镇", "王明", "、", "，", "。", "；", "（", "）", "(", ")", "：",
             "牵头单位：", "配合单位:", "责任人：", "目标：", "2025年6月底前", "**", "\n", "\n\n", " ", "等按职能分工负责",
             "職能", "負責", "的", "要", "负责"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_the_grammar_never_breaks_on_fragments(pieces):
    gazette = split_documents(source_from_string(HEADER + "".join(pieces) + "\n"))
    for doc in gazette.documents:
        for task in _extract(doc):  # the grammar itself, without the extractor's safety net
            assert gazette.source.text[task.evidence.start:task.evidence.end] == task.evidence.text
            assert task.text.strip()


def test_registered():
    assert "paragraph_tasks" in load_extractors()


# --------------------------------------------------------------------------
# The seed gazette

PARAGRAPH_DOCS = {
    "汨政办发〔2025〕1号", "汨政办发〔2025〕2号", "汨政办发〔2025〕3号", "汨政办发〔2025〕4号", "汨政办发〔2025〕5号",
    "汨政办函〔2025〕1号", "汨政办函〔2025〕8号", "汨政办函〔2025〕9号", "汨政办函〔2025〕14号",
    "汨政发〔2025〕1号", "汨政发〔2025〕2号",
}


def _as_facts(tasks):
    return {"schema": "gazette-facts/1", "tasks": [
        {"doc_no": t.doc_no, "ref": t.ref, "text": t.text,
         "lead_leaders": [n.replace(" ", "") for n in t.lead_leaders], "lead_units": list(t.lead_units),
         "coop_units": list(t.coop_units), "responsible": [n.replace(" ", "") for n in t.responsible],
         "deadline": t.deadline} for t in tasks]}


@pytest.fixture(scope="module")
def seed():
    gazette = ingest_file(DATA)
    tasks = [t for doc in gazette.documents for t in extract_paragraph_tasks(doc)]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return gazette, tasks, gold


def _paragraph_gold(gold, keep):
    # table rows of 汨政发〔2025〕1号 have refs like "1-税收收入地方财力"; they are table_tasks'
    return {"schema": "gazette-facts/1",
            "tasks": [t for t in gold["tasks"] if keep(t["doc_no"]) and "-" not in (t["ref"] or "")]}


def test_seed_paragraph_tasks_score(seed):
    gazette, tasks, gold = seed
    keep = lambda doc_no: doc_no in PARAGRAPH_DOCS or "纪要" in doc_no  # noqa: E731
    scores = score_facts(_as_facts([t for t in tasks if keep(t.doc_no)]), _paragraph_gold(gold, keep))
    assert scores["tasks.found"].recall >= 0.95
    assert scores["tasks.found"].f1 >= 0.95
    assert scores["tasks"].f1 >= 0.92


def test_seed_meeting_leaders(seed):
    gazette, tasks, gold = seed
    keep = lambda doc_no: "纪要" in doc_no  # noqa: E731
    scores = score_facts(_as_facts([t for t in tasks if keep(t.doc_no)]), _paragraph_gold(gold, keep))
    assert scores["tasks.lead_leaders"].f1 >= 0.97


def test_seed_evidence_and_no_tasks_from_table_documents(seed):
    gazette, tasks, gold = seed
    for task in tasks:
        assert gazette.source.text[task.evidence.start:task.evidence.end] == task.evidence.text
    table_only = {"汨政办函〔2025〕12号", "汨政办函〔2025〕13号"}
    assert not [t for t in tasks if t.doc_no in table_only]
    assert not [t for t in tasks if t.doc_no.startswith("汨政人")]  # appointments assign no tasks


# --- other counties' meeting and plan phrasings; the unit grammar's guards ---------------------

MINUTES_AGREED = MINUTES.split("一\n\n会议听取")[0] + """一

会议议定：请乔立峰同志牵头，市住建局具体负责，市市场监管局、市城管局配合，2025年6月底前完成农贸市场改造。

二

会议明确，由市财政从预备费中安排50万元用于防治。市财政压力较大，要统筹安排。由邝美玲同志牵头，市自然资源局具体负责，组织市水利局、市应急管理局、各乡镇全面排查隐患点。

出 席：王明
"""


def test_agreed_decisions_and_departments_named_by_field():
    refs = by_ref(tasks_of(MINUTES_AGREED))
    agreed = refs["一"]  # "会议议定：请X同志牵头"
    assert agreed.lead_leaders == ("乔立峰",)
    assert agreed.lead_units == ("市住建局",)
    assert agreed.coop_units == ("市市场监管局", "市城管局")
    # "由市财政…": a department named by its field in a role position is a unit …
    assert refs["二"].lead_units == ("市财政",)
    # … but not as a clause's only subject ("市财政压力较大")
    assert all("压力" not in task.text[:6] for task in refs.values())
    organised = next(t for t in refs.values() if t.lead_leaders == ("邝美玲",))
    # "市应急" of 市应急管理局 is no unit of its own
    assert organised.coop_units == ("市水利局", "市应急管理局", "各乡镇")


def test_a_lead_mark_inside_a_responsibility_list():
    tasks = tasks_of(HEADER + """1.大力新造高产油茶林。新造油茶林1.2万亩。
责任单位：县林业局（牵头）、县财政局、各乡镇
2.加快低产林改造。改造低产林0.8万亩。
责任单位:县农业农村局(牵头)、县林业局
""")
    first, second = tasks
    assert (first.lead_units, first.coop_units) == (("县林业局",), ("县财政局", "各乡镇"))
    assert (second.lead_units, second.coop_units) == (("县农业农村局",), ("县林业局",))


def test_ji_joins_units_and_a_department_named_by_field_in_a_list():
    first, second = tasks_of(HEADER + "1.强化督查问效。定期开展专项督查（县委办牵头，各相关单位及两办督查室按职能分工负责）。\n"
                                      "2.严格考核。纳入年度考核（县绩效办、县财政及县审计局按职能分工负责）。\n")
    assert (first.lead_units, first.coop_units) == (("县委办",), ("各相关单位", "两办督查室"))
    assert second.lead_units == ("县绩效办", "县财政", "县审计局")


# --------------------------------------------------------------------------
# Other counties: units named inside the sentence, 牵头 inside a 责任单位 label,
# directives of a closing 工作要求 section, attendance sentences of minutes

JOINT_NOTICE = """云办发〔2025〕3号

中共云溪县委办公室　云溪县人民政府办公室
关于做好2025年青年就业工作的通知

各乡镇（街道），县直各单位：

    一、开发就业岗位

    1. 拓展基层就业空间。实施基层服务项目，招募工作由团县委负责组织，县人社局、县教育局协助
做好资格审核，服务期满的按规定落实政策。（完成时限：2025年8月底前）

    2. 加大贷款支持。贴息资金由县财政局、县人社局负责足额保障，人民银行云溪县支行配合督促经办银行
简化流程。（完成时限：长期坚持）

    3. 落实实名帮扶。实行“一人一档”帮扶，帮扶台账由县人社局负责建立并动态更新，县民政局配合做好信息比对。

    4. 建设青年创业园。入驻创业实体不少于30家。（责任单位：县科工局牵头，县人社局、县住建局配合；完成时
限：2025年10月）

    5. 维修旧设施。损毁设施的维修费用由县财政局负责保障。

    二、工作要求

    （一）压实工作责任。各乡镇（街道）、县直各单位要把青年就业工作作为重要民生工程，确保任务落地见效。

    （二）加强督查调度。由县委督查室、县政府督查室负责，将就业工作纳入年度重点督查事项。

    （三）营造良好氛围。县融媒体中心要开设青年就业专栏，宣传一批创业典型。

    （四）强化思想认识。各单位要高度重视，主要负责同志亲自抓。

中共云溪县委办公室
云溪县人民政府办公室
2025年5月12日
"""


def test_units_in_charge_named_inside_the_sentence():
    refs = by_ref(tasks_of(JOINT_NOTICE))
    recruit = next(t for t in refs.values() if "招募工作" in t.text)
    assert (recruit.lead_units, recruit.coop_units) == (("团县委",), ("县人社局", "县教育局"))  # 协助 cooperates
    assert recruit.deadline == "2025-08-31"  # the closing bracket holds only the deadline
    assert recruit.text.startswith("实施基层服务项目")  # the whole sentence, not from 由 on
    loans = next(t for t in refs.values() if "贴息资金" in t.text)
    assert (loans.lead_units, loans.coop_units) == (("县财政局", "县人社局"), ("人民银行云溪县支行",))
    assert loans.deadline is None
    ledger = next(t for t in refs.values() if "帮扶台账" in t.text)  # no bracket at all
    assert (ledger.lead_units, ledger.coop_units) == (("县人社局",), ("县民政局",))
    # "X由Y负责保障" alone only describes who pays: no division of work, no task
    assert not any("维修费用" in t.text for t in refs.values())


def test_lead_and_cooperating_units_inside_one_responsibility_label():
    park = next(t for t in tasks_of(JOINT_NOTICE) if "创业园" in t.text)
    assert park.lead_units == ("县科工局",)
    assert park.coop_units == ("县人社局", "县住建局")
    assert park.deadline == "2025-10-31"  # the label wrapped inside 完成时限


def test_directives_of_a_closing_requirements_section():
    tasks = tasks_of(JOINT_NOTICE)
    leads = {t.lead_units for t in tasks}
    assert ("各乡镇（街道）", "县直各单位") in leads
    assert ("县委督查室", "县政府督查室") in leads
    assert ("县融媒体中心",) in leads
    duty = next(t for t in tasks if t.lead_units == ("县融媒体中心",))
    assert duty.text == "县融媒体中心要开设青年就业专栏，宣传一批创业典型。"  # heading left out
    # "各单位要高度重视": everyone in general, nobody in particular
    assert not any("高度重视" in t.text for t in tasks)


def test_the_same_directive_outside_a_requirements_section_is_no_task():
    tasks = tasks_of(HEADER + "一、总体要求\n\n（一）明确目标。县融媒体中心要开设青年就业专栏，宣传一批创业典型。\n")
    assert tasks == []


def test_requirement_directives_with_ascii_punctuation():
    tasks = tasks_of(HEADER + "五、保障措施\n\n(一)加强组织领导。各乡镇、县直有关部门要把此项工作纳入重要议事日程,确保落实。\n")
    assert [t.lead_units for t in tasks] == [("各乡镇", "县直有关部门")]


MINUTES_WITH_ATTENDANCE = """2025年5月15日上午，韦明市长主持召开2025年第5次市长办公会议。

一、关于农贸市场提质改造

会议原则同意农贸市场提质改造方案。由尚文副市长牵头，市商务局局长郁和同志具体负责，组织市市场监管局、各镇人民政府于2025年10月底前完成首批改造。

二、关于城区停车设施建设

会议要求，市城管局要加快推进公共停车场建设。

参加会议的有：韦明、尚文、莫川。市发改局、市财政局、市商务局负责同志列席。
"""


def test_person_in_charge_printed_after_a_post():
    (task,) = tasks_of(MINUTES_WITH_ATTENDANCE)
    assert task.lead_leaders == ("尚文",)
    assert task.responsible == ("郁和",)  # not "市商务局局长郁和"
    assert task.lead_units == ()
    assert task.coop_units == ("市市场监管局", "各镇人民政府")
    assert task.deadline == "2025-10-31"


def test_attendance_sentences_of_minutes_are_no_tasks():
    tasks = tasks_of(MINUTES_WITH_ATTENDANCE)
    assert not any("列席" in t.text or "参加会议" in t.text for t in tasks)
    assert not any("市发改局" in t.lead_units for t in tasks)


BARE_REQUIREMENTS = """云政发〔2025〕9号

云溪市人民政府
关于印发《2025年城市体检工作方案》的通知

各镇人民政府，市直各单位：

    一、主要任务

    （一）开展城市体检。全面摸清城市短板，形成体检报告。

工作要求

    （一）压实工作责任。市住建局要对体检工作负总责，细化工作措施。

    （二）加强调度督办。市政府督查室要将体检工作纳入年度督查计划。

云溪市人民政府
2025年6月3日
"""


def test_a_bare_requirements_heading_makes_unit_subject_sentences_tasks():
    # "工作要求" on a line of its own, no outline number: its items are numbered afresh under it
    refs = by_ref(tasks_of(BARE_REQUIREMENTS))
    assert refs["工作要求/(一)"].lead_units == ("市住建局",)
    assert refs["工作要求/(二)"].lead_units == ("市政府督查室",)
    assert refs["工作要求/(二)"].text.startswith("市政府督查室要")


def test_without_the_bare_heading_unit_subject_sentences_are_no_tasks():
    plain = BARE_REQUIREMENTS.replace("工作要求\n", "")
    assert not any("督查计划" in t.text for t in tasks_of(plain))


def test_minutes_topic_heading_with_book_title_is_not_decision_text_and_deadline_is_kept():
    text = ("青山县人民政府第九次常务会议纪要\n\n"
            "　　2025年5月8日，县长高文山主持召开第九次常务会议。会议研究了以下事项：\n\n"
            "　　一、关于《青山县2025年农村公路提质改造实施方案》\n"
            "　　会议原则同意《青山县2025年农村公路提质改造实施方案》，要求县交通运输局牵头，县财政局配合，"
            "进一步完善方案后按程序印发实施，9月底前全部开工。\n")
    [task] = tasks_of(text)
    assert task.text.startswith("会议原则同意《青山县")
    assert task.text.endswith("9月底前全部开工。")
    assert task.lead_units == ("县交通运输局",)
    assert task.coop_units == ("县财政局",)
    assert task.deadline == "2025-09-30"


@pytest.mark.parametrize("requirements", [
    "四、工作要求\n（一）强化督办。县政府督查室要将清单任务纳入重点督查事项，每季度通报一次。\n",
    "工作要求\n（一）强化督办。县政府督查室要将清单任务纳入重点督查事项，每季度通报一次。\n",
    "现就有关工作要求通知如下：\n一、强化督办。县政府督查室要将清单任务纳入重点督查事项，每季度通报一次。\n"
    "二、严格考核。任务完成情况纳入年度绩效考核。\n",
])
def test_unit_subject_under_work_requirements_is_a_task(requirements):
    text = ("青山县人民政府关于做好下半年重点工作的通知\n青政发〔2025〕3号\n各乡镇人民政府，县直各单位：\n"
            + requirements + "青山县人民政府\n2025年7月1日\n")
    tasks = tasks_of(text)
    assert [t.lead_units for t in tasks] == [("县政府督查室",)]
    assert tasks[0].text == "县政府督查室要将清单任务纳入重点督查事项，每季度通报一次。"
