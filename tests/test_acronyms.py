"""Acronyms a text defines: 'Popular Mobilization Units (PMUs)' teaches that PMUs = Popular Mobilization Units."""

import pytest

from extract.mentions import abbreviates

CASES = [
    # sentence, the (long form, short form) pairs it defines
    ("The Popular Mobilization Units (PMUs) are militias.", [("Popular Mobilization Units", "PMUs")]),
    ("The National Football League (NFL) signed a deal.", [("National Football League", "NFL")]),
    # letters inside a word count (Schwartz and Hearst): Petro-Chemicals
    ("Shares in India Petrochemicals Limited (IPCL) rose.", [("India Petrochemicals Limited", "IPCL")]),
    # spaCy found only pieces of the name: the defined name replaces them
    ("The European Low-fare Airlines Association (ELAA) said fares fell.",
     [("European Low-fare Airlines Association", "ELAA")]),
    # never a person's name, never letters that do not fit
    ("Prime Minister Boris Johnson (BJ) spoke.", []),
    ("The United States (UN) voted.", []),
    ("He said the deal (WTO) was fine.", []),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_defined_acronyms(extractor, sentence, expected):
    result = extractor.analyse(sentence)
    assert result.acronyms == expected
    for long, short in expected:  # both forms are grounded mentions of one type
        found = {m.text: m for m in result.mentions}
        assert long in found and short in found and found[long].type == found[short].type
        assert sentence[found[long].start:found[long].end] == long


@pytest.mark.parametrize("short,long,fits", [
    ("PMUs", "Popular Mobilization Units", True),
    ("IPCL", "India Petrochemicals Limited", True),
    ("UKA", "UK Athletics", True),
    ("ISW", "Islamic State", False),
    ("UN", "United States", False),
    ("BA", "Airways of Britain", False),  # the first letter must start a word of the long form, in order
])
def test_abbreviates(short, long, fits):
    assert abbreviates(short, long) == fits
