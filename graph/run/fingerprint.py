"""Digests of what a build depends on, so that work whose inputs did not change is skipped.

- :func:`source_digest`: the code and data files of packages (``extract/``, ``graph/``).
  Dask workers compare the extractor's; a build records both packages'.
- :func:`build_fingerprint`: everything the outputs of ``kg build`` depend on: each
  document's id, content hash and status, the extractor and pipeline, the options that
  change the outputs, the aliases file, and the code. When it matches the one in the
  previous ``report.json`` and every output is still there, the outputs are already what
  this build would write.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable


def source_digest(*packages: str) -> str:
    """sha256 of every file of the named packages (code, data, templates), as installed here."""
    import importlib.util

    digest = hashlib.sha256()
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise ValueError(f"no installed package {package!r}")
        root = Path(spec.origin).resolve().parent
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(f"{package}/{path.relative_to(root).as_posix()}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_fingerprint(documents: Iterable, *, extractor: str, pipeline: str, options: dict,
                      aliases: Path | None) -> str:
    """One digest of a build's inputs and settings (see the module docstring).

    ``documents`` are :class:`extract.documents.Document` objects; ``options`` the settings that
    change what is written (formats, metonymy, chunk size).
    """
    state = {
        "documents": [(d.doc_id, d.source, d.content_hash, d.status, d.reason, d.notes, d.metadata) for d in documents],
        "extractor": extractor,
        "pipeline": pipeline,
        "options": options,
        "aliases": hashlib.sha256(Path(aliases).read_bytes()).hexdigest() if aliases else None,
        "code": source_digest("extract", "graph"),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()
