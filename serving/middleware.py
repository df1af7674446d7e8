"""Middleware: the page cache (outermost after whitenoise) and the headers Django lacks."""

import time

from django.conf import settings
from django.core.cache import cache

from serving import pagecache, views
from serving.generation import content_generation
from serving.pagecache import QUERY_PARAMS, RECENT_PAGES
from serving.signed_in import signed_in


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
    not vary on it and carry no CSP nonce. The key holds only the parameters the page's view
    reads: a request with junk parameters gets the page stored for its real ones
    (``pagecache.QUERY_PARAMS``). It tells ``request.page_cache`` to the metrics: "hit", or
    "miss" for a page it had to render and then stored.
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
        encoding = pagecache.accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        query_string = request.META.get("QUERY_STRING", "")

        entry = None
        if query_string:
            params = QUERY_PARAMS.get(path)
            if params is None:
                # Not seen in this process yet: the plain URL's entry names the view's parameters.
                entry = self._lookup(generation, language, path, "", encoding)
                params = entry.get("params") if entry is not None else None
                if params is not None:
                    QUERY_PARAMS.learn(path, params)
            query = pagecache.normalised_query(query_string, keep=params)
            if query:
                entry = None
        else:
            query = ""
        if entry is None:
            entry = self._lookup(generation, language, path, query, encoding)
        if entry is not None:
            request.page_cache = "hit"
            return pagecache.response_from_entry(request, entry)

        response = self.get_response(request)
        if not pagecache.is_storable(response):
            return response  # not a page the cache is for (search, an error...): not a miss
        request.page_cache = "miss"
        # Stored under the query the view answered (its parameters only), whatever else the
        # request carried: the next request with other junk is a hit.
        mark = pagecache.storable_mark(response)
        query = mark.query
        QUERY_PARAMS.learn(path, mark.params)
        etag = pagecache.page_etag(generation, language, path, query)
        entries = pagecache.encoded_entries(response, etag, time.time(), mark.params)
        keys = {e: pagecache.page_key(generation, language, path, query, e) for e in entries}
        cache.set_many({keys[e]: entries[e] for e in entries}, settings.SERVING_PAGE_CACHE_TIMEOUT)
        if self.keep_recent:
            RECENT_PAGES.put(generation, keys[encoding], entries[encoding])
        return pagecache.response_from_entry(request, entries[encoding])

    def _lookup(self, generation, language, path, query, encoding):
        key = pagecache.page_key(generation, language, path, query, encoding)
        entry = RECENT_PAGES.get(generation, key) if self.keep_recent else None
        if entry is None and (entry := cache.get(key)) is not None and self.keep_recent:
            RECENT_PAGES.put(generation, key, entry)
        return entry

    @staticmethod
    def _eligible(request):
        if not settings.SERVING_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return False
        if f"/{settings.ADMIN_PATH}/" in request.path_info:
            return False
        # Signed-in staff always get a fresh, uncached page; a cookie that names no signed-in
        # user's session (made up, expired, or an anonymous one) changes nothing.
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        return not session_key or not signed_in(session_key)


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
