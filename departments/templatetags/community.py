"""The site-wide Viber community block."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from departments.community import community_block
from departments.templatetags.request_memo import context_request, generation, remembered

register = template.Library()


def page_community_block(context):
    """``community_block()``, read once per request and language (the contents link to it)."""
    request = context_request(context)
    return remembered(
        request,
        ("community-block", get_language()),
        lambda: community_block(generation(request)),
    )


@register.simple_tag(takes_context=True)
def viber_community(context):
    """The site-wide Viber community block, if staff keep one.

    It is on every page, so it is rendered once per content version and language: no page pays
    a query (or the QR code's drawing) for it.
    """
    html = page_community_block(context)["html"]
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)
