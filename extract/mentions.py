"""Entity mentions of one parsed document, cleaned and grounded.

spaCy's entity spans often carry words that are not part of the name: "the US",
"Iranian Gen Qasem Soleimani", "Tehran’s". This module trims them so that a mention
is the name alone, keeps the trimmed words available to the role extractor, and adds
the institution mentions spaCy misses ("Iraq’s parliament").

:class:`ParsedDoc` is what every extractor receives: the spaCy ``Doc`` plus the cleaned
entities, a token -> entity lookup and helpers that build grounded :class:`Mention`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extract import lexicon
from extract.models import ENTITY_TYPES, Mention

POSSESSIVE = {"'s", "’s", "'", "’"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


@dataclass
class Entity:
    """A cleaned entity span: tokens ``[start, end)`` of the doc and its grounded mention."""

    start: int
    end: int
    type: str
    mention: Mention
    head: int  # the token that governs the span in the parse
    honorific_gender: str = ""  # 'm'/'f' when an honorific precedes the name

    @property
    def tokens(self) -> range:
        return range(self.start, self.end)


@dataclass
class ParsedDoc:
    """A parsed document (or one chunk of a long one) and its cleaned entities.

    ``offset`` is where the chunk starts in the full ``text``; all Mention offsets are
    absolute, so ``text[m.start:m.end] == m.text`` holds for the whole document.
    """

    doc: Doc
    text: str
    offset: int = 0
    doc_id: str = ""
    entities: list[Entity] = field(default_factory=list)
    token_entity: dict[int, Entity] = field(default_factory=dict)
    # pronoun or description token -> the Mention it was resolved to (set by extract.coref)
    resolved: dict[int, Mention] = field(default_factory=dict)
    # (long form, short form) pairs the text defines: "Popular Mobilization Units (PMUs)"
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    # tokens that a role extractor consumed as part of a title ("State" in "Secretary of State")
    title_tokens: set[int] = field(default_factory=set)

    # --- building grounded mentions -------------------------------------------------
    def mention(self, first: Token, last: Token, type_: str, refers_to: Mention | None = None) -> Mention:
        """The Mention covering tokens ``first`` .. ``last`` (inclusive)."""
        start = self.offset + first.idx
        end = self.offset + last.idx + len(last.text)
        return Mention(text=self.text[start:end], start=start, end=end, type=type_, refers_to=refers_to)

    def sentence_bounds(self, token: Token) -> tuple[int, int]:
        """Absolute character offsets of the sentence holding ``token``, without trailing space."""
        sent = token.sent
        start = self.offset + sent.start_char
        end = self.offset + sent.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    # --- lookups -------------------------------------------------------------------
    def entity_at(self, token: Token) -> Entity | None:
        """The entity covering ``token``, if any."""
        return self.token_entity.get(token.i)

    def argument(self, token: Token) -> Mention | None:
        """The mention a token stands for as an argument: an entity, or a resolved pronoun or description."""
        ent = self.token_entity.get(token.i)
        if ent is not None and token.i not in self.title_tokens:
            return ent.mention
        return self.resolved.get(token.i)

    def add(self, ent: Entity) -> None:
        """Register an entity; earlier registrations win on overlapping tokens."""
        self.entities.append(ent)
        for i in ent.tokens:
            self.token_entity.setdefault(i, ent)

    def live_entities(self) -> list[Entity]:
        """Entities that survived extraction (not swallowed by a role title), in text order."""
        return [e for e in sorted(self.entities, key=lambda e: e.start) if not (set(e.tokens) <= self.title_tokens)]


def is_title(token: Token) -> bool:
    """True when the token is a role title word ("minister", "Gen.", "spokesman")."""
    return token.lower_ in lexicon.titles() or (token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.titles())


def title_normal(token: Token) -> str:
    """The normal form of a title word: "Gen." -> "general", "PM" -> "prime minister"."""
    t = lexicon.titles()
    return t.get(token.lower_) or t.get(token.lemma_.lower()) or token.lower_


def demonym_country(token: Token) -> str | None:
    """The country a demonym or adjective points to ("Iraqi" -> "Iraq"), if known."""
    return lexicon.demonyms().get(token.lower_)


def _trim(span: Span) -> tuple[int, int, str]:
    """Trim words that are not part of the name; returns (start, end, honorific gender)."""
    start, end = span.start, span.end
    doc = span.doc
    gender = ""
    person = span.label_ == "PERSON"
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if tok.is_punct or tok.is_space or low in ("the", "a", "an"):
            start += 1
        elif low in lexicon.honorifics():
            gender = lexicon.honorifics()[low]
            start += 1
        elif person and end - start > 1 and (is_title(tok) or demonym_country(tok) or tok.is_lower or tok.pos_ == "ADJ"):
            start += 1
        else:
            break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end, gender


def _span_head(doc: Doc, start: int, end: int) -> int:
    """The token of ``[start, end)`` whose head lies outside the span."""
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            return i
    return end - 1


def _honorific_before(doc: Doc, start: int) -> str:
    """Gender suggested by an honorific just before a span ('' when there is none)."""
    if start > 0:
        return lexicon.honorifics().get(doc[start - 1].lower_, "")
    return ""


def find_entities(pd: ParsedDoc) -> None:
    """Fill ``pd.entities`` from spaCy's entities, trimmed, plus institution mentions."""
    doc = pd.doc
    for span in doc.ents:
        if span.label_ not in ENTITY_TYPES:
            continue
        start, end, gender = _trim(span)
        if start >= end or all(t.is_lower and (t.is_stop or t.pos_ == "PRON") for t in doc[start:end]):
            continue  # "us" in "Show us your plans" is no country
        gender = gender or _honorific_before(doc, start)
        type_ = "PERSON" if (gender or span.label_ == "PERSON") else span.label_
        first, last = doc[start], doc[end - 1]
        pd.add(Entity(start, end, type_, pd.mention(first, last, type_), _span_head(doc, start, end), gender))
        for i in range(span.start, start):  # "Iranian" trimmed off "Iranian Gen Qasem Soleimani"
            if demonym_country(doc[i]):
                pd.add(Entity(i, i + 1, "NORP", pd.mention(doc[i], doc[i], "NORP"), i))
    _add_institutions(pd)
    _find_acronyms(pd)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _find_acronyms(pd: ParsedDoc) -> None:
    """'Popular Mobilization Units (PMUs)': a name, then its initials in brackets."""
    doc = pd.doc
    for ent in list(pd.entities):
        if ent.type not in ("ORG", "GPE", "NORP", "FAC", "EVENT") or ent.end + 2 >= len(doc):
            continue
        if doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
            continue
        short = doc[ent.end + 1]
        if _initials(ent.mention.text.split()) != short.text.rstrip("s") or len(short.text) < 2:
            continue
        pd.acronyms.append((ent.mention.text, short.text))
        if short.i not in pd.token_entity:
            pd.add(Entity(short.i, short.i + 1, ent.type, pd.mention(short, short, ent.type), short.i))


def _add_institutions(pd: ParsedDoc) -> None:
    """'Iraq’s parliament', 'the Iraqi parliament': an institution noun owned by a country."""
    doc = pd.doc
    for tok in doc:
        if tok.lemma_.lower() not in lexicon.institutions() or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i in pd.token_entity and pd.token_entity[tok.i].type == "ORG":
            continue  # spaCy already tagged it ("the Iraqi Parliament")
        owner = None
        for child in tok.lefts:
            ent = pd.token_entity.get(child.i)
            if ent and ent.type in ("GPE", "NORP") and (ent.type == "GPE" or demonym_country(child)):
                owner = ent
        if owner is None:
            continue
        pd.add(Entity(owner.start, tok.i + 1, "ORG", pd.mention(doc[owner.start], tok, "ORG"), tok.i))
        # the noun itself now stands for the institution; the country keeps its own tokens
        pd.token_entity[tok.i] = pd.entities[-1]
