"""Flat exports for spreadsheets and databases: nodes.csv, edges.csv, triples.jsonl.

* ``nodes.csv``: one row per node: ``id`` then the node attributes (known ones in a
  fixed order, any others after them alphabetically);
* ``edges.csv``: one row per edge: ``source``, ``target``, their labels, then every
  edge attribute except ``provenance`` (which stays in GraphML and triples.jsonl);
* ``triples.jsonl``: one JSON object per extracted triple, keys sorted.

Output is deterministic: rows are sorted (nodes by id, edges by source, target and
edge id), columns are fixed, so the same graph gives the same bytes. Files are
UTF-8 without a byte-order mark, written atomically; CSV follows RFC 4180 (``\\r\\n``
line ends, fields with commas, quotes or line breaks quoted). Values: ``true`` /
``false`` for booleans, an empty field for ``None``, ``|``-joined lists, JSON for dicts.
Every function also takes an open text file instead of a path.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from contextlib import contextmanager, nullcontext
from typing import IO, AbstractSet, Any, Iterable, Iterator

import networkx as nx

from graph.export.attributes import scalar_text
from graph.files import atomic_write

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "write_nodes_csv", "write_edges_csv", "write_triples_jsonl"]

NODE_COLUMNS = ["id", "label", "type", "aliases", "mentions", "docs", "roles"]
EDGE_COLUMNS = ["source", "target", "source_label", "target_label", "id", "kind", "label", "weight", "docs",
                "evidence", "negated", "modality", "category", "confidence"]
_EDGE_EXCLUDED = {"provenance"}

_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters some JSON-lines readers split on (str.splitlines, JavaScript before ES2019).
_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def _open(path_or_file) -> Iterator[IO[str]]:
    if hasattr(path_or_file, "write"):
        with nullcontext(path_or_file) as f:
            yield f
    else:
        with atomic_write(os.fspath(path_or_file)) as f:
            yield f


def _graph(g) -> nx.Graph:
    return g if isinstance(g, nx.Graph) else g.graph


def _cell(value: Any, escape_formulas: bool = False) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        text = "|".join(_cell(v) for v in items)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = scalar_text(value, lambda x: "" if math.isnan(x) else repr(x))
    text = _SURROGATE.sub("\ufffd", text)  # not encodable as UTF-8
    if escape_formulas and text.startswith(_FORMULA_START):
        text = "'" + text  # keep spreadsheets from running it as a formula
    return text


def _natural(value: Any) -> tuple:
    """Sort key that puts e2 before e10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", str(value)) if p)


def _columns(fixed: list[str], rows: Iterable[dict], excluded: AbstractSet[str] = frozenset()) -> list[str]:
    extra = sorted({k for r in rows for k in r} - set(fixed) - excluded, key=str)
    return fixed + [str(k) for k in extra]


def write_nodes_csv(g, path_or_file, *, escape_formulas: bool = False) -> None:
    """One row per node, sorted by id.

    ``escape_formulas`` prefixes cells starting with ``= + - @`` with ``'`` so that
    Excel or LibreOffice show text from untrusted documents instead of evaluating it
    (the file then no longer round-trips exactly).
    """
    graph = _graph(g)
    nodes = sorted(graph.nodes(data=True), key=lambda nd: (_natural(nd[0]), str(nd[0])))
    columns = _columns(NODE_COLUMNS, (d for _, d in nodes), {"id"})
    with _open(path_or_file) as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(columns)
        for n, d in nodes:
            row = {**d, "id": n}
            w.writerow([_cell(row.get(c), escape_formulas) for c in columns])


def write_edges_csv(g, path_or_file, *, escape_formulas: bool = False) -> None:
    """One row per edge, sorted by source, target and edge id; provenance left out.

    ``id`` is the edge's ``id`` attribute, else its key. ``escape_formulas``: see
    :func:`write_nodes_csv`.
    """
    graph = _graph(g)
    if graph.is_multigraph():
        edges = [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True)]
    else:
        edges = [(s, t, None, d) for s, t, d in graph.edges(data=True)]
    edges.sort(key=lambda e: (_natural(e[0]), str(e[0]), _natural(e[1]), str(e[1]),
                              _natural(e[3].get("id", e[2])), str(e[3].get("id", e[2]))))
    columns = _columns(EDGE_COLUMNS, (d for *_, d in edges), _EDGE_EXCLUDED | {"source", "target"})
    label = {n: d.get("label", n) for n, d in graph.nodes(data=True)}
    with _open(path_or_file) as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(columns)
        for s, t, k, d in edges:
            row = {**d, "source": s, "target": t, "source_label": label[s], "target_label": label[t]}
            row.setdefault("id", k)
            w.writerow([_cell(row.get(c), escape_formulas) for c in columns])


def _json_line(record: dict) -> str:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    # Lone surrogates cannot be written as UTF-8, and U+2028 & co. split lines for some
    # readers: both are written as JSON \\u escapes, which read back to the same string.
    text = _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)
    return _LINE_BREAKS.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def write_triples_jsonl(triples: Iterable, path_or_file) -> None:
    """One line per extracted :class:`~extract.models.Triple` (``model_dump()``), in the given order.

    Also takes plain dicts, or a KnowledgeGraph (its ``.triples``).
    """
    if hasattr(triples, "triples") and not isinstance(triples, (list, tuple)):
        triples = triples.triples
    with _open(path_or_file) as f:
        for t in triples:
            record = t.model_dump(mode="json") if hasattr(t, "model_dump") else dict(t)
            f.write(_json_line(record))
            f.write("\n")
