"""Traditional characters: a same-length simplified *matching text*.

Gazettes in traditional characters (OCR output, some counties' web pages) are
matched on a simplified copy made character by character, so every offset is
the same in both; quotes and printed values are taken from the original. The
table is OpenCC's TSCharacters (first candidate of each single character).
"""
from __future__ import annotations

import importlib.resources
import re
from collections import Counter
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


_SENTENCE_END = ("。", "；", "：", "！", "？", "”", "」", "）", ")")
_OUTLINE_START = re.compile(r"^[ \t\u3000]|^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[)）]|^\d+[.．、]")


def wrap_width(text: str) -> int | None:
    """The line width of a hard-wrapped text (every paragraph broken at ~W
    characters), or None: at least a quarter of the lines, and ten or more,
    have the same length give or take one."""
    lengths = Counter(len(line) for line in text.split("\n") if line.strip())
    if not lengths:
        return None
    total = sum(lengths.values())
    width, _ = max(lengths.items(), key=lambda kv: (sum(lengths[w] for w in (kv[0] - 1, kv[0], kv[0] + 1)), kv[0]))
    near = sum(lengths[w] for w in (width - 1, width, width + 1))
    return width if width >= 20 and near >= 10 and near >= 0.25 * total else None


def unwrap(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Join hard-wrapped lines for matching: a line of the wrap width, not ending a
    sentence, followed by a line that does not start a new item, continues on it.
    The joined paragraph keeps its newlines at its end, so the text keeps its
    length; the returned offsets map each matching offset to the printed one
    (monotonic, so a span maps to a span)."""
    width = wrap_width(text)
    if width is None:
        return text, None
    lines = text.split("\n")
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    moved = 0  # newlines moved from inside the paragraph being joined to its end
    for i, line in enumerate(lines):
        out.append(line)
        offsets.extend(range(pos, pos + len(line)))
        newline_at = pos + len(line)
        pos = newline_at + 1
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1]
        if (width - 1 <= len(line) <= width + 1 and not line.rstrip().endswith(_SENTENCE_END)
                and nxt.strip() and not _OUTLINE_START.match(nxt)):
            moved += 1
            continue
        out.append("\n" * (moved + 1))
        offsets.extend([newline_at] * (moved + 1))
        moved = 0
    if moved:
        out.append("\n" * moved)
        offsets.extend([len(text)] * moved)
    offsets.append(len(text))
    joined = "".join(out)
    return (joined, tuple(offsets)) if joined != text else (text, None)


def matching_text(text: str) -> tuple[str, str | None, tuple[int, ...] | None]:
    """(text to match on, the printed original or None when they are the same,
    printed offsets where lines were joined)."""
    converted = without_markdown(text).translate(_DIGIT_VARIANTS)
    if traditional_share(text) >= TRADITIONAL_SHARE:
        converted = converted.translate(traditional_to_simplified())
    assert len(converted) == len(text)  # offsets must not move
    converted, offsets = unwrap(converted)
    assert len(converted) == len(text)
    return (converted, None, None) if converted == text else (converted, text, offsets)


def printed_form(value: str, matching: str, printed: str | None, start: int, end: int,
                 offsets: tuple[int, ...] | None = None) -> str:
    """The printed (traditional) form of a value found in matching[start:end].

    Values may have lost layout spaces ("王 明" -> "王明"), so the search allows
    white space between characters; the printed form drops it again. A value
    not found there is returned as it is.
    """
    if printed is None or not value:
        return value

    def at(i: int) -> int:
        return offsets[i] if offsets is not None else i

    if value in printed[at(start):at(end)]:
        return value  # printed as it stands (a simplified name in a mixed text)
    segment = matching[start:end]
    found_at = segment.find(value)
    if found_at >= 0:
        a, b = start + found_at, start + found_at + len(value)
        return re.sub(r"\n", "", printed[at(a):at(b)])
    pattern = r"\s*".join(re.escape(ch) for ch in value if not ch.isspace())
    found = re.search(pattern, segment) if pattern else None
    if found is None:
        return value
    return re.sub(r"\s+", "", printed[at(start + found.start()):at(start + found.end())])
