"""Coreference by rule, within one document.

No coreference model can be installed offline, so these rules work over the parse:

- :func:`resolve_surnames`: "Kadhimi" after "Mustafa al-Kadhimi" refers to the full name.
- :func:`resolve_descriptions`: "the prime minister" refers to the one person this
  document earlier gave that role to; two candidates leave it unresolved.
- :func:`resolve_pronouns`: he/she/him/her/his refer to the nearest fitting person,
  preferring a sentence's subject; a person described but not named ("the president")
  in between blocks the link, because guessing past it is how wrong edges are born.

Each resolved mention keeps its own offsets and records in ``refers_to`` what it was
resolved to.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extract import lexicon
from extract.mentions import PERSON_PRONOUNS, Entity, ParsedDoc, is_title, title_normal
from extract.models import Mention, Triple

LOOKBACK_SENTENCES = 3
LEADER_TITLES = {"president", "prime minister", "premier", "king", "queen", "chancellor", "leader", "emir", "sultan", "dictator"}
_NAME_PREFIX = re.compile(r"^(al|el|ul|ad|as|ash|an|ar)[-‐ ]", re.IGNORECASE)


def name_key(word: str) -> str:
    """Normal form of one name word for matching: lower case, no 'al-' prefix, no hyphens."""
    word = _NAME_PREFIX.sub("", word.strip().lower())
    return re.sub(r"[-‐’' .]", "", word)


def _words(mention: Mention) -> list[str]:
    return [w for w in re.split(r"\s+", mention.text.strip()) if w]


def resolve_surnames(pd: ParsedDoc) -> None:
    """Link a short person name to the one earlier full name it is the end of."""
    full_names: list[Entity] = []
    for ent in sorted(pd.entities, key=lambda e: e.start):
        words = _words(ent.mention)
        if ent.type != "PERSON" and not (len(words) == 1 and ent.type in ("ORG", "GPE", "NORP")):
            continue  # spaCy sometimes tags a bare surname ORG: it may still name a known person
        if len(words) >= 2:
            if ent.type == "PERSON":
                full_names.append(ent)
            continue
        key = name_key(words[0]) if words else ""
        candidates = {
            c.mention.text: c for c in full_names if key and name_key(_words(c.mention)[-1]) == key
        }
        if len(candidates) == 1:
            target = next(iter(candidates.values()))
            ent.type = "PERSON"
            ent.mention = ent.mention.model_copy(update={"refers_to": target.mention, "type": "PERSON"})
            ent.honorific_gender = ent.honorific_gender or target.honorific_gender


def _description_tokens(pd: ParsedDoc) -> list[Token]:
    """Heads of 'the prime minister', 'the Iraqi leader': a title noun with 'the' and no name."""
    found = []
    for tok in pd.doc:
        if tok.pos_ != "NOUN" or not is_title(tok) or tok.i in pd.token_entity:
            continue
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
            continue
        if any(c.dep_ in ("compound", "appos", "poss") and c.i in pd.token_entity for c in tok.children):
            continue  # "the US president Trump": named, not a description
        if tok.dep_ in ("compound", "appos") and tok.head.i in pd.token_entity:
            continue
        found.append(tok)
    return found


def _description_title(tok: Token) -> str:
    """'the prime minister' -> 'prime minister' (compound words before the head count)."""
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("ADJ", "NOUN", "PROPN")]
    return " ".join([w.lower_ for w in words] + [title_normal(tok)])


def resolve_descriptions(pd: ParsedDoc, roles: list[Triple]) -> None:
    """Resolve 'the prime minister' to the one person given that role earlier in the document."""
    for tok in _description_tokens(pd):
        title = _description_title(tok)
        country = next((lexicon.demonyms().get(c.lower_) for c in tok.lefts if lexicon.demonyms().get(c.lower_)), None)
        pos = pd.offset + tok.idx
        people: dict[str, Mention] = {}
        for role in roles:
            if role.subject.end > pos:
                continue
            role_title = normal_title(role.predicate)
            fits = role_title == title or role_title.endswith(" " + title) or (title == "leader" and role_title in LEADER_TITLES)
            if country and (role.object is None or _country_of(role.object) != country):
                fits = False
            if fits:
                person = role.subject.antecedent
                people[person.text] = person
        if len(people) == 1:
            target = next(iter(people.values()))
            first = next((c for c in tok.lefts if c.dep_ == "det"), tok)
            pd.resolved[tok.i] = pd.mention(first, tok, "PERSON", refers_to=target)


def normal_title(title: str) -> str:
    """Normal form of a role title for comparing and grouping: 'Gen.' -> 'general', 'PM' -> 'prime minister'."""
    words = [lexicon.titles().get(w, w) for w in title.lower().split() if w not in lexicon.title_modifiers()]
    return " ".join(words)


def _country_of(m: Mention) -> str:
    low = m.text.lower()
    return lexicon.demonyms().get(low) or lexicon.country_aliases().get(low) or m.text


def _person_candidates(pd: ParsedDoc, sent_start: int, before: int) -> list[tuple[int, bool, Mention, str]]:
    """People mentioned in tokens [sent_start, before): (token, is_subject, mention or None, gender)."""
    out = []
    doc = pd.doc
    seen: set[int] = set()
    for i in range(sent_start, before):
        tok = doc[i]
        ent = pd.token_entity.get(i)
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        if ent is not None and ent.type == "PERSON":
            if id(ent) in seen or i != ent.head:
                continue
            seen.add(id(ent))
            out.append((i, subject, ent.mention.antecedent, ent.honorific_gender))
        elif i in pd.resolved:
            target = pd.resolved[i].antecedent
            gender = PERSON_PRONOUNS.get(tok.lower_, "")
            out.append((i, subject, target, gender))
        elif subject and tok.pos_ == "NOUN" and is_title(tok):
            out.append((i, subject, None, ""))  # a person described but not named: blocks
    return out


def resolve_pronouns(pd: ParsedDoc) -> None:
    """Link he/she/him/her/his to the nearest fitting person (see the module docstring)."""
    doc = pd.doc
    sents = list(doc.sents)
    sent_index = {s.start: k for k, s in enumerate(sents)}
    genders: dict[str, str] = {}
    for ent in pd.entities:
        if ent.honorific_gender in ("m", "f"):
            genders[ent.mention.antecedent.text] = ent.honorific_gender
    for tok in doc:
        gender = PERSON_PRONOUNS.get(tok.lower_)
        if gender is None or tok.pos_ != "PRON":
            continue
        k = sent_index[tok.sent.start]
        target = None
        for back in range(0, LOOKBACK_SENTENCES + 1):
            if k - back < 0:
                break
            sent = sents[k - back]
            cands = _person_candidates(pd, sent.start, tok.i if back == 0 else sent.end)
            fitting = [c for c in cands if c[2] is None or genders.get(c[2].text, gender) == gender]
            if not fitting:
                continue
            # same sentence: the subject if there is one before the pronoun, else the nearest;
            # earlier sentences: their subject, else their last person
            subjects = [c for c in fitting if c[1]]
            choice = subjects[0] if subjects else fitting[-1]
            target = choice[2]
            break
        if target is not None:
            genders.setdefault(target.text, gender)
            pd.resolved[tok.i] = pd.mention(tok, tok, "PERSON", refers_to=target)


THING_PRONOUNS = {"it", "its"}


def resolve_it(pd: ParsedDoc) -> None:
    """Link 'it' to a country or organisation: the subject before it in its sentence, else the
    previous sentence's subject. Nothing else is tried: 'it' is too often expletive."""
    doc = pd.doc
    sents = list(doc.sents)
    sent_index = {s.start: k for k, s in enumerate(sents)}
    for tok in doc:
        if tok.lower_ not in THING_PRONOUNS or tok.pos_ != "PRON":
            continue
        k = sent_index[tok.sent.start]
        same = [doc[i] for i in range(tok.sent.start, tok.i)]
        earlier = list(sents[k - 1]) if k > 0 else []
        for tokens in (same, earlier):
            subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass")]
            hits = [e for t in subjects if (e := pd.token_entity.get(t.i)) and e.type in ("GPE", "ORG")]
            if hits:
                pd.resolved[tok.i] = pd.mention(tok, tok, hits[-1].type, refers_to=hits[-1].mention.antecedent)
                break
            if subjects:
                break  # a subject that is not an organisation is the likelier antecedent: leave it
