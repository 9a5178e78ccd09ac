"""extract: documents -> grounded, typed triples.

>>> from extract import Extractor          # doctest: +SKIP
>>> Extractor().extract("The US assassinated Iranian Gen Qasem Soleimani.")  # doctest: +SKIP
"""

from extract.extractor import EXTRACTOR_VERSION, Extractor, split_for_parser
from extract.models import ENTITY_TYPES, DocumentResult, Mention, Triple

__all__ = ["Extractor", "Mention", "Triple", "DocumentResult", "ENTITY_TYPES", "EXTRACTOR_VERSION", "split_for_parser"]
