"""Tests of kg.evaluate on small invented facts and on the shared gold file."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import (
    CATEGORIES,
    ORG_PREFIXES,
    place_prefixes,
    CategoryScore,
    alternatives,
    dice_bigrams,
    format_scores,
    normalize_org,
    normalize_text,
    score_facts,
    score_many,
    scores_to_json,
)

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"


def facts(**sections):
    return {"schema": "gazette-facts/1", "source": "test.txt", **sections}


def task(text, ref=None, doc_no="甲政发〔2025〕1号", **roles):
    return {
        "doc_no": doc_no,
        "ref": ref,
        "text": text,
        "lead_leaders": roles.get("lead_leaders", []),
        "lead_units": roles.get("lead_units", []),
        "coop_units": roles.get("coop_units", []),
        "responsible": roles.get("responsible", []),
        "deadline": None,
    }


def counts(score: CategoryScore):
    return score.tp, score.fp, score.fn


# --------------------------------------------------------------------------
# Normalization


def test_normalize_text_applies_nfkc_and_removes_all_white_space():
    assert normalize_text("杨 盛") == "杨盛"
    assert normalize_text("\u3000ＡＢ\t１２\n") == "AB12"
    assert normalize_text(None) == ""


def test_normalize_org_drops_exactly_one_listed_prefix():
    assert ORG_PREFIXES == ("市", "区", "县")
    assert normalize_org("市发改局") == "发改局"
    assert normalize_org("县财政局") == "财政局"
    assert normalize_org("市市发改局") == "市发改局"
    # Outside scoring no county is known, so a county name is not a prefix.
    assert normalize_org("某某县财政局") == "某某县财政局"
    assert normalize_org("市") == "市"


def test_the_gold_county_name_is_read_from_its_issuers():
    gold = facts(documents=[{"doc_no": "青政发〔2025〕1号", "title": "t", "issuer": "青山县人民政府", "date": None}])
    assert place_prefixes(gold) == ("青山县",)
    gold["tasks"] = [task("推进重点项目建设", lead_units=["发改局"])]
    predicted = facts(tasks=[task("推进重点项目建设", lead_units=["青山县发改局"])])
    assert counts(score_facts(predicted, gold)["tasks.lead_units"]) == (1, 0, 0)


def test_alternatives_split_gold_values():
    assert alternatives("甲|乙") == ["甲", "乙"]
    assert alternatives("甲") == ["甲"]
    assert alternatives(["甲", "乙|丙"]) == ["甲", "乙", "丙"]
    assert alternatives(None) == []
    assert alternatives("甲||") == ["甲"]


def test_dice_bigrams():
    assert dice_bigrams("甲乙丙", "甲乙丙") == 1.0
    assert dice_bigrams("甲", "甲") == 1.0
    assert dice_bigrams("甲", "乙") == 0.0
    assert dice_bigrams("", "甲乙") == 0.0
    # 甲乙 乙丙 丙丁 against 甲乙 乙丙 丙戊: 2 * 2 / 6
    assert dice_bigrams("甲乙丙丁", "甲乙丙戊") == pytest.approx(4 / 6)
    # Bigrams are a multiset: 甲甲甲 has 甲甲 twice.
    assert dice_bigrams("甲甲甲", "甲甲") == pytest.approx(2 * 1 / 3)


# --------------------------------------------------------------------------
# Score arithmetic and shape


def test_every_category_is_reported_in_spec_order():
    scores = score_facts(facts(), facts())
    assert list(scores) == list(CATEGORIES) == [
        "personnel", "personnel.attrs", "tasks", "tasks.lead_leaders", "tasks.lead_units",
        "tasks.coop_units", "tasks.responsible", "tasks.found", "groups.members", "groups.roles",
        "groups.units", "meetings", "meetings.dates", "documents", "documents.found", "targets",
    ]
    # Nothing to find and nothing predicted is a perfect score.
    assert all((s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0) for s in scores.values())


def test_undefined_ratios_are_zero():
    gold = facts(documents=[{"doc_no": "甲1号", "title": "通知", "issuer": "甲", "date": "2025-01-01"}])
    nothing = score_facts(facts(), gold)["documents.found"]
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
    invented = score_facts(gold, facts())["documents.found"]
    assert (invented.precision, invented.recall, invented.f1) == (0.0, 0.0, 0.0)
    assert counts(invented) == (0, 1, 0)


def test_wrong_schema_is_refused():
    with pytest.raises(ValueError):
        score_facts({"schema": "gazette-facts/2"}, facts())


# --------------------------------------------------------------------------
# The gold file


@pytest.mark.parametrize("gold_path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.name)
def test_gold_scored_against_itself_is_perfect(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = score_facts(copy.deepcopy(gold), gold)
    for score in scores.values():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), score
        assert score.fp == score.fn == 0
    assert scores["tasks.found"].tp == len(gold["tasks"])
    assert scores["documents.found"].tp == len(gold["documents"])


def test_gold_files_exist():
    assert list(GOLD_DIR.glob("*.json")), f"no gold files in {GOLD_DIR}"


# --------------------------------------------------------------------------
# Tasks


def four_tasks():
    return [
        task("加快推进园区道路建设工程", lead_leaders=["张三"], lead_units=["市建设局"]),
        task("全面完成农村饮水安全巩固提升", lead_leaders=["李四"], lead_units=["市水利局"]),
        task("持续开展森林防火专项整治行动", lead_units=["市林业局"], coop_units=["各乡镇"]),
        task("做好春季学校食品安全检查", responsible=["王五"], lead_units=["市教育局"]),
    ]


def test_missing_task_lowers_tasks_found_recall_exactly():
    gold = facts(tasks=four_tasks())
    predicted = facts(tasks=four_tasks()[:3])
    scores = score_facts(predicted, gold)
    found = scores["tasks.found"]
    assert counts(found) == (3, 0, 1)
    assert found.precision == 1.0
    assert found.recall == 0.75
    assert found.f1 == pytest.approx(2 * 0.75 / 1.75)
    # The missing task's names are missed too: 王五 and 市教育局.
    assert counts(scores["tasks.responsible"]) == (0, 0, 1)
    assert counts(scores["tasks.lead_units"]) == (3, 0, 1)
    assert counts(scores["tasks"]) == (6, 0, 2)


def test_names_of_an_unmatched_predicted_task_are_false_positives():
    gold = facts(tasks=four_tasks()[:1])
    predicted = facts(tasks=four_tasks()[:1] + [task("毫不相干的另一件事情", lead_units=["甲局", "乙局"])])
    scores = score_facts(predicted, gold)
    assert counts(scores["tasks.found"]) == (1, 1, 0)
    assert counts(scores["tasks.lead_units"]) == (1, 2, 0)


def test_misprint_alternative_accepts_either_form_but_nothing_else():
    gold = facts(tasks=[task("推进重点项目建设", lead_leaders=["甲|乙"])])

    def leaders_score(name):
        return counts(score_facts(facts(tasks=[task("推进重点项目建设", lead_leaders=[name])]), gold)["tasks.lead_leaders"])

    assert leaders_score("乙") == (1, 0, 0)
    assert leaders_score("甲") == (1, 0, 0)
    assert leaders_score("丙") == (0, 1, 1)


def test_alternatives_match_one_to_one_within_a_list():
    gold = facts(tasks=[task("推进重点项目建设", coop_units=["街道办|各街道办", "各乡镇"])])
    predicted = facts(tasks=[task("推进重点项目建设", coop_units=["各街道办", "街道办", "各乡镇"])])
    assert counts(score_facts(predicted, gold)["tasks.coop_units"]) == (2, 1, 0)


def test_maximum_matching_is_found_when_alternatives_overlap():
    # A greedy pairing could give 甲|乙 to 甲 and leave 乙 unmatched.
    gold = facts(tasks=[task("推进重点项目建设", lead_leaders=["甲|乙", "甲"])])
    predicted = facts(tasks=[task("推进重点项目建设", lead_leaders=["甲", "乙"])])
    assert counts(score_facts(predicted, gold)["tasks.lead_leaders"]) == (2, 0, 0)


def test_org_prefix_is_ignored_for_units_but_not_for_persons():
    gold = facts(tasks=[task("推进重点项目建设", lead_units=["市发改局"], coop_units=["财政局"], lead_leaders=["市长青"])])
    predicted = facts(tasks=[task("推进重点项目建设", lead_units=["发改局"], coop_units=["县财政局"], lead_leaders=["长青"])])
    scores = score_facts(predicted, gold)
    assert counts(scores["tasks.lead_units"]) == (1, 0, 0)
    assert counts(scores["tasks.coop_units"]) == (1, 0, 0)
    assert counts(scores["tasks.lead_leaders"]) == (0, 1, 1)


def test_duplicate_names_count_twice():
    gold = facts(tasks=[task("推进重点项目建设", lead_units=["甲局", "甲局"])])
    once = facts(tasks=[task("推进重点项目建设", lead_units=["甲局"])])
    thrice = facts(tasks=[task("推进重点项目建设", lead_units=["甲局", "甲局", "甲局"])])
    assert counts(score_facts(once, gold)["tasks.lead_units"]) == (1, 0, 1)
    assert counts(score_facts(thrice, gold)["tasks.lead_units"]) == (2, 1, 0)


# Gold 甲乙丙丁戊己 has 5 bigrams; each prediction below has 5 too.
@pytest.mark.parametrize(
    "predicted_text, matched",
    [
        ("甲乙丙丁子丑", True),   # 3 shared bigrams: Dice 0.6, at the threshold
        ("甲乙丙子丑寅", False),  # 2 shared bigrams: Dice 0.4
        ("甲 乙 丙 丁 子 丑", True),  # white space is not part of the text
    ],
)
def test_task_text_dice_threshold(predicted_text, matched):
    gold = facts(tasks=[task("甲乙丙丁戊己", ref="一")])
    predicted = facts(tasks=[task(predicted_text, ref="一")])
    assert score_facts(predicted, gold)["tasks.found"].tp == int(matched)


def test_plain_row_number_matches_whatever_the_text():
    gold = facts(tasks=[task("甲乙丙丁戊己", ref="7", lead_units=["甲局"])])
    same_row = facts(tasks=[task("完全不同的文字", ref="7", lead_units=["甲局"])])
    other_row = facts(tasks=[task("完全不同的文字", ref="8", lead_units=["甲局"])])
    assert counts(score_facts(same_row, gold)["tasks.found"]) == (1, 0, 0)
    assert counts(score_facts(same_row, gold)["tasks.lead_units"]) == (1, 0, 0)
    assert counts(score_facts(other_row, gold)["tasks.found"]) == (0, 1, 1)
    # Outline refs are not row numbers: equal refs alone do not pair.
    outline_gold = facts(tasks=[task("甲乙丙丁戊己", ref="三/(一)")])
    outline_predicted = facts(tasks=[task("完全不同的文字", ref="三/(一)")])
    assert score_facts(outline_predicted, outline_gold)["tasks.found"].tp == 0


def test_row_number_pairing_comes_before_text_pairing():
    # Row 2's text is copied into predicted row 1, but row numbers decide.
    gold = facts(tasks=[task("甲乙丙丁戊己", ref="1", lead_units=["一局"]), task("子丑寅卯辰巳", ref="2", lead_units=["二局"])])
    predicted = facts(tasks=[task("子丑寅卯辰巳", ref="1", lead_units=["一局"]), task("子丑寅卯辰巳", ref="2", lead_units=["二局"])])
    scores = score_facts(predicted, gold)
    assert counts(scores["tasks.found"]) == (2, 0, 0)
    assert counts(scores["tasks.lead_units"]) == (2, 0, 0)


def test_text_pairing_takes_best_pairs_first():
    gold = facts(tasks=[task("甲乙丙丁戊己庚子", lead_units=["一局"]), task("甲乙丙丁戊己庚辛壬", lead_units=["二局"])])
    predicted = facts(tasks=[task("甲乙丙丁戊己庚辛", lead_units=["二局"]), task("甲乙丙丁戊己子丑", lead_units=["一局"])])
    # Dice: gold 1 / predicted 0 = 0.93 is the best pair; then gold 0 /
    # predicted 1 = 0.71. Taking gold tasks in order would give gold 0 its
    # best, predicted 0 (0.86), and leave gold 1 with predicted 1 (0.67).
    assert dice_bigrams("甲乙丙丁戊己庚辛壬", "甲乙丙丁戊己庚辛") == pytest.approx(14 / 15)
    assert dice_bigrams("甲乙丙丁戊己庚子", "甲乙丙丁戊己庚辛") == pytest.approx(12 / 14)
    assert counts(score_facts(predicted, gold)["tasks.lead_units"]) == (2, 0, 0)


def test_tasks_pair_only_within_their_document():
    gold = facts(tasks=[task("甲乙丙丁戊己", doc_no="甲1号")])
    predicted = facts(tasks=[task("甲乙丙丁戊己", doc_no="甲2号")])
    assert counts(score_facts(predicted, gold)["tasks.found"]) == (0, 1, 1)


# --------------------------------------------------------------------------
# Groups


def group(name, members=(), units=(), doc_no="甲政办发〔2025〕1号"):
    return {
        "doc_no": doc_no,
        "name": name,
        "members": [{"person": p, "role": r, "title": "职务"} for p, r in members],
        "member_units": list(units),
    }


def test_only_group_of_a_document_pairs_whatever_its_name():
    gold = facts(groups=[group("甲乙丙丁工作专班", [("张三", "组长")], ["市发改局"])])
    predicted = facts(groups=[group("子丑寅卯领导小组", [("张三", "组长")], ["发改局"])])
    scores = score_facts(predicted, gold)
    assert counts(scores["groups.members"]) == (1, 0, 0)
    assert counts(scores["groups.roles"]) == (1, 0, 0)
    assert counts(scores["groups.units"]) == (1, 0, 0)


def test_group_name_dice_threshold():
    gold = facts(groups=[group("甲乙丙丁戊", [("张三", "组长")]), group("子丑寅卯辰", [("李四", "组长")])])
    # 甲乙丙 against 甲乙丙丁戊: 2 * 2 / (2 + 4) = 0.67; 甲乙子 against it: 2 * 1 / 6 = 0.33.
    close = facts(groups=[group("甲乙丙", [("张三", "组长")]), group("午未申", [])])
    far = facts(groups=[group("甲乙子", [("张三", "组长")]), group("午未申", [])])
    assert counts(score_facts(close, gold)["groups.members"]) == (1, 0, 1)
    assert counts(score_facts(far, gold)["groups.members"]) == (0, 1, 2)


def test_members_without_a_name_are_not_scored_and_roles_count_separately():
    gold = facts(groups=[group("某工作专班", [("张三", "组长"), (None, "召集人"), ("李四", "成员")])])
    predicted = facts(groups=[group("某工作专班", [("张三", "副组长"), ("李四", "成员")])])
    scores = score_facts(predicted, gold)
    assert counts(scores["groups.members"]) == (2, 0, 0)
    assert counts(scores["groups.roles"]) == (1, 1, 1)


# --------------------------------------------------------------------------
# Personnel, meetings, documents, targets


def change(person="张三", action="appoint", post="市某局局长", date="2025-01-24", female=False, probation=False):
    return {"doc_no": "甲政人〔2025〕1号", "date": date, "person": person, "action": action,
            "post": post, "female": female, "probation": probation}


def test_personnel_and_its_attributes():
    gold = facts(personnel_changes=[change(), change(person="李四", action="remove", female=True)])
    predicted = facts(personnel_changes=[change(post="某局局长", probation=True), change(person="李四", action="remove")])
    scores = score_facts(predicted, gold)
    assert counts(scores["personnel"]) == (2, 0, 0)
    # Wrong probation of 张三 and wrong female of 李四: 4 of 6 attributes right.
    assert counts(scores["personnel.attrs"]) == (4, 2, 2)
    # A missing change costs its date, female and probation.
    assert counts(score_facts(facts(), gold)["personnel.attrs"]) == (0, 0, 6)


def test_meetings_by_doc_no_ignore_observer_units():
    meeting = {"doc_no": "2025年第1次常务会议纪要", "date": "2025-01-09", "chair": "张三",
               "attendees": ["张三", "李四"], "observers": [{"person": "王五", "unit": "发改局"}],
               "recorder": "赵六"}
    gold = facts(meetings=[meeting])
    predicted_meeting = dict(meeting, date="2025-01-10", observers=[{"person": "王五", "unit": None}])
    scores = score_facts(facts(meetings=[predicted_meeting]), gold)
    assert counts(scores["meetings"]) == (5, 0, 0)
    assert counts(scores["meetings.dates"]) == (0, 1, 1)
    renamed = dict(meeting, doc_no="2025年第2次常务会议纪要")
    assert counts(score_facts(facts(meetings=[renamed]), gold)["meetings"]) == (0, 5, 5)


def test_documents_by_doc_no():
    gold = facts(documents=[{"doc_no": "甲政发〔2025〕1号", "title": "关于 某事 的通知|关于某项事的通知",
                             "issuer": "市人民政府", "date": "2025-03-04"}])
    predicted = facts(documents=[{"doc_no": "甲政发〔2025〕1号", "title": "关于某项事的通知",
                                  "issuer": "人民政府", "date": "2025-03-05"}])
    scores = score_facts(predicted, gold)
    assert counts(scores["documents.found"]) == (1, 0, 0)
    assert counts(scores["documents"]) == (2, 1, 1)


def test_targets_compare_amounts_as_numbers():
    gold = facts(targets=[{"doc_no": "甲1号", "subject": "市财政局", "item": "收入", "amount": 3550, "unit": "万元"},
                          {"doc_no": "甲1号", "subject": "甲组|乙组", "item": "收入", "amount": 12.5, "unit": "万元"}])
    predicted = facts(targets=[{"doc_no": "甲1号", "subject": "财政局", "item": "别的", "amount": 3550.0, "unit": "万元"},
                               {"doc_no": "甲1号", "subject": "乙组", "item": "收入", "amount": 12, "unit": "万元"}])
    assert counts(score_facts(predicted, gold)["targets"]) == (1, 1, 1)


# --------------------------------------------------------------------------
# Several gazettes and reports


def test_score_many_sums_counts_over_gazettes():
    gold = facts(tasks=four_tasks())
    half = facts(tasks=four_tasks()[:2])
    found = score_many([(gold, gold), (half, gold)])["tasks.found"]
    assert counts(found) == (6, 0, 2)
    assert found.recall == 0.75
    assert score_many([])["tasks.found"].f1 == 1.0


def test_format_and_json():
    scores = score_facts(facts(tasks=four_tasks()[:3]), facts(tasks=four_tasks()))
    table = format_scores(scores).splitlines()
    assert table[0].split() == ["category", "P", "R", "F1", "tp", "fp", "fn"]
    assert len(table) == 1 + len(CATEGORIES)
    assert table[8].split() == ["tasks.found", "1.000", "0.750", "0.857", "3", "0", "1"]
    assert len({len(line) for line in table}) == 1  # aligned columns
    as_json = scores_to_json(scores)
    assert list(as_json) == list(CATEGORIES)
    assert as_json["tasks.found"] == {"precision": 1.0, "recall": 0.75, "f1": pytest.approx(6 / 7),
                                      "tp": 3, "fp": 0, "fn": 1}
    json.dumps(as_json)


# --------------------------------------------------------------------------
# Properties

# Small alphabets make collisions (equal names, shared bigrams, prefixes,
# alternatives) likely.
texts = st.text(alphabet="甲乙丙市区县青山 |１", max_size=6)
optional_texts = st.none() | texts
doc_nos = st.sampled_from(["甲1号", "甲2号", "甲1号|甲一号", "乙 1号"])
names = st.lists(texts | st.lists(texts, max_size=2), max_size=3)

tasks_strategy = st.builds(
    dict, doc_no=doc_nos, ref=st.none() | st.sampled_from(["1", "2", "01", "三/(一)", "1#2"]) | st.integers(0, 3),
    text=texts, lead_leaders=names, lead_units=names, coop_units=names, responsible=names,
)
groups_strategy = st.builds(
    dict, doc_no=doc_nos, name=optional_texts,
    members=st.lists(st.builds(dict, person=optional_texts, role=optional_texts, title=optional_texts), max_size=3),
    member_units=names,
)
facts_strategy = st.builds(
    facts,
    documents=st.lists(st.builds(dict, doc_no=doc_nos, title=optional_texts, issuer=optional_texts,
                                 date=optional_texts), max_size=3),
    personnel_changes=st.lists(st.builds(dict, doc_no=doc_nos, date=optional_texts, person=texts,
                                         action=st.sampled_from(["appoint", "remove"]), post=texts,
                                         female=st.booleans(), probation=st.booleans()), max_size=3),
    tasks=st.lists(tasks_strategy, max_size=5),
    groups=st.lists(groups_strategy, max_size=3),
    meetings=st.lists(st.builds(dict, doc_no=doc_nos, date=optional_texts, chair=optional_texts, attendees=names,
                                observers=st.lists(st.builds(dict, person=optional_texts, unit=optional_texts),
                                                   max_size=2),
                                recorder=optional_texts), max_size=2),
    targets=st.lists(st.builds(dict, doc_no=doc_nos, subject=texts,
                               amount=st.none() | st.integers(-5, 5) | st.floats(-5, 5) | texts), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(facts_strategy)
def test_any_facts_scored_against_themselves_are_perfect(gold):
    for score in score_facts(copy.deepcopy(gold), gold).values():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), score


@settings(max_examples=300, deadline=None)
@given(facts_strategy, facts_strategy)
def test_scores_are_ratios_of_consistent_counts(predicted, gold):
    scores = score_facts(predicted, gold)
    reversed_scores = score_facts(gold, predicted)
    for category, score in scores.items():
        assert 0.0 <= score.precision <= 1.0
        assert 0.0 <= score.recall <= 1.0
        assert 0.0 <= score.f1 <= 1.0
        assert min(score.tp, score.fp, score.fn) >= 0
        # Swapping sides keeps the number of atoms on each side.
        other = reversed_scores[category]
        assert score.tp + score.fp == other.tp + other.fn
