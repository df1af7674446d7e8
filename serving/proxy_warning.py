"""A wrong DJANGO_TRUSTED_PROXIES, reported: X-Forwarded-For arriving from a peer not in it.

Behind a TLS proxy (DJANGO_BEHIND_TLS_PROXY) every request comes from the proxy with the
visitor's address in X-Forwarded-For. If the proxy is not among the trusted proxies, the header
is ignored (serving/client_address.py) and every visitor counts as the proxy: five failed logins
by anyone lock every member of staff out. ``UntrustedProxyMiddleware`` notices such a request,
logs one warning a minute naming the peer (for all the node's processes, through the cache), and
the readiness probe's body says so while it lasts (``untrusted_peer``).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

from serving.cache import HEALTH
from serving.client_address import untrusted_forwarder

logger = logging.getLogger(__name__)

# The peer last seen, for the readiness probe (kept while it keeps coming: a few minutes).
SEEN_KEY = "serving:untrusted-proxy:seen"
SEEN_SECONDS = 300
# Taken by the one process that logs this minute's warning.
WARNED_KEY = "serving:untrusted-proxy:warned"
WARN_EVERY_SECONDS = 60


class Notices:
    """When this process last reported an untrusted peer (so a flood costs one report a minute).

    ``clock`` is ``time.monotonic``; the tests move a clock of their own.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.next_at = float("-inf")
        self._lock = threading.Lock()

    def due(self):
        now = self.clock()
        with self._lock:
            if now < self.next_at:
                return False
            self.next_at = now + WARN_EVERY_SECONDS
            return True

    def reset(self):
        self.next_at = float("-inf")


NOTICES = Notices()


def report(peer):
    """Record ``peer`` for the probe and log the warning, once a minute across the node."""
    cache.set(SEEN_KEY, peer, SEEN_SECONDS)
    # One process of the node logs it (the one whose add() wins). A per-process cache, or
    # Redis down: each process logs its own, still once a minute.
    shared = getattr(cache, "shared", False) and not HEALTH.down
    if not shared or cache.add(WARNED_KEY, peer, WARN_EVERY_SECONDS) or HEALTH.down:
        logger.warning(
            "X-Forwarded-For came from %s, which is not in DJANGO_TRUSTED_PROXIES: the header is "
            "ignored and every visitor counts as %s (login throttling, feedback limit). Add the "
            "proxy's address to DJANGO_TRUSTED_PROXIES.",
            peer,
            peer,
        )


def untrusted_peer():
    """The untrusted peer that sent X-Forwarded-For in the last few minutes, or None."""
    return cache.get(SEEN_KEY)


class UntrustedProxyMiddleware:
    """Report X-Forwarded-For from an untrusted peer while the site is behind a TLS proxy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.behind_proxy = settings.SECURE_PROXY_SSL_HEADER is not None

    def __call__(self, request):
        if self.behind_proxy and "HTTP_X_FORWARDED_FOR" in request.META:
            peer = untrusted_forwarder(request)
            if peer is not None and NOTICES.due():
                report(peer)
        return self.get_response(request)
