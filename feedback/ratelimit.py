"""A per-address limit on feedback, counted in the shared Django cache.

The address is the client's as the trusted proxy saw it, an IPv6 client counted per /64
(serving/client_address.py). It is kept only as a keyed hash, for the length of the
window, in the cache; it is never written to the database.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from serving.client_address import rate_limit_address


def _key(request):
    address = rate_limit_address(request) or ""
    return "feedback-rate:" + salted_hmac("feedback.ratelimit", address).hexdigest()[:32]


def allow(request):
    """Count one submission from the request's address; False once it is over the limit."""
    key = _key(request)
    cache.add(key, 0, timeout=settings.FEEDBACK_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.FEEDBACK_RATE_WINDOW)
        count = 1
    return count <= settings.FEEDBACK_RATE_LIMIT
