"""Quality gate: entity resolution scored on the labelled pairs of tests/data/merge_pairs.csv.

The scoring is bench/eval_merge.py's own (imported by path: bench/ is not a package), so
the figures here are the ones the script prints.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_eval():
    spec = importlib.util.spec_from_file_location("eval_merge", ROOT / "bench" / "eval_merge.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is being executed
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()
RECALL_FLOOR = 0.85
"""What the resolver alone reaches today (0.864); a drop below it is a regression."""


@pytest.fixture(scope="module")
def pairs():
    return EVAL.load_pairs()


@pytest.fixture(scope="module")
def result(pairs):
    return EVAL.evaluate(pairs)


def test_labelled_set_is_large_and_balanced(pairs):
    assert len(pairs) >= 150
    positives = sum(p.same for p in pairs)
    assert 0.4 <= positives / len(pairs) <= 0.6
    assert all(p.note for p in pairs)


def test_each_name_has_one_type_per_group(pairs):
    """A name appears in its group with one spaCy type, so 'each name counted once' is well defined."""
    types = {}
    for p in pairs:
        for name, type_ in ((p.name_a, p.type_a), (p.name_b, p.type_b)):
            assert types.setdefault((p.group, name), type_) == type_, (p.group, name)


def test_precision_target(result):
    assert result.precision >= EVAL.TARGET_PRECISION, [(e[0].name_a, e[0].name_b) for e in result.errors]


def test_recall_floor(result):
    assert result.recall >= RECALL_FLOOR, [(e[0].name_a, e[0].name_b) for e in result.errors]


@pytest.mark.xfail(strict=True, reason="recall is 0.864 < 0.90: of 29 misses, 16 are short names two full names "
                                       "fit (left apart by design), others spaCy type errors and an "
                                       "organisation's first words; see bench/eval_merge.py")
def test_recall_target(result):
    assert result.recall >= EVAL.TARGET_RECALL


@pytest.fixture(scope="module")
def builder_result(pairs):
    """The whole builder (extraction, in-document coreference, merge) on the pairs' source documents."""
    return EVAL.evaluate_builder(pairs)


def test_builder_precision_target(builder_result):
    assert builder_result.judged >= 375  # every pair whose names its source documents contain
    assert builder_result.precision >= EVAL.TARGET_PRECISION, [(e[0].name_a, e[0].name_b) for e in builder_result.errors]


def test_builder_recall_target(builder_result):
    """The whole builder meets the recall target: in-document coreference settles most short names."""
    assert builder_result.recall >= EVAL.TARGET_RECALL, [(e[0].name_a, e[0].name_b) for e in builder_result.errors]
