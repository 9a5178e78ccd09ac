"""Throughput, memory and incremental-build figures on the BBC corpus.

    python bench/throughput.py [--limit N] [--corpus PATH]

Measures, with the same pipeline and settings:
  1. bare ``nlp.pipe`` over all texts (one process), first and (1b) second pass;
  2. extraction on top of the parse (``Extractor.analyse_many``, one process); the rules'
     cost is 2 minus 1b, since the first pass over a corpus is slower (the vocabulary grows);
  3. the graph merge (``KnowledgeGraph.from_results``), and how it grows with the corpus;
  4. the exports;
  5. the whole ``kg build`` (a subprocess, no cache) with --jobs 1 and --jobs 2, then with the cache;
  6. re-runs with the cache: nothing changed, and one document changed.
It prints words per second, each stage's share, the ratio of the whole build to the bare
parse, the --jobs 2 speed-up and peak memory (RSS, children included).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def load_corpus(path: Path, limit: int | None) -> list[tuple[str, str]]:
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            items.append((str(row["id"]), row["text"]))
            if limit and len(items) >= limit:
                break
    return items


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def kg_build(args: list[str]) -> tuple[float, int]:
    """Run ``kg build`` in a subprocess; (seconds, peak RSS in MB of it and its children together)."""
    run = run_measured([sys.executable, "-m", "graph.cli", "build", *args, "-q"], cwd=ROOT)
    if run.returncode:
        raise SystemExit(f"kg build failed with exit code {run.returncode}:\n{run.stderr}")
    return run.seconds, run.peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--skip-builds", action="store_true", help="skip the whole-build subprocess runs")
    args = parser.parse_args()

    from extract import Extractor
    from extract.boilerplate import mask_boilerplate
    from graph import KnowledgeGraph
    from graph.run import BuildOptions, write_outputs

    items = load_corpus(args.corpus, args.limit)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    ex = Extractor()
    print(f"pipeline: {ex.pipeline}; corpus: {args.corpus.name}, {len(items)} documents")

    texts = [mask_boilerplate(t) for _, t in items]
    # The first pass over a corpus is the slowest (spaCy's vocabulary grows as it meets new
    # words), and a whole `kg build` is such a first pass: it is compared with this one.
    _, t_parse = timed(lambda: [len(d) for d in ex.nlp.pipe(texts, batch_size=16)])
    words = sum(1 for _ in " ".join(texts).split())
    results, t_extract = timed(lambda: list(ex.analyse_many(items, batch_size=16)))
    # The rules alone: extraction against a bare parse that is, like it, not a first pass.
    _, t_parse_warm = timed(lambda: [len(d) for d in ex.nlp.pipe(texts, batch_size=16)])
    kg, t_merge = timed(lambda: KnowledgeGraph.from_results(results))
    with tempfile.TemporaryDirectory() as tmp:
        _, t_export = timed(lambda: write_outputs(kg, [], BuildOptions(out=Path(tmp))))

    print(f"\nwords: {words:,}")
    rows = [("1 bare nlp.pipe", t_parse), ("1b bare nlp.pipe, again", t_parse_warm),
            ("2 extraction incl. parse", t_extract), ("3 graph merge", t_merge), ("4 exports (all formats)", t_export)]
    total = t_extract + t_merge + t_export
    print(f"{'stage':28} {'seconds':>8} {'words/s':>9} {'share':>6}")
    for name, t in rows:
        share = f"{100 * t / total:5.1f}%" if name[0] != "1" else "     -"
        print(f"{name:28} {t:8.1f} {words / t:9,.0f} {share}")
    rules = t_extract - t_parse_warm
    print(f"extraction rules alone: {rules:.1f} s ({100 * rules / t_parse_warm:.1f}% on top of a parse that is not the first)")
    print(f"in-process pipeline (2+3+4) / bare parse: {total / t_parse:.3f}")

    print("\nmerge time as the corpus grows:")
    for share in (0.10, 0.25, 0.50, 1.00):
        part = results[: max(1, int(len(results) * share))]
        _, t = timed(lambda: KnowledgeGraph.from_results(part))
        n = sum(len(r.mentions) + 2 * len(r.triples) for r in part)
        print(f"  {share:4.0%}: {len(part):5} docs, {n:7,} mentions  {t:6.2f} s   per n·log n: {1e6 * t / (n * math.log(n)):.3f} µs")

    if args.skip_builds:
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for doc_id, text in items:
                f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
        out = Path(tmp) / "out"
        t1, rss1 = kg_build([str(corpus), "-o", str(out), "--no-cache", "--jobs", "1"])
        # both without the cache, so that --jobs is the only difference
        t2, rss2 = kg_build([str(corpus), "-o", str(out), "--no-cache", "--jobs", "2"])
        t_fill, _ = kg_build([str(corpus), "-o", str(out), "--jobs", "2"])  # fills the cache
        t_same, _ = kg_build([str(corpus), "-o", str(out), "--jobs", "2"])
        lines = corpus.read_text(encoding="utf-8").splitlines()
        row = json.loads(lines[0])
        row["text"] += " The US assassinated Iranian Gen Qasem Soleimani."
        lines[0] = json.dumps(row)
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        t_one, _ = kg_build([str(corpus), "-o", str(out), "--jobs", "2"])
    print("\nwhole kg build (subprocess, model load included):")
    print(f"  --jobs 1, no cache: {t1:7.1f} s  {words / t1:7,.0f} words/s  whole build / bare parse = {t1 / t_parse:.3f}")
    print(f"  --jobs 2, no cache:  {t2:6.1f} s  {words / t2:7,.0f} words/s  speed-up over --jobs 1 = {t1 / t2:.2f}x")
    print(f"  --jobs 2, filling the cache: {t_fill:4.1f} s")
    print(f"  re-run, nothing changed:   {t_same:6.1f} s")
    print(f"  re-run, one doc changed:   {t_one:6.1f} s")
    print(f"  peak RSS of the build, workers included: --jobs 1 {rss1} MB, --jobs 2 {rss2} MB")


if __name__ == "__main__":
    main()
