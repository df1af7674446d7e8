"""Text normalisation shared by the index and the query, in every language of the site.

A citizen may type ``ΚΟΙΝΩΝΙΚΗΣ``, ``κοινωνικης`` or ``κοινωνικησ``; all three must find
``κοινωνικής``, as ``ecole`` must find ``École`` and ``shqiperi`` ``Shqipëri``. A reader of
Persian types ``ی`` and ``ک`` where Arabic text has ``ي`` and ``ك`` (and the other way round);
Arabic text may carry vowel marks (harakat) and tatweel that nobody types. The index keeps a
normalised copy of its text, the query is normalised the same way before matching, and on
PostgreSQL the full-text document is built from that copy (search/migrations/0004), so one
function decides what counts as the same letter on every database.
"""

import functools
import re
import unicodedata

WORD = re.compile(r"\w+")
# Longest query we search (characters, after cleaning); longer ones are refused with a 400.
MAX_QUERY_LENGTH = 200
# Words beyond this many add nothing to a citizen's search but cost a LIKE clause each.
MAX_TERMS = 10

# Arabic-script letters written differently on Arabic and Persian keyboards, and the forms
# search treats as the same letter (after marks are stripped: أ إ آ are already ا, ؤ و, ئ ي).
ARABIC_SCRIPT = {
    "\u06cc": "\u064a",  # ی Persian yeh -> ي Arabic yeh
    "\u0649": "\u064a",  # ى alef maksura -> ي
    "\u06a9": "\u0643",  # ک Persian keheh -> ك Arabic kaf
    "\u06aa": "\u0643",  # ڪ swash kaf -> ك
    "\u0629": "\u0647",  # ة teh marbuta -> ه heh (searchers often type one for the other)
    "\u06d5": "\u0647",  # ە ae -> ه (and ۀ, which is ە with a mark)
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u0671": "\u0627",  # ٱ alef wasla -> ا
    "\u0640": "",  # ـ tatweel: stretches a word on the page, never typed
}


# Text is made of few distinct characters: each is worked out once (highlighting and indexing
# normalise every character of every result's text).
@functools.lru_cache(maxsize=4096)
def normalise_char(char):
    """Return one character as search compares it (maybe "" or several characters).

    Compatibility forms become the plain letter (NFKD: Arabic presentation forms, ligatures),
    marks are dropped (accents, dialytika, harakat), case is folded (ς and Σ become σ), the
    Arabic/Persian letter forms above become one, and every decimal digit an ASCII one.
    """
    parts = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        if part.isdecimal():
            parts.append(str(unicodedata.decimal(part)))
            continue
        for folded in part.casefold():
            parts.append(ARABIC_SCRIPT.get(folded, folded))
    return "".join(parts)


def normalise(text):
    """Return the text as search compares it: see ``normalise_char``."""
    return "".join(normalise_char(char) for char in text)


def normalise_with_positions(text):
    """Return the normalised text and, for each of its characters, its index in ``text``.

    Highlighting finds a match in the normalised text and must mark the same span of the
    original, whose length may differ (a decomposed accent, a ligature, a tatweel).
    """
    parts = list(map(normalise_char, text))  # no loop in Python: the cache is written in C
    normalised = "".join(parts)
    # Every part at least one character and as many characters as parts: each exactly one, the
    # usual case (a tatweel, a decomposed accent or a ligature take the slower path).
    if len(normalised) == len(text) and "" not in parts:
        return normalised, range(len(text))
    return normalised, [index for index, part in enumerate(parts) for _char in part]


def query_terms(query):
    """Return the normalised words of a query (at most MAX_TERMS, duplicates dropped)."""
    terms = []
    for word in WORD.findall(normalise(query)):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]
