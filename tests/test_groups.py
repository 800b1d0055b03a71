"""Working groups: role lines, rosters, founding sentences, sub-groups, offices — on invented
notices of invented counties, plus the seed gazette scored against its gold."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import score_facts
from kg.extract.groups import extract_groups, split_name_and_title, unit_of_post
from kg.extract.printed_forms import restore_printed_forms
from kg.ingest import source_from_string, split_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"


def groups_of(text: str):
    gazette = split_documents(source_from_string(text))
    out = []
    for doc in gazette.documents:
        for group in extract_groups(doc):
            assert_evidence(gazette.source.text, group)
            # as the pipeline does: a traditional-character text's facts get their printed forms back
            out.append(restore_printed_forms(group, gazette.source))
    return out


def assert_evidence(source: str, group) -> None:
    for span in [group.evidence] + [m.evidence for m in group.members]:
        assert source[span.start:span.end] == span.text
        assert span.text.strip()


def people(group) -> list[tuple[str | None, str, str | None]]:
    return [(m.person, m.role, m.title) for m in group.members]


def only(groups, name_part: str):
    found = [g for g in groups if name_part in g.name]
    assert len(found) == 1, [g.name for g in groups]
    return found[0]


ROLE_LINES = """青政办发〔2025〕8号

青山县人民政府办公室
关于成立青山县防汛抗旱工作领导小组的通知

各乡镇人民政府，县直各单位：

为加强防汛抗旱工作，经县人民政府研究，决定成立青山县防汛抗旱工作领导小组。现将组成人员通知如下：

组  长：王建国  县委常委、副县长

副组长：李 明  县政府办副主任
        赵小红  县水利局局长

成  员：钱 江  县财政局副局长
        孙丽华  县应急管理局副局长

领导小组办公室设在县水利局，赵小红同志兼任办公室主任。

青山县人民政府办公室
2025年4月1日
"""


def test_role_lines_with_the_title_after_the_name():
    (group,) = groups_of(ROLE_LINES)
    assert group.name == "青山县防汛抗旱工作领导小组"
    assert group.doc_no == "青政办发〔2025〕8号"
    assert people(group) == [
        ("王建国", "组长", "县委常委、副县长"),
        ("李 明", "副组长", "县政府办副主任"),  # layout space kept: the resolver splits
        ("赵小红", "副组长", "县水利局局长"),  # a continuation line keeps the role above it
        ("钱 江", "成员", "县财政局副局长"),
        ("孙丽华", "成员", "县应急管理局副局长"),
        ("赵小红", "办公室主任", "县水利局局长"),  # a second role of one person: a second member
    ]
    assert group.office == "县水利局"
    # members printed with their posts and no unit list: the units of their posts are not member units
    assert group.member_units == ()
    assert group.members[0].evidence.text == "组  长：王建国  县委常委、副县长"


def test_member_units_on_a_role_line_lose_their_posts():
    text = ROLE_LINES.replace(
        "成  员：钱 江  县财政局副局长\n        孙丽华  县应急管理局副局长",
        "成  员：县财政局、县应急管理局、县公安局分管负责人，石门镇、青石镇镇长。",
    )
    (group,) = groups_of(text)
    assert group.member_units == ("县财政局", "县应急管理局", "县公安局", "石门镇", "青石镇")
    assert [m.person for m in group.members if m.role == "成员"] == []


PLAN = """青政发〔2025〕3号

青山县人民政府
关于印发《青山县河长制工作方案》的通知

各乡镇人民政府，县直各单位：

现将方案印发给你们，请认真执行。

青山县人民政府
2025年2月1日

青山县河长制工作方案

一、组织领导

成立以王建国为组长，李明为副组长的青山县河长制工作领导小组，成员由县水利局、县生态环境分局、县农业农村局主要负责人组成。

成立青山县乡村振兴工作专班，以王建国任组长，李明任第一副组长，赵刚、钱芳任副组长，孙伟、周敏为成员。

建立青山县安全生产联席会议制度，由县政府分管副县长任召集人，县政府办跟线负责人、县应急管理局、县交通运输局主要负责人任副召集人，成员单位包括县发改局、县公安局、县交通运输局等，联席会议办公室设在县应急管理局。

各乡镇成立相应工作小组，由乡镇长任组长。
"""


def test_prose_with_a_leader_and_deputy_before_the_name():
    group = only(groups_of(PLAN), "河长制")
    assert group.name == "青山县河长制工作领导小组"
    assert people(group) == [("王建国", "组长", None), ("李明", "副组长", None)]
    assert group.member_units == ("县水利局", "县生态环境分局", "县农业农村局")


def test_prose_with_first_deputy_deputies_and_members():
    group = only(groups_of(PLAN), "乡村振兴")
    assert [(m.person, m.role) for m in group.members] == [
        ("王建国", "组长"), ("李明", "第一副组长"), ("赵刚", "副组长"), ("钱芳", "副组长"),
        ("孙伟", "成员"), ("周敏", "成员"),
    ]
    assert group.members[2].evidence.text == "赵刚、钱芳任副组长"


def test_a_group_whose_convener_is_a_post():
    group = only(groups_of(PLAN), "安全生产")
    assert people(group) == [
        (None, "召集人", "县政府分管副县长"),
        # the shared post "主要负责人" goes to each unit printed before it
        (None, "副召集人", "县政府办跟线负责人"),
        (None, "副召集人", "县应急管理局主要负责人"),
        (None, "副召集人", "县交通运输局主要负责人"),
    ]
    assert group.member_units == ("县发改局", "县公安局", "县交通运输局")
    assert group.office == "县应急管理局"


def test_one_group_per_town_is_not_a_group():
    assert not [g for g in groups_of(PLAN) if "小组" in g.name and "河长制" not in g.name]


FOUNDED_BY_MEMBERS = """云政办函〔2025〕4号

云溪市人民政府办公室
关于切实做好冬季供暖保障工作的通知

各区人民政府，市直各单位：

一、组织保障

成立由市政府办副主任刘振华任召集人，国网云溪市供电公司总经理马骏任副召集人，市住建局、市城管局(牵头、统筹调度等)、市发改委分管负责人、各区区长(主任)为成员的云溪市冬季供暖保障工作专班。各区对应成立相应工作小组。下设办公室，办公室主任由市住建局相关负责同志兼任。

二、工作要求

建立由市长任召集人，民政局、财政局、住建局等部门组成的供暖保障联席会议机制。

云溪市人民政府办公室
2025年11月2日
"""


def test_founding_sentence_with_the_roles_before_the_name():
    groups = groups_of(FOUNDED_BY_MEMBERS)
    group = only(groups, "冬季供暖保障工作专班")
    assert group.name == "云溪市冬季供暖保障工作专班"
    assert people(group) == [
        ("刘振华", "召集人", "市政府办副主任"),
        ("马骏", "副召集人", "国网云溪市供电公司总经理"),
        (None, "办公室主任", "市住建局相关负责同志"),
    ]
    # duty parentheses dropped, posts dropped, a collective kept as written
    assert group.member_units == ("市住建局", "市城管局", "市发改委", "各区")


def test_a_joint_meeting_formed_by_departments():
    group = only(groups_of(FOUNDED_BY_MEMBERS), "联席会议")
    assert group.name == "供暖保障联席会议机制"
    assert people(group) == [(None, "召集人", "市长")]
    assert group.member_units == ("民政局", "财政局", "住建局")


UNNAMED = """青政办发〔2025〕2号

青山县人民政府办公室
关于印发《青山县推进竹木产业高质量发展实施方案》的通知

各乡镇人民政府，县直各单位：

现将方案印发给你们。

青山县人民政府办公室
2025年1月10日

四、保障措施

(一) 加强组织实施。成立工作专班，由县委常委、副县长王建国召集，青山经开区、县工信局、县财政局主要负责人具体负责，统筹协调产业培育。
"""


def test_an_unnamed_group_is_named_from_the_documents_topic():
    (group,) = groups_of(UNNAMED)
    assert group.name == "竹木产业高质量发展工作专班"
    assert people(group) == [("王建国", "召集人", "县委常委、副县长")]
    assert group.member_units == ("青山经开区", "县工信局", "县财政局")


SUB_GROUPS = """青政发〔2025〕1号

青山县人民政府
关于印发《青山县2025年财源建设工作方案》的通知

各乡镇人民政府，县直各单位：

现将方案印发给你们。

青山县人民政府
2025年3月4日

二、组织领导

全县财源建设工作由县长牵头，由县政府办分管副主任商县财政局牵头组建工作专班，县发改局、县税务局、各乡镇等单位协同配合。

三、责任分解

（一）财税收入目标责任分解

1.地方财政收入工作组

目标：全年实现地方收入 60000 万元。

主管领导：吴志远

工作组长：郑海、冯立新、褚明

责任单位：县税务局、县财政局、各乡镇政府

目标责任分解为 2 个小组：

①县本级税收工作小组

主管领导：吴志远

责任人：郑海、冯立新

责任单位：县税务局、县公安局经侦大队

2.砂石资源收入工作组

主管领导：卫东

工作组长：蒋涛、沈一鸣、韩冰

朱小虎、秦岭

责任单位：县水利局、县自然资源局

（二）金融工作目标责任分解

主管领导：尤建

工作组长：许晨、何方

责任单位：县政府办（金融办）、辖内各金融机构
"""


def test_sub_groups_of_a_revenue_plan():
    groups = groups_of(SUB_GROUPS)
    names = [g.name for g in groups]
    assert names == ["财源建设工作专班", "地方财政收入工作组", "县本级税收工作小组", "砂石资源收入工作组", "金融工作组"]
    special = only(groups, "财源建设")
    assert people(special) == [(None, "牵头", "县政府办分管副主任")]
    assert special.member_units == ("县财政局", "县发改局", "县税务局", "各乡镇")
    local = only(groups, "地方财政")
    assert [(m.person, m.role) for m in local.members] == [
        ("吴志远", "主管领导"), ("郑海", "工作组长"), ("冯立新", "工作组长"), ("褚明", "工作组长")]
    assert local.member_units == ("县税务局", "县财政局", "各乡镇政府")
    sub = only(groups, "县本级")
    assert sub.parent == "地方财政收入工作组"
    assert [(m.person, m.role) for m in sub.members] == [("吴志远", "主管领导"), ("郑海", "责任人"), ("冯立新", "责任人")]
    sand = only(groups, "砂石")
    # a line of names under 工作组长 continues the list
    assert [m.person for m in sand.members if m.role == "工作组长"] == ["蒋涛", "沈一鸣", "韩冰", "朱小虎", "秦岭"]
    assert sand.parent is None
    finance = only(groups, "金融")
    assert finance.member_units == ("县政府办（金融办）", "辖内各金融机构")


WEB_PAGE = """首页 > 政务公开 > 通知公告
云溪市人民政府办公室关于成立云溪市城市更新工作专班的通知
发布时间：2025-03-05  来源：市政府办
各区人民政府，市直各单位:
经市人民政府同意，决定成立云溪市城市更新工作专班。
一、组成人员
組長:陳光 市委常委、副市長
副组长:刘强(市政府副秘书长)、黄河(市住建局局长)
成员单位:市发改委,市财政局,市自然资源局,市住建局
二、工作职责
负责统筹推进全市城市更新工作。
云溪市人民政府办公室
2025年3月5日
【打印】【关闭】
"""


def test_ascii_colons_traditional_characters_and_web_chrome():
    (group,) = groups_of(WEB_PAGE)
    assert group.name == "云溪市城市更新工作专班"
    assert people(group) == [
        ("陳光", "組長", "市委常委、副市長"),  # printed forms kept, the role word too (as the gold conventions do)
        ("刘强", "副组长", "市政府副秘书长"),
        ("黄河", "副组长", "市住建局局长"),
    ]
    assert group.member_units == ("市发改委", "市财政局", "市自然资源局", "市住建局")


ROSTER = """青政办发〔2025〕9号

青山县人民政府办公室
关于调整青山县食品安全委员会组成人员的通知

各乡镇人民政府，县直各单位：

一、组成人员

主  任：王  明  县长
常务副主任：县委常委、常务副县长 李国华
委  员：赵建军（县市场监管局局长）、钱文斌（县农业农村局局长）

二、办事机构

委员会办公室设在县市场监管局，办公室主任由县市场监管局局长兼任。

三、招商组

职务\t姓名\t单位及职务
组长\t孙海燕\t副县长
成员\t周志刚\t县商务局局长

青山县人民政府办公室
2025年6月2日
"""


def test_a_roster_of_a_committee_in_other_layouts():
    (group,) = groups_of(ROSTER)
    assert group.name == "青山县食品安全委员会"
    assert people(group) == [
        ("王  明", "主任", "县长"),
        ("李国华", "常务副主任", "县委常委、常务副县长"),  # the title before the name
        ("赵建军", "委员", "县市场监管局局长"),  # NAME（TITLE）
        ("钱文斌", "委员", "县农业农村局局长"),
        ("孙海燕", "组长", "副县长"),  # a tab-separated roster row
        ("周志刚", "成员", "县商务局局长"),
        (None, "办公室主任", "县市场监管局局长"),  # stated after the roster
    ]
    assert group.office == "县市场监管局"


LATER_SENTENCES = """青政办发〔2025〕12号

青山县人民政府办公室
关于成立青山县创建全国文明城市工作领导小组的通知

各乡镇人民政府，县直各单位：

为扎实推进创建工作，县人民政府决定成立青山县创建全国文明城市工作领导小组。领导小组组长由县长王明担任，副组长由副县长李国华、张伟担任，成员由县委宣传部、县文明办、县住建局主要负责同志组成。领导小组下设办公室，办公室设在县文明办，办公室主任由县文明办主任赵建军兼任。

一、增补人员

副组长：钱文斌 县政府办主任  孙海燕 县住建局局长

青山县人民政府办公室
2025年4月3日
"""


def test_roles_stated_after_the_founding_sentence_and_two_people_on_one_line():
    (group,) = groups_of(LATER_SENTENCES)
    assert group.name == "青山县创建全国文明城市工作领导小组"
    assert set(people(group)) == {
        ("王明", "组长", "县长"),
        ("李国华", "副组长", "副县长"),
        ("张伟", "副组长", None),
        ("赵建军", "办公室主任", "县文明办主任"),
        ("钱文斌", "副组长", "县政府办主任"),
        ("孙海燕", "副组长", "县住建局局长"),
    }
    assert group.member_units == ("县委宣传部", "县文明办", "县住建局")
    assert group.office == "县文明办"


TITLES_IN_PROSE = """青政发〔2025〕9号

青山县人民政府
关于印发《青山县创建国家卫生县城工作方案》的通知

各乡镇人民政府，县直各单位：

一、组织领导

成立以县委副书记、县长王明为组长，县委常委、常务副县长李国华为常务副组长，各乡镇乡镇长、县直相关单位主要负责人为成员的县创建国家卫生县城工作领导小组。领导小组办公室设在县卫健局，由县卫健局局长张伟兼任办公室主任。

成立县防汛抗旱指挥部，由县长王明任指挥长，副县长赵建军任常务副指挥长，县水利局、县应急管理局主要负责人任副指挥长，县委宣传部和县气象局主要负责人为成员。

青山县人民政府
2025年5月1日
"""


def test_titles_printed_before_names_in_prose():
    groups = groups_of(TITLES_IN_PROSE)
    health = only(groups, "卫生县城")
    assert people(health) == [
        ("王明", "组长", "县委副书记、县长"),
        ("李国华", "常务副组长", "县委常委、常务副县长"),
        ("张伟", "办公室主任", "县卫健局局长"),
    ]
    assert health.member_units == ("各乡镇", "县直相关单位")  # collectives kept as written
    assert health.office == "县卫健局"
    flood = only(groups, "指挥部")
    assert [(m.person, m.role) for m in flood.members] == [
        ("王明", "指挥长"), ("赵建军", "常务副指挥长"), (None, "副指挥长"), (None, "副指挥长")]
    assert flood.member_units == ("县委宣传部", "县气象局")  # split on 和


TASKS_ONLY = """青政办函〔2025〕5号

青山县人民政府办公室
关于做好春耕生产工作的通知

各乡镇人民政府：

一、抓好种子供应

牵头单位：县农业农村局

责任人：王明

二、抓好农资保障

县供销社要做好农资储备，县农业农村局、县市场监管局配合。

青山县人民政府办公室
2025年3月1日
"""


def test_task_lines_are_not_a_group():
    assert groups_of(TASKS_ONLY) == []


def test_split_name_and_title_shapes():
    cases = {
        "王明 县委常委、副县长": ("王明", "县委常委、副县长"),
        "王明（县长）": ("王明", "县长"),
        "县委常委、副县长 王明": ("王明", "县委常委、副县长"),
        "县政府办副主任李四": ("李四", "县政府办副主任"),
        "王明县长": ("王明", "县长"),
        "王明同志": ("王明", None),
    }
    for text, (name, title) in cases.items():
        split = split_name_and_title(text, 0, len(text))
        assert split is not None, text
        (na, nb), t = split
        assert text[na:nb] == name
        assert (text[t[0]:t[1]] if t else None) == title
    for not_a_person in ("县财政局", "各乡镇", "县政府分管副县长"):
        split = split_name_and_title(not_a_person, 0, len(not_a_person))
        assert split is None, not_a_person


UNIT_HEADS = ["县委组织部", "县财政局", "县国资中心", "县消防救援大队", "县委编办", "青石镇"]
POSTS = ["副部长", "局长助理", "副主任", "参谋", "四级调研员", "政治教导员", "镇长", "主要负责人"]


@given(st.sampled_from(UNIT_HEADS), st.sampled_from(POSTS))
def test_unit_of_post_finds_the_unit_at_the_head(unit, post):
    assert unit_of_post(unit + post) == len(unit)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="组长副召集人成员：:、，。由任为的工作专班县局王李明张三办公室设在\n\t 1.（）", max_size=200))
def test_never_raises_on_odd_text(noise):
    text = "青政办发〔2025〕1号\n\n关于成立青山县测试工作专班的通知\n\n" + noise
    gazette = split_documents(source_from_string(text))
    for doc in gazette.documents:
        for group in extract_groups(doc):
            assert_evidence(gazette.source.text, group)


# --- the seed gazette ------------------------------------------------------------------------

def _facts(groups) -> dict:
    def squeezed(name):
        return re.sub(r"\s+", "", name) if name else name

    return {"schema": "gazette-facts/1", "groups": [
        {"doc_no": g.doc_no, "name": g.name,
         "members": [{"person": squeezed(m.person), "role": m.role, "title": m.title} for m in g.members],
         "member_units": list(g.member_units)} for g in groups]}


def test_seed_gazette_groups_against_gold():
    from kg.ingest import ingest_file

    gazette = ingest_file(str(SEED))
    found = []
    for doc in gazette.documents:
        for group in extract_groups(doc):
            assert_evidence(gazette.source.text, group)
            found.append(group)
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    scores = score_facts(_facts(found), {"schema": "gazette-facts/1", "groups": gold["groups"]})
    assert scores["groups.members"].f1 >= 0.95
    assert scores["groups.roles"].f1 >= 0.90
    assert scores["groups.units"].f1 >= 0.90
    assert len(found) == len(gold["groups"])


ROSTER_OF_POSTS = """云溪市人民政府办公室
关于调整云溪市城乡环境整治工作领导小组的通知
云政办发[2025]7号

各镇人民政府、街道办事处，市直有关单位：
    调整后的组成人员如下:
    组    长：林振华（市委副书记、市长）
    副 组 长：卞红梅（市政府办公室主任）
    成    员：檀家栋（市发改局局长）、宓雪晴（市财政局局长）、鍾 磊（青石镇镇长）
    领导小组下设办公室,办公室设在市城管局。

云溪市人民政府办公室
2025年3月25日
"""


def test_a_roster_of_posts_names_people_not_member_units():
    (group,) = groups_of(ROSTER_OF_POSTS)
    assert [(m.person, m.role) for m in group.members] == [
        ("林振华", "组长"), ("卞红梅", "副组长"), ("檀家栋", "成员"), ("宓雪晴", "成员"), ("鍾 磊", "成员")]
    assert group.member_units == ()  # 市发改局… are the members' units, not printed as member units


FOUNDING_AND_LIST = """青政办发〔2025〕9号

青山县人民政府办公室
关于成立青山县自然灾害防治工作领导小组的通知

各乡镇人民政府，县直有关单位：
　　经县人民政府同意，决定成立以县长葛韶华为组长，副县长荀远帆为副组长，县直有关部门主要负责人为成员的青山县自然灾害防治工作领导小组。
　　成员单位：县发改局、县财政局、县水利局和各乡镇人民政府。

青山县人民政府办公室
2025年4月15日
"""


def test_a_collective_of_members_posts_gives_way_to_the_printed_member_list():
    (group,) = groups_of(FOUNDING_AND_LIST)
    assert group.member_units == ("县发改局", "县财政局", "县水利局", "各乡镇人民政府")
    # without the list, the collective is what the text says about the members
    (alone,) = groups_of(FOUNDING_AND_LIST.replace("　　成员单位：县发改局、县财政局、县水利局和各乡镇人民政府。\n", ""))
    assert alone.member_units == ("县直有关部门",)


def test_posts_that_are_the_only_member_list_keep_their_collectives():
    text = FOUNDING_AND_LIST.replace(
        "决定成立以县长葛韶华为组长，副县长荀远帆为副组长，县直有关部门主要负责人为成员的青山县自然灾害防治工作领导小组。\n"
        "　　成员单位：县发改局、县财政局、县水利局和各乡镇人民政府。",
        "决定成立由县政府办副主任葛韶华任召集人，县公安局、县林业局分管负责人、各镇（街道）镇长（主任）为成员的"
        "青山县自然灾害防治工作领导小组。")
    (group,) = groups_of(text)
    assert group.member_units == ("县公安局", "县林业局", "各镇（街道）")


COMMA_TITLES = """双桥县人民政府关于下达2025年度招商引资目标任务的通知
双政发〔2025〕4号
各乡镇人民政府、街道办事处，县直各单位：
　　二、组织领导
　　县人民政府成立双桥县招商引资工作领导小组，组成人员如下：
　　组　长：宦鸿涛，县委副书记、县长
　　副组长：柴永胜,县委常委、常务副县长;仉婉清，副县长
　　成　员：各乡镇（街道）和县直有关单位主要负责人
　　领导小组办公室设在县发改局，县发改局局长谈立诚同志兼任办公室主任。
双桥县人民政府
2025年2月20日
"""


def test_role_lines_with_the_title_after_a_comma():
    (group,) = groups_of(COMMA_TITLES)
    assert group.name == "双桥县招商引资工作领导小组"
    assert people(group) == [
        ("宦鸿涛", "组长", "县委副书记、县长"),  # a rare surname: the comma marks the name off
        ("柴永胜", "副组长", "县委常委、常务副县长"),  # ASCII comma and semicolon
        ("仉婉清", "副组长", "副县长"),
        (None, "成员", "各乡镇（街道）和县直有关单位主要负责人"),  # one description, no person
        ("谈立诚", "办公室主任", "县发改局局长"),
    ]
    assert group.member_units == ()  # the description names no unit of its own
    assert group.members[1].evidence.text == "副组长：柴永胜,县委常委、常务副县长;仉婉清，副县长"


def test_member_line_naming_units_still_gives_member_units():
    text = COMMA_TITLES.replace("各乡镇（街道）和县直有关单位主要负责人", "县发改局、县财政局主要负责人，各乡镇镇长")
    (group,) = groups_of(text)
    assert group.member_units == ("县发改局", "县财政局", "各乡镇")
    assert [m for m in group.members if m.role == "成员"] == []


def test_rare_surnames_in_a_bracketed_roster():
    text = ROLE_LINES.replace(
        "副组长：李 明  县政府办副主任\n        赵小红  县水利局局长",
        "副组长：仉崇岳（副县长）、蒯明川（县政府办公室主任）").replace(
        "成  员：钱 江  县财政局副局长\n        孙丽华  县应急管理局副局长",
        "成  员：\n籍海宁（县城发集团董事长）\n佴东平（县自然资源局局长）")
    (group,) = groups_of(text)
    assert people(group)[1:5] == [
        ("仉崇岳", "副组长", "副县长"), ("蒯明川", "副组长", "县政府办公室主任"),
        ("籍海宁", "成员", "县城发集团董事长"), ("佴东平", "成员", "县自然资源局局长"),
    ]


TAB_ROSTER = """云政办发〔2025〕7号

云溪市人民政府办公室
关于成立云溪市城市更新工作领导小组的通知

各镇人民政府，市直各单位：

为统筹推进城市更新工作，经市人民政府同意，决定成立云溪市城市更新工作领导小组（以下简称领导小组）。现将有关事项通知如下：

一、组成人员
职务\t姓名\t单位及职务
组长\t王明\t市委副书记、市长
副组长\t李四\t副市长
\t张小五\t市委常委、副市长
成员\t赵六\t市发改局局长
\t钱七\t市财政局局长
\t孙八\t城关街道办事处主任
领导小组办公室设在市发改局，赵六兼任办公室主任。

云溪市人民政府办公室
2025年6月5日
"""


def test_tab_roster_carries_the_role_down_to_rows_with_an_empty_first_cell():
    [group] = groups_of(TAB_ROSTER)
    assert group.name == "云溪市城市更新工作领导小组"
    assert people(group) == [
        ("王明", "组长", "市委副书记、市长"),
        ("李四", "副组长", "副市长"),
        ("张小五", "副组长", "市委常委、副市长"),
        ("赵六", "成员", "市发改局局长"),
        ("钱七", "成员", "市财政局局长"),
        ("孙八", "成员", "城关街道办事处主任"),
        # a member who also heads the office keeps both entries, with the title from the table
        ("赵六", "办公室主任", "市发改局局长"),
    ]
    assert group.member_units == ()


def test_role_line_with_name_space_title_pairs_separated_by_semicolons():
    from kg.extract.groups import extract_groups
    from kg.ingest import source_from_string, split_documents

    text = """青政办函〔2025〕33号

青山县人民政府办公室
关于成立青山县供水管网改造工作专班的通知

各乡镇：
    为推进工作，成立青山县供水管网改造工作专班。现将组成人员通知如下：

组　长：王明　县委常委、常务副县长
成　员：沈玉洁　县财政局副局长；上官明远　青山县自来水公司总经理；邵清和　县自然资源局副局长

青山县人民政府办公室
2025年9月28日
"""
    [doc] = split_documents(source_from_string(text, "g.txt")).documents
    [group] = extract_groups(doc)
    members = [(m.person, m.role, m.title) for m in group.members]
    assert ("沈玉洁", "成员", "县财政局副局长") in members
    assert ("上官明远", "成员", "青山县自来水公司总经理") in members
    assert ("邵清和", "成员", "县自然资源局副局长") in members
