"""Matching and highlighting, one way per database, one behaviour for the visitor.

Both databases match the normalised copy of each entry's text (search/normalise.py: case,
accents and marks, Arabic/Persian letter forms, digits), against the query normalised the same
way, so that what counts as the same letter is decided in one place.

PostgreSQL: full-text search on the ``document`` column, which a trigger builds from that copy
in the configuration of the language the text is in (``search_config(language)``, migration
0004: stemming for Greek, English, French and Arabic, a plain match for the others). A page
searches its own language and the languages it falls back to, so a text shown untranslated is
found as the page shows it. Ranked with ``ts_rank``; ``ts_headline`` says which words matched
(stemmed forms too), and they are highlighted here in the original text.

SQLite: every word of the query must occur, as a whole or partial word, in the normalised
copy; highlighting is done here in Python.
"""

import re
import unicodedata
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Value
from django.utils.safestring import SafeString

from departments.models import _shown_chain
from search.models import SearchEntry, kind_label
from search.normalise import normalise_with_positions

# ts_headline marks the matched words with these (private-use characters, which indexing.py
# removes from the content).
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}(.*?){STOP}", re.S)
SNIPPET_CHARS = 240


def search_entries(entries, terms, language):
    """Entries matching every term, ranked: by kind, then relevance, then page order."""
    if connection.vendor == "postgresql":
        return _postgresql(entries, terms, language)
    for term in terms:
        entries = entries.filter(normalised__contains=term)
    return entries.order_by("-weight", "position")


def _config(language):
    """The text-search configuration of ``language`` (an expression: a code or a column)."""
    return Func(language, function="search_config")


def text_languages(language):
    """The languages the texts of a page in ``language`` may be in: its own, then fallbacks."""
    return _shown_chain(language)


def _query(text, language):
    """The visitor's words in the configuration of each language the page's texts may be in.

    plainto_tsquery: whatever the visitor typed (& | ! : * ( ) ') is words, never syntax.
    """
    query = None
    for code in text_languages(language):
        part = SearchQuery(text, search_type="plain", config=_config(Value(code)))
        query = part if query is None else query | part
    return query


def _postgresql(entries, terms, language):
    query = _query(" ".join(terms), language)
    return (
        entries.filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query),
            # Every match marked in the normalised text, in the configuration of its language.
            matched=SearchHeadline(
                "normalised",
                query,
                config=_config(F("text_language")),
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            ),
        )
        .order_by("-weight", "-rank", "position")
    )


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
            return [_from_matches(row) for row in _fetch(f"{sql} LIMIT %s OFFSET %s", params)]
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
        self.page = entries.values_list(*RESULT_FIELDS, "body", "matched").query.sql_with_params()
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


def _from_matches(row):
    """A PostgreSQL result: the words its headline marked, highlighted in the original text."""
    *shown, body, matched = row
    words = {word for marked in MARKED.findall(matched or "") for word in marked.split()}
    title = shown[RESULT_FIELDS.index("title")]
    return Result(
        shown,
        highlight(title, words, limit=None, whole_words=True),
        highlight(body, words, whole_words=True),
    )


def _highlighted(row, terms):
    *shown, body = row
    title = shown[RESULT_FIELDS.index("title")]
    return Result(shown, highlight(title, terms, limit=None), highlight(body, terms))


def highlight(text, terms, limit=SNIPPET_CHARS, whole_words=False):
    """Return the text (cut to about ``limit`` characters around the first match) as safe HTML
    with every occurrence of a term in <mark>: as part of a word, as SQLite matches, or only as
    a whole word (``whole_words``: the words PostgreSQL matched)."""
    spans = _match_spans(text, terms, whole_words)
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


def _match_spans(text, terms, whole_words=False):
    """Where the terms occur in the text, widened to whole words, merged, in order."""
    normalised, positions = normalise_with_positions(text)
    spans = []
    for term in terms:
        found = normalised.find(term)
        while found != -1:
            after = found + len(term)
            if whole_words and (
                (found > 0 and _in_word(normalised[found - 1]))
                or (after < len(normalised) and _in_word(normalised[after]))
            ):
                found = normalised.find(term, found + 1)
                continue
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
