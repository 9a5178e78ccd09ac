"""Entity resolution rules, one trap per test."""

from collections import Counter

import pytest

from graph.resolve import (Aliases, NameStats, country_key, institution_key, mention_key, normalise, resolve,
                           same_person_variant)


def stats_of(*names_types):
    stats = {}
    for name, type_ in names_types:
        st = stats.setdefault(mention_key(name, type_), NameStats())
        st.spellings[name] += 1
        st.types[type_] += 1
        st.docs.add("d1")
    return stats


def same_cluster(res, a, b):
    return res.root_of[a] == res.root_of[b]


@pytest.mark.parametrize("a,b", [
    ("Mr. Kadhimi", "Kadhimi"), ("the Iraqi Parliament", "Iraqi parliament"), ("Abdul-Mahdi", "Abdul Mahdi"),
    ("Trump’s", "Trump's"), ("Gen. Soleimani", "Soleimani"),
])
def test_normalise_equal(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("name,country", [
    ("US", "United States"), ("U.S.", "United States"), ("America", "United States"), ("American", "United States"),
    ("Britain", "United Kingdom"), ("Iraqi", "Iraq"), ("Iraq", "Iraq"), ("U.N.", "United Nations"),
])
def test_country_forms(name, country):
    assert country_key(name) == country


def test_un_is_not_us():
    assert country_key("U.N.") != country_key("U.S.")


def test_institutions():
    assert institution_key("Iraq’s parliament") == institution_key("the Iraqi Parliament") == "Iraq parliament"


@pytest.mark.parametrize("a,b,same", [
    ("qasem soleimani", "qassem soleimani", True),
    ("adel abdul mahdi", "abu mahdi al muhandis", False),
    ("john smith", "jane smith", False),
    ("muammar gaddafi", "moammar gaddafi", True),
])
def test_spelling_variants(a, b, same):
    assert same_person_variant(a, b)[0] is same


def test_short_name_joins_the_one_full_name():
    stats = stats_of(("Mike Pompeo", "PERSON"), ("Pompeo", "PERSON"))
    res = resolve(stats)
    assert same_cluster(res, "name:pompeo", "name:mike pompeo")
    assert any(r.rule == "short_name" and r.action == "merge" for r in res.log)


def test_short_name_with_two_candidates_is_ambiguous():
    stats = stats_of(("John Smith", "PERSON"), ("Jane Smith", "PERSON"), ("Smith", "PERSON"))
    res = resolve(stats)
    assert not same_cluster(res, "name:smith", "name:john smith")
    assert not same_cluster(res, "name:smith", "name:jane smith")
    assert any(r.action == "ambiguous" and r.names[0] == "Smith" for r in res.log)


def test_surname_tagged_org_joins_the_person():
    stats = stats_of(("Donald Trump", "PERSON"), ("Trump", "ORG"), ("Trump", "ORG"))
    res = resolve(stats)
    assert same_cluster(res, "name:trump", "name:donald trump")


def test_abbreviations_need_exact_match():
    stats = stats_of(("ISIS", "ORG"), ("ISW", "ORG"))
    res = resolve(stats)
    assert not same_cluster(res, "name:isis", "name:isw")


def test_acronym_defined_in_text():
    stats = stats_of(("Popular Mobilization Units", "ORG"), ("PMUs", "ORG"))
    res = resolve(stats, acronyms=[("Popular Mobilization Units", "PMUs", "d1")])
    assert same_cluster(res, "name:popular mobilization units", "name:pmus")


def test_aliases_file_overrides_rules():
    stats = stats_of(("Qasem Soleimani", "PERSON"), ("Qassem Soleimani", "PERSON"), ("Hajji Qasem", "PERSON"))
    res = resolve(stats, aliases=Aliases(same=[["Hajji Qasem", "Qasem Soleimani"]],
                                          never=[["Qasem Soleimani", "Qassem Soleimani"]]))
    assert not same_cluster(res, "name:qasem soleimani", "name:qassem soleimani")
    assert same_cluster(res, "name:hajji qasem", "name:qasem soleimani")
    assert any(r.action == "refuse" and r.rule == "aliases_never" for r in res.log)


def test_type_vote_counts_person_evidence():
    from graph.resolve import cluster_type

    assert cluster_type(Counter({"ORG": 3, "PERSON": 2})) == "PERSON"
    assert cluster_type(Counter({"ORG": 3})) == "ORG"
