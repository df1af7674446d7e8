"""What one page render works out once and reuses: a memo kept on the request being answered.

No tag library (no ``register``): helpers for the tags of departments and seo. Without a request
(a template rendered outside a view) nothing is remembered and every call computes its value.
"""

from serving.generation import content_generation

_ATTRIBUTE = "_page_render_memo"


def memo(request):
    """The request's memo (a dict), or None without a request."""
    if request is None:
        return None
    values = getattr(request, _ATTRIBUTE, None)
    if values is None:
        values = {}
        setattr(request, _ATTRIBUTE, values)
    return values


def remembered(request, key, compute):
    """``compute()``, once per request and ``key``."""
    values = memo(request)
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def generation(request):
    """The content generation, read from the shared cache once per request."""
    return remembered(request, "content-generation", content_generation)


def context_request(context):
    """The request a template context renders for, also in an ``{% include … only %}``."""
    request = getattr(context, "request", None)
    return request if request is not None else context.get("request")
