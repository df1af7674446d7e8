"""Probes for orchestrators and the answer given when the database is unreachable."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from serving import errors

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
    """The process can reach the database; 503 tells the load balancer to send traffic elsewhere."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def service_unavailable(request):
    """The 503 page in the language of the URL, rendered without context processors or data."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        html = loader.get_template("503.html").render({"LANGUAGE_CODE": language})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def api_unavailable(request):
    """The API's 503, in its own JSON error shape (opendata/errors.py) rather than a web page."""
    language = "en" if request.GET.get("lang") == "en" else "el"
    with translation.override(language):
        message = gettext("The service is temporarily unavailable. Please try again shortly.")
    response = JsonResponse(
        {"error": {"code": "service_unavailable", "message": message}},
        status=503,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a database outage is a temporary 503, anything else the usual 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        if request.path_info.startswith("/api/"):
            return api_unavailable(request)
        return service_unavailable(request)
    return errors.server_error(request)
