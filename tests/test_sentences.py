"""Where sentences end: a blank line always, a single line break unless the line was cut mid-sentence."""

import pytest


def sentences(extractor, text):
    return [s.text.strip() for s in extractor.nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize("text, expected", [
    # a headline on its own line is its own sentence, and the lead's first name stays whole
    ("Harbour Board Names Ruth Kemp Chief Engineer\nRuth Kemp will start in May .",
     ["Harbour Board Names Ruth Kemp Chief Engineer", "Ruth Kemp will start in May ."]),
    ("GUNMAN HELD AFTER SIEGE\nPolice arrested a man on Sunday .", ["GUNMAN HELD AFTER SIEGE", "Police arrested a man on Sunday ."]),
    ("The talks ended on Friday.\nBoth sides will meet again in June.",
     ["The talks ended on Friday.", "Both sides will meet again in June."]),
    ("Notable people with the surname include :\nAnna Ferris ( born 1970 ) , Welsh chemist",
     ["Notable people with the surname include :", "Anna Ferris ( born 1970 ) , Welsh chemist"]),
    ("Heavy Rain Floods Town Centre\n\nShops were closed on Monday.", ["Heavy Rain Floods Town Centre", "Shops were closed on Monday."]),
])
def test_a_line_break_before_a_capital_ends_a_sentence(extractor, text, expected):
    assert sentences(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "The minister held talks with\nPresident Ortega on Monday.",  # a preposition leaves the line open
    "The film was directed by J.\nRoss Keller and shot in Spain.",  # so does an initial
    "The school is named Colegio Santa Rosa A.P.\nMoreno after its founder.",
    "The council said the plan was\nfar too costly.",  # a lower-case word goes on the sentence
    "Shares fell in London, Paris,\nFrankfurt and Milan.",
])
def test_a_line_cut_mid_sentence_stays_one_sentence(extractor, text):
    assert len(sentences(extractor, text)) == 1
