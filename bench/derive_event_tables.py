"""Derive the event tables of ``extract/data/`` from the shared event dictionaries.

    python bench/derive_event_tables.py

Writes, with their attribution in a header comment (see ``extract/data/README.md``):

- ``agents.tsv``: agent nouns -> sector code, from PETRARCH2's ``Phoenix.agents.txt`` (MIT):
  entries of one or two words, lower-cased, underscores as spaces, the first three letters of
  the first code (``[~GOVMED]`` -> ``GOV``);
- ``cameo_verbs.tsv``: verb lemma -> PLOVER category, from PETRARCH2's ``CAMEO.2.0.txt`` (MIT):
  each verb of a verb block takes its own CAMEO code or the block's, mapped to PLOVER through
  ``CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0) by its longest listed prefix;
- ``cameo_phrases.tsv``: (verb, object noun) -> PLOVER category, from the block patterns
  ``- * OBJECT [code] # VERB`` whose object is one word or a ``{...}`` phrase (its last word).

CAMEO 02 ("appeal") is not in the 2021 table; PLOVER's REQUEST covers it with 10 ("demand").
Our own tables (``verbs.tsv``, ``phrases.tsv``, ``group_nouns.tsv``) are read after these and win.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "data" / "event_dictionaries"
DATA = ROOT / "extract" / "data"
EXTRA_CODES = {"02": "REQUEST"}
CAMEO_HEADER = """# {what}, derived from PETRARCH2's CAMEO verb dictionary (../shared/data/event_dictionaries/CAMEO.2.0.txt;
# MIT License, Copyright (c) Open Event Data Alliance / Parus Analytics) through PLOVER's CAMEO2PLOVER-2021.txt
# (CC BY-SA 4.0, Open Event Data Alliance; this derived table is shared under the same licence).
# See extract/data/README.md for how it was derived. extract/data/verbs.tsv (ours) wins over it.
"""
AGENTS_HEADER = """# Agent nouns -> sector code, derived from PETRARCH2's Phoenix.agents.txt
# (../shared/data/event_dictionaries/Phoenix.agents.txt; MIT License, Copyright (c) 2014
# Open Event Data Alliance; see extract/data/README.md). Kept: entries of one or two words,
# lower-cased, underscores as spaces, the first three letters of the first code ([~GOVMED] -> GOV).
# Columns: noun (lower-case singular; "police officer" for a compound), sector code (sectors.tsv).
# Our own additions and overrides are in group_nouns.tsv, read after this file.
"""


def plover_table() -> dict[str, str]:
    table = {}
    for line in (SOURCES / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^(\d+):\s*([A-Z]+)", line):
            table.setdefault(m.group(1), m.group(2))
    return table


def plover_category(code: str, table: dict[str, str]) -> str | None:
    code = code.split(":")[0]
    if not code.isdigit():
        return None
    for k in range(len(code), 1, -1):
        if found := table.get(code[:k]) or EXTRA_CODES.get(code[:k]):
            return found
    return None


def cameo_tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    table = plover_table()
    verbs: dict[str, str] = {}
    phrases: dict[tuple[str, str], str] = {}
    block_code, in_patterns = None, False
    for line in (SOURCES / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not in_patterns:
            continue
        if m := re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line):
            block_code = m.group(2)
            continue
        body, _, comment = line.partition("#")
        body = body.strip()
        if not body:
            continue
        if body.startswith("-"):
            m = re.match(r"^-\s+\*\s+(\{[A-Z -]+\}|[A-Z-]+)\s+\[([^\]]+)\]$", body)
            category = plover_category(m.group(2), table) if m else None
            if category:
                noun = m.group(1).strip("{}").split()[-1].lower()
                for verb in re.split(r"[ ,]+", comment.strip()):
                    if re.fullmatch(r"[A-Z]+", verb):
                        phrases.setdefault((verb.lower(), noun), category)
            continue
        m = re.match(r"^\+?([A-Z][A-Z-]*)(?:_([A-Z]+))?\s*(?:\{[^}]*\})?\s*(?:\[([^\]]+)\])?\s*$", body)
        if m and not m.group(2):
            category = plover_category(m.group(3) or block_code or "", table)
            if category:
                verbs.setdefault(m.group(1).lower(), category)
    return verbs, phrases


def agents_table() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in (SOURCES / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^([A-Z0-9_.'-]+)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line.split("#")[0].strip())
        if not m:
            continue
        word = m.group(1).lower().replace("_", " ").strip()
        if len(word.split()) <= 2 and re.match(r"^[a-z][a-z' -]*$", word):
            rows.setdefault(word, m.group(3)[:3])
    return rows


def main() -> None:
    verbs, phrases = cameo_tables()
    (DATA / "cameo_verbs.tsv").write_text(
        CAMEO_HEADER.format(what="Verb lemma -> PLOVER category") + "# Columns: verb lemma (lower case), PLOVER category.\n"
        + "".join(f"{v}\t{verbs[v]}\n" for v in sorted(verbs)), encoding="utf-8")
    (DATA / "cameo_phrases.tsv").write_text(
        CAMEO_HEADER.format(what="Verb + object noun -> PLOVER category ('give aid' -> AID)")
        + "# Columns: verb lemma, object noun (lower case, the head of CAMEO's object phrase), PLOVER category.\n"
        + "".join(f"{v}\t{o}\t{phrases[(v, o)]}\n" for v, o in sorted(phrases)), encoding="utf-8")
    agents = agents_table()
    (DATA / "agents.tsv").write_text(AGENTS_HEADER + "".join(f"{w}\t{agents[w]}\n" for w in sorted(agents)), encoding="utf-8")
    print(f"{len(verbs)} verbs, {len(phrases)} phrases, {len(agents)} agent nouns")


if __name__ == "__main__":
    main()
