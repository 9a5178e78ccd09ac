"""The records that extraction produces: mentions, triples and per-document results.

Every record is grounded: ``text == document[start:end]`` for every Mention, and a
Triple carries the offsets of the sentence it came from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "GROUP")
"""Labels that become graph nodes: spaCy's, and GROUP for a group of people named by a common
noun ("Egyptian police", "Fijian rebels"; see :mod:`extract.groups`)."""

Modality = Literal["asserted", "negated", "hypothetical"]
Tense = Literal["current", "former", "future"]


class Mention(BaseModel):
    """A stretch of a document that names (or points at) an entity."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The words as written; always document[start:end].")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    type: str = Field(description="Entity label in spaCy's scheme: PERSON, ORG, GPE, NORP, ...")
    refers_to: Mention | None = Field(
        default=None,
        description="For a pronoun, bare surname or description such as 'the prime minister': "
        "the fuller mention in the same document it was resolved to (earlier, except a headline's surname).",
    )
    country: str = Field(
        default="", description="For a GROUP: the country or organisation it belongs to ('Egypt' for 'Egyptian police'), or ''."
    )
    sector: str = Field(default="", description="For a GROUP: its sector ('police', 'military', 'rebels', ...), or ''.")
    scope: str = Field(
        default="", description="For a GROUP that is one of a kind in its text ('gunmen', 'a Russian official'): "
        "the document it belongs to, so that unrelated groups never merge across documents; '' otherwise.",
    )

    @property
    def antecedent(self) -> Mention:
        """The fullest mention this one stands for (itself when unresolved)."""
        m = self
        while m.refers_to is not None:
            m = m.refers_to
        return m


class DateExpression(BaseModel):
    """The words that date a statement ('on Monday', 'from 1997 to 2001'), as written."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The words as written, with their preposition; always document[start:end].")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    tense: Literal["past", "future"] = Field(
        default="past", description="Whether the clause looks back or ahead: which Monday 'on Monday' is."
    )


class Triple(BaseModel):
    """One typed statement found in one sentence of one document."""

    kind: Literal["role", "action"] = Field(description="'role' (person holds a title) or 'action'.")
    subject: Mention = Field(description="The person holding the role, or the actor.")
    predicate: str = Field(
        description="The role title as written ('Secretary of State'), or the lemma of the action verb ('kill')."
    )
    object: Mention | None = Field(
        default=None,
        description="The organisation or country of a role (None when the text names none), or the action's target.",
    )
    negated: bool = Field(default=False, description="True when the text denies the statement or only supposes it.")
    modality: Modality = Field(
        default="asserted", description="'asserted', 'negated' ('not', 'refused to') or 'hypothetical' ('would', 'if')."
    )
    category: str | None = Field(
        default=None, description="For actions: the PLOVER event type (ASSAULT, REQUEST, ...) or OTHER."
    )
    doc_id: str = Field(default="", description="The document the triple came from.")
    sentence_start: int = Field(ge=0, description="Character offset where the sentence starts.")
    sentence_end: int = Field(ge=0, description="Character offset where the sentence ends.")
    sentence: str = Field(default="", description="The sentence text: document[sentence_start:sentence_end].")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the pattern is, in [0, 1].")
    pattern: str = Field(default="", description="The name of the rule that produced the triple.")
    when: DateExpression | None = Field(
        default=None, description="The date or period the clause gives the statement (extract/dates.py); None without one."
    )
    tense: Tense = Field(
        default="current", description="For roles: 'current', 'former' ('former chairman', 'resigned as') or "
        "'future' ('president-elect', 'will become')."
    )
    object_sentence: tuple[int, int] | None = Field(
        default=None, description="Character offsets of the sentence that names the object, when it is not the "
        "triple's own sentence (an organisation found elsewhere in the document)."
    )


class DocumentResult(BaseModel):
    """Everything extraction keeps of one document: its entity mentions and its triples."""

    doc_id: str
    mentions: list[Mention] = Field(
        default_factory=list,
        description="Every entity mention, resolved where possible: the names and resolved mentions in text order, then "
        "the mentions only a triple holds (a group), so that every triple argument is among them or refers to one that is; "
        "KnowledgeGraph.from_results adds the names it finds again in ``untagged``.",
    )
    triples: list[Triple] = Field(default_factory=list)
    acronyms: list[tuple[str, str]] = Field(
        default_factory=list, description="(long form, short form) pairs the text defines: 'Popular Mobilization Units (PMUs)'."
    )
    untagged: list[Mention] = Field(
        default_factory=list,
        description="Runs of capitalised words no entity covers (type ''): the graph makes mentions of those the rest "
        "of the corpus names, and adds them to ``mentions``.",
    )
    words: int = Field(default=0, description="Number of word tokens parsed.")
    error: str = Field(default="", description="Why extraction failed for this document; empty when it worked.")
