"""GraphML writer/reader: schema-valid, readable by networkx and igraph, and free of
the networkx traps that bite in Gephi (one test per trap)."""

from __future__ import annotations

import datetime
import doctest
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
import xmlschema

from graph.export import graphml
from graph.errors import GraphFileError, InputNotFound, OutputNotWritable
from graph.export.graphml import GraphMLTypeError, graphml_safe, read_graphml, write_graphml

XSD_DIR = Path(__file__).parent / "data" / "graphml-xsd"
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    # allow="local": the schemas import each other by relative path; nothing is fetched.
    return xmlschema.XMLSchema(str((XSD_DIR / "graphml.xsd").resolve()), allow="local")


def kg() -> nx.MultiDiGraph:
    """A small graph with every attribute the builder sets, and awkward node ids."""
    g = nx.MultiDiGraph()
    g.add_node(
        "Barack Obama", label="Barack Obama", type="PERSON", aliases=["Obama", "Barack Obama"],
        mentions=12, docs=["d1", "d2"], roles=["president"],
    )
    g.add_node(
        "United States", label="United States", type="GPE", aliases=["US", "U.S."],
        mentions=7, docs=["d1"], roles=[],
    )
    g.add_node("Zürich/ZH", label="Zürich", type="GPE", aliases=[], mentions=1, docs=["d2"], roles="")
    edge(g, "Barack Obama", "United States", "e1", kind="role", label="president of", weight=3,
         negated=False, modality="asserted", category=None, confidence=0.9)
    edge(g, "Barack Obama", "Zürich/ZH", "e2", kind="action", label="visit", weight=1,
         negated=True, modality="negated", category="CONSULT", confidence=0.55)
    return g


def edge(g: nx.MultiDiGraph, u: str, v: str, key: str, **attrs) -> None:
    g.add_edge(u, v, key=key, id=key, docs="d1", evidence="Obama, the president of the US, said ...",
               provenance={"doc": "d1", "pattern": "appos", "span": [3, 40]}, **attrs)


def to_bytes(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    write_graphml(g, buf)
    return buf.getvalue()


def keys(data: bytes) -> list[dict[str, str]]:
    return [k.attrib for k in ET.fromstring(data).findall("g:key", NS)]


def key_type(data: bytes, domain: str, name: str) -> str:
    (k,) = [k for k in keys(data) if k["for"] == domain and k["attr.name"] == name]
    return k["attr.type"]


# --- the file as a whole -------------------------------------------------------------


def test_output_is_valid_graphml(schema):
    data = to_bytes(kg())
    schema.validate(io.BytesIO(data))
    root = ET.fromstring(data)
    assert root.find("g:graph", NS).get("edgedefault") == "directed"


def test_schema_rejects_networkx_named_key_ids(schema):
    """The trap itself: networkx's named_key_ids gives node and edge 'label' the same key id."""
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_edge("a", "b", label="knows")
    buf = io.BytesIO()
    nx.write_graphml(g, buf, named_key_ids=True)
    assert not schema.is_valid(io.BytesIO(buf.getvalue()))


def test_networkx_reads_it_back():
    data = to_bytes(kg())
    h = read_graphml(io.BytesIO(data))
    assert isinstance(h, nx.MultiDiGraph)
    assert list(h.nodes) == ["Barack Obama", "United States", "Zürich/ZH"]
    assert h.nodes["Barack Obama"] == {
        "label": "Barack Obama", "type": "PERSON", "aliases": "Obama|Barack Obama",
        "mentions": 12, "docs": "d1|d2", "roles": "president",
    }
    assert h.nodes["United States"]["roles"] == "" and h.nodes["Zürich/ZH"]["aliases"] == ""
    assert list(h.edges(keys=True)) == [
        ("Barack Obama", "United States", "e1"), ("Barack Obama", "Zürich/ZH", "e2"),
    ]
    assert h.edges["Barack Obama", "United States", "e1"] == {
        "id": "e1", "kind": "role", "label": "president of", "weight": 3, "docs": "d1",
        "evidence": "Obama, the president of the US, said ...", "negated": False, "modality": "asserted",
        "category": "", "confidence": 0.9,
        "provenance": '{"doc": "d1", "pattern": "appos", "span": [3, 40]}',
    }
    # plain networkx agrees on the shape (ids are the escaped ones there)
    plain = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert (plain.number_of_nodes(), plain.number_of_edges()) == (3, 2)


@pytest.mark.filterwarnings("ignore:Could not add edge ids:RuntimeWarning")  # the builder's own edge 'id'
def test_igraph_reads_it(tmp_path):
    path = tmp_path / "kg.graphml"
    write_graphml(kg(), path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.is_directed()
    assert (ig.vcount(), ig.ecount()) == (3, 2)
    assert ig.vs["label"] == ["Barack Obama", "United States", "Zürich"]
    assert ig.vs["mentions"] == [12, 7, 1]
    assert ig.vs["aliases"] == ["Obama|Barack Obama", "US|U.S.", ""]
    assert ig.es["id"] == ["e1", "e2"]
    assert ig.es["weight"] == [3, 1]
    assert ig.es["negated"] == [False, True]
    assert ig.es["confidence"] == [0.9, 0.55]
    assert [(ig.vs[e.source]["label"], ig.vs[e.target]["label"]) for e in ig.es] == [
        ("Barack Obama", "United States"), ("Barack Obama", "Zürich"),
    ]


def test_docstring_examples_run():
    assert doctest.testmod(graphml).failed == 0


# --- one test per trap ---------------------------------------------------------------


def test_key_ids_are_unique_and_never_d_number():
    ks = keys(to_bytes(kg()))
    ids = [k["id"] for k in ks]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if re.fullmatch(r"d\d+", i)]
    assert all(k["id"] == f'{k["for"]}_{k["attr.name"]}' for k in ks)
    assert ids == sorted(ids)  # stable order: by domain, then name


def test_same_attribute_name_on_nodes_and_edges_gets_two_keys():
    ks = [k for k in keys(to_bytes(kg())) if k["attr.name"] == "label"]
    assert sorted(k["id"] for k in ks) == ["edge_label", "node_label"]
    assert all(k["attr.type"] == "string" for k in ks)


def test_lists_sets_dicts_and_none():
    g = nx.MultiDiGraph()
    g.add_node("a", aliases=["x", "y"], docs={"d2", "d1"}, pair=(1, 2.5), meta={"b": None, "a": [1]},
               note=None, count=None, flag=None, score=None)
    g.add_node("b", note="text", count=3, flag=True, score=0.5)
    data = to_bytes(g)
    assert b"None" not in data
    assert [key_type(data, "node", n) for n in ("note", "count", "flag", "score")] == [
        "string", "int", "boolean", "double",
    ]
    a = read_graphml(io.BytesIO(data)).nodes["a"]
    assert a == {"aliases": "x|y", "docs": "d1|d2", "pair": "1|2.5", "meta": '{"a": [1], "b": null}',
                 "note": "", "count": 0, "flag": False, "score": 0.0}


def test_control_and_xml_invalid_characters_are_stripped(schema):
    bad = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\ufffe\uffff\ud800"
    g = nx.MultiDiGraph()
    g.add_node(f"Bad{bad}Id", label=f"A{bad}B", **{f"odd{bad}name": "v"})
    g.add_edge(f"Bad{bad}Id", "x", key=f"k{bad}1", evidence=f"line one\r\nline\ttwo{bad}\n")
    data = to_bytes(g)
    data.decode("utf-8")  # no lone surrogate made it into the bytes
    schema.validate(io.BytesIO(data))
    h = read_graphml(io.BytesIO(data))
    assert list(h.nodes(data=True))[0] == ("BadId", {"label": "AB", "oddname": "v"})
    assert list(h.edges(keys=True, data="evidence")) == [("BadId", "x", "k1", "line one\r\nline\ttwo\n")]


def test_mixed_int_and_float_are_written_as_double():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", weight=2, big=1, flag=True)
    g.add_edge("a", "b", weight=0.5, big=2**40, flag=2)
    data = to_bytes(g)
    assert key_type(data, "edge", "weight") == "double"
    assert key_type(data, "edge", "big") == "long"  # beyond Java's 32-bit int
    assert key_type(data, "edge", "flag") == "int"  # bools among ints count as 0/1
    h = read_graphml(io.BytesIO(data))
    assert [d for *_, d in h.edges(data="weight")] == [2.0, 0.5]
    assert all(type(w) is float for *_, w in h.edges(data="weight"))
    assert [d for *_, d in h.edges(data="big")] == [1, 2**40]
    assert [d for *_, d in h.edges(data="flag")] == [1, 2]


def test_repeated_edge_keys_become_unique_ids(schema):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b")  # networkx gives key 0 ...
    g.add_edge("a", "b")  # ... 1 ...
    g.add_edge("b", "c")  # ... and 0 again on another node pair
    g.add_edge("c", "a", key="0-2")  # a string key that the renaming must not steal
    data = to_bytes(g)
    schema.validate(io.BytesIO(data))
    ids = [e.get("id") for e in ET.fromstring(data).iter(f"{{{NS['g']}}}edge")]
    assert ids == ["0", "1", "0-3", "0-2"]
    assert list(read_graphml(io.BytesIO(data)).edges(keys=True)) == [
        ("a", "b", "0"), ("a", "b", "1"), ("b", "c", "0-3"), ("c", "a", "0-2"),
    ]


def test_booleans_round_trip():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", negated=True)
    g.add_edge("a", "b", negated=False)
    g.add_edge("a", "b", negated=None)
    data = to_bytes(g)
    assert key_type(data, "edge", "negated") == "boolean"
    assert b">true<" in data and b">false<" in data
    values = [v for *_, v in read_graphml(io.BytesIO(data)).edges(data="negated")]
    assert values == [True, False, False] and all(type(v) is bool for v in values)


def test_same_graph_gives_identical_bytes():
    assert to_bytes(kg()) == to_bytes(kg())
    # attribute insertion order does not matter either
    g1, g2 = nx.MultiDiGraph(), nx.MultiDiGraph()
    g1.add_node("a", label="A", type="PERSON")
    g2.add_node("a", type="PERSON", label="A")
    assert to_bytes(g1) == to_bytes(g2)


def test_write_to_path_is_atomic_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "out" / "kg.graphml"
    write_graphml(kg(), path)
    assert list(path.parent.iterdir()) == [path]
    assert path.read_bytes() == to_bytes(kg())
    assert nx.utils.graphs_equal(read_graphml(path), read_graphml(io.BytesIO(to_bytes(kg()))))


def test_unwritable_value_leaves_old_file_intact(tmp_path):
    path = tmp_path / "kg.graphml"
    write_graphml(kg(), path)
    old = path.read_bytes()
    g = kg()
    g.nodes["United States"]["founded"] = datetime.date(1776, 7, 4)
    with pytest.raises(GraphMLTypeError, match=r"node 'United States', attribute 'founded'.*a date"):
        write_graphml(g, path)
    assert path.read_bytes() == old
    assert list(tmp_path.iterdir()) == [path]


def test_failure_midway_leaves_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "kg.graphml"
    write_graphml(kg(), path)
    old = path.read_bytes()
    chunks = graphml._Document.chunks

    def disk_full(self):
        it = chunks(self)
        yield next(it)
        yield next(it)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(graphml._Document, "chunks", disk_full)
    with pytest.raises(OutputNotWritable) as info:
        write_graphml(kg(), path)
    assert isinstance(info.value.__cause__, OSError)
    assert path.read_bytes() == old
    assert list(tmp_path.iterdir()) == [path]


# --- ids, errors, Gephi conventions --------------------------------------------------


def test_ids_and_names_are_nmtokens_and_round_trip(schema):
    g = nx.MultiDiGraph()
    odd = ["a b", "x|y", "Zürich/ZH", "_x0041_", "tab\there", "emoji 🙂", "Al-Qaeda", "1st"]
    for i, n in enumerate(odd):
        g.add_node(n, **{"first name": n})
        g.add_edge(n, odd[0], key=f"{n} #{i}")
    data = to_bytes(g)
    schema.validate(io.BytesIO(data))
    assert b'<node id="Al-Qaeda">' in data and b'<node id="a_x0020_b">' in data
    h = read_graphml(io.BytesIO(data))
    assert list(h.nodes(data=True)) == [(n, {"first name": n}) for n in odd]
    assert list(h.edges(keys=True)) == list(g.edges(keys=True))


def test_gephi_label_is_string_and_weight_is_numeric():
    g = nx.MultiDiGraph()
    g.add_node("a", label=5)
    g.add_edge("a", "b", label=7, weight=True)
    data = to_bytes(g)
    assert key_type(data, "node", "label") == "string" and key_type(data, "edge", "label") == "string"
    assert key_type(data, "edge", "weight") == "int"
    g.add_edge("a", "b", weight="heavy")
    with pytest.raises(GraphMLTypeError, match="'weight' must be a number.*str 'heavy'"):
        to_bytes(g)


def test_errors_name_the_bad_type_and_keep_their_cause():
    with pytest.raises(GraphMLTypeError, match="GraphML cannot hold a object"):
        graphml_safe(object())
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="k", provenance={"when": datetime.datetime(2024, 1, 1)})
    with pytest.raises(GraphMLTypeError, match=r"edge \('a', 'b', 'k'\), attribute 'provenance'.*datetime") as info:
        to_bytes(g)
    assert isinstance(info.value.__cause__, GraphMLTypeError)
    assert isinstance(info.value.__cause__.__cause__, TypeError)  # json's own error


def test_unwritable_path_is_a_user_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputNotWritable) as info:
        write_graphml(kg(), tmp_path / "file" / "kg.graphml")
    assert isinstance(info.value.__cause__, OSError)


def test_reading_bad_input_raises_user_errors(tmp_path):
    with pytest.raises(InputNotFound):
        read_graphml(tmp_path / "missing.graphml")
    with pytest.raises(GraphFileError) as info:
        read_graphml(io.BytesIO(b"<graphml><graph"))
    assert isinstance(info.value.__cause__, ET.ParseError)
    undirected = io.BytesIO()
    nx.write_graphml(nx.MultiGraph([("a", "b")]), undirected)
    with pytest.raises(GraphFileError, match="undirected"):
        read_graphml(io.BytesIO(undirected.getvalue()))
