"""How the merge scales: graphs of 10,000 to 100,000 documents, built without parsing.

    python bench/merge_scale.py [--cache out/bbc/.cache/results.sqlite] [--sizes 10000,30000,100000]

The extraction results of the BBC corpus, cached by a ``kg build ../shared/data/bbc/articles.jsonl
-o out/bbc``, are replicated under new document ids until the corpus has the size asked for, and
:meth:`graph.KnowledgeGraph.from_results` merges them, as ``kg build`` does after parsing. Each
size runs in a fresh process (``bench/measure.py`` samples its peak memory) and prints the merge
time (wall clock, and the process's CPU time, which a machine shared with other work inflates
less), the time to write GraphML, CSV and JSON Lines, peak memory and the output sizes.

A plain copy would only repeat 12,000 names; a real corpus of 100,000 articles names far more
people and organisations, with the same kinds of variants. So each copy after the first renames
most name words (:func:`varied`): a word keeps its first letter and gets a copy's own ending
("Blair" -> "Blairka" in copy 3), consistently within the copy, so "Tony Blair", "Mr Blair" and
"Blair" stay one person's forms, "SEC" still abbreviates "Securities and Exchange Commission",
and blocks of look-alike surnames grow with the corpus as they would. Countries, demonyms and
parties keep their names (every corpus shares them), and one word in
:data:`KEPT_SHARE` keeps its name in each copy (famous names recur).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import run_measured  # noqa: E402

DEFAULT_CACHE = ROOT / "out" / "bbc" / ".cache" / "results.sqlite"
KEPT_SHARE = 5
"""One word in this many keeps its own name in a copy: the famous names every story shares."""
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "so", "ta", "vi", "de", "po", "ha", "zu")


def load_results(cache: Path) -> list:
    """Every result of the newest extractor version in a ``kg build`` cache."""
    from extract.models import DocumentResult

    db = sqlite3.connect(cache)
    row = db.execute("SELECT extractor FROM results ORDER BY rowid DESC LIMIT 1").fetchone()
    if row is None:
        raise SystemExit(f"{cache} holds no results: run kg build ../shared/data/bbc/articles.jsonl -o out/bbc first")
    rows = db.execute("SELECT result FROM results WHERE extractor = ? ORDER BY doc_id", row)
    return [DocumentResult.model_validate_json(payload) for (payload,) in rows]


def _ending(copy: int) -> str:
    """A copy's own word ending: 'ka', 'lo', ..., then two syllables."""
    out, n = "", copy
    while n:
        n, r = divmod(n - 1, len(_SYLLABLES))
        out = _SYLLABLES[r] + out
    return out


def varied(text: str, copy: int, cache: dict) -> str:
    """``text`` as copy ``copy`` writes it: name words (capitalised, three letters or more,
    not a country, demonym or party) get the copy's ending, except one in :data:`KEPT_SHARE`."""
    if copy == 0:
        return text
    key = (text, copy)
    if key in cache:
        return cache[key]
    from extract import lexicon

    fixed = lexicon.country_aliases().keys() | lexicon.demonyms().keys() | lexicon.party_aliases().keys()
    words = []
    for w in text.split(" "):
        core = w.rstrip("'s’.,")
        if (len(core) >= 3 and core[:1].isupper() and core.isalpha() and core.lower() not in fixed
                and zlib.crc32(f"{core}/{copy}".encode()) % KEPT_SHARE):
            w = core + _ending(copy) + w[len(core):]
        words.append(w)
    cache[key] = out = " ".join(words)
    return out


def replicate(results: list, size: int) -> list:
    """``size`` document results: the corpus, then renamed copies of it under new ids."""
    names: dict = {}

    def mention(m, copy):
        if m is None or copy == 0:
            return m
        return m.model_copy(update={"text": varied(m.text, copy, names), "refers_to": mention(m.refers_to, copy)})

    out = []
    for n in range(size):
        copy, r = divmod(n, len(results))
        r = results[r]
        if copy == 0:
            out.append(r)
            continue
        doc_id = f"{r.doc_id}~{copy}"
        triples = [t.model_copy(update={"doc_id": doc_id, "subject": mention(t.subject, copy),
                                        "object": mention(t.object, copy)}) for t in r.triples]
        out.append(r.model_copy(update={
            "doc_id": doc_id, "triples": triples, "mentions": [mention(m, copy) for m in r.mentions],
            "untagged": [mention(m, copy) for m in r.untagged],  # found again against the copy's own names
            "acronyms": [(varied(a, copy, names), varied(b, copy, names)) for a, b in r.acronyms]}))
    return out


def one(size: int, cache: Path) -> dict:
    """Replicate, merge and write one size; the figures as a dict (run in its own process)."""
    from graph import KnowledgeGraph
    from graph.tables import write_edges_csv, write_nodes_csv, write_triples_jsonl

    t0 = time.perf_counter()
    results = replicate(load_results(cache), size)
    t1, c1 = time.perf_counter(), time.process_time()
    kg = KnowledgeGraph.from_results(results)
    t2, c2 = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as out:
        out = Path(out)
        kg.write_graphml(out / "graph.graphml")
        write_nodes_csv(kg.graph, out / "nodes.csv")
        write_edges_csv(kg.graph, out / "edges.csv")
        write_triples_jsonl(kg.triples, out / "triples.jsonl")
        t3 = time.perf_counter()
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    return {"docs": size, "mentions": sum(len(r.mentions) for r in results), "replicate_s": round(t1 - t0, 1),
            "merge_s": round(t2 - t1, 1), "merge_cpu_s": round(c2 - c1, 1), "write_s": round(t3 - t2, 1), "nodes": kg.graph.number_of_nodes(),
            "edges": kg.graph.number_of_edges(), "merge_records": len(kg.merge_log), "bytes": sizes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="results.sqlite of a kg build of the BBC corpus")
    ap.add_argument("--sizes", default="10000,30000,100000", help="corpus sizes in documents, comma-separated")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size,
    ap.add_argument("--report", type=Path, help=argparse.SUPPRESS)  # its figures written here as JSON
    args = ap.parse_args()
    if args.one:
        args.report.write_text(json.dumps(one(args.one, args.cache)))
        return
    if not args.cache.exists():
        raise SystemExit(f"no cache at {args.cache}: run kg build ../shared/data/bbc/articles.jsonl -o out/bbc first")
    print(f"{'documents':>10} {'mentions':>10} {'merge':>8} {'(CPU)':>8} {'write':>7} {'peak MB':>8} {'nodes':>9} {'edges':>8}  outputs")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.NamedTemporaryFile("w+", suffix=".json") as report:
            run = run_measured([sys.executable, __file__, "--one", str(size), "--cache", str(args.cache),
                                "--report", report.name], cwd=ROOT)
            if run.returncode:
                print(f"{size:>10}  failed (exit {run.returncode}): {run.stderr[-500:]}")
                continue
            r = json.loads(Path(report.name).read_text())
        mb = {name: round(b / 2**20, 1) for name, b in r["bytes"].items()}
        print(f"{r['docs']:>10,} {r['mentions']:>10,} {r['merge_s']:>7}s {r['merge_cpu_s']:>7}s {r['write_s']:>6}s {run.peak_mb:>8,} "
              f"{r['nodes']:>9,} {r['edges']:>8,}  " + ", ".join(f"{n} {v} MB" for n, v in mb.items())
              + f" (replicating {r['replicate_s']}s)", flush=True)


if __name__ == "__main__":
    main()
