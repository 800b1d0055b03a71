"""Outline numbers: markers, positions and 一是/二是 items (kg.extract.outline)."""

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.outline import (
    OutlineTracker,
    cn_number,
    cn_numeral,
    lone_section_number,
    ordinal_items,
    outline_marker,
)


def test_markers_of_each_kind():
    assert outline_marker("一、工作目标").label == "一"
    assert outline_marker("（三）强化保障。").label == "(三)"
    assert outline_marker("(三) 强化保障").label == "(三)"
    assert outline_marker("12.推进改革。").label == "12"
    assert outline_marker("3、推进改革").label == "3"
    assert outline_marker("（4）更新设备。").label == "(4)"
    assert outline_marker("②高新区工作小组").label == "②"
    assert outline_marker("- 1.向群众宣传").label == "1"  # a list bullet of pasted web text


def test_marker_end_points_after_number_and_spaces():
    text = "(二) 落实责任。"
    assert text[outline_marker(text).end:] == "落实责任。"


def test_not_markers():
    assert outline_marker("2025年完成验收。") is None
    assert outline_marker("1.5万元用于奖补") is None
    assert outline_marker("为全面贯彻落实") is None
    assert outline_marker("一、") is None  # a number with nothing after it


def test_lone_section_numbers_of_minutes():
    assert lone_section_number("三") == "三"
    assert lone_section_number(" 十一 ") == "十一"
    assert lone_section_number("—") == "?"  # an unreadable 一 or 二
    assert lone_section_number("三要") is None


def test_tracker_learns_levels_from_order():
    tracker = OutlineTracker()
    tracker.feed("cn", "二")
    tracker.feed("pcn", "(一)")
    tracker.feed("num", "3")
    assert tracker.ref() == "二/(一)/3"
    tracker.feed("pcn", "(二)")
    assert tracker.ref() == "二/(二)"
    tracker.feed("cn", "三")
    assert tracker.ref() == "三"


def test_tracker_annex_prefix_and_unreadable_section():
    tracker = OutlineTracker()
    tracker.reset("附件2")
    tracker.feed("cn", "一")
    assert tracker.ref() == "附件2/一"
    tracker.reset(None)
    tracker.feed("sec", "一")
    tracker.feed("sec", "?")
    assert tracker.ref() == "二"


def test_ordinal_items():
    text = "总体要求。一是建设站点。二是培训人员；三是开展评估。"
    items = ordinal_items(text)
    assert [label for _, _, label in items] == ["一是", "二是", "三是"]
    assert text[items[1][1]:items[2][0]] == "培训人员；"


def test_ordinal_items_need_a_run_from_one():
    assert ordinal_items("坚持统一是前提，二是关键") == []
    assert ordinal_items("一要规范检查。二要优化环境。")[1][2] == "二要"


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_round_trip(number):
    assert cn_number(cn_numeral(number)) == number
