"""graph/timeline.py: edge dates, spans, the since/until filter and kg.timeline, on hand-made graphs."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph import KnowledgeGraph
from graph.timeline import edge_dates, edge_spans, in_range, provenance_date


def _edge(*dates: str) -> dict:
    return {"provenance": json.dumps([{"date": d, "date_source": "text" if d else "", "doc": f"d{k}",
                                       "sentence": f"s{k}"} for k, d in enumerate(dates)])}


@pytest.mark.parametrize("dates, first, last", [
    (("2004-12-08", "2004-12"), "2004-12", "2004-12"),           # the month starts first and ends last
    (("2004-12-08", "2005"), "2004-12-08", "2005"),
    (("1997/2001", "2003"), "1997", "2003"),
    (("2002/..",), "2002", "2002"),
    (("2004-W53", "2005-01-01"), "2004-W53", "2004-W53"),       # the week runs to 2 January
    (("", ""), "", ""),
    ((), "", ""),
])
def test_edge_dates(dates, first, last):
    evidence = json.loads(_edge(*dates)["provenance"])
    assert edge_dates(evidence) == {"first_date": first, "last_date": last}


def test_provenance_date_of_nothing_is_empty():
    assert provenance_date(None) == {"date": "", "date_source": "", "date_text": ""}


def test_edge_spans_are_days():
    assert edge_spans(_edge("2004-12", "2002/..", "", "2004-12")) == [("2002-01-01", ""), ("2004-12-01", "2004-12-31")]


@pytest.mark.parametrize("dates, since, until, kept", [
    (("2004-12-08",), "2004-12", None, True),
    (("2004-12-08",), "2005", None, False),
    (("2004",), None, "2004-06-30", True),                       # a year overlaps its first half
    (("2002/..",), "2020", "2020", True),                        # still open
    (("1997/2001",), "2002", None, False),
    ((), None, None, True),
    ((), "2000", None, False),                                   # an undated edge is left out by any bound
])
def test_in_range(dates, since, until, kept):
    assert in_range(_edge(*dates), since, until) is kept


def test_a_bound_that_is_no_date_is_an_error():
    with pytest.raises(ValueError):
        in_range(_edge("2004"), since="soon")


def test_timeline_is_oldest_first_and_leaves_undated_evidence_out():
    g = nx.MultiDiGraph()
    g.add_node("a", label="Acme", type="ORG")
    g.add_node("b", label="Bob Smith", type="PERSON")
    g.add_edge("b", "a", key="e0", id="e0", kind="role", label="chairman", modality="asserted", **_edge("2002/..", ""))
    g.add_edge("a", "b", key="e1", id="e1", kind="action", label="sue", category="ACCUSE", modality="asserted",
               **_edge("2004-12-08", "1999"))
    frame = KnowledgeGraph(g).timeline("Bob Smith")
    assert frame["date"].tolist() == ["1999", "2002/..", "2004-12-08"]
    assert frame["relation"].tolist() == ["sue", "chairman", "sue"]
    assert KnowledgeGraph(g).timeline("Acme", since="2003")["date"].tolist() == ["2002/..", "2004-12-08"]
