"""Page furniture ("AD", cookie notices, "Tip: mention @twtextapp ...") is not article text.

Rather than cut it out, which would shift every offset after it, :func:`mask_boilerplate`
overwrites such lines with spaces. The parser then sees nothing there, and every
offset still points into the document exactly as the user has it.
"""

from __future__ import annotations

import re

from extract import lexicon

_LINE = re.compile(r"[^\n]*")


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of the lines of ``text`` that are page furniture."""
    patterns = lexicon.boilerplate_patterns()
    spans = []
    for m in _LINE.finditer(text):
        line = m.group()
        if line.strip() and any(p.search(line) for p in patterns):
            spans.append((m.start(), m.end()))
    return spans


def mask_boilerplate(text: str) -> str:
    """``text`` with boilerplate lines blanked out; the same length, so offsets are unchanged."""
    spans = boilerplate_lines(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)
