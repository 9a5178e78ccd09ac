"""Organisations for roles whose own phrase names none, found elsewhere in the same document.

:func:`extract.roles.extract_roles` gives "Chancellor Gordon Brown" a title and no
organisation. Each rule here may then pick one from the rest of the document, always an
entity the document names (the triple's object is that mention, and ``object_sentence``
says where it is when that is another sentence); none invents one. In the order tried:

- ``title_word_named``: "Leicester coach John Wells", where the tagger missed "Leicester"
  here but the document names it as an organisation elsewhere;
- ``org_word_named``: "Committee chairman Edward Leigh": the one organisation named earlier
  whose name has the title's organisation word ("the Public Accounts Committee");
- ``named_department``: "Trade and Industry Secretary Patricia Hewitt": the department the
  document names with the same portfolio ("the Department of Trade and Industry");
- ``national_office``: "Chancellor Gordon Brown", "immigration minister Beverley Hughes":
  by convention an office of a country, the country the document names (see
  :func:`_office_country`); a shadow post is the opposition's, never the country's;
- ``regional_office``: "Governor Jay Hale", "Mayor Ann Lowe": an office of a state, province or
  city, the one the document writes with the office or is about (see :func:`regional_office`);
- ``office_body``: "Pope John Paul II": an office that by convention is one body's, that body
  where the document names it (``office_bodies.tsv``);
- ``document_organisation``: "chief executive James Skinner" in an article about one
  company: a post held inside an organisation goes to the organisation the document is about.

Each inferred triple has its rule as its pattern and a lower confidence, so users can filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from extract import confidence as C
from extract import lexicon
from extract.coref import document_organisation, name_key
from extract.mentions import Entity, ParsedDoc
from extract.models import Mention, Triple
from extract.names import country_key

COUNTRY_LEAD = 2  # a document "is about" the country it names twice as often as any other
COUNTRY_MIN_MENTIONS = 2  # and names more than once: one passing mention is no evidence
NAME_WEIGHT, DEMONYM_WEIGHT = 2, 1  # an adjective ("Romanian visas") counts half a country's name
DEPARTMENT_HEADS = frozenset(("department", "ministry", "office"))
OWNER_ENDINGS = ("its", "their", "his", "her", "'s", "’s", "'", "’")  # a possessive owner is written before the title
ORG_PHRASE_STARTS = (" of ", " at ", " for ", " with ")  # the title's own phrase names its organisation


def _country(m: Mention) -> str | None:
    """The country a mention names ('Britain', 'British', 'the UK' -> 'United Kingdom'); unions are not countries."""
    low = m.text.lower()
    name = lexicon.country_aliases().get(low) or lexicon.country_aliases().get(low.removeprefix("the ")) or lexicon.demonyms().get(low)
    return name if name in _countries() else None


@cache
def _countries() -> frozenset[str]:
    """Every country a demonym points to: the countries the word lists know."""
    return frozenset(lexicon.demonyms().values())


def _title_start(t: Triple) -> int:
    """Where the title is written: just before the name ("Chancellor Gordon Brown"), else anywhere in the sentence."""
    before = t.sentence.rfind(t.predicate, 0, max(t.subject.start - t.sentence_start, 0))
    at = before if before >= 0 else t.sentence.find(t.predicate)
    return t.sentence_start + max(at, 0)


def _inferred(pd: ParsedDoc, t: Triple, obj: Mention, pattern: str, confidence: float, predicate: str | None = None) -> Triple:
    """The role with the organisation found elsewhere; the sentence naming it is kept when it is another one."""
    start, end = _sentence_at(pd, obj.start)
    other = (start, end) if (start, end) != (t.sentence_start, t.sentence_end) else None
    return t.model_copy(update={
        "object": obj, "pattern": pattern, "confidence": confidence, "object_sentence": other,
        "predicate": t.predicate if predicate is None else predicate,
    })


def _sentence_at(pd: ParsedDoc, char: int) -> tuple[int, int]:
    tok = next((pd.tokens[e.start] for e in pd.entities if e.mention.start == char), None)
    if tok is None:
        tok = min(pd.tokens, key=lambda t: abs(pd.offset + t.idx - char))
    return pd.sentence_bounds(tok)


def _named_orgs(pd: ParsedDoc) -> dict[str, Entity]:
    """Organisations the document names, by the lower-cased text of their name (first mention)."""
    out: dict[str, Entity] = {}
    for e in sorted(pd.entities, key=lambda e: e.start):
        if e.type == "ORG" and not e.mention.text.islower():
            out.setdefault(e.mention.text.lower(), e)
    return out


def title_word_named(pd: ParsedDoc, t: Triple, orgs: dict[str, Entity]) -> Triple | None:
    """'Leicester coach John Wells': a capitalised first word of the title that the document names as an
    organisation. The object is that word as written here; the title loses it."""
    first, _, rest = t.predicate.partition(" ")
    if not rest:
        return _mistagged_owner(pd, t, orgs)
    if not first[:1].isupper() or first.lower() in lexicon.titles() or first.lower() not in orgs:
        return None
    start = _title_start(t)
    # "Home Secretary", where the tagger made "Home" an organisation here only: a portfolio
    if pd.text[start : start + len(first)] != first or orgs[first.lower()].mention.start == start:
        return None
    obj = Mention(text=first, start=start, end=start + len(first), type="ORG", refers_to=orgs[first.lower()].mention.antecedent)
    return _inferred(pd, t, obj, "title_word_named", C.TITLE_WORD_CONFIDENCE, predicate=rest)


def _mistagged_owner(pd: ParsedDoc, t: Triple, orgs: dict[str, Entity]) -> Triple | None:
    """'Leicester coach John Wells' with "Leicester" tagged a person here and an organisation
    elsewhere in the document: the one-word name just before the title is that organisation."""
    start = _title_start(t)
    before = next((e for e in pd.entities if e.end - e.start == 1 and e.type != "ORG"
                   and 0 < start - e.mention.end <= 1 and e.mention.text.lower() in orgs), None)
    if before is None or before.mention.start == t.subject.start:
        return None
    obj = before.mention.model_copy(update={"type": "ORG", "refers_to": orgs[before.mention.text.lower()].mention.antecedent})
    return _inferred(pd, t, obj, "title_word_named", C.TITLE_WORD_CONFIDENCE)


def org_word_named(pd: ParsedDoc, t: Triple, orgs: dict[str, Entity]) -> Triple | None:
    """'Committee chairman Edward Leigh': the one organisation named before, anywhere in the document,
    whose name has the title's organisation word."""
    words = [w.lower() for w in t.predicate.split()[:-1]]
    word = next((w for w in words if w in lexicon.org_words() and w not in lexicon.generic_org_words()), None)
    if word is None:
        return None
    named = {e.mention.antecedent.text: e for e in orgs.values()
             if e.mention.start < t.subject.start and word in {name_key(w) for w in e.mention.text.split()}}
    if len(named) != 1:
        return None
    return _inferred(pd, t, next(iter(named.values())).mention, "org_word_named", C.ORG_WORD_CONFIDENCE)


def _portfolio(title: str) -> list[str]:
    """'Trade and Industry Secretary' -> ['trade', 'industry']: the words before a minister's or secretary's title word."""
    words = [w.lower() for w in title.replace("-", " ").split()]
    if len(words) < 2 or lexicon.national_offices().get(words[-1]) != "portfolio":
        return []
    return [w for w in words[:-1] if w not in ("and", "of", "the", "deputy", "junior", "shadow") and w not in lexicon.title_modifiers()]


def named_department(pd: ParsedDoc, t: Triple, orgs: dict[str, Entity]) -> Triple | None:
    """'Trade and Industry Secretary' -> 'the Department of Trade and Industry', 'Home Secretary' -> 'the
    Home Office': the one department, ministry or office named with every portfolio word."""
    portfolio = _portfolio(t.predicate)
    if not portfolio or "shadow" in t.predicate.lower():
        return None
    fits = {}
    for e in orgs.values():
        words = {w.lower() for w in e.mention.text.split()}
        if words & DEPARTMENT_HEADS and all(w in words for w in portfolio):
            fits[e.mention.antecedent.text] = e
    if len(fits) != 1:
        return None
    return _inferred(pd, t, next(iter(fits.values())).mention, "named_department", C.DEPARTMENT_CONFIDENCE)


def _is_national_office(title: str) -> bool:
    """'Chancellor', 'Deputy Prime Minister', 'immigration minister'; not 'shadow chancellor' nor 'chancellor' in lower case."""
    words = title.split()
    if not words or any(w.lower() == "shadow" for w in words):
        return False
    offices = lexicon.national_offices()
    two = " ".join(words[-2:]).lower()
    kind = offices.get(two) if len(words) >= 2 and two in offices else offices.get(words[-1].lower())
    if kind == "alone":
        return True
    if kind == "capitalised":
        return words[-1][:1].isupper()
    return kind == "portfolio" and bool(_portfolio(title))


def _office_country(pd: ParsedDoc, t: Triple, countries: list[tuple[str, Mention]], roles: list[Triple]) -> str | None:
    """Which country an office belongs to: the country the document gives the same person elsewhere;
    else the one PETRARCH2's office holders give them (None when the document does not name it);
    else the one the document is about: named by its name at least twice and more often than any other, and
    twice as often as any other with its demonyms (counted half), unless the title's sentence names another country.
    None when that is unclear."""
    for r in roles:
        if r.object is not None and r.subject.antecedent.text == t.subject.antecedent.text and (c := _country(r.object)):
            return c
    known = _holder_country(t)
    if known is not None:  # "President Bill Clinton" in a text naming Belarus alone is still no office of Belarus
        return known if any(c == known for c, _ in countries) else None
    if (written := _office_written_with(pd, t, roles)) is not None:
        return written
    names: Counter = Counter(c for c, m in countries if m.type != "NORP")
    weights: Counter[str] = Counter()
    for c, m in countries:  # "the Romanian and Bulgarian visas scandal" says less than "entered the UK"
        weights[c] += DEMONYM_WEIGHT if m.type == "NORP" else NAME_WEIGHT
    top = names.most_common(2)
    by_name = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
    if by_name is None or by_name != _leader(weights) or names[by_name] < COUNTRY_MIN_MENTIONS:
        return None
    if _other_country_named_here(pd, t, by_name):
        return None  # "Iraq's parliament confirmed Mr. Kadhimi as prime minister" in an article about the US
    return by_name


def _office_written_with(pd: ParsedDoc, t: Triple, roles: list[Triple],
                         place: Callable[[Mention], str | None] = _country) -> str | None:
    """The one country (or, with ``place``, the one other kind of place a mention names) the document
    writes the office with: "the President of the United States", "France's prime minister", "the
    Iraqi president" (for "President William McKinley" in a text about the Philippines). None when it
    writes it with none, or with several, or when the document gives the office to someone else too
    ("Smuts, the Prime Minister of South Africa" is no office of Churchill's)."""
    words = t.predicate.lower().split()
    office = words[-1] if words else ""
    if any(r.subject.antecedent.text != t.subject.antecedent.text and r.predicate.lower().split()[-1:] == [office]
           for r in roles):
        return None
    found = set()
    for tok in pd.tokens_with_pos("NOUN", "PROPN"):
        if tok.lower_ != office:
            continue
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            ent = pd.token_entity.get(owner.i)
            if ent is not None and (name := place(ent.mention)) is not None:
                found.add(name)
    return next(iter(found)) if len(found) == 1 else None


def _other_country_named_here(pd: ParsedDoc, t: Triple, country: str) -> bool:
    """Does the title's sentence name another country by its name (a word, even inside an organisation's name)?"""
    start = t.sentence_start - pd.offset
    sent = next((s for s in pd.sents if s.start_char <= start < s.end_char), None)
    if sent is None:
        return False
    aliases = lexicon.country_aliases()
    return any(tok.text[:1].isupper() and (other := aliases.get(tok.lower_)) not in (None, country) and other in _countries()
               for tok in pd.tokens[sent.start : sent.end])


def _leader(counts: Counter) -> str | None:
    """The country counted at least twice as often as any other, if one is."""
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] < COUNTRY_LEAD * top[1][1]):
        return None
    return top[0][0]


def _holder_country(t: Triple) -> str | None:
    """The country PETRARCH2's dictionary of office holders gives the person: by full name, by title and
    surname ("president bush"), else, for a surname written alone, by a surname only one country's office
    holders bear."""
    name = " ".join(t.subject.antecedent.text.lower().replace("’", "'").split())
    surname = name.rsplit(" ", 1)[-1]
    holders = lexicon.office_holders()
    found = holders.get(name) or holders.get(f"{t.predicate.lower()} {surname}")
    if found is None and name == surname:  # "Mr Prescott": only the surname is known; a full name must match whole
        found = lexicon.office_holder_surnames().get(surname)
    return found


def national_office(pd: ParsedDoc, t: Triple, countries: list[tuple[str, Mention]], roles: list[Triple]) -> Triple | None:
    """'Chancellor Gordon Brown', 'Deputy Prime Minister Mr Prescott': the office of the country the
    document names (its nearest mention before the title, else the first after)."""
    if not _is_national_office(t.predicate):
        return None
    country = _office_country(pd, t, countries, roles)
    if country is None:
        return None
    mentions = [m for c, m in countries if c == country]
    before = [m for m in mentions if m.start < t.subject.start]
    return _inferred(pd, t, before[-1] if before else mentions[0], "national_office", C.NATIONAL_OFFICE_CONFIDENCE)


def office_body(pd: ParsedDoc, t: Triple) -> Triple | None:
    """'Pope John Paul II': an office that by convention is one body's (``office_bodies.tsv``) takes that
    body where the document names it ("the Catholic Church"), its nearest mention before the title first."""
    words = t.predicate.lower().split()
    names = lexicon.office_bodies().get(words[-1]) if words else None
    if not names:
        return None
    for name in names:
        mentions = [e.mention for e in sorted(pd.entities, key=lambda e: e.start)
                    if e.mention.text.lower().removeprefix("the ") == name.lower()]
        if mentions:
            before = [m for m in mentions if m.start < t.subject.start]
            return _inferred(pd, t, before[-1] if before else mentions[0], "office_body", C.NATIONAL_OFFICE_CONFIDENCE)
    return None


def _region(m: Mention) -> str | None:
    """A place below a country that a mention names ("Maryland", "Madhya Pradesh"), by its name as written;
    not a title the tagger took for a place ("County Governor")."""
    if m.type != "GPE" or _country(m) is not None or not m.text[:1].isupper():
        return None
    return None if any(w in lexicon.titles() for w in m.text.lower().split()) else m.text


def regional_office(pd: ParsedDoc, t: Triple, roles: list[Triple]) -> Triple | None:
    """'Governor Jay Hale', 'chief minister Ravi Das', 'Mayor Ann Lowe': an office of a state, province or
    city (``regional_offices.txt``) belongs to the one the document writes with it ("the Governor of
    Maryland", "Bihar's chief minister"), else to the one it is about: named at least twice, and twice as
    often as any other (a country does not count)."""
    words = t.predicate.lower().split()
    offices = lexicon.words("regional_offices.txt")
    if not words or (words[-1] not in offices and " ".join(words[-2:]) not in offices):
        return None
    regions = [(r, e.mention) for e in sorted(pd.entities, key=lambda e: e.start) if (r := _region(e.mention))]
    region = _office_written_with(pd, t, roles, place=_region)
    if region is None:
        counts = Counter(r for r, _ in regions)
        region = _leader(counts)
        if region is None or counts[region] < COUNTRY_MIN_MENTIONS:
            return None
    mentions = [m for r, m in regions if r == region]
    before = [m for m in mentions if m.start < t.subject.start]
    return _inferred(pd, t, before[-1] if before else mentions[0], "regional_office", C.NATIONAL_OFFICE_CONFIDENCE)


def document_org(pd: ParsedDoc, t: Triple) -> Triple | None:
    """'chief executive James Skinner', 'store manager' in a document about one company: its post (a title whose
    last word is one counts)."""
    posts = lexicon.words("posts.txt")
    at = _title_start(t) - t.sentence_start
    title = t.predicate
    last = title.split()[-1].lower()
    if last not in lexicon.national_offices() and last not in lexicon.words("ranks.txt") and (
            (at == 0 and title[1:].islower()) or (len(title.split()) > 1 and title.istitle())):
        # "Drummer Lars Ulrich said": capitalised because it opens the sentence; "Managing Director Rose
        # Hale": a post of several words in Title Case; neither a rank ("Captain Bracken") nor an office ("President Grant")
        title = title.lower()
    words = title.lower().split()
    band_post = lexicon.band_posts().get(" ".join(w for w in words if w not in BAND_POST_QUALIFIERS))
    if not (title.islower() or title.isupper()) or (title.lower() not in posts and words[-1] not in posts and band_post is None):
        return None  # "President Grant", "Captain Bracken": a capitalised title is a rank or an office, not a post here ("CEO" is)
    before, after = t.sentence[:at].rstrip(), t.sentence[at + len(t.predicate):]
    phrase = next((after[len(p):] for p in ORG_PHRASE_STARTS if after.startswith(p)), None)
    if before.endswith(OWNER_ENDINGS) or (phrase is not None and not phrase[:1].isdigit()):
        return None  # "its founder", "chairman of the League Against Cruel Sports": the text names another owner ("at 19" none)
    if _named_before(pd, t.sentence_start + at):
        return None  # "Leicester coach John Wells": a name before the title is its owner, even a place's
    about = document_organisation(pd)
    if about is None or about.mention.text.lower() in lexicon.party_aliases() or not _holds_posts(about.mention.text):
        return None
    if last in lexicon.national_offices() and _holder_country(t) is not None:
        return None  # "Vladimir Putin became president" in an article about Yukos: an office holder's office
    if band_post is not None and _a_label(pd, about):
        return None  # "the drummer Philly Joe Jones" in an article about Blue Note Records: the label's artist, no member
    if band_post and not _called_a_band(pd, about):
        return None  # "singer Gwen Stefani" in an article about HP, which no one calls a band
    return _inferred(pd, t, about.mention, "document_organisation", C.DOCUMENT_ORG_CONFIDENCE)


BAND_KINDS = frozenset(("band", "group", "duo", "trio", "quartet", "outfit", "ensemble"))
BAND_POST_QUALIFIERS = frozenset(("former", "founding", "ex-"))  # "former drummer Bill Berry" is still the band's


LABEL_WORDS = ("records", "recordings")


def _a_label(pd: ParsedDoc, org: Entity) -> bool:
    """Is the organisation a record label by its name, as the document writes it somewhere ("Blue Note
    Records" for "Blue Note")?"""
    name = org.mention.antecedent.text.lower()
    return any(e.mention.text.lower() in (name, *(f"{name} {w}" for w in LABEL_WORDS)) and
               e.mention.text.lower().split()[-1] in LABEL_WORDS for e in pd.entities)


def _called_a_band(pd: ParsedDoc, org: Entity) -> bool:
    """Does the document call the organisation a band ("the rock band Queen", "Queen are a rock band")?"""
    doc = pd.tokens
    for e in pd.entities:
        if e.mention.antecedent.text != org.mention.antecedent.text:
            continue
        if e.start > 0 and doc[e.start - 1].lemma_.lower() in BAND_KINDS:
            return True
        head = doc[e.head]
        if head.dep_ == "nsubj" and head.head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in BAND_KINDS for c in head.head.children):
            return True
    return False


def _named_before(pd: ParsedDoc, offset: int) -> bool:
    """Does an entity end just before ``offset`` ("Leicester coach", "Acme's chief executive")? A comma
    between parts them ("vocalist Zack Hale , guitarist Tom Reed": the name is the one before)."""
    return any(0 <= offset - e.mention.end <= len("'s ") and pd.text[e.mention.end : offset].strip() in ("", "'s", "’s", "'", "’")
               for e in pd.entities)


def _holds_posts(name: str) -> bool:
    """Can the organisation a document is about hold its posts? Not a country's institution ("the Russian
    government"), a country or union ("European Union"), a competition ("the Davis Cup") or a word for
    people ("MPs", tagged an organisation)."""
    words = name.lower().removeprefix("the ").split()
    return bool(words) and not (any(w in lexicon.institutions() for w in words) or country_key(name, demonyms=False)
                                or words[-1] in lexicon.words("event_words.txt")
                                or all(w.endswith("s") and w[:-1] in lexicon.titles() for w in words))


def fill_organisations(pd: ParsedDoc, roles: list[Triple]) -> list[Triple]:
    """The roles, each organisation-less one given an organisation from the document when a rule finds one."""
    if all(t.object is not None or not t.predicate for t in roles):
        return roles
    orgs = _named_orgs(pd)
    countries = [(c, e.mention) for e in sorted(pd.entities, key=lambda e: e.start) if (c := _country(e.mention))]
    out = []
    for t in roles:
        if t.object is None and t.predicate:
            t = (title_word_named(pd, t, orgs) or org_word_named(pd, t, orgs) or named_department(pd, t, orgs)
                 or national_office(pd, t, countries, roles) or regional_office(pd, t, roles) or office_body(pd, t)
                 or document_org(pd, t) or t)
        out.append(t)
    return out
