"""The HTML explorer page, without a browser: offline, safe, deterministic."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.export.html import _vis_asset, render_html, write_html

HOSTILE = '<img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=1</script> \'"& href \u2028'


def _prov(doc: str, sentence: str) -> str:
    return json.dumps([{"doc": doc, "sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence)}])


def make_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("p1", label="Ahmed Kadhim", type="PERSON", aliases="Ahmed Kadhim|Kadhim", mentions=5, docs="d1|d2", roles="minister")
    g.add_node("o1", label="Acme Corp", type="ORG", aliases="Acme Corp|Acme", mentions=3, docs="d1", roles="")
    g.add_node("x", label=HOSTILE, type="GPE", aliases=HOSTILE + "|plain", mentions=1, docs=HOSTILE, roles=HOSTILE)
    g.add_edge("p1", "o1", key="e1", id="e1", kind="role", label="chairman", weight=2, docs="d1", evidence="Kadhim chairs Acme.",
               negated=False, modality="asserted", category="", confidence=0.9, provenance=_prov("d1", "Kadhim chairs Acme."))
    g.add_edge("o1", "x", key="e2", id="e2", kind="action", label=HOSTILE, weight=1, docs=HOSTILE, evidence=HOSTILE,
               negated=True, modality="negated", category="ASSAULT", confidence=0.5, provenance=_prov(HOSTILE, HOSTILE))
    return g


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


def test_no_remote_resources():
    page = render_html(make_graph())
    remote = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|@import\s+(?:url\()?\s*["']?|url\(\s*["']?)\s*(?:https?:)?//""", re.I)
    assert not remote.search(page)
    assert "sourceMappingURL" not in page
    assert "vis.Network" in page and "vis-network" in page  # the library really is inlined


def test_csp_blocks_network_and_foreign_scripts():
    page = render_html(make_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert csp.count("'sha256-") == 2  # vis-network and the page script


def test_data_block_round_trips():
    g = make_graph()
    data = _data(render_html(g))
    assert [n["id"] for n in data["nodes"]] == sorted(g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["x"]["label"] == HOSTILE and by_id["x"]["aliases"] == [HOSTILE.strip(), "plain"]
    assert by_id["p1"]["aliases"] == ["Ahmed Kadhim", "Kadhim"] and by_id["p1"]["roles"] == ["minister"]
    e2 = next(e for e in data["edges"] if e["id"] == "e2")
    assert e2["label"] == HOSTILE and e2["modality"] == "negated" and e2["category"] == "ASSAULT"
    assert e2["provenance"] == [{"doc": HOSTILE, "sentence": HOSTILE}]
    assert data["physics"] is True
    assert {t["name"] for t in data["types"]} == {"PERSON", "ORG", "GPE"}


def test_hostile_strings_are_escaped():
    page = render_html(make_graph(), title=HOSTILE)
    assert "<img" not in page
    assert "window.__pwned" in page  # the payload is there, as inert data...
    # ...and, apart from string literals inside the vis-network library, the only
    # script tags are our own three blocks.
    ours = page.replace(_vis_asset("vis-network.min.js"), "")
    assert ours.count("</script>") == 3 and ours.count("<script") == 3
    block = page.split('id="kg-data">')[1].split("</script>")[0]
    assert "\u2028" not in block and "\\u2028" in block  # JS line separators escaped in the data
    assert "&lt;img" in page.split("</title>")[0]  # the title is HTML-escaped


def test_deterministic():
    assert render_html(make_graph()) == render_html(make_graph())
    # Insertion order must not matter either.
    g1 = make_graph()
    g2 = nx.MultiDiGraph()
    g2.add_nodes_from(reversed(list(g1.nodes(data=True))))
    g2.add_edges_from(reversed(list(g1.edges(keys=True, data=True))))
    assert render_html(g1) == render_html(g2)


def test_bad_attributes_do_not_crash():
    g = nx.MultiDiGraph()
    g.add_node("a")  # no attributes at all
    g.add_node("b", label="B\udcff", mentions="many", type="")
    g.add_edge("a", "b", key="k", provenance="not json", evidence="It happened.", confidence=float("nan"))
    g.add_edge("a", "a", key="loop", kind="action", label="self")
    data = _data(render_html(g))
    edge = next(e for e in data["edges"] if e["id"] == "k")
    assert edge["provenance"] == [{"doc": "", "sentence": "It happened."}] and edge["confidence"] == 0
    assert render_html(nx.MultiDiGraph())  # empty graph


def test_write_html_is_atomic(tmp_path):
    out = tmp_path / "sub" / "graph.html"
    write_html(make_graph(), out, title="T")
    assert out.read_text(encoding="utf-8") == render_html(make_graph(), title="T")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_large_graph_layout_is_static():
    g = nx.MultiDiGraph()
    base = nx.gnm_random_graph(10_000, 20_000, seed=3)
    for n in base.nodes:
        g.add_node(str(n), label=f"n{n}", type="PERSON", mentions=1)
    for i, (u, v) in enumerate(base.edges):
        g.add_edge(str(u), str(v), key=f"e{i}", kind="action", label="meet", category="CONSULT")
    data = _data(render_html(g))  # its speed is measured by bench/, never asserted in a test
    assert data["physics"] is False
    xy = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(xy) > 0.95 * len(data["nodes"])  # nodes are spread out, not piled up


@pytest.mark.parametrize("n", [1, 2, 5, 60])
def test_small_graphs_have_distinct_positions(n):
    g = nx.MultiDiGraph(nx.path_graph([str(i) for i in range(n)]))
    data = _data(render_html(g))
    assert len({(d["x"], d["y"]) for d in data["nodes"]}) == n
