"""Is a statement a plain fact, denied, or only supposed?

"the US is not inclined to deal with Abdul-Mahdi" must never become a plain
'US —deal→ Abdul-Mahdi' edge. The rule walks from the action's word up through the
words that govern it (``xcomp``, ``acomp``, ``conj``, ...) and looks for negation
words, modal auxiliaries, conditional markers, governing verbs such as "refuse",
"want" or "threaten", verbs that deny, demand or only claim the clause they report
("denied that", "demanded that", "claims that"), and modifiers of an action noun ("the
would-be assassin").
The walk stops at a verb that takes its complement as given ("remember", "admit"):
"Sirhan can't remember shooting Kennedy" does not deny the shooting.
The word lists live in ``extract/data/modality.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract import lexicon
from extract.models import Modality


def _phrase(tok: Token) -> str:
    """A modifier as one word: "would-be" is parsed as 'would' '-' 'be'."""
    return "".join(t.text_with_ws for t in tok.subtree).strip().lower().replace(" - ", "-")


def _own_markers(tok: Token) -> set[str]:
    """Modality set by the word itself and its direct children."""
    words = lexicon.modality_words()
    found = set()
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and low == "never"):
            found.add(words.get((low, "neg"), "negated"))
        elif child.dep_ in ("aux", "auxpass") and (low, "aux") in words:
            found.add(words[(low, "aux")])
        elif child.dep_ == "mark" and (low, "mark") in words:
            found.add(words[(low, "mark")])
        elif child.dep_ == "det" and low == "no" and tok.pos_ == "NOUN":
            found.add("negated")
        elif child.dep_ in ("amod", "compound", "nmod") and (_phrase(child), "modifier") in words:  # "the would-be assassin"
            found.add(words[(_phrase(child), "modifier")])
    return found


def _governor(tok: Token) -> str | None:
    """The modality a governing word gives its complement ("refuse" -> negated), if any."""
    words = lexicon.modality_words()
    return words.get((tok.lemma_.lower(), "governor")) or words.get((tok.lower_, "governor"))


def _clause_governor(tok: Token) -> str | None:
    """The modality a verb gives the clause it reports ("deny that" -> negated, "demand that" -> hypothetical), if any."""
    words = lexicon.modality_words()
    return words.get((tok.lemma_.lower(), "clause"))


def modality_of(tok: Token) -> Modality:
    """'negated', 'hypothetical' or 'asserted' for the action word ``tok``.

    Negation outranks a hypothetical: "would not attack" is negated.
    """
    found = _own_markers(tok)
    node = tok
    for _ in range(8):  # clauses nest shallowly; the bound guards against odd parses
        dep, head = node.dep_, node.head
        if head.i == node.i or _governor(head) == "asserted":
            break  # "can't remember shooting X": remembering takes the shooting as given
        if dep == "conj":
            # "did not attack A and kill B": a bare-form conjunct shares the first verb's auxiliaries;
            # "did not attack A but killed B" does not.
            if node.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in node.children):
                found |= _own_markers(head)
        elif dep in ("xcomp", "acomp"):
            found |= _own_markers(head)
            found.add(_governor(head) or "")
        elif dep in ("prep", "pobj", "pcomp"):
            found.add(_governor(head) or "")  # "refusal to", "the plan to"
        elif dep in ("ccomp", "acl") and (effect := _clause_governor(head)):
            # "denied that it attacked X", "demanded that X withdraw", "claims X attacked Y"; "its demand that X withdraw"
            found.add(effect)
            break
        else:
            break
        node = head
    if "negated" in found:
        return "negated"
    if "hypothetical" in found:
        return "hypothetical"
    return "asserted"
