"""Deadlines as printed in task texts -> ISO dates.

"2025年6月底前" -> 2025-06-30, "3月底前" -> <year>-03-31, "年底前" -> <year>-12-31,
"6月15日前" -> <year>-06-15, "上半年" -> <year>-06-30, "一季度" -> <year>-03-31.
Shared by the table-task and paragraph-task extractors.
"""
from __future__ import annotations

import calendar
import re

from kg.model import Document

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _number(token: str) -> int | None:
    """Arabic or Chinese numeral up to 99 ("12", "十二", "二十八", "二〇二五")."""
    token = token.translate(_FULLWIDTH)
    if token.isdigit():
        return int(token)
    if not token or any(ch not in _CN_DIGITS for ch in token):
        return None
    if "十" in token:
        tens, _, units = token.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    if len(token) == 4:  # a year written digit by digit: 二〇二五
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    return _CN_DIGITS[token] if len(token) == 1 else None


def issue_year(doc: Document) -> int | None:
    """The year a document was issued (its date, else the year in its number): the year of the
    dates it prints without one, and the year its targets are for."""
    for source in (doc.date or "", doc.doc_no or ""):
        match = re.search(r"(20\d{2})", source)
        if match:
            return int(match.group(1))
    return None


_NUM = r"[0-9０-９〇零一二两三四五六七八九十]{1,4}"
_YEAR = rf"(?:(?P<year>{_NUM})\s*年\s*)?"
# 6月15日前 / 6月15日 / 2025年6月底 / 6月中旬 / 6月上旬 / 6月
_MONTH_DAY = re.compile(
    _YEAR + rf"(?P<month>{_NUM})\s*月\s*(?:份\s*)?(?:(?P<day>{_NUM})\s*[日号]|(?P<part>底|末|上旬|中旬|下旬|初|中))?")
_QUARTER = re.compile(_YEAR + r"(?:第\s*)?(?P<q>[一二三四1-4１-４])\s*季度(?:\s*末)?")
# 年前 is "before the year is out" in a plan's steps; "三年前" (three years ago) is not
_HALF = re.compile(_YEAR + r"(?P<half>上半年|下半年|年中|年底|年末|年内|年初|(?<![0-9０-９〇零一二两三四五六七八九十几多数去今明前])年前)")
# table cells: "2025.6.30", "2025-06", "2025/9"
_DOTTED = re.compile(r"(?<![\d.．])(?P<year>20\d{2})\s*[.．\-/]\s*(?P<month>\d{1,2})(?:\s*[.．\-/]\s*(?P<day>\d{1,2}))?(?![\d.．])")
# "2026年底" / "2026年末": the year word doubles as the 年 of 年底
_YEAR_END = re.compile(rf"(?P<year>{_NUM})\s*年\s*(?P<half>底|末|内)")


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if not (1 <= day <= last):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year_of(match: re.Match, default: int | None) -> int | None:
    raw = match.group("year")
    if raw:
        value = _number(raw)
        if value is not None and value < 100:
            value += 2000
        return value
    return default


def _date_of(match: re.Match, kind: str, year: int | None) -> str | None:
    y = _year_of(match, year)
    if y is None:
        return None
    if kind in ("md", "dotted"):
        month = _number(match.group("month"))
        if month is None or not 1 <= month <= 12:
            return None
        last = calendar.monthrange(y, month)[1]
        if match.group("day"):
            day = _number(match.group("day"))
            return _iso(y, month, day) if day is not None else None
        part = match.groupdict().get("part")
        day = {"上旬": 10, "中旬": 20, "初": 10, "中": 15}.get(part or "", last)
        return _iso(y, month, day)
    if kind == "q":
        q = _number(match.group("q").translate(_FULLWIDTH))
        month = 3 * q
        return _iso(y, month, calendar.monthrange(y, month)[1])
    if kind == "half":
        word = match.group("half")
        word = word if len(word) > 1 else "年" + word
        if word in ("上半年", "年中"):
            return _iso(y, 6, 30)
        if word == "年初":
            return _iso(y, 3, 31)
        return _iso(y, 12, 31)  # 下半年, 年底, 年末, 年内, 年前
    return None


def find_deadlines(text: str, year: int | None) -> list[tuple[int, int, str]]:
    """Every date-like deadline phrase in text, as (start, end, iso) in text order."""
    if not text:
        return []
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("dotted", _DOTTED), ("md", _MONTH_DAY), ("q", _QUARTER), ("half", _YEAR_END), ("half", _HALF)):
        for match in pattern.finditer(text):
            a, b = match.span()
            if any(a < e and s < b for s, e in taken):
                continue
            try:
                iso = _date_of(match, kind, year)
            except (TypeError, ValueError):
                iso = None
            if iso:
                found.append((a, b, iso))
                taken.append((a, b))
    found.sort()
    return found


def parse_deadline(text: str, year: int | str | None) -> str | None:
    """The deadline a phrase states, as an ISO date, or None.

    ``year`` is the year of the document (int or a string starting with it, e.g.
    an ISO date) used where the phrase gives none. Where a text names several
    dates the last one is the deadline ("3月底前启动，6月底前完成" -> 06-30).
    """
    if isinstance(year, str):
        m = re.match(r"\d{4}", year)
        year = int(m.group()) if m else None
    try:
        found = find_deadlines(text or "", year)
    except Exception:  # never raise on odd input
        return None
    if not found:
        return None
    return max(iso for _, _, iso in found)
