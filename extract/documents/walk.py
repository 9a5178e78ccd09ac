"""Walk the inputs of ``kg build`` (any mix of folders and files) into documents.

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
:func:`iter_documents` raises :class:`~extract.errors.InputNotFound` before reading
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

import logging
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator, Literal

from extract.documents.formats import read_file
from extract.documents.record import Document, Found, describe_os_error, failed, skipped
from extract.errors import InputNotFound, describe

logger = logging.getLogger(__name__)
"""Each broad ``except`` that turns an error into a one-line reason logs its traceback here (``kg build -v``)."""

def iter_documents(inputs: Iterable[str | os.PathLike], *, skip_folders: Iterable[str | os.PathLike] = ()) -> Iterator[Document]:
    """Yield one :class:`Document` per file (per line for ``.jsonl``) found in ``inputs``.

    ``inputs`` may mix folders and files (a single path is accepted too). Folders
    are walked recursively in sorted order, ignoring hidden entries; inputs are
    processed in the order given. A second record with an already used
    ``doc_id`` is yielded as ``skipped``. A folder of ``skip_folders`` met on
    the walk (the build's own output folder inside an input folder) is reported
    as ``skipped`` rather than read: its graph.html and triples.jsonl are not news.

    Raises :class:`~extract.errors.InputNotFound` immediately (before anything is
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
    return skipped(
        doc.doc_id, doc.source, f"duplicate document id {doc.doc_id!r}, already used by {first_source[doc.doc_id]}"
    )


def _documents_from_input(path: Path, skip: frozenset[str]) -> Iterator[Document]:
    if path.is_dir() and os.path.realpath(path) in skip:
        yield skipped(os.fspath(path), os.fspath(path), _OUTPUT_FOLDER)
    elif path.is_dir():
        yield from _documents_from_folder(path, skip)
    elif _is_regular_file(path):
        yield from _documents_from_file(Found(path, path.name, explicit=True))
    else:
        yield skipped(path.name, os.fspath(path), "not a regular file (device, pipe or socket); not read")


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
        yield skipped(os.fspath(root), os.fspath(root), "empty folder: no files found (hidden files are ignored)")


_OUTPUT_FOLDER = "the output folder of this build; not read"


def _walk(root: Path, skip: frozenset[str] = frozenset()) -> Iterator[Found | Document]:
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
            yield Found(path, rel)
        elif kind == "folder" and os.path.realpath(path) in skip:
            yield skipped(rel, os.fspath(path), _OUTPUT_FOLDER)
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
        return failed(rel or os.fspath(root), os.fspath(folder), f"cannot read folder: {describe_os_error(exc)}")
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
            return skipped(rel, source, "broken symbolic link (its target does not exist)")
        return failed(rel, source, "cannot read: file disappeared while the folder was read")
    except OSError as exc:
        if path.is_symlink():
            return skipped(rel, source, f"symbolic link loop ({describe_os_error(exc)}); not followed")
        return failed(rel, source, f"cannot read: {describe_os_error(exc)}")
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return skipped(rel, source, "not a regular file (device, pipe or socket); not read")


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
    return skipped(rel, os.fspath(path), reason)


def _documents_from_file(found: Found) -> Iterator[Document]:
    """The record(s) for one file; never raises, whatever the file contains."""
    try:
        yield from read_file(found)
    except Exception as exc:  # noqa: BLE001 - one bad file must never sink the run
        logger.info("reading %s failed", found.source, exc_info=True)
        yield failed(found.doc_id, found.source, f"unexpected error: {describe(exc)}")
