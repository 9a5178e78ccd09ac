"""The one reading and writing of graph attributes, shared by the notebook API
(:mod:`graph.query`), the explorer page and the tables.

The graph :mod:`graph.build` makes holds scalars: ``|``-joined lists (``aliases``, ``docs``),
numbers, booleans and ``provenance`` as a JSON string. A graph read back from GraphML, or
made by hand, may hold strings where numbers were, lists where strings were, or nothing:
these functions read any of them without raising.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

_SURROGATE = re.compile("[\ud800-\udfff]")


def text(value: Any) -> str:
    """A value as text; ``None`` is ""; lone surrogates, which UTF-8 cannot hold, become U+FFFD."""
    if value is None:
        return ""
    return _SURROGATE.sub("\ufffd", str(value))


def split(value: Any) -> list[str]:
    """A ``|``-joined attribute (or a list) as its non-empty items, each stripped."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else text(value).split("|")
    return [s for s in (text(v).strip() for v in items) if s]


def number(value: Any, default: float = 0.0) -> float:
    """A number, or ``default`` for anything that is not a finite one."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return default
    return x if math.isfinite(x) else default


def scalar_text(value: Any, float_text: Callable[[float], str] = repr) -> str:
    """A scalar as a file writes it: "" for ``None``, ``true``/``false``, a float by ``float_text``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_text(value)
    return str(value)


def provenance(attrs: dict, *, summary: bool = True) -> list[dict]:
    """An edge's evidence records, whether ``provenance`` is a JSON string (GraphML) or a list.

    With ``summary``, an edge with no records gives one made of its ``evidence`` and first document.
    """
    raw = attrs.get("provenance")
    records: Any = raw
    if isinstance(raw, str):
        try:
            records = json.loads(raw) if raw.strip() else []
        except ValueError:
            records = []
    if not isinstance(records, list):
        records = []
    records = [r for r in records if isinstance(r, dict)]
    if summary and not records and (attrs.get("evidence") or attrs.get("docs")):
        docs = split(attrs.get("docs"))
        records = [{"doc": docs[0] if docs else "", "sentence": attrs.get("evidence", "")}]
    return records
