"""Meeting records: header sentence, 出席 / 列席 / 记录 lines, prose attendance, agenda items —
on invented minutes of invented counties, plus the seed gazette scored against its gold."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
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


# --- labelled header blocks: 会议时间 / 会议地点 / 主持人 / 参加人员 / 列席人员 / 记录人 ---------------

NUMBERED_LABELLED = """青山县人民政府
县长办公会议纪要
青府阅〔2025〕4号

青山县人民政府办公室　　　　　　　　2025年3月10日

会议时间：2025年3月6日上午
会议地点：县政府第一会议室
主持人：王明
参加人员：王明、李国华、张伟
列席人员：县政府办公室周志刚、吴丽娟；县发改局郑国强；县财政局冯晓东；青石镇人民政府陈红梅
记录人：朱琳

　　2025年第4次县长办公会议专题研究城区建设有关工作。现将会议议定事项纪要如下：

　　一、关于城区停车场建设问题
　　会议议定：由县住建局牵头，2025年4月10日前召开协调会。

　　二、关于老旧小区改造
　　会议同意该方案。
"""


def test_numbered_minutes_with_a_labelled_header_block():
    (meeting,) = meetings_of(NUMBERED_LABELLED)
    assert meeting.doc_no == "青府阅〔2025〕4号"
    assert (meeting.kind, meeting.number) == ("县长办公会议", 4)
    # the day held is 会议时间, not the issue date and not the deadline "4月10日前召开"
    assert meeting.date == "2025-03-06"
    assert meeting.evidence.text == "会议时间：2025年3月6日上午"
    assert role(meeting, "chair") == ["王明"]
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟"]  # the chair is listed there too
    # unit+names groups separated by ；, the unit shared by the names after it
    assert observers(meeting) == [
        ("周志刚", "县政府办公室", False), ("吴丽娟", "县政府办公室", False), ("郑国强", "县发改局", False),
        ("冯晓东", "县财政局", False), ("陈红梅", "青石镇人民政府", False),
    ]
    assert role(meeting, "recorder") == ["朱琳"]
    # the labelled lines are not agenda items
    assert [(a.number, a.topic) for a in meeting.agenda] == [
        (1, "关于城区停车场建设问题"), (2, "关于老旧小区改造")]


def _labelled_minutes(time_label, chair_label, attendee_label, observer_label, recorder_label, colon):
    return (
        "云府阅〔2025〕9号\n\n云溪市人民政府市长办公会议纪要\n\n"
        f"{time_label}{colon}2025年5月6日（星期二）上午9:00\n"
        f"会议地点{colon}市政府第二会议室\n"
        f"{chair_label}{colon}陈光\n"
        f"{attendee_label}{colon}陈光、刘强、黄河\n"
        f"{observer_label}{colon}市发改委马兰；市财政局许亮、何静\n"
        f"{recorder_label}{colon}朱琳\n\n"
        "一、研究城市更新有关事项\n会议同意有关方案。\n"
    )


@pytest.mark.parametrize("time_label, chair_label, attendee_label, observer_label, recorder_label, colon", [
    ("会议时间", "主持人", "参加人员", "列席人员", "记录人", "："),
    ("时间", "主 持 人", "出席人员", "列席", "记 录 员", "："),
    ("会议时间", "主持", "出席领导", "列席单位", "记录", ":"),
    ("时  间", "会议主持", "参会人员", "列 席 人 员", "记录员", ": "),
    ("會議時間", "主持人", "與會人員", "列席人員", "記錄人", "："),
], ids=["plain", "spaced", "ascii-colon", "spaced-ascii", "traditional"])
def test_label_spellings(time_label, chair_label, attendee_label, observer_label, recorder_label, colon):
    (meeting,) = meetings_of(_labelled_minutes(time_label, chair_label, attendee_label, observer_label,
                                               recorder_label, colon))
    assert (meeting.kind, meeting.date) == ("市长办公会议", "2025-05-06")
    assert role(meeting, "chair") == ["陈光"]
    assert role(meeting, "attendee") == ["陈光", "刘强", "黄河"]
    assert observers(meeting) == [("马兰", "市发改委", False), ("许亮", "市财政局", False), ("何静", "市财政局", False)]
    assert role(meeting, "recorder") == ["朱琳"]
    assert [a.topic for a in meeting.agenda] == ["研究城市更新有关事项"]


def test_two_labels_on_one_line_and_a_list_of_units_only():
    text = """青府阅〔2025〕5号

青山县人民政府县长办公会议纪要

会议时间: 2025年4月2日下午　　会议地点: 县政府第三会议室
主 持 人: 王明　　　记 录 员: 朱琳
出席领导: 王明、李国华
列席单位: 县发改局、县财政局、县政府办公室
列席人员: 县教育局钱文斌, 县卫健局孙海燕

一、研究学校建设工作
会议同意。
"""
    (meeting,) = meetings_of(text)
    assert meeting.kind == "县长办公会议"  # not "人民政府县长办公会议" read off the title
    assert meeting.number is None  # printed nowhere
    assert meeting.date == "2025-04-02"
    assert meeting.evidence.text == "会议时间: 2025年4月2日下午"
    assert role(meeting, "chair") == ["王明"]
    assert role(meeting, "recorder") == ["朱琳"]
    assert role(meeting, "attendee") == ["王明", "李国华"]
    # units without names are nobody; the agenda line after the list is not an observer
    assert observers(meeting) == [("钱文斌", "县教育局", False), ("孙海燕", "县卫健局", False)]
    assert [(a.number, a.topic) for a in meeting.agenda] == [(1, "研究学校建设工作")]


def test_a_meeting_held_on_a_day_named_in_a_yu_phrase():
    text = """青府阅〔2025〕6号

青山县人民政府县长办公会议纪要

青山县人民政府2025年第6次县长办公会议于2025年5月8日在县政府第一会议室召开。
主持人：县长王明
参会人员：王明、李国华
记录：朱琳

一、研究防汛工作
"""
    (meeting,) = meetings_of(text)
    assert (meeting.kind, meeting.number, meeting.date) == ("县长办公会议", 6, "2025-05-08")
    assert role(meeting, "chair") == ["王明"]  # the title printed before the name is dropped
    assert role(meeting, "attendee") == ["王明", "李国华"]
    assert role(meeting, "recorder") == ["朱琳"]


def test_a_day_without_year_takes_the_year_of_issue():
    text = ("青府阅〔2025〕7号\n\n青山县人民政府县长办公会议纪要\n\n"
            "青山县人民政府办公室　　2025年1月6日\n\n"
            "会议时间：12月30日上午\n主持人：王明\n参加人员：王明、李国华\n")
    (meeting,) = meetings_of(text)
    assert meeting.date == "2024-12-30"  # issued in January: the year before


def test_a_deadline_or_a_meeting_to_come_is_not_the_day_held():
    text = """青府阅〔2025〕8号

青山县人民政府县长办公会议纪要

参加人员：王明、李国华

一、关于春耕生产工作
会议要求，县农业农村局于2025年4月10日前召开全县春耕生产调度会，县政府定于2025年4月20日召开现场推进会。
"""
    (meeting,) = meetings_of(text)
    assert meeting.date is None
    assert role(meeting, "attendee") == ["王明", "李国华"]


PASTED_RECORD = """青山县人民政府常务会议纪要
第3次
青山县人民政府办公室　　2025年4月2日

会议时间：2025年3月28日下午
会议地点：县政府常务会议室
主 持 人：王明
出席人员：王明、李国华、张伟
列席人员：县发改局周志刚；县财政局吴丽娟
记 录 员：朱琳

一、研究春耕生产工作
会议同意。
"""


def _whole_text_document(text: str, **marks):
    """The pasted record as one document titled by its first line (what ingest gives a pasted
    record: ``marks`` are the meeting fields it may or may not have filled)."""
    from kg.model import Document, Span

    source = source_from_string(text)
    title_end = source.text.index("\n")
    return source, Document(
        source=source.name, doc_no=source.text[:title_end], title=source.text[:title_end], issuer=None,
        date=None, kind="纪要", span=Span.of(source.text, 0, len(source.text)), body_start=title_end + 1,
        title_span=Span.of(source.text, 0, title_end), **marks)


@pytest.mark.parametrize("marks", [{}, {"is_meeting": True, "meeting_kind": "会议"},
                                   {"is_meeting": True, "meeting_kind": "常务会议", "meeting_number": 3}])
def test_a_pasted_minutes_record_with_only_labelled_lines(marks):
    source, doc = _whole_text_document(PASTED_RECORD, **marks)
    (meeting,) = extract_meetings(doc)
    assert_evidence(source.text, meeting)
    # kind from the title, number from the "第3次" line under it, day from 会议时间
    assert (meeting.kind, meeting.number, meeting.date) == ("常务会议", 3, "2025-03-28")
    assert role(meeting, "chair") == ["王明"]
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟"]
    assert observers(meeting) == [("周志刚", "县发改局", False), ("吴丽娟", "县财政局", False)]
    assert role(meeting, "recorder") == ["朱琳"]
    assert [a.topic for a in meeting.agenda] == ["研究春耕生产工作"]


def test_a_notice_calling_a_meeting_with_labelled_lines_is_not_a_record():
    text = """青政办函〔2025〕6号

青山县人民政府办公室
关于召开全县春耕生产工作会议的通知

各乡镇人民政府，县直各单位：

会议时间：2025年4月10日上午9:00
会议地点：县政府三楼会议室
参会人员：各乡镇分管负责同志
主持人：县长王明

青山县人民政府办公室
2025年4月1日
"""
    assert meetings_of(text) == []


OBSERVER_UNITS = ["县政府办公室", "县发改局", "县财政局", "青石镇人民政府", "县人民医院", "县市场监管局", "澄湾街道办事处"]
OBSERVER_NAMES = ["周志刚", "吴丽娟", "郑国强", "冯晓东", "陈红梅", "孙海燕", "何静", "杨帆"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(OBSERVER_UNITS),
                          st.lists(st.sampled_from(OBSERVER_NAMES), min_size=1, max_size=3, unique=True)),
                min_size=1, max_size=4),
       st.sampled_from(["；", ";", "，"]))
def test_observer_groups_each_name_keeps_the_unit_before_it(groups, separator):
    line = separator.join(unit + "、".join(names) for unit, names in groups)
    text = ("青府阅〔2025〕4号\n\n青山县人民政府县长办公会议纪要\n\n会议时间：2025年3月6日上午\n"
            f"主持人：王明\n参加人员：王明、李国华\n列席人员：{line}\n记录人：朱琳\n")
    (meeting,) = meetings_of(text)
    assert observers(meeting) == [(name, unit, False) for unit, names in groups for name in names]


def test_observer_groups_with_unit_labels_inside_a_line_spilling_over():
    text = """青府阅〔2025〕4号

青山县人民政府县长办公会议纪要

会议时间：2025年3月6日上午
主持人：王明
参加人员：王明　李国华　张伟
列席人员：县政府办公室：周志刚、吴丽娟；县发改局：郑国强；
　　　　　县财政局冯晓东；青石镇人民政府陈红梅
记录人：朱琳

一、研究学校建设工作
"""
    (meeting,) = meetings_of(text)
    assert role(meeting, "attendee") == ["王明", "李国华", "张伟"]
    assert observers(meeting) == [
        ("周志刚", "县政府办公室", False), ("吴丽娟", "县政府办公室", False), ("郑国强", "县发改局", False),
        ("冯晓东", "县财政局", False), ("陈红梅", "青石镇人民政府", False),
    ]
    assert [a.topic for a in meeting.agenda] == ["研究学校建设工作"]


CLOSING_ATTENDANCE = """2025年5月15日上午，韦明市长在市政府四楼会议室主持召开2025年第5次市长办公会议。

一、关于城区停车设施建设

会议要求，市城管局要加快推进城区公共停车场建设。

参加会议的有：韦明、潘元、褚琳、尚文。市发改局、市财政局、市城管局负责同志列席。
"""


def test_closing_prose_attendance_list_and_unnamed_observer_units():
    (meeting,) = meetings_of(CLOSING_ATTENDANCE)
    assert role(meeting, "chair") == ["韦明"]
    assert role(meeting, "attendee") == ["韦明", "潘元", "褚琳", "尚文"]
    assert observers(meeting) == []  # units whose 负责同志 sat in name nobody


def test_closing_prose_lists_of_attendees_and_observers():
    text = CLOSING_ATTENDANCE.replace(
        "参加会议的有：韦明、潘元、褚琳、尚文。市发改局、市财政局、市城管局负责同志列席。",
        "出席会议的有:市长韦明,副市长潘元、褚琳。\n列席会议的有：市发改局局长钱文斌，市财政局孙海燕、李强。")
    (meeting,) = meetings_of(text)
    assert role(meeting, "attendee") == ["韦明", "潘元", "褚琳"]
    assert observers(meeting) == [("钱文斌", "市发改局", False), ("孙海燕", "市财政局", False),
                                  ("李强", "市财政局", False)]


def test_prose_attendance_verbs_after_a_closing_list():
    text = CLOSING_ATTENDANCE.replace(
        "参加会议的有：韦明、潘元、褚琳、尚文。市发改局、市财政局、市城管局负责同志列席。",
        "参加会议的有：韦明、潘元。赵建军、钱文斌列席会议。")
    (meeting,) = meetings_of(text)
    assert role(meeting, "attendee") == ["韦明", "潘元"]
    assert observers(meeting) == [("赵建军", None, False), ("钱文斌", None, False)]


GROUPED_ATTENDANCE = """云府专纪〔2025〕4号

云溪市人民政府办公室　2025年6月12日

　　2025年6月10日下午，市长王明在市政府第三会议室主持召开专题会议，研究老旧小区改造工作。

　　会议决定，由县住建局牵头推进改造。

　　参加人员：市领导：李四、张小五；市直单位：市发改局赵六、市财政局钱七、孙八；列席：市住建局周九、市自然资源局吴十
"""


def test_one_grouped_attendance_paragraph_with_an_inline_observer_label():
    [meeting] = meetings_of(GROUPED_ATTENDANCE)
    # group labels (市领导：/市直单位：) are no names; the chair is not listed, so no attendee
    assert role(meeting, "attendee") == ["李四", "张小五", "赵六", "钱七", "孙八"]
    assert role(meeting, "chair") == ["王明"]
    # "；列席：" switches the rest to observers, each with the unit printed before the name
    assert observers(meeting) == [("周九", "市住建局", False), ("吴十", "市自然资源局", False)]


def test_grouped_attendance_with_ascii_punctuation():
    text = GROUPED_ATTENDANCE.replace("参加人员：市领导：李四、张小五；市直单位：", "参加人员:县领导:李四、张小五;有关单位:")
    text = text.replace("；列席：", ";列席:")
    [meeting] = meetings_of(text)
    assert role(meeting, "attendee") == ["李四", "张小五", "赵六", "钱七", "孙八"]
    assert [p for p, _, _ in observers(meeting)] == ["周九", "吴十"]


def test_tab_table_of_attendees_and_a_units_only_observer_line():
    text = ("云溪经济开发区2025年第3次主任办公会议纪要\n\n"
            "　　2025年5月6日，管委会主任田明远主持召开2025年第3次主任办公会议，研究项目建设事项。\n"
            "　　（一）关于园区道路工程。会议议定：由规划建设局负责，9月底前完工。\n\n"
            "参会人员\t单位及职务\n田明远\t管委会主任\n欧阳青\t管委会副主任\n苏子墨\t纪工委书记\n"
            "列席单位：经济发展局、财政局、规划建设局\n记录：方小禾\n")
    [meeting] = meetings_of(text)
    assert role(meeting, "attendee") == ["田明远", "欧阳青", "苏子墨"]
    assert role(meeting, "observer") == []
    assert role(meeting, "recorder") == ["方小禾"]


def test_prose_attendance_in_the_header_sentence_with_a_title_before_a_list():
    text = ("青山县人民政府第八次常务会议纪要\n\n"
            "　　4月3日，县长高文山主持召开第八次常务会议，副县长林小川、孟雨桐、唐知远，县政府办主任何清和出席会议，"
            "县直有关单位负责人列席会议。副县长魏长风因公请假。会议研究了以下事项：\n"
            "　　一、关于春季造林工作\n　　会议要求县林业局牵头，5月底前完成造林任务。\n")
    [meeting] = meetings_of(text)
    assert role(meeting, "chair") == ["高文山"]
    assert role(meeting, "attendee") == ["林小川", "孟雨桐", "唐知远", "何清和"]
    assert role(meeting, "observer") == []
