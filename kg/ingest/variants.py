"""Traditional characters: a same-length simplified *matching text*.

Gazettes in traditional characters (OCR output, some counties' web pages) are
matched on a simplified copy made character by character, so every offset is
the same in both; quotes and printed values are taken from the original. The
table is OpenCC's TSCharacters (first candidate of each single character).
"""
from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache

# Share of CJK characters that must be traditional-only before a text is
# matched on a simplified copy: a simplified notice with one traditional
# surname stays as it is.
TRADITIONAL_SHARE = 0.01


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[int, str]:
    table: dict[int, str] = {}
    path = importlib.resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            table[ord(key)] = first
    return table


def traditional_share(text: str) -> float:
    table = traditional_to_simplified()
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not cjk:
        return 0.0
    return sum(1 for ch in text if ord(ch) in table) / cjk


# OCR and typesetting variants every pattern would otherwise have to spell out:
# full-width digits and the circle ○ (U+25CB) written for the numeral 〇.
_DIGIT_VARIANTS = {ord(f): str(i) for i, f in enumerate("０１２３４５６７８９")} | {ord("○"): "〇"}


_MARKDOWN_SIGNAL = re.compile(r"^[ \t]*(?:#{1,6} |\* |> |\|.*\|[ \t]*$)", re.M)
_MARKDOWN_PREFIX = re.compile(r"^([ \t]*)(#{1,6} |\* |- |> )", re.M)
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_PIPE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$|^[ \t]*-{3,}[ \t]*$", re.M)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def without_markdown(text: str) -> str:
    """Markdown remnants of a web export, blanked out in place (same length): heading
    marks, bullets, quote marks, bold markers and rules become spaces; a pipe table's
    inner bars become TABs so its rows read like the PDF's TAB tables."""
    if len(_MARKDOWN_SIGNAL.findall(text)) < 3:
        return text  # a stray "- " bullet or "**" in a PDF text is left to the extractors
    text = _PIPE_RULE.sub(_blank, text)
    text = _PIPE_ROW.sub(lambda m: _pipe_row(m.group(0)), text)
    text = _MARKDOWN_PREFIX.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    return text.replace("**", "  ")


def _pipe_row(row: str) -> str:
    first, last = row.index("|"), row.rindex("|")
    inner = row[first + 1:last].replace("|", "\t")
    return row[:first] + " " + inner + " " + row[last + 1:]


def matching_text(text: str) -> tuple[str, str | None]:
    """(text to match on, the printed original or None when they are the same)."""
    converted = without_markdown(text).translate(_DIGIT_VARIANTS)
    if traditional_share(text) >= TRADITIONAL_SHARE:
        converted = converted.translate(traditional_to_simplified())
    assert len(converted) == len(text)  # offsets must not move
    return (converted, None) if converted == text else (converted, text)


def printed_form(value: str, matching: str, printed: str | None, start: int, end: int) -> str:
    """The printed (traditional) form of a value found in matching[start:end].

    Values may have lost layout spaces ("王 明" -> "王明"), so the search allows
    white space between characters; the printed form drops it again. A value
    not found there is returned as it is.
    """
    if printed is None or not value:
        return value
    import re

    if value in printed[start:end]:
        return value  # printed as it stands (a simplified name in a mixed text)
    segment = matching[start:end]
    at = segment.find(value)
    if at >= 0:
        return printed[start + at:start + at + len(value)]
    pattern = r"\s*".join(re.escape(ch) for ch in value if not ch.isspace())
    found = re.search(pattern, segment) if pattern else None
    if found is None:
        return value
    return re.sub(r"\s+", "", printed[start + found.start():start + found.end()])
