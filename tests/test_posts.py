"""A post splits into its unit and its office; the graph links them (org:postIn)."""
from __future__ import annotations

import pytest

from kg.graph.build import build_quads
from kg.graph.vocab import ORG
from kg.ingest import source_from_string
from kg.pipeline import resolve_source
from kg.resolve.posts import split_post


@pytest.mark.parametrize("post, unit, office, alias", [
    ("县人民医院院长", "县人民医院", "院长", None),
    ("县疾病预防控制中心（卫生监督执法局）主任", "县疾病预防控制中心", "主任", "卫生监督执法局"),
    ("青石街道办事处副主任", "青石街道办事处", "副主任", None),
    ("县应急管理局总工程师", "县应急管理局", "总工程师", None),
    ("云山镇党委书记", "云山镇", "党委书记", None),
    ("副县长", None, "副县长", None),
])
def test_split_post(post, unit, office, alias):
    parts = split_post(post)
    assert (parts.unit, parts.office, parts.unit_alias) == (unit, office, alias)


def test_posts_are_in_their_units_and_the_second_name_is_an_alias():
    text = """青政人〔2025〕3号

青山县人民政府
关于王明等同志职务任免的通知

各乡镇人民政府，县直各单位：

王明同志任县疾病预防控制中心（卫生监督执法局）主任；

青山县人民政府
2025年2月8日
"""
    quads = build_quads(resolve_source(source_from_string(text, "qs.txt")))
    post_in = [(str(s), str(o)) for s, p, o, g in quads if p == ORG.postIn]
    assert len(post_in) == 1 and post_in[0][1].endswith("/疾病预防控制中心")
    labels = {str(o) for s, p, o, g in quads if str(s) == post_in[0][1] and p.endswith("altLabel")}
    assert "卫生监督执法局" in labels
