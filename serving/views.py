"""Probes for orchestrators and the answer given when the database is unreachable."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from serving import errors
from serving.metrics import count_database_error
from serving.proxy_warning import untrusted_peer

DATABASE_DOWN = (OperationalError, InterfaceError)


@require_safe
@never_cache
def healthz(request):
    """The process is alive and serving (no database: a database outage is not a reason to
    restart the container)."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
def readyz(request):
    """The process can reach the database; 503 tells the load balancer to send traffic elsewhere.

    A proxy missing from DJANGO_TRUSTED_PROXIES (serving/proxy_warning.py) is named in the body
    but keeps the node ready: it serves, only every visitor counts as the proxy.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        count_database_error()
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    body = "ok\n"
    peer = untrusted_peer()
    if peer:
        body += (
            f"warning: X-Forwarded-For arrives from {peer}, which is not in "
            "DJANGO_TRUSTED_PROXIES: every visitor counts as that address\n"
        )
    return HttpResponse(body, content_type="text/plain")


# A database outage passes: clients may try again shortly, and nobody may keep this answer.
UNAVAILABLE_HEADERS = {"Retry-After": "30", "Cache-Control": "no-store"}


def service_unavailable(request):
    """The 503 page in the language of the URL, rendered without context processors or data."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    return errors.page_error("503.html", 503, language, UNAVAILABLE_HEADERS)


def api_unavailable(request):
    """The API's 503, in the JSON error shape (serving.errors.json_error) rather than a page."""
    language = errors.requested_language(request)
    with translation.override(language):
        message = gettext("The service is temporarily unavailable. Please try again shortly.")
    return errors.json_error(503, "service_unavailable", message, UNAVAILABLE_HEADERS)


def server_error(request):
    """handler500: a database outage is a temporary 503, anything else the usual 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        if request.path_info.startswith("/api/"):
            return api_unavailable(request)
        return service_unavailable(request)
    return errors.server_error(request)
