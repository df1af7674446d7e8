"""One recipe for cache keys and ETags, and one answer to If-None-Match / If-Modified-Since."""

from django.core.cache import cache
from django.utils.http import http_date

from serving import validators


def test_keys_and_etags_change_with_the_generation_and_every_part():
    base = validators.cache_key("ns", "7", "el", "/el/")
    assert validators.cache_key("ns", "7", "el", "/el/") == base
    assert validators.cache_key("ns", "8", "el", "/el/") != base
    assert validators.cache_key("ns", "7", "en", "/el/") != base
    assert validators.cache_key("other", "7", "el", "/el/") != base
    strong = validators.etag("ns", "7", "el", "/el/", weak=False)
    weak = validators.etag("ns", "7", "el", "/el/", weak=True)
    assert strong.startswith('"') and strong.endswith('"')
    assert weak == f"W/{strong}"


def test_if_none_match_is_a_weak_comparison_and_wins_over_if_modified_since(rf):
    tag = validators.etag("ns", "7", weak=True)
    plain = tag.removeprefix("W/")
    assert validators.not_modified(rf.get("/", HTTP_IF_NONE_MATCH=plain), tag)
    assert validators.not_modified(rf.get("/", HTTP_IF_NONE_MATCH=f'"x", {tag}'), plain)
    assert validators.not_modified(rf.get("/", HTTP_IF_NONE_MATCH="*"), tag)
    stale = rf.get("/", HTTP_IF_NONE_MATCH='"x"', HTTP_IF_MODIFIED_SINCE=http_date(2e9))
    assert not validators.not_modified(stale, tag, last_modified=1e9)


def test_star_is_not_a_named_tag(rf):
    tag = validators.etag("ns", "7", weak=False)
    assert not validators.names_etag(rf.get("/", HTTP_IF_NONE_MATCH="*"), tag)
    assert validators.names_etag(rf.get("/", HTTP_IF_NONE_MATCH=f"W/{tag}"), tag)


def test_if_modified_since_without_if_none_match(rf):
    tag = validators.etag("ns", "7", weak=True)
    assert validators.not_modified(rf.get("/", HTTP_IF_MODIFIED_SINCE=http_date(2e9)), tag, 1e9)
    assert not validators.not_modified(rf.get("/", HTTP_IF_MODIFIED_SINCE=http_date(1e9)), tag, 2e9)
    assert not validators.not_modified(rf.get("/", HTTP_IF_MODIFIED_SINCE=http_date(2e9)), tag)
    assert not validators.not_modified(rf.get("/", HTTP_IF_MODIFIED_SINCE="junk"), tag, 1e9)


def test_cached_builds_once():
    cache.clear()
    builds = []

    def build():
        builds.append(1)
        return b"body"

    assert validators.cached("test:key", build) == b"body"
    assert validators.cached("test:key", build) == b"body"
    assert builds == [1]
