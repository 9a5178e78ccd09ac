"""Writing every output of a build: each file into a hidden staging folder, then all renamed
into place together, ``report.json`` last; the explorer page, the slowest, is written by a
forked copy of the build meanwhile."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from extract.errors import OutputNotWritable, one_line
from graph.files import atomic_write
from graph.run.options import BuildOptions

if TYPE_CHECKING:
    from graph.build import KnowledgeGraph


def report_counts(records: list[dict], kg: KnowledgeGraph) -> dict:
    """Totals for ``report.json``: documents by status, words, entities and edges by kind."""
    status = Counter(d["status"] for d in records)
    kinds = Counter(data.get("kind") for *_, data in kg.graph.edges(data=True))
    return {
        "documents": {s: status[s] for s in ("ok", "skipped", "failed")},
        "words": sum(d.get("words", 0) for d in records),
        "nodes": kg.graph.number_of_nodes(),
        "edges": {"role": kinds["role"], "action": kinds["action"]},
        "triples": len(kg.triples),
    }


def write_outputs(kg: KnowledgeGraph, records: list[dict], options: BuildOptions, *,
                  totals: dict | None = None, warnings: list[str] | None = None,
                  fingerprint: str | None = None) -> list[Path]:
    """Write every requested output into ``options.out``; the previous outputs stay until all are written.

    Each file is written (atomically) into a hidden staging folder inside ``out`` first;
    only when every one is complete are they renamed into place, ``report.json`` last. A
    build that fails or is killed while writing leaves the previous outputs as they were.
    """
    out = options.out
    remove_stale_staging(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=out))
    except OSError as err:
        raise OutputNotWritable(f"cannot write to the output folder {str(out)!r} ({err.strerror or err}).") from err
    try:
        names = _write_all(kg, records, options, staging, totals, warnings, fingerprint)
        for name in names:  # same file system: each rename is atomic
            os.replace(staging / name, out / name)
    except (OSError, OutputNotWritable) as err:
        cause = err.__cause__ if isinstance(err.__cause__, OSError) else err  # a writer's own error wraps it
        reason = getattr(cause, "strerror", None) or one_line(cause)
        raise OutputNotWritable(
            f"could not write the outputs to {str(out)!r} ({reason}); the previous outputs are unchanged."
        ) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


_STAGING = ".kg-staging-"


def _output_writers(kg) -> list[tuple[str, str, Callable[[Path], None]]]:
    """(format, file name, writer) of every output but report.json, in the order they are listed."""
    from graph.export import tables
    from graph.export.gexf import write_gexf
    from graph.timeline import dated_triples

    def merge_log(path: Path) -> None:
        with atomic_write(path) as f:
            for record in kg.merge_log:
                f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    return [
        ("graphml", "graph.graphml", kg.write_graphml),
        ("html", "graph.html", kg.write_html),
        ("csv", "nodes.csv", lambda path: tables.write_nodes_csv(kg.graph, path)),
        ("csv", "edges.csv", lambda path: tables.write_edges_csv(kg.graph, path)),
        ("jsonl", "triples.jsonl", lambda path: tables.write_triples_jsonl(dated_triples(kg), path)),
        ("gexf", "graph.gexf", lambda path: write_gexf(kg.graph, path)),
        ("always", "merges.jsonl", merge_log),
    ]


def _write_all(kg, records, options, folder: Path, totals, warnings, fingerprint) -> list[str]:
    writers = {name: write for fmt, name, write in _output_writers(kg) if fmt in options.formats or fmt == "always"}
    names = [*writers, "report.json"]
    # The page is the slowest output (its layout): on Linux it is written by a forked copy of
    # this process while this one writes the others, which saves a second per large build.
    with _written_aside(writers.pop("graph.html", None), folder / "graph.html") as page:
        for name, write in writers.items():
            write(folder / name)
        page.wait()
    report = {"counts": {**report_counts(records, kg), **(totals or {})}, "warnings": warnings or [], "documents": records,
              "outputs": names, "fingerprint": fingerprint}
    with atomic_write(folder / "report.json") as f:
        json.dump(report, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    return names


class _Aside:
    """A writer running in a forked child; :meth:`wait` returns once it is done, or raises its error."""

    def __init__(self, pid: int | None = None, errors: int | None = None):
        self.pid, self.errors, self.done = pid, errors, pid is None  # no pid: nothing to wait for

    def wait(self) -> None:
        if self.done:
            return
        assert self.pid is not None and self.errors is not None  # not done: a child was started
        with os.fdopen(self.errors, "rb") as pipe:  # the child writes its error here, if any
            message = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if message:
            error = json.loads(message)
            if error["errno"] is not None:
                raise OSError(error["errno"], error["strerror"])
            raise RuntimeError(f"writing {error['what']} failed: {error['message']}")
        if status != 0:
            raise RuntimeError("the process writing the page died")


@contextlib.contextmanager
def _written_aside(write: Callable[[Path], None] | None, path: Path) -> Iterator[_Aside]:
    """Run ``write(path)`` in a forked child while the block runs; yields its :class:`_Aside`.

    Without a writer, there is nothing to wait for. Where fork is missing or unsafe (not
    Linux, or other threads running), writes at once. Either way the :class:`_Aside` yielded
    is already done. Leaving the block early (an error, Ctrl-C) kills the child.
    """
    if write is None or not sys.platform.startswith("linux") or threading.active_count() > 1:
        if write is not None:
            write(path)
        yield _Aside()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report any error through the pipe, and leave at once
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            os.close(read_end)
            write(path)
            code = 0
        except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
            error = {"errno": getattr(err, "errno", None), "strerror": getattr(err, "strerror", None),
                     "what": path.name, "message": one_line(err)}
            os.write(write_end, json.dumps(error).encode())
        finally:
            os._exit(code)  # no cleanup of the parent's state (buffers, temporary folders)
    os.close(write_end)
    aside = _Aside(pid, read_end)
    try:
        yield aside
    finally:
        if not aside.done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)


def remove_stale_staging(out: Path) -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    try:
        entries = [p for p in out.iterdir() if p.name.startswith(_STAGING) and p.is_dir()]
    except OSError:
        return
    for path in entries:
        pid = path.name[len(_STAGING):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but is someone else's
    return True
