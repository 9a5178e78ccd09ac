"""Shared fixtures: one Extractor for the whole session (loading spaCy takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
"""Large shared data sets, not in the repository: a test that needs one skips when it is absent."""
BBC_SAMPLE = ROOT / "tests" / "data" / "bbc_sample.jsonl"
"""104 BBC articles (the sources of tests/data/merge_pairs.csv), copied line for line from
../shared/data/bbc/articles.jsonl in corpus order: the tests' real news text."""


@pytest.fixture(scope="session")
def extractor():
    from extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_results(extractor):
    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    return list(extractor.analyse_many(items))


@pytest.fixture(scope="session")
def seed_graph(seed_results):
    from graph import KnowledgeGraph

    return KnowledgeGraph.from_results(seed_results)


def as_rows(triples, kind=None):
    """Triples as comparable tuples: (subject's full name, predicate, object's full name or None, modality)."""
    rows = set()
    for t in triples:
        if kind and t.kind != kind:
            continue
        obj = t.object.antecedent.text if t.object is not None else None
        rows.add((t.subject.antecedent.text, t.predicate, obj, t.modality))
    return rows
