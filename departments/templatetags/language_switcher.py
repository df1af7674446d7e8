"""The language switcher's links: the current page in each of the site's languages."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
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
    try:
        resolve(request.path_info)
    except Resolver404:
        return home
    for path in (request.get_full_path(), request.path):
        url = translate_url(path, code)
        if is_local_path(url):
            return url
    return home
