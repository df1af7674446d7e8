"""The visitor's address, for login throttling and the feedback limit: one rule for the site.

The address is the TCP peer (REMOTE_ADDR), unless the peer is one of the trusted proxies
(DJANGO_TRUSTED_PROXIES). Only then is X-Forwarded-For read, from the right: each proxy appends
the address it was reached from, so the right-most entry that is not itself a trusted proxy is
the one our own proxy saw. Entries further left are whatever the client chose to send.

A header from any other peer is ignored, so where gunicorn is reachable past the proxy nobody
gets a fresh allowance by sending a new X-Forwarded-For with each request.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(str(entry), strict=False) for entry in entries)


def trusted_proxies():
    """The trusted proxies setting as networks (settings.py has validated every entry)."""
    return _networks(tuple(str(entry) for entry in getattr(settings, "TRUSTED_PROXIES", ())))


def _parse(value):
    """An address from a header or REMOTE_ADDR, or None for anything that is not one.

    Accepts the forms proxies write: "192.0.2.1", "2001:db8::1", "[2001:db8::1]:443",
    "192.0.2.1:8080". An IPv4 address mapped into IPv6 is the IPv4 address.
    """
    value = (value or "").strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, proxies):
    return any(address in network for network in proxies)


def client_ip(request):
    """The client's address as an ``ipaddress`` object, or None if REMOTE_ADDR is not one."""
    peer = _parse(request.META.get("REMOTE_ADDR"))
    proxies = trusted_proxies()
    if peer is None or not _is_trusted(peer, proxies):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    address = None
    for entry in reversed(entries):
        address = _parse(entry)
        if address is None:
            # Not what a proxy writes: nothing in this header can be relied on.
            return peer
        if not _is_trusted(address, proxies):
            return address
    # Empty, or every hop a trusted proxy (a request made from a proxy host itself): the
    # left-most hop is where it started.
    return address or peer


def client_address(request):
    """The client's address as text, or None if REMOTE_ADDR is not an address."""
    address = client_ip(request)
    return str(address) if address is not None else None


def rate_limit_address(request):
    """The address to count attempts against: an IPv6 client counts per /64.

    One IPv6 subscriber is usually given a whole /64, so counting each address alone would give
    them 2^64 allowances. The result is the first address of the /64, itself a valid address
    (the login-attempt tables store it in an IP address column). IPv4 addresses stay whole.
    """
    address = client_ip(request)
    if address is None:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def untrusted_forwarder(request):
    """The peer (text) that sent X-Forwarded-For without being a trusted proxy, or None.

    Behind a TLS proxy, DJANGO_TRUSTED_PROXIES then misses the proxy (serving/proxy_warning.py).
    """
    if "HTTP_X_FORWARDED_FOR" not in request.META:
        return None
    peer = _parse(request.META.get("REMOTE_ADDR"))
    if peer is None or _is_trusted(peer, trusted_proxies()):
        return None
    return str(peer)
