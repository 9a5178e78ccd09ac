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
- ``name_of_org``: "John Smith of IBM", "Fang Kaitai at the Institute of Applied Mathematics".

A role's organisation is the organisation, country or demonym inside the same phrase; an
organisation named as such beats a country, and a description of one ("a spokeswoman for
the agency", "a company official") counts once :func:`~extract.coref.resolve_org_descriptions`
has resolved it. When the phrase names several ("Harvard University's Kennedy School",
"CHP (Republican People's Party)"), each gets a role. ``None`` when the phrase names none
(the graph may fill it in from the rest of the corpus).
"""

from __future__ import annotations

from typing import Callable, Iterator, Literal

from spacy.tokens import Token

from extract import confidence as C
from extract import lexicon
from extract.coref import resolve_org_descriptions
from extract.dates import attached_date
from extract.mentions import Entity, ParsedDoc, conjuncts, demonym_country, is_title
from extract.modality import modality_of
from extract.models import Mention, Triple
from extract.names import is_country

ORG_PREPOSITIONS = {"of", "at", "for", "with", "in", "from", "on"}
ORG_TYPES = ("ORG", "GPE")


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
    if ent is None:
        m = pd.resolved.get(tok.i)
        return (pd.named_in_sentence(tok, m) or m) if m is not None and m.type == "ORG" else None
    if demonym_country(tok) and ent.end - ent.start == 1:
        return ent.mention.model_copy(update={"type": "NORP"})  # "Iraqi", even when tagged ORG
    if ent.type == "ORG" and is_country(ent.mention.text):
        return ent.mention.model_copy(update={"type": "GPE"})  # "Belarus's Security Committee": Belarus is a country
    if ent.type in ORG_TYPES or (ent.type == "NORP" and demonym_country(tok)):
        return ent.mention
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
    only when no ORG is named, and never from a locative 'in' ("a spokeswoman for the agency
    in Washington").
    """
    fallback: list[Mention] = []

    def visit(node: Token, depth: int, locative: bool, own: bool) -> list[Mention]:
        found = _orgs_at(pd, node) if not own else [m for t in node.lefts for m in _orgs_at(pd, t)]
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
                # "owner of the Celeste Borlette Banks and the private radio station Celeste FM": both
                orgs = [m for each in conjuncts(pobj) for m in visit(each, depth - 1, locative or prep.lower_ == "in", False)]
                if orgs:
                    return orgs
        return []

    return visit(noun, depth, False, True) or fallback[:1]


def _title_span(pd: ParsedDoc, head: Token, stop: int | None = None) -> tuple[Token, Token]:
    """First and last tokens of a title around its head word: "militia leader", "Secretary of State"."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    first = head
    while first.i > 0:
        prev = doc[first.i - 1]
        inside = prev.head.i in (head.i, first.i) or prev.head.i > prev.i and prev.head.i <= head.i
        wordish = prev.dep_ == "compound" or prev.lower_ in lexicon.words("title_adjectives.txt") or is_title(prev) or prev.lower_ in lexicon.title_modifiers()
        # a name, or a description resolved to an organisation ("station chief"), is no part of the title
        if not (inside and wordish) or prev.i in pd.token_entity or prev.i in pd.resolved or prev.is_punct:
            break
        first = prev
    last = head
    if stop is not None:  # in "Secretary of State Mike Pompeo" everything up to the name is title
        last = doc[stop - 1]
    return first, last


def _title_text(pd: ParsedDoc, first: Token, last: Token) -> str:
    return pd.text[pd.offset + first.idx : pd.offset + last.idx + len(last.text)]


def _is_title_head(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and is_title(tok)


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


def _own_preposition_orgs(pd: ParsedDoc, name: Token) -> list[Mention]:
    """'John Smith of IBM', 'Fang Kaitai at the Institute of Applied Mathematics', 'John Smith with
    the IRS': ORGs in a name's own 'of'/'at'/'with' phrase. After 'with' only the organisation
    itself counts: "met Pompeo with State Department officials" says nothing of Pompeo's job."""
    for prep in name.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "with"):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                found = _orgs_at(pd, pobj) if prep.lower_ != "with" else [m for m in [_organisation(pd, pobj)] if m]
                orgs = [m for m in found if m.type == "ORG"]
                if orgs:
                    return orgs
    return []


def _apposed_org(pd: ParsedDoc, name: Token) -> list[Mention]:
    """'Labor Party (PT) candidate Cecilia Soto', parsed with the name in apposition to the party."""
    org = _organisation(pd, name.head) if name.dep_ == "appos" else None
    return [org] if org is not None and org.type == "ORG" else []


def _supposed(title_head: Token) -> bool:
    """'mentioned as a possible Supreme Court nominee', 'the would-be chairman': a role not held."""
    return modality_of(title_head) != "asserted"


def _roles(pd, person: Mention, title: str, orgs: list[Mention], anchor: Token, confidence: float, pattern: str) -> Iterator[Triple]:
    """One triple per organisation (the nearest at full confidence), or one with no organisation."""
    for k, org in enumerate(orgs or [None]):
        yield make_triple(pd, "role", person, title, org, anchor, round(confidence * (C.FURTHER_ORG_DISCOUNT if k else 1.0), 3), pattern)


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
        if not prefix:
            continue
        # any part of speech: the tagger reads "general" in "top Iranian general Qasem Soleimani" as an adjective
        titles = [i for i in prefix if is_title(doc[i]) and not doc[i].is_punct]
        if titles:
            t = doc[titles[-1]]
            # "of State" may follow the title word, and the full stop of "Lt."; anything else breaks the pattern
            between = [i for i in range(t.i + 1, ent.start) if doc[i].text != "."]
            if between and not (doc[t.i + 1].lower_ == "of" and all(doc[i].pos_ == "PROPN" or doc[i].lower_ == "of" for i in between)):
                continue
            first, last = _title_span(pd, t, stop=ent.start)
            pd.title_tokens.update(range(first.i, last.i + 1))
            orgs = _prefix_orgs(pd, range(prefix.start, first.i)) or _own_preposition_orgs(pd, head) or _apposed_org(pd, head)
            yield from _roles(pd, ent.mention, _title_text(pd, first, last), orgs, head, C.TITLE_BEFORE_NAME, "title_before_name")
        else:
            # "CBS’ Holly Williams": the organisation, right before the name, is known; the role is not
            orgs = [o for o in _prefix_orgs(pd, _adjacent_owner(pd, ent.start)) if _proper(o)]
            yield from (t for t in _roles(pd, ent.mention, "", orgs, head, C.ORG_BEFORE_NAME, "title_before_name") if orgs)


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
        plural_fits = title.tag_ not in ("NNS", "NNPS") or len(conjuncts(first)) > 1
        if first.dep_ == "appos" and _is_title_head(title) and title.i not in pd.token_entity and plural_fits:
            pairs.append((title, C.NAME_APPOSED_TO_TITLE))
        if (over := _title_over_org(pd, head)) is not None:
            pairs.append((over, C.TITLE_OVER_ORG))
        for title_head, confidence in pairs:
            if _supposed(title_head):
                continue
            first, last = _title_span(pd, title_head)
            yield from _roles(pd, ent.mention, _title_text(pd, first, last), _orgs_in_phrase(pd, title_head), head, confidence, "appositive")


def _person_subject(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    """The person a verb's subject names, following 'who' up to the noun it modifies."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            child = verb.head
        ent = pd.token_entity.get(child.i)
        if ent is not None and ent.type == "PERSON":
            return ent.mention, child
    return None


def _person_object(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    for child in verb.children:
        ent = pd.token_entity.get(child.i)
        if child.dep_ == "dobj" and ent is not None and ent.type == "PERSON":
            return ent.mention, child
    return None


def as_title(pd: ParsedDoc) -> Iterator[Triple]:
    """'confirmed Mr. Kadhimi ... as prime minister', 'served as spokesman for Acme',
    'named Larry Jinks publisher of the Mercury News', 'Jinks has been named publisher of ...'."""
    for verb in pd.tokens_with_pos("VERB", "AUX"):
        children = list(verb.children)  # each walk over .children scans the verb's span and makes new Tokens: walk once
        heads = [c for c in children if c.dep_ == "oprd" and _is_title_head(c)]
        heads += [g for c in children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj" and _is_title_head(g)]
        for title_head in heads:
            person = _person_object(pd, verb) or _person_subject(pd, verb)
            if person is None or _supposed(title_head):
                continue
            first, last = _title_span(pd, title_head)
            yield from _roles(pd, person[0], _title_text(pd, first, last), _orgs_in_phrase(pd, title_head), person[1], C.AS_TITLE, "as_title")


def _clause_person(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token] | None:
    """The person a clause is about; 'elected Richard Celeste to be chairman': the object of the verb it completes."""
    person = _person_subject(pd, verb)
    if person is None and verb.dep_ == "xcomp":
        person = _person_object(pd, verb.head) or _person_subject(pd, verb.head)
    return person


def copula(pd: ParsedDoc) -> Iterator[Triple]:
    """'Smith is the president of Acme', 'Jones, who became chairman of Acme', 'elected X to be chairman of Acme'."""
    for verb in pd.tokens:
        if verb.lemma_ not in ("be", "become", "remain"):
            continue
        person = _clause_person(pd, verb)
        if person is None or modality_of(verb) != "asserted":  # "Smith is not the chairman", "would become chairman"
            continue
        for attr in verb.children:
            if attr.dep_ != "attr" or not _is_title_head(attr) or _supposed(attr):
                continue
            first, last = _title_span(pd, attr)
            yield from _roles(pd, person[0], _title_text(pd, first, last), _orgs_in_phrase(pd, attr), person[1], C.COPULA, "copula")


def _object_orgs(pd: ParsedDoc, verb: Token, preposition: str) -> list[Mention]:
    """The organisations a role verb governs: its object, or the object of its preposition.

    "the International Crisis Group's Middle East program": the owner of the object counts.
    """
    if preposition == "-":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    else:  # "covers the White House for The Associated Press": the phrase may hang from the object
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        objects = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == preposition for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        orgs = [m for m in _orgs_at(pd, obj) if m.type == "ORG"]
        if orgs:
            return orgs
    return []


def _passive_role(pd: ParsedDoc, verb: Token) -> tuple[Mention, Token, list[Mention]] | None:
    """'the Mediterranean Foundation headed by Juan Novara', 'The Theater was founded in 1977 by Leigh Gibbs Gore'."""
    person = None
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (g for g in agent.children if g.dep_ == "pobj"):
            ent = pd.token_entity.get(pobj.i)
            if ent is not None and ent.type == "PERSON":
                person = (ent.mention, pobj)
    if person is None:
        return None
    if verb.dep_ == "acl":
        org_tokens = [verb.head]
    else:
        org_tokens = [c for c in verb.children if c.dep_ == "nsubjpass"]
    orgs = [m for t in org_tokens for m in _orgs_at(pd, t) if m.type == "ORG"]
    return (person[0], person[1], orgs) if orgs else None


def role_verb(pd: ParsedDoc) -> Iterator[Triple]:
    """'Joost Hitermann, who leads the International Crisis Group's ... program', 'Smith works for Acme',
    'the Mediterranean Foundation headed by Juan Novara'."""
    table = lexicon.role_verbs()
    for verb in pd.tokens_with_pos("VERB"):
        if verb.lemma_ not in table:
            continue
        passive = _passive_role(pd, verb)
        if passive is not None:
            titles = [title for title, preposition in table[verb.lemma_] if preposition == "-"]
            if titles:
                yield from _roles(pd, passive[0], titles[0], passive[2], passive[1], C.ROLE_VERB_PASSIVE, "role_verb")
            continue
        person = _person_subject(pd, verb)
        if person is None:
            continue
        for title, preposition in table[verb.lemma_]:
            orgs = _object_orgs(pd, verb, preposition)
            if orgs:
                yield from _roles(pd, person[0], title, orgs, person[1], C.ROLE_VERB, "role_verb")
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
        for person in people:
            yield from _roles(pd, person, "", orgs, name, C.NAME_OF_ORG, "name_of_org")


RolePattern = Callable[[ParsedDoc], Iterator[Triple]]
ROLE_PATTERNS: tuple[RolePattern, ...] = (title_before_name, appositive, as_title, copula, role_verb, name_of_org)
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
    return [t for t in out if t.predicate or t.object is None or (t.subject.start, t.object.start) not in titled]
