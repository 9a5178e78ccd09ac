"""Entity resolution rules, one trap per test."""

from collections import Counter

import pytest

from extract.names import is_country
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
    ("Betty Ford Centre", "Betty Ford Center"), ("Mt Cook", "Mount Cook"), ("Mt. Cook", "Mount Cook"),  # spelling_variants.tsv
])
def test_normalise_equal(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("name,country", [
    ("States", "United States"),  # "in the States": the mention loses its "the"
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


def test_a_same_group_that_a_never_pair_blocks_is_logged_as_refused():
    """'same' joins two names, but a 'never' pair between one's cluster and the other still holds:
    the log must say the merge was refused, not that it happened."""
    stats = stats_of(("Qasem Soleimani", "PERSON"), ("Soleimani", "PERSON"), ("Hajji Qasem", "PERSON"),
                     ("Haj Qasem", "PERSON"))
    res = resolve(stats, aliases=Aliases(same=[["Qasem Soleimani", "Hajji Qasem", "Haj Qasem"]],
                                          never=[["Soleimani", "Hajji Qasem"]]))
    assert same_cluster(res, "name:qasem soleimani", "name:soleimani")  # by the surname rule
    assert not same_cluster(res, "name:qasem soleimani", "name:hajji qasem")  # the never pair holds
    assert same_cluster(res, "name:qasem soleimani", "name:haj qasem")
    records = [(r.action, r.names, r.rule) for r in res.log if r.rule.startswith("aliases")]
    assert records == [("merge", ["Qasem Soleimani", "Haj Qasem"], "aliases_file"),
                       ("refuse", ["Qasem Soleimani", "Hajji Qasem"], "aliases_never")]


def test_a_same_group_with_nothing_in_the_way_is_one_merge_record():
    stats = stats_of(("Qasem Soleimani", "PERSON"), ("Hajji Qasem", "PERSON"))
    res = resolve(stats, aliases=Aliases(same=[["Hajji Qasem", "Qasem Soleimani", "Nobody Here"]]))
    assert [(r.action, r.names, r.rule) for r in res.log] == [
        ("merge", ["Hajji Qasem", "Qasem Soleimani", "Nobody Here"], "aliases_file")]


def test_type_vote_counts_person_evidence():
    from graph.resolve import cluster_type

    assert cluster_type(Counter({"ORG": 3, "PERSON": 2})) == "PERSON"
    assert cluster_type(Counter({"ORG": 3})) == "ORG"


# --- issue 4: one test per trap --------------------------------------------------------

def stats_in(*rows):
    """Like stats_of, but each row is (name, type, doc) so documents can differ."""
    stats = {}
    for name, type_, doc in rows:
        st = stats.setdefault(mention_key(name, type_), NameStats())
        st.spellings[name] += 1
        st.types["GPE" if mention_key(name, type_).startswith("country:") else type_] += 1
        st.docs.add(doc)
    return stats


@pytest.mark.parametrize("a,b", [
    ("Mr Sands'", "Sands"), ("Hank Williams Jr.", "Hank Williams Jr"), ("Dr. Gibbons", "Gibbons"),
    ("Chancellor Gordon Brown", "Gordon Brown"), ("Sir Richard Eyre", "Richard Eyre"), ("Kilroy-Silk", "Kilroy Silk"),
])
def test_normalise_more_forms(a, b):
    assert normalise(a) == normalise(b)


def test_titles_are_stripped_from_person_names_only():
    assert mention_key("General Motors", "ORG") == "name:general motors"
    assert mention_key("Premier League", "ORG") == "name:premier league"
    assert mention_key("Gen. Soleimani", "PERSON") == "name:soleimani"


@pytest.mark.parametrize("name,country", [
    ("Holland", "Netherlands"), ("the Netherlands", "Netherlands"), ("Dutch", "Netherlands"),
    ("the States", "United States"), ("Russian Federation", "Russia"), ("Burma", "Myanmar"), ("Myanmar", "Myanmar"),
])
def test_well_known_country_forms(name, country):
    assert country_key(name) == country


# every member of the United Nations is a country the word lists know, by name and by demonym
UN_MEMBERS = """Afghanistan Albania Algeria Andorra Angola Antigua_and_Barbuda Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia_and_Herzegovina Botswana Brazil
Brunei Bulgaria Burkina_Faso Burundi Cabo_Verde Cambodia Cameroon Canada Central_African_Republic Chad Chile China Colombia
Comoros Congo Democratic_Republic_of_the_Congo Costa_Rica Ivory_Coast Croatia Cuba Cyprus Czech_Republic Denmark Djibouti
Dominica Dominican_Republic East_Timor Ecuador Egypt El_Salvador Equatorial_Guinea Eritrea Estonia Eswatini Ethiopia Fiji Finland
France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guinea-Bissau Guyana Haiti Honduras Hungary
Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Laos
Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Marshall_Islands Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia
Nauru Nepal Netherlands New_Zealand Nicaragua Niger Nigeria North_Korea Macedonia Norway Oman Pakistan Palau Panama
Papua_New_Guinea Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Saint_Kitts_and_Nevis Saint_Lucia
Saint_Vincent_and_the_Grenadines Samoa San_Marino Sao_Tome_and_Principe Saudi_Arabia Senegal Serbia Seychelles Sierra_Leone
Singapore Slovakia Slovenia Solomon_Islands Somalia South_Africa South_Korea South_Sudan Spain Sri_Lanka Sudan Suriname
Sweden Switzerland Syria Tajikistan Tanzania Thailand Togo Tonga Trinidad_and_Tobago Tunisia Turkey Turkmenistan Tuvalu
Uganda Ukraine United_Arab_Emirates United_Kingdom United_States Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia
Zimbabwe""".split()


def test_every_un_member_is_a_known_country():
    unknown = [c for c in (m.replace("_", " ") for m in UN_MEMBERS) if country_key(c) != c]
    assert not unknown, unknown
    # a country of the table with no demonym would count as a union of countries, an organisation
    unions = [c for c in (m.replace("_", " ") for m in UN_MEMBERS) if not is_country(c)]
    assert not unions, unions


@pytest.mark.parametrize("name,country", [
    ("Equatorial Guinean", "Equatorial Guinea"), ("Malagasy", "Madagascar"), ("São Tomé", "Sao Tome and Principe"),
    ("Cape Verde", "Cabo Verde"), ("North Macedonia", "Macedonia"), ("Costa Rican", "Costa Rica"),
])
def test_smaller_countries_by_every_name(name, country):
    assert country_key(name) == country


@pytest.mark.parametrize("a,b", [("Austria", "Australia"), ("Iran", "Iraq"), ("North Korea", "South Korea"),
                                 ("England", "UK"), ("Soviet Union", "Russia")])
def test_look_alike_countries_differ(a, b):
    assert country_key(a) != country_key(b)


@pytest.mark.parametrize("a,b,same", [
    ("victor makarov", "viktor makarov", True),      # transliteration, ratio 83.3
    ("kirsty williams", "kisrty williams", True),     # transposed letters
    ("eliot spitzer", "elliot spitzer", True),
    ("robin williams", "robbie williams", False),     # ratio 72.7: two people
    ("mauro bergamasco", "mirco bergamasco", False),  # brothers
    ("charles clark", "charles clarke", True),        # misspelt surname, same given name
    ("david collins", "david moorcroft", False),
    ("frederic forsythe", "frederick forsyth", False),  # both names differ: never
    ("dave collins", "david collins", True),          # a short form of the given name
    ("bernie ebbers", "bernard ebbers", True),
    ("andy williams", "danny williams", False),
    ("dick evans", "david evans", False),             # Dick is Richard, not David
])
def test_spelling_variants_and_short_given_names(a, b, same):
    assert same_person_variant(a, b)[0] is same


def test_spelling_threshold_is_the_measured_one():
    from graph.resolve import SPELLING_THRESHOLD

    assert SPELLING_THRESHOLD == 80.0


def test_variant_spelling_lets_the_surname_attach():
    stats = stats_of(("Viktor Makarov", "PERSON"), ("Victor Makarov", "PERSON"), ("Mr Makarov", "PERSON"))
    res = resolve(stats)
    assert same_cluster(res, "name:makarov", "name:viktor makarov")
    assert same_cluster(res, "name:victor makarov", "name:viktor makarov")


def test_initial_joins_the_one_fitting_full_name():
    stats = stats_of(("Jonathan Thomas", "PERSON"), ("Gareth Thomas", "PERSON"), ("J Thomas", "PERSON"),
                     ("G Thomas", "PERSON"), ("Thomas", "PERSON"))
    res = resolve(stats)
    assert same_cluster(res, "name:j thomas", "name:jonathan thomas")
    assert same_cluster(res, "name:g thomas", "name:gareth thomas")
    assert not same_cluster(res, "name:j thomas", "name:gareth thomas")
    assert not same_cluster(res, "name:thomas", "name:jonathan thomas")  # two Thomases: ambiguous
    assert any(r.rule == "initial" and r.action == "merge" for r in res.log)


def test_spacing_variants():
    stats = stats_of(("TimeWarner", "ORG"), ("Time Warner", "ORG"), ("Tim Warner", "PERSON"))
    res = resolve(stats)
    assert same_cluster(res, "name:timewarner", "name:time warner")
    assert not same_cluster(res, "name:tim warner", "name:time warner")  # 'tim' is no contraction of 'time'


def test_contractions():
    stats = stats_of(("Warner Brothers", "ORG"), ("Warner Bros", "PERSON"), ("Manchester United", "ORG"),
                     ("Man Utd", "PERSON"), ("Sheff Utd", "ORG"), ("Maxine Smith", "PERSON"), ("Max Smith", "PERSON"))
    res = resolve(stats)
    assert same_cluster(res, "name:warner bros", "name:warner brothers")
    assert same_cluster(res, "name:man utd", "name:manchester united")
    assert not same_cluster(res, "name:sheff utd", "name:manchester united")
    assert not same_cluster(res, "name:max smith", "name:maxine smith")  # a given name is not contracted


def test_abbreviation_joins_its_expansion_in_the_same_document():
    stats = stats_in(("Securities and Exchange Commission", "ORG", "d1"), ("SEC", "ORG", "d1"),
                     ("Office for National Statistics", "ORG", "d1"), ("ONS", "ORG", "d1"),
                     ("General Motors", "ORG", "d2"), ("GM", "ORG", "d3"))
    res = resolve(stats)
    assert same_cluster(res, "name:sec", "name:securities and exchange commission")
    assert same_cluster(res, "name:ons", "name:office for national statistics")
    assert not same_cluster(res, "name:gm", "name:general motors")  # never in one document
    assert any(r.rule == "initials" for r in res.log)


def test_abbreviation_traps():
    stats = stats_of(("ISIS", "ORG"), ("ISW", "ORG"), ("Institute for the Study of War", "ORG"),
                     ("International Monetary Fund", "ORG"), ("International Finance Facility", "ORG"), ("IMF", "ORG"),
                     ("Robert Kilroy-Silk", "PERSON"), ("RKS", "ORG"))
    res = resolve(stats)
    assert same_cluster(res, "name:isw", "name:institute for the study of war")
    assert not same_cluster(res, "name:isis", "name:institute for the study of war")
    assert same_cluster(res, "name:imf", "name:international monetary fund")
    assert not same_cluster(res, "name:imf", "name:international finance facility")
    assert not same_cluster(res, "name:rks", "name:robert kilroy silk")  # persons are not expanded


def test_abbreviation_with_two_expansions_is_ambiguous():
    stats = stats_of(("British Airways", "ORG"), ("British Academy", "ORG"), ("BA", "ORG"))
    res = resolve(stats)
    assert not same_cluster(res, "name:ba", "name:british airways")
    assert any(r.action == "ambiguous" and r.rule == "initials" for r in res.log)


def test_organisation_last_word_joins_it():
    stats = stats_of(("Deutsche Boerse", "ORG"), ("Boerse", "ORG"), ("Fiat Powertrain", "ORG"), ("Fiat", "ORG"),
                     ("European Parliament", "ORG"), ("Parliament", "ORG"))
    res = resolve(stats)
    assert same_cluster(res, "name:boerse", "name:deutsche boerse")
    assert not same_cluster(res, "name:fiat", "name:fiat powertrain")  # the first word is often the parent
    assert not same_cluster(res, "name:parliament", "name:european parliament")  # an institution noun


def test_organisation_head_word_joins_its_of_name():
    # "the Academy" after "the Academy of Country Music"; "Fiat" is still not "Fiat Powertrain"
    stats = stats_of(("Academy of Country Music", "ORG"), ("Academy", "ORG"), ("Fiat Powertrain", "ORG"), ("Fiat", "ORG"),
                     ("Government of India", "ORG"), ("Government", "ORG"))
    res = resolve(stats)
    assert same_cluster(res, "name:academy", "name:academy of country music")
    assert not same_cluster(res, "name:fiat", "name:fiat powertrain")
    assert not same_cluster(res, "name:government", "name:government of india")


def test_head_word_with_two_of_names_is_ambiguous():
    stats = stats_of(("Bank of England", "ORG"), ("Bank of Japan", "ORG"), ("Bank", "ORG"))
    res = resolve(stats)
    assert not same_cluster(res, "name:bank", "name:bank of england")
    assert not same_cluster(res, "name:bank", "name:bank of japan")


def test_last_word_with_two_organisations_is_ambiguous():
    stats = stats_of(("Manchester United", "ORG"), ("Shareholders United", "PERSON"), ("United", "ORG"))
    res = resolve(stats)
    assert not same_cluster(res, "name:united", "name:manchester united")
    assert not same_cluster(res, "name:united", "name:shareholders united")


def test_company_named_after_two_people_stays_apart():
    stats = stats_of(("Disney", "ORG"), ("Roy Disney", "PERSON"), ("Walt Disney", "PERSON"))
    res = resolve(stats)
    assert not same_cluster(res, "name:disney", "name:roy disney")
    assert any(r.action == "ambiguous" and r.names[0] == "Disney" for r in res.log)


def test_place_is_not_a_given_name():
    stats = stats_of(("Munich Re", "PERSON"), ("Munich", "GPE"), ("Saddam Hussein", "PERSON"), ("Saddam", "PERSON"))
    res = resolve(stats)
    assert not same_cluster(res, "name:munich", "name:munich re")
    assert same_cluster(res, "name:saddam", "name:saddam hussein")


def test_short_name_of_a_person_sharing_a_surname_across_documents_is_ambiguous():
    stats = stats_in(("Michael Howard", "PERSON", "d1"), ("Mr Howard", "PERSON", "d1"), ("Tim Howard", "PERSON", "d2"))
    res = resolve(stats)
    assert not same_cluster(res, "name:howard", "name:michael howard")
    assert any(r.action == "ambiguous" and r.names[0] == "Mr Howard" for r in res.log)


def test_metonymy_is_off_by_default():
    stats = stats_of(("Washington", "GPE"), ("US", "GPE"), ("Tehran", "GPE"), ("Iran", "GPE"))
    res = resolve(stats)
    assert not same_cluster(res, "name:washington", "country:united states")
    assert not any(r.rule == "metonymy" for r in res.log)


def test_metonymy_option_merges_capitals_with_their_countries():
    stats = stats_of(("Washington", "GPE"), ("U.S.", "GPE"), ("Tehran", "GPE"), ("Iran", "GPE"),
                     ("Baghdad", "GPE"), ("Denzel Washington", "PERSON"), ("Mosul", "GPE"))
    res = resolve(stats, metonymy=True)
    assert same_cluster(res, "name:washington", "country:united states")
    assert same_cluster(res, "name:tehran", "country:iran")
    assert res.root_of["name:baghdad"] == "name:baghdad"  # Iraq is not in the corpus: nothing to join
    assert not same_cluster(res, "name:mosul", "country:iran")
    logged = {tuple(r.names) for r in res.log if r.rule == "metonymy" and r.action == "merge"}
    assert ("Washington", "United States") in logged and ("Tehran", "Iran") in logged


def test_capitals_file():
    from extract.lexicon import capitals
    from graph.resolve import capital_country

    assert len(capitals()) >= 40
    assert capital_country("Washington") == "United States"
    assert capital_country("London") == "United Kingdom"
    assert capital_country("Tehran’s") == "Iran"
    assert all(country_key(c) for c in capitals().values())  # every country is a known one


def test_misspelt_surname_is_trusted_within_one_document_only():
    stats = stats_in(("Charles Clarke", "PERSON", "d1"), ("Charles Clark", "PERSON", "d1"),
                     ("Peter Martin", "PERSON", "d2"), ("Peter Marion", "PERSON", "d3"))
    res = resolve(stats)
    assert same_cluster(res, "name:charles clark", "name:charles clarke")
    assert not same_cluster(res, "name:peter martin", "name:peter marion")


@pytest.mark.parametrize("full,full_type,short,doc_of_full,same", [
    ("JP McManus", "ORG", "McManus", "d1", True),  # spaCy tagged the full name ORG
    ("Brent Cockbain", "ORG", "Cockbain", "d1", True),
    ("Rio Ferdinand", "GPE", "Ferdinand", "d1", True),
    ("JP McManus", "ORG", "McManus", "d2", False),  # no document names both
    ("Eastern Bank", "ORG", "Bank", "d1", False),  # an organisation word
    ("Morgan Stanley Holdings", "ORG", "Holdings", "d1", False),
])
def test_surname_joins_a_full_name_spacy_tagged_org(full, full_type, short, doc_of_full, same):
    res = resolve(stats_in((full, full_type, doc_of_full), (short, "PERSON", "d1")))
    assert same_cluster(res, mention_key(full, full_type), mention_key(short, "PERSON")) == same
    if same:
        assert any(r.rule == "surname_of_mistagged_person" for r in res.log)


@pytest.mark.parametrize("long,short,same", [
    ("UFJ Holdings", "UFJ", True),
    ("BP plc", "BP", True),
    ("Allianz AG", "Allianz", True),
    ("The Telegraph Group", "Telegraph", False),  # a group is not one of its companies
])
def test_company_suffix_is_dropped_within_a_document(long, short, same):
    res = resolve(stats_in((long, "ORG", "d1"), (short, "ORG", "d1")))
    assert same_cluster(res, mention_key(long, "ORG"), mention_key(short, "ORG")) == same
    apart = resolve(stats_in((long, "ORG", "d1"), (short, "ORG", "d2")))  # two texts: no evidence
    assert not same_cluster(apart, mention_key(long, "ORG"), mention_key(short, "ORG"))


@pytest.mark.parametrize("a,type_a,b,type_b,same", [
    ("Vincent Cable", "ORG", "Vince Cable", "ORG", True),  # person names spaCy tagged ORG: a known short given name
    ("Freddie Forsyth", "ORG", "Frederick Forsyth", "PERSON", True),
    ("Victor Cable", "ORG", "Viktor Cable", "ORG", False),  # a near spelling is not enough without a PERSON tag
    ("Robin Cable", "ORG", "Robbie Cable", "ORG", False),
])
def test_nicknames_join_person_names_spacy_tagged_org(a, type_a, b, type_b, same):
    res = resolve(stats_in((a, type_a, "d1"), (b, type_b, "d1")))
    assert same_cluster(res, mention_key(a, type_a), mention_key(b, type_b)) == same


# --- words that are no words: tokenised punctuation, numbers, single letters ------------------
# "Workers ' Party" (tokenised text) crashed the build: the key of "'" is "", and the
# contraction rule read its first letter. Every helper that splits a name into words must
# take such words on purpose.

ODD_NAMES = ["Workers ' Party", "' '", "'", "-", "–", ".", ",", "&", "", " ", "U . S .", "1 2 3", "J", "'s", "Mr .",
             "Kim -", "- Kim", "Kim ' Jong", "al-", "al - Kadhimi", "& Co", "' Holdings", "Bonham - Carter",
             "Apollo 1", "Apollo 100", "1 million", "100 million", "4 Thomas", "حزب العمال", "מפלגת העבודה", "e\u0301 e\u0301"]


@pytest.mark.parametrize("word,key,comparable", [
    ("'", "", False), ("’", "", False), ("-", "", False), ("‐", "", False), (".", "", False), ("al-", "", False),
    ("&", "&", False), (",", ",", False), ("", "", False), ("1", "1", True), ("j", "j", True), ("J.", "j", True),
    ("Kadhimi", "kadhimi", True), ("al-Kadhimi", "kadhimi", True), ("O'Brien", "obrien", True), ("حزب", "حزب", True),
])
def test_name_key_of_odd_words(word, key, comparable):
    from extract.coref import is_name_word, name_key

    assert name_key(word) == key
    assert is_name_word(name_key(word)) is comparable


@pytest.mark.parametrize("key,words", [
    ("name:workers ' party", ("workers", "party")),
    ("name:' '", ()), ("name:'", ()), ("name:-", ()), ("name:", ()), ("name:& co", ("co",)),
    ("name:u s", ("u", "s")),      # one-letter words stay: the initials of "J Thomas"
    ("name:1 2 3", ("1", "2", "3")),  # numbers stay: "Channel 4" is not "Channel 5"
    ("name:kim ' jong", ("kim", "jong")),
    ("name:mustafa al kadhimi", ("mustafa", "kadhimi")),  # unchanged: particles were dropped before
    ("name:jonathan thomas", ("jonathan", "thomas")),
])
def test_name_words_are_the_comparable_words(key, words):
    from graph.resolve import _name_words

    assert _name_words(key) == words


@pytest.mark.parametrize("name,key", [
    ("Workers ' Party", "workers ' party"),
    ("' '", "' '"), ("'", "'"), ("-", "-"), ("’", "'"), ("'s", "'s"), ("", ""),  # nothing comparable: its own key
    ("U . S .", "u s"), ("1 2 3", "1 2 3"), ("J", "j"),
    ("Mr .", "mr"), ("Mr.", "mr"), ("Mr. Kim", "kim"), ("Mr . Kim", "kim"), ("the '", "the"),
    ("Mr. Kadhimi", "kadhimi"), ("the Iraqi Parliament’s", "iraqi parliament"),  # unchanged
])
def test_normalise_odd_names(name, key):
    assert normalise(name) == key


def test_punctuation_alone_is_not_one_entity():
    assert len({mention_key(n, "ORG") for n in ("'", "-", ".", ",", "&")}) == 5  # not all the empty key


@pytest.mark.parametrize("name,initials", [
    ("Workers ' Party", {"WP"}), ("' '", set()), ("-", set()), ("", set()), ("U . S .", {"US"}), ("1 2 3", set()),
    ("J", set()), ("' Holdings", set()), ("the Securities and Exchange Commission", {"SEC"}),
])
def test_initials_of_odd_names(name, initials):
    from graph.resolve import initials_of

    assert initials_of(name) == initials


@pytest.mark.parametrize("name,letters", [
    ("U.S.", "US"), ("PMUs", "PMU"), ("U . S .", None), ("'", None), ("", None), ("1 2 3", None), ("-", None), ("J", None),
])
def test_abbreviation_letters_of_odd_names(name, letters):
    from graph.resolve import abbreviation_letters

    assert abbreviation_letters(name) == letters


@pytest.mark.parametrize("short,long,same", [
    (["lib", "dems"], ["liberal", "democrats"], True),
    (["man", "utd"], ["manchester", "united"], True),
    (["", "dems"], ["", "democrats"], False),  # an empty word is no word of a name
    (["lib", ""], ["liberal", ""], False),
    (["'", "party"], ["workers", "party"], False),
    (["1", "million"], ["100", "million"], False),  # a number is written whole
    (["apollo", "1"], ["apollo", "100"], False),
    (["1", "2"], ["1", "2"], False),
    (["u", "s"], ["united", "states"], True),  # one-letter words: initials contract
    ([], [], False), ([""], [""], False),
])
def test_contractions_of_odd_words(short, long, same):
    from graph.resolve import contraction_of

    assert contraction_of(short, long) is same


@pytest.mark.parametrize("a,b,same", [
    ("kim ' jong", "kim jong", True),      # the "'" is neither a given name nor a surname
    ("john '", "john -", False),           # one comparable word each: no surname to compare
    ("' '", "' '", False), ("-", "-", False), ("", "", False),
    ("- smith", "john smith", False),
    ("12345 smith", "12346 smith", False),  # near numbers are different numbers
    ("charles 12345", "charles 12346", False),
    ("2002 winter olympics", "2006 winter olympics", False),
    ("j smith", "j smith", True),           # unchanged: one name
    ("qasem soleimani", "qassem soleimani", True),  # unchanged
])
def test_spelling_variants_of_odd_names(a, b, same):
    assert same_person_variant(a, b)[0] is same


@pytest.mark.parametrize("a,b,pair", [("", "dave", False), ("dave", "", False), ("", "", False), ("1", "1", False),
                                      ("dave", "david", True)])
def test_nickname_pair_of_odd_names(a, b, pair):
    from graph.resolve import nickname_pair

    assert nickname_pair(a, b) is pair


@pytest.mark.parametrize("words,initial", [
    (("j", "thomas"), True), (("4", "thomas"), False), (("jo", "thomas"), False), (("j",), False), ((), False),
    (("j", "k", "thomas"), False),
])
def test_initial_form(words, initial):
    from graph.resolve import _is_initial_form

    assert _is_initial_form(words) is initial


@pytest.mark.parametrize("spelling,bound", [
    ("Bonham-Carter", True), ("TNK-BP", True), ("al-Kadhimi", False),  # unchanged
    ("Bonham - Carter", True), ("long - range", True), ("al - Kadhimi", False),  # tokenised hyphens
    ("Kim -", False), ("Kim-", False), ("-", False), ("' '", False), ("", False), ("Workers ' Party", False),
])
def test_hyphen_bound_last_word(spelling, bound):
    from graph.resolve import _hyphen_bound_last

    st = NameStats()
    st.spellings[spelling] += 1
    assert _hyphen_bound_last(st) is bound


def test_the_reproduction_resolves():
    """The sentence that crashed `kg build`: its names resolve, each on its own."""
    stats = stats_of(("Central Committee", "ORG"), ("Workers ' Party", "ORG"), ("Kim", "PERSON"))
    res = resolve(stats)
    assert len(set(res.root_of.values())) == 3


@pytest.mark.parametrize("types", [("PERSON",), ("ORG",), ("GPE",), ("PERSON", "ORG", "NORP", "LOC")])
def test_odd_names_resolve_without_error(types):
    rows = [(n, t, d) for i, n in enumerate(ODD_NAMES) for t in types for d in (f"d{i % 3}", "d9")]
    rows += [("Workers Party", "ORG", "d9"), ("Jonathan Thomas", "PERSON", "d9"), ("Kim Jong", "PERSON", "d9"),
             ("Helena Bonham - Carter", "PERSON", "d9"), ("Carter", "PERSON", "d9"), ("UFJ Holdings", "ORG", "d9")]
    res = resolve(stats_in(*rows), acronyms=[("' '", "-", "d9"), ("Workers ' Party", "WP", "d9")])
    assert set(res.root_of) == set(stats_in(*rows))


@pytest.mark.parametrize("a,b", [
    ("Apollo 1", "Apollo 100"), ("1 million", "100 million"),  # no contraction of a number
    ("& Co", "&"),  # "&" is no company
    ("Carter", "Helena Bonham - Carter"),  # a tokenised hyphen still binds
])
def test_odd_names_stay_apart(a, b):
    res = resolve(stats_in((a, "ORG", "d1"), (b, "PERSON" if "Carter" in b else "ORG", "d1")))
    assert res.root_of[mention_key(a, "ORG")] != res.root_of[mention_key(b, "PERSON" if "Carter" in b else "ORG")]


def test_odd_words_of_mentions_in_coref():
    from extract.coref import _words
    from extract.models import Mention

    def words(text):
        return _words(Mention(text=text, start=0, end=len(text), type="PERSON"))

    assert words("Workers ' Party") == ["Workers", "Party"]
    assert words("Kim Jong - un") == ["Kim", "Jong", "un"]
    assert words("' '") == [] and words("-") == [] and words("") == []
    assert words("Mustafa al-Kadhimi") == ["Mustafa", "al-Kadhimi"]  # unchanged


@pytest.mark.parametrize("short,long,fits", [
    ("IA", "İa Ba", True),  # lower case is longer than the text ("İ" -> "i̇"): this raised IndexError
    ("IB", "İstanbul Borsa", True),
    ("SSİK", "Sosyal Sigortalar İş Kurumu", True),
    ("PMUs", "Popular Mobilization Units", True), ("UN", "United States", False),  # unchanged
    ("'", "-", False), ("", "", False), ("A", "", False),
])
def test_abbreviates_odd_text(short, long, fits):
    from extract.mentions import abbreviates

    assert abbreviates(short, long) is fits


# --- issue 17: one node per real entity on the BBC hubs ----------------------------------

@pytest.mark.parametrize("name,type_", [
    ("Tory", "NORP"), ("Tories", "NORP"), ("Conservatives", "NORP"), ("Conservative Party", "ORG"),
    ("the Conservative Party", "ORG"), ("Conservative", "NORP"), ("Tories'", "NORP"),
])
def test_party_names_nicknames_and_adjectives_are_one_key(name, type_):
    assert mention_key(name, type_) == "party:conservative party"


@pytest.mark.parametrize("name,type_,key", [
    ("Lib Dems", "PERSON", "party:liberal democrats"),  # spaCy's tag does not matter
    ("Liberal Democrat", "NORP", "party:liberal democrats"),
    ("New Labour", "PERSON", "party:labour party"),
    ("Labour", "ORG", "party:labour party"),
    ("Labour Force Survey", "ORG", "name:labour force survey"),  # only a whole name is the party
    ("Tory Burch", "PERSON", "name:tory burch"),
])
def test_party_keys(name, type_, key):
    assert mention_key(name, type_) == key


def test_a_party_node_is_an_organisation():
    from extract.models import Mention
    from graph import KnowledgeGraph
    from extract.models import DocumentResult

    docs = [DocumentResult(doc_id=f"d{i}", mentions=[Mention(text=t, start=0, end=len(t), type=ty)])
            for i, (t, ty) in enumerate([("Tories", "NORP"), ("Tory", "NORP"), ("Conservatives", "PERSON")])]
    kg = KnowledgeGraph.from_results(docs)
    assert kg.graph.number_of_nodes() == 1
    assert next(iter(kg.graph.nodes(data="type")))[1] == "ORG"


@pytest.mark.parametrize("short,short_type,full,same", [
    ("London", "GPE", "Michael London", False),  # a place never joins a person by a shared word
    ("Houston", "GPE", "John Houston", False),
    ("Atletico", "ORG", "Atletico Madrid", False),  # an organisation's first word is no given name
    ("Saddam", "PERSON", "Saddam Hussein", True),
    ("Soleimani", "LOC", "Qasem Soleimani", True),  # tagged LOC, but in the person's own articles
    ("Pompeo", "PERSON", "Mike Pompeo", True),
])
def test_a_person_takes_no_place_or_organisation_by_a_shared_word(short, short_type, full, same):
    full_docs = ("d2", "d3") if short == "Soleimani" else ("d1",)
    stats = stats_in(*[(full, "PERSON", d) for d in full_docs], (short, short_type, "d2"), (short, short_type, "d3"))
    res = resolve(stats)
    assert same_cluster(res, mention_key(short, short_type), mention_key(full, "PERSON")) == same


def test_an_organisation_tag_on_a_surname_joins_only_in_the_persons_documents():
    # spaCy tags "Trump" ORG in Donald Trump's articles: it joins him there, not elsewhere
    inside = stats_in(("Donald Trump", "PERSON", "d1"), ("Trump", "ORG", "d1"), ("Trump", "ORG", "d2"))
    assert same_cluster(resolve(inside), "name:trump", "name:donald trump")
    elsewhere = stats_in(("Hugh Universal", "PERSON", "d1"), ("Universal", "ORG", "d2"), ("Universal", "ORG", "d3"))
    assert not same_cluster(resolve(elsewhere), "name:universal", "name:hugh universal")


def test_a_widespread_bare_name_is_not_a_rarely_named_person():
    rows = [("Hugh Ray", "PERSON", "d0")] + [("Ray", "PERSON", f"d{i}") for i in range(1, 9)]
    assert not same_cluster(resolve(stats_in(*rows)), "name:ray", "name:hugh ray")
    rows = [("Tony Blair", "PERSON", f"d{i}") for i in range(5)] + [("Blair", "PERSON", f"e{i}") for i in range(8)]
    assert same_cluster(resolve(stats_in(*rows)), "name:blair", "name:tony blair")


@pytest.mark.parametrize("short,long,same", [
    ("Michael Jack", "Michael Jackson", False),  # a given name and a surname: a person's own name
    ("Man Utd", "Manchester United", True),
    ("Warner Bros", "Warner Brothers", True),
])
def test_a_person_name_is_never_a_contraction(short, long, same):
    res = resolve(stats_of((short, "PERSON"), (long, "PERSON")))
    assert same_cluster(res, mention_key(short, "PERSON"), mention_key(long, "PERSON")) == same
    if not same and short == "Michael Jack":
        assert any(r.rule == "person_name_is_no_contraction" for r in res.log)


@pytest.mark.parametrize("name,country", [("US", "United States"), ("Us", None), ("UK", "United Kingdom"), ("Uk", None),
                                          ("English", "England"), ("Scottish", "Scotland")])
def test_lower_case_short_forms_are_no_country(name, country):
    key = mention_key(name, "GPE")
    assert key == (f"country:{country.lower()}" if country else f"name:{name.lower()}")


def test_shared_context_chooses_between_two_full_names():
    context = [("Tar Heels", "ORG"), ("Hansbrough", "PERSON"), ("Chapel Hill", "GPE"), ("Evansville", "ORG"),
               ("Roy Williams", "PERSON"), ("Dean Smith Center", "FAC"), ("Big East", "ORG"), ("Wake Forest", "ORG")]
    rows = [("Phil Ford", "PERSON", "a1"), ("Betty Ford", "PERSON", "b1"), ("Lohan", "PERSON", "b1"),
            ("Malibu", "GPE", "b1"), ("Ford", "PERSON", "a2")]
    rows += [(name, type_, doc) for doc in ("a1", "a2") for name, type_ in context]
    rows += [("Someone Else", "PERSON", f"z{i}") for i in range(40)]  # a corpus in which those names are rare
    res = resolve(stats_in(*rows))
    assert same_cluster(res, "name:ford", "name:phil ford")
    assert not same_cluster(res, "name:ford", "name:betty ford")
    assert any(r.rule == "short_name_by_context" for r in res.log)


def test_shared_context_leaves_a_near_tie_ambiguous():
    rows = [("Wladimir Klitschko", "PERSON", "a1"), ("Vitali Klitschko", "PERSON", "a2"),
            ("Klitschko", "PERSON", "a3")]
    for doc in ("a1", "a2", "a3"):
        rows += [("Tony Thompson", "PERSON", doc), ("Hamburg", "GPE", doc), ("WBA", "ORG", doc)]
    rows += [("Someone Else", "PERSON", f"z{i}") for i in range(40)]
    res = resolve(stats_in(*rows))
    assert not same_cluster(res, "name:klitschko", "name:wladimir klitschko")
    assert not same_cluster(res, "name:klitschko", "name:vitali klitschko")


@pytest.mark.parametrize("a,b,same", [
    ("W. Mark Felt", "Mark Felt", True), ("H Ross Perot", "Ross Perot", True),
    ("J Thomas", "Thomas", False),  # an initial and a surname: the initial rule's, not this one's
])
def test_a_leading_initial_is_dropped(a, b, same):
    res = resolve(stats_in((a, "PERSON", "d1"), (b, "PERSON", "d2")))
    assert same_cluster(res, mention_key(a, "PERSON"), mention_key(b, "PERSON")) == same


@pytest.mark.parametrize("tokenised,normal,type_", [
    ("U . S .", "U.S.", "GPE"), ("New Zealand 's", "New Zealand", "GPE"), ("ITAR - TASS", "ITAR-TASS", "ORG"),
    ("Frederick C . LaRue", "Frederick C. LaRue", "PERSON"), ("Tories '", "Tories", "NORP"),
])
def test_tokenised_names_have_the_keys_of_normal_text(tokenised, normal, type_):
    assert mention_key(tokenised, type_) == mention_key(normal, type_)


def _mononym_stats(name, types, docs, pronouns=0):
    st = NameStats()
    st.spellings[name] = sum(types.values())
    st.types.update(types)
    st.docs.update(f"d{i}" for i in range(docs))
    st.person_evidence = pronouns
    return {mention_key(name, "PERSON"): st}


@pytest.mark.parametrize("name,types,docs,pronouns,type_", [
    ("Yukos", {"PERSON": 186, "ORG": 13}, 27, 0, "ORG"),  # nobody's name word, tagged ORG now and then
    ("Anfield", {"PERSON": 22, "GPE": 4, "ORG": 3}, 17, 0, "GPE"),
    ("Madonna", {"PERSON": 11}, 9, 0, "PERSON"),  # a mononymous person is tagged PERSON throughout
    ("Trump", {"PERSON": 9, "ORG": 6}, 4, 0, "PERSON"),  # four articles may call a person by surname alone
    ("Trump", {"PERSON": 90, "ORG": 60}, 40, 3, "PERSON"),  # "he", again and again: a person
    ("Goodison", {"PERSON": 30, "ORG": 35}, 20, 1, "ORG"),  # one "he" is a slip of coreference: a club
])
def test_one_word_names_that_are_nobodys_name_word(name, types, docs, pronouns, type_):
    from graph.resolve import cluster_type

    stats = _mononym_stats(name, types, docs, pronouns)
    res = resolve(stats)
    key = next(iter(stats))
    assert (res.types.get(res.root_of[key]) or cluster_type(stats[key].types)) == type_


def test_a_one_word_name_that_is_a_surname_keeps_the_person_vote():
    stats = _mononym_stats("Blair", {"PERSON": 30, "ORG": 10}, 12)
    st = NameStats()
    st.spellings["Tony Blair"] = 5
    st.types["PERSON"] = 5
    st.docs.add("e1")
    stats["name:tony blair"] = st
    res = resolve(stats)
    assert res.root_of["name:blair"] not in res.types


@pytest.mark.parametrize("name,key", [("Welsh", "country:wales"), ("Briton", "country:united kingdom"),
                                      ("Irvine Welsh", "name:irvine welsh")])
def test_a_demonym_tagged_person_is_its_country(name, key):
    assert mention_key(name, "PERSON") == key


def test_olympic_and_olympics_are_one_event():
    res = resolve(stats_of(("Olympic", "EVENT"), ("Olympics", "EVENT"), ("William", "PERSON"), ("Williams", "PERSON"),
                           ("Rover", "ORG"), ("Rovers", "ORG")))
    assert same_cluster(res, "name:olympic", "name:olympics")
    assert not same_cluster(res, "name:william", "name:williams")
    assert not same_cluster(res, "name:rover", "name:rovers")  # the car maker and a club


def test_a_bare_name_widespread_beyond_an_organisation_stays_apart():
    rows = [("BBC Radio Leicester", "ORG", "d1"), ("Leicester", "ORG", "d1")]
    rows += [("Leicester", "ORG", f"e{i}") for i in range(6)]
    assert not same_cluster(resolve(stats_in(*rows)), "name:leicester", "name:bbc radio leicester")
    rows = [("Deutsche Boerse", "ORG", "d1"), ("Deutsche Boerse", "ORG", "d2"), ("Boerse", "ORG", "d1"), ("Boerse", "ORG", "d3")]
    assert same_cluster(resolve(stats_in(*rows)), "name:boerse", "name:deutsche boerse")


@pytest.mark.parametrize("context_of_short,same", [
    ([("Red Sox", "ORG"), ("John Henry", "PERSON"), ("Tony Reagins", "PERSON")], True),  # the person's story
    ([("Detroit", "GPE"), ("General Motors", "ORG"), ("Alan Mulally", "PERSON")], False),  # a company of its own
])
def test_a_surname_tagged_org_elsewhere_joins_by_context_only(context_of_short, same):
    person_context = [("Red Sox", "ORG"), ("John Henry", "PERSON"), ("Tony Reagins", "PERSON"), ("Angels", "ORG")]
    rows = [("Mark Teixeira", "PERSON", f"a{i}") for i in range(3)]
    rows += [(n, t, f"a{i}") for i in range(3) for n, t in person_context]
    rows += [("Teixeira", "ORG", f"b{i}") for i in range(2)]
    rows += [(n, t, f"b{i}") for i in range(2) for n, t in context_of_short]
    rows += [("Someone Else", "PERSON", f"z{i}") for i in range(500)]  # a corpus in which those names are rare
    res = resolve(stats_in(*rows))
    assert same_cluster(res, "name:teixeira", "name:mark teixeira") == same


@pytest.mark.parametrize("name,types,type_", [
    ("Davis Cup", {"FAC": 18, "EVENT": 11, "PERSON": 7}, "EVENT"),  # the name's last word says what it is
    ("Ulster Schools' Cup", {"PERSON": 20}, "EVENT"),
    ("Academy Awards", {"ORG": 26}, "EVENT"),
    ("Oscars", {"ORG": 72}, "EVENT"),  # an award ceremony's own name
    ("Cup Winners", {"ORG": 5}, "ORG"),  # only the last word counts
    ("Mark Open", {"PERSON": 5}, "EVENT"),  # a pinned row: any name ending so, even one tagged PERSON throughout
    ("iTunes", {"NORP": 23, "ORG": 13}, "ORG"),  # a capital inside a name written in lower case first
    ("al-Qaeda", {"ORG": 10}, "ORG"),
    ("Lycos Europe", {"PERSON": 6, "ORG": 6}, "ORG"),  # no person is named after a continent
    ("Eastern Europe", {"LOC": 5}, "LOC"),  # the rule retypes only a cluster voted PERSON
    ("Team Sky", {"PERSON": 9, "ORG": 2}, "ORG"),  # a team's word opens the name
    ("FC Porto", {"GPE": 4, "ORG": 3}, "ORG"),
    ("Team", {"PERSON": 3}, "PERSON"),  # the word alone is no team's name
])
def test_a_name_says_what_it_is(name, types, type_):
    from graph.resolve import cluster_type

    st = NameStats()
    st.spellings[name] = sum(types.values())
    st.types.update(types)
    st.docs.add("d1")
    stats = {mention_key(name, "ORG"): st}
    res = resolve(stats)
    key = next(iter(stats))
    assert (res.types.get(res.root_of[key]) or cluster_type(st.types)) == type_


def test_oscar_and_oscars_are_one_event_though_tagged_person_and_org():
    res = resolve(stats_of(("Oscar", "PERSON"), ("Oscars", "ORG")))
    assert same_cluster(res, "name:oscar", "name:oscars")
    assert res.types[res.root_of["name:oscar"]] == "EVENT"


@pytest.mark.parametrize("names,type_", [
    ([("UN", "ORG"), ("United Nations", "ORG")], "ORG"),  # a union of countries is an organisation
    ([("US", "ORG"), ("United States", "GPE")], "GPE"),  # a country, whatever the tag
    ([("EU", "ORG"), ("European Union", "ORG")], "ORG"),
])
def test_a_country_lexicon_entry_is_a_place_only_when_a_country(names, type_):
    from extract.models import DocumentResult, Mention
    from graph import KnowledgeGraph

    docs = [DocumentResult(doc_id=f"d{i}", mentions=[Mention(text=t, start=0, end=len(t), type=ty)])
            for i, (t, ty) in enumerate(names)]
    kg = KnowledgeGraph.from_results(docs)
    assert [ty for _, ty in kg.graph.nodes(data="type")] == [type_]


@pytest.mark.parametrize("person,blocks", [
    ("Leicester South", False),  # a constituency tagged PERSON: its first word is no person's name
    ("Glasgow Rangers", False),
    ("Peter Leicester", True),  # a surname
    ("Paul Leicester Smith", False),
])
def test_only_a_surname_or_given_name_keeps_a_one_word_name_a_person(person, blocks):
    stats = _mononym_stats("Leicester", {"PERSON": 16, "ORG": 24, "GPE": 12}, 25)
    st = NameStats()
    st.spellings[person] = 3
    st.types["PERSON"] = 3
    st.docs.add("e1")
    stats[mention_key(person, "PERSON")] = st
    res = resolve(stats)
    assert (res.root_of["name:leicester"] not in res.types) == blocks


@pytest.mark.parametrize("short,long,same_doc,same", [
    ("Yugansk", "Yuganskneftegas", True, True),  # a company's short name in its own article
    ("Yugansk", "Yuganskneftegas", False, False),  # never across documents alone
    ("Speech", "SpeechWorks", True, False),  # another word joined on
    ("Carib", "Caribbean", True, False),  # an ending, not a name going on
    ("Frank", "Frankfurter", True, False),  # a person's given name is no short form
])
def test_a_word_beginning_is_the_short_form_of_the_name_in_its_document(short, long, same_doc, same):
    types = {"Frank": "PERSON"}
    rows = [(short, types.get(short, "ORG"), "d1"), (long, "ORG", "d1" if same_doc else "d2")]
    assert same_cluster(resolve(stats_in(*rows)), mention_key(short, "ORG"), mention_key(long, "ORG")) == same


@pytest.mark.parametrize("a,b,type_,same", [
    ("Academy of Motion Pictures Arts and Sciences", "Academy of Motion Picture Arts and Sciences", "ORG", True),
    ("Central Elections Commission", "Central Election Commission", "ORG", True),
    ("News International", "New International", "ORG", False),  # 'News' keeps its 's'
    ("Sports Council", "Sport Council", "ORG", True),
])
def test_a_plural_word_in_a_name_is_the_same_name(a, b, type_, same):
    assert same_cluster(resolve(stats_of((a, type_), (b, type_))), mention_key(a, type_), mention_key(b, type_)) == same


@pytest.mark.parametrize("a,b", [("Mo Cheeks", "Maurice Cheeks"), ("Katie Jenkins", "Kathryn Jenkins")])
def test_new_nicknames_join_their_full_names(a, b):
    assert same_cluster(resolve(stats_of((a, "PERSON"), (b, "PERSON"))), mention_key(a, "PERSON"), mention_key(b, "PERSON"))


@pytest.mark.parametrize("name,types,pronoun,type_", [
    ("Gazprom", {"GPE": 82, "PERSON": 6, "ORG": 2}, False, "ORG"),  # no place of the gazetteer: a company
    ("Bafta", {"GPE": 39, "ORG": 7}, False, "ORG"),
    ("Manchester City", {"GPE": 29, "PERSON": 6}, False, "ORG"),  # PERSON and GPE by turns: an organisation
    ("Sizzla", {"GPE": 8, "PERSON": 2}, True, "PERSON"),  # "he": a person
    ("G Jenkins", {"GPE": 7, "PERSON": 1}, False, "PERSON"),  # an initial and a surname
    ("West Midlands", {"GPE": 3, "LOC": 2}, False, "LOC"),  # still a place
    ("Merseyside", {"GPE": 40}, False, "GPE"),  # tagged GPE throughout: kept
    ("Leeds", {"GPE": 30, "ORG": 20}, False, "GPE"),  # a place the gazetteer knows
])
def test_a_gpe_no_gazetteer_knows_takes_its_other_type(name, types, pronoun, type_):
    from graph.resolve import cluster_type

    st = NameStats()
    st.spellings[name] = sum(types.values())
    st.types.update(types)
    st.docs.add("d1")
    st.person_evidence = int(pronoun)
    stats = {mention_key(name, "GPE"): st}
    res = resolve(stats)
    key = next(iter(stats))
    assert (res.types.get(res.root_of[key]) or cluster_type(st.types)) == type_


@pytest.mark.parametrize("rows,same", [
    ([("Jose Antonio Reyes", "d1"), ("Jose Reyes", "d1")], True),  # one document names both
    ([("Jose Antonio Reyes", "d1"), ("Jose Reyes", "d2")], False),  # other stories, nothing shared
    ([("Clive Stafford-Smith", "d1"), ("Clive Smith", "d1")], False),  # a hyphenated surname's half
    ([("John Paul Smith", "d1"), ("John Henry Smith", "d1"), ("John Smith", "d1")], False),  # two fit
])
def test_a_middle_name_joins_the_same_given_name_and_surname(rows, same):
    res = resolve(stats_in(*((n, "PERSON", d) for n, d in rows)))
    assert same_cluster(res, mention_key(rows[0][0], "PERSON"), mention_key(rows[-1][0], "PERSON")) == same


@pytest.mark.parametrize("name,types,roles,pronouns,type_", [
    ("Zedcorp Media", {"PERSON": 12, "ORG": 5}, 3, 0, "ORG"),  # three roles say someone works there
    ("Zedcorp Media", {"PERSON": 12, "ORG": 5}, 2, 0, "PERSON"),  # two may be a misparse
    ("Jo Marsden", {"PERSON": 12, "ORG": 5}, 4, 2, "PERSON"),  # "he", twice: a person, whatever the roles
    ("Leeds", {"GPE": 12, "ORG": 5}, 4, 0, "GPE"),  # only a cluster voted PERSON is retyped (Leeds United's staff)
])
def test_a_name_roles_give_as_an_organisation_is_one(name, types, roles, pronouns, type_):
    from graph.resolve import cluster_type

    st = NameStats()
    st.spellings[name] = sum(types.values())
    st.types.update(types)
    st.docs.update({"d1", "d2"})
    st.org_evidence, st.person_evidence = roles, pronouns
    stats = {mention_key(name, "PERSON"): st}
    res = resolve(stats)
    key = next(iter(stats))
    assert (res.types.get(res.root_of[key]) or cluster_type(st.types)) == type_


def test_the_graph_counts_the_roles_that_name_an_organisation():
    from extract.models import DocumentResult, Mention, Triple
    from graph.build import KnowledgeGraph

    results = []
    for k, person in enumerate(["Ann Lee", "Bo Park", "Cy Dunn"]):
        text = f"{person}, spokesman for Zedcorp Media, said so. Zedcorp Media rose."
        org = Mention(text="Zedcorp Media", start=text.index("Zedcorp"), end=text.index("Zedcorp") + 13, type="ORG")
        tagged = [Mention(text="Zedcorp Media", start=text.rindex("Zedcorp"), end=text.rindex("Zedcorp") + 13, type="PERSON")] * 4
        who = Mention(text=person, start=0, end=len(person), type="PERSON")
        role = Triple(kind="role", subject=who, predicate="spokesman", object=org, confidence=0.9, doc_id=f"d{k}", sentence_start=0,
                      sentence_end=text.index(".") + 1, sentence=text[: text.index(".") + 1])
        results.append(DocumentResult(doc_id=f"d{k}", mentions=[who, *tagged], triples=[role]))
    kg = KnowledgeGraph.from_results(results)
    assert kg.graph.nodes[kg.node_for(results[0].triples[0].object)]["type"] == "ORG"


@pytest.mark.parametrize("long,long_type,short,short_type,same", [
    ("Mediterranean Sea", "LOC", "Mediterranean", "LOC", True),
    ("Pacific Ocean", "LOC", "Pacific", "LOC", True),
    ("Sahara Desert", "LOC", "Sahara", "LOC", True),
    ("North Sea", "LOC", "North", "LOC", False),  # a compass word is a region
    ("Indian Ocean", "LOC", "Indian", "NORP", False),  # a demonym is no place
    ("Amazon River", "LOC", "Amazon", "ORG", False),  # and "river" is no kind word a name drops
])
def test_a_sea_ocean_or_desert_may_drop_its_kind_word(long, long_type, short, short_type, same):
    res = resolve(stats_in((long, long_type, "d1"), (short, short_type, "d2")))
    assert same_cluster(res, mention_key(long, long_type), mention_key(short, short_type)) == same


def test_a_person_node_is_labelled_with_the_given_name_spelt_out():
    """A team sheet writes "A Craig" more often than the report writes "Andy Craig": the node is
    "Andy Craig" all the same."""
    from extract.models import DocumentResult, Mention
    from graph import KnowledgeGraph

    text = "Andy Craig scored . Scotland : A Craig , B Ross . Wales : C Jones , A Craig ."
    names = ["Andy Craig"] + ["A Craig"] * 2
    starts = [text.index("Andy Craig"), text.index("A Craig"), text.rindex("A Craig")]
    mentions = [Mention(text=n, start=s, end=s + len(n), type="PERSON") for n, s in zip(names, starts)]
    kg = KnowledgeGraph.from_results([DocumentResult(doc_id="d1", mentions=mentions)])
    assert kg.node_for(mentions[1]) == kg.node_for(mentions[0])
    assert kg.graph.nodes[kg.node_for(mentions[0])]["label"] == "Andy Craig"


@pytest.mark.parametrize("name,type_,tagged_in,written,untagged_in,found", [
    ("Raj Patel", "PERSON", 2, "Raj Patel", 1, True),       # a full name two reports tag
    ("Raj Patel", "PERSON", 1, "Raj Patel", 1, False),      # one tag may be the tagger's slip
    ("Davies", "PERSON", 3, "Davies", 1, False),            # a surname alone may be anyone
    ("Chargers", "ORG", 2, "Chargers", 1, True),            # a team's one-word name
    ("Chargers", "ORG", 2, "Chargers", 2, True),            # tagged as often as not
    ("World", "ORG", 2, "World", 3, False),                 # left untagged more often than tagged: a word
    ("Richmond Hill", "GPE", 2, "RICHMOND HILL", 1, True),  # a capitals headline writes the name the corpus tags
    ("Colts", "GPE", 2, "COLTS", 1, True),
    ("Wigan", "GPE", 2, "WIGAN", 1, True),
    ("Man", "GPE", 2, "MAN", 1, False),                     # a short word in capitals is read as written
    ("Richmond Hill", "GPE", 2, "Richmond HILL", 1, False), # neither the name nor the name in capitals
])
def test_a_name_is_found_again_in_untagged_words_when_the_corpus_tags_it(name, type_, tagged_in, written, untagged_in, found):
    from extract.models import DocumentResult, Mention
    from graph import KnowledgeGraph

    results = [DocumentResult(doc_id=f"d{k}", mentions=[Mention(text=name, start=0, end=len(name), type=type_)])
               for k in range(tagged_in)]
    text = f"News for {written} today"
    untagged = [DocumentResult(doc_id=f"u{k}", untagged=[Mention(text=written, start=9, end=9 + len(written), type="")])
                for k in range(untagged_in)]
    kg = KnowledgeGraph.from_results(results + untagged)
    again = [(m.text, m.start, m.type) for m in untagged[0].mentions]
    assert again == ([(written, 9, type_)] if found else []), again
    assert text[9 : 9 + len(written)] == written
    if found:
        assert kg.node_for(untagged[0].mentions[0]) == kg.node_for(results[0].mentions[0])


@pytest.mark.parametrize("written,name,alias", [
    ("Kadhimi", "Mustafa al-Kadhimi", True),   # a surname, written apart from its particle
    ("Lohan's", "Lindsay Lohan", True),        # a possessive
    ("Gigante", "Vincent Gigante", True),
    ("Host", "Dana Reyes", False),             # a headline's noun for her: a mention of her, no name of hers
    ("Man", "Andrew Fisher", False),
])
def test_a_resolved_mention_is_an_alias_only_when_it_writes_the_name(written, name, alias):
    from extract.models import DocumentResult, Mention
    from graph import KnowledgeGraph

    full = Mention(text=name, start=0, end=len(name), type="PERSON")
    start = len(name) + 1
    other = Mention(text=written, start=start, end=start + len(written), type="PERSON", refers_to=full)
    kg = KnowledgeGraph.from_results([DocumentResult(doc_id="d1", mentions=[full, other])])
    node = kg.graph.nodes[kg.node_for(other)]
    assert kg.node_for(other) == kg.node_for(full)
    assert (written in node["aliases"].split("|")) == alias, node["aliases"]
