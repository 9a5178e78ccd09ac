"""Old import paths of modules that moved, kept working for one release.

``import graph.html`` (or ``from graph import inputs``) gives the module at its new place:
the very same module object, so code that reads or patches its names still works. New code
imports the new paths. Remove this table (and its finder) in the release after next.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType

MOVED = {
    "graph.inputs": "extract.documents",
    "graph.graphml": "graph.export.graphml",
    "graph.html": "graph.export.html",
    "graph.tables": "graph.export.tables",
    "graph.cache": "graph.run.cache",
    "graph.fingerprint": "graph.run.fingerprint",
    "graph.options": "graph.run.options",
    "graph.distributed": "graph.run.dask",
}
"""Old module name -> the module it moved to."""


class _MovedLoader(importlib.abc.Loader):
    def create_module(self, spec) -> ModuleType:
        module = importlib.import_module(MOVED[spec.name])
        self.spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """The module at its new place is already loaded: give it back its own spec, which
        the import system replaced with the old name's."""
        module.__spec__ = self.spec


class _MovedFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, _MovedLoader())
        return None


def install() -> None:
    """Let the old paths import (once per process)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _MovedFinder())
