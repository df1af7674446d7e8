"""A per-address limit on feedback, counted in the shared Django cache.

The address is kept only as a keyed hash, for the length of the window, in the cache; it is
never written to the database.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the last entry a trusted proxy appended to a header.

    Behind a load balancer every request comes from the balancer, so FEEDBACK_ADDRESS_HEADER
    (e.g. HTTP_X_FORWARDED_FOR) names the header it writes the visitor's address to.
    """
    header = settings.FEEDBACK_ADDRESS_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(request):
    address = client_address(request)
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
