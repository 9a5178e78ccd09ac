"""Derive ``extract/data/office_holders.tsv`` from PETRARCH2's ``Phoenix.Countries.actors.txt`` (MIT).

    python bench/derive_office_holders.py ../shared/data/event_dictionaries/Phoenix.Countries.actors.txt

Keeps the people who held a government office (a ``GOV`` code) of exactly one country that
``extract/data`` knows, under each name the dictionary gives them (lower case, words joined
by spaces): the national-office rule uses it only to choose among countries a document names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from extract import lexicon

HEADER = """# People who held a government office of one country, under every name PETRARCH2's
# Phoenix.Countries.actors.txt gives them (lower case). Derived by bench/derive_office_holders.py.
# Used only to choose, among the countries a document names, the one a national office
# holder serves ("President Bush" in a text naming France and the US); never to add a country.
# Source: PETRARCH2, Phoenix.Countries.actors.txt (CountryInfo.140130), Copyright (c) 2014 Open
# Event Data Alliance, MIT License (see ../shared/data/event_dictionaries/LICENSE-petrarch2-MIT.txt):
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software
# and associated documentation files, to deal in the Software without restriction, subject to
# the above copyright notice and this permission notice being included in all copies.
"""


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("_", " ")).strip().lower()


def main(path: str) -> None:
    countries: dict[str, str] = {}  # ISO code -> canonical country of extract/data
    people: list[tuple[list[str], set[str]]] = []
    names: list[str] = []
    codes: set[str] = set()
    known = set(lexicon.demonyms().values())
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if m := re.match(r"^([A-Z][A-Z_.'-]*?)_?\s+\[([A-Z]{3})\]$", body):
            canonical = lexicon.country_aliases().get(_key(m.group(1)))
            if canonical in known:
                countries[m.group(2)] = canonical
            names, codes = [], set()
            continue
        if body[0] not in " \t+":
            if names:
                people.append((names, codes))
            names, codes = [_key(body)], set()
        elif body.startswith("+") and names:
            names.append(_key(body[1:]))
        elif names:
            codes |= {c[:3] for c in re.findall(r"\[([A-Z]{3}GOV[A-Z]*)", body)}
    if names:
        people.append((names, codes))
    rows = set()
    for names, gov in people:
        if len(gov) == 1 and (country := countries.get(next(iter(gov)))):
            rows |= {(n, country) for n in names if n}
    ambiguous = {n for n, c in rows if any(n == m and c != d for m, d in rows)}
    out = Path(__file__).resolve().parent.parent / "extract" / "data" / "office_holders.tsv"
    out.write_text(HEADER + "".join(f"{n}\t{c}\n" for n, c in sorted(rows) if n not in ambiguous), encoding="utf-8")
    print(f"{len(rows) - len(ambiguous)} names of office holders, {len(countries)} countries -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
