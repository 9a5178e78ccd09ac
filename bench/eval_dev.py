"""Every dev-set score of the extractor and the merge, in one table.

    python bench/eval_dev.py [--only NAME ...] [--out DIR]

Runs the scorers of ``../shared/tools/`` the way ``../shared/README.md`` describes, over
the working tree's code, and prints one line per figure the issues name:

- ``bbc_gold``: ``kg build`` of the 24 annotated BBC articles, then ``score_graph.py``
  (roles and actions, tier 1 and both tiers, the precision proxy, must-not-assert violations);
- ``conll04``: ``bench/eval_conll04.py dev`` (Work_For and Kill, P / R / F1);
- ``redocred``, ``plover``, ``wikievents``, ``ecbplus``: ``predict.py`` (the public API over
  the whole file as one corpus), then ``score_docred.py``, ``score_sentences.py plover``,
  ``score_events.py`` and ``score_coref.py``.

The scorers' full reports (with every miss they list) are kept in ``--out``
(default ``bench/results/dev/``), one JSON file per set, to read before choosing a rule.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA, TOOLS = SHARED / "data", SHARED / "tools"
SETS = ("bbc_gold", "conll04", "redocred", "plover", "wikievents", "ecbplus")


def _run(*args: str | Path) -> str:
    done = subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _predict(gold: Path, out: Path) -> Path:
    pred = out / f"{gold.parent.name}_{gold.stem}_pred.jsonl"
    _run(TOOLS / "predict.py", gold, pred)
    return pred


def bbc_gold(out: Path) -> tuple[dict, list[str]]:
    built = out / "bbc_gold_build"
    _run("-m", "graph.cli", "build", DATA / "bbc_gold" / "dev_articles.jsonl", "-o", built, "--no-cache", "-q")
    r = json.loads(_run(TOOLS / "score_graph.py", built / "graph.graphml", "--gold", DATA / "bbc_gold" / "dev.json", "--json"))
    return r, [f"roles tier 1 {r['roles_recall_t1']}, both tiers {r['roles_recall_t2']}",
               f"actions tier 1 {r['actions_recall_t1']}, both tiers {r['actions_recall_t2']}",
               f"precision proxy {r['precision_proxy']}, must-not-assert violations {len(r['must_not_violations'])}, "
               f"entities {r['entities_found']}, fragmented {len(r['fragmented'])}, over-merged {len(r['overmerged'])}"]


def conll04(out: Path) -> tuple[dict, list[str]]:
    text = _run(ROOT / "bench" / "eval_conll04.py", "dev", "--out", out / "conll04_dev_errors.jsonl")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(("relation", "Work_For", "Kill", "micro"))]
    return {"report": text}, lines[:4]  # the extractor's table, not the baseline's below it


def redocred(out: Path) -> tuple[dict, list[str]]:
    gold = DATA / "redocred" / "dev.jsonl"
    r = json.loads(_run(TOOLS / "score_docred.py", gold, _predict(gold, out), "--json"))
    s = r["scores"]["project"]
    return r, [f"person-organisation pairs: recall {s['R']}, precision {s['P']} (F1 {s['F1']}; {s['tp']} of "
               f"{r['gold_pairs']} gold pairs, {s['pred_judged']} judged predictions, {s['unjudged']} unjudged)"]


def _flat(r: dict) -> tuple[dict, list[str]]:
    """A scorer's report whose figures are all top-level, on one line."""
    return r, [", ".join(f"{k} {v}" for k, v in r.items())]


def plover(out: Path) -> tuple[dict, list[str]]:
    gold = DATA / "plover" / "dev.jsonl"
    return _flat(json.loads(_run(TOOLS / "score_sentences.py", "plover", _predict(gold, out), gold)))


def wikievents(out: Path) -> tuple[dict, list[str]]:
    gold = DATA / "wikievents" / "dev.jsonl"
    return _flat(json.loads(_run(TOOLS / "score_events.py", gold, _predict(gold, out), "--json")))


def ecbplus(out: Path) -> tuple[dict, list[str]]:
    gold = DATA / "ecbplus" / "dev.jsonl"
    r = json.loads(_run(TOOLS / "score_coref.py", gold, _predict(gold, out), "--json"))
    s = r["scores"]["project"]
    return r, [f"CoNLL F1 {s['CoNLL']} (MUC {s['MUC']}, B3 {s['B3']}, CEAF-e {s['CEAFe']}), "
               f"named mentions found {r['mentions_found']}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=SETS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dev")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"the dev sets are not here: {DATA} is absent")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or SETS:
        report, lines = globals()[name](args.out)
        (args.out / f"{name}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        for line in lines:
            print(f"{name:11} {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
