"""Table of sentences and the modality their action must carry: denied and supposed
statements never become plain facts, and a plain fact stays one.

Rows are (sentence, actor, action lemma, target, modality), names as written.
Sentences come from seeds/, CoNLL04 train, or are natural variants of them.
"""

import pytest

MODALITY = [
    # negation: "not", "n't", "never", and verbs and adjectives that deny their complement
    ("Russia did not invade Finland.", "Russia", "invade", "Finland", "negated"),
    ("Iran didn't attack Israel.", "Iran", "attack", "Israel", "negated"),
    ("Oswald never shot Kennedy, his widow insisted.", "Oswald", "shoot", "Kennedy", "negated"),
    ("Moscow refused to recognize Kosovo.", "Moscow", "recognize", "Kosovo", "negated"),
    ("Moscow declined to recognize Kosovo.", "Moscow", "recognize", "Kosovo", "negated"),
    ("US officials were unprepared to offer Kadhimi anything substantial.", "US officials", "offer", "Kadhimi", "negated"),
    ("Israel is unwilling to negotiate with Hamas.", "Israel", "negotiate", "Hamas", "negated"),
    ("Sirhan denied killing Kennedy.", "Sirhan", "kill", "Kennedy", "negated"),
    # negation outranks a hypothetical: "not inclined to", "even if ... had not"
    ("At any rate, the US is not inclined to deal with Abdul-Mahdi any longer.", "US", "deal", "Abdul-Mahdi", "negated"),
    ("Genetic material could show whether Lincoln was ill, even if Booth had not assassinated Lincoln at Ford's Theater.",
     "Booth", "assassinate", "Lincoln", "negated"),
    # hypotheticals: modal auxiliaries, "if", verbs of wanting, planning and threatening
    ("Iran would attack Israel.", "Iran", "attack", "Israel", "hypothetical"),
    ("If the talks fail, Israel could attack Iran.", "Israel", "attack", "Iran", "hypothetical"),
    ("If Iran attacks Israel, the US will respond.", "Iran", "attack", "Israel", "hypothetical"),
    ("Iran threatened to attack Israel.", "Iran", "attack", "Israel", "hypothetical"),
    ("Lee Harvey Oswald bore a grudge against Texas Gov. John Connally and may have intended to kill him instead of "
     "President John F. Kennedy.", "Lee Harvey Oswald", "kill", "John Connally", "hypothetical"),
    # a clause that is denied, demanded or only claimed is no plain fact; "alleged to" supposes
    ("Iran denied that it attacked Israel.", "Iran", "attack", "Israel", "negated"),
    ("Iran is demanding that Israel withdraw from Gaza.", "Israel", "withdraw", "Gaza", "hypothetical"),
    ("Israel claims Iran attacked Turkey.", "Iran", "attack", "Turkey", "hypothetical"),
    ("Iran is alleged to have attacked Israel.", "Iran", "attack", "Israel", "hypothetical"),
    # an intention, a threat or a demand is itself stated as a fact; what it is about is not
    ("Chad says it is willing to withdraw from Niger.", "Chad", "withdraw", "Niger", "hypothetical"),
    ("Chad says it is willing to withdraw from Niger.", "Chad", "willing", "Niger", "asserted"),
    ("Iran threatened to attack Israel.", "Iran", "threaten", "Israel", "asserted"),
    ("Iran is demanding that Israel withdraw from Gaza.", "Iran", "demand", "Israel", "asserted"),
    ("Kenya refused to meet Somalia.", "Kenya", "refuse", "Somalia", "asserted"),
    # insisting on what one does is no supposition
    ("Mr Smith insisted he still admired Mary Jones.", "Smith", "admire", "Mary Jones", "asserted"),
    # an action noun's modifier: an attempt is not the deed
    ("Ford's would-be assassin, Lynette Fromme, was paroled.", "Lynette Fromme", "assassinate", "Ford", "hypothetical"),
    ("The attempted assassination of Ronald Reagan by John Hinckley shocked the nation.",
     "John Hinckley", "assassinate", "Ronald Reagan", "hypothetical"),
    # verbs that take their complement as given: the governing "can't" does not deny the shooting
    ("Sirhan says he was the lone assassin but can't remember shooting Kennedy.", "Sirhan", "shoot", "Kennedy", "asserted"),
    ("Sirhan admitted killing Kennedy.", "Sirhan", "kill", "Kennedy", "asserted"),
    # a plain statement stays asserted
    ("Ruby fatally shot Oswald two days after Kennedy was assassinated.", "Ruby", "shoot", "Oswald", "asserted"),
    # an unnamed actor is a group of its own document (extract.groups)
    ("The gunman tried to kill Ronald Reagan in 1981, said John Hinckley's lawyer.", "gunman", "kill", "Ronald Reagan", "hypothetical"),
]


@pytest.mark.parametrize("sentence,actor,action,target,modality", MODALITY)
def test_modality(extractor, sentence, actor, action, target, modality):
    rows = {(t.subject.text, t.predicate, t.object.text, t.modality) for t in extractor.extract(sentence) if t.kind == "action"}
    assert (actor, action, target, modality) in rows, rows


def test_negated_flag_follows_modality(extractor):
    """``negated`` is set for every statement that is not asserted, so consumers that read only the flag stay safe."""
    for sentence in ("Russia did not invade Finland.", "Iran would attack Israel.", "Ruby fatally shot Oswald."):
        for t in extractor.extract(sentence):
            if t.kind == "action":
                assert t.negated == (t.modality != "asserted"), t
