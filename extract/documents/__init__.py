"""Documents: the inputs of ``kg build`` (any mix of folders and files), read before extraction.

In the order a file is met:

* :mod:`~extract.documents.walk`: folders and files, in sorted order, hidden entries and
  the build's own output folder left out, duplicate ids and link loops reported;
* :mod:`~extract.documents.decode`: bytes to text (binary files, encodings, byte-order
  marks) and :func:`clean_text`, the cleaning every text gets;
* :mod:`~extract.documents.formats`: plain text, HTML and JSON Lines;
* :mod:`~extract.documents.language`: the note on a text that is probably not English;
* :mod:`~extract.documents.record`: :class:`Document`, ``ok``, ``skipped`` or ``failed``.
"""

from extract.documents.decode import clean_text
from extract.documents.language import language_note
from extract.documents.record import Document
from extract.documents.walk import iter_documents, load_documents

__all__ = ["Document", "clean_text", "iter_documents", "language_note", "load_documents"]
