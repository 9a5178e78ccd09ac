"""The local process pool behind ``Extractor.analyse_many(..., n_process=N)``.

Each worker process loads the spaCy pipeline once (its own :class:`~extract.extractor.Extractor`)
and returns plain dicts, never spaCy objects. Workers ignore Ctrl-C: the parent handles it and
stops them. A worker that dies breaks the pool; :meth:`WorkerPool.renewed` gives a fresh one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Callable, Iterator

from extract.models import DocumentResult

if TYPE_CHECKING:
    from extract.extractor import Extractor


class WorkerPool:
    """Worker processes, each with the pipeline loaded once, fed batches of ``(doc_id, text)``."""

    def __init__(self, n_process: int, model: str | None, chunk_chars: int, make_extractor: Callable[..., Extractor]):
        self.n_process, self.model, self.chunk_chars = n_process, model, chunk_chars
        self.make_extractor = make_extractor  # the Extractor class: passed, so that this module need not import it
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        # Workers ignore Ctrl-C (from their start, before their initializer runs): the
        # parent gets the KeyboardInterrupt and kills them, so no worker prints a traceback.
        # The parent's own handler is back as soon as the workers exist.
        self.executor = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                                            initargs=(make_extractor, model, chunk_chars))
        self.started = False

    def submit(self, batch: list[tuple[str, str]]) -> Future:
        if self.started:
            return self.executor.submit(_work, batch)
        with _sigint_ignored():  # the workers are started by the first submit
            future = self.executor.submit(_work, batch)
        self.started = True
        return future

    def one_by_one(self, doc: tuple[str, str]) -> tuple[DocumentResult, WorkerPool]:
        """The result of one document, and the pool to go on with (a fresh one if it died)."""
        try:
            return DocumentResult.model_validate(self.submit([doc]).result()[0]), self
        except BrokenProcessPool:
            died = DocumentResult(doc_id=doc[0], error="the process parsing it died (out of memory, or killed)")
            return died, self.renewed()

    def renewed(self) -> WorkerPool:
        """A fresh pool in place of this one, whose workers are stopped."""
        self.close()
        return WorkerPool(self.n_process, self.model, self.chunk_chars, self.make_extractor)

    def close(self, *, kill: bool = True) -> None:
        """Stop the workers; with ``kill``, at once, even in the middle of a batch (after Ctrl-C, an error)."""
        if kill:  # ProcessPoolExecutor has no public way to stop busy workers before Python 3.14
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handlers (and only it gets SIGINT)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


_worker: Extractor | None = None


def _init_worker(make_extractor: Callable[..., Extractor], model: str | None, chunk_chars: int) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _worker = make_extractor(model, chunk_chars=chunk_chars)


def _work(batch: list[tuple[str, str]]) -> list[dict]:
    # plain dicts cross the process boundary faster than pydantic objects
    assert _worker is not None, "the pool's initializer makes the worker's extractor"
    return [r.model_dump() for r in _worker._analyse_serial(batch, len(batch))]
