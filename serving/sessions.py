"""Sessions (staff only) whose keys the site, and nginx, can recognise without looking them up.

Django's database sessions with one change: a key is 18 random characters ([a-z0-9]) followed by
a 22-character MAC of them, base64url(md5(random + SESSION_KEY_SECRET)), the form nginx's
secure_link module checks. A made-up ``sessionid`` cookie (junk traffic) then fails
``issued_here`` in microseconds: the page cache answers it without a query
(serving/signed_in.py), and nginx answers it from its micro-cache (deploy/nginx.conf) instead of
passing it to a node. The MAC only decides whether a cookie is worth looking up; what signs a
member of staff in is still the session row, found by the whole key (93 random bits).

Keys issued before this engine, or under another secret, are simply not recognised: their
holders get the public pages from the caches until they sign in again, and the admin as before.
"""

import base64
import hashlib

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

RANDOM_LENGTH = 18
MAC_LENGTH = 22  # base64url of the 16 bytes of an MD5, unpadded: 40 characters in all
_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def key_secret():
    """SESSION_KEY_SECRET, or one derived from SECRET_KEY when it is empty (then nginx cannot
    know it: see docs/serving.md)."""
    configured = getattr(settings, "SESSION_KEY_SECRET", "")
    if configured:
        return configured
    return salted_hmac("serving.sessions.key-secret", "", algorithm="sha256").hexdigest()


def mac(random_part, secret):
    """nginx's secure_link_md5 of ``random_part`` followed by ``secret``."""
    # A gate before a lookup, in the only form nginx can check; not what authenticates anyone.
    digest = hashlib.md5((random_part + secret).encode(), usedforsecurity=False).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issued_here(session_key):
    """True when ``session_key`` carries this site's MAC."""
    if len(session_key) != RANDOM_LENGTH + MAC_LENGTH:
        return False
    random_part = session_key[:RANDOM_LENGTH]
    return constant_time_compare(session_key[RANDOM_LENGTH:], mac(random_part, key_secret()))


class SessionStore(db.SessionStore):
    """Database sessions whose new keys carry the site's MAC."""

    def _get_new_session_key(self):
        while True:
            random_part = get_random_string(RANDOM_LENGTH, _KEY_CHARS)
            key = random_part + mac(random_part, key_secret())
            if not self.exists(key):
                return key
