"""The content version: one token, in the shared cache, that changes whenever content is saved.

Anything that must know "is what I hold still current?" (page caches, ETags, API responses)
derives its key from ``content_version()``. It lives in the shared cache (Redis in production),
never in one process's memory, so a save in one gunicorn worker on one machine makes every
worker on every machine stop serving the old content at once.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

CONTENT_VERSION_KEY = "content-version"


def content_version():
    """Return the current content version (a short opaque string).

    If the shared cache lost the key (restart, eviction), a new token is created atomically with
    ``cache.add``: every process then agrees on it, and nothing cached under an old token is
    ever served again.
    """
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def bump_content_version():
    """Start a new content version once the current transaction commits.

    After commit, not before: otherwise another process could render the old rows under the new
    version and cache them. Bulk updates (``QuerySet.update``) send no signals and must call
    this themselves.
    """
    transaction.on_commit(
        lambda: cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
    )
