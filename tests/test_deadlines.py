"""Deadlines as printed in task texts -> ISO dates."""
from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.deadlines import find_deadlines, parse_deadline


@pytest.mark.parametrize("text, expected", [
    ("2025年6月底前", "2025-06-30"),
    ("3月底前完成设计", "2025-03-31"),
    ("年底", "2025-12-31"),
    ("年底前完成", "2025-12-31"),
    ("6月15日前", "2025-06-15"),
    ("上半年", "2025-06-30"),
    ("下半年完成", "2025-12-31"),
    ("一季度", "2025-03-31"),
    ("第三季度末", "2025-09-30"),
    ("2026年底前", "2026-12-31"),
    ("二〇二五年十二月底", "2025-12-31"),
    ("２０２５年６月３０日前", "2025-06-30"),
    ("9月中旬前", "2025-09-20"),
    ("年内完成", "2025-12-31"),
    ("4.年前完成路面工程", "2025-12-31"),
    ("2月底前", "2025-02-28"),
    ("2025.6.30", "2025-06-30"),  # table cells
    ("2025-09", "2025-09-30"),
    ("2025/12/31前", "2025-12-31"),
])
def test_phrases_of_the_genre(text, expected):
    assert parse_deadline(text, 2025) == expected


def test_year_may_be_given_as_an_iso_date():
    assert parse_deadline("3月底前", "2024-11-05") == "2024-03-31"
    assert parse_deadline("2月底前", 2024) == "2024-02-29"  # a leap year


def test_the_last_of_several_dates_is_the_deadline():
    assert parse_deadline("3月底前启动，6月底前完成", 2025) == "2025-06-30"


@pytest.mark.parametrize("text", ["长期坚持", "全年实现收入160839万元", "三年前", "", "按时完成", "2月30日前"])
def test_no_deadline(text):
    assert parse_deadline(text, 2025) is None


def test_without_a_year_a_bare_month_has_no_deadline():
    assert parse_deadline("6月底前", None) is None
    assert parse_deadline("2025年6月底前", None) == "2025-06-30"


def test_odd_input_never_raises():
    assert parse_deadline(None, 2025) is None
    assert parse_deadline("13月底前", 2025) is None


def test_find_deadlines_reports_positions():
    text = "1.3月底前完成设计；2.6月底前开工"
    found = find_deadlines(text, 2025)
    assert [iso for _, _, iso in found] == ["2025-03-31", "2025-06-30"]
    assert text[found[1][0]:found[1][1]].startswith("6月底")


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_month_end_is_the_last_day_of_that_month(year, month):
    last = calendar.monthrange(year, month)[1]
    assert parse_deadline(f"{year}年{month}月底前", None) == f"{year:04d}-{month:02d}-{last:02d}"


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_month_day_round_trips(month, day):
    assert parse_deadline(f"{month}月{day}日前", 2031) == f"2031-{month:02d}-{day:02d}"
