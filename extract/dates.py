"""When: the date or period a statement's own words give it, normalised to ISO 8601.

Extraction keeps, on each triple, the date expression attached to its clause
(:func:`attached_date`: "killed ... on Monday", "was transport minister from 1997 to 2001",
"chairman since 2002") with the clause's tense. Only the graph knows a document's date,
so it normalises the expression there (:func:`normalise`), relative to the document date:

- a day ``2005-01-03``, an ISO week ``2004-W52``, a month ``2004-12`` or a year ``2003``;
- a period ``1997/2001``, or an open one ``2002/..`` ("since 2002") or ``../2007`` ("until 2007");
- ``""`` for words that name no point in time: durations ("three years"), ages, decades,
  times of day alone, "every year".

Relative expressions count from the document date ("last week", "yesterday", "on Monday":
the Monday before a past-tense clause, after a future one); "two days later" counts from the
date of the statement before it in the same document. :func:`interval` turns any value into
its first and last day, for sorting, filtering and Gephi.

Nothing here imports spaCy: the graph side uses :func:`normalise` and :func:`interval` alone.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from extract.lexicon import date_words, role_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from extract.mentions import ParsedDoc
    from extract.models import DateExpression, Triple

OPEN = ".."
"""ISO 8601-2's mark of an open end: ``2002/..`` is "since 2002"."""

PROBE_DATE = date(2000, 6, 15)
"""Any date: extraction checks with it that an expression names a time at all."""

TEXT, DOCUMENT = "text", "document"
"""How an evidence sentence's date was found: its own words, or the document's date (the day it was reported)."""

_PLAIN_PREPOSITIONS = ("in", "on", "at", "during", "by", "of", "back", "before", "after", "for", "around", "from")
_PHRASE_PREPOSITIONS = frozenset(_PLAIN_PREPOSITIONS) | {"since", "until", "till", "between"}
"""Prepositions kept in a date's words: they say whether it is a point or a period ('since 2002')."""
_DAY_PARTS = ("morning", "afternoon", "evening", "night", "lunchtime")
_TODAY = ("today", "tonight", "this morning", "this afternoon", "this evening")
_YESTERDAY = ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening")


# --- normalising an expression ------------------------------------------------------------
def normalise(expression: str, reference: date | None, *, tense: str = "past", previous: str = "") -> str:
    """The ISO value of a date expression ('on Monday', 'from 1997 to 2001'), or '' when it names no time.

    ``reference`` is the document date (None: only absolute dates are normalised);
    ``tense`` ('past' or 'future') picks which Monday or which May a bare name means;
    ``previous`` is the value of the statement before it, for 'two days later'.
    """
    words = _words(expression)
    if not words:
        return ""
    kinds = date_words()
    if words[0] in kinds["period_start"]:  # "since 2002": open at its end
        start = _point(words[1:], reference, tense, previous)
        return f"{start}/{OPEN}" if start else ""
    if words[0] in kinds["period_end"]:  # "until 2007": open at its start
        end = _point(words[1:], reference, tense, previous)
        return f"{OPEN}/{end}" if end else ""
    words = _strip(words, (*_PLAIN_PREPOSITIONS, "between"))
    period = _period(words, reference, tense, previous)
    if period is not None:
        return period
    return _point(words, reference, tense, previous)


def _words(expression: str) -> list[str]:
    text = expression.lower().replace("’", "'").replace(",", " ")
    text = re.sub(r"'s?\b|'$", " ", text)  # "2002's", "last season's", "years'"
    text = re.sub(r"\s*([-–])\s*", r" \1 ", text)  # "27-28 November" -> "27 - 28 november"
    return [w for w in text.split() if w]


def _period(words: list[str], reference, tense, previous) -> str | None:
    """'1997 to 2001', '20 and 21 August', '27-28 November': both ends must be dates."""
    for k, word in enumerate(words):
        if word in ("to", "until", "till", "and", "-", "–") and 0 < k < len(words) - 1:
            left, right = words[:k], words[k + 1 :]
            if len(left) == 1 and left[0].isdigit() and len(right) >= 2 and right[0].isdigit():
                left = left + right[1:]  # "20 and 21 August": the first day takes the month
            start = _point(left, reference, tense, previous)
            end = _point(right, reference, tense, previous)
            if start and end:
                return f"{start}/{end}"
            return "" if word != "and" else None
    return None


def _strip(words: list[str], phrases) -> list[str]:
    """Drop leading words or phrases of ``phrases`` (one-word or several-word entries)."""
    changed = True
    while changed and words:
        changed = False
        for phrase in phrases:
            parts = phrase.split()
            if words[: len(parts)] == parts and len(words) > len(parts):
                words, changed = words[len(parts) :], True
                break
            if len(parts) == 1 and phrase.endswith("-") and words[0].startswith(phrase) and len(words[0]) > len(phrase):
                words, changed = [words[0][len(phrase) :], *words[1:]], True
                break
    return words


def _point(words: list[str], reference: date | None, tense: str, previous: str) -> str:
    kinds = date_words()
    words = _strip(words, _PLAIN_PREPOSITIONS)
    if len(words) > 1 and words[0] == "the" and words[1] in ("last", "past", "next", "coming"):
        return ""  # "in the last year", "over the next three years": a stretch of time up to now, not a date
    words = _strip(words, ("the",))
    words = _strip(words, sorted(kinds["modifier"], key=len, reverse=True))
    words = _strip(words, (*_PLAIN_PREPOSITIONS, "the"))
    words = _strip(words, sorted(kinds["approximate"], key=len, reverse=True))
    if " ".join(words) in _TODAY or " ".join(words) in _YESTERDAY:
        return _relative(words, " ".join(words), reference, tense, previous) if reference else ""
    if len(words) > 1 and words[-1] in _DAY_PARTS:
        words = words[:-1]  # "Monday morning", "Thursday night"
    phrase = " ".join(words)
    if re.fullmatch(r"1\d{3}|20\d{2}", phrase):
        return phrase
    absolute = _absolute(words, reference, tense)
    if absolute is not None:
        return absolute
    if reference is None:
        return ""
    return _relative(words, phrase, reference, tense, previous)


def _absolute(words: list[str], reference: date | None, tense: str) -> str | None:
    """Dates that name a month: 'December 9 2008', '5 May', 'February 2003', 'last May', 'January next year'."""
    kinds = date_words()
    months, weekdays = kinds["month"], kinds["weekday"]
    words = [w for w in words if w not in weekdays or len(words) == 1]  # "Tuesday, December 9, 2008"
    direction = tense
    if words and words[0] in ("last", "next", "this"):
        direction = {"last": "past", "next": "future", "this": tense}[words[0]]
        words = words[1:]
    year = None
    if len(words) >= 3 and words[-2:] in (["last", "year"], ["next", "year"], ["this", "year"]) and reference:
        year = reference.year + {"last": -1, "next": 1, "this": 0}[words[-2]]
        words = words[:-2]
    if words and re.fullmatch(r"1\d{3}|20\d{2}", words[-1]):
        year, words = int(words[-1]), words[:-1]
    day = month = None
    for w in words:
        if w in months and month is None:
            month = int(months[w])
        elif (m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)) and day is None and 1 <= int(m.group(1)) <= 31:
            day = int(m.group(1))
        elif w != "of":
            return None
    if month is None:
        return None
    if year is None:
        if reference is None:
            return ""
        year = _nearest_year(month, day, reference, direction)
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _nearest_year(month: int, day: int | None, reference: date, direction: str) -> int:
    """The year of the latest such month (or day) not after the reference in the past, else the next one."""
    mine = (month, day or 0)
    ref = (reference.month, reference.day if day else 0)
    if direction == "future":
        return reference.year if mine >= ref else reference.year + 1
    return reference.year if mine <= ref else reference.year - 1


def _relative(words: list[str], phrase: str, reference: date, tense: str, previous: str) -> str:
    kinds = date_words()
    weekdays, units = kinds["weekday"], kinds["unit"]
    if phrase in _TODAY:
        return reference.isoformat()
    if phrase in _YESTERDAY:
        return (reference - timedelta(days=1)).isoformat()
    if phrase == "tomorrow":
        return (reference + timedelta(days=1)).isoformat()
    if phrase in weekdays or (len(words) == 2 and words[0] in ("last", "next", "this") and words[1] in weekdays):
        direction = {"last": "past", "next": "future"}.get(words[0], tense)
        return _weekday(int(weekdays[words[-1]]), reference, direction).isoformat()
    if words[-1] in ("weekend",) and len(words) <= 2:
        which = words[0] if len(words) == 2 else ("last" if tense == "past" else "coming")
        if which == "this":
            return _week(reference)
        if which == "next":
            return _week(reference + timedelta(days=7))
        if which == "last":
            return _week(reference - timedelta(days=7))
        return _week(reference + timedelta(days=(5 - reference.weekday()) % 7))
    if len(words) == 2 and words[0] in ("last", "next", "this") and units.get(words[1]) in ("week", "month", "year"):
        step = {"last": -1, "next": 1, "this": 0}[words[0]]
        return _shift(reference, units[words[1]], step)
    if len(words) >= 2 and words[-1] in ("ago", "later", "earlier"):
        count = _count(words[:-2])
        unit = units.get(words[-2])
        if count is None or unit is None:
            return ""
        if words[-1] == "ago":
            return _shift(reference, unit, -count)
        start = interval(previous)
        if start is None:
            return ""
        return _shift(start[0], unit, count if words[-1] == "later" else -count)
    return ""


def _count(words: list[str]) -> int | None:
    """How many units: 'two', 'a', '41'; None for none ('weeks later' is too vague to date)."""
    numbers = date_words()["number"]
    phrase = " ".join(words)
    if phrase in numbers:
        return int(numbers[phrase])
    if phrase.isdigit():
        return int(phrase)
    return None


def _weekday(weekday: int, reference: date, direction: str) -> date:
    if direction == "future":
        return reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
    return reference - timedelta(days=(reference.weekday() - weekday - 1) % 7 + 1)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift(reference: date, unit: str, count: int) -> str:
    if unit == "day":
        return (reference + timedelta(days=count)).isoformat()
    if unit in ("week", "fortnight"):
        return _week(reference + timedelta(days=7 * count * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        months = reference.year * 12 + reference.month - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{reference.year + count:04d}"


# --- values as days ------------------------------------------------------------------------
def interval(value: str) -> tuple[date, date | None] | None:
    """First and last day of an ISO value ('2004-12' -> Dec 1 .. Dec 31); None for '' or an unknown shape.

    An open period ('2002/..') has no last day; one open at its start ('../2007') starts on its end's first day.
    """
    if not value:
        return None
    if "/" in value:
        start, end = value.split("/", 1)
        first = interval(start) if start != OPEN else None
        last = interval(end) if end != OPEN else None
        bound = first or last
        if bound is None:
            return None
        return (bound[0], last[1] if last else None)
    try:
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + timedelta(days=6)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m.group(1)), int(m.group(2))
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), following - timedelta(days=1)
        day = date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def ends(value: str) -> tuple[str, str]:
    """The first and last ISO value of a value: '1997/2001' -> ('1997', '2001'); '2002/..' -> ('2002', '2002')."""
    if "/" not in value:
        return value, value
    start, end = value.split("/", 1)
    start = "" if start == OPEN else start
    end = "" if end == OPEN else end
    return start or end, end or start


# --- dating a corpus's triples -----------------------------------------------------------
def evidence_dates(triples: list[Triple], document_dates: dict[str, str]) -> dict[int, tuple[str, str, str]]:
    """(date, how it was found, the words) for each triple, keyed by ``id(triple)``.

    A triple's own date expression wins ('text'); else its document's date, the day it was
    reported ('document'); else nothing. 'Two days later' counts from the statement before.
    """
    by_doc: dict[str, list[Triple]] = {}
    for t in triples:
        by_doc.setdefault(t.doc_id, []).append(t)
    found: dict[int, tuple[str, str, str]] = {}
    for doc_id, doc_triples in by_doc.items():
        reference = _iso_day(document_dates.get(doc_id, ""))
        previous = ""
        for t in sorted(doc_triples, key=lambda t: (t.sentence_start, t.when.start if t.when else -1)):
            value = ""
            when = t.when
            if when is not None:
                value = normalise(when.text, reference, tense=when.tense, previous=previous)
            if when is not None and value:
                found[id(t)] = (value, TEXT, when.text)
                previous = value
            elif reference is not None:
                found[id(t)] = (reference.isoformat(), DOCUMENT, "")
            else:
                found[id(t)] = ("", "", "")
    return found


def _iso_day(value: str) -> date | None:
    span = interval(value)
    return span[0] if span else None


# --- finding the expression of a clause (needs a parse) ----------------------------------
def date_phrase(ent: Span) -> tuple[int, int, Token] | None:
    """(first token, last token, the token it attaches to) of a DATE or TIME entity with its preposition.

    'since 2002' and 'from 1997 to 2001' keep their prepositions, 'this year's' its 'this';
    a number followed by 'GMT' or 'pm' is a time of day, not a year.
    """
    doc = ent.doc
    kinds = date_words()
    first, last = ent.start, ent.end - 1
    if last + 1 < len(doc) and doc[last + 1].lower_ in kinds["not_date"]:
        return None
    if first > 0 and doc[first - 1].lower_ in ("this", "last", "next") and ent[0].lower_ not in ("this", "last", "next"):
        first -= 1
    if ent[-1].lower_ == "today" and last + 1 < len(doc) and doc[last + 1].pos_ in ("NOUN", "PROPN"):
        return None  # "the Today programme": a name
    head = ent.root.head
    if head.dep_ == "prep" and head.i < ent.start:
        if head.i == first - 1 and head.lower_ in _PHRASE_PREPOSITIONS:
            first = head.i
        head = head.head
    following = last + 2 < len(doc) and doc[last + 1].lower_ in ("to", "until", "till") and doc[last + 2].ent_iob_ == "B"
    if following and doc[last + 2].ent_type_ == "DATE" and doc[first].lower_ in ("from", "between"):
        last = next(e.end - 1 for e in doc.ents if e.start == last + 2)  # "from 1997 to 2001": one period
    return first, last, head


def clause_tense(tok: Token) -> Literal["past", "future"]:
    """'future' when the clause that ``tok`` belongs to looks ahead ('will', 'is due to', a present tense), else 'past'."""
    kinds = date_words()
    verb = tok
    for _ in range(8):
        if verb.head is verb:
            break
        if verb.pos_ in ("VERB", "AUX"):
            finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            if finite or verb.dep_ == "xcomp":
                break
        verb = verb.head  # "found guilty of bringing the game into disrepute on Thursday": the tense of "found"
    if verb.pos_ not in ("VERB", "AUX"):
        return "past"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in kinds["future_aux"] for c in auxes):
        return "future"
    if any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"
    if verb.dep_ == "xcomp" and verb.head is not verb:
        head = verb.head
        if head.lemma_ in kinds["future_head"] or head.lower_ in kinds["future_head"]:
            return "future"
        return clause_tense(head)
    return "past" if verb.tag_ in ("VBD", "VBN") else "future"


def _clause(anchor: Token) -> set[int]:
    """Tokens a date of the statement may hang on.

    An action's verb, and the noun its relative clause describes ("the strike in January
    that killed ..."), or the verb it completes ("agreed last year to settle"); a role's
    title, its copula or role verb ("was minister from 1997 to 2001", "was appointed
    chairman in 2002") and its apposition ("Bill Gates,
    chairman since 2002"). A name that is the object of a verb does not take the verb's date:
    "killed general Soleimani in January" dates the killing, not the generalship.
    """
    tokens = {anchor.i}
    tokens |= {c.i for c in anchor.children if c.dep_ == "appos"}
    if anchor.dep_ in ("attr", "appos") and anchor.head is not anchor:
        tokens.add(anchor.head.i)
    if anchor.dep_ == "nsubj" and _is_role_verb(anchor.head):
        tokens.add(anchor.head.i)  # "Prescott was transport minister from 1997 to 2001": the role's own verb
    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ in ("relcl", "acl", "xcomp") and anchor.head is not anchor:
        tokens.add(anchor.head.i)
    if anchor.pos_ == "VERB" and anchor.dep_ == "advcl" and _at_the_same_time(anchor):
        tokens.add(anchor.head.i)  # "Last year, GE bought Vivendi, merging it with NBC"; "In 1999, when BMW owned Rover, ..."
    return tokens


def _at_the_same_time(verb: Token) -> bool:
    """A clause whose time is its governing verb's: a participle without a conjunction, or one opened by 'when' or 'while'."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB"]
    return marks == [] and verb.tag_ == "VBG" or bool(marks) and marks[0] in ("when", "while")


def _hangs_on(head: Token, ent: Span, anchor: Token, clause: set[int]) -> bool:
    """Whether a date attached to ``head`` dates the statement of ``anchor``.

    Directly ("killed ... on Friday"); through a place or occasion of the verb ("at a poster
    launch on Tuesday, X was joined by Y"), or its object ("sold GM a stake in 2000"); or, for the second verb of a coordination, when
    the date opens the sentence before both ("On Friday, X acted on a threat and shut off Y");
    a date after the first verb is that verb's alone ("ruled in 2003 ..., but the court cleared him").
    """
    if head.i in clause:
        return True
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i in clause:
        return True
    if head.dep_ == "dobj" and head.head.i in clause and ent.root.head.dep_ == "prep":
        return True  # "sold GM a stake in 2000": the parser hung the date on the object
    first = anchor.head
    return (anchor.dep_ == "conj" and anchor.pos_ == "VERB" and head.i == first.i and ent.end <= first.i)


def _is_role_verb(verb: Token) -> bool:
    """A copula with a title ('was minister') or a verb of holding a post ('has chaired'), in the active voice."""
    if verb.lemma_ in ("be", "become", "remain"):
        return any(c.dep_ == "attr" for c in verb.children)
    return verb.lemma_ in role_verbs()


def attached_date(pd: ParsedDoc, anchor: Token) -> DateExpression | None:
    """The date expression of the clause of ``anchor`` (a verb, or a role's title), nearest first; None without one."""
    from extract.models import DateExpression

    clause = _clause(anchor)
    best = None
    for ent in pd.sentence_entities(anchor):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        phrase = date_phrase(ent)
        if phrase is None or not _hangs_on(phrase[2], ent, anchor, clause):
            continue
        first, last, head = phrase
        start = pd.offset + pd.doc[first].idx
        end = pd.offset + pd.doc[last].idx + len(pd.doc[last].text)
        text = pd.text[start:end]
        if not normalise(text, PROBE_DATE, previous=PROBE_DATE.isoformat()):
            continue  # "for three years", "the 17-year-old": no point in time
        distance = abs(ent.root.i - anchor.i)
        if best is None or distance < best[0]:
            best = (distance, DateExpression(text=text, start=start, end=end, tense=clause_tense(head)))
    return best[1] if best else None
