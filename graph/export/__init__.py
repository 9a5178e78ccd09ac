"""The outputs of a graph, one module per format, each written atomically (:mod:`graph.files`):

* :mod:`~graph.export.graphml`: GraphML for Gephi, igraph and networkx, and the reader of it;
* :mod:`~graph.export.html`: the self-contained explorer page (its layout in :mod:`~graph.export.layout`,
  its template in ``templates/``);
* :mod:`~graph.export.tables`: ``nodes.csv``, ``edges.csv`` and ``triples.jsonl``;
* :mod:`~graph.export.attributes`: the one reading of graph attributes that the notebook API, the
  page and the tables share (a graph read back from GraphML holds strings).
"""
