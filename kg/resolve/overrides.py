"""A user's corrections to the resolve rules, read from a TOML file (see docs/resolve.md).

```toml
[[person.merge]]          # force: the variants are the canonical person
canonical = "王明"
variants = ["王朋"]
note = "misprint in the table of annex 2"

[[person.keep_apart]]     # forbid: never merge these names
names = ["李强", "李磊"]

[[person.homonym]]        # the name in these documents is a second person (key "王明~2")
name = "王明"
documents = ["青政人〔2025〕3号"]

[[unit.merge]]
canonical = "县发改局"
variants = ["县发展改革委"]

[[unit.keep_apart]]
names = ["产业园管理中心", "产业园管理办公室"]
```
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GazetteError


class OverrideError(GazetteError, ValueError):
    """The override file is not as docs/resolve.md describes (the CLI prints it, no traceback)."""


@dataclass
class Overrides:
    person_merges: list[tuple[str, str, str]] = field(default_factory=list)  # (canonical, variant, note)
    person_apart: list[tuple[str, str, str]] = field(default_factory=list)  # (name, name, note)
    person_homonyms: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)  # (name, doc_nos, note)
    unit_merges: list[tuple[str, str, str]] = field(default_factory=list)
    unit_apart: list[tuple[str, str, str]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "Overrides":
        out = cls()
        for kind in ("person", "unit"):
            section = data.get(kind, {}) or {}
            if not isinstance(section, dict):
                raise OverrideError(f"[{kind}] must be a table")
            unknown = set(section) - {"merge", "keep_apart", "homonym"}
            if unknown:
                raise OverrideError(f"[{kind}] has unknown entries: {sorted(unknown)}")
            merges = out.person_merges if kind == "person" else out.unit_merges
            apart = out.person_apart if kind == "person" else out.unit_apart
            for entry in section.get("merge", []):
                canonical = _text(entry, "canonical", kind)
                variants = entry.get("variants") or ([entry["variant"]] if "variant" in entry else [])
                if not variants:
                    raise OverrideError(f"[[{kind}.merge]] {canonical!r} lists no variants")
                for variant in variants:
                    merges.append((canonical, str(variant), str(entry.get("note", ""))))
            for entry in section.get("keep_apart", []):
                names = [str(n) for n in entry.get("names", [])]
                if len(names) < 2:
                    raise OverrideError(f"[[{kind}.keep_apart]] needs at least two names")
                for i, a in enumerate(names):
                    for b in names[i + 1:]:
                        apart.append((a, b, str(entry.get("note", ""))))
            for entry in section.get("homonym", []):
                if kind != "person":
                    raise OverrideError("homonym entries are for people only")
                docs = tuple(str(d) for d in entry.get("documents", []))
                if not docs:
                    raise OverrideError(f"[[person.homonym]] {entry.get('name')!r} lists no documents")
                out.person_homonyms.append((_text(entry, "name", kind), docs, str(entry.get("note", ""))))
        return out


def _text(entry: dict, key: str, kind: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise OverrideError(f"an entry of [{kind}] needs {key!r}")
    return value.strip()


def load_overrides(path: str | Path) -> Overrides:
    """Read a resolve.toml file."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as err:
        raise OverrideError(f"{path}: cannot read the override file ({err.strerror})") from err
    except tomllib.TOMLDecodeError as err:
        raise OverrideError(f"{path}: {err}") from err
    try:
        return Overrides.from_dict(data)
    except OverrideError as err:
        raise OverrideError(f"{path}: {err}") from err


def as_overrides(value) -> Overrides:
    """None, an Overrides, a parsed dict or a path."""
    if value is None:
        return Overrides()
    if isinstance(value, Overrides):
        return value
    if isinstance(value, dict):
        return Overrides.from_dict(value)
    return load_overrides(value)
