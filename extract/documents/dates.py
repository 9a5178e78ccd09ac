"""What an HTML page or a record says about itself: its date, and for a news page its article body.

A document's own date is the day its events are counted from ("last week") and reported on.

Where it comes from, first found wins:

1. ``--dates FILE``: a CSV of ``document id, date`` rows (a header row is allowed);
2. a JSON Lines record's ``date`` or ``published`` field;
3. an HTML page's own metadata (``<meta property="article:published_time">``, JSON-LD,
   ``<time>``...), read by htmldate without any network access.

Values may be ISO dates or date-times ("2020-01-08T10:00:00Z") or written dates
("8 January 2020"); they are kept as an ISO day, month or year.

A saved page that says it is a news article (JSON-LD ``NewsArticle`` or ``Article``,
``og:type`` ``article``, or an ``<article>`` element) is reduced to its article body by
trafilatura (:func:`news_article_text`): navigation, cookie notices, adverts, related links,
comments and the footer go, which the plain reduction of every visible block keeps.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from extract.dates import normalise

DATE_FIELDS = ("date", "published")
"""JSON Lines fields that hold a document's date, in order of preference."""


def iso_document_date(value: object) -> str:
    """An ISO day, month or year for a date as a record or a user writes it; '' when it is none."""
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value or "").strip()
    if not text:
        return ""
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text if _valid(text) else ""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return normalise(text, None)


def _valid(text: str) -> bool:
    try:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        date(*parts[:3])
        return True
    except ValueError:
        return False


def html_date(markup: str) -> str:
    """The publication date an HTML page states in its metadata, or ''. Uses htmldate, offline."""
    try:
        from htmldate import find_date

        found = find_date(markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page htmldate cannot read has no date, and is read all the same
        return ""
    return found or ""


_ARTICLE_MARKS = re.compile(
    r"<article[\s>]"
    r"""|property=["']og:type["']\s+content=["']article"""
    r'|"@type"\s*:\s*"(?:News|Reportage)?Article"',
    re.IGNORECASE,
)


def news_article_text(markup: str) -> str:
    """A news page's article body, one blank line between paragraphs; '' for any other page, or when trafilatura finds none.

    Pages that do not say they are articles keep today's reduction (every visible block), so
    a list, a table or a page of notes loses nothing.
    """
    if not _ARTICLE_MARKS.search(markup):
        return ""
    try:
        import trafilatura

        body = trafilatura.extract(markup, output_format="txt", include_comments=False, include_tables=True,
                                   favor_precision=True)
    except Exception:  # noqa: BLE001 - the caller falls back to the whole page's text
        return ""
    paragraphs = [line.strip() for line in (body or "").splitlines() if line.strip()]
    return "\n\n".join(paragraphs)  # a blank line ends a sentence (extract/pipeline.py), as for other pages


def read_dates_csv(path: str | Path) -> dict[str, str]:
    """``document id -> ISO date`` from a CSV of (id, date) rows; rows whose date is no date are left out."""
    dates = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.reader(f):
            if len(row) >= 2 and (value := iso_document_date(row[1])):
                dates[row[0].strip()] = value
    return dates


def document_dates(documents: Iterable, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """``document id -> ISO date`` of every document that has one (``overrides`` first, then its metadata)."""
    dates = {}
    for doc in documents:
        value = (overrides or {}).get(doc.doc_id, "")
        for name in DATE_FIELDS:
            if value:
                break
            value = iso_document_date((doc.metadata or {}).get(name))
        if value:
            dates[doc.doc_id] = value
    return dates
