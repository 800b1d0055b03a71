"""Ranges of a text, as (start, end) offsets, that the extractors cut and trim.

The extractors work on a matching view of the same length as the text (kg.extract.titles
.matching_view), so a range found in the view is the range of the printed text too; the range
helpers only move the ends of ranges and never copy text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ingest.lines import iter_lines

# Layout spaces of the genre: ASCII and ideographic spaces, tabs. A line's range has no newline.
LAYOUT_SPACES = " \u3000\t"
SPACES = LAYOUT_SPACES + "\n"
# The separators and the full stop that stand around an item of a list ("县财政局、县发改局；").
LIST_ITEM_EDGES = SPACES + "。；，、"

# Brackets and quotes inside which a separator does not split ("县政府办（含大数据中心、档案馆）").
BRACKETS = ("（《“〔【", "）》”〕】")
# Round brackets, book-title marks and double quotes only.
ROUND_BRACKETS_AND_QUOTES = ("（《“", "）》”")

# A layout space printed inside a word or name ("组 长", "杨 盛").
LAYOUT_SPACE = "[ \u3000]"


def spaced_word(word: str) -> str:
    """A regex for word printed with layout spaces between its characters ("组 长")."""
    return f"{LAYOUT_SPACE}*".join(re.escape(ch) for ch in word)


def trim_span(text: str, a: int, b: int, chars: str = SPACES) -> tuple[int, int]:
    """text[a:b] without the characters of chars at either end; an empty range if nothing is left."""
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


def separators_outside_brackets(text: str, a: int, b: int, seps: str,
                                brackets: tuple[str, str] = BRACKETS) -> Iterator[int]:
    """Offsets of the characters of seps in text[a:b] that stand outside brackets and quotes.

    Brackets are counted, not paired: any closing one closes the innermost open one, and one
    with none open is ignored."""
    opening, closing = brackets
    depth = 0
    for i in range(a, b):
        ch = text[i]
        if ch in opening:
            depth += 1
        elif ch in closing and depth:
            depth -= 1
        elif ch in seps and depth == 0:
            yield i


def split_outside_brackets(text: str, a: int, b: int, seps: str, trim: str = LIST_ITEM_EDGES,
                           brackets: tuple[str, str] = BRACKETS) -> list[tuple[int, int]]:
    """Split text[a:b] at separators outside brackets and quotes; each piece trimmed of the
    characters of trim, empty pieces dropped."""
    pieces, start = [], a
    for i in separators_outside_brackets(text, a, b, seps, brackets):
        pieces.append((start, i))
        start = i + 1
    pieces.append((start, b))
    trimmed = (trim_span(text, p, q, trim) for p, q in pieces)
    return [(p, q) for p, q in trimmed if q > p]


def iter_trimmed_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Each line of text[start:end] that holds more than layout spaces, trimmed of them."""
    for pos, line_end in iter_lines(text, start, end):
        a, b = trim_span(text, pos, line_end, LAYOUT_SPACES)
        if b > a:
            yield a, b
