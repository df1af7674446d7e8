"""Matching and highlighting, one way per database, one behaviour for the visitor.

PostgreSQL: full-text search with the ``search_greek``/``search_english`` configurations
(migration 0002: the ``greek``/``english`` stemmers behind ``unaccent``), so that inflected
forms match; ranked with ``ts_rank``, highlighted with ``ts_headline``. The entries'
``document`` column (written by a trigger) has a GIN index.

SQLite: every word of the query must occur, as a whole or partial word, in the normalised
text (lower case, no accents, σ for ς); highlighting is done here in Python.
"""

import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.normalise import normalise_with_positions

CONFIGS = {"el": "search_greek", "en": "search_english"}
# ts_headline marks matches with these; the text is HTML-escaped before they become <mark>.
START, STOP = "\ue000", "\ue001"
# ts_headline drops whatever its parser takes for markup (<b>, &amp;), so these characters
# stand in for < > & on the way through it and are restored afterwards. Private-use
# characters never occur in the content (indexing.py removes them).
STAND_INS = {"<": "\ue002", ">": "\ue003", "&": "\ue004"}
RESTORE = str.maketrans({stand_in: char for char, stand_in in STAND_INS.items()})
SNIPPET_CHARS = 240


def search_entries(entries, terms, language):
    """Entries matching every term, ranked: by kind, then relevance, then page order."""
    if connection.vendor == "postgresql":
        return _postgresql(entries, terms, language)
    for term in terms:
        entries = entries.filter(normalised__contains=term)
    return entries.order_by("-weight", "position")


def _postgresql(entries, terms, language):
    config = CONFIGS.get(language, "simple")
    # plainto_tsquery: whatever the visitor typed (& | ! : * ( ) ') is words, never syntax.
    query = SearchQuery(" ".join(terms), search_type="plain", config=config)
    highlight = {"config": config, "start_sel": START, "stop_sel": STOP}
    return (
        entries.filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query),
            title_headline=SearchHeadline(
                _shielded("title"), query, highlight_all=True, **highlight
            ),
            body_headline=SearchHeadline(
                _shielded("body"),
                query,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                **highlight,
            ),
        )
        .order_by("-weight", "-rank", "position")
    )


def _shielded(field):
    expression = F(field)
    for char, stand_in in STAND_INS.items():
        expression = Replace(expression, Value(char), Value(stand_in))
    return expression


def add_snippets(entries, terms):
    """Give each entry ``title_html`` and ``snippet_html``: escaped text, matches in <mark>."""
    for entry in entries:
        if hasattr(entry, "body_headline"):
            entry.title_html = _from_markers(entry.title_headline)
            entry.snippet_html = _from_markers(entry.body_headline)
        else:
            entry.title_html = highlight(entry.title, terms, limit=None)
            entry.snippet_html = highlight(entry.body, terms)
    return entries


def _from_markers(text):
    text = escape((text or "").translate(RESTORE))
    # Escaped above; only our own markers become tags.
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def highlight(text, terms, limit=SNIPPET_CHARS):
    """Return the text (cut to about ``limit`` characters around the first match) as safe HTML
    with every occurrence of a term, matched as in SQLite, in <mark>."""
    spans = _match_spans(text, terms)
    start, end = _window(text, spans, limit)
    parts = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text is escaped above.


def _match_spans(text, terms):
    """Where the terms occur in the text, widened to whole words, merged, in order."""
    normalised, positions = normalise_with_positions(text)
    spans = []
    for term in terms:
        found = normalised.find(term)
        while found != -1:
            start, end = positions[found], positions[found + len(term) - 1] + 1
            while start > 0 and _in_word(text[start - 1]):
                start -= 1
            while end < len(text) and _in_word(text[end]):
                end += 1
            spans.append((start, end))
            found = normalised.find(term, found + len(term))
    merged = []
    for span in sorted(spans):
        if merged and span[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def _in_word(char):
    return char.isalnum() or char == "_" or unicodedata.combining(char)


def _window(text, spans, limit):
    """The part of the text to show: all of it if short, else from a little before the
    first match, cut at spaces."""
    if limit is None or len(text) <= limit:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - limit // 4)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", max(start, spans[0][1] if spans else start), end)
        end = space if space != -1 else end
    return start, end
