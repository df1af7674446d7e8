"""The language switcher's links: the current page in each of the site's languages."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language, get_language_info, override

from serving.local_paths import is_local_path

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Each configured language with the URL of the current page in that language."""
    request = context.get("request")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": _page_in(request, code),
                "is_current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


def _page_in(request, code):
    """The current page in language ``code``; its home page when the path is no page of ours.

    The request path is whatever the visitor sent (``//evil.example/el/``): it is only ever
    translated when it resolves, and the result must still be a local path.
    """
    with override(code):
        home = reverse("departments:home")
    if request is None:
        return home
    if _resolved(request, request.path_info) is None:
        return home
    for path in (request.get_full_path(), request.path):
        url = translate_path(request, path, code)
        if is_local_path(url):
            return url
    return home


def _memo(request):
    """What this request's page already worked out about its own URL (resolutions)."""
    memo = getattr(request, "_page_url_memo", None)
    if memo is None:
        memo = {}
        request._page_url_memo = memo
    return memo


def _resolved(request, path):
    """``resolve(path)``, or None when it does not resolve; once per request and path."""
    memo = _memo(request)
    key = ("resolve", path)
    if key not in memo:
        try:
            memo[key] = resolve(path)
        except Resolver404:
            memo[key] = None
    return memo[key]


def translate_path(request, url, code):
    """``django.urls.translate_url(url, code)``, resolving ``url`` only once per request.

    The switcher and the <head> (hreflang, x-default) translate the same path into every
    language: the path is resolved once and reversed once per language.
    """
    if request is None:
        return _translate(url, code, None)
    memo = _memo(request)
    key = ("translate", url, code)
    if key not in memo:
        memo[key] = _translate(url, code, request)
    return memo[key]


def _translate(url, code, request):
    # The same steps as django.urls.translate_url, with the resolution shared.
    parsed = urlsplit(url)
    path = unquote(parsed.path)
    if request is None:
        try:
            match = resolve(path)
        except Resolver404:
            match = None
    else:
        match = _resolved(request, path)
    if match is None:
        return url
    to_be_reversed = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            translated = reverse(to_be_reversed, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return urlunsplit((parsed.scheme, parsed.netloc, translated, parsed.query, parsed.fragment))
