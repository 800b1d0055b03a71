"""A post as printed -> its unit and its office.

市人民医院院长 -> unit 市人民医院, office 院长;
市疾病预防控制中心（卫生监督执法局）主任 -> unit 市疾病预防控制中心 with the
bracketed second name as an alias of the unit, office 主任.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.titles import OFFICE_TAIL
from kg.resolve.people import squeeze, unit_in_title

_RANK = r"(?:副|常务|总|第一|四级|三级|二级|一级|党组|党委)"
_OFFICE_AT_END = re.compile(rf"(?:{_RANK}*(?:{OFFICE_TAIL}|书记|副书记|成员))+$")
_SECOND_NAME = re.compile(r"^(?P<unit>.+?)[（(](?P<alias>[^（）()]{2,})[）)](?P<office>.+)$")


@dataclass(frozen=True)
class PostParts:
    post: str  # as printed
    unit: str | None  # the unit as printed, or None where the post names none (副县长)
    office: str  # 院长, 副主任 …
    unit_alias: str | None = None  # a second name printed in brackets after the unit


def split_post(post: str) -> PostParts:
    text = squeeze(post)
    bracketed = _SECOND_NAME.match(text)
    if bracketed and _OFFICE_AT_END.fullmatch(bracketed.group("office")):
        return PostParts(post, bracketed.group("unit"), bracketed.group("office"), bracketed.group("alias"))
    unit = unit_in_title(text)
    if unit and text.startswith(unit):
        return PostParts(post, unit, text[len(unit):])
    office = _OFFICE_AT_END.search(text)
    return PostParts(post, None, office.group(0) if office else text)
