"""Matching and highlighting, one way per database, one behaviour for the visitor.

PostgreSQL: full-text search with the ``search_greek``/``search_english`` configurations
(migration 0002: the ``greek``/``english`` stemmers behind ``unaccent``), so that inflected
forms match; ranked with ``ts_rank``, highlighted with ``ts_headline``. The entries'
``document`` column (written by a trigger) has a GIN index.

SQLite: every word of the query must occur, as a whole or partial word, in the normalised
text (lower case, no accents, σ for ς); highlighting is done here in Python.
"""

import unicodedata
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.safestring import SafeString

from search.models import SearchEntry, kind_label
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


class Result:
    """One search result as the page shows it: plain attributes, no model instance."""

    __slots__ = (
        *("kind", "text_language", "title", "context", "url", "head_gender", "department_id"),
        *("title_html", "snippet_html"),
    )

    def __init__(self, shown, title_html, snippet_html):
        """``shown``: the values of RESULT_FIELDS; the rest is safe HTML."""
        self.kind, self.text_language, self.title, self.context, self.url = shown[:5]
        self.head_gender, self.department_id = shown[5:]
        self.title_html, self.snippet_html = title_html, snippet_html

    @property
    def kind_label(self):
        return kind_label(self.kind, self.head_gender, self.department_id)


# The columns a result shows (``department_id`` only says whose head a head is).
RESULT_FIELDS = ("kind", "text_language", "title", "context", "url", "head_gender", "department")


class Results:
    """The entries matching the terms, best first, fetched a page at a time for Paginator.

    ``count()`` is one SQL query and each slice another, as with a queryset, but only the
    columns shown are read and each result is a ``Result`` with ``title_html`` and
    ``snippet_html`` set. On PostgreSQL both queries are compiled once per language
    (``_compiled``), not once per search.
    """

    def __init__(self, terms, language):
        self.terms = terms
        self.language = language
        self.postgresql = connection.vendor == "postgresql"

    def count(self):
        if self.postgresql:
            sql, params = _compiled(self.language).count
            return _fetch(sql, _with_query(params, self.terms))[0][0]
        return self._entries().count()

    def __getitem__(self, page):
        start, stop = page.start or 0, page.stop
        if stop <= start:
            return []
        if self.postgresql:
            sql, params = _compiled(self.language).page
            params = (*_with_query(params, self.terms), stop - start, start)
            return [_from_headlines(row) for row in _fetch(f"{sql} LIMIT %s OFFSET %s", params)]
        rows = self._entries().values_list(*RESULT_FIELDS, "body")[start:stop]
        return [_highlighted(row, self.terms) for row in rows]

    def _entries(self):
        entries = SearchEntry.objects.filter(language=self.language)
        return search_entries(entries, self.terms, self.language)


# Stands for the visitor's words in the SQL compiled once per language: a private-use character,
# which no term holds (terms are \w+ words) and which the query text never equals.
_QUERY_TEXT = "\ue005"


class _Compiled:
    def __init__(self, language):
        entries = _postgresql(
            SearchEntry.objects.filter(language=language), [_QUERY_TEXT], language
        )
        self.page = entries.values_list(
            *RESULT_FIELDS, "title_headline", "body_headline"
        ).query.sql_with_params()
        matching_sql, params = entries.order_by().values("pk").query.sql_with_params()
        # SQL compiled by Django above; the visitor's words are only ever parameters.
        self.count = (f"SELECT COUNT(*) FROM ({matching_sql}) AS matching", params)  # noqa: S608


_COMPILED = {}


def _compiled(language):
    """The count and page SQL of a PostgreSQL search in ``language``, with ``_QUERY_TEXT``."""
    compiled = _COMPILED.get(language)
    if compiled is None:
        compiled = _COMPILED[language] = _Compiled(language)
    return compiled


def _with_query(params, terms):
    text = " ".join(terms)
    return tuple(text if param == _QUERY_TEXT else param for param in params)


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _from_headlines(row):
    *shown, title_headline, body_headline = row
    return Result(shown, _from_markers(title_headline), _from_markers(body_headline))


def _highlighted(row, terms):
    *shown, body = row
    title = shown[RESULT_FIELDS.index("title")]
    return Result(shown, highlight(title, terms, limit=None), highlight(body, terms))


def _from_markers(text):
    text = escape((text or "").translate(RESTORE))
    # Escaped above; only our own markers become tags.
    return SafeString(text.replace(START, "<mark>").replace(STOP, "</mark>"))


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
    return SafeString("".join(parts))  # every piece of text is escaped above


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
