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
from typing import TYPE_CHECKING

from extract.errors import OutputNotWritable, one_line
from extract.models import DocumentResult
from graph.run.fingerprint import source_digest
from graph.run.options import BuildOptions

if TYPE_CHECKING:
    from extract.extractor import Extractor

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


def open_cache(options: BuildOptions, extractor: Extractor, warnings: list[str]) -> ResultCache | None:
    """The result cache, or None (with a warning) when the file is there but damaged.

    A cache that cannot be opened or created (permissions, a folder in the way, locked)
    is the user's to fix: exit code 2. A damaged one at the default place is ours, so it
    is started afresh; one the user named with ``--cache`` is left alone (it may not be
    ours) and the run goes on without a cache.
    """
    path = cache_path(options)

    def open_cache() -> ResultCache:
        try:
            return ResultCache(path, extractor=extractor_key(extractor), pipeline=extractor.pipeline)
        except (OSError, sqlite3.OperationalError) as err:
            raise OutputNotWritable(
                f"cannot open the cache {str(path)!r} ({one_line(err)}). Pick another with --cache PATH, or use --no-cache."
            ) from err

    try:
        return open_cache()
    except sqlite3.DatabaseError as err:  # not an SQLite file, or a damaged one
        problem = one_line(err)
    if options.cache is not None:
        warnings.append(f"the cache {path} is unusable ({problem}); built without it. kg cache clear --cache PATH deletes it")
        return None
    clear_cache(path)
    warnings.append(f"the cache {path} was unusable ({problem}); started a new one")
    return open_cache()


def extractor_key(extractor: Extractor) -> str:
    """The extractor as the cache knows it: its version and a digest of its code and word
    lists, so that editing a rule or a file of ``extract/data/`` redoes the extraction."""
    return f"{extractor.version}+{source_digest('extract')[:16]}"


def cache_path(options: BuildOptions) -> Path:
    return options.cache or options.out / ".cache" / "results.sqlite"


class CacheWriter:
    """Stores fresh results; if the cache fails mid-run (disk full, locked), the build goes on without it."""

    def __init__(self, cache: ResultCache | None, warnings: list[str]):
        self.cache, self.warnings = cache, warnings

    def put(self, result: DocumentResult, content_hash: str) -> None:
        if self.cache is None or result.error:
            return
        try:
            self.cache.put(result, content_hash)
        except sqlite3.Error as err:
            self.warnings.append(f"stopped caching results: {one_line(err)}")
            self.close()

    def has_all(self, keys: list[tuple[str, str]]) -> bool:
        if self.cache is None:
            return False
        try:
            return self.cache.has_all(keys)
        except sqlite3.Error:
            return False  # get_many meets the same error and says so

    def get_many(self, keys: list[tuple[str, str]]) -> dict[str, DocumentResult]:
        if self.cache is None:
            return {}
        try:
            return self.cache.get_many(keys)
        except (sqlite3.Error, ValueError) as err:  # ValueError: a stored result that no longer validates
            self.warnings.append(f"could not read the cache ({one_line(err)}); every document parsed again")
            return {}

    def prune(self, keys: list[tuple[str, str]]) -> None:
        if self.cache is not None:
            try:
                self.cache.prune(keys)
            except sqlite3.Error as err:
                self.warnings.append(f"could not tidy the cache: {one_line(err)}")

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None
