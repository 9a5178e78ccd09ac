"""The confidence table: the order its comments state holds (extract/confidence.py)."""

import pytest

from extract import confidence as C


def test_every_value_is_a_probability():
    values = {name: value for name, value in vars(C).items() if name.isupper()}
    assert len(values) >= 20
    assert all(0 < value <= 1 for value in values.values()), values


@pytest.mark.parametrize("surer, less_sure", [
    # roles: a title in the same phrase as the name beats one further away; a named title beats none
    ("TITLE_BEFORE_NAME", "APPOSED_TITLE"), ("APPOSED_TITLE", "APPOSED_TITLE_FURTHER"),
    ("APPOSED_TITLE", "NAME_APPOSED_TO_TITLE"), ("COPULA", "AS_TITLE"), ("NAME_APPOSED_TO_TITLE", "TITLE_OVER_ORG"),
    ("ROLE_VERB", "ROLE_VERB_PASSIVE"), ("ROLE_VERB_PASSIVE", "ORG_BEFORE_NAME"), ("ROLE_VERB_PASSIVE", "NAME_OF_ORG"),
    # actions: the nearer the argument is to the verb, the surer
    ("DIRECT", "MARKED"), ("MARKED", "INDIRECT"), ("INDIRECT", "PARTICIPLE"), ("PARTICIPLE", "PREPOSITION"),
    ("PREPOSITION", "BLAME_CONFIDENCE"), ("BLAME_CONFIDENCE", "CONTEXT_CONFIDENCE"),
    # a loose owner ("US officials") costs more than a pronoun, which costs more than a guessed name
    ("GUESS_DISCOUNT", "COREF_DISCOUNT"), ("COREF_DISCOUNT", "OWNER_DISCOUNT"),
])
def test_the_order_the_comments_state(surer, less_sure):
    assert getattr(C, surer) > getattr(C, less_sure)


def test_an_inherited_subject_ranks_below_its_own_and_above_an_indirect_one():
    assert C.INDIRECT < C.DIRECT * C.INHERITED_DISCOUNT < C.DIRECT
