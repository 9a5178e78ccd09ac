"""Entity resolution across documents: which names are one real entity.

Each rule is a named function; :func:`resolve` applies them in order and records every
decision (merge, refusal, ambiguity) in a merge log a user can read:

1. :func:`normalise` — case, apostrophes, possessives, a leading "the", honorifics and
   titles, dots, hyphens: "Mr. Kadhimi" and "Kadhimi" share a key.
2. :func:`country_key` — "US", "U.S.", "United States", "America" and the demonym
   "American" are one country (``extract/data/countries.tsv`` and ``demonyms.tsv``).
3. :func:`institution_key` — "Iraq’s parliament", "the Iraqi parliament".
4. acronyms the documents define ("Popular Mobilization Units (PMUs)").
5. :func:`compact_key` — spacing variants: "TimeWarner" / "Time Warner", "JPMorgan".
6. :func:`same_person_variant` — transliterations ("Qasem" / "Qassem Soleimani") and
   misspelt surnames ("Charles Clark" / "Charles Clarke"), never two different given
   names, never short strings or abbreviations.
7. :func:`contraction_of` — "Lib Dems" / "Liberal Democrats", "Man Utd" / "Manchester United".
8. :func:`initials_of` — an abbreviation joins the one name it abbreviates that occurs in
   the same document ("SEC" / "Securities and Exchange Commission"; "U.N." is never "U.S.").
   :func:`merge_company_suffixes` — "UFJ Holdings" / "UFJ", "BP plc" / "BP";
   :func:`merge_party_names` — "Tory" / "Tories" / "Conservative Party".
9. :func:`attach_short_names` — "Kadhimi" joins "Mustafa al-Kadhimi" when exactly one
   known full name fits ("J Thomas" joins the one Thomas whose given name starts with J; an
   organisation's last word joins it: "Boerse" / "Deutsche Boerse"); with two candidates it
   stays apart and is logged as ambiguous.
10. optionally, :func:`capital_country` — metonymy: "Washington" for the United States.
11. the user's aliases file, which overrides every rule.

A cluster's type is a vote over its mentions, where PERSON evidence (honorifics,
person names) outweighs spaCy's occasional ORG tag on a surname.

The thresholds are measured on ``tests/data/merge_pairs.csv`` with ``bench/eval_merge.py``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from extract import lexicon
from extract.coref import is_name_word, name_key

SPELLING_THRESHOLD = 80.0
"""rapidfuzz ``fuzz.ratio`` (0-100) from which two given names (or, with the same given name,
two surnames) are spellings of one name.

Chosen on the labelled pairs of ``tests/data/merge_pairs.csv`` (``bench/eval_merge.py``
prints the sweep): the true variants there score 83.3 and up (Victor/Viktor,
Damien/Damian, Kirsty/Kisrty, Eliot/Elliot 90.9, Qasem/Qassem 90.9, Clark/Clarke 90.9) and
the closest different people 72.7 (Robin/Robbie Williams); 75 and 80 score the same, 85
loses the 83.3 variants with no precision gained. 80 sits in the gap, nearer the
variants than the look-alikes, and needs the first letters to agree as well.
"""
MIN_FUZZY_LENGTH = 5
def nickname_pair(a: str, b: str) -> bool:
    """Is one given name a short form of the other (or both of one full name)?"""
    if a == b or not a or not b:  # no given name (a one-word name) is nobody's short form
        return False
    names = lexicon.nicknames()  # extract/data/nicknames.tsv
    fa, fb = set(names.get(a, ())) | {a}, set(names.get(b, ())) | {b}
    return bool(fa & fb)


@lru_cache(maxsize=1)
def _known_given_names() -> frozenset[str]:
    """Every given name of ``extract/data/nicknames.tsv``, short or full."""
    return frozenset(n for short, fulls in lexicon.nicknames().items() for n in (short, *fulls))


PERSON_VOTE_WEIGHT = 2  # spaCy tags surnames ORG far more often than it tags organisations PERSON

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def normalise(name: str, titles: bool = True) -> str:
    """The comparison key of a name.

    Leading role titles are dropped only with ``titles`` (for person names): "General
    Motors" and "Premier League" keep their first word.

    >>> normalise("the Iraqi Parliament’s")
    'iraqi parliament'
    >>> normalise("Mr. Abdul-Mahdi")
    'abdul mahdi'
    >>> normalise("General Motors", titles=False)
    'general motors'
    """
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s)
    words = s.split()
    # a leading word goes only while a word with a letter or digit is left after it: tokenised
    # "Mr ." keeps "mr", as "Mr." does, rather than becoming the empty key
    while len(words) > 1 and any(_has_alnum(w) for w in words[1:]) and (
            words[0].lower() in ("the", "a", "an") or words[0].lower() in lexicon.honorifics()
            or (titles and words[0].lower() in lexicon.titles())):
        words = words[1:]
    s = " ".join(words).lower().replace("-", " ").replace(".", "")
    key = re.sub(r"\s+", " ", s).strip()
    if not _has_alnum(key):
        # nothing comparable is left ("'", "-", "'s", "."): the name is its own key, so that such
        # strings are not all filed under one empty key and merged into one entity
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)).strip().lower()
    return key


def _has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def country_key(name: str) -> str | None:
    """The canonical country for any of its names or demonyms ('U.S.' -> 'United States')."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s).strip()
    low = s.lower()
    aliases = lexicon.country_aliases()
    # mentions lose their "the" ("in the States" gives "States"), and a table row may keep it
    return aliases.get(low) or lexicon.demonyms().get(low) or aliases.get(re.sub(r"^the ", "", low)) or aliases.get(f"the {low}")


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def institution_key(name: str) -> str | None:
    """'Iraq’s parliament' and 'the Iraqi Parliament' -> 'Iraq parliament'."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    m = re.match(r"^(?:the\s+)?(.+?)(?:'s?)?\s+(\w+)$", s, re.IGNORECASE)
    if not m or m.group(2).lower() not in lexicon.institutions():
        return None
    country = country_key(m.group(1))
    return f"{country} {m.group(2).lower()}" if country else None


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,6}s?$")


def abbreviation_letters(name: str) -> str | None:
    """'U.K.' -> 'UK', 'PMUs' -> 'PMU', 'SEC' -> 'SEC'; None for anything not written as one."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s)
    if not _ABBREVIATION.match(s):
        return None
    return re.sub(r"[^A-Z]", "", s)


def initials_of(long_form: str) -> set[str]:
    """The abbreviations a name can be written as: its capitalised words' initials.

    Lower-case function words and '&' are skipped; a word written in capitals counts
    whole ('UK Athletics' -> 'UA', 'UKA'); a leading country may be left out ('US Food and
    Drug Administration' -> 'FDA').

    >>> sorted(initials_of("the Securities and Exchange Commission"))
    ['SEC']
    """
    s = unicodedata.normalize("NFKC", long_form).translate(_APOSTROPHES).strip()
    s = re.sub(r"'s?$", "", s)
    # only words that begin with a capital letter give a letter: an empty, punctuation-only
    # ("'" in "Workers ' Party") or digit word has none, so every word here has a w[0]
    words = [w for w in s.split() if w[:1].isupper()]
    if words and words[0].lower() == "the":
        words = words[1:]

    def both(ws: list[str]) -> set[str]:
        return {"".join(w[0] for w in ws),
                "".join(w if w.isalpha() and w.isupper() else w[0] for w in ws).upper()}

    found = both(words)
    if len(words) > 2 and country_key(words[0]):
        found |= both(words[1:])
    return {f for f in found if len(f) >= 2}


def same_person_variant(a: str, b: str) -> tuple[bool, float]:
    """Are two multi-word person names spellings of one name? Returns (verdict, score).

    With one surname (by key), each given name must be a near spelling of the other
    ("Qasem" / "Qassem") or a short form of it (``extract/data/nicknames.tsv``: "Dave" / "David"):
    "Adel Abdul-Mahdi" and "Abu Mahdi al-Muhandis", or "John Smith" and "Jane Smith", never
    merge. With one given name, the surnames may be near
    spellings ("Charles Clark" / "Charles Clarke"). Never both at once, never short words,
    never near numbers ("12345" is not "12346").
    """
    wa, wb = _person_words(a), _person_words(b)
    if len(wa) < 2 or len(wb) < 2:
        return False, 0.0
    given_a, given_b = " ".join(wa[:-1]), " ".join(wb[:-1])
    sur_a, sur_b = name_key(wa[-1]), name_key(wb[-1])
    if sur_a != sur_b:
        if given_a != given_b or min(len(sur_a), len(sur_b)) < MIN_FUZZY_LENGTH or _has_digit(sur_a + sur_b):
            return False, 0.0
        score = fuzz.ratio(sur_a, sur_b)
        return score >= SPELLING_THRESHOLD and sur_a[0] == sur_b[0], score
    if nickname_pair(given_a, given_b):
        return True, fuzz.ratio(given_a, given_b)
    if min(len(given_a), len(given_b)) < 3 or _has_digit(given_a + given_b):
        return given_a == given_b, 100.0 if given_a == given_b else 0.0
    score = fuzz.ratio(given_a, given_b)
    return score >= SPELLING_THRESHOLD and given_a[0] == given_b[0], score


def _person_words(name: str) -> list[str]:
    """The words of a person's name that can be compared (:func:`extract.coref.is_name_word`).

    "kim ' jong" -> ['kim', 'jong']: the "'" of tokenised text is neither a given name nor a
    surname, and a surname must have a first letter to compare.
    """
    return [w for w in name.split() if is_name_word(name_key(w))]


def _given_names(name: str) -> str:
    """All but the last comparable word: 'dave collins' -> 'dave'."""
    return " ".join(_person_words(name)[:-1])


def compact_key(key: str) -> str:
    """A name key without its spaces: 'name:time warner' and 'name:timewarner' meet."""
    return key.replace(" ", "")


def contraction_of(short: list[str], long: list[str]) -> bool:
    """Is ``short`` a word-by-word contraction of ``long``? ('lib dems', 'liberal democrats').

    Every word is equal or a short contraction of it (at most four letters, at least two
    fewer than the word): its beginning ('man' < 'manchester', 'dems' < 'democrats') or
    its consonants ('utd' < 'united'); at least one word is contracted. 'tim' is no
    contraction of 'time', 'asia' none of 'australia', 'lg' none of 'liggett'.
    A number is never contracted ('1' is not '100').
    """
    if len(short) != len(long) or len(short) < 2 or short == long or not all(short) or not all(long):
        return False  # an empty word (the key of "'") is no word of a name and has no first letter
    for s, l in zip(short, long):
        if s == l:
            continue
        if _has_digit(s + l):
            return False  # a number is written whole: '1 million' is not '100 million'
        if len(s) > 4 or len(l) < len(s) + 2 or s[0] != l[0]:
            return False
        if s.endswith("s") and l.endswith("s"):  # plurals: 'dems' / 'democrats', 'bros' / 'brothers'
            s, l = s[:-1], l[:-1]
        rest = iter(l)
        skeleton = len(s) >= 3 and not set(s[1:]) & set("aeiou") and all(ch in rest for ch in s)  # 'utd'
        if not (l.startswith(s) or skeleton):
            return False
    return True


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
    mentions: int = 0  # named mentions in the text (triple arguments are counted in spellings only)
    also_written: set[str] = field(default_factory=set)  # names resolved to this one in their text ("Abdul-Mahdi"): aliases only


@dataclass
class Resolution:
    """The resolver's answer: key -> cluster root, and the log of decisions."""

    root_of: dict[str, str]
    clusters: dict[str, list[str]]
    log: list[MergeRecord]

    def cluster(self, key: str) -> str:
        return self.root_of[key]


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def mention_key(text: str, type_: str) -> str:
    """The key a surface name is filed under before clustering."""
    if type_ in ("GPE", "NORP", "LOC", "ORG"):
        country = country_key(text)
        if country:
            return f"country:{country.lower()}"
        inst = institution_key(text)
        if inst:
            return f"inst:{inst.lower()}"
    return f"name:{normalise(text, titles=type_ == 'PERSON')}"


_NAME_PARTICLES = frozenset(("al", "el", "bin", "ibn", "jr", "sr"))


@lru_cache(maxsize=1 << 18)
def _name_words(key: str) -> tuple[str, ...]:
    """The comparable words of a name key: 'name:mustafa al kadhimi' -> ('mustafa', 'kadhimi').

    Words with no letter or digit are dropped (:func:`extract.coref.is_name_word`): the "'" of
    "workers ' party" has the key "", and every rule that reads a word's first letter
    (contractions, initials, blocks of surnames) may rely on it. A key with no such word
    ("name:-") has no words, and the word-based rules pass it by.
    """
    words = []
    for w in key.split(":", 1)[1].split():
        if w not in _NAME_PARTICLES and is_name_word(k := name_key(w)):
            words.append(k)
    return tuple(words)


_PARTICLE_PREFIXES = frozenset(("al", "el", "ul", "ad", "as", "ash", "an", "ar", "bin", "ibn"))


def _hyphen_bound_last(st: NameStats) -> bool:
    """Is the name's last word the second half of a hyphenated word ('Bonham-Carter',
    'TNK-BP'), other than after a particle ('al-Kadhimi')?"""
    spelling = st.spellings.most_common(1)[0][0] if st.spellings else ""
    # tokenised text spaces a hyphen out ("Bonham - Carter"): joined again, it still binds
    spelling = re.sub(r"(?<=\w) +- +(?=\w)", "-", unicodedata.normalize("NFKC", spelling))
    last = re.sub(r"'s?$", "", spelling.translate(_APOSTROPHES).strip()).split()
    # a word with no letter or digit ("Kim -") is no last word; an empty part ("Kim-") no half of one
    last = [w for w in last if _has_alnum(w)]
    parts = [p for p in last[-1].split("-") if p] if last else []
    return len(parts) >= 2 and parts[-2].lower() not in _PARTICLE_PREFIXES


def _is_initial_form(words) -> bool:
    """'j thomas': an initial, then a surname. An initial is a letter: '4 thomas' is none."""
    return len(words) == 2 and len(words[0]) == 1 and words[0].isalpha()


def _spelling(stats: dict[str, NameStats], key: str) -> str:
    st = stats[key]
    return st.spellings.most_common(1)[0][0] if st.spellings else key


def _merge(uf: _UnionFind, log: list[MergeRecord], a: str, b: str, names: list[str], rule: str,
           docs, score: float | None = None) -> bool:
    ok = uf.union(a, b)
    log.append(MergeRecord("merge" if ok else "refuse", names, rule if ok else "aliases_never", score, sorted(docs)))
    return ok


def attach_short_names(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """A shorter name joins the one full name it is short for; two candidates: ambiguous.

    - a surname (or the last two words) joins the one person it ends ("Kadhimi",
      "Abdul Mahdi", "Farina Elia");
    - an initial and a surname join the one person of that surname whose given name starts
      with it ("J Thomas" -> "Jonathan Thomas");
    - a single word tagged ORG also joins the one organisation it ends that a document
      names with it ("Boerse" -> "Deutsche Boerse"; "Fiat" is not "Fiat Powertrain": an
      organisation's first word often names its parent), never an institution noun
      ("Parliament");
    - the last part of a hyphenated name is no short form of it: "Carter" is not "Helena
      Bonham-Carter", "BP" not "TNK-BP" (but "Kadhimi" is "Mustafa al-Kadhimi");
    - a surname voted a person with no person to join joins the one name ending in it that
      spaCy tagged ORG or GPE in one of its documents, when that looks like a person's name
      (:func:`_mistagged_person`: "McManus" -> "JP McManus");
    - with no surname match, a single word joins the one person it begins ("Saddam" ->
      "Saddam Hussein"), unless it is voted a place ("Munich" is not "Munich Re").
    """
    by_ending: dict[tuple[str, ...], list[str]] = defaultdict(list)  # persons by last one or two words
    by_first: dict[str, list[str]] = defaultdict(list)
    org_by_last: dict[str, list[str]] = defaultdict(list)
    for k, st in stats.items():
        words = _name_words(k) if k.startswith("name:") else []
        if len(words) < 2 or _is_initial_form(words):
            continue
        vote = _vote(st.types)
        if vote == "PERSON":
            for n in (1, 2):
                if len(words) > n and not (n == 1 and _hyphen_bound_last(st)):
                    by_ending[tuple(words[-n:])].append(k)
            by_first[words[0]].append(k)
        elif not _hyphen_bound_last(st):
            org_by_last[words[-1]].append(k)  # organisations, and places that only count as rivals

    shorts = []
    for key, st in sorted(stats.items()):
        words = _name_words(key) if key.startswith("name:") else []
        if words and len(words) <= 2:
            shorts.append((not _is_initial_form(words), key, st, words))  # initials first: "J Thomas" before "Thomas"
    for _, key, st, words in sorted(shorts, key=lambda s: (s[0], s[1])):
        vote = _vote(st.types)
        if _is_initial_form(words):
            rule = "initial"
            candidates = [k for k in by_ending.get((words[1],), []) if _name_words(k)[0].startswith(words[0])]
        else:
            rule = "short_name"
            candidates = list(by_ending.get(tuple(words), []))
            if len(words) == 1 and vote == "ORG" and words[0] not in lexicon.institutions():
                candidates += [k for k in org_by_last.get(words[0], []) if stats[k].docs & st.docs]
            if not candidates and len(words) == 1 and vote == "PERSON":
                rule = "surname_of_mistagged_person"
                candidates = [k for k in org_by_last.get(words[0], []) if _mistagged_person(k, stats, st)]
            if not candidates and len(words) == 1 and vote not in ("GPE", "LOC", "FAC"):
                rule = "given_name"
                candidates = by_first.get(words[0], [])
            elif len(words) > 1 and st.types["PERSON"] == 0:
                continue
        roots = {uf.find(k) for k in candidates if k != key}
        if not roots or roots == {uf.find(key)}:
            continue  # nothing fits, or it already belongs with the one that does
        if len(roots) == 1 and rule != "surname_of_mistagged_person" and all(
                _vote(stats[k].types) in ("GPE", "LOC", "FAC") for k in candidates):
            continue  # "Ocean" is not "Indian Ocean": an organisation joins only an organisation or a person
        name = _spelling(stats, key)
        if len(roots) == 1:
            root = next(iter(roots))
            _merge(uf, log, key, root, [name, _best(stats, uf, root)], rule, st.docs)
        else:
            names = [name] + sorted(_best(stats, uf, r) for r in roots)
            log.append(MergeRecord("ambiguous", names, rule, None, sorted(st.docs)))


def _mistagged_person(key: str, stats: dict[str, NameStats], surname: NameStats) -> bool:
    """Is ``key`` a person's full name that spaCy tagged ORG or GPE ('JP McManus', 'Brent
    Cockbain'), judged from a document that also names a person by its last word alone?

    Two or three words, none an organisation word ('Bank', 'Group'), in a document
    the surname shares: the same text calling someone 'McManus' (a person) and naming
    'JP McManus' is strong evidence, where the whole corpus would not be.
    """
    words = _name_words(key)
    return (2 <= len(words) <= 3 and bool(stats[key].docs & surname.docs)
            and not any(w in lexicon.org_words() or w in COMPANY_SUFFIXES for w in words))


def _best(stats: dict[str, NameStats], uf: _UnionFind, root: str) -> str:
    """The most frequent spelling of the key a cluster is rooted at (cheap: no member scan)."""
    st = stats.get(root)
    return st.spellings.most_common(1)[0][0] if st and st.spellings else root


def _vote(types: Counter) -> str:
    """The type with the most (weighted) mentions; a tie goes to the alphabetically first; ORG for none."""
    best, best_n = "ORG", None
    for t in sorted(types):  # called for every name, many times: no Counter built here
        n = types[t] * (PERSON_VOTE_WEIGHT if t == "PERSON" else 1)
        if best_n is None or n > best_n:
            best, best_n = t, n
    return best


def cluster_type(types: Counter) -> str:
    """A cluster's type: the weighted vote of its mentions' types; a demonym's country is a GPE."""
    return _vote(types)


def capital_country(name: str) -> str | None:
    """The country a capital city stands for in metonymy ('Washington' -> 'United States')."""
    s = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    city = re.sub(r"'s?$", "", s).lower()
    country = lexicon.capitals().get(city)
    return (country_key(country) or country) if country else None


def merge_spacing_variants(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'TimeWarner' and 'Time Warner', 'JPMorgan' and 'JP Morgan': one key without spaces."""
    by_compact: dict[str, list[str]] = defaultdict(list)
    for k in stats:
        if k.startswith("name:") and len(compact_key(k)) >= len("name:") + 4:
            by_compact[compact_key(k)].append(k)
    for keys in by_compact.values():
        for k in sorted(keys)[1:]:
            first = sorted(keys)[0]
            _merge(uf, log, first, k, [_spelling(stats, first), _spelling(stats, k)], "spacing",
                   stats[first].docs | stats[k].docs)


def merge_spelling_variants(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """Person names that :func:`same_person_variant` says are one, compared within blocks
    of the same surname's first three letters (so 'Clark' meets 'Clarke'); two surnames
    only when one document has both (a typo), since across documents 'Peter Marion' and
    'Peter Martin' are two people. A name spaCy tagged ORG takes part when its first word
    is a given name of ``extract/data/nicknames.tsv`` ('Vince Cable'), and then only
    through that table: 'Freddie Forsyth' / 'Frederick Forsyth'."""
    persons = sorted(k for k, st in stats.items() if k.startswith("name:") and 2 <= len(_name_words(k))
                     and not _is_initial_form(_name_words(k))
                     and (_vote(st.types) == "PERSON" or _name_words(k)[0] in _known_given_names()))
    blocks = defaultdict(list)
    for k in persons:
        blocks[_name_words(k)[-1][:3]].append(k)
    for group in blocks.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                wa, wb = _name_words(a), _name_words(b)
                if wa[-len(wb):] == wb or wb[-len(wa):] == wa:
                    continue  # a shorter form of the other: attach_short_names decides
                na, nb = a.split(":", 1)[1], b.split(":", 1)[1]
                same, score = same_person_variant(na, nb)
                if same and "PERSON" not in (_vote(stats[a].types), _vote(stats[b].types)):
                    # two names spaCy tagged ORG: only a known short given name ("Vince" / "Vincent
                    # Cable") shows they are one person's, not a near spelling
                    same = nickname_pair(_given_names(na), _given_names(nb))
                if same and wa[-1] != wb[-1] and not stats[a].docs & stats[b].docs:
                    same = False  # a misspelt surname is trusted within one text, not across ('Marion' / 'Martin')
                if same and len(na) >= MIN_FUZZY_LENGTH:
                    rule = "nickname" if nickname_pair(_given_names(na), _given_names(nb)) else "spelling_variant"
                    _merge(uf, log, a, b, [_spelling(stats, a), _spelling(stats, b)], rule,
                           stats[a].docs | stats[b].docs, round(score, 1))
                elif score > 50 and wa[-1] == wb[-1]:
                    log.append(MergeRecord("refuse", [_spelling(stats, a), _spelling(stats, b)], "different_given_names",
                                           round(score, 1), sorted(stats[a].docs | stats[b].docs)))


def merge_contractions(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Lib Dems' joins the one 'Liberal Democrats' (see :func:`contraction_of`).

    Not between two person names with one surname: 'Jon Smith' may or may not be
    'Jonathan Smith' (a surname is never contracted, so 'Man Utd' still meets
    'Manchester United' when spaCy tags both PERSON).
    """
    words_of = {k: _name_words(k) for k in stats if k.startswith("name:")}
    words_of = {k: w for k, w in words_of.items() if 2 <= len(w) <= 4}

    def masked(words: list[str], positions) -> tuple:
        # every word of _name_words has a letter or digit, so w[0] exists
        return tuple(w[0] + "*" if i in positions else w for i, w in enumerate(words))

    # every name under each choice of the words a contraction could shorten: a short form
    # is looked up under the choices of its own short words, and only those pairs compared
    index: dict[tuple, list[str]] = defaultdict(list)
    for k, words in words_of.items():
        for mask in range(1, 2 ** len(words)):
            index[masked(words, {i for i in range(len(words)) if mask >> i & 1})].append(k)
    for short, ws in sorted(words_of.items()):
        shortable = [i for i, w in enumerate(ws) if len(w) <= 4]
        found = set()
        for mask in range(1, 2 ** len(shortable)):
            positions = {p for j, p in enumerate(shortable) if mask >> j & 1}
            found.update(index.get(masked(ws, positions), ()))
        longs = [k for k in sorted(found) if contraction_of(ws, words_of[k])
                 and not (words_of[k][-1] == ws[-1] and _vote(stats[short].types) == "PERSON"
                          and _vote(stats[k].types) == "PERSON")]
        roots = {uf.find(k) for k in longs}
        if not roots or roots == {uf.find(short)}:
            continue
        if len(roots) == 1:
            root = next(iter(roots))
            _merge(uf, log, short, root, [_spelling(stats, short), _best(stats, uf, root)], "contraction",
                   stats[short].docs)
        else:
            log.append(MergeRecord("ambiguous", [_spelling(stats, short)] + sorted(_best(stats, uf, r) for r in roots),
                                   "contraction", None, sorted(stats[short].docs)))


def merge_abbreviations(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """An abbreviation ('SEC', 'U.K.A.') joins the one name it abbreviates (:func:`initials_of`)
    that occurs in a document with it; person names are never expanded. Exact letters only:
    'ISW' is not 'ISIS', 'U.N.' not 'U.S.'."""
    expansions: dict[str, set[str]] = defaultdict(set)
    for k, st in stats.items():
        if k.startswith("name:") and len(_name_words(k)) >= 2 and _vote(st.types) != "PERSON":
            for spelling in st.spellings:
                for letters in initials_of(spelling):
                    expansions[letters].add(k)
    for key, st in sorted(stats.items()):
        if not key.startswith("name:"):
            continue
        letters = {abbreviation_letters(s) for s in st.spellings} - {None}
        candidates = {k for l in letters for k in expansions.get(l, ()) if k != key and stats[k].docs & st.docs}
        roots = {uf.find(k) for k in candidates}
        if roots == {uf.find(key)}:
            continue
        if len(roots) == 1:
            root = next(iter(roots))
            _merge(uf, log, key, root, [_spelling(stats, key), _best(stats, uf, root)], "initials", st.docs)
        elif roots:
            log.append(MergeRecord("ambiguous", [_spelling(stats, key)] + sorted(_best(stats, uf, r) for r in roots),
                                   "initials", None, sorted(st.docs)))


COMPANY_SUFFIXES = frozenset(("holdings", "plc", "inc", "ltd", "limited", "corp", "corporation",
                              "co", "company", "sa", "ag", "nv", "llc", "spa", "gmbh"))
"""Words that end a company's formal name and are dropped in running text ('UFJ Holdings' is 'UFJ').
Not 'Group': 'The Telegraph Group' owns the Telegraph papers, it is not one of them."""


def merge_company_suffixes(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'UFJ Holdings' and 'UFJ', 'BP plc' and 'BP': a company's name without its legal or
    group suffix, when a document names the company both ways and neither is voted a person."""
    for key, st in sorted(stats.items()):
        words = key.split(":", 1)[1].split() if key.startswith("name:") else []
        n = len(words)
        # a suffix goes only while a word with a letter or digit is left before it: "& Co" is
        # not the company "&"
        while n > 1 and words[n - 1] in COMPANY_SUFFIXES and any(is_name_word(name_key(w)) for w in words[:n - 1]):
            n -= 1
        short = "name:" + " ".join(words[:n])
        if n == len(words) or short not in stats or _vote(st.types) == "PERSON" or _vote(stats[short].types) == "PERSON":
            continue
        if stats[short].docs & st.docs:
            _merge(uf, log, short, key, [_spelling(stats, short), _spelling(stats, key)], "company_suffix", st.docs)


def merge_party_names(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Tory', 'Tories', 'Conservatives' and 'Conservative Party': one party (``extract/data/parties.tsv``),
    whatever the tagger called each, unless it is voted a person."""
    first: dict[str, str] = {}
    for key, st in sorted(stats.items()):
        party = next((p for s in sorted(st.spellings) if s[:1].isupper() and (p := lexicon.party_aliases().get(s.lower().removeprefix("the ")))), None)
        if not party or not key.startswith("name:") or _vote(st.types) == "PERSON":
            continue
        if party in first:
            _merge(uf, log, first[party], key, [_spelling(stats, first[party]), _spelling(stats, key)], "party_name", st.docs)
        else:
            first[party] = key


def merge_capitals(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """Metonymy: a capital voted a place joins its country when the corpus names the country."""
    for key, st in sorted(stats.items()):
        if not key.startswith("name:") or _vote(st.types) not in ("GPE", "LOC"):
            continue
        country = capital_country(_spelling(stats, key))
        target = f"country:{country.lower()}" if country else None
        if target in stats:
            _merge(uf, log, key, target, [_spelling(stats, key), country], "metonymy", st.docs | stats[target].docs)


def resolve(
    stats: dict[str, NameStats], acronyms: list[tuple[str, str, str]] = (), aliases: Aliases | None = None,
    metonymy: bool = False,
) -> Resolution:
    """Cluster the keys of ``stats`` (see the module docstring for the rules, in order).

    ``acronyms`` are (long form, short form, doc id) triples the documents define.
    ``metonymy``: a capital city ('Washington', 'Tehran') joins its country; off by
    default, since the city is also a place in its own right.
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
            _merge(uf, log, kl, ks, [long, short], "acronym", [doc])

    merge_spacing_variants(uf, stats, log)
    merge_spelling_variants(uf, stats, log)
    merge_contractions(uf, stats, log)
    merge_abbreviations(uf, stats, log)
    merge_company_suffixes(uf, stats, log)
    merge_party_names(uf, stats, log)
    attach_short_names(uf, stats, log)
    if metonymy:
        merge_capitals(uf, stats, log)

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
