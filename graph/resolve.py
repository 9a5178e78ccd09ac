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
   names, never short strings or abbreviations; :func:`merge_leading_initials` — "W. Mark
   Felt" / "Mark Felt"; :func:`merge_middle_names` — "LuAnn Marie Johnson" / "Luann Johnson".
7. :func:`contraction_of` — "Lib Dems" / "Liberal Democrats", "Man Utd" / "Manchester United";
   :func:`merge_word_beginnings` — "Yugansk" / "Yuganskneftegas" in one document;
   :func:`merge_plural_words` — "Motion Pictures" / "Motion Picture" in an organisation's name.
8. :func:`initials_of` — an abbreviation joins the one name it abbreviates that occurs in
   the same document ("SEC" / "Securities and Exchange Commission"; "U.N." is never "U.S.").
   :func:`merge_company_suffixes` — "UFJ Holdings" / "UFJ", "BP plc" / "BP";
   :func:`merge_feature_kinds` — "Mediterranean Sea" / "Mediterranean".
9. :func:`attach_short_names` — "Kadhimi" joins "Mustafa al-Kadhimi" when exactly one
   known full name fits ("J Thomas" joins the one Thomas whose given name starts with J; an
   organisation's last word joins it: "Boerse" / "Deutsche Boerse"); with two candidates it
   stays apart and is logged as ambiguous.
10. optionally, :func:`capital_country` — metonymy: "Washington" for the United States.
11. the user's aliases file, which overrides every rule.

A cluster's type is a vote over its mentions, where PERSON evidence (honorifics,
person names) outweighs spaCy's occasional ORG tag on a surname; a name's own last word
("Cup", :func:`name_types`), a one-word name that is nobody's (:func:`mononym_types`) and a
GPE no gazetteer knows (:func:`place_types`) correct the vote.

The thresholds are measured on ``tests/data/merge_pairs.csv`` with ``bench/eval_merge.py``.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from extract import lexicon
from extract.models import Mention
from extract.names import APOSTROPHES, country_key, is_name_word, name_key, plain, without_possessive

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


SHORT_NAME_SPREAD = 3
"""A bare name joins a person's full name across documents only when it occurs in at most this many
times as many documents (outside the full name's) as the full name: a person named in one article is
not the bare "Ray" of twenty. Surnames of the well known ("Blair", in 17 documents beside Tony Blair's
153) pass easily; three leaves room for a person named in full once and by surname in a few follow-ups."""

MONONYM_OTHER_SHARE = 0.05
"""Share of a one-word name's mentions that must carry a type other than PERSON for
:func:`mononym_types` to prefer it: on the BBC corpus, the people among such names (Lord
Falconer, Bono, Madonna) have none, the companies and clubs 7% to 60% ("Yukos" 7%)."""

MONONYM_MIN_PRONOUNS = 2
"""Times the texts must call a one-word name "he" or "she" before :func:`mononym_types` keeps it a
person whatever its tags: one may be a coreference slip (a club's manager, "Everton ... he said").
On the BBC corpus the names this lets it retype are two clubs (Everton, Spurs), one "he" each."""

ROLE_ORG_MIN = 3
"""Roles that must name a cluster voted PERSON as someone's organisation before :func:`role_types` makes it
an ORG. On the BBC corpus the clusters named three times or more are ten organisations (Bolton,
Gartner, Bath, Balco, Ask Jeeves, Mac Format, ...); at two a misparse joins them ("John Magnier,
owner ... JP McManus")."""

MONONYM_MIN_DOCS = 8
"""Documents a one-word name must appear in before :func:`mononym_types` judges it: a person
written about in eight articles or more is given a full name in at least one of them (all the
people of the BBC corpus are), where three or four articles may call someone "Trump" throughout."""

CONTEXT_MARGIN = 3.0
"""How many times the next candidate's score the best must reach for :class:`SharedContext` to
choose it: a clear majority of the shared names, not a near tie ("Wladimir" / "Vitali Klitschko",
brothers named in the same boxing articles, stay apart)."""
CONTEXT_MIN_SCORE = 20.0
"""The least score (sum of log-rarity weights: three to six rare names shared) that counts as
evidence at all: one shared common name is none."""

CONTEXT_MIN_SCORE_ALONE = 12.0
"""The least score for a surname spaCy tagged ORG to join the one person it fits across documents:
with no rival person the choice is only between that person and the word being an organisation of
its own, and two or three rare names shared (a team-mate, a coach, a town) settle it; on the BBC
corpus no such join reaches 12 without being right."""

WORD_BEGINNING_MIN = 5
"""Letters a one-word name needs before :func:`merge_word_beginnings` takes it for the start of a
longer one: 'Yugansk' (7), 'Glaxo' (5); 'Man' is not 'Manchester'."""
WORD_BEGINNING_REST = 5
"""Letters the longer name must go on for: 'Yuganskneftegas' (+8); endings are shorter
('Berliner' +2 is a newspaper, 'Caribbean' +4 is not 'Carib', 'Gibraltarians' +4 are people)."""

PLURAL_WORD_MIN = 4
"""Letters a word of a name must keep when :func:`merge_plural_words` drops its plural 's':
'Pictures' (7) and 'Elections' (8) lose it; 'News' and 'Arts' (4) keep theirs ('News
International' is not 'New International')."""

PLACE_OTHER_SHARE = 0.05
"""Share of an unknown place name's mentions that must carry a type other than GPE for
:func:`place_types` to prefer it, as :data:`MONONYM_OTHER_SHARE` for PERSON: on the BBC
corpus, "Gazprom" has 9%, "Bafta" 15%, "BT" 41%; places the gazetteer misses ("Merseyside")
are tagged GPE or LOC throughout."""

PERSON_VOTE_WEIGHT = 2  # spaCy tags surnames ORG far more often than it tags organisations PERSON


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
    >>> normalise("Betty Ford Centre"), normalise("Mt. Cook")
    ('betty ford center', 'mount cook')
    """
    s = without_possessive(name)
    words = s.split()
    # a leading word goes only while a word with a letter or digit is left after it: tokenised
    # "Mr ." keeps "mr", as "Mr." does, rather than becoming the empty key
    while len(words) > 1 and any(_has_alnum(w) for w in words[1:]) and (
            words[0].lower() in ("the", "a", "an") or words[0].lower() in lexicon.honorifics()
            or (titles and words[0].lower() in lexicon.titles())):
        words = words[1:]
    s = " ".join(words).lower().replace("-", " ").replace(".", "")
    variants = lexicon.pairs("spelling_variants.tsv")  # "centre" -> "center", "mt" -> "mount"
    key = " ".join(variants.get(w, w) for w in s.split())
    if not _has_alnum(key):
        # nothing comparable is left ("'", "-", "'s", "."): the name is its own key, so that such
        # strings are not all filed under one empty key and merged into one entity
        return re.sub(r"\s+", " ", plain(name)).strip().lower()
    return key


def _has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def institution_key(name: str) -> str | None:
    """'Iraq’s parliament' and 'the Iraqi Parliament' -> 'Iraq parliament'."""
    s = plain(name)
    m = re.match(r"^(?:the\s+)?(.+?)(?:'s?)?\s+(\w+)$", s, re.IGNORECASE)
    if not m or m.group(2).lower() not in lexicon.institutions():
        return None
    country = country_key(m.group(1))
    return f"{country} {m.group(2).lower()}" if country else None


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,6}s?$")


def abbreviation_letters(name: str) -> str | None:
    """'U.K.' -> 'UK', 'PMUs' -> 'PMU', 'SEC' -> 'SEC'; None for anything not written as one."""
    s = without_possessive(name)
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
    s = without_possessive(long_form)
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
    given_a, given_b = _without_middle_initials(wa[:-1]), _without_middle_initials(wb[:-1])
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


def _without_middle_initials(given: Sequence[str]) -> str:
    """The given names without initials after the first: 'frederick c' -> 'frederick', so that
    "Frederick C. LaRue" meets "Fred LaRue" through the nickname table; 'george w' -> 'george'."""
    return " ".join([*given[:1], *(w for w in given[1:] if len(name_key(w)) > 1)])


@lru_cache(maxsize=1 << 18)  # every pair of a block asks again: names repeat
def _person_words(name: str) -> tuple[str, ...]:
    """The words of a person's name that can be compared (:func:`extract.coref.is_name_word`).

    "kim ' jong" -> ['kim', 'jong']: the "'" of tokenised text is neither a given name nor a
    surname, and a surname must have a first letter to compare.
    """
    return tuple(w for w in name.split() if is_name_word(name_key(w)))


def _given_names(name: str) -> str:
    """All but the last comparable word: 'dave collins' -> 'dave'."""
    return " ".join(_person_words(name)[:-1])


def compact_key(key: str) -> str:
    """A name key without its spaces: 'name:time warner' and 'name:timewarner' meet."""
    return key.replace(" ", "")


def contraction_of(short: Sequence[str], long: Sequence[str]) -> bool:
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
    country: str = ""  # a GROUP's country or organisation ("Egypt" for "Egyptian police")
    sector: str = ""  # a GROUP's sector ("police")
    person_evidence: int = 0  # "he" or "she" resolved to it in its text: a person, whatever spaCy's tags
    org_evidence: int = 0  # roles that name it as where someone holds a post ("spokesman for Ask Jeeves")


@dataclass
class Resolution:
    """The resolver's answer: key -> cluster root, and the log of decisions."""

    root_of: dict[str, str]
    clusters: dict[str, list[str]]
    log: list[MergeRecord]
    types: dict[str, str] = field(default_factory=dict)  # cluster root -> type, where a rule overrides the vote

    def cluster(self, key: str) -> str:
        return self.root_of[key]


def demonym_as_person(name: str) -> bool:
    """'Welsh', 'Briton' tagged PERSON: a one-word demonym stands for its country whatever the
    tag (a person of that surname is resolved to the full name within the document)."""
    word = without_possessive(name)
    return " " not in word and word.lower() in lexicon.demonyms()


def lower_case_short_form(name: str) -> bool:
    """'Us' (of 'Us Weekly', 'Love Will Tear Us Apart'), 'Uk': a word of at most three
    letters not written in capitals, which is no country's short form ('US', 'UK')."""
    word = without_possessive(name)
    return word.isalpha() and len(word) <= 3 and not word.isupper()


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def party_key(name: str) -> str | None:
    """The canonical party for any of its names (``extract/data/parties.tsv``): its short
    name, nickname, members' noun or adjective ('Tories', 'Tory', 'Conservative' ->
    'Conservative Party'), whatever spaCy tagged it ('Lib Dems' is often PERSON)."""
    s = re.sub(r"\s*'s?$", "", plain(name)).strip().lower()
    parties = lexicon.party_aliases()
    return parties.get(s) or parties.get(re.sub(r"^the ", "", s))


_TOKENISED = ((re.compile(r"(?<=\b[A-Z]) \.(?= |$)"), "."),  # "U . S ." -> "U. S."
              (re.compile(r"(?<=\b[A-Z]\.) (?=[A-Z]\.)"), ""),  # "U. S." -> "U.S."
              (re.compile(r" (['’]s?)$"), r"\1"),  # "New Zealand 's" -> "New Zealand's"
              (re.compile(r"(?<=\w) - (?=\w)"), "-"))  # "ITAR - TASS" -> "ITAR-TASS"


def untokenised(name: str) -> str:
    """A name as normal text writes it, from tokenised text (research corpora space every token out):
    'U . S .' -> 'U.S.', "New Zealand 's" -> "New Zealand's", 'Jean - Pierre' -> 'Jean-Pierre'."""
    if " " not in name:
        return name
    for pattern, repl in _TOKENISED:
        name = pattern.sub(repl, name)
    return name


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; these are pure
def mention_key(text: str, type_: str) -> str:
    """The key a surface name is filed under before clustering."""
    text = untokenised(text)
    party = party_key(text)
    if party:
        return f"party:{party.lower()}"
    if (type_ in ("GPE", "NORP", "LOC", "ORG") or demonym_as_person(text)) and not lower_case_short_form(text):
        country = country_key(text)
        if country:
            return f"country:{country.lower()}"
        inst = institution_key(text)
        if inst:
            return f"inst:{inst.lower()}"
    return f"name:{normalise(text, titles=type_ == 'PERSON')}"


def node_key(m: Mention) -> str:
    """The key a mention is filed under: :func:`mention_key` of its name, or for a GROUP its
    country and sector, so "Egyptian police", "Egypt's police force" and the institution
    "the Egyptian police" meet ('inst:egypt police'); a group that is one of a kind in its
    text ("gunmen", "a Russian official") keeps a key of its own document."""
    if m.type != "GROUP":
        return mention_key(m.text, m.type)
    if m.scope or not m.country:
        return f"group:{m.scope}|{normalise(m.text)}"
    return f"inst:{m.country.lower()} {m.sector or normalise(m.text).rsplit(' ', 1)[-1]}"


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
        if w not in lexicon.name_particles("skipped") and is_name_word(k := name_key(w)):
            words.append(k)
    return tuple(words)


def _hyphen_bound_last(st: NameStats) -> bool:
    """Is the name's last word the second half of a hyphenated word ('Bonham-Carter',
    'TNK-BP'), other than after a particle ('al-Kadhimi')?"""
    spelling = st.spellings.most_common(1)[0][0] if st.spellings else ""
    # tokenised text spaces a hyphen out ("Bonham - Carter"): joined again, it still binds
    spelling = re.sub(r"(?<=\w) +- +(?=\w)", "-", unicodedata.normalize("NFKC", spelling))
    last = re.sub(r"'s?$", "", spelling.translate(APOSTROPHES).strip()).split()
    # a word with no letter or digit ("Kim -") is no last word; an empty part ("Kim-") no half of one
    last = [w for w in last if _has_alnum(w)]
    parts = [p for p in last[-1].split("-") if p] if last else []
    return len(parts) >= 2 and parts[-2].lower() not in lexicon.name_particles("hyphen")


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
      organisation's first word often names its parent), or the one "X of ..." it begins
      ("the Academy" -> "Academy of Motion Picture Arts and Sciences", "the Bank" -> "Bank
      of England"), never an institution noun ("Parliament");
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
    org_by_head: dict[str, list[str]] = defaultdict(list)  # "academy" -> "Academy of Motion Picture Arts ..."
    for k, st in stats.items():
        words = _name_words(k) if k.startswith("name:") else []
        if len(words) < 2 or _is_initial_form(words):
            continue
        vote = _vote(st.types)
        if vote == "ORG" and k.split()[1:2] == ["of"]:
            org_by_head[words[0]].append(k)
        if vote == "PERSON":
            for n in (1, 2):
                if len(words) > n and not (n == 1 and _hyphen_bound_last(st)):
                    by_ending[tuple(words[-n:])].append(k)
            by_first[words[0]].append(k)
        elif not _hyphen_bound_last(st):
            org_by_last[words[-1]].append(k)  # organisations, and places that only count as rivals

    context: SharedContext | None = None  # built on the first ambiguity: most corpora have few
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
                candidates += [k for k in org_by_last.get(words[0], []) + org_by_head.get(words[0], [])
                               if stats[k].docs & st.docs]
            if not candidates and len(words) == 1 and vote == "PERSON":
                rule = "surname_of_mistagged_person"
                candidates = [k for k in org_by_last.get(words[0], []) if _mistagged_person(k, stats, st)]
            if not candidates and len(words) == 1 and vote not in ("GPE", "LOC", "FAC"):
                rule = "given_name"
                candidates = by_first.get(words[0], [])
            elif len(words) > 1 and st.types["PERSON"] == 0:
                continue
        fitting = [k for k in candidates if (person_takes_short_name(st, stats[k]) if _vote(stats[k].types) == "PERSON"
                                             else not widespread(st, stats[k]))]
        if not fitting and rule == "short_name" and vote == "ORG":
            # spaCy's ORG on a surname in articles that never name the person in full ("Teixeira"):
            # only what those articles share with the person's own can tell
            people = [k for k in candidates if k != key and _vote(stats[k].types) == "PERSON" and not widespread(st, stats[k])]
            context = context or SharedContext.built(stats)
            root, score = context.choice(key, people, uf, CONTEXT_MIN_SCORE_ALONE) if people else (None, 0.0)
            if root is not None and root != uf.find(key):
                _merge(uf, log, key, root, [_spelling(stats, key), _best(stats, uf, root)], "short_name_by_context",
                       st.docs, score)
            continue
        candidates = fitting
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
            context = context or SharedContext.built(stats)
            root, score = context.choice(key, candidates, uf) if rule == "short_name" else (None, 0.0)
            if root is not None:
                _merge(uf, log, key, root, [name, _best(stats, uf, root)], "short_name_by_context", st.docs, score)
            else:
                log.append(MergeRecord("ambiguous", names, rule, None, sorted(st.docs)))


class SharedContext:
    """Which of several full names a short name's documents speak of, by the other names they share.

    "Ford" in articles that name Tyler Hansbrough and the Tar Heels is Phil Ford, not Betty Ford
    of the Lohan stories: each candidate scores the names (other than the short name and the
    candidates) written both in one of the short name's documents and in one of its own, each
    weighted by how rare it is in the corpus (log of documents over documents naming it, so
    "United States" counts for little). The best candidate wins when it scores at least
    :data:`CONTEXT_MARGIN` times the next and at least :data:`CONTEXT_MIN_SCORE`; otherwise the
    name stays apart as ambiguous. A surname spaCy tagged ORG in articles that never name the
    person in full ("Teixeira" in follow-up reports) joins the one candidate that reaches
    :data:`CONTEXT_MIN_SCORE_ALONE`.
    """

    def __init__(self, stats: dict[str, NameStats]) -> None:
        self.stats = stats
        self.keys_of_doc: dict[str, set[str]] = defaultdict(set)
        for k, st in stats.items():
            for d in st.docs:
                self.keys_of_doc[d].add(k)
        self._names_of: dict[str, set[str]] = {}
        n = max(len(self.keys_of_doc), 1)
        self.weight = {k: math.log(n / len(st.docs)) if st.docs else 0.0 for k, st in stats.items()}

    @classmethod
    def built(cls, stats: dict[str, NameStats]) -> SharedContext:
        return cls(stats)

    def _names(self, key: str) -> set[str]:
        """Every key written in one of ``key``'s documents (kept: a full name is a candidate of many short names)."""
        if key not in self._names_of:
            self._names_of[key] = set().union(*(self.keys_of_doc[d] for d in self.stats[key].docs))
        return self._names_of[key]

    def choice(self, key: str, candidates: list[str], uf: _UnionFind,
               least: float = CONTEXT_MIN_SCORE) -> tuple[str | None, float]:
        """The root of the candidate the context chooses, with its score, or (None, 0)."""
        around = self._names(key) - {key} - set(candidates)
        by_root: dict[str, float] = defaultdict(float)
        for c in candidates:
            shared = (self._names(c) & around) - {c}
            by_root[uf.find(c)] = max(by_root[uf.find(c)], sum(self.weight[k] for k in shared))
        ranked = sorted(by_root.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[0][1] < CONTEXT_MARGIN * ranked[1][1]):
            return None, 0.0
        return ranked[0][0], round(ranked[0][1], 1)


def person_takes_short_name(short: NameStats, full: NameStats) -> bool:
    """May a one- or two-word name join a person's full name that ends or begins with it?

    A person never takes a place, a party or an organisation by a shared word: "London" is
    not "Michael London", "Houston" not "John Houston", "Tories" not "Tories Ken Clarke".
    A short name voted a person may join; one voted anything else only when at least half
    its documents name that person in full (spaCy tags surnames ORG or LOC: "Trump" in Donald
    Trump's articles, "Soleimani" in Qasem Soleimani's). Across documents, a bare name that is far more widespread than the
    full name is someone or something else: "Ray" in twenty articles (the film, Ray
    Charles) is not "Hugh Ray", named in one (:data:`SHORT_NAME_SPREAD`).
    """
    if _vote(short.types) != "PERSON":
        return 2 * len(short.docs & full.docs) >= len(short.docs)
    return not widespread(short, full)


def widespread(short: NameStats, full: NameStats) -> bool:
    """Is a bare name written in far more documents than the full name it would join
    (:data:`SHORT_NAME_SPREAD`)? Then it names something else: "Leicester", in the club's many
    reports, is not "BBC Radio Leicester"; "Ray" in twenty articles is not "Hugh Ray"."""
    return len(short.docs - full.docs) > SHORT_NAME_SPREAD * len(full.docs)


def _mistagged_person(key: str, stats: dict[str, NameStats], surname: NameStats) -> bool:
    """Is ``key`` a person's full name that spaCy tagged ORG or GPE ('JP McManus', 'Brent
    Cockbain'), judged from a document that also names a person by its last word alone?

    Two or three words, none an organisation word ('Bank', 'Group'), in a document
    the surname shares: the same text calling someone 'McManus' (a person) and naming
    'JP McManus' is strong evidence, where the whole corpus would not be.
    """
    words = _name_words(key)
    first = stats.get(f"name:{words[0]}") if words else None
    if first is not None and _vote(first.types) in ("GPE", "LOC", "FAC"):
        return False  # "Zurich Premiership": a name that begins with a place is no person's
    return (2 <= len(words) <= 3 and bool(stats[key].docs & surname.docs)
            and not any(w in lexicon.org_words() or w in lexicon.words("company_suffixes.txt") for w in words))


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


def name_type(key: str) -> str | None:
    """The type a name's own last word gives it, whatever spaCy tagged: 'Davis Cup', 'Academy
    Awards' and 'Oscars' are events (``extract/data/event_words.txt``); None for other names."""
    words = _name_words(key) if key.startswith("name:") else ()
    return "EVENT" if words and words[-1] in lexicon.words("event_words.txt") else None


def _key_type(key: str, st: NameStats) -> str:
    """One key's type: its name's own (:func:`name_type`), else the vote of its mentions."""
    return name_type(key) or _vote(st.types)


def cluster_type(types: Counter) -> str:
    """A cluster's type: the weighted vote of its mentions' types; a demonym's country is a GPE."""
    return _vote(types)


def capital_country(name: str) -> str | None:
    """The country a capital city stands for in metonymy ('Washington' -> 'United States')."""
    city = without_possessive(name).lower()
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
    for a, b in _spelling_pairs(persons, stats):
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


def _spelling_pairs(persons: list[str], stats: dict[str, NameStats]) -> list[tuple[str, str]]:
    """The pairs :func:`merge_spelling_variants` compares: within a block of the surname's first
    three letters, the pairs with one surname (a given name spelt two ways, or a short form), and
    the pairs with one given name in one document (a misspelt surname is trusted only there).
    No other pair of a block can be merged or refused, so comparing only these gives the same
    graph as comparing every pair of the block, without its square: a corpus of 100,000
    articles has thousands of names per block."""
    by_surname: dict[tuple, list[str]] = defaultdict(list)
    by_doc: dict[str, dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
    for k in persons:
        words = _person_words(k.split(":", 1)[1])
        if len(words) < 2:
            continue  # same_person_variant needs a given name and a surname
        block = _name_words(k)[-1][:3]
        by_surname[(block, name_key(words[-1]))].append(k)
        given = (block, _without_middle_initials(words[:-1]))
        for d in stats[k].docs:
            by_doc[d][given].append(k)
    pairs = set()
    for group in by_surname.values():
        pairs.update(itertools.combinations(sorted(group), 2))
    for groups in by_doc.values():
        for group in groups.values():
            pairs.update(itertools.combinations(sorted(group), 2))
    return sorted(pairs)


def merge_leading_initials(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'W. Mark Felt' and 'Mark Felt', 'H. Ross Perot' and 'Ross Perot': a person's name written
    with a leading initial joins the same name without it, when both are voted persons and the
    rest has a given name and a surname."""
    persons = {k: _name_words(k) for k, st in stats.items() if k.startswith("name:") and _vote(st.types) == "PERSON"}
    by_words = defaultdict(list)
    for k, words in persons.items():
        by_words[words].append(k)
    for k, words in sorted(persons.items()):
        n = 0
        while n < len(words) and len(words[n]) == 1 and words[n].isalpha():
            n += 1
        rest = words[n:]
        if n == 0 or len(rest) < 2 or _is_initial_form(rest):
            continue
        for other in sorted(by_words.get(rest, ())):
            _merge(uf, log, other, k, [_spelling(stats, other), _spelling(stats, k)], "leading_initial",
                   stats[k].docs | stats[other].docs)


def merge_middle_names(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'LuAnn Marie Johnson' and 'Luann Johnson': a person's given name and surname join the
    one person of the corpus written with the same two and one middle name between them,
    when both are voted persons, a document names both ('Jerry Lee Lewis' is not 'Jerry
    Lewis' of other stories) and the full name's surname is no hyphenated half ('Clive
    Stafford-Smith' is not 'Clive Smith'). Two such full names ('John Paul Smith', 'John
    Henry Smith') leave it apart, as a short name that fits two."""
    two: dict[tuple[str, ...], str] = {}
    three: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, st in stats.items():
        words = _name_words(k) if k.startswith("name:") else ()
        if len(words) in (2, 3) and _vote(st.types) == "PERSON" and not any(len(w) == 1 for w in words):
            if len(words) == 2:
                two[words] = k
            elif not _hyphen_bound_last(st):
                three[(words[0], words[2])].append(k)
    for words, k in sorted(two.items()):
        fulls = three.get(words, [])
        if len(fulls) == 1 and stats[k].docs & stats[fulls[0]].docs:
            _merge(uf, log, fulls[0], k, [_spelling(stats, fulls[0]), _spelling(stats, k)], "middle_name",
                   stats[k].docs | stats[fulls[0]].docs)


def merge_plural_forms(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Olympic' and 'Olympics', 'Grammy' and 'Grammys': a one-word event's name and its plural
    are one event when both are voted EVENT and the singular has five letters or more. Not
    other types: 'Rover' (the car maker) is not 'Rovers' (a club), 'William' not 'Williams'."""
    for key, st in sorted(stats.items()):
        words = _name_words(key) if key.startswith("name:") else ()
        if len(words) != 1 or len(words[0]) < 5 or _key_type(key, st) != "EVENT":
            continue
        plural = f"name:{words[0]}s"
        if plural in stats and _key_type(plural, stats[plural]) == "EVENT":
            _merge(uf, log, key, plural, [_spelling(stats, key), _spelling(stats, plural)], "plural",
                   st.docs | stats[plural].docs)


def _singular(word: str) -> str:
    """A word without a plural 's', when four letters or more are left ('pictures' -> 'picture';
    'news' and 'arts' stay)."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > PLURAL_WORD_MIN else word


def merge_plural_words(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Academy of Motion Pictures Arts and Sciences' and 'Academy of Motion Picture Arts and
    Sciences', 'Central Elections Commission' and 'Central Election Commission': names of two
    words or more, neither voted a person, that are one name once every word loses its plural
    'S' (:func:`_singular`) are one name written two ways."""
    by_singular: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, st in stats.items():
        words = _name_words(key) if key.startswith("name:") else ()
        if len(words) >= 2 and _vote(st.types) != "PERSON":
            by_singular[tuple(_singular(w) for w in words)].append(key)
    for keys in by_singular.values():
        first, *others = sorted(keys)
        for k in others:
            _merge(uf, log, first, k, [_spelling(stats, first), _spelling(stats, k)], "plural_words",
                   stats[first].docs | stats[k].docs)


def merge_word_beginnings(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord],
                          people: frozenset[str] | None = None) -> None:
    """'Yugansk' and 'Yuganskneftegas': a one-word name that is the beginning of a longer
    one-word name in the same document is its short form, when the short form has
    :data:`WORD_BEGINNING_MIN` letters or more, the longer one goes on for
    :data:`WORD_BEGINNING_REST` more in lower case (not 'SpeechWorks', which joins another
    word), the short form is not voted a person and neither is a word of a person's name
    ('Frank' is not 'Frankfurt'). Compared within blocks of the same
    first letters, so the rule stays cheap at any corpus size."""
    people = person_name_words(stats) if people is None else people
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in stats:
        words = _name_words(key) if key.startswith("name:") else ()
        if len(words) == 1 and len(words[0]) >= WORD_BEGINNING_MIN and words[0] not in people:
            blocks[words[0][:WORD_BEGINNING_MIN]].append((words[0], key))
    for block in blocks.values():
        if len(block) < 2:
            continue
        block.sort()
        sorted_words = [w for w, _ in block]
        for short, ks in block:
            if _vote(stats[ks].types) == "PERSON":
                continue
            # the words that begin with ``short`` follow it in sorted order: no square of the block
            for long, kl in block[bisect.bisect_right(sorted_words, short):]:
                if not long.startswith(short):
                    break
                if (len(long) - len(short) >= WORD_BEGINNING_REST
                        and _goes_on_in_lower_case(_spelling(stats, kl), len(short)) and stats[ks].docs & stats[kl].docs):
                    _merge(uf, log, kl, ks, [_spelling(stats, kl), _spelling(stats, ks)], "word_beginning",
                           stats[ks].docs & stats[kl].docs)


def _goes_on_in_lower_case(spelling: str, at: int) -> bool:
    """Does a one-word name go on past its first ``at`` letters in lower case letters only?
    'Yuganskneftegas' does; 'SpeechWorks' and 'AppleInsider.com' join other words to it."""
    rest = spelling[at:]
    return rest.isalpha() and rest.islower()


def merge_contractions(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Lib Dems' joins the one 'Liberal Democrats' (see :func:`contraction_of`).

    Not between two person names with one surname: 'Jon Smith' may or may not be
    'Jonathan Smith' (a surname is never contracted, so 'Man Utd' still meets
    'Manchester United' when spaCy tags both PERSON).
    """
    words_of = {k: _name_words(k) for k in stats if k.startswith("name:")}
    words_of = {k: w for k, w in words_of.items() if 2 <= len(w) <= 4}

    def masked(words: Sequence[str], positions) -> tuple:
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
        if longs and is_person_name(ws):
            log.append(MergeRecord("refuse", [_spelling(stats, short)] + [_spelling(stats, k) for k in longs],
                                   "person_name_is_no_contraction", None, sorted(stats[short].docs)))
            continue
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


def is_person_name(words) -> bool:
    """Does a name read as a given name and a surname ('michael jack', 'jon smith')?

    Its first word is a given name of ``extract/data/nicknames.tsv`` and it has two or three
    words. Such a name is a person's own, never a contraction of another's: "Michael Jack"
    (a Conservative MP) is not "Michael Jackson", though "jack" begins "jackson"; "Man Utd"
    and "Lib Dems" do not start with a given name.
    """
    return 2 <= len(words) <= 3 and words[0] in _known_given_names()


def merge_abbreviations(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """An abbreviation ('SEC', 'U.K.A.') joins the one name it abbreviates (:func:`initials_of`)
    that occurs in a document with it; person names are never expanded. Exact letters only:
    'ISW' is not 'ISIS', 'U.N.' not 'U.S.'."""
    expansions: dict[str, set[str]] = defaultdict(set)
    for k, st in stats.items():
        if k.startswith("name:") and len(_name_words(k)) >= 2 and _vote(st.types) != "PERSON":
            for spelling in st.spellings:
                for initials in initials_of(spelling):
                    expansions[initials].add(k)
    for key, st in sorted(stats.items()):
        if not key.startswith("name:"):
            continue
        letters = {a for a in map(abbreviation_letters, st.spellings) if a is not None}
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


def merge_company_suffixes(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'UFJ Holdings' and 'UFJ', 'BP plc' and 'BP': a company's name without its legal or
    group suffix, when a document names the company both ways and neither is voted a person."""
    for key, st in sorted(stats.items()):
        words = key.split(":", 1)[1].split() if key.startswith("name:") else []
        n = len(words)
        # a suffix goes only while a word with a letter or digit is left before it: "& Co" is
        # not the company "&"
        while n > 1 and words[n - 1] in lexicon.words("company_suffixes.txt") and any(is_name_word(name_key(w)) for w in words[:n - 1]):
            n -= 1
        short = "name:" + " ".join(words[:n])
        if n == len(words) or short not in stats or _vote(st.types) == "PERSON" or _vote(stats[short].types) == "PERSON":
            continue
        if stats[short].docs & st.docs:
            _merge(uf, log, short, key, [_spelling(stats, short), _spelling(stats, key)], "company_suffix", st.docs)


FEATURE_KINDS = frozenset(("sea", "ocean", "desert"))
"""Words a natural feature's name may drop: "the Mediterranean Sea" is "the Mediterranean"."""
COMPASS_WORDS = frozenset(("north", "south", "east", "west", "northern", "southern", "eastern", "western"))


def merge_feature_kinds(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """'Mediterranean Sea' and 'Mediterranean', 'Pacific Ocean' and 'Pacific', 'Sahara Desert' and 'Sahara':
    a sea, ocean or desert named without its kind word, when both names are voted places. 'North Sea' is not
    'the North' (a compass word is a region), and 'Indian Ocean' not 'Indian' (a demonym is no place)."""
    for key, st in sorted(stats.items()):
        words = key.split(":", 1)[1].split() if key.startswith("name:") else []
        if len(words) < 2 or words[-1] not in FEATURE_KINDS or words[0] in COMPASS_WORDS:
            continue
        short = "name:" + " ".join(words[:-1])
        if short in stats and _vote(st.types) in ("LOC", "GPE") and _vote(stats[short].types) in ("LOC", "GPE"):
            _merge(uf, log, short, key, [_spelling(stats, short), _spelling(stats, key)], "feature_kind", st.docs | stats[short].docs)


def merge_capitals(uf: _UnionFind, stats: dict[str, NameStats], log: list[MergeRecord]) -> None:
    """Metonymy: a capital voted a place joins its country when the corpus names the country."""
    for key, st in sorted(stats.items()):
        if not key.startswith("name:") or _vote(st.types) not in ("GPE", "LOC"):
            continue
        country = capital_country(_spelling(stats, key))
        target = f"country:{country.lower()}" if country else None
        if country and target in stats:
            _merge(uf, log, key, target, [_spelling(stats, key), country], "metonymy", st.docs | stats[target].docs)


def resolve(
    stats: dict[str, NameStats], acronyms: Iterable[tuple[str, str, str]] = (), aliases: Aliases | None = None,
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
    merge_leading_initials(uf, stats, log)
    merge_middle_names(uf, stats, log)
    merge_plural_forms(uf, stats, log)
    merge_plural_words(uf, stats, log)
    people = person_name_words(stats)  # made once: two rules read it
    merge_word_beginnings(uf, stats, log, people)
    merge_contractions(uf, stats, log)
    merge_abbreviations(uf, stats, log)
    merge_company_suffixes(uf, stats, log)
    merge_feature_kinds(uf, stats, log)
    attach_short_names(uf, stats, log)
    if metonymy:
        merge_capitals(uf, stats, log)

    for group in aliases.same:
        named = [(n, k) for n, k in ((n, key_for(n)) for n in group) if k]
        joined, refused = [], []
        for name, k in named[1:]:
            uf.never.discard(frozenset((named[0][1], k)))
            # another 'never' pair may still keep the two clusters apart: the log says so
            (joined if uf.union(named[0][1], k) else refused).append(name)
        if joined and not refused:
            log.append(MergeRecord("merge", list(group), "aliases_file", None, []))
        elif joined:
            log.append(MergeRecord("merge", [named[0][0], *joined], "aliases_file", None, []))
        log.extend(MergeRecord("refuse", [named[0][0], name], "aliases_never", None, []) for name in refused)

    root_of = {k: uf.find(k) for k in stats}
    clusters: dict[str, list[str]] = defaultdict(list)
    for k, r in root_of.items():
        clusters[r].append(k)
    types = place_types(stats, clusters) | mononym_types(stats, clusters, people) | role_types(stats, clusters) | name_types(stats, clusters)
    return Resolution(root_of, dict(clusters), log, types)


def _cluster_votes(stats: dict[str, NameStats], keys: list[str]) -> Counter:
    """The mention types of a cluster's keys, summed (a one-key cluster's own Counter: read it, never change it)."""
    if len(keys) == 1:
        return stats[keys[0]].types
    votes: Counter = Counter()
    for k in keys:
        votes.update(stats[k].types)
    return votes


def _called_a_person(stats: dict[str, NameStats], keys: list[str]) -> bool:
    """Whether the texts call a cluster "he" or "she" :data:`MONONYM_MIN_PRONOUNS` times or more."""
    return sum(stats[k].person_evidence for k in keys) >= MONONYM_MIN_PRONOUNS


def role_types(stats: dict[str, NameStats], clusters: dict[str, list[str]]) -> dict[str, str]:
    """Cluster root -> ORG for a cluster voted PERSON that the roles of the corpus name, :data:`ROLE_ORG_MIN`
    times or more, as the organisation where someone holds a post ("Gartner analyst Kobita Desai",
    "Tony Macklin, spokesman for Ask Jeeves", a team sheet's club), unless its texts call it "he" or "she"
    (:data:`MONONYM_MIN_PRONOUNS` times)."""
    out = {}
    for root, keys in clusters.items():
        if sum(stats[k].org_evidence for k in keys) < ROLE_ORG_MIN:
            continue  # most clusters: no role names them, so no vote to count
        if not _called_a_person(stats, keys) and _vote(_cluster_votes(stats, keys)) == "PERSON":
            out[root] = "ORG"
    return out


def person_name_words(stats: dict[str, NameStats]) -> frozenset[str]:
    """The surnames of the corpus's full names of people, and the given names the lexicon knows
    among their other words: "Leicester South" and "Glasgow Rangers", tagged PERSON, make no
    person's name of "Leicester" or "Glasgow"."""
    words_of_people: set[str] = set()
    for k, st in stats.items():
        words = _name_words(k) if k.startswith("name:") else ()
        if len(words) >= 2 and _vote(st.types) == "PERSON":
            words_of_people.add(words[-1])
            words_of_people.update(w for w in words[:-1] if w in _known_given_names())
    return frozenset(words_of_people)


def mononym_types(stats: dict[str, NameStats], clusters: dict[str, list[str]],
                  people: frozenset[str] | None = None) -> dict[str, str]:
    """The type of a one-word name that is nobody's name word, where spaCy's PERSON tags are weak evidence.

    The PERSON weight of the vote (:data:`PERSON_VOTE_WEIGHT`) is there for surnames, which
    spaCy often tags ORG. A one-word name that is no surname (and no known given name) of any
    person's full name in the whole corpus ("Yukos", "Anfield", "Balco") is no surname, and spaCy tags such company,
    club and place names PERSON far more often than it tags a person ORG or GPE: when at least
    :data:`MONONYM_OTHER_SHARE` of its mentions carry another type, the best of those types
    is the cluster's ("Yukos": 186 PERSON, 13 ORG -> ORG). Mononymous people ("Madonna",
    "Bono") are tagged PERSON throughout and keep it, and so does a name the texts call "he"
    or "she" (:data:`MONONYM_MIN_PRONOUNS` times), or one written in fewer than :data:`MONONYM_MIN_DOCS` documents. Returns cluster
    root -> type for the clusters it retypes.
    """
    person_words = person_name_words(stats) if people is None else people
    out = {}
    for root, keys in clusters.items():
        cluster_words = {w for k in keys for w in (_name_words(k) if k.startswith("name:") else ("",))}
        if len(cluster_words) != 1 or not next(iter(cluster_words)) or cluster_words & person_words:
            continue
        types = _cluster_votes(stats, keys)
        other = Counter({t: n for t, n in types.items() if t != "PERSON"})
        if _called_a_person(stats, keys):
            continue  # "Trump ... he said": a person, however often spaCy tags him ORG
        if len(set().union(*(stats[k].docs for k in keys))) < MONONYM_MIN_DOCS:
            continue  # a few articles may name a person by surname alone ("Trump" in the seeds)
        if _vote(types) == "PERSON" and sum(other.values()) >= MONONYM_OTHER_SHARE * sum(types.values()):
            out[root] = _vote(other)
    return out


def _looks_like_a_persons_name(words: Sequence[str]) -> bool:
    """An initial and a surname ("g jenkins"), or a given name the lexicon knows and a surname."""
    return _is_initial_form(words) or (len(words) >= 2 and words[0] in _known_given_names())


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """The keys of the gazetteer's place names (``extract/data/places.txt``), as names are keyed."""
    return frozenset(normalise(p, titles=False) for p in lexicon.words("places.txt"))


def place_types(stats: dict[str, NameStats], clusters: dict[str, list[str]]) -> dict[str, str]:
    """Cluster root -> the best type other than GPE, for a cluster voted GPE that no gazetteer
    knows as a place.

    spaCy tags GPE many capitalised names it does not know ("Gazprom": 82 GPE, 6 PERSON, 2
    ORG; "BT", "Bafta", "Kasabian"). A name that is no place of ``extract/data/places.txt``
    (GeoNames' cities, countries, US states, continents), no country and no capital, of
    which at least :data:`PLACE_OTHER_SHARE` of the mentions carry another type, is a person
    when some text calls it "he" or "she" or it looks like a person's name ("G Jenkins"),
    else the most frequent of its other types but PERSON and NORP (as weak as GPE on a name
    that is no demonym), or an organisation ("Manchester City": 29 GPE, 6 PERSON -> ORG). A place the
    gazetteer misses and that spaCy tags GPE throughout keeps it.
    """
    places = _place_keys()
    out = {}
    for root, keys in clusters.items():
        types = _cluster_votes(stats, keys)
        if _vote(types) != "GPE":  # most clusters: the cheap test first
            continue
        if any(not k.startswith("name:") or k[5:] in places or capital_country(k[5:]) for k in keys):
            continue
        other = Counter({t: n for t, n in types.items() if t != "GPE"})
        if sum(other.values()) < PLACE_OTHER_SHARE * sum(types.values()):
            continue
        if any(stats[k].person_evidence or _looks_like_a_persons_name(_name_words(k)) for k in keys):
            out[root] = "PERSON"  # "Sizzla ... he said", "G Jenkins"
        else:  # spaCy tags the companies, clubs and bands it does not know GPE, PERSON and ORG by turns
            out[root] = max(sorted(t for t in other if t not in ("PERSON", "NORP")), key=lambda t: other[t], default="ORG")
    return out


_INNER_CAPITAL = re.compile(r"^[a-z]+[A-Z]")  # "iTunes", "eBay"; not "al-Qaeda" or "de Gaulle"


def name_types(stats: dict[str, NameStats], clusters: dict[str, list[str]]) -> dict[str, str]:
    """Cluster root -> the type its names' own words give it, however spaCy tagged its mentions:
    a cluster that holds 'Davis Cup' or 'Oscars' is an event (:func:`name_type`); a name
    written with a lower-case first letter and a capital inside ('iTunes', 'eBay') is a
    product's or company's name, an ORG; a person is never named after a continent, so a
    cluster voted PERSON that holds a name ending in one ('Lycos Europe',
    ``extract/data/region_words.txt``) is an ORG; so is a name that a team's or club's word opens
    ('Team GB', 'FC Porto', ``extract/data/team_words.txt``)."""
    regions, team_words = lexicon.words("region_words.txt"), lexicon.words("team_words.txt")
    out = {}
    for root, keys in clusters.items():
        typed = next((t for k in keys if (t := name_type(k))), None)
        if typed is None and any(sp[:1].islower() and _INNER_CAPITAL.match(sp) for k in keys for sp in stats[k].spellings):
            typed = "ORG"
        if typed is None and any(len(w := _name_words(k)) >= 2 and w[0] in team_words for k in keys):
            typed = "ORG"
        if typed is None and any(len(w := _name_words(k)) >= 2 and w[-1] in regions for k in keys):
            typed = "ORG" if _vote(_cluster_votes(stats, keys)) == "PERSON" else None
        if typed:
            out[root] = typed
    return out


def _pairs(group: list[str]):
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            yield a, b
