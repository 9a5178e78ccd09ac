"""One file, by its format: plain text (``.txt``, ``.md``), HTML (its visible text, read by
BeautifulSoup) and JSON Lines (one document per line)."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import Any, Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from extract.documents.dates import html_date, news_article_text
from extract.documents.decode import binary_kind, clean_text, decode
from extract.documents.language import language_note
from extract.documents.record import Document, Found, describe_os_error, failed, skipped
from extract.errors import describe

logger = logging.getLogger(__name__)
"""Each broad ``except`` that turns an error into a one-line reason logs its traceback here (``kg build -v``)."""

FILE_KINDS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
"""Extensions read from folders, and how each is read."""


def read_file(found: Found) -> Iterator[Document]:
    suffix = found.path.suffix.lower()
    kind = FILE_KINDS.get(suffix)
    notes: list[str] = []
    if kind is None:
        label = suffix or "(no extension)"
        if not found.explicit:
            yield skipped(found.doc_id, found.source, f"unsupported file type {label}")
            return
        # The user named this file, so they want it read: try it as text.
        kind = "text"
        notes.append(f"unknown file type {label}; read as plain text")

    try:
        data = found.path.read_bytes()
    except OSError as exc:
        yield failed(found.doc_id, found.source, f"cannot read: {describe_os_error(exc)}")
        return
    binary = binary_kind(data)
    if binary:
        yield skipped(found.doc_id, found.source, f"binary file ({binary}), not text")
        return
    text, decode_notes = decode(data)
    if text is None:
        yield failed(found.doc_id, found.source, "not valid UTF-8, and no other text encoding fits")
        return
    notes.extend(decode_notes)

    if kind == "jsonl":
        yield from _jsonl_documents(found, text, notes)
    elif kind == "html":
        page_date, article = html_date(text), news_article_text(text)  # read while the markup is there
        text, title = _html_to_text(text)
        yield _finish(
            found.doc_id,
            found.source,
            article or text,
            reason="converted from HTML (the article body of a news page)" if article else "converted from HTML",
            notes=notes,
            metadata={**({"title": title} if title else {}), **({"date": page_date} if page_date else {})},
            empty_reason="empty document (no visible text in the HTML)",
        )
    else:
        yield _finish(found.doc_id, found.source, text, reason="read as plain text", notes=notes)


# ---------------------------------------------------------------------------
# JSON Lines


def _jsonl_documents(found: Found, text: str, file_notes: list[str]) -> Iterator[Document]:
    """One record per non-blank line; a bad line fails alone, the others still load."""
    # Unescaped CR cannot occur inside a JSON string, so normalising line ends
    # only changes how lines are split, never a record's content.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found_any = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found_any = True
        try:
            yield _jsonl_record(found, number, line, file_notes)
        except Exception as exc:  # noqa: BLE001 - one bad line must not lose the rest of the file
            logger.info("reading line %d of %s failed", number, found.source, exc_info=True)
            yield failed(
                f"{found.doc_id}:{number}",
                f"{found.source}:{number}",
                f"line {number}: unexpected error: {describe(exc)}",
            )
    if not found_any:
        yield skipped(found.doc_id, found.source, "empty document", notes=file_notes)


def _jsonl_record(found: Found, number: int, line: str, file_notes: list[str]) -> Document:
    fallback_id = f"{found.doc_id}:{number}"
    source = f"{found.source}:{number}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return failed(fallback_id, source, f"line {number}: not valid JSON ({_json_error(exc)})")
    if not isinstance(record, dict):
        return failed(
            fallback_id, source, f'line {number}: expected a JSON object with "id" and "text", got {_json_type(record)}'
        )
    doc_id, id_notes = _record_id(record, fallback_id)
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'no "text" field' if "text" not in record else f'"text" is {_json_type(text)}, not a string'
        return failed(doc_id, source, f"line {number}: {problem}")
    return _finish(
        doc_id,
        source,
        text,
        reason=f"JSON Lines record on line {number}",
        notes=[*file_notes, *id_notes],
        metadata={key: value for key, value in record.items() if key not in ("id", "text")},
    )


def _record_id(record: dict, fallback: str) -> tuple[str, list[str]]:
    """The record's ``id`` as a string (numbers accepted), else ``fallback`` with a note."""
    value = record.get("id")
    if isinstance(value, str) and value.strip():
        return value, []
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), []
    if "id" not in record:
        return fallback, [f'no "id" field; id {fallback} used']
    return fallback, [f'"id" is {_json_type(value)}, not a non-empty string or integer; id {fallback} used']


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return f"{type(exc).__name__}: {exc}"


_JSON_TYPE_NAMES = {
    bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------
# HTML

# Elements whose content is never article text.
_DROPPED_TAGS = [
    "head", "script", "style", "noscript", "template", "svg", "math", "canvas",
    "iframe", "object", "embed", "audio", "video", "map", "select", "button",
]  # fmt: skip

# Elements that start a new paragraph, so that sentences of adjacent blocks
# ("<h1>Title</h1><p>Text") never run together.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main nav
    ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)

_END_OF_BLOCK = object()


def _html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML page, one blank line between blocks, and its <title>."""
    soup = BeautifulSoup(markup, "html.parser")
    title = " ".join(soup.title.get_text(" ").split()) if soup.title else None
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()

    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        paragraph = _tidy_paragraph("".join(current))
        current.clear()
        if paragraph:
            paragraphs.append(paragraph)

    # Iterative walk (no recursion limit on deeply nested pages); the stack
    # holds (node, inside <pre>) pairs and end-of-block markers.
    stack: list[Any] = [(soup, False)]
    while stack:
        item = stack.pop()
        if item is _END_OF_BLOCK:
            end_paragraph()
            continue
        node, in_pre = item
        if isinstance(node, PreformattedString):
            continue  # comments, doctype, CDATA, processing instructions
        if isinstance(node, NavigableString):
            # Like a browser: outside <pre>, any run of whitespace is one space.
            current.append(str(node) if in_pre else re.sub(r"\s+", " ", str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "br":
            current.append("\n")
            continue
        if node.name in _BLOCK_TAGS:
            end_paragraph()
            stack.append(_END_OF_BLOCK)
        in_pre = in_pre or node.name == "pre"
        stack.extend((child, in_pre) for child in reversed(node.contents))
    end_paragraph()
    return "\n\n".join(paragraphs), title or None


def _tidy_paragraph(text: str) -> str:
    # Line breaks (<br>, inside <pre>) survive; runs of spaces within a line do not.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _finish(
    doc_id: str,
    source: str,
    raw_text: str,
    *,
    reason: str,
    notes: list[str],
    metadata: dict[str, Any] | None = None,
    empty_reason: str = "empty document",
) -> Document:
    """Clean ``raw_text`` and make the final record: ``ok``, or ``skipped`` when nothing is left."""
    text, cleaning_notes = clean_text(raw_text)
    notes = [*notes, *cleaning_notes]
    metadata = metadata or {}
    if not text.strip():
        return skipped(doc_id, source, empty_reason, notes=notes, metadata=metadata)
    language = language_note(text)
    if language:
        notes.append(language)
    return Document(
        doc_id=doc_id,
        source=source,
        text=text,
        status="ok",
        reason=reason,
        notes=notes,
        metadata=metadata,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
