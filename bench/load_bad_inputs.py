"""A real corpus mixed with bad files: every good article ok, every bad file reported, no garbage in the graph.

    python bench/load_bad_inputs.py [--corpus FILE] [--limit N] [--copies N] [--jobs N]

Puts the BBC articles (../shared/data/bbc/articles.jsonl, 2,225 of them; ``--corpus``
takes another JSON Lines file, such as tests/data/bbc_sample.jsonl) in a temporary
folder beside ``--copies`` sets of bad files of every kind a messy corpus has (empty,
binary, image renamed .txt, wrong encodings, BOM and Windows line endings, HTML with
scripts, malformed JSON Lines, unreadable files, symbolic-link loops, other languages,
no entities ...), runs ``kg build`` on the folder and checks that:

* every article is ``ok`` in ``report.json``;
* every bad file (every bad JSON Lines line) is in the report with the status and reason
  expected of it;
* no node, edge or triple draws on a document that was skipped or failed, and no script,
  style or binary content reached the graph.

It prints the counts, the time and the peak memory. ``tests/test_robustness.py`` runs the
same check on 30 articles of the repository's own sample (tests/data/bbc_sample.jsonl);
:func:`write_bad_files` (which needs no corpus: it makes every bad file itself),
:func:`write_articles` and :func:`check` are shared with it.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"

SCRIPT_MARKER = "Zanzibarovich"
"""A name that appears only inside <script>, <style> or binary files: it must never reach the graph."""

ENGLISH = ("Prime Minister Boris Johnson met German Chancellor Angela Merkel in Berlin on Monday. "
           "Merkel said Germany would support the plan. Johnson thanked her.")
FRENCH = ("Le président de la République a déclaré mardi que le gouvernement ne changerait pas les règles, "
          "et que les syndicats qui sont opposés au projet seront reçus à l'Élysée pour une réunion avec les "
          "ministres. Emmanuel Macron a parlé avec les journalistes dans la cour du palais.")
GERMAN = ("Der Präsident hat am Dienstag gesagt, dass die Regierung die neuen Regeln nicht ändern wird und dass "
          "die Opposition mit den Plänen nicht einverstanden ist. Olaf Scholz sprach mit den Journalisten in Berlin "
          "über die Pläne der Regierung für das nächste Jahr.")
ARABIC = ("قال الرئيس يوم الثلاثاء إن الحكومة لن تغير القواعد الجديدة وإن المعارضة لا توافق على الخطط. "
          "وتحدث الوزير مع الصحفيين في بغداد عن خطط الحكومة للعام المقبل وعن الانتخابات القادمة في البلاد.")
NO_ENTITIES = "it was raining again. nobody knew why the kettle kept whistling, and the cat slept on the warm stove all day."


@dataclass(frozen=True)
class Expected:
    """What the report must say of one bad input: its status and a piece of its reason (or of a note)."""

    status: str
    reason: str = ""
    note: str = ""


def write_bad_files(folder: Path, copies: int = 1) -> dict[str, Expected]:
    """Write ``copies`` sets of bad inputs into ``folder``; returns what the report must say of each.

    Keys are sources relative to ``folder``: the path, plus ``:<line>`` for a JSON Lines record.

    Symbolic links and the unreadable file are made only where the system allows them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}
    rng = random.Random(7)

    def put(name: str, data: bytes | str, exp: Expected) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expected[name] = exp

    empty = Expected("skipped", "empty document")
    for k in range(1, copies + 1):
        p = f"bad{k:02d}/"
        put(p + "empty.txt", b"", empty)
        put(p + "whitespace.txt", b"  \n\t\r\n   \n", empty)
        put(p + "nul_bytes.txt", f"{SCRIPT_MARKER} was here\x00\x00\x01 and more text".encode(),
            Expected("skipped", "binary file (contains NUL bytes)"))
        put(p + "image.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(300), Expected("skipped", "looks like PNG image"))
        put(p + "photo.md", b"\xff\xd8\xff\xe0" + rng.randbytes(300), Expected("skipped", "looks like JPEG image"))
        put(p + "report.txt", b"%PDF-1.4\n" + SCRIPT_MARKER.encode() + rng.randbytes(200),
            Expected("skipped", "looks like PDF document"))
        put(p + "archive.txt", b"PK\x03\x04" + rng.randbytes(200), Expected("skipped", "looks like ZIP archive"))
        put(p + "random_bytes.txt", bytes(rng.randrange(128, 256) for _ in range(2000)),
            Expected("failed", "not valid UTF-8, and no other text encoding fits"))
        put(p + "cp1252.txt", ("Café owner José Müller said “we’re open” in Zürich. " + ENGLISH).encode("cp1252"),
            Expected("ok", note="not valid UTF-8; decoded as cp1252"))
        put(p + "corrupt_utf8.txt", ("Señor Pérez — “quoted” — said it. " + ENGLISH).encode() + b"\xff\xfe\xfa end.",
            Expected("ok", note="invalid byte sequences replaced with U+FFFD"))
        put(p + "bom_crlf.txt", codecs.BOM_UTF8 + ENGLISH.replace(". ", ".\r\n").encode(),
            Expected("ok", note="UTF-8 byte-order mark (BOM) removed"))
        put(p + "utf16.txt", ENGLISH.encode("utf-16"), Expected("ok", note="decoded as UTF-16"))
        put(p + "control_chars.txt", "Vladimir\x1b[31m Putin\x1b[0m spoke in Moscow.\x07 " + ENGLISH,
            Expected("ok", note="control characters"))
        put(p + "page.html", _html_page(), Expected("ok", "converted from HTML"))
        put(p + "scripts_only.html", f"<html><head><style>.{SCRIPT_MARKER}{{}}</style></head>"
            f"<body><script>var x = '{SCRIPT_MARKER}';</script></body></html>",
            Expected("skipped", "no visible text in the HTML"))
        put(p + "french.txt", FRENCH, Expected("ok", note="probably not English (looks like French)"))
        put(p + "german.md", GERMAN, Expected("ok", note="probably not English (looks like German)"))
        put(p + "arabic.txt", ARABIC, Expected("ok", note="probably not English (mostly Arabic script)"))
        put(p + "no_entities.txt", NO_ENTITIES, Expected("ok", note="no entities found"))
        put(p + "table.csv", "a,b\n1,2\n", Expected("skipped", "unsupported file type .csv"))
        put(p + "image.png", b"\x89PNG\r\n\x1a\n", Expected("skipped", "unsupported file type .png"))
        put(p + "empty.jsonl", b"\n\n", Expected("skipped", "empty document"))
        lines = [
            json.dumps({"id": f"good-{k}", "text": ENGLISH}),
            "{not json at all",
            json.dumps({"id": f"notext-{k}", "title": "no text here"}),
            json.dumps({"id": f"numtext-{k}", "text": 42}),
            json.dumps(["an", "array"]),
            json.dumps({"id": f"good-{k}", "text": "The same id again."}),
            json.dumps({"id": f"blank-{k}", "text": "   "}),
        ]
        put(p + "records.jsonl", "\n".join(lines) + "\n", Expected("ok"))
        expected.update({  # a JSON Lines file is its records, one per line
            p + "records.jsonl": Expected("ok"),  # (placeholder, replaced below)
            p + "records.jsonl:1": Expected("ok", "JSON Lines record on line 1"),
            p + "records.jsonl:2": Expected("failed", "line 2: not valid JSON"),
            p + "records.jsonl:3": Expected("failed", 'line 3: no "text" field'),
            p + "records.jsonl:4": Expected("failed", 'line 4: "text" is a number, not a string'),
            p + "records.jsonl:5": Expected("failed", "line 5: expected a JSON object"),
            p + "records.jsonl:6": Expected("skipped", f"duplicate document id 'good-{k}'"),
            p + "records.jsonl:7": Expected("skipped", "empty document"),
        })
        del expected[p + "records.jsonl"]
        if hasattr(os, "symlink"):
            _symlinks(folder, p, expected)
    return expected


def _html_page() -> str:
    return f"""<!DOCTYPE html><html><head><title>News</title>
<style>body {{ font-family: serif }} .{SCRIPT_MARKER} {{ color: red }}</style>
<script>var leader = "President {SCRIPT_MARKER} attacked Paris"; document.write(leader);</script>
</head><body><nav>Home | World</nav><h1>Talks in Berlin</h1>
<p>{ENGLISH}</p><noscript>{SCRIPT_MARKER} needs JavaScript</noscript>
<script type="application/ld+json">{{"author": "{SCRIPT_MARKER}"}}</script></body></html>"""


def _symlinks(folder: Path, p: str, expected: dict[str, Expected]) -> None:
    try:
        (folder / p / "loop").mkdir()
        os.symlink("..", folder / p / "loop" / "back")
        expected[p + "loop/back"] = Expected("skipped", "symbolic link loop")
        os.symlink("self_b.txt", folder / p / "self_a.txt")
        os.symlink("self_a.txt", folder / p / "self_b.txt")
        for name in ("self_a.txt", "self_b.txt"):
            expected[p + name] = Expected("skipped", "symbolic link loop")
        os.symlink("missing.txt", folder / p / "broken.txt")
        expected[p + "broken.txt"] = Expected("skipped", "broken symbolic link")
        if Path("/proc/self/mem").exists():  # a regular file whose read fails, even for root
            os.symlink("/proc/self/mem", folder / p / "unreadable.txt")
            expected[p + "unreadable.txt"] = Expected("failed", "cannot read: input/output error")
    except OSError:
        pass  # no symbolic links here (some file systems, Windows without privileges)


def write_articles(path: Path, limit: int | None = None, corpus: Path = CORPUS) -> list[str]:
    """Copy the first ``limit`` articles (all when None) of the JSON Lines file ``corpus``
    (the shared BBC corpus by default) to ``path``; returns their ids."""
    ids, lines = [], []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            ids.append(json.loads(line)["id"])
            lines.append(line)
            if limit and len(ids) >= limit:
                break
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return ids


def check(out: Path, corpus: Path, good_ids: list[str], expected: dict[str, Expected]) -> list[str]:
    """Everything wrong with the build of ``corpus`` in ``out``, one line each (empty when all is well)."""
    problems = []
    records = json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]
    by_source = {os.path.relpath(d["source"], corpus): d for d in records}
    by_id = {d["doc_id"]: d for d in records if d["status"] == "ok"}
    for doc_id in good_ids:
        if doc_id not in by_id:
            problems.append(f"article {doc_id} is not ok")
    for source, exp in expected.items():
        d = by_source.get(source)
        if d is None:
            problems.append(f"{source}: missing from the report")
        elif d["status"] != exp.status or exp.reason not in d["reason"] or (exp.note and not any(exp.note in n for n in d["notes"])):
            problems.append(f"{source}: expected {exp}, got {d['status']}: {d['reason']} {d['notes']}")
    good = set(good_ids)
    for source, d in by_source.items():
        if source not in expected and d["doc_id"] not in good:
            problems.append(f"{source}: unexpected record {d['status']}: {d['reason']}")
    ok = set(by_id)
    with open(out / "nodes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if set(row["docs"].split("|")) - ok:
                problems.append(f"node {row['id']!r} has evidence from {set(row['docs'].split('|')) - ok}")
            if SCRIPT_MARKER in row["aliases"] or "\ufffd" in row["aliases"]:
                problems.append(f"node {row['id']!r} comes from garbage: {row['aliases']!r}")
    with open(out / "edges.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if set(row["docs"].split("|")) - ok:
                problems.append(f"edge {row['id']} has evidence from {set(row['docs'].split('|')) - ok}")
    with open(out / "triples.jsonl", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t["doc_id"] not in ok or SCRIPT_MARKER in t["sentence"]:
                problems.append(f"triple from {t['doc_id']}: {t['sentence'][:80]!r}")
    if SCRIPT_MARKER in (out / "graph.graphml").read_text(encoding="utf-8"):
        problems.append(f"{SCRIPT_MARKER} (script, style or binary content) is in graph.graphml")
    return problems


def run_build(args: list[str]) -> tuple[subprocess.CompletedProcess, float, int]:
    """``kg build`` in a subprocess: (result, seconds, peak RSS in MiB of it and its children)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]))
        except psutil.Error:
            pass
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), time.perf_counter() - start, peak // 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="JSON Lines articles (default: ../shared/data/bbc/articles.jsonl)")
    parser.add_argument("--limit", type=int, help="only the first N articles (default: all 2,225)")
    parser.add_argument("--copies", type=int, default=3, help="sets of bad files (default: 3)")
    parser.add_argument("--jobs", type=int, default=2, help="passed to kg build (default: 2)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kg-bad-inputs-"))
    try:
        corpus = tmp / "corpus"
        if not args.corpus.exists():
            raise SystemExit(f"{args.corpus} is absent; pass --corpus tests/data/bbc_sample.jsonl to use the "
                             "repository's sample")
        good_ids = write_articles(corpus / "articles.jsonl", args.limit, args.corpus)
        expected = write_bad_files(corpus, args.copies)
        files = sum(1 for k in expected if ".jsonl:" not in k)
        print(f"corpus: {len(good_ids):,} articles and {files} bad files "
              f"({len(expected)} bad inputs counting JSON Lines records and lines)")
        result, seconds, peak = run_build([str(corpus), "-o", str(tmp / "out"), "--no-cache", "--jobs", str(args.jobs)])
        print(result.stdout.rstrip())
        if result.returncode != 0:
            raise SystemExit(f"kg build exited with {result.returncode}: {result.stderr.strip()}")
        report = json.loads((tmp / "out" / "report.json").read_text(encoding="utf-8"))
        counts = report["counts"]
        print(f"\nreport: {counts['documents']}; {counts['words']:,} words, {counts['nodes']:,} nodes, "
              f"{counts['edges']['role']:,} role and {counts['edges']['action']:,} action edges")
        print(f"time: {seconds:.1f} s ({counts['words'] / seconds:,.0f} words/s); peak RSS {peak:,} MiB")
        problems = check(tmp / "out", corpus, good_ids, expected)
        for line in problems[:30]:
            print("PROBLEM:", line)
        print("all good: every article ok, every bad input reported as expected, no garbage in the graph"
              if not problems else f"{len(problems)} problems")
        if problems:
            raise SystemExit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
