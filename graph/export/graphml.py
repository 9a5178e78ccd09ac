"""The GraphML format of this project: a writer that Gephi, igraph, networkx and the
GraphML XML Schema all accept, and a reader that gives the graph back.

networkx's own writer has traps that users hit in Gephi, so the XML is written here:

* key ids are never ``d0``, ``d1``, ...: Gephi takes ``d3``/``d7`` for labels. Each
  key id is ``<domain>_<name>`` (``node_label``, ``edge_label``, ``edge_weight``) and
  ``attr.name`` is the plain name, so a node key and an edge key never share an id
  (``named_key_ids=True`` in networkx does that, which is invalid GraphML);
* each attribute name has ONE type per domain (``boolean``, ``int``, ``long``,
  ``double`` or ``string``): ints mixed with floats become ``double``; lists, tuples
  and sets are joined with ``|``; dicts are JSON; ``None`` becomes the type's default
  (``""``, ``0``, ``0.0``, ``false``), never the string ``"None"``;
* characters XML cannot carry, and control characters (all but tab, newline and
  carriage return; lone surrogates; U+FFFE/U+FFFF) are stripped from every string,
  id and name; a carriage return is written as ``&#13;`` so that it survives reading;
* every ``<edge>`` has a unique ``id``: the edge key, with ``-2``, ``-3`` ... added
  when keys repeat (networkx's ``0, 1, ...`` keys repeat across node pairs);
* node ids, edge ids and attribute names must be XML NMTOKENs (the schema says so):
  characters that are not allowed (space, ``|``, ``/``, ...) are written as
  ``_xHHHH_``, the convention of .NET's ``XmlConvert``, and :func:`read_graphml`
  turns them back. Ids that are already NMTOKENs are written unchanged (letters
  outside the Basic Multilingual Plane, such as emoji, are escaped too);
* ``label`` is written as a string and edge ``weight`` as a number, as Gephi expects;
* the output is deterministic: keys sorted by domain then name, nodes and edges in
  graph insertion order, so the same graph gives the same bytes.

Graph-level attributes (``g.graph``) are written with ``for="graph"`` keys: networkx
and igraph read them, Gephi skips them and lists an issue in its import report.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
from dataclasses import dataclass
from typing import IO, Any, Iterator
from xml.etree.ElementTree import ParseError

import networkx as nx

from graph.errors import GraphFileError, InputNotFound
from graph.export.attributes import scalar_text
from graph.files import write_binary

__all__ = ["GraphMLTypeError", "graphml_safe", "read_graphml", "write_graphml"]

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
LIST_SEPARATOR = "|"

Scalar = bool | int | float | str

# Characters an XML 1.0 document cannot contain, plus the C1 control characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# XML 1.0 (5th edition) NameChar: what an NMTOKEN (node id, edge id, key id, attr.name) may
# hold. Only its Basic Multilingual Plane part: some validators (xmlschema) reject the rest,
# and U+1680 (OGHAM SPACE MARK), which is a NameChar but white space to them.
_NAME_CHARS = (
    "-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u167f\u1681-\u1fff\u200c\u200d"
    "\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_NMTOKEN = re.compile(f"[{_NAME_CHARS}]+")
_NAME_CHAR = re.compile(f"[{_NAME_CHARS}]")
_ESCAPED = re.compile("_x([0-9A-F]{8}|[0-9A-F]{4})_")
_INT32 = range(-(2**31), 2**31)
_INT64 = range(-(2**63), 2**63)
_DEFAULTS: dict[str, Scalar] = {"string": "", "boolean": False, "int": 0, "long": 0, "double": 0.0}


class GraphMLTypeError(TypeError):
    """An attribute value GraphML cannot hold; the message names the element, attribute and type."""


def graphml_safe(value: Any) -> Scalar | None:
    """Turn one attribute value into a scalar GraphML can hold (``None`` stays ``None``).

    Lists and tuples are joined with ``|`` in order, sets in sorted order; dicts become
    JSON with sorted keys; numpy scalars become Python ones; XML-invalid characters are
    stripped from strings. Anything else raises :class:`GraphMLTypeError`.

    >>> graphml_safe(["Obama", "Barack Obama"])
    'Obama|Barack Obama'
    >>> graphml_safe({"b": 1, "a": [2]})
    '{"a": [2], "b": 1}'
    >>> graphml_safe("bell\\x07 rang")
    'bell rang'
    >>> graphml_safe(None) is None
    True
    """
    kind = type(value)
    if kind is str:  # the common cases first, without the slower ABC checks below
        return _clean(value)
    if value is None or kind is bool or kind is int or kind is float:
        return value
    if kind.__module__ == "numpy":  # numpy scalars and arrays, without importing numpy
        value = value.tolist()
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return _clean(str.__str__(value))  # str.__str__: the value of a str-Enum, not its name
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_text(graphml_safe(item)) for item in value)
    if isinstance(value, (set, frozenset)):
        return LIST_SEPARATOR.join(sorted(_text(graphml_safe(item)) for item in value))
    if isinstance(value, dict):
        try:
            return _clean(json.dumps(value, sort_keys=True, ensure_ascii=False))
        except (TypeError, ValueError) as err:
            raise GraphMLTypeError(f"a dict GraphML must store as JSON could not be encoded: {err}") from err
    raise GraphMLTypeError(
        f"GraphML cannot hold a {type(value).__qualname__} ({value!r:.60}); "
        "convert it to str, int, float, bool, a list or a dict first"
    )


def write_graphml(g: nx.MultiDiGraph, path_or_file: str | os.PathLike | IO[bytes]) -> None:
    """Write ``g`` as GraphML to a path (atomically) or to an open binary file.

    Every value is checked before the first byte is written, so a bad value leaves no
    file behind; a path is replaced only once the new file is complete.

    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("Barack Obama", "United States", key="e1", label="president of", weight=2)
    'e1'
    >>> buf = io.BytesIO()
    >>> write_graphml(g, buf)
    >>> b'<key id="edge_weight" for="edge" attr.name="weight" attr.type="int"/>' in buf.getvalue()
    True
    >>> b'<node id="Barack_x0020_Obama"/>' in buf.getvalue()
    True
    """
    write_binary(path_or_file, _Document.of(g).write, "GraphML")


def read_graphml(path_or_file: str | os.PathLike | IO[bytes]) -> nx.MultiDiGraph:
    """Read a directed GraphML file as ``networkx.read_graphml(..., force_multigraph=True)``.

    Node ids are strings; edge keys are the edge ``id`` attributes (as strings); the
    ``_xHHHH_`` escapes of :func:`write_graphml` are undone in ids, keys and attribute names.

    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("Barack Obama", "United States", key="e1", negated=False)
    'e1'
    >>> buf = io.BytesIO()
    >>> write_graphml(g, buf)
    >>> list(read_graphml(io.BytesIO(buf.getvalue())).edges(keys=True, data=True))
    [('Barack Obama', 'United States', 'e1', {'negated': False})]
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        name = os.fspath(path_or_file)
    else:
        name = getattr(path_or_file, "name", "<stream>")
    try:
        g = nx.read_graphml(path_or_file, node_type=str, edge_key_type=str, force_multigraph=True)
    except FileNotFoundError as err:
        raise InputNotFound(f"GraphML file not found: {name}") from err
    except (OSError, ParseError, nx.NetworkXError, KeyError, ValueError) as err:
        raise GraphFileError(f"{name} is not a readable GraphML file: {err}") from err
    if not g.is_directed():
        raise GraphFileError(f'{name} holds an undirected graph; expected edgedefault="directed"')
    out = nx.MultiDiGraph()
    # networkx adds these two even when the file has no <default>; drop them when empty.
    out.graph.update(
        (_unescape(k), v) for k, v in g.graph.items() if v != {} or k not in ("node_default", "edge_default")
    )
    out.add_nodes_from((_unescape(n), _unescape_names(d)) for n, d in g.nodes(data=True))
    out.add_edges_from(
        (_unescape(u), _unescape(v), _unescape(k), _unescape_names(d)) for u, v, k, d in g.edges(keys=True, data=True)
    )
    return out


# --- writing -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    domain: str  # "graph", "node" or "edge"
    name: str  # the attribute name in the graph
    id: str  # "<domain>_<attr.name>"
    attr_name: str  # the name as an NMTOKEN
    type: str  # boolean, int, long, double or string


@dataclass
class _Document:
    """A graph turned into what the file will hold: scalar values, ids and typed keys."""

    edgedefault: str
    keys: list[_Key]
    graph_data: dict[str, Scalar | None]
    nodes: list[tuple[str, dict[str, Scalar | None]]]  # (xml id, data)
    edges: list[tuple[str, str, str, dict[str, Scalar | None]]]  # (xml id, source id, target id, data)

    @classmethod
    def of(cls, g: nx.Graph) -> _Document:
        graph_data = _safe_data("graph", None, g.graph)
        node_list = list(g.nodes(data=True))
        xml_ids = _unique([_xml_name(n, f"n{i}") for i, (n, _) in enumerate(node_list)])
        node_ids = dict(zip((n for n, _ in node_list), xml_ids))
        nodes = [(node_ids[n], _safe_data("node", n, d)) for n, d in node_list]
        if g.is_multigraph():
            edge_list = list(g.edges(keys=True, data=True))
        else:
            edge_list = [(u, v, None, d) for u, v, d in g.edges(data=True)]
        edge_ids = _unique([_xml_name(k, f"e{i}") for i, (_, _, k, _) in enumerate(edge_list)])
        edges = [
            (edge_id, node_ids[u], node_ids[v], _safe_data("edge", (u, v, k), d))
            for edge_id, (u, v, k, d) in zip(edge_ids, edge_list)
        ]
        keys = []
        for domain, rows in (("edge", [e[3] for e in edges]), ("graph", [graph_data]), ("node", [d for _, d in nodes])):
            names = sorted({name for data in rows for name in data})
            for name, attr_name in zip(names, _unique([_xml_name(name, "attr") for name in names])):
                xml_type = _column_type(domain, name, [data[name] for data in rows if name in data])
                keys.append(_Key(domain, name, f"{domain}_{attr_name}", attr_name, xml_type))
        return cls("directed" if g.is_directed() else "undirected", keys, graph_data, nodes, edges)

    def write(self, f: IO[bytes]) -> None:
        for chunk in self.chunks():
            f.write(chunk.encode("utf-8"))

    def chunks(self) -> Iterator[str]:
        """The file as text, one piece per key, node or edge. Every attribute value here is
        an NMTOKEN or a fixed word, so only element text needs escaping."""
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield (
            f'<graphml xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n'
        )
        for k in self.keys:
            yield f'  <key id="{k.id}" for="{k.domain}" attr.name="{k.attr_name}" attr.type="{k.type}"/>\n'
        yield f'  <graph id="G" edgedefault="{self.edgedefault}">\n'
        yield "".join(self._data("graph", self.graph_data, "    "))
        for node_id, data in self.nodes:
            yield _element("    ", f'<node id="{node_id}"', "node", self._data("node", data, "      "))
        for edge_id, source, target, data in self.edges:
            head = f'<edge id="{edge_id}" source="{source}" target="{target}"'
            yield _element("    ", head, "edge", self._data("edge", data, "      "))
        yield "  </graph>\n</graphml>\n"

    def _data(self, domain: str, data: dict[str, Scalar | None], indent: str) -> list[str]:
        return [
            f'{indent}<data key="{k.id}">{_escape(_format(data[k.name], k.type))}</data>\n'
            for k in self._keys_by_domain[domain]
            if k.name in data
        ]

    def __post_init__(self) -> None:
        self._keys_by_domain = {d: [k for k in self.keys if k.domain == d] for d in ("graph", "node", "edge")}


def _element(indent: str, head: str, tag: str, children: list[str]) -> str:
    if not children:
        return f"{indent}{head}/>\n"
    return f"{indent}{head}>\n{''.join(children)}{indent}</{tag}>\n"


def _safe_data(domain: str, element: Any, data: dict) -> dict[str, Scalar | None]:
    out: dict[str, Scalar | None] = {}
    for name, value in data.items():
        try:
            out[str(name)] = graphml_safe(value)
        except GraphMLTypeError as err:
            where = "graph" if domain == "graph" else f"{domain} {element!r}"
            raise GraphMLTypeError(f"{where}, attribute {name!r}: {err}") from err
    return out


def _column_type(domain: str, name: str, values: list[Scalar | None]) -> str:
    """The one GraphML type for every value of attribute ``name`` in ``domain``."""
    kinds = {type(v) for v in values if v is not None}
    if domain != "graph" and name == "label":
        return "string"  # Gephi's display name
    if not kinds or str in kinds:
        xml_type = "string"
    elif kinds == {bool}:
        xml_type = "boolean"
    elif float in kinds:
        xml_type = "double"
    else:
        ints = [int(v) for v in values if v is not None]
        if all(i in _INT32 for i in ints):
            xml_type = "int"
        elif all(i in _INT64 for i in ints):
            xml_type = "long"
        else:
            big = next(i for i in ints if i not in _INT64)
            raise GraphMLTypeError(f"{domain} attribute {name!r}: the int {big} does not fit GraphML's 64-bit long")
    if domain == "edge" and name == "weight":  # Gephi's edge weight must be a number
        if xml_type == "string":
            bad = next(v for v in values if isinstance(v, str))
            raise GraphMLTypeError(f"edge attribute 'weight' must be a number for Gephi; got str {bad!r:.60}")
        if xml_type == "boolean":
            xml_type = "int"
    return xml_type


def _format(value: Scalar | None, xml_type: str) -> str:
    if xml_type == "string":
        return _text(value)
    if value is None:
        value = _DEFAULTS[xml_type]
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type in ("int", "long"):
        return str(int(value))
    return _float_text(float(value))


def _text(value: Scalar | None) -> str:
    return scalar_text(value, _float_text)


def _float_text(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"  # read by Java (Gephi), C strtod (igraph) and Python
    return repr(x)


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        # "\r" as a reference: a literal one would be read back as "\n".
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _xml_name(value: Any, fallback: str) -> str:
    """``value`` as an NMTOKEN: XML-invalid characters stripped, disallowed ones escaped."""
    text = "" if value is None else _clean(str(value))
    if not text:
        return fallback
    if "_x" not in text and _NMTOKEN.fullmatch(text):
        return text
    # "_" before "x" is escaped too, so every "_x" in the output starts an escape.
    return "".join(
        _escape_char(c) if not _NAME_CHAR.match(c) or (c == "_" and text[i + 1 : i + 2] == "x") else c
        for i, c in enumerate(text)
    )


def _escape_char(c: str) -> str:
    return f"_x{ord(c):04X}_" if ord(c) <= 0xFFFF else f"_x{ord(c):08X}_"


def _unique(ids: list[str]) -> list[str]:
    """Make ``ids`` unique, in order: a repeat gets the first free ``-2``, ``-3``, ... suffix."""
    taken, seen, out = set(ids), set(), []
    for i in ids:
        if i in seen:
            n = 2
            while f"{i}-{n}" in taken:
                n += 1
            i = f"{i}-{n}"
            taken.add(i)
        seen.add(i)
        out.append(i)
    return out


# --- reading -------------------------------------------------------------------------


def _unescape(value: Any) -> Any:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _ESCAPED.sub(lambda m: chr(c) if (c := int(m[1], 16)) <= 0x10FFFF else m[0], value)


def _unescape_names(data: dict) -> dict:
    return {_unescape(k): v for k, v in data.items()}
