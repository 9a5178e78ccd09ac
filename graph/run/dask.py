"""Extraction on a Dask cluster: ``kg build --engine dask [--scheduler ADDRESS] [--workers N]``.

:func:`analyse_with_dask` is a drop-in for :meth:`extract.Extractor.analyse_many` over the
documents of a build. It yields one :class:`~extract.models.DocumentResult` per document,
in the order they finish (the graph does not depend on order: ``KnowledgeGraph.from_results``
sorts by document id), so the caller can cache each result as soon as it arrives.

* Without an address it starts a ``LocalCluster`` of ``workers`` processes with one thread
  each; with one (``tcp://host:8786``) it connects to a running scheduler.
* Documents travel in partitions of at most ``partition_chars`` characters (smaller when a
  small corpus would otherwise give a worker fewer than :data:`PARTITIONS_PER_THREAD`).
  A document read from a plain file travels as its path: the worker reads it again with
  :mod:`extract.documents` (same decoding and cleaning) and checks the content hash. A worker
  that cannot read the file, or reads other content, hands the document back and it is
  sent again with its text. JSON Lines records and plain ``(doc_id, text)`` pairs always
  travel as text.
* Each worker process loads the spaCy pipeline once (a module-level cache keyed by model
  and chunk size) and returns plain dicts, never spaCy objects.
* Nothing is lost: a document whose extraction raises comes back with ``error`` set (as
  with the local engine); a partition whose task fails ``retries`` times, or whose workers
  keep dying (Dask reruns a lost worker's tasks elsewhere, up to its ``allowed-failures``),
  is split and each of its documents tried alone; a document that still fails comes back
  with ``error`` set.
* Before any work every worker loads the pipeline (:func:`warm_up`), and a worker whose
  pipeline, extractor version or extractor code (:func:`code_fingerprint`) differs from
  this machine's is refused: its results would not be the local engine's, yet would be
  cached under the same key.

Dask is imported only here, and only when :func:`analyse_with_dask` runs: the local
engine never needs it. ``pip install -e '.[dask]'`` installs it.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from extract.errors import BadOption, ModelNotFound, describe
from extract.models import DocumentResult
from graph.run.fingerprint import source_digest

if TYPE_CHECKING:  # pragma: no cover
    from extract.documents import Document

logger = logging.getLogger(__name__)
"""Each broad ``except`` that turns an error into a one-line reason logs its traceback here (``kg build -v``)."""

DEFAULT_PARTITION_CHARS = 50_000
"""Upper bound of the characters in one task: about 8,000 words, one to three seconds of parsing."""

MIN_PARTITION_CHARS = 2_000
"""Lower bound of the adaptive partition size, so a tiny corpus is not cut into one task per word."""

PARTITIONS_PER_THREAD = 4
"""Smaller partitions are used when the corpus would give a worker thread fewer than this many."""

IN_FLIGHT_PER_THREAD = 3
"""Partitions submitted ahead per worker thread; the rest wait on the client (bounded memory)."""

WAIT_FOR_WORKERS_SECONDS = 60
"""How long to wait for a first worker when connecting to a scheduler that has none."""

INSTALL_HINT = "pip install -e '.[dask]'"


# ---------------------------------------------------------------------------
# What travels to a worker


@dataclass(frozen=True)
class _Item:
    """One document as sent to a worker: its path (re-read there) or its text."""

    doc_id: str
    text: str | None  # None: read ``path`` on the worker
    path: str | None = None
    content_hash: str = ""
    chars: int = 0

    def payload(self) -> tuple[str, str | None, str | None, str]:
        return (self.doc_id, self.text, self.path, self.content_hash)

    def with_text(self, text: str) -> _Item:
        return _Item(self.doc_id, text, None, self.content_hash, self.chars)


def _as_item(doc: Any, send_paths: bool, texts: dict[str, str]) -> _Item:
    """A Document or ``(doc_id, text)`` pair as an :class:`_Item`; remembers the text for a resend."""
    if isinstance(doc, tuple):
        doc_id, text = doc
        return _Item(doc_id, text, None, "", len(text))
    text = doc.text if doc.text is not None else ""
    if send_paths and doc.content_hash and os.path.isfile(doc.source):
        # JSON Lines records have 'file.jsonl:LINE' as source: never a file, so they go as text.
        texts[doc.doc_id] = text
        return _Item(doc.doc_id, None, os.path.abspath(doc.source), doc.content_hash, len(text))
    return _Item(doc.doc_id, text, None, doc.content_hash, len(text))


def partitions(items: list[_Item], max_chars: int) -> list[list[_Item]]:
    """Consecutive groups of items holding at most ``max_chars`` characters (a longer item goes alone)."""
    groups: list[list[_Item]] = []
    current: list[_Item] = []
    size = 0
    for item in items:
        if current and size + item.chars > max_chars:
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += item.chars
    if current:
        groups.append(current)
    return groups


def partition_size(total_chars: int, threads: int, max_chars: int = DEFAULT_PARTITION_CHARS) -> int:
    """``max_chars``, or less so that every worker thread gets about :data:`PARTITIONS_PER_THREAD` tasks."""
    balanced = math.ceil(total_chars / max(1, threads * PARTITIONS_PER_THREAD))
    return max(1, min(max_chars, max(MIN_PARTITION_CHARS, balanced)))


# ---------------------------------------------------------------------------
# On the worker

_EXTRACTORS: dict[tuple[str | None, int | None], Any] = {}
_EXTRACTORS_LOCK = threading.Lock()
_PARSE_LOCKS: dict[tuple[str | None, int | None], threading.Lock] = {}


def _extractor(model: str | None, chunk_chars: int | None):
    """This process's Extractor for ``model``, loaded on first use and kept (one per worker)."""
    key = (model, chunk_chars)
    with _EXTRACTORS_LOCK:
        if key not in _EXTRACTORS:
            from extract.extractor import Extractor

            _EXTRACTORS[key] = Extractor(model, **({"chunk_chars": chunk_chars} if chunk_chars else {}))
            _PARSE_LOCKS[key] = threading.Lock()
            code_fingerprint()  # of the code as it is now, when this process has just imported it
        return _EXTRACTORS[key], _PARSE_LOCKS[key]


_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """sha256 of the extractor's files (``extract/``: code and data) as installed here.

    Two machines with the same fingerprint extract the same triples with the same pipeline;
    a worker with another one (an older checkout, a local edit) would fill the cache with
    results that the local engine would not give, so it is refused. It is read from disk
    once per process (on a worker, when the pipeline is loaded), so a long-running worker
    keeps the fingerprint of the code it imported: restart workers after an upgrade.
    """
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = source_digest("extract")
    return _FINGERPRINT


def _pipeline_info(model: str | None, chunk_chars: int | None) -> tuple[str, str, str]:
    """Load the pipeline on this worker (a warm-up) and say which one it is, and which code."""
    extractor, _ = _extractor(model, chunk_chars)
    extractor.nlp  # noqa: B018 - loads the pipeline now, which is what a warm-up is for
    return extractor.pipeline, extractor.version, code_fingerprint()


def _read_source(path: str, content_hash: str) -> tuple[str | None, str]:
    """The cleaned text of the file at ``path``, read as :mod:`extract.documents` reads it, if its hash matches."""
    from extract.documents import iter_documents

    try:
        docs = list(iter_documents([path]))
    except Exception as err:  # noqa: BLE001 - e.g. the path does not exist on this machine
        return None, f"cannot read {path} on the worker: {type(err).__name__}: {err}"
    if len(docs) != 1 or docs[0].status != "ok":
        return None, f"cannot read {path} on the worker: {docs[0].reason if docs else 'no document'}"
    if docs[0].content_hash != content_hash:
        return None, f"{path} on the worker differs from the file listed on the client"
    return docs[0].text, ""


def _analyse_partition(
    payload: list[tuple[str, str | None, str | None, str]],
    model: str | None,
    chunk_chars: int | None,
    batch_size: int,
    pipeline: str | None = None,
) -> tuple[list[dict], list[tuple[str, str]]]:
    """Analyse one partition on a worker.

    Returns the results as plain dicts, and ``(doc_id, why)`` for each document sent as
    a path that could not be read here with the expected content (the client sends it
    again with its text). A worker whose pipeline is not ``pipeline`` (the client's) returns
    error results, so a result of another pipeline never enters the cache under this one's key.
    """
    from extract.extractor import EXTRACTOR_VERSION

    extractor, lock = _extractor(model, chunk_chars)
    if (pipeline and extractor.pipeline != pipeline) or extractor.version != EXTRACTOR_VERSION:
        why = (f"the Dask worker runs pipeline {extractor.pipeline}, extractor version {extractor.version}; "
               f"expected {pipeline}, version {EXTRACTOR_VERSION}. Install the same versions everywhere.")
        return [DocumentResult(doc_id=p[0], error=why).model_dump() for p in payload], []
    items: list[tuple[str, str]] = []
    unread: list[tuple[str, str]] = []
    for doc_id, text, path, content_hash in payload:
        if text is None:  # an _Item without text has a path
            text, why = _read_source(path, content_hash) if path else (None, "neither its text nor its path was sent")
            if text is None:
                unread.append((doc_id, why))
                continue
        items.append((doc_id, text))

    results: list[dict] = []
    with lock:  # one parse at a time per process, should a worker run several threads
        try:
            for result in extractor.analyse_many(items, batch_size=batch_size):
                results.append(result.model_dump())
        except Exception:  # noqa: BLE001 - the batch broke (not one document's rules): go one by one
            done = {r["doc_id"] for r in results}
            for doc_id, text in items:
                if doc_id in done:
                    continue
                try:
                    result = next(extractor.analyse_many([(doc_id, text)], batch_size=batch_size))
                except Exception as err:  # noqa: BLE001 - one bad document never sinks the run
                    logger.info("extraction of %r failed", doc_id, exc_info=True)
                    result = DocumentResult(doc_id=doc_id, error=f"extraction failed: {describe(err)}")
                results.append(result.model_dump())
    return results, unread


# ---------------------------------------------------------------------------
# On the client


def _import_distributed():
    try:
        import distributed
    except ImportError as err:
        raise BadOption(f"--engine dask needs Dask, which is not installed ({err}). Install it with: {INSTALL_HINT}") from err
    return distributed


def connect(scheduler: str | None = None, workers: int = 2, *, timeout: float = 20):
    """A Dask client: connected to ``scheduler``, or to a new local cluster of ``workers`` processes.

    Returns ``(client, cluster)``; ``cluster`` is None for a remote scheduler. Close both when
    done. ``timeout``: seconds to keep trying to reach the scheduler.
    """
    import logging

    distributed = _import_distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=f"{timeout}s")
        except (OSError, TimeoutError, ValueError) as err:
            raise BadOption(
                f"cannot connect to the Dask scheduler at {scheduler!r} ({type(err).__name__}: {err}). "
                "Start one with 'dask scheduler' and pass its address, e.g. --scheduler tcp://HOST:8786."
            ) from err
        if not client.scheduler_info().get("workers"):
            try:
                client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_SECONDS)
            except TimeoutError as err:
                client.close()
                raise BadOption(
                    f"no Dask worker joined the scheduler at {scheduler} within {WAIT_FOR_WORKERS_SECONDS} s. "
                    f"Start workers with 'dask worker {scheduler} --nthreads 1'."
                ) from err
        return client, None
    if workers < 1:
        raise BadOption("--workers must be 1 or more.")
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True,
        dashboard_address=":0", silence_logs=logging.ERROR,  # any free port: never collide with another cluster
    )
    return distributed.Client(cluster), cluster


def warm_up(client, model: str | None = None, chunk_chars: int | None = None, *, pipeline: str | None = None) -> dict:
    """Load the pipeline on every worker now (in parallel); ``{address: pipeline id}``.

    Raises :class:`~extract.errors.ModelNotFound` when a worker cannot load it, and
    :class:`~extract.errors.BadOption` when a worker runs another pipeline than ``pipeline``,
    another extractor version or other extractor code than this machine (the results, and
    the cache keys, would lie).
    """
    from extract.extractor import EXTRACTOR_VERSION

    addresses = list(client.scheduler_info().get("workers", {}))
    # One task per worker, preferring it but free to run elsewhere should it leave meanwhile.
    futures = {
        a: client.submit(_pipeline_info, model, chunk_chars, workers=[a], allow_other_workers=True,
                         pure=False, key=f"kg-warm-up-{uuid.uuid4().hex}")
        for a in addresses
    }
    found = {}
    for address, future in futures.items():
        try:
            found[address] = future.result()
        except ModelNotFound as err:
            raise ModelNotFound(f"on a Dask worker: {err.args[0] if err.args else err}") from err
        except ImportError as err:
            raise BadOption(
                f"a Dask worker cannot import this package ({err}). "
                "Install kg-builder and its spaCy pipeline on every worker."
            ) from err
    here = code_fingerprint()
    for address, (worker_pipeline, version, fingerprint) in found.items():
        if version != EXTRACTOR_VERSION or (pipeline and worker_pipeline != pipeline):
            raise BadOption(
                f"the Dask worker {address} runs pipeline {worker_pipeline} with extractor version {version}; "
                f"this machine has {pipeline or '?'} with version {EXTRACTOR_VERSION}. Install the same versions everywhere."
            )
        if fingerprint != here:
            raise BadOption(
                f"the Dask worker {address} has other extractor code or data than this machine "
                f"(fingerprint {fingerprint[:12]} against {here[:12]}). Install the same kg-builder everywhere."
            )
    return {a: p for a, (p, _, _) in found.items()}


def analyse_with_dask(
    docs: Iterable[Document | tuple[str, str]],
    *,
    model: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    client=None,
    partition_chars: int = DEFAULT_PARTITION_CHARS,
    retries: int = 2,
    batch_size: int = 16,
    chunk_chars: int | None = None,
    send_paths: bool = True,
    pipeline: str | None = None,
) -> Iterator[DocumentResult]:
    """Yield a :class:`DocumentResult` for every document, as each partition finishes.

    ``docs`` are :class:`extract.documents.Document` records with status ``ok`` (or plain
    ``(doc_id, text)`` pairs). ``client`` reuses an open Dask client (then ``scheduler``
    and ``workers`` are ignored and the client stays open); otherwise one is made by
    :func:`connect` when iteration starts, and closed when it ends. ``pipeline``, when
    given, is the id of the client's pipeline (``Extractor.pipeline``) that every worker
    must match. The other arguments are described in the module docstring.

    Raises :class:`~extract.errors.BadOption` at once when Dask is not installed.
    """
    _import_distributed()  # now, not at the first result
    if client is None and not scheduler and workers < 1:
        raise BadOption("--workers must be 1 or more.")
    return _analyse(docs, model=model, scheduler=scheduler, workers=workers, client=client,
                    partition_chars=partition_chars, retries=retries, batch_size=batch_size,
                    chunk_chars=chunk_chars, send_paths=send_paths, pipeline=pipeline)


def _analyse(docs, *, model, scheduler, workers, client, partition_chars, retries, batch_size, chunk_chars,
             send_paths, pipeline) -> Iterator[DocumentResult]:
    distributed = _import_distributed()
    texts: dict[str, str] = {}
    items = [_as_item(d, send_paths, texts) for d in docs]
    if not items:
        return
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler, workers)
    pending: dict[Any, list[_Item]] = {}
    try:
        warm_up(client, model, chunk_chars, pipeline=pipeline)
        threads = max(1, sum(client.nthreads().values()))
        size = partition_size(sum(i.chars for i in items), threads, partition_chars)
        queue = partitions(items, size)
        queue.reverse()  # pop() from the end takes them in input order
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        run_id = uuid.uuid4().hex[:8]
        counter = 0
        done = distributed.as_completed()

        def submit(part: list[_Item]) -> list[DocumentResult]:
            nonlocal counter
            counter += 1
            try:
                future = client.submit(
                    _analyse_partition, [i.payload() for i in part], model, chunk_chars, batch_size, pipeline,
                    key=f"kg-extract-{run_id}-{counter}", retries=retries, pure=False,
                )
            except Exception as err:  # noqa: BLE001 - e.g. the scheduler is gone
                return _failed(part, f"could not submit to Dask: {type(err).__name__}: {err}")
            pending[future] = part
            done.add(future)
            return []

        def refill() -> Iterator[DocumentResult]:
            while queue and len(pending) < window:
                yield from submit(queue.pop())

        yield from refill()
        while pending:
            future = next(done)
            part = pending.pop(future)
            try:
                dicts, unread = future.result()
            except Exception as err:  # noqa: BLE001 - retries spent, or the workers running it kept dying
                logger.info("a Dask partition of %d documents failed", len(part), exc_info=True)
                if len(part) > 1 and client.status == "running" and not isinstance(err, distributed.CancelledError):
                    for item in reversed(part):  # try each document alone, so one bad one costs only itself
                        queue.append([item])
                else:
                    yield from _failed(part, f"distributed extraction failed after {retries} retries: "
                                             f"{type(err).__name__}: {err}")
                yield from refill()
                continue
            for data in dicts:
                yield DocumentResult.model_validate(data)
            if unread:  # the worker could not read these files (as listed): send their text
                by_id = {i.doc_id: i for i in part}
                queue.append([by_id[doc_id].with_text(texts[doc_id]) for doc_id, _why in unread])
            yield from refill()
    finally:
        if pending:
            try:
                client.cancel(list(pending))
            except Exception:  # noqa: BLE001 - best effort while shutting down
                pass
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _failed(part: list[_Item], why: str) -> list[DocumentResult]:
    return [DocumentResult(doc_id=i.doc_id, error=why) for i in part]


__all__ = [
    "DEFAULT_PARTITION_CHARS", "analyse_with_dask", "code_fingerprint", "connect", "partition_size", "partitions", "warm_up",
]
