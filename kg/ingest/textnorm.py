"""Small text normalisations shared by ingest and the extractors."""
from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”‘’（）〔〕"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")
_BOLD = re.compile(r"\*\*")
_ANY_SPACES = re.compile(r"[ \t\u3000\xa0]+")

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def squeeze_cjk_spaces(text: str) -> str:
    """Remove layout spaces next to Chinese characters ("再延长 30 年" -> "再延长30年")."""
    return _SPACE_NEAR_CJK.sub("", text).strip()


def remove_spaces(text: str | None) -> str:
    """Every space, tab, ideographic and no-break space removed ("白 岩 乡" -> "白岩乡"), as table
    cells are compared; None reads as ''."""
    return _ANY_SPACES.sub("", text or "")


def strip_markup(text: str) -> str:
    return _BOLD.sub("", text)


def chinese_number(text: str) -> int | None:
    """'12' -> 12, '十二' -> 12, '二〇二五' -> 2025 (digit by digit), '二十五' -> 25."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if "十" not in text:
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


_DATE = re.compile(
    r"(?P<y>\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")


def parse_date(text: str) -> str | None:
    """First full date in text as ISO 'YYYY-MM-DD' (Arabic or Chinese numerals, or 2025-03-04)."""
    match = _DATE.search(text) or _ISO_DATE.search(text)
    if not match:
        return None
    y, m, d = (chinese_number(match.group(k)) for k in ("y", "m", "d"))
    if not (y and m and d) or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


DATE_PATTERN = _DATE
