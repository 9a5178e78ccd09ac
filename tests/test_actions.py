"""Table of sentences and the actor–action–target triples they must (or must not) give.

Rows are (sentence, actor, action lemma, target, modality), names as written in the
sentence (a pronoun's row names the person it was resolved to).
Sentences come from seeds/ and from CoNLL04 train.
"""

import pytest

from conftest import as_rows

ACTIONS = [
    # one triple per conjunct
    ("After the US assassinated Iranian Gen Qasem Soleimani and Iraqi militia leader Abu Mahdi al-Muhandis in a drone strike in Baghdad, anger grew.",
     "US", "assassinate", "Qasem Soleimani", "asserted"),
    ("After the US assassinated Iranian Gen Qasem Soleimani and Iraqi militia leader Abu Mahdi al-Muhandis in a drone strike in Baghdad, anger grew.",
     "US", "assassinate", "Abu Mahdi al-Muhandis", "asserted"),
    # a rule-found organisation as the actor
    ("Iraq’s parliament confirmed Mr. Kadhimi, a former intelligence official, as prime minister in May.",
     "Iraq’s parliament", "confirm", "Kadhimi", "asserted"),
    # passive participle with a by-agent
    ("Iraq was a Shia-majority nation led for more than two decades by brutal dictator Saddam Hussein, born a Sunni.",
     "Saddam Hussein", "lead", "Iraq", "asserted"),
    ("Pushed by Tehran, the Iraqi parliament subsequently voted to send home all foreign troops.",
     "Tehran", "push", "Iraqi parliament", "asserted"),
    # relative clause
    ("John Wilkes Booth, who assassinated President Lincoln, was an actor.", "John Wilkes Booth", "assassinate", "Lincoln", "asserted"),
    # nominal events
    ("The vote came in the wake of the U.S. killing of Iran’s Gen. Qassem Soleimani.", "U.S.", "kill", "Qassem Soleimani", "asserted"),
    ("The assassination of Robert Kennedy by Sirhan Sirhan shocked the nation.", "Sirhan Sirhan", "assassinate", "Robert Kennedy", "asserted"),
    # agent noun
    ("Lincoln's assassin, John Wilkes Booth, was shot twelve days later.", "John Wilkes Booth", "assassinate", "Lincoln", "asserted"),
    # control verbs
    ("Iraq has asked the United States to begin planning the withdrawal of its troops.", "Iraq", "ask", "United States", "asserted"),
    ("Under pressure, Mr. Kadhimi was forced to release Qais al-Khazali.", "Kadhimi", "release", "Qais al-Khazali", "asserted"),
    # an adjunct clause shares its main clause's subject
    ("Mr. Kadhimi told reporters after meeting Mr. Trump that he would like some forces to remain.", "Kadhimi", "meet", "Trump", "asserted"),
    # negation and modality: never a plain fact
    ("At any rate, the US is not inclined to deal with Abdul-Mahdi any longer.", "US", "deal", "Abdul-Mahdi", "negated"),
    ("US officials were unprepared to offer Kadhimi anything substantial.", "US", "offer", "Kadhimi", "negated"),
    ("Moscow refused to recognize Kosovo.", "Moscow", "recognize", "Kosovo", "negated"),
    ("If the talks fail, Israel could attack Iran.", "Israel", "attack", "Iran", "hypothetical"),
    ("Russia did not invade Finland.", "Russia", "invade", "Finland", "negated"),
]


@pytest.mark.parametrize("sentence,actor,action,target,modality", ACTIONS)
def test_action(extractor, sentence, actor, action, target, modality):
    triples = extractor.extract(sentence)
    rows = {(t.subject.text, t.predicate, t.object.text, t.modality) for t in triples if t.kind == "action"}
    assert (actor, action, target, modality) in rows, rows


NO_ACTIONS = [
    # a passive with no agent names no actor
    ("Qasem Soleimani was killed in January.", "kill"),
    # nominal event with no actor anywhere
    ("They are angry over the killing of Abu Mahdi al-Muhandis.", "kill"),
    # "restored Baghdad's control" is no action on Baghdad
    ("He restored Baghdad’s control over border crossings.", "restore"),
]


@pytest.mark.parametrize("sentence,action", NO_ACTIONS)
def test_no_action(extractor, sentence, action):
    assert [t for t in extractor.extract(sentence) if t.predicate == action] == []


def test_action_category_from_lexicon(extractor):
    """Categories come from extract/data/verbs.tsv: kill -> ASSAULT, ask -> REQUEST, unknown -> OTHER."""
    cats = {t.predicate: t.category for t in extractor.extract(
        "The US killed Soleimani. Iraq asked the United States to leave. Iran admired Russia.") if t.kind == "action"}
    assert cats == {"kill": "ASSAULT", "ask": "REQUEST", "admire": "OTHER"}


def test_direct_beats_nominal_confidence(extractor):
    direct = extractor.extract("The US killed Qasem Soleimani.")[0]
    nominal = extractor.extract("They discussed the U.S. killing of Qasem Soleimani.")[0]
    assert direct.confidence > nominal.confidence
