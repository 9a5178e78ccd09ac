"""Time on the graph: the dates of evidence and edges, the timeline of an entity, date filters.

Each evidence entry of an edge's ``provenance`` carries ``date`` (an ISO day, week, month,
year or period, see :mod:`extract.dates`), ``date_source`` (``text``: the sentence's own
words, whose words are in ``date_text``; ``document``: the document's date, the day it was
reported) and is empty when neither is known. An edge's ``first_date`` and ``last_date``
are the earliest and latest of its evidence dates (``""`` when it has none).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterator

from extract.dates import ends, interval
from graph.export.attributes import provenance

if TYPE_CHECKING:
    import pandas as pd

TIMELINE_COLUMNS = ["date", "date_source", "date_text", "subject", "kind", "relation", "object", "category",
                    "modality", "doc", "sentence", "edge_id"]


def provenance_date(found: tuple[str, str, str] | None) -> dict[str, str]:
    """The date fields of one evidence entry, from :func:`extract.dates.evidence_dates`."""
    value, source, text = found or ("", "", "")
    return {"date": value, "date_source": source, "date_text": text}


def edge_dates(evidence: list[dict]) -> dict[str, str]:
    """``first_date`` and ``last_date`` of an edge: the earliest start and latest end of its evidence dates."""
    firsts, lasts = [], []
    for e in evidence:
        if not interval(_date_of(e)):
            continue
        first, last = ends(e["date"])
        if (start := interval(first)) is not None:
            firsts.append((start[0], first))
        if (end := interval(last)) is not None:
            lasts.append((end[1] or end[0], last))
    return {"first_date": min(firsts)[1] if firsts else "", "last_date": max(lasts)[1] if lasts else ""}


def edge_spans(data: dict) -> list[tuple[str, str]]:
    """(first day, last day) of each distinct evidence date of an edge, as ISO days, oldest first.

    A month or a week becomes its first and last day ('2004-12' -> ('2004-12-01', '2004-12-31'));
    an open period ('since 2002') has '' for its last day. What Gephi's spells and a time
    slider need: an edge is in a range when one of its spans overlaps it.
    """
    found = set()
    for e in _evidence(data):
        span = interval(_date_of(e))
        if span:
            found.add((span[0].isoformat(), span[1].isoformat() if span[1] else ""))
    return sorted(found)


def _day(value: str | date | None, end: bool = False) -> date | None:
    if value is None or isinstance(value, date):
        return value
    span = interval(str(value))
    if span is None:
        raise ValueError(f"not an ISO date, month or year: {value!r}")
    return (span[1] or span[0]) if end else span[0]


def in_range(data: dict, since: str | date | None = None, until: str | date | None = None) -> bool:
    """Whether an edge (its attributes) has evidence dated within [since, until]; True when neither is given.

    'since="2020"' keeps edges dated in 2020 or later; an undated edge is left out by any bound.
    """
    if since is None and until is None:
        return True
    low, high = _day(since), _day(until, end=True)
    for e in _evidence(data):
        span = interval(_date_of(e))
        if span is None:
            continue
        first, last = span[0], span[1] or date.max
        if (low is None or last >= low) and (high is None or first <= high):
            return True
    return False


def _date_of(evidence: dict) -> str:
    """An evidence record's date, or "" when it has none (or a value that is not a date string)."""
    date_value = evidence.get("date")
    return date_value if isinstance(date_value, str) else ""


def _evidence(data: dict) -> list[dict]:
    """An edge's evidence records, read by the one attribute codec (JSON or a list, bad input skipped)."""
    return provenance(data, summary=False)


def timeline(kg, entity: str, *, since: str | date | None = None, until: str | date | None = None) -> pd.DataFrame:
    """The dated events and roles of one entity (any alias), oldest first: one row per dated evidence sentence.

    Columns: date, date_source ('text' or 'document': the day it was reported), date_text,
    subject, kind, relation, object, category, modality, doc, sentence, edge_id.
    """
    import pandas as pd

    from graph.query import find

    g = kg.graph
    node = find(kg, entity)[0]
    low, high = _day(since), _day(until, end=True)
    rows = []
    for s, t, k, d in _edges_of(g, node):
        for e in _evidence(d):
            span = interval(_date_of(e))
            if span is None:
                continue
            if (low and (span[1] or date.max) < low) or (high and span[0] > high):
                continue
            rows.append({
                "date": e["date"], "date_source": e.get("date_source", ""), "date_text": e.get("date_text", ""),
                "subject": g.nodes[s].get("label", s), "kind": d.get("kind", ""), "relation": d.get("label", ""),
                "object": g.nodes[t].get("label", t), "category": d.get("category", ""),
                "modality": d.get("modality", ""), "doc": e.get("doc", ""), "sentence": e.get("sentence", ""),
                "edge_id": d.get("id", k), "_sort": (span[0], span[1] or date.max),
            })
    rows.sort(key=lambda r: (r["_sort"], r["doc"], r["edge_id"]))
    return pd.DataFrame([{c: r[c] for c in TIMELINE_COLUMNS} for r in rows], columns=TIMELINE_COLUMNS)


def _edges_of(g, node) -> Iterator[tuple]:
    yield from g.out_edges(node, keys=True, data=True)
    yield from ((s, t, k, d) for s, t, k, d in g.in_edges(node, keys=True, data=True) if s != t)


def dated_triples(kg) -> Iterator[dict]:
    """The graph's triples as ``triples.jsonl`` records, each with its ``date``, ``date_source`` and ``date_text``."""
    for t in kg.triples:
        yield {**t.model_dump(mode="json"), **provenance_date(kg.triple_dates.get(id(t)))}
