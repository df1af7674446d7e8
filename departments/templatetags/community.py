"""The site-wide Viber community block."""

from django import template
from django.utils.safestring import mark_safe

from departments.community import community_block

register = template.Library()


@register.simple_tag
def viber_community():
    """The site-wide Viber community block, if staff keep one.

    It is on every page, so it is rendered once per content version and language: no page pays
    a query (or the QR code's drawing) for it.
    """
    html = community_block()["html"]
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)
