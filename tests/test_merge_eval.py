"""Quality gate: entity resolution scored on the labelled pairs of tests/data/merge_pairs.csv.

The scoring is bench/eval_merge.py's own (imported by path: bench/ is not a package), so
the figures here are the ones the script prints. The BBC articles the pairs come from are
read from tests/data/bbc_sample.jsonl only, so the figures are the same with or without
../shared.
"""

import importlib.util
import json
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


def _sample_lines() -> dict[str, str]:
    with EVAL.BBC_SAMPLE.open(encoding="utf-8") as f:
        lines = f.readlines()
    by_id = {json.loads(line)["id"]: line for line in lines}
    assert len(by_id) == len(lines), "an article is in the sample twice"
    return by_id


def test_the_bbc_sample_holds_exactly_the_articles_the_pairs_come_from(pairs):
    assert sorted(_sample_lines()) == sorted(EVAL.bbc_ids(pairs))


def test_the_bbc_sample_is_copied_line_for_line_from_the_shared_corpus():
    if not EVAL.BBC.exists():
        pytest.skip(f"{EVAL.BBC} is absent")
    sample = _sample_lines()
    with EVAL.BBC.open(encoding="utf-8") as f:
        copied = [line for line in f if json.loads(line)["id"] in sample]
    assert copied == list(sample.values())  # the same bytes, in corpus order


@pytest.fixture(scope="module")
def builder_result(pairs):
    """The whole builder (extraction, in-document coreference, merge) on the pairs' source documents."""
    return EVAL.evaluate_builder(pairs, corpora=(EVAL.BBC_SAMPLE,))


def test_builder_precision_target(builder_result):
    assert builder_result.judged >= 375  # every pair whose names its source documents contain
    assert builder_result.precision >= EVAL.TARGET_PRECISION, [(e[0].name_a, e[0].name_b) for e in builder_result.errors]


def test_builder_recall_target(builder_result):
    """The whole builder meets the recall target: in-document coreference settles most short names."""
    assert builder_result.recall >= EVAL.TARGET_RECALL, [(e[0].name_a, e[0].name_b) for e in builder_result.errors]


# --- the hand-labelled BBC hubs (tests/data/bbc_hubs.csv, scored by bench/bbc_hubs.py) --------

def _load_hubs():
    spec = importlib.util.spec_from_file_location("bbc_hubs", ROOT / "bench" / "bbc_hubs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HUBS = _load_hubs()


def test_the_hub_labels_cover_300_nodes_with_known_types():
    import csv

    rows = list(csv.DictReader(open(ROOT / "tests" / "data" / "bbc_hubs.csv", newline="", encoding="utf-8")))
    assert len(rows) == 300
    known = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"}
    assert all(set(r["correct_type"].split("|")) <= known for r in rows)
    assert all(r["entity"] for r in rows)


def test_the_hub_check_counts_each_verdict(tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "rank,label,type_built,mentions,correct_type,entity,wrong_aliases,same_entity_as,note\n"
        "1,London,GPE,9,GPE,London,Michael London,,\n"
        "2,Tories,NORP,5,ORG,Conservative Party,,Tory,\n"
        "3,Yukos,PERSON,4,ORG,Yukos,,,\n"
        "4,iPod,ORG,3,OTHER,iPod,,,\n", encoding="utf-8")
    nodes = tmp_path / "nodes.csv"
    nodes.write_text(
        "id,label,type,aliases,mentions,docs,roles\n"
        "London,London,GPE,London|Michael London,9,a,\n"
        "Tories,Tories,ORG,Tories,5,a,\n"
        "Tory,Tory,NORP,Tory,4,a,\n"
        "Yukos,Yukos,PERSON,Yukos,4,a,\n"
        "iPod,iPod,ORG,iPod,3,a,\n", encoding="utf-8")
    r = HUBS.check(labels, nodes)
    assert [len(r[k]) for k in ("over_merged", "wrong_type", "fragmented", "other", "missing")] == [1, 1, 1, 1, 0]
