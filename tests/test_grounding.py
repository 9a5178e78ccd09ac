"""Every triple is grounded: its mentions and its sentence are the text at their offsets.

Runs the extractor over the seeds and over CoNLL04 dev, and checks the scoring of
``bench/eval_conll04.py`` on a hand-made sentence.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys

import pytest

from extract import Extractor, Mention, Triple

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CONLL04_DEV = ROOT.parent / "shared" / "data" / "conll04" / "dev.jsonl"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def grounding_problems(text: str, triples: list[Triple]) -> list[str]:
    """What is wrong with the offsets of ``triples`` over ``text`` (empty when all is well)."""
    problems = []
    for t in triples:
        where = f"{t.pattern} {t.subject.text!r} {t.predicate!r}"
        if not 0 <= t.sentence_start <= t.sentence_end <= len(text):
            problems.append(f"{where}: sentence [{t.sentence_start}, {t.sentence_end}) outside the text")
        elif text[t.sentence_start : t.sentence_end] != t.sentence:
            problems.append(f"{where}: sentence {t.sentence!r} != text {text[t.sentence_start : t.sentence_end]!r}")
        for role, mention in (("subject", t.subject), ("object", t.object)):
            if mention is None:
                continue
            # only the mention's own span must lie in the sentence (or, for an organisation found elsewhere in the
            # document, in the sentence the triple names for it); what it refers to may be earlier
            start, end = t.object_sentence if role == "object" and t.object_sentence else (t.sentence_start, t.sentence_end)
            if not start <= mention.start <= mention.end <= end:
                problems.append(f"{where}: {role} {mention.text!r} [{mention.start}, {mention.end}) outside its sentence")
            m: Mention | None = mention
            while m is not None:
                if text[m.start : m.end] != m.text:
                    problems.append(f"{where}: {role} chain {m.text!r} != text {text[m.start : m.end]!r}")
                m = m.refers_to
    return problems


def test_seed_triples_are_grounded(extractor):
    assert len(SEEDS) == 4
    docs = {path.name: path.read_text(encoding="utf-8") for path in SEEDS}
    results = dict(extractor.extract_many(docs.items()))
    assert all(results.values()), "every seed yields triples"
    problems = [f"{name}: {p}" for name, triples in results.items() for p in grounding_problems(docs[name], triples)]
    assert not problems, "\n".join(problems[:20])


def test_conll04_dev_triples_are_grounded(extractor):
    if not CONLL04_DEV.exists():
        pytest.skip(f"shared CoNLL04 data not found at {CONLL04_DEV}")
    with CONLL04_DEV.open(encoding="utf-8") as f:
        texts = {s["id"]: s["text"] for s in map(json.loads, f)}
    problems = [
        f"{sid}: {p}"
        for sid, triples in extractor.extract_many(texts.items(), batch_size=64)
        for p in grounding_problems(texts[sid], triples)
    ]
    assert not problems, "\n".join(problems[:20])


# --- scoring ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def conll04_eval():
    spec = importlib.util.spec_from_file_location("eval_conll04", ROOT / "bench" / "eval_conll04.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


SENTENCE = "John Wilkes Booth, who assassinated President Lincoln, was an actor."


def mention(start: int, end: int) -> Mention:
    return Mention(text=SENTENCE[start:end], start=start, end=end, type="PERSON")


def kill(subject: Mention, obj: Mention, negated: bool = False) -> Triple:
    return Triple(
        kind="action", subject=subject, predicate="assassinate", object=obj, negated=negated,
        sentence_start=0, sentence_end=len(SENTENCE), sentence=SENTENCE, confidence=0.9, pattern="test",
    )  # fmt: skip


def test_scoring_on_a_hand_made_sentence(conll04_eval):
    sentence = {
        "id": "s1",
        "text": SENTENCE,
        "entities": [
            {"type": "Peop", "text": "John Wilkes Booth", "char_start": 0, "char_end": 17},
            {"type": "Peop", "text": "President Lincoln", "char_start": 36, "char_end": 53},
        ],
        "relations": [{"type": "Kill", "head": 0, "tail": 1}, {"type": "Live_In", "head": 0, "tail": 1}],
    }
    gold = conll04_eval.gold_relations(sentence)
    assert [(g.type, g.subject, g.object) for g in gold] == [("Kill", (0, 17), (36, 53))]

    booth, lincoln = mention(12, 17), mention(46, 53)  # overlap the gold spans without equalling them
    triples = [
        kill(booth, lincoln),
        kill(booth, lincoln),  # a duplicate counts once
        kill(lincoln, booth),  # wrong direction: matches nothing
        kill(lincoln, booth, negated=True),  # negated: not counted at all
    ]
    predicted = conll04_eval.predicted_relations(triples, frozenset({"assassinate"}))
    assert len(predicted) == 2

    counts, errors = conll04_eval.score({"s1": gold}, {"s1": predicted})
    assert (counts["Kill"].tp, counts["Kill"].fp, counts["Kill"].fn) == (1, 1, 0)
    assert (counts["Work_For"].tp, counts["Work_For"].fp, counts["Work_For"].fn) == (0, 0, 0)
    assert counts["Kill"].precision == 0.5 and counts["Kill"].recall == 1.0
    assert [(e.kind, e.relation.subject_text) for e in errors] == [("fp", "Lincoln")]


def test_scoring_counts_a_missed_relation(conll04_eval):
    gold = {"s1": [conll04_eval.Relation("Work_For", (0, 5), (20, 30))]}
    counts, errors = conll04_eval.score(gold, {"s1": []})
    assert (counts["Work_For"].tp, counts["Work_For"].fn) == (0, 1)
    assert counts["Work_For"].f1 == 0.0
    assert [e.kind for e in errors] == ["fn"]


def test_no_argument_ends_in_a_line_break(extractor):
    """A group's phrase at the end of a headline is parsed with the blank line after it: the mention stops at the word."""
    text = "Diplomat attacked by muggers in Kenya\n\nA British diplomat, Tom Vance, was attacked by muggers in Kenya on Friday."
    args = [m for t in extractor.extract(text) for m in (t.subject, t.object) if m is not None]
    assert "muggers in Kenya" in {m.text for m in args}
    assert all(m.text == m.text.strip() and text[m.start : m.end] == m.text for m in args), args


def test_every_argument_is_among_the_documents_mentions(extractor):
    """A document's mentions are every mention the graph files: each triple's arguments are among them
    (a name, or a group: "Police apprehended ..."), or refer to one that is (a resolved pronoun)."""
    texts = {path.name: path.read_text(encoding="utf-8") for path in SEEDS}
    texts["police"] = ("Vincent Ross of the Chargers was arrested on Tuesday . Police apprehended Ross at a bar , "
                       "and he later thanked Reuters news agency .")
    missing = []
    for result in extractor.analyse_many(texts.items()):
        spans = {(m.start, m.end) for m in result.mentions}
        missing += [f"{result.doc_id}: {arg.text!r} of {t.pattern}" for t in result.triples for arg in (t.subject, t.object)
                    if arg is not None and (arg.start, arg.end) not in spans
                    and (arg.antecedent.start, arg.antecedent.end) not in spans]
    assert not missing, "\n".join(missing[:20])
    police = next(r for r in extractor.analyse_many([("police", texts["police"])]))
    assert ("Police", "GROUP") in {(m.text, m.type) for m in police.mentions}
