"""Cache keys, ETags and conditional GET, all derived from the content generation.

Everything the site caches (public pages, API bodies, stored fragments: serving/fragments.py) is
named by the same material: a ``namespace`` (who caches it, and the revision of its shape), the
content generation (serving/generation.py) and the ``parts`` the representation depends on
(language, path, query...). A save anywhere raises the generation, so every key and every ETag
changes at once and nothing needs to be deleted.

- ``cache_key(namespace, generation, *parts)``: where the thing is stored;
- ``etag(namespace, generation, *parts, weak=...)``: its validator, from the same material;
- ``not_modified(request, etag, last_modified)``: whether to answer 304;
- ``cached(key, build)``: get the stored value, or build and store it.

The ETag is weak for pages (one page is sent gzip-, brotli- or un-encoded) and strong for API
bodies (always the same bytes). Either way the comparison with If-None-Match is the weak one
(RFC 9110 §8.8.3.2): a client or proxy may send our tag back with or without ``W/``.
"""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.utils.http import parse_etags, parse_http_date_safe

from serving.release import code_revision


def _digest(namespace, generation, parts):
    # The code's revision too: a deploy that changes how things render changes every key.
    material = "\x1f".join(str(part) for part in (namespace, generation, code_revision(), *parts))
    return hashlib.sha256(material.encode()).hexdigest()


def cache_key(namespace, generation, *parts):
    """The cache key of what ``namespace`` stores for ``parts`` at a content generation.

    The generation stays readable in the key (handy when looking at Redis); the parts, which may
    hold any path or query, are hashed.
    """
    return f"{namespace}:{generation}:{_digest(namespace, generation, parts)[:32]}"


def etag(namespace, generation, *parts, weak):
    """The ETag of the representation ``cache_key`` names: ``W/"…"`` when ``weak``."""
    tag = f'"{_digest(namespace, generation, parts)[:32]}"'
    return f"W/{tag}" if weak else tag


def sent_etags(request):
    """The tags the request's If-None-Match names, ``W/`` dropped; None without the header.

    ``If-None-Match: *`` gives ``["*"]``.
    """
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if header is None:
        return None
    return [tag.removeprefix("W/") for tag in parse_etags(header)]


def names_etag(request, etag):
    """Whether If-None-Match names ``etag`` itself (weak comparison; ``*`` does not count).

    Only a response that existed under this content generation ever carried the tag, so a
    match may be answered 304 before anything is read or built.
    """
    return etag.removeprefix("W/") in (sent_etags(request) or ())


def not_modified(request, etag, last_modified=None):
    """Whether the client's copy of an existing representation is current (answer 304).

    If-None-Match decides when it is sent: it names ``etag``, or is ``*`` (any copy of a
    resource that exists: call this only once the resource is known to exist). Otherwise
    If-Modified-Since, when the representation has a ``last_modified`` time (a timestamp).
    """
    sent = sent_etags(request)
    if sent is not None:
        return "*" in sent or etag.removeprefix("W/") in sent
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if since is None or last_modified is None:
        return False
    since = parse_http_date_safe(since)
    return since is not None and int(last_modified) <= since


# Inside uncached(): nothing is read from or written to the cache (see uncached()).
_BYPASS = ContextVar("validators_bypass", default=False)


@contextmanager
def uncached():
    """Within the block ``cached`` builds every value and stores none.

    For renders that are not the published content (a draft's preview): they must neither show
    stored fragments of the published pages nor leave their own where the public would read them.
    """
    token = _BYPASS.set(True)
    try:
        yield
    finally:
        _BYPASS.reset(token)


def bypassed():
    """Whether the cache is bypassed here (inside ``uncached()``)."""
    return _BYPASS.get()


def cached(key, build, timeout=None):
    """The value stored under ``key``; on a miss ``build()``'s value, stored for next time.

    ``timeout`` None keeps the cache's default: keys change with the content generation, so
    old values are never read again and simply age out.
    """
    if _BYPASS.get():
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        if timeout is None:
            cache.set(key, value)
        else:
            cache.set(key, value, timeout)
    return value
