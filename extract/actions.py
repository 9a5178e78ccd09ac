"""Actor–action–target triples.

Patterns, each a small generator over a :class:`ParsedDoc` (see :data:`ACTION_PATTERNS`):

- ``verb_clause``: a verb with its actor and target, through conjunctions on either
  side, relative clauses ("Booth, who assassinated Lincoln"), control verbs ("X was
  forced to release Y", "X asked Y to ..."), passives with a by-agent and participles
  ("a nation led by Saddam Hussein"), and a few prepositional targets ("deal with X").
- ``nominal_event``: "the U.S. killing of Iran’s Gen. Qassem Soleimani", "the
  assassination of X by Y"; with no actor in the phrase, the subject of the clause
  it sits in, at low confidence; with none there either, no triple.
- ``agent_noun``: "X's assassin, Y" and "Y, X's killer".

Every action carries its PLOVER category from ``extract/data/verbs.tsv`` and its
modality from :mod:`extract.modality`.
"""

from __future__ import annotations

from typing import Callable, Iterator, NamedTuple

from spacy.tokens import Token

from extract import lexicon
from extract.mentions import ParsedDoc, demonym_country
from extract.modality import modality_of
from extract.models import Mention, Triple
from extract.roles import make_triple

TARGET_PREPOSITIONS = {"with", "against", "to", "from", "on", "into"}
RELATIVE_PRONOUNS = {"WP", "WDT"}
CONTEXT_PREPOSITIONS = {"with", "despite", "through"}
BLAME_VERBS = {"convict", "sentence", "indict", "charge", "arrest", "try", "suspect", "accuse", "plead", "jail",
               "execute", "hang", "blame", "prosecute"}  # "X was convicted of the killing of Y": X did it
COREF_DISCOUNT = 0.85  # an argument found through a pronoun or description is less certain
OWNER_DISCOUNT = 0.7  # "US officials" stand for the US only loosely


class Arg(NamedTuple):
    mention: Mention
    confidence: float


def conjuncts(tok: Token) -> list[Token]:
    """A token and every token conjoined with it: 'A, B and C'."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _owner(pd: ParsedDoc, noun: Token, subject: bool) -> Mention | None:
    """'US officials', 'Iran's militias': the country or organisation a common noun belongs to.

    Objects take only compounds ("attacked US forces"): "restored Baghdad's control" is no
    action on Baghdad.
    """
    if noun.pos_ != "NOUN":
        return None
    for c in noun.children:
        ent = pd.token_entity.get(c.i)
        if ent is None:
            continue
        if c.dep_ == "compound" and ent.type in ("GPE", "ORG"):
            return ent.mention
        if subject and c.dep_ == "poss" and ent.type in ("GPE", "ORG"):
            return ent.mention
        if subject and c.dep_ == "amod" and ent.type == "NORP" and demonym_country(c):
            return ent.mention
    return None


def _args(pd: ParsedDoc, tokens: list[Token], confidence: float, *, subject: bool = False) -> list[Arg]:
    """The mentions that argument tokens (and their conjuncts) stand for.

    A common noun stands for the name in apposition to it ("the enforcer, Qassem Soleimani"),
    or for the country or organisation that owns it, at lower confidence ("US officials").
    """
    out = []
    for tok in tokens:
        for t in conjuncts(tok):
            m = pd.argument(t)
            if m is not None:
                resolved = m.refers_to is not None and m.antecedent.text != m.text and t.pos_ in ("PRON", "NOUN")
                out.append(Arg(m, confidence * (COREF_DISCOUNT if resolved else 1.0)))
            elif named := [a for c in t.children if c.dep_ == "appos" and (a := pd.argument(c))]:
                out.append(Arg(named[0], confidence))  # "the top Iranian enforcer, Qassem Soleimani"
            elif (owner := _owner(pd, t, subject)) is not None:
                out.append(Arg(owner, confidence * OWNER_DISCOUNT))
    return out


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject of a clause, following a relative pronoun to the noun it stands for."""
    out = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.tag_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                noun = verb.head  # "X was the man who killed Y": the man is X
                out.extend([noun] if noun.dep_ != "attr" else [s for s in noun.head.children if s.dep_ == "nsubj"])
            else:
                out.append(c)
    return out


def actors(pd: ParsedDoc, verb: Token, depth: int = 4) -> list[Arg]:
    """Who does what ``verb`` says: its subject, or one inherited through control or a conjunction."""
    own = _subject_tokens(verb)
    if own:
        return _args(pd, own, 0.9, subject=True)
    if depth == 0:
        return []
    gov = verb.head
    if verb.dep_ == "pcomp" and gov.dep_ == "prep":  # "after meeting X", "by removing X": the clause's subject
        gov = gov.head
        if gov.pos_ == "ADJ":  # "pleaded guilty to killing X"
            gov = gov.head
        if gov.dep_ == "acl" and gov.tag_ == "VBN":  # "Sirhan, convicted of killing Kennedy"
            return _args(pd, [gov.head], 0.8, subject=True)
        return [Arg(a.mention, a.confidence * 0.9) for a in actors(pd, gov, depth - 1)] if gov.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return [Arg(a.mention, a.confidence * 0.9) for a in actors(pd, gov, depth - 1)]
    if verb.dep_ == "xcomp":
        objects = [c for c in gov.children if c.dep_ == "dobj"]
        if objects:  # "X asked Y to leave": Y leaves
            return [Arg(a.mention, 0.8) for a in _args(pd, objects, 0.8)]
        if gov.dep_ == "acomp":  # "X is not inclined to deal": the adjective's clause subject
            gov = gov.head
        return [Arg(a.mention, a.confidence * 0.9) for a in actors(pd, gov, depth - 1)]
    if verb.dep_ == "conj" and gov.pos_ in ("VERB", "AUX"):
        return [Arg(a.mention, a.confidence * 0.9) for a in actors(pd, gov, depth - 1)]
    return []


def _noun_under_copula(pd: ParsedDoc, noun: Token) -> list[Token]:
    """'Iraq was a nation led by X': the noun, or the subject it is said of."""
    if pd.argument(noun) is None and noun.dep_ == "attr":
        return [c for c in noun.head.children if c.dep_ == "nsubj"]
    return [noun]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _agents(pd: ParsedDoc, verb: Token) -> list[Arg]:
    by = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return _args(pd, by, 0.85)


def _targets(pd: ParsedDoc, verb: Token) -> list[Arg]:
    direct = []
    for c in verb.children:
        if c.dep_ == "dobj":
            direct.append(verb.head if c.tag_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c)
    found = _args(pd, direct, 0.9) + _args(pd, [c for c in verb.children if c.dep_ == "dative"], 0.8)
    preps = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS for g in c.children if g.dep_ == "pobj"]
    return found + _args(pd, preps, 0.7)


def _emit(pd, actor_args, target_args, predicate, anchor, modality_word, pattern, scale=1.0) -> Iterator[Triple]:
    info = lexicon.verb_info(predicate)
    if info.category is None:
        return
    modality = modality_of(modality_word)
    for a in actor_args:
        for t in target_args:
            if a.mention.antecedent.text == t.mention.antecedent.text:
                continue
            yield make_triple(
                pd, "action", a.mention, predicate, t.mention, anchor,
                round(min(a.confidence, t.confidence) * scale, 3), pattern,
                negated=modality != "asserted", modality=modality, category=info.category,
            )


def verb_clause(pd: ParsedDoc) -> Iterator[Triple]:
    """Actions stated by a verb (see the module docstring for the shapes)."""
    for verb in pd.doc:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        has_agent = any(c.dep_ == "agent" for c in verb.children)
        if _is_passive(verb):
            targets = _args(pd, [c for c in verb.children if c.dep_ == "nsubjpass"], 0.85)
            yield from _emit(pd, _agents(pd, verb), targets, lemma, verb, verb, "passive")
        elif verb.dep_ == "acl" and has_agent:  # "a nation led by Saddam Hussein"
            targets = _args(pd, _noun_under_copula(pd, verb.head), 0.75)
            yield from _emit(pd, _agents(pd, verb), targets, lemma, verb, verb, "participle")
        elif verb.dep_ == "advcl" and verb.tag_ == "VBN" and has_agent:  # "Pushed by Tehran, the parliament voted"
            targets = [Arg(a.mention, 0.75) for a in actors(pd, verb.head)]
            yield from _emit(pd, _agents(pd, verb), targets, lemma, verb, verb, "participle")
        else:
            yield from _emit(pd, actors(pd, verb), _targets(pd, verb), lemma, verb, verb, "verb_clause")


def _of_objects(noun: Token) -> list[Token]:
    """The 'of' objects of an event noun, shared across 'the capture and execution of X'."""
    for n in [noun, *[c for c in noun.children if c.dep_ == "conj"], noun.head if noun.dep_ == "conj" else noun]:
        objs = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if objs:
            return objs
    return []


def _context_actor(pd: ParsedDoc, noun: Token) -> list[Arg]:
    """'With the capture of X, the US ...': the subject of the clause the event phrase modifies."""
    top = noun
    while top.dep_ == "conj":
        top = top.head
    if top.dep_ != "pobj":
        return []
    clause = top.head.head
    if clause.pos_ == "ADJ":  # "pleaded guilty to the killing of X"
        clause = clause.head
    blamed = clause.lemma_ in BLAME_VERBS
    if top.head.lower_ not in CONTEXT_PREPOSITIONS and not blamed:
        return []
    return [Arg(a.mention, 0.5) for a in actors(pd, clause)] if clause.pos_ in ("VERB", "AUX") else []


def country_key_known(name: str) -> bool:
    """True for a country's name ('U.S.', 'Iran'), false for a city or state."""
    return name.lower().removeprefix("the ") in lexicon.country_aliases()


def _can_act(pd: ParsedDoc, tok: Token) -> bool:
    ent = pd.token_entity.get(tok.i)
    if ent is None:
        return True  # a pronoun or description: judged when resolved
    return ent.type in ("ORG", "PERSON", "NORP") or (ent.type == "GPE" and country_key_known(ent.mention.text))


def nominal_event(pd: ParsedDoc) -> Iterator[Triple]:
    """'the U.S. killing of Iran’s Gen. Qassem Soleimani', 'the assassination of X by Y'."""
    table = lexicon.nominals()
    for noun in pd.doc:
        entry = table.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if entry is None or entry[1] != "event":
            continue
        targets = _args(pd, _of_objects(noun), 0.7)
        if not targets:
            continue
        by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        # "the Guadalajara slayings": a city before an event noun is where, not who; countries and organisations act
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and _can_act(pd, c)]
        actor_args = _args(pd, by, 0.7) or _args(pd, owners, 0.7) or _context_actor(pd, noun)
        yield from _emit(pd, actor_args, targets, entry[0], noun, noun, "nominal_event")


def agent_noun(pd: ParsedDoc) -> Iterator[Triple]:
    """'X's assassin, Y' and 'Y, X's killer': the noun names the doer."""
    table = lexicon.nominals()
    for noun in pd.doc:
        entry = table.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if entry is None or entry[1] != "agent":
            continue
        victims = [c for c in noun.children if c.dep_ == "poss"] + _of_objects(noun)
        doers = [c for c in noun.children if c.dep_ == "appos"]
        if noun.dep_ == "appos":
            doers.append(noun.head)
        if noun.dep_ == "attr":
            doers += [c for c in noun.head.children if c.dep_ == "nsubj"]
        yield from _emit(pd, _args(pd, doers, 0.7), _args(pd, victims, 0.7), entry[0], noun, noun, "agent_noun")


ActionPattern = Callable[[ParsedDoc], Iterator[Triple]]
ACTION_PATTERNS: tuple[ActionPattern, ...] = (verb_clause, nominal_event, agent_noun)
"""Every action pattern, in the order they run."""


def extract_actions(pd: ParsedDoc) -> list[Triple]:
    """All action triples of one parsed document, without exact repeats."""
    out, seen = [], set()
    for pattern in ACTION_PATTERNS:
        for t in pattern(pd):
            key = (t.subject.start, t.predicate, t.object.start if t.object else None)
            if key not in seen:
                seen.add(key)
                out.append(t)
    return out
