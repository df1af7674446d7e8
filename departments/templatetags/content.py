"""Template helpers for translated content, the language switcher and the Viber block."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from departments.community import community_block

register = template.Library()


@register.simple_tag
def lang_attr(obj, field_name):
    """Return ` lang="el"` when the field is shown in Greek on a page in another language."""
    shown = obj.shown_language(field_name)
    if shown == (get_language() or settings.LANGUAGE_CODE):
        return ""
    return format_html(' lang="{}"', shown)


@register.simple_tag(takes_context=True)
def language_links(context):
    """Each configured language with the URL of the current page in that language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "is_current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag
def viber_community():
    """The site-wide Viber community block, if staff keep one.

    It is on every page, so it is rendered once per content version and language: no page pays
    a query (or the QR code's drawing) for it.
    """
    html = community_block()["html"]
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)
