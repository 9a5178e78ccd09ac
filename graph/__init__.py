"""graph: merge triples into one knowledge graph, export it, and query it.

Start from a build's output in a notebook::

    from graph import read_graphml
    kg = read_graphml("out/graph.graphml")
    kg.roles(); kg.actions(actor="United States"); kg.path("Kadhimi", "Soleimani")

Names are imported on first use, so that the ``kg`` command starts at once.
"""

from importlib import import_module

from graph import moved

moved.install()  # graph.inputs, graph.html, ...: the old paths of moved modules, for one release

__all__ = ["KnowledgeGraph", "read_graphml"]


def read_graphml(path):
    """Load a graph written by ``kg build`` (or :meth:`KnowledgeGraph.write_graphml`)."""
    from graph.build import KnowledgeGraph
    from graph.export.graphml import read_graphml as _read

    return KnowledgeGraph(_read(path))


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        return import_module("graph.build").KnowledgeGraph
    if f"graph.{name}" in moved.MOVED:  # from graph import inputs
        return import_module(moved.MOVED[f"graph.{name}"])
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
