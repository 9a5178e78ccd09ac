"""extract: documents -> grounded, typed triples.

>>> from extract import Extractor          # doctest: +SKIP
>>> Extractor().extract("The US assassinated Iranian Gen Qasem Soleimani.")  # doctest: +SKIP

Names are imported on first use, so that ``kg --help`` and the error catalogue
(``extract.errors``) do not wait for spaCy to load.
"""

from importlib import import_module

_EXPORTS = {
    "Extractor": "extract.extractor", "EXTRACTOR_VERSION": "extract.extractor", "split_for_parser": "extract.extractor",
    "Mention": "extract.models", "Triple": "extract.models", "DocumentResult": "extract.models",
    "ENTITY_TYPES": "extract.models",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
