"""Helpers for the search tests: run a search and read its results as a visitor sees them."""

import re
from dataclasses import dataclass
from html import unescape

import pytest

RESULT = re.compile(
    r'<li class="search-result"[^>]*>\s*<p class="search-result__kind">(?P<kind>.*?)</p>\s*'
    r'<h2 class="search-result__title"><a href="(?P<url>[^"]*)">(?P<title>.*?)</a></h2>'
    r'(?:\s*<p class="search-result__snippet">(?P<snippet>.*?)</p>)?',
    re.S,
)


def _text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html or "")).split())


@dataclass
class Result:
    kind: str
    url: str
    title: str
    snippet: str
    snippet_html: str


def results(html):
    """The results listed on a search page, in order."""
    return [
        Result(
            kind=_text(match["kind"]),
            url=unescape(match["url"]),
            title=_text(match["title"]),
            snippet=_text(match["snippet"]),
            snippet_html=match["snippet"] or "",
        )
        for match in RESULT.finditer(html)
    ]


@pytest.fixture
def search(client):
    """GET the search page in a language; return (response, html, results)."""

    def run(query, language="el", **params):
        response = client.get(f"/{language}/search/", {"q": query, **params})
        html = response.content.decode()
        return response, html, results(html)

    return run
