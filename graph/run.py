"""One build, start to finish: inputs -> documents -> cached or fresh extraction -> graph -> out/.

:func:`build` is what ``kg build`` runs; it is usable from Python too. Every input ends
in the report as ``ok``, ``skipped`` or ``failed`` with a reason: one bad document never
sinks the run.

Nothing changed: when every document, the settings and the code are what the previous
build saw (:func:`graph.fingerprint.build_fingerprint`, kept in ``report.json``) and its
outputs are all still there, the build stops after reading the documents and says so.

Interruptions: each fresh result is committed to the cache as soon as it exists, so a
killed or interrupted run resumes where it stopped; the outputs are written to a staging
folder and renamed into place together at the very end, so until then the previous
outputs stay exactly as they were.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from extract.errors import OutputNotWritable
from extract.extractor import Extractor
from extract.models import DocumentResult
from graph.cache import ResultCache, clear_cache
from graph.files import atomic_write
from graph.fingerprint import build_fingerprint, source_digest
from graph.inputs import Document, iter_documents
from graph.options import DEFAULT_JOBS, FORMATS, BuildOptions  # noqa: F401  (re-exported)

if TYPE_CHECKING:  # graph.build and graph.resolve import spaCy: a build with nothing to do never does
    from graph.build import KnowledgeGraph
    from graph.resolve import Aliases


PARALLEL_MIN_CHARS = 200_000
"""Less text than this (about 35,000 words, some 8 s of parsing) is parsed in this process
even with ``--jobs 2``: each worker loads the pipeline afresh (1-2 s), which would cost a
re-run with a few changed documents more than the parse itself."""


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
    record = {"doc_id": doc.doc_id, "source": doc.source, "status": doc.status, "reason": doc.reason, "notes": doc.notes}
    if result is not None:
        if result.error:
            record.update(status="failed", reason=result.error)
        kinds = Counter(t.kind for t in result.triples)
        record.update(words=result.words, entities=len(result.mentions), roles=kinds["role"], actions=kinds["action"])
        if result.words and not result.mentions and not result.error:
            record["notes"] = [*record["notes"], "no entities found"]
    return record


def _open_cache(options: BuildOptions, extractor: Extractor, warnings: list[str]) -> ResultCache | None:
    """The result cache, or None (with a warning) when the file is there but damaged.

    A cache that cannot be opened or created (permissions, a folder in the way, locked)
    is the user's to fix: exit code 2. A damaged one at the default place is ours, so it
    is started afresh; one the user named with ``--cache`` is left alone (it may not be
    ours) and the run goes on without a cache.
    """
    path = _cache_path(options)

    def open_cache() -> ResultCache:
        try:
            return ResultCache(path, extractor=_extractor_key(extractor), pipeline=extractor.pipeline)
        except (OSError, sqlite3.OperationalError) as err:
            raise OutputNotWritable(
                f"cannot open the cache {str(path)!r} ({_one_line(err)}). Pick another with --cache PATH, or use --no-cache."
            ) from err

    try:
        return open_cache()
    except sqlite3.DatabaseError as err:  # not an SQLite file, or a damaged one
        problem = _one_line(err)
    if options.cache is not None:
        warnings.append(f"the cache {path} is unusable ({problem}); built without it. kg cache clear --cache PATH deletes it")
        return None
    clear_cache(path)
    warnings.append(f"the cache {path} was unusable ({problem}); started a new one")
    return open_cache()


def _extractor_key(extractor: Extractor) -> str:
    """The extractor as the cache knows it: its version and a digest of its code and word
    lists, so that editing a rule or a file of ``extract/data/`` redoes the extraction."""
    return f"{extractor.version}+{source_digest('extract')[:16]}"


def _cache_path(options: BuildOptions) -> Path:
    return options.cache or options.out / ".cache" / "results.sqlite"


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


class _CacheWriter:
    """Stores fresh results; if the cache fails mid-run (disk full, locked), the build goes on without it."""

    def __init__(self, cache: ResultCache | None, warnings: list[str]):
        self.cache, self.warnings = cache, warnings

    def put(self, result: DocumentResult, content_hash: str) -> None:
        if self.cache is None or result.error:
            return
        try:
            self.cache.put(result, content_hash)
        except sqlite3.Error as err:
            self.warnings.append(f"stopped caching results: {_one_line(err)}")
            self.close()

    def has_all(self, keys: list[tuple[str, str]]) -> bool:
        if self.cache is None:
            return False
        try:
            return self.cache.has_all(keys)
        except sqlite3.Error:
            return False  # get_many meets the same error and says so

    def get_many(self, keys: list[tuple[str, str]]) -> dict[str, DocumentResult]:
        if self.cache is None:
            return {}
        try:
            return self.cache.get_many(keys)
        except (sqlite3.Error, ValueError) as err:  # ValueError: a stored result that no longer validates
            self.warnings.append(f"could not read the cache ({_one_line(err)}); every document parsed again")
            return {}

    def prune(self, keys: list[tuple[str, str]]) -> None:
        if self.cache is not None:
            try:
                self.cache.prune(keys)
            except sqlite3.Error as err:
                self.warnings.append(f"could not tidy the cache: {_one_line(err)}")

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None


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
    fingerprint = build_fingerprint(
        documents, extractor=extractor.version, pipeline=extractor.pipeline, aliases=options.aliases,
        options={"formats": sorted(options.formats), "metonymy": options.metonymy, "chunk_chars": options.chunk_chars},
    )
    cache = _CacheWriter(_open_cache(options, extractor, warnings) if options.use_cache else None, warnings)
    keys = [(d.doc_id, d.content_hash) for d in ok]
    # Every result is in the cache and the outputs were built from exactly these inputs:
    # there is nothing to redo. (After `kg cache clear`, or with a damaged cache, there is.)
    previous = _up_to_date(options.out, fingerprint) if not warnings and cache.has_all(keys) else None
    if previous is not None:
        cache.close()
        _remove_stale_staging(options.out)
        return BuildSummary(previous["documents"], None, [options.out / n for n in previous["outputs"]],
                            time.perf_counter() - started, 0, len(ok), previous["counts"], up_to_date=True)
    try:
        results: dict[str, DocumentResult] = cache.get_many(keys)
        cached = len(results)
        todo = [d for d in ok if d.doc_id not in results]
        if options.engine == "dask":
            from graph.distributed import analyse_with_dask  # Dask is imported for --engine dask only

            # results arrive in the order partitions finish; from_results sorts them
            fresh = analyse_with_dask(
                todo, model=options.model, scheduler=options.scheduler, workers=options.workers,
                batch_size=options.batch_size, chunk_chars=options.chunk_chars, pipeline=extractor.pipeline,
            )
        else:
            jobs = options.jobs if sum(len(d.text) for d in todo) > PARALLEL_MIN_CHARS else 1
            fresh = extractor.analyse_many(((d.doc_id, d.text) for d in todo), n_process=jobs,
                                           batch_size=options.batch_size)
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
    kg = KnowledgeGraph.from_results(good, aliases=aliases, metonymy=options.metonymy)
    kg.doc_titles = {d.doc_id: str(d.metadata["title"]) for d in documents if d.metadata.get("title")}
    records = [_doc_record(d, results.get(d.doc_id)) for d in documents]
    totals = {"parsed": len(todo), "from_cache": cached}
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


def report_counts(records: list[dict], kg: KnowledgeGraph) -> dict:
    """Totals for ``report.json``: documents by status, words, entities and edges by kind."""
    status = Counter(d["status"] for d in records)
    kinds = Counter(data.get("kind") for *_, data in kg.graph.edges(data=True))
    return {
        "documents": {s: status[s] for s in ("ok", "skipped", "failed")},
        "words": sum(d.get("words", 0) for d in records),
        "nodes": kg.graph.number_of_nodes(),
        "edges": {"role": kinds["role"], "action": kinds["action"]},
        "triples": len(kg.triples),
    }


def write_outputs(kg: KnowledgeGraph, records: list[dict], options: BuildOptions, *,
                  totals: dict | None = None, warnings: list[str] | None = None,
                  fingerprint: str | None = None) -> list[Path]:
    """Write every requested output into ``options.out``; the previous outputs stay until all are written.

    Each file is written (atomically) into a hidden staging folder inside ``out`` first;
    only when every one is complete are they renamed into place, ``report.json`` last. A
    build that fails or is killed while writing leaves the previous outputs as they were.
    """
    out = options.out
    _remove_stale_staging(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=out))
    except OSError as err:
        raise OutputNotWritable(f"cannot write to the output folder {str(out)!r} ({err.strerror or err}).") from err
    try:
        names = _write_all(kg, records, options, staging, totals, warnings, fingerprint)
        for name in names:  # same file system: each rename is atomic
            os.replace(staging / name, out / name)
    except (OSError, OutputNotWritable) as err:
        cause = err.__cause__ if isinstance(err.__cause__, OSError) else err  # a writer's own error wraps it
        reason = getattr(cause, "strerror", None) or _one_line(cause)
        raise OutputNotWritable(
            f"could not write the outputs to {str(out)!r} ({reason}); the previous outputs are unchanged."
        ) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


_STAGING = ".kg-staging-"


def _output_writers(kg) -> list[tuple[str, str, Callable[[Path], None]]]:
    """(format, file name, writer) of every output but report.json, in the order they are listed."""
    from graph import tables

    def merge_log(path: Path) -> None:
        with atomic_write(path) as f:
            for record in kg.merge_log:
                f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    return [
        ("graphml", "graph.graphml", kg.write_graphml),
        ("html", "graph.html", kg.write_html),
        ("csv", "nodes.csv", lambda path: tables.write_nodes_csv(kg.graph, path)),
        ("csv", "edges.csv", lambda path: tables.write_edges_csv(kg.graph, path)),
        ("jsonl", "triples.jsonl", lambda path: tables.write_triples_jsonl(kg.triples, path)),
        ("always", "merges.jsonl", merge_log),
    ]


def _write_all(kg, records, options, folder: Path, totals, warnings, fingerprint) -> list[str]:
    writers = {name: write for fmt, name, write in _output_writers(kg) if fmt in options.formats or fmt == "always"}
    names = [*writers, "report.json"]
    # The page is the slowest output (its layout): on Linux it is written by a forked copy of
    # this process while this one writes the others, which saves a second per large build.
    with _written_aside(writers.pop("graph.html", None), folder / "graph.html") as page:
        for name, write in writers.items():
            write(folder / name)
        page.wait()
    report = {"counts": {**report_counts(records, kg), **(totals or {})}, "warnings": warnings or [], "documents": records,
              "outputs": names, "fingerprint": fingerprint}
    with atomic_write(folder / "report.json") as f:
        json.dump(report, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    return names


class _Aside:
    """A writer running in a forked child; :meth:`wait` returns once it is done, or raises its error."""

    def __init__(self, pid: int | None = None, errors: int | None = None):
        self.pid, self.errors, self.done = pid, errors, pid is None  # no pid: nothing to wait for

    def wait(self) -> None:
        if self.done:
            return
        with os.fdopen(self.errors, "rb") as pipe:  # the child writes its error here, if any
            message = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if message:
            error = json.loads(message)
            if error["errno"] is not None:
                raise OSError(error["errno"], error["strerror"])
            raise RuntimeError(f"writing {error['what']} failed: {error['message']}")
        if status != 0:
            raise RuntimeError("the process writing the page died")


@contextlib.contextmanager
def _written_aside(write: Callable[[Path], None] | None, path: Path) -> Iterator[_Aside]:
    """Run ``write(path)`` in a forked child while the block runs; yields its :class:`_Aside`.

    Without a writer, there is nothing to wait for. Where fork is missing or unsafe (not
    Linux, or other threads running), writes at once. Either way the :class:`_Aside` yielded
    is already done. Leaving the block early (an error, Ctrl-C) kills the child.
    """
    if write is None or not sys.platform.startswith("linux") or threading.active_count() > 1:
        if write is not None:
            write(path)
        yield _Aside()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report any error through the pipe, and leave at once
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            os.close(read_end)
            write(path)
            code = 0
        except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
            error = {"errno": getattr(err, "errno", None), "strerror": getattr(err, "strerror", None),
                     "what": path.name, "message": _one_line(err)}
            os.write(write_end, json.dumps(error).encode())
        finally:
            os._exit(code)  # no cleanup of the parent's state (buffers, temporary folders)
    os.close(write_end)
    aside = _Aside(pid, read_end)
    try:
        yield aside
    finally:
        if not aside.done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)


def _remove_stale_staging(out: Path) -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    try:
        entries = [p for p in out.iterdir() if p.name.startswith(_STAGING) and p.is_dir()]
    except OSError:
        return
    for path in entries:
        pid = path.name[len(_STAGING):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but is someone else's
    return True


def load_aliases(path: Path) -> Aliases:
    """Read a user's aliases file (YAML or CSV); see the README for the format."""
    from extract.errors import AliasesFileError
    from graph.resolve import Aliases

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise AliasesFileError(f"cannot read the aliases file {str(path)!r}: {err.strerror}. Check --aliases.") from err
    except UnicodeDecodeError as err:
        raise AliasesFileError(f"the aliases file {str(path)!r} is not UTF-8 text ({err.reason} at byte {err.start}).") from err
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


