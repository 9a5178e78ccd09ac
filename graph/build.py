"""Merging the triples of many documents into one graph.

:meth:`KnowledgeGraph.from_results` takes every document's mentions and triples and:

1. files each mention (a pronoun or surname under the name it was resolved to) under a
   key, and lets :mod:`graph.resolve` cluster the keys into entities;
2. finds again, in each document's untagged capitalised words, the names the rest of the
   corpus tags (:func:`names_found_again`: "Chargers" in a one-line report), adding them to
   the document's mentions;
3. makes one node per entity of an entity type, whether or not it takes part in a triple;
4. gives a role with no organisation the organisation of the same person's same role
   elsewhere in the corpus when there is exactly one, else keeps it on the person node;
5. makes one edge per (subject, object, kind, normalised predicate, modality), counting
   evidence once per distinct (document, sentence text), so repeated paragraphs do not
   inflate weights.

The result is a :class:`networkx.MultiDiGraph` whose attributes are all scalars, ready
for GraphML, HTML and the notebook API.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import networkx as nx

from extract import confidence as C
from extract import lexicon
from extract.dates import evidence_dates
from extract.models import ENTITY_TYPES, DocumentResult, Mention, Triple
from extract.names import PERSON_PRONOUNS, country_key, is_country, is_name_word, name_key, normal_title, without_possessive
from graph.query import QueryMixin
from graph.resolve import Aliases, MergeRecord, NameStats, cluster_type, mention_key, node_key, resolve
from graph.timeline import edge_dates, provenance_date

UNKNOWN_ROLE_LABEL = "affiliated with"
"""Edge label of a role whose organisation the text names but whose title it does not ('CBS’ Holly Williams')."""


CORPUS_ROLE_PATTERN = "corpus_role"
"""Pattern of the evidence of a role whose organisation comes from the same person's same role in another document."""


def _edge_tense(evidence: list[dict]) -> str:
    """A role edge's tense: 'current' when any evidence says so, else 'former', else 'future'."""
    tenses = {e.get("tense", "current") for e in evidence}
    return "current" if "current" in tenses else "former" if "former" in tenses else "future"


def normal_predicate(t: Triple) -> str:
    """What makes two predicates one: 'Gen.' = 'general'; an action's lemma."""
    if t.kind == "role":
        return normal_title(t.predicate) or UNKNOWN_ROLE_LABEL
    return t.predicate.lower()


@dataclass
class _EdgeAcc:
    spellings: Counter = field(default_factory=Counter)
    evidence: dict = field(default_factory=dict)  # (doc, sentence text) -> provenance record
    confidence: float = 0.0
    category: str = ""


class KnowledgeGraph(QueryMixin):
    """One graph of entities and their roles and actions, built from many documents.

    ``.graph`` is the :class:`networkx.MultiDiGraph`; ``.merge_log`` lists every entity
    resolution decision; ``.triples`` keeps the triples it was built from. The notebook API
    (``find``, ``roles``, ``actions``, ``path``, ...) comes from :class:`~graph.query.QueryMixin`.
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None, merge_log: list[dict] | None = None,
                 triples: list[Triple] | None = None):
        super().__init__(graph, merge_log, triples)
        self._node_of_key: dict[str, str] = {}  # name key -> node id; filled by from_results
        self.triple_dates: dict[int, tuple[str, str, str]] = {}  # id(triple) -> (date, date_source, date_text)
        self.doc_titles: dict[str, str] = {}  # document id -> title from its input record, shown by the explorer

    # --- building ---------------------------------------------------------------------
    @classmethod
    def from_results(cls, results: Iterable[DocumentResult], *, aliases: Aliases | None = None,
                     metonymy: bool = False, dates: dict[str, str] | None = None) -> KnowledgeGraph:
        """Build the graph of many documents' extraction results (in any order).

        Each result's ``mentions`` gains the names found again in its untagged words
        (:func:`names_found_again`), so that they stay every mention the graph files.

        ``aliases`` overrides every resolution rule; ``metonymy`` merges a capital with its
        country ("Washington" for the United States), off by default; ``dates`` maps a
        document id to its ISO date, against which "last week" is counted (extract/dates.py).
        """
        results = sorted(results, key=lambda r: r.doc_id)  # the same graph whatever the input order
        stats: dict[str, NameStats] = defaultdict(NameStats)
        acronyms = []

        def file_mention(m: Mention, doc_id: str, named: bool = False) -> None:
            written, m = m, m.antecedent
            if m.type not in ENTITY_TYPES:
                return
            key = node_key(m)
            st = stats[key]
            st.country, st.sector = st.country or m.country, st.sector or m.sector
            if written is not m and _is_name(written) and _shares_a_word(written, m):  # "Abdul-Mahdi": one more alias
                st.also_written.add(written.text)
            st.spellings[m.text] += 1
            st.types[_forced_type(key) or m.type] += 1
            st.docs.add(doc_id)
            st.mentions += named
            st.person_evidence += written is not m and written.text.lower() in PERSON_PRONOUNS  # "he", resolved to it

        for r in results:
            for m in r.mentions:
                file_mention(m, r.doc_id, named=True)
            for long, short in r.acronyms:
                acronyms.append((long, short, r.doc_id))
        triples = [t for r in results for t in r.triples]
        for t in triples:
            for arg in (t.subject, t.object):
                if arg is not None:
                    file_mention(arg, t.doc_id)
            if t.kind == "role" and t.object is not None and t.object.antecedent.type == "ORG":
                stats[node_key(t.object.antecedent)].org_evidence += 1  # someone holds a post there: an organisation

        known = corpus_names(stats, Counter(text for r in results for text in {run.text for run in r.untagged}))
        for r in results:
            have = {(m.start, m.end) for m in r.mentions}  # a result built into a graph before has them already
            for m in names_found_again(r, known):
                if (m.start, m.end) not in have:
                    r.mentions.append(m)  # the result's mentions stay every mention the graph files
                    file_mention(m, r.doc_id, named=True)

        resolution = resolve(dict(stats), acronyms, aliases, metonymy=metonymy)
        kg = cls(merge_log=[rec.as_dict() for rec in resolution.log], triples=triples)
        node_of = kg._add_nodes(stats, resolution)
        kg._node_of_key = {key: node_of[root] for key, root in resolution.root_of.items()}
        kg.triple_dates = evidence_dates(triples, dates or {})
        kg._add_edges(triples, kg.node_for)
        return kg

    def node_for(self, mention: Mention | None) -> str | None:
        """The node a mention was filed under: for a resolved pronoun or surname, its
        antecedent's node. None for no mention, a type that makes no node, or a graph read
        back from a file (which keeps no mentions)."""
        if mention is None:
            return None
        m = mention.antecedent
        return self._node_of_key.get(node_key(m))

    def _add_nodes(self, stats, resolution) -> dict[str, str]:
        """One node per cluster; returns cluster root -> node id."""
        node_of: dict[str, str] = {}
        rows = []
        for root, keys in resolution.clusters.items():
            spellings, types, docs, aliases = Counter(), Counter(), set(), set()
            country = next((stats[k].country for k in sorted(keys) if stats[k].country), "")
            sector = next((stats[k].sector for k in sorted(keys) if stats[k].sector), "")
            for k in keys:
                spellings.update(stats[k].spellings)
                types.update(stats[k].types)
                docs |= stats[k].docs
                aliases |= stats[k].also_written
            type_ = resolution.types.get(root) or cluster_type(types)
            rows.append((root, _label(keys, spellings, type_), type_, aliases | set(spellings), docs,
                         sum(stats[k].mentions for k in keys), country, sector))
        used: set[str] = set()
        for root, label, type_, aliases, docs, count, country, sector in sorted(rows, key=lambda r: (r[1].lower(), r[0])):
            node_id = label if label not in used else f"{label} ({type_})"
            n = 2
            while node_id in used:
                node_id, n = f"{label} ({type_} {n})", n + 1
            used.add(node_id)
            node_of[root] = node_id
            self.graph.add_node(
                node_id, label=label, type=type_, aliases="|".join(sorted(aliases)),
                mentions=max(count, 1), docs="|".join(sorted(docs)), roles="", country=country, sector=sector,
            )
        return node_of

    def _add_edges(self, triples: list[Triple], node) -> None:
        roles_by_person: dict[tuple[str, str], set[str]] = defaultdict(set)
        for t in triples:
            if t.kind == "role" and t.object is not None and not t.negated:
                s, o = node(t.subject), node(t.object)
                if s and o:
                    roles_by_person[(s, normal_predicate(t))].add(o)

        edges: dict[tuple, _EdgeAcc] = defaultdict(_EdgeAcc)
        loose_roles: dict[str, Counter] = defaultdict(Counter)
        for t in triples:
            s = node(t.subject)
            if s is None:
                continue
            pred = normal_predicate(t)
            o = node(t.object)
            if t.kind == "role" and o is None:
                known = roles_by_person.get((s, pred), set())
                if len(known) == 1:  # the same person's same role names one organisation elsewhere
                    o = next(iter(known))
                    t = t.model_copy(update={"pattern": CORPUS_ROLE_PATTERN, "confidence": min(t.confidence, C.CORPUS_ROLE)})
                else:
                    loose_roles[s][t.predicate] += 1
                    continue
            if o is None or o == s:
                continue
            acc = edges[(s, o, t.kind, pred, t.modality)]
            acc.spellings[t.predicate if t.kind == "role" and t.predicate else pred] += 1
            acc.confidence = max(acc.confidence, t.confidence)
            acc.category = t.category or ""
            evidence_key = (t.doc_id, t.sentence)
            if evidence_key not in acc.evidence:
                acc.evidence[evidence_key] = {
                    "doc": t.doc_id, "sentence": t.sentence,
                    "sentence_start": t.sentence_start, "sentence_end": t.sentence_end,
                    "subject": [t.subject.start, t.subject.end],
                    "object": [t.object.start, t.object.end] if t.object else None,
                    "pattern": t.pattern, "confidence": t.confidence,
                    **provenance_date(self.triple_dates.get(id(t))),
                    **({"tense": t.tense} if t.kind == "role" else {}),
                    **({"object_sentence": list(t.object_sentence)} if t.object_sentence else {}),
                }

        for s, counter in loose_roles.items():
            self.graph.nodes[s]["roles"] = "|".join(sorted(_spellings_by_normal(counter)))

        for n, key in enumerate(sorted(edges, key=lambda k: (k[0], k[1], k[2], k[3], k[4]))):
            s, o, kind, pred, modality = key
            acc = edges[key]
            evidence = sorted(acc.evidence.values(), key=lambda e: (-e["confidence"], e["doc"], e["sentence_start"]))
            label = pred if kind == "action" else _most_common(acc.spellings, pred)
            edge_id = f"e{n}"
            role_attrs = {"tense": _edge_tense(evidence)} if kind == "role" else {}
            self.graph.add_edge(
                s, o, key=edge_id, id=edge_id, kind=kind, label=label, weight=len(evidence),
                docs="|".join(sorted({e["doc"] for e in evidence})), evidence=evidence[0]["sentence"],
                negated=modality != "asserted", modality=modality, category=acc.category,
                confidence=round(acc.confidence, 3), pattern=evidence[0]["pattern"], **role_attrs,
                provenance=json.dumps(evidence, ensure_ascii=False, sort_keys=True),
                **edge_dates(evidence),
            )

    # --- outputs ------------------------------------------------------------------------
    def write_graphml(self, path) -> None:
        """Write GraphML that Gephi, igraph and networkx read (see :mod:`graph.export.graphml`)."""
        from graph.export.graphml import write_graphml

        write_graphml(self.graph, path)

    def write_html(self, path, *, title: str = "Knowledge graph") -> None:
        """Write the self-contained interactive explorer (see :mod:`graph.export.html`)."""
        from graph.export.html import write_html

        write_html(self.graph, path, title=title, doc_titles=self.doc_titles)

    def __repr__(self) -> str:
        kinds = Counter(d.get("kind") for *_, d in self.graph.edges(data=True))
        return f"<KnowledgeGraph {self.graph.number_of_nodes()} nodes, {kinds.get('role', 0)} role edges, {kinds.get('action', 0)} action edges>"


@lru_cache(maxsize=1 << 12)  # called for every mention; the country keys are few
def _forced_type(key: str) -> str | None:
    """The type a lexicon gives a key: a country is a GPE, a union of countries ("the UN") and a
    party are organisations; None where the mention's own type counts."""
    if key.startswith("country:"):
        return "GPE" if is_country(key.removeprefix("country:")) else "ORG"
    return "ORG" if key.startswith("party:") else None


def _shares_a_word(written: Mention, name: Mention) -> bool:
    """Is a resolved mention a way of writing its antecedent's name ("Kadhimi" for "Mustafa al-Kadhimi",
    "Lohan's"), not a headline's noun for them ("Host" for "Ellen DeGeneres", "Man" for "Andrew Fisher")?
    Words compare by their :func:`name_key`, as the resolver compares them."""
    def words(m: Mention) -> set[str]:
        return {k for w in m.text.split() if is_name_word(k := name_key(without_possessive(w)))}

    return bool(words(written) & words(name))


def _is_name(m: Mention) -> bool:
    """A name as written ("Kadhimi"), not a pronoun or a description ("he", "the prime minister", a
    headline's "Head Coach")."""
    words = m.text.split()
    return (bool(words) and all(w[:1].isupper() for w in words) and words[0].lower() not in ("the", "a", "an")
            and words[-1].lower() not in lexicon.titles()
            and m.text.lower() not in PERSON_PRONOUNS and m.text.lower() not in ("it", "its"))


def _most_common(counter: Counter, default: str) -> str:
    """The most frequent spelling; a tie goes to the spelled-out form ("general" over "Gen"),
    then to the alphabetically first, so output is stable."""
    if not counter:
        return default
    best = max(counter.values())
    tied = [s for s, c in counter.items() if c == best]
    return sorted(tied, key=lambda s: (s.lower() != default.lower(), s))[0]


def _spellings_by_normal(counter: Counter) -> set[str]:
    groups: dict[str, Counter] = defaultdict(Counter)
    for spelling, c in counter.items():
        groups[normal_title(spelling)][spelling] += c
    # the plainest frequent spelling: "Prime Minister" before "Outgoing prime minister"
    return {sorted(g, key=lambda sp: (-g[sp], len(sp), sp))[0] for g in groups.values()}


CORPUS_NAME_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
"""Types of the names :func:`corpus_names` lists: named things, not groups, nationalities or events."""
CORPUS_NAME_MIN_DOCS = 2
"""A name is found again elsewhere only when the tagger named it in this many documents: a single tag may be a slip."""
CAPITALS_MIN_LETTERS = 4
"""A name is found in capitals ("COLTS" for "Colts") from this many letters: "IT", "WHO", "MAN" are read as written."""


def corpus_names(stats: dict[str, NameStats], untagged_docs: Counter) -> dict[str, str]:
    """Spelling -> type of the names the tagger found in :data:`CORPUS_NAME_MIN_DOCS` documents or more,
    of :data:`CORPUS_NAME_TYPES`, and in at least as many documents as it left the same words untagged
    (``untagged_docs``), so that "Chargers", tagged in nine reports, is found in two more, while "PC" or
    "World", tagged here and there and left untagged far more often, stays a word (a stricter majority
    lost "Plaid Cymru", "NTL" and "Vauxhall" on the BBC corpus). A person needs two words: "Davies"
    alone may be anyone. A spelling two keys share goes to the one in more documents; a spelling whose
    mention would be filed under another key is left out. A name is known in capitals too ("RICHMOND
    HILL" of a capitals headline), on the same condition."""
    known: dict[str, str] = {}
    spread: dict[str, int] = {}
    for key, st in stats.items():
        type_ = cluster_type(st.types)
        if len(st.docs) < CORPUS_NAME_MIN_DOCS or type_ not in CORPUS_NAME_TYPES:
            continue
        for spelling in st.spellings:
            if (len(st.docs) < untagged_docs[spelling] or (type_ == "PERSON" and len(spelling.split()) < 2)
                    or len(st.docs) <= spread.get(spelling, 0)):
                continue
            if mention_key(spelling, type_) == key:
                known[spelling], spread[spelling] = type_, len(st.docs)
    for spelling, type_ in list(known.items()):
        upper = spelling.upper()
        if (upper not in known and sum(ch.isalpha() for ch in upper) >= CAPITALS_MIN_LETTERS
                and spread[spelling] >= untagged_docs[upper] and mention_key(upper, type_) == mention_key(spelling, type_)):
            known[upper] = type_
    return known


def names_found_again(result: DocumentResult, known: dict[str, str]) -> list[Mention]:
    """Mentions of the known names that make up a whole untagged run of capitalised words
    (:attr:`DocumentResult.untagged`): "Chargers" in "Another arrest for Chargers", which nine other
    reports tag; "Raj Chohan" where the tagger had put him in a date. Never part of a run: "Office" of
    an untagged "Home Office" is not the "Office" some report tags."""
    return [Mention(text=run.text, start=run.start, end=run.end, type=known[run.text])
            for run in result.untagged if run.text in known]


_INITIAL = re.compile(r"\w\.?\s")  # a name opened by an initial: "A Craig", "A. Craig"


def _label(keys: list[str], spellings: Counter, type_: str) -> str:
    """A cluster's display name: a country's canonical name, else the fullest frequent spelling."""
    for k in sorted(keys):
        if k.startswith("country:"):
            for s in spellings:
                c = country_key(s)
                if c:
                    return c
    if type_ == "PERSON":  # the full name, not the surname alone, nor a team sheet's initial ("A Craig")
        longest = max(len(s.split()) for s in spellings)
        spellings = Counter({s: c for s, c in spellings.items() if len(s.split()) == longest})
        spelt_out = Counter({s: c for s, c in spellings.items() if not _INITIAL.match(s)})
        spellings = spelt_out or spellings
    return _most_common(spellings, keys[0])


__all__ = ["KnowledgeGraph", "MergeRecord", "normal_predicate", "UNKNOWN_ROLE_LABEL"]
