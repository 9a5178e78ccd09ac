"""graph: merge triples into one knowledge graph, export it, and query it.

Start from a build's output in a notebook::

    from graph import read_graphml
    kg = read_graphml("out/graph.graphml")
"""

from graph.build import KnowledgeGraph
from graph.query import QUERY_METHODS

# The notebook API (graph/query.py) as methods: kg.find(...), kg.roles(), kg.actions(...), ...
for _method in QUERY_METHODS:
    setattr(KnowledgeGraph, _method.__name__, _method)


def read_graphml(path) -> KnowledgeGraph:
    """Load a graph written by ``kg build`` (or :meth:`KnowledgeGraph.write_graphml`)."""
    from graph.graphml import read_graphml as _read

    return KnowledgeGraph(_read(path))


__all__ = ["KnowledgeGraph", "read_graphml"]
