"""Table of sentences and the person–role–organisation triples they must give.

Rows are (sentence, person, role as written, organisation as written or None).
Sentences come from seeds/ and from CoNLL04 train.
"""

import pytest

from conftest import as_rows

ROLES = [
    # title before the name; a country or demonym in the same phrase is the organisation
    ("US Secretary of State Mike Pompeo has denied the US will leave.", "Mike Pompeo", "Secretary of State", "US"),
    ("Officials said it killed top Iranian commander Qasem Soleimani in a drone strike.", "Qasem Soleimani", "commander", "Iranian"),
    ("That strike killed top Iranian general Qasem Soleimani as well as a militia leader.", "Qasem Soleimani", "general", "Iranian"),
    ("It came in the wake of the U.S. killing of Iran’s Gen. Qassem Soleimani.", "Qassem Soleimani", "Gen.", "Iran"),
    ("The US assassinated Iranian Gen Qasem Soleimani and Iraqi militia leader Abu Mahdi al-Muhandis in a drone strike.",
     "Abu Mahdi al-Muhandis", "militia leader", "Iraqi"),
    ("Iraq was a Shia-majority nation led for more than two decades by brutal dictator Saddam Hussein.", "Saddam Hussein", "dictator", None),
    # the organisation is known, the role is not
    ("CBS’ Holly Williams noted that the parliamentary vote was non-binding.", "Holly Williams", "", "CBS"),
    # appositions: "Name, title of/at Org"
    ('"Iran is the most influential state in Iraq now," said Fawaz Gerges, a professor of international relations at the London School of Economics and Political Science.',
     "Fawaz Gerges", "professor", "London School of Economics and Political Science"),
    ('"They flourished," said Jack Watling, a specialist in land warfare at the London-based Royal United Services Institute.',
     "Jack Watling", "specialist", "Royal United Services Institute"),
    ("Iraq’s parliament confirmed Mr. Kadhimi, a former intelligence official, as prime minister in May.", "Kadhimi", "former intelligence official", None),
    ("Iraq’s parliament confirmed Mr. Kadhimi, a former intelligence official, as prime minister in May.", "Kadhimi", "prime minister", None),
    ("Kevin O'Brien, a spokesman for the Ford Motor Company, said the plant would stay open.", "Kevin O'Brien", "spokesman", "Ford Motor Company"),
    # "Name, who leads Org"
    ("Young Iraqis don't want either the US or Iran in their country, said Joost Hitermann, who leads the International Crisis Group's Middle East and North Africa program.",
     "Joost Hitermann", "leader", "International Crisis Group"),
    # copula
    ("John Smith is the chairman of Acme Corporation.", "John Smith", "chairman", "Acme Corporation"),
    # Org spokesman Name
    ("Pentagon spokesman Pete Williams said the troops were ready.", "Pete Williams", "spokesman", "Pentagon"),
]


@pytest.mark.parametrize("sentence,person,role,org", ROLES)
def test_role(extractor, sentence, person, role, org):
    rows = {(s, p, o) for s, p, o, m in as_rows(extractor.extract(sentence), "role")}
    assert (person, role, org) in rows, rows


NO_ROLES = [
    # a country alone before a name is nationality, not a job
    "American Joe Biden visited the plant.",
    # page furniture produces nothing
    "AD\n\nBy continuing to use the site, you are consenting to the use of cookies as explained in our Cookie Policy.",
]


@pytest.mark.parametrize("sentence", NO_ROLES)
def test_no_role(extractor, sentence):
    assert as_rows(extractor.extract(sentence), "role") == set()


def test_title_words_are_not_organisations(extractor):
    """'State' in 'Secretary of State' is part of the title, never an entity of its own."""
    result = extractor.analyse("US Secretary of State Mike Pompeo has denied the US will leave.")
    assert "State" not in {m.text for m in result.mentions}
