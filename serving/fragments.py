"""Stored fragments: the one way a page keeps a rendered piece; and the request memo.

A fragment is a piece of a page (HTML, or a small dict of texts) that depends only on the
published content, the language and the URL prefix: never on the request's path, query or user.
``stored(request, name, build, *parts)`` reads it from the shared cache, or builds and stores it,
under ``fragment_key``: the content generation (a save anywhere shows at once), the running
code's revision (``validators.cache_key``: a deploy never serves what old templates rendered),
the active language and the URL prefix, then the fragment's ``name`` and ``parts`` (what it
shows: a content object's label and primary key). Nothing is ever deleted: old keys age out.
Templates use it through ``{% stored_fragment %}`` (departments/templatetags/pages.py).

Inside ``validators.uncached()`` (a draft's preview; bench/cold_wsgi.py) every fragment is built
and none is read or stored.

The request memo (``remembered``) holds what one request works out once and reads several times:
the content generation, URL resolutions, the Viber block. Without a request (a template rendered
outside a view) nothing is remembered.
"""

from django.urls import get_script_prefix
from django.utils.translation import get_language

from serving import validators
from serving.generation import content_generation
from serving.origin import absolute

_MEMO = "_render_memo"


def remembered(request, key, compute):
    """``compute()``, once per request and ``key``."""
    if request is None:
        return compute()
    values = getattr(request, _MEMO, None)
    if values is None:
        values = {}
        setattr(request, _MEMO, values)
    if key not in values:
        values[key] = compute()
    return values[key]


def generation(request):
    """The content generation, read from the shared cache once per request."""
    return remembered(request, "content-generation", content_generation)


def fragment_key(generation, name, *parts):
    """The cache key of fragment ``name`` of ``parts`` in the active language and URL prefix.

    The prefix is absolute (``SITE_ORIGIN`` too): fragments such as the JSON-LD hold full URLs.
    """
    prefix = absolute(get_script_prefix())
    return validators.cache_key(name, generation, get_language(), prefix, *parts)


def stored(request, name, build, *parts):
    """Fragment ``name`` of ``parts``: read from the shared cache, or ``build()`` and stored."""
    if validators.bypassed():  # nothing is read or stored: no key, no generation to read
        return build()
    return validators.cached(fragment_key(generation(request), name, *parts), build)


def context_request(context):
    """The request a template context renders for, also inside an ``{% include … only %}``."""
    request = getattr(context, "request", None)
    return request if request is not None else context.get("request")
