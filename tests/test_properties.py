"""Property tests: no name, however odd, breaks resolution, the graph or its GraphML.

Tokenised text ("Workers ' Party", "long - range"), punctuation alone, numbers, combining
marks and right-to-left scripts reach the resolver as names. These tests feed it such
names in bulk: through the resolver's helpers, through :func:`graph.resolve.resolve`,
through :meth:`KnowledgeGraph.from_results` over hand-built results (no parse, so it is
fast) with GraphML written and read back, and through a whole ``kg build`` of generated
documents (parsed by the session's spaCy pipeline, loaded once).
"""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
import xmlschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract.coref import is_name_word, name_key
from extract.mentions import abbreviates, normal_title
from extract.models import ENTITY_TYPES, DocumentResult, Mention, Triple
from graph import KnowledgeGraph
from graph.graphml import graphml_safe, read_graphml
from graph.resolve import (Aliases, NameStats, _hyphen_bound_last, _name_words, abbreviation_letters, contraction_of,
                           initials_of, mention_key, normalise, resolve, same_person_variant)

XSD = Path(__file__).parent / "data" / "graphml-xsd" / "graphml.xsd"
MANY = settings(max_examples=1000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    # allow="local": the schemas import each other by relative path; nothing is fetched (as in test_graphml.py)
    return xmlschema.XMLSchema(str(XSD.resolve()), allow="local")


# --- names -------------------------------------------------------------------------------

REAL_WORDS = [  # words that make the rules fire: honorifics, titles, particles, contractions, suffixes
    "Mr.", "Mr", "Dr", "Gen.", "President", "the", "The", "of", "and", "al", "al-Kadhimi", "Kadhimi", "Mustafa",
    "Kim", "Jong", "un", "Workers", "Party", "Central", "Committee", "Lib", "Dems", "Liberal", "Democrats", "Man",
    "Utd", "Manchester", "United", "J", "Thomas", "Jonathan", "Dave", "David", "Collins", "Qasem", "Qassem",
    "Soleimani", "Bonham-Carter", "Carter", "UFJ", "Holdings", "plc", "Co", "U.S.", "U.N.", "US", "SEC", "UK",
    "Securities", "Exchange", "Commission", "Iraq", "Iraqi", "parliament", "Washington", "Jr.", "Sr", "'s", "’s",
]
PUNCTUATION = ["'", "’", "‘", "`", "-", "‐", "–", "—", ".", ",", "&", "(", ")", "``", "''", "--", "'s", "/", "+",
               "!", "?", ":", ";", '"', "…", "·", "'-'", "..."]

OGHAM_SPACE = "\u1680"  # a NameChar in XML 1.0, but white space to xmlschema: the writer must escape it


latin_word = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=8)
capitalised = latin_word.map(str.capitalize)
one_letter = st.characters(whitelist_categories=("Lu", "Ll", "Lo"))
digits = st.from_regex(r"\A[0-9]{1,5}\Z")
combining = st.text(st.characters(whitelist_categories=("Mn", "Me", "Mc")), min_size=1, max_size=3)
with_marks = st.tuples(latin_word, combining).map("".join)
arabic = st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1, max_size=6)
hebrew = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x05FF), min_size=1, max_size=6)
any_word = st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=8)

word = st.one_of(
    st.sampled_from(REAL_WORDS), st.sampled_from(PUNCTUATION), capitalised, one_letter, digits, with_marks,
    arabic, hebrew, any_word,
)
# 1 to 12 words; now and then any text at all (newlines, control characters, the empty name)
name = st.one_of(
    st.lists(word, min_size=1, max_size=12).map(" ".join),
    st.lists(word, min_size=1, max_size=4).map("".join),
    st.text(st.characters(), max_size=20),
)
entity_type = st.sampled_from(list(ENTITY_TYPES) + ["DATE", "PRODUCT", "CARDINAL", ""])


# --- the helpers -----------------------------------------------------------------------------


@MANY
@given(a=name, b=name)
def test_name_helpers_take_any_name(a, b):
    for n in (a, b):
        normalise(n)
        normalise(n, titles=False)
        initials_of(n)
        abbreviation_letters(n)
        normal_title(n)
        for t in ("PERSON", "ORG", "GPE"):
            words = _name_words(mention_key(n, t)) if mention_key(n, t).startswith("name:") else ()
            # the invariant every word-based rule relies on: each word has a first letter or digit
            assert all(w and is_name_word(w) for w in words)
        for w in n.split():
            name_key(w)
        st_ = NameStats()
        st_.spellings[n] += 1
        _hyphen_bound_last(st_)
    same, score = same_person_variant(normalise(a), normalise(b))
    assert isinstance(same, bool) and 0.0 <= score <= 100.0
    contraction_of(list(_name_words("name:" + normalise(a))), list(_name_words("name:" + normalise(b))))
    contraction_of(a.split(), b.split())
    abbreviates(a, b)


# --- resolution --------------------------------------------------------------------------------


@st.composite
def corpora(draw):
    """Names, each with a type and a document, some repeated across documents and types."""
    pool = draw(st.lists(name, min_size=1, max_size=10))
    rows = draw(st.lists(st.tuples(st.sampled_from(pool), entity_type.filter(bool), st.sampled_from(["d1", "d2", "d3"])),
                         min_size=1, max_size=20))
    return pool, rows


@MANY
@given(corpus=corpora(), data=st.data())
def test_resolution_takes_any_names(corpus, data):
    pool, rows = corpus
    stats: dict[str, NameStats] = {}
    for text, type_, doc in rows:
        key = mention_key(text, type_)
        s = stats.setdefault(key, NameStats())
        s.spellings[text] += 1
        s.types["GPE" if key.startswith("country:") else type_] += 1
        s.docs.add(doc)
        s.mentions += 1
    acronyms = data.draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(pool), st.sampled_from(["d1", "d2"])),
                                  max_size=3))
    group = st.lists(st.sampled_from(pool), min_size=2, max_size=3)
    aliases = Aliases(same=data.draw(st.lists(group, max_size=2)), never=data.draw(st.lists(group, max_size=2)))
    res = resolve(stats, acronyms, aliases, metonymy=data.draw(st.booleans()))
    assert set(res.root_of) == set(stats)
    assert sorted(k for keys in res.clusters.values() for k in keys) == sorted(stats)
    assert all(res.root_of[root] == root for root in res.clusters)
    assert {r.action for r in res.log} <= {"merge", "refuse", "ambiguous"}


# --- the graph and its GraphML ---------------------------------------------------------------------

PREDICATES = ["President", "Gen.", "prime minister", "leader of", "", "'", "-", "Secretary of State", "kill", "meet",
              "say", "attack"]


@st.composite
def results(draw):
    """DocumentResults built by hand: each document's text is its names joined, so that every
    mention is grounded (text == document[start:end]); roles and actions between them, a
    pronoun resolved to a name, and acronyms."""
    pool = draw(st.lists(st.tuples(name, entity_type), min_size=1, max_size=8))
    n_docs = draw(st.integers(1, 4))
    doc_ids = draw(st.lists(st.one_of(st.sampled_from(["d1", "d2", "doc 3", "ملف", "קובץ", "a|b"]), st.text(max_size=6)),
                            min_size=n_docs, max_size=n_docs, unique=True))
    out = []
    for doc_id in doc_ids:
        picked = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
        text, mentions = "", []
        for text_, type_ in picked:
            if text:
                text += draw(st.sampled_from([" ; ", " and ", ", ", "\n", " "]))
            mentions.append(Mention(text=text_, start=len(text), end=len(text) + len(text_), type=type_))
            text += text_
        if draw(st.booleans()):  # a pronoun resolved to one of the names
            target = draw(st.sampled_from(mentions))
            text += " he"
            mentions.append(Mention(text="he", start=len(text) - 2, end=len(text), type=target.type, refers_to=target))
        triples = []
        for _ in range(draw(st.integers(0, 6))):
            kind = draw(st.sampled_from(["role", "action"]))
            subject = draw(st.sampled_from(mentions))
            obj = draw(st.one_of(st.none(), st.sampled_from(mentions)) if kind == "role" else st.sampled_from(mentions))
            modality = draw(st.sampled_from(["asserted", "negated", "hypothetical"]))
            triples.append(Triple(
                kind=kind, subject=subject, object=obj, predicate=draw(st.one_of(st.sampled_from(PREDICATES), name)),
                negated=modality != "asserted", modality=modality,
                category=draw(st.sampled_from([None, "ASSAULT", "CONSULT", "OTHER"])) if kind == "action" else None,
                doc_id=doc_id, sentence_start=0, sentence_end=len(text), sentence=text,
                confidence=draw(st.floats(0.0, 1.0)), pattern="property",
            ))
        acronyms = draw(st.lists(st.tuples(st.sampled_from(picked).map(lambda p: p[0]),
                                           st.sampled_from(picked).map(lambda p: p[0])), max_size=2))
        for m in mentions:
            assert text[m.start:m.end] == m.text  # grounded
        out.append(DocumentResult(doc_id=doc_id, mentions=mentions, triples=triples, acronyms=acronyms,
                                  words=len(text.split())))
    return out


def _check_graphml(kg: KnowledgeGraph, schema: xmlschema.XMLSchema) -> None:
    buf = io.BytesIO()
    kg.write_graphml(buf)
    data = buf.getvalue()
    schema.validate(io.BytesIO(data))
    back = read_graphml(io.BytesIO(data))
    assert back.number_of_nodes() == kg.graph.number_of_nodes()
    assert back.number_of_edges() == kg.graph.number_of_edges()
    labels = Counter(graphml_safe(d["label"]) for _, d in kg.graph.nodes(data=True))
    assert Counter(d["label"] for _, d in back.nodes(data=True)) == labels
    for n in kg.graph.nodes:  # an id GraphML can hold as it is comes back as it was
        if graphml_safe(n) == n and n:
            assert n in back


def test_a_node_id_with_an_ogham_space_mark_is_valid_graphml(schema):
    text = f"0{OGHAM_SPACE}0"  # found by test_graph_of_any_names_writes_valid_graphml
    kg = KnowledgeGraph.from_results([DocumentResult(doc_id="d1", mentions=[Mention(text=text, start=0, end=3, type="PERSON")])])
    _check_graphml(kg, schema)


@MANY
@given(docs=results())
def test_graph_of_any_names_writes_valid_graphml(docs, schema):
    kg = KnowledgeGraph.from_results(docs)
    for r in docs:
        for m in r.mentions:
            if m.antecedent.type in ENTITY_TYPES:
                assert kg.node_for(m) in kg.graph  # every entity mention has its node
    _check_graphml(kg, schema)


# --- kg build, end to end --------------------------------------------------------------------------

FUNCTION_WORDS = ["the", "of", "and", "said", "in", "'s", "'", "-", ",", "(", ")", "a", "to", "his", "he", "it",
                  "was", "killed", "met", "President", "Mr.", "Dr", "Party", "Committee", "Workers", "U.S.", "Iraq",
                  "'", "’", "--", "&", "1", "2004", "J", "al-", "al", "Co", "Holdings", "\"", "%"]
PHRASES = ["Workers ' Party", "Central Committee", "Mr. Kim", "Kim Jong - un", "U . S .", "Lib Dems",
           "Liberal Democrats", "J Thomas", "Jonathan Thomas", "Bonham - Carter", "Man Utd", "Manchester United",
           "Securities and Exchange Commission ( SEC )", "UFJ Holdings", "Mustafa al - Kadhimi", "1 2 3"]
token = st.one_of(capitalised, st.sampled_from(FUNCTION_WORDS), st.sampled_from(PUNCTUATION), st.sampled_from(PHRASES),
                  one_letter, digits, arabic, with_marks)
sentence = st.lists(token, min_size=1, max_size=25).map(lambda ws: " ".join(ws) + " .")
document = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
REPRODUCTION = ("In a statement after a meeting of the Central Committee of his ruling Workers ' Party , Mr. Kim said "
                "his country required no further nuclear and long - range missile tests because it had already "
                "achieved a nuclear deterrent .")


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(document, min_size=1, max_size=3))
@example(texts=[REPRODUCTION])  # the sentence whose "Workers ' Party" crashed the build
def test_kg_build_of_generated_documents(texts, extractor):
    from graph.cli import main

    with tempfile.TemporaryDirectory() as tmp, \
            mock.patch("extract.extractor.load_pipeline", return_value=extractor.nlp):  # spaCy loaded once
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for i, text in enumerate(texts):
            (docs / f"{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
        out = Path(tmp) / "out"
        assert main(["build", str(docs), "-o", str(out), "--no-cache", "--jobs", "1", "--strict", "-q"]) == 0
        graph_file = out / "graph.graphml"
        assert graph_file.exists()
        read_graphml(graph_file)
