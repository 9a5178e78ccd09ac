"""Build every corpus under ``../shared/data/`` with ``kg build`` and check that none crashes.

    python bench/real_corpora.py [--only NAME ...] [--jobs N] [--keep DIR]

Each corpus is one ``kg build FILE.jsonl`` (a subprocess, no cache), exactly as a user
would run it. Per corpus it prints the documents ok / skipped / failed (from
``report.json``), the tracebacks seen (on stderr or in any document's reason: must be
0), the wall time and the peak memory of the build and its workers together.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CORPORA = {
    "bbc": "bbc/articles.jsonl",
    "bbc_gold": "bbc_gold/dev_articles.jsonl",
    "conll04_train": "conll04/train.jsonl",
    "conll04_dev": "conll04/dev.jsonl",
    "ecbplus_train": "ecbplus/train.jsonl",
    "ecbplus_dev": "ecbplus/dev.jsonl",
    "redocred_dev": "redocred/dev.jsonl",
    "wikievents_dev": "wikievents/dev.jsonl",
    "plover_dev": "plover/dev.jsonl",
}


def tracebacks(stderr: str, report: dict) -> int:
    """Tracebacks a user would see: on stderr, or recorded as a document's reason."""
    in_reasons = sum("Traceback" in (d.get("reason") or "") for d in report.get("documents", []))
    return stderr.count("Traceback") + in_reasons


def build(name: str, path: Path, out: Path, jobs: int) -> dict:
    run = run_measured([sys.executable, "-m", "graph.cli", "build", str(path), "-o", str(out),
                        "--no-cache", "--jobs", str(jobs), "-q"], cwd=ROOT)
    report_path = out / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    docs = report.get("counts", {}).get("documents", {})
    return {"corpus": name, "exit": run.returncode, "ok": docs.get("ok", 0), "skipped": docs.get("skipped", 0),
            "failed": docs.get("failed", 0), "tracebacks": tracebacks(run.stderr, report),
            "seconds": round(run.seconds, 1), "peak_mb": run.peak_mb,
            "nodes": report.get("counts", {}).get("nodes", 0), "stderr": run.stderr.strip()[-2000:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted(CORPORA), help="build only these corpora")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write each corpus's outputs under DIR/NAME (default: a temporary folder)")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, --jobs {args.jobs}")
    print(f"{'corpus':16} {'exit':>4} {'ok':>6} {'skipped':>7} {'failed':>6} {'tracebacks':>10} {'seconds':>8} {'peak MB':>8} {'nodes':>7}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for name in args.only or CORPORA:
            path = DATA / CORPORA[name]
            if not path.exists():
                print(f"{name:16} absent: {path}")
                continue
            row = build(name, path, base / name, args.jobs)
            rows.append(row)
            print(f"{name:16} {row['exit']:>4} {row['ok']:>6} {row['skipped']:>7} {row['failed']:>6} "
                  f"{row['tracebacks']:>10} {row['seconds']:>8} {row['peak_mb']:>8} {row['nodes']:>7}", flush=True)
            if row["exit"] or row["tracebacks"]:
                print(row["stderr"])
    bad = [r["corpus"] for r in rows if r["exit"] or r["tracebacks"]]
    print("no tracebacks, every build finished" if not bad else f"FAILED: {', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
