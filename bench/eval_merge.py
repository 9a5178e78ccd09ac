"""Pairwise evaluation of entity resolution on a labelled set of name pairs.

``tests/data/merge_pairs.csv`` holds pairs of names, each labelled by reading the text
they come from (the four seed articles and ``../shared/data/bbc/articles.jsonl``) as the
same entity or not. Columns::

    group,name_a,type_a,name_b,type_b,same,source,note

``group`` is a context: all the names of one group are resolved together as one small
corpus (the names found in one article, or in a few articles of one story), which is how
short-name ambiguity arises. The types are the ones spaCy's small English model gives
the names in that text (its majority tag; "Mr X" is PERSON, as the extractor makes it),
so its mistakes (a surname tagged ORG, a club tagged PERSON) are part of the test.

For each group this script builds one :class:`~graph.resolve.NameStats` per key, the way
:mod:`graph.build` does, counting each distinct (name, type) once, and runs
:func:`~graph.resolve.resolve`. A pair is judged "same" when both names end in one
cluster. The extractor's acronym finder is stood in for by the notes: a note
``defined: Long Form (LF)`` says the article writes exactly that, and the pair is passed
to the resolver as a defined acronym when the extractor's own initials test accepts it.

Printed: pairwise precision and recall (positive class = "same"), the confusion counts,
every error with its note, and precision/recall for several values of
``SPELLING_THRESHOLD``. Usage::

    .venv/bin/python bench/eval_merge.py [--pairs FILE] [--metonymy]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import graph.resolve as resolver  # noqa: E402
from graph.resolve import NameStats, mention_key, resolve  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "merge_pairs.csv"
SWEEP = (75.0, 80.0, 85.0, 90.0, 95.0)
TARGET_PRECISION = 0.98
TARGET_RECALL = 0.90

_DEFINED = re.compile(r"defined:\s*(.+?)\s*\(([^()]+)\)")


@dataclass(frozen=True)
class Pair:
    group: str
    name_a: str
    type_a: str
    name_b: str
    type_b: str
    same: bool
    source: str
    note: str


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[tuple[Pair, bool]] = field(default_factory=list)  # (pair, predicted same)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pairs = []
    for row in rows:
        if row["same"] not in ("0", "1"):
            raise ValueError(f"{path}: 'same' must be 0 or 1, got {row['same']!r}")
        pairs.append(Pair(row["group"], row["name_a"], row["type_a"], row["name_b"], row["type_b"],
                          row["same"] == "1", row["source"], row["note"]))
    return pairs


def _initials(long_form: str) -> str:
    """The initials of the capitalised words, as ``extract.mentions._find_acronyms`` takes them."""
    return "".join(w[0] for w in long_form.split() if w[:1].isupper())


def defined_acronyms(pairs: list[Pair]) -> dict[str, list[tuple[str, str, str]]]:
    """group -> (long, short, doc) for every 'defined: Long (SHORT)' note the extractor would find."""
    found: dict[str, set] = defaultdict(set)
    for p in pairs:
        m = _DEFINED.search(p.note)
        if m:
            long, short = m.group(1).strip(), m.group(2).strip()
            if len(short) >= 2 and _initials(long) == short.rstrip("s"):
                found[p.group].add((long, short, p.group))
    return {g: sorted(v) for g, v in found.items()}


def group_stats(pairs: list[Pair]) -> dict[str, dict[str, NameStats]]:
    """group -> key -> NameStats, each distinct (name, type) of the group counted once."""
    mentions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in pairs:
        mentions[p.group].update({(p.name_a, p.type_a), (p.name_b, p.type_b)})
    out: dict[str, dict[str, NameStats]] = {}
    for group, names in mentions.items():
        stats: dict[str, NameStats] = defaultdict(NameStats)
        for name, type_ in sorted(names):
            key = mention_key(name, type_)
            st = stats[key]
            st.spellings[name] += 1
            st.types["GPE" if key.startswith("country:") else type_] += 1
            st.docs.add(group)
        out[group] = dict(stats)
    return out


@contextmanager
def spelling_threshold(value: float | None):
    """Run with ``graph.resolve.SPELLING_THRESHOLD`` set to ``value`` (None: unchanged)."""
    old = resolver.SPELLING_THRESHOLD
    if value is not None:
        resolver.SPELLING_THRESHOLD = value
    try:
        yield
    finally:
        resolver.SPELLING_THRESHOLD = old


def resolve_groups(pairs: list[Pair], *, threshold: float | None = None, metonymy: bool = False) -> dict:
    """group -> :class:`~graph.resolve.Resolution` of the group's names."""
    stats_by_group = group_stats(pairs)
    acronyms = defined_acronyms(pairs)
    out = {}
    with spelling_threshold(threshold):
        for group, stats in stats_by_group.items():
            out[group] = resolve(stats, acronyms.get(group, []), metonymy=metonymy)
    return out


def predict(pairs: list[Pair], *, threshold: float | None = None, metonymy: bool = False) -> list[bool]:
    """For each pair, whether the resolver puts both names in one cluster."""
    res = resolve_groups(pairs, threshold=threshold, metonymy=metonymy)
    return [res[p.group].root_of[mention_key(p.name_a, p.type_a)] == res[p.group].root_of[mention_key(p.name_b, p.type_b)]
            for p in pairs]


def ambiguous_misses(pairs: list[Pair], s: Score) -> list[Pair]:
    """The missed pairs one of whose names the resolver logged as ambiguous (two or more
    full names fit it, so the rules leave it apart on purpose)."""
    res = resolve_groups(pairs)
    ambiguous = {(g, rec.names[0]) for g, r in res.items() for rec in r.log if rec.action == "ambiguous"}
    return [p for p, predicted in s.errors if p.same and not predicted
            and ((p.group, p.name_a) in ambiguous or (p.group, p.name_b) in ambiguous)]


def score(pairs: list[Pair], predictions: list[bool]) -> Score:
    s = Score()
    for p, same in zip(pairs, predictions):
        if p.same and same:
            s.tp += 1
        elif p.same:
            s.fn += 1
            s.errors.append((p, same))
        elif same:
            s.fp += 1
            s.errors.append((p, same))
        else:
            s.tn += 1
    return s


def evaluate(pairs: list[Pair] | None = None, *, threshold: float | None = None, metonymy: bool = False) -> Score:
    pairs = load_pairs() if pairs is None else pairs
    return score(pairs, predict(pairs, threshold=threshold, metonymy=metonymy))


def sweep(pairs: list[Pair], thresholds=SWEEP) -> list[tuple[float, Score]]:
    return [(t, evaluate(pairs, threshold=t)) for t in thresholds]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--metonymy", action="store_true", help="resolve with the metonymy option (labels assume it off)")
    args = ap.parse_args(argv)
    pairs = load_pairs(args.pairs)
    s = evaluate(pairs, metonymy=args.metonymy)
    positives = sum(p.same for p in pairs)
    print(f"{len(pairs)} pairs in {len({p.group for p in pairs})} groups: {positives} same, {len(pairs) - positives} different")
    print(f"SPELLING_THRESHOLD = {resolver.SPELLING_THRESHOLD:g}{'  (metonymy on)' if args.metonymy else ''}")
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}   (targets: >= {TARGET_PRECISION}, >= {TARGET_RECALL})")
    print(f"confusion: TP {s.tp}  FP {s.fp}  FN {s.fn}  TN {s.tn}")
    held = ambiguous_misses(pairs, s)
    print(f"of the {s.fn} misses, {len(held)} are short names left apart as ambiguous (two or more full names fit"
          f" in the group); counting those as abstentions, recall would be {s.tp / (s.tp + s.fn - len(held)):.3f}")
    print(f"\nerrors ({len(s.errors)}):")
    for p, predicted in sorted(s.errors, key=lambda e: (e[1], e[0].group)):
        kind = "FP (merged, different)" if predicted else "FN (apart, same)"
        print(f"  {kind:23} [{p.group}] {p.name_a!r}/{p.type_a} ~ {p.name_b!r}/{p.type_b}: {p.note}")
    print("\nSPELLING_THRESHOLD sweep:")
    print("  threshold  precision  recall    TP  FP  FN")
    for t, st in sweep(pairs):
        print(f"  {t:9g}  {st.precision:9.3f}  {st.recall:6.3f}  {st.tp:4d} {st.fp:3d} {st.fn:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
