"""Shared fixtures: paths to the real gazette (in ../shared, never in the repo) and the bundled sample."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "data" / "miluo-gazette-2025-01.txt"
SEED_GOLD = SHARED / "gold" / "miluo-gazette-2025-01.json"


def one_document(text: str):
    """The normalised text and the single document of a small invented input."""
    from kg.ingest import source_from_string, split_documents

    gazette = split_documents(source_from_string(text))
    assert len(gazette.documents) == 1
    return gazette.source.text, gazette.documents[0]


def sample_paths() -> list[Path]:
    return sorted(p for p in (REPO / "samples").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.exists(), f"the seed gazette is expected at {SEED}"
    return SEED


@pytest.fixture(scope="session")
def sample_path() -> Path:
    paths = sample_paths()
    assert paths, "the bundled sample gazette is missing from samples/"
    return paths[0]


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seed_path):
    """The seed gazette built once per test session into an rdflib store."""
    from kg.pipeline import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("seed-store")
    build([str(seed_path)], str(folder))
    return open_store(str(folder))


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, sample_path):
    from kg.pipeline import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("sample-store")
    build([str(sample_path)], str(folder))
    return open_store(str(folder))
