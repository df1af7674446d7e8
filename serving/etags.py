"""Validators for the page cache's conditional GET, derived from the content version.

The tag changes whenever any content is saved (serving.generation), and differs per
language, path and whatever ``parts`` the caller adds. It is weak (``W/``) because the same
content may be sent gzip-, brotli- or un-encoded.
"""

import hashlib


def etag_from(version, language, path, *parts):
    """Return a weak ETag for one representation of ``path`` at a content version."""
    material = "\x1f".join(str(part) for part in (version, language, path, *parts))
    return f'W/"{hashlib.sha256(material.encode()).hexdigest()[:24]}"'


def etag_matches(if_none_match, etag):
    """Whether an If-None-Match header value names ``etag`` (weak comparison) or is ``*``.

    Usage: ``etag_matches(request.headers.get("If-None-Match"), etag)``.
    """
    header = if_none_match or ""
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))
