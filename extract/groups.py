"""Groups of people named by a common noun: "Egyptian police", "Fijian rebels", "Kenya's opposition".

News is mostly about groups and institutions, so a noun phrase headed by an agent noun
(``extract/data/agents.tsv``, derived from PETRARCH2's Phoenix agents, and our own
``group_nouns.tsv``) can be an action's actor or target. :func:`group_mention` makes it a
GROUP mention whose text is the phrase as written (its modifiers, and the prepositional
phrase that says whose it is), with:

- ``country``: the country or organisation it belongs to, from a demonym ("Egyptian
  police"), a possessive ("Kenya's opposition"), a compound ("US forces", "Hezbollah
  guerrillas") or a prepositional phrase ("rebels in Ivory Coast", "troops from Chad");
- ``sector``: from the noun (police -> police, troops -> military) or, for a noun such as
  "leaders" or "members", from the word before it or its "of" phrase ("rebel leaders",
  "leaders of the opposition coalition");
- ``scope``: the document, when the group is one of a kind in its text (no country: "gunmen";
  or a singular noun that is not a body: "a Russian official", "a US blogger"), so that
  unrelated groups never merge across documents.

Only argument tokens are looked at (no pass over the document), and a name always wins:
a token that is an entity, or that coreference resolved, is never a group.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract import lexicon
from extract.mentions import ParsedDoc, demonym_country, is_title
from extract.models import Mention
from extract.names import is_country

MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")  # words before the noun that are part of the group's name
OWNER_PREPOSITIONS = ("of", "in", "from")  # "leaders of the opposition", "rebels in Ivory Coast", "troops from Chad"
FROM_MODIFIER = "*"  # the noun takes its sector from a word before it ("rebel leaders")
NOT_A_GROUP = "-"


def _entry(tok: Token) -> str | None:
    """The group-noun table's entry for a noun (its sector code, '*' or '-'), or None.

    A capitalised plural that opens a sentence is often tagged a proper noun with itself as
    lemma ("Rebels in Sudan ..."): its singular is looked up too.
    """
    table = lexicon.group_nouns()
    found = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if found is None and tok.pos_ == "PROPN":
        low = tok.lower_
        singulars = (low[:-3] + "man" if low.endswith("men") else None, low[:-3] + "y" if low.endswith("ies") else None,
                     low[:-1] if low.endswith("s") else None)
        found = next((table[w] for w in singulars if w in table), None)
    return found


def _country_of(pd: ParsedDoc, tok: Token, places: bool = True) -> str | None:
    """The country or organisation a modifier or an 'of'/'in' object names: 'Egyptian', 'Kenya', 'Hezbollah'.

    With ``places`` a city or region counts too ("Dallas police"); after a preposition it
    does not: "protesters in Nairobi" are where they are, not Nairobi's.
    """
    ent = pd.token_entity.get(tok.i)
    if ent is None:  # the tagger misses some demonyms ("Ugandan soldiers")
        return demonym_country(tok) if tok.dep_ == "amod" else None
    if ent.type == "NORP":
        return demonym_country(tok) or lexicon.country_aliases().get(ent.mention.text.lower())
    name = ent.mention.antecedent.text
    country = lexicon.country_aliases().get(name.lower().removeprefix("the "))
    if ent.type == "ORG" or (ent.type == "GPE" and places):
        return country or name
    return country if ent.type == "GPE" else None


def _code(word: str) -> str | None:
    """A sector code of the table, or None (for words absent, '*' or '-')."""
    code = lexicon.group_nouns().get(word)
    return None if code in (None, FROM_MODIFIER, NOT_A_GROUP) else code


def _sector_code(noun: Token, entry: str, modifiers: list[Token], owner_objects: list[Token]) -> tuple[str, bool]:
    """'police officer' as one entry; else the noun's own code; for '*' nouns, a modifier's or the 'of'
    object's ('rebel leaders', 'leaders of the opposition coalition'). Also says whether the code
    came from the 'of' phrase (which is then part of the group's name)."""
    for m in modifiers:
        if code := _code(f"{m.lower_} {noun.lemma_.lower()}"):
            return code, False
    if entry != FROM_MODIFIER:
        return entry, False
    for from_phrase, words in ((False, modifiers), (True, owner_objects)):
        for m in words:
            pairs = [f"{c.lower_} {m.lemma_.lower()}" for c in m.lefts if c.dep_ == "compound"]
            names = [*pairs, m.lemma_.lower(), m.lower_, *[c.lower_ for c in m.lefts if c.dep_ == "compound"]]
            if code := next((k for w in names if (k := _code(w))), None):
                return code, from_phrase
    return "", False


def _owner_phrase(noun: Token) -> tuple[Token, list[Token]] | None:
    """The 'of'/'in'/'from' phrase after a group noun and its objects: 'leaders of the opposition coalition'."""
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS:
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if objects:
                return c, objects
    return None


def may_be_group_noun(tok: Token) -> bool:
    """Whether the group-noun table has a word for the token, whatever its context (a cheap first test)."""
    return tok.pos_ in ("NOUN", "PROPN") and _entry(tok) is not None


def group_mention(pd: ParsedDoc, noun: Token) -> Mention | None:
    """The GROUP mention an argument noun stands for ("Egyptian police"), or None when it is no group noun."""
    if not (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and (noun.is_sent_start or is_title(noun)))):
        return None  # a sentence's first word, or a title, may be tagged a proper noun ("Gunmen attacked", "Taiwan's Foreign Minister")
    if noun.i in pd.token_entity or noun.i in pd.resolved or noun.i in pd.title_tokens:
        return None
    entry = _entry(noun)
    if entry is None or entry == NOT_A_GROUP:
        return None
    modifiers = [c for c in noun.lefts if c.dep_ in MODIFIER_DEPS]
    country = next((k for m in modifiers if (k := _country_of(pd, m))), None)
    phrase = _owner_phrase(noun)
    owner_objects = phrase[1] if phrase else []
    from_phrase = None
    if phrase is not None:
        from_phrase = next((k for o in owner_objects if (k := _country_of(pd, o, places=False))), None)
        country = country or from_phrase
    if country and not is_country(country) and noun.lemma_.lower() in lexicon.words("vehicle_nouns.txt"):
        return None  # "Boeing jets": a maker's product, not a group ("Israeli jets" are a country's air force)
    code, sector_from_phrase = _sector_code(noun, entry, modifiers, owner_objects)
    if not code and not country and not any(getattr(pd.token_entity.get(m.i), "type", "") == "NORP" for m in modifiers):
        return None  # "the leaders", "members": no telling whose ("Kurdish leaders", "an Islamic body" say it)
    # a proper-noun tag says nothing of number: "Rebels" opening a sentence is tagged NNP
    singular = noun.tag_ == "NN" or (noun.tag_ == "NNP" and not noun.lower_.endswith("s"))
    if singular and is_title(noun) and not country:
        return None  # "the minister": a description of a person, left to coreference
    # a singular noun is one of a kind ("a US blogger", "a Russian official") unless it names a body ("Kenya's opposition")
    one_of_a_kind = singular and noun.lemma_.lower() not in lexicon.collective_nouns()
    first = min((m.left_edge for m in modifiers), key=lambda t: t.i, default=noun)
    # the phrase is part of the name when it says whose the group is or what it is ("leaders of the opposition")
    last = phrase[0].right_edge if phrase is not None and (from_phrase or sector_from_phrase) else noun
    mention = pd.mention(first, last, "GROUP")
    return mention.model_copy(update={
        "country": country or "",
        "sector": lexicon.pairs("sectors.tsv").get(code, code.lower()),
        "scope": pd.doc_id if one_of_a_kind or not country else "",
    })
