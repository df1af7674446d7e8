"""API responses cached and validated by the content generation (serving/validators.py).

A body is stored in the shared cache under a key made of the content generation and what the
response depends on (language, path), so a save anywhere starts new keys everywhere at once.
Its strong ETag comes from the same material: a client that sends it back gets a 304 without
the database being read at all. What is the API's own: the namespace and its REVISION, and the
Cache-Control.
"""

from django.http import HttpResponse, HttpResponseNotModified

from serving import validators
from serving.generation import content_generation

# Bump when the shape of a cached body changes, so a deployment never serves bodies that an
# older release cached under the same content generation.
REVISION = "opendata-2"
NAMESPACE = f"opendata:{REVISION}"

# Shared caches may keep the response but must ask again each time; the ETag makes asking cheap.
CACHE_CONTROL = "public, no-cache"


def cached_response(request, parts, build, content_type, headers=None):
    """A 200 with the cached body, or a 304 when the client already holds this version.

    A matching ETag answers 304 before anything is built: only a response that existed under
    this content generation ever carried it. ``If-None-Match: *`` means "any version", so it
    gets a 304 only once ``build`` has shown that the resource exists (it raises when it does
    not).
    """
    generation = content_generation()
    etag = validators.etag(NAMESPACE, generation, *parts, weak=False)
    if validators.names_etag(request, etag):
        response = HttpResponseNotModified()
    else:
        body = validators.cached(validators.cache_key(NAMESPACE, generation, *parts), build)
        if validators.not_modified(request, etag):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type=content_type)
    for name, value in {"ETag": etag, "Cache-Control": CACHE_CONTROL, **(headers or {})}.items():
        response[name] = value
    return response
