"""The table of contents of the directorate page."""

from django import template

from departments.community import community_block

register = template.Library()


@register.simple_tag
def community_title():
    """The Viber block's title as ``{"text", "lang"}``, or None when staff keep no block."""
    block = community_block()
    if not block["title"]:
        return None
    return {"text": block["title"], "lang": block["title_lang"]}
