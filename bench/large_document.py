"""Peak memory and time of ``kg build`` on one very large document.

    python bench/large_document.py [--mb 20] [--chunk-chars N] [--jobs N]

Builds one plain-text document of ``--mb`` megabytes by repeating the BBC articles
(../shared/data/bbc/articles.jsonl, one blank line between articles), then runs
``kg build`` on it in a subprocess (no cache, all formats) while sampling the resident
memory of the process and its children. For comparison it first runs the same build on
one article, so the figure that matters is the difference: what the large document
costs on top of the loaded pipeline. A long text is parsed in chunks of at most
``--chunk-chars`` characters cut at paragraph breaks, so the parser's memory does not
grow with the document; what does grow is the text itself and its results (mentions,
triples, graph).

It also checks that the build succeeded and that a sample of the triples it wrote point
at the right characters of the 20 MB text (offsets stay true across chunks).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def make_document(megabytes: float, path: Path) -> str:
    """Repeat the BBC articles, blank line between them, until the text has ``megabytes`` MB of UTF-8."""
    with open(CORPUS, encoding="utf-8") as f:
        articles = [json.loads(line)["text"].strip() for line in f]
    target = int(megabytes * 2**20)
    parts, size, i = [], 0, 0
    while size < target:
        piece = articles[i % len(articles)] + "\n\n"
        parts.append(piece)
        size += len(piece.encode("utf-8"))
        i += 1
    text = "".join(parts)
    path.write_text(text, encoding="utf-8")
    return text


def kg_build(args: list[str]) -> tuple[float, int, int]:
    """Run ``kg build -q`` in a subprocess: (seconds, peak RSS in MiB, exit code), children included."""
    from load_bad_inputs import run_build  # bench/ is on the path when this script runs

    result, seconds, peak = run_build([*args, "-q"])
    if result.returncode:
        print(result.stderr.strip(), file=sys.stderr)
    return seconds, peak, result.returncode


def check_offsets(text: str, triples_path: Path, sample: int = 2000) -> tuple[int, int]:
    """How many of a random sample of triples have subject, object and sentence exactly at their offsets."""
    with open(triples_path, encoding="utf-8") as f:
        triples = [json.loads(line) for line in f]
    rng = random.Random(0)
    picked = rng.sample(triples, min(sample, len(triples)))
    good = 0
    for t in picked:
        ok = text[t["sentence_start"] : t["sentence_end"]] == t["sentence"]
        for m in (t["subject"], t["object"]):
            while m is not None:
                ok = ok and text[m["start"] : m["end"]] == m["text"]
                m = m.get("refers_to")
        good += ok
    return good, len(picked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the document in MB (default: 20)")
    parser.add_argument("--chunk-chars", type=int, help="passed to kg build (default: the extractor's)")
    parser.add_argument("--jobs", type=int, default=1, help="passed to kg build (default: 1)")
    args = parser.parse_args()
    extra = ["--jobs", str(args.jobs), "--no-cache"]
    if args.chunk_chars:
        extra += ["--chunk-chars", str(args.chunk_chars)]

    from extract.extractor import DEFAULT_CHUNK_CHARS, split_for_parser

    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = tmp / "one.txt"
        small.write_text(json.loads(CORPUS.open(encoding="utf-8").readline())["text"], encoding="utf-8")
        base_s, base_mb, code = kg_build([str(small), "-o", str(tmp / "out-small"), *extra])
        if code:
            raise SystemExit(f"kg build of one article failed with exit code {code}")

        big = tmp / "large.txt"
        text = make_document(args.mb, big)
        chunks = split_for_parser(text, args.chunk_chars or DEFAULT_CHUNK_CHARS)
        print(f"document: {big.stat().st_size / 2**20:.1f} MiB, {len(text):,} characters, "
              f"{len(text.split()):,} words, {len(chunks)} chunks of at most {args.chunk_chars or DEFAULT_CHUNK_CHARS:,} characters")
        seconds, peak_mb, code = kg_build([str(big), "-o", str(tmp / "out"), *extra])
        if code:
            raise SystemExit(f"kg build of the large document failed with exit code {code}")

        report = json.loads((tmp / "out" / "report.json").read_text(encoding="utf-8"))
        doc = report["documents"][0]
        good, sampled = check_offsets(text, tmp / "out" / "triples.jsonl")
        print(f"status: {doc['status']} ({doc['reason']}); words parsed {doc.get('words', 0):,}, "
              f"entity mentions {doc.get('entities', 0):,}, triples {report['counts']['triples']:,}, "
              f"nodes {report['counts']['nodes']:,}")
        print(f"offsets: {good} of {sampled} sampled triples point exactly at their text")
        print(f"{'build':34} {'seconds':>8} {'peak RSS MiB':>13}")
        print(f"{'one article (pipeline alone)':34} {base_s:8.1f} {base_mb:13,}")
        print(f"{f'{args.mb:g} MB document':34} {seconds:8.1f} {peak_mb:13,}")
        mb = len(text.encode("utf-8")) / 2**20
        print(f"throughput: {mb / seconds * 60:.2f} MB/min, {len(text.split()) / seconds:,.0f} words/s; "
              f"memory on top of the pipeline: {peak_mb - base_mb:,} MiB ({(peak_mb - base_mb) / mb:.0f} MiB per MB of text)")
        if good != sampled or doc["status"] != "ok":
            raise SystemExit("FAILED: the large document was not built with true offsets")


if __name__ == "__main__":
    main()
