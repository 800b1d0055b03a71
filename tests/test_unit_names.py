"""The general grammar of unit names: lists split into single units and collectives."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.unit_names import is_collective, looks_like_unit, split_unit_list, unit_suffix


def squeezed(units):
    return [re.sub(r"\s+", "", u) for u in units]


@pytest.mark.parametrize("text, expected", [
    # separators of the genre, full-width and ASCII
    ("县发改局、县财政局和各乡镇政府", ["县发改局", "县财政局", "各乡镇政府"]),
    ("县财政局，县税务局;县人社局", ["县财政局", "县税务局", "县人社局"]),
    ("县财政局,县税务局；县人社局／县医保局", ["县财政局", "县税务局", "县人社局", "县医保局"]),
    ("县水利局及各镇人民政府", ["县水利局", "各镇人民政府"]),
    # layout spaces
    ("管委会办公室 县直相关单位 各县属国有企业 各镇政府、街道办",
     ["管委会办公室", "县直相关单位", "各县属国有企业", "各镇政府", "街道办"]),
    ("云溪高新区管委会 县直相关单位 各县属国有企业 各镇政府、街道办",
     ["云溪高新区管委会", "县直相关单位", "各县属国有企业", "各镇政府", "街道办"]),
    # units the PDF ran together
    ("交通运输局白沙镇政府", ["交通运输局", "白沙镇政府"]),
    ("交通运输局长宁镇政府", ["交通运输局", "长宁镇政府"]),  # 局长 is not a word here
    ("发改局财政局", ["发改局", "财政局"]),
    ("桃源镇政府青石镇政府", ["桃源镇政府", "青石镇政府"]),
    ("各镇政府街道办", ["各镇政府", "街道办"]),
    ("高新区管委会工信局", ["高新区管委会", "工信局"]),
    ("财政局县直相关单位", ["财政局", "县直相关单位"]),
])
def test_lists_are_split(text, expected):
    assert squeezed(split_unit_list(text)) == expected


@pytest.mark.parametrize("unit", [
    "县疾病预防控制中心（卫生计生综合监督执法局）",  # never split inside brackets
    "县政府办（金融办）",
    "各镇（街道）",
    "住房和城乡建设局",  # 和 inside a name
    "人力资源和社会保障局",
    "行政审批服务局",
    "县公安局经侦大队",  # a sub-unit stays with its parent
    "政府办金融办",
    "纪委监委",
    "县委编办",
    "县委宣传部",
    "县市场监督管理局",
    "13个安全生产专业委员会牵头单位",
    "抽水蓄能电站项目指挥部",
    "顽瘴痼疾整治工作专班",
    "县直各单位",
])
def test_single_units_stay_whole(unit):
    assert squeezed(split_unit_list(unit)) == [unit]


def test_layout_space_inside_a_unit_is_rejoined_and_kept_as_printed():
    units = split_unit_list("县税务局 县财政局 高新区 各 镇 各街道")
    assert units == ["县税务局", "县财政局", "高新区", "各 镇", "各街道"]
    assert squeezed(split_unit_list("13 个安全生产专业委员会牵头单位 应急管理局")) == [
        "13个安全生产专业委员会牵头单位", "应急管理局"]
    # run together and broken by a layout space at once
    assert split_unit_list("交通运输局长宁镇 政府") == ["交通运输局", "长宁镇 政府"]


@pytest.mark.parametrize("text, expected", [
    ("县科技局、县农业农村局等按职能分工负责", ["县科技局", "县农业农村局"]),
    ("县住建局等单位", ["县住建局"]),
    ("县住建局等部门", ["县住建局"]),
    ("县住建局等", ["县住建局"]),
    ("牵头单位：县发改局", ["县发改局"]),
    ("配合单位:县财政局、县审计局", ["县财政局", "县审计局"]),
    ("县财政局（牵头）、县审计局", ["县财政局", "县审计局"]),
])
def test_labels_and_trailing_words_are_dropped(text, expected):
    assert split_unit_list(text) == expected


def test_known_units_of_the_document_help_split_two_sub_units():
    text = "能源项目建设指挥部抽水蓄能电站项目指挥部"
    assert split_unit_list(text) == [text]
    known = {"能源项目建设指挥部", "抽水蓄能电站项目指挥部"}
    assert split_unit_list(text, known) == ["能源项目建设指挥部", "抽水蓄能电站项目指挥部"]


@pytest.mark.parametrize("name", ["市直相关单位", "各镇政府", "街道办", "相关镇政府", "各乡镇", "各市属国有企业",
                                  "相关执收单位", "市直各单位", "县直相关部门", "辖内各金融机构", "各镇（街道）",
                                  "13个安全生产专业委员会牵头单位", "有关单位"])
def test_collectives(name):
    assert is_collective(name)


@pytest.mark.parametrize("name", ["发改局", "长宁镇政府", "县财政局", "云溪街道办", "各", "", "高新区管委会"])
def test_single_units_are_not_collectives(name):
    assert not is_collective(name)


def test_suffix_and_unit_shape():
    assert unit_suffix("云溪街道办事处") == "街道办事处"
    assert unit_suffix("高新区管委会") == "管委会"
    assert unit_suffix("县政府办（金融办）") == "办"
    assert looks_like_unit("县财政局")
    assert not looks_like_unit("地区生产总值增长")
    assert not looks_like_unit("城乡")


def test_odd_input():
    assert split_unit_list("") == []
    assert split_unit_list("   ") == []
    assert split_unit_list("（") == ["（"]
    assert split_unit_list(None) == []


# --- property: units joined with separators come back ---------------------------------

_NAME_CHARS = "青云溪白沙桃李松柏江河湖山岭石泉花竹梅兰荷东西南北丰华星月春秋晨阳光明新安宁永宏"
_SUFFIXES = ["局", "委", "镇政府", "街道办", "管委会", "集团", "公司", "中心", "大队", "协会", "联社", "医院"]
_DEPARTMENTS = ["发改", "财政", "税务", "人社", "交通运输", "自然资源", "水利", "林业", "教体", "卫健"]


@st.composite
def unit_names(draw):
    kind = draw(st.sampled_from(["place", "department", "collective"]))
    if kind == "department":
        prefix = draw(st.sampled_from(["", "县", "市"]))
        return prefix + draw(st.sampled_from(_DEPARTMENTS)) + draw(st.sampled_from(["局", "委"]))
    if kind == "collective":
        return draw(st.sampled_from(["各镇政府", "县直相关单位", "相关镇政府", "各乡镇", "各县属国有企业", "相关执收单位"]))
    name = draw(st.text(alphabet=_NAME_CHARS, min_size=2, max_size=4))
    return name + draw(st.sampled_from(_SUFFIXES))


@settings(max_examples=300, deadline=None)
@given(st.lists(unit_names(), min_size=1, max_size=6),
       st.lists(st.sampled_from(["、", "，", ",", "；", ";", " ", "  ", "\u3000", "、 "]), min_size=6, max_size=6))
def test_joined_units_split_back(units, separators):
    text = units[0]
    for unit, sep in zip(units[1:], separators):
        text += sep + unit
    assert split_unit_list(text) == units


@settings(max_examples=200, deadline=None)
@given(st.lists(unit_names(), min_size=2, max_size=4))
def test_joined_with_he_split_back(units):
    text = "、".join(units[:-1]) + "和" + units[-1]
    assert split_unit_list(text) == units


@st.composite
def standalone_units(draw):
    """Units that begin a new unit wherever they follow another: departments, town governments."""
    if draw(st.booleans()):
        return draw(st.sampled_from(_DEPARTMENTS)) + "局"
    return draw(st.text(alphabet=_NAME_CHARS, min_size=2, max_size=3)) + draw(st.sampled_from(["镇政府", "街道办", "镇"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(standalone_units(), min_size=2, max_size=4))
def test_run_together_departments_and_towns_split_back(units):
    assert split_unit_list("".join(units)) == units


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_on_any_text(text):
    units = split_unit_list(text)
    assert all(isinstance(u, str) and u for u in units)


# --- joint offices, 及, bodies without a place, sentences that end in a unit word ------------

@pytest.mark.parametrize("text, expected", [
    ("市纪委监委", ["市纪委监委"]),  # one joint office, not 市纪委 + 监委
    ("县纪委监委、县委组织部", ["县纪委监委", "县委组织部"]),
    ("云溪工业园党工委管委会、县财政局", ["云溪工业园党工委管委会", "县财政局"]),
    ("各相关单位及两办督查室", ["各相关单位", "两办督查室"]),
    ("县住建局以及县直有关部门", ["县住建局", "县直有关部门"]),
    ("县安委会各成员单位", ["县安委会各成员单位"]),  # the members of the body before them
    ("县防汛抗旱指挥部成员单位、各乡镇", ["县防汛抗旱指挥部成员单位", "各乡镇"]),
    ("县政协、县科协", ["县政协", "县科协"]),
    ("项目所在镇（街道）", ["项目所在镇（街道）"]),  # 所|在 is no boundary
    # a department named by its field stands in a list, and splits where the next unit begins
    ("县财政、县审计局", ["县财政", "县审计局"]),
    ("县财政及县审计局", ["县财政", "县审计局"]),
    ("县财政 县审计局", ["县财政", "县审计局"]),
    ("自然资源和规划局", ["自然资源和规划局"]),
    ("县教育和体育局", ["县教育和体育局"]),
])
def test_joint_offices_bodies_and_join_words(text, expected):
    assert split_unit_list(text) == expected


@pytest.mark.parametrize("text", [
    "有关部门下达全市粮食生产计划",  # a collective followed by a verb
    "有关部门下达全市",
    "各部门要",
    "相关单位负责",
    "产业布局", "城市格局", "服务大局", "结局", "当局",
    "县财政局向市财政局",  # two units and a preposition: a sentence
    "高新区与各镇",
    "紧密对接上级部门",
    "加强县财政局",
    "县财政",  # a field alone is a unit only in a list or role position
])
def test_sentences_and_words_ending_in_a_unit_word_are_no_units(text):
    assert not looks_like_unit(text)


@pytest.mark.parametrize("text", [
    "县科协", "科协", "县政协", "县乡村振兴联席会议", "联席会议", "县国家安全局", "县财政局", "县委组织部", "组织部",
    "城关镇向阳村", "白沙镇为民服务中心", "将乐县人民政府", "县保障性住房服务中心", "对口帮扶单位", "13个安全生产专业委员会牵头单位",
])
def test_units_that_look_like_sentences_are_units(text):
    assert looks_like_unit(text)


def test_a_department_named_by_its_field_is_a_unit_where_listed():
    assert looks_like_unit("县财政", listed=True) and looks_like_unit("青山县财政", listed=True)
    assert not looks_like_unit("财政", listed=True)  # "由财政安排…": the field, not a unit
    assert not looks_like_unit("全县财政", listed=True)
    assert is_collective("县安委会各成员单位") and not is_collective("各部门要")
