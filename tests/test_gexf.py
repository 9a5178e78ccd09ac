"""GEXF 1.3 for Gephi: valid against the schema, read back by networkx, dynamic where the evidence is dated."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
import xmlschema

from graph.export.gexf import write_gexf

XSD = Path(__file__).parent / "data" / "gexf-1.3" / "gexf.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD.resolve()), allow="local")


@pytest.fixture(scope="module")
def dated_graph(seed_results):
    from graph import KnowledgeGraph

    return KnowledgeGraph.from_results(seed_results, dates={r.doc_id: "2020-07-15" for r in seed_results})


def _gexf(g) -> bytes:
    buf = io.BytesIO()
    write_gexf(g, buf)
    return buf.getvalue()


def test_the_seed_graph_with_dates_is_valid_gexf_and_dynamic(schema, dated_graph):
    data = _gexf(dated_graph.graph)
    schema.validate(io.BytesIO(data))
    assert b'mode="dynamic" timeformat="date"' in data
    assert b"<spell " in data


def test_networkx_reads_it_back_with_every_node_edge_and_spell(dated_graph, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(dated_graph.graph, path)
    back = nx.read_gexf(path, version="1.3")
    g = dated_graph.graph
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    ours = {d["id"]: d for *_, d in g.edges(data=True)}
    for _, _, d in back.edges(data=True):
        mine = ours[d["id"]]
        assert d["label"] == mine["label"] and d["first_date"] == mine["first_date"]
        dates = {e["date"] for e in json.loads(mine["provenance"]) if e["date"]}
        assert bool(d.get("spells")) == bool(dates)


def test_a_graph_without_dates_is_static_and_valid(schema):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="e0", id="e0", label="attack", weight=1, provenance=json.dumps([{"date": ""}]))
    data = _gexf(g)
    schema.validate(io.BytesIO(data))
    assert b'mode="static"' in data and b"<spell" not in data


def test_periods_and_odd_text(schema):
    g = nx.MultiDiGraph()
    g.add_node("a & <b>", label='say "hi"\x01', type="PERSON", mentions=2)
    g.add_node("c", label="c", type="ORG", mentions=1)
    prov = [{"date": "1997/2001"}, {"date": "2002/.."}, {"date": "2004-W53"}, {"date": ""}]
    g.add_edge("a & <b>", "c", key="e0", id="e0", label="minister", weight=3, negated=False, confidence=0.9,
               modality="asserted", provenance=json.dumps(prov))
    g.add_edge("a & <b>", "c", key="e1", id="e1", label="minister", weight=1, modality="negated", provenance="[]")
    data = _gexf(g)
    schema.validate(io.BytesIO(data))
    assert b'<spell start="1997-01-01" end="2001-12-31"/>' in data
    assert b'<spell start="2002-01-01"/>' in data
    assert b'<spell start="2004-12-27" end="2005-01-02"/>' in data
    back = nx.read_gexf(io.BytesIO(data), version="1.3")
    assert back.nodes["a & <b>"]["label"] == 'say "hi"\ufffd'
    assert back.number_of_edges() == 2
