"""The word lists the extractors and the graph rely on, loaded once from ``extract/data/``.

Each list is a small tab-separated file that users may extend; this module is the one
place that reads them, so every rule shares one source of truth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    """The non-comment, non-blank lines of a data file, split on tabs."""
    text = resources.files("extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The words of a one-column data file, e.g. ``words("company_suffixes.txt")``: what each
    list is for is written at the top of its file."""
    return frozenset(row[0] for row in _rows(name))


@cache
def pairs(name: str) -> dict[str, str]:
    """A two-column data file as a table, first column -> second, e.g. ``pairs("sectors.tsv")``."""
    return {row[0]: row[1] for row in _rows(name)}


@cache
def band_posts() -> dict[str, bool]:
    """A band's places -> whether the document must call the organisation a band, from ``band_posts.txt``."""
    return {row[0]: row[-1] == "band" for row in _rows("band_posts.txt")}


@cache
def office_bodies() -> dict[str, list[str]]:
    """Office word -> the names of the body it belongs to by convention, from ``office_bodies.tsv``."""
    return {row[0]: row[1:] for row in _rows("office_bodies.tsv")}


@cache
def titles() -> dict[str, str]:
    """Role title word (lower case) -> its normal form ("gen." -> "general")."""
    return {row[0]: (row[1] if len(row) > 1 else row[0]) for row in _rows("titles.tsv") if row[-1] != "-"}


@cache
def title_modifiers() -> frozenset[str]:
    """Words written inside a title that do not change the role ("caretaker", "former")."""
    return frozenset(row[0] for row in _rows("titles.tsv") if len(row) > 1 and row[1] == "-")


@cache
def honorifics() -> dict[str, str]:
    """Honorific (lower case) -> gender it suggests: 'm', 'f' or '-'."""
    return pairs("honorifics.tsv")


@cache
def demonyms() -> dict[str, str]:
    """Demonym (lower case) -> country name: 'iranian' -> 'Iran'."""
    return pairs("demonyms.tsv")


@cache
def country_aliases() -> dict[str, str]:
    """Any name of a country or union (lower case) -> its canonical name: 'u.s.' -> 'United States'.

    Every country a demonym points to counts as known, so 'Iraq' and 'Iraqi' meet.
    """
    table: dict[str, str] = {country.lower(): country for country in demonyms().values()}
    for row in _rows("countries.tsv"):
        for name in row:
            table[name.lower()] = row[0]
    return table


@cache
def party_aliases() -> dict[str, str]:
    """Any name of a political party (lower case) -> its canonical name: 'tories' -> 'Conservative Party'."""
    return {name.lower(): row[0] for row in _rows("parties.tsv") for name in row}


@dataclass(frozen=True)
class VerbInfo:
    category: str | None  # None: not an action between entities
    kill: bool


@cache
def verbs() -> dict[str, VerbInfo]:
    """Verb lemma -> its PLOVER category and tags."""
    table = {}
    for row in _rows("verbs.tsv"):
        tags = set(row[2].split(",")) if len(row) > 2 else set()
        table[row[0]] = VerbInfo(None if row[1] == "-" else row[1], "kill" in tags)
    return table


def verb_info(lemma: str) -> VerbInfo:
    """Category and tags of a verb: ``verbs.tsv``, else the CAMEO-derived ``cameo_verbs.tsv``;
    unknown verbs are actions of category OTHER."""
    low = lemma.lower()
    return verbs().get(low) or VerbInfo(pairs("cameo_verbs.tsv").get(low, "OTHER"), False)


@cache
def phrase_categories() -> dict[tuple[str, str], str]:
    """(verb lemma, object noun) -> PLOVER category: 'open fire' -> ASSAULT, 'give aid' -> AID.

    From ``phrases.tsv`` (ours, which wins) and the CAMEO-derived ``cameo_phrases.tsv``.
    """
    table = {(row[0], row[1]): row[2] for row in _rows("cameo_phrases.tsv")}
    table.update({(row[0], row[1]): row[2] for row in _rows("phrases.tsv")})
    return table


@cache
def phrase_category_lemmas() -> frozenset[str]:
    """The verb lemmas that take a category with some object in :func:`phrase_categories`."""
    return frozenset(verb for verb, _ in phrase_categories())


def killing_verbs() -> frozenset[str]:
    """Lemmas of verbs of killing (used by the CoNLL04 Kill evaluation)."""
    return frozenset(lemma for lemma, info in verbs().items() if info.kill)


@cache
def nominals() -> dict[str, tuple[str, str]]:
    """Action noun -> (verb lemma, form), form being 'event' or 'agent'."""
    return {row[0]: (row[1], row[2]) for row in _rows("nominals.tsv")}


@cache
def modality_words() -> dict[tuple[str, str], str]:
    """(word, where it counts) -> 'negated' or 'hypothetical'."""
    return {(row[0], row[2]): row[1] for row in _rows("modality.tsv")}


@cache
def boilerplate_patterns() -> tuple[re.Pattern, ...]:
    """Regular expressions for whole lines of page furniture (used with ``search``)."""
    return tuple(re.compile(_without_leading_any(row[0]), re.IGNORECASE) for row in _rows("boilerplate.txt"))


def _without_leading_any(pattern: str) -> str:
    """``pattern`` without a leading ``.*``: ``search`` finds a match with it exactly when it finds one without.

    The ``.*`` only costs time: ``search`` tries the rest of the pattern after every prefix of
    the line, from every start, so the cookie-notice pattern took time quadratic in the length
    of a paragraph (on the BBC corpus, a sixth of the time spaCy takes to parse it).
    """
    if pattern.startswith(".*") and pattern[2:3] not in ("?", "+", "*", "{"):  # not lazy '.*?' nor possessive '.*+'
        return pattern[2:]
    return pattern


@cache
def institutions() -> frozenset[str]:
    """Nouns for a country's institutions ('parliament', 'government', ...)."""
    return words("institutions.txt")


@cache
def role_verbs() -> dict[str, list[tuple[str, str]]]:
    """Verb lemma -> [(role title, preposition or '-')] for 'Name, who leads Org'."""
    table: dict[str, list[tuple[str, str]]] = {}
    for row in _rows("role_verbs.tsv"):
        table.setdefault(row[0], []).append((row[1], row[2]))
    return table


@cache
def capitals() -> dict[str, str]:
    """Capital city (lower case) -> its country, for the optional metonymy rule ('washington' -> 'United States')."""
    table = {}
    for row in _rows("capitals.tsv"):
        for city in [row[0], *row[2:]]:
            table[city.lower()] = row[1]
    return table


@cache
def nicknames() -> dict[str, tuple[str, ...]]:
    """Short given name -> the full names it stands for ('dave' -> ('david',))."""
    return {row[0]: tuple(row[1:]) for row in _rows("nicknames.tsv")}


@cache
def org_words() -> frozenset[str]:
    """Head words of organisation names, from ``extract/data/org_words.txt``."""
    return words("org_words.txt")



@cache
def cues() -> dict[str, frozenset[str]]:
    """Cue -> words, from ``extract/data/action_cues.tsv`` (blame verbs, instruments, ...)."""
    table: dict[str, set[str]] = {}
    for word, cue in _rows("action_cues.tsv"):
        table.setdefault(cue, set()).add(word)
    return {cue: frozenset(words) for cue, words in table.items()}



@cache
def generic_org_words() -> frozenset[str]:
    """Words that refer back to any organisation ("the firm"), from ``extract/data/org_words.txt``."""
    return frozenset(row[0] for row in _rows("org_words.txt") if row[-1] == "generic")


@cache
def document_org_words() -> frozenset[str]:
    """Words that stand for the organisation the document is about ("the band"), from ``org_words.txt``."""
    return frozenset(row[0] for row in _rows("org_words.txt") if row[-1] == "about")



@cache
def phrasal_verbs() -> dict[tuple[str, str], str]:
    """(verb lemma, particle or preposition) -> the action it names, from ``phrasal_verbs.tsv``."""
    return {(verb, word): lemma for verb, word, lemma in _rows("phrasal_verbs.tsv")}


@cache
def phrasal_verb_lemmas() -> frozenset[str]:
    """The verb lemmas that have a phrasal reading in ``phrasal_verbs.tsv``."""
    return frozenset(verb for verb, _ in phrasal_verbs())



@cache
def name_particles(kind: str) -> frozenset[str]:
    """Particles of people's names of one ``kind`` ('prefix', 'hyphen' or 'skipped'), from ``name_particles.tsv``."""
    return frozenset(row[0] for row in _rows("name_particles.tsv") if kind in row[1].split(","))


@cache
def group_nouns() -> dict[str, str]:
    """Agent noun (lower-case singular) -> sector code, '*' (sector from a modifier) or '-' (no group).

    From ``agents.tsv`` (derived from PETRARCH2's Phoenix agents) and ``group_nouns.tsv`` (ours, which wins).
    """
    table = {row[0]: row[1] for row in _rows("agents.tsv")}
    table.update({row[0]: row[1] for row in _rows("group_nouns.tsv")})
    return table


@cache
def intent_verbs() -> dict[str, str]:
    """Word that states an intention, threat or refusal ('threaten') -> its PLOVER category, from ``intent_verbs.tsv``."""
    return pairs("intent_verbs.tsv")


@cache
def government_words() -> frozenset[str]:
    """Nouns that stand for a country's government ('the government', 'ministers'), from ``government_words.txt``."""
    return frozenset(row[0] for row in _rows("government_words.txt") if row[1] == "government")


@cache
def institution_words() -> frozenset[str]:
    """Nouns for a country's one body of their kind ('parliament'), from ``government_words.txt``."""
    return frozenset(row[0] for row in _rows("government_words.txt") if row[1] == "institution")


@cache
def national_office_words() -> frozenset[str]:
    """Last words of national offices' titles ('minister', 'secretary'), from ``government_words.txt``."""
    return frozenset(row[0] for row in _rows("government_words.txt") if row[1] == "office")


@cache
def collective_nouns() -> frozenset[str]:
    """Singular nouns that name a body of people ('police', 'opposition'): institutions and ``collective_nouns.txt``."""
    return institutions() | frozenset(row[0] for row in _rows("collective_nouns.txt"))



@cache
def date_words() -> dict[str, dict[str, str]]:
    """Words of date expressions by kind (month, weekday, number, unit, modifier, ...): word -> value.

    See ``extract/data/date_words.tsv`` for the kinds.
    """
    table: dict[str, dict[str, str]] = {}
    for row in _rows("date_words.tsv"):
        table.setdefault(row[0], {})[row[1]] = row[2] if len(row) > 2 else ""
    return table


@cache
def role_tense_words() -> dict[tuple[str, str], str]:
    """(word, where it counts: 'modifier', 'verb' or 'relative') -> 'former', 'future' or 'current', from ``role_tense.tsv``."""
    return {(word, where): tense for word, tense, where in _rows("role_tense.tsv")}


@cache
def national_offices() -> dict[str, str]:
    """Title (lower case) -> what makes it a country's office: 'alone', 'portfolio' or 'capitalised',
    from ``national_offices.tsv``."""
    return pairs("national_offices.tsv")


@cache
def office_holders() -> dict[str, str]:
    """Name of a government office holder (lower case: 'john prescott', 'president bush') -> their country,
    from ``office_holders.tsv`` (derived from PETRARCH2's Phoenix.Countries.actors.txt, MIT)."""
    return pairs("office_holders.tsv")


@cache
def office_holder_surnames() -> dict[str, str]:
    """Surname -> country, for the surnames of ``office_holders()`` that only one country's office holders bear."""
    table: dict[str, set[str]] = {}
    for name, country in office_holders().items():
        table.setdefault(name.rsplit(" ", 1)[-1], set()).add(country)
    return {surname: next(iter(c)) for surname, c in table.items() if len(c) == 1}


@cache
def office_verbs() -> frozenset[str]:
    """Verbs that take or give up an office ('assume', 'take'), from ``office_verbs.txt``."""
    return words("office_verbs.txt")
