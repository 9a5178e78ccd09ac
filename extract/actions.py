"""Actor–action–target triples.

Patterns, each a small generator over a :class:`ParsedDoc` (see :data:`ACTION_PATTERNS`):

- ``verb_clause``: a verb with its actor and target, through conjunctions on either
  side ("shot and mortally wounded X"), relative clauses ("Booth, who assassinated
  Lincoln", "Oswald, the man who killed Kennedy"), control verbs ("X was forced to
  release Y", "X asked Y to ..."), passives with a by-agent and participles ("a nation
  led by Saddam Hussein", "killed on the orders of X"), instruments ("X fired the shots
  that killed Y"), verbs of blame ("X was convicted of killing Y") and a few
  prepositional targets ("deal with X", "fired at X"). A target may be read through an
  object that names no one itself (:func:`_object_phrase_targets`: "rejected X's plan",
  "demanded the withdrawal of X", "broke relations with X", "demolished Palestinian
  homes"), be a news medium ("told BBC Radio Scotland": STATEMENT), or, for an act of a
  known category with no other target, the place it happened in ("demonstrated in X").
  A future ("X will give Y ...") is also a stated intention (AGREE, or THREATEN for a
  hostile act).
- ``nominal_event``: "the U.S. killing of Iran’s Gen. Qassem Soleimani", "the
  assassination of X by Y", "Kennedy's assassination", "an attack on X by Y", "X's
  criticism of Y", "X's decision to close embassies in Y", "the sale of X to Y" (Y buys X); with no actor in the phrase, the
  one the clause around it blames ("X was convicted of the murder of Y") or, at low
  confidence, the subject of a clause it introduces ("With the capture of X, the US ...");
  with none, no triple.
- ``agent_noun``: "X's assassin, Y", "Y, X's killer" and "Kennedy assassin Sirhan".
- ``intent_clause``: "X threatened to cut off gas to Y", "X is willing to withdraw from
  Y", "X refused to meet Y": the threat, offer or refusal itself, stated as a fact.
- ``media_interview``: "X said in an interview with the BBC": speech to a news medium (STATEMENT).
- ``score_line``: a sports headline's result, "Wasps 31-37 Leicester" (Leicester beat Wasps).
- ``state_owned``: "Russia's state-owned Gazprom" (Russia owns Gazprom).
- ``request_clause``: "X demanded that Y withdraw", "X said Y must leave" (an appeal: "urge").

Arguments are names, resolved pronouns and descriptions, and groups named by a common
noun (:mod:`extract.groups`: "Egyptian police", "Fijian rebels"). A pronoun whose person
the same sentence names ("Chapman said he killed Lennon") gives the triple that name, so
the triple's arguments are the names as written there; a "they" or "it" that reports
("the rebels said they will ...") is the speaker.

Every action carries its PLOVER category from ``extract/data/verbs.tsv``, else the
CAMEO-derived ``cameo_verbs.tsv``, or from a verb + object phrase (``phrases.tsv``,
``cameo_phrases.tsv``: "open fire" -> ASSAULT), and its modality from :mod:`extract.modality`.
"""

from __future__ import annotations

import itertools
from typing import Callable, Iterator, NamedTuple

from spacy.tokens import Token

from extract import confidence as C
from extract import lexicon
from extract.coref import document_organisation
from extract.groups import group_mention, may_be_group_noun
from extract.mentions import SCORE_DASHES, Entity, ParsedDoc, conjuncts, demonym_country, is_title
from extract.modality import modality_of
from extract.models import Mention, Triple
from extract.names import country_key, is_country
from extract.roles import make_triple

TARGET_PREPOSITIONS = {"with", "against", "to", "from", "on", "into"}
RELATIVE_PRONOUNS = {"WP", "WDT"}
SPEAKER_PRONOUNS = {"they", "it"}
IMPERSONAL_PRONOUN = "it"  # never a person who speaks
FIRST_PERSON = {"i", "we"}  # in a quote, the one who says it
QUOTE_CLIMB = 2  # '"As we mourn ..., I ask ...," X said': clauses between a pronoun's and the quoted one
OWN_POSSESSIVES = {"its", "their", "his", "her", "our"}
OBLIGATION_WORDS = {"must", "should"}  # "X said Y must leave": a demand on Y
PERFECT_AUXILIARY = "have"  # "said Y should have acted", "would have given": a reproach or what might have been, nothing asked or intended
REPORTED_FUTURE = "will"  # "said it would attack": the intention stated, as "will attack"
CONDITION_MARKS = {"if", "unless"}  # "would attack if ...": supposed, no intention stated
OBLIGATION_PREDICATE = "urge"  # "X said Y should leave" is no saying to Y but an appeal to it (CAMEO 02, "appeal")
OBJECT_TARGET_PREPOSITIONS = {"with", "against", "on", "to", "for", "from"}  # "break relations with X", "demanded support from X"
HOSTILE_CATEGORIES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST"}  # acts whose object's owner is their target
ATTITUDE_CATEGORIES = {"SUPPORT", "ACCUSE", "REJECT"}  # praise or blame of what X did is of X ("saluted the work of X")
BLAME_CATEGORIES = {"ACCUSE", "PROTEST"}  # acts aimed at whoever did what their object names ("investigated crimes by X")
JUDGING_CATEGORIES = {"SUPPORT", "ACCUSE"}  # praise or blame of an act is of its doer, not of whom it names ("favoured the withdrawal of X")
RECIPIENT_PREPOSITIONS = {"to", "for"}  # "provided intelligence to X", "aid for X"
THROUGH_PREPOSITIONS = TARGET_PREPOSITIONS | {"for"}  # phrases whose object names the target in turn ("paid for gas supplied by X")
PLACE_PREPOSITIONS = {"in", "at", "into"}
CIRCUMSTANCE_PREPOSITION = "with"  # "left Iraq with an unsteady government in place": beside a target, a common noun after it is how
RESULT_PREPOSITION = "into"  # "turned them into soldiers": beside an object, a common noun after it is what it became ("crashed into a patrol" is hit)
EVENT_NOUN_PREPOSITIONS = {"on", "against"}  # "an attack on X", "sanctions against X"
CONTEXT_PREPOSITIONS = {"with", "despite", "through"}
STATE_NOUNS = {"state"}  # "a state of emergency" is an emergency, for the category of the act on it
TRAVEL_PREPOSITIONS = {"on", "during"}  # "X said on a visit to Y", "during a trip to Y, X ...": the subject travelled
BUY_PREDICATE = "buy"  # what the one a sale is made to does
OWN_PREDICATE = "own"  # what a country does to its state-owned company
WIN_PREDICATE = "beat"  # what the side with more points in a score line did
INTERVIEW_PREPOSITIONS = {"in", "during"}  # "said in an interview with X"
MEDIUM_PREPOSITIONS = {"with", "in", "to", "on"}  # "an interview with the BBC", "in the Independent", "to CNN"
# a verb's target is never in its subject, or in a clause it governs ("warned that X ..."), or in its function words
NO_TARGET_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "xcomp", "advcl", "parataxis", "aux", "auxpass", "neg",
                  "mark", "punct", "cc", "expl", "intj"}
MEDIA_CATEGORY = "STATEMENT"  # "told BBC Radio Scotland": speech to a news medium, CAMEO's "make a public statement" (01)


def _cue(tok: Token, cue: str) -> bool:
    return tok.lemma_.lower() in lexicon.cues().get(cue, ()) or tok.lower_ in lexicon.cues().get(cue, ())


class Arg(NamedTuple):
    mention: Mention
    confidence: float


def _is_person_noun(noun: Token) -> bool:
    return noun.lemma_.lower() in lexicon.words("person_nouns.txt") or is_title(noun)


def _owner(pd: ParsedDoc, noun: Token, subject: bool) -> Mention | None:
    """'US officials', 'Iran's militias': the country or organisation a common noun belongs to.

    Objects take only compounds ("attacked US forces"), and never for a person: "restored
    Baghdad's control" is no action on Baghdad, nor "killed a Dallas police officer" on Dallas;
    nor for an act: "plans for a US withdrawal" are no action on the US.
    """
    if noun.pos_ != "NOUN" or (not subject and _is_person_noun(noun)) or _cue(noun, "relation_noun"):
        return None  # "Boeing's rival" is not Boeing
    if not subject and (entry := _event_entry(noun)) is not None and entry[1] == "event":
        return None  # "plans for a US withdrawal": an act of the US, not a thing it owns
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


def _kind_named(pd: ParsedDoc, noun: Token) -> Mention | None:
    """'the napster.no website', 'the Gazprom company': a noun that says what kind of organisation
    the name before it is stands for that organisation ("the BBC reporter" is no such noun)."""
    if not _cue(noun, "kind_noun"):
        return None
    for c in noun.lefts:
        ent = pd.token_entity.get(c.i)
        if ent is not None and ent.type == "ORG" and c.dep_ in ("compound", "nummod", "nmod"):
            return ent.mention
    return None


def _members(noun: Token) -> list[Token]:
    """'a group of nobles that included Brutus and Cassius': the members a group noun names."""
    for c in noun.children:
        if c.dep_ == "relcl" and c.lemma_ == "include":
            return [g for g in c.children if g.dep_ == "dobj"]
        if c.dep_ == "prep" and c.lower_ == "including":
            return [g for g in c.children if g.dep_ == "pobj"]
    return []


def _arg(pd: ParsedDoc, t: Token, confidence: float, subject: bool) -> list[Arg]:
    """The mentions one argument token stands for (see :func:`_args`)."""
    appositions = [c for c in t.children if c.dep_ == "appos" and pd.argument(c) is not None]
    m = pd.argument(t)
    if m is not None and m.type != "PERSON" and any(getattr(pd.argument(c), "type", None) == "PERSON" for c in appositions):
        m = None  # "44 B.C., Roman Emperor Julius Caesar, was assassinated": the person is meant
    if m is not None:
        resolved = m.refers_to is not None and m.antecedent.text != m.text and t.pos_ in ("PRON", "NOUN")
        if resolved:  # "Chapman said he killed Lennon": the sentence's own name for him
            m = pd.named_in_sentence(t, m) or m
        ent = pd.token_entity.get(t.i)
        scale = (C.COREF_DISCOUNT if resolved else 1.0) * (C.GUESS_DISCOUNT if ent is not None and ent.guessed else 1.0)
        return [Arg(m, confidence * scale)]
    if appositions:  # "the top Iranian enforcer, Qassem Soleimani"; "the minister, Lord Moyne, and the mediator, Count Bernadotte"
        return _args(pd, appositions[:1], confidence)
    if t.dep_ == "appos" and t.pos_ == "NOUN" and (named := pd.argument(t.head)) is not None:
        return [Arg(named, confidence)]  # "Sirhan Sirhan, the man convicted of killing Kennedy"
    if t.pos_ == "NOUN" and (members := _members(t)):
        return _args(pd, members, confidence * C.MEMBER_DISCOUNT)
    if t.pos_ == "NOUN" and (named := _kind_named(pd, t)) is not None:
        return [Arg(named, confidence)]  # "set up the napster.no website"
    if (group := group_mention(pd, t)) is not None:
        return [Arg(group, confidence * C.GROUP_DISCOUNT)]
    if subject and t.pos_ == "NOUN" and (entry := _event_entry(t)) is not None and entry[1] == "event":
        return _args(pd, _event_owners(pd, t), confidence * C.EVENT_OWNER_DISCOUNT, conj=False)  # "US drone strikes killed X"
    if (speakers := _speaker(t)):
        return _scaled(_args(pd, speakers, confidence, subject=True), C.COREF_DISCOUNT)
    if (group := _plural_antecedent(pd, t)) is not None:
        return [Arg(pd.mention(t, t, group.type, refers_to=group), confidence * C.COREF_DISCOUNT)]
    if t.pos_ in ("NOUN", "NUM") and _cue(t, "quantity_noun"):
        return _args(pd, _of_object(t), confidence)  # "thousands of students": the students
    if t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj") and _cue(t, "place_noun"):
        return _args(pd, _of_object(t), confidence)  # "shelled the Iraqi town of Basra": the town is Basra
    if (owner := _owner(pd, t, subject)) is not None:
        return [Arg(owner, confidence * C.OWNER_DISCOUNT)]
    return []


def _speaker(t: Token) -> list[Token]:
    """'The rebels said they will free X', 'Iraq said it would ...': an unresolved 'they' or 'it'
    subject of a reported clause is the one who says it (a plural for 'they', a singular for 'it')."""
    pronoun = t.lower_
    if t.pos_ == "PRON" and pronoun in FIRST_PERSON and t.dep_ in ("nsubj", "nsubjpass"):
        return _quoted_speaker(t)
    if t.pos_ != "PRON" or pronoun not in SPEAKER_PRONOUNS or t.dep_ not in ("nsubj", "nsubjpass") or t.head.dep_ != "ccomp":
        return []
    plural = pronoun == "they"
    return [c for c in t.head.head.children
            if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and (c.tag_ in ("NNS", "NNPS")) == plural
            and not (pronoun == IMPERSONAL_PRONOUN and _plainly_person(c))]  # "Mr Jobs said it would ...": the Mac


def _plainly_person(t: Token) -> bool:
    """A person beyond doubt: a person noun, or a name with a given name or an honorific before it ("Mr Jobs",
    "Patricia Sanders"); a one-word name the tagger calls a person ("Labour", "BAA") is often an organisation."""
    if _is_person_noun(t):
        return True
    if t.ent_type_ != "PERSON":
        return False
    return any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in t.lefts) or (
        t.i > 0 and t.nbor(-1).lower_ in lexicon.honorifics())


def _quoted_speaker(t: Token) -> list[Token]:
    """'"We will fight them," Mr Smith said', '"As we mourn his passing, I ask ...," X said': 'I' or 'we'
    in a quote is whoever says it (its clause the quoted one, or an adverbial or conjoined clause of it)."""
    clause = t.head
    for _ in range(QUOTE_CLIMB + 1):
        if clause.dep_ == "ccomp" and (_cue(clause.head, "say_verb") or _cue(clause.head, "speech_verb")):
            # a name, else a word for a person ("a spokesman said"): not "whatever his offer says"
            speakers = [c for c in clause.head.children if c.dep_ == "nsubj" and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and _is_person_noun(c)))]
            return [c for c in speakers if c.pos_ == "PROPN"] or speakers
        if clause.dep_ not in ("advcl", "conj") or clause.head.i == clause.i:
            return []
        clause = clause.head
    return []


def _plural_antecedent(pd: ParsedDoc, t: Token) -> Mention | None:
    """'Rebel gunmen stormed the town. They killed 12 soldiers': a 'they' subject stands for the
    nearest group (or plural people: "the Kurds") that is the subject of a clause before it, in
    its sentence or the one before."""
    if t.lower_ != "they" or t.dep_ != "nsubj" or t.i in pd.resolved:
        return None
    k = pd.sentence_index(t)
    start = pd.sents[k - 1].start if k > 0 else pd.sents[k].start
    for c in reversed(pd.tokens[start : t.i]):
        if c.dep_ != "nsubj":
            continue
        if c.tag_ == "NNS" and (group := group_mention(pd, c)) is not None:
            return group
        if c.tag_ == "NNPS" and (e := pd.token_entity.get(c.i)) is not None and e.type == "NORP":
            return e.mention.antecedent  # "Kurds marched on Monday. They ..."
    return None


def _args(pd: ParsedDoc, tokens: list[Token], confidence: float, *, subject: bool = False, conj: bool = True) -> list[Arg]:
    """The mentions that argument tokens (and, with ``conj``, their conjuncts) stand for.

    A common noun stands for the name in apposition to it, either way round ("the enforcer,
    Qassem Soleimani"; "Sirhan, the man who ..."), for the members it lists ("a group that
    included X and Y"), or for the country or organisation that owns it, at lower confidence
    ("US officials").
    """
    out = []
    for tok in tokens:
        for t in [*conjuncts(tok), *_coordinated_modifiers(pd, tok)] if conj else [tok]:
            out.extend(_arg(pd, t, confidence, subject))
    return out


def _coordinated_modifiers(pd: ParsedDoc, tok: Token) -> list[Token]:
    """'the work of Graham Rowntree and Julian White' is sometimes parsed with the first name as a
    modifier of the second, the 'and' hanging from it: a name of the same type before a name, with a 'cc'."""
    ent = pd.token_entity.get(tok.i)
    if ent is None:
        return []  # most arguments: no name, so no walk over the children
    return [c for c in tok.lefts if c.dep_ in ("nmod", "compound") and (e := pd.token_entity.get(c.i)) is not None
            and e is not ent and e.type == ent.type and any(g.dep_ == "cc" for g in c.children)]


def _scaled(args: list[Arg], factor: float) -> list[Arg]:
    return [Arg(a.mention, a.confidence * factor) for a in args]


def _rescaled(args: list[Arg], top: float) -> list[Arg]:
    """Arguments found for a direct subject (:data:`~extract.confidence.DIRECT`), set to ``top`` (others in proportion)."""
    return _scaled(args, top / C.DIRECT)


def _relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs from, across conjoined clauses ("who killed X and who ...")."""
    v = verb
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    return v.head if v.dep_ == "relcl" else None


def _stand_in(verb: Token, tok: Token) -> Token | None:
    """An argument token, with a relative pronoun replaced by the noun it stands for."""
    if tok.tag_ in RELATIVE_PRONOUNS:
        return _relative_antecedent(verb)
    return tok


def _misparsed_objects(verb: Token) -> list[Token]:
    """'Ruby shot and mortally wounded Lee Harvey Oswald' is sometimes parsed with Oswald as a
    second subject after the verb: with a subject before the verb, one after it is the object."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.i < verb.i for c in subjects):
        return [c for c in subjects if c.i > verb.i]
    return []


def _subject_tokens(verb: Token) -> tuple[list[Token], bool]:
    """The subject of a clause, following a relative pronoun to the noun it stands for.

    Also says whether the subject came through a relative pronoun: "Jack Ruby, who killed
    Oswald, and Jim Bakker" -- the clause is said of Ruby alone, not of the names conjoined with him.
    """
    out, relative = [], False
    late = {c.i for c in _misparsed_objects(verb)}
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass") or c.i in late:
            continue
        noun = _stand_in(verb, c)
        if noun is None:
            continue
        relative = relative or noun.i != c.i
        if noun.i != c.i and noun.dep_ == "attr":  # "X was the man who killed Y": the man is X
            out.extend(s for s in noun.head.children if s.dep_ == "nsubj")
        else:
            out.append(noun)
    return out, relative


def _blamed(pd: ParsedDoc, verb: Token, depth: int) -> list[Arg]:
    """Whom a verb of blame says did the deed: 'X, convicted of ...', 'convicted X of ...', 'X was convicted of ...'."""
    if verb.dep_ == "acl":
        return _args(pd, [verb.head], C.INDIRECT, subject=True, conj=False)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        return _args(pd, objects, C.INDIRECT)
    return _scaled(actors(pd, verb, depth), C.INHERITED_DISCOUNT)


def _instrument_user(pd: ParsedDoc, verb: Token, depth: int) -> list[Arg]:
    """'Oswald fired the shots that killed Kennedy': who used the instrument did what it did."""
    if not any(c.dep_ == "nsubj" and c.tag_ in RELATIVE_PRONOUNS for c in verb.children):
        return []
    noun = _relative_antecedent(verb)
    if noun is None or not _cue(noun, "instrument") or noun.dep_ != "dobj" or not _cue(noun.head, "instrument_verb"):
        return []
    return _scaled(actors(pd, noun.head, depth - 1), C.INHERITED_DISCOUNT)


def _clause_of_preposition(pd: ParsedDoc, verb: Token, depth: int) -> list[Arg]:
    """'after meeting X', 'by removing X', 'convicted of killing X': who does a verb under a preposition."""
    gov = verb.head.head
    if gov.pos_ == "ADJ":  # "pleaded guilty to killing X"; "found X guilty of killing Y"
        small_clause = [c for c in gov.children if c.dep_ == "nsubj"]
        if small_clause:
            return _args(pd, small_clause, C.INDIRECT, subject=True)
        gov = gov.head
    if _cue(gov, "blame_verb"):
        return _blamed(pd, gov, depth - 1)
    if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ == "dobj" and _cue(gov.head, "blame_verb"):
        return _args(pd, [gov], C.INDIRECT)  # "convicted sniper Kenneth Millikan of killing ..."
    if gov.dep_ == "acl" and gov.tag_ == "VBN":  # "Sirhan, known for killing Kennedy"
        return _args(pd, [gov.head], C.INDIRECT, subject=True, conj=False)
    return _scaled(actors(pd, gov, depth - 1), C.INHERITED_DISCOUNT) if gov.pos_ in ("VERB", "AUX") else []


def actors(pd: ParsedDoc, verb: Token, depth: int = 4) -> list[Arg]:
    """Who does what ``verb`` says: its subject, or one inherited through control or a conjunction."""
    if depth < 0:
        return []
    if used := _instrument_user(pd, verb, depth):
        return used
    own, relative = _subject_tokens(verb)
    if own:
        return _args(pd, own, C.DIRECT, subject=True, conj=not relative)
    if depth == 0:
        return []
    gov = verb.head
    if verb.dep_ == "pcomp" and gov.dep_ == "prep":
        return _clause_of_preposition(pd, verb, depth)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ in ("to", "having") for c in verb.children)):
        # "..., killing X"; "opened fire to disperse X"; "Having worked with X, Y ..."
        return _scaled(actors(pd, gov, depth - 1), C.INHERITED_DISCOUNT)
    if verb.dep_ == "xcomp":
        objects = [c for c in gov.children if c.dep_ == "dobj"]
        if objects and not _cue(gov, "instrument_verb"):  # "X asked Y to leave": Y leaves; "X used it to shoot Y": X shoots
            return [Arg(a.mention, C.INDIRECT) for a in _args(pd, objects, C.INDIRECT)]
        if gov.dep_ == "acomp":  # "X is not inclined to deal": the adjective's clause subject
            gov = gov.head
        return _scaled(actors(pd, gov, depth - 1), C.INHERITED_DISCOUNT)
    if verb.dep_ == "conj" and gov.pos_ in ("VERB", "AUX"):
        return _scaled(actors(pd, gov, depth - 1), C.INHERITED_DISCOUNT)
    return []


def _noun_under_copula(pd: ParsedDoc, noun: Token) -> list[Token]:
    """'Iraq was a nation led by X': the noun, or the subject it is said of."""
    if pd.argument(noun) is None and noun.dep_ == "attr":
        return [c for c in noun.head.children if c.dep_ == "nsubj"]
    return [noun]


def _is_passive(verb: Token) -> bool:
    """'X was killed', and 'X was cornered by soldiers and killed': a bare participle conjoined with a passive."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ != "conj" or verb.tag_ not in ("VBN", "VBD"):
        return False  # no second walk over the children
    # the tagger often reads such a participle as a past tense ("killed/VBD"); with no object it is no active verb
    bare = not any(c.dep_ in ("nsubj", "aux", "auxpass", "dobj") for c in verb.children)
    return bare and verb.head.i != verb.i and _is_passive(verb.head)


def _passive_subjects(verb: Token) -> list[Token]:
    """Who undergoes a passive verb: its own subject, or the one of the passive it is conjoined with."""
    own = [t for c in verb.children if c.dep_ == "nsubjpass" and (t := _stand_in(verb, c)) is not None]
    if own or verb.dep_ != "conj" or verb.head.i == verb.i:
        return own
    return _passive_subjects(verb.head)


def _of_object(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _agents(pd: ParsedDoc, verb: Token) -> list[Arg]:
    """'killed by X'; 'killed on the orders of X'; 'was shot and mortally wounded by X' (a shared agent)."""
    def by_agent(v: Token) -> list[Token]:
        return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]

    by = by_agent(verb)
    if not by:  # "X was ordered to pay damages by the court": the parser hangs the agent from the complement or its object
        complements = [x for x in verb.children if x.dep_ == "xcomp"]
        complements += [d for x in complements for d in x.children if d.dep_ == "dobj"]
        by = [g for x in complements for c in x.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    if not by:  # shared with a conjoined passive: "shot and mortally wounded by X", "cornered by X and killed"
        sharing = [v for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB" and not any(x.dep_ == "nsubjpass" for x in v.children)]
        if verb.dep_ == "conj" and _is_passive(verb.head) and not any(x.dep_ == "nsubjpass" for x in verb.children):
            sharing.append(verb.head)
        by = [g for v in sharing for g in by_agent(v)]
    ordered = [
        x for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "at")
        for g in c.children if g.dep_ == "pobj" and _cue(g, "order_noun") for x in _of_object(g)
    ]
    found = _args(pd, by, C.MARKED) + _args(pd, ordered, C.PARTICIPLE)
    if not found:  # "X was killed in an Israeli air strike", "fighters were killed in IS attacks": whose attack
        events = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                  for g in c.children if g.dep_ == "pobj" and (e := _event_entry(g)) is not None and e[1] == "event"]
        found = _args(pd, [o for g in events for o in _event_owners(pd, g)], C.PREPOSITION, conj=False)
    return found


def _shared_objects(verb: Token) -> list[Token]:
    """'shot and mortally wounded X', 'shooting and killing X': a verb with no object shares its conjunct's.

    The parser sometimes reads "shot and mortally wounded Lee Harvey Oswald" as the verb
    conjoined with the name; the name is then the object.
    """
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "conj":
            continue
        # only verbs side by side share: "sneaked into the box and shot Lincoln" does not
        between = [doc[i] for i in range(verb.i + 1, c.i)]
        if any(t.dep_ not in ("cc", "advmod", "punct") and t.head.i != c.i and t.head.head.i != c.i for t in between):
            continue
        if c.pos_ == "VERB" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            objects = [g for g in c.children if g.dep_ == "dobj"]
            if objects:
                return objects
        elif c.pos_ == "PROPN":
            return [c]
    return []


def _targets(pd: ParsedDoc, verb: Token) -> list[Arg]:
    children = list(verb.children)  # each walk over .children scans the verb's span and makes new Tokens: walk once
    direct = [t for c in children if c.dep_ == "dobj" and (t := _stand_in(verb, c)) is not None]
    if not direct and not _is_passive(verb):
        direct = _misparsed_objects(verb) or _shared_objects(verb)
    # a dative is the person ("gave Iran"), or "to" with its object ("provided photographs to Albania")
    datives = [g for c in children if c.dep_ == "dative" for g in ([c] if c.pos_ != "ADP" else [x for x in c.children if x.dep_ == "pobj"])]
    found = _args(pd, direct, C.DIRECT) + _args(pd, datives, C.INDIRECT)
    if not found:
        found = _object_phrase_targets(pd, verb, direct)
    elif _cue(verb, "give_verb"):  # "provided photographs and intelligence to X": the recipient too
        found += _args(pd, _phrase_objects(direct, RECIPIENT_PREPOSITIONS), C.OBJECT_PHRASE_CONFIDENCE)
    named_only = ({RESULT_PREPOSITION} if direct else set()) | ({CIRCUMSTANCE_PREPOSITION} if found else set())
    preps = [g for c in children if c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS for g in c.children if g.dep_ == "pobj"
             and (c.lower_ not in named_only or g.i in pd.token_entity or g.i in pd.resolved)]
    if (direct_preps := _args(pd, preps, C.PREPOSITION)):
        return found + direct_preps
    # "reneged on its commitment to X", "refused to respond to a demand from X", "paid for gas supplied by X":
    # read through the preposition's object too
    through = [g for c in children if c.dep_ == "prep" and c.lower_ in THROUGH_PREPOSITIONS and c.lower_ not in named_only
               for g in c.children if g.dep_ == "pobj" and g.i not in pd.token_entity]
    return found + _object_phrase_targets(pd, verb, through)


def _phrase_objects(nouns: list[Token], prepositions: set[str]) -> list[Token]:
    """The objects of the prepositional phrases hanging from some nouns: 'relations with X'."""
    return [g for d in nouns for c in d.children if c.dep_ == "prep" and c.lower_ in prepositions for g in c.children if g.dep_ == "pobj"]


def _by_agents(objects: list[Token]) -> list[Token]:
    """'war crimes by X', 'violations by X', 'the demonstration staged by X': who did what an object names."""
    found = _phrase_objects(objects, {"by"})
    found += [g for d in objects for v in d.children if v.dep_ == "acl" and v.tag_ == "VBN"
              for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    return found


def _object_phrase_targets(pd: ParsedDoc, verb: Token, objects: list[Token]) -> list[Arg]:
    """Targets read through an object that names no one itself, in this order:

    for blame or protest, the doer it names ("investigating crimes by X", "condemned the US
    invasion"); whose proposal it is ("rejected X's plan"); an event's own target ("demanded the
    withdrawal of X from Y"; not for praise or blame: "favoured the withdrawal of X" is no support
    of X); for praise or blame, whose it is ("saluted the work of X"); a phrase hanging from it ("threatened
    to break relations with X", "a camp for refugees was attacked", "filed a suit for libel
    against X"); for a hostile act, whose property it is; last, who made or handled it ("paid
    for gas supplied by X").
    """
    if not objects:
        return []  # most verbs: nothing to read through
    lemma = verb.lemma_.lower()
    category = _phrase_category(verb, lemma) or lexicon.verb_info(lemma).category
    against = [g for d in objects for g in _against_objects(d)]
    events = [d for d in objects if (e := _event_entry(d)) is not None and e[1] == "event"]
    found = []
    if _cue(verb, "mourn_verb"):  # "mourned his passing", "mourn the death of X": the one who died
        deaths = [d for d in objects if _cue(d, "death_noun")]
        found = _args(pd, [c for d in deaths for c in d.children if c.dep_ == "poss"] + [o for d in deaths for o in _of_object(d)],
                      C.OBJECT_PHRASE_CONFIDENCE)
    if category in BLAME_CATEGORIES and not found:  # "investigating war crimes by X", "protested against violations by X"
        own_by = [] if _is_passive(verb) else _phrase_objects([verb], {"by"})  # "investigating crimes by X", parsed on the verb
        doers = _by_agents(objects + against) + own_by + [o for d in events for o in _event_owners(pd, d)]  # "condemned the US invasion"
        found = _args(pd, doers, C.OBJECT_PHRASE_CONFIDENCE)
    found = found or [a for d in objects if _cue(d, "proposal_noun") for a in _proposal_owners(pd, d)]
    if not found and category not in JUDGING_CATEGORIES:  # "demanded the withdrawal of X": X is asked
        found = _args(pd, [o for d in events for o in _of_object(d)], C.OBJECT_PHRASE_CONFIDENCE)
    if not found and category in ATTITUDE_CATEGORIES:  # "saluted the work of X", "criticised the policies of X"
        judged = [d for d in objects if d not in events] if category in JUDGING_CATEGORIES else objects
        found = _args(pd, [o for d in judged for o in _of_object(d)], C.OBJECT_PHRASE_CONFIDENCE)
    if not found:
        phrase_objects = _phrase_objects(objects, OBJECT_TARGET_PREPOSITIONS)
        found = _args(pd, phrase_objects, C.OBJECT_PHRASE_CONFIDENCE) or _args(pd, against, C.OBJECT_PHRASE_CONFIDENCE)
        # "lifted a blockade on Palestinian lorries": the people the phrase's object belongs to (for an act of known kind)
        if not found and category != "OTHER":
            found = _owners_before(pd, [p for p in phrase_objects if p.i not in pd.token_entity])
    if not found and category in HOSTILE_CATEGORIES:
        found = _hostile_owners(pd, objects)
    # "paid more for gas supplied by X", "attacked a convoy escorted by X": the other party; but in "X was
    # ordered to pay compensation by the court" the 'by' phrase is the passive's agent
    if not found and not (verb.dep_ == "xcomp" and _is_passive(verb.head)):
        found = _args(pd, _by_agents(objects), C.OWNER_CONFIDENCE)
    return found


def _against_objects(noun: Token) -> list[Token]:
    """'fire against X', 'a suit for libel against X': an "against" phrase of the noun or of the
    noun its own phrase names, no deeper: in "the camp of a militia responsible for attacks
    against X" the camp's raid is not aimed at X."""
    nouns = [noun] + [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [g for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "against"
            for g in c.children if g.dep_ == "pobj"]


def _hostile_owners(pd: ParsedDoc, objects: list[Token]) -> list[Arg]:
    """'demolished Palestinian homes', 'defaced Danish web sites', 'fire against Kampuchean guerrilla
    camps': a hostile act on what a people or country owns is an act on them (as CAMEO codes it).
    Peoples (demonyms, NORP names) and country names before the object only."""
    objects = objects + [g for o in objects for g in _against_objects(o) if g.i not in pd.token_entity]
    return _owners_before(pd, objects)


def _owners_before(pd: ParsedDoc, nouns: list[Token]) -> list[Arg]:
    """The peoples (demonyms, NORP names) and countries named before some nouns: 'Palestinian homes', "Algeria's elections"."""
    owners = [c for o in nouns for c in o.lefts if c.dep_ in ("amod", "compound", "nmod", "poss")
              and (demonym_country(c) or is_country(c.text) or getattr(pd.token_entity.get(c.i), "type", "") == "NORP")]
    return _args(pd, owners, C.OWNER_CONFIDENCE, conj=False)


def _event_owners(pd: ParsedDoc, noun: Token) -> list[Token]:
    """Whose act an event noun names: 'US drone strikes', "Israel's raid", 'an attack by X', 'Iraqi shelling'."""
    before = [c for c in noun.lefts if c.dep_ in ("poss", "compound", "nmod", "amod")]
    before += [g for c in before if c.dep_ == "compound" for g in c.lefts if g.dep_ in ("compound", "poss")]  # "US drone strikes"
    owners = [c for c in before if (c.dep_ != "amod" and _can_act(pd, c)) or (c.dep_ == "amod" and demonym_country(c))]
    return owners + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]


def _proposal_owners(pd: ParsedDoc, noun: Token) -> list[Arg]:
    """'rejected North Korea's demand', 'a Chilean proposal', 'calls by X', 'an appeal from X': whose proposal it is."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    owners += [c for c in noun.children if c.dep_ == "amod" and demonym_country(c)]
    owners += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"]
    return _args(pd, owners, C.PROPOSAL_CONFIDENCE, subject=True)


def _phrasal(verb: Token) -> tuple[str, list[Token] | None]:
    """'fired at X' -> ('shoot', [X]); 'cut down' -> ('kill', None); 'served notice' -> ('warn', None); else (lemma, None)."""
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.phrasal_verb_lemmas():
        return lemma, None  # most verbs have no phrasal reading: their children need no walk
    for c in verb.children:
        meaning = lexicon.phrasal_verbs().get((lemma, c.lower_))
        if meaning is None:
            continue
        objects = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ in ("prep", "prt") else []
        if objects:  # "called on X": the parser makes "on" a particle with an object at times
            return meaning, objects
        if c.dep_ in ("prt", "advmod", "dobj"):  # "cut down X"; "served notice to X": a light verb and its noun
            return meaning, None
    return lemma, None


def _same_side(actor: Mention, target: Mention) -> bool:
    """One entity, or a group or institution and the country it belongs to ("Syria withdrew its troops", "Syrian troops",
    "the Iraqi parliament ... Iraq"): no action between them."""
    a, t = actor.antecedent, target.antecedent
    if a.text == t.text or (t.type == "GROUP" and t.text.split()[0].lower() in OWN_POSSESSIVES):
        return True  # "Syria withdrew its troops": its own
    owners = {m.country.lower() for m in (a, t) if m.country} | {c.lower() for m in (a, t) if (c := _institution_country(m))}
    names = {lexicon.country_aliases().get(m.text.lower().removeprefix("the "), m.text).lower() for m in (a, t)}
    return bool(owners & names)


def _institution_country(m: Mention) -> str | None:
    """'the Iraqi parliament', "Iraq's army": the country an institution named by its country belongs to
    (institution words only: "American Airlines" is no body of the United States)."""
    words = m.text.split()
    if m.type != "ORG" or len(words) < 2 or words[-1].lower() not in lexicon.institutions():
        return None
    return next((k for w in words[:-1] if (k := country_key(w))), None)


def _emit(pd, actor_args, target_args, predicate, anchor, modality_word, pattern, scale=1.0, category=None, **extra) -> Iterator[Triple]:
    category = category or lexicon.verb_info(predicate).category
    if category is None or not (actor_args and target_args):
        return  # nothing to emit, so no modality to read
    modality = modality_of(modality_word)
    for a in actor_args:
        for t in target_args:
            if _same_side(a.mention, t.mention):
                continue
            yield make_triple(
                pd, "action", a.mention, predicate, t.mention, anchor,
                round(min(a.confidence, t.confidence) * scale, 3), pattern,
                negated=modality != "asserted", modality=modality, category=category, **extra,
            )


def _media(pd: ParsedDoc, verb: Token) -> list[Arg]:
    """'told BBC Radio Scotland', "told BBC Radio 4's Today programme", 'spoke to Associated Press':
    the news medium spoken to, as the whole name written (the tagger often keeps only part of it)."""
    heard = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    heard += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for g in c.children if g.dep_ == "pobj"]
    return _media_named(pd, heard)


def _media_named(pd: ParsedDoc, heard: list[Token]) -> list[Arg]:
    """The news media some listener tokens name (see :func:`_media`); a medium word with a name in
    apposition is that name ("the British newspaper the Independent")."""
    out = []
    for t in heard:
        named = next((m for c in t.children if c.dep_ == "appos" and (m := pd.argument(c)) is not None), None)
        if named is not None and _cue(t, "medium"):
            out.append(Arg(named, C.MARKED))
            continue
        first = next((w for w in t.subtree if w.dep_ not in ("det", "predet")), t)
        words = pd.tokens[first.i : t.i + 1]
        if not any(_cue(w, "medium") for w in words) or any(w.pos_ not in ("PROPN", "NOUN", "NUM", "PART") for w in words):
            continue
        named = pd.argument(t)
        if named is not None and named.start <= pd.offset + first.idx:
            out.append(Arg(named, C.MARKED))
        else:
            out.append(Arg(pd.mention(first, t, "ORG"), C.MARKED * C.GUESS_DISCOUNT))
    return out


def _places(pd: ParsedDoc, verb: Token) -> list[Arg]:
    """'demonstrated in Serbia', 'imposed a curfew in Kampala', 'lifted a state of emergency in X': the country
    or place an act with no other target happened in (a verb of a known category only: not 'spoke in London')."""
    def within(heads: list[Token]) -> list[Token]:
        return [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS
                for g in c.children if g.dep_ == "pobj"]

    # after the verb only: a fronted "In London on Thursday, ..." sets the scene of the whole clause
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "lifted a state of emergency in X"; not through a person ("killed the chief of a militia in X" did not kill X)
    objects += [o for d in objects if not _is_person_noun(d) for o in _of_object(d)]
    pobjs = [p for p in within([verb, *objects]) if p.i > verb.i]
    pobjs += within([p for p in pobjs if p.i not in pd.token_entity])  # "rioted at a jail in northern Israel"
    # "close embassies in Mali, Niger and Chad": every place of a list, each a place itself
    places = [c for p in pobjs for c in conjuncts(p) if (e := pd.token_entity.get(c.i)) is not None and e.type in ("GPE", "LOC")]
    return _args(pd, places, C.PLACE_CONFIDENCE, conj=False)


def _defendants(pd: ParsedDoc, verb: Token) -> list[Arg]:
    """'testified at the trial of X', 'gave evidence in the trial of X': the one on trial is whom the witness testified about."""
    trials = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "during") for g in c.children
              if g.dep_ == "pobj" and _cue(g, "trial_noun")]
    return _args(pd, [o for t in trials for o in _of_object(t)], C.PREPOSITION)


def _sentence_naming(pd: ParsedDoc, ent: Entity, anchor: Token) -> tuple[int, int] | None:
    """The bounds of the sentence an entity is named in, when it is not the anchor's (None then)."""
    bounds = pd.sentence_bounds(pd.tokens[ent.start])
    return None if bounds == pd.sentence_bounds(anchor) else bounds


def _left_organisation(pd: ParsedDoc) -> list[Arg]:
    """'He resigned in November', 'Smith stepped down': a verb of leaving office with no target of its own
    leaves the organisation the document is about (:func:`extract.coref.document_organisation`)."""
    org = document_organisation(pd)
    return [Arg(org.mention, C.LEFT_ORG_CONFIDENCE)] if org is not None and _left_able(pd, org) else []


def _left_able(pd: ParsedDoc, org: Entity) -> bool:
    """An organisation name that is no person's surname: "Souness backs Smith" tagged ORG is the man the
    document also calls "Graeme Souness" (a PERSON of that surname, or an untagged name just before one of its mentions)."""
    text = org.mention.text
    for e in pd.entities:
        if e.type == "PERSON" and e.mention.text.split()[-1] == text:
            return False
        if e.type == org.type and e.mention.text == text and e.start > 0:
            before = pd.tokens[e.start - 1]
            if before.pos_ == "PROPN" and before.is_title and before.i not in pd.token_entity:
                return False
    return True


def _intent_category(stated: str, intended: str | None) -> str:
    """An intention to do something hostile is a threat (CAMEO 13), any other an intent to cooperate (03): AGREE."""
    return "THREATEN" if stated == "AGREE" and intended in HOSTILE_CATEGORIES else stated


def _reported_would(verb: Token) -> bool:
    """'NATO said it would tighten the blockade': 'would' in a clause a verb of saying reports is the past of
    'will', a stated intention when the speaker speaks of itself (a pronoun subject); not under a condition
    ("... would attack if ..."), a negation, a perfect ("would have"), or a verb that denies or only claims what it reports."""
    if verb.dep_ != "ccomp" or not lexicon.words("speech_verbs.txt") & {verb.head.lemma_.lower()}:
        return False
    if lexicon.modality_words().get((verb.head.lemma_.lower(), "clause")):
        return False  # "denied it would ...", "claims it would ..."
    children = list(verb.children)
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in children):
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == PERFECT_AUXILIARY for c in children):
        return False  # "he would have been giving them the same message": what might have been
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in children):
        return False  # "said it would": of the speaker; "a correspondent said Mr Brown would ..." is a forecast of another
    return not any(c.dep_ == "neg" or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children))
                   for c in children)


def _forecast(verb: Token) -> bool:
    """'It is expected Chelsea will test Liverpool', 'X believes Y will cut ...': a clause under a verb or adjective
    that is no saying is what someone expects, no intention stated."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() not in lexicon.words("speech_verbs.txt")


def _future(verb: Token) -> str | None:
    """'will' or 'shall' when an auxiliary puts the verb in the future ("Israel will evacuate ..."), else None."""
    return next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in lexicon.intent_verbs()), None)


def _phrase_category(verb: Token, lemma: str) -> str | None:
    """The category a verb takes with its object ('opened fire on X': ASSAULT; 'gave aid to X': AID), if any."""
    if lemma not in lexicon.phrase_category_lemmas():
        return None  # most verbs: no phrase to look for, so no walk over their children
    table = lexicon.phrase_categories()
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        words = [o for o in _of_object(c)] if c.lower_ in STATE_NOUNS else []  # "lifted a state of emergency": the state's noun
        for w in [*words, c]:
            if category := table.get((lemma, w.lemma_.lower())) or table.get((lemma, w.lower_)):
                return category  # the lemma or the word as written: "arms" is lemmatised "arm"
    return None


def _argument_counts(pd: ParsedDoc) -> list[int]:
    """How many tokens before each position could stand for an argument: a name, a resolved word,
    a pronoun (relative pronouns and 'they' included) or a group noun."""
    flags = [0] * len(pd.tokens)
    for i in (*pd.token_entity, *pd.resolved):
        flags[i] = 1
    for tok in pd.tokens_with_pos("PRON"):
        flags[tok.i] = 1
    for tok in (*pd.tokens_with_pos("NOUN"), *pd.tokens_with_pos("PROPN")):
        if not flags[tok.i] and may_be_group_noun(tok):
            flags[tok.i] = 1
    return [0, *itertools.accumulate(flags)]


def _may_have_targets(counts: list[int], verb: Token) -> bool:
    """Whether a phrase of the verb that can hold its target (see :data:`NO_TARGET_DEPS`) holds a word that
    could stand for an argument (:func:`_argument_counts`): most verbs have none, and need no search."""
    return any(counts[c.right_edge.i + 1] > counts[c.left_edge.i] for c in verb.children
               if c.dep_ not in NO_TARGET_DEPS or (c.dep_ == "nsubj" and c.i > verb.i))  # a subject after the verb: _misparsed_objects


def verb_clause(pd: ParsedDoc) -> Iterator[Triple]:
    """Actions stated by a verb (see the module docstring for the shapes)."""
    counts = _argument_counts(pd)
    for verb in pd.tokens_with_pos("VERB"):
        lemma, phrasal_targets = _phrasal(verb)
        if lexicon.verb_info(lemma).category is None:
            continue  # "say", "be": no action between entities, so no need to look for arguments
        # only the participle branches read it: other verbs are spared a walk over their children
        has_agent = verb.dep_ in ("acl", "advcl") and any(c.dep_ == "agent" for c in verb.children)
        if _is_passive(verb):
            undergoers = _passive_subjects(verb)
            targets, pattern = _args(pd, undergoers, C.MARKED) or _object_phrase_targets(pd, verb, undergoers), "passive"
        elif verb.dep_ == "acl" and has_agent:  # "a nation led by Saddam Hussein"
            targets, pattern = _args(pd, _noun_under_copula(pd, verb.head), C.PARTICIPLE), "participle"
        elif verb.dep_ == "advcl" and verb.tag_ == "VBN" and has_agent:  # "Pushed by Tehran, the parliament voted"
            targets, pattern = [Arg(a.mention, C.PARTICIPLE) for a in actors(pd, verb.head)], "participle"
        else:
            # "fired a rifle at X": the preposition names the target, the object the weapon
            if not _may_have_targets(counts, verb):
                targets = []
            elif phrasal_targets:
                targets = _args(pd, phrasal_targets, C.MARKED)
            else:
                targets = _targets(pd, verb)
            pattern = "verb_clause"
        category = _phrase_category(verb, lemma)
        if _cue(verb, "speech_verb") and (media := _media(pd, verb)):
            targets, category = media, MEDIA_CATEGORY
        if not targets and pattern == "verb_clause" and (category or lexicon.verb_info(lemma).category) != "OTHER":
            targets, pattern = _places(pd, verb), "place"
        if not targets and pattern == "place" and lemma in lexicon.cues().get("resign_verb", ()):  # "stepped down": the phrasal lemma
            targets, pattern = _left_organisation(pd), "left_organisation"
        if not targets and pattern in ("verb_clause", "place") and lemma in lexicon.cues().get("testify_verb", ()):  # "gave evidence": the phrasal lemma
            targets, pattern = _defendants(pd, verb), "verb_clause"
        if not targets:
            continue  # most verbs have no named target: then their actors need no search
        actor_args = actors(pd, verb) if pattern in ("verb_clause", "place", "left_organisation") else _agents(pd, verb)  # passive: the by-agent
        if pattern == "left_organisation":  # people leave office; "the company resigned" is no shape of news
            actor_args = [a for a in actor_args if a.mention.antecedent.type == "PERSON"]
        # the document's organisation is named in another sentence, as for roles found elsewhere
        elsewhere = {"object_sentence": _sentence_naming(pd, org, verb)} if pattern == "left_organisation" and (org := document_organisation(pd)) else {}
        yield from _emit(pd, actor_args, targets, lemma, verb, verb, pattern, category=category, **elsewhere)
        if pattern == "passive" or lemma in lexicon.cues().get("fixture_verb", ()):
            continue  # "Arsenal will play Chelsea": a fixture on the calendar, no intention stated
        if (future := _future(verb)) and not _forecast(verb):  # "Finland will give Tanzania a grant": a stated intention too
            intent = _intent_category(lexicon.intent_verbs()[future], category or lexicon.verb_info(lemma).category)
            yield from _emit(pd, actor_args, targets, f"{future} {lemma}", verb, verb, "intent", C.INTENT_SCALE, intent)
        elif _reported_would(verb):  # "Iran said it would attack X": the past of 'will'
            intent = _intent_category(lexicon.intent_verbs()[REPORTED_FUTURE], category or lexicon.verb_info(lemma).category)
            # the statement is as sure as its saying ("said", not "denied"), whatever becomes of the act
            yield from _emit(pd, actor_args, targets, f"{REPORTED_FUTURE} {lemma}", verb, verb.head, "intent", C.INTENT_SCALE, intent)


def _held_post(t: Triple, posts: set[tuple[str, str]]) -> bool:
    """Whoever leaves the document's organisation held a post there, as its roles say ("its chief executive,
    John Smith, resigned"); "Hugh Dalton resigned" in a story about a Budget leak left no 'Budget'."""
    return t.object is not None and (t.subject.antecedent.text, t.object.antecedent.text) in posts


def _of_objects(noun: Token) -> list[Token]:
    """The 'of' objects of an event noun, shared across 'the capture and execution of X'."""
    for n in [noun, *[c for c in noun.children if c.dep_ == "conj"], noun.head if noun.dep_ == "conj" else noun]:
        objs = _of_object(n) or _of_object_after_date(n)
        if objs:
            return objs
    return []


def _of_object_after_date(noun: Token) -> list[Token]:
    """'the assassination in 1914 of X': the parser hangs the 'of' phrase from the date."""
    dates = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "on") for g in c.children
             if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
    return [o for d in dates for o in _of_object(d)]


def _event_objects(noun: Token, verb: str) -> list[Token]:
    """'an attack on X', 'sanctions against X', 'calls by Y for X to ...', 'a visit to X': the target of an event noun with no 'of' object."""
    preps = EVENT_NOUN_PREPOSITIONS | ({"for"} if lexicon.verb_info(verb).category == "REQUEST" else set())
    if _cue(noun, "travel_noun"):
        preps = preps | {"to"}  # "a visit to X"
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _intended_targets(pd: ParsedDoc, noun: Token) -> list[Arg]:
    """"X's decision to close embassies in Y", "X's threat to cut off Y": the targets of the verb the noun introduces."""
    for c in noun.children:
        if c.dep_ == "acl" and c.pos_ == "VERB":
            if any(n.dep_ == "neg" for n in c.children):
                return []  # "X's decision not to speak to the media": nothing done to the media
            return _complement_targets(pd, c) or _places(pd, c)
    return []


def _blame_holder(pd: ParsedDoc, noun: Token) -> list[Arg] | None:
    """'X, the only suspect in ...', 'X is the suspect in ...': whom a blame noun is said of (None: look further up)."""
    if noun.dep_ == "appos":
        return _args(pd, [noun.head], C.BLAME_CONFIDENCE, subject=True, conj=False)
    if noun.dep_ == "attr":
        return _args(pd, [c for c in noun.head.children if c.dep_ == "nsubj"], C.BLAME_CONFIDENCE, subject=True)
    return None


def _context_actor(pd: ParsedDoc, noun: Token) -> list[Arg]:
    """Who did the deed an event noun names, read from the clause around it.

    Climbs from the noun through prepositions, other event nouns and blame nouns:
    'X was convicted of the killing of Y' (a blame verb), 'X is serving a sentence for the
    murder of Y' (a blame noun, then the clause's subject), 'X, the only suspect in Y's
    assassination', 'X committed the murder of Y'; and, at low confidence, 'With the
    capture of X, the US ...' (the subject of the clause the phrase introduces).
    """
    node, blamed = noun, False
    for _ in range(6):
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "dobj":
            gov = node.head
            if blamed or _cue(gov, "perform_verb"):
                return _rescaled(actors(pd, gov), C.BLAME_CONFIDENCE)
            return []
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            prep, gov = node.head, node.head.head
        elif node.dep_ == "acl" and node.head.pos_ == "NOUN":  # "a sentence for the 1968 slaying of King"
            prep, gov = None, node.head
        else:
            return []
        if gov.pos_ == "ADJ":  # "pleaded guilty to the killing of X"
            small_clause = [c for c in gov.children if c.dep_ == "nsubj"]
            if small_clause:
                return _args(pd, small_clause, C.BLAME_CONFIDENCE, subject=True)
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX"):
            if _cue(gov, "blame_verb"):
                return _rescaled(_blamed(pd, gov, 3), C.BLAME_CONFIDENCE)
            if blamed:
                return _rescaled(actors(pd, gov), C.BLAME_CONFIDENCE)
            if prep is not None and prep.lower_ in CONTEXT_PREPOSITIONS:
                return _rescaled(actors(pd, gov), C.CONTEXT_CONFIDENCE)
            if prep is not None and prep.lower_ in TRAVEL_PREPOSITIONS and node is noun and _cue(noun, "travel_noun"):
                return _rescaled(actors(pd, gov), C.CONTEXT_CONFIDENCE)  # "X said on a visit to Y": X was there
            return []
        if gov.pos_ != "NOUN":
            return []
        if _cue(gov, "blame_noun"):
            blamed = True
            holder = _blame_holder(pd, gov)
            if holder is not None:
                return holder
        elif lexicon.nominals().get(gov.lemma_.lower(), ("", ""))[1] != "event":
            return []  # "a film about the killing of X" says nothing of who did it
        node = gov
    return []


def _can_act(pd: ParsedDoc, tok: Token) -> bool:
    """Can a word before an event noun be its doer? Names of people, organisations and countries,
    pronouns and words for people ("US officials'") can; cities ("the Guadalajara slayings") cannot."""
    ent = pd.token_entity.get(tok.i)
    if ent is None:
        return tok.pos_ == "PRON" or tok.i in pd.resolved or _is_person_noun(tok) or tok.lemma_.lower() in lexicon.institutions()
    return ent.type in ("ORG", "PERSON", "NORP") or (ent.type == "GPE" and country_key(ent.mention.text, demonyms=False) is not None)


def _event_entry(tok: Token) -> tuple[str, str] | None:
    """(verb lemma, form) when ``tok`` is an action noun. The tagger sometimes reads 'the 1968
    slaying of King' as a verb: a gerund with an 'of' object and no direct object counts too,
    and so does a lower-case word compounded with a name ("Kennedy assassin Sirhan")."""
    table = lexicon.nominals()
    if tok.pos_ == "NOUN":
        return table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if tok.tag_ == "VBG" and _of_object(tok) and not any(c.dep_ == "dobj" for c in tok.children):
        return table.get(tok.lower_)
    if tok.is_lower and tok.dep_ == "compound":  # "Kennedy assassin Sirhan", whatever the tagger called "assassin"
        return table.get(tok.lower_)
    return None


def _action_nouns(pd: ParsedDoc) -> list[tuple[Token, tuple[str, str]]]:
    """Every action noun of the document with its entry (:func:`_event_entry`), in text order: one pass for
    :func:`nominal_event` and :func:`agent_noun`."""
    if "action_nouns" not in pd.memo:
        table = lexicon.nominals()
        # a word of another part of speech is looked up as written: most are in no table, and need no more reading
        others = [tok for tok in pd.tokens if tok.lower_ in table and tok.pos_ != "NOUN"]
        candidates = sorted([*pd.tokens_with_pos("NOUN"), *others], key=lambda t: t.i)
        pd.memo["action_nouns"] = [(tok, entry) for tok in candidates if (entry := _event_entry(tok)) is not None]
    return pd.memo["action_nouns"]


def nominal_event(pd: ParsedDoc) -> Iterator[Triple]:
    """'the U.S. killing of Iran’s Gen. Qassem Soleimani', 'the assassination of X by Y', 'Kennedy's murder'."""
    for noun, entry in _action_nouns(pd):
        if entry[1] != "event":
            continue
        # "the Guadalajara slayings": a city before an event noun is where, not who; countries and organisations act
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and _can_act(pd, c)]
        objects = _of_objects(noun) or _event_objects(noun, entry[0])
        targets = _args(pd, objects, C.PREPOSITION)
        # "an order for 30 Boeing jets" is a purchase, as "ordered 30 jets" is (phrases.tsv, the object as for a verb)
        category = next((k for o in objects if (k := lexicon.phrase_categories().get((entry[0], o.lemma_.lower())))), None)
        if not targets and (category := lexicon.intent_verbs().get(entry[0])):
            targets = _intended_targets(pd, noun)  # "Chad's decision to close its embassy in Mali"
        if not targets and lexicon.verb_info(entry[0]).kill:
            # "Kennedy's assassination", "the Kennedy slaying": with no 'of' object, the person before it is the victim
            victims = [c for c in owners if (e := pd.token_entity.get(c.i)) is not None and e.type == "PERSON"]
            targets, owners = _args(pd, victims, C.PREPOSITION, conj=False), []
        by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if not targets and by and noun.dep_ == "pobj" and _cue(noun.head.head, "accept_verb"):
            targets = _rescaled(actors(pd, noun.head.head), C.PREPOSITION)  # "X agreed to a buyout by Y": Y buys X
        if not targets:
            continue
        if _cue(noun, "sale_noun"):  # "the sale of MGM to Sony": Sony buys MGM
            yield from _emit(pd, _args(pd, _phrase_objects([noun], {"to"}), C.PREPOSITION), targets, BUY_PREDICATE, noun, noun, "nominal_event")
        actor_args = _args(pd, by, C.PREPOSITION) or _args(pd, owners, C.PREPOSITION) or _context_actor(pd, noun)
        yield from _emit(pd, actor_args, targets, entry[0], noun, noun, "nominal_event", category=category)


def _name_before(pd: ParsedDoc, tok: Token) -> list[Token]:
    """'Kennedy assassin Sirhan', 'Garfield's assassin Guiteau': the person named right before a word."""
    i = tok.i - 1
    if i >= 0 and pd.tokens[i].text in ("'s", "’s", "'", "’"):
        i -= 1
    ent = pd.token_entity.get(i) if i >= 0 else None
    return [pd.tokens[ent.head]] if ent is not None and ent.type == "PERSON" and ent.end == i + 1 else []


def agent_noun(pd: ParsedDoc) -> Iterator[Triple]:
    """'X's assassin, Y', 'Y, X's killer', 'Kennedy assassin Sirhan', 'Y, the assassin of X': the noun names the doer.

    An "undergoer" noun names the one acted on: "X's predecessor, Y" (X succeeded Y).
    """
    for noun, entry in _action_nouns(pd):
        if entry[1] not in ("agent", "undergoer"):
            continue
        victims = [c for c in noun.children if c.dep_ == "poss"] + _of_objects(noun)
        doers = [c for c in noun.children if c.dep_ == "appos"]
        if noun.dep_ == "appos":
            doers.append(noun.head)
        if noun.dep_ == "compound" and pd.argument(noun.head) is not None:  # "assassin Charles Guiteau"
            doers.append(noun.head)
            victims = victims or _name_before(pd, noun)
        doers = doers or _name_after_comma(pd, noun)
        if noun.dep_ == "attr" and not doers:  # "Y is X's killer"; "another critic is X's predecessor, Y": Y, no critic
            doers = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if entry[1] == "undergoer":
            doers, victims = victims, doers
        yield from _emit(pd, _args(pd, doers, C.PREPOSITION, conj=False), _args(pd, victims, C.PREPOSITION), entry[0], noun, noun, "agent_noun")


def _name_after_comma(pd: ParsedDoc, noun: Token) -> list[Token]:
    """"his predecessor as CEO, Jim Cantalupo, died": the person named right after the noun's phrase and a
    comma, which the parser does not always make its apposition, or makes the apposition of the 'as' phrase."""
    titled = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"
              for g in o.children if g.dep_ == "appos"]
    if titled:
        return titled
    i = noun.right_edge.i + 2
    ent = pd.token_entity.get(i) if i < len(pd.tokens) and pd.tokens[i - 1].text == "," else None
    return [pd.tokens[ent.head]] if ent is not None and ent.type == "PERSON" and ent.start == i else []


def _complement_targets(pd: ParsedDoc, verb: Token, depth: int = 3) -> list[Arg]:
    """The targets of a verb, or of the verb it governs in turn: 'prepared to resume shelling X'."""
    for _ in range(depth):
        _, phrasal_targets = _phrasal(verb)
        targets = _args(pd, phrasal_targets, C.MARKED) if phrasal_targets else (_targets(pd, verb) or _places(pd, verb))
        inner = [c for c in verb.children if c.dep_ == "xcomp"]
        if targets or not inner:
            return targets
        verb = inner[0]
    return []


def intent_clause(pd: ParsedDoc) -> Iterator[Triple]:
    """'X threatened to cut off electricity to Y', 'X is willing to withdraw from Y', 'X refused to meet Y'.

    The threat, offer or refusal is itself the act (THREATEN, AGREE, REJECT; from
    ``intent_verbs.tsv``), stated as a fact even though what it is about is not; the target
    is the governed verb's. "X asked Y to ..." is left to ``verb_clause`` (the object is the target).
    """
    for verb in pd.tokens_with_pos("VERB"):
        if verb.dep_ != "xcomp":
            continue
        gov = verb.head
        word = gov.lemma_.lower()
        category = lexicon.intent_verbs().get(word) or lexicon.intent_verbs().get(gov.lower_)
        if category is None or any(c.dep_ == "dobj" for c in gov.children):
            continue
        targets = _complement_targets(pd, verb)
        if targets:
            category = _intent_category(category, _phrase_category(verb, verb.lemma_.lower()) or lexicon.verb_info(verb.lemma_).category)
            yield from _emit(pd, actors(pd, verb), targets, word, gov, gov, "intent", C.INTENT_SCALE, category)


def request_clause(pd: ParsedDoc) -> Iterator[Triple]:
    """'X demanded that Y withdraw', 'X insisted Y must leave', 'X said Y should resign': the one
    asked is the subject of the clause (after a verb of saying, only with 'must' or 'should');
    also after a verb whose object is a request ("X reiterated its demand that Y ease ...")."""
    for verb in pd.tokens_with_pos("VERB"):
        if verb.dep_ != "ccomp":
            continue
        obliged = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_WORDS for c in verb.children)
        # "reiterated its demand that Y ...": the parser hangs the clause from the verb that voices the request
        request = next((e for c in verb.head.children if c.dep_ == "dobj" and (e := _request_noun(c))), None) if _voices(verb.head) else None
        if not (_cue(verb.head, "request_verb") or (obliged and _cue(verb.head, "say_verb")) or request):
            continue
        if verb.tag_ != "VB" and not obliged and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            continue  # "demanded that Y withdraw", "insisted Y must": not a report that follows ("..., diplomats quoted")
        if not _asks(verb):
            continue
        gov = verb.head
        targets = _args(pd, [c for c in verb.children if c.dep_ == "nsubj"], C.INDIRECT, subject=True)
        if targets:
            predicate = gov.lemma_.lower() if _cue(gov, "request_verb") else request or OBLIGATION_PREDICATE
            yield from _emit(pd, actors(pd, gov), targets, predicate, gov, gov, "request_clause", 1.0, "REQUEST")
    for verb in pd.tokens_with_pos("VERB"):  # "Kenya repeated its call that Uganda withdraw": the clause on the noun
        if verb.dep_ != "acl" or (request := _request_noun(verb.head)) is None:
            continue
        if verb.tag_ != "VB" and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            continue  # "the demand to ...", "a call made by X": no clause of what is asked
        noun = verb.head
        targets = _args(pd, [c for c in verb.children if c.dep_ == "nsubj"], C.INDIRECT, subject=True)
        # whose request: its owner ("its call"), else whoever voices it ("made a request"), not who welcomes it
        owners = _args(pd, [c for c in noun.children if c.dep_ == "poss"], C.INDIRECT, subject=True)
        if not owners and noun.dep_ == "dobj" and _voices(noun.head):
            owners = _rescaled(actors(pd, noun.head), C.INDIRECT)
        if targets:
            yield from _emit(pd, owners, targets, request, noun, noun, "request_clause", 1.0, "REQUEST")


def _asks(verb: Token) -> bool:
    """A clause that asks for an act, not one that reports it: "insisted that voters faced higher taxes" (past),
    "said Y should have acted" (perfect), "insists that Y will not cut jobs" (a modal of what will be) ask nothing."""
    if verb.tag_ == "VBD":
        return False
    return not any(c.dep_ == "aux" and (c.lemma_.lower() == PERFECT_AUXILIARY or (c.tag_ == "MD" and c.lower_ not in OBLIGATION_WORDS))
                   for c in verb.children)


def _request_noun(noun: Token) -> str | None:
    """The verb a request noun stands for ("demand", "call" -> "call for"), else None."""
    entry = _event_entry(noun) if noun.pos_ == "NOUN" else None
    return entry[0] if entry is not None and entry[1] == "event" and lexicon.verb_info(entry[0]).category == "REQUEST" else None


def _voices(verb: Token) -> bool:
    """A verb that voices what its object says: one of saying ("reiterated its demand") or of making it ("made a request")."""
    return _cue(verb, "say_verb") or _cue(verb, "speech_verb") or _cue(verb, "voice_verb")


def media_interview(pd: ParsedDoc) -> Iterator[Triple]:
    """'X said in an interview with the BBC', 'X said in a BBC interview': speech to the medium that
    interviewed (STATEMENT, as for "told BBC Radio Scotland")."""
    for noun in pd.tokens_with_pos("NOUN"):
        if noun.dep_ != "pobj" or noun.head.lower_ not in INTERVIEW_PREPOSITIONS or not _cue(noun, "interview_noun"):
            continue
        verb = noun.head.head
        if not (_cue(verb, "say_verb") or _cue(verb, "speech_verb")):
            continue
        heard = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in MEDIUM_PREPOSITIONS for g in c.children if g.dep_ == "pobj"]
        heard += [c for c in noun.children if c.dep_ in ("compound", "nmod", "poss") and c.pos_ == "PROPN"]  # "a BBC interview"
        yield from _emit(pd, actors(pd, verb), _media_named(pd, heard), verb.lemma_.lower(), verb, verb, "media_interview",
                         category=MEDIA_CATEGORY)


def _side(pd: ParsedDoc, first: int, last: int) -> Mention | None:
    """The team a score line names in tokens [first, last]: an organisation the document names so
    (the tagger often calls a team in a headline a person or nothing), else the entity written there."""
    if first > last:
        return None
    text = pd.text[pd.offset + pd.tokens[first].idx : pd.offset + pd.tokens[last].idx + len(pd.tokens[last])]
    team = next((e for e in pd.entities if e.type == "ORG" and e.mention.antecedent.text == text), None)
    if team is not None:
        return pd.mention(pd.tokens[first], pd.tokens[last], "ORG", refers_to=team.mention.antecedent)
    ent = pd.token_entity.get(first)
    return ent.mention if ent is not None and ent.start == first and ent.end == last + 1 else None


def score_line(pd: ParsedDoc) -> Iterator[Triple]:
    """'Wasps 31-37 Leicester': a sports report's headline gives the result, home side first; the side
    with more points beat the other (a draw, no one). A match is no PLOVER event: category OTHER."""
    if pd.offset != 0 or not pd.sents:
        return  # only a document's own first line is its headline
    line = [t for t in pd.tokens[pd.sents[0].start : pd.sents[0].end]]
    end = next((t.i for t in line if t.is_space), line[-1].i + 1)  # the headline ends at its line break
    nums = [t for t in line if t.i < end and t.like_num]
    if len(nums) != 2 or nums[1].i != nums[0].i + 2 or pd.tokens[nums[0].i + 1].text not in SCORE_DASHES:
        return
    home, away = _side(pd, line[0].i, nums[0].i - 1), _side(pd, nums[1].i + 1, end - 1)
    scores = (int(nums[0].text), int(nums[1].text)) if nums[0].text.isdigit() and nums[1].text.isdigit() else None
    if home is None or away is None or scores is None or scores[0] == scores[1]:
        return
    winner, loser = (home, away) if scores[0] > scores[1] else (away, home)
    yield from _emit(pd, [Arg(winner, C.MARKED)], [Arg(loser, C.MARKED)], WIN_PREDICATE, nums[0], nums[0], "score_line",
                     category="OTHER")


def state_owned(pd: ParsedDoc) -> Iterator[Triple]:
    """"Russia's state-owned Gazprom", 'the Ukrainian state-owned Naftohaz company': the country owns the
    organisation. Ownership is no PLOVER event: category OTHER."""
    for owned in pd.tokens_with_pos("VERB"):
        if owned.dep_ != "amod" or owned.lemma_ != "own" or not any(c.lower_ == "state" for c in owned.lefts):
            continue
        noun = owned.head
        org = pd.argument(noun) if getattr(pd.token_entity.get(noun.i), "type", "") == "ORG" else _kind_named(pd, noun)
        owners = [c for c in noun.lefts if c.dep_ in ("poss", "amod", "compound", "nmod")
                  and (demonym_country(c) or is_country(c.text)) and c.i in pd.token_entity]
        if org is not None:
            yield from _emit(pd, _args(pd, owners[:1], C.MARKED, conj=False), [Arg(org, C.MARKED)], OWN_PREDICATE, owned, owned,
                             "state_owned", category="OTHER")


ActionPattern = Callable[[ParsedDoc], Iterator[Triple]]
ACTION_PATTERNS: tuple[ActionPattern, ...] = (verb_clause, nominal_event, agent_noun, intent_clause, request_clause, media_interview,
                                               score_line, state_owned)
"""Every action pattern, in the order they run."""


def extract_actions(pd: ParsedDoc, roles: list[Triple]) -> list[Triple]:
    """All action triples of one parsed document, without exact repeats; the document's roles tell
    who held a post where (:func:`_held_post`)."""
    out, seen = [], set()
    posts = {(r.subject.antecedent.text, r.object.antecedent.text) for r in roles if r.object is not None}
    for pattern in ACTION_PATTERNS:
        for t in pattern(pd):
            key = (t.subject.start, t.predicate, t.object.start if t.object else None)
            if t.pattern == "left_organisation" and not _held_post(t, posts):
                continue
            if key not in seen:
                seen.add(key)
                out.append(t)
    return out
