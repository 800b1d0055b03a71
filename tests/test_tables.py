"""Tests of kg.ingest.tables.split_table_rows on invented tables (and one real gazette)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.tables import split_table_rows
from kg.model import Table

HEADER = "序号\t项目\t目标任务\t牵头领导\t牵头单位\t配合单位"
HEADER_NAMES = ("序号", "项目", "目标任务", "牵头领导", "牵头单位", "配合单位")


def check_spans(text: str, tables: list[Table]) -> None:
    """Every span quotes the source exactly, and rows lie inside their table."""
    for table in tables:
        assert text[table.span.start:table.span.end] == table.span.text
        for row in table.rows:
            assert text[row.span.start:row.span.end] == row.span.text
            assert table.span.start <= row.span.start <= row.span.end <= table.span.end
            for cell in row.cells:
                for s in cell.spans:
                    assert text[s.start:s.end] == s.text
                    assert row.span.start <= s.start <= s.end <= row.span.end
                assert "\t" not in cell.text and "\n" not in cell.text


# --- header, repeated header, page number, trailing tabs, prose after ------

PAGED = (
    "青山县人民政府办公室关于印发工作任务的通知\n"
    "\n"
    "附件\n"
    "\n"
    "青山县2025年重点工作任务分解\n"
    "\n"
    f"{HEADER}\t\n"
    "1\t经济发展\t地区生产总值增长6%左右。\t王明\t县发改局\t县统计局\t\n"
    "2\t\t固定资产投资增长8%左右。\t王明\t县发改局\t\t\n"
    "\n"
    "— 3 —\n"
    "\n"
    f"{HEADER}\n"
    "3\t城乡建设\t完成老旧小区改造12个。\t李华\t县住建局\t各乡镇\n"
    "4\t\t新建公共停车位300个。\t李华\t县城管局\t县公安局\n"
    "\n"
    "7\n"
    "\n"
    f"{HEADER}\t\n"
    "5\t民生保障\t新增城镇就业2000人。\t赵丽\t县人社局\t各乡镇\t\n"
    "\n"
    "各乡镇、各单位要对照任务分工，抓好落实。\n"
)


def test_header_detected_with_title():
    tables = split_table_rows(PAGED)
    assert len(tables) == 1
    table = tables[0]
    assert table.header == HEADER_NAMES
    assert table.title == "青山县2025年重点工作任务分解"
    check_spans(PAGED, tables)


def test_repeated_header_and_page_numbers_dropped():
    table = split_table_rows(PAGED)[0]
    assert [r.cells[0].text for r in table.rows] == ["1", "2", "3", "4", "5"]
    for row in table.rows:
        assert "序号" not in row.texts()
        assert all(t not in ("— 3 —", "7") for t in row.texts())


def test_trailing_tabs_give_no_extra_columns():
    table = split_table_rows(PAGED)[0]
    assert all(len(r.cells) == 6 for r in table.rows)
    assert table.rows[0].texts() == ["1", "经济发展", "地区生产总值增长6%左右。", "王明", "县发改局", "县统计局"]
    assert table.rows[1].texts() == ["2", "", "固定资产投资增长8%左右。", "王明", "县发改局", ""]
    assert table.rows[1].cells[5].spans == ()


def test_table_followed_by_prose_ends_before_it():
    table = split_table_rows(PAGED)[0]
    assert table.span.text.endswith("各乡镇\t")  # the last row's line, trailing TAB included
    assert "抓好落实" not in table.span.text
    assert table.rows[-1].texts() == ["5", "民生保障", "新增城镇就业2000人。", "赵丽", "县人社局", "各乡镇"]


def test_region_limits_and_absolute_offsets():
    prefix = "前文\n\n"
    text = prefix + PAGED
    start = text.index("附件")
    tables = split_table_rows(text, start, len(text))
    assert len(tables) == 1 and len(tables[0].rows) == 5
    check_spans(text, tables)
    cut = text.index("3\t城乡建设")
    tables = split_table_rows(text, start, cut)
    assert [r.cells[0].text for r in tables[0].rows] == ["1", "2"]
    assert tables[0].span.end <= cut


def test_running_page_head_between_page_parts():
    text = (
        f"{HEADER}\n"
        "1\t交通\t建设县城环线。\t王明\t县交通局\t各乡镇\n"
        "\n"
        "青山县人民政府公报\n"
        "\n"
        f"{HEADER}\n"
        "2\t教育\t新建学校1所。\t赵丽\t县教育局\t县财政局\n"
        "青政办函〔2025〕7号\n"
        "\n"
        "青山县人民政府办公室关于开展安全检查的通知\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert [r.cells[0].text for r in table.rows] == ["1", "2"]
    assert table.rows[-1].cells[5].text == "县财政局"  # the 文号 line right below is not a spill
    assert "青政办函" not in table.span.text


def test_quarterly_milestone_table():
    text = (
        "青山县2025年民生实事任务分解表\n"
        "\n"
        "序号\t项目名称\t一季度\t二季度\t三季度\t四季度\t责任领导\t责任单位\n"
        "1\t县城环线改造工程\t完成设计\t完成招标\t完成路基\t建成通车\t王明\t县交通局\n"
        "2\t乡镇卫生院提质\t完成选址\t开工建设\t主体完工\t投入使用\t赵丽\t县卫健局\n"
    )
    (table,) = split_table_rows(text)
    assert table.header == ("序号", "项目名称", "一季度", "二季度", "三季度", "四季度", "责任领导", "责任单位")
    assert [r.texts()[5] for r in table.rows] == ["建成通车", "投入使用"]


def test_header_wrapped_over_two_lines():
    text = (
        "序号\t项目\t目标任务\t牵头\t牵头\t配合\n"
        "\t\t\t领导\t单位\t单位\n"
        "1\t交通\t建设县城环线。\t王明\t县交通局\t各乡镇\n"
    )
    (table,) = split_table_rows(text)
    assert table.header == HEADER_NAMES
    assert len(table.rows) == 1


def test_row_spilled_over_a_page_break():
    text = (
        f"{HEADER}\n"
        "1\t产业发展\t推进青山工业园标准厂房建设，\t王明 李华\t县工信局\t县财政局、\n"
        "\n"
        "— 2 —\n"
        "\n"
        f"{HEADER}\n"
        "\t\t力争年内新开工项目10个\t张强\t\t各乡镇\n"
        "2\t\t开展招商引资活动。\t王明\t县商务局\t县发改局\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    rows = tables[0].rows
    assert [r.cells[0].text for r in rows] == ["1", "2"]
    assert rows[0].texts()[2:] == ["推进青山工业园标准厂房建设，力争年内新开工项目10个", "王明 李华张强", "县工信局", "县财政局、各乡镇"]


# --- spilled cells ----------------------------------------------------------

SPILLED = (
    "青山县2025年产业发展任务表\n"
    "\n"
    f"{HEADER}\n"
    "1\t产业发展\t推进青山工业园标准厂房建设，力争年内\t王明\t县工信局\t县财政局\n"
    "\t\t新开工项目10个。\t\t\t\n"
    "2\t\t完善农村道路网络，新建通组公路\ufffd\n"
    "30公里。\t张强\t县交通局\t各乡镇\n"
    "3\t\t培育规模以上工业企业5家，\t李华\t县工信局\t县市场监管局、\n"
    "各乡镇\n"
    "4\t\t开展招商引资活动。\t王明\t县商务局\t县发改局\n"
    "\n"
    "县人民政府办公室\n"
)


def test_spilled_cell_merged_by_position():
    text = SPILLED
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert [r.cells[0].text for r in table.rows] == ["1", "2", "3", "4"]
    row = table.rows[0]
    task = row.cells[2]
    assert task.text == "推进青山工业园标准厂房建设，力争年内新开工项目10个。"
    assert [s.text for s in task.spans] == ["推进青山工业园标准厂房建设，力争年内", "新开工项目10个。"]
    assert row.texts()[3:] == ["王明", "县工信局", "县财政局"]
    # the row runs from its first line start to its last line end
    assert row.span.text == "1\t产业发展\t推进青山工业园标准厂房建设，力争年内\t王明\t县工信局\t县财政局\n\t\t新开工项目10个。\t\t\t"


def test_cut_line_resumes_in_the_cell_it_stopped_in():
    row = split_table_rows(SPILLED)[0].rows[1]
    assert row.texts() == ["2", "", "完善农村道路网络，新建通组公路30公里。", "张强", "县交通局", "各乡镇"]
    assert [s.text for s in row.cells[2].spans] == ["完善农村道路网络，新建通组公路", "30公里。"]


def test_line_without_tabs_appends_to_last_cell():
    row = split_table_rows(SPILLED)[0].rows[2]
    assert row.cells[5].text == "县市场监管局、各乡镇"
    assert row.span.text.endswith("各乡镇")


# --- category cells split into two TAB cells and broken over two lines ------

CATEGORIES = (
    "序号\t项目\t\t目标任务\t牵头领导\t牵头单位\t配合单位\n"
    "1\t全力推动\t扩大有效\t推进重点项目建设，完成投资50亿元。\t王明\t县发改局\t县财政局\n"
    "\t经济发展\t投资\t\t\t\t\n"
    "2\t\t\t抓好项目储备申报。\t王明\t县发改局 县财政局\t各乡镇\n"
    "3\t全力推动经济发展 提振消费\t开展消费季活动。\t李华\t县商务局\t各乡镇\t\n"
    "4\t持续改善\t民生福祉\t新建幼儿园2所。\t赵丽\t县教育局\t县财政局\n"
)


def test_category_cells_broken_over_two_lines():
    text = CATEGORIES
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert table.header == HEADER_NAMES
    rows = table.rows
    assert [r.cells[0].text for r in rows] == ["1", "2", "3", "4"]
    assert rows[0].cells[1].text == "全力推动经济发展 扩大有效投资"
    assert [s.text for s in rows[0].cells[1].spans] == ["全力推动", "经济发展", "扩大有效", "投资"]
    assert rows[0].texts()[2:] == ["推进重点项目建设，完成投资50亿元。", "王明", "县发改局", "县财政局"]
    assert rows[1].texts() == ["2", "", "抓好项目储备申报。", "王明", "县发改局 县财政局", "各乡镇"]
    assert rows[2].texts() == ["3", "全力推动经济发展 提振消费", "开展消费季活动。", "李华", "县商务局", "各乡镇"]
    assert rows[3].texts() == ["4", "持续改善 民生福祉", "新建幼儿园2所。", "赵丽", "县教育局", "县财政局"]


def test_trailing_empty_cell_read_by_column_fit():
    """A row with split category cells, an empty last column and a trailing TAB
    has as many cells as a plain row with a trailing TAB: the usual lengths of
    the columns tell the two apart."""
    text = (
        f"{HEADER}\n"
        "1\t经济发展\t地区生产总值增长6%左右，质量效益稳步提升。\t王明\t县发改局\t县统计局\t\n"
        "2\t\t一般公共预算收入增长3%左右，收入结构持续优化。\t李华\t县财政局\t县税务局\t\n"
        "3\t\t规模工业增加值增长7%左右，新增规上企业10家。\t张强\t县工信局\t各乡镇\t\n"
        "4\t扩大内需\t提振消费\t开展消费季活动，社会消费品零售总额增长8%。\t赵丽\t县商务局\t县财政局\n"
        "5\t城乡建设\t完善设施\t完成老旧小区改造12个，新建公共停车位300个。\t王明\t县住建局\t\n"
        "6\t\t推进污水管网建设，新建管网20公里，提升收集率。\t王明\t县住建局\t县城管局\t\n"
    )
    rows = split_table_rows(text)[0].rows
    assert rows[0].texts() == ["1", "经济发展", "地区生产总值增长6%左右，质量效益稳步提升。", "王明", "县发改局", "县统计局"]
    assert rows[3].cells[1].text == "扩大内需 提振消费"
    assert rows[4].texts() == ["5", "城乡建设 完善设施", "完成老旧小区改造12个，新建公共停车位300个。", "王明", "县住建局", ""]
    assert rows[5].texts()[1:3] == ["", "推进污水管网建设，新建管网20公里，提升收集率。"]


# --- amounts table: two-line header, Chinese ordinals, sub-rows, totals -----

AMOUNTS = (
    "附件2\n"
    "\n"
    "青山县2025年争取资金目标表\n"
    "\n"
    "单位：万元\n"
    "\n"
    "序号\t单位\t2025 年目标\t\t备注\n"
    "\t\t小计\t向上争取资金\t\n"
    "全县合计\t\t350\t200\t\n"
    "一、\t县直单位\t300\t200\t\n"
    "1\t县发改局\t100\t100\t\n"
    "\t\t50\t\t其中专项债50\n"
    "2\t县财政局\t150\t100\t\n"
    "二、\t5 个乡镇\t50\t\t各乡镇目标均为 10 万元\n"
    "\t合 计\t350\t200\t\n"
    "\n"
    "青政发〔2025〕3号\n"
)


def test_two_line_header_ordinals_and_totals():
    text = AMOUNTS
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert table.title == "青山县2025年争取资金目标表"
    assert table.header == ("序号", "单位", "2025年目标/小计", "2025年目标/向上争取资金", "备注")
    assert [r.texts()[:3] for r in table.rows] == [
        ["全县合计", "", "350"],
        ["一、", "县直单位", "300"],
        ["1", "县发改局", "100"],
        ["", "", "50"],
        ["2", "县财政局", "150"],
        ["二、", "5 个乡镇", "50"],
        ["", "合 计", "350"],
    ]
    assert table.rows[5].cells[4].text == "各乡镇目标均为 10 万元"


def test_unnumbered_table_each_full_line_is_a_row():
    text = (
        "青山县财税收入目标表\n\n"
        "工作组\t2025年目标\t主管领导\t责任人\t责任单位\n"
        "税收工作组\t1200\t王明\t张强 李华\t县税务局、县财政局\n"
        "非税工作组\t300\t王明\t赵丽\t县财政局\n"
        "合计\t1500\t\t\t\n"
        "\n"
        "一、工作要求\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert table.header == ("工作组", "2025年目标", "主管领导", "责任人", "责任单位")
    assert [r.cells[0].text for r in table.rows] == ["税收工作组", "非税工作组", "合计"]


def test_two_tables_with_their_own_captions():
    text = (
        "表一 青山县重点项目表\n\n"
        f"{HEADER}\n"
        "1\t交通\t建设县城环线。\t王明\t县交通局\t各乡镇\n"
        "\n"
        "表二 青山县民生实事表\n\n"
        f"{HEADER}\n"
        "1\t教育\t新建学校1所。\t赵丽\t县教育局\t县财政局\n"
        "2\t卫生\t新建卫生院1所。\t赵丽\t县卫健局\t县财政局\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    assert [(t.title, len(t.rows)) for t in tables] == [("表一青山县重点项目表", 1), ("表二青山县民生实事表", 2)]


# --- section rows, page breaks without a repeated header, two-column tables --

DUTY_HEADER = "序号\t重点任务\t责任领导\t责任单位\t配合单位\t完成时限"
DUTY_NAMES = ("序号", "重点任务", "责任领导", "责任单位", "配合单位", "完成时限")

# Section headings printed four ways between numbered rows: a line of its own, an
# ordinal cell with a heading cell, one cell with trailing TABs, a heading cell after
# an empty number cell.
SECTIONS = (
    "附件\n\n云溪市2025年城市品质提升任务清单\n\n"
    f"{DUTY_HEADER}\n"
    "一、城市更新\n"
    "1\t改造老旧小区12个。\t王明\t市住建局\t各街道办事处\t2025年10月\n"
    "2\t完成农贸市场提质改造2个。\t李华\t市商务局\t市市场监管局\t6月底前\n"
    "二、\t交通畅通\t\t\t\t\n"
    "3\t打通断头路4条。\t王明\t市住建局\t市公安局交警支队\t全年\n"
    "三、民生保障\t\t\t\t\t\n"
    "4\t新建小学1所。\t赵丽\t市教育局\t市财政局\t2025年8月\n"
    "\t（四）安全稳定\t\t\t\t\n"
    "5\t更新燃气管道30公里。\t赵丽\t市住建局\t各街道办事处\t持续推进\n"
    "\n"
    "云溪市人民政府办公室\n"
)


def test_section_rows_keep_one_table():
    tables = split_table_rows(SECTIONS)
    check_spans(SECTIONS, tables)
    (table,) = tables
    assert table.header == DUTY_NAMES
    assert table.title == "云溪市2025年城市品质提升任务清单"
    assert [r.texts()[:2] for r in table.rows] == [
        ["一、", "城市更新"],
        ["1", "改造老旧小区12个。"],
        ["2", "完成农贸市场提质改造2个。"],
        ["二、", "交通畅通"],
        ["3", "打通断头路4条。"],
        ["三、", "民生保障"],
        ["4", "新建小学1所。"],
        ["（四）", "安全稳定"],
        ["5", "更新燃气管道30公里。"],
    ]
    sections = [r for r in table.rows if not r.cells[0].text.isdigit()]
    assert all(r.texts()[2:] == ["", "", "", ""] for r in sections)
    assert sections[0].span.text == "一、城市更新"
    assert table.rows[-1].texts()[5] == "持续推进"
    assert "云溪市人民政府办公室" not in table.span.text


def test_sections_restart_the_numbering():
    text = (
        f"{DUTY_HEADER}\n"
        "一、城市更新\n"
        "1\t改造老旧小区12个。\t王明\t市住建局\t各街道办事处\t2025年10月\n"
        "2\t完成农贸市场提质改造2个。\t李华\t市商务局\t市市场监管局\t6月底前\n"
        "二、民生保障\n"
        "1\t新建小学1所。\t赵丽\t市教育局\t市财政局\t2025年8月\n"
    )
    (table,) = split_table_rows(text)
    assert [r.cells[0].text for r in table.rows] == ["一、", "1", "2", "二、", "1"]


@pytest.mark.parametrize(
    "after",
    [
        "\n三、工作要求\n各单位要抓好落实。\n",  # an outline heading of the prose after the table
        "三、工作要求\n（一）加强组织领导。各单位要抓好落实。\n",
        "\n三、其他事项\n\n1\t青石镇\t300\n2\t白沙镇\t200\n",  # another table, numbering starts again
    ],
)
def test_an_outline_heading_after_the_table_ends_it(after):
    text = f"{DUTY_HEADER}\n1\t改造老旧小区12个。\t王明\t市住建局\t各街道办事处\t2025年10月\n" + after
    tables = split_table_rows(text)
    check_spans(text, tables)
    assert [r.cells[0].text for r in tables[0].rows] == ["1"]
    assert "三、" not in tables[0].span.text


PAGE_PART_ONE = (
    f"{DUTY_HEADER}\n"
    "1\t改造老旧小区12个。\t王明\t市住建局\t各街道办事处\t2025年10月\n"
    "2\t完成农贸市场提质改造2个。\t李华\t市商务局\t市市场监管局\t6月底前\n"
)
PAGE_PART_TWO = "3\t新建小学1所。\t赵丽\t市教育局\t市财政局\t2025年8月\n4\t更新燃气管道30公里。\t赵丽\t市住建局\t各街道办事处\t全年\n"


@pytest.mark.parametrize(
    "page_number",
    ["·4·", "- 4 -", "— 4 —", "－ 4 －", "第4页", "4"],
    ids=["middle-dots", "hyphens", "dashes", "full-width-minus", "di-ye", "bare"],
)
@pytest.mark.parametrize(
    "running_head",
    ["", "云溪市人民政府公报　　　　　　　　2025年第3期\n", "云溪市人民政府公报\n", "·市政府文件·\n"],
    ids=["no-head", "name-and-issue", "name", "section-mark"],
)
def test_page_break_without_a_repeated_header(page_number, running_head):
    text = PAGE_PART_ONE + f"\n{page_number}\n{running_head}\n" + PAGE_PART_TWO + "\n云溪市人民政府办公室\n"
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert table.header == DUTY_NAMES
    assert [r.cells[0].text for r in table.rows] == ["1", "2", "3", "4"]
    assert table.rows[1].texts()[5] == "6月底前"  # the page furniture is in no cell
    assert all("公报" not in c.text and "4页" not in c.text for r in table.rows for c in r.cells)


def test_running_head_right_below_a_row_and_a_section_on_the_next_page():
    text = (
        f"{DUTY_HEADER}\n"
        "一、城市更新\n"
        "1\t改造老旧小区12个。\t王明\t市住建局\t各街道办事处\t2025年10月\n"
        "云溪市人民政府公报　　　　2025年第3期\n"
        "·5·\n"
        "\n"
        "二、民生保障\n"
        "2\t新建小学1所。\t赵丽\t市教育局\t市财政局\t2025年8月\n"
    )
    (table,) = split_table_rows(text)
    assert [r.texts()[:2] for r in table.rows] == [
        ["一、", "城市更新"], ["1", "改造老旧小区12个。"], ["二、", "民生保障"], ["2", "新建小学1所。"]]
    assert table.rows[1].texts()[5] == "2025年10月"


def test_running_head_before_an_unrelated_table_ends_the_table():
    text = (
        PAGE_PART_ONE
        + "\n·5·\n云溪市人民政府公报　　2025年第3期\n\n"
        + "1\t青石镇\t300\n2\t白沙镇\t200\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    assert [[r.cells[0].text for r in t.rows] for t in tables] == [["1", "2"], ["1", "2"]]
    assert tables[1].header == ()


def test_two_column_target_table():
    text = (
        "附件\n\n云溪市2025年油茶新造林目标任务分解表\n\n"
        "乡镇\t目标任务（亩）\n"
        "青石镇\t2200\n"
        "白 沙 乡\t1400\n"
        "合计\t3600\n"
        "\n"
        "二、工作要求\n"
    )
    tables = split_table_rows(text)
    check_spans(text, tables)
    (table,) = tables
    assert table.header == ("乡镇", "目标任务（亩）")
    assert table.title == "云溪市2025年油茶新造林目标任务分解表"
    assert [r.texts() for r in table.rows] == [["青石镇", "2200"], ["白 沙 乡", "1400"], ["合计", "3600"]]


def test_a_collective_in_a_duty_cell_is_no_heading():
    """"各乡镇" names units, not a column: a spilled line holding it stays in the row."""
    text = (
        f"{HEADER}\n"
        "1\t产业发展\t推进标准厂房建设，\t王明\t县工信局\t县财政局、\n"
        "\t\t力争年内新开工项目10个\t张强\t\t各乡镇\n"
        "2\t\t开展招商引资活动。\t王明\t县商务局\t县发改局\n"
    )
    (table,) = split_table_rows(text)
    assert table.rows[0].texts()[5] == "县财政局、各乡镇"


# --- no table, odd input ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "青山县人民政府\n关于印发工作方案的通知\n",
        "\t\t\t\n\t\n",
        "一、\t\n",
        # a table of contents: text with leader dots, TAB, page number
        "青山县人民政府关于印发方案的通知（青政发〔2025〕1号）………\t12\n"
        "青山县人民政府关于调整领导小组的通知（青政函〔2025〕2号）……\t15\n",
        "序号\t项目\t目标任务\n\n正文一段。\n",  # a header without rows
    ],
)
def test_no_table(text):
    assert split_table_rows(text) == []


@pytest.mark.parametrize(
    "start,end",
    [(0, None), (-5, None), (10**9, None), (5, 2), (0, 10**9), (3, 3)],
)
def test_odd_offsets_never_raise(start, end):
    tables = split_table_rows(PAGED, start, end)
    check_spans(PAGED, tables)


def test_odd_values_never_raise():
    assert split_table_rows(None) == []  # type: ignore[arg-type]
    assert split_table_rows(PAGED, "x") == []  # type: ignore[arg-type]
    weird = "序号\t\ufffd\t\t\n\ufffd\t1\n\t\t\t\t\n— 1 —\n1\t\n\ufffd\n**\t**\n"
    check_spans(weird, split_table_rows(weird))


# --- property: rendered random tables come back cell for cell ---------------

# Cell text: invented words, digits and punctuation (no TAB / newline, nothing
# that spells a header word, a total label, a 文号 or an outline heading).
_ALPHABET = "青山县王明李华张强赵丽发改财政住建水利交通镇街道局办推进完成工程建设年月日，。、；（）abcxyz0123456789%. "
_cell = st.text(alphabet=_ALPHABET, max_size=20).map(str.strip)
_HEAD_WORDS = ["项目", "目标任务", "牵头领导", "牵头单位", "配合单位", "完成时限", "备注"]


@st.composite
def _tables(draw):
    ncols = draw(st.integers(min_value=3, max_value=7))
    header = ["序号"] + _HEAD_WORDS[: ncols - 1]
    nrows = draw(st.integers(min_value=1, max_value=12))
    rows = [[str(i + 1)] + [draw(_cell) for _ in range(ncols - 1)] for i in range(nrows)]
    trailing = draw(st.booleans())
    breaks = draw(st.sets(st.integers(min_value=1, max_value=max(1, nrows - 1)), max_size=3))
    spill_rows = draw(st.sets(st.integers(min_value=0, max_value=nrows - 1), max_size=3))
    spill_at = draw(st.integers(min_value=1, max_value=19))
    return header, rows, trailing, breaks, spill_rows, spill_at


def _render(header, rows, trailing, breaks, spill_rows, spill_at):
    tail = "\t" if trailing else ""
    out = ["青山县测试任务表", "", "\t".join(header) + tail]
    for i, row in enumerate(rows):
        if i in breaks:
            out += ["", f"— {i + 2} —", "", "\t".join(header) + tail]
        cells = list(row)
        spill = None
        text = cells[2]
        # spill the third cell over two lines where it can be cut between non-space
        # characters; a lone amount under amounts would read as a sub-row, so the
        # spilled part is never a bare number
        if (
            i in spill_rows
            and 0 < spill_at < len(text)
            and " " not in text[spill_at - 1:spill_at + 1]
            and not re.fullmatch(r"[0-9.,%]+", text[spill_at:])
        ):
            cells[2], spill = text[:spill_at], text[spill_at:]
        out.append("\t".join(cells) + tail)
        if spill is not None:
            out.append("\t".join(["", "", spill] + [""] * (len(row) - 3)) + tail)
    out += ["", "县人民政府办公室", ""]
    return "\n".join(out)


@settings(max_examples=int(os.environ.get("TABLES_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
def test_random_tables_round_trip(table_spec):
    header, rows, *_ = table_spec
    text = _render(*table_spec)
    tables = split_table_rows(text)
    check_spans(text, tables)
    assert len(tables) == 1
    table = tables[0]
    assert table.header == tuple(header)
    assert [r.texts() for r in table.rows] == rows
    for row, expected in zip(table.rows, rows):
        for cell, value in zip(row.cells, expected):
            assert "".join(s.text for s in cell.spans) == value


_NOISE = st.text(alphabet=st.sampled_from(list("\t\t\n\n \ufffd序号项目单位牵头领导合计一、1209.—…**〔〕青山县王明")), max_size=300)


@settings(max_examples=int(os.environ.get("TABLES_EXAMPLES", "300")), deadline=None)
@given(_NOISE, st.integers(min_value=-5, max_value=400), st.one_of(st.none(), st.integers(min_value=-5, max_value=400)))
def test_arbitrary_text_never_raises(text, start, end):
    tables = split_table_rows(text, start, end)
    check_spans(text, tables)
    lo = max(0, min(start, len(text)))
    for table in tables:
        assert table.span.start >= lo
        if end is not None:
            assert table.span.end <= max(lo, min(end, len(text)))
        assert all(len(r.cells) == len(table.rows[0].cells) for r in table.rows)


def test_large_input_is_fast():
    import time

    body = "".join(f"{i}\t类别\t任务内容第{i}项。\t王明\t县发改局\t各乡镇\n" for i in range(1, 3001))
    toc = "".join(f"条目{i}\t{i}\n" for i in range(3000))
    text = toc + "\n" + HEADER + "\n" + body
    t0 = time.perf_counter()
    tables = split_table_rows(text)
    assert time.perf_counter() - t0 < 10
    assert len(tables) == 1 and len(tables[0].rows) == 3000


# --- the real gazette -------------------------------------------------------

GAZETTE = Path(__file__).resolve().parents[2] / "shared" / "data" / "miluo-gazette-2025-01.txt"


@pytest.mark.skipif(not GAZETTE.exists(), reason="the shared gazette is not available")
def test_real_gazette_task_table():
    text = GAZETTE.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    start = text.index("\n2025年市政府重点工作任务分解\n") + 1
    next_doc = re.compile(r"^\S+〔\d{4}〕\d+号$", re.M).search(text, start)
    end = next_doc.end() if next_doc else len(text)  # the next document's 文号 line is in the region
    tables = split_table_rows(text, start, end)
    check_spans(text, tables)
    (table,) = [t for t in tables if t.title == "2025年市政府重点工作任务分解"]
    assert len(table.header) == 6
    assert table.header[0] == "序号"
    assert [r.cells[0].text for r in table.rows] == [str(i) for i in range(1, 97)]
    assert all(len(r.cells) == 6 for r in table.rows)
