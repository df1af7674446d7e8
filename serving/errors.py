"""The site's error pages (400, 403, 404, 500, CSRF failure) in the language of the URL, and the
two shapes every error answer takes: a page (``page_error``) or JSON (``json_error``).

They belong to the ground floor: every app's requests end here when something is wrong, the admin
included, so none of them lives in a feature app. The 503 for a database outage (page or JSON) is
in serving/views.py; the API's client errors (opendata/errors.py) use ``json_error``.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views import defaults


def json_error(status, code, message, headers=None):
    """A JSON error: ``{"error": {"code": ..., "message": ...}}``, non-ASCII text kept as is."""
    response = JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def requested_language(request):
    """The language an API request asked for with ``lang=`` when the site has it, else Greek.

    API errors are written in it (``lang=all`` and unknown codes get the source language).
    """
    language = request.GET.get("lang", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def page_error(template, status, language, headers=None):
    """An error page in ``language``, rendered without context processors or data: they might
    be what failed."""
    with translation.override(language):
        html = loader.get_template(template).render({"LANGUAGE_CODE": language})
    response = HttpResponse(html, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _activate_path_language(request):
    """Error pages speak the language of the URL prefix when there is a valid one."""
    language = translation.get_language_from_path(request.path_info)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def bad_request(request, exception):
    _activate_path_language(request)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    _activate_path_language(request)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    _activate_path_language(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Render 500.html without context processors: they might be what failed."""
    _activate_path_language(request)
    return page_error("500.html", 500, translation.get_language())


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (usually an expired page), explained plainly."""
    return render(request, "403_csrf.html", status=403)
