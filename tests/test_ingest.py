"""Reading and splitting gazettes: encodings, document starts, titles, signing blocks, TOC."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_source, source_from_string, split_documents
from kg.ingest.textnorm import chinese_number, parse_date

NOTICE = """青山县人民政府公报

目 录

青山县人民政府关于王明等同志职务任免的通知（青政人〔2025〕3号） 1
青山县人民政府办公室关于印发《青山县河道保洁工作方案》的通知
(青政办发〔2025〕7号) 2
2025年第 9 次常务会议纪要……………	5

青政人〔2025〕3号

**青山县人民政府
关于王明等同志职务任免的通知**

各乡镇人民政府，县直各单位：

经县人民政府研究决定：

王明同志任县水利局局长；

免去赵刚同志县水利局局长职务。

青山县人民政府

2025年2月8日

青政办发〔2025〕7号

青山县人民政府办公室
关于印发《青山县河道保洁
工作方案》的通知

各乡镇人民政府，县直各单位：

现将方案印发给你们。按照《某省河长制办法》（湘政办发〔2019〕38号）要求，认真执行。

青山县人民政府办公室
2025年3月1日

第9次

青山县人民政府办公室

2025年3月20日

2025年3月12日，县长孙丽主持召开青山县第5届人民政府第9次常务会议。

出 席：孙丽、王明

记 录：周云
"""


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_documents_split_with_number_title_issuer_date():
    gazette = split_documents(source_from_string(NOTICE, "qs.txt"))
    got = [(d.doc_no, d.title, d.issuer, d.date, d.kind) for d in gazette.documents]
    assert got == [
        ("青政人〔2025〕3号", "青山县人民政府关于王明等同志职务任免的通知", "青山县人民政府", "2025-02-08", "通知"),
        ("青政办发〔2025〕7号", "青山县人民政府办公室关于印发《青山县河道保洁工作方案》的通知",
         "青山县人民政府办公室", "2025-03-01", "通知"),
        ("2025年第9次常务会议纪要", "2025年第9次常务会议纪要", "青山县人民政府办公室", "2025-03-20", "纪要"),
    ]
    meeting = gazette.documents[2]
    assert meeting.is_meeting and meeting.meeting_kind == "常务会议" and meeting.meeting_number == 9


def test_a_number_cited_in_running_text_is_not_a_document():
    gazette = split_documents(source_from_string(NOTICE, "qs.txt"))
    assert all("湘政办发" not in d.doc_no for d in gazette.documents)


def test_offsets_quote_the_source():
    source = source_from_string(NOTICE, "qs.txt")
    gazette = split_documents(source)
    for doc in gazette.documents:
        for span in [doc.span, doc.title_span, doc.issuer_span, doc.date_span, doc.doc_no_span,
                     *(p.span for p in doc.paragraphs)]:
            if span is not None:
                assert source.text[span.start:span.end] == span.text
    first = gazette.documents[0]
    assert first.text.startswith("青政人〔2025〕3号")
    assert "王明同志任县水利局局长" in first.text and "青政办发" not in first.text


def test_table_of_contents_parsed_and_disagreement_reported():
    text = NOTICE.replace("《青山县河道保洁工作方案》的通知\n(青政办发", "《青山县河道保洁方案》的通知\n(青政办发")
    gazette = split_documents(source_from_string(text, "qs.txt"))
    assert [(e.doc_no, e.page) for e in gazette.toc] == [
        ("青政人〔2025〕3号", 1), ("青政办发〔2025〕7号", 2), (None, 5)]
    assert [(m.doc_no, m.field) for m in gazette.toc_mismatches] == [("青政办发〔2025〕7号", "title")]
    assert gazette.toc_mismatches[0].toc_value.endswith("《青山县河道保洁方案》的通知")


def test_single_notice_from_a_web_page_with_chrome():
    page = """首页 > 政务公开 > 通知公告
发布时间：2025-04-02 来源：县政府办 浏览次数：120
青山县人民政府办公室关于做好春季防汛工作的通知
青政办函〔2025〕21号
各乡镇人民政府，县直有关单位：
请各乡镇做好汛前检查（县水利局牵头，县应急管理局配合）。
青山县人民政府办公室
2025年4月1日
【打印】【关闭】
"""
    gazette = split_documents(source_from_string(page, "web.txt"))
    [doc] = gazette.documents
    assert doc.doc_no == "青政办函〔2025〕21号"
    assert doc.title == "青山县人民政府办公室关于做好春季防汛工作的通知"
    assert (doc.issuer, doc.date) == ("青山县人民政府办公室", "2025-04-01")
    assert "打印" not in doc.text and "首页" not in doc.text


def test_single_notice_without_number_is_named_by_its_title():
    text = "青山县人民政府关于表彰先进集体的决定\n\n各乡镇：\n\n现予表彰。\n\n青山县人民政府\n2025年5月6日\n"
    [doc] = split_documents(source_from_string(text, "x.txt")).documents
    assert doc.doc_no == doc.title == "青山县人民政府关于表彰先进集体的决定"
    assert doc.kind == "决定" and doc.date == "2025-05-06"


def test_nothing_recognised_gives_a_warning_not_a_crash():
    gazette = split_documents(source_from_string("这是一段普通文字。\n没有公文。\n", "plain.txt"))
    assert gazette.documents == []
    assert gazette.warnings and "no document recognised" in gazette.warnings[0]


# --- reading files -----------------------------------------------------------

def test_utf8_with_bom(tmp_path):
    path = write(tmp_path, "bom.txt", "\ufeff".encode() + NOTICE.encode("utf-8"))
    source = read_source(path)
    assert source.encoding == "utf-8-sig" and source.text.startswith("青山县")


def test_gb18030(tmp_path):
    path = write(tmp_path, "gb.txt", NOTICE.encode("gb18030"))
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert [d.doc_no for d in split_documents(source).documents][0] == "青政人〔2025〕3号"


def test_crlf_becomes_lf_and_offsets_still_quote(tmp_path):
    path = write(tmp_path, "crlf.txt", NOTICE.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(path)
    assert "\r" not in source.text
    doc = split_documents(source).documents[0]
    assert source.text[doc.title_span.start:doc.title_span.end] == doc.title_span.text


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_source(tmp_path / "nope.txt")


def test_empty_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        read_source(write(tmp_path, "empty.txt", b"  \n"))


def test_binary_file_names_file_and_line(tmp_path):
    with pytest.raises(InputError, match=r"blob.bin:2: this looks like a binary file"):
        read_source(write(tmp_path, "blob.bin", b"PK\x03\x04\n\x00\x01\x02"))


def test_undecodable_bytes_name_the_line(tmp_path):
    data = "第一行\n".encode("utf-8") + b"\xff\xfe\xfd\xfc\xfb\xff\xfe\n" * 3
    with pytest.raises(InputError) as err:
        read_source(write(tmp_path, "bad.txt", b"ok\n" + data[2:]))
    assert "bad.txt:" in str(err.value)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28), st.integers(1990, 2099))
def test_parse_date_arabic_and_chinese(month, day, year):
    digits = "〇一二三四五六七八九"
    cn_year = "".join(digits[int(c)] for c in str(year))

    def cn(n):
        return (("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")) if n >= 10 else digits[n]

    iso = f"{year:04d}-{month:02d}-{day:02d}"
    assert parse_date(f"{year}年{month}月{day}日") == iso
    assert parse_date(f"{cn_year}年{cn(month)}月{cn(day)}日") == iso
    assert chinese_number(cn(day)) == day


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["县", "政", "办", "发", "〔", "〕", "号", "\n", "关于", "通知", "2025", "任",
                                 "同志", "（", "）", "。", "：", "\t", " "]), max_size=60))
def test_splitter_never_crashes_and_spans_quote(pieces):
    text = "".join(pieces)
    source = source_from_string(text, "fuzz.txt")
    for doc in split_documents(source).documents:
        assert source.text[doc.span.start:doc.span.end] == doc.span.text


# --- other counties' layouts ---------------------------------------------------

OTHER_LAYOUT = """青山县人民政府公报

目    录

青山县人民政府关于印发《青山县春耕生产方案》的通知(青政发〔2025〕4号)··········(2)
青山县人民政府常务会议纪要(第6次)··········(5)

青山县人民政府
关于印发《青山县春耕生产方案》的通知
(青政发〔2025〕4号)

各乡镇人民政府:
    现将方案印发给你们。

青山县人民政府
二〇二五年三月五日

青山县人民政府办公室
关于调整防汛工作领导小组的通知
青政办发[2025]9号

各乡镇人民政府：
    经研究，调整如下。

青山县人民政府办公室        2025年3月9日

青山县人民政府常务会议纪要
第6次
青山县人民政府办公室        2025年4月8日

    2025年4月3日，县长孙丽主持召开县政府第6次常务会议。王明、李强出席会议。
"""


def test_other_layouts_number_in_brackets_or_below_title_and_one_line_signature():
    gazette = split_documents(source_from_string(OTHER_LAYOUT, "qs2.txt"))
    got = [(d.doc_no, d.title, d.issuer, d.date) for d in gazette.documents]
    assert got == [
        ("青政发〔2025〕4号", "青山县人民政府关于印发《青山县春耕生产方案》的通知", "青山县人民政府", "2025-03-05"),
        ("青政办发[2025]9号", "青山县人民政府办公室关于调整防汛工作领导小组的通知", "青山县人民政府办公室", "2025-03-09"),
        # minutes without a number are named by their entry in the table of contents
        ("青山县人民政府常务会议纪要(第6次)", "青山县人民政府常务会议纪要(第6次)", "青山县人民政府办公室", "2025-04-08"),
    ]
    assert [e.page for e in gazette.toc] == [2, 5]
    meeting = gazette.documents[2]
    assert meeting.is_meeting and meeting.meeting_number == 6 and meeting.date == "2025-04-08"


def test_a_page_info_box_repeating_the_number_is_not_a_second_document():
    page = """首页 > 政务公开
青山县人民政府办公室关于做好森林防火工作的通知
青政办函〔2025〕30号
各乡镇：
    请做好森林防火（县林业局牵头，各乡镇配合）。
青山县人民政府办公室
2025年2月1日
索引号：000-2025-01
文    号：青政办函〔2025〕30号
发布日期：2025-02-03
"""
    [doc] = split_documents(source_from_string(page, "web.txt")).documents
    assert doc.doc_no == "青政办函〔2025〕30号" and doc.date == "2025-02-01"


TRADITIONAL = """慶政人〔2025〕3號

慶源縣人民政府
關於葉振興等同志職務任免的通知

各鄉鎮人民政府，縣直各單位：

任命葉振興為縣水利局局長；

慶源縣人民政府
2025年2月8日
"""


def test_traditional_text_is_matched_on_a_same_length_simplified_copy():
    source = source_from_string(TRADITIONAL, "trad.txt")
    assert source.printed == TRADITIONAL and len(source.text) == len(TRADITIONAL)
    assert "关于叶振兴" in source.text
    [doc] = split_documents(source).documents
    # what the user sees is what is printed
    assert (doc.doc_no, doc.title, doc.issuer) == ("慶政人〔2025〕3號", "慶源縣人民政府關於葉振興等同志職務任免的通知", "慶源縣人民政府")


def test_simplified_text_with_a_stray_traditional_name_is_left_alone():
    text = NOTICE.replace("王明同志任", "鍾明同志任")
    source = source_from_string(text, "x.txt")
    assert source.printed is None and "鍾明" in source.text


def test_facts_of_a_traditional_gazette_keep_printed_forms(tmp_path):
    from kg.facts import read_facts
    from kg.pipeline import build
    from kg.store import open_store

    path = tmp_path / "trad.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    build([str(path)], str(tmp_path / "out"))
    [facts] = read_facts(open_store(str(tmp_path / "out")))
    [change] = facts["personnel_changes"]
    assert (change["person"], change["post"]) == ("葉振興", "縣水利局局長")
    quotes = open_store(str(tmp_path / "out")).select("SELECT ?q WHERE { ?e a gz:Evidence ; gz:quote ?q }")
    assert any("任命葉振興為縣水利局局長" in r["q"] for r in quotes)


def test_numbered_minutes_with_masthead_rule_and_title_above_the_number():
    text = """青山县人民政府文件

青政任〔2025〕4号
━━━━━━━━━━━━━━━━

青山县人民政府
关于王明等同志职务任免的通知

各乡镇：
    任命王明为县水利局局长。

青山县人民政府
2025年4月3日

青山县人民政府
县长办公会议纪要
青府阅〔2025〕4号

青山县人民政府办公室　　　　2025年3月10日

主持人：孙丽
参加人员：孙丽、王明
　　2025年第4次县长办公会议研究了以下事项。会议由孙丽主持召开第4次县长办公会议。
"""
    first, minutes = split_documents(source_from_string(text, "q.txt")).documents
    assert first.title == "青山县人民政府关于王明等同志职务任免的通知"
    assert (minutes.doc_no, minutes.title, minutes.issuer, minutes.date) == (
        "青府阅〔2025〕4号", "青山县人民政府县长办公会议纪要", "青山县人民政府办公室", "2025-03-10")
    assert minutes.is_meeting and minutes.meeting_kind == "县长办公会议" and minutes.meeting_number == 4


def test_pasted_minutes_without_a_number_are_one_meeting_document():
    text = """青山县人民政府常务会议纪要
第3次
青山县人民政府办公室　　　　2025年3月10日

会议时间：2025年3月6日
主持人：孙丽
参加人员：孙丽、王明
记录人：周云
"""
    [doc] = split_documents(source_from_string(text, "pasted.txt")).documents
    assert (doc.doc_no, doc.kind, doc.is_meeting, doc.meeting_kind, doc.meeting_number) == (
        "青山县人民政府常务会议纪要", "纪要", True, "常务会议", 3)
    assert (doc.issuer, doc.date) == ("青山县人民政府办公室", "2025-03-10")


def test_number_and_date_in_one_bracket_under_a_two_line_title_and_chinese_numeral_minutes():
    text = """云山县人民政府公报

目　　录

▲县政府文件
云政发〔2025〕9号　云山县人民政府关于印发《云山县项目推进计划》的通知 . . . . . 2
▲会议纪要
云山县人民政府第二十二次常务会议纪要 . . . . . . . . 7

2025年第4期　　　　云山县人民政府公报　　　　2

云山县人民政府关于印发
《云山县项目推进计划》的通知
（云政发〔2025〕9号　2025年4月3日）

各乡镇人民政府：
　　现印发给你们。

云山县人民政府
2025年4月3日

2025年第4期　　　　云山县人民政府公报　　　　7

云山县人民政府第二十二次常务会议纪要

云山县人民政府办公室　　　　　　2025年4月18日

　　4月16日上午，县长王明主持召开县人民政府第二十二次常务会议。
"""
    gazette = split_documents(source_from_string(text, "ys.txt"))
    got = [(d.doc_no, d.title, d.issuer, d.date) for d in gazette.documents]
    assert got == [
        ("云政发〔2025〕9号", "云山县人民政府关于印发《云山县项目推进计划》的通知", "云山县人民政府", "2025-04-03"),
        ("云山县人民政府第二十二次常务会议纪要", "云山县人民政府第二十二次常务会议纪要", "云山县人民政府办公室", "2025-04-18"),
    ]
    assert gazette.documents[1].meeting_number == 22
    assert gazette.toc_mismatches == []
    # the running head between pages is not a paragraph of the notice
    assert all("公报" not in p.text for p in gazette.documents[0].paragraphs)


def test_joint_issuers_and_a_web_metadata_box_with_the_number():
    text = """发布机构：青山县人民政府
发文字号：青办发〔2025〕6号
成文日期：2025年05月12日
公开方式：主动公开

中共青山县委办公室　青山县人民政府办公室
关于做好青年就业工作的通知

各乡镇：
　　请认真落实。

中共青山县委办公室
青山县人民政府办公室
2025年5月12日
"""
    [doc] = split_documents(source_from_string(text, "joint.txt")).documents
    assert doc.doc_no == "青办发〔2025〕6号"
    assert doc.title == "中共青山县委办公室青山县人民政府办公室关于做好青年就业工作的通知"
    assert (doc.issuer, doc.date) == ("中共青山县委办公室、青山县人民政府办公室", "2025-05-12")


def test_minutes_signed_at_the_end_and_contents_with_page_numbers_first():
    text = """本期目录

■市政府文件
11　青山市人民政府关于推进民营经济发展的实施意见
■会议纪要
14　青山市人民政府2025年第5次市长办公会议纪要

■会议纪要

市长办公会议纪要

　　2025年5月15日上午，王明市长主持召开2025年第5次市长办公会议。
　　一、会议同意……

参加会议的有：王明、李强。

青山市人民政府办公室
2025年5月21日
"""
    gazette = split_documents(source_from_string(text, "qs5.txt"))
    [doc] = gazette.documents
    assert (doc.doc_no, doc.issuer, doc.date) == ("青山市人民政府2025年第5次市长办公会议纪要", "青山市人民政府办公室", "2025-05-21")
    assert [(e.page, e.title) for e in gazette.toc] == [
        (11, "青山市人民政府关于推进民营经济发展的实施意见"), (14, "青山市人民政府2025年第5次市长办公会议纪要")]


def test_full_width_digits_and_circle_zero_are_matched_but_printed_as_they_are():
    text = """梧府任〔２０２５〕３号

青山县人民政府
关于王明等同志任免职的决定

各乡镇：

任命王明为县水利局局长。

青山县人民政府
二○二五年六月十日

县长办公会议纪要
第９期
青山县人民政府办公室　　二○二五年六月二十八日

二○二五年六月二十六日上午，县长孙丽主持召开2025年第9次县长办公会议。
"""
    source = source_from_string(text, "ocr.txt")
    assert source.printed == text and "〔2025〕3号" in source.text and "二〇二五年" in source.text
    first, minutes = split_documents(source).documents
    assert (first.doc_no, first.date) == ("梧府任〔２０２５〕３号", "2025-06-10")
    assert minutes.is_meeting and minutes.meeting_number == 9
    assert (minutes.issuer, minutes.date) == ("青山县人民政府办公室", "2025-06-28")


def test_date_first_in_the_bracket_and_numbered_minutes_under_a_section_mark():
    text = """青山县人民政府关于印发
《青山县重点工作任务清单》的通知
（2025年7月8日　青政发〔2025〕17号）

各乡镇：
　　现印发给你们。

◆ 会议纪要

青开纪〔2025〕5号
青山经济开发区2025年第七次主任办公会议纪要
青山经济开发区管理委员会综合办公室　　2025年7月4日

　　2025年7月2日，管委会主任王明主持召开2025年第7次主任办公会议。
"""
    first, minutes = split_documents(source_from_string(text, "qs6.txt")).documents
    assert (first.doc_no, first.title) == ("青政发〔2025〕17号", "青山县人民政府关于印发《青山县重点工作任务清单》的通知")
    assert (minutes.doc_no, minutes.title, minutes.issuer, minutes.date) == (
        "青开纪〔2025〕5号", "青山经济开发区2025年第七次主任办公会议纪要", "青山经济开发区管理委员会综合办公室", "2025-07-04")
    assert minutes.is_meeting and minutes.meeting_number == 7


def test_markdown_remnants_of_a_web_export_are_blanked_in_the_matching_text():
    text = """# 青山区人民政府公报

## 青山区人民政府办公室关于做好冬季安全工作的通知

**文号：** 青政办发〔2025〕31号

各街道：

| 序号 | 任务 | 牵头单位 |
|---|---|---|
| 1 | 排查燃气隐患。 | 区住建局 |

**青山区人民政府办公室**

**2025年10月28日**
"""
    source = source_from_string(text, "md.txt")
    assert len(source.text) == len(text) and source.printed == text
    assert "**" not in source.text and "\t" not in text and "\t 排查燃气隐患。 \t" in source.text
    [doc] = split_documents(source).documents
    assert (doc.doc_no, doc.issuer, doc.date) == ("青政办发〔2025〕31号", "青山区人民政府办公室", "2025-10-28")
    assert doc.title == "青山区人民政府办公室关于做好冬季安全工作的通知"
    [table] = doc.tables
    assert [c.strip() for c in table.rows[0].texts()] == ["1", "排查燃气隐患。", "区住建局"]


def test_a_pdf_text_with_a_few_dashes_is_not_taken_for_markdown():
    text = NOTICE + "- 附件：1.方案\n- 2.清单\n"
    assert source_from_string(text, "x.txt").printed is None


WRAPPED = "\n".join([
    "青政任〔2025〕6号",
    "",
    "青山县人民政府",
    "关于王明等同志职务任免的通知",
    "",
    "各乡镇人民政府，县直各单位：",
    "　　经县人民政府研究决定：李强同志任青山县发展和改革局局长",
    "；赵丽（女）同志任青山县教育局副局长（试用期一年）；欧阳振",
    "华同志任县市场监督管理局副局长，免去其县商务局副局长职务；免",
    "去陈志刚同志县自然资源局局长职务。",
    "　　同时，县人民政府决定提名周海同志为县审计局局长人选，提请",
    "县人大常委会审议。这是一段用来凑足长度的说明文字，共三十字整。",
    "　　以上同志的任职时间自本通知印发之日起计算，请各单位遵照执",
    "行，并做好工作交接，确保各项工作有序推进，不得影响正常工作。",
    "　　特此通知。这一行字数较少。",
    "",
    "青山县人民政府",
    "2025年9月22日",
    "",
]) + "\n" + "\n".join("这是一行用来模拟正文硬换行的文字内容，长度刚好是三十个字符呀" for _ in range(8)) + "\n"


def test_hard_wrapped_paragraphs_are_joined_for_matching_and_quoted_as_printed(tmp_path):
    from kg.facts import read_facts
    from kg.pipeline import build
    from kg.store import open_store

    source = source_from_string(WRAPPED, "wrapped.txt")
    assert source.offsets is not None and len(source.text) == len(WRAPPED)
    assert "欧阳振华同志任" in source.text and "免去陈志刚" in source.text
    path = tmp_path / "wrapped.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    build([str(path)], str(tmp_path / "out"))
    store = open_store(str(tmp_path / "out"))
    [facts] = read_facts(store)
    changes = {(c["person"], c["action"], c["post"]) for c in facts["personnel_changes"]}
    assert ("欧阳振华", "appoint", "县市场监督管理局副局长") in changes
    assert ("陈志刚", "remove", "县自然资源局局长") in changes
    for row in store.select("SELECT ?s ?e ?q WHERE { ?ev a gz:Evidence ; gz:start ?s ; gz:end ?e ; gz:quote ?q }"):
        assert WRAPPED[row["s"]:row["e"]] == row["q"]  # offsets and quotes are the printed text's
