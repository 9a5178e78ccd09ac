"""One build, start to finish: inputs -> documents -> cached or fresh extraction -> graph -> out/.

:func:`build` is what ``kg build`` runs; it is usable from Python too. Every input ends
in the report as ``ok``, ``skipped`` or ``failed`` with a reason: one bad document never
sinks the run.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extract import Extractor
from extract.errors import OutputNotWritable
from extract.models import DocumentResult
from graph.build import KnowledgeGraph
from graph.cache import ResultCache
from graph.files import atomic_write
from graph.inputs import Document, load_documents
from graph.resolve import Aliases

FORMATS = ("html", "graphml", "csv", "jsonl")
DEFAULT_JOBS = max(1, min(2, os.cpu_count() or 1))


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
    formats: tuple[str, ...] = FORMATS
    batch_size: int = 16
    chunk_chars: int | None = None


@dataclass
class BuildSummary:
    """What a build did, for the terminal summary and ``report.json``."""

    documents: list[dict]
    kg: KnowledgeGraph
    outputs: list[Path]
    seconds: float
    parsed: int
    cached: int

    @property
    def failed(self) -> list[dict]:
        return [d for d in self.documents if d["status"] == "failed"]


def _check_output_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".kg-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        raise OutputNotWritable(
            f"cannot write to the output folder {str(out)!r} ({err.strerror or err}). Pick another with -o PATH."
        ) from err


def _doc_record(doc: Document, result: DocumentResult | None) -> dict:
    record = {"doc_id": doc.doc_id, "source": doc.source, "status": doc.status, "reason": doc.reason, "notes": doc.notes}
    if result is not None:
        if result.error:
            record.update(status="failed", reason=result.error)
        kinds = Counter(t.kind for t in result.triples)
        record.update(words=result.words, entities=len(result.mentions), roles=kinds["role"], actions=kinds["action"])
        if result.words and not result.mentions and not result.error:
            record["notes"] = [*record["notes"], "no entities found"]
    return record


def build(options: BuildOptions, progress: Callable | None = None) -> BuildSummary:
    """Run one build (see the module docstring); ``progress`` wraps the iterator of results."""
    started = time.perf_counter()
    aliases = load_aliases(options.aliases) if options.aliases else None
    documents = load_documents(options.inputs)  # raises InputNotFound before any work
    _check_output_dir(options.out)
    extractor = Extractor(options.model, **({"chunk_chars": options.chunk_chars} if options.chunk_chars else {}))
    ok = [d for d in documents if d.status == "ok"]

    cache = None
    if options.use_cache:
        cache = ResultCache(options.cache or options.out / ".cache" / "results.sqlite",
                            extractor=extractor.version, pipeline=extractor.pipeline)
    keys = [(d.doc_id, d.content_hash) for d in ok]
    results: dict[str, DocumentResult] = cache.get_many(keys) if cache else {}
    cached = len(results)
    todo = [d for d in ok if d.doc_id not in results]
    fresh = extractor.analyse_many(((d.doc_id, d.text) for d in todo), n_process=options.jobs, batch_size=options.batch_size)
    if progress is not None:
        fresh = progress(fresh, total=len(todo))
    hashes = {d.doc_id: d.content_hash for d in todo}
    for result in fresh:
        results[result.doc_id] = result
        if cache is not None and not result.error:
            cache.put(result, hashes[result.doc_id])
    if cache is not None:
        cache.prune(keys)
        cache.close()

    good = [r for r in results.values() if not r.error]
    kg = KnowledgeGraph.from_results(good, aliases=aliases)
    records = [_doc_record(d, results.get(d.doc_id)) for d in documents]
    outputs = write_outputs(kg, records, options)
    return BuildSummary(records, kg, outputs, time.perf_counter() - started, len(todo), cached)


def write_outputs(kg: KnowledgeGraph, records: list[dict], options: BuildOptions) -> list[Path]:
    """Write every requested output into ``options.out``, each atomically."""
    out = options.out
    written = []
    if "graphml" in options.formats:
        kg.write_graphml(out / "graph.graphml")
        written.append(out / "graph.graphml")
    if "html" in options.formats:
        kg.write_html(out / "graph.html")
        written.append(out / "graph.html")
    if "csv" in options.formats or "jsonl" in options.formats:
        from graph import tables
    if "csv" in options.formats:
        tables.write_nodes_csv(kg.graph, out / "nodes.csv")
        tables.write_edges_csv(kg.graph, out / "edges.csv")
        written += [out / "nodes.csv", out / "edges.csv"]
    if "jsonl" in options.formats:
        tables.write_triples_jsonl(kg.triples, out / "triples.jsonl")
        written.append(out / "triples.jsonl")
    with atomic_write(out / "merges.jsonl") as f:
        for record in kg.merge_log:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    with atomic_write(out / "report.json") as f:
        json.dump({"documents": records}, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    return written + [out / "merges.jsonl", out / "report.json"]


def load_aliases(path: Path) -> Aliases:
    """Read a user's aliases file (YAML or CSV); see the README for the format."""
    from extract.errors import AliasesFileError

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise AliasesFileError(f"cannot read the aliases file {str(path)!r}: {err.strerror}. Check --aliases.") from err
    if path.suffix.lower() == ".csv":
        import csv

        same, never = [], []
        for row in csv.reader(text.splitlines()):
            cells = [c.strip() for c in row if c.strip()]
            if not cells or cells[0].startswith("#"):
                continue
            kind, names = cells[0].lower(), cells[1:]
            if kind not in ("same", "never") or len(names) < 2:
                raise AliasesFileError(f"{path}: each row is 'same' or 'never' followed by two or more names; got {row!r}.")
            (same if kind == "same" else never).append(names)
        return Aliases(same, never)
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise AliasesFileError(f"{path} is not valid YAML: {err}".splitlines()[0]) from err
    if not isinstance(data, dict) or not set(data) <= {"same", "never"}:
        raise AliasesFileError(f"{path}: expected keys 'same' and/or 'never', each a list of lists of names.")
    groups = {k: data.get(k) or [] for k in ("same", "never")}
    for k, v in groups.items():
        if not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(n, str) for n in g) for g in v):
            raise AliasesFileError(f"{path}: '{k}' must be a list of lists of two or more names.")
    return Aliases(groups["same"], groups["never"])


def is_terminal() -> bool:
    return sys.stderr.isatty()
