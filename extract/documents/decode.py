"""Bytes to text: binary files told apart, encodings and byte-order marks, and the cleaning
every text gets (line endings, control characters, lone surrogates)."""

from __future__ import annotations

import codecs
import re
from typing import Any

import charset_normalizer

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


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` looks binary ('looks like PNG image', 'contains NUL bytes'), or None."""
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return f"looks like {label}"
    if any(data.startswith(bom) for bom, _, _ in _UNICODE_BOMS):
        return None  # UTF-16/32 text is full of NUL bytes, legitimately
    if b"\x00" in data[:SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def decode(data: bytes) -> tuple[str | None, list[str]]:
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
