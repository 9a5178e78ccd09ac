"""The notebook API of graph.query, on a small hand-built graph and on the seeds."""

from __future__ import annotations

import glob
import json
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph import KnowledgeGraph, query
from graph.query import QUERY_METHODS, EntityNotFound

ROOT = Path(__file__).resolve().parents[1]


def _prov(*records: tuple[str, str, float]) -> str:
    return json.dumps([
        {"doc": doc, "sentence": sentence, "sentence_start": 10 * i, "sentence_end": 10 * i + len(sentence),
         "subject": [0, 1], "object": [2, 3], "pattern": "test", "confidence": conf}
        for i, (doc, sentence, conf) in enumerate(records)
    ], ensure_ascii=False, sort_keys=True)


def _edge(g, s, t, eid, kind, label, records, *, modality="asserted", category=""):
    g.add_edge(
        s, t, key=eid, id=eid, kind=kind, label=label, weight=len(records),
        docs="|".join(sorted({r[0] for r in records})), evidence=records[0][1],
        negated=modality != "asserted", modality=modality, category=category,
        confidence=max(r[2] for r in records), provenance=_prov(*records),
    )


def make_kg() -> KnowledgeGraph:
    g = nx.MultiDiGraph()
    node = dict(roles="")
    g.add_node("Acme Corp", **{**node, "label": "Acme Corp", "type": "ORG", "aliases": "Acme|Acme Corp",
                                "mentions": 3, "docs": "d1"})
    g.add_node("Ahmed Kadhim", **{**node, "label": "Ahmed Kadhim", "type": "PERSON", "aliases": "Ahmed Kadhim|Kadhim",
                                   "mentions": 5, "docs": "d1|d2", "roles": "adviser"})
    g.add_node("Bob Stone", **{**node, "label": "Bob Stone", "type": "PERSON", "aliases": "Bob Stone|Stone",
                                "mentions": 2, "docs": "d2"})
    # More mentions than Ahmed Kadhim, and a fuzzy match for "Kadhim": the exact alias must still win.
    g.add_node("Kadhim Bros", **{**node, "label": "Kadhim Bros", "type": "ORG", "aliases": "Kadhim Bros",
                                  "mentions": 9, "docs": "d3"})
    g.add_node("Lonely Island", **{**node, "label": "Lonely Island", "type": "LOC", "aliases": "Lonely Island",
                                    "mentions": 1, "docs": "d3"})
    g.add_node("Ruritania", **{**node, "label": "Ruritania", "type": "GPE", "aliases": "Ruritania|Ruritanian",
                                "mentions": 7, "docs": "d1|d2|d3"})
    g.add_node("Nowhere", **{**node, "label": "Nowhere", "type": "GPE", "aliases": "Nowhere", "mentions": 1, "docs": "d4"})
    _edge(g, "Ahmed Kadhim", "Acme Corp", "e1", "role", "chairman",
          [("d1", "Kadhim, chairman of Acme, spoke.", 0.9), ("d2", "Acme's chairman Ahmed Kadhim left.", 0.8)])
    _edge(g, "Ruritania", "Acme Corp", "e2", "action", "attack", [("d1", "Ruritania attacked Acme.", 0.7)],
          category="ASSAULT")
    _edge(g, "Ruritania", "Bob Stone", "e3", "action", "attack", [("d2", "Ruritania did not attack Stone.", 0.6)],
          modality="negated", category="ASSAULT")
    _edge(g, "Bob Stone", "Ruritania", "e4", "action", "meet", [("d2", "Stone met Ruritanian officials.", 0.8)],
          category="CONSULT")
    _edge(g, "Kadhim Bros", "Lonely Island", "e5", "action", "buy", [("d3", "Kadhim Bros bought the island.", 0.9)],
          category="OTHER")
    merge_log = [
        {"action": "merge", "names": ["Kadhim", "Ahmed Kadhim"], "rule": "short_name", "score": None, "docs": ["d2"]},
        {"action": "refuse", "names": ["Kadhim Bros", "Ahmed Kadhim"], "rule": "type", "score": 80.0, "docs": ["d3"]},
        {"action": "merge", "names": ["Acme", "Acme Corp"], "rule": "short_name", "score": None, "docs": ["d1"]},
    ]
    return KnowledgeGraph(g, merge_log=merge_log)


@pytest.fixture
def kg() -> KnowledgeGraph:
    return make_kg()


# --------------------------------------------------------------------------- find


def test_find_exact_alias_first_then_fuzzy(kg):
    assert query.find(kg, "Kadhim") == ["Ahmed Kadhim", "Kadhim Bros"]  # exact alias beats more mentions
    assert query.find(kg, "kadhim")[0] == "Ahmed Kadhim"  # case-insensitive
    assert query.find(kg, "  ACME  ") == ["Acme Corp"]
    assert query.find(kg, "Ruritanain") == ["Ruritania"]  # a typo
    assert query.find(kg, "stone") == ["Bob Stone"]
    assert query.find(kg, "Kadhim", limit=1) == ["Ahmed Kadhim"]
    assert query.find(kg, "Zebedee") == []
    assert query.find(kg, "") == []
    assert query.find(kg.graph, "Acme") == ["Acme Corp"]  # a bare networkx graph works too


def test_unknown_name_raises_keyerror_with_suggestions(kg):
    with pytest.raises(KeyError, match=r"no entity named 'Ruri'; did you mean 'Ruritania'\?"):
        query.neighbors(kg, "Ruri")
    with pytest.raises(EntityNotFound) as err:
        query.roles(kg, person="Zebedee")
    assert str(err.value).startswith("no entity named 'Zebedee'")
    for call in (lambda: query.actions(kg, actor="Zebedee"), lambda: query.path(kg, "Kadhim", "Zebedee"),
                 lambda: query.evidence(kg, "Zebedee", "Acme"), lambda: query.aliases(kg, "Zebedee"),
                 lambda: query.subgraph(kg, ["Zebedee"])):
        with pytest.raises(KeyError):
            call()


# --------------------------------------------------------------------------- tables


def test_roles(kg):
    df = query.roles(kg)
    assert list(df.columns[:7]) == ["person", "role", "organisation", "weight", "confidence", "docs", "evidence"]
    rows = df.to_dict("records")
    assert [(r["person"], r["role"], r["organisation"]) for r in rows] == [
        ("Ahmed Kadhim", "chairman", "Acme Corp"), ("Ahmed Kadhim", "adviser", "")]
    chair, adviser = rows
    assert chair["weight"] == 2 and chair["docs"] == "d1|d2" and chair["evidence"] == "Kadhim, chairman of Acme, spoke."
    # a role with no organisation: no triples to count, so weight 0 and the person's documents
    assert adviser["weight"] == 0 and adviser["docs"] == "d1|d2"
    assert len(query.roles(kg, person="kadhim")) == 2
    assert query.roles(kg, org="Acme")["role"].tolist() == ["chairman"]
    assert query.roles(kg, person="Bob Stone").empty
    assert list(query.roles(kg, person="Bob Stone").columns) == list(df.columns)


def test_roles_without_organisation_take_evidence_from_triples(kg):
    from extract.models import Mention, Triple

    sentence = "Ahmed Kadhim, an adviser, declined to comment."
    kg.triples = [Triple(kind="role", subject=Mention(text="Ahmed Kadhim", start=0, end=12, type="PERSON"),
                         predicate="Adviser", object=None, doc_id="d2", sentence_start=0,
                         sentence_end=len(sentence), sentence=sentence, confidence=0.75, pattern="appositive")]
    row = query.roles(kg, person="Kadhim").set_index("role").loc["adviser"]
    assert (row["weight"], row["docs"], row["evidence"], row["confidence"]) == (1, "d2", sentence, 0.75)


def test_actions(kg):
    df = query.actions(kg)
    assert list(df.columns[:10]) == ["actor", "action", "target", "category", "modality", "negated", "weight",
                                     "confidence", "docs", "evidence"]
    assert set(zip(df.actor, df.action, df.target)) == {
        ("Ruritania", "attack", "Acme Corp"), ("Bob Stone", "meet", "Ruritania"),
        ("Kadhim Bros", "buy", "Lonely Island")}
    assert not df.negated.any()
    everything = query.actions(kg, include_negated=True)
    denied = everything[everything.negated]
    assert denied[["actor", "action", "target", "modality"]].values.tolist() == [
        ["Ruritania", "attack", "Bob Stone", "negated"]]
    assert query.actions(kg, actor="ruritanian")["target"].tolist() == ["Acme Corp"]
    assert query.actions(kg, target="Ruritania")["actor"].tolist() == ["Bob Stone"]
    assert query.actions(kg, category="assault")["action"].tolist() == ["attack"]
    assert sorted(query.actions(kg, category=["CONSULT", "other"])["action"]) == ["buy", "meet"]
    assert query.actions(kg, actor="Acme").empty
    assert (df.docs != "").all() and (df.evidence != "").all()


def test_neighbors(kg):
    df = query.neighbors(kg, "Ruritania")
    assert set(zip(df.neighbor, df.direction, df.label)) == {
        ("Acme Corp", "out", "attack"), ("Bob Stone", "out", "attack"), ("Bob Stone", "in", "meet")}
    assert {"kind", "modality", "docs", "evidence"} <= set(df.columns)
    assert query.neighbors(kg, "Nowhere").empty


def test_path_ignores_direction_and_prefers_asserted_edges(kg):
    steps = query.path(kg, "Kadhim", "Stone")
    assert [(s["from"], s["label"], s["to"], s["direction"]) for s in steps] == [
        ("Ahmed Kadhim", "chairman", "Acme Corp", "→"),
        ("Acme Corp", "attack", "Ruritania", "←"),
        ("Ruritania", "meet", "Bob Stone", "←"),  # the asserted meeting, not the denied attack
    ]
    assert steps[2]["subject"] == "Bob Stone" and steps[2]["evidence"] == "Stone met Ruritanian officials."
    assert all(s["docs"] and s["evidence"] for s in steps)
    assert query.path(kg, "Kadhim", "Lonely Island") == []
    assert query.path(kg, "Kadhim", "Nowhere") == []


def test_path_can_skip_negated_edges(kg):
    g = kg.graph
    g.remove_edge("Bob Stone", "Ruritania", key="e4")
    assert [s["modality"] for s in query.path(kg, "Ruritania", "Stone")] == ["negated"]
    assert query.path(kg, "Ruritania", "Stone", include_negated=False) == []


def test_subgraph(kg):
    sub = query.subgraph(kg, "Stone")
    assert isinstance(sub, KnowledgeGraph)
    assert set(sub.graph.nodes) == {"Bob Stone", "Ruritania"}
    assert sub.graph.number_of_edges() == 2  # both edges between them
    assert set(query.subgraph(kg, ["Stone"], radius=2).graph.nodes) == {"Bob Stone", "Ruritania", "Acme Corp"}
    both = query.subgraph(kg, ["Stone", "Lonely Island"], radius=0)
    assert set(both.graph.nodes) == {"Bob Stone", "Lonely Island"}
    big = query.subgraph(kg, "Acme", radius=1)
    assert [r["names"] for r in big.merge_log] == [r["names"] for r in kg.merge_log]  # every record names a kept node
    assert query.subgraph(kg, "Nowhere").merge_log == []
    # a copy: changing it leaves the original alone
    sub.graph.nodes["Bob Stone"]["label"] = "changed"
    assert kg.graph.nodes["Bob Stone"]["label"] == "Bob Stone"


def test_evidence(kg):
    df = query.evidence(kg, "Acme", "Kadhim")
    assert list(df.columns[:7]) == ["subject", "label", "object", "doc", "sentence", "sentence_start", "sentence_end"]
    assert df[["subject", "label", "object", "doc"]].values.tolist() == [
        ["Ahmed Kadhim", "chairman", "Acme Corp", "d1"], ["Ahmed Kadhim", "chairman", "Acme Corp", "d2"]]
    assert df.sentence.tolist() == ["Kadhim, chairman of Acme, spoke.", "Acme's chairman Ahmed Kadhim left."]
    both_ways = query.evidence(kg, "Stone", "Ruritania")
    assert sorted(both_ways.label) == ["attack", "meet"]
    assert query.evidence(kg, "Stone", "Acme").empty


def test_evidence_survives_graphml(kg, tmp_path):
    from graph import read_graphml

    kg.write_graphml(tmp_path / "g.graphml")
    loaded = read_graphml(tmp_path / "g.graphml")
    pd.testing.assert_frame_equal(query.evidence(loaded, "Acme", "Kadhim"), query.evidence(kg, "Acme", "Kadhim"))
    pd.testing.assert_frame_equal(query.actions(loaded, include_negated=True), query.actions(kg, include_negated=True))
    pd.testing.assert_frame_equal(query.roles(loaded), query.roles(kg))


def test_communities(kg):
    groups = query.communities(kg)
    assert groups == query.communities(kg)  # the fixed seed makes it repeatable
    assert all(isinstance(c, set) for c in groups)
    assert [len(c) for c in groups] == sorted((len(c) for c in groups), reverse=True)
    assert {"Kadhim Bros", "Lonely Island"} in groups
    assert {"Nowhere"} in groups
    assert set().union(*groups) == {d["label"] for _, d in kg.graph.nodes(data=True)}
    assert {"Nowhere"} not in query.communities(kg, min_size=2)
    assert query.communities(KnowledgeGraph()) == []


def test_aliases(kg):
    info = query.aliases(kg, "kadhim")
    assert info["id"] == "Ahmed Kadhim" and info["label"] == "Ahmed Kadhim" and info["type"] == "PERSON"
    assert info["aliases"] == ["Ahmed Kadhim", "Kadhim"]
    assert [(r["action"], r["rule"]) for r in info["merge_log"]] == [("merge", "short_name"), ("refuse", "type")]
    assert query.aliases(kg, "Nowhere")["merge_log"] == []


class _Iframes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_show_embeds_the_escaped_page(kg):
    from graph.export.html import render_html

    hostile = '"></iframe><script>alert(1)</script>&amp;'
    kg.graph.nodes["Nowhere"]["label"] = hostile
    shown = query.show(kg, height=321)
    markup = shown._repr_html_() if hasattr(shown, "_repr_html_") else shown.data
    parser = _Iframes()
    parser.feed(markup)
    assert len(parser.frames) == 1
    frame = parser.frames[0]
    assert frame["srcdoc"] == render_html(kg.graph, title="Knowledge graph")  # unescapes to the exact page
    assert "321px" in frame["style"]
    assert "<script>alert" not in markup  # nothing of the page is live outside the attribute
    assert "allow-same-origin" not in frame.get("sandbox", "allow-same-origin")


def test_query_methods_attach_to_a_class():
    class KG(KnowledgeGraph):
        pass

    for f in QUERY_METHODS:
        setattr(KG, f.__name__, f)
    kg = KG(make_kg().graph)
    assert kg.find("Kadhim")[0] == "Ahmed Kadhim"
    assert kg.path("Kadhim", "Ruritania")
    assert isinstance(kg.subgraph("Acme"), KG)
    assert {f.__name__ for f in QUERY_METHODS} == {
        "find", "roles", "actions", "neighbors", "path", "subgraph", "evidence", "communities", "aliases", "show",
        "timeline"}


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds_kg() -> KnowledgeGraph:
    from extract import Extractor

    paths = sorted(glob.glob(str(ROOT / "seeds" / "*.txt")))
    assert paths, "seeds/ is empty"
    items = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in paths]
    return KnowledgeGraph.from_results(Extractor().analyse_many(items))


def test_seeds_answer_real_questions(seeds_kg):
    kg = seeds_kg
    kadhimi = query.find(kg, "Kadhimi")
    assert kadhimi and kg.graph.nodes[kadhimi[0]]["label"] == "Mustafa al-Kadhimi"

    us = query.actions(kg, actor="United States")
    hits = us[(us.action == "assassinate") & (us.target == "Qasem Soleimani")]
    assert len(hits) == 1
    assert hits.iloc[0]["docs"] and "Soleimani" in hits.iloc[0]["evidence"]

    steps = query.path(kg, "Kadhimi", "Soleimani")
    assert steps and steps[0]["from"] == "Mustafa al-Kadhimi" and steps[-1]["to"] == "Qasem Soleimani"

    pompeo = query.roles(kg, person="Pompeo")
    assert ("Secretary of State", "United States") in set(zip(pompeo.role, pompeo.organisation))
    kadhimi_roles = query.roles(kg, person="Kadhimi")
    assert "prime minister" in set(kadhimi_roles.role.str.lower())
    assert (kadhimi_roles.evidence != "").all()  # loose roles get their sentence from the triples

    ev = query.evidence(kg, "United States", "Soleimani")
    assert len(ev) >= 1 and (ev.sentence != "").all() and (ev.doc != "").all()
    assert "Qasem Soleimani" in query.aliases(kg, "Soleimani")["aliases"]
    assert any(r["rule"] for r in query.aliases(kg, "Soleimani")["merge_log"])
    groups = query.communities(kg, min_size=2)
    assert groups == query.communities(kg, min_size=2) and all(len(c) >= 2 for c in groups)
    assert any("United States" in c for c in groups)
