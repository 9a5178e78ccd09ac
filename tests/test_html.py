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
    """The page's data block, with its node and edge columns turned back into one dict per item."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.S)
    assert m, "data block missing"
    data = json.loads(m.group(1))
    for part in ("nodes", "edges"):
        columns = data[part]
        data[part] = [dict(zip(columns, row)) for row in zip(*columns.values())]
    return data


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
    docs = [d["id"] for d in data["docs"]]
    assert docs == sorted({"d1", "d2", HOSTILE.strip()})
    assert by_id["x"]["label"] == HOSTILE and by_id["x"]["aliases"] == [HOSTILE.strip(), "plain"]
    assert by_id["p1"]["aliases"] == ["Ahmed Kadhim", "Kadhim"] and by_id["p1"]["roles"] == ["minister"]
    assert [docs[k] for k in by_id["p1"]["docs"]] == ["d1", "d2"]
    assert by_id["p1"]["degree"] == 1 and by_id["o1"]["degree"] == 2
    e2 = next(e for e in data["edges"] if e["id"] == "e2")
    assert e2["label"] == HOSTILE and e2["modality"] == "negated" and e2["category"] == "ASSAULT"
    assert e2["provenance"] == [{"doc": docs.index(HOSTILE.strip()), "sentence": HOSTILE, "s": None, "o": None}]
    assert {t["name"] for t in data["types"]} == {"PERSON", "ORG", "GPE"}


def test_document_titles_and_argument_spans():
    g = nx.MultiDiGraph()
    sentence = "Later, \U0001F600 Acme sued Bolt over the patent."  # an emoji is two UTF-16 units in JavaScript
    start = 100
    at = sentence.index("Acme")
    prov = [{"doc": "a1", "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
             "subject": [start + at, start + at + 4], "object": [start + sentence.index("Bolt"), start + sentence.index("Bolt") + 4]},
            {"doc": "a1", "sentence": "Outside.", "sentence_start": 0, "sentence_end": 8, "subject": [50, 60], "object": "bad"}]
    g.add_node("acme", label="Acme", type="ORG", mentions=2, docs="a1")
    g.add_node("bolt", label="Bolt", type="ORG", mentions=1, docs="a1")
    g.add_edge("acme", "bolt", key="e1", id="e1", kind="action", label="sue", weight=1, docs="a1", provenance=json.dumps(prov))
    data = _data(render_html(g, doc_titles={"a1": "Acme sues <Bolt>", "zz": "not in the graph"}))
    assert data["docs"] == [{"id": "a1", "title": "Acme sues <Bolt>"}]
    first, second = data["edges"][0]["provenance"]
    js_units = lambda text: len(text.encode("utf-16-le")) // 2  # noqa: E731
    assert first["s"] == [js_units(sentence[:at]), js_units(sentence[:at]) + 4]
    assert first["o"][1] - first["o"][0] == 4 and first["o"][0] == js_units(sentence[: sentence.index("Bolt")])
    assert second["s"] is None and second["o"] is None  # outside its sentence, or not a span: nothing is marked


def _dated(*dates: tuple[str, str, str]) -> str:
    return json.dumps([{"doc": "d1", "sentence": f"Sentence {k}.", "sentence_start": 0, "sentence_end": 11,
                        "date": d, "date_source": source, "date_text": words} for k, (d, source, words) in enumerate(dates)])


def test_payload_carries_each_edge_s_date_spans_and_the_evidence_dates():
    g = nx.MultiDiGraph()
    g.add_node("a", label="Acme", type="ORG")
    g.add_node("b", label="Bolt", type="ORG")
    g.add_edge("a", "b", key="e1", id="e1", kind="action", label="sue",
               provenance=_dated(("2004-12", "text", "in December 2004"), ("2005-01-03", "document", "")))
    g.add_edge("b", "a", key="e2", id="e2", kind="action", label="buy", provenance=_dated(("2002/..", "text", "since 2002")))
    g.add_edge("a", "a", key="e3", id="e3", kind="action", label="merge", provenance=_dated(("", "", "")))
    g.add_edge("b", "b", key="e4", id="e4", kind="action", label="grow", provenance=[{"date": 2004, "sentence": "S."}])
    data = _data(render_html(g))
    spans = {e["id"]: e["spans"] for e in data["edges"]}
    assert spans == {"e1": [["2004-12-01", "2004-12-31"], ["2005-01-03", "2005-01-03"]], "e2": [["2002-01-01", ""]],
                     "e3": [], "e4": []}  # a date that is no string is no date
    assert data["dates"] == ["2002-01-01", "2005-01-03"]
    e1 = next(e for e in data["edges"] if e["id"] == "e1")
    assert [(p["date"], p["date_source"], p["date_text"]) for p in e1["provenance"]] == [
        ("2004-12", "text", "in December 2004"), ("2005-01-03", "document", "")]
    e3 = next(e for e in data["edges"] if e["id"] == "e3")
    assert "date" not in e3["provenance"][0]  # an undated sentence carries no date fields


def test_an_undated_graph_has_no_time_control_data():
    data = _data(render_html(make_graph()))
    assert data["dates"] is None
    assert all("spans" not in e for e in data["edges"])


def test_importance_grows_with_degree_and_mentions():
    g = nx.MultiDiGraph()
    g.add_node("hub", mentions=3)
    g.add_node("loud", mentions=40)
    g.add_node("quiet", mentions=1)
    for i in range(6):
        g.add_node(f"leaf{i}", mentions=1)
        g.add_edge("hub", f"leaf{i}", key=f"e{i}")
    data = _data(render_html(g))
    score = {n["id"]: n["score"] for n in data["nodes"]}
    assert score["hub"] > score["loud"] > score["quiet"]
    assert [data["nodes"][i]["id"] for i in data["order"][:2]] == ["hub", "loud"]  # the table's and the labels' order
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["hub"] > size["loud"] > size["quiet"]


def test_isolated_entities_lie_below_the_connected_ones():
    g = nx.MultiDiGraph()
    for i in range(40):
        g.add_node(f"lone{i:02}", mentions=40 - i)
    for i in range(0, 20, 2):
        g.add_edge(f"a{i}", f"a{i + 1}", key=f"e{i}")
    data = _data(render_html(g))
    linked = [n for n in data["nodes"] if n["degree"]]
    lone = [n for n in data["nodes"] if not n["degree"]]
    assert max(n["y"] for n in linked) < min(n["y"] for n in lone)
    # The grid is filled in order of importance: the most mentioned first (top left).
    first = min(lone, key=lambda n: (n["y"], n["x"]))
    assert first["id"] == "lone00"


def test_stars_do_not_overlap():
    """A big component of stars: leaves sit in rings around their hub, apart from each other."""
    g = nx.MultiDiGraph()
    for h in range(6):
        g.add_edge(f"hub{h}", f"hub{(h + 1) % 6}", key=f"ring{h}")
        for i in range(8 + 4 * h):
            g.add_edge(f"hub{h}", f"leaf{h}-{i}", key=f"l{h}-{i}")
    xy = {n["id"]: (n["x"], n["y"]) for n in _data(render_html(g))["nodes"]}
    pts = list(xy.values())
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for k, a in enumerate(pts) for b in pts[k + 1:])
    assert closest > 20  # pixels: no two dots on top of each other
    for h in range(6):  # every leaf nearer its own hub than any other hub
        for i in range(8 + 4 * h):
            leaf = xy[f"leaf{h}-{i}"]
            near = min(range(6), key=lambda k: (xy[f"hub{k}"][0] - leaf[0]) ** 2 + (xy[f"hub{k}"][1] - leaf[1]) ** 2)
            assert near == h


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
    titles = {"d1": "One", "d2": "Two"}
    assert render_html(make_graph(), doc_titles=titles) == render_html(make_graph(), doc_titles=dict(reversed(titles.items())))
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
    assert edge["provenance"] == [{"doc": -1, "sentence": "It happened.", "s": None, "o": None}] and edge["confidence"] == 0
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
    xy = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(xy) > 0.95 * len(data["nodes"])  # nodes are spread out, not piled up


@pytest.mark.parametrize("n", [1, 2, 5, 60])
def test_small_graphs_have_distinct_positions(n):
    g = nx.MultiDiGraph(nx.path_graph([str(i) for i in range(n)]))
    data = _data(render_html(g))
    assert len({(d["x"], d["y"]) for d in data["nodes"]}) == n


def test_small_components_are_not_dwarfed_by_a_huge_one():
    g = nx.MultiDiGraph()
    for h in range(12):  # one big component: a ring of hubs with leaves
        g.add_edge(f"hub{h}", f"hub{(h + 1) % 12}", key=f"r{h}")
        for i in range(15):
            g.add_edge(f"hub{h}", f"leaf{h}-{i}", key=f"l{h}-{i}")
    for i in range(10):
        g.add_edge(f"a{i}", f"b{i}", key=f"p{i}")
    xy = {n["id"]: (n["x"], n["y"]) for n in _data(render_html(g))["nodes"]}

    def area(ids):
        xs, ys = [xy[i][0] for i in ids], [xy[i][1] for i in ids]
        return (max(xs) - min(xs) + 70) * (max(ys) - min(ys) + 70)

    big = [n for n in xy if n.startswith(("hub", "leaf"))]
    pairs = [n for n in xy if n[0] in "ab"]
    assert area(pairs) >= area(big) / 5  # about a quarter of it, packed beside or below it
    xs, ys = [xy[n][0] for n in big], [xy[n][1] for n in big]
    assert not any(min(xs) <= xy[n][0] <= max(xs) and min(ys) <= xy[n][1] <= max(ys) for n in pairs)  # not on top of it
