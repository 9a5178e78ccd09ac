"""Entity mentions: spaCy's spans mended where the small model cuts names wrongly."""

import pytest

CASES = [
    # sentence, a mention that must be found whole, its type
    ("Shares in BNP Paribas rose on Monday.", "BNP Paribas", "ORG"),
    ("The bid from Malcom Glazer was rejected by the board.", "Malcom Glazer", "PERSON"),
    ("Defending champion Silvia Farina Elia lost in the first round.", "Silvia Farina Elia", "PERSON"),
]

KEPT_APART = [
    # sentence, mentions that must stay as they are
    ("Iraqi Prime Minister Mustafa al-Kadhimi met Trump.", {"Mustafa al-Kadhimi", "Trump"}),
    ("Mr Blair told Gordon Brown to wait.", {"Blair", "Gordon Brown"}),
]


@pytest.mark.parametrize("sentence,name,type_", CASES)
def test_names_cut_short_or_split_are_mended(extractor, sentence, name, type_):
    found = {(m.text, m.type) for m in extractor.analyse(sentence).mentions}
    assert (name, type_) in found, found


@pytest.mark.parametrize("sentence,names", KEPT_APART)
def test_titles_and_honorifics_are_not_taken_into_names(extractor, sentence, names):
    found = {m.text for m in extractor.analyse(sentence).mentions}
    assert names <= found, found
