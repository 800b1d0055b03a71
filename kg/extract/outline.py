"""Outline numbers of Chinese official documents and the position they give.

A plan is numbered "一、" > "（一）" > "1." > "（1）" > "①", but documents skip
or reorder levels, so the level of each kind of marker is learned from the
order in which the kinds first appear (as a reader does). Minutes number their
sections with a numeral standing alone on a line ("二"); an unreadable one
("—" for 一 or 二) takes the next number. Inside a paragraph, items are
counted "一是…二是…" or "一要…二要…".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"
_CN = f"[{CN_NUMERALS}]{{1,3}}"


@dataclass(frozen=True)
class OutlineMarker:
    kind: str  # "cn" 一、 | "pcn" （一） | "num" 1. | "pnum" （1） | "circ" ① | "sec" a lone 二 in minutes
    label: str  # as shown in a ref: 一, (一), 1, (1), ①
    end: int  # offset just after the marker and the spaces after it


_MARKERS = (
    ("cn", re.compile(rf"(?P<n>{_CN})[ \t\u3000]*[、．.][ \t\u3000]*")),
    ("pcn", re.compile(rf"[（(][ \t\u3000]*(?P<n>{_CN})[ \t\u3000]*[）)][ \t\u3000]*")),
    ("pnum", re.compile(r"[（(][ \t\u3000]*(?P<n>\d{1,2})[ \t\u3000]*[）)][ \t\u3000]*")),
    ("num", re.compile(r"(?P<n>\d{1,2})[ \t\u3000]*[.．、](?![\d.．])[ \t\u3000]*")),
    ("circ", re.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])[ \t\u3000]*")),
)
# A section number of minutes standing alone; "—"/"-" is an OCR'd 一 or 二.
_LONE_SECTION = re.compile(rf"^[ \t\u3000]*(?P<n>{_CN}|[—–\-一]{{1,2}})[ \t\u3000]*$")
# Leading list bullets of pasted web text ("- 1.…").
_BULLET = re.compile(r"^[ \t\u3000]*(?:[-•·▪●][ \t\u3000]+)?")


def cn_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20; None for anything else."""
    if not text or any(ch not in CN_NUMERALS for ch in text):
        return None
    if "十" not in text:
        return CN_NUMERALS.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (CN_NUMERALS.index(ones) + 1 if ones else 0)


def cn_numeral(number: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (1..99)."""
    if number <= 10:
        return CN_NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def outline_marker(text: str) -> OutlineMarker | None:
    """The outline number at the start of a paragraph, if any."""
    bullet = _BULLET.match(text)
    start = bullet.end() if bullet else 0
    for kind, pattern in _MARKERS:
        match = pattern.match(text, start)
        if match is None:
            continue
        if match.end() >= len(text.rstrip()):
            return None  # a number with nothing after it is not an item
        n = match.group("n")
        if kind == "pcn":
            label = f"({n})"
        elif kind == "pnum":
            label = f"({int(n)})"
        elif kind == "num":
            label = str(int(n))
        else:
            label = n
        return OutlineMarker(kind, label, match.end())
    return None


def lone_section_number(text: str) -> str | None:
    """'二' for a line holding only a section numeral; '?' for an unreadable one ('—')."""
    match = _LONE_SECTION.match(text)
    if match is None:
        return None
    n = match.group("n")
    return n if cn_number(n) is not None else "?"


class OutlineTracker:
    """Follows the outline position paragraph by paragraph."""

    def __init__(self, prefix: str | None = None):
        self.prefix = prefix
        self.stack: list[tuple[str, str]] = []  # (kind, label), outermost first

    def reset(self, prefix: str | None) -> None:
        self.prefix = prefix
        self.stack = []

    def feed(self, kind: str, label: str) -> None:
        kind = "cn" if kind == "sec" else kind
        if label == "?":  # an unreadable section number follows the previous one
            previous = next((lab for k, lab in self.stack if k == kind), None)
            number = cn_number(previous) if previous else 0
            label = cn_numeral((number or 0) + 1)
        kinds = [k for k, _ in self.stack]
        if kind in kinds:
            del self.stack[kinds.index(kind):]
        self.stack.append((kind, label))

    def path(self) -> tuple[str, ...]:
        return ((self.prefix,) if self.prefix else ()) + tuple(label for _, label in self.stack)

    def ref(self) -> str | None:
        parts = self.path()
        return "/".join(parts) if parts else None


# "一是" / "二要" counting items inside running text; the numeral must open the
# text or follow punctuation, so that 统一是 or 唯一要 are not items.
ORDINAL_ITEM = re.compile(rf"(?:^|(?<=[。；;：:，,！？\s）)]))(?P<n>{_CN})(?P<word>是|要)")


def ordinal_items(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the 一是/二是… items of a text, in order.

    Only a run that starts at 一 and counts up by one is taken (一是, 二是,
    三是 …); stray numerals are ignored. Fewer than two items means none.
    """
    found = []
    for word in ("是", "要"):
        run: list[tuple[int, int, str]] = []
        expected = 1
        for match in ORDINAL_ITEM.finditer(text):
            if match.group("word") != word:
                continue
            if cn_number(match.group("n")) == expected:
                run.append((match.start(), match.end(), match.group(0)))
                expected += 1
        if len(run) >= 2 and len(run) > len(found):
            found = run
    return found
