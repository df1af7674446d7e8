"""The content generation: a number that changes whenever content is saved, shared by all processes.

Anything that must know "is what I hold still current?" (page caches, ETags, API responses)
derives its key from ``content_generation()``.

The number's source of truth is a database row (serving.ContentGeneration), raised in the same
transaction as every content save, so no save can ever be lost by the cache. Every request reads
a copy of it from the shared cache (Redis in production), never the database: that is one round
trip and works while the database is down. The copy is only ever raised, never lowered, and it
is put right from the database before it is trusted whenever it may have missed a raise:

- the key is missing (Redis restarted or flushed): it is initialised from the database;
- this process saw Redis fail, or had to connect to it again (serving/cache.py): a save made
  meanwhile could not raise the copy, so it is raised to the database's number first.

So when Redis comes back after an outage during which content was edited, no page stored under
the old number is served again.

One fault is invisible to a process: a save whose copy never reached the cache this process
reads (the saving node lost its Redis while this one kept it; or the per-process cache of the
development server, which another process, such as ``publish_scheduled`` from cron, an import
or ``manage.py shell``, cannot raise). So each process also reads the database's number at most
once every ``SERVING_GENERATION_CHECK_MS`` (1 s) and raises the copy to it: a publication shows
everywhere within that delay, at the cost of one query per process per second, not per request.
"""

import threading
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F

from serving.cache import HEALTH

CONTENT_GENERATION_KEY = "content-generation"

# What a process uses when neither the cache nor the database can tell it the number: a token of
# its own, under which nothing was ever stored, so nothing stale can be served.
_UNKNOWN = f"unknown-{uuid.uuid4().hex[:12]}"


class DatabaseCheck:
    """When this process last read the database's number, and whether it is time again.

    ``clock`` is ``time.monotonic``; the tests move a clock of their own instead of sleeping.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.next_at = float("-inf")
        self._lock = threading.Lock()

    def due(self):
        """True once per interval, for one caller (the others go on with the cache's copy)."""
        now = self.clock()
        if now < self.next_at:
            return False
        with self._lock:
            if now < self.next_at:
                return False
            self.next_at = now + settings.SERVING_GENERATION_CHECK_MS / 1000
            return True

    def done_now(self):
        """Count the check as just made (the tests start each test so)."""
        self.next_at = self.clock() + settings.SERVING_GENERATION_CHECK_MS / 1000


DATABASE_CHECK = DatabaseCheck()


def content_generation():
    """Return the current content generation (a short string: the generation number)."""
    if not HEALTH.resync_needed:
        if DATABASE_CHECK.due():
            _catch_up_with_database()
        number = cache.get(CONTENT_GENERATION_KEY)
        # Checked again after the read: that read may have had to reconnect to Redis.
        if number is not None and not HEALTH.resync_needed:
            return str(number)
    return synchronise()


def synchronise():
    """Raise the shared copy to the database's number and return the generation to use."""
    HEALTH.resync_needed = False
    try:
        number = stored_generation()
    except DatabaseError:
        HEALTH.resync_needed = True
        return _UNKNOWN
    shared = _raise_shared_copy(number)
    if shared is None:  # the cache is unreachable: put it right once it answers
        HEALTH.resync_needed = True
        return str(number)
    return str(shared)


def _catch_up_with_database():
    """Raise the cache's copy to the database's number, if the database answers.

    A database outage changes nothing here: the cache's copy is still the best number there is,
    and the stored pages are still served under it.
    """
    try:
        number = stored_generation()
    except DatabaseError:
        return
    if _raise_shared_copy(number) is None:
        HEALTH.resync_needed = True


def stored_generation():
    """The database's content generation number."""
    from serving.models import ContentGeneration

    row = ContentGeneration.objects.filter(pk=1).values_list("number", flat=True).first()
    if row is None:
        row = ContentGeneration.objects.get_or_create(pk=1)[0].number
    return row


def _raise_shared_copy(number):
    """Raise the cache's copy to at least ``number``: what it holds now (None: unreachable)."""
    raise_to = getattr(cache, "raise_to", None)
    if raise_to is not None:
        return raise_to(CONTENT_GENERATION_KEY, number)
    # A per-process cache (development): nobody else writes it.
    current = cache.get(CONTENT_GENERATION_KEY)
    if current is None or current < number:
        cache.set(CONTENT_GENERATION_KEY, number, timeout=None)
        return number
    return current


# Inside single_bump(): whether a bump was asked for (None: not inside one).
_BATCH = ContextVar("content_generation_batch", default=None)


@contextmanager
def single_bump():
    """Saves inside the block raise the content generation once, at its end, not once each.

    A publication writes an object and its competences together: one new generation, after
    commit, for the whole of it.
    """
    if _BATCH.get() is not None:  # nested: the outer block bumps
        yield
        return
    asked = {"bump": False}
    token = _BATCH.set(asked)
    try:
        yield
    finally:
        _BATCH.reset(token)
    if asked["bump"]:
        bump_content_generation()


def bump_content_generation():
    """Raise the content generation in the current transaction, and its copy once it commits.

    The copy after commit, not before: otherwise another process could render the old rows under
    the new number and cache them. If the cache is unreachable then, the copy is put right later
    (see the module's docstring). Bulk updates (``QuerySet.update``) send no signals and must
    call this themselves.
    """
    from serving.models import ContentGeneration

    batch = _BATCH.get()
    if batch is not None:
        batch["bump"] = True
        return
    with transaction.atomic():
        if not ContentGeneration.objects.filter(pk=1).update(number=F("number") + 1):
            ContentGeneration.objects.get_or_create(pk=1, defaults={"number": 2})
        number = stored_generation()
    transaction.on_commit(lambda: _publish(number))


def _publish(number):
    if _raise_shared_copy(number) is None:
        HEALTH.resync_needed = True
