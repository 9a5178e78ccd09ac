"""Asking a knowledge graph questions from a notebook.

:class:`QueryMixin` gives :class:`~graph.build.KnowledgeGraph` its query methods
(``kg.find(...)``, ``kg.roles()``, ...). Each is also a function of this module that takes
a KnowledgeGraph or a bare :class:`networkx.MultiDiGraph` first (``query.find(g, "Kadhimi")``).

Entities are named the way a user would type them: :func:`find` matches any alias,
case-insensitively, then fuzzily ("Kadhimi", "soleimani", "Pompeo"). A name that
matches nothing raises :class:`EntityNotFound` (a :class:`KeyError`) with suggestions.

Tables are :class:`pandas.DataFrame` objects, and every row carries the ids of the
documents it comes from (``docs``, ``|``-joined as in the graph) and an evidence
sentence, so any answer can be checked against the text.
"""

from __future__ import annotations

import html as _html
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable, cast

import networkx as nx
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from extract.names import normal_title
from graph.export.attributes import number as _number
from graph.export.attributes import provenance as _provenance
from graph.export.attributes import split as _split
from graph.timeline import in_range, timeline

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EntityNotFound",
    "QueryMixin",
    "QUERY_METHODS",
    "actions",
    "aliases",
    "communities",
    "evidence",
    "find",
    "neighbors",
    "path",
    "roles",
    "show",
    "subgraph",
]

FIND_THRESHOLD = 70.0
"""Lowest similarity (0-100, see :func:`_similarity`) that :func:`find` accepts."""

_SUGGEST_THRESHOLD = 50.0

ROLE_COLUMNS = ["person", "role", "organisation", "weight", "confidence", "docs", "evidence", "modality", "tense", "source",
                "edge_id"]
ACTION_COLUMNS = ["actor", "action", "target", "category", "modality", "negated", "weight", "confidence", "docs",
                  "evidence", "edge_id"]
NEIGHBOR_COLUMNS = ["neighbor", "direction", "kind", "label", "modality", "weight", "docs", "evidence", "neighbor_id",
                    "edge_id"]
EVIDENCE_COLUMNS = ["subject", "label", "object", "doc", "sentence", "sentence_start", "sentence_end", "kind",
                    "modality", "confidence", "pattern", "edge_id"]


class EntityNotFound(KeyError):
    """No entity of the graph goes by the name asked for."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


# --------------------------------------------------------------------------- helpers


def _g(kg) -> nx.MultiDiGraph:
    return kg if isinstance(kg, nx.Graph) else kg.graph


def _label(g: nx.MultiDiGraph, n) -> str:
    return str(g.nodes[n].get("label", n))


def _names(g: nx.MultiDiGraph, n) -> list[str]:
    """Every name a node goes by: its id, label and aliases (no duplicates, in that order)."""
    out = [str(n), _label(g, n), *_split(g.nodes[n].get("aliases"))]
    return list(dict.fromkeys(s for s in out if s))


def _int(value: Any) -> int:
    return int(_number(value))


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _negated(d: dict) -> bool:
    modality = d.get("modality") or "asserted"
    return _bool(d.get("negated", False)) or modality != "asserted"


def _edge_id(k, d: dict) -> str:
    return str(d.get("id", k))


def _mentions(g: nx.MultiDiGraph, n) -> int:
    return _int(g.nodes[n].get("mentions", 0))


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    import pandas as pd  # here, not at the top: `kg build` merges graphs without making tables

    return pd.DataFrame(rows, columns=columns).reset_index(drop=True)


# --------------------------------------------------------------------------- find


def _scores(g: nx.MultiDiGraph, name: str) -> list[tuple[float, Any]]:
    """(score, node) for every node, 100 = exact alias match; best first."""
    want = str(name).strip()
    low, processed = want.casefold(), default_process(want)
    scored = []
    for n in g.nodes:
        if str(n) == want:
            scored.append((101.0, n))  # the node id itself beats an alias another node shares
            continue
        best = 0.0
        for alias in _names(g, n):
            if alias.casefold() == low or (processed and default_process(alias) == processed):
                best = 100.0
                break
            if processed:
                best = max(best, _similarity(processed, default_process(alias)))
        scored.append((best, n))
    scored.sort(key=lambda sn: (-sn[0], -_mentions(g, sn[1]), _label(g, sn[1]).casefold(), str(sn[1])))
    return scored


def _similarity(q: str, alias: str) -> float:
    """How well a typed name fits an alias (both already lower-cased and stripped of punctuation).

    The whole alias, in any word order, or a run of its words as long as the query
    (a little less: "kadhimi" fits "mustafa al kadhimi" at 95). Matching whole words,
    not substrings, keeps short queries from fitting everything ("us" in "hussein").
    """
    best = max(fuzz.ratio(q, alias), fuzz.token_sort_ratio(q, alias))
    qw, aw = q.split(), alias.split()
    if len(aw) > len(qw):
        for i in range(len(aw) - len(qw) + 1):
            best = max(best, 0.95 * fuzz.ratio(q, " ".join(aw[i:i + len(qw)])))
    return best


def find(kg, name: str, limit: int | None = 5) -> list:
    """Node ids whose label or any alias matches ``name``, best first.

    Exact matches (case-insensitive, ignoring punctuation) come first, then fuzzy ones
    (rapidfuzz similarity ≥ 70 to a whole alias, or to a run of its words: "Kadhimi",
    "Solemani"); ties go to the more often mentioned entity. An empty list
    when nothing matches well enough.
    """
    g = _g(kg)
    hits = [n for score, n in _scores(g, name) if score >= FIND_THRESHOLD]
    return hits if limit is None else hits[:limit]


def _one(kg, name) -> Any:
    """The node ``name`` stands for (the best match of :func:`find`), or EntityNotFound."""
    g = _g(kg)
    if not isinstance(name, str) and name in g:  # a node id that is not a string
        return name
    hits = find(g, name, limit=1)
    if hits:
        return hits[0]
    close = [_label(g, n) for score, n in _scores(g, name)[:3] if score >= _SUGGEST_THRESHOLD]
    hint = f"; did you mean {', '.join(repr(c) for c in dict.fromkeys(close))}?" if close else \
        "; try find() with part of the name"
    raise EntityNotFound(f"no entity named {name!r}{hint}")


# --------------------------------------------------------------------------- tables


def roles(kg, person: str | None = None, org: str | None = None, *, include_negated: bool = False) -> pd.DataFrame:
    """Who holds which office: one row per role edge, plus roles with no organisation.

    Columns: person, role, organisation, weight, confidence, docs, evidence, modality,
    tense ('current', 'former' or 'future'; empty for a role kept on the person node), source
    (the pattern that found the organisation: a phrase pattern such as ``title_before_name``, or
    an inference such as ``national_office``, ``document_organisation`` or ``corpus_role``), edge_id.
    A role whose text names no organisation (kept on the person node) has an empty organisation and edge_id; its weight, docs and evidence come from the
    extracted triples when the graph has them (a freshly built graph), else weight 0
    and the person's documents. Negated roles ("is not the minister") are left out
    unless ``include_negated``.
    """
    g = _g(kg)
    p = _one(g, person) if person is not None else None
    o = _one(g, org) if org is not None else None
    rows: list[dict[str, Any]] = []
    for s, t, k, d in g.edges(keys=True, data=True):
        if d.get("kind") != "role" or (p is not None and s != p) or (o is not None and t != o):
            continue
        if _negated(d) and not include_negated:
            continue
        rows.append({
            "person": _label(g, s), "role": str(d.get("label", "")), "organisation": _label(g, t),
            "weight": _int(d.get("weight", 1)), "confidence": _number(d.get("confidence")),
            "docs": str(d.get("docs", "")), "evidence": str(d.get("evidence", "")),
            "modality": str(d.get("modality") or "asserted"), "tense": str(d.get("tense") or "current"),
            "source": str(d.get("pattern") or ""), "edge_id": _edge_id(k, d),
        })
    if o is None:
        loose = _loose_role_evidence(kg)
        for n, attrs in g.nodes(data=True):
            if p is not None and n != p:
                continue
            for role in _split(attrs.get("roles")):
                ev = loose.get((n, _normal_title(role)))
                rows.append({
                    "person": _label(g, n), "role": role, "organisation": "",
                    "weight": ev["weight"] if ev else 0, "confidence": ev["confidence"] if ev else 0.0,
                    "docs": ev["docs"] if ev else str(attrs.get("docs", "")),
                    "evidence": ev["evidence"] if ev else "", "modality": "asserted", "tense": "", "source": "",
                    "edge_id": "",
                })
    rows.sort(key=lambda r: (r["person"].casefold(), r["organisation"] == "", -r["weight"],
                             r["organisation"].casefold(), r["role"].casefold(), r["edge_id"]))
    return _frame(rows, ROLE_COLUMNS)


def _normal_title(title: str) -> str:
    return normal_title(title) or title.lower()


def _loose_role_evidence(kg) -> dict[tuple, dict]:
    """(node, normal title) -> weight/confidence/docs/evidence of roles that name no organisation.

    Read from ``kg.triples`` (a graph loaded from GraphML has none): role triples with
    no object whose subject's name is an alias of a node that lists that role.
    """
    triples = getattr(kg, "triples", None) or []
    if not triples:
        return {}
    g = _g(kg)
    by_alias: dict[str, list] = defaultdict(list)
    for n, attrs in g.nodes(data=True):
        if attrs.get("roles"):
            for a in _names(g, n):
                by_alias[a].append(n)
    found: dict[tuple, dict] = {}
    for t in triples:
        if getattr(t, "kind", None) != "role" or getattr(t, "object", None) is not None:
            continue
        subject = t.subject.antecedent.text
        title = _normal_title(t.predicate)
        for n in by_alias.get(subject, []):
            if title not in {_normal_title(r) for r in _split(g.nodes[n].get("roles"))}:
                continue
            acc = found.setdefault((n, title), {"seen": {}, "confidence": 0.0})
            acc["seen"].setdefault((t.doc_id, t.sentence), t.confidence)
            acc["confidence"] = max(acc["confidence"], t.confidence)
    out = {}
    for key, acc in found.items():
        seen = sorted(acc["seen"].items(), key=lambda kv: (-kv[1], kv[0][0]))
        out[key] = {
            "weight": len(seen), "confidence": round(acc["confidence"], 3),
            "docs": "|".join(sorted({doc for (doc, _), _ in seen})), "evidence": seen[0][0][1],
        }
    return out


def actions(kg, actor: str | None = None, target: str | None = None, category: str | Iterable[str] | None = None,
            include_negated: bool = False, sector: str | None = None, since: str | None = None,
            until: str | None = None) -> pd.DataFrame:
    """Who did what to whom: one row per action edge.

    Columns: actor, action, target, category, modality, negated, weight, confidence,
    docs, evidence, edge_id. Filter by ``actor`` / ``target`` (any alias, see
    :func:`find`), PLOVER ``category`` (one or several, any case) and the ``sector`` of a
    group at either end ("police", "military"). Denied and hypothetical actions ("did not
    attack", "would attack") are left out unless ``include_negated``.
    ``since`` / ``until`` (ISO dates, months or years) keep the actions with evidence dated
    within them (:func:`graph.timeline.in_range`).
    """
    g = _g(kg)
    a = _one(g, actor) if actor is not None else None
    b = _one(g, target) if target is not None else None
    if category is None:
        cats = None
    else:
        cats = {category.upper()} if isinstance(category, str) else {c.upper() for c in category}
    rows: list[dict[str, Any]] = []
    for s, t, k, d in g.edges(keys=True, data=True):
        if d.get("kind") != "action" or (a is not None and s != a) or (b is not None and t != b):
            continue
        if sector is not None and sector.lower() not in {str(g.nodes[n].get("sector", "")).lower() for n in (s, t)}:
            continue
        if not in_range(d, since, until):
            continue
        negated = _negated(d)
        if negated and not include_negated:
            continue
        cat = str(d.get("category") or "")
        if cats is not None and cat.upper() not in cats:
            continue
        rows.append({
            "actor": _label(g, s), "action": str(d.get("label", "")), "target": _label(g, t), "category": cat,
            "modality": str(d.get("modality") or "asserted"), "negated": negated,
            "weight": _int(d.get("weight", 1)), "confidence": _number(d.get("confidence")),
            "docs": str(d.get("docs", "")), "evidence": str(d.get("evidence", "")), "edge_id": _edge_id(k, d),
        })
    rows.sort(key=lambda r: (r["actor"].casefold(), -r["weight"], r["action"].casefold(), r["target"].casefold(),
                             r["modality"], r["edge_id"]))
    return _frame(rows, ACTION_COLUMNS)


def neighbors(kg, name: str) -> pd.DataFrame:
    """Everything directly linked to ``name``: one row per edge, either direction.

    Columns: neighbor, direction ("out": name → neighbor, "in": neighbor → name), kind,
    label, modality, weight, docs, evidence, neighbor_id, edge_id.
    """
    g = _g(kg)
    n = _one(g, name)
    rows: list[dict[str, Any]] = []
    for direction, edges in (("out", g.out_edges(n, keys=True, data=True)), ("in", g.in_edges(n, keys=True, data=True))):
        for s, t, k, d in edges:
            other = t if direction == "out" else s
            rows.append({
                "neighbor": _label(g, other), "direction": direction, "kind": str(d.get("kind", "")),
                "label": str(d.get("label", "")), "modality": str(d.get("modality") or "asserted"),
                "weight": _int(d.get("weight", 1)), "docs": str(d.get("docs", "")),
                "evidence": str(d.get("evidence", "")), "neighbor_id": str(other), "edge_id": _edge_id(k, d),
            })
    rows.sort(key=lambda r: (r["direction"] != "out", r["kind"], -r["weight"], r["neighbor"].casefold(),
                             r["label"].casefold(), r["edge_id"]))
    return _frame(rows, NEIGHBOR_COLUMNS)


def _best_edge(g: nx.MultiDiGraph, u, v, include_negated: bool) -> tuple | None:
    """The edge that best links u and v (either direction): asserted, heaviest, surest."""
    cands = []
    for s, t in ((u, v), (v, u)):
        for k, d in (g.get_edge_data(s, t) or {}).items():
            if include_negated or not _negated(d):
                cands.append((_negated(d), -_number(d.get("weight", 1)), -_number(d.get("confidence")),
                              s != u, _edge_id(k, d), s, t, k, d))
    return min(cands, key=lambda c: c[:5]) if cands else None


def path(kg, a: str, b: str, *, include_negated: bool = True) -> list[dict]:
    """The shortest chain of edges linking ``a`` and ``b``, whatever the edges' direction.

    A list of steps, one per edge, each a dict: ``from`` and ``to`` (the entities in
    path order), ``label``, ``direction`` ("→" when the edge runs from → to, "←"
    otherwise), ``subject`` and ``object`` (as the text states it), ``kind``,
    ``modality``, ``docs``, ``evidence`` and ``edge_id``. Between two entities the
    asserted, heaviest edge is shown. An empty list when no chain exists (or a is b).
    ``include_negated=False`` ignores denied and hypothetical edges.
    """
    g = _g(kg)
    u, v = _one(g, a), _one(g, b)
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    for s, t, d in g.edges(data=True):
        if s != t and (include_negated or not _negated(d)):
            und.add_edge(s, t)
    try:
        nodes = nx.shortest_path(und, u, v)
    except nx.NetworkXNoPath:
        return []
    steps = []
    for x, y in zip(nodes, nodes[1:]):
        *_, s, t, k, d = cast(tuple, _best_edge(g, x, y, include_negated))  # x, y are linked: never None
        steps.append({
            "from": _label(g, x), "label": str(d.get("label", "")), "to": _label(g, y),
            "direction": "→" if s == x else "←", "subject": _label(g, s), "object": _label(g, t),
            "kind": str(d.get("kind", "")), "modality": str(d.get("modality") or "asserted"),
            "docs": str(d.get("docs", "")), "evidence": str(d.get("evidence", "")),
            "edge_id": _edge_id(k, d),
        })
    return steps


def subgraph(kg, names: str | Iterable[str], radius: int = 1):
    """A new KnowledgeGraph of the named entities and everything within ``radius`` edges.

    Edge direction is ignored when counting the distance. The merge log keeps the
    records that mention a kept name, and the triples those whose subject is kept.
    """
    g = _g(kg)
    if isinstance(names, str):
        names = [names]
    centres = [_one(g, n) for n in names]
    keep: set = set()
    und = g.to_undirected(as_view=True)
    for c in centres:
        keep |= set(nx.single_source_shortest_path_length(und, c, cutoff=radius))
    sub = g.subgraph([n for n in g.nodes if n in keep]).copy()
    kept_names = {a for n in sub.nodes for a in _names(sub, n)}
    log = [r for r in (getattr(kg, "merge_log", None) or []) if kept_names & set(map(str, r.get("names", [])))]
    triples = [t for t in (getattr(kg, "triples", None) or []) if t.subject.antecedent.text in kept_names]
    if isinstance(kg, QueryMixin):
        return type(kg)(sub, merge_log=log, triples=triples)
    from graph.build import KnowledgeGraph  # a bare networkx graph asked for its subgraph

    return KnowledgeGraph(sub, merge_log=log, triples=triples)


def evidence(kg, a: str, b: str) -> pd.DataFrame:
    """Every sentence behind the edges between ``a`` and ``b`` (either direction).

    One row per provenance record. Columns: subject, label, object, doc, sentence,
    sentence_start, sentence_end, kind, modality, confidence, pattern, edge_id.
    """
    g = _g(kg)
    u, v = _one(g, a), _one(g, b)
    pairs = [(u, v)] if u == v else [(u, v), (v, u)]
    rows: list[dict[str, Any]] = []
    for s, t in pairs:
        for k, d in sorted((g.get_edge_data(s, t) or {}).items(), key=lambda kd: str(kd[0])):
            for rec in _provenance(d):
                rows.append({
                    "subject": _label(g, s), "label": str(d.get("label", "")), "object": _label(g, t),
                    "doc": str(rec.get("doc", "")), "sentence": str(rec.get("sentence", "")),
                    "sentence_start": rec.get("sentence_start"), "sentence_end": rec.get("sentence_end"),
                    "kind": str(d.get("kind", "")), "modality": str(d.get("modality") or "asserted"),
                    "confidence": _number(rec.get("confidence", d.get("confidence"))),
                    "pattern": str(rec.get("pattern", "")), "edge_id": _edge_id(k, d),
                })
    return _frame(rows, EVIDENCE_COLUMNS)


# --------------------------------------------------------------------------- structure


def communities(kg, seed: int = 42, resolution: float = 1.0, min_size: int = 1) -> list[set[str]]:
    """Groups of closely linked entities (Louvain), as sets of labels, largest first.

    Runs on the undirected simple graph whose edge weights are the summed weights of
    all edges between two entities; ``seed`` makes the result repeatable. An entity
    with no edges forms a community of its own; ``min_size=2`` leaves those out.
    """
    g = _g(kg)
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    for s, t, d in g.edges(data=True):
        if s == t:
            continue
        w = _number(d.get("weight", 1), 1.0)
        if und.has_edge(s, t):
            und[s][t]["weight"] += w
        else:
            und.add_edge(s, t, weight=w)
    if und.number_of_nodes() == 0:
        return []
    parts = nx.community.louvain_communities(und, weight="weight", resolution=resolution, seed=seed)
    groups = [{_label(g, n) for n in part} for part in parts if len(part) >= min_size]
    return sorted(groups, key=lambda s: (-len(s), sorted(x.casefold() for x in s)))


def aliases(kg, name: str) -> dict:
    """Why a node is what it is: its names and the resolver's decisions about them.

    Returns ``{"id", "label", "type", "aliases", "merge_log"}`` where ``merge_log``
    lists every record of ``kg.merge_log`` (merges, refusals, ambiguities) naming one
    of the node's aliases. A graph loaded from GraphML has no merge log.
    """
    g = _g(kg)
    n = _one(g, name)
    names = _names(g, n)
    folded = {x.casefold() for x in names}
    log = [dict(r) for r in (getattr(kg, "merge_log", None) or [])
           if folded & {str(x).casefold() for x in r.get("names", [])}]
    return {
        "id": n, "label": _label(g, n), "type": str(g.nodes[n].get("type", "")),
        "aliases": _split(g.nodes[n].get("aliases")) or [_label(g, n)], "merge_log": log,
    }


def show(kg, height: str | int = "600px", *, title: str = "Knowledge graph"):
    """Show the interactive explorer inline in Jupyter (works offline).

    Returns an :class:`IPython.display.HTML` holding a sandboxed ``<iframe srcdoc=...>``
    of the self-contained page of :func:`graph.export.html.render_html` (no network, no server;
    the page is HTML-escaped into the attribute, so no graph string can break out).
    """
    from IPython.display import HTML

    from graph.export.html import render_html

    page = render_html(_g(kg), title=title)
    if isinstance(height, (int, float)):
        height = f"{int(height)}px"
    frame = (  # wrapped in a <div>: IPython warns about a bare <iframe> in HTML()
        f'<div class="kg-explorer"><iframe srcdoc="{_html.escape(page, quote=True)}" title="{_html.escape(title, quote=True)}" '
        f'style="width: 100%; height: {_html.escape(str(height), quote=True)}; border: 1px solid #ddd;" '
        f'sandbox="allow-scripts"></iframe></div>'
    )
    return HTML(frame)


QUERY_METHODS = [find, roles, actions, neighbors, path, subgraph, evidence, communities, aliases, show, timeline]
"""The functions that are also methods of :class:`QueryMixin`."""


class QueryMixin:
    """The notebook API as methods of :class:`~graph.build.KnowledgeGraph`; each is the
    function of the same name in this module, which documents it."""

    graph: nx.MultiDiGraph
    merge_log: list[dict]
    triples: list

    def __init__(self, graph: nx.MultiDiGraph | None = None, merge_log: list[dict] | None = None,
                 triples: list | None = None):
        self.graph = graph if graph is not None else nx.MultiDiGraph()
        self.merge_log = merge_log or []
        self.triples = triples or []

    def find(self, name: str, limit: int | None = 5) -> list:
        """Node ids whose label or any alias matches ``name``, best first (:func:`find`)."""
        return find(self, name, limit)

    def roles(self, person: str | None = None, org: str | None = None, *, include_negated: bool = False) -> pd.DataFrame:
        """Who holds which office (:func:`roles`)."""
        return roles(self, person, org, include_negated=include_negated)

    def actions(self, actor: str | None = None, target: str | None = None,
                category: str | Iterable[str] | None = None, include_negated: bool = False,
                sector: str | None = None, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Who did what to whom (:func:`actions`)."""
        return actions(self, actor, target, category, include_negated, sector, since, until)

    def neighbors(self, name: str) -> pd.DataFrame:
        """Everything directly linked to ``name`` (:func:`neighbors`)."""
        return neighbors(self, name)

    def path(self, a: str, b: str, *, include_negated: bool = True) -> list[dict]:
        """The shortest chain of edges linking ``a`` and ``b`` (:func:`path`)."""
        return path(self, a, b, include_negated=include_negated)

    def subgraph(self, names: str | Iterable[str], radius: int = 1):
        """The named entities and everything within ``radius`` edges (:func:`subgraph`)."""
        return subgraph(self, names, radius)

    def evidence(self, a: str, b: str) -> pd.DataFrame:
        """Every sentence behind the edges between ``a`` and ``b`` (:func:`evidence`)."""
        return evidence(self, a, b)

    def communities(self, seed: int = 42, resolution: float = 1.0, min_size: int = 1) -> list[set[str]]:
        """Groups of closely linked entities, largest first (:func:`communities`)."""
        return communities(self, seed, resolution, min_size)

    def aliases(self, name: str) -> dict:
        """A node's names and the resolver's decisions about them (:func:`aliases`)."""
        return aliases(self, name)

    def timeline(self, entity: str, *, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """The dated events of ``entity``, oldest first (:func:`graph.timeline.timeline`)."""
        return timeline(self, entity, since=since, until=until)

    def show(self, height: str | int = "600px", *, title: str = "Knowledge graph"):
        """The interactive explorer inline in Jupyter (:func:`show`)."""
        return show(self, height, title=title)
