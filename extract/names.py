"""Pure string helpers for names, shared by extraction (``extract/``) and the merge (``graph/``).

No spaCy here (a graph read from GraphML needs none): plain strings in, plain strings out,
with the word lists of :mod:`extract.lexicon`.

* :func:`plain` and :func:`without_possessive`: the one Unicode normalisation of a name
  (NFKC, one apostrophe and one hyphen), before any comparison;
* :func:`name_key` and :func:`is_name_word`: one word of a name, as compared;
* :func:`country_key` and :func:`demonym_country`: the one answer to "is this a country?";
* :func:`normal_title` and :func:`title_normal`: a role title, as compared;
* :data:`PERSON_PRONOUNS`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from extract import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
"""Pronouns that stand for a person, with the gender they imply."""

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})
"""One apostrophe and one hyphen for the many that texts write (``str.translate`` table)."""
_POSSESSIVE = re.compile(r"'s?$")
_NAME_PUNCTUATION = re.compile(r"[-‐’' .]")


def plain(name: str) -> str:
    """``name`` in NFKC, with one apostrophe (') and one hyphen (-), stripped: 'Iraq’s' -> "Iraq's"."""
    return unicodedata.normalize("NFKC", name).translate(APOSTROPHES).strip()


def without_possessive(name: str) -> str:
    """:func:`plain` without a final possessive: "Iraq’s" -> 'Iraq', "Reuters'" -> 'Reuters'."""
    return _POSSESSIVE.sub("", plain(name))


def name_key(word: str) -> str:
    """Normal form of one name word for matching: lower case, no 'al-' prefix, no hyphens.

    The key of a word that is only an apostrophe, hyphen or dot ("'", "-", "al-") is "":
    see :func:`is_name_word`.
    """
    word = _name_prefix().sub("", word.strip().lower())
    return _NAME_PUNCTUATION.sub("", word)


@lru_cache(maxsize=1)
def _name_prefix() -> re.Pattern:
    """'al-', 'el ', ...: the prefixes of ``extract/data/name_particles.tsv``, with their hyphen or space."""
    words = "|".join(sorted(lexicon.name_particles("prefix"), key=lambda w: (-len(w), w)))
    return re.compile(rf"^({words})[-‐ ]", re.IGNORECASE)


def is_name_word(key: str) -> bool:
    """Can this key of one word (:func:`name_key`) be compared as a word of a name?

    Only with a letter or a digit in it. Tokenised text writes "Workers ' Party" and
    "long - range": the "'" and "-" there (key "") and a lone "&" or "," are no given name,
    surname, initial or contraction, and a rule that reads a word's first letter must never
    see them. One-letter words stay (the initial of "J Thomas"), and so do numbers ("Channel 4").
    """
    return any(ch.isalnum() for ch in key)


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; this is pure
def country_key(name: str, *, demonyms: bool = True) -> str | None:
    """The canonical country (or union) for any of its names, and with ``demonyms`` for its
    demonyms: 'U.S.', 'the US', 'America', 'American' -> 'United States'; None for anything else.

    ``extract/data/countries.tsv`` and ``demonyms.tsv`` hold the names.
    """
    low = without_possessive(name).strip().lower()
    aliases = lexicon.country_aliases()
    # mentions lose their "the" ("in the States" gives "States"), and a table row may keep it
    return (aliases.get(low) or (lexicon.demonyms().get(low) if demonyms else None)
            or aliases.get(re.sub(r"^the ", "", low)) or aliases.get(f"the {low}"))


def is_country(name: str) -> bool:
    """A country's name ("Belarus", "the U.S."), not a demonym; unions of countries ("the U.N.")
    are organisations."""
    return country_key(name, demonyms=False) in _countries()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(lexicon.demonyms().values())


def demonym_country(token: Token) -> str | None:
    """The country a demonym or adjective points to ("Iraqi" -> "Iraq"), if known."""
    return lexicon.demonyms().get(token.lower_)


def title_normal(token: Token) -> str:
    """The normal form of a title word: "Gen." -> "general", "PM" -> "prime minister"."""
    t = lexicon.titles()
    return t.get(token.lower_) or t.get(token.lemma_.lower()) or token.lower_


def normal_title(title: str) -> str:
    """Normal form of a role title for comparing and grouping: 'Gen.' -> 'general', 'PM' -> 'prime minister'."""
    words = [lexicon.titles().get(w, w) for w in title.lower().split() if w not in lexicon.title_modifiers()]
    return " ".join(words)
