"""A document, or the record of why an input could not become one, and the wording of its reasons."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from extract.errors import one_line

Status = Literal["ok", "skipped", "failed"]


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
class Found:
    """A file to read, with the id it gets and whether the user named it directly."""

    path: Path
    doc_id: str
    explicit: bool = False

    @property
    def source(self) -> str:
        return os.fspath(self.path)


def describe_os_error(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def skipped(doc_id: str, source: str, reason: str, **fields: Any) -> Document:
    return Document(doc_id=doc_id, source=source, status="skipped", reason=one_line(reason), **fields)


def failed(doc_id: str, source: str, reason: str, **fields: Any) -> Document:
    return Document(doc_id=doc_id, source=source, status="failed", reason=one_line(reason), **fields)
