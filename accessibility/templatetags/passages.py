"""Mark a translated field's value with its language when it is shown inside other-language text."""

from django import template
from django.utils.html import format_html

from departments.templatetags.content import lang_attr

register = template.Library()


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
