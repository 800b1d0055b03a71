"""Appointments and removals -> PersonnelChange facts (invented 青山县 notices)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import score_facts
from kg.extract.personnel import extract_personnel
from kg.extract.printed_forms import restore_printed_forms
from kg.ingest import read_source, source_from_string, split_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"


def notice(body: str, title: str = "青山县人民政府关于王明等同志职务任免的通知", doc_no: str = "青政人〔2025〕7号") -> str:
    return (f"{doc_no}\n\n{title}\n\n各乡镇人民政府，县直各单位：\n\n经县人民政府研究决定：\n\n"
            f"{body}\n\n青山县人民政府\n\n2025年4月2日\n")


def changes(text: str):
    gazette = split_documents(source_from_string(text))
    assert len(gazette.documents) == 1
    facts = extract_personnel(gazette.documents[0])
    for f in facts:  # every evidence is an exact span of the source
        assert gazette.source.text[f.evidence.start:f.evidence.end] == f.evidence.text
    # as the pipeline does: a traditional-character text's facts get their printed forms back
    return [restore_printed_forms(f, gazette.source) for f in facts]


def rows(facts):
    return [(f.person.replace(" ", ""), f.action, f.post, f.female, f.probation) for f in facts]


def test_appoint_and_remove_with_female_and_probation():
    facts = changes(notice("王明同志任县财政局副局长；\n\n李 芳（女）同志任县教育局局长（试用期一年）；\n\n"
                           "免去赵强同志县水利局副局长职务。"))
    assert rows(facts) == [
        ("王明", "appoint", "县财政局副局长", False, False),
        ("李芳", "appoint", "县教育局局长", True, True),
        ("赵强", "remove", "县水利局副局长", False, False),
    ]
    assert {f.date for f in facts} == {"2025-04-02"}  # the notice's signing date
    assert facts[1].person == "李 芳"  # the name as printed, layout space kept
    assert facts[2].evidence.text == "免去赵强同志县水利局副局长职务"


def test_appoint_then_remove_in_one_sentence_gives_two_changes():
    facts = changes(notice("孙丽（女）同志任县住房和城乡建设局副局长（试用期一年），免去其县住房和城乡建设事务中心主任职务；"))
    assert rows(facts) == [
        ("孙丽", "appoint", "县住房和城乡建设局副局长", True, True),
        # the removal takes the （女） of the sentence and never the probation
        ("孙丽", "remove", "县住房和城乡建设事务中心主任", True, False),
    ]
    assert facts[0].evidence == facts[1].evidence


def test_several_posts_for_one_person():
    facts = changes(notice("张伟同志任县财政局党组成员、副局长，兼任县国资中心主任；"))
    assert rows(facts) == [
        ("张伟", "appoint", "县财政局党组成员", False, False),
        ("张伟", "appoint", "县财政局副局长", False, False),  # a bare office is at the unit before it
        ("张伟", "appoint", "县国资中心主任", False, False),
    ]


def test_removal_of_several_posts_and_leading_county_name_kept():
    facts = changes(notice("免去陈刚同志青山县自然资源行政执法大队大队长、县自然资源局党组成员职务。"))
    assert rows(facts) == [
        ("陈刚", "remove", "青山县自然资源行政执法大队大队长", False, False),
        ("陈刚", "remove", "县自然资源局党组成员", False, False),
    ]


def test_other_counties_phrasings():
    facts = changes(notice("任命刘洋为县审计局局长；\n免去周敏的县审计局副局长职务；\n"
                           "吴涛不再担任县交通运输局副局长职务；\n聘任郑云为县人民医院副院长；\n"
                           "解聘何平的县疾控中心副主任职务；\n"
                           "任孙红（女）为县财政局副局长（试用期一年）。"))
    assert rows(facts) == [
        ("刘洋", "appoint", "县审计局局长", False, False),
        ("周敏", "remove", "县审计局副局长", False, False),
        ("吴涛", "remove", "县交通运输局副局长", False, False),
        ("郑云", "appoint", "县人民医院副院长", False, False),
        ("何平", "remove", "县疾控中心副主任", False, False),
        ("孙红", "appoint", "县财政局副局长", True, True),
    ]


def test_appointment_without_tongzhi_in_an_appointment_notice():
    facts = changes(notice("黄磊任县城管局副局长（试用期一年）；\n马丽（女）任县妇联副主席。"))
    assert rows(facts) == [("黄磊", "appoint", "县城管局副局长", False, True),
                           ("马丽", "appoint", "县妇联副主席", True, False)]
    # elsewhere "X任Y" is too loose to be read as an appointment
    assert changes(notice("黄磊任县城管局副局长。", title="青山县人民政府关于城市管理工作的通知")) == []


def test_removal_without_tongzhi_or_de_splits_name_from_post():
    facts = changes(notice("免去韩雪县林业局副局长职务；\n免去欧阳明县财政局局长职务。"))
    assert rows(facts) == [
        ("韩雪", "remove", "县林业局副局长", False, False),
        ("欧阳明", "remove", "县财政局局长", False, False),
    ]


def test_header_lists_and_probation_for_all():
    facts = changes(notice("任命：\n\n王明为县发改局副局长；\n\n李四为县商务局局长；\n\n免去：\n\n赵强的县水利局副局长职务。\n\n"
                           "以上任职人员试用期一年。"))
    assert rows(facts) == [
        ("王明", "appoint", "县发改局副局长", False, True),
        ("李四", "appoint", "县商务局局长", False, True),
        ("赵强", "remove", "县水利局副局长", False, False),
    ]


def test_ascii_punctuation_and_traditional_characters():
    facts = changes(notice("王明同志任县财政局副局长(试用期一年);\n李芳(女)同志任县教育局局长;\n"
                           "張偉同志任县財政局副局長，免去其县稅務局副局長職務。"))
    assert rows(facts) == [
        ("王明", "appoint", "县财政局副局长", False, True),
        ("李芳", "appoint", "县教育局局长", True, False),
        ("張偉", "appoint", "县財政局副局長", False, False),
        ("張偉", "remove", "县稅務局副局長", False, False),
    ]


def test_single_notice_pasted_from_a_web_page():
    text = ("首页 > 政务公开 > 人事信息\n发布时间：2025-04-03 来源：云溪市人民政府\n"
            "云溪市人民政府关于黄磊等同志职务任免的通知\n云政人〔2025〕3号\n各区人民政府，市直各单位：\n"
            "黄磊同志任市城管局副局长；\n免去马超同志市城管局副局长职务。\n"
            "云溪市人民政府\n2025年4月3日\n【打印】【关闭】\n")
    facts = changes(text)
    assert rows(facts) == [("黄磊", "appoint", "市城管局副局长", False, False),
                           ("马超", "remove", "市城管局副局长", False, False)]
    assert facts[0].doc_no == "云政人〔2025〕3号" and facts[0].date == "2025-04-03"


def test_group_roles_are_not_personnel_changes():
    text = notice("一、组成人员\n\n成立由县政府办副主任王明任召集人，李四、张三同志任办公室主任，县发改局主要负责同志任副召集人。",
                  title="青山县人民政府办公室关于成立招商工作专班的通知", doc_no="青政办函〔2025〕9号")
    assert changes(text) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("任免去同志为职务的（女）试用期一年，；。：王李张县局长副主任 \n聘命不再担")), max_size=80))
def test_never_raises_on_odd_input(body):
    text = notice(body)
    gazette = split_documents(source_from_string(text))
    for doc in gazette.documents:
        for fact in extract_personnel(doc):
            assert fact.action in ("appoint", "remove")
            assert gazette.source.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text


def test_seed_gazette_scores():
    gazette = split_documents(read_source(SEED))
    predicted = [
        {"doc_no": f.doc_no, "date": f.date, "person": f.person.replace(" ", ""), "action": f.action,
         "post": f.post, "female": f.female, "probation": f.probation}
        for doc in gazette.documents for f in extract_personnel(doc)
    ]
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    scores = score_facts({"schema": "gazette-facts/1", "source": gold["source"], "personnel_changes": predicted}, gold)
    assert scores["personnel"].f1 >= 0.97
    assert scores["personnel.attrs"].f1 >= 0.97


# --- （女） without 同志 or 的, ASCII brackets, several people, notes after the post ------------

@pytest.mark.parametrize("body, expected", [
    ("免去卞晓兰（女）县财政局副局长职务。", [("卞晓兰", "remove", "县财政局副局长", True, False)]),
    ("免去卞晓兰(女)县财政局副局长职务。", [("卞晓兰", "remove", "县财政局副局长", True, False)]),
    ("任命卞晓兰（女）为县财政局副局长。", [("卞晓兰", "appoint", "县财政局副局长", True, False)]),
    ("任命卞晓兰(女)为县财政局副局长(试用期一年)。", [("卞晓兰", "appoint", "县财政局副局长", True, True)]),
    ("卞晓兰(女)同志任县财政局副局长(试用期一年);", [("卞晓兰", "appoint", "县财政局副局长", True, True)]),
    ("卞晓兰(女)同志任县财政局副局长,免去其县审计局副局长职务;",
     [("卞晓兰", "appoint", "县财政局副局长", True, False), ("卞晓兰", "remove", "县审计局副局长", True, False)]),
    ("免去卞晓兰(女)同志县审计局副局长职务;", [("卞晓兰", "remove", "县审计局副局长", True, False)]),
    ("免去卞晓兰(女)同志的县审计局副局长职务;", [("卞晓兰", "remove", "县审计局副局长", True, False)]),
    ("免去卞晓兰(女)的县审计局副局长职务;", [("卞晓兰", "remove", "县审计局副局长", True, False)]),
    ("卞晓兰(女)不再担任县审计局副局长职务;", [("卞晓兰", "remove", "县审计局副局长", True, False)]),
    ("聘任卞晓兰(女)为县人民医院副院长(试用期一年)。", [("卞晓兰", "appoint", "县人民医院副院长", True, True)]),
    ("任卞晓兰(女)为县审计局副局长。", [("卞晓兰", "appoint", "县审计局副局长", True, False)]),
    ("免去檀家栋县审计局副局长职务。", [("檀家栋", "remove", "县审计局副局长", False, False)]),
])
def test_female_marker_and_ascii_brackets_in_every_shape(body, expected):
    assert rows(changes(notice(body))) == expected


def test_several_people_given_one_post():
    facts = changes(notice("任命阙少华、仇晓东(女)为县政府办公室副主任（试用期一年）；"))
    assert rows(facts) == [
        ("阙少华", "appoint", "县政府办公室副主任", False, True),
        ("仇晓东", "appoint", "县政府办公室副主任", True, True),
    ]


def test_a_note_after_the_post_is_not_part_of_it():
    facts = changes(notice("免去：\n晁永康的县教育局局长职务（另有任用）；\n佟淑芬（女）的县审计局副局长职务（退休）。\n"
                           "聘任戚慕白为县人民医院院长（聘期三年）；\n"
                           "任命甄立平为县疾病预防控制中心（卫生监督执法局）主任。"))
    assert rows(facts) == [
        ("晁永康", "remove", "县教育局局长", False, False),
        ("佟淑芬", "remove", "县审计局副局长", True, False),
        ("戚慕白", "appoint", "县人民医院院长", False, False),
        # a bracket inside the unit's name stays
        ("甄立平", "appoint", "县疾病预防控制中心（卫生监督执法局）主任", False, False),
    ]


def test_a_note_bracket_with_a_comma_inside_is_dropped_whole():
    facts = changes(notice("聘任雷晓雯（女）同志为县融媒体中心副主任（聘期三年，试用期一年）；\n"
                           "聘任卜文涛同志为县融媒体中心主任(聘期三年, 试用期一年);\n"
                           "经研究，鲍卫东同志任综合办公室主任（正科级），免去其县商务局副局长职务。"))
    assert rows(facts) == [
        ("雷晓雯", "appoint", "县融媒体中心副主任", True, True),
        ("卜文涛", "appoint", "县融媒体中心主任", False, True),
        # a rank bracket is a grade, not part of the post
        ("鲍卫东", "appoint", "综合办公室主任", False, False),
        ("鲍卫东", "remove", "县商务局副局长", False, False),
    ]


def test_nominations_are_no_appointments():
    # 提名/推荐 … 人选 puts a candidate forward for another body to elect: not 任, so no change
    facts = changes(notice("提名冯军为县统计局局长人选；\n推荐李丽（女）同志为县妇联主席人选；\n"
                           "任命张伟为县审计局局长，提名其为县审计局党组书记人选；\n"
                           "提名刘洋为县供销合作社联合社理事会主任候选人，免去其县供销社副主任职务。"))
    assert rows(facts) == [
        ("张伟", "appoint", "县审计局局长", False, False),
        ("刘洋", "remove", "县供销社副主任", False, False),
    ]


def test_rare_surnames_where_the_wording_marks_the_name_off():
    # surnames missing from any list (宦, 仉, 籍, 覀) are read where 任命…为 / …同志任 / 免去…的 show the name
    facts = changes(notice("任命宦志鹏为县发展和改革局副局长（试用期一年）；\n仉崇岳同志任县水利局局长；\n"
                           "免去籍海宁的县林业局副局长职务；\n免去覀立新同志县统计局局长职务；\n"
                           "任命仉东、籍晓红（女）为县政府办公室副主任；\n"
                           "亓思远同志不再担任县商务局局长职务（另有任用）。"))
    assert rows(facts) == [
        ("宦志鹏", "appoint", "县发展和改革局副局长", False, True),
        ("仉崇岳", "appoint", "县水利局局长", False, False),
        ("籍海宁", "remove", "县林业局副局长", False, False),
        ("覀立新", "remove", "县统计局局长", False, False),
        ("仉东", "appoint", "县政府办公室副主任", False, False),
        ("籍晓红", "appoint", "县政府办公室副主任", True, False),
        ("亓思远", "remove", "县商务局局长", False, False),
    ]


def test_words_in_a_name_position_are_not_read_as_names():
    facts = changes(notice("免去下列同志的职务：\n任命以上同志为县政府办公室副主任；\n一名同志任县水利局局长；\n"
                           "由专人同志任县林业局局长。"))
    assert facts == []


PERSONNEL_TABLE = """云溪市人民政府关于宦志鹏等同志职务任免的通知
云政任〔2025〕4号
各区人民政府，市直各单位：
　　经市人民政府研究，决定对下列同志职务进行任免：
姓名\t任职\t免职
宦志鹏\t市交通运输局局长\t市公路事务中心主任
韦丽（女）\t市审计局副局长\t
覃 明\t市自然资源局副局长（试用期一年）\t
石海平\t市统计局局长、市统计普查中心主任\t市统计局副局长；市统计局党组成员
黎长林\t\t市水利局副局长
　　以上同志的任职时间从发文之日起计算。
云溪市人民政府
2025年5月9日
"""


def test_personnel_table_with_appointment_and_removal_columns():
    gazette = split_documents(source_from_string(PERSONNEL_TABLE))
    facts = changes(PERSONNEL_TABLE)
    assert rows(facts) == [
        ("宦志鹏", "appoint", "市交通运输局局长", False, False),
        ("宦志鹏", "remove", "市公路事务中心主任", False, False),
        ("韦丽", "appoint", "市审计局副局长", True, False),  # （女） after the name; empty 免职 cell
        ("覃明", "appoint", "市自然资源局副局长", False, True),  # probation note inside the cell
        ("石海平", "appoint", "市统计局局长", False, False),  # two posts in one cell, split on 、
        ("石海平", "appoint", "市统计普查中心主任", False, False),
        ("石海平", "remove", "市统计局副局长", False, False),  # … and on ；
        ("石海平", "remove", "市统计局党组成员", False, False),
        ("黎长林", "remove", "市水利局副局长", False, False),  # empty 任职 cell: only a removal
    ]
    assert facts[3].person == "覃 明" and facts[2].person == "韦丽"  # as printed, without the （女）
    assert {f.doc_no for f in facts} == {"云政任〔2025〕4号"} and {f.date for f in facts} == {"2025-05-09"}
    # evidence: the row, and not the prose under the table
    assert facts[0].evidence.text == "宦志鹏\t市交通运输局局长\t市公路事务中心主任"
    assert facts[-1].evidence.text == "黎长林\t\t市水利局副局长"
    assert gazette.documents[0].tables  # the rows come from the rebuilt table


def test_personnel_table_with_other_headings_and_a_sex_column():
    text = PERSONNEL_TABLE.replace("姓名\t任职\t免职", "姓名\t性别\t拟任职务\t免去职务").replace(
        "宦志鹏\t市交通", "宦志鹏\t男\t市交通").replace("韦丽（女）\t", "韦丽\t女\t").replace(
        "覃 明\t", "覃 明\t男\t").replace("石海平\t", "石海平\t男\t").replace("黎长林\t", "黎长林\t男\t")
    found = {(p, a, post, female) for p, a, post, female, _ in rows(changes(text))}
    assert ("韦丽", "appoint", "市审计局副局长", True) in found
    assert ("黎长林", "remove", "市水利局副局长", False) in found and len(found) == 9


def test_a_table_of_present_posts_is_no_personnel_change():
    text = PERSONNEL_TABLE.replace("姓名\t任职\t免职", "姓名\t现任职务\t联系电话")
    assert changes(text) == []


@pytest.mark.parametrize("appoint_heading, remove_heading", [
    ("决定任命：", "决定免去："), ("现决定任命：", "现决定免去："), ("决定聘任:", "决定解聘:"),
])
def test_block_headings_with_deciding_words(appoint_heading, remove_heading):
    facts = changes(notice(f"{appoint_heading}\n王明为县财政局副局长；李丽（女）为县审计局副局长。\n"
                           f"{remove_heading}\n赵强的县水利局副局长职务。"))
    assert rows(facts) == [
        ("王明", "appoint", "县财政局副局长", False, False),
        ("李丽", "appoint", "县审计局副局长", True, False),
        ("赵强", "remove", "县水利局副局长", False, False),
    ]


@pytest.mark.parametrize("note", ["（ 试用期一年)", "(试用期一年）", "( 试用期一年 )", "（试用期一年）"])
def test_probation_in_mixed_or_spaced_brackets(note):
    facts = changes(notice(f"任命：\n周伟为县统计局副局长{note}；\n孙丽同志任县教育局副局长{note}。"))
    assert rows(facts) == [
        ("周伟", "appoint", "县统计局副局长", False, True),
        ("孙丽", "appoint", "县教育局副局长", False, True),
    ]


def test_a_verb_in_the_line_beats_the_removal_heading():
    facts = changes(notice("决定免去：\n赵强的县水利局副局长职务。\n"
                           "　　钱进同志兼任县农业农村局局长。\n"
                           "　　吴芳（女）同志挂职任县商务局副局长（挂职一年）。\n"
                           "　　以上同志试用期一年。"))
    assert rows(facts) == [
        ("赵强", "remove", "县水利局副局长", False, False),
        ("钱进", "appoint", "县农业农村局局长", False, True),
        # a 挂职 secondment is never on probation; its note is no part of the post
        ("吴芳", "appoint", "县商务局副局长", True, False),
    ]


def test_jianren_and_guazhi_without_tongzhi_in_an_appointment_notice():
    facts = changes(notice("免去：\n赵强的县水利局副局长职务；\n钱进兼任县农业农村局局长；\n吴芳挂职任县商务局副局长(挂职一年)。"))
    assert rows(facts) == [
        ("赵强", "remove", "县水利局副局长", False, False),
        ("钱进", "appoint", "县农业农村局局长", False, False),
        ("吴芳", "appoint", "县商务局副局长", False, False),
    ]
