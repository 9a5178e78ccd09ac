"""graph: merge triples into one knowledge graph, export it, and query it.

Start from a build's output in a notebook::

    from graph import read_graphml
    kg = read_graphml("out/graph.graphml")
"""

from graph.build import KnowledgeGraph


def read_graphml(path) -> KnowledgeGraph:
    """Load a graph written by ``kg build`` (or :meth:`KnowledgeGraph.write_graphml`)."""
    from graph.graphml import read_graphml as _read

    return KnowledgeGraph(_read(path))


__all__ = ["KnowledgeGraph", "read_graphml"]
