"""Absolute URLs built from settings.SITE_ORIGIN, never from the request's Host header.

The one place the public origin is joined to a path: canonical links, hreflang, sitemaps,
structured data, the open-data API, feed, vCards and CSV all call ``absolute()``.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    """Return the public absolute URL of a site-relative path."""
    return f"{settings.SITE_ORIGIN}{path}"


def origin_parts():
    """Return (scheme, host) of the configured public origin."""
    parts = urlsplit(settings.SITE_ORIGIN)
    return parts.scheme or "https", parts.netloc


def x_default(path):
    """The language-neutral address of a page: LocaleMiddleware redirects it by Accept-Language.

    Same rule as django.contrib.sitemaps uses for x-default, so the sitemap and the page agree.
    """
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return absolute(path.replace(prefix, "/", 1) if path.startswith(prefix) else path)
