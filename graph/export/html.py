"""A self-contained, offline, interactive HTML explorer for a knowledge graph.

The page embeds everything it needs: the vis-network library that pyvis ships
(inlined, never fetched from a CDN), the graph as a JSON data block, and a small
script that adds search, filters, a legend and an evidence side panel.

Every string in the graph comes from documents and is treated as hostile:

* the data travels in ``<script type="application/json">`` with ``<``, ``>``, ``&``
  and U+2028/U+2029 escaped, so no string can close the block;
* the page script builds all text with ``textContent`` / DOM nodes, never
  ``innerHTML``; vis-network draws labels on a canvas, and tooltips are DOM
  elements built the same way;
* a Content-Security-Policy allows only the page's own inline scripts (by
  hash) and no network access at all, as a second line of defence.

Node positions are computed here (deterministically), so the same graph always
gives a byte-identical page and big graphs open without in-browser physics.
"""

from __future__ import annotations

import base64
import functools
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
from graph.export.attributes import provenance
from graph.export.attributes import split as _split
from graph.export.attributes import text as _text
from graph.export.layout import layout as _layout
from graph.files import atomic_write

__all__ = ["render_html", "write_html"]

# Above this many nodes the browser gets the Python layout as-is (physics off):
# force simulation of thousands of nodes in JS is slow and never settles nicely.
PHYSICS_MAX_NODES = 300
_VIS_DIR = "templates/lib/vis-9.1.2"

TYPE_COLORS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "GPE": "#59a14f",
    "LOC": "#76b7b2",
    "NORP": "#edc948",
    "FAC": "#b07aa1",
    "EVENT": "#e15759",
    "GROUP": "#9c755f",
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


def render_html(g: nx.MultiDiGraph, *, title: str = "Knowledge graph") -> str:
    """Return the explorer page for ``g`` as one self-contained HTML string.

    The result is deterministic: the same graph and title give identical bytes.
    """
    data = _payload(g, title)
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


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "Knowledge graph") -> None:
    """Render ``g`` and write it to ``path`` atomically (no half-written page)."""
    html = render_html(g, title=title)
    with atomic_write(path) as f:
        f.write(html)


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


def _provenance(attrs: dict) -> list[dict[str, str]]:
    """Every evidence sentence with its document id, tolerant of bad input."""
    out: list[dict[str, str]] = []
    for item in provenance(attrs, summary=False):
        if _text(item.get("sentence")).strip():
            entry = {"doc": _text(item.get("doc")), "sentence": _text(item.get("sentence"))}
            if entry not in out:
                out.append(entry)
    if not out and _text(attrs.get("evidence")).strip():
        out.append({"doc": ", ".join(_split(attrs.get("docs"))), "sentence": _text(attrs.get("evidence"))})
    return out


def _palette(names: set[str], fixed: dict[str, str]) -> dict[str, str]:
    colors = {n: fixed[n] for n in names if n in fixed}
    for i, n in enumerate(sorted(names - fixed.keys())):
        colors[n] = _EXTRA_COLORS[i % len(_EXTRA_COLORS)]
    return colors


def _payload(g: nx.MultiDiGraph, title: str) -> dict:
    node_ids = sorted(g.nodes, key=str)
    index = {n: i for i, n in enumerate(node_ids)}
    nodes: list[dict[str, Any]] = []
    for n in node_ids:
        a = g.nodes[n]
        label = _text(a.get("label")) or _text(n)
        mentions = int(_number(a.get("mentions"), 1))
        nodes.append(
            {
                "id": _text(n),
                "label": label,
                "type": _text(a.get("type")) or "OTHER",
                "aliases": _split(a.get("aliases")),
                "roles": _split(a.get("roles")),
                "docs": _split(a.get("docs")),
                "mentions": mentions,
                "size": round(min(48.0, 10.0 + 5.0 * math.log1p(max(mentions, 0))), 1),
            }
        )
        if group := " \u00b7 ".join(x for x in (_text(a.get("country")), _text(a.get("sector"))) if x):
            nodes[-1]["group"] = group  # a group actor's country and sector: "Egypt · police"

    raw_edges = sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    edges: list[dict[str, Any]] = []
    pair_count: dict[tuple[int, int], int] = {}
    for u, v, key, a in raw_edges:
        s, t = index[u], index[v]
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
                "weight": int(_number(a.get("weight"), 1)),
                "confidence": round(_number(a.get("confidence")), 3),
                "docs": _split(a.get("docs")),
                "provenance": _provenance(a),
                "curve": 0 if nth == 0 else (1 if nth % 2 else -1) * 0.18 * ((nth + 1) // 2),
            }
        )

    positions = _layout(len(nodes), [(e["from"], e["to"]) for e in edges])
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
    return {
        "title": _text(title),
        "physics": len(nodes) <= PHYSICS_MAX_NODES,
        "roleColor": ROLE_COLOR,
        # Legend order: the builder's types in their usual order, then extras sorted.
        "types": [{"name": t, "color": types[t], "count": type_n[t]} for t in known_types + sorted(set(types) - set(known_types))],
        "categories": [{"name": c, "color": cats[c], "count": cat_n[c]} for c in sorted(cats, key=lambda c: (-cat_n[c], c))],
        "nodes": nodes,
        "edges": edges,
    }
