"""Checks of the settings that decide whose address login throttling and feedback count."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxy_check(app_configs, **kwargs):
    """Behind a TLS proxy, every request comes from the proxy unless the proxy is trusted.

    Login failures and feedback would then all be counted against the proxy's address: a few
    failed logins from anyone would lock every staff member out.
    """
    if settings.SECURE_PROXY_SSL_HEADER is None or settings.TRUSTED_PROXIES:
        return []
    return [
        Error(
            "DJANGO_BEHIND_TLS_PROXY is on but DJANGO_TRUSTED_PROXIES is empty: every visitor "
            "would be counted as the proxy's address.",
            hint="Set DJANGO_TRUSTED_PROXIES to the address(es) the proxy connects from "
            "(README, Configuration).",
            id="staff.E001",
        )
    ]


@register(Tags.security)
def retired_address_header_check(app_configs, **kwargs):
    """FEEDBACK_ADDRESS_HEADER trusted a header that anyone could send; it is no longer read."""
    if not os.environ.get("FEEDBACK_ADDRESS_HEADER"):
        return []
    return [
        Warning(
            "FEEDBACK_ADDRESS_HEADER is no longer read.",
            hint="Remove it and list the proxy's addresses in DJANGO_TRUSTED_PROXIES: only a "
            "request from one of them has its X-Forwarded-For read.",
            id="staff.W001",
        )
    ]
