"""Every error a user can cause, in one catalogue (used by extract/ and graph/ alike).

Each has a code the user can search for, says what was wrong and what to do.
The CLI prints ``kg: error E###: message`` and exits with code 2; no traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake in how the tool was called, reported in one line without a traceback."""

    code = "E000"
    exit_code = 2

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"{self.code}: {self.args[0] if self.args else ''}"


class InputNotFound(UserError):
    """An input path (or a GraphML file to read) does not exist: check the path."""

    code = "E001"


class OutputNotWritable(UserError):
    """The output folder, an output file or the cache cannot be written (permissions, a full
    disk, a folder in the way); pick another place with ``-o`` or ``--cache``."""

    code = "E002"


class ModelNotFound(UserError):
    """The spaCy pipeline named with ``--model`` is not installed, or is not a full English
    pipeline: install it, or name another."""

    code = "E003"


class AliasesFileError(UserError):
    """The ``--aliases`` file cannot be read, or is not the YAML or CSV of 'same' and 'never'
    groups the README describes."""

    code = "E004"


class GraphFileError(UserError):
    """A file given as GraphML is not one ``kg`` can read."""

    code = "E005"


class BadOption(UserError):
    """An option's value is out of range, or does not go with the others (``--workers``
    without ``--engine dask``); also a Dask worker whose code differs from this machine's."""

    code = "E006"


def one_line(message: object) -> str:
    """``message`` on one line, for the report and the terminal; an exception with no
    message gives its type's name."""
    text = " ".join(str(message).split())
    if not text and isinstance(message, BaseException):
        return type(message).__name__
    return text


def describe(err: BaseException) -> str:
    """An unexpected exception on one line with its type: ``"KeyError: 'x'"``."""
    return one_line(f"{type(err).__name__}: {err}")


__all__ = [
    "UserError",
    "InputNotFound",
    "OutputNotWritable",
    "ModelNotFound",
    "AliasesFileError",
    "GraphFileError",
    "BadOption",
    "one_line",
    "describe",
]
