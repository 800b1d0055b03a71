"""People printed beside their posts -> TitleMention facts (invented 青山县 texts)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.titles import extract_titles, looks_like_name, matching_view
from kg.ingest import read_source, source_from_string, split_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"

GROUP_NOTICE = """青政办函〔2025〕11号

青山县人民政府办公室关于成立安置工作协作机制的通知

各乡镇人民政府，县直各单位：

一、组成人员

总召集人：王 明 县委常委、常务副县长

召集人：李四海 县政府办副主任

副召集人：赵 刚 县应急管理局局长

孙 强 县消防救援大队政治教导员

成 员：欧阳华 县医保局副局长

钱 洋 县财政局副局长

二、运行机制

协作机制办公室设县应急管理局。

青山县人民政府办公室

2025年3月21日
"""

MINUTES = """2025年第7次常务会议纪要

青山县人民政府办公室

2025年3月2日

2025年3月1日，县长周平主持召开青山县第5届人民政府第7次常务会议。

会议听取了招商工作汇报。

出 席：周平、王明、陈立新、刘芳

记 录：马力
"""


def mentions(text: str):
    gazette = split_documents(source_from_string(text))
    found = [t for doc in gazette.documents for t in extract_titles(doc)]
    for t in found:
        assert gazette.source.text[t.evidence.start:t.evidence.end] == t.evidence.text
    return found


def simple(found):
    return [(t.person.replace(" ", ""), t.title, t.context) for t in found]


def test_role_lines_and_their_continuation_lines():
    found = mentions(GROUP_NOTICE)
    assert simple(found) == [
        ("王明", "县委常委、常务副县长", "总召集人"),
        ("李四海", "县政府办副主任", "召集人"),
        ("赵刚", "县应急管理局局长", "副召集人"),
        ("孙强", "县消防救援大队政治教导员", "副召集人"),  # continuation line keeps the role
        ("欧阳华", "县医保局副局长", "成员"),
        ("钱洋", "县财政局副局长", "成员"),
    ]
    assert found[0].person == "王 明"  # as printed
    assert found[3].evidence.text == "孙 强 县消防救援大队政治教导员"


def test_leader_chairing_a_meeting_and_the_attendance_line():
    found = mentions(MINUTES)
    assert ("周平", "县长", "主持") in simple(found)
    attendance = [t for t in found if t.context == "出席"]
    assert [t.person for t in attendance] == ["周平", "王明", "陈立新", "刘芳"]
    assert all(t.title == "" for t in attendance)  # the 出席 line prints no posts


def test_title_before_name_elsewhere_in_minutes():
    text = MINUTES.replace("会议听取了招商工作汇报。", "会议听取了招商工作汇报。副县长陈立新在会上强调，县财政局局长刘芳同志要抓好落实。")
    found = simple(mentions(text))
    assert ("陈立新", "副县长", "inline") in found and ("刘芳", "县财政局局长", "inline") in found


def test_name_before_the_title_when_chairing():
    text = MINUTES.replace("县长周平主持召开", "周平县长主持召开")
    assert ("周平", "县长", "主持") in simple(mentions(text))


def test_titles_before_names_in_prose():
    text = """青政办发〔2025〕3号

青山县人民政府办公室关于印发《青山县新材料产业发展实施方案》的通知

各乡镇人民政府，县直各单位：

（一）加强组织实施。成立工作专班，由县委常委、副县长陈立新召集，县工信局主要负责人具体负责。

（二）成立由县政府办副主任刘洋任召集人，国网青山县供电公司总经理黄河任副召集人，县公安局、县林业局为成员的行动专班。

（三）由县政府分管副县长任召集人，县发改局主要负责同志任副召集人。

青山县人民政府办公室

2025年1月14日
"""
    assert simple(mentions(text)) == [
        ("陈立新", "县委常委、副县长", "召集人"),
        ("刘洋", "县政府办副主任", "召集人"),
        ("黄河", "国网青山县供电公司总经理", "副召集人"),
    ]  # no mention where only a post is printed (由县政府分管副县长任召集人)


def test_other_layouts_of_role_lines():
    text = GROUP_NOTICE.replace("总召集人：王 明 县委常委、常务副县长", "组长:县委常委、副县长王明") \
        .replace("召集人：李四海 县政府办副主任", "副组长：李四海（县政府办副主任）")
    found = simple(mentions(text))
    assert ("王明", "县委常委、副县长", "组长") in found
    assert ("李四海", "县政府办副主任", "副组长") in found


def test_unit_lists_after_a_role_are_not_people():
    text = GROUP_NOTICE.replace("成 员：欧阳华 县医保局副局长\n\n钱 洋 县财政局副局长",
                                "成 员：县发改局、县财政局、县林业局分管负责人")
    assert all(t.context != "成员" for t in mentions(text))


def test_name_grammar():
    assert looks_like_name("王 明") and looks_like_name("欧阳华") and looks_like_name("李四海")
    assert not looks_like_name("分管负责人") and not looks_like_name("主要负责") and not looks_like_name("县财政局")
    text = "組長:王明(縣長)"
    assert len(matching_view(text)) == len(text) and matching_view(text) == "组长：王明（县长）"


def test_seed_attendance_lines_name_every_attendee():
    gazette = split_documents(read_source(SEED))
    found = [t for doc in gazette.documents for t in extract_titles(doc)]
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    attended = sorted((m["doc_no"], a) for m in gold["meetings"] for a in m["attendees"])
    assert sorted((t.doc_no, t.person) for t in found if t.context == "出席") == attended
    chairs = {(t.doc_no, t.person) for t in found if t.context == "主持"}
    assert chairs == {(m["doc_no"], m["chair"]) for m in gold["meetings"]}
    # every printed title of the seed's group lists is found with its role
    roles = [t for t in found if t.context not in ("出席", "主持")]
    assert len(roles) >= 20


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("组长：:王明李四 县委常委、副县长局主任出席召集人由任主持（）\n\t")), max_size=120))
def test_never_raises_on_odd_input(body):
    text = GROUP_NOTICE.replace("二、运行机制", body)
    for t in mentions(text):
        assert t.person.strip() and t.context


# --- surnames: common, rare-but-real, traditional and compound ------------------------------

@pytest.mark.parametrize("name", [
    "卞红梅", "檀家栋", "宓雪晴", "晁永康", "甄立平", "佟淑芬", "冼美玲", "阙少华", "仇晓东", "荀远帆", "姬晓晨",
    # traditional forms, as a simplified notice may still print a surname (no global conversion then)
    "鍾曉蘭", "馮立", "陳光", "劉洋", "張偉", "趙強", "黃河", "吳濤", "鄭雲", "孫麗", "許傑", "鄧林", "蕭文", "葉青",
    "羅平", "蘇晴", "盧山", "譚明", "龍飛", "賀雪", "萬里", "錢洋", "湯圓", "陸地", "韓冰", "閻東", "顧城", "龔正",
    "魯迅", "鄒平",
    # compound surnames, 3 to 5 characters with the given name
    "欧阳华", "司马光明", "诸葛亮", "上官婉儿", "东方明", "皇甫嵩", "令狐冲", "慕容复", "尉迟敬德", "夏侯惇", "长孙晓",
    "宇文泰", "歐陽華", "司馬懿", "諸葛瑾", "長孫無忌",
])
def test_surnames_of_other_counties_people(name):
    assert looks_like_name(name)


@pytest.mark.parametrize("text", ["来自", "通过", "那么", "原则", "相关", "门户", "家庭", "能够", "后续", "公开", "第五次"])
def test_words_that_are_no_names(text):
    assert not looks_like_name(text)


def test_every_traditional_surname_is_a_form_of_a_listed_simplified_one():
    from kg.extract.titles import COMPOUND_SURNAMES, _SIMPLIFIED_SURNAMES, _TRADITIONAL_SURNAMES
    from kg.ingest.variants import traditional_to_simplified
    table = traditional_to_simplified()
    assert all(ch.translate(table) in _SIMPLIFIED_SURNAMES for ch in _TRADITIONAL_SURNAMES)
    assert all(c.translate(table) in COMPOUND_SURNAMES for c in COMPOUND_SURNAMES)
    assert len(set(_SIMPLIFIED_SURNAMES)) >= 300


def test_rare_surnames_keep_a_roster_going():
    # one unknown surname used to end the roster: every line after it was lost
    text = GROUP_NOTICE.replace("成 员：欧阳华 县医保局副局长\n\n钱 洋 县财政局副局长",
                                "成 员：卞红梅 县医保局副局长\n\n檀家栋 县财政局副局长\n\n鍾 磊 县林业局局长")
    members = [(t.person, t.title) for t in mentions(text) if t.context == "成员"]
    assert members == [("卞红梅", "县医保局副局长"), ("檀家栋", "县财政局副局长"), ("鍾 磊", "县林业局局长")]


def test_rare_surnames_in_bracketed_and_comma_titles():
    # surnames missing from the list (宦, 仉, 籍) are names where the title marks them off
    text = GROUP_NOTICE.replace(
        "成 员：欧阳华 县医保局副局长\n\n钱 洋 县财政局副局长",
        "副组长：仉崇岳（副县长）、宦明川（县政府办公室主任）\n\n成 员：\n\n籍海宁（县城发集团董事长）\n\n"
        "组 长：覀鸿涛，县委副书记、县长")
    found = [(t.person, t.title, t.context) for t in mentions(text) if t.context in ("副组长", "成员", "组长")]
    assert found == [("仉崇岳", "副县长", "副组长"), ("宦明川", "县政府办公室主任", "副组长"),
                     ("籍海宁", "县城发集团董事长", "成员"), ("覀鸿涛", "县委副书记、县长", "组长")]


def test_delimited_names_need_no_listed_surname_but_are_no_words():
    from kg.extract.titles import looks_like_delimited_name
    for name in ("宦志鹏", "仉崇岳", "籍海宁", "覀立", "王明", "欧阳华"):
        assert looks_like_delimited_name(name)
    for word in ("下列", "以上同志", "同志", "负责人", "县长", "各镇", "县财政局", "人选", "等", "一名", "专人",
                 "有关单位", "分管", "宦志鹏海"):
        assert not looks_like_delimited_name(word)
    # where names run together the surname list still decides
    assert not looks_like_name("宦志鹏")
