"""Turn the inputs of ``kg build`` (any mix of folders and files) into documents.

Every file that is found ends as exactly one :class:`Document` record (a JSON Lines
file as one record per line) with a ``status``:

* ``ok``: the text was read, decoded and cleaned;
* ``skipped``: deliberately not used (empty, binary, unsupported type, duplicate id,
  symbolic-link loop, ...);
* ``failed``: should have been usable but could not be read (permission denied,
  undetectable encoding, malformed JSON line, ...).

One bad file never stops the run: problems become records with a one-line
``reason``, and non-fatal observations (``"decoded as cp1252"``, ``"BOM removed"``,
``"probably not English ..."``) go to ``notes``. The only exception is an input
path that does not exist at all: that is a mistake in the command line, so
:func:`iter_documents` raises :class:`~graph.errors.InputNotFound` before reading
anything.

**Offsets.** ``Document.text`` is the *cleaned* text: decoded to ``str``, byte-order
mark removed, line endings normalised to ``\\n``, control characters other than
``\\n`` and ``\\t`` removed (vertical tab and form feed become ``\\n``), lone
surrogates (only JSON escapes can make them) replaced with U+FFFD, and HTML reduced to
its visible text. Every character offset used downstream (mentions,
sentences, triples) refers to this cleaned text, never to the bytes on disk.

Supported types: ``.txt`` and ``.md`` (plain text), ``.html``/``.htm`` (visible text,
one blank line between blocks), ``.jsonl`` (one document per line, with ``id`` and
``text`` fields). Inside folders other types are reported as skipped; a file named
explicitly on the command line is tried as plain text whatever its extension.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

import charset_normalizer
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from pydantic import BaseModel, Field, model_validator

from graph.errors import InputNotFound

Status = Literal["ok", "skipped", "failed"]

FILE_KINDS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
"""Extensions read from folders, and how each is read."""

SNIFF_BYTES = 8192
"""How much of the start of a file is checked for NUL bytes to call it binary."""

# Magic numbers of the binary formats most often found (or renamed) among documents.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

CP1252_MARGIN = 0.1
"""How much more 'chaos' (charset-normalizer's mess score, 0..1) cp1252 may have and still be preferred."""

_FAMILIAR_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251")

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BREAK_CHARS = re.compile(r"[\x0b\x0c]")
_SURROGATES = re.compile("[\ud800-\udfff]")


class Document(BaseModel):
    """One input document, or the record of why an input could not become one."""

    doc_id: str = Field(
        description="Stable id: path relative to the input folder (posix separators), the file name for a "
        "file given directly, or the `id` field of a JSON Lines record (else '<file>:<line>')."
    )
    source: str = Field(description="Where it came from: the path, plus ':<line>' for JSON Lines records.")
    text: str | None = Field(
        default=None, description="Decoded, cleaned text (offsets refer to it); None unless status is 'ok'."
    )
    status: Status
    reason: str = Field(default="", description="One line: what was wrong, or what was done.")
    notes: list[str] = Field(default_factory=list, description="Non-fatal observations, e.g. 'BOM removed'.")
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Other JSON Lines fields (title, category, ...), an HTML <title>."
    )
    content_hash: str = Field(default="", description="sha256 (hex) of text when status is 'ok'.")

    @model_validator(mode="after")
    def _text_only_when_ok(self) -> Document:
        # Downstream code relies on "ok <=> has text", so refuse inconsistent records.
        if (self.status == "ok") != (self.text is not None):
            raise ValueError("text must be set exactly when status is 'ok'")
        return self


@dataclass(frozen=True)
class _Found:
    """A file to read, with the id it gets and whether the user named it directly."""

    path: Path
    doc_id: str
    explicit: bool = False

    @property
    def source(self) -> str:
        return os.fspath(self.path)


# ---------------------------------------------------------------------------
# Public API


def iter_documents(inputs: Iterable[str | os.PathLike], *, skip_folders: Iterable[str | os.PathLike] = ()) -> Iterator[Document]:
    """Yield one :class:`Document` per file (per line for ``.jsonl``) found in ``inputs``.

    ``inputs`` may mix folders and files (a single path is accepted too). Folders
    are walked recursively in sorted order, ignoring hidden entries; inputs are
    processed in the order given. A second record with an already used
    ``doc_id`` is yielded as ``skipped``. A folder of ``skip_folders`` met on
    the walk (the build's own output folder inside an input folder) is reported
    as ``skipped`` rather than read: its graph.html and triples.jsonl are not news.

    Raises :class:`~graph.errors.InputNotFound` immediately (before anything is
    read) when an input path does not exist.
    """
    paths = _validate_inputs(inputs)
    return _iter_validated(paths, frozenset(os.path.realpath(p) for p in skip_folders))


def load_documents(inputs: Iterable[str | os.PathLike]) -> list[Document]:
    """All records of :func:`iter_documents`, in the same order (input order, folders sorted)."""
    return list(iter_documents(inputs))


# ---------------------------------------------------------------------------
# Inputs and folders


def _validate_inputs(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    # Check every path up front: a typo in the last argument should not cost a
    # half-finished build.
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]  # one path, not an iterable of characters
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not path.exists():
            raise InputNotFound(
                f"input not found: {path}. Check the path, or run kg build with no argument to build seeds/."
            )
    return paths


def _iter_validated(paths: list[Path], skip: frozenset[str]) -> Iterator[Document]:
    first_source: dict[str, str] = {}
    for path in paths:
        for doc in _documents_from_input(path, skip):
            yield _unless_duplicate(doc, first_source)


def _unless_duplicate(doc: Document, first_source: dict[str, str]) -> Document:
    """Return ``doc``, or a ``skipped`` record if its id was already used."""
    if doc.doc_id not in first_source:
        first_source[doc.doc_id] = doc.source
        return doc
    return _skipped(
        doc.doc_id, doc.source, f"duplicate document id {doc.doc_id!r}, already used by {first_source[doc.doc_id]}"
    )


def _documents_from_input(path: Path, skip: frozenset[str]) -> Iterator[Document]:
    if path.is_dir() and os.path.realpath(path) in skip:
        yield _skipped(os.fspath(path), os.fspath(path), _OUTPUT_FOLDER)
    elif path.is_dir():
        yield from _documents_from_folder(path, skip)
    elif _is_regular_file(path):
        yield from _documents_from_file(_Found(path, path.name, explicit=True))
    else:
        yield _skipped(path.name, os.fspath(path), "not a regular file (device, pipe or socket); not read")


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _documents_from_folder(root: Path, skip: frozenset[str]) -> Iterator[Document]:
    found_any = False
    for item in _walk(root, skip):
        found_any = True
        if isinstance(item, Document):
            yield item
        else:
            yield from _documents_from_file(item)
    if not found_any:
        # Every input ends as a record: an empty folder must not be a silent no-op.
        yield _skipped(os.fspath(root), os.fspath(root), "empty folder: no files found (hidden files are ignored)")


_OUTPUT_FOLDER = "the output folder of this build; not read"


def _walk(root: Path, skip: frozenset[str] = frozenset()) -> Iterator[_Found | Document]:
    """Files under ``root`` in sorted depth-first order, plus records for entries that cannot be walked.

    Symbolic links are followed, but each real folder is entered only once: a
    link back to an ancestor (a loop) or to a folder already read is reported
    as ``skipped`` instead of being walked again (or forever).
    """
    first_rel = {os.path.realpath(root): ""}
    # A stack of iterators rather than recursion: sorted depth-first order for
    # free, and no recursion limit on very deep trees.
    stack: list[Iterator[tuple[Path, str]]] = []
    listing = _list_folder(root, "", root)
    if isinstance(listing, Document):
        yield listing
        return
    stack.append(iter(listing))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, rel = entry
        kind = _entry_kind(path, rel)
        if kind == "file":
            yield _Found(path, rel)
        elif kind == "folder" and os.path.realpath(path) in skip:
            yield _skipped(rel, os.fspath(path), _OUTPUT_FOLDER)
        elif kind == "folder":
            listing = _repeated_folder(path, rel, first_rel) or _list_folder(path, rel, root)
            if isinstance(listing, Document):
                yield listing
            else:
                stack.append(iter(listing))
        else:
            yield kind


def _list_folder(folder: Path, rel: str, root: Path) -> list[tuple[Path, str]] | Document:
    """Sorted, non-hidden entries of ``folder`` with their ids, or a ``failed`` record."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as exc:
        return _failed(rel or os.fspath(root), os.fspath(folder), f"cannot read folder: {_describe_os_error(exc)}")
    prefix = f"{rel}/" if rel else ""
    # Hidden entries (.git, .DS_Store, editor swap files) are never documents.
    return [(folder / name, prefix + name) for name in names if not name.startswith(".")]


def _entry_kind(path: Path, rel: str) -> Literal["file", "folder"] | Document:
    """'file', 'folder', or the record saying why the entry is neither (broken link, pipe, ...)."""
    source = os.fspath(path)
    try:
        mode = path.stat().st_mode  # follows symbolic links
    except FileNotFoundError:
        if path.is_symlink():
            return _skipped(rel, source, "broken symbolic link (its target does not exist)")
        return _failed(rel, source, "cannot read: file disappeared while the folder was read")
    except OSError as exc:
        if path.is_symlink():
            return _skipped(rel, source, f"symbolic link loop ({_describe_os_error(exc)}); not followed")
        return _failed(rel, source, f"cannot read: {_describe_os_error(exc)}")
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return _skipped(rel, source, "not a regular file (device, pipe or socket); not read")


def _repeated_folder(path: Path, rel: str, first_rel: dict[str, str]) -> Document | None:
    """A ``skipped`` record if the real folder behind ``path`` was entered already, else remember it."""
    real = os.path.realpath(path)
    if real not in first_rel:
        first_rel[real] = rel
        return None
    earlier = repr(first_rel[real]) if first_rel[real] else "the input folder"
    if Path(os.path.realpath(path.parent)).is_relative_to(real):
        reason = f"symbolic link loop: points back to {earlier}; not followed"
    else:
        reason = f"folder already read as {earlier} (reached again through a symbolic link); not followed"
    return _skipped(rel, os.fspath(path), reason)


def _describe_os_error(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


# ---------------------------------------------------------------------------
# Files


def _documents_from_file(found: _Found) -> Iterator[Document]:
    """The record(s) for one file; never raises, whatever the file contains."""
    try:
        yield from _read_file(found)
    except Exception as exc:  # noqa: BLE001 - one bad file must never sink the run
        yield _failed(found.doc_id, found.source, f"unexpected error: {type(exc).__name__}: {exc}")


def _read_file(found: _Found) -> Iterator[Document]:
    suffix = found.path.suffix.lower()
    kind = FILE_KINDS.get(suffix)
    notes: list[str] = []
    if kind is None:
        label = suffix or "(no extension)"
        if not found.explicit:
            yield _skipped(found.doc_id, found.source, f"unsupported file type {label}")
            return
        # The user named this file, so they want it read: try it as text.
        kind = "text"
        notes.append(f"unknown file type {label}; read as plain text")

    try:
        data = found.path.read_bytes()
    except OSError as exc:
        yield _failed(found.doc_id, found.source, f"cannot read: {_describe_os_error(exc)}")
        return
    binary = _binary_kind(data)
    if binary:
        yield _skipped(found.doc_id, found.source, f"binary file ({binary}), not text")
        return
    text, decode_notes = _decode(data)
    if text is None:
        yield _failed(found.doc_id, found.source, "not valid UTF-8, and no other text encoding fits")
        return
    notes.extend(decode_notes)

    if kind == "jsonl":
        yield from _jsonl_documents(found, text, notes)
    elif kind == "html":
        text, title = _html_to_text(text)
        yield _finish(
            found.doc_id,
            found.source,
            text,
            reason="converted from HTML",
            notes=notes,
            metadata={"title": title} if title else {},
            empty_reason="empty document (no visible text in the HTML)",
        )
    else:
        yield _finish(found.doc_id, found.source, text, reason="read as plain text", notes=notes)


def _binary_kind(data: bytes) -> str | None:
    """Why ``data`` looks binary ('looks like PNG image', 'contains NUL bytes'), or None."""
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return f"looks like {label}"
    if any(data.startswith(bom) for bom, _, _ in _UNICODE_BOMS):
        return None  # UTF-16/32 text is full of NUL bytes, legitimately
    if b"\x00" in data[:SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def _decode(data: bytes) -> tuple[str | None, list[str]]:
    """Decode bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else detected.

    Returns ``(None, [])`` when no encoding fits.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), ["UTF-8 byte-order mark (BOM) removed"]
        except UnicodeDecodeError:
            pass  # a BOM followed by non-UTF-8 bytes: let detection decide
    for bom, codec, label in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), [f"decoded as {label} (byte-order mark removed)"]
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    return _repair_mostly_utf8(data) or _detect_encoding(data)


def _repair_mostly_utf8(data: bytes) -> tuple[str, list[str]] | None:
    """Decode UTF-8 that has a few corrupt bytes (one bad byte, a cut-off last character).

    Encoding detection would turn every valid ``é`` or ``’`` of such a file into
    mojibake (``Ã©``), or give up. Valid multi-byte sequences outnumbering the
    invalid ones mean the file is UTF-8; legacy code pages almost never form them.
    """
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid_non_ascii = sum(1 for char in text if char > "\x7f") - invalid
    if valid_non_ascii <= invalid:
        return None
    plural = "s" if invalid > 1 else ""
    return text, [f"not valid UTF-8: {invalid} invalid byte sequence{plural} replaced with U+FFFD"]


def _detect_encoding(data: bytes) -> tuple[str | None, list[str]]:
    match = _pick_match(charset_normalizer.from_bytes(data))
    if match is None:
        return None, []
    return str(match), [f"not valid UTF-8; decoded as {_familiar_encoding_name(match)}"]


def _pick_match(matches: Any) -> Any:
    """charset-normalizer's best guess, nudged towards cp1252 when that fits about as well.

    On short texts the detector often ranks a Baltic or DOS code page first
    (``Café`` decoded as ``Cafķ``); cp1252 is by far the most common legacy
    encoding of English and Western European news, so it wins near-ties.
    """
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + CP1252_MARGIN:
            return match
    return best


def _familiar_encoding_name(match: Any) -> str:
    # Several code pages can give the very same text; name the one users know.
    for name in _FAMILIAR_ENCODINGS:
        if name in match.could_be_from_charset:
            return name
    return match.encoding


# ---------------------------------------------------------------------------
# JSON Lines


def _jsonl_documents(found: _Found, text: str, file_notes: list[str]) -> Iterator[Document]:
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
            yield _failed(
                f"{found.doc_id}:{number}",
                f"{found.source}:{number}",
                f"line {number}: unexpected error: {type(exc).__name__}: {exc}",
            )
    if not found_any:
        yield _skipped(found.doc_id, found.source, "empty document", notes=file_notes)


def _jsonl_record(found: _Found, number: int, line: str, file_notes: list[str]) -> Document:
    fallback_id = f"{found.doc_id}:{number}"
    source = f"{found.source}:{number}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return _failed(fallback_id, source, f"line {number}: not valid JSON ({_json_error(exc)})")
    if not isinstance(record, dict):
        return _failed(
            fallback_id, source, f'line {number}: expected a JSON object with "id" and "text", got {_json_type(record)}'
        )
    doc_id, id_notes = _record_id(record, fallback_id)
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'no "text" field' if "text" not in record else f'"text" is {_json_type(text)}, not a string'
        return _failed(doc_id, source, f"line {number}: {problem}")
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


# ---------------------------------------------------------------------------
# Cleaning and checks shared by every kind of file


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return ``text`` cleaned as documents are, and notes saying what changed.

    Removes a leading byte-order mark, turns ``\\r\\n`` and lone ``\\r`` into
    ``\\n``, turns vertical tab and form feed into ``\\n`` (they separate lines or
    pages, so deleting them would glue words together) and deletes the other C0
    control characters (NUL, ESC, ...) and DEL; ``\\n`` and ``\\t`` are kept.
    Character offsets everywhere refer to the cleaned text.

    >>> clean_text("\\ufeffa\\r\\nb\\x00c")
    ('a\\nbc', ['byte-order mark removed', 'Windows line endings (\\\\r\\\\n) converted to \\\\n', \
'removed 1 control character (NUL, ESC, ...)'])
    """
    notes: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("byte-order mark removed")
    if "\r" in text:
        text, windows = re.subn(r"\r\n", "\n", text)
        text, old_mac = re.subn(r"\r", "\n", text)
        if windows:
            notes.append("Windows line endings (\\r\\n) converted to \\n")
        if old_mac:
            notes.append("old Mac line endings (\\r) converted to \\n")
    text, breaks = _BREAK_CHARS.subn("\n", text)
    text, controls = _CONTROL_CHARS.subn("", text)
    # JSON escapes can make lone surrogates ("\\ud800"), which no file can hold: not text.
    text, surrogates = _SURROGATES.subn("\ufffd", text)
    if breaks:
        notes.append(f"converted {breaks} vertical tab/form feed character{'s' if breaks > 1 else ''} to \\n")
    if controls:
        notes.append(f"removed {controls} control character{'s' if controls > 1 else ''} (NUL, ESC, ...)")
    if surrogates:
        notes.append(f"replaced {surrogates} lone surrogate{'s' if surrogates > 1 else ''} (invalid Unicode) with U+FFFD")
    return text, notes


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
        return _skipped(doc_id, source, empty_reason, notes=notes, metadata=metadata)
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


# ---------------------------------------------------------------------------
# Language check
#
# py3langid (a maintained fork of langid.py, BSD-3-Clause) names the language: a Naive
# Bayes model over byte n-grams for 139 languages, shipped inside its wheel (4.6 MB) and
# loaded once per process on the first call (0.5 s, about 80 MB); nothing is downloaded. Its probabilities
# (``norm_probs=True``) are calibrated to the length of the text, so short texts get low
# ones. bench/language_notes.py counts the notes over our English corpora.

MIN_LETTER_BYTES = 100
"""Texts with fewer letters than this, counted in UTF-8 bytes (100 Latin letters, about 20
words; 50 Cyrillic, Greek or Arabic letters; 34 Chinese characters), are not judged.
py3langid reads byte n-grams, so its evidence grows with bytes; below this a headline, a
dateline or a line of names is too short for a verdict, whatever the library guesses."""

MIN_PROBABILITY = 0.9
"""A Latin-script text is flagged only when py3langid gives a language other than English at
least this probability. Over our English corpora (4,850 documents) no text gets more than
0.68 for another language (a dateline of names, "Sarajevo Radio Bosnia-Herzegovina
Network": Bosnian 0.68; "Barack Obama met Vladimir Putin." 20,000 times: Croatian 0.05),
while German, French, Spanish and Dutch paragraphs get 0.96 or more from 40 letters on."""

NON_LATIN_SHARE = 0.5
"""Above this share of non-Latin letters a text is flagged whatever the probability: the
script alone says it is not English, and py3langid's probabilities for a paragraph of Arabic
or Chinese run lower (0.87 to 0.96) than for Latin-script languages."""

LANGUAGE_SAMPLE = (3, 200)
"""(slices, characters): a long text is judged on three slices of 200 characters from its
start, middle and end, which keeps the check at about 0.25 ms a document (0.6 s for the 2,225
BBC articles, plus the model's load) whatever its length; a text of up to 600 characters is
judged whole. Larger slices cost more and change no verdict on our corpora."""

_NOT_FLAGGED = frozenset({"en", "zxx"})  # zxx: py3langid's "no language" (numbers, markup, codes)
_NON_LETTERS = re.compile(r"[\W\d_]+")
_NON_ASCII = re.compile(r"[\x00-\x7f]+")  # removes ASCII, leaving the letters to name
# The names of the codes py3langid returns (ISO 639-1, or 639-3 where there is none).
_LANGUAGE_NAMES = dict(
    item.strip().split(" ", 1)
    for item in """ace Acehnese|af Afrikaans|am Amharic|an Aragonese|ar Arabic|ary Moroccan Arabic|arz Egyptian Arabic
    |as Assamese|az Azerbaijani|ba Bashkir|bcl Central Bikol|be Belarusian|bg Bulgarian|bn Bengali|br Breton|bs Bosnian
    |ca Catalan|crh Crimean Tatar|cs Czech|cy Welsh|da Danish|de German|dz Dzongkha|el Greek|en English|eo Esperanto
    |es Spanish|et Estonian|eu Basque|ext Extremaduran|fa Persian|fi Finnish|fo Faroese|fr French|fuv Nigerian Fulfulde
    |fy Western Frisian|ga Irish|gcf Guadeloupean Creole|gcr Guianese Creole|gd Scottish Gaelic|gl Galician|gom Konkani
    |grc Ancient Greek|gu Gujarati|gug Paraguayan Guarani|guw Gun|ha Hausa|hbo Ancient Hebrew|he Hebrew|hi Hindi
    |hr Croatian|ht Haitian Creole|hu Hungarian|hy Armenian|id Indonesian|ig Igbo|is Icelandic|it Italian|ja Japanese
    |jv Javanese|ka Georgian|kab Kabyle|kik Kikuyu|kk Kazakh|km Khmer|kn Kannada|ko Korean|ku Kurdish|ky Kyrgyz
    |la Latin|lb Luxembourgish|lg Ganda|lij Ligurian|ln Lingala|lo Lao|lt Lithuanian|ltg Latgalian|lv Latvian
    |mg Malagasy|mk Macedonian|ml Malayalam|mn Mongolian|mr Marathi|ms Malay|mt Maltese|my Burmese|ne Nepali|nl Dutch
    |nn Norwegian Nynorsk|no Norwegian|nso Northern Sotho|oc Occitan|om Oromo|or Odia|pa Punjabi|pcm Nigerian Pidgin
    |pl Polish|ps Pashto|pt Portuguese|qu Quechua|ro Romanian|ru Russian|rw Kinyarwanda|sa Sanskrit|sdh Southern Kurdish
    |se Northern Sami|si Sinhala|sk Slovak|sl Slovenian|sn Shona|so Somali|sq Albanian|sr Serbian|st Southern Sotho
    |sv Swedish|sw Swahili|ta Tamil|te Telugu|tg Tajik|th Thai|tk Turkmen|tl Tagalog|tr Turkish|tt Tatar|ug Uyghur
    |uk Ukrainian|ur Urdu|uz Uzbek|uzs Southern Uzbek|vec Venetian|vi Vietnamese|vo Volapuk|wa Walloon|wuu Wu Chinese
    |xh Xhosa|yo Yoruba|yue Cantonese|zh Chinese|zu Zulu|zxx no language""".split("|")
)


def language_note(text: str) -> str | None:
    """``"probably not English (...): py3langid: <language> (<code>), probability <p>"``, else None.

    Texts with under :data:`MIN_LETTER_BYTES` of letters are not judged. A text mostly
    in a non-Latin script (over :data:`NON_LATIN_SHARE` of its letters) is flagged with the
    script and py3langid's verdict; a Latin-script text only when py3langid gives another
    language than English at least :data:`MIN_PROBABILITY`.

    >>> language_note("Der Präsident hat am Dienstag gesagt, dass die Regierung die neuen Regeln "
    ...               "nicht ändern wird und dass die Opposition mit den Plänen nicht einverstanden ist.")
    'probably not English (looks like German): py3langid: German (de), probability 1.00'
    """
    sample = _language_sample(text)
    letters = _NON_LETTERS.sub("", sample)
    if len(letters.encode("utf-8", "surrogatepass")) < MIN_LETTER_BYTES:
        return None
    script, share = _main_non_latin_script(letters)
    code, probability = _language_identifier().classify(sample)
    name = _LANGUAGE_NAMES.get(code, code)
    verdict = f"py3langid: {name} ({code}), probability {probability:.2f}"
    if share > NON_LATIN_SHARE:
        return f"probably not English (mostly {script} script): {verdict}"
    if code in _NOT_FLAGGED or probability < MIN_PROBABILITY:
        return None
    return f"probably not English (looks like {name}): {verdict}"


@functools.cache
def _language_identifier():
    """py3langid's identifier with probabilities, loaded once per process on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _language_sample(text: str) -> str:
    """The whole text, or :data:`LANGUAGE_SAMPLE`'s slices of it (start, middle, end) cut at spaces."""
    slices, size = LANGUAGE_SAMPLE
    if len(text) <= slices * size:
        return text
    step = (len(text) - size) // max(slices - 1, 1)
    parts = []
    for k in range(slices):
        start = k * step
        if k:  # begin after a space, not inside a word (a slice with no space is kept whole)
            space = text.find(" ", start, start + size // 2)
            start = space + 1 if space >= 0 else start
        part = text[start:start + size]
        space = part.rfind(" ", size // 2)
        parts.append(part[:space] if space >= 0 and start + size < len(text) else part)
    return "\n".join(parts)


def _main_non_latin_script(letters: str) -> tuple[str, float]:
    """The most frequent non-Latin script among ``letters``, and the share of non-Latin letters."""
    # Name only the letters outside ASCII (few, in English): ASCII letters are all Latin.
    scripts = Counter(unicodedata.name(char, "UNKNOWN").split(" ")[0] for char in _NON_ASCII.sub("", letters))
    scripts.pop("LATIN", None)
    if not scripts:
        return "", 0.0
    script = scripts.most_common(1)[0][0]
    return (script if script == "CJK" else script.capitalize()), sum(scripts.values()) / len(letters)


# ---------------------------------------------------------------------------
# Records


def _skipped(doc_id: str, source: str, reason: str, **fields: Any) -> Document:
    return Document(doc_id=doc_id, source=source, status="skipped", reason=_one_line(reason), **fields)


def _failed(doc_id: str, source: str, reason: str, **fields: Any) -> Document:
    return Document(doc_id=doc_id, source=source, status="failed", reason=_one_line(reason), **fields)


def _one_line(reason: str) -> str:
    # Reasons are printed in one-line-per-document reports; exception messages may span lines.
    return " ".join(reason.split())
