"""Writing output files safely: to a temporary file first, then renamed into place.

A build that is killed half-way therefore never leaves a truncated output: the
previous file stays whole until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from extract.errors import OutputNotWritable


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_write(p) as f:
    ...     _ = f.write("hello")
    >>> p.read_text()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        text_args: dict[str, Any] = {} if binary else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **text_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_binary(path_or_file: str | os.PathLike | IO[bytes], write: Callable[[IO[bytes]], object], what: str) -> None:
    """``write`` to an open binary file as it is, or atomically to a path (:func:`atomic_write`);
    a path that cannot be written raises OutputNotWritable naming ``what`` ("GraphML")."""
    if hasattr(path_or_file, "write"):
        write(path_or_file)  # type: ignore[arg-type]
        return
    try:
        with atomic_write(path_or_file, "wb") as f:
            write(f)
    except OSError as err:
        raise OutputNotWritable(f"cannot write {what} to {os.fspath(path_or_file)}: {err}") from err
