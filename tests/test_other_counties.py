"""Generalisation bar: invented inputs written the way OTHER counties write.

Each input under tests/data/other-counties/ is an invented gazette or web notice (invented
places and people) in a layout unlike the seed's: ASCII punctuation, doc numbers below the
title or in square brackets, 任命X为Y / X不再担任Y职务 / 聘任X为Y, plan items followed by
牵头单位/责任单位/配合单位 lines, prose 常务会议 minutes, a web page with its chrome, a
gazette in traditional characters, a district gazette with a 责任领导/完成时限 task table and
区长办公会议 minutes under 参加人员/列席人员/主持人/记录人, a set of personnel documents with
任命：/免去： headings, 聘任 and a prose 领导小组, and an implementation plan with four shapes of
responsibility line and a per-township 亩 target table. Each has a hand-made gold file `<stem>.gold.json`
(gazette-facts/1, conventions of shared/gold/README.md).

Every input is built into a fresh store, its facts are read back from the store and scored
against its gold; each category that has gold atoms in that file must reach its F1 bar. A
failing run prints the whole score table.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "other-counties"

INPUTS = [
    "linshan-gazette-2025-02.txt",
    "baishui-notice-web.txt",
    "qingyuan-gazette-trad.txt",
    "hexi-district-2025-03.txt",
    "songling-appointments.txt",
    "fengyang-plan-2025.txt",
    "yunling-gazette-2025-04.txt",
    "taohe-joint-notice.txt",
    "jinping-city-2025-05.txt",
    "shuangqiao-targets-2025.txt",
    "wuyuan-county-2025-07.txt",
    "lanxi-city-2025-06.txt",
    "pingchuan-county-2025-09.txt",
    "huaiyang-zone-2025-08.txt",
    "dongpo-district-2025-11.txt",
    "xiling-gazette-2025-10.txt",
]

# F1 that a serious tool should reach on these shapes.
THRESHOLDS = {
    "documents": 0.95,
    "personnel": 0.9,
    "tasks.found": 0.8,
    "tasks": 0.8,
    "groups.members": 0.8,
    "meetings": 0.8,
}


def gold_of(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def test_every_input_has_its_gold():
    for name in INPUTS:
        path = DATA / name
        assert path.exists(), path
        gold = gold_of(path)
        assert gold["schema"] == "gazette-facts/1"
        assert gold["source"] == name
        lines = path.read_text(encoding="utf-8").count("\n")
        assert 60 <= lines <= 200, f"{name}: {lines} lines"


@pytest.mark.parametrize("name", INPUTS)
def test_other_county_scores(name, tmp_path):
    from kg.evaluate import format_scores, score_facts
    from kg.facts import read_facts
    from kg.pipeline import build
    from kg.store import open_store

    path = DATA / name
    gold = gold_of(path)
    build([str(path)], str(tmp_path))
    facts = read_facts(open_store(str(tmp_path)))
    assert facts, f"{name}: no facts read back from the store"
    pred = facts[0]
    scores = score_facts(pred, gold)

    failures = []
    for category, bar in THRESHOLDS.items():
        score = scores[category]
        if score.tp + score.fn == 0:  # no gold atoms of this category in this file
            continue
        if score.f1 < bar:
            failures.append(f"{category}: F1 {score.f1:.3f} < {bar}")
    assert not failures, f"{name}:\n" + "\n".join(failures) + "\n\n" + format_scores(scores)
