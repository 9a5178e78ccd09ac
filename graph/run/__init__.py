"""One build, start to finish: ``kg build`` runs :func:`build`.

The modules, in the order a build uses them:

* :mod:`~graph.run.options`: :class:`BuildOptions`, what ``kg build`` can be told (no heavy imports);
* :mod:`~graph.run.loop`: :func:`build`, documents -> cached or fresh results -> graph -> outputs;
* :mod:`~graph.run.fingerprint`: digests of the code and the inputs, so that unchanged work is skipped;
* :mod:`~graph.run.cache`: the SQLite cache of extraction results;
* :mod:`~graph.run.local` and :mod:`~graph.run.dask`: the two engines that parse what the cache lacks;
* :mod:`~graph.run.aliases`: the user's aliases file;
* :mod:`~graph.run.outputs`: every output written, all replaced together at the end.

Names are imported on first use, so that ``kg --help`` does not wait for spaCy.
"""

from importlib import import_module

_EXPORTS = {
    "build": "graph.run.loop", "BuildSummary": "graph.run.loop",
    "BuildOptions": "graph.run.options", "DEFAULT_JOBS": "graph.run.options", "ENGINES": "graph.run.options",
    "FORMATS": "graph.run.options",
    "write_outputs": "graph.run.outputs", "report_counts": "graph.run.outputs",
    "load_aliases": "graph.run.aliases", "PARALLEL_MIN_CHARS": "graph.run.local",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graph.run' has no attribute {name!r}")
