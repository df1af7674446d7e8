"""The public page cache: which responses may be stored, how, and how a stored page is served.

A page is stored once per (content generation, language, path, query), already encoded as
identity, gzip and brotli, so that a cache hit costs one read of the content generation and no
database query or template rendering: each process also keeps the pages it served lately
(``RECENT_PAGES``), so only a process's first hit of a page fetches it from the shared cache.
``PageCacheMiddleware`` does the reading and writing; views opt in with ``@cache_public_page``.

The query in the key is only the parameters the page's view reads (``query_params``): any other
parameter is junk, dropped before the view runs and before the key is made, so ``?x=<random>``
is answered from the cache like the plain URL (its canonical link names the plain URL). Each
stored entry records its view's parameters, and ``QUERY_PARAMS`` remembers them per path.
"""

import gzip
import threading
from dataclasses import dataclass
from functools import lru_cache, wraps
from urllib.parse import parse_qsl, urlencode

import brotli
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.http.response import ResponseHeaders
from django.utils.http import http_date

from serving import validators

ENCODINGS = ("br", "gzip", "identity")

# Query parameters that link trackers add and pages never read. Dropping them lets a visitor
# arriving from a news story's link (?utm_source=..., ?fbclid=...) get the cached page.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "_ga")

# Headers that belong to one encoding or one exchange, not to the stored page.
_NOT_STORED = {"content-length", "content-encoding", "etag", "last-modified", "cache-control"}

NAMESPACE = "serving:page"


@dataclass(frozen=True)
class Storable:
    """What ``cache_public_page`` tells ``PageCacheMiddleware`` about the response it returns.

    The decorator's only way of speaking to the middleware: ``mark_storable`` sets it on the
    response (as ``response.page_cache``), ``storable_mark`` reads it. ``query`` is the query
    string the view saw (only its ``query_params``, sorted), ``params`` those parameters' names:
    the middleware stores the page under that query whatever junk the request carried, and
    remembers the names so that the next request with junk finds the page without a render.
    """

    query: str
    params: tuple = ()


def mark_storable(response, query, params=()):
    """Say that ``response`` (to an anonymous GET/HEAD with ``query``) may be stored."""
    response.page_cache = Storable(query, tuple(sorted(params)))
    return response


def storable_mark(response):
    """What the decorated view said about its response, or None when it did not opt in."""
    mark = getattr(response, "page_cache", None)
    return mark if isinstance(mark, Storable) else None


def cache_public_page(view=None, *, query_params=()):
    """Mark a view's answers to anonymous GET/HEAD as storable in the page cache.

    Only ``query_params`` reach the view (sorted): any other parameter is dropped before the
    view runs, so a junk query string can neither fill the cache with copies of a page nor
    poison one (the language switcher repeats the query in its links).
    """

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            query = normalised_query(request.META.get("QUERY_STRING", ""), keep=query_params)
            if query != request.META.get("QUERY_STRING", ""):
                request.META["QUERY_STRING"] = query
                request.GET = QueryDict(query)
            response = view_func(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                mark_storable(response, query, query_params)
            return response

        return wrapped

    return decorator(view) if view is not None else decorator


def normalised_query(query_string, keep=None):
    """The query string sorted, without tracking parameters (or with only ``keep``)."""
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True)
    except ValueError:
        return ""
    if keep is None:
        pairs = [(k, v) for k, v in pairs if not k.startswith(TRACKING_PARAMS)]
    else:
        pairs = [(k, v) for k, v in pairs if k in keep]
    return urlencode(sorted(pairs))


def page_key(generation, language, path, query, encoding):
    """The cache key of one encoding of one page at one content generation."""
    return validators.cache_key(NAMESPACE, generation, language, path, query, encoding)


def page_etag(generation, language, path, query):
    """The page's weak ETag: the same for each of its encodings."""
    return validators.etag(NAMESPACE, generation, language, path, query, weak=True)


class QueryParams:
    """The parameters each cached path's view reads, as its stored pages said (bounded).

    A request with a query string needs them before the view runs, to key the page by its real
    parameters only; a path not seen yet in this process is looked up under its plain URL first
    (``PageCacheMiddleware``), whose entry names them.
    """

    LIMIT = 10_000

    def __init__(self):
        self._params = {}

    def get(self, path):
        return self._params.get(path)

    def learn(self, path, params):
        if len(self._params) >= self.LIMIT:  # paths of pages that were stored: a bound, not a leak
            self._params = {}
        self._params[path] = params


QUERY_PARAMS = QueryParams()


def is_storable(response):
    """Whether a rendered response may be shared with every anonymous visitor."""
    if storable_mark(response) is None:
        return False
    if used_csp_nonce(response):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = response.get("Vary", "").lower()
    cache_control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


def encoded_entries(response, etag, last_modified, params=()):
    """The response as one storable entry per content encoding, headers complete and ready.

    Everything a hit needs is computed here, once per page and content generation, so that a hit
    only copies a dict of headers: that is what keeps it as cheap as a static file.
    """
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
    headers += [
        ("ETag", etag),
        ("Last-Modified", http_date(last_modified)),
        ("Cache-Control", f"public, max-age={settings.SERVING_PAGE_MAX_AGE}"),
    ]
    vary = response.get("Vary")
    vary_value = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    headers = [(k, v) for k, v in headers if k.lower() != "vary"] + [("Vary", vary_value)]
    body = response.content
    bodies = {
        "identity": body,
        "gzip": gzip.compress(body, compresslevel=9, mtime=0),
        "br": brotli.compress(body, mode=brotli.MODE_TEXT),
    }
    entries = {}
    for encoding, data in bodies.items():
        encoded = [*headers, ("Content-Length", str(len(data)))]
        if encoding != "identity":
            encoded.append(("Content-Encoding", encoding))
        entries[encoding] = {
            "headers": ResponseHeaders(dict(encoded))._store,
            "body": data,
            "etag": etag,
            "last_modified": last_modified,
            "params": params,
        }
    return entries


@lru_cache(maxsize=512)
def accepted_encoding(header):
    """The best encoding we store that an Accept-Encoding header accepts: br, gzip, identity.

    Memoised: browsers send a handful of distinct values, parsed once each per process.
    """
    accepted = set()
    for item in header.split(","):
        name, _sep, params = item.strip().partition(";")
        params = params.strip()
        try:
            if params.startswith("q=") and float(params[2:]) <= 0:
                continue
        except ValueError:
            continue
        accepted.add(name.strip().lower())
    for encoding in ("br", "gzip"):
        if encoding in accepted or "*" in accepted:
            return encoding
    return "identity"


def used_csp_nonce(response):
    """Whether the page carries a CSP nonce, which is single-use: such a page is never shared.

    django-csp's middleware (inside this one) puts ``'nonce-…'`` in the policy only when the
    view or template read ``request.csp_nonce``.
    """
    return any(
        "'nonce-" in response.get(header, "")
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    )


def response_from_entry(request, entry):
    """A response serving a stored page, or 304 if the client's copy is current."""
    if validators.not_modified(request, entry["etag"], entry["last_modified"]):
        response = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            response[name] = entry["headers"][name.lower()][1]
        return response
    response = HttpResponse(entry["body"])
    # The stored headers were validated when the page was stored; copying them is enough.
    response.headers._store = entry["headers"].copy()
    return response


class RecentPages:
    """The pages this process served lately, for the current content generation only.

    Keyed like the shared cache, by the content generation read for the request: a save anywhere
    changes the generation, and the next request drops everything held here. Bounded in bytes.
    """

    def __init__(self, limit_bytes):
        self.limit_bytes = limit_bytes
        self._generation = None
        self._entries = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, generation, key):
        if generation != self._generation:
            return None
        return self._entries.get(key)

    def put(self, generation, key, entry):
        size = len(entry["body"])
        with self._lock:
            if generation != self._generation:
                self._generation, self._entries, self._size = generation, {}, 0
            while self._entries and self._size + size > self.limit_bytes:
                oldest = next(iter(self._entries))
                self._size -= len(self._entries.pop(oldest)["body"])
            if size <= self.limit_bytes:
                self._entries[key] = entry
                self._size += size

    def clear(self):
        with self._lock:
            self._generation, self._entries, self._size = None, {}, 0


RECENT_PAGES = RecentPages(settings.SERVING_RECENT_PAGES_BYTES)
