"""The read-only JSON API under /api/v1/: plain views behind one decorator.

``api_endpoint`` does what every endpoint shares: methods, CORS, content negotiation, the
``lang`` parameter (a site language's code or ``all``), JSON errors, and the content-version
cache with its ETag and 304.
"""

import hashlib
import json
from functools import wraps

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from opendata import caching, payloads
from opendata.errors import ApiError, error_language
from opendata.openapi import openapi_document

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
JSON = "application/json"
# Larger ids cannot exist, and databases raise on them instead of finding nothing.
MAX_ID = 2**63 - 1
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Content-Language",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Max-Age": "86400",
}
# LocaleMiddleware answers a 404 by redirecting to "/el/<path>" when that path would resolve,
# and the pages' catch-all "<slug>/<slug>/" resolves almost anything. Pointing the request at
# this urlconf (no language prefix patterns) keeps the API's JSON 404s as they are.
API_URLCONF = "opendata.api_urls"
# Part of every cache key: a release that changes the documented shapes never serves bodies
# cached by the previous release under the same content generation.
SCHEMA_HASH = hashlib.sha256(json.dumps(openapi_document(), sort_keys=True).encode()).hexdigest()[
    :12
]


def _lang(request, allowed_params):
    """The requested language ("el" by default), after rejecting unknown or repeated params."""
    for name in request.GET:
        if name not in allowed_params:
            raise ApiError(400, "unknown_parameter", name=name)
    if "lang" not in allowed_params:
        return "el"
    values = request.GET.getlist("lang")
    if len(values) > 1:
        raise ApiError(400, "malformed_parameter", name="lang")
    lang = values[0] if values else "el"
    if lang not in payloads.lang_values():
        raise ApiError(400, "unsupported_language", codes=", ".join(payloads.lang_values()))
    return lang


def _check_method_and_accept(request):
    if request.method not in ("GET", "HEAD"):
        raise ApiError(405, "method_not_allowed", headers={"Allow": ALLOWED_METHODS})
    accept = request.headers.get("Accept", "").strip()
    if accept and not request.accepts(JSON):
        raise ApiError(406, "not_acceptable")


def api_endpoint(params=("lang",)):
    """Wrap a view returning a JSON-ready document (or raising ApiError) into an API endpoint."""

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def endpoint(request, **kwargs):
            request.urlconf = API_URLCONF
            try:
                if request.method == "OPTIONS":
                    response = HttpResponse(status=204, headers=PREFLIGHT_HEADERS)
                    response["Allow"] = ALLOWED_METHODS
                else:
                    _check_method_and_accept(request)
                    lang = _lang(request, params)
                    response = caching.cached_response(
                        request,
                        ("api", SCHEMA_HASH, lang, request.path),
                        lambda: _dump(view(request, lang=lang, **kwargs)),
                        JSON,
                        headers={
                            "Content-Language": (
                                ", ".join(payloads.site_languages()) if lang == "all" else lang
                            ),
                            "Vary": "Accept",
                        },
                    )
            except ApiError as error:
                response = error.response(error_language(request))
            for name, value in CORS_HEADERS.items():
                response[name] = value
            return response

        return endpoint

    return decorator


def _dump(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


@api_endpoint()
def directorate_list(request, lang):
    directorates = list(payloads.directorates())
    return payloads.in_language(
        lang, lambda: [payloads.directorate_document(d) for d in directorates]
    )


@api_endpoint()
def directorate_detail(request, lang, slug):
    directorate = payloads.directorates().filter(slug=slug).first()
    if directorate is None:
        raise ApiError(404, "not_found")
    return payloads.in_language(lang, lambda: payloads.directorate_document(directorate))


@api_endpoint()
def department_list(request, lang):
    departments = list(payloads.departments())
    return payloads.in_language(
        lang, lambda: [payloads.department_document(d) for d in departments]
    )


@api_endpoint()
def department_detail(request, lang, pk):
    if pk > MAX_ID:
        raise ApiError(404, "not_found")
    department = payloads.departments().filter(pk=pk).first()
    if department is None:
        raise ApiError(404, "not_found")
    return payloads.in_language(lang, lambda: payloads.department_document(department))


@api_endpoint(params=())
def openapi(request, lang):
    return openapi_document()


@csrf_exempt
def not_found(request, rest=""):
    """Every other address under /api/: a JSON 404, whatever the method."""
    request.urlconf = API_URLCONF
    response = ApiError(404, "not_found").response(error_language(request))
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response
