"""Person–role–organisation triples.

Each pattern is one small generator over a :class:`ParsedDoc`; :data:`ROLE_PATTERNS`
lists them all. The shapes they read:

- ``title_before_name``: "US Secretary of State Mike Pompeo", "top Iranian general Qasem
  Soleimani", "Iran’s Gen. Qassem Soleimani", "CBS’ Holly Williams" (organisation known,
  role unknown);
- ``appositive``: "Fawaz Gerges, a professor of ... at the London School of Economics";
  and the reverse, "the top Iranian enforcer, Qassem Soleimani";
- ``as_title``: "confirmed Mr. Kadhimi ... as prime minister";
- ``copula``: "Smith is the president of Acme", also inside "who is ...";
- ``role_verb``: "Joost Hitermann, who leads the International Crisis Group's ... program";
- ``name_of_org``: "John Smith of IBM".

A role's organisation is the country, demonym or organisation inside the same phrase;
``None`` when the phrase names none (the graph may fill it in from the rest of the corpus).
"""

from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Token

from extract import lexicon
from extract.mentions import Entity, ParsedDoc, demonym_country, is_title
from extract.models import Mention, Triple

ORG_PREPOSITIONS = {"of", "at", "for", "with", "in", "from", "on"}
TITLE_ADJECTIVES = {"prime", "vice", "chief", "foreign", "general", "executive", "supreme", "deputy", "attorney"}
ORG_TYPES = ("ORG", "GPE")


def make_triple(
    pd: ParsedDoc, kind: str, subject: Mention, predicate: str, obj: Mention | None, anchor: Token,
    confidence: float, pattern: str, **extra,
) -> Triple:
    """A Triple grounded in the sentence of ``anchor``."""
    start, end = pd.sentence_bounds(anchor)
    return Triple(
        kind=kind, subject=subject, predicate=predicate, object=obj, doc_id=pd.doc_id,
        sentence_start=start, sentence_end=end, sentence=pd.text[start:end],
        confidence=confidence, pattern=pattern, **extra,
    )


def _organisation(pd: ParsedDoc, tok: Token) -> Entity | None:
    """The organisation or country an entity token stands for, if it can be one."""
    ent = pd.token_entity.get(tok.i)
    if ent is None or tok.i in pd.title_tokens:
        return None
    if ent.type in ORG_TYPES or (ent.type == "NORP" and demonym_country(tok)):
        return ent
    return None


def _org_in_phrase(pd: ParsedDoc, noun: Token, depth: int = 3) -> Entity | None:
    """The organisation named inside a title phrase: its modifiers first, then its prepositions."""
    for child in noun.lefts:  # "the CBS correspondent", "Iraq's prime minister"
        org = _organisation(pd, child)
        if org is not None:
            return org
    if depth == 0:
        return None
    for prep in noun.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ORG_PREPOSITIONS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            org = _organisation(pd, pobj) or _org_in_phrase(pd, pobj, depth - 1)
            if org is not None:
                return org
    return None


def _title_span(pd: ParsedDoc, head: Token, stop: int | None = None) -> tuple[Token, Token]:
    """First and last tokens of a title around its head word: "militia leader", "Secretary of State"."""
    doc = pd.doc
    first = head
    while first.i > 0:
        prev = doc[first.i - 1]
        inside = prev.head.i in (head.i, first.i) or prev.head.i > prev.i and prev.head.i <= head.i
        wordish = prev.dep_ == "compound" or prev.lower_ in TITLE_ADJECTIVES or is_title(prev) or prev.lower_ in lexicon.title_modifiers()
        if not (inside and wordish) or prev.i in pd.token_entity or prev.is_punct:
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


def title_before_name(pd: ParsedDoc) -> Iterator[Triple]:
    """'US Secretary of State Mike Pompeo', 'top Iranian general Qasem Soleimani', 'CBS’ Holly Williams'."""
    doc = pd.doc
    for ent in pd.entities:
        if ent.type != "PERSON":
            continue
        head = doc[ent.head]
        prefix = range(head.left_edge.i, ent.start)
        if not prefix:
            continue
        # any part of speech: the tagger reads "general" in "top Iranian general Qasem Soleimani" as an adjective
        titles = [i for i in prefix if is_title(doc[i]) and not doc[i].is_punct]
        # "of State" may follow the title word; anything else between title and name breaks the pattern
        if titles:
            t = doc[titles[-1]]
            between = range(t.i + 1, ent.start)
            if between and not (doc[t.i + 1].lower_ == "of" and all(doc[i].pos_ == "PROPN" or doc[i].lower_ == "of" for i in between)):
                continue
            first, last = _title_span(pd, t, stop=ent.start)
            pd.title_tokens.update(range(first.i, last.i + 1))
            org = next((o for i in reversed(range(prefix.start, first.i)) if (o := _organisation(pd, doc[i]))), None)
            yield make_triple(
                pd, "role", ent.mention, _title_text(pd, first, last), org.mention if org else None,
                head, 0.9, "title_before_name",
            )
        else:
            org = next((o for i in reversed(prefix) if (o := _organisation(pd, doc[i])) and o.type == "ORG"), None)
            if org is not None:  # "CBS’ Holly Williams": the organisation is known, the role is not
                yield make_triple(pd, "role", ent.mention, "", org.mention, head, 0.6, "title_before_name")


def appositive(pd: ParsedDoc) -> Iterator[Triple]:
    """'Fawaz Gerges, a professor ... at the LSE' and 'the top Iranian enforcer, Qassem Soleimani'."""
    doc = pd.doc
    for ent in pd.entities:
        if ent.type != "PERSON":
            continue
        head = doc[ent.head]
        pairs = [(c, 0.85) for c in head.children if c.dep_ == "appos" and _is_title_head(c)]
        if head.dep_ == "appos" and _is_title_head(head.head) and head.head.i not in pd.token_entity:
            pairs.append((head.head, 0.8))
        for title_head, confidence in pairs:
            first, last = _title_span(pd, title_head)
            org = _org_in_phrase(pd, title_head)
            yield make_triple(
                pd, "role", ent.mention, _title_text(pd, first, last), org.mention if org else None,
                head, confidence, "appositive",
            )


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


def as_title(pd: ParsedDoc) -> Iterator[Triple]:
    """'confirmed Mr. Kadhimi ... as prime minister', 'served as spokesman for Acme'."""
    for prep in pd.doc:
        if prep.lower_ != "as" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = prep.head
        for title_head in (c for c in prep.children if c.dep_ == "pobj" and _is_title_head(c)):
            person = None
            for child in verb.children:
                ent = pd.token_entity.get(child.i)
                if child.dep_ == "dobj" and ent is not None and ent.type == "PERSON":
                    person = (ent.mention, child)
            person = person or _person_subject(pd, verb)
            if person is None:
                continue
            first, last = _title_span(pd, title_head)
            org = _org_in_phrase(pd, title_head)
            yield make_triple(
                pd, "role", person[0], _title_text(pd, first, last), org.mention if org else None,
                person[1], 0.75, "as_title",
            )


def copula(pd: ParsedDoc) -> Iterator[Triple]:
    """'Smith is the president of Acme', 'Jones, who became chairman of Acme'."""
    for verb in pd.doc:
        if verb.lemma_ not in ("be", "become", "remain"):
            continue
        person = _person_subject(pd, verb)
        if person is None:
            continue
        for attr in verb.children:
            if attr.dep_ != "attr" or not _is_title_head(attr):
                continue
            first, last = _title_span(pd, attr)
            org = _org_in_phrase(pd, attr)
            yield make_triple(
                pd, "role", person[0], _title_text(pd, first, last), org.mention if org else None,
                person[1], 0.8, "copula",
            )


def _object_org(pd: ParsedDoc, verb: Token, preposition: str) -> Entity | None:
    """The organisation a role verb governs: its object, or the object of its preposition."""
    if preposition == "-":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    else:
        objects = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == preposition for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        org = _organisation(pd, obj)
        if org is None:  # "the International Crisis Group's Middle East program": the owner of the object
            owners = (t for t in obj.subtree if t.i < obj.i and t.dep_ in ("poss", "compound"))
            org = next((o for t in owners if (o := _organisation(pd, t))), None)
        if org is not None and org.type == "ORG":
            return org
    return None


def role_verb(pd: ParsedDoc) -> Iterator[Triple]:
    """'Joost Hitermann, who leads the International Crisis Group's ... program', 'Smith works for Acme'."""
    table = lexicon.role_verbs()
    for verb in pd.doc:
        if verb.pos_ != "VERB" or verb.lemma_ not in table:
            continue
        person = _person_subject(pd, verb)
        if person is None:
            continue
        for title, preposition in table[verb.lemma_]:
            org = _object_org(pd, verb, preposition)
            if org is not None:
                yield make_triple(pd, "role", person[0], title, org.mention, person[1], 0.75, "role_verb")
                break


def name_of_org(pd: ParsedDoc) -> Iterator[Triple]:
    """'John Smith of IBM': a person followed by 'of' and an organisation; the role is unknown."""
    doc = pd.doc
    for ent in pd.entities:
        if ent.type != "PERSON":
            continue
        for prep in doc[ent.head].rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    org = _organisation(pd, pobj) if pobj.dep_ == "pobj" else None
                    if org is not None and org.type == "ORG":
                        yield make_triple(pd, "role", ent.mention, "", org.mention, doc[ent.head], 0.6, "name_of_org")


RolePattern = Callable[[ParsedDoc], Iterator[Triple]]
ROLE_PATTERNS: tuple[RolePattern, ...] = (title_before_name, appositive, as_title, copula, role_verb, name_of_org)
"""Every role pattern, in the order they run. ``title_before_name`` runs first because it marks
title words ("State" in "Secretary of State") that must not count as organisations."""


def extract_roles(pd: ParsedDoc) -> list[Triple]:
    """All role triples of one parsed document, without exact repeats."""
    out: list[Triple] = []
    seen = set()
    for pattern in ROLE_PATTERNS:
        for t in pattern(pd):
            key = (t.subject.start, t.predicate.lower(), t.object.start if t.object else None)
            if key not in seen:
                seen.add(key)
                out.append(t)
    return out
