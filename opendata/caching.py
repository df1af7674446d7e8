"""Responses cached and validated by the content version (see serving/generation.py).

A body is stored in the shared cache under a key made of the content version and what the
response depends on (language, path), so a save anywhere starts new keys everywhere at once.
The ETag is derived from the same key: a client that sends it back gets a 304 without the
database being read at all.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags

from serving.generation import content_generation

# Bump when the shape of a cached body changes, so a deployment never serves bodies that an
# older release cached under the same content version.
REVISION = "opendata-1"

# Shared caches may keep the response but must ask again each time; the ETag makes asking cheap.
CACHE_CONTROL = "public, no-cache"


def cache_key(*parts):
    """The cache key (and ETag seed) of a response for the current content version."""
    seed = ":".join([REVISION, content_generation(), *parts])
    return "opendata:" + hashlib.sha256(seed.encode()).hexdigest()[:40]


def etag_for(key):
    return f'"{key.removeprefix("opendata:")[:32]}"'


def _sent_etags(request):
    header = request.headers.get("If-None-Match")
    return [tag.removeprefix("W/") for tag in parse_etags(header)] if header else []


def cached_body(key, build):
    """The cached bytes under ``key``, built (and stored) by ``build()`` on a miss."""
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body)
    return body


def cached_response(request, parts, build, content_type, headers=None):
    """A 200 with the cached body, or a 304 when the client already holds this version.

    A matching ETag answers 304 before anything is built: only a response that existed under
    this content version ever carried it. ``If-None-Match: *`` means "any version", so it gets
    a 304 only once ``build`` has shown that the resource exists (it raises when it does not).
    """
    key = cache_key(*parts)
    etag = etag_for(key)
    sent = _sent_etags(request)
    if etag in sent:
        response = HttpResponseNotModified()
    else:
        body = cached_body(key, build)
        if "*" in sent:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type=content_type)
    for name, value in {"ETag": etag, "Cache-Control": CACHE_CONTROL, **(headers or {})}.items():
        response[name] = value
    return response
