"""Site-wide views: the root redirect and error pages in the visitor's language."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views import defaults
from django.views.decorators.vary import vary_on_headers


@vary_on_headers("Accept-Language")
def root_redirect(request):
    """Redirect ``/`` to the home page in the visitor's preferred language."""
    language = translation.get_language_from_request(request, check_path=False)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return HttpResponseRedirect(reverse("departments:home"))


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
