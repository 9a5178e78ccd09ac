"""What ``kg build`` can be told, kept free of heavy imports so the CLI starts at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("html", "graphml", "csv", "jsonl", "gexf")
DEFAULT_FORMATS = FORMATS[:4]  # GEXF (for Gephi's timeline) only when asked for
DEFAULT_JOBS = max(1, min(2, os.cpu_count() or 1))
ENGINES = ("local", "dask")


@dataclass
class BuildOptions:
    """Everything ``kg build`` can be told."""

    inputs: list[str] = field(default_factory=lambda: ["seeds"])
    out: Path = Path("out")
    model: str | None = None
    jobs: int = 1
    cache: Path | None = None  # None: out/.cache/results.sqlite
    use_cache: bool = True
    aliases: Path | None = None
    metonymy: bool = False  # merge a capital with its country ("Washington" = the United States)
    formats: tuple[str, ...] = DEFAULT_FORMATS
    dates: Path | None = None  # CSV of (document id, date) rows: the date each document was published
    batch_size: int = 16
    chunk_chars: int | None = None
    engine: str = "local"  # "local": --jobs processes here; "dask": a Dask cluster (graph/run/dask.py)
    scheduler: str | None = None  # dask: address of a running scheduler; None starts a LocalCluster
    workers: int = DEFAULT_JOBS  # dask without a scheduler: LocalCluster worker processes
