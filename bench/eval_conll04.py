"""Score the extractor zero-shot on CoNLL04's Work_For and Kill relations.

    python bench/eval_conll04.py [train | dev | PATH] [--out ERRORS.jsonl]

The protocol is the one in ``../shared/README.md``:

- Work_For is a ``role`` triple whose object is an ORG;
- Kill is an ``action`` triple whose predicate is a verb of killing (``extract/data/verbs.tsv``);
- a prediction matches a gold relation of the same type when its subject span overlaps the
  gold head and its object span overlaps the gold tail; negated triples do not count.

Beside the extractor the script scores a PERSON x ORG co-occurrence baseline on spaCy's own
entities, so the comparison with the README's reference figures can be reproduced.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract import Extractor
from extract.lexicon import killing_verbs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "conll04"
RELATIONS = ("Work_For", "Kill")
REFERENCE = (
    ("Work_For", "PERSON x ORG co-occurrence baseline", "P 28, R 71, F1 ~40"),
    ("Kill", "textacy subject-verb-object triples", "F1 ~7"),
)


@dataclass(frozen=True)
class Relation:
    """A typed link between two character spans of one sentence, gold or predicted.

    Only ``type``, ``subject`` and ``object`` take part in equality, so a set of relations
    holds one per (type, subject span, object span).
    """

    type: str
    subject: tuple[int, int]
    object: tuple[int, int]
    subject_text: str = field(default="", compare=False)
    object_text: str = field(default="", compare=False)
    pattern: str = field(default="", compare=False)
    predicate: str = field(default="", compare=False)

    def matches(self, other: Relation) -> bool:
        """Same type, and both argument spans overlap."""
        return self.type == other.type and _overlap(self.subject, other.subject) and _overlap(self.object, other.object)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one relation type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Error:
    """One false positive or false negative."""

    sentence_id: str
    kind: str  # "fp" or "fn"
    relation: Relation


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def resolve_split(split_or_path: str) -> Path:
    """``train`` or ``dev`` -> the shared CoNLL04 file; anything else is taken as a path."""
    if split_or_path in ("train", "dev"):
        return DATA / f"{split_or_path}.jsonl"
    return Path(split_or_path)


def load_split(split_or_path: str | Path) -> list[dict]:
    """The sentences of a CoNLL04 JSONL file (``train``, ``dev`` or a path), one dict each."""
    path = resolve_split(str(split_or_path))
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_relations(sentence: dict) -> list[Relation]:
    """The sentence's Work_For and Kill relations, with the head and tail as character spans."""
    entities = sentence["entities"]
    found = []
    for rel in sentence["relations"]:
        if rel["type"] not in RELATIONS:
            continue
        head, tail = entities[rel["head"]], entities[rel["tail"]]
        found.append(
            Relation(
                rel["type"],
                (head["char_start"], head["char_end"]),
                (tail["char_start"], tail["char_end"]),
                head["text"],
                tail["text"],
            )
        )
    return list(dict.fromkeys(found))


def predicted_relations(triples: Iterable, kill_verbs: frozenset[str]) -> list[Relation]:
    """Map triples to Work_For / Kill relations, drop negated ones, keep one per (type, spans).

    A role with an ORG object is Work_For; an action whose predicate is in ``kill_verbs``
    and that has an object is Kill. Spans are the mentions' own offsets (never ``refers_to``).
    """
    found = []
    for t in triples:
        if t.negated or t.object is None:
            continue
        if t.kind == "role" and t.object.type == "ORG":
            rel_type = "Work_For"
        elif t.kind == "action" and t.predicate in kill_verbs:
            rel_type = "Kill"
        else:
            continue
        found.append(
            Relation(
                rel_type,
                (t.subject.start, t.subject.end),
                (t.object.start, t.object.end),
                t.subject.text,
                t.object.text,
                t.pattern,
                t.predicate,
            )
        )
    return list(dict.fromkeys(found))


def score(
    gold: dict[str, list[Relation]], predicted: dict[str, list[Relation]]
) -> tuple[dict[str, Counts], list[Error]]:
    """Counts per relation type, and the errors, over sentences keyed by id.

    A gold relation is a true positive if any prediction matches it, else a false negative;
    a prediction that matches no gold relation is a false positive. (A second prediction
    matching an already-found gold relation is neither.)
    """
    counts = {rel_type: Counts() for rel_type in RELATIONS}
    errors = []
    for sid in gold.keys() | predicted.keys():
        golds, preds = gold.get(sid, []), predicted.get(sid, [])
        for g in golds:
            if any(p.matches(g) for p in preds):
                counts[g.type].tp += 1
            else:
                counts[g.type].fn += 1
                errors.append(Error(sid, "fn", g))
        for p in preds:
            if not any(p.matches(g) for g in golds):
                counts[p.type].fp += 1
                errors.append(Error(sid, "fp", p))
    return counts, sorted(errors, key=lambda e: (e.sentence_id, e.relation.type, e.kind))


def cooccurrence_relations(doc) -> list[Relation]:
    """Baseline: every PERSON x every ORG entity of a spaCy ``Doc`` as Work_For."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    orgs = [e for e in doc.ents if e.label_ == "ORG"]
    return [
        Relation("Work_For", (p.start_char, p.end_char), (o.start_char, o.end_char), p.text, o.text, "cooccurrence")
        for p in people
        for o in orgs
    ]


def format_table(title: str, counts: dict[str, Counts], rows: Iterable[str] = RELATIONS) -> str:
    """A plain-text table of TP, FP, FN, P, R and F1 per relation, and micro-averaged."""
    lines = [title, f"{'relation':<10} {'TP':>5} {'FP':>5} {'FN':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    rows = list(rows)
    total = sum((counts[r] for r in rows), Counts())
    for name, c in [(r, counts[r]) for r in rows] + ([("micro", total)] if len(rows) > 1 else []):
        lines.append(
            f"{name:<10} {c.tp:>5} {c.fp:>5} {c.fn:>5} "
            f"{100 * c.precision:>6.1f} {100 * c.recall:>6.1f} {100 * c.f1:>6.1f}"
        )
    return "\n".join(lines)


def write_errors(path: Path, errors: list[Error], texts: dict[str, str]) -> None:
    """One JSON line per error: sentence, relation, fp/fn, subject and object text (and rule for FPs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for e in errors:
            r = e.relation
            row = {
                "id": e.sentence_id,
                "text": texts[e.sentence_id],
                "relation": r.type,
                "kind": e.kind,
                "subject": r.subject_text,
                "object": r.object_text,
            }
            if e.kind == "fp":
                row |= {"pattern": r.pattern, "predicate": r.predicate}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", nargs="?", default="dev", help="train, dev (default) or a CoNLL04 JSONL path")
    parser.add_argument("--out", type=Path, help="errors file (default bench/results/conll04_<split>_errors.jsonl)")
    args = parser.parse_args(argv)

    path = resolve_split(args.split)
    if not path.exists():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    sentences = load_split(path)
    texts = {s["id"]: s["text"] for s in sentences}
    gold = {s["id"]: gold_relations(s) for s in sentences}
    out = args.out or ROOT / "bench" / "results" / f"conll04_{path.stem}_errors.jsonl"

    ex = Extractor()
    kill = killing_verbs()
    started = time.perf_counter()
    predicted = {sid: predicted_relations(triples, kill) for sid, triples in ex.extract_many(texts.items(), batch_size=64)}
    extract_seconds = time.perf_counter() - started
    counts, errors = score(gold, predicted)

    started = time.perf_counter()
    baseline = {s["id"]: cooccurrence_relations(doc) for s, doc in zip(sentences, ex.nlp.pipe(texts.values()))}
    baseline_seconds = time.perf_counter() - started
    baseline_counts, _ = score(gold, baseline)

    print(f"CoNLL04 {path}: {len(sentences)} sentences, pipeline {ex.pipeline}\n")
    print(format_table(f"Extractor ({extract_seconds:.1f} s)", counts))
    print()
    print(format_table(f"PERSON x ORG co-occurrence baseline, spaCy entities ({baseline_seconds:.1f} s)", baseline_counts, ["Work_For"]))
    print("\nReference figures from ../shared/README.md (dev):")
    for rel_type, system, figure in REFERENCE:
        print(f"  {rel_type:<10} {system}: {figure}")
    write_errors(out, errors, texts)
    print(f"\n{len(errors)} errors written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
