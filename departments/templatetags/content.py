"""Template helpers for translated content (and its language), the language switcher, Viber."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from departments.community import community_block
from serving.local_paths import is_local_path

register = template.Library()


@register.simple_tag
def lang_attr(obj, field_name):
    """Return ` lang="el"` when the field is shown in Greek on a page in another language."""
    fallback = obj.fallback_language(field_name)
    return format_html(' lang="{}"', fallback) if fallback else ""


@register.simple_tag
def in_shown_language(obj, field_name):
    """The field's value, wrapped in <span lang="el"> when it falls back to Greek.

    For values placed inside a translated sentence, where the sentence's own element cannot
    carry the value's language (WCAG 3.1.2, language of parts).
    """
    value = getattr(obj, field_name)
    attribute = lang_attr(obj, field_name)
    if not attribute:
        return value
    return format_html("<span{}>{}</span>", attribute, value)


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


@register.simple_tag
def viber_community():
    """The site-wide Viber community block, if staff keep one.

    It is on every page, so it is rendered once per content version and language: no page pays
    a query (or the QR code's drawing) for it.
    """
    html = community_block()["html"]
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)
