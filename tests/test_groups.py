"""Group actors (extract/groups.py) and their nodes: a table of noun phrases with the country,
sector and scope they must get, one pinned parse, and node identity across documents.

Sentences are written for these tests, in the shapes news uses.
"""

import pytest
from spacy.tokens import Doc

from extract.groups import group_mention
from extract.mentions import ParsedDoc, find_entities

# (sentence, the group's head noun, its mention as written, country, sector, scoped to its document)
GROUPS = [
    ("Egyptian troops arrested twelve students.", "troops", "Egyptian troops", "Egypt", "military", False),
    ("Kenya's opposition rejected the plan.", "opposition", "Kenya's opposition", "Kenya", "opposition", False),
    ("Ugandan soldiers crossed the border.", "soldiers", "Ugandan soldiers", "Uganda", "military", False),
    ("Rebels in Sudan attacked the town.", "Rebels", "Rebels in Sudan", "Sudan", "rebels", False),
    ("Leaders of the opposition alliance met in Minsk.", "Leaders", "Leaders of the opposition alliance", "", "opposition", True),
    ("Sudanese rebel leaders met the envoy.", "leaders", "Sudanese rebel leaders", "Sudan", "rebels", False),
    ("Gunmen attacked the convoy.", "Gunmen", "Gunmen", "", "armed group", True),
    ("A Chinese official offered a loan.", "official", "Chinese official", "China", "government", True),
    ("Protesters in Nairobi burned tyres.", "Protesters", "Protesters", "", "opposition", True),
    # a singular noun that is not a body is one of a kind, even with a country
    ("A US blogger attacked the report.", "blogger", "US blogger", "United States", "media", True),
]


@pytest.mark.parametrize("sentence,noun,text,country,sector,scoped", GROUPS)
def test_group_mention(extractor, sentence, noun, text, country, sector, scoped):
    doc = extractor.nlp(sentence)
    pd = ParsedDoc(doc, sentence, 0, "doc-1")
    find_entities(pd)
    m = group_mention(pd, next(t for t in doc if t.text == noun))
    assert m is not None
    assert (m.text, m.type, m.country, m.sector, m.scope) == (text, "GROUP", country, sector, "doc-1" if scoped else "")
    assert sentence[m.start:m.end] == m.text


@pytest.mark.parametrize("sentence,noun", [
    ("The minister resigned.", "minister"),  # one person: coreference's job
    ("The company sued the bank.", "company"),  # an organisation word: coreference's job
    ("The man fled.", "man"),
    ("The leaders met.", "leaders"),  # no telling whose
])
def test_no_group(extractor, sentence, noun):
    doc = extractor.nlp(sentence)
    pd = ParsedDoc(doc, sentence)
    find_entities(pd)
    assert group_mention(pd, next(t for t in doc if t.text == noun)) is None


def test_group_mention_pinned_parse(extractor):
    """'Fijian rebels freed hostages': a demonym the tagger did not tag still gives the country."""
    words = ["Fijian", "rebels", "freed", "hostages", "."]
    doc = Doc(extractor.nlp.vocab, words=words, spaces=[True, True, True, False, False],
              heads=[1, 2, 2, 2, 2], deps=["amod", "nsubj", "ROOT", "dobj", "punct"],
              pos=["ADJ", "NOUN", "VERB", "NOUN", "PUNCT"], tags=["JJ", "NNS", "VBD", "NNS", "."],
              lemmas=["fijian", "rebel", "free", "hostage", "."])
    pd = ParsedDoc(doc, doc.text, 0, "d")
    m = group_mention(pd, doc[1])
    assert (m.text, m.country, m.sector, m.scope) == ("Fijian rebels", "Fiji", "rebels", "")


def test_group_nodes_across_documents(extractor):
    """'Egyptian police' and "Egypt's police force" are one node (Egypt · police) in two documents;
    'gunmen' of two documents stay two nodes. Nodes carry country and sector."""
    from graph import KnowledgeGraph

    docs = [("a", "Egyptian police arrested Ali Hassan. Gunmen attacked Said Omar."),
            ("b", "Egypt's police force arrested Omar Farouk. Gunmen attacked Ahmed Nour.")]
    kg = KnowledgeGraph.from_results(extractor.analyse_many(docs))
    groups = {n: d for n, d in kg.graph.nodes(data=True) if d["type"] in ("GROUP", "ORG") and d["sector"]}
    police = [n for n, d in groups.items() if d["sector"] == "police"]
    assert len(police) == 1 and groups[police[0]]["country"] == "Egypt", groups
    assert set(groups[police[0]]["docs"].split("|")) == {"a", "b"}
    gunmen = [n for n, d in groups.items() if d["sector"] == "armed group"]
    assert len(gunmen) == 2, groups


def test_actions_filter_by_sector(extractor):
    """kg.actions(sector=...) keeps the actions with a group of that sector at either end."""
    from graph import KnowledgeGraph

    kg = KnowledgeGraph.from_results(extractor.analyse_many([("a", "Ugandan soldiers arrested Ali Hassan. Mary Smith met Tony Blair.")]))
    rows = kg.actions(sector="military")
    assert list(rows["action"]) == ["arrest"], rows


def test_explorer_shows_a_groups_country_and_sector(extractor, tmp_path):
    """The explorer's payload carries 'Egypt · military' for a group node, nothing for others."""
    import json
    import re

    from graph import KnowledgeGraph

    kg = KnowledgeGraph.from_results(extractor.analyse_many([("a", "Egyptian troops arrested Ali Hassan.")]))
    path = tmp_path / "g.html"
    kg.write_html(path)
    html = path.read_text(encoding="utf-8")
    assert "Egypt \u00b7 military" in html
    assert re.search(r'"label": ?"Ali Hassan"[^}]*"group"', html) is None
