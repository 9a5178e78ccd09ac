"""One build, start to finish: inputs -> documents -> cached or fresh extraction -> graph -> out/.

:func:`build` is what ``kg build`` runs; it is usable from Python too. Every input ends
in the report as ``ok``, ``skipped`` or ``failed`` with a reason: one bad document never
sinks the run.

Nothing changed: when every document, the settings and the code are what the previous
build saw (:func:`graph.run.fingerprint.build_fingerprint`, kept in ``report.json``) and its
outputs are all still there, the build stops after reading the documents and says so.

Interruptions: each fresh result is committed to the cache as soon as it exists, so a
killed or interrupted run resumes where it stopped; the outputs are written to a staging
folder and renamed into place together at the very end, so until then the previous
outputs stay exactly as they were.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from extract.documents import Document, iter_documents
from extract.documents.dates import document_dates, read_dates_csv
from extract.errors import OutputNotWritable
from extract.extractor import Extractor
from extract.models import DocumentResult
from graph.run.aliases import load_aliases
from graph.run.cache import CacheWriter, open_cache
from graph.run.fingerprint import build_fingerprint
from graph.run.local import analyse_locally
from graph.run.options import BuildOptions
from graph.run.outputs import remove_stale_staging, report_counts, write_outputs

if TYPE_CHECKING:  # graph.build and graph.resolve import spaCy: a build with nothing to do never does
    from graph.build import KnowledgeGraph


@dataclass
class BuildSummary:
    """What a build did, for the terminal summary and ``report.json``."""

    documents: list[dict]
    kg: KnowledgeGraph | None  # None when the outputs were already up to date
    outputs: list[Path]
    seconds: float
    parsed: int
    cached: int
    counts: dict  # report.json's counts: nodes, edges by kind, triples, documents by status
    warnings: list[str] = field(default_factory=list)
    up_to_date: bool = False  # nothing changed since the previous build: nothing was rewritten

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
    record: dict[str, Any] = {"doc_id": doc.doc_id, "source": doc.source, "status": doc.status, "reason": doc.reason, "notes": doc.notes}
    if result is not None:
        if result.error:
            record.update(status="failed", reason=result.error)
        kinds = Counter(t.kind for t in result.triples)
        record.update(words=result.words, entities=len(result.mentions), roles=kinds["role"], actions=kinds["action"])
        if result.words and not result.mentions and not result.error:
            record["notes"] = [*record["notes"], "no entities found"]
    return record


def build(options: BuildOptions, progress: Callable | None = None) -> BuildSummary:
    """Run one build (see the module docstring); ``progress`` wraps the iterator of results.

    The checks that can fail on a user's mistake come first and cost little: every input
    path exists, the output folder is writable, the pipeline exists; only then are documents
    read and parsed (and the pipeline loaded, if any document needs parsing). Outputs replace the previous ones only once all of them are written.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    aliases = load_aliases(options.aliases) if options.aliases else None
    pending = iter_documents(options.inputs, skip_folders=[options.out])  # raises InputNotFound at once
    _check_output_dir(options.out)
    extractor = Extractor(options.model, **({"chunk_chars": options.chunk_chars} if options.chunk_chars else {}))
    documents = list(pending)
    ok = [d for d in documents if d.status == "ok"]
    dates = document_dates(ok, read_dates_csv(options.dates) if options.dates else None)
    fingerprint = build_fingerprint(
        documents, extractor=extractor.version, pipeline=extractor.pipeline, aliases=options.aliases,
        options={"formats": sorted(options.formats), "metonymy": options.metonymy, "chunk_chars": options.chunk_chars,
                 "dates": dates},
    )
    cache = CacheWriter(open_cache(options, extractor, warnings) if options.use_cache else None, warnings)
    keys = [(d.doc_id, d.content_hash) for d in ok]
    # Every result is in the cache and the outputs were built from exactly these inputs:
    # there is nothing to redo. (After `kg cache clear`, or with a damaged cache, there is.)
    previous = _up_to_date(options.out, fingerprint) if not warnings and cache.has_all(keys) else None
    if previous is not None:
        cache.close()
        remove_stale_staging(options.out)
        return BuildSummary(previous["documents"], None, [options.out / n for n in previous["outputs"]],
                            time.perf_counter() - started, 0, len(ok), previous["counts"], up_to_date=True)
    try:
        results: dict[str, DocumentResult] = cache.get_many(keys)
        cached = len(results)
        todo = [d for d in ok if d.doc_id not in results]
        if options.engine == "dask":
            from graph.run.dask import analyse_with_dask  # Dask is imported for --engine dask only

            # results arrive in the order partitions finish; from_results sorts them
            fresh = analyse_with_dask(
                todo, model=options.model, scheduler=options.scheduler, workers=options.workers,
                batch_size=options.batch_size, chunk_chars=options.chunk_chars, pipeline=extractor.pipeline,
            )
        else:
            fresh = analyse_locally(extractor, todo, jobs=options.jobs, batch_size=options.batch_size)
        if progress is not None:
            fresh = progress(fresh, total=len(todo))
        hashes = {d.doc_id: d.content_hash for d in todo}
        for result in fresh:
            results[result.doc_id] = result
            cache.put(result, hashes[result.doc_id])  # committed at once: an interrupted run resumes here
        cache.prune(keys)
    finally:
        cache.close()

    from graph.build import KnowledgeGraph

    good = [r for r in results.values() if not r.error]
    kg = KnowledgeGraph.from_results(good, aliases=aliases, metonymy=options.metonymy, dates=dates)
    kg.doc_titles = {d.doc_id: str(d.metadata["title"]) for d in documents if d.metadata.get("title")}
    records = [_doc_record(d, results.get(d.doc_id)) for d in documents]
    for record in records:  # the report says which documents have no date
        record["date"] = dates.get(record["doc_id"], "")
    totals = {"parsed": len(todo), "from_cache": cached,
              "without_date": sum(1 for r in records if r["status"] == "ok" and not r["date"])}
    # After a mishap (a damaged cache, a document whose extraction failed) the next run
    # tries again rather than trusting these outputs.
    retry = warnings or any(r.error for r in results.values())
    outputs = write_outputs(kg, records, options, totals=totals, warnings=warnings,
                            fingerprint=None if retry else fingerprint)
    return BuildSummary(records, kg, outputs, time.perf_counter() - started, len(todo), cached,
                        {**report_counts(records, kg), **totals}, warnings)


def _up_to_date(out: Path, fingerprint: str) -> dict | None:
    """The previous report, if it was written for this very fingerprint and its outputs are all there."""
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("fingerprint") != fingerprint:
        return None
    names = report.get("outputs") or []
    if not all(isinstance(n, str) and (out / n).is_file() for n in names) or "report.json" not in names:
        return None
    return report
