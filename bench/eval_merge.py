"""Pairwise evaluation of entity resolution on a labelled set of name pairs.

``tests/data/merge_pairs.csv`` holds pairs of names, each labelled by reading the text
they come from (the four seed articles and ``../shared/data/bbc/articles.jsonl``) as the
same entity or not. The BBC articles the pairs come from are committed, byte for byte, in
``tests/data/bbc_sample.jsonl``, so this script (and ``tests/test_merge_eval.py``) runs
from the repository alone; the shared corpus is read only for an article the sample
lacks (a pair added from a new article: add that article to the sample too). Columns::

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
to the resolver as a defined acronym when the extractor's own test accepts it
(:func:`extract.mentions.abbreviates`).

Two measures are printed:

- **the resolver alone** (above): names pooled per group, no document order, so no
  in-document coreference; it also prints precision/recall for several values of
  ``SPELLING_THRESHOLD``;
- **the whole builder**: the extractor runs over the group's source documents (the
  ``source`` column: the seeds, or BBC article ids such as ``bbc:1108+1307``) and
  :meth:`graph.build.KnowledgeGraph.from_results` merges them, exactly as ``kg build``
  does. Each labelled name is found in the text (every whole-word occurrence); the entity
  mention inside an occurrence that is the same name (honorifics, titles and possessives
  aside) gives the node it went to (:meth:`~graph.build.KnowledgeGraph.node_for`: a
  surname resolved within its document goes to its full name's node), and a pair is
  judged "same" when the two names share a node. A name with no mention in the text
  (spaCy missed it) shares no node. Pairs with no source document, or with a name the
  documents do not contain as written, are left out of this measure.

Printed for both: pairwise precision and recall (positive class = "same"), the confusion
counts and every error with its note. Usage::

    .venv/bin/python bench/eval_merge.py [--pairs FILE] [--metonymy] [--names-only]
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
from extract.mentions import abbreviates  # noqa: E402  (the extractor's own test of an acronym)
from graph.resolve import NameStats, mention_key, resolve  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "merge_pairs.csv"
SEEDS = ROOT / "seeds"
BBC_SAMPLE = ROOT / "tests" / "data" / "bbc_sample.jsonl"
"""The BBC articles named in the ``source`` column of :data:`PAIRS`, copied from :data:`BBC`."""
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
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


def defined_acronyms(pairs: list[Pair]) -> dict[str, list[tuple[str, str, str]]]:
    """group -> (long, short, doc) for every 'defined: Long (SHORT)' note the extractor would find."""
    found: dict[str, set] = defaultdict(set)
    for p in pairs:
        m = _DEFINED.search(p.note)
        if m:
            long, short = m.group(1).strip(), m.group(2).strip()
            if len(short) >= 2 and abbreviates(short, long):
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


# --- the whole builder ---------------------------------------------------------------


def source_documents(source: str) -> list[str] | None:
    """The doc ids a ``source`` cell names: seed file names, or BBC ids; None for no document."""
    if source.startswith("seeds/"):
        return sorted(p.name for p in SEEDS.iterdir() if p.is_file())
    if source.startswith("bbc:"):
        return source[len("bbc:"):].split("+")
    return None


def bbc_ids(pairs: list[Pair]) -> set[str]:
    """The BBC article ids the pairs' ``source`` cells name."""
    return {d for p in pairs if p.source.startswith("bbc:") for d in source_documents(p.source)}


def load_texts(doc_ids: set[str], corpora: tuple[Path, ...] = (BBC_SAMPLE, BBC)) -> dict[str, str]:
    """The text of each doc id: the seed files, and the BBC articles by their ``id`` field,
    looked up in ``corpora`` in turn (a missing corpus file is passed over; the next one is
    read only for ids the previous ones lack)."""
    import json

    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir() if p.name in doc_ids}
    for corpus in corpora:
        if not (doc_ids - texts.keys()) or not corpus.exists():
            continue
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["id"] in doc_ids and row["id"] not in texts:
                    texts[row["id"]] = row["text"]
    missing = doc_ids - texts.keys()
    if missing:
        raise SystemExit(f"documents not found in {', '.join(map(str, corpora))}: {sorted(missing)}")
    return texts


def name_nodes(name: str, doc_ids: list[str], texts: dict[str, str], results: dict, kg) -> set[str] | None:
    """The nodes the builder gave ``name``: for each whole-word occurrence in the documents,
    the node of an entity mention inside it that is the same name once honorifics, titles,
    'the' and possessives are set aside ("Howard" in "Mr Howard"; not "Iraqi" in "Iraqi
    parliament"). None when the name does not occur in the documents at all.
    """
    from graph.resolve import normalise

    nodes, occurs = set(), False
    key = normalise(name)
    first = f"[{name[0].upper()}{name[0].lower()}]" if name[:1].isalpha() else re.escape(name[:1])  # "The Netherlands"
    pattern = re.compile(r"(?<!\w)" + first + re.escape(name[1:]) + r"(?!\w)")
    for doc_id in doc_ids:
        mentions = results[doc_id].mentions
        for occurrence in pattern.finditer(texts[doc_id]):
            occurs = True
            start, end = occurrence.span()
            for m in mentions:
                if start <= m.start and m.end <= end and normalise(m.text) == key:
                    node = kg.node_for(m)
                    if node:
                        nodes.add(node)
    return nodes if occurs else None


@dataclass
class BuilderScore(Score):
    judged: int = 0  # pairs whose two names occur in their source documents
    not_found: set = field(default_factory=set)  # (group, name) with no mention in the text
    absent: set = field(default_factory=set)  # (group, name) not written in the source documents at all


def evaluate_builder(pairs: list[Pair], *, metonymy: bool = False,
                     corpora: tuple[Path, ...] = (BBC_SAMPLE, BBC)) -> BuilderScore:
    """Score the whole builder (extractor and merge) on the pairs that have source documents
    (the BBC ones read from ``corpora``, as :func:`load_texts` does)."""
    from extract import Extractor
    from graph.build import KnowledgeGraph

    by_group: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_group[p.group].append(p)
    docs_of = {g: source_documents(ps[0].source) for g, ps in by_group.items()}
    wanted = {d for docs in docs_of.values() if docs for d in docs}
    texts = load_texts(wanted, corpora)
    results = {r.doc_id: r for r in Extractor().analyse_many(sorted(texts.items()))}
    s = BuilderScore()
    for group, group_pairs in sorted(by_group.items()):
        docs = docs_of[group]
        if not docs:
            continue
        kg = KnowledgeGraph.from_results([results[d] for d in docs], metonymy=metonymy)
        nodes = {}
        for p in group_pairs:
            for name in (p.name_a, p.name_b):
                if name not in nodes:
                    nodes[name] = name_nodes(name, docs, texts, results, kg)
                    if nodes[name] is None:
                        s.absent.add((group, name))
                    elif not nodes[name]:
                        s.not_found.add((group, name))
        judged = [p for p in group_pairs if nodes[p.name_a] is not None and nodes[p.name_b] is not None]
        s.judged += len(judged)
        scored = score(judged, [bool(nodes[p.name_a] & nodes[p.name_b]) for p in judged])
        s.tp, s.fp, s.fn, s.tn = s.tp + scored.tp, s.fp + scored.fp, s.fn + scored.fn, s.tn + scored.tn
        s.errors += scored.errors
    return s


def print_errors(s: Score) -> None:
    print(f"\nerrors ({len(s.errors)}):")
    for p, predicted in sorted(s.errors, key=lambda e: (e[1], e[0].group)):
        kind = "FP (merged, different)" if predicted else "FN (apart, same)"
        print(f"  {kind:23} [{p.group}] {p.name_a!r}/{p.type_a} ~ {p.name_b!r}/{p.type_b}: {p.note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--metonymy", action="store_true", help="resolve with the metonymy option (labels assume it off)")
    ap.add_argument("--names-only", action="store_true", help="only the resolver on the names (no parsing)")
    args = ap.parse_args(argv)
    pairs = load_pairs(args.pairs)
    s = evaluate(pairs, metonymy=args.metonymy)
    positives = sum(p.same for p in pairs)
    print(f"{len(pairs)} pairs in {len({p.group for p in pairs})} groups: {positives} same, {len(pairs) - positives} different")
    print("\n== the resolver alone (names pooled per group, no document context) ==")
    print(f"SPELLING_THRESHOLD = {resolver.SPELLING_THRESHOLD:g}{'  (metonymy on)' if args.metonymy else ''}")
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}   (targets: >= {TARGET_PRECISION}, >= {TARGET_RECALL})")
    print(f"confusion: TP {s.tp}  FP {s.fp}  FN {s.fn}  TN {s.tn}")
    held = ambiguous_misses(pairs, s)
    print(f"of the {s.fn} misses, {len(held)} are short names left apart as ambiguous (two or more full names fit"
          f" in the group); counting those as abstentions, recall would be {s.tp / (s.tp + s.fn - len(held)):.3f}")
    print_errors(s)
    print("\nSPELLING_THRESHOLD sweep:")
    print("  threshold  precision  recall    TP  FP  FN")
    for t, st in sweep(pairs):
        print(f"  {t:9g}  {st.precision:9.3f}  {st.recall:6.3f}  {st.tp:4d} {st.fp:3d} {st.fn:3d}")
    if args.names_only:
        return 0

    b = evaluate_builder(pairs, metonymy=args.metonymy)
    print("\n== the whole builder (extraction with in-document coreference, then the merge) ==")
    print(f"{b.judged} pairs judged; {len(pairs) - b.judged} left out: no source document, or a name the "
          f"documents do not contain as written ({len(b.absent)} names)")
    print(f"precision {b.precision:.3f}  recall {b.recall:.3f}   (targets: >= {TARGET_PRECISION}, >= {TARGET_RECALL})")
    print(f"confusion: TP {b.tp}  FP {b.fp}  FN {b.fn}  TN {b.tn}")
    print(f"names not written in their group's documents: {len(b.absent)}")
    for group, name in sorted(b.absent):
        print(f"  [{group}] {name!r}")
    print(f"names with no entity mention in the text (spaCy missed them): {len(b.not_found)}")
    for group, name in sorted(b.not_found):
        print(f"  [{group}] {name!r}")
    print_errors(b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
