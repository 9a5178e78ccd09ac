"""A self-contained, offline, interactive HTML explorer for a knowledge graph.

The page embeds everything it needs: the vis-network library that pyvis ships
(inlined, never fetched from a CDN), the graph as a JSON data block, and a small
script that adds the overview (connected entities only, the most important ones
labelled), filters, focus on a neighbourhood with a back control, a ranked entity
table, search, and an evidence panel with the argument spans highlighted.

Every string in the graph comes from documents and is treated as hostile:

* the data travels in ``<script type="application/json">`` with ``<``, ``>``, ``&``
  and U+2028/U+2029 escaped, so no string can close the block;
* the page script builds all text with ``textContent`` / DOM nodes, never
  ``innerHTML``; vis-network draws labels on a canvas, and tooltips are DOM
  elements built the same way;
* a Content-Security-Policy allows only the page's own inline scripts (by
  hash) and no network access at all, as a second line of defence.

Node positions are computed here (deterministically), so the same graph always
gives a byte-identical page and big graphs open without in-browser physics: the
connected components packed without overlap, the isolated entities in a grid below
them (drawn only when the user asks for them).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import json
import math
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from graph.export.attributes import number as _number
from graph.export.attributes import provenance as _stored_provenance
from graph.export.attributes import split as _split
from graph.export.attributes import text as _text
from graph.export.layout import layout
from graph.files import atomic_write
from graph.timeline import edge_spans

__all__ = ["render_html", "write_html"]

# Importance of an entity (label priority, table order, dot size): links count more
# than mentions, since a much-mentioned entity with no relation says little on a graph.
_DEGREE_WEIGHT = 2.0
_MIN_SIZE, _MAX_SIZE, _SIZE_PER_SCORE2 = 5.0, 40.0, 0.12  # dot radius grows with score squared: hubs stand out
_VIS_DIR = "templates/lib/vis-9.1.2"

TYPE_COLORS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "GPE": "#59a14f",
    "LOC": "#76b7b2",
    "NORP": "#edc948",
    "FAC": "#b07aa1",
    "EVENT": "#e15759",
}
# Cooperative PLOVER categories in greens/blues, conflictual ones in oranges/reds.
CATEGORY_COLORS = {
    "AGREE": "#2e7d32",
    "CONSULT": "#1565c0",
    "SUPPORT": "#00897b",
    "CONCEDE": "#7cb342",
    "COOPERATE": "#43a047",
    "AID": "#26a69a",
    "RETREAT": "#9e9d24",
    "REQUEST": "#5e35b1",
    "ACCUSE": "#f57c00",
    "REJECT": "#ef6c00",
    "THREATEN": "#d84315",
    "PROTEST": "#8d6e63",
    "SANCTION": "#6d4c41",
    "MOBILIZE": "#ad1457",
    "COERCE": "#c62828",
    "ASSAULT": "#b71c1c",
    "OTHER": "#757575",
}
ROLE_COLOR = "#90a4ae"
# For types/categories not listed above; assigned in sorted order (deterministic).
_EXTRA_COLORS = ["#9c755f", "#bab0ac", "#ff9da7", "#17becf", "#bcbd22", "#8c564b", "#e377c2", "#7f7f7f"]


def render_html(g: nx.MultiDiGraph, *, title: str = "Knowledge graph", doc_titles: dict[str, str] | None = None) -> str:
    """Return the explorer page for ``g`` as one self-contained HTML string.

    ``doc_titles`` maps document ids to titles (from the input records), shown beside
    the ids and searchable in the document filter. The result is deterministic: the
    same graph, title and titles give identical bytes.
    """
    with _collector_paused():
        data = _payload(g, title, doc_titles or {})
    page = _template().render(
        title=title,
        data=_json_for_script(data),
        vis_js=_vis_asset("vis-network.min.js"),
        vis_css=_vis_asset("vis-network.css"),
        csp="__KG_CSP__",
    )
    # Hash the inline scripts exactly as they appear in the page, so the policy
    # allows them and nothing else (no injected <script>, no onerror=...).
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
        for s in re.findall(r"^<script>(.*?)</script>$", page, flags=re.S | re.M)
    )
    csp = (
        "default-src 'none'; script-src %s; style-src 'unsafe-inline'; img-src data:; "
        "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'" % hashes
    )
    # The placeholder is in the <meta> before any data, so replacing once is exact.
    return page.replace("__KG_CSP__", csp, 1)


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "Knowledge graph",
               doc_titles: dict[str, str] | None = None) -> None:
    """Render ``g`` and write it to ``path`` atomically (no half-written page)."""
    html = render_html(g, title=title, doc_titles=doc_titles)
    with atomic_write(path) as f:
        f.write(html)


@contextlib.contextmanager
def _collector_paused():
    """No garbage collection while the data is built: it makes some 10^5 small objects, and
    each collection they trigger walks the whole graph again (a third of the time on a corpus)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- assets


@functools.lru_cache(maxsize=None)
def _vis_asset(name: str) -> str:
    text = (resources.files("pyvis") / _VIS_DIR / name).read_text(encoding="utf-8")
    # A source-map comment would make developer tools fetch a file that is not there.
    text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
    # Inlined verbatim, so it must not be able to end its own <script>/<style>.
    if re.search(r"</(script|style)|<!--", text, flags=re.I):
        raise RuntimeError(f"pyvis asset {name} cannot be inlined safely")
    return text


@functools.lru_cache(maxsize=None)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("explorer.html")


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    These characters only ever occur inside JSON strings, where the \\u escapes
    mean the same thing to ``JSON.parse``.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


# --------------------------------------------------------------------------- data


def _span(value: Any, start: int, sentence: str) -> list[int] | None:
    """A document span ``[a, b]`` as offsets into its sentence, or None when it is not inside it.

    The offsets are in UTF-16 code units, as JavaScript strings count them (a character
    outside the Basic Multilingual Plane is one Python character but two there).
    """
    if not (isinstance(value, (list, tuple)) and len(value) == 2):
        return None
    a, b = (int(_number(v, -1)) - start for v in value)
    if not 0 <= a < b <= len(sentence):
        return None
    return [_utf16_len(sentence[:a]), _utf16_len(sentence[:b])]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _provenance(attrs: dict) -> list[dict[str, Any]]:
    """Every evidence sentence with its document id and the two argument spans
    (``s`` and ``o``, offsets into the sentence, or None), tolerant of bad input; a dated
    sentence also has its ``date``, ``date_source`` and ``date_text``."""
    out: list[dict[str, Any]] = []
    for item in _stored_provenance(attrs, summary=False):
        if _text(item.get("sentence")).strip():
            sentence, start = _text(item.get("sentence")), int(_number(item.get("sentence_start")))
            entry = {"doc": _text(item.get("doc")).strip(), "sentence": sentence,
                     "s": _span(item.get("subject"), start, sentence), "o": _span(item.get("object"), start, sentence)}
            if _text(item.get("date")).strip():
                entry.update({k: _text(item.get(k)) for k in ("date", "date_source", "date_text")})
            if entry not in out:
                out.append(entry)
    if not out and _text(attrs.get("evidence")).strip():
        docs = _split(attrs.get("docs"))
        out.append({"doc": docs[0] if len(docs) == 1 else "", "sentence": _text(attrs.get("evidence")), "s": None, "o": None})
    return out


def _spans(attrs: dict) -> list[list[str]]:
    """The edge's (first day, last day) pairs from :func:`graph.timeline.edge_spans` ('' for an open end)."""
    return [list(span) for span in edge_spans(attrs)]


def _palette(names: set[str], fixed: dict[str, str]) -> dict[str, str]:
    colors = {n: fixed[n] for n in names if n in fixed}
    for i, n in enumerate(sorted(names - fixed.keys())):
        colors[n] = _EXTRA_COLORS[i % len(_EXTRA_COLORS)]
    return colors


def _payload(g: nx.MultiDiGraph, title: str, doc_titles: dict[str, str]) -> dict:
    """The page's data: nodes and edges by index (as columns), documents as indices into ``docs``."""
    node_ids = sorted(g.nodes, key=str)
    index = {n: i for i, n in enumerate(node_ids)}
    node_docs = [_split(g.nodes[n].get("docs")) for n in node_ids]
    raw_edges = sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    edge_docs = [_split(a.get("docs")) for *_, a in raw_edges]
    provenance = [_provenance(a) for *_, a in raw_edges]
    doc_names = {d for ds in node_docs + edge_docs for d in ds} | {p["doc"] for ps in provenance for p in ps if p["doc"]}
    doc_list = sorted(doc_names)
    doc_index = {d: k for k, d in enumerate(doc_list)}

    edges: list[dict[str, Any]] = []
    pair_count: dict[tuple[int, int], int] = {}
    neighbours: list[set[int]] = [set() for _ in node_ids]
    for (u, v, key, a), docs, prov in zip(raw_edges, edge_docs, provenance):
        s, t = index[u], index[v]
        if s != t:
            neighbours[s].add(t)
            neighbours[t].add(s)
        kind = "role" if _text(a.get("kind")) == "role" else "action"
        modality = _text(a.get("modality")) or "asserted"
        if a.get("negated") is True and modality == "asserted":
            modality = "negated"
        # Parallel edges between the same two nodes are bent apart so all stay visible.
        pair = (min(s, t), max(s, t))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        edges.append(
            {
                "id": _text(a.get("id")) or _text(key),
                "from": s,
                "to": t,
                "kind": kind,
                "label": _text(a.get("label")),
                "category": (_text(a.get("category")) or "OTHER") if kind == "action" else "",
                "modality": modality,
                "weight": max(1, int(_number(a.get("weight"), 1))),
                "confidence": round(_number(a.get("confidence")), 3),
                "docs": [doc_index[d] for d in docs],
                "provenance": [{**p, "doc": doc_index.get(p["doc"], -1)} for p in prov],
                "curve": 0 if nth == 0 else (1 if nth % 2 else -1) * 0.18 * ((nth + 1) // 2),
                "spans": _spans(a),
            }
        )

    nodes: list[dict[str, Any]] = []
    for n, docs, near in zip(node_ids, node_docs, neighbours):
        a = g.nodes[n]
        mentions = max(0, int(_number(a.get("mentions"), 1)))
        score = _DEGREE_WEIGHT * math.log1p(len(near)) + math.log1p(mentions)
        nodes.append(
            {
                "id": _text(n),
                "label": _text(a.get("label")) or _text(n),
                "type": _text(a.get("type")) or "OTHER",
                "aliases": _split(a.get("aliases")),
                "roles": _split(a.get("roles")),
                "docs": [doc_index[d] for d in docs],
                "mentions": mentions,
                "degree": len(near),
                "score": round(score, 4),
                "size": round(min(_MAX_SIZE, _MIN_SIZE + _SIZE_PER_SCORE2 * score * score), 1),
                # a group actor's country and sector: "Egypt · police"
                "group": " \u00b7 ".join(x for x in (_text(a.get("country")), _text(a.get("sector"))) if x),
            }
        )

    order = sorted(range(len(nodes)), key=lambda i: (-nodes[i]["score"], i))
    positions = layout(len(nodes), [(e["from"], e["to"]) for e in edges], order)
    for node, (x, y) in zip(nodes, positions):
        node["x"], node["y"] = int(round(x)), int(round(y))

    types = _palette({n["type"] for n in nodes}, TYPE_COLORS)
    cats = _palette({e["category"] for e in edges if e["kind"] == "action"}, CATEGORY_COLORS)

    def counts(values: list[str]) -> dict[str, int]:
        c: dict[str, int] = {}
        for v in values:
            c[v] = c.get(v, 0) + 1
        return c

    type_n = counts([n["type"] for n in nodes])
    cat_n = counts([e["category"] for e in edges if e["kind"] == "action"])
    known_types = [t for t in TYPE_COLORS if t in types]
    # The time control's range: the earliest and latest day any evidence names (None: no control).
    days = sorted(day for e in edges for span in e["spans"] for day in span if day)
    if not days:
        for e in edges:
            del e["spans"]
    return {
        "title": _text(title),
        "roleColor": ROLE_COLOR,
        # Legend order: the builder's types in their usual order, then extras sorted.
        "types": [{"name": t, "color": types[t], "count": type_n[t]} for t in known_types + sorted(set(types) - set(known_types))],
        "categories": [{"name": c, "color": cats[c], "count": cat_n[c]} for c in sorted(cats, key=lambda c: (-cat_n[c], c))],
        "docs": [{"id": _text(d), "title": _text(doc_titles.get(d))} for d in doc_list],
        "order": order,
        "dates": [days[0], days[-1]] if days else None,
        "nodes": _columns(nodes),
        "edges": _columns(edges),
    }


def _columns(rows: list[dict]) -> dict[str, list]:
    """Rows as one list per field: each field name is written once, not once per row
    (a quarter of a corpus's page was the names of the entities' fields)."""
    return {key: [row[key] for row in rows] for key in sorted(rows[0])} if rows else {}
