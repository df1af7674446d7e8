"""Validators for conditional GET, derived from the content version (see departments.versioning).

``etag_for(request, *parts)`` is the helper other apps (the API, feeds) reuse: the tag changes
whenever any content is saved, and differs per language, path and whatever ``parts`` the caller
adds (for example a page number). It is weak (``W/``) because the same content may be sent
gzip-, brotli- or un-encoded.
"""

import hashlib

from django.utils.translation import get_language

from departments.versioning import content_version


def etag_from(version, language, path, *parts):
    """Return a weak ETag for one representation of ``path`` at a content version."""
    material = "\x1f".join(str(part) for part in (version, language, path, *parts))
    return f'W/"{hashlib.sha256(material.encode()).hexdigest()[:24]}"'


def etag_for(request, *parts):
    """Return the weak ETag of the current content for this request's language and path."""
    return etag_from(content_version(), get_language() or "", request.path, *parts)


def etag_matches(if_none_match, etag):
    """Whether an If-None-Match header value names ``etag`` (weak comparison) or is ``*``.

    Usage: ``etag_matches(request.headers.get("If-None-Match"), etag_for(request))``.
    """
    header = if_none_match or ""
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))
