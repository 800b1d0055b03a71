"""What the resolve stage hands to the graph stage."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.registry import ExtractedFacts
from kg.model import Gazette, Span


@dataclass(frozen=True)
class Alias:
    written: str  # the variant as printed ("叶罂", "卫健委")
    rule: str  # which rule merged it: "layout-space", "misprint", "unit-short-form", "override" ...
    evidence: tuple[Span, ...] = ()


@dataclass
class PersonEntity:
    key: str  # canonical name; IRIs are minted from it (homonyms get "name~2")
    name: str
    aliases: list[Alias] = field(default_factory=list)


@dataclass
class UnitEntity:
    key: str  # canonical unit name without leading 市/县 prefix; IRIs are minted from it
    label: str  # the most common printed form
    is_collective: bool = False  # 市直相关单位, 各镇政府, 街道办 …
    aliases: list[Alias] = field(default_factory=list)
    parent: str | None = None  # key of the parent unit where printed


@dataclass(frozen=True)
class ResolutionDecision:
    kind: str  # "person" | "unit"
    canonical: str
    variant: str
    rule: str
    status: str  # "merged" | "doubtful" | "forced" | "forbidden"
    evidence: tuple[Span, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class LeaderRole:
    """A member of the government's leadership and how we know it."""

    person: str  # canonical name
    role: str  # "mayor" | "executive-deputy" | "deputy" | "other-leader"
    title: str | None  # printed title, e.g. "市委常委、副市长"
    printed: bool  # True where the title is printed, False where inferred (e.g. from 出席 + leading tasks)
    evidence: tuple[Span, ...] = ()


@dataclass
class ResolvedGazette:
    """Facts with people canonicalised (spaced names split, misprints mapped) and
    a unit entity for every unit string as written."""

    gazette: Gazette
    facts: ExtractedFacts  # person fields hold canonical names; unit fields keep the written form
    persons: dict[str, PersonEntity] = field(default_factory=dict)  # key -> entity
    units: dict[str, UnitEntity] = field(default_factory=dict)  # written form -> entity
    decisions: list[ResolutionDecision] = field(default_factory=list)
    leaders: list[LeaderRole] = field(default_factory=list)
    posts: dict = field(default_factory=dict)  # post as printed -> kg.resolve.posts.PostParts

    def unit_of(self, written: str) -> UnitEntity:
        return self.units[written]
