"""No person, unit or place of the seed gazette may be written into the library code.

The sample is read from the gold file at test time (every person of its personnel changes
and meetings, its chairs and recorders) plus a few of its units and its county name, so the
test itself holds no seed names either. Comments and docstrings may quote the seed as an
example; string literals and identifiers may not.
"""
from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "miluo-gazette-2025-01.json"


def seed_sample() -> set[str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    values = [p["person"] for p in gold["personnel_changes"]]
    for meeting in gold["meetings"]:
        values += meeting["attendees"] + [meeting["chair"], meeting["recorder"]]
    units = [u for t in gold["tasks"] for u in t["lead_units"] + t["coop_units"]]
    # units proper to this county: a group whose name is not a common genre word
    values += [u for u in units if u.endswith("集团") and not u.startswith(("市", "文旅"))][:3]
    issuer = gold["documents"][0]["issuer"]
    county = re.match(r"^(.{2,6}?)[市县区]", issuer).group(1)
    values += [county]
    names = {alt for v in values if v for alt in v.split("|")}
    return {n for n in names if len(n) >= 2}


def code_without_comments(path: Path) -> str:
    """Identifiers and string literals of a Python file, without comments and docstrings;
    for SPARQL files, the lines without # comments."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())
    kept = []
    depth = 0  # inside brackets a string on its own line is data, not a docstring
    previous = tokenize.NEWLINE  # the last significant token
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL):
            continue
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        # a string standing as a statement of its own is a docstring
        is_docstring = (tok.type == tokenize.STRING and depth == 0
                        and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT))
        if tok.type != tokenize.STRING or not is_docstring:
            kept.append(tok.string)
        if not (tok.type == tokenize.STRING and is_docstring):
            previous = tok.type
    return " ".join(kept)


def test_sample_is_read_from_the_gold_file():
    sample = seed_sample()
    assert len(sample) >= 20
    assert any(name.endswith("集团") for name in sample)


def test_no_seed_names_in_library_code():
    sample = seed_sample()
    files = sorted(p for p in (REPO / "kg").rglob("*") if p.suffix in (".py", ".rq", ".toml", ".json", ".j2", ".html"))
    assert files
    offending = []
    for path in files:
        code = code_without_comments(path)
        offending += [f"{path.relative_to(REPO)}: {name}" for name in sorted(sample) if name in code]
    assert not offending, "seed names in library code:\n" + "\n".join(offending)


def test_the_check_sees_code_and_ignores_comments(tmp_path):
    module = tmp_path / "example.py"
    module.write_text('"""Docstring: 王明 may be quoted."""\n# so may 李四\nNAMES = ("赵刚",)\n'
                      'MORE = (\n    "孙丽",\n)\n\n\ndef f():\n    """Also 钱多."""\n    return "周平"\n', encoding="utf-8")
    code = code_without_comments(module)
    assert "赵刚" in code and "孙丽" in code and "周平" in code  # data, one line or several
    assert "王明" not in code and "李四" not in code and "钱多" not in code
