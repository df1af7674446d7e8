"""Whether a session cookie belongs to a signed-in user: the page cache's one question about it.

Only staff have sessions (public pages set no cookie), and only they must get fresh, uncached
pages. Anyone can send a made-up ``sessionid``; were its mere presence enough to skip the page
cache, junk cookies would cost a full render each. So a key the site never issued (its MAC is
wrong: serving/sessions.py) is dismissed without a query, an issued one is looked up, and only a
session holding a signed-in user skips the cache.
"""

from functools import cache
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import DatabaseError

from serving.sessions import issued_here


@cache
def _session_store(engine):
    return import_module(engine).SessionStore


def signed_in(session_key):
    """True when ``session_key`` names a live session of a signed-in user."""
    # What the site never issued is not looked up at all.
    if not issued_here(session_key):
        return False
    try:
        data = _session_store(settings.SESSION_ENGINE)(session_key).load()
    except DatabaseError:
        # The database is down: nobody can be told apart, and the cached page is what every
        # visitor gets meanwhile (a render would be a 503).
        return False
    return SESSION_KEY in data
