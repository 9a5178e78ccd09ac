"""How extraction scales: the local engine (1 and 2 processes) against Dask (1 and 2 workers).

    python bench/scale_dask.py [--limit N] [--jobs 1,2] [--workers 1,2] [--scheduler ADDRESS]
                               [--as-files] [--partition-chars C] [--model NAME] [--json PATH]

On the BBC corpus (``../shared/data/bbc/articles.jsonl``; ``--limit N`` takes its first N
articles) it times:

* the local engine, ``Extractor.analyse_many(n_process=J)`` for each J of ``--jobs``;
* Dask, ``graph.run.dask.analyse_with_dask`` on a LocalCluster of W worker processes for
  each W of ``--workers`` (or once on the running cluster at ``--scheduler``), split into
  cluster start, pipeline load on the workers, and extraction;
* the single-process steps of a build around the parse: loading the documents, storing the
  results in the cache, the merge (``KnowledgeGraph.from_results``, at several corpus sizes)
  and writing the GraphML.

It prints words/s, the speed-up of the largest against the smallest worker count, Dask's
overhead against the local engine at the same parallelism, and, from the merge times, the
number of workers beyond which the single-process merge takes longer than the parallel parse.
Every Dask run is checked to give the very results of the local engine.

``--as-files`` writes each article to its own .txt file, so Dask workers read documents
from paths (the way a folder input travels) instead of receiving their text.
Timings are wall-clock seconds of one run each: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def load_corpus(limit: int, as_files: bool, tmp: Path):
    """The first ``limit`` BBC articles (all with 0) as Document records, and the load time."""
    from extract.documents import load_documents

    lines = []
    with BBC.open(encoding="utf-8") as f:
        for line in f:
            if limit and len(lines) >= limit:
                break
            lines.append(line)
    if as_files:
        folder = tmp / "bbc"
        folder.mkdir()
        for line in lines:
            record = json.loads(line)
            (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        target = folder
    else:
        target = tmp / "bbc.jsonl"
        target.write_text("".join(lines), encoding="utf-8")
    started = time.perf_counter()
    docs = [d for d in load_documents([target]) if d.status == "ok"]
    return docs, time.perf_counter() - started


def time_local(extractor, docs, jobs: int, batch_size: int):
    """Results and (start-up, extraction) seconds of the local engine with ``jobs`` processes.

    With one process the pipeline is already loaded, so start-up is 0 (its load time is
    printed apart); with more, start-up is estimated by a run over one short document
    (forking the pool and loading the pipeline in every process).
    """
    items = [(d.doc_id, d.text) for d in docs]
    setup = 0.0
    if jobs > 1:
        started = time.perf_counter()
        list(extractor.analyse_many([("warm", "A short text.")], n_process=jobs, batch_size=batch_size))
        setup = time.perf_counter() - started
    started = time.perf_counter()
    results = list(extractor.analyse_many(items, n_process=jobs, batch_size=batch_size))
    wall = time.perf_counter() - started
    return results, setup, max(0.0, wall - setup), wall


def time_dask(docs, workers: int, scheduler: str | None, model, batch_size: int, partition_chars: int, pipeline: str):
    from graph.run.dask import analyse_with_dask, connect, warm_up

    started = time.perf_counter()
    client, cluster = connect(scheduler, workers)
    start = time.perf_counter() - started
    try:
        threads = sum(client.nthreads().values())
        started = time.perf_counter()
        warm_up(client, model, pipeline=pipeline)
        load = time.perf_counter() - started
        started = time.perf_counter()
        results = list(analyse_with_dask(docs, client=client, model=model, batch_size=batch_size,
                                         partition_chars=partition_chars, pipeline=pipeline))
        extract = time.perf_counter() - started
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return results, threads, start, load, extract


def time_merge(results, fractions=(0.0625, 0.125, 0.25, 0.5, 1.0), repeat=3):
    """[(documents, seconds)] of KnowledgeGraph.from_results over the first share of the results (best of ``repeat``)."""
    from graph.build import KnowledgeGraph

    good = sorted((r for r in results if not r.error), key=lambda r: r.doc_id)
    out = []
    for share in fractions:
        subset = good[: max(1, round(len(good) * share))]
        if out and len(subset) == out[-1][0]:
            continue
        best = math.inf
        for _ in range(repeat):
            started = time.perf_counter()
            kg = KnowledgeGraph.from_results(subset)
            best = min(best, time.perf_counter() - started)
        out.append((len(subset), best))
    return out, kg


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool processes, LocalCluster workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def power_law(points):
    """(a, b) of seconds = a * documents ** b, fitted in log-log space (b = 1 with one point)."""
    pts = [(math.log(n), math.log(s)) for n, s in points if n > 0 and s > 0]
    if len(pts) < 2:
        n, s = points[-1]
        return s / n, 1.0
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / (sum((x - mx) ** 2 for x, _ in pts) or 1.0)
    return math.exp(my - b * mx), b


def same_results(a, b) -> bool:
    da = {r.doc_id: r.model_dump() for r in a}
    db = {r.doc_id: r.model_dump() for r in b}
    return da == db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N articles (default: all)")
    parser.add_argument("--jobs", type=_ints, default=[1, 2], help="local engine process counts (default: 1,2)")
    parser.add_argument("--workers", type=_ints, default=[1, 2], help="Dask LocalCluster worker counts (default: 1,2)")
    parser.add_argument("--scheduler", help="time this running Dask cluster instead of LocalClusters")
    parser.add_argument("--as-files", action="store_true", help="one .txt file per article: workers read paths")
    parser.add_argument("--partition-chars", type=int, default=None, help="Dask partition size cap in characters")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not BBC.exists():
        print(f"the BBC corpus is not at {BBC}", file=sys.stderr)
        return 2

    from extract import Extractor
    from graph.export import tables
    from graph.export.graphml import write_graphml
    from graph.run.cache import ResultCache
    from graph.run.dask import DEFAULT_PARTITION_CHARS

    partition_chars = args.partition_chars or DEFAULT_PARTITION_CHARS
    figures: dict = {"cpus": os.cpu_count(), "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docs, load_docs = load_corpus(args.limit, args.as_files, tmp)
        chars = sum(len(d.text) for d in docs)
        started = time.perf_counter()
        extractor = Extractor(args.model)
        model_load = time.perf_counter() - started
        print(f"corpus: {len(docs)} BBC articles, {chars:,} characters"
              f"{' (one .txt file each)' if args.as_files else ''}; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"pipeline {extractor.pipeline}: loaded in {model_load:.2f} s; documents loaded in {load_docs:.2f} s")
        print()
        print(f"{'engine':<24} {'start-up s':>10} {'extract s':>10} {'total s':>9} {'words/s':>9} {'words/s extract':>16}"
              f" {'CPU s':>7} {'words/CPU s':>12}")

        runs = []
        reference = None
        words = 0
        for jobs in args.jobs:
            cpu = cpu_seconds()
            results, setup, extract, wall = time_local(extractor, docs, jobs, args.batch_size)
            cpu = cpu_seconds() - cpu
            if reference is None:
                reference = results
                words = sum(r.words for r in results)
            if jobs == 1:
                setup, wall = model_load, wall + model_load
            runs.append({"engine": "local", "parallel": jobs, "start": setup, "load": 0.0, "extract": extract,
                         "total": wall, "cpu": cpu, "identical": same_results(results, reference)})
        dask_counts = [None] if args.scheduler else args.workers
        for workers in dask_counts:
            cpu = cpu_seconds()
            results, threads, start, load, extract = time_dask(
                docs, workers or 0, args.scheduler, args.model, args.batch_size, partition_chars, extractor.pipeline)
            cpu = cpu_seconds() - cpu if not args.scheduler else float("nan")  # remote workers: not ours to count
            runs.append({"engine": "dask", "parallel": threads, "start": start, "load": load, "extract": extract,
                         "total": start + load + extract, "cpu": cpu, "identical": same_results(results, reference)})
        for r in runs:
            r["words_per_s"] = words / r["total"]
            r["words_per_s_extract"] = words / r["extract"] if r["extract"] else float("nan")
            name = f"{r['engine']} x{r['parallel']}" + ("" if r["identical"] else "  (RESULTS DIFFER)")
            start = f"{r['start']:.1f}" + (f"+{r['load']:.1f}" if r["load"] else "")
            print(f"{name:<24} {start:>10} {r['extract']:>10.1f} {r['total']:>9.1f} "
                  f"{r['words_per_s']:>9,.0f} {r['words_per_s_extract']:>16,.0f} {r['cpu']:>7.1f} {words / r['cpu']:>12,.0f}")
        print(f"({words:,} words; dask start-up = cluster start + pipeline load on the workers; "
              f"local x1 start-up = pipeline load; local xN start-up estimated from a one-document run;\n"
              f" CPU s = CPU time of this process and its worker processes, start-up included: "
              f"on a busy machine it shows the work done better than wall time)")
        print()

        by = {(r["engine"], r["parallel"]): r for r in runs}
        for engine in ("local", "dask"):
            counts = sorted(p for e, p in by if e == engine)
            if len(counts) >= 2:
                lo, hi = by[(engine, counts[0])], by[(engine, counts[-1])]
                print(f"{engine}: speed-up x{counts[-1]} over x{counts[0]}: "
                      f"{lo['extract'] / hi['extract']:.2f} (extraction), {lo['total'] / hi['total']:.2f} (total); "
                      f"ideal {counts[-1] / counts[0]:.0f}")
        for (engine, p), r in sorted(by.items()):
            if engine == "dask" and ("local", p) in by:
                local = by[("local", p)]
                print(f"dask overhead at parallelism {p}: extraction {r['extract'] / local['extract'] - 1:+.0%}, "
                      f"total {r['total'] / local['total'] - 1:+.0%} against the local engine")
        print()

        # --- the single-process steps around the parse --------------------------------------
        started = time.perf_counter()
        cache = ResultCache(tmp / "cache.sqlite", extractor=extractor.version, pipeline=extractor.pipeline)
        hashes = {d.doc_id: d.content_hash for d in docs}
        for r in reference:
            cache.put(r, hashes[r.doc_id])
        cache.close()
        cache_s = time.perf_counter() - started
        merges, kg = time_merge(reference)
        started = time.perf_counter()
        write_graphml(kg.graph, tmp / "graph.graphml")
        graphml_s = time.perf_counter() - started
        started = time.perf_counter()
        kg.write_html(tmp / "graph.html")
        html_s = time.perf_counter() - started
        started = time.perf_counter()
        tables.write_nodes_csv(kg.graph, tmp / "nodes.csv")
        tables.write_edges_csv(kg.graph, tmp / "edges.csv")
        tables.write_triples_jsonl(kg.triples, tmp / "triples.jsonl")
        tables_s = time.perf_counter() - started
        a_all, b_all = power_law(merges)
        a, b = power_law(merges[-3:])  # the growth at the largest sizes, where fixed costs no longer hide it
        print("single-process steps (on the client, whatever the engine):")
        print(f"  load documents {load_docs:.2f} s, cache {len(reference)} results {cache_s:.2f} s")
        print(f"  write outputs ({kg.graph.number_of_nodes()} nodes, {kg.graph.number_of_edges()} edges): "
              f"GraphML {graphml_s:.2f} s, HTML {html_s:.2f} s, CSV + JSON Lines {tables_s:.2f} s")
        print("  merge (KnowledgeGraph.from_results): "
              + ", ".join(f"{n} docs {s:.2f} s" for n, s in merges))
        print(f"  merge growth: docs^{b:.2f} over the three largest sizes (docs^{b_all:.2f} over all); "
              "the table below extrapolates with the former")

        # Where the merge overtakes the parse: parse time with W workers = docs * words/doc / (W * rate),
        # rate = one worker's extraction words/s (Dask x1 if measured, else local x1).
        one = by.get(("dask", 1)) or by.get(("local", 1))
        if one:
            rate = one["words_per_s_extract"]
            words_per_doc = words / max(1, len(reference))
            print(f"  merge against parse (one worker parses {rate:,.0f} words/s, {words_per_doc:.0f} words/doc; "
                  "sizes beyond the corpus are extrapolated):")
            print(f"  {'documents':>12} {'parse 1 worker':>15} {'merge':>10} {'workers at which merge = parse':>32}")
            for n in sorted({len(reference), 10_000, 100_000, 1_000_000}):
                parse_1 = n * words_per_doc / rate
                merge = a * n ** b
                print(f"  {n:>12,} {_duration(parse_1):>15} {_duration(merge):>10} {parse_1 / merge:>32,.0f}")
        figures.update(documents=len(docs), characters=chars, words=words, model_load=model_load,
                       load_documents=load_docs, runs=runs, cache_put=cache_s, graphml_write=graphml_s,
                       html_write=html_s, tables_write=tables_s, merge=merges, merge_fit={"a": a, "b": b},
                       merge_fit_all={"a": a_all, "b": b_all})
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r["identical"] for r in runs) else 1


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


if __name__ == "__main__":
    sys.exit(main())
