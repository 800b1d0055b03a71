"""Score a store against gold files (the library call behind ``kg eval``)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from kg.errors import GazetteError
from kg.evaluate import format_scores, score_many, scores_to_json
from kg.facts import gazette_sources, read_facts
from kg.store import open_store


@dataclass
class EvalResult:
    scores: dict
    pairs: list[str]  # gold file -> source scored

    def text(self) -> str:
        head = "\n".join(f"gold {p}" for p in self.pairs)
        return f"{head}\n{format_scores(self.scores)}"

    def json(self) -> str:
        return json.dumps({"pairs": self.pairs, "scores": scores_to_json(self.scores)}, ensure_ascii=False, indent=2)


def load_gold(path: str) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            gold = json.load(handle)
    except json.JSONDecodeError as err:
        raise GazetteError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None
    if not isinstance(gold, dict) or gold.get("schema") != "gazette-facts/1":
        raise GazetteError(f"{path}: not a gazette-facts/1 file (schema key missing or different)")
    return gold


def evaluate_store(store_spec: str, gold_paths) -> EvalResult:
    store = open_store(store_spec)
    available = gazette_sources(store)
    pairs, labels = [], []
    for path in gold_paths:
        gold = load_gold(path)
        source = gold.get("source")
        if source not in available:
            raise GazetteError(f"{path}: its source {source!r} is not in the store {store_spec!r} "
                               f"(built: {', '.join(available) or 'nothing'}); run kg build first")
        pairs.append((read_facts(store, source)[0], gold))
        labels.append(f"{path} -> {source}")
    return EvalResult(scores=score_many(pairs), pairs=labels)
