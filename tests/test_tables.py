"""CSV and JSON-lines exports: round trips, determinism, hostile strings."""

from __future__ import annotations

import csv
import io
import json
import random

import networkx as nx
import pytest

from extract.models import Mention, Triple
from graph import KnowledgeGraph
from graph.export.tables import EDGE_COLUMNS, NODE_COLUMNS, write_edges_csv, write_nodes_csv, write_triples_jsonl

HOSTILE = 'He said, "no"\nthen left;\r\n\t=HYPERLINK("http://x") \u2028 é 中文 \'quoted\' , , "'


def make_graph(order=None) -> nx.MultiDiGraph:
    nodes = [
        ("n2", dict(label="Bravo, Inc.", type="ORG", aliases="Bravo|Bravo, Inc.", mentions=2, docs="d1", roles="")),
        ("n10", dict(label=HOSTILE, type="PERSON", aliases=HOSTILE + "|plain", mentions=1, docs="d\n2", roles="a|b")),
        ("n1", dict(label="Alpha", type="GPE", aliases="Alpha", mentions=3, docs="d1|d2", roles="", extra=1.5)),
    ]
    edges = [
        ("n1", "n2", "e10", dict(kind="action", label="attack", weight=1, docs="d1", evidence="Alpha attacked Bravo.",
                                 negated=False, modality="asserted", category="ASSAULT", confidence=0.9)),
        ("n1", "n2", "e2", dict(kind="action", label="deny", weight=2, docs="d1|d2", evidence=HOSTILE, negated=True,
                                modality="negated", category="", confidence=0.5)),
        ("n10", "n1", "e1", dict(kind="role", label="minister", weight=1, docs="d\n2", evidence=HOSTILE,
                                 negated=False, modality="asserted", category="", confidence=1.0, note=None)),
    ]
    if order is not None:
        order.shuffle(nodes)
        order.shuffle(edges)
    g = nx.MultiDiGraph()
    for n, d in nodes:
        g.add_node(n, **d)
    for s, t, k, d in edges:
        g.add_edge(s, t, key=k, id=k, provenance=json.dumps([{"doc": "d1", "sentence": "x"}]), **d)
    return g


def _read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _nodes(g) -> str:
    buf = io.StringIO(newline="")
    write_nodes_csv(g, buf)
    return buf.getvalue()


def _edges(g) -> str:
    buf = io.StringIO(newline="")
    write_edges_csv(g, buf)
    return buf.getvalue()


def test_nodes_csv_round_trip():
    g = make_graph()
    text = _nodes(g)
    rows = _read_csv(text)
    assert list(rows[0]) == NODE_COLUMNS + ["extra"]  # known columns first, others after
    assert [r["id"] for r in rows] == ["n1", "n2", "n10"]  # natural order of ids
    by_id = {r["id"]: r for r in rows}
    for n, d in g.nodes(data=True):
        for key, value in d.items():
            assert by_id[n][key] == str(value), (n, key)
    assert by_id["n2"]["extra"] == ""
    assert text.startswith(",".join(NODE_COLUMNS + ["extra"]) + "\r\n") and text.endswith("\r\n")  # RFC 4180


def test_edges_csv_round_trip_without_provenance():
    g = make_graph()
    rows = _read_csv(_edges(g))
    assert list(rows[0]) == EDGE_COLUMNS + ["note"]
    assert "provenance" not in rows[0]
    assert [(r["source"], r["target"], r["id"]) for r in rows] == [("n1", "n2", "e2"), ("n1", "n2", "e10"),
                                                                   ("n10", "n1", "e1")]
    deny, attack, role = rows
    assert deny["source_label"] == "Alpha" and deny["target_label"] == "Bravo, Inc."
    assert deny["evidence"] == HOSTILE and deny["negated"] == "true" and attack["negated"] == "false"
    assert role["source_label"] == HOSTILE and role["docs"] == "d\n2"
    assert role["note"] == ""  # None is an empty field, never "None"
    assert float(deny["confidence"]) == 0.5 and int(deny["weight"]) == 2


def test_edges_csv_reads_with_pandas():
    pd = pytest.importorskip("pandas")
    g = make_graph()
    df = pd.read_csv(io.StringIO(_edges(g)), keep_default_na=False)
    assert df.shape == (3, len(EDGE_COLUMNS) + 1)
    assert df["negated"].tolist() == [True, False, False]
    assert df["weight"].tolist() == [2, 1, 1]
    assert df.loc[0, "evidence"] == HOSTILE and df.loc[2, "evidence"] == HOSTILE


def test_output_is_deterministic_whatever_the_insertion_order():
    first_nodes, first_edges = _nodes(make_graph()), _edges(make_graph())
    for seed in range(5):
        g = make_graph(order=random.Random(seed))
        assert _nodes(g) == first_nodes
        assert _edges(g) == first_edges


def test_writes_files_atomically_as_utf8(tmp_path):
    g = make_graph()
    kg = KnowledgeGraph(g)
    write_nodes_csv(kg, tmp_path / "out" / "nodes.csv")  # a KnowledgeGraph, and a missing folder
    write_edges_csv(g, str(tmp_path / "out" / "edges.csv"))
    raw = (tmp_path / "out" / "nodes.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8") == _nodes(g)
    assert (tmp_path / "out" / "edges.csv").read_bytes().decode("utf-8") == _edges(g)
    with open(tmp_path / "out" / "edges.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["edges.csv", "nodes.csv"]  # no temp files left


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "nodes.csv"
    target.write_text("old", encoding="utf-8")
    g = make_graph()
    g.nodes["n1"]["boom"] = _Exploding()
    with pytest.raises(RuntimeError):
        write_nodes_csv(g, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["nodes.csv"]


class _Exploding:
    def __str__(self):
        raise RuntimeError("boom")


def test_escape_formulas_for_spreadsheets():
    g = make_graph()
    g.nodes["n1"]["label"] = "=1+1"
    g.nodes["n2"]["label"] = "-2"
    buf = io.StringIO(newline="")
    write_nodes_csv(g, buf, escape_formulas=True)
    rows = {r["id"]: r for r in _read_csv(buf.getvalue())}
    assert rows["n1"]["label"] == "'=1+1" and rows["n2"]["label"] == "'-2"
    assert _read_csv(_nodes(g))[0]["label"] == "=1+1"  # off by default: exact round trip


def test_lone_surrogates_do_not_break_utf8(tmp_path):
    g = make_graph()
    g.nodes["n1"]["label"] = "bad \ud800 char"
    write_nodes_csv(g, tmp_path / "n.csv")
    assert "bad \ufffd char" in (tmp_path / "n.csv").read_text(encoding="utf-8")


def _triple(text: str, doc: str = "d1") -> Triple:
    sentence = f"{text} attacked Bravo."
    return Triple(kind="action", subject=Mention(text=text, start=0, end=len(text), type="PERSON"), predicate="attack",
                  object=Mention(text="Bravo", start=len(text) + 10, end=len(text) + 15, type="ORG"),
                  category="ASSAULT", doc_id=doc, sentence_start=0, sentence_end=len(sentence), sentence=sentence,
                  confidence=0.8, pattern="verb_clause")


def test_triples_jsonl_round_trip(tmp_path):
    triples = [_triple("Alpha"), _triple(HOSTILE, "d\n2"), _triple("lone \udc80 surrogate")]
    write_triples_jsonl(triples, tmp_path / "t.jsonl")
    raw = (tmp_path / "t.jsonl").read_bytes()
    assert raw.decode("utf-8").count("\n") == 3
    lines = raw.decode("utf-8").split("\n")[:-1]
    assert all(line.startswith("{") and line.endswith("}") for line in lines)
    assert len(raw.decode("utf-8").splitlines()) == 3  # U+2028 is escaped, so even splitlines() works
    assert "中文" in lines[1]  # ensure_ascii=False: readable text
    for line, t in zip(lines, triples):
        record = json.loads(line)
        assert record == t.model_dump()
        assert list(record) == sorted(record)
        assert Triple.model_validate(record) == t


def test_triples_jsonl_to_a_file_object_and_from_a_graph():
    kg = KnowledgeGraph(triples=[_triple("Alpha"), _triple("Beta")])
    buf, buf2 = io.StringIO(), io.StringIO()
    write_triples_jsonl(kg.triples, buf)
    write_triples_jsonl(kg, buf2)
    assert buf.getvalue() == buf2.getvalue()
    assert [json.loads(x)["subject"]["text"] for x in buf.getvalue().splitlines()] == ["Alpha", "Beta"]
    empty = io.StringIO()
    write_triples_jsonl([], empty)
    assert empty.getvalue() == ""
