"""Meeting records: header sentence, 出席 / 列席 / 记录 lines, prose attendance, agenda items —
on invented minutes of invented counties, plus the seed gazette scored against its gold."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import score_facts
from kg.extract.meetings import extract_meetings, split_unit_and_name
from kg.ingest import source_from_string, split_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"


def meetings_of(text: str):
    gazette = split_documents(source_from_string(text))
    out = []
    for doc in gazette.documents:
        for meeting in extract_meetings(doc):
            assert_evidence(gazette.source.text, meeting)
            out.append(meeting)
    return out


def assert_evidence(source: str, meeting) -> None:
    spans = [meeting.evidence] + [p.evidence for p in meeting.participants] + [a.evidence for a in meeting.agenda]
    for span in spans:
        assert source[span.start:span.end] == span.text
        assert span.text.strip()


def role(meeting, name: str) -> list:
    return [p.person for p in meeting.participants if p.role == name]


def observers(meeting) -> list[tuple[str, str | None, bool]]:
    return [(p.person, p.unit, p.invited) for p in meeting.participants if p.role == "observer"]


MINUTES = """第5次

青山县人民政府办公室

2025年3月10日

2025年3月2日，县长王明主持召开青山县第18届人民政府第5次常务会议。

会议传达学习了全省经济工作会议精神。

二

会议听取了县水利局关于春季防汛准备工作的汇报，研究议定以下意见：

由李国华同志牵头，县水利局具体负责，抓好备汛工作。

—

会议审议了《青山县河道保洁工作方案》，研究议定以下意见：

原则同意该方案。

出 席：王明、李国华、张 伟、赵建军

列 席：

(一) 邀请列席：钱文斌、孙海燕

(二) 政府办：周志刚、吴丽娟、郑国强、
冯晓东、陈红梅

(三) 县委组织部褚建新，发改局卫东升，司法局蒋小龙、沈丽，高新区管委会韩立新，青石镇杨帆，县人民医院何晓明

记 录：朱琳
"""


def test_minutes_header_gives_kind_number_held_date_and_chair():
    (meeting,) = meetings_of(MINUTES)
    assert (meeting.kind, meeting.number) == ("常务会议", 5)
    assert meeting.date == "2025-03-02"  # the day held, not the day the minutes were issued
    assert role(meeting, "chair") == ["王明"]
    assert meeting.evidence.text.startswith("2025年3月2日，县长王明主持召开")
    assert meeting.doc_no == "2025年第5次常务会议纪要"


def test_attendees_include_the_chair_and_keep_layout_spaces():
    (meeting,) = meetings_of(MINUTES)
    assert role(meeting, "attendee") == ["王明", "李国华", "张 伟", "赵建军"]
    assert role(meeting, "recorder") == ["朱琳"]


def test_observer_sub_lists_invited_unit_label_and_unit_prefixes():
    (meeting,) = meetings_of(MINUTES)
    assert observers(meeting) == [
        ("钱文斌", None, True),
        ("孙海燕", None, True),
        ("周志刚", "政府办", False),
        ("吴丽娟", "政府办", False),
        ("郑国强", "政府办", False),
        ("冯晓东", "政府办", False),  # the list spills onto the next line
        ("陈红梅", "政府办", False),
        ("褚建新", "县委组织部", False),
        ("卫东升", "发改局", False),
        ("蒋小龙", "司法局", False),
        ("沈丽", "司法局", False),  # a name after 、 shares the unit before it
        ("韩立新", "高新区管委会", False),
        ("杨帆", "青石镇", False),
        ("何晓明", "县人民医院", False),
    ]
    evidence = {p.person: p.evidence.text for p in meeting.participants}
    assert evidence["沈丽"] == "沈丽"


def test_agenda_items_numbered_on_their_own_lines():
    (meeting,) = meetings_of(MINUTES)
    # the first item has no numeral; "—" is an OCR'd numeral and takes the next number
    assert [(a.number, a.topic) for a in meeting.agenda] == [
        (1, "传达学习了全省经济工作会议精神"),
        (2, "听取了县水利局关于春季防汛准备工作的汇报"),
        (3, "审议了《青山县河道保洁工作方案》"),
    ]


WEB_MINUTES = """云溪市人民政府第12次常务会议纪要
发布时间：2025-03-05 来源：市政府办
2025年3月1日上午，陈光市长在市政府三楼会议室主持召开市人民政府第12次常务会议。
一、听取市发改委关于一季度经济运行情况的汇报
会议要求，各部门要抓好落实。
二、研究城市更新有关事项
会议同意有关方案。
出席:陈光、刘强、黄河
列席:市发改委马兰,市财政局许亮、何静
记录:朱琳
【打印】【关闭】
"""


def test_pasted_web_minutes_with_ascii_colons():
    (meeting,) = meetings_of(WEB_MINUTES)
    assert (meeting.kind, meeting.number, meeting.date) == ("常务会议", 12, "2025-03-01")
    assert role(meeting, "chair") == ["陈光"]  # "陈光市长在…主持召开"
    assert role(meeting, "attendee") == ["陈光", "刘强", "黄河"]
    assert observers(meeting) == [("马兰", "市发改委", False), ("许亮", "市财政局", False), ("何静", "市财政局", False)]
    assert role(meeting, "recorder") == ["朱琳"]
    assert [(a.number, a.topic) for a in meeting.agenda] == [
        (1, "听取市发改委关于一季度经济运行情况的汇报"), (2, "研究城市更新有关事项")]


def test_prose_attendance():
    text = ("2025年4月8日，县长王明主持召开县政府第6次常务会议。王明、李国华、张伟出席会议，"
            "赵建军、钱文斌列席会议。会议研究了春耕生产工作。\n")
    (meeting,) = meetings_of(text)
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟"]
    assert observers(meeting) == [("赵建军", None, False), ("钱文斌", None, False)]


TITLED = """2025年第7次县长办公会议纪要

2025年5月6日，县长王明主持召开2025年第7次县长办公会议。

会议研究了县城供水管网改造事项。

出席：县长王明，副县长李国华、张伟，县政府办主任赵建军

列席：县水利局局长钱文斌，县财政局副局长孙海燕

记录：县政府办朱琳
"""


def test_attendance_lines_with_titles():
    (meeting,) = meetings_of(TITLED)
    assert meeting.kind == "县长办公会议"
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟", "赵建军"]
    assert observers(meeting) == [("钱文斌", "县水利局", False), ("孙海燕", "县财政局", False)]
    assert role(meeting, "recorder") == ["朱琳"]


CHAIRED_AFTER = """青山县人民政府第9次常务会议纪要

2025年6月3日下午，青山县人民政府召开第9次常务会议，会议由县长王明主持。

出席：王明、李国华、张伟

列席：
县发改局周文斌，县财政局吴海燕、郑国强
政府办：冯晓东、陈红梅

请假：赵建军

一、审议《青山县城区停车管理办法》

会议原则同意该办法。

二、听取县教育局关于秋季学校建设的汇报

青山县人民政府办公室
2025年6月5日
"""


def test_chair_named_after_the_meeting_and_lists_before_the_agenda():
    (meeting,) = meetings_of(CHAIRED_AFTER)
    assert (meeting.date, meeting.number) == ("2025-06-03", 9)
    assert role(meeting, "chair") == ["王明"]
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟"]
    # an unnumbered list line and a "unit：names" line; "请假：" ends the list
    assert observers(meeting) == [
        ("周文斌", "县发改局", False), ("吴海燕", "县财政局", False), ("郑国强", "县财政局", False),
        ("冯晓东", "政府办", False), ("陈红梅", "政府办", False),
    ]
    assert [(a.number, a.topic) for a in meeting.agenda] == [
        (1, "审议《青山县城区停车管理办法》"), (2, "听取县教育局关于秋季学校建设的汇报")]


TOPICAL = """关于城区交通整治工作的专题会议纪要

3月12日，副县长李国华在县政府五楼会议室主持召开城区交通整治专题会议，研究部署城区交通整治工作。

参会人员：李国华 王明 张伟

列席：县公安局交警大队 周志刚，县城管局副局长吴丽娟

记录人：县政府办 朱琳

青山县人民政府办公室
2025年3月14日
"""


def test_a_pasted_topical_meeting_without_number_or_year():
    (meeting,) = meetings_of(TOPICAL)
    assert meeting.number is None
    assert meeting.kind.endswith("专题会议")
    assert meeting.date == "2025-03-12"  # the year of the minutes' issue
    assert role(meeting, "chair") == ["李国华"]
    assert role(meeting, "attendee") == ["李国华", "王明", "张伟"]  # names separated by spaces
    assert observers(meeting) == [("周志刚", "县公安局交警大队", False), ("吴丽娟", "县城管局", False)]
    assert role(meeting, "recorder") == ["朱琳"]


def test_a_meeting_named_before_its_date_and_chair_in_the_next_clause():
    text = ("青府纪〔2025〕5号\n\n青山县人民政府第5次常务会议纪要\n\n"
            "青山县人民政府第5次常务会议于2025年3月2日召开，会议由县长王明主持。\n\n"
            "出席：王明、李国华\n\n记录：朱琳\n")
    (meeting,) = meetings_of(text)
    assert (meeting.kind, meeting.number, meeting.date) == ("常务会议", 5, "2025-03-02")
    assert role(meeting, "chair") == ["王明"]
    assert meeting.evidence.text == "青山县人民政府第5次常务会议于2025年3月2日召开，会议由县长王明主持"


def test_a_notice_that_mentions_a_meeting_is_not_a_meeting_record():
    text = """青政办函〔2025〕6号

青山县人民政府办公室
关于召开全县安全生产工作会议的通知

各乡镇人民政府，县直各单位：

县人民政府定于2025年4月10日召开全县安全生产工作会议。请各单位主要负责同志出席会议。

青山县人民政府办公室
2025年4月1日
"""
    assert meetings_of(text) == []


UNITS = ["县委组织部", "发改局", "高新区管委会", "青石镇", "县人民医院", "妇联", "龙舟协会", "国资中心", "川山坪镇"]
NAMES = ["黄雄", "张保林", "周雄", "李立中", "于法", "欧阳华", "许达"]


@given(st.sampled_from(UNITS), st.sampled_from(NAMES))
def test_split_unit_and_name(unit, name):
    text = unit + name
    pair = split_unit_and_name(text, 0, len(text))
    assert pair is not None
    (ua, ub), (na, nb) = pair
    assert (text[ua:ub], text[na:nb]) == (unit, name)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="出列席记录：:、，。（）(一)二三政府办局县王李张明伟\n 邀请—", max_size=200))
def test_never_raises_on_odd_text(noise):
    text = "2025年3月2日，县长王明主持召开县政府第5次常务会议。\n" + noise
    gazette = split_documents(source_from_string(text))
    for doc in gazette.documents:
        for meeting in extract_meetings(doc):
            assert_evidence(gazette.source.text, meeting)


# --- the seed gazette ------------------------------------------------------------------------

def _facts(meetings) -> dict:
    def squeezed(name):
        return re.sub(r"\s+", "", name) if name else name

    out = []
    for m in meetings:
        chair = [p.person for p in m.participants if p.role == "chair"]
        recorder = [p.person for p in m.participants if p.role == "recorder"]
        out.append({
            "doc_no": m.doc_no, "kind": m.kind, "number": m.number, "date": m.date,
            "chair": squeezed(chair[0]) if chair else None,
            "attendees": [squeezed(p.person) for p in m.participants if p.role == "attendee"],
            "observers": [{"person": squeezed(p.person), "unit": p.unit} for p in m.participants if p.role == "observer"],
            "recorder": squeezed(recorder[0]) if recorder else None,
        })
    return {"schema": "gazette-facts/1", "meetings": out}


def test_seed_gazette_meetings_against_gold():
    from kg.ingest import ingest_file

    gazette = ingest_file(str(SEED))
    found = []
    for doc in gazette.documents:
        for meeting in extract_meetings(doc):
            assert_evidence(gazette.source.text, meeting)
            found.append(meeting)
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    scores = score_facts(_facts(found), {"schema": "gazette-facts/1", "meetings": gold["meetings"]})
    assert scores["meetings"].f1 >= 0.97
    assert scores["meetings.dates"].f1 == 1.0
    # each observer's unit as printed in that meeting
    by_doc = {m.doc_no: m for m in found}
    for gold_meeting in gold["meetings"]:
        printed = [(p.person, p.unit) for p in by_doc[gold_meeting["doc_no"]].participants if p.role == "observer"]
        expected = [(o["person"], o["unit"]) for o in gold_meeting["observers"]]
        assert len(printed) == len(expected)
        for (person, unit), (gold_person, gold_unit) in zip(printed, expected):
            assert person == gold_person
            assert unit == gold_unit or (gold_unit and unit in gold_unit.split("|"))
