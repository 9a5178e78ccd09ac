"""The embedded cache of extraction results: SQLite from the standard library.

A result is stored under (doc id, content hash, extractor version, pipeline name and
version), so a re-run parses only new or changed documents, and changing the extractor
or the pipeline recomputes everything. ``kg build`` gives as the extractor version
``EXTRACTOR_VERSION`` plus a digest of ``extract/``'s code and word lists. Each result is committed as soon as it exists,
so a run that is interrupted resumes where it stopped.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from extract.models import DocumentResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    extractor TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (doc_id, content_hash, extractor, pipeline)
)
"""


class ResultCache:
    """Extraction results of documents, keyed by their content; see the module docstring."""

    def __init__(self, path: str | Path, *, extractor: str, pipeline: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.extractor, self.pipeline = extractor, pipeline
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")  # a killed writer never corrupts the file
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(SCHEMA)
        self.db.commit()

    def get_many(self, keys: list[tuple[str, str]]) -> dict[str, DocumentResult]:
        """Cached results for (doc id, content hash) pairs, by doc id; misses are absent."""
        found: dict[str, DocumentResult] = {}
        wanted = dict(keys)
        rows = self.db.execute(
            "SELECT doc_id, content_hash, result FROM results WHERE extractor = ? AND pipeline = ?",
            (self.extractor, self.pipeline),
        )
        for doc_id, content_hash, payload in rows:
            if wanted.get(doc_id) == content_hash:
                found[doc_id] = DocumentResult.model_validate_json(payload)
        return found

    def has_all(self, keys: list[tuple[str, str]]) -> bool:
        """Whether a result is stored for every (doc id, content hash) pair (without reading the results)."""
        rows = self.db.execute(
            "SELECT doc_id, content_hash FROM results WHERE extractor = ? AND pipeline = ?", (self.extractor, self.pipeline)
        )
        return set(keys) <= set(rows)

    def put(self, result: DocumentResult, content_hash: str) -> None:
        """Store one result and commit it at once."""
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
            (result.doc_id, content_hash, self.extractor, self.pipeline, result.model_dump_json()),
        )
        self.db.commit()

    def prune(self, keep: list[tuple[str, str]]) -> int:
        """Drop results of documents that are gone or changed; returns how many rows went."""
        keep_set = set(keep)
        rows = self.db.execute("SELECT doc_id, content_hash, extractor, pipeline FROM results").fetchall()
        stale = [r for r in rows if (r[0], r[1]) not in keep_set or (r[2], r[3]) != (self.extractor, self.pipeline)]
        self.db.executemany(
            "DELETE FROM results WHERE doc_id = ? AND content_hash = ? AND extractor = ? AND pipeline = ?", stale
        )
        self.db.commit()
        return len(stale)

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def clear_cache(path: str | Path) -> bool:
    """Delete a cache file (and SQLite's side files); True when there was one."""
    path = Path(path)
    existed = path.exists()
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)
    return existed
