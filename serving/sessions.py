"""Sessions (staff only) whose keys the site can recognise without looking them up.

Django's database sessions with one change: a key is 24 random characters and 16 of an HMAC of
them under SECRET_KEY. A made-up ``sessionid`` cookie (junk traffic) then fails ``issued_here``
in microseconds, so the page cache answers it without a query (serving/signed_in.py); only a key
this site issued is looked up. Keys issued before this engine (plain random ones) are simply
not recognised: their holders get the public pages from the cache until they sign in again,
and the admin as before.
"""

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

RANDOM_LENGTH = 24
MAC_LENGTH = 16  # hex digits: 64 bits, with the random part 40 characters (the column's size)
_SALT = "serving.sessions.key"
_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _mac(random_part, secret):
    return salted_hmac(_SALT, random_part, secret=secret, algorithm="sha256").hexdigest()[
        :MAC_LENGTH
    ]


def issued_here(session_key):
    """True when ``session_key`` carries this site's MAC (under SECRET_KEY or a fallback)."""
    if len(session_key) != RANDOM_LENGTH + MAC_LENGTH:
        return False
    random_part, mac = session_key[:RANDOM_LENGTH], session_key[RANDOM_LENGTH:]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return any(constant_time_compare(mac, _mac(random_part, secret)) for secret in secrets)


class SessionStore(db.SessionStore):
    """Database sessions whose new keys carry the site's MAC."""

    def _get_new_session_key(self):
        while True:
            random_part = get_random_string(RANDOM_LENGTH, _KEY_CHARS)
            key = random_part + _mac(random_part, settings.SECRET_KEY)
            if not self.exists(key):
                return key
