"""How many documents of our English corpora get a "probably not English" note, and why.

    python bench/language_notes.py [--data DIR] [--old-module PATH] [--json PATH]

Reads each corpus (JSON Lines with an ``id`` and a ``text`` field), cleans each text as
``kg build`` does (:func:`extract.documents.clean_text`) and asks :func:`extract.documents.language_note`
for its note. Prints, per corpus, the documents, the notes and the seconds they took, then
every flagged document with its note and the start of its text: every corpus here is English,
so each flagged document is either truly in another language or a false alarm to look at.

``--old-module PATH`` also runs the ``language_note`` function of another file (for example
the detector before py3langid, copied out of ``git show <commit>:graph/inputs.py``) on the
same texts, for a before/after table. ``--json PATH`` writes the figures and flagged ids.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.documents import clean_text, language, language_note  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPORA = [
    "bbc/articles.jsonl",
    "bbc_gold/dev_articles.jsonl",
    "conll04/train.jsonl",
    "conll04/dev.jsonl",
    "ecbplus/train.jsonl",
    "ecbplus/dev.jsonl",
    "redocred/dev.jsonl",
    "wikievents/dev.jsonl",
    "plover/dev.jsonl",
]
NOTE = "probably not English"


def load_texts(path: Path) -> list[tuple[str, str]]:
    """(id, cleaned text) of every record with a text."""
    items = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            row = json.loads(line)
            if isinstance(row.get("text"), str):
                items.append((str(row.get("id", f"line {number}")), clean_text(row["text"])[0]))
    return items


def load_old(path: Path) -> Callable[[str], str | None]:
    spec = importlib.util.spec_from_file_location("old_language_note", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.language_note


def flagged(detector: Callable[[str], str | None], items: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], float]:
    """The (id, note) of the flagged documents, and the seconds the detector took over all of them."""
    start = time.perf_counter()
    notes = [(doc_id, detector(text)) for doc_id, text in items]
    seconds = time.perf_counter() - start
    return [(doc_id, note) for doc_id, note in notes if note and note.startswith(NOTE)], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the corpora (default: %(default)s)")
    parser.add_argument("--old-module", type=Path, help="a .py file whose language_note() to compare with")
    parser.add_argument("--json", type=Path, help="write the figures and the flagged ids here")
    args = parser.parse_args()

    detectors: dict[str, Callable[[str], str | None]] = {"new": language_note}
    if args.old_module:
        detectors = {"old": load_old(args.old_module), **detectors}
    start = time.perf_counter()
    language._language_identifier()  # loaded once for the whole process, so that its load is not counted in the first corpus
    print(f"model load (first call): {time.perf_counter() - start:.2f} s")

    results = {}
    for name in CORPORA:
        path = args.data / name
        if not path.is_file():
            print(f"(no {path}: skipped)")
            continue
        items = load_texts(path)
        texts = dict(items)
        results[name] = {"documents": len(items)}
        for label, detector in detectors.items():
            hits, seconds = flagged(detector, items)
            results[name][label] = {
                "flagged": len(hits),
                "seconds": round(seconds, 3),
                "documents": [{"id": i, "note": n, "start": texts[i][:100]} for i, n in hits],
            }

    labels = list(detectors)
    header = ["corpus", "documents", *(f"{label} flagged" for label in labels), *(f"{label} s" for label in labels)]
    rows = [
        [name, str(r["documents"]), *(str(r[label]["flagged"]) for label in labels),
         *(f"{r[label]['seconds']:.2f}" for label in labels)]
        for name, r in results.items()
    ]
    totals = ["all", str(sum(r["documents"] for r in results.values())),
              *(str(sum(r[label]["flagged"] for r in results.values())) for label in labels),
              *(f"{sum(r[label]['seconds'] for r in results.values()):.2f}" for label in labels)]
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in [*rows, totals]:
        print("| " + " | ".join(row) + " |")
    for label in labels:
        print(f"\nflagged by {label}:")
        any_hit = False
        for name, r in results.items():
            for doc in r[label]["documents"]:
                any_hit = True
                print(f"  {name} {doc['id']}: {doc['note']}")
                print(f"      {doc['start'][:100]!r}")
        if not any_hit:
            print("  none")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
