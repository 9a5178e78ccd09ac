"""The hand-labelled check of the BBC graph's hubs: over-merged, wrong-typed and fragmented nodes.

    python bench/bbc_hubs.py OUT/nodes.csv [--labels tests/data/bbc_hubs.csv] [--list]

``tests/data/bbc_hubs.csv`` labels the 300 most-mentioned nodes of ``kg build
../shared/data/bbc/articles.jsonl`` as the rules stood before issue 17 (labelled by hand from
each node's aliases and the articles, before any rule changed). Columns::

    rank,label,type_built,mentions,correct_type,entity,wrong_aliases,same_entity_as,note

- ``correct_type``: the types a node of this entity may have (``|``-joined; ``OTHER`` is
  a product, work, award or no name at all, which no node type fits);
- ``wrong_aliases``: aliases the node held that name a different entity; one marked ``~``
  ("~Houston" of "John Houston") is also the entity's own short name, so it counts only
  when the node has a document that does not write the full label (the city's articles);
- ``same_entity_as``: names of other nodes that are the same entity ("Tory" and "Tories").

Each labelled row is looked up in the graph given: its node is the one whose label is the
row's label, else the most-mentioned node holding it (or, failing that, the row's entity)
among its aliases. Then:

- **over-merged**: the node holds one of the row's wrong aliases;
- **wrong type**: the node's type is not among ``correct_type`` (``OTHER`` rows are counted
  apart, as out of the graph's types: the graph has no type for a product or a film);
- **fragmented**: a name of ``same_entity_as`` has a node, and it is not the row's node.

Shares are over the labelled rows. ``--list`` prints every row that fails a check.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "bbc_hubs.csv"
ARTICLES = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def read_nodes(path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Nodes by id, and alias -> node ids (most mentioned first)."""
    nodes = {r["id"]: r for r in csv.DictReader(open(path, newline="", encoding="utf-8"))}
    by_alias: dict[str, list[str]] = defaultdict(list)
    for nid, r in nodes.items():
        for a in r["aliases"].split("|"):
            by_alias[a].append(nid)
    for ids in by_alias.values():
        ids.sort(key=lambda n: (-int(nodes[n]["mentions"]), n))
    return nodes, by_alias


def node_of(name: str, nodes: dict, by_alias: dict) -> str | None:
    """The node labelled ``name`` (the most mentioned if several), else the most mentioned holding it as an alias."""
    labelled = sorted((n for n, r in nodes.items() if r["label"] == name), key=lambda n: -int(nodes[n]["mentions"]))
    if labelled:
        return labelled[0]
    ids = by_alias.get(name)
    return ids[0] if ids else None


def _articles() -> dict[str, str]:
    return {(r := json.loads(line))["id"]: r["text"] for line in open(ARTICLES, encoding="utf-8") if line.strip()}


def named_in_full(label: str, node: dict) -> bool:
    """Does every document of the node write ``label``? Then a short alias ("Houston" of
    "John Houston") is the person's own, resolved in those documents."""
    texts = _articles_cache or _articles_cache.update(_articles()) or _articles_cache
    return all(label in texts.get(d, "") for d in node["docs"].split("|"))


_articles_cache: dict[str, str] = {}


def check(labels_path, nodes_path) -> dict:
    """Every labelled row's verdicts on the graph of ``nodes_path``."""
    nodes, by_alias = read_nodes(nodes_path)
    rows = list(csv.DictReader(open(labels_path, newline="", encoding="utf-8")))
    out = {"rows": len(rows), "missing": [], "over_merged": [], "wrong_type": [], "other": [], "fragmented": []}
    for row in rows:
        nid = node_of(row["label"], nodes, by_alias) or node_of(row["entity"], nodes, by_alias)
        if nid is None:
            out["missing"].append(row["label"])
            continue
        node = nodes[nid]
        aliases = set(node["aliases"].split("|"))
        wrong = [a for a in row["wrong_aliases"].split("|")
                 if a and a.lstrip("~") in aliases and not (a.startswith("~") and named_in_full(row["label"], node))]
        if wrong:
            out["over_merged"].append(f"{row['label']!r} -> {nid!r} holds {wrong}")
        types = row["correct_type"].split("|")
        if types == ["OTHER"]:
            out["other"].append(f"{row['label']!r} -> {nid!r} ({node['type']})")
        elif node["type"] not in types:
            out["wrong_type"].append(f"{row['label']!r} -> {nid!r} is {node['type']}, not {row['correct_type']}")
        apart = sorted({o for name in row["same_entity_as"].split("|") if name
                        for o in [node_of(name, nodes, by_alias)] if o is not None and o != nid})
        if apart:
            out["fragmented"].append(f"{row['label']!r} -> {nid!r}, apart from {apart}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("nodes", help="nodes.csv of a build of ../shared/data/bbc/articles.jsonl")
    ap.add_argument("--labels", default=LABELS)
    ap.add_argument("--list", action="store_true", help="print every row that fails a check")
    args = ap.parse_args()
    r = check(args.labels, args.nodes)
    n = r["rows"]
    for what in ("over_merged", "wrong_type", "fragmented", "other", "missing"):
        print(f"{what.replace('_', ' ')}: {len(r[what])}/{n} ({100 * len(r[what]) / n:.1f}%)")
        if args.list:
            for line in r[what]:
                print("   ", line.replace("\n", "\\n"))


if __name__ == "__main__":
    main()
