"""Middleware: the page cache (outermost after whitenoise) and the headers Django lacks."""

import time

from django.conf import settings
from django.core.cache import cache

from serving import pagecache, views
from serving.generation import content_generation
from serving.pagecache import RECENT_PAGES


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
    ``cache_public_page`` (``pagecache.Storable``) and only responses that set no cookie, do
    not vary on it and carry no CSP nonce.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}
        # Pages are kept in this process too only when the cache is elsewhere (Redis): a
        # per-process cache is already in memory.
        self.keep_recent = getattr(cache, "shared", False)

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)

        # A hit must refuse a Host outside ALLOWED_HOSTS as a render would (DisallowedHost: the
        # usual 400 page), or a cached page would answer for any name pointed at the server.
        request.get_host()
        generation = content_generation()
        path = request.path
        language = path.split("/", 2)[1] if path.count("/") > 1 else ""
        language = language if language in self.languages else ""
        query_string = request.META.get("QUERY_STRING", "")
        query = pagecache.normalised_query(query_string) if query_string else ""
        encoding = pagecache.accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))

        key = pagecache.page_key(generation, language, path, query, encoding)
        entry = RECENT_PAGES.get(generation, key) if self.keep_recent else None
        if entry is None and (entry := cache.get(key)) is not None and self.keep_recent:
            RECENT_PAGES.put(generation, key, entry)
        if entry is not None:
            return pagecache.response_from_entry(request, entry)

        response = self.get_response(request)
        if not pagecache.is_storable(response, query):
            return response
        etag = pagecache.page_etag(generation, language, path, query)
        entries = pagecache.encoded_entries(response, etag, last_modified=time.time())
        keys = {e: pagecache.page_key(generation, language, path, query, e) for e in entries}
        cache.set_many({keys[e]: entries[e] for e in entries}, settings.SERVING_PAGE_CACHE_TIMEOUT)
        if self.keep_recent:
            RECENT_PAGES.put(generation, keys[encoding], entries[encoding])
        return pagecache.response_from_entry(request, entries[encoding])

    @staticmethod
    def _eligible(request):
        if not settings.SERVING_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return False
        # Signed-in staff (and anyone with a session) always get a fresh, uncached page.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        return f"/{settings.ADMIN_PATH}/" not in request.path_info


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
