"""The language note: "probably not English (looks like French)".

py3langid (a maintained fork of langid.py, BSD-3-Clause) names the language: a Naive
Bayes model over byte n-grams for 139 languages, shipped inside its wheel (4.6 MB) and
loaded once per process on the first call (0.5 s, about 80 MB); nothing is downloaded. Its probabilities
(``norm_probs=True``) are calibrated to the length of the text, so short texts get low
ones. bench/language_notes.py counts the notes over our English corpora.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

MIN_LETTER_BYTES = 100
"""Texts with fewer letters than this, counted in UTF-8 bytes (100 Latin letters, about 20
words; 50 Cyrillic, Greek or Arabic letters; 34 Chinese characters), are not judged.
py3langid reads byte n-grams, so its evidence grows with bytes; below this a headline, a
dateline or a line of names is too short for a verdict, whatever the library guesses."""

MIN_PROBABILITY = 0.9
"""A Latin-script text is flagged only when py3langid gives a language other than English at
least this probability. Over our English corpora (4,850 documents) no text gets more than
0.68 for another language (a dateline of names, "Sarajevo Radio Bosnia-Herzegovina
Network": Bosnian 0.68; "Barack Obama met Vladimir Putin." 20,000 times: Croatian 0.05),
while German, French, Spanish and Dutch paragraphs get 0.96 or more from 40 letters on."""

NON_LATIN_SHARE = 0.5
"""Above this share of non-Latin letters a text is flagged whatever the probability: the
script alone says it is not English, and py3langid's probabilities for a paragraph of Arabic
or Chinese run lower (0.87 to 0.96) than for Latin-script languages."""

LANGUAGE_SAMPLE = (3, 200)
"""(slices, characters): a long text is judged on three slices of 200 characters from its
start, middle and end, which keeps the check at about 0.25 ms a document (0.6 s for the 2,225
BBC articles, plus the model's load) whatever its length; a text of up to 600 characters is
judged whole. Larger slices cost more and change no verdict on our corpora."""

ENGLISH_FUNCTION_WORDS = frozenset(
    "the and that with said from this which not but they their been would who were has have had she his its it are there "
    "about after also more than when what".split()
)
"""Frequent English words that are no frequent word of another Latin-script language ("of", "to", "in",
"he", "will", "for", "was" and "her" are: Dutch, Czech, German, Spanish, Danish)."""

MIN_ENGLISH_SHARE = 0.08
"""A Latin-script sample in which at least this share of the words are :data:`ENGLISH_FUNCTION_WORDS` is
English, and py3langid is not asked (it costs 0.25 ms a document and 0.5 s to load). Over the
2,225 BBC articles 98% of the samples pass (the median share is 0.18; line-ups and lists of
names fall below and are asked), while paragraphs of German, French, Spanish or Dutch have none
of these words: it would take a text more than a twelfth English to pass."""

_WORDS = re.compile(r"[A-Za-z]+")
_NOT_FLAGGED = frozenset({"en", "zxx"})  # zxx: py3langid's "no language" (numbers, markup, codes)
_NON_LETTERS = re.compile(r"[\W\d_]+")
_NON_ASCII = re.compile(r"[\x00-\x7f]+")  # removes ASCII, leaving the letters to name
# The names of the codes py3langid returns (ISO 639-1, or 639-3 where there is none).
_LANGUAGE_NAMES = dict(
    item.strip().split(" ", 1)
    for item in """ace Acehnese|af Afrikaans|am Amharic|an Aragonese|ar Arabic|ary Moroccan Arabic|arz Egyptian Arabic
    |as Assamese|az Azerbaijani|ba Bashkir|bcl Central Bikol|be Belarusian|bg Bulgarian|bn Bengali|br Breton|bs Bosnian
    |ca Catalan|crh Crimean Tatar|cs Czech|cy Welsh|da Danish|de German|dz Dzongkha|el Greek|en English|eo Esperanto
    |es Spanish|et Estonian|eu Basque|ext Extremaduran|fa Persian|fi Finnish|fo Faroese|fr French|fuv Nigerian Fulfulde
    |fy Western Frisian|ga Irish|gcf Guadeloupean Creole|gcr Guianese Creole|gd Scottish Gaelic|gl Galician|gom Konkani
    |grc Ancient Greek|gu Gujarati|gug Paraguayan Guarani|guw Gun|ha Hausa|hbo Ancient Hebrew|he Hebrew|hi Hindi
    |hr Croatian|ht Haitian Creole|hu Hungarian|hy Armenian|id Indonesian|ig Igbo|is Icelandic|it Italian|ja Japanese
    |jv Javanese|ka Georgian|kab Kabyle|kik Kikuyu|kk Kazakh|km Khmer|kn Kannada|ko Korean|ku Kurdish|ky Kyrgyz
    |la Latin|lb Luxembourgish|lg Ganda|lij Ligurian|ln Lingala|lo Lao|lt Lithuanian|ltg Latgalian|lv Latvian
    |mg Malagasy|mk Macedonian|ml Malayalam|mn Mongolian|mr Marathi|ms Malay|mt Maltese|my Burmese|ne Nepali|nl Dutch
    |nn Norwegian Nynorsk|no Norwegian|nso Northern Sotho|oc Occitan|om Oromo|or Odia|pa Punjabi|pcm Nigerian Pidgin
    |pl Polish|ps Pashto|pt Portuguese|qu Quechua|ro Romanian|ru Russian|rw Kinyarwanda|sa Sanskrit|sdh Southern Kurdish
    |se Northern Sami|si Sinhala|sk Slovak|sl Slovenian|sn Shona|so Somali|sq Albanian|sr Serbian|st Southern Sotho
    |sv Swedish|sw Swahili|ta Tamil|te Telugu|tg Tajik|th Thai|tk Turkmen|tl Tagalog|tr Turkish|tt Tatar|ug Uyghur
    |uk Ukrainian|ur Urdu|uz Uzbek|uzs Southern Uzbek|vec Venetian|vi Vietnamese|vo Volapuk|wa Walloon|wuu Wu Chinese
    |xh Xhosa|yo Yoruba|yue Cantonese|zh Chinese|zu Zulu|zxx no language""".split("|")
)


def language_note(text: str) -> str | None:
    """``"probably not English (...): py3langid: <language> (<code>), probability <p>"``, else None.

    Texts with under :data:`MIN_LETTER_BYTES` of letters are not judged. A text mostly
    in a non-Latin script (over :data:`NON_LATIN_SHARE` of its letters) is flagged with the
    script and py3langid's verdict; a Latin-script text only when py3langid gives another
    language than English at least :data:`MIN_PROBABILITY`.

    >>> language_note("Der Präsident hat am Dienstag gesagt, dass die Regierung die neuen Regeln "
    ...               "nicht ändern wird und dass die Opposition mit den Plänen nicht einverstanden ist.")
    'probably not English (looks like German): py3langid: German (de), probability 1.00'
    """
    sample = _language_sample(text)
    letters = _NON_LETTERS.sub("", sample)
    if len(letters.encode("utf-8", "surrogatepass")) < MIN_LETTER_BYTES:
        return None
    script, share = _main_non_latin_script(letters)
    if share <= NON_LATIN_SHARE and _english_share(sample) >= MIN_ENGLISH_SHARE:
        return None
    code, probability = _language_identifier().classify(sample)
    name = _LANGUAGE_NAMES.get(code, code)
    verdict = f"py3langid: {name} ({code}), probability {probability:.2f}"
    if share > NON_LATIN_SHARE:
        return f"probably not English (mostly {script} script): {verdict}"
    if code in _NOT_FLAGGED or probability < MIN_PROBABILITY:
        return None
    return f"probably not English (looks like {name}): {verdict}"


def _english_share(sample: str) -> float:
    """The share of the sample's words that are :data:`ENGLISH_FUNCTION_WORDS`."""
    words = _WORDS.findall(sample)
    return sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


@functools.cache
def _language_identifier():
    """py3langid's identifier with probabilities, loaded once per process on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _language_sample(text: str) -> str:
    """The whole text, or :data:`LANGUAGE_SAMPLE`'s slices of it (start, middle, end) cut at spaces."""
    slices, size = LANGUAGE_SAMPLE
    if len(text) <= slices * size:
        return text
    step = (len(text) - size) // max(slices - 1, 1)
    parts = []
    for k in range(slices):
        start = k * step
        if k:  # begin after a space, not inside a word (a slice with no space is kept whole)
            space = text.find(" ", start, start + size // 2)
            start = space + 1 if space >= 0 else start
        part = text[start:start + size]
        space = part.rfind(" ", size // 2)
        parts.append(part[:space] if space >= 0 and start + size < len(text) else part)
    return "\n".join(parts)


def _main_non_latin_script(letters: str) -> tuple[str, float]:
    """The most frequent non-Latin script among ``letters``, and the share of non-Latin letters."""
    # Name only the letters outside ASCII (few, in English): ASCII letters are all Latin.
    scripts = Counter(unicodedata.name(char, "UNKNOWN").split(" ")[0] for char in _NON_ASCII.sub("", letters))
    scripts.pop("LATIN", None)
    if not scripts:
        return "", 0.0
    script = scripts.most_common(1)[0][0]
    return (script if script == "CJK" else script.capitalize()), sum(scripts.values()) / len(letters)
