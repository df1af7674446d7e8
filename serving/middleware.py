"""Middleware: the page cache (outermost after whitenoise) and the headers Django lacks."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils.translation import get_language_from_path

from departments.versioning import content_version
from serving import pagecache, views
from serving.etags import etag_from, etag_matches


class ProbeMiddleware:
    """Answer /healthz and /readyz before anything else, whatever the Host header.

    Orchestrators probe a container by its own address, which is not in ALLOWED_HOSTS; the
    probes reveal nothing, so they need no host check, session, or language.
    """

    PROBES = {"/healthz": views.healthz, "/readyz": views.readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)


class PageCacheMiddleware:
    """Serve stored public pages before sessions, URL resolution or the database are touched.

    Sits right after WhiteNoiseMiddleware, so a hit costs about what a static file costs. On a
    miss it stores what the rest of the stack produced, but only for views decorated with
    ``cache_public_page`` and only responses that set no cookie and do not vary on it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)

        version = content_version()
        language = get_language_from_path(request.path_info) or ""
        query = pagecache.normalised_query(request.META.get("QUERY_STRING", ""))
        etag = etag_from(version, language, request.path, query)
        keys = {
            e: pagecache.page_key(version, language, request.path, query, e)
            for e in pagecache.ENCODINGS
        }
        encoding = pagecache.accepted_encoding(request)

        entry = cache.get(keys[encoding])
        if entry is not None:
            if etag_matches(request, etag):
                return pagecache.validator_headers(
                    HttpResponseNotModified(), etag, entry["last_modified"]
                )
            return pagecache.response_from_entry(request, entry, etag)

        response = self.get_response(request)
        if not pagecache.is_storable(response, query) or self._used_nonce(request):
            return response
        entries = pagecache.encoded_entries(response, last_modified=time.time())
        cache.set_many({keys[e]: entries[e] for e in entries}, settings.SERVING_PAGE_CACHE_TIMEOUT)
        return pagecache.response_from_entry(request, entries[encoding], etag)

    @staticmethod
    def _eligible(request):
        if not settings.SERVING_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return False
        # Signed-in staff (and anyone with a session) always get a fresh, uncached page.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        return f"/{settings.ADMIN_PATH}/" not in request.path_info

    @staticmethod
    def _used_nonce(request):
        # A CSP nonce is single-use by definition: a page that needed one must not be shared.
        return bool(getattr(request, "_csp_nonce", None))


class PermissionsPolicyMiddleware:
    """Add Permissions-Policy (Django's SecurityMiddleware sets the other security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.SERVING_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
