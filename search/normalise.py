"""Text normalisation shared by the index and the query: case, accents and final sigma.

A citizen may type ``ΚΟΙΝΩΝΙΚΗΣ``, ``κοινωνικης`` or ``κοινωνικησ``; all three must find
``κοινωνικής``. SQLite has no Unicode-aware case folding or accent stripping, so the index keeps
a normalised copy of its text and the query is normalised the same way before matching.
"""

import functools
import re
import unicodedata

WORD = re.compile(r"\w+")
# Longest query we search (characters, after cleaning); longer ones are refused with a 400.
MAX_QUERY_LENGTH = 200
# Words beyond this many add nothing to a citizen's search but cost a LIKE clause each.
MAX_TERMS = 10


# Text is made of few distinct characters: each is worked out once (highlighting and indexing
# normalise every character of every result's text).
@functools.lru_cache(maxsize=4096)
def normalise_char(char):
    """Return one character lower-cased, without accents, with ς written as σ (maybe "")."""
    stripped = "".join(
        part for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part)
    )
    return stripped.lower().replace("ς", "σ")


def normalise(text):
    """Return the text lower-cased, without accents and with every sigma written as σ."""
    return "".join(normalise_char(char) for char in text)


def normalise_with_positions(text):
    """Return the normalised text and, for each of its characters, its index in ``text``.

    Highlighting finds a match in the normalised text and must mark the same span of the
    original, whose length may differ (a decomposed accent, a ligature).
    """
    normalised, positions = [], []
    for index, char in enumerate(text):
        for part in normalise_char(char):
            normalised.append(part)
            positions.append(index)
    return "".join(normalised), positions


def query_terms(query):
    """Return the normalised words of a query (at most MAX_TERMS, duplicates dropped)."""
    terms = []
    for word in WORD.findall(normalise(query)):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]
