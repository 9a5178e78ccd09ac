"""Coreference by rule, within one document.

No coreference model can be installed offline, so these rules work over the parse:

- :func:`resolve_surnames`: "Kadhimi" after "Mustafa al-Kadhimi" refers to the full name
  (or before it, in a headline, when no full name comes earlier).
- :func:`resolve_descriptions`: "the prime minister" refers to the one person this
  document earlier gave that role to; two candidates leave it unresolved.
- :func:`resolve_governments`: "the government", "ministers", "the ministry" refer to the
  government the document names, or the one country whose national offices it names;
  "parliament" to the institution of that kind the document names.
- :func:`resolve_headline_descriptions`: a headline's "Head Coach" is the one person the document
  gives that title; its "Woman" is the person the lead describes as a woman.
- :func:`resolve_epithets`: "The Oscar winner said ..." refers to the one person the
  nearest sentence before that names any names.
- :func:`resolve_lead`: a lead's "A Norwegian student who ..." refers to the person the
  next sentence names, for the first time, as its subject.
- :func:`resolve_pronouns`: he/she/him/her/his refer to the nearest fitting person,
  preferring the subject of the clause the pronoun hangs from, then a sentence's subject;
  in a text that opens "X (born ...) is a ...", a subject he/she is X unless its own clause names another;
  a person described but not named ("the president") in between blocks the link, because
  guessing past it is how wrong edges are born.

Each resolved mention keeps its own offsets and records in ``refers_to`` what it was
resolved to.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span, Token

from extract import lexicon
from extract.mentions import Entity, ParsedDoc, is_title
from extract.models import Mention, Triple
from extract.names import PERSON_PRONOUNS, country_key, demonym_country, is_name_word, name_key, normal_title, title_normal  # noqa: F401 (re-exported)

LOOKBACK_SENTENCES = 3
MAIN_PERSON_MENTIONS = 3  # a person named this often, and twice as often as anyone else, is who a document is about
_SPACES = re.compile(r"\s+")


def _words(mention: Mention) -> list[str]:
    # the comparable words only (is_name_word): the "'" of "Workers ' Party" is no surname,
    # and "Kim ." is a one-word name
    return [w for w in _SPACES.split(mention.text.strip()) if w and is_name_word(name_key(w))]


def resolve_surnames(pd: ParsedDoc) -> None:
    """Link a short person name to the one full name it is the end of: the one earlier in
    the document, or, when none is earlier, the one later (a headline's "Murray returns"
    before the body's "Euan Murray")."""
    entities = sorted(pd.entities, key=lambda e: e.start)
    full_names: list[tuple[Entity, str]] = [  # with the key of the surname, made once rather than per short name
        (e, name_key(_words(e.mention)[-1])) for e in entities if e.type == "PERSON" and len(_words(e.mention)) >= 2
    ]
    for ent in entities:
        words = _words(ent.mention)
        if len(words) != 1 or (ent.type != "PERSON" and ent.type not in ("ORG", "GPE", "NORP")):
            continue  # spaCy sometimes tags a bare surname ORG: it may still name a known person
        key = name_key(words[0])
        fitting = [c for c, surname in full_names if key and surname == key]
        earlier = [c for c in fitting if c.start < ent.start]
        candidates = {c.mention.text: c for c in (earlier or fitting)}
        if len(candidates) == 1:
            target = next(iter(candidates.values()))
            ent.type = "PERSON"
            ent.mention = ent.mention.model_copy(update={"refers_to": target.mention, "type": "PERSON"})
            ent.honorific_gender = ent.honorific_gender or target.honorific_gender


ORG_LOOKBACK_SENTENCES = 2


def _refers_to_org(pd: ParsedDoc, tok: Token) -> bool:
    """'the agency', 'a company official', 'the department's Al Comproni': an organisation word used as a description."""
    if tok.pos_ != "NOUN" or tok.i in pd.token_entity or tok.lemma_.lower() not in lexicon.org_words():
        return False
    if any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ == "PROPN" for c in tok.children):
        return False  # "the Pentagon agency" is a name of its own
    if any(c.dep_ == "appos" and c.i in pd.token_entity for c in tok.children) or (
        tok.dep_ == "compound" and tok.head.i in pd.token_entity
    ):
        return False  # "the radio station Celeste FM" names it
    if any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
        return True
    head = pd.token_entity.get(tok.head.i)
    return tok.dep_ in ("compound", "poss") and (is_title(tok.head) or (head is not None and head.type == "PERSON"))


def _inside_org_phrase(pd: ParsedDoc, ent: Entity) -> bool:
    """True for 'Randolph' in 'Waste Disposal Co. of Randolph': a name in another organisation's phrase."""
    head = pd.tokens[ent.head]
    if head.dep_ != "pobj":
        return False
    owner = pd.token_entity.get(head.head.head.i)
    return owner is not None and owner.type == "ORG"


def resolve_org_descriptions(pd: ParsedDoc) -> None:
    """Resolve 'the agency' to the nearest earlier organisation whose name has that word
    ("the Environmental Protection Agency"), within two sentences; a generic word ("the
    company", "the newspaper") may also stand for the nearest earlier organisation of its own
    sentence."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    orgs = sorted((e for e in pd.entities if e.type == "ORG"), key=lambda e: e.start)
    for tok in pd.tokens_with_pos("NOUN"):
        if not _refers_to_org(pd, tok):
            continue
        word, k = tok.lemma_.lower(), pd.sentence_index(tok)
        earlier = [e for e in orgs if e.end <= tok.i and pd.sentence_index(doc[e.start]) >= k - ORG_LOOKBACK_SENTENCES]
        named = [e for e in earlier if word in {name_key(w) for w in _words(e.mention)}]
        if not named and word in lexicon.generic_org_words():
            # "Waste Disposal Co. of Randolph ..., said ..., a company official": the outer organisation
            named = [e for e in earlier if pd.sentence_index(doc[e.start]) == k and not _inside_org_phrase(pd, e)]
        if not named and (word in lexicon.generic_org_words() or word in lexicon.document_org_words()) and (
                about := document_organisation(pd)) is not None and about.end <= tok.i:
            named = [about]  # "the company", "the club", "the band": the one organisation the document is about
        if named:
            first = next((c for c in tok.lefts if c.dep_ == "det"), tok)
            pd.resolved[tok.i] = pd.mention(first, tok, "ORG", refers_to=named[-1].mention.antecedent)


DOCUMENT_ORG_MIN_MENTIONS = 2  # one mention is no evidence that a document is about an organisation
DOCUMENT_ORG_LEAD = 2  # named at least twice as often as any other organisation


def document_organisation(pd: ParsedDoc) -> Entity | None:
    """The organisation a document is about: the one its headline or first sentence (its first two) names, named at least
    twice, and twice as often as any other ("McDonald's" in an obituary of its chief executive). None when
    two compete.
    Its first mention is returned; the count is made once per document."""
    if isinstance(pd.doc_org, Entity):
        return pd.doc_org
    if pd.doc_org is False:
        return None
    counts: dict[str, list[Entity]] = {}
    for e in sorted(pd.entities, key=lambda e: e.start):
        if e.type == "ORG" and not e.mention.text.islower():
            counts.setdefault(e.mention.antecedent.text.lower(), []).append(e)
    ranked = sorted(counts.values(), key=len, reverse=True)
    top = ranked[0] if ranked else []
    runner_up = len(ranked[1]) if len(ranked) > 1 else 0
    found = top[0] if len(top) >= DOCUMENT_ORG_MIN_MENTIONS and len(top) >= DOCUMENT_ORG_LEAD * runner_up else None
    if found is not None and pd.offset == 0 and pd.sentence_index(pd.tokens[found.start]) > 1:
        found = None  # a document is about what its headline or its first sentence names
    pd.doc_org = found or False
    return found


def _description_tokens(pd: ParsedDoc) -> list[Token]:
    """Heads of 'the prime minister', 'the Iraqi leader': a title noun with 'the' and no name."""
    found = []
    for tok in pd.tokens_with_pos("NOUN", "PROPN"):  # "the outgoing European Commissioner": a title written capitalised
        if not is_title(tok) or tok.i in pd.token_entity:
            continue
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
            continue
        if any(c.dep_ in ("compound", "appos", "poss") and c.i in pd.token_entity and pd.token_entity[c.i].type == "PERSON"
               for c in tok.children):
            continue  # "the US president Trump": named, not a description ("the former Labour leader" is one)
        if tok.dep_ in ("compound", "appos") and tok.head.i in pd.token_entity:
            continue
        found.append(tok)
    return found


def _description_title(tok: Token) -> str:
    """'the prime minister' -> 'prime minister' (compound words before the head count)."""
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("ADJ", "NOUN", "PROPN")]
    return " ".join([w.lower_ for w in words] + [title_normal(tok)])


def _title_fits(role_title: str, title: str) -> bool:
    """Does a role's title fit a description's? "prime minister" fits "Iraqi prime minister", "Coach" fits
    "head coach", "RECEIVER" "wide receiver"; "minister" does not fit "deputy prime minister" (a lesser title)."""
    lesser = set(role_title.removesuffix(title).split()) & lexicon.words("lesser_titles.txt")
    return role_title == title or (role_title.endswith(" " + title) and not lesser)


def resolve_descriptions(pd: ParsedDoc, roles: list[Triple]) -> None:
    """Resolve 'the prime minister' to the one person given that role earlier in the document."""
    for tok in _description_tokens(pd):
        title = _description_title(tok)
        country = next((demonym_country(c) for c in tok.lefts if demonym_country(c)), None)
        pos = pd.offset + tok.idx
        people: dict[str, Mention] = {}
        for role in roles:
            if role.subject.end > pos:
                continue
            role_title = normal_title(role.predicate)
            fits = _title_fits(role_title, title) or (title == "leader" and role_title in lexicon.words("leader_titles.txt"))
            if country and (role.object is None or _country_of(role.object) != country):
                fits = False
            if fits:
                person = role.subject.antecedent
                people[person.text] = person
        if not people and tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NN", "NNP") and _changing_role(tok):
            main = _main_person(pd)  # "The former Labour leader said ..." in an article about Neil Kinnock
            people = {main.text: main} if main is not None and main.start < pos else {}
        if len(people) == 1:
            target = next(iter(people.values()))
            first = next((c for c in tok.lefts if c.dep_ == "det"), tok)
            pd.resolved[tok.i] = pd.mention(first, tok, "PERSON", refers_to=target)


def _headline_tokens(pd: ParsedDoc) -> list[Token]:
    """The tokens of a document's headline: its first line, when that has no final stop (a text of one line:
    its first sentence). The parser may end a sentence inside it ("... Picked Ellen DeGeneres | As Oscar Host")."""
    if pd.offset != 0 or not pd.sents:
        return []
    start = pd.sents[0].start
    end = next((i for i in range(start, len(pd.tokens)) if "\n" in pd.tokens[i].text), pd.sents[0].end)
    words = [t for t in pd.tokens[start:end] if not t.is_space]
    return [] if not words or words[-1].text[-1:] in (".", "?", "!") else words


GENDERED_NOUNS = {"woman": "f", "mother": "f", "grandmother": "f", "wife": "f", "daughter": "f", "widow": "f",
                  "man": "m", "father": "m", "grandfather": "m", "husband": "m", "son": "m"}
"""Nouns for a woman or a man: a headline's "Woman" is the lead's "59-year-old mother of two"."""


def _same_person_noun(headline: Token, lead: Token) -> bool:
    """'Woman' and 'a woman'; 'Woman' and 'a mother of two' (a woman); not 'Man' and 'a mother'."""
    word, other = headline.lemma_.lower(), lead.lemma_.lower()
    if word == other or headline.lower_ == lead.lower_:
        return True
    return word in ("woman", "man") and GENDERED_NOUNS.get(other, "") == GENDERED_NOUNS[word]


def resolve_headline_descriptions(pd: ParsedDoc, roles: list[Triple], lead: tuple[Token, Mention] | None) -> list[Mention]:
    """A headline names people by what they are before the story names them. A capitalised word there that
    names no one is:

    - a title ('Sixers Hire Maurice Cheeks as Head Coach', 'CHARGERS ' RECEIVER ARRESTED', 'President
      Nominates ...'): the one person the document gives that title, wherever it does (two such people, or a
      lesser title such as 'Vice President' against a plain one, leave it unresolved);
    - a noun for a person ('Woman Killed In Queens Hit-And-Run'): the person the lead describes by the same
      noun, when :func:`resolve_lead` found whom ('A woman has died ... Witnesses say Raj Chohan was ...');
    - failing the lead, a noun that is no title, written at one person's name and at no one else's (see
      :func:`_attached_nouns`): 'Academy Picks Ellen DeGeneres As Oscar Host', 'Swimmer Dies' over 'the
      actress and swimmer, Esther Williams, died ...'.

    A title right before a name is that name's ("Sixers' Coach Jim O'Brien"). Returns the mentions resolved:
    the headline names that person there, so they are mentions of them, like a surname."""
    found: list[Mention] = []
    person_nouns = GENDERED_NOUNS.keys() | lexicon.words("person_nouns.txt")
    described = None  # noun -> the people the document writes it at, read once a headline word needs it
    headline = _headline_tokens(pd)
    for tok in headline:
        if not tok.text[:1].isupper() or tok.i in pd.token_entity or tok.i in pd.resolved or tok.i + 1 in pd.token_entity:
            continue
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper() and c.i not in pd.token_entity]
        target = None
        # one person ("MPs" are many), heading its phrase ("MP lists", "Executive trio", "Burglar defence guidelines"
        # are things; a headline's verb the parser took for a noun, "President Names ...", heads nothing)
        heads = not (tok.dep_ == "compound" and tok.head.i not in pd.token_entity and tok.head.i not in pd.headline_common)
        title = tok.lower_ in lexicon.titles() and heads
        if title and not any(w.lower_ in lexicon.words("lesser_titles.txt") for w in words):
            head = title_normal(tok)
            people = {r.subject.antecedent.text: r.subject.antecedent for r in roles
                      if r.subject.type == "PERSON" and not r.negated and _title_fits(normal_title(r.predicate), head)}
            target = next(iter(people.values())) if len(people) == 1 else None
        elif lead is not None and tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in person_nouns:
            target = lead[1] if _same_person_noun(tok, lead[0]) else None
        if target is None and heads and tok.tag_ in ("NN", "NNP") and not is_title(tok):  # a title's holder: the roles' to say
            described = _described_people(pd, {t.i for t in headline}) if described is None else described
            by_noun = described.get(tok.lemma_.lower(), {})
            target = next(iter(by_noun.values())) if len(by_noun) == 1 else None
        if target is not None:
            pd.resolved[tok.i] = pd.mention(words[0] if words else tok, tok, "PERSON", refers_to=target)
            found.append(pd.resolved[tok.i])
    return found


def _attached_nouns(pd: ParsedDoc, ent: Entity, headline: set[int]) -> list[Token]:
    """The common nouns a text writes right at a name, each of which describes its bearer: the word before
    it ("attorney Shawn Holley"), an apposition either way round ("the actress and swimmer, Esther
    Williams"; "Gigante, the feared mafioso") and an 'as' after it ("Picked Ellen DeGeneres As Oscar Host").
    In the body they are written in lower case: a capitalised word there is a name's or a post-nominal's
    ("Regina Benjamin, M.D."). In a Title Case headline only 'as' says what a word is: its commas part
    phrases ("Arcade Comeaux, Prison Inmate, Pulls Gun On Guards")."""
    doc, head = pd.tokens, pd.tokens[ent.head]
    as_words = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "as"]
    if ent.end < len(doc) and doc[ent.end].lower_ == "as" and doc[ent.end] not in as_words:  # a headline's "As" hangs anywhere
        as_words.append(doc[ent.end])
    nouns = [c for w in as_words for c in w.children if c.dep_ == "pobj"]
    if ent.start not in headline:
        nouns += [c for c in head.children if c.dep_ == "appos" and c.i not in ent.tokens and _comma_between(doc, head, c)]
        if ent.start > 0 and doc[ent.start - 1].dep_ == "compound" and doc[ent.start - 1].head.i in ent.tokens:
            nouns.append(doc[ent.start - 1])
        if head.dep_ == "appos" and head.head.i not in ent.tokens and _comma_between(doc, head, head.head):
            nouns += [head.head, *head.head.conjuncts]
        nouns = [t for t in nouns if t.text.islower()]
    return [t for t in nouns if t.pos_ in ("NOUN", "PROPN") and t.i not in pd.token_entity]


def _comma_between(doc: list[Token], a: Token, b: Token) -> bool:
    """An apposition is set off by its comma; what the parser calls one in a Title Case line is its guess."""
    return any(t.text == "," for t in doc[min(a.i, b.i) + 1 : max(a.i, b.i)])


def _described_people(pd: ParsedDoc, headline: set[int]) -> dict[str, dict[str, Mention]]:
    """Lemma of each noun :func:`_attached_nouns` finds -> the people it is written at, by name."""
    found: dict[str, dict[str, Mention]] = {}
    for ent in pd.live_entities():
        if ent.type == "PERSON":
            person = ent.mention.antecedent
            for noun in _attached_nouns(pd, ent, headline):
                found.setdefault(noun.lemma_.lower(), {})[person.text] = person
    return found


def _changing_role(tok: Token) -> bool:
    """'the former Labour leader', 'the outgoing European Commissioner', 'the chairman-elect': a description by a
    role that was left, is being left or is not yet held (a word of role_tense.tsv)."""
    words = lexicon.role_tense_words()
    return any((c.lower_, "modifier") in words for c in tok.lefts)


def _main_person(pd: ParsedDoc) -> Mention | None:
    """The person a document is about: named at least MAIN_PERSON_MENTIONS times, and at least twice as often as
    anyone else (a surname resolved to a full name counts for it)."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for ent in pd.entities:
        if ent.type == "PERSON":
            person = ent.mention.antecedent
            counts[person.text] = counts.get(person.text, 0) + 1
            first.setdefault(person.text, person)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MAIN_PERSON_MENTIONS or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return first[ranked[0][0]]


INDEFINITE_DETERMINERS = {"a", "an", "another", "any", "some"}  # "a court" is some court, not the document's


EPITHET_LOOKBACK_SENTENCES = 3


def _epithet(pd: ParsedDoc, tok: Token) -> bool:
    """'The Oscar winner', 'the film-maker': a subject 'the' + person noun that names no one itself."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.tag_ != "NN" or tok.i in pd.token_entity or tok.i in pd.resolved or is_title(tok):
        return False
    word = tok.lemma_.lower()
    if tok.i >= 2 and pd.tokens[tok.i - 1].text == "-":
        word = f"{pd.tokens[tok.i - 2].lower_}-{word}"  # "film-maker", tokenised "film - maker"
    if word not in lexicon.words("epithets.txt"):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False  # "a singer" is anyone
    return not any(c.dep_ in ("appos", "compound", "poss", "nmod") and c.i in pd.token_entity for c in tok.children)


def _earlier_subject_person(pd: ParsedDoc, tok: Token) -> Mention | None:
    """The one person named in the nearest sentence before ``tok``'s that names any, within a few
    sentences: as its subject, or anywhere when the parse gives it no person subject ("Lord of the
    Rings director Peter Jackson has said"). Two people there, or a person described but not named
    as its subject ("the president said"), leave it unresolved."""
    k = pd.sentence_index(tok)
    for back in range(1, EPITHET_LOOKBACK_SENTENCES + 1):
        if k - back < 0:
            return None
        people: dict[str, Mention] = {}
        for t in pd.tokens[pd.sents[k - back].start : pd.sents[k - back].end]:
            ent = pd.token_entity.get(t.i)
            found = ent.mention.antecedent if ent is not None and ent.type == "PERSON" else (
                pd.resolved[t.i].antecedent if t.i in pd.resolved and pd.resolved[t.i].type == "PERSON" else None)
            if found is not None:
                people[found.text] = found
            elif t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and is_title(t):
                return None  # "the president said": someone else, not named
        if people:
            headline = pd.offset == 0 and k - back == 0  # parsed as a noun phrase: its "subject" says nothing
            return next(iter(people.values())) if len(people) == 1 and (headline or not _about_a_thing(pd, pd.sents[k - back])) else None
    return None


def _about_a_thing(pd: ParsedDoc, sent: Span) -> bool:
    """A sentence whose main subject is a thing ("The prize was presented ... hosted by Jonathan Ross"): the
    person it names in passing is not whom a later "The winner" stands for. A thing of a person's ("DiCaprio's
    career has been honoured") is about that person; a plural ("A-listers flock to ...") is of people."""
    people_words = lexicon.words("person_nouns.txt") | lexicon.words("epithets.txt")
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "NN" and c.i not in pd.token_entity and c.i not in pd.resolved
               and not is_title(c) and c.lemma_.lower() not in people_words and not any(p.dep_ == "poss" for p in c.children)
               for c in sent.root.children)


def resolve_epithets(pd: ParsedDoc) -> None:
    """Resolve 'The Oscar winner said ...', 'The film-maker sued ...' (``epithets.txt``)
    to the one person the nearest sentence before that names any names: a news story's way of naming
    its subject again. Titles are left to :func:`resolve_descriptions`."""
    for tok in pd.tokens_with_pos("NOUN"):
        if _epithet(pd, tok) and (target := _earlier_subject_person(pd, tok)) is not None:
            first = next((c for c in tok.lefts if c.dep_ == "det"), tok)
            pd.resolved[tok.i] = pd.mention(first, tok, "PERSON", refers_to=target)


LEAD_SENTENCES = 3  # the headline and the lead: where a story describes the person it is about before naming them


_AGE = re.compile(r"\d+-year-old|\d+ - year - old")  # "a 59-year-old mother", tokenised "59 - year - old"


def _main_clauses(sent: Span) -> list[Token]:
    """A sentence's main verb, and when that is a verb of saying the clause it reports: "Police say a woman died",
    "Witnesses say Raj Chohan was leaving ...": who the news is about is the subject of what is said."""
    root = sent.root
    if root.lemma_.lower() not in lexicon.words("speech_verbs.txt"):
        return [root]
    return [root, *(c for c in root.children if c.dep_ == "ccomp")]


def _lead_description(pd: ParsedDoc, sent: Span) -> Token | None:
    """The subject of a sentence's main verb when it describes a person without naming one: 'A Norwegian
    student who ran a website ...', 'The former chief financial officer at WorldCom', 'A 59-year-old mother of
    two died' (an age makes any noun a person's); also in the clause a verb of saying reports."""
    for verb in _main_clauses(sent):
        for tok in verb.children:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or tok.tag_ != "NN":
                continue
            aged = any(_AGE.fullmatch(pd.doc[c.left_edge.i : c.right_edge.i + 1].text) for c in tok.lefts if c.dep_ == "amod")
            if tok.i in pd.token_entity or tok.i in pd.resolved or not (
                    is_title(tok) or aged or tok.lemma_.lower() in lexicon.words("person_nouns.txt")):
                break
            if any(c.dep_ == "appos" for c in tok.children) or any(
                    (e := pd.token_entity.get(t.i)) is not None and e.type == "PERSON" for t in tok.subtree):
                return None  # "Mr Smith, the chairman", "the chairman, Mr Smith": named
            return tok
    return None


def first_named_subject(pd: ParsedDoc, sent: Span, verb: Token | None = None) -> tuple[Entity, Token] | None:
    """The person a sentence's main verb (or ``verb``) has as subject, with the subject token, when the document
    names them there for the first time ("Frank Allan Bruvik was ordered ..." after a lead that only describes him)."""
    for child in (verb or sent.root).children:
        ent = pd.token_entity.get(child.i)
        if child.dep_ in ("nsubj", "nsubjpass") and ent is not None and ent.type == "PERSON" and ent.mention.refers_to is None:
            earlier = any(e.type == "PERSON" and e.start < ent.start and e.mention.antecedent.text == ent.mention.text for e in pd.entities)
            return None if earlier else (ent, child)
    return None


def _lead_subject(pd: ParsedDoc, sent: Span) -> Mention | None:
    """The sentence's newly named subject, of its main verb or of what that says, unless a title of their own
    brings in someone else ("Attorney General Elliot Spitzer said")."""
    for verb in _main_clauses(sent):
        found = first_named_subject(pd, sent, verb)
        if found is not None:
            titled = any(is_title(pd.tokens[i]) for i in range(max(found[0].start - 2, sent.start), found[0].start))
            return None if titled else found[0].mention
    return None


def resolve_lead(pd: ParsedDoc) -> tuple[Token, Mention] | None:
    """A news lead describes the person the story is about, and the next sentence names them, for the first
    time, as its subject: 'A Norwegian student who ran a website has been ordered to pay compensation.
    Frank Allan Bruvik was ordered ...'. The description is that person. Runs after the roles, which read
    the same convention for the title ("named_after_description"). Returns the description and the person."""
    if pd.offset != 0:
        return None  # only a document's own first sentences are its lead
    sents = pd.sents
    for k in range(min(LEAD_SENTENCES, len(sents) - 1)):
        tok = _lead_description(pd, sents[k])
        if tok is None:
            continue
        person = _lead_subject(pd, sents[k + 1])
        if person is not None:
            pd.resolved[tok.i] = pd.mention(tok.left_edge, tok, "PERSON", refers_to=person)
            return tok, person  # the lead's first description only
    return None


def _institution_word(pd: ParsedDoc, tok: Token) -> str | None:
    """'the government', 'ministers', 'the ministry', 'parliament': the lemma of a government or
    institution word with no owner of its own, else None ('the Sudanese government' and 'Iraq's
    ministry' name theirs; 'the minister' is a person; "a court" is not the document's)."""
    word = tok.lemma_.lower()
    government = word in lexicon.government_words()
    if tok.i in pd.token_entity or tok.i in pd.resolved or not (government or word in lexicon.institution_words()):
        return None
    if is_title(tok) and tok.tag_ != "NNS":
        return None  # "the minister": one person, for resolve_descriptions
    # "the parliament decision": a compound before an act is whose act it is
    if tok.dep_ == "compound" and lexicon.nominals().get(tok.head.lemma_.lower(), ("", ""))[1] != "event":
        return None
    if any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in tok.children):
        return None
    if not government and (tok.tag_ != "NN" or any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children)):
        return None
    return None if any(c.dep_ == "prep" and c.lower_ in ("of", "in", "from") for c in tok.children) else word


def _government_named(pd: ParsedDoc, orgs: list[Entity], before: int, word: str) -> Mention | None:
    """The organisation a government or institution word stands for, named nearest before a token, else the
    first after it: for a government word any government ('the Scottish Executive'), for another institution
    one of its kind ('parliament' -> 'the Iraqi parliament')."""
    government = word in lexicon.government_words()
    kind = [e for e in orgs if (pd.tokens[e.end - 1].lemma_.lower() in lexicon.government_words() if government
                                else pd.tokens[e.end - 1].lemma_.lower() == word)]
    earlier = [e for e in kind if e.end <= before]
    chosen = earlier[-1] if earlier else next(iter(kind), None)
    return chosen.mention.antecedent if chosen is not None else None


def resolve_governments(pd: ParsedDoc, roles: list[Triple]) -> None:
    """Resolve 'the government', 'ministers', 'the ministry' to the government the document names,
    and 'parliament' to the institution of that kind it names ("the Iraqi parliament").

    That is the nearest government organisation ("the Scottish Executive", "the Sudanese
    government"), else, for government words, the one country whose national offices the document
    names before the word ("UK Foreign Secretary Jack Straw" -> UK). With none, or two countries,
    it stays unresolved.
    """
    offices = []  # (where, country, its mention) of each national office the document names
    for role in roles:
        office = set(normal_title(role.predicate).split()) & lexicon.national_office_words()  # "secretary of state"
        if role.object is not None and role.object.type in ("GPE", "NORP") and not role.negated and office:
            country = _country_of(role.object)
            if country.lower() in lexicon.country_aliases():
                offices.append((role.subject.start, country, role.object.antecedent))
    orgs: list[Entity] | None = None  # the document's organisations, sorted once it has a word to resolve
    for tok in pd.tokens_with_pos("NOUN", "PROPN"):
        word = _institution_word(pd, tok)
        if word is None:
            continue
        if orgs is None:
            orgs = sorted((e for e in pd.entities if e.type == "ORG"), key=lambda e: e.start)
        target = _government_named(pd, orgs, tok.i, word)
        if target is None and word in lexicon.government_words():
            pos = pd.offset + tok.idx
            earlier = {country: m for where, country, m in offices if where < pos}  # as for descriptions: offices named before
            target = next(iter(earlier.values())) if len(earlier) == 1 else None
        if target is not None:
            first = next((c for c in tok.lefts if c.dep_ == "det"), tok)
            pd.resolved[tok.i] = pd.mention(first, tok, target.type, refers_to=target)


def _country_of(m: Mention) -> str:
    return country_key(m.text) or m.text


class Candidate(NamedTuple):
    """A person mentioned before a pronoun."""

    token: int
    subject: bool
    mention: Mention | None  # None: a person described but not named ("the president"); blocks
    gender: str
    weak: bool = False  # a possessive ("Lee's surrender") is seldom what a later pronoun means


def _person_candidates(pd: ParsedDoc, sent_start: int, before: int) -> list[Candidate]:
    """People mentioned in tokens [sent_start, before)."""
    out = []
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    seen: set[int] = set()
    for i in range(sent_start, before):
        tok = doc[i]
        ent = pd.token_entity.get(i)
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        if ent is not None and ent.type == "PERSON":
            if id(ent) in seen or i != ent.head:
                continue
            seen.add(id(ent))
            out.append(Candidate(i, subject, ent.mention.antecedent, ent.honorific_gender, tok.dep_ == "poss"))
        elif i in pd.resolved and pd.resolved[i].type == "PERSON":
            target = pd.resolved[i].antecedent
            gender = PERSON_PRONOUNS.get(tok.lower_, "")
            out.append(Candidate(i, subject, target, gender))
        elif subject and tok.pos_ == "NOUN" and tok.tag_ == "NN" and is_title(tok):
            out.append(Candidate(i, subject, None, ""))  # a person described but not named: blocks
    return out


def _name_token(pd: ParsedDoc, tok: Token) -> Token:
    """A relative pronoun -> the noun it stands for; a description -> the name in apposition to it."""
    if tok.tag_ in ("WP", "WDT"):
        verb = tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "relcl":
            return tok
        tok = verb.head
    if tok.i not in pd.token_entity and tok.dep_ == "appos":
        return tok.head  # "Oswald, a Marxist who ..."
    return tok


def _clause_subjects(pd: ParsedDoc, pron: Token) -> list[int]:
    """Tokens naming the subjects of the clauses that govern the pronoun, nearest first.

    "X said that Y acted alone when he killed Z": Y (the clause 'he killed' hangs from) comes before X.
    """
    out = []
    node = pron.head
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i and c.i < pron.i:
                    named = _name_token(pd, c)
                    ent = pd.token_entity.get(named.i)
                    out.append(ent.head if ent is not None else named.i)
        if node.head.i == node.i:
            break
        node = node.head
    return out


def _own_subjects(pd: ParsedDoc, pron: Token) -> set[int]:
    """'X shot him': the subject of an object pronoun's own clause is not who the pronoun means."""
    if pron.dep_ not in ("dobj", "dative", "pobj") or pron.lower_ not in ("him", "her"):
        return set()
    verb = pron.head if pron.dep_ != "pobj" else pron.head.head
    # "Oswald ... may have intended to kill him": the subject comes through control and conjunction
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    out = set()
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        named = _name_token(pd, c)
        if named.lemma_.lower() in lexicon.cues().get("instrument", ()) and named.dep_ == "dobj":
            # "Oswald fired the shots that killed him": whoever fired is not 'him'
            named = next((s for s in named.head.children if s.dep_ == "nsubj"), named)
        ent = pd.token_entity.get(named.i)
        out.add(ent.head if ent is not None else named.i)
    return out


def _choose(pd: ParsedDoc, pron: Token, fitting: list[Candidate], same_sentence: bool) -> Candidate:
    """Pick the antecedent among fitting candidates (see :func:`resolve_pronouns`)."""
    if same_sentence:
        by_token = {c.token: c for c in fitting}
        for i in _clause_subjects(pd, pron):
            if i in by_token and by_token[i].mention is not None:
                return by_token[i]
    strong = [c for c in fitting if not c.weak] or fitting
    subjects = [c for c in strong if c.subject]
    return subjects[0] if subjects else strong[-1]


def resolve_pronouns(pd: ParsedDoc) -> None:
    """Link he/she/him/her/his to the nearest fitting person.

    In the pronoun's own sentence, the subject of a clause that governs it comes first
    ("X said Y acted alone when he ..." -> Y); then a sentence's subject, then its last
    person. A possessive ("Lee's surrender") is taken only when nothing else fits, and an
    object pronoun never means its own clause's subject ("X shot him").
    """
    sents = pd.sents
    genders: dict[str, str] = {}
    for ent in pd.entities:
        if ent.honorific_gender in ("m", "f"):
            genders[ent.mention.antecedent.text] = ent.honorific_gender
    topic = _topic_person(pd)
    for tok in pd.tokens_with_pos("PRON"):
        gender = PERSON_PRONOUNS.get(tok.lower_)
        if gender is None:
            continue
        k = pd.sentence_index(tok)
        if topic is not None and k and tok.dep_ in ("nsubj", "nsubjpass") and genders.get(topic.text, gender) == gender \
                and not any(i in pd.token_entity or i in pd.resolved for i in _clause_subjects(pd, tok)):
            genders.setdefault(topic.text, gender)  # a biography's "He joined ...": its subject, whoever was named between
            pd.resolved[tok.i] = pd.mention(tok, tok, "PERSON", refers_to=topic)
            continue
        target = None
        excluded = _own_subjects(pd, tok)
        fallback: Candidate | None = None
        for back in range(0, min(LOOKBACK_SENTENCES, k) + 1):
            sent = sents[k - back]
            cands = _person_candidates(pd, sent.start, tok.i if back == 0 else sent.end)
            fitting = [
                c for c in cands
                if (c.mention is None or genders.get(c.mention.text, gender) == gender) and c.token not in excluded
            ]
            if not fitting:
                continue
            chosen = _choose(pd, tok, fitting, back == 0)
            if back and tok.dep_ in ("nsubj", "nsubjpass") and not chosen.subject:
                # "He was the son of X and his wife Y. He joined ...": a subject pronoun goes on with the
                # subject of an earlier sentence before it takes a person only mentioned in passing
                fallback = fallback or chosen
                continue
            target = chosen.mention
            break
        else:
            target = fallback.mention if fallback is not None else None
        if target is not None:
            genders.setdefault(target.text, gender)
            pd.resolved[tok.i] = pd.mention(tok, tok, "PERSON", refers_to=target)


def _topic_person(pd: ParsedDoc) -> Mention | None:
    """'Hélé Béji (born 1948) is a Tunisian writer.': the person a text opens with, as the subject of 'is' or
    'was', is who it is about (a biography, a profile); None for any other opening."""
    if pd.offset or not pd.sents or pd.sents[0].root.lemma_ != "be":
        return None
    for child in pd.sents[0].root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            ent = pd.token_entity.get(child.i)
            return ent.mention.antecedent if ent is not None and ent.type == "PERSON" else None
    return None


THING_PRONOUNS = {"it", "its"}


def _conjoined_owner(pd: ParsedDoc, tok: Token) -> Entity | None:
    """'the Labour Party and its leader': the organisation or country that 'its' is conjoined with."""
    if tok.lower_ != "its" or tok.dep_ != "poss" or tok.head.dep_ != "conj":
        return None
    ent = pd.token_entity.get(tok.head.head.i)
    return ent if ent is not None and ent.type in ("GPE", "ORG") else None


def resolve_it(pd: ParsedDoc) -> None:
    """Link 'it' to a country or organisation: the one 'its' is conjoined with ("the party and its leader"),
    else the subject before it in its sentence, else the previous sentence's subject. Nothing else is tried:
    'it' is too often expletive."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    sents = pd.sents
    for tok in pd.tokens_with_pos("PRON"):
        if tok.lower_ not in THING_PRONOUNS:
            continue
        if (owner := _conjoined_owner(pd, tok)) is not None:
            pd.resolved[tok.i] = pd.mention(tok, tok, owner.type, refers_to=owner.mention.antecedent)
            continue
        k = pd.sentence_index(tok)
        same = doc[sents[k].start : tok.i]
        earlier = doc[sents[k - 1].start : sents[k - 1].end] if k > 0 else []
        for tokens in (same, earlier):
            subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass")]
            hits = [e for t in subjects if (e := pd.token_entity.get(t.i)) and e.type in ("GPE", "ORG")]
            if hits:
                pd.resolved[tok.i] = pd.mention(tok, tok, hits[-1].type, refers_to=hits[-1].mention.antecedent)
                break
            if subjects:
                break  # a subject that is not an organisation is the likelier antecedent: leave it
