"""GEXF 1.3, the format Gephi reads with time: ``out/graph.gexf`` (``--format gexf``).

Nodes and edges carry the graph's scalar attributes (``provenance``, a long JSON text, is
left to GraphML). An edge whose evidence is dated (see :mod:`graph.timeline`) gets one
spell per distinct date: a day, week, month or year becomes the interval of its first and
last day ('2004-12' -> 2004-12-01 .. 2004-12-31), a period 'since 2002' a spell with no end.
With any dated edge the graph is ``mode="dynamic"`` with ``timeformat="date"``, so Gephi's
timeline can play it; undated edges and all nodes are there at every moment. Parallel edges
between two entities (different relations) get distinct ``kind`` values, which Gephi keeps apart.

``networkx.read_gexf(path, version="1.3")`` reads the file back.
"""

from __future__ import annotations

import os
import re
from typing import IO, Any, Iterator

import networkx as nx

from graph.files import write_binary
from graph.timeline import edge_spans

__all__ = ["write_gexf"]

NAMESPACE = "http://gexf.net/1.3"
"""Gephi 0.10 writes this namespace (not www.gexf.net) and networkx reads it as version "1.3"."""

_LEFT_OUT = {"provenance"}
_XML_ATTRIBUTES = {"node": {"label"}, "edge": {"id", "label", "weight"}}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_gexf(g: nx.MultiDiGraph, path_or_file: str | os.PathLike | IO[bytes]) -> None:
    """Write ``g`` as GEXF 1.3 to a path (atomically) or to an open binary file.

    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="e0", label="attack", provenance='[{"date": "2020-01"}]')
    'e0'
    >>> buf = io.BytesIO()
    >>> write_gexf(g, buf)
    >>> b'<spell start="2020-01-01" end="2020-01-31"/>' in buf.getvalue()
    True
    """
    text = "".join(_chunks(g)).encode("utf-8")
    write_binary(path_or_file, lambda f: f.write(text), "GEXF")


def _chunks(g: nx.MultiDiGraph) -> Iterator[str]:
    edges = list(g.edges(keys=True, data=True))
    spells = {k: edge_spans(d) for _, _, k, d in edges}
    dynamic = any(spells.values())
    node_keys = _keys((d for _, d in g.nodes(data=True)), "node")
    edge_keys = _keys((d for *_, d in edges), "edge")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<gexf xmlns="{NAMESPACE}" version="1.3">\n'
    yield '  <meta>\n    <creator>kg-builder</creator>\n  </meta>\n'
    time = ' mode="dynamic" timeformat="date" timerepresentation="interval"' if dynamic else ' mode="static"'
    yield f'  <graph defaultedgetype="directed"{time}>\n'
    for cls, keys in (("node", node_keys), ("edge", edge_keys)):
        yield f'    <attributes class="{cls}">\n'
        for name, type_ in keys.items():
            yield f"      <attribute id={_attr(name)} title={_attr(name)} type=\"{type_}\"/>\n"
        yield "    </attributes>\n"
    yield f'    <nodes count="{g.number_of_nodes()}">\n'
    for n, d in g.nodes(data=True):
        yield f"      <node id={_attr(n)} label={_attr(d.get('label', n))}>"
        yield from _attvalues(d, node_keys)
        yield "</node>\n"
    yield "    </nodes>\n"
    yield f'    <edges count="{len(edges)}">\n'
    kinds: dict[tuple, int] = {}
    for s, t, k, d in edges:
        label = str(d.get("label", ""))
        kind = label if d.get("modality", "asserted") == "asserted" else f"{label} ({d['modality']})"
        kinds[(s, t, kind)] = kinds.get((s, t, kind), 0) + 1
        if kinds[(s, t, kind)] > 1:
            kind = f"{kind} {kinds[(s, t, kind)]}"  # never two edges of one kind between two nodes
        weight = f" weight={_attr(d['weight'])}" if isinstance(d.get("weight"), (int, float)) else ""
        yield (f"      <edge id={_attr(d.get('id', k))} source={_attr(s)} target={_attr(t)} "
               f"label={_attr(label)} kind={_attr(kind)}{weight}>")
        yield from _attvalues(d, edge_keys)
        if spells[k]:
            yield "<spells>"
            for start, end in spells[k]:
                yield f'<spell start="{start}"' + (f' end="{end}"' if end else "") + "/>"
            yield "</spells>"
        yield "</edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _keys(rows, cls: str) -> dict[str, str]:
    """Attribute name -> GEXF type, over every row; a name with values of several types is a string."""
    types: dict[str, str] = {}
    for d in rows:
        for name, value in d.items():
            if name in _LEFT_OUT or name in _XML_ATTRIBUTES[cls] or value is None:
                continue
            type_ = _type(value)
            if type_ is None:
                continue
            types[name] = type_ if types.get(name, type_) == type_ else "string"
    return dict(sorted(types.items()))


def _type(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    return None


def _attvalues(d: dict, keys: dict[str, str]) -> Iterator[str]:
    values = [(name, d[name]) for name in keys if d.get(name) is not None]
    if not values:
        return
    yield "<attvalues>"
    for name, value in values:
        yield f"<attvalue for={_attr(name)} value={_attr(_text(value, keys[name]))}/>"
    yield "</attvalues>"


def _text(value: Any, type_: str) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "double":
        return repr(float(value)) if value == value and value not in (float("inf"), float("-inf")) else "NaN"
    return str(value)


def _attr(value: Any) -> str:
    """A quoted XML attribute value: escaped, without the characters XML 1.0 cannot hold."""
    text = _INVALID_XML.sub("\ufffd", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'
