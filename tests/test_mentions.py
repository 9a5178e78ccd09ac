"""Entity mentions: spaCy's spans mended where the small model cuts names wrongly."""

import pytest

CASES = [
    # sentence, a mention that must be found whole, its type
    ("Shares in BNP Paribas rose on Monday.", "BNP Paribas", "ORG"),
    ("The bid from Malcom Glazer was rejected by the board.", "Malcom Glazer", "PERSON"),
    ("Defending champion Silvia Farina Elia lost in the first round.", "Silvia Farina Elia", "PERSON"),
    # post-nominal letters are no part of a name
    ("In a book published this week, Philippe Sands QC, a lawyer, said so.", "Philippe Sands", "PERSON"),
    # a name that ran on into a bracket ends there, and the bracket's abbreviation is a name too
    ("At the same time, the British Bankers' Association (BBA) said lending was up.", "British Bankers' Association", "ORG"),
    ("At the same time, the British Bankers' Association (BBA) said lending was up.", "BBA", "ORG"),
]

RESOLVED = [
    # sentence, a name as written, the fuller mention it must refer to
    # a bare surname the tagger missed, of a person the document names in full
    ('"It is over," said Jack Watling, a specialist. According to Watling, there are now 11 groups.',
     "Watling", "Jack Watling"),
    # a full name the tagger missed, of a surname the document uses for a person
    ('Murray returns to Scotland fold\n\nEuan Murray has been named in the squad. "I am happy," said Murray.',
     "Murray", "Euan Murray"),
    ("Three directors - Reveta Bowers, Stanley Gold and Raymond Watson - left. Ms Bowers retired.",
     "Bowers", "Reveta Bowers"),
    # a sports position before a name is a title, not part of it
    ("Wales centre Sonny Parker is fit. Centre Parker will start against Italy.", "Parker", "Sonny Parker"),
    # a headline's surname before the body's full name
    ("Kadhimi wins vote\n\nIraq's parliament confirmed Mustafa al-Kadhimi as prime minister on Thursday.",
     "Kadhimi", "Mustafa al-Kadhimi"),
]

KEPT_APART = [
    # sentence, mentions that must stay as they are
    ("Iraqi Prime Minister Mustafa al-Kadhimi met Trump.", {"Mustafa al-Kadhimi", "Trump"}),
    ("Mr Blair told Gordon Brown to wait.", {"Blair", "Gordon Brown"}),
    ("John Smith MP said no.", {"John Smith"}),
]


@pytest.mark.parametrize("sentence,name,type_", CASES)
def test_names_cut_short_or_split_are_mended(extractor, sentence, name, type_):
    found = {(m.text, m.type) for m in extractor.analyse(sentence).mentions}
    assert (name, type_) in found, found


@pytest.mark.parametrize("sentence,name,full", RESOLVED)
def test_surnames_refer_to_the_full_name(extractor, sentence, name, full):
    resolved = {m.text: m.antecedent.text for m in extractor.analyse(sentence).mentions}
    assert resolved.get(name) == full, resolved


@pytest.mark.parametrize("sentence,names", KEPT_APART)
def test_titles_and_honorifics_are_not_taken_into_names(extractor, sentence, names):
    found = {m.text for m in extractor.analyse(sentence).mentions}
    assert names <= found, found
