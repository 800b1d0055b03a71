"""The span helpers the extractors share: splitting lists outside brackets, trimming, lines."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.text_spans import iter_trimmed_lines, split_outside_brackets, trim_span

def test_units_in_brackets_are_not_split():
    text = "县疾病预防控制中心（卫生、监督执法局）、县财政局，各乡镇"
    pieces = [text[a:b] for a, b in split_outside_brackets(text, 0, len(text), "、，")]
    assert pieces == ["县疾病预防控制中心（卫生、监督执法局）", "县财政局", "各乡镇"]


@given(st.lists(st.text(alphabet="县财政局水利镇甲乙丙", min_size=1, max_size=6), min_size=1, max_size=6),
       st.sampled_from(["、", "，", "；"]))
def test_joined_items_split_back_with_offsets_that_quote(parts, sep):
    text = sep.join(parts)
    spans = split_outside_brackets(text, 0, len(text), "、，；")
    assert [text[a:b] for a, b in spans] == parts


@given(st.text(alphabet=" \u3000\t\n甲乙", max_size=20))
def test_trim_span_never_leaves_edge_spaces(text):
    a, b = trim_span(text, 0, len(text))
    assert 0 <= a <= b <= len(text)
    assert text[a:b] == text.strip(" \u3000\t\n")


def test_lines_are_trimmed_and_blank_ones_skipped():
    text = "  甲乙 \n\u3000\u3000\n丙\n"
    assert [text[a:b] for a, b in iter_trimmed_lines(text, 0, len(text))] == ["甲乙", "丙"]
