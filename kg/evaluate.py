"""Score predicted gazette facts against gold facts (`gazette-facts/1`).

Implements "How a facts file is scored" of shared/spec/facts-schema.md.
Standard library only.

Every category is precision, recall and F1 over *atoms* (small tuples of
normalized values). Atoms are multisets: an atom present twice on a side
counts twice. A gold value may list alternatives (``'甲|乙'``, or a JSON list
of strings); a predicted value is taken literally and matches a gold value
when it equals one of its alternatives or the whole gold value as written
(so that any facts file scored against itself gets 1.0). Because a gold atom
may accept several predicted atoms, true positives are counted as a maximum
one-to-one matching between gold and predicted atoms.

Atoms of each category (``doc`` is the normalized ``doc_no``):

- ``personnel``: (person, action, post) per change; post org-normalized.
- ``personnel.attrs``: (person, action, post, 'date', date),
  (person, action, post, 'female', bool), (person, action, post,
  'probation', bool) per change. An attribute is therefore only right when
  its change is right too, and a missing change costs its three attributes.
  A missing ``female``/``probation`` means false (the spec defines them as
  flags); a missing date gives no date atom.
- ``tasks.<role>`` for role in lead_leaders, lead_units, coop_units,
  responsible: (task, role, name). Tasks are first paired (see
  :func:`match_tasks`); within a pair names are matched one to one, persons
  by :func:`normalize_text`, units by :func:`normalize_org`. Names of an
  unmatched predicted task are all false positives, of an unmatched gold
  task all false negatives. ``tasks`` is the sum over the four roles.
- ``tasks.found``: one atom per task; tp = paired tasks, fp = unpaired
  predicted, fn = unpaired gold.
- ``groups.members``: (group, person); ``groups.roles``: (group, person,
  role); ``groups.units``: (group, unit), unit org-normalized. Groups are
  paired by :func:`match_groups`; members with a null person are not scored.
  A member without a role gives no ``groups.roles`` atom.
- ``meetings``: (meeting, role, person) for role in chair, attendee,
  observer, recorder; an observer's unit is not scored. ``meetings.dates``:
  (meeting, date). Meetings are identified by doc_no.
- ``documents``: (doc, field, value) for title (text), issuer (org) and date;
  ``documents.found``: (doc,).
- ``targets``: (doc, subject, amount), subject org-normalized, amount
  compared as a number (3550 == 3550.0; numeric strings are parsed).

Fields that are null give no atom, except the identifying fields of a
personnel change or a target (person, action, post, subject, amount), whose
entry is the fact itself: there a null is scored as an empty value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict, deque
import contextvars
from dataclasses import dataclass
from itertools import product
from typing import Any, Callable, Iterable

SCHEMA = "gazette-facts/1"

# The spec strips a leading county name (its seed's) or 市/区/县. The county
# name is read from the gold's own issuers ("<县名>人民政府"), so the rule holds
# for any county's gold without naming one here. One prefix is dropped.
ORG_PREFIXES = ("市", "区", "县")
_PLACE_PREFIXES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("place_prefixes", default=())
_PLACE_OF_ISSUER = re.compile(r"^(.{2,8}?[市县区旗])人民政府")


def place_prefixes(gold: dict) -> tuple[str, ...]:
    """County names printed as issuers in a gold file, longest first."""
    places = set()
    for doc in gold.get("documents") or []:
        for issuer in alternatives(doc.get("issuer")) if isinstance(doc, dict) else []:
            match = _PLACE_OF_ISSUER.match(normalize_text(issuer))
            if match:
                places.add(match.group(1))
    return tuple(sorted(places, key=lambda p: (-len(p), p)))

TASK_TEXT_MIN_DICE = 0.6
GROUP_NAME_MIN_DICE = 0.5

TASK_ROLES = ("lead_leaders", "lead_units", "coop_units", "responsible")
PERSON_TASK_ROLES = frozenset({"lead_leaders", "responsible"})

CATEGORIES = (
    "personnel",
    "personnel.attrs",
    "tasks",
    "tasks.lead_leaders",
    "tasks.lead_units",
    "tasks.coop_units",
    "tasks.responsible",
    "tasks.found",
    "groups.members",
    "groups.roles",
    "groups.units",
    "meetings",
    "meetings.dates",
    "documents",
    "documents.found",
    "targets",
)

_WHITESPACE = re.compile(r"\s+")
_ROW_NUMBER = re.compile(r"[0-9]+")


# --------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class CategoryScore:
    category: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, category: str, tp: int, fp: int, fn: int) -> "CategoryScore":
        """Precision/recall/F1 of counts; a category with no atoms on either
        side scores 1.0 (nothing to find, nothing wrong), other 0/0 give 0."""
        if tp == fp == fn == 0:
            return cls(category, 0, 0, 0, 1.0, 1.0, 1.0)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(category, tp, fp, fn, precision, recall, f1)


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, predicted_total: int, gold_total: int) -> None:
        self.tp += tp
        self.fp += predicted_total - tp
        self.fn += gold_total - tp


# --------------------------------------------------------------------------
# Normalization and alternatives


def normalize_text(s: Any) -> str:
    """Unicode NFKC with all white space removed; None gives ''."""
    if s is None:
        return ""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", str(s)))


def normalize_org(s: Any) -> str:
    """normalize_text, then drop one leading prefix of ORG_PREFIXES.

    Used for organisations and posts. A value that is nothing but a prefix
    is kept whole rather than emptied."""
    text = normalize_text(s)
    for prefix in (*_PLACE_PREFIXES.get(), *ORG_PREFIXES):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


def alternatives(value: Any) -> list[str]:
    """The accepted forms of a gold value: 'a|b' -> ['a', 'b'].

    A JSON list of strings is also read as alternatives (each element may
    itself use '|'). Empty pieces and None are dropped."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [piece for item in value for piece in alternatives(item)]
    return [piece for piece in str(value).split("|") if piece.strip()]


def _literal(value: Any) -> Any:
    """A predicted value as written; a list in a scalar field is read as
    its '|'-joined form so that it meets the gold value it was copied from."""
    if isinstance(value, (list, tuple)):
        return "|".join("" if item is None else str(item) for item in value)
    return value


def _written(value: Any, normalize: Callable[[Any], Any]) -> Any:
    """A predicted (or any literal) value, normalized as written."""
    return normalize(_literal(value))


def _as_list(values: Any) -> list:
    """A list field; a lone string is read as a one-element list."""
    if values is None:
        return []
    if isinstance(values, (str, dict)):
        return [values]
    return list(values)


def _accepted(value: Any, normalize: Callable[[Any], Any]) -> frozenset:
    """Normalized forms a gold value accepts: each alternative and the whole."""
    forms = {normalize(piece) for piece in alternatives(value)}
    forms.add(_written(value, normalize))
    return frozenset(forms)


@dataclass(frozen=True)
class _Bigrams:
    """A string with its character-bigram multiset, computed once."""

    text: str
    grams: Counter
    size: int

    @classmethod
    def of(cls, text: str) -> "_Bigrams":
        grams = Counter(text[i:i + 2] for i in range(len(text) - 1))
        return cls(text, grams, max(len(text) - 1, 0))

    def dice(self, other: "_Bigrams") -> float:
        if self.text == other.text:
            return 1.0
        total = self.size + other.size
        if not total:
            return 0.0
        return 2 * sum((self.grams & other.grams).values()) / total

    def dice_bound(self, other: "_Bigrams") -> float:
        """An upper bound of dice() from the lengths alone."""
        if self.text == other.text:
            return 1.0
        total = self.size + other.size
        return 2 * min(self.size, other.size) / total if total else 0.0


def dice_bigrams(a: str, b: str) -> float:
    """Dice coefficient of the character-bigram multisets of a and b.

    Compares the strings as given (callers normalize first). Equal strings
    score 1.0 even when too short to have bigrams; otherwise a string
    without bigrams scores 0.0."""
    return _Bigrams.of(a).dice(_Bigrams.of(b))


def _number(value: Any) -> Any:
    """A comparable amount: numbers and numeric strings become floats
    rounded to 6 places (so 3550 == 3550.0 == '3,550'); other values
    stay normalized text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = normalize_text(value).replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return text
    return round(number, 6) if math.isfinite(number) else normalize_text(value)


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return normalize_text(value).lower() in {"true", "1", "yes"}
    return bool(value)


# --------------------------------------------------------------------------
# Atom matching


# A gold atom is a tuple of accepted-form sets; a predicted atom a tuple of
# values. A gold atom accepts a predicted atom when every value is accepted.
GoldAtom = tuple[frozenset, ...]
PredictedAtom = tuple


def _max_matching(candidates: list[list[int]]) -> int:
    """Size of a maximum matching; candidates[g] lists the predicted atoms
    gold atom g accepts. Kuhn's algorithm with breadth-first augmenting
    paths (iterative, so long lists cannot hit the recursion limit)."""
    gold_of_predicted: dict[int, int] = {}
    predicted_of_gold: dict[int, int] = {}
    for start, options in enumerate(candidates):
        free = next((p for p in options if p not in gold_of_predicted), None)
        if free is not None:
            gold_of_predicted[free] = start
            predicted_of_gold[start] = free
            continue
        reached_from: dict[int, int] = {}
        seen_gold = {start}
        queue = deque([start])
        end = None
        while queue and end is None:
            gold = queue.popleft()
            for predicted in candidates[gold]:
                if predicted in reached_from:
                    continue
                reached_from[predicted] = gold
                holder = gold_of_predicted.get(predicted)
                if holder is None:
                    end = predicted
                    break
                if holder not in seen_gold:
                    seen_gold.add(holder)
                    queue.append(holder)
        predicted = end
        while predicted is not None:
            gold = reached_from[predicted]
            released = predicted_of_gold.get(gold)
            gold_of_predicted[predicted] = gold
            predicted_of_gold[gold] = predicted
            predicted = None if gold == start else released
    return len(predicted_of_gold)


def _count_matches(gold_atoms: list[GoldAtom], predicted_atoms: list[PredictedAtom]) -> int:
    """How many atoms match one to one (multiset semantics, alternatives)."""
    if not gold_atoms or not predicted_atoms:
        return 0
    positions: dict[PredictedAtom, list[int]] = defaultdict(list)
    for index, atom in enumerate(predicted_atoms):
        positions[atom].append(index)
    candidates = []
    for atom in gold_atoms:
        options: list[int] = []
        for combination in product(*atom):
            options.extend(positions.get(combination, ()))
        candidates.append(options)
    return _max_matching(candidates)


def _tally_atoms(tally: _Tally, gold_atoms: list[GoldAtom], predicted_atoms: list[PredictedAtom]) -> None:
    tally.add(_count_matches(gold_atoms, predicted_atoms), len(predicted_atoms), len(gold_atoms))


def _gold_names(values: Iterable[Any], normalize: Callable[[Any], str]) -> list[frozenset]:
    return [_accepted(v, normalize) for v in _as_list(values) if _written(v, normalize)]


def _predicted_names(values: Iterable[Any], normalize: Callable[[Any], str]) -> list[str]:
    return [_written(v, normalize) for v in _as_list(values) if _written(v, normalize)]


# --------------------------------------------------------------------------
# Documents: doc_no identifies documents, meetings, and the scope in which
# tasks and groups are paired.


class _DocumentKeys:
    """Maps a doc_no to the canonical key of the gold document it names.

    The key is the normalized first alternative of the gold doc_no. A doc_no
    written exactly as in gold wins over one that only equals an alternative,
    so two gold doc_nos sharing an alternative keep their own keys."""

    def __init__(self, gold: dict) -> None:
        gold_doc_nos = [
            entry.get("doc_no")
            for section in ("documents", "personnel_changes", "tasks", "groups", "meetings", "targets")
            for entry in _entries(gold, section)
        ]
        self._keys: dict[str, str] = {}
        for doc_no in gold_doc_nos:
            self._keys.setdefault(_written(doc_no, normalize_text), self._canonical(doc_no))
        for doc_no in gold_doc_nos:
            for piece in alternatives(doc_no):
                self._keys.setdefault(normalize_text(piece), self._canonical(doc_no))

    @staticmethod
    def _canonical(doc_no: Any) -> str:
        pieces = alternatives(doc_no)
        return normalize_text(pieces[0] if pieces else _literal(doc_no))

    def key(self, doc_no: Any) -> str:
        written = _written(doc_no, normalize_text)
        return self._keys.get(written, written)


def _by_document(entries: list[dict], keys: _DocumentKeys) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        grouped[keys.key(entry.get("doc_no"))].append(entry)
    return grouped


# --------------------------------------------------------------------------
# Pairing tasks and groups


def _gold_profiles(entries: list[dict], field: str, normalize: Callable[[Any], str]) -> list[list[_Bigrams]]:
    """Bigram profiles of each accepted form of a gold field."""
    return [[_Bigrams.of(form) for form in sorted(_accepted(e.get(field), normalize))] for e in entries]


def _predicted_profiles(entries: list[dict], field: str, normalize: Callable[[Any], str]) -> list[_Bigrams]:
    return [_Bigrams.of(_written(e.get(field), normalize)) for e in entries]


def _greedy_pairs(
    gold: list[list[_Bigrams]],
    predicted: list[_Bigrams],
    threshold: float,
    gold_indices: Iterable[int],
    predicted_indices: Iterable[int],
) -> list[tuple[int, int]]:
    """One-to-one pairs whose Dice (against the closest accepted gold form)
    is >= threshold, best pairs first; ties go to the lower gold index, then
    the lower predicted index."""
    predicted_indices = list(predicted_indices)
    scored = []
    for g in gold_indices:
        for p in predicted_indices:
            score = max(
                (form.dice(predicted[p]) for form in gold[g] if form.dice_bound(predicted[p]) >= threshold),
                default=None,
            )
            if score is not None and score >= threshold:
                scored.append((-score, g, p))
    scored.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in scored:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _row_number(ref: Any) -> int | None:
    """The ref as a plain row number ('3'), or None (outline refs such as
    '三/(一)/1', '5#2', null). Refs are identifiers and are not split on '|'."""
    if isinstance(ref, bool):
        return None
    if isinstance(ref, int):
        return ref
    text = normalize_text(ref)
    return int(text) if _ROW_NUMBER.fullmatch(text) else None


def match_tasks(gold_tasks: list[dict], predicted_tasks: list[dict]) -> list[tuple[int, int]]:
    """Pair the tasks of ONE document, returning (gold index, predicted index).

    First tasks whose refs are the same plain row number on both sides (if
    a row number repeats, its tasks pair by text similarity, without a
    threshold). The rest pair by Dice of character bigrams of normalized
    text, at least TASK_TEXT_MIN_DICE, one to one, best pairs first."""
    gold_rows: dict[int, list[int]] = defaultdict(list)
    predicted_rows: dict[int, list[int]] = defaultdict(list)
    for index, task in enumerate(gold_tasks):
        row = _row_number(task.get("ref"))
        if row is not None:
            gold_rows[row].append(index)
    for index, task in enumerate(predicted_tasks):
        row = _row_number(task.get("ref"))
        if row is not None:
            predicted_rows[row].append(index)

    gold_texts = _gold_profiles(gold_tasks, "text", normalize_text)
    predicted_texts = _predicted_profiles(predicted_tasks, "text", normalize_text)
    pairs = []
    for row in sorted(gold_rows.keys() & predicted_rows.keys()):
        pairs += _greedy_pairs(gold_texts, predicted_texts, -math.inf, gold_rows[row], predicted_rows[row])
    paired_gold = {g for g, _ in pairs}
    paired_predicted = {p for _, p in pairs}
    pairs += _greedy_pairs(
        gold_texts,
        predicted_texts,
        TASK_TEXT_MIN_DICE,
        [g for g in range(len(gold_tasks)) if g not in paired_gold],
        [p for p in range(len(predicted_tasks)) if p not in paired_predicted],
    )
    return pairs


def match_groups(gold_groups: list[dict], predicted_groups: list[dict]) -> list[tuple[int, int]]:
    """Pair the groups of ONE document, returning (gold index, predicted index).

    The only group of the document on both sides pairs whatever its name;
    otherwise names (org-normalized) pair by Dice of character bigrams, at
    least GROUP_NAME_MIN_DICE, one to one, best pairs first."""
    if len(gold_groups) == 1 and len(predicted_groups) == 1:
        return [(0, 0)]
    return _greedy_pairs(
        _gold_profiles(gold_groups, "name", normalize_org),
        _predicted_profiles(predicted_groups, "name", normalize_org),
        GROUP_NAME_MIN_DICE,
        range(len(gold_groups)),
        range(len(predicted_groups)),
    )


# --------------------------------------------------------------------------
# Categories


def _entries(facts: dict, section: str) -> list[dict]:
    return [entry for entry in _as_list(facts.get(section)) if isinstance(entry, dict)]


def _score_personnel(gold: dict, predicted: dict, tallies: dict[str, _Tally]) -> None:
    def change_atoms(change: dict, accept: Callable) -> tuple:
        return (
            accept(change.get("person"), normalize_text),
            accept(change.get("action"), normalize_text),
            accept(change.get("post"), normalize_org),
        )

    def attribute_atoms(change: dict, accept: Callable, flag: Callable) -> list[tuple]:
        identity = change_atoms(change, accept)
        atoms = []
        if _written(change.get("date"), normalize_text):
            atoms.append(identity + (flag("date"), accept(change.get("date"), normalize_text)))
        for field in ("female", "probation"):
            atoms.append(identity + (flag(field), flag(_flag(change.get(field)))))
        return atoms

    gold_changes = _entries(gold, "personnel_changes")
    predicted_changes = _entries(predicted, "personnel_changes")
    _tally_atoms(
        tallies["personnel"],
        [change_atoms(c, _accepted) for c in gold_changes],
        [change_atoms(c, _written) for c in predicted_changes],
    )
    _tally_atoms(
        tallies["personnel.attrs"],
        [atom for c in gold_changes for atom in attribute_atoms(c, _accepted, lambda v: frozenset({v}))],
        [atom for c in predicted_changes for atom in attribute_atoms(c, _written, lambda v: v)],
    )


def _task_role_normalizer(role: str) -> Callable[[Any], str]:
    return normalize_text if role in PERSON_TASK_ROLES else normalize_org


def _score_tasks(gold: dict, predicted: dict, keys: _DocumentKeys, tallies: dict[str, _Tally]) -> None:
    gold_by_doc = _by_document(_entries(gold, "tasks"), keys)
    predicted_by_doc = _by_document(_entries(predicted, "tasks"), keys)
    found = tallies["tasks.found"]
    for doc in gold_by_doc.keys() | predicted_by_doc.keys():
        gold_tasks = gold_by_doc.get(doc, [])
        predicted_tasks = predicted_by_doc.get(doc, [])
        pairs = match_tasks(gold_tasks, predicted_tasks)
        found.add(len(pairs), len(predicted_tasks), len(gold_tasks))
        paired_gold = {g: p for g, p in pairs}
        paired_predicted = set(paired_gold.values())
        for role in TASK_ROLES:
            normalize = _task_role_normalizer(role)
            tally = tallies[f"tasks.{role}"]
            for g, gold_task in enumerate(gold_tasks):
                gold_names = _gold_names(gold_task.get(role), normalize)
                predicted_names: list[str] = []
                if g in paired_gold:
                    predicted_names = _predicted_names(predicted_tasks[paired_gold[g]].get(role), normalize)
                matched = _count_matches([(names,) for names in gold_names], [(n,) for n in predicted_names])
                tally.add(matched, len(predicted_names), len(gold_names))
            for p, predicted_task in enumerate(predicted_tasks):
                if p not in paired_predicted:
                    tally.add(0, len(_predicted_names(predicted_task.get(role), normalize)), 0)


def _group_atoms(group: dict, accept: Callable) -> dict[str, list[tuple]]:
    """Atoms of one group without the group itself (pairing supplies it)."""
    members, roles = [], []
    for member in _as_list(group.get("members")):
        if not isinstance(member, dict) or not _written(member.get("person"), normalize_text):
            continue  # members without a name are not scored
        person = accept(member.get("person"), normalize_text)
        members.append((person,))
        if _written(member.get("role"), normalize_text):
            roles.append((person, accept(member.get("role"), normalize_text)))
    units = [
        (accept(unit, normalize_org),)
        for unit in _as_list(group.get("member_units"))
        if _written(unit, normalize_org)
    ]
    return {"groups.members": members, "groups.roles": roles, "groups.units": units}


def _score_groups(gold: dict, predicted: dict, keys: _DocumentKeys, tallies: dict[str, _Tally]) -> None:
    gold_by_doc = _by_document(_entries(gold, "groups"), keys)
    predicted_by_doc = _by_document(_entries(predicted, "groups"), keys)
    for doc in gold_by_doc.keys() | predicted_by_doc.keys():
        gold_groups = [_group_atoms(g, _accepted) for g in gold_by_doc.get(doc, [])]
        predicted_groups = [_group_atoms(g, _written) for g in predicted_by_doc.get(doc, [])]
        pairs = dict(match_groups(gold_by_doc.get(doc, []), predicted_by_doc.get(doc, [])))
        paired_predicted = set(pairs.values())
        for category in ("groups.members", "groups.roles", "groups.units"):
            tally = tallies[category]
            for g, gold_atoms in enumerate(gold_groups):
                predicted_atoms = predicted_groups[pairs[g]][category] if g in pairs else []
                _tally_atoms(tally, gold_atoms[category], predicted_atoms)
            for p, predicted_atoms in enumerate(predicted_groups):
                if p not in paired_predicted:
                    _tally_atoms(tally, [], predicted_atoms[category])


def _meeting_people(meeting: dict) -> list[tuple[str, Any]]:
    people = [("chair", meeting.get("chair"))]
    people += [("attendee", person) for person in _as_list(meeting.get("attendees"))]
    for observer in _as_list(meeting.get("observers")):
        # An observer's printed unit is not part of the atom.
        people.append(("observer", observer.get("person") if isinstance(observer, dict) else observer))
    people.append(("recorder", meeting.get("recorder")))
    return [(role, person) for role, person in people if _written(person, normalize_text)]


def _score_meetings(gold: dict, predicted: dict, keys: _DocumentKeys, tallies: dict[str, _Tally]) -> None:
    gold_meetings = _entries(gold, "meetings")
    predicted_meetings = _entries(predicted, "meetings")
    _tally_atoms(
        tallies["meetings"],
        [
            (frozenset({keys.key(m.get("doc_no"))}), frozenset({role}), _accepted(person, normalize_text))
            for m in gold_meetings
            for role, person in _meeting_people(m)
        ],
        [
            (keys.key(m.get("doc_no")), role, _written(person, normalize_text))
            for m in predicted_meetings
            for role, person in _meeting_people(m)
        ],
    )
    _tally_atoms(
        tallies["meetings.dates"],
        [
            (frozenset({keys.key(m.get("doc_no"))}), _accepted(m.get("date"), normalize_text))
            for m in gold_meetings
            if _written(m.get("date"), normalize_text)
        ],
        [
            (keys.key(m.get("doc_no")), _written(m.get("date"), normalize_text))
            for m in predicted_meetings
            if _written(m.get("date"), normalize_text)
        ],
    )


DOCUMENT_FIELDS = (("title", normalize_text), ("issuer", normalize_org), ("date", normalize_text))


def _score_documents(gold: dict, predicted: dict, keys: _DocumentKeys, tallies: dict[str, _Tally]) -> None:
    gold_documents = _entries(gold, "documents")
    predicted_documents = _entries(predicted, "documents")
    _tally_atoms(
        tallies["documents.found"],
        [(frozenset({keys.key(d.get("doc_no"))}),) for d in gold_documents],
        [(keys.key(d.get("doc_no")),) for d in predicted_documents],
    )
    _tally_atoms(
        tallies["documents"],
        [
            (frozenset({keys.key(d.get("doc_no"))}), frozenset({field}), _accepted(d.get(field), normalize))
            for d in gold_documents
            for field, normalize in DOCUMENT_FIELDS
            if _written(d.get(field), normalize)
        ],
        [
            (keys.key(d.get("doc_no")), field, _written(d.get(field), normalize))
            for d in predicted_documents
            for field, normalize in DOCUMENT_FIELDS
            if _written(d.get(field), normalize)
        ],
    )


def _score_targets(gold: dict, predicted: dict, keys: _DocumentKeys, tallies: dict[str, _Tally]) -> None:
    _tally_atoms(
        tallies["targets"],
        [
            (
                frozenset({keys.key(t.get("doc_no"))}),
                _accepted(t.get("subject"), normalize_org),
                _accepted(t.get("amount"), _number),
            )
            for t in _entries(gold, "targets")
        ],
        [
            (keys.key(t.get("doc_no")), _written(t.get("subject"), normalize_org), _written(t.get("amount"), _number))
            for t in _entries(predicted, "targets")
        ],
    )


def _check_schema(facts: dict, side: str) -> None:
    if not isinstance(facts, dict):
        raise TypeError(f"{side} facts must be a dict, not {type(facts).__name__}")
    schema = facts.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ValueError(f"{side} facts have schema {schema!r}, expected {SCHEMA!r}")


def _tally_facts(predicted: dict, gold: dict) -> dict[str, _Tally]:
    _check_schema(predicted, "predicted")
    _check_schema(gold, "gold")
    tallies = {category: _Tally() for category in CATEGORIES}
    keys = _DocumentKeys(gold)
    _score_personnel(gold, predicted, tallies)
    _score_tasks(gold, predicted, keys, tallies)
    _score_groups(gold, predicted, keys, tallies)
    _score_meetings(gold, predicted, keys, tallies)
    _score_documents(gold, predicted, keys, tallies)
    _score_targets(gold, predicted, keys, tallies)
    total = tallies["tasks"]
    for role in TASK_ROLES:
        part = tallies[f"tasks.{role}"]
        total.tp, total.fp, total.fn = total.tp + part.tp, total.fp + part.fp, total.fn + part.fn
    return tallies


def _scores(tallies: dict[str, _Tally]) -> dict[str, CategoryScore]:
    return {c: CategoryScore.from_counts(c, tallies[c].tp, tallies[c].fp, tallies[c].fn) for c in CATEGORIES}


def score_facts(predicted: dict, gold: dict) -> dict[str, CategoryScore]:
    """Score the facts of ONE gazette; every category of CATEGORIES, in order."""
    return _scores(_tally_with_places(predicted, gold))


def _tally_with_places(predicted: dict, gold: dict):
    token = _PLACE_PREFIXES.set(place_prefixes(gold))
    try:
        return _tally_facts(predicted, gold)
    finally:
        _PLACE_PREFIXES.reset(token)


def score_many(pairs: list[tuple[dict, dict]]) -> dict[str, CategoryScore]:
    """Micro-average over gazettes: (predicted, gold) pairs, counts summed."""
    totals = {category: _Tally() for category in CATEGORIES}
    for predicted, gold in pairs:
        for category, tally in _tally_with_places(predicted, gold).items():
            totals[category].add(tally.tp, tally.tp + tally.fp, tally.tp + tally.fn)
    return _scores(totals)


# --------------------------------------------------------------------------
# Reporting


def format_scores(scores: dict[str, CategoryScore]) -> str:
    """An aligned plain-text table: category, P, R, F1, tp, fp, fn."""
    header = ("category", "P", "R", "F1", "tp", "fp", "fn")
    rows = [
        (s.category, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
        for s in scores.values()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        # Category left-aligned, numbers right-aligned.
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), *(line(row) for row in rows)])


def scores_to_json(scores: dict[str, CategoryScore]) -> dict:
    """{category: {precision, recall, f1, tp, fp, fn}}, in category order."""
    return {
        s.category: {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
        }
        for s in scores.values()
    }
