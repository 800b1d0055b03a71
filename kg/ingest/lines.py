"""Lines of a text as (start, end) offsets, shared by ingest and the extractors.

Offsets stay those of the text, so a line's range can be cut into evidence spans directly.
"""
from __future__ import annotations

from collections.abc import Iterator


def iter_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(line_start, line_end) of each line in text[start:end], without its newline."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        yield pos, line_end
        pos = line_end + 1


def iter_nonblank_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The lines of text[start:end] that hold more than whitespace, untrimmed."""
    for a, b in iter_lines(text, start, end):
        if text[a:b].strip():
            yield a, b
