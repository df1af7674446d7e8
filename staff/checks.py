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
            "(docs/configuration.md).",
            id="staff.E001",
        )
    ]


# Variables that made a forwarded header decide the client's address, now read no more.
RETIRED_ADDRESS_VARIABLES = ("FEEDBACK_ADDRESS_HEADER", "DJANGO_TRUSTED_PROXY_COUNT")


@register(Tags.security)
def retired_address_variables_check(app_configs, **kwargs):
    """FEEDBACK_ADDRESS_HEADER trusted a header anyone could send, DJANGO_TRUSTED_PROXY_COUNT a
    number of hops from any peer; DJANGO_TRUSTED_PROXIES replaces both."""
    return [
        Warning(
            f"{name} is no longer read.",
            hint="Remove it and list the proxy's addresses in DJANGO_TRUSTED_PROXIES: only a "
            "request from one of them has its X-Forwarded-For read.",
            id="staff.W001",
        )
        for name in RETIRED_ADDRESS_VARIABLES
        if os.environ.get(name)
    ]
