"""API errors: one exception type, rendered as ``{"error": {"code": ..., "message": ...}}``."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from serving.errors import json_error, requested_language

ERROR_MESSAGES = {
    "not_found": _("There is nothing at this address. See /api/v1/openapi.json."),
    "method_not_allowed": _("This address only answers GET, HEAD and OPTIONS requests."),
    "not_acceptable": _("This address only serves application/json."),
    "unknown_parameter": _("Unknown query parameter: %(name)s."),
    "malformed_parameter": _("The query parameter %(name)s must be given once."),
    "unsupported_language": _("The lang parameter must be one of: %(codes)s."),
}


class ApiError(Exception):
    """A client error the API answers with a stable code and a readable message."""

    def __init__(self, status, code, headers=None, **params):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or {}
        self.params = params

    def response(self, language):
        with translation.override(language):
            message = str(ERROR_MESSAGES[self.code]) % self.params
        return json_error(
            self.status, self.code, message, {"Content-Language": language, **self.headers}
        )


def error_language(request):
    """Messages are in the language ``lang`` asked for when the site has it, in Greek otherwise."""
    return requested_language(request)
