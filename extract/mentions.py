"""Entity mentions of one parsed document, cleaned and grounded.

spaCy's entity spans often carry words that are not part of the name: "the US",
"Iranian Gen Qasem Soleimani", "Tehran’s". This module trims them so that a mention
is the name alone, keeps the trimmed words available to the role extractor, and adds
the institution mentions spaCy misses ("Iraq’s parliament").

The tagger also mislabels and misses names. Where the sentence itself shows what a
name is, this module corrects it (marking the entity ``guessed``):

- a name headed by an organisation word is an ORG ("California Highway Patrol");
- a short place or organisation name that the sentence treats as a person is a PERSON
  ("Mason, who headed ...", "Albrecht, 54, ...", "Sirhan ... shot Kennedy");
- an untagged capitalised name is a PERSON when it kills or is killed, follows a title,
  has a title in apposition or an age, or says 'he' of itself ("Ruby fatally shot Oswald");
- untagged capitalised words right before a title that names a person are an ORG when
  they look like a name ("ITAR-TASS correspondent Mikhail Shevtsov");
- an untagged web address is an ORG ("the napster.no website");
- a country's name or demonym of the lexicon is the country wherever the tagger saw no entity
  ("Turkmenistan to hold elections"); an abbreviation that reports is an ORG ("TMZ
  reported"); capitalised words in quotes after a nickname's cue are a person ("known as
  "Deep Throat""); a team's plural name before a player's position is an ORG ("Chargers
  defensive tackle Jamal Williams").

Mentions stay exactly the words of the name, so grounding is unchanged.

:class:`ParsedDoc` is what every extractor receives: the spaCy ``Doc`` plus the cleaned
entities, a token -> entity lookup and helpers that build grounded :class:`Mention`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from spacy.tokens import Doc, Span, Token

from extract import lexicon
from extract.models import ENTITY_TYPES, Mention
from extract.names import PERSON_PRONOUNS, country_key, demonym_country, is_country, normal_title, title_normal  # noqa: F401 (re-exported)

POSSESSIVE = {"'s", "’s", "'", "’"}
PERSON_RELATIVES = {"who", "whom"}  # "Mason, who headed ..." ("which" and "whose" also serve organisations)
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
DOCUMENT_TYPE_MIN = 2  # a name tagged ORG this often in one text is an organisation there, as a person too
NAME_LABELS = {"", "PERSON", "PRODUCT", "WORK_OF_ART"}  # tagger labels a missed person's name may carry ("Mendes": PRODUCT)


@dataclass
class Entity:
    """A cleaned entity span: tokens ``[start, end)`` of the doc and its grounded mention."""

    start: int
    end: int
    type: str
    mention: Mention
    head: int  # the token that governs the span in the parse
    honorific_gender: str = ""  # 'm'/'f' when an honorific precedes the name
    guessed: bool = False  # found or retyped by a rule here, not by the tagger: weaker evidence

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
    # common words of Title Case or capitals headlines ("Returns" in "Ellen DeGeneres Returns"): no name's words
    headline_common: set[int] = field(default_factory=set)
    # the organisation the document is about (extract.coref.document_organisation); False: none
    doc_org: Entity | bool | None = None
    # the doc's tokens and sentences, made once: every iteration of a spaCy Doc makes new objects
    tokens: list[Token] = field(init=False, repr=False)
    sents: list[Span] = field(init=False, repr=False)
    # the chunk's text, cut from the document's (Doc.text joins every token again on each call)
    chunk_text: str = field(init=False, repr=False)
    # spaCy's entities, made once (Doc.ents and Span.ents make new spans of all of them on each call)
    ents: Sequence[Span] = field(init=False, repr=False)
    # what a pass over the whole document found that several rules read (each pass names its key)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.tokens = list(self.doc)
        end = self.tokens[-1].idx + len(self.tokens[-1].text_with_ws) if self.tokens else 0
        self.chunk_text = self.text[self.offset : self.offset + end]
        self.sents = list(self.doc.sents)
        self._sent_of = [0] * len(self.tokens)
        for k, sent in enumerate(self.sents):
            self._sent_of[sent.start : sent.end] = [k] * (sent.end - sent.start)
        self._by_pos: dict[str, list[Token]] = {}
        for tok in self.tokens:
            self._by_pos.setdefault(tok.pos_, []).append(tok)
        self.ents = self.doc.ents
        self._sent_ents: list[list[Span]] | None = None

    def tokens_with_pos(self, *pos: str) -> list[Token]:
        """The tokens tagged with one of the parts of speech ``pos``, in text order.

        Most rules look only at verbs, nouns or pronouns: reading each token's part of speech
        once here spares every rule a pass over the whole document (``Token.pos_`` is slow).
        """
        if len(pos) == 1:
            return self._by_pos.get(pos[0], [])
        return sorted((t for p in pos for t in self._by_pos.get(p, [])), key=lambda t: t.i)

    def sentence_index(self, token: Token) -> int:
        """Index in ``self.sents`` of the sentence holding ``token`` (``token.sent`` is slow)."""
        return self._sent_of[token.i]

    def sentence_of(self, token: Token) -> Span:
        return self.sents[self._sent_of[token.i]]

    def sentence_entities(self, token: Token) -> list[Span]:
        """spaCy's entities inside the sentence holding ``token`` (as ``Span.ents``), in text order."""
        if self._sent_ents is None:
            self._sent_ents = [[] for _ in self.sents]
            for ent in self.ents:
                k = self._sent_of[ent.start]
                if ent.end <= self.sents[k].end:
                    self._sent_ents[k].append(ent)
        return self._sent_ents[self._sent_of[token.i]]

    # --- building grounded mentions -------------------------------------------------
    def mention(self, first: Token, last: Token, type_: str, refers_to: Mention | None = None) -> Mention:
        """The Mention covering tokens ``first`` .. ``last`` (inclusive), less the line breaks a phrase's last
        word may carry in the parse ("muggers in Kenya" before a blank line)."""
        while last.is_space and last.i > first.i:
            last = self.tokens[last.i - 1]
        start = self.offset + first.idx
        end = self.offset + last.idx + len(last.text)
        return Mention(text=self.text[start:end], start=start, end=end, type=type_, refers_to=refers_to)

    def sentence_bounds(self, token: Token) -> tuple[int, int]:
        """Absolute character offsets of the sentence holding ``token``, without trailing space."""
        sent = self.sentence_of(token)
        start = self.offset + sent.start_char
        end = self.offset + sent.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    # --- lookups -------------------------------------------------------------------
    def argument(self, token: Token) -> Mention | None:
        """The mention a token stands for as an argument: an entity, or a resolved pronoun or description."""
        ent = self.token_entity.get(token.i)
        if ent is not None and token.i not in self.title_tokens:
            return ent.mention
        return self.resolved.get(token.i)

    def named_in_sentence(self, token: Token, m: Mention) -> Mention | None:
        """The name, in ``token``'s own sentence, of what a pronoun or description was resolved to.

        "Chapman said he killed Lennon": the triple can name Chapman as written there.
        """
        sent = self.sentence_of(token)
        same = [
            e for e in self.entities
            if sent.start <= e.start < sent.end and token.i not in e.tokens and e.mention.antecedent.text == m.antecedent.text
        ]
        return min(same, key=lambda e: abs(e.start - token.i)).mention if same else None

    def add(self, ent: Entity) -> None:
        """Register an entity; earlier registrations win on overlapping tokens."""
        self.entities.append(ent)
        for i in ent.tokens:
            self.token_entity.setdefault(i, ent)

    def remove(self, ent: Entity) -> None:
        """Forget an entity that a longer or better one replaces."""
        self.entities.remove(ent)
        for i in ent.tokens:
            if self.token_entity.get(i) is ent:
                del self.token_entity[i]

    def live_entities(self) -> list[Entity]:
        """Entities that survived extraction (not swallowed by a role title), in text order."""
        return [e for e in sorted(self.entities, key=lambda e: e.start) if not (set(e.tokens) <= self.title_tokens)]


def is_title(token: Token) -> bool:
    """True when the token is a role title word ("minister", "Gen.", "spokesman")."""
    titles = lexicon.titles()
    return token.lower_ in titles or (token.pos_ == "NOUN" and token.lemma_.lower() in titles)


def conjuncts(tok: Token) -> list[Token]:
    """A token and every token conjoined with it: 'A, B and C'."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _mended_entities(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """spaCy's entities, with boundary errors of the small model mended:

    - a name runs on into a bracket it does not close ("British Bankers' Association (BBA"):
      it ends there;
    - a person's name cut in two ("Silvia" + "Farina Elia", nothing between) is one name;
    - a name that lost its first word gets it back: a capitalised proper noun before a bare
      surname ("Malcom Glazer", misspelt, was tagged "Glazer"), or a word in capitals before
      an organisation ("BNP Paribas" was tagged "Paribas");
    - a name that ends in "of" goes on to the place named right after it ("Circuit Court of" +
      "Cook County", "Eugene of" + "Savoy"), with the first one's label.
    """
    mended: list[Span] = []
    pieces = [piece for ent in ents for piece in _cut_at_breaks(ent)]
    taken_in = -1  # the piece an "of" name went on to
    for k, span in enumerate(pieces):
        if k == taken_in:
            continue
        after = None
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if (len(span) > 1 and doc[span.end - 1].lower_ == "of" and nxt is not None and nxt.start == span.end
                and nxt.label_ in ("GPE", "LOC")):  # "Commentary of" + "Strathclyde University": two bodies
            span, taken_in = Span(doc, span.start, nxt.end, label=span.label_), k + 1
        bracket = next((t.i for t in span if t.text == "("), None)
        if bracket is not None and bracket > span.start and ")" not in span.text:  # "British Bankers' Association (BBA"
            after = Span(doc, bracket + 1, span.end, label=span.label_) if bracket + 1 < span.end else None  # "BBA"
            span = Span(doc, span.start, bracket, label=span.label_)
        if mended and span.label_ == "PERSON" == mended[-1].label_ and mended[-1].end == span.start:
            mended[-1] = Span(doc, mended[-1].start, span.end, label="PERSON")
        elif span.start > 0 and _lost_first_word(doc[span.start - 1], span):
            mended.append(Span(doc, span.start - 1, span.end, label=span.label_))
        else:
            mended.append(span)
        if after is not None:
            mended.append(after)
    return mended


_VERSUS = frozenset(("v", "v.", "vs", "vs."))
_GLUE_PREPOSITIONS = frozenset(("at", "in", "near", "against", "over"))
"""Lower-case prepositions that join two names in a sentence and none inside one: "Jaguars at
Jacksonville Municipal Stadium" is a team and a stadium ("of", "on", "upon" and "for" are left
alone: "Bank of England", "Stratford on Avon")."""


SCORE_DASHES = frozenset(("-", "–"))  # "31-37", "2–1"
_SCORE = re.compile(r"\d{1,2}[-–]\d{1,2}(?:,\d{1,2}[-–]\d{1,2})*")  # "7-5", "91-73", "1-6,4-6"
_SCORE_NUMBER = re.compile(r"\d{1,2}(?:,\d{1,2})?")  # "6", or "6,4" of "1-6,4-6" tokenised "1 - 6,4 - 6"


def _score_tokens(doc: Doc, i: int) -> range:
    """The tokens of the score that starts at token ``i`` ("7-5", or "51 - 50" tokenised), or none."""
    if _SCORE.fullmatch(doc[i].text):
        return range(i, i + 1)
    if (i + 2 < len(doc) and doc[i + 1].text in SCORE_DASHES and _SCORE_NUMBER.fullmatch(doc[i].text)
            and _SCORE_NUMBER.fullmatch(doc[i + 2].text)):
        return range(i, i + 3)
    return range(0)


def _cut_at_breaks(span: Span) -> list[Span]:
    """An entity span cut where it runs over a line break ("Gilbert\\n\\nAndy Roddick": a headline
    and the first line of the text), over a spaced dash between two names of two words or
    more ("Esther Williams - Esther Williams"; "ITAR - TASS", a tokenised hyphen, stays whole),
    over the "v" of a fixture ("Everton v Sunderland": two clubs), over the "and" of two
    people ("Lopez and Carrasquillo": no person's name has an "and"), over a preposition
    of :data:`_GLUE_PREPOSITIONS` before a capitalised word, or over a score ("Rafael Nadal 6-2
    6-7", "Bristol City 2-1 Milton Keynes": a result is no part of a name). Each piece keeps the
    label; a piece with no letter left ("6-7") is dropped."""
    doc = span.doc
    scores = {k for t in span if t.i > span.start and t.text[:1].isdigit() for k in _score_tokens(doc, t.i)}
    cuts = [t.i for t in span if t.i in scores or (t.is_space and "\n" in t.text)
            or (t.text in ("-", "–", "—") and t.whitespace_ and t.i > span.start and doc[t.i - 1].whitespace_
                and t.i - span.start >= 2 and span.end - t.i - 1 >= 2)
            or (t.lower_ in _VERSUS and span.start < t.i < span.end - 1 and doc[t.i + 1].text[:1].isupper())
            or (span.label_ == "PERSON" and t.lower_ in ("and", "&") and span.start < t.i < span.end - 1)
            or (t.text in _GLUE_PREPOSITIONS and span.start < t.i < span.end - 1 and doc[t.i + 1].text[:1].isupper())]
    if not cuts:
        return [span]
    pieces, start = [], span.start
    for cut in cuts + [span.end]:
        if cut > start and any(ch.isalpha() for t in doc[start:cut] for ch in t.text):
            pieces.append(Span(doc, start, cut, label=span.label_))
        start = cut + 1
    return pieces


def _lost_first_word(tok: Token, span: Span) -> bool:
    """Is ``tok``, just before ``span``, the first word of the name spaCy cut it from?"""
    if tok.ent_type_ or tok.pos_ != "PROPN" or tok.is_sent_start or not tok.is_alpha:
        return False
    if tok.lower_ in lexicon.honorifics() or is_title(tok) or demonym_country(tok):
        return False
    if span.label_ == "PERSON":
        return len(span) == 1 and tok.text[0].isupper() and tok.text[1:].islower()
    return span.label_ == "ORG" and tok.is_upper and 2 <= len(tok.text) <= 5


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
        elif end - start > 1 and tok.pos_ == "ADV" and not span.start <= tok.head.i < span.end:
            start += 1  # "Nevertheless Franz Ferdinand won": an adverb of the sentence, not a word of the name
        elif low in lexicon.honorifics():
            gender = lexicon.honorifics()[low]
            start += 1
        elif person and end - start > 1 and (is_title(tok) or demonym_country(tok) or tok.is_lower or tok.pos_ == "ADJ"
                                             or tok.lower_ in lexicon.words("professions.txt")  # "Comedian Ellen DeGeneres"
                                             or (_team_name(tok) and is_title(doc[start + 1]))):  # "Ravens RB Jon Smith"
            start += 1
        else:
            break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ == "of"  # "United Hatters of", the rest of the name untagged
                           or (person and end - start > 2 and doc[end - 1].is_upper
                               and doc[end - 1].lower_ in lexicon.words("post_nominals.txt"))):  # "Philippe Sands QC"
        end -= 1
    # "the Sydney Swans 2005 AFL Grand Final" tagged "Sydney Swans 2005": a year that opens the next name is not this one's
    if (not person and end - start > 2 and _year(doc[end - 1]) and end < len(doc) and doc[end].text[:1].isupper()
            and doc[end].is_alpha):
        end -= 1
    # "Coast Guard Lt. Steve Hardy" tagged "Coast Guard Lt": a title before a name is no part of an organisation,
    # nor one after a team's plural name ("the former Edmonton Eskimos Coach")
    while not person and end - start > 1 and is_title(doc[end - 1]) and (_name_follows(doc, end) or _team_name(doc[end - 2])):
        end -= 1
    return start, end, gender


def _year(tok: Token) -> bool:
    """A year written in four digits ("2005")."""
    return len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in ("18", "19", "20")


def _name_follows(doc: Doc, i: int) -> bool:
    """A proper noun at token ``i``, or after the full stop of an abbreviation there ("Capt. Hugh")."""
    if i < len(doc) and doc[i].text == ".":
        i += 1
    return i < len(doc) and doc[i].pos_ == "PROPN"


def _span_head(doc: Doc | list[Token], start: int, end: int) -> int:
    """The token of ``[start, end)`` whose head lies outside the span."""
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            return i
    return end - 1


def _honorific_before(doc: Doc | list[Token], start: int) -> str:
    """Gender suggested by an honorific just before a span ('' when there is none)."""
    if start > 0:
        return lexicon.honorifics().get(doc[start - 1].lower_, "")
    return ""


def find_entities(pd: ParsedDoc) -> None:
    """Fill ``pd.entities`` from spaCy's entities, trimmed and corrected, plus the people,
    organisations and institutions the tagger missed (see the module docstring)."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    headline = _HeadlineWords(pd)
    pd.headline_common = {i for i in headline.lines if headline.common(doc[i])}
    for span in (piece for ent in _mended_entities(pd.doc, pd.ents) for piece in headline.pieces(ent)):
        if span.label_ not in ENTITY_TYPES:
            continue
        start, end, gender = _trim(span)
        if start >= end or not any(ch.isupper() for t in doc[start:end] for ch in t.text):
            continue  # a name has a capital: "us" in "Show us your plans", "( 1 km² )", "ref", "8.1bn", "1998" are none
        gender = gender or _honorific_before(doc, start)
        type_ = "PERSON" if (gender or span.label_ == "PERSON") else span.label_
        first, last = doc[start], doc[end - 1]
        pd.add(Entity(start, end, type_, pd.mention(first, last, type_), _span_head(doc, start, end), gender))
        for i in range(span.start, start):  # "Iranian" trimmed off "Iranian Gen Qasem Soleimani"
            if demonym_country(doc[i]):
                pd.add(Entity(i, i + 1, "NORP", pd.mention(doc[i], doc[i], "NORP"), i))
            elif _team_name(doc[i]):  # "Ravens" trimmed off "Ravens RB Jon Smith"
                pd.add(Entity(i, i + 1, "ORG", pd.mention(doc[i], doc[i], "ORG"), i, guessed=True))
    _join_spaced_initials(pd)
    _retype_organisations(pd)
    _retype_people(pd)
    _lead_name_of_kind(pd)
    _retype_named_by_kind(pd)
    _retype_by_document(pd)
    _add_unlabelled_people(pd)
    _add_unlabelled_organisations(pd)
    _add_institutions(pd)
    _add_full_names_of_known_surnames(pd)
    _add_known_surnames(pd)
    _add_plural_group_names(pd)
    _add_repeated_names(pd, headline)
    _add_residents_places(pd)
    _add_known_countries(pd)
    _add_reporting_abbreviations(pd)
    _add_quoted_nicknames(pd)
    _find_acronyms(pd)
    _add_web_addresses(pd)


def _initial(tok: Token) -> bool:
    """A capital letter alone, followed by a full stop token: the 'U', 'S' of tokenised 'U . S .'."""
    doc = tok.doc
    return len(tok.text) == 1 and tok.text.isupper() and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "."


def _join_spaced_initials(pd: ParsedDoc) -> None:
    """Tokenised text spaces out initials ("U . S .", "Frederick C . LaRue", "U . S . Marshals
    Service"), and the tagger then keeps a piece ("U", "Frederick C"). The initials and their
    full stops become one name with the entity they touch: a person's name goes on to the
    surname after its initial; a run of initials followed by capitalised words is the start of
    an organisation's name, else (a country's "U . S .") a name of its own."""
    doc = pd.tokens
    # the first letters of runs of initials: only the full stops need looking at, not every token
    starts = [t.i - 1 for t in pd.tokens_with_pos("PUNCT") if t.text == "." and t.i > 0 and _initial(doc[t.i - 1])]
    done = 0
    for i in starts:
        if i < done or (i > 1 and doc[i - 1].text == "." and _initial(doc[i - 2])):
            continue  # inside a run already joined, or not its first letter
        end = i
        while end < len(doc) and _initial(doc[end]):
            end += 2  # the letter and its full stop
        touched = list({id(e): e for k in range(i - 1, end) if (e := pd.token_entity.get(k)) is not None}.values())
        person = next((e for e in touched if e.type == "PERSON" and e.start < i), None)
        spelled = "".join(t.text for t in doc[i:end]).lower()
        if person is not None and end - i >= 4 and spelled in lexicon.country_aliases():
            # "Regina Benjamin U . S . Surgeon General": a country after a name, no middle initials of it
            touched.remove(person)
            pd.remove(person)
            if person.start < i:
                pd.add(Entity(person.start, i, "PERSON", pd.mention(doc[person.start], doc[i - 1], "PERSON"),
                              _span_head(pd.doc, person.start, i), person.honorific_gender, person.guessed))
            person = None
        if person is None and end < len(doc) and getattr(pd.token_entity.get(end), "start", None) == end \
                and pd.token_entity[end].type == "PERSON":
            # "Regina M . Benjamin" tagged "Regina M" (ORG) and "Benjamin" (PERSON): the given name, initial and surname of one person
            person = next((e for e in touched if e.start < i and all(t.is_title and t.is_alpha for t in doc[e.start : i])), None)
        if person is None and any(e.start < i for e in touched):
            continue  # an entity just before the initials, not a person's: not theirs
        touched = [e for e in touched if e is person or e.start >= i]
        if person is not None and end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            after = pd.token_entity.get(end)
            stop = after.end if after is not None and after.type == "PERSON" else end + 1
            new_type = "PERSON"
            start = person.start
        elif end - i >= 4 and (touched or spelled in lexicon.country_aliases()):
            # two initials or more: "U . S .", a country's name written "U.S." once untokenised
            start, stop = i, end
            while (stop < len(doc) and doc[stop].is_title and doc[stop].is_alpha and not is_title(doc[stop])
                   and stop not in pd.token_entity):
                stop += 1  # "U . S . Marshals Service" (the parser often starts a sentence after "S .")
            new_type = "ORG" if stop > end else (touched[0].type if touched else "GPE")
            after = None
        else:
            continue
        if any(e.start < start or e.end > stop for e in touched if e is not person):
            continue
        for e in touched + ([after] if after is not None and after not in touched else []):
            pd.remove(e)
        pd.add(Entity(start, stop, new_type, pd.mention(doc[start], doc[stop - 1], new_type), _span_head(pd.doc, start, stop),
                      person.honorific_gender if person is not None else ""))
        done = stop


_FUNCTION_POS = frozenset(("AUX", "ADP", "ADV", "CCONJ", "DET", "PART", "PRON", "SCONJ", "VERB"))
"""Parts of speech no name's word has: a headline word the tagger gives one of them ("Dies",
"Into") is a common word, unless the text writes it capitalised inside a sentence."""

HEADLINE_MIN_WORDS = 3
"""A line is a headline (Title Case or capitals) when at least this many of its words of four
letters or more are capitalised, and none but a function word ("into", "with") is written in
lower case: "Ellen DeGeneres Returns To Host Oscars", "RED SOX MAKE HUGE OFFER TO TEIXEIRA"."""


class _HeadlineWords:
    """The Title Case and capitals lines of a document (or parts of lines, at a colon), and what
    its other lines say about their words.

    A headline writes every word capitalised, so spaCy glues verbs and titles to the names in it
    ("Ellen DeGeneres Returns", "Hire Maurice Cheeks", "Sanjay Gupta Surgeon General"). The rest
    of the document tells them apart: a word it writes in lower case ("returns", "hired",
    "surgeon general") is a common word, unless it also writes it capitalised inside a
    sentence ("Center" of "Betty Ford Center"), which makes it a name's word.
    """

    def __init__(self, pd: ParsedDoc) -> None:
        self.lines: set[int] = set()  # token indexes inside headline lines
        self.capitals: set[int] = set()  # those of the lines in capitals ("RED SOX MAKE HUGE OFFER")
        # the line's first token; its capitalised words, and those in capitals; none written in lower case yet
        start, words, upper, title_case = 0, 0, 0, True
        for tok in pd.tokens + [None]:
            # a colon parts a headline from its subtitle ("X Names Y Surgeon General : a report ?")
            if tok is None or (tok.is_space and "\n" in tok.text) or tok.text == ":":
                end = tok.i if tok is not None else len(pd.tokens)
                if title_case and words >= HEADLINE_MIN_WORDS:
                    self.lines.update(range(start, end))
                    if 2 * upper > words:
                        self.capitals.update(range(start, end))
                start, words, upper, title_case = end + 1, 0, 0, True
            # Title Case keeps short function words in lower case: "Lohan Checks into Betty Ford"
            elif title_case and tok.is_alpha and len(tok.text) >= 4 and not (tok.is_lower and tok.is_stop):
                words += 1
                upper += tok.is_upper
                title_case = tok.text[0].isupper()  # one such word in lower case: no headline, and no need to read on
        self.lower: set[str] = set()
        self.capitalised: set[str] = set()
        self.body = False  # whether the text has words outside its headlines to confirm them by
        if self.lines:
            for tok in pd.tokens:
                if tok.i in self.lines or not tok.is_alpha:
                    continue
                self.body = True
                if tok.is_lower:
                    self.lower.update((tok.lower_, tok.lemma_.lower()))
                elif not tok.is_sent_start and not tok.is_upper:
                    self.capitalised.add(tok.lower_)

    def common(self, tok: Token) -> bool:
        """Is a headline word a common word by the rest of the document ("Checks": "checked")?"""
        low = tok.lower_
        if low in self.capitalised:
            return False
        forms = {low, tok.lemma_.lower(), low[:-1] if low.endswith(("s", "d")) else low,
                 low[:-2] if low.endswith(("es", "ed")) else low, low[:-3] if low.endswith("ing") else low,
                 low[:-3] if low.endswith("ped") else low}  # "bumped" -> "bump"
        return (bool(forms & self.lower) or low in lexicon.titles() or bool(forms & lexicon.words("headline_words.txt"))
                or bool(forms & lexicon.words("person_nouns.txt")) or tok.pos_ in _FUNCTION_POS)  # "Queens Woman Killed"

    def pieces(self, span: Span) -> list[Span]:
        """A headline's entity span cut at its common words ("Colts Beat Chiefs" -> "Colts",
        "Chiefs"); a span outside headlines, whole."""
        if span.start not in self.lines:
            return [span]
        doc = span.doc
        out, start = [], span.start
        for i in range(span.start, span.end + 1):
            if i == span.end or self.common(doc[i]):
                piece = Span(doc, start, i, label=span.label_)
                if i > start and any(t.is_alpha and t.text[0].isupper() for t in piece) and self._known(piece):
                    out.append(piece)
                start = i + 1
        return out

    def _known(self, words: Span) -> bool:
        """A piece of a headline in capitals stays a name only when the rest of the document
        writes one of its words capitalised ("SOX": "Red Sox"; not "HUGE"). In a Title Case
        headline a word in capitals is an abbreviation ("AMA Backs Nominee"), a name as it is. A
        text that is all headline has nothing to confirm by: a person's name of two or three words
        the tagger found there stands ("GARY ROSS REMAINS ..."; a word alone, "STAR", does not)."""
        tagged_person = not self.body and words.label_ == "PERSON" and 2 <= len(words) <= 3
        return (tagged_person or words.start not in self.capitals or not all(t.is_upper for t in words if t.is_alpha)
                or any(t.lower_ in self.capitalised for t in words))


def _add_plural_group_names(pd: ParsedDoc) -> None:
    """'the Colts', 'the visiting Saints', 'the Tar Heels': a capitalised plural proper noun whose
    determiner is 'the', that the tagger left untagged, names a group: a team, a party, a band (ORG)."""
    doc = pd.tokens
    for tok in pd.tokens_with_pos("PROPN", "NOUN"):  # an unknown plural is often tagged a common noun (NNS)
        if tok.tag_ not in ("NNPS", "NNS") or tok.i in pd.token_entity or tok.ent_type_ or not tok.is_title or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_:
            start -= 1  # "the Tar Heels"
        det = next((c for c in tok.children if c.dep_ == "det"), None)  # "the visiting Colts", "the top-ranked Tar Heels"
        if det is None or det.lower_ != "the" or det.i >= start or start - 1 in pd.token_entity:
            continue
        if _known_place(doc[start : tok.i + 1]):
            continue
        pd.add(Entity(start, tok.i + 1, "ORG", pd.mention(doc[start], tok, "ORG"), tok.i, guessed=True))


_SLIP_LABELS = ("PRODUCT", "WORK_OF_ART")  # labels the small model gives a person's name it tagged right elsewhere


def _add_repeated_names(pd: ParsedDoc, headline: _HeadlineWords) -> None:
    """A name the document gives an entity once is that entity wherever else it is written and
    the tagger missed it ("TMZ reported" after "TMZ says"; "Colts beat Chiefs" in a text that
    tags "the Colts"); in a headline, in any case ("WLADIMIR KLITSCHKO RETAINS ..."). The
    last word of an organisation's name counts as a name of it ("Colts" of "Indianapolis
    Colts"), unless it is an organisation word ("Bank") or a place."""
    names: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}  # first word -> (words, type, headlines only)
    for ent in pd.entities:
        words = tuple(t.text for t in pd.tokens[ent.start : ent.end])
        if not words or not words[0][:1].isupper() or not any(ch.isalpha() for ch in words[0]):
            continue
        names.setdefault(words[0].lower(), []).append((words, ent.type, False))
        last = pd.tokens[ent.end - 1]
        if ent.type == "PERSON" and len(words) >= 2 and last.is_title:  # "TEIXEIRA" of "Mark Teixeira", in a headline
            names.setdefault(last.lower_, []).append(((last.text,), "PERSON", True))
        if (ent.type == "ORG" and len(words) >= 2 and last.is_title and len(last.text) >= 3
                and all(w[:1].isupper() for w in words) and last.lower_ not in lexicon.org_words()
                and not _known_place([last])):
            names.setdefault(last.lower_, []).append(((last.text,), "ORG", False))
    if not names:
        return
    doc = pd.tokens
    i = 0
    while i < len(doc):
        tok = doc[i]
        found = None
        candidates = names.get(tok.lower_)  # most words begin no name: nothing more to read of them
        in_headline = candidates is not None and tok.i in headline.lines
        # outside headlines, a word the tagger gave another type ("May", a DATE) is not ours to retag, but a person's
        # full name written again, cut by a PRODUCT or WORK_OF_ART tag on part of it, is the tagger's slip ("led
        # Jermayne Timmons", "Jermayne" a PRODUCT); a tag over the whole name ("The Mac Mini") is not
        if candidates and tok.i not in pd.token_entity and (in_headline or tok.ent_type_ in ("", *_SLIP_LABELS)) and tok.text[:1].isupper():
            for words, type_, headline_only in sorted(candidates, key=lambda n: -len(n[0])):
                j = i + len(words)
                seen = [t.text for t in doc[i:j]]
                if (headline_only and not in_headline) or j > len(doc):
                    continue
                slips = _SLIP_LABELS if type_ == "PERSON" and len(words) >= 2 else ()
                if slips and all(doc[k].ent_type_ for k in range(i, j)):
                    slips = ()
                if (seen == list(words) or (in_headline and [w.lower() for w in seen] == [w.lower() for w in words])) \
                        and not any(k in pd.token_entity or (doc[k].ent_type_ not in ("", *slips) and not in_headline) for k in range(i, j)):
                    found = (j, type_)
                    break
        if found and not _longer_name_follows(doc, found[0], pd, headline):
            j, type_ = found
            gender = _honorific_before(doc, i) if j - i == 1 else ""
            if gender in ("m", "f"):
                type_ = "PERSON"  # "Mr Ebbers", where the tagger once took "Bernie Ebbers" for an organisation
            pd.add(Entity(i, j, type_, pd.mention(doc[i], doc[j - 1], type_), _span_head(pd.doc, i, j), gender, guessed=True))
            i = j
        else:
            i += 1


RESIDENT_NOUNS = frozenset(("resident", "residents", "native", "natives"))


def _add_residents_places(pd: ParsedDoc) -> None:
    """'a 38-year-old Troy resident', 'Bronx residents': the capitalised words the tagger left
    untagged before a noun for who lives somewhere name the place (GPE)."""
    doc = pd.tokens
    for tok in pd.tokens_with_pos("NOUN"):
        if tok.lower_ not in RESIDENT_NOUNS:
            continue
        words = [c for c in tok.lefts if c.dep_ == "compound"]
        if not words or words[-1].i != tok.i - 1:
            continue
        start = words[0].i
        if any(not (t.pos_ == "PROPN" and t.is_title) or t.ent_type_ or t.i in pd.token_entity for t in doc[start : tok.i]):
            continue
        pd.add(Entity(start, tok.i, "GPE", pd.mention(doc[start], doc[tok.i - 1], "GPE"), tok.i - 1, guessed=True))


def _add_known_countries(pd: ParsedDoc) -> None:
    """'Turkmenistan to hold elections' (tagged part of a DATE), 'Turkmen election': a
    capitalised word that is a country's name or demonym in ``countries.tsv`` and
    ``demonyms.tsv`` is that country (GPE; a union of countries, ORG) or its demonym (NORP)
    wherever the tagger saw no entity, unless it is a word of a longer name ("Jordan
    Henderson", "Air China", "Us Weekly"). A short form must be in capitals ("US", not "Us")."""
    doc = pd.tokens
    aliases, demonyms = lexicon.country_aliases(), lexicon.demonyms()
    for tok in pd.tokens_with_pos("PROPN", "ADJ"):
        low = tok.lower_
        if (tok.i in pd.token_entity or not tok.text[:1].isupper() or (low not in aliases and low not in demonyms)
                or (len(tok.text) <= 3 and not tok.is_upper)):
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (tok.i - 1, tok.i + 1)):
            continue  # a word of a longer name
        type_ = ("GPE" if is_country(tok.text) else "ORG") if low in aliases else "NORP"
        pd.add(Entity(tok.i, tok.i + 1, type_, pd.mention(tok, tok, type_), tok.i, guessed=True))


def _add_reporting_abbreviations(pd: ParsedDoc) -> None:
    """'TMZ reported', 'the Egyptian MENA news agency': an abbreviation in capitals the tagger
    left untagged is an organisation when it is the subject of a verb of saying or reporting
    (``speech_verbs.txt``, ``reporting_verbs.txt``) or names an organisation noun ("agency")."""
    verbs = lexicon.words("speech_verbs.txt") | lexicon.words("reporting_verbs.txt")
    for tok in pd.tokens_with_pos("PROPN"):
        if (tok.i in pd.token_entity or not tok.is_upper or not tok.is_alpha or not 2 <= len(tok.text) <= 6
                or is_title(tok) or tok.lower_ in lexicon.words("post_nominals.txt")):
            continue
        head = tok.head
        if (tok.dep_ == "nsubj" and head.lemma_.lower() in verbs) or (
                tok.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in lexicon.org_words()):
            pd.add(Entity(tok.i, tok.i + 1, "ORG", pd.mention(tok, tok, "ORG"), tok.i, guessed=True))


_OPENING_QUOTES = frozenset(("``", "`", '"', "“", "'", "‘"))  # tokenised text's `` is often two tokens
_CLOSING_QUOTES = frozenset(("''", '"', "”", "'", "’"))
NICKNAME_MAX_WORDS = 4
"""Words a quoted nickname may have ("Deep Throat", "The Iron Lady"); longer quotes are sayings."""


def _nickname_cue(doc: list[Token], quote: int) -> bool:
    """Is the word before an opening quote a nickname's cue: 'dubbed', 'nicknamed', 'alias',
    'aka', or an 'as' after 'himself', 'herself' or 'known' ("known to the world as")?"""
    if quote == 0:
        return False
    before = doc[quote - 1].lower_
    if before in lexicon.words("nickname_cues.txt"):
        return True
    return before == "as" and any(t.lower_ in ("himself", "herself", "known") for t in doc[max(0, quote - 6) : quote - 1])


def _add_quoted_nicknames(pd: ParsedDoc) -> None:
    """'revealed himself as "Deep Throat"', 'the source known as "Deep Throat"': capitalised
    words in quotes after a nickname's cue (:func:`_nickname_cue`) are a person's name when the
    sentence speaks of a person ('he', 'himself' or a person it names). Quoted titles without
    a cue ('starred in "American Pie"') are works, not people, and stay out."""
    doc = pd.tokens
    for quote in pd.tokens_with_pos("PUNCT"):
        i = quote.i
        opening = i - 1 if quote.text == "`" and i > 0 and doc[i - 1].text == "`" else i
        if quote.text not in _OPENING_QUOTES or not _nickname_cue(doc, opening):
            continue
        end = i + 1
        while end < len(doc) and end - i <= NICKNAME_MAX_WORDS and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end == i + 1 or end >= len(doc) or doc[end].text not in _CLOSING_QUOTES:
            continue
        if any(k in pd.token_entity for k in range(i + 1, end)):
            continue
        sent = pd.sentence_of(quote)
        if not any(t.lower_ in PERSON_PRONOUNS or ((e := pd.token_entity.get(t.i)) is not None and e.type == "PERSON")
                   for t in sent):
            continue
        pd.add(Entity(i + 1, end, "PERSON", pd.mention(doc[i + 1], doc[end - 1], "PERSON"), _span_head(pd.doc, i + 1, end),
                      guessed=True))


def _longer_name_follows(doc: list[Token], i: int, pd: ParsedDoc, headline: _HeadlineWords) -> bool:
    """Does an untagged capitalised proper noun at ``i`` go on the name before it ("Thompson
    Reuters" is not "Thompson")? In a headline, a common word does not ("Klitschko Cruises")."""
    if i >= len(doc) or i in pd.token_entity or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
        return False
    return not (i in headline.lines and headline.common(doc[i]))


def abbreviates(short: str, long: str) -> bool:
    """Can ``short`` be an abbreviation of ``long``? The test of Schwartz and Hearst (2003):
    each letter or digit of the short form, taken right to left, is found in the long form
    in that order, and the first one starts a word of it; and, stricter than theirs, every
    capitalised word of the long form gives a letter ('UN' is not 'United States').

    >>> abbreviates("PMUs", "Popular Mobilization Units"), abbreviates("IPCL", "India Petrochemicals Limited")
    (True, True)
    >>> abbreviates("ISW", "Islamic State"), abbreviates("UN", "United States")
    (False, False)
    """
    letters = [c for c in short.lower() if c.isalnum()]
    text = long.lower()
    word_of, word, in_word = [], -1, False  # character of ``text`` -> the number of the word it is in
    for ch in text:  # not ``long``: lower case can be longer ("İ" -> "i̇"), and the positions are text's
        if not ch.isspace() and not in_word:
            word += 1
        in_word = not ch.isspace()
        word_of.append(word)
    content = frozenset(n for n, w in enumerate(long.split()) if w[:1].isupper() or w[:1].isdigit())

    def fits(k: int, at: int, used: frozenset) -> bool:  # letters[:k + 1] within text[:at + 1]
        if k < 0:
            return content <= used
        if len(content - used) > k + 1:
            return False  # too few letters left for the words still unused
        for pos in range(at, -1, -1):
            if text[pos] == letters[k] and (k > 0 or pos == 0 or not text[pos - 1].isalnum()):
                if fits(k - 1, pos - 1, used | {word_of[pos]}):
                    return True
        return False

    return bool(letters) and fits(len(letters) - 1, len(text) - 1, frozenset())


_SHORT_FORM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}s?$")
_LONG_FORM_GLUE = frozenset(("of", "and", "for", "the", "&", "de", "du", "la", "-", "on", "in", "to"))


def _long_form(doc: list[Token], before: int, short: str) -> tuple[int, int] | None:
    """The words just before token ``before`` that ``short`` abbreviates: the fewest
    capitalised words (joined by 'of', 'and', '&', ...) whose first starts with its first letter."""
    end = before
    most = min(len(short) + 5, 2 * len(short))  # Schwartz and Hearst's bound on the long form
    start, words = end, 0
    while start > 0 and words < most:
        tok = doc[start - 1]
        if tok.is_punct and tok.text not in ("&", "-", "'"):
            return None
        start -= 1
        if tok.text.lower() in _LONG_FORM_GLUE or tok.text in ("'", "'s"):
            continue
        if not tok.text[:1].isupper():
            if start > 0 and doc[start - 1].text == "-":
                continue  # the end of a hyphenated word: "Low-fare"
            return None
        words += 1
        if tok.text[0].lower() == short[0].lower() and abbreviates(short, _text(doc, start, end)):
            return start, end
    return None


def _text(doc: list[Token], start: int, end: int) -> str:
    return "".join(t.text_with_ws for t in doc[start:end]).strip()


def _long_form_entity(pd: ParsedDoc, bracket: int, short: Token) -> Entity | None:
    """A new entity for the words before ``bracket`` that ``short`` abbreviates, replacing any
    pieces of it spaCy found; None when nothing fits or it would cut across an entity."""
    doc = pd.tokens
    span = _long_form(doc, bracket, short.text)
    if span is None:
        return None
    inside = list({id(e): e for e in (pd.token_entity.get(j) for j in range(*span)) if e is not None}.values())
    if any(e.start < span[0] or e.end > span[1] or e.type == "PERSON" for e in inside):
        return None
    for e in inside:  # pieces of the name: "European" and "Airlines Association" in "European Low-fare Airlines Association"
        pd.remove(e)
    short_ent = pd.token_entity.get(short.i)
    type_ = short_ent.type if short_ent is not None and short_ent.type != "PERSON" else "ORG"
    ent = Entity(span[0], span[1], type_, pd.mention(doc[span[0]], doc[span[1] - 1], type_), _span_head(pd.doc, *span))
    pd.add(ent)
    return ent


def _find_acronyms(pd: ParsedDoc) -> None:
    """'Popular Mobilization Units (PMUs)': a name, then its abbreviation in brackets.

    The name is the entity just before the bracket when the abbreviation fits it
    (:func:`abbreviates`); when spaCy found no entity there ("National Football League
    (NFL)"), or only pieces of one, the capitalised words the abbreviation fits become one
    entity, of the abbreviation's type (an organisation if spaCy gave it none).
    """
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    shorts: dict[str, str] = {}  # short form -> its entity's type
    for bracket in pd.tokens_with_pos("PUNCT"):
        i = bracket.i
        if bracket.text != "(" or not 0 < i < len(doc) - 2 or doc[i + 2].text != ")" or not _SHORT_FORM.match(doc[i + 1].text):
            continue
        short = doc[i + 1]
        ent = pd.token_entity.get(i - 1)
        if not (ent is not None and ent.end == i and ent.type in ("ORG", "GPE", "NORP", "FAC", "EVENT")
                and abbreviates(short.text, ent.mention.text)):
            ent = _long_form_entity(pd, i, short)
            if ent is None:
                continue
        pd.acronyms.append((ent.mention.text, short.text))
        if short.i not in pd.token_entity:
            pd.add(Entity(short.i, short.i + 1, ent.type, pd.mention(short, short, ent.type), short.i))
        shorts[short.text] = ent.type
    if shorts:
        _add_later_short_forms(pd, shorts)


def _add_later_short_forms(pd: ParsedDoc, shorts: dict[str, str]) -> None:
    """'The Palestinian Authority (PA) ... shared information with the PA': a short form the document
    defines in brackets names its entity wherever else it is written and the tagger missed it."""
    for tok in pd.tokens:
        if tok.text in shorts and tok.i not in pd.token_entity:
            type_ = shorts[tok.text]
            pd.add(Entity(tok.i, tok.i + 1, type_, pd.mention(tok, tok, type_), tok.i, guessed=True))


_WEB_ADDRESS = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,4}$", re.IGNORECASE)
WEB_ADDRESS_TAGS = ("X", "NUM", "PROPN", "NOUN")  # what the tagger makes of "napster.no", "bbc.co.uk"


def _add_web_addresses(pd: ParsedDoc) -> None:
    """'set up the napster.no website': a web address written alone names the organisation or
    site it belongs to (an ORG), when the tagger left it untagged."""
    for pos in WEB_ADDRESS_TAGS:
        for tok in pd.tokens_with_pos(pos):
            if tok.like_url and tok.i not in pd.token_entity and _WEB_ADDRESS.match(tok.text):
                pd.add(Entity(tok.i, tok.i + 1, "ORG", pd.mention(tok, tok, "ORG"), tok.i, guessed=True))


def _add_institutions(pd: ParsedDoc) -> None:
    """'Iraq’s parliament', 'the Iraqi parliament': an institution noun owned by a country."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for tok in pd.tokens_with_pos("NOUN", "PROPN"):
        if tok.lemma_.lower() not in lexicon.institutions():
            continue
        if tok.i in pd.token_entity and pd.token_entity[tok.i].type == "ORG":
            continue  # spaCy already tagged it ("the Iraqi Parliament")
        owner = None
        for child in tok.lefts:
            ent = pd.token_entity.get(child.i)
            if ent is None and child.text[:1].isupper() and demonym_country(child):
                # "Navy foils attack\nThe Indian Navy ...": after a headline the tagger may miss the demonym
                ent = Entity(child.i, child.i + 1, "NORP", pd.mention(child, child, "NORP"), child.i, guessed=True)
                pd.add(ent)
            if ent and ent.type in ("GPE", "NORP") and (ent.type == "GPE" or demonym_country(child)):
                owner = ent
        if owner is None:
            continue
        pd.add(Entity(owner.start, tok.i + 1, "ORG", pd.mention(doc[owner.start], tok, "ORG"), tok.i))
        # the noun itself now stands for the institution; the country keeps its own tokens
        pd.token_entity[tok.i] = pd.entities[-1]


# --- names the tagger mislabelled or missed ----------------------------------------------
def _known_place(tokens) -> bool:
    """True when the words name a country or are a demonym ("Iran", "Iranian", "U.S.")."""
    return country_key(" ".join(t.text for t in tokens)) is not None


def _is_org_name(doc: Doc, start: int, end: int) -> bool:
    """'California Highway Patrol', 'John F. Kennedy School of Government': a name headed by an organisation word."""
    if end - start < 2:
        return False
    head = doc[_span_head(doc, start, end)]
    return head.lower_ in lexicon.org_words() or doc[end - 1].lower_ in lexicon.org_words()


def _retype(ent: Entity, type_: str) -> None:
    ent.type = type_
    ent.mention = ent.mention.model_copy(update={"type": type_})
    ent.guessed = True


def _retype_organisations(pd: ParsedDoc) -> None:
    """A name headed by an organisation word is an ORG, whatever the tagger said; one opened by a word
    for a natural feature or a settlement ("Mount Shinn", ``place_heads.txt``) is a place, no person."""
    for ent in pd.entities:
        if ent.type in ("GPE", "PERSON", "NORP", "LOC", "FAC") and not ent.honorific_gender and _is_org_name(pd.doc, ent.start, ent.end):
            _retype(ent, "ORG")
        elif ent.type == "PERSON" and ent.end - ent.start > 1 and pd.tokens[ent.start].lower_ in lexicon.words("place_heads.txt"):
            _retype(ent, "LOC")


def _killing_argument(tok: Token) -> bool:
    """True when ``tok`` is the subject, object or by-agent of a verb of killing, or the subject
    of a verb conjoined with one ("Booth sneaked into the box and shot Lincoln")."""
    killing = lexicon.killing_verbs()
    if tok.dep_ in ARGUMENT_DEPS and tok.head.pos_ == "VERB":
        verb = tok.head
        if verb.lemma_.lower() in killing:
            return True
        return tok.dep_ == "nsubj" and any(
            c.dep_ == "conj" and c.lemma_.lower() in killing and not any(g.dep_ == "nsubj" for g in c.children)
            for c in verb.children
        )
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head.lemma_.lower() in killing
    return False


def _has_person_relative(tok: Token) -> bool:
    """'Mason, who headed ...': a relative clause opened by 'who' or 'whom'."""
    return any(
        c.dep_ == "relcl" and any(g.lower_ in PERSON_RELATIVES and g.i < c.i for g in c.children) for c in tok.children
    )


def _has_age(tok: Token) -> bool:
    """'Albrecht, 54, is ...': an age in commas right after the name."""
    doc = tok.doc
    return tok.i + 3 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].like_num and doc[tok.i + 3].text == ","


def _has_title_apposition(pd: ParsedDoc, tok: Token) -> bool:
    """'Vyacheslav Chornovil, leader of the Ukrainian Popular Rukh': a title noun in apposition,
    with its organisation after it. A title with a name of its own ("Interfax, the chief of the
    Committee, Eduard Shirkovskiy") is that name's."""
    def named(title: Token) -> bool:
        return any(g.dep_ == "appos" and (e := pd.token_entity.get(g.i)) is not None and e.type == "PERSON"
                   for g in title.subtree if g.i != title.i)

    return any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and is_title(c) and not named(c)
        and any(p.dep_ == "prep" and p.lower_ in ("of", "for", "at") for p in c.children)
        for c in tok.children
    )


def _described_as_a_person(pd: ParsedDoc, tok: Token) -> bool:
    """'Maurice Cheeks, the popular former Sixers player': a name of two words or more with a
    person's occupation in apposition ("the coach", "a retired teacher") that has no name of
    its own. A place's apposition says what the place is ("Paris, the capital")."""
    return any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and (is_title(c) or c.lemma_.lower() in lexicon.words("professions.txt"))
        and any(d.dep_ == "det" for d in c.children)
        and not any(g.dep_ == "appos" and g.i in pd.token_entity for g in c.subtree if g.i != c.i)
        for c in tok.children
    )


def _title_just_before(doc: Doc | list[Token], start: int) -> bool:
    """'Vice Igor Khmelnov', 'assassin James Earl Ray': a title word right before the name."""
    return start > 0 and is_title(doc[start - 1]) and not doc[start - 1].is_punct


def _looks_like_name(tokens) -> bool:
    """Capitalised proper nouns, not an abbreviation ("B.C."), not a country, demonym or organisation word."""
    words = [t for t in tokens if t.text not in ("-", "‐")]  # "Jean-Verdy Bastien"
    return (
        all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
        # some word is written out: "B.C." and "Ariz." are abbreviations, not names
        and any(any(ch.islower() for ch in t.text) and not t.text.endswith(".") for t in words)
        and not _known_place(tokens)
        and not any(demonym_country(t) or _known_place([t]) or t.lower_ in lexicon.org_words() for t in tokens)
    )


def _determined(head: Token) -> bool:
    """'the South', 'Today's Highlight': a determiner or possessive marks a common name, not a person's."""
    return any(c.dep_ in ("det", "poss") for c in head.children)


def _retype_people(pd: ParsedDoc) -> None:
    """A short place or organisation name that the sentence treats as a person is a PERSON.

    Evidence: a 'who' clause, an age in commas, a title word right before it, 'he' or 'she'
    in the complement of its verb ("Chapman said he ..."), (for an
    organisation) a title in apposition ("Jean-Verdy Bastien, owner of the Celeste Borlette
    Banks"), or (for a place) being the killer or victim of a verb of killing. Countries and names headed by an
    organisation word are never retyped.
    """
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for ent in pd.entities:
        if ent.type not in ("GPE", "LOC", "ORG") or sum(t.is_alpha for t in pd.tokens[ent.start : ent.end]) > 3:
            continue
        head = doc[ent.head]
        if not _looks_like_name(doc[ent.start : ent.end]) or _determined(head):
            continue
        evidence = (
            _has_person_relative(head) or _has_age(doc[ent.end - 1]) or _title_just_before(doc, ent.start)
            or _reports_about_himself(head)
        )
        if ent.type == "ORG":  # "Jean-Verdy Bastien, owner of ..."; a place with a title in apposition is the title's place
            evidence = evidence or _has_title_apposition(pd, head)
        else:
            evidence = evidence or _killing_argument(head)
        evidence = evidence or (ent.end - ent.start >= 2 and _described_as_a_person(pd, head))
        if evidence:
            _retype(ent, "PERSON")


def _retype_named_by_kind(pd: ParsedDoc) -> None:
    """'the American heavy metal band Metallica', 'Premier League side Leicester City': a name written
    right after a noun for a kind of organisation (``org_kinds.txt``) is one, even untagged ("the rock
    band Queen"), and so is the same name everywhere in the text, whatever the tagger made of it
    ("Metallica 's longest album", tagged a person). A name with an honorific keeps its type, and so
    do the subject of a clause after the noun ("the company John Smith founded") and people named by
    a pair noun ("economist team Jim and Margaret Cuthbert", ``pair_nouns.txt``)."""
    doc = pd.tokens
    kinds = lexicon.words("org_kinds.txt") - lexicon.words("pair_nouns.txt")
    named = set()
    for kind in pd.tokens_with_pos("NOUN"):
        first = kind.i + 1
        if kind.lemma_.lower() not in kinds or first >= len(doc):
            continue
        ent = pd.token_entity.get(first)
        if ent is None:  # "the rock band Queen", untagged: the capitalised words after the noun
            end = first
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_ \
                    and end not in pd.token_entity:
                end += 1
            if end == first:
                continue
            ent = Entity(first, end, "ORG", pd.mention(doc[first], doc[end - 1], "ORG"), _span_head(pd.doc, first, end),
                         guessed=True)
            if doc[ent.head].dep_ not in ("nsubj", "nsubjpass"):
                pd.add(ent)
        if ent.start == first and doc[ent.head].dep_ not in ("nsubj", "nsubjpass"):
            named.add(ent.mention.text)
    for ent in pd.entities:
        if ent.mention.text in named and ent.type in ("PERSON", "GPE", "LOC", "NORP", "FAC") and not ent.honorific_gender:
            _retype(ent, "ORG")


def _lead_name_of_kind(pd: ParsedDoc) -> None:
    """'Rage Against the Machine is an American rap metal band ...': a text that opens by saying what
    kind of organisation its subject is (``org_kinds.txt``) names it in the capitalised words before
    the verb, whole, whatever pieces the tagger made of them ("Machine"), there and wherever the text
    writes those words again. A person's name among them is left alone ("John Smith and Partners is a
    law firm": the tagger may be right that it is the founder's)."""
    doc = pd.tokens
    if pd.offset != 0 or not doc:
        return
    root = doc[0].sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "csubj")), None)  # "Fall From the Sky" parses as a clause
    attr = next((c for c in root.children if c.dep_ == "attr"), None)
    if root.lemma_ != "be" or subject is None or attr is None or attr.lemma_.lower() not in lexicon.words("org_kinds.txt"):
        return
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    written = [t.text for t in doc[start:end]]
    if len(written) < 2 or not doc[start].is_title or not all(
            t.is_title or t.is_upper or t.lower_ in _LONG_FORM_GLUE for t in doc[start:end]):
        return
    spans = [i for i in range(start, len(doc) - len(written) + 1) if [t.text for t in doc[i : i + len(written)]] == written]
    for i in spans:
        inside = list({id(e): e for k in range(i, i + len(written)) if (e := pd.token_entity.get(k)) is not None}.values())
        if any(e.start < i or e.end > i + len(written) or e.type == "PERSON" for e in inside):
            if i == start:
                return
            continue
        for e in inside:
            pd.remove(e)
        pd.add(Entity(i, i + len(written), "ORG", pd.mention(doc[i], doc[i + len(written) - 1], "ORG"),
                      _span_head(pd.doc, i, i + len(written)), guessed=True))


def _retype_by_document(pd: ParsedDoc) -> None:
    """A name the document tags an organisation at least twice, and more often than a person, is one
    wherever the tagger made it a person without a sign of one ("Joy Division was formed by ...",
    the band tagged ORG elsewhere in the text). A name with an honorific, or retyped by a rule, keeps its type."""
    votes: dict[str, list[Entity]] = {}
    for ent in pd.entities:
        if ent.type in ("ORG", "PERSON"):
            votes.setdefault(ent.mention.text, []).append(ent)
    for ents in votes.values():
        orgs = sum(e.type == "ORG" for e in ents)
        if orgs < DOCUMENT_TYPE_MIN or 2 * orgs <= len(ents):
            continue
        for ent in ents:
            if ent.type == "PERSON" and not ent.honorific_gender and not ent.guessed:
                _retype(ent, "ORG")


def _name_chain(tok: Token) -> tuple[int, int] | None:
    """Token span of the capitalised proper-noun name headed by ``tok`` ("Darci Alves Pereira").

    Title words may open the name but not be all of it, except a capitalised one standing
    alone as a name ("King was shot by ..."); after another title it is the rest of that title
    ("Manager" of "General Manager").
    """
    doc = tok.doc
    if not tok.text.replace(".", "").replace("-", "").replace("'", "").isalpha() or _determined(tok):
        return None
    if tok.is_upper and tok.lower_ in lexicon.words("post_nominals.txt"):
        return None  # "QC" in "Philippe Sands QC" heads no name of its own
    if tok.lower_ in lexicon.honorifics():
        return None  # "Lord of the Rings director Peter Jackson": an honorific alone is no name
    start = tok.i
    while start > 0:
        prev = doc[start - 1]
        if start <= prev.head.i <= tok.i and prev.dep_ == "compound" and prev.pos_ == "PROPN" and prev.text[:1].isupper():
            start -= 1
        else:
            break
    opened = start
    while start < tok.i and (is_title(doc[start]) or doc[start].lower_ in lexicon.honorifics()):
        start += 1  # "Officer Tippit": the title is not part of the name
    words = doc[start : tok.i + 1]
    if (start > opened or _title_just_before(doc, start)) and all(is_title(t) for t in words):
        return None  # "General Manager": one title of two words, no title before a name
    return (start, tok.i + 1) if _looks_like_name(words) else None


def _reports_about_himself(tok: Token) -> bool:
    """'Booth thought he could ...', 'Pereira stunned the court by admitting he shot ...':
    the subject of a verb whose complement clause has 'he' or 'she' as subject."""
    if tok.dep_ != "nsubj":
        return False
    verb = tok.head
    for pron in verb.subtree:
        if pron.i <= tok.i or pron.lower_ not in ("he", "she") or pron.dep_ not in ("nsubj", "nsubjpass"):
            continue
        node, steps = pron.head, 0
        while node.i != verb.i and steps < 3 and node.dep_ in ("ccomp", "xcomp", "pcomp", "prep", "advcl"):
            node, steps = node.head, steps + 1
        if node.i == verb.i:
            return True
    return False


def _add_unlabelled_people(pd: ParsedDoc) -> None:
    """Capitalised names the tagger missed ("Ruby fatally shot Oswald") that the sentence shows are people.

    Evidence: being the killer or victim of a verb of killing, a title word right before the
    name or in apposition to it, an age in commas ("Winter, 53, ..."), or being the subject
    of a verb whose complement speaks of 'he' or 'she'. A person
    name the tagger cut short ("John Wilkes" of "John Wilkes Booth") is completed. The
    mention is exactly the name's words, so grounding stays exact.
    """
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for tok in pd.tokens_with_pos("PROPN"):
        if tok.i in pd.token_entity or tok.dep_ == "compound" or tok.i in pd.headline_common:
            continue
        if tok.ent_type_ not in NAME_LABELS:
            continue  # a place, organisation, date or number the tagger did see ("killed April 26")
        span = _name_chain(tok)
        if span is None:
            continue
        start, end = span
        while start < tok.i and start in pd.headline_common:
            start += 1  # "President Names Ana Ruiz To ...": a headline's common word is no part of the name
        inside = {id(e): e for i in range(start, end) if (e := pd.token_entity.get(i)) is not None}
        if any(e.type != "PERSON" or e.start < start for e in inside.values()):
            continue
        evidence = (
            _killing_argument(tok) or _title_just_before(doc, start) or _has_title_apposition(pd, tok)
            or _has_age(tok) or _reports_about_himself(tok)
        )
        if not (inside or evidence):
            continue
        gender = next((e.honorific_gender for e in inside.values() if e.honorific_gender), "") or _honorific_before(doc, start)
        for e in inside.values():
            pd.remove(e)
        pd.add(Entity(start, end, "PERSON", pd.mention(doc[start], doc[end - 1], "PERSON"), tok.i, gender, guessed=not inside))


def _add_full_names_of_known_surnames(pd: ParsedDoc) -> None:
    """'Euan Murray has been named ...' in a document that also says 'said Murray' (a person):
    a capitalised word and a surname the document uses for a person, where the tagger saw
    no entity, are that person's full name."""
    surnames = {e.mention.text for e in pd.entities if e.type == "PERSON" and len(e.mention.text.split()) == 1}
    if not surnames:
        return
    doc = pd.tokens
    for tok in pd.tokens_with_pos("PROPN", "NOUN"):
        if tok.text not in surnames or tok.i == 0 or tok.i in pd.token_entity or tok.ent_type_:
            continue
        given = doc[tok.i - 1]
        if (given.i in pd.token_entity or given.ent_type_ or given.pos_ not in ("PROPN", "NOUN") or not given.is_alpha
                or not given.text[0].isupper() or given.is_upper or is_title(given) or given.lower_ in lexicon.honorifics()):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].text[:1].isupper():
            continue  # a longer name ("Euan Murray Smith"): not ours to cut
        pd.add(Entity(given.i, tok.i + 1, "PERSON", pd.mention(given, tok, "PERSON"), tok.i, guessed=True))


def _add_known_surnames(pd: ParsedDoc) -> None:
    """'According to Watling, ...' in a document that names Jack Watling: a bare surname of a
    person the document names in full, where the tagger saw no entity at all."""
    surnames = {e.mention.text.split()[-1] for e in pd.entities if e.type == "PERSON" and len(e.mention.text.split()) >= 2}
    if not surnames:
        return
    doc = pd.tokens
    for tok in pd.tokens_with_pos("PROPN", "NOUN"):  # an unknown word is often tagged NOUN: "According to Watling"
        if tok.text not in surnames or tok.i in pd.token_entity or tok.ent_type_ or tok.dep_ == "compound":
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (tok.i - 1, tok.i + 1)):
            continue  # part of a longer name the tagger missed ("Mary Watling", "Watling Street")
        gender = _honorific_before(doc, tok.i)
        pd.add(Entity(tok.i, tok.i + 1, "PERSON", pd.mention(tok, tok, "PERSON"), tok.i, gender, guessed=True))


def _titles_a_person(pd: ParsedDoc, title: Token) -> bool:
    """'correspondent Mikhail Shevtsov', '"Bellona" members Nils Bemer': a title word naming a person."""
    if title.dep_ in ("compound", "appos"):  # "CBOT trader Daniel Dewey", "Daniel Dewey, another CBOT trader"
        ent = pd.token_entity.get(title.head.i)
        return ent is not None and ent.type == "PERSON"
    return any(c.dep_ == "appos" and (e := pd.token_entity.get(c.i)) is not None and e.type == "PERSON" for c in title.children)


def _next_to_people(pd: ParsedDoc) -> list[Token]:
    """The heads and dependents of the words of people's names, in text order: the only
    tokens for which :func:`_titles_a_person` can hold (found here rather than by trying every token)."""
    near: set[int] = set()
    for i, ent in pd.token_entity.items():
        if ent.type == "PERSON":
            tok = pd.tokens[i]
            near.add(tok.head.i)
            near.update(c.i for c in tok.children)
    return [pd.tokens[i] for i in sorted(near)]


def _organisation_evidence(words, quoted: bool) -> bool:
    """Is a run of capitalised words an organisation's name rather than part of a title?

    "Circuit Judge", "Prime Minister" and "Police Colonel" are titles; an acronym
    ("ITAR-TASS", "CBOT"), a name ending in an organisation word ("State Duma", "Highway
    Patrol"), a quoted name ('"Bellona" members') or a team's plural name (:func:`_team_name`)
    is an organisation.
    """
    letters = [t for t in words if any(ch.isalpha() for ch in t.text)]
    if not letters or not any(ch.isalpha() for ch in words[0].text):
        return False
    acronym = all(t.text.replace(".", "").isupper() and len(t.text.replace(".", "")) >= 2 for t in letters)
    return acronym or quoted or (len(letters) >= 2 and letters[-1].lower_ in lexicon.org_words()) or _team_name(letters[-1])


def _team_name(tok: Token) -> bool:
    """'Chargers' of 'Chargers defensive tackle Jamal Williams': a capitalised plural that is no
    common noun of people the lexicons know ('Police', 'Rebels', 'Officials' are groups)."""
    plural = tok.tag_ in ("NNS", "NNPS") or (tok.tag_ == "NNP" and tok.lower_.endswith("s") and not tok.lower_.endswith("ss"))
    return (plural and tok.is_title and len(tok.text) > 3
            and tok.lemma_.lower() not in lexicon.group_nouns() and tok.lower_ not in lexicon.group_nouns()
            and not is_title(tok))


BAND_NAME_POS = frozenset(("NOUN", "PROPN", "ADP", "VERB", "ADJ"))  # "Fall Out Boy", "Arctic Monkeys", "Take That"


def _add_unlabelled_organisations(pd: ParsedDoc) -> None:
    """'ITAR-TASS correspondent Mikhail Shevtsov', 'Russian State Duma Deputy Konstantin Zatulin':
    capitalised words the tagger left untagged right before a title that names a person are
    the organisation the person works for, when they look like an organisation's name
    (see :func:`_organisation_evidence`)."""
    doc = pd.tokens  # Token objects made once per document: iterating a Doc makes new ones every time
    for title in _next_to_people(pd):  # the organisations added here are no people, so the list stays right
        if not is_title(title) or title.i in pd.token_entity or not _titles_a_person(pd, title):
            continue
        end = title.i
        while end > 0 and doc[end - 1].is_lower and doc[end - 1].head.i == title.i and doc[end - 1].dep_ in ("amod", "compound"):
            end -= 1  # "ITAR-TASS diplomatic correspondent"
        closing = end
        while end > 0 and doc[end - 1].text in ('"', "“", "”", "'"):
            end -= 1
        quoted = end < closing
        start = end
        # "Fall Out Boy bassist": a band's name has words of any kind; before "singer" a word may be a genre ("Pop singer")
        band = lexicon.band_posts().get(title.lower_) is False
        while start > 0:
            prev = doc[start - 1]
            inner_hyphen = prev.text in ("-", "‐") and start - 2 >= 0 and doc[start - 2].pos_ == "PROPN"
            named = (prev.pos_ == "PROPN" or _team_name(prev) or (band and prev.is_title and prev.pos_ in BAND_NAME_POS
                                                                   and not prev.ent_type_)) \
                and prev.text[:1].isupper()  # "Saints" is often a NOUN
            if prev.i in pd.token_entity or not (inner_hyphen or named):
                break
            if is_title(prev) or prev.lower_ in lexicon.honorifics():
                break
            start -= 1
        words = doc[start:end]
        if not words or _known_place(words) or any(demonym_country(t) or _known_place([t]) for t in words):
            continue
        # "Fall Out Boy bassist Pete Wentz": before a band's place, any name is the band's
        if not (_organisation_evidence(words, quoted) or band):
            continue
        pd.add(Entity(start, end, "ORG", pd.mention(doc[start], doc[end - 1], "ORG"), _span_head(doc, start, end), guessed=True))


def untagged_names(pd: ParsedDoc) -> list[Mention]:
    """Runs of capitalised words that no entity, resolved mention or title covers, with a noun or proper
    noun in them: "Chargers" in the one-line report "Another arrest for Chargers", a name the tagger
    put in a date that ran over a line break. A run takes capitalised words of any kind
    ("Six Nations", "Live Aid": never "Nations" or "Aid" alone), less the function words that open a
    sentence ("The Chargers" -> "Chargers"). The text alone cannot say what the runs are; the graph makes
    mentions of those the rest of the corpus names (:func:`graph.build.names_found_again`). Type ''."""
    runs: list[list[Token]] = [[]]
    for tok in pd.tokens:
        if (tok.text[:1].isupper() and tok.text.replace("-", "").replace("'", "").isalpha() and tok.i not in pd.token_entity
                and tok.i not in pd.resolved and tok.i not in pd.title_tokens and tok.i not in pd.headline_common):
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    found = []
    for run in runs:
        while run and run[0].pos_ in _OPENING_POS:
            run = run[1:]
        if run and any(t.pos_ in ("NOUN", "PROPN") for t in run) and not any(is_title(t) or t.lower_ in lexicon.honorifics() for t in run):
            found.append(pd.mention(run[0], run[-1], ""))
    return found


_OPENING_POS = frozenset(("DET", "ADP", "CCONJ", "SCONJ", "PRON", "ADV", "AUX", "PART", "INTJ", "VERB"))
"""Parts of speech of capitalised words that open a sentence before a name ("The", "But", "In", "After"): no part of it."""
