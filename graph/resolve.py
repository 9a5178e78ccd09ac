"""Entity resolution across documents: which names are one real entity.

Each rule is a named function; :func:`resolve` applies them in order and records every
decision (merge, refusal, ambiguity) in a merge log a user can read:

1. :func:`normalise` — case, apostrophes, possessives, a leading "the", honorifics and
   titles, hyphens: "Mr. Kadhimi" and "Kadhimi" share a key.
2. :func:`country_key` — "US", "U.S.", "United States", "America" and the demonym
   "American" are one country (``extract/data/countries.tsv`` and ``demonyms.tsv``).
3. :func:`institution_key` — "Iraq’s parliament", "the Iraqi parliament".
4. acronyms the documents define ("Popular Mobilization Units (PMUs)").
5. :func:`same_person_variant` — transliterations ("Qasem" / "Qassem Soleimani"), never
   two different given names, never short strings or abbreviations.
6. :func:`attach_short_names` — "Kadhimi" joins "Mustafa al-Kadhimi" when exactly one
   known full name fits; with two candidates it stays apart and is logged as ambiguous.
7. the user's aliases file, which overrides every rule.

A cluster's type is a vote over its mentions, where PERSON evidence (honorifics,
person names) outweighs spaCy's occasional ORG tag on a surname.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extract import lexicon
from extract.coref import name_key

SPELLING_THRESHOLD = 85.0
"""rapidfuzz ratio above which two given names are spellings of one name (see bench/eval_merge.py)."""
MIN_FUZZY_LENGTH = 5
PERSON_VOTE_WEIGHT = 2  # spaCy tags surnames ORG far more often than it tags organisations PERSON

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})


def normalise(name: str) -> str:
    """The comparison key of a name.

    >>> normalise("the Iraqi Parliament’s")
    'iraqi parliament'
    >>> normalise("Mr. Abdul-Mahdi")
    'abdul mahdi'
    """
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s)
    words = s.split()
    while len(words) > 1 and (words[0].lower() in ("the", "a", "an") or words[0].lower() in lexicon.honorifics()
                              or words[0].lower() in lexicon.titles()):
        words = words[1:]
    s = " ".join(words).lower().replace("-", " ")
    return re.sub(r"\s+", " ", s).strip()


def country_key(name: str) -> str | None:
    """The canonical country for any of its names or demonyms ('U.S.' -> 'United States')."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s).strip()
    low = s.lower()
    return lexicon.country_aliases().get(low) or lexicon.demonyms().get(low) or lexicon.country_aliases().get(
        re.sub(r"^the ", "", low)
    )


def institution_key(name: str) -> str | None:
    """'Iraq’s parliament' and 'the Iraqi Parliament' -> 'Iraq parliament'."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    m = re.match(r"^(?:the\s+)?(.+?)(?:'s?)?\s+(\w+)$", s, re.IGNORECASE)
    if not m or m.group(2).lower() not in lexicon.institutions():
        return None
    country = country_key(m.group(1))
    return f"{country} {m.group(2).lower()}" if country else None


def is_abbreviation(name: str) -> bool:
    """'U.N.', 'ISIS', 'PMUs': short or capitalised forms that only ever match exactly."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(letters) <= 5 and (name.isupper() or "." in name or letters[:-1].isupper())


def same_person_variant(a: str, b: str) -> tuple[bool, float]:
    """Are two multi-word person names spellings of one name? Returns (verdict, score).

    Surnames must match by key; each given name must be a near spelling of the other
    ("Qasem" / "Qassem"): "Adel Abdul-Mahdi" and "Abu Mahdi al-Muhandis", or "John Smith"
    and "Jane Smith", never merge.
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or name_key(wa[-1]) != name_key(wb[-1]):
        return False, 0.0
    given_a, given_b = " ".join(wa[:-1]), " ".join(wb[:-1])
    if min(len(given_a), len(given_b)) < 3:
        return given_a == given_b, 100.0 if given_a == given_b else 0.0
    score = fuzz.ratio(given_a, given_b)
    return score >= SPELLING_THRESHOLD and given_a[0] == given_b[0], score


@dataclass
class MergeRecord:
    """One decision of the resolver, as written to ``merges.jsonl``."""

    action: str  # "merge", "refuse" or "ambiguous"
    names: list[str]
    rule: str
    score: float | None = None
    docs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"action": self.action, "names": self.names, "rule": self.rule, "score": self.score, "docs": self.docs}


@dataclass
class Aliases:
    """A user's overrides: groups of names that are one entity, and pairs that never are."""

    same: list[list[str]] = field(default_factory=list)
    never: list[list[str]] = field(default_factory=list)


class _UnionFind:
    """Clusters of keys, with pairs that must never end up in one cluster."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.groups: dict[str, set[str]] = {}
        self.never: set[frozenset[str]] = set()

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.groups[x] = {x}
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def blocked(self, a: str, b: str) -> bool:
        ma, mb = self.groups[self.find(a)], self.groups[self.find(b)]
        return any(frozenset((x, y)) in self.never for x in ma for y in mb)

    def union(self, a: str, b: str) -> bool:
        """Join the clusters of a and b; False (and nothing done) when a 'never' pair forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.never and self.blocked(a, b):
            return False
        ra, rb = sorted((ra, rb))  # deterministic roots
        self.parent[rb] = ra
        self.groups[ra] |= self.groups.pop(rb)
        return True


@dataclass
class NameStats:
    """What the corpus says about one key: its spellings, types and documents."""

    spellings: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    """The resolver's answer: key -> cluster root, and the log of decisions."""

    root_of: dict[str, str]
    clusters: dict[str, list[str]]
    log: list[MergeRecord]

    def cluster(self, key: str) -> str:
        return self.root_of[key]


def mention_key(text: str, type_: str) -> str:
    """The key a surface name is filed under before clustering."""
    if type_ in ("GPE", "NORP", "LOC", "ORG"):
        country = country_key(text)
        if country:
            return f"country:{country.lower()}"
        inst = institution_key(text)
        if inst:
            return f"inst:{inst.lower()}"
    return f"name:{normalise(text)}"


def _name_words(key: str) -> list[str]:
    """The comparable words of a name key: 'name:mustafa al kadhimi' -> ['mustafa', 'kadhimi']."""
    return [name_key(w) for w in key.split(":", 1)[1].split() if w not in ("al", "el", "bin", "ibn")]


def attach_short_names(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """A shorter person name joins the one full name it ends ("Kadhimi", "Abdul Mahdi").

    With no surname match, a single word joins the one full name it begins ("Saddam" ->
    "Saddam Hussein"). Two or more candidates: left apart and logged as ambiguous.
    """
    # index the full names by their last one or two words, and by their first word
    by_ending: dict[tuple[str, ...], list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for k, st in stats.items():
        words = _name_words(k) if k.startswith("name:") else []
        if len(words) >= 2 and _vote(st.types) == "PERSON":
            for n in (1, 2):
                if len(words) > n:
                    by_ending[tuple(words[-n:])].append(k)
            by_first[words[0]].append(k)
    for key, st in sorted(stats.items()):
        words = _name_words(key) if key.startswith("name:") else []
        if not words or len(words) > 2:
            continue
        roots = {uf.find(k) for k in by_ending.get(tuple(words), [])}
        rule = "short_name"
        if not roots and len(words) == 1:
            roots = {uf.find(k) for k in by_first.get(words[0], [])}
            rule = "given_name"
        if not roots or (st.types["PERSON"] == 0 and len(words) > 1):
            continue
        name = st.spellings.most_common(1)[0][0]
        if len(roots) == 1:
            root = next(iter(roots))
            names = [name, _best(stats, uf, root)]
            ok = uf.union(key, root)
            log.append(MergeRecord("merge" if ok else "refuse", names, rule if ok else "aliases_never", None, sorted(st.docs)))
        else:
            names = [name] + sorted(_best(stats, uf, r) for r in roots)
            log.append(MergeRecord("ambiguous", names, rule, None, sorted(st.docs)))


def _best(stats: dict[str, NameStats], uf: _UnionFind, root: str) -> str:
    """The most frequent spelling of the key a cluster is rooted at (cheap: no member scan)."""
    st = stats.get(root)
    return st.spellings.most_common(1)[0][0] if st and st.spellings else root


def _vote(types: Counter) -> str:
    weighted = Counter({t: n * (PERSON_VOTE_WEIGHT if t == "PERSON" else 1) for t, n in types.items()})
    if not weighted:
        return "ORG"
    best = max(weighted.values())
    return sorted(t for t, n in weighted.items() if n == best)[0]


def cluster_type(types: Counter) -> str:
    """A cluster's type: the weighted vote of its mentions' types; a demonym's country is a GPE."""
    return _vote(types)


def resolve(
    stats: dict[str, NameStats], acronyms: list[tuple[str, str, str]] = (), aliases: Aliases | None = None
) -> Resolution:
    """Cluster the keys of ``stats`` (see the module docstring for the rules, in order).

    ``acronyms`` are (long form, short form, doc id) triples the documents define.
    """
    uf = _UnionFind()
    log: list[MergeRecord] = []
    for key in stats:
        uf.find(key)
    aliases = aliases or Aliases()
    key_of_name = {}
    for key, st in stats.items():
        for s in st.spellings:
            key_of_name.setdefault(s.lower(), key)
            key_of_name.setdefault(normalise(s), key)

    def key_for(name: str) -> str | None:
        return key_of_name.get(name.lower()) or key_of_name.get(normalise(name))

    for a, b in (pair for group in aliases.never for pair in _pairs(group)):
        ka, kb = key_for(a), key_for(b)
        if ka and kb:
            uf.never.add(frozenset((ka, kb)))

    for long, short, doc in sorted(set(acronyms)):
        kl, ks = key_for(long), key_for(short) or key_for(short.rstrip("s"))
        if kl and ks and kl != ks:
            ok = uf.union(kl, ks)
            log.append(MergeRecord("merge" if ok else "refuse", [long, short], "acronym" if ok else "aliases_never", None, [doc]))

    persons = sorted(k for k, st in stats.items() if k.startswith("name:") and _vote(st.types) == "PERSON" and len(_name_words(k)) >= 2)
    by_surname = defaultdict(list)
    for k in persons:
        by_surname[_name_words(k)[-1]].append(k)
    for group in by_surname.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                wa, wb = _name_words(a), _name_words(b)
                if wa[-len(wb):] == wb or wb[-len(wa):] == wa:
                    continue  # a shorter form of the other: attach_short_names decides
                na, nb = a.split(":", 1)[1], b.split(":", 1)[1]
                same, score = same_person_variant(na, nb)
                names = [stats[a].spellings.most_common(1)[0][0], stats[b].spellings.most_common(1)[0][0]]
                docs = sorted(stats[a].docs | stats[b].docs)
                if same and len(na) >= MIN_FUZZY_LENGTH:
                    ok = uf.union(a, b)
                    log.append(MergeRecord("merge" if ok else "refuse", names, "spelling_variant" if ok else "aliases_never", round(score, 1), docs))
                elif score > 50:
                    log.append(MergeRecord("refuse", names, "different_given_names", round(score, 1), docs))

    attach_short_names(uf, stats, log)

    for group in aliases.same:
        keys = [k for k in (key_for(n) for n in group) if k]
        for k in keys[1:]:
            uf.never.discard(frozenset((keys[0], k)))
            uf.union(keys[0], k)
        if len(keys) > 1:
            log.append(MergeRecord("merge", list(group), "aliases_file", None, []))

    root_of = {k: uf.find(k) for k in stats}
    clusters: dict[str, list[str]] = defaultdict(list)
    for k, r in root_of.items():
        clusters[r].append(k)
    return Resolution(root_of, dict(clusters), log)


def _pairs(group: list[str]):
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            yield a, b
