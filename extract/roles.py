"""Person–role–organisation triples.

Each pattern is one small generator over a :class:`ParsedDoc`; :data:`ROLE_PATTERNS`
lists them all. The shapes they read:

- ``title_before_name``: "US Secretary of State Mike Pompeo", "top Iranian general Qasem
  Soleimani", "Iran’s Gen. Qassem Soleimani", "Coast Guard spokesman Lt. Pat Philbin",
  "Spokesman Dietmar Kanzer of the Rollei company", "CBS’ Holly Williams" (organisation
  known, role unknown);
- ``appositive``: "Fawaz Gerges, a professor of ... at the London School of Economics",
  also through a party-and-state tag ("Sen. X, D-Ariz., chairman of ..."); and the reverse,
  "the top Iranian enforcer, Qassem Soleimani", "the chairman of the Front, Mohamed Issa";
- ``as_title``: "confirmed Mr. Kadhimi ... as prime minister", "named X publisher of Y";
- ``copula``: "Smith is the president of Acme", also inside "who is ..." and "elected X
  to be chairman of Y";
- ``role_verb``: "Joost Hitermann, who leads the International Crisis Group's ... program",
  "the Foundation headed by Juan Novara";
- ``role_noun``: "his appointment as chairman of the British Council", "her resignation as minister";
- ``office_noun``: "assume the presidency of the G8", "took the helm at Acme";
- ``name_of_org``: "John Smith of IBM", "Fang Kaitai at the Institute of Applied Mathematics";
- ``possessor_of_org``: "Brian Mulroney's Progressive Conservative Party" (the role is unknown);
- ``bracketed_party``: "Janne Johnsen (Conservative Party)";
- ``title_of_pair``: "husband and wife economist team Jim and Margaret Cuthbert";
- ``team_sheet``: the line-ups a match report ends with ("Wasps: Van Gisbergen; Lewsey, ...; Dallaglio (capt).",
  or under a headline "Wasps 31-37 Leicester" in the headline's order), each player of their side;
- ``named_after_description`` (once descriptions are resolved): "France's finance minister has said ... .
  Herve Gaymard said ...", a news lead's description and the next sentence's newly named subject.

Party names and nicknames the tagger misses count as organisations ("Tory leader Michael
Howard", ``extract/data/parties.tsv``); an occupation takes no country or place as its
organisation ("an American chess player"). Each role says whether it is ``current``,
``former`` ("former Labour leader", "resigned as") or ``future`` ("will become", "-elect").
:func:`pronoun_roles` reads the clauses of resolved pronouns ("He became chief operating
officer"), and :mod:`extract.role_orgs` fills in organisations from the rest of the document.

A role's organisation is the organisation, country or demonym inside the same phrase; an
organisation named as such beats a country, and a description of one ("a spokeswoman for
the agency", "a company official") counts once :func:`~extract.coref.resolve_org_descriptions`
has resolved it. When the phrase names several ("Harvard University's Kennedy School",
"CHP (Republican People's Party)"), each gets a role. ``None`` when the phrase names none
(the graph may fill it in from the rest of the corpus).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, Iterator, Literal

from spacy.tokens import Token

from extract import confidence as C
from extract import lexicon
from extract.coref import first_named_subject, resolve_org_descriptions
from extract.dates import attached_date
from extract.mentions import Entity, ParsedDoc, conjuncts, demonym_country, is_title
from extract.modality import modality_of
from extract.models import Mention, Triple
from extract.names import is_country

ORG_PREPOSITIONS = {"of", "at", "for", "with", "in", "from", "on"}
ORG_TYPES = ("ORG", "GPE")
COPULAS = ("be", "become", "remain")
NEGATING_PREFIXES = ("non", "anti")  # a name the tagger ran into "non-" or "anti-"
PLACE_TYPES = ("GPE", "NORP", "LOC")
VERB_ORG_PREPOSITIONS = ("for", "at", "with")  # "served as chairman for Acme"; "in" is mostly a place
LINEUP_MIN_PLAYERS = 10  # a side's line-up names 11 (football) or 15 (rugby) players; a shorter list is something else
LINEUP_MIN_ROWS = 3  # rugby writes a line-up in rows split by ';' ("Van Gisbergen; Lewsey, Erinle, Abbott, Voyce; ...")
LINEUP_NAME_WORDS = 4  # "Mirco Bergamasco", "A Lo Cicero", "W Johnson": a player's name is short
# a team sheet's piece: an optional header ("Leeds", "Replacements (from)") and a colon, then the names
_LINEUP_PIECE = re.compile(r"^(?:(?P<header>[A-Z][\w'’&. -]{0,30}?)?\s*(?:\([^)]*\))?:\s*)?(?P<body>.+?)\.?\s*$")
_LINEUP_SPLIT = re.compile(r"(?<=[.)\"”])\s+(?=[A-Z][\w'’&. -]{0,30}(?: \([^)]*\))?:\s)")  # "... Popham. Replacements: ..."
_LINEUP_ITEM = re.compile(r"\s*(?P<name>[^;,/()]+?)\s*(?:\((?P<mark>[^)]*)\)\s*)?(?P<sep>[;,/]|$)")
_SCORE_HEADLINE = re.compile(r"^(?:[^:\n]{0,20}:\s*)?(?P<a>[A-Z][^\d\n:]{0,40}?) (?:\d+-\d+|v|vs) (?P<b>[A-Z][^\d\n(]{0,40}?)(?: \([^)]*\))?\s*$")


def make_triple(
    pd: ParsedDoc, kind: Literal["role", "action"], subject: Mention, predicate: str, obj: Mention | None, anchor: Token,
    confidence: float, pattern: str, **extra,
) -> Triple:
    """A Triple grounded in the sentence of ``anchor``."""
    start, end = pd.sentence_bounds(anchor)
    return Triple(
        kind=kind, subject=subject, predicate=predicate, object=obj, doc_id=pd.doc_id,
        sentence_start=start, sentence_end=end, sentence=pd.text[start:end],
        confidence=confidence, pattern=pattern, when=attached_date(pd, anchor), **extra,
    )


def _organisation(pd: ParsedDoc, tok: Token) -> Mention | None:
    """The organisation or country a token stands for, if it can be one.

    An entity, or a description resolved to one ("the agency" after "the Environmental
    Protection Agency", as written in the same sentence when it is). A single-word demonym
    is a country even when tagged ORG ("Guatemalan President ...").
    """
    if tok.i in pd.title_tokens:
        return None
    ent = pd.token_entity.get(tok.i)
    if ent is not None and negated_name(pd, ent.start):
        return None  # "the first non-Congress chief minister" is no minister of Congress
    if (party := _party(pd, tok, ent)) is not None:
        return party
    if (ent is None or ent.type != "ORG") and (kind := _named_after_kind(pd, tok, ent)) is not None:
        return kind
    if ent is None and tok.text[:1].isupper() and demonym_country(tok):
        return pd.mention(tok, tok, "NORP")  # "Turkmen President ...": a demonym the tagger missed
    if ent is None:
        m = pd.resolved.get(tok.i)
        return (pd.named_in_sentence(tok, m) or m) if m is not None and m.type == "ORG" else None
    if demonym_country(tok) and ent.end - ent.start == 1:
        return ent.mention.model_copy(update={"type": "NORP"})  # "Iraqi", even when tagged ORG
    if ent.type == "ORG" and _is_title_named(pd, ent):
        return None  # "Assistant Corporation Counsel", "Minister of Mineral Resources": a title the tagger took for a name
    if ent.type == "ORG" and is_country(ent.mention.text):
        return ent.mention.model_copy(update={"type": "GPE"})  # "Belarus's Security Committee": Belarus is a country
    if ent.type in ORG_TYPES or (ent.type == "NORP" and demonym_country(tok)):
        return ent.mention
    return None


def negated_name(pd: ParsedDoc, start: int) -> bool:
    """Is the name at token ``start`` negated by a prefix ("non-Congress", "anti-Taliban"), inside the
    tagger's entity or before it? (The tokenizer splits the hyphen off: "non", "-", "Congress".)"""
    doc = pd.tokens
    return doc[start].lower_ in NEGATING_PREFIXES or (
        start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in NEGATING_PREFIXES)


def _named_after_kind(pd: ParsedDoc, tok: Token, ent: Entity | None) -> Mention | None:
    """'the rock band The Killers', 'Premier League side Leicester City', 'rock band Shturtzite' (tagged a person):
    a name written right after a noun for a kind of organisation is one (``org_kinds.txt``), even one tagged a
    person ("side Albion Rovers"), but not the subject of a clause ("the company John Smith founded")."""
    if tok.pos_ != "PROPN" or tok.dep_ in ("nsubj", "nsubjpass"):
        return None
    doc = pd.tokens
    first = tok.i if ent is None else ent.start
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].i not in pd.token_entity:
        first -= 1
    if first > 0 and doc[first - 1].text == "The":
        first -= 1  # "The Killers"
    last = tok.i if ent is None else ent.end - 1
    if first == 0 or doc[first - 1].lemma_.lower() not in lexicon.words("org_kinds.txt") or doc[first - 1].pos_ != "NOUN":
        return None
    return pd.mention(doc[first], doc[last], "ORG")


def _is_title_named(pd: ParsedDoc, ent) -> bool:
    """An 'organisation' that begins or ends with a title word and has no organisation word in it."""
    words = pd.tokens[ent.start : ent.end]
    if len(words) < 2 or any(w.lower_ in lexicon.org_words() for w in words):
        return False
    return is_title(words[0]) or is_title(words[-1])


def _party(pd: ParsedDoc, tok: Token, ent) -> Mention | None:
    """'Tory', 'Labour', 'SNP' (in "SNP Holyrood leader"): a party's name or nickname, capitalised,
    whatever the tagger made of it (often a nationality). The mention is the word as written."""
    if not tok.text[:1].isupper():
        return None
    if ent is not None and ent.mention.text.lower() in lexicon.party_aliases():
        return ent.mention.model_copy(update={"type": "ORG"})
    # "SNP Holyrood": an acronym's party, even when the tagger ran it into the next word
    if tok.lower_ in lexicon.party_aliases() and (ent is None or ent.end - ent.start == 1 or tok.text.isupper()):
        return pd.mention(tok, tok, "ORG")
    if ent is not None and tok.i > ent.start and (first := pd.tokens[ent.start]).text.isupper():
        return _party(pd, first, ent)
    return None


def _proper(m: Mention) -> bool:
    """An organisation written as a name; "the comprehensive development department" is a
    description the tagger mistook for one, kept only when nothing better is named."""
    return m.type == "ORG" and not m.text.islower()


def _bracket_alias(pd: ParsedDoc, tok: Token) -> Mention | None:
    """'the Vishwa Hindu Parishad (VHP)': the organisation's other name in brackets."""
    ent = pd.token_entity.get(tok.i)
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    if ent is None or ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
        return None
    alias = pd.token_entity.get(ent.end + 1)
    return alias.mention if alias is not None and alias.type == "ORG" else None


def _orgs_at(pd: ParsedDoc, noun: Token) -> list[Mention]:
    """Organisations named by a noun itself, the words before it and its appositions:
    "Harvard University's John F. Kennedy School", "the strongest party, the Croatian Social Liberal Party"."""
    out = []
    tokens = [noun, *reversed([t for t in noun.subtree if t.i < noun.i])]
    tokens += [a for c in noun.children if c.dep_ == "appos" for a in (c, *c.children) if a.dep_ == "appos"]
    for t in tokens:
        for m in (_organisation(pd, t), _bracket_alias(pd, t)):
            if m is not None and all(m.start != o.start for o in out):
                out.append(m)
    return out


def _orgs_in_phrase(pd: ParsedDoc, noun: Token, depth: int = 3) -> list[Mention]:
    """The organisations a title phrase names, nearest first.

    Looks at the words before the title ("a Burlington operations manager", "Iraq's prime
    minister"), then into its prepositions ("professor ... at the London School of
    Economics", "chairman of the Senate Appropriations treasury ... subcommittee") and the
    appositions there. The first place that names an ORG wins; a country or demonym is kept
    only when no ORG is named, and never from a locative 'in' or 'on' ("a spokeswoman for the agency
    in Washington", "sworn in as president on a U.S. military base").
    """
    fallback: list[Mention] = []
    # "the Assistant Corporation Counsel", "Minister of Public Service and Administration" tagged ORG: a name
    # holding the title word itself is the title
    at = pd.offset + noun.idx

    def visit(node: Token, depth: int, locative: bool, own: bool) -> list[Mention]:
        if own:
            found = [m for t in node.lefts for m in _orgs_at(pd, t) if not m.start <= at < m.end]
        else:
            found = [m for m in _orgs_at(pd, node) if not m.start <= at < m.end]
        if any(c.tag_ == "JJS" for c in node.children):  # "Australia's youngest store manager": a record, not an employer
            found = [m for m in found if m.type not in PLACE_TYPES]
        orgs = [m for m in found if _proper(m)]
        if orgs:
            return orgs
        fallback.extend(m for m in found if m.type == "ORG")
        if not locative:
            fallback.extend(m for m in found if m.type != "ORG")
        if depth == 0:
            return []
        for prep in node.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ORG_PREPOSITIONS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if prep.lower_ == "from" and pobj.pos_ == "NOUN" and not _body_noun(pobj):
                    continue  # "the princess from the Brothers Grimm fairy tale": whose tale, no body of hers
                # "owner of the Celeste Borlette Banks and the private radio station Celeste FM": both
                orgs = [m for each in conjuncts(pobj) for m in visit(each, depth - 1, locative or prep.lower_ in ("in", "on"), False)]
                if orgs:
                    return orgs
        return []

    found = visit(noun, depth, False, True) or (_post_owner(pd, noun) if not fallback else [])
    if found and found[-1].type == "ORG":  # "a member of the A Society, the B Academy and the C Artists"
        found += [m for m in _listed_after(pd, found[-1]) if all(m.start != o.start for o in found)]
    return found or fallback[:1]


def _body_noun(tok: Token) -> bool:
    """A common noun for a body of people: an organisation word or kind ("party", "band", "team")."""
    word = tok.lemma_.lower()
    return word in lexicon.org_words() or word in lexicon.words("org_kinds.txt") or word in lexicon.collective_nouns()


def _title_span(pd: ParsedDoc, head: Token, stop: int | None = None) -> tuple[Token, Token]:
    """First and last tokens of a title around its head word: "militia leader", "Secretary of State"."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    first = head
    portfolio = lexicon.national_offices().get(head.lower_) == "portfolio"
    while first.i > 0:
        prev = doc[first.i - 1]
        inside = prev.head.i in (head.i, first.i) or prev.head.i > prev.i and prev.head.i <= head.i
        wordish = prev.dep_ == "compound" or prev.lower_ in lexicon.words("title_adjectives.txt") or is_title(prev) or prev.lower_ in lexicon.title_modifiers()
        if portfolio and prev.i >= head.left_edge.i and _portfolio_word(pd, prev):
            first = prev  # "Trade and Industry Secretary": the portfolio is the title's, even when tagged ORG
            pd.title_tokens.add(prev.i)  # so "Home" in "Home Secretary" is no organisation
            continue
        # a name, or a description resolved to an organisation ("station chief"), is no part of the title
        if not (inside and wordish) or prev.i in pd.token_entity or prev.i in pd.resolved or prev.is_punct or demonym_country(prev):
            break
        first = prev
    last = head
    if stop is not None:  # in "Secretary of State Mike Pompeo" everything up to the name is title
        last = doc[stop - 1]
    return first, last


def _portfolio_word(pd: ParsedDoc, tok: Token) -> bool:
    """A word of a minister's or secretary's portfolio ("Trade", "and", "Industry"), not a country or a party."""
    if tok.dep_ not in ("compound", "nmod", "conj", "cc", "amod") or tok.is_punct:
        return False
    ent = pd.token_entity.get(tok.i)
    if ent is not None and (ent.type != "ORG" or is_country(ent.mention.text) or negated_name(pd, ent.start)):
        return False  # "the first non-Congress chief minister": no portfolio, and no minister of Congress
    if tok.text.isupper() and len(tok.text) > 1:
        return False  # "CNTP Secretary": an acronym names the organisation, not a portfolio
    return (tok.lower_ == "and" or tok.text[:1].isupper()) and not demonym_country(tok) and tok.lower_ not in lexicon.party_aliases()


def _title_text(pd: ParsedDoc, first: Token, last: Token) -> str:
    return pd.text[pd.offset + first.idx : pd.offset + last.idx + len(last.text)]


def _is_title_head(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and is_title(tok)


def _conjoined_titles(pd: ParsedDoc, head: Token) -> list[tuple[Token, str, list[Mention]]]:
    """A title and each title conjoined with it, with its words and the organisations it names: its
    own phrase's, else the first title's, else a bare last word's ("chairman and chief executive of
    Acme", "the lead vocalist and composer of the band Blue Harbour"); "vice president of X and a
    senior editor at Y" keeps each its own, and "an MP and a member of X" shares nothing."""
    doc = pd.tokens
    # "author ; Tom Hale , player for Leicester": a semicolon parts the items of a list
    words = sorted((t for t in conjuncts(head) if not any(doc[i].text == ";" for i in range(min(t.i, head.i), max(t.i, head.i)))),
                   key=lambda t: t.i)
    # the title's words first: marking them keeps "Home" of "Home Secretary" from being an organisation
    texts = {t.i: _title_text(pd, *_title_span(pd, t)) for t in words if t is head or _is_title_head(t)}
    own = {t.i: _orgs_in_phrase(pd, t) for t in words}
    last = words[-1]
    bare = last is not head and not any(c.dep_ == "det" for c in last.children)
    # an organisation is shared; a country is not ("a lawyer and writer in Ethiopia" says nothing of employers)
    shared = [m for m in own[head.i] if m.type == "ORG"] or ([m for m in own[last.i] if m.type == "ORG"] if bare else [])
    return [(t, texts[t.i], own[t.i] or shared) for t in words if t.i in texts]


def _title_in_group(pd: ParsedDoc, title: Token, groups: dict[int, dict[int, tuple[str, list[Mention]]]]
                    ) -> tuple[str, list[Mention]]:
    """The words and organisations of one of several conjoined titles (see :func:`_conjoined_titles`);
    ``groups`` keeps each group's, read once for all its titles."""
    first = title
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i not in groups:
        groups[first.i] = {t.i: (text, orgs) for t, text, orgs in _conjoined_titles(pd, first)}
    if title.i in groups[first.i]:
        return groups[first.i][title.i]
    start, last = _title_span(pd, title)  # a title parted from the group by a semicolon
    return _title_text(pd, start, last), _orgs_in_phrase(pd, title)


def _prefix_orgs(pd: ParsedDoc, tokens: range) -> list[Mention]:
    """Organisations among the words before a title, nearest first; a country or demonym only
    when no ORG is there ("US Secretary of State", but "CHP (Republican People's Party) leader")."""
    found: list[Mention] = []
    for i in reversed(tokens):
        m = _organisation(pd, pd.tokens[i])
        if m is not None and all(m.start != o.start for o in found):
            found.append(m)
    orgs = [m for m in found if _proper(m)]
    return orgs or [m for m in found if m.type == "ORG"][:1] or found[:1]


def _adjacent_owner(pd: ParsedDoc, start: int) -> range:
    """Tokens of the name right before token ``start``, with its possessive: "CBS’" in "CBS’ Holly Williams"."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    i = start - 1
    if i >= 0 and doc[i].text in ("'s", "’s", "'", "’"):
        i -= 1
    ent = pd.token_entity.get(i) if i >= 0 else None
    if ent is not None:
        return range(ent.start, ent.end)
    return range(i, i + 1) if i in pd.resolved else range(0)  # "the department's Al Comproni"


def _unknown_place_owner(pd: ParsedDoc, owner: range) -> list[Mention]:
    """"Oxfam's Barbara Stocking", with "Oxfam" tagged a location: a possessor of a person's name that no word
    list knows as a place is an organisation (a real region seldom owns a person: "Europe's richest man")."""
    ent = pd.token_entity.get(owner.start) if owner else None
    if ent is None or ent.start != owner.start or not _unlisted_place(ent):
        return []
    return [ent.mention.model_copy(update={"type": "ORG"})]


def _unlisted_place(ent: Entity) -> bool:
    """A name tagged a location that no word list knows as a place ("Oxfam", "Age Concern England")."""
    low = ent.mention.text.lower()
    return ent.type == "LOC" and ent.mention.text[:1].isupper() and not (
        low in lexicon.country_aliases() or low in lexicon.demonyms() or low in lexicon.capitals())


def _post_owner(pd: ParsedDoc, noun: Token) -> list[Mention]:
    """'director general of Age Concern England', the name tagged a location: a post's 'of' names an organisation
    (``posts.txt``), even one the tagger took for a place no word list knows."""
    title = " ".join([t.lower_ for t in noun.lefts if t.dep_ == "compound"] + [noun.lower_])
    if title not in lexicon.words("posts.txt"):
        return []
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                ent = pd.token_entity.get(pobj.i) if pobj.dep_ == "pobj" else None
                if ent is not None and _unlisted_place(ent):
                    return [ent.mention.model_copy(update={"type": "ORG"})]
    return []


def _own_preposition_orgs(pd: ParsedDoc, name: Token, countries: bool = False) -> list[Mention]:
    """'John Smith of IBM', 'Fang Kaitai at the Institute of Applied Mathematics', 'John Smith with
    the IRS': ORGs in a name's own 'of'/'at'/'with' phrase. After 'with' only the organisation
    itself counts: "met Pompeo with State Department officials" says nothing of Pompeo's job.
    With ``countries`` (after a national office's title: "King Olav V of Norway") a country in the
    'of' phrase counts too."""
    for prep in name.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "with"):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                found = _orgs_at(pd, pobj) if prep.lower_ != "with" else [m for m in [_organisation(pd, pobj)] if m]
                orgs = [m for m in found if m.type == "ORG" or (
                    countries and prep.lower_ == "of" and m.type == "GPE" and is_country(m.text))]
                if orgs:
                    return orgs
    return []


def _title_of_orgs(pd: ParsedDoc, title: Token) -> list[Mention]:
    """'President of Pakistan Asif Ali Zardari': the organisation or country in the title's own 'of' phrase
    ("State" in "Secretary of State" is a title word, never one)."""
    for prep in title.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return [m for pobj in prep.children if pobj.dep_ == "pobj" for m in _orgs_at(pd, pobj)][:1]
    return []


def _apposed_org(pd: ParsedDoc, name: Token) -> list[Mention]:
    """'Labor Party (PT) candidate Cecilia Soto', parsed with the name in apposition to the party."""
    org = _organisation(pd, name.head) if name.dep_ == "appos" else None
    return [org] if org is not None and org.type == "ORG" else []


def _supposed(title_head: Token) -> bool:
    """'mentioned as a possible Supreme Court nominee', 'the would-be chairman': a role not held."""
    return modality_of(title_head) != "asserted"


def _tense(pd: ParsedDoc, title_head: Token | None, verb: Token | None = None) -> str:
    """'former', 'future' or 'current' for a role, from the words of its title ("former chairman",
    "ex-boss", "chairman-designate") and the verb that states it ("resigned as", "will become")."""
    words = lexicon.role_tense_words()
    if title_head is not None:
        doc = pd.tokens
        near = [t for t in title_head.subtree if t.i <= title_head.i]
        near += [doc[i] for i in range(max(near[0].i - 2, 0), near[0].i)]  # "ex-" the parser hung elsewhere
        near += [doc[i] for i in range(title_head.i + 1, min(title_head.i + 3, len(doc))) if doc[i - 1].text == "-"]
        for t in near:
            if (tense := words.get((t.lower_, "modifier"))) is not None:
                return tense
    if verb is not None:
        if (tense := words.get((verb.lemma_.lower(), "verb"))) is not None:
            return tense
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
            return "future"
        if verb.dep_ == "xcomp" and any(c.lower_ == "to" for c in verb.children) and verb.head.lemma_ in ("be", "set", "due"):
            return "future"  # "is to become", "is set to become", "is due to take over as"
    return "current"


def _roles(pd, person: Mention, title: str, orgs: list[Mention], anchor: Token, confidence: float, pattern: str,
           tense: str = "current") -> Iterator[Triple]:
    """One triple per organisation (the nearest at full confidence), or one with no organisation.

    A country or place is no organisation of an occupation: "an American chess player" is a nationality.
    """
    words = title.lower().split()
    if words and words[-1] in lexicon.words("professions.txt"):
        orgs = [o for o in orgs if o.type not in PLACE_TYPES]
    # "the best coach at UEFA Euro 2008": a name that ends in a year is an event, no organisation
    orgs = [o for o in orgs if not re.fullmatch(r"(18|19|20)\d\d", o.text.rsplit(" ", 1)[-1])]
    for k, org in enumerate(orgs or [None]):
        yield make_triple(pd, "role", person, title, org, anchor, round(confidence * (C.FURTHER_ORG_DISCOUNT if k else 1.0), 3), pattern, tense=tense)


def _person_entities(pd: ParsedDoc) -> Iterator[tuple[Entity, Token]]:
    """Every PERSON entity of the document, with its head token."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for ent in pd.entities:
        if ent.type == "PERSON":
            yield ent, doc[ent.head]


def title_before_name(pd: ParsedDoc) -> Iterator[Triple]:
    """'US Secretary of State Mike Pompeo', 'Coast Guard spokesman Lt. Pat Philbin', 'CBS’ Holly Williams'."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for ent in pd.entities:
        if ent.type != "PERSON":
            continue
        head = doc[ent.head]
        prefix = range(head.left_edge.i, ent.start)
        if not prefix and ent.start > 0 and _is_title_head(doc[ent.start - 1]) and head.head.i != ent.start - 1:
            # '"...," chairman and chief executive Richard Parsons said', the title parsed apart from the name
            # (a name in apposition to the title is the appositive pattern's: "its leader Alex Salmond")
            prefix = range(doc[ent.start - 1].left_edge.i, ent.start)
        if not prefix:
            continue
        # any part of speech: the tagger reads "general" in "top Iranian general Qasem Soleimani" as an adjective
        titles = [i for i in prefix if is_title(doc[i]) and not doc[i].is_punct]
        t = doc[titles[-1]] if titles else None
        name_start = ent.start
        if t is not None:
            # "Deputy Prime Minister Mr Prescott": an honorific between title and name is neither
            while name_start - 1 > t.i and doc[name_start - 1].lower_.rstrip(".") in lexicon.honorifics():
                name_start -= 1
        if t is not None and _title_binds(doc, t, name_start):
            first, last = _title_span(pd, t, stop=name_start)
            pd.title_tokens.update(range(first.i, last.i + 1))
            national = lexicon.national_offices().get(t.lower_) is not None
            orgs = (_prefix_orgs(pd, range(prefix.start, first.i)) or _title_of_orgs(pd, t)
                    or _own_preposition_orgs(pd, head, countries=national) or _apposed_org(pd, head))
            yield from _roles(pd, ent.mention, _title_text(pd, first, last), orgs, head, C.TITLE_BEFORE_NAME, "title_before_name", _tense(pd, t))
        else:
            # "CBS’ Holly Williams", "fellow Democrat Sidney Yates": the organisation, right before the name, is
            # known; the role is not
            owner = _adjacent_owner(pd, ent.start)
            orgs = [o for o in _prefix_orgs(pd, owner) if _proper(o)] or _unknown_place_owner(pd, owner)
            yield from (t for t in _roles(pd, ent.mention, "", orgs, head, C.ORG_BEFORE_NAME, "title_before_name") if orgs)


def title_of_before_name(pd: ParsedDoc) -> Iterator[Triple]:
    """'the President of Poland , Lech Walesa', 'the president of Warsaw Stefan Nowak': a title with its
    'of' phrase right before a name (a comma between or none), however the parser joined them (it often
    hangs the name from the place, or conjoins it with the title)."""
    doc = pd.tokens
    for ent in pd.entities:
        end = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].text == "," else ent.start
        owner = pd.token_entity.get(end - 1) if end > 0 else None
        if (ent.type != "PERSON" or owner is None or owner.end != end or owner.type not in ("GPE", "ORG") or owner.start < 2
                or owner.start in pd.title_tokens):  # "Secretary of State Mike Pompeo": "State" is the title's own word
            continue
        of, title = doc[owner.start - 1], doc[owner.start - 2]
        if of.lower_ != "of" or not _is_title_head(title) or title.i in pd.token_entity or _supposed(title):
            continue
        first, _ = _title_span(pd, title)
        yield from _roles(pd, ent.mention, _title_text(pd, first, title), [owner.mention], doc[ent.head], C.TITLE_BEFORE_NAME,
                          "title_before_name", _tense(pd, title))


MEMBERSHIP_VERBS = {"consist": "of", "comprise": "-", "compose": "of"}  # "consists of", "comprises", "is composed of"
LIST_GLUE = frozenset((",", "and", "&"))


def members_listed(pd: ParsedDoc) -> Iterator[Triple]:
    """'The Harbour Lights are a folk group formed in 1990 consisting of Tom Reed, Ann Ross and Jo Lane',
    'the group consists of vocalist Jo Lane, guitarist Tom Reed and drummer Sam Cole': the people an
    organisation consists of are its members. The names are read in the text after the verb (the parser
    seldom gets a list of names right), each after a comma, "and" or a title word of its own."""
    doc = pd.tokens
    for verb in pd.tokens_with_pos("VERB"):
        prep = MEMBERSHIP_VERBS.get(verb.lemma_)
        if prep is None or modality_of(verb) != "asserted":
            continue
        i = verb.i + 1 if prep == "-" else verb.i + 2
        if (prep != "-" and (i > len(doc) or doc[verb.i + 1].lower_ != prep)) or (org := _listing_org(pd, verb)) is None:
            continue
        while i < len(doc):
            ent = pd.token_entity.get(i)
            if ent is not None and ent.type == "PERSON" and ent.start == i:
                yield from _roles(pd, ent.mention, "member", [org], doc[ent.head], C.MEMBERS_LISTED, "members_listed",
                                  _tense(pd, None, verb))
                i = ent.end
            elif doc[i].lower_ in LIST_GLUE or (_is_title_head(doc[i]) and i not in pd.token_entity):
                i += 1  # "vocalist Jo Lane , guitarist Tom Reed and drummer Sam Cole"
            else:
                break


def _listing_org(pd: ParsedDoc, verb: Token) -> Mention | None:
    """The organisation that consists of the list: the verb's subject ("The band comprises ..."), or the noun
    the verb's clause describes ("a folk group ... consisting of"), or that noun's subject when it is a
    copula's complement ("The Harbour Lights are a folk group ...")."""
    node = verb
    for _ in range(3):  # "a folk group formed in 1990 consisting of": through the clauses that describe the noun
        if node.dep_ in ("acl", "advcl", "relcl") and node.head.i != node.i:
            node = node.head
        else:
            break
    if node.pos_ in ("VERB", "AUX"):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _organisation(pd, subject) if subject is not None else None
    if (org := _organisation(pd, node)) is not None:
        return org
    if node.dep_ == "attr" and node.head.lemma_ == "be":
        subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
        return _organisation(pd, subject) if subject is not None else None
    return None


def _title_binds(doc, title: Token, name_start: int) -> bool:
    """Is the title word the name's own? Only "of State" may come between ("Secretary of State Mike
    Pompeo"), and the full stop of "Lt."; "fellow Democrat Sidney Yates" is the party's member, no fellow's."""
    between = [i for i in range(title.i + 1, name_start) if doc[i].text != "."]
    return not between or (doc[title.i + 1].lower_ == "of"
                           and all(doc[i].pos_ == "PROPN" or doc[i].lower_ in ("of", "the") for i in between))


def title_of_pair(pd: ParsedDoc) -> Iterator[Triple]:
    """'husband and wife economist team Jim and Margaret Cuthbert': a title, then a noun for a few people who work
    together (``pair_nouns.txt``), then their names joined by 'and': each holds the title."""
    doc = pd.tokens
    for ent in pd.entities:
        if ent.type != "PERSON" or ent.start < 2 or doc[ent.start - 1].lemma_.lower() not in lexicon.words("pair_nouns.txt"):
            continue
        title = doc[ent.start - 2]
        if not _is_title_head(title) or title.i in pd.token_entity:
            continue
        people = [ent]
        while people[-1].end + 1 < len(doc) and doc[people[-1].end].lower_ == "and":
            nxt = pd.token_entity.get(people[-1].end + 1)
            if nxt is None or nxt.type != "PERSON" or nxt.start != people[-1].end + 1:
                break
            people.append(nxt)
        first, last = _title_span(pd, title)
        for person in people:
            yield from _roles(pd, person.mention, _title_text(pd, first, last), [], doc[person.head], C.TITLE_BEFORE_NAME,
                              "title_of_pair", _tense(pd, title))


def _apposed_titles(pd: ParsedDoc, name: Token) -> list[tuple[Token, float]]:
    """Title nouns in apposition to a name: 'Fawaz Gerges, a professor ...'.

    Also through a party-and-state tag or an age ("Sen. Dennis DeConcini, D-Ariz., chairman
    of ..."), and across conjoined descriptions ("one of Ethiopia's lawyers and a former
    member of the country's High Court").
    """
    out: list[tuple[Token, float]] = []
    frontier = [(c, 0) for c in name.children if c.dep_ == "appos"]
    while frontier:
        node, hops = frontier.pop(0)
        for t in conjuncts(node):
            if _is_title_head(t) and t.i not in pd.token_entity:
                out.append((t, C.APPOSED_TITLE if hops == 0 else C.APPOSED_TITLE_FURTHER))
        ent = pd.token_entity.get(node.i)
        if hops == 0 and not _is_title_head(node) and (ent is None or ent.type not in ("PERSON", "ORG")):
            frontier.extend((g, 1) for g in node.children if g.dep_ == "appos")
    return out


def _title_over_org(pd: ParsedDoc, name: Token) -> Token | None:
    """'the chairman of the United Djibouti Opposition Front, Mohamed Ahmed Issa': the title whose
    organisation the name is in apposition to."""
    org = name.head
    if name.dep_ != "appos" or org.dep_ != "pobj" or _organisation(pd, org) is None:
        return None
    title = org.head.head
    return title if org.head.dep_ == "prep" and _is_title_head(title) and title.i not in pd.token_entity else None


def appositive(pd: ParsedDoc) -> Iterator[Triple]:
    """'Fawaz Gerges, a professor ... at the LSE', 'the top Iranian enforcer, Qassem Soleimani',
    'the chairman of the Front, Mohamed Ahmed Issa'."""
    for ent, head in _person_entities(pd):
        pairs = _apposed_titles(pd, head)
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:  # '"Bellona" members Nils Bemer and Tomas Nilsen'
            first = first.head
        title = first.head
        # a plural title names several people: '"Bellona" members Nils Bemer and Tomas Nilsen'
        several = len(conjuncts(first)) > 1
        if first is not head:  # "Ann Ross and Jo Lane, both directors of ...": a plural title of the first is every one's
            pairs += [(t, c) for t, c in _apposed_titles(pd, first) if t.tag_ in ("NNS", "NNPS")]
        if first.dep_ == "appos" and _is_title_head(title) and title.i not in pd.token_entity and (
                title.tag_ not in ("NNS", "NNPS") or several):
            pairs.append((title, C.NAME_APPOSED_TO_TITLE))
        if (over := _title_over_org(pd, head)) is not None:
            pairs.append((over, C.TITLE_OVER_ORG))
        groups: dict[int, dict[int, tuple[str, list[Mention]]]] = {}
        for title_head, confidence in pairs:
            if _supposed(title_head) or (title_head.tag_ in ("NNS", "NNPS") and not several):
                continue  # "Tom Reed was a pupil of Ann Ross and Jo Lane, both directors of ...": the directors are theirs
            text, orgs = _title_in_group(pd, title_head, groups)
            yield from _roles(pd, ent.mention, text, orgs, head, confidence, "appositive", _tense(pd, title_head))
        yield from _relative_as_title(pd, ent, head)


def _relative_as_title(pd: ParsedDoc, ent: Entity, head: Token) -> Iterator[Triple]:
    """'his predecessor as CEO, Jim Cantalupo', 'her successor as chairman, Ann Lowe': the name written after the
    title held the title (a predecessor no longer), whatever the parser hung the name from."""
    doc = pd.tokens
    if ent.start < 4 or doc[ent.start - 1].text != ",":
        return
    title = doc[ent.start - 2]
    relative = title.head.head if title.head.lower_ == "as" and title.dep_ == "pobj" else None
    tense = lexicon.role_tense_words().get((relative.lemma_.lower(), "relative")) if relative is not None else None
    if tense is None or not _is_title_head(title):
        return
    first, last = _title_span(pd, title)
    yield from _roles(pd, ent.mention, _title_text(pd, first, last), _orgs_in_phrase(pd, title), head, C.NAME_APPOSED_TO_TITLE,
                      "appositive", tense)


def _person_subject(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    """The person a verb's subject names, following 'who' up to the noun it modifies."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            child = verb.head
            if child.dep_ == "attr" and _is_title_head(child) and child.head.lemma_ in COPULAS:
                return _person_subject(pd, child.head)  # "X is a footballer who plays for Y": X plays for Y
            if child.dep_ == "appos" and _is_title_head(child):
                child = child.head  # "X, a footballer who plays for Y"
        if (person := _person_at(pd, child)) is not None:
            return person, child
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "having" for c in verb.children)):
            return _person_subject(pd, verb.head)  # "Joining the company as a trainee, Mr Bell ...": the main clause's subject
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return _person_subject(pd, verb.head.head)  # "Before joining the party, he ...", "after playing for X, he ..."
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and _is_title_head(verb.head) and verb.head.dep_ == "attr" \
                and verb.head.head.lemma_ in COPULAS:
            return _person_subject(pd, verb.head.head)  # "X was a singer, best known as the lead vocalist of Y"
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return _person_object(pd, verb.head)  # "Obama nominated Hochstein to be ...": the object's clause
        if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            # "who is a major and works at the Pentagon", "started playing for X": the governing verb's subject
            return _person_subject(pd, verb.head)
    return None


def _person_at(pd: ParsedDoc, tok: Token) -> Mention | None:
    """The person a token names: a name, or a pronoun or description resolved to one ("he")."""
    ent = pd.token_entity.get(tok.i)
    if ent is not None:
        return ent.mention if ent.type == "PERSON" else None
    m = pd.resolved.get(tok.i)
    return m if m is not None and m.type == "PERSON" else None


def _person_object(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    for child in verb.children:
        if child.dep_ == "dobj" and (person := _person_at(pd, child)) is not None:
            return person, child
    return None


def as_title(pd: ParsedDoc) -> Iterator[Triple]:
    """'confirmed Mr. Kadhimi ... as prime minister', 'served as spokesman for Acme',
    'named Larry Jinks publisher of the Mercury News', 'Jinks has been named publisher of ...'."""
    for verb in pd.tokens_with_pos("VERB", "AUX"):
        if verb.n_rights:  # "as" or an object predicate follows the verb
            yield from _as_title_at(pd, verb)


def _as_title_at(pd: ParsedDoc, verb: Token) -> Iterator[Triple]:
    children = list(verb.children)  # each walk over .children scans the verb's span and makes new Tokens: walk once
    heads = [c for c in children if c.dep_ == "oprd" and _is_title_head(c)]
    heads += [g for c in children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj" and _is_title_head(g)]
    yield from _as_party_member(pd, verb, children)
    for title_head in heads:
        person = _person_object(pd, verb) or _person_subject(pd, verb)
        if person is None or _supposed(title_head):
            continue
        for title, text, orgs in _conjoined_titles(pd, title_head):  # "named Jim Hale as chairman and chief executive of Acme"
            # "played as a winger for River Plate", "worked as an analyst at Acme": the verb's own phrase
            orgs = orgs or next((orgs for p in VERB_ORG_PREPOSITIONS if (orgs := _object_orgs(pd, verb, p))), [])
            yield from _roles(pd, person[0], text, orgs, person[1], C.AS_TITLE, "as_title", _tense(pd, title, verb))


def _as_party_member(pd: ParsedDoc, verb: Token, children: list[Token]) -> Iterator[Triple]:
    """'was elected as a Democrat to the Sixty-second Congress', 'returned to politics as a Christian Democrat': a
    party's name or nickname after 'as' makes the person a member of the party."""
    for prep in children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for pobj in prep.children:
            party = _party(pd, pobj, pd.token_entity.get(pobj.i)) if pobj.dep_ == "pobj" else None
            person = _person_object(pd, verb) or _person_subject(pd, verb) if party is not None else None
            if party is not None and person is not None and modality_of(verb) == "asserted":
                yield from _roles(pd, person[0], "member", [party], person[1], C.AS_TITLE, "as_title", _tense(pd, None, verb))


def role_noun(pd: ParsedDoc) -> Iterator[Triple]:
    """'his appointment as chairman of the British Council', 'the election of Jane Doe as leader of the party',
    'her resignation as minister' (a former role)."""
    nouns = lexicon.pairs("role_nouns.tsv")
    for noun in pd.tokens_with_pos("NOUN"):
        if noun.lemma_ in nouns:
            yield from _role_noun_at(pd, noun)


def _role_noun_at(pd: ParsedDoc, noun: Token) -> Iterator[Triple]:
    tense = lexicon.pairs("role_nouns.tsv").get(noun.lemma_.lower())
    if tense is None:
        return
    children = list(noun.children)
    person = next(((p, c) for c in children if c.dep_ == "poss" and (p := _person_at(pd, c)) is not None), None)
    if person is None:  # "the election of Jane Doe as leader"
        person = next(((p, g) for c in children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                       if g.dep_ == "pobj" and (p := _person_at(pd, g)) is not None), None)
    if person is None or _supposed(noun):
        return
    for prep in children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for title_head in prep.children:
            if title_head.dep_ == "pobj" and _is_title_head(title_head):
                first, last = _title_span(pd, title_head)
                yield from _roles(pd, person[0], _title_text(pd, first, last), _orgs_in_phrase(pd, title_head), person[1],
                                  C.ROLE_NOUN, "role_noun", tense)


def office_noun(pd: ParsedDoc) -> Iterator[Triple]:
    """'prepares to assume the presidency of the G8', 'took the helm at Acme', 'lost the leadership of the party'."""
    nouns = lexicon.pairs("office_nouns.tsv")
    for noun in pd.tokens_with_pos("NOUN"):
        if noun.lemma_.lower() in nouns and noun.dep_ == "dobj":
            yield from _office_noun_at(pd, noun.head)


def _office_noun_at(pd: ParsedDoc, verb: Token) -> Iterator[Triple]:
    nouns = lexicon.pairs("office_nouns.tsv")
    if verb.lemma_.lower() not in lexicon.words("office_verbs.txt"):
        return  # "use the UK's G8 presidency" says nothing of who holds it
    for noun in verb.children:
        if noun.dep_ != "dobj" or noun.lemma_.lower() not in nouns:
            continue
        person = _clause_person(pd, verb)
        if person is None or modality_of(verb) != "asserted":
            continue
        orgs = _orgs_in_phrase(pd, noun) or _object_orgs(pd, verb, "at")
        yield from _roles(pd, person[0], nouns[noun.lemma_.lower()], orgs, person[1], C.OFFICE_NOUN, "office_noun", _tense(pd, None, verb))


def _clause_person(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    """The person a clause is about; 'elected Richard Celeste to be chairman': the object of the verb it completes."""
    person = _person_subject(pd, verb)
    if person is None and verb.dep_ == "xcomp":
        person = _person_object(pd, verb.head) or _person_subject(pd, verb.head)
    return person


def copula(pd: ParsedDoc) -> Iterator[Triple]:
    """'Smith is the president of Acme', 'Jones, who became chairman of Acme', 'elected X to be chairman of Acme'."""
    for verb in pd.tokens:
        if verb.lemma_ in COPULAS:
            yield from _copula_at(pd, verb)


def _copula_at(pd: ParsedDoc, verb: Token) -> Iterator[Triple]:
    if verb.lemma_ not in COPULAS:
        return
    person = _clause_person(pd, verb)
    if person is None:
        yield from _inverted_copula(pd, verb)
        return
    if modality_of(verb) != "asserted":  # "Smith is not the chairman", "would become chairman"
        return
    for subject in _with_conjoined(pd, person):
        yield from _copula_titles(pd, verb, subject)


def _copula_titles(pd: ParsedDoc, verb: Token, person: tuple[Mention, Token]) -> Iterator[Triple]:
    for attr in verb.children:
        if attr.dep_ != "attr" or not _is_title_head(attr) or _supposed(attr):
            continue
        # "He became chief operating officer and president": each conjoined title; "vice president of X and a
        # senior editor at Y": a conjoined title's own phrase names its organisation
        # "an American sociologist and college administrator, the first president of Fisk University": apposed titles
        apposed = [a for t in conjuncts(attr) for a in t.children if a.dep_ == "appos" and _is_title_head(a) and a.i not in pd.token_entity]
        for title, text, orgs in _conjoined_titles(pd, attr):
            yield from _roles(pd, person[0], text, orgs, person[1], C.COPULA, "copula", _tense(pd, title, verb))
        for title in apposed:
            first, last = _title_span(pd, title)  # first: it marks the title's words ("Home" of "Home Secretary")
            yield from _roles(pd, person[0], _title_text(pd, first, last), _orgs_in_phrase(pd, title), person[1], C.COPULA,
                              "copula", _tense(pd, title, verb))


def _inverted_copula(pd: ParsedDoc, verb: Token) -> Iterator[Triple]:
    """'The chief executive of Acme is John Smith', 'The first president of the league was Tom Reed':
    the title is the subject and the person its complement."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (subject is None or not _is_title_head(subject) or subject.i in pd.token_entity or _supposed(subject)
            or modality_of(verb) != "asserted"):  # "The chairman of Acme is not John Smith"
        return
    for attr in verb.children:
        person = _person_at(pd, attr) if attr.dep_ == "attr" else None
        if person is not None:
            first, last = _title_span(pd, subject)
            yield from _roles(pd, person, _title_text(pd, first, last), _orgs_in_phrase(pd, subject), attr, C.COPULA,
                              "copula", _tense(pd, subject, verb))


def _with_conjoined(pd: ParsedDoc, person: tuple[Mention, Token]) -> list[tuple[Mention, Token]]:
    """The person and everyone conjoined with them: 'Anna Berg and Jon Lind joined the party', 'Tom Hale and his
    brother Jim Hale founded Acme' (a conjoined description's name in apposition)."""
    people = [person]
    if person[1].dep_ not in ("nsubj", "nsubjpass"):
        return people  # "Jones and Smith, who is a lawyer": only a clause's own subject is shared
    doc = pd.tokens
    for tok in conjuncts(person[1]):
        # "Khare (born in Durg, Madhya Pradesh)": names the parser conjoined across a bracket are no coordination
        if tok.i == person[1].i or any(doc[i].text in "()" for i in range(min(tok.i, person[1].i), max(tok.i, person[1].i))):
            continue
        found = _person_at(pd, tok)
        if found is None and (named := next((a for a in tok.children if a.dep_ == "appos"), None)) is not None:
            tok, found = named, _person_at(pd, named)
        if found is not None and all(found.start != p[0].start for p in people):
            people.append((found, tok))
    return people


def _object_orgs(pd: ParsedDoc, verb: Token, preposition: str) -> list[Mention]:
    """The organisations a role verb governs: its object, or the object of its preposition.

    "the International Crisis Group's Middle East program": the owner of the object counts.
    """
    if preposition == "-":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    elif preposition == "by":  # "was drafted by the Philadelphia 76ers": the passive's agent
        objects = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:  # "covers the White House for The Associated Press": the phrase may hang from the object
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        objects = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == preposition for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        # "joined the faculty of the University of Hamburg": the organisation may be the object's own, when it is
        # the phrase's object itself ("formed a list of EU critics" founds no EU)
        heads = [pd.offset + g.idx for c in obj.rights if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        orgs = [m for m in _orgs_at(pd, obj) if m.type == "ORG"] or [
            m for m in _orgs_in_phrase(pd, obj) if m.type == "ORG" and any(m.start <= h < m.end for h in heads)]
        if not orgs and (untagged := _untagged_name(pd, obj)) is not None:
            orgs = [untagged]
        if orgs:
            return orgs + [m for m in _listed_after(pd, orgs[-1]) if all(m.start != o.start for o in orgs)]
    return []


def _untagged_name(pd: ParsedDoc, obj: Token) -> Mention | None:
    """'plays for SK Schwadorf', the name untagged: what a role verb governs by its preposition is an organisation
    when it is a name the tagger gave no type at all (a person or a place it would have tagged)."""
    if obj.pos_ != "PROPN" or obj.i in pd.token_entity or obj.i in pd.resolved or obj.ent_type_ or not obj.text[:1].isupper():
        return None
    words = [t for t in obj.subtree if t.i <= obj.i]
    if not all(t.pos_ == "PROPN" and t.i not in pd.token_entity and not t.ent_type_ for t in words) or demonym_country(obj):
        return None
    return pd.mention(words[0], obj, "ORG")


def _listed_after(pd: ParsedDoc, org: Mention) -> list[Mention]:
    """'played for Arsenal, Chelsea and Everton': the names listed with an organisation, read off the words
    (the parser often hangs such a list anywhere). Only a list closed by 'and' or 'or' counts, and only names
    tagged as organisations or places ("Kansas City Kings"), never people nor the subject of a next clause."""
    doc = pd.tokens
    ent = next((e for e in pd.entities if e.mention.start == org.start), None)
    out: list[Mention] = []
    while ent is not None and ent.end + 1 < len(doc):
        i = ent.end
        closing = doc[i].lower_ in ("and", "or") or (doc[i].text == "," and doc[i + 1].lower_ in ("and", "or"))
        i += 2 if doc[i].text == "," and closing else 1
        if doc[i - 1].text != "," and not closing:
            break
        i += 1 if doc[i].lower_ == "the" else 0
        ent = pd.token_entity.get(i)
        if ent is None or ent.start != i or ent.type not in ORG_TYPES:
            return []
        if ent.end < len(doc) and doc[ent.end].pos_ in ("VERB", "AUX"):
            return []  # "..., and Marshall is a lawyer": the subject of the next clause
        out.append(ent.mention.model_copy(update={"type": "ORG"}))
        if closing:
            return out
    return []


def _passive_role(pd: ParsedDoc, verb: Token) -> tuple[list[tuple[Mention, Token]], list[Mention]] | None:
    """'the Mediterranean Foundation headed by Juan Novara', 'The Theater was founded in 1977 by Leigh Gibbs Gore',
    'The band was formed by Ann Lee and Tom Ross' (each agent)."""
    people = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (t for g in agent.children if g.dep_ == "pobj" for t in conjuncts(g)):
            ent = pd.token_entity.get(pobj.i)
            if ent is not None and ent.type == "PERSON":
                people.append((ent.mention, pobj))
    if not people:
        return None
    if verb.dep_ == "acl":
        org_tokens = [verb.head]
    else:
        org_tokens = [c for c in verb.children if c.dep_ == "nsubjpass"]
    orgs = [m for t in org_tokens for m in _orgs_at(pd, t) if m.type == "ORG"]
    return (people, orgs) if orgs else None


def role_verb(pd: ParsedDoc) -> Iterator[Triple]:
    """'Joost Hitermann, who leads the International Crisis Group's ... program', 'Smith works for Acme',
    'the Mediterranean Foundation headed by Juan Novara'."""
    table = lexicon.role_verbs()
    for verb in pd.tokens_with_pos("VERB"):
        if verb.lemma_ in table:
            yield from _role_verb_at(pd, verb)


def _role_verb_at(pd: ParsedDoc, verb: Token) -> Iterator[Triple]:
    table = lexicon.role_verbs()
    if verb.lemma_ not in table:
        return
    passive = _passive_role(pd, verb)
    if passive is not None:
        titles = [title for title, preposition in table[verb.lemma_] if preposition == "-"]
        for agent, anchor in passive[0] if titles else []:
            yield from _roles(pd, agent, titles[0], passive[1], anchor, C.ROLE_VERB_PASSIVE, "role_verb")
        return
    subject = _person_subject(pd, verb)
    if subject is None:
        return
    for title, preposition in table[verb.lemma_]:
        orgs = _object_orgs(pd, verb, preposition)
        if orgs:
            for member in _with_conjoined(pd, subject):
                yield from _roles(pd, member[0], title, orgs, member[1], C.ROLE_VERB, "role_verb", _tense(pd, None, verb))
            break


def name_of_org(pd: ParsedDoc) -> Iterator[Triple]:
    """'John Smith of IBM', 'Fang Kaitai at the Institute of Applied Mathematics', 'James G. Blight and
    David A. Welch of Harvard University's John F. Kennedy School': the role is unknown."""
    for ent, name in _person_entities(pd):
        orgs = _own_preposition_orgs(pd, name)
        if not orgs:
            continue
        people = [ent.mention]
        if name.dep_ == "conj" and (first := pd.token_entity.get(name.head.i)) is not None and first.type == "PERSON":
            people.append(first.mention)  # "Blight and Welch of Harvard": the phrase follows the last name
        # "Mia Torres and Lena Holt of the pop group Velvet Crush", the phrase parsed as the first name's
        people += [m for c in conjuncts(name) if c.i != name.i and (m := _person_at(pd, c)) is not None and m.end < orgs[0].start]
        for person in people:
            yield from _roles(pd, person, "", orgs, name, C.NAME_OF_ORG, "name_of_org")


def possessor_of_org(pd: ParsedDoc) -> Iterator[Triple]:
    """"Brian Mulroney's Progressive Conservative Party", "Galicia's Mexican Oil Workers Union": a person who
    owns an organisation by the possessive belongs to it; the role is unknown."""
    for ent in pd.entities:
        name = pd.tokens[ent.head]
        if ent.type != "PERSON" or name.dep_ != "poss" or not any(c.dep_ == "case" for c in name.children):
            continue
        org = pd.token_entity.get(name.head.i)
        if org is None or org.type != "ORG" or not _proper(org.mention) or not _names_a_body(org.mention.text):
            continue
        between = pd.tokens[ent.end : org.start]
        # "Coltrane's own 1957 Blue Train" is a work of his, not a body he belongs to
        if all(t.dep_ == "case" or (t.pos_ in ("ADJ", "ADV") and t.lower_ != "own") for t in between):
            yield make_triple(pd, "role", ent.mention, "", org.mention, name, C.POSSESSOR_CONFIDENCE, "possessor_of_org")


def bracketed_party(pd: ParsedDoc) -> Iterator[Triple]:
    """'the county mayor is Janne Johnsen (Conservative Party)': a party in brackets right after a name."""
    doc = pd.tokens
    for ent in pd.entities:
        if ent.type != "PERSON" or ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
            continue
        close = next((i for i in range(ent.end + 1, min(ent.end + 7, len(doc))) if doc[i].text == ")"), None)
        words = doc[ent.end + 1 : close] if close else []
        # the tagger often leaves the bracket untagged: capitalised words ending in "Party", or a party's name
        if not words or not all(w.text[:1].isupper() for w in words):
            continue
        party = pd.mention(words[0], words[-1], "ORG")
        if words[-1].lower_ == "party" or party.text.lower() in lexicon.party_aliases():
            yield make_triple(pd, "role", ent.mention, "member", party, doc[ent.head], C.BRACKETED_PARTY_CONFIDENCE, "bracketed_party")


def _names_a_body(name: str) -> bool:
    """'Progressive Conservative Party', 'Mexican Oil Workers Union', 'Labour': an organisation by its head word or a
    party's name; a work the tagger took for one ("Shakespeare's Pericles") is not."""
    return name.split()[-1].lower() in lexicon.org_words() or name.lower() in lexicon.party_aliases()


def team_sheet(pd: ParsedDoc) -> Iterator[Triple]:
    """'Wasps: Van Gisbergen; Lewsey, Erinle, ...; Dallaglio (capt).': the line-up a match report ends with.

    Each name of a side's line-up is a player of the side (its captain when marked "(capt)"), and the names
    under "Replacements:" that follow it its replacements. The side is the line-up's header when the document
    names it, else, for the two line-ups of a report whose headline is "Wasps 31-37 Leicester" or "Leeds v
    Saracens", the headline's side in the same order (home first). A player written by surname alone is the one
    full name of the document with that surname ("Lewsey": Josh Lewsey).
    """
    # cheap test first: a paragraph with rugby's rows, or a header and ten names
    if not any(p.count(";") >= LINEUP_MIN_ROWS or (":" in p and p.count(",") >= LINEUP_MIN_PLAYERS - 1) for p in pd.chunk_text.split("\n")):
        return
    pieces = [p for p in _lineup_pieces(pd) if p[2]]
    if not pieces:
        return
    sides = _headline_sides(pd)
    headerless = {id(p): k for k, p in enumerate(p for p in pieces if p[0] is None and p[1] == "lineup")}
    named = {e.mention.text.lower() for e in pd.entities if e.type != "PERSON"} | {m.text.lower() for m in sides}
    starts = [t.idx for t in pd.tokens]
    team: Mention | None = None
    for piece in pieces:
        header, kind, items = piece
        if kind == "lineup":
            if header is not None:
                # a side the document names: tagged, in the headline, or written again ("Rovers beat United")
                team = header if header.text.lower() in named or pd.text.count(header.text) > 1 else None
            else:  # home side first, as the headline writes it
                team = sides[headerless[id(piece)]] if len(headerless) == len(sides) else None
        if team is None:
            continue
        for person, mark in items:
            title = "replacement" if kind == "replacement" else "captain" if mark == "captain" else "player"
            anchor = pd.tokens[max(bisect_right(starts, person.start - pd.offset) - 1, 0)]
            yield make_triple(pd, "role", person, title, team, anchor, C.TEAM_SHEET, "team_sheet")
        if kind == "replacement":
            team = None  # a side's replacements end its team sheet


LineupPiece = tuple[Mention | None, str, list[tuple[Mention, str]]]


def _lineup_pieces(pd: ParsedDoc) -> list[LineupPiece]:
    """The team sheets of a text in order: (header as a mention or None, 'lineup' or 'replacement', players with
    their mark). A piece is a paragraph, or a part of one that starts with a header ("... Popham. Saracens: ...")."""
    out: list[LineupPiece] = []
    marks = lexicon.pairs("lineups.tsv")
    at = 0
    for paragraph in pd.chunk_text.split("\n"):
        base, at = at, at + len(paragraph) + 1
        if "," not in paragraph and ";" not in paragraph:
            continue
        cut = 0
        for piece in [*(m.start() for m in _LINEUP_SPLIT.finditer(paragraph)), len(paragraph)]:
            text, start, cut = paragraph[cut:piece], base + cut, piece
            lead = len(text) - len(text.lstrip())
            text, start = text[lead:], start + lead
            found = _LINEUP_PIECE.match(text)
            if found is None:
                continue
            header = found.group("header")
            kind = marks.get(header.lower()) if header else None
            if header is not None and kind not in (None, "replacement"):
                continue
            items = _lineup_items(pd, found.group("body"), start + found.start("body"))
            rows = found.group("body").count(";")
            if kind == "replacement":
                out.append((None, kind, items))
            elif len(items) >= LINEUP_MIN_PLAYERS and (rows >= LINEUP_MIN_ROWS or header is not None):
                head = None
                if header:
                    h = pd.offset + start + found.start("header")
                    head = Mention(text=pd.text[h : h + len(header)], start=h, end=h + len(header), type="ORG")
                out.append((head, "lineup", items))
    return out


def _lineup_items(pd: ParsedDoc, body: str, start: int) -> list[tuple[Mention, str]]:
    """The players of a line-up's names, each with its mark ('captain' or ''); none when any piece is no name
    ("Everitt for Mapletoft (53)", "Rooney 68")."""
    marks = lexicon.pairs("lineups.tsv")
    lower = lexicon.name_particles("lowercase")
    out = []
    at = 0
    for item in _LINEUP_ITEM.finditer(body):
        if item.start() != at or not item.group("name"):
            return []
        at = item.end()
        name = item.group("name")
        if not _player_name(name.split(), lower):
            return []
        captain = any(marks.get(w.strip().lower()) == "captain" for w in (item.group("mark") or "").split(","))
        s = pd.offset + start + item.start("name")
        out.append((_player(pd, Mention(text=name, start=s, end=s + len(name), type="PERSON")), "captain" if captain else ""))
        if item.group("sep") == "":
            break
    return out if at == len(body) else []


def _player_name(words: list[str], lower: frozenset[str]) -> bool:
    """'Van Gisbergen', 'M Johnson', "O'Connor", 'van der Walt': a few capitalised words (or name particles), letters only."""
    return 0 < len(words) <= LINEUP_NAME_WORDS and words[-1][:1].isupper() and all(
        (w[:1].isupper() or w in lower) and w.replace("'", "").replace("’", "").replace("-", "").replace(".", "").isalpha() for w in words)


def _player(pd: ParsedDoc, written: Mention) -> Mention:
    """A line-up's name as a person: "Lewsey" is the document's one Josh Lewsey, "M Johnson" its one Martin Johnson."""
    words = written.text.lower().split()
    initial = words[0] if len(words) == 2 and len(words[0]) <= 2 else None
    surname = " ".join(words[1:] if initial else words)
    fits = {e.mention.antecedent.text: e.mention.antecedent for e in pd.entities
            if e.type == "PERSON" and e.mention.antecedent.text.lower() != written.text.lower()
            and e.mention.antecedent.text.lower().endswith(" " + surname)
            and (initial is None or e.mention.antecedent.text.lower().startswith(initial))}
    return written.model_copy(update={"refers_to": next(iter(fits.values()))}) if len(fits) == 1 else written


def _headline_sides(pd: ParsedDoc) -> list[Mention]:
    """The two sides of a match report's headline, home first: "Wasps 31-37 Leicester", "Leeds v Saracens (Fri)"."""
    if pd.offset:
        return []
    first = pd.text.split("\n", 1)[0]
    found = _SCORE_HEADLINE.match(first)
    if found is None:
        return []
    return [Mention(text=found.group(k), start=found.start(k), end=found.end(k), type="ORG") for k in ("a", "b")]


RolePattern = Callable[[ParsedDoc], Iterator[Triple]]
ROLE_PATTERNS: tuple[RolePattern, ...] = (title_before_name, appositive, as_title, copula, role_verb, role_noun, office_noun,
                                           name_of_org, possessor_of_org, bracketed_party, team_sheet, title_of_pair,
                                           title_of_before_name, members_listed)
"""Every role pattern, in the order they run. ``title_before_name`` runs first because it marks
title words ("State" in "Secretary of State") that must not count as organisations."""


def extract_roles(pd: ParsedDoc) -> list[Triple]:
    """All role triples of one parsed document, without exact repeats.

    A role with no title ("John Smith of IBM") is dropped when another pattern found the
    same person and organisation with a title ("Spokesman Dietmar Kanzer of ... Rollei").
    """
    resolve_org_descriptions(pd)  # "a spokeswoman for the agency": the agency must be known first
    out: list[Triple] = []
    seen = set()
    for pattern in ROLE_PATTERNS:
        for t in pattern(pd):
            key = (t.subject.start, t.predicate.lower(), t.object.start if t.object else None)
            if key not in seen:
                seen.add(key)
                out.append(t)
    titled = {(t.subject.start, t.object.start) for t in out if t.predicate and t.object is not None}
    out = [t for t in out if t.predicate or t.object is None or (t.subject.start, t.object.start) not in titled]
    return _without_lineup_misreads(out)


def _without_lineup_misreads(roles: list[Triple]) -> list[Triple]:
    """Drops what the other patterns read into a team sheet's list of names ("King, Dawson" is no apposition)."""
    spans: dict[int, tuple[int, int]] = {}
    for t in roles:
        if t.pattern == "team_sheet":
            low, high = spans.get(t.sentence_start, (t.subject.start, t.subject.end))
            spans[t.sentence_start] = (min(low, t.subject.start), max(high, t.subject.end))
    if not spans:
        return roles
    return [t for t in roles if t.pattern == "team_sheet" or not any(low <= t.subject.start < high for low, high in spans.values())]


def named_after_description(pd: ParsedDoc) -> Iterator[Triple]:
    """'France's finance minister has said ... . Herve Gaymard said he would seek action': a news lead describes a
    person by title and organisation, and the next sentence names them, for the first time, as the one who says.

    Runs once descriptions are resolved: one that refers back to a person is not this shape. The triple's
    sentence is the one that names the person; ``object_sentence`` is the one with the title and organisation.
    """
    sents = pd.sents
    for head in pd.tokens_with_pos("NOUN"):
        if head.dep_ not in ("nsubj", "nsubjpass") or head.tag_ != "NN" or not _is_title_head(head) or head.i in pd.resolved \
                or head.i in pd.token_entity:
            continue  # one person, described: "the former chief financial officer", not "Israeli officials"
        if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in head.children):
            continue  # "a Norwegian student" is anyone
        if any(c.dep_ == "appos" for c in head.children) or any(pd.token_entity.get(t.i, None) and pd.token_entity[t.i].type == "PERSON"
                                                                for t in head.subtree):
            continue
        k = pd.sentence_index(head)
        if k + 1 >= len(sents):
            continue
        orgs = _orgs_in_phrase(pd, head)
        person = _first_named_speaker(pd, sents[k + 1])
        if not orgs or person is None or _supposed(head):
            continue
        first, last = _title_span(pd, head)
        for t in _roles(pd, person[0], _title_text(pd, first, last), orgs[:1], person[1], C.DESCRIPTION_CONFIDENCE,
                        "named_after_description", _tense(pd, head)):
            yield t.model_copy(update={"object_sentence": pd.sentence_bounds(head)})


def described_roles(pd: ParsedDoc, found: list[Triple]) -> Iterator[Triple]:
    """'The former Labour leader said ...', resolved to the person the document is about: the description's own
    title and organisation are a role of theirs, unless they already hold that title. Runs once descriptions are
    resolved; the subject is the description as written, referring to the person."""
    held = {(t.subject.antecedent.text, t.predicate.lower().split()[-1]) for t in found if t.predicate}
    for i, m in pd.resolved.items():
        tok = pd.tokens[i]
        if m.type != "PERSON" or tok.tag_ not in ("NN", "NNP") or not _is_title_head(tok) or (m.antecedent.text, tok.lower_) in held:
            continue  # a pronoun ("he"), or "the prime minister" resolved to the one person given that role
        first, last = _title_span(pd, tok)
        yield from _roles(pd, m, _title_text(pd, first, last), _orgs_in_phrase(pd, tok), tok, C.DESCRIPTION_CONFIDENCE,
                          "described", _tense(pd, tok))


def _first_named_speaker(pd: ParsedDoc, sent) -> tuple[Mention, Token] | None:
    """The person a sentence names for the first time as the subject of its main verb of saying ("Herve Gaymard
    said ...")."""
    if sent.root.lemma_.lower() not in lexicon.words("speech_verbs.txt"):
        return None  # "John O'Shea was forced off": a match report's next player, not the one described
    found = first_named_subject(pd, sent)
    return (found[0].mention, found[1]) if found is not None else None


def pronoun_roles(pd: ParsedDoc, found: list[Triple]) -> list[Triple]:
    """Roles stated of a pronoun once :func:`~extract.coref.resolve_pronouns` has resolved it: "He became
    chief operating officer", "she was named chairman of Acme". Only the clauses whose subject or object is a
    resolved pronoun are read again ("his appointment as chairman": a noun it owns); a role already found is not
    repeated."""
    heads: dict[int, Token] = {}
    for i, m in pd.resolved.items():
        tok = pd.tokens[i]
        if m.type == "PERSON" and i not in pd.token_entity and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
            heads[tok.head.i] = tok.head
            # "the prime minister prepares to assume the presidency": the clause it controls
            heads.update((c.i, c) for c in tok.head.children if c.dep_ == "xcomp")
    seen = {(t.subject.start, t.predicate.lower()) for t in found}
    out = []
    for head in sorted(heads.values(), key=lambda v: v.i):
        for at in (_as_title_at, _copula_at, _role_verb_at, _role_noun_at, _office_noun_at):
            for t in at(pd, head):
                if (t.subject.start, t.predicate.lower()) not in seen:
                    seen.add((t.subject.start, t.predicate.lower()))
                    out.append(t)
    return out
