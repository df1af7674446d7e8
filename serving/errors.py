"""The site's error pages (400, 403, 404, 500, CSRF failure) in the language of the URL.

They belong to the ground floor: every app's requests end here when something is wrong, the admin
included, so none of them lives in a feature app. The 503 for a database outage and the API's
JSON errors are in serving/views.py.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views import defaults


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
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": translation.get_language()}))


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (usually an expired page), explained plainly."""
    return render(request, "403_csrf.html", status=403)
