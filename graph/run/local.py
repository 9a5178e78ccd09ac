"""The local engine: ``kg build --jobs N`` parses on this machine, in ``N`` worker processes
(the pool of :meth:`extract.Extractor.analyse_many`) or, for a little text, in this one.
:mod:`graph.run.dask` is the other engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from extract.documents import Document
    from extract.extractor import Extractor
    from extract.models import DocumentResult

PARALLEL_MIN_CHARS = 200_000
"""Less text than this (about 35,000 words, some 8 s of parsing) is parsed in this process
even with ``--jobs 2``: each worker loads the pipeline afresh (1-2 s), which would cost a
re-run with a few changed documents more than the parse itself."""


def analyse_locally(extractor: Extractor, todo: list[Document], *, jobs: int, batch_size: int) -> Iterator[DocumentResult]:
    """The results of ``todo``, in order: over ``jobs`` processes, or in this one below
    :data:`PARALLEL_MIN_CHARS` of text."""
    jobs = jobs if sum(len(d.text or "") for d in todo) > PARALLEL_MIN_CHARS else 1
    return extractor.analyse_many(((d.doc_id, d.text or "") for d in todo), n_process=jobs, batch_size=batch_size)
